"""TransformedSampler: train a sampler in a transformed space, sample in the original.

The generative counterpart of scikit-learn's ``TransformedTargetRegressor``.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator, _fit_context, clone
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils._param_validation import HasMethods
from sklearn.utils.validation import check_is_fitted, validate_data

from ._sampler import GANSampler


class TransformedSampler(BaseEstimator):
    """Fit a sampler on ``transformer.transform(X)``; sample back through
    ``transformer.inverse_transform``.

    Useful when a column transform helps the sampler (``QuantileTransformer``,
    ``PowerTransformer``, ``StandardScaler``) but users want rows on the original
    scale.

    Parameters
    ----------
    sampler : estimator with ``fit`` and ``sample``, default=None
        The generative model, cloned at fit. None means ``GANSampler()``.
    transformer : transformer with ``inverse_transform``, default=None
        Cloned at fit. None means the identity.

    Attributes
    ----------
    sampler_ : estimator
        The fitted sampler.
    transformer_ : transformer
        The fitted transformer.
    n_features_in_ : int
        Number of columns seen in ``fit``.
    feature_names_in_ : ndarray of str
        Column names seen in ``fit``, when they are all strings.

    See Also
    --------
    sklearn.compose.TransformedTargetRegressor : The same idea for a regression target.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.preprocessing import PowerTransformer
    >>> from skgan import GANSampler, TransformedSampler
    >>> X = np.random.default_rng(0).lognormal(size=(300, 2))
    >>> model = TransformedSampler(
    ...     sampler=GANSampler(max_iter=20, random_state=0),
    ...     transformer=PowerTransformer(),
    ... ).fit(X)
    >>> model.sample(4).shape
    (4, 2)
    """

    _parameter_constraints: dict = {
        "sampler": [HasMethods(["fit", "sample"]), None],
        "transformer": [HasMethods(["fit", "transform", "inverse_transform"]), None],
    }

    def __init__(self, sampler=None, transformer=None):
        self.sampler = sampler
        self.transformer = transformer

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y=None):
        """Fit the transformer on ``X``, then the sampler on the transformed rows.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Training rows.
        y : None
            Ignored.

        Returns
        -------
        self : TransformedSampler
        """
        validate_data(self, X, reset=True, skip_check_array=True)
        if self.transformer is None:
            self.transformer_ = FunctionTransformer(
                validate=False, check_inverse=False
            ).fit(X)
        else:
            self.transformer_ = clone(self.transformer).fit(X)
        sampler = GANSampler() if self.sampler is None else clone(self.sampler)
        self.sampler_ = sampler.fit(self.transformer_.transform(X))
        return self

    def sample(self, n_samples: int = 1, random_state=None):
        """Draw rows in the transformed space and map them back.

        Parameters
        ----------
        n_samples : int, default=1
            Number of rows.
        random_state : int, RandomState instance or None, default=None
            Passed to the sampler's ``sample``.

        Returns
        -------
        X_new : ndarray or DataFrame of shape (n_samples, `n_features_in_`)
            ``transformer_.inverse_transform(sampler_.sample(n_samples))``.
        """
        check_is_fitted(self)
        rows = self.sampler_.sample(n_samples, random_state=random_state)
        return self.transformer_.inverse_transform(rows)

    def score(self, X, y=None) -> float:
        """The sampler's score of ``X`` in the transformed space (higher is better).

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Held-out rows.
        y : None
            Ignored.

        Returns
        -------
        score : float
        """
        check_is_fitted(self)
        validate_data(self, X, reset=False, skip_check_array=True)
        return self.sampler_.score(self.transformer_.transform(X))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        sampler = GANSampler() if self.sampler is None else self.sampler
        tags.input_tags.allow_nan = sampler.__sklearn_tags__().input_tags.allow_nan
        if self.transformer is not None:
            transformer_tags = self.transformer.__sklearn_tags__().input_tags
            tags.input_tags.allow_nan &= transformer_tags.allow_nan
        return tags
