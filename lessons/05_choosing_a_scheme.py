# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 05 · Choosing a scheme: ten ways to handle imbalance, side by side
#
# **What you will learn:** how the common weighting schemes, focal loss, oversampling and logit adjustment
# compare on one learnable dataset at two imbalance ratios (1:10 and 1:100), over several seeds; which of
# them are really the same thing; and why the metric you care about decides the winner.

# %% [markdown] lang="en"
# ## Setup

# %%
import sys

if "google.colab" in sys.modules:
    # %pip install -q --no-deps "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"

import numpy as np
import torch
import matplotlib.pyplot as plt
from sklearn.utils.class_weight import compute_class_weight
import classweights as cw

device = cw.pick_device()
print("device:", device)

# %% [markdown] lang="en"
# ## 1. The schemes on one set of counts
# Take the 1:100 training counts: 1000 samples of class 0 and 10 each of classes 1 and 2. Here is what each
# weighting scheme gives, scaled so that class 0's weight is 1 (with the mean reduction only the ratios
# matter, lesson 03).

# %%
counts = torch.tensor([1000.0, 10.0, 10.0])
schemes = {
    "inverse frequency 1 / n": cw.inverse_frequency(counts),
    "smoothed (1 + s) / (n + s), s = 10": cw.smoothed_inverse_frequency(counts, 10.0),
    "balanced N / (K n)": cw.balanced(counts),
    "1 / sqrt(n)": cw.sqrt_inverse_frequency(counts),
    "effective number, β = 0.999": cw.effective_number(counts, 0.999),
    "effective number, β = 0.99": cw.effective_number(counts, 0.99),
}
for name, w in schemes.items():
    print(f"{name:>36}: weights {[round(v, 5) for v in w.tolist()]}, relative to class 0: "
          f"{[round(v, 2) for v in (w / w[0]).tolist()]}")

# %% [markdown] lang="en"
# Inverse frequency and balanced have the same ratios (1 : 100 : 100), so under the mean reduction they
# train the same model. `1 / sqrt(n)` is much milder (1 : 10). The effective number of samples (Cui et al.,
# CVPR 2019) sits in between, and its β sets where: β → 1 approaches inverse frequency, β = 0 gives no
# weighting.
#
# `cw.balanced` is scikit-learn's `compute_class_weight("balanced")`; we check that on labels with these
# counts:

# %%
labels = np.repeat([0, 1, 2], counts.int().tolist())
sk = compute_class_weight("balanced", classes=np.array([0, 1, 2]), y=labels)
print("scikit-learn:", sk.round(5).tolist())
print("cw.balanced: ", [round(v, 5) for v in cw.balanced(cw.class_counts(labels)).tolist()])
print("largest difference:", float(np.abs(sk - cw.balanced(cw.class_counts(labels)).numpy()).max()))

# %% [markdown] lang="en"
# ## 2. Beyond weights
# Three other ways to make the rare classes count, all in the lab below:
# - **Focal loss** (Lin et al., 2017) multiplies each sample's cross-entropy by (1 − p)^γ, where p is the
#   probability of its true class: confident, easy samples count less. We use γ = 2 with per-class α equal
#   to the balanced weights. With γ = 0 it is exactly weighted cross-entropy:

# %%
gen = torch.Generator().manual_seed(0)
logits = torch.randn(8, 3, generator=gen)
targets = torch.tensor([0, 0, 0, 0, 0, 0, 1, 2])
alpha = cw.balanced(cw.class_counts(targets))
print(f"focal, γ = 0:           {cw.focal_loss(logits, targets, gamma=0.0, weight=alpha).item():.6f}")
print(f"CrossEntropyLoss(α):    {torch.nn.CrossEntropyLoss(weight=alpha)(logits, targets).item():.6f}")
print(f"focal, γ = 2:           {cw.focal_loss(logits, targets, gamma=2.0, weight=alpha).item():.6f}")

# %% [markdown] lang="en"
# - **Oversampling** with `WeightedRandomSampler` draws each sample with probability 1 / count of its class,
#   so every class is drawn about equally often, and the loss stays unweighted:

# %%
sampler = cw.oversampling_sampler(labels, seed=0)
drawn = torch.as_tensor(labels)[torch.tensor(list(sampler))]
print("training counts:      ", counts.int().tolist())
print("one pass of draws:    ", torch.bincount(drawn, minlength=3).tolist())

