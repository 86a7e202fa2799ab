"""Exact real log canonical thresholds (learning coefficients) from Python.

``rlct`` computes the learning coefficient λ and its multiplicity m of a
polynomial K(w) ≥ 0 under a prior φ(w) — the numbers in Watanabe's free
energy F_n = n·K_min + λ·log n − (m − 1)·log log n — as exact rationals
certified by Newton polyhedra and resolution of singularities, or as an
explicit upper bound with the reasons named. It calls the Rust engine
directly (the same library as the ``rlct`` command line).

>>> import rlct
>>> rlct.analyze("vars x, y; K = (y^2 - x^3)^2;").lambda_
Fraction(5, 12)
>>> r = rlct.analyze(K="(y^2 - x^3)^2")          # vars: the symbols of K
>>> r.multiplicity, r.status
(1, 'exact')

K may also be a SymPy expression (or a list of generators, K = Σ fᵢ²);
``rlct.models`` builds the K of known singular models, and
``rlct.estimate`` / ``rlct.check`` give the numeric side to compare with.
A result displays itself in Jupyter (Markdown report, LaTeX, SVG tree).
Long runs release the GIL, and Ctrl-C stops them (``KeyboardInterrupt``).
"""

import json as _json
import math as _math
from fractions import Fraction
from typing import Any, Dict, List, Optional, Tuple

from . import _rlct
from . import models
from ._errors import Error, InputError, Stopped, Unsupported
from ._input import keyword_text as _keyword_text
from ._input import source_text as _source_text

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

__version__ = "0.1.0"

#: Version of the JSON layout of :meth:`Result.to_json` (the CLI's).
JSON_VERSION: int = _rlct.JSON_VERSION


def _problem(source: Any, K: Any, vars: Any, domain: Any, prior: Any, at: Any):
    """The input text and the model (if any) of a call."""
    keywords = {"vars": vars, "domain": domain, "prior": prior, "at": at}
    if source is not None:
        if K is not None or any(v is not None for v in keywords.values()):
            given = ["K"] * (K is not None) + [k for k, v in keywords.items() if v is not None]
            raise TypeError(
                f"give either source or K=…, not both (also given: {', '.join(given)})"
            )
        if isinstance(source, models.Model):
            return source.text, source
        return _source_text(source), None
    if K is None:
        raise TypeError("analyze() needs input text, a path, a model, or K=…")
    return _keyword_text(K, vars, domain, prior, at), None


def _seconds(timeout: Optional[float]) -> Optional[float]:
    return None if timeout is None else float(timeout)


def analyze(
    source: Any = None,
    *,
    K: Any = None,
    vars: Any = None,
    domain: Optional[Dict[Any, Tuple[Any, Any]]] = None,
    prior: Any = None,
    at: Optional[Dict[Any, Any]] = None,
    timeout: Optional[float] = None,
    max_charts: Optional[int] = None,
    always_resolve: bool = False,
    max_memory: Optional[int] = None,
) -> "Result":
    """Compute λ and m exactly (or an upper bound, with its reasons).

    Parameters
    ----------
    source : str, os.PathLike or rlct.models.Model, optional
        Input text in the ``rlct`` language (``"vars x, y; K = x^2*y^4;"``),
        the path of an input file (a ``str`` without ``;`` is taken as a
        path), or a model from :mod:`rlct.models`.
    K : str, SymPy expression, or list of them
        Instead of ``source``: K as a polynomial (``"(y^2 - x^3)^2"``,
        ``x**2 + y**4``; ``**`` is read as ``^``), or the generators f_j of
        K = Σ f_j² as a list (or a SymPy Matrix). SymPy input is converted
        exactly through its string form.
    vars : list of str or SymPy symbols, optional
        The coordinates, in order. Default: every symbol in K, the prior,
        ``domain`` and ``at``, in natural order (a2 before a10).
    domain : dict, optional
        ``{var: (lower, upper)}`` with exact numbers (int, Fraction, str,
        SymPy Rational; floats are refused). Default [−1, 1] for each.
    prior : str or SymPy expression, optional
        The prior density φ (up to a constant). Default 1.
    at : dict, optional
        ``{var: value}`` for every coordinate: the local λ at that point.
    timeout : float, optional
        Seconds; when they pass, the run ends within about a second with
        the best bound so far (``status == "bound"``). Default: no limit
        (Ctrl-C still stops a run, with ``KeyboardInterrupt``).
    max_charts : int, optional
        Largest number of charts in the resolution tree (default 5000).
    always_resolve : bool
        Resolve by blow-ups even where the Newton polyhedron alone
        certifies the answer (to see a tree).
    max_memory : int, optional
        Memory budget in bytes of the whole process's resident memory
        (near it the run ends as at the time limit, with a bound). Default:
        what the process uses when the run starts plus 4 GiB, so that a
        notebook's own data does not count against the run.

    Returns
    -------
    Result
        λ, m, the status and the evidence; displays itself in Jupyter.

    Raises
    ------
    InputError
        Malformed input, with ``line`` and ``column`` in ``source``.
    Unsupported
        Input the engine does not handle yet.
    KeyboardInterrupt
        On Ctrl-C; the run is stopped, not left running.
    """
    text, model = _problem(source, K, vars, domain, prior, at)
    analysis = _rlct.analyze(
        text,
        timeout=_seconds(timeout),
        max_memory=max_memory,
        max_charts=max_charts,
        always_resolve=always_resolve,
        model=None if model is None else model._inner,
    )
    return Result(analysis, text)


