"""rlct.suite(): the reference set for estimators. Its NumPy strings and
its monomial lists are evaluated with NumPy at random points of each box
and must agree; for a few entries both are also compared, exactly, with
the engine's own evaluation of K."""

import json
import subprocess
from fractions import Fraction

import pytest

import rlct

np = pytest.importorskip("numpy")

ENTRIES = rlct.suite()


def monomials_float(monomials, w):
    """Σ c·Π w_j^e_j, vectorised: w has shape (d, n)."""
    c = np.array([t["coefficient_float"] for t in monomials])
    e = np.array([t["exponents"] for t in monomials], dtype=float)  # (terms, d)
    powers = np.prod(w.T[:, None, :] ** e[None, :, :], axis=2)  # (n, terms)
    return powers @ c


def monomials_exact(monomials, w):
    """The same with Fractions at one point."""
    total = Fraction(0)
    for t in monomials:
        term = Fraction(t["coefficient"])
        for x, k in zip(w, t["exponents"]):
            term *= x**k
        total += term
    return total


def points(entry, n, seed):
    rng = np.random.default_rng(seed)
    lo = np.array([iv["lo_float"] for iv in entry["domain"]])
    hi = np.array([iv["hi_float"] for iv in entry["domain"]])
    return lo[:, None] + (hi - lo)[:, None] * rng.random((entry["parameters"], n))


def test_the_set_is_the_command_line_one(cli):
    out = subprocess.run([cli, "suite", "--format", "json"], capture_output=True, text=True, check=True)
    d = json.loads(out.stdout)
    assert d["schema"] == "rlct-suite" and d["array"] == "w"
    assert d["entries"] == ENTRIES


def test_entries_are_well_formed():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids)) and 30 <= len(ids) <= 64
    assert min(e["parameters"] for e in ENTRIES) == 2
    assert max(e["parameters"] for e in ENTRIES) >= 128
    for e in ENTRIES:
        d = e["parameters"]
        assert len(e["variables"]) == len(e["domain"]) == len(e["truth"]["point"]) == d
        assert e["status"] in ("exact", "bound")
        assert abs(float(Fraction(e["lambda"])) - e["lambda_float"]) < 1e-12
        assert e["engine_accepts"] == (d <= 64) == (e["command"] is not None)
        for g in e["k"]["generators"]:
            assert all(len(t["exponents"]) == d for t in g["monomials"])


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_numpy_strings_agree_with_the_monomials(entry):
    w = points(entry, 16, seed=len(entry["id"]))
    gens = entry["k"]["generators"]
    total = np.zeros(w.shape[1])
    for g in gens:
        by_string = np.broadcast_to(eval(g["numpy"], {"w": w}), (w.shape[1],))
        by_monomials = monomials_float(g["monomials"], w)
        np.testing.assert_allclose(by_string, by_monomials, rtol=1e-9, atol=1e-12)
        total += by_monomials**2
    k = np.broadcast_to(eval(entry["k"]["numpy"], {"w": w}), (w.shape[1],))
    np.testing.assert_allclose(k, total, rtol=1e-9, atol=1e-12)
    # One point as a plain list of floats works as well.
    point = [float(x) for x in w[:, 0]]
    assert eval(entry["k"]["numpy"], {"w": point}) == pytest.approx(k[0], rel=1e-9, abs=1e-12)
    prior = np.broadcast_to(eval(entry["prior"]["numpy"], {"w": w}), (w.shape[1],))
    np.testing.assert_allclose(prior, monomials_float(entry["prior"]["monomials"], w), rtol=1e-9)
    assert (prior >= 0).all()
    assert (k >= 0).all()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_k_vanishes_at_the_truth(entry):
    truth = [Fraction(x) for x in entry["truth"]["point"]]
    for x, iv in zip(truth, entry["domain"]):
        assert Fraction(iv["lo"]) <= x <= Fraction(iv["hi"])
    assert all(monomials_exact(g["monomials"], truth) == 0 for g in entry["k"]["generators"])


FEW = [e for e in ENTRIES if e["id"] in {
    "rrr-M2-N2-H2-r1", "dln-2-2-2-2-r0", "fa-p4-k1-r1", "nb-n2-c2-pair",
    "mix-normal-K2", "rbm-M2-H1-independent", "dln-4-8-8-4-r1",
}]


@pytest.mark.parametrize("entry", FEW, ids=[e["id"] for e in FEW])
def test_monomials_are_the_engines_k_exactly(entry):
    assert len(FEW) == 7
    rng = np.random.default_rng(7)
    for _ in range(3):
        # Exact rational points of the box.
        point = []
        for iv in entry["domain"]:
            lo, hi = Fraction(iv["lo"]), Fraction(iv["hi"])
            point.append(lo + (hi - lo) * Fraction(int(rng.integers(0, 97)), 96))
        ours = sum(monomials_exact(g["monomials"], point) ** 2 for g in entry["k"]["generators"])
        engine = Fraction(rlct._rlct.suite_k_at(entry["id"], [str(x) for x in point]))
        assert ours == engine
        floats = np.array([[float(x)] for x in point])
        assert float(eval(entry["k"]["numpy"], {"w": floats})[0]) == pytest.approx(float(engine), rel=1e-9, abs=1e-15)


def test_filters_and_errors():
    small = rlct.suite(max_params=8, family="dln")
    assert small and all(e["family"] == "dln" and e["parameters"] <= 8 for e in small)
    assert [e["id"] for e in small] == [e["id"] for e in ENTRIES if e["family"] == "dln" and e["parameters"] <= 8]
    with pytest.raises(rlct.InputError, match="unknown family"):
        rlct.suite(family="perceptron")
    with pytest.raises(ValueError):
        rlct._rlct.suite_k_at("no-such-entry", ["0"])


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["parameters"] <= 4 and e["status"] == "exact"][:4],
                         ids=lambda e: e["id"])
def test_small_entries_solve_to_their_value(entry):
    r = rlct.analyze(entry["rlct_input"], timeout=30)
    assert (r.lambda_, r.multiplicity, r.status) == (Fraction(entry["lambda"]), entry["multiplicity"], "exact")
