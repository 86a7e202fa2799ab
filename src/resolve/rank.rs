//! A lower bound for the whole box: the rank of K's Jacobian where K vanishes.
//!
//! Let K = c·Σ c_j g_j² (one sum of squares, c, c_j > 0) and suppose that
//! the generators g_j and some ρ×ρ minors of their Jacobian ∂g/∂w have no
//! common zero — certified by cofactors with Σ q·p = 1
//! ([`unit_cofactors`]). Then at every zero w of K one of those minors is
//! nonzero: its ρ generators have independent differentials, are part of
//! a coordinate system near w, and K ≥ c′·(their squares) there. With a
//! bounded prior, the local zeta function is at most that of a sum of ρ
//! squared coordinates for real z, which has no pole right of −ρ/2 and a
//! simple one there. Away from the zeros K is a unit. So over the whole
//! box
//!
//! > λ ≥ ρ/2, and at λ = ρ/2 the order is 1.
//!
//! Minors of models are often products of small factors, most of which
//! have no zero where K vanishes: in LDA's stick-breaking coordinates the
//! fractions s_h and the differences b_i − b_j of documents that differ.
//! Such a factor f (a [`Unit`], with its own cofactors: Σ q·g + q_f·f = 1)
//! is divided out of every minor before the search: a minor vanishes at a
//! zero of K exactly when what is left of it does, and that is of much
//! lower degree (often a constant, and the certificate is immediate).
//!
//! The bound decides λ as soon as one chart attains a pole −ρ/2 (its part
//! of ζ blows up there, so λ ≤ ρ/2): then λ = ρ/2, m = 1, and the charts
//! not yet resolved cannot change it (`strategy` stops there). It applies
//! where the fiber {K = 0} is smooth of codimension ρ with the generators'
//! rank ρ everywhere on it, even at complex points, in the coordinates
//! given, and a certificate is found within the caps below: LDA (2, 2, 3, 2)
//! and (3, N, 2, 2) for N up to 11 at least, for instance
//! (`docs/models.md`; from N = 4 on with the minors of ρ of the
//! generators, and with units).

use std::collections::{BTreeMap, BTreeSet};

use num_traits::{Signed, Zero};

use super::unit::{self, Unit};
use crate::poly::factor::{divide_out, factor};
use crate::poly::nullstellensatz::{rabinowitsch, radical_cofactors, unit_cofactors, unknowns};
use crate::poly::{determinant, Limits, Poly, Rational};
use crate::problem::{Factor, Interval, Problem};

/// Most minors in one search for cofactors.
const MAX_MINORS: usize = 256;

/// Most sets of rows whose minors are searched, for one ρ.
const MAX_ROW_SETS: usize = 4;

/// Most sets of rows looked at, for one ρ, to find those.
const MAX_ROW_SETS_LOOKED_AT: usize = 1024;

/// Most unknown coefficients in one search for cofactors (most searches
/// fail, and fail fast, modulo a prime; see `unit_cofactors`).
const MAX_UNKNOWNS: usize = 40_000;

/// Most unknown coefficients in all the searches for one problem.
const MAX_WORK: usize = 300_000;

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
    /// columns (coordinates), and the cofactor of the minor with the
    /// `units` divided out.
    pub minor_cofactors: Vec<(Vec<usize>, Vec<usize>, Poly)>,
    /// Factors of the minors with no zero on K's zero set (not even a
    /// complex one), each with its own certificate.
    pub units: Vec<Unit>,
    /// When not empty, the bound holds off a stratum only (see
    /// [`Exception`]): near every zero of K where one of these polynomials
    /// is nonzero. The cofactors above are then empty.
    pub off: Vec<Exception>,
}

impl RankBound {
    /// Whether the bound holds over the whole box (no stratum left out).
    pub fn whole(&self) -> bool {
        self.off.is_empty()
    }
}

