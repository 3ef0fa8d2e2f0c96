"""
======================================================
A mixed-type DataFrame: dtypes and missing values kept
======================================================

Real tables mix floats, integers, booleans and categories, and have holes.
:class:`skgan.GANSampler` takes such a pandas DataFrame as it is and returns
synthetic rows of the same kind: the same columns with the same dtypes,
categories only from those seen in ``fit``, and missing values where the data
has them, at about the same rate. This example checks each of these promises on
the Palmer penguins table.
"""

# %%
# A table with every kind of column
# ---------------------------------
#
# :func:`skgan.datasets.load_penguins` gives categorical columns (``species``,
# ``island``, ``sex``), float measurements and an integer ``year``. To show
# every kind of column, two measurements that are whole numbers become pandas'
# nullable ``Int64`` (integers that can be missing), and a nullable ``boolean``
# column is derived from the body mass. Missing values are kept as they are:
# ``sex`` is unknown for 11 penguins, and two penguins were not measured.

import matplotlib.pyplot as plt
import pandas as pd

from skgan import GANSampler
from skgan.datasets import load_penguins
from skgan.plotting import plot_marginals

real = load_penguins()
real = real.astype({"flipper_length_mm": "Int64", "body_mass_g": "Int64"})
real["heavy"] = (real["body_mass_g"] >= 4500).astype("boolean")
print(real.dtypes)

# %%
# How does the sampler see these columns? With the default
# ``categorical_features='from_dtype'``, category, object, string and boolean
# columns are categorical; every other column (here floats, ``Int64`` and the
# integer ``year``) is continuous. :class:`skgan.TableEncoder` turns categories
# into one-hot blocks, and adds a ``[present, missing]`` block to each
# continuous column that had missing values, so that the generator learns
# *whether* a value is missing as well as its value. For categorical columns a
# missing value is one more category. The fitted encoder's layout, after
# ``fit`` below, shows these blocks.

# %%
# Fit and sample
# --------------
#
# Small networks and 800 iterations keep this example fast; the defaults
# use 256 x 256 networks and 1,000 iterations.

gan = GANSampler(
    generator_hidden_layer_sizes=(128, 128),
    discriminator_hidden_layer_sizes=(128, 128),
    max_iter=800,
    random_state=0,
)
gan.fit(real)
spans = pd.DataFrame(
    [(span.column, span.role, span.width) for span in gan.encoder_.spans_],
    columns=["column", "block", "width"],
)
print(spans.to_string(index=False))

# %%
# Draw many more rows than the 344 real ones, so that the rare missing values
# have a chance to show up.

synthetic = gan.sample(10_000, random_state=0)
with pd.option_context("display.width", 120, "display.max_columns", 20):
    print(synthetic.head())

# %%
# Dtypes and missing values
# -------------------------
#
# Every column comes back with its dtype: ``Int64`` holds whole numbers, the
# ``boolean`` column is ``True``/``False``/``<NA>``, categorical columns keep
# their categories, and ``year`` stays ``int64`` (it has no holes, so it needs
# no nullable dtype).

comparison = pd.DataFrame(
    {
        "real dtype": real.dtypes.astype(str),
        "synthetic dtype": synthetic.dtypes.astype(str),
        "real missing %": 100 * real.isna().mean(),
        "synthetic missing %": 100 * synthetic.isna().mean(),
    }
)
print(comparison.round(2).to_string())

for name in ["species", "island", "sex"]:
    assert set(synthetic[name].dropna()) <= set(real[name].dropna())
print("\nevery synthetic category was seen in fit")
print("first synthetic body masses:", synthetic["body_mass_g"][:5].tolist())

# %%
# Missing rates are learnt like any other share. ``sex``, missing in 3.2 % of
# the real rows, comes out close. The measurements are missing in only 2 of
# 344 real rows (0.6 %): the sampler produces few holes there or none, and
# it does not learn from two rows that these holes come together (in the data,
# a penguin without a bill length has no other measurement either).
#
# Rules between columns are learnt only approximately, too. ``heavy`` is a
# function of ``body_mass_g``; count how often the synthetic rows obey it.

both = synthetic.dropna(subset=["heavy", "body_mass_g"])
agree = ((both["body_mass_g"] >= 4500) == both["heavy"]).mean()
print(f"heavy == (body_mass_g >= 4500) in {agree:.0%} of synthetic rows")

# %%
# After this short training the rule holds in most rows but not in all; the
# defaults (wider networks, 1,000 iterations) get closer. A GAN
# imitates the joint distribution, it does not discover exact
# rules: derive such columns again after sampling when they must hold.

# %%
# The marginals
# -------------
#
# :func:`skgan.plotting.plot_marginals` draws one panel per column: histograms
# for continuous columns, bar charts for categorical ones, real in grey and
# synthetic in green. Titles give the missing rate, real | synthetic, for the
# columns that have holes.
#
# Note ``year``: an integer column is modelled as a number, so the sampler
# learns a density and rounds. Each year still comes back at about its share,
# because the quantile encoding spreads the copies of a repeated value over
# that value's share of the normal scale (see :ref:`tables` in the user
# guide) instead of stacking them on one point. Declaring such a column a
# category, as the :ref:`quick start <sphx_glr_auto_examples_plot_quickstart.py>`
# does, works as well; the integer dtype was kept here to show that it survives.

fig = plot_marginals(real, synthetic, n_cols=3)
fig.set_size_inches(10, 8.5)
fig.tight_layout()
plt.show()
