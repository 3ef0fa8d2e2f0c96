"""Seconds per epoch of GANSampler's skorch engine beside a bare PyTorch loop.

Both train the same networks (skgan's Generator and Discriminator at GANSampler's
defaults) at the same batch size on the same 50,000 x 20 numeric table, in one run,
alternating repeats so that drift of the machine hits both alike. The bare loop is
what a careful hand-written training script would be: one tensor on the device,
batches drawn by index, two Adam optimizers, no logging.

    python benchmarks/engine_overhead.py [--rows 50000] [--cols 20] [--repeats 3]

Writes benchmarks/out/engine_overhead.csv and prints a markdown table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from skgan import GANSampler
from skgan._losses import discriminator_loss, generator_loss
from skgan._networks import Discriminator, Generator


def bare_loop(
    data: torch.Tensor, n_iter: int, batch_size: int, gan: GANSampler
) -> None:
    """Algorithm 1 by hand with the networks GANSampler would build."""
    spans = [(s.start, s.stop, s.activation) for s in gan.encoder_.spans_]
    G = Generator(
        gan.noise_dim_,
        spans,
        gan.generator_hidden_layer_sizes,
        seed=0,
        residual=gan.generator_residual,
    )
    D = Discriminator(data.shape[1], gan.discriminator_hidden_layer_sizes, seed=1)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.9))
    rng = torch.Generator().manual_seed(0)

    def generate():
        return G(torch.randn(batch_size, gan.noise_dim_, generator=rng), generator=rng)

    for _ in range(n_iter):
        real = data[torch.randint(len(data), (batch_size,), generator=rng)]
        # As in GANSampler: G's step reuses the rows generated for D's step (and
        # their graph) unless reuse_generated_batch is False.
        with torch.set_grad_enabled(gan.reuse_generated_batch):
            fake = generate()
        logits = D(torch.cat([real, fake.detach()]))
        d_loss = discriminator_loss("non-saturating", *logits.chunk(2))
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        if not gan.reuse_generated_batch:
            fake = generate()
        g_loss = generator_loss("non-saturating", D(fake))
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--cols", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    X = np.random.default_rng(0).normal(size=(args.rows, args.cols))
    batch_size = 500
    iterations_per_epoch = int(np.ceil(args.rows / batch_size))
    n_iter = args.epochs * iterations_per_epoch
    params = dict(batch_size=batch_size, max_iter=n_iter, random_state=0)
    encoder_gan = GANSampler(**{**params, "max_iter": 1}).fit(X[:1000])
    data = torch.as_tensor(encoder_gan.encoder_.transform(X))

    rows = []
    for repeat in range(args.repeats):
        start = time.perf_counter()
        bare_loop(data, n_iter, batch_size, encoder_gan)
        bare = (time.perf_counter() - start) / args.epochs
        start = time.perf_counter()
        gan = GANSampler(**params).fit(X)
        total = (time.perf_counter() - start) / args.epochs
        # Training alone, from skorch's own per-epoch timer (no encoder fit).
        engine = statistics.median(gan.history_[:, "dur"])
        rows.append(
            dict(
                repeat=repeat,
                bare_s_per_epoch=bare,
                skgan_s_per_epoch=engine,
                skgan_fit_s_per_epoch=total,
            )
        )
    table = pd.DataFrame(rows)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    table.to_csv(out / "engine_overhead.csv", index=False)
    med = table.median()
    print(
        f"{args.rows:,} x {args.cols}, batch {batch_size}, "
        f"{iterations_per_epoch} iterations/epoch, torch threads "
        f"{torch.get_num_threads()}, medians of {args.repeats} repeats"
    )
    print("| loop | s/epoch | steps/s | ratio to bare (steps/s) |")
    print("|---|---|---|---|")
    for name, key in [
        ("bare PyTorch", "bare_s_per_epoch"),
        ("skgan engine (history dur)", "skgan_s_per_epoch"),
        ("skgan fit incl. encoder", "skgan_fit_s_per_epoch"),
    ]:
        print(
            f"| {name} | {med[key]:.3f} | {iterations_per_epoch / med[key]:.1f} | "
            f"{med['bare_s_per_epoch'] / med[key]:.2f} |"
        )


if __name__ == "__main__":
    main()