/// A polynomial f that vanishes wherever the Jacobian may have rank below
/// ρ on K's zero set: f is in the radical of the ideal of the generators
/// and some ρ×ρ minors (the units divided out), by Rabinowitsch's trick —
/// `Σ q_i·g_i + Σ q·minor + q_f·(1 − y·f) = 1` in one more variable y
/// ([`radical_cofactors`]). At a zero of K where f ≠ 0 some minor is then
/// nonzero, and λ ≥ ρ/2 (order 1 there) holds near it.
#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    /// f, in the problem's coordinates.
    pub f: Poly,
    /// The cofactor of each generator, in the coordinates and y (last).
    pub generator_cofactors: Vec<Poly>,
    /// The minors with a cofactor: rows, columns, cofactor.
    pub minor_cofactors: Vec<(Vec<usize>, Vec<usize>, Poly)>,
    /// The cofactor of 1 − y·f.
    pub cofactor: Poly,
}

/// The generators of K when K is a positive constant times one sum of
/// squares (the only form the bound is stated for).
fn generators(problem: &Problem) -> Option<Vec<Poly>> {
    match &problem.k_factors {
        (c, factors) if c.is_positive() && factors.len() == 1 => match &factors[0] {
            Factor::Sos(gens) => Some(gens.iter().map(|(_, g)| g.clone()).collect()),
            Factor::Power(..) => None,
        },
        _ => None,
    }
}

/// The ρ×ρ minor of the Jacobian in these rows and columns.
fn minor(jacobian: &[Vec<Poly>], rows: &[usize], cols: &[usize], limits: &Limits) -> Option<Poly> {
    let m: Vec<Vec<Poly>> = rows
        .iter()
        .map(|&r| cols.iter().map(|&c| jacobian[r][c].clone()).collect())
        .collect();
    determinant(&m, limits).ok()
}

