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
//!
//! ## Runs cut short are still right
//!
//! A run may be stopped anywhere — at its time limit, its memory budget, or
//! an interrupt ([`crate::budget`]) — and what it reports must still hold.
//! It does, because the work in progress is dropped whole (the stack
//! unwinds past it) and only finished pieces are kept:
//!
//! - a leaf of the tree is finished or absent, and a chart being worked on
//!   is named unresolved; every certified leaf's pole is a pole of ζ
//!   (no cancellation), so the smallest attained pole bounds λ from above;
//! - the Newton distance at a zero p of K bounds λ_p, hence λ, from above
//!   whether or not K is non-degenerate there;
//! - failing both, λ ≤ d + deg φ: near a zero w₀ of K on the box,
//!   K ≤ C·|w − w₀| (K is Lipschitz and K(w₀) = 0) and φ vanishes at w₀ to
//!   order at most deg φ, so V(t) = ∫_{K<t} φ ≥ c·t^{d + deg φ}.
//!
//! A bound is reported with what stopped the run; nothing half-computed
//! becomes exact.
//!
//! ## Sign certificates
//!
//! ζ is only defined for K ≥ 0, and a K written as a polynomial is not
//! visibly so. In a chart, K(map(u)) = scale · u^k · Π factors(u) with
//! scale > 0, and sums of squares and even powers are ≥ 0; so near a point
//! x of the box where no factor of odd power vanishes, K has the sign of
//! those factors and of the coordinates with odd k_i, at every point nearby
//! where the even factors do not vanish — which is all points of a small
//! ball but a proper subvariety. A negative sign there is therefore a proof
//! that K < 0 somewhere near x; the engine finds a rational point on a ray
//! into the box where K < 0 exactly, maps it back to the original
//! coordinates, and refuses the input, naming it
//! ([`crate::resolve::sign`]). For K = x²·(x² − 10⁻⁶) the root chart's
//! centre already shows it (x² − 10⁻⁶ < 0 at 0, where x² vanishes): K < 0
//! at x = 1/1792. For a K ≥ 0 the search never finds anything.
