//! The free energy curve as a standalone SVG: the numerical F_n with error
//! bars against ln n, the exact asymptote λ·ln n − (m − 1)·ln ln n + c (its
//! constant fitted to the points), and the line of the fitted slope.

use std::fmt::Write;

use crate::numeric::Estimate;

const W: f64 = 780.0;
const H: f64 = 460.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 250.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;

use super::xml_escape as escape;

/// The SVG; `exact` is `(λ, m, label)` when the exact side is known.
pub fn free_energy_svg(e: &Estimate, exact: Option<(f64, usize, &str)>, title: &str) -> String {
    let pts: Vec<(f64, f64, f64)> = e
        .free_energy
        .iter()
        .map(|(n, f, se)| (n.ln(), *f, *se))
        .collect();
    let (x0, x1) = (
        pts.first().map_or(0.0, |p| p.0),
        pts.last().map_or(1.0, |p| p.0),
    );
    let ys = pts.iter().flat_map(|p| [p.1 - p.2, p.1 + p.2]);
    let (y0, y1) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let pad = (y1 - y0).max(1e-9) * 0.08;
    let (y0, y1) = (y0 - pad, y1 + pad);
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0).max(1e-12) * (W - LEFT - RIGHT);
    let sy = |y: f64| TOP + (y1 - y) / (y1 - y0).max(1e-12) * (H - TOP - BOTTOM);
    let mut s = super::svg_open(W, H, "sans-serif", 13.0);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="24" font-size="15">{}</text>"#,
        escape(title)
    );
    // Axes and ticks.
    let (ax0, ay0, ax1, ay1) = (LEFT, H - BOTTOM, W - RIGHT, TOP);
    let _ = writeln!(
        s,
        r##"<path d="M{ax0},{ay1} V{ay0} H{ax1}" fill="none" stroke="#333"/>"##
    );
    for i in 0..=5 {
        let x = x0 + (x1 - x0) * i as f64 / 5.0;
        let _ = writeln!(
            s,
            r##"<line x1="{0:.1}" y1="{ay0}" x2="{0:.1}" y2="{1}" stroke="#333"/><text x="{0:.1}" y="{2}" text-anchor="middle">{3:.1}</text>"##,
            sx(x),
            ay0 + 5.0,
            ay0 + 20.0,
            x
        );
        let y = y0 + (y1 - y0) * i as f64 / 5.0;
        let _ = writeln!(
            s,
            r##"<line x1="{0}" y1="{1:.1}" x2="{ax0}" y2="{1:.1}" stroke="#333"/><text x="{2}" y="{3:.1}" text-anchor="end">{4:.2}</text>"##,
            ax0 - 5.0,
            sy(y),
            ax0 - 8.0,
            sy(y) + 4.0,
            y
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{}" text-anchor="middle">ln n</text>"#,
        (ax0 + ax1) / 2.0,
        H - 18.0
    );
    let _ = writeln!(
        s,
        r#"<text x="18" y="{:.1}" transform="rotate(-90 18 {:.1})" text-anchor="middle">F_n = −ln Z(n)</text>"#,
        (ay0 + ay1) / 2.0,
        (ay0 + ay1) / 2.0
    );
    // Exact asymptote, its constant fitted over the upper half.
    let mut legend = Vec::new();
    if let Some((lambda, m, label)) = exact {
        let shape = |x: f64| lambda * x - (m as f64 - 1.0) * x.ln();
        let half = &pts[pts.len() / 2..];
        let c = half.iter().map(|p| p.1 - shape(p.0)).sum::<f64>() / half.len().max(1) as f64;
        let path: Vec<String> = (0..=60)
            .map(|i| {
                let x = x0 + (x1 - x0) * i as f64 / 60.0;
                format!("{:.1},{:.1}", sx(x), sy((shape(x) + c).clamp(y0, y1)))
            })
            .collect();
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#c0392b" stroke-width="2"/>"##,
            path.join(" ")
        );
        legend.push(("#c0392b", format!("exact: {}", label)));
    }
    // The fitted slope through the last point.
    let (fl, fse) = e.free_energy_lambda;
    if let Some(last) = pts.last() {
        let (xa, xb) = (pts[pts.len() / 2].0, last.0);
        let _ = writeln!(
            s,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#2471a3" stroke-width="2" stroke-dasharray="6 4"/>"##,
            sx(xa),
            sy(last.1 - fl * (xb - xa)),
            sx(xb),
            sy(last.1)
        );
    }
    legend.push(("#2471a3", format!("fitted ln n slope {fl:.3} ± {fse:.3}")));
    // Points with error bars.
    for (x, y, se) in &pts {
        let _ = writeln!(
            s,
            r##"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="#111"/><circle cx="{0:.1}" cy="{3:.1}" r="3" fill="#111"/>"##,
            sx(*x),
            sy(y - se),
            sy(y + se),
            sy(*y)
        );
    }
    legend.push(("#111", format!("numerical F_n ({} runs)", e.options.runs)));
    for (i, (color, text)) in legend.iter().enumerate() {
        let y = TOP + 20.0 + 22.0 * i as f64;
        let _ = writeln!(
            s,
            r#"<rect x="{}" y="{}" width="14" height="4" fill="{color}"/><text x="{}" y="{}">{}</text>"#,
            W - RIGHT + 14.0,
            y - 6.0,
            W - RIGHT + 34.0,
            y,
            escape(text)
        );
    }
    s.push_str("</svg>\n");
    s
}
