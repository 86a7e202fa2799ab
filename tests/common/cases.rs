//! The table of known RLCTs (tests/cases/known.toml) and its rendering as
//! input files, the same as shared/tools/run_cases.py. Shared by the tests
//! and the benchmark.
#![allow(dead_code)]

use std::collections::BTreeMap;

/// One known case.
#[derive(serde::Deserialize)]
pub struct Case {
    pub id: String,
    pub vars: Vec<String>,
    #[serde(rename = "K")]
    pub k: Option<String>,
    pub gens: Option<Vec<String>>,
    pub prior: Option<String>,
    pub domain: Option<BTreeMap<String, [String; 2]>>,
    pub at: Option<BTreeMap<String, String>>,
    pub lambda: String,
    pub m: usize,
    pub kind: String,
    /// A case the engine does not finish yet: a bound is accepted, if it is
    /// not below the value (an exact answer must still be the value).
    #[serde(default)]
    pub open: bool,
}

#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

/// All cases of tests/cases/known.toml, in file order.
pub fn load() -> Vec<Case> {
    load_file("known.toml")
}

/// All cases of a table under tests/cases/, in file order.
pub fn load_file(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/cases/{name}", env!("CARGO_MANIFEST_DIR"));
    toml::from_str::<Table>(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .case
}

/// The case as an input file.
pub fn render(c: &Case) -> String {
    let mut s = format!("vars {};\n", c.vars.join(", "));
    if let Some(d) = &c.domain {
        let parts: Vec<String> = d
            .iter()
            .map(|(v, [lo, hi])| format!("{v} in [{lo}, {hi}]"))
            .collect();
        s += &format!("domain {};\n", parts.join(", "));
    }
    match (&c.gens, &c.k) {
        (Some(g), _) => s += &format!("K = sos({});\n", g.join(", ")),
        (None, Some(k)) => s += &format!("K = {k};\n"),
        _ => panic!("{}: neither K nor gens", c.id),
    }
    if let Some(p) = &c.prior {
        s += &format!("prior = {p};\n");
    }
    if let Some(at) = &c.at {
        let parts: Vec<String> = at.iter().map(|(v, x)| format!("{v} = {x}")).collect();
        s += &format!("at {};\n", parts.join(", "));
    }
    s
}

/// The cases of a table under tests/cases/ that are not exact with their
/// λ and m (for an `open` case: nor a bound at or above λ), or whose tree
/// the independent checker refutes, each said in a line (empty when all
/// hold).
pub fn failures(name: &str, options: &rlct::Options) -> Vec<String> {
    let mut failures = Vec::new();
    for c in load_file(name) {
        let problem = rlct::parse(&render(&c)).unwrap();
        let r = match rlct::analyze(&problem, options) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{}: {e}", c.id));
                continue;
            }
        };
        let lambda: rlct::poly::Rational = c.lambda.parse().expect("a rational λ");
        if c.open && r.status == rlct::Status::Bound && r.lambda >= lambda {
            continue;
        }
        failures.extend(exact_and_checked(&c.id, &problem, &r, &lambda, c.m));
    }
    failures
}

/// Why a result is not exact with λ and m, or its tree is refuted by the
/// independent checker; `None` when it holds.
pub fn exact_and_checked(
    id: &str,
    problem: &rlct::Problem,
    r: &rlct::Rlct,
    lambda: &rlct::poly::Rational,
    m: usize,
) -> Option<String> {
    if (r.status, &r.lambda, r.multiplicity) != (rlct::Status::Exact, lambda, m) {
        return Some(format!(
            "{id}: {:?} λ = {} m = {}, expected λ = {lambda} m = {m}",
            r.status, r.lambda, r.multiplicity
        ));
    }
    let tree = r.resolution.tree.as_ref()?;
    match rlct::check::check_tree(problem, tree) {
        Err(refuted) => Some(format!("{id}: the checker refutes it: {refuted}")),
        Ok(report) => report.too_large.first().map(|(chart, limit)| {
            format!("{id}: the checker could not expand chart #{chart}: {limit}")
        }),
    }
}

/// Asserts that every case of a table under tests/cases/ holds (see
/// [`failures`]), each given 20 s.
pub fn assert_all_hold(name: &str) {
    let options = rlct::Options {
        timeout: Some(std::time::Duration::from_secs(20)),
        ..rlct::Options::default()
    };
    let failures = failures(name, &options);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
