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
# them are really the same thing; and why the metric you care about decides which scheme to prefer.

# %% [markdown] lang="zh-TW"
# # 第 05 課 · 怎麼選方案：並排比較十種處理類別不平衡（class imbalance）的方法
#
# **你會學到：** 在同一個模型學得會的資料集上，以兩種不平衡比值（1:10 和 1:100）、多個隨機種子（random seed）來比較時，
# 常見的類別權重（class weight）方案、focal loss（焦點損失）、過抽樣（oversampling）和 logit 調整（logit adjustment）表現如何；
# 其中哪些其實是同一回事；以及為什麼該偏好哪一種方案，取決於你在意的是哪一個指標。

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

import inspect
import statistics

import numpy as np
import torch
from scipy import stats
from sklearn.utils.class_weight import compute_class_weight

import classweights as cw
from classweights.metrics import mean_std, metric

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. The schemes on one set of counts
# Take the 1:100 training counts: 1000 samples of class 0 and 10 each of classes 1 and 2. Here is what each
# weighting scheme gives, scaled so that class 0's weight is 1 (with the mean reduction only the ratios
# matter, lesson 03).

# %% [markdown] lang="zh-TW"
# ## 1. 同一組筆數下的各種方案
# 以 1:100 的訓練筆數為例：類別 0 有 1000 筆，類別 1 和類別 2 各 10 筆。
# 下面列出每一種權重方案算出的權重，並等比例縮放，讓類別 0 的權重為 1。
# 彙總方式（reduction）用平均（mean）時，只有權重之間的比值有影響（見第 03 課）。

# %%
counts = torch.tensor([1000.0, 10.0, 10.0])
name = cw.scheme_name  # en: scheme names in the lesson's language  # zh-TW: 用這一課的語言顯示方案名稱
schemes = {
    name("inverse frequency") + " 1 / n": cw.inverse_frequency(counts),
    cw.tr("{name}, s = {s}", name=name("smoothed") + " (1 + s) / (n + s)", s=10):
        cw.smoothed_inverse_frequency(counts, 10.0),
    name("balanced") + " N / (K n)": cw.balanced(counts),
    name("1 / sqrt(count)"): cw.sqrt_inverse_frequency(counts),
    **{cw.tr("{name}, β = {b}", name=name("effective number"), b=b): cw.effective_number(counts, b)
       for b in (0.9999, 0.999, 0.99, 0.0)},
}
print(cw.text_table([cw.tr("weights per class"), cw.tr("relative to class 0")],
                    [(label, [str([round(v, 5) for v in w.tolist()]), str([round(v, 2) for v in (w / w[0]).tolist()])])
                     for label, w in schemes.items()], min_col=28))

# %% [markdown] lang="en"
# Inverse frequency and balanced have the same ratios (1 : 100 : 100), so under the mean reduction they
# train the same model. `1 / sqrt(n)` is much milder (1 : 10). The effective number of samples (Cui et al.,
# CVPR 2019) sits in between, and its β sets where: as β nears 1 it approaches inverse frequency (β = 0.9999 gives
# 95.2), and β = 0 gives no weighting (1.0).
#
# `cw.balanced` is scikit-learn's `compute_class_weight("balanced")`; we check that on labels with these
# counts:

# %% [markdown] lang="zh-TW"
# 頻率倒數（inverse frequency）和平衡權重（balanced）的比值相同（1 : 100 : 100），所以在平均彙總下，兩者訓練出來的模型一模一樣。
# `1 / sqrt(n)` 溫和得多（1 : 10）。有效樣本數（effective number of samples；Cui et al., CVPR 2019）介於兩者之間，
# 確切的位置由 β 決定：β 越接近 1 就越接近頻率倒數（β = 0.9999 時是 95.2），β = 0 則等於完全不加權（1.0）。
#
# `cw.balanced` 就是 scikit-learn 的 `compute_class_weight("balanced")`；我們用筆數和上面相同的一組標籤（label）來驗證這一點：

# %%
labels = np.repeat([0, 1, 2], counts.int().tolist())
sk = compute_class_weight("balanced", classes=np.array([0, 1, 2]), y=labels)
print("scikit-learn:", sk.round(5).tolist())
print("cw.balanced: ", [round(v, 5) for v in cw.balanced(cw.class_counts(labels)).tolist()])
print(cw.tr("equal to float32 precision: {same}",
            same=np.allclose(sk, cw.balanced(cw.class_counts(labels)).numpy(), rtol=1e-6)))

