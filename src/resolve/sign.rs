//! Sign certificates: a point of the domain where K < 0, found where the
//! resolution sees one.
//!
//! In a chart, `K(map(u)) = scale · u^k · Π factors(u)` with `scale > 0`,
//! sums of squares and even powers ≥ 0. So near a point `x` of the box where
//! every factor of odd power is non-zero, K has the sign of the product of
//! those factors and of the `u_i` with odd `k_i` — unless an even factor or
//! the monomial vanishes at `x`, in which case it is that sign at the points
//! nearby where they do not. A negative sign at one of the box's probe
//! points (its centre and, in few coordinates, its corners) therefore means
//! K < 0 somewhere near it. The certificate is a rational point nearby with
//! K < 0 exactly, mapped back into the problem's coordinates: the input is
//! then not a K ≥ 0 and is refused, whatever else the tree would say.
//!
//! The search is cheap where it finds nothing (only factors of odd power are
//! evaluated), and for a K ≥ 0 it never finds anything, since then no
//! neighbourhood has K < 0.

use num_traits::{Signed, Zero};

use super::chart::Chart;
use crate::poly::Rational;
use crate::problem::Factor;

/// A point of the problem's domain (original coordinates) where K < 0,
/// if this chart shows one near a probe point of its box.
pub fn negative_point(chart: &Chart) -> Option<Vec<Rational>> {
    let odd: Vec<&crate::poly::Poly> = chart
        .factors
        .iter()
        .filter_map(|f| match f {
            Factor::Power(p, e) if e % 2 == 1 && p.degree() > 0 => Some(p),
            _ => None,
        })
        .collect();
    let odd_monomial = chart.k.iter().any(|k| k % 2 == 1);
    if odd.is_empty() && !odd_monomial {
        return None;
    }
    for x in super::leaf::probe_points(&chart.domain) {
        crate::budget::checkpoint();
        if !chart.maps_inside(&x) {
            continue;
        }
        if let Some(sides) = negative_sides(chart, &odd, &x) {
            if let Some(w) = negative_near(chart, &x, &sides) {
                return Some(w);
            }
        }
    }
    None
}

/// Whether K is negative at points near `x`, and if so on which side of
/// `x` each coordinate must step for it (`Some(true)`: upwards): the odd
/// factors must not vanish at `x`; a coordinate with an odd power that is
/// 0 at `x` steps into the box, or, with 0 strictly inside its interval,
/// to the side that makes K negative.
fn negative_sides(
    chart: &Chart,
    odd: &[&crate::poly::Poly],
    x: &[Rational],
) -> Option<Vec<Option<bool>>> {
    let mut negative = false;
    for p in odd {
        let v = p.eval(x);
        if v.is_zero() {
            return None;
        }
        negative ^= v.is_negative();
    }
    let mut sides = vec![None; x.len()];
    let mut either = None;
    for (i, (k, xi)) in chart.k.iter().zip(x).enumerate() {
        if k % 2 == 0 {
            continue;
        }
        let iv = &chart.domain[i];
        if !xi.is_zero() {
            negative ^= xi.is_negative();
        } else if iv.lo.is_zero() {
            sides[i] = Some(true);
        } else if iv.hi.is_zero() {
            sides[i] = Some(false);
            negative ^= true;
        } else {
            sides[i] = Some(true);
            either = Some(i);
        }
    }
    match either {
        _ if negative => Some(sides),
        Some(i) => {
            sides[i] = Some(false);
            Some(sides)
        }
        None => None,
    }
}

/// A point near `x`, along a fixed generic direction into the box (with the
/// given sides), where K (in the chart) is negative exactly; mapped to the
/// original coordinates.
fn negative_near(chart: &Chart, x: &[Rational], sides: &[Option<bool>]) -> Option<Vec<Rational>> {
    let centre = super::sample::centre(&chart.domain);
    // Towards the centre, tilted by small distinct amounts so that the ray
    // leaves any proper subvariety through x (where an even factor vanishes).
    let direction: Vec<Rational> = (0..x.len())
        .map(|i| {
            let iv = &chart.domain[i];
            let width = &iv.hi - &iv.lo;
            let tilt = width / Rational::from_integer((7 + 2 * i as i64).into());
            let towards = &centre[i] - &x[i];
            match sides[i] {
                Some(true) => tilt,
                Some(false) => -tilt,
                None if towards.is_zero() => tilt,
                None => towards + tilt * Rational::new(1.into(), 16.into()),
            }
        })
        .collect();
    let mut step = Rational::new(1.into(), 2.into());
    for _ in 0..64 {
        crate::budget::checkpoint();
        let y: Vec<Rational> = x
            .iter()
            .zip(&direction)
            .map(|(a, v)| a + v * &step)
            .collect();
        let inside = y
            .iter()
            .zip(&chart.domain)
            .all(|(v, iv)| iv.lo <= *v && *v <= iv.hi);
        if inside && chart.maps_inside(&y) && chart_value(chart, &y).is_negative() {
            return Some(chart.map.iter().map(|m| m.eval(&y)).collect());
        }
        step /= Rational::from_integer(2.into());
    }
    None
}

/// K in the chart's form at a point of its box.
fn chart_value(chart: &Chart, y: &[Rational]) -> Rational {
    let mut value = chart.scale.clone();
    for (k, yi) in chart.k.iter().zip(y) {
        value *= crate::poly::pow_rational(yi, *k);
    }
    for f in &chart.factors {
        value *= factor_value(f, y);
    }
    value
}

/// A factor's value at a point.
pub fn factor_value(f: &Factor, y: &[Rational]) -> Rational {
    match f {
        Factor::Power(p, e) => crate::poly::pow_rational(&p.eval(y), *e),
        Factor::Sos(gens) => gens
            .iter()
            .map(|(c, g)| {
                let v = g.eval(y);
                c * &v * &v
            })
            .sum(),
    }
}
