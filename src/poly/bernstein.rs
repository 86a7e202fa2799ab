//! Exact positivity certificates on boxes by Bernstein expansion.
//!
//! On `[0,1]^d` a polynomial of multidegree `n` equals
//! `Σ_I b_I Π_i C(n_i, I_i) t_i^{I_i} (1 − t_i)^{n_i − I_i}`, and its values
//! lie between the smallest and largest Bernstein coefficient `b_I`
//! (Garloff 1986). All `b_I > 0` therefore proves positivity on the box;
//! subdividing the box makes the bound sharper where it is not yet enough.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use super::{binomial, Poly, Rational};
use crate::problem::Interval;

/// Largest number of Bernstein coefficients computed for one box.
const MAX_COEFFICIENTS: usize = 200_000;

/// The result of a sign analysis on a box.
#[derive(Clone, Debug, PartialEq)]
pub enum BoxSign {
    /// The polynomial is at least this positive number on the whole box.
    Positive(Rational),
    /// The polynomial is at most this negative number on a sub-box.
    Negative(Rational),
    /// Neither could be shown within the subdivision budget.
    Unknown,
}

/// The Bernstein coefficients of a polynomial on one box: `coef[I] / scale`,
/// indexed row-major by `I ≤ n` (the multidegree). Kept as integers over one
/// positive denominator so that subdividing is additions and shifts only.
#[derive(Clone, Debug)]
pub struct Patch {
    /// The box the coefficients describe.
    pub domain: Vec<Interval>,
    n: Vec<u32>,
    strides: Vec<usize>,
    coef: Vec<BigInt>,
    scale: BigInt,
}

impl Patch {
    /// The Bernstein coefficients of `p` on the box, or `None` when there
    /// would be more than `MAX_COEFFICIENTS` of them.
    pub fn new(p: &Poly, b: &[Interval]) -> Option<Patch> {
        // The multidegree survives the change to the unit box: size the work
        // before doing it (the translation alone is costly in many variables).
        let d = p.nvars();
        let n: Vec<u32> = (0..d).map(|i| p.degree_in(i)).collect();
        let sizes: Vec<usize> = n.iter().map(|&k| k as usize + 1).collect();
        let total = sizes
            .iter()
            .try_fold(1usize, |acc, s| acc.checked_mul(*s))?;
        if total > MAX_COEFFICIENTS {
            return None;
        }
        crate::budget::checkpoint();
        // On the unit box, t ∈ [0,1]^d with w = lo + width·t, the
        // coefficient of t^e is c_e·Π width_i^{e_i}, and
        // b_I = Σ_{J ≤ I} Π_i C(I_i, J_i) · a_J / Π_i C(n_i, J_i). With
        // width_i = p_i/q_i, L the common denominator of the c_e and B_i
        // the lcm of the binomials C(n_i, ·), every a_e / Π C(n_i, e_i)
        // is an integer over the one denominator L·Π q_i^{n_i}·Π B_i:
        // integer products only, and a single gcd pass at the end brings
        // the denominator down to the least one (reducing a fraction at
        // every product was a quarter of the time of Bernstein checks).
        let shifted = p.translate(&b.iter().map(|iv| iv.lo.clone()).collect::<Vec<_>>());
        let strides: Vec<usize> = (0..d).map(|i| sizes[i + 1..].iter().product()).collect();
        let widths: Vec<Rational> = b.iter().map(|iv| &iv.hi - &iv.lo).collect();
        let numer: Vec<Vec<BigInt>> = (0..d)
            .map(|i| super::powers(widths[i].numer(), n[i]))
            .collect();
        let denom: Vec<Vec<BigInt>> = (0..d)
            .map(|i| super::powers(widths[i].denom(), n[i]))
            .collect();
        let binomials: Vec<Vec<BigInt>> = n
            .iter()
            .map(|&nk| (0..=nk).map(|k| binomial(nk, k)).collect())
            .collect();
        let lcm_binomials: Vec<BigInt> = binomials
            .iter()
            .map(|row| row.iter().fold(BigInt::one(), |l, c| l.lcm(c)))
            .collect();
        let l = shifted
            .terms()
            .fold(BigInt::one(), |l, (_, c)| l.lcm(c.denom()));
        let mut coef = vec![BigInt::zero(); total];
        for (e, c) in shifted.terms() {
            crate::budget::checkpoint();
            let idx: usize = e.iter().zip(&strides).map(|(k, s)| *k as usize * s).sum();
            let mut x = c.numer() * (&l / c.denom());
            for i in 0..d {
                let (k, nk) = (e[i] as usize, n[i] as usize);
                if nk > 0 {
                    x *= &numer[i][k] * &denom[i][nk - k] * (&lcm_binomials[i] / &binomials[i][k]);
                }
            }
            coef[idx] = x;
        }
        let mut scale = (0..d).fold(l, |s, i| s * &denom[i][n[i] as usize] * &lcm_binomials[i]);
        let mut common = scale.clone();
        for c in &coef {
            if common.is_one() {
                break;
            }
            crate::budget::checkpoint();
            common = common.gcd(c);
        }
        if !common.is_one() {
            scale /= &common;
            for c in coef.iter_mut() {
                *c /= &common;
            }
        }
        let mut patch = Patch {
            domain: b.to_vec(),
            n,
            strides,
            coef,
            scale,
        };
        for axis in 0..d {
            let nk = patch.n[axis] as usize;
            if nk == 0 {
                continue;
            }
            let choose = pascal(nk);
            let stride = patch.strides[axis];
            for base in patch.line_starts(axis) {
                let old: Vec<BigInt> = (0..=nk)
                    .map(|j| patch.coef[base + j * stride].clone())
                    .collect();
                for (k, row) in choose.iter().enumerate() {
                    crate::budget::checkpoint();
                    let mut s = BigInt::zero();
                    for (j, a) in old.iter().enumerate().take(k + 1) {
                        if !a.is_zero() {
                            s += &row[j] * a;
                        }
                    }
                    patch.coef[base + k * stride] = s;
                }
            }
        }
        Some(patch)
    }

