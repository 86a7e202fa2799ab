//! A reference set for learning-coefficient estimators: a fixed list of
//! models, from 2 to 128 parameters, each with its K in a form NumPy
//! evaluates and its λ and m as exact rationals.
//!
//! Numerical estimators of the learning coefficient (nested sampling, the
//! SGLD-based local learning coefficient of devinterp, WBIC, …) need ground
//! truth to be tested against in a loop. Every [`Entry`] here is one model
//! of [`crate::models`], built by its generator (the same input file that
//! `rlct model … --emit` prints), parsed, and published as:
//!
//! * K = Σ_i g_i(w)², each generator g_i as a Python/NumPy expression over an
//!   array `w` (`w[8]*w[0] + w[9]*w[4] - (1/4)`, exact fractions written so
//!   that Python evaluates them as floats) and as a list of monomials
//!   (exact and float coefficient, exponent vector), both read off the
//!   parsed [`Problem`], so that they are exactly the K the engine solves;
//! * the box, the prior (a polynomial; 1 when uniform) and a true
//!   parameter, in exact rationals and in floats;
//! * λ and m: from the literature's closed form ([`Basis::ClosedForm`],
//!   the [`Formula`] of the generator), derived by hand and certified exact
//!   by the engine ([`Basis::Certified`]), or only a published upper bound
//!   ([`Basis::PublishedBound`]), with the citation.
//!
//! K is not the Kullback–Leibler divergence itself but a polynomial with
//! the same ideal, hence the same λ and m (DESIGN.md §2; each file's header
//! gives the reduction). An estimator should therefore sample the tempered
//! posterior ∝ exp(−n·K(w))·φ(w) on the box, with this K as the loss.
//!
//! The list is deterministic: [`entries`] returns the same entries in the
//! same order, and [`json`] and [`text`] render them byte for byte the same
//! (`rlct suite`). Above 64 parameters the engine refuses to solve (its
//! coordinate limit); those entries rest on the closed form alone and have
//! no `rlct model` command.

use std::fmt::Write;

use num_traits::{One, Signed, ToPrimitive};
use serde::Serialize;

use super::{
    deep_linear_network_up_to, factor_analysis, latent_tree, lda, mixture,
    naive_bayes::NaiveBayesTruth, nonnegative_matrix_factorization, q,
    reduced_rank_regression_up_to, restricted_boltzmann_machine, tanh_network, FactorAnalysis,
    Formula, MixtureFamily, MixtureSpec, Model, RbmTruth, TrueLoadings,
};
use crate::error::Error;
use crate::poly::{fmt_rational, Limits, Poly, Rational};
use crate::problem::{Factor, Problem};

/// The name of the JSON layout (`schema` field of `rlct suite --format json`).
pub const SCHEMA: &str = "rlct-suite";

/// Version of the JSON layout; bumped only when a field changes meaning
/// (fields are only ever added otherwise).
pub const VERSION: u32 = 1;

/// The largest number of parameters of an entry. The engine solves up to
/// [`crate::parse::MAX_VARS`] coordinates; larger entries rest on their
/// closed form.
pub const MAX_SUITE_PARAMETERS: usize = 128;

/// The families of the set, as `--family` names them.
pub const FAMILIES: [&str; 10] = [
    "rrr",
    "dln",
    "tanh",
    "factor-analysis",
    "latent-tree",
    "naive-bayes",
    "lda",
    "mixture",
    "rbm",
    "nmf",
];

/// Where an entry's λ and m come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// A closed form of the literature (the generator's [`Formula`]): exact.
    ClosedForm,
    /// Derived by hand (the generator's documentation gives the derivation)
    /// and computed exactly, with a certified resolution, by the engine:
    /// exact.
    Certified,
    /// Only a published upper bound on λ is known: λ is that bound, and m
    /// the bound's order (not claimed exact).
    PublishedBound,
}

impl Basis {
    /// `"exact"` or `"bound"`, as in the JSON's `status`.
    pub fn status(self) -> &'static str {
        match self {
            Basis::ClosedForm | Basis::Certified => "exact",
            Basis::PublishedBound => "bound",
        }
    }

    /// `"closed-form"`, `"certified"` or `"published-bound"`, as in the
    /// JSON's `basis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::ClosedForm => "closed-form",
            Basis::Certified => "certified",
            Basis::PublishedBound => "published-bound",
        }
    }
}

