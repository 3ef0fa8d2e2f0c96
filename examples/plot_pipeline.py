"""
==================================================
Sampling in a transformed space: pipelines and PCA
==================================================

A sampler can learn in a space that suits it better than the original columns,
and hand back rows on the original scale. Here the table is scikit-learn's
breast cancer data, 30 strongly correlated measurements; the sampler learns
its 10 principal components, and the rows it draws are mapped back to the 30
columns. This is done twice: by hand with a scikit-learn
:class:`~sklearn.pipeline.Pipeline`, and in one estimator with
:class:`skgan.TransformedSampler`. See :ref:`pipelines` in the user guide.
"""

# %%
# The data
# --------
#
# 569 rows and 30 numeric columns: the mean, standard error and worst value of
# ten measurements of cell nuclei. Many of them measure nearly the same thing
# (radius, perimeter and area, for a start), so a few principal components
# carry most of the information.

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from skgan import GANSampler, TransformedSampler
from skgan.metrics import column_fidelity

X = load_breast_cancer(as_frame=True).data
print(X.shape)
print(X.iloc[:, :5].describe().round(2))

# %%
# By hand: a pipeline whose last step is the sampler
# --------------------------------------------------
#
# A :class:`~sklearn.pipeline.Pipeline` fits its transformers and trains the
# sampler, its last step, on their output: here standardised columns projected
# on 10 principal components. The sampler then draws rows in that 10-D space,
# and the transformers' ``inverse_transform`` maps them back to the 30 columns.
#
# Small networks and 800 iterations keep this example fast; the defaults
# use 256 x 256 networks and 1,000 iterations.

gan = GANSampler(
    generator_hidden_layer_sizes=(128, 128),
    discriminator_hidden_layer_sizes=(128, 128),
    max_iter=800,
    random_state=0,
)
pipe = Pipeline(
    [("scale", StandardScaler()), ("pca", PCA(n_components=10)), ("gan", gan)]
)
pipe.fit(X)
print(
    f"variance kept by 10 components: {pipe['pca'].explained_variance_ratio_.sum():.1%}"
)

rows_by_hand = pipe[:-1].inverse_transform(pipe[-1].sample(5, random_state=0))
print(rows_by_hand.shape)

# %%
# In one estimator: TransformedSampler
# ------------------------------------
#
# :class:`~skgan.TransformedSampler` wraps the same two stages: it fits
# ``transformer`` on ``X``, trains a clone of ``sampler`` on the transformed
# rows, and its ``sample`` returns
# ``transformer.inverse_transform(sampler.sample(n))``. Being one estimator,
# it can go wherever scikit-learn expects one: ``clone``, ``GridSearchCV``
# (``transformer`` and ``sampler__max_iter`` are parameters like any other),
# joblib files. With the same parameters and seeds it draws exactly the rows of
# the pipeline above.

model = TransformedSampler(
    sampler=gan,
    transformer=make_pipeline(StandardScaler(), PCA(n_components=10)),
)
model.fit(X)
rows = model.sample(5, random_state=0)
print("same rows as the pipeline:", np.allclose(rows, rows_by_hand))

# %%
# Its ``score`` is the sampler's score of held-out rows in the transformed
# space: the negative energy distance between them and generated rows (higher
# is better, 0 at best). Here it is computed on the training rows, for
# illustration only.

print(f"score: {model.score(X):.4f}")

# %%
# What comes back
# ---------------
#
# ``inverse_transform`` of a PCA returns a numpy array; give it the column
# names back. The synthetic rows lie in the 10-dimensional subspace of the
# principal components, so whatever the other 20 directions held (about 5 % of
# the variance) is lost, and a linear map back knows nothing of signs: a few
# values of columns that are never negative in the data come out below zero.
# Clip them when that matters.

synthetic = pd.DataFrame(model.sample(len(X), random_state=1), columns=X.columns)
never_negative = X.columns[(X >= 0).all()]
print(
    "share of negative values in never-negative columns: "
    f"{(synthetic[never_negative] < 0).to_numpy().mean():.2%}"
)
scores = column_fidelity(X, synthetic)
print(f"mean column fidelity: {scores['score'].mean():.3f}")

# %%
# Correlations survive the round trip: the matrix of correlations between the
# 30 synthetic columns (right) has the blocks of the real one (left), because
# the principal components carry them and the sampler only has to learn how
# the components are spread.

fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
for ax, table, title in [(axes[0], X, "real"), (axes[1], synthetic, "synthetic")]:
    image = ax.imshow(table.corr(), vmin=-1, vmax=1, cmap="RdBu_r")
    ax.set_title(f"{title}: correlations between the 30 columns", fontsize=10)
    ax.set_xlabel("column")
    ax.set_ylabel("column")
fig.colorbar(image, ax=axes, shrink=0.8, label="Pearson correlation")
plt.show()

# %%
# What a linear map cannot put back
# ---------------------------------
#
# PCA is linear, and so is the way back. Area grows with the square of the
# radius, but whatever the sampler learns in the space of the components, its
# rows come back on a 10-D plane through the 30-D space: a curved relation
# between columns becomes a straight line, which overshoots into negative
# areas at small radii (see the middle column of the figure below).
#
# A transformer that makes the relation linear first fixes this. The columns
# are positive and skewed, so take logarithms before scaling:
# :math:`\log(\text{area}) \approx 2 \log(\text{radius}) + c` is a straight
# line, which PCA keeps, and ``np.expm1`` on the way back bends it into the
# curve again. ``log1p`` rather than ``log`` because a few values are exactly 0.

log_model = TransformedSampler(
    sampler=gan,
    transformer=make_pipeline(
        FunctionTransformer(np.log1p, inverse_func=np.expm1),
        StandardScaler(),
        PCA(n_components=10),
    ),
)
log_model.fit(X)
log_synthetic = pd.DataFrame(
    log_model.sample(len(X), random_state=1), columns=X.columns
)
print(
    "share of negative values in never-negative columns: "
    f"{(log_synthetic[never_negative] < 0).to_numpy().mean():.2%}"
)
scores = column_fidelity(X, log_synthetic)
print(f"mean column fidelity: {scores['score'].mean():.3f}")

# %%
# Real rows (left), rows sampled through scaler and PCA (middle) and through
# logarithm, scaler and PCA (right). Top: area against radius, straight in the
# middle and curved again on the right. Bottom: texture against radius, two
# columns with little to do with each other, whose joint spread both samplers
# reproduce.
#
# The logarithm also halves the share of negative values printed above; those
# left are in columns whose values come close to 0, where ``expm1`` of a
# slightly negative number is slightly negative.

tables = [
    (X, "real", "#333333"),
    (synthetic, "scaler + PCA", "#2a9d8f"),
    (log_synthetic, "log + scaler + PCA", "#e76f51"),
]
pairs = [("mean radius", "mean area"), ("mean radius", "mean texture")]
fig, axes = plt.subplots(
    2, 3, figsize=(10, 6.4), sharex=True, sharey="row", layout="constrained"
)
for row, (x, y) in zip(axes, pairs, strict=True):
    for ax, (table, title, color) in zip(row, tables, strict=True):
        ax.scatter(table[x], table[y], s=4, alpha=0.5, color=color)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(x)
    row[0].set_ylabel(y)
for ax in axes[0]:
    ax.axhline(0, color="0.7", lw=0.8, zorder=0)
plt.show()
