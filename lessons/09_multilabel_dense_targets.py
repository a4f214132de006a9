# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 09 · Many labels and dense targets: pos_weight per label, pixel weights, per-sample weights
#
# **What you will learn:**
# - one `pos_weight` per label for multi-label data, and what it changes label by label;
# - class weights on every pixel of a dense prediction, with `ignore_index`, and what "mean" divides by there;
# - weights per sample, through `reduction="none"`, and how to normalise them.
#
# **What it needs first:** lesson 08 (`BCEWithLogitsLoss(pos_weight=...)` for one yes/no label, and why its
# "mean" divides by N) and lesson 01 (weighted CE's "mean" divides by Σ w[yᵢ]).

# %% [markdown] lang="zh-TW"
# # 第 09 課 · 多標籤與密集預測：每個標籤的 pos_weight、像素權重、每個樣本的權重
#
# **你會學到：**
# - 多標籤（multi-label）資料：每個標籤各有一個 `pos_weight`，以及它對每個標籤各改變了什麼；
# - 在密集預測（dense prediction）的每個像素上使用類別權重（class weight），搭配 `ignore_index`，以及這時 mean 除以的是什麼；
# - 透過 `reduction="none"` 幫每個樣本各自加權，以及怎麼正規化。
#
# **先修：** 第 08 課（只有一個是／否標籤時的 `BCEWithLogitsLoss(pos_weight=...)`，以及它的 mean 為什麼除以 N）和第 01 課（加權 CE 的 mean 除以 Σ w[yᵢ]）。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import subprocess
import sys
import textwrap

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import torch
from sklearn import metrics

import classweights as cw

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. Multi-label: one `pos_weight` per label
# In multi-label data each sample can have any number of labels: a photo can show a cat *and* a dog. The model
# has one logit per label, and `BCEWithLogitsLoss` treats each label as its own yes/no problem. `pos_weight`
# then has one entry per label, that label's n_negative / n_positive, and it broadcasts over the last
# dimension. Three labels, from common to rare, each depending on its own feature:

# %% [markdown] lang="zh-TW"
# ## 1. 多標籤：每個標籤一個 `pos_weight`
# 多標籤資料中，每個樣本可以同時有任意多個標籤：一張照片裡可以有貓*也*有狗。模型對每個標籤輸出一個 logit（未經 sigmoid 的原始分數），
# 而 `BCEWithLogitsLoss` 把每個標籤都當成各自獨立的是／否問題。這時 `pos_weight` 對每個標籤各有一個值，也就是該標籤的 n_negative / n_positive，並沿著最後一個維度廣播（broadcast）。
# 下面有三個標籤，從常見到稀有，每個標籤取決於它自己的那一個特徵：

# %%
# en: label j is present with probability sigmoid(2 x feature j + bias j)
# zh-TW: 標籤 j 出現的機率是 sigmoid(2 x 特徵 j + 偏差 j)
data = cw.multilabel_data(n_train=3000, n_val=1000, bias=(-1.0, -3.0, -4.5), seed=0, slope=2.0)
F_train, Y_train = (t.to(device) for t in data["train"])
F_val, Y_val = (t.to(device) for t in data["val"])
print(cw.tr("positives per label (training): {p} of {n}", p=Y_train.sum(0).int().tolist(), n=len(Y_train)))
print(cw.tr("positives per label (validation): {p} of {n}", p=Y_val.sum(0).int().tolist(), n=len(Y_val)))
pw_labels = cw.pos_weight(Y_train)
print(cw.tr("pos_weight per label: {w}", w=[round(v, 2) for v in pw_labels.tolist()]))

# %% [markdown] lang="en"
# (A random split: stratifying on several labels at once needs iterative stratification, beyond this lesson.
# Nothing is tuned here, so training and validation suffice.) One linear model with three outputs, trained
# without and with `pos_weight`; each label's recall and precision on validation, from scikit-learn:

# %% [markdown] lang="zh-TW"
# （這裡用的是隨機切分：要同時依好幾個標籤分層，需要疊代分層（iterative stratification），超出本課範圍。這裡沒有調整任何可調設定，所以只需要訓練集和驗證集。）
# 一個有三個輸出的線性模型，分別在不使用與使用 `pos_weight` 的情況下訓練；下面是每個標籤在驗證集上的召回率（recall）和精確率（precision），用 scikit-learn 計算：

# %%
def fit_multilabel(pos_weight=None, steps=300):
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 3).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)  # en: None: no weights  # zh-TW: None：不加權
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(model(F_train), Y_train).backward()
        opt.step()
    return model.eval()


