//! Renderings of a numerical estimate (`rlct estimate`).

use serde::Serialize;

use crate::numeric::{multiplicity_nearest, Estimate, ESTIMATOR};

/// The estimate as a short human summary; with a λ to test, also the
/// log-log coefficient fitted with λ held there.
pub fn estimate_text(e: &Estimate, given: Option<f64>) -> String {
    let o = &e.options;
    let tested = given.map_or(String::new(), |lambda| {
        let (mu, se) = e.loglog_given(lambda);
        format!(
            "with λ held at {lambda:.4}: μ ≈ {mu:.3} ± {se:.3}, nearest m = {}\n",
            multiplicity_nearest(mu)
        )
    });
    format!(
        "λ ≈ {:.4} ± {:.4}  ({ESTIMATOR}; statistical {:.4}, fit window {:.4})\n\
         log-log coefficient μ ≈ {:.3} ± {:.3}  ({})\n{tested}\
         λ without the log-log term ≈ {:.4} ± {:.4}\n\
         fit of ln V = λ·ln t + μ·ln(−ln t) + c over ln t ∈ [{:.1}, {:.1}]\n\
         {} runs × {} live points × {} steps, seed {}, {} evaluations of K{}\n\
         free energy slope: λ ≈ {:.4} ± {:.4}\n\
         thermodynamic (tempered posterior, sampled independently): λ ≈ {:.4} ± {:.4}, μ ≈ {:.2} ± {:.2}\n{}",
        e.lambda,
        e.std_error,
        e.statistical_error,
        e.systematic_error,
        e.loglog,
        e.loglog_std_error,
        if e.loglog_resolved {
            "estimates m − 1: near 0 for m = 1"
        } else {
            "not resolved by the runs: λ above is the fit without the log-log term"
        },
        e.lambda_without_loglog,
        e.lambda_without_loglog_std_error,
        e.window.1,
        e.window.0,
        o.runs,
        o.live,
        o.steps,
        o.seed,
        e.evaluations,
        match &e.stopped {
            Some(why) => format!(" (stopped: {why})"),
            None => String::new(),
        },
        e.free_energy_lambda.0,
        e.free_energy_lambda.1,
        e.tempered.lambda,
        e.tempered.std_error,
        e.tempered.loglog,
        e.tempered.loglog_std_error,
        free_energy_table(e)
    ) + &notes_text(&e.notes)
}

/// `notes:` and the notes, one a line (nothing without notes).
fn notes_text(notes: &[String]) -> String {
    let mut s = String::new();
    if !notes.is_empty() {
        s += "notes:\n";
        for n in notes {
            s += &format!("  - {n}\n");
        }
    }
    s
}

/// F_n at a few n of the ladder.
fn free_energy_table(e: &Estimate) -> String {
    let mut s = String::from("        n          F_n   ± s.e.\n");
    for (n, f, se) in e.free_energy.iter().step_by(4) {
        s += &format!("  {n:>9.3e}  {f:>9.4}   {se:.4}\n");
    }
    s
}

#[derive(Serialize)]
struct FreeEnergyJson {
    n: f64,
    free_energy: f64,
    std_error: f64,
}

#[derive(Serialize)]
struct EstimateJson {
    version: u32,
    lambda_estimate: f64,
    std_error: f64,
    statistical_error: f64,
    systematic_error: f64,
    estimator: &'static str,
    loglog_coefficient: f64,
    loglog_std_error: f64,
    /// The runs measure μ; without, λ is the fit without the log-log term.
    loglog_resolved: bool,
    lambda_without_loglog: f64,
    lambda_without_loglog_std_error: f64,
    window_ln_t: [f64; 2],
    free_energy: Vec<FreeEnergyJson>,
    free_energy_lambda: f64,
    free_energy_lambda_std_error: f64,
    thermodynamic_lambda_estimate: f64,
    thermodynamic_std_error: f64,
    thermodynamic_loglog_coefficient: f64,
    thermodynamic_loglog_std_error: f64,
    seed: u64,
    runs: usize,
    runs_completed: usize,
    live_points: usize,
    steps: usize,
    evaluations: u64,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    tested: Option<TestedJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<String>,
    notes: Vec<String>,
}

/// The log-log coefficient with λ held at a value to test.
#[derive(Serialize)]
struct TestedJson {
    given_lambda: f64,
    loglog_given_lambda: f64,
    loglog_given_lambda_std_error: f64,
    multiplicity_estimate: usize,
}

/// The estimate as one JSON object. Stable fields: `lambda_estimate`,
/// `std_error`, `estimator`.
pub fn estimate_json(e: &Estimate, given: Option<f64>) -> String {
    let o = &e.options;
    let tested = given.map(|lambda| {
        let (mu, se) = e.loglog_given(lambda);
        TestedJson {
            given_lambda: lambda,
            loglog_given_lambda: mu,
            loglog_given_lambda_std_error: se,
            multiplicity_estimate: multiplicity_nearest(mu),
        }
    });
    let out = EstimateJson {
        version: super::JSON_VERSION,
        lambda_estimate: e.lambda,
        std_error: e.std_error,
        statistical_error: e.statistical_error,
        systematic_error: e.systematic_error,
        estimator: ESTIMATOR,
        loglog_coefficient: e.loglog,
        loglog_std_error: e.loglog_std_error,
        loglog_resolved: e.loglog_resolved,
        lambda_without_loglog: e.lambda_without_loglog,
        lambda_without_loglog_std_error: e.lambda_without_loglog_std_error,
        window_ln_t: [e.window.1, e.window.0],
        free_energy: e
            .free_energy
            .iter()
            .map(|(n, f, se)| FreeEnergyJson {
                n: *n,
                free_energy: *f,
                std_error: *se,
            })
            .collect(),
        free_energy_lambda: e.free_energy_lambda.0,
        free_energy_lambda_std_error: e.free_energy_lambda.1,
        thermodynamic_lambda_estimate: e.tempered.lambda,
        thermodynamic_std_error: e.tempered.std_error,
        thermodynamic_loglog_coefficient: e.tempered.loglog,
        thermodynamic_loglog_std_error: e.tempered.loglog_std_error,
        seed: o.seed,
        runs: o.runs,
        runs_completed: e.runs_completed,
        live_points: o.live,
        steps: o.steps,
        evaluations: e.evaluations,
        tested,
        stopped: e.stopped.clone(),
        notes: e.notes.clone(),
    };
    serde_json::to_string_pretty(&out).expect("serialisable") + "\n"
}

