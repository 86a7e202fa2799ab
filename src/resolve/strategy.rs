//! The strategy: which step to take next on a chart that is not yet a leaf.
//!
//! In order of preference:
//! 1. a zero of the strict transform at the origin where a factor is smooth
//!    in a free coordinate: shrink the box around the origin (a smooth leaf
//!    certifies once the box is small enough for the derivative not to vanish);
//!    likewise where the generators of the factors are smooth with
//!    independent gradients, in a local problem, or in a global one at an
//!    isolated regular zero, whose surrounding pieces the cover of
//!    `leaf::zero_free_by_cover` shows free of zeros (the box is first made
//!    symmetric about the zero, so that no cut runs through another);
//! 2. any other zero at the origin: blow up a Morse–Bott locus through it
//!    (`morse_bott`), else the toric blow-up from the Newton polyhedron
//!    (`newton_blowup`), else the smallest coordinate subspace through the
//!    origin on which the vanishing factors all vanish (after cutting the
//!    box to be symmetric about 0 and scaling it to unit size);
//! 3. away from the origin, beside a regular zero that the cover could not
//!    clear: a rational zero translated to, else the box halved for the
//!    cover to try again; elsewhere, translations that bring the zero set
//!    to the origin:
//!    a coordinate pinned by a generator of that coordinate alone (b − 1)
//!    to its root, coordinates along which the zero set is a cylinder to
//!    their end nearest 0 (`coordinate_roots`, `cylinder_base`), a zero on
//!    a face where a generator vanishes identically (`face_zero`);
//! 4. for a global problem, generators vanishing away from the origin that
//!    could replace coordinates but for a derivative (or, failing that, a
//!    pivot coefficient) that is a monomial, or a constant times
//!    hyperplanes `u_i − r` that the zero set stays clear of: cut one of
//!    its coordinates away from 0, or from r (on the outer pieces the
//!    chart is a smooth leaf, or its ideal thins out) — unless the cut
//!    recurs on a middle piece without
//!    separating the zero set from the hyperplane, and the zero set meets
//!    the hyperplane badly at a zero found there (`stratify`): step 5 then
//!    translates to that zero;
//! 5. a point elsewhere in the box, or on its boundary, where the
//!    hypersurfaces (with the faces) stop crossing normally (found exactly,
//!    see `stratify`), else a rational zero from a sample grid, else a
//!    singular zero found by elimination (`stratify`, `poly::solve`):
//!    translate it to the origin, or first cut the box so that the
//!    coordinates that must move carry no monomial;
//! 6. otherwise bisect the box along its widest side.
//!
//! With a rank bound λ ≥ ρ/2 over the whole box (`rank`), the first leaf
//! that attains −ρ/2 ends the exploration: λ is decided.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use num_traits::{Signed, Zero};

use super::chart::Chart;
use super::leaf::Leaf;
use super::leaf::{certify, free, poly_nonvanishing, vanishing_factors, MAX_GENERATORS};
use super::sample;
use super::tree::{Node, Outcome, ResolutionTree, Step};
use crate::budget;
use crate::poly::Rational;
use crate::problem::{Factor, Interval};
use crate::residue::Pole;

/// Limits on the size of the tree; when one is hit (or the run's
/// [`budget`] runs out) the open charts are left unresolved
/// and the result is a bound.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest number of charts (nodes of the tree).
    pub max_charts: usize,
    /// Largest depth of the tree.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_charts: 5000,
            max_depth: 40,
        }
    }
}

/// Explores the tree from `root` depth-first, deterministically (up to the
/// run's time and memory budget, where a run ends whenever it ends: the
/// chart being worked on when it runs out is named unresolved).
///
/// Two passes. The first works ahead on all cores: independent subtrees are
/// certified and split in parallel (rayon). The second numbers the tree in
/// the one depth-first order and applies the limits exactly as a
/// single-threaded run would, taking each chart's fate from the first pass
/// (or working it out there and then if the first pass stopped short).
/// Certifying and splitting a chart depend on the chart alone, so the tree
/// is the same whatever the number of threads.
///
/// A leaf whose pole is only a lower bound (`Leaf::attained` false) settles
/// its chart when another leaf attains a pole below it. Those that do not
/// are resolved further in a second round, where such leaves are not
/// accepted; their subtrees are numbered after the first round's nodes.
///
/// `Err` with a point of the domain where K < 0, when a chart shows one
/// ([`sign`](super::sign)): the first in the tree's order.
///
/// With a `lower_bound` (λ ≥ ρ/2 over the whole box, see `rank`), the
/// first leaf that attains −ρ/2 decides λ: the charts after it in that
/// order are left open, marked as not needed. A bound that holds off a
/// stratum instead makes leaves of the charts that keep away from it and
/// cuts boxes to a tube around it (see `stratum`).
pub fn explore(
    root: Chart,
    limits: &Limits,
    lower_bound: Option<super::rank::RankBound>,
) -> Result<ResolutionTree, Vec<Rational>> {
    let mut tree = ResolutionTree {
        nodes: vec![Node {
            chart: root,
            parent: None,
            step: Step::Root,
            depth: 0,
            outcome: Outcome::Split,
        }],
        lower_bound,
    };
    // A bound over the whole box decides λ once a leaf attains it; one
    // that holds off a stratum settles the charts away from it instead.
    let decisive = tree
        .lower_bound
        .as_ref()
        .filter(|b| b.whole())
        .map(|b| b.lambda.clone());
    let stratum = tree.lower_bound.clone().filter(|b| !b.whole());
    let round = |tree: &mut ResolutionTree, id: usize, lower_bounds: bool| {
        let ahead = Ahead {
            limits,
            budget: budget::current(),
            charts: AtomicUsize::new(tree.nodes.len()),
            lower_bounds,
            negative: AtomicBool::new(false),
            decisive: decisive.as_ref(),
            decided: AtomicBool::new(false),
            stratum: stratum.as_ref(),
        };
        let first = ahead.work(&tree.nodes[id].chart, tree.nodes[id].depth);
        let rules = Rules {
            lower_bounds,
            stratum: stratum.as_ref(),
        };
        number(tree, id, first, limits, &rules, decisive.as_ref())
    };
    if round(&mut tree, 0, true)? {
        return Ok(tree);
    }
    for id in unsettled_lower_bounds(&tree) {
        round(&mut tree, id, false)?;
    }
    Ok(tree)
}

/// Whether a leaf attains the pole that the lower bound makes decisive.
fn decides(leaf: &Leaf, decisive: Option<&Rational>) -> bool {
    leaf.attained_pole()
        .is_some_and(|p| Some(&p.lambda) == decisive)
}

/// The leaves whose pole is only a lower bound and might decide the
/// result: no leaf attains a pole below it (or the same with at least its
/// order).
fn unsettled_lower_bounds(tree: &ResolutionTree) -> Vec<usize> {
    let attained: Vec<&Pole> = tree
        .leaves()
        .filter_map(|(_, _, l)| l.attained_pole())
        .collect();
    let best = attained.iter().map(|p| &p.lambda).min();
    let order = attained
        .iter()
        .filter(|p| Some(&p.lambda) == best)
        .map(|p| p.order)
        .max()
        .unwrap_or(0);
    tree.leaves()
        .filter(|(_, _, l)| !l.attained)
        .filter(|(_, _, l)| {
            l.leading.as_ref().is_some_and(|p| match best {
                Some(b) => p.lambda < *b || (p.lambda == *b && p.order > order),
                None => true,
            })
        })
        .map(|(id, _, _)| id)
        .collect()
}