    /// The smallest and largest coefficient: bounds of the polynomial on
    /// the box.
    pub fn range(&self) -> (Rational, Rational) {
        let min = self.coef.iter().min().expect("at least one coefficient");
        let max = self.coef.iter().max().expect("at least one coefficient");
        (
            Rational::new(min.clone(), self.scale.clone()),
            Rational::new(max.clone(), self.scale.clone()),
        )
    }

    /// The patches of the two halves of the box across `axis`, by de
    /// Casteljau's algorithm at the midpoint. In integers: the averaging
    /// triangle is built from sums (level r holds 2^r times the averages),
    /// and both halves are brought to the common factor 2^n.
    pub fn split(self, axis: usize) -> (Patch, Patch) {
        let nk = self.n[axis] as usize;
        let (left_box, right_box) = halves(self.domain.clone(), axis);
        let mut left = self.clone();
        left.domain = left_box;
        let mut right = self;
        right.domain = right_box;
        if nk == 0 {
            return (left, right);
        }
        let stride = right.strides[axis];
        for base in right.line_starts(axis) {
            let at = |j: usize| base + j * stride;
            let mut level: Vec<BigInt> = (0..=nk).map(|j| right.coef[at(j)].clone()).collect();
            // Level r: d_i = d_i + d_{i+1}; its first entry is the left
            // half's r-th coefficient, its last the right half's (n − r)-th,
            // both times 2^r.
            for r in 0..=nk {
                crate::budget::checkpoint();
                if r > 0 {
                    for i in 0..=nk - r {
                        let next = level[i + 1].clone();
                        level[i] += next;
                    }
                }
                left.coef[at(r)] = &level[0] << (nk - r);
                right.coef[at(nk - r)] = &level[nk - r] << (nk - r);
            }
        }
        left.scale <<= nk;
        right.scale <<= nk;
        (left, right)
    }

    /// The index of the first coefficient of every line parallel to `axis`
    /// (its others follow at steps of the axis's stride).
    fn line_starts(&self, axis: usize) -> impl Iterator<Item = usize> {
        let stride = self.strides[axis];
        let size = self.n[axis] as usize + 1;
        (0..self.coef.len()).filter(move |base| (base / stride).is_multiple_of(size))
    }

    /// The coordinate `sign_on_box` halves next: the largest width × degree.
    fn widest(&self) -> usize {
        widest(&self.domain, |i| Rational::from_integer(self.n[i].into()))
    }
}

/// Pascal's triangle up to row `n`, by additions.
fn pascal(n: usize) -> Vec<Vec<BigInt>> {
    let mut choose: Vec<Vec<BigInt>> = vec![vec![BigInt::one()]];
    for k in 1..=n {
        crate::budget::checkpoint();
        let above = &choose[k - 1];
        let row: Vec<BigInt> = (0..=k)
            .map(
                |j| match (j.checked_sub(1).map(|i| &above[i]), above.get(j)) {
                    (Some(a), Some(b)) => a + b,
                    (Some(a), None) => a.clone(),
                    (None, Some(b)) => b.clone(),
                    (None, None) => BigInt::zero(),
                },
            )
            .collect();
        choose.push(row);
    }
    choose
}

/// The smallest and largest Bernstein coefficients of `p` on the box, or
/// `None` when there would be too many of them.
pub fn bernstein_range(p: &Poly, b: &[Interval]) -> Option<(Rational, Rational)> {
    Patch::new(p, b).map(|patch| patch.range())
}

