//! Latent Dirichlet allocation in its matrix-factorisation form, after
//! N. Hayashi, "The exact asymptotic form of Bayesian generalization error
//! in latent Dirichlet allocation", Neural Networks 137 (2021) 127–137
//! (arXiv:2008.01304).
//!
//! A word x ∈ {1..M} of document j ∈ {1..N} has p(x = i | j) = (AB)_ij,
//! where the H columns of A (M×H, the topics' word distributions) and the N
//! columns of B (H×N, the documents' topic proportions) lie on simplices,
//! each with the uniform Dirichlet(1, …, 1) prior. The truth is A0 B0 with
//! H0 ≤ H topics. K is written as the squares of (AB)_ij − (A0B0)_ij,
//! i ≤ M − 1 (the last row is redundant: columns sum to 1), as in
//! `examples/models/lda--*.rlct` and `examples/models/frontier/lda--*`.
//!
//! # The oracle
//!
//! The author's code accompanying the paper (github
//! chijan-nh/LearningCoefficient-RLCT-ofLDA-usingGS,
//! `Julia_calculate_RLCT_of_LDA_by_GS.jl`, functions `rlct_R`, `rlct_LDA`,
//! `calc_r`), read here:
//!
//! * `rlct_LDA(M, N, H, r) = rlct_R(M, N, H, r + 1) − N/2`, asserted there
//!   equal to `rlct_R(M − 1, N − 1, H − 1, r) + (M − 1)/2`, with `rlct_R` the
//!   Aoyagi–Watanabe (2005) reduced-rank-regression RLCT
//!   ([`super::formulas::reduced_rank_regression`]), for M ≥ 2, N ≥ 2,
//!   H ≥ r + 1;
//! * r = `calc_r(A0, B0)` = rank(U0 V0), U0 = [a0_ik − a0_iH0] (i ≤ M − 1,
//!   k ≤ H0 − 1), V0 = [b0_kj − b0_kN] (k ≤ H0 − 1, j ≤ N − 1).
//!
//! The paper's theorem text itself could not be read here (only its
//! abstract: the error "is expressed in terms of that in matrix
//! factorization and a penalty from the simplex restriction"). The
//! multiplicity is DERIVED: that of RRR(M − 1, N − 1, H − 1, r), since LDA
//! is locally RRR(M − 1, N − 1, H − 1, r) times M − 1 regular directions;
//! it equals that of RRR(M, N, H, r + 1) (same case inequalities and the
//! same parity, term by term).
//!
//! # Coordinates
//!
//! A simplex column of K entries is written in stick-breaking coordinates
//! c_1..c_{K−1} ∈ [0, 1]: for K = 2, (c, 1 − c); for K ≥ 3,
//! (1 − c_1, c_1·y) with y the column of K − 1 entries in c_2..c_{K−1}. For
//! K = 3 this is (1 − p, p q, p (1 − q)), the hand-written files' choice. Its
//! Jacobian is ∏_i c_i^{K−1−i}, so the uniform prior on the simplex is that
//! monomial on the box (a change of variables that is a diffeomorphism
//! almost everywhere: the zeta function is unchanged).

use super::q;
use std::fmt::Write;

use num_traits::{One, Zero};

use super::{at_statement, check_sizes, formulas, input_file, Formula, Model};
use crate::error::Error;
use crate::poly::Rational;

/// Hayashi (2021) through the author's `rlct_LDA`: λ = λ_RRR(M, N, H, r + 1)
/// − N/2, m that of the same RRR case (derived, see the module
/// documentation). Needs M ≥ 2, N ≥ 2 and r + 1 ≤ min(M, N, H).
pub fn formula(m: usize, n: usize, h: usize, r: usize) -> Formula {
    assert!(m >= 2 && n >= 2, "LDA: M and N must be at least 2");
    let rrr = formulas::reduced_rank_regression(m, n, h, r + 1);
    Formula {
        lambda: rrr.lambda - q(n as i64, 2),
        multiplicity: rrr.multiplicity,
        source: format!(
            "Hayashi 2021 (Neural Networks 137), via the author's rlct_LDA: \
             lambda_RRR({m}, {n}, {h}, {}) - {n}/2 = lambda_RRR({}, {}, {}, {r}) + ({m}-1)/2, \
             r = rank(U0 V0) = {r}; m of that RRR case (derived) [{}]",
            r + 1,
            m - 1,
            n - 1,
            h - 1,
            rrr.source
        ),
    }
}

