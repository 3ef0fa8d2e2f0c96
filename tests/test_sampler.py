"""GANSampler's contract: parameters, fitting, sampling, persistence, errors."""

import io
import os
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
import skorch
import torch
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from skorch.callbacks import (
    Callback,
    Checkpoint,
    EarlyStopping,
    LRScheduler,
    ProgressBar,
)
from threadpoolctl import threadpool_limits

from skgan import GANSampler


def test_fit_returns_self_and_sample_has_the_right_shape(fast_params, numeric_data):
    gan = GANSampler(**fast_params)
    assert gan.fit(numeric_data) is gan
    out = gan.sample(7)
    assert isinstance(out, np.ndarray)
    assert out.shape == (7, 3)
    assert gan.sample().shape == (1, 3)
    assert gan.n_features_in_ == 3
    assert gan.n_iter_ == fast_params["max_iter"]


def test_the_first_line_a_user_types_works(numeric_data):
    assert GANSampler(k=1, max_iter=5).fit(numeric_data).sample(100).shape == (100, 3)


def test_numeric_dataframe_in_dataframe_out(fast_params, numeric_data):
    df = pd.DataFrame(numeric_data, columns=["a", "b", "c"])
    gan = GANSampler(**fast_params).fit(df)
    out = gan.sample(5)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["a", "b", "c"]
    assert list(gan.feature_names_in_) == ["a", "b", "c"]


def test_history_has_the_paper_diagnostics(fast_params, numeric_data):
    gan = GANSampler(**fast_params).fit(numeric_data)
    row = gan.history_[-1]
    for key in ("d_loss", "g_loss", "d_real", "d_fake", "js_estimate", "n_iter", "dur"):
        assert np.isfinite(row[key]), key
    assert 0 < row["d_real"] < 1 and 0 < row["d_fake"] < 1
    # 200 rows / batch of 32 -> 7 iterations an epoch; 20 iterations -> 3 epochs.
    assert gan.history_[:, "n_iter"] == [7, 7, 6]


def test_same_random_state_gives_identical_fits_and_samples(fast_params, numeric_data):
    a = GANSampler(**fast_params).fit(numeric_data)
    b = GANSampler(**fast_params).fit(numeric_data)
    np.testing.assert_array_equal(a.sample(50), b.sample(50))
    np.testing.assert_array_equal(a.sample(50), b.sample(50))
    np.testing.assert_array_equal(
        a.sample(9, random_state=4), b.sample(9, random_state=4)
    )
    assert a.history_[:, "d_loss"] == b.history_[:, "d_loss"]


def test_successive_samples_differ(fast_params, numeric_data):
    gan = GANSampler(**fast_params).fit(numeric_data)
    assert not np.array_equal(gan.sample(5), gan.sample(5))
    np.testing.assert_array_equal(
        gan.sample(5, random_state=1), gan.sample(5, random_state=1)
    )


def test_different_random_state_gives_different_fits(fast_params, numeric_data):
    a = GANSampler(**{**fast_params, "random_state": 0}).fit(numeric_data)
    b = GANSampler(**{**fast_params, "random_state": 1}).fit(numeric_data)
    assert not np.array_equal(a.sample(5, random_state=0), b.sample(5, random_state=0))


def test_global_rng_state_is_never_touched(fast_params, numeric_data):
    torch_state = torch.random.get_rng_state().clone()
    np_state = np.random.get_state()[1].copy()  # noqa: NPY002 (the legacy global)
    gan = GANSampler(**fast_params, discriminator_dropout=0.3, spectral_norm=True)
    gan.fit(numeric_data).sample(10)
    gan.score(numeric_data)
    assert torch.equal(torch_state, torch.random.get_rng_state())
    np.testing.assert_array_equal(np_state, np.random.get_state()[1])  # noqa: NPY002


