"""Exact functional dependencies between the columns of a training table.

A column whose value is fixed, in every training row, by the value of one
categorical column (a code and its label, a sub-grade and its grade) or of a pair
of categorical columns (a price list: grade and month fix the rate) need not be
generated at all: the encoder leaves it out of the encoded table and the decoder
looks it up from the determining columns. A generator that draws such columns
itself breaks the rule in some rows, and a classifier spots those rows at once
(census table: 37 % of the generated rows paired an industry code with the wrong
industry group).

Only dependencies that could hardly arise by chance are used: for a dependent
column with level shares ``p``, a group of ``c`` rows that share a determinant
value is pure with probability ``sum(p ** c)`` if the columns were independent,
and the product of these over all groups must be below ``exp(MAX_LOG_CHANCE)``.
Groups of one row are no evidence; a near-constant dependent needs many large
groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._validation import PANDAS_NO_COPY

#: Natural log of the largest accepted chance that independent columns would show
#: the dependency (about 2e-9: thousands of column pairs are tried on wide tables).
MAX_LOG_CHANCE = -20.0

#: Rows on which candidate dependencies are screened before the full check (on
#: census, 26,000 rows x 41 columns, the search takes 0.3 s instead of 4.5 s).
SCREEN_ROWS = 2_000


def column_codes(s: pd.Series) -> tuple[np.ndarray, int] | None:
    """Integer codes of a column's values, missing values as one more level.

    Returns None for columns whose values cannot be factorized (unhashable).
    """
    try:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    except TypeError:
        return None
    codes = np.asarray(codes, dtype=np.int64)
    n_levels = len(uniques)
    if (codes < 0).any():
        codes = np.where(codes < 0, n_levels, codes)
        n_levels += 1
    return codes, n_levels


def joint_codes(codes: Sequence[np.ndarray], n_levels: Sequence[int]) -> np.ndarray:
    """One int64 code per row for the combination of several code columns."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for c, n in zip(codes, n_levels, strict=True):
        key = key * n + c
    return key


def _pure(key: np.ndarray, deps: np.ndarray) -> np.ndarray:
    """For each column of ``deps``, whether it is constant within every key group."""
    order = np.argsort(key, kind="stable")
    k = key[order]
    d = deps[order]
    same_group = k[1:] == k[:-1]
    changes = (d[1:] != d[:-1]) & same_group[:, None]
    return ~changes.any(axis=0)


def _log_chance(key: np.ndarray, dep: np.ndarray, n_dep_levels: int) -> float:
    """Log probability that independent columns would make every key group pure."""
    p = np.bincount(dep, minlength=n_dep_levels) / len(dep)
    p = p[p > 0]
    _, sizes = np.unique(key, return_counts=True)
    sizes, groups = np.unique(sizes[sizes > 1], return_counts=True)
    if sizes.size == 0:
        return 0.0
    pure = np.exp(sizes[:, None] * np.log(p)[None, :]).sum(axis=1)
    return float((groups * np.log(np.clip(pure, 1e-300, 1.0))).sum())


def find_dependencies(
    columns: Sequence[pd.Series],
    can_determine: Sequence[bool],
    *,
    max_log_chance: float = MAX_LOG_CHANCE,
    screen_rows: int = SCREEN_ROWS,
) -> dict[int, tuple[int, ...]]:
    """Columns that one or two other columns fix, with their determinants.

    Parameters
    ----------
    columns : sequence of Series of equal length
        The table's columns.
    can_determine : sequence of bool
        Columns that may determine others (the categorical ones: their decoded
        values are exactly the training levels, so a lookup always matches).
    max_log_chance : float, default=MAX_LOG_CHANCE
        See the module docstring.
    screen_rows : int, default=SCREEN_ROWS
        Candidates are first checked on this many rows, so that the other
        columns' codes are only computed for the survivors.

    Returns
    -------
    dependencies : dict
        ``{dependent column index: tuple of determinant column indices}``; no
        determinant is itself a dependent.
    """
    m = len(columns)
    n = len(columns[0]) if m else 0
    full: dict[int, tuple[np.ndarray, int] | None] = {}
    # Screening codes of every column in one matrix (-1: column takes no part).
    n_screen = min(n, screen_rows)
    screen = np.zeros((n_screen, m), dtype=np.int64)
    screened = np.zeros(m, dtype=bool)
    usable = np.zeros(m, dtype=bool)

    def codes_of(j: int) -> tuple[np.ndarray, int] | None:
        if j not in full:
            full[j] = column_codes(columns[j])
        return full[j]

    def screen_columns(candidates: list[int]) -> list[int]:
        for j in candidates:
            if not screened[j]:
                found = (
                    codes_of(j)
                    if j in full or n_screen == n
                    else column_codes(columns[j].iloc[:n_screen])
                )
                if found is not None and found[1] > 1:
                    screen[:, j] = found[0][:n_screen]
                    usable[j] = True
                screened[j] = True
        return [j for j in candidates if usable[j]]

    def dependents_of(key: np.ndarray, candidates: list[int]) -> list[int]:
        candidates = screen_columns(candidates)
        if not candidates:
            return []
        pure = _pure(key[:n_screen], screen[:, candidates])
        survivors = [j for j, ok in zip(candidates, pure, strict=True) if ok]
        survivors = [j for j in survivors if codes_of(j) is not None]
        if survivors and n > n_screen:
            deps = np.column_stack([codes_of(j)[0] for j in survivors])
            pure = _pure(key, deps)
            survivors = [j for j, ok in zip(survivors, pure, strict=True) if ok]
        return [
            j
            for j in survivors
            if _log_chance(key, *codes_of(j)) < max_log_chance  # type: ignore[misc]
        ]

    candidates = [
        j
        for j in range(m)
        if can_determine[j] and codes_of(j) is not None and codes_of(j)[1] > 1
    ]
    if not candidates:
        return {}
    found: dict[int, tuple[int, ...]] = {}
    # Single determinants, most levels first: a column is fixed by one with at
    # least as many levels, and of two columns that fix each other the earlier
    # one is kept.
    kept: list[int] = []
    for a in sorted(candidates, key=lambda j: -codes_of(j)[1]):
        if a in found:
            continue
        kept.append(a)
        others = [j for j in range(m) if j != a and j not in found and j not in kept]
        for j in dependents_of(codes_of(a)[0], others):
            found[j] = (a,)
    # Pairs of the remaining determinants, for columns that no single column
    # fixes and that fix nothing themselves.
    used = {a for det in found.values() for a in det}
    for i, a in enumerate(kept):
        for b in kept[i + 1 :]:
            (ca, na), (cb, nb) = codes_of(a), codes_of(b)
            others = [
                j
                for j in range(m)
                if j not in found and j not in used and j not in (a, b)
            ]
            for j in dependents_of(joint_codes([ca, cb], [na, nb]), others):
                found[j] = (a, b)
                used.update((a, b))
    return found


