"""Measures of how well synthetic tabular data matches real data.

Every function that compares tables accepts pandas DataFrames with mixed column
types (numeric, bool, category/object, missing values) or 2-D numpy arrays.
Arrays are treated as all-numeric with columns named ``x0, x1, ...``; when one
argument is a DataFrame and another an array of the same width, the array's
columns take the DataFrame's names (positional matching, as in scikit-learn).

Column kinds
------------
A column is *continuous* when its dtype (in the first, real table) is numeric
and not boolean, and *categorical* otherwise (bool, category, object, string,
datetime, ...). Most functions take ``categorical_features`` to force numeric
columns to be categorical.

Missing values
--------------
Missing values (``NaN``, ``None``, ``pd.NA``, ``NaT``) are part of the data, not
noise to drop:

* categorical columns: a missing value is a category of its own;
* continuous columns in :func:`column_fidelity`: the score is the KS score of
  the observed values times the agreement of the missing rates;
* continuous columns in :func:`pair_trends`: correlations use the rows where
  both columns are observed; in mixed pairs "missing" is a bin of its own;
* :func:`detection_auc` and :func:`ml_efficacy`: passed to the gradient
  boosting models as missing, which learn where to send them (a numeric
  column observed on fewer than 20 training rows is reduced to its missing
  indicator, since it cannot be binned);
* :func:`distance_to_closest_record`: an indicator coordinate per continuous
  column with missing values.
"""

from __future__ import annotations

import itertools
import warnings
from numbers import Integral

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import ks_2samp
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
)
from sklearn.metrics import f1_score, pairwise_distances_argmin_min, r2_score
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

__all__ = [
    "column_fidelity",
    "detection_auc",
    "distance_to_closest_record",
    "fidelity_score",
    "ml_efficacy",
    "mode_coverage",
    "pair_trends",
    "parzen_log_likelihood",
    "quality_report",
]

CONTINUOUS = "continuous"
CATEGORICAL = "categorical"

# HistGradientBoosting's limit on categories of a native categorical feature.
_HGB_MAX_CATEGORIES = 255
_N_QUANTILE_BINS = 10
_MAX_CLASSIFICATION_LEVELS = 20
# Numeric columns with fewer observed values are reduced to a missing
# indicator before fitting HistGradientBoosting (see _guard_sparse_numeric).
_MIN_OBSERVED = 20
# Wider one-hot blocks are kept sparse in distance_to_closest_record.
_MAX_DENSE_ONEHOT = 256


# --------------------------------------------------------------------------
# Input validation helpers
# --------------------------------------------------------------------------


def _to_frame(X, name: str, columns=None) -> pd.DataFrame:
    """Return ``X`` as a DataFrame; arrays get ``columns`` or ``x0, x1, ...``."""
    if isinstance(X, pd.DataFrame):
        return X
    if isinstance(X, pd.Series):
        return X.to_frame()
    arr = np.asarray(X)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be a DataFrame or a 2-D array, got an array of shape "
            f"{arr.shape}."
        )
    if columns is None or len(columns) != arr.shape[1]:
        columns = [f"x{i}" for i in range(arr.shape[1])]
    # Object arrays of numbers should still count as numeric columns.
    return pd.DataFrame(arr, columns=list(columns)).infer_objects()


def _validate_tables(tables: dict) -> list[pd.DataFrame]:
    """Convert ``{name: table}`` to DataFrames with the columns of the first.

    Raises a ValueError naming the differing columns when the tables do not
    have the same column set, and reorders the others to the first's order.
    """
    names = list(tables)
    template = next(
        (t.columns for t in tables.values() if isinstance(t, pd.DataFrame)), None
    )
    frames = [_to_frame(tables[n], n, template) for n in names]
    ref_name, ref = names[0], frames[0]
    for name, frame in zip(names, frames, strict=True):
        dup = frame.columns[frame.columns.duplicated()].tolist()
        if dup:
            raise ValueError(f"{name} has duplicated column names: {dup}.")
        if frame.shape[0] == 0:
            raise ValueError(f"{name} has no rows.")
    if ref.shape[1] == 0:
        raise ValueError(f"{ref_name} has no columns.")
    out = [ref]
    for name, frame in zip(names[1:], frames[1:], strict=True):
        missing = [c for c in ref.columns if c not in frame.columns]
        extra = [c for c in frame.columns if c not in ref.columns]
        if missing or extra:
            raise ValueError(
                f"{ref_name} and {name} must have the same columns; "
                f"missing from {name}: {missing}; "
                f"not in {ref_name}: {extra}."
            )
        out.append(frame[ref.columns])
    return out


def _column_kinds(df: pd.DataFrame, categorical_features=None) -> dict:
    """Map each column to CONTINUOUS or CATEGORICAL.

    Numeric, non-boolean dtypes are continuous; ``categorical_features``
    (column names, integer positions or a boolean mask) forces columns to
    categorical.
    """
    forced = set()
    if categorical_features is not None:
        feats = np.asarray(categorical_features)
        if feats.dtype == bool:
            if feats.shape != (df.shape[1],):
                raise ValueError(
                    "A boolean categorical_features mask must have one entry per "
                    f"column ({df.shape[1]}), got shape {feats.shape}."
                )
            forced = set(df.columns[feats])
        else:
            for f in categorical_features:
                if f in df.columns:
                    forced.add(f)
                elif isinstance(f, Integral) and 0 <= f < df.shape[1]:
                    forced.add(df.columns[f])
                else:
                    raise ValueError(f"categorical_features: unknown column {f!r}.")
    kinds = {}
    for col in df.columns:
        dtype = df[col].dtype
        numeric = pd.api.types.is_numeric_dtype(
            dtype
        ) and not pd.api.types.is_bool_dtype(dtype)
        kinds[col] = CONTINUOUS if numeric and col not in forced else CATEGORICAL
    return kinds


