"""A safe file format for fitted samplers, built on ``skops.io``.

joblib files are pickles: loading one runs whatever code its author put in it. A file
written by :func:`save` holds only data -- parameters, the encoder's fitted state,
the networks' weights as arrays, the optimizer state and the training history -- and
:func:`load` rebuilds the sampler from it, refusing any type outside a fixed list of
skgan, scikit-learn, NumPy and pandas types.

pandas' ``Index`` and ``CategoricalDtype`` cannot be stored by skops, so they are
written as tagged dicts of arrays and rebuilt on load.
"""

from __future__ import annotations

import copy
import datetime
import os
import warnings
from typing import Any

import numpy as np
import pandas as pd
import torch

from . import __version__

#: Written into every file; bumped whenever the layout below changes.
FORMAT = "skgan-skops"
FORMAT_VERSION = 1

#: GANSampler parameters added after format 1 came out, each with the value that
#: does what skgan did before it existed, for files that do not hold it.
_PARAMETERS_ADDED_SINCE_FORMAT_1 = {
    "conditional": False,  # unconditional networks
    "autoregressive": False,  # one-hot blocks drawn independently
    "generator_residual": False,  # G a plain MLP
    # Fresh noise for the generator step (training only: sampling is the same).
    "reuse_generated_batch": False,
}

#: Fitted attributes that resolve an 'auto' parameter, and their type. Files from
#: before a parameter took 'auto' hold the value itself as the parameter.
_RESOLVED_PARAMETERS = {"noise_dim_": int, "discriminator_dropout_": float}


def _allowed_types() -> frozenset[str]:
    """Names (as skops reports them) of the types a file may hold beyond skops'
    defaults. pandas objects never appear: they are stored as tagged values."""
    from ._encoding import OutputSpan, _ClusterScaler, _ModeScaler, _SpikeScaler

    classes = [
        OutputSpan,
        _ModeScaler,
        _ClusterScaler,
        _SpikeScaler,
        datetime.timedelta,
    ]
    return frozenset(
        {"numpy.dtype"} | {f"{c.__module__}.{c.__name__}" for c in classes}
    )


#: Types a file may hold beyond skops' defaults.
ALLOWED_TYPES = _allowed_types()

#: The encoder's classes, rebuilt from their stored attributes (never from a name
#: the file chooses freely).
_ENCODER_CLASSES = (
    "TableEncoder",
    "_ContinuousColumn",
    "_CategoricalColumn",
    "DerivedColumn",
    "_GroupedContinuousColumn",
)

_TAG = "__skgan_pandas__"


#: What a leaf function returns for a value it leaves to `_walk`'s recursion.
_RECURSE = object()


def _walk(value: Any, leaf) -> Any:
    """``leaf(value)``, or, where it returns `_RECURSE`, the same walk over the
    items of a dict, list, tuple or object array (anything else is kept)."""
    converted = leaf(value)
    if converted is not _RECURSE:
        return converted
    if isinstance(value, dict):
        return {key: _walk(item, leaf) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_walk(item, leaf) for item in value)
    if isinstance(value, np.ndarray) and value.dtype == object:
        # Element by element: np.array([...]) would turn tuple items into an axis.
        out = np.empty(value.shape, dtype=object)
        for index, item in np.ndenumerate(value):
            out[index] = _walk(item, leaf)
        return out
    return value


