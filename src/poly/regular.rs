//! Jacobians without a singular point on a box, certified without their
//! determinant.
//!
//! A smooth leaf replaces coordinates by generators whose Jacobian matrix
//! J(w) must be invertible on the whole box. Its determinant is a
//! polynomial of high degree in many coordinates (seven generators of a
//! naive Bayes network in seven parameters), costly to expand and costlier
//! to bound. Near a regular point a perturbation argument is enough: with
//! J₀ = J(c) at the box's centre, J(w) = J₀·(I + J₀⁻¹·(J(w) − J₀)), and
//! the second factor is invertible when ‖J₀⁻¹·(J(w) − J₀)‖∞ < 1. Entrywise
//! |J₀⁻¹·ΔJ(w)| ≤ |J₀⁻¹|·M, where M bounds |ΔJ| on the box (Bernstein
//! ranges of small polynomials), so the rational inequality
//! ‖ |J₀⁻¹|·M ‖∞ < 1 proves J(w) invertible for every w in the box.
//!
//! The same linearisation proves a box free of common zeros of a system
//! near, but not at, a regular zero, where no single generator keeps its
//! sign (see [`newton_excludes`]).

use num_traits::{One, Signed, Zero};

use super::bernstein::bernstein_range;
use super::{Poly, Rational};
use crate::problem::Interval;

/// Whether the square matrix of polynomials is proven invertible at every
/// point of the box by the perturbation bound of the module's
/// documentation. `false` proves nothing.
pub fn invertible_on_box(jacobian: &[Vec<Poly>], domain: &[Interval]) -> bool {
    let n = jacobian.len();
    if n == 0 || jacobian.iter().any(|row| row.len() != n) {
        return false;
    }
    let centre = centre(domain);
    let at_centre: Vec<Vec<Rational>> = jacobian
        .iter()
        .map(|row| row.iter().map(|p| p.eval(&centre)).collect())
        .collect();
    let Some(inverse) = inverse(at_centre.clone()) else {
        return false;
    };
    // Σ_j max_box |J_kj(w) − J_kj(c)| for each row k.
    let mut row_bound = Vec::with_capacity(n);
    for (row, values) in jacobian.iter().zip(&at_centre) {
        let mut sum = Rational::zero();
        for (p, v) in row.iter().zip(values) {
            crate::budget::checkpoint();
            let delta = p.sub(&Poly::constant(p.nvars(), v.clone()));
            if delta.is_zero() {
                continue;
            }
            let Some((lo, hi)) = bernstein_range(&delta, domain) else {
                return false;
            };
            sum += lo.abs().max(hi.abs());
        }
        row_bound.push(sum);
    }
    inverse.iter().all(|row| {
        let norm: Rational = row.iter().zip(&row_bound).map(|(a, m)| a.abs() * m).sum();
        norm < Rational::one()
    })
}

/// Whether the generators provably have no common zero on the box, by one
/// interval Newton (Krawczyk) step from its centre c.
///
/// Pick generators G_R and coordinates C with J_RC(c) invertible, Y its
/// inverse. At a common zero w the mean value theorem along the segment
/// from c gives 0 = Y·G_R(w) = Y·G_R(c) + Y·J̄·(w − c), with each entry of
/// J̄ an average of J over the segment, so for the i-th coordinate of C
///   w_i = c_i − (Y·G_R(c))_i + Σ_j E_ij(J̄)·(w_j − c_j),  E = P − Y·J_R,
/// P selecting C. The averages of the polynomials E_ij lie in their ranges
/// on the box (Bernstein), so w_i lies within c_i − (Y·G_R(c))_i ±
/// Σ_j max|E_ij|·r_j, r_j the half-widths; when that interval misses the
/// box's interval for some i, no common zero exists. Unlike the sign of a
/// single generator, this holds on boxes as wide as their distance to a
/// regular zero (the naive Bayes network's shells around its true point).
pub fn newton_excludes(gens: &[&Poly], domain: &[Interval]) -> bool {
    newton_step(gens, &jacobian(gens, domain.len()), domain) == Newton::Excluded
}

/// The partial derivatives ∂g/∂w_j of each generator, by rows.
fn jacobian(gens: &[&Poly], d: usize) -> Vec<Vec<Poly>> {
    gens.iter()
        .map(|g| (0..d).map(|j| g.derivative(j)).collect())
        .collect()
}

/// The box's centre.
fn centre(domain: &[Interval]) -> Vec<Rational> {
    let two = Rational::from_integer(2.into());
    domain.iter().map(|iv| (&iv.lo + &iv.hi) / &two).collect()
}

