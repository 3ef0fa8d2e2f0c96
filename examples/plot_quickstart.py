"""
=======================================
Quick start: a synthetic penguins table
=======================================

Fit a :class:`skgan.GANSampler` on the Palmer penguins table (numeric and
categorical columns, with missing values), draw as many synthetic rows as there
are real ones, and compare each column's distribution with the real one using
:func:`skgan.metrics.column_fidelity` (1 - Kolmogorov-Smirnov statistic for
continuous columns, 1 - total-variation distance for categorical ones; 1 means
identical marginals), then draw the marginals side by side with
:func:`skgan.plotting.plot_marginals`.

The sampler is given small networks and few iterations so that the script runs
in seconds; the defaults train longer.

Run it with ``python examples/plot_quickstart.py``; the figure is written to
``examples/figures/quickstart_marginals.png``.
"""

from pathlib import Path
from time import perf_counter

import pandas as pd

from skgan import GANSampler
from skgan.datasets import load_penguins
from skgan.metrics import column_fidelity
from skgan.plotting import plot_marginals

FIGURES = Path(__file__).resolve().parent / "figures"

start = perf_counter()
# ``year`` holds three integers: a category, not a number. Category, object,
# string and boolean columns are modelled as categorical, the others as numbers.
real = load_penguins().astype({"year": "category"})

gan = GANSampler(
    generator_hidden_layer_sizes=(128, 128),
    discriminator_hidden_layer_sizes=(128, 128),
    max_iter=600,
    random_state=0,
)
gan.fit(real)
synthetic = gan.sample(len(real))

with pd.option_context("display.width", 120, "display.max_columns", 20):
    print("Synthetic rows:")
    print(synthetic.head())
    print("\nTheir dtypes, the same as the real table's:")
    print(synthetic.dtypes.to_frame("synthetic").assign(real=real.dtypes))

scores = column_fidelity(real, synthetic)
print("\nColumn fidelity (1 = identical marginals):")
print(scores.round(3).to_string(index=False))
print(f"mean: {scores['score'].mean():.3f}")

# One panel per column: real against synthetic.
fig = plot_marginals(real, synthetic)
fig.suptitle(f"Penguins: {len(real)} real rows against {len(synthetic)} synthetic rows")
fig.tight_layout()

FIGURES.mkdir(exist_ok=True)
fig.savefig(FIGURES / "quickstart_marginals.png", dpi=120)
print(
    f"\nwrote {FIGURES / 'quickstart_marginals.png'} in {perf_counter() - start:.1f} s"
)
