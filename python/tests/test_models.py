"""rlct.models: each constructor against the literature's closed form, and
the engine against both."""

import math
from fractions import Fraction

import pytest

import rlct
from rlct import models


def aoyagi_watanabe(M, N, H, r):
    """Reduced rank regression (Aoyagi and Watanabe 2005, main theorem)."""
    if N + r <= M + H and M + r <= N + H and H + r <= M + N:
        s = -((H + r) ** 2) - M * M - N * N + 2 * (H + r) * (M + N) + 2 * M * N
        if (M + H + N + r) % 2 == 0:
            return Fraction(s, 8), 1
        return Fraction(s + 1, 8), 2
    if M + H < N + r:
        return Fraction(H * M - H * r + N * r, 2), 1
    if N + H < M + r:
        return Fraction(H * N - H * r + M * r, 2), 1
    return Fraction(M * N, 2), 1


def tanh_value(H):
    """Three-layer tanh network, true function 0 (Aoyagi): i the largest
    whole number with i² ≤ H, λ = (H + i² + i)/(4i + 2), m = 2 iff i² = H."""
    i = math.isqrt(H)
    return Fraction(H + i * i + i, 4 * i + 2), 2 if i * i == H else 1


@pytest.mark.parametrize("M", range(1, 5))
@pytest.mark.parametrize("N", range(1, 5))
@pytest.mark.parametrize("H", range(1, 4))
def test_rrr_carries_the_closed_form(M, N, H):
    for r in range(0, min(M, N, H) + 1):
        m = models.rrr(M, N, H, true_rank=r)
        assert (m.lambda_, m.multiplicity) == aoyagi_watanabe(M, N, H, r), m.name
        assert "Aoyagi and Watanabe 2005" in m.source
        assert isinstance(m.lambda_, Fraction)


@pytest.mark.parametrize("H", range(1, 10))
def test_tanh_carries_the_closed_form(H):
    m = models.tanh(H)
    assert (m.lambda_, m.multiplicity) == tanh_value(H)


def test_dln_with_one_hidden_layer_is_rrr():
    for M, H, N in [(2, 1, 2), (3, 2, 2), (2, 3, 4)]:
        assert (models.dln([M, H, N]).lambda_, models.dln([M, H, N]).multiplicity) == aoyagi_watanabe(M, N, H, 0)


def test_nmf_bound_is_the_published_one():
    for M, N, H, r in [(2, 2, 1, 0), (3, 2, 2, 1), (3, 3, 2, 2)]:
        b = models.nmf(M, N, H, r).bound
        expected = Fraction((H - r) * min(M, N) + r * (M + N - 2), 2) + Fraction(r % 2, 2)
        assert b is not None and b.lambda_ == expected


SMALL = [
    models.rrr(2, 2, 1),
    models.rrr(3, 2, 2, true_rank=1),
    models.dln([1, 1, 1, 1]),
    models.tanh(2),
    models.factor_analysis(3, 1),
    models.latent_tree("1-4,2-4,3-4"),
    models.naive_bayes(2, truth="independent"),
    models.lda(2, 2, 2),
    models.mixture("binomial", 2, trials=1),
    models.mixture("normal", 2),
    models.rbm(2, 1),
    models.nmf(2, 2, 1),
]


@pytest.mark.parametrize("model", SMALL, ids=lambda m: m.name)
def test_the_engine_agrees_with_the_literature(model):
    r = rlct.analyze(model, timeout=60)
    assert r.exact
    assert (r.lambda_, r.multiplicity) == (model.lambda_, model.multiplicity)
    assert r.model["name"] == model.name
    assert r.model["formula"]["agreement"] == "agrees"
    assert model.name in r.to_markdown() and model.name in r.to_text()
    assert r.model == model.analyze(timeout=60).model


def test_a_model_has_its_file_and_truth():
    m = models.rrr(2, 2, 1)
    assert m.text.startswith("#") and "vars a11, a12, b11, b21;" in m.text
    assert str(m) == m.text and "rrr M=2 N=2 H=1 r=0" in repr(m)
    assert rlct.analyze(m.text).lambda_ == m.lambda_
    local = m.at_truth()
    assert "at the true parameter" in local.name
    r = rlct.analyze(local)
    assert r.scope == "local" and r.lambda_ >= m.lambda_


def test_a_published_bound_only():
    m = models.naive_bayes(3, classes=3, truth="pair")
    assert m.formula is None and m.lambda_ is None and m.bound is not None
    assert isinstance(m.bound.lambda_, Fraction)


def test_families_accept_exact_numbers():
    m = models.mixture("normal", 2, truth=[0], interval=[Fraction(-1), "1"])
    assert m.lambda_ is not None
    fa = models.factor_analysis(3, 1, true_factors=1, true_loadings=[Fraction(1, 4), "1/4", Fraction(3, 8)])
    assert fa.lambda_ is not None


def test_bad_parameters_are_input_errors():
    for make in [
        lambda: models.rrr(0, 2, 1),
        lambda: models.dln([2], 0),
        lambda: models.naive_bayes(2, truth="sideways"),
        lambda: models.mixture("cauchy", 2),
        lambda: models.rbm(2, 1, truth="none"),
        lambda: models.latent_tree("1-"),
    ]:
        with pytest.raises((rlct.InputError, ValueError)):
            make()
