"""Spiked columns through the missing-value flags: an experiment, not a feature.

A numeric column whose most common value holds at least ``--share`` of the rows
(zero-inflated amounts: capital gains, weeks worked) is masked at that value
before ``GANSampler()`` (defaults) is fitted, so that the encoder gives it a
missing-value flag: a one-hot block that the autoregressive heads pair with the
other columns' levels. After sampling, the flagged rows get the spike's value
back. Each fit is scored with ``run.evaluate`` on the benchmark split, beside a
plain default fit of the same seed.

    python benchmarks/spikes.py --datasets census --seeds 3

Prints one line per fit and ``ablation.py``'s mean ± std table; writes
benchmarks/out/spikes.csv (``--out``). Columns that already have missing
values are left alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import ablation, run  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def spiked_columns(frame: pd.DataFrame, share: float) -> dict:
    """``{column: value}`` for numeric, complete columns whose most common value
    holds at least ``share`` of the rows (and that have more than two values)."""
    spikes = {}
    for name in frame.columns:
        x = frame[name]
        if not pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
            continue
        if x.isna().any():
            continue
        counts = x.value_counts(normalize=True)
        if len(counts) > 2 and counts.iloc[0] >= share:
            spikes[name] = counts.index[0]
    return spikes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["census"])
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--share", type=float, default=0.3)
    parser.add_argument("--torch-threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT / "spikes.csv")
    args = parser.parse_args(argv)

    from skgan import GANSampler

    rows = []
    splits = run.benchmark_splits(args.datasets, args.seeds, args.torch_threads)
    for name, seed, split, config in splits:
        n_eval = run.n_eval_rows(split, config)
        train = split["train"]
        spikes = spiked_columns(train, args.share)
        print(f"# {name}: spiked columns {spikes}", flush=True)
        for variant, flagged in (("defaults", {}), ("spikes as flags", spikes)):
            masked = train.copy()
            for column, value in flagged.items():
                masked[column] = masked[column].mask(masked[column] == value)
            start = time.perf_counter()
            gan = GANSampler(random_state=seed).fit(masked)
            fit_s = time.perf_counter() - start
            synthetic = gan.sample(n_eval, random_state=seed)
            for column, value in flagged.items():
                filled = synthetic[column].fillna(value)
                synthetic[column] = filled.astype(train[column].dtype)
            scores = run.evaluate(split, synthetic, seed)
            rows.append(
                {
                    "dataset": name,
                    "seed": seed,
                    "variant": variant,
                    "spiked": len(spikes),
                    "fit_s": fit_s,
                    **scores,
                }
            )
            print(
                f"# {name} {seed} {variant}: fit {fit_s:.1f}s AUC "
                f"{scores['detection_auc']:.3f} fidelity {scores['fidelity']:.3f} "
                f"ML {scores['ml_real']:.3f}/{scores['ml_synthetic']:.3f} "
                f"DCR {scores['dcr_ratio']:.2f}",
                flush=True,
            )

    table = pd.DataFrame(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    ablation.print_variant_tables(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
