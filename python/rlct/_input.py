"""Turning what a notebook user passes — a string, a SymPy expression, a
path, a model — into the engine's input text. The engine parses the text
itself, so every check of the grammar (and every error position) is the
command line's."""

import numbers
import os
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any, Dict, Iterable, List, Optional, Tuple

#: Words of the input language that are not coordinates.
_KEYWORDS = {"vars", "domain", "K", "prior", "at", "sos", "in"}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _is_sympy(x: Any) -> bool:
    # Checked by the class's module, so that SymPy is never imported here.
    return any(c.__module__.startswith("sympy.") for c in type(x).__mro__)


def _natural_key(name: str) -> List[Any]:
    # a2 before a10, as people number their parameters.
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def expr_text(e: Any, what: str) -> str:
    """An expression as input text: a string as it is (with Python's ``**``
    read as ``^``), a SymPy expression through its string form, a number
    exactly."""
    if isinstance(e, str):
        return e.replace("**", "^")
    if _is_sympy(e):
        return _sympy_text(e, what)
    if isinstance(e, (numbers.Rational, Decimal)) and not isinstance(e, bool):
        return "(" + number_text(e, what) + ")"
    raise TypeError(
        f"{what} must be a string or a SymPy expression, not {type(e).__name__}"
    )


def _sympy_text(e: Any, what: str) -> str:
    import sympy

    if isinstance(e, (sympy.Eq, sympy.core.relational.Relational)):
        raise TypeError(f"{what} must be an expression, not a relation ({e})")
    e = sympy.sympify(e)
    symbols = sorted(e.free_symbols, key=lambda s: _natural_key(str(s)))
    # A polynomial with rational (or decimal) coefficients is what the
    # engine reads; anything else would only fail later, less clearly.
    if not e.is_polynomial(*symbols):
        raise _input_error(f"{what} = {e} is not a polynomial in {', '.join(map(str, symbols)) or 'its symbols'}")
    for a in e.atoms(sympy.Number):
        if not (a.is_Rational or a.is_Float):
            raise _input_error(f"{what}: the coefficient {a} is not a rational number")
    for a in e.atoms(sympy.NumberSymbol, sympy.core.numbers.ImaginaryUnit):
        raise _input_error(f"{what}: the constant {a} is not a rational number")
    return sympy.sstr(e).replace("**", "^")


def _input_error(message: str) -> Exception:
    from ._errors import InputError

    err = InputError(message)
    return err


def number_text(v: Any, what: str) -> str:
    """An exact number as input text (``-3/4``). Floats are refused: their
    binary value is rarely the number meant; write ``"0.1"`` or
    ``Fraction(1, 10)``."""
    if isinstance(v, bool):
        raise TypeError(f"{what}: {v!r} is not a number")
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Rational):
        q = Fraction(int(v.numerator), int(v.denominator))
        return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    if isinstance(v, Decimal):
        return number_text(Fraction(v), what)
    if _is_sympy(v):
        import sympy

        v = sympy.sympify(v)
        if v.is_Rational:
            return number_text(Fraction(int(v.p), int(v.q)), what)
        raise TypeError(f"{what}: {v} is not a rational number")
    if isinstance(v, float):
        raise TypeError(
            f"{what}: the float {v!r} is not exact; write it as a string "
            f"({str(v)!r}) or a Fraction"
        )
    raise TypeError(f"{what}: {v!r} ({type(v).__name__}) is not an exact number")


def _symbols_of(e: Any) -> List[str]:
    if isinstance(e, str):
        return [w for w in _IDENTIFIER.findall(e) if w not in _KEYWORDS]
    if _is_sympy(e):
        import sympy

        return [str(s) for s in sympy.sympify(e).free_symbols]
    if isinstance(e, (list, tuple)):
        return [s for g in e for s in _symbols_of(g)]
    return []


def _generators(K: Any) -> Optional[List[Any]]:
    """The generators when K is given as a list (K = Σ f²), else None."""
    if isinstance(K, (list, tuple)):
        return list(K)
    if _is_sympy(K):
        import sympy

        if isinstance(K, sympy.MatrixBase):
            return list(K)
    return None


def keyword_text(
    K: Any,
    vars: Optional[Iterable[Any]],
    domain: Optional[Dict[Any, Tuple[Any, Any]]],
    prior: Any,
    at: Optional[Dict[Any, Any]],
) -> str:
    """The input text for ``analyze(K=…, vars=…, domain=…, prior=…, at=…)``,
    one statement a line (so that an error's line says which keyword)."""
    gens = _generators(K)
    if gens is not None:
        if not gens:
            raise ValueError("K: an empty list of generators")
        k_text = "sos(" + ", ".join(expr_text(g, "K") for g in gens) + ")"
    else:
        k_text = expr_text(K, "K")
    if vars is None:
        names = set(_symbols_of(gens if gens is not None else K))
        if prior is not None:
            names.update(_symbols_of(prior))
        names.update(str(v) for v in (domain or {}))
        names.update(str(v) for v in (at or {}))
        if not names:
            raise ValueError("K has no symbols: give vars=[...]")
        var_names = sorted(names, key=_natural_key)
    else:
        if isinstance(vars, str):
            vars = [v for v in re.split(r"[\s,]+", vars) if v]
        var_names = [str(v) for v in vars]
    lines = [f"vars {', '.join(var_names)};"]
    if domain:
        parts = []
        for v, bounds in domain.items():
            try:
                lo, hi = bounds
            except (TypeError, ValueError):
                raise TypeError(
                    f"domain[{v}] must be a pair (lower, upper), not {bounds!r}"
                ) from None
            parts.append(
                f"{v} in [{number_text(lo, f'domain[{v}]')}, {number_text(hi, f'domain[{v}]')}]"
            )
        lines.append(f"domain {', '.join(parts)};")
    lines.append(f"K = {k_text};")
    if prior is not None:
        lines.append(f"prior = {expr_text(prior, 'prior')};")
    if at:
        parts = [f"{v} = {number_text(x, f'at[{v}]')}" for v, x in at.items()]
        lines.append(f"at {', '.join(parts)};")
    return "\n".join(lines) + "\n"


def source_text(source: Any) -> str:
    """The input text of ``source``: a path (``os.PathLike``, or a string
    without ``;`` — every statement ends with one, so such a string cannot
    be input text) is read; other strings are the text itself."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and ";" not in source):
        with open(source, encoding="utf-8-sig") as f:
            return f.read()
    if isinstance(source, bytes):
        return source.decode("utf-8-sig")
    if isinstance(source, str):
        return source
    raise TypeError(
        "source must be input text, a path or a model from rlct.models, "
        f"not {type(source).__name__}"
    )
