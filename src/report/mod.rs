//! Renderings of one result. Nothing is computed here: every number comes
//! from the [`Rlct`] and the [`Problem`] it answers.

mod document;
mod estimate;
mod json;
mod latex;
mod markdown;
mod math;
mod plot;
mod svg_newton;
mod svg_tree;
mod text;
mod tree;

pub use estimate::{check_json, check_text, estimate_json, estimate_text};
pub use json::{brief_json, json, model_json, JSON_VERSION};
pub use math::{expr_latex, text_latex};
pub use plot::free_energy_svg;
pub use svg_newton::newton_svg;
pub use text::{brief_text, text};

/// The resolution tree drawn as SVG, or why there is none.
pub fn tree_svg(problem: &Problem, r: &Rlct) -> Result<String, String> {
    match &r.resolution.tree {
        Some(t) => Ok(svg_tree::tree_svg(problem, r, t)),
        None => Err("no resolution tree: the Newton polyhedron certifies the result; add --always-resolve to draw one".into()),
    }
}

/// The site whose Newton polygon to draw (`rlct --svg-newton`, and the
/// Python package): the one bounding λ if the analysis used one, else the
/// point of a local problem, else the origin.
pub fn newton_site(
    problem: &Problem,
    r: &Rlct,
    options: &crate::resolve::Options,
) -> Result<Site, String> {
    if let Some(site) = r
        .resolution
        .sites
        .iter()
        .find(|s| s.certificate.lambda() == r.lambda)
        .or_else(|| r.resolution.sites.first())
    {
        return Ok(site.clone());
    }
    let origin = vec![Rational::from_integer(0.into()); problem.dim()];
    let point = problem.point.clone().unwrap_or(origin);
    crate::resolve::site_at(problem, &point, options).map_err(|e| {
        format!("the Newton polygon is drawn at a zero of K ({e}); choose one with `at`")
    })
}

/// What the literature says of a model, and how the result stands against
/// it: "λ = 3/2, m = 1 by …: agrees", and the same for a published upper
/// bound. One line each; shared by the text, Markdown and LaTeX reports.
pub(crate) fn model_verdicts(model: &crate::models::Model, r: &Rlct) -> Vec<String> {
    use crate::models::{Agreement, BoundAgreement};
    let mut lines = Vec::new();
    if let (Some(f), Some(a)) = (&model.formula, model.compare(r)) {
        let verdict = match a {
            Agreement::Agrees => "agrees",
            Agreement::ConsistentBound => "the engine's bound is consistent with it",
            Agreement::Disagrees => "DISAGREES with the engine",
        };
        lines.push(format!(
            "λ = {}, m = {} by {}: {verdict}",
            rational_text(&f.lambda),
            f.multiplicity,
            f.source
        ));
    }
    if let (Some(b), Some(a)) = (&model.bound, model.compare_bound(r)) {
        let verdict = match a {
            BoundAgreement::Improved => "the engine's exact λ is below it: bound improved",
            BoundAgreement::Equal => "the engine's exact λ equals it",
            BoundAgreement::Unknown => "not compared (the engine has only a bound)",
            BoundAgreement::Above => "the engine's exact λ is ABOVE it: one of the two is wrong",
        };
        lines.push(format!(
            "published bound λ ≤ {} by {}: {verdict}",
            rational_text(&b.lambda),
            b.source
        ));
    }
    lines
}

/// The lines a model's run starts with: what it is, its true parameter, and
/// how the result stands against the literature.
pub fn model_text(model: &crate::models::Model, r: &Rlct) -> String {
    let mut s = format!("model  : {}\ntruth  : {}\n", model.name, model.truth);
    for line in model_verdicts(model, r) {
        s += &format!("source : {line}\n");
    }
    s
}

/// The opening of a standalone SVG on a white background.
pub(crate) fn svg_open(width: f64, height: f64, font_family: &str, font_size: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{font_family}\" font-size=\"{font_size}\">\n<rect width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>\n"
    )
}

/// Text made safe inside XML elements and attributes.
pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
pub use tree::{dot, tree_table};

/// What a run cost, for reports that ask for it (`--timing`); reports
/// without it are byte-for-byte reproducible.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Wall-clock time of the analysis.
    pub elapsed: std::time::Duration,
    /// Peak resident memory of the process in KiB, where the system tells
    /// (Linux: `VmHWM` of /proc/self/status).
    pub peak_memory_kib: Option<u64>,
}

impl Timing {
    /// The time since `start` and the peak memory so far.
    pub fn since(start: std::time::Instant) -> Timing {
        let peak_memory_kib = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse().ok())
            });
        Timing {
            elapsed: start.elapsed(),
            peak_memory_kib,
        }
    }

    /// `0.123 s, peak memory 12.3 MiB`.
    pub fn text(&self) -> String {
        match self.peak_memory_kib {
            Some(k) => format!(
                "{:.3} s, peak memory {:.1} MiB",
                self.elapsed.as_secs_f64(),
                k as f64 / 1024.0
            ),
            None => format!("{:.3} s", self.elapsed.as_secs_f64()),
        }
    }
}

/// The report for papers and notes as Markdown (math in `$…$`, as GitHub
/// renders it): the problem, the result as a sentence, the free energy, the
/// candidate poles, the Newton polyhedron, the resolution as a table and the
/// method. `timing`, when given, is reported with the method.
pub fn markdown(problem: &Problem, r: &Rlct, timing: Option<Timing>) -> String {
    markdown::markdown(&document::Document::new(problem, r, timing))
}