/// The largest ρ for which the bound is certified, with its certificate;
/// global problems only. When zeros that look smooth (see
/// [`smooth_zeros`]) have a higher least rank, the bound off a stratum at
/// that rank if one is certified (see [`Exception`]), in its place. A ρ at which the Jacobian has lower rank at one
/// of the `points` that is a zero of K has no certificate, and is not
/// searched for.
pub fn lower_bound(problem: &Problem, points: &[Vec<Rational>]) -> Option<RankBound> {
    if problem.point.is_some() {
        return None;
    }
    let gens = generators(problem)?;
    let d = problem.dim();
    let limits = Limits::default();
    let jacobian: Vec<Vec<Poly>> = gens
        .iter()
        .map(|g| (0..d).map(|c| g.derivative(c)).collect())
        .collect();
    let at = |x: &[Rational]| evaluate(&jacobian, x);
    // The rank of the Jacobian (or of some of its rows) is read at
    // points: below ρ at a zero of K, there is no certificate; below ρ at
    // every generic point, the minors vanish identically.
    let zeros: Vec<Vec<Vec<Rational>>> = points
        .iter()
        .filter(|x| gens.iter().all(|g| g.eval(x).is_zero()))
        .map(|x| at(x))
        .collect();
    let generic: Vec<Vec<Vec<Rational>>> = generic_points(&problem.domain)
        .iter()
        .map(|x| at(x))
        .collect();
    // Rows of full rank at a generic point and at every zero.
    let viable = |rows: &[usize]| {
        generic.iter().any(|j| rank_of(j, rows) == rows.len())
            && zeros.iter().all(|j| rank_of(j, rows) == rows.len())
    };
    let all: Vec<usize> = (0..gens.len()).collect();
    // Whether each factor met in a minor is a unit on the zero set, asked
    // once per problem.
    let mut tested: BTreeMap<Poly, Option<Unit>> = BTreeMap::new();
    let generic_rank = generic.iter().map(|j| rank_of(j, &all)).max()?;
    let highest = zeros
        .iter()
        .map(|j| rank_of(j, &all))
        .fold(generic_rank, usize::min);
    // Where the fiber looks smooth of codimension r, λ ≤ r/2 nearby: a
    // bound off a stratum is worth seeking at the least such r only, if it
    // is at least `from` and has few enough minors to be searched.
    let off_from = |from: usize, tested: &mut BTreeMap<Poly, Option<Unit>>| {
        let searchable = |r: usize| r >= 2 && binomial(d, r) <= MAX_MINORS;
        if !(from..=generic_rank).any(searchable) {
            return None;
        }
        let smooth = smooth_zeros(&gens, &jacobian, problem);
        let target = smooth.iter().map(|z| z.rank).min()?;
        if target < from || !searchable(target) {
            return None;
        }
        off_stratum(&gens, &jacobian, &generic, problem, target, &smooth, tested)
    };
    let mut work = MAX_WORK;
    for rank in (1..=highest).rev() {
        // Counted before they are listed: with many coordinates the lists
        // alone would outlast a short time limit.
        let per_rows = binomial(d, rank);
        if per_rows > MAX_MINORS {
            continue;
        }
        let cols = super::leaf::subsets(&(0..d).collect::<Vec<_>>(), rank);
        // Any set of minors serves: if they and the generators have no
        // common zero, one of them is nonzero at each zero of K. All of
        // them where they are few, else those of one set of ρ rows at a
        // time: the first few, in order, of full rank at the points.
        let row_sets: Vec<Vec<Vec<usize>>> =
            if binomial(gens.len(), rank).saturating_mul(per_rows) <= MAX_MINORS {
                vec![super::leaf::subsets(&all, rank)]
            } else {
                Combinations::new(gens.len(), rank)
                    .take(MAX_ROW_SETS_LOOKED_AT)
                    .filter(|r| viable(r))
                    .take(MAX_ROW_SETS)
                    .map(|r| vec![r])
                    .collect()
            };
        for rows in row_sets {
            let mut minors = Vec::new();
            for r in &rows {
                for c in &cols {
                    crate::budget::checkpoint();
                    let m = minor(&jacobian, r, c, &limits)?;
                    if !m.is_zero() {
                        minors.push((r.clone(), c.clone(), m));
                    }
                }
            }
            let units = units_dividing(&gens, &minors, &mut tested, &mut work);
            if let Some(bound) = certificate(&gens, minors, units, rank, &mut work) {
                // A bound at or above the rank of the smooth zeros is
                // attained there, and decides at its first leaf.
                return off_from(rank + 1, &mut tested).or(Some(bound));
            }
        }
    }
    off_from(2, &mut tested)
}

/// The Jacobian's entries at a point.
fn evaluate(jacobian: &[Vec<Poly>], x: &[Rational]) -> Vec<Vec<Rational>> {
    jacobian
        .iter()
        .map(|row| row.iter().map(|p| p.eval(x)).collect())
        .collect()
}

/// The rank of some rows of an evaluated Jacobian.
fn rank_of(j: &[Vec<Rational>], rows: &[usize]) -> usize {
    crate::newton::rank(rows.iter().map(|&r| j[r].clone()).collect())
}

/// Points of the box where a polynomial that is not identically zero
/// is nonzero but for a coincidence: at fractions (i + 1)·a mod p / p of
/// each side i, a different one for each coordinate and none of them 1/2.
fn generic_points(domain: &[Interval]) -> Vec<Vec<Rational>> {
    [(37, 101), (59, 103)]
        .into_iter()
        .map(|(a, p)| {
            domain
                .iter()
                .enumerate()
                .map(|(i, iv)| {
                    let t = Rational::new((((i as i64 + 1) * a) % p).into(), p.into());
                    &iv.lo + (&iv.hi - &iv.lo) * t
                })
                .collect()
        })
        .collect()
}

/// Most sets of ρ − 1 rows tried as the base of an off-stratum bound.
const MAX_BASES: usize = 6;

