//! Certifying that a chart is a leaf: that its poles can be read off.
//!
//! - Normal crossing: every factor is certified non-vanishing on the box, so
//!   K = u^k · (unit) and the poles are `(h_i + 1)/k_i` over the coordinates
//!   that can be 0 (DESIGN.md §2).
//! - Smooth: the factors that may vanish (`f^e`, or sums of squares of
//!   generators) have generators that can replace as many coordinates
//!   carrying no monomial: affinely with a constant invertible matrix, or
//!   triangularly with non-vanishing diagonal derivatives. Then the generators
//!   are coordinates `v` (an injective change on the box with a unit
//!   Jacobian), in which K = u^k · Π v^e · Π (Σ c_l v_l²) · unit: each `f^e`
//!   is a hyperplane with pole 1/e and each sum of r squares a non-degenerate
//!   quadratic form with pole r/2, order 1. Each block's zero set must be
//!   certified to meet the box, and for the order, to meet the other
//!   attaining components.

use num_traits::{Signed, Zero};

use super::chart::{Chart, Piece};
use super::sample;
use crate::poly::bernstein::{definite_sign, sign_on_box, BoxSign};
use crate::poly::{AffineZeros, Poly, Rational};
use crate::problem::{Factor, Interval};
use crate::residue::Pole;

/// How a leaf was certified.
#[derive(Clone, Debug, PartialEq)]
pub enum LeafKind {
    /// Every factor is a unit on the box.
    NormalCrossing,
    /// No part of the fiber over the point lies in the box (local problems only).
    OffFiber,
    /// The vanishing `factors` are smooth and their generators, taken in
    /// order, replace the coordinates `coords` (one per generator).
    Smooth {
        /// Indices of the smooth factors.
        factors: Vec<usize>,
        /// The coordinates their generators replace, in the generators' order.
        coords: Vec<usize>,
        /// Polynomials with no common zero with the generators (one sum of
        /// squares): replaced coordinates whose hyperplane the zero set
        /// avoids, and factors of the Jacobian determinant (see `unit`).
        units: Vec<super::unit::Unit>,
    },
    /// The vanishing `factors`, each a power of one polynomial, are smooth
    /// hypersurfaces crossing each other and the coordinate hyperplanes
    /// transversally at every point of the box (see `transversal`).
    Transversal {
        /// Indices of the factors.
        factors: Vec<usize>,
    },
    /// Every vanishing generator is a monomial times a unit times one of the
    /// polynomials `smooth`, which replace the coordinates `coords` (one
    /// each): K is a monomial ideal in those coordinates, and its Newton
    /// polyhedron gives the pole (see `toric`).
    Toric {
        /// The smooth polynomials, each up to a constant factor.
        smooth: Vec<Poly>,
        /// The coordinates they replace, in the same order.
        coords: Vec<usize>,
    },
    /// K's zeros in the box lie off the stratum of the tree's rank bound:
    /// that bound's exception number `exception` has no zero on the box
    /// (pulled back), so λ ≥ ρ/2 with order at most 1 there, a lower bound
    /// this leaf never attains (see `stratum`).
    OffStratum {
        /// The index of the exception in the bound's `off`.
        exception: usize,
    },
}

/// A certified leaf and its poles.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf {
    /// How it was certified.
    pub kind: LeafKind,
    /// λ of this chart (None when K has no zero on the chart's box).
    pub leading: Option<Pole>,
    /// Whether `leading` is attained. When not, it only bounds the chart's
    /// poles from below: λ ≥ its value, and where equal the order is at
    /// most its order (a smooth zero set that may touch the box only where
    /// a replaced coordinate is at an end of its interval; see
    /// `leading_on`). Such a leaf decides nothing unless another attains
    /// a pole below it.
    pub attained: bool,
    /// All candidate poles, increasing λ, with their largest possible orders.
    pub candidates: Vec<Pole>,
    /// In a chart whose box may stick out of the problem's domain (after a
    /// shear), the point that attains `leading`: where as many of its
    /// components as its order vanish, mapped strictly inside the domain.
    pub witness: Option<Vec<Rational>>,
}

impl Leaf {
    /// The leading pole, when this chart attains it (not only a lower bound).
    pub fn attained_pole(&self) -> Option<&Pole> {
        self.leading.as_ref().filter(|_| self.attained)
    }
}

/// The most generators a smooth leaf replaces coordinates with (the
/// transversal search behind the affine test is exponential in the worst
/// case).
pub const MAX_GENERATORS: usize = 32;

/// Subdivision budget of one sign certificate.
const SIGN_BUDGET: usize = 8;

/// The Jacobian matrix of `polys` at the origin in the coordinates
/// `coords`: one row per polynomial.
pub(crate) fn jacobian_at_origin<P: std::borrow::Borrow<Poly>>(
    polys: &[P],
    coords: &[usize],
) -> Vec<Vec<Rational>> {
    polys
        .iter()
        .map(|p| {
            coords
                .iter()
                .map(|&j| p.borrow().derivative(j).constant_term())
                .collect()
        })
        .collect()
}

/// The corners and the centre of a box, and its point nearest the origin
/// (where charts put the point that matters: a local problem's, or a zero
/// translated there): cheap exact witnesses of a zero or a sign change.
pub(crate) fn probe_points(domain: &[Interval]) -> Vec<Vec<Rational>> {
    let d = domain.len();
    let nearest: Vec<Rational> = domain
        .iter()
        .map(|iv| iv.lo.clone().max(Rational::zero()).min(iv.hi.clone()))
        .collect();
    let mut points = vec![nearest, sample::centre(domain)];
    if d <= 6 {
        for mask in 0u32..(1 << d) {
            points.push(
                (0..d)
                    .map(|i| {
                        if mask >> i & 1 == 1 {
                            domain[i].hi.clone()
                        } else {
                            domain[i].lo.clone()
                        }
                    })
                    .collect(),
            );
        }
    }
    points
}

/// Whether `p` vanishes or changes sign at a corner or the centre of the
/// box: then it has a zero there, and no Bernstein expansion is needed to
/// say it is not zero-free.
pub(crate) fn seen_to_vanish(p: &Poly, domain: &[Interval]) -> bool {
    let mut signs = probe_points(domain).into_iter().map(|x| p.eval(&x));
    let first = signs.next().expect("the centre");
    first.is_zero() || signs.any(|v| v.is_zero() || v.is_positive() != first.is_positive())
}

