"""Training speed per configuration: precision, conditioning, output heads.

For each benchmark table (the training split of seed 0, as ``run.py`` makes it),
``GANSampler`` at its defaults is fitted with each configuration: ``precision``
'float32' and 'bfloat16', and, at the precision 'auto' picks here,
``conditional=True`` and ``autoregressive=False`` (independent one-hot heads).
The fits of one repeat run back to back, repeats alternate, and each
configuration's median is reported with its ratio to float32's median from the
same run. *ms / iteration* is the median over the epochs of a fit but the first
(history ``dur`` over ``n_iter``): the training loop alone. *fit s* includes
encoding.

    OMP_NUM_THREADS=1 python benchmarks/precision.py [--datasets credit census]
        [--repeats 3] [--torch-threads 1] [--configs float32 ...]

Prints a Markdown table and writes benchmarks/out/precision.csv. Quality at each
precision comes from ``run.py`` (``--skgan-params '{"precision": "float32"}'``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import run  # noqa: E402
from skgan import GANSampler  # noqa: E402
from skgan._validation import cpu_has_fast_bfloat16  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
CONFIGS = {
    "float32": {"precision": "float32"},
    "bfloat16": {"precision": "bfloat16"},
    "conditional (auto precision)": {"conditional": True},
    "independent heads (auto precision)": {"autoregressive": False},
}


def time_fit(train, params: dict) -> tuple[float, float, str]:
    start = time.perf_counter()
    gan = GANSampler(random_state=0, **params).fit(train)
    fit_s = time.perf_counter() - start
    # Without the first epoch (allocation and warm-up).
    durations, iterations = gan.history_[1:, "dur"], gan.history_[1:, "n_iter"]
    per_epoch = [1000 * d / n for d, n in zip(durations, iterations, strict=True) if n]
    return fit_s, statistics.median(per_epoch), gan.precision_


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["credit", "census"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-threads", type=int, default=1)
    parser.add_argument(
        "--configs",
        nargs="+",
        choices=list(CONFIGS),
        default=list(CONFIGS),
        help="configurations to time ('float32' is always included: the ratios' base)",
    )
    args = parser.parse_args(argv)
    configs = {k: v for k, v in CONFIGS.items() if k == "float32" or k in args.configs}
    torch.set_num_threads(args.torch_threads)
    config = run.default_config()
    rows = []
    for name in args.datasets:
        train = run.make_split(name, 0, config)["train"]
        for repeat in range(args.repeats):
            for label, params in configs.items():
                fit_s, ms, used = time_fit(train, params)
                rows.append(
                    dict(
                        dataset=name,
                        config=label,
                        precision=used,
                        repeat=repeat,
                        fit_s=fit_s,
                        ms_per_iteration=ms,
                    )
                )
                print(f"{name} {label} ({used}): fit {fit_s:.1f} s, {ms:.1f} ms/it")
    frame = pd.DataFrame(rows)
    OUT.mkdir(exist_ok=True)
    frame.to_csv(OUT / "precision.csv", index=False)
    print(
        f"\nCPU: {run.cpu_model()}; native bfloat16: {cpu_has_fast_bfloat16()}; "
        f"torch {torch.__version__}, {args.torch_threads} thread(s); "
        f"{args.repeats} repeats, medians\n"
    )
    print("| table | configuration | fit s | ms / iteration | ratio to float32 |")
    print("|---|---|---|---|---|")
    for name, group in frame.groupby("dataset", sort=False):
        medians = group.groupby("config", sort=False)[["fit_s", "ms_per_iteration"]]
        medians = medians.median()
        base = medians.loc["float32", "ms_per_iteration"]
        for label, row in medians.iterrows():
            print(
                f"| {name} | {label} | {row.fit_s:.1f} | {row.ms_per_iteration:.1f} | "
                f"{row.ms_per_iteration / base:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
