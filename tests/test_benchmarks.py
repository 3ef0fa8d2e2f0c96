"""The benchmark runner (benchmarks/run.py) in its seconds-long --smoke mode."""

from __future__ import annotations

import importlib.util
import math
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from skgan.datasets import load_penguins

# benchmarks/ is not installed: import it from the repository root.
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import run as bench  # noqa: E402
from benchmarks.baselines import GaussianMixtureSampler  # noqa: E402

HAS_CTGAN = importlib.util.find_spec("ctgan") is not None
MODELS = ["skgan", "gmm"] + (["ctgan", "tvae"] if HAS_CTGAN else [])
SMOKE_SKGAN = '{"max_iter": 20}'

# Finite for every fitted model on every dataset.
SPEED = ["fit_s", "sample_rows_per_s"]
QUALITY = [
    "detection_auc",
    "fidelity",
    "column_fidelity",
    "pair_fidelity",
    "dcr_ratio",
    "exact_copy_rate",
    "holdout_exact_copy_rate",
]


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    """One in-process smoke run on penguins and ring, shared by the tests."""
    out = tmp_path_factory.mktemp("bench")
    results_md = out / "RESULTS.md"
    status = bench.main(
        [
            "--smoke",
            "--in-process",
            "--datasets",
            "penguins",
            "ring",
            "--models",
            *MODELS,
            "--skgan-params",
            SMOKE_SKGAN,
            "--ctgan-epochs",
            "1",
            "--out",
            str(out / "out"),
            "--results-md",
            str(results_md),
        ]
    )
    return status, out


def _rows(out: Path) -> pd.DataFrame:
    files = sorted((out / "out" / "runs").glob("*.csv"))
    assert files, "no CSV written"
    return pd.concat([pd.read_csv(f) for f in files], ignore_index=True)


def _assert_finite(row: pd.Series, columns: list[str]) -> None:
    for column in columns:
        value = float(row[column])
        assert math.isfinite(value), (row["dataset"], row["model"], column, value)


def test_smoke_writes_finite_rows(smoke_run):
    status, out = smoke_run
    assert status == 0
    rows = _rows(out)
    assert set(rows["status"]) == {"ok"}
    for dataset in ("penguins", "ring"):
        for model in ["skgan", "gmm", bench.REFERENCE]:
            sub = rows[(rows["dataset"] == dataset) & (rows["model"] == model)]
            assert len(sub) == 1, (dataset, model)
            row = sub.iloc[0]
            _assert_finite(row, QUALITY)
            if model != bench.REFERENCE:
                _assert_finite(row, SPEED + ["peak_delta_mib", "torch_threads"])
                assert 0.0 <= row["detection_auc"] <= 1.0
            if dataset == "penguins":
                _assert_finite(row, ["ml_real"])
                assert row["ml_metric"] == "f1_macro"
            else:
                _assert_finite(row, ["modes", "high_quality"])
                assert row["n_modes"] == 8
    skgan = rows[(rows["model"] == "skgan") & (rows["dataset"] == "penguins")].iloc[0]
    _assert_finite(
        skgan, ["epochs", "s_per_epoch", "n_iter", "it_per_s", "ml_synthetic"]
    )
    assert skgan["n_iter"] == 20
    ref = rows[(rows["model"] == bench.REFERENCE) & (rows["dataset"] == "ring")]
    # Real rows cover every mode of the ring.
    assert ref.iloc[0]["modes"] == 8


@pytest.mark.parametrize("model", ["ctgan", "tvae"])
def test_smoke_ctgan_and_tvae_rows(smoke_run, model):
    pytest.importorskip("ctgan")
    _, out = smoke_run
    rows = _rows(out)
    for dataset in ("penguins", "ring"):
        sub = rows[(rows["dataset"] == dataset) & (rows["model"] == model)]
        assert len(sub) == 1
        row = sub.iloc[0]
        assert row["status"] == "ok", row["error"]
        _assert_finite(row, SPEED + QUALITY + ["epochs", "s_per_epoch"])
        assert row["epochs"] == 1
    penguins = rows[(rows["dataset"] == "penguins") & (rows["model"] == model)]
    # penguins has NaN in continuous columns, which ctgan's models need a
    # workaround for.
    assert "NaN workaround" in penguins.iloc[0]["notes"]


