"""skgan.save / skgan.load: the safe file format built on skops.io."""

import warnings

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
import torch
from sklearn.exceptions import NotFittedError

import skgan
from skgan import GANSampler
from skgan._validation import fused_adam_supported
from skgan.datasets import load_penguins, make_ring


@pytest.fixture
def mixed_table():
    X = load_penguins()
    n = len(X)
    X["when"] = pd.Timestamp("2020-01-01", tz="UTC") + pd.to_timedelta(
        np.arange(n), unit="D"
    )
    X["count"] = pd.array(np.arange(n) % 7, dtype="Int64")
    X.loc[::5, "count"] = pd.NA
    X["label"] = X["species"].astype("string")
    X["flag"] = X["sex"] == "male"
    X["text"] = X["island"].astype(object)
    return X


@pytest.mark.parametrize("transform", ["auto", "quantile", "mode-specific"])
def test_round_trip_keeps_samples_dtypes_and_training_state(
    mixed_table, tmp_path, transform
):
    if transform == "auto":
        # A spiked column and a clustered one: their scalers are in the file too.
        n = len(mixed_table)
        mixed_table["amount"] = np.where(np.arange(n) % 4 == 0, np.arange(n), 0)
        mixed_table["ring"] = make_ring(n, random_state=0)[:, 0]
    gan = GANSampler(
        max_iter=6, batch_size=64, continuous_transform=transform, random_state=0
    )
    gan.fit(mixed_table)
    if transform == "auto":
        assert gan.encoder_.spiked_columns_ == {"amount": [0]}
        assert gan.encoder_.clustered_columns_ == {"ring": 5}
    path = tmp_path / "gan.skops"
    skgan.save(gan, path)
    loaded = skgan.load(path)

    assert loaded.get_params() == gan.get_params()
    pd.testing.assert_frame_equal(
        loaded.sample(80, random_state=1), gan.sample(80, random_state=1)
    )
    # The sampler's own stream continues where it was.
    pd.testing.assert_frame_equal(loaded.sample(30), gan.sample(30))
    assert list(loaded.feature_names_in_) == list(mixed_table.columns)
    assert len(loaded.history_) == len(gan.history_)
    assert loaded.history_[-1, "g_loss"] == gan.history_[-1, "g_loss"]

    # Optimizer state is kept too: warm-started training goes on identically.
    for model in (gan, loaded):
        model.set_params(warm_start=True, max_iter=3).fit(mixed_table)
    pd.testing.assert_frame_equal(
        loaded.sample(50, random_state=2), gan.sample(50, random_state=2)
    )


def test_round_trip_of_an_array_model(tmp_path, numeric_data):
    gan = GANSampler(max_iter=4, random_state=0).fit(numeric_data)
    skgan.save(gan, tmp_path / "gan.skops")
    loaded = skgan.load(tmp_path / "gan.skops")
    np.testing.assert_array_equal(
        loaded.sample(20, random_state=0), gan.sample(20, random_state=0)
    )
    assert loaded.score(numeric_data) == pytest.approx(gan.score(numeric_data))


class _Payload:
    """Stands for a malicious object: it records whether it was ever rebuilt."""

    rebuilt = False

    def __setstate__(self, state):
        type(self).rebuilt = True
        self.__dict__.update(state)


def test_unknown_types_are_refused_before_anything_is_built(tmp_path):
    path = tmp_path / "evil.skops"
    sio.dump({"format": "skgan-skops", "payload": _Payload()}, path)
    with pytest.raises(ValueError, match="_Payload"):
        skgan.load(path)
    assert not _Payload.rebuilt


def test_other_format_versions_and_other_files_are_refused(
    tmp_path, monkeypatch, numeric_data
):
    gan = GANSampler(max_iter=2, random_state=0).fit(numeric_data)
    monkeypatch.setattr("skgan._persistence.FORMAT_VERSION", 99)
    skgan.save(gan, tmp_path / "future.skops")
    monkeypatch.undo()
    with pytest.raises(ValueError, match="format 99"):
        skgan.load(tmp_path / "future.skops")

    (tmp_path / "table.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="not a file written by skgan.save"):
        skgan.load(tmp_path / "table.csv")
    sio.dump({"something": "else"}, tmp_path / "other.skops")
    with pytest.raises(ValueError, match="not a file written by skgan.save"):
        skgan.load(tmp_path / "other.skops")
    with pytest.raises(FileNotFoundError):
        skgan.load(tmp_path / "missing.skops")


def test_a_gpu_model_loads_on_a_cpu_only_machine(tmp_path, monkeypatch, numeric_data):
    gan = GANSampler(max_iter=2, device="cpu", random_state=0).fit(numeric_data)
    # What a file from a GPU machine records; the weights are stored as arrays.
    gan.set_params(device="cuda")
    skgan.save(gan, tmp_path / "gpu.skops")
    monkeypatch.setattr("torch.cuda.is_available", lambda: False)
    with pytest.warns(UserWarning, match="loading it on the CPU"):
        loaded = skgan.load(tmp_path / "gpu.skops")
    assert loaded.device == "cpu"
    assert next(loaded.generator_.parameters()).device.type == "cpu"
    np.testing.assert_array_equal(
        loaded.sample(10, random_state=0), gan.sample(10, random_state=0)
    )


def test_the_loading_machine_picks_the_adam_kernel(tmp_path, monkeypatch, numeric_data):
    gan = GANSampler(max_iter=3, random_state=0).fit(numeric_data)
    fused = True if fused_adam_supported(torch.device("cpu")) else None
    assert [g.get("fused") for g in gan.net_.optimizer_.param_groups] == [fused] * 2
    skgan.save(gan, tmp_path / "fused.skops")
    # A machine (or torch) without a fused kernel runs Adam's plain loop instead.
    monkeypatch.setattr("skgan._sampler.fused_adam_supported", lambda device: False)
    loaded = skgan.load(tmp_path / "fused.skops")
    assert [g.get("fused") for g in loaded.net_.optimizer_.param_groups] == [None] * 2
    assert loaded.net_.optimizer_.state_dict()["state"].keys() == (
        gan.net_.optimizer_.state_dict()["state"].keys()
    )
    loaded.set_params(warm_start=True, max_iter=2).fit(numeric_data)
    assert np.isfinite(loaded.sample(20, random_state=0)).all()


def test_other_skgan_versions_load_with_a_warning(tmp_path, monkeypatch, numeric_data):
    gan = GANSampler(max_iter=2, random_state=0).fit(numeric_data)
    monkeypatch.setattr("skgan._persistence.__version__", "0.0.1")
    skgan.save(gan, tmp_path / "old.skops")
    monkeypatch.undo()
    with pytest.warns(UserWarning, match="written by skgan 0.0.1"):
        skgan.load(tmp_path / "old.skops")


def test_what_cannot_be_saved(tmp_path, numeric_data):
    with pytest.raises(TypeError, match="GANSampler"):
        skgan.save(skgan.TableEncoder().fit(numeric_data), tmp_path / "x.skops")
    with pytest.raises(NotFittedError):
        skgan.save(GANSampler(), tmp_path / "x.skops")

    from skorch.callbacks import EpochTimer

    gan = GANSampler(max_iter=2, callbacks=[("timer", EpochTimer())], random_state=0)
    gan.fit(numeric_data)
    with pytest.warns(UserWarning, match="callbacks are not saved"):
        skgan.save(gan, tmp_path / "cb.skops")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert skgan.load(tmp_path / "cb.skops").callbacks is None
