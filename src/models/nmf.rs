//! Non-negative matrix factorisation C = AB with A (M×H) and B (H×N) entries
//! in [0, 1], K = ‖AB − A₀B₀‖², truth of non-negative rank r.
//!
//! Sources (read through the first author's own code and notebook, not the
//! papers' full text, which could not be read here):
//!
//! * N. Hayashi and S. Watanabe, "Upper bound of Bayesian generalization
//!   error in non-negative matrix factorization", Neurocomputing 266 (2017)
//!   21–28 (arXiv:1612.04112): λ ≤ ½[(H − r)·min(M, N) + r(M + N − 1)];
//! * N. Hayashi and S. Watanabe, "Tighter upper bound of real log canonical
//!   threshold of non-negative matrix factorization and its application to
//!   Bayesian inference", IEEE SSCI 2017:
//!   λ ≤ ½[(H − r)·min(M, N) + r(M + N − 2)] + (½ if r is odd);
//!
//! both as `lam_NMFubd.m` in github.com/chijan-nh/LearningCoefficient-RLCT-ofNMF,
//! whose comment says the tighter bound "gives the exact value of RLCT of
//! NMF" when r = 0, H = r = 1 or H = r = 2. The notebook of
//! github.com/chijan-nh/LearningCoefficient-RLCT-ofNMF-usingGS (N. Hayashi,
//! "Variational approximation error in non-negative matrix factorization",
//! Neural Networks 126 (2020), arXiv:1809.02963) states the first bound (with
//! gamma prior shapes φ_A = φ_B = 1, the uniform-like case) and "if H = H₀ = 1
//! or H₀ = 0, then the equality holds", for true factors with entries in a
//! compact subset of (0, ∞). The multiplicities are derived below.

use super::q;
use std::fmt::Write;

use super::{check_sizes, input_file, matrix_names, Formula, Model};
use crate::error::Error;
use crate::poly::Rational;

/// The true factor entry: ½ on the diagonal of the first r columns (of A)
/// or rows (of B), ¼ elsewhere in them, 0 in the others. [I_r; 0] + J has
/// full column rank, so A₀B₀ has rank r, hence non-negative rank r too
/// (rank ≤ non-negative rank ≤ r); every true entry is inside (0, 1).
fn true_entry(row: usize, col: usize, active: bool) -> Rational {
    match (active, row == col) {
        (false, _) => q(0, 1),
        (true, true) => q(1, 2),
        (true, false) => q(1, 4),
    }
}

/// A₀ (M×H, columns ≥ r zero) and B₀ (H×N, rows ≥ r zero).
fn truth(m: usize, n: usize, h: usize, r: usize) -> (Vec<Vec<Rational>>, Vec<Vec<Rational>>) {
    let a = (0..m)
        .map(|i| (0..h).map(|k| true_entry(i, k, k < r)).collect())
        .collect();
    let b = (0..h)
        .map(|k| (0..n).map(|j| true_entry(k, j, k < r)).collect())
        .collect();
    (a, b)
}

fn product(a: &[Vec<Rational>], b: &[Vec<Rational>]) -> Vec<Vec<Rational>> {
    let n = b.first().map_or(0, Vec::len);
    a.iter()
        .map(|row| {
            (0..n)
                .map(|j| {
                    row.iter()
                        .zip(b)
                        .fold(q(0, 1), |acc, (x, brow)| acc + x * &brow[j])
                })
                .collect()
        })
        .collect()
}

/// The tighter bound of Hayashi and Watanabe (IEEE SSCI 2017).
pub fn nmf_bound(m: usize, n: usize, h: usize, r: usize) -> Formula {
    let (mm, nn, hh, rr) = (m as i64, n as i64, h as i64, r as i64);
    let twice = (hh - rr) * mm.min(nn) + rr * (mm + nn - 2) + rr % 2;
    Formula {
        lambda: q(twice, 2),
        multiplicity: 1,
        source: "Hayashi and Watanabe 2017 (IEEE SSCI), tighter upper bound \
                 1/2[(H - r) min(M, N) + r(M + N - 2)] + (1/2 if r odd), \
                 as lam_NMFubd.m (chijan-nh/LearningCoefficient-RLCT-ofNMF)"
            .to_string(),
    }
}