# %% [markdown] lang="en"
# ## 2. Beyond weights
# Three other ways to make the rare classes count, all in the lab below:
# - **Focal loss** (Lin et al., 2017) multiplies each sample's cross-entropy by (1 − p)^γ, where p is the
#   probability of its true class: confident, easy samples count less. We use γ = 2 with per-class α equal
#   to the balanced weights. With γ = 0 it is exactly weighted cross-entropy:

# %% [markdown] lang="zh-TW"
# ## 2. 權重以外的做法
# 還有三種讓少數類別（minority class）受到重視的方法，下面的實驗都會用到：
# - **Focal loss**（Lin et al., 2017）把每個樣本的交叉熵（cross-entropy）乘上 (1 − p)^γ，其中 p 是該樣本正確類別的機率：
#   有把握、容易分對的樣本，份量會變小。我們用 γ = 2，並把每個類別的 α 設為平衡權重。
#   γ = 0 時，它正好就是加權交叉熵：

# %%
gen = torch.Generator().manual_seed(0)
logits = torch.randn(8, 3, generator=gen)
targets = torch.tensor([0, 0, 0, 0, 0, 0, 1, 2])
alpha = cw.balanced(cw.class_counts(targets))
focal_0 = cw.focal_loss(logits, targets, gamma=0.0, weight=alpha)
weighted_ce = torch.nn.CrossEntropyLoss(weight=alpha)(logits, targets)
print(cw.tr("focal loss, γ = {g}: {v}", g=0, v=f"{focal_0.item():.4f}"))
print(cw.tr("CrossEntropyLoss(α): {v}, equal: {same}", v=f"{weighted_ce.item():.4f}",
            same=torch.allclose(focal_0, weighted_ce)))
print(cw.tr("focal loss, γ = {g}: {v}", g=2, v=f"{cw.focal_loss(logits, targets, gamma=2.0, weight=alpha).item():.4f}"))

# %% [markdown] lang="en"
# - **Oversampling** with `WeightedRandomSampler` draws each sample with a probability proportional to
#   1 / count of its class, so every class is drawn about equally often, and the loss stays unweighted:

# %% [markdown] lang="zh-TW"
# - **過抽樣**用 `WeightedRandomSampler` 這個抽樣器（sampler）抽取樣本：每個樣本被抽中的機率，和它所屬類別的「1 / 筆數」成正比，
#   因此每個類別被抽到的次數大致相同，損失本身則維持不加權：

# %%
sampler = cw.oversampling_sampler(labels, seed=0)
drawn = torch.as_tensor(labels)[torch.tensor(list(sampler))]
print(cw.tr("training counts: {c}", c=counts.int().tolist()))
print(cw.tr("one pass of draws: {c}", c=torch.bincount(drawn, minlength=3).tolist()))

# %% [markdown] lang="en"
# - **Logit adjustment** (Menon et al., ICLR 2021) uses the class priors π_c = n_c / N. *Post-hoc*: train
#   without weights, then predict argmax(logits − τ log π). *In the loss*: train on logits + τ log π, then
#   predict with the plain logits. Post-hoc, the decision moves towards a rare class c, relative to class 0,
#   by exactly τ log π_0 − τ log π_c = τ · log(π_0 / π_c). In the loss, training absorbs the offsets, and
#   the plain logits carry the same shift only for an ideal model (lesson 02, section 3); the lab shows how
#   close it comes. Here with τ = 1:

# %% [markdown] lang="zh-TW"
# - **Logit 調整**（Menon et al., ICLR 2021）用的是各類別的先驗機率（prior）π_c = n_c / N。
#   *事後調整（post-hoc）*：訓練時不加權，預測時改用 argmax(logits − τ log π)。
#   *放進損失裡*：用 logits + τ log π 來訓練，預測時則用原本的 logits。
#   事後調整時，相對於類別 0，決策往少數類別 c 移動的幅度正好是 τ log π_0 − τ log π_c = τ · log(π_0 / π_c)。
#   放進損失裡時，偏移量在訓練中被模型吸收，只有理想的模型，原本的 logits 才會帶著同樣的位移（第 02 課第 3 節）；
#   實驗會顯示實際上差多少。下面用 τ = 1：

