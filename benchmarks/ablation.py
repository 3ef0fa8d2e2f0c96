"""Ablation: what each of GANSampler's choices buys on a real table.

Fits ``GANSampler()`` at its defaults and with one choice changed at a time on the
benchmark split of a table (``benchmarks/run.py``'s split and measures), and scores
each fit with ``run.evaluate``: detection AUC, fidelity, ML efficacy and the
distance-to-closest-record ratio.

    python benchmarks/ablation.py --datasets credit --seeds 2

Prints mean ± std per variant and writes benchmarks/out/ablation.csv (``--out``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import run  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"

#: Each variant changes one default; the comment says what the default is.
VARIANTS = {
    "defaults": {},
    "no moment matching": {"moment_matching": 0.0},  # default 10
    "minimax loss": {"loss": "minimax"},  # default non-saturating
    "independent heads": {"autoregressive": False},  # default autoregressive
    "no residual G": {"generator_residual": False},  # default residual
    "noise 64": {"noise_dim": 64},  # default 'auto' (256 on tables of > 32 columns)
    "no functional dependencies": {"functional_dependencies": None},  # 'auto'
    "fresh generator batch": {"reuse_generated_batch": False},  # default reused
    "conditional": {"conditional": True},  # default False
    "no dropout": {"discriminator_dropout": 0.0},  # default 'auto'
    "dropout 0.25": {"discriminator_dropout": 0.25},  # default 'auto'
    "quantile encoding": {"continuous_transform": "quantile"},  # default auto
    "mode-specific encoding": {"continuous_transform": "mode-specific"},
    "standard encoding": {"continuous_transform": "standard"},
    "pac 4": {"pac": 4},  # default 1
    "spectral norm D": {"spectral_norm": True},  # default False
    "smaller nets (128, 128)": {
        "generator_hidden_layer_sizes": (128, 128),
        "discriminator_hidden_layer_sizes": (128, 128),
    },  # default (256, 256)
    "wider nets (512, 512)": {
        "generator_hidden_layer_sizes": (512, 512),
        "discriminator_hidden_layer_sizes": (512, 512),
    },  # default (256, 256)
    "3,000 iterations": {"max_iter": 3000},  # default 1,000
    "batch 1,000": {"batch_size": 1000},  # default 500
    "early stopping": {"early_stopping": True},  # default False
    "constant learning rates": {"lr_schedule": "constant"},  # default linear decay
    "learning rates 2e-4": {"generator_lr": 2e-4, "discriminator_lr": 2e-4},  # 1e-3
    "old defaults (2e-4, constant, 3,000 it)": {
        "generator_lr": 2e-4,
        "discriminator_lr": 2e-4,
        "lr_schedule": "constant",
        "max_iter": 3000,
    },  # before the learning rates were measured
}


def print_variant_tables(table: pd.DataFrame) -> None:
    """One markdown table per dataset: mean ± std over seeds per variant.

    ``table`` has one row per fit, with ``dataset``, ``seed``, ``variant``,
    ``fit_s`` and ``run.evaluate``'s scores.
    """
    measures = ["fit_s", "detection_auc", "fidelity", "ml_synthetic", "dcr_ratio"]
    for name, group in table.groupby("dataset", sort=False):
        print(
            f"\n{name}: mean ± std over {group['seed'].nunique()} seed(s); ML real "
            f"{group['ml_real'].mean():.3f}\n"
        )
        print(
            "| variant | fit s | detection AUC | fidelity | ML synthetic | DCR ratio |"
        )
        print("|---|---|---|---|---|---|")
        for variant, v in group.groupby("variant", sort=False):
            cells = []
            for m in measures:
                mean, std = v[m].mean(), v[m].std()
                fmt = "{:.1f}" if m == "fit_s" else "{:.3f}"
                cell = fmt.format(mean)
                if len(v) > 1:
                    cell += " ± " + fmt.format(std)
                cells.append(cell)
            print(f"| {variant} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=["credit"])
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS))
    parser.add_argument("--torch-threads", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, default=OUT / "ablation.csv", help="CSV to write"
    )
    args = parser.parse_args(argv)

    from skgan import GANSampler

    rows = []
    splits = run.benchmark_splits(args.datasets, args.seeds, args.torch_threads)
    for name, seed, split, config in splits:
        n_eval = run.n_eval_rows(split, config)
        for variant in args.variants:
            params = VARIANTS[variant]
            start = time.perf_counter()
            gan = GANSampler(random_state=seed, **params).fit(split["train"])
            fit_s = time.perf_counter() - start
            scores = run.evaluate(split, gan.sample(n_eval, random_state=seed), seed)
            rows.append(
                {
                    "dataset": name,
                    "seed": seed,
                    "variant": variant,
                    "params": json.dumps(params),
                    "fit_s": fit_s,
                    **scores,
                }
            )
            print(f"# {name} {seed} {variant}: fit {fit_s:.1f}s", scores)
            # Written after every fit, so that a long run cut short keeps its rows.
            args.out.parent.mkdir(parents=True, exist_ok=True)
            pd.DataFrame(rows).to_csv(args.out, index=False)

    print_variant_tables(pd.DataFrame(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
