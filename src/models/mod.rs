//! Known singular models as inputs: each generator writes the model's K as
//! an input file (its text is what `rlct model … --emit` prints, and what is
//! parsed and solved), with the true parameter stated, and carries the
//! closed form from the literature ([`formulas`]) to compare against.
//!
//! K is always given by its generators (`K = sos(…)`): the entries of the
//! product of the layer matrices minus the true product. Their ideal has the
//! poles of K (DESIGN.md §2), and the engine works with the generators
//! directly instead of an expansion with thousands of terms.

pub mod factor_analysis;
pub mod formulas;
pub mod latent_tree;
pub mod lda;
pub mod mixtures;
pub mod naive_bayes;
pub mod nmf;
pub mod rbm;
pub mod suite;

use std::fmt::Write;

use crate::error::Error;
pub use factor_analysis::{factor_analysis, FactorAnalysis, TrueLoadings};
pub use formulas::Formula;
pub use latent_tree::latent_tree;
pub use lda::lda;
pub use mixtures::{mixture, MixtureFamily, MixtureSpec};
pub use naive_bayes::{naive_bayes, naive_bayes_categorical, NaiveBayesTruth};
pub use nmf::nonnegative_matrix_factorization;
pub use rbm::{restricted_boltzmann_machine, RbmTruth};

/// `num / den` as an exact rational (the families' true parameters and
/// closed forms are written with it).
pub(crate) fn q(
    num: impl Into<num_bigint::BigInt>,
    den: impl Into<num_bigint::BigInt>,
) -> crate::poly::Rational {
    crate::poly::Rational::new(num.into(), den.into())
}

/// A model ready to solve.
#[derive(Clone, Debug)]
pub struct Model {
    /// A short name: `rrr M=2 N=2 H=1 r=0`.
    pub name: String,
    /// The input file (with comments that say what it is).
    pub text: String,
    /// The true parameter, in words.
    pub truth: String,
    /// λ and m from the literature, when an exact value or closed form is
    /// known: the test oracle.
    pub formula: Option<Formula>,
    /// A published upper bound on λ, when the literature has only that
    /// (its `multiplicity` is the bound's order, often not claimed exact).
    /// The engine's exact λ may be below it ("bound improved") or equal to
    /// it, never above.
    pub bound: Option<Formula>,
    /// The true parameter as an `at` statement: the model's local problem.
    pub at: String,
}

impl Model {
    /// The model as a problem.
    pub fn problem(&self) -> Result<crate::Problem, Error> {
        crate::parse(&self.text)
    }

    /// The local problem at the true parameter: the same K, analysed only
    /// near that point. Its λ is at least the global one (the global λ is
    /// the smallest local one over the zero set).
    pub fn at_truth(&self) -> Model {
        Model {
            name: format!("{} at the true parameter", self.name),
            text: format!(
                "{}# Local: at the true parameter ({}).\n{}\n",
                self.text, self.truth, self.at
            ),
            ..self.clone()
        }
    }

    /// How the engine's result stands against the closed form.
    pub fn compare(&self, r: &crate::Rlct) -> Option<Agreement> {
        let f = self.formula.as_ref()?;
        Some(match r.status {
            crate::Status::Exact if r.lambda == f.lambda && r.multiplicity == f.multiplicity => {
                Agreement::Agrees
            }
            crate::Status::Exact => Agreement::Disagrees,
            crate::Status::Bound if r.lambda >= f.lambda => Agreement::ConsistentBound,
            crate::Status::Bound => Agreement::Disagrees,
        })
    }

    /// How the engine's result stands against the published upper bound.
    pub fn compare_bound(&self, r: &crate::Rlct) -> Option<BoundAgreement> {
        let b = self.bound.as_ref()?;
        Some(match r.status {
            crate::Status::Bound => BoundAgreement::Unknown,
            crate::Status::Exact if r.lambda < b.lambda => BoundAgreement::Improved,
            crate::Status::Exact if r.lambda == b.lambda => BoundAgreement::Equal,
            crate::Status::Exact => BoundAgreement::Above,
        })
    }
}

