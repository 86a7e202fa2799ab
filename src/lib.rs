//! # rlct
//!
//! Exact real log canonical thresholds. Given a polynomial K(w) ≥ 0 on a box
//! W, a prior φ(w) and optionally a point, `rlct` computes λ and m: the
//! largest pole −λ, of order m, of ζ(z) = ∫_W K(w)^z φ(w) dw — the
//! learning coefficient and its multiplicity in Watanabe's free energy
//! `F_n = n·K_min + λ·log n − (m−1)·log log n + O_p(1)`.
//!
//! Every answer is either exact and certified — by a non-degenerate Newton
//! polyhedron, or by a resolution of singularities whose every chart is
//! certified normal crossing — or explicitly an upper bound with the reasons
//! (and the unresolved charts) named.
//!
//! ```
//! use rlct::{analyze, parse, Options, Status};
//!
//! // x² + y⁴ is non-degenerate: its Newton polyhedron gives λ = 1/2 + 1/4.
//! let problem = parse("vars x, y; K = x^2 + y^4;").unwrap();
//! let r = analyze(&problem, &Options::default()).unwrap();
//! assert_eq!((r.lambda.to_string(), r.multiplicity, r.status), ("3/4".into(), 1, Status::Exact));
//!
//! // The cusp is degenerate: one toric blow-up from its Newton polygon
//! // resolves it into four charts, λ = 5/12.
//! let problem = parse("vars x, y; K = (y^2 - x^3)^2;").unwrap();
//! let r = analyze(&problem, &Options::default()).unwrap();
//! assert_eq!((r.lambda.to_string(), r.status), ("5/12".into(), Status::Exact));
//! assert!(r.resolution.tree.is_some());
//!
//! // With too small a budget the answer is an honest upper bound.
//! let mut tight = Options::default();
//! tight.exploration.max_charts = 1;
//! let r = analyze(&problem, &tight).unwrap();
//! assert_eq!(r.status, Status::Bound);
//! assert!(r.lambda >= "5/12".parse().unwrap());
//! ```
//!
//! The pipeline, one module per stage:
//! [`parse`](mod@parse) (text → [`Problem`]) → [`resolve`] (Newton polyhedra, blow-ups
//! into certified charts) → [`residue`] (λ, m, candidate poles) → [`report`]
//! (text, JSON, the tree as a table or DOT). [`check`] re-verifies a tree
//! independently. [`budget`] is the time and memory budget of a run, checked
//! inside every stage, so that a run ends at its limit with a bound.
//! The mathematics the engine relies on is summarised in [`tutorials`].

pub mod budget;
pub mod check;
pub mod error;
pub mod models;
pub mod newton;
pub mod numeric;
pub mod parse;
pub mod poly;
pub mod problem;
pub mod report;
pub mod residue;
pub mod resolve;
pub mod tutorials;

pub use error::{Error, Location};
pub use parse::parse;
pub use problem::{Interval, Problem, Target};
pub use residue::{Pole, Reason, Rlct, Status};
pub use resolve::{Options, Scope};

/// Computes λ and m for a problem: [`resolve::resolve`] then [`residue::rlct`],
/// under the current [`budget::Budget`] or else the one `options` ask for.
pub fn analyze(problem: &Problem, options: &Options) -> Result<Rlct, Error> {
    resolve::resolve(problem, options).map(residue::rlct)
}
