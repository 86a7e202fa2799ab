//! The move "stratification of the zero set": the exact points of a chart
//! where its hypersurfaces stop crossing normally, inside the box or on its
//! boundary.
//!
//! The hypersurfaces through a point are the zero sets of the vanishing
//! factors, the hyperplanes `u_j = 0` of the coordinates carrying a
//! monomial, and — for a point on the boundary — the faces of the box,
//! which bound the integral as a coordinate hyperplane would. They cross
//! normally unless their differentials are dependent. Two kinds of
//! isolated failures are found exactly, wherever they lie:
//!
//! - d + 1 of them through one point, where d of the flat ones (planes,
//!   coordinate hyperplanes, faces) meet in that point (it solves a linear
//!   system: the triple points of the seven-plane arrangement sit at
//!   (2/3, 3/5) in a chart of a scaled box, on no sample grid), or where
//!   d − 1 flat ones meet in a line and curved ones cut the line at a
//!   rational root;
//! - a curved one tangent to such a line: a multiple root there (the
//!   parabola y² = x − 1 touching the face x = 1).
//!
//! Points where only one factor meets faces are left alone (a plane through
//! a corner of the box crosses it normally inside), as are points where
//! nothing but faces and coordinate hyperplanes meet (they are coordinate
//! hyperplanes of distinct coordinates). Translating a point found to the
//! origin makes it the centre of the next blow-up, whose exceptional
//! divisor then carries the crossing: on a face the box becomes one-sided
//! there instead of being subdivided towards the point. The strategy moves
//! to them ([`strategy`](super::strategy), step 4). Non-normal crossings
//! along a line or a surface, and irrational points, are left to the other
//! moves.
//!
//! Zero sets of ideals (the true sets of models) are searched otherwise,
//! by elimination ([`solve`](crate::poly::solve)): [`singular_zero`] finds
//! an isolated or singular zero where the sample grid has none, on the
//! generators and the maximal minors of their Jacobian; [`hyperplane_zero`]
//! a zero on a hyperplane `u_j = 0` where the zero set meets it badly, for
//! the strategy's cuts that would otherwise shrink the box towards it.

use num_traits::Zero;

use super::chart::Chart;
use crate::poly::sturm::rational_roots;
use crate::poly::{affine_zeros, AffineZeros, Limits, Poly, Rational};
use crate::problem::{Factor, Interval};

/// Most flat hypersurfaces (planes, coordinate hyperplanes and faces)
/// considered together.
const MAX_COMPONENTS: usize = 16;

/// Most sets of d flat hypersurfaces solved with the faces among them.
const MAX_SUBSETS: u64 = 4096;

/// Most lines of the flat arrangement on which the curved factors are cut.
const MAX_LINES: usize = 2000;

/// Most coordinates, and most terms of a curved factor, for cutting lines.
const MAX_CUT_DIM: usize = 4;
const MAX_CUT_TERMS: usize = 200;

/// What a flat hypersurface is: a face of the box does not count towards
/// the factors that must meet for a point to be of interest.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Factor,
    Face,
}

