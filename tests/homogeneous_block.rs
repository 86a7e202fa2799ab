//! Forms in a block of coordinates over a box that is not symmetric in it:
//! the cone step cuts the block to a symmetric box (by homogeneity every
//! local problem outside it repeats one inside), the block is blown up, and
//! the independent checker re-derives the cone step and the leaves.

use rlct::resolve::Step;
use rlct::{analyze, check::check_tree, parse, Options, Status};

mod common;

/// K = (x₁y₁ + x₂y₂ + x₁y₂²)², the x's on [−3/4, 1/4]. Derived: at a point
/// where the coefficient vector (y₁ + y₂², y₂) of the form is non-zero, K is
/// the square of a coordinate, 1/2 with m = 1; at y = 0, x = 0 it is the
/// square of a non-degenerate quadric in four variables up to higher
/// order, whose |·| has threshold min(1, 4/2) = 1 with m = 1: 1/2, m = 1.
const QUADRIC: &str = "vars x1, x2, y1, y2;
domain x1 in [-3/4, 1/4], x2 in [-3/4, 1/4], y1 in [0, 1], y2 in [0, 1];
K = (x1*y1 + x2*y2 + x1*y2^2)^2;";

/// Latent Dirichlet allocation with two words, two documents and three
/// topics, after the first generator is solved for the first topic's
/// offset A₁ (v₁ ≤ 1/2 keeps its coefficient a unit): the second is
/// A₂P + A₃Q with P = v₂(1 − v₁)w₂ − v₁(1 − v₂)w₁ and
/// Q = v₂(1 − v₁)(1 − w₂) − v₁(1 − v₂)(1 − w₁). Derived: integrating the A's
/// first, ζ(z) ≍ C(z)·∫ (P² + Q²)^z φ dy with C(z) a simple pole at −1/2 (a
/// linear form in A over a neighbourhood of 0), and P + Q = v₂ − v₁ with
/// P = v(1 − v)(w₂ − w₁) on v₁ = v₂ = v, so ⟨P, Q⟩ is the ideal of the
/// codimension-two set {v₁ = v₂, w₁ = w₂} away from v = 0, 1 (λ = 1 > 1/2
/// there and at v = 0): λ = 1/2, m = 1. Before the cone step: a bound
/// after 264 charts in a minute.
const LDA_SLICE: &str = "vars A2, A3, v1, w1, v2, w2;
domain A2 in [-3/4, 1/4], A3 in [-3/4, 1/4], v1 in [0, 1/2], w1 in [0, 1], v2 in [0, 1], w2 in [0, 1];
prior = v1*v2;
K = (A2*(v2*(1-v1)*w2 - v1*(1-v2)*w1) + A3*(v2*(1-v1)*(1-w2) - v1*(1-v2)*(1-w1)))^2;";

fn solve(src: &str) -> (rlct::Problem, rlct::Rlct) {
    let problem = parse(src).unwrap();
    let r = analyze(&problem, &Options::default()).unwrap();
    (problem, r)
}

#[test]
fn forms_in_a_block_are_cut_to_their_cone_and_blown_up() {
    for src in [QUADRIC, LDA_SLICE] {
        let (problem, r) = solve(src);
        assert_eq!(r.status, Status::Exact, "{src}");
        assert_eq!(
            (r.lambda.clone(), r.multiplicity),
            (common::rational("1/2"), 1)
        );
        let tree = r.resolution.tree.as_ref().expect("a tree");
        assert!(
            tree.nodes
                .iter()
                .any(|n| matches!(n.step, Step::Cone { .. })),
            "no cone step: {src}"
        );
        let report = check_tree(&problem, tree).unwrap();
        assert!(
            report.fully > 0 && report.too_large.is_empty(),
            "{report:?}"
        );
    }
}

#[test]
fn the_checker_refuses_a_cone_that_is_not_symmetric() {
    let (problem, r) = solve(QUADRIC);
    let mut tree = r.resolution.tree.clone().expect("a tree");
    let cone = tree
        .nodes
        .iter()
        .position(|n| matches!(n.step, Step::Cone { .. }))
        .expect("a cone step");
    tree.nodes[cone].chart.domain[0].lo = common::rational("-1/8");
    let refused = check_tree(&problem, &tree).unwrap_err();
    assert!(refused.contains("cone step"), "{refused}");
}