/// A chart's fate as worked out ahead of the numbering pass.
enum Fate {
    /// K < 0 at this point of the domain, near the chart.
    Negative(Vec<Rational>),
    /// Certified a leaf.
    Leaf(Leaf),
    /// Not a leaf; its children not worked out (a limit was reached).
    NotLeaf,
    /// Not a leaf: its children, with their fates where worked out.
    Split(Vec<(Step, Chart, Option<Fate>)>),
}

/// The first, parallel pass.
struct Ahead<'a> {
    limits: &'a Limits,
    /// The run's budget, handed to the worker threads.
    budget: Option<budget::Budget>,
    /// Charts made so far, to stop near the chart limit.
    charts: AtomicUsize,
    /// Whether leaves that only bound their poles from below are accepted.
    lower_bounds: bool,
    /// Whether some chart has shown K < 0: the rest of the work is moot.
    negative: AtomicBool,
    /// The λ of the lower bound, which a leaf attaining it decides.
    decisive: Option<&'a Rational>,
    /// Whether some leaf has attained it: the rest of the work is not needed.
    decided: AtomicBool,
    /// A rank bound that holds off a stratum (see `stratum`).
    stratum: Option<&'a super::rank::RankBound>,
}

/// What the numbering pass accepts and uses when it works a chart out.
struct Rules<'a> {
    /// Whether leaves that only bound their poles from below are accepted.
    lower_bounds: bool,
    /// A rank bound that holds off a stratum (see `stratum`).
    stratum: Option<&'a super::rank::RankBound>,
}

impl Ahead<'_> {
    /// The fate of `chart` and, recursively, of its children; `None` once
    /// the budget has run out (the work on this chart is dropped, its
    /// finished children's with it).
    fn work(&self, chart: &Chart, depth: usize) -> Option<Fate> {
        // Once a chart has shown K < 0 the rest is moot: left for the
        // numbering pass, which stops at the first such chart in its order.
        if self.negative.load(Ordering::Relaxed) || self.decided.load(Ordering::Relaxed) {
            return None;
        }
        // The budget is per thread: install it on this worker.
        let run = || budget::catch(|| self.fate(chart, depth)).ok();
        match &self.budget {
            Some(b) => b.enter(run),
            None => run(),
        }
    }

    fn fate(&self, chart: &Chart, depth: usize) -> Fate {
        budget::checkpoint();
        if let Some(w) = super::sign::negative_point(chart) {
            self.negative.store(true, Ordering::Relaxed);
            return Fate::Negative(w);
        }
        if let Some(leaf) = off_stratum(chart, self.stratum, self.lower_bounds) {
            return Fate::Leaf(leaf);
        }
        let vanishing = vanishing_factors(chart);
        if let Some(leaf) = certify(chart, &vanishing, self.lower_bounds) {
            if decides(&leaf, self.decisive) {
                self.decided.store(true, Ordering::Relaxed);
            }
            return Fate::Leaf(leaf);
        }
        if depth >= self.limits.max_depth
            || self.charts.load(Ordering::Relaxed) >= self.limits.max_charts
        {
            return Fate::NotLeaf;
        }
        let children = next_step(chart, &vanishing, self.stratum);
        self.charts.fetch_add(children.len(), Ordering::Relaxed);
        let fates: Vec<Option<Fate>> = children
            .par_iter()
            .map(|(_, c)| self.work(c, depth + 1))
            .collect();
        Fate::Split(
            children
                .into_iter()
                .zip(fates)
                .map(|((step, c), fate)| (step, c, fate))
                .collect(),
        )
    }
}

/// The second pass: the subtree of node `from` in depth-first creation
/// order, appended to the tree, with the limits applied as one thread
/// would apply them; `Err` at the first chart (in that order) showing K < 0.
/// `Ok(true)` when a leaf attained the `decisive` pole: the charts after it
/// are left open.
fn number(
    tree: &mut ResolutionTree,
    from: usize,
    first: Option<Fate>,
    limits: &Limits,
    rules: &Rules,
    decisive: Option<&Rational>,
) -> Result<bool, Vec<Rational>> {
    let mut fates: Vec<Option<Fate>> = (0..tree.nodes.len()).map(|_| None).collect();
    fates[from] = first;
    let mut stack = vec![from];
    let mut decided = false;
    while let Some(id) = stack.pop() {
        if decided {
            tree.nodes[id].outcome = Outcome::Unresolved(format!(
                "not needed: λ = {} is decided (the rank bound and an attained pole)",
                decisive.map_or(String::new(), |l| l.to_string())
            ));
            continue;
        }
        let node = &tree.nodes[id];
        let limit = if tree.nodes.len() >= limits.max_charts {
            Some(format!("chart limit {} reached", limits.max_charts))
        } else if node.depth >= limits.max_depth {
            Some(format!("depth limit {} reached", limits.max_depth))
        } else {
            None
        };
        let children = match settle(&node.chart, fates[id].take(), limit, rules) {
            Settled::Negative(w) => return Err(w),
            Settled::Leaf(leaf) => {
                decided = decides(&leaf, decisive);
                tree.nodes[id].outcome = Outcome::Leaf(leaf);
                continue;
            }
            Settled::Unresolved(why) => {
                tree.nodes[id].outcome = Outcome::Unresolved(why);
                continue;
            }
            Settled::Split(children) => children,
        };
        let depth = tree.nodes[id].depth + 1;
        tree.nodes[id].outcome = Outcome::Split;
        let first = tree.nodes.len();
        for (step, chart, fate) in children {
            tree.nodes.push(Node {
                chart,
                parent: Some(id),
                step,
                depth,
                outcome: Outcome::Split,
            });
            fates.push(fate);
        }
        stack.extend((first..tree.nodes.len()).rev());
    }
    Ok(decided)
}

/// The chart as a leaf of a rank bound off a stratum (its pole only a
/// lower bound: accepted where such leaves are).
fn off_stratum(
    chart: &Chart,
    stratum: Option<&super::rank::RankBound>,
    lower_bounds: bool,
) -> Option<Leaf> {
    stratum
        .filter(|_| lower_bounds)
        .and_then(|b| super::stratum::exempt(chart, b))
}

/// What becomes of a chart in the numbering pass.
enum Settled {
    Negative(Vec<Rational>),
    Leaf(Leaf),
    Split(Vec<(Step, Chart, Option<Fate>)>),
    Unresolved(String),
}

/// A chart's outcome from its fate in the first pass, working out here
/// what that pass did not (under the budget: once it has run out, a chart
/// not already settled is unresolved, with the reason). A leaf stands
/// whatever the limits; a split only within them.
fn settle(chart: &Chart, fate: Option<Fate>, limit: Option<String>, rules: &Rules) -> Settled {
    let may_be_leaf = match fate {
        Some(Fate::Negative(w)) => return Settled::Negative(w),
        Some(Fate::Leaf(leaf)) => return Settled::Leaf(leaf),
        Some(Fate::Split(_)) | Some(Fate::NotLeaf) if limit.is_some() => {
            return Settled::Unresolved(limit.expect("checked"))
        }
        Some(Fate::Split(children)) => return Settled::Split(children),
        Some(Fate::NotLeaf) => false,
        None => true,
    };
    let worked = budget::catch(|| {
        // The first pass may have stopped before looking (elsewhere a chart showed K < 0).
        if let Some(w) = super::sign::negative_point(chart) {
            return Settled::Negative(w);
        }
        if let Some(leaf) = may_be_leaf
            .then(|| off_stratum(chart, rules.stratum, rules.lower_bounds))
            .flatten()
        {
            return Settled::Leaf(leaf);
        }
        let vanishing = vanishing_factors(chart);
        if may_be_leaf {
            if let Some(leaf) = certify(chart, &vanishing, rules.lower_bounds) {
                return Settled::Leaf(leaf);
            }
        }
        match &limit {
            Some(why) => Settled::Unresolved(why.clone()),
            None => Settled::Split(
                next_step(chart, &vanishing, rules.stratum)
                    .into_iter()
                    .map(|(step, c)| (step, c, None))
                    .collect(),
            ),
        }
    });
    worked.unwrap_or_else(|why| Settled::Unresolved(why.to_string()))
}

