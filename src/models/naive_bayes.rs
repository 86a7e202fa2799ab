//! The naive Bayesian network with a binary hidden class and n binary
//! features (the two-class latent class model), after D. Rusakov and
//! D. Geiger, "Asymptotic model selection for naive Bayesian networks",
//! JMLR 6 (2005) 1–35, Theorem 4.
//!
//! p_w(x) = t·∏ a_i^{x_i}(1 − a_i)^{1−x_i} + (1 − t)·∏ b_i^{x_i}(1 − b_i)^{1−x_i},
//! w = (t, a_1..a_n, b_1..b_n) ∈ [0, 1]^{2n+1} with the uniform prior.
//! K is written as the squares of the raw-moment differences
//! M_A(w) − M_A(q), A a nonempty subset of the features, which generate the
//! same ideal as the p_w(x) − q(x) (Möbius inversion), as in
//! `examples/models/naive-bayes--nb2-*.rlct` and
//! `examples/models/frontier/naive-bayes--nb3-*, nb4-*`.
//!
//! With three classes (`--classes 3`) the model is written likewise, with
//! stick-broken class weights; no closed form is known here, and the model
//! carries only the published bound below.
//!
//! # The oracle (Rusakov and Geiger 2005, Theorem 4)
//!
//! The theorem gives the marginal likelihood
//! ln I[N, Y_D] = N ln P(Y | w_ML) − λ ln N + (m − 1) ln ln N + O(1) by the
//! type of the true distribution Y; S0 is the set where all features are
//! independent, S the singular set of the model:
//!
//! * (a) Y regular (Υ \ S), n ≥ 3: the standard BIC, λ = (2n + 1)/2, m = 1;
//! * (b) Y ∈ S \ S0 (a "type 1 singularity": exactly one dependent pair),
//!   n ≥ 3: λ = (2n − 1)/2, m = 1;
//! * (c) Y ∈ S0 (a "type 2 singularity"), n ≥ 3: λ = (n + 1)/2, m = 1;
//! * (d) n = 2, Y ∉ S0: ln I = N ln P(Y|w_ML) − (3/2) ln N + O(1) (Eq. 17);
//! * (e) n = 2, Y ∈ S0: ln I = N ln P(Y|w_ML) − (3/2) ln N + 2 ln ln N + O(1)
//!   (Eq. 18), so λ = 3/2, m = 3.
//!
//! Provenance: claims (d) and (e) are quoted from the paper's section "Proof
//! of claims (d,e) of Theorem 4, case n = 2" (read at
//! <https://1library.net/article/proof-claims-d-e-theorem-case-n.q5173w7y>).
//! The text of claims (a)–(c) could not be read here; the values above for
//! them are DERIVED (the derivations are in the headers of
//! `examples/models/frontier/naive-bayes--nb3-*.rlct` and are repeated in
//! the emitted files), and agree with the paper's abstract (a deviation from
//! BIC at singular truths) and with the published bound below.
//!
//! # The published bound
//!
//! Drton and Plummer, "A Bayesian information criterion for singular
//! models", JRSS B 79 (2017), Eq. 6.15 and 6.19, as implemented by the
//! `learnCoef` of `MixtureModels` for `LCAs` in their R package sBIC
//! (github.com/cran/sBIC, R/MixtureModels.R, R/LCAs.R): a latent class model
//! with i classes, components of dimension r (here r = n binary features)
//! and a Dirichlet(φ) prior on the class weights, at a truth with j classes,
//! has λ ≤ ½·min(j·r + j − 1 + (i − j)·φ, r·i + j − 1). Here i = 2, φ = 1
//! (t uniform), j = 1 for an independent truth and 2 otherwise.

use super::q;
use std::fmt::Write;
use std::str::FromStr;

use num_traits::{One, Zero};

use super::{at_statement, check_sizes, input_file, Formula, Model};
use crate::error::Error;
use crate::poly::Rational;

/// At most this many features: K has 2^n − 1 generators.
pub const MAX_FEATURES: usize = 10;

/// The type of the true distribution, as in the cases of Rusakov and
/// Geiger's Theorem 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaiveBayesTruth {
    /// All features independent (Y ∈ S0): one class is enough.
    Independent,
    /// Exactly the pair X1, X2 dependent, every other feature independent
    /// of the rest (Y ∈ S \ S0, a type 1 singularity; for n = 2, Y ∉ S0).
    Pair,
    /// Every feature depends on the class (Y regular, n ≥ 3).
    Generic,
}

impl NaiveBayesTruth {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            NaiveBayesTruth::Independent => "independent",
            NaiveBayesTruth::Pair => "pair",
            NaiveBayesTruth::Generic => "generic",
        }
    }
}