/// The engine's answer against a published upper bound on λ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoundAgreement {
    /// Exact, and λ below the published bound: the bound is improved.
    Improved,
    /// Exact, and λ equal to the published bound.
    Equal,
    /// Only a bound itself: the two bounds are not compared.
    Unknown,
    /// Exact and above the published bound: one of the two is wrong.
    Above,
}

impl BoundAgreement {
    /// `"bound-improved"`, `"equal"`, `"unknown"` or `"above"`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BoundAgreement::Improved => "bound-improved",
            BoundAgreement::Equal => "equal",
            BoundAgreement::Unknown => "unknown",
            BoundAgreement::Above => "above",
        }
    }
}

/// The engine's answer against the literature's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Exact, with the same λ and m.
    Agrees,
    /// Only a bound, and not below the closed form's λ.
    ConsistentBound,
    /// A different exact value, or a bound below the closed form: one of the
    /// two is wrong.
    Disagrees,
}

impl Agreement {
    /// `"agrees"`, `"consistent-bound"` or `"disagrees"`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::Agrees => "agrees",
            Agreement::ConsistentBound => "consistent-bound",
            Agreement::Disagrees => "disagrees",
        }
    }
}

/// The engine handles at most this many coordinates (as the parser does).
pub(crate) const MAX_PARAMETERS: usize = 64;

/// `parameters` is `None` when counting them overflowed: too many, then.
pub(crate) fn check_sizes(
    what: &str,
    sizes: &[(&str, usize)],
    rank: usize,
    parameters: Option<usize>,
) -> Result<(), Error> {
    check_sizes_up_to(what, sizes, rank, parameters, MAX_PARAMETERS)
}

/// [`check_sizes`] with another largest number of parameters (the
/// reference set, [`suite`], writes models beyond the engine's).
fn check_sizes_up_to(
    what: &str,
    sizes: &[(&str, usize)],
    rank: usize,
    parameters: Option<usize>,
    max: usize,
) -> Result<(), Error> {
    for (name, v) in sizes {
        if *v == 0 {
            return Err(Error::input(format!("{what}: {name} must be at least 1")));
        }
    }
    let smallest = sizes.iter().map(|s| s.1).min().unwrap_or(0);
    if rank > smallest {
        return Err(Error::input(format!(
            "{what}: the true rank {rank} exceeds the smallest width {smallest}"
        )));
    }
    match parameters {
        Some(p) if p <= max => {}
        Some(p) => {
            return Err(Error::input(format!(
                "{what}: {p} parameters; at most {max} are supported"
            )))
        }
        None => {
            return Err(Error::input(format!(
                "{what}: more parameters than can be counted; at most {max} are supported"
            )))
        }
    }
    Ok(())
}

/// The `at` statement of a true parameter: `at v1 = x1, v2 = x2;`.
pub(crate) fn at_statement<'a>(
    vars: &[String],
    values: impl IntoIterator<Item = &'a crate::poly::Rational>,
) -> String {
    let at: Vec<String> = vars
        .iter()
        .zip(values)
        .map(|(v, x)| format!("{v} = {x}"))
        .collect();
    format!("at {};", at.join(", "))
}

/// A model's input file: `header` as comment lines, then the coordinates,
/// their box (`domain`, e.g. `"t in [0, 1], a in [0, 1]"`; `None` for the
/// default [−1, 1] on each), the prior (`None` for the uniform one) and
/// K as the sum of squares of `generators`. Every family writes its file
/// through this, so that all emitted files read alike.
pub(crate) fn input_file(
    header: &str,
    vars: &[String],
    domain: Option<&str>,
    prior: Option<&str>,
    generators: &[String],
) -> String {
    let mut s = String::new();
    for line in header.lines() {
        let _ = writeln!(s, "# {line}");
    }
    let _ = writeln!(s, "vars {};", vars.join(", "));
    if let Some(d) = domain {
        let _ = writeln!(s, "domain {d};");
    }
    if let Some(p) = prior {
        let _ = writeln!(s, "prior = {p};");
    }
    let _ = writeln!(s, "K = sos(\n    {}\n);", generators.join(",\n    "));
    s
}

