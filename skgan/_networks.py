"""The two players: pure ``nn.Module``s, nothing but torch.

The generator ends in one output head per span of the encoded table (see
``_encoding.OutputSpan``): continuous values pass through unchanged and every
categorical block becomes a (Gumbel-)softmax, applied to all blocks of the same width
at once so that no Python loop runs over columns.

All random draws (initial weights, dropout masks, Gumbel noise) take an explicit
``torch.Generator`` so that a fit never reads or advances torch's global RNG.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import nn

from ._conditioning import ConditionDraw

ACTIVATIONS = {
    "relu": nn.ReLU,
    "leaky_relu": lambda: nn.LeakyReLU(0.2),
    "elu": nn.ELU,
    "gelu": nn.GELU,
    "silu": nn.SiLU,
    "tanh": nn.Tanh,
}


def _linear(in_features: int, out_features: int) -> nn.Linear:
    # nn.Linear's constructor initialises from the global RNG; skip that and let
    # init_linear draw from the fit's own generator instead.
    return nn.utils.skip_init(nn.Linear, in_features, out_features)


def init_linear(layer: nn.Linear, generator: torch.Generator) -> None:
    """torch's default ``nn.Linear`` initialisation, drawn from ``generator``."""
    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
    if layer.bias is not None:
        bound = 1.0 / math.sqrt(layer.in_features) if layer.in_features else 0.0
        nn.init.uniform_(layer.bias, -bound, bound, generator=generator)


