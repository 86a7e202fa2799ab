//! The `rlct` command: a thin shell over the library.

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use rlct::{analyze, parse, report, Options, Status};

/// Exact real log canonical thresholds (learning coefficients) λ and their
/// multiplicities m.
///
/// Exit codes: 0 exact, 3 bound only, 2 bad input, 1 internal error or unsupported.
#[derive(Parser, Debug)]
#[command(name = "rlct", version, about, long_about = None, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    solve: SolveArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Estimate λ numerically (never reading the resolution), with standard errors.
    Estimate(EstimateArgs),
    /// Run both sides, exact and numeric, and report whether they agree
    /// (exit 0) or not (exit 4).
    Check(EstimateArgs),
    /// Build K for a known singular model, solve it and compare with the
    /// literature's closed form (or print it as an input file with --emit).
    Model(ModelArgs),
}

#[derive(Args, Debug)]
struct ModelArgs {
    #[command(subcommand)]
    kind: ModelKind,
}

#[derive(Subcommand, Debug)]
enum ModelKind {
    /// Reduced rank regression y = B A x (Aoyagi and Watanabe 2005).
    Rrr {
        /// Number of inputs M.
        #[arg(long)]
        inputs: usize,
        /// Number of outputs N.
        #[arg(long)]
        outputs: usize,
        /// Number of hidden units H (the rank of the model).
        #[arg(long)]
        hidden: usize,
        /// Rank r of the true product B0 A0.
        #[arg(long, default_value_t = 0)]
        true_rank: usize,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Deep linear network y = W_L ⋯ W_1 x (Aoyagi 2024).
    Dln {
        /// Layer widths, input first: e.g. 2,3,2.
        #[arg(long, value_delimiter = ',', required = true)]
        widths: Vec<usize>,
        /// Rank r of the true product.
        #[arg(long, default_value_t = 0)]
        true_rank: usize,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Three-layer tanh network y = Σ a_h tanh(b_h x), true function 0 (Aoyagi).
    Tanh {
        /// Number of hidden units H.
        #[arg(long)]
        hidden: usize,
        #[command(flatten)]
        common: ModelCommon,
    },
}

#[derive(Args, Debug)]
struct ModelCommon {
    /// Print the model as an input file instead of solving it.
    #[arg(long)]
    emit: bool,
    #[command(flatten)]
    options: SolveOptions,
}

#[derive(Args, Debug)]
struct EstimateArgs {
    /// The input file, or `-` for standard input.
    file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Seed of the first run (run r uses seed + r).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().seed)]
    seed: u64,
    /// Independent runs.
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().runs)]
    runs: usize,
    /// Live points per run.
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().live)]
    live: usize,
    /// Slice-sampling steps per replacement (0: 2·(d + 1)).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().steps)]
    steps: usize,
    /// Decades of t covered below the top of the fit window.
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().decades)]
    decades: f64,
    /// Write the free energy curve, with the exact asymptote, as SVG to this file.
    #[arg(long)]
    plot: Option<String>,
    /// A λ to test (`5/12`, `0.4167`; from a paper, say): `estimate` also
    /// fits the log-log coefficient μ ≈ m − 1 with λ held there. (`check`
    /// holds it at the exact value.)
    #[arg(long, value_parser = parse_lambda)]
    lambda: Option<f64>,
}

/// A positive λ written as a rational or a decimal.
fn parse_lambda(s: &str) -> Result<f64, String> {
    let value = match s.parse::<rlct::poly::Rational>() {
        Ok(q) => num_traits::ToPrimitive::to_f64(&q),
        Err(_) => s.parse::<f64>().ok(),
    };
    match value {
        Some(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a positive number such as 5/12 or 0.25"
        )),
    }
}

/// Writes the free energy plot when asked, with the exact curve when it is known.
fn write_plot(
    args: &EstimateArgs,
    problem: &rlct::Problem,
    e: &rlct::numeric::Estimate,
    exact: Option<&rlct::Rlct>,
) -> Result<(), String> {
    let Some(path) = &args.plot else {
        return Ok(());
    };
    let computed;
    let exact = match exact {
        Some(r) => Some(r),
        None => {
            computed = analyze(problem, &Options::default()).ok();
            computed.as_ref()
        }
    };
    let label = exact.map(|r| {
        let rel = if r.status == Status::Exact {
            "="
        } else {
            "≤"
        };
        format!("λ {rel} {}, m = {}", r.lambda, r.multiplicity)
    });
    let exact = exact.zip(label.as_deref()).map(|(r, l)| {
        use num_traits::ToPrimitive;
        (r.lambda.to_f64().unwrap_or(f64::NAN), r.multiplicity, l)
    });
    let svg = report::free_energy_svg(e, exact, &format!("Free energy of {}", problem.k_text()));
    std::fs::write(path, svg).map_err(|err| format!("cannot write {path}: {err}"))
}