/// Hayashi's `calc_r`: the rank of U0 V0 (see the module documentation);
/// `a0` is M×H0 and `b0` is H0×N, rows of columns.
pub fn calc_r(a0: &[Vec<Rational>], b0: &[Vec<Rational>]) -> usize {
    let (m, h0, n) = (a0.len(), b0.len(), b0[0].len());
    let u: Vec<Vec<Rational>> = (0..m - 1)
        .map(|i| (0..h0 - 1).map(|k| &a0[i][k] - &a0[i][h0 - 1]).collect())
        .collect();
    let v: Vec<Vec<Rational>> = (0..h0 - 1)
        .map(|k| (0..n - 1).map(|j| &b0[k][j] - &b0[k][n - 1]).collect())
        .collect();
    let uv: Vec<Vec<Rational>> = (0..m - 1)
        .map(|i| {
            (0..n - 1)
                .map(|j| (0..h0 - 1).map(|k| &u[i][k] * &v[k][j]).sum())
                .collect()
        })
        .collect();
    crate::newton::rank(uv)
}

/// The entries of a simplex column of `names.len() + 1` entries in the
/// stick-breaking coordinates `names`, each a list of factors (`c` or
/// `(1-c)`) whose product is the entry.
fn simplex_entries(names: &[String]) -> Vec<Vec<String>> {
    match names {
        [] => vec![vec![]],
        [c] => vec![vec![c.clone()], vec![format!("(1-{c})")]],
        [c, rest @ ..] => std::iter::once(vec![format!("(1-{c})")])
            .chain(simplex_entries(rest).into_iter().map(|mut e| {
                e.insert(0, c.clone());
                e
            }))
            .collect(),
    }
}

/// The stick-breaking coordinates of a point `x` of the simplex (the
/// inverse of [`simplex_entries`]); where a stick has length 0 the rest is
/// free, and ½ is taken.
fn simplex_coordinates(x: &[Rational]) -> Vec<Rational> {
    match x {
        [] | [_] => vec![],
        [x1, _] => vec![x1.clone()],
        [x1, rest @ ..] => {
            let c = Rational::one() - x1;
            let tail: Vec<Rational> = if c.is_zero() {
                vec![q(1, rest.len() as i64); rest.len()]
            } else {
                rest.iter().map(|y| y / &c).collect()
            };
            std::iter::once(c.clone())
                .chain(simplex_coordinates(&tail))
                .collect()
        }
    }
}

/// The Jacobian ∏_i c_i^{K−1−i} of a column's stick-breaking coordinates.
fn jacobian(names: &[String]) -> Vec<String> {
    let k = names.len() + 1;
    names
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match k - 2 - i {
            0 => None,
            1 => Some(c.clone()),
            e => Some(format!("{c}^{e}")),
        })
        .collect()
}

/// Coordinate names of column `col` (1-based) of a simplex with `k`
/// entries: the hand-written files' names for k = 2 and 3.
fn column_names(k: usize, col: usize, two: &str, three: [&str; 2], many: &str) -> Vec<String> {
    match k {
        1 => vec![],
        2 => vec![format!("{two}{col}")],
        3 => vec![format!("{}{col}", three[0]), format!("{}{col}", three[1])],
        _ => (1..k).map(|i| format!("{many}{col}_{i}")).collect(),
    }
}

/// The true topics and proportions: A0 (M×H0) mixes the uniform
/// distribution with a spike on word k, B0 (H0×N) the uniform proportions
/// with a spike on topic j for j ≤ H0. Both are interior, and the spikes make
/// U0 and V0 of full rank H0 − 1 (so r = H0 − 1, checked by `calc_r`).
fn true_factors(m: usize, n: usize, h0: usize) -> (Vec<Vec<Rational>>, Vec<Vec<Rational>>) {
    let half = q(1, 2);
    let a0 = (0..m)
        .map(|i| {
            (0..h0)
                .map(|k| q(1, 2 * m as i64) + if i == k { half.clone() } else { q(0, 1) })
                .collect()
        })
        .collect();
    let b0 = (0..h0)
        .map(|k| {
            (0..n)
                .map(|j| {
                    if j < h0 {
                        q(1, 2 * h0 as i64) + if k == j { half.clone() } else { q(0, 1) }
                    } else {
                        q(1, h0 as i64)
                    }
                })
                .collect()
        })
        .collect();
    (a0, b0)
}

