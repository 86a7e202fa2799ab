//! An independent check of a resolution's leaves.
//!
//! The checker trusts nothing the engine carried along but the recorded map
//! `w = g(u)`, the box, the exponents `k` and `h`, and, for a smooth leaf, the
//! coordinates it names. From the problem alone it re-derives:
//! - that `c · Π factors` is K (the factor structure read from the input);
//! - the pullback `K(g(u))`, and that `u^k` divides it exactly;
//! - `φ(g(u)) · det g'(u) = u^h · Q` with `Q` free of zeros on the box;
//! - for each factor of K, its pullback with its monomial content divided out
//!   (the contents must add up to `k`), and whether it may vanish on the box;
//! - normal crossing: no factor vanishes; smooth: the generators of the
//!   factors that vanish have a Jacobian determinant, in the named
//!   coordinates, with no zero on the box — so near every point they are
//!   coordinates, and K = u^k · Π v^e · Π (Σ v²) · unit there;
//! - for a toric leaf, that each generator is a monomial times a unit, or
//!   one of the smooth polynomials (after the terms that a monomial
//!   generator divides are dropped), or, with the replaced coordinates
//!   eliminated through the smooth polynomials, one of these or a
//!   polynomial every term of which lies in the Newton polyhedron of the
//!   monomial generators (dominated by them, so dropping it keeps λ, m);
//!   what none of these reads must, with the monomial ones, share a
//!   monomial whose quotients have no common zero on the box (then they
//!   generate that monomial alone);
//! - the leaf's pole value from `k`, `h` and those blocks (and, for a
//!   normal-crossing leaf of a global problem, its order); where a block
//!   attains it, that the block vanishes strictly inside the box in the
//!   coordinates it replaces (on their faces its poles are only bounded
//!   below).
//! - after a shear the box may stick out of the problem's domain: where the
//!   map does not provably send it inside, an attained pole needs the
//!   leaf's witness, a point of the box that the map sends strictly inside
//!   the domain and where as many of the pole's components vanish as its
//!   order (for a toric leaf: every coordinate of the monomials and every
//!   vanishing generator).
//!
//! Sign certificates use Bernstein bounds with a budget of their own; away
//! from the origin of an affine chart of a global problem, a factor may
//! also be shown free of zeros by the interval Newton cover of
//! `poly::regular`, re-run here on the leaf's box (the pieces beside a
//! regular zero, where no single generator keeps its sign).

use num_traits::{One, Signed, Zero};

use crate::poly::bernstein::{definite_sign, sign_on_box, BoxSign};
use crate::poly::{Limits, Poly, Rational, TooLarge};
use crate::problem::{Factor, Interval, Problem};
use crate::resolve::{Leaf, LeafKind, Node, ResolutionTree};

/// How thoroughly a leaf was re-verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verified {
    /// Every claim of the leaf was re-derived.
    Fully,
    /// Monomial part, Jacobian and prior re-derived; the rest could not be
    /// certified within the checker's budget (or, for a local problem, the
    /// pole depends on the fiber, which is not re-derived).
    MonomialPart,
    /// Nothing: an expansion would pass the checker's size limits (named
    /// here). This refutes nothing.
    TooLarge(String),
}

/// The outcome of checking a tree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Leaves whose every claim was re-derived.
    pub fully: usize,
    /// Leaves whose monomial part, Jacobian and prior were re-derived.
    pub monomial_part: usize,
    /// Leaves the checker could not expand within its size limits (chart
    /// number and the limit): nothing about them was re-derived, nor refuted.
    pub too_large: Vec<(usize, String)>,
    /// Whether the tree carried a rank bound, whose certificate was then
    /// re-derived ([`rank_bound_holds`]).
    pub rank_bound: bool,
}

impl CheckReport {
    /// The outcome as one sentence, for a report's notes.
    pub fn sentence(&self) -> String {
        let leaves = self.fully + self.monomial_part + self.too_large.len();
        let mut s = format!(
            "independent check (rlct::check): {} of {leaves} leaves re-derived in full",
            self.fully
        );
        if self.monomial_part > 0 {
            s += &format!(
                ", {} in their monomial part, Jacobian and prior (the rest was beyond the checker's budget)",
                self.monomial_part
            );
        }
        if !self.too_large.is_empty() {
            let charts: Vec<String> = self
                .too_large
                .iter()
                .map(|(i, _)| format!("#{i}"))
                .collect();
            s += &format!(
                ", {} not expanded (too large: charts {})",
                self.too_large.len(),
                charts.join(", ")
            );
        }
        if self.rank_bound {
            s += "; the rank bound's cofactors combine into 1";
        }
        s + "; no claim refuted"
    }
}

/// Whether a rank bound's certificate holds for the problem: K is a
/// positive constant times one sum of squares; each unit's cofactors
/// combine the generators and the unit into 1 (it has no zero on K's zero
/// set); and the cofactors times the generators and times the named
/// minors of their Jacobian (recomputed here from the problem, the units
/// divided out) add up to 1, so that at every zero of K the Jacobian has
/// rank ρ; and the bound is ρ/2 (see `resolve::rank`).
///
/// A bound off a stratum ([`whole`](crate::resolve::rank::RankBound::whole)
/// false) has instead, for each of its exceptions f, cofactors in one more
/// variable y with Σ q·g + Σ q·minor + q_f·(1 − y·f) = 1: f vanishes
/// wherever the generators and those minors do (Rabinowitsch).
pub fn rank_bound_holds(problem: &Problem, bound: &crate::resolve::rank::RankBound) -> bool {
    let gens: Vec<&Poly> = match &problem.k_factors {
        (c, factors) if c.is_positive() && factors.len() == 1 => match &factors[0] {
            Factor::Sos(gens) => gens.iter().map(|(_, g)| g).collect(),
            Factor::Power(..) => return false,
        },
        _ => return false,
    };
    let d = problem.dim();
    let limits = Limits::default();
    if problem.point.is_some()
        || bound.lambda != Rational::new((bound.rank as u32).into(), 2u32.into())
    {
        return false;
    }
    if !bound.units.iter().all(|u| unit_holds(&gens, u, &limits)) {
        return false;
    }
    if !bound.whole() {
        return bound
            .off
            .iter()
            .all(|e| exception_holds(problem, &gens, bound, e, &limits));
    }
    if bound.generator_cofactors.len() != gens.len() {
        return false;
    }
    let Some(minors) = named_minors(&gens, bound, &bound.minor_cofactors, d, &limits) else {
        return false;
    };
    let terms = gens
        .iter()
        .copied()
        .zip(&bound.generator_cofactors)
        .chain(minors.iter().map(|(m, q)| (m, *q)));
    combines_into_one(terms, d, &limits)
}

/// The named ρ×ρ minors of the generators' Jacobian, recomputed, with the
/// bound's units divided out, each with its cofactor; `None` when one is
/// misshapen or too large.
fn named_minors<'a>(
    gens: &[&Poly],
    bound: &crate::resolve::rank::RankBound,
    named: &'a [(Vec<usize>, Vec<usize>, Poly)],
    d: usize,
    limits: &Limits,
) -> Option<Vec<(Poly, &'a Poly)>> {
    let mut minors = Vec::new();
    for (rows, cols, q) in named {
        let shaped = rows.len() == bound.rank
            && cols.len() == bound.rank
            && rows.iter().all(|&r| r < gens.len())
            && cols.iter().all(|&c| c < d);
        if !shaped {
            return None;
        }
        let m: Vec<Vec<Poly>> = rows
            .iter()
            .map(|&r| cols.iter().map(|&c| gens[r].derivative(c)).collect())
            .collect();
        let minor = crate::poly::determinant(&m, limits).ok()?;
        minors.push((divide_out_units(minor, &bound.units), q));
    }
    Some(minors)
}

/// Whether an exception's Rabinowitsch certificate holds: its cofactors
/// combine the generators, its named minors and 1 − y·f into 1, in the
/// coordinates and y (the last variable).
fn exception_holds(
    problem: &Problem,
    gens: &[&Poly],
    bound: &crate::resolve::rank::RankBound,
    e: &crate::resolve::rank::Exception,
    limits: &Limits,
) -> bool {
    let d = problem.dim();
    if e.generator_cofactors.len() != gens.len() || e.f.degree() == 0 {
        return false;
    }
    let Some(minors) = named_minors(gens, bound, &e.minor_cofactors, d, limits) else {
        return false;
    };
    let lift = |p: &Poly| -> Option<Poly> {
        let coordinates: Vec<Poly> = (0..d).map(|i| Poly::var(d + 1, i)).collect();
        p.compose(&coordinates, limits).ok()
    };
    let y = Poly::var(d + 1, d);
    let Some(yf) = lift(&e.f).and_then(|f| y.mul(&f, limits).ok()) else {
        return false;
    };
    let rabinowitsch = Poly::one(d + 1).sub(&yf);
    let mut lifted: Vec<Poly> = Vec::new();
    for p in gens.iter().copied().chain(minors.iter().map(|(m, _)| m)) {
        let Some(l) = lift(p) else { return false };
        lifted.push(l);
    }
    let cofactors = e
        .generator_cofactors
        .iter()
        .chain(minors.iter().map(|(_, q)| *q));
    let terms = lifted
        .iter()
        .zip(cofactors)
        .chain([(&rabinowitsch, &e.cofactor)]);
    combines_into_one(terms, d + 1, limits)
}

/// `p` with each unit's factor divided out, as often as it divides exactly.
fn divide_out_units(p: Poly, units: &[crate::resolve::unit::Unit]) -> Poly {
    units
        .iter()
        .fold(p, |p, u| crate::poly::factor::divide_out(p, &u.factor))
}

/// Whether Σ p·q over the pairs is the constant 1.
fn combines_into_one<'a>(
    terms: impl IntoIterator<Item = (&'a Poly, &'a Poly)>,
    d: usize,
    limits: &Limits,
) -> bool {
    let mut sum = Poly::zero(d);
    for (p, q) in terms {
        match p.mul(q, limits) {
            Ok(t) => sum.add_assign(&t),
            Err(_) => return false,
        }
    }
    sum == Poly::one(d)
}

