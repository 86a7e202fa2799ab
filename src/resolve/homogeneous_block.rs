//! The move "blow up a homogeneous block": the centre of the next blow-up
//! when every polynomial that vanishes at the chart's origin is
//! homogeneous of one positive degree in one block of coordinates.
//!
//! Let A be a set of at least two coordinates such that every term of
//! every vanishing polynomial g has the same total degree d ≥ 1 in A: g is
//! a form in u_A whose coefficients are polynomials in the other
//! coordinates y, g = Σ_{|α| = d} u_A^α P_α(y), and not a monomial in u_A
//! times one. Models linear in one group of parameters given the others
//! are of this form once translated to a true point: a topic matrix's offsets from the truth against the
//! documents' topic proportions in latent Dirichlet allocation,
//! Σ_h A_h θ_hj(y), or one factor of the product BA in reduced rank
//! regression at a truth of rank 0. Blowing up {u_A = 0} divides g by s^d in the chart
//! u_i = s, u_k = s·t_k (k ∈ A, k ≠ i), and leaves g(e_i + t)(y), whose
//! zero set is the cone of g over the projective space of A, smooth
//! wherever the gradient in t or in y is non-zero. The toric blow-up from
//! the Newton polyhedron mixes the y's into the centre and cuts the cone
//! into pieces none of which is a leaf (two words and three topics: the
//! form A₂P(y) + A₃Q(y) was still unresolved after 264 charts in a minute,
//! and is exact in 140 charts, under two seconds, with the cone step below
//! and this blow-up).
//!
//! Any smooth centre inside the zero set gives a valid blow-up, which the
//! checker verifies as any other: this module only chooses it.
//!
//! Before the block is homogeneous it may be affine: Σ_h a_h θ_hj(y) − q_j
//! with the θ's summing to 1, linear in a once the origin is moved to
//! a = q. [`affine_translation`] finds that point: a block in which every
//! vanishing polynomial has degree at most 1, g = P₀(y) + Σ_k u_k P_k(y),
//! and the one c with P₀ + Σ_k c_k P_k = 0 identically (a linear system in
//! the coefficients of the y-monomials), so that the whole slice u_A = c
//! lies in the zero set and, translated to, the block is homogeneous.
//!
//! The blow-up's charts cover a box symmetric about 0 in the block; a box
//! that is not (the offsets of a topic matrix from a truth at 3/4 range
//! over [−3/4, 1/4]) would be cut, and its pieces translated to zeros away
//! from the block's origin, where the form is lost. The *cone* step
//! restricts the block to a symmetric box instead ([`cone`]): when every
//! factor of K that vanishes on the box is homogeneous in the block, the
//! dilation u_A ↦ c·u_A (c ≠ 0) takes a neighbourhood of a point (u_A, y)
//! to one of (c·u_A, y) and multiplies K by a constant power of c and the
//! monomial part of the prior by another (its other part is a unit), so
//! the two local zeta functions have the same poles. A box that straddles
//! 0 in every coordinate of the block holds c·u_A for every u_A of the
//! parent box and c small; a point on the parent's boundary has only a
//! half-neighbourhood there, whose λ is no smaller (and its order no larger
//! at the same λ) than that of the full one. So the global λ
//! and m over the symmetric box are those over the whole. The checker
//! re-derives the homogeneity and the boxes (`check::check_cones`).

use super::chart::Chart;
use crate::poly::{Poly, Rational};
use crate::problem::{Factor, Interval};
use num_traits::Zero;

/// Largest number of coordinates searched for a block (the search visits
/// subsets of the coordinates the vanishing polynomials involve).
const MAX_SEARCHED: usize = 14;
/// Largest number of terms, over all vanishing polynomials, for which the
/// search runs: each subset is tested against every term, and a chart
/// would otherwise spend its time limit here.
const MAX_TERMS: usize = 2000;

/// The smallest block A (at least two coordinates, the first in the order
/// of subsets by size and then by index) in which every polynomial of
/// `at_origin` is homogeneous of one positive degree, or `None`.
pub fn centre(chart: &Chart, at_origin: &[&Factor]) -> Option<Vec<usize>> {
    let polys: Vec<&Poly> = at_origin.iter().flat_map(|f| f.polys()).collect();
    if polys.is_empty()
        || polys.iter().any(|p| p.is_zero())
        || polys.iter().map(|p| p.len()).sum::<usize>() > MAX_TERMS
    {
        return None;
    }
    let involved: Vec<usize> = (0..chart.dim())
        .filter(|&j| polys.iter().any(|p| p.depends_on(j)))
        .collect();
    if involved.len() < 2 || involved.len() > MAX_SEARCHED {
        return None;
    }
    // For each polynomial, its first term's exponent and the differences of
    // the others from it, restricted to the involved coordinates: a block x
    // (a subset, as a bit mask) is homogeneous iff x·δ = 0 for every
    // difference δ, and of one positive degree iff x·e₀ is the same d > 0 for all.
    let restrict = |e: &[u32]| -> Vec<i64> { involved.iter().map(|&j| e[j] as i64).collect() };
    let shapes: Vec<(Vec<i64>, Vec<Vec<i64>>)> = polys
        .iter()
        .map(|p| {
            let mut exps = p.terms().map(|(e, _)| restrict(e));
            let first = exps.next().expect("a non-zero polynomial");
            let diffs = exps
                .map(|e| e.iter().zip(&first).map(|(a, b)| a - b).collect())
                .collect();
            (first, diffs)
        })
        .collect();
    let n = involved.len();
    let dot = |mask: u32, v: &[i64]| -> i64 {
        (0..n).filter(|&i| mask & (1 << i) != 0).map(|i| v[i]).sum()
    };
    // One degree for all: with several (the moments M_1, M_2, M_3 of a
    // two-component mixture, degrees 1, 2, 3 in the two locations) the
    // blow-up's strict transforms keep the mixture's singularity, and the
    // toric blow-up from the Newton polyhedron resolves it in a tenth of
    // the charts.
    // And a form, not a monomial in the block times the rest: blowing up
    // the coordinates of a monomial factor (v₁ⁿw₂·g with g free of both)
    // only raises its exponent, chart after chart.
    let moves = |mask: u32, e: &[i64]| (0..n).any(|i| mask & (1 << i) != 0 && e[i] != 0);
    let homogeneous = |mask: u32| {
        let d = dot(mask, &shapes[0].0);
        d > 0
            && shapes.iter().all(|(first, diffs)| {
                dot(mask, first) == d
                    && diffs.iter().all(|e| dot(mask, e) == 0)
                    && diffs.iter().any(|e| moves(mask, e))
            })
    };
    let mut masks: Vec<u32> = (1u32..(1 << n)).filter(|m| m.count_ones() >= 2).collect();
    masks.sort_by_key(|m| (m.count_ones(), std::cmp::Reverse(m.reverse_bits())));
    masks.into_iter().find(|&m| homogeneous(m)).map(|m| {
        (0..n)
            .filter(|&i| m & (1 << i) != 0)
            .map(|i| involved[i])
            .collect()
    })
}

