//! Finite mixtures: K components of a binomial, Poisson, multinomial or
//! unit-variance normal (location) family against a true mixture of
//! K0 < K components, written as the ideal whose λ and m are those of the
//! Kullback–Leibler divergence (the reductions of `examples/models/
//! mixtures--*.rlct`, generalised to K and K0).
//!
//! Two finite families of generators, both with the same ideal as the KL
//! divergence:
//!
//! * finite sample spaces (binomial, multinomial), truth inside the
//!   simplex: KL ≍ Σ_x (p_w(x) − q(x))², generators p_w(x) − q(x), or
//!   (`--moments`) the factorial-moment differences, which generate the
//!   same ideal (probability generating function in s − 1);
//! * Poisson and normal: p_w − q = Σ_k F_k e_k with e_k the coefficient
//!   functions of the generating function in s − 1 (Poisson) or the Hermite
//!   functions He_k·φ/k! (normal) and F_k the k-th (factorial, for Poisson)
//!   moment difference of the mixing measures. The difference of the two
//!   mixing measures is a signed measure of total mass 0 on at most
//!   D = K + K0 atoms, so its moments obey a linear recurrence of order D
//!   whose coefficients are the elementary symmetric polynomials of the
//!   atoms: F_{k+D} = Σ_{j=1..D} (−1)^{j+1} e_j F_{k+D−j} for k ≥ 0, with
//!   F_0 = 0. Hence every F_k lies in ⟨F_1, …, F_{D−1}⟩, and these D − 1
//!   moment differences generate the ideal of all of them (F_D is written
//!   as well: see `moment_count`).
//!
//! Against one true component with three components or more, K is
//! written as M_1 and the terms w_i B_i² of M_2 instead (an equivalence of
//! functions, derived at `SPLIT_SECOND_MOMENT`), the form whose tree the
//! engine finishes over the whole box.
//!
//! Exact values are known (derived by hand in the example files) for two
//! components against one, and (derived here) for three against one;
//! otherwise the model carries the published upper bound of Drton and
//! Plummer (2017), as implemented in the sBIC package.

use super::q;
use std::fmt::Write;

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use super::{input_file, Formula, Model, MAX_PARAMETERS};
use crate::error::Error;
use crate::poly::Rational;

/// The component family of a mixture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MixtureFamily {
    /// Bin(N, b), b in [0, 1].
    Binomial,
    /// Poi(b), b in an interval bounded away from 0.
    Poisson,
    /// Mult(N; θ), θ in the simplex of M categories.
    Multinomial,
    /// N(b, 1), b in an interval.
    Normal,
    /// N(b, 1 + v): a location b in an interval and a variance at least
    /// the true one, v in [0, 1/4], against one true component N(β, 1)
    /// (the reduction is in the emitted file's header).
    NormalScale,
}

impl std::str::FromStr for MixtureFamily {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "binomial" => Ok(MixtureFamily::Binomial),
            "poisson" => Ok(MixtureFamily::Poisson),
            "multinomial" => Ok(MixtureFamily::Multinomial),
            "normal" => Ok(MixtureFamily::Normal),
            "normal-scale" => Ok(MixtureFamily::NormalScale),
            _ => Err(Error::input(format!(
                "mixture: unknown family `{s}` (binomial, poisson, multinomial, normal or normal-scale)"
            ))),
        }
    }
}

impl MixtureFamily {
    /// The family's name on the command line (`--family`).
    pub fn as_str(self) -> &'static str {
        match self {
            MixtureFamily::Binomial => "binomial",
            MixtureFamily::Poisson => "poisson",
            MixtureFamily::Multinomial => "multinomial",
            MixtureFamily::Normal => "normal",
            MixtureFamily::NormalScale => "normal-scale",
        }
    }
}

/// What `rlct model mixture` was asked for.
#[derive(Clone, Debug)]
pub struct MixtureSpec {
    /// The component family.
    pub family: MixtureFamily,
    /// Components K of the model (at least 2).
    pub components: usize,
    /// Components K0 of the truth (1 ≤ K0 < K).
    pub true_components: usize,
    /// Trials N (binomial and multinomial only).
    pub trials: Option<usize>,
    /// Categories M (multinomial only, at least 2).
    pub categories: Option<usize>,
    /// The true components' parameters (binomial probabilities, Poisson
    /// rates, normal means), as rationals; empty for the defaults.
    pub truth: Vec<String>,
    /// The interval of a component's parameter (Poisson, normal), as two
    /// rationals; empty for the default.
    pub interval: Vec<String>,
    /// Binomial and multinomial: write the moment differences instead of
    /// the raw probabilities (same ideal, fewer and smaller generators).
    /// Against one true component with three or more components, binomials
    /// are written through moments either way (see `split_second_moment`).
    pub moments: bool,
}

/// Largest number of trials: the raw probabilities have degree N.
const MAX_TRIALS: usize = 12;
/// Largest number of generators a multinomial file may have.
const MAX_GENERATORS: usize = 400;

fn int(n: usize) -> Rational {
    Rational::from_integer(BigInt::from(n))
}

fn binomial(n: usize, k: usize) -> Rational {
    (0..k).fold(Rational::one(), |acc, i| acc * int(n - i) / int(i + 1))
}

fn pow(x: &Rational, k: usize) -> Rational {
    (0..k).fold(Rational::one(), |acc, _| acc * x)
}

/// `name^k`, `name`, or nothing for k = 0.
fn power(name: &str, k: usize) -> Option<String> {
    match k {
        0 => None,
        1 => Some(name.to_string()),
        _ => Some(format!("{name}^{k}")),
    }
}

/// `expr - c` (or `+`), nothing when c = 0.
fn minus_constant(expr: String, c: &Rational) -> String {
    if c.is_zero() {
        expr
    } else if c.is_positive() {
        format!("{expr} - {c}")
    } else {
        format!("{expr} + {}", -c)
    }
}

/// `(c + name)`, `(name)` for c = 0, as a translated coordinate reads.
fn shifted(c: &Rational, name: &str) -> String {
    if c.is_zero() {
        name.to_string()
    } else {
        format!("({c} + {name})")
    }
}

/// The mixing weights: for two components `a` and `(1-a)`; for K ≥ 3 a
/// stick-breaking a_1, (1 − a_1)a_2, …, (1 − a_1)⋯(1 − a_{K−1}) with every
/// a_i in [0, 1] (the simplex is not a box; the uniform prior on the
/// fractions is a prior positive on the whole simplex).
struct Weights {
    vars: Vec<String>,
    exprs: Vec<String>,
}

fn weights(k: usize) -> Weights {
    if k == 2 {
        return Weights {
            vars: vec!["a".into()],
            exprs: vec!["a".into(), "(1-a)".into()],
        };
    }
    let vars: Vec<String> = (1..k).map(|i| format!("a{i}")).collect();
    let exprs = (0..k)
        .map(|i| {
            let mut f: Vec<String> = vars[..i].iter().map(|v| format!("(1-{v})")).collect();
            if i + 1 < k {
                f.push(vars[i].clone());
            }
            f.join("*")
        })
        .collect();
    Weights { vars, exprs }
}

