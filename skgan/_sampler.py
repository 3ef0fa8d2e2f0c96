"""GANSampler: the estimator, the only place where the stages meet.

table -> TableEncoder -> AdversarialNet(Generator, Discriminator)
      -> generate_encoded (chunks) -> TableEncoder.inverse_transform -> table
"""

from __future__ import annotations

import copy
import itertools
import warnings
from collections.abc import Iterator
from numbers import Integral, Real

import numpy as np
import pandas as pd
import torch
from sklearn.base import BaseEstimator, _fit_context
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_array, check_is_fitted, validate_data

from ._encoding import TableEncoder
from ._generation import DEFAULT_CHUNK_SIZE, generate_encoded
from ._losses import LOSSES
from ._networks import ACTIVATIONS, Discriminator, Generator
from ._training import (
    AdversarialLoss,
    AdversarialNet,
    ProgressBar,
    QualityEarlyStopping,
    energy_distance,
    flush_denormals,
)
from ._validation import (
    PANDAS_NO_COPY,
    as_numeric_array,
    check_n_samples,
    check_unique_columns,
    derive_seed,
    draw_seed,
    fused_adam_supported,
    resolve_device,
    resolve_precision,
)

_OPTIMIZERS = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}

# Streams derived from one fit seed, so that each stage's randomness is independent.
_INIT_STREAM, _TRAIN_STREAM, _SAMPLE_STREAM, _SCORE_STREAM = 0, 1, 2, 3

#: Rows of each side compared by ``score``.
_SCORE_ROWS = 2000
#: Held-out rows compared by early stopping.
_VALIDATION_ROWS = 1000
#: discriminator_dropout='auto': this rate where D sees each row this many times.
_AUTO_DROPOUT, _AUTO_DROPOUT_PASSES = 0.25, 500
#: noise_dim='auto': this dimension, or G's first width (residual G) on tables
#: wider than this.
_AUTO_NOISE_DIM, _AUTO_NOISE_WIDE_TABLE = 64, 32


def _check_layer_sizes(name: str, sizes) -> tuple[int, ...]:
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError(
            f"{name} must be a sequence of positive integers, got {sizes!r}."
        ) from None
    if not all(
        isinstance(s, Integral) and not isinstance(s, bool) and s > 0 for s in sizes
    ):
        raise ValueError(f"{name} must hold positive integers only, got {sizes!r}.")
    return tuple(int(s) for s in sizes)


