"""Condition vectors for the conditional generator (training-by-sampling).

Xu et al. (2019, "Modeling Tabular Data using Conditional GAN") condition G and D on
one level of one categorical column per row: pick a column uniformly, then a level of
it, and set that level's entry of a one-hot *condition vector* that spans every level
of every categorical column. In training, levels are picked in proportion to the log
of their frequency, so rare levels get far more than their share of the game; real
rows are drawn among those that hold the picked level, and G is told, by a
cross-entropy term, to generate it. When sampling, levels are picked in proportion to
their frequency, so the rows' mixture over conditions is the table itself.

Nothing but torch: the per-step draws are tensor operations with an explicit
``torch.Generator``.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn


class ConditionDraw(nn.Module):
    """The layout and level counts of the condition vector, and draws from it.

    Parameters
    ----------
    spans : sequence of (start, stop)
        The categorical blocks of the encoded row that conditions may name; the
        condition vector concatenates their columns in this order.

    Attributes
    ----------
    level_counts : Tensor of shape (width,)
        Training rows per level (a saved buffer: sampling needs it).
    """

    def __init__(self, spans: Sequence[tuple[int, int]]):
        super().__init__()
        spans = [(int(a), int(b)) for a, b in spans]
        self.n_spans = len(spans)
        self.width = sum(b - a for a, b in spans)
        max_width = max((b - a for a, b in spans), default=0)
        columns = [i for a, b in spans for i in range(a, b)]
        # Row s, position j: the condition-vector index of level j of span s (-1 past
        # the span's width); and the encoded column it stands for.
        positions = torch.full((self.n_spans, max_width), -1, dtype=torch.long)
        encoded = torch.zeros((self.n_spans, max_width), dtype=torch.long)
        offset = 0
        for s, (a, b) in enumerate(spans):
            positions[s, : b - a] = torch.arange(offset, offset + b - a)
            encoded[s, : b - a] = torch.arange(a, b)
            offset += b - a
        span_of = torch.repeat_interleave(
            torch.arange(self.n_spans), torch.tensor([b - a for a, b in spans] or [0])
        )
        self.register_buffer("level_counts", torch.zeros(self.width))
        self.register_buffer("columns", torch.tensor(columns, dtype=torch.long), False)
        self.register_buffer("positions", positions, False)
        self.register_buffer("encoded_columns", encoded, False)
        self.register_buffer("span_of", span_of, False)

    def count_levels(self, data: torch.Tensor) -> None:
        """Set ``level_counts`` from encoded training rows."""
        self.level_counts.copy_(data.index_select(1, self.columns).sum(0))

    def _level_weights(self, log_frequency: bool) -> torch.Tensor:
        """(n_spans, max_width) unnormalised level probabilities, 0 past a span."""
        counts = self.level_counts.float()
        weights = torch.log1p(counts) if log_frequency else counts
        padded = torch.cat([weights, weights.new_zeros(1)])
        return padded[self.positions]  # index -1 reads the appended 0

    def draw(
        self, n: int, generator: torch.Generator | None, *, log_frequency: bool
    ) -> torch.Tensor:
        """Condition-vector positions of ``n`` draws: a span, then one of its levels."""
        spans = torch.randint(
            self.n_spans, (n,), generator=generator, device=self.positions.device
        )
        # Inverse-CDF draw within the span (cheaper than torch.multinomial).
        cdf = self._level_cdf(log_frequency).index_select(0, spans)
        u = torch.rand((n, 1), generator=generator, device=cdf.device)
        level = torch.searchsorted(cdf, u, right=True).squeeze(1)
        width = (self.positions >= 0).sum(1)
        level = torch.minimum(level, width.index_select(0, spans) - 1)
        return self.positions[spans, level]

    def _level_cdf(self, log_frequency: bool) -> torch.Tensor:
        weights = self._level_weights(log_frequency)
        cdf = weights.cumsum(1)
        return cdf / cdf[:, -1:]

    def own_levels(self, data: torch.Tensor):
        """For each span, the condition positions naming each row's own level."""
        for s in range(self.n_spans):
            block = data.index_select(
                1, self.encoded_columns[s][self.positions[s] >= 0]
            )
            yield self.positions[s, block.argmax(1)]

    def target_mean(self, data: torch.Tensor, *, log_frequency: bool) -> torch.Tensor:
        """Mean encoded row of rows drawn through conditions (moment matching's aim).

        Each level's rows are averaged, and the averages are weighted by how often
        `draw` picks the level.
        """
        levels = data.index_select(1, self.columns)  # (rows, width) one-hots
        counts = levels.sum(0)
        level_means = (levels.T @ data) / counts.clamp_min(1).unsqueeze(1)
        weights = self._level_weights(log_frequency)
        weights = weights / weights.sum(1, keepdim=True) / self.n_spans
        flat = torch.zeros(self.width + 1, device=data.device, dtype=data.dtype)
        flat.index_add_(
            0, self.positions.flatten() % (self.width + 1), weights.flatten()
        )
        return flat[: self.width] @ level_means

    def cross_entropy(self, raw: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """Mean cross-entropy of G's logits for the conditioned column's block.

        ``raw`` is G's output before the heads; each row is scored on the block of
        the span its condition names, against the named level.
        """
        spans = self.span_of[positions]
        logits = raw.gather(1, self.encoded_columns[spans]).float()
        logits = logits.masked_fill(self.positions[spans] < 0, float("-inf"))
        level = positions - self.positions[spans, 0]
        return F.cross_entropy(logits, level)


class RowsByLevel:
    """For each condition level, the training rows that hold it: real rows to match.

    Rows are stored per span, sorted by level, as one ``(n_spans, n_rows)`` table
    of row numbers; a level's rows are a contiguous run of its span's row.
    """

    def __init__(self, data: torch.Tensor, condition: ConditionDraw):
        n_rows = data.shape[0]
        levels = data.index_select(1, condition.columns)  # one-hots
        order, counts = [], []
        for s in range(condition.n_spans):
            cols = condition.positions[s][condition.positions[s] >= 0]
            code = levels[:, cols].argmax(1)
            order.append(torch.argsort(code, stable=True))
            # Integer counts: a float32 sum is inexact past 2**24 rows.
            counts.append(torch.bincount(code, minlength=len(cols)))
        index_dtype = torch.int32 if n_rows < 2**31 else torch.long
        self.rows = torch.stack(order).to(index_dtype)
        counts = torch.cat(counts)
        # Start of each level's run: cumulative counts of the earlier levels of its
        # span.
        starts = torch.cumsum(counts, 0) - counts
        first = condition.positions[:, 0]
        self.starts = starts - starts[first][condition.span_of]
        self.counts = counts
        self.span_of = condition.span_of

    def draw(self, positions: torch.Tensor, generator: torch.Generator | None):
        """One random training row for each condition position."""
        u = torch.rand(positions.shape, generator=generator, device=positions.device)
        counts = self.counts[positions]
        offset = (u * counts).long().clamp_max(counts - 1)
        return self.rows[
            self.span_of[positions], self.starts[positions] + offset
        ].long()