def test_clone_and_nested_network_parameters(fast_params):
    gan = GANSampler(**fast_params)
    gan.set_params(generator_hidden_layer_sizes=(8, 8), discriminator_dropout=0.2)
    params = clone(gan).get_params()
    assert params["generator_hidden_layer_sizes"] == (8, 8)
    assert params["discriminator_dropout"] == 0.2


def test_network_parameters_shape_the_fitted_networks(fast_params, numeric_data):
    fast_params.update(
        generator_hidden_layer_sizes=(8, 4), discriminator_hidden_layer_sizes=(5,)
    )
    gan = GANSampler(**fast_params).fit(numeric_data)
    g_widths = [
        m.out_features
        for m in gan.generator_.modules()
        if isinstance(m, torch.nn.Linear)
    ]
    d_widths = [
        m.out_features
        for m in gan.discriminator_.modules()
        if isinstance(m, torch.nn.Linear)
    ]
    assert g_widths == [8, 4, 3]
    assert d_widths == [5, 1]


def test_pipeline_with_preprocessing(fast_params, numeric_data):
    pipe = Pipeline([("scale", StandardScaler()), ("gan", GANSampler(**fast_params))])
    pipe.fit(numeric_data)
    out = pipe[:-1].inverse_transform(pipe[-1].sample(20))
    assert out.shape == (20, 3)


def test_joblib_round_trip_keeps_samples(fast_params, numeric_data):
    gan = GANSampler(**fast_params).fit(numeric_data)
    expected = gan.sample(30, random_state=0)
    buffer = io.BytesIO()
    joblib.dump(gan, buffer)
    buffer.seek(0)
    loaded = joblib.load(buffer)
    np.testing.assert_array_equal(loaded.sample(30, random_state=0), expected)


def test_gpu_trained_model_loads_on_cpu_only_machine(fast_params, numeric_data):
    # Simulated: the pickle says 'cuda', and torch here sees no GPU; skorch maps the
    # weights to the CPU with a warning and sampling goes on there.
    gan = GANSampler(**fast_params).fit(numeric_data)
    expected = gan.sample(10, random_state=0)
    gan.net_.device = "cuda"
    buffer = io.BytesIO()
    joblib.dump(gan, buffer)
    buffer.seek(0)
    if torch.cuda.is_available():
        pytest.skip("needs a machine without CUDA")
    with pytest.warns(Warning, match="(?i)cuda"):
        loaded = joblib.load(buffer)
    assert str(loaded.net_.device) == "cpu"
    np.testing.assert_array_equal(loaded.sample(10, random_state=0), expected)


def test_cuda_without_gpu_is_a_clear_error(fast_params, numeric_data):
    if torch.cuda.is_available():
        pytest.skip("needs a machine without CUDA")
    with pytest.raises(ValueError, match="CUDA GPU but torch sees none"):
        GANSampler(**fast_params, device="cuda").fit(numeric_data)
    with pytest.raises(ValueError, match="not a device torch knows"):
        GANSampler(**fast_params, device="gpu-please").fit(numeric_data)


def test_auto_device_is_cpu_here(fast_params, numeric_data):
    gan = GANSampler(**fast_params, device="auto").fit(numeric_data)
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert next(gan.generator_.parameters()).device.type == expected


def test_verbose_shows_progress_and_silent_by_default(
    fast_params, numeric_data, capsys
):
    GANSampler(**fast_params).fit(numeric_data)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    GANSampler(**fast_params, verbose=1).fit(numeric_data)
    err = capsys.readouterr().err
    assert "GANSampler" in err and "d_loss" in err
    # Not a terminal (captured): the start and the kept last line, not a line
    # per epoch.
    assert err.count("GANSampler") == 2
    assert f"{fast_params['max_iter']}/{fast_params['max_iter']}" in err


