//! Certificates that polynomials have no common zero, not even a complex
//! one: cofactors `q_i` with `Σ q_i·p_i = 1` (Hilbert's Nullstellensatz
//! says they exist exactly then), searched for up to a total degree by
//! linear algebra over the rationals. Whoever holds the cofactors checks
//! the claim by one expansion.
//!
//! The elimination is run first modulo a prime, where it is fast: most
//! searches fail (the polynomials have a common zero, or the degree is too
//! low), and those are answered there. When 1 is in the span modulo the
//! prime, the same elimination with the combinations tracked names the
//! few columns the certificate needs (a hundred of the 17 000 of LDA
//! (3, 4, 2, 2)), and the rational elimination runs on those alone. A
//! prime that divides a denominator (of the polynomials or of the
//! certificate) can only hide a certificate, never make one: what is
//! returned was found over the rationals.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::ops::RangeInclusive;

use num_traits::{One, Zero};

use super::modular::{inverse, residue, PRIME};
use super::{Exponent, Limits, Poly, Rational};

/// Cofactors `q_i`, one per polynomial, with `Σ q_i·p_i = 1` and every
/// `deg q_i + deg p_i ≤ D`, for the lowest `D` in `degrees` for which
/// there are such, among the degrees whose search has at most
/// `max_unknowns` unknown coefficients (`None` when there are none).
/// Deterministic.
pub fn unit_cofactors(
    polys: &[Poly],
    degrees: RangeInclusive<u32>,
    max_unknowns: usize,
) -> Option<Vec<Poly>> {
    let top = degrees
        .clone()
        .rev()
        .find(|&d| unknowns(polys, d) <= max_unknowns)?;
    // The columns of a degree are among those of the next, so the highest
    // degree answers for all of them. Asked without the combinations, which
    // cost more than the elimination itself.
    let found = |d| unit_columns_mod_p(polys, &columns(polys, d), false).map(|_| d);
    found(top)?;
    let degree = (*degrees.start()..top).find_map(found).unwrap_or(top);
    let mut columns = columns(polys, degree);
    let (last, support) = unit_columns_mod_p(polys, &columns, true)?;
    // The combination's columns alone, as a rule; all those up to the last
    // if the prime hid one of them (it divided a coefficient).
    let few: Vec<(usize, Exponent)> = support.iter().map(|&k| columns[k].clone()).collect();
    rational_cofactors(polys, &few).or_else(|| {
        columns.truncate(last + 1);
        rational_cofactors(polys, &columns)
    })
}

/// A certificate that `f` vanishes wherever the polynomials do, even at
/// complex points (`f` is in the radical of their ideal), by Rabinowitsch's
/// trick: the polynomials and `1 − y·f` have no common zero, in one more
/// variable y (the last). The cofactors of [`unit_cofactors`] for them, in
/// that order, each in the `nvars + 1` variables; the whole search at
/// `degrees` counts y. The rank bound off a stratum certifies so each
/// polynomial vanishing on the stratum (`resolve::rank::Exception`).
pub fn radical_cofactors(
    polys: &[Poly],
    f: &Poly,
    degrees: RangeInclusive<u32>,
    max_unknowns: usize,
) -> Option<Vec<Poly>> {
    unit_cofactors(&rabinowitsch(polys, f)?, degrees, max_unknowns)
}

/// The system of [`radical_cofactors`]: the polynomials and `1 − y·f`, in
/// one more variable y (the last).
pub fn rabinowitsch(polys: &[Poly], f: &Poly) -> Option<Vec<Poly>> {
    let n = f.nvars();
    let lifted = |p: &Poly| {
        Poly::from_terms(
            n + 1,
            p.terms().map(|(e, c)| {
                let mut e = e.clone();
                e.push(0);
                (e, c.clone())
            }),
        )
    };
    let limits = Limits::default();
    let y = Poly::var(n + 1, n);
    let rabinowitsch = Poly::one(n + 1).sub(&y.mul(&lifted(f), &limits).ok()?);
    Some(
        polys
            .iter()
            .map(lifted)
            .chain(std::iter::once(rabinowitsch))
            .collect(),
    )
}

/// The number of unknown coefficients of a search at `degree`: one per
/// polynomial and monomial multiplier. Counted, not listed (the lists grow
/// like nvars^degree).
pub fn unknowns(polys: &[Poly], degree: u32) -> usize {
    polys
        .iter()
        .filter_map(|p| Some(count(p.nvars(), multiplier_degree(p, degree)?)))
        .fold(0usize, usize::saturating_add)
}

/// The number of variables of the polynomials.
fn variables(polys: &[Poly]) -> usize {
    polys.first().map_or(0, Poly::nvars)
}

