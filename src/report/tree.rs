//! The resolution tree as a table (`--tree`) and as Graphviz DOT (`--format dot`).

use std::fmt::Write;

use crate::poly::fmt_rational;
use crate::problem::Problem;
use crate::resolve::tree::box_text;
use crate::resolve::{LeafKind, Outcome, ResolutionTree, Step};

/// `blow-up {x, y}: chart x, x ≥ 0`.
pub(crate) fn step_text(step: &Step, names: &[String]) -> String {
    match step {
        Step::Root => "root".into(),
        Step::Restrict => "restrict".into(),
        Step::Neighbourhood => "neighbourhood of the fiber".into(),
        Step::Cone { block } => {
            let block: Vec<&str> = block.iter().map(|&i| names[i].as_str()).collect();
            format!("cone in {}: symmetric box", block.join(", "))
        }
        Step::Translate(p) => {
            let moved: Vec<String> = names
                .iter()
                .zip(p)
                .filter(|(_, x)| !num_traits::Zero::is_zero(*x))
                .map(|(n, x)| format!("{n} = {}", fmt_rational(x)))
                .collect();
            format!("translate ({}) to 0", moved.join(", "))
        }
        Step::Scale(r) => {
            let scaled: Vec<String> = names
                .iter()
                .zip(r)
                .filter(|(_, x)| !num_traits::One::is_one(*x))
                .map(|(n, x)| format!("{n}·{}", fmt_rational(x)))
                .collect();
            format!("scale {}", scaled.join(", "))
        }
        Step::Shear { coord, by } => {
            format!("shear {n} ← {n} + {}", by.display(names), n = names[*coord])
        }
        Step::Toric {
            coords,
            rays,
            signs,
        } => {
            // The map, coordinate by coordinate: x = x·y², y = y³.
            let map: Vec<String> = coords
                .iter()
                .enumerate()
                .map(|(i, &c)| {
                    let mut e = vec![0u32; names.len()];
                    for (j, &cj) in coords.iter().enumerate() {
                        e[cj] = rays[j][i];
                    }
                    format!(
                        "{} = {}",
                        names[c],
                        crate::poly::display::monomial_string(&e, names)
                    )
                })
                .collect();
            let sides: Vec<String> = coords
                .iter()
                .zip(signs)
                .filter_map(|(&c, s)| {
                    s.map(|s| format!("{} {} 0", names[c], if s { "≥" } else { "≤" }))
                })
                .collect();
            let sides = if sides.is_empty() {
                String::new()
            } else {
                format!(", {}", sides.join(", "))
            };
            format!("toric blow-up: {}{sides}", map.join(", "))
        }
        Step::BlowUp {
            centre,
            chart,
            sign,
        } => {
            let c: Vec<&str> = centre.iter().map(|&i| names[i].as_str()).collect();
            let side = match sign {
                Some(true) => format!(", {} ≥ 0", names[*chart]),
                Some(false) => format!(", {} ≤ 0", names[*chart]),
                None => String::new(),
            };
            format!(
                "blow up {{{}}}: chart {}{side}",
                c.join(", "),
                names[*chart]
            )
        }
    }
}

/// What became of a node, in words, without its pole.
pub(crate) fn outcome_kind_text(outcome: &Outcome, names: &[String]) -> String {
    match outcome {
        Outcome::Split => "split".into(),
        Outcome::Unresolved(why) => format!("UNRESOLVED: {why}"),
        Outcome::Leaf(leaf) => {
            let kind = match &leaf.kind {
                LeafKind::OffFiber => "away from the point".to_string(),
                LeafKind::OffStratum { exception } => format!(
                    "off the rank bound's stratum (its exception {exception} has no zero on the box)"
                ),
                LeafKind::NormalCrossing => "normal crossing".to_string(),
                LeafKind::Transversal { .. } => "smooth zero sets crossing normally".to_string(),
                LeafKind::Toric { smooth, coords } => {
                    let s: Vec<String> = smooth
                        .iter()
                        .zip(coords)
                        .map(|(p, &j)| format!("{} (for {})", p.display(names), names[j]))
                        .collect();
                    if s.is_empty() {
                        "monomial ideal (Newton polyhedron)".to_string()
                    } else {
                        format!(
                            "monomial ideal in the coordinates and {} (Newton polyhedron)",
                            s.join(", ")
                        )
                    }
                }
                LeafKind::Smooth { coords, units, .. } => {
                    let c: Vec<&str> = coords.iter().map(|&i| names[i].as_str()).collect();
                    let replaced = if c.len() == 1 {
                        format!("smooth zero set as coordinate in place of {}", c[0])
                    } else {
                        format!(
                            "smooth zero sets as coordinates in place of {}",
                            c.join(", ")
                        )
                    };
                    if units.is_empty() {
                        replaced
                    } else {
                        let u: Vec<String> = units
                            .iter()
                            .map(|u| u.factor.display(names).to_string())
                            .collect();
                        format!(
                            "{replaced} (no zero where K vanishes, by Nullstellensatz certificates: {})",
                            u.join(", ")
                        )
                    }
                }
            };
            match &leaf.leading {
                Some(p) if !leaf.attained => format!(
                    "leaf, {kind}, met perhaps only where a replaced coordinate is at an end \
                     of its interval: λ ≥ {} here (order ≤ {}), above the result",
                    fmt_rational(&p.lambda),
                    p.order
                ),
                Some(_) => format!("leaf, {kind}"),
                None => format!("leaf, {kind}: no zero of K"),
            }
        }
    }
}

