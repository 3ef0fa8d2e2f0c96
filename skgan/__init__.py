"""skgan: generative adversarial networks for tables, as scikit-learn estimators."""

from ._encoding import OutputSpan, TableEncoder
from ._sampler import GANSampler

__version__ = "0.1.0.dev0"

__all__ = ["GANSampler", "OutputSpan", "TableEncoder", "__version__"]
