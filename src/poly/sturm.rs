//! Real roots of univariate polynomials over ℚ, decided exactly by Sturm
//! sequences (Sturm 1829; e.g. Basu, Pollack, Roy, *Algorithms in Real
//! Algebraic Geometry*, Thm. 2.50). The count is of distinct real roots and
//! holds whether or not the polynomial is square-free.

use num_traits::{Signed, Zero};

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

/// Remainder of `a` divided by `b` (`b` non-zero, trimmed).
fn remainder(a: &[Rational], b: &[Rational]) -> Univariate {
    let mut r: Univariate = a.to_vec();
    trim(&mut r);
    let lead = b.last().expect("divisor is non-zero");
    while r.len() >= b.len() {
        let shift = r.len() - b.len();
        let factor = r.last().unwrap() / lead;
        for (k, c) in b.iter().enumerate() {
            r[shift + k] -= &factor * c;
        }
        r.pop();
        trim(&mut r);
    }
    r
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
    let mut seq = vec![p0.clone(), derivative(&p0)];
    loop {
        let n = seq.len();
        let r = remainder(&seq[n - 2], &seq[n - 1]);
        if r.is_empty() {
            break;
        }
        seq.push(r.into_iter().map(|c| -c).collect());
    }
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
}
