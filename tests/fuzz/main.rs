//! The fuzzing harness: generated and mutated inputs (see `generate`) fed to
//! the parser, `analyze`, `estimate` and `check`, on stable Rust, in-process.
//!
//! What must hold for every input: no panic; no run past its time limit by
//! more than a second (two for the numeric side); every error the parser
//! gives names a line and column (for bytes that are not UTF-8, also the
//! byte offset); a result that is exact is a positive λ with m ≥ 1, and a
//! bound names its reasons. A crash (a stack overflow aborts the process)
//! cannot be caught in-process: each worker writes the input it is on to a
//! file first, so that one left behind names the culprit.
//!
//! `cargo test --test fuzz` runs a short fixed sample. The long run is
//!
//! ```sh
//! RLCT_FUZZ_INPUTS=1000000 RLCT_FUZZ_SEED=0 cargo test --release --test fuzz -- --ignored --nocapture
//! ```
//!
//! which writes every failing input to `fuzz-failures/` (or
//! `RLCT_FUZZ_DIR`) as a reproducer, with a `.txt` saying what failed, and
//! prints the count, the time and the seed range.

mod generate;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rlct::budget::Budget;
use rlct::{Error, Options, Status};

/// Time limit of one analysis or estimate.
const LIMIT: Duration = Duration::from_millis(200);

/// How far an input got, for the summary of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reached {
    SyntaxError,
    StoppedReading,
    BadProblem,
    Bound,
    Exact,
}

/// What went wrong with one input, if anything; else how far it got.
fn run_one(bytes: &[u8], n: u64) -> Result<Reached, String> {
    let parse_started = Instant::now();
    let parsed = Budget::new(Some(LIMIT), None).run(|| rlct::parse::parse_bytes(bytes));
    let took = parse_started.elapsed();
    if took > LIMIT + Duration::from_secs(1) {
        return Err(format!("parsing took {took:?}, limit {LIMIT:?}"));
    }
    let problem = match parsed {
        Err(_) => return Ok(Reached::StoppedReading), // a limit held
        Ok(Err(Error::Input { location, message })) => {
            // Only the size limit has no place to point at.
            let too_long = message.contains("bytes long; at most");
            return match location {
                Some(_) => Ok(Reached::SyntaxError),
                None if too_long => Ok(Reached::SyntaxError),
                None => Err(format!("a syntax error without a position: {message}")),
            };
        }
        Ok(Err(e)) => return Err(format!("the parser gave a non-input error: {e}")),
        Ok(Ok(p)) => p,
    };
    let options = Options {
        timeout: Some(LIMIT),
        max_memory: None,
        exploration: rlct::resolve::strategy::Limits {
            max_charts: 40,
            max_depth: 12,
        },
        ..Options::default()
    };
    let started = Instant::now();
    let result = rlct::analyze(&problem, &options);
    let took = started.elapsed();
    if took > LIMIT + Duration::from_secs(1) {
        return Err(format!("analyze took {took:?}, limit {LIMIT:?}"));
    }
    let exact = match result {
        Ok(r) => {
            let positive = r.lambda > rlct::poly::Rational::from_integer(0.into());
            if r.status == Status::Exact
                && !(positive && r.multiplicity >= 1 && r.reasons.is_empty())
            {
                return Err(format!(
                    "an exact result that is not one: λ = {}, m = {}",
                    r.lambda, r.multiplicity
                ));
            }
            if r.status == Status::Bound && r.reasons.is_empty() {
                return Err("a bound without a reason".into());
            }
            // The reports render (under the same kind of limit).
            let report =
                Budget::new(Some(LIMIT), None).run(|| rlct::report::json(&problem, &r, None));
            if let Ok(json) = report {
                serde_json::from_str::<serde_json::Value>(&json)
                    .map_err(|e| format!("invalid JSON: {e}"))?;
            }
            let _ = Budget::new(Some(LIMIT), None).run(|| {
                rlct::report::text(&problem, &r);
                rlct::report::markdown(&problem, &r, None);
                rlct::report::latex(&problem, &r, false, None);
                if let Some(t) = &r.resolution.tree {
                    rlct::report::tree_table(&problem, t);
                }
            });
            Some(r)
        }
        Err(Error::Input { message, .. })
            if problem.k_manifestly_nonnegative
                && message.contains("K (line")
                && message.contains("is negative") =>
        {
            return Err(format!(
                "a K that is ≥ 0 by its form refused as negative: {message}"
            ));
        }
        Err(Error::Unsupported(m)) if m.contains("internal") => return Err(m),
        Err(_) => None,
    };
    let reached = match &exact {
        Some(r) if r.status == Status::Exact => Reached::Exact,
        Some(_) => Reached::Bound,
        None => Reached::BadProblem,
    };
    // The numeric side, on every 16th input that parses, small.
    if n.is_multiple_of(16) {
        let settings = rlct::numeric::EstimateOptions {
            runs: 2,
            live: 20,
            decades: 3.0,
            ..Default::default()
        };
        let started = Instant::now();
        let estimate =
            Budget::new(Some(LIMIT), None).enter(|| rlct::numeric::estimate(&problem, &settings));
        let took = started.elapsed();
        if took > LIMIT + Duration::from_secs(2) {
            return Err(format!("estimate took {took:?}, limit {LIMIT:?}"));
        }
        // `check`: the two sides compared.
        if let (Some(r), Ok(e)) = (&exact, &estimate) {
            let a = rlct::numeric::compare(r, e);
            if a.z.is_nan() && e.lambda.is_finite() && e.std_error > 0.0 {
                return Err("the comparison of two finite numbers is NaN".into());
            }
        }
    }
    Ok(reached)
}

