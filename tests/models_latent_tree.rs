//! `rlct model latent-tree`: the port of sBIC's `learnCoef.LatentForests`
//! against the package's own test cases, the generator against the
//! hand-written files of examples/models (same reduction), and the engine
//! against the values (Drton, Lin, Weihs and Zwiernik, Bernoulli 2017, as
//! implemented in sBIC), which it never reads.

mod common;

use std::time::Duration;

use common::models::assert_never_disagrees;
use rlct::models::latent_tree::{sbic_learn_coef, Forest, Truth};
use rlct::models::{latent_tree, Agreement, Model};
use rlct::{analyze, Options, Status};

/// The tree of sBIC's `tests/testthat/test_LatentForests.R`, in its edge
/// order (so its 0/1 supports read position by position).
const FIVE: [&str; 7] = ["1-6", "2-6", "6-7", "7-8", "3-7", "4-8", "5-8"];
const QUARTET: &str = "1-5,2-5,5-6,3-6,4-6";

fn support(bits: [u8; 7]) -> String {
    let edges: Vec<&str> = FIVE
        .iter()
        .zip(bits)
        .filter(|(_, b)| *b == 1)
        .map(|(e, _)| *e)
        .collect();
    if edges.is_empty() {
        "none".to_string()
    } else {
        edges.join(",")
    }
}

/// A forest on leaves 1..5 with the given edges of the sBIC tree (the
/// leaves that lose every edge stay as isolated observed nodes).
fn five_forest(bits: [u8; 7]) -> Forest {
    let mut items: Vec<&str> = FIVE
        .iter()
        .zip(bits)
        .filter(|(_, b)| *b == 1)
        .map(|(e, _)| *e)
        .collect();
    items.extend(["1", "2", "3", "4", "5"]);
    Forest::parse(&items.join(",")).unwrap()
}

/// `learnCoef(superModel, subModel)` of sBIC's test file: every expected
/// λ and m, read from `test_that("Learning coefficients are correct")`.
#[test]
fn the_port_reproduces_the_sbic_test_cases() {
    let all = [1; 7];
    for (sup, sub, lambda, m) in [
        (all, all, "6", 1),
        ([0; 7], [0; 7], "5/2", 1),
        (all, [0, 0, 0, 1, 1, 1, 1], "19/4", 1), // 4.75
        (all, [1, 0, 1, 1, 0, 0, 1], "9/2", 1),
        ([1, 0, 1, 1, 0, 0, 1], [0; 7], "3", 4),
        ([1, 1, 0, 1, 1, 1, 0], [1, 1, 0, 0, 0, 0, 0], "7/2", 3),
    ] {
        let t = five_forest(sup);
        let truth = Truth::parse(&support(sub), &t).unwrap();
        assert_eq!(
            sbic_learn_coef(&t, &truth),
            (common::rational(lambda), m),
            "support {sup:?}, subSupport {sub:?}"
        );
    }
}

/// The q-forests of the quartet tree: sBIC's `getSubModelSupports` test
/// lists 13 ("11111", "01111", …, "00000"); the others are refused.
#[test]
fn the_truth_must_be_a_q_forest() {
    let t = Forest::parse(QUARTET).unwrap();
    let edges: Vec<&str> = QUARTET.split(',').collect();
    let accepted = (0..32u32)
        .filter(|mask| {
            let f: Vec<&str> = (0..5)
                .filter(|i| mask >> i & 1 == 1)
                .map(|i| edges[i])
                .collect();
            let s = if f.is_empty() {
                "none".to_string()
            } else {
                f.join(",")
            };
            Truth::parse(&s, &t).is_ok()
        })
        .count();
    assert_eq!(accepted, 13);
}