def _fraction(s: str) -> Fraction:
    return Fraction(s)


class Result:
    """The learning coefficient of one problem, with its evidence.

    Every field is read from the engine's JSON report (:meth:`to_json`,
    the same text as ``rlct FILE --format json``), so λ is an exact
    :class:`fractions.Fraction`, never a float.

    Attributes
    ----------
    lambda_ : Fraction
        λ: exact, or an upper bound when ``status == "bound"``.
    multiplicity : int
        m, the order of the pole −λ of ζ (for a bound: the order at the
        bounding site).
    status : str
        ``"exact"`` or ``"bound"``.
    exact : bool
        ``status == "exact"``.
    poles : list of (Fraction, int)
        Candidate poles −λ' of ζ with their largest possible orders,
        increasing λ'.
    charts : int
        Number of charts of the resolution tree (0 without one).
    reasons : list of str
        Why the result is only a bound (empty when exact).
    notes : list of str
        Remarks about the run.
    tree : list of dict
        The resolution tree, one dict per chart (``id``, ``parent``,
        ``step``, ``coords``, ``domain``, ``map``, ``K``, ``k``, ``h``,
        ``outcome``, ``pole``…; see ``schema/result.schema.json``); empty
        when the Newton polyhedron certified the result without one.
    method : str
        ``"newton-polyhedron"`` or ``"resolution"``.
    scope : str
        ``"global"`` or ``"local"``.
    point : dict or None
        For a local problem, the point ``{var: Fraction}``.
    model : dict or None
        For a model from :mod:`rlct.models`: its name, truth, the
        literature's formula and the agreement, as in the JSON.
    source : str
        The input text that was analysed.
    """

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

    def __init__(self, analysis: Any, source: str) -> None:
        self._analysis = analysis
        self.source = source
        d = _json.loads(analysis.json())
        self._dict = d
        self.lambda_ = _fraction(d["lambda"])
        self.multiplicity = int(d["multiplicity"])
        self.status = d["status"]
        self.exact = self.status == "exact"
        self.poles = [(_fraction(p["lambda"]), int(p["order"])) for p in d["poles"]]
        self.charts = int(d["charts"])
        self.reasons = list(d["reasons"])
        self.notes = list(d["notes"])
        self.tree = list(d.get("tree") or [])
        self.method = d["method"]
        self.scope = d["scope"]
        self.point = (
            {v: _fraction(x) for v, x in d["point"].items()} if "point" in d else None
        )
        self.model = d.get("model")

    def to_json(self) -> str:
        """The result as JSON: the text ``rlct FILE --format json`` prints
        (layout ``schema/result.schema.json``)."""
        return self._analysis.json()

    def to_dict(self) -> Dict[str, Any]:
        """The JSON report as a dict (a fresh copy)."""
        return _json.loads(self._analysis.json())

    def to_text(self) -> str:
        """The short summary the command line prints."""
        return self._analysis.text()

    def to_markdown(self) -> str:
        """The Markdown report (``--format markdown``): the problem, the
        result as a sentence, the free energy, the candidate poles, the
        Newton polyhedron and the resolution as a table."""
        return self._analysis.markdown()

    def to_latex(self, fragment: bool = False) -> str:
        """The LaTeX report (``--format latex``): a standalone document,
        or with ``fragment=True`` its body alone, to ``\\input``."""
        return self._analysis.latex(bool(fragment))

    def svg_tree(self) -> str:
        """The resolution tree as SVG. Raises ``ValueError`` when there is
        no tree (the Newton polyhedron certified the result; analyse with
        ``always_resolve=True`` to build one)."""
        return self._analysis.svg_tree()

    def svg_newton(self) -> str:
        """The Newton polygon (two coordinates) or polyhedron's projection
        as SVG, at the site that bounds λ. Raises ``ValueError`` when there
        is nothing to draw."""
        return self._analysis.svg_newton()

    def free_energy(self, n: Any) -> Any:
        """The n-dependent part of the free energy, λ log n − (m − 1) log log n
        (Watanabe: F_n = n·K_min + this + O_p(1)), as a float; ``n`` may be
        a number > 1 or a NumPy array. For a bound, λ is the bound's."""
        lam, m1 = float(self.lambda_), self.multiplicity - 1
        try:
            return lam * _math.log(n) - m1 * _math.log(_math.log(n))
        except TypeError:
            import numpy

            return lam * numpy.log(n) - m1 * numpy.log(numpy.log(n))

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_latex_(self) -> str:
        # Notebooks render this with MathJax, which reads math, not a
        # document: the free energy with its values, from the report.
        return "$$" + self._dict["free_energy"]["latex"] + "$$"

    def _repr_svg_(self) -> Optional[str]:
        try:
            return self.svg_tree()
        except ValueError:
            pass
        try:
            return self.svg_newton()
        except ValueError:
            return None

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return (
            f"Result(lambda_={self.lambda_!r}, multiplicity={self.multiplicity}, "
            f"status={self.status!r})"
        )


