//! `cargo bench --bench estimates`: the numerical estimate at default
//! settings against exact values, in three tables (`-- known`, `-- scale`
//! or `-- coverage` prints one; `-- known WORD` the known cases whose id
//! contains WORD, `-- scale WORD` the models whose name contains WORD or
//! whose number of parameters is WORD).
//!
//! - **known**: every known case — estimate, standard error, difference in
//!   standard errors, relative error, the log-log coefficient (≈ m − 1)
//!   fitted freely and with λ held at the exact value, and the time.
//! - **scale**: reduced rank regressions and deep linear networks of 8 to
//!   64 parameters against their closed forms (Aoyagi–Watanabe 2005,
//!   Aoyagi 2024), with the CPU time of each estimate.
//! - **coverage**: 20 seeds on five models: how often λ ± 2 s.e. (and
//!   ± 3 s.e.) covers the exact value.

use std::time::Instant;

use num_traits::ToPrimitive;
use rlct::models::{deep_linear_network, reduced_rank_regression, Model};
use rlct::numeric::{estimate, Estimate, EstimateOptions};
use rlct::parse;

#[path = "../tests/common/cases.rs"]
mod cases;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let sections = ["known", "scale", "coverage"];
    let chosen: Vec<&str> = sections
        .iter()
        .copied()
        .filter(|s| args.iter().any(|a| a == s))
        .collect();
    let run = |s: &str| chosen.is_empty() || chosen.contains(&s);
    let filter = args.iter().find(|a| !sections.contains(&a.as_str()));
    if run("known") {
        known(filter.map(String::as_str));
    }
    if run("scale") {
        scale(filter.map(String::as_str));
    }
    if run("coverage") {
        coverage();
    }
}

/// CPU time of this thread, in seconds (the estimate runs on one thread).
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer for the call.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + 1e-9 * ts.tv_nsec as f64
}

fn exact_value(text: &str) -> f64 {
    text.parse::<rlct::poly::Rational>()
        .unwrap()
        .to_f64()
        .unwrap()
}

fn known(filter: Option<&str>) {
    let cases: Vec<_> = cases::load()
        .into_iter()
        .filter(|c| filter.is_none_or(|f| c.id.contains(f)))
        .collect();
    println!(
        "{:<28} {:>8} {:>8} {:>7} {:>6} {:>7}  {:>2} {:>12} {:>12} {:>7}",
        "case", "λ", "estimate", "s.e.", "z", "rel", "m", "μ (≈ m−1)", "μ | exact λ", "time"
    );
    let (mut agree, mut named, mut times) = (0, 0, Vec::new());
    for c in &cases {
        let problem = parse(&cases::render(c)).unwrap();
        let exact = exact_value(&c.lambda);
        let t = Instant::now();
        let e = estimate(&problem, &EstimateOptions::default()).unwrap();
        let dt = t.elapsed().as_secs_f64();
        times.push(dt);
        let given = e.loglog_given(exact);
        let z = (e.lambda - exact) / e.std_error;
        let rel = (e.lambda - exact) / exact;
        let ok = z.abs() <= 3.0 && rel.abs() <= 0.10;
        agree += usize::from(ok);
        named += usize::from(rlct::numeric::multiplicity_nearest(given.0) == c.m);
        println!(
            "{:<28} {:>8.4} {:>8.4} {:>7.4} {:>+6.1} {:>+6.1}%  {:>2} {:>+5.2} ± {:<4.2} {:>+5.2} ± {:<4.2} {:>6.2}s{}",
            c.id,
            exact,
            e.lambda,
            e.std_error,
            z,
            100.0 * rel,
            c.m,
            e.loglog,
            e.loglog_std_error,
            given.0,
            given.1,
            dt,
            if ok { "" } else { "  MISS" }
        );
    }
    times.sort_by(f64::total_cmp);
    println!(
        "\n{agree}/{} within 3 s.e. and 10 %; m named by μ | exact λ in {named}/{}; \
         time total {:.1} s, median {:.2} s, max {:.2} s\n",
        cases.len(),
        cases.len(),
        times.iter().sum::<f64>(),
        times[times.len() / 2],
        times.last().unwrap()
    );
}

/// The models of the scale table: (parameters, model).
fn scale_models() -> Vec<(usize, Model)> {
    let rrr = |m, n, h, r| reduced_rank_regression(m, n, h, r).unwrap();
    let dln = |w: &[usize], r| deep_linear_network(w, r).unwrap();
    vec![
        (8, rrr(2, 2, 2, 1)),
        (16, rrr(4, 4, 2, 1)),
        (32, rrr(4, 4, 4, 2)),
        (64, rrr(8, 8, 4, 2)),
        (8, dln(&[1, 2, 2, 1], 0)),
        (16, dln(&[2, 2, 3, 2], 0)),
        (32, dln(&[2, 4, 4, 2], 0)),
        (64, dln(&[4, 4, 4, 4, 4], 0)),
    ]
}

