//! `cargo bench --bench estimates`: for every known case, the numerical
//! estimate at default settings against the exact λ — estimate, standard
//! error, difference in standard errors, relative error, the log-log
//! coefficient (≈ m − 1) fitted freely and with λ held at the exact value,
//! and the time — with a summary.

use std::time::Instant;

use num_traits::ToPrimitive;
use rlct::numeric::{estimate, EstimateOptions};
use rlct::parse;

#[path = "../tests/common/cases.rs"]
mod cases;

fn main() {
    // `cargo bench --bench estimates -- WORD` runs the cases whose id contains WORD.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases: Vec<_> = cases::load()
        .into_iter()
        .filter(|c| filter.as_ref().is_none_or(|f| c.id.contains(f.as_str())))
        .collect();
    println!(
        "{:<28} {:>8} {:>8} {:>7} {:>6} {:>7}  {:>2} {:>12} {:>12} {:>7}",
        "case", "λ", "estimate", "s.e.", "z", "rel", "m", "μ (≈ m−1)", "μ | exact λ", "time"
    );
    let (mut agree, mut named, mut times) = (0, 0, Vec::new());
    for c in &cases {
        let problem = parse(&cases::render(c)).unwrap();
        let exact: f64 = c
            .lambda
            .parse::<rlct::poly::Rational>()
            .unwrap()
            .to_f64()
            .unwrap();
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
         time total {:.1} s, median {:.2} s, max {:.2} s",
        cases.len(),
        cases.len(),
        times.iter().sum::<f64>(),
        times[times.len() / 2],
        times.last().unwrap()
    );
}
