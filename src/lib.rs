//! # rlct
//!
//! Exact real log canonical thresholds. Given a polynomial K(w) ≥ 0 on a box
//! W, a prior φ(w) and optionally a point, `rlct` computes λ and m: the
//! largest pole −λ, of order m, of ζ(z) = ∫_W K(w)^z φ(w) dw — the
//! learning coefficient and its multiplicity in Watanabe's free energy
//! `F_n = n·K_min + λ·log n − (m−1)·log log n + O_p(1)`.
//!
//! Every answer is either exact and certified (here: by a non-degenerate
//! Newton polyhedron) or explicitly an upper bound with the reasons named.
//!
//! ```
//! use rlct::{analyze, parse, Options, Status};
//!
//! // The cusp-free quasi-homogeneous example x² + y⁴: λ = 1/2 + 1/4.
//! let problem = parse("vars x, y; K = x^2 + y^4;").unwrap();
//! let r = analyze(&problem, &Options::default()).unwrap();
//! assert_eq!(r.lambda.to_string(), "3/4");
//! assert_eq!(r.multiplicity, 1);
//! assert_eq!(r.status, Status::Exact);
//!
//! // (x − y)² is degenerate for its Newton polyhedron: only a bound.
//! let problem = parse("vars x, y; K = (x - y)^2;").unwrap();
//! let r = analyze(&problem, &Options::default()).unwrap();
//! assert_eq!(r.status, Status::Bound);
//! ```
//!
//! The pipeline, one module per stage:
//! [`parse`] (text → [`Problem`]) → [`resolve`] (where K vanishes, and
//! certified local forms there) → [`residue`] (λ, m) → [`report`] (text, JSON).
//! The mathematics the engine relies on is summarised in [`tutorials`].

pub mod check;
pub mod error;
pub mod newton;
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

/// Computes λ and m for a problem: [`resolve::resolve`] then [`residue::rlct`].
pub fn analyze(problem: &Problem, options: &Options) -> Result<Rlct, Error> {
    resolve::resolve(problem, options).map(residue::rlct)
}