/// What became of a node, in words.
pub(crate) fn outcome_text(outcome: &Outcome, names: &[String]) -> String {
    let kind = outcome_kind_text(outcome, names);
    match outcome {
        Outcome::Leaf(leaf) => match leaf.attained_pole() {
            Some(p) => {
                let at = leaf.witness.as_ref().map_or(String::new(), |w| {
                    let point: Vec<String> = names
                        .iter()
                        .zip(w)
                        .map(|(n, x)| format!("{n} = {}", fmt_rational(x)))
                        .collect();
                    format!(", attained at {}", point.join(", "))
                });
                format!(
                    "{kind}: pole −{} of order {}{at}",
                    fmt_rational(&p.lambda),
                    p.order
                )
            }
            None => kind,
        },
        _ => kind,
    }
}

/// The map back to the original coordinates: `x = x, y = x*y`.
pub(crate) fn map_text(problem: &Problem, map: &[crate::poly::Poly], names: &[String]) -> String {
    problem
        .vars
        .iter()
        .zip(map)
        .map(|(v, m)| format!("{v} = {}", m.display(names)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The tree as a readable table, one block per chart.
pub fn tree_table(problem: &Problem, tree: &ResolutionTree) -> String {
    let mut s = String::new();
    let leaves = tree.leaves().count();
    let _ = writeln!(
        s,
        "resolution tree: {} charts, {leaves} leaves",
        tree.nodes.len()
    );
    for (i, n) in tree.nodes.iter().enumerate() {
        crate::budget::checkpoint();
        let c = &n.chart;
        let parent = n.parent.map_or("-".to_string(), |p| format!("#{p}"));
        let _ = writeln!(s, "#{i} (parent {parent}) {}", step_text(&n.step, &c.names));
        let _ = writeln!(s, "    box   {}", box_text(&c.domain, &c.names));
        let _ = writeln!(s, "    map   {}", map_text(problem, &c.map, &c.names));
        let _ = writeln!(s, "    K     {}", c.k_text());
        let _ = writeln!(
            s,
            "    k = {}, h = {}",
            super::tuple(&c.k),
            super::tuple(&c.h)
        );
        let _ = writeln!(s, "    → {}", outcome_text(&n.outcome, &c.names));
    }
    s
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The tree as Graphviz DOT: a node per chart, an edge per step.
pub fn dot(problem: &Problem, tree: &ResolutionTree) -> String {
    let mut s = String::from("digraph resolution {\n  node [shape=box, fontname=\"monospace\"];\n");
    for (i, n) in tree.nodes.iter().enumerate() {
        crate::budget::checkpoint();
        let c = &n.chart;
        let label = format!(
            "#{i}\\n{}\\n{}\\n{}",
            dot_escape(&c.k_text()),
            dot_escape(&box_text(&c.domain, &c.names)),
            dot_escape(&outcome_text(&n.outcome, &c.names))
        );
        let style = match n.outcome {
            Outcome::Leaf(_) => ", style=rounded",
            Outcome::Unresolved(_) => ", color=red",
            Outcome::Split => "",
        };
        let _ = writeln!(s, "  n{i} [label=\"{label}\"{style}];");
        if let Some(p) = n.parent {
            let _ = writeln!(
                s,
                "  n{p} -> n{i} [label=\"{}\"];",
                dot_escape(&step_text(&n.step, &c.names))
            );
        }
    }
    let _ = writeln!(s, "  label=\"K = {}\";", dot_escape(&problem.k_text()));
    s.push_str("}\n");
    s
}
