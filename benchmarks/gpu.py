"""GPU benchmark in one command: training steps per second, GPU utilisation, sampling.

On a 50,000 x 20 numeric table (as ``engine_overhead.py``) with GANSampler's
default networks, for each configuration (precision float32 / bfloat16, with and
without ``torch.compile``, batch 500 and 4,096): trains ``--iterations``
iterations and reports steps per second from ``history_`` (the first epoch, which
holds compilation and warm-up, left out) and the median GPU utilisation sampled by
``nvidia-smi`` every 0.2 s while training. The compiled runs come last, so that a
run cut short still has the others. Then times ``sample(10_000_000)``.

``--tables census loans`` also fits ``GANSampler()`` at its defaults on the
benchmark's real tables (``run.py``'s splits of seeds 0 to ``--seeds`` - 1) on
the device, and scores the rows as ``run.py`` does; ``--cpu-tables census``
fits those tables on the CPU as well, in the same run, for a GPU/CPU ratio. A
GPU machine without the packages that ship the tables reads the splits from
files that ``--export-splits DIR`` writes (Parquet) on a machine with them:
``--splits DIR``.

    python benchmarks/gpu.py [--device cuda] [--iterations 2000] [--tables ...]

Writes benchmarks/out/gpu.json (or ``--out``) and prints Markdown rows with the
card's name. ``--device cpu --iterations 40 --rows 5000 --sample-rows 100000
--skip-compile`` smoke-tests the script without a GPU.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"


class UtilisationSampler:
    """Polls ``nvidia-smi`` for GPU utilisation (%) in a background thread."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.values: list[float] = []
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if shutil.which("nvidia-smi"):
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            out = subprocess.run(
                [
                    "nvidia-smi",
                    "--query-gpu=utilization.gpu",
                    "--format=csv,noheader,nounits",
                    "--id=0",
                ],
                capture_output=True,
                text=True,
            )
            try:
                self.values.append(float(out.stdout.strip().splitlines()[0]))
            except (ValueError, IndexError):
                pass
            self._stop.wait(self.interval)

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")


def numeric_table(n_rows: int) -> np.ndarray:
    """20 Gaussian columns with standard deviations from 0.5 to 3."""
    rng = np.random.default_rng(0)
    return rng.normal(size=(n_rows, 20)) * rng.uniform(0.5, 3, 20)


def synthetic_runs(device, args, compiled_runs: bool) -> list[dict]:
    """Steps per second on the numeric table, for each batch and precision."""
    from skgan import GANSampler

    card = card_name(device)
    X = numeric_table(args.rows)
    results = []
    for batch in (500, 4096):
        for precision in ("float32", "bfloat16"):
            gan = GANSampler(
                max_iter=args.iterations,
                batch_size=batch,
                precision=precision,
                compile=compiled_runs,
                device=device,
                random_state=0,
            )
            start = time.perf_counter()
            with UtilisationSampler() as util:
                gan.fit(X)
            fit_s = time.perf_counter() - start
            history = gan.history_
            steady = history[1:] if len(history) > 1 else history
            seconds = sum(row["dur"] for row in steady)
            steps = sum(row["n_iter"] for row in steady)
            results.append(
                {
                    "card": card,
                    "batch_size": batch,
                    "precision": precision,
                    "compile": compiled_runs,
                    "fit_s": fit_s,
                    "steps_per_s": steps / seconds,
                    "rows_per_s": steps * batch / seconds,
                    "gpu_util_median_pct": util.median(),
                }
            )
            print(json.dumps(results[-1]), flush=True)
    return results


def card_name(device) -> str:
    import torch

    from benchmarks import run

    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return f"CPU: {run.cpu_model()}"


def export_splits(names: list[str], seeds: int, folder: Path) -> None:
    """Write ``run.py``'s splits of ``names`` as Parquet files and JSON."""
    from benchmarks import run

    config = run.default_config()
    folder.mkdir(parents=True, exist_ok=True)
    for name, seed in itertools.product(names, range(seeds)):
        split = run.make_split(name, seed, config)
        split["train"].to_parquet(folder / f"{name}-{seed}-train.parquet")
        split["holdout"].to_parquet(folder / f"{name}-{seed}-holdout.parquet")
        # Parquet drops the categorical dtype of numeric levels: keep the dtypes.
        categories = {
            column: {
                "levels": dtype.categories.tolist(),
                "ordered": bool(dtype.ordered),
            }
            for column, dtype in split["train"].dtypes.items()
            if isinstance(dtype, pd.CategoricalDtype)
        }
        meta = {
            "target": split["target"],
            "task": split["task"],
            "categories": categories,
        }
        (folder / f"{name}-{seed}.json").write_text(json.dumps(meta))
        print(f"wrote {name}, seed {seed}: {len(split['train'])} rows", flush=True)


def load_split(name: str, seed: int, folder: Path | None) -> dict:
    """``run.py``'s split: made here, or read from ``export_splits``'s files."""
    from benchmarks import run

    if folder is None:
        return run.make_split(name, seed, run.default_config())
    stem = folder / f"{name}-{seed}"
    meta = json.loads(stem.with_suffix(".json").read_text())
    dtypes = {
        column: pd.CategoricalDtype(spec["levels"], ordered=spec["ordered"])
        for column, spec in meta["categories"].items()
    }
    return {
        "kind": "table",
        "train": pd.read_parquet(f"{stem}-train.parquet").astype(dtypes),
        "holdout": pd.read_parquet(f"{stem}-holdout.parquet").astype(dtypes),
        "target": meta["target"],
        "task": meta["task"],
        "centers": None,
        "std": None,
    }


