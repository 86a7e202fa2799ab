//! K's polynomials as one straight-line program: nested Horner forms
//! with their common parts computed once.
//!
//! Written out, the generators of a deep linear network are sums of 64
//! monomials of degree 4, and restricting every monomial to a line is
//! where the sampler spent four fifths of its time. Their nested form
//! Σ_i W₄[a,i]·(Σ_j W₃[i,j]·(Σ_k W₂[j,k]·W₁[k,b])) shares its inner sums
//! between generators: the product of the layers, computed once per line.
//! The program finds such forms from the expanded polynomials alone
//! (greedy multivariate Horner: factor out the variable in the most terms),
//! and gives every subpolynomial that recurs one node (hash-consing), so it
//! works on K however it was written.
//!
//! Every evaluation carries a running bound on the rounding error of its
//! value (Higham 2002, §3.1: each operation errs by at most one unit of its
//! result), which the samplers need to know when K's digits are gone.

use std::collections::HashMap;

use num_traits::ToPrimitive;

use crate::poly::{Exponent, Poly, Rational};

/// Polynomials with more terms than this are compiled term by term: the
/// search for a Horner form hashes subpolynomials at every level.
const MAX_HORNER_TERMS: usize = 5000;

#[derive(Clone, Copy, Debug)]
enum Node {
    Const(f64),
    Var(usize),
    Add(usize, usize),
    Mul(usize, usize),
    /// A node times a variable: the step of every Horner form, with a
    /// cheaper restriction to a line than a general product.
    MulVar(usize, usize),
}

/// The compiled polynomials: nodes in an order where every operand comes
/// before its use, and the node of each polynomial.
pub(crate) struct Program {
    nodes: Vec<Node>,
    /// Where each node's line polynomial starts in the scratch buffer
    /// (room for its degree + 1 coefficients).
    offsets: Vec<usize>,
    outputs: Vec<usize>,
}

/// A subpolynomial, as the key of its node.
type Terms = Vec<(Exponent, Rational)>;

struct Builder {
    nodes: Vec<Node>,
    degrees: Vec<usize>,
    memo: HashMap<Terms, usize>,
    nvars: usize,
}

impl Builder {
    fn push(&mut self, node: Node, degree: usize) -> usize {
        self.nodes.push(node);
        self.degrees.push(degree);
        self.nodes.len() - 1
    }

    fn constant(&mut self, c: &Rational) -> usize {
        self.push(Node::Const(c.to_f64().unwrap_or(0.0)), 0)
    }

    fn add(&mut self, a: usize, b: usize) -> usize {
        let degree = self.degrees[a].max(self.degrees[b]);
        self.push(Node::Add(a, b), degree)
    }

    fn mul(&mut self, a: usize, b: usize) -> usize {
        let degree = self.degrees[a] + self.degrees[b];
        self.push(Node::Mul(a, b), degree)
    }

    fn mul_var(&mut self, a: usize, i: usize) -> usize {
        let degree = self.degrees[a] + 1;
        self.push(Node::MulVar(a, i), degree)
    }

    fn var(&mut self, i: usize) -> usize {
        let key = vec![(unit(self.nvars, i), Rational::from_integer(1.into()))];
        if let Some(&n) = self.memo.get(&key) {
            return n;
        }
        let n = self.push(Node::Var(i), 1);
        self.memo.insert(key, n);
        n
    }

    /// c · Π x_i^{e_i}, one multiplication at a time.
    fn monomial(&mut self, e: &Exponent, c: &Rational) -> usize {
        let mut node = None;
        for (i, &k) in e.iter().enumerate() {
            for _ in 0..k {
                node = Some(match node {
                    None => self.var(i),
                    Some(n) => self.mul_var(n, i),
                });
            }
        }
        let one = Rational::from_integer(1.into());
        match node {
            None => self.constant(c),
            Some(n) if *c == one => n,
            Some(n) => {
                let k = self.constant(c);
                self.mul(k, n)
            }
        }
    }

    /// The sum of the terms, term by term.
    fn flat(&mut self, terms: &[(Exponent, Rational)]) -> usize {
        let mut sum = None;
        for (e, c) in terms {
            let m = self.monomial(e, c);
            sum = Some(match sum {
                None => m,
                Some(s) => self.add(s, m),
            });
        }
        sum.unwrap_or_else(|| self.constant(&Rational::from_integer(0.into())))
    }