def _as_float(s: pd.Series, column) -> np.ndarray:
    """Values of a continuous column as floats, NaN for missing."""
    try:
        return pd.to_numeric(s).to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"Column {column!r} is continuous in the real data but has "
            f"non-numeric values in another table: {exc}"
        ) from exc


def _joint_codes(*series: pd.Series) -> tuple[list[np.ndarray], int, bool]:
    """Integer-code categorical values consistently across several Series.

    Missing values get the last code, ``n_levels - 1``, so they form a category
    of their own. Returns the codes per Series, the number of levels and
    whether a missing category exists.
    """
    values = pd.concat([s.astype(object) for s in series], ignore_index=True)
    codes, uniques = pd.factorize(values)
    has_missing = bool((codes < 0).any())
    codes[codes < 0] = len(uniques)
    n_levels = len(uniques) + has_missing
    splits = np.cumsum([len(s) for s in series])[:-1]
    return np.split(codes, splits), n_levels, has_missing


def _tvd(codes_a: np.ndarray, codes_b: np.ndarray, n_levels: int) -> float:
    """Total-variation distance between the empirical laws of two code arrays."""
    if n_levels > len(codes_a) + len(codes_b):
        # Sparse codes (e.g. joint codes of two wide columns): relabel the
        # levels that occur rather than allocating every possible one.
        _, inv = np.unique(np.concatenate([codes_a, codes_b]), return_inverse=True)
        codes_a, codes_b = inv[: len(codes_a)], inv[len(codes_a) :]
        n_levels = int(inv.max()) + 1
    p = np.bincount(codes_a, minlength=n_levels) / len(codes_a)
    q = np.bincount(codes_b, minlength=n_levels) / len(codes_b)
    return 0.5 * float(np.abs(p - q).sum())


def _encode_for_hgb(frames, kinds) -> tuple[list[np.ndarray], np.ndarray]:
    """Float matrices for HistGradientBoosting and its categorical mask.

    Categorical columns become codes shared by all frames, with NaN for missing
    (the model treats missing as a category of its own). Columns with more
    categories than HistGradientBoosting supports natively are passed as
    numeric codes ranked by their frequency in the first frame (the real
    training rows) instead, so that the first frame's encoding does not depend
    on the other frames.
    """
    mats = [np.empty((len(f), len(kinds))) for f in frames]
    mask = np.zeros(len(kinds), dtype=bool)
    for j, (col, kind) in enumerate(kinds.items()):
        if kind == CONTINUOUS:
            for m, f in zip(mats, frames, strict=True):
                m[:, j] = _as_float(f[col], col)
            continue
        codes, n_levels, has_missing = _joint_codes(*(f[col] for f in frames))
        n_observed = n_levels - has_missing
        if n_observed <= _HGB_MAX_CATEGORIES:
            mask[j] = True
            rank = np.arange(n_levels, dtype=float)
        else:
            # Frequent categories get low codes so that threshold splits can
            # still isolate them. Counted in the first frame alone: with every
            # frame counted, the real model's features (and score) moved with
            # the synthetic rows (gss_wages' 528 occupations: R^2 0.324 or 0.314).
            counts = np.bincount(codes[0], minlength=n_levels)
            rank = np.empty(n_levels)
            rank[np.argsort(-counts[:n_observed], kind="stable")] = np.arange(
                n_observed
            )
        if has_missing:
            rank[-1] = np.nan
        for m, c in zip(mats, codes, strict=True):
            m[:, j] = rank[c]
    return mats, mask


def _guard_sparse_numeric(X_fit, mask, *others):
    """Replace numeric columns with too few observed values by their NaN mask.

    HistGradientBoosting cannot bin a numeric column that is missing on every
    training row. Columns of ``X_fit`` with fewer than ``_MIN_OBSERVED``
    observed values are replaced, in ``X_fit`` and in ``others`` alike, by
    their missing indicator, which keeps the missingness signal.
    """
    observed = (~np.isnan(X_fit)).sum(axis=0)
    bad = np.flatnonzero(~mask & (observed < _MIN_OBSERVED))
    if len(bad) == 0:
        return (X_fit, *others)
    out = []
    for X in (X_fit, *others):
        X = X.copy()
        X[:, bad] = np.isnan(X[:, bad])
        out.append(X)
    return tuple(out)


def _subsample(df: pd.DataFrame, n: int, rng) -> pd.DataFrame:
    if len(df) <= n:
        return df
    return df.iloc[np.sort(rng.choice(len(df), size=n, replace=False))]


# --------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------


