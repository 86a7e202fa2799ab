//! Exact sparse multivariate polynomials over ℚ.
//!
//! A [`Poly`] is a map from exponent vectors to non-zero rational
//! coefficients. The map is a `BTreeMap`, so iteration (and therefore every
//! rendering and every derived computation) is deterministic.

pub mod bernstein;
pub mod contract;
pub mod display;
pub mod factor;
pub mod modular;
pub mod nullstellensatz;
pub mod regular;
pub mod solve;
pub mod sturm;

use std::collections::BTreeMap;
use std::fmt;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

pub use display::PolyDisplay;

/// Exact rational numbers, used everywhere in the symbolic path.
pub type Rational = num_rational::BigRational;

/// An exponent vector `(e_1, …, e_d)` of the monomial `w_1^e_1 ⋯ w_d^e_d`.
pub type Exponent = Vec<u32>;

/// Raised when an operation would build a polynomial beyond [`Limits`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// Human-readable description of the limit that was exceeded.
    pub what: String,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

/// Size limits that keep expansion of user input from exhausting memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest number of terms any polynomial may have.
    pub max_terms: usize,
    /// Largest total degree any polynomial may have.
    pub max_degree: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_terms: 200_000,
            max_degree: 1_000,
        }
    }
}

/// A polynomial in a fixed number of variables with rational coefficients
/// (ordered by its terms, for deterministic collections).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Poly {
    nvars: usize,
    terms: BTreeMap<Exponent, Rational>,
}

impl Poly {
    /// The zero polynomial in `nvars` variables.
    pub fn zero(nvars: usize) -> Self {
        Poly {
            nvars,
            terms: BTreeMap::new(),
        }
    }

    /// The constant `c`.
    pub fn constant(nvars: usize, c: Rational) -> Self {
        let mut p = Poly::zero(nvars);
        p.add_term(vec![0; nvars], c);
        p
    }

    /// The constant 1.
    pub fn one(nvars: usize) -> Self {
        Poly::constant(nvars, Rational::one())
    }

    /// The coordinate `w_i`.
    pub fn var(nvars: usize, i: usize) -> Self {
        let mut e = vec![0; nvars];
        e[i] = 1;
        Poly::monomial(e, Rational::one())
    }

    /// The monomial `c·w^e`.
    pub fn monomial(e: Exponent, c: Rational) -> Self {
        let mut p = Poly::zero(e.len());
        p.add_term(e, c);
        p
    }

    /// Builds a polynomial from `(exponent, coefficient)` pairs, summing repeats.
    pub fn from_terms(nvars: usize, terms: impl IntoIterator<Item = (Exponent, Rational)>) -> Self {
        let mut p = Poly::zero(nvars);
        for (e, c) in terms {
            p.add_term(e, c);
        }
        p
    }

    /// Number of variables.
    pub fn nvars(&self) -> usize {
        self.nvars
    }

    /// Number of non-zero terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether this is the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether there are no terms (the zero polynomial).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms in increasing lexicographic order of exponents.
    pub fn terms(&self) -> impl Iterator<Item = (&Exponent, &Rational)> {
        self.terms.iter()
    }

    /// The coefficient of `w^e` (zero if absent).
    pub fn coeff(&self, e: &[u32]) -> Rational {
        self.terms.get(e).cloned().unwrap_or_else(Rational::zero)
    }

    /// The support: exponents of the non-zero terms, in lexicographic order.
    pub fn support(&self) -> Vec<Exponent> {
        self.terms.keys().cloned().collect()
    }

    /// Total degree (0 for constants and for the zero polynomial).
    pub fn degree(&self) -> u32 {
        self.terms.keys().map(|e| e.iter().sum()).max().unwrap_or(0)
    }

    /// Degree in the variable `i`.
    pub fn degree_in(&self, i: usize) -> u32 {
        self.terms.keys().map(|e| e[i]).max().unwrap_or(0)
    }

