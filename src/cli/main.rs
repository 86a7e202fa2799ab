//! The `rlct` command: a thin shell over the library.
//!
//! Every command runs under one [`Budget`]: its `--timeout` and
//! `--max-memory` cover reading the input, the analysis and the report.
//! When the budget runs out (or on Ctrl-C) the run ends with what it has —
//! the best bound so far, exit 3 — within about a second.

mod output;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use rlct::budget::{self, Budget};
use rlct::{analyze, report, Options, Status};

use output::{emit, warn, write_atomic};

/// The engine's heap is what the memory budget measures.
#[global_allocator]
static ALLOCATOR: rlct::budget::CountingAllocator = rlct::budget::CountingAllocator;

/// Exact real log canonical thresholds (learning coefficients) λ and their
/// multiplicities m.
///
/// Exit codes: 0 exact (check: the two sides agree), 3 only a bound is known
/// or the run was cut short by a limit, 2 bad input, 4 (check) the two sides
/// disagree, 1 internal error or unsupported.
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
    /// The reference set for learning-coefficient estimators: models of 2
    /// to 128 parameters with K as NumPy expressions and exact λ and m.
    Suite(SuiteArgs),
}

#[derive(Args, Debug)]
struct SuiteArgs {
    /// Output format: a table, or one JSON object with an `entries` array
    /// (K's generators as NumPy expressions and monomials, box, prior, truth).
    #[arg(long, value_enum, default_value_t = SuiteFormat::Text)]
    format: SuiteFormat,
    /// Only the entries with at most this many parameters.
    #[arg(long, value_name = "N")]
    max_params: Option<usize>,
    /// Only the entries of this family.
    #[arg(long, value_name = "NAME",
          value_parser = clap::builder::PossibleValuesParser::new(rlct::models::suite::FAMILIES))]
    family: Option<String>,
    /// Print the input file of the entry with this id instead (to solve it:
    /// `rlct suite --emit ID | rlct -`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["format", "max_params", "family"])]
    emit: Option<String>,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SuiteFormat {
    /// A table: id, d, λ, m, status, source.
    Text,
    /// One JSON object (schema `rlct-suite`), one entry per line.
    Json,
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
    /// Gaussian factor analysis Σ = Ω + ΛΛᵀ (Drton and Plummer 2017; Drton et al. 2025).
    ///
    /// The truth is Σ0 = I + L0 L0ᵀ with r true factors. Ω is eliminated
    /// (the file's λ is the model's minus p/2) unless --keep-noise.
    FactorAnalysis {
        /// Number of observed variables p.
        #[arg(long)]
        observed: usize,
        /// Number of factors k of the model (k < p).
        #[arg(long)]
        factors: usize,
        /// Number of true factors r ≤ k (the columns of L0).
        #[arg(long, default_value_t = 0)]
        true_factors: usize,
        /// The true loadings L0 (p×r): `generic`, `two` (one factor loading
        /// only the first two variables), or its entries row by row, e.g.
        /// 1/2,1/2,3/4,1/4.
        #[arg(long, default_value = "generic", value_parser = rlct::models::TrueLoadings::parse)]
        true_loadings: rlct::models::TrueLoadings,
        /// Keep the uniquenesses ω_i as coordinates in [1/2, 2] (loadings in
        /// [−1, 1]) instead of eliminating them.
        #[arg(long)]
        keep_noise: bool,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Gaussian latent tree/forest model (Drton, Lin, Weihs and Zwiernik 2017, via sBIC).
    ///
    /// Leaves observed, inner nodes hidden, one correlation per edge; the
    /// leaf variances are eliminated (the file's λ is the model's minus n/2).
    LatentTree {
        /// The forest as edges `a-b` (a lone label is an isolated observed
        /// node), e.g. 1-5,2-5,5-6,3-6,4-6. (Not `--tree`: that flag prints
        /// the resolution tree.)
        #[arg(long)]
        edges: String,
        /// The true subforest: `none`, or its edges with optional
        /// correlations, e.g. 1-5=1/2,2-5=2/3 (defaults 1/2, 2/3, 3/4, −1/2).
        #[arg(long, default_value = "none")]
        truth: String,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Naive Bayes (latent class model): a binary hidden class and n binary
    /// features, uniform prior (Rusakov and Geiger 2005, Theorem 4).
    NaiveBayes {
        /// Number of binary features n (2 to 10).
        #[arg(long)]
        features: usize,
        /// Number of hidden classes: 2, or 3 (then only a published bound,
        /// no closed form).
        #[arg(long, default_value_t = 2)]
        classes: usize,
        /// Categories R of every feature: 2 (binary), or 3 or more
        /// (two classes; stick-broken category probabilities with the
        /// uniform Dirichlet prior; truths independent and generic).
        #[arg(long, default_value_t = 2)]
        categories: usize,
        /// Type of the true distribution: independent (all features
        /// independent, one class), pair (only X1, X2 dependent) or generic
        /// (every feature dependent; n >= 3).
        #[arg(long, default_value = "generic")]
        truth: rlct::models::NaiveBayesTruth,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Latent Dirichlet allocation as a factorisation of stochastic matrices,
    /// uniform Dirichlet priors (Hayashi 2021).
    Lda {
        /// Vocabulary size M (at least 2).
        #[arg(long)]
        words: usize,
        /// Number of documents N (at least 2).
        #[arg(long)]
        documents: usize,
        /// Number of topics H of the model.
        #[arg(long)]
        topics: usize,
        /// Number of topics H0 of the truth (1 ≤ H0 ≤ min(M, N, H)).
        #[arg(long, default_value_t = 1)]
        true_topics: usize,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Finite mixture of K binomial, Poisson, multinomial, unit-variance
    /// normal (location) or normal location-scale components against a true
    /// mixture of K0 < K (values derived for two or three components against
    /// one, and for one trial; Drton and Plummer's upper bound where it
    /// applies).
    Mixture {
        /// Component family.
        #[arg(long, value_parser = ["binomial", "poisson", "multinomial", "normal", "normal-scale"])]
        family: String,
        /// Number of components K of the model (at least 2; K ≥ 3 weights
        /// by stick-breaking).
        #[arg(long)]
        components: usize,
        /// Number of components K0 of the truth (1 ≤ K0 < K), equal weights 1/K0.
        #[arg(long, default_value_t = 1)]
        true_components: usize,
        /// Trials N of each component (binomial, multinomial; 1 to 12).
        #[arg(long)]
        trials: Option<usize>,
        /// Categories M (multinomial; truth fixed, see the emitted header).
        #[arg(long)]
        categories: Option<usize>,
        /// The K0 true components' parameters (binomial probability, Poisson
        /// rate, normal mean), e.g. 1/3 or 1/4,3/4; default evenly spaced
        /// inside the box (Bin(N, 1/2), Poi(1), N(0, 1) for K0 = 1).
        /// normal-scale: one true component N(mean, 1); the model's
        /// variances range over [1, 5/4].
        #[arg(long, value_delimiter = ',')]
        truth: Vec<String>,
        /// Box LO,HI of a Poisson rate or normal mean (default 1/2,3/2 and -1,1).
        #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
        interval: Vec<String>,
        /// Binomial, multinomial: write K through moment differences instead
        /// of raw probabilities (same ideal; a binomial mixture of three or
        /// more components against one is written through moments anyway).
        #[arg(long)]
        moments: bool,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Restricted Boltzmann machine, binary units with biases, in the
    /// coordinates exp(weight) (values derived by hand; see rlct::models::rbm).
    Rbm {
        /// Number of visible units M (at most 8).
        #[arg(long)]
        visible: usize,
        /// Number of hidden units H.
        #[arg(long)]
        hidden: usize,
        /// The true distribution: independent (uniform), biased (independent,
        /// non-uniform) or one-unit (one active hidden unit).
        #[arg(long, default_value = "independent",
              value_parser = ["independent", "biased", "one-unit"])]
        truth: String,
        #[command(flatten)]
        common: ModelCommon,
    },
    /// Non-negative matrix factorisation C = A B, entries in [0, 1]
    /// (Hayashi and Watanabe 2017: upper bound, exact for r = 0, H = r ≤ 2).
    Nmf {
        /// Number of rows M of C (and of A).
        #[arg(long)]
        rows: usize,
        /// Number of columns N of C (and of B).
        #[arg(long)]
        columns: usize,
        /// Inner dimension H (columns of A, rows of B).
        #[arg(long)]
        inner: usize,
        /// Non-negative rank r of the true product A0 B0.
        #[arg(long, default_value_t = 0)]
        true_rank: usize,
        #[command(flatten)]
        common: ModelCommon,
    },
}

#[derive(Args, Debug)]
struct ModelCommon {
    /// Print the model as an input file instead of solving it.
    #[arg(long)]
    emit: bool,
    /// The local problem at the true parameter (an `at` statement) instead
    /// of the global one over the parameter box.
    #[arg(long)]
    at_truth: bool,
    #[command(flatten)]
    options: SolveOptions,
}

/// The limits of a whole run, shared by every command.
#[derive(Args, Debug, Clone)]
struct RunLimits {
    /// Time limit of the whole run, in seconds: when it passes, the run
    /// ends within about a second with the best bound (or estimate) so far,
    /// exit 3.
    #[arg(long, default_value = "60", value_parser = parse_seconds)]
    timeout: Seconds,
    /// Memory budget of the whole run (4G, 512M, or bytes): when the
    /// engine's heap reaches 7/8 of it, the run ends as at the time limit.
    #[arg(long, default_value = "4G", value_parser = budget::parse_bytes)]
    max_memory: u64,
}

/// A time limit; `None` when it is too long to matter (above a century).
#[derive(Clone, Copy, Debug)]
struct Seconds(Option<Duration>);

fn parse_seconds(s: &str) -> Result<Seconds, String> {
    const CENTURY: f64 = 100.0 * 365.25 * 86400.0;
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v > CENTURY => Ok(Seconds(None)),
        Ok(v) if v.is_finite() && v > 0.0 => Ok(Seconds(Some(Duration::from_secs_f64(v)))),
        Ok(v) if v == f64::INFINITY => Ok(Seconds(None)),
        _ => Err(format!(
            "`{s}` is not a positive number of seconds (such as 60 or 0.5)"
        )),
    }
}

impl RunLimits {
    /// The run's budget, starting now; Ctrl-C cancels it.
    fn start(&self) -> Budget {
        let b = Budget::new(self.timeout.0, Some(self.max_memory));
        output::on_interrupt(&b);
        b
    }
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
    /// Independent runs (2 to 10000).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().runs,
          value_parser = |s: &str| count(s, 2, 10_000))]
    runs: usize,
    /// Live points per run (10 to 1000000; 0: 500 up to 8 parameters, then
    /// 500·(8/d)³, at least 50).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().live,
          value_parser = |s: &str| if s == "0" { Ok(0) } else { count(s, 10, 1_000_000) })]
    live: usize,
    /// Slice-sampling steps per replacement (0: d + 1; at most 100000).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().steps,
          value_parser = |s: &str| count(s, 0, 100_000))]
    steps: usize,
    /// Decades of t covered below the top of the fit window (2 to 300).
    #[arg(long, default_value_t = rlct::numeric::EstimateOptions::default().decades,
          value_parser = parse_decades)]
    decades: f64,
    /// Write the free energy curve, with the exact asymptote, as SVG to this file.
    #[arg(long)]
    plot: Option<String>,
    /// A λ to test (`5/12`, `0.4167`; from a paper, say): `estimate` also
    /// fits the log-log coefficient μ ≈ m − 1 with λ held there. (`check`
    /// holds it at the exact value.)
    #[arg(long, value_parser = parse_lambda)]
    lambda: Option<f64>,
    #[command(flatten)]
    limits: RunLimits,
}

