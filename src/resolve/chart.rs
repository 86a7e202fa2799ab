//! Charts: local coordinates `u` on a box, with the original coordinates
//! `w = map(u)`, and K and the prior in the normal form
//!
//! ```text
//! K(map(u))              = scale · u^k · Π factors(u)
//! φ(map(u))·|det map'(u)| = |u^h| · (a function positive on the box)
//! ```
//!
//! A coordinate may carry a monomial exponent only while its interval
//! contains 0; once a restriction bounds it away from 0 its power is a unit
//! and is moved into the factors (it "is absorbed").
//!
//! The moves, each producing charts whose images cover the parent's box and
//! stay inside it: restriction to sub-boxes, translation of a rational point
//! to the origin, scaling, and blow-ups of a coordinate subspace through the
//! origin (one chart per coordinate of the centre, split by sign where the
//! box is one-sided).

use num_traits::{One, Signed, Zero};

use crate::poly::{Exponent, Poly, Rational};
use crate::problem::{Factor, Interval};

/// Subtracts constant multiples of generators from one another while that
/// removes terms: `h − α·g` for the `α` that cancels the most terms of `h`,
/// when it cancels more than it brings in of `g` and leaves the lowest
/// form of `h` alone (or `h` is a multiple of `g`). A sum of squares of `A·g`
/// for an invertible constant `A` is within constant factors of that of
/// `g`: the ideal and its λ, m are the same. The generators a model gives
/// (probabilities `p_w(x) − q(x)` of a binomial mixture) often share their
/// higher terms, and their lowest forms are dependent; their differences
/// are the short generators, whose lowest forms the strategy can read
/// (`−(1 + 2a)·b + (2a − 1)·c` beside `−b² − c² + …`). Ends because the
/// total number of terms falls at every step.
fn sparsify(gens: &mut Vec<(Rational, Poly)>) {
    const MAX_TERMS: usize = 4000;
    const MAX_GENERATORS: usize = 64;
    let total: usize = gens.iter().map(|(_, g)| g.len()).sum();
    if gens.len() < 2 || gens.len() > MAX_GENERATORS || total > MAX_TERMS {
        return;
    }
    // First the generators that are constant combinations of earlier ones
    // go (a multinomial's last cell, minus the sum of the others).
    let polys: Vec<&Poly> = gens.iter().map(|(_, g)| g).collect();
    let kept: Vec<Poly> = crate::poly::independent(&polys)
        .into_iter()
        .cloned()
        .collect();
    gens.retain(|(_, g)| kept.contains(g));
    loop {
        let mut best: Option<(usize, usize, Rational, usize)> = None;
        for (i, (_, h)) in gens.iter().enumerate() {
            for (j, (_, g)) in gens.iter().enumerate() {
                if i == j {
                    continue;
                }
                // α = h_e / g_e on the shared monomials e, and how often.
                let mut ratios: Vec<Rational> = g
                    .terms()
                    .filter_map(|(e, c)| {
                        let hc = h.coeff(e);
                        (!hc.is_zero()).then(|| hc / c)
                    })
                    .collect();
                let shared = ratios.len();
                ratios.sort();
                let Some((alpha, cancelled)) = ratios
                    .chunk_by(|a, b| a == b)
                    .map(|run| (run[0].clone(), run.len()))
                    .max_by_key(|(_, n)| *n)
                else {
                    continue;
                };
                let added = g.len() - shared;
                // The lowest form of `h` at the origin stays: it is what
                // blow-ups there read, and a unit there (`5·a` beside
                // `a·(b − 1)²`) is worth more than a shorter generator.
                // Unless `h` is a multiple of `g`, and goes.
                let gone = cancelled == h.len() && added == 0;
                if !gone && lowest_degree(g) <= lowest_degree(h) {
                    continue;
                }
                if cancelled > added
                    && best
                        .as_ref()
                        .is_none_or(|(_, _, _, saved)| cancelled - added > *saved)
                {
                    best = Some((i, j, alpha, cancelled - added));
                }
            }
        }
        let Some((i, j, alpha, _)) = best else {
            break;
        };
        subtract_multiple(gens, i, j, &alpha);
    }
}

/// Generator `i` minus `alpha` times generator `j` (made primitive), or no
/// generator `i` when that is 0.
fn subtract_multiple(gens: &mut Vec<(Rational, Poly)>, i: usize, j: usize, alpha: &Rational) {
    let reduced = gens[i].1.sub(&gens[j].1.scale(alpha));
    if reduced.is_zero() {
        gens.remove(i);
    } else {
        gens[i].1 = reduced.primitive();
    }
}

