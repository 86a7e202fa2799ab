//! Polynomials compiled for fast floating-point evaluation: the numeric side
//! evaluates K and the prior millions of times.

use num_traits::ToPrimitive;

use crate::poly::Poly;

/// A polynomial in `f64`, flat: each term is a coefficient and the list of
/// the variables it multiplies, each repeated as often as its power
/// (x²y is `[x, x, y]`), so that a term is a run of products with no
/// powers to take.
#[derive(Clone, Debug)]
pub struct FloatPoly {
    coefficients: Vec<f64>,
    /// What each coefficient loses in its rounding to `f64` (exactly
    /// `c − hi`, rounded): `hi + lo` is the coefficient to about 106 bits,
    /// for the double-double evaluation.
    low_parts: Vec<f64>,
    /// The variables of all terms, one after the other.
    variables: Vec<u32>,
    /// Where each term's variables start in `variables` (one more entry
    /// than terms).
    starts: Vec<u32>,
    /// The total degree.
    degree: usize,
    /// The bound γ/ε on the relative rounding error of one evaluation's
    /// sum of terms (see [`Self::eval_with_error`]).
    operations: f64,
}

/// Terms up to this degree are restricted to a line in a buffer on the stack.
const STACK_DEGREE: usize = 15;

impl FloatPoly {
    /// Compiles an exact polynomial.
    pub fn new(p: &Poly) -> FloatPoly {
        let mut f = FloatPoly {
            coefficients: Vec::new(),
            low_parts: Vec::new(),
            variables: Vec::new(),
            starts: vec![0],
            degree: p.degree() as usize,
            operations: 0.0,
        };
        for (e, c) in p.terms() {
            for (i, k) in e.iter().enumerate() {
                f.variables
                    .extend(std::iter::repeat_n(i as u32, *k as usize));
            }
            f.starts.push(f.variables.len() as u32);
            let hi = c.to_f64().unwrap_or(0.0);
            let lo = num_rational::BigRational::from_float(hi)
                .and_then(|h| (c - h).to_f64())
                .filter(|lo| lo.is_finite())
                .unwrap_or(0.0);
            f.coefficients.push(hi);
            f.low_parts.push(lo);
        }
        f.operations = (2 * f.degree + f.coefficients.len() + 1) as f64;
        f
    }

    /// The terms: coefficient, low part, variables.
    fn terms(&self) -> impl Iterator<Item = (f64, f64, &[u32])> {
        self.coefficients
            .iter()
            .zip(&self.low_parts)
            .zip(self.starts.windows(2))
            .map(|((c, lo), w)| (*c, *lo, &self.variables[w[0] as usize..w[1] as usize]))
    }

    /// The value at a point.
    pub fn eval(&self, x: &[f64]) -> f64 {
        self.terms()
            .map(|(c, _, vars)| vars.iter().fold(c, |acc, i| acc * x[*i as usize]))
            .sum()
    }

    /// The total degree.
    pub(crate) fn degree(&self) -> usize {
        self.degree
    }

    /// The variables it depends on, increasing.
    pub(crate) fn depends_on(&self) -> Vec<usize> {
        let mut vars: Vec<usize> = self.variables.iter().map(|&i| i as usize).collect();
        vars.sort_unstable();
        vars.dedup();
        vars
    }

    /// The coefficients of s ↦ p(x + s·d), constant first (as many as the
    /// degree allows), into `out`, and a bound on the rounding error of the
    /// constant, which is p(x) computed term by term as in
    /// [`Self::eval_with_error`].
    pub(crate) fn along(&self, x: &[f64], d: &[f64], out: &mut Vec<f64>) -> f64 {
        out.clear();
        out.resize(self.degree + 1, 0.0);
        let mut magnitude = 0.0f64;
        let mut heap: Vec<f64> = Vec::new();
        for (c, _, vars) in self.terms() {
            let mut stack = [0.0f64; STACK_DEGREE + 1];
            let term: &mut [f64] = if vars.len() <= STACK_DEGREE {
                &mut stack[..=vars.len()]
            } else {
                heap.clear();
                heap.resize(vars.len() + 1, 0.0);
                &mut heap
            };
            term[0] = c;
            // term · Π (x_i + d_i·s), one factor at a time, from the top down.
            for (len, &i) in vars.iter().enumerate() {
                let (xi, di) = (x[i as usize], d[i as usize]);
                term[len + 1] = term[len] * di;
                for j in (1..=len).rev() {
                    term[j] = term[j] * xi + term[j - 1] * di;
                }
                term[0] *= xi;
            }
            magnitude += term[0].abs();
            for (o, t) in out.iter_mut().zip(term.iter()) {
                *o += t;
            }
        }
        self.operations * f64::EPSILON * magnitude
    }

    /// The value at a point with a bound on its rounding error: every
    /// operation errs by at most one unit roundoff relative to its result,
    /// so the error is at most `γ·Σ|term|` with γ a small multiple of ε
    /// (Higham 2002, ch. 3). Near a zero of a polynomial whose terms cancel,
    /// the bound exceeds the value: the digits are gone.
    pub fn eval_with_error(&self, x: &[f64]) -> (f64, f64) {
        let (mut value, mut magnitude) = (0.0, 0.0);
        for (c, _, vars) in self.terms() {
            let term = vars.iter().fold(c, |acc, i| acc * x[*i as usize]);
            value += term;
            magnitude += term.abs();
        }
        (value, self.operations * f64::EPSILON * magnitude)
    }

    /// The value, and a bound on its error, in double-double arithmetic
    /// (Dekker 1971; every product and sum is kept as an unevaluated pair
    /// hi + lo, with the rounding error of each operation recovered exactly
    /// by a fused multiply-add or by Knuth's two-sum): each operation errs
    /// by at most a few u² relative to its operands, u = 2⁻⁵³, so the error
    /// is at most `γ·Σ|term|` with γ a small multiple of ε².
    pub fn eval_double_double(&self, x: &[f64]) -> (f64, f64) {
        let mut sum = DoubleDouble::default();
        let mut magnitude = 0.0;
        for (c, lo, vars) in self.terms() {
            let term = vars
                .iter()
                .fold(DoubleDouble::new(c, lo), |t, i| t.times(x[*i as usize]));
            magnitude += term.hi.abs();
            sum = sum.plus(term);
        }
        let gamma = 8.0 * (self.operations + 1.0) * f64::EPSILON * f64::EPSILON;
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
