//! Mathematical notation for papers: expressions of the input language (and
//! the engine's own renderings of polynomials, which use the same syntax)
//! as LaTeX math, and plain text made safe for LaTeX.
//!
//! The conversion reads the text rather than the polynomial so that K
//! appears as the user wrote it — `(y^2 - x^3)^2`, not its expansion.

/// An expression, as far as its typesetting needs.
#[derive(Debug)]
enum Expr {
    /// `a + b - c`: the first term's sign is part of the term.
    Sum(Vec<(char, Expr)>),
    /// Factors joined by `*`, `·` or `/`; the operator precedes each factor but the first.
    Product(Vec<(char, Expr)>),
    Neg(Box<Expr>),
    Pow(Box<Expr>, String),
    Paren(Box<Expr>),
    Number(String),
    Name(String),
    /// `sos(g, …)`: the sum of the squares of its arguments.
    Sos(Vec<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(String),
    Name(String),
    Op(char),
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        crate::budget::checkpoint();
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() || c == '.' {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '.') {
                s.push(d);
                chars.next();
            }
            out.push(Token::Number(s));
        } else if c.is_alphabetic() || c == '_' {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphanumeric() || **d == '_') {
                s.push(d);
                chars.next();
            }
            out.push(Token::Name(s));
        } else if "+-*/^(),·−".contains(c) {
            out.push(Token::Op(if c == '−' { '-' } else { c }));
            chars.next();
        } else {
            return None;
        }
    }
    Some(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, op: char) -> bool {
        if self.peek() == Some(&Token::Op(op)) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn sum(&mut self) -> Option<Expr> {
        let mut terms = vec![('+', self.product()?)];
        loop {
            if self.eat('+') {
                terms.push(('+', self.product()?));
            } else if self.eat('-') {
                terms.push(('-', self.product()?));
            } else {
                break;
            }
        }
        Some(if terms.len() == 1 {
            terms.pop()?.1
        } else {
            Expr::Sum(terms)
        })
    }

    fn product(&mut self) -> Option<Expr> {
        let mut factors = vec![(' ', self.unary()?)];
        loop {
            let op = ['*', '·', '/'].into_iter().find(|op| self.eat(*op));
            match op {
                Some(op) => factors.push((op, self.unary()?)),
                None => break,
            }
        }
        Some(if factors.len() == 1 {
            factors.pop()?.1
        } else {
            Expr::Product(factors)
        })
    }

    /// A run of signs is read in a loop (the input may hold thousands).
    fn unary(&mut self) -> Option<Expr> {
        let mut negative = false;
        loop {
            if self.eat('-') {
                negative = !negative;
            } else if !self.eat('+') {
                break;
            }
        }
        let inner = self.power()?;
        Some(if negative {
            Expr::Neg(Box::new(inner))
        } else {
            inner
        })
    }

    fn power(&mut self) -> Option<Expr> {
        let base = self.atom()?;
        if self.eat('^') {
            match self.peek().cloned() {
                Some(Token::Number(n)) => {
                    self.at += 1;
                    Some(Expr::Pow(Box::new(base), n))
                }
                _ => None,
            }
        } else {
            Some(base)
        }
    }

    fn atom(&mut self) -> Option<Expr> {
        match self.peek().cloned()? {
            Token::Number(n) => {
                self.at += 1;
                Some(Expr::Number(n))
            }
            Token::Name(n) if n == "sos" => {
                self.at += 1;
                if !self.eat('(') {
                    return None;
                }
                let mut args = vec![self.sum()?];
                while self.eat(',') {
                    args.push(self.sum()?);
                }
                self.eat(')').then_some(Expr::Sos(args))
            }
            Token::Name(n) => {
                self.at += 1;
                Some(Expr::Name(n))
            }
            Token::Op('(') => {
                self.at += 1;
                let inner = self.sum()?;
                self.eat(')').then(|| Expr::Paren(Box::new(inner)))
            }
            Token::Op(_) => None,
        }
    }
}

const GREEK: [&str; 24] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", "Gamma",
];

/// `a1` → `a_{1}`, `w_12` → `w_{12}`, `alpha` → `\alpha`, `rate` → `\mathit{rate}`.
pub(crate) fn name_latex(name: &str) -> String {
    let stem_end = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches('_')
        .len();
    let (stem, index) = name.split_at(stem_end);
    let index = index.trim_start_matches('_');
    let stem = if GREEK.contains(&stem) {
        format!("\\{stem}")
    } else if stem.chars().count() == 1 {
        stem.to_string()
    } else {
        format!("\\mathit{{{}}}", stem.replace('_', "\\_"))
    };
    if index.is_empty() {
        stem
    } else {
        format!("{stem}_{{{index}}}")
    }
}

