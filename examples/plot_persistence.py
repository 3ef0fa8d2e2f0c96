"""
=================================================
Saving a fitted sampler and loading it elsewhere
=================================================

A fitted :class:`skgan.GANSampler` is worth keeping: training takes minutes, and
a colleague, a scheduled job or a web service may want to draw rows from it
later, perhaps on a machine without a GPU. skgan offers two ways to save it.

* :func:`skgan.save` / :func:`skgan.load`, skgan's own format built on
  `skops.io <https://skops.readthedocs.io/en/stable/persistence.html>`_. The
  file holds data only (parameters, the encoder's state, the weights as arrays,
  the optimizer state, the history), and loading it runs no code from the file.
  This is the format for files that travel.
* joblib, like any scikit-learn estimator. A joblib file is a pickle: loading one
  can run arbitrary code, so load joblib files only from sources you trust.

See :ref:`persistence` in the user guide for the details.
"""

# %%
# Fit a small sampler
# -------------------

import tempfile
from pathlib import Path

import joblib
import pandas as pd
import skops.io as sio

import skgan
from skgan import GANSampler
from skgan.datasets import load_penguins

real = load_penguins()
gan = GANSampler(
    generator_hidden_layer_sizes=(64, 64),
    discriminator_hidden_layer_sizes=(64, 64),
    max_iter=300,
    random_state=0,
).fit(real)

folder = Path(tempfile.mkdtemp())

# %%
# The safe format
# ---------------
#
# ``skgan.save`` writes one file; ``skgan.load`` rebuilds the sampler. The loaded
# sampler draws exactly the rows the saved one would have drawn, both for a fixed
# ``random_state`` and for the sampler's own stream of draws, which continues
# where it was.

skgan.save(gan, folder / "penguins.skops")
print(f"{(folder / 'penguins.skops').stat().st_size / 1024:.0f} KiB on disk")

loaded = skgan.load(folder / "penguins.skops")
same_fixed = loaded.sample(5, random_state=1).equals(gan.sample(5, random_state=1))
same_stream = loaded.sample(5).equals(gan.sample(5))
print("same rows for a fixed seed:", same_fixed)
print("same rows from the stream:", same_stream)
print(loaded.sample(5).dtypes)

# %%
# What "safe" means: before building anything, ``skgan.load`` lists every type
# the file would create and refuses the file if one of them is outside a short
# list of skgan, scikit-learn, NumPy and pandas types. Here a file holding an
# object of some other class is refused, and the object is never built.


class Payload:
    """Stands for an object an attacker would like to see built on load."""


sio.dump({"format": "skgan-skops", "payload": Payload()}, folder / "odd.skops")
try:
    skgan.load(folder / "odd.skops")
except ValueError as error:
    print("refused:", error)

# %%
# A model trained on a GPU (``device='cuda'``) loads on a machine without one:
# the weights are stored as arrays and are put on the CPU, with a warning, and
# the loaded sampler's ``device`` becomes ``'cpu'``. ``skgan.load(path,
# device='cpu')`` asks for the CPU explicitly. Training can go on after loading,
# with the optimizer state as it was:

loaded.set_params(warm_start=True, max_iter=100).fit(real)
print(f"{loaded.n_iter_} iterations, {len(loaded.history_)} history rows")

# %%
# joblib
# ------
#
# joblib keeps everything, callbacks included, and is what scikit-learn's own
# tools (for example a model registry that pickles estimators) expect.

joblib.dump(gan, folder / "penguins.joblib")
from_pickle = joblib.load(folder / "penguins.joblib")  # trusted file: we wrote it
pd.testing.assert_frame_equal(
    from_pickle.sample(5, random_state=2), gan.sample(5, random_state=2)
)
print("joblib round trip: same rows")
