//! Nested sampling of the prior restricted to {K < t} (Skilling 2006).
//!
//! Live points are drawn from the prior on the box; at each step the one
//! with the largest K is retired, its K value `t_i` recorded, and replaced by
//! a point drawn from the prior restricted to {K < t_i} (a constrained
//! Metropolis walk started at another live point, with proposals shaped by
//! the live points' covariance). After `i` steps the prior volume of
//! {K < t_i} is `V(t_i) ≈ exp(−i/N)`, so one run traces V(t) over as many
//! decades as it is run for.

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
}

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Number of live points N.
    pub live: usize,
    /// Metropolis steps per replacement.
    pub steps: usize,
    /// Stop once K of the retired point is below this.
    pub t_min: f64,
    /// Stop after this many retirements in any case.
    pub max_iterations: usize,
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

/// One nested-sampling run. `k` and `prior` are evaluated at points of the box.
pub fn run(
    k: &dyn Fn(&[f64]) -> f64,
    prior: &dyn Fn(&[f64]) -> f64,
    domain: &[(f64, f64)],
    settings: &Settings,
    rng: &mut Rng,
) -> Trace {
    let d = domain.len();
    let inside = |x: &[f64]| x.iter().zip(domain).all(|(v, (lo, hi))| v >= lo && v <= hi);
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
    while live.len() < settings.live {
        let x = uniform_point(rng);
        if bound <= 0.0 || rng.uniform() * bound <= prior(&x) {
            live.push(x);
        }
    }
    let mut values: Vec<f64> = live.iter().map(|x| k(x)).collect();
    trace.evaluations += values.len() as u64;
    let mut scale = 1.0f64;
    let mut chol = cholesky(&covariance(&live));
    let n = settings.live as f64;
    for i in 1..=settings.max_iterations {
        let worst = (0..live.len())
            .max_by(|&a, &b| values[a].total_cmp(&values[b]))
            .expect("live points");
        let t = values[worst];
        // NaN counts as done, as does reaching the bottom of the window.
        if t.is_nan() || t <= settings.t_min {
            break;
        }
        trace.log_t.push(t.ln());
        trace.log_v.push(-(i as f64) / n);
        if i % (settings.live / 4).max(1) == 0 {
            chol = cholesky(&covariance(&live));
        }
        // Walk from a copy of another live point, staying below t.
        let mut start = rng.below(live.len());
        if start == worst {
            start = (start + 1) % live.len();
        }
        let mut x = live[start].clone();
        let mut px = prior(&x);
        let mut accepted = 0usize;
        for _ in 0..settings.steps {
            let z: Vec<f64> = (0..d).map(|_| rng.normal()).collect();
            let y: Vec<f64> = (0..d)
                .map(|a| x[a] + scale * (0..=a).map(|b| chol[a][b] * z[b]).sum::<f64>())
                .collect();
            if !inside(&y) {
                continue;
            }
            let py = prior(&y);
            if py <= 0.0 || rng.uniform() * px > py {
                continue;
            }
            let ky = k(&y);
            trace.evaluations += 1;
            if ky < t {
                x = y;
                px = py;
                accepted += 1;
            }
        }
        // Aim at about half of the proposals accepted.
        let rate = accepted as f64 / settings.steps as f64;
        scale *= if rate > 0.5 { 1.15 } else { 1.0 / 1.15 };
        scale = scale.clamp(1e-12, 10.0);
        values[worst] = k(&x);
        live[worst] = x;
        trace.evaluations += 1;
    }
    trace
}
