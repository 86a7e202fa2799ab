//! Certifying that a chart is a leaf: that its poles can be read off.
//!
//! - Normal crossing: every factor is certified non-vanishing on the box, so
//!   K = u^k · (unit) and the poles are `(h_i + 1)/k_i` over the coordinates
//!   that can be 0 (DESIGN.md §2).
//! - Smooth: all factors but one are non-vanishing, and the remaining one is
//!   `f^e` with `∂f/∂u_j ≠ 0` on the box for a coordinate `u_j` carrying no
//!   monomial — or a sum of squares of generators `g_1..g_r` that are
//!   triangular in such coordinates with non-vanishing diagonal derivatives.
//!   Then `(…, v = f, …)` (resp. `v_l = g_l`) is an injective change of
//!   coordinates on the box (monotone in `u_j`, solved one at a time), with a
//!   unit Jacobian, in which K = u^k · v^e · unit (resp. u^k · Σ c_l v_l² · unit,
//!   a non-degenerate quadratic form in r variables: pole r/2, order 1).
//!   The zero set {f = 0} must be certified to meet the box, and for the
//!   order, to meet the coordinate subspaces it is combined with.

use num_traits::{Signed, Zero};

use super::chart::Chart;
use super::sample;
use crate::poly::bernstein::{sign_on_box, BoxSign};
use crate::poly::{Poly, Rational};
use crate::problem::{Factor, Interval};
use crate::residue::Pole;

/// How a leaf was certified.
#[derive(Clone, Debug, PartialEq)]
pub enum LeafKind {
    /// Every factor is a unit on the box.
    NormalCrossing,
    /// Factor `factor` is smooth and used as new coordinate(s) in place of `coords`.
    Smooth {
        /// Index of the smooth factor.
        factor: usize,
        /// The coordinates it replaces, one per generator, in the generators' order.
        coords: Vec<usize>,
    },
}

/// A certified leaf and its poles.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaf {
    /// How it was certified.
    pub kind: LeafKind,
    /// λ of this chart (None when K has no zero on the chart's box).
    pub leading: Option<Pole>,
    /// All candidate poles, increasing λ, with their largest possible orders.
    pub candidates: Vec<Pole>,
}

/// Subdivision budget of one sign certificate.
const SIGN_BUDGET: usize = 8;

/// The corners and the centre of a box: cheap exact witnesses of a sign change.
fn probe_points(domain: &[Interval]) -> Vec<Vec<Rational>> {
    let d = domain.len();
    let mut points = vec![domain
        .iter()
        .map(|iv| (&iv.lo + &iv.hi) / Rational::from_integer(2.into()))
        .collect()];
    if d <= 6 {
        for mask in 0u32..(1 << d) {
            points.push(
                (0..d)
                    .map(|i| {
                        if mask >> i & 1 == 1 {
                            domain[i].hi.clone()
                        } else {
                            domain[i].lo.clone()
                        }
                    })
                    .collect(),
            );
        }
    }
    points
}

/// Whether `p` is certified to have no zero on the box.
pub fn poly_nonvanishing(p: &Poly, domain: &[Interval]) -> bool {
    if p.degree() == 0 {
        return !p.constant_term().is_zero();
    }
    // A zero or a sign change at a probe point settles it without Bernstein.
    let mut signs = probe_points(domain).into_iter().map(|x| p.eval(&x));
    let first = signs.next().expect("the centre");
    if first.is_zero() || signs.any(|v| v.is_zero() || v.is_positive() != first.is_positive()) {
        return false;
    }
    matches!(sign_on_box(p, domain, SIGN_BUDGET), BoxSign::Positive(_))
        || matches!(
            sign_on_box(&p.neg(), domain, SIGN_BUDGET),
            BoxSign::Positive(_)
        )
}

