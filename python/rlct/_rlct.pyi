"""Type stubs of the extension module ``rlct._rlct`` (python/src/lib.rs).
Not for direct use: :mod:`rlct` wraps it."""

from typing import List, Optional, Tuple, final

__all__ = [
    "JSON_VERSION",
    "Analysis",
    "Model",
    "analyze",
    "estimate",
    "check",
    "model_rrr",
    "model_dln",
    "model_tanh",
    "model_factor_analysis",
    "model_latent_tree",
    "model_naive_bayes",
    "model_lda",
    "model_mixture",
    "model_rbm",
    "model_nmf",
    "suite_json",
    "suite_k_at",
]

JSON_VERSION: int

@final
class Analysis:
    def json(self) -> str: ...
    def text(self) -> str: ...
    def markdown(self) -> str: ...
    def latex(self, fragment: bool) -> str: ...
    def svg_tree(self) -> str: ...
    def svg_newton(self) -> str: ...

_FormulaParts = Tuple[str, int, str]

@final
class Model:
    @property
    def name(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def truth(self) -> str: ...
    @property
    def at(self) -> str: ...
    @property
    def formula(self) -> Optional[_FormulaParts]: ...
    @property
    def bound(self) -> Optional[_FormulaParts]: ...
    def at_truth(self) -> Model: ...

def analyze(
    text: str,
    *,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
    max_charts: Optional[int] = None,
    always_resolve: bool = False,
    model: Optional[Model] = None,
) -> Analysis: ...
def estimate(
    text: str,
    *,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    lambda_: Optional[float] = None,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
) -> Tuple[str, str]: ...
def check(
    text: str,
    *,
    seed: int = 1,
    runs: int = 8,
    live: int = 0,
    steps: int = 0,
    decades: float = 30.0,
    timeout: Optional[float] = None,
    max_memory: Optional[int] = None,
    model: Optional[Model] = None,
) -> Tuple[Analysis, str, str, str, str]: ...
def model_rrr(inputs: int, outputs: int, hidden: int, true_rank: int = 0) -> Model: ...
def model_dln(widths: List[int], true_rank: int = 0) -> Model: ...
def model_tanh(hidden: int) -> Model: ...
def model_factor_analysis(
    observed: int,
    factors: int,
    true_factors: int = 0,
    true_loadings: str = "generic",
    keep_noise: bool = False,
) -> Model: ...
def model_latent_tree(edges: str, truth: str = "none") -> Model: ...
def model_naive_bayes(features: int, classes: int = 2, truth: str = "generic") -> Model: ...
def model_lda(words: int, documents: int, topics: int, true_topics: int = 1) -> Model: ...
def model_mixture(
    family: str,
    components: int,
    true_components: int = 1,
    trials: Optional[int] = None,
    categories: Optional[int] = None,
    truth: List[str] = ...,
    interval: List[str] = ...,
    moments: bool = False,
) -> Model: ...
def model_rbm(visible: int, hidden: int, truth: str = "independent") -> Model: ...
def model_nmf(rows: int, columns: int, inner: int, true_rank: int = 0) -> Model: ...
def suite_json(max_params: Optional[int] = None, family: Optional[str] = None) -> str: ...
def suite_k_at(id: str, point: List[str]) -> str: ...