#[derive(Args, Debug)]
struct SolveArgs {
    /// The input file (see grammar/rlct.ebnf), or `-` for standard input.
    file: Option<String>,
    #[command(flatten)]
    options: SolveOptions,
}

/// How to solve and what to print: shared by files and models.
#[derive(Args, Debug, Clone)]
struct SolveOptions {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Largest number of zero sites analysed when the zero set is sampled.
    #[arg(long, default_value_t = 16)]
    max_sites: usize,
    /// Largest number of charts in the resolution tree.
    #[arg(long, default_value_t = 5000)]
    max_charts: usize,
    /// Largest depth of the resolution tree.
    #[arg(long, default_value_t = 40)]
    max_depth: usize,
    /// Time budget for the resolution, in seconds.
    #[arg(long, default_value_t = 60.0)]
    timeout: f64,
    /// Print the resolution tree as a table after the summary.
    #[arg(long)]
    tree: bool,
    /// Resolve by blow-ups even where the Newton polyhedron alone certifies the answer.
    #[arg(long)]
    always_resolve: bool,
    /// With --format latex: the body alone, to \input into a document.
    #[arg(long)]
    fragment: bool,
    /// Report the time taken (Markdown, LaTeX, JSON); without it reports are
    /// byte-for-byte reproducible.
    #[arg(long)]
    timing: bool,
    /// Write the output to this file instead of standard output (atomically:
    /// an interrupted run leaves no half-written file).
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
    /// Also draw the resolution tree as SVG to this file.
    #[arg(long)]
    svg_tree: Option<String>,
    /// Also draw the Newton polygon of a 2-variable K as SVG to this file.
    #[arg(long)]
    svg_newton: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// A short human summary.
    Text,
    /// One JSON object (stable fields: lambda, multiplicity, status, method).
    Json,
    /// The resolution tree as Graphviz DOT.
    Dot,
    /// A report for notes and GitHub: math in $…$, the resolution as a table.
    Markdown,
    /// A report for papers: a standalone LaTeX document (or --fragment).
    Latex,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Estimate(args)) => estimate(args),
        Some(Command::Check(args)) => check(args),
        Some(Command::Model(args)) => model(args),
        None => solve(cli.solve),
    }
}

/// Options for the numeric side; progress shows when standard error is a
/// terminal, and the first Ctrl-C stops after the current run (a second one
/// ends the program at once).
fn estimate_options(args: &EstimateArgs) -> rlct::numeric::EstimateOptions {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::Relaxed) {
            std::process::exit(130);
        }
        eprintln!("interrupted: finishing the current run (Ctrl-C again to quit)");
    });
    rlct::numeric::EstimateOptions {
        seed: args.seed,
        runs: args.runs,
        live: args.live,
        steps: args.steps,
        decades: args.decades,
        progress: std::io::stderr().is_terminal(),
        stop: Some(stop),
    }
}

