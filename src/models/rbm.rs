//! Restricted Boltzmann machines with binary units, written as polynomial
//! ideals in a mean-field chart of the parameters.
//!
//! # The model
//!
//! M visible units v ∈ {0, 1}^M and H hidden units h ∈ {0, 1}^H, energy
//! E(v, h) = −vᵀWh − bᵀv − cᵀh with all biases in the model (W is M×H, b has
//! M entries, c has H), and p_w(v) ∝ Σ_h exp(−E(v, h)). Summing the hidden
//! units out, with s_ij = e^{W_ij}, β_i = e^{b_i}, γ_j = e^{c_j},
//!
//!   p_w(v) ∝ P_v := Π_{i: v_i = 1} β_i · Π_j (1 + γ_j Π_{i: v_i = 1} s_ij).
//!
//! # The mean-field chart (derived)
//!
//! Let σ_j = γ_j/(1 + γ_j) = P(h_j = 1 | v = 0) and x_ij = s_ij − 1. Hidden
//! unit j contributes the factor F_j(v)/F_j(0) = 1 − σ_j + σ_j Π_{i∈v}(1 + x_ij)
//! to p(v)/p(0). With z_ij = x_ij/(1 + σ_j x_ij) (so 1 + σ_j x_ij =
//! 1/(1 − σ_j z_ij) and 1 + x_ij = (1 + (1 − σ_j) z_ij)/(1 − σ_j z_ij)),
//!
//!   F_j(v)/F_j(0) = G_j(v) / Π_{i∈v} (1 − σ_j z_ij),
//!   G_j(T) = (1 − σ_j) Π_{i∈T} (1 − σ_j z_ij) + σ_j Π_{i∈T} (1 + (1 − σ_j) z_ij)
//!          = 1 + Σ_{U ⊆ T, |U| ≥ 2} c_{|U|}(σ_j) z_U,
//!   c_k(σ) = σ(1 − σ)^k + (1 − σ)(−σ)^k   (c_0 = 1, c_1 = 0, c_2 = σ(1 − σ)),
//!
//! and, with the odds ω_i = p(e_i)/p(0) = β_i / Π_j (1 − σ_j z_ij),
//!
//!   p(v)/p(0) = Π_{i∈v} ω_i · Π_j G_j(v):
//!
//! a polynomial in (z, ω, σ). The map (W, b, c) ↦ (z, ω, σ) is triangular
//! (σ_j from c_j, z_ij from W_ij given σ_j, ω_i from b_i given the rest),
//! each entry increasing in its own parameter, so it is an analytic
//! diffeomorphism onto its image. z_ij is also (P(h_j = 1 | v = e_i) − σ_j)
//! / (σ_j(1 − σ_j)): how much visible unit i alone moves hidden unit j, in
//! units of its variance. The parameter box is in this chart: z_ij and
//! o_i = ω_i − ω_i⁰ in [−1/2, 1/2], t_j = σ_j − 1/2 in [−1/6, 1/6]
//! (c_j ∈ [−log 2, log 2]), with the uniform prior; the truths are interior
//! points (the one-unit truth has z_i1 = 2/5). A pair's factor is
//! G_j({i, k}) = 1 + σ_j(1 − σ_j) z_ij z_kj, with σ(1 − σ) = 1/4 − t²; in the
//! exponential coordinates the same pair interaction took eight factors, and
//! the three-unit one expanded to 7409 terms.
//!
//! # Why the polynomial ideal has the λ and m of the Kullback–Leibler divergence
//!
//! (Derived; the argument is the one written in every emitted file.)
//! * The sample space is finite and q > 0, so KL(q‖p), which is
//!   ½ Σ_v (p_v − q_v)²/q_v plus O(|p − q|³), lies between two positive
//!   multiples of Σ_v (p_v − q_v)² near the zero set (and is positive away
//!   from it): the same λ, m as the ideal ⟨p_v − q_v⟩.
//! * p ↦ (p_v / p_0)_{v ≠ 0} is an analytic diffeomorphism of the open simplex
//!   onto (0, ∞)^{2^M − 1}, so ⟨p_v − q_v⟩ = ⟨p_v/p_0 − ρ_v⟩ with
//!   ρ_v = q_v / q_0: the odds generators.
//! * The log-linear coordinates θ_S = Σ_{T ⊆ S} (−1)^{|S∖T|} log p(1_T) are
//!   another analytic chart of the open simplex: the ideal is also
//!   ⟨e^{θ_S} − κ_S⟩, κ_S = e^{θ_S} at the truth. θ_i = log ω_i, so the
//!   singletons are ⟨o_i⟩; for |S| ≥ 2 the odds cancel and e^{θ_S} = E_S/O_S,
//!   the products of Π_j G_j(T) over T ⊆ S with |S∖T| even and odd.
//!
//! # Why pairs suffice (H ≤ 2, truth with W = 0; derived)
//!
//! At a truth with W = 0 every κ_S (|S| ≥ 2) is 1. Then
//! θ_ik = Σ_j log(1 + τ_j z_ij z_kj) = Σ_j z_ij z_kj e_j^{ik}, τ_j = σ_j(1 − σ_j),
//! with e_j^{ik} = τ_j log(1 + u)/u > 0 on the box (u = τ_j z_ij z_kj > −1),
//! and θ_S (|S| ≥ 3) = Σ_j z_Sj f_j^S with f analytic (θ_S^{(j)} is a finite
//! difference of log G_j, which does not depend on v_i where z_ij = 0).
//! Claim: for H ≤ 2, |θ_S| ≤ C Σ_{i<k} |θ_ik| on the box, so the sums of squares
//! with and without the θ_S, |S| ≥ 3, are within constant factors: same λ, m.
//! * Zero set: the rows r_i = (z_i1, z_i2) are pairwise orthogonal for
//!   positive diagonal weights. At most two are non-zero: for three non-zero
//!   rows, if every entry is non-zero, sign(z_i1 z_i2)·sign(z_k1 z_k2) = −1 for
//!   every pair, impossible for three; if z_i1 = 0 then z_k2 = z_l2 = 0 and
//!   θ_kl = z_k1 z_l1 e ≠ 0. So every θ_S, |S| ≥ 3, vanishes there.
//! * Near a zero with two non-zero rows i, k: for each other l, θ_il and θ_kl
//!   are linear in r_l with the matrix (r_i e^{il}; r_k e^{kl}), invertible
//!   (the same sign argument), so |r_l| ≤ C(|θ_il| + |θ_kl|); every θ_S,
//!   |S| ≥ 3, has a factor z_lj for some such l in each term.
//! * Near a zero with one non-zero row i: write r_l = p_l a_l + q_l b_l with
//!   p_l ∝ θ_il; then θ_kl = B_kl q_k q_l + O(|p_k| + |p_l|) with B_kl > 0, and
//!   every θ_S, |S| ≥ 3, is at least bilinear in two small rows k, l:
//!   O(|q_k q_l| + |p_k| + |p_l|), each bounded by the pair coordinates.
//! * Near z = 0: scale z = rξ, |ξ| = 1; θ_ik = r² Θ_ik(r, ξ) with the same
//!   structure (positive weights), θ_S = r^{|S|} Θ_S, and the two cases above
//!   apply to (r, ξ) on the compact sphere bundle.
//!
//! By compactness of the box the local constants make one C. For H = 1 it is
//! simpler: θ_S ∈ ⟨z_i z_k⟩ exactly. With three or more hidden units up to H
//! rows can be non-zero and pairwise orthogonal, so the triples stay.
//!
//! # The values (all derived here; Aoyagi's theorems could not be read)
//!
//! Aoyagi, "Stochastic complexity and generalization error of a restricted
//! Boltzmann machine in Bayesian estimation", JMLR 11 (2010) 1243–1272, and
//! Aoyagi, "Learning coefficient in Bayesian estimation of restricted
//! Boltzmann machine", J. Algebraic Statistics 4 (2013), give bounds and
//! values, but only their abstracts could be read here, and their model (units
//! in {1, −1}, biases or not) could not be checked: they are not used. The
//! values below come from the log-linear coordinates, in which (x_ij = s_ij − 1,
//! a unit times z_ij)
//!
//! * θ_{i} = log ω_i: the M singletons are smooth free directions, M/2 in all;
//! * θ_{ik} = Σ_j x_ij x_kj e_j^{ik} with e_j^{ik} > 0 on the whole box,
//!   e_j^{ik} = γ_j/(1 + γ_j)² at x = 0;
//! * θ_S, |S| ≥ 3, is divisible by Π_{i ∈ S} x_ij in each hidden unit's term.