/// Most candidate polynomials of a stratum tried.
const MAX_CANDIDATES: usize = 24;

/// Most unknowns of one Rabinowitsch search (one more variable than the
/// rank bound's: the certificates of LDA (4, 2, 2, 1) reach degree 9).
const MAX_RADICAL_UNKNOWNS: usize = 60_000;

/// Most unknowns of all the Rabinowitsch searches for one problem.
const MAX_RADICAL_WORK: usize = 1_000_000;

/// The rank bound off a stratum at ρ = `rank`, where the Jacobian's rank
/// falls below ρ somewhere on K's zero set. For ρ − 1 rows
/// B of full rank at the generic points and at the smooth zeros of rank ρ
/// (see below), the minors of the row sets
/// B ∪ {k} (k any other row) vanish at a zero of K only where the rank is
/// below ρ or B's own rank falls; a zero z of them found by elimination
/// with rank below ρ is on the stratum E. Affine polynomials vanishing at
/// z (x_i − z_i, and x_i − x_j where they agree) are candidates for E's
/// ideal, each certified in the radical of the generators and those minors
/// ([`Exception`]). A z where only B's rank falls sends the search to the
/// next B; the first z of lower rank ends it, certified or not. LDA
/// (4, 2, 2, 1): the two topics equal to the true one and b₁ = b₂, where
/// the rank is 3 and 4 elsewhere on the fiber.
///
/// Leaves off E are settled only if a leaf attains −ρ/2, so the bound is
/// kept only if one of the `smooth` zeros (see [`smooth_zeros`]) of rank ρ
/// is off E. LDA (3, 3, 2, 1) shows why: ρ = 3 falls on a line there, but
/// λ = 2 (rank 4 at every zero off the line); a bound off the line at 3/2
/// settled nothing, and the tube cut around the line cost a deeper tree.
fn off_stratum(
    gens: &[Poly],
    jacobian: &[Vec<Poly>],
    generic: &[Vec<Vec<Rational>>],
    problem: &Problem,
    rank: usize,
    smooth: &[SmoothZero],
    tested: &mut BTreeMap<Poly, Option<Unit>>,
) -> Option<RankBound> {
    let d = problem.dim();
    let all: Vec<usize> = (0..gens.len()).collect();
    let at = |x: &[Rational]| evaluate(jacobian, x);
    let limits = Limits::default();
    let mut work = MAX_WORK;
    let mut radical_work = MAX_RADICAL_WORK;
    if rank < 2 || binomial(d, rank) > MAX_MINORS {
        return None;
    }
    let cols = super::leaf::subsets(&(0..d).collect::<Vec<_>>(), rank);
    // Bases of full rank where the bound is attained: B's rank may then
    // fall only on a proper part of those components, and the minors of
    // B ∪ {k} can be nonzero there (LDA (3, 5, 2, 1): the rows of one word
    // have rank 2 all along the component where the topics are true).
    let attaining: Vec<Vec<Vec<Rational>>> = smooth
        .iter()
        .filter(|z| z.rank == rank)
        .map(|z| at(&z.point))
        .collect();
    for base in Combinations::new(gens.len(), rank - 1)
        .take(MAX_ROW_SETS_LOOKED_AT)
        .filter(|b| generic.iter().any(|j| rank_of(j, b) == rank - 1))
        .filter(|b| attaining.iter().all(|j| rank_of(j, b) == rank - 1))
        .take(MAX_BASES)
    {
        let mut minors = Vec::new();
        for k in (0..gens.len()).filter(|k| !base.contains(k)) {
            let mut rows = base.clone();
            rows.push(k);
            rows.sort_unstable();
            for c in &cols {
                crate::budget::checkpoint();
                let m = minor(jacobian, &rows, c, &limits)?;
                if !m.is_zero() && minors.len() < MAX_MINORS {
                    minors.push((rows.clone(), c.clone(), m));
                }
            }
        }
        let system: Vec<Poly> = gens
            .iter()
            .cloned()
            .chain(minors.iter().map(|(_, _, m)| m.clone()))
            .collect();
        let Some(z) = crate::poly::solve::rational_point(&system, &problem.domain) else {
            // No zero of K where these minors vanish: the plain bound's.
            continue;
        };
        if rank_of(&at(&z), &all) >= rank {
            continue;
        }
        let mut candidates: Vec<Poly> = (0..d)
            .map(|i| Poly::var(d, i).sub(&Poly::constant(d, z[i].clone())))
            .collect();
        for i in 0..d {
            for j in i + 1..d {
                if z[i] == z[j] {
                    candidates.push(Poly::var(d, i).sub(&Poly::var(d, j)));
                }
            }
        }
        candidates.truncate(MAX_CANDIDATES);
        let units = units_dividing(gens, &minors, tested, &mut work);
        let polys: Vec<Poly> = gens
            .iter()
            .cloned()
            .chain(minors.iter().map(|(_, _, m)| reduced(m, &units)))
            .collect();
        let top = polys.iter().map(Poly::degree).max().unwrap_or(0) + 1;
        let mut off = Vec::new();
        for f in &candidates {
            crate::budget::checkpoint();
            let system = rabinowitsch(&polys, f)?;
            let cost = (1..=top)
                .map(|deg| unknowns(&system, deg))
                .filter(|&n| n <= MAX_RADICAL_UNKNOWNS)
                .max()
                .unwrap_or(0);
            let Some(left) = radical_work.checked_sub(cost) else {
                break;
            };
            radical_work = left;
            let Some(q) = radical_cofactors(&polys, f, 1..=top, MAX_RADICAL_UNKNOWNS) else {
                continue;
            };
            let (generator_cofactors, rest) = q.split_at(gens.len());
            let (minor_part, last) = rest.split_at(minors.len());
            off.push(Exception {
                f: f.clone(),
                generator_cofactors: generator_cofactors.to_vec(),
                minor_cofactors: minors
                    .iter()
                    .zip(minor_part)
                    .filter(|(_, q)| !q.is_zero())
                    .map(|((r, c, _), q)| (r.clone(), c.clone(), q.clone()))
                    .collect(),
                cofactor: last[0].clone(),
            });
        }
        // The first zero of lower rank decides: other bases would
        // offer the same candidates (their failures cost as much).
        if off.is_empty() {
            return None;
        }
        let attained = smooth
            .iter()
            .any(|z| z.rank == rank && off.iter().any(|e| !e.f.eval(&z.point).is_zero()));
        if !attained {
            return None;
        }
        return Some(RankBound {
            rank,
            lambda: Rational::new((rank as u32).into(), 2u32.into()),
            generator_cofactors: Vec::new(),
            minor_cofactors: Vec::new(),
            units,
            off,
        });
    }
    None
}