/// One model of the reference set.
#[derive(Clone, Debug)]
pub struct Entry {
    /// A stable identifier, e.g. `rrr-M4-N4-H2-r1` or `dln-4-8-8-4-r1`.
    pub id: String,
    /// The family, one of [`FAMILIES`].
    pub family: &'static str,
    /// One line saying what the model is.
    pub description: String,
    /// The command that prints the entry's input file (`rlct model …
    /// --emit`); `None` above the engine's 64 coordinates, where it refuses.
    pub command: Option<String>,
    /// The generator's model: its input file, truth, formula and bound.
    pub model: Model,
    /// The input file, parsed: the K, box and prior the engine solves.
    pub problem: Problem,
    /// A true parameter (K = 0 there): the point of the model's `at`
    /// statement, the one `rlct model … --at-truth` analyses.
    pub truth_point: Vec<Rational>,
    /// λ: exact, or for [`Basis::PublishedBound`] the published upper bound.
    pub lambda: Rational,
    /// m (for [`Basis::PublishedBound`], the bound's order).
    pub multiplicity: usize,
    /// Where λ and m come from.
    pub basis: Basis,
    /// The full citation, with theorem and case (the [`Formula`]'s source).
    pub source: String,
    /// A short citation for tables: `Aoyagi–Watanabe 2005`.
    pub citation: &'static str,
    /// A published upper bound on λ, where the generator knows one.
    pub published_bound: Option<Formula>,
}

impl Entry {
    /// The number of parameters d.
    pub fn parameters(&self) -> usize {
        self.problem.vars.len()
    }

    /// Whether the engine accepts the entry's input (at most 64 coordinates).
    pub fn engine_accepts(&self) -> bool {
        self.parameters() <= crate::parse::MAX_VARS
    }

    /// The generators g_i of K = Σ g_i², as parsed.
    pub fn generators(&self) -> Vec<&Poly> {
        plain_generators(&self.problem).unwrap_or_default()
    }

    /// K at a point (one value per coordinate), exactly, from the parsed
    /// problem's factors: the engine's own evaluation.
    pub fn k_at(&self, point: &[Rational]) -> Result<Rational, Error> {
        if point.len() != self.parameters() {
            return Err(Error::input(format!(
                "{}: a point needs {} coordinates, not {}",
                self.id,
                self.parameters(),
                point.len()
            )));
        }
        let (scale, factors) = &self.problem.k_factors;
        let mut value = scale.clone();
        for f in factors {
            value *= match f {
                Factor::Power(p, e) => crate::poly::pow_rational(&p.eval(point), *e),
                Factor::Sos(gens) => {
                    gens.iter()
                        .fold(Rational::from_integer(0.into()), |acc, (c, g)| {
                            let v = g.eval(point);
                            acc + c * &v * &v
                        })
                }
            };
        }
        Ok(value)
    }

    /// K expanded, exactly.
    pub fn k(&self) -> Result<Poly, crate::poly::TooLarge> {
        let (scale, factors) = &self.problem.k_factors;
        let mut k = Poly::constant(self.parameters(), scale.clone());
        for f in factors {
            k = k.mul(&f.expand(&Limits::default())?, &Limits::default())?;
        }
        Ok(k)
    }
}

/// The generators of K when K is given plainly as Σ g_i² (scale 1, one sum
/// of squares with unit weights, or one square); `None` otherwise.
fn plain_generators(p: &Problem) -> Option<Vec<&Poly>> {
    let (scale, factors) = &p.k_factors;
    if !scale.is_one() || factors.len() != 1 {
        return None;
    }
    match &factors[0] {
        Factor::Sos(gens) if gens.iter().all(|(c, _)| c.is_one()) => {
            Some(gens.iter().map(|(_, g)| g).collect())
        }
        Factor::Power(g, 2) => Some(vec![g]),
        _ => None,
    }
}

/// How an entry is built: a generator of [`crate::models`] and its arguments.
enum Recipe {
    Rrr(usize, usize, usize, usize),
    Dln(Vec<usize>, usize),
    Tanh(usize),
    FactorAnalysis(usize, usize, usize),
    LatentTree(&'static str, &'static str, &'static str),
    NaiveBayes(usize, usize, NaiveBayesTruth),
    Lda(usize, usize, usize, usize),
    Mixture(MixtureFamily, usize, Option<usize>, bool),
    Rbm(usize, usize, RbmTruth),
    Nmf(usize, usize, usize, usize),
}

impl Recipe {
    fn family(&self) -> &'static str {
        match self {
            Recipe::Rrr(..) => "rrr",
            Recipe::Dln(..) => "dln",
            Recipe::Tanh(..) => "tanh",
            Recipe::FactorAnalysis(..) => "factor-analysis",
            Recipe::LatentTree(..) => "latent-tree",
            Recipe::NaiveBayes(..) => "naive-bayes",
            Recipe::Lda(..) => "lda",
            Recipe::Mixture(..) => "mixture",
            Recipe::Rbm(..) => "rbm",
            Recipe::Nmf(..) => "nmf",
        }
    }

