//! Polynomials restricted to a line, and their real roots.
//!
//! Along a line x + s·d a polynomial is a univariate polynomial in s, of
//! its total degree at most: once its coefficients are known, the set
//! {s : K(x + s·d) < t} is an exact union of intervals between real roots.
//! This is what makes the constrained walk cheap and exact: one slice step
//! costs a restriction (a few evaluations' worth) and a root isolation,
//! where a shrinking bracket spends dozens of evaluations of K when {K < t}
//! is many decades thinner than the live points' spread.

/// `a·b` for coefficient vectors (constant first), into `out`.
pub(crate) fn multiply_into(a: &[f64], b: &[f64], out: &mut Vec<f64>) {
    out.clear();
    if a.is_empty() || b.is_empty() {
        return;
    }
    out.resize(a.len() + b.len() - 1, 0.0);
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
}

/// `a + w·b²` in place.
pub(crate) fn add_square(a: &mut Vec<f64>, w: f64, b: &[f64]) {
    if b.is_empty() {
        return;
    }
    let n = 2 * b.len() - 1;
    if a.len() < n {
        a.resize(n, 0.0);
    }
    for (i, x) in b.iter().enumerate() {
        a[2 * i] += w * x * x;
        for (j, y) in b.iter().enumerate().skip(i + 1) {
            a[i + j] += 2.0 * w * x * y;
        }
    }
}

/// The value at `s` (Horner).
pub(crate) fn horner(p: &[f64], s: f64) -> f64 {
    p.iter().rev().fold(0.0, |acc, c| acc * s + c)
}

fn derivative(p: &[f64]) -> Vec<f64> {
    p.iter()
        .enumerate()
        .skip(1)
        .map(|(k, c)| k as f64 * c)
        .collect()
}

/// The real roots of `p` strictly inside (lo, hi), increasing, each to
/// about full precision: the roots of p′ cut the interval into pieces on
/// which p is monotone, and each piece whose ends differ in sign holds one
/// root, found by safeguarded Newton steps (Numerical Recipes' `rtsafe`).
/// Roots of even multiplicity, where p touches 0 without a sign change,
/// are found only when they are roots of p′ too (as they are): the
/// callers only need the points where p changes sign.
pub(crate) fn roots(p: &[f64], lo: f64, hi: f64) -> Vec<f64> {
    let mut p = p;
    while let Some((last, rest)) = p.split_last() {
        if *last != 0.0 {
            break;
        }
        p = rest;
    }
    match p.len() {
        0 | 1 => Vec::new(),
        2 => {
            let r = -p[0] / p[1];
            if r > lo && r < hi {
                vec![r]
            } else {
                Vec::new()
            }
        }
        3 => quadratic_roots(p[2], p[1], p[0])
            .into_iter()
            .flatten()
            .filter(|r| *r > lo && *r < hi)
            .collect(),
        _ => {
            let dp = derivative(p);
            let mut cuts = vec![lo];
            cuts.extend(roots(&dp, lo, hi));
            cuts.push(hi);
            let mut out = Vec::new();
            for w in cuts.windows(2) {
                let (a, b) = (w[0], w[1]);
                let (fa, fb) = (horner(p, a), horner(p, b));
                if fb == 0.0 {
                    if b < hi {
                        out.push(b);
                    }
                } else if fa != 0.0 && (fa < 0.0) != (fb < 0.0) {
                    out.push(monotone_root(p, &dp, a, b, fa));
                }
            }
            out.dedup();
            out
        }
    }
}

/// The real roots of a·s² + b·s + c (a ≠ 0), increasing, in the form that
/// loses no digits to cancellation (Numerical Recipes §5.6).
fn quadratic_roots(a: f64, b: f64, c: f64) -> [Option<f64>; 2] {
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 || !disc.is_finite() {
        return [None, None];
    }
    let q = -0.5 * (b + b.signum() * disc.sqrt());
    if q == 0.0 {
        return [Some(0.0), Some(0.0)];
    }
    let (r1, r2) = (q / a, c / q);
    [Some(r1.min(r2)), Some(r1.max(r2))]
}