/// Both sides and their agreement, for `rlct check`.
pub fn check_text(
    exact: &crate::residue::Rlct,
    e: &Estimate,
    a: &crate::numeric::Agreement,
) -> String {
    let relation = match exact.status {
        crate::residue::Status::Exact => "=",
        crate::residue::Status::Bound => "≤",
    };
    format!(
        "exact:    λ {relation} {} ({}), m = {}\nestimate: λ ≈ {:.4} ± {:.4}, log-log coefficient {:.2} ± {:.2} (m − 1 = {})\n\
         difference: {:+.2} standard errors, {:+.1}%: {}\n\
         multiplicity: with λ held at the exact value, μ ≈ {:.2} ± {:.2}, nearest m = {}: {}\n",
        super::rational_text(&exact.lambda),
        exact.status.as_str(),
        exact.multiplicity,
        e.lambda,
        e.std_error,
        e.loglog,
        e.loglog_std_error,
        exact.multiplicity.saturating_sub(1),
        a.z,
        100.0 * a.relative,
        if a.agrees { "agree" } else { "DISAGREE" },
        a.loglog_given.0,
        a.loglog_given.1,
        a.multiplicity_estimate,
        match (exact.status, &a.shadowed, a.multiplicity_agrees) {
            (crate::residue::Status::Bound, _, _) => "(λ is only a bound: not compared)".into(),
            (_, Some(p), _) => format!(
                "not testable here (the pole −{} of order {} is not yet small in the fit window)",
                super::rational_text(&p.lambda),
                p.order
            ),
            (_, None, true) if a.multiplicity_estimate != exact.multiplicity && a.fits_order => {
                format!(
                    "agree (V·t^−λ fits a polynomial of degree {} in ln(1/t), as a pole of order {} gives)",
                    exact.multiplicity - 1,
                    exact.multiplicity
                )
            }
            (_, None, true) => "agree".into(),
            (_, None, false) => "DISAGREE".into(),
        }
    ) + &e.stopped.as_ref().map_or(String::new(), |why| format!("the estimate stopped early: {why}\n"))
        + &notes_text(&e.notes)
}

#[derive(Serialize)]
struct CheckJson {
    version: u32,
    lambda: String,
    multiplicity: usize,
    status: &'static str,
    lambda_estimate: f64,
    std_error: f64,
    statistical_error: f64,
    systematic_error: f64,
    estimator: &'static str,
    loglog_coefficient: f64,
    loglog_std_error: f64,
    /// The runs measure μ; without, λ is the fit without the log-log term.
    loglog_resolved: bool,
    z: f64,
    relative_error: f64,
    agree: bool,
    loglog_given_lambda: f64,
    loglog_given_lambda_std_error: f64,
    multiplicity_estimate: usize,
    multiplicity_agree: bool,
    /// V·t^{−λ} fits a polynomial of degree m − 1 in ln(1/t).
    multiplicity_fits_order: bool,
    /// The pole that keeps μ from testing m, as "λ₂" and its order.
    #[serde(skip_serializing_if = "Option::is_none")]
    multiplicity_shadowed_by: Option<(String, usize)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<String>,
    notes: Vec<String>,
}

/// Both sides and their agreement as one JSON object.
pub fn check_json(
    exact: &crate::residue::Rlct,
    e: &Estimate,
    a: &crate::numeric::Agreement,
) -> String {
    let out = CheckJson {
        version: super::JSON_VERSION,
        lambda: super::rational_text(&exact.lambda),
        multiplicity: exact.multiplicity,
        status: exact.status.as_str(),
        lambda_estimate: e.lambda,
        std_error: e.std_error,
        statistical_error: e.statistical_error,
        systematic_error: e.systematic_error,
        estimator: ESTIMATOR,
        loglog_coefficient: e.loglog,
        loglog_std_error: e.loglog_std_error,
        loglog_resolved: e.loglog_resolved,
        z: a.z,
        relative_error: a.relative,
        agree: a.agrees,
        loglog_given_lambda: a.loglog_given.0,
        loglog_given_lambda_std_error: a.loglog_given.1,
        multiplicity_estimate: a.multiplicity_estimate,
        multiplicity_agree: a.multiplicity_agrees,
        multiplicity_fits_order: a.fits_order,
        multiplicity_shadowed_by: a
            .shadowed
            .as_ref()
            .map(|p| (super::rational_text(&p.lambda), p.order)),
        stopped: e.stopped.clone(),
        notes: e.notes.clone(),
    };
    serde_json::to_string_pretty(&out).expect("serialisable") + "\n"
}
