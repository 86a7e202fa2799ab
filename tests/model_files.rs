//! Statistical models written as input files from their reductions
//! (examples/models/): latent trees, mixtures, factor analysis. Each file
//! derives its value in its comments, with the source it rests on, and ends
//! its header with `# expect: lambda = …, m = …, exact`. Every file directly
//! in examples/models/ must come out exact with that value, and its tree must
//! pass the independent checker. examples/models/frontier/ holds instances
//! that are exact but slow, or only bounded today (see its README).

mod common;

use common::expect::{expectation, Expect};
use std::path::PathBuf;

fn assert_exact(files: &[PathBuf]) {
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(f).unwrap();
        let Expect::Exact { lambda, m } = expectation(&src) else {
            panic!("{name}: a model file here states an exact value");
        };
        failures.extend(exact(&name, &src, &lambda, m as usize));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Why `src` is not exact with `lambda`, `m` and checked, within 60 s.
fn exact(name: &str, src: &str, lambda: &str, m: usize) -> Option<String> {
    let options = rlct::Options {
        timeout: Some(std::time::Duration::from_secs(60)),
        ..rlct::Options::default()
    };
    let problem = rlct::parse(src).unwrap_or_else(|e| panic!("{name}: {e}"));
    let r = rlct::analyze(&problem, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    common::cases::exact_and_checked(name, &problem, &r, &common::rational(lambda), m)
}

fn models() -> PathBuf {
    common::root().join("examples/models")
}

#[test]
fn model_files_are_exact_with_their_derived_values() {
    let files = common::rlct_files(&models());
    assert!(files.len() >= 20, "only {} model files", files.len());
    assert_exact(&files);
}

/// The frontier files that are exact, in seconds each (release).
#[test]
#[ignore = "slow: about 70 s in release, with the checker (most of it on the three-trial mixture)"]
fn slow_model_files_are_exact() {
    let files: Vec<PathBuf> = [
        "latent-tree--sixleaf-snowflake-cherries.rlct",
        "latent-tree--fiveleaf-F345.rlct",
        "naive-bayes--nb3-independent.rlct",
        "naive-bayes--nb4-independent.rlct",
        "naive-bayes--nb3-one-dependent-pair.rlct",
        "naive-bayes--nb4-one-dependent-pair.rlct",
        "mixtures--multinomial-M3-N2-moments.rlct",
        "mixtures--multinomial-M3-N3-moments.rlct",
        "lda--M3-N2-H2-r0.rlct",
        "lda--M3-N2-H2-r1.rlct",
        "lda--M3-N3-H2-r0.rlct",
        "lda--M3-N3-H2-r1.rlct",
        "lda--M2-N2-H3-r0.rlct",
    ]
    .iter()
    .map(|n| models().join("frontier").join(n))
    .collect();
    assert_exact(&files);
}

/// One row of examples/models/frontier/true-points.toml: a true parameter
/// of a model file, with the local λ and m derived by hand there.
#[derive(serde::Deserialize)]
struct TruePoint {
    file: String,
    at: String,
    lambda: String,
    m: usize,
}

#[derive(serde::Deserialize)]
struct TruePoints {
    model: Vec<TruePoint>,
}

/// Local parity: every model file (and the frontier files that are exact,
/// slowly, globally), asked `at` a true parameter where the local λ and m
/// equal the global ones (derived per point in the table), comes out exact
/// with them and passes the checker.
#[test]
fn model_files_are_exact_at_their_true_points() {
    let table = std::fs::read_to_string(models().join("frontier/true-points.toml")).unwrap();
    let points: TruePoints = toml::from_str(&table).unwrap();
    let files = common::rlct_files(&models());
    let named: Vec<String> = points.model.iter().map(|p| p.file.clone()).collect();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            named.contains(&name),
            "{name} has no true point in the table"
        );
    }
    let mut failures = Vec::new();
    for p in &points.model {
        let src = std::fs::read_to_string(models().join(&p.file)).unwrap();
        let src = format!("{src}\nat {};\n", p.at);
        let name = format!("{} at {}", p.file, p.at);
        failures.extend(exact(&name, &src, &p.lambda, p.m));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