fn half() -> Rational {
    Rational::new(1.into(), 2.into())
}

/// The children of a chart that is not a leaf.
fn next_step(
    chart: &Chart,
    vanishing: &[usize],
    stratum: Option<&super::rank::RankBound>,
) -> Vec<(Step, Chart)> {
    let vanishing: Vec<&Factor> = vanishing.iter().map(|&i| &chart.factors[i]).collect();
    let at_origin: Vec<&Factor> = vanishing
        .iter()
        .copied()
        .filter(|f| vanishes_at_origin(f))
        .collect();
    if let Some(p) = super::homogeneous_block::affine_translation(chart, &vanishing)
        .filter(|p| chart.can_translate(p))
    {
        return vec![(Step::Translate(p.clone()), chart.translate(&p))];
    }
    if chart.contains_origin() && !at_origin.is_empty() {
        // Blow-ups keep the fiber over the point in coordinate form only if
        // its pieces sit at 0 in every fixed coordinate: cut the others off.
        if let Some((axis, value)) = chart.fiber_off_origin() {
            return restrict_all(chart, split(&chart.domain, axis, value * half()));
        }
        if let Some((block, domain)) = super::homogeneous_block::cone(chart, &vanishing) {
            return vec![(Step::Cone { block }, chart.restrict(domain))];
        }
        if let Some(boxes) = far_face_split(chart, &vanishing) {
            return restrict_all(chart, boxes);
        }
        if let Some(boxes) = divisor_plane_split(chart, &vanishing) {
            return restrict_all(chart, boxes);
        }
        if smooth_at_origin(chart, &at_origin) {
            return restrict_all(chart, around_origin(&chart.domain));
        }
        // In a local problem the pieces away from the origin are off the
        // fiber and cost nothing. In a global one they are charts to
        // resolve, which pays only around a regular zero: there no piece
        // holds a zero near the origin, and the Newton step of
        // `leaf::zero_free_by_cover` shows the pieces free of zeros (the
        // naive Bayes network at a generic truth). The box is first made
        // symmetric about the origin, so that no cut runs through another
        // zero at a simple offset (its label swap).
        if let Some(coords) = super::toric::shrink_to_toric_leaf(chart, &vanishing)
            .filter(|_| chart.fiber.is_some() || super::leaf::regular_zero_at_origin(chart))
        {
            if chart.fiber.is_none() {
                if let Some(cut) = symmetric_cut(chart, &coords) {
                    return restrict_all(chart, cut);
                }
            }
            return restrict_all(chart, around_origin_in(&chart.domain, &coords));
        }
        if let Some((coord, by)) = shear(chart, &vanishing) {
            if let Some(c) = chart.shear(coord, &by) {
                return vec![(Step::Shear { coord, by }, c)];
            }
        }
        let owned = without_separable_generators(chart, &at_origin, &vanishing);
        let residual: Vec<&Factor> = owned.iter().collect();
        let subspace = super::morse_bott::centre(chart, &residual)
            .or_else(|| super::homogeneous_block::centre(chart, &residual));
        let toric = subspace
            .is_none()
            .then(|| super::newton_blowup::plan(chart, &residual))
            .flatten();
        let centre = match (&subspace, &toric) {
            (Some(coords), _) | (None, Some((coords, _))) => coords.clone(),
            (None, None) => blow_up_centre(chart, &residual),
        };
        if let Some(cut) = symmetric_cut(chart, &centre) {
            return restrict_all(chart, cut);
        }
        if !chart.centre_is_unit(&centre) {
            let r: Vec<Rational> = (0..chart.dim())
                .map(|i| {
                    let iv = &chart.domain[i];
                    if centre.contains(&i) {
                        iv.lo.abs().max(iv.hi.abs())
                    } else {
                        Rational::from_integer(1.into())
                    }
                })
                .collect();
            return vec![(Step::Scale(r.clone()), chart.scale(&r))];
        }
        if let Some((coords, cones)) = toric {
            return cones
                .iter()
                .flat_map(|rays| {
                    chart.toric(&coords, rays).into_iter().map(|(signs, c)| {
                        let step = Step::Toric {
                            coords: coords.clone(),
                            rays: rays.clone(),
                            signs,
                        };
                        (step, c)
                    })
                })
                .collect();
        }
        return chart
            .blow_up_charts(&centre)
            .into_iter()
            .map(|(i, sign, c)| {
                (
                    Step::BlowUp {
                        centre: centre.clone(),
                        chart: i,
                        sign,
                    },
                    c,
                )
            })
            .collect();
    }
    if let Some(near) = fiber_neighbourhood(chart) {
        return vec![(Step::Neighbourhood, chart.restrict(near))];
    }
    // Before a zero is looked for to translate to, a box holding part of
    // the rank bound's stratum is cut down to a tube around it: the zeros
    // found elsewhere would be of the fiber's parts the bound settles.
    if let Some(boxes) = stratum.and_then(|b| super::stratum::cut(chart, b)) {
        return restrict_all(chart, boxes);
    }
    // A piece beside a regular zero that the cover of `leaf` could not show
    // free of zeros in its budget: another zero found exactly is
    // translated to, else the piece is halved for the cover to try again
    // on each half. The cuts and eliminations below would work on the
    // chart's simplified generators, of far higher degree than the
    // input's (the naive Bayes network's pieces near its true point).
    if chart.fiber.is_none() && super::leaf::regular_zero_at_origin(chart) {
        if let Some(p) = rational_zero(chart, &vanishing).filter(|p| chart.can_translate(p)) {
            return vec![(Step::Translate(p.clone()), chart.translate(&p))];
        }
        return restrict_all(chart, halves(&chart.domain));
    }
    if let Some(p) = coordinate_roots(chart, &vanishing)
        .or_else(|| cylinder_base(chart, &vanishing))
        .filter(|p| chart.can_translate(p))
    {
        return vec![(Step::Translate(p.clone()), chart.translate(&p))];
    }
    // Where branches of the zero set cross on a hyperplane, before any
    // zero found on a face or the grid: those lie on one branch, and
    // translations to them creep towards the crossing by halves.
    if let Some(p) = branch_crossing(chart, &vanishing).filter(|p| chart.can_translate(p)) {
        return vec![(Step::Translate(p.clone()), chart.translate(&p))];
    }
    if let Some(p) = face_zero(chart, &vanishing).filter(|p| chart.can_translate(p)) {
        return vec![(Step::Translate(p.clone()), chart.translate(&p))];
    }
    // Exact points where the crossing fails come before the cuts: a cut
    // towards such a point (on a face, say) only shrinks the box around it.
    let mut singular = super::stratify::singular_points(chart, &vanishing)
        .into_iter()
        .find(|p| on_fiber(chart, p));
    if singular.is_none() {
        if let Some(cut) = derivative_cut(chart, &vanishing) {
            // A cut that does not separate the zero set from u_j = 0
            // leaves a middle piece where the other coordinates are cut in
            // turn (the widest first). Once u_j is cut again there, the
            // zero set meets the hyperplane where no cut can help: where
            // it meets it badly, the cuts would go on for ever.
            let Blocker { axis, root } = &cut.plane;
            let recurs =
                reach_from(&chart.domain[*axis], root) <= Rational::new(1.into(), 8.into());
            singular = (!cut.separates && recurs)
                .then(|| super::stratify::hyperplane_zero(chart, &vanishing, *axis, root))
                .flatten();
            if singular.is_none() {
                if let Some(boxes) = (!cut.separates && recurs)
                    .then(|| minor_cut(chart, &vanishing))
                    .flatten()
                {
                    return restrict_all(chart, boxes);
                }
                return restrict_all(chart, cut.boxes);
            }
        }
    }
    if let Some(p) = singular.or_else(|| rational_zero(chart, &vanishing)) {
        if chart.can_translate(&p) {
            return vec![(Step::Translate(p.clone()), chart.translate(&p))];
        }
        let axis = (0..chart.dim())
            .find(|&i| !p[i].is_zero() && (chart.k[i] > 0 || chart.h[i] > 0))
            .expect("a blocked coordinate");
        return restrict_all(chart, split(&chart.domain, axis, &p[axis] * half()));
    }
    restrict_all(chart, halves(&chart.domain))
}