def test_smoke_markdown(smoke_run):
    _, out = smoke_run
    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    assert text.startswith(bench.PREAMBLE_BEGIN)
    for heading in ("## penguins", "## ring", "## Published figures (not rerun here)"):
        assert heading in text
    for model in [*MODELS, bench.REFERENCE]:
        assert f"| {model} | 1 |" in text
    assert (out / "out" / "summary.md").exists()


def test_subprocess_run_accumulates_and_keeps_preamble(smoke_run, tmp_path):
    """A second command, fitting in a child process, adds to the same files."""
    _, first = smoke_run
    shutil.copytree(first / "out", tmp_path / "out")
    results_md = tmp_path / "RESULTS.md"
    results_md.write_text(
        f"{bench.PREAMBLE_BEGIN}\nMy own notes.\n{bench.PREAMBLE_END}\nold tables\n",
        encoding="utf-8",
    )
    status = bench.main(
        [
            "--smoke",
            "--datasets",
            "ring",
            "--models",
            "gmm",
            "--out",
            str(tmp_path / "out"),
            "--results-md",
            str(results_md),
        ]
    )
    assert status == 0
    text = results_md.read_text(encoding="utf-8")
    assert "My own notes." in text and "old tables" not in text
    assert "## penguins" in text and "## ring" in text
    latest = bench.load_results(tmp_path / "out")
    gmm = latest[(latest["dataset"] == "ring") & (latest["model"] == "gmm")]
    assert len(gmm) == 1
    row = gmm.iloc[0]
    assert row["status"] == "ok" and bool(row["isolated"])
    assert math.isfinite(row["peak_delta_mib"]) and row["peak_rss_mib"] > 0
    # The skgan ring row of the first run is still there.
    assert ((latest["dataset"] == "ring") & (latest["model"] == "skgan")).any()


def _copied_results(smoke_run, tmp_path: Path) -> Path:
    """The smoke run's RESULTS.md, copied to ``tmp_path``."""
    results_md = tmp_path / "RESULTS.md"
    shutil.copy(smoke_run[1] / "RESULTS.md", results_md)
    return results_md


def _sections(results_md: Path) -> dict[str, str]:
    text = results_md.read_text(encoding="utf-8")
    return bench.dataset_sections(text.split(bench.PREAMBLE_END)[1])


def test_sections_without_csvs_are_kept(smoke_run, tmp_path):
    results_md = _copied_results(smoke_run, tmp_path)
    # A fresh out folder (e.g. a new checkout): only the markdown is left.
    status = bench.main(
        [
            "--render-only",
            "--out",
            str(tmp_path / "empty"),
            "--results-md",
            str(results_md),
        ]
    )
    assert status == 0
    text = results_md.read_text(encoding="utf-8")
    sections = _sections(results_md)
    assert set(sections) == {"penguins", "ring"}
    assert all(bench.KEPT_NOTE in section for section in sections.values())
    assert "| skgan | 1 |" in sections["penguins"]
    assert text.count("## Published figures (not rerun here)") == 1


def test_kept_rows_keep_only_the_runs_that_could_have_made_them():
    command = "python -m benchmarks.run --datasets t --seeds 3"
    section = "\n".join(
        [
            "| model | seeds |",
            "|---|---|",
            "| skgan | 3 |",
            "| tvae | 3 |",
            f"| {bench.REFERENCE} | 3 |",
            f"* run 2026-01-03: `{command} --models skgan`; machine",
            f"* run 2026-01-02: `{command} --models skgan tvae --timeout 9`; m",
            f"* run 2026-01-01: `{command}`; machine",
            "* skgan: `defaults`",
            "* tvae: `{}`",
        ]
    )
    kept = bench.kept_model_lines(section, present={"skgan"})
    assert kept["models"] == ["tvae"] and kept["details"] == ["* tvae: `{}`"]
    assert [line[:17] for line in kept["runs"]] == [
        "* run 2026-01-02:",
        "* run 2026-01-01:",
    ]
    assert bench.kept_model_lines(section, present={"skgan", "tvae"})["runs"] == []


