//! Snapshots of the human summary (files under snapshots/, reviewed by reading them).

mod common;

use rlct::{analyze, parse, report, Options};

fn summary(example: &str) -> String {
    let src = std::fs::read_to_string(common::root().join("examples").join(example)).unwrap();
    let problem = parse(&src).unwrap();
    let r = analyze(&problem, &Options::default()).unwrap();
    report::text(&problem, &r)
}

macro_rules! snapshot_summary {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(stringify!($name), summary($file));
            });
        }
    };
}

snapshot_summary!(
    summary_quasi_homogeneous_prior,
    "quasi-homogeneous-prior.rlct"
);
snapshot_summary!(summary_normal_crossing, "normal-crossing.rlct");
snapshot_summary!(
    summary_reduced_rank_regression,
    "reduced-rank-regression.rlct"
);
snapshot_summary!(summary_bounded_away, "bounded-away.rlct");
snapshot_summary!(summary_local_at_origin, "local-at-origin.rlct");
snapshot_summary!(summary_cusp, "cusp.rlct");
snapshot_summary!(summary_newton_vertex, "newton-vertex.rlct");

fn tree(example: &str) -> String {
    let src = std::fs::read_to_string(common::root().join("examples").join(example)).unwrap();
    let problem = parse(&src).unwrap();
    let r = analyze(&problem, &Options::default()).unwrap();
    let tree = r.resolution.tree.as_ref().expect("a resolution tree");
    format!(
        "λ = {}, m = {}\n{}",
        r.lambda,
        r.multiplicity,
        report::tree_table(&problem, tree)
    )
}

macro_rules! snapshot_tree {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(stringify!($name), tree($file));
            });
        }
    };
}

snapshot_tree!(tree_cusp, "cusp.rlct");
snapshot_tree!(tree_two_lines, "two-lines.rlct");
snapshot_tree!(tree_diagonal_line, "diagonal-line.rlct");
snapshot_tree!(tree_away_from_origin, "away-from-origin.rlct");
snapshot_tree!(tree_crossing_off_origin, "crossing-off-origin.rlct");
snapshot_tree!(tree_four_lines, "four-lines.rlct");
snapshot_tree!(tree_hidden_coordinate, "hidden-coordinate.rlct");
