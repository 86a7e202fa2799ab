//! Factoring over ℚ, as far as the resolution needs it: greatest common
//! divisors, square-free decomposition, and linear factors.
//!
//! K's factor structure is what the leaf certificates see: `(x + y)² − z²`
//! is one singular quadric to them, `(x + y − z)·(x + y + z)` two planes
//! crossing normally; `(xy + 2)·(y² − x³)²` written out is a polynomial whose
//! zero set is singular everywhere, until the square is found. So before
//! anything else each factor of K is split into its square-free parts
//! (Yun's algorithm, on multivariate gcds by primitive pseudo-remainder
//! sequences) and each part into its rational linear factors and the rest.
//! A complete factorisation into irreducibles would go further (Kronecker
//! substitution or Hensel lifting); products of planes and units times
//! squares are the cases models and arrangements bring.
//!
//! Every result is checked by multiplying back; any step that would grow
//! past its limits gives up and leaves the polynomial whole, which is
//! always correct (only slower to resolve).

use std::collections::BTreeMap;

use num_traits::{One, Zero};

use super::sturm::rational_roots;
use super::{Limits, Poly, Rational};

/// Most candidate linear factors tried for one polynomial.
const MAX_CANDIDATES: usize = 4096;

/// Terms beyond which a polynomial is left whole.
const MAX_TERMS: usize = 2000;

/// The coefficient of `v^k` in `p`, a polynomial free of `v`.
pub(crate) fn coefficient(p: &Poly, v: usize, k: u32) -> Poly {
    Poly::from_terms(
        p.nvars(),
        p.terms().filter(|(e, _)| e[v] == k).map(|(e, c)| {
            let mut e = e.clone();
            e[v] = 0;
            (e, c.clone())
        }),
    )
}

/// `v^k`.
fn power_of(n: usize, v: usize, k: u32) -> Poly {
    let mut e = vec![0; n];
    e[v] = k;
    Poly::monomial(e, Rational::one())
}

/// `p` with every factor `c` divided out (as often as `c` divides it
/// exactly); `p` itself when `c` is a constant.
pub fn divide_out(p: Poly, c: &Poly) -> Poly {
    let mut p = p;
    if c.degree() == 0 {
        return p;
    }
    while let Some(q) = div_exact(&p, c).filter(|q| !q.is_zero()) {
        p = q;
    }
    p
}

/// The lexicographically largest term.
fn leading(p: &Poly) -> Option<(&Vec<u32>, &Rational)> {
    p.terms().last()
}

/// `a / b` when `b` divides `a` exactly (division by leading terms in the
/// lexicographic order: if `b` divides `a`, the leading term of `b` divides
/// that of every remainder on the way).
pub fn div_exact(a: &Poly, b: &Poly) -> Option<Poly> {
    let limits = Limits::default();
    let (eb, cb) = leading(b)?;
    let (eb, cb) = (eb.clone(), cb.clone());
    let mut q = Poly::zero(a.nvars());
    let mut r = a.clone();
    while let Some((er, cr)) = leading(&r) {
        crate::budget::checkpoint();
        if !er.iter().zip(&eb).all(|(x, y)| x >= y) {
            return None;
        }
        let e: Vec<u32> = er.iter().zip(&eb).map(|(x, y)| x - y).collect();
        let t = Poly::monomial(e, cr / &cb);
        r = r.sub(&t.mul(b, &limits).ok()?);
        q.add_assign(&t);
        if r.len() > 4 * MAX_TERMS {
            return None;
        }
    }
    Some(q)
}

/// `p` scaled so that its lexicographically largest coefficient is 1.
fn normalised(p: &Poly) -> Poly {
    match leading(p) {
        Some((_, c)) => p.scale(&(Rational::one() / c)),
        None => p.clone(),
    }
}

/// The first variable `p` or `q` depends on.
fn main_variable(p: &Poly, q: &Poly) -> Option<usize> {
    (0..p.nvars()).find(|&v| p.depends_on(v) || q.depends_on(v))
}

