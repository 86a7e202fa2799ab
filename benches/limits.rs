//! `cargo bench --bench limits`: whether the limits hold on hard inputs.
//!
//! Generates (deterministically) a few hundred inputs that are hard in the
//! ways users meet: expanded products of linear forms, dense powers, sums of
//! squares of many dense generators, local problems of models at their true
//! parameter, and problems in 20–40 variables; a share of them also goes to
//! `estimate` and `check`. Each runs in its own `rlct` process with
//! `--timeout T` for every T asked, and the table shows, per command and
//! limit, the exit codes, the largest overrun of the wall time over T and
//! the largest peak memory (as each process reports it). A run holds its
//! limit when it ends within T + 1 s (T + 2 s for the numeric commands),
//! under the memory budget, with exit 0, 2 or 3.
//!
//! `cargo bench --bench limits -- [--timeouts 2,5,20] [--only WORD]
//! [--max-memory 4G] [--save DIR] [--list]`: `--only` keeps the inputs
//! whose name contains WORD, `--save` writes every input that broke a limit
//! (or on which `check` found the sides disagreeing) to DIR, `--list`
//! prints the inputs' names and sizes without running them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rlct::poly::{Limits, Poly, Rational};

/// SplitMix64: small, deterministic, and good enough to vary inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
}

fn names(d: usize) -> Vec<String> {
    const FEW: [&str; 6] = ["x", "y", "z", "w", "v", "u"];
    if d <= FEW.len() {
        FEW[..d].iter().map(|s| s.to_string()).collect()
    } else {
        (1..=d).map(|i| format!("x{i}")).collect()
    }
}

fn q(n: i64) -> Rational {
    Rational::from_integer(n.into())
}

/// A random linear form with small integer coefficients, not zero.
fn linear_form(rng: &mut Rng, d: usize) -> Poly {
    loop {
        let mut p = Poly::zero(d);
        for i in 0..d {
            let c = rng.range(-3, 3);
            if c != 0 {
                p = p.add(&Poly::var(d, i).scale(&q(c)));
            }
        }
        if !p.is_zero() {
            return p;
        }
    }
}

/// A random polynomial with `terms` terms of degree 1 to `degree`, no constant.
fn dense(rng: &mut Rng, d: usize, degree: u32, terms: usize) -> Poly {
    let mut p = Poly::zero(d);
    for _ in 0..terms {
        let mut e = vec![0u32; d];
        let deg = 1 + rng.below(degree as usize) as u32;
        for _ in 0..deg {
            e[rng.below(d)] += 1;
        }
        let c = rng.range(-4, 4);
        if c != 0 {
            p = p.add(&Poly::monomial(e, q(c)));
        }
    }
    if p.is_zero() {
        Poly::var(d, 0)
    } else {
        p
    }
}

struct Input {
    name: String,
    text: String,
}

fn input(name: String, vars: &[String], k: &str, extra: &str) -> Input {
    Input {
        name,
        text: format!("vars {};\nK = {k};\n{extra}", vars.join(", ")),
    }
}