/// Stick-breaking fractions of the weights `w` (all but the last).
fn fractions(w: &[Rational]) -> Vec<Rational> {
    let mut left = Rational::one();
    let mut t = Vec::new();
    for wi in &w[..w.len() - 1] {
        t.push(if left.is_zero() { q(1, 2) } else { wi / &left });
        left -= wi;
    }
    t
}

/// The weights of a true parameter: the first K0 − 1 components carry
/// the true ones (1/K0 each), the last true component's 1/K0 is split
/// evenly between it and the K − K0 extra copies of it.
fn true_point_weights(k: usize, k0: usize) -> Vec<Rational> {
    let split = q(1, (k0 * (k - k0 + 1)) as i64);
    (0..k)
        .map(|i| {
            if i + 1 < k0 {
                q(1, k0 as i64)
            } else {
                split.clone()
            }
        })
        .collect()
}

fn parse_rationals(what: &str, list: &[String]) -> Result<Vec<Rational>, Error> {
    list.iter()
        .map(|s| {
            s.trim().parse::<Rational>().map_err(|_| {
                Error::input(format!(
                    "mixture: {what}: `{s}` is not a rational number such as 1/3"
                ))
            })
        })
        .collect()
}

/// Names of the scalar components: b, c for two; b1, …, bK otherwise;
/// upper case when translated to the truth.
fn scalar_names(k: usize, translated: bool) -> Vec<String> {
    let names: Vec<String> = if k == 2 {
        vec!["b".into(), "c".into()]
    } else {
        (1..=k).map(|i| format!("b{i}")).collect()
    };
    if translated {
        names.iter().map(|n| n.to_uppercase()).collect()
    } else {
        names
    }
}

/// Builds the mixture model asked for.
///
/// The model: p_w = Σ_{i=1..K} w_i f(·; b_i) with weights on the simplex
/// (see `weights`) and component parameters b_i in their box, uniform
/// prior on the box. The truth: q = Σ_{j=1..K0} (1/K0) f(·; β_j) with
/// distinct β_j strictly inside the box (defaults: evenly spaced, so
/// Bin(N, 1/2), Poi(1) on [1/2, 3/2], N(0, 1) on [−1, 1] for K0 = 1).
pub fn mixture(spec: &MixtureSpec) -> Result<Model, Error> {
    let (k, k0) = (spec.components, spec.true_components);
    let fam = spec.family.as_str();
    if k < 2 {
        return Err(Error::input(format!(
            "mixture: --components must be at least 2 (got {k})"
        )));
    }
    if k0 < 1 || k0 >= k {
        return Err(Error::input(format!(
            "mixture: --true-components must be from 1 to components - 1 = {} (got {k0})",
            k - 1
        )));
    }
    let needs_trials = matches!(
        spec.family,
        MixtureFamily::Binomial | MixtureFamily::Multinomial
    );
    if needs_trials != spec.trials.is_some() {
        return Err(Error::input(if needs_trials {
            format!("mixture: the {fam} family needs --trials N")
        } else {
            format!("mixture: --trials is for binomial and multinomial mixtures, not {fam}")
        }));
    }
    if (spec.family == MixtureFamily::Multinomial) != spec.categories.is_some() {
        return Err(Error::input(
            "mixture: --categories M is given for multinomial mixtures, and only for them",
        ));
    }
    if spec.moments && !needs_trials {
        return Err(Error::input(format!(
            "mixture: --moments is for binomial and multinomial mixtures ({fam} mixtures are always written through their moments)"
        )));
    }
    if let Some(n) = spec.trials {
        if n == 0 || n > MAX_TRIALS {
            return Err(Error::input(format!(
                "mixture: --trials must be from 1 to {MAX_TRIALS} (got {n})"
            )));
        }
    }
    match spec.family {
        MixtureFamily::Multinomial => multinomial(spec),
        MixtureFamily::NormalScale => location_scale(spec),
        _ => scalar(spec),
    }
}

/// The box of a scalar family's component parameter, and the true atoms.
fn scalar_box_and_truth(spec: &MixtureSpec) -> Result<(Rational, Rational, Vec<Rational>), Error> {
    let k0 = spec.true_components;
    let (lo, hi) = match (spec.family, spec.interval.as_slice()) {
        (MixtureFamily::Binomial, []) => (q(0, 1), q(1, 1)),
        (MixtureFamily::Binomial, _) => {
            return Err(Error::input(
                "mixture: binomial probabilities range over [0, 1]; --interval is for poisson and normal",
            ))
        }
        (MixtureFamily::Poisson, []) => (q(1, 2), q(3, 2)),
        (MixtureFamily::Normal | MixtureFamily::NormalScale, []) => (q(-1, 1), q(1, 1)),
        (_, [lo, hi]) => {
            let v = parse_rationals("--interval", &[lo.clone(), hi.clone()])?;
            (v[0].clone(), v[1].clone())
        }
        _ => {
            return Err(Error::input(
                "mixture: --interval takes two numbers, LO,HI",
            ))
        }
    };
    if lo >= hi {
        return Err(Error::input(format!(
            "mixture: the interval [{lo}, {hi}] is empty"
        )));
    }
    if spec.family == MixtureFamily::Poisson && !lo.is_positive() {
        return Err(Error::input(format!(
            "mixture: Poisson rates must stay away from 0 (the interval starts at {lo})"
        )));
    }
    let truth = if spec.truth.is_empty() {
        (1..=k0)
            .map(|j| &lo + (&hi - &lo) * q(j as i64, (k0 + 1) as i64))
            .collect()
    } else {
        parse_rationals("--truth", &spec.truth)?
    };
    if truth.len() != k0 {
        return Err(Error::input(format!(
            "mixture: --truth gives {} values for {k0} true components",
            truth.len()
        )));
    }
    for (i, t) in truth.iter().enumerate() {
        if *t <= lo || *t >= hi {
            return Err(Error::input(format!(
                "mixture: the true value {t} is not strictly inside [{lo}, {hi}]"
            )));
        }
        if truth[..i].contains(t) {
            return Err(Error::input(format!(
                "mixture: the true components must differ ({t} twice)"
            )));
        }
    }
    Ok((lo, hi, truth))
}

