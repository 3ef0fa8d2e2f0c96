import numpy as np
import pytest
import torch

# Tests run on 2 shared cores: one intra-op thread avoids oversubscription.
torch.set_num_threads(1)

#: Small, fast settings for tests that only need the machinery to run.
FAST = dict(
    noise_dim=8,
    generator_hidden_layer_sizes=(16,),
    discriminator_hidden_layer_sizes=(16,),
    batch_size=32,
    max_iter=20,
    random_state=0,
)


@pytest.fixture
def fast_params():
    return dict(FAST)


@pytest.fixture
def numeric_data():
    return np.random.default_rng(0).normal(size=(200, 3))