/// Whether `p` is certified to have no zero on the box.
pub fn poly_nonvanishing(p: &Poly, domain: &[Interval]) -> bool {
    if p.degree() == 0 {
        return !p.constant_term().is_zero();
    }
    if seen_to_vanish(p, domain) {
        return false;
    }
    definite_sign(p, domain, SIGN_BUDGET).is_some()
}

/// The indices of the chart's factors not certified zero-free on its box
/// (none for a chart off the fiber, which is a leaf whatever its factors).
/// Computed once per chart: certifying a leaf and choosing the next step
/// both need it, and the Bernstein expansions behind it are the costly part.
///
/// For a local problem only a neighbourhood of the fiber counts, and a
/// factor with no zero on the (compact) fiber has none near it: it is a
/// unit there, whatever it does elsewhere in the box.
pub fn vanishing_factors(chart: &Chart) -> Vec<usize> {
    if chart.off_fiber() {
        return Vec::new();
    }
    let pieces: Vec<Vec<Interval>> = chart
        .fiber
        .iter()
        .flatten()
        .map(|piece| piece_box(&chart.domain, piece))
        .collect();
    let vanishing: Vec<usize> = (0..chart.factors.len())
        .filter(|&i| {
            let f = &chart.factors[i];
            let off_fiber =
                || chart.fiber.is_some() && pieces.iter().all(|b| factor_nonvanishing(f, b));
            !(factor_nonvanishing(f, &chart.domain) || off_fiber())
        })
        .collect();
    if !vanishing.is_empty() && chart.fiber.is_none() && zero_free_by_cover(chart, &vanishing) {
        return Vec::new();
    }
    vanishing
}

/// Whether the origin of the chart's coordinates is an isolated regular
/// zero of K: its map is affine, x ↦ x₀ + A·u into the root chart, and
/// the root's factors vanish at x₀ with gradients whose images ∇g(x₀)·A
/// span every direction (asked without pulling the factors back).
pub fn regular_zero_at_origin(chart: &Chart) -> bool {
    if chart.map.iter().any(|m| m.degree() > 1) {
        return false;
    }
    let d = chart.dim();
    let origin = vec![Rational::zero(); d];
    let x0: Vec<Rational> = chart
        .map
        .iter()
        .zip(chart.source_at.iter())
        .map(|(m, p)| m.eval(&origin) - p)
        .collect();
    let linear: Vec<Vec<Rational>> = chart
        .map
        .iter()
        .map(|m| (0..d).map(|j| m.derivative(j).eval(&origin)).collect())
        .collect();
    let mut gradients: Vec<Vec<Rational>> = Vec::new();
    for f in chart.source.iter() {
        let polys = f.polys();
        if polys.iter().any(|g| !g.eval(&x0).is_zero()) {
            continue;
        }
        for g in polys {
            let at: Vec<Rational> = (0..g.nvars()).map(|i| g.derivative(i).eval(&x0)).collect();
            let row = (0..d)
                .map(|j| at.iter().zip(&linear).map(|(a, l)| a * &l[j]).sum())
                .collect();
            gradients.push(row);
        }
    }
    !gradients.is_empty() && crate::newton::rank(gradients) == d
}

/// Whether K has no zero on the chart's box, shown by cutting the box (see
/// [`crate::poly::regular::zero_free_by_subdivision`]) for the root's
/// factors pulled back, which keep the input's degree while the map is
/// affine. Tried only when no probe point is a zero of the factors that
/// may vanish: boxes around a zero are never excluded, and the cover would
/// spend its budget there. Near a regular zero the Newton step makes it
/// cheap where the sign of one generator never settles (the pieces around
/// a naive Bayes network's true point).
fn zero_free_by_cover(chart: &Chart, vanishing: &[usize]) -> bool {
    if chart.contains_origin() || !regular_zero_at_origin(chart) {
        return false;
    }
    let Some(source) = chart.source_factors() else {
        return false;
    };
    let probes = probe_points(&chart.domain);
    let zero_at = |f: &Factor, x: &Vec<Rational>| f.polys().iter().all(|g| g.eval(x).is_zero());
    if vanishing
        .iter()
        .any(|&i| probes.iter().any(|x| zero_at(&chart.factors[i], x)))
    {
        return false;
    }
    source.iter().all(|f| {
        let polys = f.polys();
        polys.iter().any(|g| poly_nonvanishing(g, &chart.domain))
            || crate::poly::regular::zero_free_by_subdivision(&polys, &chart.domain)
    })
}

/// The box of a fiber piece: its fixed coordinates at their values.
pub(crate) fn piece_box(domain: &[Interval], piece: &Piece) -> Vec<Interval> {
    domain
        .iter()
        .zip(piece)
        .map(|(iv, c)| match c {
            Some(c) => Interval::point(c.clone()),
            None => iv.clone(),
        })
        .collect()
}

/// Whether a factor is certified to have no zero on the box.
pub fn factor_nonvanishing(f: &Factor, domain: &[Interval]) -> bool {
    match f {
        Factor::Power(p, _) => poly_nonvanishing(p, domain),
        Factor::Sos(gens) => {
            let common_zero_at = |x: &Vec<Rational>| gens.iter().all(|(_, g)| g.eval(x).is_zero());
            if probe_points(domain).iter().any(common_zero_at) {
                return false;
            }
            // A common zero lies in the box narrowed by the generators
            // solved for a coordinate.
            let polys = f.polys();
            let Some(narrowed) = crate::poly::contract::contract(&polys, domain) else {
                return true;
            };
            let domain = &narrowed[..];
            gens.iter().any(|(_, g)| poly_nonvanishing(g, domain))
                || f.expand(&Default::default()).is_ok_and(|s| {
                    matches!(sign_on_box(&s, domain, SIGN_BUDGET), BoxSign::Positive(_))
                })
        }
    }
}

/// Whether the polynomials have a common zero on the box: `Some(true)` with a
/// witness (an exact common zero, or for one polynomial a sign change, by the
/// intermediate value theorem on the convex box), `Some(false)` when one of
/// them is certified non-vanishing, `None` when undecided.
///
/// A witness counts only where `admit` allows (see `leading_on` for why).
pub fn common_zero(polys: &[&Poly], domain: &[Interval], admit: &Admit) -> Option<bool> {
    if polys.iter().any(|p| poly_nonvanishing(p, domain)) {
        return Some(false);
    }
    if let Some(zeros) = affine_point(polys, domain) {
        return Some(zeros.is_some_and(|x| admit.admits(&x)));
    }
    // Whether a point vanishes is asked before whether it is admitted:
    // after a shear, admitting it means evaluating the chart's map.
    let points = sample::grid_with_budget(domain, 256);
    if exact_zero(&points, polys, domain, admit).is_some() {
        return Some(true);
    }
    if let ([p], None) = (polys, admit.region) {
        // Also the grid of the box shrunk towards its centre by a
        // sixteenth: points near the faces, yet strictly inside (a circle
        // inscribed in a square changes sign only there).
        let near_faces = sample::grid_with_budget(&shrunk(domain), 256);
        let mut neg = false;
        let mut pos = false;
        for x in points.iter().chain(&near_faces).filter(|x| admit.admits(x)) {
            let v = p.eval(x);
            neg |= v.is_negative();
            pos |= v.is_positive();
            if neg && pos {
                return Some(true);
            }
        }
    }
    None
}

