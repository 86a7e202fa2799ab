//! Malformed or unacceptable inputs: each must exit with code 2 and a message
//! that names the line and column (or the offending item), never panic.

mod common;

/// (name, input, text the message must contain)
const CASES: &[(&str, &str, &str)] = &[
    (
        "missing semicolon",
        "vars x\nK = x^2;",
        "line 2, column 1: expected ';', found 'K'",
    ),
    (
        "unknown variable",
        "vars x;\nK = x^2 + y^2;",
        "line 2, column 11: unknown variable 'y'",
    ),
    (
        "negative exponent",
        "vars x;\nK = x^-2;",
        "line 2, column 6: negative exponent -2",
    ),
    (
        "fractional exponent",
        "vars x;\nK = x^1.5;",
        "line 2, column 7: an exponent must be a non-negative integer",
    ),
    (
        "division by zero",
        "vars x;\nK = x^2/0;",
        "line 2, column 8: division by zero",
    ),
    (
        "division by zero in a bound",
        "vars x;\ndomain x in [0, 1/0];\nK = x^2;",
        "line 2, column 18: division by zero",
    ),
    (
        "division by a variable",
        "vars x, y;\nK = x/y;",
        "line 2, column 6: division by a polynomial",
    ),
    ("empty file", "", "line 1, column 1: empty input"),
    (
        "only comments",
        "# nothing here\n",
        "line 2, column 1: empty input",
    ),
    (
        "undeclared point",
        "vars x, y;\nK = x^2;\nat z = 0;",
        "line 3, column 4: unknown variable 'z'",
    ),
    (
        "incomplete point",
        "vars x, y;\nK = x^2;\nat x = 0;",
        "line 3, column 1: the point must give every coordinate: 'y' is missing",
    ),
    (
        "point outside the domain",
        "vars x;\nK = x^2;\nat x = 2;",
        "line 3, column 1: the point lies outside the domain",
    ),
    (
        "point not a zero",
        "vars x;\nK = x^2;\nat x = 1/2;",
        "K (line 2) does not vanish at the point x = 1/2",
    ),
    (
        "K negative somewhere",
        "vars x, y;\nK = x^2 - y^2;",
        "K (line 2) is negative on the domain",
    ),
    (
        "K without zeros (positive even)",
        "vars x;\nK = x^2 + 1;",
        "K (line 2) has no zero on the domain",
    ),
    (
        "K without zeros (general)",
        "vars x;\nK = (x - 2)^2;",
        "K (line 2) has no zero on the domain",
    ),
    (
        "K without zeros (box away from them)",
        "vars x;\ndomain x in [1/2, 1];\nK = x^2;",
        "K (line 3) has no zero on the domain",
    ),
    (
        "K identically zero",
        "vars x;\nK = x - x;",
        "K (line 2) is identically zero",
    ),
    (
        "prior negative somewhere",
        "vars x;\nK = x^2;\nprior = x;",
        "the prior (line 3) is negative on the domain",
    ),
    (
        "huge exponent",
        "vars x;\nK = x^100000;",
        "line 2, column 6: exponent 100000 is too large",
    ),
    (
        // Found by the long fuzz run: 4^999000 took seconds to compute and
        // everything after it minutes, past any time limit.
        "numbers too large",
        "vars x;\nK = x^2 + ((4)^999)^1000;",
        "line 2, column 20: numbers too large",
    ),
    (
        "a bound with too many digits",
        "vars x;\ndomain x in [0, 1/1000000000000000000000000000000000000000000000000000000000000000000000];\nK = x^2;",
        "line 2, column 8: a bound of 'x' has more than 60 digits",
    ),
    (
        "expansion too large",
        "vars a, b, c, d, e, f;\nK = (a+b+c+d+e+f+1)^40;",
        "line 2, column 20: polynomial too large",
    ),
    (
        "unknown statement",
        "vars x;\nL = x^2;",
        "line 2, column 1: unknown statement 'L'",
    ),
    ("missing K", "vars x;\n", "no `K = …;` statement"),
    (
        "missing vars",
        "K = 1;",
        "line 1, column 1: K comes before `vars`",
    ),
    (
        "unbalanced parenthesis",
        "vars x;\nK = (x^2;",
        "line 2, column 9: expected ')', found ';'",
    ),
    (
        "stray character",
        "vars x;\nK = x^2 $ 1;",
        "line 2, column 9: expected ';', found '$'",
    ),
    (
        "dangling operator",
        "vars x;\nK = x^2 +;",
        "line 2, column 10: expected a term, found ';'",
    ),
    (
        "empty interval",
        "vars x;\ndomain x in [1, 0];\nK = x^2;",
        "line 2, column 8: the interval of 'x' is empty",
    ),
    (
        "duplicate coordinate",
        "vars x, x;\nK = x^2;",
        "line 1, column 9: coordinate 'x' is declared twice",
    ),
    (
        "reserved word",
        "vars K;\nK = K^2;",
        "line 1, column 6: 'K' is a reserved word",
    ),
    (
        "K twice",
        "vars x;\nK = x^2;\nK = x^4;",
        "line 3, column 1: K is given twice",
    ),
];

#[test]
fn malformed_inputs_exit_2_with_a_located_message() {
    assert!(CASES.len() >= 15);
    for (name, input, want) in CASES {
        let out = common::run_stdin(input, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{name}: exit code; stderr: {stderr}"
        );
        assert!(
            stderr.contains(want),
            "{name}: expected '{want}' in: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panic");
        assert!(out.stdout.is_empty(), "{name}: no result on stdout");
    }
}

#[test]
fn too_many_coordinates() {
    let names: Vec<String> = (0..65).map(|i| format!("x{i}")).collect();
    let input = format!("vars {};\nK = x0^2;", names.join(", "));
    let out = common::run_stdin(&input, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too many"));
}

#[test]
fn a_missing_file_is_bad_input() {
    let out = common::run_file(std::path::Path::new("/nonexistent/x.rlct"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    // `rlct FILE --tree | head -1`: standard output closes early.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rlct"))
        .args([
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/cusp.rlct"),
            "--tree",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