thread_local! {
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Panics are failures to record, not noise on standard error.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("panic: {info}");
        PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// What a worker is on: the input's number, since when.
type Busy = Option<(u64, Instant)>;

/// Runs inputs `first .. first + count` of `seed` on `threads` workers;
/// failures go to `dir` (when given) and are returned, with how many
/// inputs reached each stage.
fn fuzz(
    seed: u64,
    first: u64,
    count: u64,
    threads: usize,
    dir: Option<&Path>,
) -> (Vec<String>, String) {
    quiet_panics();
    let reached: Arc<Mutex<std::collections::BTreeMap<Reached, u64>>> = Arc::default();
    let next = Arc::new(AtomicU64::new(first));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let busy: Arc<Mutex<Vec<Busy>>> = Arc::new(Mutex::new(vec![None; threads]));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A watchdog for hangs that no limit ends: the input is saved, and the
    // run ends (a hang in-process cannot be unwound).
    let watchdog = {
        let (busy, done, dir) = (busy.clone(), done.clone(), dir.map(Path::to_path_buf));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                for (n, since) in busy.lock().unwrap().iter().flatten() {
                    if since.elapsed() > Duration::from_secs(30) {
                        let what = format!("input {n} of seed {seed} hangs (over 30 s)");
                        if let Some(d) = &dir {
                            save(d, seed, *n, &generate::input(seed, *n), &what);
                        }
                        eprintln!("{what}");
                        std::process::exit(1);
                    }
                }
            }
        })
    };
    let workers: Vec<_> = (0..threads)
        .map(|w| {
            let (next, failures, busy, dir) = (
                next.clone(),
                failures.clone(),
                busy.clone(),
                dir.map(Path::to_path_buf),
            );
            let reached = reached.clone();
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn(move || loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= first + count {
                        break;
                    }
                    if dir.is_some() && n > first && (n - first).is_multiple_of(50_000) {
                        println!("{} inputs so far", n - first);
                    }
                    let bytes = generate::input(seed, n);
                    let current = dir.as_ref().map(|d| d.join(format!(".current-{w}")));
                    if let Some(c) = &current {
                        let _ = std::fs::write(c, &bytes);
                    }
                    busy.lock().unwrap()[w] = Some((n, Instant::now()));
                    let outcome = std::panic::catch_unwind(|| run_one(&bytes, n));
                    busy.lock().unwrap()[w] = None;
                    let failure = match outcome {
                        Ok(Ok(stage)) => {
                            *reached.lock().unwrap().entry(stage).or_default() += 1;
                            None
                        }
                        Ok(Err(why)) => Some(why),
                        Err(_) => Some(
                            PANIC
                                .with(|p| p.borrow_mut().take())
                                .unwrap_or_else(|| "panic".into()),
                        ),
                    };
                    if let Some(why) = failure {
                        if let Some(d) = &dir {
                            save(d, seed, n, &bytes, &why);
                        }
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("input {n} of seed {seed}: {why}"));
                    }
                    if let Some(c) = &current {
                        let _ = std::fs::remove_file(c);
                    }
                })
                .expect("a worker starts")
        })
        .collect();
    for w in workers {
        w.join().expect("workers catch their panics");
    }
    done.store(true, Ordering::Relaxed);
    watchdog.join().unwrap();
    // The default hook again, for the test's own assertions.
    let _ = std::panic::take_hook();
    let f = failures.lock().unwrap().clone();
    let summary: Vec<String> = reached
        .lock()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k:?} {v}"))
        .collect();
    (f, summary.join(", "))
}

/// Writes a reproducer: the input, and what it did.
fn save(dir: &Path, seed: u64, n: u64, bytes: &[u8], why: &str) {
    let _ = std::fs::create_dir_all(dir);
    let base = dir.join(format!("seed{seed}-input{n}"));
    let _ = std::fs::write(base.with_extension("rlct"), bytes);
    let _ = std::fs::write(base.with_extension("txt"), format!("{why}\n"));
}

