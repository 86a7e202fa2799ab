//! The resolution tree drawn as a standalone SVG (`--svg-tree`), laid out
//! here with no external program: every node a box with the chart's number,
//! K in it as monomial × factors, its box and what became of it; every edge
//! labelled with the step. The charts that attain λ are green, unresolved
//! ones red.

use std::fmt::Write;

use super::tree::{outcome_text, step_text};
use super::xml_escape;
use crate::problem::Problem;
use crate::residue::Rlct;
use crate::resolve::tree::box_text;
use crate::resolve::{Outcome, ResolutionTree};

const FONT: f64 = 11.0;
/// Width of one character of the monospace font at `FONT`.
const CHAR: f64 = 6.7;
const LINE: f64 = 14.0;
const PAD: f64 = 8.0;
const GAP_X: f64 = 18.0;
const GAP_Y: f64 = 56.0;
const WRAP: usize = 44;

/// Breaks a long line at spaces so that no piece exceeds `WRAP` characters
/// (a piece with no space stays whole).
fn wrap(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in line.split(' ') {
        let last = out.last_mut().expect("non-empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > WRAP {
            out.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

struct Layout {
    lines: Vec<Vec<String>>,
    width: Vec<f64>,
    height: f64,
    children: Vec<Vec<usize>>,
    /// Width of each subtree: its node or its children side by side, whichever is wider.
    span: Vec<f64>,
    x: Vec<f64>,
    depth: Vec<usize>,
}

fn node_lines(tree: &ResolutionTree, i: usize) -> Vec<String> {
    let n = &tree.nodes[i];
    let c = &n.chart;
    let mut lines = vec![format!("#{i}")];
    lines.extend(wrap(&format!("K = {}", c.k_text())));
    lines.extend(wrap(&box_text(&c.domain, &c.names)));
    lines.extend(wrap(&outcome_text(&n.outcome, &c.names)));
    lines
}

fn subtree_span(l: &mut Layout, i: usize) -> f64 {
    let kids = l.children[i].clone();
    let below: f64 = kids.iter().map(|&k| subtree_span(l, k)).sum::<f64>()
        + GAP_X * kids.len().saturating_sub(1) as f64;
    l.span[i] = l.width[i].max(below);
    l.span[i]
}

fn place(l: &mut Layout, i: usize, left: f64, depth: usize) {
    l.x[i] = left + l.span[i] / 2.0;
    l.depth[i] = depth;
    let kids = l.children[i].clone();
    let below: f64 =
        kids.iter().map(|&k| l.span[k]).sum::<f64>() + GAP_X * kids.len().saturating_sub(1) as f64;
    let mut at = left + (l.span[i] - below) / 2.0;
    for k in kids {
        place(l, k, at, depth + 1);
        at += l.span[k] + GAP_X;
    }
}

/// The tree as SVG.
pub fn tree_svg(problem: &Problem, r: &Rlct, tree: &ResolutionTree) -> String {
    let count = tree.nodes.len();
    let lines: Vec<Vec<String>> = (0..count).map(|i| node_lines(tree, i)).collect();
    let width: Vec<f64> = lines
        .iter()
        .map(|ls| ls.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64 * CHAR + 2.0 * PAD)
        .collect();
    let tallest = lines.iter().map(Vec::len).max().unwrap_or(1);
    let mut children = vec![Vec::new(); count];
    let mut roots = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        crate::budget::checkpoint();
        match n.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut l = Layout {
        lines,
        width,
        height: tallest as f64 * LINE + PAD,
        children,
        span: vec![0.0; count],
        x: vec![0.0; count],
        depth: vec![0; count],
    };
    let mut left = 20.0;
    for &root in &roots {
        subtree_span(&mut l, root);
        place(&mut l, root, left, 0);
        left += l.span[root] + GAP_X;
    }
    let top = 56.0;
    let y = |d: usize| top + d as f64 * (l.height + GAP_Y);
    let total_w = (left + 2.0).max(560.0);
    let total_h = y(l.depth.iter().copied().max().unwrap_or(0) + 1) - GAP_Y + 20.0;
    let mut s = super::svg_open(total_w, total_h, "monospace", FONT);
    let status = match r.status {
        crate::residue::Status::Exact => format!("λ = {}, m = {}", r.lambda, r.multiplicity),
        crate::residue::Status::Bound => format!("λ ≤ {} (bound)", r.lambda),
    };
    let at = match &r.resolution.scope {
        crate::resolve::Scope::Global => String::new(),
        crate::resolve::Scope::Local(p) => format!(" at {}", problem.point_text(p)),
    };
    let _ = writeln!(
        s,
        r#"<text x="20" y="24" font-family="sans-serif" font-size="15">Resolution of K = {}{}: {}</text>"#,
        xml_escape(&problem.k_text()),
        xml_escape(&at),
        xml_escape(&status)
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="42" font-family="sans-serif" font-size="12" fill="#555">{count} charts; green: leaves attaining λ; grey: other leaves; red: unresolved</text>"##
    );
    // Edges first, so the boxes cover their ends.
    for (i, n) in tree.nodes.iter().enumerate() {
        crate::budget::checkpoint();
        if let Some(p) = n.parent {
            let (x0, y0) = (l.x[p], y(l.depth[p]) + l.height);
            let (x1, y1) = (l.x[i], y(l.depth[i]));
            let _ = writeln!(
                s,
                r##"<path d="M{x0:.1},{y0:.1} C{x0:.1},{:.1} {x1:.1},{:.1} {x1:.1},{y1:.1}" fill="none" stroke="#888"/>"##,
                y0 + GAP_Y / 2.0,
                y1 - GAP_Y / 2.0
            );
            let _ = writeln!(
                s,
                r##"<text x="{x1:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#335" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                y1 - 6.0,
                xml_escape(&step_text(&n.step, &n.chart.names))
            );
        }
    }
    for (i, n) in tree.nodes.iter().enumerate() {
        crate::budget::checkpoint();
        let (fill, stroke) = match &n.outcome {
            Outcome::Leaf(leaf) => match leaf.attained_pole() {
                Some(p) if p.lambda == r.lambda => ("#e3f4e6", "#2e7d32"),
                _ => ("#f2f2f2", "#999999"),
            },
            Outcome::Unresolved(_) => ("#fde8e8", "#c62828"),
            Outcome::Split => ("#ffffff", "#555555"),
        };
        let (x, top) = (l.x[i] - l.width[i] / 2.0, y(l.depth[i]));
        let _ = writeln!(
            s,
            r#"<g><rect x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" rx="5" fill="{fill}" stroke="{stroke}"/>"#,
            l.width[i], l.height
        );
        for (j, line) in l.lines[i].iter().enumerate() {
            let weight = if j == 0 { r#" font-weight="bold""# } else { "" };
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}"{weight}>{}</text>"#,
                x + PAD,
                top + PAD + LINE * (j as f64 + 0.75),
                xml_escape(line)
            );
        }
        let _ = writeln!(s, "</g>");
    }
    s.push_str("</svg>\n");
    s
}