/// Layer `l` as a matrix of coordinate names `{prefix}{row}{col}` (1-based),
/// separated by `_` when an index has two digits.
fn matrix_names(prefix: &str, rows: usize, cols: usize) -> Vec<Vec<String>> {
    let sep = if rows > 9 || cols > 9 { "_" } else { "" };
    (1..=rows)
        .map(|i| (1..=cols).map(|j| format!("{prefix}{i}{sep}{j}")).collect())
        .collect()
}

/// The true layer: ½ on the first `rank` diagonal entries, 0 elsewhere —
/// inside the box [−1, 1], so the true parameter is an interior point.
fn true_entry(i: usize, j: usize, rank: usize) -> bool {
    i == j && i < rank
}

/// The entries of `W_L ⋯ W_1 − W0` as polynomials in the layers' names,
/// with `W0 = 2^{−L}·diag(1, …, 1, 0, …)` of rank `rank`, the product of the
/// true layers. Rows of the output by columns of the input.
fn product_generators(layers: &[Vec<Vec<String>>], rank: usize) -> Vec<String> {
    // Expand the product symbolically as a sum over paths through the layers.
    let input = layers[0][0].len();
    let output = layers.last().expect("a layer").len();
    let depth = layers.len() as u32;
    let mut gens = Vec::new();
    for out in 0..output {
        for inp in 0..input {
            let mut terms = Vec::new();
            let mut path = vec![0usize; layers.len() + 1];
            path[0] = inp;
            collect_paths(layers, 0, &mut path, out, &mut terms);
            let mut g = terms.join(" + ");
            if true_entry(out, inp, rank) {
                let _ = write!(g, " - 1/{}", 1u64 << depth);
            }
            gens.push(g);
        }
    }
    gens
}

/// Appends `W_L[out, p_L] ⋯ W_1[p_1, p_0]` for every path p.
fn collect_paths(
    layers: &[Vec<Vec<String>>],
    l: usize,
    path: &mut Vec<usize>,
    out: usize,
    terms: &mut Vec<String>,
) {
    if l == layers.len() {
        if path[l] == out {
            let factors: Vec<&str> = (0..layers.len())
                .rev()
                .map(|k| layers[k][path[k + 1]][path[k]].as_str())
                .collect();
            terms.push(factors.join("*"));
        }
        return;
    }
    let rows = layers[l].len();
    let targets: Vec<usize> = if l + 1 == layers.len() {
        vec![out]
    } else {
        (0..rows).collect()
    };
    for t in targets {
        path[l + 1] = t;
        collect_paths(layers, l + 1, path, out, terms);
    }
}

/// The `at` statement of the true layers: ½ on the first `rank` diagonal
/// entries of each, 0 elsewhere (see `true_entry`).
fn true_layers(layers: &[Vec<Vec<String>>], rank: usize) -> String {
    let values: Vec<String> = layers
        .iter()
        .flat_map(|m| {
            m.iter().enumerate().flat_map(move |(i, row)| {
                row.iter().enumerate().map(move |(j, name)| {
                    let v = if true_entry(i, j, rank) { "1/2" } else { "0" };
                    format!("{name} = {v}")
                })
            })
        })
        .collect();
    format!("at {};", values.join(", "))
}

fn render(header: &str, layers: &[Vec<Vec<String>>], gens: &[String]) -> String {
    let vars: Vec<String> = layers
        .iter()
        .flat_map(|m| m.iter().flatten().cloned())
        .collect();
    input_file(header, &vars, None, None, gens)
}

/// Reduced rank regression y = B·A·x: A is H×M, B is N×H, and the true
/// product B₀A₀ = diag(¼, …, ¼, 0, …) (N×M) has rank r.
/// K(A, B) = ‖BA − B₀A₀‖² (inputs with identity covariance), uniform prior
/// on [−1, 1] for every entry.
pub fn reduced_rank_regression(m: usize, n: usize, h: usize, r: usize) -> Result<Model, Error> {
    reduced_rank_regression_up_to(m, n, h, r, MAX_PARAMETERS)
}