/// The short run of `cargo test`: a fixed sample, every input must pass.
#[test]
fn generated_inputs_hold_every_promise() {
    let (failures, summary) = fuzz(0, 0, 1500, 2, None);
    println!("{summary}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Inputs (seed, number) that a long run once failed on: computed numbers
/// of a million digits (`((4)^999)^1000`), points with 5000-digit
/// coordinates raised to high powers between two checkpoints (11 s at a
/// 0.2 s limit), a report cut short by the limit that panicked on the
/// command line (seed 0); Bernstein bounds of `w^999` on a box of width
/// 10⁻¹⁴ (seed 1); a factor to the power 0 reaching a leaf as 1/0, and
/// Sturm sequences of polynomials with thousand-digit coefficients while
/// K was being factored (seed 2).
const ONCE_FAILED: [(u64, u64); 20] = [
    (0, 127406),
    (0, 219508),
    (0, 243821),
    (0, 245134),
    (0, 305665),
    (0, 316867),
    (0, 366741),
    (0, 376009),
    (0, 459765),
    (0, 507864),
    (0, 519667),
    (0, 574082),
    (1, 217839),
    (1, 407730),
    (1, 990092),
    (2, 134595),
    (2, 299387),
    (2, 346292),
    (2, 378045),
    (2, 380399),
];

#[test]
fn inputs_that_once_failed_hold_now() {
    for (seed, n) in ONCE_FAILED {
        let bytes = generate::input(seed, n);
        if let Err(why) = run_one(&bytes, n) {
            panic!("input {n} of seed {seed}: {why}");
        }
        // The command line renders what it can, and ends with 0, 2 or 3
        // (or 1: a prior it cannot take yet), never 101 (a panic).
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
            .args(["-", "--timeout", "0.2", "--format", "json"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("rlct runs");
        {
            use std::io::Write;
            let _ = child.stdin.take().expect("piped").write_all(&bytes);
        }
        let started = Instant::now();
        let status = child.wait().expect("rlct ends");
        assert!(
            matches!(status.code(), Some(0..=3)),
            "input {n} of seed {seed}: exit {status:?}"
        );
        assert!(
            started.elapsed() < LIMIT + Duration::from_secs(3),
            "input {n} of seed {seed}: {:?}",
            started.elapsed()
        );
    }
}

/// The inputs the generator makes include the hard cases it is meant to:
/// deep nesting, invalid UTF-8, 64 coordinates.
#[test]
fn the_generator_reaches_the_corners() {
    let inputs: Vec<Vec<u8>> = (0..3000).map(|n| generate::input(0, n)).collect();
    assert!(inputs.iter().any(|b| std::str::from_utf8(b).is_err()));
    assert!(inputs
        .iter()
        .any(|b| b.windows(101).any(|w| w.iter().all(|&c| c == b'('))));
    assert!(inputs
        .iter()
        .any(|b| String::from_utf8_lossy(b).matches(',').count() > 60));
    assert!(inputs.iter().any(|b| b.contains(&b'\r')));
}

/// Writes input N of seed S to `fuzz-failures/seedS-inputN.rlct` (or under
/// `RLCT_FUZZ_DIR`), to look at one:
/// `RLCT_FUZZ_SHOW=S:N cargo test --test fuzz show_one_input -- --ignored`.
#[test]
#[ignore]
fn show_one_input() {
    let Ok(which) = std::env::var("RLCT_FUZZ_SHOW") else {
        println!("RLCT_FUZZ_SHOW=seed:input names the input to write out");
        return;
    };
    let (seed, n) = which.split_once(':').expect("seed:input");
    let (seed, n): (u64, u64) = (seed.parse().unwrap(), n.parse().unwrap());
    let dir =
        PathBuf::from(std::env::var("RLCT_FUZZ_DIR").unwrap_or_else(|_| "fuzz-failures".into()));
    save(&dir, seed, n, &generate::input(seed, n), "shown on request");
}

/// The long run (see the module's documentation).
#[test]
#[ignore]
fn long_fuzz_run() {
    let env = |k: &str, default: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let seed = env("RLCT_FUZZ_SEED", 0);
    let first = env("RLCT_FUZZ_FIRST", 0);
    let count = env("RLCT_FUZZ_INPUTS", 1_000_000);
    let threads = env("RLCT_FUZZ_THREADS", 2) as usize;
    let dir =
        PathBuf::from(std::env::var("RLCT_FUZZ_DIR").unwrap_or_else(|_| "fuzz-failures".into()));
    // A worker's input file left behind by an earlier run that crashed.
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(".current-") {
                let crashed = dir.join(format!("crash-{}.rlct", e.file_name().to_string_lossy()));
                let _ = std::fs::rename(e.path(), &crashed);
                eprintln!("an earlier run crashed on {}", crashed.display());
            }
        }
    }
    let started = Instant::now();
    let (failures, summary) = fuzz(seed, first, count, threads, Some(&dir));
    println!(
        "fuzzed {count} inputs (seed {seed}, inputs {first}..{}) in {:.0} s on {threads} threads ({summary}): {} failures{}",
        first + count,
        started.elapsed().as_secs_f64(),
        failures.len(),
        if failures.is_empty() { String::new() } else { format!(", reproducers in {}", dir.display()) }
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
