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
    let half = Rational::new(1.into(), 2.into());
    let centre: Vec<Rational> = domain.iter().map(|iv| (&iv.lo + &iv.hi) * &half).collect();
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