class DerivedColumn:
    """A column looked up from the decoded values of its determinant columns.

    Parameters
    ----------
    name : str
        The column's name (for messages).
    determinants : tuple of int
        Positions of the determining (categorical) columns.
    """

    width = 0

    def __init__(self, name: str, determinants: tuple[int, ...]):
        self.name = name
        self.determinants = determinants

    def fit(
        self, s: pd.Series, levels: Sequence[np.ndarray], n_levels: Sequence[int]
    ) -> DerivedColumn:
        """Store one training value per combination of determinant levels.

        ``levels`` are the determinants' level indices per training row as their
        categorical codecs number them, with ``-1`` for a missing value.
        """
        self.n_levels = tuple(int(k) + 1 for k in n_levels)  # + missing
        key = self._key(levels)
        self.keys, first = np.unique(key, return_index=True)
        # An Index keeps the column's dtype and is what skgan.save can store.
        self.values = pd.Index(s.iloc[first], name=None)
        # A pair of levels never seen together (only possible with two
        # determinants) takes the value of the commonest pair sharing the first
        # determinant's level.
        counts = np.bincount(np.searchsorted(self.keys, key), minlength=len(self.keys))
        first_level = self.keys // int(np.prod(self.n_levels[1:], dtype=np.int64))
        self.fallback = np.zeros(self.n_levels[0], dtype=np.intp)
        for pos in np.argsort(counts, kind="stable"):
            self.fallback[first_level[pos]] = pos
        return self

    def spans(self, start: int) -> list:
        return []

    def feature_names(self, name: str) -> list[str]:
        return []

    def transform(self, *args, **kwargs) -> None:
        """Nothing to encode: the column is looked up when decoding."""

    def _key(self, levels: Sequence[np.ndarray]) -> np.ndarray:
        # Missing (-1) becomes the last level of each determinant.
        shifted = [
            np.where(lv < 0, n - 1, lv)
            for lv, n in zip(levels, self.n_levels, strict=True)
        ]
        return joint_codes(shifted, self.n_levels)

    def inverse_transform(self, levels: Sequence[np.ndarray]) -> pd.Series:
        """The column's values for decoded determinant level indices."""
        key = self._key(levels)
        pos = np.searchsorted(self.keys, key).clip(max=len(self.keys) - 1)
        unseen = self.keys[pos] != key
        if unseen.any():
            first = np.where(levels[0] < 0, self.n_levels[0] - 1, levels[0])
            pos[unseen] = self.fallback[first[unseen]]
        return pd.Series(self.values.take(pos), **PANDAS_NO_COPY)


#: A continuous column is encoded within the levels of the categorical column
#: that explains at least this share of the variance of its ranks.
MIN_EXPLAINED = 0.8

#: Levels with fewer rows share one encoding; levels with at least this many rows
#: must hold 90 % of the rows for a column to be a parent. Small, so that rare
#: levels keep their own values (loans: the 127 rows of sub-grades under 50 rows
#: took rates from the whole column); a quantile transform of 10 values still
#: interpolates between them rather than copying them.
MIN_GROUP_ROWS = 10


def strongest_parent(
    values: np.ndarray,
    parents: dict[int, np.ndarray],
    *,
    min_explained: float = MIN_EXPLAINED,
    min_group_rows: int = MIN_GROUP_ROWS,
) -> int | None:
    """The categorical column that best explains a continuous column, if strong.

    Parameters
    ----------
    values : float array of shape (n_samples,)
        The continuous column (no missing values).
    parents : dict
        ``{column index: level index per row (-1: missing)}`` of the candidates.

    Returns
    -------
    parent : int or None
        The candidate whose levels explain the largest share of the variance of
        the column's ranks (the correlation ratio), if that share is at least
        ``min_explained`` and its levels of ``min_group_rows`` rows or more hold
        90 % of the rows; else None.
    """
    n = len(values)
    ranks = pd.Series(values).rank().to_numpy() / n
    total = ranks.var() * n
    if total <= 0:
        return None
    best, best_share = None, min_explained
    for a, level in parents.items():
        codes = level + 1  # missing as level 0
        counts = np.bincount(codes)
        if counts[counts >= min_group_rows].sum() < 0.9 * n:
            continue
        sums = np.bincount(codes, weights=ranks)
        squares = np.bincount(codes, weights=ranks * ranks)
        seen = counts > 0
        within = (squares[seen] - sums[seen] ** 2 / counts[seen]).sum()
        share = 1.0 - within / total
        if share >= best_share:
            best, best_share = a, share
    return best