use super::q;
use std::fmt::Write;
use std::str::FromStr;

use super::{check_sizes, input_file, Formula, Model};
use crate::error::Error;
use crate::poly::Rational;

pub use self::values::derived as rbm_formula;

/// More visible units than this make 2^M generators of 2^M terms each.
const MAX_VISIBLE: usize = 8;

/// The true distribution of an RBM instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RbmTruth {
    /// Independent uniform visible units: every coordinate 1 (W = 0, b = 0, c = 0).
    Independent,
    /// Independent visible units with P(v_i = 1) = (i + 2)/(2i + 3) (i from
    /// 1): W = 0, β_i = (i + 2)/(i + 1) (3/2, 4/3, …), other coordinates 1.
    Biased,
    /// One active hidden unit (fewer than H when H ≥ 2): s_i1 = 3/2 for every
    /// visible unit i, every other coordinate 1.
    OneUnit,
}

impl RbmTruth {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            RbmTruth::Independent => "independent",
            RbmTruth::Biased => "biased",
            RbmTruth::OneUnit => "one-unit",
        }
    }
}

impl FromStr for RbmTruth {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "independent" => Ok(RbmTruth::Independent),
            "biased" => Ok(RbmTruth::Biased),
            "one-unit" => Ok(RbmTruth::OneUnit),
            _ => Err(Error::input(format!(
                "restricted Boltzmann machine: unknown truth `{s}` (independent, biased or one-unit)"
            ))),
        }
    }
}