    fn id(&self) -> String {
        match self {
            Recipe::Rrr(m, n, h, r) => format!("rrr-M{m}-N{n}-H{h}-r{r}"),
            Recipe::Dln(w, r) => {
                let w: Vec<String> = w.iter().map(usize::to_string).collect();
                format!("dln-{}-r{r}", w.join("-"))
            }
            Recipe::Tanh(h) => format!("tanh-H{h}"),
            Recipe::FactorAnalysis(p, k, r) => format!("fa-p{p}-k{k}-r{r}"),
            Recipe::LatentTree(name, _, _) => format!("latent-tree-{name}"),
            Recipe::NaiveBayes(n, c, t) => format!("nb-n{n}-c{c}-{}", t.as_str()),
            Recipe::Lda(m, n, h, h0) => format!("lda-M{m}-N{n}-H{h}-true{h0}"),
            Recipe::Mixture(f, k, trials, moments) => {
                let mut s = format!("mix-{}-K{k}", f.as_str());
                if let Some(t) = trials {
                    let _ = write!(s, "-N{t}");
                }
                if *moments {
                    s += "-moments";
                }
                s
            }
            Recipe::Rbm(m, h, t) => format!("rbm-M{m}-H{h}-{}", t.as_str()),
            Recipe::Nmf(m, n, h, r) => format!("nmf-M{m}-N{n}-H{h}-r{r}"),
        }
    }

    /// The `rlct model` arguments that print the same input file.
    fn command(&self) -> String {
        let args = match self {
            Recipe::Rrr(m, n, h, r) => {
                format!("rrr --inputs {m} --outputs {n} --hidden {h} --true-rank {r}")
            }
            Recipe::Dln(w, r) => {
                let w: Vec<String> = w.iter().map(usize::to_string).collect();
                format!("dln --widths {} --true-rank {r}", w.join(","))
            }
            Recipe::Tanh(h) => format!("tanh --hidden {h}"),
            Recipe::FactorAnalysis(p, k, r) => {
                format!("factor-analysis --observed {p} --factors {k} --true-factors {r}")
            }
            Recipe::LatentTree(_, edges, truth) => {
                format!("latent-tree --edges {edges} --truth {truth}")
            }
            Recipe::NaiveBayes(n, c, t) => format!(
                "naive-bayes --features {n} --classes {c} --truth {}",
                t.as_str()
            ),
            Recipe::Lda(m, n, h, h0) => {
                format!("lda --words {m} --documents {n} --topics {h} --true-topics {h0}")
            }
            Recipe::Mixture(f, k, trials, moments) => {
                let mut s = format!("mixture --family {} --components {k}", f.as_str());
                if let Some(t) = trials {
                    let _ = write!(s, " --trials {t}");
                }
                if *moments {
                    s += " --moments";
                }
                s
            }
            Recipe::Rbm(m, h, t) => {
                format!("rbm --visible {m} --hidden {h} --truth {}", t.as_str())
            }
            Recipe::Nmf(m, n, h, r) => {
                format!("nmf --rows {m} --columns {n} --inner {h} --true-rank {r}")
            }
        };
        format!("rlct model {args} --emit")
    }

