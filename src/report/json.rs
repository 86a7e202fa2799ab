//! The stable machine-readable result (`--format json`).
//!
//! Stable fields: `lambda` (a string `"p/q"` or `"p"`), `multiplicity` (an
//! integer), `status` (`"exact"` or `"bound"`), `method`, `scope`,
//! `version`. Fields are only ever added.

use serde::Serialize;
use std::collections::BTreeMap;

use super::{method, rational_text, reason_text};
use crate::problem::Problem;
use crate::residue::Rlct;
use crate::resolve::Scope;

/// Version of the JSON layout; bumped only when a field changes meaning.
pub const JSON_VERSION: u32 = 1;

/// λ ≥ ρ/2 over the whole box (`resolve::rank`), with the cofactors that
/// show the generators and the ρ×ρ minors of their Jacobian named here
/// (the units divided out) have no common zero: Σ q_i·g_i + Σ q·minor = 1.
/// Or, with `off` not empty, near the zeros of K where one of its
/// polynomials is nonzero (the cofactors above then empty).
#[derive(Serialize)]
struct RankBoundJson {
    rank: usize,
    lambda: String,
    generator_cofactors: Vec<String>,
    minor_cofactors: Vec<MinorCofactorJson>,
    units: Vec<UnitJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    off: Vec<ExceptionJson>,
}

/// A polynomial f in the radical of the generators and the named minors:
/// Σ q_i·g_i + Σ q·minor + q_f·(1 − y·f) = 1, the cofactors in the
/// problem's variables and `y`.
#[derive(Serialize)]
struct ExceptionJson {
    f: String,
    generator_cofactors: Vec<String>,
    minor_cofactors: Vec<MinorCofactorJson>,
    cofactor: String,
}

/// A factor with no zero on K's zero set: Σ q_i·g_i + q·factor = 1.
#[derive(Serialize)]
struct UnitJson {
    factor: String,
    generator_cofactors: Vec<String>,
    cofactor: String,
}

/// The ρ×ρ minor of ∂g_rows/∂w_cols (rows and columns counted from 0) and
/// its cofactor (of the minor with the units divided out).
#[derive(Serialize)]
struct MinorCofactorJson {
    rows: Vec<usize>,
    cols: Vec<usize>,
    cofactor: String,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    lambda: String,
    multiplicity: usize,
    status: &'static str,
    method: &'static str,
    scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    point: Option<BTreeMap<&'a str, String>>,
    reasons: Vec<String>,
    notes: &'a [String],
    poles: Vec<PoleJson>,
    charts: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    tree: Option<Vec<NodeJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank_bound: Option<RankBoundJson>,
    problem: ProblemJson<'a>,
    sites: Vec<SiteJson>,
    free_energy: FreeEnergyJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    elapsed_seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    peak_memory_kib: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<ModelJson>,
}

#[derive(Serialize)]
struct ModelJson {
    name: String,
    truth: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<FormulaJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_bound: Option<BoundJson>,
}

#[derive(Serialize)]
struct BoundJson {
    lambda: String,
    source: String,
    comparison: &'static str,
}

#[derive(Serialize)]
struct FormulaJson {
    lambda: String,
    multiplicity: usize,
    source: String,
    agreement: &'static str,
}

#[derive(Serialize)]
struct FreeEnergyJson {
    text: String,
    latex: String,
    lambda: String,
    loglog_coefficient: Option<usize>,
}

#[derive(Serialize)]
struct PoleJson {
    lambda: String,
    order: usize,
}

#[derive(Serialize)]
struct NodeJson {
    id: usize,
    parent: Option<usize>,
    step: String,
    coords: Vec<String>,
    domain: Vec<[String; 2]>,
    map: Vec<String>,
    #[serde(rename = "K")]
    k_text: String,
    k: Vec<u32>,
    h: Vec<u32>,
    outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pole: Option<PoleJson>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pole_is_lower_bound: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    witness: Option<Vec<String>>,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    vars: &'a [String],
    #[serde(rename = "K")]
    k: String,
    prior: String,
    domain: BTreeMap<&'a str, [String; 2]>,
}

#[derive(Serialize)]
struct SiteJson {
    locus: BTreeMap<String, Option<String>>,
    lambda: String,
    multiplicity: usize,
    exact: bool,
    newton: NewtonJson,
}

