"""skgan: generative adversarial networks for tables, as scikit-learn estimators."""

from ._encoding import OutputSpan, TableEncoder
from ._sampler import GANSampler
from ._transformed import TransformedSampler

__version__ = "0.1.0.dev0"

__all__ = [
    "GANSampler",
    "OutputSpan",
    "TableEncoder",
    "TransformedSampler",
    "__version__",
]
