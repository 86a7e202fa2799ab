//! The concrete syntax (grammar/rlct.ebnf) as nom parsers producing an AST
//! whose nodes remember where they start, so that later checks can point at them.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1, multispace1, not_line_ending, one_of};
use nom::combinator::{opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::multi::many0_count;
use nom::sequence::{pair, preceded};
use nom::{Err, IResult};

use num_bigint::BigInt;

use crate::poly::Rational;

/// A syntax error: the remaining input where it happened, and what was expected.
#[derive(Debug, PartialEq)]
pub struct SyntaxError<'a> {
    pub at: &'a str,
    pub message: String,
}

impl<'a> ParseError<&'a str> for SyntaxError<'a> {
    fn from_error_kind(input: &'a str, _: ErrorKind) -> Self {
        SyntaxError {
            at: input,
            message: "unexpected input".into(),
        }
    }
    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
    fn from_char(input: &'a str, c: char) -> Self {
        SyntaxError {
            at: input,
            message: format!("expected '{c}'"),
        }
    }
    fn or(self, other: Self) -> Self {
        // Report the alternative that got furthest.
        if other.at.len() <= self.at.len() {
            other
        } else {
            self
        }
    }
}

pub type PResult<'a, O> = IResult<&'a str, O, SyntaxError<'a>>;

/// Fails without consuming, with the given message.
fn fail<'a, O>(at: &'a str, message: impl Into<String>) -> PResult<'a, O> {
    Err(Err::Failure(SyntaxError {
        at,
        message: message.into(),
    }))
}

/// Runs `p` after whitespace; if it fails there, it is a hard failure saying what was expected.
fn expect<'a, O>(
    what: &'static str,
    mut p: impl FnMut(&'a str) -> PResult<'a, O>,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        match p(i) {
            Ok(r) => Ok(r),
            // A failure with its own message keeps it.
            Err(Err::Error(e)) if e.at.len() == i.len() => {
                let found = describe(i);
                fail(i, format!("expected {what}, found {found}"))
            }
            Err(Err::Error(e)) => Err(Err::Failure(e)),
            Err(e) => Err(e),
        }
    }
}

/// A short description of what starts at `i`, for messages.
pub fn describe(i: &str) -> String {
    match i.chars().next() {
        None => "end of input".into(),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            const SHOWN: usize = 24;
            let mut word: String = i
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .take(SHOWN + 1)
                .collect();
            if word.chars().count() > SHOWN {
                word = word.chars().take(SHOWN).collect::<String>() + "…";
            }
            format!("'{word}'")
        }
        Some(c) => format!("'{c}'"),
    }
}

/// Whitespace and `#` comments.
pub fn ws(i: &str) -> PResult<'_, ()> {
    let (i, _) = many0_count(alt((
        multispace1,
        recognize(pair(char('#'), not_line_ending)),
    )))(i)?;
    Ok((i, ()))
}

/// An identifier: a letter or `_`, then letters, digits, `_`.
pub fn ident(i: &str) -> PResult<'_, &str> {
    recognize(pair(
        take_while1(|c: char| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))(i)
}

/// Longest number literal accepted, in digits: beyond it, arithmetic on the
/// number would cost more than any problem is worth.
pub const MAX_DIGITS: usize = 10_000;

/// Deepest nesting of parentheses accepted: a parser that recurses must
/// stop somewhere, and no polynomial needs more.
pub const MAX_NESTING: usize = 100;

/// An unsigned number: `12`, `0.25` (exact).
fn number(i: &str) -> PResult<'_, Rational> {
    let (j, int) = digit1(i)?;
    let (j, frac) = opt(preceded(char('.'), digit1))(j)?;
    if int.len() + frac.map_or(0, str::len) > MAX_DIGITS {
        return fail(i, format!("a number of more than {MAX_DIGITS} digits"));
    }
    let mut digits = int.to_string();
    let mut denom = BigInt::from(1);
    if let Some(f) = frac {
        digits.push_str(f);
        denom = num_traits::pow(BigInt::from(10), f.len());
    }
    let n: BigInt = digits.parse().expect("digits parse as an integer");
    Ok((j, Rational::new(n, denom)))
}

