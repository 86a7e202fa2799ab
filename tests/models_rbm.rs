//! Restricted Boltzmann machines (`rlct model rbm`): the generators' K
//! solved by the engine against values derived by hand in
//! `rlct::models::rbm` (Aoyagi's theorems could not be read; every value here
//! is a derivation, written out in that module's documentation).

mod common;

use common::models::{assert_exact_and_agrees, solve};
use rlct::models::{restricted_boltzmann_machine, Agreement, RbmTruth};
use rlct::{analyze, Options, Status};

/// Independent truths with one hidden unit: λ = 3M/4 (M ≥ 3, m = 1) and
/// 3/2 with m = 2 for M = 2 (derived: M/2 from the biases plus the
/// pairwise monomial ideal ⟨x_i x_k⟩). Release: under 2 s each.
#[test]
fn independent_truths_with_one_hidden_unit_agree_with_the_derivation() {
    for (m, truth) in [
        (1, RbmTruth::Independent),
        (2, RbmTruth::Independent),
        (2, RbmTruth::Biased),
        (3, RbmTruth::Independent),
        (3, RbmTruth::Biased),
    ] {
        assert_exact_and_agrees(&restricted_boltzmann_machine(m, 1, truth).unwrap(), 20);
    }
}

/// At the true parameter of a dependent truth the fibre is smooth (M = 2)
/// or a regular point (M = 3, H = 1), so the local value is the derived
/// global one: 3/2 and 7/2, m = 1 (release: under 1 s each).
#[test]
fn dependent_truths_agree_locally() {
    for (m, h) in [(2, 1), (3, 1), (2, 2)] {
        assert_exact_and_agrees(
            &restricted_boltzmann_machine(m, h, RbmTruth::OneUnit)
                .unwrap()
                .at_truth(),
            20,
        );
    }
}

/// Two hidden units at the independent uniform truth (x = 0, γ = 1, the
/// deepest point of the derivation): 3/2, m = 1 locally, as globally. The
/// pair interaction is a non-degenerate quadric x₁y₁·α + x₂y₂·β (α, β
/// units) along the biases: the Morse–Bott blow-up of {x = y = 0}
/// resolves it in four charts (release: about 1 s; it was 40 s before).
#[test]
fn two_hidden_units_at_the_independent_truth_agree_locally() {
    let model = restricted_boltzmann_machine(2, 2, RbmTruth::Independent).unwrap();
    assert_exact_and_agrees(&model.at_truth(), 60);
}

/// The same machine over the smaller box exp(w) ∈ [1/2, 3/2] for every
/// weight and bias: the derivation (`rlct::models::rbm`) holds for any box
/// with the truth inside, so λ = 3/2, m = 1 there too, over the whole box.
/// The singular locus of the zero set, s = 1 (all weights 0) for every
/// hidden bias, is found by elimination with the biases fixed (they enter
/// only quadratically), and blown up along the biases (the model's own
/// box is the next test).
#[test]
fn two_hidden_units_over_a_smaller_box_are_exact_globally() {
    let model = restricted_boltzmann_machine(2, 2, RbmTruth::Independent).unwrap();
    let text = model.text.replace("[1/2, 2]", "[1/2, 3/2]");
    assert!(text.contains("s11 in [1/2, 3/2]"));
    let options = Options {
        timeout: Some(std::time::Duration::from_secs(60)),
        ..Options::default()
    };
    let r = analyze(&rlct::parse(&text).unwrap(), &options).unwrap();
    let f = model.formula.as_ref().unwrap();
    assert_eq!(
        (r.status, &r.lambda, r.multiplicity),
        (Status::Exact, &f.lambda, f.multiplicity)
    );
    let tree = r.resolution.tree.as_ref().expect("a tree");
    let problem = rlct::parse(&text).unwrap();
    rlct::check::check_tree(&problem, tree).expect("the checker accepts the tree");
}

/// The engine ended all of these with a bound on 2026-12-04 (release,
/// `--timeout 60`); since 2026-12-05 M = H = 2 is exact at the independent
/// and biased truths, while the one-unit truth with H = 2 (λ ≤ 3/2), those
/// with H = 1 (λ ≤ 3/2 and λ ≤ 7/2, equal to the values, m not certified)
/// and M = 3, H = 2 (λ ≤ 11) stay bounds — Issue 15's targets. What must
/// hold meanwhile: no answer contradicts the derived value (an exact one
/// equal to it, a bound not below it).
#[test]
#[ignore = "about 2 minutes in release: six runs to their 20 s limit"]
fn two_hidden_units_and_dependent_truths_never_contradict_the_derivation() {
    for (m, h, truth) in [
        (2, 2, RbmTruth::Independent),
        (2, 2, RbmTruth::Biased),
        (2, 1, RbmTruth::OneUnit),
        (2, 2, RbmTruth::OneUnit),
        (3, 1, RbmTruth::OneUnit),
        (3, 2, RbmTruth::Independent),
    ] {
        let model = restricted_boltzmann_machine(m, h, truth).unwrap();
        let r = solve(&model, 20);
        assert_ne!(
            model.compare(&r),
            Some(Agreement::Disagrees),
            "{}",
            model.name
        );
    }
}

