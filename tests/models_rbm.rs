//! Restricted Boltzmann machines (`rlct model rbm`): the generators' K
//! solved by the engine against values derived by hand in
//! `rlct::models::rbm` (Aoyagi's theorems could not be read; every value here
//! is a derivation, written out in that module's documentation).

mod common;

use common::models::{assert_exact_and_agrees, assert_never_disagrees, solve};
use rlct::models::{restricted_boltzmann_machine, RbmTruth};
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

/// The same machine over a smaller box, z and o in [−1/4, 1/4]: the
/// derivation (`rlct::models::rbm`) holds for any box with the truth inside,
/// so λ = 3/2, m = 1 there too, over the whole box, with a tree the checker
/// accepts.
#[test]
fn two_hidden_units_over_a_smaller_box_are_exact_globally() {
    let model = restricted_boltzmann_machine(2, 2, RbmTruth::Independent).unwrap();
    let text = model.text.replace("[-1/2, 1/2]", "[-1/4, 1/4]");
    assert!(text.contains("z11 in [-1/4, 1/4]"));
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

/// Three visible and two hidden units (11 parameters), at the uniform and
/// the biased independent truths: λ = 3, m = 3, derived by hand
/// (`rlct::models::rbm`), over the model's box and at the true parameter,
/// with trees the checker verifies leaf by leaf. The first exact learning
/// coefficient of a Boltzmann machine with two hidden units and more than
/// two visible ones that we know of (release: about 1 s each).
#[test]
fn three_visible_and_two_hidden_units_are_exact() {
    for truth in [RbmTruth::Independent, RbmTruth::Biased] {
        let model = restricted_boltzmann_machine(3, 2, truth).unwrap();
        for m in [model.clone(), model.at_truth()] {
            let r = assert_exact_and_agrees(&m, 120);
            let tree = r.resolution.tree.as_ref().expect("a tree");
            let report = rlct::check::check_tree(&m.problem().unwrap(), tree)
                .expect("the checker accepts the tree");
            assert_eq!(report.monomial_part, 0, "{}: {report:?}", m.name);
        }
    }
}

/// Instances without a derived value, or a bound still: the dependent
/// truths over the whole box (M = 3, H = 1: λ ≤ 7 against the derived 7/2,
/// which the local problem attains) and with two hidden units. What must
/// hold: no answer contradicts the derived value (an exact one equal to it,
/// a bound not below it).
#[test]
#[ignore = "about 90 s in release: five runs to their 20 s limit"]
fn two_hidden_units_and_dependent_truths_never_contradict_the_derivation() {
    for (m, h, truth) in [
        (2, 1, RbmTruth::OneUnit),
        (2, 2, RbmTruth::OneUnit),
        (3, 1, RbmTruth::OneUnit),
        (3, 2, RbmTruth::OneUnit),
        (4, 2, RbmTruth::Independent),
        (4, 1, RbmTruth::OneUnit),
    ] {
        let model = restricted_boltzmann_machine(m, h, truth).unwrap();
        let r = solve(&model, 20);
        assert_never_disagrees(&model, &r);
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
    // M >= 4 with two hidden units: M/2 from the biases, M/2 from the
    // exceptional divisor of the blow-up of z = 0, m = 1.
    assert_eq!(value(4, 2, RbmTruth::Independent), ("4".to_string(), 1));
    assert_eq!(value(6, 2, RbmTruth::Biased), ("6".to_string(), 1));
    assert!(rlct::models::rbm::rbm_formula(4, 3, RbmTruth::Independent).is_none());
}

#[test]
fn the_generated_k_is_the_model_written_out() {
    let m = restricted_boltzmann_machine(2, 1, RbmTruth::Independent).unwrap();
    // The singletons are the odds coordinates; theta_12's odds ratio is
    // G(12) = (1 - sigma)(1 - sigma z1)(1 - sigma z2) + sigma(1 + (1 - sigma) z1)(1 + (1 - sigma) z2)
    // = 1 + sigma (1 - sigma) z1 z2, with sigma = 1/2 + t.
    assert!(
        m.text
            .contains("K = sos(\n    o1,\n    o2,\n    (1 + (1/4 - t1^2)*(z11*z21)) - 1\n);"),
        "{}",
        m.text
    );
    assert!(m.text.contains("z11 in [-1/2, 1/2]"));
    assert!(m.text.contains("t1 in [-1/6, 1/6]"));
    assert!(m.text.contains(
        "Generated by `rlct model rbm --visible 2 --hidden 1 --truth independent --emit`"
    ));
    // A dependent truth: the odds generators. s_i1 = 3/2, sigma = 1/2:
    // z = (1/2)/(1 + 1/4) = 2/5, omega_i = beta_i (1 + sigma (s - 1)) = 5/4, and
    // P_00 = 2, P_10 = P_01 = 5/2, P_11 = 1 + 9/4 = 13/4 (sum 41/4): rho_11 = 13/8.
    let d = restricted_boltzmann_machine(2, 1, RbmTruth::OneUnit).unwrap();
    assert!(
        d.text
            .contains("(5/4 + o1)*(5/4 + o2)*(1 + (1/4 - t1^2)*(z11*z21)) - 13/8"),
        "{}",
        d.text
    );
    assert!(d.text.contains("q(11) = 13/41"), "{}", d.text);
    assert_eq!(d.at, "at z11 = 2/5, z21 = 2/5, o1 = 0, o2 = 0, t1 = 0;");
}

/// Three visible units and three hidden ones: the generator of θ_123 is
/// written in full (pairs suffice only up to two hidden units), and the
/// file parses within the limits (its K, expanded for the input checks,
/// does not: about 20 000 terms squared).
#[test]
fn three_hidden_units_keep_the_triple_interaction() {
    let m = restricted_boltzmann_machine(3, 3, RbmTruth::Independent).unwrap();
    assert!(!m.text.contains("Pairs suffice"));
    // c_3(σ) = σ(1 − σ)^3 − (1 − σ)σ^3 = σ(1 − σ)(1 − 2σ), and with
    // σ = 1/2 + t that is (1/4 − t²)·(−2t) (derived by hand).
    assert!(m.text.contains("(-2*t1)*(z11*z21*z31)"), "{}", m.text);
    m.problem().expect("the emitted file parses");
    let two = restricted_boltzmann_machine(3, 2, RbmTruth::Independent).unwrap();
    assert!(two.text.contains("Pairs suffice"));
    assert!(!two.text.contains("z11*z21*z31"));
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

/// Over the model's own box: λ = 3/2, m = 1 (derived in
/// `rlct::models::rbm`), with a tree the checker accepts (release: under
/// 1 s; 7 s in the exponential coordinates before the mean-field chart).
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