def test_rows_of_models_without_csvs_are_kept(smoke_run, tmp_path):
    results_md = _copied_results(smoke_run, tmp_path)
    # A fresh checkout reruns one model of a table: the others' rows stay.
    status = bench.main(
        [
            "--smoke",
            "--in-process",
            "--datasets",
            "penguins",
            "--models",
            "gmm",
            "--out",
            str(tmp_path / "fresh"),
            "--results-md",
            str(results_md),
        ]
    )
    assert status == 0
    section = _sections(results_md)["penguins"]
    others = [m for m in MODELS if m != "gmm"]
    assert bench.kept_models_note(others) in section
    for model in [*MODELS, bench.REFERENCE]:
        assert section.count(f"| {model} | 1 |") == 1
    table = [line for line in section.splitlines() if line.startswith("| ")]
    assert table[-1].startswith(f"| {bench.REFERENCE} |")
    assert section.count("* skgan: ") == 1 and section.count("* gmm: ") == 1
    # A second render keeps them once, not twice.
    render = ["--render-only", "--out", str(tmp_path / "fresh")]
    assert bench.main([*render, "--results-md", str(results_md)]) == 0
    assert _sections(results_md)["penguins"] == section


def test_gaussian_mixture_round_trip():
    frame = load_penguins()
    sampler = GaussianMixtureSampler(n_components=3, random_state=0).fit(frame)
    synthetic = sampler.sample(500)
    assert list(synthetic.columns) == list(frame.columns)
    assert (synthetic.dtypes == frame.dtypes).all()
    # Missing values come back through the indicator and the NaN level.
    assert synthetic["sex"].isna().any()
    assert synthetic["year"].isin(frame["year"].unique()).all()
    numeric = synthetic["body_mass_g"].dropna()
    assert numeric.between(frame["body_mass_g"].min(), frame["body_mass_g"].max()).all()
    # Successive calls give new rows.
    assert not synthetic.equals(sampler.sample(500))


def test_gaussian_mixture_on_array():
    X = np.random.default_rng(0).normal(size=(300, 2))
    samples = GaussianMixtureSampler(n_components=2, random_state=0).fit(X).sample(50)
    assert isinstance(samples, np.ndarray) and samples.shape == (50, 2)


def test_gpu_splits_travel_as_files_with_their_dtypes(tmp_path, monkeypatch):
    # benchmarks/gpu.py --export-splits / --splits: Parquet alone would turn a
    # categorical of integer levels (census' industry codes) into int64.
    from benchmarks import gpu

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "code": pd.Categorical(rng.choice([3, 7, 11], 40), categories=[3, 7, 11]),
            "grade": pd.Categorical(
                rng.choice(["a", "b", None], 40), categories=["b", "a"], ordered=True
            ),
            "value": np.where(rng.random(40) < 0.2, np.nan, rng.normal(size=40)),
        }
    )

    def make_split(name, seed, config):
        rows = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        return {
            "train": rows[:30],
            "holdout": rows[30:].reset_index(drop=True),
            "target": "value",
            "task": "regression",
        }

    monkeypatch.setattr(bench, "make_split", make_split)
    gpu.export_splits(["toy"], 2, tmp_path)
    for seed in (0, 1):
        written = make_split("toy", seed, None)
        read = gpu.load_split("toy", seed, tmp_path)
        pd.testing.assert_frame_equal(read["train"], written["train"])
        pd.testing.assert_frame_equal(read["holdout"], written["holdout"])
        assert (read["target"], read["task"]) == ("value", "regression")
