//! `cargo bench --bench model_families`: every model family of
//! `rlct model`, on the instances whose value is known (published, or
//! derived in the generator's documentation), and then each family grown
//! in size until it stops being exact within the time limit (at most ten
//! sizes each). Each instance
//! runs in its own `rlct model … --format json --timing` process; the
//! tables are Markdown, ready for `docs/models.md`.
//!
//! `cargo bench --bench model_families -- SECONDS` sets the time limit per
//! instance (default 60); `--known` or `--scaling` runs one table only, and
//! `--only FAMILY` (as typed after `rlct model`) one family's rows.

use std::process::Command;

/// One instance: the family and its arguments, as typed after `rlct model`.
struct Instance(&'static str, &'static [&'static str]);

/// Instances with a value from a source or a derivation in the generator's
/// documentation (the `formula` of the model), smallest first per family.
const KNOWN: &[Instance] = &[
    Instance("factor-analysis", &["--observed", "3", "--factors", "1"]),
    Instance("factor-analysis", &["--observed", "4", "--factors", "1"]),
    Instance("factor-analysis", &["--observed", "5", "--factors", "1"]),
    Instance(
        "factor-analysis",
        &["--observed", "4", "--factors", "1", "--true-factors", "1"],
    ),
    Instance(
        "factor-analysis",
        &[
            "--observed",
            "5",
            "--factors",
            "1",
            "--true-factors",
            "1",
            "--true-loadings",
            "two",
        ],
    ),
    Instance(
        "factor-analysis",
        &[
            "--observed",
            "4",
            "--factors",
            "1",
            "--true-factors",
            "1",
            "--keep-noise",
        ],
    ),
    Instance("factor-analysis", &["--observed", "5", "--factors", "2"]),
    Instance("latent-tree", &["--edges", "1-4,2-4,3-4"]),
    Instance("latent-tree", &["--edges", "1-5,2-5,5-6,3-6,4-6"]),
    Instance(
        "latent-tree",
        &["--edges", "1-5,2-5,5-6,3-6,4-6", "--truth", "1-5,2-5"],
    ),
    Instance(
        "latent-tree",
        &[
            "--edges",
            "1-5,2-5,5-6,3-6,4-6",
            "--truth",
            "1-5,2-5,3-6,4-6",
        ],
    ),
    Instance("latent-tree", &["--edges", "1-6,2-6,6-7,3-7,7-8,4-8,5-8"]),
    Instance(
        "naive-bayes",
        &["--features", "2", "--truth", "independent"],
    ),
    Instance("naive-bayes", &["--features", "2", "--truth", "pair"]),
    Instance(
        "naive-bayes",
        &["--features", "3", "--truth", "independent"],
    ),
    Instance("naive-bayes", &["--features", "3", "--truth", "pair"]),
    Instance(
        "lda",
        &["--words", "2", "--documents", "2", "--topics", "2"],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "2",
            "--documents",
            "2",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &["--words", "2", "--documents", "3", "--topics", "2"],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "2",
            "--documents",
            "3",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &["--words", "3", "--documents", "2", "--topics", "2"],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "3",
            "--documents",
            "2",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &["--words", "3", "--documents", "3", "--topics", "2"],
    ),
    Instance(
        "lda",
        &["--words", "3", "--documents", "4", "--topics", "2"],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "3",
            "--documents",
            "3",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "3",
            "--documents",
            "4",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "3",
            "--documents",
            "5",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &["--words", "4", "--documents", "2", "--topics", "2"],
    ),
    Instance(
        "lda",
        &[
            "--words",
            "4",
            "--documents",
            "2",
            "--topics",
            "2",
            "--true-topics",
            "2",
        ],
    ),
    Instance(
        "lda",
        &["--words", "2", "--documents", "2", "--topics", "3"],
    ),
    Instance(
        "mixture",
        &["--family", "binomial", "--components", "2", "--trials", "1"],
    ),
    Instance(
        "mixture",
        &["--family", "binomial", "--components", "2", "--trials", "2"],
    ),
    Instance(
        "mixture",
        &[
            "--family",
            "binomial",
            "--components",
            "2",
            "--trials",
            "3",
            "--moments",
        ],
    ),
    Instance(
        "mixture",
        &[
            "--family",
            "binomial",
            "--components",
            "3",
            "--trials",
            "1",
            "--moments",
        ],
    ),
    Instance("mixture", &["--family", "poisson", "--components", "2"]),
    Instance("mixture", &["--family", "normal", "--components", "2"]),
    Instance("mixture", &["--family", "normal", "--components", "3"]),
    Instance(
        "mixture",
        &["--family", "normal-scale", "--components", "2"],
    ),
    Instance(
        "mixture",
        &["--family", "normal-scale", "--components", "3"],
    ),
    Instance("mixture", &["--family", "poisson", "--components", "3"]),
    Instance(
        "mixture",
        &["--family", "binomial", "--components", "3", "--trials", "3"],
    ),
    Instance(
        "mixture",
        &[
            "--family",
            "multinomial",
            "--components",
            "2",
            "--categories",
            "3",
            "--trials",
            "1",
        ],
    ),
    Instance(
        "mixture",
        &[
            "--family",
            "multinomial",
            "--components",
            "2",
            "--categories",
            "3",
            "--trials",
            "2",
            "--moments",
        ],
    ),
    Instance("rbm", &["--visible", "1", "--hidden", "1"]),
    Instance("rbm", &["--visible", "2", "--hidden", "1"]),
    Instance(
        "rbm",
        &["--visible", "2", "--hidden", "1", "--truth", "biased"],
    ),
    Instance("rbm", &["--visible", "3", "--hidden", "1"]),
    Instance("rbm", &["--visible", "2", "--hidden", "2"]),
    Instance("rbm", &["--visible", "3", "--hidden", "2"]),
    Instance(
        "rbm",
        &["--visible", "3", "--hidden", "2", "--truth", "biased"],
    ),
    Instance("nmf", &["--rows", "2", "--columns", "2", "--inner", "1"]),
    Instance("nmf", &["--rows", "2", "--columns", "2", "--inner", "2"]),
    Instance(
        "nmf",
        &[
            "--rows",
            "2",
            "--columns",
            "3",
            "--inner",
            "1",
            "--true-rank",
            "1",
        ],
    ),
    Instance(
        "nmf",
        &[
            "--rows",
            "1",
            "--columns",
            "3",
            "--inner",
            "2",
            "--true-rank",
            "1",
        ],
    ),
    Instance(
        "nmf",
        &[
            "--rows",
            "2",
            "--columns",
            "2",
            "--inner",
            "2",
            "--true-rank",
            "2",
        ],
    ),
];

/// Per family, one size grown from its first value: the family, the
/// fixed arguments, the arguments for a size, and the first size.
type Grown = (
    &'static str,
    &'static [&'static str],
    fn(usize) -> Vec<String>,
    usize,
);

/// `--flag size`.
fn flag(name: &str, size: usize) -> Vec<String> {
    vec![name.to_string(), size.to_string()]
}

const SCALING: &[Grown] = &[
    (
        "factor-analysis",
        &["--factors", "1"],
        |n| flag("--observed", n),
        3,
    ),
    (
        "factor-analysis",
        &["--factors", "1", "--true-factors", "1"],
        |n| flag("--observed", n),
        3,
    ),
    // A binary caterpillar: n observed leaves on a path of n − 2 hidden
    // nodes n + 1, …, 2n − 2 (leaves 1, 2 on the first, n − 1, n on the
    // last), at the default truth.
    (
        "latent-tree",
        &[],
        |n| {
            let hidden = |k: usize| n + k;
            let mut edges = vec![format!("1-{}", hidden(1)), format!("2-{}", hidden(1))];
            for k in 1..n - 2 {
                edges.push(format!("{}-{}", hidden(k), hidden(k + 1)));
            }
            for leaf in 3..=n {
                edges.push(format!("{leaf}-{}", hidden((leaf - 1).min(n - 2))));
            }
            vec!["--edges".to_string(), edges.join(",")]
        },
        3,
    ),
    (
        "naive-bayes",
        &["--truth", "independent"],
        |n| flag("--features", n),
        2,
    ),
    (
        "naive-bayes",
        &["--truth", "pair"],
        |n| flag("--features", n),
        2,
    ),
    (
        "lda",
        &["--words", "2", "--topics", "2"],
        |n| flag("--documents", n),
        2,
    ),
    (
        "lda",
        &["--words", "3", "--topics", "2"],
        |n| flag("--documents", n),
        2,
    ),
    (
        "lda",
        &["--words", "3", "--topics", "2", "--true-topics", "2"],
        |n| flag("--documents", n),
        2,
    ),
    (
        "mixture",
        &["--family", "binomial", "--components", "2"],
        |n| flag("--trials", n),
        1,
    ),
    (
        "mixture",
        &["--family", "normal"],
        |n| flag("--components", n),
        2,
    ),
    (
        "mixture",
        &["--family", "normal-scale"],
        |n| flag("--components", n),
        2,
    ),
    ("rbm", &["--hidden", "1"], |n| flag("--visible", n), 1),
    ("rbm", &["--hidden", "2"], |n| flag("--visible", n), 2),
    (
        "nmf",
        &["--rows", "2", "--inner", "1", "--true-rank", "1"],
        |n| flag("--columns", n),
        1,
    ),
];

/// A row of the table: the family, its arguments, and what the run gave.
fn run(exe: &str, family: &str, args: &[String], limit: f64) -> (String, bool) {
    let out = Command::new(exe)
        .arg("model")
        .arg(family)
        .args(args)
        .args([
            "--format",
            "json",
            "--timing",
            "--timeout",
            &limit.to_string(),
        ])
        .output()
        .expect("rlct runs");
    let shown = format!("`{family} {}`", args.join(" "));
    let v: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(_) => {
            let why = String::from_utf8_lossy(&out.stderr);
            return (
                format!("| {shown} | | | failed: {} | | | |", why.trim()),
                false,
            );
        }
    };
    let params = v["problem"]["vars"].as_array().map_or(0, Vec::len);
    let exact = v["status"] == "exact";
    let lambda = v["lambda"].as_str().unwrap_or("?");
    let result = if exact {
        format!("{lambda}, m = {}", v["multiplicity"])
    } else {
        format!("≤ {lambda}")
    };
    let literature = match (&v["model"]["formula"], &v["model"]["published_bound"]) {
        (f, _) if f.is_object() => format!(
            "{}, m = {}: {}",
            f["lambda"].as_str().unwrap_or("?"),
            f["multiplicity"],
            f["agreement"].as_str().unwrap_or("?")
        ),
        (_, b) if b.is_object() => format!(
            "bound {}: {}",
            b["lambda"].as_str().unwrap_or("?"),
            b["comparison"].as_str().unwrap_or("?")
        ),
        _ => "none".into(),
    };
    let row = format!(
        "| {shown} | {params} | {} | {result} | {} | {:.2} s | {literature} |",
        v["status"].as_str().unwrap_or("?"),
        v["charts"],
        v["elapsed_seconds"].as_f64().unwrap_or(f64::NAN),
    );
    (row, exact)
}

