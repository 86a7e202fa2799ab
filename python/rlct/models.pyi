"""Type stubs of :mod:`rlct.models` (documented in ``models.py``)."""

from fractions import Fraction
from typing import Any, Iterable, NamedTuple, Optional, Sequence, Union

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

class Formula(NamedTuple):
    lambda_: Fraction
    multiplicity: int
    source: str

class Model:
    name: str
    text: str
    truth: str
    formula: Optional[Formula]
    bound: Optional[Formula]
    def __init__(self, inner: Any) -> None: ...
    @property
    def lambda_(self) -> Optional[Fraction]: ...
    @property
    def multiplicity(self) -> Optional[int]: ...
    @property
    def source(self) -> Optional[str]: ...
    def at_truth(self) -> Model: ...
    def analyze(self, **options: Any) -> Any: ...

def rrr(inputs: int, outputs: int, hidden: int, true_rank: int = 0) -> Model: ...
def dln(widths: Sequence[int], true_rank: int = 0) -> Model: ...
def tanh(hidden: int) -> Model: ...
def factor_analysis(
    observed: int,
    factors: int,
    true_factors: int = 0,
    true_loadings: Union[str, Iterable[Any]] = "generic",
    keep_noise: bool = False,
) -> Model: ...
def latent_tree(edges: str, truth: str = "none") -> Model: ...
def naive_bayes(features: int, classes: int = 2, truth: str = "generic") -> Model: ...
def lda(words: int, documents: int, topics: int, true_topics: int = 1) -> Model: ...
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
) -> Model: ...
def rbm(visible: int, hidden: int, truth: str = "independent") -> Model: ...
def nmf(rows: int, columns: int, inner: int, true_rank: int = 0) -> Model: ...
