"""GPU benchmark in one command: training steps per second, GPU utilisation, sampling.

On a 50,000 x 20 numeric table (as ``engine_overhead.py``) with GANSampler's
default networks, for each configuration (precision float32 / bfloat16, with and
without ``torch.compile``, batch 500 and 4,096): trains ``--iterations``
iterations and reports steps per second from ``history_`` (the first epoch, which
holds compilation and warm-up, left out) and the median GPU utilisation sampled by
``nvidia-smi`` every 0.2 s while training. Then times ``sample(10_000_000)``.

    python benchmarks/gpu.py [--device cuda] [--iterations 2000]

Writes benchmarks/out/gpu.json and prints Markdown rows with the card's name.
``--device cpu --iterations 40 --rows 5000 --sample-rows 100000 --skip-compile``
smoke-tests the script without a GPU.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path

import numpy as np

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--sample-rows", type=int, default=10_000_000)
    parser.add_argument(
        "--skip-compile", action="store_true", help="leave out torch.compile runs"
    )
    args = parser.parse_args(argv)

    import torch

    from skgan import GANSampler

    device = torch.device(args.device)
    card = (
        torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU (smoke)"
    )
    rng = np.random.default_rng(0)
    X = rng.normal(size=(args.rows, 20)) * rng.uniform(0.5, 3, 20)

    results = []
    for batch in (500, 4096):
        for precision in ("float32", "bfloat16"):
            for compiled in (False,) if args.skip_compile else (False, True):
                gan = GANSampler(
                    max_iter=args.iterations,
                    batch_size=batch,
                    precision=precision,
                    compile=compiled,
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
                        "compile": compiled,
                        "fit_s": fit_s,
                        "steps_per_s": steps / seconds,
                        "rows_per_s": steps * batch / seconds,
                        "gpu_util_median_pct": util.median(),
                    }
                )
                print(json.dumps(results[-1]), flush=True)

    gan = GANSampler(max_iter=50, device=device, random_state=0).fit(X)
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

    OUT.mkdir(exist_ok=True)
    (OUT / "gpu.json").write_text(
        json.dumps({"training": results, "sampling": sampling}, indent=2) + "\n"
    )
    print(f"\n{card}; {args.rows:,} x 20 table, default networks\n")
    print("| batch | precision | compile | steps/s | rows/s | GPU util % (median) |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['batch_size']} | {r['precision']} | {r['compile']} | "
            f"{r['steps_per_s']:,.0f} | {r['rows_per_s']:,.0f} | "
            f"{r['gpu_util_median_pct']:.0f} |"
        )
    print(
        f"\nsample({sampling['rows']:,}): {sampling['rows_per_s']:,.0f} rows/s, "
        f"GPU util {sampling['gpu_util_median_pct']:.0f} %"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