def test_warm_start_continues_training(fast_params, numeric_data):
    gan = GANSampler(**fast_params, warm_start=True).fit(numeric_data)
    weights = [p.detach().clone() for p in gan.generator_.parameters()]
    gan.fit(numeric_data)
    assert gan.n_iter_ == 2 * fast_params["max_iter"]
    assert len(gan.history_) == 6
    changed = [
        not torch.equal(a, b)
        for a, b in zip(weights, gan.generator_.parameters(), strict=True)
    ]
    assert any(changed)
    cold = GANSampler(**fast_params).fit(numeric_data)
    cold.fit(numeric_data)
    assert cold.n_iter_ == fast_params["max_iter"]


def test_linear_schedule_decays_each_fit(fast_params, numeric_data):
    params = {**fast_params, "generator_lr": 3e-3, "discriminator_lr": 1e-3}
    seen = []

    class RecordRates(Callback):
        def on_batch_begin(self, net, **kwargs):
            seen.append([group["lr"] for group in net.optimizer_.param_groups])

    gan = GANSampler(**params, warm_start=True, callbacks=[RecordRates()])
    gan.fit(numeric_data)
    n = fast_params["max_iter"]
    rates = np.array(seen)
    assert len(rates) == n
    np.testing.assert_allclose(rates[0], [3e-3, 1e-3])
    # Falls by the same step every iteration, ending one step above zero.
    np.testing.assert_allclose(rates[:, 0], 3e-3 * (1 - np.arange(n) / n), rtol=1e-6)
    assert [g["lr"] for g in gan.net_.optimizer_.param_groups] == [0.0, 0.0]
    # A warm-started fit starts again from the full rates.
    seen.clear()
    gan.fit(numeric_data)
    np.testing.assert_allclose(seen[0], [3e-3, 1e-3])

    seen.clear()
    GANSampler(**params, lr_schedule="constant", callbacks=[RecordRates()]).fit(
        numeric_data
    )
    np.testing.assert_allclose(np.array(seen), [[3e-3, 1e-3]] * n)

    # Switching to constant rates (and new rates) in a warm start takes effect:
    # training does not stay at the 0 the decay ended on.
    seen.clear()
    gan.set_params(lr_schedule="constant", generator_lr=5e-4).fit(numeric_data)
    np.testing.assert_allclose(np.array(seen), [[5e-4, 1e-3]] * n)


def test_skorch_callbacks_work(fast_params, numeric_data, tmp_path):
    gan = GANSampler(
        **{**fast_params, "max_iter": 200},
        lr_schedule="constant",  # the StepLR callback below owns the rates
        callbacks=[
            EarlyStopping(
                monitor="js_estimate", patience=1, threshold=10.0, sink=lambda *a: None
            ),
            LRScheduler("StepLR", step_size=1, gamma=0.5),
            ProgressBar(),
            Checkpoint(monitor=None, dirname=str(tmp_path), f_history=None),
        ],
    ).fit(numeric_data)
    # EarlyStopping stopped long before 200 iterations (29 epochs).
    assert len(gan.history_) <= 3
    lrs = [group["lr"] for group in gan.net_.optimizer_.param_groups]
    assert lrs[0] < fast_params.get("generator_lr", 1e-3)
    assert (tmp_path / "params.pt").exists()


def test_user_callbacks_are_not_mutated(fast_params, numeric_data):
    stopper = EarlyStopping(
        monitor="js_estimate", patience=1, threshold=10.0, sink=lambda *a: None
    )
    gan = GANSampler(**{**fast_params, "max_iter": 200}, callbacks=[stopper])
    gan.fit(numeric_data)
    assert len(gan.history_) <= 3
    assert stopper.misses_ == 0


def test_discriminator_proba_is_a_probability_per_row(fast_params, numeric_data):
    gan = GANSampler(**fast_params, pac=2).fit(numeric_data)
    proba = gan.discriminator_proba(numeric_data[:11])
    assert proba.shape == (11,)
    assert np.all((proba > 0) & (proba < 1))