class GANSampler(BaseEstimator):
    """Generative adversarial network for tables (Goodfellow et al., 2014).

    A generator G maps noise to table rows and a discriminator D learns to tell those
    rows from real ones; they are trained against each other with the paper's
    Algorithm 1. ``fit`` takes a numeric array or a pandas DataFrame with numeric,
    boolean and categorical columns and missing values; ``sample`` returns new rows of
    the same kind.

    One training *iteration* is the outer loop of Algorithm 1: ``k`` discriminator
    steps, each on a fresh minibatch of ``batch_size`` real rows and as many generated
    rows, then one generator step (on the last discriminator step's generated rows
    unless ``reuse_generated_batch=False``). Training runs ``max_iter``
    iterations. For the history and callbacks an *epoch* is ``ceil(n_rows /
    batch_size)`` iterations.

    Read more in the :ref:`User Guide <user_guide>`.

    Parameters
    ----------
    k : int, default=1
        Discriminator (critic) steps per generator step.
    reuse_generated_batch : bool, default=True
        The generator step reuses the rows that G generated for the last
        discriminator step, and their forward pass, instead of generating a
        fresh batch: G runs forward ``k`` times per iteration, not ``k + 1``
        (D has moved since, G has not). PyTorch's DCGAN example trains this way.
        Measured side by side in fresh processes, fits took 13 % (credit),
        19 % (census) and 27 % (ames) less time; on the benchmark's eight
        tables (three seeds each) detection AUC, fidelity and ML efficacy moved
        within the seeds' spread (``benchmarks/RESULTS.md``, "Reused generated
        batch").
        False is Algorithm 1 as printed, with fresh noise for every step.
    loss : {'non-saturating', 'minimax', 'wasserstein-gp', 'hinge'}, \
default='non-saturating'
        Value function. ``'minimax'`` is the paper's V(D, G) exactly;
        ``'non-saturating'`` has G maximise log D(G(z)) instead (the paper's
        practical variant); ``'wasserstein-gp'`` is WGAN-GP (Gulrajani et al.,
        2017); ``'hinge'`` is the hinge loss (Lim & Ye, 2017).
    noise : {'normal', 'uniform'}, default='normal'
        The prior p_z: standard normal, or uniform on [-1, 1].
    noise_dim : int or 'auto', default='auto'
        Dimension of z. ``'auto'``: on tables of more than 32 columns with
        ``generator_residual=True``, the width of G's first hidden layer (256 at
        the defaults), so that z itself enters G's residual stream and reaches
        the output layer; else 64. On the benchmark's wide tables (three seeds
        each, see the user guide) the detection AUC fell (loans 0.958 -> 0.932,
        census 0.878 -> 0.870; ames' rose, 0.939 -> 0.949) and the ML efficacy
        rose (census 0.684 -> 0.700, ames 0.848 -> 0.863); on the narrow ones a
        z of 256 raised the AUC. The value used is ``noise_dim_``.
    generator_hidden_layer_sizes : sequence of int, default=(256, 256)
        Widths of G's hidden layers (Linear, BatchNorm, activation).
    generator_activation : {'relu', 'leaky_relu', 'elu', 'gelu', 'silu', 'tanh'}, \
default='relu'
        Activation of G's hidden layers.
    generator_residual : bool, default=True
        Residual connections in G (He et al., 2016): a hidden layer whose output
        is as wide as its input (at the defaults, the second) adds its input to
        its output, ``h + act(BN(W h))``. No extra weights, one addition per
        step. Measured on the benchmark's eight tables (three seeds, in one
        process): the detection AUC fell on loans from 0.983 to 0.954 and on
        diamonds from 0.867 to 0.828, and moved within the seeds' spread
        elsewhere (``benchmarks/RESULTS.md``, "Residual generator"). False is the
        plain perceptron of the paper.
    discriminator_hidden_layer_sizes : sequence of int, default=(256, 256)
        Widths of D's hidden layers.
    discriminator_activation : str, default='leaky_relu'
        Activation of D's hidden layers (same choices as for G).
    discriminator_dropout : float or 'auto', default='auto'
        Dropout rate after each hidden layer of D (the paper used dropout in D,
        as does CTGAN). ``'auto'`` means 0.25 when D sees each training row at
        least 500 times over the fit (``max_iter * k * batch_size`` rows drawn,
        against the rows given: at the defaults, tables of up to 1,000 rows),
        where it keeps D from learning the rows by heart, and 0 otherwise.
        Measured (three seeds each): dropout kept the generated rows further
        from the training rows where D sees them often (distance-to-closest-record
        ratio 0.93 -> 1.00 on penguins, 1,000 passes; 0.88 -> 0.96 on 700 rows of
        credit, 714 passes), and cost 0.01-0.02 of machine learning efficacy and
        15-40 % more fit time (credit, penguins); at 333 passes (1,500 rows of credit)
        the ratio stayed above 0.9 without it, and at 227 (ames) it bought
        nothing. The rate used is in ``discriminator_dropout_``.
    pac : int, default=1
        Rows per discriminator input (PacGAN, Lin et al. 2018). ``batch_size`` is
        rounded down to a multiple of ``pac``.
    conditional : bool, default=False
        Condition G and D on one level of one categorical column per row, with
        training-by-sampling (Xu et al. 2019, CTGAN): in training, a column is
        picked uniformly and one of its levels in proportion to the log of its
        frequency, real rows are drawn among those holding it, and a cross-entropy
        term makes G generate it; rare levels thus get far more than their share of
        training. ``sample`` picks levels by their frequency, so the rows follow the
        table. Ignored for tables without categorical columns.
    autoregressive : bool, default=True
        Draw G's one-hot blocks (categorical columns, missing-value flags and
        clusters) one after another, in a fixed order (blocks grouped by width,
        then in column order), each block's logits shifted by a learnt bias for
        every level drawn in an earlier block; then every continuous output
        shifted by a learnt amount for every level drawn. An MLP that draws every
        block independently given the noise pairs levels wrongly for the noise near
        the borders between pairings, and gives values that do not follow the
        levels actually drawn; these biases can rule a pairing out and carry a
        level's effect on a value. Costs a short loop over the blocks per
        forward pass (see the user guide's "Pairs of levels" for the time and
        what it buys). In the spirit of autoregressive models such
        as NADE (Larochelle & Murray, 2011), with one pairwise bias table per
        pair of blocks on top of the GAN's generator. ``conditional=True``
        applies its cross-entropy to G's logits before these biases. Above 1,024
        one-hot columns in all, G draws the one-hot blocks independently (the
        continuous outputs keep their shifts) and ``fit`` warns.
    spectral_norm : bool, default=False
        Spectral normalisation of D's layers (Miyato et al., 2018).
    gradient_penalty : float, default=10.0
        Weight of the gradient penalty; used by ``loss='wasserstein-gp'`` only.
    tau : float, default=0.2
        Gumbel-softmax temperature of the categorical output heads in training.
    moment_matching : float, default=10.0
        Weight of a term added to G's loss: the squared distance between the mean
        encoded generated row and the mean encoded data row, i.e. between category
        shares, missing rates and means of the transformed continuous columns. A
        first-moment form of the feature matching of Salimans et al. (2016); it
        makes marginal frequencies accurate (see the user guide). 0 gives the
        paper's game alone.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the rows, measure every
        ``validation_interval`` iterations the energy distance between them and as
        many generated rows (``history_[:, 'val_energy']``), stop after
        ``n_iter_no_change`` measurements without improvement, and keep the weights
        of the best one (``best_iter_``).
    validation_fraction : float, default=0.1
        Share of rows held out when ``early_stopping=True`` (at most 1,000 of them
        are compared; all of them are kept out of training).
    n_iter_no_change : int, default=5
        Measurements without improvement before training stops.
    validation_interval : int, default=200
        Iterations between measurements (taken at the end of the epoch that
        reaches it).
    batch_size : int, default=500
        Minibatch size m. Capped at the number of rows.
    max_iter : int, default=1000
        Training iterations (generator updates) per call to ``fit``. With the
        default learning rates, 1,000 iterations reach the quality that 3,000 at
        DCGAN's 2e-4 did, in a third of the time (``benchmarks/RESULTS.md``).
    optimizer : {'adam', 'sgd'}, default='adam'
        Update rule for both players (the paper used SGD with momentum).
    generator_lr : float, default=1e-3
        Learning rate of G.
    discriminator_lr : float, default=1e-3
        Learning rate of D. Both defaults were chosen by measurement on the
        benchmark tables: 1e-3 converged about three times faster than DCGAN's
        2e-4 (Radford et al. 2016). 2e-3 for both lowered the detection AUC on
        most tables but cost one table ML efficacy (see the user guide).
    lr_schedule : {'linear', 'constant'}, default='linear'
        'linear' decays both learning rates linearly from their values above to
        0 over the ``max_iter`` iterations of each call to ``fit`` (a warm-started
        fit decays again from the full rates); 'constant' keeps them. Every call
        to ``fit``, warm-started or not, starts from the two rates above. Measured:
        the decay settles the see-saw at the end of training (on the 5x5 grid the
        reverse KL of the mode histogram fell from 0.039 to 0.011 at 1,000
        iterations; on credit the difference was within one seed's noise). Set
        'constant' when passing your own skorch ``LRScheduler`` in ``callbacks``.
    beta_1, beta_2 : float, default=0.5, 0.9
        Adam's moment decay rates.
    momentum : float, default=0.9
        SGD's momentum.
    weight_decay : float, default=0.0
        L2 penalty on both players' weights.
    categorical_features : 'from_dtype', array-like of str or int, bool mask or \
None, default='from_dtype'
        Which columns are categorical. ``'from_dtype'``: category, object, string and
        boolean columns of a DataFrame; every column of a numeric array is continuous.
    continuous_transform : {'auto', 'quantile', 'standard', 'mode-specific'}, \
default='auto'
        How continuous columns are encoded for the networks (see
        :class:`skgan.TableEncoder`). ``'auto'`` is the quantile encoding, except
        that a column with spikes (a few values, such as the zeros of an amount,
        that each hold at least 5 % of the rows and 10 times the share of any
        other value) gets a one-hot block ``[spike_1, ..., rest]``, and a column
        whose values fall into clusters separated by empty gaps gets a one-hot
        block for its cluster. G draws those blocks exactly in training too
        (straight-through Gumbel-max, so D judges which clusters occur together,
        not how soft G's outputs are), one after another, each with a learnt
        bias from the levels drawn before it, so that pairings the data never
        show can be ruled out. Where G draws a spike or "missing", its value
        output is 0, as in the encoded data.
    max_categories : int or None, default=200
        Per categorical column, the most frequent ``max_categories - 1`` levels keep
        their own output; the rest share an "other" output, decoded to a rare level
        drawn by its training frequency. Bounds memory on columns with many levels.
    functional_dependencies : {'auto', 'exact'} or None, default='auto'
        ``'exact'``: a column whose value one categorical column, or a pair of
        them, fixes in every training row (a code and its label, a sub-grade and
        its grade, a price list) is not generated but looked up from the
        generated determining columns, so every sampled row keeps the rule.
        Only dependencies that independent columns would show by chance with
        probability below about 2e-9 are used; the ones found are in
        ``functional_dependencies_``. ``'auto'`` adds: a numeric column whose
        ranks a categorical column explains at least 80 % of is encoded by its
        quantile within that column's level (see the user guide). ``None``
        generates every column on its own.
    device : 'auto', str or torch.device, default='auto'
        Where the networks train: ``'auto'`` uses CUDA when available.
    precision : {'auto', 'float32', 'bfloat16'}, default='auto'
        ``'bfloat16'`` runs the training forward passes under
        :func:`torch.autocast` with bfloat16 (mixed precision: weights, optimizer
        state and losses stay float32). ``'auto'`` uses it on CPUs with native
        bfloat16 arithmetic (AVX512-BF16 or AMX), where a training step took 21-36 %
        less time at the same quality (census; credit, three seeds), and
        float32 elsewhere, GPUs included (on an NVIDIA H200, bfloat16 made
        steps 4-15 % slower). The choice made is in
        ``precision_``. Sampling always runs in float32.
    compile : bool, default=False
        Compile G, D and the loss with :func:`torch.compile` (through skorch's
        ``compile`` option). Compilation takes tens of seconds at the start of
        ``fit``, and on an NVIDIA H200 compiled steps of the default networks
        were slower too (142 against 200 a second): measure before relying on it.
    random_state : int, RandomState instance or None, default=None
        Seeds weights, minibatches, noise and sampling. An int makes ``fit`` and
        ``sample`` reproducible. Training and sampling draw from local torch
        generators only; None draws one seed from numpy's global RNG, as
        scikit-learn estimators do.
    verbose : int, default=0
        0 is silent; 1 shows a progress bar with the current losses.
    callbacks : list of skorch callbacks or None, default=None
        Extra skorch callbacks (e.g. ``LRScheduler``, ``Checkpoint(monitor=None)``,
        ``EarlyStopping`` on a history key), copied at fit. They see one history
        row per epoch. Note that ``js_estimate`` starts near its lowest value while
        D is untrained, so early stopping on it needs a warm-up.
    warm_start : bool, default=False
        If True, a further ``fit`` continues training the fitted networks (and keeps
        the fitted encoder) for another ``max_iter`` iterations.

    Attributes
    ----------
    encoder_ : TableEncoder
        The fitted table encoder.
    net_ : skorch.NeuralNet
        The adversarial engine; ``net_.module_`` is G, ``net_.discriminator_`` is D.
    generator_ : torch.nn.Module
        G (``net_.module_``, unwrapped from torch.compile's wrapper when
        ``compile=True``).
    discriminator_ : torch.nn.Module
        D (``net_.discriminator_``, unwrapped likewise).
    history_ : skorch.History
        One row per epoch: ``d_loss``, ``g_loss``, ``d_real`` (mean D(x) on real
        rows), ``d_fake`` (mean D(G(z))), ``js_estimate`` ((V + log 4) / 2, the
        paper's lower-bound estimate of the Jensen-Shannon divergence), ``n_iter``
        and ``dur`` (seconds).
    n_iter_ : int
        Training iterations run in all.
    noise_dim_ : int
        The dimension of z G was built with (``noise_dim`` resolved).
    discriminator_dropout_ : float
        The dropout rate D was built with (``discriminator_dropout`` resolved).
    precision_ : str
        The training precision ``precision`` resolved to on this device:
        ``'float32'`` or ``'bfloat16'``.
    functional_dependencies_ : dict
        ``{column: tuple of determining columns}`` for the columns that are looked
        up instead of generated (empty with ``functional_dependencies=None``).
    best_iter_ : int
        With ``early_stopping``: the iteration whose weights were kept.
    n_features_in_ : int
        Number of columns seen in ``fit``.
    feature_names_in_ : ndarray of str
        Column names seen in ``fit``, when they are all strings.

    See Also
    --------
    sklearn.neighbors.KernelDensity : Kernel density estimation, also with ``sample``.
    sklearn.mixture.GaussianMixture : A Gaussian mixture, a strong simple baseline.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative Adversarial Nets. NIPS 27.

    Examples
    --------
    >>> import numpy as np
    >>> from skgan import GANSampler
    >>> X = np.random.default_rng(0).normal(size=(500, 2))
    >>> gan = GANSampler(max_iter=50, random_state=0).fit(X)
    >>> gan.sample(3).shape
    (3, 2)
    """

    _parameter_constraints: dict = {
        "k": [Interval(Integral, 1, None, closed="left")],
        "reuse_generated_batch": ["boolean"],
        "loss": [StrOptions(set(LOSSES))],
        "noise": [StrOptions({"normal", "uniform"})],
        "noise_dim": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "generator_hidden_layer_sizes": ["array-like"],
        "generator_residual": ["boolean"],
        "generator_activation": [StrOptions(set(ACTIVATIONS))],
        "discriminator_hidden_layer_sizes": ["array-like"],
        "discriminator_activation": [StrOptions(set(ACTIVATIONS))],
        "discriminator_dropout": [
            Interval(Real, 0, 1, closed="left"),
            StrOptions({"auto"}),
        ],
        "pac": [Interval(Integral, 1, None, closed="left")],
        "conditional": ["boolean"],
        "autoregressive": ["boolean"],
        "spectral_norm": ["boolean"],
        "gradient_penalty": [Interval(Real, 0, None, closed="left")],
        "tau": [Interval(Real, 0, None, closed="neither")],
        "moment_matching": [Interval(Real, 0, None, closed="left")],
        "early_stopping": ["boolean"],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "n_iter_no_change": [Interval(Integral, 1, None, closed="left")],
        "validation_interval": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 2, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "optimizer": [StrOptions(set(_OPTIMIZERS))],
        "generator_lr": [Interval(Real, 0, None, closed="neither")],
        "discriminator_lr": [Interval(Real, 0, None, closed="neither")],
        "lr_schedule": [StrOptions({"linear", "constant"})],
        "beta_1": [Interval(Real, 0, 1, closed="left")],
        "beta_2": [Interval(Real, 0, 1, closed="left")],
        "momentum": [Interval(Real, 0, 1, closed="both")],
        "weight_decay": [Interval(Real, 0, None, closed="left")],
        "categorical_features": [StrOptions({"from_dtype"}), "array-like", None],
        "continuous_transform": [
            StrOptions({"auto", "quantile", "standard", "mode-specific"})
        ],
        "max_categories": [Interval(Integral, 2, None, closed="left"), None],
        "functional_dependencies": [StrOptions({"auto", "exact"}), None],
        "device": [str, torch.device],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "callbacks": [list, None],
        "warm_start": ["boolean"],
        "precision": [StrOptions({"auto", "float32", "bfloat16"})],
        "compile": ["boolean"],
    }

    def __init__(
        self,
        *,
        k: int = 1,
        reuse_generated_batch: bool = True,
        loss: str = "non-saturating",
        noise: str = "normal",
        noise_dim: int | str = "auto",
        generator_hidden_layer_sizes=(256, 256),
        generator_activation: str = "relu",
        generator_residual: bool = True,
        discriminator_hidden_layer_sizes=(256, 256),
        discriminator_activation: str = "leaky_relu",
        discriminator_dropout: float | str = "auto",
        pac: int = 1,
        conditional: bool = False,
        autoregressive: bool = True,
        spectral_norm: bool = False,
        gradient_penalty: float = 10.0,
        tau: float = 0.2,
        moment_matching: float = 10.0,
        early_stopping: bool = False,
        validation_fraction: float = 0.1,
        n_iter_no_change: int = 5,
        validation_interval: int = 200,
        batch_size: int = 500,
        max_iter: int = 1000,
        optimizer: str = "adam",
        generator_lr: float = 1e-3,
        discriminator_lr: float = 1e-3,
        lr_schedule: str = "linear",
        beta_1: float = 0.5,
        beta_2: float = 0.9,
        momentum: float = 0.9,
        weight_decay: float = 0.0,
        categorical_features="from_dtype",
        continuous_transform: str = "auto",
        max_categories: int | None = 200,
        functional_dependencies: str | None = "auto",
        device: str | torch.device = "auto",
        precision: str = "auto",
        compile: bool = False,
        random_state=None,
        verbose: int = 0,
        callbacks: list | None = None,
        warm_start: bool = False,
    ):
        self.k = k
        self.reuse_generated_batch = reuse_generated_batch
        self.loss = loss
        self.noise = noise
        self.noise_dim = noise_dim
        self.generator_hidden_layer_sizes = generator_hidden_layer_sizes
        self.generator_activation = generator_activation
        self.generator_residual = generator_residual
        self.discriminator_hidden_layer_sizes = discriminator_hidden_layer_sizes
        self.discriminator_activation = discriminator_activation
        self.discriminator_dropout = discriminator_dropout
        self.pac = pac
        self.conditional = conditional
        self.autoregressive = autoregressive
        self.spectral_norm = spectral_norm
        self.gradient_penalty = gradient_penalty
        self.tau = tau
        self.moment_matching = moment_matching
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.validation_interval = validation_interval
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.optimizer = optimizer
        self.generator_lr = generator_lr
        self.discriminator_lr = discriminator_lr
        self.lr_schedule = lr_schedule
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.momentum = momentum
        self.weight_decay = weight_decay
        self.categorical_features = categorical_features
        self.continuous_transform = continuous_transform
        self.functional_dependencies = functional_dependencies
        self.max_categories = max_categories
        self.device = device
        self.precision = precision
        self.compile = compile
        self.random_state = random_state
        self.verbose = verbose
        self.callbacks = callbacks
        self.warm_start = warm_start

    # -- input -----------------------------------------------------------------------
    def _validate_table(self, X, *, reset: bool):
        """Check X's shape and kind and record (or compare) its columns."""
        if not isinstance(X, pd.DataFrame):
            X = check_array(
                as_numeric_array(X),
                dtype="numeric",
                ensure_all_finite="allow-nan",
                ensure_min_samples=2 if reset else 1,
                input_name="X",
                estimator=self,
            )
        else:
            check_unique_columns(X)
            if reset and len(X) < 2:
                raise ValueError(
                    f"Found array with {len(X)} sample(s) while a minimum of 2 is "
                    "required by GANSampler."
                )
        validate_data(self, X, reset=reset, skip_check_array=True)
        return X

    # -- fit -------------------------------------------------------------------------
    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Train G and D on the rows of ``X``.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Training rows. Missing values (NaN, None, pd.NA) are modelled.
        y : None
            Ignored; present for API consistency.

        Returns
        -------
        self : GANSampler
            The fitted sampler.
        """
        continuing = self.warm_start and hasattr(self, "net_")
        X = self._validate_table(X, reset=not continuing)
        g_sizes = _check_layer_sizes(
            "generator_hidden_layer_sizes", self.generator_hidden_layer_sizes
        )
        d_sizes = _check_layer_sizes(
            "discriminator_hidden_layer_sizes", self.discriminator_hidden_layer_sizes
        )
        device = resolve_device(self.device)

        if continuing:
            encoded = self.encoder_.transform(X)
        else:
            self._seed = draw_seed(self.random_state)
            self.encoder_ = TableEncoder(
                categorical_features=self.categorical_features,
                continuous_transform=self.continuous_transform,
                max_categories=self.max_categories,
                functional_dependencies=self.functional_dependencies,
                random_state=self._seed,
            )
            encoded = self.encoder_.fit_transform(X)
            self._sample_calls = 0

        validation = None
        if self.early_stopping:
            encoded, validation = self._hold_out(encoded)
        batch_size = min(self.batch_size, encoded.shape[0]) // self.pac * self.pac
        if batch_size < 2:
            raise ValueError(
                f"batch_size={self.batch_size} with pac={self.pac} on "
                f"{encoded.shape[0]} rows leaves fewer than 2 rows per minibatch."
            )
        data = torch.as_tensor(encoded, dtype=torch.float32, device=device)

        if continuing:
            self.net_.set_params(
                n_iter=self.max_iter,
                batch_size=batch_size,
                lr_schedule=self.lr_schedule,
            )
            # Plain attributes: skorch's set_params would read "discriminator_lr" as
            # a parameter of the discriminator module. on_train_begin applies them.
            self.net_.generator_lr = self.generator_lr
            self.net_.discriminator_lr = self.discriminator_lr
        else:
            self.noise_dim_ = self._resolve_noise_dim(g_sizes)
            self.discriminator_dropout_ = self._resolve_dropout(batch_size, len(data))
            self.net_ = self._build_net(g_sizes, d_sizes, batch_size, device)
            self.net_.initialize()
            self._warn_if_heads_independent()
        if validation is not None:
            monitor = dict(self.net_.callbacks_).get("quality_early_stopping")
            if monitor is None:
                raise ValueError(
                    "early_stopping=True needs a fresh fit; it cannot be switched on "
                    "in a warm-started one."
                )
            monitor.validation = validation
        self.net_.max_epochs = self.net_.epochs_for(len(data))
        with flush_denormals():
            self.net_.partial_fit(data)
        self.n_iter_ = int(sum(self.net_.history[:, "n_iter"]))
        if self.early_stopping:
            self.best_iter_ = getattr(self.net_, "best_iteration_", self.n_iter_)
        self._check_finite_weights()
        return self

    def _resolve_noise_dim(self, g_sizes: tuple[int, ...]) -> int:
        if self.noise_dim != "auto":
            return int(self.noise_dim)
        wide = self.n_features_in_ > _AUTO_NOISE_WIDE_TABLE
        # The gain is z's skip into the residual stream, not its size (a wider
        # z without the skip gained nothing on the wide tables).
        if wide and self.generator_residual and g_sizes:
            return g_sizes[0]
        return _AUTO_NOISE_DIM

    def _resolve_dropout(self, batch_size: int, n_rows: int) -> float:
        if self.discriminator_dropout != "auto":
            return float(self.discriminator_dropout)
        passes = self.max_iter * self.k * batch_size / n_rows
        return _AUTO_DROPOUT if passes >= _AUTO_DROPOUT_PASSES else 0.0

    def _hold_out(self, encoded: np.ndarray) -> tuple[np.ndarray, torch.Tensor]:
        """Split off the validation rows of ``early_stopping`` (seeded)."""
        n_val = max(1, round(self.validation_fraction * len(encoded)))
        if len(encoded) - n_val < 2:
            raise ValueError(
                f"validation_fraction={self.validation_fraction} leaves fewer than 2 "
                f"of the {len(encoded)} rows for training."
            )
        rng = np.random.default_rng(derive_seed(self._seed, _SCORE_STREAM, 2))
        order = rng.permutation(len(encoded))
        held, kept = order[:n_val], order[n_val:]
        compared = held[:_VALIDATION_ROWS]
        return encoded[kept], torch.as_tensor(encoded[compared], dtype=torch.float32)

    def _warn_if_heads_independent(self) -> None:
        heads = self.generator_.heads
        width = heads.softmax_columns.numel()
        if (
            self.autoregressive
            and heads.chain is None
            and width > heads.MAX_CHAIN_WIDTH
        ):
            warnings.warn(
                f"The one-hot outputs are {width} wide in all, more than "
                f"{heads.MAX_CHAIN_WIDTH}: the generator draws them independently "
                "(autoregressive=True needs a width x width table). Lower "
                "max_categories to keep the autoregressive heads.",
                UserWarning,
                stacklevel=3,
            )

    def _check_finite_weights(self) -> None:
        # A fitted sampler must never produce NaN or inf rows. One host sync for
        # all the weights, not one per tensor (each is a wait on a GPU).
        weights = [*self.generator_.parameters(), *self.discriminator_.parameters()]
        if not bool(torch.stack([torch.isfinite(w).all() for w in weights]).all()):
            raise FloatingPointError(
                "Training diverged: the network weights are no longer finite. "
                "Lower the learning rates or use loss='wasserstein-gp'."
            )

    def _build_net(
        self, g_sizes, d_sizes, batch_size, device, level_shift: bool | None = None
    ) -> AdversarialNet:
        spans = [(s.start, s.stop, s.activation) for s in self.encoder_.spans_]
        condition_spans = self._condition_spans()
        condition_dim = sum(stop - start for start, stop in condition_spans)
        optimizer_kwargs = {"weight_decay": self.weight_decay}
        if self.optimizer == "adam":
            optimizer_kwargs["betas"] = (self.beta_1, self.beta_2)
            if fused_adam_supported(device):
                optimizer_kwargs["fused"] = True
        else:
            optimizer_kwargs["momentum"] = self.momentum
        callbacks = [copy.deepcopy(cb) for cb in (self.callbacks or [])]
        if self.early_stopping:
            callbacks.append(
                (
                    "quality_early_stopping",
                    QualityEarlyStopping(
                        None,
                        interval=self.validation_interval,
                        patience=self.n_iter_no_change,
                        seed=derive_seed(self._seed, _SCORE_STREAM, 3),
                    ),
                )
            )
        if self.verbose:
            callbacks.append(("progress_bar", ProgressBar(self.max_iter)))
        return AdversarialNet(
            Generator,
            Discriminator,
            criterion=AdversarialLoss,
            criterion__loss=self.loss,
            criterion__gradient_penalty=self.gradient_penalty,
            module__noise_dim=self.noise_dim_,
            module__spans=spans,
            module__hidden_layer_sizes=g_sizes,
            module__activation=self.generator_activation,
            module__residual=self.generator_residual,
            module__seed=derive_seed(self._seed, _INIT_STREAM, 0),
            module__condition_spans=condition_spans,
            module__autoregressive=self.autoregressive,
            module__level_shift=level_shift,
            module__value_masks=self._value_masks(),
            discriminator__input_dim=self.encoder_.n_encoded_,
            discriminator__condition_dim=condition_dim,
            discriminator__hidden_layer_sizes=d_sizes,
            discriminator__activation=self.discriminator_activation,
            discriminator__dropout=self.discriminator_dropout_,
            discriminator__pac=self.pac,
            discriminator__spectral_norm=self.spectral_norm,
            discriminator__seed=derive_seed(self._seed, _INIT_STREAM, 1),
            optimizer=_OPTIMIZERS[self.optimizer],
            **{f"optimizer__{key}": value for key, value in optimizer_kwargs.items()},
            generator_lr=self.generator_lr,
            discriminator_lr=self.discriminator_lr,
            lr_schedule=self.lr_schedule,
            k=self.k,
            reuse_generated_batch=self.reuse_generated_batch,
            n_iter=self.max_iter,
            noise=self.noise,
            tau=self.tau,
            moment_matching=self.moment_matching,
            batch_size=batch_size,
            random_seed=derive_seed(self._seed, _TRAIN_STREAM),
            callbacks=callbacks or None,
            train_split=None,
            device=str(device),
            precision=resolve_precision(self.precision, device),
            compile=self.compile,
        )

    def _value_masks(self) -> list[tuple[int, int]]:
        """(level column, value column) pairs: a spike's or a missing value's
        level and the value that the encoder writes as 0 on its rows."""
        spans = self.encoder_.spans_
        value_of = {s.column: s.start for s in spans if s.role == "value"}
        masks = []
        for s in spans:
            if s.role == "spike":  # every level but the last ("rest")
                masks += [(c, value_of[s.column]) for c in range(s.start, s.stop - 1)]
            elif s.role == "missing":  # [present, missing]
                masks.append((s.start + 1, value_of[s.column]))
        return masks

    def _condition_spans(self) -> list[tuple[int, int]]:
        """The categorical blocks a conditional generator is conditioned on."""
        if not self.conditional:
            return []
        return [
            (s.start, s.stop)
            for s in self.encoder_.spans_
            if s.role == "category" and s.stop - s.start >= 2
        ]

    # -- fitted views ----------------------------------------------------------------
    @property
    def generator_(self) -> torch.nn.Module:
        # With compile=True skorch holds torch.compile wrappers; these are the
        # networks themselves (their state_dict keys carry no wrapper prefix).
        return _uncompiled(self.net_.module_)

    @property
    def discriminator_(self) -> torch.nn.Module:
        return _uncompiled(self.net_.discriminator_)

    @property
    def history_(self):
        return self.net_.history

    @property
    def precision_(self) -> str:
        return self.net_.precision

    @property
    def functional_dependencies_(self) -> dict:
        # Encoders saved before dependencies existed have none.
        return getattr(self.encoder_, "functional_dependencies_", {})

    def _device(self) -> torch.device:
        return torch.device(self.net_.device)

    # -- sampling --------------------------------------------------------------------
    def _next_sample_seed(self, random_state) -> int:
        if random_state is not None:
            return draw_seed(random_state)
        # Successive calls give new rows, and the sequence is fixed by random_state.
        self._sample_calls += 1
        return derive_seed(self._seed, _SAMPLE_STREAM, self._sample_calls)

    def iter_samples(
        self,
        n_samples: int,
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        random_state=None,
    ) -> Iterator[np.ndarray | pd.DataFrame]:
        """Generate ``n_samples`` rows as a stream of decoded chunks.

        Only one chunk is in memory at a time, so the output can exceed memory
        (write each chunk to disk as it comes).

        Parameters
        ----------
        n_samples : int
            Rows in all.
        chunk_size : int, default=65536
            Rows per chunk (the last may be shorter).
        random_state : int, RandomState instance or None, default=None
            Seed for this draw; None continues the sampler's own reproducible stream.

        Yields
        ------
        chunk : ndarray or DataFrame
            Rows of the same kind as the table given to ``fit``. The rows depend on
            the seed and on ``chunk_size``.
        """
        check_is_fitted(self)
        n_samples = check_n_samples(n_samples)
        chunk_size = check_n_samples(chunk_size)
        seed = self._next_sample_seed(random_state)
        decode_rng = np.random.RandomState(derive_seed(seed, 1) % 2**32)
        offset = 0
        for encoded in generate_encoded(
            self.generator_,
            n_samples,
            prior=self.net_.noise,
            seed=seed,
            device=self._device(),
            chunk_size=chunk_size,
        ):
            chunk = self.encoder_.inverse_transform(encoded, random_state=decode_rng)
            if isinstance(chunk, pd.DataFrame):
                chunk.index = pd.RangeIndex(offset, offset + len(chunk))
            offset += len(chunk)
            yield chunk

    def sample(self, n_samples: int = 1, random_state=None):
        """Generate new rows.

        Parameters
        ----------
        n_samples : int, default=1
            Number of rows to generate.
        random_state : int, RandomState instance or None, default=None
            Seed for this draw. None continues the sampler's own stream, which is
            itself fixed by the ``random_state`` given at construction.

        Returns
        -------
        X_new : ndarray of shape (n_samples, `n_features_in_`) or DataFrame
            A DataFrame with the training columns and dtypes when ``fit`` saw a
            DataFrame, else an array.
        """
        chunks = self.iter_samples(
            n_samples, chunk_size=DEFAULT_CHUNK_SIZE, random_state=random_state
        )
        first = next(chunks)
        if len(first) == n_samples:
            return first
        if isinstance(first, pd.DataFrame):
            return _assemble_frame(first, chunks, n_samples)
        # Arrays go straight into the preallocated output: peak = output + a chunk.
        out = np.empty((n_samples, first.shape[1]), dtype=first.dtype)
        offset = 0
        for chunk in itertools.chain([first], chunks):
            out[offset : offset + len(chunk)] = chunk
            offset += len(chunk)
        return out

    # -- diagnostics -----------------------------------------------------------------
    def _encode(self, X) -> torch.Tensor:
        check_is_fitted(self)
        X = self._validate_table(X, reset=False)
        # Held-out rows (a CV fold) may hold categories that training never saw:
        # they encode as all-zero blocks, i.e. as mismatches, instead of raising.
        lenient = copy.copy(self.encoder_).set_params(handle_unknown="ignore")
        encoded = lenient.transform(X)
        return torch.as_tensor(encoded, dtype=torch.float32, device=self._device())

    def discriminator_proba(self, X) -> np.ndarray:
        """D(x): the discriminator's probability that each row is real.

        At the paper's equilibrium p_g = p_data and D(x) = 1/2 everywhere. With
        ``pac > 1`` each row is judged as a pack of ``pac`` copies of itself. Only
        meaningful for ``loss`` 'minimax' and 'non-saturating' (a WGAN or hinge critic
        does not output a probability). A ``conditional`` D judges a row with a
        condition: the probability is averaged over the row's own levels of the
        conditioning columns, one at a time.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Rows to judge.

        Returns
        -------
        proba : ndarray of shape (n_samples,)
        """
        x = self._encode(X)
        D = self.discriminator_
        condition = self.generator_.condition
        was_training = D.training
        D.eval()
        try:
            with torch.inference_mode():
                packed = x.repeat_interleave(D.pac, dim=0)
                if condition is None:
                    proba = torch.sigmoid(D(packed))
                else:
                    proba = (
                        sum(
                            torch.sigmoid(D(packed, c.repeat_interleave(D.pac)))
                            for c in condition.own_levels(x)
                        )
                        / condition.n_spans
                    )
        finally:
            D.train(was_training)
        return proba.cpu().numpy().astype(np.float64)

    def score(self, X, y=None) -> float:
        """Negative energy distance between generated rows and ``X``; higher is better.

        Up to 2,000 rows of ``X`` and as many generated rows are compared in the
        encoded space (continuous columns on a standard scale, categorical columns
        one-hot, missingness indicators), with a fixed seed. 0 means the two samples
        are indistinguishable by this statistic. It is what ``GridSearchCV`` maximises.
        A category never seen in ``fit`` (or a missing value in a column that had
        none) encodes as an all-zero block, so it counts as a mismatch rather than
        raising.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Held-out rows.
        y : None
            Ignored.

        Returns
        -------
        score : float
            ``-(2 E|X - Y| - E|X - X'| - E|Y - Y'|)``.
        """
        real = self._encode(X).cpu()
        rng = np.random.default_rng(derive_seed(self._seed, _SCORE_STREAM))
        if len(real) > _SCORE_ROWS:
            real = real[rng.choice(len(real), _SCORE_ROWS, replace=False)]
        (fake,) = generate_encoded(
            self.generator_,
            len(real),
            prior=self.net_.noise,
            seed=derive_seed(self._seed, _SCORE_STREAM, 1),
            device=self._device(),
            chunk_size=len(real),
        )
        return -float(energy_distance(real, torch.from_numpy(fake)))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags


def _uncompiled(module: torch.nn.Module) -> torch.nn.Module:
    return getattr(module, "_orig_mod", module)


class _ColumnBuffer:
    """One output column, allocated at full length and filled chunk by chunk."""

    #: pandas' nullable arrays: numpy values plus a missing mask.
    _MASKED = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)

    def __init__(self, first: pd.Series, n_rows: int):
        self.dtype = first.dtype
        if isinstance(self.dtype, pd.CategoricalDtype):
            self.kind = "categorical"
            self.values = np.empty(n_rows, dtype=first.array.codes.dtype)
        elif isinstance(self.dtype, np.dtype):
            self.kind = "numpy"
            self.values = np.empty(n_rows, dtype=self.dtype)
        elif isinstance(first.array, self._MASKED):
            self.kind = "masked"
            self.values = np.empty(n_rows, dtype=self.dtype.numpy_dtype)
            self.mask = np.empty(n_rows, dtype=bool)
        else:  # other extension types (e.g. tz-aware datetimes): joined at the end
            self.kind = "pieces"
            self.pieces: list[pd.Series] = []

    def write(self, column: pd.Series, start: int) -> None:
        stop = start + len(column)
        if self.kind == "categorical":
            self.values[start:stop] = column.array.codes
        elif self.kind == "numpy":
            self.values[start:stop] = column.to_numpy()
        elif self.kind == "masked":
            self.mask[start:stop] = column.isna().to_numpy()
            self.values[start:stop] = column.array.to_numpy(
                dtype=self.values.dtype, na_value=self.values.dtype.type(0)
            )
        else:
            self.pieces.append(column.copy())

    def result(self) -> pd.Series:
        if self.kind == "categorical":
            array = pd.Categorical.from_codes(self.values, dtype=self.dtype)
        elif self.kind == "numpy":
            array = self.values
        elif self.kind == "masked":
            array = type(pd.array([], dtype=self.dtype))(self.values, self.mask)
        else:
            return pd.concat(self.pieces, ignore_index=True)
        return pd.Series(array, dtype=self.dtype, **PANDAS_NO_COPY)


def _assemble_frame(
    first: pd.DataFrame, rest: Iterator[pd.DataFrame], n_rows: int
) -> pd.DataFrame:
    """Write decoded chunks into columns allocated once at their full length.

    ``pd.concat`` of the chunks holds every chunk and the result at once (over
    twice the output), and many freed chunk-sized pieces are not given back to the
    system; filling preallocated columns peaks at the output plus one chunk.
    ``copy=False`` (before pandas 3) keeps pandas from consolidating the columns
    into a further copy; each column's buffer is released once its Series exists.
    """
    columns = first.columns
    buffers = [_ColumnBuffer(first.iloc[:, j], n_rows) for j in range(len(columns))]
    offset = 0
    for chunk in itertools.chain([first], rest):
        for j, buffer in enumerate(buffers):
            buffer.write(chunk.iloc[:, j], offset)
        offset += len(chunk)
    del first, chunk
    joined = {}
    for j in range(len(buffers)):
        joined[j] = buffers[j].result()
        buffers[j] = None  # pandas 3 copies the array: free ours column by column
    frame = pd.DataFrame(joined, **PANDAS_NO_COPY)
    frame.columns = columns
    return frame