/// The time limit of one estimate in the scale table: what does not finish
/// in it is reported as stopped (with the runs finished).
const SCALE_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

/// One estimate at default settings (seed given), with its CPU time.
fn timed_estimate(model: &Model, seed: u64) -> (Result<Estimate, rlct::Error>, f64) {
    let problem = model.problem().unwrap();
    let options = EstimateOptions {
        seed,
        ..EstimateOptions::default()
    };
    let start = cpu_seconds();
    let budget = rlct::budget::Budget::new(Some(SCALE_LIMIT), None);
    let e = budget.enter(|| estimate(&problem, &options));
    (e, cpu_seconds() - start)
}

fn scale(filter: Option<&str>) {
    println!(
        "{:<26} {:>3} {:>7} {:>3} {:>8} {:>7} {:>6} {:>7} {:>8}",
        "model", "d", "λ", "m", "estimate", "s.e.", "z", "rel", "CPU"
    );
    let mut agree = 0;
    let models: Vec<_> = scale_models()
        .into_iter()
        .filter(|(d, m)| filter.is_none_or(|f| m.name.contains(f) || d.to_string() == f))
        .collect();
    for (d, model) in &models {
        let f = model.formula.as_ref().unwrap();
        let exact = f.lambda.to_f64().unwrap();
        let (e, cpu) = timed_estimate(model, 1);
        match e {
            Ok(e) => {
                let z = (e.lambda - exact) / e.std_error;
                let rel = (e.lambda - exact) / exact;
                let ok = z.abs() <= 3.0 && rel.abs() <= 0.10 && e.stopped.is_none();
                agree += usize::from(ok);
                println!(
                    "{:<26} {:>3} {:>7.3} {:>3} {:>8.3} {:>7.3} {:>+6.1} {:>+6.1}% {:>7.1}s{}{}",
                    model.name,
                    d,
                    exact,
                    f.multiplicity,
                    e.lambda,
                    e.std_error,
                    z,
                    100.0 * rel,
                    cpu,
                    if ok { "" } else { "  MISS" },
                    e.stopped.map(|why| format!(" ({why})")).unwrap_or_default()
                );
            }
            Err(why) => println!(
                "{:<26} {:>3} {:>7.3}  no estimate: {why}",
                model.name, d, exact
            ),
        }
    }
    println!(
        "\n{agree}/{} within 3 s.e. and 10 % (CPU: one thread, release)\n",
        models.len()
    );
}

fn coverage() {
    let models = [
        "vars x, y; K = x^2 + y^4;",
        "vars x, y; K = (y^2 - x^3)^2;",
        "vars x, y, z; K = (x*y*z)^2;",
    ];
    let mut problems: Vec<(String, rlct::Problem, f64)> = models
        .iter()
        .map(|src| {
            let p = parse(src).unwrap();
            let exact = rlct::analyze(&p, &Default::default()).unwrap();
            (src.to_string(), p, exact.lambda.to_f64().unwrap())
        })
        .collect();
    for m in [
        reduced_rank_regression(2, 2, 2, 1).unwrap(),
        deep_linear_network(&[1, 2, 2, 1], 0).unwrap(),
    ] {
        let exact = m.formula.as_ref().unwrap().lambda.to_f64().unwrap();
        problems.push((m.name.clone(), m.problem().unwrap(), exact));
    }
    const SEEDS: u64 = 20;
    println!(
        "{:<30} {:>7} {:>9} {:>8} {:>8} {:>8}",
        "model", "λ", "mean est", "mean se", "≤ 2 se", "≤ 3 se"
    );
    let (mut two, mut three, mut total) = (0, 0, 0);
    for (name, problem, exact) in &problems {
        let (mut c2, mut c3, mut sum, mut se) = (0, 0, 0.0, 0.0);
        for s in 0..SEEDS {
            // Seeds far apart: run r of an estimate uses seed + r.
            let options = EstimateOptions {
                seed: 1 + 1000 * s,
                ..EstimateOptions::default()
            };
            let e = estimate(problem, &options).unwrap();
            let z = ((e.lambda - exact) / e.std_error).abs();
            c2 += usize::from(z <= 2.0);
            c3 += usize::from(z <= 3.0);
            sum += e.lambda;
            se += e.std_error;
        }
        two += c2;
        three += c3;
        total += SEEDS as usize;
        println!(
            "{:<30} {:>7.4} {:>9.4} {:>8.4} {:>5}/{SEEDS} {:>5}/{SEEDS}",
            name,
            exact,
            sum / SEEDS as f64,
            se / SEEDS as f64,
            c2,
            c3
        );
    }
    println!(
        "\ncoverage: {two}/{total} = {:.0} % within 2 s.e., {three}/{total} = {:.0} % within 3 s.e.",
        100.0 * two as f64 / total as f64,
        100.0 * three as f64 / total as f64
    );
}
