"""Known singular models: their K as input for :func:`rlct.analyze`, with
the literature's λ and m to compare against (``rlct model …`` on the
command line).

>>> import rlct
>>> m = rlct.models.rrr(inputs=2, outputs=2, hidden=1)
>>> m.lambda_, m.multiplicity
(Fraction(1, 1), 2)
>>> r = rlct.analyze(m)
>>> (r.lambda_, r.multiplicity) == (m.lambda_, m.multiplicity)
True

Each constructor takes the arguments of the command line's subcommand
(``--true-rank`` is ``true_rank``) and raises :class:`rlct.InputError` for
parameters outside the family.
"""

from fractions import Fraction
from typing import Any, Iterable, NamedTuple, Optional, Sequence

from . import _rlct
from ._input import number_text


class Formula(NamedTuple):
    """λ and m from the literature, with where they come from."""

    lambda_: Fraction
    #: m (for a published bound: the bound's order, often not claimed exact).
    multiplicity: int
    #: Citation with theorem and case.
    source: str


def _formula(parts: Optional[tuple]) -> Optional[Formula]:
    if parts is None:
        return None
    lam, m, source = parts
    return Formula(Fraction(lam), int(m), source)


class Model:
    """A known model: its input file and the literature's value.

    Pass it to :func:`rlct.analyze` (or :func:`rlct.check`); the result's
    reports then open with the model and how the engine's answer stands
    against the literature (``Result.model``).

    Attributes
    ----------
    name : str
        A short name, e.g. ``"rrr M=2 N=2 H=1 r=0"``.
    text : str
        The input file (with comments saying what it is).
    truth : str
        The true parameter, in words.
    formula : Formula or None
        λ and m from the literature, when an exact value is known.
    bound : Formula or None
        A published upper bound on λ, when the literature has only that.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name: str = inner.name
        self.text: str = inner.text
        self.truth: str = inner.truth
        self.formula: Optional[Formula] = _formula(inner.formula)
        self.bound: Optional[Formula] = _formula(inner.bound)

    @property
    def lambda_(self) -> Optional[Fraction]:
        """The literature's λ (None when only a bound is published)."""
        return None if self.formula is None else self.formula.lambda_

    @property
    def multiplicity(self) -> Optional[int]:
        """The literature's m (None when only a bound is published)."""
        return None if self.formula is None else self.formula.multiplicity

    @property
    def source(self) -> Optional[str]:
        """Where the literature's value (or bound) comes from."""
        f = self.formula or self.bound
        return None if f is None else f.source

    def at_truth(self) -> "Model":
        """The local problem at the true parameter: the same K, analysed
        only near that point (its λ is at least the global one)."""
        return Model(self._inner.at_truth())

    def analyze(self, **options: Any) -> Any:
        """``rlct.analyze(self, **options)``."""
        from . import analyze

        return analyze(self, **options)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        known = (
            f"lambda_={self.lambda_!r}, multiplicity={self.multiplicity}"
            if self.formula
            else f"bound={self.bound.lambda_!r}"
            if self.bound
            else "no closed form"
        )
        return f"<rlct.models.Model {self.name!r}: {known}>"


def rrr(inputs: int, outputs: int, hidden: int, true_rank: int = 0) -> Model:
    """Reduced rank regression y = B A x (Aoyagi and Watanabe 2005): M
    inputs, N outputs, H hidden units, true product of rank r."""
    return Model(_rlct.model_rrr(inputs, outputs, hidden, true_rank))


def dln(widths: Sequence[int], true_rank: int = 0) -> Model:
    """Deep linear network y = W_L ⋯ W_1 x (Aoyagi 2024); ``widths`` input
    first, e.g. ``[2, 3, 2]``."""
    return Model(_rlct.model_dln([int(w) for w in widths], true_rank))


def tanh(hidden: int) -> Model:
    """Three-layer tanh network y = Σ a_h tanh(b_h x), true function 0
    (Aoyagi)."""
    return Model(_rlct.model_tanh(hidden))


def factor_analysis(
    observed: int,
    factors: int,
    true_factors: int = 0,
    true_loadings: Any = "generic",
    keep_noise: bool = False,
) -> Model:
    """Gaussian factor analysis Σ = Ω + ΛΛᵀ (Drton and Plummer 2017;
    Drton et al. 2025). ``true_loadings``: ``"generic"``, ``"two"`` or the
    entries of L0 row by row (a string ``"1/2,1/2,3/4,1/4"`` or a list of
    exact numbers)."""
    if not isinstance(true_loadings, str):
        true_loadings = ",".join(number_text(x, "true_loadings") for x in true_loadings)
    return Model(
        _rlct.model_factor_analysis(observed, factors, true_factors, true_loadings, keep_noise)
    )


def latent_tree(edges: str, truth: str = "none") -> Model:
    """Gaussian latent tree or forest (Drton, Lin, Weihs and Zwiernik
    2017): edges as ``"1-5,2-5,5-6,3-6,4-6"``; ``truth`` the true
    subforest's edges with optional correlations, or ``"none"``."""
    return Model(_rlct.model_latent_tree(edges, truth))


def naive_bayes(features: int, classes: int = 2, truth: str = "generic") -> Model:
    """Naive Bayes (latent class model) with binary features (Rusakov and
    Geiger 2005); ``truth``: ``"independent"``, ``"pair"`` or ``"generic"``."""
    return Model(_rlct.model_naive_bayes(features, classes, truth))


def lda(words: int, documents: int, topics: int, true_topics: int = 1) -> Model:
    """Latent Dirichlet allocation as a factorisation of stochastic
    matrices (Hayashi 2021)."""
    return Model(_rlct.model_lda(words, documents, topics, true_topics))


def mixture(
    family: str,
    components: int,
    true_components: int = 1,
    *,
    trials: Optional[int] = None,
    categories: Optional[int] = None,
    truth: Iterable[Any] = (),
    interval: Iterable[Any] = (),
    moments: bool = False,
) -> Model:
    """Finite mixture of ``components`` binomial, Poisson, multinomial or
    normal components against a true mixture of ``true_components``.
    ``truth``: the true components' parameters; ``interval``: (lo, hi) of a
    Poisson rate or normal mean (exact numbers)."""
    return Model(
        _rlct.model_mixture(
            family,
            components,
            true_components,
            trials,
            categories,
            [number_text(x, "truth") for x in truth],
            [number_text(x, "interval") for x in interval],
            moments,
        )
    )


def rbm(visible: int, hidden: int, truth: str = "independent") -> Model:
    """Restricted Boltzmann machine with binary units and biases;
    ``truth``: ``"independent"``, ``"biased"`` or ``"one-unit"``."""
    return Model(_rlct.model_rbm(visible, hidden, truth))


def nmf(rows: int, columns: int, inner: int, true_rank: int = 0) -> Model:
    """Non-negative matrix factorisation C = A B (Hayashi and Watanabe
    2017: an upper bound, exact for r = 0, H = r ≤ 2)."""
    return Model(_rlct.model_nmf(rows, columns, inner, true_rank))


__all__ = [
    "Model",
    "Formula",
    "rrr",
    "dln",
    "tanh",
    "factor_analysis",
    "latent_tree",
    "naive_bayes",
    "lda",
    "mixture",
    "rbm",
    "nmf",
]