/// Constant combinations of the generators that leave no two with
/// proportional linear parts at the origin: of two such, the longer loses
/// its linear part to a multiple of the shorter. At the point of a local
/// problem the linear parts are the Jacobian there, and generators that
/// agree to first order (a binomial mixture's `p_w(x) − q(x)`, all ∝ `b + c`)
/// hide that only one of them is a coordinate while the others vanish to
/// higher order. Linear parts that are merely dependent are left alone:
/// mixing them would tangle generators that are coordinates already
/// (factor analysis at a regular point). Invertible and constant: the
/// ideal is the same.
fn separate_linear_parts(gens: &mut Vec<(Rational, Poly)>) {
    let Some(d) = gens.first().map(|(_, g)| g.nvars()) else {
        return;
    };
    let linear = |g: &Poly| -> Vec<Rational> {
        (0..d)
            .map(|j| {
                let mut e = vec![0; d];
                e[j] = 1;
                g.coeff(&e)
            })
            .collect()
    };
    // h's linear part as a multiple of g's, when it is one.
    let ratio = |h: &[Rational], g: &[Rational]| -> Option<Rational> {
        let j = g.iter().position(|c| !c.is_zero())?;
        let a = &h[j] / &g[j];
        (!a.is_zero() && h.iter().zip(g).all(|(x, y)| *x == &a * y)).then_some(a)
    };
    loop {
        let parts: Vec<Vec<Rational>> = gens.iter().map(|(_, g)| linear(g)).collect();
        let mut step = None;
        'pairs: for (i, (_, h)) in gens.iter().enumerate() {
            for (j, (_, g)) in gens.iter().enumerate() {
                if i != j && (g.len(), j) < (h.len(), i) {
                    if let Some(a) = ratio(&parts[i], &parts[j]) {
                        step = Some((i, j, a));
                        break 'pairs;
                    }
                }
            }
        }
        let Some((i, j, a)) = step else {
            break;
        };
        subtract_multiple(gens, i, j, &a);
    }
}

/// Drops the generators of a sum of squares that its monomial generators
/// dominate. A generator `u^α · c` with `c` a unit on the box bounds
/// `|u^α|` (in the coordinates that reach 0; the others are units too);
/// a generator every term of which lies in the Newton polyhedron of those
/// exponents is at most a constant times their sum in absolute value
/// ([`NewtonPolyhedron::contains`](crate::newton::NewtonPolyhedron::contains)),
/// so dropping it changes Σ g² by a bounded factor and neither λ nor m.
/// In a three-component mixture near the corner where one weight is 1,
/// the moment M₂ splits into `w₁b₁²`, `w₂b₂²` and a square of the other
/// weights' terms that the first two dominate; without it the chart is
/// not a leaf and blow-ups chase the free coordinates b₁, b₂.
fn drop_dominated(gens: &mut Vec<(Rational, Poly)>, domain: &[Interval]) {
    const MAX_UNIT_TERMS: usize = 16;
    if gens.len() < 2 {
        return;
    }
    let zeroable: Vec<bool> = domain.iter().map(Interval::contains_zero).collect();
    let project = |e: &[u32]| -> Vec<u32> {
        e.iter()
            .zip(&zeroable)
            .map(|(&x, &z)| if z { x } else { 0 })
            .collect()
    };
    let monomial: Vec<Option<Vec<u32>>> = gens
        .iter()
        .map(|(_, g)| {
            let content = project(&g.monomial_content());
            let rest = g.div_monomial(&content);
            let unit = rest.degree() == 0 && !rest.is_zero()
                || rest.len() <= MAX_UNIT_TERMS
                    && rest.degree() > 0
                    && super::leaf::poly_nonvanishing(&rest, domain);
            unit.then_some(content)
        })
        .collect();
    let support: Vec<Vec<u32>> = monomial.iter().flatten().cloned().collect();
    if support.is_empty() || support.len() == gens.len() {
        return;
    }
    let polyhedron = crate::newton::NewtonPolyhedron::from_support(domain.len(), support);
    let mut index = 0;
    gens.retain(|(_, g)| {
        let keep =
            monomial[index].is_some() || !g.terms().all(|(e, _)| polyhedron.contains(&project(e)));
        index += 1;
        keep
    });
}

/// The smallest total degree of a term of `p`.
fn lowest_degree(p: &Poly) -> u32 {
    p.terms()
        .map(|(e, _)| e.iter().sum::<u32>())
        .min()
        .unwrap_or(0)
}

/// `c^n · h(u_j = m/c)` for `n = deg_j h`: a polynomial free of `u_j`.
pub(crate) fn eliminate(
    h: &Poly,
    j: usize,
    m: &Poly,
    c: &Poly,
    limits: &crate::poly::Limits,
) -> Option<Poly> {
    let n = h.degree_in(j);
    let d = h.nvars();
    let mut out = Poly::zero(d);
    for k in 0..=n {
        // The coefficient of u_j^k in h.
        let hk = Poly::from_terms(
            d,
            h.terms().filter(|(e, _)| e[j] == k).map(|(e, c)| {
                let mut e = e.clone();
                e[j] = 0;
                (e, c.clone())
            }),
        );
        if hk.is_zero() {
            continue;
        }
        let term = hk
            .mul(&m.pow(k, limits).ok()?, limits)
            .ok()?
            .mul(&c.pow(n - k, limits).ok()?, limits)
            .ok()?;
        out = out.add(&term);
    }
    Some(out)
}

/// The preimage of a fiber piece (values 0 or free on the centre) in chart
/// `i` of the blow-up of the centre: `u_i = u_i'`, `u_j = u_i'·u_j'`.
fn blow_up_piece(piece: &Piece, centre: &[usize], i: usize) -> Vec<Piece> {
    let zero = || Some(Rational::zero());
    let others: Vec<usize> = centre.iter().copied().filter(|&j| j != i).collect();
    debug_assert!(centre
        .iter()
        .all(|&j| piece[j].as_ref().is_none_or(Zero::is_zero)));
    let mut out = Vec::new();
    // On the exceptional divisor u_i' = 0 every u_j = 0 holds; u_j' are free.
    if piece[i].as_ref().is_none_or(Zero::is_zero) {
        let mut a = piece.clone();
        a[i] = zero();
        for &j in &others {
            a[j] = None;
        }
        out.push(a);
    }
    // Off it, u_i' is free and each fixed u_j = 0 forces u_j' = 0.
    if piece[i].is_none() {
        let mut b = piece.clone();
        for &j in &others {
            if piece[j].is_some() {
                b[j] = zero();
            }
        }
        out.push(b);
    }
    out
}

