"""The ``skgan`` command: fit, sample, report and a demo on the embedded dataset.

It uses the public API only. Model files are skgan's safe format (``skgan.save``:
no code runs on load). User mistakes (a missing file, an unknown format, a model
file in another format version) end with a one-line message and exit status 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from . import __version__


class UsageError(Exception):
    """A mistake in the command line or its files: message, no traceback."""


# -- files ---------------------------------------------------------------------------
def _table_format(path: Path) -> str:
    suffix = "".join(path.suffixes[-2:]).lower()
    if suffix.endswith((".csv", ".csv.gz")):
        return "csv"
    if suffix.endswith((".parquet", ".pq")):
        return "parquet"
    raise UsageError(
        f"{path}: unknown table format {path.suffix!r}; use .csv, .csv.gz or .parquet."
    )


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or Parquet file into a DataFrame, with a clear error on failure."""
    path = Path(path)
    fmt = _table_format(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file.")
    try:
        if fmt == "csv":
            return pd.read_csv(path)
        return pd.read_parquet(path)
    except ImportError as exc:
        raise UsageError(f"reading {path} needs pyarrow: pip install pyarrow") from exc
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise UsageError(f"{path}: could not be read as {fmt}: {exc}") from exc


def write_stream(chunks, path: str | Path) -> int:
    """Write DataFrame chunks to CSV or Parquet one at a time; return the row count."""
    path = Path(path)
    fmt = _table_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    writer = None
    try:
        for i, chunk in enumerate(chunks):
            if fmt == "csv":
                chunk.to_csv(
                    path, mode="w" if i == 0 else "a", header=i == 0, index=False
                )
            else:
                import pyarrow as pa
                import pyarrow.parquet as pq

                table = pa.Table.from_pandas(chunk, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema)
                writer.write_table(table)
            rows += len(chunk)
    finally:
        if writer is not None:
            writer.close()
    return rows


def save_model(model, path: str | Path) -> None:
    """Write ``model`` in skgan's safe format (:func:`skgan.save`)."""
    from . import save

    save(model, path)


def load_model(path: str | Path):
    """Load a model written by :func:`save_model`, running no code from the file."""
    from . import load

    path = Path(path)
    if not path.is_file():
        raise UsageError(f"{path}: no such model file.")
    try:
        return load(path)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


# -- commands ------------------------------------------------------------------------
def _sampler_from_args(args):
    from . import GANSampler

    params = dict(
        max_iter=args.max_iter,
        batch_size=args.batch_size,
        loss=args.loss,
        k=args.k,
        conditional=args.conditional,
        device=args.device,
        random_state=args.seed,
        verbose=int(not args.quiet),
    )
    if args.categorical:
        params["categorical_features"] = args.categorical.split(",")
    return GANSampler(**params)


def cmd_fit(args) -> None:
    data = read_table(args.data)
    gan = _sampler_from_args(args)
    start = time.perf_counter()
    try:
        gan.fit(data)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{args.data}: {exc}") from exc
    save_model(gan, args.output)
    print(
        f"fitted on {len(data):,} rows x {data.shape[1]} columns in "
        f"{time.perf_counter() - start:.1f} s; model written to {args.output}"
    )


def cmd_sample(args) -> None:
    gan = load_model(args.model)
    chunks = gan.iter_samples(
        args.n, chunk_size=args.chunk_size, random_state=args.seed
    )
    default_names = [f"x{i}" for i in range(gan.n_features_in_)]
    names = list(getattr(gan, "feature_names_in_", default_names))
    frames = (
        c if isinstance(c, pd.DataFrame) else pd.DataFrame(c, columns=names)
        for c in chunks
    )
    rows = write_stream(frames, args.output)
    print(f"wrote {rows:,} rows to {args.output}")


def cmd_report(args) -> None:
    from . import metrics

    real, synthetic = read_table(args.real), read_table(args.synthetic)
    try:
        report = metrics.quality_report(real, synthetic, random_state=args.seed)
        columns = metrics.column_fidelity(real, synthetic)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    report.to_csv(out / "report.csv", index=False)
    columns.to_csv(out / "columns.csv", index=False)
    figures = _report_figures(real, synthetic, out)
    html = [
        "<html><head><meta charset='utf-8'><title>skgan report</title></head><body>",
        f"<h1>skgan report</h1><p>real: {args.real} ({len(real):,} rows); synthetic: "
        f"{args.synthetic} ({len(synthetic):,} rows)</p>",
        "<h2>Summary</h2>",
        report.to_html(index=False, float_format="%.3f"),
        "<h2>Columns</h2>",
        columns.to_html(index=False, float_format="%.3f"),
        *[
            f"<h2>{title}</h2><img src='{name}' style='max-width:100%'>"
            for title, name in figures
        ],
        "</body></html>",
    ]
    (out / "report.html").write_text("\n".join(html), encoding="utf-8")
    print(report.to_string(index=False))
    print(f"report written to {out / 'report.html'}")


def _report_figures(real, synthetic, out: Path) -> list[tuple[str, str]]:
    try:
        from .plotting import plot_marginals
    except ImportError:
        return []
    fig = plot_marginals(real, synthetic)
    fig.savefig(out / "marginals.png", dpi=110, bbox_inches="tight")
    return [("Marginals: real against synthetic", "marginals.png")]


def cmd_demo(args) -> None:
    from . import GANSampler, metrics
    from .datasets import load_penguins

    data = load_penguins()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    print(
        f"Fitting GANSampler on the Palmer penguins table ({len(data)} rows, "
        f"{data.shape[1]} columns with categories and missing values)..."
    )
    gan = GANSampler(
        max_iter=args.max_iter, random_state=args.seed, verbose=int(not args.quiet)
    )
    start = time.perf_counter()
    gan.fit(data)
    seconds = time.perf_counter() - start
    synthetic = gan.sample(len(data))
    synthetic.to_csv(out / "synthetic.csv", index=False)
    summary = {
        "fit_seconds": round(seconds, 1),
        "detection_auc": metrics.detection_auc(data, synthetic, random_state=args.seed),
        "fidelity": metrics.fidelity_score(data, synthetic),
        "missing_rate_real": data.isna().mean().round(3).to_dict(),
        "missing_rate_synthetic": synthetic.isna().mean().round(3).to_dict(),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=float))
    print("\nFirst synthetic rows:")
    print(synthetic.head().to_string())
    print("\nColumn by column (1 = same distribution):")
    print(metrics.column_fidelity(data, synthetic).to_string(index=False))
    print(
        f"\nfit {seconds:.1f} s | detection AUC {summary['detection_auc']:.3f} "
        "(0.5 = indistinguishable) | fidelity "
        f"{summary['fidelity']:.3f} (1 = identical)"
    )
    print(
        f"synthetic rows in {out / 'synthetic.csv'}; summary in {out / 'summary.json'}"
    )