/// The coordinates of an instance, by role (the mean-field chart of the
/// module documentation).
struct Names {
    /// z_ij, visible i by hidden j.
    z: Vec<Vec<String>>,
    /// o_i = ω_i − ω_i⁰, the odds of visible unit i alone against none,
    /// less their true value.
    o: Vec<String>,
    /// t_j = σ_j − 1/2.
    t: Vec<String>,
}

impl Names {
    fn new(m: usize, h: usize) -> Names {
        Names {
            z: super::matrix_names("z", m, h),
            o: (1..=m).map(|i| format!("o{i}")).collect(),
            t: (1..=h).map(|j| format!("t{j}")).collect(),
        }
    }

    fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self.z.iter().flatten().cloned().collect();
        v.extend(self.o.iter().cloned());
        v.extend(self.t.iter().cloned());
        v
    }
}

/// The true parameter in the exponential coordinates s = e^W, β = e^b,
/// γ = e^c, where the truths are defined.
struct Point {
    s: Vec<Vec<Rational>>,
    b: Vec<Rational>,
    c: Vec<Rational>,
}

impl Point {
    fn truth(m: usize, h: usize, truth: RbmTruth) -> Point {
        let one = || q(1, 1);
        let s = (0..m)
            .map(|_| {
                (0..h)
                    .map(|j| match truth {
                        RbmTruth::OneUnit if j == 0 => q(3, 2),
                        _ => one(),
                    })
                    .collect()
            })
            .collect();
        let b = (0..m)
            .map(|i| match truth {
                RbmTruth::Biased => q(i as i64 + 3, i as i64 + 2),
                _ => one(),
            })
            .collect();
        Point {
            s,
            b,
            c: (0..h).map(|_| one()).collect(),
        }
    }

    /// P_v = Π_{v_i = 1} β_i · Π_j (1 + γ_j Π_{v_i = 1} s_ij), ∝ p(v), exactly.
    fn unnormalised(&self, v: &[bool]) -> Rational {
        let mut p = q(1, 1);
        for (j, gamma) in self.c.iter().enumerate() {
            let mut t = gamma.clone();
            for (i, &on) in v.iter().enumerate() {
                if on {
                    t *= &self.s[i][j];
                }
            }
            p *= t + q(1, 1);
        }
        for (i, &on) in v.iter().enumerate() {
            if on {
                p *= &self.b[i];
            }
        }
        p
    }

    /// The same point in the mean-field chart.
    fn mean_field(&self) -> MeanField {
        let sigma: Vec<Rational> = self.c.iter().map(|g| g / (g + q(1, 1))).collect();
        let x = |i: usize, j: usize| &self.s[i][j] - q(1, 1);
        let z = (0..self.s.len())
            .map(|i| {
                (0..sigma.len())
                    .map(|j| x(i, j) / (q(1, 1) + &sigma[j] * x(i, j)))
                    .collect()
            })
            .collect();
        let odds = (0..self.s.len())
            .map(|i| {
                (0..sigma.len()).fold(self.b[i].clone(), |w, j| {
                    w * (q(1, 1) + &sigma[j] * x(i, j))
                })
            })
            .collect();
        MeanField { z, sigma, odds }
    }
}

/// A point in the mean-field chart: z_ij, σ_j and the odds ω_i.
struct MeanField {
    z: Vec<Vec<Rational>>,
    sigma: Vec<Rational>,
    odds: Vec<Rational>,
}

impl MeanField {
    /// G_j(T) = (1 − σ_j) Π_{i∈T} (1 − σ_j z_ij) + σ_j Π_{i∈T} (1 + (1 − σ_j) z_ij).
    fn hidden_factor(&self, j: usize, members: &[usize]) -> Rational {
        let s = &self.sigma[j];
        let a = q(1, 1) - s;
        let (mut off, mut on) = (a.clone(), s.clone());
        for &i in members {
            off *= q(1, 1) - s * &self.z[i][j];
            on *= q(1, 1) + &a * &self.z[i][j];
        }
        off + on
    }

    /// p(1_T)/p(0) = Π_{i∈T} ω_i · Π_j G_j(T).
    fn ratio(&self, members: &[usize]) -> Rational {
        let hidden = (0..self.sigma.len()).fold(q(1, 1), |p, j| p * self.hidden_factor(j, members));
        members.iter().fold(hidden, |p, &i| p * &self.odds[i])
    }
}

/// The visible configurations, v = 0…0 first; unit i is bit i of the index.
fn configurations(m: usize) -> Vec<Vec<bool>> {
    (0..1usize << m)
        .map(|k| (0..m).map(|i| k >> i & 1 == 1).collect())
        .collect()
}

/// The members of the set with bit mask `mask`.
fn members(mask: usize, m: usize) -> Vec<usize> {
    (0..m).filter(|i| mask >> i & 1 == 1).collect()
}

