# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 08 · Two classes, many labels, and what class weights do to probabilities
#
# **What you will learn:**
# - `BCEWithLogitsLoss(pos_weight=...)` for one yes/no label, and how it differs from
#   `CrossEntropyLoss(weight=...)`;
# - one `pos_weight` per label for multi-label data;
# - class weights on every pixel of a dense prediction, with `ignore_index`;
# - weights per sample, through `reduction="none"`;
# - why a model trained with weights **overstates** the rare class's probability, and how to correct it;
# - moving the decision threshold instead of weighting, chosen on a validation precision–recall curve.
#
# The running example is binary, like a screening test for a rare disease: about one sample in ten is
# positive.

# %% [markdown] lang="zh-TW"
# # 第 08 課 · 兩個類別、多個標籤，以及類別權重對機率的影響
#
# **你會學到：**
# - 只有一個「是／否」標籤時的 `BCEWithLogitsLoss(pos_weight=...)`，以及它和 `CrossEntropyLoss(weight=...)` 的差別；
# - 多標籤（multi-label）資料：每個標籤各有一個 `pos_weight`；
# - 在密集預測（dense prediction）的每個像素上使用類別權重（class weight），並搭配 `ignore_index`；
# - 透過 `reduction="none"` 幫每個樣本（sample）各自加權；
# - 為什麼用權重訓練的模型會**高估**稀有類別的機率（probability），以及怎麼校正；
# - 不加權，而是改變判定的門檻值（threshold），並在驗證集的精確率–召回率曲線（precision–recall curve）上選門檻值。
#
# 貫穿本課的例子是二元分類（binary classification），就像罕見疾病的篩檢：大約每十筆資料只有一筆是陽性（positive）。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import matplotlib.pyplot as plt
import torch
from sklearn import metrics
from sklearn.calibration import calibration_curve

import classweights as cw

device = cw.pick_device()
print("device:", device)

# %% [markdown] lang="en"
# ## 1. `pos_weight` scales only the positive term
# `BCEWithLogitsLoss` takes one logit z per sample and a target t that is 0 or 1. With `pos_weight` p, each
# sample's loss is
#
# $$\ell = -\big[\,p\,t\,\log \sigma(z) + (1 - t)\,\log(1 - \sigma(z))\,\big].$$
#
# Only the positives' term is multiplied; a negative's loss does not change. Five samples, two of them
# positive, with `reduction="none"` so that each sample's loss is shown:

# %% [markdown] lang="zh-TW"
# ## 1. `pos_weight` 只放大正類那一項
# `BCEWithLogitsLoss` 每筆樣本只接受一個 logit z（logits 是未經 softmax 的原始分數），目標標籤（target）t 是 0 或 1。
# 設定 `pos_weight` 為 p 時，每個樣本的損失（loss）是
#
# $$\ell = -\big[\,p\,t\,\log \sigma(z) + (1 - t)\,\log(1 - \sigma(z))\,\big].$$
#
# 只有正類（t = 1）那一項被乘上 p，負類樣本的損失完全不變。下面是五筆樣本，其中兩筆是正類；用 `reduction="none"` 讓每筆樣本的損失都顯示出來：

# %%
z = torch.tensor([2.0, -1.0, 0.5, -2.0, 1.0], device=device)
t = torch.tensor([1.0, 1.0, 0.0, 0.0, 0.0], device=device)
for p in (1.0, 3.0):
    per_sample = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([p], device=device), reduction="none")(z, t)
    print(f"pos_weight {p:g}:", [round(v, 4) for v in per_sample.tolist()])
by_hand = -(3.0 * t * torch.nn.functional.logsigmoid(z) + (1 - t) * torch.nn.functional.logsigmoid(-z))
print("formula above, p = 3, equals PyTorch:", torch.allclose(by_hand, per_sample))

# %% [markdown] lang="en"
# The first two losses (the positives) are three times as large with `pos_weight` 3; the last three did not
# move.
#
# ## 2. `pos_weight` is a ratio, and "mean" divides by N
# BCE has no weight for the negatives: they always count 1, so `pos_weight` is the positives' weight
# *relative to* the negatives'. Its two-class counterpart is `CrossEntropyLoss(weight=[1, p])` on the logits
# (0, z), whose softmax gives the same probability σ(z). Under `reduction="mean"` the two divide by different
# things: CE by the sum of the targets' weights Σ w[yᵢ] (lesson 01), BCE by the number of elements N, whatever
# `pos_weight` is. Compare:

# %% [markdown] lang="zh-TW"
# 前兩個損失（正類樣本）在 `pos_weight` 為 3 時變成三倍，後三個完全沒動。
#
# ## 2. `pos_weight` 是比值；用 mean 彙總時，BCE 除以 N
# BCE 沒有負類的權重：負類永遠算 1，所以 `pos_weight` 是正類權重*相對於*負類權重的比值。
# 它在兩個類別時的對應寫法，是對 logits (0, z) 使用 `CrossEntropyLoss(weight=[1, p])`：softmax 之後得到的機率同樣是 σ(z)。
# 彙總方式（reduction）設為 `reduction="mean"` 時，兩者的分母不同：CE 除以目標標籤權重的總和 Σ w[yᵢ]（第 01 課），BCE 則不管 `pos_weight` 是多少，都除以元素個數 N。比較看看：

