"""Tests of skgan.datasets: toy distributions, embedded and benchmark tables."""

import functools
import importlib.resources
import itertools

import numpy as np
import pandas as pd
import pytest

from skgan import datasets
from skgan.datasets import (
    BENCHMARK_TABLES,
    available_benchmark_tables,
    gaussian_mixture_1d_pdf,
    load_benchmark_table,
    load_penguins,
    make_gaussian_mixture_1d,
    make_grid,
    make_ring,
)


def _nearest_center(X, centers):
    """Index of the nearest centre and the offset from it, for each sample."""
    d2 = ((X[:, np.newaxis, :] - centers[np.newaxis, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    return labels, X - centers[labels]


# ---------------------------------------------------------------------------
# 1-D Gaussian mixture
# ---------------------------------------------------------------------------


def test_gaussian_mixture_1d_shape_dtype_and_defaults():
    X = make_gaussian_mixture_1d(random_state=0)
    assert X.shape == (10_000, 1)
    assert X.dtype == np.float64
    assert np.all(np.isfinite(X))
    # Two equal, well-separated modes at -2 and 2 with std 0.5.
    left, right = X[X < 0], X[X >= 0]
    assert abs(left.size / X.size - 0.5) < 0.03
    assert abs(left.mean() + 2.0) < 0.03 and abs(right.mean() - 2.0) < 0.03
    assert abs(left.std() - 0.5) < 0.03 and abs(right.std() - 0.5) < 0.03


def test_gaussian_mixture_1d_reproducible():
    a = make_gaussian_mixture_1d(500, random_state=42)
    b = make_gaussian_mixture_1d(500, random_state=42)
    c = make_gaussian_mixture_1d(500, random_state=43)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    rng = np.random.RandomState(0)
    d = make_gaussian_mixture_1d(500, random_state=rng)
    np.testing.assert_array_equal(d, make_gaussian_mixture_1d(500, random_state=0))


def test_gaussian_mixture_1d_weights_are_normalised():
    X = make_gaussian_mixture_1d(
        20_000,
        means=(-5.0, 0.0, 5.0),
        stds=(0.1, 0.2, 0.3),
        weights=(1, 2, 1),
        random_state=0,
    ).ravel()
    fractions = [np.mean(X < -2.5), np.mean(np.abs(X) < 2.5), np.mean(X > 2.5)]
    np.testing.assert_allclose(fractions, [0.25, 0.5, 0.25], atol=0.015)
    assert abs(X[X > 2.5].std() - 0.3) < 0.02


def test_gaussian_mixture_1d_pdf_exact():
    grid = np.linspace(-6.0, 6.0, 4001)
    density = gaussian_mixture_1d_pdf(grid)
    assert density.shape == grid.shape
    # Integrates to one, symmetric, and matches the closed form at a mode.
    np.testing.assert_allclose(density.sum() * (grid[1] - grid[0]), 1.0, atol=1e-6)
    np.testing.assert_allclose(density, density[::-1])
    at_mode = 0.5 / (0.5 * np.sqrt(2 * np.pi)) * (1.0 + np.exp(-0.5 * 8.0**2))
    np.testing.assert_allclose(gaussian_mixture_1d_pdf(2.0), at_mode)
    # Same shape as the input, e.g. for samples of shape (n, 1).
    X = make_gaussian_mixture_1d(50, random_state=0)
    assert gaussian_mixture_1d_pdf(X).shape == X.shape
    # Weighted, non-default components; weights given positionally.
    value = gaussian_mixture_1d_pdf(1.0, (0.0, 1.0), (1.0, 2.0), (3.0, 1.0))
    expected = 0.75 * np.exp(-0.5) / np.sqrt(2 * np.pi) + 0.25 / (
        2.0 * np.sqrt(2 * np.pi)
    )
    np.testing.assert_allclose(value, expected)


def test_gaussian_mixture_1d_pdf_matches_samples():
    X = make_gaussian_mixture_1d(
        50_000,
        means=(-1.0, 1.5),
        stds=(0.4, 0.8),
        weights=(0.3, 0.7),
        random_state=0,
    )
    counts, edges = np.histogram(X, bins=40, range=(-3.0, 4.0), density=True)
    centres = (edges[:-1] + edges[1:]) / 2
    expected = gaussian_mixture_1d_pdf(centres, (-1.0, 1.5), (0.4, 0.8), (0.3, 0.7))
    np.testing.assert_allclose(counts, expected, atol=0.03)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n_samples": 0},
        {"means": (0.0, 1.0), "stds": (1.0,)},
        {"stds": (0.5, 0.0)},
        {"stds": (0.5, -1.0)},
        {"weights": (1.0,)},
        {"weights": (1.0, -1.0)},
        {"weights": (0.0, 0.0)},
        {"means": ()},
        {"means": (np.nan, 1.0)},
    ],
)
def test_gaussian_mixture_1d_invalid(kwargs):
    with pytest.raises(ValueError):
        make_gaussian_mixture_1d(**kwargs)


def test_n_samples_must_be_int():
    with pytest.raises(TypeError):
        make_gaussian_mixture_1d(10.0)
    with pytest.raises(TypeError):
        make_ring(True)


# ---------------------------------------------------------------------------
# PacGAN ring and grid
# ---------------------------------------------------------------------------


def test_ring_defaults_match_pacgan():
    X, centers = make_ring(random_state=0, return_centers=True)
    assert X.shape == (100_000, 2) and X.dtype == np.float64
    assert centers.shape == (8, 2)
    # Eight centres on the unit circle, 45 degrees apart, the first at (1, 0).
    np.testing.assert_allclose(np.hypot(*centers.T), 1.0)
    angles = np.arctan2(centers[:, 1], centers[:, 0]) % (2 * np.pi)
    np.testing.assert_allclose(angles, np.arange(8) * np.pi / 4, atol=1e-12)
    labels, offsets = _nearest_center(X, centers)
    # Standard deviation 0.01 in each coordinate, equal weights.
    np.testing.assert_allclose(offsets.std(axis=0), 0.01, rtol=0.02)
    np.testing.assert_allclose(offsets.mean(axis=0), 0.0, atol=1e-4)
    np.testing.assert_allclose(np.bincount(labels) / X.shape[0], 1 / 8, atol=0.006)


def test_ring_parameters_and_reproducibility():
    X, centers = make_ring(
        2_000, n_modes=3, radius=5.0, std=0.1, random_state=1, return_centers=True
    )
    np.testing.assert_allclose(np.hypot(*centers.T), 5.0)
    assert centers.shape == (3, 2)
    _, offsets = _nearest_center(X, centers)
    np.testing.assert_allclose(offsets.std(axis=0), 0.1, rtol=0.08)
    Y = make_ring(2_000, n_modes=3, radius=5.0, std=0.1, random_state=1)
    assert isinstance(Y, np.ndarray)
    np.testing.assert_array_equal(X, Y)
    assert not np.array_equal(
        X, make_ring(2_000, n_modes=3, radius=5.0, std=0.1, random_state=2)
    )


def test_grid_defaults_match_pacgan():
    X, centers = make_grid(random_state=0, return_centers=True)
    assert X.shape == (100_000, 2) and X.dtype == np.float64
    assert centers.shape == (25, 2)
    expected = set(itertools.product([-4.0, -2.0, 0.0, 2.0, 4.0], repeat=2))
    assert {tuple(c) for c in centers.tolist()} == expected
    labels, offsets = _nearest_center(X, centers)
    np.testing.assert_allclose(offsets.std(axis=0), 0.05, rtol=0.02)
    np.testing.assert_allclose(offsets.mean(axis=0), 0.0, atol=1e-3)
    np.testing.assert_allclose(
        np.bincount(labels, minlength=25) / X.shape[0], 1 / 25, atol=0.004
    )


def test_grid_parameters_and_reproducibility():
    X, centers = make_grid(
        1_000,
        n_per_side=4,
        spacing=1.0,
        std=0.01,
        random_state=3,
        return_centers=True,
    )
    np.testing.assert_allclose(np.unique(centers[:, 0]), [-1.5, -0.5, 0.5, 1.5])
    # Row-major: the first coordinate varies slowest.
    np.testing.assert_allclose(centers[:4, 0], -1.5)
    np.testing.assert_array_equal(
        X, make_grid(1_000, n_per_side=4, spacing=1.0, std=0.01, random_state=3)
    )


@pytest.mark.parametrize(
    "func, kwargs",
    [
        (make_ring, {"n_modes": 0}),
        (make_ring, {"radius": 0.0}),
        (make_ring, {"std": -0.01}),
        (make_ring, {"std": np.inf}),
        (make_grid, {"n_per_side": 0}),
        (make_grid, {"spacing": -2.0}),
        (make_grid, {"std": 0.0}),
        (make_grid, {"n_samples": -5}),
    ],
)
def test_ring_grid_invalid(func, kwargs):
    with pytest.raises(ValueError):
        func(**kwargs)


# ---------------------------------------------------------------------------
# Embedded penguins table
# ---------------------------------------------------------------------------


def test_penguins_dtypes_and_missing_values():
    df = load_penguins()
    assert df.shape == (344, 8)
    assert list(df.columns) == [
        "species",
        "island",
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
        "sex",
        "year",
    ]
    categories = {
        "species": ["Adelie", "Chinstrap", "Gentoo"],
        "island": ["Biscoe", "Dream", "Torgersen"],
        "sex": ["female", "male"],
    }
    for column, levels in categories.items():
        assert isinstance(df[column].dtype, pd.CategoricalDtype)
        assert df[column].cat.categories.tolist() == levels
        assert not df[column].cat.ordered
    for column in ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]:
        assert df[column].dtype == np.float64
    assert df["body_mass_g"].dtype == np.float64
    assert df["year"].dtype == np.int64
    assert set(df["year"]) == {2007, 2008, 2009}
    missing = df.isna().sum().to_dict()
    assert missing == {
        "species": 0,
        "island": 0,
        "bill_length_mm": 2,
        "bill_depth_mm": 2,
        "flipper_length_mm": 2,
        "body_mass_g": 2,
        "sex": 11,
        "year": 0,
    }
    assert df["species"].value_counts().to_dict() == {
        "Adelie": 152,
        "Gentoo": 124,
        "Chinstrap": 68,
    }
    assert df["body_mass_g"].min() == 2700 and df["body_mass_g"].max() == 6300