/// What one Newton step says about a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Newton {
    /// No common zero in the box.
    Excluded,
    /// A square system whose Newton image lies strictly inside the box:
    /// it has a zero there (Krawczyk), so the box is never excluded.
    Zero,
    /// Neither.
    Undecided,
}

/// The Newton step of [`newton_excludes`], which also tells a zero;
/// `jacobian` holds the generators' partial derivatives.
fn newton_step(gens: &[&Poly], jacobian: &[Vec<Poly>], domain: &[Interval]) -> Newton {
    let d = domain.len();
    if gens.is_empty() || d == 0 {
        return Newton::Undecided;
    }
    let centre = centre(domain);
    let at_centre: Vec<Vec<Rational>> = jacobian
        .iter()
        .map(|row| row.iter().map(|p| p.eval(&centre)).collect())
        .collect();
    let (rows, cols) = pivots(at_centre.clone());
    if rows.is_empty() {
        return Newton::Undecided;
    }
    let block: Vec<Vec<Rational>> = rows
        .iter()
        .map(|&r| cols.iter().map(|&c| at_centre[r][c].clone()).collect())
        .collect();
    let Some(y) = inverse(block) else {
        return Newton::Undecided;
    };
    let values: Vec<Rational> = rows.iter().map(|&r| gens[r].eval(&centre)).collect();
    let two = Rational::from_integer(2.into());
    let half_width: Vec<Rational> = domain.iter().map(|iv| (&iv.hi - &iv.lo) / &two).collect();
    let mids: Vec<Rational> = (0..rows.len())
        .map(|i| {
            &centre[cols[i]]
                - y[i]
                    .iter()
                    .zip(&values)
                    .map(|(a, v)| a * v)
                    .sum::<Rational>()
        })
        .collect();
    // Σ_j max|E_ij|·r_j, summed only until it reaches `enough`: the
    // Bernstein ranges are the costly part, and most boxes are decided
    // long before every term is in.
    let radius = |i: usize, enough: &Rational| -> Option<Rational> {
        let mut radius = Rational::zero();
        for j in 0..d {
            crate::budget::checkpoint();
            let delta = if j == cols[i] {
                Rational::one()
            } else {
                Rational::zero()
            };
            let mut e = Poly::constant(d, delta);
            for (k, &r) in rows.iter().enumerate() {
                if !y[i][k].is_zero() {
                    e = e.sub(&jacobian[r][j].scale(&y[i][k]));
                }
            }
            if e.is_zero() || half_width[j].is_zero() {
                continue;
            }
            let (lo, hi) = bernstein_range(&e, domain)?;
            radius += lo.abs().max(hi.abs()) * &half_width[j];
            if &radius >= enough {
                return None;
            }
        }
        Some(radius)
    };
    // Excluded: some w_i's Newton interval misses the box, which needs its
    // midpoint outside the box and a radius below the gap.
    for (i, mid) in mids.iter().enumerate() {
        let iv = &domain[cols[i]];
        let gap = if mid < &iv.lo {
            &iv.lo - mid
        } else if mid > &iv.hi {
            mid - &iv.hi
        } else {
            continue;
        };
        if radius(i, &gap).is_some() {
            return Newton::Excluded;
        }
    }
    // A zero: a square system whose Newton image lies strictly inside.
    if rows.len() == d {
        let inside = mids.iter().enumerate().all(|(i, mid)| {
            let iv = &domain[cols[i]];
            let room = (mid - &iv.lo).min(&iv.hi - mid);
            room.is_positive() && radius(i, &room).is_some()
        });
        if inside {
            return Newton::Zero;
        }
    }
    Newton::Undecided
}

/// Boxes [`zero_free_by_subdivision`] cuts a box into at most.
pub const COVER_BOXES: usize = 4096;

/// Cuts along one path of [`zero_free_by_subdivision`], per coordinate.
/// The search is depth first, so a box around a zero the Newton step does
/// not see (a singular one) ends it after this many cuts instead of the
/// whole budget; a shell around a naive Bayes network's true point needs
/// 22 cuts in 7 coordinates.
const COVER_DEPTH_PER_COORDINATE: usize = 4;