#[test]
fn the_derived_values_follow_their_cases() {
    let value = |m, h, t| {
        let f = rlct::models::rbm::rbm_formula(m, h, t).unwrap();
        (f.lambda.to_string(), f.multiplicity)
    };
    // 3M/4 for an independent truth and one hidden unit (M ≥ 3).
    assert_eq!(value(4, 1, RbmTruth::Independent), ("3".to_string(), 1));
    assert_eq!(value(5, 1, RbmTruth::Biased), ("15/4".to_string(), 1));
    assert_eq!(value(2, 3, RbmTruth::Independent), ("3/2".to_string(), 1));
    assert_eq!(value(3, 2, RbmTruth::Independent), ("3".to_string(), 3));
    assert_eq!(value(2, 3, RbmTruth::OneUnit), ("3/2".to_string(), 1));
    assert!(rlct::models::rbm::rbm_formula(3, 2, RbmTruth::OneUnit).is_none());
    assert!(rlct::models::rbm::rbm_formula(4, 2, RbmTruth::Independent).is_none());
}

#[test]
fn the_generated_k_is_the_model_written_out() {
    let m = restricted_boltzmann_machine(2, 1, RbmTruth::Independent).unwrap();
    // theta_1, theta_2: beta_i (1 + gamma s_i) = 1 + gamma; theta_12: the odds ratio,
    // (1 + gamma)(1 + gamma s1 s2) - (1 + gamma s1)(1 + gamma s2) = gamma (s1 - 1)(s2 - 1).
    assert!(
        m.text.contains(
            "K = sos(\n    b1*(1 + c1*s11) - (1 + c1),\n    b2*(1 + c1*s21) - (1 + c1),\n    \
             (1 + c1)*(1 + c1*s11*s21) - (1 + c1*s11)*(1 + c1*s21)\n);"
        ),
        "{}",
        m.text
    );
    assert!(m.text.contains("s11 in [1/2, 2]"));
    assert!(m.text.contains(
        "Generated by `rlct model rbm --visible 2 --hidden 1 --truth independent --emit`"
    ));
    // A dependent truth: the odds generators, with q(v)/q(0) from s_i1 = 3/2.
    let d = restricted_boltzmann_machine(2, 1, RbmTruth::OneUnit).unwrap();
    // P_00 = 2, P_10 = P_01 = 5/2, P_11 = 1 + 9/4 = 13/4 (sum 41/4): rho = 5/4, 5/4, 13/8.
    assert!(
        d.text.contains("b1*b2*(1 + c1*s11*s21) - 13/8*(1 + c1)"),
        "{}",
        d.text
    );
    assert!(d.text.contains("q(11) = 13/41"), "{}", d.text);
    assert_eq!(d.at, "at s11 = 3/2, s21 = 3/2, b1 = 1, b2 = 1, c1 = 1;");
}

#[test]
fn bad_sizes_are_bad_input() {
    for e in [
        restricted_boltzmann_machine(0, 1, RbmTruth::Independent).unwrap_err(),
        restricted_boltzmann_machine(1, 0, RbmTruth::Independent).unwrap_err(),
        restricted_boltzmann_machine(9, 1, RbmTruth::Independent).unwrap_err(),
        restricted_boltzmann_machine(8, 7, RbmTruth::Independent).unwrap_err(),
        "other".parse::<RbmTruth>().unwrap_err(),
    ] {
        assert_eq!(e.exit_code(), 2, "{e}");
    }
}

#[test]
fn the_cli_solves_and_emits_rbms() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
            .args(args)
            .output()
            .unwrap()
    };
    let base = ["model", "rbm", "--visible", "2", "--hidden", "1"];
    let out = run(&[&base[..], &["--truth", "biased", "--format", "json"]].concat());
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["lambda"].as_str(), v["multiplicity"].as_u64()),
        (Some("3/2"), Some(2))
    );
    assert_eq!(v["model"]["formula"]["agreement"], "agrees");
    let emitted = run(&[&base[..], &["--truth", "one-unit", "--emit"]].concat());
    assert_eq!(emitted.status.code(), Some(0));
    let file = String::from_utf8(emitted.stdout).unwrap();
    assert_eq!(
        rlct::parse(&file)
            .expect("the emitted file parses")
            .vars
            .len(),
        5
    );
    let bad = run(&["model", "rbm", "--visible", "9", "--hidden", "1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("at most 8"));
    let zero = run(&["model", "rbm", "--visible", "2", "--hidden", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("hidden units H must be at least 1"));
    let truth = run(&[&base[..], &["--truth", "dependent"]].concat());
    assert_eq!(truth.status.code(), Some(2));
}

/// Over the model's own box e^w ∈ [1/2, 2]: λ = 3/2, m = 1 (derived in
/// `rlct::models::rbm`), with a tree the checker accepts. Away from the
/// singular locus s = 1 the interaction I = A₁A₂ − B₁B₂ (A_j, B_j units)
/// is a coordinate in place of s₂₂ where s₁₂ stays away from 1: I is of
/// degree 1 in s₂₂, so where I and ∂I/∂s₂₂ vanish so does I(s₂₂ = 1) =
/// (unit)·(s₁₁ − 1)(s₂₁ − 1), and on either hyperplane ∂I/∂s₂₂ is
/// (unit)·(s₁₂ − 1) (release: about 7 s).
#[test]
fn two_hidden_units_over_the_model_box_are_exact_globally() {
    let model = restricted_boltzmann_machine(2, 2, RbmTruth::Independent).unwrap();
    let r = solve(&model, 120);
    let f = model.formula.as_ref().unwrap();
    assert_eq!(
        (r.status, &r.lambda, r.multiplicity),
        (Status::Exact, &f.lambda, f.multiplicity)
    );
    let tree = r.resolution.tree.as_ref().expect("a tree");
    let problem = rlct::parse(&model.text).unwrap();
    rlct::check::check_tree(&problem, tree).expect("the checker accepts the tree");
}