/// Whether a factor is certified to have no zero on the box.
pub fn factor_nonvanishing(f: &Factor, domain: &[Interval]) -> bool {
    match f {
        Factor::Power(p, _) => poly_nonvanishing(p, domain),
        Factor::Sos(gens) => {
            let common_zero_at = |x: &Vec<Rational>| gens.iter().all(|(_, g)| g.eval(x).is_zero());
            if probe_points(domain).iter().any(common_zero_at) {
                return false;
            }
            gens.iter().any(|(_, g)| poly_nonvanishing(g, domain))
                || f.expand(&Default::default()).is_ok_and(|s| {
                    matches!(sign_on_box(&s, domain, SIGN_BUDGET), BoxSign::Positive(_))
                })
        }
    }
}

/// Whether the polynomials have a common zero on the box: `Some(true)` with a
/// witness (an exact common zero, or for one polynomial a sign change, by the
/// intermediate value theorem on the convex box), `Some(false)` when one of
/// them is certified non-vanishing, `None` when undecided.
pub fn common_zero(polys: &[&Poly], domain: &[Interval]) -> Option<bool> {
    if polys.iter().any(|p| poly_nonvanishing(p, domain)) {
        return Some(false);
    }
    let points = sample::grid_with_budget(domain, 256);
    if points
        .iter()
        .any(|x| polys.iter().all(|p| p.eval(x).is_zero()))
    {
        return Some(true);
    }
    if let [p] = polys {
        let mut neg = false;
        let mut pos = false;
        for x in &points {
            let v = p.eval(x);
            neg |= v.is_negative();
            pos |= v.is_positive();
            if neg && pos {
                return Some(true);
            }
        }
    }
    None
}

/// The face `{u_T = 0}` of the box (other intervals unchanged).
fn face(domain: &[Interval], zero: &[usize]) -> Vec<Interval> {
    let mut f = domain.to_vec();
    for &i in zero {
        f[i] = Interval {
            lo: Rational::zero(),
            hi: Rational::zero(),
        };
    }
    f
}

/// Tries to certify the chart as a leaf. `None` when it is not (yet) one.
pub fn certify(chart: &Chart) -> Option<Leaf> {
    let vanishing: Vec<usize> = (0..chart.factors.len())
        .filter(|&i| !factor_nonvanishing(&chart.factors[i], &chart.domain))
        .collect();
    let hyperplanes: Vec<(usize, Rational)> = chart
        .zeroable()
        .into_iter()
        .filter(|&i| chart.k[i] > 0)
        .map(|i| (i, Rational::new((chart.h[i] + 1).into(), chart.k[i].into())))
        .collect();
    match vanishing.as_slice() {
        [] => Some(normal_crossing(&hyperplanes)),
        [f] => smooth(chart, *f, &hyperplanes),
        _ => None,
    }
}

fn normal_crossing(hyperplanes: &[(usize, Rational)]) -> Leaf {
    let candidates = group(hyperplanes.iter().map(|(_, v)| v.clone()).collect());
    Leaf {
        kind: LeafKind::NormalCrossing,
        leading: candidates.first().cloned(),
        candidates,
    }
}

/// Candidate poles from values, each value's order the number of times it occurs.
fn group(mut values: Vec<Rational>) -> Vec<Pole> {
    values.sort();
    let mut poles: Vec<Pole> = Vec::new();
    for v in values {
        match poles.last_mut() {
            Some(p) if p.lambda == v => p.order += 1,
            _ => poles.push(Pole {
                lambda: v,
                order: 1,
            }),
        }
    }
    poles
}

fn free(chart: &Chart, j: usize) -> bool {
    chart.k[j] == 0 && chart.h[j] == 0
}

