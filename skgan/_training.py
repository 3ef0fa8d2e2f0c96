"""The adversarial engine: Algorithm 1 of Goodfellow et al. (2014) on skorch.

:class:`AdversarialNet` is a skorch ``NeuralNet`` whose ``module_`` is the generator
and whose ``discriminator_`` is a second registered module. One optimizer holds two
parameter groups (generator, discriminator) with their own learning rates; each phase
back-propagates into its own player only, so a step of the optimizer moves just that
player (torch skips parameters without a gradient). Keeping one ``optimizer_`` is what
lets skorch's ``LRScheduler``, ``Checkpoint`` and parameter routing work unchanged.

One *iteration* is Algorithm 1's outer loop: ``k`` discriminator steps, each on a
fresh minibatch of ``m`` real rows and ``m`` noise vectors, then one generator step:
on fresh noise, or with ``reuse_generated_batch`` on the last discriminator step's
generated rows, so that G runs forward ``k`` times per iteration, not ``k + 1``
(PyTorch's DCGAN example trains this way). An *epoch* is ``ceil(n_rows / m)``
iterations; callbacks and the history see one entry per epoch. The step touches
tensors only: metrics are summed on the device and read once per epoch.
"""

from __future__ import annotations

import contextlib
import functools
import math
import sys

import torch
from skorch import NeuralNet
from skorch.callbacks import Callback, EpochTimer
from torch import nn

from . import _losses
from ._conditioning import RowsByLevel
from ._networks import draw_noise
from ._validation import derive_seed, make_generator


class AdversarialLoss(nn.Module):
    """skorch's ``criterion``: the value function chosen by ``loss``."""

    def __init__(self, loss: str = "non-saturating", gradient_penalty: float = 10.0):
        super().__init__()
        self.loss = loss
        self.gradient_penalty = gradient_penalty

    def discriminator(self, real_logits, fake_logits):
        return _losses.discriminator_loss(self.loss, real_logits, fake_logits)

    def generator(self, fake_logits):
        return _losses.generator_loss(self.loss, fake_logits)


class RandomBatches:
    """Minibatches drawn by index from one tensor that already lives on the device.

    Each item is a ``(k, m, n_columns)`` tensor: the real rows for the ``k``
    discriminator steps of one iteration. For a conditional generator it is a pair:
    those rows, drawn to match conditions, and the ``(k, m)`` condition positions.
    Stops after ``n_iter`` iterations in all, so the last epoch may be shorter.
    """

    def __init__(
        self,
        data,
        batch_size,
        k,
        iterations_per_epoch,
        n_iter,
        generator,
        condition=None,
        rows_by_level=None,
    ):
        self.data = data
        self.condition = condition
        self.rows_by_level = rows_by_level
        self.batch_size = batch_size
        self.k = k
        self.iterations_per_epoch = iterations_per_epoch
        self.n_iter = n_iter
        self.generator = generator
        self.done = 0

    def __len__(self):
        return min(self.iterations_per_epoch, self.n_iter - self.done)

    def __iter__(self):
        n_rows = self.data.shape[0]
        shape = (self.k, self.batch_size, self.data.shape[1])
        for _ in range(len(self)):
            self.done += 1
            if self.condition is None:
                index = torch.randint(
                    n_rows,
                    (self.k * self.batch_size,),
                    generator=self.generator,
                    device=self.data.device,
                )
                yield self.data[index].view(shape)
                continue
            # Training-by-sampling: a condition per row, then a real row holding it.
            positions = self.condition.draw(
                self.k * self.batch_size, self.generator, log_frequency=True
            )
            index = self.rows_by_level.draw(positions, self.generator)
            yield self.data[index].view(shape), positions.view(shape[:2])


