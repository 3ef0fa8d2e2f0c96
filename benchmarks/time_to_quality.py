"""Seconds skgan needs to reach the quality CTGAN reaches in its 300 epochs.

For each table and seed, in one process and one run: CTGAN (the ``ctgan`` package,
300 epochs, defaults) is fitted, timed and scored (detection AUC and fidelity from
``skgan.metrics``, as in ``benchmarks/run.py``). Then ``GANSampler()`` at default
settings trains with ``warm_start=True`` in stages, pausing at fixed iteration counts
to score a sample of the training size; the first pause at which skgan's detection
AUC is at most CTGAN's and its fidelity at least CTGAN's gives skgan's time to
CTGAN quality (training seconds up to that pause, scoring excluded).

    python benchmarks/time_to_quality.py --datasets credit penguins --seeds 1

Prints a Markdown table and writes benchmarks/out/time_to_quality.csv.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import run  # noqa: E402
from benchmarks.baselines import CTGANAdapter  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
PAUSES = (50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000)


def score(split: dict, synthetic, seed: int) -> tuple[float, float]:
    """Detection AUC and fidelity (mean of column and pair scores)."""
    from threadpoolctl import threadpool_limits

    from skgan import metrics

    train = split["train"]
    with threadpool_limits(limits=1):
        auc = metrics.detection_auc(train, synthetic, random_state=seed)
        columns = metrics.column_fidelity(train, synthetic)["score"].mean()
        pairs = metrics.pair_trends(train, synthetic, random_state=seed)
    fidelity = columns if not len(pairs) else (columns + pairs["score"].mean()) / 2
    return float(auc), float(fidelity)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["credit", "penguins"])
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--ctgan-epochs", type=int, default=300)
    parser.add_argument("--torch-threads", type=int, default=1)
    args = parser.parse_args(argv)

    from skgan import GANSampler

    rows = []
    splits = run.benchmark_splits(args.datasets, args.seeds, args.torch_threads)
    for name, seed, split, _ in splits:
        train = split["train"]
        start = time.perf_counter()
        ctgan = CTGANAdapter(epochs=args.ctgan_epochs, random_state=seed).fit(train)
        ctgan_s = time.perf_counter() - start
        ctgan_auc, ctgan_fid = score(split, ctgan.sample(len(train)), seed)
        print(f"# {name} {seed} CTGAN {ctgan_s:.1f}s {ctgan_auc:.3f} {ctgan_fid:.3f}")

        gan = GANSampler(random_state=seed, warm_start=True)
        trained_s, done, reached = 0.0, 0, None
        for pause in PAUSES:
            gan.set_params(max_iter=pause - done)
            start = time.perf_counter()
            gan.fit(train)
            trained_s += time.perf_counter() - start
            done = pause
            auc, fid = score(split, gan.sample(len(train), random_state=0), seed)
            print(f"# {name} {seed} skgan {pause} it {trained_s:.1f}s", auc, fid)
            if auc <= ctgan_auc and fid >= ctgan_fid:
                reached = (pause, trained_s, auc, fid)
                break
        rows.append(
            {
                "dataset": name,
                "seed": seed,
                "n_train": len(train),
                "ctgan_s": ctgan_s,
                "ctgan_auc": ctgan_auc,
                "ctgan_fidelity": ctgan_fid,
                "skgan_iterations": reached[0] if reached else None,
                "skgan_s": reached[1] if reached else None,
                "skgan_auc": reached[2] if reached else auc,
                "skgan_fidelity": reached[3] if reached else fid,
            }
        )

    table = pd.DataFrame(rows)
    OUT.mkdir(exist_ok=True)
    table.to_csv(OUT / "time_to_quality.csv", index=False)
    print(
        "\n| table (rows) | seed | CTGAN 300 epochs s | CTGAN AUC / fidelity "
        "| skgan iterations to reach it | skgan s | skgan AUC / fidelity there "
        "| time ratio |\n|---|---|---|---|---|---|---|---|"
    )
    for r in table.itertuples():
        reached = r.skgan_s == r.skgan_s and r.skgan_s is not None
        print(
            f"| {r.dataset} ({r.n_train:,}) | {r.seed} | {r.ctgan_s:.1f} | "
            f"{r.ctgan_auc:.3f} / {r.ctgan_fidelity:.3f} | "
            + (
                f"{int(r.skgan_iterations)} | {r.skgan_s:.1f} | "
                f"{r.skgan_auc:.3f} / {r.skgan_fidelity:.3f} | "
                f"{r.skgan_s / r.ctgan_s:.3f} |"
                if reached
                else f"not within {PAUSES[-1]} | — | {r.skgan_auc:.3f} / "
                f"{r.skgan_fidelity:.3f} | — |"
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