/// G_j(T) as text; `None` where it is 1 (|T| ≤ 1). Written expanded,
/// G_j(T) = 1 + Σ_{U ⊆ T, |U| ≥ 2} c_{|U|}(σ_j) z_U with
/// c_k(σ) = σ(1 − σ)^k + (1 − σ)(−σ)^k (the terms with |U| ≤ 1 cancel): the
/// product form's term count, bounded before expansion, would exceed the
/// parser's limit for three visible units and two hidden ones.
fn hidden_factor_text(names: &Names, j: usize, members: &[usize]) -> Option<String> {
    if members.len() < 2 {
        return None;
    }
    let t = &names.t[j];
    let mut sum = vec!["1".to_string()];
    for k in 2..=members.len() {
        let monomials: Vec<String> = (0..1usize << members.len())
            .filter(|u| u.count_ones() as usize == k)
            .map(|u| {
                let z: Vec<&str> = self::members(u, members.len())
                    .iter()
                    .map(|&p| names.z[members[p]][j].as_str())
                    .collect();
                z.join("*")
            })
            .collect();
        sum.push(format!(
            "{}*({})",
            coefficient_text(k, t),
            monomials.join(" + ")
        ));
    }
    Some(format!("({})", sum.join(" + ")))
}

/// c_k(σ) with σ = 1/2 + t, as text: σ(1 − σ) = 1/4 − t² times
/// (1/2 − t)^{k−1} + (−1)^k (1/2 + t)^{k−1}
/// = 2(−1)^k Σ_{n ≡ k (2)} C(k − 1, n) (1/2)^{k−1−n} t^n.
fn coefficient_text(k: usize, t: &str) -> String {
    let tau = format!("(1/4 - {t}^2)");
    let sign = if k.is_multiple_of(2) { 1 } else { -1 };
    let mut binomial = q(1, 1);
    let mut terms = Vec::new();
    for n in 0..k {
        if n > 0 {
            binomial *= q((k - n) as i64, n as i64);
        }
        if (k - n).is_multiple_of(2) {
            let c = q(2 * sign, 1) * &binomial * q(1, 1i64 << (k - 1 - n));
            terms.push(match n {
                0 => format!("{c}"),
                1 => format!("{c}*{t}"),
                _ => format!("{c}*{t}^{n}"),
            });
        }
    }
    if terms == ["1"] {
        tau
    } else {
        format!("{tau}*({})", terms.join(" + "))
    }
}

/// Π_j G_j(T) as factors of text (none when T has fewer than two members).
fn hidden_text(names: &Names, members: &[usize]) -> Vec<String> {
    (0..names.t.len())
        .filter_map(|j| hidden_factor_text(names, j, members))
        .collect()
}

/// `product − value` with `product` a list of factors (empty: 1).
fn difference(product: &[String], value: &Rational, other: &[String]) -> String {
    let lhs = if product.is_empty() {
        "1".to_string()
    } else {
        product.join("*")
    };
    let rhs = match (other.is_empty(), *value == q(1, 1)) {
        (true, _) => value.to_string(),
        (false, true) => other.join("*"),
        (false, false) => format!("{value}*{}", other.join("*")),
    };
    format!("{lhs} - {rhs}")
}

/// The generator of the log-linear coordinate θ_S, |S| ≥ 2, as a bit mask:
/// E_S − κ_S O_S, where E_S (O_S) is the product of Π_j G_j(T) over the
/// T ⊆ S with |S∖T| even (odd) — the odds ω cancel — and κ_S = e^{θ_S⁰}.
fn log_linear_generator(names: &Names, truth: &MeanField, m: usize, mask: usize) -> String {
    let set = members(mask, m);
    let (mut even, mut odd) = ((Vec::new(), q(1, 1)), (Vec::new(), q(1, 1)));
    for sub in 0..1usize << set.len() {
        let t: Vec<usize> = members(sub, set.len()).iter().map(|&p| set[p]).collect();
        let side = if (set.len() - t.len()).is_multiple_of(2) {
            &mut even
        } else {
            &mut odd
        };
        side.0.extend(hidden_text(names, &t));
        for j in 0..names.t.len() {
            side.1 *= truth.hidden_factor(j, &t);
        }
    }
    difference(&even.0, &(even.1 / odd.1), &odd.0)
}

/// Whether the log-linear coordinates of three or more visible units can
/// be left out: for one or two hidden units at a truth with W = 0 (see
/// the module documentation, "Why pairs suffice").
fn pairs_suffice(h: usize, truth: RbmTruth) -> bool {
    h <= 2 && matches!(truth, RbmTruth::Independent | RbmTruth::Biased)
}

/// The singletons o_i, then one log-linear generator per set of two or
/// more visible units (only the pairs where `pairs_suffice`).
fn log_linear_generators(
    names: &Names,
    truth: &MeanField,
    m: usize,
    pairs_only: bool,
) -> Vec<String> {
    let mut masks: Vec<usize> = (1..1usize << m)
        .filter(|k| k.count_ones() >= 2 && (!pairs_only || k.count_ones() == 2))
        .collect();
    masks.sort_by_key(|k| (k.count_ones(), *k));
    let mut gens = names.o.clone();
    gens.extend(
        masks
            .into_iter()
            .map(|k| log_linear_generator(names, truth, m, k)),
    );
    gens
}

