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
# - the full mini-batch training loop of a convolutional network with `DataLoader` and
#   `CrossEntropyLoss(weight=w.to(device))`, and the one place in it where each long-tail recipe acts;
# - the long-tail recipes of the research literature side by side: class weights from the first epoch,
#   class-balanced weights, focal loss, deferred re-weighting (DRW), the logit-adjusted loss, post-hoc logit
#   adjustment and oversampling;
# - how to read a small benchmark honestly: several data splits, each recipe's paired difference from plain
#   cross-entropy with a 95% interval and its wins, and the papers' own numbers with their sources.
#
# Every lesson so far trained a linear model on 2-D points. Here the data are real: scikit-learn's 1,797
# handwritten digits of 8 × 8 pixels, shipped inside scikit-learn (nothing is downloaded).

# %% [markdown] lang="zh-TW"
# # 第 07 課 · 真實影像上的類別權重：在長尾分布的手寫數字上訓練小型 CNN
#
# **你會學到：**
# - 卷積神經網路（CNN）完整的小批次（mini-batch）訓練迴圈，包括 `DataLoader` 和 `CrossEntropyLoss(weight=w.to(device))`，以及每一種長尾做法在迴圈裡作用的那一個地方；
# - 並排比較研究文獻中處理長尾（long-tail）分布的方法：從第一個訓練週期（epoch）就加上類別權重（class weight）、類別平衡權重（class-balanced weights）、
#   focal loss（焦點損失）、延後重新加權（deferred re-weighting, DRW）、logit 調整損失（logit-adjusted loss）、事後 logit 調整（post-hoc logit adjustment），以及過抽樣（oversampling）；
# - 怎麼誠實地解讀一個小型基準測試（benchmark）：好幾種資料切分、每種做法和一般交叉熵之間的成對差異（paired difference），附上 95% 信賴區間（confidence interval）和勝場數，以及註明出處的論文數字。
#
# 前面各課都是在二維的點上訓練線性模型。這一課用的是真實資料：scikit-learn 內建的 1,797 張 8 × 8 像素手寫數字，隨 scikit-learn 一起安裝（不需要下載任何東西）。

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
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, WeightedRandomSampler

import classweights as cw

torch.set_num_threads(1)  # tiny networks: one thread each is fastest (section 3 trains on every core its own way)
device = cw.pick_device()
if device.type == "mps":  # Apple's MPS has no float64, which this lesson trains in (section 2)
    device = torch.device("cpu")
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. A long-tailed training set, balanced validation and test sets
# The long-tail papers (Cui et al. 2019, Cao et al. 2019, Menon et al. 2021) build CIFAR-10-LT by keeping
# n_i = int(n_max · ρ^(−i/(K−1))) training images of class i, so that class 0 keeps n_max and the last class
# n_max / ρ, and they test on a balanced test set. `cw.long_tailed_digits(ratio, seed)` does the same with the
# digits: digit 0 is the head, digit 9 the tail. Validation (20 images per digit) and test (50 per digit) are
# balanced, so their accuracy is the balanced accuracy. Each seed draws another split: the same counts, other
# images. With only a few images of a tail digit, which few they are matters, so this lesson repeats every
# experiment on several splits.

# %% [markdown] lang="zh-TW"
# ## 1. 長尾分布的訓練集，以及平衡的驗證集和測試集
# 長尾學習的論文（Cui 等人 2019、Cao 等人 2019、Menon 等人 2021）建立 CIFAR-10-LT 的方法，是讓類別 i 保留 n_i = int(n_max · ρ^(−i/(K−1))) 張訓練影像：
# 類別 0 保留 n_max 張，最後一個類別只剩 n_max / ρ 張；評估則用平衡的測試集。`cw.long_tailed_digits(ratio, seed)` 對手寫數字做同樣的事：
# 數字 0 是頭部（head），數字 9 是尾部（tail）。驗證集（每個數字 20 張）和測試集（每個數字 50 張）都是平衡的，所以它們的準確率就是平衡準確率。
# 每個隨機種子會抽出另一種資料切分（data split）：張數相同，影像不同。尾部數字只有寥寥幾張影像時，抽到的是哪幾張很重要，所以這一課的每個實驗都會在好幾種切分上重複進行。

# %%
data = cw.long_tailed_digits(ratio=10, seed=0)
for name, (X_, y_) in data.items():
    print(cw.tr("{name}: {shape}, images per digit {counts}", name=cw.tr(name), shape=tuple(X_.shape),
                counts=torch.bincount(y_, minlength=10).tolist()))
other = cw.long_tailed_digits(ratio=10, seed=1)["train"]
same = torch.equal(torch.bincount(other[1]), torch.bincount(data["train"][1]))
shared = {tuple(row) for row in data["train"][0].reshape(-1, 64).tolist()} & {
    tuple(row) for row in other[0].reshape(-1, 64).tolist()}
print(cw.tr("seed {a}: the same counts per digit as seed {b}: {same}; training images in both: {k} of {n}",
            a=1, b=0, same=same, k=len(shared), n=len(other[1])))

# %% tags=["nbval-ignore-output"]
X_show, y_show = data["test"]
fig, axes = plt.subplots(1, 10, figsize=(10, 1.4))
for digit, ax in enumerate(axes):
    ax.imshow(X_show[y_show == digit][0, 0], cmap="gray_r")
    ax.set_title(str(digit))
    ax.axis("off")
plt.show()

# %% [markdown] lang="en"
# ## 2. The whole training loop, once
# A small CNN (`cw.small_cnn`: two 3 × 3 convolutions with max pooling, then a linear layer) trained with
# mini-batches from a `DataLoader`. Every recipe of this lesson changes one marked line of this loop: the
# class weights of the loss (balanced, class-balanced), the weights switched on late (DRW), offsets on the
# logits in the loss (logit-adjusted loss), the loss itself (focal), or the sampler (oversampling). Everything
# else is the same for every recipe, the learning-rate schedule included: Adam's rate drops ×0.1 at epoch
# `DROP`, 80% of the way, where Cao et al. switch DRW on. The network and the images are float64, so that every
# printed number is the same on any CPU (float32 can differ between CPUs in its last bit, and training magnifies
# that; a GPU may still differ slightly). In your own work float32 is fine.