#[derive(Serialize)]
struct NewtonJson {
    coords: Vec<String>,
    #[serde(rename = "K")]
    k: String,
    minimal_points: Vec<Vec<u32>>,
    prior_exponents: Vec<u32>,
    t0: String,
    codim: usize,
    nondegeneracy: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    face_polynomial: Option<String>,
}

fn tree_json(t: &crate::resolve::ResolutionTree) -> Vec<NodeJson> {
    t.nodes
        .iter()
        .enumerate()
        .map(|(id, n)| {
            crate::budget::checkpoint();
            let c = &n.chart;
            NodeJson {
                id,
                parent: n.parent,
                step: super::tree::step_text(&n.step, &c.names),
                coords: c.names.clone(),
                domain: c
                    .domain
                    .iter()
                    .map(|iv| [rational_text(&iv.lo), rational_text(&iv.hi)])
                    .collect(),
                map: c
                    .map
                    .iter()
                    .map(|m| m.display(&c.names).to_string())
                    .collect(),
                k_text: c.k_text(),
                k: c.k.clone(),
                h: c.h.clone(),
                outcome: super::tree::outcome_text(&n.outcome, &c.names),
                pole: match &n.outcome {
                    crate::resolve::Outcome::Leaf(l) => l.leading.as_ref().map(|p| PoleJson {
                        lambda: rational_text(&p.lambda),
                        order: p.order,
                    }),
                    _ => None,
                },
                pole_is_lower_bound: matches!(
                    &n.outcome,
                    crate::resolve::Outcome::Leaf(l) if l.attained_pole().is_none() && l.leading.is_some()
                ),
                witness: match &n.outcome {
                    crate::resolve::Outcome::Leaf(l) => l
                        .witness
                        .as_ref()
                        .map(|w| w.iter().map(super::rational_text).collect()),
                    _ => None,
                },
            }
        })
        .collect()
}

/// The result as one pretty-printed JSON object (layout: `schema/result.schema.json`);
/// `timing` is included only when given.
pub fn json(problem: &Problem, r: &Rlct, timing: Option<super::Timing>) -> String {
    json_with(problem, r, None, timing, None)
}

/// The same object without the tree, the sites' polynomials and the
/// reasons' ones, for a report that could not be rendered within the run's
/// budget (`why` is added to the notes).
pub fn brief_json(problem: &Problem, r: &Rlct, why: &str) -> String {
    json_with(problem, r, None, None, Some(why))
}

/// The result of a known model, with the model and the literature's closed form.
pub fn model_json(
    problem: &Problem,
    r: &Rlct,
    model: &crate::models::Model,
    timing: Option<super::Timing>,
) -> String {
    json_with(problem, r, Some(model), timing, None)
}

