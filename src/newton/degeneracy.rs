//! Real non-degeneracy of a polynomial with respect to its Newton polyhedron:
//! for every compact face γ, the face polynomial K_γ has no zero in the real
//! torus (ℝ*)^d (Lin 2011, Def. 4.5; Varchenko 1976). Because K ≥ 0, a torus
//! zero of K_γ is automatically a singular one, so this is the whole test.
//!
//! What is certified exactly:
//! - vertices: a single monomial never vanishes on the torus;
//! - edges: on an edge from `a` in the primitive direction `v`, the face
//!   polynomial is `w^a · p(w^v)` with `p` univariate and `p(0) ≠ 0`. Since
//!   `v` is primitive, some `v_i` is odd and `w^v` takes every value in ℝ*,
//!   so K_γ has a torus zero iff `p` has a real root (Sturm sequences);
//! - any face whose polynomial has positive coefficients and even exponents
//!   (it is then positive on the torus).
//!
//! Other faces of dimension ≥ 2 are reported as undecided: the Newton bound
//! then stays a bound.

use crate::poly::sturm::count_real_roots;
use crate::poly::{gcd_all, Poly, Rational};

use super::{Face, NewtonPolyhedron};

/// The outcome of the non-degeneracy test.
#[derive(Clone, Debug, PartialEq)]
pub enum Nondegeneracy {
    /// Every compact face polynomial is certified zero-free on the torus.
    NonDegenerate,
    /// This face polynomial has a real torus zero.
    Degenerate {
        /// The face polynomial with the zero.
        face_polynomial: Poly,
    },
    /// No face is known to be degenerate, but this one could not be decided.
    Undecided {
        /// The face polynomial that could not be decided.
        face_polynomial: Poly,
    },
    /// The test was not run: the site serves only as the upper bound
    /// λ ≤ 1/t₀, which holds whatever the faces (and the test enumerates
    /// every compact face, which is costly in many variables).
    NotChecked,
}

impl Nondegeneracy {
    /// The face polynomial that is degenerate or undecided, if any.
    pub fn face_polynomial(&self) -> Option<&Poly> {
        match self {
            Nondegeneracy::Degenerate { face_polynomial }
            | Nondegeneracy::Undecided { face_polynomial } => Some(face_polynomial),
            Nondegeneracy::NonDegenerate | Nondegeneracy::NotChecked => None,
        }
    }

    /// A stable identifier, as in the JSON interface.
    pub fn as_str(&self) -> &'static str {
        match self {
            Nondegeneracy::NonDegenerate => "non-degenerate",
            Nondegeneracy::Degenerate { .. } => "degenerate",
            Nondegeneracy::Undecided { .. } => "undecided",
            Nondegeneracy::NotChecked => "not-checked",
        }
    }
}

/// Most work (joins — smallest faces containing a face and a vertex — times
/// the square of the polyhedron's points: a join solves a linear program
/// per point, over every point) the enumeration of compact faces may do.
/// The surfaces, the known cases and the model tests need at most 972.
const MAX_WORK: usize = 4_000;

/// Decides (where it can) whether `k` is non-degenerate on `newton = Γ₊(k)`.
pub fn check_nondegeneracy(k: &Poly, newton: &NewtonPolyhedron) -> Nondegeneracy {
    check_within(k, newton, MAX_WORK)
}

/// [`check_nondegeneracy`] with the enumeration of compact faces limited
/// to `max_work` (`check_nondegeneracy` allows `MAX_WORK`, 4000); past it,
/// `NotChecked`.
pub fn check_within(k: &Poly, newton: &NewtonPolyhedron, max_work: usize) -> Nondegeneracy {
    // Every face polynomial of a positive-even polynomial is positive-even.
    if k.is_positive_even() {
        return Nondegeneracy::NonDegenerate;
    }
    // The lowest homogeneous part first: one face, found without a linear
    // program. When it cannot be decided, neither can K, and enumerating
    // every compact face (exponentially many in many variables, as for
    // ‖BA‖² in reduced rank regression) would only look for a degenerate
    // edge to name instead.
    let lowest = newton.lowest_degree_face();
    if lowest.dim >= 1 {
        let face_polynomial = face_poly(k, newton, &lowest);
        match zero_free(newton, &lowest, &face_polynomial) {
            Some(true) => {}
            Some(false) => return Nondegeneracy::Degenerate { face_polynomial },
            None => return Nondegeneracy::Undecided { face_polynomial },
        }
    }
    // Beyond that the faces are left to blow-ups, which resolve such
    // polyhedra faster (factor analysis at a diagonal truth, locally: work
    // 666 792 and 27 s, against one chart in 0.05 s).
    let Some(faces) = newton.compact_faces(max_work) else {
        return Nondegeneracy::NotChecked;
    };
    let mut undecided = None;
    for face in faces.iter().filter(|f| f.dim >= 1) {
        crate::budget::checkpoint();
        let face_polynomial = face_poly(k, newton, face);
        match zero_free(newton, face, &face_polynomial) {
            Some(true) => {}
            Some(false) => return Nondegeneracy::Degenerate { face_polynomial },
            None => {
                undecided.get_or_insert(face_polynomial);
            }
        }
    }
    match undecided {
        Some(face_polynomial) => Nondegeneracy::Undecided { face_polynomial },
        None => Nondegeneracy::NonDegenerate,
    }
}