/// Planes decide exactly: `Some(None)` when they have no common zero on
/// the box, `Some(Some(x))` when it is the one point `x`, `None` when they
/// are not all planes or meet in a line or more.
fn affine_point(polys: &[&Poly], domain: &[Interval]) -> Option<Option<Vec<Rational>>> {
    match crate::poly::affine_zeros(polys)? {
        AffineZeros::Empty => Some(None),
        AffineZeros::Point(x) => {
            let inside = x.iter().zip(domain).all(|(v, iv)| iv.contains(v));
            Some(inside.then_some(x))
        }
        AffineZeros::Many => None,
    }
}

/// Whether the polynomials have a common zero where `admit` allows, and,
/// when `admit` carries a sheared chart's region, the point: there the
/// point itself is the certificate (no sign-change argument holds on a
/// region that is not a box), and the leaf records it.
pub fn attained_zero(
    polys: &[&Poly],
    domain: &[Interval],
    admit: &Admit,
) -> (bool, Option<Vec<Rational>>) {
    if let Some(x) = affine_point(polys, domain) {
        let x = x.filter(|x| admit.admits(x));
        return (x.is_some(), x.filter(|_| admit.region.is_some()));
    }
    match admit.region {
        Some(_) => {
            let w = exact_zero(&sample::grid_with_budget(domain, 256), polys, domain, admit);
            (w.is_some(), w)
        }
        None => (common_zero(polys, domain, admit) == Some(true), None),
    }
}

/// An exact common zero where `admit` allows, as a point: on the sample
/// grid or by solving (see `exact_zero`). A point, unlike a sign change,
/// can be re-checked by evaluation alone.
pub fn zero_point(polys: &[&Poly], domain: &[Interval], admit: &Admit) -> Option<Vec<Rational>> {
    if let Some(x) = affine_point(polys, domain) {
        return x.filter(|x| admit.admits(x));
    }
    exact_zero(&sample::grid_with_budget(domain, 256), polys, domain, admit)
}

/// [`attained_zero`], with the point itself wherever one is found for a
/// local problem: its checker reads the pole at that point of the fiber.
pub fn attained_point(
    polys: &[&Poly],
    domain: &[Interval],
    admit: &Admit,
    local: bool,
) -> (bool, Option<Vec<Rational>>) {
    match local.then(|| zero_point(polys, domain, admit)).flatten() {
        Some(x) => (true, Some(x)),
        None => attained_zero(polys, domain, admit),
    }
}

/// The box with each interval shrunk by a sixteenth of its width at each end.
fn shrunk(domain: &[Interval]) -> Vec<Interval> {
    let all: Vec<usize> = (0..domain.len()).collect();
    shrunk_in(domain, &all)
}

/// The box with the intervals of `coords` shrunk by a sixteenth of their
/// width at each end.
fn shrunk_in(domain: &[Interval], coords: &[usize]) -> Vec<Interval> {
    let mut shrunk = domain.to_vec();
    for &j in coords {
        let iv = &domain[j];
        let margin = (&iv.hi - &iv.lo) / Rational::from_integer(16.into());
        shrunk[j] = Interval {
            lo: &iv.lo + &margin,
            hi: &iv.hi - &margin,
        };
    }
    shrunk
}

/// A common zero found by elimination (`poly::solve`) in the box shrunk in
/// the coordinates `admit` wants strictly inside, where it allows. Slower
/// than the grid and the affine solving, so asked only of a leaf's block
/// those leave undecided.
fn solved_inside(polys: &[Poly], domain: &[Interval], admit: &Admit) -> Option<Vec<Rational>> {
    let inner = shrunk_in(domain, admit.inside);
    crate::poly::solve::rational_point(polys, &inner).filter(|x| admit.admits(x))
}

/// An exact common zero at a point `admit` allows: among `points` (whether
/// they vanish is asked first, being cheaper than where a sheared chart's
/// map sends them), or by solving (see `solved_common_zero`).
fn exact_zero(
    points: &[Vec<Rational>],
    polys: &[&Poly],
    domain: &[Interval],
    admit: &Admit,
) -> Option<Vec<Rational>> {
    points
        .iter()
        .find(|x| polys.iter().all(|p| p.eval(x).is_zero()) && admit.admits(x))
        .cloned()
        .or_else(|| solved_common_zero(polys, domain, admit))
}

/// Where a witness of a common zero may lie.
#[derive(Clone, Copy)]
pub struct Admit<'a> {
    /// Coordinates the witness must have strictly inside `bounds`; when
    /// solving for a zero, these are solved for first.
    pub inside: &'a [usize],
    /// The intervals of those coordinates (those of the chart's box).
    pub bounds: &'a [Interval],
    /// The chart, when its box may stick out of the problem's domain (after
    /// a shear): the witness must map strictly inside it
    /// ([`Chart::maps_inside`]).
    pub region: Option<&'a Chart>,
}

impl Admit<'_> {
    /// Anywhere on the closed box.
    pub const ANYWHERE: Admit<'static> = Admit {
        inside: &[],
        bounds: &[],
        region: None,
    };

    /// Strictly inside the box in the coordinates `inside`, and inside the
    /// problem's domain where the chart was sheared.
    pub fn off_faces<'a>(chart: &'a Chart, inside: &'a [usize]) -> Admit<'a> {
        Admit {
            inside,
            bounds: &chart.domain,
            region: chart.sheared.then_some(chart),
        }
    }

    fn admits(&self, x: &[Rational]) -> bool {
        self.inside
            .iter()
            .all(|&j| self.bounds[j].lo < x[j] && x[j] < self.bounds[j].hi)
            && self.region.is_none_or(|c| c.maps_inside(x))
    }
}

