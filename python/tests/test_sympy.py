"""SymPy input: converted exactly through its string form."""

from fractions import Fraction

import pytest

import rlct

sympy = pytest.importorskip("sympy", reason="SymPy is not installed: its input is not tested")


def test_a_sympy_expression():
    x, y = sympy.symbols("x y")
    r = rlct.analyze(K=(y**2 - x**3) ** 2)
    assert r.lambda_ == Fraction(5, 12)
    assert r.source.startswith("vars x, y;")


def test_rational_coefficients_stay_exact():
    x, y = sympy.symbols("x y")
    K = sympy.Rational(1, 3) * x**2 + sympy.Rational(2, 7) * y**4
    r = rlct.analyze(K=K, vars=[x, y])
    assert r.lambda_ == Fraction(3, 4)
    assert "x^2/3" in r.source or "1/3" in r.source


def test_sympy_generators_domain_prior_and_point():
    a, b = sympy.symbols("a b")
    r = rlct.analyze(
        K=[a * b, a**2],
        domain={a: (0, 1), b: (sympy.Rational(-1, 2), 1)},
        prior=1 + b**2,
    )
    expected = rlct.analyze("vars a, b; domain a in [0, 1], b in [-1/2, 1]; K = sos(a*b, a^2); prior = 1 + b^2;")
    assert (r.lambda_, r.multiplicity) == (expected.lambda_, expected.multiplicity)
    m = sympy.Matrix([[a * b], [a**2]])
    assert rlct.analyze(K=m).lambda_ == rlct.analyze(K=[a * b, a**2]).lambda_
    r = rlct.analyze(K=(a - 1) ** 2 + b**2, at={a: sympy.Integer(1), b: 0})
    assert r.scope == "local" and r.lambda_ == 1


def test_natural_order_of_symbols():
    w = sympy.symbols("w1:12")
    r = rlct.analyze(K=sum(v**2 for v in w))
    assert r.source.startswith("vars w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11;")
    assert r.lambda_ == Fraction(11, 2)


def test_not_a_polynomial():
    x = sympy.symbols("x")
    with pytest.raises(rlct.InputError, match="not a polynomial"):
        rlct.analyze(K=sympy.sin(x) ** 2)
    with pytest.raises(rlct.InputError):
        rlct.analyze(K=sympy.sqrt(2) * x**2)
    with pytest.raises(TypeError):
        rlct.analyze(K=x, domain={x: (sympy.sqrt(2), 2)})
