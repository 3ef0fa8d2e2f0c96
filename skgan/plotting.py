"""Figures: training curves, real-against-synthetic marginals and pairs.

Needs matplotlib (``pip install skgan[plot]``). Nothing in skgan's core imports this
module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

REAL_COLOR, SYNTHETIC_COLOR = "#333333", "#2a9d8f"


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "skgan.plotting needs matplotlib: pip install matplotlib"
        ) from exc
    return plt


def _as_frame(X) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        return X
    X = np.asarray(X)
    return pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])


def _is_continuous(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(
        column
    )


def plot_history(gan, *, ax=None):
    """Training curves of a fitted GANSampler, one point per epoch.

    Top: discriminator and generator losses. Middle: mean D(x) on real rows and mean
    D(G(z)) on generated ones (1/2 is the paper's equilibrium). Bottom: the
    Jensen-Shannon estimate (V + log 4) / 2, which falls towards 0 as p_g nears
    p_data.

    Parameters
    ----------
    gan : GANSampler
        A fitted sampler.
    ax : sequence of 3 matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    fig : matplotlib Figure
    """
    plt = _pyplot()
    history = gan.history_
    epochs = np.arange(1, len(history) + 1)
    if ax is None:
        fig, ax = plt.subplots(3, 1, figsize=(7, 7), sharex=True)
    else:
        fig = ax[0].figure
    ax[0].plot(epochs, history[:, "d_loss"], label="D loss")
    ax[0].plot(epochs, history[:, "g_loss"], label="G loss")
    ax[0].set_ylabel("loss")
    ax[0].legend(loc="best")
    ax[1].plot(epochs, history[:, "d_real"], label="mean D(x), real rows")
    ax[1].plot(epochs, history[:, "d_fake"], label="mean D(G(z))")
    ax[1].axhline(0.5, color="grey", lw=0.8, ls=":")
    ax[1].set_ylim(0, 1)
    ax[1].set_ylabel("D")
    ax[1].legend(loc="best")
    ax[2].plot(epochs, history[:, "js_estimate"], color="purple")
    ax[2].axhline(0.0, color="grey", lw=0.8, ls=":")
    ax[2].set_ylabel("JS estimate")
    ax[2].set_xlabel("epoch")
    fig.tight_layout()
    return fig


def plot_marginals(
    real, synthetic, *, columns: Sequence[str] | None = None, n_cols: int = 4, bins=30
):
    """One panel per column: histograms (continuous) or bar charts (categorical) of
    real against synthetic rows, with the share of missing values in the title.

    Parameters
    ----------
    real, synthetic : DataFrame or 2-D array
        Tables with the same columns.
    columns : sequence of str, optional
        Columns to draw; all by default.
    n_cols : int, default=4
        Panels per row.
    bins : int, default=30
        Histogram bins for continuous columns.

    Returns
    -------
    fig : matplotlib Figure
    """
    plt = _pyplot()
    real, synthetic = _as_frame(real), _as_frame(synthetic)
    columns = list(real.columns if columns is None else columns)
    n_rows = math.ceil(len(columns) / n_cols)
    width = min(n_cols, len(columns))
    fig, axes = plt.subplots(
        n_rows, width, figsize=(3.2 * width, 2.6 * n_rows), squeeze=False
    )
    for ax, name in zip(axes.flat, columns, strict=False):
        r, s = real[name], synthetic[name]
        if _is_continuous(r):
            values = pd.concat([r, s]).dropna().astype(float)
            edges = np.histogram_bin_edges(values, bins=bins)
            if pd.api.types.is_integer_dtype(r.dtype):
                # One bar per integer when few, and whole-number tick labels.
                from matplotlib.ticker import MaxNLocator

                lo, hi = values.min(), values.max()
                if hi - lo < bins:
                    edges = np.arange(lo - 0.5, hi + 1.5)
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.hist(
                r.dropna().astype(float),
                bins=edges,
                density=True,
                alpha=0.5,
                color=REAL_COLOR,
                label="real",
            )
            ax.hist(
                s.dropna().astype(float),
                bins=edges,
                density=True,
                alpha=0.5,
                color=SYNTHETIC_COLOR,
                label="synthetic",
            )
        else:
            r_share = r.astype(object).value_counts(normalize=True)
            s_share = s.astype(object).value_counts(normalize=True)
            levels = list(r_share.index[:20])
            x = np.arange(len(levels))
            ax.bar(
                x - 0.2,
                r_share.reindex(levels).fillna(0),
                0.4,
                color=REAL_COLOR,
                alpha=0.7,
                label="real",
            )
            ax.bar(
                x + 0.2,
                s_share.reindex(levels).fillna(0),
                0.4,
                color=SYNTHETIC_COLOR,
                alpha=0.9,
                label="synthetic",
            )
            ax.set_xticks(
                x, [str(v)[:10] for v in levels], rotation=45, ha="right", fontsize=7
            )
        title = str(name)
        if r.isna().any() or s.isna().any():
            title += f"\nmissing {r.isna().mean():.1%} | {s.isna().mean():.1%}"
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in list(axes.flat)[len(columns) :]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def plot_pairs(
    real,
    synthetic,
    pairs: Sequence[tuple[str, str]],
    *,
    max_points=2000,
    random_state=0,
):
    """Scatter plots of chosen continuous column pairs, real beside synthetic.

    Parameters
    ----------
    real, synthetic : DataFrame or 2-D array
        Tables with the same columns.
    pairs : sequence of (str, str)
        Column pairs; one row of two panels each.
    max_points : int, default=2000
        Points drawn per panel (a random subset).
    random_state : int, default=0
        Seed of the subset.

    Returns
    -------
    fig : matplotlib Figure
    """
    plt = _pyplot()
    real, synthetic = _as_frame(real), _as_frame(synthetic)
    rng = np.random.default_rng(random_state)
    fig, axes = plt.subplots(
        len(pairs),
        2,
        figsize=(7, 3.2 * len(pairs)),
        squeeze=False,
        sharex="row",
        sharey="row",
    )
    for row, (a, b) in zip(axes, pairs, strict=True):
        for ax, table, label, color in [
            (row[0], real, "real", REAL_COLOR),
            (row[1], synthetic, "synthetic", SYNTHETIC_COLOR),
        ]:
            points = table[[a, b]].dropna()
            if len(points) > max_points:
                points = points.iloc[rng.choice(len(points), max_points, replace=False)]
            ax.scatter(points[a], points[b], s=3, alpha=0.4, color=color)
            ax.set_title(label, fontsize=9)
            ax.set_xlabel(str(a))
            ax.set_ylabel(str(b))
    fig.tight_layout()
    return fig
