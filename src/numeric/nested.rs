//! Nested sampling of the prior restricted to {K < t} (Skilling 2006).
//!
//! Live points are drawn from the prior on the box; at each step the one
//! with the largest K is retired, its K value `t_i` recorded, and replaced by
//! a point drawn from the prior restricted to {K < t_i}: a slice-sampling
//! walk (Neal 2003; as in PolyChord, Handley et al. 2015) started at another
//! live point, along coordinate axes and directions shaped by the live
//! points' covariance. After `i` steps the prior volume of {K < t_i} is
//! `V(t_i) ≈ exp(−i/N)`, so one run traces V(t) over as many decades as it
//! is run for — or until the walk can no longer follow the region (it stops
//! moving) or K's digits cancel away (see `float_k`).

use super::eval::FloatPoly;
use super::line;
use super::objective::{LineScratch, Objective};
use super::rng::Rng;

/// The retired points of one run: `log t_i` and `log V(t_i) ≈ −i/N`.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// ln of the retired K values, decreasing.
    pub log_t: Vec<f64>,
    /// ln of the prior volume below them, `−i/N`.
    pub log_v: Vec<f64>,
    /// Number of evaluations of K.
    pub evaluations: u64,
    /// The live points when the run ended: where {K < t} is at the bottom.
    pub live: Vec<Vec<f64>>,
}

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Number of live points N.
    pub live: usize,
    /// Slice-sampling steps per replacement.
    pub steps: usize,
    /// Stop once K of the retired point is below this.
    pub t_min: f64,
    /// Stop after this many retirements in any case.
    pub max_iterations: usize,
    /// The top of the fit window: once K of the retired point is below it,
    /// stop after `window_iterations` more retirements.
    pub t_top: f64,
    /// Retirements in the fit window at most.
    pub window_iterations: usize,
    /// The largest λ the problem can have: a local slope −d ln V/d ln t
    /// well above it means the walk has lost the region (see `run`).
    pub max_lambda: f64,
}

/// `L` lower-triangular with `L Lᵀ = c + εI`.
#[allow(clippy::needless_range_loop)] // the textbook index form is the clearest here
fn cholesky(c: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let d = c.len();
    let scale = (0..d).map(|i| c[i][i]).fold(0.0f64, f64::max).max(1e-300);
    let mut l = vec![vec![0.0; d]; d];
    for i in 0..d {
        for j in 0..=i {
            let mut s = c[i][j] + if i == j { 1e-9 * scale } else { 0.0 };
            for k in 0..j {
                s -= l[i][k] * l[j][k];
            }
            l[i][j] = if i == j {
                s.max(1e-300).sqrt()
            } else {
                s / l[j][j]
            };
        }
    }
    l
}

#[allow(clippy::needless_range_loop)]
fn covariance(points: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let d = points[0].len();
    let n = points.len() as f64;
    let mean: Vec<f64> = (0..d)
        .map(|i| points.iter().map(|p| p[i]).sum::<f64>() / n)
        .collect();
    let mut c = vec![vec![0.0; d]; d];
    for p in points {
        for i in 0..d {
            for j in 0..=i {
                c[i][j] += (p[i] - mean[i]) * (p[j] - mean[j]) / n;
            }
        }
    }
    for i in 0..d {
        for j in 0..i {
            c[j][i] = c[i][j];
        }
    }
    c
}

/// A direction for the next slice: a coordinate axis (the thin regions
/// {K < t} of singular K often run along axes, where a move along the axis
/// stays inside), or, with probability `covariance_share`, a direction
/// drawn from the live points' covariance. Scaled to one standard
/// deviation of the live points.
fn slice_direction(chol: &[Vec<f64>], covariance_share: f64, rng: &mut Rng) -> Vec<f64> {
    let d = chol.len();
    if rng.uniform() < 1.0 - covariance_share {
        let j = rng.below(d);
        let sigma = chol[j].iter().map(|v| v * v).sum::<f64>().sqrt();
        (0..d).map(|a| if a == j { sigma } else { 0.0 }).collect()
    } else {
        let z: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
        let norm = z.iter().map(|v| v * v).sum::<f64>().sqrt().max(1e-300);
        (0..d)
            .map(|a| (0..=a).map(|b| chol[a][b] * z[b]).sum::<f64>() / norm)
            .collect()
    }
}