/// The preimage of a fiber piece (values 0 or free on `coords`) in a chart
/// of the toric blow-up by `rays`: `w_i = 0` exactly where some `u_j` with
/// `rays[j][i] > 0` is 0, so one piece per minimal set of such `u_j` that
/// meets every fixed `w_i`.
fn toric_piece(piece: &Piece, coords: &[usize], rays: &[Vec<u32>]) -> Vec<Piece> {
    let n = coords.len();
    debug_assert!(coords
        .iter()
        .all(|&c| piece[c].as_ref().is_none_or(Zero::is_zero)));
    let fixed: Vec<usize> = (0..n).filter(|&i| piece[coords[i]].is_some()).collect();
    let hits = |set: u64| {
        fixed
            .iter()
            .all(|&i| (0..n).any(|j| set >> j & 1 == 1 && rays[j][i] > 0))
    };
    let sets: Vec<u64> = (0u64..(1 << n)).filter(|&s| hits(s)).collect();
    let minimal = sets
        .iter()
        .filter(|&&s| !sets.iter().any(|&t| t != s && t & s == t));
    minimal
        .map(|&s| {
            let mut p = piece.clone();
            for j in 0..n {
                p[coords[j]] = (s >> j & 1 == 1).then(Rational::zero);
            }
            p
        })
        .collect()
}

/// `p` with the fixed coordinates of a piece set to their values.
pub(crate) fn fix_piece(p: &Poly, piece: &Piece) -> Poly {
    let d = p.nvars();
    let subst: Vec<Poly> = (0..d)
        .map(|i| match &piece[i] {
            Some(c) => Poly::constant(d, c.clone()),
            None => Poly::var(d, i),
        })
        .collect();
    p.compose(&subst, &Default::default())
        .expect("fixing values never grows a polynomial")
}

/// A chart of the resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Names of the local coordinates.
    pub names: Vec<String>,
    /// The box the local coordinates range over.
    pub domain: Vec<Interval>,
    /// Exponents of the monomial part of K.
    pub k: Vec<u32>,
    /// Exponents of the monomial part of prior × Jacobian.
    pub h: Vec<u32>,
    /// The remaining factors of K (the strict transform).
    pub factors: Vec<Factor>,
    /// A positive constant: K = scale · u^k · Π factors.
    pub scale: Rational,
    /// The original coordinates as polynomials in the local ones.
    pub map: Vec<Poly>,
    /// For a local problem, the part of the box over the point: a union of
    /// pieces, each fixing some coordinates (`Some(c)`) and leaving the others
    /// free over their intervals. `None` for a global problem.
    pub fiber: Option<Vec<Piece>>,
    /// The problem's domain. The box maps into it until a shear; after one
    /// (`sheared`) the box may stick out of it, and a point of the box
    /// stands for a point of the problem only if the map sends it strictly
    /// inside (see [`Chart::maps_inside`]).
    pub outer: std::sync::Arc<Vec<Interval>>,
    /// Whether a shear made this chart (or an ancestor).
    pub sheared: bool,
    /// The root chart's factors, in its coordinates `w − source_at`:
    /// while the map stays affine (restrictions, translations, scalings)
    /// they pulled back are the chart's K of the input's degree,
    /// where the simplified generators of `factors` may be of far higher
    /// degree (see [`Chart::source_factors`]).
    pub source: std::sync::Arc<Vec<Factor>>,
    /// The root chart's origin in the problem's coordinates.
    pub source_at: std::sync::Arc<Vec<Rational>>,
}

/// The old coordinates in the new ones after the shear `u_r' = u_r + by`:
/// `u_r = u_r' − by`, the others unchanged.
pub fn shear_back(d: usize, r: usize, by: &Poly) -> Vec<Poly> {
    (0..d)
        .map(|i| {
            let x = Poly::var(d, i);
            if i == r {
                x.sub(by)
            } else {
                x
            }
        })
        .collect()
}

/// One piece of the fiber over the point: a value per fixed coordinate.
pub type Piece = Vec<Option<Rational>>;

fn q(n: i64) -> Rational {
    Rational::from_integer(n.into())
}

impl Chart {
    /// The chart of the whole domain: the identity map.
    pub fn root(
        names: Vec<String>,
        domain: Vec<Interval>,
        scale: Rational,
        factors: Vec<Factor>,
        prior_h: Vec<u32>,
    ) -> Chart {
        let d = names.len();
        let source = std::sync::Arc::new(factors.clone());
        let mut c = Chart {
            names,
            domain: domain.clone(),
            k: vec![0; d],
            h: prior_h,
            factors,
            scale,
            map: (0..d).map(|i| Poly::var(d, i)).collect(),
            fiber: None,
            outer: std::sync::Arc::new(domain.clone()),
            sheared: false,
            source,
            source_at: std::sync::Arc::new(vec![Rational::zero(); d]),
        };
        for f in &mut c.factors {
            if let Factor::Sos(gens) = f {
                sparsify(gens);
            }
        }
        c.normalise();
        c
    }