def _lambda_value(lambda_: Any) -> Optional[float]:
    if lambda_ is None:
        return None
    if isinstance(lambda_, str):
        return float(Fraction(lambda_.strip()))
    return float(lambda_)


class Estimate:
    """A numerical estimate of λ (nested sampling of the volume of
    {K < t}), with evidence about m; independent of the exact side.

    Attributes
    ----------
    lambda_ : float
        The estimate of λ.
    std_error : float
        Its standard error (statistical and systematic parts in quadrature).
    loglog : float
        The fitted coefficient μ of ln(−ln t), an estimate of m − 1.
    loglog_std_error : float
        Its standard error.
    multiplicity_estimate : int or None
        The m that μ points to when λ is held at a given value (``lambda_``
        of :func:`estimate`, or the exact λ in :func:`check`); else None.
    runs_completed : int
        Runs finished (fewer than asked when the time limit ran out).
    stopped : str or None
        Why the estimate stopped early, if it did.
    json : dict
        Every field of the JSON report (``rlct estimate --format json``).
    """

    lambda_: float
    std_error: float
    loglog: float
    loglog_std_error: float
    multiplicity_estimate: Optional[int]
    runs_completed: int
    stopped: Optional[str]
    json: Dict[str, Any]

    def __init__(self, json_text: str, text: str) -> None:
        self._json_text = json_text
        self._text = text
        d = _json.loads(json_text)
        self.json = d
        self.lambda_ = float(d["lambda_estimate"])
        self.std_error = float(d["std_error"])
        self.loglog = float(d["loglog_coefficient"])
        self.loglog_std_error = float(d["loglog_std_error"])
        self.multiplicity_estimate = d.get("multiplicity_estimate")
        self.runs_completed = int(d["runs_completed"])
        self.stopped = d.get("stopped")

    def to_json(self) -> str:
        """The estimate as ``rlct estimate --format json`` prints it."""
        return self._json_text

    def __str__(self) -> str:
        return self._text

    def _repr_markdown_(self) -> str:
        return "```\n" + self._text + "```\n"

    def __repr__(self) -> str:
        return f"Estimate(lambda_={self.lambda_:.4f}, std_error={self.std_error:.4f})"


