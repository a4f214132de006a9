# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 06 · Pitfalls of class weights, each one run
#
# **What you will learn:** six ways class weights surprise people in practice, each shown by running it:
# the weighted mean's normalisation, weights on the wrong device, zero counts, label smoothing with
# weights, a batch where every target is ignored, and weighting plus oversampling.

# %% [markdown] lang="en"
# ## Setup

# %%
import sys

if "google.colab" in sys.modules:
    # %pip install -q --no-deps "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"

import torch
import torch.nn.functional as F
import classweights as cw

device = cw.pick_device()
print("device:", device)

gen = torch.Generator().manual_seed(0)
logits = torch.randn(5, 3, generator=gen).to(device)
targets = torch.tensor([0, 1, 2, 1, 0], device=device)
weight = torch.tensor([1.0, 2.0, 3.0], device=device)

# %% [markdown] lang="en"
# ## 1. The weighted mean divides by the weights too
# With `reduction="mean"`, PyTorch divides the weighted sum by Σᵢ w[yᵢ], not by the number of samples.
# So a batch of **one** sample gets the same loss whatever its weight: the weight is on the top and on the
# bottom. Weights only act *between* samples of different classes in the same batch.

# %%
one_logit, one_target = logits[:1], targets[:1]
for w in (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([100.0, 2.0, 3.0])):
    w = w.to(device)
    loss = torch.nn.CrossEntropyLoss(weight=w)(one_logit, one_target)
    print(f"one sample of class {one_target.item()}, weights {w.tolist()}: loss = {loss.item():.4f}")
print(f"no weights: loss = {torch.nn.CrossEntropyLoss()(one_logit, one_target).item():.4f}")

# %% [markdown] lang="en"
# With batch size 1 (or any batch holding a single class), class weights change nothing at all. Use
# `reduction="sum"` divided by a fixed number if each sample's weight must count on its own.

# %% [markdown] lang="en"
# ## 2. Weights on a different device than the logits
# A weight tensor made on the CPU while the model runs on a GPU stops the loss with a device error. Here
# the `meta` device stands in for the second device, so the error shows on any machine:

# %%
try:
    torch.nn.CrossEntropyLoss(weight=weight.to("meta"))(logits, targets)
except RuntimeError as err:
    print("RuntimeError:", err)
try:
    cw.per_class_loss(logits, targets, weight.to("meta"))
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] lang="en"
# The device-agnostic pattern: `CrossEntropyLoss` keeps `weight` as a buffer, so moving the loss module
# moves its weights, exactly like a model's parameters. Create the weights from the training labels, then
# move the model *and* the loss to the device once:

# %%
criterion = torch.nn.CrossEntropyLoss(weight=cw.balanced(cw.class_counts([0, 0, 0, 1, 2])))
print("buffers of the loss module:", [name for name, _ in criterion.named_buffers()])
criterion = criterion.to(device)
print("weights now on:", criterion.weight.device, "| logits on:", logits.device)
print(f"loss: {criterion(logits, targets).item():.4f}")

# %% [markdown] lang="en"
# ## 3. A class with no samples gives an infinite weight
# `1 / bincount(labels, minlength=K)` is `inf` for a class that does not occur, which is common with small
# datasets, splits, or batches (lesson 04).

# %%
labels = torch.tensor([0, 0, 0, 1, 1])
print("1 / bincount(minlength=3):", (1.0 / torch.bincount(labels, minlength=3).float()).tolist())
try:
    cw.inverse_frequency(cw.class_counts(labels, num_classes=3))
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] lang="en"
# ## 4. Label smoothing together with weights
# With `label_smoothing=ε`, each sample's target is spread over all classes, and PyTorch weights that
# spread with **every** class's weight. So a sample's loss now depends on the weights of classes it does
# not belong to. Change only class 2's weight on a batch with no class-2 sample:

# %%
batch_logits, batch_targets = logits[[0, 1, 3, 4]], targets[[0, 1, 3, 4]]  # classes 0 and 1 only
for w2 in (3.0, 30.0):
    w = torch.tensor([1.0, 2.0, w2], device=device)
    plain = torch.nn.CrossEntropyLoss(weight=w)(batch_logits, batch_targets).item()
    smoothed = torch.nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)(batch_logits, batch_targets).item()
    print(f"weight of class 2 = {w2:>4}: without label smoothing {plain:.4f}, with label smoothing 0.1 {smoothed:.4f}")

