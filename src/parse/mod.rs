//! Input text → [`Problem`]. The language is documented in
//! `grammar/rlct.ebnf`; `syntax` follows it and produces an AST with
//! positions, and lowering turns the AST into exact polynomials, checking
//! names, exponents and sizes and pointing at the offending item.

mod syntax;

use std::collections::BTreeMap;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::Error;
use crate::poly::{Limits, Poly, Rational};
use crate::problem::{default_factors, power_factor, Factor, Interval, Origin, Problem, Target};
use syntax::{Expr, ExprKind, Statement};

/// Words that cannot be variable names.
const RESERVED: [&str; 7] = ["vars", "domain", "K", "prior", "at", "sos", "in"];

/// Largest number of coordinates accepted.
pub const MAX_VARS: usize = 64;

/// Largest input accepted, in bytes (16 MiB): a reader of files stops there.
pub const MAX_INPUT_BYTES: usize = 16 << 20;

/// Parses an input file with the default size [`Limits`].
pub fn parse(src: &str) -> Result<Problem, Error> {
    parse_with_limits(src, &Limits::default())
}

/// Parses an input file given as bytes: it must be UTF-8 (an error names
/// the offset of the first byte that is not) and at most
/// [`MAX_INPUT_BYTES`] long.
pub fn parse_bytes(bytes: &[u8]) -> Result<Problem, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::input(format!(
            "the input is {} bytes long; at most {MAX_INPUT_BYTES} are accepted",
            bytes.len()
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => parse(src),
        Err(e) => {
            let at = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
            Err(Error::input_at(
                prefix,
                at,
                format!(
                    "the input is not UTF-8: byte 0x{:02x} at byte offset {at} is not valid there",
                    bytes[at]
                ),
            ))
        }
    }
}

/// Parses an input file, refusing polynomials beyond `limits`. A leading
/// byte-order mark is dropped, and `\r\n` and a lone `\r` (old Mac files)
/// are line breaks like `\n`, so positions count lines as an editor does.
pub fn parse_with_limits(src: &str, limits: &Limits) -> Result<Problem, Error> {
    parse_with_max_vars(src, limits, MAX_VARS)
}

/// [`parse_with_limits`] accepting up to `max_vars` coordinates: the
/// reference set ([`crate::models::suite`]) reads its models beyond the
/// engine's [`MAX_VARS`] with it, to publish their K, never to solve them.
pub(crate) fn parse_with_max_vars(
    src: &str,
    limits: &Limits,
    max_vars: usize,
) -> Result<Problem, Error> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let normalised;
    let src = if src.contains('\r') {
        normalised = src.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        src
    };
    let statements =
        syntax::file(src).map_err(|e| Error::input_at(src, src.len() - e.at.len(), e.message))?;
    Lowering {
        src,
        limits,
        max_vars,
        vars: Vec::new(),
        index: BTreeMap::new(),
    }
    .problem(statements)
}

