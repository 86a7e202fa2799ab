//! Rational points of a polynomial system in a box, by elimination.
//!
//! The zero set of a chart's generators can lie at coordinates no sample
//! grid holds: the true loadings of a factor-analysis model at
//! (1/2, 1/2, 3/4, 1/4) with the variances solved from them, the line
//! b = c = 1/3 of a binomial mixture. The grid then sees no zero, and the
//! box is bisected towards a set it never reaches. The generators of models
//! are mostly of degree one in each parameter, so a triangular
//! decomposition reaches such points:
//!
//! - a generator in one coordinate fixes it to each of its rational roots
//!   in the box in turn;
//! - a generator with rational linear factors splits the search, one
//!   branch per factor;
//! - a generator `c·v + r` of degree one in a coordinate `v` solves for
//!   `v = −r/c`. With `c` a non-zero constant this is a substitution;
//!   otherwise the search splits into `c ≠ 0` (substitute, clear the
//!   denominators and divide out the powers of `c` they bring) and
//!   `c = r = 0`;
//! - when none applies (a component of positive dimension with no such
//!   generator, or one of higher degree), a coordinate is fixed to a few
//!   values of the box — a slice — and the search goes on in the others.
//!
//! The coordinates left free at the end take a few values of the box, the
//! solved ones follow by back-substitution, and every point is checked by
//! evaluating the system exactly. The search is bounded: finding nothing
//! proves nothing, and the point found is only a witness (the resolution
//! certifies what happens there).

use num_traits::{One, Signed, Zero};

use super::factor::{self, coefficient};
use super::sturm::rational_roots;
use super::{Limits, Poly, Rational};
use crate::problem::Interval;

/// Most branches of one search.
const MAX_BRANCHES: usize = 400;

/// Terms beyond which a substitution gives up on its branch.
const MAX_TERMS: usize = 400;

/// Terms up to which a generator is factored.
const MAX_FACTOR_TERMS: usize = 60;

/// Values a sliced coordinate, or a free one at the end, is tried at.
const SLICE_VALUES: usize = 5;

/// Most assignments of the coordinates left free at the end.
const MAX_ASSIGNMENTS: usize = 125;

/// Most linear pivots tried in turn at one step of the search.
const MAX_PIVOTS: usize = 3;

/// How a coordinate was eliminated, for the back-substitution.
#[derive(Clone, Debug)]
enum Elimination {
    /// `v = value`: a root, a slice (`true`) or a value the box fixes.
    Value(usize, Rational, bool),
    /// `v = num/den`, both free of the coordinates eliminated before it.
    Quotient { var: usize, num: Poly, den: Poly },
}

/// A point found, with the dimension of the piece of the zero set it was
/// found on as the search saw it: the coordinates it left free or sliced
/// (not proved: a component can be missed or split by the branches).
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    /// The point, in the box, where every polynomial vanishes.
    pub point: Vec<Rational>,
    /// Coordinates free or sliced on the way to it.
    pub dimension: usize,
}

/// A rational point of `domain` where every polynomial of `system`
/// vanishes, if the bounded search finds one.
pub fn rational_point(system: &[Poly], domain: &[Interval]) -> Option<Vec<Rational>> {
    solve(system, domain).map(|s| s.point)
}

/// [`rational_point`], with the dimension the search saw.
pub fn solve(system: &[Poly], domain: &[Interval]) -> Option<Solution> {
    let mut search = Search {
        domain,
        system,
        branches: 0,
        factored: std::collections::HashMap::new(),
    };
    // Coordinates the box fixes (a face, a hyperplane) first.
    let mut eqs = system.to_vec();
    let mut done = Vec::new();
    for (v, iv) in domain.iter().enumerate() {
        if iv.lo == iv.hi {
            eqs = eqs.iter().map(|p| substitute_value(p, v, &iv.lo)).collect();
            done.push(Elimination::Value(v, iv.lo.clone(), false));
        }
    }
    search.branch(eqs, done)
}

/// [`solve`], and when it finds nothing, [`solve`] again with the first
/// one, two, … of `parameters` fixed at the simplest value of their
/// interval. A component of positive dimension along coordinates that
/// enter the system non-linearly (the biases of a Boltzmann machine, along
/// which its whole singular locus runs) sends the pivots on the other
/// coordinates into substitutions too large to finish; fixed, they leave a
/// system the pivots solve.
pub fn solve_along(system: &[Poly], domain: &[Interval], parameters: &[usize]) -> Option<Solution> {
    solve(system, domain).or_else(|| {
        let mut sliced = domain.to_vec();
        parameters.iter().enumerate().find_map(|(k, &v)| {
            sliced[v] = Interval::point(simplest(&domain[v]));
            let found = solve(system, &sliced)?;
            Some(Solution {
                dimension: found.dimension + k + 1,
                ..found
            })
        })
    })
}