/// Whether a leaf off the stratum of the tree's rank bound is one: the
/// bound (whose certificates `check_tree` verified) holds off a stratum,
/// its exception pulled back has no zero on the box, and the leaf claims
/// no more than the bound gives (−ρ/2 of order 1, not attained). `false`
/// when the checker's own test does not show the exception nonzero on the
/// box (not verified, which refutes nothing).
fn off_stratum_holds(
    tree: &ResolutionTree,
    node: &Node,
    leaf: &Leaf,
    exception: usize,
) -> Result<bool, String> {
    let bound = tree
        .lower_bound
        .as_ref()
        .filter(|b| !b.whole())
        .ok_or("a leaf off a stratum without a rank bound off one")?;
    let e = bound
        .off
        .get(exception)
        .ok_or("a leaf off a stratum names no exception of the bound")?;
    let claims = leaf.attained
        || leaf
            .leading
            .as_ref()
            .is_none_or(|p| p.lambda != bound.lambda || p.order != 1)
        || leaf.candidates.iter().any(|p| p.lambda < bound.lambda);
    if claims {
        return Err("a leaf off a stratum claims more than the rank bound gives".into());
    }
    Ok(e.f
        .compose(&node.chart.map, &Limits::default())
        .is_ok_and(|pulled| nonvanishing(&pulled, &node.chart.domain)))
}

/// Whether a unit's cofactors combine the generators and its factor into
/// 1 (Σ q_i·g_i + q·f = 1: f has no common zero with them, not even a
/// complex one).
fn unit_holds(gens: &[&Poly], unit: &crate::resolve::unit::Unit, limits: &Limits) -> bool {
    let terms = gens
        .iter()
        .copied()
        .zip(&unit.generator_cofactors)
        .chain([(&unit.factor, &unit.cofactor)]);
    unit.generator_cofactors.len() == gens.len()
        && unit.factor.degree() > 0
        && combines_into_one(terms, unit.factor.nvars(), limits)
}

/// Why a leaf's claims were not all re-derived.
#[derive(Debug)]
enum Failure {
    /// A claim is false: the tree is refuted.
    Refuted(String),
    /// An expansion would pass the checker's size limits: the leaf is not
    /// verified, which refutes nothing.
    TooLarge(TooLarge),
}

impl From<TooLarge> for Failure {
    fn from(e: TooLarge) -> Self {
        Failure::TooLarge(e)
    }
}

impl From<&str> for Failure {
    fn from(claim: &str) -> Self {
        Failure::Refuted(claim.to_string())
    }
}

const BUDGET: usize = 64;

/// Most unknown coefficients in the checker's own search for a unit's
/// certificate.
const UNIT_UNKNOWNS: usize = 40_000;

fn nonvanishing(p: &Poly, domain: &[Interval]) -> bool {
    if p.degree() == 0 {
        return !p.constant_term().is_zero();
    }
    // Only a shortcut to "not certified": it cannot make the checker accept.
    if crate::resolve::seen_to_vanish(p, domain) {
        return false;
    }
    let budget = if p.len() <= 400 { BUDGET } else { 4 };
    definite_sign(p, domain, budget).is_some()
}

/// `p / u^k` when `u^k` divides every term.
fn divide_exactly(p: &Poly, k: &[u32]) -> Option<Poly> {
    p.terms()
        .all(|(e, _)| e.iter().zip(k).all(|(a, b)| a >= b))
        .then(|| p.div_monomial(k))
}

/// One factor of K pulled back to a chart: its generators with the monomial
/// content divided out, and the pole value of its block should it vanish.
struct Pulled {
    gens: Vec<Poly>,
    weight: u32,
    content: Vec<u32>,
    value: Rational,
}

fn pull_back(
    f: &Factor,
    map: &[Poly],
    zeroable: &[bool],
    limits: &Limits,
) -> Result<Pulled, Failure> {
    let (polys, weight, value) = match f {
        Factor::Power(p, e) => (vec![p.clone()], *e, Rational::new(1.into(), (*e).into())),
        Factor::Sos(gens) => {
            // A generator that is a combination of the others with
            // constant coefficients adds nothing to the ideal (nor to the
            // block's value), whether or not the engine dropped it.
            let polys: Vec<&Poly> = gens.iter().map(|(_, g)| g).collect();
            let rank = crate::poly::independent(&polys).len();
            (
                gens.iter().map(|(_, g)| g.clone()).collect(),
                2,
                Rational::new((rank as u32).into(), 2.into()),
            )
        }
    };
    let pulled: Vec<Poly> = polys
        .iter()
        .map(|p| p.compose(map, limits))
        .collect::<Result<_, _>>()?;
    let mut content = pulled[0].monomial_content();
    for p in &pulled[1..] {
        for (a, b) in content.iter_mut().zip(p.monomial_content()) {
            *a = (*a).min(b);
        }
    }
    for (c, z) in content.iter_mut().zip(zeroable) {
        if !z {
            *c = 0;
        }
    }
    Ok(Pulled {
        gens: pulled.iter().map(|p| p.div_monomial(&content)).collect(),
        weight,
        content,
        value,
    })
}

/// Whether the generators have no common zero on the box: one of them has
/// none; or halves of the box are each covered by one without a zero; or
/// the sum of their squares is positive; or, eliminating a
/// coordinate through a generator `g = c·u_j + r` whose coefficient `c` has
/// no zero on the box, some other generator `h` of degree `n` in `u_j`
/// becomes `c^n · h(u_j = −r/c)` with no zero (a common zero of `g` and `h`
/// would be one of it).
fn zero_free(gens: &[Poly], domain: &[Interval], limits: &Limits) -> bool {
    // A monomial vanishes only on coordinate hyperplanes: a common zero
    // lies on one that the box meets, where the others vanish too.
    if let Some(m) = gens.iter().find(|g| is_monomial(g)) {
        let (e, _) = m.terms().next().expect("one term");
        let rest: Vec<&Poly> = gens.iter().filter(|g| *g != m).collect();
        if !rest.is_empty() {
            return (0..domain.len())
                .filter(|&i| e[i] > 0 && domain[i].contains_zero())
                .all(|i| {
                    let on: Vec<Poly> = rest.iter().map(|g| g.restrict_zero(&[i])).collect();
                    zero_free(&on, &face_of(domain, i), limits)
                });
        }
    }
    if let Some(replaced) = monomial_in_place(gens, domain) {
        return zero_free(&replaced, domain, limits);
    }
    // g = u_j·∂g/∂u_j + g(u_j = 0) for g of degree 1 in u_j: where g and a
    // multiple of its derivative both vanish, so does g(u_j = 0).
    let lead = |p: &Poly| p.terms().next().map(|(_, c)| c.clone());
    let mut all = gens.to_vec();
    for g in gens {
        for j in 0..g.nvars() {
            if g.degree_in(j) != 1 {
                continue;
            }
            let dg = g.derivative(j);
            let multiple = gens.iter().any(|p| match (lead(p), lead(&dg)) {
                (Some(a), Some(b)) => dg.scale(&a) == p.scale(&b),
                _ => false,
            });
            if multiple {
                all.push(g.restrict_zero(&[j]));
            }
        }
    }
    // What that adds may be a monomial, or one times a unit (x₁₁x₂₁·(unit),
    // the Boltzmann machine's interaction on a hyperplane): split there.
    if all.len() > gens.len() {
        let grown = &all[gens.len()..];
        if grown
            .iter()
            .any(|g| is_monomial(g) && all.iter().any(|h| h != g))
        {
            return zero_free(&all, domain, limits);
        }
        if let Some(replaced) = monomial_in_place(&all, domain) {
            return zero_free(&replaced, domain, limits);
        }
    }
    let gens = &all[..];
    // A common zero lies in the box narrowed by the generators solved for
    // a coordinate (if any is left of it).
    let refs: Vec<&Poly> = gens.iter().collect();
    let Some(narrowed) = crate::poly::contract::contract(&refs, domain) else {
        return true;
    };
    let domain = &narrowed[..];
    if gens.iter().any(|g| nonvanishing(g, domain)) {
        return true;
    }
    let d = domain.len();
    if gens.len() > 1 && crate::poly::bernstein::covered(gens, domain, 512) {
        return true;
    }
    if gens.len() > 1 {
        let squares: Result<Vec<Poly>, _> = gens.iter().map(|g| g.mul(g, limits)).collect();
        if let Ok(squares) = squares {
            let sos = squares.iter().fold(Poly::zero(d), |s, g2| s.add(g2));
            if nonvanishing(&sos, domain) {
                return true;
            }
        }
    }
    for g in gens {
        for j in 0..d {
            let c = g.derivative(j);
            if g.degree_in(j) != 1 || !nonvanishing(&c, domain) {
                continue;
            }
            // u_j = m / c on the zero set of g.
            let Ok(m) = Poly::var(d, j).mul(&c, limits).map(|cu| cu.sub(g)) else {
                continue;
            };
            for h in gens.iter().filter(|h| *h != g && h.depends_on(j)) {
                let Some(reduced) = substitute(h, j, &m, &c, limits) else {
                    return false;
                };
                if nonvanishing(&reduced, domain) {
                    return true;
                }
            }
        }
    }
    eliminated(gens, domain, limits).is_some_and(|rest| zero_free(&rest, domain, limits))
}

/// The other generators with a coordinate eliminated through the first
/// generator `g = c·u_j + r` whose coefficient `c` has no zero on the box
/// and whose `u_j` some other generator carries. A common zero of `gens`
/// in the box is one of these (each is `c^n · h(u_j = −r/c)`, free of
/// `u_j`), so they have no common zero where `gens` have none; one
/// coordinate fewer each time, as often as the box allows (the naive Bayes
/// network's pieces beside its zero set are free of zeros only once every
/// `a_i` is eliminated through its first moment, `t·a_i + (1 − t)·b_i − m_i`).
fn eliminated(gens: &[Poly], domain: &[Interval], limits: &Limits) -> Option<Vec<Poly>> {
    let d = domain.len();
    let (g, j, c) = gens.iter().find_map(|g| {
        (0..d)
            .filter(|&j| g.degree_in(j) == 1)
            .filter(|&j| gens.iter().any(|h| h != g && h.depends_on(j)))
            .map(|j| (j, g.derivative(j)))
            .find(|(_, c)| nonvanishing(c, domain))
            .map(|(j, c)| (g, j, c))
    })?;
    let m = Poly::var(d, j).mul(&c, limits).ok()?.sub(g);
    gens.iter()
        .filter(|h| *h != g)
        .map(|h| {
            if h.depends_on(j) {
                substitute(h, j, &m, &c, limits).map(|r| r.primitive())
            } else {
                Some(h.clone())
            }
        })
        .filter(|h| h.as_ref().is_none_or(|h| !h.is_zero()))
        .collect()
}