    fn description(&self) -> String {
        let s = |n: &usize| if *n == 1 { "" } else { "s" };
        match self {
            Recipe::Rrr(m, n, h, r) => format!(
                "Reduced rank regression y = BAx: {m} input{}, {n} output{}, {h} hidden unit{}, true rank {r}; \
                 K = ||BA - B0A0||^2, uniform prior on [-1, 1]",
                s(m),
                s(n),
                s(h)
            ),
            Recipe::Dln(w, r) => {
                let list: Vec<String> = w.iter().map(usize::to_string).collect();
                format!(
                    "Deep linear network with {} layers, widths {} (input first), true rank {r}; \
                     K = ||W_L...W_1 - W0||^2, uniform prior on [-1, 1]",
                    w.len() - 1,
                    list.join(", ")
                )
            }
            Recipe::Tanh(h) => format!(
                "Tanh network y = sum_h a_h tanh(b_h x) with {h} hidden unit{}, true function 0; \
                 K = the sum of squares of the first {h} odd moments sum_h a_h b_h^(2k-1)",
                s(h)
            ),
            Recipe::FactorAnalysis(p, k, r) => format!(
                "Gaussian factor analysis, {p} observed variables, {k} factor{}, {r} true factor{}; \
                 noise variances eliminated (this K's lambda is the model's minus p/2 = {})",
                s(k),
                s(r),
                fmt_rational(&q(*p as i64, 2))
            ),
            Recipe::LatentTree(_, edges, truth) => format!(
                "Gaussian latent tree with edges {edges}, true subforest {truth}; leaf variances \
                 eliminated (this K's lambda is the model's minus half the number of leaves)"
            ),
            Recipe::NaiveBayes(n, c, t) => format!(
                "Naive Bayes: {c} hidden classes, {n} binary features, {} truth",
                t.as_str()
            ),
            Recipe::Lda(m, n, h, h0) => format!(
                "Latent Dirichlet allocation as stochastic matrices: {m} words, {n} documents, \
                 {h} topics, {h0} true topic{}",
                s(h0)
            ),
            Recipe::Mixture(f, k, trials, moments) => {
                let trials = trials.map_or(String::new(), |t| {
                    format!(", {t} trial{}", if t == 1 { "" } else { "s" })
                });
                let moments = if *moments {
                    ", K through moment differences"
                } else {
                    ""
                };
                format!(
                    "Mixture of {k} {} components against one{trials}{moments}",
                    f.as_str()
                )
            }
            Recipe::Rbm(m, h, t) => format!(
                "Restricted Boltzmann machine, {m} visible and {h} hidden binary units with \
                 biases, coordinates exp(weight), {} truth",
                t.as_str()
            ),
            Recipe::Nmf(m, n, h, r) => format!(
                "Non-negative matrix factorisation C = AB: A {m}x{h}, B {h}x{n}, entries in [0, 1], \
                 true non-negative rank {r}"
            ),
        }
    }

    fn model(&self) -> Result<Model, Error> {
        let max = MAX_SUITE_PARAMETERS;
        match self {
            Recipe::Rrr(m, n, h, r) => reduced_rank_regression_up_to(*m, *n, *h, *r, max),
            Recipe::Dln(w, r) => deep_linear_network_up_to(w, *r, max),
            Recipe::Tanh(h) => tanh_network(*h),
            Recipe::FactorAnalysis(p, k, r) => factor_analysis(&FactorAnalysis {
                observed: *p,
                factors: *k,
                true_factors: *r,
                loadings: TrueLoadings::Generic,
                keep_noise: false,
            }),
            Recipe::LatentTree(_, edges, truth) => latent_tree(edges, truth),
            Recipe::NaiveBayes(n, c, t) => super::naive_bayes(*n, *c, *t),
            Recipe::Lda(m, n, h, h0) => lda(*m, *n, *h, *h0),
            Recipe::Mixture(f, k, trials, moments) => mixture(&MixtureSpec {
                family: *f,
                components: *k,
                true_components: 1,
                trials: *trials,
                categories: None,
                truth: Vec::new(),
                interval: Vec::new(),
                moments: *moments,
            }),
            Recipe::Rbm(m, h, t) => restricted_boltzmann_machine(*m, *h, *t),
            Recipe::Nmf(m, n, h, r) => nonnegative_matrix_factorization(*m, *n, *h, *r),
        }
    }
}