/// The greatest common divisor over ℚ, with leading coefficient 1 (`None`
/// when the computation would grow past its limits).
pub fn gcd(a: &Poly, b: &Poly) -> Option<Poly> {
    crate::budget::checkpoint();
    if a.is_zero() {
        return Some(normalised(b));
    }
    if b.is_zero() {
        return Some(normalised(a));
    }
    let n = a.nvars();
    let Some(v) = main_variable(a, b) else {
        return Some(Poly::one(n));
    };
    if a.len() > MAX_TERMS || b.len() > MAX_TERMS {
        return None;
    }
    let (ca, pa) = content(a, v)?;
    let (cb, pb) = content(b, v)?;
    let c = gcd(&ca, &cb)?;
    let (mut f, mut g) = if pa.degree_in(v) >= pb.degree_in(v) {
        (pa, pb)
    } else {
        (pb, pa)
    };
    while g.degree_in(v) > 0 {
        let r = pseudo_remainder(&f, &g, v)?;
        if r.is_zero() {
            break;
        }
        f = g;
        g = content(&r, v)?.1;
    }
    let primitive = if g.degree_in(v) == 0 { Poly::one(n) } else { g };
    Some(normalised(&c.mul(&primitive, &Limits::default()).ok()?))
}

/// The content of `p` in `v` (the gcd of its coefficients, a polynomial
/// free of `v`) and its primitive part.
fn content(p: &Poly, v: usize) -> Option<(Poly, Poly)> {
    let mut c = Poly::zero(p.nvars());
    for k in 0..=p.degree_in(v) {
        let coeff = coefficient(p, v, k);
        if !coeff.is_zero() {
            c = gcd(&c, &coeff)?;
        }
    }
    let primitive = div_exact(p, &c)?;
    Some((c, primitive))
}

/// The pseudo-remainder of `f` by `g` in `v`: `lc(g)^k·f − q·g` of degree
/// below that of `g`.
fn pseudo_remainder(f: &Poly, g: &Poly, v: usize) -> Option<Poly> {
    let limits = Limits::default();
    let n = f.nvars();
    let dg = g.degree_in(v);
    let lc = coefficient(g, v, dg);
    let mut r = f.clone();
    while !r.is_zero() && r.degree_in(v) >= dg {
        crate::budget::checkpoint();
        let dr = r.degree_in(v);
        let lr = coefficient(&r, v, dr);
        let shifted = lr.mul(&power_of(n, v, dr - dg), &limits).ok()?;
        r = lc
            .mul(&r, &limits)
            .ok()?
            .sub(&shifted.mul(g, &limits).ok()?);
        if r.len() > 4 * MAX_TERMS {
            return None;
        }
    }
    Some(r)
}

/// `p = c · Π f_i^{m_i}` with the `f_i` square-free, pairwise coprime and
/// normalised; `None` when a step would grow past its limits.
pub fn square_free(p: &Poly) -> Option<(Rational, Vec<(Poly, u32)>)> {
    let n = p.nvars();
    let Some(v) = (0..n).find(|&v| p.depends_on(v)) else {
        return Some((p.constant_term(), Vec::new()));
    };
    // The content in v has fewer variables; the primitive part has every
    // factor depending on v, so that Yun's algorithm in v sees them all.
    let (c, primitive) = content(p, v)?;
    let (mut scale, mut out) = square_free(&c)?;
    let limits = Limits::default();
    let derivative = |q: &Poly| q.derivative(v);
    let a0 = gcd(&primitive, &derivative(&primitive))?;
    let mut b = div_exact(&primitive, &a0)?;
    let mut d = div_exact(&derivative(&primitive), &a0)?.sub(&derivative(&b));
    let mut multiplicity = 1;
    while b.degree() > 0 {
        crate::budget::checkpoint();
        let a = gcd(&b, &d)?;
        if a.degree() > 0 {
            out.push((a.clone(), multiplicity));
        }
        let next_b = div_exact(&b, &a)?;
        let c_next = div_exact(&d, &a)?;
        d = c_next.sub(&derivative(&next_b));
        b = next_b;
        multiplicity += 1;
    }
    // What is left of the primitive part is a constant: together with the
    // normalisations it is the ratio of p to the product.
    let mut product = Poly::constant(n, scale.clone());
    for (f, m) in &out {
        product = product.mul(&f.pow(*m, &limits).ok()?, &limits).ok()?;
    }
    let ratio = div_exact(p, &product)?;
    if ratio.degree() > 0 {
        return None;
    }
    scale *= ratio.constant_term();
    Some((scale, out))
}

/// `p` with every variable but `v` set to `point` (its entry at `v`
/// ignored): the coefficients of the univariate polynomial, constant first.
fn on_line(p: &Poly, v: usize, point: &[Rational]) -> Vec<Rational> {
    let mut coefficients = vec![Rational::zero(); p.degree_in(v) as usize + 1];
    let mut at = point.to_vec();
    at[v] = Rational::one();
    for (e, c) in p.terms() {
        let mut m = e.clone();
        m[v] = 0;
        let value = Poly::monomial(m, c.clone()).eval(&at);
        coefficients[e[v] as usize] += value;
    }
    coefficients
}