/// The odds generators p(v)/p(0) − ρ_v = Π_{v_i = 1} (ω_i⁰ + o_i) · Π_j G_j(v)
/// − ρ_v, v ≠ 0 (for a single unit, o_i).
fn odds_generators(names: &Names, truth: &MeanField, m: usize) -> Vec<String> {
    (1..1usize << m)
        .map(|mask| {
            let set = members(mask, m);
            if let [i] = set[..] {
                return names.o[i].clone();
            }
            let mut factors: Vec<String> = set
                .iter()
                .map(|&i| format!("({} + {})", truth.odds[i], names.o[i]))
                .collect();
            factors.extend(hidden_text(names, &set));
            difference(&factors, &truth.ratio(&set), &[])
        })
        .collect()
}

/// Both lists generate the same ideal. At truths with W = 0 every κ_S
/// (|S| ≥ 2) is 1 and the log-linear generators are small (a pair's is
/// Π_j (1 + σ_j(1 − σ_j) z_ij z_kj) − 1); at dependent truths the odds
/// generators, of lower degree, are the ones the engine resolves (the
/// regular point of M = 3, H = 1: 7/2 at once, against a bound from the
/// log-linear ones).
fn generators(names: &Names, truth: &MeanField, m: usize, h: usize, kind: RbmTruth) -> Vec<String> {
    match kind {
        RbmTruth::Independent | RbmTruth::Biased => {
            log_linear_generators(names, truth, m, pairs_suffice(h, kind))
        }
        RbmTruth::OneUnit => odds_generators(names, truth, m),
    }
}

/// The true distribution as header lines `q(v) = …`, v written v_1 v_2 … v_M.
fn distribution_lines(truth: &Point, m: usize) -> String {
    let configs = configurations(m);
    let weights: Vec<Rational> = configs.iter().map(|v| truth.unnormalised(v)).collect();
    let total = weights.iter().fold(q(0, 1), |a, w| a + w);
    let mut s = String::new();
    for (v, w) in configs.iter().zip(&weights) {
        let bits: String = v.iter().map(|&on| if on { '1' } else { '0' }).collect();
        let _ = writeln!(s, "  q({bits}) = {}", w / &total);
    }
    s
}

/// The true parameter's coordinates, in the order of `Names::all`.
fn truth_coordinates(truth: &MeanField) -> Vec<Rational> {
    let mut v: Vec<Rational> = truth.z.iter().flatten().cloned().collect();
    v.extend(truth.odds.iter().map(|_| q(0, 1)));
    v.extend(truth.sigma.iter().map(|s| s - q(1, 2)));
    v
}

/// The header's account of the generator list `generators` chose.
fn generator_words(h: usize, truth: RbmTruth) -> String {
    if truth == RbmTruth::OneUnit {
        return "  K = sos(p(v)/p(0) - rho_v : v != 0...0), v in binary order with v_1 the lowest bit:\n\
                \x20 p(v)/p(0) = prod_(v_i=1) omega_i * prod_j G_j(v), and for a single unit that is o_i.\n"
            .to_string();
    }
    let mut s = "  Generators used (the same ideal, derived): the log-linear coordinates\n\
                 \x20 theta_S = sum_(T in S) (-1)^|S-T| log p(1_T), S a non-empty set of visible units, are another\n\
                 \x20 analytic chart of the open simplex, so the ideal is <o_i> + <exp(theta_S) - kappa_S : |S| >= 2>,\n\
                 \x20 kappa_S = exp(theta_S) at the truth: exp(theta_S) = E_S/O_S with E_S (O_S) the product of\n\
                 \x20 prod_j G_j(T) over T in S with |S - T| even (odd); the odds cancel. For a pair,\n\
                 \x20 exp(theta_ik) = prod_j (1 + sigma_j (1 - sigma_j) z_ij z_kj).\n"
        .to_string();
    if pairs_suffice(h, truth) {
        s.push_str(
            "  Pairs suffice (derived, rlct::models::rbm): with W = 0 true and H <= 2, |theta_S| <= C sum |theta_ik|\n\
             \x20 on the box for |S| >= 3 (theta_ik = sum_j z_ij z_kj e_j with units e_j > 0 forces at most two\n\
             \x20 non-zero rows of z, between which the others are linear in the pair coordinates), so the\n\
             \x20 sums of squares with and without them are within constant factors: same lambda, m.\n",
        );
    }
    s
}

