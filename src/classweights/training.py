"""Training: the one loop (:func:`adam_steps`) and the trainers of the 2-D lessons; lesson 07's CNNs
(:func:`classweights.digits.train_cnns`) run on the same loop, with mini-batches and a learning-rate schedule.

:func:`train` trains one model; :func:`train_many` trains many at once, as one set of batched tensors instead of
a Python loop over models: a lab compares schemes over seeds, dozens of small models, and trained one after
another nearly all of its time is Python and dispatch overhead per step. :func:`train_many` stacks the models'
parameters with ``torch.func.stack_module_state`` and evaluates every model's loss in one ``torch.func.vmap``
call per step. Adam works element by element, so one Adam over the stacked parameters is exactly one Adam per
model: each model ends where :func:`train` would have taken it, up to float rounding (``tests/test_batched.py``).
Both run :func:`adam_steps` on :func:`~classweights.losses.weighted_cross_entropy`. :class:`WarmStartSolver`
reaches the model :func:`train` converges to in milliseconds, for the explorers' sliders. Training is full batch
on tensors (no per-item DataLoader), so one run on 1000 samples takes a fraction of a second on a CPU.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import torch
from torch.func import functional_call, stack_module_state, vmap

from ._checks import (
    as_labels,
    as_tensor,
    as_vector,
    check_num_classes,
    check_param,
    check_reduction,
    check_same_device,
    check_targets_in_range,
)
from .losses import weighted_cross_entropy
from .models import make_model


@contextlib.contextmanager
def single_thread():
    """Run PyTorch's CPU ops on one thread, then restore the previous setting.

    The lessons' models are tiny: extra intra-op threads gain nothing, and when another
    process competes for the cores (a second notebook, a test run) their spin-waiting made
    a training run three to five times slower in our measurements.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def check_steps(steps: Any, name: str = "steps") -> int:
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"{name} is {steps!r}: it must be an int of at least 1.")
    return steps


def check_epochs(epochs: Any) -> int:
    """:func:`check_steps` for a number of epochs (passes over the training set)."""
    return check_steps(epochs, "epochs")


def check_inputs(X: Any, y: Any, weight: Any, num_classes: Any, logit_offsets: Any):
    """The checks :func:`train` and :func:`train_many` share: (X, y, weight or None, K, offsets or None)."""
    X = as_tensor(X, "X")
    if not X.is_floating_point() or X.dim() != 2:
        raise ValueError(f"X must be a 2-D float tensor (samples x features), "
                         f"got shape {tuple(X.shape)}, dtype {X.dtype}.")
    y = as_labels(y, "y")
    if y.numel() != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.numel()} labels: give one label per row.")
    w = None if weight is None else as_vector(weight, "weight").to(X.dtype)
    check_same_device(X=X, y=y, weight=w)
    if num_classes is not None:
        k = check_num_classes(num_classes)
    elif w is not None:
        k = w.numel()
    else:
        k = int(y.max()) + 1
    if w is not None and w.numel() != k:
        raise ValueError(f"weight has {w.numel()} entries for {k} classes: give exactly one weight per class.")
    check_targets_in_range(y, k, "y")
    if not torch.isfinite(X).all():
        raise ValueError("X contains inf or NaN: clean the features before training.")
    offsets = None
    if logit_offsets is not None:
        offsets = as_tensor(logit_offsets, "logit_offsets").to(dtype=X.dtype)
        check_same_device(X=X, logit_offsets=offsets)
        if offsets.shape != (k,) or not torch.isfinite(offsets).all():
            raise ValueError(f"logit_offsets must be {k} finite numbers, one per class; got {offsets.tolist()}.")
    return X, y, w, k, offsets


def adam_steps(params: list[torch.Tensor], loss_at: Callable[[int], torch.Tensor], steps: int,
               lr: float, *, lr_scale_at: Callable[[int], float] | None = None) -> torch.Tensor:
    """The training loop of every trainer of the package (cw.train, cw.train_many, cw.train_cnns): ``steps``
    Adam steps on ``params``, step s on ``loss_at(s)``.

    ``loss_at`` returns that step's loss: one number, or one per model when ``params`` stack the parameters
    of several models (``torch.func``); their sum is differentiated, so each model's parameters get the
    gradient of its own loss only. ``lr_scale_at(s)``: the learning rate of step s is ``lr * lr_scale_at(s)``
    (a schedule; by default ``lr`` throughout). Returns the losses, shape ``(steps, *loss.shape)`` (float32).
    """
    opt = torch.optim.Adam(params, lr=lr)
    history = None
    for step in range(steps):
        if lr_scale_at is not None:
            for group in opt.param_groups:
                group["lr"] = lr * lr_scale_at(step)
        opt.zero_grad(set_to_none=True)
        loss = loss_at(step)
        loss.sum().backward()
        opt.step()
        if history is None:
            history = torch.empty((steps, *loss.shape))
        history[step] = loss.detach()
    return history


