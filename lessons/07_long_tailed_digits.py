# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 07 · Class weights on real images: a small CNN on long-tailed handwritten digits
#
# **What you will learn:**
# - a CNN's mini-batch training loop (`DataLoader`, `CrossEntropyLoss(weight=w.to(device))`) and the line of it
#   where each long-tail recipe acts;
# - seven long-tail recipes of the research literature side by side;
# - how to read a small benchmark honestly: paired differences over several data splits with a 95% interval and
#   wins, and the papers' numbers with their sources.
#
# The reference answer (lesson 01, "The two reference documents") calls class weights crucial for its image task;
# here we measure them on scikit-learn's handwritten digits of 8 × 8 pixels (nothing is downloaded).

# %% [markdown] lang="zh-TW"
# # 第 07 課 · 真實影像上的類別權重：在長尾分布的手寫數字上訓練小型 CNN
#
# **你會學到：**
# - 卷積神經網路（CNN）的小批次（mini-batch）訓練迴圈（`DataLoader`、`CrossEntropyLoss(weight=w.to(device))`），以及每一種長尾做法在迴圈裡作用的那一行；
# - 並排比較研究文獻中處理長尾（long-tail）分布的七種做法；
# - 怎麼誠實地解讀一個小型基準測試（benchmark）：在好幾個資料切分上算成對差異（paired difference），附上 95% 信賴區間（confidence interval）和勝場數，以及註明出處的論文數字。
#
# 參考答案（見第 01 課「兩份參考資料」）說，類別權重對它的影像任務非常關鍵；這一課就用 scikit-learn 內建的 8 × 8 像素手寫數字實際量一量（不需要下載任何東西）。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import itertools
import statistics
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import matplotlib.pyplot as plt
import torch
from scipy import stats
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, WeightedRandomSampler

import classweights as cw

torch.set_num_threads(1)  # en: tiny networks: one thread is fastest (section 3 uses every core its own way)  # zh-TW: 網路很小，單執行緒最快（第 3 節用自己的方式使用所有核心）
device = cw.pick_device()
if device.type == "mps":  # en: Apple's MPS has no float64, which this lesson trains in (section 2)  # zh-TW: Apple 的 MPS 不支援這一課訓練用的 float64（第 2 節）
    device = torch.device("cpu")
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. A long-tailed training set, balanced validation and test sets
# The long-tail papers build CIFAR-10-LT by keeping n_i = int(n_max · ρ^(−i/(K−1))) training images of class i,
# from n_max down to n_max / ρ. `cw.long_tailed_digits(ratio, seed)` does the same with the digits (digit 0 is the
# head, digit 9 the tail). Validation (20 per digit) and test (50 per digit) are balanced, so their accuracy is the
# balanced accuracy. Each seed draws another split: the same counts, other images. Which few images a tail digit
# gets matters, so every experiment runs on several splits.

# %% [markdown] lang="zh-TW"
# ## 1. 長尾分布的訓練集，以及平衡的驗證集和測試集
# 長尾學習的論文建立 CIFAR-10-LT 時，讓類別 i 保留 n_i = int(n_max · ρ^(−i/(K−1))) 張訓練影像，從 n_max 張一路減到 n_max / ρ 張。
# `cw.long_tailed_digits(ratio, seed)` 對手寫數字做同樣的事：數字 0 是頭部（head），數字 9 是尾部（tail）。
# 驗證集（每個數字 20 張）和測試集（每個數字 50 張）都是平衡的，所以它們的準確率就是平衡準確率。
# 每個隨機種子會抽出另一個資料切分（data split）：張數相同，影像不同。尾部數字抽到哪幾張影像很重要，所以每個實驗都在好幾個切分上進行。

# %%
print(cw.tr("scikit-learn's handwritten digits: {n} images", n=len(load_digits().target)))
data = cw.long_tailed_digits(ratio=10, seed=0)
for name, (X_, y_) in data.items():
    print(cw.tr("{name}: {shape}, images per digit {counts}", name=cw.tr(name), shape=tuple(X_.shape),
                counts=torch.bincount(y_, minlength=10).tolist()))
other = cw.long_tailed_digits(ratio=10, seed=1)["train"]
same = torch.equal(torch.bincount(other[1]), torch.bincount(data["train"][1]))
shared = {tuple(row) for row in data["train"][0].reshape(-1, 64).tolist()} & {
    tuple(row) for row in other[0].reshape(-1, 64).tolist()}
print(cw.tr("seed {a}: the same counts per digit as seed {b}: {same}; training images in both: {k} of {n}",
            a=1, b=0, same=cw.tr(str(same)), k=len(shared), n=len(other[1])))

# %% tags=["nbval-ignore-output"]
X_show, y_show = data["test"]
fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
for digit, ax in enumerate(axes):
    ax.imshow(X_show[y_show == digit][0, 0], cmap="gray_r")
    ax.set_title(str(digit))
    ax.axis("off")
cw.show(alt=cw.tr("One test image of each digit, 0 to 9."))

# %% [markdown] lang="en"
# ## 2. The whole training loop, once
# A small CNN (`cw.small_cnn`: two 3 × 3 convolutions with max pooling, then a linear layer), trained on
# mini-batches from a `DataLoader`. Each recipe changes one marked line; everything else is the same for every
# recipe, the learning-rate schedule included: Adam's rate drops ×0.1 at epoch `DROP`, 80% of the way, where Cao
# et al. switch DRW on.

# %% [markdown] lang="zh-TW"
# ## 2. 完整的訓練迴圈，走一次
# 一個小型 CNN（`cw.small_cnn`：兩層 3 × 3 卷積，各接一個最大池化（max pooling），最後接一個線性層），用 `DataLoader` 提供的小批次來訓練。
# 每一種做法只改動迴圈裡標註出來的一行；其他部分每一種做法都相同，連學習率排程（learning-rate schedule）也一樣：
# Adam 的學習率在第 `DROP` 個訓練週期（epoch，進行到 80% 的地方）乘上 0.1，Cao 等人也在這裡啟用 DRW。

# %%
RATIOS, SEEDS = (10, 50), range(5)  # en: seed s: split s, and network s's initialisation and batches  # zh-TW: 種子 s：第 s 個切分，以及第 s 個網路的初始值和批次
STEEPEST = max(RATIOS)
EPOCHS, BATCH, LR, CHANNELS, GAMMA, BETA = 30, 64, 0.01, (8, 16), 2.0, 0.9999
DROP = round(0.8 * EPOCHS)  # en: from this epoch on: learning rate x 0.1 for every recipe, and DRW's weights  # zh-TW: 從這個訓練週期起：每種做法的學習率乘 0.1，DRW 也從這裡加權