fn example(name: &str) -> String {
    let path = format!("{}/examples/models/{name}.rlct", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lt(edges: &str, truth: &str) -> Model {
    latent_tree(edges, truth).unwrap_or_else(|e| panic!("{edges} at {truth}: {e}"))
}

/// The hand-written files and the arguments that reproduce them.
fn file_instances() -> Vec<(&'static str, Model)> {
    let five = FIVE.join(",");
    vec![
        ("latent-tree--quartet-indep", lt(QUARTET, "none")),
        ("latent-tree--quartet-cherry", lt(QUARTET, "1-5,2-5")),
        (
            "latent-tree--quartet-two-cherries",
            lt(QUARTET, "1-5,2-5,3-6,4-6"),
        ),
        ("latent-tree--fiveleaf-path15", lt(&five, "1-6,6-7,7-8,5-8")),
        (
            "latent-tree--path15-indep-m4",
            lt("1-6,6-7,7-8,5-8,2,3,4", "none"),
        ),
        (
            "latent-tree--forest-cherry-m3",
            lt("1-6,2-6,7-8,3-7,4-8,5", "1-6,2-6"),
        ),
        (
            "latent-tree--sixleaf-caterpillar-indep",
            lt("1-7,2-7,7-8,3-8,8-9,4-9,9-10,5-10,6-10", "none"),
        ),
        (
            "frontier/latent-tree--fiveleaf-F345",
            lt(&five, "7-8=1/2,3-7=2/3,4-8=3/4,5-8=1/2"),
        ),
        (
            "frontier/latent-tree--sixleaf-snowflake-cherries",
            lt(
                "7-8,7-9,7-10,1-8,2-8,3-9,4-9,5-10,6-10",
                "1-8=1/2,2-8=2/3,3-9=3/4,4-9=1/2,5-10=-2/3,6-10=3/4",
            ),
        ),
    ]
}

/// Same coordinates, box and generators as the hand-written files, and the
/// same value (the files were written from the same sBIC formula, with the
/// same n/2 convention).
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
        let f = model.formula.as_ref().unwrap();
        assert_eq!(f.lambda, common::rational(&lambda), "{name}");
        assert_eq!(f.multiplicity as u64, m, "{name}");
    }
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

fn assert_exact_and_equal(model: &Model, seconds: f64) {
    let f = model.formula.as_ref().unwrap();
    let started = std::time::Instant::now();
    let r = solve(model, seconds);
    assert_eq!(
        (r.status, r.lambda.clone(), r.multiplicity),
        (Status::Exact, f.lambda.clone(), f.multiplicity),
        "{} in {:?}",
        model.name,
        started.elapsed()
    );
    assert_eq!(model.compare(&r), Some(Agreement::Agrees));
}

/// The instances (up to 8 edges) that the release build solves exactly in
/// about a second (measured 2026-12-04, two shared cores): every q-forest
/// of the three-leaf star, nine of the quartet's thirteen, and two forests.
#[test]
fn fast_instances_up_to_8_parameters_agree() {
    let star = "1-4,2-4,3-4";
    for truth in ["none", "1-4,2-4", "1-4,3-4", "2-4,3-4", "1-4,2-4,3-4"] {
        assert_exact_and_equal(&lt(star, truth), 20.0);
    }
    for truth in [
        "none",
        "1-5,2-5",
        "3-6,4-6",
        "1-5,5-6,3-6",
        "2-5,5-6,3-6",
        "1-5,5-6,4-6",
        "2-5,5-6,4-6",
        "1-5,2-5,3-6,4-6",
        "1-5,2-5,5-6,3-6,4-6",
    ] {
        assert_exact_and_equal(&lt(QUARTET, truth), 20.0);
    }
    assert_exact_and_equal(&lt("1-6,6-7,7-8,5-8,2,3,4", "none"), 20.0);
    assert_exact_and_equal(&lt("1-6,2-6,7-8,3-7,4-8,5", "1-6,2-6"), 20.0);
    assert_exact_and_equal(&lt(&FIVE.join(","), "none"), 20.0);
    assert_exact_and_equal(&lt(&FIVE.join(","), "1-6,2-6"), 20.0);
}

/// The five-leaf tree's q-forests that come out exact in 1 to 10 s.
#[test]
#[ignore = "each takes 2 to 10 s in release (about 45 s in all)"]
fn slow_five_leaf_instances_agree() {
    let five = FIVE.join(",");
    for truth in [
        "1-6,6-7,3-7",
        "2-6,6-7,3-7",
        "1-6,6-7,7-8,4-8",
        "2-6,6-7,7-8,4-8",
        "1-6,2-6,7-8,3-7,4-8",
        "1-6,6-7,7-8,5-8",
        "2-6,6-7,7-8,5-8",
        "1-6,2-6,7-8,3-7,5-8",
        "1-6,2-6,4-8,5-8",
        "1-6,6-7,3-7,4-8,5-8",
        "2-6,6-7,3-7,4-8,5-8",
    ] {
        assert_exact_and_equal(&lt(&five, truth), 30.0);
    }
}

/// Where the engine stops at a bound (the quartet with the inner edge and
/// three or four leaf edges true: bound 5 in 10 s), it never claims less
/// than sBIC's value.
#[test]
fn bounds_are_never_below_the_value() {
    for truth in ["1-5,2-5,5-6,3-6", "1-5,5-6,3-6,4-6"] {
        let model = lt(QUARTET, truth);
        let r = solve(&model, 3.0);
        assert_never_disagrees(&model, &r);
    }
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
        "latent-tree",
        "--edges",
        QUARTET,
        "--truth",
        "1-5,2-5",
    ];
    let emitted = run(&[&args[..], &["--emit"]].concat());
    assert_eq!(emitted.status.code(), Some(0));
    let file = String::from_utf8(emitted.stdout).unwrap();
    assert!(
        file.contains("Generated by `rlct model latent-tree --edges"),
        "{file}"
    );
    rlct::parse(&file).expect("the emitted file parses");
    let out = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["lambda"].as_str(), v["multiplicity"].as_u64()),
        (Some("5/4"), Some(1))
    );
    assert_eq!(v["model"]["formula"]["agreement"], "agrees");
    // Named nodes: the hidden ones are those of degree 2 or 3.
    let named = run(&[
        "model",
        "latent-tree",
        "--edges",
        "h1-x1,h1-x2,h1-h2,h2-x3,h2-x4",
        "--truth",
        "none",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&named.stdout).unwrap();
    assert_eq!(v["model"]["formula"]["agreement"], "agrees");
}

#[test]
fn bad_trees_and_truths_exit_2_with_a_message() {
    for (edges, truth, message) in [
        ("1-4,2-4,3-4,4-1", "none", "repeated"),
        ("1-5,5-6,6-7,7-5,2-6,3-7", "none", "cycle"),
        ("1-5,2-5,3-5,4-5", "none", "degree 4"),
        ("1-1", "none", "loop"),
        ("1,2,3", "none", "at least 1"),
        (QUARTET, "1-3", "not an edge of the tree"),
        (QUARTET, "5-6", "q-forest"),
        (QUARTET, "1-5=1,2-5", "inside (-1, 1)"),
        (QUARTET, "1-5=x", "not a rational"),
        ("a b-c", "none", "not a node label"),
    ] {
        let out = run(&["model", "latent-tree", "--edges", edges, "--truth", truth]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{edges} {truth}: {err}");
        assert!(err.contains(message), "{edges} {truth}: {err}");
    }
}