/// The Markdown report of a model's run: the report of its K, opening with
/// the model, its truth and how the result stands against the literature.
pub fn model_markdown(
    problem: &Problem,
    r: &Rlct,
    model: &crate::models::Model,
    timing: Option<Timing>,
) -> String {
    markdown::markdown(&document::Document::new(problem, r, timing).with_model(model, r))
}

/// The LaTeX report of a model's run (see [`model_markdown`]).
pub fn model_latex(
    problem: &Problem,
    r: &Rlct,
    model: &crate::models::Model,
    fragment: bool,
    timing: Option<Timing>,
) -> String {
    let d = document::Document::new(problem, r, timing).with_model(model, r);
    if fragment {
        latex::fragment(&d)
    } else {
        latex::document(&d)
    }
}

/// The same report as LaTeX: a standalone document, or its body alone
/// (`fragment`), using only amsmath, amssymb, booktabs and longtable.
pub fn latex(problem: &Problem, r: &Rlct, fragment: bool, timing: Option<Timing>) -> String {
    let d = document::Document::new(problem, r, timing);
    if fragment {
        latex::fragment(&d)
    } else {
        latex::document(&d)
    }
}

use crate::poly::{fmt_rational, Rational};
use crate::problem::Problem;
use crate::residue::{Reason, Rlct};
use crate::resolve::Site;

/// `x = 0, y in [1/4, 1]`: a site's locus in the problem's coordinates.
pub(crate) fn locus_text(problem: &Problem, site: &Site) -> String {
    problem
        .vars
        .iter()
        .zip(&site.locus)
        .zip(&problem.domain)
        .map(|((v, x), iv)| match x {
            Some(x) => format!("{v} = {}", fmt_rational(x)),
            None => format!(
                "{v} in [{}, {}]",
                fmt_rational(&iv.lo),
                fmt_rational(&iv.hi)
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn bound_only(r: &Rlct, site: usize) -> bool {
    r.resolution.sites[site]
        .certificate
        .nondegeneracy
        .face_polynomial()
        .is_none()
}

/// A reason for a bound, in words.
pub(crate) fn reason_text(problem: &Problem, r: &Rlct, reason: &Reason) -> String {
    let face = |site: usize| {
        let s = &r.resolution.sites[site];
        let f = s
            .certificate
            .nondegeneracy
            .face_polynomial()
            .map(|p| p.display(&s.certificate.coords).to_string())
            .unwrap_or_default();
        (locus_text(problem, s), f)
    };
    match reason {
        Reason::Degenerate { site } => {
            let (at, f) = face(*site);
            format!("at {at}, K is degenerate for its Newton polyhedron: the face polynomial {f} has a real zero in the torus")
        }
        Reason::Undecided { site } if bound_only(r, *site) => {
            let (at, _) = face(*site);
            format!("at {at}, only the Newton polyhedron's bound is known (non-degeneracy was not checked)")
        }
        Reason::Undecided { site } => {
            let (at, f) = face(*site);
            format!("at {at}, whether the face polynomial {f} has a real zero in the torus is not decided")
        }
        Reason::Stopped { why } => format!("stopped early: {why}"),
        Reason::Unresolved { charts } => {
            let list: Vec<String> = charts.iter().take(8).map(|c| format!("#{c}")).collect();
            let more = if charts.len() > 8 {
                format!(" and {} more", charts.len() - 8)
            } else {
                String::new()
            };
            format!(
                "{} chart(s) of the resolution were left unresolved: {}{more}",
                charts.len(),
                list.join(", ")
            )
        }
    }
}

/// A reason for a bound in words, without the polynomials it involves.
pub(crate) fn brief_reason(reason: &Reason) -> String {
    match reason {
        Reason::Degenerate { site } => {
            format!("at site {site}, K is degenerate for its Newton polyhedron")
        }
        Reason::Undecided { site } => {
            format!("at site {site}, only the Newton polyhedron's bound is known")
        }
        Reason::Stopped { why } => format!("stopped early: {why}"),
        Reason::Unresolved { charts } => format!(
            "{} chart(s) of the resolution were left unresolved",
            charts.len()
        ),
    }
}

/// `(2, 0)`.
pub(crate) fn tuple<T: ToString>(xs: &[T]) -> String {
    format!(
        "({})",
        xs.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
    )
}

/// The free energy expansion with the result's λ and m.
pub(crate) fn free_energy(r: &Rlct) -> String {
    let lam = fmt_rational(&r.lambda);
    let lam_term = if r.lambda == Rational::from_integer(1.into()) {
        "log n".to_string()
    } else if r.lambda.denom() == &1.into() {
        format!("{lam}·log n")
    } else {
        format!("({lam})·log n")
    };
    match r.status {
        crate::residue::Status::Exact => {
            let loglog = match r.multiplicity {
                1 => String::new(),
                2 => " − log log n".to_string(),
                m => format!(" − {}·log log n", m - 1),
            };
            format!("F_n = n·K_min + {lam_term}{loglog} + O_p(1)")
        }
        crate::residue::Status::Bound => {
            format!("F_n = n·K_min + λ·log n − (m − 1)·log log n + O_p(1), with λ ≤ {lam}")
        }
    }
}

/// The method that produced the result, as a stable identifier.
pub(crate) fn method(r: &Rlct) -> &'static str {
    if r.resolution.tree.is_some() {
        "resolution"
    } else {
        "newton-polyhedron"
    }
}

pub(crate) fn rational_text(q: &Rational) -> String {
    fmt_rational(q)
}
