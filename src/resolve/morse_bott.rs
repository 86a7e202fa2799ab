//! The move "blow up a Morse–Bott locus": the centre of the next blow-up
//! when the ideal is, to lowest order, a non-degenerate quadric in some of
//! the coordinates and the others are parameters along its singular locus.
//!
//! At the origin of a chart, let the polynomials that vanish there have
//! lowest total degree 2, let T be the coordinates their quadratic parts
//! involve, and let every term of every polynomial have degree at least 2
//! in T: the ideal lies in the square of the ideal of the subspace
//! {u_T = 0}, which runs through the origin along the other coordinates.
//! When each quadratic part is a non-degenerate form in the coordinates it
//! involves, the zero set is singular along that subspace and, across it,
//! a cone over a smooth quadric (Morse–Bott). Blowing the subspace up
//! divides every polynomial by t² in the chart u_i = t and leaves
//! Q(e_i + u′) + O(t): a non-zero constant, or a polynomial with a linear
//! part, smooth at the chart's origin, whatever the parameters (the pair
//! interaction of a Boltzmann machine with two hidden units,
//! x₁y₁·α + x₂y₂·β with α, β units, resolves in four charts).
//!
//! The toric blow-up from the Newton polyhedron takes the parameters along
//! as coordinates of the polyhedron, and its cones cut the singular locus
//! into charts whose strict transforms vanish on the box without a unit
//! coefficient; the blow-up of the smallest coordinate subspace in the
//! zero set ([`strategy`](super::strategy)) takes a centre of codimension
//! 2 inside the locus, not the locus. Any smooth centre inside the zero
//! set gives a valid blow-up, which the checker verifies as any other:
//! this module only chooses it.

use super::chart::Chart;
use crate::poly::{Poly, Rational};
use crate::problem::Factor;
use num_traits::Zero;

/// The coordinates T of a Morse–Bott locus {u_T = 0} through the origin
/// of the chart for the factors vanishing there (see the module's
/// documentation), or `None` when they are not of that form.
pub fn centre(chart: &Chart, at_origin: &[&Factor]) -> Option<Vec<usize>> {
    let d = chart.dim();
    let polys: Vec<&Poly> = at_origin.iter().flat_map(|f| f.polys()).collect();
    if polys.is_empty() {
        return None;
    }
    let degree = |e: &[u32]| e.iter().sum::<u32>();
    if polys
        .iter()
        .any(|p| p.terms().map(|(e, _)| degree(e)).min() < Some(2))
    {
        return None;
    }
    let mut centre: Vec<usize> = Vec::new();
    let mut quadrics = 0;
    for p in &polys {
        let quadric: Vec<(&Vec<u32>, &Rational)> =
            p.terms().filter(|(e, _)| degree(e) == 2).collect();
        if quadric.is_empty() {
            continue;
        }
        quadrics += 1;
        let involved: Vec<usize> = (0..d)
            .filter(|&i| quadric.iter().any(|(e, _)| e[i] > 0))
            .collect();
        if involved.len() < 2 || !non_degenerate(&quadric, &involved) {
            return None;
        }
        for i in involved {
            if !centre.contains(&i) {
                centre.push(i);
            }
        }
    }
    centre.sort_unstable();
    // A blow-up of every coordinate is the point blow-up, which the other
    // moves choose when it is right; only a proper locus is this move's.
    if quadrics == 0 || centre.len() == d {
        return None;
    }
    let in_centre = |e: &[u32]| centre.iter().map(|&i| e[i]).sum::<u32>();
    polys
        .iter()
        .all(|p| p.terms().all(|(e, _)| in_centre(e) >= 2))
        .then_some(centre)
}

/// Whether the quadratic form with these terms has full rank in the
/// coordinates `involved`.
fn non_degenerate(quadric: &[(&Vec<u32>, &Rational)], involved: &[usize]) -> bool {
    let n = involved.len();
    let half = Rational::new(1.into(), 2.into());
    let mut matrix = vec![vec![Rational::zero(); n]; n];
    for (e, c) in quadric {
        let at: Vec<usize> = (0..n).filter(|&k| e[involved[k]] > 0).collect();
        match at[..] {
            [k] => matrix[k][k] = (*c).clone(),
            [k, l] => {
                matrix[k][l] = *c * &half;
                matrix[l][k] = *c * &half;
            }
            _ => return false,
        }
    }
    crate::newton::rank(matrix) == n
}