struct Lowering<'s> {
    src: &'s str,
    limits: &'s Limits,
    max_vars: usize,
    vars: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Lowering<'_> {
    fn err(&self, rest: usize, message: impl Into<String>) -> Error {
        Error::input_at(self.src, self.src.len() - rest, message)
    }

    fn line_of(&self, rest: usize) -> usize {
        crate::error::Location::at(self.src, self.src.len() - rest).line
    }

    fn var_index(&self, name: &str, rest: usize) -> Result<usize, Error> {
        self.index.get(name).copied().ok_or_else(|| {
            if self.vars.is_empty() {
                self.err(rest, format!("unknown variable '{name}': declare the coordinates first with `vars {name}, …;`"))
            } else {
                self.err(rest, format!("unknown variable '{name}' (declared: {})", self.vars.join(", ")))
            }
        })
    }

    fn problem(mut self, statements: Vec<syntax::Located<'_>>) -> Result<Problem, Error> {
        if statements.is_empty() {
            return Err(self.err(
                0,
                "empty input: expected `vars …;` and `K = …;` (see grammar/rlct.ebnf)",
            ));
        }
        let mut domain: Vec<Option<Interval>> = Vec::new();
        let mut target = None;
        let mut prior = None;
        let mut point = None;
        let mut origin = Origin::default();
        let mut k_nonneg = false;
        let mut prior_nonneg = true;
        let mut k_expr: Vec<Expr> = Vec::new();
        let mut prior_expr: Option<Expr> = None;
        for (stmt, start) in statements {
            match stmt {
                Statement::Vars(names) => {
                    if !self.vars.is_empty() {
                        return Err(self.err(
                            start,
                            "the coordinates are already declared: use one `vars` statement",
                        ));
                    }
                    if names.len() > self.max_vars {
                        return Err(self.err(
                            start,
                            format!(
                                "{} coordinates is too many (at most {})",
                                names.len(),
                                self.max_vars
                            ),
                        ));
                    }
                    for (n, rest) in names {
                        if RESERVED.contains(&n) {
                            return Err(self.err(
                                rest,
                                format!("'{n}' is a reserved word and cannot name a coordinate"),
                            ));
                        }
                        if self.index.contains_key(n) {
                            return Err(
                                self.err(rest, format!("coordinate '{n}' is declared twice"))
                            );
                        }
                        self.index.insert(n.to_string(), self.vars.len());
                        self.vars.push(n.to_string());
                    }
                    domain = vec![None; self.vars.len()];
                }
                Statement::Domain(items) => {
                    for (n, rest, lo, hi, _close) in items {
                        let i = self.var_index(n, rest)?;
                        if domain[i].is_some() {
                            return Err(
                                self.err(rest, format!("the domain of '{n}' is given twice"))
                            );
                        }
                        if lo >= hi {
                            return Err(self.err(
                                rest,
                                format!(
                                    "the interval of '{n}' is empty or a point: need lower < upper"
                                ),
                            ));
                        }
                        self.short(rest, &format!("a bound of '{n}'"), &[&lo, &hi])?;
                        domain[i] = Some(Interval { lo, hi });
                    }
                }
                Statement::K(exprs, sos, text) => {
                    if target.is_some() {
                        return Err(self.err(start, "K is given twice"));
                    }
                    if self.vars.is_empty() {
                        return Err(self.err(
                            start,
                            "K comes before `vars`: declare the coordinates first",
                        ));
                    }
                    let polys = exprs
                        .iter()
                        .map(|e| self.lower(e))
                        .collect::<Result<Vec<_>, _>>()?;
                    origin.k_line = self.line_of(start);
                    origin.k_text = normalise_space(text);
                    k_nonneg = sos
                        || exprs
                            .iter()
                            .all(|e| manifestly_nonnegative(e, &self.index, &domain));
                    target = Some(if sos {
                        Target::SumOfSquares(polys)
                    } else {
                        Target::Polynomial(polys.into_iter().next().expect("one expression"))
                    });
                    k_expr = exprs;
                }
                Statement::Prior(e, text) => {
                    if prior.is_some() {
                        return Err(self.err(start, "the prior is given twice"));
                    }
                    if self.vars.is_empty() {
                        return Err(self.err(
                            start,
                            "the prior comes before `vars`: declare the coordinates first",
                        ));
                    }
                    prior = Some(self.lower(&e)?);
                    origin.prior_line = self.line_of(start);
                    origin.prior_text = normalise_space(text);
                    prior_expr = Some(e);
                }
                Statement::At(items) => {
                    if point.is_some() {
                        return Err(self.err(start, "the point is given twice"));
                    }
                    let mut p: Vec<Option<Rational>> = vec![None; self.vars.len()];
                    for (n, rest, x) in items {
                        let i = self.var_index(n, rest)?;
                        if p[i].is_some() {
                            return Err(
                                self.err(rest, format!("'{n}' is given twice in the point"))
                            );
                        }
                        self.short(rest, &format!("the value of '{n}'"), &[&x])?;
                        p[i] = Some(x);
                    }
                    if let Some(missing) = p.iter().position(|x| x.is_none()) {
                        return Err(self.err(
                            start,
                            format!(
                                "the point must give every coordinate: '{}' is missing",
                                self.vars[missing]
                            ),
                        ));
                    }
                    point = Some((p.into_iter().map(Option::unwrap).collect::<Vec<_>>(), start));
                }
            }
        }
        if self.vars.is_empty() {
            return Err(self.err(0, "no `vars …;` statement: declare the coordinates"));
        }
        let Some(target) = target else {
            return Err(self.err(0, "no `K = …;` statement"));
        };
        let domain: Vec<Interval> = domain
            .into_iter()
            .map(|d| d.unwrap_or_else(Interval::symmetric_unit))
            .collect();
        // Non-negativity of a coordinate depends on the domain, which may come after K.
        if !k_nonneg && !k_expr.is_empty() {
            let dom: Vec<Option<Interval>> = domain.iter().cloned().map(Some).collect();
            k_nonneg = k_expr
                .iter()
                .all(|e| manifestly_nonnegative(e, &self.index, &dom));
        }
        if let Some(e) = &prior_expr {
            let dom: Vec<Option<Interval>> = domain.iter().cloned().map(Some).collect();
            prior_nonneg = manifestly_nonnegative(e, &self.index, &dom);
        }
        let point = match point {
            Some((p, start)) => {
                if let Some(i) = (0..p.len()).find(|&i| !domain[i].contains(&p[i])) {
                    return Err(self.err(
                        start,
                        format!(
                            "the point lies outside the domain: {} = {} is not in [{}, {}]",
                            self.vars[i],
                            crate::poly::fmt_rational(&p[i]),
                            crate::poly::fmt_rational(&domain[i].lo),
                            crate::poly::fmt_rational(&domain[i].hi)
                        ),
                    ));
                }
                Some(p)
            }
            None => None,
        };
        let k_factors = match (&target, k_expr.as_slice()) {
            (Target::Polynomial(_), [e]) => {
                let (c, fs) = self
                    .structure(e)
                    .unwrap_or_else(|| default_factors(&target));
                // So that the answer does not depend on how K is written.
                crate::problem::split_factors(c, fs)
            }
            _ => default_factors(&target),
        };
        let d = self.vars.len();
        Ok(Problem {
            vars: self.vars,
            domain,
            target,
            prior: prior.unwrap_or_else(|| Poly::one(d)),
            point,
            k_factors,
            k_manifestly_nonnegative: k_nonneg,
            prior_manifestly_nonnegative: prior_nonneg,
            origin,
        })
    }

    /// K's expression as `c · Π factors`, when its form shows one: products,
    /// powers, and sums whose terms are squares (or products of squares and
    /// sums of squares). `None` when some part is not of that form.
    fn structure(&self, e: &Expr) -> Option<(Rational, Vec<Factor>)> {
        let one = || Rational::from_integer(1.into());
        match &e.kind {
            ExprKind::Number(c) if c.is_positive() => Some((c.clone(), vec![])),
            ExprKind::Product(factors) => {
                let mut c = one();
                let mut fs = Vec::new();
                for (times, _, f) in factors {
                    if *times {
                        let (cf, more) = self.structure(f)?;
                        c *= cf;
                        fs.extend(more);
                    } else {
                        let den = self.lower(f).ok()?;
                        let d = den.constant_term();
                        if den.degree() > 0 || !d.is_positive() {
                            return None;
                        }
                        c /= d;
                    }
                }
                Some((c, fs))
            }
            ExprKind::Pow(a, n) => {
                let n = n.to_u32()?;
                if n % 2 == 0 {
                    // (Π f_i^{e_i})^n: each f_i a factor of its own (the
                    // planes of an arrangement written as one square).
                    let (c, fs) = self.product_factors(a)?;
                    let fs = fs
                        .into_iter()
                        .map(|(p, e)| power_factor(p, e * n))
                        .collect();
                    return Some((num_traits::pow(c, n as usize), fs));
                }
                let (c, fs) = self.structure(a)?;
                let mut out = Vec::new();
                for f in fs {
                    match f {
                        Factor::Power(p, e) => out.push(Factor::Power(p, e * n)),
                        sos => out.extend(std::iter::repeat_n(sos, n as usize)),
                    }
                }
                Some((num_traits::pow(c, n as usize), out))
            }
            ExprKind::Sum(_) => {
                let mut terms = self.sum_of_squares(e)?;
                if let [(c, g)] = terms.as_mut_slice() {
                    return Some((c.clone(), vec![power_factor(g.clone(), 2)]));
                }
                Some((one(), vec![Factor::Sos(terms)]))
            }
            _ => None,
        }
    }

    /// An expression as `c · Π f_i^{e_i}`, split at its products and powers
    /// (anything else is one factor, expanded).
    fn product_factors(&self, e: &Expr) -> Option<(Rational, Vec<(Poly, u32)>)> {
        let one = || Rational::from_integer(1.into());
        match &e.kind {
            ExprKind::Product(factors) => {
                let mut c = one();
                let mut fs = Vec::new();
                for (times, _, f) in factors {
                    if *times {
                        let (cf, more) = self.product_factors(f)?;
                        c *= cf;
                        fs.extend(more);
                    } else {
                        let den = self.lower(f).ok()?;
                        if den.degree() > 0 || den.is_zero() {
                            return None;
                        }
                        c /= den.constant_term();
                    }
                }
                Some((c, fs))
            }
            ExprKind::Pow(a, n) => {
                let n = n.to_u32()?;
                let (c, fs) = self.product_factors(a)?;
                let fs = fs.into_iter().map(|(p, e)| (p, e * n)).collect();
                Some((num_traits::pow(c, n as usize), fs))
            }
            ExprKind::Neg(a) => {
                let (c, fs) = self.product_factors(a)?;
                Some((-c, fs))
            }
            _ => {
                let p = self.lower(e).ok()?;
                if p.degree() == 0 {
                    Some((p.constant_term(), Vec::new()))
                } else {
                    Some((one(), vec![(p, 1)]))
                }
            }
        }
    }

    /// The terms `c·g²` of a sum whose every term is a square up to a positive constant.
    fn sum_of_squares(&self, e: &Expr) -> Option<Vec<(Rational, Poly)>> {
        const MAX_TERMS: usize = 64;
        if let ExprKind::Sum(terms) = &e.kind {
            let mut t = Vec::new();
            for (plus, term) in terms {
                if !plus || t.len() > MAX_TERMS {
                    return None;
                }
                t.extend(self.sum_of_squares(term)?);
            }
            return (t.len() <= MAX_TERMS).then_some(t);
        }
        let (c, factors) = self.structure(e)?;
        let d = self.vars.len();
        let mut terms = vec![(c, Poly::one(d))];
        for f in factors {
            let parts: Vec<(Rational, Poly)> = match f {
                Factor::Power(p, k) if k % 2 == 0 => vec![(
                    Rational::from_integer(1.into()),
                    p.pow(k / 2, self.limits).ok()?,
                )],
                Factor::Sos(gens) => gens,
                Factor::Power(..) => return None,
            };
            let mut next = Vec::new();
            for (c1, g1) in &terms {
                for (c2, g2) in &parts {
                    next.push((c1 * c2, g1.mul(g2, self.limits).ok()?));
                }
            }
            if next.len() > MAX_TERMS {
                return None;
            }
            terms = next;
        }
        Some(terms)
    }

    /// Refuses bounds of the box and coordinates of the point with more
    /// than [`MAX_PLACE_DIGITS`] digits: every computation on the box
    /// carries them, raised to the degree of K (a bound of 5000 digits made
    /// single evaluations of K take seconds, past any time limit).
    fn short(&self, at: usize, what: &str, values: &[&Rational]) -> Result<(), Error> {
        // 10^60 < 2^200.
        let long = |q: &Rational| q.numer().bits().max(q.denom().bits()) > 200;
        if values.iter().any(|q| long(q)) {
            return Err(self.err(
                at,
                format!(
                    "{what} has more than {MAX_PLACE_DIGITS} digits in its numerator or denominator"
                ),
            ));
        }
        Ok(())
    }

    /// Refuses a computation whose numbers could exceed
    /// [`MAX_DIGITS`](syntax::MAX_DIGITS) digits (`bits` bounds their size
    /// before it is done: `(4^999)^1000` would take seconds to compute and
    /// minutes in everything after).
    fn small_numbers(&self, at: usize, bits: u64) -> Result<(), Error> {
        // log2(10) < 3.33: 10000 digits hold at least 33200 bits.
        let max = syntax::MAX_DIGITS as u64 * 332 / 100;
        if bits > max {
            return Err(self.err(
                at,
                format!(
                    "numbers too large: this would make a coefficient of more than {} digits",
                    syntax::MAX_DIGITS
                ),
            ));
        }
        Ok(())
    }

    fn lower(&self, e: &Expr) -> Result<Poly, Error> {
        crate::budget::checkpoint();
        let d = self.vars.len();
        let too_large = |at: usize, err: crate::poly::TooLarge| {
            self.err(at, format!("polynomial too large: {err}"))
        };
        Ok(match &e.kind {
            ExprKind::Number(q) => Poly::constant(d, q.clone()),
            ExprKind::Var(n) => Poly::var(d, self.var_index(n, e.rest)?),
            ExprKind::Neg(a) => self.lower(a)?.neg(),
            ExprKind::Sum(terms) => {
                let mut sum = Poly::zero(d);
                for (plus, t) in terms {
                    let t = self.lower(t)?;
                    sum.add_assign(&if *plus { t } else { t.neg() });
                    if sum.len() > self.limits.max_terms {
                        return Err(too_large(
                            e.rest,
                            crate::poly::TooLarge {
                                what: format!("the sum exceeds {} terms", self.limits.max_terms),
                            },
                        ));
                    }
                }
                sum
            }
            ExprKind::Product(factors) => {
                let mut product = Poly::one(d);
                for (times, at, f) in factors {
                    let f = self.lower(f)?;
                    let bits = coefficient_bits(&product) + coefficient_bits(&f);
                    self.small_numbers(*at, bits + usize::BITS as u64)?;
                    if *times {
                        product = product
                            .mul(&f, self.limits)
                            .map_err(|x| too_large(*at, x))?;
                        continue;
                    }
                    if f.is_zero() {
                        return Err(self.err(*at, "division by zero"));
                    }
                    if f.degree() > 0 {
                        return Err(self.err(
                            *at,
                            "division by a polynomial: only division by a number is allowed",
                        ));
                    }
                    product =
                        product.scale(&(Rational::from_integer(1.into()) / f.constant_term()));
                }
                product
            }
            ExprKind::Pow(a, n) => {
                if n.is_negative() {
                    return Err(self.err(
                        e.rest,
                        format!("negative exponent {n}: exponents must be non-negative integers"),
                    ));
                }
                let max = self.limits.max_degree;
                let n = match n.to_u32() {
                    Some(n) if n <= max => n,
                    _ => {
                        return Err(
                            self.err(e.rest, format!("exponent {n} is too large (at most {max})"))
                        )
                    }
                };
                let a = self.lower(a)?;
                // (t terms of b bits)^n has coefficients of at most n·(b + log t) bits.
                let terms = u64::from(usize::BITS - a.len().leading_zeros());
                self.small_numbers(e.rest, u64::from(n) * (coefficient_bits(&a) + terms))?;
                a.pow(n, self.limits).map_err(|x| too_large(e.rest, x))?
            }
        })
    }
}