# %%
offsets = cw.logit_adjustment(counts, tau=1.0)
print("τ log π:", [round(v, 3) for v in offsets.tolist()])
print(cw.tr("boost of a rare class over class 0: {b}", b=round((offsets[0] - offsets[1]).item(), 3)))

# %% [markdown] lang="en"
# ## 3. The lab
# For each imbalance ratio (1:10 and 1:100) and each of five seeds, we draw one dataset and split it,
# stratified, into a training set (1000 samples of class 0), a validation set three times as large and a
# test set ten times as large, all with the same imbalance (the sizes are printed below). Each seed is its
# own data split. Then, for every scheme, the same linear model:
# - Three schemes have a knob, and the knob is chosen **on the validation set**, by balanced accuracy: the
#   smoothing s, the effective number's β, and the post-hoc τ (tried values: printed below). Focal loss keeps
#   γ = 2 and the loss-side logit adjustment τ = 1, their papers' defaults (printed last).
# - Every final model is then scored **once on the test set**; the tables and figures below show test
#   numbers only. They describe how the schemes compare after every choice was made; no scheme is chosen
#   from them (choosing a scheme would need validation numbers, like the knobs).
#
# In the tables, **mean ± std** is the mean over the 5 seeds and their standard deviation (population
# formula: divided by 5): how much a number moves when the data change.

# %% [markdown] lang="zh-TW"
# ## 3. 實驗
# 兩種不平衡比值（1:10 和 1:100）各搭配五個隨機種子，每一種組合都產生一份資料，再做分層切分：
# 訓練集（類別 0 有 1000 筆）、三倍大的驗證集和十倍大的測試集，三者的不平衡程度都相同（各組的筆數印在下面）。每個種子就是一種資料切分。接著每一種方案都訓練同一種線性模型：
# - 有三種方案各有一個可調設定，都依**驗證集**上的平衡準確率（balanced accuracy）來選：平滑因子（smoothing factor）s、有效樣本數的 β，以及事後調整的 τ（試了哪些值，下面會印出來）。
#   focal loss 固定用 γ = 2，放進損失裡的 logit 調整固定用 τ = 1，兩者都是原論文的預設值（印在最後一行）。
# - 每個最後選定的模型，只在**測試集上評估一次**；下面的表格和圖表都只顯示測試集上的數字。
#   這些數字只是描述所有選擇都做完之後，各種方案比較起來如何；我們不從中挑選方案（要挑方案，就得像選設定一樣，看驗證集上的數字）。
#
# 表格中的**平均 ± 標準差**，是 5 個隨機種子的平均值和標準差（母體公式：除以 5）：資料換一批，數字大概會變動多少。

# %% slide="subslide"
RATIOS, SEEDS, GAMMA = (10, 100), (0, 1, 2, 3, 4), 2.0
lab = cw.scheme_lab(ratios=RATIOS, seeds=SEEDS, gamma=GAMMA)
print(cw.tr("samples per class in each set, seed {s}:", s=0))
for r in RATIOS:  # en: draw seed 0's split again, as the lab does, to count each set  # zh-TW: 照實驗的做法重新切分種子 0 的資料，數一數每一組的筆數
    n_train = int(sum(lab.counts[r]))
    X, y = cw.imbalanced_blobs(14 * n_train, [n / n_train for n in lab.counts[r]], seed=0)
    parts = cw.train_val_test_split(X, y, val_size=3 * n_train, test_size=10 * n_train, seed=0)
    print(cw.tr("1:{r}: training {a}, validation {b}, test {c}", r=r,
                a=torch.bincount(parts["train"][1], minlength=3).tolist(),
                b=torch.bincount(parts["val"][1], minlength=3).tolist(),
                c=torch.bincount(parts["test"][1], minlength=3).tolist()))
    print("  " + cw.tr("the test set of every seed: {n} samples", n=sorted({int(np.sum(res["confusion_matrix"]))
                                                                            for res in lab.results[r]["no weights"]})))
for knob_of, (knob, grid) in lab.knobs.items():
    print(cw.tr("{scheme}: {knob} tried {grid}", scheme=cw.scheme_name(knob_of), knob=knob, grid=list(grid)))
    for r in RATIOS:
        print("  " + cw.tr("1:{r}, chosen per seed: {values}", r=r, values=lab.chosen[r][knob_of]))
