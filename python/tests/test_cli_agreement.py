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
