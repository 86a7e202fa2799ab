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
//! ## Reference values for estimators
//!
//! The reference set ([`crate::models::suite`], `rlct suite`) gives the
//! global λ and m of fixed models, for testing numerical estimators. An
//! estimator of the *local* learning coefficient at a trained parameter w*
//! estimates λ_{w*}, which is at least the global λ and can be larger at a
//! less singular true parameter (in reduced rank regression, one where A or
//! B has rank above the true rank r). Each entry therefore names a true
//! parameter where the two agree — the layers of rank r for the networks —
//! which is where such an estimator should be centred. K there is a
//! polynomial with the same ideal as the Kullback–Leibler divergence, so
//! exp(−n·K)·φ is a posterior with the same λ and m, though not with the
//! same constants.
//!
//! ## From a model to an ideal
//!
//! `rlct model` never integrates a Kullback–Leibler divergence: it writes
//! K as a sum of squares of polynomials whose ideal has the λ and m of
//! KL(q‖p_w), and each generator's module documentation (repeated in the
//! emitted header) gives the argument. Three arguments cover every family:
//!
//! - *A finite sample space with the truth inside the simplex.* With every
//!   q(x) > 0, KL ≍ Σ_x (p_w(x) − q(x))² on a compact box (Taylor expansion
//!   of the divergence at p = q), so the generators are the probability
//!   differences, or any invertible transform of them: raw moments for
//!   naive Bayes (Möbius inversion), factorial moments for binomial
//!   mixtures, the rows i < M of AB − A₀B₀ for LDA (the last row is
//!   redundant: columns sum to 1), log-linear coordinates or
//!   p(v)/p(0) − ρ_v for Boltzmann machines.
//! - *A Gaussian model.* KL between normals with covariances bounded away
//!   from singular is ≍ ‖Σ(w) − Σ₀‖² (plus the squared mean difference),
//!   so factor analysis and Gaussian latent trees are the entries of
//!   Σ(w) − Σ₀. A coordinate that enters one generator linearly with a unit
//!   coefficient (the noise variances Ω_ii) is eliminated: it contributes
//!   1/2 to λ and is left out of the file, which says so.
//! - *Moments of a mixing measure.* For mixtures with an infinite sample
//!   space, p_w − q expands in functions indexed by k whose coefficients are
//!   polynomials F_k in the parameters: Hermite functions and moments of the
//!   atoms for normal locations, the generating function in s − 1 and
//!   factorial moments for Poisson rates. Two facts make the infinite
//!   family finite. A signed measure of mass 0 on D atoms has moments
//!   obeying a linear recurrence of order D, so F_1, …, F_{D−1} generate
//!   all of them. Against one true atom at 0 with non-negative weights,
//!   every higher moment is dominated by the second, M_2 = Σ w_i B_i², a
//!   sum of non-negative terms: K ≍ M_1² + Σ_i (w_i B_i²)², an equivalence
//!   of functions rather than of ideals, which is all λ and m need. With
//!   free variances at least the truth's (N(B, 1 + v), v ≥ 0) the Hermite
//!   coefficients are the moments of the genuine mixture Σ w_i N(B_i, v_i),
//!   M_2 = Σ w_i (B_i² + v_i), and the same domination holds while v < 1/2;
//!   narrower components make the coefficients moments of a normal of
//!   negative variance, which cancel, and no such reduction is derived.
//!
//! Two habits follow. A uniform prior on a simplex is written in
//! stick-breaking fractions on a box, with the prior's Jacobian, or (for
//! mixture weights) as the uniform prior on the fractions, which is
//! positive on the simplex but not the same prior; the header says which.
//! And the value attached to the model is read from its source where one
//! could be read, and otherwise derived in the module's documentation and
//! marked "derived".
//!
//! ## Local problems: the fiber and its neighbourhood
//!
//! `at p` asks for λ_p, the largest pole of ζ over a small neighbourhood U
//! of p. A chart contributes through the preimage of U in its box, which
//! shrinks to the fiber over p (the points the chart's map sends to p) as U
//! shrinks; each chart carries that fiber as a union of pieces, each fixing
//! some coordinates and leaving the others free. Three consequences are
//! moves of their own:
//!
//! - *Only the fiber counts.* λ_x is lower semicontinuous (a point's
//!   neighbourhood includes its neighbours'), so over a small neighbourhood
//!   of the compact fiber the poles are those of the fiber's points. A
//!   factor with no zero on the fiber is a unit near it; a leaf's pole is
//!   the smallest over the pieces (`leaf::vanishing_factors`,
//!   `toric::certify` per piece, `leaf::leading_on`).
//! - *The box may shrink to the fiber.* Where every piece fixes a
//!   coordinate at one value, the box is cut down around it (the step
//!   "neighbourhood of the fiber"): open conditions that hold on the
//!   fiber, such as a Jacobian without zeros, then hold on the whole box.
//!   In a deep linear network the generator 1/741 + c/357 + a·b·c/170 is
//!   smooth in c where b = 0, which is all of the fiber, but not over the
//!   whole box.
//! - *A local leaf's pole is read at the fiber.* Its attained pole is
//!   certified by a witness on the fiber (a point the map sends to p), its
//!   lower bound by the components that may meet the fiber at all; the
//!   checker re-derives both from the map alone.
//!
//! - *Near the point, units are units.* A generator that is a monomial
//!   times a polynomial non-zero at the point, or times one vanishing there
//!   with a gradient, reads as a monomial ideal in the coordinates those
//!   polynomials replace, on a small enough box; so a local chart shrinks
//!   its box, in the coordinates that matter, until a toric leaf
//!   certifies it (`toric::shrink_to_toric_leaf`). Away from the origin
//!   the pieces it cuts off are off the fiber, free; a global chart has
//!   no such luck, and does not shrink so.
//! - *The point's generators, to first order.* At the root of a local
//!   problem, generators with proportional linear parts are reduced
//!   against each other (`chart::separate_linear_parts`): the
//!   probabilities `p_w(x) − q(x)` of a mixture all start `∝ b + c`, and
//!   only their differences show one coordinate and a square.
//! - *The Newton method when it is cheap.* Non-degeneracy at the point is
//!   decided first only on small polyhedra; otherwise the resolution goes
//!   first (its toric blow-up reads a non-degenerate polyhedron in one
//!   step anyway), and the full decision only joins a tree that stopped
//!   short.
//!
//! Shears keep the fiber in this form when the shift is constant on every
//! piece that fixes the sheared coordinate (it moves that value), so local
//! charts use them as global ones do (see the section on shears below).
//!
//! ## Toric blow-ups, and where their charts' boxes end
//!
//! At a chart's origin, a unimodular simplicial cover of the normal fan of
//! the Newton polyhedron of the vanishing factors
//! ([`crate::resolve::fan`]) gives one chart per cone σ = (v_1, …, v_n):
//! w_i = Π_j u_j^{v_j(i)}, |u_j| ≤ 1. On the torus this maps each chart's
//! box one to one onto the w with (−log|w_i|)_i ∈ σ (the matrix is
//! unimodular, so invertible over ℤ and modulo 2 on the signs), so the
//! charts cover the unit box up to a null set whether or not neighbouring
//! cones' subdivisions agree — a cover of the integral is all that is
//! needed, not a fan. A monomial w^a becomes u^{(⟨v_j, a⟩)_j} and the
//! Jacobian is Π_j |u_j|^{⟨v_j, 1⟩ − 1}, so the divisor of v_j has the
//! pole ⟨v_j, h + 1⟩/⟨v_j, ℓ⟩, ℓ the order of K along it: the Newton
//! distance is the least of them. Where every face polynomial met is free
//! of torus zeros the charts are normal crossing at once (Varchenko 1976);
//! the cusp is four charts.
//!
//! The walls between charts are the sets |w^a| = |w^b|. When the face
//! polynomials have coefficients ±1, their real zeros can lie on walls:
//! the cusp's y² = x³ is exactly the wall |y|² = |x|³, and the strict
//! transform meets each chart's box only on a face. Two facts deal with
//! this. A generator in one coordinate alone (1 − y in y⁴·(1 − y)²) is a
//! coordinate of the box, and the box near its zeros on a face is a
//! half-space in it, whose integral has the same poles; and a local
//! problem, which only needs a neighbourhood of its point, is resolved
//! over a box of half-widths 1/2, 1/3, 1/5, … — the primes, so that
//! r^a = r^b only for a = b, and no wall |u^a| = |u^b| of the scaled box is
//! one of the original's. The hyperbola x² − y² = z³ on the weight
//! divisor then crosses the charts' faces instead of touching them.
//!
//! ## Smooth hypersurfaces crossing normally
//!
//! A leaf needs a normal form near every point of its box, not one
//! coordinate system for the whole box. When the vanishing factors are
//! powers of single polynomials g_s, the chart is normal crossing near
//! every point exactly when, at each point, the g_s vanishing there and
//! the hyperplanes u_j = 0 of the coordinates carrying a monomial have
//! independent differentials ([`crate::resolve::transversal`]): stratum by
//! stratum, the g_s restricted to a face u_J = 0 have no common zero where
//! their Jacobian in the face's coordinates loses rank. A circle
//! a² + b² = 1 in a square passes; no coordinate could replace it on the
//! whole box. The poles near a point are (h_j + 1)/k_j and 1/e_s for the
//! components through it, orders adding; as for every smooth leaf, a
//! pole counts as attained only at a witness strictly inside the box.
//!
//! ## Units on the zero set
//!
//! A polynomial f that vanishes on the box but never where K does says
//! nothing about K's singularities. Cofactors with Σ q_i·g_i + q·f = 1
//! (Hilbert's Nullstellensatz, [`crate::poly::nullstellensatz`]) prove it:
//! f is a *unit* on the zero set ([`crate::resolve::unit`]). Models are
//! full of them — in LDA, the stick-breaking fractions and the
//! differences b₁ − b₂ of documents the truth tells apart. The rank bound
//! divides them out of its minors; a smooth leaf divides them out of its
//! Jacobian determinant, so that the generators are coordinates near
//! every zero in whatever columns are independent, and a coordinate
//! carrying a monomial may be replaced when it is a unit itself. LDA with
//! four words, two documents and two true topics is one such leaf:
//! its determinant a₁₁²a₁₂a₂₁²a₂₂(a₁₂ − a₂₂)²(b₁ − b₂)² is a product of
//! units, and λ = 3 with no blow-up at all.
//!
//! ## A rank bound off a stratum
//!
//! Where the Jacobian of K's generators has rank ρ at a zero, K is at
//! least a sum of ρ squared coordinates nearby: λ ≥ ρ/2 there, with order
//! at most 1. When the rank falls below ρ only on a stratum E, the same
//! holds near every zero off E. A polynomial f vanishing on E is proven to
//! by Rabinowitsch's trick: the generators, some ρ×ρ minors and 1 − y·f
//! have no common zero (cofactors with Σ q·p + q_f·(1 − y·f) = 1, in one
//! more variable y), so wherever f ≠ 0 a minor is nonzero. A chart whose
//! box keeps f away from 0 then needs no resolution: its poles lie at or
//! left of −ρ/2, of order at most 1 there ([`crate::resolve::LeafKind`]'s
//! `OffStratum`), and only a tube around E is resolved. LDA with four
//! words, two documents, two topics and one true topic: the rank is 3
//! where both topics equal the true one and b₁ = b₂, 4 or more elsewhere
//! on the fiber, and the tube's charts attain −2: λ = 2, m = 1.
//!
//! ## K factored over ℚ, and singular points found exactly
//!
//! The leaves see K's factors: (x + y)² − z² is a quadric singular along a
//! line, (x + y − z)(x + y + z) two planes crossing normally. So each
//! power in K's factor structure is split first into square-free parts
//! (Yun's algorithm on multivariate gcds) and rational linear factors
//! ([`crate::poly::factor`]), every split multiplied back before it is
//! used. And where the vanishing factors are planes, the points where
//! d + 1 of them (with the monomial hyperplanes) meet with normals of rank
//! d are solved for exactly ([`crate::resolve::strategy`], step 4): the
//! seven-plane arrangement's triple lines meet a chart of the scaled local
//! box at (2/3, 3/5), which no sample grid holds.
//!
//! ## Zeros on the boundary of the box
//!
//! A global problem integrates over a box, and its faces bound the
//! integral as the hyperplane of a one-sided coordinate would: near a
//! point of a face the region is a half-space. Where the zero sets of the
//! factors cross normally *together with the faces*, the poles are those
//! of the interior. Where they do not — two curves that meet only on a
//! face, a parabola that touches a face, lines that cross at a corner —
//! the pole at that point depends on how the region sits in the crossing
//! ((x − 1)²(y² − x + 1)² on [−1, 1]²: the parabola touches the face x = 1
//! at (1, 0), where K = s²(s + y²)² with s = 1 − x ≥ 0 has Newton distance
//! 8/3, so λ = 3/8 though every other point gives 1/2). Subdividing
//! towards such a point never ends. Instead the faces join the flat
//! hypersurfaces of the stratification ([`crate::resolve::strategy`],
//! step 4): the points where d of the flat ones meet, and the rational
//! roots of the curved factors on the lines where d − 1 of them meet, are
//! kept when d + 1 hypersurfaces pass through them (two of them factors) or
//! a factor is tangent there. The strategy translates such a point to the
//! origin, where the box is one-sided in the coordinates of its faces,
//! and the blow-up or toric blow-up there puts the crossing on an
//! exceptional divisor, whose points count (`tests/cases/boundary.toml`).
//!
//! ## Which classes the algorithm finishes on
//!
//! The moves reach leaves in finitely many steps — given that the
//! certificates, Bernstein bounds with finite budgets, succeed, which the
//! tests show on these classes — for: K non-degenerate with respect to its
//! Newton polyhedron at every zero (one toric blow-up, then normal
//! crossing); quasi-homogeneous K whose strict transform on the weight
//! divisor is smooth and crosses the other divisors normally (the A–D–E
//! surfaces of `tests/cases/surfaces.toml`: one toric blow-up, then
//! transversal leaves); plane curves whose face polynomials have simple
//! torus roots, rational or not (the strict transform then crosses the
//! divisor normally), or rational multiple roots (a translation to the
//! root and another toric blow-up, as in Newton–Puiseux); products of
//! planes, central or in general position, whose non-normal points are
//! isolated (blow-ups at the exact points); and (xz + y²)(xz + y² + x²) + z⁵
//! of Singular's documentation (λ = 29/80, its b-function's largest root
//! −29/40 being simple). Not yet: multiple irrational roots of face
//! polynomials, and zero sets whose singular points are irrational (see
//! below). There the result is a bound, never a guess.
//!
//! Forms in a block of coordinates, K = Σ_j g_j² with every g_j homogeneous
//! of one degree in u_A (`resolve::homogeneous_block`): the slice the
//! block's affine form vanishes on is translated to, the block is cut to a
//! box symmetric about 0 (the cone step: dilations of the block carry
//! every local problem outside it to one inside), and {u_A = 0} is blown
//! up, which leaves the cone of the form over the block's projective space.
//! A form A₂P(y) + A₃Q(y) from latent Dirichlet allocation with two words
//! and three topics goes from unresolved in a minute to exact in 140
//! charts, and the whole problem (one true topic) is exact once two charts
//! below the blow-up, where the strict transforms' zero set touches a
//! corner of the box, are halved where their Jacobian minor stops being a
//! unit (`minor_cut` in the strategy) rather than towards the corner.
//!
//! ## True sets of models: zeros found by elimination
//!
//! A statistical model's true parameters form a set that often lies at
//! non-zero rational coordinates: a one-factor model with true loadings
//! (1/2, 1/2, 3/4, 1/4), the line b = c = 1/3 of a binomial mixture. No
//! sample grid holds such points, and bisection cannot certify a box
//! around an isolated or singular zero. [`crate::poly::solve`] finds them:
//! its generators are mostly of degree one in each parameter, so a
//! triangular decomposition reaches them (solve a generator c·v + r for v,
//! in the branch c ≠ 0, and follow c = r = 0 as a branch of its own; fix a
//! coordinate at the rational roots of a generator in it alone; slice a
//! coordinate nothing determines). The strategy asks it for two kinds of
//! points ([`crate::resolve`]'s `stratify`):
//!
//! - a *singular* zero, where the generators' gradients have rank below
//!   the codimension the elimination saw (or an isolated point): the
//!   search runs on the generators together with the maximal minors of
//!   their Jacobian. Smooth points are left to bisection and smooth leaves,
//!   which need no point;
//! - a zero on a hyperplane u_j = 0 that a cut keeps u_j away from, when
//!   the cut does not separate the zero set from it and recurs there, and
//!   the zero set meets the hyperplane badly (it is singular there, or the
//!   hyperplane's normal is in the span of its gradients: the Poisson
//!   mixture's component {a = 0, c = 2} lies in the face a = 0).
//!
//! Two refinements of the first kind. Where generators split into
//! rational linear factors, the zero set is in part an arrangement of
//! planes: naive Bayes with three features at an independent truth has,
//! for t in [1/8, 1], the generators (1 − t)(2b₁ − 1)(3b₂ − 1) and their
//! kin, whose branches t = 1 and b_i = q_i meet at (t, b) = (1, q). The
//! factors are added to the generators one at a time, each kept while the
//! elimination still finds a zero; the last zero lies on the most branches
//! the greedy order reaches, and is taken when a generator vanishes there
//! on two factors at once. And an isolated zero where the generators are
//! regular is taken too: no point of the singular locus, but a box cut
//! through it (a face at l₁ = −1/2 in a factor analysis) is cut for ever.
//!
//! The elimination solves a generator c·v + r for the v with the simplest
//! coefficient c first; when the slices of the coordinates left free all
//! send v out of the box (−2·a·B₁·C₁ + 2·B₁ + 2·C₁ − 1 = 0 solved for a
//! needs B₁ and C₁ near 1/4), the next two pivots are tried.
//!
//! A singular locus of positive dimension runs along some coordinates:
//! the Boltzmann machine with two hidden units (as written before its
//! mean-field chart) is singular where every weight is 0 (s = 1 in the
//! coordinates s = e^w), for every value of the
//! hidden biases, which enter the generators to the second degree. The
//! pivots on the weights then drag the biases into substitutions too
//! large to finish; when the search finds nothing, it runs again with the
//! coordinates of degree two or more fixed one by one at the simplest
//! rational of their interval (1 in [1/2, 2], where no dyadic cut or
//! sample lands, so that bisection would shrink boxes towards the locus
//! for ever).
//!
//! Either is translated to the origin, where blow-ups take over. The
//! points are witnesses of where to go, never certificates: the leaves
//! below them are certified as any others. When the ideal is there, to
//! lowest order, a non-degenerate quadric in some coordinates T and lies
//! in the square of the ideal of {u_T = 0} (the machine's interaction
//! x₁y₁·α + x₂y₂·β, with α, β units in the biases), the blow-up's centre
//! is that locus, u_T = 0, and not a point or a smaller subspace: each of
//! its charts divides the quadric by t² and leaves a polynomial with a
//! linear part or a constant, whatever the biases (the resolve module's
//! `morse_bott`).
//!
//! The pieces the cuts leave need certificates that the ideal has no zero
//! there, though each generator may vanish somewhere on the piece.
//! [`crate::poly::contract`] narrows the box by the generators solved for
//! a coordinate (c·u_j + r with c a constant puts u_j in the range of
//! −r/c), round after round; an empty interval proves the piece zero-free.
//! The checker runs the same narrowing before its own sign certificates.
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
