import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")
import matplotlib  # noqa: E402

matplotlib.use("Agg")

from skgan import GANSampler  # noqa: E402
from skgan.plotting import plot_history, plot_marginals, plot_pairs  # noqa: E402


@pytest.fixture
def table():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "a": rng.normal(size=200),
            "b": rng.normal(size=200),
            "kind": pd.Categorical(rng.choice(["x", "y"], 200)),
        }
    )
    df.loc[::10, "a"] = np.nan
    return df


def test_history_figure_has_three_panels(fast_params, table):
    gan = GANSampler(**fast_params).fit(table)
    fig = plot_history(gan)
    assert len(fig.axes) == 3
    assert len(fig.axes[2].lines[0].get_xdata()) == len(gan.history_)


def test_marginals_one_panel_per_column_and_missing_in_title(table, tmp_path):
    fig = plot_marginals(table, table.sample(frac=1, random_state=0))
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 3
    assert "missing 10.0%" in visible[0].get_title()
    fig.savefig(tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 1000


def test_pairs_real_beside_synthetic(table):
    fig = plot_pairs(table, table, [("a", "b")])
    assert [ax.get_title() for ax in fig.axes] == ["real", "synthetic"]
