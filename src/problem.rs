//! The problem a user poses: coordinates, a domain box, K (a polynomial or
//! the sum of squares of generators), a prior, and optionally a point.

use num_traits::{Signed, Zero};

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

    /// The interval `[x, x]`.
    pub fn point(x: Rational) -> Self {
        Interval {
            lo: x.clone(),
            hi: x,
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

    /// Whether 0 lies strictly inside the interval (not at an end).
    pub fn straddles_zero(&self) -> bool {
        self.lo < Rational::zero() && Rational::zero() < self.hi
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

/// One factor of K. K is kept as `c · Π factors` so that blow-ups work on
/// low-degree pieces and a smooth factor can be recognised and used as a
/// coordinate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Factor {
    /// `f^e`.
    Power(Poly, u32),
    /// `Σ c_j g_j²` with every `c_j > 0`: the ideal ⟨g_1, …, g_r⟩.
    Sos(Vec<(Rational, Poly)>),
}

impl Factor {
    /// The factor as one polynomial.
    pub fn expand(&self, limits: &Limits) -> Result<Poly, crate::poly::TooLarge> {
        match self {
            Factor::Power(f, e) => f.pow(*e, limits),
            Factor::Sos(gens) => {
                let mut s = Poly::zero(gens.first().map_or(0, |(_, g)| g.nvars()));
                for (c, g) in gens {
                    s = s.add(&g.mul(g, limits)?.scale(c));
                }
                Ok(s)
            }
        }
    }

    /// The polynomials the factor is built from.
    pub fn polys(&self) -> Vec<&Poly> {
        match self {
            Factor::Power(f, _) => vec![f],
            Factor::Sos(gens) => gens.iter().map(|(_, g)| g).collect(),
        }
    }

    /// Applies `f` to every polynomial of the factor.
    pub fn map(&self, f: impl Fn(&Poly) -> Poly) -> Factor {
        match self {
            Factor::Power(p, e) => Factor::Power(f(p), *e),
            Factor::Sos(gens) => Factor::Sos(gens.iter().map(|(c, g)| (c.clone(), f(g))).collect()),
        }
    }

    /// Renders with variable names: `(x - y)^2`, `sos(x, y^2)`.
    pub fn text(&self, names: &[String]) -> String {
        match self {
            Factor::Power(f, 1) => format!("({})", f.display(names)),
            Factor::Power(f, e) => format!("({})^{e}", f.display(names)),
            Factor::Sos(gens) => {
                let parts: Vec<String> = gens
                    .iter()
                    .map(|(c, g)| {
                        if *c == Rational::from_integer(1.into()) {
                            g.display(names).to_string()
                        } else {
                            format!("{}·{}", fmt_rational(c), g.display(names))
                        }
                    })
                    .collect();
                format!("sos({})", parts.join(", "))
            }
        }
    }
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
    /// K as `constant · Π factors`, the structure read off its expression
    /// (products, powers, sums of squares); a single factor when none is visible.
    pub k_factors: (Rational, Vec<Factor>),
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

/// The factor structure visible without an expression: the generators of a
/// sum of squares, or a polynomial that is an exact square.
pub fn default_factors(target: &Target) -> (Rational, Vec<Factor>) {
    let one = Rational::from_integer(1.into());
    match target {
        Target::SumOfSquares(gens) => (
            one.clone(),
            vec![Factor::Sos(
                gens.iter().map(|g| (one.clone(), g.clone())).collect(),
            )],
        ),
        Target::Polynomial(p) => (one, vec![power_factor(p.clone(), 1)]),
    }
}

/// K's factors split further over ℚ (see [`factor`](crate::poly::factor)):
/// each power `p^e` becomes `Π f_i^{e·m_i}` for the square-free parts and
/// linear factors `f_i` of `p`, the constants going into the scale. A sign
/// left over by the split is given to a factor of odd power, so the scale
/// stays positive; where none can take it the factor is kept whole.
pub fn split_factors(scale: Rational, factors: Vec<Factor>) -> (Rational, Vec<Factor>) {
    let mut scale = scale;
    let mut out = Vec::new();
    for f in factors {
        let Factor::Power(p, e) = &f else {
            out.push(f);
            continue;
        };
        if *e == 0 {
            // p⁰ = 1: nothing to split, nothing to keep.
            continue;
        }
        // A tenth of the time left (two seconds without a limit): a split
        // that takes longer is not worth its cost, and K stays whole.
        let budget = match crate::budget::current() {
            Some(b) => b.share(0.1),
            None => crate::budget::Budget::new(Some(std::time::Duration::from_secs(2)), None),
        };
        let Ok((c, parts)) = budget.run(|| crate::poly::factor::factor(p)) else {
            out.push(f);
            continue;
        };
        if parts.len() <= 1 && parts.iter().all(|(_, m)| *m == 1) {
            out.push(f);
            continue;
        }
        let mut c = num_traits::pow(c, *e as usize);
        let mut parts: Vec<(Poly, u32)> = parts.into_iter().map(|(g, m)| (g, m * e)).collect();
        if c.is_negative() {
            match parts.iter_mut().find(|(_, m)| m % 2 == 1) {
                Some(part) => {
                    part.0 = part.0.neg();
                    c = -c;
                }
                None => {
                    out.push(f);
                    continue;
                }
            }
        }
        scale *= c;
        out.extend(parts.into_iter().map(|(g, m)| power_factor(g, m)));
    }
    (scale, out)
}

/// `f^e`, with exact square roots taken out of `f` (so `(x^2 - 2xy + y^2)` becomes `(x - y)^2`).
pub fn power_factor(mut f: Poly, mut e: u32) -> Factor {
    while f.degree() > 0 {
        match f.sqrt() {
            Some(r) => {
                f = r;
                e *= 2;
            }
            None => break,
        }
    }
    Factor::Power(f, e)
}

impl Problem {
    /// A global problem over `[-1, 1]^d` with the prior 1.
    pub fn new(vars: Vec<String>, target: Target) -> Problem {
        let d = vars.len();
        let k_manifestly_nonnegative = matches!(target, Target::SumOfSquares(_));
        let k_factors = default_factors(&target);
        Problem {
            k_factors,
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

    /// K at a point, from its factors (`c · Π factors`): exact, and without
    /// expanding a product.
    pub fn k_at(&self, point: &[Rational]) -> Rational {
        let (c, factors) = &self.k_factors;
        factors.iter().fold(c.clone(), |v, f| {
            v * crate::resolve::sign::factor_value(f, point)
        })
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