    fn add_term(&mut self, e: Exponent, c: Rational) {
        debug_assert_eq!(e.len(), self.nvars);
        if c.is_zero() {
            return;
        }
        match self.terms.entry(e) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(c);
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                *o.get_mut() += c;
                if o.get().is_zero() {
                    o.remove();
                }
            }
        }
    }

    /// `self + other`.
    pub fn add(&self, other: &Poly) -> Poly {
        let mut p = self.clone();
        p.add_assign(other);
        p
    }

    /// `self += other`, in place: a long sum costs its terms, not their square.
    pub fn add_assign(&mut self, other: &Poly) {
        crate::budget::checkpoint();
        for (e, c) in &other.terms {
            self.add_term(e.clone(), c.clone());
        }
    }

    /// `self − other`.
    pub fn sub(&self, other: &Poly) -> Poly {
        crate::budget::checkpoint();
        let mut p = self.clone();
        for (e, c) in &other.terms {
            p.add_term(e.clone(), -c.clone());
        }
        p
    }

    /// `−self`.
    pub fn neg(&self) -> Poly {
        Poly {
            nvars: self.nvars,
            terms: self.terms.iter().map(|(e, c)| (e.clone(), -c)).collect(),
        }
    }

    /// `c·self`.
    pub fn scale(&self, c: &Rational) -> Poly {
        crate::budget::checkpoint();
        if c.is_zero() {
            return Poly::zero(self.nvars);
        }
        Poly {
            nvars: self.nvars,
            terms: self.terms.iter().map(|(e, a)| (e.clone(), a * c)).collect(),
        }
    }

    /// The positive rational multiple with coprime integer coefficients
    /// (the zero polynomial stays zero): the same zero set and ideal, with
    /// coefficients that do not grow when generators are combined over and
    /// over.
    pub fn primitive(&self) -> Poly {
        let mut numer = BigInt::zero();
        let mut denom = BigInt::one();
        for c in self.terms.values() {
            numer = numer.gcd(c.numer());
            denom = denom.lcm(c.denom());
        }
        if numer.is_zero() {
            return self.clone();
        }
        self.scale(&Rational::new(denom, numer))
    }

    /// `self · other`, refusing results beyond `limits`.
    pub fn mul(&self, other: &Poly, limits: &Limits) -> Result<Poly, TooLarge> {
        let degree = self.degree() + other.degree();
        if degree > limits.max_degree {
            return Err(TooLarge {
                what: format!("degree {degree} exceeds the limit {}", limits.max_degree),
            });
        }
        let pairs = (self.len() as f64) * (other.len() as f64);
        let bound = pairs.min(monomial_count(self.nvars, degree));
        if check_size(bound, limits).is_err() {
            // Also at most one term per exponent within the degrees in
            // each variable: products of factors in different variables
            // (the hidden units of a Boltzmann machine) stay far below
            // |a|·|b|. Counted only here, off the common path.
            let per_variable: f64 = (0..self.nvars)
                .map(|i| f64::from(self.degree_in(i) + other.degree_in(i) + 1))
                .product();
            check_size(bound.min(per_variable), limits)?;
        }
        let mut p = Poly::zero(self.nvars);
        for (e1, c1) in &self.terms {
            crate::budget::checkpoint();
            for (e2, c2) in &other.terms {
                let e: Exponent = e1.iter().zip(e2).map(|(a, b)| a + b).collect();
                p.add_term(e, c1 * c2);
            }
            if p.len() > limits.max_terms {
                return Err(TooLarge {
                    what: format!("expansion exceeds {} terms", limits.max_terms),
                });
            }
        }
        Ok(p)
    }

    /// `self^n`, refusing results beyond `limits`.
    pub fn pow(&self, n: u32, limits: &Limits) -> Result<Poly, TooLarge> {
        if n == 0 {
            return Ok(Poly::one(self.nvars));
        }
        let degree = u64::from(self.degree()) * u64::from(n);
        if degree > u64::from(limits.max_degree) {
            return Err(TooLarge {
                what: format!("degree {degree} exceeds the limit {}", limits.max_degree),
            });
        }
        // Checked up front, so that an absurd power fails at once instead of
        // after most of the work: p^n has at most C(n + t − 1, t − 1) terms
        // for t terms in p, and at most as many as there are monomials of its degree.
        let t = self.len() as f64;
        let multinomial = ln_binomial(f64::from(n) + t - 1.0, t - 1.0).exp();
        check_size(
            multinomial.min(monomial_count(self.nvars, degree as u32)),
            limits,
        )?;
        let mut acc = self.clone();
        for _ in 1..n {
            acc = acc.mul(self, limits)?;
        }
        Ok(acc)
    }

    /// The value at a rational point.
    pub fn eval(&self, point: &[Rational]) -> Rational {
        // Over the common denominator D·Π b_i^{d_i} (D that of the
        // coefficients, x_i = a_i/b_i, d_i the degree in w_i) every term is
        // an integer: the sum is taken in integers and reduced once, where
        // a sum of fractions would take a gcd at every term.
        let degrees: Vec<usize> = (0..self.nvars)
            .map(|i| self.degree_in(i) as usize)
            .collect();
        let powers = |base: &BigInt, up_to: usize| {
            let mut out = vec![BigInt::one()];
            for _ in 0..up_to {
                // Each power of a point with long digits is costly.
                crate::budget::checkpoint();
                let next = out.last().unwrap() * base;
                out.push(next);
            }
            out
        };
        let numerators: Vec<Vec<BigInt>> = point
            .iter()
            .zip(&degrees)
            .map(|(x, &d)| powers(x.numer(), d))
            .collect();
        let denominators: Vec<Vec<BigInt>> = point
            .iter()
            .zip(&degrees)
            .map(|(x, &d)| powers(x.denom(), d))
            .collect();
        let common = self
            .terms
            .values()
            .fold(BigInt::one(), |l, c| l.lcm(c.denom()));
        let mut total = BigInt::zero();
        for (e, c) in &self.terms {
            crate::budget::checkpoint();
            let mut term = c.numer() * (&common / c.denom());
            for (i, &k) in e.iter().enumerate() {
                let k = k as usize;
                if !point[i].denom().is_one() {
                    term *= &denominators[i][degrees[i] - k];
                }
                if k > 0 {
                    term *= &numerators[i][k];
                }
            }
            total += term;
        }
        let denominator = denominators
            .iter()
            .zip(&degrees)
            .fold(common, |acc, (b, &d)| acc * &b[d]);
        Rational::new(total, denominator)
    }

    /// The translate `w ↦ self(w + c)`, which moves the point `c` to the origin.
    pub fn translate(&self, c: &[Rational]) -> Poly {
        // One coordinate at a time, a Taylor shift of each line of terms
        // that differ only in w_i: about d·T·k operations for T terms of
        // degree k, where expanding Π_i (w_i + c_i)^{e_i} term by term costs
        // Π_i (e_i + 1) per term (minutes for the 8-variable Jacobian
        // determinants that toric leaves check on their boxes).
        let mut p = self.clone();
        for (i, ci) in c.iter().enumerate() {
            if !ci.is_zero() && p.degree_in(i) > 0 {
                p = p.shift_coordinate(i, ci);
            }
        }
        p
    }

    /// `self` with `w_i` replaced by `w_i + c`.
    fn shift_coordinate(&self, i: usize, c: &Rational) -> Poly {
        let mut lines: BTreeMap<Exponent, Vec<Rational>> = BTreeMap::new();
        for (e, coeff) in &self.terms {
            crate::budget::checkpoint();
            let k = e[i] as usize;
            let mut rest = e.clone();
            rest[i] = 0;
            let line = lines.entry(rest).or_default();
            if line.len() <= k {
                line.resize(k + 1, Rational::zero());
            }
            line[k] = coeff.clone();
        }
        // In integers: with c = p/q and L the line's common denominator,
        // A(y) = L·qⁿ·a(y/q) has integer coefficients L·a_k·q^(n−k); its
        // shift A(y + p) is the same synthetic division in integers, and
        // a(w + c) = A(q·w + p)/(L·qⁿ). Rational additions would reduce by
        // a gcd at every step, which was most of the time of Bernstein
        // checks on long boxes.
        let (p, q) = (c.numer(), c.denom());
        let mut result = Poly::zero(self.nvars);
        for (rest, a) in lines {
            let n = a.len() - 1;
            let l = a
                .iter()
                .filter(|x| !x.is_zero())
                .fold(BigInt::one(), |l, x| l.lcm(x.denom()));
            let q_powers = powers(q, n as u32);
            let mut b: Vec<BigInt> = a
                .iter()
                .enumerate()
                .map(|(k, x)| x.numer() * (&l / x.denom()) * &q_powers[n - k])
                .collect();
            // Repeated synthetic division by (y − p): after pass s the
            // entries from s on hold the coefficients of the shifted line.
            for s in 0..n {
                for j in (s..n).rev() {
                    crate::budget::checkpoint();
                    if !b[j + 1].is_zero() {
                        let carry = &b[j + 1] * p;
                        b[j] += carry;
                    }
                }
            }
            let whole = &l * &q_powers[n];
            for (k, coeff) in b.into_iter().enumerate() {
                if !coeff.is_zero() {
                    let mut e = rest.clone();
                    e[i] = k as u32;
                    result
                        .terms
                        .insert(e, Rational::new(coeff * &q_powers[k], whole.clone()));
                }
            }
        }
        result
    }

    /// The largest monomial dividing every term: the componentwise minimum
    /// of the exponents (all zeros for the zero polynomial).
    pub fn monomial_content(&self) -> Exponent {
        let mut it = self.terms.keys();
        let Some(first) = it.next() else {
            return vec![0; self.nvars];
        };
        let mut m = first.clone();
        for e in it {
            for (a, b) in m.iter_mut().zip(e) {
                *a = (*a).min(*b);
            }
        }
        m
    }

    /// Divides by the monomial `w^m`, which must divide every term.
    pub fn div_monomial(&self, m: &[u32]) -> Poly {
        Poly {
            nvars: self.nvars,
            terms: self
                .terms
                .iter()
                .map(|(e, c)| (e.iter().zip(m).map(|(a, b)| a - b).collect(), c.clone()))
                .collect(),
        }
    }

    /// The terms whose exponents satisfy `keep`.
    pub fn filter_terms(&self, mut keep: impl FnMut(&Exponent) -> bool) -> Poly {
        Poly {
            nvars: self.nvars,
            terms: self
                .terms
                .iter()
                .filter(|(e, _)| keep(e))
                .map(|(e, c)| (e.clone(), c.clone()))
                .collect(),
        }
    }

    /// Whether every coefficient is positive and every exponent even. Such a
    /// polynomial is a positive combination of squares of monomials: it is
    /// non-negative everywhere, vanishes exactly where all its monomials do,
    /// and every face polynomial of its Newton polyhedron is of the same kind.
    pub fn is_positive_even(&self) -> bool {
        !self.is_zero()
            && self
                .terms
                .iter()
                .all(|(e, c)| c.is_positive() && e.iter().all(|k| k % 2 == 0))
    }

    /// `∂/∂w_i`.
    pub fn derivative(&self, i: usize) -> Poly {
        Poly::from_terms(
            self.nvars,
            self.terms.iter().filter(|(e, _)| e[i] > 0).map(|(e, c)| {
                let mut e2 = e.clone();
                e2[i] -= 1;
                (e2, c * Rational::from_integer(e[i].into()))
            }),
        )
    }

    /// Whether the variable `i` occurs.
    pub fn depends_on(&self, i: usize) -> bool {
        self.terms.keys().any(|e| e[i] > 0)
    }

    /// Applies an injective map to every exponent vector (e.g. the linear
    /// map of a blow-up chart, under which monomials stay monomials).
    pub fn map_exponents(&self, f: impl Fn(&[u32]) -> Exponent) -> Poly {
        Poly::from_terms(
            self.nvars,
            self.terms.iter().map(|(e, c)| (f(e), c.clone())),
        )
    }

    /// `p(r_1 w_1, …, r_d w_d)`.
    pub fn scale_vars(&self, r: &[Rational]) -> Poly {
        Poly::from_terms(
            self.nvars,
            self.terms.iter().map(|(e, c)| {
                let mut c = c.clone();
                for (k, ri) in e.iter().zip(r) {
                    c *= pow_rational(ri, *k);
                }
                (e.clone(), c)
            }),
        )
    }

    /// Whether the polynomial vanishes identically on the hyperplane
    /// `u_j = e` (it is divisible by `u_j − e`).
    pub fn vanishes_on(&self, j: usize, e: &Rational) -> bool {
        // p(u_j = e) term by term, without translating the whole
        // polynomial (which expands every power of u_j: the strategy asks
        // this of every generator at both ends of every interval).
        let mut powers = vec![Rational::one()];
        let mut at: BTreeMap<Exponent, Rational> = BTreeMap::new();
        for (exponent, c) in &self.terms {
            let k = exponent[j] as usize;
            while powers.len() <= k {
                let next = powers.last().expect("1 first") * e;
                powers.push(next);
            }
            let mut rest = exponent.clone();
            rest[j] = 0;
            *at.entry(rest).or_insert_with(Rational::zero) += c * &powers[k];
        }
        at.values().all(Zero::is_zero)
    }

    /// Sets the variables in `zero` to 0.
    pub fn restrict_zero(&self, zero: &[usize]) -> Poly {
        self.filter_terms(|e| zero.iter().all(|&i| e[i] == 0))
    }

    /// `p(g_1(u), …, g_d(u))` for polynomials `g_i` in a common set of variables.
    pub fn compose(&self, g: &[Poly], limits: &Limits) -> Result<Poly, TooLarge> {
        let m = g.first().map_or(0, Poly::nvars);
        let mut powers: Vec<Vec<Poly>> =
            g.iter().map(|gi| vec![Poly::one(m), gi.clone()]).collect();
        let mut total = Poly::zero(m);
        for (e, c) in &self.terms {
            crate::budget::checkpoint();
            let mut term = Poly::constant(m, c.clone());
            for (i, &k) in e.iter().enumerate() {
                while powers[i].len() <= k as usize {
                    let next = powers[i].last().unwrap().mul(&g[i], limits)?;
                    powers[i].push(next);
                }
                term = term.mul(&powers[i][k as usize], limits)?;
            }
            total.add_assign(&term);
        }
        Ok(total)
    }

    /// The exact square root, if this polynomial is the square of one with
    /// rational coefficients (long division in decreasing lexicographic order:
    /// the leading term of `p − s²` is `2·lt(s)·(next term of s)`).
    pub fn sqrt(&self) -> Option<Poly> {
        let (lead_e, lead_c) = self.terms.iter().next_back()?;
        if lead_e.iter().any(|k| k % 2 == 1) || lead_c.is_negative() {
            return None;
        }
        let c = rational_sqrt(lead_c)?;
        let first_e: Exponent = lead_e.iter().map(|k| k / 2).collect();
        let first = Poly::monomial(first_e.clone(), c.clone());
        let mut root = first.clone();
        let limits = Limits::default();
        for _ in 0..=self.len() {
            let rest = self.sub(&root.mul(&root, &limits).ok()?);
            let Some((re, rc)) = rest.terms.iter().next_back() else {
                return Some(root);
            };
            // The next term is lt(rest) / (2·first), which must be a monomial below `first`.
            if re.iter().zip(&first_e).any(|(a, b)| a < b) {
                return None;
            }
            let e: Exponent = re.iter().zip(&first_e).map(|(a, b)| a - b).collect();
            if e >= first_e {
                return None;
            }
            let t = Poly::monomial(e, rc / (&c * Rational::from_integer(2.into())));
            root = root.add(&t);
        }
        None
    }

    /// The constant term.
    pub fn constant_term(&self) -> Rational {
        self.coeff(&vec![0; self.nvars])
    }

    /// Renders with the given variable names.
    pub fn display<'a>(&'a self, names: &'a [String]) -> PolyDisplay<'a> {
        PolyDisplay { poly: self, names }
    }
}

