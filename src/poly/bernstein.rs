//! Exact positivity certificates on boxes by Bernstein expansion.
//!
//! On `[0,1]^d` a polynomial of multidegree `n` equals
//! `Σ_I b_I Π_i C(n_i, I_i) t_i^{I_i} (1 − t_i)^{n_i − I_i}`, and its values
//! lie between the smallest and largest Bernstein coefficient `b_I`
//! (Garloff 1986). All `b_I > 0` therefore proves positivity on the box;
//! subdividing the box makes the bound sharper where it is not yet enough.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::{binomial, Poly, Rational};
use crate::problem::Interval;

/// Largest number of Bernstein coefficients computed for one box.
const MAX_COEFFICIENTS: usize = 200_000;

/// The result of a sign analysis on a box.
#[derive(Clone, Debug, PartialEq)]
pub enum BoxSign {
    /// The polynomial is at least this positive number on the whole box.
    Positive(Rational),
    /// The polynomial is at most this negative number on a sub-box.
    Negative(Rational),
    /// Neither could be shown within the subdivision budget.
    Unknown,
}

/// The polynomial `p(lo + w·t)` in the variables `t ∈ [0,1]^d`.
fn to_unit_box(p: &Poly, b: &[Interval]) -> Poly {
    let lo: Vec<Rational> = b.iter().map(|iv| iv.lo.clone()).collect();
    let shifted = p.translate(&lo);
    // w_i^k for every exponent that occurs, computed once.
    let powers: Vec<Vec<Rational>> = b
        .iter()
        .enumerate()
        .map(|(i, iv)| {
            let w = &iv.hi - &iv.lo;
            let mut row = vec![Rational::one()];
            for _ in 0..shifted.degree_in(i) {
                // A tiny box to a high power: long numbers, each step costly.
                crate::budget::checkpoint();
                let next = row.last().expect("non-empty") * &w;
                row.push(next);
            }
            row
        })
        .collect();
    Poly::from_terms(
        p.nvars(),
        shifted.terms().map(|(e, c)| {
            let mut c = c.clone();
            for (i, k) in e.iter().enumerate() {
                if *k > 0 {
                    c *= &powers[i][*k as usize];
                }
            }
            (e.clone(), c)
        }),
    )
}

/// The smallest and largest Bernstein coefficients of `p` on the box, or
/// `None` when there would be too many of them.
pub fn bernstein_range(p: &Poly, b: &[Interval]) -> Option<(Rational, Rational)> {
    // The multidegree survives the change to the unit box: size the work
    // before doing it (the translation alone is costly in many variables).
    let d = p.nvars();
    let n: Vec<u32> = (0..d).map(|i| p.degree_in(i)).collect();
    let sizes: Vec<usize> = n.iter().map(|&k| k as usize + 1).collect();
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(*s))?;
    if total > MAX_COEFFICIENTS {
        return None;
    }
    crate::budget::checkpoint();
    let q = to_unit_box(p, b);
    let strides: Vec<usize> = (0..d).map(|i| sizes[i + 1..].iter().product()).collect();
    // b_I = Σ_{J ≤ I} Π_i C(I_i, J_i) · a_J / Π_i C(n_i, J_i). Dividing by the
    // binomials first and clearing one common denominator leaves integer
    // sums, much cheaper than reducing a fraction at every step.
    let scaled: Vec<(usize, Rational)> = q
        .terms()
        .map(|(e, c)| {
            crate::budget::checkpoint();
            let idx: usize = e.iter().zip(&strides).map(|(k, s)| *k as usize * s).sum();
            let below: BigInt = e.iter().zip(&n).map(|(k, nk)| binomial(*nk, *k)).product();
            (idx, c / Rational::from_integer(below))
        })
        .collect();
    let denominator = scaled
        .iter()
        .fold(BigInt::one(), |l, (_, c)| l.lcm(c.denom()));
    let mut coef = vec![BigInt::zero(); total];
    for (idx, c) in scaled {
        crate::budget::checkpoint();
        coef[idx] = (c * Rational::from_integer(denominator.clone())).to_integer();
    }
    for axis in 0..d {
        let nk = n[axis] as usize;
        if nk == 0 {
            continue;
        }
        // Pascal's triangle up to row nk, by additions.
        let mut choose: Vec<Vec<BigInt>> = vec![vec![BigInt::one()]];
        for k in 1..=nk {
            crate::budget::checkpoint();
            let above = &choose[k - 1];
            let row: Vec<BigInt> = (0..=k)
                .map(
                    |j| match (j.checked_sub(1).map(|i| &above[i]), above.get(j)) {
                        (Some(a), Some(b)) => a + b,
                        (Some(a), None) => a.clone(),
                        (None, Some(b)) => b.clone(),
                        (None, None) => BigInt::zero(),
                    },
                )
                .collect();
            choose.push(row);
        }
        let stride = strides[axis];
        for base in 0..total {
            if !(base / stride).is_multiple_of(sizes[axis]) {
                continue;
            }
            crate::budget::checkpoint();
            let line: Vec<BigInt> = (0..=nk).map(|j| coef[base + j * stride].clone()).collect();
            for k in 0..=nk {
                crate::budget::checkpoint();
                let mut s = BigInt::zero();
                for (j, a) in line.iter().enumerate().take(k + 1) {
                    if !a.is_zero() {
                        s += &choose[k][j] * a;
                    }
                }
                coef[base + k * stride] = s;
            }
        }
    }
    let min = coef.iter().min()?;
    let max = coef.iter().max()?;
    Some((
        Rational::new(min.clone(), denominator.clone()),
        Rational::new(max.clone(), denominator),
    ))
}