def _storable_leaf(value: Any) -> Any:
    """A pandas object as a tagged plain value.

    skops cannot store ``Index`` or ``CategoricalDtype``, and how it stores other
    pandas dtypes, ``pd.NA`` and time zones changes between pandas versions, so
    none of them is left to it: they become strings and arrays that rebuild the
    same objects in any pandas version.
    """
    if type(value).__name__ in _ENCODER_CLASSES[1:]:
        # A column codec held by another (a grouped column's per-level codecs).
        return {_TAG: "codec", **_stored_object(value)}
    if isinstance(value, pd.CategoricalDtype):
        return {
            _TAG: "CategoricalDtype",
            "categories": _to_storable(value.categories),
            "ordered": bool(value.ordered),
        }
    if isinstance(value, pd.StringDtype):
        return {
            _TAG: "StringDtype",
            "storage": value.storage,
            "nan": value.na_value is not pd.NA,
        }
    if isinstance(value, pd.api.extensions.ExtensionDtype):
        return {_TAG: "dtype", "name": str(value)}
    if isinstance(value, pd.Index):
        return {
            _TAG: "Index",
            "values": _to_storable(value.to_numpy(dtype=object)),
            "dtype": _to_storable(value.dtype),
            "name": value.name,
        }
    if value is pd.NA:
        return {_TAG: "NA"}
    if value is pd.NaT:
        return {_TAG: "NaT"}
    if isinstance(value, datetime.tzinfo):
        return {_TAG: "tz", "name": str(value)}
    return _RECURSE


def _restored_leaf(value: Any) -> Any:
    """The pandas object behind a tagged value (inverse of `_storable_leaf`)."""
    kind = value.get(_TAG) if isinstance(value, dict) else None
    if kind == "CategoricalDtype":
        return pd.CategoricalDtype(
            _from_storable(value["categories"]), ordered=value["ordered"]
        )
    if kind == "StringDtype":
        na_value = np.nan if value["nan"] else pd.NA
        try:
            return pd.StringDtype(value["storage"], na_value=na_value)
        except TypeError:  # pandas < 2.3 has no na_value
            return pd.StringDtype(value["storage"])
    if kind == "dtype":
        return pd.api.types.pandas_dtype(value["name"])
    if kind == "Index":
        dtype = _from_storable(value["dtype"])
        values = _from_storable(value["values"])
        return pd.Index(values, name=value["name"]).astype(dtype)
    if kind == "codec":
        return _rebuild_codec(value)
    if kind == "NA":
        return pd.NA
    if kind == "NaT":
        return pd.NaT
    if kind == "tz":
        return pd.DatetimeTZDtype(tz=value["name"]).tz
    return _RECURSE


def _to_storable(value: Any) -> Any:
    return _walk(value, _storable_leaf)


def _from_storable(value: Any) -> Any:
    return _walk(value, _restored_leaf)


def _export_encoder(encoder) -> dict:
    """The encoder and its column codecs as plain attribute dicts."""
    encoder = copy.copy(encoder)
    codecs = encoder.__dict__.pop("_codecs")
    return {
        "encoder": _stored_object(encoder),
        "codecs": [_stored_object(codec) for codec in codecs],
    }


def _stored_object(obj) -> dict:
    return {"class": type(obj).__name__, "attributes": _to_storable(vars(obj))}


def _rebuild_codec(entry: dict):
    from . import _encoding

    if entry["class"] not in _ENCODER_CLASSES:
        raise ValueError(f"unknown encoder class {entry['class']!r} in the file.")
    cls = getattr(_encoding, entry["class"])
    obj = cls.__new__(cls)
    obj.__dict__.update(_from_storable(entry["attributes"]))
    return obj


def _import_encoder(stored: dict):
    encoder = _rebuild_codec(stored["encoder"])
    # Files written before functional dependencies existed have none.
    encoder.__dict__.setdefault("functional_dependencies", None)
    encoder.__dict__.setdefault("functional_dependencies_", {})
    # ... and before spike blocks existed, none.
    encoder.__dict__.setdefault("spiked_columns_", {})
    encoder._codecs = [_rebuild_codec(entry) for entry in stored["codecs"]]
    return encoder


def _tensors_to_arrays(value: Any) -> Any:
    return _walk(
        value,
        lambda v: v.detach().cpu().numpy() if isinstance(v, torch.Tensor) else _RECURSE,
    )


