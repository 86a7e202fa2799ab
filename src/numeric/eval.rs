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
}
