//! Resource limits: a case that needs more charts, depth or time than allowed
//! ends as an honest bound (exit 3) that names the unresolved charts.

mod common;

use serde_json::Value;

fn run(args: &[&str]) -> (Option<i32>, Value) {
    run_on("cusp", args)
}

/// Runs an example. The two-unit tanh network (λ = 2/3) needs charts at
/// depth 2 and more, so small limits bite (the cusp is resolved by one
/// toric blow-up, and a leaf stands whatever the limits).
fn run_on(example: &str, args: &[&str]) -> (Option<i32>, Value) {
    let path = common::root().join(format!("examples/{example}.rlct"));
    let out = common::run_file(&path, args);
    let v = serde_json::from_slice(&out.stdout).expect("JSON even when a limit is hit");
    (out.status.code(), v)
}

#[test]
fn too_few_charts_gives_a_bound() {
    let (code, v) = run_on("tanh-two-units", &["--format", "json", "--max-charts", "3"]);
    assert_eq!(code, Some(3));
    assert_eq!(v["status"], "bound");
    // Never below the true λ = 2/3.
    assert!(common::rational(v["lambda"].as_str().unwrap()) >= common::rational("2/3"));
    let reasons = v["reasons"].to_string();
    assert!(reasons.contains("left unresolved: #"), "{reasons}");
    assert!(v["tree"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["outcome"].as_str().unwrap().contains("chart limit")));
}

#[test]
fn too_little_depth_gives_a_bound() {
    let (code, v) = run_on("tanh-two-units", &["--format", "json", "--max-depth", "1"]);
    assert_eq!(code, Some(3));
    assert_eq!(v["status"], "bound");
    assert!(v["reasons"].to_string().contains("unresolved"));
}

#[test]
fn enough_charts_gives_the_exact_value() {
    let (code, v) = run(&["--format", "json"]);
    assert_eq!(code, Some(0));
    assert_eq!(v["lambda"], "5/12");
    assert_eq!(v["multiplicity"], 1);
    assert!(v["charts"].as_u64().unwrap() > 3);
}

#[test]
fn a_bad_timeout_is_bad_input() {
    let out = common::run_file(
        &common::root().join("examples/cusp.rlct"),
        &["--timeout", "-1"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dot_output_is_a_graph() {
    let out = common::run_file(
        &common::root().join("examples/cusp.rlct"),
        &["--format", "dot"],
    );
    assert_eq!(out.status.code(), Some(0));
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph resolution {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("n0 -> n1"));
}

/// A budget too small even to read the input (expanding a power of 46376
/// terms takes longer) ends the run as a limit does (exit 3), saying so,
/// with nothing to report.
#[test]
fn a_budget_too_small_to_read_the_input_stops_the_run() {
    let started = std::time::Instant::now();
    let out = common::run_stdin(
        "vars x, y, z, w, v; K = (x + y + z + w + v)^30;",
        &["--format", "json", "--timeout", "0.01"],
    );
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("time limit 0.01 s reached while reading the input"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn the_tree_table_is_deterministic() {
    let run = || common::run_file(&common::root().join("examples/circle.rlct"), &["--tree"]).stdout;
    assert_eq!(run(), run());
}

/// Reduced rank regression with M = N = H = 4 and true rank 0 (32
/// parameters; Aoyagi and Watanabe 2005: λ = 6, m = 1) is far beyond a
/// one-second budget (about 40 s in release). The run must end near the
/// limit — charts left on the stack are named unresolved without being
/// certified, and the Newton bounds at sampled zeros skip the costly
/// non-degeneracy test — with a bound never below 6.
#[test]
fn a_time_limit_ends_a_large_run_with_a_bound() {
    let model = rlct::models::reduced_rank_regression(4, 4, 4, 0).unwrap();
    let src = model.text.as_str();
    let out = common::run_stdin(src, &["--format", "json", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"], "bound");
    assert!(common::rational(v["lambda"].as_str().unwrap()) >= common::rational("6"));
    assert!(v["tree"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["outcome"].as_str().unwrap().contains("time limit")));
}

/// The resolution works ahead on all cores but numbers and limits the tree
/// as one thread would: the tree, cut by the chart limit or not, is the
/// same byte for byte whatever the number of threads.
#[test]
fn the_tree_does_not_depend_on_the_number_of_threads() {
    // The two-unit tanh network: a tree of 25 charts, a few levels deep.
    let path = common::root().join("examples/tanh-two-units.rlct");
    let problem = rlct::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    for max_charts in [7, 5000] {
        let mut options = rlct::Options::default();
        options.exploration.max_charts = max_charts;
        let report = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let r = pool.install(|| rlct::analyze(&problem, &options).unwrap());
            rlct::report::json(&problem, &r, None)
        };
        let one = report(1);
        assert_eq!(one, report(2), "--max-charts {max_charts}");
        assert_eq!(one, report(5), "--max-charts {max_charts}");
    }
}