/// Number of monomials of total degree ≤ `degree` in `nvars` variables, as a float.
fn monomial_count(nvars: usize, degree: u32) -> f64 {
    ln_binomial(f64::from(degree) + nvars as f64, nvars as f64).exp()
}

/// ln C(n, k) for real arguments, by summing logarithms (k is small here).
fn ln_binomial(n: f64, k: f64) -> f64 {
    let k = k.min(n - k).max(0.0);
    (0..k as u64)
        .map(|i| ((n - i as f64) / (i as f64 + 1.0)).ln())
        .sum()
}

fn check_size(bound: f64, limits: &Limits) -> Result<(), TooLarge> {
    // The bound only refuses what is hopeless at once: it counts every
    // product of terms, while products of related factors cancel and merge
    // (the square of a Boltzmann machine's 648-term generator has 41 067
    // terms, under a bound of 419 904). `mul` counts the real terms as it
    // goes and stops at the limit itself.
    const SLACK: f64 = 16.0;
    if bound > limits.max_terms as f64 * SLACK {
        return Err(TooLarge {
            what: format!(
                "the expansion could have up to {bound:.0} terms (limit {})",
                limits.max_terms
            ),
        });
    }
    Ok(())
}

/// The common zeros of polynomials of degree at most 1.
#[derive(Clone, Debug, PartialEq)]
pub enum AffineZeros {
    /// The system is inconsistent.
    Empty,
    /// Exactly one point.
    Point(Vec<Rational>),
    /// An affine subspace of positive dimension.
    Many,
}