/// Whether a face polynomial is certified free of torus zeros (`Some(true)`),
/// has one (`Some(false)`), or is beyond the tests above (`None`).
fn zero_free(newton: &NewtonPolyhedron, face: &Face, face_polynomial: &Poly) -> Option<bool> {
    match face.dim {
        0 => Some(true),
        1 => Some(!edge_has_torus_zero(newton, face, face_polynomial)),
        _ if face_polynomial.is_positive_even() => Some(true),
        _ => None,
    }
}

fn face_poly(k: &Poly, newton: &NewtonPolyhedron, face: &Face) -> Poly {
    let on: Vec<&Vec<u32>> = face.points.iter().map(|&i| &newton.points()[i]).collect();
    k.filter_terms(|e| on.contains(&e))
}

fn edge_has_torus_zero(newton: &NewtonPolyhedron, face: &Face, face_polynomial: &Poly) -> bool {
    let pts: Vec<&Vec<u32>> = face.points.iter().map(|&i| &newton.points()[i]).collect();
    let base = pts[0];
    let diff: Vec<i64> = pts[1]
        .iter()
        .zip(base)
        .map(|(a, b)| *a as i64 - *b as i64)
        .collect();
    let g = gcd_all(diff.iter().map(|x| x.abs()));
    let v: Vec<i64> = diff.iter().map(|x| x / g).collect();
    let vv: i64 = v.iter().map(|x| x * x).sum();
    let steps: Vec<i64> = pts
        .iter()
        .map(|p| {
            let dot: i64 = p
                .iter()
                .zip(base)
                .zip(&v)
                .map(|((a, b), vi)| (*a as i64 - *b as i64) * vi)
                .sum();
            dot / vv
        })
        .collect();
    let lo = *steps.iter().min().unwrap();
    let hi = *steps.iter().max().unwrap();
    let mut coeffs = vec![Rational::from_integer(0.into()); (hi - lo + 1) as usize];
    for (p, s) in pts.iter().zip(&steps) {
        coeffs[(s - lo) as usize] = face_polynomial.coeff(p);
    }
    count_real_roots(&coeffs) > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poly::Limits;

    fn parse_simple(terms: &[(&[u32], i64)], d: usize) -> Poly {
        Poly::from_terms(
            d,
            terms
                .iter()
                .map(|(e, c)| (e.to_vec(), Rational::from_integer((*c).into()))),
        )
    }

    #[test]
    fn two_lines_are_degenerate() {
        // (x^2 - y^2)^2 = x^4 - 2x^2y^2 + y^4
        let k = parse_simple(&[(&[4, 0], 1), (&[2, 2], -2), (&[0, 4], 1)], 2);
        let n = NewtonPolyhedron::of(&k);
        assert!(matches!(
            check_nondegeneracy(&k, &n),
            Nondegeneracy::Degenerate { .. }
        ));
    }

    #[test]
    fn positive_definite_quadratic_is_nondegenerate() {
        // x^2 + x*y + y^2: the edge polynomial 1 + s + s^2 has no real root.
        let k = parse_simple(&[(&[2, 0], 1), (&[1, 1], 1), (&[0, 2], 1)], 2);
        let n = NewtonPolyhedron::of(&k);
        assert_eq!(check_nondegeneracy(&k, &n), Nondegeneracy::NonDegenerate);
    }

    #[test]
    fn smooth_surface_is_degenerate() {
        // (a*b + c)^2 = a^2 b^2 + 2abc + c^2
        let l = Limits::default();
        let a = Poly::var(3, 0);
        let b = Poly::var(3, 1);
        let c = Poly::var(3, 2);
        let k = a.mul(&b, &l).unwrap().add(&c).pow(2, &l).unwrap();
        let n = NewtonPolyhedron::of(&k);
        assert!(matches!(
            check_nondegeneracy(&k, &n),
            Nondegeneracy::Degenerate { .. }
        ));
    }
}
