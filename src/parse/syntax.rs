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
            Err(Err::Error(e)) | Err(Err::Failure(e)) if e.at.len() == i.len() => {
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
            let word: String = i
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect();
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

/// An unsigned number: `12`, `0.25` (exact).
fn number(i: &str) -> PResult<'_, Rational> {
    let (i, int) = digit1(i)?;
    let (i, frac) = opt(preceded(char('.'), digit1))(i)?;
    let mut digits = int.to_string();
    let mut denom = BigInt::from(1);
    if let Some(f) = frac {
        digits.push_str(f);
        denom = num_traits::pow(BigInt::from(10), f.len());
    }
    let n: BigInt = digits.parse().expect("digits parse as an integer");
    Ok((i, Rational::new(n, denom)))
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

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(Rational),
    Var(String),
    Neg(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
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
    let (mut i, mut lhs) = expect("an expression", term)(i)?;
    loop {
        let (j, _) = ws(i)?;
        match opt(one_of("+-"))(j)? {
            (k, Some(op)) => {
                let (k, rhs) = expect("a term", term)(k)?;
                let kind = if op == '+' {
                    ExprKind::Add(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::Sub(Box::new(lhs), Box::new(rhs))
                };
                lhs = node(kind, j);
                i = k;
            }
            (_, None) => return Ok((i, lhs)),
        }
    }
}

/// `term = unary { ("*" | "/") unary }`
fn term(i: &str) -> PResult<'_, Expr> {
    let (mut i, mut lhs) = unary(i)?;
    loop {
        let (j, _) = ws(i)?;
        match opt(one_of("*/"))(j)? {
            (k, Some(op)) => {
                let (k, rhs) = expect("a factor", unary)(k)?;
                let kind = if op == '*' {
                    ExprKind::Mul(Box::new(lhs), Box::new(rhs))
                } else {
                    ExprKind::Div(Box::new(lhs), Box::new(rhs))
                };
                lhs = node(kind, j);
                i = k;
            }
            (_, None) => return Ok((i, lhs)),
        }
    }
}

/// `unary = ("-" | "+") unary | power`
fn unary(i: &str) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    if let Ok((j, op)) = one_of::<_, _, SyntaxError>("+-")(i) {
        let (j, inner) = expect("a factor", unary)(j)?;
        return Ok((
            j,
            if op == '-' {
                node(ExprKind::Neg(Box::new(inner)), i)
            } else {
                inner
            },
        ));
    }
    power(i)
}

/// `power = atom [ "^" ["-"] integer ]`
fn power(i: &str) -> PResult<'_, Expr> {
    let (i, base) = atom(i)?;
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
fn atom(i: &str) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    if let Ok((j, n)) = number(i) {
        return Ok((j, node(ExprKind::Number(n), i)));
    }
    if let Ok((j, name)) = ident(i) {
        return Ok((j, node(ExprKind::Var(name.to_string()), i)));
    }
    if let Ok((j, _)) = char::<_, SyntaxError>('(')(i) {
        let (j, e) = expr(j)?;
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
