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

# %% [markdown] lang="zh-TW"
# # 第 05 課 · 選擇方案：十種處理類別不平衡的方法，並排比較
#
# **你會學到：** 常見的類別權重（class weight）方案、focal loss（焦點損失）、過抽樣（oversampling）和 logit 調整（logit adjustment），
# 在同一個模型學得會的資料集上、兩種不平衡比例（1:10 和 1:100）下，用好幾個隨機種子（random seed）比較起來表現如何；
# 其中哪些其實是同一件事；以及為什麼誰勝出是由你在意的評估指標決定的。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

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

# %% [markdown] lang="zh-TW"
# ## 1. 同一組筆數下的各種方案
# 以 1:100 的訓練筆數為例：類別 0 有 1000 筆，類別 1 和類別 2 各 10 筆。
# 下面是每一種權重方案算出來的權重，並縮放成類別 0 的權重為 1。
# 彙總方式（reduction）用平均（mean）時，只有權重之間的比例有影響（見第 03 課）。

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

# %% [markdown] lang="zh-TW"
# 頻率倒數（inverse frequency）和平衡權重（balanced）的比例相同（1 : 100 : 100），所以在平均彙總下，兩者訓練出來的模型一模一樣。
# `1 / sqrt(n)` 溫和得多（1 : 10）。有效樣本數（effective number of samples；Cui et al., CVPR 2019）介於兩者之間，
# 落在哪裡由 β 決定：β → 1 時趨近頻率倒數，β = 0 則等於完全不加權。
#
# `cw.balanced` 就是 scikit-learn 的 `compute_class_weight("balanced")`；我們用具有這些筆數的標籤（label）來驗證：

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

# %% [markdown] lang="zh-TW"
# ## 2. 權重以外的做法
# 還有三種讓少數類別（minority class）受到重視的方法，下面的實驗都會用到：
# - **Focal loss**（Lin et al., 2017）把每筆樣本的交叉熵（cross-entropy）乘上 (1 − p)^γ，其中 p 是該樣本正確類別的機率：
#   有把握、容易分對的樣本，份量會變小。我們用 γ = 2，並把每個類別的 α 設為平衡權重。
#   γ = 0 時，它正好就是加權交叉熵：

# %%
gen = torch.Generator().manual_seed(0)
logits = torch.randn(8, 3, generator=gen)
targets = torch.tensor([0, 0, 0, 0, 0, 0, 1, 2])
alpha = cw.balanced(cw.class_counts(targets))
print(f"focal, γ = 0:           {cw.focal_loss(logits, targets, gamma=0.0, weight=alpha).item():.6f}")
print(f"CrossEntropyLoss(α):    {torch.nn.CrossEntropyLoss(weight=alpha)(logits, targets).item():.6f}")
print(f"focal, γ = 2:           {cw.focal_loss(logits, targets, gamma=2.0, weight=alpha).item():.6f}")

# %% [markdown] lang="en"
# - **Oversampling** with `WeightedRandomSampler` draws each sample with a probability proportional to
#   1 / count of its class, so every class is drawn about equally often, and the loss stays unweighted:

# %% [markdown] lang="zh-TW"
# - **過抽樣**用 `WeightedRandomSampler` 這個抽樣器（sampler）來抽取樣本，每筆樣本被抽中的機率和「1 / 該類別的筆數」成正比，
#   因此每個類別被抽到的次數大致相同，而損失本身維持不加權：

# %%
sampler = cw.oversampling_sampler(labels, seed=0)
drawn = torch.as_tensor(labels)[torch.tensor(list(sampler))]
print("training counts:      ", counts.int().tolist())
print("one pass of draws:    ", torch.bincount(drawn, minlength=3).tolist())

# %% [markdown] lang="en"
# - **Logit adjustment** (Menon et al., ICLR 2021) uses the class priors π_c = n_c / N. *Post-hoc*: train
#   without weights, then predict argmax(logits − τ log π). *In the loss*: train on logits + τ log π, then
#   predict with the plain logits. Both move the decision towards the rare classes by log(π_0 / π_c):

# %% [markdown] lang="zh-TW"
# - **Logit 調整**（Menon et al., ICLR 2021）使用類別的先驗機率（prior）π_c = n_c / N。
#   *事後調整（post-hoc）*：訓練時不加權，預測時改用 argmax(logits − τ log π)。
#   *放進損失裡*：用 logits + τ log π 來訓練，預測時則用原本的 logits。
#   兩種做法都會把決策往少數類別推，幅度是 log(π_0 / π_c)：

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

