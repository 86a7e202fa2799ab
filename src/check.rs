//! An independent check of a resolution's leaves.
//!
//! The checker does not trust the factors the engine carried along. For each
//! certified leaf it recomputes, from the problem and the recorded map `w = g(u)`
//! alone:
//! - the pullback `K(g(u))`, and checks that the claimed monomial `u^k`
//!   divides it exactly;
//! - the Jacobian determinant `det g'(u)` and the pullback of the prior, and
//!   checks that `φ(g(u))·det g'(u) = u^h · Q` with `Q` free of zeros on the box;
//! - for a normal-crossing leaf, that `K(g(u)) / u^k` has no zero on the box;
//! - for a smooth leaf whose factors are the exact pullback, that the product
//!   of the factors is `K(g(u)) / u^k`, that the other factors have no zero
//!   and that the smooth factor's derivative has none;
//! - the leaf's pole from `k` and `h` alone.
//!
//! Sign certificates use Bernstein bounds with a budget of their own.

use num_traits::Zero;

use crate::poly::bernstein::{sign_on_box, BoxSign};
use crate::poly::{Limits, Poly, Rational};
use crate::problem::{Factor, Interval, Problem};
use crate::resolve::{Leaf, LeafKind, Node, ResolutionTree};

/// How thoroughly a leaf was re-verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    /// Every claim of the leaf was re-derived.
    Fully,
    /// Monomial part, Jacobian, prior and pole re-derived; the smooth factor's
    /// generators were simplified (same ideal, different polynomials), so the
    /// factor form itself was not.
    MonomialPart,
}

/// The outcome of checking a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Leaves whose every claim was re-derived.
    pub fully: usize,
    /// Leaves whose monomial part, Jacobian and pole were re-derived.
    pub monomial_part: usize,
}

const BUDGET: usize = 64;

fn nonvanishing(p: &Poly, domain: &[Interval]) -> bool {
    if p.degree() == 0 {
        return !p.constant_term().is_zero();
    }
    matches!(sign_on_box(p, domain, BUDGET), BoxSign::Positive(_))
        || matches!(sign_on_box(&p.neg(), domain, BUDGET), BoxSign::Positive(_))
}

/// `p / u^k` when `u^k` divides every term.
fn divide_exactly(p: &Poly, k: &[u32]) -> Option<Poly> {
    p.terms()
        .all(|(e, _)| e.iter().zip(k).all(|(a, b)| a >= b))
        .then(|| p.div_monomial(k))
}

/// The determinant of a square matrix of polynomials (Laplace expansion along the first row).
fn determinant(m: &[Vec<Poly>], limits: &Limits) -> Poly {
    let n = m.len();
    if n == 1 {
        return m[0][0].clone();
    }
    let nvars = m[0][0].nvars();
    let mut det = Poly::zero(nvars);
    for col in 0..n {
        if m[0][col].is_zero() {
            continue;
        }
        let minor: Vec<Vec<Poly>> = m[1..]
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != col)
                    .map(|(_, p)| p.clone())
                    .collect()
            })
            .collect();
        let term = m[0][col]
            .mul(&determinant(&minor, limits), limits)
            .expect("small determinant");
        det = if col % 2 == 0 {
            det.add(&term)
        } else {
            det.sub(&term)
        };
    }
    det
}

