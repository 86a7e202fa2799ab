//! Leaf certificate: smooth hypersurfaces crossing each other and the
//! coordinate hyperplanes transversally.
//!
//! A chart `K = u^k · Π g_s^{e_s} · unit` (prior × Jacobian `u^h · unit`) is
//! normal crossing near every point of its box when, at each point, the
//! hypersurfaces through it — the `g_s = 0` and the hyperplanes `u_j = 0`
//! of the coordinates that carry a monomial — have independent
//! differentials. Then near a point the `g_s` and those `u_j` are part of a
//! coordinate system, and the poles there are `(h_j + 1)/k_j` and `1/e_s`,
//! their orders adding where the hypersurfaces meet. No coordinate has to be
//! replaced by a `g_s` on the whole box (a circle `a² + b² = 1` in a square
//! can replace neither `a` nor `b` everywhere, yet it is smooth), which is
//! what this certificate adds to the smooth leaf's.
//!
//! The condition is checked stratum by stratum: for each set `S` of the
//! factors and each set `J` of those coordinates, on the face `u_J = 0`
//! the `g_s` (s ∈ S) restricted to it must have no common zero where their
//! Jacobian in the other coordinates loses rank (its maximal minors all
//! vanish), and none at all when they outnumber those coordinates.
//! Points on the box's faces only bound the poles from below (see
//! `leaf::leading_on`); a pole counts as attained at a witness strictly
//! inside.

use super::chart::Chart;
use super::leaf::{no_common_zero, subsets};
use crate::poly::bernstein::covered;
use crate::poly::{Limits, Poly, Rational};
use crate::problem::Interval;
use num_traits::Zero;

/// Most hypersurfaces checked against each other.
pub const MAX_FACTORS: usize = 8;

/// Most coordinates carrying a monomial whose hyperplanes are checked.
const MAX_HYPERPLANES: usize = 8;

/// About how many grid points are probed for a common zero.
const PROBES: usize = 64;

/// Pieces allowed in one Bernstein cover.
const COVER_BUDGET: usize = 32;

/// The coordinates whose hyperplanes `u_j = 0` are components of the
/// chart's divisor: those that can be 0 and carry a monomial of K or of
/// prior × Jacobian.
pub fn hyperplanes(chart: &Chart) -> Vec<usize> {
    (0..chart.dim())
        .filter(|&j| chart.domain[j].contains_zero() && (chart.k[j] > 0 || chart.h[j] > 0))
        .collect()
}

/// Whether the hypersurfaces `g = 0` (each the zero set of one polynomial)
/// and the chart's hyperplanes cross normally at every point of the box.
pub fn crosses_normally(chart: &Chart, gens: &[&Poly]) -> bool {
    let planes = hyperplanes(chart);
    if gens.is_empty() || gens.len() > MAX_FACTORS || planes.len() > MAX_HYPERPLANES {
        return false;
    }
    for s in 1u32..(1 << gens.len()) {
        let chosen: Vec<&Poly> = (0..gens.len())
            .filter(|i| s >> i & 1 == 1)
            .map(|i| gens[i])
            .collect();
        for t in 0u32..(1 << planes.len()) {
            crate::budget::checkpoint();
            let on: Vec<usize> = (0..planes.len())
                .filter(|i| t >> i & 1 == 1)
                .map(|i| planes[i])
                .collect();
            if !regular_on_face(&chosen, &on, &chart.domain) {
                return false;
            }
        }
    }
    true
}

/// On the face `u_J = 0` of the box, whether the polynomials restricted to
/// it have no common zero where their Jacobian in the face's coordinates
/// has rank below their number.
fn regular_on_face(gens: &[&Poly], zero: &[usize], domain: &[Interval]) -> bool {
    let face: Vec<Interval> = domain
        .iter()
        .enumerate()
        .map(|(i, iv)| {
            if zero.contains(&i) {
                Interval {
                    lo: Rational::from_integer(0.into()),
                    hi: Rational::from_integer(0.into()),
                }
            } else {
                iv.clone()
            }
        })
        .collect();
    let on: Vec<Poly> = gens.iter().map(|g| g.restrict_zero(zero)).collect();
    if on.iter().any(Poly::is_zero) {
        // The hypersurface contains the face's stratum: three or more
        // components through a set of lower codimension (x, y and x + y).
        return false;
    }
    let free: Vec<usize> = (0..domain.len())
        .filter(|i| !zero.contains(i) && on.iter().any(|g| g.depends_on(*i)))
        .collect();
    let mut system: Vec<Poly> = on.clone();
    if on.len() <= free.len() {
        let limits = Limits::default();
        for cols in subsets(&free, on.len()) {
            let jac: Vec<Vec<Poly>> = on
                .iter()
                .map(|g| cols.iter().map(|&j| g.derivative(j)).collect())
                .collect();
            match crate::poly::determinant(&jac, &limits) {
                Ok(minor) => system.push(minor),
                Err(_) => return false,
            }
        }
    }
    if system.iter().any(|p| p.degree() == 0 && !p.is_zero()) {
        return true;
    }
    system.retain(|p| !p.is_zero());
    if system.len() == on.len() && on.len() <= free.len() {
        // Every minor vanishes identically: the Jacobian is singular
        // wherever the polynomials vanish; they must not vanish at all.
        return no_common_zero(&on, &face);
    }
    no_common_zero(&system, &face) || no_common_zero_by_cover(&system, &face)
}

/// Whether the polynomials have no common zero on the box: a cheap look for
/// one on a small grid first, then a Bernstein cover.
fn no_common_zero_by_cover(polys: &[Poly], domain: &[Interval]) -> bool {
    // A common zero on a small grid (the origin, corners, centre) settles it
    // before the Bernstein expansions, which are the costly part.
    let probes = super::sample::grid_with_budget(domain, PROBES);
    if probes
        .iter()
        .any(|x| polys.iter().all(|p| p.eval(x).is_zero()))
    {
        return false;
    }
    covered(polys, domain, COVER_BUDGET)
}