/// Most digits of a bound of the box or a coordinate of the point (in the
/// numerator or the denominator; about: at most 200 bits).
pub const MAX_PLACE_DIGITS: usize = 60;

/// The largest number of bits of a numerator or denominator among the coefficients.
fn coefficient_bits(p: &Poly) -> u64 {
    p.terms()
        .map(|(_, c)| c.numer().bits().max(c.denom().bits()))
        .max()
        .unwrap_or(0)
}

/// The text as written, on one line: comments dropped, runs of whitespace made one space.
fn normalise_space(text: &str) -> String {
    let no_comments: Vec<&str> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect();
    no_comments
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an expression is non-negative on the domain by its form alone:
/// non-negative numbers, coordinates whose interval is in [0, ∞), even powers of
/// anything, and sums, products and powers of such. Sound, not complete.
fn manifestly_nonnegative(
    e: &Expr,
    index: &BTreeMap<String, usize>,
    domain: &[Option<Interval>],
) -> bool {
    let rec = |x: &Expr| manifestly_nonnegative(x, index, domain);
    match &e.kind {
        ExprKind::Number(q) => !q.is_negative(),
        ExprKind::Var(n) => index
            .get(n)
            .and_then(|&i| domain.get(i).cloned().flatten())
            .is_some_and(|iv| !iv.lo.is_negative()),
        ExprKind::Neg(_) => false,
        ExprKind::Sum(terms) => terms.iter().all(|(plus, t)| *plus && rec(t)),
        ExprKind::Product(factors) => factors.iter().all(|(_, _, f)| rec(f)),
        ExprKind::Pow(a, n) => (n % BigInt::from(2)).is_zero() || rec(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_example_parses() {
        let src = "# comment to end of line\n\
            vars a, b, c;                      # the coordinates, in this order\n\
            domain a in [-1, 1], b in [0, 1/2]; # optional\n\
            K = sos(a*b - c, a^2);\n\
            prior = a^2 * (1 + b^2);\n\
            at a = 0, b = 0, c = 0;\n";
        let p = parse(src).unwrap();
        assert_eq!(p.vars, vec!["a", "b", "c"]);
        assert_eq!(p.domain[1].hi, Rational::new(1.into(), 2.into()));
        assert!(matches!(p.target, Target::SumOfSquares(ref g) if g.len() == 2));
        assert!(p.k_manifestly_nonnegative && p.prior_manifestly_nonnegative);
        assert_eq!(p.point.as_ref().unwrap().len(), 3);
    }

    #[test]
    fn polynomial_k_and_precedence() {
        let p = parse("vars x, y; K = -x^2 + 2*x*y - y^2/2 + (x - y)^2;").unwrap();
        let Target::Polynomial(k) = &p.target else {
            panic!()
        };
        assert_eq!(
            k.display(&p.vars).to_string(),
            "y^2/2".replace("y^2/2", "1/2*y^2")
        );
        assert!(!p.k_manifestly_nonnegative);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("vars x;\nK = x^2 +;").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("line 2, column 10"), "{s}");
        let e = parse("vars x;\nK = y^2;").unwrap_err();
        assert!(e.to_string().contains("unknown variable 'y'"), "{e}");
    }
}