/// Whether `g` is a monomial of positive degree: it vanishes only on
/// coordinate hyperplanes.
fn is_monomial(g: &Poly) -> bool {
    g.len() == 1 && g.degree() > 0
}

/// The generators with one that is a monomial times a polynomial with no
/// zero on the box replaced by the monomial (in the coordinates whose
/// interval holds 0; the others are units): it vanishes where the monomial
/// does (a fiber equation x⁵y⁸z⁶·(xy²z − 9)²/500), and the monomial rule of
/// `zero_free` applies. `None` when there is no such generator, or when one
/// is a monomial already.
fn monomial_in_place(gens: &[Poly], domain: &[Interval]) -> Option<Vec<Poly>> {
    if gens.len() < 2 || gens.iter().any(is_monomial) {
        return None;
    }
    gens.iter().enumerate().find_map(|(i, g)| {
        let mut content = g.monomial_content();
        for (k, iv) in content.iter_mut().zip(domain) {
            if !iv.contains_zero() {
                *k = 0;
            }
        }
        if content.iter().all(|&k| k == 0) || !nonvanishing(&g.div_monomial(&content), domain) {
            return None;
        }
        let mut replaced = gens.to_vec();
        replaced[i] = Poly::monomial(content, Rational::one());
        Some(replaced)
    })
}

/// Whether `det`, the determinant of `jac`, has no zero where the
/// generators vanish: with its unit monomials and the entries of `jac` that
/// are units divided out, and square roots taken (so that it can serve as a
/// pivot), it has no common zero with them.
fn no_zero_with(gens: &[&Poly], det: &Poly, jac: &[Vec<Poly>], domain: &[Interval]) -> bool {
    let mut unit = det.monomial_content();
    for (e, iv) in unit.iter_mut().zip(domain) {
        if iv.contains_zero() {
            *e = 0;
        }
    }
    let mut reduced = det.div_monomial(&unit);
    // Factors with no zero on the box (a unit diagonal entry of a
    // triangular Jacobian) leave the zero set alone.
    for entry in jac.iter().flatten() {
        if entry.degree() > 0 && nonvanishing(entry, domain) {
            reduced = crate::poly::factor::divide_out(reduced, entry);
        }
    }
    while let Some(root) = reduced.sqrt().or_else(|| reduced.neg().sqrt()) {
        reduced = root;
    }
    let mut all: Vec<Poly> = gens.iter().map(|g| (*g).clone()).collect();
    all.push(reduced);
    zero_free(&all, domain, &Limits::default())
}

/// `c^n · h(u_j = m/c)`, n the degree of h in u_j: h on the zero set of
/// `c·u_j − m`, cleared of denominators (a polynomial free of u_j).
fn substitute(h: &Poly, j: usize, m: &Poly, c: &Poly, limits: &Limits) -> Option<Poly> {
    let d = h.nvars();
    let n = h.degree_in(j);
    let mut reduced = Poly::zero(d);
    for power in 0..=n {
        let coefficient = h.filter_terms(|e| e[j] == power).div_monomial(&{
            let mut e = vec![0; d];
            e[j] = power;
            e
        });
        let term = m
            .pow(power, limits)
            .and_then(|mp| c.pow(n - power, limits).and_then(|cp| mp.mul(&cp, limits)))
            .and_then(|t| t.mul(&coefficient, limits))
            .ok()?;
        reduced = reduced.add(&term);
    }
    Some(reduced)
}

/// Whether the generators generate, over the box, the ideal of a smooth set
/// of codimension `coords.len()`: eliminating the coordinates one at a time
/// through generators `c·u_j + r` (degree 1 in u_j, `c` with no zero on the
/// box) leaves every other generator zero. Then the generators used, each
/// free of the coordinates eliminated before it, have a triangular Jacobian
/// with unit diagonal (they are coordinates), and every other generator is
/// in their ideal, so Σ g² is within constant factors of the sum over the
/// ones used. The engine thins ideals so (`Chart::simplify_ideals`); this
/// re-derives it from the pulled-back generators.
fn thins_to_coordinates(
    gens: &[Poly],
    coords: &[usize],
    domain: &[Interval],
    limits: &Limits,
) -> bool {
    let mut rest: Vec<Poly> = gens.to_vec();
    let mut left: Vec<usize> = coords.to_vec();
    while !left.is_empty() {
        let pivot = rest.iter().enumerate().find_map(|(gi, g)| {
            left.iter().enumerate().find_map(|(li, &j)| {
                let c = g.derivative(j);
                (g.degree_in(j) == 1 && nonvanishing(&c, domain)).then_some((gi, li, j, c))
            })
        });
        let Some((gi, li, j, c)) = pivot else {
            return false;
        };
        let g = rest.remove(gi);
        left.remove(li);
        let Ok(m) = Poly::var(g.nvars(), j).mul(&c, limits).map(|cu| cu.sub(&g)) else {
            return false;
        };
        let mut reduced = Vec::new();
        for h in &rest {
            match substitute(h, j, &m, &c, limits) {
                Some(r) if r.is_zero() => {}
                Some(r) => reduced.push(r),
                None => return false,
            }
        }
        rest = reduced;
    }
    rest.is_empty()
}

/// Whether some block attaining the smallest of `values` (each block with
/// its value) is seen to vanish at a point strictly inside the box in the
/// replaced coordinates: an exact common zero, or for one generator a sign
/// change, among points of a small grid. Only there are a smooth block's
/// poles those of a full neighbourhood; where its zero set meets the box
/// only on a face of a replaced coordinate they are larger. The leaf's
/// `witness`, when it has one, is such a point if it passes the same test.
fn attained_off_faces(
    blocks: &[(&[Poly], Rational)],
    hyperplane_values: &[Rational],
    coords: &[usize],
    domain: &[Interval],
    witness: Option<&Vec<Rational>>,
) -> bool {
    let Some(lambda) = hyperplane_values
        .iter()
        .chain(blocks.iter().map(|(_, v)| v))
        .min()
    else {
        return true;
    };
    if hyperplane_values.contains(lambda) {
        return true;
    }
    let axes: Vec<Vec<Rational>> = domain
        .iter()
        .enumerate()
        .map(|(j, iv)| {
            let at =
                |i: i64, n: i64| &iv.lo + (&iv.hi - &iv.lo) * Rational::new(i.into(), n.into());
            let mut values: Vec<Rational> = if coords.contains(&j) {
                // Strictly inside, near the faces too.
                [(1, 16), (1, 4), (1, 2), (3, 4), (15, 16)]
                    .into_iter()
                    .map(|(i, n)| at(i, n))
                    .collect()
            } else {
                (0..3).map(|i| at(i, 2)).collect()
            };
            if iv.lo < Rational::zero() && Rational::zero() < iv.hi {
                values.push(Rational::zero());
            }
            values.sort();
            values.dedup();
            values
        })
        .collect();
    let total: usize = axes.iter().map(Vec::len).product();
    let stride = (total / 4096).max(1) | 1;
    let points: Vec<Vec<Rational>> = (0..total.min(4096))
        .map(|n| {
            let mut idx = (n * stride) % total;
            axes.iter()
                .map(|a| {
                    let v = a[idx % a.len()].clone();
                    idx /= a.len();
                    v
                })
                .collect()
        })
        .collect();
    // A generator in its replaced coordinate alone may vanish on that
    // coordinate's faces: the box is a half-space in it there. So may one
    // that is a unit times u_j − e, e an end of the interval (a₁·b₁² with
    // b₁ kept from 0, in a thinned ideal): near its zeros it is the
    // coordinate u_j − e, times a unit.
    let all: Vec<&Poly> = blocks.iter().flat_map(|(gens, _)| gens.iter()).collect();
    let hyperplane = |j: usize| {
        let iv = &domain[j];
        all.iter().any(|g| {
            g.degree_in(j) == 1
                && [&iv.lo, &iv.hi].into_iter().any(|e| g.vanishes_on(j, e))
                && nonvanishing(&g.derivative(j), domain)
        })
    };
    let faces: Vec<usize> = coords
        .iter()
        .zip(&all)
        .filter(|(&j, g)| (0..domain.len()).any(|i| i != j && g.depends_on(i)) && !hyperplane(j))
        .map(|(&j, _)| j)
        .collect();
    let inside = |x: &[Rational]| {
        faces
            .iter()
            .all(|&j| domain[j].lo < x[j] && x[j] < domain[j].hi)
            && coords.iter().all(|&j| domain[j].contains(&x[j]))
    };
    blocks.iter().filter(|(_, v)| v == lambda).any(|(gens, _)| {
        let at_witness = witness.is_some_and(|w| {
            w.len() == domain.len()
                && domain.iter().zip(w).all(|(iv, x)| iv.contains(x))
                && inside(w)
                && gens.iter().all(|g| g.eval(w).is_zero())
        });
        let zero = at_witness
            || points.iter().any(|x| {
                let mut x = x.clone();
                solve_replaced(gens, coords, &mut x)
                    && inside(&x)
                    && gens.iter().all(|g| g.eval(&x).is_zero())
            });
        let sign_change = || match gens {
            [g] => {
                let signs: Vec<bool> = points
                    .iter()
                    .map(|x| g.eval(x))
                    .filter(|v| !v.is_zero())
                    .map(|v| v > Rational::zero())
                    .collect();
                signs.contains(&true) && signs.contains(&false)
            }
            _ => false,
        };
        zero || sign_change()
    })
}