# %%
logits2 = torch.stack([torch.zeros(5, device=device), z], dim=1)  # two-class logits [0, z]: softmax gives sigma(z)
labels = t.long()
ce_1_3 = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=device))(logits2, labels)
ce_10_30 = torch.nn.CrossEntropyLoss(weight=torch.tensor([10.0, 30.0], device=device))(logits2, labels)
print(f"CE, weight [1, 3]: {ce_1_3.item():.4f}   CE, weight [10, 30]: {ce_10_30.item():.4f}")
for p in (3.0, 30.0):
    w = torch.tensor([1.0, p], device=device)
    ce_p = torch.nn.CrossEntropyLoss(weight=w)(logits2, labels)
    bce_p = torch.nn.BCEWithLogitsLoss(pos_weight=w[1:])(z, t)
    factor = w[labels].sum() / len(labels)  # sum of the targets' weights / N
    print(f"pos_weight {p:g}: BCE {bce_p.item():.4f}   CE, weight [1, {p:g}]: {ce_p.item():.4f}   "
          f"BCE = CE x {factor.item():.1f} (sum of w[y] / N): {torch.allclose(bce_p, ce_p * factor)}")

# %% [markdown] lang="en"
# CE's weights [10, 30] give the same loss as [1, 3]: a common factor cancels. BCE's `pos_weight` 30 is not
# 3 rescaled: it is the ratio 1 : 30, CE's [1, 30], a ten times stronger pull towards the positives. And
# BCE's loss is CE's times Σ w[yᵢ] / N: the larger `pos_weight`, the larger the whole loss and its gradient.
# With plain SGD that also means larger steps; Adam, used below, divides the gradient's scale away. So choose
# `pos_weight` as the ratio you want, usually n_negative / n_positive, and with SGD expect a large one to need
# a smaller learning rate.
#
# ## 3. The same task two ways: BCE with `pos_weight`, and two-class CE with weights
# With `"sum"` the two losses are exactly equal:

# %% [markdown] lang="zh-TW"
# CE 的權重 [10, 30] 和 [1, 3] 得到相同的損失：共同的倍數會互相抵消。BCE 的 `pos_weight` 30 卻不是把 3 等比放大，
# 而是 1 : 30 這個比值，也就是 CE 的 [1, 30]：把模型往正類拉的力道加重了十倍。
# 而且 BCE 的損失等於 CE 的損失乘上 Σ w[yᵢ] / N：`pos_weight` 越大，整個損失和它的梯度（gradient）就越大。
# 用一般的 SGD 時，這也代表每一步走得更大；下面用的 Adam 則會把梯度的尺度抵銷掉。
# 所以 `pos_weight` 要設成你想要的比值，通常就是 n_negative / n_positive；用 SGD 時，`pos_weight` 很大就可能需要調低學習率。
#
# ## 3. 同一個任務的兩種寫法：BCE 搭配 `pos_weight`，以及兩個類別的 CE 搭配權重
# 用 `"sum"` 彙總時，兩個損失完全相等：

# %%
ce_sum = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=device), reduction="sum")(logits2, labels)
bce_sum = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0], device=device), reduction="sum")(z, t)
print(f"CE sum {ce_sum.item():.4f}, BCE sum {bce_sum.item():.4f}, equal: {torch.allclose(ce_sum, bce_sum)}")

# %% [markdown] lang="en"
# With `"mean"` the two differ only by the constant factor Σ w[yᵢ] / N, so with full batches, as here, the same
# parameters minimise both (with mini-batches the factor changes from batch to batch).
# Now a real training set: 5,000 samples of two overlapping 2-D clouds, one in ten positive, split
# (stratified) into training, validation and test. `cw.pos_weight` computes n_negative / n_positive from the
# **training** labels:

# %% [markdown] lang="zh-TW"
# 用 `"mean"` 彙總時，兩者只差一個常數倍 Σ w[yᵢ] / N，所以像這裡這樣整批訓練時，讓兩者最小的是同一組參數（用小批次時，這個倍數每個批次都不一樣）。
# 接下來換成真正的訓練集：5,000 筆資料，來自兩團互相重疊的二維點雲，每十筆有一筆是正類，並依類別分層（stratified）切成訓練集、驗證集和測試集。
# `cw.pos_weight` 用**訓練集**的標籤（label）算出 n_negative / n_positive：

# %%
X, y = cw.imbalanced_blobs(5000, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
split = cw.train_val_test_split(X, y, val_size=1500, test_size=1500, seed=0)
(X_train, y_train), (X_val, y_val), (X_test, y_test) = [(a.to(device), b.to(device)) for a, b in split.values()]
for name, labels_ in (("train", y_train), ("validation", y_val), ("test", y_test)):
    print(f"{name:>10}: {cw.class_counts(labels_, num_classes=2).int().tolist()} (negatives, positives)")
pw = cw.pos_weight(y_train)
print("pos_weight = n_negative / n_positive =", pw.tolist())

# %% [markdown] lang="en"
# One ordinary training loop serves both losses: a linear model, full batch, Adam. The BCE model has one
# output; the CE model has two. A third, unweighted CE model serves as the baseline.

# %% [markdown] lang="zh-TW"
# 兩種損失都用同一個普通的訓練迴圈：線性模型、整批（full batch）訓練、Adam 最佳化器。BCE 模型有一個輸出，CE 模型有兩個輸出。
# 另外再訓練一個未加權的 CE 模型當作對照。

# %%
def fit(loss_fn, outputs, steps=300, seed=0):
    torch.manual_seed(seed)
    model = torch.nn.Linear(2, outputs).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(X_train))
        loss.backward()
        opt.step()
    return model.eval()


