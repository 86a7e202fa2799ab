//! Solving a generated model in the tests of the `rlct model` families.

use rlct::models::{Agreement, Model};
use rlct::{analyze, Options, Status};

/// The model's problem (global, or local after `at_truth`) solved within
/// `seconds`.
pub fn solve(model: &Model, seconds: u64) -> rlct::Rlct {
    let options = Options {
        timeout: Some(std::time::Duration::from_secs(seconds)),
        ..Options::default()
    };
    analyze(
        &model.problem().expect("the generated file parses"),
        &options,
    )
    .unwrap()
}

/// Solves the model and asserts that it is exact, with the λ and m of its
/// formula (the literature's or the derived value), and reported as
/// agreeing with it.
pub fn assert_exact_and_agrees(model: &Model, seconds: u64) -> rlct::Rlct {
    let r = solve(model, seconds);
    let f = model.formula.as_ref().expect("an exact value");
    assert_eq!(
        (r.status, &r.lambda, r.multiplicity),
        (Status::Exact, &f.lambda, f.multiplicity),
        "{}: {}",
        model.name,
        f.source
    );
    assert_eq!(model.compare(&r), Some(Agreement::Agrees), "{}", model.name);
    r
}

/// Asserts that a result, exact or a bound, never contradicts the model's
/// formula or published bound: no bound below the value, no exact value
/// that differs.
pub fn assert_never_disagrees(model: &Model, r: &rlct::Rlct) {
    assert_ne!(
        model.compare(r),
        Some(Agreement::Disagrees),
        "{}",
        model.name
    );
}
