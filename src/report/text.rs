//! The short human summary printed by `rlct FILE`.

use std::fmt::Write;

use super::{free_energy, locus_text, rational_text, reason_text, tuple};
use crate::newton::Nondegeneracy;
use crate::problem::Problem;
use crate::residue::{Rlct, Status};
use crate::resolve::Scope;

/// `λ = 5/12, m = 1  (exact)` and the free energy.
fn result_lines(r: &Rlct) -> String {
    let mut s = String::new();
    let lam = rational_text(&r.lambda);
    match r.status {
        Status::Exact => {
            let _ = writeln!(s, "λ = {lam}, m = {}  (exact)", r.multiplicity);
        }
        Status::Bound => {
            let _ = writeln!(
                s,
                "λ ≤ {lam}  (upper bound, not certified exact; m = {} there)",
                r.multiplicity
            );
        }
    }
    let _ = writeln!(s, "{}", free_energy(r));
    s
}

/// The result alone, for a report that could not be rendered within the
/// run's budget: λ, m, status, the free energy and what stood in the way,
/// without a polynomial (rendering those is what may take long).
pub fn brief_text(r: &Rlct) -> String {
    let mut s = result_lines(r);
    for reason in &r.reasons {
        let _ = writeln!(s, "  - {}", super::brief_reason(reason));
    }
    s
}

/// The human summary: the problem, λ and m, the free energy, the evidence.
pub fn text(problem: &Problem, r: &Rlct) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "K      = {}", problem.k_text());
    let _ = writeln!(s, "prior  = {}", problem.prior_text());
    let _ = writeln!(s, "domain : {}", problem.domain_text());
    let scope = match &r.resolution.scope {
        Scope::Global => "global, over the whole domain".to_string(),
        Scope::Local(p) => format!("local, at {}", problem.point_text(p)),
    };
    let _ = writeln!(s, "scope  : {scope}");
    let _ = writeln!(s);
    s += &result_lines(r);
    if !r.reasons.is_empty() {
        let _ = writeln!(s, "\nnot exact because:");
        for reason in &r.reasons {
            let _ = writeln!(s, "  - {}", reason_text(problem, r, reason));
        }
    }
    if r.poles.len() > 1 {
        let poles: Vec<String> = r
            .poles
            .iter()
            .take(6)
            .map(|p| format!("−{} (order {})", rational_text(&p.lambda), p.order))
            .collect();
        let more = if r.poles.len() > 6 { ", …" } else { "" };
        let _ = writeln!(s, "candidate poles of ζ: {}{more}", poles.join(", "));
    }
    if let Some(tree) = &r.resolution.tree {
        let _ = writeln!(
            s,
            "\nresolution of singularities: {} charts, {} leaves (--tree shows them all)",
            tree.nodes.len(),
            tree.leaves().count()
        );
        let attaining: Vec<_> = tree
            .leaves()
            .filter(|(_, _, l)| l.attained_pole().is_some_and(|p| p.lambda == r.lambda))
            .collect();
        for (i, n, _) in attaining.iter().take(3) {
            let c = &n.chart;
            let _ = writeln!(
                s,
                "  chart #{i}: {}",
                super::tree::map_text(problem, &c.map, &c.names)
            );
            let _ = writeln!(
                s,
                "    K = {} on {}",
                c.k_text(),
                crate::resolve::tree::box_text(&c.domain, &c.names)
            );
            let _ = writeln!(
                s,
                "    k = {}, h = {}: {}",
                tuple(&c.k),
                tuple(&c.h),
                super::tree::outcome_text(&n.outcome, &c.names)
            );
        }
        if attaining.len() > 3 {
            let _ = writeln!(s, "  and {} more charts attaining λ", attaining.len() - 3);
        }
    }
    if !r.resolution.sites.is_empty() {
        let _ = writeln!(s, "\nNewton polyhedron method:");
    }
    let sites = &r.resolution.sites;
    let (bounding, others): (Vec<_>, Vec<_>) = sites
        .iter()
        .partition(|site| site.certificate.lambda() == r.lambda);
    for site in bounding {
        let c = &site.certificate;
        let vertices: Vec<String> = c.vertices.iter().map(|v| tuple(v)).collect();
        let weights: Vec<u32> = c.prior_exponents.iter().map(|h| h + 1).collect();
        let verdict = match c.nondegeneracy {
            Nondegeneracy::NonDegenerate => format!(
                "non-degenerate: λ = {}, m = {}",
                rational_text(&c.lambda()),
                c.codim
            ),
            Nondegeneracy::Degenerate { .. } => {
                format!("degenerate: λ ≤ {}", rational_text(&c.lambda()))
            }
            Nondegeneracy::Undecided { .. } => {
                format!(
                    "non-degeneracy undecided: λ ≤ {}",
                    rational_text(&c.lambda())
                )
            }
            Nondegeneracy::NotChecked => format!("λ ≤ {}", rational_text(&c.lambda())),
        };
        let _ = writeln!(s, "  at {}:", locus_text(problem, site));
        let _ = writeln!(
            s,
            "    K = {}  in {}",
            c.k_local.display(&c.coords),
            tuple(&c.coords)
        );
        let _ = writeln!(s, "    Γ₊ minimal points {}", vertices.join(" "));
        let _ = writeln!(
            s,
            "    t₀ = {} along t·{}, face hit of codimension {}, {verdict}",
            rational_text(&c.t0),
            tuple(&weights),
            c.codim,
        );
    }
    if !others.is_empty() {
        let smallest = others
            .iter()
            .map(|site| site.certificate.lambda())
            .min()
            .expect("non-empty");
        let _ = writeln!(
            s,
            "  and {} other site(s) with larger values (the smallest {}); --format json lists them all",
            others.len(),
            rational_text(&smallest)
        );
    }
    if !r.resolution.notes.is_empty() {
        let _ = writeln!(s, "\nnotes:");
        for n in &r.resolution.notes {
            let _ = writeln!(s, "  - {n}");
        }
    }
    s
}
