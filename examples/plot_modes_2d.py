"""
========================================
Mode coverage: 25 Gaussians, four losses
========================================

A GAN whose generator covers only some of the modes of the data is said to
*collapse*. The standard test since PacGAN (Lin et al., 2018) is a 5 x 5 grid
of narrow 2-D Gaussians: count the modes the samples reach, and the share of
samples that land close to a centre. This example fits one
:class:`skgan.GANSampler` per value function (``loss``) and scores each with
:func:`skgan.metrics.mode_coverage`.

It is a quick version of the benchmark: 20,000 training rows instead of
100,000, small networks, 1,000 iterations and one seed. The full protocol
(GANSampler's defaults, five seeds, the ring of 8 as well) is
``benchmarks/modes.py``, and its results are in ``benchmarks/RESULTS.md``.
"""

# %%
# The data
# --------
#
# :func:`skgan.datasets.make_grid` draws from 25 equally likely Gaussians with
# centres :math:`\{-4, -2, 0, 2, 4\}^2` and standard deviation 0.05: narrow
# modes separated by wide empty gaps.

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from skgan import GANSampler, TableEncoder
from skgan.datasets import make_grid, make_ring
from skgan.metrics import mode_coverage

STD = 0.05
X, centers = make_grid(20_000, std=STD, random_state=0, return_centers=True)

# %%
# One sampler per loss
# --------------------
#
# A sample is *high quality* when it lies within 3 standard deviations (0.15)
# of its nearest centre, and a mode is *captured* when at least one high-quality
# sample is assigned to it. ``reverse_kl`` measures how unevenly the
# high-quality samples spread over the modes (0 is perfectly even). A real
# sample of the same size scores about 99 % high quality with this rule, since
# 3 standard deviations in two dimensions do not hold everything.
#
# The defaults use wider networks (256 x 256).

LOSSES = ["minimax", "non-saturating", "wasserstein-gp", "hinge"]
SMALL = {
    "generator_hidden_layer_sizes": (64, 64),
    "discriminator_hidden_layer_sizes": (64, 64),
    "max_iter": 1000,
    "random_state": 0,
}

samples, rows = {}, []
for loss in LOSSES:
    gan = GANSampler(loss=loss, **SMALL)
    gan.fit(X)
    samples[loss] = gan.sample(2500, random_state=0)
    rows.append({"loss": loss, **mode_coverage(samples[loss], centers, STD)})

real = make_grid(2500, std=STD, random_state=1)
rows.append({"loss": "real held-out sample", **mode_coverage(real, centers, STD)})
print(pd.DataFrame(rows).set_index("loss").round(3).to_string())

# %%
# 2,500 samples from each sampler (dots) over the 25 centres (crosses). All
# four losses reach every mode and put nearly all their samples on one; the
# few stray dots sit in the gaps between modes.

fig, axes = plt.subplots(2, 2, figsize=(8, 8), sharex=True, sharey=True)
for ax, row in zip(axes.flat, rows, strict=False):
    points = samples[row["loss"]]
    ax.scatter(points[:, 0], points[:, 1], s=2, alpha=0.3, color="#2a9d8f")
    ax.scatter(centers[:, 0], centers[:, 1], marker="x", s=25, color="#c0392b")
    ax.set_title(
        f"{row['loss']}: {row['modes']}/{row['n_modes']} modes, "
        f"{row['high_quality']:.1%} high quality",
        fontsize=10,
    )
    ax.set_aspect("equal")
for ax in axes[1]:
    ax.set_xlabel("$x_0$")
for ax in axes[:, 0]:
    ax.set_ylabel("$x_1$")
fig.tight_layout()
plt.show()

# %%
# What the networks see
# ---------------------
#
# The networks never see the raw coordinates. Each continuous column goes
# through the sampler's encoder first. Under the default
# ``continuous_transform='auto'`` a column whose values fall into clusters
# separated by empty gaps, as each coordinate here does, is encoded as a one-hot
# block for its cluster plus a small offset within it:

print("clusters per column:", gan.encoder_.clustered_columns_)

# %%
# The generator then draws each coordinate's cluster exactly, one after the
# other (the second given the first), so a sample can only land between two
# modes through its offset, which decoding clips to the cluster's range.
#
# Without clusters, under ``continuous_transform='quantile'``, each coordinate
# is mapped to a standard normal: every mode is stretched into a wide band and
# the empty gaps are squeezed into lines. On the grid (left, each real row
# coloured by its mode in a checkerboard) the data then look like one round
# Gaussian cut into 25 adjacent tiles, and covering the modes is no harder
# than matching a Gaussian. On the ring of 8 (middle) only 8 of the 5 x 5
# tiles hold data, each bordered by empty ones: a generator that moves
# smoothly from one mode to the next must cross an empty tile, and about one
# sample in five lands in one. The right panel compares, on the ring, the
# quantile encoding with the default.

quantile_grid = TableEncoder(continuous_transform="quantile").fit_transform(X[:5000])
nearest = np.argmin(((X[:5000, None, :] - centers) ** 2).sum(axis=2), axis=1)
checker = (nearest // 5 + nearest % 5) % 2

RING_STD = 0.01
ring, ring_centers = make_ring(20_000, random_state=0, return_centers=True)
quantile_ring = TableEncoder(continuous_transform="quantile").fit_transform(ring[:5000])
ring_mode = np.argmin(((ring[:5000, None, :] - ring_centers) ** 2).sum(axis=2), axis=1)

ring_rows, ring_samples = [], {}
for transform in ["quantile", "auto"]:
    ring_gan = GANSampler(continuous_transform=transform, **SMALL).fit(ring)
    ring_samples[transform] = ring_gan.sample(2500, random_state=0)
    coverage = mode_coverage(ring_samples[transform], ring_centers, RING_STD)
    ring_rows.append({"continuous_transform": transform, **coverage})
print(pd.DataFrame(ring_rows).set_index("continuous_transform").round(3).to_string())

fig, axes = plt.subplots(1, 3, figsize=(14, 5))
axes[0].scatter(
    quantile_grid[:, 0],
    quantile_grid[:, 1],
    s=2,
    alpha=0.5,
    c=np.where(checker == 1, "#264653", "#e9c46a"),
)
axes[0].set_title("grid, as 'quantile' encodes it")
axes[1].scatter(
    quantile_ring[:, 0], quantile_ring[:, 1], s=2, alpha=0.5, c=ring_mode, cmap="tab10"
)
axes[1].set_title("ring of 8, as 'quantile' encodes it")
for ax in axes[:2]:
    ax.set_xlabel("encoded $x_0$")
    ax.set_ylabel("encoded $x_1$")
for row, color in zip(ring_rows, ["#e76f51", "#2a9d8f"], strict=True):
    points = ring_samples[row["continuous_transform"]]
    axes[2].scatter(
        points[:, 0],
        points[:, 1],
        s=3,
        alpha=0.3,
        color=color,
        label=f"{row['continuous_transform']}: {row['high_quality']:.1%} high quality",
    )
axes[2].scatter(
    ring_centers[:, 0], ring_centers[:, 1], marker="x", s=25, color="#c0392b"
)
axes[2].set_title("ring samples")
axes[2].legend(loc="center", fontsize=9, markerscale=4)
for ax in axes:
    ax.set_aspect("equal")
fig.tight_layout()
plt.show()

# %%
# The full protocol, with GANSampler's defaults, 100,000 training rows and five
# seeds, is ``python benchmarks/modes.py --mixture grid --seeds 5`` (and
# ``--mixture ring``); the results for every loss are in
# ``benchmarks/RESULTS.md``.
