//! Statistical models written as input files from their reductions
//! (examples/models/): latent trees, mixtures, factor analysis. Each file
//! derives its value in its comments, with the source it rests on, and ends
//! its header with `# expect: lambda = …, m = …, exact`. Every file directly
//! in examples/models/ must come out exact with that value, and its tree must
//! pass the independent checker. examples/models/frontier/ holds instances
//! that are exact but slow, or only bounded today (see its README).

use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rlct"))
        .collect();
    v.sort();
    v
}

/// λ and m of the `# expect:` line.
fn expected(src: &str) -> (rlct::poly::Rational, usize) {
    let line = src
        .lines()
        .find_map(|l| l.strip_prefix("# expect:"))
        .expect("an expect line");
    let field = |key: &str| {
        line.split(',')
            .map(str::trim)
            .find_map(|f| f.strip_prefix(key))
            .map(|v| v.trim_start_matches([' ', '=']).trim().to_string())
            .unwrap_or_else(|| panic!("no {key} in {line}"))
    };
    assert!(line.trim_end().ends_with("exact"), "{line}");
    (
        field("lambda").parse().unwrap(),
        field("m ").parse().unwrap(),
    )
}

fn assert_exact(files: &[PathBuf]) {
    let options = rlct::Options {
        timeout: Some(std::time::Duration::from_secs(60)),
        ..rlct::Options::default()
    };
    let mut failures = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(f).unwrap();
        let (lambda, m) = expected(&src);
        let problem = rlct::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = rlct::analyze(&problem, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        if (r.status, &r.lambda, r.multiplicity) != (rlct::Status::Exact, &lambda, m) {
            failures.push(format!(
                "{name}: {:?} λ = {} m = {}, expected λ = {lambda} m = {m}",
                r.status, r.lambda, r.multiplicity
            ));
            continue;
        }
        if let Some(tree) = &r.resolution.tree {
            if let Err(e) = rlct::check::check_tree(&problem, tree) {
                failures.push(format!("{name}: the checker refutes it: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/models")
}

#[test]
fn model_files_are_exact_with_their_derived_values() {
    let files = files(&models());
    assert!(files.len() >= 20, "only {} model files", files.len());
    assert_exact(&files);
}

/// The frontier files that are exact, in seconds each (release).
#[test]
#[ignore = "slow: about 15 s in release"]
fn slow_model_files_are_exact() {
    let files: Vec<PathBuf> = [
        "latent-tree--fiveleaf-path15.rlct",
        "latent-tree--sixleaf-snowflake-cherries.rlct",
    ]
    .iter()
    .map(|n| models().join("frontier").join(n))
    .collect();
    assert_exact(&files);
}