def _random_int16(
    n: int, generator: torch.Generator | None, device: torch.device
) -> torch.Tensor:
    """n uniform 16-bit integers, four from each 64-bit draw of ``generator``.

    torch's CPU generator spends one 32-bit draw on each value of ``torch.rand``
    (about 8 ns); four values per 64-bit draw cost about a quarter of that.
    """
    bits = torch.randint(
        -(2**63),
        2**63 - 1,
        ((n + 3) // 4,),
        generator=generator,
        device=device,
        dtype=torch.int64,
    )
    return bits.view(torch.int16)[:n]


def gumbel_noise(
    shape: torch.Size,
    generator: torch.Generator | None,
    like: torch.Tensor,
    *,
    coarse: bool = False,
) -> torch.Tensor:
    """Standard Gumbel noise, -log(-log(u)) for uniform u, of ``like``'s dtype.

    ``coarse`` draws u on a grid of 1/65536 (four 16-bit values from each 64-bit
    draw of ``generator``, about a third of ``torch.rand``'s cost, which is most of
    the noise's cost). The noise then lies in [-2.47, 11.8], a range a standard
    Gumbel leaves with probability 1.5e-5; training uses it, sampling does not.
    """
    if coarse:
        bits = _random_int16(math.prod(shape), generator, like.device)
        # Midpoints of the 65536 cells: never 0 or 1.
        u = bits.float().add_(32768.5).mul_(2**-16)
        return u.view(shape).log_().neg_().log_().neg_().to(like.dtype)
    u = torch.rand(shape, generator=generator, device=like.device, dtype=like.dtype)
    eps = torch.finfo(like.dtype).tiny
    # u in [0, 1): clamp both logs away from log(0).
    return u.clamp_min_(eps).log_().neg_().clamp_min_(eps).log_().neg_()


def draw_noise(
    prior: str,
    n: int,
    dim: int,
    generator: torch.Generator | None,
    device: torch.device | str,
) -> torch.Tensor:
    """``n`` vectors from the noise prior p_z: standard normal or uniform on [-1, 1]."""
    if prior == "uniform":
        return torch.rand((n, dim), generator=generator, device=device) * 2 - 1
    return torch.randn((n, dim), generator=generator, device=device)


class OutputHeads(nn.Module):
    """Apply each span's activation to the generator's raw output.

    ``'softmax'`` blocks are relaxed one-hot draws in training (Gumbel-softmax at
    temperature ``tau``) and exact draws (Gumbel-max) at sampling. ``'onehot'``
    blocks (the clusters of a continuous column) are exact one-hot draws in
    training too, with straight-through gradients, so that the discriminator
    cannot tell them from real rows by their softness and judges only which
    clusters occur together.

    With ``autoregressive=True`` the one-hot blocks are drawn one after another
    (in the grouped order below) and each block's logits get a learnt bias
    from the levels drawn before it (a table per pair of blocks). A generator
    that draws its blocks independently given the noise pairs levels wrongly
    wherever the noise sits near a border between two pairings; the biases can
    rule such pairings out. In training, the draws of earlier blocks enter the
    biases as given values (no gradient flows back through them), so that after
    one sequential pass without autograd the heads run as a single matrix
    product. The continuous outputs come last: each gets a learnt shift for every
    level drawn (a levels x continuous table), so that a value follows the
    levels actually drawn, not only the noise that made them likely.

    Parameters
    ----------
    spans : sequence of (start, stop, activation)
        ``activation`` is ``'identity'``, ``'softmax'`` or ``'onehot'``; spans tile
        the output.
    autoregressive : bool, default=False
        Draw the one-hot blocks in sequence, each given the ones before (not when
        they are wider than ``MAX_CHAIN_WIDTH`` in all), then the continuous
        outputs given all of them.
    level_shift : bool or None, default=None
        Whether the continuous outputs get their per-level shifts; None means
        ``autoregressive``. False rebuilds heads saved before the shifts existed.
    value_masks : sequence of (level column, value column), default=()
        Output columns: where the level is drawn, the value is 0 (a spike's or a
        missing value's rows, which the encoder writes as 0). The discriminator
        then cannot tell rows apart by a value that decoding ignores, and the
        generator need not learn to produce zeros there. Derived from the spans,
        so not saved with the weights.
    """

    #: The pairing biases are stored divided by this factor: Adam moves a weight
    #: by about its learning rate per step, and ruling a pairing out takes biases
    #: of about -5 within a thousand steps.
    CHAIN_SCALE = 10.0
    #: Widest one-hot output with pairing biases: the table is width x width
    #: (1024: 4 MiB, about 0.5 GFLOP per generator step at batch 500); wider
    #: outputs (many columns of many levels) keep independent heads.
    MAX_CHAIN_WIDTH = 1024
    #: Rows drawn at a time: every run of blocks updates the biased scores of all
    #: later columns, and on census a chunk of 1,024 rows stays in cache (16,384
    #: rows at once took 632 ms, in chunks 236 ms, before the draws ran in runs).
    DRAW_ROWS = 1024
    #: Columns of blocks drawn as one run (see ``_draw_in_order``). Of 1 (a run
    #: per block), 8, 16, 32, 64 and one run of all blocks, 16 and 32 drew 500
    #: rows fastest on ames, census and loans (ames: 3.6 ms; 4.8 ms a run per block).
    DRAW_RUN_WIDTH = 16

    def __init__(
        self,
        spans: Sequence[tuple[int, int, str]],
        autoregressive: bool = False,
        level_shift: bool | None = None,
        value_masks: Sequence[tuple[int, int]] = (),
    ):
        super().__init__()
        width = max(stop for _, stop, _ in spans) if spans else 0
        identity: list[int] = []
        groups: dict[tuple[int, bool], list[list[int]]] = {}
        for start, stop, act in spans:
            if act == "identity":
                identity.extend(range(start, stop))
            elif act in ("softmax", "onehot"):
                key = (stop - start, act == "onehot")
                groups.setdefault(key, []).append(list(range(start, stop)))
            else:
                raise ValueError(f"Unknown output activation {act!r}.")
        # Blocks are handled grouped by (width, exact): one (batch, blocks, width)
        # view per group. This grouped order is also the order of the draws.
        self.groups = tuple(sorted(groups))
        self.register_buffer("identity_index", torch.tensor(identity, dtype=torch.long))
        order = list(identity)
        block_sizes: list[int] = []
        for w, exact in self.groups:
            index = torch.tensor(groups[(w, exact)], dtype=torch.long)
            # Old files name the buffers by width alone (no 'onehot' blocks).
            name = f"onehot_index_{w}" if exact else f"softmax_index_{w}"
            self.register_buffer(name, index)
            order.extend(index.flatten().tolist())
            block_sizes += [w] * index.shape[0]
        self.block_sizes = tuple(block_sizes)
        self.block_exact = tuple(
            exact for w, exact in self.groups for _ in groups[(w, exact)]
        )
        inverse = torch.empty(width, dtype=torch.long)
        inverse[torch.tensor(order, dtype=torch.long)] = torch.arange(width)
        self.register_buffer("inverse_order", inverse)
        # Derived from the spans, so not saved with the weights.
        self.register_buffer(
            "softmax_columns",
            torch.tensor(order[len(identity) :], dtype=torch.long),
            persistent=False,
        )
        self.chain = None
        n = sum(block_sizes)
        if autoregressive and len(block_sizes) > 1 and n <= self.MAX_CHAIN_WIDTH:
            block_of = torch.repeat_interleave(
                torch.arange(len(block_sizes)),
                torch.tensor(block_sizes, dtype=torch.long),
            )
            # Zero at first: the blocks start out drawn independently.
            self.chain = nn.Parameter(torch.zeros(n, n))
            earlier = (block_of[:, None] < block_of[None, :]).float()
            self.register_buffer("chain_mask", earlier, persistent=False)
            indicator = F.one_hot(block_of, len(block_sizes)).float()
            self.register_buffer("block_indicator", indicator, persistent=False)
        if level_shift is None:
            level_shift = autoregressive
        self.level_shift = None
        if level_shift and n and identity:
            # Zero at first and, unlike the pairing biases, not scaled up: Adam
            # moves each shift by about the learning rate per step, and a rare
            # level's shift, with a noisy gradient, wanders as far as a common
            # one's (at 10x, gss_wages got 2.8x the data's share of top-0.1 %
            # incomes, and ML efficacy fell from 0.25 to 0.18 on one seed).
            self.level_shift = nn.Parameter(torch.zeros(n, len(identity)))
        mask = None
        if value_masks:
            level_pos = {c: i for i, c in enumerate(order[len(identity) :])}
            value_pos = {c: i for i, c in enumerate(identity)}
            mask = torch.zeros(n, len(identity))
            for level, value in value_masks:
                mask[level_pos[level], value_pos[value]] = 1.0
        self.register_buffer("value_mask", mask, persistent=False)

    def forward(
        self,
        raw: torch.Tensor,
        *,
        tau: float = 0.2,
        hard: bool = False,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        # Gathers and scatters of float32 columns run about five times faster than
        # of bfloat16 ones; under autocast D casts its input itself.
        raw = raw.float()
        values = raw.index_select(1, self.identity_index)
        if not self.groups:
            return values.index_select(1, self.inverse_order)
        levels = self._categorical(raw, tau, hard, generator)
        # getattr: heads pickled before the masks existed have no attribute.
        mask = getattr(self, "value_mask", None)
        # The levels enter as given values, as in the pairing biases; float32
        # even under autocast, since the values are the table's numbers.
        with torch.autocast(raw.device.type, enabled=False):
            if self.level_shift is not None:
                values = torch.addmm(values, levels.detach(), self.level_shift)
            if mask is not None:
                # A row can draw both a spike and "missing": clamp, not 1 - 2.
                values = values * (1.0 - levels.detach() @ mask).clamp_min(0.0)
        return torch.cat([values, levels], dim=1).index_select(1, self.inverse_order)

    def _categorical(
        self,
        raw: torch.Tensor,
        tau: float,
        hard: bool,
        generator: torch.Generator | None,
    ) -> torch.Tensor:
        """One-hot draws (relaxed unless ``hard`` or the block is exact) of every
        categorical block.

        All categorical columns are gathered once and each group's blocks are
        handled as one (batch, blocks, width) view: on wide tables per-block
        gathers, noise draws and torch's softmax (slow for short rows) cost a
        quarter of each training step (ames: 40 categorical columns, 12 widths).
        """
        logits = raw.index_select(1, self.softmax_columns)
        noise = gumbel_noise(logits.shape, generator, logits, coarse=self.training)
        scores = logits + noise
        if self.chain is None:
            straight_through = torch.is_grad_enabled() and raw.requires_grad
            return self._per_group(scores, tau, hard, straight_through)
        pairing = self.chain * self.chain_mask * self.CHAIN_SCALE
        tracked = scores.requires_grad or pairing.requires_grad
        if not (torch.is_grad_enabled() and tracked):
            drawn, _ = self._draw_in_order(scores, pairing, tau, hard)
            return drawn
        # The values are the sequential draws; the gradients are those of the
        # relaxed softmax of the scores plus the biases of the draws before
        # (straight-through for exact draws, the identity for relaxed ones).
        return _ChainedDraw.apply(scores, pairing, self, tau, hard)

    def _group_columns(self):
        """``(w, exact, columns)`` per group of ``w``-wide blocks, ``columns`` the
        group's slice of the grouped categorical columns."""
        lo = 0
        for w, exact in self.groups:
            index = getattr(self, f"{'onehot' if exact else 'softmax'}_index_{w}")
            yield w, exact, slice(lo, lo + index.numel())
            lo += index.numel()

    def _per_group(
        self,
        scores: torch.Tensor,
        tau: float,
        hard: bool,
        straight_through: bool,
        *,
        relax_exact: bool = False,
    ) -> torch.Tensor:
        """Draws per group of blocks; exact blocks are drawn hard unless
        ``relax_exact``."""
        blocks = []
        for w, exact, columns in self._group_columns():
            view = scores[:, columns].unflatten(1, (-1, w))
            exact_draw = hard or (exact and not relax_exact)
            draw = _draw(view, tau, exact_draw, straight_through)
            blocks.append(draw.flatten(1))
        return torch.cat(blocks, dim=1)

    @torch.no_grad()
    def _draw_in_order(
        self,
        scores: torch.Tensor,
        pairing: torch.Tensor,
        tau: float,
        hard: bool,
        *,
        relaxed: bool = False,
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """The blocks drawn one by one, each with the biases of the draws before
        (float32 even under autocast, as in sampling).

        Returns the draws and, with ``relaxed``, softmax((scores + drawn @
        pairing) / tau) per block (the relaxed blocks' draws themselves), else
        None. The work runs on the transpose, in units of ``tau``: a block is
        then a contiguous slab whose softmax over dim 0 is one torch kernel (over
        the last dimension of a (rows, w) slice it took five ops). Blocks are
        drawn in runs of at least ``DRAW_RUN_WIDTH`` columns: each draw adds its
        biases to the later columns of its run, and a run's draws add theirs to
        all later columns in one product (a rank-w product per block over all
        later columns ran at a fifth of the machine's matrix speed). The heads'
        forward and backward pass on 500 rows of ames took 10.0 ms before, 6.9 ms
        now; a single wide block is slower as a slab (gss_wages' 201 levels:
        3.1 -> 3.6 ms).
        """
        with torch.autocast(scores.device.type, enabled=False):
            pairing_t = pairing.float().t().mul(1.0 / tau).contiguous()
            drawn = torch.empty_like(scores, dtype=torch.float32)
            soft = None
            if relaxed and (hard or any(self.block_exact)):
                soft = torch.empty_like(drawn)
            runs = self._draw_runs()
            # Row chunks that stay in cache: each run updates all later columns.
            for start in range(0, len(scores), self.DRAW_ROWS):
                rows = slice(start, start + self.DRAW_ROWS)
                n_rows = min(self.DRAW_ROWS, len(scores) - start)
                chunk = torch.empty(
                    scores.shape[1], n_rows, dtype=torch.float32, device=scores.device
                )
                torch.mul(scores[rows].t(), 1.0 / tau, out=chunk)
                drawn_t, soft_t = self._draw_rows(
                    chunk, pairing_t, runs, hard, soft is not None
                )
                drawn[rows] = drawn_t.t()
                if soft is not None:
                    soft[rows] = soft_t.t()
        if relaxed and soft is None:
            soft = drawn
        return drawn, soft

    def _draw_runs(self) -> list[tuple[int, int, list[tuple[int, int, bool]]]]:
        """The blocks in draw order as runs ``(start, stop, blocks)`` of
        consecutive blocks at least ``DRAW_RUN_WIDTH`` columns wide (the last run
        may be narrower), each block ``(start, stop, exact)``."""
        runs: list[tuple[int, int, list[tuple[int, int, bool]]]] = []
        blocks: list[tuple[int, int, bool]] = []
        lo = 0
        for w, exact in zip(self.block_sizes, self.block_exact, strict=True):
            blocks.append((lo, lo + w, exact))
            lo += w
            if lo - blocks[0][0] >= self.DRAW_RUN_WIDTH:
                runs.append((blocks[0][0], lo, blocks))
                blocks = []
        if blocks:
            runs.append((blocks[0][0], lo, blocks))
        return runs

    @staticmethod
    def _draw_rows(
        chunk: torch.Tensor,
        pairing_t: torch.Tensor,
        runs: list[tuple[int, int, list[tuple[int, int, bool]]]],
        hard: bool,
        relaxed: bool,
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """``_draw_in_order`` on one chunk of rows, transposed and over tau:
        ``chunk`` holds their scores and ends up biased. Returns their draws and,
        with ``relaxed``, the softmax of every block, both transposed."""
        n = chunk.shape[0]
        drawn = torch.zeros_like(chunk)
        # The softmax of the exact blocks; the relaxed blocks' is their draw.
        exact_soft = []
        for run_lo, run_hi, blocks in runs:
            for lo, hi, exact in blocks:
                block = chunk[lo:hi]
                if hard or exact:
                    # argmax over dim 0 took ten times as long (CPU).
                    top = torch.max(block, 0, keepdim=True).indices
                    drawn[lo:hi].scatter_(0, top, 1.0)
                    if relaxed:
                        exact_soft.append((lo, hi, torch.softmax(block, 0)))
                else:
                    drawn[lo:hi] = torch.softmax(block, 0)
                if hi < run_hi:
                    chunk[hi:run_hi].addmm_(pairing_t[hi:run_hi, lo:hi], drawn[lo:hi])
            if run_hi < n:
                chunk[run_hi:].addmm_(
                    pairing_t[run_hi:, run_lo:run_hi], drawn[run_lo:run_hi]
                )
        if not relaxed:
            return drawn, None
        soft = drawn.clone()
        for lo, hi, block_soft in exact_soft:
            soft[lo:hi] = block_soft
        return drawn, soft


#: exp() below this floor underflows float32 and takes torch's slow path (about
#: 70 times slower per element); a softmax loses nothing by clamping there.
_EXP_FLOOR = -87.0


class _ChainedDraw(torch.autograd.Function):
    """The chained heads' draws with the relaxed softmax's gradient, in one pass.

    Forward: the sequential draws of ``OutputHeads._draw_in_order``. Backward:
    the gradient of softmax((scores + drawn @ pairing) / tau) per block, with
    ``drawn`` a given value, to the scores and the pairing biases; the softmax
    values are the relaxed blocks' draws themselves, so no second forward pass
    through the product and a softmax is recorded (with one, the heads' forward
    and backward pass took 26.6 ms per training step on ames; now 13.9 ms).
    """

    @staticmethod
    def forward(ctx, scores, pairing, heads, tau, hard):
        # float32 in and out: the heads cast G's output to float32 first.
        drawn, soft = heads._draw_in_order(scores, pairing, tau, hard, relaxed=True)
        ctx.save_for_backward(drawn, soft)
        ctx.indicator = heads.block_indicator
        ctx.tau = tau
        return drawn

    @staticmethod
    def backward(ctx, grad):
        drawn, soft = ctx.saved_tensors
        indicator = ctx.indicator
        weighted = grad * soft
        # d softmax: soft * (grad - sum over the block of grad * soft) / tau.
        per_block = (weighted @ indicator) @ indicator.T
        grad_scores = (weighted - soft * per_block) / ctx.tau
        grad_pairing = None
        if ctx.needs_input_grad[1]:
            grad_pairing = drawn.T @ grad_scores
        return grad_scores, grad_pairing, None, None, None


def _draw(
    scores: torch.Tensor, tau: float, hard: bool, straight_through: bool
) -> torch.Tensor:
    """One-hot draws from Gumbel-perturbed logits, over the last dimension.

    Relaxed (softmax at temperature ``tau``) unless ``hard``; a hard draw is the
    argmax (Gumbel-max: an exact draw from softmax(logits)), and when gradients
    are tracked they flow through the relaxed softmax (straight-through).
    """
    if not hard or straight_through:
        relaxed = scores / tau
        # exp of scores minus their block's maximum stays in range.
        shifted = relaxed - relaxed.detach().amax(-1, keepdim=True)
        expd = shifted.clamp_min(_EXP_FLOOR).exp()
        soft = expd / expd.sum(-1, keepdim=True)
        if not hard:
            return soft
    block = F.one_hot(scores.argmax(-1), scores.shape[-1]).to(scores.dtype)
    if straight_through:
        block = block - soft.detach() + soft
    return block


def _condition_weight(
    width: int, first: nn.Linear, generator: torch.Generator
) -> nn.Parameter | None:
    """Per-level bias of a network's first layer: the weights a one-hot condition
    vector appended to the input would meet, stored as a table to index (a
    one-hot matrix product costs as much as a dense one). Initialised as
    ``init_linear`` would initialise those input columns.
    """
    if not width:
        return None
    bound = 1.0 / math.sqrt(first.in_features + width)
    weight = torch.empty(width, first.out_features)
    nn.init.uniform_(weight, -bound, bound, generator=generator)
    return nn.Parameter(weight)


def _hidden_layers(body: nn.Sequential) -> list[list[nn.Module]]:
    """The body's modules split into hidden layers, each starting at its Linear
    (Linear, BatchNorm, activation in training; Linear, activation once fused)."""
    layers: list[list[nn.Module]] = []
    for module in body:
        if isinstance(module, nn.Linear):
            layers.append([])
        layers[-1].append(module)
    return layers


def _run_body(body, out, condition_weight, z, condition, residual=False):
    """G's perceptron, ``out(body(z))``: with the condition's per-level bias added
    to the output of the first Linear when G is conditional and, with
    ``residual``, each hidden layer's input added to its output where the two are
    equally wide."""
    bias = None
    if condition_weight is not None:
        # index_select: its backward is an index_add, much cheaper than indexing's.
        bias = condition_weight.index_select(0, condition).to(z.dtype)
    if not len(body):
        return out(z) if bias is None else out(z) + bias
    h = z
    for linear, *rest in _hidden_layers(body):
        x = linear(h)
        if bias is not None:
            x, bias = x + bias, None
        for module in rest:
            x = module(x)
        h = h + x if residual and linear.in_features == linear.out_features else x
    return out(h)


class Generator(nn.Module):
    """G(z): an MLP from noise to an encoded row, with per-span output heads.

    Hidden layers are Linear -> BatchNorm -> activation; the noise enters at the
    bottom layer only, as in the paper. With ``residual``, a hidden layer whose
    output is as wide as its input adds its input to its output (He et al.,
    2016). ``autoregressive`` draws the one-hot blocks in sequence (see
    :class:`OutputHeads`).
    """

    #: Generators pickled before residual layers existed have no instance
    #: attribute and read this one.
    residual: bool = False

    def __init__(
        self,
        noise_dim: int,
        spans: Sequence[tuple[int, int, str]],
        hidden_layer_sizes: Sequence[int] = (256, 256),
        activation: str = "relu",
        seed: int = 0,
        condition_spans: Sequence[tuple[int, int]] = (),
        autoregressive: bool = False,
        level_shift: bool | None = None,
        value_masks: Sequence[tuple[int, int]] = (),
        residual: bool = False,
    ):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        self.noise_dim = noise_dim
        self.residual = residual
        self.condition = ConditionDraw(condition_spans) if condition_spans else None
        layers: list[nn.Module] = []
        width = noise_dim
        for size in hidden_layer_sizes:
            layers += [
                _linear(width, size),
                nn.BatchNorm1d(size),
                ACTIVATIONS[activation](),
            ]
            width = size
        self.body = nn.Sequential(*layers)
        self.output_dim = max(stop for _, stop, _ in spans)
        self.out = _linear(width, self.output_dim)
        self.heads = OutputHeads(spans, autoregressive, level_shift, value_masks)
        for layer in self.modules():
            if isinstance(layer, nn.Linear):
                init_linear(layer, generator)
        first = self.body[0] if len(self.body) else self.out
        self.condition_weight = _condition_weight(self.condition_dim, first, generator)

    @property
    def condition_dim(self) -> int:
        """Width of the condition vector (0 for an unconditional generator)."""
        return self.condition.width if self.condition is not None else 0

    def logits(self, z: torch.Tensor, condition: torch.Tensor | None = None):
        """G's raw output, before the heads (the logits of categorical blocks).

        ``condition`` holds condition-vector positions, one per row.
        """
        return _run_body(
            self.body, self.out, self.condition_weight, z, condition, self.residual
        )

    def forward(
        self,
        z: torch.Tensor,
        condition: torch.Tensor | None = None,
        *,
        tau: float = 0.2,
        hard: bool = False,
        generator: torch.Generator | None = None,
        return_logits: bool = False,
    ) -> torch.Tensor | tuple[torch.Tensor, torch.Tensor]:
        raw = self.logits(z, condition)
        rows = self.heads(raw, tau=tau, hard=hard, generator=generator)
        return (rows, raw) if return_logits else rows

    def draw_condition(
        self, n: int, generator: torch.Generator | None, *, log_frequency: bool
    ) -> torch.Tensor | None:
        """Condition positions for ``n`` rows (None if unconditional). Sampling
        draws levels by frequency, training by log-frequency.
        """
        if self.condition is None:
            return None
        return self.condition.draw(n, generator, log_frequency=log_frequency)

    @torch.no_grad()
    def fused_logits(self):
        """``logits`` for inference, each BatchNorm folded into its Linear.

        In eval mode BatchNorm is a fixed affine map, so it can be merged into the
        preceding layer's weights: the same outputs (up to rounding) with one matrix
        product and no normalisation pass per layer. Sampling uses this. Returns a
        function of ``(z, condition)``.
        """
        layers: list[nn.Module] = []
        modules = list(self.body)
        condition_weight = self.condition_weight
        for i, module in enumerate(modules):
            if isinstance(module, nn.BatchNorm1d):
                continue
            if isinstance(module, nn.Linear) and i + 1 < len(modules):
                following = modules[i + 1]
                if isinstance(following, nn.BatchNorm1d):
                    if i == 0 and condition_weight is not None:
                        # The per-level bias goes through the same affine map.
                        scale = following.weight / torch.sqrt(
                            following.running_var + following.eps
                        )
                        condition_weight = condition_weight * scale
                    module = nn.utils.fusion.fuse_linear_bn_eval(module, following)
            layers.append(module)
        return functools.partial(
            _run_body,
            nn.Sequential(*layers),
            self.out,
            condition_weight,
            residual=self.residual,
        )


class Discriminator(nn.Module):
    """D(x): an MLP returning one logit per (packed) input.

    With ``pac > 1`` it judges ``pac`` rows at once, concatenated (PacGAN, Lin et
    al. 2018), which penalises a generator that collapses onto few modes. Dropout masks
    come from the generator passed to ``forward``.
    """

    def __init__(
        self,
        input_dim: int,
        hidden_layer_sizes: Sequence[int] = (256, 256),
        activation: str = "leaky_relu",
        dropout: float = 0.0,
        pac: int = 1,
        spectral_norm: bool = False,
        seed: int = 0,
        condition_dim: int = 0,
    ):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        self.pac = pac
        self.condition_dim = condition_dim
        self.dropout = dropout
        self.linears = nn.ModuleList()
        self.activations = nn.ModuleList()
        width = input_dim * pac
        for size in hidden_layer_sizes:
            self.linears.append(_linear(width, size))
            self.activations.append(ACTIVATIONS[activation]())
            width = size
        self.linears.append(_linear(width, 1))
        for layer in self.linears:
            init_linear(layer, generator)
        # One table per packed row: pack member i's condition meets its own weights.
        self.condition_weight = _condition_weight(
            condition_dim * pac, self.linears[0], generator
        )
        if spectral_norm:
            self._apply_spectral_norm(generator)

    def _apply_spectral_norm(self, generator: torch.Generator | None) -> None:
        # torch's parametrisation draws its power-iteration vectors from the global
        # RNG; fork it so the caller's global state is left exactly as it was.
        seed = int(torch.randint(0, 2**31 - 1, (1,), generator=generator))
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            for i, layer in enumerate(self.linears):
                self.linears[i] = nn.utils.parametrizations.spectral_norm(layer)

    def forward(
        self,
        x: torch.Tensor,
        condition: torch.Tensor | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Logits for rows ``x``; ``condition`` holds each row's condition-vector
        position when D is conditional."""
        h = x.reshape(-1, x.shape[1] * self.pac)
        bias = None
        if self.condition_weight is not None:
            member = torch.arange(self.pac, device=x.device) * self.condition_dim
            index = (condition.reshape(-1, self.pac) + member).flatten()
            bias = self.condition_weight.index_select(0, index)
            bias = bias.view(-1, self.pac, bias.shape[1]).sum(1).to(h.dtype)
        for i, (linear, activation) in enumerate(
            zip(self.linears[:-1], self.activations, strict=True)
        ):
            h = linear(h)
            if i == 0 and bias is not None:
                h = h + bias
            h = activation(h)
            if self.training and self.dropout > 0:
                h = _dropout(h, self.dropout, generator)
        h = self.linears[-1](h)
        if bias is not None and len(self.linears) == 1:
            h = h + bias
        return h.squeeze(-1)


def _dropout(
    h: torch.Tensor, p: float, generator: torch.Generator | None
) -> torch.Tensor:
    """Dropout with masks from ``generator``.

    torch's CPU generator spends one 32-bit draw on each float of
    ``torch.rand`` (about 10 ns); here each 64-bit draw gives four 16-bit
    uniform integers, which cuts the mask's cost about fourfold. The rate is
    rounded to a multiple of 1/65536.
    """
    if generator is None:
        return F.dropout(h, p, training=True)
    dropped = min(round(p * 65536), 65535)
    bits = _random_int16(h.numel(), generator, h.device)
    keep = bits.view(h.shape) >= dropped - 32768
    # One float mask that holds the rescaling: a single product forward and one
    # backward (a boolean product and a division took twice as long in all). At
    # least float32: bfloat16 would round 1 / (1 - p) (4/3 to 1.336).
    mask = keep.to(torch.promote_types(h.dtype, torch.float32))
    mask.mul_(1.0 / (1.0 - dropped / 65536))
    return (h * mask).to(h.dtype)
