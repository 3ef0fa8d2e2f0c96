"""Baseline samplers and adapters used by the benchmark runner.

* :class:`GaussianMixtureSampler`: scikit-learn's
  :class:`~sklearn.mixture.GaussianMixture` on a one-hot / standardised
  encoding of a mixed-type table, decoded back to the table's columns and
  dtypes. It is the simple non-adversarial baseline of the benchmarks.
* :class:`CTGANAdapter`: CTGAN (Xu et al., 2019) through the public API of the
  ``ctgan`` package, with the missing-value workaround that the package needs
  (see its docstring). No code of the ``ctgan`` package is copied here.

Both have ``fit(X)`` and ``sample(n_samples)`` and accept either a pandas
DataFrame (numeric, boolean and categorical columns, missing values) or a
numeric 2-D array, and return the same kind of object they were fitted on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import OneHotEncoder
from sklearn.utils import check_random_state

__all__ = [
    "CTGANAdapter",
    "GaussianMixtureSampler",
    "as_frame",
    "categorical_columns",
    "restore_dtypes",
]

#: Components of the Gaussian mixture baseline (fixed: a BIC search per table
#: would multiply its fit time by the size of the grid).
DEFAULT_GMM_COMPONENTS = 10


def as_frame(X) -> tuple[pd.DataFrame, bool]:
    """Return ``X`` as a DataFrame, and whether it was a DataFrame already.

    Parameters
    ----------
    X : DataFrame or array-like of shape (n_samples, n_features)
        A table, or a numeric matrix (whose columns become ``x0, x1, ...``).

    Returns
    -------
    frame : DataFrame
        The table.
    was_frame : bool
        True when ``X`` was a DataFrame.
    """
    if isinstance(X, pd.DataFrame):
        return X, True
    arr = np.asarray(X, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {arr.shape}.")
    return pd.DataFrame(arr, columns=[f"x{i}" for i in range(arr.shape[1])]), False


def categorical_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that are not numeric, or boolean: the discrete columns.

    Parameters
    ----------
    frame : DataFrame
        A table.

    Returns
    -------
    columns : list of str
        Names of the category, object, string and boolean columns.
    """
    return [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c].dtype)
        or pd.api.types.is_bool_dtype(frame[c].dtype)
    ]


