//! The rank bound off a stratum, in the tree: which charts it settles, and
//! the cut that brings the boxes down to the stratum.
//!
//! A [`RankBound`] that is not [`whole`](RankBound::whole) holds near the
//! zeros of K where one of its exceptions f is nonzero (see
//! [`Exception`](super::rank::Exception)): there the Jacobian has rank ρ,
//! K is at least a sum of ρ squared coordinates, and the zeta function has
//! no pole right of −ρ/2 and one of order at most 1 there. A chart whose
//! box keeps some f (pulled back by the chart's map) away from 0 is
//! therefore a leaf whose pole −ρ/2 is a lower bound, never attained by
//! it ([`Leaf::attained`] false): it settles once another leaf attains
//! −ρ/2 or a pole right of it, as the strategy's other such leaves do.
//!
//! The stratum E is where every f vanishes. A box that holds part of it is
//! cut, when the strategy would next look for a zero to translate to (not
//! in a chart around a zero at its origin, whose blow-ups the cut would
//! upset: the symmetric block of LDA (2, 2, 3, 1)), in a coordinate where
//! an affine f pulled back depends on that coordinate alone: at the root ± a thirty-second of
//! f's range over the problem's box, so that the outer pieces are leaves
//! at once and the tree works only on a tube around E, where the
//! resolution near the stratum's points is short (LDA (4, 2, 2, 1): the
//! whole box in 30 charts, where without the cut the tree translates to
//! zeros of the fiber's other component far from E and tiles it).

use num_traits::{Signed, Zero};

use super::chart::Chart;
use super::leaf::{poly_nonvanishing, Leaf, LeafKind};
use super::rank::RankBound;
use crate::poly::{Limits, Poly, Rational};
use crate::problem::Interval;
use crate::residue::Pole;

/// The fraction of an exception's range over the problem's box that the
/// tube around the stratum keeps.
const TUBE: i64 = 32;

/// The chart as a leaf of the bound, when its box keeps one of the
/// exceptions away from 0 (the first such).
pub fn exempt(chart: &Chart, bound: &RankBound) -> Option<Leaf> {
    let limits = Limits::default();
    let exception = bound.off.iter().position(|e| {
        e.f.compose(&chart.map, &limits)
            .is_ok_and(|g| poly_nonvanishing(&g, &chart.domain))
    })?;
    let pole = Pole {
        lambda: bound.lambda.clone(),
        order: 1,
    };
    Some(Leaf {
        kind: LeafKind::OffStratum { exception },
        leading: Some(pole.clone()),
        attained: false,
        candidates: vec![pole],
        witness: None,
    })
}

/// The box cut to the tube around the stratum in one coordinate, if some
/// exception is affine in that coordinate alone and the box reaches
/// beyond the tube there.
pub fn cut(chart: &Chart, bound: &RankBound) -> Option<Vec<Vec<Interval>>> {
    let limits = Limits::default();
    for e in &bound.off {
        if e.f.degree() != 1 {
            continue;
        }
        let Ok(g) = e.f.compose(&chart.map, &limits) else {
            continue;
        };
        let vars: Vec<usize> = (0..chart.dim()).filter(|&j| g.depends_on(j)).collect();
        let (&[j], 1) = (&vars[..], g.degree()) else {
            continue;
        };
        let slope = g.derivative(j).constant_term();
        let root = -g.constant_term() / &slope;
        let width = range(&e.f, &chart.outer) / Rational::from_integer(TUBE.into());
        let delta = width / slope.abs();
        let iv = &chart.domain[j];
        let mut boxes = vec![chart.domain.clone()];
        for at in [&root - &delta, &root + &delta] {
            if iv.lo < at && at < iv.hi {
                let last = boxes.pop().expect("a box");
                let (mut below, mut above) = (last.clone(), last);
                below[j].hi = at.clone();
                above[j].lo = at;
                boxes.extend([below, above]);
            }
        }
        if boxes.len() > 1 {
            return Some(boxes);
        }
    }
    None
}

/// The range of an affine polynomial over a box: Σ |c_k|·width_k.
fn range(f: &Poly, domain: &[Interval]) -> Rational {
    domain
        .iter()
        .enumerate()
        .map(|(k, iv)| f.derivative(k).constant_term().abs() * (&iv.hi - &iv.lo))
        .fold(Rational::zero(), |a, b| a + b)
}
