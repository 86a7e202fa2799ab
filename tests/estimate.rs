//! The numeric estimate against exact values from the sources, with fixed
//! seeds and small budgets (fast in debug mode). Tolerance: 3 standard
//! errors and 10 % relative.

mod common;

use rlct::numeric::{estimate, EstimateOptions};
use rlct::parse;

fn small() -> EstimateOptions {
    EstimateOptions {
        seed: 7,
        runs: 6,
        live: 300,
        steps: 0,
        decades: 14.0,
        ..EstimateOptions::default()
    }
}

fn check(src: &str, lambda: f64) -> rlct::numeric::Estimate {
    let e = estimate(&parse(src).unwrap(), &small()).unwrap();
    let z = (e.lambda - lambda) / e.std_error;
    assert!(
        z.abs() <= 3.0,
        "{src}: {} ± {} vs {lambda}",
        e.lambda,
        e.std_error
    );
    assert!(
        ((e.lambda - lambda) / lambda).abs() <= 0.10,
        "{src}: {} vs {lambda}",
        e.lambda
    );
    e
}

#[test]
fn regular_quasi_homogeneous_and_singular_cases() {
    check("vars x, y; K = x^2 + y^2;", 1.0); // regular: d/2
    check("vars x, y; K = x^2 + y^4;", 0.75); // 1/2 + 1/4
    check("vars x, y; K = (y^2 - x^3)^2;", 5.0 / 12.0); // the cusp
    check("vars x, y; K = (x - y)^2;", 0.5); // a smooth curve of zeros
}

#[test]
fn the_log_log_coefficient_separates_multiplicities() {
    // m = 2 for x²y² (λ = 1/2), m = 1 for x² + y⁴: μ estimates m − 1.
    let two = check("vars x, y; K = x^2*y^2;", 0.5);
    let one = check("vars x, y; K = x^2 + y^4;", 0.75);
    assert!(
        two.loglog - 3.0 * two.loglog_std_error > 0.2,
        "μ = {} ± {}",
        two.loglog,
        two.loglog_std_error
    );
    assert!(
        one.loglog.abs() < 3.0 * one.loglog_std_error + 0.2,
        "μ = {} ± {}",
        one.loglog,
        one.loglog_std_error
    );
}

#[test]
fn with_the_exact_lambda_held_the_log_log_coefficient_gives_m() {
    // The free fit trades μ against λ; held at the exact λ, μ is sharp
    // enough to name m even where the free fit cannot (the Newton vertex
    // on the diagonal, m = 2, whose free μ is about 0.5). It is still
    // biased low when m > 1 (V ≈ t^λ·(c·L^{m−1} + c′·L^{m−2}), L = ln 1/t,
    // moves μ by about c′/(c·L)), so only the nearest m is asserted. Exact values:
    // monomials and Newton polygons (Watanabe 2009, Lin 2011), the cusp.
    for (src, lambda, m) in [
        ("vars x, y; K = x^2*y^2;", 0.5, 2),
        ("vars x, y; K = x^4 + x^2*y^2 + y^6;", 0.5, 2),
        ("vars x, y, z; K = x^2*y^2*z^2;", 0.5, 3),
        ("vars x, y; K = (y^2 - x^3)^2;", 5.0 / 12.0, 1),
        ("vars x, y; K = x^2 + y^4;", 0.75, 1),
    ] {
        let e = estimate(&parse(src).unwrap(), &small()).unwrap();
        let (mu, se) = e.loglog_given(lambda);
        assert_eq!(
            rlct::numeric::multiplicity_nearest(mu),
            m,
            "{src}: μ = {mu} ± {se}"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_estimate() {
    let src = "vars x, y; K = x^2 + y^4;";
    let a = estimate(&parse(src).unwrap(), &small()).unwrap();
    let b = estimate(&parse(src).unwrap(), &small()).unwrap();
    assert_eq!(a.lambda.to_bits(), b.lambda.to_bits());
}

#[test]
fn the_json_interface() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .arg("estimate")
        .arg(common::root().join("examples/cusp.rlct"))
        .args(["--format", "json", "--runs", "4", "--live", "150"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["lambda_estimate"].as_f64().is_some());
    assert!(v["std_error"].as_f64().unwrap() > 0.0);
    assert_eq!(v["estimator"], "nested-sampling volume scaling");
}

#[test]
fn check_agrees_on_a_known_case() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .arg("check")
        .arg(common::root().join("examples/regular.rlct"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["agree"], true);
    assert_eq!(v["lambda"], "1");
    assert_eq!(v["multiplicity_estimate"], 1);
    assert_eq!(v["multiplicity_agree"], true);
}

#[test]
fn the_free_energy_plot_is_an_svg_with_the_exact_curve() {
    let path = std::env::temp_dir().join(format!("rlct-plot-{}.svg", std::process::id()));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .arg("estimate")
        .arg(common::root().join("examples/quasi-homogeneous.rlct"))
        .args(["--runs", "3", "--live", "100", "--plot"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let svg = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(
        svg.contains("exact: λ = 3/4, m = 1"),
        "the exact curve is labelled"
    );
    assert!(svg.contains("<polyline") && svg.matches("<circle").count() >= 20);
}

#[test]
fn the_thermodynamic_estimator_agrees_on_simple_cases() {
    // Sampled independently of the nested sampler and noisier: default
    // settings, and 4 standard errors here.
    for (src, lambda) in [
        ("vars x, y; K = x^2 + y^2;", 1.0),
        ("vars x, y; K = (y^2 - x^3)^2;", 5.0 / 12.0),
    ] {
        let e = estimate(&parse(src).unwrap(), &EstimateOptions::default()).unwrap();
        let t = &e.tempered;
        assert!(
            ((t.lambda - lambda) / t.std_error).abs() <= 4.0,
            "{src}: {} ± {}",
            t.lambda,
            t.std_error
        );
        assert!(
            ((t.lambda - lambda) / lambda).abs() <= 0.15,
            "{src}: {}",
            t.lambda
        );
    }
}

#[test]
fn a_budget_that_runs_out_ends_the_estimate_promptly() {
    // Default settings take seconds here; 0.2 s cuts them short.
    let budget = rlct::budget::Budget::new(Some(std::time::Duration::from_millis(200)), None);
    let started = std::time::Instant::now();
    let problem = parse("vars x, y, z; K = (x*y - z)^2;").unwrap();
    let result = budget.enter(|| estimate(&problem, &EstimateOptions::default()));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    match result {
        Ok(e) => assert!(e.stopped.is_some() && e.runs_completed >= 2 && e.lambda.is_finite()),
        Err(e) => assert_eq!(e.exit_code(), 3, "{e}"),
    }
}