# %% [markdown] lang="zh-TW"
# ## 3. 實驗
# 對每一種不平衡比例（1:10 和 1:100）和三個隨機種子中的每一個，我們抽出一組訓練資料（類別 0 有 1000 筆），
# 以及一組不平衡程度相同、筆數多十倍的測試資料（held-out data），用每一種方案訓練同一個線性模型，
# 再量測平衡準確率（balanced accuracy）、macro-F1（各類別 F1 的平均），以及兩個少數類別中較弱那一類的召回率（recall）。
# 整個實驗總共訓練 60 個模型。

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
#   balanced accuracy at 1:10: on this data they move the boundary by about the same amount. At 1:100 logit
#   adjustment does a little better (0.750 post-hoc, 0.756 in the loss, against 0.737).
# - **1 / sqrt(n)**, the mildest scheme here, keeps more of the majority class's precision: it has the best
#   **macro-F1** at both ratios, and loses on balanced accuracy and minority recall. The effective number
#   (β = 0.999) and smoothing (s = 10) sit between it and inverse frequency. Note that no weights at all
#   beats several schemes on macro-F1: a metric that averages precision and recall rewards caution.
# - **Post-hoc logit adjustment** at 1:100 has the highest minority recall (0.807) and the lowest macro-F1
#   (0.301): it pushes hardest towards the rare classes, and pays for it in false alarms.
#
# There is no best scheme in general: first decide which errors cost more (a missed rare case, or a false
# alarm), pick the metric that measures that, then compare schemes on held-out data, over several seeds.

# %% [markdown] lang="zh-TW"
# ## 4. 表格告訴我們什麼
# - **不加權**的平衡準確率最差，而且在 1:100 時幾乎認不出少數類別（較弱那一類的召回率只有 0.020）。
# - **頻率倒數和平衡權重得到完全相同的數字**：兩者比例相同，而平均彙總不管權重的整體大小。
# - **過抽樣、α 為平衡權重的 focal loss，以及 logit 調整**，在 1:10 時的平衡準確率都和頻率倒數差不多：
#   在這份資料上，它們移動決策邊界（decision boundary）的幅度都差不多。
#   在 1:100 時，logit 調整稍微好一些（事後調整 0.750、放進損失裡 0.756，頻率倒數是 0.737）。
# - **1 / sqrt(n)** 是這裡最溫和的方案，保留了較多多數類別（majority class）的精確率（precision）：
#   它在兩種不平衡比例下的 **macro-F1** 都最高，但在平衡準確率和少數類別的召回率上落後。
#   有效樣本數（β = 0.999）和平滑化（smoothing，s = 10）則介於它和頻率倒數之間。
#   注意，完全不加權在 macro-F1 上也贏過好幾種方案：把精確率和召回率一起平均的指標，會獎勵保守的模型。
# - **事後 logit 調整**在 1:100 時，少數類別的召回率最高（0.807），macro-F1 卻最低（0.301）：
#   它把決策最用力地推向少數類別，代價是誤報（false alarm）變多。
#
# 一般來說，沒有哪一種方案永遠最好：先想清楚哪一種錯誤的代價比較高（漏掉一個罕見的案例，還是誤報），
# 再挑一個能衡量這件事的指標，然後在測試資料上、用多個隨機種子來比較各種方案。

# %% [markdown] lang="en"
# ## Summary
# - Under the mean reduction only the ratios of the weights matter; inverse frequency and balanced are the
#   same scheme.
# - Schemes differ in how far they move the decision boundary towards the majority class: that trades
#   majority precision for minority recall.
# - Focal loss, oversampling and logit adjustment are other routes to a similar trade; logit adjustment needs
#   no retraining when applied post-hoc.
# - Choose by the metric that matches your costs, measured on held-out data with several seeds.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 在平均彙總下，只有權重之間的比例有影響；頻率倒數和平衡權重是同一種方案。
# - 各種方案的差別，在於把決策邊界往多數類別那一側推多遠：這是用多數類別的精確率去換少數類別的召回率。
# - Focal loss、過抽樣和 logit 調整是達到類似取捨的其他途徑；logit 調整如果用在事後，就不必重新訓練。
# - 依照符合你成本考量的指標來選擇，並在測試資料上用多個隨機種子來量測。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 05.1.** Compute the `1 / sqrt(count)` weights for counts `[1000, 10, 10]` without
# `cw.sqrt_inverse_frequency`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 05.1。** 不使用 `cw.sqrt_inverse_frequency`，計算筆數為 `[1000, 10, 10]` 時的 `1 / sqrt(count)` 權重，答案是由三個數字組成的串列（list）。

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

# %% [markdown] lang="zh-TW"
# <details><summary>練習 05.1 解答</summary>
#
# ```python
# answer_05_1 = [n ** -0.5 for n in (1000, 10, 10)]
# ```
#
# </details>
#
# **練習 05.2。** 不使用 `cw.logit_adjustment`，計算筆數為 `[1000, 10, 10]`、τ = 1 時的事後 logit 調整偏移量 τ log π（π = 筆數 / 總筆數）。

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

# %% [markdown] lang="zh-TW"
# <details><summary>練習 05.2 解答</summary>
#
# ```python
# answer_05_2 = [float(np.log(n / 1020)) for n in (1000, 10, 10)]
# ```
#
# </details>
