"""Many models trained at once: one set of batched tensors instead of a Python loop over models.

A lab compares schemes over seeds: dozens of small models, each trained like :func:`train`
(full batch, Adam, 300 steps). Trained one after another, a lab costs tens of seconds; the
models are tiny, so nearly all of that time is Python and dispatch overhead per step.
:func:`train_many` stacks the models' parameters with ``torch.func.stack_module_state`` and
evaluates every model's loss in one ``torch.func.vmap`` call per step. Adam works element by
element, so one Adam over the stacked parameters is exactly one Adam per model: each model
ends where :func:`train` would have taken it, up to float rounding (``tests/test_batched.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch.func import functional_call, stack_module_state, vmap

from ._checks import check_param
from .training import _check_inputs, check_epochs, make_model, single_thread


@dataclass
class Run:
    """One model for :func:`train_many`, with the meaning of :func:`train`'s arguments.

    ``gamma`` > 0 trains with the focal loss (:func:`focal_loss`, its class weights
    ``weight``) instead of weighted cross-entropy; ``logit_offsets`` are added to the
    logits in the loss only; ``sampler`` gives each step's batch indices (e.g.
    :func:`oversampling_sampler`). The loss is reduced by "mean", as in :func:`train`.
    """

    X: Any
    y: Any
    weight: Any = None
    seed: int = 0
    gamma: float = 0.0
    logit_offsets: Any = None
    sampler: Any = None


def train_many(runs: Sequence[Run], *, epochs: int = 300, lr: float = 0.05, hidden: int | None = None,
               num_classes: int | None = None) -> list[torch.nn.Module]:
    """Train one model per :class:`Run`, all together, and return them in the same order.

    Each model equals, to float tolerance, ``train(run.X, run.y, run.weight, run.seed, ...)``
    with the same ``epochs``, ``lr`` and ``hidden`` (``loss_fn=partial(focal_loss, gamma=...,
    weight=...)`` for a focal run). Runs whose data have the same shape and loss are stacked
    into one batch; each model has its own ``loss_history``.
    """
    runs = list(runs)
    if not runs or not all(isinstance(r, Run) for r in runs):
        raise TypeError("runs must be a non-empty list of classweights.Run(X, y, weight=..., seed=...), one per model.")
    check_param("lr", lr, 0.0, None)
    check_epochs(epochs)
    prepared, groups = [], {}
    for i, run in enumerate(runs):
        X, y, w, k, offsets = _check_inputs(run.X, run.y, run.weight, num_classes, run.logit_offsets)
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
            trained = _train_group([prepared[i] for i in members], members, k, gamma, epochs, lr, hidden)
            for i, model in zip(members, trained):
                models[i] = model
    return models


def _per_model_loss(base, gamma: float):
    def loss(params, buffers, xb, yb, w, offsets):
        logits = functional_call(base, (params, buffers), (xb,)) + offsets
        # log softmax written out: under vmap it runs about 1.5x faster than F.log_softmax over 3 classes
        z = logits - logits.detach().amax(dim=1, keepdim=True)
        log_p = z.gather(1, yb[:, None]).squeeze(1) - z.exp().sum(dim=1).log()
        per_sample = -log_p if gamma == 0 else -((1.0 - log_p.exp()).clamp(min=0.0) ** gamma) * log_p
        sample_w = w[yb]
        return (sample_w * per_sample).sum() / sample_w.sum()
    return loss


def _train_group(items, members: list[int], k: int, gamma: float, epochs: int, lr: float,
                 hidden: int | None) -> list[torch.nn.Module]:
    nets = []
    for X, _, _, _, _, _, run in items:
        torch.manual_seed(run.seed)  # the same start as train(..., seed=run.seed)
        nets.append(make_model(X.shape[1], k, hidden).to(X.device))
    params, buffers = stack_module_state(nets)
    base = copy.deepcopy(nets[0]).to("meta")
    step_loss = vmap(_per_model_loss(base, gamma))
    same_rows = all(run.sampler is None and X.shape == items[0][0].shape for X, *_, run in items)
    Xs = torch.stack([X for X, *_ in items]) if same_rows else None
    Ys = torch.stack([y for _, y, *_ in items]) if same_rows else None
    W = torch.stack([w for _, _, w, *_ in items])
    offsets = torch.stack([o for _, _, _, _, o, _, _ in items])
    opt = torch.optim.Adam(list(params.values()), lr=lr)
    history = torch.empty(epochs, len(items))
    for step in range(epochs):
        if same_rows:
            xb, yb = Xs, Ys
        else:
            idx = [None if run.sampler is None
                   else torch.as_tensor(list(run.sampler), dtype=torch.long, device=X.device)
                   for X, *_, run in items]
            xb = torch.stack([X if i is None else X[i] for (X, *_), i in zip(items, idx)])
            yb = torch.stack([y if i is None else y[i] for (_, y, *_), i in zip(items, idx)])
        opt.zero_grad(set_to_none=True)
        losses = step_loss(params, buffers, xb, yb, W, offsets)
        losses.sum().backward()  # each model's parameters get the gradient of its own loss only
        opt.step()
        history[step] = losses.detach()
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