# %% [markdown] lang="zh-TW"
# ## 2. 完整的訓練迴圈，走一次
# 一個小型 CNN（`cw.small_cnn`：兩層 3 × 3 卷積，各接一個最大池化（max pooling），最後接一個線性層），用 `DataLoader` 提供的小批次來訓練。
# 這一課的每一種做法都只改動這個迴圈裡標註出來的一行：損失函數的類別權重（平衡權重、類別平衡權重）、晚一點才啟用的權重（DRW）、
# 只在損失裡加到 logits 上的偏移量（logit 調整損失）、損失函數本身（focal），或是抽樣器（sampler，過抽樣）。其他部分每一種做法都相同，連學習率排程（learning-rate schedule）也一樣：
# Adam 的學習率在第 `DROP` 個訓練週期（訓練進行到 80% 的地方）乘上 0.1，Cao 等人也是在這個位置啟用 DRW。
# 這裡的網路和影像都用 float64，讓每個印出來的數字在任何 CPU 上都相同
# （用 float32 時，不同 CPU 的結果可能在最後一個位元就不一樣，而訓練會把差異放大；GPU 上仍可能略有不同）。你自己的專案用 float32 就可以了。

# %%
RATIOS, SEEDS = (10, 50), range(5)  # seed s: split s of the digits, and network s's initialisation and batches
STEEPEST = max(RATIOS)
EPOCHS, BATCH, LR, CHANNELS, GAMMA, BETA = 30, 64, 0.01, (8, 16), 2.0, 0.9999
DROP = round(0.8 * EPOCHS)  # from this epoch on: learning rate x 0.1 for every recipe, and DRW's weights


def train_cnn(X, y, seed=0, weight=None, late_weight=None, offsets=None, gamma=0.0, oversample=False):
    torch.manual_seed(seed)
    model = cw.small_cnn(channels=CHANNELS, dtype=torch.float64).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[DROP], gamma=0.1)
    g = torch.Generator().manual_seed(seed)
    if oversample:  # oversampling: the sampler draws every digit about equally often
        sampler = WeightedRandomSampler((1.0 / torch.bincount(y).double())[y], len(y), generator=g)
    else:
        sampler = RandomSampler(range(len(y)), generator=g)
    loader = DataLoader(TensorDataset(X, y), batch_size=BATCH, sampler=sampler)
    for epoch in range(EPOCHS):
        w = late_weight if late_weight is not None and epoch >= DROP else weight  # DRW: weights from DROP on
        criterion = torch.nn.CrossEntropyLoss(weight=None if w is None else w.to(device))  # class weights
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            logits = model(xb)
            if offsets is not None:  # logit-adjusted loss: offsets on the logits, in the loss only
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
counts = cw.class_counts(y_train, num_classes=10).double()  # float64 like the images: the loss needs one dtype
print(cw.tr("ratio {r}, seed {s}: training images per digit {counts}", r=STEEPEST, s=SEEDS[0],
            counts=counts.int().tolist()))
drw = train_cnn(X_train, y_train, seed=SEEDS[0], late_weight=cw.effective_number(counts, beta=BETA))
with torch.no_grad():
    acc = cw.per_class_accuracy(drw(X_val.to(device)), y_val)
print(cw.tr("CE-DRW, ratio {r}, seed {s}: validation accuracy per digit", r=STEEPEST, s=SEEDS[0]))
print("  ", [round(v, 2) for v in acc.tolist()])
print("  " + cw.tr("balanced accuracy {ba}", ba=f"{acc.mean().item():.3f}"))

# %% [markdown] lang="en"
# One network on one split: digit 8, with 3 training images, reaches 0.6 on validation, where a single one of
# its 20 validation images moves its accuracy by a twentieth. The next section trains every recipe on five
# splits and reads a larger test set.

# %% [markdown] lang="zh-TW"
# 這只是一個網路、一種切分：只有 3 張訓練影像的數字 8，在驗證集上的準確率是 0.6；它只有 20 張驗證影像，只要其中一張的預測改變，準確率就會變動二十分之一。
# 下一節讓每一種做法都在五種切分上訓練，並用更大的測試集來評估。

# %% [markdown] lang="en"
# ## 3. Every recipe on every split, trained together
# Each recipe changes one thing in the loop above:
#
# | recipe | what changes in `train_cnn` |
# |---|---|
# | CE (no weights) | nothing: plain cross-entropy |
# | balanced weights | `weight = N / (K n_c)` from the first epoch |
# | class-balanced | `weight` from the effective number of samples, β = 0.9999 |
# | focal | the loss: focal loss with γ = 2, no weights |
# | CE-DRW | `late_weight`: plain CE until epoch `DROP`, then the class-balanced weights |
# | logit-adjusted loss | `offsets`: τ · log prior (≤ 0, lowest for the tail) added to the logits in the loss only; predictions use the raw logits (τ = 1) |
# | post-hoc logit adjustment | no training: the CE networks, with τ · log prior subtracted at prediction; τ chosen on validation |
# | oversampling | `oversample`: a `WeightedRandomSampler` that draws every digit about equally often, no weights |

# %% [markdown] lang="zh-TW"
# ## 3. 每一種做法、每一種切分，一起訓練
# 每一種做法只改動上面迴圈裡的一件事：
#
# | 做法 | 在 `train_cnn` 裡改了什麼 |
# |---|---|
# | CE（不加權） | 什麼都不改：一般的交叉熵 |
# | 平衡權重 | 從第一個訓練週期起使用 `weight = N / (K n_c)` |
# | 類別平衡權重 | `weight` 改用有效樣本數（effective number of samples）算出的權重，β = 0.9999 |
# | focal | 損失函數：γ = 2 的 focal loss，不加權 |
# | CE-DRW | `late_weight`：第 `DROP` 個訓練週期之前用一般的 CE，之後改用類別平衡權重 |
# | logit 調整損失 | `offsets`：只在損失裡把 τ · log 先驗機率（prior，≤ 0，尾部最低）加到 logits 上；預測時用原始的 logits（τ = 1） |
# | 事後 logit 調整 | 不另外訓練：直接用 CE 網路，預測時減去 τ · log 先驗機率；τ 在驗證集上選 |
# | 過抽樣 | `oversample`：用 `WeightedRandomSampler` 讓每個數字被抽到的機會大致相同，不加權 |