def train_cnn(X, y, seed=0, weight=None, late_weight=None, offsets=None, gamma=0.0, oversample=False):
    torch.manual_seed(seed)
    # en: float64: the printed numbers are the same on any CPU; in your own work float32 is fine
    # zh-TW: 用 float64，印出來的數字在任何 CPU 上都相同；你自己的專案用 float32 就可以了
    model = cw.small_cnn(channels=CHANNELS, dtype=torch.float64).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[DROP], gamma=0.1)
    g = torch.Generator().manual_seed(seed)
    if oversample:  # en: oversampling: every digit drawn about equally often  # zh-TW: 過抽樣：每個數字被抽到的機會大致相同
        sampler = WeightedRandomSampler((1.0 / torch.bincount(y).double())[y], len(y), generator=g)
    else:
        sampler = RandomSampler(range(len(y)), generator=g)
    loader = DataLoader(TensorDataset(X, y), batch_size=BATCH, sampler=sampler)
    for epoch in range(EPOCHS):
        w = late_weight if late_weight is not None and epoch >= DROP else weight  # en: DRW: weights from DROP on  # zh-TW: DRW：從 DROP 起加權
        criterion = torch.nn.CrossEntropyLoss(weight=None if w is None else w.to(device))  # en: class weights  # zh-TW: 類別權重
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            logits = model(xb)
            if offsets is not None:  # en: logit-adjusted loss: offsets in the loss only  # zh-TW: logit 調整損失：偏移量只加在損失裡
                logits = logits + offsets.to(device)
            loss = criterion(logits, yb) if gamma == 0 else cw.focal_loss(logits, yb, gamma=gamma, weight=w)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        schedule.step()
    return model.eval()


split = cw.long_tailed_digits(STEEPEST, seed=SEEDS[0])
(X_train, y_train), (X_val, y_val) = split["train"], split["val"]
X_train, X_val = X_train.double(), X_val.double()
counts = cw.class_counts(y_train, num_classes=10).double()  # en: float64 like the images: the loss needs one dtype  # zh-TW: 和影像一樣用 float64：權重和 logits 必須是同一種資料型別
print(cw.tr("ratio {r}, seed {s}: training images per digit {counts}", r=STEEPEST, s=SEEDS[0],
            counts=counts.int().tolist()))
drw = train_cnn(X_train, y_train, seed=SEEDS[0], late_weight=cw.effective_number(counts, beta=BETA))
with torch.no_grad():
    acc = cw.per_class_accuracy(drw(X_val.to(device)), y_val)
print(cw.tr("CE-DRW, ratio {r}, seed {s}: validation accuracy per digit", r=STEEPEST, s=SEEDS[0]))
print("  ", [round(v, 2) for v in acc.tolist()])
print("  " + cw.tr("balanced accuracy {ba}", ba=f"{acc.mean().item():.3f}"))

# %% [markdown] lang="en"
# One network on one split: digit 8 (3 training images) reaches 0.6 on validation, where one of its 20 images
# moves the accuracy by a twentieth.

# %% [markdown] lang="zh-TW"
# 這只是一個網路、一個切分：數字 8（3 張訓練影像）在驗證集上的準確率是 0.6；它只有 20 張驗證影像，其中一張的預測改變，準確率就變動二十分之一。

# %% [markdown] lang="en"
# ## 3. Every recipe on every split, trained together
# Each recipe changes one thing in the loop above:
#
# | recipe | what changes in `train_cnn` |
# |---|---|
# | CE (no weights) | nothing: plain cross-entropy |
# | balanced weights | `weight = N / (K n_c)` from the first epoch |
# | class-balanced | `weight` from the effective number of samples, β = 0.9999 |
# | focal | the loss: focal loss with γ = 2 |
# | CE-DRW (deferred re-weighting) | `late_weight`: the class-balanced weights from epoch `DROP` on |
# | logit-adjusted loss | `offsets`: τ · log prior (τ = 1) added to the logits in the loss only; predictions use the raw logits |
# | post-hoc logit adjustment | no training: the CE networks, τ · log prior subtracted at prediction |
# | oversampling | `oversample`: a `WeightedRandomSampler` draws every digit about equally often |
#
# β, γ, τ = 1 and the switch point come from the papers; the rest is ours,
# with the learning rate, batch and channels not tuned (the papers use SGD).

# %% [markdown] lang="zh-TW"
# ## 3. 每一種做法、每一個切分，一起訓練
# 每一種做法只改動上面迴圈裡的一件事：
#
# | 做法 | 在 `train_cnn` 裡改了什麼 |
# |---|---|
# | CE（不加權） | 什麼都不改：一般的交叉熵 |
# | 平衡權重 | 從第一個訓練週期起使用 `weight = N / (K n_c)` |
# | 類別平衡權重（class-balanced） | `weight` 改用有效樣本數（effective number of samples）算出的權重，β = 0.9999 |
# | focal | 損失函數：γ = 2 的 focal loss（焦點損失） |
# | CE-DRW（延後重新加權） | `late_weight`：從第 `DROP` 個訓練週期起改用類別平衡權重 |
# | logit 調整損失 | `offsets`：只在損失裡把 τ · log 先驗機率（prior）（τ = 1）加到 logits（未經 softmax 的原始分數）上；預測時用原始的 logits |
# | 事後 logit 調整 | 不另外訓練：直接用 CE 網路，預測時減去 τ · log 先驗機率 |
# | 過抽樣（oversampling） | `oversample`：用 `WeightedRandomSampler` 讓每個數字被抽到的機會大致相同 |
#
# β、γ、τ = 1 和切換點取自論文；其餘是本課自訂的，學習率、批次大小和通道數都沒有調校（論文用 SGD）。

# %% [markdown] lang="en"
# `cw.train_cnns` trains all 70 networks (7 recipes, 5 splits, 2 ratios) at once, stacked
# (`torch.func.stack_module_state`), each with its own sampler; the cell checks its
# CE-DRW network against section 2's.

# %% [markdown] lang="zh-TW"
# `cw.train_cnns` 把全部 70 個網路（7 種做法、5 個切分、2 種比值）疊在一起（`torch.func.stack_module_state`）同時訓練，每個網路仍用自己的抽樣器；
# 這個儲存格會拿批次訓練出的 CE-DRW 網路和第 2 節的比對。

