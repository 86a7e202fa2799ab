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
    let options = rlct::Options {
        timeout: Some(std::time::Duration::from_secs(60)),
        ..rlct::Options::default()
    };
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(f).unwrap();
        let Expect::Exact { lambda, m } = expectation(&src) else {
            panic!("{name}: a model file here states an exact value");
        };
        let problem = rlct::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = rlct::analyze(&problem, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let lambda = common::rational(&lambda);
        failures.extend(common::cases::exact_and_checked(
            &name, &problem, &r, &lambda, m as usize,
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
#[ignore = "slow: about 3 minutes in release, with the checker (90 s of it on the three-trial mixture)"]
fn slow_model_files_are_exact() {
    let files: Vec<PathBuf> = [
        "latent-tree--sixleaf-snowflake-cherries.rlct",
        "naive-bayes--nb3-independent.rlct",
        "mixtures--multinomial-M3-N2-moments.rlct",
        "mixtures--multinomial-M3-N3-moments.rlct",
    ]
    .iter()
    .map(|n| models().join("frontier").join(n))
    .collect();
    assert_exact(&files);
}