class AdversarialNet(NeuralNet):
    """skorch net that trains ``module`` (G) against ``discriminator`` (D).

    Built by :class:`skgan.GANSampler`; not meant to be configured by hand, but its
    history, callbacks and modules are those of any skorch net.
    """

    #: Statistics recorded in the history once per epoch, in this order.
    EPOCH_STATS = ("d_loss", "g_loss", "d_real", "d_fake", "js_estimate")

    def __init__(
        self,
        module,
        discriminator,
        *args,
        k: int = 1,
        n_iter: int = 1000,
        noise: str = "normal",
        tau: float = 0.2,
        moment_matching: float = 0.0,
        generator_lr: float = 1e-3,
        discriminator_lr: float = 1e-3,
        random_seed: int = 0,
        precision: str = "float32",
        lr_schedule: str = "linear",
        reuse_generated_batch: bool = False,
        **kwargs,
    ):
        super().__init__(module, *args, **kwargs)
        self.precision = precision
        self.lr_schedule = lr_schedule
        self.discriminator = discriminator
        self.k = k
        self.n_iter = n_iter
        self.noise = noise
        self.tau = tau
        self.moment_matching = moment_matching
        self.generator_lr = generator_lr
        self.discriminator_lr = discriminator_lr
        self.random_seed = random_seed
        self.reuse_generated_batch = reuse_generated_batch

    @property
    def _default_callbacks(self):
        return [("epoch_timer", EpochTimer())]

    # -- components ------------------------------------------------------------------
    def initialize_module(self):
        super().initialize_module()
        params = self.get_params_for("discriminator")
        self.discriminator_ = self.initialized_instance(self.discriminator, params)
        return self

    def initialize_optimizer(self, *args, **kwargs):
        groups = [
            {
                "params": list(self.module_.parameters()),
                "lr": self.generator_lr,
                "name": "generator",
            },
            {
                "params": list(self.discriminator_.parameters()),
                "lr": self.discriminator_lr,
                "name": "discriminator",
            },
        ]
        self.optimizer_ = self.optimizer(groups, **self.get_params_for("optimizer"))
        return self

    # -- data ------------------------------------------------------------------------
    def check_data(self, X, y=None):
        pass  # the estimator has validated and encoded the table already

    def get_dataset(self, X, y=None):
        return X  # one tensor on the device: no Dataset, no DataLoader

    def get_iterator(self, dataset, training=False):
        iterations_per_epoch = max(1, math.ceil(dataset.shape[0] / self.batch_size))
        return RandomBatches(
            dataset,
            self.batch_size,
            self.k,
            iterations_per_epoch,
            self.n_iter,
            self.rng_,
            self.condition_,
            self.rows_by_level_,
        )

    def epochs_for(self, n_rows: int) -> int:
        """Epochs that ``n_iter`` iterations take on a table of ``n_rows`` rows."""
        return math.ceil(self.n_iter / max(1, math.ceil(n_rows / self.batch_size)))

    # -- the game --------------------------------------------------------------------
    def on_train_begin(self, net, X=None, y=None, **kwargs):
        # A fresh stream per call keeps a warm-started fit reproducible too.
        iterations_done = sum(self.history[:, "n_iter"]) if len(self.history) else 0
        seed = derive_seed(self.random_seed, iterations_done)
        self.rng_ = make_generator(seed, torch.device(self.device))
        self.generator_params_ = tuple(self.module_.parameters())
        # Set once: every evaluation path (sampling, early stopping) restores it.
        self.module_.train()
        self.discriminator_.train()
        # A conditional generator owns the condition layout; its level counts and
        # the rows per level come from this call's rows.
        self.rows_by_level_ = None
        self.data_mean_ = X.mean(0) if X is not None else None
        if self.condition_ is not None and X is not None:
            self.condition_.count_levels(X)
            self.rows_by_level_ = RowsByLevel(X, self.condition_)
            # Rows are drawn through log-frequency conditions on both sides, so
            # moment matching aims at the mean of rows drawn that way.
            self.data_mean_ = self.condition_.target_mean(X, log_frequency=True)
        # Every call to fit starts from the configured rates, warm starts too (a
        # linear decay leaves them at 0, and set_params may have changed them).
        for group in self.optimizer_.param_groups:
            group["lr"] = group["initial_lr"] = getattr(self, f"{group['name']}_lr")
        self.lr_scheduler_ = None
        if self.lr_schedule == "linear":
            self.lr_scheduler_ = torch.optim.lr_scheduler.LambdaLR(
                self.optimizer_, functools.partial(_linear_decay, total=self.n_iter)
            )

    def on_train_end(self, net, X=None, y=None, **kwargs):
        # Generators and parameter tuples are device state: never pickle them.
        self.rng_ = None
        self.generator_params_ = None
        self.data_mean_ = None
        self.lr_scheduler_ = None
        self.rows_by_level_ = None

    @property
    def condition_(self):
        """G's condition layout (a ``ConditionDraw``), None if unconditional."""
        return getattr(self.module_, "condition", None)

    def autocast(self):
        """bfloat16 mixed precision for the forward passes when ``precision`` asks.

        Weights, optimizer state and the losses stay float32 (autocast runs the
        logit losses in float32); matrix products run in bfloat16.
        """
        return torch.autocast(
            torch.device(self.device).type,
            dtype=torch.bfloat16,
            enabled=self.precision == "bfloat16",
        )

    def draw_noise(self, n: int) -> torch.Tensor:
        """n vectors from the prior p_z."""
        return draw_noise(self.noise, n, self.module_.noise_dim, self.rng_, self.device)

    def draw_condition(self, n: int) -> torch.Tensor | None:
        """Training conditions (log-frequency) for n rows; None if unconditional."""
        if self.condition_ is None:
            return None
        return self.condition_.draw(n, self.rng_, log_frequency=True)

    def generate(self, n: int, positions: torch.Tensor | None = None):
        """G(z) with soft (Gumbel-softmax) categorical blocks, as D sees them, and
        G's raw logits."""
        return self.module_(
            self.draw_noise(n),
            positions,
            tau=self.tau,
            generator=self.rng_,
            return_logits=True,
        )

    def discriminator_step(
        self, real: torch.Tensor, real_positions=None, *, keep_generated=False
    ):
        """Ascend V(D, G) (or the critic objective) on one minibatch.

        Returns D's loss and logits, and, with ``keep_generated``, the generated
        batch ``(rows, G's logits, conditions)`` with G's graph recorded, for the
        generator step to reuse; else None in its place.
        """
        D = self.discriminator_
        with self.autocast():
            # G's graph is recorded only when the generator step will use it.
            with torch.set_grad_enabled(keep_generated):
                fake_positions = self.draw_condition(real.shape[0])
                fake, raw = self.generate(real.shape[0], fake_positions)
            kept = (fake, raw, fake_positions) if keep_generated else None
            fake = fake.detach()  # D's step must not reach into G's graph
            self.optimizer_.zero_grad(set_to_none=True)
            positions = None
            if fake_positions is not None:
                positions = torch.cat([real_positions, fake_positions])
            logits = D(
                torch.cat([real, fake.to(real.dtype)]), positions, generator=self.rng_
            )
            real_logits, fake_logits = logits.float().chunk(2)
            loss = self.criterion_.discriminator(real_logits, fake_logits)
            if self.criterion_.loss == "wasserstein-gp":
                # Interpolates keep the generated rows' conditions.
                penalty = _losses.gradient_penalty(
                    lambda x: D(x, fake_positions, generator=self.rng_),
                    real,
                    fake,
                    self.rng_,
                    D.pac,
                )
                loss = loss + self.criterion_.gradient_penalty * penalty
        loss.backward()
        self.optimizer_.step()
        return loss.detach(), real_logits.detach(), fake_logits.detach(), kept

    def generator_step(self, batch_size: int, kept=None):
        """Descend the generator loss; only G's weights move.

        On the batch ``kept`` from the last discriminator step when given (D has
        moved since, G has not), else on fresh noise.
        """
        self.optimizer_.zero_grad(set_to_none=True)
        with self.autocast():
            if kept is None:
                positions = self.draw_condition(batch_size)
                fake, raw = self.generate(batch_size, positions)
            else:
                fake, raw, positions = kept
            fake_logits = self.discriminator_(
                fake, positions, generator=self.rng_
            ).float()
            loss = self.criterion_.generator(fake_logits)
            if positions is not None:
                # G must generate the level its condition names (Xu et al. 2019).
                loss = loss + self.condition_.cross_entropy(raw, positions)
        if self.moment_matching:
            # First moments of the encoded row: category shares, missing rates and
            # means of the transformed continuous columns.
            gap = fake.float().mean(0) - self.data_mean_
            loss = loss + self.moment_matching * gap.square().sum()
        loss.backward(inputs=self.generator_params_)
        self.optimizer_.step()
        return loss.detach()

    def train_step(self, batch, **fit_params):
        real_batches, positions = batch if isinstance(batch, tuple) else (batch, None)
        last = len(real_batches) - 1
        for i, real in enumerate(real_batches):
            d_loss, real_logits, fake_logits, kept = self.discriminator_step(
                real,
                None if positions is None else positions[i],
                keep_generated=self.reuse_generated_batch and i == last,
            )
        g_loss = self.generator_step(real_batches.shape[1], kept)
        if self.lr_scheduler_ is not None:
            self.lr_scheduler_.step()
        stats = torch.stack(
            [
                d_loss,
                g_loss,
                torch.sigmoid(real_logits).mean(),
                torch.sigmoid(fake_logits).mean(),
                (_losses.value_function(real_logits, fake_logits) + _losses.LOG4) / 2,
            ]
        )
        return {"loss": g_loss, "stats": stats}

    def run_single_epoch(self, iterator, training, prefix, step_fn, **fit_params):
        if iterator is None or not training:
            return
        totals = torch.zeros(len(self.EPOCH_STATS), device=self.device)
        n_batches = 0
        for batch in iterator:
            self.notify("on_batch_begin", batch=batch, training=training)
            step = step_fn(batch, **fit_params)
            totals += step["stats"]
            n_batches += 1
            self.notify("on_batch_end", batch=batch, training=training, **step)
        means = (totals / max(n_batches, 1)).tolist()  # the epoch's one host sync
        for name, value in zip(self.EPOCH_STATS, means, strict=True):
            self.history.record(name, value)
        self.history.record("train_loss", means[1])
        self.history.record("n_iter", n_batches)
        if not all(math.isfinite(v) for v in means):
            raise FloatingPointError(
                f"Training diverged in epoch {len(self.history)}: the losses became "
                f"non-finite (d_loss={means[0]}, g_loss={means[1]}). Lower the "
                "learning rates (generator_lr, discriminator_lr) or use "
                "loss='wasserstein-gp'."
            )