# %% [markdown] lang="en"
# Where the settings come from:
#
# | setting | here | source |
# |---|---|---|
# | β | 0.9999 | the papers' value (Cui et al.; Cao et al.'s code) |
# | γ | 2 | one of the values Cui et al. report (Table 2); Cao et al.'s code uses γ = 1 |
# | DRW switch and lr drop | epoch `DROP` = 80% of `EPOCHS`, ×0.1, every recipe | Cao et al. switch at epoch 160 of 200, where their learning rate decays (×0.01 in their paper and code); Menon et al.'s paper decays ×0.1 there |
# | epochs | 30 | ours; the papers train 200 epochs. How much the epochs move CE: after the training cell |
# | optimizer, lr | Adam, 0.01 | ours, ten times Adam's default, not tuned (the papers: SGD at 0.1 for a ResNet-32) |
# | batch, channels | 64, (8, 16) | ours, not tuned (the papers: batches of 128 on a far larger training set) |
# | τ | 1 in the logit-adjusted loss; post-hoc: 0 to 2 in steps of 0.1 | Menon et al.'s τ = 1; the post-hoc grid is ours |
# | weight decay | none | ours (the papers: 2e-4; Menon et al. 1e-4) |

# %% [markdown] lang="zh-TW"
# 這些設定從哪裡來：
#
# | 設定 | 本課 | 出處 |
# |---|---|---|
# | β | 0.9999 | 論文使用的值（Cui 等人；Cao 等人的程式碼） |
# | γ | 2 | Cui 等人報告的其中一個值（表 2）；Cao 等人的程式碼用 γ = 1 |
# | DRW 切換點和學習率調降 | 第 `DROP` 個訓練週期，也就是 `EPOCHS` 的 80%；學習率乘上 0.1，每一種做法都一樣 | Cao 等人在總共 200 個訓練週期中的第 160 個切換，學習率也在這時調降（他們的論文和程式碼都是乘上 0.01）；Menon 等人的論文在這時乘上 0.1 |
# | 訓練週期數 | 30 | 本課自訂；論文用的是 200 個。訓練週期數對 CE 的影響有多大：請看訓練儲存格後面的表格 |
# | 最佳化器、學習率 | Adam，0.01 | 本課自訂，是 Adam 預設值的十倍，沒有特別調校（論文：ResNet-32 用學習率 0.1 的 SGD） |
# | 批次大小、通道數 | 64、(8, 16) | 本課自訂，沒有特別調校（論文：訓練集大得多，批次大小是 128） |
# | τ | logit 調整損失用 1；事後調整從 0 到 2，每次加 0.1 | Menon 等人用 τ = 1；事後調整的候選值是本課自訂的 |
# | 權重衰減（weight decay） | 不使用 | 本課自訂（論文：2e-4；Menon 等人用 1e-4） |

# %% [markdown] lang="en"
# Seven recipes need training, on every split of both ratios: 70 runs of section 2's loop. `cw.train_cnns`
# trains them together: it stacks the networks' parameters (`torch.func.stack_module_state`) and computes every
# network's step as one batched matrix product per layer, in groups that run side by side on the CPU's cores.
# Each network still draws its own batches from its own sampler; the cell checks that the batched CE-DRW network
# equals section 2's.

# %% [markdown] lang="zh-TW"
# 有七種做法需要在兩種比值的每一種切分上訓練：等於把第 2 節的迴圈跑 70 次。`cw.train_cnns` 把它們一起訓練：
# 把各個網路的參數疊在一起（`torch.func.stack_module_state`），每一層只用一次批次矩陣乘法，就算完所有網路的一步；網路分成幾組，在 CPU 的各個核心上同時執行。
# 每個網路仍然用自己的抽樣器抽自己的批次；這個儲存格會檢查批次訓練出的 CE-DRW 網路和第 2 節的網路相同。

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
            "no weights": dict(val=(Xv, yv)),  # CE records its validation accuracy after every epoch
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
            r=STEEPEST, s=SEEDS[0], same=same))