scores, found = {}, {}
for name, pos_weight in (("plain", None), ("weighted", pw_labels)):
    model = fit_multilabel(pos_weight)
    with torch.no_grad():
        pred = (model(F_val) > 0).cpu()  # en: logit > 0 means P > 0.5  # zh-TW: logit > 0 就是 P > 0.5
    scores[name] = (metrics.recall_score(Y_val.cpu(), pred, average=None, zero_division=0),
                    metrics.precision_score(Y_val.cpu(), pred, average=None, zero_division=0))
    found[name] = int((pred[:, 2] & (Y_val[:, 2].cpu() == 1)).sum())  # en: label 2's positives found  # zh-TW: 找到的標籤 2 正類
print(cw.tr("validation, no weights -> pos_weight per label:"))
rows = [(cw.tr("label {j}", j=j), [f"{pw_labels[j].item():.2f}"] +
         [f"{scores['plain'][m][j]:.3f} -> {scores['weighted'][m][j]:.3f}" for m in (0, 1)]) for j in range(3)]
print(cw.text_table(["pos_weight", cw.tr("recall per label"), cw.tr("precision per label")], rows, min_col=16))
print(cw.tr("label 2, validation positives found: {a} -> {b} of {n}", a=found["plain"], b=found["weighted"],
            n=int(Y_val[:, 2].sum())))

# %% [markdown] lang="en"
# Each label's recall and precision change with its own weight. Here the rarest label, with the largest weight,
# gains most recall (label 2's from 0.081 to 0.865: 3 → 32 of its 37 validation positives), and every label
# pays with precision (label 2's falls to 0.152). The labels do not share anything here: output j has its own
# row of the linear layer, so label j's weight only changes label j's results (the cell after Exercise 09.1
# retrains with label 2's weight alone changed). Compute `pos_weight` on the whole training set: in a
# mini-batch a rare label can have no positive at all, and `cw.pos_weight` refuses rather than return inf:

# %% [markdown] lang="zh-TW"
# 每個標籤的召回率和精確率都隨著自己的權重改變。在這裡，最稀有、權重最大的標籤 2 召回率升得最多（從 0.081 升到 0.865：37 個驗證集正類中從 3 個到 32 個），代價是每個標籤的精確率都下降（標籤 2 降到 0.152）。
# 這裡的標籤彼此不共用任何東西：輸出 j 有線性層裡自己的一列參數，所以標籤 j 的權重只會改變標籤 j 的結果（練習 09.1 之後的儲存格，只改標籤 2 的權重重新訓練）。`pos_weight` 要用整個訓練集來算：
# 在一個小批次（mini-batch）裡，稀有標籤可能連一筆正類樣本都沒有，這時 `cw.pos_weight` 會直接丟出錯誤，而不是回傳 inf：

# %%
small_batch = Y_train[:8]
print(cw.tr("positives per label in the first 8 samples: {p}", p=small_batch.sum(0).int().tolist()))
try:
    cw.pos_weight(small_batch)
except ValueError as err:
    first, *rest = textwrap.wrap(f"ValueError: {err}", 88)  # en: lines that fit the screen  # zh-TW: 切成放得進畫面的幾行
    print(first)
    for line in rest:
        print(cw.tr("… {line}", line=line))

# %% [markdown] lang="en"
# ## 2. Dense prediction: class weights on every pixel
# A segmentation model gives logits of shape (N, C, H, W): C class scores at every pixel. `CrossEntropyLoss`
# takes them as they are, with targets of shape (N, H, W). The class weights then count **pixels**, and pixels
# marked with `ignore_index` (here 255, "unlabelled") are left out of the loss, and must be left out of the
# counts you compute the weights from (the `kept` mask). Two 6 × 6 images, three classes, an unlabelled 2 × 2
# corner in each:

# %% [markdown] lang="zh-TW"
# 這行錯誤的意思是：標籤 2 沒有任何正類樣本，pos_weight = 8 / 0 會是 inf；請用整個訓練集來算，或把這個標籤從模型拿掉。
#
# ## 2. 密集預測：每個像素都加權
# 影像分割（segmentation）模型輸出形狀為 (N, C, H, W) 的 logits：每個像素有 C 個類別分數。`CrossEntropyLoss` 直接接受這種形狀，目標標籤的形狀是 (N, H, W)。
# 這時類別權重是依**像素**個數來算；標成 `ignore_index` 的像素（這裡用 255 表示「沒有標註」）不會算進損失（loss），你在計算權重時也不該把它們算進像素個數（`kept` 遮罩）。
# 下面是兩張 6 × 6 的影像、三個類別，每張影像都有一個 2 × 2 的角落沒有標註：

