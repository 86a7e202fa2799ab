//! Surface singularities in three variables, global over [−1, 1]³ and local
//! at the origin: K = f², so λ(K) = c/2 with c the real log canonical
//! threshold of |f| (the poles of ∫|f|^{2z} are those of ∫|f|^s at s = 2z),
//! and m that of |f|.
//!
//! The values, derived by hand:
//!
//! - **Quasi-homogeneous f with an isolated singularity** (weights w with
//!   f(t^w x) = t·f(x); A_k = x² ± y² ± z^{k+1}, D4 = x²y + y³ + z²,
//!   D5 = x²y + y⁴ + z², E6 = x² + y³ + z⁴, E7 = x² + y³ + yz³,
//!   E8 = x² + y³ + z⁵, x³ + y³ + z⁴, the cone x² + y² − z²). Each is
//!   non-degenerate with respect to its Newton polyhedron (no face
//!   polynomial has a singular zero in the complex torus), so a toric
//!   modification resolves it (Varchenko 1976): the strict transform is
//!   smooth and transverse to the exceptional divisors. The candidate poles
//!   of ∫|f|^s are then −|w| = −Σ w_i from the divisor of the weight ray
//!   (the Newton distance, attained on the one compact facet: order 1) and
//!   −1 from the strict transform, present exactly when f has real zeros
//!   near the origin other than the origin. So c = min(|w|, 1) when f
//!   changes sign (order 1 unless |w| = 1), and c = |w| when f is definite.
//!   Globally nothing else matters: ∇f = 0 only at the origin, and the
//!   smooth part of {f = 0} contributes c = 1, order 1.
//!   * A_k: |w| = 1/2 + 1/2 + 1/(k+1) > 1; f = x² + y² + z^{k+1} with k odd
//!     is definite, λ = (k+2)/(2(k+1)); every other sign pattern has real
//!     zeros, λ = 1/2. m = 1.
//!   * D4 (|w| = 7/6), D5 (9/8), E6 (13/12), E7 (19/18), E8 (31/30), the
//!     cone (3/2): all change sign, λ = 1/2, m = 1.
//!   * x³ + y³ + z⁴: |w| = 11/12 < 1, λ = 11/24, m = 1.
//! - **The Whitney umbrella** x² − y²z: along z > 0 it is two smooth
//!   sheets x = ±y√z crossing transversally (normal crossing, c = 1 of
//!   order 2), along z < 0 the line x = y = 0 only; the origin's Newton
//!   distance gives c ≤ 1. λ = 1/2, m = 2, globally and at the origin
//!   (every neighbourhood of it meets the positive z axis).
//! - **(x + y)² − z²** = (x + y − z)(x + y + z): two planes crossing along
//!   a line, λ = 1/2, m = 2.
//! - **Central plane arrangements** f = Π ℓ_i: the log canonical threshold
//!   is min over flats W of codim(W)/#{ℓ_i vanishing on W} (Mustaţă,
//!   *Multiplier ideals of hyperplane arrangements*, Trans. AMS 358
//!   (2006), Cor. 0.3), and the real one equals the complex one, with the
//!   same multiplicity, for real arrangements (Kosta and Windisch,
//!   *Classification of real hyperplane singularities by real log canonical
//!   thresholds*, arXiv:2411.13392): the wonderful model's divisors all
//!   have real points. For seven planes x = ±y, x = ±z, y = ±z, z = 0: the
//!   origin gives 3/7, the lines at most three planes each (≥ 2/3), so
//!   c = 3/7, attained by the origin alone: λ = 3/14, m = 1. For n ≥ 4
//!   planes through 0 in general position (no three through a line) the
//!   lines give 2/2 = 1 and the origin 3/n: λ = 3/(2n), m = 1.
//! - **(xz + y²)(xz + y² + x²) + z⁵** (the example surface of Singular's
//!   `resolve.lib` documentation). Its Newton polyhedron has distance 4/3
//!   (c ≤ 3/4), but the diagonal meets it on the edge whose face
//!   polynomial (xz + y²)² is degenerate, so that bound is not sharp. With
//!   u = xz + y², f = u² + x²u + z⁵. Give x, y, z, u the weights
//!   (a, b, c, e) with a + c = 2b (so xz and y² have one weight and u is
//!   heavier, e > 2b): on the hypersurface u = xz + y² of 4-space the
//!   divisor of this weighting has log discrepancy a + b + c + e − 2b = b + e
//!   (the equation has weight 2b) and f has weight min(2e, 2a + e, 5c).
//!   Balancing 2e = 2a + e = 5c gives (10, 9, 8, 20): ratio 29/40. Its
//!   torus part {xz + y² = 0} has real points (x = 1, y = 1, z = −1), so
//!   c ≤ 29/40 over the reals. From below: the Bernstein–Sato polynomial of
//!   f (Singular 4.3, `bfct` of `dmod.lib`, a global computation over ℂ³)
//!   has largest root −29/40, simple. The poles of ∫|f|^s φ lie at α − k
//!   for its roots α (Bernstein 1972), so none is to the right of −29/40,
//!   and the one there has order at most 1. So c = 29/40, λ = 29/80, m = 1,
//!   globally and at the origin.

mod common;

/// Every case of tests/cases/surfaces.toml (each surface globally and at
/// the origin) is exact with the derived λ and m, and its tree passes the
/// independent checker.
#[test]
fn surface_singularities_are_exact_globally_and_at_the_origin() {
    common::cases::assert_all_hold("surfaces.toml");
}