for ratio in RATIOS:
    n = sets[ratio, SEEDS[0]]["counts"]  # the same counts for every seed
    cb, bal = cw.effective_number(n, beta=BETA), cw.balanced(n)
    print(cw.tr("ratio {r}: {n} training images, {b} batches per epoch; class-balanced within 1% of balanced: {near}",
                r=ratio, n=int(n.sum()), b=-(-int(n.sum()) // BATCH),
                near=torch.allclose(cb / cb.sum(), bal / bal.sum(), rtol=0.01)))

# %% [markdown] lang="en"
# **How many epochs?** The CE networks recorded their validation balanced accuracy after every epoch (mean over
# the seeds, in %):

# %% [markdown] lang="zh-TW"
# **需要幾個訓練週期？** CE 網路在每個訓練週期結束後，都記錄了驗證集上的平衡準確率（各種子的平均，單位是 %）：

# %%
marks = sorted({*range(5, EPOCHS + 1, 5), DROP})
rows = []
for ratio in RATIOS:
    curve = torch.tensor([c for (r, _, _), c in zip(keys, curves) if r == ratio and c is not None]).mean(0)
    rows.append((cw.tr("ratio {r}", r=ratio), [f"{100 * curve[e - 1]:.1f}" for e in marks]))
print(cw.text_table([cw.tr("epoch {e}", e=e) for e in marks], rows, min_col=9))

# %% [markdown] lang="en"
# One rule for both ratios, the last six epochs: at ratio 10 CE moves from 93.6 to 93.2, at ratio 50 it rises
# from 79.5 to 81.1. That rise starts at the learning-rate drop (epoch `DROP`), and a drop often brings a
# one-off step, so it does not show that CE would keep improving. Only CE's curve is recorded: whether more
# epochs would shrink the recipes' lead is not shown here (the papers train for 200).

# %% [markdown] lang="zh-TW"
# 兩種比值用同一個標準，看最後六個訓練週期：比值 10 時，CE 從 93.6 變成 93.2；比值 50 時，從 79.5 上升到 81.1。
# 這段上升正好從學習率調降（第 `DROP` 個訓練週期）開始，而學習率調降常常會帶來一次性的提升，所以它並不能說明 CE 再多訓練還會繼續進步。
# 這裡只記錄了 CE 的曲線：多跑一些訓練週期能不能縮小各種做法領先 CE 的幅度，本課沒有顯示（論文用的是 200 個訓練週期）。

# %% [markdown] lang="en"
# ## 4. Choosing τ for post-hoc adjustment, on validation
# Post-hoc logit adjustment needs no training: it takes a CE network and predicts argmax(logits − τ · log prior).
# τ is a knob, so it is chosen on validation: on each seed's own validation set, the τ with the best balanced
# accuracy of that seed's CE network, as one would in a single experiment.

# %% [markdown] lang="zh-TW"
# ## 4. 在驗證集上選事後調整的 τ
# 事後 logit 調整不另外訓練：它直接用 CE 網路，預測時取 argmax(logits − τ · log 先驗機率)。τ 是一個可調設定（knob），所以要在驗證集上選：
# 在每個種子自己的驗證集上，選出讓該種子的 CE 網路平衡準確率最高的 τ，就像只做一次實驗時會做的那樣。

# %%
taus = [round(0.1 * i, 1) for i in range(21)]
for ratio in RATIOS:
    at_0, at_best = [], []
    for s in SEEDS:
        r = sets[ratio, s]
        val = {tau: cw.tau_state(logits[ratio, "no weights", s][0], r["val"][1], r["counts"], tau)
               ["balanced_accuracy"] for tau in taus}
        r["tau"] = max(taus, key=lambda tau: (round(val[tau], 6), -tau))  # ties: the smaller tau
        at_0.append(val[0.0])
        at_best.append(val[r["tau"]])
    print(cw.tr("ratio {r}: tau chosen on each seed's validation set {taus}", r=ratio,
                taus=[sets[ratio, s]["tau"] for s in SEEDS]))
    print("  " + cw.tr("validation balanced accuracy, mean over the seeds: {a} at tau 0, {b} at the chosen tau",
                       a=f"{statistics.mean(at_0):.3f}", b=f"{statistics.mean(at_best):.3f}"))

# %% [markdown] lang="en"
# ## 5. The test set, read once
# Every choice is made. Balanced test accuracy in percent: mean ± standard deviation over the five seeds (the
# sample standard deviation, which divides by N − 1):

# %% [markdown] lang="zh-TW"
# ## 5. 最後才用測試集評估一次
# 所有選擇都已經做完。下面是測試集上的平衡準確率（%）：五個種子的平均 ± 標準差（用的是除以 N − 1 的樣本標準差）：

# %%
METHODS = ("no weights", "balanced", "effective number", "focal", "CE-DRW", "logit adjustment, in the loss",
           "logit adjustment, post-hoc", "oversampling")
LABEL = {"no weights": cw.tr("CE (no weights)"), "balanced": cw.tr("balanced weights"),
         "effective number": cw.tr("class-balanced (effective number)"), "focal": cw.tr("focal loss"),
         "CE-DRW": cw.tr("CE-DRW (deferred)"), "logit adjustment, in the loss": cw.tr("logit-adjusted loss"),
         "logit adjustment, post-hoc": cw.tr("post-hoc logit adjustment"), "oversampling": cw.tr("oversampling")}


def test_accuracy(ratio, name, s):  # each digit's test accuracy
    r = sets[ratio, s]
    if name == "logit adjustment, post-hoc":
        state = cw.tau_state(logits[ratio, "no weights", s][1], r["test"][1], r["counts"], r["tau"])
        return torch.tensor(state["per_class"])
    return cw.per_class_accuracy(logits[ratio, name, s][1], r["test"][1])


per_class = {(ratio, name): torch.stack([test_accuracy(ratio, name, s) for s in SEEDS])
             for ratio in RATIOS for name in METHODS}
acc = {key: [round(100 * a, 6) for a in pc.mean(1).tolist()] for key, pc in per_class.items()}  # %, per seed


def mean_sd(values):  # the sample standard deviation: statistics.stdev divides by N - 1
    return f"{statistics.mean(values):.1f} ± {statistics.stdev(values):.1f}"


print(cw.text_table([cw.tr("ratio {r}", r=ratio) for ratio in RATIOS],
                    [(LABEL[name], [mean_sd(acc[ratio, name]) for ratio in RATIOS]) for name in METHODS], min_col=16))

# %% [markdown] lang="en"
# CE's own accuracy at ratio 50 varies by ±4.4 from seed to seed, more than most of the gaps between the
# recipes. Part of that is the split: a split whose few tail images are easy helps every recipe trained on it.
# Every recipe of seed s trained on split s from the same start (all but oversampling also on the same
# batches), so the runs come in pairs, and the fair comparison subtracts CE's accuracy on the same split:

# %% [markdown] lang="zh-TW"
# 比值 50 時，光是 CE 自己的準確率，在不同種子之間就變動了 ±4.4，比大多數做法之間的差距還大。其中一部分來自切分本身：如果某個切分抽到的少數尾部影像比較容易，
# 在這個切分上訓練的每一種做法都會受惠。種子 s 的每一種做法都在切分 s 上、從相同的起點訓練（除了過抽樣以外，連批次也相同），
# 所以這些實驗是成對的，公平的比較方式是減去 CE 在同一個切分上的準確率：

# %%
def paired(ratio, name, base="no weights"):
    """Differences from the base recipe seed by seed (same split, same start): mean, 95% t-interval, wins."""
    d = [round(a - b, 6) for a, b in zip(acc[ratio, name], acc[ratio, base])]
    mean, sd = statistics.mean(d), statistics.stdev(d)  # stdev: the sample standard deviation (N - 1)
    half = stats.t.ppf(0.975, len(d) - 1) * sd / len(d) ** 0.5
    return d, mean, mean - half, mean + half, sum(x > 0 for x in d)


print(cw.tr("ratio {r}: test accuracy minus CE's on the same split, in points", r=STEEPEST))
print(cw.text_table([cw.tr("seed {s}", s=s) for s in SEEDS],
                    [(LABEL[name], [f"{x:+.1f}" for x in paired(STEEPEST, name)[0]]) for name in METHODS[1:]],
                    min_col=8))

# %% [markdown] lang="en"
# **Reading paired runs.** For each recipe, the N = 5 differences give three numbers:
# - the **mean difference**, the recipe's gain over CE on these splits;
# - a **95% interval** for it, mean ± t · s / √N, where s is the sample standard deviation of the differences
#   and t comes from Student's t distribution with N − 1 degrees of freedom (`scipy.stats.t.ppf(0.975, N - 1)`).
#   An interval that lies above 0 is a gain that this benchmark supports. One that crosses 0 means the data are
#   consistent with no gain at all: no claim either way;
# - the **wins out of N**: on how many splits the recipe beat CE. If a recipe changed nothing and a win were as
#   likely as a loss, it would win all five about once in 2⁵ = 32 tries. The wins are a consistency check,
#   not a test.
#
# To compare two recipes, pair them directly: subtract one from the other split by split. Two intervals
# against CE that overlap do not say that the two recipes are equal.

# %% [markdown] lang="zh-TW"
# **怎麼解讀成對的實驗。** 對每一種做法，N = 5 個差異可以算出三個數字：
# - **平均差異**：這種做法在這些切分上比 CE 多出的準確率；
# - 它的 **95% 信賴區間**：平均 ± t · s / √N，其中 s 是這些差異的樣本標準差，t 來自自由度 N − 1 的 Student t 分布（`scipy.stats.t.ppf(0.975, N - 1)`）。
#   整個區間都在 0 以上，代表這個基準測試能佐證這項增益；區間跨過 0，代表資料和「完全沒有增益」也相符：哪個方向都不能下結論；
# - **N 次中的勝場數**：這種做法在幾個切分上贏過 CE。如果一種做法其實沒有任何作用、贏和輸的機會相同，它五次全勝的機會大約是 2⁵ = 32 次中才有一次。勝場數只是一致性的檢查，不是統計檢定。
#
# 要比較兩種做法，就直接把它們配對：在每個切分上把一種減去另一種。兩個相對於 CE 的區間彼此重疊，並不代表這兩種做法一樣好。

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
gain = [name for name in METHODS[1:] if paired(STEEPEST, name)[2] > 0]  # interval against CE above 0
pairs = list(itertools.combinations(gain, 2))
apart = [(a, b) for a, b in pairs if not paired(STEEPEST, a, b)[2] <= 0 <= paired(STEEPEST, a, b)[3]]
print("  " + cw.tr("all {n} pairs of the {k} recipes above 0: {m} intervals exclude 0", n=len(pairs), k=len(gain),
                   m=len(apart)))

# %% [markdown] lang="en"
# Per digit, from head to tail, at ratio 50 (mean over the seeds):

# %% [markdown] lang="zh-TW"
# 比值 50 時，從頭部到尾部的各個數字（各種子的平均）：

# %% tags=["nbval-ignore-output"]
shown = ("no weights", "balanced", "CE-DRW", "logit adjustment, in the loss", "logit adjustment, post-hoc")
with cw.style():  # the package's fonts, so that Chinese labels are drawn
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
    plt.show()

# %%
head_tail = [(LABEL[name], [f"{per_class[(STEEPEST, name)].mean(0)[part].mean().item():.3f}"
                            for part in (slice(0, 3), slice(7, 10))])
             for name in shown]
print(cw.text_table([cw.tr("head (digits 0-2)"), cw.tr("tail (digits 7-9)")], head_tail))

# %% [markdown] lang="en"
# **What survives five splits:**
# - **Ratio 50.** Every recipe but the focal loss gains over CE: each interval lies above 0, and each wins on
#   at least 4 of the 5 splits. The mean gains run from +4.1 (DRW) to +5.8 (post-hoc adjustment), with wide
#   intervals. The focal loss without weights shows no gain (−0.3, interval from −2.4 to +1.9, 2 wins of 5).
# - **Which of those six helps most is not settled.** Paired directly, post-hoc adjustment (the best mean)
#   against balanced weights wins 3 of 5 splits and its interval crosses 0; so does DRW against balanced weights.
#   Of all 15 pairs, 2 have intervals that exclude 0, and among 15 intervals one or two can do that by chance.
#   Class-balanced weights are practically the balanced weights here: with β = 0.9999 the effective number
#   (1 − βⁿ) / (1 − β) is almost n for counts far below 1 / (1 − β) = 10,000, so the two sets of weights agree
#   within 1% (section 3 checks it).
# - **Ratio 10.** Only DRW (+0.5) and post-hoc adjustment (+1.1) have intervals above 0, and both gains are
#   small; every other interval crosses 0. With 14 intervals against CE, a few can exclude 0 by chance alone:
#   DRW's here, just above 0, is fragile, while the ratio-50 gains hold across six recipes and nearly every seed.
# - **Per digit.** The logit adjustments trade head accuracy for tail accuracy: on digits 7–9 CE reaches 0.473
#   and post-hoc adjustment 0.693, on digits 0–2 CE 0.979 and post-hoc adjustment 0.956. Balanced weights and
#   DRW lose less on the head (0.971, 0.972), a difference shown here without an interval.

# %% [markdown] lang="zh-TW"
# **經得起五種切分檢驗的結論：**
# - **比值 50。** 除了 focal loss 之外，每一種做法都比 CE 好：每個區間都在 0 以上，而且每一種在 5 個切分中至少贏了 4 個。
#   平均增益從 +4.1（DRW）到 +5.8（事後調整），但區間都很寬。不加權的 focal loss 看不出增益（−0.3，區間從 −2.4 到 +1.9，5 次中贏 2 次）。
# - **這六種做法中哪一種幫助最大，無法確定。** 直接配對時，事後調整（平均最高）對上平衡權重在 5 個切分中贏 3 個，區間跨過 0；DRW 對上平衡權重也一樣。
#   全部 15 組配對中，有 2 組的區間不含 0，而在 15 個區間裡，光靠機率就可能有一兩個如此。類別平衡權重在這裡幾乎就等於平衡權重：β = 0.9999 時，
#   只要筆數遠小於 1 / (1 − β) = 10,000，有效樣本數 (1 − βⁿ) / (1 − β) 就幾乎等於 n 本身，所以兩組權重相差不到 1%（第 3 節檢查過）。
# - **比值 10。** 只有 DRW（+0.5）和事後調整（+1.1）的區間在 0 以上，而且兩者的增益都很小；其他的區間都跨過 0。
#   相對於 CE 的區間共有 14 個，光靠機率就可能有幾個不含 0：DRW 在這裡的區間只是剛好在 0 以上，並不穩固；比值 50 的增益則在六種做法、幾乎每個種子上都一致。
# - **逐個數字來看。** 兩種 logit 調整是拿頭部的準確率去換尾部的準確率：在數字 7–9 上，CE 是 0.473，事後調整是 0.693；
#   在數字 0–2 上，CE 是 0.979，事後調整是 0.956。平衡權重和 DRW 在頭部少掉的比較少（0.971、0.972），這個差異在這裡沒有附上區間。

# %% [markdown] lang="en"
# ## 6. Beside the papers
# The papers train a ResNet-32 on CIFAR-10-LT (32 × 32 colour images) and report error on its balanced test
# set; below, accuracy = 100 − error. Cao et al. and Cui et al. train for 200 epochs; Menon et al.'s paper
# states 200 epochs, while their released code trains CIFAR-10-LT for 1241; Zhang et al.'s repository uses 200.
# Other images, another network, another schedule: only each recipe's gain over **its own paper's CE** can be
# set beside ours. Every line names the paper, the table, the row as printed there (Menon et al.'s "Logit
# adjustment post-hoc" shortened to "post-hoc") and the ratio ρ.

# %% [markdown] lang="zh-TW"
# ## 6. 和論文並排比較
# 論文是在 CIFAR-10-LT（32 × 32 的彩色影像）上訓練 ResNet-32，並報告平衡測試集上的錯誤率；下面的準確率 = 100 − 錯誤率。
# Cao 等人和 Cui 等人用的是 200 個訓練週期；Menon 等人的論文寫的是 200 個，但他們公開的程式碼在 CIFAR-10-LT 上用了 1241 個；
# Zhang 等人的儲存庫用 200 個。影像不同、網路不同、訓練排程也不同：能和本課並排比較的，只有每一種做法相對於**同一篇論文自己的 CE** 的增益。
# 每一行都寫出論文、表格、該列在表中的原始名稱（Menon 等人的「Logit adjustment post-hoc」縮寫成「post-hoc」），以及比值 ρ。

# %% slide="subslide"
# arXiv: Cao et al. 1906.07413, Cui et al. 1901.05555, Menon et al. 2007.07314 (v2); full references at the end
PAPERS = {  # (paper, where, row as printed, rho, CE's error %, the recipe's error %), CIFAR-10-LT, ResNet-32
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
        print("  " + cw.tr("{paper}, {where}, row {row}, ρ = {rho}: {gain} (their CE {ce})", paper=cw.tr(paper),
                           where=cw.tr(where), row=row, rho=rho, gain=f"{ce - err:+.2f}", ce=f"{100 - ce:.2f}"))

# %% [markdown] lang="en"
# - **Weights from the first epoch.** Zhang et al.'s inverse-frequency weights (the same loss as balanced
#   weights) cost 1.10 points at ρ = 100 and gained 2.75 at ρ = 50; class-balanced weights gained in both papers.
#   Ours gain at ratio 50.
# - **DRW.** It gains in both papers (+4.50, +3.46, +4.10) and here (+4.1). In the papers it also beats the
#   weights from the first epoch; here the two are not told apart (section 5).
# - **Focal loss with γ = 2** (Cui et al.'s is built on sigmoids, ours on softmax): −0.77 at ρ = 100 and +1.71
#   at ρ = 50 in Cui et al.; no gain shown here.
# - **Logit adjustment.** In the loss, +4.83 over Menon et al.'s own CE. Post-hoc, +4.56 with τ = 1 and +8.08
#   with τ* ("the best possible value"; the paper does not say on which data it was chosen). Ours picks τ on
#   validation.
# - **Oversampling.** Cao et al.'s class-balanced resampling gains +0.19; ours gains at ratio 50 on 4 of 5
#   splits.

# %% [markdown] lang="zh-TW"
# - **從第一個訓練週期就加權。** Zhang 等人的頻率倒數權重（和平衡權重是同一個損失）在 ρ = 100 時少了 1.10 個百分點，在 ρ = 50 時多了 2.75；
#   類別平衡權重在兩篇論文裡都有增益。本課的這兩種權重在比值 50 時都有增益。
# - **DRW。** 它在兩篇論文裡（+4.50、+3.46、+4.10）和本課（+4.1）都有增益。論文裡它也勝過從第一個訓練週期就加權；本課分不出兩者的高下（第 5 節）。
# - **γ = 2 的 focal loss**（Cui 等人的版本建立在 sigmoid 上，本課的建立在 softmax 上）：Cui 等人在 ρ = 100 時是 −0.77，ρ = 50 時是 +1.71；本課看不出增益。
# - **logit 調整。** 放在損失裡時，相對於 Menon 等人自己的 CE 增益 +4.83。事後調整：τ = 1 時 +4.56，τ = τ*（「可能的最佳值」；論文沒有說是在哪些資料上選的）時 +8.08。本課的 τ 是在驗證集上選的。
# - **過抽樣。** Cao 等人的類別平衡重新抽樣（class-balanced resampling）增益 +0.19；本課的過抽樣在比值 50 時，5 個切分中有 4 個有增益。

# %% [markdown] lang="en"
# ## 7. Explorer: post-hoc τ on a trained CNN
# One CE network (ratio 50, seed 0), its validation logits computed once. The slider moves τ in
# argmax(logits − τ · log prior); no retraining. Watch the tail digits gain and the head digits lose, and the
# balanced accuracy rise, peak and fall. The dashed outlines are the accuracies at τ = 0.

# %% [markdown] lang="zh-TW"
# ## 7. 探索工具：在訓練好的 CNN 上調整事後的 τ
# 一個 CE 網路（比值 50、種子 0），它在驗證集上的 logits 只算一次。滑桿（slider）調整的是 argmax(logits − τ · log 先驗機率) 裡的 τ，不需要重新訓練。
# 觀察尾部數字的準確率上升、頭部數字的準確率下降，以及平衡準確率先上升、達到最高點，再下降。虛線外框是 τ = 0 時的準確率。

# %% tags=["nbval-ignore-output"]
r = sets[STEEPEST, SEEDS[0]]
cw.tau_explorer(logits[STEEPEST, "no weights", SEEDS[0]][0].cpu(), r["val"][1].cpu(), r["counts"])

# %% [markdown] lang="en"
# ## Exercises
#
# **Exercise 07.1.** At ratio 10 (section 1's training set), post-hoc logit adjustment with τ = 1 subtracts
# log(n_c / N) from each digit's logit. Since log(n_c / N) is negative, every logit rises. By how much more does
# digit 9's logit rise than digit 0's?

# %% [markdown] lang="zh-TW"
# ## 練習
#
# **練習 07.1。** 比值 10 時（第 1 節的訓練集），τ = 1 的事後 logit 調整會從每個數字的 logit 減去 log(n_c / N)。
# 因為 log(n_c / N) 是負的，每個 logit 都會上升。數字 9 的 logit 比數字 0 的多上升了多少？

# %%
answer_07_1 = None  # a number
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
# 兩個偏移量相差 log(n_0 / N) − log(n_9 / N) = log(n_0 / n_9)：N 會互相抵消，而且要用實際的筆數，不是名目上的比值。
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(10)["train"][1], num_classes=10)
# answer_07_1 = float(torch.log(counts[0] / counts[9]))
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 07.2 (predict, then check).** This lesson never trains at ratio 20. There, with balanced weights
# from the first epoch, how many times more does one training image of digit 9 weigh in the loss than one image
# of digit 0? Predict, then compute it.

# %% [markdown] lang="zh-TW"
# **練習 07.2（先預測，再驗算）。** 這一課沒有用比值 20 訓練過。在比值 20 時，如果從第一個訓練週期起就用平衡權重，
# 數字 9 的一張訓練影像在損失中的權重是數字 0 的一張影像的幾倍？先預測，再算出來。

# %%
answer_07_2 = None  # a number: w_9 / w_0
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
# 平衡權重是 N / (K n_c)，所以 w_9 / w_0 = n_0 / n_9：要用實際的筆數 n_i = int(n_max · 20^(−i/9))，不是名目上的 20。
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(20)["train"][1], num_classes=10)
# answer_07_2 = float(counts[0] / counts[9])
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 07.3 (reading paired runs).** A colleague trained plain CE and a recipe R on the same five splits,
# seed for seed, and got these balanced test accuracies (%):
#
# | seed | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | CE | 78.0 | 83.4 | 74.2 | 80.6 | 79.8 |
# | R | 80.2 | 84.6 | 77.0 | 82.4 | 80.6 |
#
# The two means differ by less than either standard deviation, so your colleague calls R's gain noise. Give the
# lower end of the 95% interval of R's paired difference from CE, in points (two decimals). Does R's gain
# survive?