print(cw.tr("fixed: {focal} γ = {g}; {loss} τ = {t}", focal=cw.scheme_name("focal"), g=GAMMA,
            loss=cw.scheme_name("logit adjustment, in the loss"),
            t=inspect.signature(cw.logit_adjustment).parameters["tau"].default))

# %% [markdown] lang="en"
# The test results, two tables per ratio. They describe; nothing is chosen from them. The minority columns
# are means over the two minority classes ("prec." is precision, "acc." accuracy).

# %% [markdown] lang="zh-TW"
# 以下是測試集上的結果，每種不平衡比值兩張表。這些數字只用來描述，不用來挑選任何東西。少數類別的欄位，是兩個少數類別的平均。

# %%
HEADS = {"balanced_accuracy": "balanced acc.", "macro_f1": "macro-F1", "minority_recall": "mean minority recall",
         "majority_recall": "majority recall", "minority_precision": "minority prec.",
         "majority_precision": "majority prec."}


def lab_tables(ratio):
    # en: mean ± std over the seeds, in two tables of three metrics each (each fits the projector)
    # zh-TW: 各種子的平均 ± 標準差，分成兩張表，每張三個指標（投影時放得下）
    for keys in (list(HEADS)[:3], list(HEADS)[3:]):
        print(cw.text_table([cw.tr(HEADS[k]) for k in keys],
                            [(cw.scheme_name(s), ["{:.3f} ± {:.3f}".format(*mean_std(runs, k)) for k in keys])
                             for s, runs in lab.results[ratio].items()], min_col=16))


print(cw.tr("imbalance 1:{r}", r=RATIOS[0]))
lab_tables(RATIOS[0])

# %% slide="subslide"
print(cw.tr("imbalance 1:{r}", r=RATIOS[1]))
lab_tables(RATIOS[1])

# %% [markdown] lang="en"
# The same test numbers as pictures, again for description only: each point is a scheme, at its mean over
# the seeds; the error bars span ± one standard deviation; in each figure, one panel per ratio. First
# figure: x-axis the majority's recall, y-axis the minorities' mean recall. Second figure: x-axis the
# minorities' mean precision, y-axis their mean recall. Both y-axes show the mean minority recall, the
# table's "mean minority recall" column. Schemes with identical results share one point and one label.

# %% [markdown] lang="zh-TW"
# 把同樣的測試集數字畫成圖，一樣只用來描述：每個點是一種方案，位置是各隨機種子的平均，誤差線（error bar）涵蓋 ± 一個標準差；
# 每張圖裡，每種不平衡比值各占一個子圖。第一張圖的橫軸是多數類別的召回率，縱軸是少數類別的平均召回率；
# 第二張圖的橫軸是少數類別的平均精確率，縱軸是它們的平均召回率。兩張圖的縱軸都是少數類別的平均召回率，也就是表格裡「少數類別的平均召回率」那一欄。結果完全相同的方案共用一個點和一個標籤。

# %%
cw.plot_tradeoff(lab, x="majority_recall", y="minority_recall")
cw.show()

# %% slide="subslide"
cw.plot_tradeoff(lab, x="minority_precision", y="minority_recall")
cw.show()

# %% [markdown] lang="en"
# Which differences are real? Each seed is one data split, and every scheme of a seed trains and is scored on
# that same split, so the runs are **paired**, as in lesson 07's "Reading paired runs": subtract inverse
# frequency's number on the same split, then report the mean difference, its 95% interval
# (mean ± t · s / √N, s the sample standard deviation, t from `scipy.stats.t`) and the wins out of N = 5.
# An interval that crosses 0 supports no claim either way. This describes the test results; it picks no scheme:

# %% [markdown] lang="zh-TW"
# 哪些差異是真的？每個種子是一種資料切分，同一個種子的每一種方案都在同一個切分上訓練和評估，所以這些實驗是**成對的**，
# 就像第 07 課「怎麼解讀成對的實驗」那樣：減去頻率倒數在同一個切分上的數字，再列出平均差異、它的 95% 信賴區間
# （平均 ± t · s / √N，s 是樣本標準差，t 來自 `scipy.stats.t`），以及 N = 5 次中的勝場數。
# 區間跨過 0，就哪個方向都不能下結論。這只是在描述測試結果，並不是挑選方案：

