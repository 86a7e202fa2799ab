//! Long-form explanations, kept out of the code paths.
//!
//! ## The zeta function and its poles
//!
//! For K ≥ 0 on a compact box W and a prior φ ≥ 0, ζ(z) = ∫_W K^z φ dw is
//! holomorphic for Re z > 0 and extends meromorphically to ℂ with poles on
//! the negative rationals. The largest pole is −λ and its order is m. In
//! local coordinates where K = u^{k} · (unit) and φ·|Jacobian| = u^{h} ·
//! (unit), the poles are at −(h_i + 1)/k_i ([`crate::residue::normal_crossing_poles`]).
//!
//! ## Newton polyhedra
//!
//! Γ₊(K) = conv(supp K) + ℝ^d_{≥0}. With a monomial prior w^h, the Newton
//! distance t₀ is the smallest t with t·(h+1) ∈ Γ₊(K). Always λ ≤ 1/t₀.
//! Equality holds, with m = the codimension of the face of Γ₊ hit by the ray,
//! when K is *non-degenerate*: no face polynomial K_γ of a compact face γ has
//! a zero in the real torus (ℝ*)^d (Varchenko 1976; Lin 2011).
//!
//! Non-degeneracy is not invariant under changes of coordinates: K = (x − y)²
//! has t₀ = 1 along the diagonal, but its face polynomial (x − y)² vanishes at
//! x = y, and indeed λ = 1/2 (the zero set is a smooth curve). The engine
//! reports 1 there only as an upper bound.
//!
//! ## Global versus local
//!
//! The global λ over W is the minimum over zeros p of K in W of the local
//! λ_p, and m the largest local order among the minimisers. The engine knows
//! all zeros exactly when K is a positive combination of even monomials; for
//! other K it analyses the zeros it finds by sampling and reports a bound.
//!
//! ## Charts larger than their piece of the domain (shears)
//!
//! Blow-ups, translations, scalings and restrictions map each chart's box
//! into the domain, and the leaves' boxes cover it. A shear u_r ← u_r + f
//! (Jacobian 1) does not: the set of new coordinates is not a box, and the
//! chart takes the smallest box enclosing it, which also holds points that
//! stand for nothing. Two facts keep the answer exact.
//!
//! - *Lower bounds survive.* The integrands are positive, so ζ is at most
//!   the sum of the leaves' integrals over their whole boxes; λ is at least
//!   the smallest of their poles, and where equal, m at most the largest
//!   order.
//! - *Attained poles need a witness inside.* If a leaf's pole −λ of order m
//!   is attained at a point w of its box that the chart's map g sends
//!   strictly inside the domain, then a small neighbourhood U of w maps
//!   into the domain, g is injective on U off a null set, and
//!   ∫_{g(U)} K^z φ ≥ ∫_U (K∘g)^z (φ∘g)|det g′|: the original ζ has a pole
//!   at −λ of order at least m.
//!
//! So a leaf of a sheared chart ([`crate::resolve::Chart::sheared`]) counts
//! its pole as attained only with such a witness, which it records and the
//! checker verifies; without one its pole is a lower bound (`attained`
//! false), as on the faces of a box. In reduced rank regression with three
//! hidden units, after the blow-up of A, the generator
//! b₂·(a₂₂ − a₁₂a₂₁) + b₃·(a₃₂ − a₁₂a₃₁) becomes b₂·a₂₂ + b₃·a₃₂ after two
//! shears, the model with one hidden unit fewer, and the witnesses lie at
//! the origin of the new coordinates, which the map sends to the true
//! parameter.