/// The points of the chart's box where its hypersurfaces stop crossing
/// normally (see the module's documentation), by increasing height,
/// without the origin.
pub fn singular_points(chart: &Chart, vanishing: &[&Factor]) -> Vec<Vec<Rational>> {
    let d = chart.dim();
    let mut flat: Vec<(Poly, Kind)> = Vec::new();
    let mut curved: Vec<Vec<&Poly>> = Vec::new();
    for f in vanishing {
        match f {
            Factor::Power(p, _) if p.degree() == 1 => flat.push((p.clone(), Kind::Factor)),
            _ => curved.push(f.polys()),
        }
    }
    for j in super::transversal::hyperplanes(chart) {
        flat.push((Poly::var(d, j), Kind::Factor));
    }
    for (j, iv) in chart.domain.iter().enumerate() {
        if iv.lo == iv.hi {
            continue;
        }
        for end in [&iv.lo, &iv.hi] {
            let face = Poly::var(d, j).sub(&Poly::constant(d, end.clone()));
            // A face that is already a plane or coordinate hyperplane is that one.
            if !flat.iter().any(|(p, _)| same_hyperplane(p, &face)) {
                flat.push((face, Kind::Face));
            }
        }
    }
    if flat.len() > MAX_COMPONENTS || binomial(flat.len(), d) > MAX_SUBSETS {
        // Too many to combine: the faces go first.
        flat.retain(|(_, kind)| *kind == Kind::Factor);
        if flat.len() > MAX_COMPONENTS {
            return Vec::new();
        }
    }
    let mut candidates: Vec<(Vec<Rational>, bool)> = Vec::new();
    let all: Vec<usize> = (0..flat.len()).collect();
    for set in super::leaf::subsets(&all, d) {
        crate::budget::checkpoint();
        let rows: Vec<&Poly> = set.iter().map(|&i| &flat[i].0).collect();
        if let Some(AffineZeros::Point(x)) = affine_zeros(&rows) {
            candidates.push((x, false));
        }
    }
    // Cutting curved factors with every line costs a substitution each:
    // kept to few coordinates and short polynomials.
    let short = curved
        .iter()
        .all(|polys| polys.first().is_some_and(|p| p.len() <= MAX_CUT_TERMS));
    if !curved.is_empty() && (1..=MAX_CUT_DIM).contains(&d) && short {
        let limits = Limits::default();
        for set in super::leaf::subsets(&all, d - 1)
            .into_iter()
            .take(MAX_LINES)
        {
            crate::budget::checkpoint();
            let rows: Vec<&Poly> = set.iter().map(|&i| &flat[i].0).collect();
            let Some((p0, v)) = line(&rows, d) else {
                continue;
            };
            for polys in &curved {
                let Some(&g) = polys.first() else { continue };
                candidates.extend(cuts(g, &p0, &v, &limits));
            }
        }
    }
    let mut points: Vec<Vec<Rational>> = Vec::new();
    for (x, tangent) in candidates {
        let inside = x.iter().zip(&chart.domain).all(|(v, iv)| iv.contains(v));
        if !inside || x.iter().all(Zero::is_zero) || points.contains(&x) {
            continue;
        }
        let through = |p: &Poly| p.eval(&x).is_zero();
        let faces = flat
            .iter()
            .filter(|(p, k)| *k == Kind::Face && through(p))
            .count();
        let factors = flat
            .iter()
            .filter(|(p, k)| *k == Kind::Factor && through(p))
            .count()
            + curved
                .iter()
                .filter(|polys| polys.iter().all(|p| through(p)))
                .count();
        let crowded = faces + factors > d && factors >= 2;
        if crowded || (tangent && factors >= 1) {
            points.push(x);
        }
    }
    points.sort_by_key(|p| {
        let h: u64 = p.iter().map(|x| x.numer().bits() + x.denom().bits()).sum();
        (h, p.clone())
    });
    points
}

/// A rational point of the chart's box where the zero set of the factor
/// `f` is isolated or singular: its generators' gradients there have rank
/// below its codimension (as the elimination saw it, see
/// [`Solution`](crate::poly::solve::Solution)). When the independent
/// generators are no more than the coordinates, the search runs on the
/// singular locus itself, the generators together with the maximal minors
/// of their Jacobian. Smooth points of positive dimension off the sample
/// grid are left to bisection and smooth leaves, which need no point.
pub fn singular_zero(chart: &Chart, f: &Factor) -> Option<Vec<Rational>> {
    // A single hypersurface's singular points are `singular_points`' and
    // the toric blow-ups' to find; with no linear pivot to solve for, the
    // elimination would only slice, as the sample grid does.
    let Factor::Sos(_) = f else { return None };
    let gens = f.polys();
    if let Some(p) = deepest_zero(chart, &gens) {
        return Some(p);
    }
    let basis = crate::poly::independent(&gens);
    let d = chart.dim();
    let r = basis.len();
    let mut system: Vec<Poly> = gens.iter().copied().cloned().collect();
    if r <= d {
        if binomial(d, r) > MAX_MINORS as u64 {
            return None;
        }
        let limits = Limits {
            max_terms: MAX_MINOR_TERMS,
            ..Limits::default()
        };
        let columns: Vec<usize> = (0..d).collect();
        for cols in super::leaf::subsets(&columns, r) {
            crate::budget::checkpoint();
            let m: Vec<Vec<Poly>> = basis
                .iter()
                .map(|g| cols.iter().map(|&j| g.derivative(j)).collect())
                .collect();
            system.push(crate::poly::determinant(&m, &limits).ok()?);
        }
    }
    // An isolated zero where the generators are regular is no point of the
    // singular locus, but a zero all the same, and cuts of the box that
    // happen to pass through it (a face at l₁ = −1/2) would go on for ever.
    // Coordinates of degree two or more may be parameters along the
    // singular locus (see `solve_along`), highest degree first: the
    // pivots, of degree one, are the coordinates that the locus fixes.
    let top = |v: usize| gens.iter().map(|g| g.degree_in(v)).max().unwrap_or(0);
    let mut parameters: Vec<usize> = (0..d).filter(|&v| top(v) >= 2).collect();
    parameters.sort_by_key(|&v| (std::cmp::Reverse(top(v)), v));
    let found =
        crate::poly::solve::solve_along(&system, &chart.domain, &parameters).or_else(|| {
            let gens: Vec<Poly> = gens.iter().copied().cloned().collect();
            crate::poly::solve::solve(&gens, &chart.domain).filter(|s| s.dimension == 0)
        })?;
    let p = found.point;
    let codimension = d - found.dimension.min(d);
    let singular = found.dimension == 0 || jacobian_rank(&gens, &p, None) < codimension;
    (singular && !p.iter().all(Zero::is_zero)).then_some(p)
}