# %%
pixel_logits, pixel_targets = cw.pixel_data(n_images=2, size=6, proportions=(0.75, 0.2, 0.05), seed=1,
                                            unlabelled=2, ignore_index=255)  # en: an unlabelled corner in each image  # zh-TW: 每張影像都有一個沒有標註的角落
pixel_logits, pixel_targets = pixel_logits.to(device), pixel_targets.to(device)
kept = pixel_targets != 255
pixel_counts = torch.bincount(pixel_targets[kept], minlength=3)
print(cw.tr("pixels: {n} in all, {k} labelled, {i} ignored; labelled per class {c}", n=pixel_targets.numel(),
            k=int(kept.sum()), i=int((~kept).sum()), c=pixel_counts.tolist()))
w_pix = cw.balanced(pixel_counts.float())
print(cw.tr("balanced weights per class: {w}", w=[round(v, 3) for v in w_pix.tolist()]))

loss_pix = torch.nn.CrossEntropyLoss(weight=w_pix, ignore_index=255)(pixel_logits, pixel_targets)
safe = pixel_targets.clamp(max=2)  # en: any valid class index on the ignored pixels  # zh-TW: 被忽略的像素先換成任一個合法的類別編號
per_pixel = torch.nn.functional.cross_entropy(pixel_logits, safe, reduction="none")  # (N, H, W)
w_of_pixel = w_pix[safe] * kept  # en: ignored pixels get weight 0  # zh-TW: 被忽略的像素權重為 0
denominator = w_of_pixel.sum()
print(cw.tr("denominator: sum of w[y] over the labelled pixels = {d}", d=f"{denominator.item():.2f}"))
print(cw.tr("CrossEntropyLoss {a}; sum of w[y] x loss / denominator {b}; equal: {e}", a=f"{loss_pix.item():.4f}",
            b=f"{((w_of_pixel * per_pixel).sum() / denominator).item():.4f}",
            e=torch.allclose(loss_pix, (w_of_pixel * per_pixel).sum() / denominator)))

# %% [markdown] lang="en"
# The `"mean"` loss divides by the summed weights of the **labelled** pixels only: 64 pixels, and with
# balanced weights their weights also sum to 64.00 (balanced weights keep Σ w[yᵢ] equal to the count). The 8
# ignored pixels count nowhere: whatever the model says there changes nothing:

# %% [markdown] lang="zh-TW"
# 用 `"mean"` 彙總時，分母只有**有標註**像素的權重總和：64 個像素，而用平衡權重時，它們的權重總和也正好是 64.00（平衡權重讓 Σ w[yᵢ] 等於像素個數）。
# 被忽略的 8 個像素完全不算：模型在那裡輸出什麼，都不會影響損失：

# %%
changed = pixel_logits.clone()
changed[:, :, :2, :2] = 50.0 * torch.randn(2, 3, 2, 2, generator=torch.Generator().manual_seed(3)).to(device)
loss_changed = torch.nn.CrossEntropyLoss(weight=w_pix, ignore_index=255)(changed, pixel_targets)
print(cw.tr("loss unchanged after rewriting the ignored pixels' logits: {same}",
            same=torch.allclose(loss_pix, loss_changed)))

# %% [markdown] lang="en"
# ## 3. Weights per sample, through `reduction="none"`
# Class weights give every sample of a class the same weight. Sometimes each sample needs its own: a label an
# annotator marked as doubtful, a sample duplicated in the data (weight ½ for each copy). `reduction="none"`
# returns one loss per sample; you weight them and choose the normaliser. Ten samples (8 of class 0, 2 of
# class 1) with random logits, each sample's weight set to its class's weight:

# %% [markdown] lang="zh-TW"
# ## 3. 透過 `reduction="none"` 幫每個樣本加權
# 類別權重讓同一個類別的每個樣本都有相同的權重。有時候每個樣本需要自己的權重：例如標註人員註明「不太確定」的標籤，或是資料裡重複出現的樣本（每一份複本的權重設為 ½）。
# `reduction="none"` 會回傳每個樣本各自的損失；由你加權，再自己選分母。
# 下面是十筆樣本（類別 0 有 8 筆、類別 1 有 2 筆），logits 是隨機抽的，每個樣本的權重就設成它所屬類別的權重：