/// A signed rational constant `-3/4` as used in `domain` and `at`; division by zero is reported at the `/`.
pub fn signed_rational(i: &str) -> PResult<'_, Rational> {
    let (i, neg) = opt(char('-'))(i)?;
    let (i, _) = ws(i)?;
    let (i, n) = number(i)?;
    let (i2, _) = ws(i)?;
    let (i, d) = match opt(char('/'))(i2)? {
        (j, Some(_)) => {
            let (j, d) = expect("a denominator", number)(j)?;
            if num_traits::Zero::is_zero(&d) {
                return fail(i2, "division by zero");
            }
            (j, d)
        }
        (_, None) => (i, Rational::from_integer(1.into())),
    };
    let v = n / d;
    Ok((i, if neg.is_some() { -v } else { v }))
}

/// Expression nodes, each with the number of input bytes remaining where it starts
/// (so its offset is `source.len() - rest`).
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub rest: usize,
}

/// Sums and products are n-ary, so that a long sum is a wide node rather
/// than a deep one: nothing that walks the tree recurses more deeply than
/// the parentheses nest.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(Rational),
    Var(String),
    Neg(Box<Expr>),
    /// Terms, each added (`true`) or subtracted; the first is added.
    Sum(Vec<(bool, Expr)>),
    /// Factors, each multiplied (`true`) or divided by, with where its
    /// operator stands (`rest`, for messages); the first is multiplied.
    Product(Vec<(bool, usize, Expr)>),
    /// Base and the exponent as written (it may be negative or huge: checked when lowering).
    Pow(Box<Expr>, BigInt),
}

fn node(kind: ExprKind, at: &str) -> Expr {
    Expr {
        kind,
        rest: at.len(),
    }
}

/// `expr = term { ("+" | "-") term }`
pub fn expr(i: &str) -> PResult<'_, Expr> {
    nested_expr(i, 0)
}

fn nested_expr(i: &str, depth: usize) -> PResult<'_, Expr> {
    let (mut i, first) = expect("an expression", |i| term(i, depth))(i)?;
    let start = first.rest;
    let mut terms = vec![(true, first)];
    loop {
        let (j, _) = ws(i)?;
        match opt(one_of("+-"))(j)? {
            (k, Some(op)) => {
                let (k, rhs) = expect("a term", |i| term(i, depth))(k)?;
                terms.push((op == '+', rhs));
                i = k;
            }
            (_, None) => break,
        }
    }
    let e = if terms.len() == 1 {
        terms.pop().expect("one term").1
    } else {
        Expr {
            kind: ExprKind::Sum(terms),
            rest: start,
        }
    };
    Ok((i, e))
}

/// `term = unary { ("*" | "/") unary }`
fn term(i: &str, depth: usize) -> PResult<'_, Expr> {
    let (mut i, first) = unary(i, depth)?;
    let start = first.rest;
    let mut factors = vec![(true, start, first)];
    loop {
        let (j, _) = ws(i)?;
        match opt(one_of("*/"))(j)? {
            (k, Some(op)) => {
                let (k, rhs) = expect("a factor", |i| unary(i, depth))(k)?;
                factors.push((op == '*', j.len(), rhs));
                i = k;
            }
            (_, None) => break,
        }
    }
    let e = if factors.len() == 1 {
        factors.pop().expect("one factor").2
    } else {
        Expr {
            kind: ExprKind::Product(factors),
            rest: start,
        }
    };
    Ok((i, e))
}