# %%
TRAINED = ("no weights", "balanced", "effective number", "focal", "CE-DRW", "logit adjustment, in the loss",
           "oversampling")
runs, keys, sets = [], [], {}
for ratio in RATIOS:
    for s in SEEDS:
        split = cw.long_tailed_digits(ratio, seed=s)
        (X, y), (Xv, yv), (Xt, yt) = [(a.double().to(device), b.to(device)) for a, b in split.values()]
        n = cw.class_counts(y, num_classes=10).double()
        cb = cw.effective_number(n, beta=BETA)
        recipe = {
            "no weights": dict(val=(Xv, yv)),  # en: CE records its validation accuracy after every epoch  # zh-TW: CE 在每個訓練週期後記錄驗證集準確率
            "balanced": dict(weight=cw.balanced(n)), "effective number": dict(weight=cb),
            "focal": dict(gamma=GAMMA), "CE-DRW": dict(deferred_weight=cb, defer_epoch=DROP),
            "logit adjustment, in the loss": dict(logit_offsets=cw.logit_adjustment(n, tau=1.0)),
            "oversampling": dict(oversample=True),
        }
        runs += [cw.CNNRun(X, y, seed=s, **recipe[name]) for name in TRAINED]
        keys += [(ratio, name, s) for name in TRAINED]
        sets[ratio, s] = {"counts": n, "val": (Xv, yv), "test": (Xt, yt)}
nets, curves = cw.train_cnns(runs, epochs=EPOCHS, batch_size=BATCH, lr=LR, channels=CHANNELS, lr_drop_epoch=DROP,
                             history=True)
with torch.no_grad():
    logits = {(ratio, name, s): (net(sets[ratio, s]["val"][0]), net(sets[ratio, s]["test"][0]))
              for (ratio, name, s), net in zip(keys, nets)}
print(cw.tr("{n} networks trained: {k} recipes x {r} ratios x {s} seeds", n=len(nets), k=len(TRAINED),
            r=len(RATIOS), s=len(SEEDS)))
same = torch.allclose(logits[STEEPEST, "CE-DRW", SEEDS[0]][0], drw(X_val.to(device)), rtol=0, atol=1e-8)
print(cw.tr("the batched CE-DRW network of ratio {r}, seed {s} is section 2's (logits within 1e-8): {same}",
            r=STEEPEST, s=SEEDS[0], same=cw.tr(str(same))))
