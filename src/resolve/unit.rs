//! Units on a zero set: polynomials with no common zero with K's
//! generators, not even a complex one, each with its Nullstellensatz
//! certificate (cofactors with Σ q_i·g_i + q·f = 1).
//!
//! Models are full of polynomials that vanish on the box but never where K
//! does: in LDA's stick-breaking coordinates the fractions s_h and the
//! differences b_i − b_j of documents that differ, which divide the
//! Jacobian minors of its generators. Such a factor says nothing about
//! where the Jacobian is singular on the zero set, so it is divided out
//! before that question is asked: by the rank bound (`rank`) and by smooth
//! leaves whose Jacobian determinant is a product of units up to what the
//! box's own tests handle (`smooth_coordinates`). A coordinate that is a
//! unit is one whose hyperplane the zero set avoids: it may carry a
//! monomial and still be replaced by a generator.

use super::chart::Chart;
use super::leaf::{free, no_common_zero, poly_nonvanishing};
use crate::poly::factor::{divide_out, factor};
use crate::poly::nullstellensatz::{unit_cofactors, unknowns};
use crate::poly::{determinant, modular, Limits, Poly};

/// Most unknown coefficients in the search for one unit of a leaf (a
/// failing search ends modulo a prime, in milliseconds at this size).
const MAX_LEAF_UNKNOWNS: usize = 4_000;

/// Most terms of a Jacobian determinant that is expanded.
const MAX_DETERMINANT_TERMS: usize = 256;

/// Most terms of a determinant that is factored to find its units.
const MAX_FACTORED_TERMS: usize = 16;

/// A polynomial with no common zero with the generators: cofactors with
/// Σ q_i·g_i + q·f = 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// f.
    pub factor: Poly,
    /// The cofactor of each generator.
    pub generator_cofactors: Vec<Poly>,
    /// The cofactor of f.
    pub cofactor: Poly,
}

/// The number of unknown coefficients `search` would take for `f` (at the
/// higher of its two degrees).
pub fn cost(gens: &[Poly], f: &Poly) -> usize {
    let (polys, top) = with_factor(gens, f);
    unknowns(&polys, top + 1)
}

/// The certificate that `f` has no common zero with `gens`, at total
/// degree the largest of theirs or one more, within `max_unknowns`.
pub fn search(gens: &[Poly], f: &Poly, max_unknowns: usize) -> Option<Unit> {
    let (polys, top) = with_factor(gens, f);
    let mut q = unit_cofactors(&polys, top..=top + 1, max_unknowns)?;
    let cofactor = q.pop()?;
    Some(Unit {
        factor: f.clone(),
        generator_cofactors: q,
        cofactor,
    })
}

/// The generators followed by `f`, and their largest degree.
fn with_factor(gens: &[Poly], f: &Poly) -> (Vec<Poly>, u32) {
    let polys: Vec<Poly> = gens.iter().cloned().chain([f.clone()]).collect();
    let top = polys.iter().map(Poly::degree).max().unwrap_or(0);
    (polys, top)
}

