//! Gaussian latent tree and forest models on a given forest T: the leaves
//! (nodes of degree 0 or 1) are the n observed variables, the inner nodes
//! (degree 2 or 3) are hidden, and the truth lies in a subforest F of T
//! (the edges whose correlation is non-zero).
//!
//! # Parametrisation and the polynomial ideal
//!
//! As in Drton, Lin, Weihs and Zwiernik, "Marginal likelihood and model
//! selection for Gaussian latent tree and forest models", Bernoulli 23
//! (2017), arXiv:1412.8285 (and the hand-written files
//! `examples/models/latent-tree--*.rlct`): hidden variances 1, one
//! correlation r_e ∈ [−1, 1] per edge, and the observed correlation of two
//! leaves is the product of the r_e along the path joining them (0 when no
//! path does). Near the truth KL(Σ₀‖Σ) ≍ ‖Σ − Σ₀‖². The n leaf variances
//! s_i enter as Σ_ij = √(s_i s_j)·corr_ij: the diagonal generators s_i − s₀,i
//! are free coordinates (½ each), and modulo them the off-diagonal ones are
//! √(s₀,i s₀,j)(corr_ij − corr₀,ij), a unit times the correlation's. So the
//! file keeps only ⟨corr_ij(r) − corr₀,ij : i < j joined in T⟩ with the
//! leaves standardised: **λ(file) = λ(model) − n/2**, m(file) = m(model).
//!
//! # The value
//!
//! The learning coefficient is the one implemented by co-author L. Weihs in
//! the R package sBIC (`R/LatentForests.R`, `learnCoef.LatentForests`, with
//! `forestDim` in `R/LatentForests-Helpers.R`), ported in
//! [`sbic_learn_coef`]; the paper's own statement could not be read here.

use super::q;
use std::collections::{BTreeMap, BTreeSet};

use num_traits::{One, Signed, Zero};

use super::{check_sizes, input_file, Formula, Model};
use crate::error::Error;
use crate::poly::{fmt_rational, Rational};

const WHAT: &str = "latent tree";

/// A forest with labelled nodes: edges in the order given, and the
/// observed nodes (leaves) in their order.
#[derive(Clone, Debug)]
pub struct Forest {
    /// The edges, as given.
    pub edges: Vec<(String, String)>,
    /// Every node, in the order of first appearance.
    pub nodes: Vec<String>,
    /// The leaves (degree 0 or 1): numerically ordered when every label is a
    /// number, else in the order of first appearance.
    pub leaves: Vec<String>,
}

impl Forest {
    /// Parses `1-6,2-6,6-7,…` (edges `a-b`; a lone label is an isolated
    /// observed node). Labels are letters, digits and `_`. Rejects cycles,
    /// repeated edges, and hidden nodes of degree 4 or more (the source's
    /// trees are binary: inner degree 2 or 3).
    pub fn parse(s: &str) -> Result<Forest, Error> {
        let mut edges = Vec::new();
        let mut nodes: Vec<String> = Vec::new();
        let note = |n: &str, nodes: &mut Vec<String>| {
            if !nodes.iter().any(|x| x == n) {
                nodes.push(n.to_string());
            }
        };
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            match item.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (label(a)?, label(b)?);
                    if a == b {
                        return Err(Error::input(format!("{WHAT}: the edge {a}-{a} is a loop")));
                    }
                    if edges.iter().any(|e| same_edge(e, &a, &b)) {
                        return Err(Error::input(format!(
                            "{WHAT}: the edge {a}-{b} is repeated"
                        )));
                    }
                    note(&a, &mut nodes);
                    note(&b, &mut nodes);
                    edges.push((a, b));
                }
                None => note(&label(item)?, &mut nodes),
            }
        }
        let forest = Forest::new(edges, nodes)?;
        forest.check()?;
        Ok(forest)
    }

    fn new(edges: Vec<(String, String)>, nodes: Vec<String>) -> Result<Forest, Error> {
        let mut leaves: Vec<String> = nodes
            .iter()
            .filter(|n| degree(&edges, n) <= 1)
            .cloned()
            .collect();
        if leaves.iter().all(|l| l.parse::<u64>().is_ok()) && all_numeric(&nodes) {
            leaves.sort_by_key(|l| l.parse::<u64>().unwrap_or(0));
        }
        if leaves.is_empty() {
            return Err(Error::input(format!(
                "{WHAT}: give a forest, e.g. 1-5,2-5,5-6,3-6,4-6"
            )));
        }
        Ok(Forest {
            edges,
            nodes,
            leaves,
        })
    }

    fn check(&self) -> Result<(), Error> {
        if let Some(n) = self.nodes.iter().find(|n| degree(&self.edges, n) > 3) {
            return Err(Error::input(format!(
                "{WHAT}: the hidden node {n} has degree {}; the source's forests are binary (degree 2 or 3)",
                degree(&self.edges, n)
            )));
        }
        // Union–find: an edge inside one component closes a cycle.
        let mut root: BTreeMap<&str, &str> = BTreeMap::new();
        fn find<'a>(root: &BTreeMap<&'a str, &'a str>, mut x: &'a str) -> &'a str {
            while let Some(&p) = root.get(x) {
                x = p;
            }
            x
        }
        for (a, b) in &self.edges {
            let (ra, rb) = (find(&root, a), find(&root, b));
            if ra == rb {
                return Err(Error::input(format!(
                    "{WHAT}: the edge {a}-{b} closes a cycle"
                )));
            }
            root.insert(ra, rb);
        }
        Ok(())
    }

    /// The edges on the path from leaf `from` to `to`, in order, or `None`.
    fn path(&self, from: &str, to: &str) -> Option<Vec<usize>> {
        let mut came: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        let mut seen = BTreeSet::from([from]);
        while let Some(x) = queue.pop_front() {
            for (i, (a, b)) in self.edges.iter().enumerate() {
                let y = if a == x {
                    b.as_str()
                } else if b == x {
                    a.as_str()
                } else {
                    continue;
                };
                if seen.insert(y) {
                    came.insert(y, (i, x));
                    queue.push_back(y);
                }
            }
        }
        if !seen.contains(to) {
            return None;
        }
        let mut path = Vec::new();
        let mut x = to;
        while x != from {
            let (e, prev) = came[x];
            path.push(e);
            x = prev;
        }
        path.reverse();
        Some(path)
    }

    /// The edge's index, either way round.
    fn edge_index(&self, a: &str, b: &str) -> Option<usize> {
        self.edges.iter().position(|e| same_edge(e, a, b))
    }
}

