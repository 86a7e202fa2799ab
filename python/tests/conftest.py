"""Shared helpers of the Python test suite: the repository's paths, the
table of known cases, and the command-line binary to compare against."""

import os
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

#: The repository root (python/tests/ is two levels down).
ROOT = Path(__file__).resolve().parents[2]


def known_cases():
    """Every case of tests/cases/known.toml, in file order."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        tomllib = pytest.importorskip("tomli", reason="reading known.toml needs Python 3.11 or tomli")
    with open(ROOT / "tests" / "cases" / "known.toml", "rb") as f:
        return tomllib.load(f)["case"]


def render(case):
    """A known case as an input file, as tests/common/cases.rs renders it."""
    s = f"vars {', '.join(case['vars'])};\n"
    if "domain" in case:
        parts = [f"{v} in [{lo}, {hi}]" for v, (lo, hi) in sorted(case["domain"].items())]
        s += f"domain {', '.join(parts)};\n"
    if "gens" in case:
        s += f"K = sos({', '.join(case['gens'])});\n"
    else:
        s += f"K = {case['K']};\n"
    if "prior" in case:
        s += f"prior = {case['prior']};\n"
    if "at" in case:
        s += "at " + ", ".join(f"{v} = {x}" for v, x in sorted(case["at"].items())) + ";\n"
    return s


def fraction(s):
    return Fraction(s)


@pytest.fixture(scope="session")
def cli():
    """The `rlct` binary built from this tree: $RLCT_CLI (the Rust test
    that runs this suite sets it), else target/{release,debug}/rlct, else
    `rlct` on the PATH."""
    candidates = [os.environ.get("RLCT_CLI")]
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    candidates += [str(target / "release" / "rlct"), str(target / "debug" / "rlct")]
    candidates.append(shutil.which("rlct"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    pytest.skip("no rlct binary: set RLCT_CLI or run `cargo build` (cargo test sets it)")
