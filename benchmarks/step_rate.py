"""Training steps per second with CTGAN's own network sizes, against CTGAN.

The table: 26,000 rows and 15 columns of the KDD census (6 numeric, 9 categorical,
Adult-like). CTGAN (``ctgan`` package, defaults: batch 500, noise 128, generator two
256-wide residual layers, discriminator 256 x 256 with dropout 0.5 and pac 10) is
fitted for ``--short`` and ``--long`` epochs; the difference of the two fit times
over the extra steps is its seconds per step, without its data transformer.
skgan's ``GANSampler`` runs with the same sizes (``noise_dim=128``, G and D
256 x 256, ``discriminator_dropout=0.5``, ``pac=10``, ``batch_size=500``); its
seconds per step are the same difference of fit times. Each measurement repeats
``--repeats`` times, alternating; medians are reported.

What differs and is not matched: CTGAN's generator concatenates each residual
layer's input to its output (its last layer sees 640 inputs, skgan's 256) and both
of CTGAN's networks also take a conditional vector (the one-hot of one category);
skgan's generator has BatchNorm and ReLU like CTGAN's. So CTGAN does somewhat more
arithmetic per step; the bare-loop estimate in ``engine_overhead.py`` bounds what
skgan's own sizes allow.

    python benchmarks/step_rate.py [--repeats 3] [--torch-threads 2]

Prints a Markdown table and writes benchmarks/out/step_rate.csv.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.baselines import CTGANAdapter  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
COLUMNS = [
    "age",
    "class_of_worker",
    "education",
    "wage_per_hour",
    "marital_status",
    "major_occupation_code",
    "race",
    "sex",
    "capital_gains",
    "capital_losses",
    "dividends_from_stocks",
    "weeks_worked_in_year",
    "country_of_birth_self",
    "full_or_part_time_employment_stat",
    "income",
]
CTGAN_SIZES = dict(
    noise_dim=128,
    generator_hidden_layer_sizes=(256, 256),
    discriminator_hidden_layer_sizes=(256, 256),
    discriminator_dropout=0.5,
    pac=10,
    batch_size=500,
)


def census_table(n_rows: int = 26_000, seed: int = 0) -> pd.DataFrame:
    from skgan.datasets import load_benchmark_table

    frame = load_benchmark_table("census")[0][COLUMNS]
    order = np.random.default_rng(seed).permutation(len(frame))[:n_rows]
    return frame.iloc[order].reset_index(drop=True)


def timed(fit) -> float:
    start = time.perf_counter()
    fit()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=1, help="CTGAN epochs, short")
    parser.add_argument("--long", type=int, default=4, help="CTGAN epochs, long")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch

    from skgan import GANSampler

    torch.set_num_threads(args.torch_threads)
    X = census_table()
    steps_per_epoch = len(X) // 500
    extra_steps = (args.long - args.short) * steps_per_epoch
    short_iter = args.short * steps_per_epoch

    def ctgan(epochs):
        return lambda: CTGANAdapter(epochs=epochs, random_state=0).fit(X)

    def skgan(n_iter):
        return lambda: GANSampler(max_iter=n_iter, random_state=0, **CTGAN_SIZES).fit(X)

    rows = []
    for repeat in range(args.repeats):
        for model, short, long in (
            ("CTGAN", ctgan(args.short), ctgan(args.long)),
            ("skgan", skgan(short_iter), skgan(short_iter + extra_steps)),
        ):
            seconds = (timed(long) - timed(short)) / extra_steps
            rows.append({"model": model, "repeat": repeat, "s_per_step": seconds})
            print(f"# {rows[-1]}", flush=True)

    table = pd.DataFrame(rows)
    OUT.mkdir(exist_ok=True)
    table.to_csv(OUT / "step_rate.csv", index=False)
    medians = {
        model: statistics.median(group["s_per_step"])
        for model, group in table.groupby("model")
    }
    print(
        f"\ncensus 26,000 x 15, batch 500, torch threads {args.torch_threads}, "
        f"medians of {args.repeats} repeats ({extra_steps} steps each)\n"
    )
    print("| model | ms per step | steps/s | ratio to CTGAN (steps/s) |")
    print("|---|---|---|---|")
    for model in ("CTGAN", "skgan"):
        s = medians[model]
        ratio = medians["CTGAN"] / s
        print(f"| {model} | {s * 1e3:.1f} | {1 / s:.1f} | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