/// Whether the generators provably have no common zero on the box, by
/// bisection into at most [`COVER_BOXES`] boxes, each
/// excluded by contraction, by the sign of a generator, or by a Newton
/// step. Gives up at once when a box is shown to hold a zero, or when one
/// path of cuts grows too long (a zero the Newton step cannot tell).
///
/// Deterministic, so the checker re-runs it to verify the claim. Near a
/// regular zero the Newton step excludes boxes as wide as their distance
/// to it; each generator's sign alone would need boxes far smaller (a
/// shell around the naive Bayes network's true point: 455 boxes against
/// more than 200 000).
pub fn zero_free_by_subdivision(gens: &[&Poly], domain: &[Interval]) -> bool {
    let jacobian = jacobian(gens, domain.len());
    let contractor = super::contract::Contractor::new(gens);
    let max_depth = COVER_DEPTH_PER_COORDINATE * domain.len() + 4;
    let mut stack = vec![(domain.to_vec(), 0)];
    let mut boxes = 0;
    while let Some((b, depth)) = stack.pop() {
        crate::budget::checkpoint();
        boxes += 1;
        if boxes > COVER_BOXES || depth > max_depth {
            return false;
        }
        let Some(narrowed) = contractor.narrow(&b) else {
            continue;
        };
        let nonvanishing = |g: &&Poly| {
            bernstein_range(g, &narrowed)
                .is_some_and(|(lo, hi)| lo.is_positive() || hi.is_negative())
        };
        if gens.iter().any(nonvanishing) {
            continue;
        }
        match newton_step(gens, &jacobian, &narrowed) {
            Newton::Excluded => continue,
            Newton::Zero => return false,
            Newton::Undecided => {}
        }
        // Along the side over which the generators change most (width
        // times the largest |∂g/∂w_i| at the centre): on the naive Bayes
        // network's shells this halves the boxes against the widest side.
        let centre = centre(&b);
        let axis = (0..b.len())
            .max_by_key(|&i| {
                let slope = jacobian
                    .iter()
                    .map(|row| row[i].eval(&centre).abs())
                    .max()
                    .unwrap_or_else(Rational::zero);
                let width = &b[i].hi - &b[i].lo;
                (&width * slope, width, std::cmp::Reverse(i))
            })
            .expect("a coordinate");
        let mid = (&b[axis].lo + &b[axis].hi) / Rational::from_integer(2.into());
        let mut left = b.clone();
        left[axis].hi = mid.clone();
        let mut right = b;
        right[axis].lo = mid;
        // The half where Σ g² is smaller at the centre first: a box holding
        // a regular zero is then reached, and the search ended, in about
        // as many cuts as it is deep, not after the rest is covered.
        if squares_at_centre(gens, &left) <= squares_at_centre(gens, &right) {
            stack.push((right, depth + 1));
            stack.push((left, depth + 1));
        } else {
            stack.push((left, depth + 1));
            stack.push((right, depth + 1));
        }
    }
    true
}

/// Σ g² at the box's centre.
fn squares_at_centre(gens: &[&Poly], b: &[Interval]) -> Rational {
    let centre = centre(b);
    gens.iter()
        .map(|g| {
            let v = g.eval(&centre);
            &v * &v
        })
        .sum()
}

/// Rows and columns of a rank-maximal invertible block of a rational
/// matrix, by Gaussian elimination with full pivoting (the largest entry
/// first, so that the block's inverse stays small).
fn pivots(mut a: Vec<Vec<Rational>>) -> (Vec<usize>, Vec<usize>) {
    let n = a.len();
    let m = a.first().map_or(0, Vec::len);
    let (mut rows, mut cols) = (Vec::new(), Vec::new());
    loop {
        let best = (0..n)
            .filter(|r| !rows.contains(r))
            .flat_map(|r| (0..m).filter(|c| !cols.contains(c)).map(move |c| (r, c)))
            .filter(|&(r, c)| !a[r][c].is_zero())
            .max_by(|&(r1, c1), &(r2, c2)| {
                a[r1][c1]
                    .abs()
                    .cmp(&a[r2][c2].abs())
                    .then((r2, c2).cmp(&(r1, c1)))
            });
        let Some((pr, pc)) = best else { break };
        for r in 0..n {
            if r == pr || a[r][pc].is_zero() {
                continue;
            }
            let f = &a[r][pc] / &a[pr][pc];
            let pivot_row = a[pr].clone();
            for (x, p) in a[r].iter_mut().zip(&pivot_row) {
                *x -= &f * p;
            }
        }
        rows.push(pr);
        cols.push(pc);
    }
    (rows, cols)
}

