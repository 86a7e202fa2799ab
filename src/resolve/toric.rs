//! Toric leaves: K a monomial ideal in coordinates that include smooth
//! polynomials.
//!
//! Blow-ups and pivots often leave generators such as `b·(a₂₂ − a₁₂a₂₁)`: a
//! monomial times a polynomial `s` that is smooth in a free coordinate. When
//! every vanishing generator is a monomial `u^c` times a power product of
//! such polynomials `s_1, …, s_q` (times a unit), and the `s` can replace as
//! many free coordinates (their Jacobian in those coordinates has no zero on
//! the box), then in the coordinates `w = (u, s)` K is a unit times a sum
//! of squares of monomials: a non-degenerate polynomial whose Newton
//! polyhedron gives λ = 1/t₀ and m = the codimension of the face hit (Lin
//! 2011, ch. 4; DESIGN.md §2), at the point where every coordinate of the
//! monomials vanishes. Generators of a sum of squares that share a monomial
//! `u^m`, with quotients free of common zeros on the box, count as `u^m`
//! alone (`principal_part`).
//!
//! That point must be in the box, strictly inside in the replaced
//! coordinates (see `leaf::leading_on` for why), and it is found as a
//! witness; without one the pole is only a lower bound of the chart's.
//! Everywhere else the poles are no smaller: at a point where
//! fewer of the `w` vanish, the Newton polyhedron is the projection of this
//! one, whose distance is no larger, and whose face's normal cone is no
//! larger; and the box near a point lies inside its full neighbourhood.

use num_traits::{One, Signed, Zero};

use super::chart::{Chart, Piece};
use super::leaf::{attained_point, piece_box, poly_nonvanishing, Admit, Leaf, LeafKind};
use crate::newton::NewtonPolyhedron;
use crate::poly::{determinant, Exponent, Poly, Rational};
use crate::problem::{Factor, Interval};
use crate::residue::Pole;

/// One vanishing generator read in the coordinates `w = (u, s)`: its
/// monomial `u^c` (over the chart's coordinates) and the smooth polynomial
/// it carries, if any (the rest of it is a unit).
struct Term {
    u: Exponent,
    s: Option<usize>,
}

/// The most assignments of coordinates tried.
const MAX_ASSIGNMENTS: usize = 64;

/// The most smooth polynomials a toric leaf takes as coordinates.
const MAX_SMOOTH: usize = 32;

/// A generator as `u^c · rest`, with `c` its monomial content in the
/// coordinates that can be 0 (elsewhere a monomial is a unit, left in `rest`).
fn split_monomial(g: &Poly, zeroable: &[bool]) -> (Exponent, Poly) {
    let mut content = g.monomial_content();
    for (c, z) in content.iter_mut().zip(zeroable) {
        if !z {
            *c = 0;
        }
    }
    let rest = g.div_monomial(&content);
    (content, rest)
}

/// The generators of a sum of squares that carry a monomial, when together
/// they generate the ideal of their common monomial `u^m` alone: their
/// quotients by it have no common zero on the box, so at every point one
/// of them is a unit and `⟨u^m·q_i⟩ = ⟨u^m⟩` there; by compactness their
/// squares sum to `u^{2m}` times a function bounded above and away from 0.
/// Only when some quotient is not itself a unit (else each generator is a
/// monomial term already). LDA with three words and three documents, after
/// its toric blow-up: `u₁²b₃·s₁·(8 − b₁)` and `u₁²b₃·(b₁ − 8)(s₁u₁ + s₁ + 2)`,
/// the second factor vanishing only at a corner of the box where `s₁ = −1`
/// keeps the first's quotient a unit; blow-ups at the origin never reach
/// that corner.
fn principal_part(
    gens: &[&Poly],
    split: &[(Exponent, Poly, bool)],
    domain: &[Interval],
) -> Option<(Exponent, Vec<usize>)> {
    let members: Vec<usize> = (0..split.len())
        .filter(|&i| split[i].0.iter().any(|&e| e > 0))
        .collect();
    if members.len() < 2 || members.iter().all(|&i| split[i].2) {
        return None;
    }
    let m: Exponent = members
        .iter()
        .map(|&i| split[i].0.clone())
        .reduce(|a, b| a.iter().zip(&b).map(|(x, y)| *x.min(y)).collect())?;
    if m.iter().all(|&e| e == 0) {
        return None;
    }
    let quotients: Vec<Poly> = members.iter().map(|&i| gens[i].div_monomial(&m)).collect();
    super::leaf::no_common_zero(&quotients, domain).then_some((m, members))
}