# -- parser --------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skgan",
        description="Synthetic tables with generative adversarial networks.",
    )
    parser.add_argument("--version", action="version", version=f"skgan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="fit on the embedded penguins table and report")
    demo.add_argument("-o", "--output", default="skgan-demo", help="output folder")
    demo.add_argument("--max-iter", type=int, default=1000)
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    demo.set_defaults(func=cmd_demo)

    fit = sub.add_parser("fit", help="fit a GANSampler on a CSV or Parquet table")
    fit.add_argument("data", help="training table (.csv, .csv.gz or .parquet)")
    fit.add_argument("-o", "--output", required=True, help="model file to write")
    # The estimator's own defaults and options, so that the CLI never drifts.
    from . import GANSampler
    from ._losses import LOSSES

    defaults = GANSampler().get_params()
    fit.add_argument(
        "--max-iter",
        type=int,
        default=defaults["max_iter"],
        help=f"training iterations (default {defaults['max_iter']})",
    )
    fit.add_argument("--batch-size", type=int, default=defaults["batch_size"])
    fit.add_argument(
        "--loss",
        default=defaults["loss"],
        choices=list(LOSSES),
    )
    fit.add_argument("--k", type=int, default=defaults["k"], help="D steps per G step")
    fit.add_argument(
        "--conditional",
        action="store_true",
        help="conditional generator with training-by-sampling (keeps rare levels)",
    )
    fit.add_argument(
        "--categorical",
        help="comma-separated categorical columns (default: from the column types)",
    )
    fit.add_argument("--device", default="auto")
    fit.add_argument("--seed", type=int, default=None)
    fit.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    fit.set_defaults(func=cmd_fit)

    sample = sub.add_parser("sample", help="write synthetic rows from a fitted model")
    sample.add_argument("model", help="model file written by 'skgan fit'")
    sample.add_argument("-n", type=int, required=True, help="rows to generate")
    sample.add_argument("-o", "--output", required=True, help=".csv or .parquet")
    sample.add_argument("--seed", type=int, default=None)
    sample.add_argument(
        "--chunk-size",
        type=int,
        default=100_000,
        help="rows generated and written at a time",
    )
    sample.set_defaults(func=cmd_sample)

    report = sub.add_parser("report", help="compare a synthetic table with a real one")
    report.add_argument("real")
    report.add_argument("synthetic")
    report.add_argument("-o", "--output", required=True, help="report folder")
    report.add_argument("--seed", type=int, default=0)
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``skgan`` console script."""
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except UsageError as exc:
        print(f"skgan {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