    /// The sum of the terms in Horner form: the variable in the most terms
    /// (the first such) is factored out of them, `x·Q + R`, and Q and R are
    /// formed the same way; a subpolynomial met before is its node.
    fn horner(&mut self, terms: Terms) -> usize {
        if let Some(&n) = self.memo.get(&terms) {
            return n;
        }
        let node = match terms.as_slice() {
            [] => self.constant(&Rational::from_integer(0.into())),
            [(e, c)] => self.monomial(e, c),
            _ => {
                let mut count = vec![0usize; self.nvars];
                for (e, _) in &terms {
                    for (i, &k) in e.iter().enumerate() {
                        count[i] += usize::from(k > 0);
                    }
                }
                let v = (0..self.nvars)
                    .max_by_key(|&i| (count[i], std::cmp::Reverse(i)))
                    .expect("a constant has one term");
                let (with, without): (Terms, Terms) =
                    terms.iter().cloned().partition(|(e, _)| e[v] > 0);
                let quotient: Terms = with
                    .into_iter()
                    .map(|(mut e, c)| {
                        e[v] -= 1;
                        (e, c)
                    })
                    .collect();
                let q = self.horner(quotient);
                let xq = self.mul_var(q, v);
                if without.is_empty() {
                    xq
                } else {
                    let r = self.horner(without);
                    self.add(xq, r)
                }
            }
        };
        self.memo.insert(terms, node);
        node
    }
}

fn unit(nvars: usize, i: usize) -> Exponent {
    let mut e = vec![0; nvars];
    e[i] = 1;
    e
}

impl Program {
    /// Compiles the polynomials (all in the same variables) into one program.
    pub(crate) fn new(polys: &[&Poly]) -> Program {
        let nvars = polys.first().map_or(0, |p| p.nvars());
        let mut b = Builder {
            nodes: Vec::new(),
            degrees: Vec::new(),
            memo: HashMap::new(),
            nvars,
        };
        let outputs = polys
            .iter()
            .map(|p| {
                let terms: Terms = p.terms().map(|(e, c)| (e.clone(), c.clone())).collect();
                if terms.len() > MAX_HORNER_TERMS {
                    b.flat(&terms)
                } else {
                    b.horner(terms)
                }
            })
            .collect();
        let mut offsets = Vec::with_capacity(b.nodes.len() + 1);
        let mut at = 0;
        for d in &b.degrees {
            offsets.push(at);
            at += d + 1;
        }
        offsets.push(at);
        Program {
            nodes: b.nodes,
            offsets,
            outputs,
        }
    }

    /// The work of one restriction to a line, in units of a product of
    /// two numbers: a node costs its products and a little more for being
    /// read and dispatched.
    pub(crate) fn cost(&self) -> usize {
        let degree = |n: usize| self.offsets[n + 1] - self.offsets[n] - 1;
        self.nodes
            .iter()
            .map(|node| match *node {
                Node::Mul(a, b) => 2 + (degree(a) + 1) * (degree(b) + 1),
                Node::Add(a, b) => 2 + degree(a).max(degree(b)) + 1,
                Node::MulVar(a, _) => 2 + 2 * (degree(a) + 1),
                _ => 2,
            })
            .sum()
    }

    /// The same work for `p` restricted term by term, as
    /// [`FloatPoly::along`](super::eval::FloatPoly) does: a term of degree
    /// k takes about k²/2 products.
    pub(crate) fn flat_cost(p: &Poly) -> usize {
        p.terms()
            .map(|(e, _)| {
                let k = e.iter().sum::<u32>() as usize;
                2 + k * (k + 1) / 2 + k
            })
            .sum()
    }