/// Whether a common zero is found by solving: when the polynomials are
/// affine and triangular in some coordinates (each involves its own and
/// none of those of the polynomials solved after it), fix the other
/// coordinates at sample points of the box and solve for those, exactly.
/// The zero sets of models such as `BA = C` are rarely on a grid but are
/// found this way (`b = c/a`). A candidate counts only once every
/// polynomial is evaluated to zero there, at a point `admit` allows.
fn solved_common_zero(
    polys: &[&Poly],
    domain: &[Interval],
    admit: &Admit,
) -> Option<Vec<Rational>> {
    let d = domain.len();
    // The coordinates that must end up inside come first (solving for them
    // lands inside where the others are fixed inside), then those few
    // polynomials involve, so that one shared by all (the `a` of
    // `b_i·a − c_i`) stays fixed at its sample value.
    let mut coords: Vec<usize> = (0..d).collect();
    coords.sort_by_key(|&j| {
        (
            !admit.inside.contains(&j),
            polys.iter().filter(|p| p.depends_on(j)).count(),
        )
    });
    // Solve one coordinate at a time (triangular), or, when there are as
    // many polynomials as coordinates that must end up inside and they are
    // jointly affine in those, all at once (a linear system).
    let order = triangular_order(polys, &coords, |p, j| p.degree_in(j) == 1);
    let jointly_affine = polys.len() == admit.inside.len()
        && polys.iter().all(|p| {
            p.terms()
                .all(|(e, _)| admit.inside.iter().map(|&j| e[j]).sum::<u32>() <= 1)
        });
    let triangular = order.map(|order| {
        let solved: Vec<usize> = order.iter().map(|(_, j)| *j).collect();
        (solved, Some(order))
    });
    let linear = jointly_affine.then(|| (admit.inside.to_vec(), None));
    triangular
        .into_iter()
        .chain(linear)
        .find_map(|(solved, order)| solve_at_bases(polys, domain, admit, &solved, order.as_deref()))
}

/// Whether, with the coordinates other than `solved` at sample values,
/// solving for those (in `order`, or as one linear system) gives a common
/// zero at a point `admit` allows.
fn solve_at_bases(
    polys: &[&Poly],
    domain: &[Interval],
    admit: &Admit,
    solved: &[usize],
    order: Option<&[(usize, usize)]>,
) -> Option<Vec<Rational>> {
    let d = domain.len();
    // Where the solutions land depends on the other coordinates the
    // polynomials involve: try every combination of their ends, middle and
    // 0, the rest at their middle; a sample grid when there are too many.
    let parameters: Vec<usize> = (0..d)
        .filter(|j| !solved.contains(j) && polys.iter().any(|p| p.depends_on(*j)))
        .collect();
    let bases = if parameters.len() <= 5 {
        parameters
            .iter()
            .fold(vec![sample::centre(domain)], |points, &j| {
                let values = sample::axis_values(&domain[j], 3);
                points
                    .iter()
                    .flat_map(|x| {
                        values.iter().map(move |v| {
                            let mut y = x.clone();
                            y[j] = v.clone();
                            y
                        })
                    })
                    .collect()
            })
    } else {
        sample::grid_with_budget(domain, 64)
    };
    bases.into_iter().find_map(|mut x| {
        let ok = match order {
            Some(order) => order.iter().all(|&(g, j)| {
                x[j] = Rational::zero();
                let slope = polys[g].derivative(j).eval(&x);
                if slope.is_zero() {
                    return false;
                }
                x[j] = -polys[g].eval(&x) / slope;
                domain[j].lo <= x[j] && x[j] <= domain[j].hi
            }),
            None => {
                for &j in solved {
                    x[j] = Rational::zero();
                }
                let a: Vec<Vec<Rational>> = polys
                    .iter()
                    .map(|p| solved.iter().map(|&j| p.derivative(j).eval(&x)).collect())
                    .collect();
                let b: Vec<Rational> = polys.iter().map(|p| -p.eval(&x)).collect();
                crate::poly::solve_unique(a, b).is_some_and(|values| {
                    for (&j, v) in solved.iter().zip(values) {
                        x[j] = v;
                    }
                    true
                })
            }
        };
        (ok && polys.iter().all(|p| p.eval(&x).is_zero()) && admit.admits(&x)).then_some(x)
    })
}

/// The face `{u_T = 0}` of the box (other intervals unchanged).
fn face(domain: &[Interval], zero: &[usize]) -> Vec<Interval> {
    let mut f = domain.to_vec();
    for &i in zero {
        f[i] = Interval {
            lo: Rational::zero(),
            hi: Rational::zero(),
        };
    }
    f
}