/// Sets the replaced coordinates of `x` that the generators determine:
/// repeatedly, a generator that involves exactly one coordinate not yet set,
/// to degree 1 with a non-zero coefficient at `x`, is solved for it. `false`
/// when some coordinate stays unset.
fn solve_replaced(gens: &[Poly], coords: &[usize], x: &mut [Rational]) -> bool {
    let mut unset: Vec<usize> = coords.to_vec();
    while !unset.is_empty() {
        let step = gens.iter().find_map(|g| {
            let open: Vec<usize> = unset.iter().copied().filter(|&j| g.depends_on(j)).collect();
            let [j] = open[..] else { return None };
            if g.degree_in(j) != 1 {
                return None;
            }
            x[j] = Rational::zero();
            let c = g.derivative(j).eval(x);
            (!c.is_zero()).then(|| (j, -g.eval(x) / c))
        });
        let Some((j, value)) = step else {
            return false;
        };
        x[j] = value;
        unset.retain(|&i| i != j);
    }
    true
}

/// Checks one leaf; `Err` says which claim is refuted.
pub fn check_leaf(problem: &Problem, node: &Node, leaf: &Leaf) -> Result<Verified, String> {
    match rederive(problem, node, leaf) {
        Ok(v) => Ok(v),
        Err(Failure::TooLarge(e)) => Ok(Verified::TooLarge(e.to_string())),
        Err(Failure::Refuted(claim)) => Err(claim),
    }
}

/// The prior pulled back through the map `g`, times its Jacobian
/// determinant: φ∘g · det g′.
fn prior_weight(problem: &Problem, map: &[Poly], limits: &Limits) -> Result<Poly, TooLarge> {
    let d = map.first().map_or(0, Poly::nvars);
    let jac: Vec<Vec<Poly>> = map
        .iter()
        .map(|g| (0..d).map(|j| g.derivative(j)).collect())
        .collect();
    let det = crate::poly::determinant(&jac, limits)?;
    problem.prior.compose(map, limits)?.mul(&det, limits)
}

fn rederive(problem: &Problem, node: &Node, leaf: &Leaf) -> Result<Verified, Failure> {
    let limits = Limits::default();
    let chart = &node.chart;
    let d = chart.dim();
    let k_poly = problem.k(&limits)?;
    let weight = prior_weight(problem, &chart.map, &limits)?;
    let unit = divide_exactly(&weight, &chart.h).ok_or("u^h does not divide prior∘g · det g'")?;
    if !nonvanishing(&unit, &chart.domain) {
        return Err("prior∘g · det g' / u^h vanishes on the box".into());
    }
    if let LeafKind::OffFiber = leaf.kind {
        // The point has no preimage in the box when some coordinate of the
        // map stays away from its value there.
        let p = problem
            .point
            .as_ref()
            .ok_or("an off-fiber leaf in a global problem")?;
        let pulled = k_poly.compose(&chart.map, &limits)?;
        divide_exactly(&pulled, &chart.k).ok_or("the monomial part does not divide K∘g")?;
        let away = chart
            .map
            .iter()
            .zip(p)
            .any(|(g, x)| nonvanishing(&g.sub(&Poly::constant(d, x.clone())), &chart.domain));
        return Ok(if away {
            Verified::Fully
        } else {
            Verified::MonomialPart
        });
    }
    // The factors of K, pulled back independently of the engine's own.
    let (constant, factors) = &problem.k_factors;
    let mut product = Poly::constant(problem.dim(), constant.clone());
    for f in factors {
        product = product.mul(&f.expand(&limits)?, &limits)?;
    }
    if product != k_poly {
        return Err("the factor structure of K does not multiply to K".into());
    }
    let zeroable: Vec<bool> = chart.domain.iter().map(Interval::contains_zero).collect();
    let pulled: Vec<Pulled> = factors
        .iter()
        .map(|f| pull_back(f, &chart.map, &zeroable, &limits))
        .collect::<Result<_, _>>()?;
    let mut k = vec![0u32; d];
    for p in &pulled {
        for (ki, ci) in k.iter_mut().zip(&p.content) {
            *ki += p.weight * ci;
        }
    }
    let k_matches = (0..d).all(|i| {
        if zeroable[i] {
            k[i] == chart.k[i]
        } else {
            chart.k[i] == 0
        }
    });
    if !k_matches {
        return Err(Failure::Refuted(format!(
            "the factors' monomial contents give k = {k:?}, not {:?}",
            chart.k
        )));
    }
    // The engine shows the pieces beside a regular zero of a global problem
    // free of zeros by the Newton cover, on the input's generators pulled
    // back through an affine map and away from the origin: re-run for such
    // normal-crossing leaves only (around a zero, which any other leaf has,
    // a cover would spend its budget).
    let cover = problem.point.is_none()
        && matches!(leaf.kind, LeafKind::NormalCrossing)
        && chart.map.iter().all(|m| m.degree() <= 1)
        && !chart.domain.iter().all(Interval::contains_zero);
    let vanishing: Vec<&Pulled> = pulled
        .iter()
        .filter(|p| {
            let covered = || {
                let refs: Vec<&Poly> = p.gens.iter().collect();
                crate::poly::regular::zero_free_by_subdivision(&refs, &chart.domain)
            };
            !(zero_free(&p.gens, &chart.domain, &limits) || cover && covered())
        })
        .collect();
    let mut values: Vec<Rational> = (0..d)
        .filter(|&i| zeroable[i] && chart.k[i] > 0)
        .map(|i| Rational::new((chart.h[i] + 1).into(), chart.k[i].into()))
        .collect();
    if let Some(p) = &problem.point {
        // A local pole counts only the hyperplanes that meet the fiber over
        // p (the common zeros of map − p); a factor that vanishes in the box
        // but nowhere on the fiber does not count.
        let fiber: Vec<Poly> = chart
            .map
            .iter()
            .zip(p)
            .map(|(g, x)| g.sub(&Poly::constant(d, x.clone())))
            .collect();
        let off_fiber = |f: &&Pulled| {
            let mut gens = f.gens.clone();
            gens.extend(fiber.iter().cloned());
            zero_free(&gens, &chart.domain, &limits)
        };
        // After a shear the box may stick out of the chart's share of the
        // neighbourhood; a fiber point there stands for p's neighbourhood
        // only when p is inside the domain.
        let interior = problem
            .domain
            .iter()
            .zip(p)
            .all(|(iv, x)| iv.lo < *x && *x < iv.hi);
        if chart.sheared && !interior && leaf.attained {
            return Ok(Verified::MonomialPart);
        }
        if let LeafKind::Toric { smooth, coords } = &leaf.kind {
            return check_toric(chart, leaf, &vanishing, smooth, coords, &zeroable, Some(p));
        }
        if let LeafKind::Smooth { coords, .. } = &leaf.kind {
            let meeting: Vec<&Pulled> = vanishing
                .iter()
                .copied()
                .filter(|f| !off_fiber(f))
                .collect();
            let planes: Vec<(usize, Rational)> = (0..d)
                .filter(|&i| zeroable[i] && chart.k[i] > 0)
                .filter(|&i| face_in_fiber(chart, p, &[i]) != Some(false))
                .map(|i| (i, Rational::new((chart.h[i] + 1).into(), chart.k[i].into())))
                .collect();
            let values = planes.iter().map(|(_, v)| v.clone()).collect();
            let attained = |blocks: &[(&[Poly], Rational)], values: &[Rational]| {
                attained_on_fiber(chart, p, leaf, coords, &planes, blocks, values)
            };
            return check_smooth(chart, leaf, &meeting, values, coords, &attained);
        }
        if !vanishing.iter().all(off_fiber) {
            return Ok(Verified::MonomialPart);
        }
        return local_normal_crossing(chart, p, leaf);
    }
    if let Some(pole) = leaf.attained_pole() {
        if !maps_into_domain(chart, &problem.domain) {
            let w = leaf.witness.as_ref().ok_or(
                "a pole claimed attained where the box sticks out of the domain, without a witness",
            )?;
            check_witness(problem, chart, leaf, pole, w, &vanishing)?;
        }
    }
    match &leaf.kind {
        LeafKind::OffFiber => unreachable!("handled above"),
        LeafKind::OffStratum { .. } => {
            Err("a leaf off the rank bound's stratum is checked against the tree's bound".into())
        }
        LeafKind::NormalCrossing => {
            if !vanishing.is_empty() {
                // Not refuted: the engine certified it factor by factor; the
                // checker's own budget did not suffice.
                return Ok(Verified::MonomialPart);
            }
            values.sort();
            let lambda = values.first().cloned();
            let order = values
                .iter()
                .filter(|v| Some(*v) == lambda.as_ref())
                .count();
            if leaf.leading.as_ref().map(|p| (p.lambda.clone(), p.order))
                != lambda.map(|l| (l, order))
            {
                return Err("the pole differs from the one read off k and h".into());
            }
            Ok(Verified::Fully)
        }
        LeafKind::Toric { smooth, coords } => {
            check_toric(chart, leaf, &vanishing, smooth, coords, &zeroable, None)
        }
        LeafKind::Transversal { .. } => {
            if vanishing.iter().any(|p| p.gens.len() != 1) {
                return Ok(Verified::MonomialPart);
            }
            let gens: Vec<&Poly> = vanishing.iter().map(|p| &p.gens[0]).collect();
            if !crossing_normally(chart, &gens, &limits) {
                return Ok(Verified::MonomialPart);
            }
            let all: Vec<usize> = (0..d).collect();
            let blocks: Vec<(&[Poly], Rational)> = vanishing
                .iter()
                .map(|p| (&p.gens[..], p.value.clone()))
                .collect();
            if leaf.attained && !attained_off_faces(&blocks, &values, &all, &chart.domain, None) {
                return Ok(Verified::MonomialPart);
            }
            values.extend(vanishing.iter().map(|p| p.value.clone()));
            compare_pole(leaf, &values)
        }
        LeafKind::Smooth { coords, .. } => {
            let attained = |blocks: &[(&[Poly], Rational)], values: &[Rational]| {
                attained_off_faces(blocks, values, coords, &chart.domain, leaf.witness.as_ref())
            };
            check_smooth(chart, leaf, &vanishing, values, coords, &attained)
        }
    }
}

/// Whether a block attaining the smallest value (of the blocks, each with
/// its value, and of the hyperplanes' values) is present where its poles
/// are those of a full neighbourhood.
type Attained<'a> = dyn Fn(&[(&[Poly], Rational)], &[Rational]) -> bool + 'a;