/// How an emitted file says where it came from: the command that prints
/// it, or, beyond the engine's [`MAX_PARAMETERS`], that it was written for
/// the reference set only (the engine refuses it).
fn generated_by(parameters: usize, command: &str) -> String {
    if parameters <= MAX_PARAMETERS {
        format!("Generated by `{command}`.")
    } else {
        format!(
            "Written for the reference set (`rlct suite`): with {parameters} parameters it is beyond\n\
             the engine's {MAX_PARAMETERS} coordinates, which `{command}` and the parser refuse."
        )
    }
}

/// [`reduced_rank_regression`] with up to `max` parameters.
pub(crate) fn reduced_rank_regression_up_to(
    m: usize,
    n: usize,
    h: usize,
    r: usize,
    max: usize,
) -> Result<Model, Error> {
    let what = "reduced rank regression";
    let parameters = m.checked_add(n).and_then(|mn| mn.checked_mul(h));
    check_sizes_up_to(what, &[("M", m), ("N", n), ("H", h)], r, parameters, max)?;
    let layers = vec![matrix_names("a", h, m), matrix_names("b", n, h)];
    let gens = product_generators(&layers, r);
    let truth = format!(
        "B0 A0 = diag(1/4 × {r}, 0 × {}) ({n}×{m}), from A0 = B0 = diag(1/2 × {r}, 0, …)",
        m.min(n) - r
    );
    let formula = formulas::reduced_rank_regression(m, n, h, r);
    let header = format!(
        "Reduced rank regression y = B A x with M = {m} inputs, N = {n} outputs, H = {h} hidden units\n\
         (A is H×M, entries a<row><col>; B is N×H, entries b<row><col>), true rank r = {r}:\n\
         {truth}.\n\
         K = ||B A - B0 A0||^2, as the squares of the entries of B A - B0 A0; uniform prior on [-1, 1].\n\
         Closed form: lambda = {}, m = {} ({}).\n\
         {}",
        formula.lambda,
        formula.multiplicity,
        formula.source,
        generated_by(
            h * (m + n),
            &format!(
                "rlct model rrr --inputs {m} --outputs {n} --hidden {h} --true-rank {r} --emit"
            )
        )
    );
    Ok(Model {
        name: format!("rrr M={m} N={n} H={h} r={r}"),
        text: render(&header, &layers, &gens),
        truth,
        formula: Some(formula),
        bound: None,
        at: true_layers(&layers, r),
    })
}

/// A deep linear network y = W_L ⋯ W_1 x with layer widths
/// `widths = [H_1 (input), H_2, …, H_{L+1} (output)]`, W_l of size
/// H_{l+1}×H_l, and true product 2^{−L}·diag(1, …, 1, 0, …) of rank r.
pub fn deep_linear_network(widths: &[usize], r: usize) -> Result<Model, Error> {
    deep_linear_network_up_to(widths, r, MAX_PARAMETERS)
}

