"""Type stubs of :mod:`rlct` (the implementation is in ``__init__.py``,
documented there)."""

import os
from fractions import Fraction
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, overload

from . import models as models
from ._errors import Error as Error
from ._errors import InputError as InputError
from ._errors import Stopped as Stopped
from ._errors import Unsupported as Unsupported

__all__ = [
    "analyze",
    "estimate",
    "check",
    "Result",
    "Estimate",
    "Check",
    "Error",
    "InputError",
    "Unsupported",
    "Stopped",
    "models",
    "suite",
    "JSON_VERSION",
]
__version__: str
JSON_VERSION: int

#: An exact number: int, Fraction, a string such as "1/2", or a SymPy Rational.
_Exact = Any
#: A polynomial: a string ("x^2*y", "x**2*y") or a SymPy expression.
_Expr = Any
_Source = Union[str, "os.PathLike[str]", models.Model]
_K = Union[_Expr, Sequence[_Expr]]
_Domain = Mapping[Any, Tuple[_Exact, _Exact]]
_Point = Mapping[Any, _Exact]

class Result:
    lambda_: Fraction
    multiplicity: int
    status: str
    exact: bool
    poles: List[Tuple[Fraction, int]]
    charts: int
    reasons: List[str]
    notes: List[str]
    tree: List[Dict[str, Any]]
    method: str
    scope: str
    point: Optional[Dict[str, Fraction]]
    model: Optional[Dict[str, Any]]
    source: str
    def __init__(self, analysis: Any, source: str) -> None: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_text(self) -> str: ...
    def to_markdown(self) -> str: ...
    def to_latex(self, fragment: bool = False) -> str: ...
    def svg_tree(self) -> str: ...
    def svg_newton(self) -> str: ...
    @overload
    def free_energy(self, n: float) -> float: ...
    @overload
    def free_energy(self, n: Any) -> Any: ...
    def _repr_markdown_(self) -> str: ...
    def _repr_latex_(self) -> str: ...
    def _repr_svg_(self) -> Optional[str]: ...

class Estimate:
    lambda_: float
    std_error: float
    loglog: float
    loglog_std_error: float
    multiplicity_estimate: Optional[int]
    runs_completed: int
    stopped: Optional[str]
    json: Dict[str, Any]
    def __init__(self, json_text: str, text: str) -> None: ...
    def to_json(self) -> str: ...
    def _repr_markdown_(self) -> str: ...

class Check:
    exact: Result
    estimate: Estimate
    agrees: bool
    multiplicity_agrees: bool
    z: float
    relative_error: float
    multiplicity_estimate: int
    loglog_given: Tuple[float, float]
    shadowed_by: Optional[Tuple[Fraction, int]]
    json: Dict[str, Any]
    def __init__(self, exact: Result, estimate: Estimate, json_text: str, text: str) -> None: ...
    def to_json(self) -> str: ...
    def __bool__(self) -> bool: ...
    def _repr_markdown_(self) -> str: ...

def analyze(
    source: Optional[_Source] = None,
    *,
    K: Optional[_K] = None,
    vars: Optional[Union[str, Iterable[Any]]] = None,
    domain: Optional[_Domain] = None,
    prior: Optional[_Expr] = None,
    at: Optional[_Point] = None,
    timeout: Optional[float] = None,
    max_charts: Optional[int] = None,
    always_resolve: bool = False,
    max_memory: Optional[int] = None,
) -> Result: ...
def estimate(
    source: Optional[_Source] = None,
    *,
    K: Optional[_K] = None,
    vars: Optional[Union[str, Iterable[Any]]] = None,
    domain: Optional[_Domain] = None,
    prior: Optional[_Expr] = None,
    at: Optional[_Point] = None,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    lambda_: Optional[Union[Fraction, str, float]] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
) -> Estimate: ...
def check(
    source: Optional[_Source] = None,
    *,
    K: Optional[_K] = None,
    vars: Optional[Union[str, Iterable[Any]]] = None,
    domain: Optional[_Domain] = None,
    prior: Optional[_Expr] = None,
    at: Optional[_Point] = None,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    timeout: Optional[float] = 60.0,
    max_memory: Optional[int] = None,
) -> Check: ...
def suite(max_params: Optional[int] = None, family: Optional[str] = None) -> List[Dict[str, Any]]: ...