/// The share of the walk's directions drawn from the live points'
/// covariance: half while the live points are at least twice as many as
/// the coordinates, none below. Fewer live points than that do not resolve
/// the covariance of d coordinates, and measured at 32 and 64 parameters
/// (reduced rank regressions, deep linear networks) the walk along axes
/// alone decorrelated better per step and per second: RRR 8-8-4 came out
/// 16 % low with half its directions from the covariance, within 1 % along
/// axes alone, at two thirds of the time.
fn covariance_share(live: usize, d: usize) -> f64 {
    if live >= 2 * d {
        0.5
    } else {
        0.0
    }
}

/// What the walk samples: the prior restricted to {K < t} and to the box.
pub struct Target<'a> {
    /// K, compiled.
    pub(crate) k: &'a Objective,
    /// The prior density (up to a constant).
    pub(crate) prior: &'a FloatPoly,
    /// The box.
    pub domain: &'a [(f64, f64)],
}

impl Target<'_> {
    fn prior_at(&self, x: &[f64]) -> f64 {
        self.prior.eval(x).max(0.0)
    }

    fn inside(&self, y: &[f64]) -> bool {
        y.iter()
            .zip(self.domain)
            .all(|(v, (a, b))| v >= a && v <= b)
    }

    /// The interval of s for which x + s·d stays in the box, within (lo, hi).
    fn in_box(&self, x: &[f64], d: &[f64], mut lo: f64, mut hi: f64) -> (f64, f64) {
        for ((xa, da), (a, b)) in x.iter().zip(d).zip(self.domain) {
            if *da != 0.0 {
                let (s1, s2) = ((a - xa) / da, (b - xa) / da);
                lo = lo.max(s1.min(s2));
                hi = hi.min(s1.max(s2));
            }
        }
        (lo, hi)
    }
}

/// How one slice update ended.
enum Step {
    /// Moved by this length (in units of the direction), after this many
    /// evaluations of K.
    Moved(u64, f64),
    /// A proposal's K could not be evaluated reliably (NaN, see
    /// `Objective::value`): {K < t} is no longer known at this level.
    Lost,
    /// The exact slice could not be used (after this many evaluations).
    Inexact(u64),
}

/// The slice along a line through x: the intervals of s (x + s·d) inside
/// the box where K < t and the prior is above `level`, cut at the real roots
/// of K − t and of prior − level along the line and kept where the two
/// polynomials have the right signs at the midpoints. `None` where K along
/// the line is not reliable (see `Objective::along`).
fn slice_set(
    x: &[f64],
    direction: &[f64],
    t: f64,
    level: f64,
    target: &Target,
    constant_prior: bool,
    scratch: &mut LineScratch,
) -> Option<Vec<(f64, f64)>> {
    let (lo, hi) = target.in_box(x, direction, f64::NEG_INFINITY, f64::INFINITY);
    let k = target.k.along(x, direction, scratch)?;
    k[0] -= t;
    let mut cuts = vec![lo];
    cuts.extend(line::roots(k, lo, hi));
    let prior = (!constant_prior).then(|| {
        let mut p = Vec::new();
        target.prior.along(x, direction, &mut p);
        p[0] -= level;
        p
    });
    if let Some(p) = &prior {
        cuts.extend(line::roots(p, lo, hi));
    }
    cuts.push(hi);
    cuts.sort_by(f64::total_cmp);
    let inside = |s: f64| {
        line::horner(k, s) < 0.0 && prior.as_ref().is_none_or(|p| line::horner(p, s) > 0.0)
    };
    let mut pieces: Vec<(f64, f64)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b > a && inside(0.5 * (a + b)) {
            match pieces.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => pieces.push((a, b)),
            }
        }
    }
    Some(pieces)
}

