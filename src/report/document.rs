//! The content of a report for papers and notes, laid out by neither
//! Markdown nor LaTeX: the statement, the free energy, the poles, the
//! resolution and the method, with every formula already in LaTeX math
//! (which both layouts use: GitHub renders `$…$`) and every sentence in
//! plain text (which each layout escapes its own way).

use super::math::{expr_latex, name_latex};
use super::{method, reason_text, tree};
use crate::newton::Nondegeneracy;
use crate::poly::Rational;
use crate::problem::Interval;
use crate::problem::Problem;
use crate::residue::{Rlct, Status};
use crate::resolve::{Outcome, Scope};

/// One chart of the resolution, ready to typeset.
pub(crate) struct ChartRow {
    pub id: usize,
    pub parent: Option<usize>,
    /// The step that made the chart (plain text).
    pub step: String,
    /// The map back to the original coordinates (math).
    pub map: String,
    /// The chart's box (math).
    pub domain: String,
    /// K in the chart as monomial × factors (math).
    pub k: String,
    /// Exponents of K's monomial and of prior × Jacobian (math).
    pub k_exponents: String,
    pub h_exponents: String,
    /// What became of the chart (plain text).
    pub outcome: String,
    /// The chart's pole −λ and its order, for a leaf where K vanishes (math).
    pub pole: Option<(String, usize)>,
}

/// A site where the Newton polyhedron was read (math and text).
pub(crate) struct NewtonRow {
    pub locus: String,
    pub k: String,
    pub t0: String,
    pub weights: String,
    pub codim: usize,
    pub verdict: String,
}

/// Everything a report states, in typesetting-neutral form.
pub(crate) struct Document {
    pub vars: String,
    pub k: String,
    pub prior: String,
    pub domain: String,
    /// `None` for the global question, the point (math) for a local one.
    pub point: Option<String>,
    pub exact: bool,
    pub lambda: String,
    pub multiplicity: usize,
    pub free_energy: String,
    pub poles: Vec<(String, usize)>,
    pub reasons: Vec<String>,
    pub method: &'static str,
    pub charts: Vec<ChartRow>,
    pub leaves: usize,
    pub newton: Vec<NewtonRow>,
    pub notes: Vec<String>,
    pub timing: Option<super::Timing>,
    /// For a model's run: what the model is, its truth, and the literature's
    /// values against the result, as plain sentences.
    pub model: Vec<String>,
}

/// `5/12` → `\tfrac{5}{12}`.
pub(crate) fn rational_latex(q: &Rational) -> String {
    let sign = if q < &Rational::from_integer(0.into()) {
        "-"
    } else {
        ""
    };
    let (n, d) = (q.numer().magnitude().to_string(), q.denom().to_string());
    if d == "1" {
        format!("{sign}{n}")
    } else {
        format!("{sign}\\tfrac{{{n}}}{{{d}}}")
    }
}

fn tuple_latex(xs: &[u32]) -> String {
    let parts: Vec<String> = xs.iter().map(u32::to_string).collect();
    format!("({})", parts.join(", "))
}

fn domain_latex(names: &[String], domain: &[Interval]) -> String {
    names
        .iter()
        .zip(domain)
        .map(|(n, iv)| {
            format!(
                "{} \\in [{}, {}]",
                name_latex(n),
                rational_latex(&iv.lo),
                rational_latex(&iv.hi)
            )
        })
        .collect::<Vec<_>>()
        .join(",\\quad ")
}

/// The free energy with the result's λ and m, as LaTeX.
pub(crate) fn free_energy_latex(r: &Rlct) -> String {
    match r.status {
        Status::Exact => {
            let lam = if r.lambda == Rational::from_integer(1.into()) {
                String::new()
            } else {
                rational_latex(&r.lambda)
            };
            let loglog = match r.multiplicity {
                1 => String::new(),
                2 => " - \\log\\log n".to_string(),
                m => format!(" - {}\\log\\log n", m - 1),
            };
            format!("F_n = n K_{{\\min}} + {lam}\\log n{loglog} + O_p(1)")
        }
        Status::Bound => format!(
            "F_n = n K_{{\\min}} + \\lambda\\log n - (m - 1)\\log\\log n + O_p(1), \\quad \\lambda \\le {}",
            rational_latex(&r.lambda)
        ),
    }
}