/// The common zeros of `polys`, exactly (Gauss–Jordan elimination on
/// `⟨a, u⟩ = b`); `None` when one of them has degree above 1 or there
/// are none (whose common zeros are everything, in unknown dimension).
pub fn affine_zeros(polys: &[&Poly]) -> Option<AffineZeros> {
    let d = polys.first()?.nvars();
    if polys.iter().any(|p| p.degree() > 1) {
        return None;
    }
    let mut m: Vec<Vec<Rational>> = polys
        .iter()
        .map(|p| {
            let mut row: Vec<Rational> = (0..d).map(|j| p.derivative(j).constant_term()).collect();
            row.push(-p.constant_term());
            row
        })
        .collect();
    let mut pivots = Vec::new();
    let mut r = 0;
    for c in 0..d {
        crate::budget::checkpoint();
        let Some(p) = (r..m.len()).find(|&i| !m[i][c].is_zero()) else {
            continue;
        };
        m.swap(r, p);
        let pivot = m[r][c].clone();
        let row: Vec<Rational> = m[r].iter().map(|x| x / &pivot).collect();
        for (i, other) in m.iter_mut().enumerate() {
            if i != r && !other[c].is_zero() {
                let f = other[c].clone();
                for (x, y) in other.iter_mut().zip(&row) {
                    *x -= &f * y;
                }
            }
        }
        m[r] = row;
        pivots.push(c);
        r += 1;
    }
    if m[r..].iter().any(|row| !row[d].is_zero()) {
        return Some(AffineZeros::Empty);
    }
    if pivots.len() < d {
        return Some(AffineZeros::Many);
    }
    let mut x = vec![Rational::zero(); d];
    for (i, &c) in pivots.iter().enumerate() {
        x[c] = m[i][d].clone();
    }
    Some(AffineZeros::Point(x))
}