/// Checks one leaf; `Err` says which claim failed.
pub fn check_leaf(problem: &Problem, node: &Node, leaf: &Leaf) -> Result<Verified, String> {
    let limits = Limits::default();
    let chart = &node.chart;
    let d = chart.dim();
    let k_poly = problem.k(&limits).map_err(|e| e.to_string())?;
    let pulled = k_poly
        .compose(&chart.map, &limits)
        .map_err(|e| e.to_string())?;
    let rest = divide_exactly(&pulled, &chart.k).ok_or("the monomial part does not divide K∘g")?;
    // Jacobian and prior.
    let jac: Vec<Vec<Poly>> = chart
        .map
        .iter()
        .map(|g| (0..d).map(|j| g.derivative(j)).collect())
        .collect();
    let det = determinant(&jac, &limits);
    let weight = problem
        .prior
        .compose(&chart.map, &limits)
        .map_err(|e| e.to_string())?
        .mul(&det, &limits)
        .map_err(|e| e.to_string())?;
    let unit = divide_exactly(&weight, &chart.h).ok_or("u^h does not divide prior∘g · det g'")?;
    if !nonvanishing(&unit, &chart.domain) {
        return Err("prior∘g · det g' / u^h vanishes on the box".into());
    }
    // The pole from k and h alone.
    let zeroable: Vec<usize> = (0..d)
        .filter(|&i| chart.domain[i].contains_zero())
        .collect();
    let mut values: Vec<Rational> = zeroable
        .iter()
        .filter(|&&i| chart.k[i] > 0)
        .map(|&i| Rational::new((chart.h[i] + 1).into(), chart.k[i].into()))
        .collect();
    // Whether the factors the engine carried are exactly K∘g / u^k (they are
    // not after an ideal was simplified: same ideal, other polynomials).
    let mut product = Poly::constant(d, chart.scale.clone());
    for f in &chart.factors {
        product = product
            .mul(&f.expand(&limits).map_err(|e| e.to_string())?, &limits)
            .map_err(|e| e.to_string())?;
    }
    let exact_factors = product == rest;
    let factor_nonvanishing = |f: &Factor| {
        f.polys().iter().any(|p| nonvanishing(p, &chart.domain))
            || f.expand(&limits)
                .is_ok_and(|e| nonvanishing(&e, &chart.domain))
    };
    match &leaf.kind {
        LeafKind::OffFiber => {
            // The point has no preimage in the box when some coordinate of
            // the map stays away from its value there.
            let p = problem
                .point
                .as_ref()
                .ok_or("an off-fiber leaf in a global problem")?;
            let away =
                chart.map.iter().zip(p).any(|(g, x)| {
                    nonvanishing(&g.sub(&Poly::constant(d, x.clone())), &chart.domain)
                });
            Ok(if away {
                Verified::Fully
            } else {
                Verified::MonomialPart
            })
        }
        // For a local problem the pole depends on the fiber, which this
        // checker does not re-derive.
        _ if problem.point.is_some() => Ok(Verified::MonomialPart),
        LeafKind::NormalCrossing => {
            values.sort();
            let lambda = values.first().cloned();
            let order = values
                .iter()
                .filter(|v| Some(*v) == lambda.as_ref())
                .count();
            if leaf.leading.as_ref().map(|p| (p.lambda.clone(), p.order))
                != lambda.map(|l| (l, order))
            {
                return Err("the pole differs from the one read off k and h".into());
            }
            if exact_factors {
                if !chart.factors.iter().all(factor_nonvanishing) {
                    return Err(
                        "a factor of K∘g / u^k vanishes on the box: not normal crossing".into(),
                    );
                }
                return Ok(Verified::Fully);
            }
            // The exact pullback itself; subdividing only while it is small, since
            // after many steps it can have thousands of terms.
            let budget = if rest.len() <= 200 { BUDGET } else { 1 };
            if matches!(
                sign_on_box(&rest, &chart.domain, budget),
                BoxSign::Positive(_)
            ) {
                return Ok(Verified::Fully);
            }
            Ok(Verified::MonomialPart)
        }
        LeafKind::Smooth { factors, coords } => {
            for &j in coords {
                if chart.k[j] != 0 || chart.h[j] != 0 {
                    return Err("a replaced coordinate carries a monomial".into());
                }
            }
            let blocks: Vec<(Vec<&Poly>, Rational)> = factors
                .iter()
                .map(|&f| crate::resolve::leaf::block(&chart.factors[f]))
                .collect();
            values.extend(blocks.iter().map(|(_, v)| v.clone()));
            let lambda = values.iter().min().cloned();
            if leaf.leading.as_ref().map(|p| p.lambda.clone()) != lambda {
                return Err(
                    "the pole value differs from the one read off k, h and the smooth factors"
                        .into(),
                );
            }
            let gens: Vec<&Poly> = blocks.iter().flat_map(|(g, _)| g.iter().copied()).collect();
            if gens.len() != coords.len() {
                return Err("one coordinate per generator is needed".into());
            }
            if !injective_change(&gens, coords, &chart.domain) {
                return Err("the smooth factors are not certified to be coordinates".into());
            }
            if !exact_factors {
                return Ok(Verified::MonomialPart);
            }
            for (i, f) in chart.factors.iter().enumerate() {
                if !factors.contains(&i) && !factor_nonvanishing(f) {
                    return Err("a factor other than the smooth ones vanishes on the box".into());
                }
            }
            Ok(Verified::Fully)
        }
    }
}

/// Re-derives that replacing `coords` by `gens` is an injective change of
/// coordinates on the box: affine in them with a constant invertible matrix,
/// or (in some order) triangular with non-vanishing diagonal derivatives.
fn injective_change(gens: &[&Poly], coords: &[usize], domain: &[Interval]) -> bool {
    let affine = gens.iter().all(|g| {
        coords
            .iter()
            .all(|&j| g.degree_in(j) <= 1 && g.derivative(j).degree() == 0)
    });
    if affine {
        let matrix: Vec<Vec<Rational>> = gens
            .iter()
            .map(|g| {
                coords
                    .iter()
                    .map(|&j| g.derivative(j).constant_term())
                    .collect()
            })
            .collect();
        return crate::newton::rank(matrix) == gens.len();
    }
    // Triangular: repeatedly find a generator whose coordinate no other remaining generator uses.
    let mut remaining: Vec<usize> = (0..gens.len()).collect();
    while !remaining.is_empty() {
        let Some(pos) = remaining.iter().position(|&g| {
            let j = coords[g];
            remaining.iter().all(|&o| o == g || !gens[o].depends_on(j))
                && nonvanishing(&gens[g].derivative(j), domain)
        }) else {
            return false;
        };
        remaining.remove(pos);
    }
    true
}

/// Checks every certified leaf of a tree.
pub fn check_tree(problem: &Problem, tree: &ResolutionTree) -> Result<CheckReport, String> {
    let mut report = CheckReport::default();
    for (i, node, leaf) in tree.leaves() {
        match check_leaf(problem, node, leaf).map_err(|e| format!("chart #{i}: {e}"))? {
            Verified::Fully => report.fully += 1,
            Verified::MonomialPart => report.monomial_part += 1,
        }
    }
    Ok(report)
}
