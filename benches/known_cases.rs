//! `cargo bench`: for every known case, the time to the exact answer (best of
//! three runs) and the number of charts of the resolution tree (0 when the
//! Newton polyhedron certifies the answer alone), with totals and the median.
//! `cargo bench -- --always-resolve` times the blow-up engine on every case;
//! `cargo bench --bench known_cases -- --surfaces` runs tests/cases/surfaces.toml
//! (surface singularities and plane arrangements, globally and at the origin)
//! instead.

use std::time::{Duration, Instant};

use rlct::{analyze, parse, Options};

#[path = "../tests/common/cases.rs"]
mod cases;
use cases::render;

fn main() {
    let always_resolve = std::env::args().any(|a| a == "--always-resolve");
    let cases = if std::env::args().any(|a| a == "--surfaces") {
        cases::load_file("surfaces.toml")
    } else {
        cases::load()
    };
    let options = Options {
        always_resolve,
        ..Options::default()
    };
    println!(
        "{:<28} {:>3} {:>10} {:>7}  {:<6} {:>2}  status",
        "case", "d", "time", "charts", "λ", "m"
    );
    let mut times = Vec::new();
    let mut charts_total = 0;
    let mut wrong = 0;
    for c in &cases {
        let problem = parse(&render(c)).unwrap();
        let mut best = Duration::MAX;
        let mut result = None;
        for _ in 0..3 {
            let t = Instant::now();
            let r = analyze(&problem, &options).unwrap();
            best = best.min(t.elapsed());
            result = Some(r);
        }
        let r = result.unwrap();
        let charts = r.resolution.tree.as_ref().map_or(0, |t| t.nodes.len());
        charts_total += charts;
        let right = r.lambda.to_string() == c.lambda && r.multiplicity == c.m;
        wrong += usize::from(!right);
        println!(
            "{:<28} {:>3} {:>8.2}ms {:>7}  {:<6} {:>2}  {}{}",
            c.id,
            c.vars.len(),
            best.as_secs_f64() * 1e3,
            charts,
            r.lambda.to_string(),
            r.multiplicity,
            r.status.as_str(),
            if right { "" } else { "  WRONG" }
        );
        times.push(best);
    }
    times.sort();
    let total: Duration = times.iter().sum();
    println!(
        "\n{} cases ({} wrong): total {:.1} ms, median {:.2} ms, max {:.1} ms, {} charts in all",
        cases.len(),
        wrong,
        total.as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
        charts_total
    );
}
