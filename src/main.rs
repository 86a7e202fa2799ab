//! The `rlct` command: a thin shell over the library.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use rlct::{analyze, parse, report, Options, Status};

/// Exact real log canonical thresholds (learning coefficients) λ and their
/// multiplicities m.
///
/// Exit codes: 0 exact, 3 bound only, 2 bad input, 1 internal error or unsupported.
#[derive(Parser, Debug)]
#[command(name = "rlct", version, about, long_about = None)]
struct Cli {
    /// The input file (see grammar/rlct.ebnf), or `-` for standard input.
    file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Largest number of zero sites analysed when the zero set is sampled.
    #[arg(long, default_value_t = 16)]
    max_sites: usize,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// A short human summary.
    Text,
    /// One JSON object (stable fields: lambda, multiplicity, status, method).
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let src = match read(&cli.file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", cli.file);
            return ExitCode::from(2);
        }
    };
    let options = Options {
        max_sites: cli.max_sites,
        ..Options::default()
    };
    let result = parse(&src).and_then(|p| analyze(&p, &options).map(|r| (p, r)));
    match result {
        Ok((problem, r)) => {
            let out = match cli.format {
                Format::Text => report::text(&problem, &r),
                Format::Json => report::json(&problem, &r),
            };
            print!("{out}");
            ExitCode::from(match r.status {
                Status::Exact => 0,
                Status::Bound => 3,
            })
        }
        Err(e) => {
            eprintln!("error: {}: {e}", cli.file);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn read(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
    }
}