/// The inputs, in a fixed order.
fn inputs() -> Vec<Input> {
    let mut rng = Rng(13);
    let limits = Limits::default();
    let mut out = Vec::new();
    // Expanded products of 3–6 linear forms in 3–5 variables, squared.
    for i in 0..90 {
        let d = 3 + i % 3;
        let forms = 3 + (i / 3) % 4;
        let v = names(d);
        let mut p = Poly::one(d);
        for _ in 0..forms {
            p = p.mul(&linear_form(&mut rng, d), &limits).unwrap();
        }
        let k = p.mul(&p, &limits).unwrap();
        out.push(input(
            format!("product-{forms}-forms-{d}-vars-{i}"),
            &v,
            &k.display(&v).to_string(),
            "",
        ));
    }
    // Dense powers, written as powers.
    for i in 0..50 {
        let d = 2 + i % 4;
        let v = names(d);
        let l = linear_form(&mut rng, d);
        let e = [20, 30, 40, 60, 100][i % 5];
        let k = if i % 2 == 0 {
            format!("({})^{e}", l.display(&v))
        } else {
            let m = linear_form(&mut rng, d);
            format!("(({})^2 + ({})^2)^{}", l.display(&v), m.display(&v), e / 4)
        };
        out.push(input(format!("dense-power-{d}-vars-{e}-{i}"), &v, &k, ""));
    }
    // Sums of squares of many dense generators.
    for i in 0..70 {
        let d = 4 + i % 5;
        let v = names(d);
        let count = 5 + i % 11;
        let degree = 2 + (i % 2) as u32;
        let gens: Vec<String> = (0..count)
            .map(|_| {
                dense(&mut rng, d, degree, 3 + i % 6)
                    .display(&v)
                    .to_string()
            })
            .collect();
        out.push(input(
            format!("sos-{count}-dense-{d}-vars-{i}"),
            &v,
            &format!("sos({})", gens.join(", ")),
            "",
        ));
    }
    // Local problems of models at their true parameter.
    let rrr = [
        (2, 2, 2, 0),
        (2, 2, 2, 1),
        (2, 2, 3, 0),
        (2, 2, 3, 1),
        (2, 3, 2, 1),
        (3, 3, 2, 1),
        (3, 3, 3, 0),
        (3, 3, 3, 2),
        (2, 4, 3, 1),
        (4, 4, 2, 1),
        (2, 3, 3, 1),
        (3, 2, 2, 1),
        (1, 3, 2, 1),
    ];
    for (m, n, h, r) in rrr {
        let model = rlct::models::reduced_rank_regression(m, n, h, r).unwrap();
        for (variant, point) in [("truth", true), ("origin", false)] {
            let problem = model.problem().unwrap();
            let at: Vec<String> = problem
                .vars
                .iter()
                .map(|name| {
                    // A0 = B0 = diag(1/2, …, 1/2, 0, …) of rank r.
                    let digits: Vec<usize> = name[1..]
                        .split('_')
                        .flat_map(|s| {
                            if name.contains('_') {
                                vec![s.parse().unwrap()]
                            } else {
                                s.chars()
                                    .map(|c| c.to_digit(10).unwrap() as usize)
                                    .collect()
                            }
                        })
                        .collect();
                    let diagonal = digits[0] == digits[1] && digits[0] <= r;
                    let value = if point && diagonal { "1/2" } else { "0" };
                    format!("{name} = {value}")
                })
                .collect();
            out.push(Input {
                name: format!("local-rrr-{m}-{n}-{h}-{r}-{variant}"),
                text: format!("{}at {};\n", model.text, at.join(", ")),
            });
        }
    }
    for (widths, r) in [
        (vec![2, 2, 2], 1),
        (vec![2, 3, 2], 1),
        (vec![3, 2, 3], 1),
        (vec![2, 2, 2, 2], 1),
        (vec![3, 3, 3], 2),
        (vec![2, 2, 2], 0),
        (vec![3, 3, 2], 1),
        (vec![2, 2, 2, 2, 2], 1),
        (vec![4, 2, 4], 1),
        (vec![3, 3, 3, 3], 1),
    ] {
        let model = rlct::models::deep_linear_network(&widths, r).unwrap();
        let problem = model.problem().unwrap();
        let layers = widths.len() - 1;
        let at: Vec<String> = problem
            .vars
            .iter()
            .map(|name| {
                let layer = name.as_bytes()[0] - b'a';
                let digits: Vec<usize> = name[1..]
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .map(|c| c as usize)
                    .collect();
                let diagonal = digits[0] == digits[1] && digits[0] <= r;
                let _ = layer;
                format!("{name} = {}", if diagonal { "1/2" } else { "0" })
            })
            .collect();
        let list: Vec<String> = widths.iter().map(usize::to_string).collect();
        out.push(Input {
            name: format!("local-dln-{}-{r}-{layers}-layers", list.join("-")),
            text: format!("{}at {};\n", model.text, at.join(", ")),
        });
    }
    // 20–40 variables.
    for i in 0..50 {
        let d = 20 + (i * 7) % 21;
        let v = names(d);
        let text = match i % 4 {
            0 => {
                // A dense quadratic form, squared.
                let mut f = Poly::zero(d);
                for a in 0..d {
                    for b in a..d {
                        if rng.below(3) == 0 {
                            let e: Vec<u32> = (0..d)
                                .map(|j| u32::from(j == a) + u32::from(j == b))
                                .collect();
                            f = f.add(&Poly::monomial(e, q(rng.range(-3, 3))));
                        }
                    }
                }
                format!("({})^2", f.display(&v))
            }
            1 => {
                let gens: Vec<String> = (0..d / 2)
                    .map(|_| dense(&mut rng, d, 2, 6).display(&v).to_string())
                    .collect();
                format!("sos({})", gens.join(", "))
            }
            2 => {
                let gens: Vec<String> = (0..d)
                    .map(|_| {
                        let a = linear_form(&mut rng, d);
                        let b = linear_form(&mut rng, d);
                        a.mul(&b, &limits).unwrap().display(&v).to_string()
                    })
                    .take(8)
                    .collect();
                format!("sos({})", gens.join(", "))
            }
            _ => {
                let terms: Vec<String> = (0..d)
                    .map(|j| format!("{}^{}", v[j], 2 * (1 + j % 3)))
                    .collect();
                let cross = dense(&mut rng, d, 2, 10);
                format!("{} + ({})^2", terms.join(" + "), cross.display(&v))
            }
        };
        out.push(input(format!("many-vars-{d}-{i}"), &v, &text, ""));
    }
    for (m, n, h, r) in [
        (4, 4, 3, 1),
        (5, 5, 2, 1),
        (3, 5, 3, 2),
        (4, 6, 2, 1),
        (5, 5, 3, 0),
    ] {
        let model = rlct::models::reduced_rank_regression(m, n, h, r).unwrap();
        out.push(Input {
            name: format!("many-vars-rrr-{m}-{n}-{h}-{r}"),
            text: model.text,
        });
    }
    for h in [6, 8, 10] {
        let model = rlct::models::tanh_network(h).unwrap();
        out.push(Input {
            name: format!("many-vars-tanh-{h}"),
            text: model.text,
        });
    }
    out
}