bce = torch.nn.BCEWithLogitsLoss(pos_weight=pw.to(device))
ce = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, float(pw)], device=device))
model_bce = fit(lambda out: bce(out.squeeze(1), y_train.float()), outputs=1)
model_ce = fit(lambda out: ce(out, y_train), outputs=2)
model_plain = fit(lambda out: torch.nn.functional.cross_entropy(out, y_train), outputs=2)

with torch.no_grad():
    p_bce = torch.sigmoid(model_bce(X_val).squeeze(1))
    p_ce = torch.softmax(model_ce(X_val), dim=1)[:, 1]
print("largest gap in P(positive) on validation below 0.001:", bool((p_bce - p_ce).abs().max() < 1e-3))
print("validation samples where the two models decide differently:", int(((p_bce > 0.5) != (p_ce > 0.5)).sum()))

# %% [markdown] lang="en"
# The two weighted models are the same model, written two ways. The validation scores of the positive class:

# %% [markdown] lang="zh-TW"
# 這兩個加權模型其實是同一個模型，只是寫法不同。下面是正類在驗證集上的分數：

# %%
def scores(pred, target):
    p, r, f, _ = metrics.precision_recall_fscore_support(target.cpu(), pred.cpu(), labels=[1], zero_division=0)
    balanced = metrics.balanced_accuracy_score(target.cpu(), pred.cpu())
    return f"recall {r[0]:.3f}   precision {p[0]:.3f}   F1 {f[0]:.3f}   balanced accuracy {balanced:.3f}"


with torch.no_grad():
    P_plain, P_weighted = torch.softmax(model_plain(X_val), 1), torch.softmax(model_ce(X_val), 1)
print(f"{cw.tr('no weights'):<22}", scores(P_plain.argmax(1), y_val))
print(f"{'BCE, pos_weight':<22}", scores((p_bce > 0.5).long(), y_val))
print(f"{'CE, weight [1, p]':<22}", scores(P_weighted.argmax(1), y_val))

# %% [markdown] lang="en"
# The weight trades precision for recall, as in lesson 02: more positives are found, and more negatives are
# called positive.
#
# **The rule behind it (lesson 02, section 3).** Weighted cross-entropy pushes the model towards
# argmax_c w_c·p(c|x). With weights [1, p] that means "predict positive when p·P(1|x) > P(0|x)", that is when
# P(1|x) > 1 / (1 + p). So the weighted model should decide almost as the plain model does with its threshold
# moved from 0.5 down to 1 / (1 + p):

# %% [markdown] lang="zh-TW"
# 權重是拿精確率換召回率，和第 02 課一樣：找到更多正類，也有更多負類被誤判成正類。
#
# **背後的規則（第 02 課第 3 節）。** 加權交叉熵會把模型推向 argmax_c w_c·p(c|x) 這條判定規則。
# 權重為 [1, p] 時，就是「當 p·P(1|x) > P(0|x) 時預測正類」，也就是 P(1|x) > 1 / (1 + p)。
# 所以加權模型的判定，應該幾乎等於未加權模型把門檻值從 0.5 降到 1 / (1 + p) 之後的判定：

# %%
moved = 1 / (1 + float(pw))
print(f"threshold 1 / (1 + p) = {moved:.2f}")
same = ((P_plain[:, 1] > moved) == (P_weighted[:, 1] > 0.5)).sum()
print(f"plain model at that threshold and weighted model at 0.5 agree on {int(same)} of {len(y_val)} "
      "validation samples")

# %% [markdown] lang="en"
# ## 4. Multi-label: one `pos_weight` per label
# In multi-label data each sample can have any number of labels: a photo can show a cat *and* a dog. The model
# has one logit per label and `BCEWithLogitsLoss` treats each label as its own yes/no problem. `pos_weight`
# then has one entry per label, each label's n_negative / n_positive, and it broadcasts over the last
# dimension. Three labels, from common to rare:

# %% [markdown] lang="zh-TW"
# ## 4. 多標籤：每個標籤一個 `pos_weight`
# 多標籤資料中，每個樣本可以同時有任意多個標籤：一張照片裡可以有貓*也*有狗。模型對每個標籤輸出一個 logit，
# 而 `BCEWithLogitsLoss` 把每個標籤都當成各自獨立的是／否問題。這時 `pos_weight` 對每個標籤各有一個值，也就是該標籤的 n_negative / n_positive，並沿著最後一個維度廣播（broadcast）。
# 下面有三個標籤，從常見到稀有：

# %%
gen = torch.Generator().manual_seed(0)
features = torch.randn(4000, 3, generator=gen)
bias = torch.tensor([-1.0, -3.0, -4.5])
Y = (torch.rand(4000, 3, generator=gen) < torch.sigmoid(2.0 * features + bias)).float()  # label j depends on feature j
F_train, F_val = features[:3000].to(device), features[3000:].to(device)
Y_train, Y_val = Y[:3000].to(device), Y[3000:].to(device)
print("positives per label (train):", Y_train.sum(0).int().tolist(), "of", len(Y_train))
pw_labels = cw.pos_weight(Y_train)
print("pos_weight per label:", [round(v, 2) for v in pw_labels.tolist()])

# %% [markdown] lang="en"
# (A random split is used here: stratifying on several labels at once needs iterative stratification, which is
# beyond this lesson. Nothing is tuned in this section, so only training and validation are needed.)
# Train one linear model with three outputs, without and with `pos_weight`, and compare each label's recall
# and precision on validation:

