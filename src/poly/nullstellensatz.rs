//! Certificates that polynomials have no common zero, not even a complex
//! one: cofactors `q_i` with `Σ q_i·p_i = 1` (Hilbert's Nullstellensatz
//! says they exist exactly then), searched for up to a total degree by
//! linear algebra over the rationals. Whoever holds the cofactors checks
//! the claim by one expansion.

use std::collections::BTreeMap;

use num_traits::{One, Zero};

use super::{Exponent, Limits, Poly, Rational};

/// Cofactors `q_i`, one per polynomial, with `Σ q_i·p_i = 1` and every
/// `deg q_i + deg p_i ≤ degree`, if there are such and the search has at
/// most `max_unknowns` unknown coefficients (`None` otherwise, and when
/// there are none). Deterministic.
pub fn unit_cofactors(polys: &[Poly], degree: u32, max_unknowns: usize) -> Option<Vec<Poly>> {
    let nvars = polys.first()?.nvars();
    let limits = Limits::default();
    // One unknown per polynomial and monomial multiplier: its column is
    // the multiplier times the polynomial.
    let mut columns: Vec<(usize, Exponent)> = Vec::new();
    let multipliers =
        |p: &Poly| (!p.is_zero() && p.degree() <= degree).then(|| degree - p.degree());
    // Counted before they are listed: the lists grow like nvars^degree.
    let unknowns = polys
        .iter()
        .filter_map(multipliers)
        .fold(0usize, |n, e| n.saturating_add(count(nvars, e)));
    if unknowns > max_unknowns {
        return None;
    }
    for (i, p) in polys.iter().enumerate() {
        let Some(extra) = multipliers(p) else {
            continue;
        };
        for mu in monomials(nvars, extra) {
            columns.push((i, mu));
        }
    }
    // An echelon basis of the columns' span, keyed by leading monomial
    // (graded order: the highest degree first), each vector with the
    // combination of columns it is.
    let mut basis: BTreeMap<Graded, (Poly, BTreeMap<usize, Rational>)> = BTreeMap::new();
    for (c, (i, mu)) in columns.iter().enumerate() {
        crate::budget::checkpoint();
        let mut v = polys[*i]
            .mul(&Poly::monomial(mu.clone(), Rational::one()), &limits)
            .ok()?;
        let mut combination = BTreeMap::from([(c, Rational::one())]);
        while let Some(lead) = leading(&v) {
            let Some((row, row_combination)) = basis.get(&lead) else {
                break;
            };
            let factor = v.coeff(&lead.1) / row.coeff(&lead.1);
            v = v.sub(&row.scale(&factor));
            for (k, x) in row_combination {
                let entry = combination.entry(*k).or_insert_with(Rational::zero);
                *entry -= &factor * x;
                if entry.is_zero() {
                    combination.remove(k);
                }
            }
        }
        if let Some(lead) = leading(&v) {
            // The constant is the smallest monomial: a vector led by it is a
            // constant, and 1 is in the span.
            if lead.0 == 0 {
                let c = v.constant_term();
                let mut cofactors = vec![Poly::zero(nvars); polys.len()];
                for (k, x) in combination {
                    let (i, mu) = &columns[k];
                    cofactors[*i].add_assign(&Poly::monomial(mu.clone(), x / &c));
                }
                return Some(cofactors);
            }
            basis.insert(lead, (v, combination));
        }
    }
    None
}

/// A monomial in the graded order: total degree, then the exponents.
type Graded = (u32, Exponent);

fn leading(p: &Poly) -> Option<Graded> {
    p.terms()
        .map(|(e, _)| (e.iter().sum::<u32>(), e.clone()))
        .max()
}

/// How many monomials in `nvars` variables have total degree at most
/// `degree`: (nvars + degree choose degree), saturating.
fn count(nvars: usize, degree: u32) -> usize {
    (0..degree as usize).fold(1usize, |c, i| c.saturating_mul(nvars + i + 1) / (i + 1))
}

/// Every monomial in `nvars` variables of total degree at most `degree`,
/// in a fixed order.
fn monomials(nvars: usize, degree: u32) -> Vec<Exponent> {
    let mut out = vec![vec![0; nvars]];
    for i in 0..nvars {
        let mut next = Vec::new();
        for e in &out {
            let used: u32 = e.iter().sum();
            for k in 0..=degree - used {
                let mut f = e.clone();
                f[i] = k;
                next.push(f);
            }
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(n: usize, i: usize) -> Poly {
        Poly::var(n, i)
    }

    fn constant(n: usize, c: i64) -> Poly {
        Poly::constant(n, Rational::from_integer(c.into()))
    }

    fn combine(polys: &[Poly], cofactors: &[Poly]) -> Poly {
        let limits = Limits::default();
        let mut sum = Poly::zero(polys[0].nvars());
        for (p, q) in polys.iter().zip(cofactors) {
            sum = sum.add(&p.mul(q, &limits).unwrap());
        }
        sum
    }

    #[test]
    fn a_sphere_and_its_gradient_have_no_common_zero() {
        let l = Limits::default();
        let square = |i| var(3, i).pow(2, &l).unwrap();
        let sphere = square(0)
            .add(&square(1))
            .add(&square(2))
            .sub(&constant(3, 1));
        let two = Rational::from_integer(2.into());
        let polys = vec![
            sphere,
            var(3, 0).scale(&two),
            var(3, 1).scale(&two),
            var(3, 2).scale(&two),
        ];
        let q = unit_cofactors(&polys, 2, 1000).expect("a certificate");
        assert_eq!(combine(&polys, &q), Poly::one(3));
    }

    #[test]
    fn a_common_zero_has_no_certificate() {
        // x and y², with the derivative 2y, vanish together at the origin.
        let l = Limits::default();
        let two = Rational::from_integer(2.into());
        let polys = vec![
            var(2, 0),
            var(2, 1).pow(2, &l).unwrap(),
            var(2, 1).scale(&two),
        ];
        assert_eq!(unit_cofactors(&polys, 6, 10_000), None);
    }

    #[test]
    fn monomials_are_counted_as_listed() {
        for (n, d) in [(1, 0), (1, 5), (3, 2), (4, 3), (7, 4)] {
            assert_eq!(count(n, d), monomials(n, d).len(), "{n} {d}");
        }
        assert!(count(51, 18) > 1_000_000_000);
    }

    #[test]
    fn too_many_unknowns_is_no_answer() {
        let polys = vec![var(3, 0).sub(&constant(3, 1)), var(3, 0)];
        assert_eq!(unit_cofactors(&polys, 3, 5), None);
        let q = unit_cofactors(&polys, 1, 100).expect("1 = x − (x − 1)");
        assert_eq!(combine(&polys, &q), Poly::one(3));
    }
}