# %%
logits = torch.randn(10, 2, generator=torch.Generator().manual_seed(2)).to(device)
targets = torch.tensor([0] * 8 + [1] * 2, device=device)
w = torch.tensor([1.0, 4.0], device=device)
losses = torch.nn.functional.cross_entropy(logits, targets, reduction="none")  # en: shape (N,)  # zh-TW: 形狀 (N,)
sample_w = w[targets]
normalised = (sample_w * losses).sum() / sample_w.sum()
plain_mean = (sample_w * losses).mean()
weighted_ce = torch.nn.functional.cross_entropy(logits, targets, weight=w)
print(cw.tr("sum(w x l) / sum(w) = {a}, CrossEntropyLoss(weight=w) = {b}, equal: {e}", a=f"{normalised.item():.4f}",
            b=f"{weighted_ce.item():.4f}", e=torch.allclose(normalised, weighted_ce)))
print(cw.tr("mean(w x l) = sum(w x l) / N = {m}: sum(w) / N = {f} times sum(w x l) / sum(w)",
            m=f"{plain_mean.item():.4f}",
            f=f"{(sample_w.sum() / len(targets)).item():.2f}"))
for scale in (1.0, 10.0):
    s = scale * sample_w
    print(cw.tr("weights x {k}: sum(w x l) / sum(w) = {a}, mean(w x l) = {b}", k=f"{scale:g}",
                a=f"{((s * losses).sum() / s.sum()).item():.4f}", b=f"{(s * losses).mean().item():.4f}"))

# %% [markdown] lang="en"
# Two normalisers, two behaviours. Σ wᵢlᵢ / Σ wᵢ is `CrossEntropyLoss(weight=...)`'s own "mean": a weighted
# average, blind to the weights' scale. mean(w·l) divides by N, like BCE's `pos_weight` in lesson 08: here it
# is 1.60 times Σ wᵢlᵢ / Σ wᵢ, and weights ×10 make the loss and its gradient ×10. Now mark the first two samples
# of class 0 as doubtful, each at a fifth of its weight:

# %% [markdown] lang="zh-TW"
# 兩種分母，兩種行為。Σ wᵢlᵢ / Σ wᵢ 就是 `CrossEntropyLoss(weight=...)` 自己的 mean：一個加權平均，不受權重整體倍率的影響。
# mean(w·l) 則除以 N，和第 08 課 BCE 的 `pos_weight` 一樣：這裡它是 Σ wᵢlᵢ / Σ wᵢ 的 1.60 倍，權重乘上 10，損失和梯度（gradient）也跟著乘上 10。
# 接著把類別 0 的前兩筆樣本標成「不太確定」，各自只算原本權重的五分之一：

# %%
doubtful = torch.zeros_like(sample_w, dtype=torch.bool)
doubtful[:2] = True
sample_w2 = sample_w * torch.where(doubtful, 0.2, 1.0)
print(cw.tr("sample weights: {w}", w=[round(v, 2) for v in sample_w2.tolist()]))
print(cw.tr("losses: {l}", l=[round(v, 2) for v in losses.tolist()]))
print(cw.tr("sum(w) {s} (was {s0}); sum(w x l) / sum(w) = {a} (was {a0})", s=f"{sample_w2.sum().item():.1f}",
            s0=f"{sample_w.sum().item():.1f}", a=f"{((sample_w2 * losses).sum() / sample_w2.sum()).item():.4f}",
            a0=f"{normalised.item():.4f}"))

# %% [markdown] lang="en"
# The denominator follows the weights (16.0 to 14.4), so the loss stays a weighted average of the samples'
# losses, and it moves from 0.9636 to 0.9104: the first doubtful sample has the largest loss (2.09), and its
# weight in the average and in the gradient is now a fifth of before.
#
# ## 4. Explorer: one `pos_weight` per label
# Section 1's data, one slider per label, each starting at its label's n_negative / n_positive. Moving a
# label's `pos_weight` retrains **that label's** model (trained to convergence, as lesson 08's explorer does;
# its start values match section 1's table to two decimals) and redraws each label's recall and precision on
# validation. The dashed outlines are the values without weights. Watch: the other labels' bars stay where
# they are.