/// The cone step for a global problem: the block of [`centre`] over the
/// factors that vanish on the box, and the box restricted to
/// [−r_k, r_k] (r_k = min(−lo_k, hi_k)) in each of its coordinates, when
/// every one of them straddles 0 and some interval is not yet symmetric.
pub fn cone(chart: &Chart, vanishing: &[&Factor]) -> Option<(Vec<usize>, Vec<Interval>)> {
    if chart.fiber.is_some() {
        return None;
    }
    let block = centre(chart, vanishing)?;
    let mut domain = chart.domain.clone();
    for &k in &block {
        let iv = &domain[k];
        if !iv.straddles_zero() {
            return None;
        }
        let r: Rational = (-iv.lo.clone()).min(iv.hi.clone());
        domain[k] = Interval {
            lo: -r.clone(),
            hi: r,
        };
    }
    (domain != chart.domain).then_some((block, domain))
}

/// The point to translate to so that every polynomial of `vanishing` is
/// homogeneous of degree 1 in a block (see the module's documentation): a
/// global problem, a block of at least two coordinates in which each
/// polynomial is affine (candidates: for each coordinate in turn, the
/// coordinates of degree at most 1 that share no term with those taken),
/// a unique solution c inside the box and not 0, and every other
/// coordinate's interval holding 0.
pub fn affine_translation(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    if chart.fiber.is_some() {
        return None;
    }
    let polys: Vec<&Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    if polys.is_empty() || polys.iter().map(|p| p.len()).sum::<usize>() > MAX_TERMS {
        return None;
    }
    let d = chart.dim();
    let affine: Vec<usize> = (0..d)
        .filter(|&j| polys.iter().all(|p| p.degree_in(j) <= 1))
        .filter(|&j| polys.iter().any(|p| p.depends_on(j)))
        .collect();
    let share_a_term = |i: usize, j: usize| {
        polys
            .iter()
            .any(|p| p.terms().any(|(e, _)| e[i] > 0 && e[j] > 0))
    };
    let mut tried: Vec<Vec<usize>> = Vec::new();
    for &seed in &affine {
        let mut block = vec![seed];
        for &j in &affine {
            if !block.contains(&j) && block.iter().all(|&i| !share_a_term(i, j)) {
                block.push(j);
            }
        }
        block.sort_unstable();
        if block.len() < 2 || tried.contains(&block) {
            continue;
        }
        if let Some(p) = slice_point(chart, &polys, &block) {
            return Some(p);
        }
        tried.push(block);
    }
    None
}

/// The point (c on the block, 0 elsewhere) of [`affine_translation`] for
/// one block, if it exists.
fn slice_point(chart: &Chart, polys: &[&Poly], block: &[usize]) -> Option<Vec<Rational>> {
    let others_hold_zero = (0..chart.dim())
        .filter(|j| !block.contains(j))
        .all(|j| chart.domain[j].contains_zero());
    if !others_hold_zero {
        return None;
    }
    // One equation per polynomial and monomial in the other coordinates:
    // the coefficient of P₀ plus Σ_k c_k times that of P_k is 0.
    let mut rows: std::collections::BTreeMap<(usize, Vec<u32>), (Vec<Rational>, Rational)> =
        std::collections::BTreeMap::new();
    for (i, p) in polys.iter().enumerate() {
        for (e, c) in p.terms() {
            let mut rest = e.clone();
            let mut column = None;
            for (slot, &k) in block.iter().enumerate() {
                if rest[k] > 0 {
                    column = Some(slot);
                    rest[k] = 0;
                }
            }
            let row = rows
                .entry((i, rest))
                .or_insert_with(|| (vec![Rational::zero(); block.len()], Rational::zero()));
            match column {
                Some(slot) => row.0[slot] += c,
                None => row.1 -= c,
            }
        }
    }
    let (a, b): (Vec<Vec<Rational>>, Vec<Rational>) = rows.into_values().unzip();
    let c = crate::poly::solve_unique(a, b)?;
    if c.iter().all(|x| x.is_zero()) {
        return None;
    }
    let mut p = vec![Rational::zero(); chart.dim()];
    for (&k, x) in block.iter().zip(c) {
        if !chart.domain[k].contains(&x) {
            return None;
        }
        p[k] = x;
    }
    Some(p)
}
