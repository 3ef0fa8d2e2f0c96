"""Input checks, device resolution and seeding shared by every stage.

Nothing in here imports from the rest of skgan: it is the bottom of the data flow.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
import torch
from sklearn.utils import check_random_state

_MAX_SEED = np.iinfo(np.int64).max

#: ``copy=False`` for pandas constructors and ``astype`` before pandas 3; pandas 3
#: (copy-on-write) deprecates the keyword and avoids the copies itself.
PANDAS_NO_COPY = {"copy": False} if int(pd.__version__.split(".")[0]) < 3 else {}


def cpu_has_fast_bfloat16() -> bool:
    """Whether this CPU multiplies bfloat16 matrices natively (AVX512-BF16 or AMX).

    Reads torch's own CPU feature probes (private helpers, hence the fallback).
    """
    try:
        return bool(
            torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
        )
    except Exception:  # a torch without the probes: assume not
        return False


def resolve_precision(precision: str, device: torch.device) -> str:
    """Turn the ``precision`` parameter into 'float32' or 'bfloat16'.

    ``'auto'`` picks bfloat16 mixed precision on CPUs with native bfloat16
    arithmetic, where it was measured to speed training up at equal quality, and
    float32 everywhere else: on an NVIDIA H200 bfloat16 made the default networks'
    steps slower, since they are bound by kernel launches, not arithmetic.
    """
    if precision != "auto":
        return precision
    if device.type == "cpu" and cpu_has_fast_bfloat16():
        return "bfloat16"
    return "float32"


def fused_adam_supported(device: torch.device) -> bool:
    """Whether torch has a fused Adam kernel for ``device``.

    One kernel per parameter instead of about ten elementwise passes: about 9 %
    of a training iteration on the census and credit tables. CPU kernels came
    with torch 2.4.
    """
    version = tuple(int(part) for part in torch.__version__.split(".")[:2])
    return device.type == "cuda" or (device.type == "cpu" and version >= (2, 4))


def resolve_device(device: str | torch.device) -> torch.device:
    """Turn the ``device`` parameter into a usable :class:`torch.device`.

    ``'auto'`` picks CUDA when a GPU is visible and the CPU otherwise. An explicit
    CUDA device on a machine without one fails here, with a message, rather than deep
    inside torch on the first tensor copy.
    """
    if isinstance(device, str) and device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        resolved = torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ValueError(
            f"device={device!r} is not a device torch knows; use 'auto', 'cpu', "
            "'cuda', 'cuda:N' or a torch.device."
        ) from exc
    if resolved.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(
            f"device={device!r} asks for a CUDA GPU but torch sees none on this "
            "machine; use device='auto' or device='cpu'."
        )
    if resolved.type == "mps" and not torch.backends.mps.is_available():
        raise ValueError(f"device={device!r} asks for MPS, which is not available.")
    return resolved


def draw_seed(random_state) -> int:
    """Draw one integer seed from a ``random_state`` parameter (sklearn semantics)."""
    return int(check_random_state(random_state).randint(0, 2**31 - 1))


def derive_seed(base_seed: int, *keys: int) -> int:
    """A seed that depends only on ``base_seed`` and ``keys`` (independent streams)."""
    entropy = np.random.SeedSequence([base_seed, *keys]).generate_state(2, np.uint32)
    return int((int(entropy[0]) << 31 | int(entropy[1])) % _MAX_SEED)


def make_generator(seed: int, device: torch.device) -> torch.Generator:
    """A local torch generator: all randomness of a fit flows from these, never from
    torch's global state."""
    return torch.Generator(device=device).manual_seed(seed)


def check_unique_columns(X: pd.DataFrame) -> None:
    """Refuse a DataFrame whose column labels repeat, naming them."""
    if X.columns.has_duplicates:
        dup = X.columns[X.columns.duplicated()].unique().tolist()
        raise ValueError(f"X has duplicate column names: {dup}.")


def as_numeric_array(X):
    """``X``, with an object array of numbers (and None or NaN) as float64.

    An array with a non-numeric cell is refused, naming its column and value:
    strings need a DataFrame, where the ``'from_dtype'`` rule makes them
    categorical. The error is of the type ``float()`` raised (ValueError for a
    string, TypeError for a dict), as scikit-learn's own checks raise it.
    Anything else (numeric arrays, lists, sparse matrices) is returned as given.
    """
    arr = np.asarray(X)
    if arr.dtype.kind not in "OUS" or arr.ndim != 2:
        return X
    try:
        numbers = arr.astype(np.float64)
    except (TypeError, ValueError):
        _refuse_first_non_numeric_cell(arr)
        return X  # no single cell at fault: check_array reports it
    # Arrays of number strings stay as given: check_array refuses them.
    return numbers if arr.dtype.kind == "O" else X


def _refuse_first_non_numeric_cell(arr: np.ndarray) -> None:
    """Raise ``float()``'s error for the first cell that is not a number or None,
    naming its column and value."""
    for j in range(arr.shape[1]):
        for value in arr[:, j]:
            if value is None:
                continue
            try:
                float(value)
            except (TypeError, ValueError) as exc:
                shown = value.item() if isinstance(value, np.generic) else value
                raise type(exc)(
                    f"Column {j} of X holds {shown!r}, which is not a number "
                    f"({exc}). An array must be numeric: pass a DataFrame for "
                    "string or mixed-type columns (pd.DataFrame(X).infer_objects() "
                    "keeps numeric columns numeric); its string columns are "
                    "categorical."
                ) from None


def check_n_samples(n_samples) -> int:
    """Validate the ``n_samples`` argument of ``sample``."""
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral):
        raise TypeError(
            f"n_samples must be a positive integer, got {n_samples!r} "
            f"of type {type(n_samples).__name__}."
        )
    if n_samples <= 0:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples}.")
    return int(n_samples)
