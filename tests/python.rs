//! The Python package's test suite (python/tests), run from `cargo test` so
//! that the README's one test command covers both languages.
//!
//! It builds a virtual environment under the target directory (kept
//! between runs), installs maturin, pytest, SymPy, mypy (for the stubs),
//! NumPy and IPython (for the display) into it from PyPI (once), installs the package from `python/` as `pip install ./python`
//! does (the extension is built in release mode, its build cached under the
//! target directory), and runs pytest with `RLCT_CLI` naming the `rlct`
//! binary of this build, which the suite compares the package against.
//!
//! It needs Python 3 with `venv` and pip (and network access to PyPI the
//! first time). Without them it fails and says so; `RLCT_SKIP_PYTHON=1`
//! skips it deliberately. `RLCT_PYTHON` names the interpreter to use.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const SKIP: &str = "RLCT_SKIP_PYTHON";

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target directory this test was built in (`CARGO_TARGET_TMPDIR` is
/// its `tmp` folder).
fn target_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map(Path::to_path_buf).unwrap_or(tmp)
}

/// The environment's folder of programs (its `python`, `maturin`).
fn venv_bin(venv: &Path) -> PathBuf {
    venv.join(if cfg!(windows) { "Scripts" } else { "bin" })
}

/// `PATH` with the environment's programs first, as `activate` sets it:
/// the build backend runs `maturin` by name.
fn venv_path(venv: &Path) -> std::ffi::OsString {
    let mut dirs = vec![venv_bin(venv)];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries without separators")
}

/// What to do when setting up the environment fails.
const SETUP_HINT: &str =
    "(Python 3 with venv and pip is needed; set RLCT_SKIP_PYTHON=1 to skip the Python tests)";

/// Runs a command, failing the test with its output (and `hint`) if it fails.
fn run(what: &str, cmd: &mut Command, hint: &str) -> Output {
    let started = Instant::now();
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"));
    eprintln!("{what}: {:.1} s", started.elapsed().as_secs_f64());
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n--- stdout ---\n{}\n--- stderr ---\n{}\n{hint}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// The interpreter that makes the environment: `RLCT_PYTHON`, else the
/// first of `python3` and `python` that runs.
fn system_python() -> String {
    if let Ok(p) = std::env::var("RLCT_PYTHON") {
        return p;
    }
    for candidate in ["python3", "python"] {
        let ok = Command::new(candidate)
            .args(["-c", "import sys; assert sys.version_info >= (3, 8)"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return candidate.to_string();
        }
    }
    panic!("no Python 3.8 or later found (python3, python): install it, name it in RLCT_PYTHON, or set {SKIP}=1 to skip the Python tests");
}

#[test]
fn python_package_test_suite() {
    if std::env::var(SKIP).is_ok_and(|v| v == "1") {
        eprintln!("{SKIP}=1: the Python package's tests are skipped");
        return;
    }
    let started = Instant::now();
    let target = target_dir();
    let venv = target.join("python-venv");
    let python = venv_bin(&venv).join(if cfg!(windows) {
        "python.exe"
    } else {
        "python"
    });
    if !python.exists() {
        run(
            "creating the virtual environment",
            Command::new(system_python())
                .args(["-m", "venv"])
                .arg(&venv),
            SETUP_HINT,
        );
    }
    // The tools, once: a run after the first needs no network.
    let have_tools = Command::new(&python)
        .args(["-c", "import maturin, pytest, sympy, mypy, numpy, IPython"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_tools {
        run(
            "installing maturin, pytest, SymPy, mypy, NumPy and IPython from PyPI",
            Command::new(&python).args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "maturin>=1,<2",
                "pytest",
                "sympy",
                "mypy",
                "numpy",
                "ipython",
            ]),
            SETUP_HINT,
        );
    }
    // As `pip install ./python`, with the environment's maturin instead of
    // a fresh download, and the extension's build kept in the target
    // directory so that the next run rebuilds only what changed.
    run(
        "building and installing the package (pip install ./python)",
        Command::new(&python)
            .current_dir(root())
            .env("PATH", venv_path(&venv))
            .env("CARGO_TARGET_DIR", target.join("python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-build-isolation",
                "--force-reinstall",
                "--no-deps",
                "./python",
            ]),
        SETUP_HINT,
    );
    let out = run(
        "pytest python/tests",
        Command::new(&python)
            .current_dir(root())
            .env("RLCT_CLI", env!("CARGO_BIN_EXE_rlct"))
            .args([
                "-m",
                "pytest",
                "python/tests",
                "-q",
                "-rs",
                "-p",
                "no:cacheprovider",
            ]),
        "",
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", summary.trim_end());
    eprintln!(
        "the Python package's tests: {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
}
