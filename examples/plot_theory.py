r"""
===========================================
The theory at work: D(x), D*(x) and the JSD
===========================================

The GAN paper's analysis (Goodfellow et al., 2014) makes three claims that can
be checked on a 1-D table, where every density can be drawn:

1. for a fixed generator the best discriminator is
   :math:`D^*(x) = p_{data}(x) / (p_{data}(x) + p_g(x))` (Proposition 1);
2. against :math:`D^*` the value function is
   :math:`C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{data} \,\|\, p_g)` (Theorem 1),
   so :math:`(V(D, G) + \log 4) / 2` is a lower bound on the Jensen-Shannon
   divergence for any :math:`D`, tight when :math:`D = D^*`;
3. training drives :math:`p_g` towards :math:`p_{data}`, where
   :math:`D^* = 1/2` everywhere.

This example trains a :class:`skgan.GANSampler` on a mixture of two Gaussians
and compares what the sampler exposes (:meth:`~skgan.GANSampler.discriminator_proba`
and ``history_``) with what the theory predicts. The user guide derives it all:
see :ref:`game` and :ref:`theory`.
"""

# %%
# A 1-D table with a known density
# --------------------------------
#
# 5,000 rows from an unbalanced mixture of two Gaussians; its exact density
# :math:`p_{data}` comes from :func:`skgan.datasets.gaussian_mixture_1d_pdf`.

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.stats import gaussian_kde

from skgan import GANSampler
from skgan.datasets import gaussian_mixture_1d_pdf, make_gaussian_mixture_1d
from skgan.plotting import plot_history

MIXTURE = {"means": (-1.5, 2.0), "stds": (0.5, 0.8), "weights": (0.3, 0.7)}
X = make_gaussian_mixture_1d(5000, random_state=0, **MIXTURE)
grid = np.linspace(-4.0, 5.5, 600)
step = grid[1] - grid[0]
p_data = gaussian_mixture_1d_pdf(grid, **MIXTURE)

# %%
# The sampler
# -----------
#
# The theory is about the paper's game, so ``loss='minimax'``, whose
# discriminator outputs a probability. ``k=5`` discriminator steps per
# generator step keep :math:`D` close to the best response :math:`D^*` that the
# theory assumes. ``continuous_transform='standard'`` keeps the networks' view
# of x a linear rescaling of it, so that the generator must learn the two
# modes itself. Networks are small; the defaults train larger ones for longer.
#
# ``warm_start=True`` lets training pause at checkpoints: each ``fit``
# continues the same run for another ``max_iter`` iterations.