# %% [markdown] lang="en"
# A second trap sits next to it: label smoothing is often done by hand with *probability* targets. For those,
# PyTorch's weighted mean divides by the number of samples, not by the sum of the targets' weights, so the
# same weights give a different loss for the same labels:

# %%
hard = torch.nn.CrossEntropyLoss(weight=weight)(logits, targets).item()
soft = torch.nn.CrossEntropyLoss(weight=weight)(logits, F.one_hot(targets, 3).float()).item()
print(f"class-index targets: {hard:.4f}   one-hot probability targets: {soft:.4f}")
print(f"their ratio: {soft / hard:.4f}   sum of the targets' weights / N: {(weight[targets].sum() / len(targets)).item():.4f}")

# %% [markdown] lang="en"
# ## 5. Every target equal to `ignore_index` gives NaN
# Targets equal to `ignore_index` (−100 by default) are left out of the loss, top and bottom. If a batch has
# nothing else (padding only, or a fully masked sequence), the mean is 0 / 0:

# %%
all_ignored = torch.full((5,), -100, device=device)
print("loss with every target ignored:", torch.nn.CrossEntropyLoss(weight=weight)(logits, all_ignored).item())

# %% [markdown] lang="en"
# One NaN loss is enough to turn every parameter into NaN at the next step. Skip such batches, or return 0
# for them (exercise 06.1 below).

# %% [markdown] lang="en"
# ## 6. Weighting and oversampling at once
# Oversampling already makes each class appear about equally often. Adding inverse-frequency weights on top
# corrects the imbalance a second time, and the model now leans towards the rare classes. On the learnable
# dataset of lesson 02 (80 / 10 / 10):

# %%
X_train, y_train = cw.imbalanced_blobs(seed=0)
X_test, y_test = cw.imbalanced_blobs(seed=1)
w_inv = cw.inverse_frequency(cw.class_counts(y_train))
results = {
    cw.tr("no weights"): cw.evaluate(cw.train(X_train, y_train, seed=0), X_test, y_test),
    "weights": cw.evaluate(cw.train(X_train, y_train, w_inv, seed=0), X_test, y_test),
    "oversampling": cw.evaluate(cw.train(X_train, y_train, seed=0, sampler=cw.oversampling_sampler(y_train)), X_test, y_test),
    "both": cw.evaluate(cw.train(X_train, y_train, w_inv, seed=0, sampler=cw.oversampling_sampler(y_train)), X_test, y_test),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# Weights alone and oversampling alone give similar numbers. Both together push further: class 0's recall
# drops well below either, and so do accuracy and macro-F1. Use one correction, not two.

# %% [markdown] lang="en"
# ## Summary
# - The weighted mean divides by the targets' weights: weights act between classes within a batch, and do
#   nothing for a batch of one sample.
# - Keep the weights where the logits are: make them a buffer of the loss module and move it with the model.
# - A zero count gives an infinite weight; count every class on the whole training set, or smooth.
# - Label smoothing mixes every class's weight into every sample's loss; probability targets change how the
#   mean is normalised.
# - A batch where every target is ignored gives 0 / 0 = NaN.
# - Weighting plus oversampling counts the imbalance twice.

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 06.1.** Write `safe_mean_loss(logits, targets)`: the same as `torch.nn.CrossEntropyLoss()` (default
# `ignore_index=-100`), but 0 instead of NaN when every target is ignored.

# %%
safe_mean_loss = None  # def safe_mean_loss(logits, targets): ...
cw.check("06.1", safe_mean_loss)

# %% [markdown] lang="en"
# <details><summary>Solution 06.1</summary>
#
# ```python
# def safe_mean_loss(logits, targets):
#     if (targets != -100).any():
#         return torch.nn.CrossEntropyLoss()(logits, targets)
#     return logits.sum() * 0.0  # zero, still attached to the graph
# ```
#
# </details>
#
# **Exercise 06.2.** You train with `cw.oversampling_sampler(y)` and also pass inverse-frequency weights to
# the loss. What happens? (a) the sampler overrides the weights, so nothing changes; (b) the imbalance is
# corrected twice, so the model favours the rare classes; (c) training stops with an error.

# %%
answer_06_2 = None  # "a", "b" or "c"
cw.check("06.2", answer_06_2)

# %% [markdown] lang="en"
# <details><summary>Solution 06.2</summary>
#
# (b), as section 6 shows: class 0's recall falls below what either correction alone gives.
#
# ```python
# answer_06_2 = "b"
# ```
#
# </details>