def detection_auc(
    real,
    synthetic,
    *,
    cv: int = 3,
    categorical_features=None,
    random_state=0,
    max_rows: int = 20000,
) -> float:
    """Cross-validated ROC AUC of a classifier telling real from synthetic rows.

    A :class:`~sklearn.ensemble.HistGradientBoostingClassifier` (native
    categorical support, native missing-value support) is trained to label real
    rows 1 and synthetic rows 0. Both tables are subsampled to the same number
    of rows, ``min(len(real), len(synthetic), max_rows)``, so the classes are
    balanced.

    The plain AUC (mean over the folds) is returned, not ``max(auc, 1 - auc)``:
    0.5 means the classifier cannot tell the tables apart, 1.0 that it always
    can. Values a little below 0.5 are sampling noise and should be read as
    0.5; folding them onto the upper half would bias the measure upwards.

    Parameters
    ----------
    real : DataFrame or ndarray of shape (n_real, n_features)
        Real data.
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns as ``real``.
    cv : int, default=3
        Number of stratified folds.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.
    random_state : int, RandomState instance or None, default=0
        Seed for subsampling, fold assignment and the classifier.
    max_rows : int, default=20000
        Maximum number of rows taken from each table.

    Returns
    -------
    auc : float
        Mean ROC AUC over the folds, in [0, 1]; 0.5 is ideal.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import detection_auc
    >>> rng = np.random.default_rng(0)
    >>> real = rng.normal(size=(500, 2))
    >>> detection_auc(real, real + 5) > 0.99
    True
    """
    real, synthetic = _validate_tables({"real": real, "synthetic": synthetic})
    rng = check_random_state(random_state)
    n = min(len(real), len(synthetic), max_rows)
    if n < cv:
        raise ValueError(f"Need at least cv={cv} rows in each table, got {n}.")
    real = _subsample(real, n, rng)
    synthetic = _subsample(synthetic, n, rng)
    kinds = _column_kinds(real, categorical_features)
    (X_real, X_synth), mask = _encode_for_hgb([real, synthetic], kinds)
    (X,) = _guard_sparse_numeric(np.vstack([X_real, X_synth]), mask)
    y = np.r_[np.ones(n, dtype=int), np.zeros(n, dtype=int)]
    seed = rng.randint(np.iinfo(np.int32).max)
    clf = HistGradientBoostingClassifier(
        categorical_features=mask if mask.any() else None, random_state=seed
    )
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed)
    return float(np.mean(cross_val_score(clf, X, y, cv=folds, scoring="roc_auc")))


# --------------------------------------------------------------------------
# Fidelity: column shapes and pair trends
# --------------------------------------------------------------------------


def _continuous_column_score(a: np.ndarray, b: np.ndarray) -> float:
    """(1 - KS on observed values) * (1 - |difference of missing rates|)."""
    miss_a, miss_b = np.isnan(a), np.isnan(b)
    presence = 1.0 - abs(miss_a.mean() - miss_b.mean())
    obs_a, obs_b = a[~miss_a], b[~miss_b]
    if len(obs_a) == 0 and len(obs_b) == 0:
        shape = 1.0
    elif len(obs_a) == 0 or len(obs_b) == 0:
        # One side has observed values the other never produces.
        shape = 0.0
    else:
        shape = 1.0 - float(ks_2samp(obs_a, obs_b).statistic)
    return shape * presence


def column_fidelity(real, synthetic, *, categorical_features=None) -> pd.DataFrame:
    """Per-column similarity of the marginal distributions.

    * continuous columns: ``(1 - KS) * (1 - |m_real - m_synthetic|)``, where KS
      is the two-sample Kolmogorov-Smirnov statistic of the observed values and
      ``m`` the fraction of missing values. Without missing values this is
      ``1 - KS``;
    * categorical columns: ``1 - TVD``, the total-variation distance between
      the category frequencies, missing values being a category of their own.

    Parameters
    ----------
    real : DataFrame or ndarray of shape (n_real, n_features)
        Real data.
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns as ``real``.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.

    Returns
    -------
    scores : DataFrame
        One row per column with columns ``column``, ``kind``
        (``"continuous"`` or ``"categorical"``) and ``score`` in [0, 1],
        1 meaning identical marginals.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan.metrics import column_fidelity
    >>> real = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": list("xxyy")})
    >>> synth = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": list("xxxy")})
    >>> column_fidelity(real, synth)
      column         kind  score
    0      a   continuous   1.00
    1      b  categorical   0.75
    """
    real, synthetic = _validate_tables({"real": real, "synthetic": synthetic})
    kinds = _column_kinds(real, categorical_features)
    rows = []
    for col, kind in kinds.items():
        if kind == CONTINUOUS:
            score = _continuous_column_score(
                _as_float(real[col], col), _as_float(synthetic[col], col)
            )
        else:
            (a, b), n_levels, _ = _joint_codes(real[col], synthetic[col])
            score = 1.0 - _tvd(a, b, n_levels)
        rows.append((col, kind, score))
    return pd.DataFrame(rows, columns=["column", "kind", "score"])


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation on rows where both are finite; 0 when undefined."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(x) < 2:
        return 0.0
    x = x - x.mean()
    y = y - y.mean()
    denom = np.sqrt((x * x).sum() * (y * y).sum())
    # A constant column has no linear association with anything.
    if denom == 0 or not np.isfinite(denom):
        return 0.0
    return float(np.clip((x * y).sum() / denom, -1.0, 1.0))