/// Tries to certify the chart as a leaf. `None` when it is not (yet) one,
/// or when its pole would only be a lower bound and `lower_bounds` is off.
pub fn certify(chart: &Chart, vanishing: &[usize], lower_bounds: bool) -> Option<Leaf> {
    if chart.off_fiber() {
        return Some(Leaf {
            kind: LeafKind::OffFiber,
            leading: None,
            attained: true,
            candidates: Vec::new(),
            witness: None,
        });
    }
    let hyperplanes: Vec<(usize, Rational)> = chart
        .zeroable()
        .into_iter()
        .filter(|&i| chart.k[i] > 0)
        .map(|i| (i, Rational::new((chart.h[i] + 1).into(), chart.k[i].into())))
        .collect();
    let blocks: Vec<(Vec<&Poly>, Rational)> = vanishing
        .iter()
        .map(|&i| block(&chart.factors[i]))
        .collect();
    // A factor of odd power that vanishes strictly inside the box changes
    // sign there (unless another odd factor vanishes with it), and so does
    // K: not a leaf. Smaller charts around the zero show where K < 0 (see
    // `sign`), however thin the region.
    let everywhere: Vec<usize> = (0..chart.dim()).collect();
    let interior = Admit::off_faces(chart, &everywhere);
    for &i in vanishing {
        if let Factor::Power(p, e) = &chart.factors[i] {
            if e % 2 == 1 && common_zero(&[p], &chart.domain, &interior) == Some(true) {
                return None;
            }
        }
    }
    let (kind, replaced) = if vanishing.is_empty() {
        (LeafKind::NormalCrossing, Vec::new())
    } else {
        let all: Vec<&Poly> = blocks.iter().flat_map(|(g, _)| g.iter().copied()).collect();
        let free: Vec<usize> = (0..chart.dim()).filter(|&j| free(chart, j)).collect();
        let coords = assign_coordinates(chart, &all, blocks.len() == 1, &free).or_else(|| {
            let wider = replaceable(chart, &blocks);
            (wider.len() > free.len())
                .then(|| assign_coordinates(chart, &all, blocks.len() == 1, &wider))
                .flatten()
        });
        // Failing those, coordinates whose Jacobian is a product of units
        // on the zero set (one sum of squares only: each block of several
        // vanishes on its own, where the others' units say nothing).
        let coords = coords.map(|c| (c, Vec::new())).or_else(|| {
            let sos = matches!(vanishing, [i] if matches!(chart.factors[*i], Factor::Sos(_)));
            sos.then(|| super::unit::smooth_coordinates(chart, &all))
                .flatten()
        });
        match coords {
            Some((coords, units)) => (
                LeafKind::Smooth {
                    factors: vanishing.to_vec(),
                    coords: coords.clone(),
                    units,
                },
                coords,
            ),
            None if super::toric::certify(chart, vanishing)
                .filter(|l| l.attained || lower_bounds)
                .is_none()
                && vanishing
                    .iter()
                    .all(|&i| matches!(chart.factors[i], Factor::Power(..)))
                && super::transversal::crosses_normally(chart, &all) =>
            {
                // No coordinate is replaced: a witness must be strictly
                // inside in every coordinate.
                (
                    LeafKind::Transversal {
                        factors: vanishing.to_vec(),
                    },
                    everywhere.clone(),
                )
            }
            None => {
                return super::toric::certify(chart, vanishing)
                    .filter(|l| l.attained || lower_bounds)
            }
        }
    };
    // The poles where the fiber is: everywhere for a global problem.
    let whole = vec![None; chart.dim()];
    let pieces: Vec<Piece> = chart.fiber.clone().unwrap_or_else(|| vec![whole]);
    // A generator in its own coordinate alone is a coordinate of the box
    // (a monotone function of it near its zeros): its zero set may lie on
    // that coordinate's faces, where the box is a half-space in it.
    let all: Vec<&Poly> = blocks.iter().flat_map(|(g, _)| g.iter().copied()).collect();
    let faces: Vec<usize> = match kind {
        LeafKind::Transversal { .. } => replaced.clone(),
        _ => replaced
            .iter()
            .zip(&all)
            .filter(|(&j, g)| (0..chart.dim()).any(|i| i != j && g.depends_on(i)))
            .map(|(&j, _)| j)
            .collect(),
    };
    let mut leading: Option<Pole> = None;
    let mut attained = true;
    let mut values: Vec<Rational> = Vec::new();
    let mut witness = None;
    for piece in &pieces {
        let on = leading_on(chart, &hyperplanes, &blocks, &faces, piece)?;
        values.extend(on.values);
        attained &= on.attained;
        if let Some(p) = on.pole {
            let keep = leading.as_ref().is_some_and(|q| {
                q.lambda < p.lambda || (q.lambda == p.lambda && q.order >= p.order)
            });
            if !keep {
                leading = Some(p);
                witness = on.witness;
            }
        }
    }
    if !attained && !lower_bounds {
        return None;
    }
    let mut candidates = crate::residue::group_poles(values);
    // A block never meets the hyperplanes of the coordinates it replaces
    // that carry a monomial (see `replaceable`): at most the components of
    // one value that can share a point count towards its order.
    let owner: Vec<usize> = match kind {
        LeafKind::Smooth { .. } => blocks
            .iter()
            .enumerate()
            .flat_map(|(b, (gens, _))| std::iter::repeat_n(b, gens.len()))
            .collect(),
        _ => Vec::new(),
    };
    for pole in &mut candidates {
        let planes: Vec<usize> = hyperplanes
            .iter()
            .filter(|(_, v)| *v == pole.lambda)
            .map(|(i, _)| *i)
            .collect();
        let with: Vec<usize> = (0..blocks.len())
            .filter(|&b| blocks[b].1 == pole.lambda)
            .collect();
        let most = (0u32..1 << with.len().min(16))
            .map(|set| {
                let chosen = |b: usize| {
                    with.iter()
                        .position(|&w| w == b)
                        .is_some_and(|p| set >> p & 1 == 1)
                };
                let apart = planes
                    .iter()
                    .filter(|&&j| {
                        replaced
                            .iter()
                            .zip(&owner)
                            .any(|(&r, &b)| r == j && chosen(b))
                    })
                    .count();
                set.count_ones() as usize + planes.len() - apart
            })
            .max()
            .unwrap_or(0);
        pole.order = pole.order.min(most.max(1));
    }
    if let (Some(l), Some(first)) = (&leading, candidates.first_mut()) {
        if first.lambda == l.lambda {
            first.order = l.order;
        }
    }
    Some(Leaf {
        kind,
        leading,
        attained,
        candidates,
        witness: witness.filter(|_| attained),
    })
}

/// What the points of one fiber piece contribute.
struct OnPiece {
    /// The leading pole (None when nothing vanishes there).
    pole: Option<Pole>,
    /// Whether it is attained, or only a lower bound (see `leading_on`).
    attained: bool,
    /// The pole values of the components that may be present.
    values: Vec<Rational>,
    /// After a shear, where the pole is attained.
    witness: Option<Vec<Rational>>,
}

