//! Restricted Boltzmann machines with binary units, written as polynomial
//! ideals through the exponential change of coordinates.
//!
//! # The model
//!
//! M visible units v ∈ {0, 1}^M and H hidden units h ∈ {0, 1}^H, energy
//! E(v, h) = −vᵀWh − bᵀv − cᵀh with all biases in the model (W is M×H, b has
//! M entries, c has H), and p_w(v) ∝ Σ_h exp(−E(v, h)). Summing the hidden
//! units out,
//!
//!   p_w(v) ∝ P_v := Π_{i: v_i = 1} β_i · Π_j (1 + γ_j Π_{i: v_i = 1} s_ij),
//!
//! with s_ij = e^{W_ij}, β_i = e^{b_i}, γ_j = e^{c_j}: a polynomial in the new
//! coordinates. Each weight and bias ranges over [−log 2, log 2] with the
//! uniform prior, so every new coordinate ranges over [1/2, 2] with the
//! density Π 1/s.
//!
//! # Why the polynomial ideal has the λ and m of the Kullback–Leibler divergence
//!
//! (Derived; the argument is the one written in every emitted file.)
//! * s = e^w is analytic with an analytic inverse on the box, so it changes
//!   neither λ nor m. The prior Π 1/s lies between 2^{−d} and 2^d: the volume
//!   ∫_{K < t} φ, whose asymptotics c t^λ (log 1/t)^{m−1} give λ and m, changes
//!   only by a bounded factor, so the uniform prior on s has the same λ, m.
//! * The sample space is finite and q > 0, so KL(q‖p), which is
//!   ½ Σ_v (p_v − q_v)²/q_v plus O(|p − q|³), lies between two positive
//!   multiples of Σ_v (p_v − q_v)² near the zero set (and is positive away from it): the same λ, m as the
//!   ideal ⟨p_v − q_v⟩.
//! * p ↦ (p_v / p_0)_{v ≠ 0} is an analytic diffeomorphism of the open simplex
//!   onto (0, ∞)^{2^M − 1}, so ⟨p_v − q_v⟩ = ⟨p_v/p_0 − ρ_v⟩ with
//!   ρ_v = q_v / q_0; and p_v/p_0 − ρ_v = (P_v − ρ_v P_0)/P_0 with
//!   P_0 = Π_j (1 + γ_j) a unit on the box. The generators are P_v − ρ_v P_0.
//!
//! # The values (all derived here; Aoyagi's theorems could not be read)
//!
//! Aoyagi, "Stochastic complexity and generalization error of a restricted
//! Boltzmann machine in Bayesian estimation", JMLR 11 (2010) 1243–1272, and
//! Aoyagi, "Learning coefficient in Bayesian estimation of restricted
//! Boltzmann machine", J. Algebraic Statistics 4 (2013), give bounds and
//! values, but only their abstracts could be read here, and their model (units
//! in {1, −1}, biases or not) could not be checked: they are not used. The
//! values below come from the log-linear coordinates of the distribution on
//! {0, 1}^M, θ_S = Σ_{T ⊆ S} (−1)^{|S∖T|} log p(1_T), another analytic chart of
//! the open simplex, in which (with x_ij = s_ij − 1)
//!
//! * θ_{i} = b_i + Σ_j [sp(c_j + W_ij) − sp(c_j)] (sp = softplus): solved for
//!   b_i, the M singletons are smooth free directions, M/2 in all;
//! * θ_{ik} = Σ_j log(1 + γ_j x_ij x_kj / ((1 + γ_j s_ij)(1 + γ_j s_kj)))
//!   = Σ_j x_ij x_kj e_j^{ik} with e_j^{ik} > 0 on the whole box
//!   (log(1 + u)/u > 0 for u > −1), e_j^{ik} = γ_j/(1 + γ_j)² at x = 0;
//! * θ_S, |S| ≥ 3, is a sum over j of the |S|-th finite difference of
//!   sp(c_j + ·), which vanishes where any x_ij (i ∈ S) does: divisible by
//!   Π_{i ∈ S} x_ij.

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