gan = GANSampler(
    loss="minimax",
    k=5,
    noise_dim=8,
    generator_hidden_layer_sizes=(64, 64),
    discriminator_hidden_layer_sizes=(64, 64),
    batch_size=250,
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
# Train, and measure at checkpoints
# ---------------------------------
#
# At each checkpoint:
#
# * :math:`p_g` is known only through samples: estimate it with a kernel
#   density estimate of 20,000 of them;
# * :math:`D(x)` comes from ``discriminator_proba`` on a grid of x;
# * :math:`D^*(x)` is computed from :math:`p_{data}` and the estimated
#   :math:`p_g`;
# * the JSD between :math:`p_{data}` and :math:`p_g`, and the lower bound
#   :math:`(V(D, G) + \log 4) / 2` for the current :math:`D`, are integrated on
#   the grid.


def kl(p, q):
    """KL(p || q) of two densities on the grid, in nats."""
    mask = p > 1e-12
    return float(np.sum(p[mask] * np.log(p[mask] / q[mask])) * step)


CHECKPOINTS = (100, 400, 1500)
snapshots, rows = [], []
done = 0
for total in CHECKPOINTS:
    gan.set_params(max_iter=total - done)
    gan.fit(X)
    done = total
    samples = gan.sample(20_000, random_state=1)[:, 0]
    p_g = gaussian_kde(samples, bw_method=0.05)(grid)
    d = gan.discriminator_proba(grid[:, None])
    d_star = p_data / (p_data + p_g)
    middle = (p_data + p_g) / 2
    jsd = 0.5 * kl(p_data, middle) + 0.5 * kl(p_g, middle)
    safe = np.clip(d, 1e-12, 1 - 1e-12)  # D is float32: keep the logs finite
    value = np.sum(p_data * np.log(safe) + p_g * np.log(1 - safe)) * step
    snapshots.append((total, p_g, d, d_star))
    rows.append(
        {
            "iterations": total,
            "JSD(p_data, p_g)": jsd,
            "(V(D, G) + log 4) / 2": (value + np.log(4)) / 2,
            "history_ js_estimate (last epoch)": gan.history_[-1, "js_estimate"],
        }
    )

print(pd.DataFrame(rows).set_index("iterations").round(4).to_string())

# %%
# In the table, the bound computed from the densities never exceeds the JSD,
# as Theorem 1 says, and the gap closes as :math:`D` gets close to
# :math:`D^*`. Both shrink as :math:`p_g` approaches :math:`p_{data}`.
#
# ``history_[:, 'js_estimate']`` is the same bound measured during training,
# on minibatches, averaged over the last epoch while :math:`G` was still
# moving. It is close to the bound computed from the densities, but noisy:
# read it for its trend over many epochs, not for one value.

# %%
# D(x) against the optimal discriminator
# --------------------------------------
#
# Top row: :math:`p_{data}` (black, dotted) and :math:`p_g` (green). Bottom
# row: :math:`D(x)` (blue, dashed) and :math:`D^*(x)` (red). :math:`D^*` is
# drawn only where the densities are not both negligible: elsewhere the ratio
# is 0/0, and :math:`D` extrapolates freely.
#
# After 100 iterations :math:`D` has only the rough shape of :math:`D^*`.
# After 400 it follows it closely: below 1/2 where :math:`p_g` has too much
# mass (the bridge between the modes, which a continuous map of unimodal noise
# finds hard to empty), above 1/2 where too little. After 1,500, :math:`p_g`
# is close to :math:`p_{data}` and both curves are near 1/2 on most of the
# line; :math:`D` still marks the bridge, but not the small wiggles of
# :math:`D^*` around the left mode: a discriminator of finite size, trained on
# minibatches, sees a smoothed :math:`D^*`. The narrow spike of :math:`p_g` at
# the left edge is samples clipped to the range seen in ``fit``.

fig, axes = plt.subplots(
    2, len(snapshots), figsize=(12, 5.6), sharex=True, sharey="row"
)
for column, (total, p_g, d, d_star) in zip(axes.T, snapshots, strict=True):
    column[0].plot(grid, p_data, "k:", lw=2, label="$p_{data}$")
    column[0].plot(grid, p_g, "g-", lw=1.5, label="$p_g$ (KDE of samples)")
    column[0].set_title(f"after {total} iterations")
    column[0].set_ylim(0, 0.5)
    shown = (p_data + p_g) > 0.01
    column[1].plot(grid, d, "b--", lw=1.5, label="$D(x)$")
    column[1].plot(
        grid, np.where(shown, d_star, np.nan), "r-", lw=1.5, label="$D^*(x)$"
    )
    column[1].axhline(0.5, color="0.75", lw=0.8, zorder=0)
    column[1].set_ylim(0, 1)
    column[1].set_xlabel("x")
axes[0, 0].set_ylabel("density")
axes[1, 0].set_ylabel("probability")
axes[0, 0].legend(loc="upper left", fontsize=8, frameon=False)
axes[1, -1].legend(loc="lower right", fontsize=9, frameon=False)
fig.tight_layout()
plt.show()

# %%
# Training curves
# ---------------
#
# :func:`skgan.plotting.plot_history` draws ``history_``, one point per epoch
# (here 20 iterations). Top: the two players' losses, which settle near
# their values at the game's optimum, where :math:`D = 1/2`: :math:`\log 4
# \approx 1.39` for :math:`D` and :math:`\log(1/2) \approx -0.69` for
# :math:`G`, whose minimax loss is :math:`\log(1 - D(G(z)))`. Middle: the mean
# :math:`D(x)` on real rows and :math:`D(G(z))` on generated ones, both
# heading for 1/2. Bottom: the JS estimate, which first rises while :math:`D`
# learns to tell the samples apart, then falls towards 0 as :math:`G` catches
# up. The grey lines mark the checkpoints above.

fig = plot_history(gan)
fig.set_size_inches(8, 7)
epochs = np.cumsum(gan.history_[:, "n_iter"])
for total in CHECKPOINTS:
    epoch = int(np.searchsorted(epochs, total)) + 1
    for ax in fig.axes:
        ax.axvline(epoch, color="0.8", lw=0.8, zorder=0)
fig.tight_layout()
plt.show()