/// Halves the box across the coordinate with the largest width × `weight`
/// (the first such coordinate on ties).
pub fn bisect(
    b: Vec<Interval>,
    weight: impl Fn(usize) -> Rational,
) -> (Vec<Interval>, Vec<Interval>) {
    let axis = (0..b.len())
        .max_by_key(|&i| ((&b[i].hi - &b[i].lo) * weight(i), std::cmp::Reverse(i)))
        .expect("at least one coordinate");
    let mid = (&b[axis].lo + &b[axis].hi) / Rational::from_integer(2.into());
    let mut left = b.clone();
    left[axis].hi = mid.clone();
    let mut right = b;
    right[axis].lo = mid;
    (left, right)
}

/// Tries to prove `p > 0` on the box (or find a sub-box where `p < 0`),
/// subdividing at most `max_boxes` times.
pub fn sign_on_box(p: &Poly, b: &[Interval], max_boxes: usize) -> BoxSign {
    let mut stack = vec![b.to_vec()];
    let mut lower: Option<Rational> = None;
    let mut examined = 0;
    while let Some(bx) = stack.pop() {
        examined += 1;
        if examined > max_boxes {
            return BoxSign::Unknown;
        }
        crate::budget::checkpoint();
        let Some((min, max)) = bernstein_range(p, &bx) else {
            return BoxSign::Unknown;
        };
        if min.is_positive() {
            lower = Some(match lower {
                Some(l) if l < min => l,
                _ => min,
            });
            continue;
        }
        if max.is_negative() {
            return BoxSign::Negative(max);
        }
        // Split the coordinate with the largest width·degree at its midpoint.
        let (left, right) = bisect(bx, |i| Rational::from_integer(p.degree_in(i).into()));
        stack.push(right);
        stack.push(left);
    }
    BoxSign::Positive(lower.unwrap_or_else(Rational::one))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poly::Limits;

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval {
            lo: Rational::from_integer(lo.into()),
            hi: Rational::from_integer(hi.into()),
        }
    }

    fn q(n: i64, d: i64) -> Rational {
        Rational::new(n.into(), d.into())
    }

    #[test]
    fn bernstein_coefficients_by_hand() {
        let parse = |src: &str| crate::parse(src).unwrap().k(&Limits::default()).unwrap();
        // (2x − 1)² = 1 − 4x + 4x² on [0, 1]: b = (1, 1 − 4/2, 1 − 4 + 4) = (1, −1, 1).
        let p = parse("vars x; K = (2*x - 1)^2;");
        assert_eq!(bernstein_range(&p, &[iv(0, 1)]), Some((q(-1, 1), q(1, 1))));
        // On [0, 1/2] it is (t − 1)²: b = (1, 0, 0).
        let half = Interval {
            lo: q(0, 1),
            hi: q(1, 2),
        };
        assert_eq!(bernstein_range(&p, &[half]), Some((q(0, 1), q(1, 1))));
        // x·y/3 on [0, 1]²: the only non-zero coefficient is b_11 = 1/3.
        let p = parse("vars x, y; K = x*y/3;");
        assert_eq!(
            bernstein_range(&p, &[iv(0, 1), iv(0, 1)]),
            Some((q(0, 1), q(1, 3)))
        );
        // x² − 1/2 on [−1, 1], with x = 2t − 1: 4t² − 4t + 1/2,
        // b = (1/2, 1/2 − 2, 1/2 − 4 + 4) = (1/2, −3/2, 1/2).
        let p = parse("vars x; K = x^2 - 1/2;");
        assert_eq!(bernstein_range(&p, &[iv(-1, 1)]), Some((q(-3, 2), q(1, 2))));
    }

    #[test]
    fn positive_quadratic_is_certified() {
        // 1 + x^2 - x*y/2 on [-1,1]^2 is at least 1/2.
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let l = Limits::default();
        let p = Poly::one(2).add(&x.mul(&x, &l).unwrap()).sub(
            &x.mul(&y, &l)
                .unwrap()
                .scale(&Rational::new(1.into(), 2.into())),
        );
        assert!(matches!(
            sign_on_box(&p, &[iv(-1, 1), iv(-1, 1)], 64),
            BoxSign::Positive(_)
        ));
    }

    #[test]
    fn a_polynomial_with_a_zero_is_not_certified() {
        let x = Poly::var(1, 0);
        let p = x.mul(&x, &Limits::default()).unwrap();
        assert_eq!(sign_on_box(&p, &[iv(-1, 1)], 64), BoxSign::Unknown);
        assert!(matches!(
            sign_on_box(&p.neg().sub(&Poly::one(1)), &[iv(-1, 1)], 64),
            BoxSign::Negative(_)
        ));
    }
}