# %% slide="subslide"
def paired(ratio, name, key, base="inverse frequency"):
    # en: differences from the base scheme split by split, in points: mean, 95% t-interval, wins out of N
    # zh-TW: 和基準方案逐個切分相減（百分點）：平均、95% t 信賴區間、N 次中的勝場數
    runs = zip(lab.results[ratio][name], lab.results[ratio][base])
    d = [round(100 * (metric(a, key) - metric(b, key)), 4) for a, b in runs]
    mean, sd = statistics.mean(d), statistics.stdev(d)  # en: stdev: the sample standard deviation (N - 1)  # zh-TW: stdev：樣本標準差（除以 N - 1）
    half = stats.t.ppf(0.975, len(d) - 1) * sd / len(d) ** 0.5
    return f"{mean:+.1f} [{mean - half:+.1f}, {mean + half:+.1f}] {sum(x > 0 for x in d)}/{len(d)}"


def losses(ratio, name, key, base="inverse frequency"):
    # en: on how many splits the scheme is below the base (strictly)
    # zh-TW: 在幾個切分上比基準低（嚴格小於）
    return sum(metric(a, key) < metric(b, key) for a, b in zip(lab.results[ratio][name], lab.results[ratio][base]))


others = [n for n in lab.results[RATIOS[0]] if n not in ("inverse frequency", "balanced")]
for key in ("balanced_accuracy", "macro_f1"):
    print(cw.tr("{metric} minus inverse frequency on the same split, points: mean [95% interval] wins out of {n}",
                metric=cw.tr(HEADS[key]), n=len(SEEDS)))
    print(cw.text_table([f"1:{r}" for r in RATIOS],
                        [(cw.scheme_name(s), [paired(r, s, key) for r in RATIOS]) for s in others], min_col=26))
post_hoc = "logit adjustment, post-hoc"
print(cw.tr("1:{r}, {scheme} minus inverse frequency:", r=RATIOS[1], scheme=cw.scheme_name(post_hoc)))
for key in ("minority_recall", "majority_recall"):
    print("  " + cw.tr("{metric}: {s}", metric=cw.tr(HEADS[key]), s=paired(RATIOS[1], post_hoc, key)))
print("  " + cw.tr("{metric}: lower on {k} of {n} splits", metric=cw.tr(HEADS["balanced_accuracy"]),
                   k=losses(RATIOS[1], post_hoc, "balanced_accuracy"), n=len(SEEDS)))
for ratio in RATIOS:
    print(cw.tr("1:{r}, {scheme} minus no weights, {metric}: {s}", r=ratio, scheme=cw.scheme_name("1 / sqrt(count)"),
                metric="macro-F1", s=paired(ratio, "1 / sqrt(count)", "macro_f1", base="no weights")))
for ratio in RATIOS:
    same = lab.results[ratio]["inverse frequency"] == lab.results[ratio]["balanced"]
    print(cw.tr("1:{r}: inverse frequency and balanced give identical test results: {same}", r=ratio, same=same))

# %% [markdown] lang="en"
# ## 4. What the test tables and figures describe
# They compare the schemes after every choice was made; they do not choose one.
# - **No weights** has the lowest balanced accuracy by far, and at 1:100 it almost never recognises the rare
#   classes (its mean minority recall is 0.052).
# - **Inverse frequency and balanced give identical results** (printed above): same ratios, and the mean
#   reduction ignores the scale (lesson 03).
# - **On balanced accuracy, most schemes cannot be told apart here.** At both ratios, every scheme except no
#   weights and 1 / sqrt(n) has an interval against inverse frequency that crosses 0 (printed above): these
#   data show no difference between them (which does not prove there is none). Do not read a winner into
#   the third decimal.
# - **Every scheme that helps pays the same way.** Compared with no weights, every scheme lowers the
#   majority's recall and the minorities' precision, and raises the minorities' recall and the majority's
#   precision (tables; the figures show the first three). The schemes differ in how far they move along that
#   trade.