/// `unary = ("-" | "+") unary | power`, a run of signs read in a loop.
fn unary(i: &str, depth: usize) -> PResult<'_, Expr> {
    // Every factor of every term passes here: a long input is read under
    // the run's time limit.
    crate::budget::checkpoint();
    let (i, _) = ws(i)?;
    let start = i;
    let mut negative = false;
    let mut j = i;
    while let Ok((k, op)) = one_of::<_, _, SyntaxError>("+-")(j) {
        crate::budget::checkpoint();
        negative ^= op == '-';
        j = ws(k)?.0;
    }
    if j.len() == i.len() {
        return power(i, depth);
    }
    let (j, inner) = expect("a factor", |i| power(i, depth))(j)?;
    Ok((
        j,
        if negative {
            node(ExprKind::Neg(Box::new(inner)), start)
        } else {
            inner
        },
    ))
}

/// `power = atom [ "^" ["-"] integer ]`
fn power(i: &str, depth: usize) -> PResult<'_, Expr> {
    let (i, base) = atom(i, depth)?;
    let (j, _) = ws(i)?;
    match opt(char('^'))(j)? {
        (k, Some(_)) => {
            let (k, _) = ws(k)?;
            let start = k;
            let (k, neg) = opt(char('-'))(k)?;
            let (k, _) = ws(k)?;
            let (k2, digits) = expect("an integer exponent", digit1)(k)?;
            if k2.starts_with('.') {
                return fail(start, "an exponent must be a non-negative integer");
            }
            if digits.len() > MAX_DIGITS {
                return fail(
                    start,
                    format!("an exponent of more than {MAX_DIGITS} digits"),
                );
            }
            let mut e: BigInt = digits.parse().expect("digits");
            if neg.is_some() {
                e = -e;
            }
            Ok((k2, node(ExprKind::Pow(Box::new(base), e), j)))
        }
        (_, None) => Ok((i, base)),
    }
}

/// `atom = number | identifier | "(" expr ")"`
fn atom(i: &str, depth: usize) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        let (j, n) = number(i)?;
        return Ok((j, node(ExprKind::Number(n), i)));
    }
    if let Ok((j, name)) = ident(i) {
        return Ok((j, node(ExprKind::Var(name.to_string()), i)));
    }
    if let Ok((j, _)) = char::<_, SyntaxError>('(')(i) {
        if depth >= MAX_NESTING {
            return fail(
                i,
                format!("parentheses nested more than {MAX_NESTING} deep"),
            );
        }
        let (j, e) = nested_expr(j, depth + 1)?;
        let (j, _) = expect("')'", tag(")"))(j)?;
        return Ok((j, e));
    }
    Err(Err::Error(SyntaxError {
        at: i,
        message: "expected a number, a variable or '('".into(),
    }))
}