/// The root of `p` in (a, b), where p is monotone and changes sign
/// (`fa` = p(a)).
///
/// The roots that matter lie at every scale: the slice through a point of
/// a thin region {K < t} is fifteen decades narrower than the box's chord.
/// So the bracket is split at its geometric mean while its ends differ by
/// more than a factor of two in magnitude (at 0 first, when it straddles
/// it): a binary search on the exponent, about ten steps to the root's
/// binade, where Newton steps then converge.
fn monotone_root(p: &[f64], dp: &[f64], a: f64, b: f64, fa: f64) -> f64 {
    // Keep p(lo) < 0 < p(hi) in the bracket's orientation.
    let (mut lo, mut hi) = if fa < 0.0 { (a, b) } else { (b, a) };
    let split = |lo: f64, hi: f64| -> f64 {
        if (lo < 0.0) != (hi < 0.0) && lo != 0.0 && hi != 0.0 {
            return 0.0;
        }
        let (small, large) = if lo.abs() < hi.abs() {
            (lo, hi)
        } else {
            (hi, lo)
        };
        let sign = if large < 0.0 { -1.0 } else { 1.0 };
        let small = small.abs().max(1e-300);
        if large.abs() > 2.0 * small {
            sign * (small * large.abs()).sqrt()
        } else {
            0.5 * (lo + hi)
        }
    };
    // The first guess: a root of p's Taylor quadratic at the end of the
    // bracket nearest 0 (or at 0 when it straddles it), which is the root
    // itself to a few digits where the higher terms are small there.
    let centre = if (a < 0.0) != (b < 0.0) {
        0.0
    } else if a.abs() < b.abs() {
        a
    } else {
        b
    };
    let (f0, f1) = (horner(p, centre), horner(dp, centre));
    let f2 = 0.5 * horner(&derivative(dp), centre);
    let within = |r: &f64, lo: f64, hi: f64| (r - lo) * (r - hi) < 0.0;
    let guess = match f2 {
        0.0 => Some(centre - f0 / f1).filter(|r| within(r, lo, hi)),
        _ => quadratic_roots(f2, f1, f0)
            .into_iter()
            .flatten()
            .map(|h| centre + h)
            .find(|r| within(r, lo, hi)),
    };
    let mut x = guess.unwrap_or_else(|| split(lo, hi));
    let mut before = f64::INFINITY;
    for _ in 0..400 {
        let f = horner(p, x);
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        if (hi - lo).abs() <= 4.0 * f64::EPSILON * lo.abs().max(hi.abs()).max(1e-300) {
            return 0.5 * (lo + hi);
        }
        // A Newton step when it lands inside the bracket and the last one
        // halved |p| at least; a split otherwise.
        let df = horner(dp, x);
        let newton = x - f / df;
        let fast = f.abs() <= 0.5 * before;
        before = f.abs();
        if df != 0.0 && within(&newton, lo, hi) && fast {
            // Converged when the step is below the last bits of x.
            if (newton - x).abs() <= 2.0 * f64::EPSILON * x.abs() {
                return newton;
            }
            x = newton;
        } else {
            x = split(lo, hi);
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(a: &[f64], b: &[f64]) -> Vec<f64> {
        let mut out = Vec::new();
        multiply_into(a, b, &mut out);
        out
    }

    #[test]
    fn roots_of_a_quartic_with_tiny_and_unit_scales() {
        // (s − 1e−15)(s + 2e−15)(s − 0.5)(s + 0.25): roots fifteen decades apart.
        let p = [(1.0, -1e-15), (1.0, 2e-15), (1.0, -0.5), (1.0, 0.25)]
            .iter()
            .fold(vec![1.0], |acc, (a, b)| product(&acc, &[*b, *a]));
        let r = roots(&p, -1.0, 1.0);
        let expected = [-0.25, -2e-15, 1e-15, 0.5];
        assert_eq!(r.len(), 4, "{r:?}");
        for (x, y) in r.iter().zip(expected) {
            assert!((x - y).abs() <= 1e-12 * y.abs(), "{x} vs {y}");
        }
    }

    #[test]
    fn the_slice_of_a_double_well_and_a_touching_root() {
        // (s² − 1/4)² − 1/100 < 0 on two intervals around ±1/2.
        let q = product(&[-0.25, 0.0, 1.0], &[-0.25, 0.0, 1.0]);
        let mut p = q.clone();
        p[0] -= 0.01;
        let cuts = roots(&p, -2.0, 2.0);
        assert_eq!(cuts.len(), 4);
        let expected = [0.35f64.sqrt(), 0.15f64.sqrt()];
        for (c, e) in cuts
            .iter()
            .zip([-expected[0], -expected[1], expected[1], expected[0]])
        {
            assert!((c - e).abs() < 1e-14, "{c} vs {e}");
        }
        // Touching zero: (s − 1/3)² has its root found through p′.
        let touch = product(&[-1.0 / 3.0, 1.0], &[-1.0 / 3.0, 1.0]);
        let r = roots(&touch, 0.0, 1.0);
        assert!(r.is_empty() || (r[0] - 1.0 / 3.0).abs() < 1e-7, "{r:?}");
    }
}