/// `p` divided by the coefficient of its first term (a deterministic normal
/// form up to a constant factor).
fn monic(p: &Poly) -> Poly {
    let lead = p.terms().next().map(|(_, c)| c.clone());
    match lead {
        Some(c) if !c.is_zero() => p.scale(&(Rational::one() / c)),
        _ => p.clone(),
    }
}

/// Tries to certify the chart as a toric leaf. For a local problem the
/// pole is read per piece of the fiber (see `on_piece`), and the leaf's is
/// the smallest of theirs.
pub fn certify(chart: &Chart, vanishing: &[usize]) -> Option<Leaf> {
    if vanishing.is_empty() {
        return None;
    }
    let d = chart.dim();
    let zeroable: Vec<bool> = chart.domain.iter().map(Interval::contains_zero).collect();
    let mut smooth: Vec<Poly> = Vec::new();
    // Per vanishing factor: its weight (2 for a sum of squares, e for f^e) and terms.
    let mut factors: Vec<(u32, Vec<Term>)> = Vec::new();
    for &i in vanishing {
        let (weight, polys) = match &chart.factors[i] {
            Factor::Power(p, e) => (*e, vec![p]),
            Factor::Sos(gens) => (2, gens.iter().map(|(_, g)| g).collect()),
        };
        let mut terms = Vec::new();
        // Each generator as its monomial, the rest, and whether that is a unit.
        let mut split: Vec<(Exponent, Poly, bool)> = polys
            .iter()
            .map(|g| {
                let (content, rest) = split_monomial(g, &zeroable);
                let unit = rest.degree() == 0 || poly_nonvanishing(&rest, &chart.domain);
                (content, rest, unit)
            })
            .collect();
        if weight == 2 {
            if let Some((m, members)) = principal_part(&polys, &split, &chart.domain) {
                terms.push(Term { u: m, s: None });
                let mut index = 0;
                split.retain(|_| {
                    index += 1;
                    !members.contains(&(index - 1))
                });
            }
        }
        for (content, rest, unit) in split {
            let s = (!unit).then(|| {
                let normal = monic(&rest);
                smooth.iter().position(|t| *t == normal).unwrap_or_else(|| {
                    smooth.push(normal);
                    smooth.len() - 1
                })
            });
            terms.push(Term { u: content, s });
        }
        factors.push((weight, terms));
    }
    if smooth.len() > MAX_SMOOTH {
        return None;
    }
    // The coordinates of the monomials: those carrying k or h, or a content.
    let mut monomial: Vec<usize> = (0..d)
        .filter(|&i| zeroable[i] && (chart.k[i] > 0 || chart.h[i] > 0))
        .collect();
    for (_, terms) in &factors {
        for t in terms {
            monomial.extend((0..d).filter(|&i| t.u[i] > 0));
        }
    }
    monomial.sort_unstable();
    monomial.dedup();
    let replaced = replace(chart, &smooth, &monomial)?;
    let ideal = MonomialIdeal {
        chart,
        factors: &factors,
        smooth: &smooth,
        monomial: &monomial,
        replaced: &replaced,
    };
    let Some(pieces) = &chart.fiber else {
        let on = ideal.on_piece(&vec![None; d])?;
        return Some(ideal.leaf(on.pole?, on.attained, on.witness));
    };
    // Over a point: the smallest pole of the pieces, of the largest order
    // among them; attained when a piece attains that order.
    let mut all: Vec<OnPiece> = Vec::new();
    for piece in pieces {
        all.push(ideal.on_piece(piece)?);
    }
    let Some(lambda) = all
        .iter()
        .filter_map(|o| o.pole.as_ref())
        .map(|p| &p.lambda)
        .min()
    else {
        return Some(Leaf {
            kind: ideal.kind(),
            leading: None,
            attained: true,
            candidates: Vec::new(),
            witness: None,
        });
    };
    let at_lambda = |o: &&OnPiece| o.pole.as_ref().is_some_and(|p| p.lambda == *lambda);
    let order = all
        .iter()
        .filter(at_lambda)
        .map(|o| o.pole.as_ref().map_or(0, |p| p.order))
        .max()?;
    let best = all
        .iter()
        .filter(at_lambda)
        .find(|o| o.attained && o.pole.as_ref().is_some_and(|p| p.order == order));
    let pole = Pole {
        lambda: lambda.clone(),
        order,
    };
    Some(ideal.leaf(pole, best.is_some(), best.and_then(|o| o.witness.clone())))
}