# %% [markdown] lang="zh-TW"
# （這裡用的是隨機切分：要同時依好幾個標籤分層，需要疊代分層（iterative stratification），超出本課範圍。這一節沒有調整任何參數，所以只需要訓練集和驗證集。）
# 訓練一個有三個輸出的線性模型，分別在不使用與使用 `pos_weight` 的情況下訓練，再比較每個標籤在驗證集上的召回率和精確率：

# %%
def fit_multilabel(pos_weight=None, steps=300):
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 3).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(model(F_train), Y_train).backward()
        opt.step()
    return model.eval()


for name, pos_weight in ((cw.tr("no weights"), None), ("pos_weight", pw_labels)):
    model = fit_multilabel(pos_weight)
    with torch.no_grad():
        pred = model(F_val) > 0  # logit > 0 means P > 0.5
    r = metrics.recall_score(Y_val.cpu(), pred.cpu(), average=None, zero_division=0)
    p = metrics.precision_score(Y_val.cpu(), pred.cpu(), average=None, zero_division=0)
    print(f"{name:<12} recall per label {[round(float(v), 3) for v in r]}   "
          f"precision per label {[round(float(v), 3) for v in p]}")

# %% [markdown] lang="en"
# The rarer the label, the more its recall rises with `pos_weight`; every label pays with precision. Compute
# `pos_weight` on the whole training set: in a mini-batch a rare label can have no positive at all, and
# `cw.pos_weight` refuses rather than return inf:

# %% [markdown] lang="zh-TW"
# 標籤越稀有，加上 `pos_weight` 之後召回率升得越多；代價是每個標籤的精確率都下降。`pos_weight` 要用整個訓練集來算：
# 在一個小批次（mini-batch）裡，稀有標籤可能連一筆正類樣本都沒有，這時 `cw.pos_weight` 會直接報錯，而不是回傳 inf：

# %%
small_batch = Y_train[:8]
print("positives per label in the first 8 samples:", small_batch.sum(0).int().tolist())
try:
    cw.pos_weight(small_batch)
except ValueError as err:
    print("ValueError:", err)

# %% [markdown] lang="en"
# ## 5. Dense prediction: class weights on every pixel
# A segmentation model gives logits of shape (N, C, H, W): C class scores at every pixel. `CrossEntropyLoss`
# takes them as they are, with targets of shape (N, H, W). The class weights then count **pixels**, and pixels
# marked with `ignore_index` (for example 255 for "unlabelled") are left out of the loss, and must be left out of
# the counts you compute the weights from (the `kept` mask below):

# %% [markdown] lang="zh-TW"
# ## 5. 密集預測：每個像素都加權
# 影像分割（segmentation）模型輸出形狀為 (N, C, H, W) 的 logits：每個像素有 C 個類別分數。`CrossEntropyLoss` 可以直接使用，目標標籤的形狀是 (N, H, W)。
# 這時類別權重是依**像素**個數來算；標成 `ignore_index` 的像素（例如用 255 表示「沒有標註」）不會算進損失，你在計算權重時也不該把它們算進像素個數（下面的 `kept` 遮罩）：

# %%
gen = torch.Generator().manual_seed(1)
pixel_logits = torch.randn(2, 3, 6, 6, generator=gen).to(device)
pixel_targets = torch.multinomial(torch.tensor([0.75, 0.2, 0.05]), 72, replacement=True, generator=gen).reshape(2, 6, 6)
pixel_targets[:, :2, :2] = 255  # an unlabelled corner in each image
pixel_targets = pixel_targets.to(device)
kept = pixel_targets != 255
pixel_counts = torch.bincount(pixel_targets[kept], minlength=3)
print("labelled pixels per class:", pixel_counts.tolist(), "| ignored:", int((~kept).sum()))
w_pix = cw.balanced(pixel_counts.float())
print("balanced weights per class:", [round(v, 3) for v in w_pix.tolist()])

loss_pix = torch.nn.CrossEntropyLoss(weight=w_pix, ignore_index=255)(pixel_logits, pixel_targets)
per_pixel = torch.nn.functional.cross_entropy(pixel_logits, pixel_targets.clamp(max=2), reduction="none")  # (N, H, W)
w_of_pixel = w_pix[pixel_targets.clamp(max=2)] * kept  # ignored pixels get weight 0
by_hand = (w_of_pixel * per_pixel).sum() / w_of_pixel.sum()
print(f"loss {loss_pix.item():.4f}; sum of w[y] x loss over labelled pixels / sum of their w[y]: "
      f"equal {torch.allclose(loss_pix, by_hand)}")

# %% [markdown] lang="en"
# The `"mean"` loss divides by the summed weights of the **labelled** pixels only. Whatever the model says on
# the ignored corner changes nothing:

# %% [markdown] lang="zh-TW"
# 用 `"mean"` 彙總時，分母只有**有標註**像素的權重總和。模型在被忽略的角落輸出什麼，都不會影響損失：

# %%
changed = pixel_logits.clone()
changed[:, :, :2, :2] = 50.0 * torch.randn(2, 3, 2, 2, generator=gen).to(device)
loss_changed = torch.nn.CrossEntropyLoss(weight=w_pix, ignore_index=255)(changed, pixel_targets)
print("loss unchanged after rewriting the ignored pixels' logits:", torch.allclose(loss_pix, loss_changed))