    /// The chart centred at the point `p` of a local problem: `w = u + p`,
    /// with the fiber the single point `u = 0`. `factors` and `prior_h` are
    /// already in the translated coordinates.
    pub fn root_at(
        names: Vec<String>,
        domain: &[Interval],
        p: &[Rational],
        scale: Rational,
        factors: Vec<Factor>,
        prior_h: Vec<u32>,
    ) -> Chart {
        let d = names.len();
        let shifted = domain
            .iter()
            .zip(p)
            .map(|(iv, x)| Interval {
                lo: &iv.lo - x,
                hi: &iv.hi - x,
            })
            .collect();
        let factors = factors
            .into_iter()
            .map(|f| match f {
                Factor::Sos(mut gens) => {
                    separate_linear_parts(&mut gens);
                    Factor::Sos(gens)
                }
                f => f,
            })
            .collect();
        let mut c = Chart::root(names, shifted, scale, factors, prior_h);
        c.map = (0..d)
            .map(|i| Poly::var(d, i).add(&Poly::constant(d, p[i].clone())))
            .collect();
        c.fiber = Some(vec![vec![Some(Rational::zero()); d]]);
        c.source_at = std::sync::Arc::new(p.to_vec());
        // After a shear, points count where the map sends them strictly
        // inside the neighbourhood of the point, in the problem's coordinates.
        c.outer = std::sync::Arc::new(domain.to_vec());
        c
    }

    /// The root chart's factors pulled back to this chart, while its map is
    /// affine (`None` after a blow-up, or when a pullback is too large).
    /// They vanish exactly where K does on the box.
    pub fn source_factors(&self) -> Option<Vec<Factor>> {
        if self.map.iter().any(|m| m.degree() > 1) {
            return None;
        }
        let d = self.dim();
        let to_root: Vec<Poly> = self
            .map
            .iter()
            .zip(self.source_at.iter())
            .map(|(m, p)| m.sub(&Poly::constant(d, p.clone())))
            .collect();
        let limits = crate::poly::Limits::default();
        let pull = |g: &Poly| g.compose(&to_root, &limits);
        self.source
            .iter()
            .map(|f| match f {
                Factor::Power(p, e) => Some(Factor::Power(pull(p).ok()?, *e)),
                Factor::Sos(gens) => gens
                    .iter()
                    .map(|(w, g)| Some((w.clone(), pull(g).ok()?)))
                    .collect::<Option<Vec<_>>>()
                    .map(Factor::Sos),
            })
            .collect()
    }

    /// Whether this chart is irrelevant to a local problem: no part of the fiber lies in its box.
    pub fn off_fiber(&self) -> bool {
        self.fiber.as_ref().is_some_and(Vec::is_empty)
    }

    /// Applies a change of the fixed values of the fiber, coordinate by coordinate.
    fn map_fiber(&mut self, f: impl Fn(usize, &Rational) -> Rational) {
        for piece in self.fiber.iter_mut().flatten() {
            for (i, v) in piece.iter_mut().enumerate() {
                if let Some(v) = v {
                    *v = f(i, v);
                }
            }
        }
    }

    fn keep_fiber_in_box(&mut self) {
        let domain = self.domain.clone();
        if let Some(pieces) = &mut self.fiber {
            pieces.retain(|piece| {
                piece
                    .iter()
                    .zip(&domain)
                    .all(|(c, iv)| c.as_ref().is_none_or(|c| iv.contains(c)))
            });
            pieces.sort();
            pieces.dedup();
        }
    }

    /// Number of coordinates.
    pub fn dim(&self) -> usize {
        self.names.len()
    }

    /// Coordinates whose interval contains 0: the only ones that can carry a pole.
    pub fn zeroable(&self) -> Vec<usize> {
        (0..self.dim())
            .filter(|&i| self.domain[i].contains_zero())
            .collect()
    }

    /// Whether the origin lies in the box.
    pub fn contains_origin(&self) -> bool {
        self.domain.iter().all(Interval::contains_zero)
    }