/// The true parameter of the H-topic model: topics 1..H0−1 are A0's, topics
/// H0..H all A0's last column; B's rows 1..H0−1 are B0's, rows H0..H−1 a
/// small constant ε and row H the rest of B0's last row. So AB = A0B0, and
/// in Hayashi's coordinates U = [U0, 0], V = [V0; 0]: the extra topics add
/// nothing (the most degenerate point of the fiber), with every entry of B
/// positive.
fn true_parameter(
    a0: &[Vec<Rational>],
    b0: &[Vec<Rational>],
    h: usize,
) -> (Vec<Vec<Rational>>, Vec<Vec<Rational>>) {
    let (m, h0, n) = (a0.len(), b0.len(), b0[0].len());
    let a = (0..m)
        .map(|i| (0..h).map(|k| a0[i][k.min(h0 - 1)].clone()).collect())
        .collect();
    let spare = (h - h0 + 1) as i64;
    let eps = b0[h0 - 1].iter().min().expect("a document").clone() / q(spare, 1);
    let b = (0..h)
        .map(|k| {
            (0..n)
                .map(|j| match k {
                    _ if k + 1 < h0 => b0[k][j].clone(),
                    _ if k + 1 < h => eps.clone(),
                    _ => &b0[h0 - 1][j] - &eps * q(spare - 1, 1),
                })
                .collect()
        })
        .collect();
    (a, b)
}