# %% [markdown] lang="zh-TW"
# ## 4. 測試集的表格和圖表描述了什麼
# 它們是在所有選擇都做完之後比較各種方案，並不是用來挑選方案。
# - **不加權**的平衡準確率最低，而且差距很大；在 1:100 時，它幾乎認不出少數類別（它的少數類別平均召回率只有 0.052）。
# - **頻率倒數和平衡權重的結果完全相同**（上面印出來了）：兩者的比值相同，而平均彙總不受權重整體大小的影響（第 03 課）。
# - **在平衡準確率上，大多數方案在這裡分不出高下。** 在兩種不平衡比值下，除了不加權和 1 / sqrt(n) 之外，每一種方案相對於頻率倒數的區間都跨過 0（上面印出來了）：
#   這些資料無法佐證它們之間有差異。別憑小數點後第三位就判定誰是贏家。
# - **每一種有幫助的方案，付出的代價都是同一種。** 和不加權相比，每一種方案都會降低多數類別的召回率和少數類別的精確率，
#   並提高少數類別的召回率和多數類別的精確率（見表格；圖表畫出了前三項）。各種方案的差別，只在於這個取捨做到什麼程度。

# %% [markdown] lang="en"
# - **1 / sqrt(n)**, the mildest weights of section 1, stays closest to no weights in the lab: of all
#   schemes except no weights, it keeps the most of the majority's recall and of the minorities' precision
#   (tables). Its balanced accuracy is higher than inverse frequency's on none of the splits, and its
#   **macro-F1** above it, and above no weights', on every split, at both ratios, with intervals clear of 0.
#   Here macro-F1, which also counts precision, ranks the mildest scheme first; note that the tuned schemes'
#   knobs were chosen by balanced accuracy.
# - **Post-hoc logit adjustment** and **inverse frequency** aim at the same decision rule (lesson 02,
#   section 3), and at 1:10 their intervals cross 0 in both metrics. At 1:100 the post-hoc rule pushes
#   further than inverse frequency: more minority recall, less majority recall and a lower macro-F1, with
#   intervals clear of 0 (printed above). The lab does not show why; one candidate is that the unweighted
#   model saw only 10 samples of each rare class, so its logits are not the ideal model's. Its balanced
#   accuracy is lower on 5 of the 5 splits, but that interval crosses 0: no claim.
#
# In this lab no scheme is best on every metric: first decide which errors cost more (a missed rare case, or a false
# alarm), pick the metric that measures that, then compare schemes, and tune their knobs, on the validation
# set over several data splits, and evaluate on the test set only once, at the end.

# %% [markdown] lang="zh-TW"
# - **1 / sqrt(n)** 是第 1 節裡最溫和的權重，在實驗中，它的結果也離不加權最近：在不加權以外的所有方案中，
#   它保留最多的多數類別召回率和少數類別精確率（見表格）。在兩種不平衡比值下，它的平衡準確率沒有在任何一個切分上高過頻率倒數，
#   而它的 **macro-F1** 在每個切分上都高於頻率倒數，也高於不加權，區間都不含 0。
#   在這裡，同時計入精確率的 macro-F1 把最溫和的方案排在第一；不過有可調設定的方案，設定是依平衡準確率選的。
# - **事後 logit 調整**和**頻率倒數**追求的是同一條決策規則（第 02 課第 3 節），在 1:10 時兩者在兩個指標上的區間都跨過 0。
#   在 1:100 時，事後規則把決策推得比頻率倒數更遠：少數類別的召回率較高、多數類別的召回率和 macro-F1 都較低，
#   區間都不含 0（上面印出來了）。實驗並沒有顯示原因；一個可能是不加權的模型每個少數類別只看過 10 筆資料，
#   它的 logits 不是理想模型的 logits。它的平衡準確率在 5 個切分中有 5 個比較低，但那個區間跨過 0：不能下結論。
#
# 在這個實驗裡，沒有哪一種方案在每個指標上都最好：先想清楚哪一種錯誤的代價比較高（是漏掉一個罕見的案例，還是誤報），
# 再挑一個能衡量這件事的指標，然後在驗證集上用多種資料切分比較各種方案、調整它們的設定，最後才用測試集評估一次。