/// A smooth leaf re-derived from the pulled-back factors that vanish: their
/// generators (units divided out) are coordinates in place of `coords`, and
/// the pole is the smallest of `values` (the hyperplanes') and the blocks'.
/// `attained` decides whether some block attaining the smallest value is
/// present where its poles are those of a full neighbourhood.
fn check_smooth(
    chart: &crate::resolve::Chart,
    leaf: &Leaf,
    vanishing: &[&Pulled],
    mut values: Vec<Rational>,
    coords: &[usize],
    attained: &Attained,
) -> Result<Verified, Failure> {
    let limits = Limits::default();
    let units: &[crate::resolve::unit::Unit] = match &leaf.kind {
        LeafKind::Smooth { units, .. } => units,
        _ => &[],
    };
    // Units speak of the zero set of one block's generators: with several
    // blocks, each vanishes on its own.
    if !units.is_empty() {
        // (The engine saw one block vanish; where the checker cannot rule
        // out another, it does not decide.)
        let [only] = vanishing else {
            return Ok(Verified::MonomialPart);
        };
        // The engine's cofactors are those of its own generators (the
        // chart's, recombined to fewer terms); where they do not serve
        // these, re-derived from the pull-back, a certificate is sought
        // for these and expanded. Not finding one refutes nothing.
        let gens: Vec<&Poly> = only.gens.iter().collect();
        let certified = |u: &crate::resolve::unit::Unit| {
            unit_holds(&gens, u, &limits)
                || crate::resolve::unit::search(&only.gens, &u.factor, UNIT_UNKNOWNS)
                    .is_some_and(|mine| unit_holds(&gens, &mine, &limits))
        };
        if !units.iter().all(certified) {
            return Ok(Verified::MonomialPart);
        }
    }
    let d = chart.dim();
    let is_unit = |j: usize| units.iter().any(|u| u.factor == Poly::var(d, j));
    // A replaced coordinate may carry a monomial only where no
    // vanishing block meets its hyperplane: then near the blocks'
    // zeros it is a unit.
    for &j in coords {
        if chart.k[j] != 0 || chart.h[j] != 0 {
            let face = face_of(&chart.domain, j);
            let avoided = chart.domain[j].contains_zero()
                && (is_unit(j)
                    || vanishing.iter().all(|p| {
                        let on: Vec<Poly> = p.gens.iter().map(|g| g.restrict_zero(&[j])).collect();
                        zero_free(&on, &face, &limits)
                    }));
            if !avoided {
                return Err(
                    "a replaced coordinate carries a monomial and its hyperplane meets the blocks"
                        .into(),
                );
            }
        }
    }
    // A monomial in coordinates kept away from 0 is a unit on the
    // box: dividing it out leaves the zero set alone and multiplies
    // the Jacobian at common zeros by an invertible diagonal matrix.
    let gens: Vec<Poly> = vanishing
        .iter()
        .flat_map(|p| p.gens.iter())
        .map(|g| {
            let mut unit = g.monomial_content();
            for (e, iv) in unit.iter_mut().zip(&chart.domain) {
                if iv.contains_zero() {
                    *e = 0;
                }
            }
            g.div_monomial(&unit)
        })
        .collect();
    if gens.len() > coords.len() {
        // More generators than coordinates: a thinned ideal.
        let [only] = vanishing else {
            return Ok(Verified::MonomialPart);
        };
        if only.weight != 2 || !thins_to_coordinates(&gens, coords, &chart.domain, &limits) {
            return Ok(Verified::MonomialPart);
        }
        let value = smooth_value(only, 1, coords);
        if leaf.attained && !attained(&[(&gens, value.clone())], &values) {
            return Ok(Verified::MonomialPart);
        }
        values.push(value);
        return compare_pole(leaf, &values);
    }
    let gens: Vec<&Poly> = gens.iter().collect();
    if gens.len() != coords.len() {
        return Ok(Verified::MonomialPart);
    }
    // The generators are coordinates near their common zeros when the
    // Jacobian determinant has no zero there: Σ g² + det² > 0 on the box.
    let jac: Vec<Vec<Poly>> = gens
        .iter()
        .map(|g| coords.iter().map(|&j| g.derivative(j)).collect())
        .collect();
    // Where the determinant may vanish, it must not where the
    // generators do; with several blocks each vanishes on its own
    // too, so that only holds for one. Near a regular point the
    // perturbation bound proves the matrix invertible without it.
    if !crate::poly::regular::invertible_on_box(&jac, &chart.domain) {
        // A unit vanishes nowhere on the zero set: without it, the
        // determinant vanishes there where it did.
        let det = divide_out_units(crate::poly::determinant(&jac, &limits)?, units);
        if !nonvanishing(&det, &chart.domain)
            && (vanishing.len() > 1 || !no_zero_with(&gens, &det, &jac, &chart.domain))
        {
            if vanishing.len() > 1 {
                return Ok(Verified::MonomialPart);
            }
            let mut s = det.mul(&det, &limits)?;
            for g in &gens {
                s = s.add(&g.mul(g, &limits)?);
            }
            if !matches!(sign_on_box(&s, &chart.domain, BUDGET), BoxSign::Positive(_)) {
                return Ok(Verified::MonomialPart);
            }
        }
    }
    let owned: Vec<Poly> = gens.iter().map(|g| (*g).clone()).collect();
    let mut blocks: Vec<(&[Poly], Rational)> = Vec::new();
    let mut at = 0;
    for p in vanishing {
        blocks.push((&owned[at..at + p.gens.len()], p.value.clone()));
        at += p.gens.len();
    }
    if leaf.attained && !attained(&blocks, &values) {
        return Ok(Verified::MonomialPart);
    }
    values.extend(vanishing.iter().map(|p| p.value.clone()));
    compare_pole(leaf, &values)
}

/// The value of a block of a smooth leaf with `blocks` blocks replacing
/// `coords`: half the coordinates when it is the only block and has more
/// generators than they are (a thinned ideal, see `check_smooth`, which
/// verifies the thinning), else the block's own value.
fn smooth_value(p: &Pulled, blocks: usize, coords: &[usize]) -> Rational {
    if blocks == 1 && p.weight == 2 && p.gens.len() > coords.len() {
        Rational::new((coords.len() as u32).into(), 2.into())
    } else {
        p.value.clone()
    }
}

/// Whether the map provably sends the whole box into the domain: by
/// interval arithmetic over the terms (exact for the monomial maps of
/// blow-ups, translated and scaled), else by Bernstein bounds on a few
/// halvings of the box when few coordinates are involved (their cost grows
/// with the dimension). A blow-up after a translation composes into
/// differences of monomials (z = 2x⁷yz¹⁰ − x⁶yz⁸) whose terms' ranges add up
/// past the domain although the map does not leave it.
fn maps_into_domain(chart: &crate::resolve::Chart, domain: &[Interval]) -> bool {
    chart.map.iter().zip(domain).all(|(g, iv)| {
        let (lo, hi) = crate::poly::contract::term_range(g, &chart.domain);
        iv.lo <= lo && hi <= iv.hi
            || (0..g.nvars()).filter(|&j| g.depends_on(j)).count() <= 8
                && crate::poly::bernstein::within(g, &chart.domain, &iv.lo, &iv.hi, 64)
    })
}

/// The witness of an attained pole in a chart that sticks out of the
/// domain: in the box, sent strictly inside the domain, a zero of K∘g, and
/// where enough of the pole's components meet (see the module's doc).
fn check_witness(
    problem: &Problem,
    chart: &crate::resolve::Chart,
    leaf: &Leaf,
    pole: &crate::residue::Pole,
    w: &[Rational],
    vanishing: &[&Pulled],
) -> Result<(), Failure> {
    let d = chart.dim();
    let in_box = w.len() == d && chart.domain.iter().zip(w).all(|(iv, x)| iv.contains(x));
    let image: Vec<Rational> = chart.map.iter().map(|g| g.eval(w)).collect();
    let inside = image
        .iter()
        .zip(&problem.domain)
        .all(|(x, iv)| iv.lo < *x && *x < iv.hi);
    if !in_box || !inside {
        return Err("the witness of an attained pole is not in the box, or not sent strictly inside the domain".into());
    }
    let strictly = |coords: &[usize]| {
        coords
            .iter()
            .all(|&j| chart.domain[j].lo < w[j] && w[j] < chart.domain[j].hi)
    };
    let zero = |p: &Pulled| p.gens.iter().all(|g| g.eval(w).is_zero());
    let hyperplanes = (0..d)
        .filter(|&i| {
            chart.k[i] > 0
                && chart.domain[i].contains_zero()
                && w[i].is_zero()
                && Rational::new((chart.h[i] + 1).into(), chart.k[i].into()) == pole.lambda
        })
        .count();
    let met = match &leaf.kind {
        LeafKind::NormalCrossing => hyperplanes >= pole.order,
        LeafKind::Smooth { coords, .. } => {
            let blocks = vanishing
                .iter()
                .filter(|p| smooth_value(p, vanishing.len(), coords) == pole.lambda && zero(p))
                .count();
            // Where no block is needed, the blocks are units near w and the
            // box there is a product of intervals in the chart's own
            // coordinates, faces of replaced coordinates or not.
            hyperplanes >= pole.order || strictly(coords) && hyperplanes + blocks >= pole.order
        }
        LeafKind::Toric { coords, .. } => {
            // The coordinates of the monomials: those of k and h, and those
            // dividing a generator.
            let mut monomial: Vec<bool> =
                (0..d).map(|i| chart.k[i] > 0 || chart.h[i] > 0).collect();
            for g in vanishing.iter().flat_map(|p| &p.gens) {
                for (m, e) in monomial.iter_mut().zip(g.monomial_content()) {
                    *m |= e > 0;
                }
            }
            strictly(coords)
                && vanishing.iter().all(|p| zero(p))
                && (0..d)
                    .all(|i| !chart.domain[i].contains_zero() || !monomial[i] || w[i].is_zero())
        }
        LeafKind::Transversal { .. } => {
            let blocks = vanishing
                .iter()
                .filter(|p| p.value == pole.lambda && zero(p))
                .count();
            let off: Vec<usize> = (0..d)
                .filter(|&i| !(w[i].is_zero() && (chart.k[i] > 0 || chart.h[i] > 0)))
                .collect();
            strictly(&off) && hyperplanes + blocks >= pole.order
        }
        LeafKind::OffFiber | LeafKind::OffStratum { .. } => false,
    };
    if met {
        Ok(())
    } else {
        Err("the pole's components do not meet at the witness as its order needs".into())
    }
}