for ratio in RATIOS:
    n = sets[ratio, SEEDS[0]]["counts"]  # en: the same counts for every seed  # zh-TW: 每個種子的張數都相同
    cb, bal = cw.effective_number(n, beta=BETA), cw.balanced(n)
    print(cw.tr("ratio {r}: {n} training images, {b} batches per epoch; class-balanced within 1% of balanced: {near}",
                r=ratio, n=int(n.sum()), b=-(-int(n.sum()) // BATCH),
                near=cw.tr(str(torch.allclose(cb / cb.sum(), bal / bal.sum(), rtol=0.01)))))

# %% [markdown] lang="en"
# **How many epochs?** CE's validation balanced accuracy after each epoch (mean over the seeds, in %):

# %% [markdown] lang="zh-TW"
# **需要幾個訓練週期？** CE 在每個訓練週期結束後，驗證集上的平衡準確率（各種子的平均，單位是 %）：

# %%
marks = sorted({*range(5, EPOCHS + 1, 5), DROP})
rows = []
for ratio in RATIOS:
    curve = torch.tensor([c for (r, _, _), c in zip(keys, curves) if r == ratio and c is not None]).mean(0)
    rows.append((cw.tr("ratio {r}", r=ratio), [f"{100 * curve[e - 1]:.1f}" for e in marks]))
print(cw.text_table([cw.tr("epoch {e}", e=e) for e in marks], rows, min_col=9))

# %% [markdown] lang="en"
# Over the last six epochs CE moves from 93.6 to 93.2 at ratio 10 and from 79.5 to
# 81.1 at ratio 50, where it is still rising after the learning-rate drop (79.9 at epoch 25):
# it may not have finished; whether more epochs would shrink the recipes' lead is not measured.

# %% [markdown] lang="zh-TW"
# 看最後六個訓練週期：比值 10 時，CE 從 93.6 變成 93.2；比值 50 時，從 79.5 上升到 81.1。
# 比值 50 時，CE 在學習率調降之後仍在上升（第 25 週期是 79.9），可能還沒訓練完；多跑一些訓練週期會不會縮小各種做法的領先幅度，這裡沒有量。

# %% [markdown] lang="en"
# ## 4. Choosing τ for post-hoc adjustment, on validation
# Post-hoc logit adjustment predicts argmax(logits − τ · log prior) with a CE network. τ is a knob: each seed takes
# the τ (0 to 2 in steps of 0.1) that gives its CE network the best balanced accuracy on its own validation set.

# %% [markdown] lang="zh-TW"
# ## 4. 在驗證集上選事後調整的 τ
# 事後 logit 調整用 CE 網路預測 argmax(logits − τ · log 先驗機率)。τ 是一個可調設定（knob）：
# 每個種子在自己的驗證集上，從 0 到 2（每次加 0.1）之中選出讓它的 CE 網路平衡準確率最高的 τ。

# %%
taus = [round(0.1 * i, 1) for i in range(21)]
for ratio in RATIOS:
    at_0, at_best = [], []
    for s in SEEDS:
        r = sets[ratio, s]
        val = {tau: cw.tau_state(logits[ratio, "no weights", s][0], r["val"][1], r["counts"], tau)
               ["balanced_accuracy"] for tau in taus}
        r["tau"] = max(taus, key=lambda tau: (round(val[tau], 6), -tau))  # en: ties: the smaller tau  # zh-TW: 同分時取較小的 τ
        at_0.append(val[0.0])
        at_best.append(val[r["tau"]])
    print(cw.tr("ratio {r}: tau chosen on each seed's validation set {taus}", r=ratio,
                taus=[sets[ratio, s]["tau"] for s in SEEDS]))
    print("  " + cw.tr("validation balanced accuracy, mean over the seeds: {a} at tau 0, {b} at the chosen tau",
                       a=f"{statistics.mean(at_0):.3f}", b=f"{statistics.mean(at_best):.3f}"))

# %% [markdown] lang="en"
# ## 5. The test set, read once
# Every choice is made. Balanced test accuracy, %: mean ± sample standard deviation over the five seeds:

# %% [markdown] lang="zh-TW"
# ## 5. 最後才用測試集評估一次
# 所有選擇都已經做完。下面是測試集上的平衡準確率（%）：五個種子的平均 ± 樣本標準差：

# %%
METHODS = ("no weights", "balanced", "effective number", "focal", "CE-DRW", "logit adjustment, in the loss",
           "logit adjustment, post-hoc", "oversampling")
LABEL = {"no weights": cw.tr("CE (no weights)"), "balanced": cw.tr("balanced weights"),
         "effective number": cw.tr("class-balanced (effective number)"), "focal": cw.tr("focal loss"),
         "CE-DRW": cw.tr("CE-DRW (deferred)"), "logit adjustment, in the loss": cw.tr("logit-adjusted loss"),
         "logit adjustment, post-hoc": cw.tr("post-hoc logit adjustment"), "oversampling": cw.tr("oversampling")}


def test_accuracy(ratio, name, s):  # en: each digit's test accuracy  # zh-TW: 每個數字的測試集準確率
    r = sets[ratio, s]
    if name == "logit adjustment, post-hoc":
        state = cw.tau_state(logits[ratio, "no weights", s][1], r["test"][1], r["counts"], r["tau"])
        return torch.tensor(state["per_class"])
    return cw.per_class_accuracy(logits[ratio, name, s][1], r["test"][1])


per_class = {(ratio, name): torch.stack([test_accuracy(ratio, name, s) for s in SEEDS])
             for ratio in RATIOS for name in METHODS}
acc = {key: [round(100 * a, 6) for a in pc.mean(1).tolist()] for key, pc in per_class.items()}  # en: %, per seed  # zh-TW: 單位 %，每個種子一個


def mean_sd(values):  # en: the sample standard deviation: statistics.stdev divides by N - 1  # zh-TW: 樣本標準差：statistics.stdev 除以 N - 1
    return f"{statistics.mean(values):.1f} ± {statistics.stdev(values):.1f}"


print(cw.text_table([cw.tr("ratio {r}", r=ratio) for ratio in RATIOS],
                    [(LABEL[name], [mean_sd(acc[ratio, name]) for ratio in RATIOS]) for name in METHODS], min_col=16))

# %% [markdown] lang="en"
# At ratio 50 CE alone varies by ±4.4 across seeds, more than most gaps between recipes. Each seed changes the
# training images, the test images and the start, and all recipes of that seed share them (all but oversampling
# also the batches), so the runs come in pairs: subtracting CE's accuracy on the same split removes what they share.

# %% [markdown] lang="zh-TW"
# 比值 50 時，光是 CE 自己在不同種子之間就變動了 ±4.4，比大多數做法之間的差距還大。
# 每個種子都會換掉訓練影像、測試影像和起點，而同一個種子的每一種做法都共用它們（過抽樣以外的做法，連批次也相同），所以這些實驗是成對的：減去 CE 在同一個切分上的準確率，就把共用的部分消掉了。

# %%
def paired(ratio, name, base="no weights"):
    # en: differences from the base recipe seed by seed (same split, same start): mean, 95% t-interval, wins
    # zh-TW: 逐個種子減去基準做法（同一個切分、同一個起點）：平均、95% t 信賴區間、勝場數
    d = [round(a - b, 6) for a, b in zip(acc[ratio, name], acc[ratio, base])]
    mean, sd = statistics.mean(d), statistics.stdev(d)  # en: stdev: the sample standard deviation (N - 1)  # zh-TW: stdev：樣本標準差（除以 N - 1）
    half = stats.t.ppf(0.975, len(d) - 1) * sd / len(d) ** 0.5
    return d, mean, mean - half, mean + half, sum(x > 0 for x in d)


print(cw.tr("ratio {r}: test accuracy minus CE's on the same split, in points", r=STEEPEST))
print(cw.text_table([cw.tr("seed {s}", s=s) for s in SEEDS],
                    [(LABEL[name], [f"{x:+.1f}" for x in paired(STEEPEST, name)[0]]) for name in METHODS[1:]],
                    min_col=8))

# %% [markdown] lang="en"
# **Reading paired runs.** A recipe's N = 5 differences give three numbers:
# - the **mean difference**, its gain over CE on these splits;
# - a **95% interval**, mean ± t · s / √N (s: the differences' sample standard deviation; t from Student's t
#   distribution, N − 1 degrees of freedom). Above 0: a gain this benchmark supports. Crossing 0: no gain also
#   fits the data; no claim either way;
# - the **wins out of N**. A recipe that changed nothing, as likely to win as to lose, would win all five about
#   once in 2⁵ = 32 tries: a consistency check, not a test.
#
# The interval and the wins assume independent differences, but the splits re-divide the same 1797 images (seeds
# 0 and 1 share 152 of 421 training images at ratio 10; test sets overlap too). So every interval is too narrow, by
# an amount not measured here: each "above 0" below is weaker than it looks.
#
# To compare two recipes, pair them directly: overlapping intervals against CE do not make them equal.

# %% [markdown] lang="zh-TW"
# **怎麼解讀成對的實驗。** 一種做法的 N = 5 個差異可以算出三個數字：
# - **平均差異**：它在這些切分上比 CE 多出的準確率；
# - **95% 信賴區間**：平均 ± t · s / √N（s 是差異的樣本標準差；t 來自自由度 N − 1 的 Student t 分布）。
#   整個區間在 0 以上：這個基準測試能佐證這項增益。跨過 0：資料和「完全沒有增益」也相符，哪個方向都不能下結論；
# - **N 次中的勝場數**。一種沒有作用、贏和輸機會相同的做法，五次全勝大約是 2⁵ = 32 次中才有一次：這是一致性的檢查，不是統計檢定。
#
# 區間和勝場數都假設五個差異彼此獨立，但這些切分都是從同樣的 1797 張影像重新切出來的（比值 10 時，種子 0 和 1 的 421 張訓練影像中有 152 張相同；測試集之間也有重複）。
# 所以每個區間都偏窄，窄多少這裡沒有量：下面每一個「在 0 以上」都比看起來弱。
#
# 要比較兩種做法，就直接把它們配對：兩個相對於 CE 的區間彼此重疊，並不代表兩者一樣好。

# %%
def summary(ratio, name, base="no weights"):
    _, mean, low, high, wins = paired(ratio, name, base)
    return f"{mean:+.1f} [{low:+.1f}, {high:+.1f}] {wins}/{len(SEEDS)}"


print(cw.tr("Difference from CE: mean [95% interval] wins out of {n}, in points (t = {t})", n=len(SEEDS),
            t=f"{stats.t.ppf(0.975, len(SEEDS) - 1):.2f}"))
print(cw.text_table([cw.tr("ratio {r}", r=ratio) for ratio in RATIOS],
                    [(LABEL[name], [summary(ratio, name) for ratio in RATIOS]) for name in METHODS[1:]], min_col=24))
print(cw.tr("Two recipes paired directly, ratio {r}:", r=STEEPEST))
for a, b in (("CE-DRW", "balanced"), ("logit adjustment, post-hoc", "balanced")):
    print("  " + cw.tr("{a} minus {b}: {s}", a=LABEL[a], b=LABEL[b], s=summary(STEEPEST, a, base=b)))
gain = [name for name in METHODS[1:] if paired(STEEPEST, name)[2] > 0]  # en: interval against CE above 0  # zh-TW: 相對於 CE 的區間在 0 以上
pairs = list(itertools.combinations(gain, 2))
apart = [(a, b) for a, b in pairs if not paired(STEEPEST, a, b)[2] <= 0 <= paired(STEEPEST, a, b)[3]]
print("  " + cw.tr("all {n} pairs of the {k} recipes above 0: {m} intervals exclude 0", n=len(pairs), k=len(gain),
                   m=len(apart)))
for a, b in apart:
    a, b = (a, b) if paired(STEEPEST, a, b)[1] > 0 else (b, a)  # en: the better one first  # zh-TW: 平均較高的放前面
    print("    " + cw.tr("{a} minus {b}: {s}", a=LABEL[a], b=LABEL[b], s=summary(STEEPEST, a, base=b)))

# %% [markdown] lang="en"
# Per digit, from head to tail, at ratio 50 (mean over the seeds):

# %% [markdown] lang="zh-TW"
# 比值 50 時，從頭部到尾部的各個數字（各種子的平均）：

# %% tags=["nbval-ignore-output"]
shown = ("no weights", "balanced", "CE-DRW", "logit adjustment, in the loss", "logit adjustment, post-hoc")
with cw.style():  # en: the package's fonts, so that Chinese labels are drawn  # zh-TW: 用套件內附的字型，中文標籤才畫得出來
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for name, marker in zip(shown, "osD^v"):
        ax.plot(range(10), per_class[(STEEPEST, name)].mean(0), marker=marker, lw=2, ms=7, label=LABEL[name])
    ax.set_xticks(range(10))
    ax.set_xlabel(cw.tr("digit (head to tail), training images per digit below"), fontsize=12)
    ax.set_xticklabels([f"{d}\n{int(c)}" for d, c in enumerate(sets[STEEPEST, SEEDS[0]]["counts"])], fontsize=11)
    ax.set_ylabel(cw.tr("test accuracy"), fontsize=12)
    ax.set_title(cw.tr("Accuracy per digit at ratio {r}, mean over {n} seeds", r=STEEPEST, n=len(SEEDS)),
                 fontsize=13)
    ax.legend(fontsize=11)
    ax.grid(alpha=0.3)
    cw.show()

# %%
head_tail = [(LABEL[name], [f"{per_class[(STEEPEST, name)].mean(0)[part].mean().item():.3f}"
                            for part in (slice(0, 3), slice(7, 10))])
             for name in shown]
print(cw.text_table([cw.tr("head (digits 0-2)"), cw.tr("tail (digits 7-9)")], head_tail))

# %% [markdown] lang="en"
# **What survives five splits:**
# - **Ratio 50.** Every recipe but the focal loss gains over CE: each interval lies above 0 and each wins at least
#   4 of 5, with mean gains from +4.1 (DRW) to +5.8 (post-hoc adjustment); lowest ends: balanced (+0.4)
#   and class-balanced weights (+0.1). Unweighted focal loss shows no gain (−0.3 [−2.4, +1.9], 2 wins of 5).
# - **Which of the six helps most is not settled.** Paired directly with balanced weights, post-hoc adjustment
#   (the best mean) and DRW each win 3 of 5 and their intervals cross 0. Of all 15 pairs, 2 intervals exclude 0
#   (printed last): one or two of 15 can by chance; more splits would settle these two.
#   Class-balanced weight values are within 1% of the balanced ones (section 3).
# - **Ratio 10.** Only DRW (+0.5) and post-hoc adjustment (+1.1) have intervals above 0, both small. Among 14
#   intervals against CE one can exclude 0 by chance, so DRW's, just above 0, is fragile.
# - **Per digit.** The logit adjustments trade head for tail: post-hoc adjustment takes digits 7–9 from 0.473
#   (CE) to 0.693 and digits 0–2 from 0.979 to 0.956; balanced weights and DRW lose less on the head on average
#   (no interval).

# %% [markdown] lang="zh-TW"
# **經得起五個切分檢驗的結論：**
# - **比值 50。** 除了 focal loss 之外，每一種做法都比 CE 好：每個區間都在 0 以上，5 個切分中至少贏 4 個；平均增益從 +4.1（DRW）到 +5.8（事後調整）。
#   區間下限最低的是平衡權重（+0.4）和類別平衡權重（+0.1）。
#   不加權的 focal loss 看不出增益（−0.3 [−2.4, +1.9]，5 次中贏 2 次）。
# - **這六種做法中哪一種幫助最大，無法確定。** 和平衡權重直接配對時，事後調整（平均最高）和 DRW 都是 5 個切分中贏 3 個，區間都跨過 0。
#   全部 15 組配對中有 2 組的區間不含 0（印在最後）；15 個區間裡光靠機率就可能有一兩個如此，要多幾個切分才能確定這兩組。類別平衡權重的數值和平衡權重相差不到 1%（第 3 節）。
# - **比值 10。** 只有 DRW（+0.5）和事後調整（+1.1）的區間在 0 以上，增益都很小。相對於 CE 的 14 個區間裡，光靠機率就可能有一個不含 0，所以 DRW 剛好在 0 以上的區間並不穩固。
# - **逐個數字來看。** 兩種 logit 調整是拿頭部的準確率換尾部的準確率：事後調整把數字 7–9 從 0.473（CE）提高到 0.693，數字 0–2 則從 0.979 降到 0.956；平衡權重和 DRW 平均而言在頭部少掉的比較少（沒有算信賴區間）。

# %% [markdown] lang="en"
# ## 6. Beside the papers
# The papers train a ResNet-32 on CIFAR-10-LT's colour images, far longer, and report
# balanced test error; below, accuracy = 100 − error. Other images, network and schedule:
# only each recipe's gain over **its own paper's CE** compares with ours.

# %% [markdown] lang="zh-TW"
# ## 6. 和論文並排比較
# 論文讓 ResNet-32 在 CIFAR-10-LT 的彩色影像上訓練，訓練週期比本課多得多，並報告平衡測試集上的錯誤率；下面的準確率 = 100 − 錯誤率。
# 影像、網路和訓練排程都不同：能和本課比較的只有每一種做法相對於**同一篇論文自己的 CE** 的增益。

# %% slide="subslide"
# en: arXiv: Cao et al. 1906.07413, Cui et al. 1901.05555, Menon et al. 2007.07314 (v2); full references at the end
# zh-TW: arXiv：Cao 等人 1906.07413、Cui 等人 1901.05555、Menon 等人 2007.07314（v2）；完整的參考文獻在本課最後
# en: (paper, where, row as printed, rho, CE's error %, the recipe's error %), CIFAR-10-LT, ResNet-32;
# zh-TW: （論文、出處、表中的列名、rho、CE 的錯誤率 %、該做法的錯誤率 %），CIFAR-10-LT、ResNet-32；
# en: Menon et al.'s row "Logit adjustment post-hoc" is shortened to "post-hoc"
# zh-TW: Menon 等人的列名「Logit adjustment post-hoc」縮寫成「post-hoc」
# en: CIFAR-10-LT: 32 x 32 colour images. Epochs: 200 in Cao et al. (github.com/kaidic/LDAM-DRW, cifar_train.py,
# zh-TW: CIFAR-10-LT：32 x 32 的彩色影像。訓練週期：Cao 等人 200 個（github.com/kaidic/LDAM-DRW 的 cifar_train.py，
# en: --epochs), 1241 in Menon et al.'s released code (google-research logit_adjustment/utils.py, cifar10-lt)
# zh-TW: --epochs）；Menon 等人公開的程式碼 1241 個（google-research 的 logit_adjustment/utils.py，cifar10-lt）
PAPERS = {
    "balanced": [("Zhang et al. 2021", "repository table", "CE_CE", 100, 30.12, 31.22),
                 ("Zhang et al. 2021", "repository table", "CE_CE", 50, 24.81, 22.06)],
    "effective number": [("Cao et al. 2019", "Table 2", "CB RW", 100, 29.64, 27.63),
                         ("Cui et al. 2019", "Fig. 8", "SM_0.9999", 50, 25.19, 21.95)],
    "focal": [("Cui et al. 2019", "Table 2", "Focal (γ = 2.0)", 100, 29.64, 30.41),
              ("Cui et al. 2019", "Table 2", "Focal (γ = 2.0)", 50, 25.19, 23.48)],
    "CE-DRW": [("Cao et al. 2019", "Table 5", "DRW", 100, 29.64, 25.14),
               ("Zhang et al. 2021", "repository table", "CE → CE_CE", 100, 30.12, 26.66),
               ("Zhang et al. 2021", "repository table", "CE → CE_CE", 50, 24.81, 20.71)],
    "logit adjustment, in the loss": [("Menon et al. 2021", "Table 3", "Logit adjustment loss (τ = 1)", 100,
                                       27.16, 22.33)],
    "logit adjustment, post-hoc": [("Menon et al. 2021", "Table 3", "post-hoc (τ = τ*)", 100, 27.16, 19.08),
                                   ("Menon et al. 2021", "Table 3", "post-hoc (τ = 1)", 100, 27.16, 22.60)],
    "oversampling": [("Cao et al. 2019", "Table 2", "CB RS", 100, 29.64, 29.45)],
}
for name in METHODS[1:]:
    print(LABEL[name])
    print("  " + cw.tr("ours, ratio {r}, {n} seeds: {gain}", r=STEEPEST, n=len(SEEDS), gain=summary(STEEPEST, name)))
    for paper, where, row, rho, ce, err in PAPERS[name]:
        print("  " + cw.tr("{paper}, {where}, row {row}, ρ = {rho}: {gain} (CE accuracy {ce})", paper=cw.tr(paper),
                           where=cw.tr(where), row=row, rho=rho, gain=f"{ce - err:+.2f}", ce=f"{100 - ce:.2f}"))

# %% [markdown] lang="en"
# - **Weights from the first epoch** changed sign with ρ in Zhang et al.'s table (inverse frequency, the same
#   loss as balanced weights: −1.10 at ρ = 100, +2.75 at ρ = 50); class-balanced weights gained in both papers;
#   ours gain at ratio 50.
# - **DRW** gains in every source (+4.50, +3.46, +4.10) and here. The papers find it beats the weights from the
#   first epoch; here the two are not told apart.
# - **Focal loss with γ = 2** (Cui et al.'s on sigmoids, ours on softmax) changed sign with ρ (−0.77, +1.71); no
#   gain here.
# - **Logit adjustment.** Post-hoc, +4.56 with τ = 1 and +8.08 with τ* ("the best possible value", chosen on data
#   the paper does not name). Ours picks τ on validation.
# - **Oversampling.** +0.19 in Cao et al.; ours gains at ratio 50 on 4 of 5 splits.

# %% [markdown] lang="zh-TW"
# - **從第一個訓練週期就加權**，在 Zhang 等人的表中正負號隨 ρ 改變（頻率倒數權重，和平衡權重是同一個損失：ρ = 100 時 −1.10，ρ = 50 時 +2.75）；
#   類別平衡權重在兩篇論文裡都有增益；本課的權重在比值 50 時有增益。
# - **DRW** 在每個出處都有增益（+4.50、+3.46、+4.10），本課也是。論文發現它勝過從第一個訓練週期就加權；本課分不出兩者的高下。
# - **γ = 2 的 focal loss**（Cui 等人的建立在 sigmoid 上，本課的建立在 softmax 上）正負號隨 ρ 改變（−0.77、+1.71）；本課看不出增益。
# - **logit 調整。** 事後調整：τ = 1 時 +4.56，τ = τ*（「所有可能值中最好的那個」，論文沒有說是在哪些資料上選的）時 +8.08。本課的 τ 是在驗證集上選的。
# - **過抽樣。** Cao 等人是 +0.19；本課的過抽樣在比值 50 時，5 個切分中有 4 個有增益。

# %% [markdown] lang="en"
# ## 7. Explorer: post-hoc τ on a trained CNN
# One CE network (ratio 50, seed 0); the slider moves τ in
# argmax(logits − τ · log prior). It opens at the τ section 4 chose for this seed; dashed outlines are τ = 0; the
# title gives both balanced accuracies. At the chosen τ the tail digits 8 and 9 gain and digits 0–2 keep their
# accuracy; move τ towards 2 to watch the head lose.

# %% [markdown] lang="zh-TW"
# ## 7. 探索工具：在訓練好的 CNN 上調整事後的 τ
# 一個 CE 網路（比值 50、種子 0）；滑桿（slider）調整 argmax(logits − τ · log 先驗機率) 裡的 τ。
# 一開始的 τ 是第 4 節替這個種子選的值；虛線外框是 τ = 0；標題列出兩者的平衡準確率。在選定的 τ 下，尾部的數字 8 和 9 準確率上升，數字 0–2 維持不變；把 τ 往 2 拉，就會看到頭部的準確率下降。

# %% tags=["nbval-ignore-output"]
r = sets[STEEPEST, SEEDS[0]]
cw.tau_explorer(logits[STEEPEST, "no weights", SEEDS[0]][0].cpu(), r["val"][1].cpu(), r["counts"],
               tau=r["tau"])  # en: opens at the chosen tau  # zh-TW: 一開始就是選定的 τ

# %% [markdown] lang="en"
# ## Exercises
#
# **Exercise 07.1.** At ratio 10 (section 1's training set), post-hoc logit adjustment with τ = 1 subtracts
# log(n_c / N) < 0 from each digit's logit, raising every logit. How much more does digit 9's logit rise than digit 0's?

# %% [markdown] lang="zh-TW"
# ## 練習
#
# **練習 07.1。** 比值 10 時（第 1 節的訓練集），τ = 1 的事後 logit 調整會從每個數字的 logit 減去 log(n_c / N)。
# 因為 log(n_c / N) 是負的，每個 logit 都會上升。數字 9 的 logit 比數字 0 的多上升了多少？

# %%
answer_07_1 = None  # en: a number  # zh-TW: 一個數字
cw.check("07.1", answer_07_1)

# %% [markdown] lang="en"
# <details><summary>Solution 07.1</summary>
#
# The offsets differ by log(n_0 / N) − log(n_9 / N) = log(n_0 / n_9): N cancels, and the counts are the real
# ones, not the nominal ratio.
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(10)["train"][1], num_classes=10)
# answer_07_1 = float(torch.log(counts[0] / counts[9]))
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 07.1 解答</summary>
#
# 兩個偏移量相差 log(n_0 / N) − log(n_9 / N) = log(n_0 / n_9)：N 會互相抵消，而且要用實際的張數，不是名目上的比值。
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(10)["train"][1], num_classes=10)
# answer_07_1 = float(torch.log(counts[0] / counts[9]))
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 07.2 (predict, then check).** At ratio 20, never trained here, with balanced weights: how many
# times as much does one training image of digit 9 weigh in the loss as one of digit 0? Predict, then compute it.

