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

/// A direction for the next slice: half the time a coordinate axis (the
/// thin regions {K < t} of singular K often run along axes, where a move
/// along the axis stays inside), otherwise a direction drawn from the live
/// points' covariance. Scaled to one standard deviation of the live points.
fn slice_direction(chol: &[Vec<f64>], rng: &mut Rng) -> Vec<f64> {
    let d = chol.len();
    if rng.uniform() < 0.5 {
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

/// One exact slice-sampling update of `x` along `direction`: the chord of
/// the box through x is cut to {K < t} and {prior > level} at the real
/// roots of K and of the prior along it, and the update draws a uniform
/// point of the interval that holds x, shrinking it towards x at every
/// point where evaluating K shows the roots were off (Neal 2003's
/// shrinkage, from a bracket that is the slice itself).
///
/// Only the interval that holds x: the coefficients along the line are
/// exact to the last bits near x, where {K < t} is resolved however thin,
/// but far along the chord K's terms cancel to below t and other pieces
/// of the slice are lost in rounding or made up by it. Drawing from all
/// pieces would then go where the rounding allows, not where the prior
/// is; the interval that holds x is the same from each of its points, so
/// the update keeps the target distribution.
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
    let (lo, hi) = target.in_box(x, direction, f64::NEG_INFINITY, f64::INFINITY);
    // The restriction costs about one evaluation of K.
    let Some(k) = target.k.along(x, direction, scratch) else {
        return Step::Inexact(1);
    };
    let evaluations = 1;
    k[0] -= t;
    let mut cuts = line::roots(k, lo, hi);
    let prior = (!constant_prior).then(|| {
        let mut p = Vec::new();
        target.prior.along(x, direction, &mut p);
        p[0] -= level;
        p
    });
    if let Some(p) = &prior {
        cuts.extend(line::roots(p, lo, hi));
        cuts.sort_by(f64::total_cmp);
    }
    // The interval between the cuts on either side of x (s = 0).
    let below = cuts.iter().rev().find(|c| **c < 0.0).copied().unwrap_or(lo);
    let above = cuts.iter().find(|c| **c > 0.0).copied().unwrap_or(hi);
    let (a, b) = (below.max(lo), above.min(hi));
    if !(a <= 0.0 && 0.0 <= b && b > a) {
        return Step::Inexact(evaluations);
    }
    shrink(x, direction, t, target, level, (a, b), evaluations, rng)
}

/// Neal's shrinkage: a uniform point of the bracket (a, b) ∋ 0 along
/// `direction` where K < t and the prior is above `level`, the bracket
/// shrinking towards x (s = 0) at every rejected point. 60 halvings take
/// it below any width a double resolves, so the update always ends.
#[allow(clippy::too_many_arguments)]
fn shrink(
    x: &mut Vec<f64>,
    direction: &[f64],
    t: f64,
    target: &Target,
    level: f64,
    (mut a, mut b): (f64, f64),
    mut evaluations: u64,
    rng: &mut Rng,
) -> Step {
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
    shrink(x, direction, t, target, level, bracket, 0, rng)
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
            let direction = slice_direction(&chol, rng);
            // Every fourth update shrinks a bracket of three standard
            // deviations instead: it can land in another piece of the
            // slice along the line (another branch of the zero set),
            // which the exact update, confined to the piece that holds x,
            // cannot.
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