def test_every_loss_trains(fast_params, numeric_data):
    for loss in ("minimax", "non-saturating", "wasserstein-gp", "hinge"):
        gan = GANSampler(**fast_params, loss=loss, pac=2, k=2).fit(numeric_data)
        assert np.isfinite(gan.sample(20)).all(), loss
        assert np.isfinite(gan.history_[-1, "d_loss"]), loss


@pytest.mark.parametrize("reuse", [True, False])
@pytest.mark.parametrize("k", [1, 3])
def test_generator_step_reuses_the_last_discriminator_batch(
    fast_params, numeric_data, monkeypatch, reuse, k
):
    from skgan._networks import Discriminator

    seen = []  # D's inputs in training: (rows, whether they carry G's graph)
    forward = Discriminator.forward

    def spy(self, x, *args, **kwargs):
        if self.training:
            seen.append((x.detach().float().clone(), x.requires_grad))
        return forward(self, x, *args, **kwargs)

    monkeypatch.setattr(Discriminator, "forward", spy)
    params = {**fast_params, "max_iter": 4, "batch_size": 16}
    GANSampler(**params, k=k, reuse_generated_batch=reuse).fit(numeric_data)
    assert len(seen) == 4 * (k + 1)
    for i in range(4):
        *d_steps, (g_rows, g_tracked) = seen[i * (k + 1) : (i + 1) * (k + 1)]
        # D's steps see real then generated rows, cut off from G's graph; the
        # generator step back-propagates through G.
        assert all(len(x) == 32 and not tracked for x, tracked in d_steps)
        assert len(g_rows) == 16 and g_tracked
        last_generated = d_steps[-1][0][16:]
        assert torch.equal(g_rows, last_generated) is reuse


def test_sgd_and_uniform_prior(fast_params, numeric_data):
    gan = GANSampler(**fast_params, optimizer="sgd", noise="uniform").fit(numeric_data)
    assert np.isfinite(gan.sample(10)).all()


def test_divergence_stops_with_a_clear_error(fast_params, numeric_data):
    gan = GANSampler(
        **fast_params,
        generator_lr=1e12,
        discriminator_lr=1e12,
        optimizer="sgd",
        momentum=0.0,
    )
    with pytest.raises(FloatingPointError, match="diverged"):
        gan.fit(numeric_data * 1e6)


def test_non_finite_weights_fail_the_fit_check(fast_params, numeric_data):
    # The losses can stay finite while one weight is not (say, a D weight that
    # the last step blew up): the check after training must still catch it.
    gan = GANSampler(**fast_params).fit(numeric_data)
    gan._check_finite_weights()
    with torch.no_grad():
        next(gan.discriminator_.parameters()).view(-1)[0] = float("inf")
    with pytest.raises(FloatingPointError, match="no longer finite"):
        gan._check_finite_weights()


def test_iter_samples_streams_chunks(fast_params, numeric_data):
    gan = GANSampler(**fast_params).fit(numeric_data)
    chunks = list(gan.iter_samples(25, chunk_size=10, random_state=0))
    assert [len(c) for c in chunks] == [10, 10, 5]
    np.testing.assert_array_equal(
        np.concatenate(chunks),
        np.concatenate(list(gan.iter_samples(25, chunk_size=10, random_state=0))),
    )


