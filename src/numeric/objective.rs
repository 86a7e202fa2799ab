//! K compiled for the samplers: evaluated from its factor structure with a
//! bound on its rounding error, and restricted to lines.

use num_traits::ToPrimitive;

use super::eval::FloatPoly;
use super::line;
use super::program::{Program, ProgramScratch};
use crate::problem::{Factor, Problem};

/// The relative rounding error of K beyond which its value is not trusted.
pub(crate) const K_RELATIVE_ERROR: f64 = 1e-3;

/// The highest degree of K along a line for which the walk isolates the
/// roots (their cost grows like the cube of the degree); above it, slices
/// are found by shrinking a bracket.
const MAX_LINE_DEGREE: usize = 40;

/// Values with their error bounds.
type Bounded = Vec<(f64, f64)>;

thread_local! {
    /// The buffers of the program's evaluation at a point (the walk
    /// evaluates K millions of times): every node's value, and the outputs'.
    static VALUES: std::cell::RefCell<(Bounded, Bounded)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// One factor of K: its polynomials with their weights, and its power
/// (`None` for a weighted sum of squares).
struct Compiled {
    polys: Vec<(f64, FloatPoly)>,
    power: Option<i32>,
}

/// K = c · Π factors, compiled from the problem's factor structure, so that
/// near its zeros it is evaluated without the cancellation an expanded form
/// would suffer.
pub(crate) struct Objective {
    c: f64,
    factors: Vec<Compiled>,
    /// For each coordinate, the polynomials (in the order of
    /// [`Self::polys`]) that depend on it: along an axis the others are
    /// constants, and a move along it leaves their values as they were.
    involving: Vec<Vec<usize>>,
    /// The polynomials as one straight-line program, where its nested
    /// forms cost less than the terms written out (see [`Program`]): then
    /// the walk evaluates it, and the flat forms serve the double-double
    /// fallback.
    program: Option<Program>,
}

impl Objective {
    pub(crate) fn new(problem: &Problem) -> Objective {
        let (c, factors) = &problem.k_factors;
        let factors = factors
            .iter()
            .map(|f| match f {
                Factor::Power(p, e) => Compiled {
                    polys: vec![(1.0, FloatPoly::new(p))],
                    power: Some(*e as i32),
                },
                Factor::Sos(gens) => Compiled {
                    polys: gens
                        .iter()
                        .map(|(w, g)| (w.to_f64().unwrap_or(1.0), FloatPoly::new(g)))
                        .collect(),
                    power: None,
                },
            })
            .collect();
        let exact: Vec<&crate::poly::Poly> = problem
            .k_factors
            .1
            .iter()
            .flat_map(|f| match f {
                Factor::Power(p, _) => vec![p],
                Factor::Sos(gens) => gens.iter().map(|(_, g)| g).collect(),
            })
            .collect();
        let program = Program::new(&exact);
        let flat_cost: usize = exact.iter().map(|p| Program::flat_cost(p)).sum();
        let mut objective = Objective {
            c: c.to_f64().unwrap_or(1.0),
            factors,
            involving: vec![Vec::new(); problem.vars.len()],
            // Twice as cheap at least: a node costs more than a term's
            // product (it is read, dispatched and sized).
            program: (2 * program.cost() < flat_cost).then_some(program),
        };
        let depends: Vec<Vec<usize>> = objective.polys().map(FloatPoly::depends_on).collect();
        for (p, vars) in depends.into_iter().enumerate() {
            for i in vars {
                objective.involving[i].push(p);
            }
        }
        objective
    }

    fn polys(&self) -> impl Iterator<Item = &FloatPoly> {
        self.factors
            .iter()
            .flat_map(|f| f.polys.iter().map(|(_, p)| p))
    }

    /// K and a bound on its relative error from each polynomial's value and
    /// error (in the order of [`Self::polys`]): the product's relative
    /// error is at most the sum of the factors'.
    fn combine(&self, values: &[(f64, f64)]) -> (f64, f64) {
        let (mut value, mut relative) = (self.c, 0.0);
        let mut at = values.iter();
        for f in &self.factors {
            let (v, r) = match f.power {
                Some(e) => {
                    let (p, err) = *at.next().expect("one value per polynomial");
                    (p.powi(e), f64::from(e.abs()) * err / p.abs())
                }
                None => {
                    let (mut sum, mut err) = (0.0, 0.0);
                    for (w, _) in &f.polys {
                        let (gv, ge) = *at.next().expect("one value per polynomial");
                        sum += w * gv * gv;
                        err += w * (2.0 * gv.abs() * ge + ge * ge);
                    }
                    (sum, err / sum)
                }
            };
            value *= v;
            relative += r;
        }
        (value, relative)
    }

    /// K at a point, or NaN where rounding could have changed it by more
    /// than [`K_RELATIVE_ERROR`] of itself (the digits of a factor
    /// cancelled away): the samplers never accept such a point, and nested
    /// sampling ends its run there, since below that level {K < t} is no
    /// longer known.
    pub(crate) fn value(&self, x: &[f64]) -> f64 {
        let (mut value, mut relative) = match &self.program {
            Some(program) => VALUES.with_borrow_mut(|(nodes, values)| {
                program.eval_with_error(x, nodes, values);
                self.combine(values)
            }),
            None => {
                let plain: Vec<(f64, f64)> = self.polys().map(|p| p.eval_with_error(x)).collect();
                self.combine(&plain)
            }
        };
        // Where doubles lose K's digits (an expanded K near its zeros),
        // double-doubles keep about 16 more: the walk goes on twice as
        // many decades down before the value is noise. Only there, as they
        // cost several times more.
        if relative > K_RELATIVE_ERROR || relative.is_nan() {
            let precise: Vec<(f64, f64)> = self.polys().map(|p| p.eval_double_double(x)).collect();
            (value, relative) = self.combine(&precise);
        }
        // 0/0 (an exact zero with no error) is an exact zero.
        if relative.is_nan() && value == 0.0 {
            return 0.0;
        }
        if relative > K_RELATIVE_ERROR || relative.is_nan() {
            f64::NAN
        } else {
            value
        }
    }

    /// K along the line x + s·d, as the coefficients of a polynomial in s
    /// (constant first), or `None` where K(x) itself is not reliable or the
    /// degree is too high for root isolation. The constant terms are
    /// evaluated as [`Self::value`] does (in double-double where doubles
    /// lose their digits); the others, which multiply powers of a step s
    /// that is small wherever {K < t} is thin, in doubles. The walk calls
    /// this at every step: `scratch` keeps its buffers between calls.
    pub(crate) fn along<'s>(
        &self,
        x: &[f64],
        d: &[f64],
        scratch: &'s mut LineScratch,
    ) -> Option<&'s mut [f64]> {
        let LineScratch {
            lines,
            constants,
            k,
            factor,
            product,
            at,
            stale,
            errors,
            program,
        } = scratch;
        let n = self.polys().count();
        lines.resize_with(n, Vec::new);
        let mut nonzero = d.iter().enumerate().filter(|(_, v)| **v != 0.0);
        let axis = match (nonzero.next(), nonzero.next()) {
            (Some((j, _)), None) => Some(j),
            _ => None,
        };
        match (&self.program, axis) {
            // The program restricts every polynomial at once, its shared
            // parts once (along an axis most nodes are constants).
            (Some(p), _) => {
                p.along(x, d, program, lines, errors);
                constants.clear();
                constants.extend(lines.iter().zip(errors.iter()).map(|(l, e)| (l[0], *e)));
                at.clear();
            }
            // Along an axis only the polynomials involving it vary; the
            // others keep their values at x, known from the last call
            // wherever x has not moved since in their coordinates (a walk
            // along axes moves one coordinate at a time, and a coordinate of
            // a reduced rank regression is in one generator in N).
            (None, Some(j)) if at.len() == x.len() && constants.len() == n => {
                stale.clear();
                stale.resize(n, false);
                for (i, (a, b)) in at.iter_mut().zip(x).enumerate() {
                    if a.to_bits() != b.to_bits() {
                        *a = *b;
                        for &p in &self.involving[i] {
                            stale[p] = true;
                        }
                    }
                }
                let varies = &self.involving[j];
                for (p, ((poly, line), constant)) in self
                    .polys()
                    .zip(lines.iter_mut())
                    .zip(constants.iter_mut())
                    .enumerate()
                {
                    if varies.binary_search(&p).is_ok() {
                        let error = poly.along(x, d, line);
                        *constant = (line[0], error);
                    } else {
                        if stale[p] {
                            *constant = poly.eval_with_error(x);
                        }
                        line.clear();
                        line.push(constant.0);
                    }
                }
            }
            (None, _) => {
                constants.clear();
                for (p, line) in self.polys().zip(lines.iter_mut()) {
                    let error = p.along(x, d, line);
                    constants.push((line[0], error));
                }
                at.clear();
                at.extend_from_slice(x);
            }
        }
        let (_, relative) = self.combine(constants);
        if relative > K_RELATIVE_ERROR || relative.is_nan() {
            let precise: Vec<(f64, f64)> = self.polys().map(|p| p.eval_double_double(x)).collect();
            let (value, relative) = self.combine(&precise);
            let exact_zero = relative.is_nan() && value == 0.0;
            if !exact_zero && (relative > K_RELATIVE_ERROR || relative.is_nan()) {
                return None;
            }
            for (line, (v, _)) in lines.iter_mut().zip(precise) {
                line[0] = v;
            }
            // The cache holds plain values, with their error bounds, so that
            // the next call decides afresh whether they suffice.
            at.clear();
        }
        k.clear();
        k.push(self.c);
        let mut at = lines.iter();
        for f in &self.factors {
            factor.clear();
            match f.power {
                Some(e) => {
                    let p = at.next()?;
                    factor.extend_from_slice(p);
                    for _ in 1..e {
                        line::multiply_into(factor, p, product);
                        std::mem::swap(factor, product);
                    }
                }
                None => {
                    for (w, _) in &f.polys {
                        line::add_square(factor, *w, at.next()?);
                    }
                }
            }
            line::multiply_into(k, factor, product);
            std::mem::swap(k, product);
            if k.len() > MAX_LINE_DEGREE + 1 {
                return None;
            }
        }
        Some(k.as_mut_slice())
    }
}