# %% [markdown] lang="en"
# ## 6. Weights per sample, through `reduction="none"`
# Class weights give every sample of a class the same weight. Sometimes each sample needs its own: a label
# that an annotator marked as doubtful, a sample duplicated in the data (weight ½ for each copy). `reduction="none"` returns one loss per sample;
# weight them and divide by a normaliser you choose. With each sample's weight set to its class's weight,
# and the sum of those weights as the normaliser, this is exactly `CrossEntropyLoss(weight=...)`:

# %% [markdown] lang="zh-TW"
# ## 6. 透過 `reduction="none"` 幫每個樣本加權
# 類別權重讓同一個類別的每個樣本都有相同的權重。有時候每個樣本需要自己的權重：例如標註人員註明「不太確定」的標籤，或是資料裡重複出現的樣本（每一份複本的權重設為 ½）。
# `reduction="none"` 會回傳每個樣本各自的損失；把它們加權後，再除以你選定的分母。
# 如果每個樣本的權重就設成它所屬類別的權重，分母用這些權重的總和，結果就和 `CrossEntropyLoss(weight=...)` 完全相同：

# %%
w2 = torch.tensor([1.0, float(pw)], device=device)
with torch.no_grad():
    out = model_ce(X_train)
per_sample = torch.nn.CrossEntropyLoss(reduction="none")(out, y_train)  # shape (N,)
sample_w = w2[y_train]
weighted_ce = torch.nn.CrossEntropyLoss(weight=w2)(out, y_train)
print("per-sample weights w[y_i] reproduce CrossEntropyLoss(weight=w):",
      torch.allclose((sample_w * per_sample).sum() / sample_w.sum(), weighted_ce))
doubtful = torch.zeros_like(sample_w, dtype=torch.bool)
doubtful[:50] = True  # say the first 50 labels are doubtful: count each at a fifth
print(f"loss with class weights only: {((sample_w * per_sample).sum() / sample_w.sum()).item():.4f}")
sample_w = sample_w * torch.where(doubtful, 0.2, 1.0)
loss_samples = (sample_w * per_sample).sum() / sample_w.sum()
print(f"with the doubtful samples down-weighted: {loss_samples.item():.4f}")

# %% [markdown] lang="en"
# ## 7. A weighted model's probabilities overstate the rare class
# Back to the screening task. The rule argmax_c w_c·p(c|x) says more than where the boundary goes: the
# weighted model's softmax tends to w_c·p(c|x), renormalised. With weights [1, p] its "probability" of a
# positive is inflated. Compare the mean predicted P(positive) on validation with the share of positives
# there, and the top-label expected calibration error (ECE: the gap between confidence and accuracy in
# equal-width bins, weighted by each bin's share of the samples; 0 is perfect):

# %% [markdown] lang="zh-TW"
# ## 7. 加權模型的機率會高估稀有類別
# 回到篩檢的例子。規則 argmax_c w_c·p(c|x) 說的不只是決策邊界會移到哪裡：加權模型的 softmax 會趨近重新正規化後的 w_c·p(c|x)。
# 權重為 [1, p] 時，它給正類的「機率」會被灌水。比較驗證集上預測的 P(正類) 平均，和驗證集裡正類實際的占比；
# 再看 top-label（只看機率最高的類別）的期望校準誤差（expected calibration error, ECE：把信心值分成等寬的區間，計算每個區間裡信心值和實際準確率的差距，再依各區間的樣本占比加權平均；0 代表完美）：

# %%
with torch.no_grad():
    logits_weighted = model_ce(X_val)
P_corrected = cw.unweight_probabilities(logits_weighted, w2)
print(f"share of positives in validation: {(y_val == 1).float().mean().item():.3f}")
for name, P in ((cw.tr("no weights"), P_plain), (cw.tr("weights [1, p]"), P_weighted),
                (cw.tr("weights, corrected"), P_corrected)):
    frac, mean = calibration_curve(y_val.cpu(), P[:, 1].cpu(), n_bins=10)
    print(f"{name:<20} mean P(positive) {P[:, 1].mean().item():.3f}   ECE {cw.expected_calibration_error(P, y_val):.3f}"
          f"   bins that overstate P(positive): {int((mean > frac).sum())} of {len(frac)}")

# %% [markdown] lang="en"
# The mean P(positive) shows the inflation plainly (0.268 against a share of 0.100). Top-label ECE moves less
# (0.011 to 0.019): it scores the most likely class, mostly "negative", and the weighted model's errors on
# either side partly cancel within a bin. The P(positive) bins show it again: all 10 overstate it.
#
# `cw.unweight_probabilities(logits, weight)` is softmax(logits − log w): it divides each class's probability
# by its training weight and renormalises, which undoes the inflation. The reliability diagram shows the same
# thing for every bin of P(positive): scikit-learn's `calibration_curve` gives, in each bin, the mean
# predicted probability and the fraction of samples that really are positive. A calibrated model lies on the
# diagonal.

# %% [markdown] lang="zh-TW"
# 預測的 P(正類) 平均把灌水看得很清楚（0.268，而正類實際的占比是 0.100）。top-label ECE 的變化比較小（0.011 變成 0.019）：
# 它看的是機率最高的類別，大多是「負類」，而加權模型在兩側的誤差會在同一個區間裡部分抵消。P(正類) 的各個區間則再次顯示了灌水：10 個區間全都高估。
#
# `cw.unweight_probabilities(logits, weight)` 就是 softmax(logits − log w)：把每個類別的機率除以它訓練時的權重，再重新正規化，就能把灌水的部分扣回來。
# 可靠度圖（reliability diagram）對 P(正類) 的每個區間呈現同一件事：scikit-learn 的 `calibration_curve` 會算出每個區間裡預測機率的平均，以及實際是正類的比例。校準良好的模型會落在對角線上。

