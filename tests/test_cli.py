import json

import pandas as pd
import pytest

import skgan
from skgan import cli
from skgan.datasets import load_penguins


@pytest.fixture
def penguins_csv(tmp_path):
    path = tmp_path / "penguins.csv"
    load_penguins().to_csv(path, index=False)
    return path


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_fit_sample_report_round_trip(tmp_path, penguins_csv, capsys):
    model = tmp_path / "model.skops"
    code, out, _ = run(
        capsys,
        "fit",
        penguins_csv,
        "-o",
        model,
        "--max-iter",
        20,
        "--batch-size",
        64,
        "--seed",
        0,
        "-q",
    )
    assert code == 0 and model.exists() and "fitted on 344 rows" in out

    synthetic = tmp_path / "synthetic.csv"
    code, out, _ = run(
        capsys,
        "sample",
        model,
        "-n",
        250,
        "-o",
        synthetic,
        "--chunk-size",
        100,
        "--seed",
        1,
    )
    assert code == 0 and "wrote 250 rows" in out
    frame = pd.read_csv(synthetic)
    assert list(frame.columns) == list(load_penguins().columns)
    assert len(frame) == 250

    parquet = tmp_path / "synthetic.parquet"
    pytest.importorskip("pyarrow")
    assert (
        run(capsys, "sample", model, "-n", 120, "-o", parquet, "--chunk-size", 50)[0]
        == 0
    )
    assert len(pd.read_parquet(parquet)) == 120

    report = tmp_path / "report"
    code, out, _ = run(capsys, "report", penguins_csv, synthetic, "-o", report)
    assert code == 0
    html = (report / "report.html").read_text()
    assert "detection" in html.lower()
    assert (report / "marginals.png").exists()


def test_demo_writes_rows_and_summary(tmp_path, capsys):
    code, out, _ = run(capsys, "demo", "-o", tmp_path, "--max-iter", 30, "-q")
    assert code == 0
    assert len(pd.read_csv(tmp_path / "synthetic.csv")) == 344
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert 0 <= summary["detection_auc"] <= 1
    assert "detection AUC" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["fit", "missing.csv", "-o", "m.skops"], "no such file"),
        (["fit", "data.xlsx", "-o", "m.skops"], "unknown table format"),
        (["sample", "missing.skops", "-n", "5", "-o", "x.csv"], "no such model"),
    ],
)
def test_user_mistakes_exit_2_with_a_message(
    tmp_path, monkeypatch, capsys, argv, message
):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_model_in_another_format_version_is_refused(
    tmp_path, monkeypatch, penguins_csv, capsys
):
    path = tmp_path / "old.skops"
    gan = skgan.GANSampler(max_iter=2, random_state=0).fit(pd.read_csv(penguins_csv))
    monkeypatch.setattr("skgan._persistence.FORMAT_VERSION", 0)
    skgan.save(gan, path)
    monkeypatch.undo()
    code, _, err = run(capsys, "sample", path, "-n", 5, "-o", tmp_path / "x.csv")
    assert code == 2 and "uses skgan file format 0" in err and "Traceback" not in err


def test_not_a_model_file_is_refused(tmp_path, penguins_csv, capsys):
    code, _, err = run(
        capsys, "sample", penguins_csv, "-n", 5, "-o", tmp_path / "x.csv"
    )
    assert code == 2 and "not a file written by skgan.save" in err


def test_help_on_every_command(capsys):
    for command in ("demo", "fit", "sample", "report"):
        with pytest.raises(SystemExit) as exit_info:
            cli.main([command, "--help"])
        assert exit_info.value.code == 0
        assert "usage: skgan " + command in capsys.readouterr().out


def test_fit_conditional(tmp_path, penguins_csv, capsys):
    model = tmp_path / "model.skops"
    argv = ["fit", penguins_csv, "-o", model, "--max-iter", 5, "--conditional", "-q"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    loaded = skgan.load(model)
    assert loaded.conditional and loaded.generator_.condition is not None