/// The buffers of [`Objective::along`], kept between calls.
#[derive(Default)]
pub(crate) struct LineScratch {
    lines: Vec<Vec<f64>>,
    /// Each polynomial's value at `at`, with its error bound.
    constants: Vec<(f64, f64)>,
    k: Vec<f64>,
    factor: Vec<f64>,
    product: Vec<f64>,
    /// The point of the last call (empty when `constants` are not its
    /// plain values).
    at: Vec<f64>,
    /// Which cached values a move has made stale.
    stale: Vec<bool>,
    /// The program's buffers and the error bounds of its values.
    errors: Vec<f64>,
    program: ProgramScratch,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective(src: &str) -> Objective {
        Objective::new(&crate::parse(src).unwrap())
    }

    #[test]
    fn k_whose_digits_cancel_is_not_trusted() {
        let k = objective("vars x, y; K = (x - y)^2 + x^4;");
        assert!((k.value(&[0.5, 0.25]) - (0.0625 + 0.0625)).abs() < 1e-15);
        // x − y is down to roundoff, but x⁴ holds K up: reliable.
        let near = 0.5 + f64::EPSILON;
        assert!(!k.value(&[0.5, near]).is_nan());
        // x − y at the roundoff of doubles: double-doubles resolve it.
        let k = objective("vars x, y; K = (x - y)^2;");
        let (x, y) = (0.1, 0.1 + 1e-17);
        assert_eq!(k.value(&[x, y]), (x - y) * (x - y));
        // Written out, its terms cancel past what double-doubles resolve: noise.
        let k = objective("vars x, y, z; K = x^2 - 2*x*y + y^2 + z^4;");
        assert!(k.value(&[x, y, 0.0]).is_nan());
        assert!(k.value(&[0.1, 0.3, 0.0]).is_finite());
    }