def _flushing_denormals() -> bool:
    # torch has a setter but no getter: with flush-to-zero on, a denormal input
    # reads as zero.
    return bool((torch.tensor([1e-39]) * 1.0)[0] == 0)


@contextlib.contextmanager
def flush_denormals():
    """Treat denormal floats as zero on the CPU while training, then restore.

    Adam's moment estimates of weights whose gradient is zero most of the time
    (D's inputs for rare categories) decay geometrically into the denormal range,
    where CPU arithmetic is many times slower: on census a training iteration went
    from 54 ms to 180 ms over 1,000 iterations; flushed, it stayed at about 48 ms.
    """
    was_flushing = _flushing_denormals()
    torch.set_flush_denormal(True)
    try:
        yield
    finally:
        torch.set_flush_denormal(was_flushing)


def _linear_decay(iteration: int, total: int) -> float:
    """Learning-rate factor: 1 at the first iteration, 1/total at the last."""
    return max(0.0, 1.0 - iteration / total)


#: Seconds between progress lines when stderr is a file or a pipe, not a terminal.
LOG_INTERVAL = 10.0


class ProgressBar(Callback):
    """A tqdm bar over iterations with the epoch's losses, for ``verbose=1``.

    On a terminal or in a notebook it redraws in place. Written to a file or a
    pipe, each redraw is a new line, so it writes one every ``LOG_INTERVAL``
    seconds and keeps the last (a fit of a minute logs six lines, not 600).
    """

    def __init__(self, total: int):
        self.total = total

    def on_train_begin(self, net, **kwargs):
        from tqdm.auto import tqdm
        from tqdm.notebook import tqdm_notebook

        live = issubclass(tqdm, tqdm_notebook) or sys.stderr.isatty()
        self.bar_ = tqdm(
            total=self.total,
            unit="it",
            desc="GANSampler",
            leave=not live,
            mininterval=0.1 if live else LOG_INTERVAL,
        )

    def on_epoch_end(self, net, **kwargs):
        row = net.history[-1]
        # No forced redraw: update() redraws at most every mininterval.
        self.bar_.set_postfix(
            d_loss=f"{row['d_loss']:.3f}",
            g_loss=f"{row['g_loss']:.3f}",
            D_real=f"{row['d_real']:.2f}",
            D_fake=f"{row['d_fake']:.2f}",
            refresh=False,
        )
        self.bar_.update(row["n_iter"])

    def on_train_end(self, net, **kwargs):
        self.bar_.close()
        del self.bar_