/// A linear factor `v − L(others)` of `p` (primitive in `v`), if one exists:
/// its roots in `v` on a line through a generic point and on the lines
/// through the point moved one unit along each other coordinate fix L's
/// coefficients; each candidate is checked by substituting it.
fn linear_factor(p: &Poly, v: usize) -> Option<Poly> {
    let n = p.nvars();
    let others: Vec<usize> = (0..n).filter(|&j| j != v && p.depends_on(j)).collect();
    let lc = coefficient(p, v, p.degree_in(v));
    // A generic point: where the leading coefficient in v does not vanish,
    // at the base point and at each unit step from it.
    // Small integers: the polynomial on the line keeps integer coefficients
    // of moderate size, whose divisors are quick to find.
    let base: Vec<Rational> = (0..n)
        .map(|j| Rational::from_integer(((j % 5) as i64 + 2).into()))
        .collect();
    let step = |j: usize| {
        let mut x = base.clone();
        x[j] += Rational::one();
        x
    };
    if lc.eval(&base).is_zero() || others.iter().any(|&j| lc.eval(&step(j)).is_zero()) {
        return None;
    }
    let roots = rational_roots(&on_line(p, v, &base))?;
    let moved: Vec<Vec<Rational>> = others
        .iter()
        .map(|&j| rational_roots(&on_line(p, v, &step(j))))
        .collect::<Option<_>>()?;
    let count = roots.len() * moved.iter().map(Vec::len).product::<usize>();
    if count == 0 || count > MAX_CANDIDATES {
        return None;
    }
    for rho in &roots {
        // Every choice of one root per moved line.
        let mut choice = vec![0usize; others.len()];
        loop {
            crate::budget::checkpoint();
            // L = ρ + Σ a_j (x_j − base_j), a_j = σ_j − ρ.
            let mut l = Poly::constant(n, rho.clone());
            for (k, &j) in others.iter().enumerate() {
                let a = &moved[k][choice[k]] - rho;
                let xj = Poly::var(n, j).sub(&Poly::constant(n, base[j].clone()));
                l = l.add(&xj.scale(&a));
            }
            if vanishes_on(p, v, &l, &others, &base)? {
                return Some(Poly::var(n, v).sub(&l));
            }
            // The next choice.
            let Some(k) = (0..others.len()).find(|&k| choice[k] + 1 < moved[k].len()) else {
                break;
            };
            choice[k] += 1;
            for c in choice.iter_mut().take(k) {
                *c = 0;
            }
        }
    }
    None
}

/// Whether `p` vanishes on the hyperplane `v = l` (`l` free of `v`), proved
/// by substitution; `None` when the substitution grows past its limits.
fn vanishes_on(p: &Poly, v: usize, l: &Poly, others: &[usize], base: &[Rational]) -> Option<bool> {
    // One point off every line used to find l rejects almost every wrong
    // candidate at the cost of an evaluation; the substitution is for the
    // survivors.
    let mut probe = base.to_vec();
    for &j in others {
        probe[j] += Rational::from_integer(2.into());
    }
    probe[v] = l.eval(&probe);
    if !p.eval(&probe).is_zero() {
        return Some(false);
    }
    let n = p.nvars();
    let substitution: Vec<Poly> = (0..n)
        .map(|i| if i == v { l.clone() } else { Poly::var(n, i) })
        .collect();
    Some(p.compose(&substitution, &Limits::default()).ok()?.is_zero())
}

/// The rational linear factors of `p` (normalised, with their
/// multiplicities) and what is left of it, found by roots on lines only
/// (no gcds, whose remainder sequences can grow without bound); `None`
/// when a division would grow past its limits.
pub fn linear_factors(p: &Poly) -> Option<(BTreeMap<Poly, u32>, Poly)> {
    let mut out: BTreeMap<Poly, u32> = BTreeMap::new();
    let mut rest = p.clone();
    if p.len() > MAX_TERMS {
        return Some((out, rest));
    }
    for v in 0..p.nvars() {
        while rest.degree_in(v) >= 1 && rest.degree() > 1 {
            let Some(l) = linear_factor(&rest, v) else {
                break;
            };
            let l = normalised(&l);
            rest = div_exact(&rest, &l)?;
            *out.entry(l).or_default() += 1;
        }
    }
    Some((out, rest))
}

