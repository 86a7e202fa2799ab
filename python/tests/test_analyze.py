"""rlct.analyze and Result: input forms, exact values, fields, bounds."""

import json
import math
import os
from fractions import Fraction
from pathlib import Path

import pytest

import rlct
from conftest import ROOT

CUSP = "vars x, y; K = (y^2 - x^3)^2;"


def test_the_readme_line():
    assert str(rlct.analyze(CUSP).lambda_) == "5/12"


def test_result_fields_of_the_cusp():
    r = rlct.analyze(CUSP)
    assert r.lambda_ == Fraction(5, 12) and isinstance(r.lambda_, Fraction)
    assert (r.multiplicity, r.status, r.exact) == (1, "exact", True)
    assert r.poles[0] == (Fraction(5, 12), 1)
    assert all(isinstance(q, Fraction) and isinstance(o, int) for q, o in r.poles)
    assert [q for q, _ in r.poles] == sorted(q for q, _ in r.poles)
    assert r.method == "resolution" and r.scope == "global" and r.point is None
    assert r.charts == len(r.tree) > 1
    assert r.tree[0]["parent"] is None and r.tree[0]["id"] == 0
    assert {"id", "parent", "step", "coords", "map", "K", "k", "h", "outcome"} <= set(r.tree[0])
    assert r.reasons == [] and r.model is None
    assert repr(r) == "Result(lambda_=Fraction(5, 12), multiplicity=1, status='exact')"
    assert "λ = 5/12, m = 1" in str(r)


def test_newton_certified_result_has_no_tree():
    r = rlct.analyze("vars x, y; K = x^2 + y^4;")
    assert (r.lambda_, r.multiplicity, r.method) == (Fraction(3, 4), 1, "newton-polyhedron")
    assert r.tree == [] and r.charts == 0
    with pytest.raises(ValueError, match="always.resolve"):
        r.svg_tree()
    t = rlct.analyze("vars x, y; K = x^2 + y^4;", always_resolve=True)
    assert t.lambda_ == Fraction(3, 4) and t.charts > 0 and t.method == "resolution"


def test_multiplicity_and_prior():
    r = rlct.analyze("vars x, y; K = x^2*y^2;")
    assert (r.lambda_, r.multiplicity) == (Fraction(1, 2), 2)
    r = rlct.analyze("vars w; K = w^2; prior = w^2;")
    assert r.lambda_ == Fraction(3, 2)


def test_source_as_a_path(tmp_path):
    path = ROOT / "examples" / "cusp.rlct"
    for source in (path, str(path)):
        assert rlct.analyze(source).lambda_ == Fraction(5, 12)
    with pytest.raises(FileNotFoundError):
        rlct.analyze(str(tmp_path / "missing.rlct"))


def test_keywords():
    r = rlct.analyze(K="(y^2 - x^3)^2")
    assert r.lambda_ == Fraction(5, 12)
    assert r.source.startswith("vars x, y;\n")
    # Python's ** is read as ^; vars in the order given.
    r = rlct.analyze(K="x**2 + y**4", vars=["y", "x"])
    assert r.lambda_ == Fraction(3, 4) and r.source.startswith("vars y, x;")
    # Generators: K = sum of squares.
    assert rlct.analyze(K=["x*y", "x^2"]).lambda_ == rlct.analyze("vars x, y; K = sos(x*y, x^2);").lambda_
    # Domain, prior and at with exact numbers.
    r = rlct.analyze(K="w^4", domain={"w": (0, 1)}, prior="3*w^2")
    assert r.lambda_ == Fraction(3, 4)
    r = rlct.analyze(K="(x - 1/2)^2 + y^2", domain={"x": (Fraction(1, 4), "1")}, at={"x": Fraction(1, 2), "y": 0})
    assert r.scope == "local" and r.point == {"x": Fraction(1, 2), "y": Fraction(0)}
    assert r.lambda_ == 1


def test_keywords_refuse_floats_and_mixtures():
    with pytest.raises(TypeError, match="float"):
        rlct.analyze(K="x^2", domain={"x": (0.1, 1)})
    with pytest.raises(TypeError, match="either source or K"):
        rlct.analyze(CUSP, K="x^2")
    with pytest.raises(TypeError):
        rlct.analyze()


