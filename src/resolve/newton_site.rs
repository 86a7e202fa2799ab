//! The Newton polyhedron method at one site: a point (or a coordinate
//! subspace) where K vanishes, with K and the prior written in local
//! coordinates centred there.

use num_traits::{One, Zero};

use crate::newton::{check_nondegeneracy, check_within, NewtonPolyhedron, Nondegeneracy};
use crate::poly::{Exponent, Poly, Rational};

/// The certificate of the Newton method at one site.
#[derive(Clone, Debug, PartialEq)]
pub struct NewtonCertificate {
    /// Names of the local coordinates the polyhedron lives in.
    pub coords: Vec<String>,
    /// K in the local coordinates.
    pub k_local: Poly,
    /// Vertices of Γ₊(K) (its minimal support points).
    pub vertices: Vec<Exponent>,
    /// Exponents `h` of the prior's monomial part `w^h`.
    pub prior_exponents: Vec<u32>,
    /// The Newton distance along `t·(h+1)`.
    pub t0: Rational,
    /// Codimension of the face hit.
    pub codim: usize,
    /// Whether the Newton polyhedron certifies λ = 1/t₀ exactly.
    pub nondegeneracy: Nondegeneracy,
}

impl NewtonCertificate {
    /// 1/t₀: the exact λ when non-degenerate, an upper bound otherwise.
    pub fn lambda(&self) -> Rational {
        Rational::one() / &self.t0
    }

    /// Whether λ = 1/t₀ and m = codim are certified.
    pub fn is_exact(&self) -> bool {
        self.nondegeneracy == Nondegeneracy::NonDegenerate
    }
}

/// Why the Newton method does not apply at a site.
#[derive(Clone, Debug, PartialEq)]
pub enum SiteProblem {
    /// The prior vanishes at the site but is not a monomial times a unit.
    PriorNotMonomial,
}

/// How much of non-degeneracy a site decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decide {
    /// Nothing: the Newton distance alone, a bound.
    Bound,
    /// Only on a small polyhedron: an enumeration of compact faces of at
    /// most this much work (see [`check_within`]).
    Within(usize),
    /// Every compact face, within the enumeration's limit.
    Full,
}

/// Runs the Newton method on local `k` (vanishing at the origin) with local `prior`.
pub fn newton_site(
    coords: Vec<String>,
    k: Poly,
    prior: &Poly,
) -> Result<NewtonCertificate, SiteProblem> {
    newton_site_with(coords, k, prior, Decide::Full)
}

/// The Newton distance alone, for the upper bound λ ≤ 1/t₀ at a zero: no
/// non-degeneracy test.
pub fn newton_bound(
    coords: Vec<String>,
    k: Poly,
    prior: &Poly,
) -> Result<NewtonCertificate, SiteProblem> {
    newton_site_with(coords, k, prior, Decide::Bound)
}

/// The Newton method deciding non-degeneracy as far as `decide` says.
pub fn newton_site_with(
    coords: Vec<String>,
    k: Poly,
    prior: &Poly,
    decide: Decide,
) -> Result<NewtonCertificate, SiteProblem> {
    debug_assert!(k.constant_term().is_zero());
    let h = prior.monomial_content();
    if prior.div_monomial(&h).constant_term().is_zero() {
        return Err(SiteProblem::PriorNotMonomial);
    }
    let newton = NewtonPolyhedron::of(&k);
    let weights: Vec<Rational> = h
        .iter()
        .map(|&e| Rational::from_integer((e + 1).into()))
        .collect();
    let distance = newton.distance(&weights);
    // The distance alone is a bound; when the run's budget runs out while
    // non-degeneracy is being decided (it enumerates compact faces, which
    // can be many), the site keeps it as one.
    let nondegeneracy = crate::budget::catch(|| match decide {
        Decide::Full => check_nondegeneracy(&k, &newton),
        Decide::Within(work) => check_within(&k, &newton, work),
        Decide::Bound => Nondegeneracy::NotChecked,
    })
    .unwrap_or(Nondegeneracy::NotChecked);
    Ok(NewtonCertificate {
        coords,
        vertices: newton.points().to_vec(),
        k_local: k,
        prior_exponents: h,
        t0: distance.t0,
        codim: distance.codim,
        nondegeneracy,
    })
}