# %% [markdown] lang="zh-TW"
# **練習 07.2（先預測，再驗算）。** 比值 20（這一課沒有訓練過）時，如果用平衡權重，數字 9 的一張訓練影像在損失中的權重是數字 0 的一張影像的幾倍？先預測，再算出來。

# %%
answer_07_2 = None  # en: a number: w_9 / w_0  # zh-TW: 一個數字：w_9 / w_0
cw.check("07.2", answer_07_2)

# %% [markdown] lang="en"
# <details><summary>Solution 07.2</summary>
#
# Balanced weights are N / (K n_c), so w_9 / w_0 = n_0 / n_9: the real counts, n_i = int(n_max · 20^(−i/9)),
# not the nominal 20.
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(20)["train"][1], num_classes=10)
# answer_07_2 = float(counts[0] / counts[9])
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 07.2 解答</summary>
#
# 平衡權重是 N / (K n_c)，所以 w_9 / w_0 = n_0 / n_9：要用實際的張數 n_i = int(n_max · 20^(−i/9))，不是名目上的 20。
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(20)["train"][1], num_classes=10)
# answer_07_2 = float(counts[0] / counts[9])
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 07.3.** A colleague trained plain CE and a recipe R on the same five splits,
# seed for seed (balanced test accuracy, %):
#
# | seed | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | CE | 78.0 | 83.4 | 74.2 | 80.6 | 79.8 |
# | R | 80.2 | 84.6 | 77.0 | 82.4 | 80.6 |
#
# The means differ by less than either standard deviation, so the colleague calls R's gain noise. Give the lower
# end of the 95% interval of R's paired difference from CE, in points (two decimals). Does the gain survive?