# %% tags=["nbval-ignore-output"]
with cw.style():  # the package's fonts, so that Chinese labels are drawn
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    ax.plot([0, 1], [0, 1], "--", color="0.6", label=cw.tr("perfectly calibrated"))
    # the colours of the explorer in section 10: weighted (raw) red, corrected blue
    for name, P, style, colour in ((cw.tr("no weights"), P_plain, "o-", "0.45"),
                                   (cw.tr("weights [1, p]"), P_weighted, "s-", cw.RAW_COLOR),
                                   (cw.tr("weights, corrected"), P_corrected, "^-", cw.CORRECTED_COLOR)):
        frac, mean = calibration_curve(y_val.cpu(), P[:, 1].cpu(), n_bins=10)
        ax.plot(mean, frac, style, color=colour, lw=2, ms=6, label=name)
    ax.set_xlabel(cw.tr("mean predicted P(positive)"), fontsize=12)
    ax.set_ylabel(cw.tr("fraction of positives"), fontsize=12)
    ax.set_title(cw.tr("Reliability diagram (validation)"), fontsize=13)
    ax.legend(fontsize=11)
    ax.grid(alpha=0.3)
    plt.show()

# %% [markdown] lang="en"
# The weighted model's curve lies below the diagonal: in every one of its bins, the share of real positives
# is smaller than the probability it predicts. The corrected curve is back near the diagonal, as close as the
# plain model's (the same ECE, 0.011, and nearly the same mean P(positive), 0.095 against 0.096).
#
# **Which to use when.** Both come from the same weighted model:
# - for the **decision** (treat or not, flag or not), use the weighted model's argmax: it is the rule you asked
#   for when you chose the weights;
# - where a **probability** is needed (to tell a patient a risk, to combine with costs, to average over
#   models), use the corrected probabilities. Their argmax is the plain model's decision, not the weighted one:

# %% [markdown] lang="zh-TW"
# 加權模型的曲線落在對角線下方：在它的每一個區間裡，實際是正類的比例都比它預測的機率低。
# 校正後的曲線則回到對角線附近，和未加權模型一樣接近（ECE 同樣是 0.011，P(正類) 的平均也幾乎相同：0.095 和 0.096）。
#
# **什麼時候用哪一個。** 兩者都來自同一個加權模型：
# - 要做**判定**（要不要治療、要不要標記）時，用加權模型的 argmax：這正是你選擇這組權重時想要的規則；
# - 需要**機率**的地方（告訴病人風險有多高、和成本一起計算、在多個模型之間平均），用校正後的機率。校正後機率的 argmax 做出的是未加權模型的判定，不是加權模型的判定：

# %%
agree_plain = (P_corrected.argmax(1) == P_plain.argmax(1)).sum()
agree_weighted = (P_corrected.argmax(1) == P_weighted.argmax(1)).sum()
print(f"argmax of corrected probabilities agrees with the plain model on {int(agree_plain)} of {len(y_val)}, "
      f"with the weighted model on {int(agree_weighted)} of {len(y_val)}")

# %% [markdown] lang="en"
# ## 8. Threshold moving: the alternative to weights
# Section 3 showed that a weight p acts like the threshold 1 / (1 + p) on a calibrated model. So you can skip
# the weights: train the plain model, keep its honest probabilities, and choose the threshold. Choose it on
# **validation**, here the threshold with the best F1 on the validation precision–recall curve
# (scikit-learn's `precision_recall_curve`); average precision (AP) sums up the whole curve, whatever the
# threshold:

# %% [markdown] lang="zh-TW"
# ## 8. 移動門檻值：權重以外的另一種做法
# 第 3 節顯示，權重 p 的效果就像在校準良好的模型上使用門檻值 1 / (1 + p)。所以你也可以完全不用權重：
# 訓練未加權的模型，保留它未經扭曲、校準良好的機率，再選一個門檻值。門檻值要在**驗證集**上選；這裡選驗證集精確率–召回率曲線（scikit-learn 的 `precision_recall_curve`）上 F1 最高的門檻值。
# 平均精確率（average precision, AP）則把整條曲線總結成一個數字，和門檻值無關：

# %%
precision, recall, thresholds = metrics.precision_recall_curve(y_val.cpu(), P_plain[:, 1].cpu())
f1 = 2 * precision * recall / (precision + recall).clip(min=1e-12)
best = int(f1[:-1].argmax())
threshold = round(float(thresholds[best]), 2)
print(f"validation AP: plain {metrics.average_precision_score(y_val.cpu(), P_plain[:, 1].cpu()):.3f}, "
      f"weighted {metrics.average_precision_score(y_val.cpu(), P_weighted[:, 1].cpu()):.3f}")
print(f"threshold with the best validation F1, rounded to 0.01: {threshold}")
for name, pred in ((f"{cw.tr('no weights')}, 0.5", P_plain.argmax(1)),
                   (f"{cw.tr('weights [1, p]')}, argmax", P_weighted.argmax(1)),
                   (f"{cw.tr('no weights')}, {threshold}", (P_plain[:, 1] >= threshold).long())):
    print(f"{name:<24}", scores(pred, y_val))

