import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PowerTransformer, QuantileTransformer, StandardScaler

from skgan import GANSampler, TransformedSampler


@pytest.fixture
def skewed():
    return np.random.default_rng(0).lognormal(sigma=1.0, size=(300, 2)) + 10


@pytest.mark.parametrize(
    "transformer",
    [
        StandardScaler(),
        QuantileTransformer(n_quantiles=100),
        PowerTransformer(),
        make_pipeline(PowerTransformer(), StandardScaler()),
        None,
    ],
)
def test_samples_come_back_on_the_original_scale(fast_params, skewed, transformer):
    model = TransformedSampler(GANSampler(**fast_params), transformer).fit(skewed)
    out = model.sample(50, random_state=0)
    assert out.shape == (50, 2)
    # Trained in the transformed space (around 0), returned around the data (>= 10).
    assert np.median(out) > 5
    np.testing.assert_array_equal(out, model.sample(50, random_state=0))


def test_sampler_sees_transformed_data(fast_params, skewed):
    model = TransformedSampler(GANSampler(**fast_params), StandardScaler()).fit(skewed)
    np.testing.assert_allclose(model.transformer_.mean_, skewed.mean(0))
    assert model.sampler_.n_features_in_ == 2
    assert np.isfinite(model.score(skewed))


def test_default_sampler_is_a_gansampler(skewed):
    model = TransformedSampler(transformer=StandardScaler())
    assert model.get_params()["sampler"] is None
    model.set_params(sampler=GANSampler(max_iter=2, batch_size=16))
    assert isinstance(model.fit(skewed).sampler_, GANSampler)


def test_grid_search_picks_the_longer_training(skewed):
    X = np.random.default_rng(0).normal(loc=[0, 5], size=(600, 2))
    search = GridSearchCV(
        GANSampler(
            batch_size=64,
            random_state=0,
            generator_hidden_layer_sizes=(32,),
            discriminator_hidden_layer_sizes=(32,),
        ),
        {"max_iter": [1, 300]},
        cv=3,
    ).fit(X)
    assert search.best_params_ == {"max_iter": 300}
    scores = search.cv_results_["mean_test_score"]
    assert scores[1] > scores[0]


def test_grid_search_reaches_into_transformed_sampler(fast_params, skewed):
    search = GridSearchCV(
        TransformedSampler(GANSampler(**fast_params), StandardScaler()),
        {
            "sampler__noise_dim": [2, 4],
            "transformer": [StandardScaler(), PowerTransformer()],
        },
        cv=2,
    ).fit(skewed)
    assert set(search.best_params_) == {"sampler__noise_dim", "transformer"}