# %% [markdown] lang="zh-TW"
# **練習 07.3。** 一位同事在同樣的五個切分上（種子一一對應）訓練了一般的 CE 和某種做法 R（測試集平衡準確率，%）：
#
# | 種子 | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | CE | 78.0 | 83.4 | 74.2 | 80.6 | 79.8 |
# | R | 80.2 | 84.6 | 77.0 | 82.4 | 80.6 |
#
# 兩個平均的差距比任一個標準差都小，所以同事認為 R 的增益只是雜訊。請算出 R 相對於 CE 的成對差異的 95% 信賴區間下限，單位是百分點（取到小數點後兩位）。這個增益站得住嗎？

# %%
ce = [78.0, 83.4, 74.2, 80.6, 79.8]  # en: the colleague's CE, seeds 0 to 4  # zh-TW: 同事的 CE，種子 0 到 4
r = [80.2, 84.6, 77.0, 82.4, 80.6]  # en: recipe R, the same seeds  # zh-TW: 做法 R，同樣的種子
answer_07_3 = None  # en: a number: the interval's lower end, in points  # zh-TW: 一個數字：區間的下限，單位是百分點
cw.check("07.3", answer_07_3)

# %% [markdown] lang="en"
# <details><summary>Solution 07.3</summary>
#
# Subtract seed by seed, then take mean ± t · s / √N of the differences (section 5). The interval lies above 0: R beat CE on every split, and the split-to-split swings
# that make both rows' standard deviations large cancel in the differences.
#
# ```python
# from scipy import stats
# import statistics
# ce = [78.0, 83.4, 74.2, 80.6, 79.8]
# r = [80.2, 84.6, 77.0, 82.4, 80.6]
# d = [b - a for a, b in zip(ce, r)]
# answer_07_3 = statistics.mean(d) - stats.t.ppf(0.975, len(d) - 1) * statistics.stdev(d) / len(d) ** 0.5
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 07.3 解答</summary>
#
# 先逐個種子相減，再對這些差異算平均 ± t · s / √N（第 5 節）。整個區間都在 0 以上：R 在每個切分上都贏過 CE；
# 切分之間的起伏讓兩列各自的標準差都很大，但在相減之後就互相抵消了。
#
# ```python
# from scipy import stats
# import statistics
# ce = [78.0, 83.4, 74.2, 80.6, 79.8]
# r = [80.2, 84.6, 77.0, 82.4, 80.6]
# d = [b - a for a, b in zip(ce, r)]
# answer_07_3 = statistics.mean(d) - stats.t.ppf(0.975, len(d) - 1) * statistics.stdev(d) / len(d) ** 0.5
# ```
#
# </details>

