//! Polynomials compiled for fast floating-point evaluation: the numeric side
//! evaluates K and the prior millions of times.

use num_traits::ToPrimitive;

use crate::poly::Poly;

/// A polynomial as `(coefficient, exponents)` pairs in `f64`.
#[derive(Clone, Debug)]
pub struct FloatPoly {
    terms: Vec<(f64, Vec<(usize, i32)>)>,
    /// What each coefficient loses in its rounding to `f64` (exactly
    /// `c − hi`, rounded): `hi + lo` is the coefficient to about 106 bits,
    /// for the double-double evaluation.
    low_parts: Vec<f64>,
}

impl FloatPoly {
    /// Compiles an exact polynomial.
    pub fn new(p: &Poly) -> FloatPoly {
        let (terms, low_parts) = p
            .terms()
            .map(|(e, c)| {
                let powers = e
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| **k > 0)
                    .map(|(i, k)| (i, *k as i32))
                    .collect();
                let hi = c.to_f64().unwrap_or(0.0);
                let lo = num_rational::BigRational::from_float(hi)
                    .and_then(|h| (c - h).to_f64())
                    .filter(|lo| lo.is_finite())
                    .unwrap_or(0.0);
                ((hi, powers), lo)
            })
            .unzip();
        FloatPoly { terms, low_parts }
    }

    /// The value at a point.
    pub fn eval(&self, x: &[f64]) -> f64 {
        self.terms
            .iter()
            .map(|(c, powers)| powers.iter().fold(*c, |acc, (i, k)| acc * x[*i].powi(*k)))
            .sum()
    }

    /// The value at a point with a bound on its rounding error: every
    /// operation errs by at most one unit roundoff relative to its result,
    /// so the error is at most `γ·Σ|term|` with γ a small multiple of ε
    /// (Higham 2002, ch. 3). Near a zero of a polynomial whose terms cancel,
    /// the bound exceeds the value: the digits are gone.
    pub fn eval_with_error(&self, x: &[f64]) -> (f64, f64) {
        let (mut value, mut magnitude) = (0.0, 0.0);
        let mut operations = 0;
        for (c, powers) in &self.terms {
            let term = powers.iter().fold(*c, |acc, (i, k)| acc * x[*i].powi(*k));
            operations = powers
                .iter()
                .map(|(_, k)| 2 * k)
                .sum::<i32>()
                .max(operations);
            value += term;
            magnitude += term.abs();
        }
        let gamma = (operations as f64 + self.terms.len() as f64 + 1.0) * f64::EPSILON;
        (value, gamma * magnitude)
    }

    /// The value, and a bound on its error, in double-double arithmetic
    /// (Dekker 1971; every product and sum is kept as an unevaluated pair
    /// hi + lo, with the rounding error of each operation recovered exactly
    /// by a fused multiply-add or by Knuth's two-sum): each operation errs
    /// by at most a few u² relative to its operands, u = 2⁻⁵³, so the error
    /// is at most `γ·Σ|term|` with γ a small multiple of ε².
    pub fn eval_double_double(&self, x: &[f64]) -> (f64, f64) {
        let mut sum = DoubleDouble::default();
        let (mut magnitude, mut operations) = (0.0, 0);
        for ((c, powers), lo) in self.terms.iter().zip(&self.low_parts) {
            let mut term = DoubleDouble::new(*c, *lo);
            let mut degree = 0;
            for (i, k) in powers {
                for _ in 0..*k {
                    term = term.times(x[*i]);
                }
                degree += k;
            }
            operations = operations.max(degree);
            magnitude += term.hi.abs();
            sum = sum.plus(term);
        }
        let gamma =
            8.0 * (operations as f64 + self.terms.len() as f64 + 2.0) * f64::EPSILON * f64::EPSILON;
        // The value is rounded to a double once, at the end.
        let value = sum.hi + sum.lo;
        (value, gamma * magnitude + f64::EPSILON * value.abs())
    }
}

/// A number as an unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2: about
/// 106 bits of precision from two doubles.
#[derive(Clone, Copy, Debug, Default)]
struct DoubleDouble {
    hi: f64,
    lo: f64,
}

impl DoubleDouble {
    fn new(hi: f64, lo: f64) -> DoubleDouble {
        let s = hi + lo;
        DoubleDouble {
            hi: s,
            lo: lo - (s - hi),
        }
    }

    /// The product with a double: the rounding error of hi·b is exactly
    /// fma(hi, b, −hi·b).
    fn times(self, b: f64) -> DoubleDouble {
        let p = self.hi * b;
        let e = self.hi.mul_add(b, -p) + self.lo * b;
        DoubleDouble::new(p, e)
    }

    /// The sum (Knuth's two-sum on the high parts, the low parts added).
    fn plus(self, other: DoubleDouble) -> DoubleDouble {
        let s = self.hi + other.hi;
        let b = s - self.hi;
        let e = (self.hi - (s - b)) + (other.hi - b) + self.lo + other.lo;
        DoubleDouble::new(s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (x − 1/3)⁶ written out: at x = 1/3 + 10⁻³ its terms cancel to about
    /// 10⁻¹⁷ of their size, past what doubles resolve and well within what
    /// double-doubles do.
    #[test]
    fn double_double_keeps_the_digits_that_cancel() {
        // The prior is kept expanded, as the parser wrote it out.
        let p = crate::parse::parse("vars x; K = x^2; prior = (x - 1/3)^6;")
            .unwrap()
            .prior;
        let expanded = FloatPoly::new(&p);
        let x: f64 = 1.0 / 3.0 + 1e-3;
        let exact = (x - 1.0 / 3.0).powi(6);
        let (plain, plain_error) = expanded.eval_with_error(&[x]);
        assert!(plain_error > plain.abs(), "doubles lose every digit here");
        let (value, error) = expanded.eval_double_double(&[x]);
        assert!(error < 1e-3 * value.abs(), "error {error:e} of {value:e}");
        assert!(
            (value - exact).abs() <= error + 1e-6 * exact,
            "{value:e} vs {exact:e}"
        );
    }
}