fn check(args: EstimateArgs) -> ExitCode {
    let src = match read(&args.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let result = parse(&src).and_then(|p| {
        let exact = analyze(&p, &Options::default())?;
        let estimate = rlct::numeric::estimate(&p, &estimate_options(&args))?;
        Ok((p, exact, estimate))
    });
    match result {
        Ok((problem, exact, estimate)) => {
            if let Err(e) = write_plot(&args, &problem, &estimate, Some(&exact)) {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
            let agreement = rlct::numeric::compare(&exact, &estimate);
            match args.format {
                Format::Json => emit(&report::check_json(&exact, &estimate, &agreement)),
                _ => emit(&report::check_text(&exact, &estimate, &agreement)),
            }
            ExitCode::from(if agreement.agrees && agreement.multiplicity_agrees {
                0
            } else {
                4
            })
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.file);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn estimate(args: EstimateArgs) -> ExitCode {
    let src = match read(&args.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = estimate_options(&args);
    match parse(&src).and_then(|p| rlct::numeric::estimate(&p, &options).map(|e| (p, e))) {
        Ok((problem, e)) => {
            if let Err(err) = write_plot(&args, &problem, &e, None) {
                eprintln!("error: {err}");
                return ExitCode::from(1);
            }
            match args.format {
                Format::Json => emit(&report::estimate_json(&e, args.lambda)),
                _ => emit(&report::estimate_text(&e, args.lambda)),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", args.file);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn solve(args: SolveArgs) -> ExitCode {
    let Some(file) = args.file.clone() else {
        eprintln!("error: no input file (rlct FILE, or rlct --help)");
        return ExitCode::from(2);
    };
    let src = match read(&file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    solve_source(&src, &file, &args.options, None)
}

fn model(args: ModelArgs) -> ExitCode {
    let (built, common) = match &args.kind {
        ModelKind::Rrr {
            inputs,
            outputs,
            hidden,
            true_rank,
            common,
        } => (
            rlct::models::reduced_rank_regression(*inputs, *outputs, *hidden, *true_rank),
            common,
        ),
        ModelKind::Dln {
            widths,
            true_rank,
            common,
        } => (
            rlct::models::deep_linear_network(widths, *true_rank),
            common,
        ),
        ModelKind::Tanh { hidden, common } => (rlct::models::tanh_network(*hidden), common),
    };
    let m = match built {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if common.emit {
        return match &common.options.output {
            Some(path) => match write_atomic(path, &m.text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            },
            None => {
                emit(&m.text);
                ExitCode::SUCCESS
            }
        };
    }
    solve_source(&m.text, &m.name, &common.options, Some(&m))
}

/// Solves an input text (a file's, or a model's) and writes what was asked.
fn solve_source(
    src: &str,
    file: &str,
    cli: &SolveOptions,
    model: Option<&rlct::models::Model>,
) -> ExitCode {
    if !(cli.timeout.is_finite() && cli.timeout > 0.0) {
        eprintln!("error: --timeout must be a positive number of seconds");
        return ExitCode::from(2);
    }
    let options = Options {
        max_sites: cli.max_sites,
        exploration: rlct::resolve::strategy::Limits {
            max_charts: cli.max_charts,
            max_depth: cli.max_depth,
            timeout: std::time::Duration::from_secs_f64(cli.timeout),
        },
        always_resolve: cli.always_resolve,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let result = parse(src).and_then(|p| analyze(&p, &options).map(|r| (p, r)));
    let elapsed = cli.timing.then(|| report::Timing::since(started));
    match result {
        Ok((problem, r)) => {
            let tree = r.resolution.tree.as_ref();
            let no_tree = "no resolution tree: the Newton polyhedron certifies the result; add --always-resolve";
            let out = match cli.format {
                Format::Text => {
                    let mut out = report::text(&problem, &r);
                    if let Some(m) = model {
                        out = report::model_text(m, &r) + "\n" + &out;
                    }
                    if cli.tree {
                        match tree {
                            Some(t) => out += &format!("\n{}", report::tree_table(&problem, t)),
                            None => out += "\nno resolution tree: the Newton polyhedron certifies the result (--always-resolve builds one)\n",
                        }
                    }
                    out
                }
                Format::Json => match model {
                    Some(m) => report::model_json(&problem, &r, m, elapsed),
                    None => report::json(&problem, &r, elapsed),
                },
                Format::Markdown => report::markdown(&problem, &r, elapsed),
                Format::Latex => report::latex(&problem, &r, cli.fragment, elapsed),
                Format::Dot => match tree {
                    Some(t) => report::dot(&problem, t),
                    None => {
                        eprintln!("error: {no_tree}");
                        return ExitCode::from(2);
                    }
                },
            };
            match &cli.output {
                Some(path) => {
                    if let Err(e) = write_atomic(path, &out) {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                }
                None => emit(&out),
            }
            if let Some(path) = &cli.svg_tree {
                if let Err(e) =
                    report::tree_svg(&problem, &r).and_then(|svg| write_atomic(path, &svg))
                {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
            if let Some(path) = &cli.svg_newton {
                let svg = newton_site(&problem, &r, &options)
                    .and_then(|site| report::newton_svg(&problem, &r, &site));
                if let Err(e) = svg.and_then(|svg| write_atomic(path, &svg)) {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
            ExitCode::from(match r.status {
                Status::Exact => 0,
                Status::Bound => 3,
            })
        }
        Err(e) => {
            eprintln!("error: {file}: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// The site whose Newton polygon to draw: the one bounding λ if the analysis
/// used one, else the point of a local problem, else the origin.
fn newton_site(
    problem: &rlct::Problem,
    r: &rlct::Rlct,
    options: &Options,
) -> Result<rlct::resolve::Site, String> {
    if let Some(site) = r
        .resolution
        .sites
        .iter()
        .find(|s| s.certificate.lambda() == r.lambda)
        .or_else(|| r.resolution.sites.first())
    {
        return Ok(site.clone());
    }
    let origin = vec![rlct::poly::Rational::from_integer(0.into()); problem.dim()];
    let point = problem.point.clone().unwrap_or(origin);
    rlct::resolve::site_at(problem, &point, options).map_err(|e| {
        format!(
            "--svg-newton: the Newton polygon is drawn at a zero of K ({e}); choose one with `at`"
        )
    })
}

/// Writes a file whole or not at all: the text goes to a temporary file
/// beside it, which is then renamed over the target (atomic on POSIX).
fn write_atomic(path: &str, contents: &str) -> Result<(), String> {
    use std::io::Write;
    let target = std::path::Path::new(path);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .ok_or_else(|| format!("cannot write {path}: not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| format!("cannot write {path}: {e}"))
}

fn read(path: &str) -> Result<String, ExitCode> {
    let text = if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    text.map_err(|e| {
        eprintln!("error: cannot read {path}: {e}");
        ExitCode::from(2)
    })
}

/// Writes to standard output. A reader that went away (`rlct … | head`)
/// is not an error: the rest is dropped and the run ends as it would have.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            std::process::exit(1);
        }
    }
}