fn matrix_text(rows: &[Vec<Rational>]) -> String {
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(|x| x.to_string()).collect();
            format!("[{}]", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Latent Dirichlet allocation with M `words`, N `documents`, H `topics`
/// and a truth with H0 = `true_topics` topics (1 ≤ H0 ≤ min(M, N, H)), uniform
/// Dirichlet priors; see the module documentation for the reduction, the
/// coordinates and the oracle. Generated files say
/// `Generated by \`rlct model lda … --emit\``.
pub fn lda(
    words: usize,
    documents: usize,
    topics: usize,
    true_topics: usize,
) -> Result<Model, Error> {
    let what = "latent Dirichlet allocation";
    let (m, n, h, h0) = (words, documents, topics, true_topics);
    let parameters = m
        .checked_sub(1)
        .and_then(|m1| h.checked_mul(m1))
        .and_then(|x| x.checked_add(n.checked_mul(h.checked_sub(1)?)?));
    check_sizes(
        what,
        &[("words M", m), ("documents N", n), ("topics H", h)],
        h0,
        parameters,
    )?;
    if m < 2 || n < 2 {
        return Err(Error::input(format!(
            "{what}: give at least 2 words and 2 documents (Hayashi's theorem needs M, N >= 2)"
        )));
    }
    if h0 == 0 {
        return Err(Error::input(format!(
            "{what}: the truth needs at least 1 topic (--true-topics >= 1)"
        )));
    }
    let (a0, b0) = true_factors(m, n, h0);
    let r = calc_r(&a0, &b0);
    assert_eq!(r, h0 - 1, "the true factors are of full rank");
    let (a_true, b_true) = true_parameter(&a0, &b0, h);
    let a_names: Vec<Vec<String>> = (1..=h)
        .map(|k| column_names(m, k, "a", ["s", "u"], "a"))
        .collect();
    let b_names: Vec<Vec<String>> = (1..=n)
        .map(|j| column_names(h, j, "b", ["v", "w"], "b"))
        .collect();
    let a_entries: Vec<Vec<Vec<String>>> = a_names.iter().map(|c| simplex_entries(c)).collect();
    let b_entries: Vec<Vec<Vec<String>>> = b_names.iter().map(|c| simplex_entries(c)).collect();
    let c0: Vec<Vec<Rational>> = (0..m)
        .map(|i| {
            (0..n)
                .map(|j| (0..h0).map(|k| &a0[i][k] * &b0[k][j]).sum())
                .collect()
        })
        .collect();
    let mut generators = Vec::new();
    for (i, c0_row) in c0.iter().enumerate().take(m - 1) {
        for (j, c0_ij) in c0_row.iter().enumerate() {
            let terms: Vec<String> = (0..h)
                .map(|k| {
                    let factors: Vec<&str> = a_entries[k][i]
                        .iter()
                        .chain(&b_entries[j][k])
                        .map(String::as_str)
                        .collect();
                    factors.join("*")
                })
                .collect();
            generators.push(format!("{} - {c0_ij}", terms.join(" + ")));
        }
    }
    let vars: Vec<String> = a_names.iter().chain(&b_names).flatten().cloned().collect();
    let domain: Vec<String> = vars.iter().map(|v| format!("{v} in [0, 1]")).collect();
    let prior: Vec<String> = a_names
        .iter()
        .chain(&b_names)
        .flat_map(|c| jacobian(c))
        .collect();
    let prior = (!prior.is_empty()).then(|| prior.join("*"));
    let values: Vec<Rational> = (0..h)
        .flat_map(|k| {
            simplex_coordinates(&a_true.iter().map(|row| row[k].clone()).collect::<Vec<_>>())
        })
        .chain((0..n).flat_map(|j| {
            simplex_coordinates(&b_true.iter().map(|row| row[j].clone()).collect::<Vec<_>>())
        }))
        .collect();
    let formula = formula(m, n, h, r);
    let truth = format!(
        "A0 = {} (M x H0, rows = words), B0 = {} (H0 x N, rows = topics), C0 = A0 B0 = {}; r = rank(U0 V0) = {r}",
        matrix_text(&a0),
        matrix_text(&b0),
        matrix_text(&c0)
    );
    let header = header(m, n, h, h0, &truth, &a_true, &b_true, &formula, vars.len());
    Ok(Model {
        name: format!("lda M={m} N={n} H={h} H0={h0} (r={r})"),
        text: input_file(
            &header,
            &vars,
            Some(&domain.join(", ")),
            prior.as_deref(),
            &generators,
        ),
        truth,
        formula: Some(formula),
        bound: None,
        at: at_statement(&vars, &values),
    })
}

#[allow(clippy::too_many_arguments)]
fn header(
    m: usize,
    n: usize,
    h: usize,
    h0: usize,
    truth: &str,
    a: &[Vec<Rational>],
    b: &[Vec<Rational>],
    formula: &Formula,
    coordinates: usize,
) -> String {
    let mut s = format!(
        "Model: latent Dirichlet allocation (LDA), M = {m} words, N = {n} documents, H = {h} topics:\n\
         \x20 p(x = i | document j, A, B) = (AB)_ij, the columns of A (M x H, the topics' word distributions)\n\
         \x20 and of B (H x N, the documents' topic proportions) on probability simplices; documents\n\
         \x20 equiprobable. Prior: Dirichlet(1,...,1) (uniform) on every column.\n\
         True distribution (H0 = {h0} true topics): {truth}.\n\
         Reduction to an ideal: KL = (1/N) sum_j KL(q(.|j) || p(.|j,A,B)); with q interior (every entry of\n\
         \x20 A0 B0 positive) KL is bounded above and below by multiples of sum_ij ((AB)_ij - (A0B0)_ij)^2,\n\
         \x20 so lambda, m are those of the ideal <(AB)_ij - (A0B0)_ij : i <= M-1, j <= N> (row M is\n\
         \x20 redundant: the columns of AB and of A0B0 both sum to 1).\n\
         Coordinates ({coordinates}, = H(M-1) + N(H-1)): a column of 2 entries is (x, 1-x); of K >= 3 entries,\n\
         \x20 stick-broken: (1-c1, c1*y) with y the column of K-1 entries in the next coordinates, so 3 entries\n\
         \x20 are (1-p, p q, p (1-q)) with Jacobian p; the uniform prior on a simplex becomes the Jacobian\n\
         \x20 prod_i c_i^(K-1-i) on the box (a change of variables: the zeta function is unchanged).\n\
         Source: N. Hayashi, \"The exact asymptotic form of Bayesian generalization error in latent\n\
         \x20 Dirichlet allocation\", Neural Networks 137 (2021), arXiv:2008.01304, as computed by the\n\
         \x20 author's code (github chijan-nh/LearningCoefficient-RLCT-ofLDA-usingGS, rlct_LDA, calc_r):\n\
         \x20   lambda_LDA(M,N,H,r) = lambda_RRR(M,N,H,r+1) - N/2 = lambda_RRR(M-1,N-1,H-1,r) + (M-1)/2,\n\
         \x20   r = rank(U0 V0), U0 = [a0_ik - a0_iH0] (i <= M-1, k <= H0-1), V0 = [b0_kj - b0_kN]\n\
         \x20   (k <= H0-1, j <= N-1); lambda_RRR = Aoyagi and Watanabe (2005). The theorem text itself\n\
         \x20   could not be read here.\n\
         Multiplicity: DERIVED, that of RRR(M-1, N-1, H-1, r) (LDA is locally that RRR times M-1\n\
         \x20 regular directions), equal to that of RRR(M, N, H, r+1) (same case, same parity).\n\
         True parameter (the `at` point): topics H0..H all equal A0's last topic; B's rows H0..H-1 a\n\
         \x20 small constant, row H the rest of B0's last row (the extra topics add nothing: U = [U0, 0],\n\
         \x20 V = [V0; 0] in Hayashi's coordinates).\n\
         \x20 A = {}\n\
         \x20 B = {}\n",
        matrix_text(a),
        matrix_text(b)
    );
    let _ = writeln!(
        s,
        "Closed form: lambda = {}, m = {} ({}).",
        formula.lambda, formula.multiplicity, formula.source
    );
    let _ = write!(
        s,
        "Generated by `rlct model lda --words {m} --documents {n} --topics {h} --true-topics {h0} --emit`."
    );
    s
}
