"""The adversarial value functions, each a small function of discriminator logits.

All GAN losses work on logits through ``softplus`` so that ``log D`` and
``log(1 - D)`` never see a saturated sigmoid: ``log sigmoid(a) = -softplus(-a)`` and
``log(1 - sigmoid(a)) = -softplus(a)``.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

#: Losses and the paper each comes from (shown in the docs).
LOSSES = {
    "minimax": "Goodfellow et al. (2014), the value function V(D, G) itself",
    "non-saturating": "Goodfellow et al. (2014), G maximises log D(G(z))",
    "wasserstein-gp": "Gulrajani et al. (2017), critic with gradient penalty",
    "hinge": "Lim & Ye (2017); Miyato et al. (2018)",
}

LOG4 = math.log(4.0)


def value_function(
    real_logits: torch.Tensor, fake_logits: torch.Tensor
) -> torch.Tensor:
    """V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))] estimated on one minibatch."""
    return -F.softplus(-real_logits).mean() - F.softplus(fake_logits).mean()


def discriminator_loss(
    kind: str, real_logits: torch.Tensor, fake_logits: torch.Tensor
) -> torch.Tensor:
    """The quantity D (or the critic) minimises."""
    if kind in ("minimax", "non-saturating"):
        # D ascends V: minimise -V.
        return -value_function(real_logits, fake_logits)
    if kind == "hinge":
        return F.relu(1.0 - real_logits).mean() + F.relu(1.0 + fake_logits).mean()
    if kind == "wasserstein-gp":
        return fake_logits.mean() - real_logits.mean()
    raise ValueError(f"Unknown loss {kind!r}.")


def generator_loss(kind: str, fake_logits: torch.Tensor) -> torch.Tensor:
    """The quantity G minimises."""
    if kind == "minimax":
        # descend E[log(1 - D(G(z)))]
        return -F.softplus(fake_logits).mean()
    if kind == "non-saturating":
        # ascend E[log D(G(z))]
        return F.softplus(-fake_logits).mean()
    if kind in ("hinge", "wasserstein-gp"):
        return -fake_logits.mean()
    raise ValueError(f"Unknown loss {kind!r}.")


def gradient_penalty(
    critic,
    real: torch.Tensor,
    fake: torch.Tensor,
    generator: torch.Generator,
    pac: int = 1,
) -> torch.Tensor:
    """WGAN-GP's penalty: (||grad D(x_hat)|| - 1)^2 on random interpolates.

    ``real`` and ``fake`` are ``(m, d)`` row batches; with packing the gradient norm
    is taken over each packed critic input of ``pac`` rows.
    """
    alpha = torch.rand(
        (real.shape[0] // pac, 1, 1),
        device=real.device,
        dtype=real.dtype,
        generator=generator,
    )
    real_packs = real.view(-1, pac, real.shape[1])
    fake_packs = fake.view(-1, pac, fake.shape[1])
    mixed = alpha * real_packs + (1.0 - alpha) * fake_packs
    interpolates = mixed.view_as(real).requires_grad_(True)
    scores = critic(interpolates)
    (grads,) = torch.autograd.grad(scores.sum(), interpolates, create_graph=True)
    norms = grads.reshape(real.shape[0] // pac, -1).norm(2, dim=1)
    return ((norms - 1.0) ** 2).mean()
