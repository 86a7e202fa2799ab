//! `rlct model factor-analysis`: the generator against the hand-written
//! files of examples/models (same reduction), and the engine against the
//! values of Drton and Plummer 2017 / sBIC (`learnCoef.FactorAnalyses`),
//! Drton et al. 2025 (arXiv:2511.15419: exact for diagonal Σ₀ and a generic
//! one-factor truth, an upper bound otherwise) and the derivations in
//! `src/models/factor_analysis.rs` (the two-loadings stratum; regular
//! points at r = k), which the engine never reads.

mod common;

use std::time::Duration;

use rlct::models::{
    factor_analysis, Agreement, BoundAgreement, FactorAnalysis, Model, TrueLoadings,
};
use rlct::{analyze, Options, Status};

fn fa(p: usize, k: usize, r: usize, loadings: TrueLoadings, keep_noise: bool) -> Model {
    factor_analysis(&FactorAnalysis {
        observed: p,
        factors: k,
        true_factors: r,
        loadings,
        keep_noise,
    })
    .unwrap_or_else(|e| panic!("p={p} k={k} r={r}: {e}"))
}

fn given(s: &str) -> TrueLoadings {
    TrueLoadings::parse(s).unwrap()
}

fn solve(model: &Model, seconds: f64) -> rlct::Rlct {
    let options = Options {
        timeout: Some(Duration::from_secs_f64(seconds)),
        ..Options::default()
    };
    analyze(
        &model.problem().expect("the generated file parses"),
        &options,
    )
    .unwrap()
}

/// The hand-written files and the generator's arguments that reproduce them.
fn file_instances() -> Vec<(&'static str, Model)> {
    use TrueLoadings::{Generic, TwoNonzero};
    vec![
        (
            "factor-analysis--fa-p4-k1-r0-diagonal",
            fa(4, 1, 0, Generic, true),
        ),
        (
            "factor-analysis--fa-p4-k1-r1-generic",
            fa(4, 1, 1, Generic, true),
        ),
        (
            "factor-analysis--fa-p4-k1-r1-two-loadings",
            fa(4, 1, 1, TwoNonzero, true),
        ),
        (
            "factor-analysis--fa-p5-k1-r0-diagonal",
            fa(5, 1, 0, Generic, true),
        ),
        (
            "factor-analysis--fa-p5-k1-r1-generic",
            fa(5, 1, 1, Generic, true),
        ),
        (
            "factor-analysis--fa-p5-k1-r1-two-loadings",
            fa(5, 1, 1, TwoNonzero, true),
        ),
        (
            "factor-analysis--fa-p5-k2-r0-diagonal",
            fa(5, 2, 0, Generic, false),
        ),
        (
            "frontier/factor-analysis--fa-p5-k2-r1",
            fa(5, 2, 1, Generic, false),
        ),
        (
            "frontier/factor-analysis--fa-p5-k2-r2-generic",
            fa(
                5,
                2,
                2,
                given("1/4,0; 1/4,1/4; 1/8,-1/4; 1/4,1/8; -1/8,1/4"),
                false,
            ),
        ),
    ]
}