/// Coordinates that the generators of one sum of squares replace on the
/// chart, with the units that certify it, when the cheaper tests of
/// `leaf` have found none: r generators of rank r at a generic point of
/// the box, r coordinates where their minor is not identically zero (the
/// first independent columns, coordinates free of monomials first), and
/// a determinant that has no zero where the generators vanish once its
/// unit factors are divided out. A coordinate carrying a monomial may be
/// replaced when it is itself a unit (its hyperplane misses the zero set,
/// as `leaf::replaceable` asks on the box).
///
/// Near every zero the generators are then part of a coordinate system
/// (the inverse function theorem), which is all a smooth leaf needs; the
/// block-triangular Jacobians of models (LDA's generators pair up over
/// documents) are not triangular in any order, which is why `leaf`'s own
/// search misses them.
pub fn smooth_coordinates(chart: &Chart, gens: &[&Poly]) -> Option<(Vec<usize>, Vec<Unit>)> {
    let d = chart.dim();
    let r = gens.len();
    if r == 0 || r > d || r > super::leaf::MAX_GENERATORS {
        return None;
    }
    let owned: Vec<Poly> = gens.iter().map(|g| (*g).clone()).collect();
    // The Jacobian at generic points, all columns at once, modulo a prime
    // (rationals at generic points grow with every power): columns of full
    // rank at such a point have a minor that is not identically zero; a
    // coincidence can only pass over a column (the determinant itself is
    // then expanded exactly).
    let derivatives: Vec<Vec<Poly>> = gens
        .iter()
        .map(|g| (0..d).map(|j| g.derivative(j)).collect())
        .collect();
    let generic: Vec<Vec<Vec<u64>>> = modular::generic_points(d)
        .iter()
        .filter_map(|x| {
            derivatives
                .iter()
                .map(|row| row.iter().map(|p| modular::eval(p, x)).collect())
                .collect()
        })
        .collect();
    let columns = |at: &Vec<Vec<u64>>, cols: &[usize]| -> Vec<Vec<u64>> {
        at.iter()
            .map(|row| cols.iter().map(|&j| row[j]).collect())
            .collect()
    };
    // Columns in the order of preference: free coordinates, then those
    // carrying a monomial (their being units is asked last: it costs most).
    let mut order: Vec<usize> = (0..d).filter(|&j| free(chart, j)).collect();
    order.extend((0..d).filter(|&j| !free(chart, j) && chart.domain[j].contains_zero()));
    let mut cols: Vec<usize> = Vec::new();
    for j in order {
        if cols.len() == r {
            break;
        }
        crate::budget::checkpoint();
        let mut candidate = cols.clone();
        candidate.push(j);
        let independent = generic
            .iter()
            .any(|at| modular::rank(columns(at, &candidate)) == candidate.len());
        if independent {
            cols = candidate;
        }
    }
    if cols.len() < r {
        return None;
    }
    // The determinant is expanded only while small, and factored only
    // while smaller: a large one (thousands of terms after a few blow-ups
    // of a mixture of five normals) costs more than it is likely to give.
    let limits = Limits {
        max_terms: MAX_DETERMINANT_TERMS,
        ..Limits::default()
    };
    let jacobian: Vec<Vec<Poly>> = gens
        .iter()
        .map(|g| cols.iter().map(|&j| g.derivative(j)).collect())
        .collect();
    let det = determinant(&jacobian, &limits).ok()?;
    if det.is_zero() {
        return None;
    }
    // What is left of the determinant once its units (on the box, or on
    // the zero set) are divided out must not vanish where the generators do.
    let mut units: Vec<Unit> = Vec::new();
    let mut rest = det;
    let factors = if rest.len() <= MAX_FACTORED_TERMS {
        factor(&rest).1
    } else {
        Vec::new()
    };
    for (f, _) in factors.into_iter().filter(|(f, _)| f.degree() > 0) {
        if poly_nonvanishing(&f, &chart.domain) {
            rest = divide_out(rest, &f);
        } else if let Some(u) = search(&owned, &f, MAX_LEAF_UNKNOWNS) {
            rest = divide_out(rest, &f);
            units.push(u);
        }
    }
    let decided = rest.degree() == 0 || {
        let mut polys = owned.clone();
        polys.push(rest);
        no_common_zero(&polys, &chart.domain)
    };
    if !decided {
        return None;
    }
    // A replaced coordinate that carries a monomial must be a unit.
    for &j in cols.iter().filter(|&&j| !free(chart, j)) {
        let u = Poly::var(d, j);
        if !units.iter().any(|known| known.factor == u) {
            units.push(search(&owned, &u, MAX_LEAF_UNKNOWNS)?);
        }
    }
    Some((cols, units))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poly::Rational;
    use crate::resolve::LeafKind;

    #[test]
    fn a_jacobian_singular_only_off_the_zeros_makes_the_box_a_leaf() {
        // x + y = 1, xy = 2/9: the points (1/3, 2/3) and (2/3, 1/3), where
        // the generators are coordinates (λ = 1, m = 1). The chart holds
        // them recombined, x + y − 1 and xy − 2/9 − x(x + y − 1) =
        // −x² + x − 2/9, whose Jacobian determinant 2x − 1 vanishes only
        // where −x² + x − 2/9 = 1/36: a unit, certified; the box is one
        // leaf. (Left as xy − 2/9 they would have x − y, a unit too.)
        let p = crate::parse("vars x, y; K = sos(x + y - 1, x*y - 2/9);").unwrap();
        let r = crate::analyze(&p, &Default::default()).unwrap();
        let one = Rational::from_integer(1.into());
        assert_eq!((&r.lambda, r.multiplicity), (&one, 1));
        let tree = r.resolution.tree.as_ref().unwrap();
        assert_eq!(tree.nodes.len(), 1);
        let (_, _, leaf) = tree.leaves().next().unwrap();
        let LeafKind::Smooth { units, .. } = &leaf.kind else {
            panic!("{:?}", leaf.kind);
        };
        assert_eq!(units.len(), 1);
        let report = crate::check::check_tree(&p, tree).unwrap();
        assert_eq!((report.fully, report.monomial_part), (1, 0));
        // A claimed unit that meets the zero set ((1/3, 2/3) is on x = 1/3)
        // is not accepted.
        let mut forged = tree.clone();
        if let crate::resolve::Outcome::Leaf(l) = &mut forged.nodes[0].outcome {
            if let LeafKind::Smooth { units, .. } = &mut l.kind {
                units[0].factor =
                    Poly::var(2, 0).sub(&Poly::constant(2, Rational::new(1.into(), 3.into())));
            }
        }
        let report = crate::check::check_tree(&p, &forged).unwrap();
        assert_eq!(report.fully, 0);
    }

    #[test]
    fn a_unit_certificate_combines_into_one() {
        // xy − 1 and x: y·x − (xy − 1) = 1.
        let xy = Poly::var(2, 0)
            .mul(&Poly::var(2, 1), &Limits::default())
            .unwrap()
            .sub(&Poly::one(2));
        let u = search(std::slice::from_ref(&xy), &Poly::var(2, 0), 100).expect("a certificate");
        let sum = xy
            .mul(&u.generator_cofactors[0], &Limits::default())
            .unwrap()
            .add(&u.factor.mul(&u.cofactor, &Limits::default()).unwrap());
        assert_eq!(sum, Poly::one(2));
        // x − y has the common zero (1, 1) with xy − 1: none.
        assert_eq!(
            search(&[xy], &Poly::var(2, 0).sub(&Poly::var(2, 1)), 1000),
            None
        );
    }
}