# %% [markdown] lang="zh-TW"
# **練習 07.3（解讀成對的實驗）。** 一位同事在同樣的五種切分上（種子一一對應）訓練了一般的 CE 和某種做法 R，得到下面的測試集平衡準確率（%）：
#
# | 種子 | 0 | 1 | 2 | 3 | 4 |
# |---|---|---|---|---|---|
# | CE | 78.0 | 83.4 | 74.2 | 80.6 | 79.8 |
# | R | 80.2 | 84.6 | 77.0 | 82.4 | 80.6 |
#
# 兩個平均的差距比任一個標準差都小，所以你的同事認為 R 的增益只是雜訊。請算出 R 相對於 CE 的成對差異的 95% 信賴區間下限，單位是百分點（取到小數點後兩位）。
# R 的增益站得住嗎？

# %%
ce = [78.0, 83.4, 74.2, 80.6, 79.8]  # the colleague's CE, seeds 0 to 4
r = [80.2, 84.6, 77.0, 82.4, 80.6]  # recipe R, the same seeds
answer_07_3 = None  # a number: the lower end of the interval, in points
cw.check("07.3", answer_07_3)

# %% [markdown] lang="en"
# <details><summary>Solution 07.3</summary>
#
# Subtract seed by seed, then take mean ± t · s / √N of the five differences, with the sample standard
# deviation s and t for N − 1 = 4 degrees of freedom. The interval lies above 0: R beat CE on every split, and
# the split-to-split swings that make the standard deviations of the CE and R rows large cancel in the
# differences.
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
# 先逐個種子相減，再對這五個差異算平均 ± t · s / √N，其中 s 是樣本標準差，t 取自自由度 N − 1 = 4 的 t 分布。整個區間都在 0 以上：R 在每個切分上都贏過 CE；
# 切分之間的起伏讓 CE 和 R 各自的標準差都很大，但在相減之後就互相抵消了。
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
# - Real images, same loop: `CrossEntropyLoss(weight=w.to(device))`, the weights from the training counts, on
#   the model's device and in its dtype. Each long-tail recipe changes one line of that loop; everything else,
#   the learning-rate schedule included, stays the same for a fair comparison.
# - Runs on the same splits are compared in pairs: each recipe's difference from CE split by split, with its
#   mean, a 95% t-interval (sample standard deviation) and its wins out of N. An interval that crosses 0
#   supports no claim.
# - On five splits at ratio 50, every recipe but the focal loss gains over CE; which of them gains most is not
#   settled. At ratio 10 the gains are small and fragile.
# - The papers' numbers come with their paper, table and row, and with the gain over that paper's own CE. A
#   result can change with the ratio (in one re-run's table, weights from the first epoch hurt at ρ = 100 and
#   helped at ρ = 50). A benchmark answers for its own data, network and schedule, so run yours.
# - Post-hoc logit adjustment is the cheapest recipe: one trained model and one knob, chosen on validation.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 換成真實影像，迴圈還是同一個：`CrossEntropyLoss(weight=w.to(device))`，權重來自訓練集的筆數，並且放在模型所在的裝置上、使用和模型相同的資料型別（dtype）。
#   每一種長尾做法只改動迴圈裡的一行；其他部分，包括學習率排程，都保持一樣，比較才公平。
# - 在同樣的切分上執行的實驗要成對比較：逐個切分算出每一種做法和 CE 的差異，再算出平均、95% t 信賴區間（用樣本標準差）和 N 次中的勝場數。
#   跨過 0 的區間不能佐證任何結論。
# - 在比值 50 的五種切分上，除了 focal loss 之外，每一種做法都比 CE 好；哪一種最好則無法確定。比值 10 時增益都很小，也不穩固。
# - 論文的數字要附上論文、表格和列名，以及相對於該論文自己的 CE 的增益。結果也可能隨比值改變（在一份重新實作的結果表中，從第一個訓練週期就加權，在 ρ = 100 時反而變差，在 ρ = 50 時則有幫助）。
#   一個基準測試的結論只適用於它自己的資料、網路和訓練排程，所以請在你自己的問題上跑一次基準測試。
# - 事後 logit 調整是成本最低的做法：只要一個訓練好的模型和一個在驗證集上選定的可調設定。