def test_penguins_return_X_y_and_arrays():
    X, y = load_penguins(return_X_y=True)
    assert X.shape == (344, 7) and "species" not in X.columns
    assert y.name == "species" and isinstance(y.dtype, pd.CategoricalDtype)
    arr = load_penguins(as_frame=False)
    assert arr.shape == (344, 8) and arr.dtype == object
    assert arr[3, 0] == "Adelie" and np.isnan(arr[3, 2])
    Xa, ya = load_penguins(return_X_y=True, as_frame=False)
    assert Xa.shape == (344, 7) and ya.shape == (344,)
    assert pd.isna(Xa).sum() == 19


def test_penguins_csv_is_package_data():
    resource = importlib.resources.files("skgan").joinpath("data", "penguins.csv")
    assert resource.is_file()
    header = resource.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("species,island,")


# ---------------------------------------------------------------------------
# Benchmark tables
# ---------------------------------------------------------------------------

# name: (rows, columns including the target, needs missing values)
EXPECTED_SHAPES = {
    "penguins": (344, 8, True),
    "breast_cancer": (569, 31, False),
    "diabetes": (442, 11, False),
    "census": (199_523, 41, True),
    "cps1988": (28_155, 7, False),
    "gss_wages": (37_887, 11, True),
    "diamonds": (53_940, 10, False),
    "loans": (10_000, 54, True),
    "credit": (4_454, 14, True),
    "ames": (2_930, 74, True),
}


