"""
=========================================
Figure 1 of the GAN paper, on a 1-D table
=========================================

Goodfellow et al. (2014) explain the adversarial game with a picture of a 1-D
problem: the data density :math:`p_{data}` (black, dotted), the generator's
density :math:`p_g` (green) and the discriminator's output :math:`D(x)` (blue,
dashed), at successive points of training. This example draws the same picture
with :class:`skgan.GANSampler` on a mixture of two Gaussians. See
:ref:`theory` for how to read it, and
:ref:`sphx_glr_auto_examples_plot_theory.py` for D(x) set against the optimal
discriminator.
"""

# %%
# The data and the sampler
# ------------------------
#
# 2,000 rows from a mixture of two Gaussians, whose density
# :func:`skgan.datasets.gaussian_mixture_1d_pdf` gives exactly.
#
# ``continuous_transform='standard'`` keeps the networks' view of x a linear
# rescaling of x, so that G has to bend a unimodal prior into two modes itself
# (the default ``'quantile'`` transform would hand it data that are already
# Gaussian). ``k=3`` discriminator steps per generator step keep D nearer its
# optimum :math:`D^*`, so that :math:`D(x)` and the JS estimate have something
# to say.
#
# ``warm_start=True`` lets training be paused and resumed: each call to ``fit``
# continues the same networks for another ``max_iter`` iterations, so the
# panels below show one run at increasing iteration counts.

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import gaussian_kde

from skgan import GANSampler
from skgan.datasets import gaussian_mixture_1d_pdf, make_gaussian_mixture_1d

X = make_gaussian_mixture_1d(2000, random_state=0)
grid = np.linspace(-4.0, 4.0, 401)
p_data = gaussian_mixture_1d_pdf(grid)

gan = GANSampler(
    noise_dim=8,
    generator_hidden_layer_sizes=(64, 64),
    discriminator_hidden_layer_sizes=(64, 64),
    k=3,
    batch_size=200,
    continuous_transform="standard",
    # Constant rates, as in the paper: with the default linear decay every
    # paused-and-resumed fit would start its decay again.
    generator_lr=2e-4,
    discriminator_lr=2e-4,
    lr_schedule="constant",
    warm_start=True,
    random_state=0,
)

# %%
# Train, pausing at four checkpoints
# ----------------------------------
#
# At each checkpoint, :math:`p_g` is estimated from 20,000 samples with a
# kernel density estimate (it is known only through samples), and
# :meth:`~skgan.GANSampler.discriminator_proba` gives :math:`D(x)` on the grid.

#: Total training iterations at which a panel is drawn.
CHECKPOINTS = (1, 100, 300, 1000)

snapshots = []
done = 0
for total in CHECKPOINTS:
    gan.set_params(max_iter=total - done)
    gan.fit(X)
    done = total
    samples = gan.sample(20_000, random_state=1)[:, 0]
    p_g = gaussian_kde(samples, bw_method=0.05)(grid)
    d_of_x = gan.discriminator_proba(grid[:, None])
    snapshots.append((gan.n_iter_, p_g, d_of_x))
    print(
        f"after {gan.n_iter_:4d} iterations: "
        f"share of samples below 0 = {np.mean(samples < 0):.2f}, "
        f"mean D(x) on the grid = {d_of_x.mean():.2f}"
    )

# %%
# The figure
# ----------
#
# What to look for:
#
# * where :math:`p_g` puts more mass than :math:`p_{data}`, :math:`D(x)` dips
#   below 1/2, and where it puts less, :math:`D(x)` rises above 1/2: D follows
#   :math:`D^*(x) = p_{data}(x) / (p_{data}(x) + p_g(x))`;
# * G's updates move :math:`p_g` towards :math:`p_{data}`. At the game's
#   optimum :math:`p_g = p_{data}` and :math:`D(x) = 1/2` everywhere; this short
#   run gets close on the two modes, but G still puts a thin bridge of mass
#   between them (it bends a unimodal prior with a continuous map), and
#   :math:`D(x)` drops far below 1/2 exactly there;
# * the bottom panel tracks ``history_[:, 'js_estimate']``, the lower-bound
#   estimate :math:`(V + \log 4) / 2` of the Jensen-Shannon divergence: it
#   grows while D learns to separate the two samples and falls as G closes the
#   gap.
#
# The narrow spikes of :math:`p_g` at the edges of panels (b) and (c) are
# samples that fell outside the training range: the decoder clips generated
# values to the range seen in ``fit``.

fig = plt.figure(figsize=(13, 5.2), layout="constrained")
top = fig.subfigures(2, 1, height_ratios=[2.1, 1])
axes = top[0].subplots(1, len(snapshots), sharey=True)
for ax, label, (n_iter, p_g, d_of_x) in zip(axes, "abcd", snapshots, strict=True):
    ax.plot(grid, p_data, "k:", lw=2, label="$p_{data}$")
    ax.plot(grid, p_g, "g-", lw=1.6, label="$p_g$")
    ax.plot(grid, d_of_x, "b--", lw=1.6, label="$D(x)$")
    ax.axhline(0.5, color="0.75", lw=0.8, zorder=0)
    ax.set_title(f"({label}) after {n_iter} iteration{'s' if n_iter > 1 else ''}")
    ax.set_xlabel("x")
    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylim(0.0, 1.0)
    if p_g.max() > 1.0:
        peak = grid[np.argmax(p_g)]
        ax.annotate(
            f"$p_g$ peaks at {p_g.max():.1f}",
            xy=(peak, 1.0),
            xytext=(peak + 0.7, 0.9),
            color="g",
            fontsize=8,
            arrowprops={"arrowstyle": "->", "color": "g"},
        )
axes[0].set_ylabel("density / probability")
top[0].suptitle(
    "One GANSampler run on a mixture of two Gaussians: $p_{data}$, $p_g$ "
    "(a KDE of 20,000 samples) and $D(x)$",
    fontsize=11,
)
axes[0].legend(loc="upper left", fontsize=8, frameon=False)

history = gan.history_
iterations = np.cumsum(history[:, "n_iter"])
js = np.asarray(history[:, "js_estimate"])
window = 10
smooth = np.convolve(js, np.ones(window) / window, mode="valid")
ax = top[1].subplots()
ax.plot(iterations, js, color="0.7", lw=0.8, label="per epoch")
ax.plot(iterations[window - 1 :], smooth, color="C3", lw=1.6, label="10-epoch mean")
for n_iter, _, _ in snapshots:
    ax.axvline(n_iter, color="0.85", lw=0.8, zorder=0)
ax.axhline(0.0, color="k", lw=0.6)
ax.set_xlim(0, iterations[-1])
ax.set_xlabel("training iteration")
ax.set_ylabel("JS estimate")
ax.set_title("history_[:, 'js_estimate'] = (V + log 4) / 2", fontsize=10)
ax.legend(loc="upper right", fontsize=8, frameon=False)
plt.show()
