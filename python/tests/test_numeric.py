"""rlct.estimate and rlct.check: the numeric side, reproducible from a seed."""

import json
from fractions import Fraction

import rlct

CUSP = "vars x, y; K = (y^2 - x^3)^2;"
FAST = dict(runs=4, live=200)


def test_estimate_is_reproducible_from_its_seed():
    a = rlct.estimate(CUSP, seed=7, **FAST)
    b = rlct.estimate(K="(y^2 - x^3)^2", seed=7, **FAST)
    c = rlct.estimate(CUSP, seed=8, **FAST)
    assert a.to_json() == b.to_json()
    assert a.lambda_ != c.lambda_
    d = json.loads(a.to_json())
    assert (d["seed"], d["runs"], d["live_points"]) == (7, 4, 200)
    assert a.runs_completed == 4 and a.stopped is None


def test_estimate_is_near_the_exact_value():
    e = rlct.estimate(CUSP, seed=1)
    assert isinstance(e.lambda_, float) and e.std_error > 0
    assert abs(e.lambda_ - 5 / 12) < 4 * e.std_error
    assert e.multiplicity_estimate is None
    assert "λ ≈" in str(e) and repr(e).startswith("Estimate(lambda_=")


def test_estimate_with_a_lambda_to_test():
    e = rlct.estimate("vars x, y; K = x^2*y^2;", lambda_=Fraction(1, 2), seed=2)
    assert e.multiplicity_estimate == 2
    assert e.json["given_lambda"] == 0.5
    assert rlct.estimate("vars x, y; K = x^2*y^2;", lambda_="1/2", seed=2).to_json() == e.to_json()


def test_check_compares_both_sides():
    c = rlct.check(rlct.models.rrr(2, 2, 1), seed=1)
    assert c.exact.lambda_ == 1 and c.exact.multiplicity == 2
    assert c.agrees and c.multiplicity_agrees and bool(c)
    assert abs(c.z) < 3
    assert c.multiplicity_estimate == 2 == c.estimate.multiplicity_estimate
    assert c.exact.model["formula"]["agreement"] == "agrees"
    assert json.loads(c.to_json())["lambda"] == "1"
    assert "agree" in str(c)