/// Binomial, Poisson and normal mixtures.
fn scalar(spec: &MixtureSpec) -> Result<Model, Error> {
    let (k, k0) = (spec.components, spec.true_components);
    let parameters = k.checked_mul(2).map(|p| p - 1);
    check_parameters(parameters)?;
    let (lo, hi, truth) = scalar_box_and_truth(spec)?;
    let raw = spec.family == MixtureFamily::Binomial && !spec.moments && !split_second_moment(spec);
    // One true atom: the moments about it, in coordinates translated to it
    // (as the example files are written), unless they are raw probabilities.
    let shift = if k0 == 1 && !raw {
        truth[0].clone()
    } else {
        Rational::zero()
    };
    let translated = !shift.is_zero();
    let w = weights(k);
    let names = scalar_names(k, translated);
    let alpha = q(1, k0 as i64);
    let gens: Vec<String> = if raw {
        let n = spec.trials.expect("binomial trials");
        (0..=n)
            .map(|x| {
                let c = binomial(n, x);
                let coef = if c.is_one() {
                    String::new()
                } else {
                    format!("{c}*")
                };
                let terms: Vec<String> = w
                    .exprs
                    .iter()
                    .zip(&names)
                    .map(|(wi, b)| {
                        let mut f = vec![wi.clone()];
                        f.extend(power(b, x));
                        f.extend(power(&format!("(1-{b})"), n - x));
                        format!("{coef}{}", f.join("*"))
                    })
                    .collect();
                let qx: Rational = truth
                    .iter()
                    .map(|beta| &alpha * &c * pow(beta, x) * pow(&(Rational::one() - beta), n - x))
                    .sum();
                minus_constant(terms.join(" + "), &qx)
            })
            .collect()
    } else if split_second_moment(spec) {
        // One true atom, translated to 0: K ≍ M_1² + Σ_i (w_i B_i²)² (see
        // `SPLIT_SECOND_MOMENT`).
        first_moment_and_second_terms(&w, &names)
    } else {
        let top = moment_count(spec);
        (1..=top)
            .map(|j| {
                let terms: Vec<String> = w
                    .exprs
                    .iter()
                    .zip(&names)
                    .map(|(wi, b)| {
                        let mut f = vec![wi.clone()];
                        f.extend(power(b, j));
                        f.join("*")
                    })
                    .collect();
                let mj: Rational = truth
                    .iter()
                    .map(|beta| &alpha * pow(&(beta - &shift), j))
                    .sum();
                minus_constant(terms.join(" + "), &mj)
            })
            .collect()
    };
    let mut domain: Vec<String> = w.vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    domain.extend(
        names
            .iter()
            .map(|b| format!("{b} in [{}, {}]", &lo - &shift, &hi - &shift)),
    );
    let mut vars = w.vars.clone();
    vars.extend(names.iter().cloned());
    let (formula, bound) = oracle(spec, 1);
    // A true parameter: the extra copies sit on the last true atom; for
    // three against one, where the global m is attained (a1 = 1).
    let wt = if k == 3 && k0 == 1 && formula.is_some() {
        vec![Rational::one(), Rational::zero(), Rational::zero()]
    } else {
        true_point_weights(k, k0)
    };
    let mut at: Vec<String> = w
        .vars
        .iter()
        .zip(fractions(&wt))
        .map(|(v, t)| format!("{v} = {t}"))
        .collect();
    for (i, b) in names.iter().enumerate() {
        let beta = &truth[i.min(k0 - 1)];
        at.push(format!("{b} = {}", beta - &shift));
    }
    let truth_words = scalar_truth_words(spec, &truth);
    let header = scalar_header(
        spec,
        &lo,
        &hi,
        &truth_words,
        translated,
        &shift,
        &formula,
        &bound,
    );
    Ok(Model {
        name: model_name(spec),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: truth_words,
        formula,
        bound,
        at: format!("at {};", at.join(", ")),
    })
}

/// M_1 = Σ_i w_i B_i and the terms w_i B_i² of M_2, for components
/// translated to one true atom at 0 (see [`SPLIT_SECOND_MOMENT`]).
fn first_moment_and_second_terms(w: &Weights, names: &[String]) -> Vec<String> {
    let first: Vec<String> = w
        .exprs
        .iter()
        .zip(names)
        .map(|(wi, b)| format!("{wi}*{b}"))
        .collect();
    let mut gens = vec![first.join(" + ")];
    gens.extend(
        w.exprs
            .iter()
            .zip(names)
            .map(|(wi, b)| format!("{wi}*{b}^2")),
    );
    gens
}

/// How many moment differences a scalar family writes: D = K + K0. The
/// first D − 1 generate the ideal (the recurrence in the module comment),
/// and F_D lies in theirs; it is written all the same, as the example
/// files do, because the engine resolves boxes asymmetric about the truth
/// with it and not without it (measured: the two-against-one normal
/// mixture on b in [−1/2, 2], c in [−2, 1/3] is exact in 0.2 s with M_1,
/// M_2, M_3 and only a bound in 30 s with M_1, M_2). Binomials never need
/// more than N: their N + 1 probabilities are an invertible transform of
/// F_1, …, F_N.
fn moment_count(spec: &MixtureSpec) -> usize {
    let d = spec.components + spec.true_components;
    match spec.trials {
        Some(n) => d.min(n),
        None => d,
    }
}

fn check_parameters(parameters: Option<usize>) -> Result<(), Error> {
    match parameters {
        Some(p) if p <= MAX_PARAMETERS => Ok(()),
        Some(p) => Err(Error::input(format!(
            "mixture: {p} parameters; at most {MAX_PARAMETERS} are supported"
        ))),
        None => Err(Error::input(format!(
            "mixture: more parameters than can be counted; at most {MAX_PARAMETERS} are supported"
        ))),
    }
}

fn model_name(spec: &MixtureSpec) -> String {
    let mut s = format!("mixture {}", spec.family.as_str());
    if let Some(m) = spec.categories {
        let _ = write!(s, " M={m}");
    }
    if let Some(n) = spec.trials {
        let _ = write!(s, " N={n}");
    }
    let _ = write!(s, " K={} K0={}", spec.components, spec.true_components);
    s
}

/// The command line that generates the model.
fn command_line(spec: &MixtureSpec) -> String {
    let mut s = format!("rlct model mixture --family {}", spec.family.as_str());
    if let Some(m) = spec.categories {
        let _ = write!(s, " --categories {m}");
    }
    if let Some(n) = spec.trials {
        let _ = write!(s, " --trials {n}");
    }
    let _ = write!(
        s,
        " --components {} --true-components {}",
        spec.components, spec.true_components
    );
    if !spec.truth.is_empty() {
        let _ = write!(s, " --truth {}", spec.truth.join(","));
    }
    if !spec.interval.is_empty() {
        let _ = write!(s, " --interval {}", spec.interval.join(","));
    }
    if spec.moments {
        s += " --moments";
    }
    s + " --emit"
}

fn scalar_truth_words(spec: &MixtureSpec, truth: &[Rational]) -> String {
    let comp = |beta: &Rational| match spec.family {
        MixtureFamily::Binomial => format!("Bin({}, {beta})", spec.trials.unwrap_or(0)),
        MixtureFamily::Poisson => format!("Poi({beta})"),
        _ => format!("N({beta}, 1)"),
    };
    if truth.len() == 1 {
        comp(&truth[0])
    } else {
        let parts: Vec<String> = truth.iter().map(comp).collect();
        format!("(1/{}) * ({})", truth.len(), parts.join(" + "))
    }
}

