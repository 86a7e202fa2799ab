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
use crate::poly::{Poly, Rational};
use crate::problem::Factor;

/// Most planes and coordinate hyperplanes considered together.
const MAX_COMPONENTS: usize = 14;

/// The points of the chart's box where `d + 1` of its planes and monomial
/// hyperplanes meet with normals of rank `d` (isolated points of
/// non-normal crossing), by increasing height, without the origin.
pub fn singular_points(chart: &Chart, vanishing: &[&Factor]) -> Vec<Vec<Rational>> {
    let d = chart.dim();
    // Each component as (normal, right-hand side): ⟨a, u⟩ = b.
    let mut components: Vec<(Vec<Rational>, Rational)> = Vec::new();
    for f in vanishing {
        let Factor::Power(p, _) = f else { continue };
        if p.degree() == 1 {
            components.push(affine(p));
        }
    }
    for j in super::transversal::hyperplanes(chart) {
        let mut a = vec![Rational::zero(); d];
        a[j] = Rational::from_integer(1.into());
        components.push((a, Rational::zero()));
    }
    if components.len() <= d || components.len() > MAX_COMPONENTS {
        return Vec::new();
    }
    let mut points: Vec<Vec<Rational>> = Vec::new();
    for set in subsets(components.len(), d + 1) {
        crate::budget::checkpoint();
        let rows: Vec<&(Vec<Rational>, Rational)> = set.iter().map(|&i| &components[i]).collect();
        if let Some(x) = unique_solution(&rows, d) {
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

/// A polynomial of degree 1 as `⟨a, u⟩ = b`.
fn affine(p: &Poly) -> (Vec<Rational>, Rational) {
    let d = p.nvars();
    let a = (0..d).map(|j| p.derivative(j).constant_term()).collect();
    (a, -p.constant_term())
}

/// The one solution of the system, when its matrix has rank `d` and it is
/// consistent.
fn unique_solution(rows: &[&(Vec<Rational>, Rational)], d: usize) -> Option<Vec<Rational>> {
    let mut m: Vec<Vec<Rational>> = rows
        .iter()
        .map(|(a, b)| {
            let mut r = a.clone();
            r.push(b.clone());
            r
        })
        .collect();
    let mut pivots = Vec::new();
    let mut r = 0;
    for c in 0..d {
        let Some(p) = (r..m.len()).find(|&i| !m[i][c].is_zero()) else {
            continue;
        };
        m.swap(r, p);
        let pivot = m[r][c].clone();
        let row: Vec<Rational> = m[r].iter().map(|x| x / &pivot).collect();
        m[r] = row.clone();
        for (i, other) in m.iter_mut().enumerate() {
            if i != r && !other[c].is_zero() {
                let f = other[c].clone();
                for (x, y) in other.iter_mut().zip(&row) {
                    *x -= &f * y;
                }
            }
        }
        pivots.push(c);
        r += 1;
    }
    // Rank d, and every left-over row 0 = 0.
    if pivots.len() < d || m[r..].iter().any(|row| !row[d].is_zero()) {
        return None;
    }
    let mut x = vec![Rational::zero(); d];
    for (i, &c) in pivots.iter().enumerate() {
        x[c] = m[i][d].clone();
    }
    Some(x)
}

fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn rec(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in start..n {
            cur.push(i);
            rec(i + 1, n, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    rec(0, n, k, &mut Vec::new(), &mut out);
    out
}