/// `p = c · Π f_i^{m_i}`: its square-free parts, each split into its
/// rational linear factors and the rest (normalised, sorted, distinct).
/// `(1, [(p, 1)])` when a step would grow past its limits.
pub fn factor(p: &Poly) -> (Rational, Vec<(Poly, u32)>) {
    let whole = || (Rational::one(), vec![(p.clone(), 1)]);
    if p.len() > MAX_TERMS {
        return whole();
    }
    // Linear factors first, by roots on lines (cheap): what is left for the
    // gcds of the square-free decomposition is of lower degree.
    let Some((mut out, rest)) = linear_factors(p) else {
        return whole();
    };
    let Some((mut scale, parts)) = square_free(&rest) else {
        return whole();
    };
    for (part, m) in parts {
        let mut rest = part;
        'split: loop {
            for v in 0..rest.nvars() {
                if rest.degree_in(v) == 0 {
                    continue;
                }
                let Some((c, primitive)) = content(&rest, v) else {
                    break 'split;
                };
                if c.degree() > 0 {
                    // A factor free of v: split it off and go on.
                    let (k, fs) = factor(&c);
                    scale *= pow(&k, m);
                    for (f, e) in fs {
                        *out.entry(f).or_default() += e * m;
                    }
                    rest = primitive;
                    continue 'split;
                }
                if rest.degree_in(v) == 1 {
                    continue;
                }
                if let Some(l) = linear_factor(&rest, v) {
                    let l = normalised(&l);
                    let Some(q) = div_exact(&rest, &l) else {
                        break 'split;
                    };
                    *out.entry(l).or_default() += m;
                    rest = q;
                    continue 'split;
                }
            }
            break;
        }
        if rest.degree() > 0 {
            let r = normalised(&rest);
            scale *= pow(&(rest.terms().last().expect("non-zero").1.clone()), m);
            *out.entry(r).or_default() += m;
        } else {
            scale *= pow(&rest.constant_term(), m);
        }
    }
    let factors: Vec<(Poly, u32)> = out.into_iter().collect();
    // Multiplied back, or nothing is claimed.
    let limits = Limits::default();
    let mut product = Poly::constant(p.nvars(), scale.clone());
    for (f, e) in &factors {
        match f.pow(*e, &limits).and_then(|fe| product.mul(&fe, &limits)) {
            Ok(q) => product = q,
            Err(_) => return whole(),
        }
    }
    if product != *p {
        return whole();
    }
    (scale, factors)
}

fn pow(x: &Rational, m: u32) -> Rational {
    num_traits::pow(x.clone(), m as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Signed;

    fn parse(s: &str) -> Poly {
        let p = crate::parse::parse(&format!("vars x, y, z; K = {s};")).unwrap();
        p.k(&Limits::default()).unwrap()
    }

    #[test]
    fn every_power_of_a_unit_is_divided_out() {
        let p = parse("(1 - x)^3 * (x*y + z) * (y + 1)");
        assert_eq!(divide_out(p, &parse("1 - x")), parse("(x*y + z) * (y + 1)"));
        let q = parse("x*y + z");
        assert_eq!(divide_out(q.clone(), &parse("y + 2")), q);
        assert_eq!(divide_out(q.clone(), &parse("3")), q);
    }

    #[test]
    fn gcds_of_products() {
        let a = parse("(x + y)^2 * (x - z) * (y^2 + 1)");
        let b = parse("(x + y) * (x - z)^3 * (z + 2)");
        assert_eq!(
            gcd(&a, &b).unwrap(),
            normalised(&parse("(x + y) * (x - z)"))
        );
    }

    #[test]
    fn square_free_parts_and_linear_factors() {
        // Two planes written as one quadric.
        let (c, fs) = factor(&parse("(x + y)^2 - z^2"));
        assert_eq!(fs.len(), 2, "{fs:?}");
        assert!(fs.iter().all(|(f, m)| f.degree() == 1 && *m == 1));
        assert_eq!(c.abs(), Rational::one());
        // A unit times a square, written out.
        let (_, fs) = factor(&parse("(x*y + 2) * (y^2 - x^3)^2"));
        let mut ms: Vec<u32> = fs.iter().map(|(_, m)| *m).collect();
        ms.sort();
        assert_eq!(ms, vec![1, 2]);
        // Five planes, expanded.
        let (_, fs) = factor(&parse("x*y*(x + y + z)*(x + 2*y + 3*z)*(x - y + 2*z)"));
        assert_eq!(fs.len(), 5, "{fs:?}");
        // Irreducible: left whole.
        let (_, fs) = factor(&parse("x^2 + y^2 - z^3"));
        assert_eq!(fs.len(), 1);
    }
}