/// A maximal linearly independent subset of `polys` (over ℚ, as vectors
/// of coefficients), in their order: the generators an ideal needs of
/// those given when one is a combination of others with constant
/// coefficients.
pub fn independent<'a>(polys: &[&'a Poly]) -> Vec<&'a Poly> {
    let support: std::collections::BTreeSet<&Exponent> =
        polys.iter().flat_map(|p| p.terms.keys()).collect();
    let column: std::collections::BTreeMap<&Exponent, usize> =
        support.iter().enumerate().map(|(i, e)| (*e, i)).collect();
    // Sparse rows, sorted by column. Each row kept is reduced against the
    // rows kept before it, so it is zero at their pivots (its first
    // column is its own): a new row reduced against them in order stays
    // zero at every pivot it has passed. One elimination per polynomial,
    // not a rank from scratch (255 generators of naive Bayes with eight
    // features took over a minute so, past the time limit).
    type Row = Vec<(usize, Rational)>;
    let mut basis: Vec<&Poly> = Vec::new();
    let mut kept: Vec<Row> = Vec::new();
    for p in polys {
        crate::budget::checkpoint();
        let mut row: Row = p
            .terms
            .iter()
            .map(|(e, c)| (column[e], c.clone()))
            .collect();
        row.sort_by_key(|(i, _)| *i);
        for pivot in &kept {
            let (pc, pv) = &pivot[0];
            let Ok(at) = row.binary_search_by_key(pc, |(i, _)| *i) else {
                continue;
            };
            let f = &row[at].1 / pv;
            row = subtract_scaled(&row, pivot, &f);
        }
        if !row.is_empty() {
            kept.push(row);
            basis.push(p);
        }
    }
    basis
}