def _batch(X: torch.Tensor, y: torch.Tensor, sampler) -> tuple[torch.Tensor, torch.Tensor]:
    """One step's batch: the whole training set, or the rows ``sampler`` draws."""
    if sampler is None:
        return X, y
    idx = torch.as_tensor(list(sampler), dtype=torch.long, device=X.device)
    return X[idx], y[idx]


def train(
    X: Any,
    y: Any,
    weight: Any = None,
    seed: int = 0,
    *,
    steps: int = 300,
    lr: float = 0.05,
    reduction: str = "mean",
    hidden: int | None = None,
    gamma: float = 0.0,
    label_smoothing: float = 0.0,
    num_classes: int | None = None,
    loss_fn=None,
    logit_offsets: Any = None,
    sampler=None,
) -> torch.nn.Module:
    """Train a classifier on (X, y) with weighted cross-entropy, full batch, Adam.

    ``steps`` Adam steps, each on the whole training set (or on the batch ``sampler`` draws). The model's
    parameters start from ``seed``, so two calls with the same arguments give the same model. The returned
    model has a ``loss_history`` attribute (one loss per step). Losses trained under different weights are
    not comparable with each other: the weights change what is summed. The loss is
    :func:`~classweights.losses.weighted_cross_entropy` with ``weight``, ``gamma``, ``label_smoothing`` and
    ``reduction``.

    Other ways to handle imbalance, for comparison:
    ``gamma`` > 0 trains with the focal loss (its class weights ``weight``); ``loss_fn(logits, targets)``
    replaces the loss altogether (put its weights inside it); ``logit_offsets`` (K numbers, e.g.
    :func:`logit_adjustment`) are added to the logits in the loss only, not at prediction; ``sampler``
    (e.g. :func:`oversampling_sampler`) gives the indices of each step's batch instead of the whole training set.
    """
    X, y, w, k, offsets = check_inputs(X, y, weight, num_classes, logit_offsets)
    reduction = check_reduction(reduction)
    check_param("lr", lr, 0.0, None)
    check_param("label_smoothing", label_smoothing, 0.0, 1.0)
    gamma = check_param("gamma", gamma, 0.0, None)
    check_steps(steps)
    if loss_fn is not None and (w is not None or label_smoothing or gamma):
        raise ValueError("loss_fn replaces the weighted cross-entropy: put the weights (and any label smoothing or "
                         "focal gamma) inside loss_fn, and leave weight, label_smoothing and gamma unset.")
    if gamma and label_smoothing:
        raise ValueError("label_smoothing and the focal loss (gamma > 0) do not combine: use one of them.")
    if loss_fn is None:
        loss_fn = partial(weighted_cross_entropy, weight=w, gamma=gamma, label_smoothing=label_smoothing,
                          reduction=reduction)

    torch.manual_seed(seed)
    model = make_model(X.shape[1], k, hidden).to(X.device)

    def loss_at(step: int) -> torch.Tensor:
        xb, yb = _batch(X, y, sampler)
        logits = model(xb)
        return loss_fn(logits if offsets is None else logits + offsets, yb)

    with single_thread():
        history = adam_steps(list(model.parameters()), loss_at, steps, lr)
    if not torch.isfinite(history).all():
        raise ValueError("the training loss became inf or NaN: check the weights (a zero or infinite weight?) and lr.")
    model.loss_history = history.tolist()
    model.eval()
    return model


@dataclass
class Run:
    """One model for :func:`train_many`, with the meaning of :func:`train`'s arguments.

    ``gamma`` > 0 trains with the focal loss (its class weights ``weight``) instead of weighted
    cross-entropy; ``logit_offsets`` are added to the logits in the loss only; ``sampler`` gives
    each step's batch indices (e.g. :func:`oversampling_sampler`). The loss is reduced by "mean",
    as in :func:`train`.
    """

    X: Any
    y: Any
    weight: Any = None
    seed: int = 0
    gamma: float = 0.0
    logit_offsets: Any = None
    sampler: Any = None


def train_many(runs: Sequence[Run], *, steps: int = 300, lr: float = 0.05, hidden: int | None = None,
               num_classes: int | None = None) -> list[torch.nn.Module]:
    """Train one model per :class:`Run`, all together, and return them in the same order.

    Each model equals, to float tolerance, ``train(run.X, run.y, run.weight, run.seed, gamma=run.gamma,
    logit_offsets=run.logit_offsets, sampler=run.sampler)`` with the same ``steps``, ``lr`` and ``hidden``.
    Runs whose data have the same shape and loss are stacked into one batch; each model has its own
    ``loss_history``.
    """
    runs = list(runs)
    if not runs or not all(isinstance(r, Run) for r in runs):
        raise TypeError("runs must be a non-empty list of classweights.Run(X, y, weight=..., seed=...), one per model.")
    check_param("lr", lr, 0.0, None)
    check_steps(steps)
    prepared, groups = [], {}
    for i, run in enumerate(runs):
        X, y, w, k, offsets = check_inputs(run.X, run.y, run.weight, num_classes, run.logit_offsets)
        gamma = check_param(f"runs[{i}].gamma", run.gamma, 0.0, None)
        w = torch.ones(k, dtype=X.dtype, device=X.device) if w is None else w
        if float(w[y].sum()) == 0:
            raise ValueError(f"runs[{i}]: every training label's class has weight 0, so the mean loss would be "
                             "0/0 (NaN): give a positive weight to at least one class present in y.")
        offsets = torch.zeros(k, dtype=X.dtype, device=X.device) if offsets is None else offsets
        batch = X.shape[0] if run.sampler is None else len(run.sampler)
        prepared.append((X, y, w, k, offsets, gamma, run))
        groups.setdefault((batch, X.shape[1], k, gamma, X.dtype, X.device), []).append(i)
    models: list = [None] * len(runs)
    with single_thread():
        for (_, _, k, gamma, _, _), members in groups.items():
            trained = _train_group([prepared[i] for i in members], members, k, gamma, steps, lr, hidden)
            for i, model in zip(members, trained):
                models[i] = model
    return models