/// The coordinate with the largest width × `weight` (the first on ties).
fn widest(b: &[Interval], weight: impl Fn(usize) -> Rational) -> usize {
    (0..b.len())
        .max_by_key(|&i| ((&b[i].hi - &b[i].lo) * weight(i), std::cmp::Reverse(i)))
        .expect("at least one coordinate")
}

/// Halves the box across the coordinate with the largest width × `weight`
/// (the first such coordinate on ties).
pub fn bisect(
    b: Vec<Interval>,
    weight: impl Fn(usize) -> Rational,
) -> (Vec<Interval>, Vec<Interval>) {
    let axis = widest(&b, weight);
    halves(b, axis)
}

/// The two halves of the box across `axis`.
fn halves(b: Vec<Interval>, axis: usize) -> (Vec<Interval>, Vec<Interval>) {
    let mid = (&b[axis].lo + &b[axis].hi) / Rational::from_integer(2.into());
    let mut left = b.clone();
    left[axis].hi = mid.clone();
    let mut right = b;
    right[axis].lo = mid;
    (left, right)
}

/// Tries to prove `p > 0` on the box (or find a sub-box where `p < 0`),
/// subdividing at most `max_boxes` times.
pub fn sign_on_box(p: &Poly, b: &[Interval], max_boxes: usize) -> BoxSign {
    match Patch::new(p, b) {
        Some(first) => positivity(first, max_boxes),
        None => BoxSign::Unknown,
    }
}

/// Whether `p` has no zero on the box, proven by subdividing at most
/// `max_boxes` times: `Some(true)` when it is positive there, `Some(false)`
/// when negative, `None` when neither could be shown. One Bernstein
/// expansion serves both signs: a polynomial without zeros has the sign of
/// its value at a corner, which is a corner coefficient.
pub fn definite_sign(p: &Poly, b: &[Interval], max_boxes: usize) -> Option<bool> {
    let mut first = Patch::new(p, b)?;
    let corner = first.coef[0].clone();
    if corner.is_zero() {
        return None;
    }
    let positive = corner.is_positive();
    if !positive {
        first.coef.iter_mut().for_each(|c| *c = -std::mem::take(c));
    }
    matches!(positivity(first, max_boxes), BoxSign::Positive(_)).then_some(positive)
}

/// [`sign_on_box`] from the patch of the whole box.
fn positivity(first: Patch, max_boxes: usize) -> BoxSign {
    let mut stack = vec![first];
    let mut lower: Option<Rational> = None;
    let mut examined = 0;
    while let Some(patch) = stack.pop() {
        examined += 1;
        if examined > max_boxes {
            return BoxSign::Unknown;
        }
        crate::budget::checkpoint();
        let (min, max) = patch.range();
        if min.is_positive() {
            lower = Some(match lower {
                Some(l) if l < min => l,
                _ => min,
            });
            continue;
        }
        if max.is_negative() {
            return BoxSign::Negative(max);
        }
        // Split the coordinate with the largest width·degree at its midpoint.
        let axis = patch.widest();
        let (left, right) = patch.split(axis);
        stack.push(right);
        stack.push(left);
    }
    BoxSign::Positive(lower.unwrap_or_else(Rational::one))
}

/// Whether `lo ≤ p ≤ hi` on the whole box: on each of at most `max_boxes`
/// pieces (by halving) the Bernstein coefficients lie in `[lo, hi]`. The
/// bounds may be reached: a corner coefficient is the value there.
pub fn within(p: &Poly, b: &[Interval], lo: &Rational, hi: &Rational, max_boxes: usize) -> bool {
    let Some(first) = Patch::new(p, b) else {
        return false;
    };
    let mut stack = vec![first];
    let mut examined = 0;
    while let Some(patch) = stack.pop() {
        examined += 1;
        if examined > max_boxes {
            return false;
        }
        crate::budget::checkpoint();
        let (min, max) = patch.range();
        if *lo <= min && max <= *hi {
            continue;
        }
        let axis = patch.widest();
        let (left, right) = patch.split(axis);
        stack.push(right);
        stack.push(left);
    }
    true
}