/// The coordinates of an instance, by role.
struct Names {
    /// s_ij = e^{W_ij}, visible i by hidden j.
    s: Vec<Vec<String>>,
    /// β_i = e^{b_i}.
    b: Vec<String>,
    /// γ_j = e^{c_j}.
    c: Vec<String>,
}

impl Names {
    fn new(m: usize, h: usize) -> Names {
        Names {
            s: super::matrix_names("s", m, h),
            b: (1..=m).map(|i| format!("b{i}")).collect(),
            c: (1..=h).map(|j| format!("c{j}")).collect(),
        }
    }

    fn all(&self) -> Vec<String> {
        let mut v: Vec<String> = self.s.iter().flatten().cloned().collect();
        v.extend(self.b.iter().cloned());
        v.extend(self.c.iter().cloned());
        v
    }
}

/// The true coordinates, in the order of `Names::all`.
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

    /// P_v at this point, exactly.
    fn unnormalised(&self, v: &[bool]) -> Rational {
        let mut p = self.hidden(v);
        for (i, &on) in v.iter().enumerate() {
            if on {
                p *= &self.b[i];
            }
        }
        p
    }

    /// The hidden part Π_j (1 + γ_j Π_{v_i = 1} s_ij) of P_v at this point.
    fn hidden(&self, v: &[bool]) -> Rational {
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
        p
    }
}

/// The visible configurations, v = 0…0 first; unit i is bit i of the index.
fn configurations(m: usize) -> Vec<Vec<bool>> {
    (0..1usize << m)
        .map(|k| (0..m).map(|i| k >> i & 1 == 1).collect())
        .collect()
}

/// P_v as text: Π_{v_i = 1} β_i · Π_j (1 + γ_j Π_{v_i = 1} s_ij).
fn unnormalised_text(names: &Names, v: &[bool]) -> String {
    let mut factors: Vec<String> = v
        .iter()
        .zip(&names.b)
        .filter(|(on, _)| **on)
        .map(|(_, b)| b.clone())
        .collect();
    factors.push(hidden_text(names, v));
    factors.join("*")
}

/// The hidden part of P_v, Π_j (1 + γ_j Π_{v_i = 1} s_ij), as text.
fn hidden_text(names: &Names, v: &[bool]) -> String {
    let factors: Vec<String> = names
        .c
        .iter()
        .enumerate()
        .map(|(j, gamma)| {
            let mut t = vec![gamma.clone()];
            t.extend(
                v.iter()
                    .zip(&names.s)
                    .filter(|(on, _)| **on)
                    .map(|(_, row)| row[j].clone()),
            );
            format!("(1 + {})", t.join("*"))
        })
        .collect();
    factors.join("*")
}

/// The generator of the log-linear coordinate θ_S (S a non-empty set of
/// visible units, as a bit mask): E_S − κ_S O_S, where E_S (O_S) is the
/// product of P_{1_T} over T ⊆ S with |S∖T| even (odd) and κ_S its value at
/// the truth, e^{θ_S⁰}. For |S| ≥ 2 each β_i occurs 2^{|S|−2} times on both
/// sides, and that common unit is divided out.
fn log_linear_generator(names: &Names, truth: &Point, m: usize, mask: usize) -> String {
    let members: Vec<usize> = (0..m).filter(|i| mask >> i & 1 == 1).collect();
    let with_beta = members.len() == 1;
    let mut even = (Vec::new(), q(1, 1));
    let mut odd = (Vec::new(), q(1, 1));
    for sub in 0..1usize << members.len() {
        let t: Vec<bool> = (0..m)
            .map(|i| {
                members
                    .iter()
                    .position(|&k| k == i)
                    .is_some_and(|p| sub >> p & 1 == 1)
            })
            .collect();
        let (text, value) = if with_beta {
            (unnormalised_text(names, &t), truth.unnormalised(&t))
        } else {
            (hidden_text(names, &t), truth.hidden(&t))
        };
        let side = if (members.len() - sub.count_ones() as usize).is_multiple_of(2) {
            &mut even
        } else {
            &mut odd
        };
        side.0.push(text);
        side.1 *= value;
    }
    let kappa = even.1 / odd.1;
    let odd_text = odd.0.join("*");
    let scaled = if kappa == q(1, 1) {
        odd_text
    } else {
        format!("{kappa}*{odd_text}")
    };
    format!("{} - {scaled}", even.0.join("*"))
}