def restore_dtypes(synthetic: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Give ``synthetic`` the columns and dtypes of ``reference``.

    Categorical columns get the reference's categories (unseen values become
    missing); integer columns are rounded and cast back to ``int64`` unless
    they hold missing values (then they stay ``float64``); boolean columns are
    cast back to ``bool``.

    Parameters
    ----------
    synthetic : DataFrame
        Decoded synthetic rows with the reference's column names.
    reference : DataFrame
        The training table.

    Returns
    -------
    frame : DataFrame
        ``synthetic`` with the reference's column order and dtypes.
    """
    out = {}
    for col in reference.columns:
        dtype = reference[col].dtype
        values = synthetic[col]
        if isinstance(dtype, pd.CategoricalDtype):
            values = pd.Categorical(values.astype(object), dtype=dtype)
        elif pd.api.types.is_bool_dtype(dtype):
            values = values.astype(object)
            if not values.isna().any():
                values = values.map(lambda v: v in (True, "True", "true", 1))
                values = values.astype(bool)
        elif pd.api.types.is_integer_dtype(dtype):
            values = pd.to_numeric(values, errors="coerce").round()
            if not values.isna().any():
                values = values.astype(dtype)
        elif pd.api.types.is_numeric_dtype(dtype):
            values = pd.to_numeric(values, errors="coerce").astype(float)
        out[col] = values
    return pd.DataFrame(out, index=pd.RangeIndex(len(synthetic)))


class GaussianMixtureSampler:
    """A Gaussian mixture on an encoded table, decoded back to the table.

    Encoding: each categorical column (category, object, string, bool) is
    one-hot encoded (``OneHotEncoder(handle_unknown='ignore')``, missing being a
    level of its own); each continuous column gets a 0/1 missing indicator when
    it has missing values in training, its missing values are replaced by the
    training median, and it is standardised. A
    ``GaussianMixture(n_components, covariance_type='full')`` is fitted on the
    result.

    Decoding a sample: for each one-hot block the level with the largest
    coordinate (argmax); continuous columns are un-standardised, clipped to the
    training range when ``clip=True``, set missing where the indicator
    coordinate is above 0.5, and rounded for integer columns; the training
    dtypes are restored. :meth:`sample` shuffles the rows, which
    ``GaussianMixture.sample`` returns grouped by component.

    Parameters
    ----------
    n_components : int, default=10
        Mixture components.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
        Passed to ``GaussianMixture``.
    max_iter : int, default=100
        EM iterations at most.
    reg_covar : float, default=1e-6
        Added to the covariance diagonals (the one-hot blocks are singular).
    clip : bool, default=True
        Clip decoded continuous values to the training minimum and maximum.
    random_state : int or None, default=None
        Seeds the mixture's initialisation and the sampling stream.

    Attributes
    ----------
    mixture_ : GaussianMixture
        The fitted mixture.
    n_encoded_ : int
        Width of the encoded table.
    epochs_ : int
        EM iterations run (``mixture_.n_iter_``).
    """

    def __init__(
        self,
        n_components: int = DEFAULT_GMM_COMPONENTS,
        *,
        covariance_type: str = "full",
        max_iter: int = 100,
        reg_covar: float = 1e-6,
        clip: bool = True,
        random_state: int | None = None,
    ):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.max_iter = max_iter
        self.reg_covar = reg_covar
        self.clip = clip
        self.random_state = random_state

    def _encode(self, frame: pd.DataFrame) -> np.ndarray:
        blocks = []
        if self.continuous_:
            num = frame[self.continuous_].apply(pd.to_numeric).to_numpy(float)
            missing = np.isnan(num)
            num = np.where(missing, self.medians_, num)
            blocks.append((num - self.means_) / self.scales_)
            if self.indicator_cols_:
                blocks.append(missing[:, self.indicator_cols_].astype(float))
        if self.categorical_:
            cats = frame[self.categorical_].astype(object)
            cats = cats.where(cats.notna(), np.nan).to_numpy()
            blocks.append(self.onehot_.transform(cats))
        return np.hstack(blocks)

    def fit(self, X, y=None) -> GaussianMixtureSampler:
        """Encode ``X`` and fit the mixture.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Training rows.
        y : None
            Ignored.

        Returns
        -------
        self : GaussianMixtureSampler
            The fitted sampler.
        """
        frame, self.was_frame_ = as_frame(X)
        self.reference_ = frame.iloc[:0].copy()
        self.categorical_ = categorical_columns(frame)
        self.continuous_ = [c for c in frame.columns if c not in self.categorical_]
        if self.continuous_:
            num = frame[self.continuous_].apply(pd.to_numeric).to_numpy(float)
            missing = np.isnan(num)
            self.indicator_cols_ = [int(j) for j in np.flatnonzero(missing.any(0))]
            observed = [col[~np.isnan(col)] for col in num.T]
            self.medians_ = np.array(
                [np.median(v) if len(v) else 0.0 for v in observed]
            )
            filled = np.where(missing, self.medians_, num)
            self.means_ = filled.mean(axis=0)
            scales = filled.std(axis=0)
            self.scales_ = np.where(scales > 0, scales, 1.0)
            self.min_ = np.array([v.min() if len(v) else 0.0 for v in observed])
            self.max_ = np.array([v.max() if len(v) else 0.0 for v in observed])
        else:
            self.indicator_cols_ = []
        if self.categorical_:
            cats = frame[self.categorical_].astype(object)
            cats = cats.where(cats.notna(), np.nan).to_numpy()
            self.onehot_ = OneHotEncoder(
                handle_unknown="ignore", sparse_output=False, dtype=float
            ).fit(cats)
        encoded = self._encode(frame)
        self.n_encoded_ = encoded.shape[1]
        self.mixture_ = GaussianMixture(
            n_components=min(self.n_components, len(encoded)),
            covariance_type=self.covariance_type,
            max_iter=self.max_iter,
            reg_covar=self.reg_covar,
            random_state=self.random_state,
        ).fit(encoded)
        self.epochs_ = int(self.mixture_.n_iter_)
        self._rng = check_random_state(self.random_state)
        return self

    def _decode(self, Z: np.ndarray) -> pd.DataFrame:
        out = {}
        pos = 0
        if self.continuous_:
            k = len(self.continuous_)
            num = Z[:, :k] * self.scales_ + self.means_
            pos = k
            if self.clip:
                num = np.clip(num, self.min_, self.max_)
            if self.indicator_cols_:
                ind = Z[:, pos : pos + len(self.indicator_cols_)] > 0.5
                pos += len(self.indicator_cols_)
                for i, j in enumerate(self.indicator_cols_):
                    num[ind[:, i], j] = np.nan
            for j, col in enumerate(self.continuous_):
                out[col] = num[:, j]
        if self.categorical_:
            for col, levels in zip(
                self.categorical_, self.onehot_.categories_, strict=True
            ):
                block = Z[:, pos : pos + len(levels)]
                pos += len(levels)
                values = np.asarray(levels, dtype=object)[block.argmax(axis=1)]
                out[col] = pd.Series(values, dtype=object).where(pd.notna(values), None)
        decoded = pd.DataFrame(out)[list(self.reference_.columns)]
        return restore_dtypes(decoded, self.reference_)

    def sample(self, n_samples: int = 1):
        """Draw ``n_samples`` rows, in random order.

        Parameters
        ----------
        n_samples : int, default=1
            Rows to draw.

        Returns
        -------
        X_new : DataFrame or ndarray of shape (n_samples, n_features)
            A DataFrame with the training dtypes when ``fit`` saw a DataFrame,
            else a float array.
        """
        # GaussianMixture.sample reseeds from its random_state on every call;
        # give each call a fresh seed from this sampler's own stream.
        self.mixture_.random_state = int(self._rng.randint(np.iinfo(np.int32).max))
        Z, _ = self.mixture_.sample(n_samples)
        Z = Z[self._rng.permutation(len(Z))]
        frame = self._decode(Z)
        if self.was_frame_:
            return frame
        return frame.to_numpy(dtype=float)


class CTGANAdapter:
    """CTGAN through the ``ctgan`` package's public API, for tables with NaN.

    ``ctgan`` 0.12 rejects missing values in continuous columns
    (``InvalidDataError``) and models missing values in discrete columns
    itself. The workaround applied here: each continuous column with missing
    values gets a discrete companion column ``<name>__missing`` ('0'/'1') and
    its missing values are replaced by the training median; after sampling,
    rows whose companion is '1' get a missing value and the companion is
    dropped. Discrete columns are passed as they are. The training dtypes are
    restored on the samples.

    Parameters
    ----------
    epochs : int, default=300
        CTGAN's training epochs.
    random_state : int or None, default=None
        Passed to ``CTGAN.set_random_state``.
    **params
        Other ``ctgan.CTGAN`` parameters.

    Attributes
    ----------
    model_ : ctgan.CTGAN
        The fitted synthesizer.
    missing_columns_ : list of str
        Continuous columns that got a missing-value companion.
    epochs_ : int
        Epochs run.
    """

    #: The ``ctgan`` package's class this adapter fits.
    synthesizer = "CTGAN"

    def __init__(self, epochs: int = 300, random_state: int | None = None, **params):
        self.epochs = epochs
        self.random_state = random_state
        self.params = params

    def fit(self, X, y=None) -> CTGANAdapter:
        """Fit CTGAN on ``X``.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
            Training rows.
        y : None
            Ignored.

        Returns
        -------
        self : CTGANAdapter
            The fitted adapter.
        """
        import inspect

        import ctgan

        synthesizer = getattr(ctgan, self.synthesizer)
        frame, self.was_frame_ = as_frame(X)
        self.reference_ = frame.iloc[:0].copy()
        discrete = categorical_columns(frame)
        frame = frame.copy()
        self.missing_columns_ = [
            c for c in frame.columns if c not in discrete and frame[c].isna().any()
        ]
        for col in self.missing_columns_:
            flag = f"{col}__missing"
            frame[flag] = np.where(frame[col].isna(), "1", "0")
            median = frame[col].median()
            frame[col] = frame[col].fillna(0.0 if pd.isna(median) else median)
            discrete.append(flag)
        kwargs = dict(self.params)
        # ``cuda`` is deprecated in favour of ``enable_gpu`` in recent versions.
        if "enable_gpu" in inspect.signature(synthesizer.__init__).parameters:
            kwargs.setdefault("enable_gpu", False)
        else:  # pragma: no cover - older ctgan
            kwargs.setdefault("cuda", False)
        self.model_ = synthesizer(epochs=self.epochs, verbose=False, **kwargs)
        if self.random_state is not None:
            self.model_.set_random_state(self.random_state)
        self.model_.fit(frame, discrete_columns=discrete)
        self.epochs_ = int(self.epochs)
        return self

    def sample(self, n_samples: int = 1):
        """Draw ``n_samples`` rows.

        Parameters
        ----------
        n_samples : int, default=1
            Rows to draw.

        Returns
        -------
        X_new : DataFrame or ndarray of shape (n_samples, n_features)
            Of the kind seen in ``fit``, with the training dtypes.
        """
        frame = self.model_.sample(n_samples).reset_index(drop=True)
        for col in self.missing_columns_:
            flag = f"{col}__missing"
            frame.loc[frame[flag].astype(str) == "1", col] = np.nan
            frame = frame.drop(columns=flag)
        frame = restore_dtypes(frame, self.reference_)
        if self.was_frame_:
            return frame
        return frame.to_numpy(dtype=float)


class TVAEAdapter(CTGANAdapter):
    """TVAE (the ``ctgan`` package's variational autoencoder, Xu et al. 2019).

    Same interface, missing-value workaround and dtype restoration as
    :class:`CTGANAdapter`; ``**params`` go to ``ctgan.TVAE``.
    """

    synthesizer = "TVAE"
