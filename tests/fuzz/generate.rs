//! Random input files from the grammar (grammar/rlct.ebnf), and mutations
//! of them at the level of tokens and of bytes.
//!
//! The programs are meant to reach every corner of the parser and of the
//! analysis: most are well-formed, some break one rule of the grammar or of
//! the language (an unknown name, a statement twice, a point outside the
//! box, an empty `sos`), and the mutations add what no grammar produces —
//! deep nesting, huge numbers, exponents at the limit, 64 coordinates,
//! invalid UTF-8, stray line endings.

/// SplitMix64: deterministic from its seed, so every failure reproduces.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A well-formed (or nearly) input file.
pub fn program(rng: &mut Rng) -> String {
    let d = match rng.below(10) {
        0 => 1,
        1..=5 => 2,
        6 | 7 => 3,
        8 => 4 + rng.below(3),
        _ => 1 + rng.below(64),
    };
    let vars: Vec<String> = (0..d).map(|i| var_name(rng, i)).collect();
    let mut statements = vec![format!("vars {};", vars.join(", "))];
    if rng.chance(0.4) {
        let mut items: Vec<String> = Vec::new();
        for v in &vars {
            if rng.chance(0.6) {
                let (lo, hi) = interval(rng);
                items.push(format!("{v} in [{lo}, {hi}]"));
            }
        }
        if !items.is_empty() {
            statements.push(format!("domain {};", items.join(", ")));
        }
    }
    let k = if rng.chance(0.4) {
        let n = if rng.chance(0.05) {
            0
        } else {
            1 + rng.below(5)
        };
        let gens: Vec<String> = (0..n).map(|_| expr(rng, &vars, 3)).collect();
        format!("K = sos({});", gens.join(", "))
    } else if rng.chance(0.5) {
        // A visibly non-negative K: a product of squares and sums of squares.
        let factors: Vec<String> = (0..1 + rng.below(3))
            .map(|_| format!("({})^{}", expr(rng, &vars, 2), 2 * (1 + rng.below(3))))
            .collect();
        format!("K = {};", factors.join(" * "))
    } else {
        format!("K = {};", expr(rng, &vars, 4))
    };
    statements.push(k);
    if rng.chance(0.3) {
        statements.push(format!("prior = {};", expr(rng, &vars, 2)));
    }
    if rng.chance(0.3) {
        let items: Vec<String> = vars
            .iter()
            .map(|v| {
                let x = if rng.chance(0.8) {
                    "0".into()
                } else {
                    rational(rng)
                };
                format!("{v} = {x}")
            })
            .collect();
        statements.push(format!("at {};", items.join(", ")));
    }
    // One rule of the language broken, now and then.
    match rng.below(24) {
        0 => {
            let i = rng.below(statements.len());
            let s = statements[i].clone();
            statements.push(s);
        }
        1 => statements.push(format!("K = {}^2;", var_name(rng, 99))),
        2 => statements.insert(0, "K = x^2;".into()),
        3 => {
            let i = rng.below(statements.len());
            statements.remove(i);
        }
        4 => {
            let i = rng.below(statements.len());
            let j = rng.below(statements.len());
            statements.swap(i, j);
        }
        _ => {}
    }
    let sep = *rng.pick(&["\n", " ", "\n\n", "  # a comment\n", "\r\n", "\t"]);
    statements.join(sep) + "\n"
}

fn var_name(rng: &mut Rng, i: usize) -> String {
    match rng.below(8) {
        0 => format!("x{i}"),
        1 => format!("_{i}"),
        2 => format!("w_{i}_b"),
        _ => format!("{}{i}", ["a", "b", "x", "y", "theta"][i % 5]),
    }
}

/// A rational literal as `domain` and `at` take it.
fn rational(rng: &mut Rng) -> String {
    match rng.below(40) {
        0 => "0".into(),
        1 => format!("{}", rng.below(3)),
        2 => format!("-{}/{}", rng.below(5), 1 + rng.below(9)),
        3 => format!("{}/{}", rng.below(5), 1 + rng.below(9)),
        4 => format!("0.{}", rng.below(1000)),
        5 => format!("1/{}", 10u64.pow(rng.below(19) as u32)),
        6 => "1/0".into(),
        7 => format!("-{}", rng.below(2)),
        _ => format!("{}/{}", rng.below(3), 1 + rng.below(4)),
    }
}

fn interval(rng: &mut Rng) -> (String, String) {
    match rng.below(6) {
        0 => ("0".into(), "1".into()),
        1 => ("-1".into(), "0".into()),
        2 => ("-1/2".into(), "1/3".into()),
        3 => ("0".into(), format!("1/{}", 10u64.pow(rng.below(15) as u32))),
        4 if rng.chance(0.3) => (rational(rng), rational(rng)),
        _ => ("-2".into(), "2".into()),
    }
}