/// One statement of an input file.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement<'a> {
    Vars(Vec<(&'a str, usize)>),
    Domain(Vec<(&'a str, usize, Rational, Rational, usize)>),
    /// The generators (one for a plain polynomial), whether it was `sos(…)`, and the text as written.
    K(Vec<Expr>, bool, &'a str),
    /// The prior and its text as written.
    Prior(Expr, &'a str),
    At(Vec<(&'a str, usize, Rational)>),
}

/// A statement with the remaining length at its start.
pub type Located<'a> = (Statement<'a>, usize);

fn name(i: &str) -> PResult<'_, (&str, usize)> {
    let (i, _) = ws(i)?;
    let rest = i.len();
    let (i, n) = expect("a variable name", ident)(i)?;
    Ok((i, (n, rest)))
}

fn sep_list<'a, O>(
    i: &'a str,
    mut item: impl FnMut(&'a str) -> PResult<'a, O>,
) -> PResult<'a, Vec<O>> {
    let mut out = Vec::new();
    let (mut i, first) = item(i)?;
    out.push(first);
    loop {
        let (j, _) = ws(i)?;
        match opt(char(','))(j)? {
            (k, Some(_)) => {
                let (k, next) = item(k)?;
                out.push(next);
                i = k;
            }
            (_, None) => return Ok((i, out)),
        }
    }
}

fn end(i: &str) -> PResult<'_, ()> {
    let (i, _) = expect("';'", tag(";"))(i)?;
    Ok((i, ()))
}

/// The text between two positions, with comments dropped and whitespace collapsed.
fn written<'a>(start: &'a str, end: &'a str) -> &'a str {
    start[..start.len() - end.len()].trim_end()
}

/// Parses one statement starting at `i` (after whitespace).
pub fn statement(i: &str) -> PResult<'_, Located<'_>> {
    let start = i.len();
    let (j, keyword) = match ident(i) {
        Ok(r) => r,
        Err(_) => {
            return fail(
                i,
                format!(
                    "expected a statement (vars, domain, K, prior or at), found {}",
                    describe(i)
                ),
            )
        }
    };
    let (j, stmt) = match keyword {
        "vars" => {
            let (j, names) = sep_list(j, name)?;
            (j, Statement::Vars(names))
        }
        "domain" => {
            let (j, items) = sep_list(j, |i| {
                let (i, (n, at)) = name(i)?;
                let (i, _) = expect("'in'", tag("in"))(i)?;
                let (i, _) = expect("'['", tag("["))(i)?;
                let (i, _) = ws(i)?;
                let (i, lo) = expect("a rational number", signed_rational)(i)?;
                let (i, _) = expect("','", tag(","))(i)?;
                let (i, _) = ws(i)?;
                let (i, hi) = expect("a rational number", signed_rational)(i)?;
                let (i, _) = ws(i)?;
                let close = i.len();
                let (i, _) = expect("']'", tag("]"))(i)?;
                Ok((i, (n, at, lo, hi, close)))
            })?;
            (j, Statement::Domain(items))
        }
        "K" => {
            let (j, _) = expect("'='", tag("="))(j)?;
            let (j, _) = ws(j)?;
            let text_start = j;
            let sos: PResult<'_, &str> = preceded(tag("sos"), preceded(ws, tag("(")))(j);
            match sos {
                Ok((k, _)) => {
                    let (k, gens) = sep_list(k, expr)?;
                    let (k, _) = expect("')' or ','", tag(")"))(k)?;
                    (k, Statement::K(gens, true, written(text_start, k)))
                }
                Err(_) => {
                    let (k, e) = expr(j)?;
                    (k, Statement::K(vec![e], false, written(text_start, k)))
                }
            }
        }
        "prior" => {
            let (j, _) = expect("'='", tag("="))(j)?;
            let (j, _) = ws(j)?;
            let text_start = j;
            let (j, e) = expr(j)?;
            (j, Statement::Prior(e, written(text_start, j)))
        }
        "at" => {
            let (j, items) = sep_list(j, |i| {
                let (i, (n, at)) = name(i)?;
                let (i, _) = expect("'='", tag("="))(i)?;
                let (i, _) = ws(i)?;
                let (i, x) = expect("a rational number", signed_rational)(i)?;
                Ok((i, (n, at, x)))
            })?;
            (j, Statement::At(items))
        }
        other => {
            return fail(
                i,
                format!("unknown statement '{other}': expected vars, domain, K, prior or at"),
            )
        }
    };
    let (j, _) = end(j)?;
    Ok((j, (stmt, start)))
}

/// Parses a whole file into statements.
pub fn file(src: &str) -> Result<Vec<Located<'_>>, SyntaxError<'_>> {
    let mut out = Vec::new();
    let (mut i, _) = ws(src).map_err(unwrap_err)?;
    while !i.is_empty() {
        let (j, s) = statement(i).map_err(unwrap_err)?;
        out.push(s);
        let (j, _) = ws(j).map_err(unwrap_err)?;
        i = j;
    }
    Ok(out)
}

fn unwrap_err(e: Err<SyntaxError<'_>>) -> SyntaxError<'_> {
    match e {
        Err::Error(e) | Err::Failure(e) => e,
        Err::Incomplete(_) => unreachable!("complete parsers only"),
    }
}
