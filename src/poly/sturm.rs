//! Real roots of univariate polynomials over ℚ, decided exactly by Sturm
//! sequences (Sturm 1829; e.g. Basu, Pollack, Roy, *Algorithms in Real
//! Algebraic Geometry*, Thm. 2.50). The count is of distinct real roots and
//! holds whether or not the polynomial is square-free.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::Rational;

/// A univariate polynomial as its coefficients, `c[k]` the coefficient of `s^k`.
pub type Univariate = Vec<Rational>;

fn trim(p: &mut Univariate) {
    while p.last().is_some_and(|c| c.is_zero()) {
        p.pop();
    }
}

fn derivative(p: &[Rational]) -> Univariate {
    p.iter()
        .enumerate()
        .skip(1)
        .map(|(k, c)| c * Rational::from_integer(k.into()))
        .collect()
}

/// Quotient and remainder of `a` divided by `b` (`b` non-zero, trimmed).
fn divide(a: &[Rational], b: &[Rational]) -> (Univariate, Univariate) {
    let mut r: Univariate = a.to_vec();
    trim(&mut r);
    let lead = b.last().expect("divisor is non-zero");
    let mut q = vec![Rational::zero(); r.len().saturating_sub(b.len()) + 1];
    while r.len() >= b.len() {
        crate::budget::checkpoint();
        let shift = r.len() - b.len();
        let factor = r.last().unwrap() / lead;
        for (k, c) in b.iter().enumerate() {
            r[shift + k] -= &factor * c;
        }
        q[shift] = factor;
        r.pop();
        trim(&mut r);
    }
    (q, r)
}

fn remainder(a: &[Rational], b: &[Rational]) -> Univariate {
    divide(a, b).1
}

/// The Sturm sequence of a trimmed `p` of degree ≥ 1: `p`, `p'`, then the
/// negated remainders.
fn sequence(p: Univariate) -> Vec<Univariate> {
    let dp = derivative(&p);
    let mut seq = vec![p, dp];
    loop {
        crate::budget::checkpoint();
        let n = seq.len();
        let r = remainder(&seq[n - 2], &seq[n - 1]);
        if r.is_empty() {
            break;
        }
        seq.push(r.into_iter().map(|c| -c).collect());
    }
    seq
}

/// Number of distinct real roots of `p` (which must not be the zero polynomial).
pub fn count_real_roots(p: &[Rational]) -> usize {
    let mut p0: Univariate = p.to_vec();
    trim(&mut p0);
    assert!(
        !p0.is_empty(),
        "the zero polynomial has infinitely many roots"
    );
    if p0.len() == 1 {
        return 0;
    }
    let seq = sequence(p0);
    // Signs at +∞ are the signs of the leading coefficients; at −∞ they flip
    // with odd degree.
    let at_pos: Vec<bool> = seq
        .iter()
        .map(|q| q.last().unwrap().is_positive())
        .collect();
    let at_neg: Vec<bool> = seq
        .iter()
        .map(|q| q.last().unwrap().is_positive() ^ (q.len() % 2 == 0))
        .collect();
    let changes = |signs: &[bool]| signs.windows(2).filter(|w| w[0] != w[1]).count();
    changes(&at_neg) - changes(&at_pos)
}

fn eval(p: &[Rational], x: &Rational) -> Rational {
    p.iter().rev().fold(Rational::zero(), |acc, c| acc * x + c)
}

/// `p` times the positive lcm of its denominators: the same signs
/// everywhere, with integer coefficients.
fn integral(p: &[Rational]) -> Vec<BigInt> {
    let lcm = p.iter().fold(BigInt::one(), |l, c| l.lcm(c.denom()));
    p.iter().map(|c| c.numer() * (&lcm / c.denom())).collect()
}

/// The sign of `b^d · p(a/b)` for `x = a/b` in lowest terms (`b > 0`), which
/// is the sign of `p(x)`: homogeneous Horner in integers, so that no gcd is
/// taken (the bisection evaluates the whole sequence at every midpoint, and
/// rational arithmetic spends most of that time reducing fractions).
fn sign_at(p: &[BigInt], x: &Rational) -> Sign {
    let (a, b) = (x.numer(), x.denom());
    let mut b_power = BigInt::one();
    let mut acc = BigInt::zero();
    for (k, c) in p.iter().rev().enumerate() {
        if k > 0 {
            b_power *= b;
            acc *= a;
        }
        acc += c * &b_power;
    }
    acc.sign()
}