/// `a − f·b` for sparse rows sorted by column (zeros dropped).
fn subtract_scaled(
    a: &[(usize, Rational)],
    b: &[(usize, Rational)],
    f: &Rational,
) -> Vec<(usize, Rational)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i].0 < b[j].0);
        let take_b = i >= a.len() || (j < b.len() && b[j].0 < a[i].0);
        if take_a {
            out.push(a[i].clone());
            i += 1;
        } else if take_b {
            out.push((b[j].0, -(f * &b[j].1)));
            j += 1;
        } else {
            let v = &a[i].1 - f * &b[j].1;
            if !v.is_zero() {
                out.push((a[i].0, v));
            }
            i += 1;
            j += 1;
        }
    }
    out
}

/// The solution of `a·x = b` for a matrix of any shape, when it has exactly
/// one (`a` of full column rank and the system consistent); exact.
pub fn solve_unique(mut a: Vec<Vec<Rational>>, mut b: Vec<Rational>) -> Option<Vec<Rational>> {
    let n = a.first().map_or(0, Vec::len);
    let mut row = 0;
    for c in 0..n {
        let p = (row..a.len()).find(|&r| !a[r][c].is_zero())?;
        a.swap(row, p);
        b.swap(row, p);
        let pivot = a[row][c].clone();
        for r in 0..a.len() {
            if r == row || a[r][c].is_zero() {
                continue;
            }
            let f = &a[r][c] / &pivot;
            let pivot_row = a[row].clone();
            for (x, y) in a[r].iter_mut().zip(&pivot_row) {
                *x -= &f * y;
            }
            let delta = &f * &b[row];
            b[r] -= delta;
        }
        row += 1;
    }
    if b[n..].iter().any(|x| !x.is_zero()) {
        return None;
    }
    Some((0..n).map(|i| &b[i] / &a[i][i]).collect())
}

/// The determinant of a square matrix of rationals (Gaussian elimination).
pub fn rational_determinant(mut a: Vec<Vec<Rational>>) -> Rational {
    let n = a.len();
    let mut det = Rational::one();
    for c in 0..n {
        let Some(p) = (c..n).find(|&r| !a[r][c].is_zero()) else {
            return Rational::zero();
        };
        if p != c {
            a.swap(p, c);
            det = -det;
        }
        let pivot = a[c][c].clone();
        det *= &pivot;
        for r in c + 1..n {
            if a[r][c].is_zero() {
                continue;
            }
            let f = &a[r][c] / &pivot;
            let row = a[c].clone();
            for (x, y) in a[r].iter_mut().zip(&row).skip(c) {
                *x -= &f * y;
            }
        }
    }
    det
}

/// The determinant of a square matrix of polynomials: Laplace expansion
/// along the rows, each minor computed once (keyed by the columns the rows
/// above used). Jacobians of many generators are sparse, and with the
/// minors shared the cost follows the sets of columns reachable through
/// non-zero entries instead of n!.
pub fn determinant(m: &[Vec<Poly>], limits: &Limits) -> Result<Poly, TooLarge> {
    let n = m.len();
    if n == 0 {
        return Ok(Poly::one(0));
    }
    if n > 64 {
        return Err(TooLarge {
            what: format!("a {n}×{n} determinant"),
        });
    }
    let mut minors = std::collections::HashMap::new();
    minor(m, 0, limits, &mut minors)
}

/// The determinant of the rows below those that used the columns in
/// `used`, over the other columns.
fn minor(
    m: &[Vec<Poly>],
    used: u64,
    limits: &Limits,
    minors: &mut std::collections::HashMap<u64, Poly>,
) -> Result<Poly, TooLarge> {
    crate::budget::checkpoint();
    let row = used.count_ones() as usize;
    let nvars = m[0][0].nvars();
    if row == m.len() {
        return Ok(Poly::one(nvars));
    }
    if let Some(p) = minors.get(&used) {
        return Ok(p.clone());
    }
    let mut det = Poly::zero(nvars);
    let free = (0..m.len()).filter(|col| used & (1u64 << col) == 0);
    for (position, col) in free.enumerate() {
        if m[row][col].is_zero() {
            continue;
        }
        let rest = minor(m, used | (1u64 << col), limits, minors)?;
        if rest.is_zero() {
            continue;
        }
        let term = m[row][col].mul(&rest, limits)?;
        det = if position % 2 == 0 {
            det.add(&term)
        } else {
            det.sub(&term)
        };
    }
    minors.insert(used, det.clone());
    Ok(det)
}

/// `x⁰, x¹, …, x^k`, each from the one before (a long base to a high
/// power makes long numbers: each step checks the budget).
pub(crate) fn powers(x: &BigInt, k: u32) -> Vec<BigInt> {
    let mut row = vec![BigInt::one()];
    for _ in 0..k {
        crate::budget::checkpoint();
        let next = row.last().expect("non-empty") * x;
        row.push(next);
    }
    row
}