/// Where the derivative cut would only shrink a band around a hyperplane
/// that the zero set crosses transversally: a halving of one coordinate
/// that leaves one half where the generators' Jacobian minor in some
/// coordinates is invertible wherever they vanish (the smooth leaf's test)
/// and the other free of zeros. Two words and three topics of
/// LDA: the minor of (h₁, h₂) in (a₁, v₁) is −(1 − v₂)(1 − a₁v₂ + 2a₂w₁),
/// a unit for v₂ ≤ 1/2, and h₂ has no zero for v₂ ≥ 1/2, while the cut
/// chose a₂ (h₂'s derivative in w₂ is 2a₂) and halved its band to the depth
/// limit.
fn minor_cut(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Vec<Interval>>> {
    let gens: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    let d = chart.dim();
    if gens.is_empty() || gens.len() > 3 || d > 12 {
        return None;
    }
    let involved: Vec<usize> = (0..d)
        .filter(|&j| free(chart, j) && gens.iter().any(|g| g.depends_on(j)))
        .collect();
    let coordinate_sets = super::leaf::subsets(&involved, gens.len());
    // The smooth half is judged by the smooth leaf's own test.
    let smooth = |domain: &[Interval]| {
        coordinate_sets
            .iter()
            .any(|coords| super::leaf::jacobian_nonvanishing_on_zeros(&gens, coords, domain))
    };
    let zero_free = |domain: &[Interval]| gens.iter().any(|g| poly_nonvanishing(g, domain));
    for j in 0..d {
        let iv = &chart.domain[j];
        let [low, high] = &split(&chart.domain, j, (&iv.lo + &iv.hi) * half())[..] else {
            continue;
        };
        for (kept, empty) in [(low, high), (high, low)] {
            if zero_free(empty) && smooth(kept) {
                return Some(vec![low.clone(), high.clone()]);
            }
        }
    }
    None
}

/// The box halved along its widest side.
fn halves(domain: &[Interval]) -> Vec<Vec<Interval>> {
    let axis = (0..domain.len())
        .max_by_key(|&i| (&domain[i].hi - &domain[i].lo, std::cmp::Reverse(i)))
        .expect("at least one coordinate");
    let mid = (&domain[axis].lo + &domain[axis].hi) * half();
    split(domain, axis, mid)
}

/// The factors with their separable generators left out, for choosing a
/// centre. A generator `c·u_j + r` of a sum of squares, with `c` a
/// non-constant unit on the box and `u_j` in no other generator of a
/// vanishing factor, is a coordinate in place of `u_j` that the rest of the
/// ideal does not see: near the origin the ideal is that coordinate plus
/// the rest, in the other coordinates. A centre chosen from the rest leaves
/// `u_j` alone, and `c` stays a unit in every chart; one chosen with the
/// generator takes `u_j` into blow-ups it does not need (reduced rank
/// regression with a true rank of 1, where every box with `b₁₁` away from 0
/// has two such generators and the rest is `a₂₂c₂₂ + a₃₂c₂₃`). With a
/// constant `c` a shear makes the generator a coordinate, and a coordinate
/// belongs in the centre of a blow-up of the ideal's tangent cone (factor
/// analysis at a diagonal truth resolves in 50 charts so, and not in 5000
/// without it). But where `shear` refuses, the generator never becomes a
/// coordinate and only drags `u_j` into every centre: then it is
/// separable too (`unshearable`). When the rest is normal crossing at the
/// origin (or empty), the factors are returned whole.
fn without_separable_generators(
    chart: &Chart,
    at_origin: &[&Factor],
    vanishing: &[&Factor],
) -> Vec<Factor> {
    let all: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    let in_others = |g: &crate::poly::Poly, j: usize| {
        all.iter().any(|h| !std::ptr::eq(*h, g) && h.depends_on(j))
    };
    let separable = |g: &crate::poly::Poly| {
        (0..chart.dim()).any(|j| {
            if !super::leaf::free(chart, j) || g.degree_in(j) != 1 || in_others(g, j) {
                return false;
            }
            let c = g.derivative(j);
            if c.degree() == 0 {
                return unshearable(chart, g, j);
            }
            super::leaf::poly_nonvanishing(&c, &chart.domain)
        })
    };
    let residual: Vec<Factor> = at_origin
        .iter()
        .filter_map(|f| match f {
            Factor::Sos(gens) => {
                let kept: Vec<(Rational, crate::poly::Poly)> = gens
                    .iter()
                    .filter(|(_, g)| !separable(g))
                    .cloned()
                    .collect();
                (!kept.is_empty()).then_some(Factor::Sos(kept))
            }
            Factor::Power(..) => Some((*f).clone()),
        })
        .collect();
    // A rest that is a monomial times a unit at the origin is normal
    // crossing there already: blowing up its coordinates changes nothing
    // ((y² − x³)² + z² after its toric blow-up, x⁶y²(1 − y) and z).
    let crossing = residual.iter().flat_map(|f| f.polys()).all(|p| {
        !p.div_monomial(&p.monomial_content())
            .constant_term()
            .is_zero()
    });
    if crossing {
        at_origin.iter().map(|f| (*f).clone()).collect()
    } else {
        residual
    }
}

/// Whether `g = c·u_j + r`, with `c` a constant, can never be made a
/// coordinate by `shear`: `u_j` straddles 0, but `r` depends on a
/// coordinate whose interval ends at 0 (the shear would tilt a face through
/// the origin). Such a generator still replaces `u_j` in a smooth or toric
/// leaf (its Jacobian is `c`), but kept in the centres it takes `u_j` into
/// every blow-up: LDA with three words and two documents, at the face
/// where a document's topic weight is 1, alternated blow-ups of {s₁, u₂}
/// and {s₁, u₁} without end. Where `u_j` itself ends at 0 the generator
/// stays in the centre (a multinomial mixture with `B₂ ∈ [0, 2]`, which
/// resolves only so).
fn unshearable(chart: &Chart, g: &crate::poly::Poly, j: usize) -> bool {
    let r = g.filter_terms(|t| t[j] == 0);
    chart.domain[j].straddles_zero()
        && (0..chart.dim()).any(|i| r.depends_on(i) && !chart.domain[i].straddles_zero())
}

/// A shear that makes the generators shorter. Where a
/// generator is `c·m·(u_r + f) + …`, with `c` a constant, `m` a monomial and
/// `f` free of `u_r`, the new coordinate `u_r + f` takes the place of the
/// binomial: in reduced rank regression with three hidden units, after the
/// blow-up of A, `b₂·(a₂₂ − a₁₂a₂₁) + b₃·(a₃₂ − a₁₂a₃₁)` needs two, and then
/// it is `b₂·a₂₂ + b₃·a₃₂`, which blow-ups resolve; a shear also makes a
/// generator `u_r + f` a coordinate. Of the candidates, the one that
/// removes the most terms from the generators, if any.
fn shear(chart: &Chart, vanishing: &[&Factor]) -> Option<(usize, crate::poly::Poly)> {
    const MAX_TERMS: usize = 200;
    let gens: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    if gens.iter().map(|g| g.len()).sum::<usize>() > MAX_TERMS {
        return None;
    }
    let d = chart.dim();
    let limits = crate::poly::Limits::default();
    let size = |polys: &[crate::poly::Poly]| polys.iter().map(|p| p.len()).sum::<usize>();
    let before: usize = gens.iter().map(|g| g.len()).sum();
    let mut best: Option<(usize, usize, crate::poly::Poly)> = None;
    for g in &gens {
        // Only coordinates with 0 strictly inside: a zero set that meets
        // the box only at an end of u_r (the line x + y = 2 at the corner
        // of [-1, 1]²) would, sheared, lie outside the domain but at one
        // point of the enlarged box, where no witness can count.
        let inside = |r: usize| chart.domain[r].straddles_zero();
        for r in (0..d).filter(|&r| super::leaf::free(chart, r) && g.degree_in(r) == 1 && inside(r))
        {
            let slope = g.derivative(r);
            let Some((e, c)) = slope.terms().next().filter(|_| slope.len() == 1) else {
                continue;
            };
            let divides =
                |t: &crate::poly::Exponent| t[r] == 0 && t.iter().zip(e).all(|(a, b)| a >= b);
            let by = g
                .filter_terms(divides)
                .div_monomial(e)
                .scale(&(Rational::from_integer(1.into()) / c));
            if by.degree() == 0 || best.as_ref().is_some_and(|(_, r0, b)| *r0 == r && *b == by) {
                continue;
            }
            // Nor through a coordinate whose interval ends at 0: the origin
            // would lie on a face that the shear tilts, and a crossing there
            // (x ± y on x ∈ [0, 1]) has no witness strictly inside the
            // domain however far it is resolved; blow-ups at the origin
            // keep that face a coordinate hyperplane.
            if (0..d).any(|j| by.depends_on(j) && !inside(j)) {
                continue;
            }
            let back = super::chart::shear_back(d, r, &by);
            let Ok(after) = gens
                .iter()
                .map(|h| h.compose(&back, &limits))
                .collect::<Result<Vec<_>, _>>()
            else {
                continue;
            };
            let saving = before.saturating_sub(size(&after));
            if saving > 0 && best.as_ref().is_none_or(|(s, _, _)| saving > *s) {
                best = Some((saving, r, by));
            }
        }
    }
    best.map(|(_, r, by)| (r, by))
}

/// Step 4 (global problems). A zero set away from the origin, such as
/// `BA = C` in reduced rank regression, is often smooth and spread over the
/// whole box. Shrinking boxes around its rational points would tile a
/// manifold of high dimension; instead, look for generators that are
/// triangular in some free coordinates with diagonal derivatives that are
/// monomials (for `b·a − c` the derivative in `b` is `a`, for `c·b·a − w`
/// the derivative in `a` is `c·b`). Cutting a coordinate `x_i` of such a
/// monomial at `±δ`, with δ an eighth of its interval's reach, leaves
/// outer pieces where that derivative is a unit, and a middle piece where
/// another assignment (or no zero at all) takes over. Among candidate
/// coordinates, one with a unit derivative is preferred, then the monomial
/// whose coordinate has the widest interval, so that middle pieces shrink
/// in every coordinate in turn.
fn derivative_cut(chart: &Chart, vanishing: &[&Factor]) -> Option<Cut> {
    let gens: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    // A local problem needs only the fiber over its point, which the steps
    // below reach with fewer charts.
    if gens.is_empty() || chart.fiber.is_some() {
        return None;
    }
    if gens.len() > MAX_GENERATORS {
        // Too many to replace coordinates; pivots may first thin them out.
        return pivot_cut(chart, vanishing);
    }
    let free: Vec<usize> = (0..chart.dim()).filter(|&j| free(chart, j)).collect();
    let width = |i: usize| &chart.domain[i].hi - &chart.domain[i].lo;
    // For a derivative that is a product of hyperplanes, the one to cut
    // away from (see `hyperplane_blocker`); `Some(None)` for a unit
    // derivative, `None` for anything else.
    let blocker = |d: &crate::poly::Poly| -> Option<Option<Blocker>> {
        if poly_nonvanishing(d, &chart.domain) {
            return Some(None);
        }
        hyperplane_blocker(chart, d).map(Some)
    };
    // Greedily from the last generator backwards, as in the leaf's
    // triangular test: a generator can go last if its coordinate is not
    // used by the others.
    let mut remaining: Vec<usize> = (0..gens.len()).collect();
    let mut used: Vec<usize> = Vec::new();
    let mut blocked: Vec<Blocker> = Vec::new();
    while !remaining.is_empty() {
        let mut best: Option<(usize, usize, Option<Blocker>)> = None;
        for (pos, &g) in remaining.iter().enumerate() {
            for &j in &free {
                if used.contains(&j)
                    || !gens[g].depends_on(j)
                    || remaining.iter().any(|&o| o != g && gens[o].depends_on(j))
                {
                    continue;
                }
                let Some(b) = blocker(&gens[g].derivative(j)) else {
                    continue;
                };
                let better = match (&best, &b) {
                    (None, _) => true,
                    (Some((_, _, Some(_))), None) => true,
                    (Some((_, _, Some(old))), Some(new)) => width(new.axis) > width(old.axis),
                    (Some((_, _, None)), _) => false,
                };
                if better {
                    best = Some((pos, j, b));
                }
            }
        }
        let Some((pos, j, b)) = best else {
            return pivot_cut(chart, vanishing);
        };
        remaining.remove(pos);
        used.push(j);
        blocked.extend(b);
    }
    cut_away_from(chart, blocked.first()?)
}

/// When the generators are not triangular (in `BA = C` every entry of B
/// meets a whole row of generators), a pivot still simplifies the ideal
/// (`Chart::simplify_ideals`): a generator `x_i^e·u_j + r` with other
/// generators involving `u_j`, whose coefficient is a unit once `x_i` is
/// kept away from 0 (or a coefficient `(x_i − r)·…` from `r`). Cut `x_i`
/// so, the widest such interval first.
fn pivot_cut(chart: &Chart, vanishing: &[&Factor]) -> Option<Cut> {
    let width = |i: usize| &chart.domain[i].hi - &chart.domain[i].lo;
    let mut best: Option<Blocker> = None;
    for f in vanishing {
        let Factor::Sos(gens) = f else { continue };
        for (gi, (_, g)) in gens.iter().enumerate() {
            // A cut for another coefficient of a solved generator would
            // never be used, and the next piece would ask for it again
            // (LDA's first document, solved for a₁, cut for a₂'s
            // coefficient v₁·w₁ towards v₁ = w₁ = 0 without end).
            let solved = super::chart::solved(gens, gi, &chart.domain);
            if solved {
                continue;
            }
            for j in 0..chart.dim() {
                if g.degree_in(j) != 1
                    || !gens
                        .iter()
                        .enumerate()
                        .any(|(o, (_, h))| o != gi && h.depends_on(j))
                {
                    continue;
                }
                if let Some(b) = hyperplane_blocker(chart, &g.derivative(j)) {
                    if best
                        .as_ref()
                        .is_none_or(|old| width(b.axis) > width(old.axis))
                    {
                        best = Some(b);
                    }
                }
            }
        }
    }
    cut_away_from(chart, &best?)
}

/// For a coefficient that is a constant times a product of hyperplanes
/// `x_i − r` (a monomial `c·x^e` is the case r = 0), the hyperplane to
/// keep the box away from first: of those that meet the box, the one whose
/// coordinate has the widest interval (each cut makes one more factor of
/// it a unit). The zero sets of models rarely sit at 0: in a naive Bayes
/// network the pivot of `b₃` is `4(1 − t)(b₁ − ½)`, and the zero set is
/// a smooth leaf once `t` is away from 1 and `b₁` from ½.
fn hyperplane_blocker(chart: &Chart, c: &crate::poly::Poly) -> Option<Blocker> {
    let width = |i: usize| &chart.domain[i].hi - &chart.domain[i].lo;
    let widest = |planes: Vec<Blocker>| {
        planes
            .into_iter()
            .filter(|b| chart.domain[b.axis].contains(&b.root))
            .max_by_key(|b| (width(b.axis), std::cmp::Reverse(b.axis)))
    };
    if c.len() == 1 {
        let (e, _) = c.terms().next()?;
        let planes = (0..chart.dim())
            .filter(|&i| e[i] > 0)
            .map(|axis| Blocker {
                axis,
                root: Rational::zero(),
            })
            .collect();
        return widest(planes);
    }
    let (lines, rest) = crate::poly::factor::linear_factors(c)?;
    // What is left is a constant, or the last linear factor.
    if rest.degree() > 1 {
        return None;
    }
    let planes: Option<Vec<Blocker>> = lines
        .keys()
        .chain((rest.degree() == 1).then_some(&rest))
        .map(|l| {
            let vars: Vec<usize> = (0..l.nvars()).filter(|&i| l.depends_on(i)).collect();
            let [axis] = vars[..] else { return None };
            let slope = l.derivative(axis).constant_term();
            Some(Blocker {
                axis,
                root: -l.constant_term() / slope,
            })
        })
        .collect();
    widest(planes?)
}

/// A hyperplane `u_axis = root` on which a coefficient vanishes.
#[derive(Clone)]
struct Blocker {
    axis: usize,
    root: Rational,
}

/// Boxes that keep a coordinate away from a value.
struct Cut {
    /// The coordinate and the value it is kept away from.
    plane: Blocker,
    /// The pieces of the box.
    boxes: Vec<Vec<Interval>>,
    /// Whether K has no zero on the middle piece (which is then a leaf).
    separates: bool,
}

/// The box cut at `r ± δ` in the plane's axis: δ the largest of a half, a
/// quarter, …, a thirty-second of the interval's reach from `r` for which K
/// has no zero on the middle piece (which is then a leaf at once: for
/// `c·s − 1/8` with |s| ≤ 2, where |c| < 1/16), or else an eighth.
fn cut_away_from(chart: &Chart, plane: &Blocker) -> Option<Cut> {
    let (axis, r) = (plane.axis, &plane.root);
    let iv = &chart.domain[axis];
    let reach = reach_from(iv, r);
    let zero_free = |delta: &Rational| {
        let mut middle = chart.domain.clone();
        middle[axis] = Interval {
            lo: iv.lo.clone().max(r - delta),
            hi: iv.hi.clone().min(r + delta),
        };
        chart
            .factors
            .iter()
            .all(|f| super::leaf::factor_nonvanishing(f, &middle))
    };
    let separating = [2, 4, 8, 16, 32]
        .into_iter()
        .map(|n| &reach / Rational::from_integer(n.into()))
        .find(zero_free);
    let separates = separating.is_some();
    // A hyperplane off the origin that the zero set meets is better
    // reached by translating to a zero on it, where the blow-ups of
    // step 2 see how the zero set meets it (the naive Bayes network at an
    // independent truth, whose zero set is a union of such hyperplanes);
    // cut away from it only when that leaves it behind.
    if !separates && !r.is_zero() {
        return None;
    }
    let delta = separating.unwrap_or_else(|| &reach / Rational::from_integer(8.into()));
    let mut boxes = vec![chart.domain.clone()];
    for cut in [r - &delta, r + &delta] {
        if iv.lo < cut && cut < iv.hi {
            let last = boxes.pop().expect("a box");
            boxes.extend(split(&last, axis, cut));
        }
    }
    (boxes.len() > 1).then_some(Cut {
        plane: plane.clone(),
        boxes,
        separates,
    })
}

/// How far the interval reaches from `r`.
fn reach_from(iv: &Interval, r: &Rational) -> Rational {
    (&iv.lo - r).abs().max((&iv.hi - r).abs())
}

fn restrict_all(chart: &Chart, boxes: Vec<Vec<Interval>>) -> Vec<(Step, Chart)> {
    boxes
        .into_iter()
        .map(|b| (Step::Restrict, chart.restrict(b)))
        .collect()
}

fn vanishes_at_origin(f: &Factor) -> bool {
    match f {
        Factor::Power(p, _) => p.constant_term().is_zero(),
        Factor::Sos(gens) => gens.iter().all(|(_, g)| g.constant_term().is_zero()),
    }
}

/// Whether the factors vanishing at the origin, each a single polynomial, are jointly smooth there, in
/// coordinates that carry no monomial: their generators' gradients at the
/// origin, restricted to those coordinates, are linearly independent. Then a
/// small enough box around the origin is a smooth leaf.
fn smooth_at_origin(chart: &Chart, factors: &[&Factor]) -> bool {
    // Ideals with several generators are left to blow-ups and to the
    // simplification of their generators: shrinking does not make them triangular.
    if factors.iter().any(|f| f.polys().len() > 1) {
        return false;
    }
    // Only coordinates with 0 inside their interval: where the origin lies
    // on a face of a replaced coordinate, a smooth leaf cannot certify the
    // pole there (see `leaf::leading_on`), however small the box.
    let free: Vec<usize> = (0..chart.dim())
        .filter(|&j| free(chart, j) && chart.domain[j].straddles_zero())
        .collect();
    let polys: Vec<&crate::poly::Poly> = factors.iter().flat_map(|f| f.polys()).collect();
    let gradients = super::leaf::jacobian_at_origin(&polys, &free);
    !gradients.is_empty()
        && gradients.len() <= free.len()
        && crate::newton::rank(gradients.clone()) == gradients.len()
}

/// The smallest set of coordinates T (by size, then lexicographically) such
/// that every given factor vanishes on {u_T = 0}: every term of every one of
/// its polynomials involves a coordinate of T.
fn blow_up_centre(chart: &Chart, factors: &[&Factor]) -> Vec<usize> {
    let d = chart.dim();
    let supports: Vec<Vec<usize>> = factors
        .iter()
        .flat_map(|f| f.polys())
        .flat_map(|p| {
            p.terms()
                .map(|(e, _)| (0..d).filter(|&i| e[i] > 0).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        })
        .collect();
    if d <= 16 {
        for size in 2..=d {
            let all: Vec<usize> = (0..d).collect();
            if let Some(t) = super::leaf::subsets(&all, size)
                .into_iter()
                .find(|t| supports.iter().all(|s| s.iter().any(|i| t.contains(i))))
            {
                return t;
            }
        }
        return (0..d).collect();
    }
    // Too many coordinates to search every set: greedily, the coordinate in
    // the most terms not yet met, then none that the others make redundant
    // (a coordinate in no term, such as an exceptional one, never enters).
    let mut centre: Vec<usize> = Vec::new();
    let mut open: Vec<&Vec<usize>> = supports.iter().collect();
    while !open.is_empty() {
        let best = (0..d)
            .filter(|i| !centre.contains(i))
            .max_by_key(|&i| {
                (
                    open.iter().filter(|s| s.contains(&i)).count(),
                    std::cmp::Reverse(i),
                )
            })
            .expect("a coordinate left");
        centre.push(best);
        open.retain(|s| !s.contains(&best));
    }
    let hits = |t: &[usize]| supports.iter().all(|s| s.iter().any(|i| t.contains(i)));
    for i in centre.clone() {
        let without: Vec<usize> = centre.iter().copied().filter(|&j| j != i).collect();
        if without.len() >= 2 && hits(&without) {
            centre = without;
        }
    }
    centre.sort_unstable();
    centre
}

/// The faces `u_j = e` of the box (e an end of the interval) on which a
/// vanishing generator vanishes identically, coordinate by coordinate:
/// divisors of the problem as much as `u_j = 0` is (the weight
/// `(1 − a₁)·a₂` of a mixture component vanishes on both faces of a₁).
/// None for a local problem, whose box only surrounds its fiber.
fn divisor_faces<'a>(
    chart: &'a Chart,
    vanishing: &[&'a Factor],
) -> impl Iterator<Item = (usize, &'a Rational)> + 'a {
    let gens: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    let global = chart.fiber.is_none();
    (0..chart.dim())
        .filter(move |_| global)
        .flat_map(move |j| {
            let iv = &chart.domain[j];
            [(j, &iv.lo), (j, &iv.hi)]
        })
        .filter(move |(j, e)| {
            gens.iter()
                .any(|g| g.depends_on(*j) && g.vanishes_on(*j, e))
        })
}

/// Global problems: the box halved in a coordinate with a divisor face at
/// its far end (`e ≠ 0`, see [`divisor_faces`]). A blow-up at the origin
/// leaves such a face at the far end of every chart, where the generator
/// is no monomial times a unit and leaves no chart a leaf. Halved, the near
/// piece has the generator's factor `e − u_j` as a unit, and the far piece,
/// away from 0, is translated to a zero on the face ([`face_zero`]).
fn far_face_split(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Vec<Interval>>> {
    divisor_faces(chart, vanishing)
        .find(|(_, e)| !e.is_zero())
        .map(|(j, e)| split(&chart.domain, j, e * half()))
}

/// Global problems: the box halved towards a hyperplane `u_j = r` inside
/// it, off the origin, on which a generator vanishes identically (a
/// rational linear factor `u_j − r`). A blow-up at the origin carries such
/// a factor into every chart, where it vanishes inside the box and leaves
/// no chart a leaf: the blow-up {b₁, b₂} of a box scaled unevenly puts
/// `b₁ = b₂` at `b₂′ = 1/8`, a factor `8b₂′ − 1` of LDA's second
/// document. Halved at r/2, the near piece has the factor as a unit, and
/// the far piece, away from 0, is translated to where the hyperplane meets
/// the other branches of the zero set ([`branch_crossing`]).
fn divisor_plane_split(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Vec<Interval>>> {
    if chart.fiber.is_some() {
        return None;
    }
    let gens = vanishing.iter().flat_map(|f| f.polys());
    for g in gens.filter(|g| g.degree() > 1) {
        let Some((lines, rest)) = crate::poly::factor::linear_factors(g) else {
            continue;
        };
        let last = (rest.degree() == 1).then_some(&rest);
        for l in lines.keys().chain(last) {
            let vars: Vec<usize> = (0..l.nvars()).filter(|&i| l.depends_on(i)).collect();
            let [j] = vars[..] else { continue };
            let root = -l.constant_term() / l.derivative(j).constant_term();
            let iv = &chart.domain[j];
            if !root.is_zero() && iv.lo < root && root < iv.hi && iv.contains_zero() {
                return Some(split(&chart.domain, j, root * half()));
            }
        }
    }
    None
}

/// Boundary translation, for global problems: a zero of K on a divisor
/// face (see [`divisor_faces`]), to be translated to the origin, where the
/// face becomes the coordinate hyperplane of the next blow-up. The grid's
/// first zero may lie off it (five mixture components: a₄ = 1/4 on
/// a₄ ∈ [1/4, 1/2], the weight's factor 1 − a₄ vanishing at the far end),
/// and translations to such zeros creep towards the face by halves
/// without end. Faces away from 0 come first: a face `u_j = 0` is a
/// coordinate hyperplane already (four location-scale components:
/// a₁B₁² vanishing on a₁ = 0, while 1 − a₂ vanishes at the far end of
/// a₂ ∈ [1/2, 1]). On the face, the point nearest the origin is tried
/// before the grid: the grid's first zero may lie at the end of another
/// interval that holds 0, and the next translation would creep towards 0
/// in that coordinate instead.
fn face_zero(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    let (away, at_zero): (Vec<_>, Vec<_>) =
        divisor_faces(chart, vanishing).partition(|(_, e)| !e.is_zero());
    away.into_iter().chain(at_zero).find_map(|(j, e)| {
        let mut face = chart.domain.clone();
        face[j] = Interval {
            lo: e.clone(),
            hi: e.clone(),
        };
        let nearest: Vec<Rational> = face.iter().map(nearest_to_zero).collect();
        if is_zero_of(vanishing, &nearest) {
            Some(nearest)
        } else {
            grid_zero_in(&face, vanishing)
        }
    })
}

/// The point of an interval nearest 0.
fn nearest_to_zero(iv: &Interval) -> Rational {
    if iv.contains_zero() {
        Rational::zero()
    } else if iv.lo > Rational::zero() {
        iv.lo.clone()
    } else {
        iv.hi.clone()
    }
}

/// When a centre coordinate's interval straddles 0 unevenly, the cut that
/// leaves a symmetric interval around 0 (and the rest as separate boxes).
fn symmetric_cut(chart: &Chart, centre: &[usize]) -> Option<Vec<Vec<Interval>>> {
    for &i in centre {
        let iv = &chart.domain[i];
        if iv.straddles_zero() && -iv.lo.clone() != iv.hi {
            let r = (-iv.lo.clone()).min(iv.hi.clone());
            let cut = if iv.hi > r { r } else { -r };
            return Some(split(&chart.domain, i, cut));
        }
    }
    None
}

fn split(domain: &[Interval], axis: usize, at: Rational) -> Vec<Vec<Interval>> {
    let mut left = domain.to_vec();
    left[axis].hi = at.clone();
    let mut right = domain.to_vec();
    right[axis].lo = at;
    vec![left, right]
}

/// The box cut at half its extent on each side of 0 in every coordinate:
/// a central box around the origin and the pieces around it.
fn around_origin(domain: &[Interval]) -> Vec<Vec<Interval>> {
    let all: Vec<usize> = (0..domain.len()).collect();
    around_origin_in(domain, &all)
}

/// The box halved around the origin in the coordinates `coords` only.
fn around_origin_in(domain: &[Interval], coords: &[usize]) -> Vec<Vec<Interval>> {
    let mut out = Vec::new();
    let mut centre = domain.to_vec();
    for &i in coords {
        let iv = centre[i].clone();
        let lo = &iv.lo * half();
        let hi = &iv.hi * half();
        if iv.lo.is_negative() {
            let mut piece = centre.clone();
            piece[i] = Interval {
                lo: iv.lo.clone(),
                hi: lo.clone(),
            };
            out.push(piece);
        }
        if iv.hi.is_positive() {
            let mut piece = centre.clone();
            piece[i] = Interval {
                lo: hi.clone(),
                hi: iv.hi.clone(),
            };
            out.push(piece);
        }
        centre[i] = Interval { lo, hi };
    }
    out.insert(0, centre);
    out
}

/// The narrowest reach (distance from the fixed value to the far end of the
/// interval) a coordinate is shrunk to around the fiber.
const NARROWEST_REACH: i64 = 1 << 12;

/// Local problems: the box shrunk to a quarter of its reach around the
/// fiber, in each coordinate that every piece of the fiber fixes at one
/// value. A factor, or a Jacobian, that has no zero on the (compact) fiber
/// has none on a small enough neighbourhood of it, which is all the local
/// zeta function sees; the rest of the box holds no point of the fiber.
/// A generator such as `1/741 + c/357 + a·b·c/170` with `b = 0` on the
/// fiber is smooth in `c` near it, but not over the whole box.
fn fiber_neighbourhood(chart: &Chart) -> Option<Vec<Interval>> {
    let pieces = chart.fiber.as_ref()?;
    let first = pieces.first()?;
    let narrowest = Rational::new(1.into(), NARROWEST_REACH.into());
    let mut near = chart.domain.clone();
    let mut shrunk = false;
    for (i, iv) in chart.domain.iter().enumerate() {
        let Some(v) = &first[i] else { continue };
        if pieces.iter().any(|p| p[i].as_ref() != Some(v)) {
            continue;
        }
        let reach = (&iv.hi - v).max(v - &iv.lo);
        if reach <= narrowest {
            continue;
        }
        let delta = reach / Rational::from_integer(4.into());
        near[i] = Interval {
            lo: iv.lo.clone().max(v - &delta),
            hi: iv.hi.clone().min(v + &delta),
        };
        shrunk = true;
    }
    shrunk.then_some(near)
}

/// Whether a point of the box lies on the fiber over the point of a local
/// problem (always, for a global one).
fn on_fiber(chart: &Chart, x: &[Rational]) -> bool {
    chart.fiber.as_ref().is_none_or(|pieces| {
        pieces.iter().any(|piece| {
            piece
                .iter()
                .zip(x)
                .all(|(fixed, v)| fixed.as_ref().is_none_or(|c| c == v))
        })
    })
}

/// A rational point of the box where every polynomial of some vanishing
/// factor is zero: from the sample grid, preferring small denominators, or
/// else a singular point of the zero set found by elimination (a smooth
/// one off the grid is left to bisection and smooth leaves).
fn rational_zero(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    grid_zero(chart, vanishing).or_else(|| {
        vanishing
            .iter()
            .find_map(|f| super::stratify::singular_zero(chart, f))
    })
}

/// A zero on the fiber where branches of the zero set that are hyperplanes
/// cross (see [`stratify::branch_crossing`](super::stratify::branch_crossing)).
fn branch_crossing(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    vanishing
        .iter()
        .find_map(|f| super::stratify::branch_crossing(chart, f))
        .filter(|p| on_fiber(chart, p))
}

/// Translation to the hyperplanes that hold the zero set. Where the one
/// vanishing factor is a sum of squares with a generator `a·u_j + c` in a
/// single coordinate, K vanishes only on `u_j = −c/a`; with that root
/// inside the interval and not 0 (a bias written `b − 1` on [1/2, 2]), the
/// translation makes the hyperplane a coordinate one, and the chart one
/// at the origin in u_j, before any cut or sampled zero has to find it.
fn coordinate_roots(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    let [Factor::Sos(gens)] = vanishing else {
        return None;
    };
    let mut p = vec![Rational::zero(); chart.dim()];
    for (_, g) in gens {
        let vars: Vec<usize> = (0..chart.dim()).filter(|&j| g.depends_on(j)).collect();
        let [j] = vars[..] else { continue };
        if g.degree_in(j) != 1 || !p[j].is_zero() {
            continue;
        }
        let root = -g.constant_term() / g.derivative(j).constant_term();
        if chart.domain[j].lo <= root && root <= chart.domain[j].hi {
            p[j] = root;
        }
    }
    p.iter().any(|x| !x.is_zero()).then_some(p)
}

/// Translation of the coordinates that keep away from 0 to their end
/// nearest it, where the zero set is a cylinder along them: every vanishing
/// polynomial is identically 0 where the other coordinates are, and enters
/// through units only (the coefficient of each monomial in the other
/// coordinates has no zero on the box: a hidden unit's σ ∈ [1/3, 2/3] that
/// enters a Boltzmann machine's generators only through σ(1 − σ)). The
/// chart then holds the origin, and the blow-ups there treat those
/// coordinates as parameters. A coefficient that vanishes somewhere (a
/// mixture weight's 1 − a on [1/2, 1]) is left to the far-face split and
/// the boundary translation: translated here, the box would be halved
/// towards it for ever.
fn cylinder_base(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    const MAX_TERMS: usize = 2000;
    let reach: Vec<usize> = (0..chart.dim())
        .filter(|&j| chart.domain[j].contains_zero())
        .collect();
    if reach.len() == chart.dim() || vanishing.is_empty() {
        return None;
    }
    let polys: Vec<&crate::poly::Poly> = vanishing.iter().flat_map(|f| f.polys()).collect();
    if polys.iter().map(|g| g.len()).sum::<usize>() > MAX_TERMS {
        return None;
    }
    let in_reach =
        |e: &crate::poly::Exponent| -> Vec<u32> { reach.iter().map(|&j| e[j]).collect() };
    let through_units = |g: &crate::poly::Poly| {
        let mut monomials: Vec<Vec<u32>> = g.terms().map(|(e, _)| in_reach(e)).collect();
        monomials.sort_unstable();
        monomials.dedup();
        monomials.iter().all(|m| {
            let mut monomial = vec![0; chart.dim()];
            for (&j, &k) in reach.iter().zip(m) {
                monomial[j] = k;
            }
            let coefficient = g
                .filter_terms(|e| in_reach(e) == *m)
                .div_monomial(&monomial);
            poly_nonvanishing(&coefficient, &chart.domain)
        })
    };
    let cylinder = polys
        .iter()
        .all(|g| g.restrict_zero(&reach).is_zero() && through_units(g));
    cylinder.then(|| chart.domain.iter().map(nearest_to_zero).collect())
}

/// A point of the sample grid where every polynomial of some vanishing
/// factor is zero, preferring small denominators.
fn grid_zero(chart: &Chart, vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    grid_zero_in(&chart.domain, vanishing)
}

/// [`grid_zero`] on a box of the chart's coordinates (a face, say).
fn grid_zero_in(domain: &[Interval], vanishing: &[&Factor]) -> Option<Vec<Rational>> {
    let points = sample::grid_with_budget(domain, 256);
    let height = |p: &Vec<Rational>| -> (u64, Vec<Rational>) {
        let h = p.iter().map(|x| x.denom().bits() + x.numer().bits()).sum();
        (h, p.clone())
    };
    points
        .into_iter()
        .filter(|p| is_zero_of(vanishing, p))
        .min_by_key(height)
}

/// Whether `p` is a zero of K: every polynomial of some vanishing factor
/// is 0 there.
fn is_zero_of(vanishing: &[&Factor], p: &[Rational]) -> bool {
    vanishing
        .iter()
        .any(|f| f.polys().iter().all(|g| g.eval(p).is_zero()))
}