/// The monomial `u^m` common to generators of a sum of squares, when it
/// alone generates their ideal: their quotients by it have no common zero
/// on the box, so near every point one quotient is a unit. Then the other
/// generators' terms may be read with `u^m` among the monomial ones (its
/// multiples, the generators themselves, stay in the ideal).
fn principal(
    gens: &[Poly],
    content: impl Fn(&Poly) -> Vec<u32>,
    domain: &[Interval],
    limits: &Limits,
) -> Option<Vec<u32>> {
    let m: Vec<u32> = gens
        .iter()
        .map(content)
        .reduce(|a, b| a.iter().zip(&b).map(|(x, y)| *x.min(y)).collect())?;
    let quotients: Vec<Poly> = gens.iter().map(|g| g.div_monomial(&m)).collect();
    zero_free(&quotients, domain, limits).then_some(m)
}

/// A toric leaf re-derived from the pulled-back factors: each vanishing
/// generator a monomial times a unit times one of the leaf's smooth
/// polynomials (else the engine changed the ideal, which is not re-derived
/// here); their Jacobian in the named coordinates free of zeros; the pole
/// from the Newton polyhedron in the coordinates (monomial ones, smooth
/// ones); and for an attained pole, the point where all those vanish,
/// strictly inside in the replaced coordinates.
fn check_toric(
    chart: &crate::resolve::Chart,
    leaf: &Leaf,
    vanishing: &[&Pulled],
    smooth: &[Poly],
    coords: &[usize],
    zeroable: &[bool],
    point: Option<&[Rational]>,
) -> Result<Verified, Failure> {
    let limits = Limits::default();
    let d = chart.dim();
    if coords.len() != smooth.len() {
        return Err("a toric leaf names one coordinate per smooth polynomial".into());
    }
    for &j in coords {
        if chart.k[j] != 0 || chart.h[j] != 0 {
            return Err("a replaced coordinate carries a monomial".into());
        }
    }
    // Each generator as (content, index of its smooth polynomial).
    let lead = |p: &Poly| p.terms().next().map(|(_, c)| c.clone()).unwrap_or_default();
    // Per factor: its weight and, per generator, (content, smooth index).
    type Read = (u32, Vec<(Vec<u32>, Option<usize>)>);
    let project = |g: &Poly| -> Vec<u32> {
        let mut content = g.monomial_content();
        for (c, z) in content.iter_mut().zip(zeroable) {
            if !z {
                *c = 0;
            }
        }
        content
    };
    let mut factors: Vec<Read> = Vec::new();
    for p in vanishing {
        let mut terms = Vec::new();
        // Generators that are neither a monomial times a unit nor a smooth
        // polynomial: the replaced coordinates eliminated from them, then
        // each must be dominated by the monomial ones.
        let mut others: Vec<Poly> = Vec::new();
        // Those that are a monomial times a unit, and those that none of
        // the rules below reads: together they may generate their common
        // monomial alone (`principal`).
        let mut units: Vec<Poly> = Vec::new();
        let mut unread: Vec<Poly> = Vec::new();
        // The generators that are a monomial times a unit reduce the terms
        // of the others that their monomial divides: t = (t/(u^α·c))·(u^α·c)
        // lies in the ideal, 1/c being analytic on the box.
        let unit_monomials: Vec<Vec<u32>> = p
            .gens
            .iter()
            .filter_map(|g| {
                let content = project(g);
                let rest = g.div_monomial(&content);
                let unit = rest.degree() == 0 || nonvanishing(&rest, &chart.domain);
                (unit && !coords.iter().any(|&j| content[j] > 0)).then_some(content)
            })
            .collect();
        let divisible = |e: &crate::poly::Exponent| {
            unit_monomials
                .iter()
                .any(|m| e.iter().zip(m).all(|(a, b)| a >= b))
        };
        let matches = |rest: &Poly| {
            smooth
                .iter()
                .position(|s| rest.scale(&lead(s)) == s.scale(&lead(rest)))
        };
        for g in &p.gens {
            let content = project(g);
            if coords.iter().any(|&j| content[j] > 0) {
                // A replaced coordinate in a monomial: eliminated below.
                others.push(g.clone());
                continue;
            }
            let rest = g.div_monomial(&content);
            let s = if rest.degree() == 0 || nonvanishing(&rest, &chart.domain) {
                units.push(g.clone());
                None
            } else {
                let reduced = || {
                    let r = g.filter_terms(|e| !divisible(e));
                    let c = project(&r);
                    (!r.is_zero()).then(|| (c.clone(), r.div_monomial(&c)))
                };
                match matches(&rest) {
                    Some(i) => Some(i),
                    None => match reduced().and_then(|(c, r)| Some((c, matches(&r)?))) {
                        Some((c, i)) => {
                            terms.push((c, Some(i)));
                            continue;
                        }
                        None => {
                            others.push(g.clone());
                            continue;
                        }
                    },
                }
            };
            terms.push((content, s));
        }
        // Only a smooth polynomial that is itself in the ideal may
        // eliminate: from ⟨x·y, y⟩ with y smooth, substituting y = 0 would
        // leave ⟨x·y⟩, a smaller ideal. A monomial common to every
        // generator (an exceptional divisor) factors out of the ideal,
        // ⟨m·g_1, …, m·g_k⟩ = m·⟨g_1, …, g_k⟩, so a smooth polynomial
        // matched with exactly that monomial in front is usable.
        let common: Vec<u32> = p
            .gens
            .iter()
            .map(project)
            .reduce(|a, b| a.iter().zip(&b).map(|(x, y)| *x.min(y)).collect())
            .unwrap_or_else(|| vec![0; d]);
        let usable: Vec<bool> = (0..smooth.len())
            .map(|i| terms.iter().any(|(c, s)| *s == Some(i) && *c == common))
            .collect();
        for h in others {
            let Some(h) = eliminate_replaced(&h, smooth, &usable, coords, &chart.domain, &limits)
            else {
                return Ok(Verified::MonomialPart);
            };
            if h.is_zero() {
                continue;
            }
            let content = project(&h);
            let rest = h.div_monomial(&content);
            if rest.degree() == 0 || nonvanishing(&rest, &chart.domain) {
                terms.push((content, None));
                units.push(h);
            } else if let Some(i) =
                matches(&rest).filter(|_| !coords.iter().any(|&j| content[j] > 0))
            {
                // What the elimination leaves may be a monomial times a
                // smooth polynomial (the pair interaction of a Boltzmann
                // machine once another pair's coordinate is eliminated).
                terms.push((content, Some(i)));
            } else if p.weight == 2 && dominated(&h, &terms, zeroable) {
                // |h| ≤ C·Σ|u^α| over the monomial generators: dropping it
                // changes the sum of squares by a bounded factor.
            } else if p.weight == 2 {
                unread.push(h);
            } else {
                return Ok(Verified::MonomialPart);
            }
        }
        if !unread.is_empty() {
            units.extend(unread);
            match principal(&units, project, &chart.domain, &limits) {
                Some(m) => terms.push((m, None)),
                None => return Ok(Verified::MonomialPart),
            }
        }
        factors.push((p.weight, terms));
    }
    // Each smooth polynomial must be a generator as pulled back (times a
    // monomial and a unit): one met only after elimination, or only by the
    // engine's own simplification, is not re-derived here.
    let matched = |i: usize| {
        factors
            .iter()
            .any(|(_, terms)| terms.iter().any(|(_, s)| *s == Some(i)))
    };
    if !(0..smooth.len()).all(matched) {
        return Ok(Verified::MonomialPart);
    }
    let mut monomial: Vec<usize> = (0..d)
        .filter(|&i| zeroable[i] && (chart.k[i] > 0 || chart.h[i] > 0))
        .collect();
    for (_, terms) in &factors {
        for (c, _) in terms {
            monomial.extend((0..d).filter(|&i| c[i] > 0));
        }
    }
    monomial.sort_unstable();
    monomial.dedup();
    if coords.iter().any(|j| monomial.contains(j)) {
        // The engine's ideal was simplified by pivots (`u·c + r` eliminating
        // `u` from the other generators, see `Chart::simplify_ideals`), which
        // are not re-derived here: in the factors as pulled back, the
        // replaced coordinate still divides a generator (r15·r56·r36 where the
        // engine has r56·r36/3 after pivoting on r15·r25 − 1/3). Not refuted,
        // not verified.
        return Ok(Verified::MonomialPart);
    }
    if !smooth.is_empty() {
        let jacobian: Vec<Vec<Poly>> = smooth
            .iter()
            .map(|s| coords.iter().map(|&j| s.derivative(j)).collect())
            .collect();
        if !crate::poly::regular::invertible_on_box(&jacobian, &chart.domain)
            && !nonvanishing(
                &crate::poly::determinant(&jacobian, &limits)?,
                &chart.domain,
            )
        {
            return Ok(Verified::MonomialPart);
        }
    }
    // The pole where the coordinates `zero` of the monomials and every
    // smooth polynomial vanish: the Newton polyhedron in (those
    // coordinates, smooth polynomials); None where the ideal is the unit one.
    let pole_where = |zero: &[usize]| -> Option<(Rational, usize)> {
        let dim = zero.len() + smooth.len();
        if dim == 0 {
            return None;
        }
        let mut base: Vec<u32> = zero.iter().map(|&i| chart.k[i]).collect();
        base.resize(dim, 0);
        let mut polyhedron = crate::newton::NewtonPolyhedron::from_support(dim, vec![base]);
        for (weight, terms) in &factors {
            let points: Vec<Vec<u32>> = terms
                .iter()
                .map(|(c, s)| {
                    let mut p: Vec<u32> = zero.iter().map(|&i| weight * c[i]).collect();
                    p.extend((0..smooth.len()).map(|k| if *s == Some(k) { *weight } else { 0 }));
                    p
                })
                .collect();
            polyhedron = polyhedron.times(&points);
        }
        let weights: Vec<Rational> = zero
            .iter()
            .map(|&i| Rational::from_integer((chart.h[i] + 1).into()))
            .chain(smooth.iter().map(|_| Rational::from_integer(1.into())))
            .collect();
        let distance = polyhedron.distance(&weights);
        (distance.t0 > Rational::zero()).then(|| {
            (
                Rational::from_integer(1.into()) / distance.t0,
                distance.codim,
            )
        })
    };
    let claim = leaf.leading.as_ref().map(|p| (p.lambda.clone(), p.order));
    if let Some(p) = point {
        return local_toric(chart, leaf, p, smooth, coords, &monomial, claim, pole_where);
    }
    if claim.is_none() || claim != pole_where(&monomial) {
        return Err("the pole differs from the Newton polyhedron of the monomial ideal".into());
    }
    if !leaf.attained || smooth.is_empty() {
        return Ok(Verified::Fully);
    }
    // The witness: monomial coordinates at 0, the smooth polynomials solved
    // for the replaced coordinates, one at a time or as a linear system.
    let others: Vec<usize> = (0..d)
        .filter(|i| !monomial.contains(i) && !coords.contains(i))
        .collect();
    let axes: Vec<Vec<Rational>> = others
        .iter()
        .map(|&i| {
            let iv = &chart.domain[i];
            let mut v = vec![
                iv.lo.clone(),
                (&iv.lo + &iv.hi) / Rational::from_integer(2.into()),
                iv.hi.clone(),
            ];
            if iv.contains_zero() {
                v.push(Rational::zero());
            }
            v.sort();
            v.dedup();
            v
        })
        .collect();
    let total: usize = axes.iter().map(Vec::len).product::<usize>().min(4096);
    let inside = |x: &[Rational]| {
        coords
            .iter()
            .all(|&j| chart.domain[j].lo < x[j] && x[j] < chart.domain[j].hi)
    };
    let found = (0..total).any(|n| {
        let mut x = vec![Rational::zero(); d];
        let mut idx = n;
        for (&i, a) in others.iter().zip(&axes) {
            x[i] = a[idx % a.len()].clone();
            idx /= a.len();
        }
        let sequential = {
            let mut y = x.clone();
            solve_replaced(smooth, coords, &mut y).then_some(y)
        };
        let linear = || {
            let a: Vec<Vec<Rational>> = smooth
                .iter()
                .map(|s| coords.iter().map(|&j| s.derivative(j).eval(&x)).collect())
                .collect();
            let b: Vec<Rational> = smooth.iter().map(|s| -s.eval(&x)).collect();
            crate::poly::solve_unique(a, b).map(|v| {
                let mut y = x.clone();
                for (&j, value) in coords.iter().zip(v) {
                    y[j] = value;
                }
                y
            })
        };
        sequential
            .into_iter()
            .chain(linear())
            .any(|y| inside(&y) && smooth.iter().all(|s| s.eval(&y).is_zero()))
    });
    Ok(if found {
        Verified::Fully
    } else {
        Verified::MonomialPart
    })
}