fn label(s: &str) -> Result<String, Error> {
    let s = s.trim();
    let ok = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(Error::input(format!(
            "{WHAT}: `{s}` is not a node label (letters, digits, _)"
        )))
    }
}

fn same_edge(e: &(String, String), a: &str, b: &str) -> bool {
    (e.0 == a && e.1 == b) || (e.0 == b && e.1 == a)
}

fn degree(edges: &[(String, String)], n: &str) -> usize {
    edges.iter().filter(|(a, b)| a == n || b == n).count()
}

fn all_numeric(nodes: &[String]) -> bool {
    nodes.iter().all(|n| n.parse::<u64>().is_ok())
}

/// The true correlations: a subforest F of T with a non-zero value per edge.
#[derive(Clone, Debug)]
pub struct Truth {
    /// For each edge of T (same order), its true correlation (0 off F).
    pub values: Vec<Rational>,
}

impl Truth {
    /// Parses `none` (independence) or `a-b[=v],…`: the edges of F, each
    /// with its correlation v (0 < |v| < 1), by default 1/2, 2/3, 3/4, −1/2
    /// in turn (the values of `latent-tree--quartet-two-cherries.rlct`).
    /// F must be a q-forest: no hidden node with exactly one edge in F (it
    /// would leave the true distribution that of F without that edge).
    pub fn parse(s: &str, t: &Forest) -> Result<Truth, Error> {
        let defaults = [q(1, 2), q(2, 3), q(3, 4), q(-1, 2)];
        let mut values = vec![Rational::zero(); t.edges.len()];
        let s = s.trim();
        if s != "none" {
            let items = s.split(',').map(str::trim).filter(|i| !i.is_empty());
            for (pos, item) in items.enumerate() {
                let (edge, value) = match item.split_once('=') {
                    Some((e, v)) => (e, Some(v.trim())),
                    None => (item, None),
                };
                let (a, b) = edge.split_once('-').ok_or_else(|| {
                    Error::input(format!("{WHAT}: `{item}` is not an edge a-b or a-b=value"))
                })?;
                let i = t.edge_index(a.trim(), b.trim()).ok_or_else(|| {
                    Error::input(format!(
                        "{WHAT}: the true edge {edge} is not an edge of the tree"
                    ))
                })?;
                let v = match value {
                    None => defaults[pos % defaults.len()].clone(),
                    Some(v) => v.parse::<Rational>().map_err(|_| {
                        Error::input(format!(
                            "{WHAT}: `{v}` is not a rational number such as -1/2"
                        ))
                    })?,
                };
                if v.is_zero() || v.abs() >= Rational::one() {
                    return Err(Error::input(format!(
                        "{WHAT}: the true correlation of {edge} must be non-zero and inside (-1, 1)"
                    )));
                }
                values[i] = v;
            }
        }
        let truth = Truth { values };
        truth.check_q_forest(t)?;
        Ok(truth)
    }

