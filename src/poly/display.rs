//! Rendering polynomials in the input language's notation, so that any
//! printed polynomial can be pasted back into an input file.

use std::cmp::Reverse;
use std::fmt;

use num_traits::{One, Signed};

use super::{fmt_rational, Exponent, Poly, Rational};

/// A polynomial together with the names of its variables; see [`Poly::display`].
pub struct PolyDisplay<'a> {
    pub(super) poly: &'a Poly,
    pub(super) names: &'a [String],
}

/// Terms in decreasing lexicographic order of exponents, the usual order of
/// hand-written polynomials: `x^2 + x*y + x + y^2 + 1`.
pub(crate) fn display_order(poly: &Poly) -> Vec<(&Exponent, &Rational)> {
    let mut terms: Vec<_> = poly.terms().collect();
    terms.sort_by_key(|(e, _)| Reverse((*e).clone()));
    terms
}

/// `x^2*y`, or `1` for the empty monomial.
pub fn monomial_string(e: &[u32], names: &[String]) -> String {
    let parts: Vec<String> = e
        .iter()
        .zip(names)
        .filter(|(k, _)| **k > 0)
        .map(|(k, n)| {
            if *k == 1 {
                n.clone()
            } else {
                format!("{n}^{k}")
            }
        })
        .collect();
    if parts.is_empty() {
        "1".to_string()
    } else {
        parts.join("*")
    }
}

impl fmt::Display for PolyDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let terms = display_order(self.poly);
        if terms.is_empty() {
            return f.write_str("0");
        }
        for (i, (e, c)) in terms.into_iter().enumerate() {
            crate::budget::checkpoint();
            let sign_neg = c.is_negative();
            let abs = c.abs();
            if i == 0 {
                if sign_neg {
                    f.write_str("-")?;
                }
            } else {
                f.write_str(if sign_neg { " - " } else { " + " })?;
            }
            let is_const = e.iter().all(|k| *k == 0);
            let mono = monomial_string(e, self.names);
            if is_const {
                f.write_str(&fmt_rational(&abs))?;
            } else if abs.is_one() {
                f.write_str(&mono)?;
            } else {
                write!(f, "{}*{}", fmt_rational(&abs), mono)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_the_input_language() {
        let names = vec!["x".to_string(), "y".to_string()];
        let p = Poly::from_terms(
            2,
            [
                (vec![0, 0], Rational::new(1.into(), 2.into())),
                (vec![2, 0], Rational::from_integer((-3).into())),
                (vec![1, 1], Rational::one()),
            ],
        );
        assert_eq!(p.display(&names).to_string(), "-3*x^2 + x*y + 1/2");
        assert_eq!(Poly::zero(2).display(&names).to_string(), "0");
    }
}