/// `h` on the zero sets of the smooth polynomials: each replaced
/// coordinate `u_j` whose polynomial is `c·u_j + r` (degree 1, `c` with no
/// zero on the box) substituted, `c^n·h(u_j = −r/c)`; `h` and the result
/// differ by a multiple of that polynomial with analytic coefficients, so
/// with the smooth polynomials they generate the same ideal. Only those
/// marked `usable` (generators of the ideal themselves) serve; the other
/// replaced coordinates stay. `None` when a usable polynomial is not of
/// that form (or on a size limit).
fn eliminate_replaced(
    h: &Poly,
    smooth: &[Poly],
    usable: &[bool],
    coords: &[usize],
    domain: &[Interval],
    limits: &Limits,
) -> Option<Poly> {
    let mut h = h.clone();
    for ((s, &j), &ok) in smooth.iter().zip(coords).zip(usable) {
        if !h.depends_on(j) || !ok {
            continue;
        }
        let c = s.derivative(j);
        if s.degree_in(j) != 1 || !nonvanishing(&c, domain) {
            return None;
        }
        let m = Poly::var(s.nvars(), j).mul(&c, limits).ok()?.sub(s);
        h = substitute(&h, j, &m, &c, limits)?;
    }
    Some(h)
}

/// Whether every term of `h` lies in the Newton polyhedron of the monomial
/// generators among `terms` (those that are a monomial times a unit), in
/// the coordinates that reach 0: then |h| ≤ C·Σ |u^α| on the box.
fn dominated(h: &Poly, terms: &[(Vec<u32>, Option<usize>)], zeroable: &[bool]) -> bool {
    let support: Vec<Vec<u32>> = terms
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(c, _)| c.clone())
        .collect();
    if support.is_empty() {
        return false;
    }
    let polyhedron = crate::newton::NewtonPolyhedron::from_support(zeroable.len(), support);
    h.terms().all(|(e, _)| {
        let e: Vec<u32> = e
            .iter()
            .zip(zeroable)
            .map(|(&x, &z)| if z { x } else { 0 })
            .collect();
        polyhedron.contains(&e)
    })
}

/// The pole of a toric leaf of a local problem. Over the point `p`, only the
/// coordinates of the monomials whose hyperplane may meet the fiber can
/// vanish: with every smooth polynomial, their Newton polyhedron bounds the
/// pole at every point of the fiber from below (the others are projections
/// of it). The leaf's witness, a point of the fiber where the smooth
/// polynomials vanish, bounds it from above by the polyhedron of the
/// coordinates that vanish there. Equal bounds certify the pole.
#[allow(clippy::too_many_arguments)]
fn local_toric(
    chart: &crate::resolve::Chart,
    leaf: &Leaf,
    p: &[Rational],
    smooth: &[Poly],
    coords: &[usize],
    monomial: &[usize],
    claim: Option<(Rational, usize)>,
    pole_where: impl Fn(&[usize]) -> Option<(Rational, usize)>,
) -> Result<Verified, Failure> {
    let meeting: Vec<usize> = monomial
        .iter()
        .copied()
        .filter(|&i| face_in_fiber(chart, p, &[i]) != Some(false))
        .collect();
    let below = pole_where(&meeting);
    let Some((lambda, order)) = claim else {
        // Nothing vanishes near the fiber: certified when even the deepest
        // point the fiber may reach is a unit.
        return Ok(if below.is_none() {
            Verified::Fully
        } else {
            Verified::MonomialPart
        });
    };
    let Some((low, low_order)) = below else {
        return Err("a pole claimed where K is a unit near the fiber".into());
    };
    if !leaf.attained {
        // A lower bound: certified when no larger than the checker's.
        let holds = lambda < low || (lambda == low && order >= low_order);
        return Ok(if holds {
            Verified::Fully
        } else {
            Verified::MonomialPart
        });
    }
    if low > lambda {
        return Err("the claimed local pole is below the Newton polyhedron's bound".into());
    }
    let Some(w) = &leaf.witness else {
        return Ok(Verified::MonomialPart);
    };
    if !on_fiber_inside(chart, p, w, coords) || !smooth.iter().all(|s| s.eval(w).is_zero()) {
        return Err("the witness of a local toric pole is not a zero of the smooth polynomials on the fiber".into());
    }
    let zero: Vec<usize> = monomial
        .iter()
        .copied()
        .filter(|&i| w[i].is_zero())
        .collect();
    if pole_where(&zero) != Some((lambda.clone(), order)) {
        return Err("the pole at the witness differs from the claimed one".into());
    }
    Ok(if (low, low_order) == (lambda, order) {
        Verified::Fully
    } else {
        Verified::MonomialPart
    })
}

/// Whether the hypersurfaces `g = 0` and the hyperplanes of the
/// coordinates carrying a monomial cross normally everywhere on the box:
/// for every set of the `g` and every face `u_J = 0` of those hyperplanes,
/// the `g` restricted to the face have no common zero where all maximal
/// minors of their Jacobian in the face's coordinates vanish (none at all
/// when they outnumber those coordinates, or contain the face).
fn crossing_normally(chart: &crate::resolve::Chart, gens: &[&Poly], limits: &Limits) -> bool {
    let d = chart.dim();
    let planes: Vec<usize> = (0..d)
        .filter(|&j| chart.domain[j].contains_zero() && (chart.k[j] > 0 || chart.h[j] > 0))
        .collect();
    if gens.len() > 8 || planes.len() > 8 {
        return false;
    }
    for s in 1u32..(1 << gens.len()) {
        let chosen: Vec<&Poly> = (0..gens.len())
            .filter(|i| s >> i & 1 == 1)
            .map(|i| gens[i])
            .collect();
        for t in 0u32..(1 << planes.len()) {
            crate::budget::checkpoint();
            let zero: Vec<usize> = (0..planes.len())
                .filter(|i| t >> i & 1 == 1)
                .map(|i| planes[i])
                .collect();
            let mut face = chart.domain.clone();
            for &j in &zero {
                face = face_of(&face, j);
            }
            let on: Vec<Poly> = chosen.iter().map(|g| g.restrict_zero(&zero)).collect();
            if on.iter().any(Poly::is_zero) {
                return false;
            }
            let free: Vec<usize> = (0..d)
                .filter(|i| !zero.contains(i) && on.iter().any(|g| g.depends_on(*i)))
                .collect();
            let mut system = on.clone();
            // Maximal minors: every choice of as many face coordinates.
            let mut choice: Vec<usize> = (0..on.len()).collect();
            while on.len() <= free.len() {
                let jac: Vec<Vec<Poly>> = on
                    .iter()
                    .map(|g| choice.iter().map(|&c| g.derivative(free[c])).collect())
                    .collect();
                match crate::poly::determinant(&jac, limits) {
                    Ok(m) if !m.is_zero() => system.push(m),
                    Ok(_) => {}
                    Err(_) => return false,
                }
                // The next choice in lexicographic order.
                let k = on.len();
                let Some(i) = (0..k).rev().find(|&i| choice[i] < free.len() - k + i) else {
                    break;
                };
                choice[i] += 1;
                for j in i + 1..k {
                    choice[j] = choice[j - 1] + 1;
                }
            }
            if !zero_free(&system, &face, limits) {
                return false;
            }
        }
    }
    true
}