/// The value of an entry: its generator's formula, or for the one entry
/// whose generator has none, the derivation written here.
enum Value {
    /// The generator's closed form (`formula`), from the literature.
    ClosedForm(&'static str),
    /// The generator's formula, derived by hand; the engine certifies it.
    Derived(&'static str),
    /// A value derived here, with its derivation; the engine certifies it.
    DerivedHere(Formula, &'static str),
    /// Only the generator's published bound.
    Bound(&'static str),
}

/// The list: recipes and where their values come from, in output order.
fn recipes() -> Vec<(Recipe, Value)> {
    use Recipe::*;
    use Value::*;
    let aw = "Aoyagi–Watanabe 2005";
    let ao = "Aoyagi 2024";
    let mut out: Vec<(Recipe, Value)> = Vec::new();
    // Reduced rank regression: every case of the theorem, d = 2 … 128.
    for (m, n, h, r) in [
        (1, 1, 1, 0),
        (1, 1, 1, 1),
        (2, 2, 1, 0),
        (1, 3, 1, 0),
        (2, 2, 2, 0),
        (2, 2, 2, 1),
        (3, 1, 2, 1),
        (3, 3, 2, 1),
        (4, 4, 2, 0),
        (4, 4, 2, 1),
        (3, 5, 2, 1),
        (2, 2, 6, 1),
        (4, 4, 4, 0),
        (4, 4, 4, 2),
        (6, 2, 4, 1),
        (16, 16, 1, 1),
        (8, 8, 4, 0),
        (8, 8, 4, 2),
        (4, 12, 4, 1),
        (8, 8, 8, 3),
        (16, 16, 4, 2),
    ] {
        out.push((Rrr(m, n, h, r), ClosedForm(aw)));
    }
    // Deep linear networks, d = 3 … 128.
    for (w, r) in [
        (vec![1, 1, 1, 1], 0),
        (vec![2, 1, 2], 0),
        (vec![2, 2, 2], 0),
        (vec![2, 2, 2, 2], 0),
        (vec![2, 2, 2, 2, 2], 1),
        (vec![4, 2, 4], 1),
        (vec![2, 4, 2, 2], 1),
        (vec![4, 2, 2, 2, 4], 0),
        (vec![4, 4, 4], 1),
        (vec![2, 4, 4, 2], 0),
        (vec![2, 4, 4, 4, 2], 1),
        (vec![4, 4, 4, 4, 4], 2),
        (vec![8, 4, 8], 2),
        (vec![8, 4, 4, 8], 0),
        (vec![4, 8, 8, 4], 1),
    ] {
        out.push((Dln(w, r), ClosedForm(ao)));
    }
    let vandermonde = "Aoyagi 2019 (Vandermonde type)";
    for h in 1..=3 {
        out.push((Tanh(h), ClosedForm(vandermonde)));
    }
    let dp = "Drton–Plummer 2017";
    out.push((FactorAnalysis(4, 1, 0), ClosedForm(dp)));
    out.push((FactorAnalysis(4, 1, 1), ClosedForm(dp)));
    out.push((FactorAnalysis(5, 2, 0), ClosedForm(dp)));
    let dlwz = "Drton–Lin–Weihs–Zwiernik 2017";
    out.push((LatentTree("star3", "1-4,2-4,3-4", "none"), ClosedForm(dlwz)));
    out.push((
        LatentTree("quartet", "1-5,2-5,5-6,3-6,4-6", "none"),
        ClosedForm(dlwz),
    ));
    out.push((
        LatentTree("quartet-cherry", "1-5,2-5,5-6,3-6,4-6", "1-5,2-5"),
        ClosedForm(dlwz),
    ));
    out.push((
        LatentTree("caterpillar5", "1-6,2-6,6-7,3-7,7-8,4-8,5-8", "none"),
        ClosedForm(dlwz),
    ));
    let rg = "Rusakov–Geiger 2005";
    out.push((
        NaiveBayes(2, 2, NaiveBayesTruth::Independent),
        ClosedForm(rg),
    ));
    out.push((NaiveBayes(2, 2, NaiveBayesTruth::Pair), ClosedForm(rg)));
    out.push((
        NaiveBayes(3, 2, NaiveBayesTruth::Independent),
        ClosedForm(rg),
    ));
    out.push((NaiveBayes(3, 2, NaiveBayesTruth::Pair), ClosedForm(rg)));
    out.push((
        NaiveBayes(2, 3, NaiveBayesTruth::Independent),
        Bound("Drton–Plummer 2017 (bound)"),
    ));
    let hayashi = "Hayashi 2021";
    out.push((Lda(2, 2, 2, 1), ClosedForm(hayashi)));
    out.push((Lda(2, 3, 2, 1), ClosedForm(hayashi)));
    out.push((Lda(3, 3, 2, 1), ClosedForm(hayashi)));
    let derived = "derived; certified by rlct";
    out.push((
        Mixture(MixtureFamily::Binomial, 2, Some(1), false),
        Derived(derived),
    ));
    out.push((
        Mixture(MixtureFamily::Binomial, 3, Some(1), true),
        Derived(derived),
    ));
    out.push((
        Mixture(MixtureFamily::Poisson, 2, None, false),
        Derived(derived),
    ));
    out.push((
        Mixture(MixtureFamily::Normal, 2, None, false),
        Derived(derived),
    ));
    out.push((Rbm(2, 1, RbmTruth::Independent), Derived(derived)));
    out.push((Rbm(3, 1, RbmTruth::Independent), Derived(derived)));
    out.push((Rbm(2, 2, RbmTruth::Independent), Derived(derived)));
    out.push((Rbm(3, 2, RbmTruth::Independent), Derived(derived)));
    out.push((Nmf(2, 2, 2, 0), ClosedForm("Hayashi–Watanabe 2017")));
    out.push((
        Nmf(1, 3, 2, 1),
        DerivedHere(
            Formula {
                lambda: q(3, 2),
                multiplicity: 1,
                source: "derived: with one row (M = 1) the map (A, B) ↦ AB is a submersion \
                         at the true parameter, so lambda = N/2 = 3/2, m = 1 (docs/models.md, \
                         values no source publishes); certified exact by rlct; below the \
                         published upper bound 2 of Hayashi and Watanabe 2017"
                    .to_string(),
            },
            derived,
        ),
    ));
    out
}

/// Every entry of the reference set, in a fixed order (families in the
/// order of [`FAMILIES`], sizes growing within a family).
///
/// An error means a generator refused its own arguments or its K is not a
/// plain sum of squares: a bug, which the tests catch.
pub fn entries() -> Result<Vec<Entry>, Error> {
    recipes().into_iter().map(entry).collect()
}

/// The entries with at most `max_parameters` parameters (all when `None`)
/// and of the given family (all when `None`).
pub fn select(max_parameters: Option<usize>, family: Option<&str>) -> Result<Vec<Entry>, Error> {
    if let Some(f) = family {
        if !FAMILIES.contains(&f) {
            return Err(Error::input(format!(
                "unknown family `{f}` (one of {})",
                FAMILIES.join(", ")
            )));
        }
    }
    Ok(entries()?
        .into_iter()
        .filter(|e| max_parameters.is_none_or(|m| e.parameters() <= m))
        .filter(|e| family.is_none_or(|f| e.family == f))
        .collect())
}

fn entry((recipe, value): (Recipe, Value)) -> Result<Entry, Error> {
    let id = recipe.id();
    let bug = |why: String| Error::input(format!("reference set, entry {id}: {why}"));
    let model = recipe.model()?;
    let problem =
        crate::parse::parse_with_max_vars(&model.text, &Limits::default(), MAX_SUITE_PARAMETERS)?;
    if plain_generators(&problem).is_none() {
        return Err(bug("K is not given as a plain sum of squares".into()));
    }
    let local = crate::parse::parse_with_max_vars(
        &model.at_truth().text,
        &Limits::default(),
        MAX_SUITE_PARAMETERS,
    )?;
    let truth_point = local
        .point
        .ok_or_else(|| bug("the model's `at` statement gives no point".into()))?;
    let (formula, basis, citation) = match value {
        Value::ClosedForm(c) => (model.formula.clone(), Basis::ClosedForm, c),
        Value::Derived(c) => (model.formula.clone(), Basis::Certified, c),
        Value::DerivedHere(f, c) => (Some(f), Basis::Certified, c),
        Value::Bound(c) => (model.bound.clone(), Basis::PublishedBound, c),
    };
    let formula = formula.ok_or_else(|| bug("no value".into()))?;
    let command = (problem.vars.len() <= crate::parse::MAX_VARS).then(|| recipe.command());
    Ok(Entry {
        family: recipe.family(),
        description: recipe.description(),
        command,
        published_bound: if basis == Basis::PublishedBound {
            None
        } else {
            model.bound.clone()
        },
        model,
        problem,
        truth_point,
        lambda: formula.lambda,
        multiplicity: formula.multiplicity,
        basis,
        source: formula.source,
        citation,
        id,
    })
}

// ---- rendering ---------------------------------------------------------

/// A polynomial as a Python/NumPy expression over the array `w` (coordinate
/// i is `w[i]`): terms from the highest exponent vector down, powers as
/// `**`, non-integer coefficients in parentheses (`(3/32)*w[0]*w[1]`), which
/// Python 3 evaluates as floats. `w` may hold one point (shape `(d,)`) or
/// many (shape `(d, n)`).
pub fn numpy(p: &Poly) -> String {
    let mut s = String::new();
    for (i, (e, c)) in p.terms().collect::<Vec<_>>().into_iter().rev().enumerate() {
        let negative = c.is_negative();
        match (i, negative) {
            (0, true) => s.push('-'),
            (0, false) => {}
            (_, true) => s.push_str(" - "),
            (_, false) => s.push_str(" + "),
        }
        let a = c.abs();
        let factors: Vec<String> = e
            .iter()
            .enumerate()
            .filter(|(_, k)| **k > 0)
            .map(|(v, k)| match k {
                1 => format!("w[{v}]"),
                _ => format!("w[{v}]**{k}"),
            })
            .collect();
        let coefficient = if a.is_integer() {
            a.numer().to_string()
        } else {
            format!("({}/{})", a.numer(), a.denom())
        };
        if factors.is_empty() {
            s += &coefficient;
        } else if a.is_one() {
            s += &factors.join("*");
        } else {
            s += &coefficient;
            s.push('*');
            s += &factors.join("*");
        }
    }
    if s.is_empty() {
        s.push('0');
    }
    s
}

fn float(q: &Rational) -> f64 {
    q.to_f64().unwrap_or(f64::NAN)
}

#[derive(Serialize)]
struct MonomialJson {
    coefficient: String,
    coefficient_float: f64,
    exponents: Vec<u32>,
}

#[derive(Serialize)]
struct PolyJson {
    numpy: String,
    monomials: Vec<MonomialJson>,
}

fn poly_json(p: &Poly) -> PolyJson {
    PolyJson {
        numpy: numpy(p),
        monomials: p
            .terms()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|(e, c)| MonomialJson {
                coefficient: fmt_rational(c),
                coefficient_float: float(c),
                exponents: e.clone(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct IntervalJson {
    lo: String,
    hi: String,
    lo_float: f64,
    hi_float: f64,
}

#[derive(Serialize)]
struct PriorJson {
    uniform: bool,
    numpy: String,
    monomials: Vec<MonomialJson>,
}

#[derive(Serialize)]
struct TruthJson {
    description: String,
    point: Vec<String>,
    point_float: Vec<f64>,
    at: String,
}

#[derive(Serialize)]
struct KJson {
    form: &'static str,
    numpy: String,
    generators: Vec<PolyJson>,
}

#[derive(Serialize)]
struct BoundJson {
    lambda: String,
    lambda_float: f64,
    source: String,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    family: &'a str,
    description: &'a str,
    parameters: usize,
    variables: &'a [String],
    domain: Vec<IntervalJson>,
    prior: PriorJson,
    truth: TruthJson,
    lambda: String,
    lambda_float: f64,
    multiplicity: usize,
    status: &'static str,
    basis: &'static str,
    citation: &'a str,
    source: &'a str,
    published_bound: Option<BoundJson>,
    k: KJson,
    engine_accepts: bool,
    command: Option<&'a str>,
    rlct_input: &'a str,
}

fn entry_json(e: &Entry) -> EntryJson<'_> {
    let generators = e.generators();
    let k_numpy = generators
        .iter()
        .map(|g| format!("({})**2", numpy(g)))
        .collect::<Vec<_>>()
        .join(" + ");
    let prior = poly_json(&e.problem.prior);
    EntryJson {
        id: &e.id,
        family: e.family,
        description: &e.description,
        parameters: e.parameters(),
        variables: &e.problem.vars,
        domain: e
            .problem
            .domain
            .iter()
            .map(|i| IntervalJson {
                lo: fmt_rational(&i.lo),
                hi: fmt_rational(&i.hi),
                lo_float: float(&i.lo),
                hi_float: float(&i.hi),
            })
            .collect(),
        prior: PriorJson {
            uniform: e.problem.prior.degree() == 0,
            numpy: prior.numpy,
            monomials: prior.monomials,
        },
        truth: TruthJson {
            description: e.model.truth.clone(),
            point: e.truth_point.iter().map(fmt_rational).collect(),
            point_float: e.truth_point.iter().map(float).collect(),
            at: e.model.at.clone(),
        },
        lambda: fmt_rational(&e.lambda),
        lambda_float: float(&e.lambda),
        multiplicity: e.multiplicity,
        status: e.basis.status(),
        basis: e.basis.as_str(),
        citation: e.citation,
        source: &e.source,
        published_bound: e.published_bound.as_ref().map(|b| BoundJson {
            lambda: fmt_rational(&b.lambda),
            lambda_float: float(&b.lambda),
            source: b.source.clone(),
        }),
        k: KJson {
            form: "sum-of-squares",
            numpy: if k_numpy.is_empty() {
                "0".into()
            } else {
                k_numpy
            },
            generators: generators.into_iter().map(poly_json).collect(),
        },
        engine_accepts: e.engine_accepts(),
        command: e.command.as_deref(),
        rlct_input: &e.model.text,
    }
}

/// The entries as one JSON object: `schema` ([`SCHEMA`]), `version`
/// ([`VERSION`]), `array` (the name of the coordinate array in the NumPy
/// expressions, `w`), and `entries`, one object per entry on its own line
/// (exponent vectors make a pretty-printed file very long). The fields of
/// an entry are described in the README, section "A reference set for
/// estimators".
pub fn json(entries: &[Entry]) -> String {
    let mut s = format!(
        "{{\"schema\": {}, \"version\": {VERSION}, \"array\": \"w\", \"count\": {}, \"entries\": [",
        serde_json::to_string(SCHEMA).expect("a string"),
        entries.len()
    );
    for (i, e) in entries.iter().enumerate() {
        s += if i == 0 { "\n" } else { ",\n" };
        s += &serde_json::to_string(&entry_json(e)).expect("serialisable");
    }
    s += if entries.is_empty() { "]}\n" } else { "\n]}\n" };
    s
}

/// The entries as a table: id, d, λ (exact and float), m, status and a
/// short citation.
pub fn text(entries: &[Entry]) -> String {
    let rows: Vec<[String; 6]> = entries
        .iter()
        .map(|e| {
            let status = match e.basis {
                Basis::ClosedForm => "exact (closed form)",
                Basis::Certified => "exact (certified)",
                Basis::PublishedBound => "bound (published)",
            };
            let lambda = match e.basis {
                Basis::PublishedBound => format!("≤ {}", fmt_rational(&e.lambda)),
                _ => fmt_rational(&e.lambda),
            };
            [
                e.id.clone(),
                e.parameters().to_string(),
                format!("{lambda} ≈ {:.4}", float(&e.lambda)),
                e.multiplicity.to_string(),
                status.to_string(),
                e.citation.to_string(),
            ]
        })
        .collect();
    let header = ["id", "d", "λ", "m", "status", "source"];
    let width = |c: usize| {
        rows.iter()
            .map(|r| r[c].chars().count())
            .chain([header[c].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..6).map(width).collect();
    let line = |cells: [&str; 6]| -> String {
        let mut l = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c == 1 || c == 3 {
                l += &" ".repeat(pad);
                l += cell;
            } else {
                l += cell;
                if c < 5 {
                    l += &" ".repeat(pad);
                }
            }
            if c < 5 {
                l += "  ";
            }
        }
        l.trim_end().to_string() + "\n"
    };
    let mut out = format!(
        "rlct reference set ({SCHEMA} {VERSION}): {} entr{}; `rlct suite --format json` gives K, box, prior and truth\n\n",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    );
    out += &line(header);
    for r in &rows {
        out += &line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{formulas, naive_bayes};
    use super::*;

    /// The published bound of three-class naive Bayes: the generator's
    /// bound must be Drton and Plummer's.
    fn nb3_bound() -> Formula {
        naive_bayes::published_bound_for(3, 2, NaiveBayesTruth::Independent)
    }

    #[test]
    fn numpy_renders_signs_powers_and_fractions() {
        let p = crate::parse("vars x, y; K = sos(3/32*x*y^2 - x + 2*y - 1/4);").unwrap();
        let g = plain_generators(&p).unwrap()[0];
        assert_eq!(numpy(g), "(3/32)*w[0]*w[1]**2 - w[0] + 2*w[1] - (1/4)");
        let p = crate::parse("vars x, y; K = sos(-2/3*y);").unwrap();
        assert_eq!(numpy(plain_generators(&p).unwrap()[0]), "-(2/3)*w[1]");
        assert_eq!(numpy(&Poly::zero(2)), "0");
        assert_eq!(numpy(&Poly::one(2)), "1");
    }

    #[test]
    fn ids_are_unique_and_families_known() {
        let all = recipes();
        let mut ids: Vec<String> = all.iter().map(|(r, _)| r.id()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
        assert!(all.iter().all(|(r, _)| FAMILIES.contains(&r.family())));
        assert!((30..=64).contains(&n), "{n} entries");
    }

    #[test]
    fn the_bound_entry_is_drton_and_plummers() {
        let e = entries().unwrap();
        let b = e.iter().find(|e| e.basis == Basis::PublishedBound).unwrap();
        let f = nb3_bound();
        assert_eq!((&b.lambda, b.multiplicity), (&f.lambda, f.multiplicity));
        assert!(
            b.source.starts_with("Drton and Plummer 2017"),
            "{}",
            b.source
        );
    }

    #[test]
    fn unknown_family_is_an_input_error() {
        let e = select(None, Some("perceptron")).unwrap_err();
        assert!(e.to_string().contains("unknown family `perceptron`"), "{e}");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn formula_of_rrr_is_used() {
        let e = entries().unwrap();
        let r = e.iter().find(|e| e.id == "rrr-M2-N2-H2-r0").unwrap();
        assert_eq!(
            (r.lambda.clone(), r.multiplicity),
            (
                formulas::reduced_rank_regression(2, 2, 2, 0).lambda,
                formulas::reduced_rank_regression(2, 2, 2, 0).multiplicity
            )
        );
    }
}
