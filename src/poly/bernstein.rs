//! Exact positivity certificates on boxes by Bernstein expansion.
//!
//! On `[0,1]^d` a polynomial of multidegree `n` equals
//! `Σ_I b_I Π_i C(n_i, I_i) t_i^{I_i} (1 − t_i)^{n_i − I_i}`, and its values
//! lie between the smallest and largest Bernstein coefficient `b_I`
//! (Garloff 1986). All `b_I > 0` therefore proves positivity on the box;
//! subdividing the box makes the bound sharper where it is not yet enough.

use num_traits::{One, Signed, Zero};

use super::{binomial, Poly, Rational};
use crate::problem::Interval;

/// Largest number of Bernstein coefficients computed for one box.
const MAX_COEFFICIENTS: usize = 200_000;

thread_local! {
    static DEADLINE: std::cell::Cell<Option<std::time::Instant>> =
        const { std::cell::Cell::new(None) };
}

/// Runs `f` with every sign analysis giving up (an honest `Unknown`) once
/// `deadline` has passed: in many variables one expansion can take minutes,
/// and a time limit must bound even a single certification.
pub fn with_deadline<T>(deadline: Option<std::time::Instant>, f: impl FnOnce() -> T) -> T {
    let previous = DEADLINE.with(|d| d.replace(deadline));
    let out = f();
    DEADLINE.with(|d| d.set(previous));
    out
}

fn past_deadline() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|t| std::time::Instant::now() >= t))
}

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
    Poly::from_terms(
        p.nvars(),
        shifted.terms().map(|(e, c)| {
            let mut c = c.clone();
            for (k, iv) in e.iter().zip(b) {
                c *= super::pow_rational(&(&iv.hi - &iv.lo), *k);
            }
            (e.clone(), c)
        }),
    )
}

/// The smallest and largest Bernstein coefficients of `p` on the box, or
/// `None` when there would be too many of them (or the deadline passed).
pub fn bernstein_range(p: &Poly, b: &[Interval]) -> Option<(Rational, Rational)> {
    // The multidegree survives the change to the unit box: size the work
    // before doing it (the translation alone is costly in many variables).
    let d = p.nvars();
    let n: Vec<u32> = (0..d).map(|i| p.degree_in(i)).collect();
    let sizes: Vec<usize> = n.iter().map(|&k| k as usize + 1).collect();
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(*s))?;
    if total > MAX_COEFFICIENTS || past_deadline() {
        return None;
    }
    let q = to_unit_box(p, b);
    let strides: Vec<usize> = (0..d).map(|i| sizes[i + 1..].iter().product()).collect();
    let mut coef = vec![Rational::zero(); total];
    for (e, c) in q.terms() {
        let idx: usize = e.iter().zip(&strides).map(|(k, s)| *k as usize * s).sum();
        coef[idx] = c.clone();
    }
    // Along each axis: b_k = Σ_{j ≤ k} C(k, j) / C(n, j) a_j.
    for axis in 0..d {
        let nk = n[axis];
        if nk == 0 {
            continue;
        }
        let ratio: Vec<Vec<Rational>> = (0..=nk)
            .map(|k| {
                (0..=k)
                    .map(|j| Rational::new(binomial(k, j), binomial(nk, j)))
                    .collect()
            })
            .collect();
        let stride = strides[axis];
        for base in 0..total {
            if !(base / stride).is_multiple_of(sizes[axis]) {
                continue;
            }
            if base % 4096 == 0 && past_deadline() {
                return None;
            }
            let line: Vec<Rational> = (0..=nk as usize)
                .map(|j| coef[base + j * stride].clone())
                .collect();
            for k in 0..=nk as usize {
                let mut s = Rational::zero();
                for (j, a) in line.iter().enumerate().take(k + 1) {
                    if !a.is_zero() {
                        s += &ratio[k][j] * a;
                    }
                }
                coef[base + k * stride] = s;
            }
        }
    }
    let min = coef.iter().min().cloned()?;
    let max = coef.iter().max().cloned()?;
    Some((min, max))
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
        if examined > max_boxes || past_deadline() {
            return BoxSign::Unknown;
        }
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