impl Document {
    /// The report's content for a problem and its result; `timing` is shown
    /// only when given (reports are otherwise byte-for-byte reproducible).
    pub fn new(problem: &Problem, r: &Rlct, timing: Option<super::Timing>) -> Document {
        let names = &problem.vars;
        let charts = r.resolution.tree.as_ref().map_or_else(Vec::new, |t| {
            t.nodes
                .iter()
                .enumerate()
                .map(|(id, n)| {
                    let c = &n.chart;
                    let map = problem
                        .vars
                        .iter()
                        .zip(&c.map)
                        .map(|(v, m)| {
                            format!(
                                "{} = {}",
                                name_latex(v),
                                expr_latex(&m.display(&c.names).to_string())
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(",\\quad ");
                    let pole = match &n.outcome {
                        Outcome::Leaf(l) => l
                            .attained_pole()
                            .map(|p| (rational_latex(&p.lambda), p.order)),
                        _ => None,
                    };
                    ChartRow {
                        id,
                        parent: n.parent,
                        step: tree::step_text(&n.step, &c.names),
                        map,
                        domain: domain_latex(&c.names, &c.domain),
                        k: expr_latex(&c.k_text()),
                        k_exponents: tuple_latex(&c.k),
                        h_exponents: tuple_latex(&c.h),
                        outcome: tree::outcome_kind_text(&n.outcome, &c.names),
                        pole,
                    }
                })
                .collect()
        });
        let leaves = r.resolution.tree.as_ref().map_or(0, |t| t.leaves().count());
        // The sites that bound λ: the ones a reader needs.
        let newton = r
            .resolution
            .sites
            .iter()
            .filter(|s| s.certificate.lambda() == r.lambda)
            .map(|s| {
                let c = &s.certificate;
                let weights: Vec<u32> = c.prior_exponents.iter().map(|h| h + 1).collect();
                let verdict = match c.nondegeneracy {
                    Nondegeneracy::NonDegenerate => "non-degenerate",
                    Nondegeneracy::Degenerate { .. } => "degenerate",
                    Nondegeneracy::Undecided { .. } => "non-degeneracy undecided",
                    Nondegeneracy::NotChecked => "an upper bound (non-degeneracy not checked)",
                };
                let locus = names
                    .iter()
                    .zip(&s.locus)
                    .filter_map(|(v, x)| {
                        x.as_ref()
                            .map(|x| format!("{} = {}", name_latex(v), rational_latex(x)))
                    })
                    .collect::<Vec<_>>()
                    .join(",\\ ");
                NewtonRow {
                    locus: if locus.is_empty() { "W".into() } else { locus },
                    k: expr_latex(&c.k_local.display(&c.coords).to_string()),
                    t0: rational_latex(&c.t0),
                    weights: tuple_latex(&weights),
                    codim: c.codim,
                    verdict: verdict.into(),
                }
            })
            .collect();
        let point = match &r.resolution.scope {
            Scope::Global => None,
            Scope::Local(p) => Some(format!(
                "({}) = ({})",
                names
                    .iter()
                    .map(|v| name_latex(v))
                    .collect::<Vec<_>>()
                    .join(", "),
                p.iter().map(rational_latex).collect::<Vec<_>>().join(", ")
            )),
        };
        Document {
            vars: names
                .iter()
                .map(|v| name_latex(v))
                .collect::<Vec<_>>()
                .join(", "),
            k: expr_latex(&problem.k_text()),
            prior: expr_latex(&problem.prior_text()),
            domain: domain_latex(names, &problem.domain),
            point,
            exact: r.status == Status::Exact,
            lambda: rational_latex(&r.lambda),
            multiplicity: r.multiplicity,
            free_energy: free_energy_latex(r),
            poles: r
                .poles
                .iter()
                .map(|p| (rational_latex(&p.lambda), p.order))
                .collect(),
            reasons: r
                .reasons
                .iter()
                .map(|x| reason_text(problem, r, x))
                .collect(),
            method: method(r),
            charts,
            leaves,
            newton,
            notes: r.resolution.notes.clone(),
            timing,
            model: Vec::new(),
        }
    }

    /// The same document, opening with the model it was built from.
    pub fn with_model(mut self, model: &crate::models::Model, r: &Rlct) -> Document {
        self.model = vec![
            format!("{}.", model.name),
            format!("True parameter: {}.", model.truth),
        ];
        self.model.extend(
            super::model_verdicts(model, r)
                .into_iter()
                .map(|v| format!("Literature: {v}.")),
        );
        self
    }

    /// "over $W$" or "at the point $(x, y) = (0, 0)$", with `$` delimiters.
    pub fn where_(&self) -> String {
        match &self.point {
            None => "over $W$".into(),
            Some(p) => format!("at the point ${p}$"),
        }
    }

    /// ζ(z) as a formula: over W, or over a small neighbourhood U of the point.
    pub fn zeta(&self) -> String {
        let region = if self.point.is_some() { "U" } else { "W" };
        format!("\\zeta(z) = \\int_{region} K(w)^z \\varphi(w) \\thinspace \\mathrm{{d}}w")
    }

    /// What the resolution table shows, math in `$…$`.
    pub fn resolution_intro(&self) -> &'static str {
        "Each chart is a box in its own coordinates, with the map back to the original ones; in it $K = u^k \\cdot (\\text{factors})$ and prior × Jacobian $= u^h \\cdot (\\text{unit})$. A leaf whose factors have no zero on its box is normal crossing, with pole $-\\min_i (h_i + 1)/k_i$."
    }

    /// The result as one sentence, math in `$…$` (valid in both layouts).
    pub fn sentence(&self) -> String {
        let certified = match (self.exact, self.method) {
            (true, "resolution") => format!(
                ", certified by a resolution of singularities into {} charts ({} leaves, every one certified)",
                self.charts.len(),
                self.leaves
            ),
            (true, _) => ", certified by the non-degenerate Newton polyhedron of $K$".into(),
            (false, _) => String::new(),
        };
        if self.exact {
            format!(
                "The real log canonical threshold of $K$ {} is $\\lambda = {}$ with multiplicity $m = {}${certified}.",
                self.where_(),
                self.lambda,
                self.multiplicity
            )
        } else {
            format!(
                "The real log canonical threshold of $K$ {} is at most ${}$: $\\lambda \\le {}$ is an upper bound, not certified exact (the bounding site has order {}).",
                self.where_(),
                self.lambda,
                self.lambda,
                self.multiplicity
            )
        }
    }

    /// The method in words, with the chart count and (when measured) the time.
    pub fn method_text(&self) -> String {
        let how = match self.method {
            "resolution" => format!(
                "resolution of singularities by blow-ups: {} charts, {} leaves",
                self.charts.len(),
                self.leaves
            ),
            _ => "Newton polyhedron (no blow-up needed)".to_string(),
        };
        match &self.timing {
            Some(t) => format!("{how}; computed in {}", t.text()),
            None => how,
        }
    }
}
