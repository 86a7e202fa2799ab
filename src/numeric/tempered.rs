//! The thermodynamic estimator: Metropolis sampling of the tempered posterior
//! p_n(w) ∝ e^{−n·K(w)} φ(w) on the box, for an increasing ladder of n.
//! Since F_n = −ln Z(n) = λ ln n − (m − 1) ln ln n + O(1) and
//! dF_n/dn = E_n[K], the learning-coefficient statistic n·E_n[K] tends to
//! λ − (m − 1)/ln n (Watanabe 2013, WBIC; Lau et al. 2023, the local
//! learning coefficient). A fit of n·E_n[K] = λ − μ/ln n over the ladder
//! gives λ, and μ estimates m − 1. The chains are annealed: each n starts
//! from the states reached at the previous one. Independent of the nested
//! sampler: it shares only the problem and the random generator's algorithm.

use super::rng::Rng;

/// One chain's n·E_n[K] at each rung of the ladder.
pub fn chain(
    k: &dyn Fn(&[f64]) -> f64,
    prior: &dyn Fn(&[f64]) -> f64,
    domain: &[(f64, f64)],
    ladder: &[f64],
    steps: usize,
    rng: &mut Rng,
) -> (Vec<f64>, u64) {
    let d = domain.len();
    let inside = |x: &[f64]| x.iter().zip(domain).all(|(v, (lo, hi))| v >= lo && v <= hi);
    // Start at the best of a few uniform draws (with positive prior).
    let mut x: Vec<f64> = Vec::new();
    let mut best = f64::INFINITY;
    for _ in 0..200 {
        let y: Vec<f64> = domain
            .iter()
            .map(|(lo, hi)| lo + (hi - lo) * rng.uniform())
            .collect();
        let ky = k(&y);
        if prior(&y) > 0.0 && ky < best {
            best = ky;
            x = y;
        }
    }
    let mut evaluations = 200u64;
    if x.is_empty() {
        // No start with a positive prior and a reliable K: no estimate.
        return (vec![f64::NAN; ladder.len()], evaluations);
    }
    let mut kx = k(&x);
    let mut px = prior(&x);
    let mut scale: Vec<f64> = domain.iter().map(|(lo, hi)| (hi - lo) / 10.0).collect();
    let mut out = Vec::with_capacity(ladder.len());
    for &n in ladder {
        let mut sum = 0.0;
        let mut count = 0usize;
        for step in 0..2 * steps {
            if step.is_multiple_of(64) {
                crate::budget::checkpoint();
            }
            let j = rng.below(d);
            let mut y = x.clone();
            y[j] += scale[j] * rng.normal();
            let mut ok = false;
            if inside(&y) {
                let py = prior(&y);
                if py > 0.0 {
                    let ky = k(&y);
                    evaluations += 1;
                    let log_ratio = -n * (ky - kx) + (py / px).ln();
                    if log_ratio >= 0.0 || rng.uniform().ln() < log_ratio {
                        x = y;
                        kx = ky;
                        px = py;
                        ok = true;
                    }
                }
            }
            // The first half adapts the step (aiming at 30 % accepted) and burns in.
            if step < steps {
                let width = domain[j].1 - domain[j].0;
                scale[j] *= if ok { 1.02 } else { 0.99 };
                scale[j] = scale[j].clamp(1e-12 * width, width);
            } else {
                sum += kx;
                count += 1;
            }
        }
        out.push(n * sum / count as f64);
    }
    (out, evaluations)
}