    /// Simplifies the generators of each sum of squares without changing its
    /// ideal over the box: when a generator is `c·u_j + r` with `c` and `r`
    /// free of `u_j` and `c` a non-zero constant or certified non-vanishing on
    /// the box, every other generator `h` of degree `n` in `u_j` is replaced by
    /// `c^n · h(u_j = −r/c)`, a polynomial free of `u_j`. With `c` a unit the
    /// two generating sets span the same ideal of functions on the box, and
    /// their sums of squares are bounded by constant multiples of each other,
    /// so λ and m do not change (Lin 2011, ch. 4).
    fn simplify_ideals(&mut self) {
        const MAX_TERMS: usize = 2000;
        const MAX_DEGREE: u32 = 24;
        let d = self.dim();
        let domain = self.domain.clone();
        // An elimination whose result would be dropped for its size is
        // given up while it is computed, not after; and one of too high a
        // degree is not begun: substituted into each other restriction
        // after restriction, the naive Bayes network's generators reached
        // degree 26 in one coordinate, and the next substitution's pivot
        // powers ran for minutes in their coefficients' bigint arithmetic.
        let limits = crate::poly::Limits {
            max_terms: 4 * MAX_TERMS,
            max_degree: MAX_DEGREE,
        };
        for f in &mut self.factors {
            let Factor::Sos(gens) = f else { continue };
            // A generator solved for a coordinate is left alone (`solved`).
            let solved = |gens: &[(Rational, Poly)], o: usize| solved(gens, o, &domain);
            // Each generator pivots once, as rows do in Gaussian
            // elimination: solving 7·t·a₁·a₃ − 7·t·b₁ + 8·a₁ for a₃ and then
            // for a₁, and again, multiplied the generators it was
            // substituted into by b₁ at every turn. Across charts, a
            // generator already solved for a coordinate is such a row: it
            // pivots again only on a constant coefficient (a multinomial
            // mixture's generator, solved for C₁ and then for B₁ chart after
            // chart, grew another's by a factor at every restriction).
            let mut pivots: Vec<Poly> = Vec::new();
            for _ in 0..gens.len() {
                let targets = |gens: &[(Rational, Poly)], gi: usize, j: usize| -> Vec<usize> {
                    (0..gens.len())
                        .filter(|&o| o != gi && gens[o].1.depends_on(j) && !solved(gens, o))
                        .collect()
                };
                // Constant coefficients first: they never need a certificate.
                let pivot = [true, false].into_iter().find_map(|constant_only| {
                    gens.iter().enumerate().find_map(|(gi, (_, g))| {
                        (0..d).find_map(|j| {
                            if pivots.contains(g)
                                || g.degree_in(j) != 1
                                || !gens
                                    .iter()
                                    .enumerate()
                                    .any(|(o, (_, h))| o != gi && h.depends_on(j))
                            {
                                return None;
                            }
                            let c = g.derivative(j);
                            let ok = if constant_only {
                                c.degree() == 0
                            } else {
                                c.degree() > 0
                                    && !solved(gens, gi)
                                    && super::leaf::poly_nonvanishing(&c, &domain)
                            };
                            if !ok {
                                return None;
                            }
                            let t = targets(gens, gi, j);
                            (!t.is_empty()).then_some((gi, j, c, t))
                        })
                    })
                });
                let Some((gi, j, c, targets)) = pivot else {
                    break;
                };
                let g = gens[gi].1.clone();
                pivots.push(g.clone());
                let minus_r = Poly::var(d, j)
                    .mul(&c, &Default::default())
                    .map(|cu| cu.sub(&g))
                    .expect("small");
                for o in targets {
                    let h = &mut gens[o].1;
                    if let Some(reduced) =
                        eliminate(h, j, &minus_r, &c, &limits).filter(|p| p.len() <= MAX_TERMS)
                    {
                        // The pivot's powers are units: dividing them out
                        // keeps the ideal, and restriction after
                        // restriction they would pile up (naive Bayes grew
                        // (1 − t)^43 in seven bisections). So is the
                        // content: pivot after pivot the coefficients
                        // multiply as in Gaussian elimination without
                        // division (factor analysis with ten observed
                        // variables spent 0.3 s substituting one monomial
                        // into a two-term generator, and a minute on its
                        // first chart).
                        *h = crate::poly::factor::divide_out(reduced, &c).primitive();
                    }
                }
                gens.retain(|(_, h)| !h.is_zero());
            }
            // Each elimination multiplies by powers of its pivot: where those
            // are monomials in coordinates kept away from 0 (units), they are
            // divided out again, or they would grow with every restriction.
            for (_, g) in gens.iter_mut() {
                let mut unit = g.monomial_content();
                for (e, iv) in unit.iter_mut().zip(&domain) {
                    if iv.contains_zero() {
                        *e = 0;
                    }
                }
                if unit.iter().any(|&e| e > 0) {
                    *g = g.div_monomial(&unit);
                }
                // And by constants: 1/6·r48 − 1/4·r58 as pivot made the
                // coefficients of a latent tree's ideal 300 digits long.
                *g = g.primitive();
            }
            // A generator that another one repeats (up to sign) adds nothing
            // to the ideal; pivots leave such repeats (−16·l₄² + 1 three
            // times in a factor analysis), and they weigh on every count of
            // generators the strategy makes.
            let mut seen: Vec<Poly> = Vec::new();
            gens.retain(|(_, g)| {
                let repeat = seen.iter().any(|s| s == g || *s == g.neg());
                if !repeat {
                    seen.push(g.clone());
                }
                !repeat
            });
            // A generator that is a monomial reduces every term of the
            // others that it divides (h − (t/m)·m keeps the ideal): in
            // ⟨b·c, a·d + b·c⟩ the second becomes a·d.
            for m in 0..gens.len() {
                if gens[m].1.len() != 1 {
                    continue;
                }
                let (e, _) = gens[m].1.terms().next().expect("one term");
                let e = e.clone();
                for (o, (_, h)) in gens.iter_mut().enumerate() {
                    if o != m
                        && h.terms()
                            .any(|(f, _)| f.iter().zip(&e).all(|(a, b)| a >= b))
                    {
                        *h = h.filter_terms(|f| !f.iter().zip(&e).all(|(a, b)| a >= b));
                    }
                }
            }
            gens.retain(|(_, h)| !h.is_zero());
            drop_dominated(gens, &domain);
        }
    }

    /// Moves monomials out of the factors into `k` (for coordinates that can be 0),
    /// constants into `scale`, and powers of coordinates bounded away from 0 into the factors.
    fn normalise(&mut self) {
        // Again once the monomial content is divided out: a blow-up leaves
        // sos(u·(c + 1), u·a·(c + 1), …), whose pivot c + 1 has a constant
        // coefficient only then. (This once sent tanh-H2 into a slow
        // search; with the cuts of `strategy` it takes 8 ms.)
        self.simplify_ideals();
        self.extract_monomials();
        self.simplify_ideals();
        self.absorb_units();
    }