@pytest.mark.parametrize("as_frame", [False, True])
def test_sample_joins_chunks_like_iter_samples(fast_params, monkeypatch, as_frame):
    # sample assembles chunks itself (to bound memory); it must give the same rows,
    # dtypes and index as joining the stream, here over chunks and CPU blocks.
    monkeypatch.setattr("skgan._sampler.DEFAULT_CHUNK_SIZE", 40)
    monkeypatch.setattr("skgan._generation.CPU_BLOCK_SIZE", 16)
    rng = np.random.default_rng(0)
    X = pd.DataFrame(
        {
            "x": rng.normal(size=200),
            "n": pd.array(rng.integers(0, 5, 200), dtype="Int64"),
            "c": pd.Categorical(rng.choice(["a", "b", None], 200)),
            "s": rng.choice(["u", "v"], 200).astype(object),
            "b": pd.array(rng.random(200) < 0.5, dtype="boolean"),
            "t": pd.date_range("2024-01-01", periods=200, freq="h", tz="UTC"),
            "label": pd.array(rng.choice(["p", "q"], 200), dtype="string"),
        }
    )
    X.loc[::7, "x"] = np.nan
    if not as_frame:
        X = X[["x"]].to_numpy()
    gan = GANSampler(**fast_params).fit(X)
    joined = gan.sample(130, random_state=3)
    chunks = list(gan.iter_samples(130, chunk_size=40, random_state=3))
    assert [len(c) for c in chunks] == [40, 40, 40, 10]
    if as_frame:
        pd.testing.assert_frame_equal(joined, pd.concat(chunks))
        assert (joined.dtypes == X.dtypes).all()
    else:
        np.testing.assert_array_equal(joined, np.concatenate(chunks))


def test_score_ranks_trained_above_untrained(numeric_data):
    X = np.random.default_rng(1).normal(loc=[0, 5, -3], size=(600, 3))
    train, test = X[:400], X[400:]
    trained = GANSampler(max_iter=300, batch_size=64, random_state=0).fit(train)
    untrained = GANSampler(max_iter=1, batch_size=64, random_state=0).fit(train)
    assert trained.score(test) > untrained.score(test)
    assert trained.score(test) <= 0.05


# -- bad input ----------------------------------------------------------------------
def test_sample_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError):
        GANSampler().sample(3)
    with pytest.raises(NotFittedError):
        GANSampler().discriminator_proba(np.zeros((2, 2)))


@pytest.mark.parametrize(
    "X, error, match",
    [
        (np.zeros(10), ValueError, "Expected 2D array, got 1D array"),
        (np.zeros((4, 3, 2)), ValueError, "dim 3"),
        (np.zeros((0, 3)), ValueError, "0 sample"),
        (np.zeros((5, 0)), ValueError, "0 feature"),
        (np.zeros((1, 3)), ValueError, "1 sample"),
        (np.ones((5, 2)) + 1j, ValueError, "Complex data not supported"),
        (
            np.array([[1.0, "b"], [2.0, "d"]], dtype=object),
            ValueError,
            r"Column 1 of X holds 'b'.*pass a DataFrame",
        ),
        (np.array([[1.0, "b"], [2.0, "d"]]), ValueError, "Column 1 of X holds 'b'"),
        (np.array([[{"a": 1}, 1.0]] * 2, dtype=object), TypeError, "Column 0"),
        (np.array([[1.0, np.inf], [2.0, 3.0]]), ValueError, "infinity"),
    ],
)
def test_bad_arrays_get_clear_errors(fast_params, X, error, match):
    with pytest.raises(error, match=match):
        GANSampler(**fast_params).fit(X)


def test_duplicate_column_names_get_a_clear_error(fast_params):
    X = pd.DataFrame([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], columns=["a", "a"])
    with pytest.raises(ValueError, match=r"duplicate column names: \['a'\]"):
        GANSampler(**fast_params).fit(X)


@pytest.mark.parametrize("n", [0, -3])
def test_non_positive_n_samples(fast_params, numeric_data, n):
    gan = GANSampler(**fast_params).fit(numeric_data)
    with pytest.raises(ValueError, match="n_samples must be a positive integer"):
        gan.sample(n)


@pytest.mark.parametrize("n", [2.5, "10", None, True])
def test_non_integer_n_samples(fast_params, numeric_data, n):
    gan = GANSampler(**fast_params).fit(numeric_data)
    with pytest.raises(TypeError, match="n_samples must be a positive integer"):
        gan.sample(n)


