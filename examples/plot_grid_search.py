"""
=================================
Choosing a loss with GridSearchCV
=================================

:class:`skgan.GANSampler` is a scikit-learn estimator with a ``score`` method,
so :class:`~sklearn.model_selection.GridSearchCV` can tune it like any other
model: fit on some rows, score on the held-out ones, keep the parameters that
score best. This example compares three of the value functions of
:ref:`the game <game>` on the penguins table. See :ref:`model_selection` in the
user guide.
"""

# %%
# What the score measures
# -----------------------
#
# :meth:`GANSampler.score(X) <skgan.GANSampler.score>` draws as many rows as
# ``X`` has (up to 2,000) and returns minus the energy distance between them
# and ``X``, computed in the sampler's encoded space (continuous columns on a
# normalised scale, categories one-hot). It is at most 0, and higher is better,
# as ``GridSearchCV`` expects. A sampler that only copied its training rows
# would not score well on held-out rows.

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV, KFold

from skgan import GANSampler
from skgan.datasets import load_penguins

real = load_penguins().astype({"year": "category"})

# %%
# The search
# ----------
#
# Three losses, three folds: nine fits on two thirds of the rows, each scored
# on the other third, then one refit of the best candidate on all rows. The
# networks are small and train for 400 iterations, so that the search takes
# well under a minute; the defaults (256 x 256 networks, 1,000 iterations)
# train much longer, and a real search would too.
#
# Shuffle the folds: the penguins table is sorted by species, so unshuffled
# folds would hold out rows unlike any in the training folds (and a category
# never seen in ``fit`` cannot be scored). The grid changes only the loss, not
# the encoder, so every candidate is measured with the same ruler.

sampler = GANSampler(
    generator_hidden_layer_sizes=(64, 64),
    discriminator_hidden_layer_sizes=(64, 64),
    max_iter=400,
    random_state=0,
)
search = GridSearchCV(
    sampler,
    param_grid={"loss": ["non-saturating", "minimax", "hinge"]},
    cv=KFold(n_splits=3, shuffle=True, random_state=0),
)
search.fit(real)

# %%
# The results
# -----------
#
# ``cv_results_`` holds, per candidate, the score on each held-out fold, their
# mean and standard deviation, the rank and the fit times.

columns = ["param_loss", "mean_test_score", "std_test_score", "rank_test_score"]
folds = [f"split{i}_test_score" for i in range(search.n_splits_)]
results = pd.DataFrame(search.cv_results_)
table = results[columns + folds + ["mean_fit_time"]].set_index("param_loss")
print(table.round(3).to_string())
print("\nbest:", search.best_params_)

# %%
# Each fold's score (grey dots, one line per fold) and their mean (green). Some
# held-out thirds are harder to match than others, for every loss, so the
# standard deviation in the table mostly measures the folds. Compare the
# losses on the same fold, as the lines do.
#
# GAN training is noisy: a difference between two candidates that is smaller
# than the difference between two values of ``random_state`` is no difference.
# With 400 iterations this search says which loss got furthest in a short
# run on this table, no more.

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
x = np.arange(len(table))
for i, fold in enumerate(folds):
    label = "one held-out fold" if i == 0 else None
    ax.plot(x, table[fold], "o-", color="0.55", lw=0.8, ms=5, label=label)
ax.errorbar(
    x,
    table["mean_test_score"],
    yerr=table["std_test_score"],
    fmt="_",
    ms=28,
    mew=3,
    color="#2a9d8f",
    capsize=0,
    label="mean ± std",
)
ax.set_xticks(x, table.index)
ax.set_xlim(-0.5, len(table) - 0.5)
ax.set_xlabel("loss")
ax.set_ylabel("score = -energy distance\n(higher is better)")
ax.set_title("GridSearchCV over GANSampler(loss=...), 3 shuffled folds")
ax.legend(loc="lower right", fontsize=9)
plt.show()

# %%
# The winner, refitted
# --------------------
#
# With ``refit=True`` (the default), ``best_estimator_`` is the best candidate
# trained on all the rows, ready to sample from.

synthetic = search.best_estimator_.sample(5, random_state=0)
with pd.option_context("display.width", 120, "display.max_columns", 20):
    print(synthetic)