/// A zero where branches of the factor `f`'s zero set that are hyperplanes
/// meet (see [`deepest_zero`]), before any sampled zero: the sample grid's
/// zeros lie on one branch, and translations to them creep towards the
/// crossing by halves (a blow-up's chart where `b₂/b₁ = 17/19` is the ratio
/// 1 of a box scaled unevenly).
pub fn branch_crossing(chart: &Chart, f: &Factor) -> Option<Vec<Rational>> {
    let Factor::Sos(_) = f else { return None };
    deepest_zero(chart, &f.polys())
}

/// Most distinct linear factors of the generators tried in [`deepest_zero`].
const MAX_PLANES: usize = 32;

/// A zero where components of a zero set that is (in part) a subspace
/// arrangement meet: where generators split into rational linear factors
/// (naive Bayes at an independent truth: `(1 − t)(2b₁ − 1)(3b₂ − 1)`),
/// each factor is a hyperplane holding a branch of the zero set. The
/// factors are added to the generators one at a time, each kept when the
/// elimination still finds a zero in the box; the last zero found lies on
/// as many branches as the greedy order reaches. It is returned when some
/// generator vanishes there on two of its factors at once: two branches
/// meet there, and the zero set is singular.
fn deepest_zero(chart: &Chart, gens: &[&Poly]) -> Option<Vec<Rational>> {
    // Each generator's linear factors with their multiplicities, a linear
    // rest among them (`linear_factors` leaves it as the rest).
    let mut splits: Vec<Vec<(Poly, u32)>> = Vec::new();
    for g in gens.iter().filter(|g| g.degree() > 1) {
        let (linear, rest) = crate::poly::factor::linear_factors(g)?;
        let last = (rest.degree() == 1).then_some((rest, 1));
        splits.push(linear.into_iter().chain(last).collect());
    }
    let mut planes: Vec<&Poly> = Vec::new();
    for (l, _) in splits.iter().flatten() {
        if !planes.contains(&l) {
            planes.push(l);
        }
    }
    if planes.len() > MAX_PLANES {
        return None;
    }
    let mut system: Vec<Poly> = gens.iter().copied().cloned().collect();
    let mut point: Option<Vec<Rational>> = None;
    for l in planes {
        crate::budget::checkpoint();
        system.push(l.clone());
        if point.as_ref().is_some_and(|p| l.eval(p).is_zero()) {
            continue;
        }
        match crate::poly::solve::rational_point(&system, &chart.domain) {
            Some(p) => point = Some(p),
            None => {
                system.pop();
            }
        }
    }
    let p = point?;
    let crossing = splits.iter().any(|split| {
        let vanishing = split.iter().filter(|(l, _)| l.eval(&p).is_zero());
        vanishing.map(|(_, m)| m).sum::<u32>() >= 2
    });
    (crossing && !p.iter().all(Zero::is_zero)).then_some(p)
}

/// Most maximal minors of a Jacobian added to the system.
const MAX_MINORS: usize = 64;

/// Terms beyond which a minor is not expanded.
const MAX_MINOR_TERMS: usize = 2000;

/// A rational zero on the coordinate hyperplane `u_j = r` (a face, or the
/// hyperplane a cut keeps `u_j` away from), found by elimination
/// ([`solve`](crate::poly::solve)), where the zero set is not a smooth
/// complete intersection crossing the hyperplane normally (see
/// [`crossing_fails`]). Translated to the origin along the hyperplane, it
/// is the centre of a blow-up, where cuts would only shrink the box
/// towards it.
pub fn hyperplane_zero(
    chart: &Chart,
    vanishing: &[&Factor],
    j: usize,
    r: &Rational,
) -> Option<Vec<Rational>> {
    let mut plane = chart.domain.clone();
    plane[j] = Interval::point(r.clone());
    vanishing.iter().find_map(|f| {
        let gens = f.polys();
        let system: Vec<Poly> = gens.iter().copied().cloned().collect();
        crate::poly::solve::rational_point(&system, &plane)
            .filter(|p| !p.iter().all(Zero::is_zero) && crossing_fails(&gens, j, p))
    })
}