# %% [markdown] lang="zh-TW"
# 分母跟著權重改變（從 16.0 變成 14.4），所以損失仍然是各樣本損失的加權平均，並從 0.9636 變成 0.9104：第一筆不確定的樣本損失最大（2.09），
# 現在它在平均和梯度裡的權重只剩原本的五分之一。
#
# ## 4. 探索工具：每個標籤一個 `pos_weight`
# 沿用第 1 節的資料，每個標籤一個滑桿（slider），起始值是各標籤的 n_negative / n_positive。移動某個標籤的 `pos_weight`，只會重新訓練**那個標籤**的模型（和第 08 課的探索工具一樣，訓練到收斂；起始值和第 1 節的表格相符到小數點後兩位），
# 並重畫每個標籤在驗證集上的召回率和精確率。虛線外框是不加權時的值。注意看：其他標籤的長條都不會動。

# %% tags=["nbval-ignore-output"]
cw.multilabel_explorer(F_train.cpu(), Y_train.cpu(), F_val.cpu(), Y_val.cpu(), pos_weight=pw_labels.tolist())

# %% [markdown] lang="en"
# ## Exercises
#
# **Exercise 09.1.** A colleague uses one `pos_weight` for all three labels of section 1: all negatives over all
# positives, counted over every (sample, label) pair of the training set. Label 2 then gets a smaller weight
# than its own n_negative / n_positive. By what factor? Give label 2's own `pos_weight` divided by the pooled
# one, then move label 2's slider to the pooled value and watch its recall.

# %% [markdown] lang="zh-TW"
# ## 練習
#
# **練習 09.1。** 同事對第 1 節的三個標籤只用一個 `pos_weight`：把訓練集裡每一個（樣本，標籤）組合合在一起，算所有負類除以所有正類。
# 這樣標籤 2 得到的權重，會比它自己的 n_negative / n_positive 小。標籤 2 自己的 pos_weight 是合併值的幾倍？請給出標籤 2 自己的 `pos_weight` 除以合併計算的那一個，
# 再把探索工具裡標籤 2 的滑桿移到合併計算的值，觀察它的召回率。

# %%
answer_09_1 = None  # en: a number: label 2's own pos_weight / the pooled one  # zh-TW: 一個數字：標籤 2 自己的 pos_weight / 合併計算的 pos_weight
cw.check("09.1", answer_09_1)

# %% [markdown] lang="en"
# <details><summary>Solution 09.1</summary>
#
# Pool the counts of the three labels, then divide label 2's own ratio by the pooled ratio:
#
# ```python
# n_pos = Y_train.sum()
# pooled = (Y_train.numel() - n_pos) / n_pos
# answer_09_1 = (pw_labels[2] / pooled).item()
# ```
#
# The pooled weight is driven by the common label, which has most of the positives; the rare label gets far
# less than it needs. The cell below retrains with it.
#
# </details>
#
# Once you have answered 09.1: section 1's model retrained with label 2's `pos_weight` alone set to the pooled
# value (labels 0 and 1 keep their own):

# %% [markdown] lang="zh-TW"
# <details><summary>練習 09.1 解答</summary>
#
# 把三個標籤的筆數合在一起，再用標籤 2 自己的比值除以合併後的比值：
#
# ```python
# n_pos = Y_train.sum()
# pooled = (Y_train.numel() - n_pos) / n_pos
# answer_09_1 = (pw_labels[2] / pooled).item()
# ```
#
# 合併計算的權重主要由常見的標籤決定，因為大部分的正類都來自它；稀有標籤得到的權重遠小於它所需要的。下面的儲存格用它重新訓練。
#
# </details>
#
# 回答完練習 09.1 之後：把第 1 節的模型重新訓練，只有標籤 2 的 `pos_weight` 換成合併計算的值（標籤 0 和 1 維持自己的）：

# %%
n_pos = Y_train.sum()
pooled = (Y_train.numel() - n_pos) / n_pos
print(cw.tr("training positives over all labels: {n} of {m} pairs; pooled pos_weight {p}", n=int(n_pos),
            m=Y_train.numel(), p=f"{pooled.item():.3f}"))
model = fit_multilabel(torch.stack([pw_labels[0], pw_labels[1], pooled]))
with torch.no_grad():
    pred = (model(F_val) > 0).cpu()
recall_pooled = metrics.recall_score(Y_val.cpu(), pred, average=None, zero_division=0)
print(cw.tr("validation recall, own pos_weights -> label 2 pooled: {r}",
            r=", ".join(f"{a:.3f} -> {b:.3f}" for a, b in zip(scores["weighted"][0], recall_pooled))))

# %% [markdown] lang="en"
# Label 2's recall drops from 0.865 to 0.595; labels 0 and 1 do not move: a label's weight changes that
# label's results only.

