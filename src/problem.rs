//! The problem a user poses: coordinates, a domain box, K (a polynomial or
//! the sum of squares of generators), a prior, and optionally a point.

use num_traits::Zero;

use crate::poly::{fmt_rational, Limits, Poly, Rational};

/// A closed interval `[lo, hi]` with `lo < hi`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    /// Lower end.
    pub lo: Rational,
    /// Upper end.
    pub hi: Rational,
}

impl Interval {
    /// The default domain of a coordinate, `[-1, 1]`.
    pub fn symmetric_unit() -> Self {
        Interval {
            lo: Rational::from_integer((-1).into()),
            hi: Rational::from_integer(1.into()),
        }
    }

    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: &Rational) -> bool {
        &self.lo <= x && x <= &self.hi
    }

    /// Whether 0 lies in the interval.
    pub fn contains_zero(&self) -> bool {
        self.contains(&Rational::zero())
    }
}

/// How K was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// K as one polynomial.
    Polynomial(Poly),
    /// K = Σ f_j², given by the generators f_j of the ideal.
    SumOfSquares(Vec<Poly>),
}

/// A complete problem, ready for analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Names of the coordinates, in order.
    pub vars: Vec<String>,
    /// The domain box, one interval per coordinate.
    pub domain: Vec<Interval>,
    /// K, as given.
    pub target: Target,
    /// The prior density (up to normalisation).
    pub prior: Poly,
    /// The point for a local RLCT; `None` for the global one over the box.
    pub point: Option<Vec<Rational>>,
    /// Whether K's expression is non-negative by its form alone (a sum of
    /// squares, even powers, products and sums of such, positive constants).
    pub k_manifestly_nonnegative: bool,
    /// The same for the prior.
    pub prior_manifestly_nonnegative: bool,
    /// Where K and the prior were given, for error messages.
    pub origin: Origin,
}

/// Where the parts of a problem came from, to name them in messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Line of the `K = …` statement (0 when built in code).
    pub k_line: usize,
    /// Line of the `prior = …` statement, if any.
    pub prior_line: usize,
    /// K as written in the input (empty when built in code).
    pub k_text: String,
    /// The prior as written in the input (empty when not given).
    pub prior_text: String,
}

impl Problem {
    /// A global problem over `[-1, 1]^d` with the prior 1.
    pub fn new(vars: Vec<String>, target: Target) -> Problem {
        let d = vars.len();
        let k_manifestly_nonnegative = matches!(target, Target::SumOfSquares(_));
        Problem {
            domain: vec![Interval::symmetric_unit(); d],
            vars,
            target,
            prior: Poly::one(d),
            point: None,
            k_manifestly_nonnegative,
            prior_manifestly_nonnegative: true,
            origin: Origin::default(),
        }
    }

    /// Number of coordinates.
    pub fn dim(&self) -> usize {
        self.vars.len()
    }

    /// K as one expanded polynomial.
    pub fn k(&self, limits: &Limits) -> Result<Poly, crate::poly::TooLarge> {
        match &self.target {
            Target::Polynomial(p) => Ok(p.clone()),
            Target::SumOfSquares(gens) => {
                let mut k = Poly::zero(self.dim());
                for g in gens {
                    k = k.add(&g.mul(g, limits)?);
                }
                Ok(k)
            }
        }
    }

    /// K as the user wrote it, or else rendered: `sos(f1, f2)` or the polynomial.
    pub fn k_text(&self) -> String {
        if !self.origin.k_text.is_empty() {
            return self.origin.k_text.clone();
        }
        match &self.target {
            Target::Polynomial(p) => p.display(&self.vars).to_string(),
            Target::SumOfSquares(gens) => {
                let parts: Vec<String> = gens
                    .iter()
                    .map(|g| g.display(&self.vars).to_string())
                    .collect();
                format!("sos({})", parts.join(", "))
            }
        }
    }

    /// The prior as the user wrote it, or else rendered.
    pub fn prior_text(&self) -> String {
        if self.origin.prior_text.is_empty() {
            self.prior.display(&self.vars).to_string()
        } else {
            self.origin.prior_text.clone()
        }
    }

    /// `x = 0, y = 1/2`.
    pub fn point_text(&self, point: &[Rational]) -> String {
        self.vars
            .iter()
            .zip(point)
            .map(|(v, x)| format!("{v} = {}", fmt_rational(x)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `x in [-1, 1], y in [0, 1/2]`.
    pub fn domain_text(&self) -> String {
        self.vars
            .iter()
            .zip(&self.domain)
            .map(|(v, iv)| {
                format!(
                    "{v} in [{}, {}]",
                    fmt_rational(&iv.lo),
                    fmt_rational(&iv.hi)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