/// The leading pole contributed by the points of one fiber piece. `None`
/// when undecided.
///
/// Where the blocks vanish, the leaf's coordinates are `v` (the generators,
/// in place of the coordinates `replaced`) and the other `u`. Near a point
/// off the faces `u_j = lo_j, hi_j` (`j` replaced) the box is, in those
/// coordinates, a product of intervals, and the poles there are the
/// normal-crossing ones. On such a face it is not: a zero set that only
/// touches the box there (the parabola `y = x²` on `y ≤ 0` touches it at the
/// origin, where λ = 3/4, not 1/2) contributes larger poles, or lower
/// orders. The normal-crossing values are lower bounds everywhere all the
/// same (the box near a point lies inside a full neighbourhood of it, and
/// the integrand is positive). So a pole is attained only with a witness
/// off those faces; without one, the piece yields a lower bound.
fn leading_on(
    chart: &Chart,
    hyperplanes: &[(usize, Rational)],
    blocks: &[(Vec<&Poly>, Rational)],
    replaced: &[usize],
    piece: &Piece,
) -> Option<OnPiece> {
    let domain = piece_box(&chart.domain, piece);
    let off_faces = Admit::off_faces(chart, replaced);
    let local = chart.fiber.is_some();
    // Hyperplanes u_i = 0 meeting the piece, and blocks whose zero set meets it.
    let hs: Vec<(usize, Rational)> = hyperplanes
        .iter()
        .filter(|(i, _)| piece[*i].as_ref().is_none_or(Zero::is_zero))
        .cloned()
        .collect();
    let fixed: Vec<(Vec<Poly>, Rational)> = blocks
        .iter()
        .map(|(gens, v)| {
            (
                gens.iter()
                    .map(|g| super::chart::fix_piece(g, piece))
                    .collect(),
                v.clone(),
            )
        })
        .collect();
    // Blocks met off the faces (present), and those that may vanish only
    // on them or are undecided (unsure): the latter bound poles from below.
    let mut present: Vec<usize> = Vec::new();
    let mut unsure: Vec<usize> = Vec::new();
    // Zeros found by elimination where the grid and the affine solving
    // find none (LDA's fiber, a surface at coordinates like 2/7): the
    // witness of the block's presence, and of its order alone.
    let mut solved: Vec<Option<Vec<Rational>>> = vec![None; fixed.len()];
    for (b, (gens, _)) in fixed.iter().enumerate() {
        let refs: Vec<&Poly> = gens.iter().collect();
        match common_zero(&refs, &domain, &off_faces) {
            Some(true) => present.push(b),
            Some(false) => {}
            None => match solved_inside(gens, &domain, &off_faces) {
                Some(x) => {
                    solved[b] = Some(x);
                    present.push(b);
                }
                None => unsure.push(b),
            },
        }
    }
    let value = |b: usize| fixed[b].1.clone();
    let mut values: Vec<Rational> = hs.iter().map(|(_, v)| v.clone()).collect();
    values.extend(present.iter().map(|&b| value(b)));
    let attained_min = values.iter().min().cloned();
    values.extend(unsure.iter().map(|&b| value(b)));
    let Some(lambda) = values.iter().min().cloned() else {
        return Some(OnPiece {
            pole: None,
            attained: true,
            values,
            witness: None,
        });
    };
    // Attained only if no unsure block could reach as low.
    let mut attained =
        attained_min.as_ref() == Some(&lambda) && unsure.iter().all(|&b| value(b) > lambda);
    let att_h: Vec<usize> = hs
        .iter()
        .filter(|(_, v)| *v == lambda)
        .map(|(i, _)| *i)
        .collect();
    let att_b: Vec<usize> = present
        .iter()
        .chain(&unsure)
        .copied()
        .filter(|&b| value(b) == lambda)
        .collect();
    // The order: the largest set of attaining components with a common
    // point on the piece off the faces, no larger set having one at all;
    // as a bound, the largest set that may have one anywhere.
    for size in (1..=att_h.len() + att_b.len()).rev() {
        for nb in (0..=size.min(att_b.len())).rev() {
            let nh = size - nb;
            if nh > att_h.len() {
                continue;
            }
            for sub_b in subsets(&att_b, nb) {
                for sub_h in subsets(&att_h, nh) {
                    crate::budget::checkpoint();
                    let mut witness = None;
                    let order = if sub_b.is_empty() {
                        // Coordinate hyperplanes meeting the piece meet each
                        // other on it, where no block vanishes; after a
                        // shear, inside the domain only at a witness.
                        if chart.sheared || local {
                            let found;
                            (found, witness) =
                                attained_point(&[], &face(&domain, &sub_h), &off_faces, local);
                            attained &= found || local;
                        }
                        Some(size)
                    } else {
                        let restricted: Vec<Poly> = sub_b
                            .iter()
                            .flat_map(|&b| fixed[b].0.iter().map(|p| p.restrict_zero(&sub_h)))
                            .collect();
                        let refs: Vec<&Poly> = restricted.iter().collect();
                        let face = face(&domain, &sub_h);
                        let found;
                        (found, witness) = match (&sub_b[..], sub_h.is_empty()) {
                            ([b], true) if solved[*b].is_some() => (true, solved[*b].clone()),
                            _ => attained_point(&refs, &face, &off_faces, local),
                        };
                        if attained && found {
                            Some(size)
                        } else if common_zero(&refs, &face, &Admit::ANYWHERE) == Some(false) {
                            None
                        } else {
                            attained = false;
                            Some(size)
                        }
                    };
                    if let Some(order) = order {
                        return Some(OnPiece {
                            pole: Some(Pole { lambda, order }),
                            attained,
                            values,
                            witness,
                        });
                    }
                }
            }
        }
    }
    unreachable!("a single attaining component is always present")
}

/// The generators of a factor and the pole of its block once they are coordinates:
/// `f^e` gives `1/e`, a sum of `r` squares gives `r/2`.
pub fn block(f: &Factor) -> (Vec<&Poly>, Rational) {
    match f {
        Factor::Power(p, e) => (vec![p], Rational::new(1.into(), (*e).into())),
        Factor::Sos(gens) => (
            gens.iter().map(|(_, g)| g).collect(),
            Rational::new((gens.len() as u32).into(), 2.into()),
        ),
    }
}

/// Whether coordinate `j` carries no monomial (of K or of prior × Jacobian):
/// such a coordinate can be replaced by a generator.
pub fn free(chart: &Chart, j: usize) -> bool {
    chart.k[j] == 0 && chart.h[j] == 0
}

/// The coordinates a generator may replace: the free ones, and those that
/// carry a monomial but whose hyperplane `u_j = 0` no vanishing block meets
/// on the box. Near the blocks' zeros such a `u_j` is bounded away from 0,
/// its monomial a unit, and near `u_j = 0` the blocks are units: the chart
/// is two normal-crossing pieces, the hyperplane's pole and the blocks'
/// never meeting (as `1 − y` and `y` in `y⁴·(1 − y)²`).
fn replaceable(chart: &Chart, blocks: &[(Vec<&Poly>, Rational)]) -> Vec<usize> {
    (0..chart.dim())
        .filter(|&j| {
            free(chart, j)
                || chart.domain[j].contains_zero()
                    && blocks.iter().all(|(gens, _)| {
                        let on_face: Vec<Poly> =
                            gens.iter().map(|g| g.restrict_zero(&[j])).collect();
                        no_common_zero(&on_face, &face(&chart.domain, &[j]))
                    })
        })
        .collect()
}