    /// Divides monomial content out of the factors into `k` (for coordinates
    /// that can be 0) and constant factors into `scale`.
    fn extract_monomials(&mut self) {
        let d = self.dim();
        let zeroable: Vec<bool> = (0..d).map(|i| self.domain[i].contains_zero()).collect();
        let mut factors = Vec::new();
        for f in std::mem::take(&mut self.factors) {
            let polys = f.polys();
            let mut content = polys[0].monomial_content();
            for p in &polys[1..] {
                for (a, b) in content.iter_mut().zip(p.monomial_content()) {
                    *a = (*a).min(b);
                }
            }
            for (i, c) in content.iter_mut().enumerate() {
                if !zeroable[i] {
                    *c = 0;
                }
            }
            let weight = match &f {
                Factor::Power(_, e) => *e,
                Factor::Sos(_) => 2,
            };
            for (ki, ci) in self.k.iter_mut().zip(&content) {
                *ki += weight * ci;
            }
            let f = f.map(|p| p.div_monomial(&content));
            let constant = f.polys().iter().all(|p| p.degree() == 0);
            if constant {
                let value = f
                    .expand(&Default::default())
                    .expect("constants are small")
                    .constant_term();
                self.scale *= value;
            } else {
                factors.push(f);
            }
        }
        self.factors = factors;
    }

    /// Moves powers of coordinates bounded away from 0 into the factors: there
    /// they are units, and the coordinate carries no monomial.
    fn absorb_units(&mut self) {
        let d = self.dim();
        for i in 0..d {
            if !self.domain[i].contains_zero() {
                if self.k[i] > 0 {
                    self.factors.push(Factor::Power(Poly::var(d, i), self.k[i]));
                    self.k[i] = 0;
                }
                self.h[i] = 0;
            }
        }
    }

    /// The same chart on a sub-box.
    pub fn restrict(&self, domain: Vec<Interval>) -> Chart {
        let mut c = self.clone();
        c.domain = domain;
        c.keep_fiber_in_box();
        c.normalise();
        c
    }

    /// Whether the origin may be moved to `p`: coordinates that move must carry no monomial.
    pub fn can_translate(&self, p: &[Rational]) -> bool {
        (0..self.dim()).all(|i| p[i].is_zero() || (self.k[i] == 0 && self.h[i] == 0))
    }

    /// New coordinates `u' = u − p`, so that `p` becomes the origin.
    pub fn translate(&self, p: &[Rational]) -> Chart {
        debug_assert!(self.can_translate(p));
        let mut c = self.clone();
        c.map = self.map.iter().map(|m| m.translate(p)).collect();
        c.factors = self
            .factors
            .iter()
            .map(|f| f.map(|g| g.translate(p)))
            .collect();
        c.domain = self
            .domain
            .iter()
            .zip(p)
            .map(|(iv, x)| Interval {
                lo: &iv.lo - x,
                hi: &iv.hi - x,
            })
            .collect();
        c.map_fiber(|i, v| v - &p[i]);
        c.normalise();
        c
    }

    /// New coordinates `u = r·u'` (every `r_i > 0`).
    pub fn scale(&self, r: &[Rational]) -> Chart {
        let mut c = self.clone();
        c.map = self.map.iter().map(|m| m.scale_vars(r)).collect();
        c.factors = self
            .factors
            .iter()
            .map(|f| f.map(|g| g.scale_vars(r)))
            .collect();
        for (i, ri) in r.iter().enumerate() {
            c.scale *= crate::poly::pow_rational(ri, self.k[i]);
            c.domain[i] = Interval {
                lo: &self.domain[i].lo / ri,
                hi: &self.domain[i].hi / ri,
            };
        }
        c.map_fiber(|i, v| v / &r[i]);
        c.normalise();
        c
    }

    /// New coordinate `u_r' = u_r + by` (a shear: `by` is free of `u_r`, the
    /// Jacobian is 1): a generator `c·u_r + c·by + …` becomes `c·u_r' + …`.
    /// The box grows in `u_r` to enclose every value `u_r'` takes, so it
    /// covers more than the parent's box: its poles bound λ from below, and
    /// a pole counts as attained only at a point that maps strictly inside
    /// the problem's domain. A fiber piece that leaves `u_r` free is the
    /// same set after the shear; one that fixes it moves by the value of
    /// `by` there, which must be a constant on the piece. `None` when `u_r`
    /// carries a monomial, `by` is not constant on a piece fixing `u_r`, or
    /// the polynomials grow too large.
    pub fn shear(&self, r: usize, by: &Poly) -> Option<Chart> {
        if self.k[r] != 0 || self.h[r] != 0 || by.depends_on(r) {
            return None;
        }
        let mut fiber = self.fiber.clone();
        for piece in fiber.iter_mut().flatten() {
            if let Some(v) = &piece[r] {
                let moved = fix_piece(by, piece);
                if moved.degree() > 0 {
                    return None;
                }
                piece[r] = Some(v + moved.constant_term());
            }
        }
        let limits = crate::poly::Limits::default();
        let back = shear_back(self.dim(), r, by);
        let (lo, hi) = crate::poly::bernstein::bernstein_range(by, &self.domain)?;
        let mut c = self.clone();
        c.map = self
            .map
            .iter()
            .map(|m| m.compose(&back, &limits))
            .collect::<Result<_, _>>()
            .ok()?;
        let pull = |g: &Poly| g.compose(&back, &limits).ok();
        let mut factors = Vec::new();
        for f in &self.factors {
            factors.push(match f {
                Factor::Power(p, e) => Factor::Power(pull(p)?, *e),
                Factor::Sos(gens) => Factor::Sos(
                    gens.iter()
                        .map(|(c, g)| Some((c.clone(), pull(g)?)))
                        .collect::<Option<_>>()?,
                ),
            });
        }
        c.factors = factors;
        c.domain[r] = Interval {
            lo: &self.domain[r].lo + lo,
            hi: &self.domain[r].hi + hi,
        };
        c.sheared = true;
        c.fiber = fiber;
        c.keep_fiber_in_box();
        c.normalise();
        Some(c)
    }

