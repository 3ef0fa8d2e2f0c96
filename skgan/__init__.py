"""skgan: generative adversarial networks for tables, as scikit-learn estimators."""

__version__ = "0.1.0.dev0"

from ._encoding import OutputSpan, TableEncoder  # noqa: E402
from ._persistence import load, save  # noqa: E402
from ._sampler import GANSampler  # noqa: E402
from ._transformed import TransformedSampler  # noqa: E402

__all__ = [
    "GANSampler",
    "OutputSpan",
    "TableEncoder",
    "TransformedSampler",
    "__version__",
    "load",
    "save",
]
