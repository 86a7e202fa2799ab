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