/// A whole number from `lo` to `hi`.
fn count(s: &str, lo: usize, hi: usize) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a whole number from {lo} to {hi}")),
    }
}

fn parse_decades(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (2.0..=300.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a number of decades from 2 to 300")),
    }
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
    #[command(flatten)]
    limits: RunLimits,
    /// Print the resolution tree as a table after the summary.
    #[arg(long)]
    tree: bool,
    /// Resolve by blow-ups even where the Newton polyhedron alone certifies the answer.
    #[arg(long)]
    always_resolve: bool,
    /// Re-derive every leaf of the resolution tree with the independent
    /// checker (`rlct::check`), within the same limits, and say so in the
    /// report's notes (implies --always-resolve). A refuted claim is an
    /// internal error: exit 1.
    #[arg(long)]
    certify: bool,
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
    let code = match cli.command {
        Some(Command::Estimate(args)) => estimate(args),
        Some(Command::Check(args)) => check(args),
        Some(Command::Model(args)) => model(args),
        Some(Command::Suite(args)) => suite(args),
        None => solve(cli.solve),
    };
    // For tests and benchmarks: what a parent's wait4 reports as a child's
    // peak memory includes the parent's own at the fork (Linux keeps the
    // larger across fork and exec), so the process says its own.
    if std::env::var_os("RLCT_REPORT_PEAK_MEMORY").is_some() {
        if let Some(bytes) = budget::peak_resident_set_size() {
            warn(&format!("peak memory: {} KiB", bytes / 1024));
        }
    }
    code
}