    #[test]
    fn k_along_axes_is_fresh_after_every_move() {
        let k = objective("vars x, y, z; K = sos(x*y - 1/4, y*z, 2*x - z, x + 2*z);");
        let mut cached = LineScratch::default();
        let mut x = vec![0.3, -0.7, 0.2];
        let directions = [
            [0.0, 1.0, 0.0],
            [0.0, 1.0, 0.0],
            [1.0, 0.0, 0.0],
            [0.5, 0.25, -1.0],
            [0.0, 0.0, 1.0],
            [1.0, 0.0, 0.0],
        ];
        for (step, d) in directions.iter().enumerate() {
            let line = k.along(&x, d, &mut cached).unwrap().to_vec();
            let fresh = k
                .along(&x, d, &mut LineScratch::default())
                .unwrap()
                .to_vec();
            assert_eq!(line.len(), fresh.len());
            for (a, b) in line.iter().zip(&fresh) {
                assert!(
                    (a - b).abs() <= 1e-14 * (1.0 + b.abs()),
                    "step {step}: {line:?} {fresh:?}"
                );
            }
            let s = 0.1 * (step as f64 + 1.0);
            for (xi, di) in x.iter_mut().zip(d) {
                *xi += s * di;
            }
        }
    }

    /// K of a product of four 3×3 matrices (a deep linear network) takes
    /// the program's path, its generators sharing the products of the inner
    /// layers, and along a line and at a point it is K written out.
    #[test]
    fn k_compiled_as_a_program_is_k() {
        let src = super::super::program::tests::matrix_product(&["t", "u", "v", "w"], 3);
        let k = objective(&src);
        assert!(k.program.is_some());
        let flat = |x: &[f64]| -> f64 { k.polys().map(|p| p.eval(x).powi(2)).sum() };
        let n = 36;
        let x: Vec<f64> = (0..n).map(|i| ((i * 7 % 11) as f64 - 5.0) / 10.0).collect();
        let d: Vec<f64> = (0..n).map(|i| ((i * 5 % 13) as f64 - 6.0) / 13.0).collect();
        assert!((k.value(&x) - flat(&x)).abs() <= 1e-12 * flat(&x));
        let line = k
            .along(&x, &d, &mut LineScratch::default())
            .unwrap()
            .to_vec();
        assert_eq!(line.len(), 9);
        for s in [-0.8, 0.0, 0.3, 1.1] {
            let y: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + s * b).collect();
            let (along, direct) = (line::horner(&line, s), flat(&y));
            assert!(
                (along - direct).abs() <= 1e-11 * (1.0 + direct),
                "{along} {direct}"
            );
        }
    }

    #[test]
    fn k_along_a_line_is_k_at_its_points() {
        for (src, degree) in [
            ("vars x, y, z; K = sos(x*y - 1/4, y*z, 2*x - z);", 4),
            ("vars x, y, z; K = (x*y - 1/4)^2 * (x + 2*z)^3;", 7),
        ] {
            let k = objective(src);
            let (x, d) = ([0.3, -0.7, 0.2], [0.5, 0.25, -1.0]);
            let mut scratch = LineScratch::default();
            let line = k.along(&x, &d, &mut scratch).unwrap().to_vec();
            assert_eq!(line.len(), degree + 1, "{src}");
            for s in [-0.9, -0.1, 0.0, 0.37, 1.3] {
                let y: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + s * b).collect();
                let (direct, along) = (k.value(&y), line::horner(&line, s));
                assert!(
                    (direct - along).abs() <= 1e-12 * direct.abs(),
                    "{direct} {along}"
                );
            }
        }
    }
}