def estimate(
    source: Any = None,
    *,
    K: Any = None,
    vars: Any = None,
    domain: Optional[Dict[Any, Tuple[Any, Any]]] = None,
    prior: Any = None,
    at: Optional[Dict[Any, Any]] = None,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    lambda_: Any = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
) -> Estimate:
    """Estimate λ numerically, without the exact side (``rlct estimate``).

    The problem is given as to :func:`analyze`. The estimate is
    reproducible from ``seed`` (run r uses seed + r).

    Parameters
    ----------
    seed : int
        Seed of the first run.
    runs : int
        Independent runs, 2 to 10000 (the standard error comes from their
        spread).
    live : int
        Live points per run, 10 to 1000000 (0: 500 up to 8 parameters,
        then 500·(8/d)³, at least 50).
    steps : int
        Slice-sampling steps per replacement (0: d + 1).
    decades : float
        Decades of t below the top of the fit window, 2 to 300.
    lambda_ : Fraction, str or float, optional
        A λ to test (from a paper, say): the log-log coefficient is then
        also fitted with λ held there, giving ``multiplicity_estimate``.
    timeout : float, optional
        Seconds; when they pass, the estimate is made of the runs finished.
    max_memory : int, optional
        As for :func:`analyze`.

    Returns
    -------
    Estimate
    """
    text, _ = _problem(source, K, vars, domain, prior, at)
    json_text, summary = _rlct.estimate(
        text,
        seed=int(seed),
        runs=int(runs),
        live=int(live),
        steps=int(steps),
        decades=float(decades),
        lambda_=_lambda_value(lambda_),
        timeout=_seconds(timeout),
        max_memory=max_memory,
    )
    return Estimate(json_text, summary)


class Check:
    """Both sides of a problem, exact and numeric, and whether they agree
    (``rlct check``).

    Attributes
    ----------
    exact : Result
        The exact side.
    estimate : Estimate
        The numeric side (its ``multiplicity_estimate`` is μ's m with λ
        held at the exact value).
    agrees : bool
        The estimate lies within 3 standard errors of the exact λ (for a
        bound: not above it by more).
    multiplicity_agrees : bool
        The log-log coefficient agrees with m (always true for a bound).
    z : float
        (estimate − exact) / standard error.
    relative_error : float
        (estimate − exact) / exact.
    multiplicity_estimate : int
        The m that μ points to with λ held at the exact value.
    loglog_given : (float, float)
        μ ≈ m − 1 with λ held at the exact value, ± its standard error.
    shadowed_by : (Fraction, int) or None
        A pole close behind −λ that keeps μ from testing m.
    json : dict
        Every field of ``rlct check --format json``.
    """

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

    def __init__(self, exact: Result, estimate: Estimate, json_text: str, text: str) -> None:
        self.exact = exact
        self._json_text = json_text
        self._text = text
        d = _json.loads(json_text)
        self.json = d
        self.agrees = bool(d["agree"])
        self.multiplicity_agrees = bool(d["multiplicity_agree"])
        self.z = float(d["z"])
        self.relative_error = float(d["relative_error"])
        self.multiplicity_estimate = int(d["multiplicity_estimate"])
        self.loglog_given = (
            float(d["loglog_given_lambda"]),
            float(d["loglog_given_lambda_std_error"]),
        )
        shadow = d.get("multiplicity_shadowed_by")
        self.shadowed_by = None if shadow is None else (_fraction(shadow[0]), int(shadow[1]))
        self.estimate = estimate

    def to_json(self) -> str:
        """The comparison as ``rlct check --format json`` prints it."""
        return self._json_text

    def __bool__(self) -> bool:
        return self.agrees and self.multiplicity_agrees

    def __str__(self) -> str:
        return self._text

    def _repr_markdown_(self) -> str:
        return "```\n" + self._text + "```\n\n" + self.exact.to_markdown()

    def __repr__(self) -> str:
        return (
            f"Check(exact={self.exact.lambda_!r}, estimate={self.estimate.lambda_:.4f}"
            f"±{self.estimate.std_error:.4f}, agrees={self.agrees}, "
            f"multiplicity_agrees={self.multiplicity_agrees})"
        )