@functools.cache
def _load_table(name):
    """Load a benchmark table once per test session (census takes seconds)."""
    module = datasets._BENCHMARK_SPECS[name].module
    if module is not None:
        pytest.importorskip(module)
    return load_benchmark_table(name)


def test_benchmark_table_registry():
    assert isinstance(BENCHMARK_TABLES, tuple)
    assert set(BENCHMARK_TABLES) == set(EXPECTED_SHAPES)
    available = available_benchmark_tables()
    assert {"penguins", "breast_cancer", "diabetes"} <= set(available)
    assert [n for n in BENCHMARK_TABLES if n in available] == list(available)


def test_benchmark_table_unknown_name():
    with pytest.raises(ValueError, match="Unknown benchmark table"):
        load_benchmark_table("adult-but-misspelled")


def test_benchmark_table_missing_package(monkeypatch):
    spec = datasets._BENCHMARK_SPECS["cps1988"]
    fake = datasets._TableSpec(
        spec.loader, spec.target, spec.task, "skgan_no_such_module", "no-such-pkg"
    )
    monkeypatch.setitem(datasets._BENCHMARK_SPECS, "cps1988", fake)
    with pytest.raises(ImportError, match="pip install no-such-pkg"):
        load_benchmark_table("cps1988")
    assert "cps1988" not in available_benchmark_tables()


@pytest.mark.parametrize("name", BENCHMARK_TABLES)
def test_benchmark_table_loads(name):
    frame, target, task = _load_table(name)
    rows, columns, has_missing = EXPECTED_SHAPES[name]
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == (rows, columns)
    assert frame.index.equals(pd.RangeIndex(rows))
    assert target in frame.columns
    assert task in ("classification", "regression")
    assert frame[target].notna().all()
    if task == "classification":
        assert isinstance(frame[target].dtype, pd.CategoricalDtype)
        assert frame[target].nunique() >= 2
    else:
        assert pd.api.types.is_numeric_dtype(frame[target])
    # Only category, float and int columns; no raw strings.
    kinds = {dtype.kind for dtype in frame.dtypes if dtype != "category"}
    assert kinds <= {"f", "i"}
    assert bool(frame.isna().to_numpy().any()) == has_missing


def test_census_table_details():
    frame, target, _ = _load_table("census")
    assert frame[target].cat.categories.tolist() == ["-50000", "50000+"]
    np.testing.assert_allclose((frame[target] == "50000+").mean(), 0.062, atol=0.001)
    assert "instance_weight" not in frame.columns
    assert frame["age"].dtype == np.int64
    assert isinstance(frame["detailed_industry_recode"].dtype, pd.CategoricalDtype)
    n_categorical = sum(isinstance(d, pd.CategoricalDtype) for d in frame.dtypes)
    assert n_categorical == 34


def test_diamonds_ordered_categories():
    frame, _, _ = _load_table("diamonds")
    assert frame["cut"].cat.ordered
    assert frame["cut"].cat.categories.tolist()[0] == "Fair"
    assert frame[["cut", "color", "clarity"]].notna().all().all()