fn json_with(
    problem: &Problem,
    r: &Rlct,
    model: Option<&crate::models::Model>,
    timing: Option<super::Timing>,
    brief: Option<&str>,
) -> String {
    let mut notes = r.resolution.notes.clone();
    if let Some(why) = brief {
        notes.push(format!(
            "{why} while writing the report: the tree and the sites are left out"
        ));
    }
    let sites = r
        .resolution
        .sites
        .iter()
        .filter(|_| brief.is_none())
        .map(|s| {
            let c = &s.certificate;
            let (nondegeneracy, face) =
                (c.nondegeneracy.as_str(), c.nondegeneracy.face_polynomial());
            SiteJson {
                locus: problem
                    .vars
                    .iter()
                    .zip(&s.locus)
                    .map(|(v, x)| (v.clone(), x.as_ref().map(rational_text)))
                    .collect(),
                lambda: rational_text(&c.lambda()),
                multiplicity: c.codim,
                exact: c.is_exact(),
                newton: NewtonJson {
                    coords: c.coords.clone(),
                    k: c.k_local.display(&c.coords).to_string(),
                    minimal_points: c.vertices.clone(),
                    prior_exponents: c.prior_exponents.clone(),
                    t0: rational_text(&c.t0),
                    codim: c.codim,
                    nondegeneracy,
                    face_polynomial: face.map(|f| f.display(&c.coords).to_string()),
                },
            }
        })
        .collect();
    let (scope, point) = match &r.resolution.scope {
        Scope::Global => ("global", None),
        Scope::Local(p) => (
            "local",
            Some(
                problem
                    .vars
                    .iter()
                    .map(String::as_str)
                    .zip(p.iter().map(rational_text))
                    .collect(),
            ),
        ),
    };
    let out = Output {
        version: JSON_VERSION,
        lambda: rational_text(&r.lambda),
        multiplicity: r.multiplicity,
        status: r.status.as_str(),
        method: method(r),
        scope,
        point,
        reasons: r
            .reasons
            .iter()
            .map(|x| match brief {
                Some(_) => super::brief_reason(x),
                None => reason_text(problem, r, x),
            })
            .collect(),
        notes: &notes,
        poles: r
            .poles
            .iter()
            .map(|p| PoleJson {
                lambda: rational_text(&p.lambda),
                order: p.order,
            })
            .collect(),
        charts: r.resolution.tree.as_ref().map_or(0, |t| t.nodes.len()),
        tree: r
            .resolution
            .tree
            .as_ref()
            .filter(|_| brief.is_none())
            .map(tree_json),
        rank_bound: r
            .resolution
            .tree
            .as_ref()
            .and_then(|t| t.lower_bound.as_ref())
            .filter(|_| brief.is_none())
            .map(|b| RankBoundJson {
                rank: b.rank,
                lambda: rational_text(&b.lambda),
                generator_cofactors: b
                    .generator_cofactors
                    .iter()
                    .map(|q| q.display(&problem.vars).to_string())
                    .collect(),
                minor_cofactors: b
                    .minor_cofactors
                    .iter()
                    .map(|(rows, cols, q)| MinorCofactorJson {
                        rows: rows.clone(),
                        cols: cols.clone(),
                        cofactor: q.display(&problem.vars).to_string(),
                    })
                    .collect(),
                units: b
                    .units
                    .iter()
                    .map(|u| UnitJson {
                        factor: u.factor.display(&problem.vars).to_string(),
                        generator_cofactors: u
                            .generator_cofactors
                            .iter()
                            .map(|q| q.display(&problem.vars).to_string())
                            .collect(),
                        cofactor: u.cofactor.display(&problem.vars).to_string(),
                    })
                    .collect(),
                off: b
                    .off
                    .iter()
                    .map(|e| {
                        let mut names = problem.vars.clone();
                        names.push("y".to_string());
                        let text = |q: &crate::poly::Poly| q.display(&names).to_string();
                        ExceptionJson {
                            f: e.f.display(&problem.vars).to_string(),
                            generator_cofactors: e.generator_cofactors.iter().map(text).collect(),
                            minor_cofactors: e
                                .minor_cofactors
                                .iter()
                                .map(|(rows, cols, q)| MinorCofactorJson {
                                    rows: rows.clone(),
                                    cols: cols.clone(),
                                    cofactor: text(q),
                                })
                                .collect(),
                            cofactor: text(&e.cofactor),
                        }
                    })
                    .collect(),
            }),
        problem: ProblemJson {
            vars: &problem.vars,
            k: problem.k_text(),
            prior: problem.prior_text().to_string(),
            domain: problem
                .vars
                .iter()
                .map(String::as_str)
                .zip(
                    problem
                        .domain
                        .iter()
                        .map(|iv| [rational_text(&iv.lo), rational_text(&iv.hi)]),
                )
                .collect(),
        },
        sites,
        free_energy: FreeEnergyJson {
            text: super::free_energy(r),
            latex: super::document::free_energy_latex(r),
            lambda: rational_text(&r.lambda),
            // −(m − 1) log log n; unknown when λ is only a bound.
            loglog_coefficient: (r.status == crate::residue::Status::Exact)
                .then(|| r.multiplicity - 1),
        },
        elapsed_seconds: timing.map(|t| t.elapsed.as_secs_f64()),
        peak_memory_kib: timing.and_then(|t| t.peak_memory_kib),
        model: model.map(|m| ModelJson {
            name: m.name.clone(),
            truth: m.truth.clone(),
            formula: m.formula.as_ref().map(|f| FormulaJson {
                lambda: rational_text(&f.lambda),
                multiplicity: f.multiplicity,
                source: f.source.clone(),
                agreement: m.compare(r).map_or("disagrees", |a| a.as_str()),
            }),
            published_bound: m.bound.as_ref().map(|b| BoundJson {
                lambda: rational_text(&b.lambda),
                source: b.source.clone(),
                comparison: m.compare_bound(r).map_or("unknown", |a| a.as_str()),
            }),
        }),
    };
    serde_json::to_string_pretty(&out).expect("serialisable") + "\n"
}
