//! Every case of tests/cases/known.toml (a copy of the project's table of known
//! RLCTs, each with its source) through the library: the kinds the Newton
//! method certifies must come out exact with the stated λ and m, and no case
//! may come out exact with a wrong value or as a bound below the true λ.

mod common;

use rlct::{analyze, parse, Options, Status};

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
    kind: String,
}

/// The same rendering as shared/tools/run_cases.py.
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
    if let Some(at) = &c.at {
        let parts: Vec<String> = at.iter().map(|(v, x)| format!("{v} = {x}")).collect();
        s += &format!("at {};\n", parts.join(", "));
    }
    s
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(common::root().join("tests/cases/known.toml")).unwrap();
    toml::from_str::<Table>(&text).unwrap().case
}

#[test]
fn certified_kinds_are_exact_and_right() {
    let mut checked = 0;
    for c in cases()
        .iter()
        .filter(|c| ["monomial", "nondegenerate", "prior"].contains(&c.kind.as_str()))
    {
        let r = analyze(&parse(&render(c)).unwrap(), &Options::default()).unwrap();
        assert_eq!(r.status, Status::Exact, "{}: not exact", c.id);
        assert_eq!(r.lambda, common::rational(&c.lambda), "{}: λ", c.id);
        assert_eq!(r.multiplicity, c.m, "{}: m", c.id);
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} cases of the certified kinds");
}

#[test]
fn no_case_is_exact_and_wrong_or_a_bound_below_the_truth() {
    for c in cases() {
        let r = analyze(&parse(&render(&c)).unwrap(), &Options::default()).unwrap();
        let truth = common::rational(&c.lambda);
        match r.status {
            Status::Exact => {
                assert_eq!(r.lambda, truth, "{}: exact λ is wrong", c.id);
                assert_eq!(r.multiplicity, c.m, "{}: exact m is wrong", c.id);
            }
            Status::Bound => assert!(
                r.lambda >= truth,
                "{}: bound {} below the true λ {truth}",
                c.id,
                r.lambda
            ),
        }
    }
}

#[test]
fn the_json_interface_reports_the_same() {
    // One case of each status through the binary's stable JSON interface.
    for id in ["quasihom-x2-y4-prior-y2", "cusp"] {
        let c = cases().into_iter().find(|c| c.id == id).unwrap();
        let out = common::run_stdin(&render(&c), &["--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let lambda = common::rational(v["lambda"].as_str().unwrap());
        match v["status"].as_str().unwrap() {
            "exact" => {
                assert_eq!(out.status.code(), Some(0));
                assert_eq!(lambda, common::rational(&c.lambda));
                assert_eq!(v["multiplicity"].as_u64(), Some(c.m as u64));
            }
            "bound" => {
                assert_eq!(out.status.code(), Some(3));
                assert!(lambda >= common::rational(&c.lambda));
            }
            s => panic!("status {s}"),
        }
        assert_eq!(v["method"], "newton-polyhedron");
    }
}