    /// Each polynomial's value at `x` with a bound on its rounding error,
    /// in the order given to [`Self::new`], into `out`.
    pub(crate) fn eval_with_error(
        &self,
        x: &[f64],
        scratch: &mut Vec<(f64, f64)>,
        out: &mut Vec<(f64, f64)>,
    ) {
        scratch.clear();
        for node in &self.nodes {
            let v = match *node {
                Node::Const(c) => (c, f64::EPSILON * c.abs()),
                Node::Var(i) => (x[i], 0.0),
                Node::Add(a, b) => {
                    let ((va, ea), (vb, eb)) = (scratch[a], scratch[b]);
                    let v = va + vb;
                    (v, ea + eb + f64::EPSILON * v.abs())
                }
                Node::Mul(a, b) => {
                    let ((va, ea), (vb, eb)) = (scratch[a], scratch[b]);
                    let v = va * vb;
                    (v, product_error(va, ea, vb, eb, v))
                }
                Node::MulVar(a, i) => {
                    let (va, ea) = scratch[a];
                    let v = va * x[i];
                    (v, product_error(va, ea, x[i], 0.0, v))
                }
            };
            scratch.push(v);
        }
        out.clear();
        out.extend(self.outputs.iter().map(|&o| scratch[o]));
    }

    /// Each polynomial restricted to the line x + s·d, as coefficients in s
    /// (constant first, trailing zeros where the line is an axis), with the
    /// rounding-error bound of its constant (its value at x): the lines
    /// into `lines`, one per polynomial, the bounds into `errors`.
    pub(crate) fn along(
        &self,
        x: &[f64],
        d: &[f64],
        scratch: &mut ProgramScratch,
        lines: &mut [Vec<f64>],
        errors: &mut Vec<f64>,
    ) {
        let ProgramScratch { buffer, len, error } = scratch;
        buffer.resize(*self.offsets.last().unwrap_or(&0), 0.0);
        len.clear();
        error.clear();
        for (n, node) in self.nodes.iter().enumerate() {
            let at = self.offsets[n];
            let (l, e) = match *node {
                Node::Const(c) => {
                    buffer[at] = c;
                    (1, f64::EPSILON * c.abs())
                }
                Node::Var(i) => {
                    buffer[at] = x[i];
                    if d[i] != 0.0 {
                        buffer[at + 1] = d[i];
                        (2, 0.0)
                    } else {
                        (1, 0.0)
                    }
                }
                Node::Add(a, b) => {
                    let (la, lb) = (len[a], len[b]);
                    let (oa, ob) = (self.offsets[a], self.offsets[b]);
                    for k in 0..la.max(lb) {
                        let va = if k < la { buffer[oa + k] } else { 0.0 };
                        let vb = if k < lb { buffer[ob + k] } else { 0.0 };
                        buffer[at + k] = va + vb;
                    }
                    let v = buffer[at];
                    (la.max(lb), error[a] + error[b] + f64::EPSILON * v.abs())
                }
                Node::Mul(a, b) => {
                    let (la, lb) = (len[a], len[b]);
                    let (oa, ob) = (self.offsets[a], self.offsets[b]);
                    buffer[at..at + la + lb - 1].fill(0.0);
                    for i in 0..la {
                        let va = buffer[oa + i];
                        for j in 0..lb {
                            buffer[at + i + j] += va * buffer[ob + j];
                        }
                    }
                    let (va, vb, v) = (buffer[oa], buffer[ob], buffer[at]);
                    (la + lb - 1, product_error(va, error[a], vb, error[b], v))
                }
                Node::MulVar(a, i) => {
                    let (la, oa) = (len[a], self.offsets[a]);
                    let (xi, di) = (x[i], d[i]);
                    let (from, to) = buffer.split_at_mut(at);
                    let q = &from[oa..oa + la];
                    to[0] = q[0] * xi;
                    let l = if di == 0.0 {
                        for k in 1..la {
                            to[k] = q[k] * xi;
                        }
                        la
                    } else {
                        for k in 1..la {
                            to[k] = q[k] * xi + q[k - 1] * di;
                        }
                        to[la] = q[la - 1] * di;
                        la + 1
                    };
                    (l, product_error(q[0], error[a], xi, 0.0, to[0]))
                }
            };
            len.push(l);
            error.push(e);
        }
        errors.clear();
        for (line, &o) in lines.iter_mut().zip(&self.outputs) {
            let at = self.offsets[o];
            line.clear();
            line.extend_from_slice(&buffer[at..at + len[o]]);
            errors.push(error[o]);
        }
    }
}