/// [`deep_linear_network`] with up to `max` parameters.
pub(crate) fn deep_linear_network_up_to(
    widths: &[usize],
    r: usize,
    max: usize,
) -> Result<Model, Error> {
    let what = "deep linear network";
    if widths.len() < 2 {
        return Err(Error::input(format!(
            "{what}: give at least two widths (input and output)"
        )));
    }
    let parameters = widths
        .windows(2)
        .try_fold(0usize, |sum, w| sum.checked_add(w[0].checked_mul(w[1])?));
    let named: Vec<(String, usize)> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| (format!("width {}", i + 1), *w))
        .collect();
    let sizes: Vec<(&str, usize)> = named.iter().map(|(s, w)| (s.as_str(), *w)).collect();
    check_sizes_up_to(what, &sizes, r, parameters, max)?;
    // Layer names w1, w2, … would run into their indices: use letters.
    let letters = "abcdefghijklmnopqrstuvwxyz";
    if widths.len() - 1 > letters.len() {
        return Err(Error::input(format!("{what}: at most 26 layers")));
    }
    let layers: Vec<Vec<Vec<String>>> = widths
        .windows(2)
        .enumerate()
        .map(|(l, w)| matrix_names(&letters[l..=l], w[1], w[0]))
        .collect();
    let gens = product_generators(&layers, r);
    let depth = layers.len();
    let list: Vec<String> = widths.iter().map(usize::to_string).collect();
    let truth = format!(
        "W0 = diag(1/{} × {r}, 0, …), the product of the true layers diag(1/2 × {r}, 0, …)",
        1u64 << depth
    );
    let formula = formulas::deep_linear_network(widths, r);
    let header = format!(
        "Deep linear network y = W_{depth} ⋯ W_1 x with widths {} (input first; layer l has\n\
         entries <letter l><row><col>), true rank r = {r}: {truth}.\n\
         K = ||W_{depth} ⋯ W_1 - W0||^2, as the squares of the entries; uniform prior on [-1, 1].\n\
         Closed form: lambda = {}, m = {} ({}).\n\
         {}",
        list.join(", "),
        formula.lambda,
        formula.multiplicity,
        formula.source,
        generated_by(
            parameters.unwrap_or(usize::MAX),
            &format!(
                "rlct model dln --widths {} --true-rank {r} --emit",
                list.join(",")
            )
        )
    );
    Ok(Model {
        name: format!("dln widths={} r={r}", list.join(",")),
        text: render(&header, &layers, &gens),
        truth,
        formula: Some(formula),
        bound: None,
        at: true_layers(&layers, r),
    })
}

/// The three-layer tanh network y = Σ_h a_h tanh(b_h x) with one input and
/// one output, true function 0. Expanding tanh(t) = t − t³/3 + 2t⁵/15 − …,
/// the Kullback–Leibler divergence (x with a density on an interval) is a
/// positive definite quadratic form in the odd moments
/// g_k = Σ_h a_h b_h^{2k−1}, whose ideal is generated by g_1, …, g_H; so K
/// is written as the sum of their squares, which has the same poles.
pub fn tanh_network(h: usize) -> Result<Model, Error> {
    let what = "tanh network";
    check_sizes(what, &[("H", h)], 0, h.checked_mul(2))?;
    let names = |p: &str| -> Vec<String> { (1..=h).map(|i| format!("{p}{i}")).collect() };
    let (a, b) = (names("a"), names("b"));
    let gens: Vec<String> = (1..=h)
        .map(|k| {
            let power = 2 * k - 1;
            a.iter()
                .zip(&b)
                .map(|(ai, bi)| {
                    if power == 1 {
                        format!("{ai}*{bi}")
                    } else {
                        format!("{ai}*{bi}^{power}")
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    let formula = formulas::tanh_network(h);
    let truth = "the function 0 (a_h·b_h = 0 for every unit, among other ways; locally, a = b = 0)"
        .to_string();
    let header = format!(
        "Three-layer tanh network y = sum_h a_h tanh(b_h x), H = {h} hidden units, true function 0.\n\
         K is a positive definite quadratic form in the odd moments g_k = sum_h a_h b_h^(2k-1),\n\
         whose ideal is generated by g_1, ..., g_H: K = sos(g_1, ..., g_H) has the same poles.\n\
         Closed form: lambda = {}, m = {} ({}).\n\
         Generated by `rlct model tanh --hidden {h} --emit`.",
        formula.lambda, formula.multiplicity, formula.source
    );
    let mut text = String::new();
    for line in header.lines() {
        let _ = writeln!(text, "# {line}");
    }
    let vars: Vec<&str> = a.iter().chain(&b).map(String::as_str).collect();
    let _ = writeln!(text, "vars {};", vars.join(", "));
    let _ = writeln!(text, "K = sos({});", gens.join(", "));
    let at: Vec<String> = vars.iter().map(|v| format!("{v} = 0")).collect();
    Ok(Model {
        name: format!("tanh H={h}"),
        text,
        truth,
        formula: Some(formula),
        bound: None,
        at: format!("at {};", at.join(", ")),
    })
}
