//! Every file in examples/ runs through the binary without a panic, and its
//! `# expect:` line (a value from the source cited in the file) holds.

mod common;

use common::expect::{expectation, Expect};
use serde_json::Value;

#[test]
fn examples_give_their_stated_values() {
    let files = common::examples();
    assert!(files.len() >= 15, "only {} examples", files.len());
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        let out = common::run_file(&f, &["--format", "json"]);
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 3),
            "{name}: exit {:?}, stderr {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let lambda = common::rational(v["lambda"].as_str().unwrap());
        match expectation(&src) {
            Expect::Exact { lambda: want, m } => {
                assert_eq!(v["status"], "exact", "{name}");
                assert_eq!(out.status.code(), Some(0), "{name}");
                assert_eq!(lambda, common::rational(&want), "{name}: λ");
                assert_eq!(v["multiplicity"].as_u64(), Some(m), "{name}: m");
            }
            Expect::Bound { truth } => {
                assert_eq!(v["status"], "bound", "{name}");
                assert_eq!(out.status.code(), Some(3), "{name}");
                assert!(
                    lambda >= common::rational(&truth),
                    "{name}: bound below the truth"
                );
            }
        }
    }
}

#[test]
fn the_human_summary_runs_on_every_example() {
    for f in common::examples() {
        let out = common::run_file(&f, &[]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("F_n = n·K_min"), "{}: {text}", f.display());
    }
}

#[test]
fn output_is_deterministic() {
    for f in common::examples().iter().take(6) {
        let a = common::run_file(f, &["--format", "json"]).stdout;
        let b = common::run_file(f, &["--format", "json"]).stdout;
        assert_eq!(a, b, "{}", f.display());
    }
}
