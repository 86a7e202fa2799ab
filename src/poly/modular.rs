//! Arithmetic modulo one prime: fast answers to questions whose rational
//! answer can only be "at least as good". A polynomial that is nonzero
//! modulo the prime at a point is nonzero there; a matrix's rank modulo
//! the prime is at most its rank. The Nullstellensatz search decides
//! there first (`nullstellensatz`), and generic ranks of Jacobians are
//! read there (`resolve::unit`), where rationals at generic points grow
//! with every power.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::ToPrimitive;

use super::{Poly, Rational};

/// The prime: products of two residues fit in a u64.
pub const PRIME: u64 = 2_147_483_647;

/// A rational's residue; `None` if the prime divides its denominator.
pub fn residue(q: &Rational) -> Option<u64> {
    let p = BigInt::from(PRIME);
    let reduce = |n: &BigInt| n.mod_floor(&p).to_u64().unwrap_or(0);
    let d = reduce(q.denom());
    (d != 0).then(|| reduce(q.numer()) * inverse(d) % PRIME)
}

/// The inverse of a nonzero residue (Fermat).
pub fn inverse(x: u64) -> u64 {
    power(x, PRIME - 2)
}

/// `x^n`.
fn power(x: u64, mut n: u64) -> u64 {
    let (mut base, mut out) = (x % PRIME, 1u64);
    while n > 0 {
        if n & 1 == 1 {
            out = out * base % PRIME;
        }
        base = base * base % PRIME;
        n >>= 1;
    }
    out
}

/// The polynomial's value at a point of residues; `None` if the prime
/// divides a denominator of its coefficients.
pub fn eval(p: &Poly, x: &[u64]) -> Option<u64> {
    let mut sum = 0u64;
    for (e, c) in p.terms() {
        let mut t = residue(c)?;
        for (xi, &k) in x.iter().zip(e) {
            if k > 0 {
                t = t * power(*xi, k as u64) % PRIME;
            }
        }
        sum = (sum + t) % PRIME;
    }
    Some(sum)
}

/// Two points of residues, in `d` coordinates, where a polynomial that is
/// not identically zero is nonzero but for a coincidence (of probability
/// at most its degree over the prime, by Schwartz–Zippel): coordinate i
/// at a·i + 1 for two multipliers a.
pub fn generic_points(d: usize) -> Vec<Vec<u64>> {
    [48_271u64, 69_621]
        .into_iter()
        .map(|a| (1..=d as u64).map(|i| a * i % PRIME + 1).collect())
        .collect()
}

/// The rank of a matrix of residues (Gaussian elimination).
pub fn rank(mut m: Vec<Vec<u64>>) -> usize {
    let cols = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    for c in 0..cols {
        let Some(pivot) = (rank..m.len()).find(|&r| m[r][c] != 0) else {
            continue;
        };
        m.swap(rank, pivot);
        let (top, below) = m.split_at_mut(rank + 1);
        let pivot_row = &top[rank];
        let inv = inverse(pivot_row[c]);
        for row in below {
            let factor = row[c] * inv % PRIME;
            if factor == 0 {
                continue;
            }
            for (x, p) in row[c..].iter_mut().zip(&pivot_row[c..]) {
                *x = (*x + PRIME - factor * p % PRIME) % PRIME;
            }
        }
        rank += 1;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residues_invert_and_evaluate() {
        let half = Rational::new(1.into(), 2.into());
        let h = residue(&half).unwrap();
        assert_eq!(h * 2 % PRIME, 1);
        assert_eq!(
            residue(&Rational::new(1.into(), (PRIME as i64).into())),
            None
        );
        // x·y − 1/2 at x = 3, y = 1/6: 0.
        let p = Poly::var(2, 0)
            .mul(&Poly::var(2, 1), &Default::default())
            .unwrap()
            .sub(&Poly::constant(2, half));
        let sixth = residue(&Rational::new(1.into(), 6.into())).unwrap();
        assert_eq!(eval(&p, &[3, sixth]), Some(0));
        assert_eq!(eval(&p, &[3, 1]), Some(3 + PRIME - h));
    }

    #[test]
    fn rank_of_a_singular_matrix() {
        assert_eq!(rank(vec![vec![1, 2], vec![2, 4]]), 1);
        assert_eq!(rank(vec![vec![0, 1, 0], vec![1, 0, 0]]), 2);
        assert_eq!(rank(vec![]), 0);
    }
}