# %% [markdown] lang="zh-TW"
# 標籤 2 的召回率從 0.865 掉到 0.595；標籤 0 和 1 完全不動：一個標籤的權重只會改變那個標籤的結果。

# %% [markdown] lang="en"
# **Exercise 09.2.** A colleague weights section 2's pixels with `w_ex = torch.tensor([1., 5., 10.])`
# instead of the balanced weights, and writes the loss by hand: `(w_ex[safe] * kept * per_pixel).mean()`,
# with weight 0 on the ignored pixels. The ignored pixels add nothing to the sum, so is it the same loss as
# `CrossEntropyLoss(weight=w_ex, ignore_index=255)`? Give `CrossEntropyLoss`'s loss divided by the colleague's
# (1 if they are equal).

# %% [markdown] lang="zh-TW"
# **練習 09.2。** 同事不用平衡權重，改用 `w_ex = torch.tensor([1., 5., 10.])` 幫第 2 節的像素加權，並自己寫損失：`(w_ex[safe] * kept * per_pixel).mean()`，被忽略的像素權重為 0。
# 被忽略的像素對總和沒有貢獻，那它和 `CrossEntropyLoss(weight=w_ex, ignore_index=255)` 是同一個損失嗎？
# 請給出 `CrossEntropyLoss` 的損失除以同事的損失（相等就填 1）。

# %%
answer_09_2 = None  # en: a number: CrossEntropyLoss's loss / the colleague's, with w_ex  # zh-TW: 一個數字：用 w_ex 時，CrossEntropyLoss 的損失 / 同事的損失
cw.check("09.2", answer_09_2)

# %% [markdown] lang="en"
# <details><summary>Solution 09.2</summary>
#
# `.mean()` divides by every element, the 8 ignored pixels included; `CrossEntropyLoss` divides by the
# labelled pixels' summed weights. The numerators are equal, so the factor is the ratio of the denominators:
#
# ```python
# w_ex = torch.tensor([1., 5., 10.], device=device)
# answer_09_2 = pixel_targets.numel() / w_ex[pixel_targets[kept]].sum().item()
# ```
#
# The labelled pixels per class are [54, 6, 4], so their weights sum to 54 × 1 + 6 × 5 + 4 × 10 = 124, and the
# factor is 72 / 124. 72 / 64 would divide by the labelled pixels' count: that is the denominator only with
# balanced weights, whose sum equals the count.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 09.2 解答</summary>
#
# `.mean()` 除以所有元素的個數，連被忽略的 8 個像素也算進去；`CrossEntropyLoss` 則除以有標註像素的權重總和。兩者的分子相同，所以倍數就是兩個分母的比值：
#
# ```python
# w_ex = torch.tensor([1., 5., 10.], device=device)
# answer_09_2 = pixel_targets.numel() / w_ex[pixel_targets[kept]].sum().item()
# ```
#
# 各類別有標註的像素是 [54, 6, 4]，所以權重總和是 54 × 1 + 6 × 5 + 4 × 10 = 124，倍數是 72 / 124。72 / 64 是除以有標註像素的個數：只有用平衡權重時，權重總和才剛好等於個數，分母才會是它。
#
# </details>

# %% [markdown] lang="en"
# ## Summary
# - Multi-label: one `pos_weight` per label, each label's n_negative / n_positive, computed on the whole training
#   set. Each label's weight changes that label's recall and precision only; one pooled weight under-weights the
#   rare labels.
# - Dense prediction: class weights count pixels, computed from the labelled pixels only; `ignore_index` pixels
#   count nowhere, not even in the mean's denominator, the labelled pixels' summed weights.
# - Per-sample weights: `reduction="none"`, then your own weighted sum and normaliser. Σ wᵢlᵢ / Σ wᵢ is a
#   weighted average, blind to the weights' scale; mean(w·l) divides by N and grows with the weights.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 多標籤：每個標籤一個 `pos_weight`，也就是該標籤的 n_negative / n_positive，要用整個訓練集來算。每個標籤的權重只會改變那個標籤的召回率和精確率；只用一個合併計算的權重，會讓稀有標籤的權重不夠。
# - 密集預測：類別權重依像素個數計算，而且只算有標註的像素；`ignore_index` 的像素完全不算，連 mean 的分母（有標註像素的權重總和）也不算。
# - 每個樣本各自加權：用 `reduction="none"`，再自己做加權總和、選分母。Σ wᵢlᵢ / Σ wᵢ 是加權平均，不受權重整體倍率的影響；mean(w·l) 除以 N，會隨著權重變大。