# %% [markdown] lang="en"
# ## Summary
# - Real images, same loop: `CrossEntropyLoss(weight=w.to(device))`, weights from the training counts on the
#   model's device and in its dtype; each long-tail recipe changes one line of it.
# - Runs on the same splits are compared in pairs: each split's difference from CE, then the mean, a 95%
#   t-interval and the wins out of N. An interval that crosses 0 supports no claim; overlapping splits make
#   intervals too narrow.
# - At ratio 50 every recipe but the focal loss beats CE on 4 or 5 of 5 splits; which gains most is not
#   settled. Post-hoc logit adjustment needs no training beyond CE's: τ changes only the prediction. At ratio 10
#   the gains are small and fragile.
# - The papers' numbers come with paper, table and row, as gains over that paper's own CE, and can change with
#   the ratio: a benchmark answers for its own data, network and schedule, so run yours.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 換成真實影像，迴圈還是同一個：`CrossEntropyLoss(weight=w.to(device))`，權重來自訓練集的筆數，放在模型所在的裝置上、使用模型的資料型別（dtype）；每一種長尾做法只改動其中一行。
# - 在同樣的切分上執行的實驗要成對比較：逐個切分算出和 CE 的差異，再看平均、95% t 信賴區間和 N 次中的勝場數。跨過 0 的區間不能佐證任何結論；彼此重疊的切分會讓區間偏窄。
# - 比值 50 時，除了 focal loss 之外，每一種做法都在 5 個切分中的 4 或 5 個贏過 CE；哪一種最好無法確定。事後 logit 調整除了 CE 本身不必另外訓練：τ 只改變預測。比值 10 時增益都很小，也不穩固。
# - 論文的數字要附上論文、表格和列名，寫成相對於該論文自己的 CE 的增益，而且可能隨比值改變：一個基準測試只替它自己的資料、網路和訓練排程回答問題，所以請跑你自己的基準測試。

