"""Fit time of ``GANSampler`` at its defaults, one commit against another.

Each commit is checked out into a temporary ``git worktree``; the fits alternate
between the two checkouts (one fresh Python process per fit, the training split
of seed 0 as ``run.py`` makes it, ``random_state=0``), ``--repeats`` times per
table, and each commit's median fit seconds and median ms per iteration (the
training loop alone: history ``dur`` over ``n_iter``, the first epoch left out)
are reported with the ratio of the new commit's medians to the old one's, all
from the same run.

    OMP_NUM_THREADS=1 python benchmarks/commits.py OLD NEW [--datasets credit census]
        [--repeats 3] [--torch-threads 1]

``NEW`` may be ``WORKTREE`` for the working tree as it is. Prints a Markdown table
and writes benchmarks/out/commits.csv.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out"

# Runs in the checkout under test: its skgan and its benchmarks.run.
CHILD = """
import json, statistics, sys, time
from benchmarks import run
from skgan import GANSampler
name, threads = sys.argv[1], int(sys.argv[2])
(_, _, split, _), = run.benchmark_splits([name], 1, threads)
start = time.perf_counter()
gan = GANSampler(random_state=0).fit(split["train"])
fit_s = time.perf_counter() - start
pairs = zip(gan.history_[1:, "dur"], gan.history_[1:, "n_iter"], strict=True)
ms = statistics.median(1000 * d / n for d, n in pairs if n)
print(json.dumps({"fit_s": fit_s, "ms_per_iteration": ms}))
"""


def time_fit(checkout: Path, name: str, threads: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, name, str(threads)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def short_commit(ref: str) -> str:
    if ref == "WORKTREE":
        return "working tree"
    out = subprocess.run(
        ["git", "rev-parse", "--short", ref],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the base commit")
    parser.add_argument("new", help="the commit to compare, or WORKTREE")
    parser.add_argument("--datasets", nargs="+", default=["credit", "census"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-threads", type=int, default=1)
    args = parser.parse_args(argv)
    labels = {"old": short_commit(args.old), "new": short_commit(args.new)}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        checkouts = {}
        for side in ("old", "new"):
            ref = getattr(args, side)
            if ref == "WORKTREE":
                checkouts[side] = ROOT
                continue
            path = Path(tmp) / side
            subprocess.run(
                ["git", "worktree", "add", "--detach", "--quiet", str(path), ref],
                cwd=ROOT,
                check=True,
            )
            checkouts[side] = path
        try:
            for name in args.datasets:
                for repeat in range(args.repeats):
                    for side, checkout in checkouts.items():
                        timing = time_fit(checkout, name, args.torch_threads)
                        rows.append(
                            dict(
                                dataset=name,
                                side=side,
                                commit=labels[side],
                                repeat=repeat,
                                **timing,
                            )
                        )
                        print(
                            f"{name} {labels[side]}: fit {timing['fit_s']:.1f} s, "
                            f"{timing['ms_per_iteration']:.1f} ms/it",
                            flush=True,
                        )
        finally:
            for checkout in checkouts.values():
                if checkout != ROOT:
                    subprocess.run(
                        ["git", "worktree", "remove", "--force", str(checkout)],
                        cwd=ROOT,
                        check=False,
                    )
    frame = pd.DataFrame(rows)
    OUT.mkdir(exist_ok=True)
    frame.to_csv(OUT / "commits.csv", index=False)
    print(
        f"\n{labels['old']} against {labels['new']}; {args.repeats} alternating "
        f"repeats, {args.torch_threads} torch thread(s), medians\n"
    )
    print(
        "| table | fit s, old / new | ratio | ms / iteration, old / new | ratio |\n"
        "|---|---|---|---|---|"
    )
    for name, group in frame.groupby("dataset", sort=False):
        med = group.groupby("side")[["fit_s", "ms_per_iteration"]].median()
        fit_old, fit_new = med.loc["old", "fit_s"], med.loc["new", "fit_s"]
        ms_old, ms_new = (
            med.loc["old", "ms_per_iteration"],
            med.loc["new", "ms_per_iteration"],
        )
        print(
            f"| {name} | {fit_old:.1f} / {fit_new:.1f} | {fit_new / fit_old:.2f} | "
            f"{ms_old:.1f} / {ms_new:.1f} | {ms_new / ms_old:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