struct Search<'a> {
    domain: &'a [Interval],
    system: &'a [Poly],
    branches: usize,
    /// The linear factors of each equation met, by equation: branches
    /// that share equations (the pivots tried in turn, the slices) would
    /// factor them again, and the Sturm sequences of that were most of a
    /// failed search's time (LDA with three words and documents).
    factored: std::collections::HashMap<Poly, Option<LinearFactors>>,
}

/// What [`factor::linear_factors`] returns.
type LinearFactors = (std::collections::BTreeMap<Poly, u32>, Poly);

impl Search<'_> {
    fn branch(&mut self, eqs: Vec<Poly>, done: Vec<Elimination>) -> Option<Solution> {
        crate::budget::checkpoint();
        self.branches += 1;
        if self.branches > MAX_BRANCHES {
            return None;
        }
        let eqs = tidy(eqs)?;
        if eqs.is_empty() {
            return self.complete(&done);
        }
        if let Some((v, p)) = eqs.iter().find_map(|p| only_variable(p).map(|v| (v, p))) {
            let coefficients: Vec<Rational> = (0..=p.degree_in(v))
                .map(|k| coefficient(p, v, k).constant_term())
                .collect();
            let mut roots: Vec<Rational> = rational_roots(&coefficients)?
                .into_iter()
                .filter(|r| self.domain[v].contains(r))
                .collect();
            roots.sort_by_key(|x| (height(x), x.clone()));
            return roots
                .into_iter()
                .find_map(|r| self.fix(&eqs, &done, v, r, false));
        }
        for (i, p) in eqs.iter().enumerate() {
            if p.len() > MAX_FACTOR_TERMS || p.degree() < 2 {
                continue;
            }
            let Some((linear, rest)) = self
                .factored
                .entry(p.clone())
                .or_insert_with(|| factor::linear_factors(p))
                .clone()
            else {
                continue;
            };
            if linear.is_empty() {
                continue;
            }
            let factors = linear
                .into_keys()
                .chain((rest.degree() > 0).then_some(rest));
            return factors.into_iter().find_map(|f| {
                let mut next = eqs.clone();
                next[i] = f;
                self.branch(next, done.clone())
            });
        }
        let pivots = linear_pivots(&eqs);
        if let Some(&(i, v)) = pivots.first() {
            // The slices of the coordinates left free may miss the narrow
            // part of the box where v = num/c lands inside it (solving
            // −2·a·B₁·C₁ + 2·B₁ + 2·C₁ − 1 for a needs B₁, C₁ near 1/4,
            // for B₁ any C₁ with a = 1 will do): the next pivots are tried.
            for &(i, v) in pivots.iter().take(MAX_PIVOTS) {
                let c = coefficient(&eqs[i], v, 1);
                let num = coefficient(&eqs[i], v, 0).neg();
                if let Some(solved) = self.quotient(&eqs, &done, i, v, num, c) {
                    return Some(solved);
                }
            }
            let c = coefficient(&eqs[i], v, 1);
            let r = coefficient(&eqs[i], v, 0);
            if c.degree() == 0 {
                return None;
            }
            let mut next = eqs.clone();
            next.swap_remove(i);
            next.push(c);
            next.push(r);
            return self.branch(next, done);
        }
        let v = slice_variable(&eqs)?;
        slice_values(&self.domain[v])
            .into_iter()
            .find_map(|x| self.fix(&eqs, &done, v, x, true))
    }

    /// The branch `v = x`.
    fn fix(
        &mut self,
        eqs: &[Poly],
        done: &[Elimination],
        v: usize,
        x: Rational,
        sliced: bool,
    ) -> Option<Solution> {
        let next: Vec<Poly> = eqs.iter().map(|p| substitute_value(p, v, &x)).collect();
        let mut done = done.to_vec();
        done.push(Elimination::Value(v, x, sliced));
        self.branch(next, done)
    }

    /// The branch `c ≠ 0`, `v = num/c`, where `eqs[i] = c·v − num`.
    fn quotient(
        &mut self,
        eqs: &[Poly],
        done: &[Elimination],
        i: usize,
        v: usize,
        num: Poly,
        den: Poly,
    ) -> Option<Solution> {
        let mut next = Vec::with_capacity(eqs.len() - 1);
        for (j, p) in eqs.iter().enumerate() {
            if j == i {
                continue;
            }
            let q = substitute_quotient(p, v, &num, &den)?;
            next.push(factor::divide_out(q, &den));
        }
        let mut done = done.to_vec();
        done.push(Elimination::Quotient { var: v, num, den });
        self.branch(next, done)
    }

    /// A point from a finished branch: the free coordinates at a few values
    /// of the box, the eliminated ones by back-substitution; the first that
    /// lies in the box and solves the system.
    fn complete(&self, done: &[Elimination]) -> Option<Solution> {
        let d = self.domain.len();
        let mut eliminated = vec![false; d];
        let mut sliced = 0;
        for e in done {
            let v = match e {
                Elimination::Value(v, _, s) => {
                    sliced += usize::from(*s);
                    *v
                }
                Elimination::Quotient { var: v, .. } => *v,
            };
            eliminated[v] = true;
        }
        let free: Vec<usize> = (0..d).filter(|&v| !eliminated[v]).collect();
        let dimension = free.len() + sliced;
        let choices: Vec<Vec<Rational>> = free
            .iter()
            .map(|&v| slice_values(&self.domain[v]))
            .collect();
        let mut index = vec![0usize; free.len()];
        for _ in 0..MAX_ASSIGNMENTS {
            crate::budget::checkpoint();
            let mut x = vec![Rational::zero(); d];
            for (k, &v) in free.iter().enumerate() {
                x[v] = choices[k][index[k]].clone();
            }
            if self.back_substitute(done, &mut x) {
                return Some(Solution {
                    point: x,
                    dimension,
                });
            }
            // The next assignment, odometer-wise; done after the last.
            let mut k = 0;
            loop {
                if k == free.len() {
                    return None;
                }
                index[k] += 1;
                if index[k] < choices[k].len() {
                    break;
                }
                index[k] = 0;
                k += 1;
            }
        }
        None
    }

    /// Fills in the eliminated coordinates of `x` (last eliminated first);
    /// whether the point lies in the box and solves the system.
    fn back_substitute(&self, done: &[Elimination], x: &mut [Rational]) -> bool {
        for e in done.iter().rev() {
            match e {
                Elimination::Value(v, value, _) => x[*v] = value.clone(),
                Elimination::Quotient { var, num, den } => {
                    let den = den.eval(x);
                    if den.is_zero() {
                        return false;
                    }
                    x[*var] = num.eval(x) / den;
                }
            }
        }
        x.iter().zip(self.domain).all(|(v, iv)| iv.contains(v))
            && self.system.iter().all(|p| p.eval(x).is_zero())
    }
}

