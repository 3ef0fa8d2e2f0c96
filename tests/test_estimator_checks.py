"""scikit-learn's own estimator checks over every public estimator."""

from sklearn.preprocessing import PowerTransformer, StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skgan import GANSampler, TransformedSampler

FAST = dict(
    noise_dim=4,
    generator_hidden_layer_sizes=(8,),
    discriminator_hidden_layer_sizes=(8,),
    batch_size=16,
    max_iter=5,
    random_state=0,
)


@parametrize_with_checks(
    [
        GANSampler(**FAST),
        TransformedSampler(sampler=GANSampler(**FAST), transformer=StandardScaler()),
        TransformedSampler(sampler=GANSampler(**FAST), transformer=PowerTransformer()),
    ]
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