def check(
    source: Any = None,
    *,
    K: Any = None,
    vars: Any = None,
    domain: Optional[Dict[Any, Tuple[Any, Any]]] = None,
    prior: Any = None,
    at: Optional[Dict[Any, Any]] = None,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    timeout: Optional[float] = 60.0,
    max_memory: Optional[int] = None,
) -> Check:
    """Run both sides, exact and numeric, and compare them (``rlct check``).

    The problem is given as to :func:`analyze`; the settings of the
    estimate as to :func:`estimate`. The exact side gets half of
    ``timeout`` (default 60 s, as on the command line), the estimate the
    rest. Use ``bool(check(...))`` for "λ and m agree".

    Returns
    -------
    Check
    """
    text, model = _problem(source, K, vars, domain, prior, at)
    analysis, estimate_json, estimate_text, check_json, summary = _rlct.check(
        text,
        seed=int(seed),
        runs=int(runs),
        live=int(live),
        steps=int(steps),
        decades=float(decades),
        timeout=_seconds(timeout),
        max_memory=max_memory,
        model=None if model is None else model._inner,
    )
    exact = Result(analysis, text)
    return Check(exact, Estimate(estimate_json, estimate_text), check_json, summary)


def suite(max_params: Optional[int] = None, family: Optional[str] = None) -> List[Dict[str, Any]]:
    """The reference set for learning-coefficient estimators (``rlct suite``).

    Models of 2 to 128 parameters — reduced rank regression and deep
    linear networks at many sizes, small instances of the other families of
    :mod:`rlct.models` — each with K = Σ g_i(w)² in a form NumPy evaluates,
    the box, the prior, a true parameter, and λ and m exact (from the
    literature's closed form, or derived and certified by the engine) or,
    where marked ``"status": "bound"``, a published upper bound. The list
    is fixed and deterministic.

    Parameters
    ----------
    max_params : int, optional
        Only the entries with at most this many parameters.
    family : str, optional
        Only the entries of this family: ``"rrr"``, ``"dln"``, ``"tanh"``,
        ``"factor-analysis"``, ``"latent-tree"``, ``"naive-bayes"``,
        ``"lda"``, ``"mixture"``, ``"rbm"`` or ``"nmf"``.

    Returns
    -------
    list of dict
        The ``entries`` of ``rlct suite --format json``, as parsed from the
        library's JSON: ``id``, ``family``, ``description``,
        ``parameters`` (d), ``variables``, ``domain`` (``lo``/``hi`` exact,
        ``lo_float``/``hi_float``), ``prior`` (``numpy``, ``monomials``,
        ``uniform``), ``truth`` (``point`` exact, ``point_float``), ``lambda``
        (exact, ``"5/2"``), ``lambda_float``, ``multiplicity``, ``status``,
        ``basis``, ``citation``, ``source``, ``k`` (``numpy``: K over the
        array ``w``; ``generators``: each with ``numpy`` and ``monomials``,
        a list of ``coefficient``, ``coefficient_float``, ``exponents``),
        ``engine_accepts``, ``command`` and ``rlct_input`` (the input file).

    Raises
    ------
    rlct.InputError
        For an unknown family.

    Examples
    --------
    >>> import rlct
    >>> e = rlct.suite(family="rrr")[0]
    >>> e["id"], e["parameters"], e["lambda"], e["multiplicity"]
    ('rrr-M1-N1-H1-r0', 2, '1/2', 2)
    >>> e["k"]["numpy"]
    '(w[0]*w[1])**2'
    >>> K = eval("lambda w: " + e["k"]["numpy"])   # w: a point, or a (d, n) array
    >>> K([0.5, 0.25])
    0.015625
    """
    text = _rlct.suite_json(
        max_params=None if max_params is None else int(max_params),
        family=None if family is None else str(family),
    )
    entries: List[Dict[str, Any]] = _json.loads(text)["entries"]
    return entries