/// The system without zero polynomials and repetitions, each scaled to
/// leading coefficient 1; `None` when one is a non-zero constant.
fn tidy(eqs: Vec<Poly>) -> Option<Vec<Poly>> {
    let mut out: Vec<Poly> = Vec::with_capacity(eqs.len());
    for p in eqs {
        if p.is_zero() {
            continue;
        }
        if p.degree() == 0 {
            return None;
        }
        let lead = p.terms().last().map(|(_, c)| c.clone()).expect("non-zero");
        let p = p.scale(&(Rational::one() / lead));
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out.sort_by_key(|p| (p.len(), p.degree()));
    Some(out)
}

/// The one coordinate `p` depends on, if there is exactly one.
fn only_variable(p: &Poly) -> Option<usize> {
    let mut vars = (0..p.nvars()).filter(|&v| p.depends_on(v));
    let v = vars.next()?;
    vars.next().is_none().then_some(v)
}

/// The generators and coordinates to solve for, best first: degree one in
/// it, with the simplest coefficient (a constant if any), then the shortest
/// generator.
fn linear_pivots(eqs: &[Poly]) -> Vec<(usize, usize)> {
    let mut pivots: Vec<(usize, usize)> = eqs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            (0..p.nvars())
                .filter(|&v| p.degree_in(v) == 1)
                .map(move |v| (i, v))
        })
        .collect();
    pivots.sort_by_cached_key(|&(i, v)| {
        let c = coefficient(&eqs[i], v, 1);
        let simplest = (c.len() + c.degree() as usize, c.degree(), eqs[i].len());
        (simplest, i, v)
    });
    pivots
}

/// The coordinate to slice at: the one most generators depend on.
fn slice_variable(eqs: &[Poly]) -> Option<usize> {
    let n = eqs.first()?.nvars();
    (0..n)
        .filter(|&v| eqs.iter().any(|p| p.depends_on(v)))
        .max_by_key(|&v| {
            (
                eqs.iter().filter(|p| p.depends_on(v)).count(),
                std::cmp::Reverse(v),
            )
        })
}