fn truth_words(truth: RbmTruth) -> &'static str {
    match truth {
        RbmTruth::Independent => {
            "independent uniform visible units (W = 0, b = 0, c = 0: z = 0, o = 0, t = 0)"
        }
        RbmTruth::Biased => {
            "independent visible units, P(v_i = 1) = (i+2)/(2i+3) \
             (W = 0, beta_i = (i+2)/(i+1), i.e. 3/2, 4/3, ...; c = 0: z = 0, o = 0, t = 0)"
        }
        RbmTruth::OneUnit => {
            "one active hidden unit: s_i1 = 3/2 for every visible i (W_i1 = log 3/2), \
             W = 0 elsewhere, b = 0, c = 0 (z_i1 = 2/5, other z = 0, o = 0, t = 0)"
        }
    }
}

/// A restricted Boltzmann machine with `m` binary visible and `h` binary
/// hidden units, biases included, units in {0, 1}, at the given truth.
///
/// The coordinates are the mean-field chart of the module documentation,
/// z_ij ∈ [−1/2, 1/2], o_i ∈ [−1/2, 1/2] and t_j = σ_j − 1/2 ∈ [−1/6, 1/6]
/// (c_j ∈ [−log 2, log 2]), with the uniform prior on that box; in them
/// p_w(v)/p_w(0) is a polynomial. See the module documentation for why the
/// generators have the λ and m of the Kullback–Leibler divergence. The truth
/// is an interior point. `formula` is the derived value where one is known
/// (see [`rbm_formula`]); there is no `bound` (Aoyagi's could not be read).
pub fn restricted_boltzmann_machine(m: usize, h: usize, truth: RbmTruth) -> Result<Model, Error> {
    let what = "restricted Boltzmann machine";
    let parameters = m
        .checked_mul(h)
        .and_then(|mh| mh.checked_add(m)?.checked_add(h));
    check_sizes(
        what,
        &[
            ("the number of visible units M", m),
            ("the number of hidden units H", h),
        ],
        0,
        parameters,
    )?;
    if m > MAX_VISIBLE {
        return Err(Error::input(format!(
            "{what}: {m} visible units make 2^{m} outcomes; at most {MAX_VISIBLE} are supported"
        )));
    }
    let names = Names::new(m, h);
    let point = Point::truth(m, h, truth);
    let chart = point.mean_field();
    let gens = generators(&names, &chart, m, h, truth);
    let formula = rbm_formula(m, h, truth);
    let value = match &formula {
        Some(f) => format!(
            "lambda = {}, m = {} ({}).",
            f.lambda, f.multiplicity, f.source
        ),
        None => "not known here (no derivation; Aoyagi 2010/2013 could not be read).".to_string(),
    };
    let header = format!(
        "Restricted Boltzmann machine: M = {m} binary visible units v in {{0,1}}^M, H = {h} binary hidden\n\
         units h in {{0,1}}^H, energy E = -v'Wh - b'v - c'h (biases included), p_w(v) ~ sum_h exp(-E).\n\
         Coordinates (the mean-field chart, derived in rlct::models::rbm): with s_ij = exp(W_ij),\n\
           sigma_j = P(h_j = 1 | v = 0) = 1/(1 + exp(-c_j)), t<j> = sigma_j - 1/2,\n\
           z<i><j> = (s_ij - 1)/(1 + sigma_j (s_ij - 1)) = (P(h_j = 1 | v = e_i) - sigma_j)/(sigma_j (1 - sigma_j)),\n\
           omega_i = p(e_i)/p(0) (the odds of unit i alone against none), o<i> = omega_i - omega_i at the truth:\n\
           p_w(v)/p_w(0) = prod_(v_i=1) omega_i * prod_j G_j(v),\n\
           G_j(T) = (1 - sigma_j) prod_(i in T) (1 - sigma_j z_ij) + sigma_j prod_(i in T) (1 + (1 - sigma_j) z_ij),\n\
           a polynomial (G_j = 1 for |T| <= 1). (W, b, c) -> (z, omega, sigma) is analytic with an analytic\n\
           inverse (triangular, each entry increasing in its own parameter).\n\
         Parameter box: the uniform prior on z in [-1/2, 1/2], o in [-1/2, 1/2], t in [-1/6, 1/6]\n\
           (t: c in [-log 2, log 2]); the truth is an interior point.\n\
         Truth: {}.\n\
         True distribution (v = v_1 ... v_M):\n{}\
         Ideal (derived): the sample space is finite and q > 0, so KL(q||p_w) = 1/2 sum_v (p_v - q_v)^2 / q_v\n\
           + O(|p - q|^3) lies between two positive multiples of sum_v (p_v - q_v)^2 near the zero set: the\n\
           ideal <p_v - q_v> has the lambda, m of KL. p -> (p_v/p_0)_(v != 0) is an analytic diffeomorphism\n\
           of the open simplex onto (0, inf)^(2^M - 1), so that ideal is <p_v/p_0 - rho_v>, rho_v = q_v/q_0.\n\
         {}\
         Value: {value}\n\
         Generated by `rlct model rbm --visible {m} --hidden {h} --truth {} --emit`.",
        truth_words(truth),
        distribution_lines(&point, m),
        generator_words(h, truth),
        truth.as_str(),
    );
    let vars = names.all();
    let domain: Vec<String> = vars
        .iter()
        .map(|v| {
            let reach = if v.starts_with('t') { "1/6" } else { "1/2" };
            format!("{v} in [-{reach}, {reach}]")
        })
        .collect();
    Ok(Model {
        name: format!("rbm M={m} H={h} truth={}", truth.as_str()),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: truth_words(truth).to_string(),
        formula,
        bound: None,
        at: super::at_statement(&vars, &truth_coordinates(&chart)),
    })
}

