//! The move "stratification of the zero set": the exact points of a chart
//! where its hypersurfaces stop crossing normally.
//!
//! Where every vanishing factor is a plane (an arrangement, or the charts
//! of one after blow-ups), the hypersurfaces through a point — those planes
//! and the hyperplanes `u_j = 0` of the coordinates carrying a monomial —
//! cross normally unless their normals are dependent. In d coordinates an
//! isolated such point is one where d + 1 of them meet with normals of rank
//! d: it solves a linear system exactly, wherever it lies (the triple
//! points of the seven-plane arrangement sit at (2/3, 3/5) in a chart of a
//! scaled box, on no sample grid). Translating it to the origin makes it
//! the centre of the next blow-up. Such points are found here; the strategy
//! moves to them ([`strategy`](super::strategy), step 4). Non-normal
//! crossings along a line or a surface, and curved hypersurfaces, are left
//! to the other moves.

use num_traits::Zero;

use super::chart::Chart;
use crate::poly::{affine_zeros, AffineZeros, Poly, Rational};
use crate::problem::Factor;

/// Most planes and coordinate hyperplanes considered together.
const MAX_COMPONENTS: usize = 14;

/// The points of the chart's box where `d + 1` of its planes and monomial
/// hyperplanes meet with normals of rank `d` (isolated points of
/// non-normal crossing), by increasing height, without the origin.
pub fn singular_points(chart: &Chart, vanishing: &[&Factor]) -> Vec<Vec<Rational>> {
    let d = chart.dim();
    // The planes, then the coordinate hyperplanes u_j = 0.
    let mut components: Vec<Poly> = Vec::new();
    for f in vanishing {
        let Factor::Power(p, _) = f else { continue };
        if p.degree() == 1 {
            components.push(p.clone());
        }
    }
    for j in super::transversal::hyperplanes(chart) {
        components.push(Poly::var(d, j));
    }
    if components.len() <= d || components.len() > MAX_COMPONENTS {
        return Vec::new();
    }
    let mut points: Vec<Vec<Rational>> = Vec::new();
    let all: Vec<usize> = (0..components.len()).collect();
    for set in super::leaf::subsets(&all, d + 1) {
        crate::budget::checkpoint();
        let rows: Vec<&Poly> = set.iter().map(|&i| &components[i]).collect();
        if let Some(AffineZeros::Point(x)) = affine_zeros(&rows) {
            let inside = x.iter().zip(&chart.domain).all(|(v, iv)| iv.contains(v));
            if inside && x.iter().any(|v| !v.is_zero()) && !points.contains(&x) {
                points.push(x);
            }
        }
    }
    points.sort_by_key(|p| {
        let h: u64 = p.iter().map(|x| x.numer().bits() + x.denom().bits()).sum();
        (h, p.clone())
    });
    points
}
