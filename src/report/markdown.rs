//! The report as Markdown (`--format markdown`), with math in `$…$` as
//! GitHub renders it.

use std::fmt::Write;

use super::document::Document;

/// A table cell: Markdown tables end a cell at `|`.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The whole report.
pub(crate) fn markdown(d: &Document) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Real log canonical threshold\n");
    if !d.model.is_empty() {
        let _ = writeln!(s, "**Model.** {}\n", d.model.join(" "));
    }
    let _ = writeln!(
        s,
        "**Problem.** $K({}) = {}$ with prior $\\varphi({}) = {}$ on $W = \\lbrace {} \\rbrace${}.\n",
        d.vars,
        d.k,
        d.vars,
        d.prior,
        d.domain,
        match &d.point {
            Some(p) => format!(", near the point ${p}$"),
            None => String::new(),
        }
    );
    let _ = writeln!(s, "**Result.** {}\n", d.sentence());
    let _ = writeln!(s, "**Free energy.** $${}$$\n", d.free_energy);
    if !d.reasons.is_empty() {
        let _ = writeln!(s, "**Why only a bound.**\n");
        for r in &d.reasons {
            let _ = writeln!(s, "- {r}");
        }
        s.push('\n');
    }
    if !d.poles.is_empty() {
        let _ = writeln!(s, "**Candidate poles** of ${}$, largest first:\n", d.zeta());
        let _ = writeln!(s, "| pole | order |\n| ---: | ---: |");
        for (lambda, order) in &d.poles {
            let _ = writeln!(s, "| $z = -{lambda}$ | {order} |");
        }
        s.push('\n');
    }
    if !d.newton.is_empty() {
        let _ = writeln!(s, "**Newton polyhedron.**\n");
        for n in &d.newton {
            let _ = writeln!(
                s,
                "- at ${}$: $K = {}$; the ray $t \\cdot {}$ meets $\\Gamma_+(K)$ at $t_0 = {}$, on a face of codimension {}; {}.",
                n.locus, n.k, n.weights, n.t0, n.codim, n.verdict
            );
        }
        s.push('\n');
    }
    if !d.charts.is_empty() {
        let _ = writeln!(s, "**Resolution.** {}\n", d.resolution_intro());
        let _ = writeln!(
            s,
            "| chart | parent | step | map | box | $K$ in the chart | $k$ | $h$ | outcome |\n| ---: | ---: | --- | --- | --- | --- | --- | --- | --- |"
        );
        for c in &d.charts {
            let outcome = match &c.pole {
                Some((lambda, order)) => {
                    format!("{}: pole $-{lambda}$ of order {order}", c.outcome)
                }
                None => c.outcome.clone(),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | ${}$ | ${}$ | ${}$ | ${}$ | ${}$ | {} |",
                c.id,
                c.parent.map_or("–".to_string(), |p| p.to_string()),
                cell(&c.step),
                cell(&c.map),
                cell(&c.domain),
                cell(&c.k),
                c.k_exponents,
                c.h_exponents,
                cell(&outcome),
            );
        }
        s.push('\n');
    }
    if !d.notes.is_empty() {
        let _ = writeln!(s, "**Notes.**\n");
        for n in &d.notes {
            let _ = writeln!(s, "- {n}");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "**Method.** {}.", d.method_text());
    s
}