# %% [markdown] lang="en"
# - **Logit adjustment** (Menon et al., ICLR 2021) uses the class priors π_c = n_c / N. *Post-hoc*: train
#   without weights, then predict argmax(logits − τ log π). *In the loss*: train on logits + τ log π, then
#   predict with the plain logits. Both move the decision towards the rare classes by log(π_0 / π_c):

# %%
offsets = cw.logit_adjustment(counts, tau=1.0)
print("τ log π:", [round(v, 3) for v in offsets.tolist()])
print("boost of a rare class over class 0:", round((offsets[0] - offsets[1]).item(), 3))

# %% [markdown] lang="en"
# ## 3. The lab
# For each imbalance ratio (1:10 and 1:100) and each of three seeds, we draw a training set (1000 samples
# of class 0) and a held-out set ten times larger with the same imbalance, train the same linear model
# with each scheme, and measure balanced accuracy, macro-F1 and the recall of the weaker minority class.
# The whole lab trains 60 models.

# %%
lab = cw.scheme_lab(ratios=(10, 100), seeds=(0, 1, 2))
print("training counts per ratio:", lab["counts"])
print("models trained:", sum(len(runs) for ratio in (10, 100) for runs in lab[ratio].values()))

# %%
print(cw.tr("imbalance 1:{r}", r=10))
print(cw.lab_table(lab, 10))

# %%
print(cw.tr("imbalance 1:{r}", r=100))
print(cw.lab_table(lab, 100))

# %%
cw.plot_lab(lab, "balanced_accuracy")
plt.show()
cw.plot_lab(lab, "macro_f1")
plt.show()

# %% [markdown] lang="en"
# ## 4. What the table says
# - **No weights** has the worst balanced accuracy, and at 1:100 it almost never recognises the rare classes
#   (the weaker one's recall is 0.020).
# - **Inverse frequency and balanced give identical numbers**: same ratios, and the mean reduction ignores
#   the scale.
# - **Oversampling, focal loss with balanced α and logit adjustment** land close to inverse frequency on
#   balanced accuracy: on this data they all move the boundary by about the same amount.
# - **Milder schemes** (1 / sqrt(n), the effective number with β = 0.999, smoothing with s = 10) keep more
#   of the majority class's precision: they win on **macro-F1** and lose on balanced accuracy and minority
#   recall.
# - **Post-hoc logit adjustment** at 1:100 has the highest minority recall (0.807) and the lowest macro-F1
#   (0.301): it pushes hardest towards the rare classes, and pays for it in false alarms.
#
# There is no best scheme in general: first decide which errors cost more (a missed rare case, or a false
# alarm), pick the metric that measures that, then compare schemes on held-out data, over several seeds.

# %% [markdown] lang="en"
# ## Summary
# - Under the mean reduction only the ratios of the weights matter; inverse frequency and balanced are the
#   same scheme.
# - Schemes differ in how far they move the decision boundary towards the majority class: that trades
#   majority precision for minority recall.
# - Focal loss, oversampling and logit adjustment are other routes to a similar trade; logit adjustment needs
#   no retraining when applied post-hoc.
# - Choose by the metric that matches your costs, measured on held-out data with several seeds.

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 05.1.** Compute the `1 / sqrt(count)` weights for counts `[1000, 10, 10]` without
# `cw.sqrt_inverse_frequency`, as a list of three numbers.

# %%
answer_05_1 = None  # [w0, w1, w2]
cw.check("05.1", answer_05_1)

# %% [markdown] lang="en"
# <details><summary>Solution 05.1</summary>
#
# ```python
# answer_05_1 = [n ** -0.5 for n in (1000, 10, 10)]
# ```
#
# </details>
#
# **Exercise 05.2.** Compute the post-hoc logit-adjustment offsets τ log π for counts `[1000, 10, 10]`
# and τ = 1 (π = count / total), without `cw.logit_adjustment`.

# %%
answer_05_2 = None  # [o0, o1, o2]
cw.check("05.2", answer_05_2)

# %% [markdown] lang="en"
# <details><summary>Solution 05.2</summary>
#
# ```python
# answer_05_2 = [float(np.log(n / 1020)) for n in (1000, 10, 10)]
# ```
#
# </details>