/// The chart's vanishing factors read as a monomial ideal in the
/// coordinates `w = (u, s)`.
struct MonomialIdeal<'a> {
    chart: &'a Chart,
    factors: &'a [(u32, Vec<Term>)],
    smooth: &'a [Poly],
    monomial: &'a [usize],
    replaced: &'a [usize],
}

/// The pole of a toric leaf at the points of one fiber piece.
struct OnPiece {
    /// None when K has no zero near the piece.
    pole: Option<Pole>,
    /// Whether the pole is attained on the piece (else a lower bound).
    attained: bool,
    /// Where it is attained: every coordinate of the monomials that can
    /// vanish on the piece is 0 there, and every smooth polynomial.
    witness: Option<Vec<Rational>>,
}

impl MonomialIdeal<'_> {
    fn kind(&self) -> LeafKind {
        LeafKind::Toric {
            smooth: self.smooth.to_vec(),
            coords: self.replaced.to_vec(),
        }
    }

    fn leaf(&self, pole: Pole, attained: bool, witness: Option<Vec<Rational>>) -> Leaf {
        Leaf {
            kind: self.kind(),
            leading: Some(pole.clone()),
            attained,
            candidates: vec![pole],
            witness,
        }
    }

    /// The pole at the points of a piece (the whole box for a global
    /// problem). The coordinates of the monomials that can vanish there are
    /// those the piece leaves free (their intervals hold 0) or fixes at 0;
    /// the others are units near it. The deepest point of the piece, where
    /// all of those and every smooth polynomial vanish, has the Newton
    /// polyhedron projected onto them; every other point of the piece has
    /// a projection of that one, with a pole no smaller (see the module's
    /// doc). So that pole is the piece's, attained when the deepest point
    /// exists on the piece (strictly inside in the replaced coordinates),
    /// else a lower bound. `None` for a global problem whose polyhedron
    /// holds the origin (the reading failed: a vanishing factor is no unit).
    fn on_piece(&self, piece: &Piece) -> Option<OnPiece> {
        let chart = self.chart;
        let local = chart.fiber.is_some();
        let zero: Vec<usize> = self
            .monomial
            .iter()
            .copied()
            .filter(|&i| piece[i].as_ref().is_none_or(Zero::is_zero))
            .collect();
        let dim = zero.len() + self.smooth.len();
        let none = OnPiece {
            pole: None,
            attained: true,
            witness: None,
        };
        if dim == 0 {
            return Some(none);
        }
        // The Newton polyhedron in w = (those coordinates, s): a Minkowski
        // sum over the factors, starting from u^k.
        let point = |t: &Term, weight: u32| -> Exponent {
            let mut p: Exponent = zero.iter().map(|&i| weight * t.u[i]).collect();
            p.extend((0..self.smooth.len()).map(|k| if t.s == Some(k) { weight } else { 0 }));
            p
        };
        let mut base: Exponent = zero.iter().map(|&i| chart.k[i]).collect();
        base.resize(dim, 0);
        let mut polyhedron = NewtonPolyhedron::from_support(dim, vec![base]);
        for (weight, terms) in self.factors {
            let points: Vec<Exponent> = terms.iter().map(|t| point(t, *weight)).collect();
            polyhedron = polyhedron.times(&points);
        }
        let weights: Vec<Rational> = zero
            .iter()
            .map(|&i| Rational::from_integer((chart.h[i] + 1).into()))
            .chain((0..self.smooth.len()).map(|_| Rational::one()))
            .collect();
        let distance = polyhedron.distance(&weights);
        if !distance.t0.is_positive() {
            // The origin is in the polyhedron: K is a unit near the piece
            // (for a global problem the vanishing factors say otherwise,
            // so the reading failed).
            return local.then_some(none);
        }
        let pole = Pole {
            lambda: Rational::one() / distance.t0,
            order: distance.codim,
        };
        // The deepest point: after a shear it must also map inside the
        // domain, and a local leaf records it for the checker.
        let mut attained = true;
        let mut witness = None;
        if local || !self.smooth.is_empty() || chart.sheared {
            let mut face = piece_box(&chart.domain, piece);
            for &i in &zero {
                face[i] = Interval::point(Rational::zero());
            }
            let restricted: Vec<Poly> =
                self.smooth.iter().map(|s| s.restrict_zero(&zero)).collect();
            let refs: Vec<&Poly> = restricted.iter().collect();
            let admit = Admit::off_faces(chart, self.replaced);
            (attained, witness) = attained_point(&refs, &face, &admit, local);
        }
        Some(OnPiece {
            pole: Some(pole),
            attained,
            witness,
        })
    }
}