/// One generator per non-empty set of visible units (see
/// `log_linear_generator`), singletons first.
fn log_linear_generators(names: &Names, truth: &Point, m: usize) -> Vec<String> {
    let mut masks: Vec<usize> = (1..1usize << m).collect();
    masks.sort_by_key(|k| (k.count_ones(), *k));
    masks
        .into_iter()
        .map(|k| log_linear_generator(names, truth, m, k))
        .collect()
}

/// The generators P_v − ρ_v P_0, v ≠ 0, with ρ_v = q(v)/q(0).
fn odds_generators(names: &Names, truth: &Point, m: usize) -> Vec<String> {
    let configs = configurations(m);
    let p0 = truth.unnormalised(&configs[0]);
    let p0_text = unnormalised_text(names, &configs[0]);
    configs[1..]
        .iter()
        .map(|v| {
            let rho = truth.unnormalised(v) / &p0;
            let scaled = if rho == q(1, 1) {
                p0_text.clone()
            } else {
                format!("{rho}*{p0_text}")
            };
            format!("{} - {scaled}", unnormalised_text(names, v))
        })
        .collect()
}

/// Both lists generate the same ideal. At independent truths every κ_S
/// (|S| ≥ 2) is 1 and the log-linear generators factor (for one hidden unit
/// θ_12's is γ(s_1 − 1)(s_2 − 1)); at dependent truths they do not, and the
/// odds generators, of lower degree, are the ones the engine resolves (the
/// regular point of M = 3, H = 1: 7/2 at once, against a bound from the
/// log-linear ones).
fn generators(names: &Names, point: &Point, m: usize, truth: RbmTruth) -> Vec<String> {
    match truth {
        RbmTruth::Independent | RbmTruth::Biased => log_linear_generators(names, point, m),
        RbmTruth::OneUnit => odds_generators(names, point, m),
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

fn at_statement(names: &Names, truth: &Point) -> String {
    let mut pairs = Vec::new();
    for (row, values) in names.s.iter().zip(&truth.s) {
        for (n, v) in row.iter().zip(values) {
            pairs.push(format!("{n} = {v}"));
        }
    }
    for (n, v) in names.b.iter().zip(&truth.b) {
        pairs.push(format!("{n} = {v}"));
    }
    for (n, v) in names.c.iter().zip(&truth.c) {
        pairs.push(format!("{n} = {v}"));
    }
    format!("at {};", pairs.join(", "))
}

/// The header's account of the generator list `generators` chose.
fn generator_words(truth: RbmTruth) -> &'static str {
    match truth {
        RbmTruth::OneUnit => {
            "  K = sos(P_v - rho_v P_0 : v != 0...0), v in binary order with v_1 the lowest bit.\n"
        }
        _ => {
            "  Generators used (the same ideal, derived): the log-linear coordinates\n\
             \x20 theta_S = sum_(T in S) (-1)^|S-T| log p(1_T), S a non-empty set of visible units, are another\n\
             \x20 analytic chart of the open simplex (Z cancels), so the ideal is <exp(theta_S) - kappa_S>,\n\
             \x20 kappa_S = exp(theta_S) at the truth, i.e. <E_S - kappa_S O_S> with E_S (O_S) the product of\n\
             \x20 P_(1_T) over T in S with |S - T| even (odd), O_S a unit. For |S| >= 2 every beta_i occurs\n\
             \x20 equally often in E_S and O_S, and that unit is divided out. Singletons first, then pairs, ...\n"
        }
    }
}

fn truth_words(truth: RbmTruth) -> &'static str {
    match truth {
        RbmTruth::Independent => {
            "independent uniform visible units (W = 0, b = 0, c = 0: every coordinate 1)"
        }
        RbmTruth::Biased => {
            "independent visible units, P(v_i = 1) = (i+2)/(2i+3) \
             (W = 0, beta_i = (i+2)/(i+1), i.e. 3/2, 4/3, ...; other coordinates 1)"
        }
        RbmTruth::OneUnit => {
            "one active hidden unit: s_i1 = 3/2 for every visible i (W_i1 = log 3/2), \
             every other coordinate 1 (W = 0 elsewhere, b = 0, c = 0)"
        }
    }
}