/// Why KL has the ideal of the generators, per family.
fn reduction_words(spec: &MixtureSpec) -> String {
    let d = spec.components + spec.true_components;
    let recurrence = format!(
        "Finite generator set (derived): the difference of the two mixing measures is a signed measure of\n\
         mass 0 on at most D = K + K0 = {d} atoms, so its moment differences F_k obey\n\
         F_(k+D) = sum_(j=1..D) (-1)^(j+1) e_j F_(k+D-j) (k >= 0, F_0 = 0), e_j the elementary symmetric\n\
         polynomials of all the atoms: every F_k lies in <F_1, ..., F_(D-1)>, and translating the moments to\n\
         one true atom is a unitriangular change of generators. F_D is written too (redundant; the\n\
         engine resolves asymmetric boxes faster with it)."
    );
    match spec.family {
        MixtureFamily::Binomial => format!(
            "Reduction (derived, as examples/models/mixtures--binomial-*.rlct): q(x) > 0 for every x (true\n\
             probabilities inside (0, 1)), so KL(q||p_w) ~ sum_x (p_w(x) - q(x))^2 on the compact box (Taylor\n\
             expansion of KL at p = q with q bounded below; S. Lin 2011 thesis, discrete models - proposition\n\
             number not verified): lambda, m are those of <p_w(x) - q(x) : x = 0..N>. The pgf in u = s - 1 has\n\
             coefficients C(N,k) F_k with F_k = sum_i w_i b_i^k - sum_j (1/K0) beta_j^k (factorial-moment\n\
             differences), an invertible change of basis: the ideal is <F_1, ..., F_N>.\n{recurrence}"
        ),
        MixtureFamily::Poisson => format!(
            "Reduction (derived, as examples/models/mixtures--poisson-*.rlct): the pgf difference is\n\
             sum_i w_i e^(b_i (s-1)) - sum_j (1/K0) e^(beta_j (s-1)) = sum_k F_k (s-1)^k / k!, F_k the\n\
             factorial-moment differences, so p_w - q = sum_k F_k g_k with g_k linearly independent. With\n\
             rates bounded away from 0 on a compact box all moments of p_w/q are bounded and KL ~ chi^2 ~ |F|^2\n\
             (sketch in mixtures--poisson-l1.rlct; Sato & Watanabe 2019, arXiv:1912.13289, not readable here).\n\
             {recurrence} By the recurrence p_w - q = sum_(k<D) F_k h_k with h_k = g_k + (terms in g_j, j >= D),\n\
             still independent, so KL ~ F_1^2 + ... + F_(D-1)^2."
        ),
        MixtureFamily::Normal => format!(
            "Reduction (derived, as examples/models/mixtures--normal-*.rlct): exp(t x - t^2/2) =\n\
             sum_k t^k He_k(x)/k! gives p_w - q = phi(x) sum_k F_k He_k(x)/k!, F_k the moment differences\n\
             sum_i w_i b_i^k - sum_j (1/K0) beta_j^k. KL ~ chi^2 near the true set on a compact box, and\n\
             q/phi lies between C^(-1) e^(-c|x|) and C e^(c|x|), so chi^2 ~ |F|^2 (Watanabe 2009 treats the\n\
             normal mixture this way; section not verified). {recurrence}\n\
             By the recurrence p_w - q = phi sum_(k<D) F_k h_k with h_k = He_k/k! + (He_j, j >= D): independent."
        ),
        MixtureFamily::Multinomial | MixtureFamily::NormalScale => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn scalar_header(
    spec: &MixtureSpec,
    lo: &Rational,
    hi: &Rational,
    truth: &str,
    translated: bool,
    shift: &Rational,
    formula: &Option<Formula>,
    bound: &Option<Formula>,
) -> String {
    let (k, k0) = (spec.components, spec.true_components);
    let comp = match spec.family {
        MixtureFamily::Binomial => format!("Bin({}, b_i)", spec.trials.unwrap_or(0)),
        MixtureFamily::Poisson => "Poi(b_i)".to_string(),
        _ => "N(b_i, 1)".to_string(),
    };
    let mut h = format!(
        "Model: mixture of K = {k} components sum_i w_i {comp} vs truth q = {truth} (K0 = {k0}).\n\
         Parameters: {}; component parameters b_i in [{lo}, {hi}]{}; uniform prior on the box.\n\
         {}\n",
        weight_words(k),
        if translated {
            format!(", written translated to the truth: B_i = b_i - {shift}")
        } else {
            String::new()
        },
        reduction_words(spec)
    );
    let gens = if split_second_moment(spec) {
        SPLIT_SECOND_MOMENT.to_string()
    } else if spec.family == MixtureFamily::Binomial && !spec.moments {
        "p_w(x) - q(x), x = 0..N (raw probabilities).".to_string()
    } else if translated {
        format!(
            "M_k = sum_i w_i B_i^k - sum_j (1/K0)(beta_j - {shift})^k, k = 1..{} (moments about the truth).",
            moment_count(spec)
        )
    } else {
        format!(
            "F_k = sum_i w_i b_i^k - sum_j (1/K0) beta_j^k, k = 1..{}.",
            moment_count(spec)
        )
    };
    let _ = writeln!(h, "Generators below: {gens}");
    if k == 3 && k0 == 1 && formula.as_ref().is_some_and(|f| f.multiplicity == 2) {
        h += THREE_AGAINST_ONE;
    }
    h += &oracle_words(formula, bound);
    let _ = write!(h, "Generated by `{}`.", command_line(spec));
    h
}

fn weight_words(k: usize) -> String {
    if k == 2 {
        "weights w = (a, 1 - a), a in [0, 1]".to_string()
    } else {
        format!(
            "weights by stick-breaking, w_1 = a1, w_i = (1-a1)...(1-a(i-1)) a_i, w_{k} = (1-a1)...(1-a{}),\n\
             every a_i in [0, 1] (the simplex is not a box; the prior is uniform on the fractions)",
            k - 1
        )
    }
}

fn oracle_words(formula: &Option<Formula>, bound: &Option<Formula>) -> String {
    let mut s = String::new();
    if let Some(f) = formula {
        let _ = writeln!(
            s,
            "Closed form: lambda = {}, m = {} ({}).",
            f.lambda, f.multiplicity, f.source
        );
    }
    if let Some(b) = bound {
        let _ = writeln!(
            s,
            "Published upper bound: lambda <= {} ({}).",
            b.lambda, b.source
        );
    }
    if formula.is_none() {
        s += "No exact value known here: the engine's answer is compared with the bound only.\n";
    }
    s
}

/// The exact value (derived in the example files) and the published bound,
/// for components of dimension `r`.
///
/// Exact: one trial (binomial, multinomial), any K and K0: the mixture is
/// a categorical distribution with probabilities Σ_i w_i θ_i, a submersion
/// onto the d = M − 1 free ones, λ = d/2, m = 1 (derived). And two
/// components against one, truth strictly inside the box
/// (derived by hand in examples/models/mixtures--*.rlct: near a < 1 the
/// first moment is a coordinate c′ and the ideal is ⟨c′⟩ + a⟨B_i B_j⟩):
/// * Poisson, normal: λ = 3/4, m = 1;
/// * multinomial with d = M − 1 (binomial: d = 1): one trial, λ = d/2,
///   m = 1 (a submersion); two or more, λ = d/2 + min(1/2, d/4), m = 2 when
///   d = 2, else 1.
///
/// Bound: Drton and Plummer (2017), eq. (6.7), as implemented by
/// `learnCoef.MixtureModels` of the R package sBIC (R/MixtureModels.R,
/// read here; the vignette BinomialMixtures.Rmd calls it the upper bound of
/// eq. (6.7) with phi = 1): λ ≤ ½ min(K0·r + K0 − 1 + (K − K0), r·K + K0 − 1).
/// Only where the family identifies K components (binomial and multinomial:
/// N ≥ 2K − 1 trials), as in the paper's examples.
fn oracle(spec: &MixtureSpec, r: usize) -> (Option<Formula>, Option<Formula>) {
    let (k, k0) = (spec.components, spec.true_components);
    let d = match spec.family {
        MixtureFamily::Multinomial => spec.categories.unwrap_or(2) - 1,
        _ => 1,
    };
    let one_trial = spec.trials == Some(1);
    if k == 3 && k0 == 1 && d == 1 && !one_trial {
        return (Some(three_against_one()), bound(spec, k, k0, r));
    }
    let formula = (one_trial || (k == 2 && k0 == 1)).then(|| match (spec.family, spec.trials) {
        (MixtureFamily::Poisson | MixtureFamily::Normal, _) => Formula {
            lambda: q(3, 4),
            multiplicity: 1,
            source: "derived: locally <c', a B^2>, K ~ c'^2 + a^2 B^4 (hand resolution in \
                     examples/models/mixtures--normal-both-free.rlct, mixtures--poisson-l1.rlct)"
                .into(),
        },
        (_, Some(1)) => Formula {
            lambda: q(d as i64, 2),
            multiplicity: 1,
            source: format!(
                "derived: one trial, p_w - q = sum_i w_i theta_i - q, whose Jacobian in the theta's \
                 [w_1 I, ..., w_K I] has rank d = {d} (the weights sum to 1): a submersion, for any K, K0 \
                 (examples/models/mixtures--multinomial-M3-N1.rlct, mixtures--binomial-N1.rlct)"
            ),
        },
        _ => {
            let extra = if 2 * d < 4 { q(d as i64, 4) } else { q(1, 2) };
            Formula {
                lambda: q(d as i64, 2) + extra,
                multiplicity: if d == 2 { 2 } else { 1 },
                source: format!(
                    "derived: d/2 + min(1/2, d/4) with d = {d}, m = 2 iff d = 2 (hand resolution in \
                     examples/models/mixtures--binomial-N2.rlct and frontier/mixtures--multinomial-*.rlct)"
                ),
            }
        }
    });
    (formula, bound(spec, k, k0, r))
}

/// Whether K is written as M_1 and the terms of M_2 ([`SPLIT_SECOND_MOMENT`]):
/// one true atom, at least two moments observed, and three components or
/// more. Two components keep the generators of the hand-written example
/// files, whose derivations they share (both forms are exact there). For
/// binomials the raw probabilities are an invertible transform of the
/// factorial moments, so this holds with or without `--moments`.
fn split_second_moment(spec: &MixtureSpec) -> bool {
    spec.components >= 3 && spec.true_components == 1 && moment_count(spec) >= 2
}

/// The generators against one true component, for the file header
/// (derived here). With the true atom at 0, M_k = Σ_i w_i B_i^k, and the
/// weights are non-negative, so |M_k| ≤ C·M_2 for k ≥ 2 on the compact box:
/// Σ_k M_k² lies between M_1² + M_2² and a constant times it. M_2 is a sum
/// of the non-negative terms w_i B_i², so M_2² lies between Σ_i (w_i B_i²)²
/// and K times it. Hence K ≍ M_1² + Σ_i (w_i B_i²)², an equivalence of
/// functions (not of ideals), which keeps λ and m. Written so, each
/// component's term vanishes on its own where its weight does, and the
/// engine resolves three components against one over the whole box.
const SPLIT_SECOND_MOMENT: &str = "\
M_1 = sum_i w_i B_i, and w_i B_i^2 for each i (derived: with the true atom at 0,\n\
M_k = sum_i w_i B_i^k and |M_k| <= C M_2 for k >= 2 since w_i >= 0, so sum_k M_k^2 ~ M_1^2 + M_2^2; M_2 is\n\
the sum of the non-negative w_i B_i^2, so M_2^2 ~ sum_i (w_i B_i^2)^2: K ~ M_1^2 + sum_i (w_i B_i^2)^2,\n\
an equivalence of functions that keeps lambda and m).";

/// The hand derivation of [`three_against_one`], for the file header.
const THREE_AGAINST_ONE: &str = "\
Hand derivation (three against one; the local problem at a1 = 1 is exact and agrees): with B the\n\
components translated to the truth, M_k = sum_i w_i B_i^k and |M_k| <= C M_2 for k >= 2 (w_i >= 0),\n\
so K ~ M_1^2 + M_2^2. All w_i > 0, B = 0: c' = M_1 replaces B_1, M_2 = Q(B_2, B_3) mod c' with Q\n\
positive definite: K ~ c'^2 + rho^4, lambda = 1/2 + 2/4 = 1, m = 1. Near a1 = 1 (s = 1 - a1):\n\
M_2 = s (a2 B_2^2 + (1-a2) B_3^2 + O(s)) mod c', so at B_2 = B_3 = 0 K ~ c'^2 + s^2 rho^4: poles\n\
-1/2 (s) and -1/2 (rho, polar r^(4z) r dr) coincide: lambda = 1, m = 2; elsewhere 1 with m = 1.\n";

/// Three components against one, one parameter per component, at least
/// two observed moments (binomial N ≥ 2, Poisson, normal), stick-breaking
/// weights w = (a1, (1 − a1)a2, (1 − a1)(1 − a2)).
///
/// Derived by hand (the engine's local results at the two points below
/// agree, and since 2026-12-05 so does its global run): with B the
/// components translated to the truth, M_k = Σ w_i B_i^k and
/// |M_k| ≤ C·M_2 for k ≥ 2 (the weights are non-negative), so
/// K ≍ M_1² + M_2². Near a point with every w_i > 0 and B = 0, c′ = M_1
/// replaces B_1 and M_2 ≡ Q(B_2, B_3) mod c′ with Q positive definite:
/// K ≍ c′² + ρ⁴, λ = 1/2 + 2/4 = 1, m = 1. Near a1 = 1 (w_2 = w_3 = 0),
/// s = 1 − a1: M_2 ≡ s·(a2 B_2² + (1 − a2) B_3² + O(s)) mod c′, so at
/// B_2 = B_3 = 0 K ≍ c′² + s²ρ⁴, whose poles −1/2 (s) and −1/2 (ρ, in
/// polar coordinates r^{4z}·r dr) coincide: λ = 1/2 + 1/2 = 1, m = 1 + 2 − 1
/// = 2 (at a2 = 0 or 1 the same); at B_2 or B_3 ≠ 0, ⟨c′, s⟩: 1, m = 1.
/// Where a1 < 1 and one weight vanishes (a2 = 1 or a1 = 0), K ≍ c′² +
/// (B² + s B′²)²: 1, m = 1. Global: λ = 1, m = 2, attained at a1 = 1.
fn three_against_one() -> Formula {
    Formula {
        lambda: q(1, 1),
        multiplicity: 2,
        source: "derived: K ~ M_1^2 + M_2^2; near a1 = 1, K ~ c'^2 + s^2 rho^4 with coinciding \
                 poles (doc of mixtures::three_against_one)"
            .into(),
    }
}

/// The published bound for components of dimension `r` (see [`oracle`]).
fn bound(spec: &MixtureSpec, k: usize, k0: usize, r: usize) -> Option<Formula> {
    let r = match spec.family {
        MixtureFamily::Multinomial => spec.categories.unwrap_or(2) - 1,
        _ => r,
    };
    let identified = spec.trials.is_none_or(|n| n + 1 >= 2 * k);
    identified.then(|| {
        let first = k0 * r + k0 - 1 + (k - k0);
        let second = r * k + k0 - 1;
        Formula {
            lambda: q(first.min(second) as i64, 2),
            multiplicity: 1,
            source: format!(
                "Drton and Plummer 2017, eq. (6.7), phi = 1, component dimension r = {r}: \
                 (1/2) min(K0 r + K0 - 1 + (K - K0), r K + K0 - 1), as in sBIC's learnCoef for mixtures"
            ),
        }
    })
}

/// The largest variance excess v of a location-scale component, N(b, 1 + v):
/// the tail bound of [`LOCATION_SCALE`] needs v < 1/2.
const MAX_VARIANCE_EXCESS: (i64, i64) = (1, 4);

/// Normal components with a free location and a free variance at least the
/// truth's, N(b_i, 1 + v_i) with v_i in [0, 1/4], against one true
/// component N(β, 1): K ≍ M_1² + Σ_i (w_i B_i²)² + (w_i v_i)² (the
/// reduction is [`LOCATION_SCALE`], derived here).
///
/// Narrower components (v < 0) are not offered: their Hermite coefficients
/// are the "moments" of a Gaussian of negative variance, M_2 is no longer a
/// sum of non-negative terms, and no finite set of generators is derived
/// for them (π = 1/2, B = 0, v = ±ε already cancels M_1, M_2 and M_3).
fn location_scale(spec: &MixtureSpec) -> Result<Model, Error> {
    let k = spec.components;
    if spec.true_components != 1 {
        return Err(Error::input(format!(
            "mixture: normal-scale mixtures are reduced against one true component only (got --true-components {})",
            spec.true_components
        )));
    }
    check_parameters(k.checked_mul(3).map(|p| p - 1))?;
    let (lo, hi, truth) = scalar_box_and_truth(spec)?;
    let beta = truth[0].clone();
    let w = weights(k);
    let locations = scalar_names(k, true);
    let variances: Vec<String> = if k == 2 {
        vec!["U".into(), "V".into()]
    } else {
        (1..=k).map(|i| format!("V{i}")).collect()
    };
    let mut gens = first_moment_and_second_terms(&w, &locations);
    gens.extend(
        w.exprs
            .iter()
            .zip(&variances)
            .map(|(wi, v)| format!("{wi}*{v}")),
    );
    let top = q(MAX_VARIANCE_EXCESS.0, MAX_VARIANCE_EXCESS.1);
    let mut domain: Vec<String> = w.vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    domain.extend(
        locations
            .iter()
            .map(|b| format!("{b} in [{}, {}]", &lo - &beta, &hi - &beta)),
    );
    domain.extend(variances.iter().map(|v| format!("{v} in [0, {top}]")));
    let mut vars = w.vars.clone();
    vars.extend(locations.iter().cloned());
    vars.extend(variances.iter().cloned());
    let formula = (k <= 3).then(location_scale_formula);
    let bound = bound(spec, k, 1, 2);
    // The true parameter where the global value is attained: the first
    // component carries all the weight (every weight positive gives
    // 1/2 + (K − 1)/4 + K/2 locally, see `LOCATION_SCALE`).
    let mut all_on_first = vec![Rational::zero(); k];
    all_on_first[0] = Rational::one();
    let mut at: Vec<String> = w
        .vars
        .iter()
        .zip(fractions(&all_on_first))
        .map(|(v, t)| format!("{v} = {t}"))
        .collect();
    at.extend(
        locations
            .iter()
            .chain(&variances)
            .map(|n| format!("{n} = 0")),
    );
    let truth_words = format!("N({beta}, 1)");
    let translated = if beta.is_zero() {
        "B_i = b_i".to_string()
    } else {
        format!("written translated to the truth: B_i = b_i - {beta}")
    };
    let mut header = format!(
        "Model: mixture of K = {k} components sum_i w_i N(b_i, 1 + v_i) vs truth q = {truth_words} (K0 = 1).\n\
         Parameters: {}; locations b_i in [{lo}, {hi}], {translated};\n\
         variance excesses v_i in [0, {top}] (every component at least as wide as the truth; the names\n\
         below are {}); uniform prior on the box.\n",
        weight_words(k),
        variances.join(", ")
    );
    header += LOCATION_SCALE;
    header += &oracle_words(&formula, &bound);
    let _ = write!(header, "Generated by `{}`.", command_line(spec));
    Ok(Model {
        name: model_name(spec),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: truth_words,
        formula,
        bound,
        at: format!("at {};", at.join(", ")),
    })
}

/// The reduction of a location-scale mixture against N(β, 1), for the file
/// header (derived here). The Hermite generating function
/// exp(tx − t²/2) = Σ_k t^k He_k(x)/k! integrates against N(B, 1 + v) to
/// exp(Bt + vt²/2), so p_w/q − 1 = Σ_{k≥1} M_k He_k/k! with M_k the k-th
/// moment of the genuine measure μ_w = Σ_i w_i N(B_i, v_i) (v_i ≥ 0), and
/// χ² = Σ_k M_k²/k!. Lower: χ² ≥ M_1² + M_2²/2. Upper: for X ~ N(B, v),
/// E|X|^k ≤ (E X⁴)^{1/2} (E|X|^{2k−4})^{1/2} ≤ √3 (B² + v)(E Y^{2k−4})^{1/2}
/// with Y = A + √V|Z| (|B| ≤ A, v ≤ V, Z standard), so |M_k| ≤ c_k M_2 with
/// Σ_k c_k²/k! ≤ 3 E[e^{Y²}] < ∞ when V < 1/2. Hence χ² ≍ M_1² + M_2², and
/// M_2 = Σ_i w_i (B_i² + v_i) is a sum of non-negative terms.
const LOCATION_SCALE: &str = "\
Reduction (derived): exp(t x - t^2/2) = sum_k t^k He_k(x)/k! integrates against N(B, 1 + v) to\n\
exp(B t + v t^2/2), so p_w/q - 1 = sum_(k>=1) M_k He_k(x)/k! with M_k the k-th moment of the measure\n\
mu_w = sum_i w_i N(B_i, v_i) (a genuine measure: v_i >= 0), and chi^2 = sum_k M_k^2/k!; KL ~ chi^2 near\n\
the true set on a compact box, as for location mixtures (Watanabe 2009; section not verified).\n\
chi^2 >= M_1^2 + M_2^2/2. For X ~ N(B, v), E|X|^k <= (E X^4)^(1/2) (E|X|^(2k-4))^(1/2) <= sqrt(3) (B^2 + v)\n\
(E Y^(2k-4))^(1/2), Y = A + sqrt(V)|Z| with |B| <= A, v <= V: |M_k| <= c_k M_2 with sum_k c_k^2/k! <=\n\
3 E[exp(Y^2)], finite for V < 1/2. So chi^2 ~ M_1^2 + M_2^2, and M_2 = sum_i w_i (B_i^2 + v_i) is a sum\n\
of non-negative terms: K ~ M_1^2 + sum_i ((w_i B_i^2)^2 + (w_i v_i)^2), an equivalence of functions\n\
that keeps lambda and m. Components narrower than the truth (v < 0) are not reduced here: their\n\
Hermite coefficients are moments of a Gaussian of negative variance, M_2 is no longer a sum of\n\
non-negative terms (w = 1/2, B = 0, v = +-e cancels M_1, M_2, M_3), and no finite generator set is derived.\n\
Generators below: M_1 = sum_i w_i B_i, the w_i B_i^2, and the w_i v_i.\n\
Hand derivation (K = 2, 3): K ~ M_1^2 + sum_i w_i^2 (B_i^4 + v_i^2). Where every weight is positive,\n\
c' = M_1 replaces one B (1/2), the other B's give 1/4 each and every v 1/2: 1/2 + (K-1)/4 + K/2.\n\
Where only component j keeps weight (stick-breaking: a1 = 1 for j = 1, s = 1 - a1; for K = 2 also\n\
a = 0): c' replaces B_j (1/2), v_j gives 1/2, and the other components enter as s^2 G with\n\
G ~ sum_(i != j) (B_i^4 + v_i^2) up to weights, lambda(G) >= 3/4 > 1/2, so s gives 1/2 alone:\n\
lambda = 3/2, m = 1. Two vanishing stick coordinates (K = 3, a1 = a2 = 0) give 1/2 + 1/2 + 1/2 + 1/2 = 2,\n\
one vanishing weight with two kept (K = 3) 1/2 + 1/4 + 1 + 1/2 = 9/4: globally lambda = 3/2, m = 1.\n\
The true parameter given with --at-truth is one where it is attained: w_1 = 1.\n";

/// Two or three location-scale components against one (derived at
/// [`LOCATION_SCALE`]).
fn location_scale_formula() -> Formula {
    Formula {
        lambda: q(3, 2),
        multiplicity: 1,
        source: "derived: K ~ M_1^2 + sum_i w_i^2 (B_i^4 + v_i^2); where one component keeps all \
                 the weight, c' = M_1, its v and the vanishing weight give 1/2 each (doc of \
                 mixtures::LOCATION_SCALE)"
            .into(),
    }
}

/// Multinomial mixtures: M categories, N trials.
fn multinomial(spec: &MixtureSpec) -> Result<Model, Error> {
    let (k, k0) = (spec.components, spec.true_components);
    let m = spec.categories.expect("categories");
    let n = spec.trials.expect("trials");
    if m < 2 {
        return Err(Error::input(format!(
            "mixture: --categories must be at least 2 (got {m})"
        )));
    }
    if !spec.truth.is_empty() || !spec.interval.is_empty() {
        return Err(Error::input(
            "mixture: the multinomial truth and box are fixed (see --help); --truth and --interval are for the other families",
        ));
    }
    let d = m - 1;
    check_parameters(d.checked_mul(k).and_then(|p| p.checked_add(k - 1)))?;
    let generators = binomial(n + d, d) - Rational::one();
    if generators > int(MAX_GENERATORS) {
        return Err(Error::input(format!(
            "mixture: {generators} generators for M = {m} categories and N = {n} trials; at most {MAX_GENERATORS} are supported"
        )));
    }
    // Truth j: θ_1 = j/((K0+1) d), θ_i = 1/(2d) for 1 < i < M, the rest on
    // the last category; every θ_i < 1/d for i < M, so inside the box.
    let half = q(1, 2 * d as i64);
    let truth: Vec<Vec<Rational>> = (1..=k0)
        .map(|j| {
            (0..d)
                .map(|i| {
                    if i == 0 && k0 > 1 {
                        q(j as i64, ((k0 + 1) * d) as i64)
                    } else {
                        half.clone()
                    }
                })
                .collect()
        })
        .collect();
    let translated = k0 == 1;
    let w = weights(k);
    let comp_names: Vec<Vec<String>> = (0..k)
        .map(|i| {
            (1..=d)
                .map(|j| match (k, translated) {
                    (2, true) => format!("{}{j}", ["B", "C"][i]),
                    (2, false) => format!("{}{j}", ["b", "c"][i]),
                    (_, true) => format!("B{}_{j}", i + 1),
                    (_, false) => format!("b{}_{j}", i + 1),
                })
                .collect()
        })
        .collect();
    let zero = Rational::zero();
    let centre: Vec<Rational> = if translated {
        truth[0].clone()
    } else {
        vec![zero.clone(); d]
    };
    // θ_i of component c as an expression; θ_M = 1 − Σ θ_i.
    let theta = |c: usize, i: usize| -> String {
        if i < d {
            shifted(&centre[i], &comp_names[c][i])
        } else {
            let last = Rational::one() - centre.iter().sum::<Rational>();
            format!("({last} - {})", comp_names[c].join(" - "))
        }
    };
    let alpha = q(1, k0 as i64);
    let true_theta = |j: usize, i: usize| -> Rational {
        if i < d {
            truth[j][i].clone()
        } else {
            Rational::one() - truth[j].iter().sum::<Rational>()
        }
    };
    let gens: Vec<String> = if spec.moments {
        exponents(d, n)
            .into_iter()
            .map(|e| {
                let terms: Vec<String> = (0..k)
                    .map(|c| {
                        let mut f = vec![w.exprs[c].clone()];
                        for (i, &p) in e.iter().enumerate() {
                            f.extend(power(&comp_names[c][i], p));
                        }
                        f.join("*")
                    })
                    .collect();
                let t: Rational = (0..k0)
                    .map(|j| {
                        let mut x = alpha.clone();
                        for (i, &p) in e.iter().enumerate() {
                            x *= pow(&(&truth[j][i] - &centre[i]), p);
                        }
                        x
                    })
                    .sum();
                minus_constant(terms.join(" + "), &t)
            })
            .collect()
    } else {
        outcomes(m, n)
            .into_iter()
            .map(|x| {
                let coef = multinomial_coefficient(n, &x);
                let coef_text = if coef.is_one() {
                    String::new()
                } else {
                    format!("{coef}*")
                };
                let terms: Vec<String> = (0..k)
                    .map(|c| {
                        let mut f = vec![w.exprs[c].clone()];
                        for (i, &p) in x.iter().enumerate() {
                            f.extend(power(&theta(c, i), p));
                        }
                        format!("{coef_text}{}", f.join("*"))
                    })
                    .collect();
                let qx: Rational = (0..k0)
                    .map(|j| {
                        let mut v = &alpha * &coef;
                        for (i, &p) in x.iter().enumerate() {
                            v *= pow(&true_theta(j, i), p);
                        }
                        v
                    })
                    .sum();
                minus_constant(terms.join(" + "), &qx)
            })
            .collect()
    };
    let width = q(1, d as i64);
    let mut domain: Vec<String> = w.vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    for names in &comp_names {
        for (i, name) in names.iter().enumerate() {
            domain.push(format!(
                "{name} in [{}, {}]",
                -&centre[i],
                &width - &centre[i]
            ));
        }
    }
    let mut vars = w.vars.clone();
    vars.extend(comp_names.iter().flatten().cloned());
    let (formula, bound) = oracle(spec, d);
    // The true parameter: for two components against one the global value
    // is attained where the extra component has weight 0 (a = 0; see
    // examples/models/frontier/true-points.toml), else as for the scalars.
    let wt = if k == 2 && k0 == 1 {
        vec![Rational::zero(), Rational::one()]
    } else {
        true_point_weights(k, k0)
    };
    let mut at: Vec<String> = w
        .vars
        .iter()
        .zip(fractions(&wt))
        .map(|(v, t)| format!("{v} = {t}"))
        .collect();
    for (c, names) in comp_names.iter().enumerate() {
        for (i, name) in names.iter().enumerate() {
            at.push(format!(
                "{name} = {}",
                &truth[c.min(k0 - 1)][i] - &centre[i]
            ));
        }
    }
    let comp_words = |j: usize| -> String {
        let th: Vec<String> = (0..m).map(|i| true_theta(j, i).to_string()).collect();
        format!("Mult({n}; ({}))", th.join(", "))
    };
    let truth_words = if k0 == 1 {
        comp_words(0)
    } else {
        let parts: Vec<String> = (0..k0).map(comp_words).collect();
        format!("(1/{k0}) * ({})", parts.join(" + "))
    };
    let header = multinomial_header(spec, &truth_words, translated, &formula, &bound);
    Ok(Model {
        name: model_name(spec),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: truth_words,
        formula,
        bound,
        at: format!("at {};", at.join(", ")),
    })
}

fn multinomial_header(
    spec: &MixtureSpec,
    truth: &str,
    translated: bool,
    formula: &Option<Formula>,
    bound: &Option<Formula>,
) -> String {
    let (k, k0) = (spec.components, spec.true_components);
    let m = spec.categories.unwrap_or(2);
    let n = spec.trials.unwrap_or(1);
    let d = m - 1;
    let mut h = format!(
        "Model: mixture of K = {k} multinomials sum_i w_i Mult({n}; theta_i), M = {m} categories, vs truth\n\
         q = {truth} (K0 = {k0}; true component j has theta_1 = j/((K0+1) d) when K0 > 1, 1/(2d)\n\
         when K0 = 1, theta_i = 1/(2d) for 1 < i < M, d = M - 1 = {d}).\n\
         Parameters: {}; theta_i,j in [0, 1/d] for j < M (so theta_i,M = 1 - sum >= 0){}; uniform prior on the box.\n\
         Reduction (derived, as examples/models/mixtures--multinomial-*.rlct): q interior, so KL ~\n\
         sum_x (p_w(x) - q(x))^2 (Lin 2011 thesis, discrete models - proposition number not verified).\n\
         The pgf a(sum_j theta_j s_j)^N + ... is homogeneous; dehomogenised at s_M = 1 and expanded in\n\
         u_j = s_j - 1 its coefficients are multinomial multiples of the moment differences\n\
         F_alpha = sum_i w_i theta_i^alpha - sum_j (1/K0) theta0_j^alpha, 1 <= |alpha| <= N: an invertible\n\
         change of basis, so <p_w(x) - q(x)> = <F_alpha> (translated: unitriangular).\n",
        weight_words(k),
        if translated {
            ", written translated to the truth (B = theta - theta0)"
        } else {
            ""
        }
    );
    let gens = if spec.moments {
        "the moment differences F_alpha, 1 <= |alpha| <= N".to_string()
    } else {
        "p_w(x) - q(x) for every outcome x (raw probabilities)".to_string()
    };
    let _ = writeln!(h, "Generators below: {gens}.");
    h += &oracle_words(formula, bound);
    let _ = write!(h, "Generated by `{}`.", command_line(spec));
    h
}

/// All exponent vectors of d coordinates with 1 ≤ |e| ≤ n, by degree.
fn exponents(d: usize, n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for total in 1..=n {
        compositions(d, total, &mut Vec::new(), &mut out);
    }
    out
}

/// The outcomes of N trials in M categories (counts summing to N).
fn outcomes(m: usize, n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    compositions(m, n, &mut Vec::new(), &mut out);
    out
}

/// Every way of writing `total` as `parts` ordered non-negative counts,
/// largest first count first.
fn compositions(parts: usize, total: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if parts == 1 {
        let mut v = prefix.clone();
        v.push(total);
        out.push(v);
        return;
    }
    for first in (0..=total).rev() {
        prefix.push(first);
        compositions(parts - 1, total - first, prefix, out);
        prefix.pop();
    }
}

fn multinomial_coefficient(n: usize, x: &[usize]) -> Rational {
    let mut left = n;
    let mut c = Rational::one();
    for &xi in x {
        c *= binomial(left, xi);
        left -= xi;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(family: MixtureFamily, k: usize, k0: usize) -> MixtureSpec {
        MixtureSpec {
            family,
            components: k,
            true_components: k0,
            trials: None,
            categories: None,
            truth: vec![],
            interval: vec![],
            moments: false,
        }
    }

    #[test]
    fn stick_breaking_fractions_give_back_the_weights() {
        // Weights 1/2, 1/6, 1/6, 1/6: fractions 1/2, (1/6)/(1/2) = 1/3, (1/6)/(1/3) = 1/2.
        let w = vec![q(1, 2), q(1, 6), q(1, 6), q(1, 6)];
        assert_eq!(fractions(&w), vec![q(1, 2), q(1, 3), q(1, 2)]);
        assert_eq!(true_point_weights(4, 2), w);
    }

    #[test]
    fn the_signed_measure_needs_k_plus_k0_minus_one_moments_and_one_more_is_written() {
        let mut s = spec(MixtureFamily::Normal, 3, 2);
        assert_eq!(moment_count(&s), 5);
        s.family = MixtureFamily::Binomial;
        s.trials = Some(2);
        assert_eq!(moment_count(&s), 2);
    }

    #[test]
    fn the_bound_is_drton_plummer_with_phi_one() {
        // (1/2) min(K0 r + K0 - 1 + K - K0, r K + K0 - 1) by hand:
        // r = 1, K = 2, K0 = 1: min(2, 2)/2 = 1; K = 3, K0 = 1: min(3, 3)/2 = 3/2;
        // K = 3, K0 = 2: min(4, 4)/2 = 2.
        for ((k, k0), want) in [((2, 1), q(1, 1)), ((3, 1), q(3, 2)), ((3, 2), q(2, 1))] {
            let (_, b) = oracle(&spec(MixtureFamily::Normal, k, k0), 1);
            assert_eq!(b.unwrap().lambda, want);
        }
    }
}