# %% [markdown] lang="en"
# ## References
# 1. Kaidi Cao, Colin Wei, Adrien Gaidon, Nikos Arechiga, Tengyu Ma. "Learning Imbalanced Datasets with
#    Label-Distribution-Aware Margin Loss." *Advances in Neural Information Processing Systems 32 (NeurIPS
#    2019)*. arXiv:1906.07413. Code: https://github.com/kaidic/LDAM-DRW
# 2. Yin Cui, Menglin Jia, Tsung-Yi Lin, Yang Song, Serge Belongie. "Class-Balanced Loss Based on Effective
#    Number of Samples." *CVPR 2019*. arXiv:1901.05555. Code: https://github.com/richardaecn/class-balanced-loss
# 3. Aditya Krishna Menon, Sadeep Jayasumana, Ankit Singh Rawat, Himanshu Jain, Andreas Veit, Sanjiv Kumar.
#    "Long-tail learning via logit adjustment." *ICLR 2021*. arXiv:2007.07314 (the numbers above: v2, Table 3).
#    Code: https://github.com/google-research/google-research/tree/master/logit_adjustment
# 4. Yongshun Zhang, Xiu-Shen Wei, Boyan Zhou, Jianxin Wu. "Bag of Tricks for Long-Tailed Visual Recognition
#    with Deep Convolutional Neural Networks." *AAAI 2021*. The numbers above come from the official
#    repository's results table, `documents/trick_gallery.md` at commit 3ae52f4 (Cui et al.'s CIFAR-10-LT
#    data), not from the paper's printed tables; another version of that table, on Cao et al.'s data, gives
#    other numbers, with the same signs for the rows used here:
#    https://github.com/zhangyongshun/BagofTricks-LT/blob/3ae52f4090a840983ce60bb190658dfd0de39b39/documents/trick_gallery.md