/// Most smooth polynomials whose Jacobian determinant is expanded.
const MAX_DETERMINANT: usize = 7;

/// Free coordinates, outside the monomial ones, that the smooth polynomials
/// replace: one each, with a Jacobian determinant in them that has no zero
/// on the box. Coordinates with a constant coefficient are tried first.
fn replace(chart: &Chart, smooth: &[Poly], monomial: &[usize]) -> Option<Vec<usize>> {
    if smooth.is_empty() {
        return Some(Vec::new());
    }
    let limits = crate::poly::Limits::default();
    let candidates: Vec<Vec<usize>> = smooth
        .iter()
        .map(|s| {
            let mut c: Vec<usize> = (0..chart.dim())
                .filter(|&j| {
                    chart.k[j] == 0 && chart.h[j] == 0 && !monomial.contains(&j) && s.depends_on(j)
                })
                .collect();
            // Coordinates few of the others involve first (they make the
            // Jacobian nearly diagonal), then constant coefficients.
            c.sort_by_key(|&j| {
                let derivative = s.derivative(j);
                (
                    smooth.iter().filter(|t| t.depends_on(j)).count(),
                    s.degree_in(j) != 1,
                    derivative.degree() != 0,
                    derivative.len(),
                )
            });
            c
        })
        .collect();
    let mut tried = 0;
    let mut chosen: Vec<usize> = Vec::new();
    // Whether an assignment is accepted depends only on its set of
    // coordinates: reordering the columns of a Jacobian permutes the rows
    // of its inverse and leaves its determinant's zeros and the
    // perturbation bound alone. A set once refused is not asked again (a
    // square system's assignments are all one set: seven generators in
    // seven coordinates asked the same costly question 64 times).
    let mut refused: Vec<Vec<usize>> = Vec::new();
    fn search(
        k: usize,
        candidates: &[Vec<usize>],
        chosen: &mut Vec<usize>,
        tried: &mut usize,
        refused: &mut Vec<Vec<usize>>,
        accept: &dyn Fn(&[usize]) -> bool,
    ) -> bool {
        if k == candidates.len() {
            *tried += 1;
            crate::budget::checkpoint();
            let mut set = chosen.clone();
            set.sort_unstable();
            if refused.contains(&set) {
                return false;
            }
            if accept(chosen) {
                return true;
            }
            refused.push(set);
            return false;
        }
        for &j in &candidates[k] {
            if *tried >= MAX_ASSIGNMENTS {
                return false;
            }
            if chosen.contains(&j) {
                continue;
            }
            chosen.push(j);
            if search(k + 1, candidates, chosen, tried, refused, accept) {
                return true;
            }
            chosen.pop();
        }
        false
    }
    // Each assignment needs the partial derivatives of the smooth factors
    // and their values at the box's centre: computed once per factor and
    // coordinate here, not once per assignment tried (the search runs
    // through thousands of them on reduced rank regressions).
    let centre = super::sample::centre(&chart.domain);
    let partials: Vec<Vec<Option<(Poly, Rational)>>> = smooth
        .iter()
        .map(|s| {
            (0..chart.dim())
                .map(|j| {
                    candidates.iter().any(|c| c.contains(&j)).then(|| {
                        let d = s.derivative(j);
                        let v = d.eval(&centre);
                        (d, v)
                    })
                })
                .collect()
        })
        .collect();
    let partial = |i: usize, j: usize| partials[i][j].as_ref().expect("a candidate coordinate");
    let accept = |coords: &[usize]| -> bool {
        // A zero at the box's centre rules the assignment out before the
        // symbolic determinant, the costly part, is expanded.
        let at_centre = (0..smooth.len())
            .map(|i| coords.iter().map(|&j| partial(i, j).1.clone()).collect())
            .collect();
        if crate::poly::rational_determinant(at_centre).is_zero() {
            return false;
        }
        let jacobian: Vec<Vec<Poly>> = (0..smooth.len())
            .map(|i| coords.iter().map(|&j| partial(i, j).0.clone()).collect())
            .collect();
        // Seven or more generators have a determinant too large to bound
        // in the time (naive Bayes with three features at a regular truth:
        // seconds per assignment): the perturbation bound alone decides,
        // and where it fails the box shrinks around the point instead.
        crate::poly::regular::invertible_on_box(&jacobian, &chart.domain)
            || (smooth.len() < MAX_DETERMINANT
                && determinant(&jacobian, &limits)
                    .is_ok_and(|det| poly_nonvanishing(&det, &chart.domain)))
    };
    search(
        0,
        &candidates,
        &mut chosen,
        &mut tried,
        &mut refused,
        &accept,
    )
    .then_some(chosen)
}