fn starts_with_digit(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

fn latex(e: &Expr) -> String {
    match e {
        Expr::Sum(terms) => {
            let mut s = String::new();
            for (i, (sign, t)) in terms.iter().enumerate() {
                let body = latex(t);
                match (i, sign) {
                    (0, _) => s += &body,
                    (_, '-') => s += &format!(" - {body}"),
                    _ => s += &format!(" + {body}"),
                }
            }
            s
        }
        Expr::Product(factors) => {
            // p/q of two numbers is a fraction; otherwise juxtaposition, with a
            // dot where two numbers would run together. (No `\,`: Markdown
            // would read it as an escaped comma before GitHub's math sees it.)
            let mut s = String::new();
            let mut i = 0;
            while i < factors.len() {
                let (op, f) = &factors[i];
                let piece = match (f, factors.get(i + 1)) {
                    (Expr::Number(p), Some(('/', Expr::Number(q)))) => {
                        i += 1;
                        format!("\\tfrac{{{p}}}{{{q}}}")
                    }
                    // A sum of squares is a sum: beside other factors it
                    // needs parentheses, as `sos(x, y)` did not.
                    (Expr::Sos(args), _) if args.len() > 1 && factors.len() > 1 => {
                        format!("({})", latex(f))
                    }
                    _ => latex(f),
                };
                match op {
                    ' ' => {}
                    '/' => s += "/",
                    _ if starts_with_digit(&piece) || piece.starts_with("\\tfrac") => {
                        s += " \\cdot "
                    }
                    _ => s += " ",
                }
                s += &piece;
                i += 1;
            }
            s
        }
        Expr::Neg(inner) => format!("-{}", latex(inner)),
        Expr::Pow(base, n) => {
            let b = latex(base);
            if n == "1" {
                b
            } else {
                format!("{b}^{{{n}}}")
            }
        }
        Expr::Paren(inner) => format!("({})", latex(inner)),
        Expr::Number(n) => n.clone(),
        Expr::Name(n) => name_latex(n),
        Expr::Sos(args) => args
            .iter()
            .map(|g| match g {
                // `c·g` inside sos is the weight c of g².
                Expr::Product(f) if f.len() == 2 && f[1].0 == '·' => {
                    format!("{} {}", latex(&f[0].1), squared(&f[1].1))
                }
                g => squared(g),
            })
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

fn squared(g: &Expr) -> String {
    match g {
        Expr::Name(_) | Expr::Number(_) | Expr::Paren(_) => format!("{}^{{2}}", latex(g)),
        _ => format!("({})^{{2}}", latex(g)),
    }
}

/// An expression of the input language as LaTeX math (without the `$`s);
/// text it cannot read comes back as upright text, so a report is never
/// lost to a rendering gap.
pub fn expr_latex(text: &str) -> String {
    let parsed = tokens(text).and_then(|tokens| {
        let mut p = Parser { tokens, at: 0 };
        let e = p.sum()?;
        (p.at == p.tokens.len()).then_some(e)
    });
    match parsed {
        Some(e) => latex(&e),
        None => format!("\\text{{{}}}", text_latex(text)),
    }
}

/// Plain text made safe for LaTeX: its special characters escaped and the
/// Unicode symbols the engine prints turned into math.
pub fn text_latex(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        match c {
            '\\' => s += "\\textbackslash{}",
            '{' | '}' | '_' | '#' | '%' | '&' | '$' => {
                s.push('\\');
                s.push(c);
            }
            '^' => s += "\\^{}",
            '~' => s += "\\~{}",
            '≥' => s += "$\\geq$",
            '≤' => s += "$\\leq$",
            '·' => s += "$\\cdot$",
            '−' => s += "$-$",
            '∈' => s += "$\\in$",
            '→' => s += "$\\to$",
            '×' => s += "$\\times$",
            'λ' => s += "$\\lambda$",
            'ζ' => s += "$\\zeta$",
            'φ' => s += "$\\varphi$",
            'Γ' => s += "$\\Gamma$",
            '₊' => s += "$_+$",
            '₀' => s += "$_0$",
            '…' => s += "\\dots{}",
            '⋯' => s += "$\\cdots$",
            '‖' => s += "$\\|$",
            '≠' => s += "$\\neq$",
            '≍' => s += "$\\asymp$",
            '²' => s += "$^2$",
            'Σ' => s += "$\\Sigma$",
            'Λ' => s += "$\\Lambda$",
            'Ψ' => s += "$\\Psi$",
            'θ' => s += "$\\theta$",
            'μ' => s += "$\\mu$",
            'π' => s += "$\\pi$",
            'σ' => s += "$\\sigma$",
            '—' => s += "---",
            '–' => s += "--",
            c if c.is_ascii() => s.push(c),
            _ => s.push('?'),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions() {
        assert_eq!(expr_latex("(y^2 - x^3)^2"), "(y^{2} - x^{3})^{2}");
        assert_eq!(expr_latex("a1*b1 + a2*b2"), "a_{1} b_{1} + a_{2} b_{2}");
        assert_eq!(
            expr_latex("sos(a*b - c, a^2)"),
            "(a b - c)^{2} + (a^{2})^{2}"
        );
        assert_eq!(expr_latex("sos(x, 2·y)"), "x^{2} + 2 y^{2}");
        assert_eq!(
            expr_latex("1/4 · x^2 · (y + 1)^4"),
            "\\tfrac{1}{4} x^{2} (y + 1)^{4}"
        );
        assert_eq!(expr_latex("-x^2*3"), "-x^{2} \\cdot 3");
        // A chart's K: a sum of squares beside another factor is a sum in parentheses.
        assert_eq!(
            expr_latex("sos(x, y) · (x - 1/2)^4"),
            "(x^{2} + y^{2}) (x - \\tfrac{1}{2})^{4}"
        );
        assert_eq!(expr_latex("alpha^2 + w_12"), "\\alpha^{2} + w_{12}");
        assert_eq!(expr_latex("x ? y"), "\\text{x ? y}");
    }

    #[test]
    fn text() {
        assert_eq!(text_latex("x ≥ 0, {a_b}"), "x $\\geq$ 0, \\{a\\_b\\}");
    }
}