/// The face `{u_j = 0}` of the box.
fn face_of(domain: &[Interval], j: usize) -> Vec<Interval> {
    let mut face = domain.to_vec();
    face[j] = Interval {
        lo: Rational::zero(),
        hi: Rational::zero(),
    };
    face
}

/// The leaf's pole against the smallest value read off k, h and the blocks.
fn compare_pole(leaf: &Leaf, values: &[Rational]) -> Result<Verified, Failure> {
    let lambda = values.iter().min().cloned();
    if !leaf.attained {
        // A lower bound claims only λ ≥ its value: where the checker finds
        // fewer zeros than the engine could rule out, the bound is weaker
        // than need be, not wrong.
        let holds = match (&leaf.leading, &lambda) {
            (Some(p), Some(l)) => p.lambda <= *l,
            (Some(_), None) | (None, None) => true,
            (None, Some(_)) => false,
        };
        return if holds {
            Ok(Verified::Fully)
        } else {
            Err("the lower bound exceeds the pole read off k, h and the smooth blocks".into())
        };
    }
    if leaf.leading.as_ref().map(|p| p.lambda.clone()) != lambda {
        return Err(
            "the pole value differs from the one read off k, h and the smooth blocks".into(),
        );
    }
    Ok(Verified::Fully)
}

/// Whether `w` is a point of the box on the fiber over `p` (the map sends it
/// exactly there), strictly inside in the coordinates `coords`.
fn on_fiber_inside(
    chart: &crate::resolve::Chart,
    p: &[Rational],
    w: &[Rational],
    coords: &[usize],
) -> bool {
    w.len() == chart.dim()
        && chart.domain.iter().zip(w).all(|(iv, x)| iv.contains(x))
        && chart.map.iter().zip(p).all(|(g, x)| g.eval(w) == *x)
        && coords
            .iter()
            .all(|&j| chart.domain[j].lo < w[j] && w[j] < chart.domain[j].hi)
}

/// For a smooth leaf of a local problem: whether a component attaining the
/// smallest value is present on the fiber over `p`, where its poles are
/// those of a full neighbourhood: a hyperplane whose face lies in the
/// fiber, or, at the leaf's witness (a point of the fiber strictly inside
/// the box in the replaced coordinates), a hyperplane or a block that
/// vanishes there.
fn attained_on_fiber(
    chart: &crate::resolve::Chart,
    p: &[Rational],
    leaf: &Leaf,
    coords: &[usize],
    planes: &[(usize, Rational)],
    blocks: &[(&[Poly], Rational)],
    values: &[Rational],
) -> bool {
    let Some(lambda) = values.iter().chain(blocks.iter().map(|(_, v)| v)).min() else {
        return true;
    };
    let attaining = || planes.iter().filter(|(_, v)| v == lambda).map(|(i, _)| *i);
    if attaining().any(|i| face_in_fiber(chart, p, &[i]) == Some(true)) {
        return true;
    }
    let Some(w) = &leaf.witness else {
        return false;
    };
    on_fiber_inside(chart, p, w, coords)
        && (attaining().any(|i| w[i].is_zero())
            || blocks
                .iter()
                .any(|(gens, v)| v == lambda && gens.iter().all(|g| g.eval(w).is_zero())))
}

/// Whether the face `{u_T = 0}` of the box meets the fiber over `p`:
/// `Some(true)` when the map is identically `p` there or is `p` at the
/// face's point where every coordinate is 0 (strictly inside the box in
/// the coordinates the map involves), `Some(false)` when some coordinate
/// of the map stays away from `p` on it, `None` otherwise.
fn face_in_fiber(chart: &crate::resolve::Chart, p: &[Rational], zero: &[usize]) -> Option<bool> {
    let d = chart.dim();
    let mut face = chart.domain.clone();
    for &i in zero {
        face[i] = Interval {
            lo: Rational::zero(),
            hi: Rational::zero(),
        };
    }
    let rests: Vec<Poly> = chart
        .map
        .iter()
        .zip(p)
        .map(|(g, x)| g.restrict_zero(zero).sub(&Poly::constant(d, x.clone())))
        .collect();
    if rests.iter().all(Poly::is_zero) {
        return Some(true);
    }
    // The point is taken strictly inside the box in every coordinate the
    // map depends on (else the fiber might touch the face only on the
    // box's boundary): 0, which must then lie inside.
    let inside = (0..d).all(|i| {
        zero.contains(&i)
            || (chart.domain[i].lo < Rational::zero() && chart.domain[i].hi > Rational::zero())
            || !rests.iter().any(|r| r.depends_on(i))
    });
    if inside && rests.iter().all(|r| r.constant_term().is_zero()) {
        return Some(true);
    }
    if rests.iter().any(|r| nonvanishing(r, &face)) {
        return Some(false);
    }
    None
}

/// The pole of a normal-crossing leaf of a local problem, re-derived from
/// which coordinate hyperplanes (and their intersections) lie over the point.
fn local_normal_crossing(
    chart: &crate::resolve::Chart,
    p: &[Rational],
    leaf: &Leaf,
) -> Result<Verified, Failure> {
    let d = chart.dim();
    let mut meeting: Vec<(usize, Rational)> = Vec::new();
    for i in (0..d).filter(|&i| chart.domain[i].contains_zero() && chart.k[i] > 0) {
        match face_in_fiber(chart, p, &[i]) {
            Some(true) => {
                meeting.push((i, Rational::new((chart.h[i] + 1).into(), chart.k[i].into())))
            }
            Some(false) => {}
            None => return Ok(Verified::MonomialPart),
        }
    }
    let lambda = meeting.iter().map(|(_, v)| v.clone()).min();
    let attaining: Vec<usize> = meeting
        .iter()
        .filter(|(_, v)| Some(v) == lambda.as_ref())
        .map(|(i, _)| *i)
        .collect();
    let order = match attaining.is_empty() {
        true => 0,
        false => match face_in_fiber(chart, p, &attaining) {
            Some(true) => attaining.len(),
            _ => return Ok(Verified::MonomialPart),
        },
    };
    if leaf.leading.as_ref().map(|q| (q.lambda.clone(), q.order)) != lambda.map(|l| (l, order)) {
        return Err("the local pole differs from the one read off k, h and the fiber".into());
    }
    Ok(Verified::Fully)
}

/// Re-derives every cone step (`Step::Cone`): the problem is global; the
/// parent's box straddles 0 in each coordinate of the block, and the
/// child's box is the parent's with each of them cut to [−r, r] inside it
/// (the same map); every factor of K pulled back to the parent is
/// homogeneous in the block or free of zeros on the parent's box; and
/// prior∘g · det g′ is homogeneous in the block, or u^h times a
/// polynomial free of zeros on the box. Then the dilations of the block
/// take every local problem of the parent's box to one in the child's
/// (`resolve::homogeneous_block`).
fn check_cones(problem: &Problem, tree: &ResolutionTree) -> Result<(), String> {
    let limits = Limits::default();
    for (i, node) in tree.nodes.iter().enumerate() {
        let crate::resolve::Step::Cone { block } = &node.step else {
            continue;
        };
        let refuse = |why: &str| Err(format!("chart #{i}: cone step: {why}"));
        let parent = match node.parent {
            Some(p) => &tree.nodes[p].chart,
            None => return refuse("no parent"),
        };
        let chart = &node.chart;
        if problem.point.is_some() {
            return refuse("a local problem");
        }
        if chart.map != parent.map || chart.dim() != parent.dim() {
            return refuse("the map changed");
        }
        for j in 0..parent.dim() {
            let (a, b) = (&parent.domain[j], &chart.domain[j]);
            let kept = if block.contains(&j) {
                a.lo < Rational::zero()
                    && a.hi > Rational::zero()
                    && b.lo == -b.hi.clone()
                    && b.hi > Rational::zero()
                    && b.hi <= a.hi
                    && b.lo >= a.lo
            } else {
                a == b
            };
            if !kept {
                return refuse("the boxes are not a symmetric cut of the block");
            }
        }
        let homogeneous = |p: &Poly| {
            let mut degrees = p
                .terms()
                .map(|(e, _)| block.iter().map(|&k| e[k]).sum::<u32>());
            let first = degrees.next();
            degrees.all(|d| Some(d) == first)
        };
        for f in &problem.k_factors.1 {
            for g in f.polys() {
                let pulled = g.compose(&parent.map, &limits).map_err(|e| e.to_string())?;
                if !homogeneous(&pulled) && !nonvanishing(&pulled, &parent.domain) {
                    return refuse("a factor of K is not homogeneous in the block");
                }
            }
        }
        let weight = prior_weight(problem, &parent.map, &limits).map_err(|e| e.to_string())?;
        let unit_part =
            divide_exactly(&weight, &parent.h).is_some_and(|u| nonvanishing(&u, &parent.domain));
        if !homogeneous(&weight) && !unit_part {
            return refuse("the prior is not homogeneous in the block");
        }
    }
    Ok(())
}

/// Checks every certified leaf of a tree. Under a
/// [`Budget`](crate::budget::Budget) that runs out, it unwinds with
/// [`Exhausted`](crate::budget::Exhausted) (catch it with `Budget::run`).
pub fn check_tree(problem: &Problem, tree: &ResolutionTree) -> Result<CheckReport, String> {
    check_cones(problem, tree)?;
    let mut report = CheckReport::default();
    if let Some(bound) = &tree.lower_bound {
        if !rank_bound_holds(problem, bound) {
            return Err(format!(
                "the rank bound λ ≥ {}: its cofactors do not combine K's generators and minors into 1",
                bound.lambda
            ));
        }
        report.rank_bound = true;
    }
    for (i, node, leaf) in tree.leaves() {
        crate::budget::checkpoint();
        if let LeafKind::OffStratum { exception } = leaf.kind {
            match off_stratum_holds(tree, node, leaf, exception)
                .map_err(|e| format!("chart #{i}: {e}"))?
            {
                true => report.fully += 1,
                false => report.monomial_part += 1,
            }
            continue;
        }
        match check_leaf(problem, node, leaf).map_err(|e| format!("chart #{i}: {e}"))? {
            Verified::Fully => report.fully += 1,
            Verified::MonomialPart => report.monomial_part += 1,
            Verified::TooLarge(limit) => report.too_large.push((i, limit)),
        }
    }
    Ok(report)
}