# %% [markdown] lang="en"
# The two models' AP is the same to three decimals: the weights hardly change how the model *ranks* the
# samples, mostly where it cuts. The weight p cuts at about 1 / (1 + p) on the plain model's probabilities:
# of the three rules it has the best balanced accuracy (each class's recall counts the same), but not the best
# F1. The F1 threshold lies between 1 / (1 + p) and 0.5. A threshold is a knob like any other, so it is set on
# validation, for the metric you care about.
#
# ## 9. The test set, read once
# Every choice is made: the weights came from the training counts, the threshold from validation. Now, and
# only now, the three rules on the test set:

# %% [markdown] lang="zh-TW"
# 兩個模型的 AP 到小數點後第三位都相同：權重幾乎不會改變模型怎麼*排序*樣本，主要改變的是在哪裡切開。
# 權重 p 大約是在未加權模型的機率 1 / (1 + p) 處切開：三種規則中，它的平衡準確率（balanced accuracy，每個類別的召回率同樣重要）最高，F1 卻不是最高。
# F1 最好的門檻值落在 1 / (1 + p) 和 0.5 之間。門檻值和其他可調整的參數一樣，要針對你在意的指標，在驗證集上決定。
#
# ## 9. 測試集只讀一次
# 所有選擇都已經做完：權重來自訓練集的筆數，門檻值來自驗證集。現在，也只有現在，才把三種規則用在測試集上：

# %%
with torch.no_grad():
    T_plain, T_weighted = torch.softmax(model_plain(X_test), 1), torch.softmax(model_ce(X_test), 1)
for name, pred in ((f"{cw.tr('no weights')}, 0.5", T_plain.argmax(1)),
                   (f"{cw.tr('weights [1, p]')}, argmax", T_weighted.argmax(1)),
                   (f"{cw.tr('no weights')}, {threshold}", (T_plain[:, 1] >= threshold).long())):
    print(f"{name:<24}", scores(pred, y_test))

# %% [markdown] lang="en"
# On test the validation order holds: the threshold chosen for F1 has the best F1 (0.598), the weights the best
# recall and balanced accuracy (0.820 and 0.840), and no rule wins on every metric. Which one to deploy depends
# on what a missed positive costs against a false alarm; that choice, too, belongs to validation.

# %% [markdown] lang="zh-TW"
# 測試集上的排序和驗證集一樣：為 F1 選的門檻值 F1 最高（0.598），權重的召回率和平衡準確率最高（0.820 和 0.840），沒有一種規則在每個指標上都贏。
# 實際要用哪一種，取決於漏掉一個陽性和一次誤報各要付出多少代價；這個選擇同樣要在驗證集上做。

# %% [markdown] lang="en"
# ## 10. Explorer: weight and threshold together
# Two sliders on the screening task (the explorer calls the positive class "class 1"). `pos_weight` retrains
# the linear model (CE with weights [1, pos_weight], the same model as section 3's BCE, solved to convergence
# in milliseconds); the threshold only moves the decision, applied to the model's own P(positive). Watch the
# confusion matrix, precision and recall follow either slider, and the reliability diagram follow only
# `pos_weight`: the red curve sinks as the weight grows, the corrected blue curve stays near the diagonal.
# Everything is shown on validation.

# %% [markdown] lang="zh-TW"
# ## 10. 探索工具：同時調整權重和門檻值
# 篩檢任務上的兩個滑桿（slider）。`pos_weight` 會重新訓練線性模型（權重為 [1, pos_weight] 的 CE，和第 3 節的 BCE 是同一個模型，幾毫秒內就能解到收斂）；
# 門檻值只移動判定，作用在模型自己輸出的 P(正類) 上（探索工具把正類標成「類別 1」）。觀察混淆矩陣（confusion matrix）、精確率和召回率如何隨任一個滑桿改變，
# 而可靠度圖只跟著 `pos_weight` 改變：權重越大，紅色曲線沉得越低，校正後的藍色曲線則一直留在對角線附近。所有數字都是在驗證集上算的。

# %% tags=["nbval-ignore-output"]
cw.threshold_explorer(X_train.cpu(), y_train.cpu(), X_val.cpu(), y_val.cpu(), pos_weight=float(pw))

# %% [markdown] lang="en"
# ## Exercises
#
# **Exercise 08.1 (predict, then check).** Ten samples, 8 negatives and 2 positives, and a model that outputs
# logit 0 for all of them (so each sample's unweighted loss is ln 2). With `pos_weight=4` and
# `reduction="mean"` the loss is (8 · ln 2 + 2 · 4 · ln 2) / 10. What is it with `pos_weight=40`? Predict,
# then check.

# %% [markdown] lang="zh-TW"
# ## 練習
#
# **練習 08.1（先預測，再驗證）。** 十筆樣本，8 筆負類、2 筆正類，模型對每一筆都輸出 logit 0（所以每個樣本未加權的損失都是 ln 2）。
# 用 `pos_weight=4` 和 `reduction="mean"` 時，損失是 (8 · ln 2 + 2 · 4 · ln 2) / 10。換成 `pos_weight=40` 時損失是多少？先預測，再驗證。

# %%
answer_08_1 = None  # a number: the loss with pos_weight=40
cw.check("08.1", answer_08_1)