/// `C(n, k)` as a big integer.
pub fn binomial(n: u32, k: u32) -> BigInt {
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * BigInt::from(n - i) / BigInt::from(i + 1);
    }
    r
}

/// `x^k` for a rational `x`.
pub fn pow_rational(x: &Rational, k: u32) -> Rational {
    num_traits::pow(x.clone(), k as usize)
}

/// The rational square root of a non-negative rational, if it is one.
pub fn rational_sqrt(q: &Rational) -> Option<Rational> {
    let n = q.numer().sqrt();
    let d = q.denom().sqrt();
    (&n * &n == *q.numer() && &d * &d == *q.denom()).then(|| Rational::new(n, d))
}

/// Formats a rational as `p` or `p/q`.
pub fn fmt_rational(q: &Rational) -> String {
    if q.denom().is_one() {
        q.numer().to_string()
    } else {
        format!("{}/{}", q.numer(), q.denom())
    }
}

/// The greatest common divisor of a list of non-negative integers (0 if all are 0).
pub fn gcd_all(xs: impl IntoIterator<Item = i64>) -> i64 {
    xs.into_iter().fold(0i64, |g, x| g.gcd(&x))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::new(n.into(), d.into())
    }

    #[test]
    fn binomial_square() {
        let l = Limits::default();
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let s = x.add(&y).pow(2, &l).unwrap();
        assert_eq!(s.coeff(&[1, 1]), q(2, 1));
        assert_eq!(s.len(), 3);
        assert_eq!(s.sub(&s), Poly::zero(2));
    }

    #[test]
    fn vanishing_on_a_hyperplane_is_divisibility() {
        // (x − 1/2)·y + (x − 1/2)²·(y + 1) = (x − 1/2)·(…): zero on x = 1/2,
        // not on x = 1/3 nor on y = 0; x·y − x/2 vanishes on y = 1/2.
        let l = Limits::default();
        let (x, y) = (Poly::var(2, 0), Poly::var(2, 1));
        let one = Poly::one(2);
        let shifted = x.sub(&one.scale(&q(1, 2)));
        let square = shifted.pow(2, &l).unwrap().mul(&y.add(&one), &l).unwrap();
        let p = shifted.mul(&y, &l).unwrap().add(&square);
        assert!(p.vanishes_on(0, &q(1, 2)));
        assert!(!p.vanishes_on(0, &q(1, 3)));
        assert!(!p.vanishes_on(1, &q(0, 1)));
        let r = x.mul(&y, &l).unwrap().sub(&x.scale(&q(1, 2)));
        assert!(r.vanishes_on(1, &q(1, 2)));
        assert!(!Poly::one(2).vanishes_on(0, &q(0, 1)));
    }

    #[test]
    fn independent_keeps_the_first_of_each_dependency() {
        let (x, y) = (Poly::var(2, 0), Poly::var(2, 1));
        let xy = x.add(&y);
        let twice = xy.scale(&q(2, 1));
        let one = Poly::one(2);
        let all = [&x, &xy, &twice, &y, &one, &y.sub(&one)];
        let kept = independent(&all);
        assert_eq!(kept, vec![&x, &xy, &one]);
        assert!(independent(&[&Poly::zero(2)]).is_empty());
    }

    #[test]
    fn determinants_by_shared_minors() {
        let l = Limits::default();
        let c = |v: i64| Poly::constant(2, q(v, 1));
        let (x, y) = (Poly::var(2, 0), Poly::var(2, 1));
        // [[x, 1, 0], [y, 2, 1], [0, 3, x]]: x(2x − 3) − (yx − 0) = 2x² − 3x − xy.
        let m = vec![
            vec![x.clone(), c(1), c(0)],
            vec![y.clone(), c(2), c(1)],
            vec![c(0), c(3), x.clone()],
        ];
        let expected = x
            .mul(&x, &l)
            .unwrap()
            .scale(&q(2, 1))
            .sub(&x.scale(&q(3, 1)))
            .sub(&x.mul(&y, &l).unwrap());
        assert_eq!(determinant(&m, &l).unwrap(), expected);
        // A permutation matrix of 20 rows (20! terms by plain Laplace
        // expansion): the cycle of length 20 is odd, so its sign is −1.
        let n = 20;
        let p: Vec<Vec<Poly>> = (0..n)
            .map(|r| (0..n).map(|col| c(i64::from(col == (r + 1) % n))).collect())
            .collect();
        assert_eq!(determinant(&p, &l).unwrap(), c(-1));
        let at = |m: &[Vec<Poly>], x: &[Rational]| {
            rational_determinant(
                m.iter()
                    .map(|r| r.iter().map(|e| e.eval(x)).collect())
                    .collect(),
            )
        };
        let x = [q(1, 2), q(-3, 1)];
        assert_eq!(at(&m, &x), determinant(&m, &l).unwrap().eval(&x));
        assert_eq!(at(&p, &x), q(-1, 1));
    }

    #[test]
    fn translation_moves_the_point_to_the_origin() {
        let l = Limits::default();
        // (x - 1/2)^2 translated by 1/2 is x^2.
        let x = Poly::var(1, 0);
        let p = x.sub(&Poly::constant(1, q(1, 2))).pow(2, &l).unwrap();
        assert_eq!(p.translate(&[q(1, 2)]), Poly::monomial(vec![2], q(1, 1)));
        assert_eq!(p.eval(&[q(1, 2)]), q(0, 1));
        assert_eq!(p.eval(&[q(0, 1)]), q(1, 4));
    }

    #[test]
    fn a_translate_takes_the_values_of_the_shifted_polynomial() {
        // Dense in three variables, with every coordinate shifted: the
        // translate agrees with p(w + c) on a grid, and shifting back by −c
        // gives p itself.
        let l = Limits::default();
        let v = |i| Poly::var(3, i);
        let p = v(0)
            .mul(&v(1), &l)
            .unwrap()
            .add(&v(2).pow(3, &l).unwrap())
            .sub(&Poly::constant(3, q(2, 3)))
            .pow(2, &l)
            .unwrap()
            .mul(&v(0).add(&v(2)).sub(&v(1).pow(2, &l).unwrap()), &l)
            .unwrap();
        let c = [q(1, 2), q(-3, 4), q(5, 1)];
        let shifted = p.translate(&c);
        for a in -2..=2 {
            for b in -1..=1 {
                let w = [q(a, 3), q(b, 1), q(a + b, 5)];
                let moved: Vec<Rational> = w.iter().zip(&c).map(|(x, y)| x + y).collect();
                assert_eq!(shifted.eval(&w), p.eval(&moved));
            }
        }
        let back: Vec<Rational> = c.iter().map(|x| -x).collect();
        assert_eq!(shifted.translate(&back), p);
    }

    #[test]
    fn evaluation_at_rational_points_is_exact() {
        // p = x²y/3 − 5y²/2 + 7 at (−2/3, 3/4), by hand:
        // (4/9)(3/4)/3 − (5/2)(9/16) + 7 = (32 − 405 + 2016)/288 = 1643/288.
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let l = Limits::default();
        let p = x
            .pow(2, &l)
            .unwrap()
            .mul(&y, &l)
            .unwrap()
            .scale(&q(1, 3))
            .sub(&y.pow(2, &l).unwrap().scale(&q(5, 2)))
            .add(&Poly::constant(2, q(7, 1)));
        assert_eq!(p.eval(&[q(-2, 3), q(3, 4)]), q(1643, 288));
        assert_eq!(p.eval(&[q(0, 1), q(0, 1)]), q(7, 1));
        assert_eq!(Poly::zero(2).eval(&[q(1, 3), q(1, 5)]), q(0, 1));
    }

    #[test]
    fn limits_are_enforced() {
        let l = Limits {
            max_terms: 10,
            max_degree: 100,
        };
        let x = Poly::var(3, 0).add(&Poly::var(3, 1)).add(&Poly::var(3, 2));
        assert!(x.pow(10, &l).is_err());
        assert!(Poly::var(1, 0).pow(2000, &Limits::default()).is_err());
    }

    #[test]
    fn square_roots() {
        let l = Limits::default();
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let f = y
            .mul(&y, &l)
            .unwrap()
            .sub(&x.pow(3, &l).unwrap())
            .scale(&q(3, 2));
        let sq = f.mul(&f, &l).unwrap();
        let r = sq.sqrt().unwrap();
        assert!(r == f || r == f.neg());
        assert_eq!(
            x.mul(&x, &l).unwrap().add(&y.mul(&y, &l).unwrap()).sqrt(),
            None
        );
        assert_eq!(
            Poly::constant(2, q(4, 9)).sqrt(),
            Some(Poly::constant(2, q(2, 3)))
        );
    }

    #[test]
    fn composition_and_derivatives() {
        let l = Limits::default();
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        // (x - y)^2 under x = u, y = u v is u^2 (1 - v)^2.
        let f = x.sub(&y).pow(2, &l).unwrap();
        let g = vec![x.clone(), x.mul(&y, &l).unwrap()];
        let pulled = f.compose(&g, &l).unwrap();
        let expect = x
            .pow(2, &l)
            .unwrap()
            .mul(&Poly::one(2).sub(&y).pow(2, &l).unwrap(), &l)
            .unwrap();
        assert_eq!(pulled, expect);
        assert_eq!(f.derivative(0), x.sub(&y).scale(&q(2, 1)));
        assert!(!f.derivative(0).derivative(0).depends_on(1));
    }

    #[test]
    fn positive_even() {
        let p = Poly::from_terms(2, [(vec![2, 0], q(1, 1)), (vec![0, 4], q(3, 1))]);
        assert!(p.is_positive_even());
        let n = Poly::from_terms(2, [(vec![2, 0], q(1, 1)), (vec![1, 1], q(3, 1))]);
        assert!(!n.is_positive_even());
    }
}
