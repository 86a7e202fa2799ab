//! Limits that hold and inputs that are really checked: one test (or more)
//! for each way a run used to break its promises — a time limit overrun, a
//! K < 0 reported exact, a valid prior refused, a crash or a hang on odd
//! input, the numeric side on bad input, memory without bound, absurd
//! numbers on the command line, output files replaced or left half-written,
//! unusual input text.
//!
//! Times are asserted with room for the debug build the tests run: the
//! release build's overruns are measured by `cargo bench --bench limits`.

mod common;

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rlct::poly::Rational;

/// Runs `rlct ARGS` with `input` on standard input, returning the output and the wall time.
fn timed(input: &str, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = common::run_stdin(input, args);
    (out, started.elapsed())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The room a debug build gets past a limit: the release build stays within 1 s.
const ROOM: Duration = Duration::from_millis(2500);

fn within(took: Duration, limit: f64) -> bool {
    took <= Duration::from_secs_f64(limit) + ROOM
}

// --- time limits ---------------------------------------------------------

/// An expanded product of four hyperplanes in four variables, squared: the
/// resolution wanders, and must end at the limit with a bound.
#[test]
fn an_expanded_product_of_hyperplanes_ends_at_the_limit() {
    let x = rlct::poly::Poly::var(4, 0);
    let y = rlct::poly::Poly::var(4, 1);
    let z = rlct::poly::Poly::var(4, 2);
    let w = rlct::poly::Poly::var(4, 3);
    let l = rlct::poly::Limits::default();
    let two = Rational::from_integer(2.into());
    let three = Rational::from_integer(3.into());
    let forms = [
        x.add(&y).sub(&z),
        x.sub(&y.scale(&two)).add(&w),
        x.scale(&three).add(&z).sub(&w),
        y.add(&z).add(&w),
    ];
    let mut p = rlct::poly::Poly::one(4);
    for f in &forms {
        p = p.mul(f, &l).unwrap();
    }
    let k = p.mul(&p, &l).unwrap();
    let names: Vec<String> = ["x", "y", "z", "w"].iter().map(|s| s.to_string()).collect();
    let src = format!("vars x, y, z, w;\nK = {};\n", k.display(&names));
    let (out, took) = timed(&src, &["--timeout", "2", "--format", "json"]);
    assert!(within(took, 2.0), "{took:?}");
    assert!(
        matches!(out.status.code(), Some(0) | Some(3)),
        "{}",
        stderr(&out)
    );
}

/// A local problem at the true parameter of a reduced rank regression
/// (the Newton polyhedron there has thousands of faces).
#[test]
fn a_local_model_problem_ends_at_the_limit() {
    let model = rlct::models::reduced_rank_regression(2, 2, 3, 0).unwrap();
    let names = model.problem().unwrap().vars;
    let at: Vec<String> = names.iter().map(|n| format!("{n} = 0")).collect();
    let src = format!("{}at {};\n", model.text, at.join(", "));
    let (out, took) = timed(&src, &["--timeout", "2", "--format", "json"]);
    assert!(within(took, 2.0), "{took:?}");
    assert!(
        matches!(out.status.code(), Some(0) | Some(3)),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Never below the truth (Aoyagi and Watanabe 2005: λ = 2).
    assert!(common::rational(v["lambda"].as_str().unwrap()) >= common::rational("2"));
}

/// Powers that take long to expand, and problems in many variables.
#[test]
fn expansions_and_large_problems_end_at_the_limit() {
    let dense30 = {
        let v: Vec<String> = (1..=30).map(|i| format!("x{i}")).collect();
        let terms: Vec<String> = (0..30)
            .flat_map(|i| (i..30).map(move |j| (i, j)))
            .filter(|(i, j)| (i * 7 + j * 3) % 4 != 0)
            .map(|(i, j)| format!("{}*x{}*x{}", 1 + (i + j) % 3, i + 1, j + 1))
            .collect();
        format!("vars {};\nK = ({})^2;\n", v.join(", "), terms.join(" + "))
    };
    let sos64 = {
        let v: Vec<String> = (1..=64).map(|i| format!("x{i}")).collect();
        let gens: Vec<String> = (0..20)
            .map(|g| {
                (0..6)
                    .map(|t| {
                        format!(
                            "x{}*x{}",
                            1 + (g * 7 + t * 5) % 64,
                            1 + (g * 3 + t * 11) % 64
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" - ")
            })
            .collect();
        format!("vars {};\nK = sos({});\n", v.join(", "), gens.join(", "))
    };
    let tanh8 = rlct::models::tanh_network(8).unwrap().text;
    for (name, src) in [
        (
            "two powers of 100",
            "vars x, y, z, w; K = (x+y+z+w)^100*(x+y+z+w)^100;".to_string(),
        ),
        ("(x + y)^1000", "vars x, y; K = (x + y)^1000;".to_string()),
        ("30-variable dense quadratic", dense30),
        ("64-variable sum of squares", sos64),
        ("tanh network with 8 units", tanh8),
    ] {
        let (out, took) = timed(&src, &["--timeout", "2"]);
        assert!(within(took, 2.0), "{name}: {took:?}");
        assert!(
            matches!(out.status.code(), Some(0) | Some(2) | Some(3)),
            "{name}: {}",
            stderr(&out)
        );
    }
}

/// Drawing the Newton polygon of a power of the cusp: the picture, or a
/// warning, within the limit.
#[test]
fn a_picture_is_drawn_within_the_limit() {
    let dir = std::env::temp_dir().join(format!("rlct-robust-svg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("newton.svg");
    let (out, took) = timed(
        "vars x, y; K = (y^2 - x^3)^100;",
        &["--timeout", "3", "--svg-newton", svg.to_str().unwrap()],
    );
    assert!(within(took, 3.0), "{took:?}");
    match out.status.code() {
        Some(0) => assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg")),
        Some(3) => assert!(stderr(&out).contains("not drawn"), "{}", stderr(&out)),
        other => panic!("exit {other:?}: {}", stderr(&out)),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- sign certificates and priors ---------------------------------------

/// K < 0 near a point of the box, down to a distance of 10⁻⁹: refused, and
/// the point named is one where K < 0 (checked here on K expanded).
#[test]
fn k_negative_near_a_point_is_refused_with_the_point() {
    let cases = [
        "vars x; K = x^2*(x^2 - 1/1000000);",
        "vars x; K = x^2*(x^2 - 1/1000000000000000000);",
        "vars x; K = (x-1/2)^2*((x-1/2)^2 - 1/1000000000000);",
        "vars x; domain x in [0, 1]; K = x^2*(x - 1/1000000000);",
        "vars x, y; K = (x^2+y^2)*(x^2+y^2-1/10000000000);",
        "vars x, y; K = x^2*y^2*(x^2 + y^2 - 1/100000000);",
        "vars x, y, z; K = (x^2+y^2+z^2)^2*(x^2 - 1/100000000000000);",
        "vars x, y; K = (y^2 - x^3)^2*(x^2+y^2 - 1/10000000000000000);",
        "vars x; domain x in [0, 1]; K = (1-x)^2*((1-x) - 1/1000000000);",
        "vars x; K = x^2*(x^2 - 1/1000000); at x = 0;",
        "vars x, y; K = (x-y)^2*(x^2 + y^2 - 1/1000000000000);",
        "vars x, y; domain x in [0,1], y in [0,1]; K = x*y*(x + y - 1/1000000000);",
    ];
    for src in cases {
        let out = common::run_stdin(src, &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{src}: {err}");
        assert!(
            err.contains("is negative on the domain: at "),
            "{src}: {err}"
        );
        // "at x = 1/1792, y = … it equals …"
        let at = err.split("domain: at ").nth(1).unwrap();
        let at = at.split(" it equals").next().unwrap();
        let problem = rlct::parse(src).unwrap();
        let point: Vec<Rational> = at
            .split(", ")
            .map(|kv| common::rational(kv.split(" = ").nth(1).unwrap()))
            .collect();
        assert_eq!(point.len(), problem.dim(), "{src}");
        assert!(
            problem
                .domain
                .iter()
                .zip(&point)
                .all(|(iv, x)| iv.contains(x)),
            "{src}: {at}"
        );
        let k = problem.k(&rlct::poly::Limits::default()).unwrap();
        assert!(
            k.eval(&point) < Rational::from_integer(0.into()),
            "{src}: K ≥ 0 at {at}"
        );
    }
}

/// A prior written as a monomial times a factor of constant sign, negative
/// here: |y|·(2 + x²) near the origin, so λ = 3/2 (the pole of
/// ∫ (x² + y²)^z |y| dx dy is at −(1 + 2)/2), m = 1.
#[test]
fn a_prior_with_a_negative_unit_is_accepted() {
    let out = common::run_stdin(
        "vars x, y; domain y in [-1, 0]; K = x^2 + y^2; prior = -y*(2 + x^2);",
        &["--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["lambda"].as_str(), v["multiplicity"].as_u64()),
        (Some("3/2"), Some(1))
    );
    // Proven ≥ 0, not assumed.
    assert!(!v["notes"]
        .to_string()
        .contains("prior ≥ 0 on the domain is assumed"));
}

// --- input that used to crash ------------------------------------------------

#[test]
fn deep_and_long_input_is_an_answer_or_an_error() {
    let cases = [
        format!(
            "vars x; K = {}x{}^2;",
            "(".repeat(10_000),
            ")".repeat(10_000)
        ),
        format!("vars x; K = {}x^2;", "- ".repeat(100_000)),
        format!("vars x; K = {}x^2;", "-(".repeat(5_000) + &")".repeat(0)),
        format!(
            "vars x, y; K = {};",
            (0..5000)
                .map(|i| format!("{}*x^{}*y^{}", 1 + i % 9, 2 * (i % 20), 2 * (i % 17)))
                .collect::<Vec<_>>()
                .join(" + ")
        ),
        format!("vars x; K = {}^2;", "9".repeat(20_000)),
    ];
    for src in &cases {
        let (out, took) = timed(src, &["--timeout", "5"]);
        let err = stderr(&out);
        assert!(
            matches!(out.status.code(), Some(0) | Some(2) | Some(3)),
            "{}…: exit {:?}: {err}",
            &src[..40],
            out.status.code()
        );
        assert!(within(took, 5.0), "{took:?}");
        // A message shows a window of the line, not all of it.
        assert!(err.lines().all(|l| l.chars().count() < 300), "{err}");
    }
}

// --- the numeric side on bad input ------------------------------------------

#[test]
fn the_numeric_side_refuses_bad_input_and_survives_tiny_boxes() {
    for (src, want) in [
        (
            "vars x; K = x^2; prior = x;",
            "the prior (line 1) is negative",
        ),
        ("vars x, y; K = x^2 - y^2;", "K (line 1) is negative"),
        (
            "vars x; K = x^2*(x^2 - 1/1000000);",
            "K (line 1) is negative",
        ),
    ] {
        for command in ["estimate", "check"] {
            let out = common::run_with_stdin(&[command, "-"], src);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {src}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(want),
                "{command} {src}: {}",
                stderr(&out)
            );
        }
    }
    let problem = rlct::parse("vars x; domain x in [0, 1/10000000000000]; K = x^2;").unwrap();
    let small = rlct::numeric::EstimateOptions {
        runs: 2,
        live: 50,
        ..Default::default()
    };
    let e = rlct::numeric::estimate(&problem, &small).unwrap();
    assert!((e.lambda - 0.5).abs() < 0.1, "{}", e.lambda);
}

/// A local problem whose box holds another zero of K with a smaller λ:
/// K = x²(x − 1/10)⁶ at 0 has λ = 1/2 there (1/6 at 1/10).
#[test]
fn a_local_estimate_measures_its_own_point() {
    let problem = rlct::parse("vars x; K = x^2*(x - 1/10)^6; at x = 0;").unwrap();
    let options = rlct::numeric::EstimateOptions {
        runs: 4,
        live: 200,
        ..Default::default()
    };
    let e = rlct::numeric::estimate(&problem, &options).unwrap();
    assert!(
        (e.lambda - 0.5).abs() < 0.1,
        "{} ± {}",
        e.lambda,
        e.std_error
    );
    assert!(e.notes.iter().any(|n| n.contains("narrowed")));
}

// --- memory ------------------------------------------------------------------

/// The cusp with a prior of degree 48 in twelve idle coordinates, global
/// or local at a point where no idle coordinate is 0.
fn cusp_with_idle_prior(at: Option<&str>) -> String {
    let names: Vec<String> = (1..=12).map(|i| format!("a{i}")).collect();
    let prior: Vec<String> = names.iter().map(|n| format!("{n}^4")).collect();
    let mut src = format!(
        "vars x, y, {};\nK = (x^2 - y^3)^2;\nprior = {};\n",
        names.join(", "),
        prior.join("*")
    );
    if let Some(value) = at {
        let point: Vec<String> = names.iter().map(|n| format!("{n} = {value}")).collect();
        src += &format!("at x = 0, y = 0, {};\n", point.join(", "));
    }
    src
}

/// The prior's translates to sample points have up to 5¹² terms, which the
/// wrap-up of a run used to expand: with a budget of 256 MiB the run ends
/// at its time limit within it.
#[test]
fn memory_is_bounded_by_the_budget() {
    let src = cusp_with_idle_prior(None);
    let (code, peak_kib, took) =
        run_measured(&src, &["-", "--max-memory", "256M", "--timeout", "5"]);
    assert!(matches!(code, Some(0) | Some(3)), "exit {code:?}");
    assert!(peak_kib < 256 * 1024, "peak {} MiB", peak_kib / 1024);
    assert!(within(took, 5.0), "{took:?}");
}

/// At a point where no idle coordinate is 0, the Newton polyhedron there
/// needs the prior's translate, of 5¹² terms: the run ends at the memory
/// limit, under it, with a bound.
#[test]
fn the_memory_limit_ends_a_run() {
    let src = cusp_with_idle_prior(Some("1/2"));
    let (code, peak_kib, took) =
        run_measured(&src, &["-", "--max-memory", "64M", "--timeout", "120"]);
    assert_eq!(code, Some(3));
    assert!(peak_kib < 64 * 1024, "peak {} MiB", peak_kib / 1024);
    assert!(took < Duration::from_secs(60), "{took:?}");
}

/// Runs the binary with `input` on stdin; exit code, peak memory (KiB, as
/// the process reports it: wait4's figure would include this test
/// process's own, inherited at the fork) and wall time.
fn run_measured(input: &str, args: &[&str]) -> (Option<i32>, u64, Duration) {
    use std::io::Write;
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args(args)
        .env("RLCT_REPORT_PEAK_MEMORY", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let peak = err
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|l| l.strip_suffix(" KiB"))
        .and_then(|n| n.parse().ok())
        .expect("the peak memory line");
    (out.status.code(), peak, started.elapsed())
}

// --- the command line ----------------------------------------------------------

#[test]
fn absurd_numbers_on_the_command_line_are_refused_or_harmless() {
    let cusp = common::root().join("examples/cusp.rlct");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rlct"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[cusp.to_str().unwrap(), "--timeout", "1e300"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for args in [
        vec![
            "estimate",
            cusp.to_str().unwrap(),
            "--live",
            "18446744073709551615",
        ],
        vec!["estimate", cusp.to_str().unwrap(), "--runs", "0"],
        vec!["estimate", cusp.to_str().unwrap(), "--decades", "1e308"],
        vec![cusp.to_str().unwrap(), "--timeout", "nan"],
        vec![cusp.to_str().unwrap(), "--max-memory", "-1G"],
        vec![
            "model",
            "rrr",
            "--inputs",
            "18446744073709551615",
            "--outputs",
            "1",
            "--hidden",
            "1",
        ],
        vec![
            "model",
            "rrr",
            "--inputs",
            "4294967296",
            "--outputs",
            "4294967296",
            "--hidden",
            "4294967296",
        ],
        vec!["model", "tanh", "--hidden", "18446744073709551615"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    // Sixteen layers of width 2: 60 parameters, accepted; an answer or a
    // clear refusal, not a crash.
    let widths = vec!["2"; 16].join(",");
    let out = run(&["model", "dln", "--widths", &widths, "--timeout", "2"]);
    assert!(
        matches!(out.status.code(), Some(0) | Some(2) | Some(3)),
        "{}",
        stderr(&out)
    );
    // The numeric commands take a time limit.
    let started = Instant::now();
    let out = run(&["check", cusp.to_str().unwrap(), "--timeout", "0.5"]);
    assert!(
        matches!(out.status.code(), Some(0) | Some(3) | Some(4)),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < Duration::from_millis(500) + ROOM);
}

// --- output files --------------------------------------------------------------

#[cfg(unix)]
#[test]
fn output_files_keep_what_they_are() {
    use std::os::unix::fs::FileTypeExt;
    let dir = std::env::temp_dir().join(format!("rlct-robust-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cusp = common::root().join("examples/cusp.rlct");
    let cusp = cusp.to_str().unwrap();
    // A symlink: followed, the link stays and its target gets the report.
    let target = dir.join("target.txt");
    std::fs::write(&target, "old").unwrap();
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([cusp, "-o", link.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("λ = 5/12"));
    // A FIFO: written into, and still a FIFO.
    let fifo = dir.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([cusp, "-o", fifo.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(reader.join().unwrap().contains("λ = 5/12"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // A device: written to, and still a device.
    let out = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([cusp, "-o", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // --plot through a symlink, atomically.
    let plot_target = dir.join("plot-target.svg");
    std::fs::write(&plot_target, "old").unwrap();
    let plot_link = dir.join("plot.svg");
    std::os::unix::fs::symlink(&plot_target, &plot_link).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([
            "estimate",
            cusp,
            "--runs",
            "2",
            "--live",
            "50",
            "--plot",
            plot_link.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&plot_target)
        .unwrap()
        .starts_with("<svg"));
    // No temporary file is left behind.
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// SIGTERM in the middle of a long run: it ends promptly with the best
/// bound, written whole to its file, and no temporary file left.
#[cfg(unix)]
#[test]
fn a_terminated_run_ends_with_its_bound_written_whole() {
    let dir = std::env::temp_dir().join(format!("rlct-robust-term-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.json");
    let model = rlct::models::reduced_rank_regression(3, 3, 3, 1).unwrap();
    let input = dir.join("model.rlct");
    std::fs::write(&input, &model.text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([
            input.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            report.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert!(started.elapsed() < ROOM, "{:?}", started.elapsed());
    assert_eq!(status.code(), Some(3));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["status"], "bound");
    assert!(v.to_string().contains("interrupted"), "{}", v["reasons"]);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A closed standard error is no reason to crash: the exit code is the
/// one the run would have had.
#[cfg(unix)]
#[test]
fn a_closed_standard_error_keeps_the_exit_code() {
    let exe = env!("CARGO_BIN_EXE_rlct");
    let status = Command::new("sh")
        .args(["-c", &format!("echo 'vars x; K = x^2 +;' | '{exe}' - 2>&-")])
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

// --- input text ------------------------------------------------------------------

#[test]
fn byte_order_marks_line_endings_and_bytes_that_are_not_utf8() {
    // A byte-order mark is not part of the input.
    let out = common::run_stdin("\u{feff}vars x;\nK = x^2;\n", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Old Mac line endings (CR only): lines are counted as an editor does.
    let out = common::run_stdin("vars x;\r# comment\rK = x^2 +;\r", &[]);
    assert!(
        stderr(&out).contains("line 3, column 10"),
        "{}",
        stderr(&out)
    );
    let out = common::run_stdin("vars x;\r\nK = x^2 +;\r\n", &[]);
    assert!(
        stderr(&out).contains("line 2, column 10"),
        "{}",
        stderr(&out)
    );
    // Bytes that are not UTF-8: the offset, the line and the column.
    let e = rlct::parse::parse_bytes(b"vars x;\nK = x^2 \xff;").unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("line 2, column 9") && text.contains("byte offset 16"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_refused_at_the_size_limit() {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .arg("/dev/zero")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("larger than 16 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}
