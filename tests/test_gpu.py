"""Checks that need a CUDA GPU; skipped by default (run with ``-m gpu``)."""

import warnings

import numpy as np
import pytest
import torch

import skgan
from skgan import GANSampler

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]


@pytest.fixture
def table():
    rng = np.random.default_rng(0)
    return np.column_stack(
        [rng.normal(size=5_000), rng.lognormal(size=5_000), rng.integers(0, 3, 5_000)]
    )


def test_cuda_fit_samples_and_loads_on_cpu(table, tmp_path):
    gan = GANSampler(max_iter=200, device="cuda", random_state=0).fit(table)
    assert next(gan.generator_.parameters()).is_cuda
    assert np.isfinite(gan.sample(1_000)).all()
    skgan.save(gan, tmp_path / "gpu.skops")
    on_cpu = skgan.load(tmp_path / "gpu.skops", device="cpu")
    assert not next(on_cpu.generator_.parameters()).is_cuda
    assert np.isfinite(on_cpu.sample(1_000)).all()


def fit_counting_syncs(gan, X) -> int:
    """Fit, and count the host-device synchronisations torch warns about."""
    torch.cuda.set_sync_debug_mode("warn")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gan.fit(X)
    finally:
        torch.cuda.set_sync_debug_mode("default")
    return sum("called a synchronizing" in str(w.message) for w in caught)


def syncs_per_epoch(gan, X) -> float:
    """Syncs each extra epoch adds: fits of 10 and 30 epochs, differenced.

    Set-up (moving the modules and the table to the GPU, the final check of
    the weights) syncs a fixed number of times, whatever the length of the run.
    """
    counts, epochs = [], []
    for max_iter in (100, 300):
        gan.set_params(max_iter=max_iter)
        counts.append(fit_counting_syncs(gan, X))
        epochs.append(len(gan.history_))
    return (counts[1] - counts[0]) / (epochs[1] - epochs[0])


def test_training_synchronises_once_per_epoch_not_per_step(table):
    # 10 iterations an epoch: a sync per step would add 10 per epoch.
    gan = GANSampler(batch_size=500, device="cuda", random_state=0)
    assert syncs_per_epoch(gan, table) <= 1


@pytest.mark.parametrize(
    "params", [{"precision": "bfloat16"}, {"compile": True}], ids=["bf16", "compile"]
)
def test_bf16_and_compile_on_cuda(table, params):
    gan = GANSampler(max_iter=100, device="cuda", random_state=0, **params).fit(table)
    assert np.isfinite(gan.history_[:, "g_loss"]).all()
    assert np.isfinite(gan.sample(1_000)).all()


def test_conditional_on_cuda_without_per_step_syncs(tmp_path):
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "level": pd.Categorical(
                rng.choice(list("abcde"), 5_000, p=[0.6, 0.2, 0.1, 0.07, 0.03])
            ),
            "value": rng.normal(size=5_000),
            "flag": rng.choice(["yes", "no"], 5_000),
        }
    )
    gan = GANSampler(conditional=True, batch_size=500, device="cuda", random_state=0)
    assert syncs_per_epoch(gan, frame) <= 1
    assert set(gan.sample(2_000)["level"].unique()) == set("abcde")
    skgan.save(gan, tmp_path / "conditional.skops")
    on_cpu = skgan.load(tmp_path / "conditional.skops", device="cpu")
    assert len(on_cpu.sample(100)) == 100