fn smooth(chart: &Chart, index: usize, hyperplanes: &[(usize, Rational)]) -> Option<Leaf> {
    let (polys, value, coords): (Vec<&Poly>, Rational, Vec<usize>) = match &chart.factors[index] {
        Factor::Power(f, e) => {
            let j = (0..chart.dim()).find(|&j| {
                free(chart, j)
                    && f.depends_on(j)
                    && poly_nonvanishing(&f.derivative(j), &chart.domain)
            })?;
            (vec![f], Rational::new(1.into(), (*e).into()), vec![j])
        }
        Factor::Sos(gens) if gens.len() == 1 => {
            let f = &gens[0].1;
            let j = (0..chart.dim()).find(|&j| {
                free(chart, j)
                    && f.depends_on(j)
                    && poly_nonvanishing(&f.derivative(j), &chart.domain)
            })?;
            (vec![f], Rational::new(1.into(), 2.into()), vec![j])
        }
        Factor::Sos(gens) => {
            let mut order = triangular(chart, gens.iter().map(|(_, g)| g).collect())?;
            // Recorded in the generators' order: coords[l] replaces generator l.
            order.sort();
            let polys = gens.iter().map(|(_, g)| g).collect();
            let coords = order.iter().map(|(_, j)| *j).collect();
            (
                polys,
                Rational::new((gens.len() as u32).into(), 2.into()),
                coords,
            )
        }
    };
    if common_zero(&polys, &chart.domain)? {
        // fall through: the smooth component meets the box
    } else {
        return None;
    }
    let mut values: Vec<Rational> = hyperplanes.iter().map(|(_, v)| v.clone()).collect();
    values.push(value.clone());
    let lambda = values
        .iter()
        .min()
        .cloned()
        .expect("at least the smooth component");
    let attaining: Vec<usize> = hyperplanes
        .iter()
        .filter(|(_, v)| *v == lambda)
        .map(|(i, _)| *i)
        .collect();
    let order = if value == lambda {
        // The largest set of attaining hyperplanes that the smooth component meets.
        let mut best = None;
        for size in (0..=attaining.len()).rev() {
            for subset in subsets(&attaining, size) {
                let restricted: Vec<Poly> =
                    polys.iter().map(|p| p.restrict_zero(&subset)).collect();
                let refs: Vec<&Poly> = restricted.iter().collect();
                match common_zero(&refs, &face(&chart.domain, &subset)) {
                    Some(true) => {
                        best = Some(size + 1);
                        break;
                    }
                    Some(false) => {}
                    None => return None,
                }
            }
            if best.is_some() {
                break;
            }
        }
        best?.max(attaining.len())
    } else {
        attaining.len()
    };
    let mut candidates = group(values);
    if let Some(p) = candidates.iter_mut().find(|p| p.lambda == lambda) {
        p.order = order;
    }
    Some(Leaf {
        kind: LeafKind::Smooth {
            factor: index,
            coords,
        },
        leading: Some(Pole { lambda, order }),
        candidates,
    })
}

fn subsets(items: &[usize], size: usize) -> Vec<Vec<usize>> {
    if size == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        for mut rest in subsets(&items[i + 1..], size - 1) {
            rest.insert(0, x);
            out.push(rest);
        }
    }
    out
}

/// An order `(generator, coordinate)` in which each generator involves none of
/// the later coordinates and has a non-vanishing derivative in its own.
fn triangular(chart: &Chart, gens: Vec<&Poly>) -> Option<Vec<(usize, usize)>> {
    let r = gens.len();
    if r > 6 {
        return None;
    }
    let free_coords: Vec<usize> = (0..chart.dim()).filter(|&j| free(chart, j)).collect();
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    // Build from the last generator backwards: the last one may involve every chosen
    // coordinate; a generator can go last if its coordinate is not used by the others.
    let mut remaining: Vec<usize> = (0..r).collect();
    let mut used: Vec<usize> = Vec::new();
    while !remaining.is_empty() {
        let pick = remaining.iter().enumerate().find_map(|(pos, &g)| {
            free_coords
                .iter()
                .copied()
                .find(|&j| {
                    !used.contains(&j)
                        && gens[g].depends_on(j)
                        && remaining.iter().all(|&o| o == g || !gens[o].depends_on(j))
                        && poly_nonvanishing(&gens[g].derivative(j), &chart.domain)
                })
                .map(|j| (pos, g, j))
        });
        let (pos, g, j) = pick?;
        remaining.remove(pos);
        used.push(j);
        chosen.push((g, j));
    }
    chosen.reverse();
    Some(chosen)
}