def energy_distance(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """2 E|X - Y| - E|X - X'| - E|Y - Y'| between two row samples (Szekely & Rizzo)."""
    return (
        2 * torch.cdist(x, y).mean()
        - torch.cdist(x, x).mean()
        - torch.cdist(y, y).mean()
    )


class QualityEarlyStopping(Callback):
    """Stop when generated rows stop getting closer to held-out rows.

    Every ``interval`` iterations (at the end of the epoch that passes it), the
    energy distance between the validation rows and as many generated rows (fixed
    noise, so evaluations are comparable) is recorded in the history as
    ``val_energy``. Training stops after ``patience`` evaluations without
    improvement, and the weights of the best evaluation are restored at the end.
    """

    def __init__(
        self, validation: torch.Tensor, *, interval: int, patience: int, seed: int
    ):
        self.validation = validation
        self.interval = interval
        self.patience = patience
        self.seed = seed

    def on_train_begin(self, net, **kwargs):
        # The CPU copy stays in the callback (pickles anywhere); work on the device.
        self.validation_ = self.validation.to(net.device)
        self.best_ = math.inf
        self.best_state_ = None
        self.misses_ = 0
        self.since_ = 0

    def _evaluate(self, net) -> float:
        G = net.module_
        rng = make_generator(self.seed, self.validation_.device)
        was_training = G.training
        G.eval()
        with torch.no_grad():
            z = draw_noise(
                net.noise,
                len(self.validation),
                G.noise_dim,
                rng,
                self.validation.device,
            )
            condition = G.draw_condition(len(z), rng, log_frequency=False)
            fake = G(z, condition, hard=True, generator=rng)
        G.train(was_training)
        return float(energy_distance(self.validation_, fake))

    def on_epoch_end(self, net, **kwargs):
        self.since_ += net.history[-1, "n_iter"]
        if self.since_ < self.interval:
            return
        self.since_ = 0
        score = self._evaluate(net)
        net.history.record("val_energy", score)
        if score < self.best_:
            self.best_, self.misses_ = score, 0
            self.best_state_ = {
                "module": {k: v.clone() for k, v in net.module_.state_dict().items()},
                "discriminator": {
                    k: v.clone() for k, v in net.discriminator_.state_dict().items()
                },
                "iteration": int(sum(net.history[:, "n_iter"])),
            }
        else:
            self.misses_ += 1
            if self.misses_ >= self.patience:
                raise KeyboardInterrupt  # skorch's way to end training early

    def on_train_end(self, net, **kwargs):
        if self.best_state_ is not None:
            net.module_.load_state_dict(self.best_state_["module"])
            net.discriminator_.load_state_dict(self.best_state_["discriminator"])
            net.best_iteration_ = self.best_state_["iteration"]
        self.best_state_ = None  # weights are in the modules now; free the copy
        self.validation_ = None
