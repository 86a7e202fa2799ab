//! Reports for papers and notes: Markdown, LaTeX and JSON snapshots (under
//! snapshots/, reviewed by reading them), the JSON schema, pdflatex, the
//! SVG pictures and atomic output files.

mod common;

use rlct::{analyze, parse, report, Options, Rlct};

fn solve(example: &str, options: &Options) -> (rlct::Problem, Rlct) {
    let src = std::fs::read_to_string(common::root().join("examples").join(example)).unwrap();
    let problem = parse(&src).unwrap();
    let r = analyze(&problem, options).unwrap();
    (problem, r)
}

/// The cusp with a budget of three charts: an honest bound, charts unresolved.
/// A chart limit the cusp cannot be resolved in: its root is left
/// unresolved (one toric blow-up resolves it in five charts).
fn bound_options() -> Options {
    let mut o = Options::default();
    o.exploration.max_charts = 1;
    o
}

fn options_for(case: &str) -> Options {
    if case.ends_with("-bound") {
        bound_options()
    } else {
        Options::default()
    }
}

fn example_of(case: &str) -> String {
    format!("{}.rlct", case.trim_end_matches("-bound"))
}

macro_rules! snapshot_reports {
    ($name:ident, $case:expr) => {
        #[test]
        fn $name() {
            let (problem, r) = solve(&example_of($case), &options_for($case));
            insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(
                    concat!("markdown_", stringify!($name)),
                    report::markdown(&problem, &r, None)
                );
                insta::assert_snapshot!(
                    concat!("latex_", stringify!($name)),
                    report::latex(&problem, &r, false, None)
                );
                insta::assert_snapshot!(
                    concat!("json_", stringify!($name)),
                    report::json(&problem, &r, None)
                );
            });
        }
    };
}

// A degenerate case resolved by blow-ups into many charts.
snapshot_reports!(cusp, "cusp");
// The same with too small a budget: a bound, the unresolved charts named.
snapshot_reports!(cusp_bound, "cusp-bound");
// Non-degenerate: the Newton polyhedron alone, m = 2.
snapshot_reports!(newton_vertex, "newton-vertex");
// A prior vanishing like a monomial.
snapshot_reports!(quasi_homogeneous_prior, "quasi-homogeneous-prior");
// A local question at a point.
snapshot_reports!(local_at_origin, "local-at-origin");
// A model: reduced rank regression (Newton polyhedron, m = 2).
snapshot_reports!(reduced_rank_regression, "reduced-rank-regression");