def _arrays_to_tensors(value: Any, device: torch.device) -> Any:
    return _walk(
        value,
        lambda v: (
            torch.as_tensor(v, device=device)
            if isinstance(v, np.ndarray) and v.dtype != object
            else _RECURSE
        ),
    )


def _optimizer_state(net) -> dict:
    state = net.optimizer_.state_dict()
    # skops keeps dict keys as strings or ints; torch keys parameter states by int.
    return {
        "state": {
            int(key): _tensors_to_arrays(item) for key, item in state["state"].items()
        },
        "param_groups": _tensors_to_arrays(state["param_groups"]),
    }


def save(model, path: str | os.PathLike) -> None:
    """Write a fitted :class:`~skgan.GANSampler` to ``path`` in skgan's safe format.

    The file (conventionally ``*.skops``) holds the sampler's parameters, the fitted
    encoder, the weights of G and D as arrays, the optimizer state and ``history_``;
    :func:`load` restores it without running code from the file. Unlike a joblib
    file, it can be loaded from an untrusted source.

    Parameters
    ----------
    model : GANSampler
        A fitted sampler.
    path : str or path-like
        File to write.

    Raises
    ------
    TypeError
        If ``model`` is not a :class:`~skgan.GANSampler`.
    NotFittedError
        If ``model`` is not fitted.

    Notes
    -----
    ``callbacks`` cannot be stored safely (they are arbitrary objects); the loaded
    sampler has ``callbacks=None``, and a warning says so. A ``random_state`` given
    as a ``RandomState`` instance is stored as None: the sampler's own seed, which
    fixes its future ``sample`` draws, is kept either way.
    """
    import skops.io as sio
    from sklearn.utils.validation import check_is_fitted

    from ._sampler import GANSampler

    if not isinstance(model, GANSampler):
        raise TypeError(
            f"skgan.save stores a GANSampler; got {type(model).__name__}. Use joblib "
            "for other objects (and load those only from trusted sources)."
        )
    check_is_fitted(model)
    params = model.get_params(deep=False)
    if params["callbacks"]:
        warnings.warn(
            "callbacks are not saved by skgan.save; the loaded sampler has "
            "callbacks=None.",
            UserWarning,
            stacklevel=2,
        )
    params["callbacks"] = None
    if not (params["random_state"] is None or isinstance(params["random_state"], int)):
        params["random_state"] = None
    params["device"] = str(params["device"])
    for name in ("generator_hidden_layer_sizes", "discriminator_hidden_layer_sizes"):
        params[name] = [int(size) for size in params[name]]

    fitted = {
        name: getattr(model, name)
        for name in (
            "n_features_in_",
            "n_iter_",
            "best_iter_",
            *_RESOLVED_PARAMETERS,
            "_seed",
            "_sample_calls",
        )
        if hasattr(model, name)
    }
    if hasattr(model, "feature_names_in_"):
        fitted["feature_names_in_"] = model.feature_names_in_
    net = model.net_
    state = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "skgan_version": __version__,
        "params": params,
        "fitted": fitted,
        "encoder": _export_encoder(model.encoder_),
        "batch_size": int(net.batch_size),
        "generator": _tensors_to_arrays(model.generator_.state_dict()),
        "discriminator": _tensors_to_arrays(model.discriminator_.state_dict()),
        "optimizer": _optimizer_state(net),
        "history": _tensors_to_arrays(list(net.history)),
    }
    sio.dump(state, path)


