"""Sampling speed and memory: skgan's ``sample`` and stream against CTGAN's ``sample``.

Fits each model once on a benchmark table (training length does not change how fast
a model samples, so the fits are short: skgan 200 iterations, CTGAN 1 epoch; the
default networks of both), then times sampling in fresh child processes, one case at
a time, and reports rows per second and the rise of the child's peak resident memory
over its memory after loading the model, next to the size of the output:

* ``skgan sample``: ``GANSampler.sample(n)``, one DataFrame;
* ``skgan stream``: ``iter_samples`` written chunk by chunk to a Parquet file
  (``skgan sample MODEL -n N -o OUT.parquet`` does the same);
* ``CTGAN sample``: ``CTGAN.sample(n)`` (the ``ctgan`` package).

    python benchmarks/sampling.py [--table credit] [--rows 10000000]
        [--ctgan-rows 1000000] [--torch-threads 1] [--repeats 3]

Every case runs ``--repeats`` times, alternating; medians are reported. Writes
``benchmarks/out/sampling.csv`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import joblib
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import current_rss_mib, peak_rss_mib, reset_peak_rss  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def _fit_models(table: str, folder: Path, threads: int) -> dict[str, str]:
    import torch

    from benchmarks.baselines import CTGANAdapter
    from skgan import GANSampler
    from skgan.datasets import load_benchmark_table

    torch.set_num_threads(threads)
    X = load_benchmark_table(table)[0]
    paths = {"skgan": str(folder / "skgan.joblib"), "ctgan": str(folder / "ctgan.pkl")}
    joblib.dump(GANSampler(max_iter=200, random_state=0).fit(X), paths["skgan"])
    ctgan = CTGANAdapter(epochs=1, random_state=0).fit(X)
    joblib.dump(ctgan, paths["ctgan"])
    return paths


def _child(case: str, model_path: str, n_rows: int, threads: int) -> dict:
    """Run one case in this process; return its measurements."""
    import torch

    torch.set_num_threads(threads)
    model = joblib.load(model_path)
    before = current_rss_mib()
    reset_peak_rss()
    start = time.perf_counter()
    if case == "skgan stream":
        from skgan.cli import write_stream

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "out.parquet"
            rows = write_stream(model.iter_samples(n_rows), path)
            seconds = time.perf_counter() - start
            peak = peak_rss_mib()
            size = path.stat().st_size / 2**20
        output_mib = float("nan")
        assert rows == n_rows
        note = f"Parquet file {size:.0f} MiB"
    else:
        out = model.sample(n_rows)
        seconds = time.perf_counter() - start
        peak = peak_rss_mib()
        output_mib = out.memory_usage(deep=True, index=True).sum() / 2**20
        assert len(out) == n_rows
        note = ""
    return {
        "case": case,
        "rows": n_rows,
        "seconds": seconds,
        "rows_per_s": n_rows / seconds,
        "peak_rise_mib": peak - before,
        "output_mib": output_mib,
        "note": note,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", default="credit")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--ctgan-rows", type=int, default=1_000_000)
    parser.add_argument("--torch-threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.child)
        print(json.dumps(_child(**spec)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        paths = _fit_models(args.table, Path(tmp), args.torch_threads)
        cases = [
            ("skgan sample", paths["skgan"], args.rows),
            ("skgan stream", paths["skgan"], args.rows),
            ("skgan sample", paths["skgan"], args.ctgan_rows),
            ("CTGAN sample", paths["ctgan"], args.ctgan_rows),
        ]
        rows = []
        for repeat in range(args.repeats):
            for case, path, n in cases:
                spec = dict(
                    case=case, model_path=path, n_rows=n, threads=args.torch_threads
                )
                done = subprocess.run(
                    [sys.executable, __file__, "--child", json.dumps(spec)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(done.stdout.strip().splitlines()[-1])
                row["repeat"] = repeat
                rows.append(row)
                print(f"# {row}", file=sys.stderr, flush=True)

    frame = pd.DataFrame(rows)
    OUT.mkdir(exist_ok=True)
    frame.assign(table=args.table, torch_threads=args.torch_threads).to_csv(
        OUT / "sampling.csv", index=False
    )
    summary = frame.groupby(["case", "rows"], sort=False).agg(
        rows_per_s=("rows_per_s", "median"),
        peak_rise_mib=("peak_rise_mib", "median"),
        output_mib=("output_mib", "median"),
        note=("note", "first"),
    )
    ctgan_rate = summary.loc[("CTGAN sample", args.ctgan_rows), "rows_per_s"]
    print(
        f"\n{args.table}, torch threads {args.torch_threads}, medians of "
        f"{args.repeats} repeats\n"
    )
    print(
        "| case | rows | rows/s | ratio to CTGAN | peak rise MiB | output MiB "
        "| peak / output |"
    )
    print("|---|---|---|---|---|---|---|")
    for (case, n), r in summary.iterrows():
        ratio = r.rows_per_s / ctgan_rate
        over = r.peak_rise_mib / r.output_mib if np.isfinite(r.output_mib) else np.nan
        output = f"{r.output_mib:,.0f}" if np.isfinite(r.output_mib) else r.note
        print(
            f"| {case} | {n:,} | {r.rows_per_s:,.0f} | {ratio:.1f}x | "
            f"{r.peak_rise_mib:,.0f} | {output} | "
            + (f"{over:.2f}x |" if np.isfinite(over) else "— |")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