/// A few values of the interval, simplest first: its simplest rational
/// (0 when it holds 0), its centre, its ends and the quarter points.
fn slice_values(iv: &Interval) -> Vec<Rational> {
    let width = &iv.hi - &iv.lo;
    let mut values: Vec<Rational> = (0..SLICE_VALUES)
        .map(|i| &iv.lo + &width * q(i as i64, SLICE_VALUES as i64 - 1))
        .collect();
    values.push(simplest(iv));
    values.sort_by_key(|x| (height(x), x.clone()));
    values.dedup();
    values
}

/// The rational of least denominator in the interval, and of least
/// absolute numerator among those (0 when the interval holds it): true
/// parameters are mostly such numbers (1 in [1/2, 2], where no quarter
/// point lies).
pub fn simplest(iv: &Interval) -> Rational {
    if iv.contains_zero() {
        return Rational::zero();
    }
    // The simplest rational in [lo, hi] with 0 < lo, by the Stern–Brocot
    // descent on continued fractions; a negative interval by symmetry.
    fn positive(lo: &Rational, hi: &Rational) -> Rational {
        let floor = lo.floor();
        if floor == *lo || floor.clone() + Rational::one() <= *hi {
            return if floor == *lo {
                floor
            } else {
                floor + Rational::one()
            };
        }
        // lo and hi share their integer part n: n + 1/x with x in
        // [1/(hi − n), 1/(lo − n)].
        let inner = positive(
            &(Rational::one() / (hi - &floor)),
            &(Rational::one() / (lo - &floor)),
        );
        floor + Rational::one() / inner
    }
    if iv.lo.is_positive() {
        positive(&iv.lo, &iv.hi)
    } else {
        -positive(&-iv.hi.clone(), &-iv.lo.clone())
    }
}

fn q(n: i64, d: i64) -> Rational {
    Rational::new(n.into(), d.into())
}

/// The bits of a rational's numerator and denominator.
fn height(x: &Rational) -> u64 {
    x.numer().bits() + x.denom().bits()
}

/// `p` with `v = x`.
fn substitute_value(p: &Poly, v: usize, x: &Rational) -> Poly {
    let mut shift = vec![Rational::zero(); p.nvars()];
    shift[v] = x.clone();
    p.translate(&shift).restrict_zero(&[v])
}

