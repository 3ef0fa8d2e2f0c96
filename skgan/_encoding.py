"""Invertible encoding of mixed-type tables into float32 matrices.

This is the first stage of the skgan data flow::

    user table --TableEncoder.transform--> float32 matrix --> (GAN) -->
    float32 matrix --TableEncoder.inverse_transform--> user table

The layout of the encoded matrix is described by :class:`OutputSpan` objects
(``TableEncoder.spans_``). They are the contract between the encoder, the output
heads of a generator and the decoder: a generator applies ``span.activation`` to
the columns ``[span.start, span.stop)`` of its output, and every ``"softmax"``
block decodes (by argmax) to exactly one category.
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes
from scipy import sparse
from scipy.special import ndtri
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import BayesianGaussianMixture
from sklearn.preprocessing import QuantileTransformer, StandardScaler
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from ._dependencies import (
    MIN_GROUP_ROWS,
    DerivedColumn,
    find_dependencies,
    strongest_parent,
)
from ._validation import PANDAS_NO_COPY, as_numeric_array, check_unique_columns

__all__ = ["OutputSpan", "TableEncoder"]

_CONTINUOUS_TRANSFORMS = ("auto", "quantile", "standard", "mode-specific")

# Settings of the per-column Bayesian Gaussian mixture ("mode-specific").
_MAX_MODES = 10
_MODE_WEIGHT_PRIOR = 1e-3
_MIN_MODE_WEIGHT = 0.005
# Rows per chunk when assigning modes, so the (rows, modes) scratch stays small.
_MODE_CHUNK = 65_536

# Settings of cluster splitting ("auto"). A cut between two clusters is an empty
# gap wider than _CLUSTER_GAP times the sum of their standard deviations and than
# _CLUSTER_SPACING times the median step between distinct values (so integer
# columns, whose values are all one step apart, are never split).
_CLUSTER_GAP = 3.0
_CLUSTER_SPACING = 10.0
_MIN_CLUSTER_SHARE = 0.01
_MAX_CLUSTERS = 10
# Rows looked at when searching a column for clusters or spikes.
_DETECTION_SUBSAMPLE = 200_000

# Settings of spike detection ("auto"). A spike is one of at most _MAX_SPIKES
# values that each hold at least _MIN_SPIKE_SHARE of the rows and, as a set, at
# least _SPIKE_RATIO times the share of any other value, in a column with at least
# _MIN_SPIKE_REST other distinct values (so counts with a commonest level are not
# spiked: their levels' shares fall off gradually).
_MIN_SPIKE_SHARE = 0.05
_SPIKE_RATIO = 10.0
_MAX_SPIKES = 3
_MIN_SPIKE_REST = 10

# Float columns whose values all have at most this many decimals are decoded
# rounded to them.
_MAX_DECIMALS = 6

_MASKED_DTYPES = (
    pd.Int8Dtype,
    pd.Int16Dtype,
    pd.Int32Dtype,
    pd.Int64Dtype,
    pd.UInt8Dtype,
    pd.UInt16Dtype,
    pd.UInt32Dtype,
    pd.UInt64Dtype,
    pd.Float32Dtype,
    pd.Float64Dtype,
    pd.BooleanDtype,
)

_NAT_INT = np.iinfo(np.int64).min


@dataclass(frozen=True)
class OutputSpan:
    """A contiguous block of columns of the encoded matrix.

    Parameters
    ----------
    column : str
        Name of the source column, as a string. For ndarray input the columns
        are named ``"x0"``, ``"x1"``, ...
    role : str
        What the block holds:

        - ``"value"``: a continuous value (width 1);
        - ``"mode"``: one-hot of the mixture component of a continuous value
          (``continuous_transform="mode-specific"`` only);
        - ``"cluster"``: one-hot of the cluster of a continuous value whose
          column falls into separated clusters (``continuous_transform="auto"``
          only);
        - ``"spike"``: one-hot ``[spike_1, ..., spike_k, rest]`` of a continuous
          value whose column has spikes (``continuous_transform="auto"`` only);
        - ``"category"``: one-hot of the levels of a categorical column;
        - ``"missing"``: one-hot ``[present, missing]`` of a continuous column
          that had missing values at fit time (width 2).
    start, stop : int
        The block is ``Z[:, start:stop]``.
    activation : str
        ``"identity"`` for values, ``"onehot"`` for cluster and spike blocks
        (drawn exactly and in sequence by the generator), ``"softmax"`` for every
        other one-hot block.
    """

    column: str
    role: str
    start: int
    stop: int
    activation: str

    @property
    def width(self) -> int:
        """Number of encoded columns in the block."""
        return self.stop - self.start


# ---------------------------------------------------------------------------
# dtype helpers
# ---------------------------------------------------------------------------


def _is_complex(dtype) -> bool:
    return ptypes.is_complex_dtype(dtype)


def _continuous_kind(dtype) -> str | None:
    """Family of a dtype that can be encoded as continuous, else None."""
    if isinstance(dtype, pd.DatetimeTZDtype) or (
        isinstance(dtype, np.dtype) and dtype.kind == "M"
    ):
        return "datetime"
    if isinstance(dtype, np.dtype) and dtype.kind == "m":
        return "timedelta"
    if isinstance(dtype, pd.ArrowDtype):
        # Arrow numbers and booleans, rebuilt through pandas' masked arrays.
        kinds = {"i": "int", "u": "int", "f": "float", "b": "bool"}
        return kinds.get(dtype.numpy_dtype.kind)
    # Otherwise only numpy and pandas' masked dtypes, whose arrays we rebuild.
    if not (isinstance(dtype, np.dtype) or isinstance(dtype, _MASKED_DTYPES)):
        return None
    if ptypes.is_bool_dtype(dtype):
        return "bool"
    if ptypes.is_integer_dtype(dtype):
        return "int"
    if ptypes.is_float_dtype(dtype):
        return "float"
    return None


def _is_categorical_from_dtype(dtype) -> bool:
    """The ``categorical_features="from_dtype"`` rule."""
    kind = _continuous_kind(dtype)
    return kind is None or kind == "bool"


def _nullable_dtype(dtype: np.dtype):
    """Pandas nullable counterpart of a numpy int/uint/float/bool dtype."""
    if dtype.kind == "b":
        return pd.BooleanDtype()
    if dtype.kind == "f":
        return pd.Float64Dtype() if dtype.itemsize > 4 else pd.Float32Dtype()
    prefix = "UInt" if dtype.kind == "u" else "Int"
    return pd.api.types.pandas_dtype(f"{prefix}{dtype.itemsize * 8}")


def _series_with_mask(values: np.ndarray, missing: np.ndarray, dtype) -> pd.Series:
    """Series of a masked or Arrow `dtype` from values and a missing mask."""
    masked = (
        dtype
        if isinstance(dtype, _MASKED_DTYPES)
        else _nullable_dtype(dtype.numpy_dtype)
    )
    array = masked.construct_array_type()(
        values.astype(masked.numpy_dtype), missing.copy()
    )
    return pd.Series(array).astype(dtype, **PANDAS_NO_COPY)


def _as_plain_index(uniques) -> pd.Index:
    """Index of values; categorical uniques become their category values."""
    index = pd.Index(uniques)
    if isinstance(index, pd.CategoricalIndex):
        index = index.categories.take(index.codes)
    return index


def _block_argmax(block: np.ndarray, column: str) -> np.ndarray:
    """Row-wise argmax of a one-hot block, refusing NaN and infinities.

    Works on row chunks: numpy's argmax copies a non-contiguous block, and a
    block of a large encoded matrix can take gigabytes.
    """
    n, width = block.shape
    out = np.empty(n, dtype=np.intp)
    step = max(1, (1 << 22) // max(width, 1))
    for lo in range(0, n, step):
        chunk = np.ascontiguousarray(block[lo : lo + step])
        if not np.isfinite(chunk).all():
            raise ValueError(
                f"The encoded block of column {column!r} contains NaN or infinite "
                "values; cannot decode it."
            )
        out[lo : lo + step] = chunk.argmax(axis=1)
    return out


def _check_finite(values: np.ndarray, column: str) -> None:
    if not np.isfinite(values).all():
        raise ValueError(
            f"The encoded value of column {column!r} contains NaN or infinite "
            "values; cannot decode it."
        )


# ---------------------------------------------------------------------------
# Continuous columns
# ---------------------------------------------------------------------------


class _ModeScaler:
    """Mode-specific normalisation with a 1-D Bayesian Gaussian mixture.

    A value is assigned the component of highest (plug-in) posterior
    probability and encoded as its offset from that component's mean in units
    of four standard deviations. The assignment is deterministic, so that
    ``transform`` is a function of its input.
    """

    def fit(self, x: np.ndarray, seed: int, subsample: int | None) -> _ModeScaler:
        # Standardise first so that the mixture's regularisation is scale-free.
        self.center_ = float(x.mean())
        self.scale_ = float(x.std())
        xs = (x - self.center_) / self.scale_
        if subsample is not None and xs.shape[0] > subsample:
            rng = np.random.RandomState(seed)
            xs = xs[rng.choice(xs.shape[0], size=subsample, replace=False)]
        mixture = BayesianGaussianMixture(
            n_components=min(_MAX_MODES, xs.shape[0]),
            # In 1-D "diag" is the same model as "full", and cheaper.
            covariance_type="diag",
            weight_concentration_prior=_MODE_WEIGHT_PRIOR,
            random_state=seed,
        )
        # The mixture's many tiny BLAS calls get much slower with threads.
        with warnings.catch_warnings(), threadpool_limits(limits=1):
            # A rough mixture is enough to normalise values; exact convergence
            # does not affect invertibility.
            warnings.simplefilter("ignore", ConvergenceWarning)
            mixture.fit(xs.reshape(-1, 1))
        weights = mixture.weights_
        keep = weights >= _MIN_MODE_WEIGHT
        if not keep.any():
            keep[np.argmax(weights)] = True
        self.means_ = mixture.means_[keep, 0].astype(np.float64)
        self.stds_ = np.sqrt(mixture.covariances_[keep, 0]).astype(np.float64)
        kept_weights = weights[keep] / weights[keep].sum()
        self.log_weights_ = np.log(kept_weights)
        self.default_mode_ = int(np.argmax(kept_weights))
        return self

    @property
    def n_modes(self) -> int:
        return self.means_.shape[0]

    def transform(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xs = (x - self.center_) / self.scale_
        modes = np.empty(xs.shape[0], dtype=np.intp)
        log_norm = self.log_weights_ - np.log(self.stds_)
        for lo in range(0, xs.shape[0], _MODE_CHUNK):
            chunk = xs[lo : lo + _MODE_CHUNK, None]
            score = log_norm - 0.5 * ((chunk - self.means_) / self.stds_) ** 2
            modes[lo : lo + _MODE_CHUNK] = score.argmax(axis=1)
        values = (xs - self.means_[modes]) / (4.0 * self.stds_[modes])
        return values, modes

    def inverse_transform(self, values: np.ndarray, modes: np.ndarray) -> np.ndarray:
        xs = values * (4.0 * self.stds_[modes]) + self.means_[modes]
        return xs * self.scale_ + self.center_


def find_clusters(x: np.ndarray, seed: int = 0) -> np.ndarray | None:
    """Cut points between clusters of values separated by empty gaps, or None.

    The candidates are the widest gaps between distinct values; the most cuts
    (up to ``_MAX_CLUSTERS - 1``) are kept for which every cluster holds at least
    ``_MIN_CLUSTER_SHARE`` of the values, more than one distinct value, and every
    gap is empty by the ``_CLUSTER_GAP`` and ``_CLUSTER_SPACING`` rules.
    """
    if x.shape[0] > _DETECTION_SUBSAMPLE:
        rng = np.random.default_rng(seed)
        x = x[rng.choice(x.shape[0], size=_DETECTION_SUBSAMPLE, replace=False)]
    xs = np.sort(x)
    distinct = np.unique(xs)
    if distinct.size < 4:
        return None
    steps = np.diff(distinct)
    widest = np.argsort(steps)[::-1][: _MAX_CLUSTERS - 1]
    spacing = _CLUSTER_SPACING * np.median(steps)
    best = None
    for m in range(1, widest.size + 1):
        lower = np.sort(widest[:m])
        if steps[lower].min() <= spacing:
            break  # narrower gaps only follow
        cuts = (distinct[lower] + distinct[lower + 1]) / 2
        bounds = np.concatenate([[0], np.searchsorted(xs, cuts), [xs.size]])
        parts = [xs[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        if any(p.size < _MIN_CLUSTER_SHARE * xs.size or p[0] == p[-1] for p in parts):
            continue
        stds = [p.std() for p in parts]
        if all(
            parts[j + 1][0] - parts[j][-1] > _CLUSTER_GAP * (stds[j] + stds[j + 1])
            for j in range(m)
        ):
            best = cuts
    return best


class _ClusterScaler:
    """Values split into separated clusters (``continuous_transform="auto"``).

    A value is encoded as its cluster (a one-hot block) and its offset from the
    cluster's mean in units of four standard deviations, as in mode-specific
    normalisation, but the clusters are cut at empty gaps, so the assignment is
    exact, and decoded values are clipped to their cluster's range: a row can
    fall between clusters only where the real data do.
    """

    def __init__(self, cuts: np.ndarray):
        self.cuts_ = np.asarray(cuts, dtype=np.float64)

    def fit(self, x: np.ndarray) -> _ClusterScaler:
        modes = np.searchsorted(self.cuts_, x)
        k = self.cuts_.size + 1
        counts = np.bincount(modes, minlength=k)
        self.means_ = np.bincount(modes, weights=x, minlength=k) / counts
        sq = np.bincount(modes, weights=(x - self.means_[modes]) ** 2, minlength=k)
        self.stds_ = np.maximum(np.sqrt(sq / counts), 1e-12)
        self.lo_ = np.full(k, np.inf)
        self.hi_ = np.full(k, -np.inf)
        np.minimum.at(self.lo_, modes, x)
        np.maximum.at(self.hi_, modes, x)
        self.default_mode_ = int(np.argmax(counts))
        return self

    @property
    def n_modes(self) -> int:
        return self.means_.shape[0]

    def transform(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        modes = np.searchsorted(self.cuts_, x)
        return (x - self.means_[modes]) / (4.0 * self.stds_[modes]), modes

    def inverse_transform(self, values: np.ndarray, modes: np.ndarray) -> np.ndarray:
        x = values * (4.0 * self.stds_[modes]) + self.means_[modes]
        return np.clip(x, self.lo_[modes], self.hi_[modes])


def _fit_quantiles(
    x: np.ndarray, n_quantiles: int, subsample: int | None, seed: int
) -> QuantileTransformer:
    """scikit-learn's normal-output quantile transform of the values ``x``
    (observed values: no NaN, no infinity)."""
    n_quantiles = min(n_quantiles, x.shape[0])
    if subsample is not None:
        n_quantiles = min(n_quantiles, subsample)
    scaler = QuantileTransformer(
        output_distribution="normal",
        n_quantiles=n_quantiles,
        subsample=subsample,
        random_state=seed,
    )
    if subsample is not None and x.shape[0] > subsample:
        return scaler.fit(x.reshape(-1, 1))
    # The same quantiles as scaler.fit, from one sort: numpy's percentile
    # partitions around each of 10,000 quantiles, which took up to a second
    # per column of 15,000-50,000 rows (a sort takes a few milliseconds).
    # Rounded as numpy's percentile rounds, so that tied values stay tied.
    references = np.linspace(0, 1, n_quantiles, endpoint=True)
    ordered = np.sort(x.astype(np.float64, copy=False))
    position = (references * 100) / 100 * (ordered.size - 1)
    below = np.floor(position).astype(np.intp)
    weight = position - below
    low = ordered[below]
    high = ordered[np.minimum(below + 1, ordered.size - 1)]
    step = high - low
    quantiles = np.where(weight >= 0.5, high - step * (1 - weight), low + step * weight)
    scaler.n_features_in_ = 1
    scaler.n_quantiles_ = n_quantiles
    scaler.references_ = references
    # As scaler.fit: rounding must not make the quantiles decrease.
    scaler.quantiles_ = np.maximum.accumulate(quantiles).reshape(-1, 1)
    return scaler


def _normal_scores(scaler: QuantileTransformer, x: np.ndarray, seed: int) -> np.ndarray:
    """Normal scores of ``x``, with tied values spread over their share.

    scikit-learn's ``QuantileTransformer.transform`` maps every copy of a
    repeated value to one point (the middle of its quantile range, or the
    extreme 0 or 1 for the column's minimum and maximum, which the normal
    output then clips to +-5.2). A column with a spike -- zeros in an amount,
    the three years of a survey -- then becomes a few point masses, some far
    out in the tails, which a GAN learns badly (the middle year of three came
    out at a quarter of its share). Here each copy gets a uniform draw within
    its value's quantile range (the randomised probability integral
    transform), so the encoded column is standard normal whatever its ties,
    and the inverse, unchanged, maps the whole range back to the value.
    """
    quantiles = scaler.quantiles_[:, 0]
    references = scaler.references_
    upper = np.interp(x, quantiles, references)
    lower = -np.interp(-x, -quantiles[::-1], -references[::-1])
    u = lower + (upper - lower) * np.random.default_rng(seed).random(x.size)
    bound = 1e-7  # as scikit-learn: keeps the scores within about +-5.2
    return ndtri(np.clip(u, bound, 1 - bound))


def _decimals(x: np.ndarray, dtype) -> int | None:
    """The fewest decimals (at most ``_MAX_DECIMALS``) that every value of the
    float column ``x`` has, or None.

    Real tables store prices in cents and weights in whole grams even in float
    columns (a column with missing values is float in pandas); decoded values are
    rounded to the same decimals, so a generated price keeps its cents and a
    body mass in whole grams reads 4052.0, not 4052.495912. The tolerance
    allows for the column's own float rounding (0.1 in float32 is
    0.10000000149).
    """
    if x.size == 0:
        return None
    base = np.dtype(getattr(dtype, "numpy_dtype", dtype))  # pandas' masked floats
    if base.kind != "f":
        base = np.dtype(np.float64)
    stored = x.astype(base)
    # Rounded and stored in the column's dtype, every value must come back within
    # one unit in the last place: 3e-23 is not 0 rounded, 500000.1875 (float64)
    # not 500000.188, and 16384.875 (float32) not 16384.88 (16384.8809 there).
    ulp = np.spacing(np.abs(stored))
    for decimals in range(_MAX_DECIMALS + 1):
        back = np.round(x, decimals).astype(base)
        if np.all(np.abs(back - stored) <= ulp):
            return decimals
    return None


def _float_step(x: np.ndarray, decimals: int | None) -> float | None:
    """The step between the values of a float column with ``decimals``, when it
    is coarser than the last decimal (body masses in steps of 25 grams), or None.
    """
    if decimals is None or x.size == 0:
        return None
    with np.errstate(over="ignore", invalid="ignore"):  # ranges near 1e308
        units = np.rint((x - x.min()) * 10.0**decimals)
    if not np.isfinite(units).all() or units.max() >= 2**53:  # not whole numbers
        return None
    step = int(np.gcd.reduce(units.astype(np.int64)))
    return step / 10.0**decimals if step > 1 else None


def find_spikes(x: np.ndarray, seed: int = 0) -> np.ndarray | None:
    """The spike values of ``x`` (sorted), or None.

    Takes the largest ``k <= _MAX_SPIKES`` for which the ``k`` commonest values
    each hold at least ``_MIN_SPIKE_SHARE`` of the values, the ``k``-th at least
    ``_SPIKE_RATIO`` times the share of the next, and at least
    ``_MIN_SPIKE_REST`` distinct values remain: zeros in an amount (capital
    gains, a porch's area) or the two ends of weeks worked in a year.
    """
    if x.shape[0] > _DETECTION_SUBSAMPLE:
        rng = np.random.default_rng(seed)
        x = x[rng.choice(x.shape[0], size=_DETECTION_SUBSAMPLE, replace=False)]
    values, counts = np.unique(x, return_counts=True)
    order = np.argsort(counts, kind="stable")[::-1]
    shares = counts[order] / x.shape[0]
    best = 0
    for k in range(1, min(_MAX_SPIKES, values.size - _MIN_SPIKE_REST) + 1):
        if shares[k - 1] < _MIN_SPIKE_SHARE:
            break
        if shares[k - 1] >= _SPIKE_RATIO * shares[k]:
            best = k
    return np.sort(values[order[:best]]) if best else None


class _SpikeScaler:
    """Values with spikes (``continuous_transform="auto"``).

    A value is encoded as a one-hot of ``[spike_1, ..., spike_k, rest]`` and, for
    the rest, its normal score under a quantile transform fitted on the rest
    alone (0 on spike rows). Under a quantile transform of the whole column, a
    zero-inflated amount is non-zero only in the tail of one continuous output,
    which the generator can tie to other columns only through its noise; as a
    one-hot block, "zero or not" is a discrete draw that the autoregressive
    heads pair with the other columns' levels and that shifts the values.
    """

    def __init__(self, spikes: np.ndarray, n_quantiles, subsample, seed: int):
        self.spikes_ = np.asarray(spikes, dtype=np.float64)
        self.n_quantiles = n_quantiles
        self.subsample = subsample
        self.seed = seed

    def _modes(self, x: np.ndarray) -> np.ndarray:
        k = self.spikes_.size
        at = np.minimum(np.searchsorted(self.spikes_, x), k - 1)
        return np.where(self.spikes_[at] == x, at, k)

    def fit(self, x: np.ndarray) -> _SpikeScaler:
        modes = self._modes(x)
        rest = x[modes == self.spikes_.size]
        self.quantiles_ = _fit_quantiles(
            rest, self.n_quantiles, self.subsample, self.seed
        )
        counts = np.bincount(modes, minlength=self.n_modes)
        self.default_mode_ = int(np.argmax(counts))
        return self

    @property
    def n_modes(self) -> int:
        return self.spikes_.size + 1

    def transform(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        modes = self._modes(x)
        values = np.zeros(x.shape[0])
        rest = modes == self.spikes_.size
        values[rest] = _normal_scores(self.quantiles_, x[rest], self.seed)
        return values, modes

    def inverse_transform(self, values: np.ndarray, modes: np.ndarray) -> np.ndarray:
        rest = modes == self.spikes_.size
        x = self.spikes_[np.minimum(modes, self.spikes_.size - 1)]
        if rest.any():
            scores = values[rest].reshape(-1, 1)
            x[rest] = self.quantiles_.inverse_transform(scores).ravel()
        return x


class _ContinuousColumn:
    """Encoder of one continuous column (numbers, datetimes, timedeltas)."""

    def __init__(
        self,
        name: str,
        method: str,
        n_quantiles: int,
        subsample: int | None,
        seed: int,
    ):
        self.name = name
        self.method = method
        self.n_quantiles = n_quantiles
        self.subsample = subsample
        self.seed = seed

    # -- values <-> float64 -------------------------------------------------

    def _raw_values(self, s: pd.Series, kind: str) -> np.ndarray:
        """Values as int64/uint64 (int-like kinds) or float64; junk where NA."""
        if kind in ("datetime", "timedelta"):
            if isinstance(s.dtype, pd.DatetimeTZDtype):
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
            return np.asarray(s.to_numpy()).view(np.int64)
        if kind == "float":
            return s.to_numpy(dtype=np.float64, na_value=np.nan)
        if kind == "int" and s.dtype.kind == "u" and s.dtype.itemsize == 8:
            return s.to_numpy(dtype=np.uint64, na_value=0)
        return s.to_numpy(dtype=np.int64, na_value=0)

    def _check_kind(self, s: pd.Series) -> str:
        kind = _continuous_kind(s.dtype)
        if self.kind in ("datetime", "timedelta"):
            ok = kind == self.kind and (
                isinstance(s.dtype, pd.DatetimeTZDtype) == (self.tz is not None)
            )
        else:
            ok = kind in ("int", "float", "bool")
        if not ok:
            raise TypeError(
                f"Column {self.name!r} was fitted with dtype {self.dtype} but has "
                f"incompatible dtype {s.dtype}."
            )
        return kind

    def _offset_space(self, raw: np.ndarray) -> np.ndarray:
        """float64 values, shifted by the fit minimum for int-like columns."""
        if self.offset is None:
            return raw.astype(np.float64, copy=False)
        if raw.dtype.kind in "iu":
            # Subtract in integer arithmetic: large ints/timestamps keep their
            # precision relative to the column's range, not its magnitude.
            if isinstance(self.offset, np.unsignedinteger):
                if (raw >= self.offset).all():
                    return (raw.astype(np.uint64) - self.offset).astype(np.float64)
            else:
                return (raw.astype(np.int64) - self.offset).astype(np.float64)
        return raw.astype(np.float64) - float(self.offset)

    def _to_unit(self, x: np.ndarray) -> np.ndarray:
        if self.halved:  # hi - lo overflows float64
            return (x / 2 - self.lo / 2) / self.span
        return (x - self.lo) / self.span

    def _from_unit(self, u: np.ndarray) -> np.ndarray:
        u = np.clip(u, 0.0, 1.0)
        if self.halved:
            x = (self.lo / 2 + u * self.span) * 2
        else:
            x = self.lo + u * self.span
        return np.clip(x, self.lo, self.hi)

    # -- fit / transform / inverse ------------------------------------------

    def fit(self, s: pd.Series, missing: np.ndarray) -> _ContinuousColumn:
        self.dtype = s.dtype
        self.kind = _continuous_kind(s.dtype)
        self.tz = s.dtype.tz if isinstance(s.dtype, pd.DatetimeTZDtype) else None
        self.unit = None
        if self.kind in ("datetime", "timedelta"):
            self.unit = np.datetime_data(
                s.dtype.base if self.tz is None else np.dtype(f"M8[{s.dtype.unit}]")
            )[0]
        raw = self._raw_values(s, self.kind)
        if self.kind == "float":
            missing = missing | np.isnan(raw)  # NaN inside nullable floats
            if missing.all():
                raise ValueError(f"Column {self.name!r} has only missing values.")
        self.has_missing = bool(missing.any())
        present = raw[~missing]
        if self.kind == "float":
            if np.isinf(present).any():
                raise ValueError(
                    f"Column {self.name!r} contains infinite values; replace them "
                    "(e.g. with NaN to encode them as missing) before fitting."
                )
            self.offset = None
            self.decimals = _decimals(present, s.dtype)
            self.float_step = _float_step(present, self.decimals)
        else:
            lo, hi = present.min(), present.max()
            # Shift by the minimum unless the range itself overflows int64.
            fits = (
                int(hi) - int(lo) <= np.iinfo(np.int64).max or present.dtype.kind == "u"
            )
            self.offset = lo if fits else present.dtype.type(0)
            # Exact integer bounds in offset space, for clamping decoded values.
            carrier = np.uint64 if present.dtype.kind == "u" else np.int64
            self.int_bounds = (
                carrier(lo - self.offset),
                carrier(hi - self.offset),
            )
            # Integers and times decode to multiples of their finest step at fit
            # (loan terms of 6-month steps stay on them, whole days stay whole
            # days despite float32 rounding).
            self.step = 1
            if self.kind in ("int", "datetime", "timedelta") and fits:
                self.step = max(int(np.gcd.reduce(present - lo)), 1)
        x = self._offset_space(present)
        self.lo, self.hi = float(x.min()), float(x.max())
        # Scalers see values mapped to [0, 1]: this keeps them well conditioned
        # for tiny or huge ranges (all three transforms are affine-invariant).
        self.halved = not np.isfinite(self.hi - self.lo)
        self.span = self.hi / 2 - self.lo / 2 if self.halved else self.hi - self.lo
        if self.span > 0:
            x = self._to_unit(x)

        self.n_modes = 0
        self.transform_ = self.method
        spikes = cuts = None
        if self.method == "auto":
            # A constant column has no spikes or clusters (and no scaler below).
            if self.lo < self.hi:
                spikes = find_spikes(x, self.seed)
                if spikes is None:
                    cuts = find_clusters(x, self.seed)
            self.transform_ = (
                "spikes"
                if spikes is not None
                else "clusters"
                if cuts is not None
                else "quantile"
            )
        if self.lo == self.hi:
            self.scaler = None  # constant column: encoded as 0
        elif self.transform_ == "spikes":
            self.scaler = _SpikeScaler(
                spikes, self.n_quantiles, self.subsample, self.seed
            ).fit(x)
            self.n_modes = self.scaler.n_modes
            # The spikes before the map to [0, 1], which does not invert exactly
            # (1.5 would come back as 1.5000000000000004).
            spiked = np.isin(x, spikes)
            self.spike_offsets_ = np.unique(self._offset_space(present)[spiked])
        elif self.transform_ == "clusters":
            self.scaler = _ClusterScaler(cuts).fit(x)
            self.n_modes = self.scaler.n_modes
        elif self.transform_ == "quantile":
            self.scaler = _fit_quantiles(x, self.n_quantiles, self.subsample, self.seed)
        elif self.transform_ == "standard":
            self.scaler = StandardScaler().fit(x.reshape(-1, 1))
        else:
            self.scaler = _ModeScaler().fit(x, self.seed, self.subsample)
            self.n_modes = self.scaler.n_modes

        if isinstance(self.dtype, np.dtype) and self.dtype.kind in "biu":
            # numpy ints/bools cannot hold missing values; documented switch.
            self.out_dtype = (
                _nullable_dtype(self.dtype) if self.has_missing else self.dtype
            )
        else:
            self.out_dtype = self.dtype
        self.width = 1 + self.n_modes + (2 if self.has_missing else 0)
        return self

    def spans(self, start: int) -> list[OutputSpan]:
        spans = [OutputSpan(self.name, "value", start, start + 1, "identity")]
        pos = start + 1
        if self.transform_ in ("clusters", "spikes"):
            role = "cluster" if self.transform_ == "clusters" else "spike"
            spans.append(OutputSpan(self.name, role, pos, pos + self.n_modes, "onehot"))
            pos += self.n_modes
        elif self.n_modes:
            spans.append(
                OutputSpan(self.name, "mode", pos, pos + self.n_modes, "softmax")
            )
            pos += self.n_modes
        if self.has_missing:
            spans.append(OutputSpan(self.name, "missing", pos, pos + 2, "softmax"))
        return spans

    def __setstate__(self, state):
        # Encoders pickled before "auto" existed have no ``transform_``.
        state.setdefault("transform_", state.get("method"))
        self.__dict__.update(state)

    def spike_values(self) -> list:
        """The spikes as values of the column (``transform_ == "spikes"``)."""
        missing = np.zeros(self.spike_offsets_.size, dtype=bool)
        return self._build_output(self.spike_offsets_, missing).tolist()

    def feature_names(self, name: str) -> list[str]:
        names = [f"{name}__value"]
        if self.transform_ == "spikes":
            k = self.n_modes - 1
            names += [f"{name}__spike{j}" for j in range(k)] + [f"{name}__rest"]
        else:
            kind = "cluster" if self.transform_ == "clusters" else "mode"
            names += [f"{name}__{kind}{k}" for k in range(self.n_modes)]
        if self.has_missing:
            names += [f"{name}__present", f"{name}__missing"]
        return names

    def transform(
        self,
        s: pd.Series,
        missing: np.ndarray,
        out: np.ndarray,
        start: int,
        ignore_unknown: bool = False,
    ) -> None:
        kind = self._check_kind(s)
        if kind in ("datetime", "timedelta") and s.dtype != self.dtype:
            s = s.astype(self.dtype)  # same unit (and zone) as at fit
        raw = self._raw_values(s, kind)
        if kind == "float":
            missing = missing | np.isnan(raw)  # NaN inside nullable floats
        if missing.any() and not self.has_missing and not ignore_unknown:
            raise ValueError(
                f"Column {self.name!r} has missing values, but had none at fit "
                "time, so the encoder has no slot for them."
            )
        all_present = not missing.any()
        rows = slice(None) if all_present else np.flatnonzero(~missing)
        x = self._offset_space(raw if all_present else raw[rows])
        if kind == "float" and np.isinf(x).any():
            raise ValueError(f"Column {self.name!r} contains infinite values.")
        if self.scaler is not None:
            x = self._to_unit(x)

        if self.scaler is None or x.shape[0] == 0:
            pass  # constant column (value stays 0) or nothing to encode
        elif self.n_modes:
            values, modes = self.scaler.transform(x)
            out[rows, start] = values
            mode_rows = np.arange(out.shape[0]) if all_present else rows
            out[mode_rows, start + 1 + modes] = 1.0
            if not all_present:
                # Keep the mode block a valid one-hot on missing rows too.
                out[missing, start + 1 + self.scaler.default_mode_] = 1.0
        elif self.transform_ == "quantile":
            out[rows, start] = _normal_scores(self.scaler, x, self.seed)
        else:
            out[rows, start] = self.scaler.transform(x.reshape(-1, 1)).ravel()

        if self.has_missing:
            pos = start + 1 + self.n_modes
            out[:, pos] = ~missing
            out[:, pos + 1] = missing

    def inverse_transform(self, Z: np.ndarray, start: int) -> pd.Series:
        n = Z.shape[0]
        values = np.asarray(Z[:, start], dtype=np.float64)
        _check_finite(values, self.name)
        if self.scaler is None or n == 0:
            x = np.full(n, self.lo)
        else:
            if self.n_modes:
                block = Z[:, start + 1 : start + 1 + self.n_modes]
                modes = _block_argmax(block, self.name)
                u = self.scaler.inverse_transform(values, modes)
            else:
                u = self.scaler.inverse_transform(values.reshape(-1, 1)).ravel()
            x = self._from_unit(u)
            if self.transform_ == "spikes":
                spiked = modes < self.spike_offsets_.size
                x[spiked] = self.spike_offsets_[modes[spiked]]
        if self.has_missing:
            pos = start + 1 + self.n_modes
            flags = _block_argmax(Z[:, pos : pos + 2], self.name)
            missing = flags == 1
        else:
            missing = np.zeros(n, dtype=bool)
        return self._build_output(x, missing)

    def _build_output(self, x: np.ndarray, missing: np.ndarray) -> pd.Series:
        dtype = self.out_dtype
        if self.kind == "float":
            # Encoders fitted before rounding existed have no ``decimals``.
            decimals = getattr(self, "decimals", None)
            if decimals is not None:
                step = getattr(self, "float_step", None)
                if step is not None:
                    x = self.lo + np.rint((x - self.lo) / step) * step
                # Within the fitted range, which rounding may leave by an ulp.
                x = np.clip(np.round(x, decimals), self.lo, self.hi)
            if isinstance(dtype, np.dtype):
                arr = x.astype(dtype)
                arr[missing] = np.nan
                return pd.Series(arr, **PANDAS_NO_COPY)
            return _series_with_mask(x, missing, dtype)

        rounded = np.rint(x / self.step) * self.step
        int_lo, int_hi = self.int_bounds
        # float(int_hi) may round up past the carrier's range, where a cast
        # would wrap; map those values to int_hi explicitly.
        top = rounded >= float(int_hi)
        ints = np.where(top, 0.0, rounded).astype(int_hi.dtype)
        ints[top] = int_hi
        ints = np.clip(ints, int_lo, int_hi) + self.offset

        if self.kind in ("datetime", "timedelta"):
            ints = ints.astype(np.int64, copy=False)
            ints[missing] = _NAT_INT
            code = "M8" if self.kind == "datetime" else "m8"
            s = pd.Series(ints.view(f"{code}[{self.unit}]"), **PANDAS_NO_COPY)
            if self.tz is not None:
                s = s.dt.tz_localize("UTC").dt.tz_convert(self.tz)
            return s.astype(dtype, **PANDAS_NO_COPY)

        if self.kind == "bool":
            values = ints != 0
        else:
            values = ints
        if isinstance(dtype, np.dtype):
            return pd.Series(values.astype(dtype), **PANDAS_NO_COPY)
        return _series_with_mask(values, missing, dtype)


# ---------------------------------------------------------------------------
# Categorical columns
# ---------------------------------------------------------------------------


class _CategoricalColumn:
    """One-hot encoder of one categorical column.

    Block layout: the kept levels (in sorted or category order), then the
    "other" bucket if levels were pooled, then the "missing" level if the
    column had missing values at fit time.
    """

    def __init__(self, name: str, max_categories: int | None):
        self.name = name
        self.max_categories = max_categories

    def _factorize(self, s: pd.Series, sort: bool) -> tuple[np.ndarray, pd.Index]:
        try:
            try:
                codes, uniques = pd.factorize(s, sort=sort, use_na_sentinel=True)
            except TypeError:
                if not sort:
                    raise
                # Incomparable (but hashable) values: order of appearance.
                codes, uniques = pd.factorize(s, sort=False, use_na_sentinel=True)
        except TypeError as exc:
            raise TypeError(
                f"Column {self.name!r} holds values that cannot be used as "
                f"categories ({exc})."
            ) from exc
        return np.asarray(codes), _as_plain_index(uniques)

    def fit(self, s: pd.Series, missing: np.ndarray) -> _CategoricalColumn:
        self.dtype = s.dtype
        if s.dtype == object:
            inferred = ptypes.infer_dtype(s, skipna=True)
            if inferred in ("mixed", "mixed-integer", "complex"):
                kinds = sorted({type(v).__name__ for v in s[~missing].iloc[:1000]})
                raise TypeError(
                    f"Column {self.name!r} is an object column of mixed or "
                    f"unsupported Python types ({', '.join(kinds)}); convert it "
                    "first, e.g. with df[col].astype(str)."
                )
        self.has_missing = bool(missing.any())
        # Decode missing rows to the marker the column used (None, NaN, ...).
        self.na_value = s.iloc[int(missing.argmax())] if self.has_missing else None

        codes, self.levels = self._factorize(s, sort=True)
        counts = np.bincount(codes[codes >= 0], minlength=len(self.levels))
        n_levels = len(self.levels)
        if self.max_categories is not None and n_levels > self.max_categories:
            by_count = np.argsort(-counts, kind="stable")
            kept = np.sort(by_count[: self.max_categories - 1])
            rare = np.sort(by_count[self.max_categories - 1 :])
        else:
            kept = np.arange(n_levels)
            rare = np.arange(0)
        self.kept = kept
        self.rare = rare
        self.rare_p = counts[rare] / counts[rare].sum() if rare.size else rare
        self.other_pos = len(kept) if rare.size else None
        self.missing_pos = len(kept) + int(rare.size > 0) if self.has_missing else None
        self.width = len(kept) + int(rare.size > 0) + int(self.has_missing)

        # level index -> position in the block
        self.level_to_pos = np.full(n_levels, -1, dtype=np.intp)
        self.level_to_pos[kept] = np.arange(len(kept))
        if rare.size:
            self.level_to_pos[rare] = self.other_pos
        # block position -> level index (-2: other bucket, -1: missing)
        self.pos_to_level = np.concatenate(
            [kept, [-2] * int(rare.size > 0), [-1] * int(self.has_missing)]
        ).astype(np.intp)

        if isinstance(self.dtype, pd.CategoricalDtype):
            self.cat_codes = self.dtype.categories.get_indexer(self.levels)
        return self

    def spans(self, start: int) -> list[OutputSpan]:
        return [OutputSpan(self.name, "category", start, start + self.width, "softmax")]

    def feature_names(self, name: str) -> list[str]:
        names = [f"{name}_{level}" for level in self.levels[self.kept]]
        if self.other_pos is not None:
            names.append(f"{name}__other")
        if self.has_missing:
            names.append(f"{name}__missing")
        return names

    def transform(
        self,
        s: pd.Series,
        missing: np.ndarray,
        out: np.ndarray,
        start: int,
        ignore_unknown: bool = False,
    ) -> None:
        codes, uniques = self._factorize(s, sort=False)
        level = self.levels.get_indexer(uniques)
        unknown = level < 0
        if unknown.any() and self.other_pos is None and not ignore_unknown:
            examples = ", ".join(repr(v) for v in uniques[unknown][:5])
            raise ValueError(
                f"Column {self.name!r} has categories not seen during fit: {examples}."
            )
        # Unseen levels join the "other" bucket when there is one; otherwise, when
        # ignored, their block stays all zero (as OneHotEncoder's 'ignore' does).
        fallback = -1 if self.other_pos is None else self.other_pos
        unique_pos = np.where(unknown, fallback, self.level_to_pos[level])
        is_na = codes < 0
        if is_na.any() and self.missing_pos is None and not ignore_unknown:
            raise ValueError(
                f"Column {self.name!r} has missing values, but had none at "
                "fit time, so the encoder has no slot for them."
            )
        pos = np.full(
            codes.shape[0],
            -1 if self.missing_pos is None else self.missing_pos,
            dtype=np.intp,
        )
        pos[~is_na] = unique_pos[codes[~is_na]]
        rows = np.flatnonzero(pos >= 0)
        out[rows, start + pos[rows]] = 1.0

    def level_indices(self, s: pd.Series) -> np.ndarray:
        """Index into ``levels`` of each value of a fit-time column (-1: missing)."""
        codes, uniques = self._factorize(s, sort=False)
        level = self.levels.get_indexer(uniques)
        out = np.full(codes.shape[0], -1, dtype=np.intp)
        present = codes >= 0
        out[present] = level[codes[present]]
        return out

    def decode_levels(
        self, Z: np.ndarray, start: int, rng: np.random.RandomState
    ) -> np.ndarray:
        """Level index of each encoded row (-1: missing); "other" draws a rare level."""
        block = Z[:, start : start + self.width]
        level = self.pos_to_level[_block_argmax(block, self.name)]
        other = np.flatnonzero(level == -2)
        if other.size:
            draws = rng.choice(self.rare.shape[0], size=other.size, p=self.rare_p)
            level[other] = self.rare[draws]
        return level

    def inverse_transform(
        self, Z: np.ndarray, start: int, rng: np.random.RandomState
    ) -> pd.Series:
        return self.levels_to_series(self.decode_levels(Z, start, rng))

    def levels_to_series(self, level: np.ndarray) -> pd.Series:
        """The column's values for level indices (-1: missing)."""
        missing = level == -1
        safe = np.where(missing, 0, level)

        if isinstance(self.dtype, pd.CategoricalDtype):
            cat_codes = np.where(missing, -1, self.cat_codes[safe])
            return pd.Series(pd.Categorical.from_codes(cat_codes, dtype=self.dtype))
        s = pd.Series(self.levels.take(safe), **PANDAS_NO_COPY).astype(self.dtype)
        if self.has_missing and missing.any():
            if s.dtype == object:
                values = s.to_numpy(dtype=object, copy=True)
                values[missing] = self.na_value
                s = pd.Series(values, dtype=object)
            else:
                s = s.mask(missing)
        return s


class _GroupedContinuousColumn:
    """A continuous column quantile-encoded within the levels of a parent column.

    Each level of the (categorical) parent with at least ``MIN_GROUP_ROWS`` rows
    gets its own quantile transform; the rarer levels share one fitted on their
    rows together (or, with fewer than ``MIN_GROUP_ROWS`` such rows, the whole
    column's).
    The generator then only has to produce a value's rank within its level, and
    the decoder maps it back through the generated level's quantiles, so the
    column's distribution within each level is kept (a loan's rate within its
    sub-grade). Only numpy int and float columns without missing values.
    """

    def __init__(self, pooled: _ContinuousColumn, parent: int):
        # ``pooled``: the column's own quantile codec, already fitted on all rows.
        self.pooled = pooled
        self.name = pooled.name
        self.parent = parent
        self.width = pooled.width

    def _codec(self) -> _ContinuousColumn:
        p = self.pooled
        return _ContinuousColumn(p.name, "quantile", p.n_quantiles, p.subsample, p.seed)

    def fit(self, s: pd.Series, parent_levels: np.ndarray) -> _GroupedContinuousColumn:
        missing = np.zeros(len(s), dtype=bool)  # only columns without missing values
        self.groups: dict[int, _ContinuousColumn] = {}
        levels, counts = np.unique(parent_levels, return_counts=True)
        for level in levels[counts >= MIN_GROUP_ROWS]:
            rows = np.flatnonzero(parent_levels == level)
            part = s.iloc[rows].reset_index(drop=True)
            self.groups[int(level)] = self._codec().fit(part, missing[rows])
        self.rare_levels = levels[counts < MIN_GROUP_ROWS]
        rare = np.flatnonzero(np.isin(parent_levels, self.rare_levels))
        self.rare = None
        if rare.size >= MIN_GROUP_ROWS:
            part = s.iloc[rare].reset_index(drop=True)
            self.rare = self._codec().fit(part, missing[rare])
        return self

    def _parts(self, parent_levels: np.ndarray):
        """(codec, rows) covering every row once: the rare levels together, each
        large level, then the rest (levels without a transform) with the pooled one.
        """
        covered = np.zeros(len(parent_levels), dtype=bool)
        if self.rare is not None:
            rows = np.isin(parent_levels, self.rare_levels)
            covered |= rows
            yield self.rare, np.flatnonzero(rows)
        for level, codec in self.groups.items():
            rows = parent_levels == level
            covered |= rows
            yield codec, np.flatnonzero(rows)
        yield self.pooled, np.flatnonzero(~covered)

    def spans(self, start: int) -> list[OutputSpan]:
        return self.pooled.spans(start)

    def feature_names(self, name: str) -> list[str]:
        return self.pooled.feature_names(name)

    def transform(
        self,
        s: pd.Series,
        missing: np.ndarray,
        out: np.ndarray,
        start: int,
        parent_levels: np.ndarray,
        ignore_unknown: bool = False,
    ) -> None:
        for codec, rows in self._parts(parent_levels):
            if rows.size:
                part = np.zeros((rows.size, self.width), dtype=out.dtype)
                codec.transform(
                    s.iloc[rows].reset_index(drop=True),
                    missing[rows],
                    part,
                    0,
                    ignore_unknown,
                )
                out[rows, start : start + self.width] = part

    def inverse_transform(
        self, Z: np.ndarray, start: int, parent_levels: np.ndarray
    ) -> pd.Series:
        values = np.empty(Z.shape[0], dtype=self.pooled.out_dtype)
        for codec, rows in self._parts(parent_levels):
            if rows.size:
                values[rows] = codec.inverse_transform(Z[rows], start).to_numpy()
        return pd.Series(values, dtype=self.pooled.out_dtype)


# ---------------------------------------------------------------------------
# The estimator
# ---------------------------------------------------------------------------


class TableEncoder(TransformerMixin, BaseEstimator):
    """Invertible encoder of a mixed-type table into a float32 matrix.

    Continuous columns become one identity-activated value (plus a one-hot
    block for the mixture component under ``continuous_transform="mode-specific"``
    or for the cluster of a clustered column under ``"auto"``); categorical
    columns become a one-hot softmax block. The layout
    is described by ``spans_``. :meth:`inverse_transform` maps an encoded
    matrix -- or soft generator output -- back to a table of the fit input's
    kind, columns and dtypes.

    Parameters
    ----------
    categorical_features : "from_dtype", list of str, list of int, bool mask \
            or None, default="from_dtype"
        Which columns are categorical, as in
        :class:`~sklearn.ensemble.HistGradientBoostingClassifier`:

        - ``"from_dtype"``: ``category``, ``object``, ``string`` and ``bool``
          (also nullable ``boolean``) columns are categorical; numeric,
          datetime and timedelta columns are continuous;
        - list of str: column names (DataFrame input only; for non-string
          column labels pass ``str(label)``);
        - list of int: column indices;
        - bool array-like of length ``n_features``: a mask;
        - ``None``: all columns are continuous.
    continuous_transform : {"auto", "quantile", "standard", "mode-specific"}, \
            default="auto"
        How continuous columns are normalised:

        - ``"auto"``: ``"quantile"``, except for two kinds of column. A column
          with spikes -- at most 3 values that each hold at least 5 % of the
          values and, as a set, at least 10 times the share of any other value,
          with at least 10 other distinct values (the zeros of an amount; the 0
          and 52 of weeks worked) -- gets a one-hot ``[spike_1, ..., spike_k,
          rest]`` (``role="spike"``) after its value, which is the normal score
          under a quantile transform fitted on the other values, and 0 on spike
          rows. The spikes are in ``spiked_columns_``. A column whose functional
          dependency parent explains it (``functional_dependencies="auto"``) is
          grouped by that parent instead. Otherwise, a column whose values fall
          into 2 to 10 clusters separated by empty gaps (each cluster at least 1 % of
          the values and not a single value; each gap wider than 3 times the sum
          of its two clusters' standard deviations and than 10 times the median
          step between distinct values, so integer columns are never split).
          Such a column is encoded as ``(x - mean_c) / (4 * std_c)`` for its
          cluster ``c``, plus a one-hot of ``c`` (``role="cluster"``); decoded
          values are clipped to their cluster's range. A quantile encoding
          squeezes empty gaps to points, so a generator that pairs the clusters
          of two columns wrongly has no gap to fall into and produces rows at
          pairings the data never show; a cluster block makes the pairing a
          discrete choice (see :class:`~skgan.GANSampler`). Which columns were
          split is in ``clustered_columns_``;
        - ``"quantile"``: :class:`~sklearn.preprocessing.QuantileTransformer`
          to a normal distribution, with
          ``n_quantiles=min(n_quantiles, n_samples)``; copies of a repeated
          value are spread uniformly over that value's quantile range (seeded
          by ``random_state``) instead of all mapping to one point;
        - ``"standard"``: :class:`~sklearn.preprocessing.StandardScaler`;
        - ``"mode-specific"``: a per-column
          :class:`~sklearn.mixture.BayesianGaussianMixture` (at most 10
          components, ``weight_concentration_prior=1e-3``, components of
          weight below 0.005 dropped, fitted on at most ``subsample`` rows).
          A value is encoded as ``(x - mean_k) / (4 * std_k)`` for its most
          probable component ``k``, plus a one-hot of ``k`` (``role="mode"``).
          Fitting costs about ``subsample`` x 10 x 100 iterations per column
          (tens of seconds per column at the default ``subsample``); lower
          ``subsample`` (e.g. 20_000) for large tables.
    max_categories : int >= 2 or None, default=None
        If set, a categorical column with more levels keeps its
        ``max_categories - 1`` most frequent levels and pools the others into
        an "other" bucket. Decoding the bucket draws a concrete rare level at
        its training frequency. The "missing" level does not count.
    n_quantiles : int >= 2, default=10_000
        Number of quantiles of the ``"quantile"`` (and ``"auto"``) transform
        (at most the number of rows). Decoding interpolates linearly between
        neighbouring quantiles, so a long tail's last quantile range comes back
        as uniform over it. With scikit-learn's 1,000, the top 0.1 % of
        cps1988's 21,116 wages (3,270 to 15,123) were decoded that way: 0.06 %
        of generated wages exceeded 8,000, against 0.01 % of the real ones.
        10,000 keeps about two rows per range on such a table.
    subsample : int >= 2 or None, default=200_000
        Maximum number of rows used to fit the quantile transform and the
        Gaussian mixtures. ``None`` uses all rows.
    random_state : int, RandomState instance or None, default=None
        Seeds the subsampling, the mixtures, and, unless
        :meth:`inverse_transform` gets its own, the draws from "other" buckets.
    handle_unknown : {'error', 'ignore'}, default='error'
        What :meth:`transform` does with a category not seen in ``fit`` (in a
        column without an "other" bucket) or a missing value in a column that had
        none: raise a ``ValueError`` naming the column, or leave that block all
        zero, as ``OneHotEncoder(handle_unknown='ignore')`` does.
    functional_dependencies : {"auto", "exact"} or None, default=None
        ``"exact"``: a column whose value, in every fit row, is fixed by one
        categorical column or by a pair of them is left out of the encoded
        matrix (it gets no span) and looked up from the decoded values of its
        determining columns; a pair of levels never seen together takes the
        value of the commonest pair that shares the first column's level.
        Dependencies that independent columns with the same level shares would
        show with probability above ``exp(-20)`` (about 2e-9) are not used, so
        a few large groups are needed, not many one-row ones. See
        ``functional_dependencies_``. ``"auto"`` adds: a numeric column without
        missing values whose ranks one categorical column explains at least
        80 % of (correlation ratio) gets one quantile transform per level of
        that column (levels under 10 rows share one) and is decoded through the
        decoded level's quantiles.

    Attributes
    ----------
    spans_ : list of OutputSpan
        Layout of the encoded matrix; the spans cover ``[0, n_encoded_)``
        contiguously, in column order.
    n_encoded_ : int
        Number of columns of the encoded matrix.
    n_features_in_ : int
        Number of columns seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Column names (as strings) seen during ``fit``. Defined only when
        `X` is a DataFrame.
    is_categorical_ : ndarray of shape (`n_features_in_`,), dtype=bool
        Which columns were encoded as categorical.
    functional_dependencies_ : dict
        ``{column: tuple of determining columns}``: the columns left out of the
        encoded matrix and looked up when decoding (empty unless
        ``functional_dependencies="auto"``).
    clustered_columns_ : dict
        ``{column: number of clusters}`` for the continuous columns that
        ``continuous_transform="auto"`` split into separated clusters (empty
        otherwise).
    spiked_columns_ : dict
        ``{column: list of spike values}`` (in the column's dtype) for the
        continuous columns that ``continuous_transform="auto"`` gave a spike
        block (empty otherwise).

    See Also
    --------
    sklearn.preprocessing.OneHotEncoder : One-hot encoding of categories.
    sklearn.preprocessing.QuantileTransformer : Quantile normalisation.

    Notes
    -----
    **Missing values.** ``NaN``, ``None``, ``pd.NA`` and ``NaT`` are missing
    values; rows are never dropped and nothing is imputed.

    - A continuous column with missing values at fit time gets a 2-wide
      ``"missing"`` span ``[present, missing]`` right after its other blocks.
      On missing rows the value is 0 in the encoded space (and the mode block
      of ``"mode-specific"``, or the cluster or spike block of ``"auto"``, marks
      the heaviest component, to stay one-hot).
    - A categorical column with missing values gets an extra **"missing"
      level** at the end of its one-hot block, instead of a separate span, so
      that every row of the block is a valid one-hot.
    - Decoded missing values are ``NaN`` for float columns, ``NaT`` for
      datetimes and timedeltas, ``pd.NA`` for nullable dtypes, ``NaN`` in
      ``category`` columns and, for ``object`` columns, the missing marker met
      first at fit time (e.g. ``None``).
    - Integer columns with missing values: numpy ``int64`` cannot hold them,
      so such a column is either nullable ``Int64`` (etc.), which comes back
      as ``Int64``, or was turned into ``float64`` by pandas, which comes back
      as ``float64`` (not rounded). Should a numpy ``int`` / ``bool`` column
      ever decode missing values, it is returned as ``Int64`` / ``boolean``.
    - A column with missing values at ``transform`` that had none at fit
      raises ``ValueError``.

    **Dtypes.** Output columns have the input dtypes: integers are rounded (to
    multiples of the step between their fitted values, e.g. 6-month terms),
    floats keep their width and are rounded to the decimals all their fitted
    values have (at most 6; within one unit in the last place of the column's
    dtype) and to the step between those values, ``category`` columns keep their
    categories (and
    order), ``string`` and nullable dtypes are restored. Continuous values
    are clipped to the range seen at fit; categorical values are only those
    seen at fit.

    **Awkward input.**

    - datetime64 / timedelta64 columns (any unit) are continuous, encoded as
      int64 ticks of their unit; time-zone aware columns keep their zone.
    - A constant continuous column is encoded as 0 and decodes to the
      constant (it has no mode block under ``"mode-specific"``).
    - ``object`` columns of mixed Python types (e.g. ints and strings) are
      refused with ``TypeError``; convert them (``astype(str)``) first. Ints
      mixed with floats are accepted (``1`` and ``1.0`` are one level).
    - Refused with ``ValueError``: all-missing columns, infinite values,
      duplicate column names, zero rows. Complex values raise ``TypeError``.
    - Non-string column labels are converted with ``str`` for spans and
      feature names; decoded DataFrames carry the original labels.
    - Arrow-backed numeric and boolean columns are supported (decoded through
      pandas' masked arrays); Arrow temporal columns are refused with
      ``TypeError`` (convert them to ``datetime64`` first).

    **Categorical encoding.** Levels are found with :func:`pandas.factorize`
    and one-hot rows are written straight into the float32 output instead of
    going through :class:`~sklearn.preprocessing.OneHotEncoder`: the decoder
    needs the level frequencies behind the "other" bucket and each column's
    exact dtype, and this avoids an intermediate sparse matrix. Levels are
    ordered by sort order (by category order for ``category`` columns).

    **Precision.** The encoded matrix is float32 (about 7 significant
    digits), so integers round-trip exactly when their range is below about
    ``2**23``, and datetimes to about ``1e-7`` of their range; datetimes and
    timedeltas are rounded to the finest step seen at fit (the gcd of their
    offsets), so for instance dates stay whole days. The quantile transform
    is piecewise linear and invertible up to that precision.

    Examples
    --------
    >>> import pandas as pd
    >>> from skgan._encoding import TableEncoder
    >>> df = pd.DataFrame({"age": [23, 45, 31, 52], "city": ["a", "b", "a", "c"]})
    >>> enc = TableEncoder(continuous_transform="standard").fit(df)
    >>> Z = enc.transform(df)
    >>> Z.shape, Z.dtype
    ((4, 4), dtype('float32'))
    >>> [(s.column, s.role, s.width) for s in enc.spans_]
    [('age', 'value', 1), ('city', 'category', 3)]
    >>> enc.inverse_transform(Z).equals(df)
    True
    """

    def __init__(
        self,
        categorical_features: Any = "from_dtype",
        continuous_transform: str = "auto",
        max_categories: int | None = None,
        n_quantiles: int = 10_000,
        subsample: int | None = 200_000,
        random_state: int | np.random.RandomState | None = None,
        handle_unknown: str = "error",
        functional_dependencies: str | None = None,
    ):
        self.categorical_features = categorical_features
        self.continuous_transform = continuous_transform
        self.max_categories = max_categories
        self.n_quantiles = n_quantiles
        self.subsample = subsample
        self.random_state = random_state
        self.handle_unknown = handle_unknown
        self.functional_dependencies = functional_dependencies

    # -- validation -----------------------------------------------------------

    def _validate_params(self) -> None:
        if self.continuous_transform not in _CONTINUOUS_TRANSFORMS:
            raise ValueError(
                f"continuous_transform must be one of {_CONTINUOUS_TRANSFORMS}; "
                f"got {self.continuous_transform!r}."
            )
        if self.handle_unknown not in ("error", "ignore"):
            raise ValueError(
                "handle_unknown must be 'error' or 'ignore'; "
                f"got {self.handle_unknown!r}."
            )
        if self.functional_dependencies not in ("auto", "exact", None):
            raise ValueError(
                "functional_dependencies must be 'auto', 'exact' or None; "
                f"got {self.functional_dependencies!r}."
            )
        for param, value, allow_none in (
            ("max_categories", self.max_categories, True),
            ("n_quantiles", self.n_quantiles, False),
            ("subsample", self.subsample, True),
        ):
            if value is None and allow_none:
                continue
            if not isinstance(value, numbers.Integral) or isinstance(value, bool):
                raise TypeError(
                    f"{param} must be an int"
                    + (" or None" if allow_none else "")
                    + f"; got {value!r}."
                )
            if value < 2:
                raise ValueError(f"{param} must be >= 2; got {value!r}.")

    def _check_table(self, X, *, fitting: bool) -> tuple[pd.DataFrame, bool]:
        """Return ``(frame, is_dataframe)`` after validating the input."""
        if sparse.issparse(X):
            raise TypeError(
                "TableEncoder does not accept sparse input; pass a dense array "
                "or a DataFrame."
            )
        if isinstance(X, pd.DataFrame):
            if fitting:
                check_unique_columns(X)
                names = [str(c) for c in X.columns]
                if len(set(names)) != len(names):
                    raise ValueError(
                        "X has column labels that are equal once converted to "
                        f"str: {names}."
                    )
            elif not getattr(self, "_fitted_on_frame", False):
                X = X.to_numpy()
            else:
                expected = list(self._columns)
                got = list(X.columns)
                if got != expected:
                    absent = [c for c in expected if c not in got]
                    extra = [c for c in got if c not in expected]
                    if absent or extra:
                        raise ValueError(
                            "X has different columns than during fit: missing "
                            f"{absent}, unexpected {extra}."
                        )
                    raise ValueError(
                        "X has the columns seen during fit in a different order; "
                        f"expected {expected}."
                    )
                return X, True
        elif not fitting and getattr(self, "_fitted_on_frame", False):
            raise ValueError(
                "This TableEncoder was fitted on a DataFrame; transform expects a "
                f"DataFrame with columns {list(self._columns)}."
            )

        if not isinstance(X, pd.DataFrame):
            arr = np.asarray(X)
            if arr.ndim != 2:
                raise ValueError(
                    "Expected a 2-D array or a DataFrame; got an array of "
                    f"{arr.ndim} dimension(s). Reshape your data either using "
                    "array.reshape(-1, 1) if it has a single feature or "
                    "array.reshape(1, -1) if it contains a single sample."
                )
            if arr.dtype.kind == "c":
                raise TypeError("Complex data not supported.")
            if arr.dtype.kind == "O":
                # Object arrays of numbers are fine; anything else is refused.
                arr = as_numeric_array(arr)
            if arr.dtype.kind not in "biuf":
                raise TypeError(
                    f"Array input must be numeric; got dtype {arr.dtype}. Use a "
                    "DataFrame for string or mixed-type columns."
                )
            if not fitting and arr.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X has {arr.shape[1]} features, but TableEncoder is "
                    f"expecting {self.n_features_in_} features as input."
                )
            X = pd.DataFrame(arr, columns=[f"x{j}" for j in range(arr.shape[1])])
            is_frame = False
        else:
            is_frame = True

        if fitting:
            # Messages in scikit-learn's wording, which its checks expect.
            if X.shape[0] == 0:
                raise ValueError(
                    f"Found array with 0 sample(s) (shape={X.shape}) while a "
                    "minimum of 1 is required: X has no rows."
                )
            if X.shape[1] == 0:
                raise ValueError(
                    f"Found array with 0 feature(s) (shape={X.shape}) while a "
                    "minimum of 1 is required: X has no columns."
                )
        return X, is_frame

    def _resolve_categorical(self, frame: pd.DataFrame, names: list[str]) -> np.ndarray:
        cf = self.categorical_features
        n = frame.shape[1]
        if cf is None:
            return np.zeros(n, dtype=bool)
        if isinstance(cf, str):
            if cf != "from_dtype":
                raise ValueError(
                    "categorical_features must be 'from_dtype', None, or an "
                    f"array-like of names, indices or booleans; got {cf!r} (to "
                    f"select one column pass a list, e.g. [{cf!r}])."
                )
            return np.array([_is_categorical_from_dtype(d) for d in frame.dtypes])
        try:
            items = list(cf)
        except TypeError:
            raise TypeError(
                "categorical_features must be 'from_dtype', None, or an "
                f"array-like; got {cf!r}."
            ) from None
        mask = np.zeros(n, dtype=bool)
        if not items:
            return mask
        if all(isinstance(v, (bool, np.bool_)) for v in items):
            if len(items) != n:
                raise ValueError(
                    f"categorical_features as a boolean mask must have length "
                    f"{n} (the number of columns); got {len(items)}."
                )
            return np.asarray(items, dtype=bool)
        if all(
            isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))
            for v in items
        ):
            for v in items:
                if not 0 <= v < n:
                    raise ValueError(
                        f"categorical_features index {v} is out of range for a "
                        f"table of {n} columns."
                    )
            mask[np.asarray(items, dtype=np.intp)] = True
            return mask
        if all(isinstance(v, str) for v in items):
            if not self._fitted_on_frame:
                raise ValueError(
                    "categorical_features given as column names requires a "
                    "DataFrame; for arrays pass integer indices or a mask."
                )
            lookup = {name: j for j, name in enumerate(names)}
            unknown = [v for v in items if v not in lookup]
            if unknown:
                raise ValueError(
                    f"categorical_features names columns not in X: {unknown}."
                )
            mask[[lookup[v] for v in items]] = True
            return mask
        raise TypeError(
            "categorical_features entries must be all str (names), all int "
            f"(indices) or all bool (a mask); got {items!r}."
        )

    def _condition_on_parents(self, frame, codecs, parents) -> None:
        """Swap in `_GroupedContinuousColumn` where a categorical column explains
        most of a continuous column (``functional_dependencies='auto'``).

        ``parents`` maps each categorical column to its level index per row."""
        for j, codec in enumerate(codecs):
            s = frame.iloc[:, j]
            if not (
                isinstance(codec, _ContinuousColumn)
                and codec.transform_ in ("quantile", "spikes")
                and not codec.has_missing
                and isinstance(s.dtype, np.dtype)
                and s.dtype.kind in "iuf"
            ):
                continue
            parent = strongest_parent(s.to_numpy(dtype=np.float64), parents)
            if parent is None:
                continue
            if codec.transform_ == "spikes":
                # A parent that explains the column explains its spike too (a
                # veneer's area is zero where its type is "None"): its levels'
                # own quantiles replace the spike block.
                codec = _ContinuousColumn(
                    codec.name,
                    "quantile",
                    codec.n_quantiles,
                    codec.subsample,
                    codec.seed,
                ).fit(s, np.zeros(len(s), dtype=bool))
            codecs[j] = _GroupedContinuousColumn(codec, parent).fit(s, parents[parent])

    def _find_dependencies(
        self, frame: pd.DataFrame, is_cat: np.ndarray
    ) -> dict[int, tuple[int, ...]]:
        columns = [frame.iloc[:, j] for j in range(frame.shape[1])]
        return find_dependencies(columns, is_cat)

    # -- public API -----------------------------------------------------------

    def fit(self, X, y=None) -> TableEncoder:
        """Learn the encoding of each column of `X`.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            The table. Arrays must be numeric (``NaN`` marks missing values).
        y : None
            Ignored.

        Returns
        -------
        self : TableEncoder
            The fitted encoder.
        """
        self._validate_params()
        frame, is_frame = self._check_table(X, fitting=True)
        self._fitted_on_frame = is_frame
        self._columns = frame.columns.copy()
        names = [str(c) for c in frame.columns]
        self._names = names
        self.n_features_in_ = frame.shape[1]
        if is_frame:
            self.feature_names_in_ = np.asarray(names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

        for name, dtype in zip(names, frame.dtypes, strict=True):
            if _is_complex(dtype):
                raise TypeError(f"Column {name!r} has complex dtype {dtype}.")
            if isinstance(dtype, pd.ArrowDtype) and dtype.numpy_dtype.kind in "Mm":
                raise TypeError(
                    f"Column {name!r} has Arrow dtype {dtype}; convert it to a "
                    "numpy datetime64/timedelta64 dtype first."
                )
        is_cat = self._resolve_categorical(frame, names)

        rng = check_random_state(self.random_state)
        seeds = rng.randint(np.iinfo(np.int32).max, size=len(names))
        for j, name in enumerate(names):
            if frame.iloc[:, j].isna().all():
                raise ValueError(
                    f"Column {name!r} has only missing values; drop it before fitting."
                )
        dependencies = (
            self._find_dependencies(frame, is_cat)
            if self.functional_dependencies in ("auto", "exact")
            else {}
        )
        codecs: list[Any] = []
        for j, name in enumerate(names):
            s = frame.iloc[:, j]
            missing = s.isna().to_numpy()
            if j in dependencies:
                codec = DerivedColumn(name, dependencies[j])
            elif is_cat[j]:
                codec = _CategoricalColumn(name, self.max_categories)
            else:
                if _continuous_kind(s.dtype) is None:
                    raise TypeError(
                        f"Column {name!r} has dtype {s.dtype}, which cannot be "
                        "encoded as continuous; mark it as categorical (or "
                        "convert it to a numeric dtype)."
                    )
                codec = _ContinuousColumn(
                    name,
                    self.continuous_transform,
                    self.n_quantiles,
                    self.subsample,
                    int(seeds[j]),
                )
            if j not in dependencies:
                codec = codec.fit(s, missing)
            codecs.append(codec)
        # Each categorical column's level per row, for lookups and grouped columns.
        levels = {
            a: codec.level_indices(frame.iloc[:, a])
            for a, codec in enumerate(codecs)
            if self.functional_dependencies is not None
            and isinstance(codec, _CategoricalColumn)
        }
        if self.functional_dependencies == "auto" and levels:
            self._condition_on_parents(frame, codecs, levels)
        for j, det in dependencies.items():
            codecs[j].fit(
                frame.iloc[:, j],
                [levels[a] for a in det],
                [len(codecs[a].levels) for a in det],
            )
        self.functional_dependencies_ = {
            names[j]: tuple(names[a] for a in det)
            for j, det in sorted(dependencies.items())
        }

        self._codecs = codecs
        self.is_categorical_ = np.asarray(is_cat, dtype=bool)
        self.clustered_columns_ = {
            names[j]: codec.n_modes
            for j, codec in enumerate(codecs)
            if isinstance(codec, _ContinuousColumn) and codec.transform_ == "clusters"
        }
        self.spiked_columns_ = {
            names[j]: codec.spike_values()
            for j, codec in enumerate(codecs)
            if isinstance(codec, _ContinuousColumn) and codec.transform_ == "spikes"
        }
        self._starts = []
        spans: list[OutputSpan] = []
        start = 0
        for codec in codecs:
            self._starts.append(start)
            spans.extend(codec.spans(start))
            start += codec.width
        self.spans_ = spans
        self.n_encoded_ = start
        return self

    def transform(self, X) -> np.ndarray:
        """Encode `X`.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            A table with the columns seen during :meth:`fit`.

        Returns
        -------
        Z : ndarray of shape (n_samples, `n_encoded_`), dtype=float32
            The encoded table, laid out as described by ``spans_``.
        """
        check_is_fitted(self)
        frame, _ = self._check_table(X, fitting=False)
        out = np.zeros((frame.shape[0], self.n_encoded_), dtype=np.float32)
        for j, (codec, start) in enumerate(
            zip(self._codecs, self._starts, strict=True)
        ):
            s = frame.iloc[:, j]
            extra = {}
            if isinstance(codec, _GroupedContinuousColumn):
                parent = frame.iloc[:, codec.parent]
                extra["parent_levels"] = self._codecs[codec.parent].level_indices(
                    parent
                )
            codec.transform(
                s,
                s.isna().to_numpy(),
                out,
                start,
                ignore_unknown=self.handle_unknown == "ignore",
                **extra,
            )
        return out

    def inverse_transform(self, Z, random_state=None):
        """Decode an encoded matrix back to a table.

        Softmax blocks are decoded by argmax, so probabilities (soft generator
        output) are accepted as well as exact one-hot rows.

        Parameters
        ----------
        Z : array-like of shape (n_samples, `n_encoded_`)
            Encoded rows, e.g. from :meth:`transform` or a generator.
        random_state : int, RandomState instance or None, default=None
            Seeds the draws of concrete levels for rows that decode to an
            "other" bucket. If None, the encoder's ``random_state`` is used.

        Returns
        -------
        X : DataFrame or ndarray of shape (n_samples, `n_features_in_`)
            A DataFrame with the fit columns and dtypes when the encoder was
            fitted on a DataFrame, else a float64 ndarray.
        """
        check_is_fitted(self)
        Z = np.asarray(Z)
        if Z.ndim != 2 or Z.shape[1] != self.n_encoded_:
            raise ValueError(
                f"Z must have shape (n_samples, {self.n_encoded_}); got {Z.shape}."
            )
        if Z.dtype.kind not in "biuf":
            raise TypeError(f"Z must be numeric; got dtype {Z.dtype}.")
        rng = check_random_state(
            random_state if random_state is not None else self.random_state
        )
        columns: list[pd.Series | None] = []
        levels: dict[int, np.ndarray] = {}
        pairs = zip(self._codecs, self._starts, strict=True)
        for j, (codec, start) in enumerate(pairs):
            if isinstance(codec, (DerivedColumn, _GroupedContinuousColumn)):
                columns.append(None)  # needs the decoded levels of other columns
            elif isinstance(codec, _CategoricalColumn):
                levels[j] = codec.decode_levels(Z, start, rng)
                columns.append(codec.levels_to_series(levels[j]))
            else:
                columns.append(codec.inverse_transform(Z, start))
        for j, (codec, start) in enumerate(
            zip(self._codecs, self._starts, strict=True)
        ):
            if isinstance(codec, DerivedColumn):
                columns[j] = codec.inverse_transform(
                    [levels[a] for a in codec.determinants]
                )
            elif isinstance(codec, _GroupedContinuousColumn):
                columns[j] = codec.inverse_transform(Z, start, levels[codec.parent])

        if not self._fitted_on_frame:
            out = np.empty((Z.shape[0], self.n_features_in_), dtype=np.float64)
            for j, s in enumerate(columns):
                out[:, j] = s.to_numpy(dtype=np.float64, na_value=np.nan)
            return out
        frame = pd.concat(columns, axis=1, ignore_index=True)
        frame.columns = self._columns
        return frame

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the encoded columns.

        Continuous columns give ``"{col}__value"``, ``"{col}__mode{k}"`` and
        ``"{col}__present"`` / ``"{col}__missing"``; categorical columns give
        ``"{col}_{level}"``, ``"{col}__other"`` and ``"{col}__missing"``.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input column names. If None, the fit names are used (``"x0"``,
            ``"x1"``, ... for array input). For a DataFrame fit, it must equal
            ``feature_names_in_``.

        Returns
        -------
        feature_names_out : ndarray of str objects
            One name per encoded column.
        """
        check_is_fitted(self)
        names = self._names
        if input_features is not None:
            given = [str(f) for f in input_features]
            if len(given) != self.n_features_in_:
                raise ValueError(
                    f"input_features should have length {self.n_features_in_}; "
                    f"got {len(given)}."
                )
            if self._fitted_on_frame and given != names:
                raise ValueError("input_features is not equal to feature_names_in_.")
            names = given
        out = []
        for codec, name in zip(self._codecs, names, strict=True):
            out.extend(codec.feature_names(name))
        return np.asarray(out, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        tags.transformer_tags.preserves_dtype = ["float32"]
        return tags