# %% [markdown] lang="en"
# ## Summary
# - Under the mean reduction only the ratios of the weights matter; inverse frequency and balanced are the
#   same scheme.
# - Schemes differ in how far they trade majority recall and minority precision for minority recall.
# - Focal loss, oversampling and logit adjustment are other routes to a similar trade; logit adjustment needs
#   no retraining when applied post-hoc.
# - Compare schemes on several data splits, paired: a mean difference whose 95% interval crosses 0 is no
#   difference you can claim. Choose by the metric that matches your costs, tune knobs on the validation
#   set, and evaluate on the test set only once, at the end.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 在平均彙總下，只有權重之間的比值有影響；頻率倒數和平衡權重是同一種方案。
# - 各種方案的差別，在於用多少多數類別的召回率和少數類別的精確率，去換少數類別的召回率。
# - Focal loss、過抽樣和 logit 調整是達到類似取捨的其他途徑；logit 調整如果用在事後，就不必重新訓練。
# - 在多種資料切分上成對比較各種方案：平均差異的 95% 信賴區間跨過 0，就不能說有差異。用符合你成本考量的指標來選擇，在驗證集上調整設定，最後才用測試集評估一次。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 05.1.** Compute the `1 / sqrt(count)` weights for counts `[400, 100, 25]` without
# `cw.sqrt_inverse_frequency`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 05.1。** 不使用 `cw.sqrt_inverse_frequency`，計算筆數為 `[400, 100, 25]` 時的 `1 / sqrt(count)` 權重，答案是由三個數字組成的串列（list）。

# %%
answer_05_1 = None  # [w0, w1, w2]
cw.check("05.1", answer_05_1)

# %% [markdown] lang="en"
# <details><summary>Solution 05.1</summary>
#
# ```python
# answer_05_1 = [n ** -0.5 for n in (400, 100, 25)]
# ```
#
# </details>
#
# **Exercise 05.2.** Compute the post-hoc logit-adjustment offsets τ log π for counts `[900, 90, 10]`
# and τ = 0.5 (π = count / total, natural log), without `cw.logit_adjustment`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 05.1 解答</summary>
#
# ```python
# answer_05_1 = [n ** -0.5 for n in (400, 100, 25)]
# ```
#
# </details>
#
# **練習 05.2。** 不使用 `cw.logit_adjustment`，計算筆數為 `[900, 90, 10]`、τ = 0.5 時的事後 logit 調整偏移量 τ log π
# （π = 筆數 / 總筆數，用自然對數），答案是由三個數字組成的串列。

# %%
answer_05_2 = None  # [o0, o1, o2]
cw.check("05.2", answer_05_2)

# %% [markdown] lang="en"
# <details><summary>Solution 05.2</summary>
#
# ```python
# answer_05_2 = [0.5 * float(np.log(n / 1000)) for n in (900, 90, 10)]
# ```
#
# </details>
#
# **Exercise 05.3 (predict, then check).** The effective number of a class with n samples is
# E(n) = (1 − β^n) / (1 − β), and its weight is 1 / E(n). With **β = 0.9**, for counts `[1000, 10]`:
# what is the weight ratio w1 / w0? Predict first: closer to 1 (no weighting) or to 100 (inverse frequency)?

# %% [markdown] lang="zh-TW"
# <details><summary>練習 05.2 解答</summary>
#
# ```python
# answer_05_2 = [0.5 * float(np.log(n / 1000)) for n in (900, 90, 10)]
# ```
#
# </details>
#
# **練習 05.3（先預測，再驗證）。** 有 n 筆資料的類別，有效樣本數是 E(n) = (1 − β^n) / (1 − β)，權重是 1 / E(n)。
# 用 **β = 0.9**、筆數為 `[1000, 10]` 時，權重的比值 w1 / w0 是多少？
# 先預測：它比較接近 1（不加權），還是 100（頻率倒數）？

# %%
answer_05_3 = None  # en: a number  # zh-TW: 一個數字
cw.check("05.3", answer_05_3)

# %% [markdown] lang="en"
# <details><summary>Solution 05.3</summary>
#
# Close to 1. The effective number (1 − β^n) / (1 − β) can never exceed 1 / (1 − β) = 10, and 10 samples already
# reach about 6.5 of it (the first line prints E(10)), so both classes count as about equally large. β must
# approach 1 for large counts to matter.
# ```python
# print((1 - 0.9 ** 10) / (1 - 0.9))  # 6.513...
# answer_05_3 = (1 - 0.9 ** 1000) / (1 - 0.9 ** 10)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 05.3 解答</summary>
#
# 接近 1。有效樣本數 (1 − β^n) / (1 − β) 不可能超過 1 / (1 − β) = 10，而 10 筆資料就已經達到大約 6.5
# （第一行印出 E(10)），所以兩個類別被當成差不多大。β 必須很接近 1，很大的筆數才會有影響。
# ```python
# print((1 - 0.9 ** 10) / (1 - 0.9))  # 6.513...
# answer_05_3 = (1 - 0.9 ** 1000) / (1 - 0.9 ** 10)
# ```
#
# </details>