def _train_group(items, members: list[int], k: int, gamma: float, steps: int, lr: float,
                 hidden: int | None) -> list[torch.nn.Module]:
    nets = []
    for X, _, _, _, _, _, run in items:
        torch.manual_seed(run.seed)  # the same start as train(..., seed=run.seed)
        nets.append(make_model(X.shape[1], k, hidden).to(X.device))
    params, buffers = stack_module_state(nets)
    base = copy.deepcopy(nets[0]).to("meta")

    def one_model_loss(params, buffers, xb, yb, w, offsets):
        logits = functional_call(base, (params, buffers), (xb,)) + offsets
        return weighted_cross_entropy(logits, yb, w, gamma=gamma, batched=True)

    step_loss = vmap(one_model_loss)
    same_rows = all(run.sampler is None and X.shape == items[0][0].shape for X, *_, run in items)
    Xs = torch.stack([X for X, *_ in items]) if same_rows else None
    Ys = torch.stack([y for _, y, *_ in items]) if same_rows else None
    W = torch.stack([w for _, _, w, *_ in items])
    offsets = torch.stack([o for _, _, _, _, o, _, _ in items])

    def loss_at(step: int) -> torch.Tensor:
        if same_rows:
            xb, yb = Xs, Ys
        else:
            batches = [_batch(X, y, run.sampler) for X, y, *_, run in items]
            xb, yb = torch.stack([b[0] for b in batches]), torch.stack([b[1] for b in batches])
        return step_loss(params, buffers, xb, yb, W, offsets)

    history = adam_steps(list(params.values()), loss_at, steps, lr)
    bad = [members[i] for i in range(len(items)) if not torch.isfinite(history[:, i]).all()]
    if bad:
        raise ValueError(f"the training loss of runs {bad} became inf or NaN: "
                         "check their weights (an infinite weight?) and lr.")
    out = []
    for m, net in enumerate(nets):
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.copy_(params[name][m])
        net.loss_history = history[:, m].tolist()
        net.eval()
        out.append(net)
    return out


class WarmStartSolver:
    """The model :func:`train` converges to, found in a few milliseconds: for the live training explorer.

    :func:`train` runs 300 Adam steps: an ordinary training loop, and what the lessons show. For a
    linear model, full-batch weighted cross-entropy (reduction "mean") is a convex problem, so its
    minimum can be reached directly: L-BFGS with a strong-Wolfe line search, started from the
    previous solution, converges in a few dozen evaluations when a slider moves a little. On the
    lessons' data the two give the same predictions (``tests/test_explorer.py`` checks it).
    """

    def __init__(self, X: Any, y: Any, num_classes: int | None = None, seed: int = 0, max_iter: int = 100):
        self.X, self.y, _, self.k, _ = check_inputs(X, y, None, num_classes, None)
        torch.manual_seed(seed)
        self.model = make_model(self.X.shape[1], self.k).to(self.X.device)
        self.max_iter = max_iter

    def fit(self, weight: Any) -> torch.nn.Module:
        """Solve for these class weights, starting from the last solution; returns the (shared) model."""
        w = as_vector(weight, "weight").to(self.X.dtype)
        if w.numel() != self.k:
            raise ValueError(f"weight has {w.numel()} entries for {self.k} classes: give exactly one weight per class.")
        if float(w[self.y].sum()) == 0:
            raise ValueError("every training label's class has weight 0, so the mean loss is 0/0 (NaN): "
                             "give a positive weight to at least one class.")
        params = list(self.model.parameters())
        before = [p.detach().clone() for p in params]
        opt = torch.optim.LBFGS(params, lr=1.0, max_iter=self.max_iter, tolerance_grad=1e-7, tolerance_change=1e-10,
                                history_size=10, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad(set_to_none=True)
            loss = weighted_cross_entropy(self.model(self.X), self.y, w)
            loss.backward()
            return loss

        with single_thread():
            self.model.train()
            opt.step(closure)
            self.model.eval()
        if not all(torch.isfinite(p).all() for p in params):
            with torch.no_grad():  # keep the last good model rather than a broken one
                for p, b in zip(params, before):
                    p.copy_(b)
            raise ValueError("the solver diverged (inf or NaN): check the weights.")
        return self.model
