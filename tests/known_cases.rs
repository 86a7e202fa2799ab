//! Every case of tests/cases/known.toml (a copy of the project's table of known
//! RLCTs, each with its source) through the library: each must come out exact
//! with the stated λ and m.

mod common;

use common::cases::{load as cases, render, Case};
use rlct::{analyze, parse, Options, Status};

/// Every case analysed once, shared by the tests of this file.
fn results() -> &'static Vec<(Case, rlct::Rlct)> {
    static RESULTS: std::sync::OnceLock<Vec<(Case, rlct::Rlct)>> = std::sync::OnceLock::new();
    RESULTS.get_or_init(|| {
        cases()
            .into_iter()
            .map(|c| {
                let r = analyze(&parse(&render(&c)).unwrap(), &Options::default()).unwrap();
                (c, r)
            })
            .collect()
    })
}

#[test]
fn every_case_is_exact_and_right() {
    for (c, r) in results() {
        assert_eq!(r.status, Status::Exact, "{}: not exact", c.id);
        assert_eq!(r.lambda, common::rational(&c.lambda), "{}: λ", c.id);
        assert_eq!(r.multiplicity, c.m, "{}: m", c.id);
    }
    assert_eq!(results().len(), 36);
}

#[test]
fn certified_kinds_use_the_newton_fast_path() {
    for (c, r) in results() {
        if ["monomial", "nondegenerate", "prior"].contains(&c.kind.as_str()) {
            assert!(
                r.resolution.tree.is_none(),
                "{}: the Newton polyhedron should certify it",
                c.id
            );
        }
    }
}

#[test]
fn the_json_interface_reports_the_same() {
    // One case of each method through the binary's stable JSON interface.
    for (id, method) in [
        ("quasihom-x2-y4-prior-y2", "newton-polyhedron"),
        ("cusp", "resolution"),
    ] {
        let c = cases().into_iter().find(|c| c.id == id).unwrap();
        let out = common::run_stdin(&render(&c), &["--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{id}");
        assert_eq!(v["status"], "exact", "{id}");
        assert_eq!(
            common::rational(v["lambda"].as_str().unwrap()),
            common::rational(&c.lambda),
            "{id}"
        );
        assert_eq!(v["multiplicity"].as_u64(), Some(c.m as u64), "{id}");
        assert_eq!(v["method"], method, "{id}");
    }
}