/// Sign changes of the Sturm sequence at `x` (zeros skipped).
fn changes_at(seq: &[Vec<BigInt>], x: &Rational) -> usize {
    let signs: Vec<bool> = seq
        .iter()
        .map(|q| sign_at(q, x))
        .filter(|s| *s != Sign::NoSign)
        .map(|s| s == Sign::Plus)
        .collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// Degrees above which [`rational_roots`] declines (Sturm sequences of
/// high degree grow huge coefficients).
pub const MAX_ROOTS_DEGREE: usize = 100;

/// Bits of an integer coefficient above which [`rational_roots`] declines
/// (the bisection's depth and its Sturm sequence grow with them).
pub const MAX_ROOTS_BITS: u64 = 1024;

/// The rational roots of `p` (not the zero polynomial), sorted; `None`
/// when, once the root 0 is divided out, its degree is above
/// [`MAX_ROOTS_DEGREE`] or its integer coefficients longer than
/// [`MAX_ROOTS_BITS`].
///
/// A rational root `a/b` in lowest terms of an integer polynomial has `b`
/// dividing the leading coefficient `c` (Gauss), so two of them are at
/// least `1/c` apart: each real root is isolated by bisection on Sturm
/// counts down to an interval shorter than `1/c`, which holds at most one
/// candidate `N/c`, checked exactly. No divisors are enumerated, so large
/// coefficients cost bits of bisection, not trial division.
pub fn rational_roots(p: &[Rational]) -> Option<Vec<Rational>> {
    let mut p: Univariate = p.to_vec();
    trim(&mut p);
    assert!(!p.is_empty(), "the zero polynomial has every root");
    let mut roots = Vec::new();
    let zeros = p.iter().take_while(|c| c.is_zero()).count();
    if zeros > 0 {
        roots.push(Rational::zero());
        p.drain(..zeros);
    }
    if p.len() > MAX_ROOTS_DEGREE + 1 {
        return None;
    }
    let p: Univariate = integral(&p)
        .into_iter()
        .map(Rational::from_integer)
        .collect();
    if p.len() == 1 {
        return Some(roots);
    }
    if p.iter().any(|c| c.numer().bits() > MAX_ROOTS_BITS) {
        return None;
    }
    let lead = p.last().expect("degree ≥ 1").abs();
    // Cauchy's bound: every root lies in (−bound, bound).
    let bound = p[..p.len() - 1]
        .iter()
        .map(|c| c.abs() / &lead)
        .max()
        .expect("degree ≥ 1")
        + Rational::one();
    // Square-free, so that the Sturm counts hold at roots that are ends
    // of intervals (the sequence's last entry is gcd(p, p')).
    let mut seq = sequence(p.clone());
    let gcd = seq.last().expect("p and p'").clone();
    if gcd.len() > 1 {
        seq = sequence(divide(&p, &gcd).0);
    }
    let seq: Vec<Vec<BigInt>> = seq.iter().map(|q| integral(q)).collect();
    let width = Rational::one() / &lead;
    // Half-open intervals (lo, hi] with their Sturm counts at the ends.
    let lo = -bound.clone();
    let mut stack = vec![(changes_at(&seq, &lo), lo, changes_at(&seq, &bound), bound)];
    while let Some((c_lo, lo, c_hi, hi)) = stack.pop() {
        crate::budget::checkpoint();
        let count = c_lo.saturating_sub(c_hi);
        if count == 0 {
            continue;
        }
        if count == 1 && &hi - &lo < width {
            // The multiples of 1/lead in (lo, hi]: at most one.
            let n = (&hi * &lead).floor();
            let x = n / &lead;
            if x > lo && eval(&p, &x).is_zero() {
                roots.push(x);
            }
            continue;
        }
        let mid = (&lo + &hi) / Rational::from_integer(2.into());
        let c_mid = changes_at(&seq, &mid);
        stack.push((c_lo, lo, c_mid, mid.clone()));
        stack.push((c_mid, mid, c_hi, hi));
    }
    roots.sort();
    Some(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poly(cs: &[i64]) -> Univariate {
        cs.iter()
            .map(|&c| Rational::from_integer(c.into()))
            .collect()
    }

    #[test]
    fn counts_distinct_real_roots() {
        assert_eq!(count_real_roots(&poly(&[1, 0, 1])), 0); // 1 + s^2
        assert_eq!(count_real_roots(&poly(&[-1, 0, 1])), 2); // s^2 - 1
        assert_eq!(count_real_roots(&poly(&[1, 0, -2, 0, 1])), 2); // (s^2 - 1)^2
        assert_eq!(count_real_roots(&poly(&[1, 2, 1])), 1); // (1 + s)^2
        assert_eq!(count_real_roots(&poly(&[1, 0, 1, 0, 1])), 0); // 1 + s^2 + s^4
        assert_eq!(count_real_roots(&poly(&[0, -1, 0, 1])), 3); // s^3 - s
        assert_eq!(count_real_roots(&poly(&[5])), 0);
    }

    #[test]
    fn finds_rational_roots_exactly() {
        let q = |a: i64, b: i64| Rational::new(a.into(), b.into());
        // s·(2s − 1)²·(3s + 4)·(s² − 2)·(s − 7/1000), multiplied out here:
        // rational roots −4/3, 0, 7/1000 and 1/2 (double); ±√2 are not.
        let mul = |a: &[Rational], b: &[Rational]| {
            let mut c = vec![Rational::zero(); a.len() + b.len() - 1];
            for (i, x) in a.iter().enumerate() {
                for (j, y) in b.iter().enumerate() {
                    c[i + j] += x * y;
                }
            }
            c
        };
        let factors = [
            poly(&[-1, 2]),
            poly(&[-1, 2]),
            poly(&[4, 3]),
            poly(&[-2, 0, 1]),
            vec![q(-7, 1000), q(1, 1)],
        ];
        let p = factors.iter().fold(poly(&[0, 1]), |p, f| mul(&p, f));
        assert_eq!(
            rational_roots(&p),
            Some(vec![q(-4, 3), q(0, 1), q(7, 1000), q(1, 2)])
        );
        assert_eq!(rational_roots(&poly(&[1, 0, 1])), Some(vec![]));
        assert_eq!(rational_roots(&poly(&[5])), Some(vec![]));
    }
}
