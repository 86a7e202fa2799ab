//! The second, independent check: every known case resolved by blow-ups alone
//! (even where the Newton polyhedron would certify it), its λ and m compared
//! with the source, and every leaf of its tree re-verified by `rlct::check`,
//! which recomputes the pullback of K from the recorded maps.

mod common;

use rlct::{analyze, check::check_tree, parse, Options, Status};

#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    id: String,
    vars: Vec<String>,
    #[serde(rename = "K")]
    k: Option<String>,
    gens: Option<Vec<String>>,
    prior: Option<String>,
    domain: Option<std::collections::BTreeMap<String, [String; 2]>>,
    at: Option<std::collections::BTreeMap<String, String>>,
    lambda: String,
    m: usize,
}

fn render(c: &Case) -> String {
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
    s
}

/// Cases that take seconds in release mode and minutes in debug mode: run with `--ignored`.
const SLOW: [&str; 1] = ["tanh-H2"];

#[test]
fn resolution_alone_agrees_and_every_leaf_checks() {
    let (fully, partly) = check_cases(|id| !SLOW.contains(&id));
    assert_eq!(partly, 0, "every leaf of these cases is fully re-derived");
    assert!(fully >= 100);
}

#[test]
#[ignore = "minutes even in release mode: cargo test --release -- --ignored"]
fn slow_cases_agree_and_every_leaf_checks() {
    let (fully, partly) = check_cases(|id| SLOW.contains(&id));
    assert!(fully > partly, "most leaves must be fully re-derived");
}

/// Resolves the selected cases, checks their trees, and returns how many
/// leaves were fully re-derived and how many only on their monomial part.
fn check_cases(select: impl Fn(&str) -> bool) -> (usize, usize) {
    let text = std::fs::read_to_string(common::root().join("tests/cases/known.toml")).unwrap();
    let cases = toml::from_str::<Table>(&text).unwrap().case;
    let options = Options {
        always_resolve: true,
        ..Options::default()
    };
    let (mut fully, mut partly, mut trees) = (0, 0, 0);
    for c in cases.iter().filter(|c| c.at.is_none() && select(&c.id)) {
        let problem = parse(&render(c)).unwrap();
        let t0 = std::time::Instant::now();
        let r = analyze(&problem, &options).unwrap();
        let t1 = t0.elapsed();
        assert_eq!(r.status, Status::Exact, "{}", c.id);
        assert_eq!(r.lambda, common::rational(&c.lambda), "{}: λ", c.id);
        assert_eq!(r.multiplicity, c.m, "{}: m", c.id);
        let tree = r
            .resolution
            .tree
            .as_ref()
            .expect("always_resolve builds a tree");
        let report = check_tree(&problem, tree).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        if report.monomial_part > 0 {
            eprintln!(
                "{}: {} of {} leaves checked on their monomial part only ({:?} + {:?})",
                c.id,
                report.monomial_part,
                tree.leaves().count(),
                t1,
                t0.elapsed() - t1
            );
        }
        assert_eq!(
            report.fully + report.monomial_part,
            tree.leaves().count(),
            "{}",
            c.id
        );
        fully += report.fully;
        partly += report.monomial_part;
        trees += 1;
    }
    eprintln!("{trees} trees: {fully} leaves fully re-verified, {partly} on their monomial part");
    assert!(trees >= 1);
    (fully, partly)
}