def _quantile_bins(ref: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """Bin arrays by the interior deciles of ``ref``; NaN gets its own bin."""
    obs = ref[~np.isnan(ref)]
    if len(obs):
        inner = np.unique(
            np.quantile(obs, np.linspace(0, 1, _N_QUANTILE_BINS + 1)[1:-1])
        )
    else:
        inner = np.empty(0)
    out = []
    for a in arrays:
        bins = np.searchsorted(inner, a, side="right")
        bins[np.isnan(a)] = len(inner) + 1
        out.append(bins)
    return out


def pair_trends(
    real,
    synthetic,
    max_pairs: int | None = None,
    *,
    categorical_features=None,
    random_state=0,
) -> pd.DataFrame:
    """Per-pair similarity of the dependence between columns.

    * two continuous columns: ``1 - |r_real - r_synthetic| / 2`` with ``r`` the
      Pearson correlation computed on the rows where both columns are observed
      (taken as 0 when undefined, e.g. for a constant column);
    * otherwise: ``1 - TVD`` between the joint frequency tables (contingency
      tables) of the pair. A continuous column of a mixed pair is binned by the
      deciles of its real values (up to 10 bins), missing values forming a bin
      of their own; missing categorical values are a category of their own.

    Parameters
    ----------
    real : DataFrame or ndarray of shape (n_real, n_features)
        Real data.
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns as ``real``.
    max_pairs : int or None, default=None
        If given and there are more column pairs, score this many pairs drawn at
        random (without replacement).
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.
    random_state : int, RandomState instance or None, default=0
        Seed used to draw pairs when ``max_pairs`` applies.

    Returns
    -------
    scores : DataFrame
        One row per pair with columns ``column_1``, ``column_2``, ``kind``
        (``"continuous"``, ``"categorical"`` or ``"mixed"``) and ``score`` in
        [0, 1], 1 meaning the same dependence. Empty for a single column.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import pair_trends
    >>> x = np.arange(10.0)
    >>> real = np.c_[x, x]
    >>> synth = np.c_[x, -x]
    >>> pair_trends(real, synth)
      column_1 column_2        kind  score
    0       x0       x1  continuous    0.0
    """
    real, synthetic = _validate_tables({"real": real, "synthetic": synthetic})
    kinds = _column_kinds(real, categorical_features)
    pairs = list(itertools.combinations(real.columns, 2))
    if max_pairs is not None and len(pairs) > max_pairs:
        rng = check_random_state(random_state)
        keep = np.sort(rng.choice(len(pairs), size=max_pairs, replace=False))
        pairs = [pairs[i] for i in keep]

    # Encode each column once: floats for correlations, codes for tables.
    floats, codes = {}, {}
    for col in {c for pair in pairs for c in pair}:
        if kinds[col] == CONTINUOUS:
            a, b = _as_float(real[col], col), _as_float(synthetic[col], col)
            floats[col] = (a, b)
            binned = _quantile_bins(a, a, b)
            codes[col] = (binned[0], binned[1], _N_QUANTILE_BINS + 2)
        else:
            (a, b), n_levels, _ = _joint_codes(real[col], synthetic[col])
            codes[col] = (a, b, n_levels)

    rows = []
    for c1, c2 in pairs:
        k1, k2 = kinds[c1], kinds[c2]
        if k1 == k2 == CONTINUOUS:
            (a1, b1), (a2, b2) = floats[c1], floats[c2]
            diff = abs(_pearson(a1, a2) - _pearson(b1, b2))
            rows.append((c1, c2, CONTINUOUS, 1.0 - diff / 2.0))
            continue
        a1, b1, n1 = codes[c1]
        a2, b2, n2 = codes[c2]
        tvd = _tvd(a1 * n2 + a2, b1 * n2 + b2, n1 * n2)
        kind = CATEGORICAL if k1 == k2 else "mixed"
        rows.append((c1, c2, kind, 1.0 - tvd))
    return pd.DataFrame(rows, columns=["column_1", "column_2", "kind", "score"])


def fidelity_score(
    real,
    synthetic,
    *,
    categorical_features=None,
    max_pairs: int | None = None,
    random_state=0,
) -> float:
    """Overall shapes-and-trends score in [0, 1], 1 meaning identical tables.

    The mean of the mean :func:`column_fidelity` score and the mean
    :func:`pair_trends` score. For a single column there are no pairs and the
    column score is returned.

    Parameters
    ----------
    real : DataFrame or ndarray of shape (n_real, n_features)
        Real data.
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns as ``real``.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.
    max_pairs : int or None, default=None
        Passed to :func:`pair_trends`.
    random_state : int, RandomState instance or None, default=0
        Passed to :func:`pair_trends`.

    Returns
    -------
    score : float
        Fidelity in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import fidelity_score
    >>> X = np.random.default_rng(0).normal(size=(100, 3))
    >>> fidelity_score(X, X)
    1.0
    """
    columns = column_fidelity(
        real, synthetic, categorical_features=categorical_features
    )
    pairs = pair_trends(
        real,
        synthetic,
        max_pairs,
        categorical_features=categorical_features,
        random_state=random_state,
    )
    return _combine_fidelity(columns, pairs)


def _combine_fidelity(columns: pd.DataFrame, pairs: pd.DataFrame) -> float:
    col_score = float(columns["score"].mean())
    if len(pairs) == 0:
        return col_score
    return (col_score + float(pairs["score"].mean())) / 2.0


# --------------------------------------------------------------------------
# Machine-learning efficacy
# --------------------------------------------------------------------------


def _infer_task(values: pd.Series, kind: str) -> str:
    if kind == CATEGORICAL:
        return "classification"
    y = _as_float(values, values.name)
    y = y[~np.isnan(y)]
    integer_valued = pd.api.types.is_integer_dtype(values.dtype) or bool(
        np.all(np.isfinite(y) & (y == np.round(y)))
    )
    levels = len(np.unique(y))
    if integer_valued and levels <= _MAX_CLASSIFICATION_LEVELS:
        return "classification"
    return "regression"


def ml_efficacy(
    train_real,
    train_synthetic,
    test_real,
    target,
    *,
    task: str = "auto",
    categorical_features=None,
    random_state=0,
) -> dict:
    """Train on synthetic, test on real, beside train on real, test on real.

    Two identical :class:`~sklearn.ensemble.HistGradientBoostingClassifier`
    (or ``...Regressor``) models are fitted, one on ``train_real`` and one on
    ``train_synthetic``, and both are scored on ``test_real``. A synthetic
    table useful for learning gives a score close to the real one.

    Classification is scored with the macro F1 over the classes present in
    ``test_real`` (so both models are averaged over the same classes);
    regression with R². Rows whose target is missing are dropped; missing
    feature values are left to the model. A training set with a single class
    gets a constant predictor.

    Parameters
    ----------
    train_real : DataFrame or ndarray of shape (n_train, n_features)
        Real training data, target column included.
    train_synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns.
    test_real : DataFrame or ndarray of shape (n_test, n_features)
        Real hold-out data with the same columns, not used to train the
        generator.
    target : str or int
        Name of the target column (or its position).
    task : {"auto", "classification", "regression"}, default="auto"
        ``"auto"`` picks classification when the target is categorical
        (including bool), or integer-valued (integer dtype, or floats that are
        all whole numbers) with at most 20 distinct values in ``train_real``;
        regression otherwise.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical; listing the target makes
        ``"auto"`` choose classification.
    random_state : int, RandomState instance or None, default=0
        Seed of both models.

    Returns
    -------
    result : dict
        ``"real"`` and ``"synthetic"``: test scores of the models trained on
        real and synthetic data; ``"metric"``: ``"f1_macro"`` or ``"r2"``;
        ``"task"``: ``"classification"`` or ``"regression"``.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import ml_efficacy
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(400, 2))
    >>> data = np.c_[X, (X[:, 0] > 0).astype(int)]
    >>> res = ml_efficacy(data[:300], data[:300], data[300:], target=2)
    >>> res["task"], res["metric"], res["real"] == res["synthetic"]
    ('classification', 'f1_macro', True)
    """
    frames = _validate_tables(
        {
            "train_real": train_real,
            "train_synthetic": train_synthetic,
            "test_real": test_real,
        }
    )
    columns = frames[0].columns
    if target not in columns:
        if isinstance(target, Integral) and 0 <= target < len(columns):
            target = columns[target]
        else:
            raise ValueError(f"target {target!r} is not a column of train_real.")
    if task not in ("auto", "classification", "regression"):
        raise ValueError(
            f"task must be 'auto', 'classification' or 'regression', got {task!r}."
        )
    kinds = _column_kinds(frames[0], categorical_features)
    if task == "auto":
        task = _infer_task(frames[0][target], kinds[target])

    frames = [f[f[target].notna().to_numpy()] for f in frames]
    for name, f in zip(
        ("train_real", "train_synthetic", "test_real"), frames, strict=True
    ):
        if len(f) == 0:
            raise ValueError(f"{name} has no rows with an observed target.")
    feature_kinds = {c: k for c, k in kinds.items() if c != target}
    if not feature_kinds:
        raise ValueError("There are no feature columns besides the target.")
    (X_real, X_synth, X_test), mask = _encode_for_hgb(frames, feature_kinds)

    if task == "classification":
        (y_real, y_synth, y_test), _, _ = _joint_codes(*(f[target] for f in frames))
        labels = np.unique(y_test)

        def fit_score(X, y):
            if len(np.unique(y)) < 2:
                model = DummyClassifier(strategy="most_frequent")
            else:
                model = HistGradientBoostingClassifier(
                    categorical_features=mask if mask.any() else None,
                    random_state=random_state,
                )
            X, X_eval = _guard_sparse_numeric(X, mask, X_test)
            pred = model.fit(X, y).predict(X_eval)
            return f1_score(
                y_test, pred, labels=labels, average="macro", zero_division=0
            )

        metric = "f1_macro"
    else:
        y_real, y_synth, y_test = (_as_float(f[target], target) for f in frames)

        def fit_score(X, y):
            model = HistGradientBoostingRegressor(
                categorical_features=mask if mask.any() else None,
                random_state=random_state,
            )
            X, X_eval = _guard_sparse_numeric(X, mask, X_test)
            return r2_score(y_test, model.fit(X, y).predict(X_eval))

        metric = "r2"
    return {
        "real": float(fit_score(X_real, y_real)),
        "synthetic": float(fit_score(X_synth, y_synth)),
        "metric": metric,
        "task": task,
    }


# --------------------------------------------------------------------------
# Privacy: distance to closest record
# --------------------------------------------------------------------------


def _embed_for_distance(frames, kinds) -> tuple[list, list[np.ndarray]]:
    """Embed frames for nearest-neighbour search and exact-copy detection.

    Returns the embeddings (continuous columns scaled by the first frame's
    min/max, a missing indicator where needed, categorical columns one-hot) and
    compact key matrices holding the same information with categorical codes
    instead of one-hot blocks. The embeddings are sparse when the one-hot part
    is wide, so that high-cardinality columns do not exhaust memory.
    """
    dense = [[] for _ in frames]
    keys = [[] for _ in frames]
    onehot = [[] for _ in frames]
    width = 0
    for col, kind in kinds.items():
        if kind == CONTINUOUS:
            values = [_as_float(f[col], col) for f in frames]
            ref = values[0][np.isfinite(values[0])]
            lo, hi = (ref.min(), ref.max()) if len(ref) else (0.0, 1.0)
            scale = hi - lo if hi > lo else 1.0
            any_missing = any(np.isnan(v).any() for v in values)
            for d, k, v in zip(dense, keys, values, strict=True):
                missing = np.isnan(v)
                scaled = np.where(missing, 0.0, (v - lo) / scale)
                d.append(scaled)
                k.append(scaled)
                if any_missing:
                    # Missing is one unit away from any observed value.
                    d.append(missing.astype(float))
                    k.append(missing.astype(float))
        else:
            codes, n_levels, _ = _joint_codes(*(f[col] for f in frames))
            for o, k, c in zip(onehot, keys, codes, strict=True):
                o.append(c + width)
                k.append(c.astype(float))
            width += n_levels

    embeddings = []
    for d, o, n in zip(dense, onehot, (len(f) for f in frames), strict=True):
        cont = np.column_stack(d) if d else np.empty((n, 0))
        if o:
            cols = np.column_stack(o).ravel()
            rows = np.repeat(np.arange(n), len(o))
            hot = sparse.csr_matrix(
                (np.ones(len(cols)), (rows, cols)), shape=(n, width)
            )
            if width > _MAX_DENSE_ONEHOT:
                embeddings.append(sparse.hstack([cont, hot], format="csr"))
                continue
            cont = np.hstack([cont, hot.toarray()])
        embeddings.append(cont)
    # "+ 0.0" turns -0.0 into 0.0 so that byte-wise row comparison is exact.
    return embeddings, [np.column_stack(k) + 0.0 for k in keys]


def _row_keys(X: np.ndarray) -> list[bytes]:
    return [row.tobytes() for row in np.ascontiguousarray(X)]


def distance_to_closest_record(
    train,
    synthetic,
    holdout,
    *,
    categorical_features=None,
    max_rows: int = 5000,
    random_state=0,
) -> dict:
    """Distance to closest record (DCR): does the generator copy its training data?

    Rows are embedded in a space where continuous columns are scaled to [0, 1]
    by the training minimum and maximum (values outside that range are not
    clipped), a missing continuous value is encoded as 0 plus a missing
    indicator coordinate, and categorical columns are one-hot encoded (missing
    being a category). For each synthetic row and each holdout row the
    Euclidean distance to the nearest training row is computed.

    Real holdout rows, drawn from the same distribution as the training rows
    but not seen by the generator, give the reference: a generator that
    generalises produces synthetic rows about as far from the training rows as
    the holdout rows are, so ``dcr_ratio`` is close to 1; a ratio well below 1
    means the synthetic rows sit closer to the training rows than new real
    data would, i.e. memorisation. On mostly discrete data many distances are
    0 for legitimate reasons; compare ``exact_copy_rate`` with
    ``holdout_exact_copy_rate`` there.

    Parameters
    ----------
    train : DataFrame or ndarray of shape (n_train, n_features)
        Data the generator was trained on (used in full as reference set).
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns.
    holdout : DataFrame or ndarray of shape (n_holdout, n_features)
        Real data from the same source, not used to train the generator.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.
    max_rows : int, default=5000
        Maximum number of synthetic and of holdout rows queried (drawn at
        random).
    random_state : int, RandomState instance or None, default=0
        Seed for the subsampling.

    Returns
    -------
    result : dict
        ``"dcr_ratio"``: ``synthetic_median / holdout_median`` (1.0 if both are
        0, ``inf`` if only the holdout median is 0); ``"synthetic_median"``
        and ``"holdout_median"``: median distances to the closest training
        row; ``"exact_copy_rate"`` and ``"holdout_exact_copy_rate"``: fractions
        of synthetic and holdout rows identical to a training row.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import distance_to_closest_record
    >>> rng = np.random.default_rng(0)
    >>> train, holdout = rng.normal(size=(200, 3)), rng.normal(size=(200, 3))
    >>> res = distance_to_closest_record(train, train[:100], holdout)
    >>> res["dcr_ratio"], res["exact_copy_rate"]
    (0.0, 1.0)
    """
    train, synthetic, holdout = _validate_tables(
        {"train": train, "synthetic": synthetic, "holdout": holdout}
    )
    rng = check_random_state(random_state)
    synthetic = _subsample(synthetic, max_rows, rng)
    holdout = _subsample(holdout, max_rows, rng)
    kinds = _column_kinds(train, categorical_features)
    (X_train, X_synth, X_hold), (K_train, K_synth, K_hold) = _embed_for_distance(
        [train, synthetic, holdout], kinds
    )
    nn = NearestNeighbors(n_neighbors=1).fit(X_train)
    train_keys = set(_row_keys(K_train))

    def closest(X, K):
        dist = nn.kneighbors(X, return_distance=True)[0][:, 0]
        copies = np.array([k in train_keys for k in _row_keys(K)], dtype=bool)
        # The squared-norm expansion used by brute-force search can leave
        # round-off on exact duplicates.
        dist[copies] = 0.0
        return float(np.median(dist)), float(copies.mean())

    synth_median, synth_copies = closest(X_synth, K_synth)
    hold_median, hold_copies = closest(X_hold, K_hold)
    if hold_median > 0:
        ratio = synth_median / hold_median
    else:
        ratio = 1.0 if synth_median == 0 else np.inf
    return {
        "dcr_ratio": float(ratio),
        "synthetic_median": synth_median,
        "holdout_median": hold_median,
        "exact_copy_rate": synth_copies,
        "holdout_exact_copy_rate": hold_copies,
    }


# --------------------------------------------------------------------------
# Likelihood and mode coverage on numeric samples
# --------------------------------------------------------------------------


def _numeric_2d(X, name: str) -> np.ndarray:
    arr = np.asarray(X, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty 2-D numeric array.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values.")
    return arr


def _parzen_log_density(
    X: np.ndarray, samples: np.ndarray, sigmas: np.ndarray, batch_size: int
) -> np.ndarray:
    """Log-density of each row of X for each bandwidth, shape (n_sigmas, n)."""
    n_samples, d = samples.shape
    inv_two_var = 1.0 / (2.0 * sigmas**2)
    sq_samples = (samples**2).sum(axis=1)
    out = np.empty((len(sigmas), len(X)))
    for start in range(0, len(X), batch_size):
        xb = X[start : start + batch_size]
        sq_x = (xb**2).sum(axis=1)
        # Running log-sum-exp over blocks of samples keeps memory at
        # batch_size**2 * n_sigmas floats.
        acc = np.full((len(sigmas), len(xb)), -np.inf)
        for s0 in range(0, n_samples, batch_size):
            sb = samples[s0 : s0 + batch_size]
            d2 = sq_x[:, None] + sq_samples[None, s0 : s0 + batch_size] - 2 * xb @ sb.T
            np.maximum(d2, 0.0, out=d2)
            # Shifting by the nearest sample keeps every exponent <= 0; the
            # shift is shared by all bandwidths.
            d2_min = d2.min(axis=1)
            d2 -= d2_min[:, None]
            for k, c in enumerate(inv_two_var):
                block = np.log(np.exp(d2 * -c).sum(axis=1)) - d2_min * c
                acc[k] = np.logaddexp(acc[k], block)
        out[:, start : start + batch_size] = acc
    norm = np.log(n_samples) + 0.5 * d * np.log(2 * np.pi * sigmas**2)
    return out - norm[:, None]


def parzen_log_likelihood(
    samples,
    test,
    *,
    validation=None,
    sigmas=None,
    batch_size: int = 1000,
) -> dict:
    """Gaussian Parzen-window log-likelihood, as in Goodfellow et al. (2014).

    A Gaussian kernel density estimate with isotropic bandwidth ``sigma`` is
    placed on the generated ``samples``::

        log p(x) = logsumexp_i(-||x - s_i||^2 / (2 sigma^2))
                   - log(n) - d/2 * log(2 pi sigma^2)

    ``sigma`` is the grid value maximising the mean log-likelihood of
    ``validation``; the mean log-likelihood of ``test`` under that estimate
    and its standard error are returned. The estimate is known to be poor in
    high dimension; use it to compare models on the same data only.

    Parameters
    ----------
    samples : array-like of shape (n_samples, n_features)
        Generated samples, numeric, without missing values. A 1-D array is
        one feature.
    test : array-like of shape (n_test, n_features)
        Real test data.
    validation : array-like of shape (n_validation, n_features), default=None
        Real data used to choose ``sigma``. If None, ``test`` is used, which
        biases the result slightly upwards.
    sigmas : array-like of float, default=None
        Bandwidth grid. If None, ``np.logspace(-2, 0, 21) * scale`` with
        ``scale`` the root mean per-feature variance of ``samples``. Pass
        ``np.logspace(-1, 0, 10)`` to reproduce the original grid for data in
        [0, 1]. A warning is raised when the chosen value is at an end of the
        grid.
    batch_size : int, default=1000
        Rows per block; memory use is about ``batch_size**2 * len(sigmas)``
        floats.

    Returns
    -------
    result : dict
        ``"mean"``: mean log-likelihood of the test rows (nats);
        ``"sem"``: its standard error, sample standard deviation (ddof=1)
        over ``sqrt(n_test)``; ``"sigma"``: the chosen bandwidth.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import parzen_log_likelihood
    >>> rng = np.random.default_rng(0)
    >>> res = parzen_log_likelihood(rng.normal(size=2000), rng.normal(size=500))
    >>> bool(abs(res["mean"] + 1.42) < 0.1)
    True
    """
    samples = _numeric_2d(samples, "samples")
    test = _numeric_2d(test, "test")
    validation = test if validation is None else _numeric_2d(validation, "validation")
    for name, arr in (("test", test), ("validation", validation)):
        if arr.shape[1] != samples.shape[1]:
            raise ValueError(
                f"{name} has {arr.shape[1]} features but samples has "
                f"{samples.shape[1]}."
            )
    if sigmas is None:
        scale = np.sqrt(samples.var(axis=0).mean())
        sigmas = np.logspace(-2, 0, 21) * (scale if scale > 0 else 1.0)
    sigmas = np.atleast_1d(np.asarray(sigmas, dtype=float))
    if sigmas.ndim != 1 or len(sigmas) == 0 or np.any(sigmas <= 0):
        raise ValueError("sigmas must be a non-empty 1-D array of positive values.")
    if int(batch_size) < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}.")
    batch_size = int(batch_size)

    val_ll = _parzen_log_density(validation, samples, sigmas, batch_size).mean(axis=1)
    best = int(np.argmax(val_ll))
    if len(sigmas) > 1 and (
        sigmas[best] == sigmas.min() or sigmas[best] == sigmas.max()
    ):
        warnings.warn(
            f"The chosen sigma={sigmas[best]:.4g} is at an end of the grid; "
            "consider a wider grid.",
            UserWarning,
            stacklevel=2,
        )
    sigma = sigmas[best : best + 1]
    test_ll = _parzen_log_density(test, samples, sigma, batch_size)[0]
    sem = test_ll.std(ddof=1) / np.sqrt(len(test_ll)) if len(test_ll) > 1 else np.nan
    return {"mean": float(test_ll.mean()), "sem": float(sem), "sigma": float(sigma[0])}


def mode_coverage(
    samples,
    centers,
    std: float,
    *,
    threshold: float = 3.0,
) -> dict:
    """Modes captured on a mixture of Gaussians (PacGAN / VEEGAN protocol).

    Each sample is assigned to its nearest centre (Euclidean distance). It is
    *high quality* if that distance is at most ``threshold * std``. A mode is
    *captured* when at least one high-quality sample is assigned to it.

    ``reverse_kl`` is ``KL(q || u) = sum_k q_k log(q_k / u_k)`` in nats, where
    ``q`` is the distribution of the high-quality samples over the modes and
    ``u`` the uniform distribution over the ``K`` modes (``u_k = 1 / K``), with
    ``0 log 0 = 0``. It is 0 when the high-quality samples are spread evenly
    and ``log K`` when they all fall on one mode; NaN when there is no
    high-quality sample.

    Parameters
    ----------
    samples : array-like of shape (n_samples, n_features)
        Generated samples.
    centers : array-like of shape (n_modes, n_features)
        Mode centres of the true mixture.
    std : float
        Standard deviation of each mixture component.
    threshold : float, default=3.0
        High-quality radius, in units of ``std``.

    Returns
    -------
    result : dict
        ``"modes"``: number of modes captured (int); ``"n_modes"``: number of
        centres (int); ``"high_quality"``: fraction of high-quality samples in
        [0, 1]; ``"reverse_kl"``: as defined above.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import mode_coverage
    >>> centers = np.array([[0.0, 0.0], [10.0, 0.0]])
    >>> samples = np.array([[0.1, 0.0], [0.0, -0.1], [5.0, 5.0]])
    >>> res = mode_coverage(samples, centers, std=0.1)
    >>> res["modes"], res["n_modes"], round(res["high_quality"], 3)
    (1, 2, 0.667)
    """
    samples = _numeric_2d(samples, "samples")
    centers = _numeric_2d(centers, "centers")
    if samples.shape[1] != centers.shape[1]:
        raise ValueError(
            f"samples have {samples.shape[1]} features but centers have "
            f"{centers.shape[1]}."
        )
    if not std > 0:
        raise ValueError(f"std must be positive, got {std}.")
    n_modes = len(centers)
    nearest, dist = pairwise_distances_argmin_min(samples, centers)
    good = dist <= threshold * std
    counts = np.bincount(nearest[good], minlength=n_modes)
    if good.any():
        q = counts[counts > 0] / counts.sum()
        reverse_kl = float(np.sum(q * np.log(q * n_modes)))
    else:
        reverse_kl = np.nan
    return {
        "modes": int((counts > 0).sum()),
        "n_modes": int(n_modes),
        "high_quality": float(good.mean()),
        "reverse_kl": reverse_kl,
    }


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def quality_report(
    real,
    synthetic,
    *,
    train=None,
    holdout=None,
    target=None,
    categorical_features=None,
    random_state=0,
) -> pd.DataFrame:
    """Gather the table measures in one report.

    Always: detection AUC and fidelity (column, pair, overall) of ``synthetic``
    against ``real``. With ``train`` and ``holdout`` (the generator's training
    data and real data it never saw): distance to closest record and copy
    rates. With ``target`` as well: machine-learning efficacy, training on
    ``train`` or ``synthetic`` and testing on ``holdout``.

    Parameters
    ----------
    real : DataFrame or ndarray of shape (n_real, n_features)
        Real reference data (often the same as ``train``).
    synthetic : DataFrame or ndarray of shape (n_synthetic, n_features)
        Synthetic data with the same columns.
    train : DataFrame or ndarray, default=None
        Data the generator was trained on. Must be given with ``holdout``.
    holdout : DataFrame or ndarray, default=None
        Real data not used to train the generator. Must be given with
        ``train``.
    target : str or int, default=None
        Target column for :func:`ml_efficacy`; needs ``train`` and
        ``holdout``.
    categorical_features : list of str or int, boolean mask or None, default=None
        Numeric columns to treat as categorical.
    random_state : int, RandomState instance or None, default=0
        Seed passed to every measure.

    Returns
    -------
    report : DataFrame
        One row per measure with columns ``metric``, ``value``, ``ideal`` and
        ``interpretation``.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan.metrics import quality_report
    >>> X = np.random.default_rng(0).normal(size=(300, 2))
    >>> quality_report(X, X)["metric"].tolist()
    ['detection_auc', 'column_fidelity', 'pair_fidelity', 'fidelity_score']
    """
    if (train is None) != (holdout is None):
        raise ValueError("train and holdout must be given together.")
    if target is not None and train is None:
        raise ValueError("target needs train and holdout for ml_efficacy.")
    cat = categorical_features
    rows = []
    auc = detection_auc(
        real, synthetic, categorical_features=cat, random_state=random_state
    )
    rows.append(
        ("detection_auc", auc, "0.5", "classifier AUC real vs synthetic; 1 = separable")
    )
    columns = column_fidelity(real, synthetic, categorical_features=cat)
    pairs = pair_trends(
        real, synthetic, categorical_features=cat, random_state=random_state
    )
    pair_value = float(pairs["score"].mean()) if len(pairs) else np.nan
    rows += [
        (
            "column_fidelity",
            float(columns["score"].mean()),
            "1",
            "mean per-column 1 - KS / 1 - TVD",
        ),
        ("pair_fidelity", pair_value, "1", "mean per-pair correlation/table score"),
        (
            "fidelity_score",
            _combine_fidelity(columns, pairs),
            "1",
            "mean of column and pair fidelity",
        ),
    ]
    if train is not None:
        dcr = distance_to_closest_record(
            train,
            synthetic,
            holdout,
            categorical_features=cat,
            random_state=random_state,
        )
        rows += [
            (
                "dcr_ratio",
                dcr["dcr_ratio"],
                "~1",
                "median DCR synthetic / holdout; << 1 suggests copying",
            ),
            (
                "dcr_synthetic_median",
                dcr["synthetic_median"],
                "~ holdout median",
                "median distance synthetic -> closest training row",
            ),
            (
                "dcr_holdout_median",
                dcr["holdout_median"],
                "reference",
                "median distance holdout -> closest training row",
            ),
            (
                "exact_copy_rate",
                dcr["exact_copy_rate"],
                "<= holdout rate",
                "fraction of synthetic rows identical to a training row",
            ),
            (
                "holdout_exact_copy_rate",
                dcr["holdout_exact_copy_rate"],
                "reference",
                "fraction of holdout rows identical to a training row",
            ),
        ]
    if target is not None:
        eff = ml_efficacy(
            train,
            synthetic,
            holdout,
            target,
            categorical_features=cat,
            random_state=random_state,
        )
        rows += [
            (
                "ml_efficacy_real",
                eff["real"],
                "reference",
                f"{eff['metric']} on holdout, model trained on real ({eff['task']})",
            ),
            (
                "ml_efficacy_synthetic",
                eff["synthetic"],
                "~ ml_efficacy_real",
                f"{eff['metric']} on holdout, model trained on synthetic",
            ),
        ]
    return pd.DataFrame(rows, columns=["metric", "value", "ideal", "interpretation"])