/// An expression of at most `depth` levels over the variables.
pub fn expr(rng: &mut Rng, vars: &[String], depth: usize) -> String {
    if depth == 0 || rng.chance(0.25) {
        return atom(rng, vars);
    }
    let a = expr(rng, vars, depth - 1);
    let b = expr(rng, vars, depth - 1);
    match rng.below(9) {
        0 | 1 => format!("{a} + {b}"),
        2 | 3 => format!("{a} - {b}"),
        4 | 5 => format!("{a}*{b}"),
        6 => format!("({a})^{}", exponent(rng)),
        7 => format!("-({a})"),
        _ => format!("({a})/{}", 1 + rng.below(7)),
    }
}

fn atom(rng: &mut Rng, vars: &[String]) -> String {
    match rng.below(6) {
        0 => format!("{}", rng.below(10)),
        1 => format!("{}/{}", rng.below(10), 1 + rng.below(10)),
        2 => format!("{}^{}", rng.pick(vars), 1 + rng.below(4)),
        _ => rng.pick(vars).clone(),
    }
}

fn exponent(rng: &mut Rng) -> String {
    match rng.below(20) {
        0 => "999".into(),
        1 => "1000".into(),
        2 => "1001".into(),
        3 => "4294967296".into(),
        4 => "-1".into(),
        _ => format!("{}", 1 + rng.below(6)),
    }
}

/// The input's tokens: runs of letters and digits, and single characters.
fn tokens(src: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in src.chars() {
        let word = c.is_alphanumeric() || c == '_' || c == '.';
        match out.last_mut() {
            Some(t)
                if word
                    && t.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.') =>
            {
                t.push(c)
            }
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// A mutation of `src` at the level of its tokens.
pub fn mutate_tokens(rng: &mut Rng, src: &str) -> String {
    let mut t = tokens(src);
    if t.is_empty() {
        return src.to_string();
    }
    for _ in 0..1 + rng.below(3) {
        // Mutations that grow the input stop at a few megabytes.
        if t.iter().map(String::len).sum::<usize>() > 8 << 20 {
            break;
        }
        let i = rng.below(t.len());
        match rng.below(12) {
            0 => {
                t.remove(i);
                if t.is_empty() {
                    break;
                }
            }
            1 => {
                let x = t[i].clone();
                t.insert(i, x);
            }
            2 => {
                let j = rng.below(t.len());
                t.swap(i, j);
            }
            3 => t.insert(
                i,
                rng.pick(&["(", ")", "+", "-", "*", "/", "^", ",", ";", "=", "[", "]"])
                    .to_string(),
            ),
            4 => t[i] = "9".repeat(1 + rng.below(12_000)),
            5 => {
                t[i] = rng
                    .pick(&[
                        "999",
                        "1000",
                        "1001",
                        "65535",
                        "4294967296",
                        "18446744073709551616",
                    ])
                    .to_string()
            }
            6 => {
                // Deep nesting around one token.
                let n = *rng.pick(&[50, 99, 100, 101, 1000, 20_000]);
                t[i] = format!("{}{}{}", "(".repeat(n), t[i], ")".repeat(n));
            }
            7 => t.insert(i, "- ".repeat(*rng.pick(&[10, 1000, 100_000]))),
            8 => {
                t[i] = rng
                    .pick(&[
                        "sos", "vars", "domain", "K", "prior", "at", "in", "x", "0", "1/0", "0.0",
                    ])
                    .to_string()
            }
            9 => {
                // A long sum (of at most a few megabytes).
                let n = *rng.pick(&[100, 3000, 20_000]);
                let x = t[i].clone();
                let n = n.min((4 << 20) / (x.len() + 3));
                t[i] = vec![x; n].join(" + ");
            }
            10 => t.insert(i, "\r".into()),
            _ => {
                t[i] = rng
                    .pick(&["é", "∞", "\u{feff}", "\0", "#", "\n"])
                    .to_string()
            }
        }
    }
    t.concat()
}

/// A mutation of `src` at the level of its bytes (it may no longer be UTF-8).
pub fn mutate_bytes(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let i = rng.below(b.len() + 1);
        match rng.below(7) {
            0 if i < b.len() => b[i] ^= 1 << rng.below(8),
            1 if i < b.len() => {
                b.remove(i);
            }
            2 => b.insert(
                i,
                *rng.pick(&[0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0xf4, 0x90]),
            ),
            3 => b.splice(i..i, "\u{feff}".bytes()).for_each(drop),
            4 => b.insert(i, b'\r'),
            5 => b.insert(i, 0),
            _ => {
                let j = rng.below(b.len() + 1);
                let (lo, hi) = (i.min(j), i.max(j));
                let piece: Vec<u8> = b[lo..hi].to_vec();
                b.splice(hi..hi, piece).for_each(drop);
            }
        }
    }
    b
}

/// Input number `n` of the run with seed `seed`: a program, or a mutation
/// of one (token-level, then byte-level now and then).
pub fn input(seed: u64, n: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed.wrapping_mul(0x1000_0000_01b3).wrapping_add(n));
    let p = program(&mut rng);
    match rng.below(10) {
        0..=4 => p.into_bytes(),
        5..=8 => mutate_tokens(&mut rng, &p).into_bytes(),
        _ => mutate_bytes(&mut rng, p.as_bytes()),
    }
}