# %% [markdown] lang="en"
# ## References
# 1. Kaidi Cao, Colin Wei, Adrien Gaidon, Nikos Arechiga, Tengyu Ma. "Learning Imbalanced Datasets with
#    Label-Distribution-Aware Margin Loss." *Advances in Neural Information Processing Systems 32 (NeurIPS
#    2019)*. arXiv:1906.07413.
# 2. Yin Cui, Menglin Jia, Tsung-Yi Lin, Yang Song, Serge Belongie. "Class-Balanced Loss Based on Effective
#    Number of Samples." *CVPR 2019*. arXiv:1901.05555.
# 3. Aditya Krishna Menon, Sadeep Jayasumana, Ankit Singh Rawat, Himanshu Jain, Andreas Veit, Sanjiv Kumar.
#    "Long-tail learning via logit adjustment." *ICLR 2021*. arXiv:2007.07314 (the numbers above: v2, Table 3).
#    Code: https://github.com/google-research/google-research/tree/master/logit_adjustment
# 4. Yongshun Zhang, Xiu-Shen Wei, Boyan Zhou, Jianxin Wu. "Bag of Tricks for Long-Tailed Visual Recognition
#    with Deep Convolutional Neural Networks." *AAAI 2021*. The numbers above: the official repository's
#    results table `documents/trick_gallery.md` at commit 3ae52f4 (on Cui et al.'s data), not the paper; its
#    version on Cao et al.'s data gives other numbers with the same signs for these rows:
#    https://github.com/zhangyongshun/BagofTricks-LT/blob/3ae52f4090a840983ce60bb190658dfd0de39b39/documents/trick_gallery.md

# %% [markdown] lang="zh-TW"
# ## 參考文獻
# 1. Kaidi Cao, Colin Wei, Adrien Gaidon, Nikos Arechiga, Tengyu Ma. "Learning Imbalanced Datasets with
#    Label-Distribution-Aware Margin Loss." *Advances in Neural Information Processing Systems 32 (NeurIPS
#    2019)*. arXiv:1906.07413。
# 2. Yin Cui, Menglin Jia, Tsung-Yi Lin, Yang Song, Serge Belongie. "Class-Balanced Loss Based on Effective
#    Number of Samples." *CVPR 2019*. arXiv:1901.05555。
# 3. Aditya Krishna Menon, Sadeep Jayasumana, Ankit Singh Rawat, Himanshu Jain, Andreas Veit, Sanjiv Kumar.
#    "Long-tail learning via logit adjustment." *ICLR 2021*. arXiv:2007.07314（上面的數字來自 v2 的表 3）。
#    程式碼：https://github.com/google-research/google-research/tree/master/logit_adjustment
# 4. Yongshun Zhang, Xiu-Shen Wei, Boyan Zhou, Jianxin Wu. "Bag of Tricks for Long-Tailed Visual Recognition
#    with Deep Convolutional Neural Networks." *AAAI 2021*。上面的數字來自官方儲存庫 commit 3ae52f4 版本的結果表 `documents/trick_gallery.md`
#    （使用 Cui 等人的 CIFAR-10-LT 資料），不是論文本身印出的表格；這個結果表的另一個版本（使用 Cao 等人的資料）數字不同，
#    但本課用到的幾列正負號相同：
#    https://github.com/zhangyongshun/BagofTricks-LT/blob/3ae52f4090a840983ce60bb190658dfd0de39b39/documents/trick_gallery.md
