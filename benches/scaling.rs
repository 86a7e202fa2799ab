//! `cargo bench --bench scaling`: how far the engine scales on reduced rank
//! regression as the number of parameters H(M + N) grows. Each instance runs
//! in its own `rlct model rrr … --timing` process (so that its peak memory
//! is its own) with a time limit; the table shows the time, the charts
//! explored, the peak memory, the status and whether the result agrees with
//! Aoyagi and Watanabe (2005).
//!
//! `cargo bench --bench scaling -- SECONDS` sets the time limit (default 60).

use std::process::Command;

fn main() {
    let limit: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(60.0);
    let exe = env!("CARGO_BIN_EXE_rlct");
    // (M, N, H): square layers first grown in M = N, then in H.
    let shapes = [
        (1, 1, 1),
        (2, 2, 1),
        (3, 3, 1),
        (2, 2, 2),
        (4, 4, 1),
        (5, 5, 1),
        (3, 3, 2),
        (2, 2, 3),
        (6, 6, 1),
        (4, 4, 2),
        (3, 3, 3),
        (5, 5, 2),
        (2, 2, 4),
        (8, 8, 1),
        (3, 3, 4),
        (4, 4, 3),
        (6, 6, 2),
        (12, 12, 1),
        (5, 5, 3),
        (8, 8, 2),
        (4, 4, 4),
        (16, 16, 1),
    ];
    println!("time limit {limit} s per instance\n");
    println!(
        "{:>3} {:>3} {:>3} {:>2} {:>7}  {:>8} {:>7} {:>9}  {:<6} {:>8} {:>8}  agreement",
        "M", "N", "H", "r", "H(M+N)", "time", "charts", "memory", "status", "λ", "formula",
    );
    for (m, n, h) in shapes {
        for r in [0usize, 1] {
            let out = Command::new(exe)
                .args([
                    "model",
                    "rrr",
                    "--inputs",
                    &m.to_string(),
                    "--outputs",
                    &n.to_string(),
                    "--hidden",
                    &h.to_string(),
                    "--true-rank",
                    &r.to_string(),
                    "--format",
                    "json",
                    "--timing",
                    "--timeout",
                    &limit.to_string(),
                ])
                .output()
                .expect("rlct runs");
            let v: serde_json::Value = match serde_json::from_slice(&out.stdout) {
                Ok(v) => v,
                Err(_) => {
                    println!(
                        "{m:>3} {n:>3} {h:>3} {r:>2} {:>7}  failed: {}",
                        h * (m + n),
                        String::from_utf8_lossy(&out.stderr).trim()
                    );
                    continue;
                }
            };
            let memory = v["peak_memory_kib"]
                .as_u64()
                .map_or("?".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
            println!(
                "{m:>3} {n:>3} {h:>3} {r:>2} {:>7}  {:>7.2}s {:>7} {:>9}  {:<6} {:>8} {:>8}  {}",
                h * (m + n),
                v["elapsed_seconds"].as_f64().unwrap_or(f64::NAN),
                v["charts"].as_u64().unwrap_or(0),
                memory,
                v["status"].as_str().unwrap_or("?"),
                v["lambda"].as_str().unwrap_or("?"),
                v["model"]["formula"]["lambda"].as_str().unwrap_or("?"),
                v["model"]["formula"]["agreement"].as_str().unwrap_or("?"),
            );
        }
    }
}