    /// Whether a point of the box stands for a point of the problem with a
    /// neighbourhood: always before a shear; after one, when the map sends
    /// it strictly inside the problem's domain.
    pub fn maps_inside(&self, x: &[Rational]) -> bool {
        !self.sheared
            || self.map.iter().zip(self.outer.iter()).all(|(m, iv)| {
                let v = m.eval(x);
                iv.lo < v && v < iv.hi
            })
    }

    /// Whether some piece of the fiber fixes a coordinate at a non-zero value:
    /// such pieces must be separated from the origin before a blow-up there.
    pub fn fiber_off_origin(&self) -> Option<(usize, Rational)> {
        self.fiber.as_ref()?.iter().find_map(|piece| {
            piece
                .iter()
                .enumerate()
                .find_map(|(i, c)| c.as_ref().filter(|c| !c.is_zero()).map(|c| (i, c.clone())))
        })
    }

    /// The chart after a monomial change of coordinates, given by what it
    /// does to exponent vectors: the map, the factors and the exponents of
    /// K and of prior × Jacobian (before the Jacobian's own part is added).
    fn monomial_change(&self, exponent_map: impl Fn(&[u32]) -> Exponent) -> Chart {
        let mut c = self.clone();
        c.map = self
            .map
            .iter()
            .map(|m| m.map_exponents(&exponent_map))
            .collect();
        c.factors = self
            .factors
            .iter()
            .map(|f| f.map(|g| g.map_exponents(&exponent_map)))
            .collect();
        c.k = exponent_map(&self.k);
        c.h = exponent_map(&self.h);
        c
    }

    /// Chart `i` of the blow-up of the coordinate subspace `{u_j = 0, j ∈ centre}`:
    /// `u_j ← u_i·u_j` for `j ∈ centre`, `j ≠ i`. The centre's intervals must be
    /// `[-1, 1]`, `[0, 1]` or `[-1, 0]`; `sign` restricts `u_i` to one side when given.
    pub fn blow_up(&self, centre: &[usize], i: usize, sign: Option<bool>) -> Chart {
        let exponent_map = |e: &[u32]| -> Exponent {
            let mut out = e.to_vec();
            out[i] = centre.iter().map(|&j| e[j]).sum();
            out
        };
        let mut c = self.monomial_change(exponent_map);
        c.h[i] += centre.len() as u32 - 1;
        let side = |iv: &Interval| -> Interval {
            match sign {
                Some(true) => Interval {
                    lo: iv.lo.clone().max(q(0)),
                    hi: iv.hi.clone(),
                },
                Some(false) => Interval {
                    lo: iv.lo.clone(),
                    hi: iv.hi.clone().min(q(0)),
                },
                None => iv.clone(),
            }
        };
        let ui = side(&self.domain[i]);
        let positive_only = !ui.lo.is_negative();
        let negative_only = !ui.hi.is_positive();
        for &j in centre {
            if j == i {
                continue;
            }
            let iv = &self.domain[j];
            c.domain[j] = if positive_only {
                iv.clone()
            } else if negative_only {
                Interval {
                    lo: -iv.hi.clone(),
                    hi: -iv.lo.clone(),
                }
            } else {
                Interval::symmetric_unit()
            };
        }
        c.domain[i] = ui;
        c.fiber = self.fiber.as_ref().map(|pieces| {
            pieces
                .iter()
                .flat_map(|piece| blow_up_piece(piece, centre, i))
                .collect()
        });
        c.keep_fiber_in_box();
        c.normalise();
        c
    }