/// The derived values (the test oracle).
mod values {
    use super::{q, Formula, RbmTruth};

    /// λ and m of the RBM with `m` visible and `h` hidden units at `truth`,
    /// where derived by hand; `None` elsewhere. Every case is a derivation
    /// (no published value could be read), written out here:
    ///
    /// * M = 1: the only log-linear coordinate θ_1 is smooth in b_1 and every
    ///   truth is reached: λ = 1/2, m = 1.
    /// * Independent truths (uniform or biased), H = 1: the ideal is
    ///   ⟨θ_i − θ_i⁰⟩ + ⟨x_i x_k : i < k⟩ (θ_ik = x_i x_k·unit, every higher θ_S is
    ///   divisible by Π_{i∈S} x_i, hence in the pair ideal), γ free. The
    ///   singletons give M/2. The squarefree quadratic monomial ideal meets the
    ///   diagonal t·(1, …, 1) of its Newton polyhedron at t = 2/M (the barycentre
    ///   of the points e_i + e_k, on the face Σ x = 2): λ = (M/2)/2 = M/4 for
    ///   K = Σ g², with m = 1 when M ≥ 3 (an interior point of the facet) and
    ///   m = 2 when M = 2 (x₁x₂ alone, a vertex). So λ = 3M/4, m = 1 for
    ///   M ≥ 3, and λ = 3/2, m = 2 for M = 2.
    /// * Independent, M = 2, H ≥ 2: θ_12 = Σ_j x_j y_j e_j with positive units:
    ///   a non-degenerate quadratic form in 2H ≥ 4 coordinates after absorbing
    ///   the units. Blowing up the origin gives (2H)/4 ≥ 1 from the exceptional
    ///   divisor and 1/2 from the smooth strict transform: λ = 1 + 1/2 = 3/2,
    ///   m = 1.
    /// * Independent, M = 3, H = 2: the rows r_i = (x_i1, x_i2) must be
    ///   pairwise orthogonal for the weights γ_j/(1+γ_j)² at x = 0. Where one
    ///   row is non-zero and two vanish, θ_12, θ_13 are smooth and θ_23 restricts
    ///   to a·b·unit (θ_123 lies in the ideal there): local 1 + 1/2 with m = 2.
    ///   Blowing up x = 0 (6 coordinates, quadratic generators) gives the pole
    ///   6/4 = 3/2 from ρ, and over those points the product of ∫ρ^{4z+5} with
    ///   the pole of order 2 at −3/2: m = 3. Two orthogonal non-zero rows are
    ///   smooth points of codimension 3 (3/2, m = 1 on their own). So
    ///   λ = 3/2 + 3/2 = 3, m = 3.
    /// * Independent, M ≥ 4, H = 2: the biases give M/2. Blowing up z = 0
    ///   (2M coordinates, quadratic generators) gives the pole 2M/4 = M/2
    ///   from the exceptional divisor. Over its points with one non-zero
    ///   row the M − 1 pairs with that row are smooth (1/2 each) and the
    ///   others are q_k q_l times units in the remaining M − 1 directions
    ///   ((M − 1)/4 on a facet, the H = 1 case): 3(M − 1)/4 > M/2; over
    ///   those with two non-zero rows, 2(M − 2) + 1 smooth equations:
    ///   M − 3/2 > M/2. The same values hold at the zero points away from
    ///   z = 0. So the pairs give M/2 with m = 1, and λ = M, m = 1 (the
    ///   pairs suffice, see the module documentation). At M = 3 the three
    ///   values meet at 3/2, which is where m = 3 comes from.
    /// * One active unit, M = 2, any H: θ_12⁰ ≠ 0, so on the fibre some
    ///   x_j y_j ≠ 0, where ∂θ_12/∂s_1j ∝ y_j ≠ 0: the fibre is smooth of
    ///   codimension 3: λ = 3/2, m = 1.
    /// * One active unit, M = 3, H = 1: the RBM is the mixture of two product
    ///   distributions, both components differ in all three coordinates, so
    ///   the fibre is the truth and its label swap (s → 1/s, γ → 1/γ,
    ///   β_i → β_i s_i: s = 2/3, β = 3/2, inside the box); the 7×7 Jacobian of
    ///   (p_v)_{v≠1…1} has rank 7 at both (an exact rank computation, sympy):
    ///   regular, λ = 7/2, m = 1.
    pub fn derived(m: usize, h: usize, truth: RbmTruth) -> Option<Formula> {
        let cite = "a hand derivation (rlct::models::rbm)";
        let f = |num: i64, den: i64, mult: usize, case: &str| Formula {
            lambda: q(num, den),
            multiplicity: mult,
            source: format!("{cite}: {case}"),
        };
        let independent = matches!(truth, RbmTruth::Independent | RbmTruth::Biased);
        match (m, h) {
            (1, _) => Some(f(1, 2, 1, "M = 1, theta_1 is smooth in b_1: 1/2")),
            (2, 1) if independent => Some(f(
                3,
                2,
                2,
                "M = 2, H = 1, independent truth: the biases give M/2 = 1, theta_12 is \
                 x_1 x_2 times a unit (x_i = s_i1 - 1): 1/2 with m = 2",
            )),
            (m, 1) if independent => Some(f(
                3 * m as i64,
                4,
                1,
                "H = 1, independent truth: the biases give M/2, the pairwise monomial \
                 ideal <x_i x_k : i < k> (x_i = s_i1 - 1) gives M/4 with m = 1",
            )),
            (2, _) if independent => Some(f(
                3,
                2,
                1,
                "M = 2, H >= 2, independent truth: the biases give 1, theta_12 = \
                 sum_j x_j y_j times units is a non-degenerate quadric in 2H >= 4 \
                 coordinates: 1/2 with m = 1",
            )),
            (3, 2) if independent => Some(f(
                3,
                1,
                3,
                "M = 3, H = 2, independent truth: the biases give 3/2; the rows of \
                 (s_ij - 1) must be pairwise orthogonal: blowing up the origin gives 3/2, \
                 and over the points with one non-zero row the local 1 + 1/2 of order 2: \
                 3/2 with m = 3",
            )),
            (m, 2) if independent && m >= 4 => Some(f(
                m as i64,
                1,
                1,
                "M >= 4, H = 2, independent truth: the biases give M/2; blowing up \
                 z = 0 gives M/2 from the exceptional divisor, below the strata of \
                 one non-zero row (3(M - 1)/4) and two (M - 3/2): M/2 with m = 1",
            )),
            (2, _) => Some(f(
                3,
                2,
                1,
                "M = 2, dependent truth: the fibre is smooth of codimension 3 \
                 (some x_j y_j != 0 on it): 3/2, m = 1",
            )),
            (3, 1) => Some(f(
                7,
                2,
                1,
                "M = 3, H = 1, dependent truth: a mixture of two product distributions, \
                 identifiable up to the label swap, Jacobian of rank 7 at both points \
                 (exact computation): regular, 7/2",
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Factor;

    /// A point off every truth: s, β, γ with distinct values in [1/2, 2].
    fn generic(m: usize, h: usize) -> Point {
        let v = |k: usize| q(4 + (k * 7 % 11) as i64, 8);
        Point {
            s: (0..m)
                .map(|i| (0..h).map(|j| v(3 * i + j + 1)).collect())
                .collect(),
            b: (0..m).map(|i| v(5 * i + 2)).collect(),
            c: (0..h).map(|j| v(2 * j + 9)).collect(),
        }
    }

    /// The mean-field chart gives the model's p(v)/p(0) exactly, at the
    /// truths and off them: the change of coordinates is the model.
    #[test]
    fn the_chart_gives_the_models_odds() {
        for (m, h) in [(2, 1), (3, 2), (3, 3), (4, 2)] {
            let mut points = vec![generic(m, h)];
            points.extend(
                [RbmTruth::Independent, RbmTruth::Biased, RbmTruth::OneUnit]
                    .map(|t| Point::truth(m, h, t)),
            );
            for p in points {
                let chart = p.mean_field();
                let configs = configurations(m);
                for (mask, v) in configs.iter().enumerate().skip(1) {
                    assert_eq!(
                        chart.ratio(&members(mask, m)),
                        p.unnormalised(v) / p.unnormalised(&configs[0]),
                        "M = {m}, H = {h}, v = {mask:b}"
                    );
                }
            }
        }
    }

    /// The expanded G_j(T) the file carries is the product form.
    #[test]
    fn the_expanded_hidden_factor_is_the_product() {
        let (m, h) = (4, 2);
        let names = Names::new(m, h);
        let chart = generic(m, h).mean_field();
        let mut vars: Vec<String> = names.z.iter().flatten().cloned().collect();
        vars.extend(names.t.iter().cloned());
        let mut at: Vec<Rational> = chart.z.iter().flatten().cloned().collect();
        at.extend(chart.sigma.iter().map(|s| s - q(1, 2)));
        for mask in (1..1usize << m).filter(|k| k.count_ones() >= 2) {
            let set = members(mask, m);
            for j in 0..h {
                let text = hidden_factor_text(&names, j, &set).unwrap();
                let src = format!("vars {};\nK = sos({text});", vars.join(", "));
                let problem = crate::parse(&src).unwrap();
                let Factor::Sos(gens) = &problem.k_factors.1[0] else {
                    panic!("a sum of squares");
                };
                assert_eq!(gens[0].1.eval(&at), chart.hidden_factor(j, &set));
            }
        }
    }
}