# %% [markdown] lang="en"
# <details><summary>Solution 08.1</summary>
#
# `BCEWithLogitsLoss` with "mean" divides by N = 10 whatever the weights, so the loss grows with `pos_weight`:
# (8 · ln 2 + 2 · 40 · ln 2) / 10 = 8.8 · ln 2. (`CrossEntropyLoss` would divide by the weights and give ln 2
# at any scale.)
#
# ```python
# import math
#
# answer_08_1 = (8 + 2 * 40) / 10 * math.log(2)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.1 解答</summary>
#
# `BCEWithLogitsLoss` 用 mean 彙總時，不管權重是多少都除以 N = 10，所以損失會隨著 `pos_weight` 變大：
# (8 · ln 2 + 2 · 40 · ln 2) / 10 = 8.8 · ln 2。（`CrossEntropyLoss` 則會除以權重，不論倍率都得到 ln 2。）
#
# ```python
# import math
#
# answer_08_1 = (8 + 2 * 40) / 10 * math.log(2)
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 08.2.** A model trained with `CrossEntropyLoss(weight=[1, 9])` says P(positive) = 0.75 for a
# patient. What probability of being positive should you tell the patient?

# %% [markdown] lang="zh-TW"
# **練習 08.2。** 一個用 `CrossEntropyLoss(weight=[1, 9])` 訓練的模型，對某位病人輸出 P(正類) = 0.75。你應該告訴病人，他是陽性的機率是多少？

# %%
answer_08_2 = None  # a probability
cw.check("08.2", answer_08_2)

# %% [markdown] lang="en"
# <details><summary>Solution 08.2</summary>
#
# Divide each class's probability by its weight and renormalise (`cw.unweight_probabilities`):
# (0.75 / 9) / (0.75 / 9 + 0.25 / 1) = 1 / 4.
#
# ```python
# answer_08_2 = (0.75 / 9) / (0.75 / 9 + 0.25 / 1)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.2 解答</summary>
#
# 把每個類別的機率除以它的權重，再重新正規化（`cw.unweight_probabilities`）：(0.75 / 9) / (0.75 / 9 + 0.25 / 1) = 1 / 4。
#
# ```python
# answer_08_2 = (0.75 / 9) / (0.75 / 9 + 0.25 / 1)
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 08.3 (predict, then check).** A plain model's P(positive) is well calibrated. Which threshold on it
# makes (about) the decisions of a model trained with weights [1, 4]? Predict it, then move the explorer's
# threshold slider with `pos_weight` at 1 and compare with `pos_weight` 4 at threshold 0.5.

# %% [markdown] lang="zh-TW"
# **練習 08.3（先預測，再驗證）。** 一個未加權模型的 P(正類) 校準良好。在它上面用哪個門檻值，做出的判定會（大致）等於用權重 [1, 4] 訓練的模型？
# 先預測，再把探索工具的 `pos_weight` 設為 1、移動門檻值滑桿，和 `pos_weight` 為 4、門檻值 0.5 的結果比較。

# %%
answer_08_3 = None  # a threshold between 0 and 1
cw.check("08.3", answer_08_3)

# %% [markdown] lang="en"
# <details><summary>Solution 08.3</summary>
#
# The weighted model predicts positive where 4 · P(1|x) > P(0|x) = 1 − P(1|x), that is where P(1|x) > 1 / 5.
#
# ```python
# answer_08_3 = 1 / (1 + 4)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.3 解答</summary>
#
# 加權模型在 4 · P(1|x) > P(0|x) = 1 − P(1|x) 時預測正類，也就是 P(1|x) > 1 / 5。
#
# ```python
# answer_08_3 = 1 / (1 + 4)
# ```
#
# </details>

# %% [markdown] lang="en"
# ## Summary
# - `BCEWithLogitsLoss(pos_weight=p)` multiplies only the positives' term: p is the positives' weight relative
#   to the negatives', usually n_negative / n_positive (`cw.pos_weight`), computed on the whole training set.
#   With "mean" it divides by N, so a larger p also scales up the whole loss.
# - For one yes/no label, BCE with `pos_weight` p and two-class CE with weights [1, p] train the same model.
# - Multi-label: one `pos_weight` per label. Dense prediction: weights count pixels, and `ignore_index` pixels
#   count nowhere. Per-sample weights: `reduction="none"`, then your own weighted sum and normaliser.
# - A weighted model decides by argmax w_c·p(c|x), and its probabilities are inflated by the same w_c. Use its
#   argmax for decisions, and `cw.unweight_probabilities` where a probability is needed.
# - Moving the threshold of a plain model does nearly what the weight does, keeps calibrated probabilities,
#   and is chosen on validation. The test set is read once, at the end.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `BCEWithLogitsLoss(pos_weight=p)` 只放大正類那一項：p 是正類權重相對於負類權重的比值，通常用 n_negative / n_positive（`cw.pos_weight`），而且要用整個訓練集來算。
#   用 mean 彙總時它除以 N，所以 p 越大，整個損失也跟著放大。
# - 只有一個是／否標籤時，BCE 搭配 `pos_weight` p，和兩個類別的 CE 搭配權重 [1, p]，訓練出來的是同一個模型。
# - 多標籤：每個標籤一個 `pos_weight`。密集預測：權重依像素個數計算，`ignore_index` 的像素完全不算。每個樣本各自加權：用 `reduction="none"`，再自己做加權總和、選分母。
# - 加權模型用 argmax w_c·p(c|x) 做判定，而它的機率也被同樣的 w_c 灌水。判定時用它的 argmax，需要機率時用 `cw.unweight_probabilities`。
# - 移動未加權模型的門檻值，效果幾乎和權重一樣，還能保留校準良好的機率；門檻值在驗證集上選。測試集只在最後讀一次。