/// Most coordinates sliced in the search for smooth zeros.
const MAX_SLICES: usize = 4;

/// A zero of K with the Jacobian's rank there (see [`smooth_zeros`]).
struct SmoothZero {
    point: Vec<Rational>,
    rank: usize,
}

/// Zeros of K, each with the Jacobian's rank r there, that look like
/// smooth points of a component of codimension r: rank r on a piece of
/// the fiber of dimension d − r. Near such a point K is r squared
/// coordinates and λ ≤ r/2, so no rank bound above the least r is
/// attained. Not a proof of anything (the zeros are found by a bounded
/// search, the dimension is the search's guess): it only decides where a
/// bound off a stratum is worth its cost. Each zero is sought with one of
/// a few coordinates, spread over the list, fixed at 2/7 or 3/7 of its
/// interval: inside, away from the faces where components meet.
fn smooth_zeros(gens: &[Poly], jacobian: &[Vec<Poly>], problem: &Problem) -> Vec<SmoothZero> {
    let d = problem.dim();
    let mut coordinates: Vec<usize> = (0..MAX_SLICES).map(|k| k * d / MAX_SLICES).collect();
    coordinates.dedup();
    let mut found = Vec::new();
    for i in coordinates {
        let iv = &problem.domain[i];
        for k in [2, 3] {
            crate::budget::checkpoint();
            let value = &iv.lo + (&iv.hi - &iv.lo) * Rational::new(k.into(), 7.into());
            let mut domain = problem.domain.clone();
            domain[i] = Interval::point(value);
            let Some(solution) = crate::poly::solve::solve(gens, &domain) else {
                continue;
            };
            let rank = crate::newton::rank(evaluate(jacobian, &solution.point));
            // The slice took one dimension.
            if solution.dimension + 1 + rank >= d {
                found.push(SmoothZero {
                    point: solution.point,
                    rank,
                });
            }
        }
    }
    found
}