    fn check_q_forest(&self, t: &Forest) -> Result<(), Error> {
        let f = self.edges(t);
        for n in t.nodes.iter().filter(|n| !t.leaves.contains(n)) {
            if degree(&f, n) == 1 {
                return Err(Error::input(format!(
                    "{WHAT}: the hidden node {n} has exactly one true edge; that edge does not change \
                     the true distribution: drop it (the truth must be a q-forest)"
                )));
            }
        }
        Ok(())
    }

    /// The edges of F.
    fn edges(&self, t: &Forest) -> Vec<(String, String)> {
        t.edges
            .iter()
            .zip(&self.values)
            .filter(|(_, v)| !v.is_zero())
            .map(|(e, _)| e.clone())
            .collect()
    }
}

/// λ and m of the latent forest model T at a truth in the q-subforest F,
/// **counting the n leaf variances** (the model's λ): a port of sBIC's
/// `learnCoef.LatentForests(superModel = T, subModel = F)`:
///
/// ```text
/// w.sum = 0; m = 1
/// if (!all(support == subSupport)) {
///   qForestNodes = union(subEdges, 1:numLeaves)
///   for each edge in support but not in subSupport:
///     w.sum += number of its endpoints in qForestNodes
///   m = 1 + |{nodes of degree 2 in T} \ qForestNodes|
/// }
/// lambda = dim(F)/2 + w.sum/4,   dim(F) = numLeaves + |E(F)| − #{degree-2 nodes of F}
/// ```
pub fn sbic_learn_coef(t: &Forest, truth: &Truth) -> (Rational, usize) {
    let f = truth.edges(t);
    let n = t.leaves.len();
    let mut w = 0usize;
    let mut m = 1usize;
    if f.len() != t.edges.len() {
        let q_nodes: BTreeSet<&str> = f
            .iter()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .chain(t.leaves.iter().map(String::as_str))
            .collect();
        for (e, v) in t.edges.iter().zip(&truth.values) {
            if v.is_zero() {
                w += [&e.0, &e.1]
                    .iter()
                    .filter(|x| q_nodes.contains(x.as_str()))
                    .count();
            }
        }
        m = 1 + t
            .nodes
            .iter()
            .filter(|x| degree(&t.edges, x) == 2 && !q_nodes.contains(x.as_str()))
            .count();
    }
    let degree_two_in_f = t.nodes.iter().filter(|x| degree(&f, x) == 2).count();
    let dim = n + f.len() - degree_two_in_f;
    (q(dim as i64, 2) + q(w as i64, 4), m)
}

/// Edge variable names: `r<a><b>` (numeric order when every label is a
/// number, as in the example files: `r16`, `r710`), with `_` between the
/// labels when they are not all numbers or when the short names collide.
fn edge_names(t: &Forest) -> Vec<String> {
    let numeric = all_numeric(&t.nodes);
    let ordered = |(a, b): &(String, String)| -> (String, String) {
        let swap = numeric && a.parse::<u64>().ok() > b.parse::<u64>().ok();
        if swap {
            (b.clone(), a.clone())
        } else {
            (a.clone(), b.clone())
        }
    };
    let short: Vec<String> = t
        .edges
        .iter()
        .map(|e| {
            let (a, b) = ordered(e);
            format!("r{a}{b}")
        })
        .collect();
    let distinct: BTreeSet<&String> = short.iter().collect();
    if numeric && distinct.len() == short.len() {
        return short;
    }
    t.edges
        .iter()
        .map(|e| {
            let (a, b) = ordered(e);
            format!("r_{a}_{b}")
        })
        .collect()
}

/// The Gaussian latent forest model on `tree` at the truth `truth` (see
/// [`Truth::parse`]): K = Σ_{i<j joined} (Π_{e on the path} r_e − corr₀,ij)²
/// over the box r_e ∈ [−1, 1], uniform prior; λ(file) = λ(model) − n/2.
pub fn latent_tree(tree: &str, truth: &str) -> Result<Model, Error> {
    let t = Forest::parse(tree)?;
    let truth_values = Truth::parse(truth, &t)?;
    check_sizes(WHAT, &[("edges", t.edges.len())], 0, Some(t.edges.len()))?;
    let names = edge_names(&t);
    let gens = generators(&t, &truth_values, &names);
    if gens.is_empty() {
        return Err(Error::input(format!(
            "{WHAT}: no two observed variables are joined, so K = 0: give a forest with a path between two leaves"
        )));
    }
    let n = t.leaves.len();
    let (lambda, m) = sbic_learn_coef(&t, &truth_values);
    let file_lambda = &lambda - q(n as i64, 2);
    let f_text = truth_text(&t, &truth_values);
    let source = format!(
        "Drton, Lin, Weihs and Zwiernik 2017 (Bernoulli 23), as implemented in sBIC \
         learnCoef.LatentForests: model lambda = {}, m = {m}; the file's lambda is the model's \
         minus n/2 = {} (leaf variances eliminated)",
        fmt_rational(&lambda),
        fmt_rational(&q(n as i64, 2))
    );
    let formula = Formula {
        lambda: file_lambda,
        multiplicity: m,
        source,
    };
    let header = header(tree, truth, &t, &f_text, &formula);
    let domain: Vec<String> = names.iter().map(|v| format!("{v} in [-1, 1]")).collect();
    let at: Vec<String> = names
        .iter()
        .zip(&truth_values.values)
        .map(|(v, x)| format!("{v} = {}", fmt_rational(x)))
        .collect();
    Ok(Model {
        name: format!("latent-tree {tree} truth {}", truth.trim()),
        text: input_file(&header, &names, Some(&domain.join(", ")), None, &gens),
        truth: f_text,
        formula: Some(formula),
        bound: None,
        at: format!("at {};", at.join(", ")),
    })
}

