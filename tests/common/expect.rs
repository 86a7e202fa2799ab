//! The `# expect:` line of the input files in examples/.

/// What an input file's `# expect:` line states.
pub enum Expect {
    Exact {
        lambda: String,
        m: u64,
    },
    /// Only a bound is certified yet; the true λ is known from the source.
    Bound {
        truth: String,
    },
}

/// The `# expect:` line of an input file: `lambda = …, m = …, exact`, or
/// `bound, true lambda = …`.
pub fn expectation(src: &str) -> Expect {
    let line = src
        .lines()
        .find_map(|l| l.strip_prefix("# expect:"))
        .expect("every example states what it expects");
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let value = |key: &str| -> String {
        fields
            .iter()
            .find_map(|f| {
                f.strip_prefix(key)
                    .map(|v| v.trim_start_matches([' ', '=']).trim().to_string())
            })
            .unwrap_or_else(|| panic!("no '{key}' in '# expect:{line}'"))
    };
    if fields[0] == "bound" {
        Expect::Bound {
            truth: value("true lambda"),
        }
    } else {
        assert_eq!(fields.last(), Some(&"exact"));
        Expect::Exact {
            lambda: value("lambda"),
            m: value("m").parse().unwrap(),
        }
    }
}
