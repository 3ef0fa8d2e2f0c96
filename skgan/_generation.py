"""Drawing rows from a trained generator, chunk by chunk.

Chunks bound the memory of ``sample``: only one chunk of encoded rows exists on the
device and on the host at a time, however many rows are asked for.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import torch

from ._networks import Generator, draw_noise

#: Rows generated per chunk when the caller does not say.
DEFAULT_CHUNK_SIZE = 65_536


def generate_encoded(
    generator: Generator,
    n_samples: int,
    *,
    prior: str,
    seed: int,
    device: torch.device,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[np.ndarray]:
    """Yield float32 arrays of encoded rows, ``chunk_size`` at a time.

    Categorical blocks are exact one-hot draws (Gumbel-max on the generator's
    logits), so each row decodes to exactly one category per column.
    """
    rng = torch.Generator(device=device).manual_seed(seed)
    was_training = generator.training
    generator.eval()
    try:
        body = generator.fused_body()
        with torch.inference_mode():
            for start in range(0, n_samples, chunk_size):
                n = min(chunk_size, n_samples - start)
                z = draw_noise(prior, n, generator.noise_dim, rng, device)
                raw = generator.out(body(z))
                rows = generator.heads(raw, hard=True, generator=rng)
                yield rows.to("cpu", torch.float32).numpy()
    finally:
        generator.train(was_training)