/// Options for the numeric side; progress shows when standard error is a terminal.
fn estimate_options(args: &EstimateArgs) -> rlct::numeric::EstimateOptions {
    use std::io::IsTerminal;
    rlct::numeric::EstimateOptions {
        seed: args.seed,
        runs: args.runs,
        live: args.live,
        steps: args.steps,
        decades: args.decades,
        progress: std::io::stderr().is_terminal(),
    }
}

/// The exit code of an error, with its message on standard error.
fn fail(file: &str, e: &rlct::Error) -> ExitCode {
    warn(&format!("error: {file}: {e}"));
    ExitCode::from(e.exit_code() as u8)
}

fn check(args: EstimateArgs) -> ExitCode {
    let budget = args.limits.start();
    let src = match output::read(&args.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let problem = match budget.run(|| rlct::parse::parse_bytes(&src)) {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => return fail(&args.file, &e),
        Err(why) => return fail(&args.file, &rlct::Error::stopped(why, "reading the input")),
    };
    // The exact side first, with half the time: the numeric side needs the rest.
    let exact = match budget
        .share(0.5)
        .enter(|| analyze(&problem, &Options::default()))
    {
        Ok(r) => r,
        Err(e) => return fail(&args.file, &e),
    };
    let estimate =
        match budget.enter(|| rlct::numeric::estimate(&problem, &estimate_options(&args))) {
            Ok(e) => e,
            Err(e) => return fail(&args.file, &e),
        };
    let rendered = budget.enter(|| {
        budget::grace(|| {
            let agreement = rlct::numeric::compare(&exact, &estimate);
            let text = match args.format {
                Format::Json => report::check_json(&exact, &estimate, &agreement),
                _ => report::check_text(&exact, &estimate, &agreement),
            };
            (agreement, text)
        })
    });
    let Ok((agreement, text)) = rendered else {
        warn("error: the report could not be written within the time limit");
        return ExitCode::from(3);
    };
    if let Err(e) = budget.enter(|| write_plot(&args, &problem, &estimate, Some(&exact))) {
        warn(&format!("error: {e}"));
        return ExitCode::from(1);
    }
    emit(&text);
    ExitCode::from(if estimate.stopped.is_some() {
        3
    } else if agreement.agrees && agreement.multiplicity_agrees {
        0
    } else {
        4
    })
}

fn estimate(args: EstimateArgs) -> ExitCode {
    let budget = args.limits.start();
    let src = match output::read(&args.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = estimate_options(&args);
    let result = budget.run(|| {
        let p = rlct::parse::parse_bytes(&src)?;
        rlct::numeric::estimate(&p, &options).map(|e| (p, e))
    });
    let (problem, e) = match result {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => return fail(&args.file, &e),
        Err(why) => return fail(&args.file, &rlct::Error::stopped(why, "reading the input")),
    };
    let text = budget.enter(|| {
        budget::grace(|| match args.format {
            Format::Json => report::estimate_json(&e, args.lambda),
            _ => report::estimate_text(&e, args.lambda),
        })
    });
    let Ok(text) = text else {
        warn("error: the report could not be written within the time limit");
        return ExitCode::from(3);
    };
    if let Err(err) = budget.enter(|| write_plot(&args, &problem, &e, None)) {
        warn(&format!("error: {err}"));
        return ExitCode::from(1);
    }
    emit(&text);
    ExitCode::from(if e.stopped.is_some() { 3 } else { 0 })
}

/// Writes the free energy plot when asked, with the exact curve when it is
/// known (computed here, within what is left of the budget, if not given).
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
    let svg = budget::grace(|| {
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
        report::free_energy_svg(e, exact, &format!("Free energy of {}", problem.k_text()))
    })
    .map_err(|why| format!("--plot: {why} while drawing"))?;
    write_atomic(path, &svg)
}

fn solve(args: SolveArgs) -> ExitCode {
    let Some(file) = args.file.clone() else {
        warn("error: no input file (rlct FILE, or rlct --help)");
        return ExitCode::from(2);
    };
    let budget = args.options.limits.start();
    let src = match output::read(&file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    budget.enter(|| solve_source(&src, &file, &args.options, None))
}

fn suite(args: SuiteArgs) -> ExitCode {
    use rlct::models::suite;
    let selected = match &args.emit {
        Some(_) => suite::entries(),
        None => suite::select(args.max_params, args.family.as_deref()),
    };
    let entries = match selected {
        Ok(e) => e,
        Err(e) => {
            warn(&format!("error: {e}"));
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let out = match &args.emit {
        Some(id) => match entries.iter().find(|e| &e.id == id) {
            Some(e) => e.model.text.clone(),
            None => {
                warn(&format!(
                    "error: the reference set has no entry `{id}` (`rlct suite` lists them)"
                ));
                return ExitCode::from(2);
            }
        },
        None => match args.format {
            SuiteFormat::Text => suite::text(&entries),
            SuiteFormat::Json => suite::json(&entries),
        },
    };
    match &args.output {
        Some(path) => match write_atomic(path, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                warn(&format!("error: {e}"));
                ExitCode::from(1)
            }
        },
        None => {
            emit(&out);
            ExitCode::SUCCESS
        }
    }
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
        ModelKind::FactorAnalysis {
            observed,
            factors,
            true_factors,
            true_loadings,
            keep_noise,
            common,
        } => (
            rlct::models::factor_analysis(&rlct::models::FactorAnalysis {
                observed: *observed,
                factors: *factors,
                true_factors: *true_factors,
                loadings: true_loadings.clone(),
                keep_noise: *keep_noise,
            }),
            common,
        ),
        ModelKind::LatentTree {
            edges,
            truth,
            common,
        } => (rlct::models::latent_tree(edges, truth), common),
        ModelKind::NaiveBayes {
            features,
            classes,
            categories,
            truth,
            common,
        } => (
            match (*categories, *classes) {
                (2, _) => rlct::models::naive_bayes(*features, *classes, *truth),
                (_, 2) => rlct::models::naive_bayes_categorical(*features, *categories, *truth),
                _ => Err(rlct::error::Error::input(format!(
                    "naive Bayes: categorical features ({categories} categories) with two hidden classes only (got {classes})"
                ))),
            },
            common,
        ),
        ModelKind::Lda {
            words,
            documents,
            topics,
            true_topics,
            common,
        } => (
            rlct::models::lda(*words, *documents, *topics, *true_topics),
            common,
        ),
        ModelKind::Mixture {
            family,
            components,
            true_components,
            trials,
            categories,
            truth,
            interval,
            moments,
            common,
        } => (
            family
                .parse::<rlct::models::MixtureFamily>()
                .and_then(|family| {
                    rlct::models::mixture(&rlct::models::MixtureSpec {
                        family,
                        components: *components,
                        true_components: *true_components,
                        trials: *trials,
                        categories: *categories,
                        truth: truth.clone(),
                        interval: interval.clone(),
                        moments: *moments,
                    })
                }),
            common,
        ),
        ModelKind::Rbm {
            visible,
            hidden,
            truth,
            common,
        } => (
            truth
                .parse()
                .and_then(|t| rlct::models::restricted_boltzmann_machine(*visible, *hidden, t)),
            common,
        ),
        ModelKind::Nmf {
            rows,
            columns,
            inner,
            true_rank,
            common,
        } => (
            rlct::models::nonnegative_matrix_factorization(*rows, *columns, *inner, *true_rank),
            common,
        ),
    };
    let m = match built {
        Ok(m) if common.at_truth => m.at_truth(),
        Ok(m) => m,
        Err(e) => {
            warn(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    if common.emit {
        return match &common.options.output {
            Some(path) => match write_atomic(path, &m.text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    warn(&format!("error: {e}"));
                    ExitCode::from(1)
                }
            },
            None => {
                emit(&m.text);
                ExitCode::SUCCESS
            }
        };
    }
    let budget = common.options.limits.start();
    budget.enter(|| solve_source(m.text.as_bytes(), &m.name, &common.options, Some(&m)))
}

/// Solves an input text (a file's, or a model's) under the current budget
/// and writes what was asked.
fn solve_source(
    src: &[u8],
    file: &str,
    cli: &SolveOptions,
    model: Option<&rlct::models::Model>,
) -> ExitCode {
    let options = Options {
        max_sites: cli.max_sites,
        exploration: rlct::resolve::strategy::Limits {
            max_charts: cli.max_charts,
            max_depth: cli.max_depth,
        },
        always_resolve: cli.always_resolve || cli.certify,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let problem = match budget::catch(|| rlct::parse::parse_bytes(src)) {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => return fail(file, &e),
        Err(why) => return fail(file, &rlct::Error::stopped(why, "reading the input")),
    };
    let mut r = match analyze(&problem, &options) {
        Ok(r) => r,
        Err(e) => return fail(file, &e),
    };
    let mut code = ExitCode::from(match r.status {
        Status::Exact => 0,
        Status::Bound => 3,
    });
    if cli.certify {
        let checked = r
            .resolution
            .tree
            .as_ref()
            .map(|tree| budget::catch(|| rlct::check::check_tree(&problem, tree)));
        let note = match checked {
            None => "independent check: no resolution tree to check".to_string(),
            Some(Ok(Ok(report))) => report.sentence(),
            Some(Ok(Err(refuted))) => {
                warn(&format!(
                    "internal error: the independent checker refutes the tree: {refuted}"
                ));
                return ExitCode::from(1);
            }
            Some(Err(why)) => {
                code = ExitCode::from(3);
                format!("independent check not finished: {why}")
            }
        };
        r.resolution.notes.push(note);
    }
    let elapsed = cli.timing.then(|| report::Timing::since(started));
    // The report is rendered within the budget, or a little after it when
    // the analysis used it all; failing that, the result alone.
    let out = match budget::grace(|| render(&problem, &r, cli, model, elapsed)) {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            warn(&format!("error: {e}"));
            return ExitCode::from(2);
        }
        Err(why) => {
            warn(&format!(
                "warning: {why} while writing the report: only the result is given"
            ));
            // The budget has run out, grace and all, and a checkpoint
            // would unwind: the result alone is rendered without one (its
            // size is that of what is already in memory).
            Budget::unlimited().enter(|| match cli.format {
                Format::Json => report::brief_json(&problem, &r, &why.to_string()),
                _ => report::brief_text(&r),
            })
        }
    };
    match &cli.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, &out) {
                warn(&format!("error: {e}"));
                return ExitCode::from(1);
            }
        }
        None => emit(&out),
    }
    for (path, draw) in [
        (&cli.svg_tree, Picture::Tree),
        (&cli.svg_newton, Picture::Newton),
    ] {
        let Some(path) = path else { continue };
        let svg = budget::grace(|| match draw {
            Picture::Tree => report::tree_svg(&problem, &r),
            Picture::Newton => report::newton_site(&problem, &r, &options)
                .map_err(|e| format!("--svg-newton: {e}"))
                .and_then(|site| report::newton_svg(&problem, &r, &site)),
        });
        let written = match svg {
            Ok(svg) => svg.and_then(|svg| write_atomic(path, &svg)),
            Err(why) => {
                // A limit, not bad input: the run is cut short as a bound is.
                warn(&format!("warning: {path} not drawn: {why} while drawing"));
                code = ExitCode::from(3);
                continue;
            }
        };
        if let Err(e) = written {
            warn(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    }
    code
}

#[derive(Clone, Copy)]
enum Picture {
    Tree,
    Newton,
}

/// The report in the asked-for format.
fn render(
    problem: &rlct::Problem,
    r: &rlct::Rlct,
    cli: &SolveOptions,
    model: Option<&rlct::models::Model>,
    elapsed: Option<report::Timing>,
) -> Result<String, String> {
    let tree = r.resolution.tree.as_ref();
    Ok(match cli.format {
        Format::Text => {
            let mut out = report::text(problem, r);
            if let Some(m) = model {
                out = report::model_text(m, r) + "\n" + &out;
            }
            if cli.tree {
                match tree {
                    Some(t) => out += &format!("\n{}", report::tree_table(problem, t)),
                    None => out += "\nno resolution tree: the Newton polyhedron certifies the result (--always-resolve builds one)\n",
                }
            }
            out
        }
        Format::Json => match model {
            Some(m) => report::model_json(problem, r, m, elapsed),
            None => report::json(problem, r, elapsed),
        },
        Format::Markdown => match model {
            Some(m) => report::model_markdown(problem, r, m, elapsed),
            None => report::markdown(problem, r, elapsed),
        },
        Format::Latex => match model {
            Some(m) => report::model_latex(problem, r, m, cli.fragment, elapsed),
            None => report::latex(problem, r, cli.fragment, elapsed),
        },
        Format::Dot => match tree {
            Some(t) => report::dot(problem, t),
            None => return Err("no resolution tree: the Newton polyhedron certifies the result; add --always-resolve".into()),
        },
    })
}