/// One generator per pair of leaves i < j joined in T: the product of the
/// edge correlations along the path minus the true one.
fn generators(t: &Forest, truth: &Truth, names: &[String]) -> Vec<String> {
    let mut gens = Vec::new();
    for (i, a) in t.leaves.iter().enumerate() {
        for b in &t.leaves[i + 1..] {
            let Some(path) = t.path(a, b) else { continue };
            if path.is_empty() {
                continue;
            }
            let product: Vec<&str> = path.iter().map(|&e| names[e].as_str()).collect();
            let corr0: Rational = path.iter().map(|&e| truth.values[e].clone()).product();
            let expr = product.join("*");
            gens.push(if corr0.is_zero() {
                expr
            } else if corr0.is_positive() {
                format!("{expr} - {}", fmt_rational(&corr0))
            } else {
                format!("{expr} + {}", fmt_rational(&-corr0))
            });
        }
    }
    gens
}

fn truth_text(t: &Forest, truth: &Truth) -> String {
    let f: Vec<String> = t
        .edges
        .iter()
        .zip(&truth.values)
        .filter(|(_, v)| !v.is_zero())
        .map(|((a, b), v)| format!("{a}-{b} = {}", fmt_rational(v)))
        .collect();
    if f.is_empty() {
        "independence (F empty, every edge correlation 0)".to_string()
    } else {
        format!("F = {{{}}}, every other edge correlation 0", f.join(", "))
    }
}

fn header(tree: &str, truth: &str, t: &Forest, f_text: &str, formula: &Formula) -> String {
    let hidden: Vec<&str> = t
        .nodes
        .iter()
        .filter(|n| !t.leaves.contains(n))
        .map(String::as_str)
        .collect();
    format!(
        "Gaussian latent forest model on T = {{{}}}: observed leaves {} (n = {}), hidden {}.\n\
         Truth in the q-subforest {f_text}.\n\
         Parametrisation (Drton, Lin, Weihs and Zwiernik, Bernoulli 23 (2017), arXiv:1412.8285): hidden\n\
         variances 1, one correlation r_e in [-1, 1] per edge (uniform prior), observed correlation\n\
         corr_ij = product of r_e along the path i..j (0 if none).\n\
         Reduction: KL(Sigma0||Sigma) ~ ||Sigma - Sigma0||^2 near the truth. The n leaf variances s_i enter as\n\
         Sigma_ij = sqrt(s_i s_j) corr_ij: the diagonal generators s_i - s0_i are free coordinates (1/2 each)\n\
         and modulo them the off-diagonal generators are units times corr_ij - corr0_ij. The file keeps\n\
         the correlation ideal <corr_ij(r) - corr0_ij : i<j joined in T>: lambda(file) = lambda(model) - n/2,\n\
         m(file) = m(model).\n\
         Value (file): lambda = {}, m = {} ({}).\n\
         sBIC: lambda(model) = dim(M_F)/2 + w/4, dim(M_F) = n + |E(F)| - #{{degree-2 nodes of F}},\n\
         w = sum over edges of T not in F of #{{ends that are leaves or nodes of F}},\n\
         m = 1 + #{{degree-2 nodes of T that are neither}} (when F != T).\n\
         Generated by `rlct model latent-tree --edges {} --truth {} --emit`.",
        t.edges
            .iter()
            .map(|(a, b)| format!("{a}-{b}"))
            .collect::<Vec<_>>()
            .join(", "),
        t.leaves.join(", "),
        t.leaves.len(),
        if hidden.is_empty() {
            "none".to_string()
        } else {
            hidden.join(", ")
        },
        fmt_rational(&formula.lambda),
        formula.multiplicity,
        formula.source,
        tree.trim(),
        if truth.trim().is_empty() { "none" } else { truth.trim() },
    )
}
