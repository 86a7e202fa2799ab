//! A lower bound for the whole box: the rank of K's Jacobian where K vanishes.
//!
//! Let K = c·Σ c_j g_j² (one sum of squares, c, c_j > 0) and suppose that
//! the generators g_j and all ρ×ρ minors of their Jacobian ∂g/∂w have no
//! common zero — certified by cofactors with Σ q·p = 1
//! ([`unit_cofactors`]). Then at every zero w of K some ρ generators have
//! independent differentials, are part of a coordinate system near w, and
//! K ≥ c′·(their squares) there: with a bounded prior, the local zeta
//! function is at most that of a sum of ρ squared coordinates for real z,
//! which has no pole right of −ρ/2 and a simple one there. Away from the
//! zeros K is a unit. So over the whole box
//!
//! > λ ≥ ρ/2, and at λ = ρ/2 the order is 1.
//!
//! The bound decides λ as soon as one chart attains a pole −ρ/2 (its part
//! of ζ blows up there, so λ ≤ ρ/2): then λ = ρ/2, m = 1, and the charts
//! not yet resolved cannot change it (`strategy` stops there). It applies
//! where the fiber {K = 0} is smooth of codimension ρ with the generators'
//! rank ρ everywhere on it, even at complex points, in the coordinates
//! given, and a certificate is found within the caps below: LDA (2, 2, 3, 2)
//! and (3, 3, 2, 2), for instance (`docs/models.md`); none was found for
//! (4, 2, 2, 2), likely because its stick-breaking coordinates lose rank
//! where a fraction is 0.

use num_traits::{Signed, Zero};

use crate::poly::nullstellensatz::unit_cofactors;
use crate::poly::{determinant, Limits, Poly, Rational};
use crate::problem::{Factor, Problem};

/// Most minors of one size tried.
const MAX_MINORS: usize = 256;

/// Most unknown coefficients in one search for cofactors.
const MAX_UNKNOWNS: usize = 8000;

/// The certificate of λ ≥ ρ/2 (order 1 there) over the whole box.
#[derive(Clone, Debug, PartialEq)]
pub struct RankBound {
    /// ρ.
    pub rank: usize,
    /// ρ/2.
    pub lambda: Rational,
    /// The cofactor of each generator of K's sum of squares.
    pub generator_cofactors: Vec<Poly>,
    /// The ρ×ρ minors with a cofactor: their rows (generators) and
    /// columns (coordinates), and the cofactor.
    pub minor_cofactors: Vec<(Vec<usize>, Vec<usize>, Poly)>,
}

/// The generators of K when K is a positive constant times one sum of
/// squares (the only form the bound is stated for).
pub fn generators(problem: &Problem) -> Option<Vec<Poly>> {
    match &problem.k_factors {
        (c, factors) if c.is_positive() && factors.len() == 1 => match &factors[0] {
            Factor::Sos(gens) => Some(gens.iter().map(|(_, g)| g.clone()).collect()),
            Factor::Power(..) => None,
        },
        _ => None,
    }
}

/// The ρ×ρ minor of the generators' Jacobian in these rows and columns.
pub fn minor(gens: &[Poly], rows: &[usize], cols: &[usize], limits: &Limits) -> Option<Poly> {
    let m: Vec<Vec<Poly>> = rows
        .iter()
        .map(|&r| cols.iter().map(|&c| gens[r].derivative(c)).collect())
        .collect();
    determinant(&m, limits).ok()
}

