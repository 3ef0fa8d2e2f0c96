import math

import pytest
import torch

from skgan import _losses
from skgan._networks import Discriminator, Generator, OutputHeads

SPANS = [
    (0, 1, "identity"),
    (1, 4, "softmax"),
    (4, 5, "identity"),
    (5, 8, "softmax"),
    (8, 10, "softmax"),
]


def test_heads_put_columns_back_in_encoder_order():
    heads = OutputHeads(SPANS)
    raw = torch.randn(6, 10, generator=torch.Generator().manual_seed(0))
    out = heads(raw, tau=1.0, generator=torch.Generator().manual_seed(1))
    assert torch.equal(out[:, 0], raw[:, 0])
    assert torch.equal(out[:, 4], raw[:, 4])
    for start, stop in [(1, 4), (5, 8), (8, 10)]:
        torch.testing.assert_close(out[:, start:stop].sum(1), torch.ones(6))


def test_relaxed_heads_are_a_softmax_per_block(monkeypatch):
    import skgan._networks as networks

    # Without the Gumbel noise the relaxed heads are a plain softmax of logits/tau.
    monkeypatch.setattr(
        networks,
        "gumbel_noise",
        lambda shape, generator, like, **kwargs: like.new_zeros(shape),
    )
    heads = OutputHeads(SPANS)
    raw = torch.randn(6, 10, generator=torch.Generator().manual_seed(0)) * 50
    raw.requires_grad_(True)
    out = heads(raw, tau=0.2)
    for start, stop in [(1, 4), (5, 8), (8, 10)]:
        expected = torch.softmax(raw[:, start:stop] / 0.2, dim=-1)
        torch.testing.assert_close(out[:, start:stop], expected)
    # Extreme logits stay finite, and so do their gradients.
    out.sum().backward()
    assert torch.isfinite(out).all() and torch.isfinite(raw.grad).all()


def test_chained_heads_have_the_softmax_gradient(monkeypatch):
    import skgan._networks as networks

    # With zero pairing biases and no noise, the chained heads' values and their
    # straight-through gradients are those of a softmax per block.
    monkeypatch.setattr(
        networks,
        "gumbel_noise",
        lambda shape, generator, like, **kwargs: like.new_zeros(shape),
    )
    heads = OutputHeads(SPANS, autoregressive=True)
    assert heads.chain is not None
    raw = torch.randn(6, 10, generator=torch.Generator().manual_seed(0)) * 2
    raw.requires_grad_(True)
    weights = torch.randn(10, generator=torch.Generator().manual_seed(1))
    out = heads(raw, tau=0.5)
    (grad,) = torch.autograd.grad((out * weights).sum(), raw)

    expected = raw.detach().clone().requires_grad_(True)
    parts = [expected[:, :1], torch.softmax(expected[:, 1:4] / 0.5, -1)]
    parts += [expected[:, 4:5], torch.softmax(expected[:, 5:8] / 0.5, -1)]
    parts += [torch.softmax(expected[:, 8:10] / 0.5, -1)]
    reference = torch.cat(parts, dim=1)
    (expected_grad,) = torch.autograd.grad((reference * weights).sum(), expected)
    torch.testing.assert_close(out, reference)
    torch.testing.assert_close(grad, expected_grad)


def test_hard_heads_are_one_hot_draws_from_the_softmax():
    heads = OutputHeads([(0, 3, "softmax")])
    logits = torch.log(torch.tensor([[0.7, 0.2, 0.1]])).repeat(20_000, 1)
    out = heads(logits, hard=True, generator=torch.Generator().manual_seed(0))
    assert set(out.sum(1).tolist()) == {1.0}
    torch.testing.assert_close(
        out.mean(0), torch.tensor([0.7, 0.2, 0.1]), atol=0.01, rtol=0
    )