#[test]
fn the_bound_case_is_a_bound() {
    let (problem, r) = solve("cusp.rlct", &bound_options());
    assert_eq!(r.status, rlct::Status::Bound);
    let md = report::markdown(&problem, &r, None);
    assert!(md.contains("is an upper bound"), "{md}");
    assert!(md.contains("unresolved"), "{md}");
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join("schema/result.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn assert_valid(validator: &jsonschema::Validator, json: &str, what: &str) {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// A result decided by the rank bound carries its certificate: it
/// validates, and the cofactors are the ones that combine the generators
/// and minors into 1 (for LDA (2, 2, 3, 2) the short certificate derived
/// by hand: −4·f₁ + 4·f₂ + Σ (4a_i − 4a_j)·minor_ij).
#[test]
fn a_rank_bound_is_in_the_json() {
    let model = rlct::models::lda(2, 2, 3, 2).unwrap();
    let problem = model.problem().unwrap();
    let r = analyze(&problem, &Options::default()).unwrap();
    let json = report::json(&problem, &r, None);
    assert_valid(&schema(), &json, "rank bound");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let bound = &v["rank_bound"];
    assert_eq!(
        (bound["rank"].as_u64(), bound["lambda"].as_str()),
        (Some(2), Some("1"))
    );
    assert_eq!(bound["generator_cofactors"], serde_json::json!(["-4", "4"]));
    assert_eq!(bound["minor_cofactors"].as_array().unwrap().len(), 3);
}

#[test]
fn the_json_of_every_example_validates_against_the_schema() {
    let validator = schema();
    for path in common::examples() {
        let out = common::run_file(&path, &["--format", "json"]);
        assert!(
            matches!(out.status.code(), Some(0) | Some(3)),
            "{}",
            path.display()
        );
        assert_valid(
            &validator,
            &String::from_utf8(out.stdout).unwrap(),
            &path.display().to_string(),
        );
    }
    // And the bound case, and a report with its timing.
    let (problem, r) = solve("cusp.rlct", &bound_options());
    assert_valid(&validator, &report::json(&problem, &r, None), "bound");
    let timing = report::Timing {
        elapsed: std::time::Duration::from_millis(5),
        peak_memory_kib: Some(2048),
    };
    let timed = report::json(&problem, &r, Some(timing));
    assert_valid(&validator, &timed, "timed");
    assert!(timed.contains("\"elapsed_seconds\": 0.005"));
    assert!(timed.contains("\"peak_memory_kib\": 2048"));
    // And a model whose tree has sheared charts, with their witnesses.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args("model rrr --inputs 2 --outputs 2 --hidden 3 --true-rank 0 --format json".split(' '))
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert_valid(&validator, &json, "rrr 2-2-3-0");
    assert!(json.contains("\"witness\"") && json.contains("shear"));
}

#[test]
fn the_schema_rejects_what_it_should() {
    let validator = schema();
    let (problem, r) = solve("cusp.rlct", &Options::default());
    let mut value: serde_json::Value =
        serde_json::from_str(&report::json(&problem, &r, None)).unwrap();
    value["lambda"] = serde_json::json!(0.4167);
    assert!(
        !validator.is_valid(&value),
        "λ must be an exact rational string"
    );
    value["lambda"] = serde_json::json!("5/12");
    value["surprise"] = serde_json::json!(1);
    assert!(
        !validator.is_valid(&value),
        "undocumented fields are caught"
    );
}

/// Parses an SVG and returns the text of all its `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_tree_picture_is_well_formed_and_labelled_with_the_charts() {
    let (problem, r) = solve("cusp.rlct", &Options::default());
    let texts = svg_texts(&report::tree_svg(&problem, &r).unwrap());
    let tree = r.resolution.tree.as_ref().unwrap();
    for (i, n) in tree.nodes.iter().enumerate() {
        assert!(texts.contains(&format!("#{i}")), "chart #{i} is drawn");
        // K in the chart (its first line, when wrapped) labels the node.
        let k = format!("K = {}", n.chart.k_text());
        assert!(
            texts
                .iter()
                .any(|t| k.starts_with(t.as_str()) && t.len() > 4),
            "chart #{i}: {k}"
        );
    }
    assert!(texts.iter().any(|t| t.contains("pole −5/12 of order 1")));
    assert!(texts
        .iter()
        .any(|t| t.contains("toric blow-up: x = x^2*y, y = x^3*y")));
    assert!(texts.iter().any(|t| t.contains("λ = 5/12, m = 1")));
    // No tree, no picture: a clear message.
    let (problem, r) = solve("newton-vertex.rlct", &Options::default());
    assert!(report::tree_svg(&problem, &r)
        .unwrap_err()
        .contains("--always-resolve"));
}

#[test]
fn the_newton_picture_is_well_formed_and_labelled_with_t0() {
    // x⁴ + x²y² + y⁶: the diagonal meets the vertex (2, 2), t₀ = 2, λ = 1/2.
    let (problem, r) = solve("newton-vertex.rlct", &Options::default());
    let site = &r.resolution.sites[0];
    let texts = svg_texts(&report::newton_svg(&problem, &r, site).unwrap());
    assert!(texts.iter().any(|t| t == "t₀ = 2"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("1/t₀ = 1/2")));
    assert!(texts.iter().any(|t| t.contains("codimension 2")));
    assert!(texts.iter().any(|t| t.contains("non-degenerate")));
}

#[test]
fn the_cli_writes_reports_and_pictures_atomically() {
    let dir = std::env::temp_dir().join(format!("rlct-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report_path = dir.join("cusp.md");
    let tree_path = dir.join("tree.svg");
    let newton_path = dir.join("newton.svg");
    let example = common::root().join("examples/cusp.rlct");
    let out = common::run_file(
        &example,
        &[
            "--format",
            "markdown",
            "-o",
            report_path.to_str().unwrap(),
            "--svg-tree",
            tree_path.to_str().unwrap(),
            "--svg-newton",
            newton_path.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "-o writes to the file, not to stdout"
    );
    let stdout = common::run_file(&example, &["--format", "markdown"]).stdout;
    assert_eq!(std::fs::read(&report_path).unwrap(), stdout);
    // The cusp's global result needs no Newton site; the picture is drawn at the origin.
    let newton = std::fs::read_to_string(&newton_path).unwrap();
    assert!(svg_texts(&newton).iter().any(|t| t == "t₀ = 12/5"));
    svg_texts(&std::fs::read_to_string(&tree_path).unwrap());
    // Nothing but the three files: no temporary left behind.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cusp.md", "newton.svg", "tree.svg"]);
    // A directory that does not exist: an error, and nothing written.
    let bad = dir.join("missing/out.md");
    let out = common::run_file(&example, &["-o", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_latex_compiles_with_pdflatex() {
    let available = std::process::Command::new("pdflatex")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    // The packages the full document loads; a TeX installation without one
    // (texlive-base alone lacks booktabs) cannot compile it, which is not a
    // defect of the report.
    let missing: Vec<&str> = ["amsmath", "amssymb", "array", "booktabs", "longtable"]
        .into_iter()
        .filter(|p| {
            !std::process::Command::new("kpsewhich")
                .arg(format!("{p}.sty"))
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if !available || !missing.is_empty() {
        // Straight to stderr: the test harness captures eprintln! of passing tests.
        use std::io::Write;
        let what = if available {
            format!("LaTeX packages missing: {}", missing.join(", "))
        } else {
            "pdflatex is not installed".to_string()
        };
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_latex_compiles_with_pdflatex: {what} \
             (Debian: apt-get install texlive-latex-base texlive-latex-recommended)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("rlct-latex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (case, options) in [
        ("cusp", Options::default()),
        ("reduced-rank-regression", Options::default()),
        ("cusp", bound_options()),
    ] {
        let (problem, r) = solve(&format!("{case}.rlct"), &options);
        let tex = dir.join(format!("{case}-{}.tex", r.status.as_str()));
        std::fs::write(&tex, report::latex(&problem, &r, false, None)).unwrap();
        let out = std::process::Command::new("pdflatex")
            .args(["-interaction=nonstopmode", "-halt-on-error"])
            .arg(&tex)
            .current_dir(&dir)
            .output()
            .unwrap();
        let log = std::fs::read_to_string(tex.with_extension("log")).unwrap_or_default();
        assert!(out.status.success(), "{case}: pdflatex failed:\n{log}");
        // Overfull boxes a reader would notice (more than a couple of points).
        for line in log.lines().filter(|l| l.starts_with("Overfull")) {
            let points: f64 = line
                .split('(')
                .nth(1)
                .and_then(|s| s.split("pt").next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(f64::INFINITY);
            assert!(points < 3.0, "{case}: {line}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The gallery the README links to is what the program prints today:
/// `RLCT_BLESS=1 cargo test --test reports gallery` rewrites it.
#[test]
fn the_gallery_in_docs_is_current() {
    let example = "cusp-at-origin";
    let (problem, r) = solve(&format!("{example}.rlct"), &Options::default());
    let site = &r.resolution.sites;
    let newton_site = match site.first() {
        Some(s) => s.clone(),
        None => rlct::resolve::site_at(
            &problem,
            problem.point.as_ref().unwrap(),
            &Options::default(),
        )
        .unwrap(),
    };
    let files = [
        (
            format!("{example}.md"),
            report::markdown(&problem, &r, None),
        ),
        (
            format!("{example}.tex"),
            report::latex(&problem, &r, false, None),
        ),
        (
            format!("{example}-tree.svg"),
            report::tree_svg(&problem, &r).unwrap(),
        ),
        (
            format!("{example}-newton.svg"),
            report::newton_svg(&problem, &r, &newton_site).unwrap(),
        ),
    ];
    let dir = common::root().join("docs/gallery");
    for (name, text) in files {
        let path = dir.join(&name);
        if std::env::var_os("RLCT_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == text,
            "docs/gallery/{name} is out of date: RLCT_BLESS=1 cargo test --test reports gallery"
        );
    }
}