/// Coordinates, one per generator, that the generators can replace: near
/// every point where they vanish, a change of coordinates. Either the
/// generators are affine in those coordinates with an invertible constant
/// matrix of coefficients, or they are triangular in them with non-vanishing
/// diagonal derivatives (both an injective change on the whole box), or,
/// for the generators of one block (`one_block`), triangular with a
/// Jacobian that has no zero where they all vanish.
pub fn assign_coordinates(
    chart: &Chart,
    gens: &[&Poly],
    one_block: bool,
    free: &[usize],
) -> Option<Vec<usize>> {
    let r = gens.len();
    if r == 0 || r > free.len() || r > MAX_GENERATORS {
        return None;
    }
    // Affine with a constant invertible matrix: among the coordinates in
    // which every generator is affine with a constant coefficient, the
    // first independent columns, taken greedily (the lexicographically
    // first basis of the column matroid).
    let column = |j: usize| -> Vec<Rational> {
        gens.iter()
            .map(|g| g.derivative(j).constant_term())
            .collect()
    };
    let mut cols: Vec<usize> = Vec::new();
    for &j in free {
        if cols.len() == r {
            break;
        }
        let affine = gens
            .iter()
            .all(|g| g.degree_in(j) <= 1 && g.derivative(j).degree() == 0);
        if !affine {
            continue;
        }
        let mut candidate = cols.clone();
        candidate.push(j);
        let columns: Vec<Vec<Rational>> = candidate.iter().map(|&c| column(c)).collect();
        if crate::newton::rank(columns) == candidate.len() {
            cols = candidate;
        }
    }
    if cols.len() == r {
        let matrix = jacobian_at_origin(gens, &cols);
        // Pair each generator with a column so that the pairing is a
        // non-zero transversal (it exists since the matrix is invertible).
        return transversal(&matrix).map(|perm| perm.into_iter().map(|c| cols[c]).collect());
    }
    let order = triangular(chart, gens.to_vec(), free).or_else(|| {
        // Triangular with diagonal derivatives that may vanish on the box,
        // but whose Jacobian has no zero where the generators vanish. With
        // several blocks that would not do: each vanishes on its own too,
        // where the others' rows say nothing.
        if !one_block {
            return None;
        }
        if let [g] = gens {
            // One generator: any coordinate will do whose derivative has
            // no zero where the generator vanishes (the implicit function
            // theorem, whatever the degree), those of degree 1 first.
            let mut order: Vec<usize> = free.iter().copied().filter(|&j| g.depends_on(j)).collect();
            order.sort_by_key(|&j| g.degree_in(j) != 1);
            return order
                .into_iter()
                .find(|&j| jacobian_nonvanishing_on_zeros(&[g], &[j], &chart.domain))
                .map(|j| vec![(0, j)]);
        }
        // Coordinates few generators involve first: they make diagonal
        // Jacobians.
        let mut candidates = free.to_vec();
        candidates.sort_by_key(|&j| gens.iter().filter(|g| g.depends_on(j)).count());
        // Which coordinate a curved generator can replace depends on where
        // the box lies (the Boltzmann machine's interaction is a coordinate
        // in place of s₂₂ where s₁₂ stays away from 1, of s₁₁ where s₂₁
        // does): each coordinate is tried first in turn, in that order.
        let mut tried: Vec<Vec<(usize, usize)>> = Vec::new();
        (0..candidates.len()).find_map(|first| {
            let mut preferred = candidates.clone();
            let j = preferred.remove(first);
            preferred.insert(0, j);
            let order = triangular_order(gens, &preferred, |g, j| g.degree_in(j) == 1)?;
            if tried.contains(&order) {
                return None;
            }
            tried.push(order.clone());
            let coords: Vec<usize> = order.iter().map(|(_, j)| *j).collect();
            let rows: Vec<&Poly> = order.iter().map(|(g, _)| gens[*g]).collect();
            jacobian_nonvanishing_on_zeros(&rows, &coords, &chart.domain).then_some(order)
        })
    })?;
    let mut by_gen = vec![0; r];
    for (g, j) in order {
        by_gen[g] = j;
    }
    Some(by_gen)
}

/// Whether the Jacobian of `gens` in `coords` is invertible wherever the
/// generators vanish on the box: its determinant has no zero on the box, or
/// it has no common zero with them. The determinant is first reduced (unit
/// monomials divided out, square roots taken) so that it can serve as a
/// pivot in that test.
pub fn jacobian_nonvanishing_on_zeros(
    gens: &[&Poly],
    coords: &[usize],
    domain: &[Interval],
) -> bool {
    let limits = crate::poly::Limits::default();
    let jacobian: Vec<Vec<Poly>> = gens
        .iter()
        .map(|g| coords.iter().map(|&j| g.derivative(j)).collect())
        .collect();
    if crate::poly::regular::invertible_on_box(&jacobian, domain) {
        return true;
    }
    let Ok(mut det) = crate::poly::determinant(&jacobian, &limits) else {
        return false;
    };
    if det.is_zero() {
        return false;
    }
    if poly_nonvanishing(&det, domain) {
        return true;
    }
    // The entries of the Jacobian that are units on the box and divide the
    // determinant (the diagonal of a triangular one) say nothing about
    // where it vanishes; divided out, what is left can be the derivative
    // whose zeros the generators avoid.
    for entry in jacobian.iter().flatten() {
        if entry.degree() > 0 && poly_nonvanishing(entry, domain) {
            det = crate::poly::factor::divide_out(det, entry);
        }
    }
    let mut unit = det.monomial_content();
    for (e, iv) in unit.iter_mut().zip(domain) {
        if iv.contains_zero() {
            *e = 0;
        }
    }
    det = det.div_monomial(&unit);
    while let Some(root) = det.sqrt().or_else(|| det.neg().sqrt()) {
        det = root;
    }
    let mut polys: Vec<Poly> = gens.iter().map(|g| (*g).clone()).collect();
    polys.push(det);
    no_common_zero(&polys, domain)
}

/// Whether `a` is a non-zero constant multiple of `b`: the same support,
/// and one ratio of coefficients throughout (compared term by term, so that
/// two large polynomials that differ are told apart at once).
fn proportional(a: &Poly, b: &Poly) -> bool {
    crate::budget::checkpoint();
    if a.len() != b.len() || a.is_zero() {
        return false;
    }
    let mut ratio: Option<Rational> = None;
    for ((ea, ca), (eb, cb)) in a.terms().zip(b.terms()) {
        if ea != eb {
            return false;
        }
        match &ratio {
            None => ratio = Some(ca / cb),
            Some(r) if *ca == cb * r => {}
            Some(_) => return false,
        }
    }
    true
}

