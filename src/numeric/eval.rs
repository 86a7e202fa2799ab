//! Polynomials compiled for fast floating-point evaluation: the numeric side
//! evaluates K and the prior millions of times.

use num_traits::ToPrimitive;

use crate::poly::Poly;

/// A polynomial as `(coefficient, exponents)` pairs in `f64`.
#[derive(Clone, Debug)]
pub struct FloatPoly {
    terms: Vec<(f64, Vec<(usize, i32)>)>,
}

impl FloatPoly {
    /// Compiles an exact polynomial.
    pub fn new(p: &Poly) -> FloatPoly {
        FloatPoly {
            terms: p
                .terms()
                .map(|(e, c)| {
                    let powers = e
                        .iter()
                        .enumerate()
                        .filter(|(_, k)| **k > 0)
                        .map(|(i, k)| (i, *k as i32))
                        .collect();
                    (c.to_f64().unwrap_or(0.0), powers)
                })
                .collect(),
        }
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
}
