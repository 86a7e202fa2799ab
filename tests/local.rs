//! Local RLCTs at points (`at`), where the Newton polyhedron is degenerate and
//! the resolution has to follow the fiber over the point. Each value is derived
//! in its comment from the local geometry of the zero set.

use rlct::{analyze, parse, Options, Status};

/// (input, λ, m)
const CASES: &[(&str, &str, usize)] = &[
    // A prior that vanishes on the box's faces (s·t, the Jacobian of a
    // simplex in stick-breaking coordinates) but not at the point: a unit
    // near it. With u = s − 1/3, w = s − t, f = w² − u³ is the cusp (lct
    // 5/6), so λ = 5/12, m = 1. (The local box shrinks until the prior's
    // sign is proven; the problem was refused.)
    (
        "vars s, t; domain s in [0, 1], t in [0, 1]; prior = s*t; K = ((s - t)^2 - (s - 1/3)^3)^2; at s = 1/3, t = 1/3;",
        "5/12",
        1,
    ),
    // The cusp at its singular point: lct 5/6 (three blow-ups), halved for K = f².
    ("vars x, y; K = (y^2 - x^3)^2; at x = 0, y = 0;", "5/12", 1),
    // The same curve at (1, 1), a smooth point (∇f = (-3, 2) ≠ 0): λ = 1/2.
    ("vars x, y; K = (y^2 - x^3)^2; at x = 1, y = 1;", "1/2", 1),
    // Two lines crossing at the origin: u = x - y, v = x + y give u²v², m = 2 ...
    ("vars x, y; K = (x^2 - y^2)^2; at x = 0, y = 0;", "1/2", 2),
    // ... while at (1/2, 1/2) only the line x = y passes: m = 1.
    (
        "vars x, y; K = (x^2 - y^2)^2; at x = 1/2, y = 1/2;",
        "1/2",
        1,
    ),
    // Four lines at the origin: one blow-up, E with N = 4, ν = 2: lct 1/2, λ = 1/4.
    (
        "vars x, y; K = (x*y*(x + y)*(x - y))^2; at x = 0, y = 0;",
        "1/4",
        1,
    ),
    // A smooth point of the unit circle: λ = 1/2.
    (
        "vars x, y; domain x in [-2, 2], y in [-2, 2]; K = (x^2 + y^2 - 1)^2; at x = 3/5, y = 4/5;",
        "1/2",
        1,
    ),
    // The parabola y = x² at its vertex, where the Newton polyhedron is degenerate: smooth, λ = 1/2.
    ("vars x, y; K = (y - x^2)^2; at x = 0, y = 0;", "1/2", 1),
    // x²(y - 1/2)² at (0, 1/2), where the two lines cross: m = 2; a box boundary point.
    (
        "vars x, y; domain y in [1/2, 1]; K = x^2*(y - 1/2)^2; at x = 0, y = 1/2;",
        "1/2",
        2,
    ),
    // x²(y + z²)² + x⁴w² at the origin: s = y + z² replaces y, and in
    // (x, w, s) K = x²(s² + x²w²), whose Newton polyhedron (points (2,0,2),
    // (4,2,0)) meets the diagonal at t = 2 on the face (2,0,2) + ℝ₊e_w of
    // codimension 2: λ = 1/2, m = 2 (x² and s² both give 1/2 and cross).
    // A toric leaf of a local problem, re-derived by the checker.
    (
        "vars x, y, z, w; K = sos(x*(y + z^2), x^2*w); at x = 0, y = 0, z = 0, w = 0;",
        "1/2",
        2,
    ),
    // (x + y²)² + z² at the origin: x' = x + y² makes it x'² + z², λ = 1.
    (
        "vars x, y, z; K = (x + y^2)^2 + z^2; at x = 0, y = 0, z = 0;",
        "1",
        1,
    ),
    // Factor analysis, p = 4, one factor, at its diagonal truth (Ω = I,
    // L = 0; examples/models/factor-analysis--fa-p4-k1-r0-diagonal.rlct):
    // u_i = w_i + l_i² − 1 are four coordinates (1/2 each), and ⟨l_i l_j⟩
    // doubled has Newton polyhedron meeting the diagonal at t = 1 on the one
    // facet Σ = 4: λ = 2 + 1 = 3, m = 1 (Drton and Plummer 2017, diagonal
    // case). Its Newton polyhedron has too many faces to enumerate quickly
    // (27 s once); the resolution certifies it in one chart.
    (
        "vars w1, w2, w3, w4, l1, l2, l3, l4;
         domain w1 in [1/2, 2], w2 in [1/2, 2], w3 in [1/2, 2], w4 in [1/2, 2],
           l1 in [-1, 1], l2 in [-1, 1], l3 in [-1, 1], l4 in [-1, 1];
         K = sos(w1 + l1^2 - 1, l1*l2, l1*l3, l1*l4, w2 + l2^2 - 1, l2*l3, l2*l4,
           w3 + l3^2 - 1, l3*l4, w4 + l4^2 - 1);
         at w1 = 1, w2 = 1, w3 = 1, w4 = 1, l1 = 0, l2 = 0, l3 = 0, l4 = 0;",
        "3",
        1,
    ),
];

#[test]
fn local_values_through_the_resolution() {
    let (mut fully, mut partly) = (0, 0);
    for (src, lambda, m) in CASES {
        let problem = parse(src).unwrap();
        let r = analyze(&problem, &Options::default()).unwrap();
        assert_eq!(r.status, Status::Exact, "{src}");
        assert_eq!(r.lambda.to_string(), *lambda, "{src}");
        assert_eq!(r.multiplicity, *m, "{src}");
        if let Some(tree) = &r.resolution.tree {
            let report =
                rlct::check::check_tree(&problem, tree).unwrap_or_else(|e| panic!("{src}: {e}"));
            fully += report.fully;
            partly += report.monomial_part;
        }
    }
    eprintln!("local trees: {fully} leaves fully re-verified, {partly} on their monomial part");
    assert!(fully > 0);
}

#[test]
fn local_is_never_below_global() {
    // The global λ is the minimum of the local ones.
    let global = analyze(
        &parse("vars x, y; K = (y^2 - x^3)^2;").unwrap(),
        &Options::default(),
    )
    .unwrap();
    let local = analyze(
        &parse("vars x, y; K = (y^2 - x^3)^2; at x = 1, y = 1;").unwrap(),
        &Options::default(),
    )
    .unwrap();
    assert!(global.lambda <= local.lambda);
}