/// Whether, at a zero `p` of `gens` on `u_j = 0`, the zero set fails to
/// be a smooth complete intersection crossing the hyperplane normally:
/// the generators' gradients at `p` are fewer (in rank) than the
/// independent generators, or the hyperplane's normal is in their span
/// (the zero set touches the hyperplane there, or lies in it).
fn crossing_fails(gens: &[&Poly], j: usize, p: &[Rational]) -> bool {
    let full = jacobian_rank(gens, p, None);
    full < crate::poly::independent(gens).len() || jacobian_rank(gens, p, Some(j)) < full
}

/// The rank of the generators' gradients at `p`, without the coordinate
/// `skip`.
fn jacobian_rank(gens: &[&Poly], p: &[Rational], skip: Option<usize>) -> usize {
    let rows: Vec<Vec<Rational>> = gens
        .iter()
        .map(|g| {
            (0..p.len())
                .filter(|&i| Some(i) != skip)
                .map(|i| g.derivative(i).eval(p))
                .collect()
        })
        .collect();
    crate::newton::rank(rows)
}

/// Whether two polynomials of degree 1 have the same zero set: one is a
/// multiple of the other.
fn same_hyperplane(a: &Poly, b: &Poly) -> bool {
    let ratio = (0..a.nvars())
        .map(|j| {
            (
                a.derivative(j).constant_term(),
                b.derivative(j).constant_term(),
            )
        })
        .find(|(ca, _)| !ca.is_zero())
        .map(|(ca, cb)| cb / ca);
    a.degree() == 1 && ratio.is_some_and(|r| a.scale(&r) == *b)
}

/// The line where the given planes meet (rank d − 1): a point and a
/// direction, `None` when they meet in a point, a plane or nowhere.
fn line(rows: &[&Poly], d: usize) -> Option<(Vec<Rational>, Vec<Rational>)> {
    if rows.is_empty() {
        // d = 1: the whole axis.
        return (d == 1).then(|| {
            (
                vec![Rational::zero()],
                vec![Rational::from_integer(1.into())],
            )
        });
    }
    for c in 0..d {
        let at = |value: i64| {
            let mut with: Vec<Poly> = rows.iter().map(|p| (*p).clone()).collect();
            with.push(
                Poly::var(d, c).sub(&Poly::constant(d, Rational::from_integer(value.into()))),
            );
            let refs: Vec<&Poly> = with.iter().collect();
            match affine_zeros(&refs) {
                Some(AffineZeros::Point(x)) => Some(x),
                _ => None,
            }
        };
        if let (Some(p0), Some(p1)) = (at(0), at(1)) {
            let v = p1.iter().zip(&p0).map(|(a, b)| a - b).collect();
            return Some((p0, v));
        }
    }
    None
}

/// The rational points where `g` cuts the line `p0 + s·v`, each with
/// whether `g` is tangent to the line there (a multiple root).
fn cuts(g: &Poly, p0: &[Rational], v: &[Rational], limits: &Limits) -> Vec<(Vec<Rational>, bool)> {
    let along: Vec<Poly> = p0
        .iter()
        .zip(v)
        .map(|(a, b)| Poly::constant(1, a.clone()).add(&Poly::var(1, 0).scale(b)))
        .collect();
    let Ok(h) = g.compose(&along, limits) else {
        return Vec::new();
    };
    if h.is_zero() {
        // The line lies on g: not an isolated point.
        return Vec::new();
    }
    let mut coefficients = vec![Rational::zero(); h.degree() as usize + 1];
    for (e, c) in h.terms() {
        coefficients[e[0] as usize] += c;
    }
    let Some(roots) = rational_roots(&coefficients) else {
        return Vec::new();
    };
    let slope = h.derivative(0);
    roots
        .into_iter()
        .map(|s| {
            let x = p0.iter().zip(v).map(|(a, b)| a + b * &s).collect();
            (x, slope.eval(std::slice::from_ref(&s)).is_zero())
        })
        .collect()
}

/// n choose k, saturating.
fn binomial(n: usize, k: usize) -> u64 {
    if k > n {
        return 0;
    }
    (0..k as u64).fold(1u64, |acc, i| acc.saturating_mul(n as u64 - i) / (i + 1))
}