fn header() {
    println!("| instance | parameters | status | λ | charts | time | literature |");
    println!("| --- | ---: | --- | --- | ---: | ---: | --- |");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit: f64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(60.0);
    let has = |flag: &str| args.iter().any(|a| a == flag);
    // `--only FAMILY`: that family's rows alone.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    let selected = |family: &str| only.is_none_or(|f| f == family);
    let exe = env!("CARGO_BIN_EXE_rlct");
    println!("time limit {limit} s per instance\n");
    if !has("--scaling") {
        header();
        for Instance(family, a) in KNOWN.iter().filter(|i| selected(i.0)) {
            let mut a: Vec<String> = a.iter().map(|s| s.to_string()).collect();
            println!("{}", run(exe, family, &a, limit).0);
            // The same model at its true parameter (local parity).
            a.push("--at-truth".into());
            println!("{}", run(exe, family, &a, limit).0);
        }
        println!();
    }
    if !has("--known") {
        header();
        for (family, fixed, grown, first) in SCALING.iter().filter(|g| selected(g.0)) {
            // Grow until the first size that is not exact in time (shown),
            // or ten sizes.
            for size in *first..*first + 10 {
                let mut a: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
                a.extend(grown(size));
                let (row, exact) = run(exe, family, &a, limit);
                println!("{row}");
                if !exact || row.contains("failed") {
                    break;
                }
            }
        }
    }
}
