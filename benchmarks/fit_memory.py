"""Peak memory of ``fit`` on a large numeric table, and the encoder's seconds.

Builds a ``--rows`` x ``--columns`` float64 array (normal, log-normal and bimodal
columns), then in this process: times ``TableEncoder().fit_transform`` alone, and
fits ``GANSampler(max_iter=--max-iter)`` (memory does not grow with iterations)
while recording the rise of the process's peak resident memory over its memory
after the data were built. The rise is compared with the data's size as float32
(what the encoded table takes) and as the float64 array the user passed.

    python benchmarks/fit_memory.py [--rows 1000000] [--columns 50] [--max-iter 200]

Writes benchmarks/out/fit_memory.json and prints a Markdown row.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import current_rss_mib, peak_rss_mib, reset_peak_rss  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def make_table(n_rows: int, n_columns: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    X = np.empty((n_rows, n_columns))
    for j in range(n_columns):
        kind = j % 3
        if kind == 0:
            X[:, j] = rng.normal(j, 1 + j / 10, n_rows)
        elif kind == 1:
            X[:, j] = rng.lognormal(0, 0.8, n_rows)
        else:
            X[:, j] = rng.normal(np.where(rng.random(n_rows) < 0.3, -3.0, 2.0), 0.5)
    return X


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--columns", type=int, default=50)
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--torch-threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch

    from skgan import GANSampler, TableEncoder

    torch.set_num_threads(args.torch_threads)
    X = make_table(args.rows, args.columns)
    float32_mib = X.size * 4 / 2**20

    start = time.perf_counter()
    TableEncoder(random_state=0).fit_transform(X)
    encoder_s = time.perf_counter() - start
    gc.collect()

    before = current_rss_mib()
    reset_peak_rss()
    start = time.perf_counter()
    gan = GANSampler(max_iter=args.max_iter, random_state=0).fit(X)
    fit_s = time.perf_counter() - start
    rise = peak_rss_mib() - before
    result = {
        "rows": args.rows,
        "columns": args.columns,
        "max_iter": gan.n_iter_,
        "torch_threads": args.torch_threads,
        "encoder_s": encoder_s,
        "fit_s": fit_s,
        "data_float32_mib": float32_mib,
        "data_float64_mib": X.nbytes / 2**20,
        "peak_rise_mib": rise,
        "rise_over_float32": rise / float32_mib,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "fit_memory.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(
        "\n| rows x columns | encoder s | fit s (iterations) | data float32 MiB "
        "| peak rise MiB | rise / float32 data |\n|---|---|---|---|---|---|\n"
        f"| {args.rows:,} x {args.columns} | {encoder_s:.1f} | {fit_s:.1f} "
        f"({gan.n_iter_}) | {float32_mib:,.0f} | {rise:,.0f} | "
        f"{rise / float32_mib:.2f}x |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