@pytest.mark.parametrize("coarse", [False, True])
def test_gumbel_noise_has_the_gumbel_distribution(coarse):
    from scipy import stats

    from skgan._networks import gumbel_noise

    like = torch.zeros(())
    noise = gumbel_noise(
        (200_000,), torch.Generator().manual_seed(0), like, coarse=coarse
    )
    assert noise.dtype == torch.float32 and torch.isfinite(noise).all()
    # Mean: Euler's constant; variance: pi^2 / 6 (standard errors 0.003 and 0.01).
    assert abs(noise.mean().item() - 0.5772) < 0.015
    assert abs(noise.var().item() - math.pi**2 / 6) < 0.05
    assert stats.kstest(noise.numpy(), "gumbel_r").pvalue > 0.01
    if coarse:
        # u on the midpoints of a 1/65536 grid: the noise's range is bounded.
        assert -2.48 < noise.min().item() and noise.max().item() < 11.8
    again = gumbel_noise(
        (200_000,), torch.Generator().manual_seed(0), like, coarse=coarse
    )
    assert torch.equal(noise, again)


@pytest.mark.parametrize("training", [True, False])
def test_exact_draws_match_the_softmax_in_training_and_sampling(training):
    from scipy import stats

    # Training draws from coarse Gumbel noise, sampling from torch.rand's.
    heads = OutputHeads([(0, 4, "softmax")]).train(training)
    probs = torch.tensor([0.55, 0.3, 0.1, 0.05])
    logits = torch.log(probs).repeat(200_000, 1)
    out = heads(logits, hard=True, generator=torch.Generator().manual_seed(3))
    counts = out.sum(0).double().numpy()
    # A bias of 0.005 in any share would give p < 1e-4 at this many draws.
    expected = probs.double().numpy() / probs.double().sum().item() * len(out)
    assert stats.chisquare(counts, expected).pvalue > 0.001


def test_chained_relaxed_draws_stay_finite_with_far_apart_logits():
    # Logits 1,000 apart: exp of the shifted scores would underflow float32.
    heads = OutputHeads([(0, 3, "softmax"), (3, 6, "softmax")], autoregressive=True)
    with torch.no_grad():
        heads.chain.fill_(1.0)
    raw = torch.tensor([[0.0, -200.0, -1000.0, 5.0, -300.0, 0.0]]).repeat(8, 1)
    raw.requires_grad_(True)
    out = heads(raw, tau=0.2, generator=torch.Generator().manual_seed(0))
    out.sum().backward()
    assert torch.isfinite(out).all() and torch.isfinite(raw.grad).all()
    torch.testing.assert_close(out.sum(1), torch.full((8,), 2.0))


def test_networks_do_not_touch_global_rng():
    before = torch.random.get_rng_state().clone()
    G = Generator(4, SPANS, (8,), seed=0)
    D = Discriminator(10, (8,), dropout=0.5, pac=2, spectral_norm=True, seed=0)
    D(G(torch.zeros(4, 4), generator=torch.Generator()), generator=torch.Generator())
    assert torch.equal(before, torch.random.get_rng_state())


def test_same_seed_same_weights():
    a, b = Generator(4, SPANS, (8,), seed=3), Generator(4, SPANS, (8,), seed=3)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q)


def test_packing_scores_groups_of_rows():
    D = Discriminator(3, (8,), pac=4, seed=0)
    assert D(torch.zeros(12, 3)).shape == (3,)


def test_losses_match_the_value_function():
    real, fake = torch.tensor([2.0, -1.0]), torch.tensor([0.5, -3.0])
    d = torch.sigmoid
    v = torch.log(d(real)).mean() + torch.log(1 - d(fake)).mean()
    torch.testing.assert_close(_losses.value_function(real, fake), v)
    torch.testing.assert_close(_losses.discriminator_loss("minimax", real, fake), -v)
    torch.testing.assert_close(
        _losses.generator_loss("minimax", fake), torch.log(1 - d(fake)).mean()
    )
    torch.testing.assert_close(
        _losses.generator_loss("non-saturating", fake), -torch.log(d(fake)).mean()
    )
    # At D = 1/2 everywhere, V = -log 4: the optimum of the paper's Theorem 1.
    zero = torch.zeros(5)
    assert math.isclose(
        _losses.value_function(zero, zero).item(), -math.log(4), rel_tol=1e-6
    )