/// What one run did.
struct Run {
    command: &'static str,
    name: String,
    timeout: f64,
    wall: f64,
    peak_kib: u64,
    code: Option<i32>,
}

/// Runs `rlct ARGS` on `text` (standard input), timing it; its peak memory
/// is the one the process reports (wait4's would include this bench's own,
/// inherited at the fork).
fn run(exe: &Path, args: &[String], text: &str, threads: Option<usize>) -> (f64, u64, Option<i32>) {
    let started = Instant::now();
    let mut command = Command::new(exe);
    if let Some(t) = threads {
        command.env("RAYON_NUM_THREADS", t.to_string());
    }
    let mut child = command
        .args(args)
        .env("RLCT_REPORT_PEAK_MEMORY", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rlct runs");
    {
        let mut stdin = child.stdin.take().expect("piped");
        let _ = stdin.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().expect("rlct ends");
    let wall = started.elapsed().as_secs_f64();
    let err = String::from_utf8_lossy(&out.stderr);
    let peak_kib = err
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|l| l.strip_suffix(" KiB"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (wall, peak_kib, out.status.code())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let timeouts: Vec<f64> = value("--timeouts")
        .unwrap_or_else(|| "2,5,20".into())
        .split(',')
        .map(|t| t.parse().expect("a number of seconds"))
        .collect();
    let only = value("--only");
    let memory = value("--max-memory").unwrap_or_else(|| "4G".into());
    let budget_kib = rlct::budget::parse_bytes(&memory).expect("a memory size") / 1024;
    let save = value("--save");
    let jobs: usize = value("--jobs").map_or(1, |j| j.parse().expect("a number of jobs"));
    let all = inputs();
    let chosen: Vec<&Input> = all
        .iter()
        .filter(|i| only.as_ref().is_none_or(|w| i.name.contains(w.as_str())))
        .collect();
    if let Some(dir) = value("--dump") {
        std::fs::create_dir_all(&dir).expect("a folder");
        for i in &chosen {
            std::fs::write(format!("{dir}/{}.rlct", i.name), &i.text).expect("written");
        }
        println!("{} inputs written to {dir}", chosen.len());
        return;
    }
    if args.iter().any(|a| a == "--list") {
        for i in &chosen {
            println!("{:<40} {:>9} bytes", i.name, i.text.len());
        }
        println!("{} inputs", chosen.len());
        return;
    }
    println!(
        "{} inputs, time limits {:?} s, memory budget {memory}, {jobs} at a time",
        chosen.len(),
        timeouts
    );
    // Every (command, input, limit), in order; every fifth input also goes
    // to the numeric side.
    let mut plan: Vec<(&'static str, &Input, f64)> = Vec::new();
    for &t in &timeouts {
        for (n, input) in chosen.iter().enumerate() {
            let commands: &[&'static str] = if n % 5 == 0 {
                &["solve", "estimate", "check"]
            } else {
                &["solve"]
            };
            for &command in commands {
                plan.push((command, input, t));
            }
        }
    }
    // A copy of the binary: a rebuild during the hours a full run takes
    // must not change what is measured.
    let exe: PathBuf = std::env::temp_dir().join(format!("rlct-limits-{}", std::process::id()));
    std::fs::copy(env!("CARGO_BIN_EXE_rlct"), &exe).expect("the binary copies");
    let next = std::sync::atomic::AtomicUsize::new(0);
    let runs = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(command, input, t)) = plan.get(i) else {
                    break;
                };
                let mut a: Vec<String> = Vec::new();
                if command != "solve" {
                    a.push(command.into());
                }
                a.extend(["-".into(), "--timeout".into(), t.to_string()]);
                a.extend(["--max-memory".into(), memory.clone()]);
                let threads = (jobs > 1).then_some(1);
                let (wall, peak_kib, code) = run(&exe, &a, &input.text, threads);
                let r = Run {
                    command,
                    name: input.name.clone(),
                    timeout: t,
                    wall,
                    peak_kib,
                    code,
                };
                if !holds(&r, budget_kib) {
                    println!(
                        "  broke a limit: {} {} --timeout {t}: {:.2} s, {} MiB, exit {:?}",
                        command,
                        input.name,
                        wall,
                        peak_kib / 1024,
                        code
                    );
                }
                let disagree = r.command == "check" && r.code == Some(4);
                if disagree {
                    println!("  sides disagree: check {} --timeout {t}", input.name);
                }
                if let (Some(dir), true) = (&save, disagree || !holds(&r, budget_kib)) {
                    let _ = std::fs::create_dir_all(dir);
                    let _ = std::fs::write(format!("{dir}/{}.rlct", input.name), &input.text);
                }
                runs.lock().unwrap().push(r);
            });
        }
    });
    let runs = runs.into_inner().unwrap();
    let _ = std::fs::remove_file(&exe);
    println!(
        "\n{:<9} {:>7} {:>5}  {:>5} {:>5} {:>5} {:>5} {:>5}  {:>9} {:>9} {:>9}  {:>9}  {:>6}",
        "command",
        "limit",
        "runs",
        "exit0",
        "exit2",
        "exit3",
        "exit4",
        "other",
        "p50 over",
        "p99 over",
        "max over",
        "max MiB",
        "broke"
    );
    for command in ["solve", "estimate", "check"] {
        for &t in &timeouts {
            let rs: Vec<&Run> = runs
                .iter()
                .filter(|r| r.command == command && r.timeout == t)
                .collect();
            if rs.is_empty() {
                continue;
            }
            let count = |c: i32| rs.iter().filter(|r| r.code == Some(c)).count();
            let other = rs
                .iter()
                .filter(|r| !matches!(r.code, Some(0) | Some(2) | Some(3) | Some(4)))
                .count();
            let mut over: Vec<f64> = rs.iter().map(|r| r.wall - r.timeout).collect();
            over.sort_by(f64::total_cmp);
            let pick = |p: f64| over[((over.len() - 1) as f64 * p).round() as usize];
            let memory = rs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
            let broke = rs.iter().filter(|r| !holds(r, budget_kib)).count();
            println!(
                "{:<9} {:>6}s {:>5}  {:>5} {:>5} {:>5} {:>5} {:>5}  {:>8.2}s {:>8.2}s {:>8.2}s  {:>9.1}  {:>6}",
                command,
                t,
                rs.len(),
                count(0),
                count(2),
                count(3),
                count(4),
                other,
                pick(0.5),
                pick(0.99),
                over.last().copied().unwrap_or(0.0),
                memory as f64 / 1024.0,
                broke
            );
        }
    }
    let mut worst: Vec<&Run> = runs.iter().collect();
    worst.sort_by(|a, b| (b.wall - b.timeout).total_cmp(&(a.wall - a.timeout)));
    println!("\nlargest overruns:");
    for r in worst.iter().take(8) {
        println!(
            "  {:+.2} s  {} {} --timeout {} (exit {:?}, {:.1} MiB)",
            r.wall - r.timeout,
            r.command,
            r.name,
            r.timeout,
            r.code,
            r.peak_kib as f64 / 1024.0
        );
    }
    let broke = runs.iter().filter(|r| !holds(r, budget_kib)).count();
    println!("\n{} runs, {broke} broke a limit", runs.len());
}

/// Whether a run held its limits. `check` may also end with 4: both sides
/// finished in time and disagree (on inputs this hard, a numeric side of a
/// second or two is often off, and its multiplicity evidence is biased by a
/// pole close behind λ), which is an answer, not a broken limit.
fn holds(r: &Run, budget_kib: u64) -> bool {
    let grace = if r.command == "solve" { 1.0 } else { 2.0 };
    r.wall <= r.timeout + grace
        && r.peak_kib <= budget_kib
        && (matches!(r.code, Some(0) | Some(2) | Some(3))
            || r.command == "check" && r.code == Some(4))
}
