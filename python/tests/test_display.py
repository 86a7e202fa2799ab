"""Jupyter display: each _repr_*_ method's output, parsed."""

import re
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest

import rlct

CUSP = "vars x, y; K = (y^2 - x^3)^2;"
SVG = "{http://www.w3.org/2000/svg}svg"


def test_markdown_repr():
    md = rlct.analyze(CUSP)._repr_markdown_()
    assert md.startswith("## ")
    sentence = next(line for line in md.splitlines() if line.startswith("**Result.**"))
    assert "$\\lambda = \\tfrac{5}{12}$" in sentence and "$m = 1$" in sentence
    # Every $…$ is closed on its line.
    for line in md.splitlines():
        assert line.count("$") % 2 == 0, line


def test_latex_repr_is_balanced_math():
    tex = rlct.analyze("vars x, y; K = x^2*y^2;")._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$")
    body = tex[2:-2]
    depth = 0
    for ch in body:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    assert "\\tfrac{1}{2}\\log n" in body and "\\log\\log n" in body


def test_svg_repr_is_the_tree_or_the_newton_polygon():
    r = rlct.analyze(CUSP)
    root = ET.fromstring(r._repr_svg_())
    assert root.tag == SVG and float(root.get("width")) > 0
    assert root.iter("{http://www.w3.org/2000/svg}text")
    assert r._repr_svg_() == r.svg_tree()
    # Without a tree: the Newton polygon.
    n = rlct.analyze("vars x, y; K = x^2 + y^4;")
    newton = ET.fromstring(n._repr_svg_())
    assert newton.tag == SVG
    assert n._repr_svg_() == n.svg_newton()
    assert ET.fromstring(r.svg_newton()).tag == SVG


def test_ipython_formats_a_result():
    formatters = pytest.importorskip("IPython.core.formatters", reason="IPython is not installed")
    data, _ = formatters.DisplayFormatter().format(rlct.analyze(CUSP))
    assert {"text/plain", "text/markdown", "text/latex", "image/svg+xml"} <= set(data)
    assert "Fraction(5, 12)" in data["text/plain"]
    assert data["text/markdown"].startswith("## ")


def test_estimate_and_check_display():
    e = rlct.estimate(CUSP, runs=2, live=50)
    assert e._repr_markdown_().startswith("```\nλ ≈ ")
    c = rlct.check(CUSP, runs=2, live=50)
    md = c._repr_markdown_()
    assert md.startswith("```\nexact:    λ = 5/12") and "## " in md