/// The inverse of a square rational matrix, by Gauss–Jordan elimination;
/// `None` when it is singular.
fn inverse(mut a: Vec<Vec<Rational>>) -> Option<Vec<Vec<Rational>>> {
    let n = a.len();
    let mut inv: Vec<Vec<Rational>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        Rational::one()
                    } else {
                        Rational::zero()
                    }
                })
                .collect()
        })
        .collect();
    for c in 0..n {
        let p = (c..n).find(|&r| !a[r][c].is_zero())?;
        a.swap(p, c);
        inv.swap(p, c);
        let pivot = a[c][c].clone();
        for x in a[c].iter_mut().chain(inv[c].iter_mut()) {
            *x /= &pivot;
        }
        for r in 0..n {
            if r == c || a[r][c].is_zero() {
                continue;
            }
            let f = a[r][c].clone();
            let (row_a, row_inv) = (a[c].clone(), inv[c].clone());
            for (x, y) in a[r].iter_mut().zip(&row_a) {
                *x -= &f * y;
            }
            for (x, y) in inv[r].iter_mut().zip(&row_inv) {
                *x -= &f * y;
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::new(n.into(), d.into())
    }

    fn iv(lo: Rational, hi: Rational) -> Interval {
        Interval { lo, hi }
    }

    #[test]
    fn a_rotation_with_a_small_perturbation_is_invertible() {
        // [[x, 1 + y·x], [−1, x]] near x = 0, y = 0: J₀ = [[0, 1], [−1, 0]],
        // |ΔJ| ≤ 1/10 + 1/100 per row on the box, far below 1.
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let one = Poly::one(2);
        let l = crate::poly::Limits::default();
        let jac = vec![
            vec![x.clone(), one.add(&y.mul(&x, &l).unwrap())],
            vec![one.scale(&q(-1, 1)), x.clone()],
        ];
        let small = vec![iv(q(-1, 20), q(1, 20)), iv(q(-1, 10), q(1, 10))];
        assert!(invertible_on_box(&jac, &small));
        // On [−2, 2]² the determinant x² + 1 + y·x vanishes (x = 1, y = −2):
        // no certificate, as it must be.
        let large = vec![iv(q(-2, 1), q(2, 1)), iv(q(-2, 1), q(2, 1))];
        assert!(!invertible_on_box(&jac, &large));
    }

    /// g₁ = x + y, g₂ = x − y + x·y: on the line y = −x, g₂ = x(2 − x),
    /// so near the origin their one common zero is the origin, a regular one.
    fn regular_pair() -> (Poly, Poly) {
        let l = crate::poly::Limits::default();
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        (x.add(&y), x.sub(&y).add(&x.mul(&y, &l).unwrap()))
    }

    #[test]
    fn a_box_beside_a_regular_zero_is_excluded_by_one_newton_step() {
        // On [1/8, 1/4] × [−1/4, 1/4] each generator changes sign, but the
        // Newton step pins x within 1/8 of 0.
        let (g1, g2) = regular_pair();
        let shell = vec![iv(q(1, 8), q(1, 4)), iv(q(-1, 4), q(1, 4))];
        assert!(newton_excludes(&[&g1, &g2], &shell));
        // A box around the zero is never excluded.
        let around = vec![iv(q(-1, 8), q(1, 4)), iv(q(-1, 4), q(1, 4))];
        assert!(!newton_excludes(&[&g1, &g2], &around));
    }

    #[test]
    fn a_cover_shows_a_wide_box_beside_a_regular_zero_free_of_zeros() {
        // On [1/16, 1] × [−1, 1]: too wide for one Newton step, covered by
        // a few cuts. The box [−1/8, 1/8]², holding the zero, stays
        // uncertified, as it must.
        let (g1, g2) = regular_pair();
        let wide = vec![iv(q(1, 16), q(1, 1)), iv(q(-1, 1), q(1, 1))];
        assert!(!newton_excludes(&[&g1, &g2], &wide));
        assert!(zero_free_by_subdivision(&[&g1, &g2], &wide));
        let around = vec![iv(q(-1, 8), q(1, 8)), iv(q(-1, 8), q(1, 8))];
        assert!(!zero_free_by_subdivision(&[&g1, &g2], &around));
    }

    #[test]
    fn a_matrix_singular_at_the_centre_is_not_certified() {
        let x = Poly::var(1, 0);
        let jac = vec![vec![x]];
        assert!(!invertible_on_box(&jac, &[iv(q(-1, 4), q(1, 4))]));
    }

    #[test]
    fn the_inverse_inverts() {
        let a = vec![
            vec![q(2, 1), q(1, 1), q(0, 1)],
            vec![q(1, 1), q(3, 1), q(1, 2)],
            vec![q(0, 1), q(-1, 1), q(1, 3)],
        ];
        let inv = inverse(a.clone()).expect("invertible");
        for (i, row) in a.iter().enumerate() {
            for j in 0..3 {
                let s: Rational = row.iter().zip(&inv).map(|(x, r)| x * &r[j]).sum();
                assert_eq!(s, if i == j { q(1, 1) } else { q(0, 1) });
            }
        }
        assert!(inverse(vec![vec![q(1, 1), q(2, 1)], vec![q(2, 1), q(4, 1)]]).is_none());
    }
}
