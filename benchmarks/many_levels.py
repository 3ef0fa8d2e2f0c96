"""Fit GANSampler on a 1,000,000-row, 20-column table with a 10,000-level column.

The table: 17 continuous columns (normal, log-normal and bimodal), one integer column,
one 5-level category and one category with 10,000 levels drawn from a Zipf-like law
(so most levels are rare). Reports encoder seconds, training seconds, sampling
seconds for 1,000,000 rows, peak resident memory of the process, the data's own size,
and how the many-level column came back (levels kept by ``max_categories``, share of
sampled rows from the "other" bucket, total-variation distance of the level shares).

    python benchmarks/many_levels.py [--rows 1000000] [--levels 10000] [--max-iter N]

Writes benchmarks/out/many_levels.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from skgan import GANSampler


def make_table(n_rows: int, n_levels: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    columns = {}
    for i in range(17):
        kind = i % 3
        if kind == 0:
            columns[f"normal_{i}"] = rng.normal(i, 1 + i / 10, n_rows)
        elif kind == 1:
            columns[f"lognormal_{i}"] = rng.lognormal(0, 0.8, n_rows)
        else:
            centre = np.where(rng.random(n_rows) < 0.3, -3.0, 2.0)
            columns[f"bimodal_{i}"] = rng.normal(centre, 0.5)
    columns["count"] = rng.poisson(4, n_rows)
    columns["segment"] = pd.Categorical(rng.choice(list("ABCDE"), n_rows))
    weights = 1.0 / np.arange(1, n_levels + 1) ** 1.1
    levels = np.array([f"level_{i:05d}" for i in range(n_levels)])
    columns["many_levels"] = pd.Categorical(
        levels[rng.choice(n_levels, n_rows, p=weights / weights.sum())],
        categories=levels,
    )
    return pd.DataFrame(columns)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--levels", type=int, default=10_000)
    parser.add_argument(
        "--max-iter", type=int, default=None, help="default: GANSampler's default"
    )
    args = parser.parse_args()

    table = make_table(args.rows, args.levels)
    data_mib = table.memory_usage(deep=True).sum() / 2**20
    rss_before = peak_rss_mib()
    params = {"random_state": 0}
    if args.max_iter is not None:
        params["max_iter"] = args.max_iter
    gan = GANSampler(**params)

    start = time.perf_counter()
    gan.fit(table)
    fit_s = time.perf_counter() - start
    train_s = float(sum(gan.history_[:, "dur"]))
    start = time.perf_counter()
    synthetic = gan.sample(args.rows, random_state=0)
    sample_s = time.perf_counter() - start

    real_share = table["many_levels"].value_counts(normalize=True)
    synth_share = synthetic["many_levels"].value_counts(normalize=True)
    tvd = 0.5 * real_share.sub(synth_share, fill_value=0).abs().sum()
    kept = gan.max_categories - 1 if gan.max_categories else args.levels
    top = set(real_share.index[:kept])
    result = {
        "rows": args.rows,
        "columns": table.shape[1],
        "levels": args.levels,
        "max_categories": gan.max_categories,
        "max_iter": gan.max_iter,
        "encoded_width": gan.encoder_.n_encoded_,
        "data_MiB_pandas": round(data_mib, 1),
        "encoded_MiB_float32": round(
            args.rows * gan.encoder_.n_encoded_ * 4 / 2**20, 1
        ),
        "encoder_plus_setup_s": round(fit_s - train_s, 1),
        "train_s": round(train_s, 1),
        "fit_s": round(fit_s, 1),
        "sample_1M_s": round(sample_s, 1),
        "peak_rss_MiB": round(peak_rss_mib(), 1),
        "rss_before_fit_MiB": round(rss_before, 1),
        "distinct_levels_sampled": int(synthetic["many_levels"].nunique()),
        "share_sampled_outside_top_levels": round(
            float((~synthetic["many_levels"].isin(top)).mean()), 4
        ),
        "share_real_outside_top_levels": round(
            float((~table["many_levels"].isin(top)).mean()), 4
        ),
        "level_share_tvd": round(float(tvd), 4),
        "torch_threads": torch.get_num_threads(),
        "dtypes_preserved": bool((synthetic.dtypes == table.dtypes).all()),
    }
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "many_levels.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