impl FromStr for NaiveBayesTruth {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "independent" | "one-class" => Ok(NaiveBayesTruth::Independent),
            "pair" | "one-pair" | "one-dependent-pair" | "dependent" => Ok(NaiveBayesTruth::Pair),
            "generic" | "regular" => Ok(NaiveBayesTruth::Generic),
            _ => Err(format!(
                "`{s}` is not a naive Bayes truth: use independent (one-class), pair \
                 (one-dependent-pair) or generic"
            )),
        }
    }
}

/// The closed form of Rusakov and Geiger (2005), Theorem 4, for `n ≥ 2`
/// features and a truth of the given type (see the module documentation
/// for the cases and which of them were read).
pub fn formula(n: usize, truth: NaiveBayesTruth) -> Formula {
    assert!(n >= 2, "naive Bayes: Theorem 4 needs at least 2 features");
    let nn = n as i64;
    let cite = "Rusakov and Geiger 2005, Theorem 4";
    let (lambda, multiplicity, source) = match (n, truth) {
        (2, NaiveBayesTruth::Independent) => (
            q(3, 2),
            3,
            format!("{cite}, claim (e): n = 2, Y in S0 (Eq. 18: -3/2 ln N + 2 ln ln N)"),
        ),
        (2, _) => (
            q(3, 2),
            1,
            format!("{cite}, claim (d): n = 2, Y not in S0 (Eq. 17)"),
        ),
        (_, NaiveBayesTruth::Generic) => (
            q(2 * nn + 1, 2),
            1,
            format!("{cite}, claim (a): Y regular, (2n+1)/2 (claim not read; derived)"),
        ),
        (_, NaiveBayesTruth::Pair) => (
            q(2 * nn - 1, 2),
            1,
            format!(
                "{cite}, claim (b): Y in S \\ S0, one dependent pair, (2n-1)/2 \
                 (claim not read; derived)"
            ),
        ),
        (_, NaiveBayesTruth::Independent) => (
            q(nn + 1, 2),
            1,
            format!("{cite}, claim (c): Y in S0, (n+1)/2 (claim not read; derived)"),
        ),
    };
    Formula {
        lambda,
        multiplicity,
        source,
    }
}

/// Drton and Plummer (2017), Eq. 6.19 (sBIC's `learnCoef` for latent class
/// models): λ ≤ ½·min(j·r + j − 1 + (i − j)·φ, r·i + j − 1) with i = 2
/// classes, r = n, φ = 1 (uniform t) and j the classes of the truth.
pub fn published_bound(n: usize, truth: NaiveBayesTruth) -> Formula {
    published_bound_for(2, n, truth)
}

/// [`published_bound`] for a model of `classes` classes (uniform,
/// Dirichlet(1, …, 1), class weights: φ = 1).
pub fn published_bound_for(classes: usize, n: usize, truth: NaiveBayesTruth) -> Formula {
    published_bound_for_dimension(classes, n, truth)
}

/// [`published_bound_for`] with components of dimension `r` (n binary
/// features: r = n; n features of R categories: r = n(R − 1)).
fn published_bound_for_dimension(classes: usize, r: usize, truth: NaiveBayesTruth) -> Formula {
    let (i, r, phi) = (classes as i64, r as i64, 1i64);
    let j = match truth {
        NaiveBayesTruth::Independent => 1,
        _ => 2,
    };
    let twice = (j * r + j - 1 + (i - j) * phi).min(r * i + j - 1);
    Formula {
        lambda: q(twice, 2),
        multiplicity: 1,
        source: format!(
            "Drton and Plummer 2017, Eq. 6.19 (sBIC learnCoef for LCAs): \
             i = {i} classes, j = {j}, r = {r}, phi = 1"
        ),
    }
}

/// Marginals P(X_i = 1) of the independent truth: the values of the
/// hand-written files first (nb2, nb3, nb4), then 1/(i + 1).
fn independent_marginal(i: usize) -> Rational {
    match i {
        0 => q(1, 2),
        1 => q(1, 3),
        2 => q(1, 4),
        3 => q(2, 3),
        _ => q(1, i as i64 + 2),
    }
}

/// A concrete true parameter (t, a, b) of the given type; the values of
/// the hand-written files where they exist. For an independent truth, t = 0
/// and a = b: the boundary point where the global value is attained
/// (`examples/models/frontier/true-points.toml`).
fn true_parameter(n: usize, truth: NaiveBayesTruth) -> (Rational, Vec<Rational>, Vec<Rational>) {
    match truth {
        NaiveBayesTruth::Independent => {
            let p: Vec<Rational> = (0..n).map(independent_marginal).collect();
            (Rational::zero(), p.clone(), p)
        }
        NaiveBayesTruth::Pair => {
            let rest = (0..n.saturating_sub(2)).map(independent_marginal);
            let a = [q(3, 4), q(3, 4)].into_iter().chain(rest.clone()).collect();
            let b = [q(1, 4), q(1, 4)].into_iter().chain(rest).collect();
            (q(1, 2), a, b)
        }
        NaiveBayesTruth::Generic => {
            let fixed_a = [q(3, 4), q(2, 3), q(3, 4), q(3, 5)];
            let fixed_b = [q(1, 4), q(1, 3), q(1, 2), q(1, 5)];
            let pick = |fixed: &[Rational; 4], i: usize, tail: Rational| {
                fixed.get(i).cloned().unwrap_or(tail)
            };
            let a = (0..n)
                .map(|i| pick(&fixed_a, i, q(i as i64, i as i64 + 1)))
                .collect();
            let b = (0..n)
                .map(|i| pick(&fixed_b, i, q(1, i as i64 + 1)))
                .collect();
            (q(1, 3), a, b)
        }
    }
}