    /// The charts of the toric blow-up of the coordinates `coords` by the
    /// unimodular cone `rays` (see [`fan`](super::fan)): in chart coordinates
    /// `u`, `w_{coords[i]} = Π_j u_{coords[j]}^{rays[j][i]}`, the other
    /// coordinates unchanged. A monomial `w^e` becomes `u^{e'}` with
    /// `e'_j = ⟨rays[j], e⟩`, and `|det ∂w/∂u| = Π_j |u_j|^{⟨rays[j], 1⟩ − 1}`.
    /// The intervals of `coords` must be `[-1, 1]`, `[0, 1]` or `[-1, 0]`.
    ///
    /// On the torus the map sends each orthant of `u` one to one onto an
    /// orthant of `w` (the matrix is invertible modulo 2), so the charts are
    /// the sign patterns of `u` whose image keeps the one-sided coordinates on
    /// their side: `u_j` has both signs when no one-sided `w_i` depends on it
    /// to an odd power, and otherwise each solution of the parity equations
    /// is a chart of its own, with `Some(true)` for `u_j ≥ 0` and
    /// `Some(false)` for `u_j ≤ 0`.
    pub fn toric(&self, coords: &[usize], rays: &[Vec<u32>]) -> Vec<(Vec<Option<bool>>, Chart)> {
        let n = coords.len();
        // The one-sided coordinates and the sign (true: negative) they need.
        let one_sided: Vec<(usize, bool)> = (0..n)
            .filter_map(|i| {
                let iv = &self.domain[coords[i]];
                if !iv.lo.is_negative() {
                    Some((i, false))
                } else if !iv.hi.is_positive() {
                    Some((i, true))
                } else {
                    None
                }
            })
            .collect();
        let parity_free: Vec<bool> = (0..n)
            .map(|j| one_sided.iter().all(|&(i, _)| rays[j][i].is_multiple_of(2)))
            .collect();
        let tied: Vec<usize> = (0..n).filter(|&j| !parity_free[j]).collect();
        let mut out = Vec::new();
        for mask in 0u64..(1u64 << tied.len()) {
            let negative = |j: usize| {
                tied.iter()
                    .position(|&t| t == j)
                    .is_some_and(|p| mask >> p & 1 == 1)
            };
            let solves = one_sided.iter().all(|&(i, neg)| {
                let odd = tied
                    .iter()
                    .filter(|&&j| negative(j) && rays[j][i] % 2 == 1)
                    .count();
                (odd % 2 == 1) == neg
            });
            if !solves {
                continue;
            }
            let signs: Vec<Option<bool>> = (0..n)
                .map(|j| (!parity_free[j]).then(|| !negative(j)))
                .collect();
            out.push((signs.clone(), self.toric_chart(coords, rays, &signs)));
        }
        out
    }

    /// One chart of [`Chart::toric`], with its sign pattern.
    fn toric_chart(&self, coords: &[usize], rays: &[Vec<u32>], signs: &[Option<bool>]) -> Chart {
        let n = coords.len();
        let exponent_map = |e: &[u32]| -> Exponent {
            let mut out = e.to_vec();
            for j in 0..n {
                out[coords[j]] = (0..n).map(|i| rays[j][i] * e[coords[i]]).sum();
            }
            out
        };
        let mut c = self.monomial_change(exponent_map);
        for j in 0..n {
            c.h[coords[j]] += rays[j].iter().sum::<u32>() - 1;
            c.domain[coords[j]] = match signs[j] {
                None => Interval::symmetric_unit(),
                Some(true) => Interval { lo: q(0), hi: q(1) },
                Some(false) => Interval {
                    lo: q(-1),
                    hi: q(0),
                },
            };
        }
        c.fiber = self.fiber.as_ref().map(|pieces| {
            pieces
                .iter()
                .flat_map(|piece| toric_piece(piece, coords, rays))
                .collect()
        });
        c.keep_fiber_in_box();
        c.normalise();
        c
    }

    /// Whether every interval of the centre is `[-1, 1]`, `[0, 1]` or `[-1, 0]`.
    pub fn centre_is_unit(&self, centre: &[usize]) -> bool {
        centre.iter().all(|&j| {
            let iv = &self.domain[j];
            (iv.lo == q(-1) && (iv.hi == q(1) || iv.hi.is_zero()))
                || (iv.lo.is_zero() && iv.hi == q(1))
        })
    }

    /// The charts of the blow-up of the centre, with the sign split each needs.
    pub fn blow_up_charts(&self, centre: &[usize]) -> Vec<(usize, Option<bool>, Chart)> {
        let symmetric = |j: usize| self.domain[j].straddles_zero();
        let all_symmetric = centre.iter().all(|&j| symmetric(j));
        let mut out = Vec::new();
        for &i in centre {
            if symmetric(i) && !all_symmetric {
                out.push((i, Some(false), self.blow_up(centre, i, Some(false))));
                out.push((i, Some(true), self.blow_up(centre, i, Some(true))));
            } else {
                out.push((i, None, self.blow_up(centre, i, None)));
            }
        }
        out
    }

    /// K in the chart as text: `scale · u^k · factors`.
    pub fn k_text(&self) -> String {
        let mut parts = Vec::new();
        if !self.scale.is_one() {
            parts.push(crate::poly::fmt_rational(&self.scale));
        }
        let mono = crate::poly::display::monomial_string(&self.k, &self.names);
        if mono != "1" || (self.factors.is_empty() && parts.is_empty()) {
            parts.push(mono);
        }
        parts.extend(self.factors.iter().map(|f| f.text(&self.names)));
        parts.join(" · ")
    }
}

/// Whether generator `o` of a sum of squares is a coordinate solved: it
/// alone carries some coordinate, to degree 1, with a unit coefficient on
/// the box. Eliminating another coordinate from it would undo that (and,
/// pivot after pivot, make the generators grow without end), so
/// `simplify_ideals` pivots such a row again only on a constant
/// coefficient, and the strategy never cuts the box to make another of its
/// coefficients a unit.
pub(super) fn solved(gens: &[(Rational, Poly)], o: usize, domain: &[Interval]) -> bool {
    let unit = |c: &Poly| {
        c.degree() == 0 && !c.is_zero()
            || c.degree() > 0 && super::leaf::poly_nonvanishing(c, domain)
    };
    let h = &gens[o].1;
    (0..h.nvars()).any(|j| {
        h.degree_in(j) == 1
            && gens
                .iter()
                .enumerate()
                .all(|(p, (_, g))| p == o || !g.depends_on(j))
            && unit(&h.derivative(j))
    })
}
