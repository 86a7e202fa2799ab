//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod cases;
pub mod expect;
pub mod models;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use rlct::poly::Rational;

/// `"5/12"` → 5/12.
pub fn rational(s: &str) -> Rational {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a rational: {s}"))
}

/// Runs the `rlct` binary with the given input on standard input.
pub fn run_stdin(input: &str, args: &[&str]) -> Output {
    let mut all = vec!["-"];
    all.extend_from_slice(args);
    run_with_stdin(&all, input)
}

/// Runs `rlct ARGS` (which name `-` where the input goes) with `input` on
/// standard input.
pub fn run_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rlct runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Runs the `rlct` binary on a file.
pub fn run_file(path: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rlct"))
        .arg(path)
        .args(args)
        .output()
        .expect("rlct runs")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All example input files, sorted.
pub fn examples() -> Vec<PathBuf> {
    rlct_files(&root().join("examples"))
}

/// The input files (`*.rlct`) directly in a folder, sorted.
pub fn rlct_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rlct"))
        .collect();
    v.sort();
    v
}