/// M_A = t·∏_{i∈A} a_i + (1 − t)·∏_{i∈A} b_i at a parameter.
fn moment(t: &Rational, a: &[Rational], b: &[Rational], set: &[usize]) -> Rational {
    let pa: Rational = set.iter().map(|&i| a[i].clone()).product();
    let pb: Rational = set.iter().map(|&i| b[i].clone()).product();
    t * pa + (Rational::one() - t) * pb
}

/// The features that covary with some other one: cov(X_i, X_j) =
/// t(1 − t)(a_i − b_i)(a_j − b_j), computed from the moments of q.
fn dependent_features(t: &Rational, a: &[Rational], b: &[Rational]) -> Vec<usize> {
    let n = a.len();
    let mean = |i: usize| moment(t, a, b, &[i]);
    (0..n)
        .filter(|&i| {
            (0..n).any(|j| j != i && !(moment(t, a, b, &[i, j]) - mean(i) * mean(j)).is_zero())
        })
        .collect()
}

/// Whether (t, a, b) is of the type: within the model every central moment
/// of order ≥ 2 is a multiple of t(1 − t)·∏(a_i − b_i), so the covariances
/// decide it (all zero: S0; only the pair (1, 2): S \ S0; all features
/// dependent: regular, for n ≥ 3, derived in the nb3-generic file).
fn is_of_type(t: &Rational, a: &[Rational], b: &[Rational], truth: NaiveBayesTruth) -> bool {
    let dependent = dependent_features(t, a, b);
    let interior = (0..(1usize << a.len())).all(|x| !probability(t, a, b, x).is_zero());
    interior
        && match truth {
            NaiveBayesTruth::Independent => dependent.is_empty(),
            NaiveBayesTruth::Pair => dependent == [0, 1],
            NaiveBayesTruth::Generic => dependent.len() == a.len(),
        }
}

/// q(x) for x given by its bits (bit i is feature i + 1).
fn probability(t: &Rational, a: &[Rational], b: &[Rational], x: usize) -> Rational {
    let one = Rational::one();
    let class = |p: &[Rational]| -> Rational {
        p.iter()
            .enumerate()
            .map(|(i, pi)| {
                if x >> i & 1 == 1 {
                    pi.clone()
                } else {
                    &one - pi
                }
            })
            .product()
    };
    t * class(a) + (&one - t) * class(b)
}

/// The nonempty subsets of {0..n}, by size, each in lexicographic order.
fn subsets(n: usize) -> Vec<Vec<usize>> {
    let mut all: Vec<Vec<usize>> = (1..(1usize << n))
        .map(|m| (0..n).filter(|i| m >> i & 1 == 1).collect())
        .collect();
    all.sort_by(|x, y| x.len().cmp(&y.len()).then_with(|| x.cmp(y)));
    all
}