/// The degree of the multipliers of `p` in a search at `degree`.
fn multiplier_degree(p: &Poly, degree: u32) -> Option<u32> {
    (!p.is_zero() && p.degree() <= degree).then(|| degree - p.degree())
}

/// The search's columns at `degree`: each polynomial's index with a
/// monomial multiplier, polynomial by polynomial.
fn columns(polys: &[Poly], degree: u32) -> Vec<(usize, Exponent)> {
    let mut columns = Vec::new();
    for (i, p) in polys.iter().enumerate() {
        if let Some(extra) = multiplier_degree(p, degree) {
            for mu in monomials(p.nvars(), extra) {
                columns.push((i, mu));
            }
        }
    }
    columns
}

/// Cofactors from these columns, if 1 is in their span over the
/// rationals.
fn rational_cofactors(polys: &[Poly], columns: &[(usize, Exponent)]) -> Option<Vec<Poly>> {
    let nvars = variables(polys);
    let limits = Limits::default();
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

/// Where 1 enters the span of the columns (multiplier times polynomial)
/// modulo [`PRIME`], if it does: the first column that shows it, and, if
/// `track`, the columns with a nonzero coefficient in the one combination
/// of that column and the independent ones before it that is 1 — few, as
/// a rule, however many columns the search has. The same elimination as
/// the rational one, in the same order, on residues.
fn unit_columns_mod_p(
    polys: &[Poly],
    columns: &[(usize, Exponent)],
    track: bool,
) -> Option<(usize, Vec<usize>)> {
    let residues: Vec<Vec<(Exponent, u64)>> = polys
        .iter()
        .map(|p| {
            p.terms()
                .map(|(e, c)| Some((e.clone(), residue(c)?)))
                .collect()
        })
        .collect::<Option<_>>()?;
    // Each column's terms. Only the monomials that occur are numbered (all
    // those of the degree can be far more, in many variables), in the
    // graded order, highest first: a vector's leading monomial is its
    // smallest index, and the constant the last.
    let mut terms: Vec<Vec<(Exponent, u64)>> = Vec::with_capacity(columns.len());
    for (i, mu) in columns {
        crate::budget::checkpoint();
        let shifted = residues[*i]
            .iter()
            .map(|(e, r)| (e.iter().zip(mu).map(|(a, b)| a + b).collect(), *r));
        terms.push(shifted.collect());
    }
    let mut order: Vec<&Exponent> = terms.iter().flatten().map(|(e, _)| e).collect();
    order.sort_unstable_by(|a, b| graded(b).cmp(&graded(a)));
    order.dedup();
    if order.last().is_none_or(|e| e.iter().any(|&k| k > 0)) {
        // No column reaches the constant.
        return None;
    }
    let constant = order.len() - 1;
    let index: HashMap<&Exponent, usize> = order.into_iter().zip(0..).collect();
    // Each pivot row by its leading index, normalised to lead 1, with the
    // combination of columns it is; both sparse.
    let mut rows: Vec<Option<(Residues, Residues)>> = vec![None; constant + 1];
    let mut dense = vec![0u64; constant + 1];
    let mut pending: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut combination = Accumulator::new(columns.len());
    for (c, column) in terms.iter().enumerate() {
        crate::budget::checkpoint();
        for (e, r) in column {
            let k = index[e];
            dense[k] = *r;
            pending.push(Reverse(k));
        }
        if track {
            combination.add(c, 1);
        }
        while let Some(Reverse(k)) = pending.pop() {
            let lead = dense[k];
            if lead == 0 {
                continue;
            }
            match &rows[k] {
                Some((row, row_combination)) => {
                    // Rows only reach indices after their lead, so entries
                    // already passed stay zero.
                    for &(j, x) in row {
                        if dense[j] == 0 {
                            pending.push(Reverse(j));
                        }
                        dense[j] = (dense[j] + PRIME - lead * x % PRIME) % PRIME;
                    }
                    if track {
                        for &(j, x) in row_combination {
                            combination.add(j, PRIME - lead * x % PRIME);
                        }
                    }
                }
                None => {
                    if k == constant {
                        return Some((c, combination.support()));
                    }
                    let scale = inverse(lead);
                    let mut row = vec![(k, 1)];
                    dense[k] = 0;
                    while let Some(Reverse(j)) = pending.pop() {
                        if dense[j] != 0 {
                            row.push((j, dense[j] * scale % PRIME));
                            dense[j] = 0;
                        }
                    }
                    rows[k] = Some((row, combination.take(scale)));
                }
            }
        }
        combination.clear();
    }
    None
}

/// A sparse vector of residues: (index, residue), by index.
type Residues = Vec<(usize, u64)>;

/// A sparse vector of residues being summed into: dense, with the
/// indices it touched.
struct Accumulator {
    dense: Vec<u64>,
    touched: Vec<usize>,
}

impl Accumulator {
    fn new(len: usize) -> Self {
        Accumulator {
            dense: vec![0; len],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, j: usize, x: u64) {
        if self.dense[j] == 0 {
            self.touched.push(j);
        }
        self.dense[j] = (self.dense[j] + x) % PRIME;
    }

    /// The nonzero entries times `scale`, sorted; the accumulator is left
    /// empty.
    fn take(&mut self, scale: u64) -> Residues {
        self.touched.sort_unstable();
        self.touched.dedup();
        let mut out = Vec::new();
        for &j in &self.touched {
            if self.dense[j] != 0 {
                out.push((j, self.dense[j] * scale % PRIME));
                self.dense[j] = 0;
            }
        }
        self.touched.clear();
        out
    }

    /// Empties the accumulator (a column that reduced to zero).
    fn clear(&mut self) {
        for &j in &self.touched {
            self.dense[j] = 0;
        }
        self.touched.clear();
    }

    /// The indices of the nonzero entries, sorted.
    fn support(&mut self) -> Vec<usize> {
        self.take(1).into_iter().map(|(j, _)| j).collect()
    }
}

/// A monomial in the graded order: total degree, then the exponents.
type Graded = (u32, Exponent);

/// The key of a monomial in the graded order.
fn graded(e: &Exponent) -> (u32, &Exponent) {
    (e.iter().sum(), e)
}

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

    /// x·y and x + y vanish only at the origin: x is in the radical of
    /// their ideal (x² = x·(x + y) − x·y), y − 1 is not (no certificate).
    #[test]
    fn rabinowitsch_certifies_radical_members() {
        let l = Limits::default();
        let polys = [
            var(2, 0).mul(&var(2, 1), &l).unwrap(),
            var(2, 0).add(&var(2, 1)),
        ];
        let f = var(2, 0);
        let q = radical_cofactors(&polys, &f, 1..=4, 10_000).expect("a certificate");
        let y = var(3, 2);
        let lift = |p: &Poly| p.compose(&[var(3, 0), var(3, 1)], &l).unwrap();
        let mut all: Vec<Poly> = polys.iter().map(lift).collect();
        all.push(constant(3, 1).sub(&y.mul(&lift(&f), &l).unwrap()));
        assert_eq!(combine(&all, &q), constant(3, 1));
        let off = var(2, 1).sub(&constant(2, 1));
        assert!(radical_cofactors(&polys, &off, 1..=4, 10_000).is_none());
    }

    /// x² + y² + z² − 1.
    fn sphere() -> Poly {
        let l = Limits::default();
        let square = |i| var(3, i).pow(2, &l).unwrap();
        square(0)
            .add(&square(1))
            .add(&square(2))
            .sub(&constant(3, 1))
    }

    #[test]
    fn a_sphere_and_its_gradient_have_no_common_zero() {
        let two = Rational::from_integer(2.into());
        let polys = vec![
            sphere(),
            var(3, 0).scale(&two),
            var(3, 1).scale(&two),
            var(3, 2).scale(&two),
        ];
        let q = unit_cofactors(&polys, 2..=2, 1000).expect("a certificate");
        assert_eq!(combine(&polys, &q), Poly::one(3));
    }

    #[test]
    fn the_lowest_degree_of_the_range_is_returned() {
        let polys = vec![var(2, 0).sub(&constant(2, 1)), var(2, 0)];
        let q = unit_cofactors(&polys, 1..=4, 1000).expect("1 = x − (x − 1)");
        assert_eq!(q, vec![constant(2, -1), constant(2, 1)]);
    }

    #[test]
    fn a_certificate_among_many_columns_needs_few() {
        // At degree 6 the search has a few hundred columns; the certificate
        // found modulo the prime names the few it needs, and the rational
        // one is built from those.
        let polys = vec![sphere(), var(3, 0), var(3, 1), var(3, 2)];
        assert!(unknowns(&polys, 6) > 200);
        let q = unit_cofactors(&polys, 6..=6, 1000).expect("a certificate");
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
        assert_eq!(unit_cofactors(&polys, 6..=6, 10_000), None);
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
        assert_eq!(unit_cofactors(&polys, 3..=3, 5), None);
        let q = unit_cofactors(&polys, 1..=1, 100).expect("1 = x − (x − 1)");
        assert_eq!(combine(&polys, &q), Poly::one(3));
    }
}