/// Whether the box can be cut, by halving, into at most `max_boxes` pieces
/// on each of which some polynomial is certified zero-free: then they have
/// no common zero on the box. Each polynomial keeps its own Bernstein patch,
/// split alongside the box; none is squared or multiplied.
pub fn covered(polys: &[Poly], b: &[Interval], max_boxes: usize) -> bool {
    let first: Vec<Option<Patch>> = polys.iter().map(|p| Patch::new(p, b)).collect();
    let mut stack = vec![(b.to_vec(), first)];
    let mut pieces = 0;
    while let Some((bx, patches)) = stack.pop() {
        pieces += 1;
        if pieces > max_boxes {
            return false;
        }
        crate::budget::checkpoint();
        let definite = patches.iter().flatten().any(|patch| {
            let (lo, hi) = patch.range();
            lo.is_positive() || hi.is_negative()
        });
        if definite {
            continue;
        }
        let axis = widest(&bx, |_| Rational::one());
        let (left, right) = halves(bx, axis);
        let (l, r): (Vec<_>, Vec<_>) = patches
            .into_iter()
            .map(|patch| match patch {
                Some(patch) => {
                    let (l, r) = patch.split(axis);
                    (Some(l), Some(r))
                }
                None => (None, None),
            })
            .unzip();
        stack.push((right, r));
        stack.push((left, l));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poly::Limits;

    fn iv(lo: i64, hi: i64) -> Interval {
        Interval {
            lo: Rational::from_integer(lo.into()),
            hi: Rational::from_integer(hi.into()),
        }
    }

    fn q(n: i64, d: i64) -> Rational {
        Rational::new(n.into(), d.into())
    }

    #[test]
    fn de_casteljau_halves_agree_with_the_halves_computed_afresh() {
        let p = crate::parse("vars x, y; K = 3*x^3*y - x*y^2 + 2*y - 1/3;")
            .unwrap()
            .k(&Limits::default())
            .unwrap();
        let b = vec![iv(-1, 2), iv(-1, 1)];
        let patch = Patch::new(&p, &b).unwrap();
        for axis in 0..2 {
            let (left, right) = patch.clone().split(axis);
            for half in [left, right] {
                let fresh = Patch::new(&p, &half.domain).unwrap();
                // Same coefficients up to the common positive factor.
                for (a, f) in half.coef.iter().zip(&fresh.coef) {
                    assert_eq!(
                        Rational::new(a.clone(), half.scale.clone()),
                        Rational::new(f.clone(), fresh.scale.clone())
                    );
                }
            }
        }
    }

    #[test]
    fn bernstein_coefficients_by_hand() {
        let parse = |src: &str| crate::parse(src).unwrap().k(&Limits::default()).unwrap();
        // (2x − 1)² = 1 − 4x + 4x² on [0, 1]: b = (1, 1 − 4/2, 1 − 4 + 4) = (1, −1, 1).
        let p = parse("vars x; K = (2*x - 1)^2;");
        assert_eq!(bernstein_range(&p, &[iv(0, 1)]), Some((q(-1, 1), q(1, 1))));
        // On [0, 1/2] it is (t − 1)²: b = (1, 0, 0).
        let half = Interval {
            lo: q(0, 1),
            hi: q(1, 2),
        };
        assert_eq!(bernstein_range(&p, &[half]), Some((q(0, 1), q(1, 1))));
        // x·y/3 on [0, 1]²: the only non-zero coefficient is b_11 = 1/3.
        let p = parse("vars x, y; K = x*y/3;");
        assert_eq!(
            bernstein_range(&p, &[iv(0, 1), iv(0, 1)]),
            Some((q(0, 1), q(1, 3)))
        );
        // x² − 1/2 on [−1, 1], with x = 2t − 1: 4t² − 4t + 1/2,
        // b = (1/2, 1/2 − 2, 1/2 − 4 + 4) = (1/2, −3/2, 1/2).
        let p = parse("vars x; K = x^2 - 1/2;");
        assert_eq!(bernstein_range(&p, &[iv(-1, 1)]), Some((q(-3, 2), q(1, 2))));
    }

    #[test]
    fn positive_quadratic_is_certified() {
        // 1 + x^2 - x*y/2 on [-1,1]^2 is at least 1/2.
        let x = Poly::var(2, 0);
        let y = Poly::var(2, 1);
        let l = Limits::default();
        let p = Poly::one(2).add(&x.mul(&x, &l).unwrap()).sub(
            &x.mul(&y, &l)
                .unwrap()
                .scale(&Rational::new(1.into(), 2.into())),
        );
        assert!(matches!(
            sign_on_box(&p, &[iv(-1, 1), iv(-1, 1)], 64),
            BoxSign::Positive(_)
        ));
    }

    #[test]
    fn a_polynomial_with_a_zero_is_not_certified() {
        let x = Poly::var(1, 0);
        let p = x.mul(&x, &Limits::default()).unwrap();
        assert_eq!(sign_on_box(&p, &[iv(-1, 1)], 64), BoxSign::Unknown);
        assert!(matches!(
            sign_on_box(&p.neg().sub(&Poly::one(1)), &[iv(-1, 1)], 64),
            BoxSign::Negative(_)
        ));
    }
}
