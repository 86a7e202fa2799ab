# %% [markdown]
# # Checking a numeric estimate of λ against the exact value
#
# A notebook-style script (`# %%` cells: open it in Jupyter with jupytext,
# or in VS Code / PyCharm as cells; `python docs/python_example.py` runs it
# whole). The Python test suite runs it too, so it stays true.
#
# The model is reduced rank regression y = B A x with M = 2 inputs,
# N = 2 outputs, H = 1 hidden unit and a true product of rank r = 0:
# K(A, B) = ‖BA − B₀A₀‖². Aoyagi and Watanabe (2005) give its learning
# coefficient in closed form, λ = 1 with multiplicity m = 2 (so the free
# energy has a log log n term); `rlct` computes it exactly from K, and
# estimates it numerically, as an SGLD or MCMC estimate would, from the
# volume of {K < t}.

# %%
from fractions import Fraction

import rlct

model = rlct.models.rrr(inputs=2, outputs=2, hidden=1, true_rank=0)
print(model.name)
print("literature:", model.lambda_, "m =", model.multiplicity, "-", model.source)

# %% [markdown]
# ## The exact value
#
# `analyze` solves K itself (here through a resolution of singularities);
# λ comes back as a `Fraction`. In a notebook, `exact` on its own in a
# cell renders the full report.

# %%
exact = rlct.analyze(model)
print(repr(exact))
assert exact.exact and exact.lambda_ == Fraction(1) and exact.multiplicity == 2
assert (exact.lambda_, exact.multiplicity) == (model.lambda_, model.multiplicity)
exact  # noqa: B018 (displays the report in a notebook)

# %% [markdown]
# ## A numeric estimate, checked against it
#
# A hand-written estimate (SGLD, MCMC) is compared the same way: an
# estimate λ̂ ± s.e. agrees when it lies within a few standard errors of
# the exact λ. Here the engine's own estimator (nested sampling, seeded,
# so the numbers below are reproducible) stands in for it. Holding λ at
# the exact value, the coefficient μ of log log n estimates m − 1.

# %%
estimate = rlct.estimate(model, seed=1, lambda_=exact.lambda_)
z = (estimate.lambda_ - float(exact.lambda_)) / estimate.std_error
print(f"estimate λ ≈ {estimate.lambda_:.3f} ± {estimate.std_error:.3f}; exact {exact.lambda_}; z = {z:+.2f}")
print(f"with λ held at {exact.lambda_}: μ points to m = {estimate.multiplicity_estimate}")
assert abs(z) < 3 and estimate.multiplicity_estimate == exact.multiplicity

# %% [markdown]
# `rlct.check` does both sides at once and says whether they agree.

# %%
check = rlct.check(model, seed=1)
print(check)
assert check.agrees and check.multiplicity_agrees

# %% [markdown]
# ## The free energy
#
# With λ and m exact, the n-dependent part of Watanabe's free energy,
# λ log n − (m − 1) log log n, is known for every n.

# %%
for n in (100, 10_000, 1_000_000):
    print(f"n = {n:>9}: λ log n − (m − 1) log log n = {exact.free_energy(n):.3f}")

# %% [markdown]
# ## The report
#
# The same report as `rlct FILE --format markdown` (and `to_latex()`,
# `svg_tree()` for the resolution tree).

# %%
print(exact.to_markdown()[:1500])
