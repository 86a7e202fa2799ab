//! The move "toric blow-up from the Newton polyhedron".
//!
//! At the origin of a chart, take the Newton polyhedron of the factors that
//! vanish there (for a sum of squares, that of its ideal: the convex hull of
//! the generators' supports; for a product, the Minkowski sum), in the
//! coordinates those factors involve whose interval holds 0, the others
//! being parameters. A unimodular cover of its normal fan ([`fan`]) gives
//! one chart per cone ([`Chart::toric`]). Where the face polynomials have no
//! zero on the torus the charts are normal crossing at once; on a
//! degenerate face the strict transform's zeros on the exceptional divisors
//! are the torus zeros of the face polynomial, which the later moves take
//! up (Varchenko 1976; Watanabe 2009, ch. 3; Lin 2011, ch. 4).
//!
//! [`fan`]: super::fan
//! [`Chart::toric`]: super::chart::Chart::toric

use super::chart::Chart;
use super::fan::{self, Cone};
use crate::poly::Exponent;
use crate::problem::Factor;

/// Most coordinates a toric blow-up takes at once.
const MAX_COORDS: usize = 8;

/// Most points of the Newton polyhedron's Minkowski sum.
const MAX_POINTS: usize = 256;

/// The coordinates to blow up and the cones of the cover, when the toric
/// blow-up applies: the polyhedron is small enough to enumerate, and not
/// an orthant (which would give back the chart itself).
pub fn plan(chart: &Chart, at_origin: &[&Factor]) -> Option<(Vec<usize>, Vec<Cone>)> {
    let d = chart.dim();
    let involved = |j: usize| {
        at_origin
            .iter()
            .flat_map(|f| f.polys())
            .any(|p| p.depends_on(j))
    };
    let coords: Vec<usize> = (0..d)
        .filter(|&j| chart.domain[j].contains_zero() && involved(j))
        .collect();
    if coords.len() < 2 || coords.len() > MAX_COORDS {
        return None;
    }
    let project = |e: &Exponent| -> Vec<u32> { coords.iter().map(|&j| e[j]).collect() };
    // Homogeneous factors are left to the blow-up of a coordinate subspace:
    // its charts see their tangent cone, and sums of squares of forms of
    // one degree (reduced rank regression, deep linear networks) resolve
    // that way in far fewer charts than through the fans of their ideals.
    let degree = |e: &Exponent| coords.iter().map(|&j| e[j]).sum::<u32>();
    let homogeneous = at_origin.iter().flat_map(|f| f.polys()).all(|p| {
        let mut degrees = p.terms().map(|(e, _)| degree(e));
        let first = degrees.next();
        degrees.all(|d| Some(d) == first)
    });
    if homogeneous {
        return None;
    }
    let mut sum: Vec<Vec<u32>> = vec![vec![0; coords.len()]];
    for f in at_origin {
        let support: Vec<Vec<u32>> = f
            .polys()
            .iter()
            .flat_map(|p| p.terms().map(|(e, _)| project(e)).collect::<Vec<_>>())
            .collect();
        let support = fan::minimal(&support);
        let mut next = Vec::new();
        for a in &sum {
            for b in &support {
                crate::budget::checkpoint();
                next.push(a.iter().zip(b).map(|(x, y)| x + y).collect());
            }
        }
        sum = fan::minimal(&next);
        if sum.len() > MAX_POINTS {
            return None;
        }
    }
    let cones = fan::unimodular_cover(&sum)?;
    (cones.len() > 1).then(|| (coords, cones.into_iter().map(arrange).collect()))
}

/// The cone's generators in the order of the coordinates they stand for:
/// the unit vector e_i in place i (that coordinate is unchanged up to the
/// others' factors, as in a blow-up's chart), the others where their entry
/// is largest, so that every w_i keeps a power of u_i (a permutation with a
/// positive diagonal exists since the determinant is not zero).
fn arrange(cone: Cone) -> Cone {
    let n = cone.len();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    let mut used = vec![false; n];
    for (j, v) in cone.iter().enumerate() {
        if let Some(i) = (0..n).find(|&i| v[i] == 1 && v.iter().sum::<u32>() == 1) {
            slot[i] = Some(j);
            used[j] = true;
        }
    }
    fn fill(i: usize, cone: &Cone, slot: &mut Vec<Option<usize>>, used: &mut Vec<bool>) -> bool {
        let n = cone.len();
        if i == n {
            return true;
        }
        if slot[i].is_some() {
            return fill(i + 1, cone, slot, used);
        }
        let mut order: Vec<usize> = (0..n).filter(|&j| !used[j] && cone[j][i] > 0).collect();
        order.sort_by_key(|&j| (std::cmp::Reverse(cone[j][i]), j));
        for j in order {
            slot[i] = Some(j);
            used[j] = true;
            if fill(i + 1, cone, slot, used) {
                return true;
            }
            slot[i] = None;
            used[j] = false;
        }
        false
    }
    if !fill(0, &cone, &mut slot, &mut used) {
        return cone;
    }
    slot.into_iter()
        .map(|j| cone[j.expect("filled")].clone())
        .collect()
}