/// The naive Bayesian network with `features` binary features and
/// `classes` hidden classes (2; or 3, with the published bound only: see
/// `three_classes`), uniform prior on
/// [0, 1]^{2n+1}, at a true distribution of the given type; see the module
/// documentation for the reduction, the oracle and the bound.
/// Generated files say `Generated by \`rlct model naive-bayes … --emit\``.
pub fn naive_bayes(
    features: usize,
    classes: usize,
    truth: NaiveBayesTruth,
) -> Result<Model, Error> {
    let what = "naive Bayes";
    let n = features;
    if classes != 2 && classes != 3 {
        return Err(Error::input(format!(
            "{what}: {classes} classes; only 2 or 3 hidden classes are supported"
        )));
    }
    if n < 2 {
        return Err(Error::input(format!(
            "{what}: {n} features; give at least 2 (Rusakov and Geiger's Theorem 4 starts at n = 2)"
        )));
    }
    if n > MAX_FEATURES {
        return Err(Error::input(format!(
            "{what}: {n} features make 2^{n} - 1 generators; at most {MAX_FEATURES} features are supported"
        )));
    }
    check_sizes(what, &[("features", n)], 0, Some(2 * n + 1))?;
    if n == 2 && truth == NaiveBayesTruth::Generic {
        return Err(Error::input(format!(
            "{what}: with 2 features every truth is singular (S = Upsilon, Rusakov and Geiger); \
             use --truth pair (dependent) or independent"
        )));
    }
    if classes == 3 {
        return three_classes(n, truth);
    }
    let (t0, a0, b0) = true_parameter(n, truth);
    assert!(
        is_of_type(&t0, &a0, &b0, truth),
        "the {} truth for n = {n} is not of its type",
        truth.as_str()
    );
    let a: Vec<String> = (1..=n).map(|i| format!("a{i}")).collect();
    let b: Vec<String> = (1..=n).map(|i| format!("b{i}")).collect();
    let generators: Vec<String> = subsets(n)
        .iter()
        .map(|set| {
            let term = |names: &[String]| -> String {
                set.iter()
                    .map(|&i| names[i].as_str())
                    .collect::<Vec<_>>()
                    .join("*")
            };
            format!(
                "t*{} + (1-t)*{} - {}",
                term(&a),
                term(&b),
                moment(&t0, &a0, &b0, set)
            )
        })
        .collect();
    let vars: Vec<String> = std::iter::once("t".to_string())
        .chain(a.iter().cloned())
        .chain(b.iter().cloned())
        .collect();
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    let formula = formula(n, truth);
    let bound = published_bound(n, truth);
    let truth_text = describe_truth(&t0, &a0, &b0, truth);
    let header = header(n, truth, &truth_text, &t0, &a0, &b0, &formula, &bound);
    Ok(Model {
        name: format!("naive-bayes n={n} classes=2 truth={}", truth.as_str()),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &generators),
        truth: truth_text,
        formula: Some(formula),
        bound: Some(bound),
        at: at_statement(&vars, std::iter::once(&t0).chain(&a0).chain(&b0)),
    })
}

