"""The package and the command line agree: for every known case and every
example, rlct.analyze(...).to_json() is byte for byte what
`rlct FILE --format json` prints (same λ, m, status, tree, everything)."""

import json
import subprocess
from fractions import Fraction

import pytest

import rlct
from conftest import ROOT, known_cases, render

EXAMPLES = sorted((ROOT / "examples").glob("*.rlct")) + sorted((ROOT / "examples" / "models").glob("*.rlct"))


def cli_json(cli, text):
    out = subprocess.run(
        [cli, "-", "--format", "json", "--timeout", "600"],
        input=text.encode(),
        capture_output=True,
        timeout=900,
    )
    assert out.returncode in (0, 3), out.stderr.decode()
    return out.stdout.decode()


@pytest.mark.parametrize("case", known_cases(), ids=lambda c: c["id"])
def test_known_case(cli, case):
    text = render(case)
    r = rlct.analyze(text)
    assert (r.lambda_, r.multiplicity, r.status) == (Fraction(case["lambda"]), case["m"], "exact")
    expected = cli_json(cli, text)
    d = json.loads(expected)
    assert (Fraction(d["lambda"]), d["multiplicity"], d["status"]) == (r.lambda_, r.multiplicity, r.status)
    assert r.to_json() == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example(cli, path):
    r = rlct.analyze(path)
    assert r.to_json() == cli_json(cli, path.read_text(encoding="utf-8"))


def cli_output(cli, args, text=None):
    out = subprocess.run([cli, *args], input=None if text is None else text.encode(), capture_output=True, timeout=900)
    assert out.returncode in (0, 3), out.stderr.decode()
    return out.stdout.decode()


def test_reports_are_the_clis(cli):
    text = (ROOT / "examples" / "cusp.rlct").read_text(encoding="utf-8")
    r = rlct.analyze(text)
    assert r.to_markdown() == cli_output(cli, ["-", "--format", "markdown"], text)
    assert r.to_latex() == cli_output(cli, ["-", "--format", "latex"], text)
    assert r.to_latex(fragment=True) == cli_output(cli, ["-", "--format", "latex", "--fragment"], text)
    assert r.to_text() == cli_output(cli, ["-"], text)


@pytest.mark.parametrize(
    "model, args",
    [
        (lambda: rlct.models.rrr(2, 2, 1), ["rrr", "--inputs", "2", "--outputs", "2", "--hidden", "1"]),
        (lambda: rlct.models.dln([1, 1, 1, 1]), ["dln", "--widths", "1,1,1,1"]),
        (lambda: rlct.models.tanh(2), ["tanh", "--hidden", "2"]),
        (lambda: rlct.models.naive_bayes(2, truth="independent"), ["naive-bayes", "--features", "2", "--truth", "independent"]),
        (lambda: rlct.models.mixture("normal", 2), ["mixture", "--family", "normal", "--components", "2"]),
    ],
    ids=["rrr", "dln", "tanh", "naive-bayes", "mixture"],
)
def test_models_are_the_clis(cli, model, args):
    m = model()
    assert m.text == cli_output(cli, ["model", *args, "--emit"])
    r = rlct.analyze(m)
    assert r.to_json() == cli_output(cli, ["model", *args, "--format", "json", "--timeout", "600"])
    assert r.to_markdown() == cli_output(cli, ["model", *args, "--format", "markdown", "--timeout", "600"])