fn example(name: &str) -> String {
    let path = format!("{}/examples/models/{name}.rlct", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The generator writes the same coordinates, box and generators as the
/// hand-written files, and its value (exact, or the bound where the
/// generator claims none) is the one each file derives.
#[test]
fn the_generator_reproduces_the_hand_written_files() {
    for (name, model) in file_instances() {
        let text = example(name);
        let (mine, theirs) = (model.problem().unwrap(), rlct::parse(&text).unwrap());
        assert_eq!(mine.vars, theirs.vars, "{name}");
        assert_eq!(mine.domain, theirs.domain, "{name}");
        assert_eq!(mine.target, theirs.target, "{name}");
        let common::expect::Expect::Exact { lambda, m } = common::expect::expectation(&text) else {
            panic!("{name}: an exact expectation");
        };
        let claimed = model.formula.as_ref().or(model.bound.as_ref()).unwrap();
        assert_eq!(claimed.lambda, common::rational(&lambda), "{name}");
        assert_eq!(claimed.multiplicity as u64, m, "{name}");
    }
}

/// Every instance with an exact value up to 8 parameters (both with the
/// uniquenesses eliminated and kept): exact and equal. The values: r = 0,
/// (k + 2)p/4 (sBIC; Drton et al. 2025, diagonal Σ₀), minus p/2 when Ω is
/// eliminated; r = k = 1 generic, p (regular); two non-zero loadings,
/// (2p − 1)/2 (derived in the generator's doc).
#[test]
fn every_exact_instance_up_to_8_parameters_agrees() {
    let mut seen = 0;
    for keep_noise in [false, true] {
        for p in 2..=8usize {
            for k in 1..p {
                let parameters = p * k + if keep_noise { p } else { 0 };
                if parameters > 8 {
                    continue;
                }
                for r in 0..=k {
                    for loadings in [TrueLoadings::Generic, TrueLoadings::TwoNonzero] {
                        if loadings == TrueLoadings::TwoNonzero && (k != 1 || r != 1 || p < 3) {
                            continue;
                        }
                        let model = fa(p, k, r, loadings, keep_noise);
                        let Some(f) = model.formula.clone() else {
                            continue;
                        };
                        let started = std::time::Instant::now();
                        let result = solve(&model, 20.0);
                        assert_eq!(
                            (result.status, result.lambda.clone(), result.multiplicity),
                            (Status::Exact, f.lambda.clone(), f.multiplicity),
                            "{} (keep noise {keep_noise}) in {:?}: {}",
                            model.name,
                            started.elapsed(),
                            f.source
                        );
                        assert_eq!(model.compare(&result), Some(Agreement::Agrees));
                        seen += 1;
                    }
                }
            }
        }
    }
    assert!(seen >= 15, "only {seen} instances");
}

/// The one-factor files with p = 5 and Ω kept (10 coordinates) and the
/// two-factor diagonal truth (10 loadings): exact and equal, each within a
/// few seconds.
#[test]
fn the_ten_coordinate_instances_of_the_example_files_agree() {
    for (name, model) in file_instances()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("frontier"))
    {
        let f = model.formula.clone().expect("an exact value");
        let result = solve(&model, 30.0);
        assert_eq!(
            (result.status, result.lambda.clone(), result.multiplicity),
            (Status::Exact, f.lambda, f.multiplicity),
            "{name}"
        );
    }
}

/// One factor at a generic one-factor truth with ten and twelve observed
/// variables (45 and 66 generators in 10 and 12 loadings): exact and equal
/// to Drton et al. 2025's value p/2 (after the p/2 of the eliminated
/// noise variances). Until the eliminations kept their generators
/// primitive, p = 10 spent the whole minute on its first chart, its
/// coefficients growing as in Gaussian elimination without division
/// (release: under a second each now).
#[test]
fn one_factor_truths_with_ten_and_twelve_variables_agree() {
    for p in [10, 12] {
        common::models::assert_exact_and_agrees(&fa(p, 1, 1, TrueLoadings::Generic, false), 120);
    }
}

/// Where the literature has only an upper bound, the engine never finds
/// an exact λ above it; the two-loadings stratum improves it (to (2p−1)/2).
#[test]
fn no_exact_value_exceeds_the_published_bound() {
    let mut improved = 0;
    for (model, seconds) in [
        (fa(3, 1, 1, TrueLoadings::TwoNonzero, false), 10.0),
        (fa(4, 1, 1, TrueLoadings::TwoNonzero, false), 10.0),
        (fa(4, 1, 1, TrueLoadings::TwoNonzero, true), 10.0),
        (fa(5, 1, 1, TrueLoadings::TwoNonzero, false), 10.0),
        (fa(5, 2, 1, TrueLoadings::Generic, false), 3.0),
    ] {
        let bound = model.bound.clone().expect("a published bound");
        let result = solve(&model, seconds);
        if result.status == Status::Exact {
            assert!(result.lambda <= bound.lambda, "{}", model.name);
        }
        assert_ne!(model.compare_bound(&result), Some(BoundAgreement::Above));
        if model.compare_bound(&result) == Some(BoundAgreement::Improved) {
            improved += 1;
        }
    }
    assert!(improved >= 3);
}

/// Beyond the Ledermann bound the published value is not claimed: at
/// p = 2, k = 1, Σ₀ = I, K = (w₁ − 1)² + (w₂ − 1)² + (l₁l₂)² after
/// eliminating ω is (l₁l₂)², λ = 1/2 with m = 2 (a normal crossing), while
/// (k + 2)p/4 − p/2 = 1/2 comes with m = 1.
#[test]
fn beyond_the_ledermann_bound_no_value_is_claimed() {
    let model = fa(2, 1, 0, TrueLoadings::Generic, false);
    assert!(model.formula.is_none() && model.bound.is_none());
    let result = solve(&model, 10.0);
    assert_eq!(
        (result.status, result.lambda, result.multiplicity),
        (Status::Exact, common::rational("1/2"), 2)
    );
}

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_emits_solves_and_compares() {
    let args = [
        "model",
        "factor-analysis",
        "--observed",
        "4",
        "--factors",
        "1",
    ];
    let emitted = run(&[&args[..], &["--true-factors", "1", "--emit"]].concat());
    assert_eq!(emitted.status.code(), Some(0));
    let file = String::from_utf8(emitted.stdout).unwrap();
    assert!(
        file.contains("Generated by `rlct model factor-analysis"),
        "{file}"
    );
    rlct::parse(&file).expect("the emitted file parses");
    let again = common::run_stdin(&file, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (v["lambda"].as_str(), v["multiplicity"].as_u64()),
        (Some("2"), Some(1))
    );

    let out = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["model"]["formula"]["agreement"], "agrees");

    let two = [
        "--true-factors",
        "1",
        "--true-loadings",
        "two",
        "--keep-noise",
    ];
    let out = run(&[&args[..], &two, &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["model"]["formula"]["agreement"], "agrees");
    assert_eq!(
        v["model"]["published_bound"]["comparison"],
        "bound-improved"
    );
}

#[test]
fn bad_sizes_and_truths_exit_2_with_a_message() {
    for (extra, message) in [
        (
            vec!["--observed", "3", "--factors", "3"],
            "need more than k",
        ),
        (vec!["--observed", "40", "--factors", "2"], "at most 64"),
        (vec!["--observed", "0", "--factors", "1"], "at least 1"),
        (
            vec!["--observed", "4", "--factors", "1", "--true-factors", "2"],
            "exceeds",
        ),
        (
            vec![
                "--observed",
                "3",
                "--factors",
                "1",
                "--true-factors",
                "1",
                "--true-loadings",
                "1/2,1/2",
            ],
            "are needed",
        ),
        (
            vec![
                "--observed",
                "3",
                "--factors",
                "1",
                "--true-factors",
                "1",
                "--true-loadings",
                "1/4,0,0",
            ],
            "diagonal",
        ),
        (
            vec![
                "--observed",
                "3",
                "--factors",
                "1",
                "--true-factors",
                "1",
                "--true-loadings",
                "1/4,1/4,1/2",
            ],
            "inside the box",
        ),
    ] {
        let out = run(&[&["model", "factor-analysis"][..], &extra].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains(message), "{extra:?}: {err}");
    }
}