/// `den^deg · p(v = num/den)`, with `deg` the degree of `p` in `v`; `None`
/// when it grows past [`MAX_TERMS`].
fn substitute_quotient(p: &Poly, v: usize, num: &Poly, den: &Poly) -> Option<Poly> {
    let limits = Limits {
        max_terms: MAX_TERMS,
        ..Limits::default()
    };
    let deg = p.degree_in(v);
    let mut total = Poly::zero(p.nvars());
    let mut num_power = Poly::one(p.nvars());
    for k in 0..=deg {
        crate::budget::checkpoint();
        let c = coefficient(p, v, k);
        if !c.is_zero() {
            let term = c
                .mul(&num_power, &limits)
                .ok()?
                .mul(&den.pow(deg - k, &limits).ok()?, &limits)
                .ok()?;
            total.add_assign(&term);
        }
        num_power = num_power.mul(num, &limits).ok()?;
    }
    (total.len() <= MAX_TERMS).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_box(d: usize) -> Vec<Interval> {
        vec![Interval::symmetric_unit(); d]
    }

    /// `Σ c·Π x_i^{e_i}` from `(c, e)` pairs.
    fn poly(n: usize, terms: &[(Rational, &[u32])]) -> Poly {
        Poly::from_terms(n, terms.iter().map(|(c, e)| (e.to_vec(), c.clone())))
    }

    #[test]
    fn the_simplest_rational_of_an_interval() {
        let iv = |lo: Rational, hi: Rational| Interval { lo, hi };
        assert_eq!(simplest(&iv(q(1, 2), q(2, 1))), q(1, 1));
        assert_eq!(simplest(&iv(q(-1, 2), q(3, 1))), q(0, 1));
        assert_eq!(simplest(&iv(q(5, 4), q(13, 8))), q(3, 2));
        assert_eq!(simplest(&iv(q(17, 50), q(3, 7))), q(2, 5));
        assert_eq!(simplest(&iv(q(-3, 7), q(-17, 50))), q(-2, 5));
        assert_eq!(simplest(&iv(q(7, 10), q(7, 10))), q(7, 10));
    }

    #[test]
    fn a_singular_locus_along_parameters() {
        // The pair interaction of a Boltzmann machine with two hidden
        // units, (1 + c)(1 + d)(1 + c·s·t)(1 + d·u·v) − (1 + c·s)(1 + c·t)
        // (1 + d·u)(1 + d·v), and its gradient: singular along s = t = u =
        // v = 1 for every c, d, which enter only quadratically. No sample
        // value of [1/2, 2] is 1, and the pivots on s, t, u, v drag c and d
        // into substitutions too large to finish.
        let n = 6;
        let var = |i| Poly::var(n, i);
        let one = Poly::one(n);
        let l = crate::poly::Limits::default();
        let m = |a: &Poly, b: &Poly| a.mul(b, &l).unwrap();
        let (s, t, u, v, c, d) = (var(0), var(1), var(2), var(3), var(4), var(5));
        let lhs = m(
            &m(&one.add(&c), &one.add(&d)),
            &m(&one.add(&m(&c, &m(&s, &t))), &one.add(&m(&d, &m(&u, &v)))),
        );
        let rhs = m(
            &m(&one.add(&m(&c, &s)), &one.add(&m(&c, &t))),
            &m(&one.add(&m(&d, &u)), &one.add(&m(&d, &v))),
        );
        let f = lhs.sub(&rhs);
        let mut system = vec![f.clone()];
        system.extend((0..n).map(|i| f.derivative(i)));
        let domain = vec![
            Interval {
                lo: q(1, 2),
                hi: q(2, 1)
            };
            n
        ];
        assert_eq!(solve(&system, &domain), None);
        let x = solve_along(&system, &domain, &[4, 5]).expect("a point of the locus");
        let x = x.point;
        assert_eq!(x[..4], [q(1, 1), q(1, 1), q(1, 1), q(1, 1)]);
    }

    #[test]
    fn a_bilinear_system_off_the_grid() {
        // l1·l2 = 1/4, l1·l3 = 3/8, l2·l3 = 3/8: l = ±(1/2, 1/2, 3/4).
        let one = q(1, 1);
        let system = vec![
            poly(3, &[(one.clone(), &[1, 1, 0]), (q(-1, 4), &[0, 0, 0])]),
            poly(3, &[(one.clone(), &[1, 0, 1]), (q(-3, 8), &[0, 0, 0])]),
            poly(3, &[(one, &[0, 1, 1]), (q(-3, 8), &[0, 0, 0])]),
        ];
        let x = rational_point(&system, &unit_box(3)).expect("a point");
        assert!(system.iter().all(|p| p.eval(&x).is_zero()));
        assert_eq!(x[2].clone() * &x[2], q(9, 16));
    }

    #[test]
    fn a_line_behind_a_pivot() {
        // Two moments of a two-point mixture against the point mass at 1/3:
        // a·b + (1 − a)·c = 1/3 and a·b² + (1 − a)·c² = 1/9. Together they
        // say a·(b − 1/3)² + (1 − a)·(c − 1/3)² = 0, so on [0, 1]³ the zeros
        // are three lines: b = c = 1/3 (a free), a = 1 with b = 1/3, and
        // a = 0 with c = 1/3.
        // None is on the solver's first try: b is solved for behind the
        // pivot a, and the line b = c sits in the branch where it vanishes.
        let one = q(1, 1);
        let system = vec![
            poly(
                3,
                &[
                    (one.clone(), &[1, 1, 0]),
                    (-one.clone(), &[1, 0, 1]),
                    (one.clone(), &[0, 0, 1]),
                    (q(-1, 3), &[0, 0, 0]),
                ],
            ),
            poly(
                3,
                &[
                    (one.clone(), &[1, 2, 0]),
                    (-one.clone(), &[1, 0, 2]),
                    (one, &[0, 0, 2]),
                    (q(-1, 9), &[0, 0, 0]),
                ],
            ),
        ];
        let unit = Interval {
            lo: q(0, 1),
            hi: q(1, 1),
        };
        let found = solve(&system, &vec![unit; 3]).expect("a point");
        let x = &found.point;
        let third = q(1, 3);
        let b_line = x[1] == third && (x[2] == third || x[0] == q(1, 1));
        let on_a_line = b_line || (x[0].is_zero() && x[2] == third);
        assert!(on_a_line, "{x:?}");
        assert_eq!(found.dimension, 1);
    }

    #[test]
    fn nothing_in_the_box() {
        // x·y = 2 has no point in [−1, 1]².
        let system = vec![poly(2, &[(q(1, 1), &[1, 1]), (q(-2, 1), &[0, 0])])];
        assert_eq!(rational_point(&system, &unit_box(2)), None);
    }
}