/// The k-element subsets of 0..n in lexicographic order, one at a time.
struct Combinations {
    n: usize,
    next: Option<Vec<usize>>,
}

impl Combinations {
    fn new(n: usize, k: usize) -> Self {
        Combinations {
            n,
            next: (k <= n).then(|| (0..k).collect()),
        }
    }
}

impl Iterator for Combinations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.next.take()?;
        let k = current.len();
        // The last position that can still move right, moved, and those
        // after it packed behind it.
        self.next = (0..k)
            .rev()
            .find(|&i| current[i] < self.n - k + i)
            .map(|i| {
                let mut s = current.clone();
                s[i] += 1;
                for j in i + 1..k {
                    s[j] = s[j - 1] + 1;
                }
                s
            });
        Some(current)
    }
}

/// Cofactors for the generators and these minors, at the lowest degree
/// the search reaches, if its unknowns fit in what is left of `work`
/// (which they are taken from).
fn certificate(
    gens: &[Poly],
    minors: Vec<(Vec<usize>, Vec<usize>, Poly)>,
    units: Vec<Unit>,
    rank: usize,
    work: &mut usize,
) -> Option<RankBound> {
    let polys: Vec<Poly> = gens
        .iter()
        .cloned()
        .chain(minors.iter().map(|(_, _, m)| reduced(m, &units)))
        .collect();
    let top = polys.iter().map(Poly::degree).max().unwrap_or(0);
    let cost = (top..=top + 1)
        .map(|d| unknowns(&polys, d))
        .filter(|&n| n <= MAX_UNKNOWNS)
        .max()?;
    *work = work.checked_sub(cost)?;
    let q = unit_cofactors(&polys, top..=top + 1, MAX_UNKNOWNS)?;
    let (generator_cofactors, rest) = q.split_at(gens.len());
    Some(RankBound {
        rank,
        lambda: Rational::new((rank as u32).into(), 2u32.into()),
        generator_cofactors: generator_cofactors.to_vec(),
        minor_cofactors: minors
            .into_iter()
            .zip(rest)
            .filter(|(_, q)| !q.is_zero())
            .map(|((r, c, _), q)| (r, c, q.clone()))
            .collect(),
        units,
        off: Vec::new(),
    })
}

/// A minor with every unit divided out, as often as it divides exactly.
fn reduced(minor: &Poly, units: &[Unit]) -> Poly {
    units
        .iter()
        .fold(minor.clone(), |m, u| divide_out(m, &u.factor))
}

