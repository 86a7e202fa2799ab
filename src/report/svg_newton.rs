//! The Newton polygon of a 2-variable K drawn as a standalone SVG
//! (`--svg-newton`): the support of K, the region Γ₊ shaded with its
//! boundary through the vertices, the ray t·(h + 1) of the prior and the
//! point t₀·(h + 1) where it meets the boundary, labelled with t₀ and λ.

use std::fmt::Write;

use num_traits::ToPrimitive;

use super::xml_escape;
use crate::poly::fmt_rational;
use crate::problem::Problem;
use crate::residue::Rlct;
use crate::resolve::Site;

const SIZE: f64 = 420.0;
const LEFT: f64 = 60.0;
const TOP: f64 = 60.0;
const RIGHT: f64 = 250.0;
const BOTTOM: f64 = 50.0;

/// The SVG of the Newton polygon at `site` (2 variables), with the result `r`.
pub fn newton_svg(problem: &Problem, r: &Rlct, site: &Site) -> Result<String, String> {
    let c = &site.certificate;
    if c.coords.len() != 2 {
        return Err(format!(
            "--svg-newton draws the Newton polygon of a 2-variable K; this K has {} variables",
            c.coords.len()
        ));
    }
    let support: Vec<(f64, f64)> = c
        .k_local
        .terms()
        .map(|(e, _)| (f64::from(e[0]), f64::from(e[1])))
        .collect();
    let mut vertices: Vec<(f64, f64)> = c
        .vertices
        .iter()
        .map(|v| (f64::from(v[0]), f64::from(v[1])))
        .collect();
    vertices.sort_by(|a, b| a.0.total_cmp(&b.0));
    let weight = (
        f64::from(c.prior_exponents[0] + 1),
        f64::from(c.prior_exponents[1] + 1),
    );
    let t0 = c.t0.to_f64().unwrap_or(f64::NAN);
    let hit = (t0 * weight.0, t0 * weight.1);
    let reach = support
        .iter()
        .chain([&hit])
        .fold(1.0f64, |m, p| m.max(p.0).max(p.1))
        .ceil()
        + 1.0;
    let scale = SIZE / reach;
    let px = |x: f64| LEFT + x * scale;
    let py = |y: f64| TOP + SIZE - y * scale;
    let (w, h) = (LEFT + SIZE + RIGHT, TOP + SIZE + BOTTOM);
    let names = &c.coords;
    let mut s = super::svg_open(w, h, "sans-serif", 13.0);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="24" font-size="15">Newton polygon of K = {}</text>"#,
        xml_escape(&c.k_local.display(names).to_string())
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="42" font-size="12" fill="#555">at {}; exponents of {} (across) and {} (up)</text>"##,
        xml_escape(&super::locus_text(problem, site)),
        xml_escape(&names[0]),
        xml_escape(&names[1])
    );
    // Grid and axes.
    for i in 0..=reach as usize {
        let v = i as f64;
        let _ = writeln!(
            s,
            r##"<path d="M{:.1},{:.1} V{:.1} M{:.1},{:.1} H{:.1}" stroke="#eeeeee"/>"##,
            px(v),
            py(0.0),
            py(reach),
            px(0.0),
            py(v),
            px(reach)
        );
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="#555">{i}</text><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="#555">{i}</text>"##,
            px(v),
            py(0.0) + 16.0,
            px(0.0) - 6.0,
            py(v) + 4.0
        );
    }
    // Γ₊: up from the first vertex, along the vertices, out from the last.
    if let (Some(first), Some(last)) = (vertices.first(), vertices.last()) {
        let mut d = format!("M{:.1},{:.1}", px(first.0), py(reach));
        for v in &vertices {
            let _ = write!(d, " L{:.1},{:.1}", px(v.0), py(v.1));
        }
        let _ = write!(
            d,
            " L{:.1},{:.1} L{:.1},{:.1} Z",
            px(reach),
            py(last.1),
            px(reach),
            py(reach)
        );
        let _ = writeln!(s, r##"<path d="{d}" fill="#dbe9f9" stroke="none"/>"##);
        let mut edge = format!("M{:.1},{:.1}", px(first.0), py(reach));
        for v in &vertices {
            let _ = write!(edge, " L{:.1},{:.1}", px(v.0), py(v.1));
        }
        let _ = write!(edge, " L{:.1},{:.1}", px(reach), py(last.1));
        let _ = writeln!(
            s,
            r##"<path d="{edge}" fill="none" stroke="#1f5fa8" stroke-width="2"/>"##
        );
    }
    let _ = writeln!(
        s,
        r##"<path d="M{:.1},{:.1} V{:.1} M{:.1},{:.1} H{:.1}" stroke="#333"/>"##,
        px(0.0),
        py(reach),
        py(0.0),
        px(0.0),
        py(0.0),
        px(reach)
    );
    for p in &support {
        let _ = writeln!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="#777"/>"##,
            px(p.0),
            py(p.1)
        );
    }
    for v in &vertices {
        let _ = writeln!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="#1f5fa8"><title>vertex ({}, {})</title></circle>"##,
            px(v.0),
            py(v.1),
            v.0,
            v.1
        );
    }
    // The ray t·(h + 1), to the edge of the picture.
    let stretch = reach / weight.0.max(weight.1);
    let _ = writeln!(
        s,
        r##"<path d="M{:.1},{:.1} L{:.1},{:.1}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 4"/>"##,
        px(0.0),
        py(0.0),
        px(stretch * weight.0),
        py(stretch * weight.1)
    );
    let t0_text = fmt_rational(&c.t0);
    let lambda_text = fmt_rational(&c.lambda());
    let _ = writeln!(
        s,
        r##"<circle cx="{:.1}" cy="{:.1}" r="6" fill="#c62828"><title>t₀·(h + 1) = {t0_text}·({}, {})</title></circle>"##,
        px(hit.0),
        py(hit.1),
        weight.0,
        weight.1
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" fill="#c62828" font-size="14">t₀ = {t0_text}</text>"##,
        px(hit.0) + 10.0,
        py(hit.1) - 8.0
    );
    // The legend on the right.
    let verdict = match c.nondegeneracy {
        crate::newton::Nondegeneracy::NonDegenerate => "non-degenerate: λ = 1/t₀",
        crate::newton::Nondegeneracy::Degenerate { .. } => "degenerate: λ ≤ 1/t₀",
        crate::newton::Nondegeneracy::Undecided { .. } => "undecided: λ ≤ 1/t₀",
        crate::newton::Nondegeneracy::NotChecked => "not checked: λ ≤ 1/t₀",
    };
    let legend = [
        format!("ray t·(h + 1) = t·({}, {})", weight.0, weight.1),
        format!("meets Γ₊ at t₀ = {t0_text}"),
        format!("1/t₀ = {lambda_text}"),
        format!("face of codimension {}", c.codim),
        verdict.to_string(),
        format!(
            "result: λ {} {}, m = {}",
            if r.status == crate::residue::Status::Exact {
                "="
            } else {
                "≤"
            },
            fmt_rational(&r.lambda),
            r.multiplicity
        ),
    ];
    for (i, line) in legend.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            LEFT + SIZE + 24.0,
            TOP + 20.0 + 22.0 * i as f64,
            xml_escape(line)
        );
    }
    s.push_str("</svg>\n");
    Ok(s)
}
