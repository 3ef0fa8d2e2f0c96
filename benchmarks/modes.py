"""Mode coverage of every loss on PacGAN's 2-D benchmarks, over several seeds.

For each loss, ``GANSampler(loss=...)`` with all other parameters at their defaults
is fitted on 100,000 rows of the ring of 8 (std 0.01) or the 5x5 grid (std 0.05)
and 2,500 samples are scored with ``skgan.metrics.mode_coverage``: modes captured,
share of high-quality samples (within 3 std of the nearest centre) and the reverse
KL of the mode histogram against uniform. A real held-out sample is scored the same
way as a reference.

    python benchmarks/modes.py --mixture grid --seeds 5 [--losses ...] [--params JSON]

Writes benchmarks/out/modes_<mixture>.csv and prints mean ± std per loss.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd
import torch

from skgan import GANSampler
from skgan._losses import LOSSES
from skgan.datasets import make_grid, make_ring
from skgan.metrics import mode_coverage

MIXTURES = {"ring": (make_ring, 0.01), "grid": (make_grid, 0.05)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mixture", choices=sorted(MIXTURES), required=True)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--losses", nargs="+", default=list(LOSSES))
    parser.add_argument("--torch-threads", type=int, default=1)
    parser.add_argument(
        "--params",
        type=json.loads,
        default={},
        help="other GANSampler parameters, as JSON",
    )
    args = parser.parse_args()
    torch.set_num_threads(args.torch_threads)

    make, std = MIXTURES[args.mixture]
    rows = []
    for seed in range(args.seeds):
        X, centers = make(100_000, random_state=seed, return_centers=True)
        held_out = make(2_500, random_state=1000 + seed)
        rows.append(
            {
                "loss": "real held-out sample",
                "seed": seed,
                "fit_s": None,
                **mode_coverage(held_out, centers, std),
            }
        )
        for loss in args.losses:
            start = time.perf_counter()
            gan = GANSampler(loss=loss, random_state=seed, **args.params).fit(X)
            fit_s = time.perf_counter() - start
            result = mode_coverage(gan.sample(2_500, random_state=seed), centers, std)
            rows.append({"loss": loss, "seed": seed, "fit_s": fit_s, **result})
            print(rows[-1], flush=True)

    table = pd.DataFrame(rows)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    table.to_csv(out / f"modes_{args.mixture}.csv", index=False)
    table["high_quality"] *= 100
    summary = table.groupby("loss", sort=False)[
        ["modes", "high_quality", "reverse_kl", "fit_s"]
    ].agg(["mean", "std"])
    print(
        f"\n{args.mixture}: mean and std over {args.seeds} seeds, defaults, "
        f"torch threads {args.torch_threads}"
    )
    print("| loss | modes | high quality % | reverse KL | fit s |")
    print("|---|---|---|---|---|")
    for loss, r in summary.iterrows():
        fit = "—" if pd.isna(r[("fit_s", "mean")]) else f"{r[('fit_s', 'mean')]:.0f}"
        print(
            f"| {loss} | {r[('modes', 'mean')]:.1f} ± {r[('modes', 'std')]:.1f} "
            f"/ {int(table['n_modes'].iloc[0])} | {r[('high_quality', 'mean')]:.1f} "
            f"± {r[('high_quality', 'std')]:.1f} | {r[('reverse_kl', 'mean')]:.3f} "
            f"± {r[('reverse_kl', 'std')]:.3f} | {fit} |"
        )


if __name__ == "__main__":
    main()
