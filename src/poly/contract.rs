//! Interval constraint propagation: a box narrowed to where a system of
//! polynomial equations can hold, or shown to hold nowhere on it.
//!
//! A generator `c·u_j + r` with `c` a non-zero constant and `r` free of
//! `u_j` fixes `u_j = −r/c`, so at a common zero `u_j` lies in the range of
//! `−r/c` over the box. Intersecting each such coordinate's interval with
//! that range, round after round, narrows the box; when an interval comes
//! out empty, the system has no zero on the box. Sum-of-squares factors
//! whose generators each vanish somewhere on the box but never together
//! (`l₄ = l₂/2` with `l₄` near 0 and `l₂ = −1/2`) are certified so.

use num_traits::Zero;

use super::{pow_rational, Poly, Rational};
use crate::problem::Interval;

/// Rounds of narrowing: each can only shrink the box, but exact rational
/// ends may shrink towards a limit for ever.
const ROUNDS: usize = 8;

/// An enclosure of `g` on the box: the sum of its terms' exact ranges.
pub fn term_range(g: &Poly, domain: &[Interval]) -> (Rational, Rational) {
    let mut lo = Rational::zero();
    let mut hi = Rational::zero();
    for (e, c) in g.terms() {
        let (mut a, mut b) = (c.clone(), c.clone());
        for (iv, &k) in domain.iter().zip(e) {
            if k == 0 {
                continue;
            }
            let ends = [pow_rational(&iv.lo, k), pow_rational(&iv.hi, k)];
            // An even power over an interval through 0 reaches 0.
            let mut p = ends[0].clone().min(ends[1].clone());
            let q = ends[0].clone().max(ends[1].clone());
            if k % 2 == 0 && iv.contains_zero() {
                p = Rational::zero();
            }
            let products = [&a * &p, &a * &q, &b * &p, &b * &q];
            a = products.iter().min().expect("four").clone();
            b = products.iter().max().expect("four").clone();
        }
        lo += a;
        hi += b;
    }
    (lo, hi)
}

/// The box narrowed to where every polynomial of `system` can vanish (see
/// the module's documentation); `None` when none of its points can be a
/// common zero.
pub fn contract(system: &[&Poly], domain: &[Interval]) -> Option<Vec<Interval>> {
    Contractor::new(system).narrow(domain)
}

/// The generators of a system solved for a coordinate, found once for
/// narrowing many boxes (the cover of `poly::regular` narrows every box it
/// cuts with the same system).
pub struct Contractor {
    /// (coordinate j, constant c, rest r) for each generator `c·u_j + r`.
    solved: Vec<(usize, Rational, Poly)>,
}

impl Contractor {
    /// The system's generators of degree 1 in a coordinate with a constant
    /// coefficient, solved for it.
    pub fn new(system: &[&Poly]) -> Self {
        let mut solved = Vec::new();
        for g in system {
            for j in 0..g.nvars() {
                if g.degree_in(j) != 1 {
                    continue;
                }
                let c = g.derivative(j);
                if c.degree() == 0 {
                    let c = c.constant_term();
                    let r = g.sub(&Poly::var(g.nvars(), j).scale(&c));
                    solved.push((j, c, r));
                }
            }
        }
        Contractor { solved }
    }

    /// The box narrowed to where the system can vanish; `None` when none
    /// of its points can be a common zero.
    pub fn narrow(&self, domain: &[Interval]) -> Option<Vec<Interval>> {
        let mut domain = domain.to_vec();
        if self.solved.is_empty() {
            return Some(domain);
        }
        for _ in 0..ROUNDS {
            crate::budget::checkpoint();
            let mut changed = false;
            for (j, c, r) in &self.solved {
                let (lo, hi) = term_range(r, &domain);
                let (a, b) = (-hi / c, -lo / c);
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                let iv = &mut domain[*j];
                if b < iv.lo || iv.hi < a {
                    return None;
                }
                if a > iv.lo {
                    iv.lo = a;
                    changed = true;
                }
                if b < iv.hi {
                    iv.hi = b;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        Some(domain)
    }
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
    fn a_line_that_leaves_the_box_has_no_zero_on_it() {
        // l4 = l2/2 with l2 in [-1, -1/4] puts l4 in [-1/2, -1/8]: the box
        // keeps only l4 = -1/8, l2 = -1/4, where -4·l2² + 1 = 3/4.
        let (l2, l4) = (Poly::var(2, 0), Poly::var(2, 1));
        let line = l4.scale(&q(2, 1)).sub(&l2);
        let domain = vec![iv(q(-1, 1), q(-1, 4)), iv(q(-1, 8), q(1, 8))];
        let narrowed = contract(&[&line], &domain).expect("touches at a corner");
        assert_eq!(narrowed[0], iv(q(-1, 4), q(-1, 4)));
        assert_eq!(narrowed[1], iv(q(-1, 8), q(-1, 8)));
        let away = vec![iv(q(-1, 1), q(-1, 4)), iv(q(0, 1), q(1, 8))];
        assert!(contract(&[&line], &away).is_none());
    }
}