def test_losses_are_finite_on_saturated_logits():
    big = torch.tensor([1e4, -1e4])
    for kind in _losses.LOSSES:
        assert torch.isfinite(_losses.discriminator_loss(kind, big, -big))
        assert torch.isfinite(_losses.generator_loss(kind, big))


def test_gradient_penalty_is_zero_for_unit_slope_critic():
    def critic(x):
        return x[:, 0]

    real, fake = torch.randn(8, 2), torch.randn(8, 2)
    pen = _losses.gradient_penalty(critic, real, fake, torch.Generator().manual_seed(0))
    assert pen.item() == pytest.approx(0.0, abs=1e-10)


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("condition_spans", [(), [(1, 4)]])
def test_fused_logits_match_eval_mode(condition_spans, residual):
    G = Generator(
        4,
        SPANS,
        (16, 16, 8),
        seed=0,
        condition_spans=condition_spans,
        residual=residual,
    )
    rng = torch.Generator().manual_seed(2)
    condition = None
    if condition_spans:
        G.condition.level_counts.copy_(torch.tensor([5.0, 1.0, 2.0]))
        condition = G.draw_condition(64, rng, log_frequency=False)
    G.train()
    for _ in range(3):  # give BatchNorm non-trivial running statistics
        G(torch.randn(64, 4, generator=rng) * 3 + 1, condition, generator=rng)
    G.eval()
    z = torch.randn(64, 4, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        expected = G.logits(z, condition)
        fused = G.fused_logits()(z, condition)
    torch.testing.assert_close(fused, expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("p", [0.1, 0.25, 0.5])
def test_dropout_masks_keep_the_rate_and_the_mean(p):
    from skgan._networks import _dropout

    h = torch.ones(400, 250)
    out = _dropout(h, p, torch.Generator().manual_seed(0))
    kept = (out != 0).float()
    # 100,000 Bernoulli draws: the share's standard error is at most 0.0016.
    assert abs(kept.mean().item() - (1 - p)) < 0.006
    assert abs(out.mean().item() - 1.0) < 0.01
    # Every unit (column) and every row is dropped at about the same rate.
    assert (kept.mean(0) - (1 - p)).abs().max() < 0.15
    again = _dropout(h, p, torch.Generator().manual_seed(0))
    assert torch.equal(out, again)


def test_dropout_gradient_is_the_mask():
    from skgan._networks import _dropout

    h = torch.randn(50, 40, requires_grad=True)
    out = _dropout(h, 0.25, torch.Generator().manual_seed(0))
    out.sum().backward()
    # Kept units pass their gradient scaled by 1 / (1 - p), dropped ones none.
    expected = (out != 0).float() / 0.75
    torch.testing.assert_close(h.grad, expected)
    torch.testing.assert_close(out, h.detach() * expected)


def test_dropout_keeps_shape_dtype_and_odd_sizes():
    from skgan._networks import _dropout

    h = torch.ones(3, 7, dtype=torch.bfloat16)
    out = _dropout(h, 0.3, torch.Generator().manual_seed(1))
    assert out.shape == h.shape and out.dtype == torch.bfloat16
    # A rate just below 1 keeps almost nothing but does not fail.
    out = _dropout(torch.ones(64, 64), 0.99999999, torch.Generator().manual_seed(0))
    assert torch.isfinite(out).all() and (out != 0).float().mean() < 0.001


@pytest.mark.parametrize("residual", [False, True])
def test_residual_layers_add_their_input_where_widths_match(residual):
    G = Generator(4, SPANS, (8, 8), seed=0, residual=residual).eval()
    z = torch.randn(32, 4, generator=torch.Generator().manual_seed(1))
    linear1, norm1, act1, linear2, norm2, act2 = G.body
    h = act1(norm1(linear1(z)))  # 4 -> 8: no residual possible
    h2 = act2(norm2(linear2(h)))
    expected = G.out(h + h2 if residual else h2)
    with torch.no_grad():
        torch.testing.assert_close(G.logits(z), expected)