/// One exact slice-sampling update of `x` along `direction`: a uniform
/// point y of the whole slice S(x) along the line ([`slice_set`]), accepted
/// when K(y) < t and the prior is above the level there (evaluated, not
/// read off the roots) and, as a Metropolis–Hastings move with the
/// proposal uniform on S, with probability min(1, |S(x)|/|S(y)|) provided
/// x ∈ S(y), S(y) computed afresh from y. With exact roots S(y) = S(x) and
/// every such proposal is accepted; the check makes the update keep the
/// target distribution whatever the rounding does to the roots far along
/// the chord, where K's terms cancel below t and pieces of the slice are
/// lost or made up, and it lets the walk jump between the branches of the
/// zero set that one line crosses.
fn exact_slice_step(
    x: &mut Vec<f64>,
    direction: &[f64],
    t: f64,
    target: &Target,
    constant_prior: bool,
    scratch: &mut LineScratch,
    rng: &mut Rng,
) -> Step {
    let level = rng.uniform() * target.prior_at(x);
    let Some(from) = slice_set(x, direction, t, level, target, constant_prior, scratch) else {
        return Step::Inexact(1);
    };
    let length = |pieces: &[(f64, f64)]| pieces.iter().map(|(a, b)| b - a).sum::<f64>();
    let total = length(&from);
    if total.is_nan() || total <= 0.0 {
        return Step::Inexact(1);
    }
    let mut u = rng.uniform() * total;
    let mut s = from.last().map_or(0.0, |p| p.1);
    for (a, b) in &from {
        if u < b - a {
            s = a + u;
            break;
        }
        u -= b - a;
    }
    let y: Vec<f64> = x.iter().zip(direction).map(|(p, q)| p + s * q).collect();
    let mut evaluations = 2;
    if !(target.inside(&y) && target.prior_at(&y) > level) {
        return Step::Moved(evaluations, 0.0);
    }
    let ky = target.k.value(&y);
    if ky.is_nan() {
        return Step::Lost;
    }
    if ky >= t {
        return Step::Moved(evaluations, 0.0);
    }
    evaluations += 1;
    let Some(back) = slice_set(&y, direction, t, level, target, constant_prior, scratch) else {
        return Step::Moved(evaluations, 0.0);
    };
    let returns = back.iter().any(|(a, b)| *a <= -s && -s <= *b);
    if returns && rng.uniform() * length(&back) <= total {
        *x = y;
        Step::Moved(evaluations, s.abs())
    } else {
        Step::Moved(evaluations, 0.0)
    }
}

/// Neal's shrinkage: a uniform point of the bracket (a, b) ∋ 0 along
/// `direction` where K < t and the prior is above `level`, the bracket
/// shrinking towards x (s = 0) at every rejected point. 60 halvings take
/// it below any width a double resolves, so the update always ends.
fn shrink(
    x: &mut Vec<f64>,
    direction: &[f64],
    t: f64,
    target: &Target,
    level: f64,
    (mut a, mut b): (f64, f64),
    rng: &mut Rng,
) -> Step {
    let mut evaluations = 0;
    for _ in 0..60 {
        let s = a + (b - a) * rng.uniform();
        let y: Vec<f64> = x.iter().zip(direction).map(|(p, q)| p + s * q).collect();
        if target.inside(&y) && target.prior_at(&y) > level {
            evaluations += 1;
            let ky = target.k.value(&y);
            if ky.is_nan() {
                return Step::Lost;
            }
            if ky < t {
                *x = y;
                return Step::Moved(evaluations, s.abs());
            }
        }
        if s < 0.0 {
            a = s;
        } else {
            b = s;
        }
    }
    Step::Moved(evaluations, 0.0)
}

/// One slice-sampling update of `x` along `direction` (Neal 2003, with the
/// shrinkage procedure): the target is the prior restricted to {K < t} and
/// to the box. A bracket of three directions' lengths placed at random
/// around `x`, cut to the box, shrinks towards `x` at every rejected point.
fn slice_step(x: &mut Vec<f64>, direction: &[f64], t: f64, target: &Target, rng: &mut Rng) -> Step {
    const WIDTH: f64 = 3.0;
    let level = rng.uniform() * target.prior_at(x);
    let r = rng.uniform();
    let bracket = target.in_box(x, direction, -r * WIDTH, (1.0 - r) * WIDTH);
    shrink(x, direction, t, target, level, bracket, rng)
}

/// The share of recent walks that did not move at all above which the
/// sampler is taken to be stuck.
const STUCK: f64 = 0.5;