def test_input_error_has_a_position():
    with pytest.raises(rlct.InputError) as e:
        rlct.analyze("vars x, y;\nK = x^2 + ;")
    err = e.value
    assert (err.line, err.column) == (2, 11)
    assert "expected" in err.message
    assert err.line_text == "K = x^2 + ;"
    assert str(err).startswith("line 2, column 11: ")
    assert isinstance(err, ValueError) and isinstance(err, rlct.Error)
    # Keyword input: the position is in the text built from the keywords.
    with pytest.raises(rlct.InputError) as e:
        rlct.analyze(K="x^2 + z", vars=["x"])
    assert e.value.line == 2 and e.value.source.splitlines()[e.value.line - 1].startswith("K = ")
    assert e.value.source.splitlines()[e.value.line - 1][e.value.column - 1] == "z"


def test_other_input_errors():
    with pytest.raises(rlct.InputError):
        rlct.analyze("vars x; K = -x^2;")  # K must be ≥ 0
    with pytest.raises(rlct.InputError):
        rlct.models.rrr(2, 2, 1, true_rank=3)
    with pytest.raises(ValueError):
        rlct.analyze(CUSP, max_charts=0)
    with pytest.raises(ValueError):
        rlct.analyze(CUSP, timeout=-1)


def test_unsupported_input():
    # A prior vanishing along a line through the zero of K, not a monomial there.
    with pytest.raises(rlct.Unsupported) as e:
        rlct.analyze("vars x, y; K = x^2 + y^2; prior = (x - y)^2;")
    assert "prior" in e.value.message and str(e.value).startswith("not supported yet: ")
    assert isinstance(e.value, NotImplementedError) and isinstance(e.value, rlct.Error)
    assert e.value.source == "vars x, y; K = x^2 + y^2; prior = (x - y)^2;"
    assert issubclass(rlct.Stopped, rlct.Error) and issubclass(rlct.Stopped, RuntimeError)


def test_a_bound_is_a_result_not_an_exception():
    r = rlct.analyze(CUSP, max_charts=1)
    assert (r.status, r.exact) == ("bound", False)
    assert r.lambda_ >= Fraction(5, 12)
    assert r.reasons and "unresolved" in r.reasons[0]
    assert "upper bound" in r.to_markdown() or "bound" in r.to_markdown()


def test_a_timeout_ends_with_a_bound():
    hard = rlct.models.rrr(4, 4, 4)
    r = rlct.analyze(hard, timeout=0.3)
    assert r.status == "bound"
    assert r.reasons
    assert r.lambda_ >= hard.lambda_


def test_free_energy():
    r = rlct.analyze("vars x, y; K = x^2*y^2;")  # λ = 1/2, m = 2
    n = 1000.0
    assert math.isclose(r.free_energy(n), 0.5 * math.log(n) - math.log(math.log(n)))
    r = rlct.analyze(CUSP)
    assert math.isclose(r.free_energy(1e6), 5 / 12 * math.log(1e6))


def test_free_energy_of_an_array():
    numpy = pytest.importorskip("numpy", reason="NumPy is not installed")
    r = rlct.analyze("vars x, y; K = x^2*y^2;")
    ns = numpy.array([10.0, 100.0])
    assert numpy.allclose(r.free_energy(ns), [r.free_energy(10.0), r.free_energy(100.0)])


def test_to_json_is_the_stable_interface():
    r = rlct.analyze(CUSP)
    d = json.loads(r.to_json())
    assert (d["lambda"], d["multiplicity"], d["status"]) == ("5/12", 1, "exact")
    assert d["version"] == rlct.JSON_VERSION
    assert r.to_dict() == d


def test_reports():
    r = rlct.analyze(CUSP)
    latex = r.to_latex()
    assert latex.lstrip().startswith("\\documentclass") and "\\end{document}" in latex
    frag = r.to_latex(fragment=True)
    assert "\\documentclass" not in frag and "\\tfrac{5}{12}" in frag
    assert "5/12" in r.to_text()


def test_the_gil_is_released(tmp_path):
    # Another Python thread runs while an analysis is under way.
    import threading
    import time

    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    t.start()
    try:
        started = time.monotonic()
        rlct.analyze(rlct.models.rrr(4, 4, 4), timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        t.join()
    assert elapsed > 0.5
    during = [x for x in ticks if started < x < started + elapsed]
    assert len(during) > 10, "the ticking thread did not run during the analysis"