/// Whether the polynomials are certified to have no common zero on the box:
/// one of them has none, or, after eliminating a coordinate through one of
/// them (`c·u_j + r` with `c` free of zeros on the box), another has none
/// on the zero set of the first.
///
/// First the set grows by `h(u_j = 0)` for each `h` of degree 1 in `u_j`
/// whose derivative `∂h/∂u_j` is (a multiple of) one of the polynomials:
/// `h = u_j·∂h/∂u_j + h(u_j = 0)`, so where both vanish, so does that (for
/// the DLN generator `c·(b·a) − 1/8` and its derivative `b·a` in `c`, it is
/// the constant −1/8).
pub fn no_common_zero(polys: &[Poly], domain: &[Interval]) -> bool {
    // A monomial among them vanishes only on coordinate hyperplanes: on
    // each that the box meets, the others must have no common zero.
    if let Some(m) = polys.iter().position(|p| p.len() == 1 && p.degree() > 0) {
        let (e, _) = polys[m].terms().next().expect("one term");
        let others: Vec<usize> = (0..polys.len()).filter(|&o| o != m).collect();
        return !others.is_empty()
            && (0..domain.len())
                .filter(|&i| e[i] > 0 && domain[i].contains_zero())
                .all(|i| {
                    let on: Vec<Poly> = others
                        .iter()
                        .map(|&o| polys[o].restrict_zero(&[i]))
                        .collect();
                    no_common_zero(&on, &face(domain, &[i]))
                });
    }
    let mut polys = polys.to_vec();
    let n = polys.len();
    for h in 0..n {
        for j in 0..polys[h].nvars() {
            crate::budget::checkpoint();
            if polys[h].degree_in(j) == 1 {
                let derivative = polys[h].derivative(j);
                if polys[..n].iter().any(|p| proportional(&derivative, p)) {
                    let rest = polys[h].restrict_zero(&[j]);
                    polys.push(rest);
                }
            }
        }
    }
    if let Some(replaced) = monomial_in_place(&polys, domain) {
        return no_common_zero(&replaced, domain);
    }
    let polys = &polys[..];
    if polys.iter().any(|p| poly_nonvanishing(p, domain)) {
        return true;
    }
    let refs: Vec<&Poly> = polys.iter().collect();
    if polys.len() > 1 && crate::poly::regular::newton_excludes(&refs, domain) {
        return true;
    }
    if let Some(point) = affine_point(&refs, domain) {
        return point.is_none();
    }
    let limits = crate::poly::Limits::default();
    polys.iter().enumerate().any(|(gi, g)| {
        (0..g.nvars()).any(|j| {
            let c = g.derivative(j);
            if g.degree_in(j) != 1 || !poly_nonvanishing(&c, domain) {
                return false;
            }
            let minus_r = Poly::var(g.nvars(), j)
                .mul(&c, &limits)
                .map(|cu| cu.sub(g))
                .expect("small");
            polys.iter().enumerate().any(|(hi, h)| {
                hi != gi
                    && h.depends_on(j)
                    && super::chart::eliminate(h, j, &minus_r, &c, &limits)
                        .is_some_and(|reduced| poly_nonvanishing(&reduced, domain))
            })
        })
    })
}

/// The polynomials with one that is a monomial times a unit on the box
/// replaced by the monomial: it vanishes where the monomial does (as
/// `x₁₁x₂₁·(unit)`, the Boltzmann machine's interaction restricted to a
/// hyperplane), and the monomial rule of [`no_common_zero`] then splits the
/// search along the coordinate hyperplanes. Only coordinates whose interval
/// holds 0 count towards the monomial; the others are units. The
/// polynomials themselves when one is a monomial already (the rule applies
/// as they are); `None` when none is either. Called only where the rule has
/// not run on them yet, so that the recursion ends.
fn monomial_in_place(polys: &[Poly], domain: &[Interval]) -> Option<Vec<Poly>> {
    if polys.len() < 2 {
        return None;
    }
    if polys.iter().any(|p| p.len() == 1 && p.degree() > 0) {
        return Some(polys.to_vec());
    }
    polys.iter().enumerate().find_map(|(i, p)| {
        let mut content = p.monomial_content();
        for (e, iv) in content.iter_mut().zip(domain) {
            if !iv.contains_zero() {
                *e = 0;
            }
        }
        if content.iter().all(|&e| e == 0) {
            return None;
        }
        poly_nonvanishing(&p.div_monomial(&content), domain).then(|| {
            let mut replaced = polys.to_vec();
            replaced[i] = Poly::monomial(content, Rational::from_integer(1.into()));
            replaced
        })
    })
}

/// For an invertible square matrix, a permutation `p` with every `m[i][p[i]] ≠ 0`.
fn transversal(m: &[Vec<Rational>]) -> Option<Vec<usize>> {
    fn rec(m: &[Vec<Rational>], row: usize, used: &mut Vec<bool>, out: &mut Vec<usize>) -> bool {
        if row == m.len() {
            return true;
        }
        for c in 0..m.len() {
            if !used[c] && !m[row][c].is_zero() {
                used[c] = true;
                out.push(c);
                if rec(m, row + 1, used, out) {
                    return true;
                }
                out.pop();
                used[c] = false;
            }
        }
        false
    }
    let mut out = Vec::new();
    rec(m, 0, &mut vec![false; m.len()], &mut out).then_some(out)
}

/// The subsets of `items` of the given size, in lexicographic order.
pub(crate) fn subsets(items: &[usize], size: usize) -> Vec<Vec<usize>> {
    if size == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        for mut rest in subsets(&items[i + 1..], size - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

/// An order `(generator, coordinate)` in which each generator involves none of
/// the later coordinates and has a non-vanishing derivative in its own.
fn triangular(chart: &Chart, gens: Vec<&Poly>, free: &[usize]) -> Option<Vec<(usize, usize)>> {
    if gens.len() > MAX_GENERATORS {
        return None;
    }
    triangular_order(&gens, free, |g, j| {
        g.depends_on(j) && poly_nonvanishing(&g.derivative(j), &chart.domain)
    })
}

/// An order `(polynomial, coordinate)`, one coordinate each from
/// `candidates` (tried in that order) accepted by `accept`, in which each
/// polynomial involves none of the later ones' coordinates. Built from the
/// last backwards: a polynomial can go last if no other remaining one
/// involves its coordinate.
fn triangular_order(
    polys: &[&Poly],
    candidates: &[usize],
    accept: impl Fn(&Poly, usize) -> bool,
) -> Option<Vec<(usize, usize)>> {
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    let mut remaining: Vec<usize> = (0..polys.len()).collect();
    while !remaining.is_empty() {
        let pick = remaining.iter().enumerate().find_map(|(pos, &g)| {
            candidates
                .iter()
                .copied()
                .find(|&j| {
                    !chosen.iter().any(|(_, c)| *c == j)
                        && remaining.iter().all(|&o| o == g || !polys[o].depends_on(j))
                        && accept(polys[g], j)
                })
                .map(|j| (pos, g, j))
        });
        let (pos, g, j) = pick?;
        remaining.remove(pos);
        chosen.push((g, j));
    }
    chosen.reverse();
    Some(chosen)
}