/// The factors of the minors that are units on the zero set of the
/// generators, with their certificates; each factor is tested once (the
/// answers are kept in `tested`) and its search is taken from `work`.
fn units_dividing(
    gens: &[Poly],
    minors: &[(Vec<usize>, Vec<usize>, Poly)],
    tested: &mut BTreeMap<Poly, Option<Unit>>,
    work: &mut usize,
) -> Vec<Unit> {
    let mut units = Vec::new();
    // Minors share most of their factors: what the factors already found
    // leave of a minor is factored, often nothing (factoring each of the
    // 103 minors of LDA (3, 11, 2, 2) whole took a second).
    let mut factors: BTreeSet<Poly> = BTreeSet::new();
    for (_, _, m) in minors {
        crate::budget::checkpoint();
        let rest = factors.iter().fold(m.clone(), divide_out);
        if rest.degree() > 0 {
            factors.extend(
                factor(&rest)
                    .1
                    .into_iter()
                    .map(|(f, _)| f)
                    .filter(|f| f.degree() > 0),
            );
        }
    }
    for f in factors {
        let unit = tested.entry(f.clone()).or_insert_with(|| {
            *work = work.checked_sub(unit::cost(gens, &f))?;
            unit::search(gens, &f, MAX_UNKNOWNS)
        });
        units.extend(unit.clone());
    }
    units
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
    fn combinations_come_in_order() {
        for (n, k) in [(5, 0), (5, 2), (6, 6), (7, 3), (3, 4)] {
            let listed = super::super::leaf::subsets(&(0..n).collect::<Vec<_>>(), k);
            let lazy: Vec<Vec<usize>> = Combinations::new(n, k).collect();
            assert_eq!(lazy.len(), binomial(n, k), "{n} {k}");
            if k <= n {
                assert_eq!(lazy, listed, "{n} {k}");
            }
        }
    }

    #[test]
    fn a_tangency_keeps_the_rank_down() {
        // x and y² meet at the origin with rank 1: over the whole box only
        // λ ≥ 1/2 (λ = 3/4), and off the origin K has no zero, so no bound
        // off it is worth having.
        let p = problem("vars x, y; K = sos(x, y^2);");
        let b = lower_bound(&p, &[]).expect("a certificate");
        assert_eq!((b.rank, b.whole()), (1, true));
        assert!(crate::check::rank_bound_holds(&p, &b));
    }

    #[test]
    fn the_rank_falls_on_a_line_of_the_fiber() {
        // The fiber of x, y²·z is the planes x = y = 0 and x = z = 0: rank
        // 1 on the first (λ = 3/4 there: x² + y⁴ where z ≠ 0), 2 on the
        // second off the line. y is certified in the radical of the
        // generators and the minors 2yz, y², and at the zeros where y ≠ 0
        // the rank is 2 on a line: λ ≥ 1 near them, attained there.
        let p = problem("vars x, y, z; K = sos(x, y^2*z);");
        let b = lower_bound(&p, &[]).expect("a certificate");
        assert_eq!((b.rank, b.whole()), (2, false));
        assert!(b.off.iter().any(|e| e.f == Poly::var(3, 1)));
        assert!(crate::check::rank_bound_holds(&p, &b));
        let mut forged = b.clone();
        forged.off[0].f = Poly::var(3, 2).sub(&Poly::one(3));
        assert!(!crate::check::rank_bound_holds(&p, &forged));
    }

    #[test]
    fn factors_with_no_zero_on_the_fiber_are_divided_out() {
        // On xy = 1, z = 0 neither x nor y vanishes: the minors y and x
        // (columns x, z and y, z) are units there.
        let p = problem(
            "vars x, y, z; K = sos(x*y - 1, z); domain x in [0, 2], y in [0, 2], z in [-1, 1];",
        );
        let b = lower_bound(&p, &[]).expect("a certificate");
        assert_eq!(b.rank, 2);
        let factors: Vec<Poly> = b.units.iter().map(|u| u.factor.clone()).collect();
        assert_eq!(factors, vec![Poly::var(3, 1), Poly::var(3, 0)]);
        assert!(crate::check::rank_bound_holds(&p, &b));
        // A unit whose certificate does not hold refutes the bound.
        let mut wrong = b.clone();
        wrong.units[0].cofactor = wrong.units[0].cofactor.add(&Poly::one(3));
        assert!(!crate::check::rank_bound_holds(&p, &wrong));
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