/// The exact λ (Hayashi and Watanabe: the bound is attained) and m
/// (derived) where the authors state equality: r = 0, H = r = 1, H = r = 2.
///
/// * r = 0: on the non-negative orthant (Σ_k a_ik b_kj)² lies between
///   Σ_k a_ik² b_kj² and H times it, so K is equivalent to
///   Σ_k ‖a_k‖²‖b_k‖² (columns a_k of A, rows b_k of B), a sum over k in
///   disjoint coordinates. In polar coordinates at the corner each term gives
///   ∫ρ^{2z+M−1}σ^{2z+N−1}: poles −M/2 and −N/2, one of order 2 when M = N.
///   Points with one factor non-zero give λ ≥ min(M, N)/2 with m = 1. Sums
///   in disjoint coordinates add λ and add m − 1: λ = H·min(M, N)/2, m = H + 1
///   if M = N, else 1.
/// * H = r: AB = A₀B₀ of rank r forces A = A₀P, B = P⁻¹B₀ (P invertible
///   r×r), and (A, B) ↦ AB has constant rank r(M + N) − r² near that
///   fibre: a smooth fibre of codimension r(M + N − r), so λ = r(M + N − r)/2
///   (the authors' values (M + N − 1)/2 and M + N − 2), m = 1.
pub fn nmf_exact(m: usize, n: usize, h: usize, r: usize) -> Option<Formula> {
    let cite = "Hayashi and Watanabe 2017/2020: the upper bound is attained";
    let (mm, nn, hh) = (m as i64, n as i64, h as i64);
    let (twice, mult, case) = match (h, r) {
        (_, 0) => (
            hh * mm.min(nn),
            if m == n { h + 1 } else { 1 },
            "true rank 0; m derived (H + 1 when M = N)",
        ),
        (1, 1) => (mm + nn - 1, 1, "H = r = 1; m = 1 derived (smooth fibre)"),
        (2, 2) => (
            2 * (mm + nn - 2),
            1,
            "H = r = 2; m = 1 derived (smooth fibre)",
        ),
        _ => return None,
    };
    Some(Formula {
        lambda: q(twice, 2),
        multiplicity: mult,
        source: format!("{cite}, {case}"),
    })
}

fn matrix_lines(name: &str, x: &[Vec<Rational>]) -> String {
    let mut s = String::new();
    for (i, row) in x.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(Rational::to_string).collect();
        let _ = writeln!(s, "  {name} row {}: {}", i + 1, cells.join(", "));
    }
    s
}

/// Non-negative matrix factorisation C ≈ AB with A (`m`×`h`) and B
/// (`h`×`n`), every entry in [0, 1] with the uniform prior, and truth
/// A₀B₀ of non-negative rank `r` (see `true_entry`). K = ‖AB − A₀B₀‖²
/// (Gaussian noise of fixed variance: KL is K over 2σ²), written as the
/// squares of the entries of AB − A₀B₀. `formula` where the authors state
/// equality, `bound` always.
pub fn nonnegative_matrix_factorization(
    m: usize,
    n: usize,
    h: usize,
    r: usize,
) -> Result<Model, Error> {
    let what = "non-negative matrix factorisation";
    let parameters = m.checked_add(n).and_then(|mn| mn.checked_mul(h));
    check_sizes(what, &[("M", m), ("N", n), ("H", h)], r, parameters)?;
    let a = matrix_names("a", m, h);
    let b = matrix_names("b", h, n);
    let (a0, b0) = truth(m, n, h, r);
    let c0 = product(&a0, &b0);
    let mut gens = Vec::new();
    for (i, arow) in a.iter().enumerate() {
        for j in 0..n {
            let terms: Vec<String> = (0..h).map(|k| format!("{}*{}", arow[k], b[k][j])).collect();
            let mut g = terms.join(" + ");
            if c0[i][j] != q(0, 1) {
                let _ = write!(g, " - {}", c0[i][j]);
            }
            gens.push(g);
        }
    }
    let bound = nmf_bound(m, n, h, r);
    let formula = nmf_exact(m, n, h, r);
    let value = match &formula {
        Some(f) => format!(
            "lambda = {}, m = {} ({}).",
            f.lambda, f.multiplicity, f.source
        ),
        None => "not known exactly.".to_string(),
    };
    let header = format!(
        "Non-negative matrix factorisation C = A B: A is M x H (entries a<row><col>), B is H x N\n\
         (entries b<row><col>), M = {m}, N = {n}, H = {h}; every entry in [0, 1], uniform prior.\n\
         Model: X = A B + Gaussian noise of fixed variance, so KL = K / (2 sigma^2) with\n\
         K = ||A B - A0 B0||^2, written as the squares of the entries of A B - A0 B0 (their ideal).\n\
         Truth of non-negative rank r = {r}: A0 has 1/2 on the diagonal and 1/4 elsewhere in its first\n\
         r columns, 0 in the others; B0 likewise in its first r rows. A0 B0 has rank r, so non-negative\n\
         rank r (rank <= non-negative rank <= r); the true factors are inside (0, 1) (Hayashi and\n\
         Watanabe take true factors with positive entries).\n\
         True factors:\n{}{}\
         Value: {value}\n\
         Upper bound: lambda <= {} (Hayashi and Watanabe 2017, IEEE SSCI, tighter bound; the\n\
           Neurocomputing 2017 bound is 1/2[(H - r) min(M, N) + r(M + N - 1)]).\n\
         Generated by `rlct model nmf --rows {m} --columns {n} --inner {h} --true-rank {r} --emit`.",
        matrix_lines("A0", &a0),
        matrix_lines("B0", &b0),
        bound.lambda,
    );
    let vars: Vec<String> = a.iter().chain(&b).flatten().cloned().collect();
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    let at: Vec<String> = a
        .iter()
        .flatten()
        .zip(a0.iter().flatten())
        .chain(b.iter().flatten().zip(b0.iter().flatten()))
        .map(|(name, v)| format!("{name} = {v}"))
        .collect();
    Ok(Model {
        name: format!("nmf M={m} N={n} H={h} r={r}"),
        text: input_file(&header, &vars, Some(&domain.join(", ")), None, &gens),
        truth: format!("A0 B0 of non-negative rank {r} (entries 1/2 on the diagonal, 1/4 off it)"),
        formula,
        bound: Some(bound),
        at: format!("at {};", at.join(", ")),
    })
}