@pytest.mark.parametrize(
    "params, match",
    [
        ({"k": 0}, "'k' parameter"),
        ({"loss": "wgan"}, "'loss' parameter"),
        ({"noise": "cauchy"}, "'noise' parameter"),
        ({"batch_size": 1}, "'batch_size' parameter"),
        ({"generator_lr": -1.0}, "'generator_lr' parameter"),
        ({"discriminator_dropout": 1.0}, "'discriminator_dropout' parameter"),
        ({"max_iter": 0}, "'max_iter' parameter"),
        ({"generator_activation": "sigmoidish"}, "'generator_activation' parameter"),
        ({"generator_hidden_layer_sizes": (16, 0)}, "generator_hidden_layer_sizes"),
        (
            {"discriminator_hidden_layer_sizes": (16, "a")},
            "discriminator_hidden_layer_sizes",
        ),
    ],
)
def test_invalid_parameters_name_the_parameter(
    fast_params, numeric_data, params, match
):
    with pytest.raises(ValueError, match=match):
        GANSampler(**{**fast_params, **params}).fit(numeric_data)


def test_pac_larger_than_data_is_refused(fast_params):
    with pytest.raises(ValueError, match="pac=8"):
        GANSampler(**fast_params, pac=8).fit(np.zeros((7, 2)) + np.arange(7)[:, None])


def test_wrong_number_of_columns_when_scoring(fast_params, numeric_data):
    gan = GANSampler(**fast_params).fit(numeric_data)
    with pytest.raises(ValueError, match="X has 2 features"):
        gan.score(numeric_data[:, :2])


