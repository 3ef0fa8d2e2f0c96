"""Which continuous transform should GANSampler use? Measured on real tables.

Fits ``GANSampler(continuous_transform=...)`` for each candidate ('quantile',
'mode-specific', 'standard') on the same train/holdout split of each table, with the
other parameters at their defaults, and scores the samples against the holdout with
``skgan.metrics`` (detection AUC, lower is better; fidelity, higher is better). Also
reports encoder seconds (``TableEncoder.fit_transform`` alone) and fit seconds.

    python benchmarks/encoder_comparison.py [--datasets credit cps1988 penguins]
        [--seeds 1] [--max-rows 10000] [--max-iter 3000]

Writes benchmarks/out/encoder_comparison.csv and prints a markdown table.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd
import torch
from threadpoolctl import threadpool_limits

from skgan import GANSampler, TableEncoder, metrics
from skgan.datasets import load_benchmark_table

CANDIDATES = ("quantile", "mode-specific", "standard")


def split(name: str, seed: int, max_rows: int):
    table, _, _ = load_benchmark_table(name)
    table = table.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    n_holdout = min(len(table) // 4, 5000)
    holdout = table.iloc[:n_holdout]
    train = table.iloc[n_holdout : n_holdout + max_rows]
    return train, holdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--datasets", nargs="+", default=["credit", "cps1988", "penguins"]
    )
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--max-rows", type=int, default=10_000)
    parser.add_argument("--max-iter", type=int, default=3000)
    parser.add_argument("--torch-threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.torch_threads)

    rows = []
    for name in args.datasets:
        for seed in range(args.seeds):
            train, holdout = split(name, seed, args.max_rows)
            for transform in CANDIDATES:
                start = time.perf_counter()
                TableEncoder(
                    continuous_transform=transform,
                    max_categories=200,
                    random_state=seed,
                ).fit_transform(train)
                encoder_s = time.perf_counter() - start
                gan = GANSampler(
                    continuous_transform=transform,
                    max_iter=args.max_iter,
                    random_state=seed,
                )
                start = time.perf_counter()
                gan.fit(train)
                fit_s = time.perf_counter() - start
                synthetic = gan.sample(len(holdout), random_state=seed)
                with threadpool_limits(1):
                    auc = metrics.detection_auc(holdout, synthetic, random_state=seed)
                    fidelity = metrics.fidelity_score(holdout, synthetic)
                rows.append(
                    dict(
                        dataset=name,
                        seed=seed,
                        transform=transform,
                        rows=len(train),
                        encoder_s=encoder_s,
                        fit_s=fit_s,
                        detection_auc=auc,
                        fidelity=fidelity,
                    )
                )
                print(rows[-1], flush=True)

    table = pd.DataFrame(rows)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    table.to_csv(out / "encoder_comparison.csv", index=False)
    summary = table.groupby(["dataset", "transform"], sort=False)[
        ["rows", "encoder_s", "fit_s", "detection_auc", "fidelity"]
    ].median()
    print(
        f"\nmedians over {args.seeds} seed(s), max_iter={args.max_iter}, "
        f"torch threads {args.torch_threads}"
    )
    print(summary.to_markdown(floatfmt=".3f"))


if __name__ == "__main__":
    main()