def load(path: str | os.PathLike, *, device: str | torch.device | None = None):
    """Load a sampler written by :func:`save`, running no code from the file.

    Parameters
    ----------
    path : str or path-like
        A file written by :func:`skgan.save`.
    device : str, torch.device or None, default=None
        Where to put the networks. None uses the saved ``device`` parameter, except
        that a model saved with a CUDA device loads on the CPU (with a warning) when
        no GPU is available here. The loaded sampler's ``device`` parameter is set
        to the device used.

    Returns
    -------
    model : GANSampler
        The fitted sampler, ready to ``sample``, ``score`` or (with
        ``warm_start=True``) train on.

    Raises
    ------
    ValueError
        If the file is not a skgan file, was written in another format version, or
        holds a type outside the allowed list (``skgan._persistence.ALLOWED_TYPES``
        and skops' defaults); nothing from such a file is constructed.
    """
    import skops.io as sio

    from ._sampler import GANSampler
    from ._validation import resolve_device

    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file.")
    try:
        untrusted = set(sio.get_untrusted_types(file=path))
    except Exception as exc:  # not a zip, no schema: not a file save() wrote
        raise ValueError(
            f"{path} is not a file written by skgan.save ({exc})."
        ) from exc
    refused = sorted(untrusted - ALLOWED_TYPES)
    if refused:
        raise ValueError(
            f"{path} holds types that skgan.load does not load: {', '.join(refused)}. "
            "It was not written by skgan.save, or was altered."
        )
    state = sio.load(path, trusted=sorted(untrusted))
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"{path} is not a file written by skgan.save.")
    if state["format_version"] != FORMAT_VERSION:
        raise ValueError(
            f"{path} uses skgan file format {state['format_version']} (written by "
            f"skgan {state['skgan_version']}); this skgan {__version__} reads format "
            f"{FORMAT_VERSION}. Load it with skgan=={state['skgan_version']} and "
            "refit, or refit here."
        )

    if state["skgan_version"] != __version__:
        warnings.warn(
            f"{path} was written by skgan {state['skgan_version']}; this is skgan "
            f"{__version__}. The file format is the same, but results may differ: "
            "refit if in doubt.",
            UserWarning,
            stacklevel=2,
        )

    params = dict(state["params"])
    for name, before in _PARAMETERS_ADDED_SINCE_FORMAT_1.items():
        params.setdefault(name, before)
    for name in ("generator_hidden_layer_sizes", "discriminator_hidden_layer_sizes"):
        params[name] = tuple(params[name])
    wanted = params["device"] if device is None else str(device)
    try:
        target = resolve_device(wanted)
    except (RuntimeError, ValueError):
        if device is not None:
            raise
        warnings.warn(
            f"The model was saved with device={wanted!r}, which is not available "
            "here; loading it on the CPU.",
            UserWarning,
            stacklevel=2,
        )
        target = torch.device("cpu")
    if device is not None or str(target) != params["device"] != "auto":
        params["device"] = str(target)

    model = GANSampler(**params)
    for name, value in state["fitted"].items():
        setattr(model, name, value)
    for name, kind in _RESOLVED_PARAMETERS.items():
        if not hasattr(model, name):
            setattr(model, name, kind(params[name.removesuffix("_")]))
    model.encoder_ = _import_encoder(state["encoder"])
    model.net_ = model._build_net(
        tuple(params["generator_hidden_layer_sizes"]),
        tuple(params["discriminator_hidden_layer_sizes"]),
        state["batch_size"],
        target,
        # Files from before the continuous outputs' level shifts have none.
        level_shift=None if "heads.level_shift" in state["generator"] else False,
    )
    model.net_.initialize()
    model.generator_.load_state_dict(_arrays_to_tensors(state["generator"], target))
    model.discriminator_.load_state_dict(
        _arrays_to_tensors(state["discriminator"], target)
    )
    optimizer = state["optimizer"]
    # Which Adam kernel runs is this machine's choice, not the file's.
    kernels = [
        {key: group[key] for key in ("fused", "foreach") if key in group}
        for group in model.net_.optimizer_.param_groups
    ]
    model.net_.optimizer_.load_state_dict(
        {
            "state": _arrays_to_tensors(optimizer["state"], target),
            "param_groups": [
                {**group, **kernel}
                for group, kernel in zip(
                    optimizer["param_groups"], kernels, strict=True
                )
            ],
        }
    )
    from skorch.history import History

    model.net_.history = History(state["history"])
    return model