def table_runs(device, args) -> list[dict]:
    """``GANSampler()`` at its defaults on real tables: fit time and scores."""
    import torch

    from benchmarks import run
    from skgan import GANSampler

    results = []
    for name, seed in itertools.product(args.tables, range(args.seeds)):
        split = load_split(name, seed, args.splits)
        n_eval = len(split["train"])
        devices = [device]
        if name in args.cpu_tables and device.type != "cpu":
            devices.append(torch.device("cpu"))
        for where in devices:
            gan = GANSampler(device=where, random_state=seed)
            start = time.perf_counter()
            with UtilisationSampler() as util:
                gan.fit(split["train"])
            fit_s = time.perf_counter() - start
            synthetic = gan.sample(n_eval, random_state=seed)
            scores = run.evaluate(split, synthetic, seed, threads=None)
            results.append(
                {
                    "card": card_name(where),
                    "table": name,
                    "seed": seed,
                    "device": where.type,
                    "torch_threads": torch.get_num_threads(),
                    "precision": gan.precision_,
                    "fit_s": fit_s,
                    "iterations": int(sum(gan.history_[:, "n_iter"])),
                    "gpu_util_median_pct": util.median(),
                    **{
                        key: float(scores[key])
                        for key in (
                            "detection_auc",
                            "fidelity",
                            "ml_real",
                            "ml_synthetic",
                            "dcr_ratio",
                        )
                        if key in scores
                    },
                }
            )
            print(json.dumps(results[-1]), flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--sample-rows", type=int, default=10_000_000)
    parser.add_argument(
        "--skip-compile", action="store_true", help="leave out torch.compile runs"
    )
    parser.add_argument(
        "--skip-synthetic",
        action="store_true",
        help="leave out the numeric table's runs and the sampling run",
    )
    parser.add_argument(
        "--tables", nargs="*", default=[], help="real benchmark tables to fit"
    )
    parser.add_argument(
        "--seeds", type=int, default=1, help="seeds of the --tables runs"
    )
    parser.add_argument(
        "--cpu-tables",
        nargs="*",
        default=[],
        help="of --tables, those also fitted on the CPU in this run",
    )
    parser.add_argument(
        "--splits", type=Path, default=None, help="read the splits from this folder"
    )
    parser.add_argument(
        "--export-splits",
        type=Path,
        default=None,
        metavar="DIR",
        help="write the --tables splits to DIR and stop",
    )
    parser.add_argument("--out", type=Path, default=OUT / "gpu.json")
    args = parser.parse_args(argv)

    if args.export_splits is not None:
        export_splits(args.tables, args.seeds, args.export_splits)
        return 0

    import torch

    from skgan import GANSampler

    device = torch.device(args.device)
    card = card_name(device)
    results, sampling = [], None
    if not args.skip_synthetic:
        results += synthetic_runs(device, args, compiled_runs=False)
    tables = table_runs(device, args)
    if not args.skip_synthetic:
        if not args.skip_compile:
            results += synthetic_runs(device, args, compiled_runs=True)
        gan = GANSampler(max_iter=50, device=device, random_state=0)
        gan.fit(numeric_table(args.rows))
        start = time.perf_counter()
        with UtilisationSampler() as util:
            out = gan.sample(args.sample_rows)
        sample_s = time.perf_counter() - start
        sampling = {
            "card": card,
            "rows": len(out),
            "rows_per_s": len(out) / sample_s,
            "gpu_util_median_pct": util.median(),
        }
        print(json.dumps(sampling), flush=True)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {"training": results, "tables": tables, "sampling": sampling}, indent=2
        )
        + "\n"
    )
    if results:
        print(f"\n{card}; {args.rows:,} x 20 table, default networks\n")
        print(
            "| batch | precision | compile | steps/s | rows/s | GPU util % (median) |"
        )
        print("|---|---|---|---|---|---|")
        for r in results:
            print(
                f"| {r['batch_size']} | {r['precision']} | {r['compile']} | "
                f"{r['steps_per_s']:,.0f} | {r['rows_per_s']:,.0f} | "
                f"{r['gpu_util_median_pct']:.0f} |"
            )
    if tables:
        print(
            "\n| table | seed | device | threads | fit s | AUC | fidelity "
            "| ML real / synth |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for r in tables:
            print(
                f"| {r['table']} | {r['seed']} | {r['card']} | {r['torch_threads']} | "
                f"{r['fit_s']:.1f} | {r['detection_auc']:.3f} | "
                f"{r['fidelity']:.3f} | {r.get('ml_real', float('nan')):.3f} / "
                f"{r.get('ml_synthetic', float('nan')):.3f} |"
            )
    if sampling:
        print(
            f"\nsample({sampling['rows']:,}): {sampling['rows_per_s']:,.0f} rows/s, "
            f"GPU util {sampling['gpu_util_median_pct']:.0f} %"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