def test_no_warnings_in_a_plain_fit(fast_params, numeric_data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        GANSampler(**fast_params).fit(numeric_data).sample(5)


def test_early_stopping_keeps_the_best_weights():
    from skgan.datasets import make_gaussian_mixture_1d

    X = make_gaussian_mixture_1d(3000, random_state=0)
    gan = GANSampler(
        generator_hidden_layer_sizes=(32,),
        discriminator_hidden_layer_sizes=(32,),
        batch_size=128,
        max_iter=5000,
        early_stopping=True,
        validation_interval=100,
        n_iter_no_change=3,
        random_state=0,
    ).fit(X)
    energies = [row["val_energy"] for row in gan.history_ if "val_energy" in row]
    assert gan.n_iter_ < 5000  # stopped early
    assert len(energies) >= 4
    best = int(np.argmin(energies))
    assert len(energies) - 1 - best == 3  # stopped after 3 misses
    assert gan.best_iter_ < gan.n_iter_
    # The kept weights are the best measured ones: re-measuring gives that value.
    monitor = dict(gan.net_.callbacks_)["quality_early_stopping"]
    monitor.validation_ = monitor.validation
    assert monitor._evaluate(gan.net_) == pytest.approx(min(energies), rel=1e-5)


def test_early_stopping_holds_rows_out_and_checks_the_fraction(fast_params):
    X = np.random.default_rng(0).normal(size=(10, 2))
    with pytest.raises(ValueError, match="validation_fraction=0.9"):
        GANSampler(**fast_params, early_stopping=True, validation_fraction=0.9).fit(X)
    gan = GANSampler(**fast_params, early_stopping=True, validation_interval=1)
    gan.fit(np.random.default_rng(0).normal(size=(100, 2)))
    monitor = dict(gan.net_.callbacks_)["quality_early_stopping"]
    assert monitor.validation.shape == (10, 2)
    assert monitor.validation.device.type == "cpu"


# -- threads ------------------------------------------------------------------------
def _torch_threads(estimator, X, y=None):
    return torch.get_num_threads()


class _RecordThreads(skorch.callbacks.Callback):
    def on_epoch_end(self, net, **kwargs):
        net.history.record("torch_threads", torch.get_num_threads())


def test_fit_respects_threadpoolctl_limits(fast_params, numeric_data):
    gan = GANSampler(**fast_params, callbacks=[("threads", _RecordThreads())])
    with threadpool_limits(limits=1):
        gan.fit(numeric_data)
    assert set(gan.history_[:, "torch_threads"]) == {1}


def test_parallel_grid_search_divides_the_cores(fast_params, numeric_data):
    # The scorer runs in joblib's workers and reports their torch thread count.
    search = GridSearchCV(
        GANSampler(**fast_params),
        {"k": [1, 2]},
        cv=2,
        n_jobs=2,
        scoring=_torch_threads,
    ).fit(numeric_data)
    fair_share = max(1, (os.cpu_count() or 1) // 2)
    threads = search.cv_results_["mean_test_score"]
    assert ((threads >= 1) & (threads <= fair_share)).all()


# -- precision and compilation --------------------------------------------------------
def test_bfloat16_mixed_precision_trains_float32_weights(fast_params, numeric_data):
    gan = GANSampler(**fast_params, precision="bfloat16").fit(numeric_data)
    assert all(p.dtype == torch.float32 for p in gan.generator_.parameters())
    assert np.isfinite(gan.history_[:, "d_loss"]).all()
    rows = gan.sample(200, random_state=0)
    assert rows.dtype == np.float64 and np.isfinite(rows).all()


@pytest.mark.slow
@pytest.mark.parametrize("with_levels", [False, True], ids=["numeric", "chained"])
def test_compiled_networks_train_sample_and_save(
    fast_params, numeric_data, tmp_path, with_levels
):
    import skgan

    X = numeric_data
    if with_levels:  # two categorical columns: chained (autoregressive) heads
        rng = np.random.default_rng(1)
        X = pd.DataFrame(numeric_data, columns=["u", "v", "w"])
        X["a"] = pd.Categorical(rng.integers(0, 4, len(X)))
        X["b"] = pd.Categorical(rng.integers(0, 3, len(X)))
    gan = GANSampler(**fast_params, compile=True).fit(X)
    if with_levels:  # the pairing biases start at zero: they were trained
        assert gan.generator_.heads.chain.abs().sum() > 0
    assert type(gan.net_.module_).__name__ == "OptimizedModule"
    assert type(gan.generator_).__name__ == "Generator"
    skgan.save(gan, tmp_path / "compiled.skops")
    loaded = skgan.load(tmp_path / "compiled.skops")
    np.testing.assert_array_equal(
        np.asarray(loaded.sample(20, random_state=0), dtype=object),
        np.asarray(gan.sample(20, random_state=0), dtype=object),
    )


@pytest.mark.parametrize("flushing", [False, True])
def test_fit_flushes_denormals_and_restores_the_setting(
    fast_params, numeric_data, flushing
):
    from skgan._training import _flushing_denormals

    seen = []

    class RecordFlush(Callback):
        def on_batch_begin(self, net, **kwargs):
            seen.append(_flushing_denormals())

    torch.set_flush_denormal(flushing)
    try:
        GANSampler(**fast_params, callbacks=[RecordFlush()]).fit(numeric_data)
        assert _flushing_denormals() == flushing
    finally:
        torch.set_flush_denormal(False)
    if torch.set_flush_denormal(False):  # the CPU supports flushing (x86 with SSE3)
        assert all(seen)


def test_precision_auto_resolves_per_device(fast_params, numeric_data, monkeypatch):
    from skgan import _validation

    cpu = torch.device("cpu")
    monkeypatch.setattr(_validation, "cpu_has_fast_bfloat16", lambda: True)
    assert _validation.resolve_precision("auto", cpu) == "bfloat16"
    assert _validation.resolve_precision("auto", torch.device("cuda")) == "float32"
    assert _validation.resolve_precision("float32", cpu) == "float32"
    gan = GANSampler(**fast_params, precision="auto", device="cpu").fit(numeric_data)
    assert gan.precision_ == "bfloat16"
    monkeypatch.setattr(_validation, "cpu_has_fast_bfloat16", lambda: False)
    assert _validation.resolve_precision("auto", cpu) == "float32"
    gan = GANSampler(**fast_params, device="cpu").fit(numeric_data)
    assert gan.precision_ == "float32"


@pytest.mark.parametrize(
    ("rows", "max_iter", "k", "expected"),
    [
        (100, 500, 1, 0.25),  # batches of 100: D sees each row 500 times
        (100, 499, 1, 0.0),
        (200, 500, 1, 0.0),  # 250 times
        (200, 500, 2, 0.25),  # two D steps per iteration: 500 times
    ],
)
def test_auto_dropout_follows_the_passes_over_the_rows(
    fast_params, rows, max_iter, k, expected
):
    X = np.random.default_rng(0).normal(size=(rows, 2))
    params = {**fast_params, "max_iter": max_iter, "batch_size": 100, "k": k}
    gan = GANSampler(**params).fit(X)
    assert gan.discriminator_dropout == "auto"
    assert gan.discriminator_dropout_ == expected
    assert gan.discriminator_.dropout == expected


@pytest.mark.parametrize(
    ("columns", "g_sizes", "residual", "expected"),
    [
        (3, (24, 24), True, 64),
        (32, (24, 24), True, 64),
        (33, (24, 24), True, 24),
        (90, (40,), True, 40),
        (90, (40,), False, 64),  # no residual stream to enter
    ],
)
def test_auto_noise_dim_is_g_first_width_on_wide_tables(
    fast_params, columns, g_sizes, residual, expected
):
    X = np.random.default_rng(0).normal(size=(40, columns))
    params = {**fast_params, "noise_dim": "auto", "max_iter": 2}
    params.update(generator_hidden_layer_sizes=g_sizes, generator_residual=residual)
    gan = GANSampler(**params).fit(X)
    assert gan.noise_dim == "auto"
    assert gan.noise_dim_ == expected == gan.generator_.noise_dim
    assert gan.sample(5).shape == (5, columns)


def test_noise_as_wide_as_the_first_layer_enters_the_residual_stream(fast_params):
    X = np.random.default_rng(0).normal(size=(60, 40))
    params = {**fast_params, "generator_hidden_layer_sizes": (24,), "max_iter": 2}
    rng = torch.Generator().manual_seed(0)
    for noise_dim, skip in (("auto", True), (8, False)):
        params["noise_dim"] = noise_dim
        G = GANSampler(**params).fit(X).generator_.eval()
        z = torch.randn(4, G.noise_dim, generator=rng)
        with torch.no_grad():
            hidden = G.body(z)  # Linear, BatchNorm, activation
            expected = G.out(z + hidden if skip else hidden)
            torch.testing.assert_close(G.logits(z), expected)


#: Parameters with an 'auto' value: a value to give and where the net holds it.
RESOLVED_PARAMETERS = [
    ("discriminator_dropout", 0.3, lambda gan: gan.discriminator_.dropout),
    ("noise_dim", 5, lambda gan: gan.generator_.noise_dim),
]


@pytest.mark.parametrize(("param", "value", "built"), RESOLVED_PARAMETERS)
def test_explicit_values_are_used_as_given(
    fast_params, numeric_data, param, value, built
):
    gan = GANSampler(**{**fast_params, param: value}).fit(numeric_data)
    assert getattr(gan, f"{param}_") == value == built(gan)


@pytest.mark.parametrize(("param", "value", "built"), RESOLVED_PARAMETERS)
def test_files_without_a_resolved_parameter_load_with_the_parameter(
    tmp_path, fast_params, numeric_data, param, value, built
):
    import skgan

    gan = GANSampler(**{**fast_params, param: value}).fit(numeric_data)
    delattr(gan, f"{param}_")  # as files written before 'auto'
    skgan.save(gan, tmp_path / "old.skops")
    loaded = skgan.load(tmp_path / "old.skops")
    assert getattr(loaded, f"{param}_") == value == built(loaded)
    np.testing.assert_array_equal(
        loaded.sample(10, random_state=0), gan.sample(10, random_state=0)
    )