/// A restricted Boltzmann machine with `m` binary visible and `h` binary
/// hidden units, biases included, units in {0, 1}, at the given truth.
///
/// K is the sum of squares of P_v − ρ_v P_0 (v ≠ 0) in the coordinates
/// s_ij = e^{W_ij}, β_i = e^{b_i}, γ_j = e^{c_j} ∈ [1/2, 2] (weights and biases
/// uniform on [−log 2, log 2]; the uniform prior on the new coordinates has
/// the same λ, m); see the module documentation for why this ideal has the
/// λ and m of the Kullback–Leibler divergence. The truth is an interior point.
/// `formula` is the derived value where one is known (see
/// [`rbm_formula`]); there is no `bound` (Aoyagi's could not be read).
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
    let gens = generators(&names, &point, m, truth);
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
         Coordinates s_ij = exp(W_ij) (s<i><j>), beta_i = exp(b_i) (b<i>), gamma_j = exp(c_j) (c<j>):\n\
           p_w(v) = P_v / Z,  P_v = prod_(v_i=1) beta_i * prod_j (1 + gamma_j prod_(v_i=1) s_ij),  Z = sum_v P_v.\n\
         Parameter box: every weight and bias uniform on [-log 2, log 2], i.e. every coordinate in [1/2, 2]\n\
           with density prod 1/s; that density lies between 2^-d and 2^d, so the volume of {{K < t}}, whose\n\
           asymptotics c t^lambda (log 1/t)^(m-1) define lambda and m, changes by a bounded factor only:\n\
           the uniform prior on the box below has the same lambda, m (derived).\n\
         Truth: {}; an interior point.\n\
         True distribution (v = v_1 ... v_M):\n{}\
         Ideal (derived): s = exp(w) is analytic with analytic inverse on the box (lambda, m unchanged).\n\
           The sample space is finite and q > 0, so KL(q||p_w) = 1/2 sum_v (p_v - q_v)^2 / q_v + O(|p - q|^3)\n\
           lies between two positive multiples of sum_v (p_v - q_v)^2 near the zero set: the ideal\n\
           <p_v - q_v> has the lambda, m of KL. p -> (p_v/p_0)_(v != 0) is an analytic diffeomorphism of the\n\
           open simplex onto (0, inf)^(2^M - 1), so that ideal is <p_v/p_0 - rho_v>, rho_v = q_v/q_0, and\n\
           p_v/p_0 - rho_v = (P_v - rho_v P_0)/P_0 with P_0 = prod_j (1 + gamma_j) a unit on the box.\n\
         {}\
         Value: {value}\n\
         Generated by `rlct model rbm --visible {m} --hidden {h} --truth {} --emit`.",
        truth_words(truth),
        distribution_lines(&point, m),
        generator_words(truth),
        truth.as_str(),
    );
    let vars = names.all();
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [1/2, 2]")).collect();
    Ok(Model {
        name: format!("rbm M={m} H={h} truth={}", truth.as_str()),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: truth_words(truth).to_string(),
        formula,
        bound: None,
        at: at_statement(&names, &point),
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