/// One nested-sampling run. `k` and `prior` are evaluated at points of the box.
pub fn run(target: &Target, settings: &Settings, rng: &mut Rng) -> Trace {
    let domain = target.domain;
    let k = |x: &[f64]| target.k.value(x);
    let prior = |x: &[f64]| target.prior_at(x);
    let constant_prior = target.prior.degree() == 0;
    let mut scratch = LineScratch::default();
    let uniform_point = |rng: &mut Rng| -> Vec<f64> {
        domain
            .iter()
            .map(|(lo, hi)| lo + (hi - lo) * rng.uniform())
            .collect()
    };
    let mut trace = Trace::default();
    // Draw the live points from the prior by rejection against its largest sampled value.
    let probe: Vec<f64> = (0..2000).map(|_| prior(&uniform_point(rng))).collect();
    let bound = probe.iter().cloned().fold(0.0f64, f64::max) * 1.5;
    let mut live: Vec<Vec<f64>> = Vec::with_capacity(settings.live);
    let mut values: Vec<f64> = Vec::with_capacity(settings.live);
    let mut draws = 0usize;
    while live.len() < settings.live {
        draws += 1;
        // A prior that is almost nowhere positive, or a K that is almost
        // nowhere reliable, gives no run at all.
        if draws > 1000 * settings.live {
            return Trace { live, ..trace };
        }
        if draws.is_multiple_of(256) {
            crate::budget::checkpoint();
        }
        let x = uniform_point(rng);
        if bound <= 0.0 || rng.uniform() * bound <= prior(&x) {
            let kx = k(&x);
            trace.evaluations += 1;
            // A start where K's digits cancel away is a null set in practice: skip it.
            if !kx.is_nan() {
                live.push(x);
                values.push(kx);
            }
        }
    }
    let share = covariance_share(settings.live, domain.len());
    let mut chol = cholesky(&covariance(&live));
    let n = settings.live as f64;
    let mut recent_stuck = 0.0;
    let mut window_start = None;
    for i in 1..=settings.max_iterations {
        crate::budget::checkpoint();
        let worst = (0..live.len())
            .max_by(|&a, &b| values[a].total_cmp(&values[b]))
            .expect("live points");
        let t = values[worst];
        if t <= settings.t_min {
            break;
        }
        if t <= settings.t_top {
            let start = *window_start.get_or_insert(i);
            if i - start >= settings.window_iterations {
                break;
            }
        }
        trace.log_t.push(t.ln());
        trace.log_v.push(-(i as f64) / n);
        // Over the last 2N retirements V fell by e²; if t fell by much less
        // than λ_max allows, the live points are copies trapped in a part of
        // {K < t} that pinches off (the walk could not reach the rest). The
        // trace ends before that stretch.
        let span = 2 * settings.live;
        if i > span && i % (settings.live / 4).max(1) == 0 {
            let fall = trace.log_t[i - 1 - span] - trace.log_t[i - 1];
            if 2.0 / fall.max(1e-300) > 2.0 * settings.max_lambda {
                trace.log_t.truncate(i - span);
                trace.log_v.truncate(i - span);
                return Trace { live, ..trace };
            }
        }
        if i % (settings.live / 4).max(1) == 0 {
            chol = cholesky(&covariance(&live));
        }
        // Walk from a copy of another live point, staying below t.
        let mut start = rng.below(live.len());
        if start == worst {
            start = (start + 1) % live.len();
        }
        let mut x = live[start].clone();
        let mut moved = 0.0;
        for step_index in 0..settings.steps {
            let direction = slice_direction(&chol, share, rng);
            // Every fourth update shrinks a bracket of three standard
            // deviations instead: it needs no roots, and moves where the
            // exact update's check rejects (K along the line unreliable).
            let mut step = match step_index % 4 {
                3 => Step::Inexact(0),
                _ => exact_slice_step(
                    &mut x,
                    &direction,
                    t,
                    target,
                    constant_prior,
                    &mut scratch,
                    rng,
                ),
            };
            if let Step::Inexact(evaluations) = step {
                trace.evaluations += evaluations;
                step = slice_step(&mut x, &direction, t, target, rng);
            }
            match step {
                Step::Moved(evaluations, length) => {
                    trace.evaluations += evaluations;
                    moved += length;
                }
                Step::Inexact(_) => unreachable!("the bracketing update always ends"),
                // Below this level K's digits are lost: the trace ends here.
                Step::Lost => return Trace { live, ..trace },
            }
        }
        // A walk that no longer moves copies its start, and the volumes
        // recorded from then on would be wrong: when most recent walks
        // did not move at all, the region has become too thin to follow at
        // this precision, and the trace ends.
        let stuck = if moved == 0.0 { 1.0 } else { 0.0 };
        recent_stuck = 0.99 * recent_stuck + 0.01 * stuck;
        if recent_stuck > STUCK {
            return Trace { live, ..trace };
        }
        values[worst] = k(&x);
        live[worst] = x;
        trace.evaluations += 1;
    }
    Trace { live, ..trace }
}