fn list(v: &[Rational]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_truth(t: &Rational, a: &[Rational], b: &[Rational], truth: NaiveBayesTruth) -> String {
    match truth {
        NaiveBayesTruth::Independent => format!(
            "all features independent (Y in S0), P(X_i = 1) = ({}); as a parameter t = 0, a = b",
            list(a)
        ),
        NaiveBayesTruth::Pair => format!(
            "only X1, X2 dependent (Y in S \\ S0): t0 = {t}, a0 = ({}), b0 = ({})",
            list(a),
            list(b)
        ),
        NaiveBayesTruth::Generic => format!(
            "every feature dependent on the class (Y regular): t0 = {t}, a0 = ({}), b0 = ({})",
            list(a),
            list(b)
        ),
    }
}

/// The derivation of the value for the truth's type (repeated from the
/// hand-written files, where it was first written out).
fn derivation(n: usize, truth: NaiveBayesTruth) -> &'static str {
    match (n, truth) {
        (2, NaiveBayesTruth::Independent) => {
            "Derived check: ideal = <m1-q1, m2-q2, t(1-t) d1 d2>; at t = 0, d = 0 this is <u, v, t d1 d2>,\n\
             the monomial t d1 d2 has lambda 1/2 with three crossing divisors, so lambda = 1 + 1/2, m = 3."
        }
        (2, _) => {
            "Derived check: the model fills the 3-dim simplex; the fiber over Y is the smooth surface\n\
             {t(1-t) d1 d2 = cov, m = m0}; 5 - 2 = 3 = 2 lambda, m = 1."
        }
        (_, NaiveBayesTruth::Generic) => {
            "Derivation: the fiber is the two label-swapped interior points; in (t, m, d) the Jacobian of\n\
             the mu_A has full rank 2n+1 there (mu_123 / mu_12^(3/2) ~ (1-2t)/sqrt(t(1-t)) is strictly\n\
             monotone in t, all d_i != 0): a regular point, lambda = (2n+1)/2, m = 1."
        }
        (_, NaiveBayesTruth::Pair) => {
            "Derivation: mu_12 != 0 forces c_2(t) d1 d2 != 0 on the fiber, hence d_i = 0 for i >= 3;\n\
             locally d1 is a unit, so every mu_A with some i >= 3 in A lies in <d_i> and d_i = mu_1i/(c_2 d1):\n\
             the ideal is <m - m0, c_2(t) d1 d2 - mu_12, d_3..d_n>, smooth of codimension 2n-1: m = 1."
        }
        (_, NaiveBayesTruth::Independent) => {
            "Derivation: mu^0 = 0, ideal = <m - q> + <c_k(t) prod_A d_i : |A| >= 2>. For t in (0,1) c_2 is a\n\
             unit and the ideal is <d_i d_j : i < j>, RLCT n/4 (so n/2 + n/4 >= (n+1)/2 for n >= 2).\n\
             Near t = 0 (or 1): c_k = t * unit, ideal = t <d_i d_j>; the poles are 1/2 (t, one-sided)\n\
             and n/4, so for n >= 3 the local RLCT is n/2 + 1/2 = (n+1)/2 with m = 1 (the minimum)."
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn header(
    n: usize,
    truth: NaiveBayesTruth,
    truth_text: &str,
    t: &Rational,
    a: &[Rational],
    b: &[Rational],
    formula: &Formula,
    bound: &Formula,
) -> String {
    let mut h = format!(
        "Model: naive Bayesian network = latent class model with a binary hidden class C and\n\
         \x20 n = {n} binary features X1..Xn, conditionally independent given C:\n\
         \x20   p_w(x) = t * prod_i a_i^x_i (1-a_i)^(1-x_i) + (1-t) * prod_i b_i^x_i (1-b_i)^(1-x_i)\n\
         \x20 t = P(C=1), a_i = P(X_i=1|C=1), b_i = P(X_i=1|C=0).\n\
         \x20 Parameter box w = (t, a1..an, b1..bn) in [0,1]^{}, uniform prior (prior = 1).\n\
         True distribution: {truth_text}.\n\
         Source: D. Rusakov and D. Geiger, \"Asymptotic model selection for naive Bayesian networks\",\n\
         \x20 JMLR 6 (2005) 1-35, Theorem 4 (ln I[N,Y_D] = N ln P(Y|w_ML) - lambda ln N + (m-1) ln ln N + O(1);\n\
         \x20 S0 = distributions with all features independent, S = singular set of the model).\n\
         Reduction to an ideal: the sample space {{0,1}}^n is finite and q(x) > 0 for all x, so\n\
         \x20 c1 * sum_x (p_w(x)-q(x))^2 <= KL(q || p_w) <= c2 * sum_x (p_w(x)-q(x))^2 near the zero set,\n\
         \x20 hence KL and the ideal <p_w(x) - q(x) : x in {{0,1}}^n> have the same lambda and m\n\
         \x20 (Watanabe 2009, equivalent functions have the same RLCT).\n\
         Generators used: the raw-moment differences M_A(w) - M_A(q), A a nonempty subset of {{1..n}},\n\
         \x20 M_A(w) = t prod_(i in A) a_i + (1-t) prod_(i in A) b_i. They generate the same ideal as the\n\
         \x20 p_w(x) - q(x): M_A = sum_(x >= 1_A) p(x), and Moebius inversion gives p back (M_empty = 1 on\n\
         \x20 both sides), an invertible integer linear map between the two lists of generators.\n\
         Local picture (derived): m_i = t a_i + (1-t) b_i, d_i = a_i - b_i (Jacobian -1 per i); the ideal is\n\
         \x20 <m_i - m_i^0, mu_A - mu_A^0> with the central moments\n\
         \x20   mu_A = t(1-t) [ (1-t)^(k-1) + (-1)^k t^(k-1) ] prod_(i in A) d_i = c_k(t) prod d_i, k = |A|;\n\
         \x20 the m_i are free smooth directions and contribute n/2.\n",
        2 * n + 1
    );
    let _ = writeln!(h, "{}", derivation(n, truth));
    let _ = writeln!(
        h,
        "Closed form: lambda = {}, m = {} ({}).",
        formula.lambda, formula.multiplicity, formula.source
    );
    let _ = writeln!(
        h,
        "Published upper bound: lambda <= {} ({}).",
        bound.lambda, bound.source
    );
    if n <= 4 {
        let _ = writeln!(h, "True distribution q(x), x = (x1..x{n}):");
        for row in 0..(1usize << n) {
            // Rows in the order of the strings x1..xn (x1 most significant).
            let x: usize = (0..n).map(|i| (row >> (n - 1 - i) & 1) << i).sum();
            let bits: String = (0..n)
                .map(|i| if x >> i & 1 == 1 { '1' } else { '0' })
                .collect();
            let _ = writeln!(h, "  q({bits}) = {}", probability(t, a, b, x));
        }
    }
    let _ = write!(
        h,
        "Generated by `rlct model naive-bayes --features {n} --classes 2 --truth {} --emit`.",
        truth.as_str()
    );
    h
}

/// The three-class model: weights (1 − s, s·u, s·(1 − u)) (stick-broken,
/// the uniform Dirichlet(1, 1, 1) prior becomes the Jacobian s), classes
/// a, b, c. No closed form is known here: the model carries only the
/// Drton–Plummer bound. The truths are the two-class ones (independent:
/// j = 1 class; pair: j = 2 classes), embedded with the third class unused;
/// a generic three-class truth is not offered (that it needs three
/// classes is not checked here).
fn three_classes(n: usize, truth: NaiveBayesTruth) -> Result<Model, Error> {
    let what = "naive Bayes";
    check_sizes(what, &[("features", n)], 0, Some(3 * n + 2))?;
    if truth == NaiveBayesTruth::Generic {
        return Err(Error::input(format!(
            "{what}: with 3 classes only the truths independent and pair are offered"
        )));
    }
    let (t0, a0, b0) = true_parameter(n, truth);
    assert!(is_of_type(&t0, &a0, &b0, truth), "the truth is of its type");
    // q = t0·class(a0) + (1 − t0)·class(b0): weights (t0, 1 − t0, 0), so
    // s = 1 − t0 and u = 1. An independent truth is one class, taken as the
    // first (s = 0, u free: ½), where the prior s is a monomial at the point.
    let (s0, u0) = match truth {
        NaiveBayesTruth::Independent => (Rational::zero(), q(1, 2)),
        _ => (Rational::one() - &t0, Rational::one()),
    };
    let first = match truth {
        NaiveBayesTruth::Independent => b0.clone(),
        _ => a0.clone(),
    };
    let names = |p: &str| -> Vec<String> { (1..=n).map(|i| format!("{p}{i}")).collect() };
    let (a, b, c) = (names("a"), names("b"), names("c"));
    let generators: Vec<String> = subsets(n)
        .iter()
        .map(|set| {
            let term = |v: &[String]| -> String {
                set.iter()
                    .map(|&i| v[i].as_str())
                    .collect::<Vec<_>>()
                    .join("*")
            };
            format!(
                "(1-s)*{} + s*u*{} + s*(1-u)*{} - {}",
                term(&a),
                term(&b),
                term(&c),
                moment(&t0, &a0, &b0, set)
            )
        })
        .collect();
    let vars: Vec<String> = ["s".to_string(), "u".to_string()]
        .into_iter()
        .chain(a.iter().cloned())
        .chain(b.iter().cloned())
        .chain(c.iter().cloned())
        .collect();
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    let values: Vec<Rational> = [s0, u0]
        .into_iter()
        .chain(first.iter().cloned())
        .chain(b0.iter().cloned())
        .chain(b0.iter().cloned())
        .collect();
    let bound = published_bound_for(3, n, truth);
    let truth_text = describe_truth(&t0, &a0, &b0, truth);
    let header = format!(
        "Model: naive Bayesian network = latent class model with a hidden class C in {{1, 2, 3}} and\n\
         \x20 n = {n} binary features X1..Xn, conditionally independent given C:\n\
         \x20   p_w(x) = (1-s) prod_i a_i^x_i (1-a_i)^(1-x_i) + s u prod_i b_i^x_i (1-b_i)^(1-x_i)\n\
         \x20            + s (1-u) prod_i c_i^x_i (1-c_i)^(1-x_i),\n\
         \x20 the class weights (1-s, s u, s (1-u)) stick-broken; a_i, b_i, c_i = P(X_i=1|C).\n\
         Parameter box [0,1]^{}; prior = s: the uniform Dirichlet(1,1,1) prior on the weights in\n\
         \x20 stick-breaking coordinates (its Jacobian), uniform on the a, b, c.\n\
         True distribution (a two-class one, the third class unused): {truth_text}.\n\
         Reduction to an ideal: as for two classes (q(x) > 0 on the finite sample space, so KL and\n\
         \x20 <p_w(x) - q(x)> have the same lambda and m), written as the raw-moment differences\n\
         \x20 M_A(w) - M_A(q), A a nonempty subset of {{1..n}} (Moebius inversion: the same ideal).\n\
         No closed form is known here (Rusakov and Geiger treat two classes). Published upper bound:\n\
         \x20 lambda <= {} ({}).\n\
         Generated by `rlct model naive-bayes --features {n} --classes 3 --truth {} --emit`.",
        3 * n + 2,
        bound.lambda,
        bound.source,
        truth.as_str()
    );
    Ok(Model {
        name: format!("naive-bayes n={n} classes=3 truth={}", truth.as_str()),
        text: input_file(
            &header,
            &vars,
            Some(&domain.join(", ")),
            Some("s"),
            &generators,
        ),
        truth: truth_text,
        formula: None,
        bound: Some(bound),
        at: at_statement(&vars, &values),
    })
}

/// Most outcomes R^n of a categorical model: K has R^n − 1 generators.
const MAX_OUTCOMES: usize = 1024;

/// The naive Bayesian network with two hidden classes and `features`
/// categorical features of `categories` = R ≥ 3 categories each.
///
/// Each class-conditional distribution of a feature is stick-broken, a_k
/// the share of the stick kept at step k: θ_k = a_1⋯a_{k−1}·(1 − a_k),
/// θ_R = a_1⋯a_{R−1}, with the prior ∏ a_k^{R−1−k}: the Jacobian, which
/// makes it the uniform Dirichlet(1, …, 1) prior on each simplex (as for
/// binary features, where it is 1) and a monomial, as the engine needs of
/// a prior (the shares kept, not those broken off, make it one); the class
/// weight t is uniform.
///
/// K is written as the indicator-moment differences
/// E[∏_{i∈A} 1{X_i = k_i}] − (the truth's), A a nonempty set of features
/// and k_i ≤ R − 1: the probabilities are an invertible linear transform of
/// them (1{X_i = R} = 1 − Σ_{k<R} 1{X_i = k}, then inclusion–exclusion),
/// so they generate the ideal of the p_w(x) − q(x), whose λ and m are those
/// of KL on the finite sample space with q > 0 (as for binary features).
///
/// Truths: independent (one class; uniform marginals, as a parameter t = 0
/// and equal classes), with only the Drton–Plummer bound (r = n(R − 1));
/// generic (t = 1/3, every fraction 2/3 in one class and 1/3 in the other,
/// so θ^A_i ≠ θ^B_i for every feature), n ≥ 3, whose value is derived:
/// the fiber is the two label-swapped points (Kruskal 1977: three or more
/// features whose two class distributions differ have Kruskal rank 2
/// each, 2 + 2 + 2 ≥ 2·2 + 2; more features group into three), and there
/// the Jacobian of the moments has full rank d = 2n(R − 1) + 1 (verified
/// exactly at this truth by a unit test), so λ = d/2, m = 1: Rusakov and
/// Geiger's case (a) for R = 2.
pub fn naive_bayes_categorical(
    features: usize,
    categories: usize,
    truth: NaiveBayesTruth,
) -> Result<Model, Error> {
    let what = "naive Bayes";
    let (n, r) = (features, categories);
    if r < 3 {
        return Err(Error::input(format!(
            "{what}: {r} categories; categorical features have at least 3 (2 is the binary model)"
        )));
    }
    if n < 2 {
        return Err(Error::input(format!(
            "{what}: {n} features; give at least 2"
        )));
    }
    let outcomes = r.checked_pow(n as u32).filter(|&o| o <= MAX_OUTCOMES);
    let Some(outcomes) = outcomes else {
        return Err(Error::input(format!(
            "{what}: {n} features of {r} categories make {r}^{n} outcomes; at most {MAX_OUTCOMES} are supported"
        )));
    };
    let d = 2 * n * (r - 1) + 1;
    check_sizes(what, &[("features", n), ("categories", r)], 0, Some(d))?;
    let (t0, fa, fb) = match truth {
        NaiveBayesTruth::Independent => {
            // Uniform marginals: the share kept at step k is (R − k)/(R − k + 1).
            let f: Vec<Rational> = (1..r)
                .map(|k| q((r - k) as i64, (r - k + 1) as i64))
                .collect();
            (Rational::zero(), f.clone(), f)
        }
        NaiveBayesTruth::Generic if n >= 3 => (q(1, 3), vec![q(2, 3); r - 1], vec![q(1, 3); r - 1]),
        NaiveBayesTruth::Generic => {
            return Err(Error::input(format!(
                "{what}: with 2 features every truth is singular; use --truth independent"
            )))
        }
        NaiveBayesTruth::Pair => {
            return Err(Error::input(format!(
                "{what}: with categorical features the truths independent and generic are offered"
            )))
        }
    };
    // θ_k from the shares a_j of the stick kept, as an expression and as a
    // value: θ_k = a_1⋯a_{k−1}·(1 − a_k), θ_R = a_1⋯a_{R−1}.
    let theta_expr = |name: &dyn Fn(usize) -> String, k: usize| -> String {
        let mut f: Vec<String> = (1..k).map(name).collect();
        if k < r {
            f.push(format!("(1-{})", name(k)));
        }
        f.join("*")
    };
    let theta = |frac: &[Rational], k: usize| -> Rational {
        let kept: Rational = frac[..k - 1].iter().cloned().product();
        if k < r {
            kept * (Rational::one() - &frac[k - 1])
        } else {
            kept
        }
    };
    let cells: Vec<Vec<(usize, usize)>> = subsets(n)
        .iter()
        .flat_map(|set| {
            // Every assignment of a category k < R to the features of the set.
            let count = (r - 1).pow(set.len() as u32);
            (0..count).map(move |mut c| {
                set.iter()
                    .map(|&i| {
                        let k = c % (r - 1) + 1;
                        c /= r - 1;
                        (i, k)
                    })
                    .collect()
            })
        })
        .collect();
    debug_assert_eq!(cells.len(), outcomes - 1);
    let name = |class: char, i: usize, k: usize| format!("{class}{}_{k}", i + 1);
    let generators: Vec<String> = cells
        .iter()
        .map(|cell| {
            let product = |class: char| -> String {
                cell.iter()
                    .map(|&(i, k)| theta_expr(&|j| name(class, i, j), k))
                    .collect::<Vec<_>>()
                    .join("*")
            };
            let value = |frac: &[Rational]| -> Rational {
                cell.iter().map(|&(_, k)| theta(frac, k)).product()
            };
            let moment = &t0 * value(&fa) + (Rational::one() - &t0) * value(&fb);
            format!("t*{} + (1-t)*{} - {moment}", product('a'), product('b'))
        })
        .collect();
    let mut vars = vec!["t".to_string()];
    for class in ['a', 'b'] {
        for i in 0..n {
            vars.extend((1..r).map(|k| name(class, i, k)));
        }
    }
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    let prior: Vec<String> = vars[1..]
        .iter()
        .filter_map(|v| {
            let k: usize = v.rsplit('_').next()?.parse().ok()?;
            let e = r - 1 - k;
            (e > 0).then(|| {
                if e == 1 {
                    v.clone()
                } else {
                    format!("{v}^{e}")
                }
            })
        })
        .collect();
    let prior = (!prior.is_empty()).then(|| prior.join("*"));
    let values: Vec<Rational> = std::iter::once(t0.clone())
        .chain((0..n).flat_map(|_| fa.iter().cloned()))
        .chain((0..n).flat_map(|_| fb.iter().cloned()))
        .collect();
    let bound = published_bound_for_dimension(2, n * (r - 1), truth);
    let formula = (truth == NaiveBayesTruth::Generic).then(|| Formula {
        lambda: q(d as i64, 2),
        multiplicity: 1,
        source: format!(
            "derived: a regular point (two label-swapped points, Kruskal 1977; the Jacobian has full \
             rank d = 2n(R-1)+1 = {d} there): lambda = d/2"
        ),
    });
    let marginal =
        |f: &[Rational]| -> String { list(&(1..=r).map(|k| theta(f, k)).collect::<Vec<_>>()) };
    let truth_text = match truth {
        NaiveBayesTruth::Independent => format!(
            "all features independent, each with marginal ({}); as a parameter t = 0, a = b",
            marginal(&fa)
        ),
        _ => format!(
            "every feature dependent on the class: t0 = {t0}, class a: ({}), class b: ({}) for every feature",
            marginal(&fa),
            marginal(&fb)
        ),
    };
    let mut header = format!(
        "Model: naive Bayesian network = latent class model with a binary hidden class C and\n\
         \x20 n = {n} features X1..Xn of R = {r} categories, conditionally independent given C:\n\
         \x20   p_w(x) = t * prod_i thetaA_i(x_i) + (1-t) * prod_i thetaB_i(x_i).\n\
         \x20 Each thetaA_i, thetaB_i is stick-broken, a_k the share of the stick kept at step k:\n\
         \x20 theta_k = a_1...a_(k-1) (1-a_k), theta_R = a_1...a_(R-1); variable a{{i}}_{{k}} is a_k of\n\
         \x20 feature i in class a (b{{i}}_{{k}} in class b).\n\
         Parameter box [0,1]^{d}; prior = prod a_k^(R-1-k), the Jacobian: the uniform Dirichlet(1,..,1)\n\
         \x20 prior on every simplex (as for binary features), t uniform.\n\
         True distribution: {truth_text}.\n\
         Reduction to an ideal (derived, as for binary features): the sample space is finite and q(x) > 0,\n\
         \x20 so KL(q || p_w) and <p_w(x) - q(x)> have the same lambda and m. Generators used: the\n\
         \x20 indicator-moment differences E[prod_(i in A) 1{{X_i = k_i}}] - (the truth's), A nonempty, k_i < R:\n\
         \x20 an invertible linear transform of the probabilities (1{{X_i = R}} = 1 - sum_(k<R) 1{{X_i = k}},\n\
         \x20 then inclusion-exclusion), hence the same ideal.\n"
    );
    if let Some(f) = &formula {
        let _ = writeln!(
            header,
            "Derivation: the fiber of q is the two label-swapped interior points (Kruskal 1977: with three or\n\
             \x20 more features whose two class distributions differ, the decomposition is unique up to labels),\n\
             \x20 and the Jacobian of the moments has full rank d there: a regular point.\n\
             Closed form: lambda = {}, m = {} ({}).",
            f.lambda, f.multiplicity, f.source
        );
    } else {
        header +=
            "No closed form is known here: the engine's answer is compared with the bound only.\n";
    }
    let _ = write!(
        header,
        "Published upper bound: lambda <= {} ({}).\n\
         Generated by `rlct model naive-bayes --features {n} --categories {r} --truth {} --emit`.",
        bound.lambda,
        bound.source,
        truth.as_str()
    );
    Ok(Model {
        name: format!("naive-bayes n={n} R={r} classes=2 truth={}", truth.as_str()),
        text: input_file(
            &header,
            &vars,
            Some(&domain.join(", ")),
            prior.as_deref(),
            &generators,
        ),
        truth: truth_text,
        formula,
        bound: Some(bound),
        at: at_statement(&vars, &values),
    })
}