/// Whether a smaller box around the origin would make the chart a toric
/// leaf where this one is not, and along which coordinates. Near the
/// origin, a vanishing generator `u^c · r` is a monomial times a unit when
/// `r(0) ≠ 0`, and a monomial times a smooth polynomial when `r` vanishes
/// there with a gradient; if
/// the distinct such `r` have independent gradients at the origin in free
/// coordinates outside the monomials (with 0 inside their intervals), they
/// replace those coordinates on a small enough box, and the chart is a
/// toric leaf there (factor analysis at a truth with two equal loadings,
/// `l₁·l₂ + l₁ + l₂` beside `l₃·(1 + l₁)`). Only when every vanishing
/// factor vanishes at the origin, and something shrinking mends fails on
/// this box — a unit, or the Jacobian of the `r` — so that shrinking ends.
/// Returns the coordinates to shrink: those the failing units, or the `r`
/// when their Jacobian fails, involve (halving the others would only add
/// pieces away from the point: 21 per shrink for reduced rank regression
/// M = 9, N = H = r = 1 at its truth, where `b` alone matters). `None` when
/// shrinking would not make a toric leaf.
pub fn shrink_to_toric_leaf(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<usize>> {
    let d = chart.dim();
    let zeroable: Vec<bool> = chart.domain.iter().map(Interval::contains_zero).collect();
    let mut failing: Vec<Poly> = Vec::new();
    let mut smooth: Vec<Poly> = Vec::new();
    let mut monomial: Vec<usize> = (0..d)
        .filter(|&i| zeroable[i] && (chart.k[i] > 0 || chart.h[i] > 0))
        .collect();
    for f in vanishing {
        let polys = f.polys();
        if polys.iter().any(|p| !p.constant_term().is_zero()) {
            // Zeros away from the origin: other moves separate them (a box
            // shrunk around the origin would leave them to its outer
            // pieces, cut after cut).
            return None;
        }
        for g in polys {
            let (content, rest) = split_monomial(g, &zeroable);
            monomial.extend((0..d).filter(|&i| content[i] > 0));
            if !rest.constant_term().is_zero() {
                if rest.degree() > 0 && !poly_nonvanishing(&rest, &chart.domain) {
                    failing.push(rest);
                }
                continue;
            }
            let normal = monic(&rest);
            if !smooth.contains(&normal) {
                smooth.push(normal);
            }
        }
    }
    if smooth.len() > MAX_SMOOTH {
        return None;
    }
    monomial.sort_unstable();
    monomial.dedup();
    let free: Vec<usize> = (0..d)
        .filter(|&j| {
            chart.k[j] == 0
                && chart.h[j] == 0
                && !monomial.contains(&j)
                && chart.domain[j].lo.is_negative()
                && chart.domain[j].hi.is_positive()
        })
        .collect();
    let gradients = super::leaf::jacobian_at_origin(&smooth, &free);
    if smooth.len() > free.len() || crate::newton::rank(gradients) < smooth.len() {
        return None;
    }
    let jacobian_fails = replace(chart, &smooth, &monomial).is_none();
    let coords: Vec<usize> = (0..d)
        .filter(|&j| {
            failing.iter().any(|g| g.depends_on(j))
                || jacobian_fails && smooth.iter().any(|s| s.depends_on(j))
        })
        .collect();
    (!coords.is_empty()).then_some(coords)
}