# %% [markdown] lang="zh-TW"
# ## 參考文獻
# 1. Kaidi Cao, Colin Wei, Adrien Gaidon, Nikos Arechiga, Tengyu Ma. "Learning Imbalanced Datasets with
#    Label-Distribution-Aware Margin Loss." *Advances in Neural Information Processing Systems 32 (NeurIPS
#    2019)*. arXiv:1906.07413。程式碼：https://github.com/kaidic/LDAM-DRW
# 2. Yin Cui, Menglin Jia, Tsung-Yi Lin, Yang Song, Serge Belongie. "Class-Balanced Loss Based on Effective
#    Number of Samples." *CVPR 2019*. arXiv:1901.05555。程式碼：https://github.com/richardaecn/class-balanced-loss
# 3. Aditya Krishna Menon, Sadeep Jayasumana, Ankit Singh Rawat, Himanshu Jain, Andreas Veit, Sanjiv Kumar.
#    "Long-tail learning via logit adjustment." *ICLR 2021*. arXiv:2007.07314（上面的數字來自 v2 的表 3）。
#    程式碼：https://github.com/google-research/google-research/tree/master/logit_adjustment
# 4. Yongshun Zhang, Xiu-Shen Wei, Boyan Zhou, Jianxin Wu. "Bag of Tricks for Long-Tailed Visual Recognition
#    with Deep Convolutional Neural Networks." *AAAI 2021*。上面的數字來自官方儲存庫 commit 3ae52f4 版本的結果表 `documents/trick_gallery.md`
#    （使用 Cui 等人的 CIFAR-10-LT 資料），不是論文本身印出的表格；這個結果表的另一個版本（使用 Cao 等人的資料）數字不同，
#    但本課用到的幾列正負號相同：
#    https://github.com/zhangyongshun/BagofTricks-LT/blob/3ae52f4090a840983ce60bb190658dfd0de39b39/documents/trick_gallery.md