/// The largest ρ for which the bound is certified, with its certificate;
/// global problems only. A ρ at which the Jacobian has lower rank at one
/// of the `points` that is a zero of K has no certificate, and is not
/// searched for.
pub fn lower_bound(problem: &Problem, points: &[Vec<Rational>]) -> Option<RankBound> {
    if problem.point.is_some() {
        return None;
    }
    let gens = generators(problem)?;
    let d = problem.dim();
    let limits = Limits::default();
    let zeros: Vec<&Vec<Rational>> = points
        .iter()
        .filter(|x| gens.iter().all(|g| g.eval(x).is_zero()))
        .collect();
    for rank in (1..=gens.len().min(d)).rev() {
        // Counted before they are listed: with many coordinates the lists
        // alone would outlast a short time limit.
        if binomial(gens.len(), rank).saturating_mul(binomial(d, rank)) > MAX_MINORS {
            continue;
        }
        let rows = super::leaf::subsets(&(0..gens.len()).collect::<Vec<_>>(), rank);
        let cols = super::leaf::subsets(&(0..d).collect::<Vec<_>>(), rank);
        let mut minors = Vec::new();
        for r in &rows {
            for c in &cols {
                crate::budget::checkpoint();
                let m = minor(&gens, r, c, &limits)?;
                if !m.is_zero() {
                    minors.push((r.clone(), c.clone(), m));
                }
            }
        }
        let lower_at = |x: &Vec<Rational>| minors.iter().all(|(_, _, m)| m.eval(x).is_zero());
        if minors.is_empty() || zeros.iter().any(|x| lower_at(x)) {
            continue;
        }
        let polys: Vec<Poly> = gens
            .iter()
            .cloned()
            .chain(minors.iter().map(|(_, _, m)| m.clone()))
            .collect();
        let top = polys.iter().map(Poly::degree).max().unwrap_or(0);
        for degree in top..=top + 1 {
            if let Some(q) = unit_cofactors(&polys, degree, MAX_UNKNOWNS) {
                let (generator_cofactors, rest) = q.split_at(gens.len());
                return Some(RankBound {
                    rank,
                    lambda: Rational::new((rank as u32).into(), 2u32.into()),
                    generator_cofactors: generator_cofactors.to_vec(),
                    minor_cofactors: minors
                        .into_iter()
                        .zip(rest)
                        .filter(|(_, q)| !q.is_zero())
                        .map(|((r, c, _), q)| (r, c, q.clone()))
                        .collect(),
                });
            }
        }
    }
    None
}

/// n choose k, saturating.
fn binomial(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |c, i| c.saturating_mul(n - i) / (i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Problem {
        crate::parse(text).expect("parses")
    }

    #[test]
    fn two_independent_generators_bound_lambda_by_one() {
        // Two planes through a line of the cube: rank 2 everywhere.
        let p = problem("vars x, y, z; K = sos(x + y - z, x - y);");
        let b = lower_bound(&p, &[]).expect("a certificate");
        assert_eq!(
            (b.rank, b.lambda.clone()),
            (2, Rational::from_integer(1.into()))
        );
        assert!(crate::check::rank_bound_holds(&p, &b));
    }

    #[test]
    fn a_tangency_keeps_the_rank_down() {
        // x and y² meet at the origin with rank 1: only λ ≥ 1/2 (λ = 3/4).
        let p = problem("vars x, y; K = sos(x, y^2);");
        let b = lower_bound(&p, &[]).expect("a certificate");
        assert_eq!(b.rank, 1);
        assert!(crate::check::rank_bound_holds(&p, &b));
    }

    #[test]
    fn a_changed_certificate_does_not_hold() {
        let p = problem("vars x, y, z; K = sos(x + y - z, x - y);");
        let mut b = lower_bound(&p, &[]).unwrap();
        b.rank = 1;
        assert!(!crate::check::rank_bound_holds(&p, &b));
        let mut b = lower_bound(&p, &[]).unwrap();
        b.generator_cofactors[0] = b.generator_cofactors[0].add(&Poly::var(3, 0));
        assert!(!crate::check::rank_bound_holds(&p, &b));
    }

    #[test]
    fn products_and_local_problems_are_not_bounded_here() {
        assert_eq!(lower_bound(&problem("vars x, y; K = (x*y)^2;"), &[]), None);
        assert_eq!(
            lower_bound(&problem("vars x, y; K = sos(x, y); at x = 0, y = 0;"), &[]),
            None
        );
    }
}
