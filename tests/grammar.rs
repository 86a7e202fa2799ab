//! Keeps grammar/rlct.ebnf and the parser in step: every example block in the
//! grammar parses, and every keyword the grammar reserves is rejected as a name.

mod common;

#[test]
fn grammar_examples_parse() {
    let text = std::fs::read_to_string(common::root().join("grammar/rlct.ebnf")).unwrap();
    let blocks: Vec<&str> = text
        .split("(* example *)")
        .skip(1)
        .map(|b| b.split("(* end *)").next().unwrap())
        .collect();
    assert!(blocks.len() >= 3);
    for b in blocks {
        rlct::parse(b).unwrap_or_else(|e| panic!("grammar example does not parse:\n{b}\n{e}"));
    }
}

#[test]
fn reserved_words_match_the_grammar() {
    for word in ["vars", "domain", "K", "prior", "at", "sos", "in"] {
        let src = format!("vars {word};\nK = 1;");
        assert!(rlct::parse(&src).is_err(), "'{word}' accepted as a name");
    }
}