/// The bound on the error of a computed product `v = fl(a·b)` from the
/// bounds `ea`, `eb` on its operands' errors: |a|·eb + |b|·ea + ea·eb for
/// the operands, one ε of the result for the rounding.
fn product_error(a: f64, ea: f64, b: f64, eb: f64, v: f64) -> f64 {
    a.abs() * eb + b.abs() * ea + ea * eb + f64::EPSILON * v.abs()
}

/// The buffers of [`Program::along`], kept between calls.
#[derive(Default)]
pub(crate) struct ProgramScratch {
    buffer: Vec<f64>,
    len: Vec<usize>,
    error: Vec<f64>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn poly(src: &str) -> Poly {
        crate::parse(src).unwrap().prior
    }

    #[test]
    fn the_program_computes_the_polynomials() {
        let p = poly("vars x, y, z; K = x; prior = 3*x^2*y - x*y*z + 2*z^3 - 1/3 + y;");
        let q = poly("vars x, y, z; K = x; prior = (x*y - z)^3 + x;");
        let program = Program::new(&[&p, &q]);
        let (x, d) = ([0.3, -0.7, 0.2], [0.5, 0.25, -1.0]);
        let mut values = Vec::new();
        program.eval_with_error(&x, &mut Vec::new(), &mut values);
        let mut lines = vec![Vec::new(), Vec::new()];
        let mut errors = Vec::new();
        program.along(
            &x,
            &d,
            &mut ProgramScratch::default(),
            &mut lines,
            &mut errors,
        );
        for (k, f) in [&p, &q].into_iter().enumerate() {
            let flat = super::super::eval::FloatPoly::new(f);
            let (v, e) = values[k];
            assert!((v - flat.eval(&x)).abs() <= e + 1e-15, "{v} {e}");
            for s in [-0.9, 0.0, 0.37, 1.3] {
                let y: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + s * b).collect();
                let along = super::super::line::horner(&lines[k], s);
                assert!((along - flat.eval(&y)).abs() <= 1e-12, "{k} {s}");
            }
        }
    }

    /// The generators of a product of three 3×3 matrices share the
    /// inner products: compiled together they take fewer multiplications
    /// than compiled one by one.
    #[test]
    fn common_subpolynomials_are_computed_once() {
        let problem = crate::parse(&matrix_product(&["u", "v", "w"], 3)).unwrap();
        let crate::problem::Target::SumOfSquares(gens) = &problem.target else {
            panic!("a sum of squares");
        };
        let multiplications = |program: &Program| {
            program
                .nodes
                .iter()
                .filter(|n| matches!(n, Node::Mul(..) | Node::MulVar(..)))
                .count()
        };
        let together = multiplications(&Program::new(&gens.iter().collect::<Vec<_>>()));
        let alone: usize = gens
            .iter()
            .map(|g| multiplications(&Program::new(&[g])))
            .sum();
        assert!(together < alone, "{together} {alone}");
    }

    /// K = ‖M_1 ⋯ M_L − I/8‖² for n×n matrices named by `layers`, written out
    /// term by term: a deep linear network, as the tests compile it.
    pub(crate) fn matrix_product(layers: &[&str], n: usize) -> String {
        let mut vars = Vec::new();
        for m in layers {
            for i in 1..=n {
                for j in 1..=n {
                    vars.push(format!("{m}{i}{j}"));
                }
            }
        }
        let mut gens = Vec::new();
        for a in 1..=n {
            for b in 1..=n {
                // Every path a → … → b through the layers is one term.
                let mut paths = vec![(a, String::new())];
                for m in layers {
                    paths = paths
                        .into_iter()
                        .flat_map(|(i, term)| {
                            (1..=n).map(move |j| {
                                let sep = if term.is_empty() { "" } else { "*" };
                                (j, format!("{term}{sep}{m}{i}{j}"))
                            })
                        })
                        .collect();
                }
                let terms: Vec<String> = paths
                    .into_iter()
                    .filter(|(j, _)| *j == b)
                    .map(|(_, t)| t)
                    .collect();
                gens.push(terms.join(" + ") + if a == b { " - 1/8" } else { "" });
            }
        }
        format!("vars {}; K = sos({});", vars.join(", "), gens.join(", "))
    }
}
