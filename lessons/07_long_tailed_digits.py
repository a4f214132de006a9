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
#   `CrossEntropyLoss(weight=w.to(device))`;
# - the long-tail recipes of the research literature side by side: class weights from the first epoch,
#   class-balanced weights, focal loss, deferred re-weighting (DRW), the logit-adjusted loss, post-hoc logit
#   adjustment and oversampling;
# - how to read a small benchmark honestly: means and spreads over seeds, two imbalance ratios, and a
#   comparison with what the papers report.
#
# Every lesson so far trained a linear model on 2-D points. Here the data are real: scikit-learn's 1,797
# handwritten digits of 8 × 8 pixels, shipped inside scikit-learn (nothing is downloaded).

# %% [markdown] lang="zh-TW"
# # 第 07 課 · 真實影像上的類別權重：在長尾分布的手寫數字上訓練小型 CNN
#
# **你會學到：**
# - 卷積神經網路（CNN）完整的小批次（mini-batch）訓練迴圈，包括 `DataLoader` 和 `CrossEntropyLoss(weight=w.to(device))`；
# - 並排比較研究文獻中處理長尾（long-tail）分布的方法：從第一個訓練週期（epoch）就加上類別權重（class weight）、類別平衡權重（class-balanced weights）、
#   focal loss（焦點損失）、延後重新加權（deferred re-weighting, DRW）、logit 調整損失（logit-adjusted loss）、事後 logit 調整，以及過抽樣（oversampling）；
# - 怎麼誠實地解讀一個小型基準測試（benchmark）：多個隨機種子的平均和變異、兩種不平衡比值，以及和論文報告的結果比較。
#
# 前面各課都是在二維的點上訓練線性模型。這一課用的是真實資料：scikit-learn 內建的 1,797 張 8 × 8 像素手寫數字，隨 scikit-learn 一起安裝（不需要下載任何東西）。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import statistics
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import matplotlib.pyplot as plt
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset

import classweights as cw

device = cw.pick_device()
if device.type == "mps":  # Apple's MPS has no float64, which this lesson trains in (section 2)
    device = torch.device("cpu")
print("device:", device)

# %% [markdown] lang="en"
# ## 1. A long-tailed training set, balanced validation and test sets
# The long-tail papers (Cui et al. 2019, Cao et al. 2019, Menon et al. 2021) build CIFAR-10-LT by keeping
# n_i = int(n_max · ρ^(−i/(K−1))) training images of class i, so that class 0 keeps n_max and the last class
# n_max / ρ, and they test on a balanced test set. `cw.long_tailed_digits(ratio)` does the same with the
# digits: digit 0 is the head, digit 9 the tail. Validation (20 images per digit) and test (50 per digit) are
# balanced, so their accuracy is the balanced accuracy.

# %% [markdown] lang="zh-TW"
# ## 1. 長尾分布的訓練集，以及平衡的驗證集和測試集
# 長尾論文（Cui 等人 2019、Cao 等人 2019、Menon 等人 2021）建立 CIFAR-10-LT 的方法，是讓類別 i 保留 n_i = int(n_max · ρ^(−i/(K−1))) 張訓練影像：
# 類別 0 保留 n_max 張，最後一個類別只剩 n_max / ρ 張；測試則使用平衡的測試集。`cw.long_tailed_digits(ratio)` 對手寫數字做同樣的事：
# 數字 0 是頭部（head），數字 9 是尾部（tail）。驗證集（每個數字 20 張）和測試集（每個數字 50 張）都是平衡的，所以它們的準確率就是平衡準確率。

# %%
data = cw.long_tailed_digits(ratio=10, seed=0)
for name, (X_, y_) in data.items():
    print(f"{name:>5}: {tuple(X_.shape)}, images per digit {torch.bincount(y_, minlength=10).tolist()}")

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
# mini-batches from a `DataLoader`. The class weights go into the loss, on the model's device. The network is
# built in float64 and fed float64 images, so that every printed number is the same on any CPU (a float32 start
# can differ between CPUs in its last bit, and training magnifies that; a GPU may still differ slightly). In
# your own work float32 is the default and is fine.

# %% [markdown] lang="zh-TW"
# ## 2. 完整的訓練迴圈，走一次
# 一個小型 CNN（`cw.small_cnn`：兩層 3 × 3 卷積，各接一個最大池化（max pooling），最後是一層線性層），用 `DataLoader` 提供的小批次訓練。
# 類別權重放進損失函數，而且要放在模型所在的裝置（device）上。這裡的網路一開始就用 float64 建立，輸入的影像也是 float64，讓每個印出來的數字在任何 CPU 上都相同
# （用 float32 初始化時，不同 CPU 可能在最後一個位元上就有差異，而訓練會把差異放大；GPU 上的結果仍可能略有不同）。你自己的專案用預設的 float32 就可以了。

# %%
def train_cnn(X, y, weight=None, seed=0, epochs=30, batch_size=64, lr=0.01):
    torch.manual_seed(seed)
    model = cw.small_cnn(channels=(8, 16), dtype=torch.float64).to(device)
    criterion = torch.nn.CrossEntropyLoss(weight=None if weight is None else weight.to(device))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    order = RandomSampler(range(len(y)), generator=torch.Generator().manual_seed(seed))
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, sampler=order)
    for _epoch in range(epochs):
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
    return model.eval()


(X_train, y_train), (X_val, y_val) = data["train"], data["val"]
X_train, X_val = X_train.double(), X_val.double()
counts = cw.class_counts(y_train, num_classes=10).double()  # float64 like the images: the loss needs one dtype
w_balanced = cw.balanced(counts)
print("balanced weights, digit 0 to 9:", [round(v, 2) for v in w_balanced.tolist()])
for name, weight in (("no weights", None), ("balanced", w_balanced)):
    model = train_cnn(X_train, y_train, weight)
    with torch.no_grad():
        acc = cw.per_class_accuracy(model(X_val.to(device)), y_val)
    print(f"{cw.scheme_name(name):<14} validation accuracy per digit "
          f"{[round(v, 2) for v in acc.tolist()]}, balanced accuracy {acc.mean().item():.3f}")

# %% [markdown] lang="en"
# One run is not evidence: here the weighted network does worse on validation (balanced accuracy 0.910 against
# 0.945), digit 9 included (0.65 against 0.7). With one seed and 20 validation images per digit, a single image
# moves a digit's accuracy by a twentieth. The next section trains five seeds of every recipe and reads a larger
# test set.

# %% [markdown] lang="zh-TW"
# 只訓練一次不能當作證據：這一次加權的網路在驗證集上反而比較差（平衡準確率 0.910，不加權是 0.945），數字 9 也一樣（0.65，不加權是 0.7）。
# 只有一個隨機種子、每個數字只有 20 張驗證影像時，一張影像就會讓一個數字的準確率變動二十分之一。下一節讓每種做法各訓練五個種子，並使用更大的測試集。

# %% [markdown] lang="en"
# ## 3. Eight recipes, two ratios, five seeds, trained together
# Each recipe changes one thing in the loop above:
#
# | recipe | what changes |
# |---|---|
# | CE (no weights) | nothing: plain cross-entropy |
# | balanced weights | `weight = N / (K n_c)` from the first epoch |
# | class-balanced | weights from the effective number of samples, β = 0.9999 as in the papers |
# | focal | focal loss with γ = 2, no weights |
# | CE-DRW | plain CE for the first 20 epochs, then the class-balanced weights for the last 10 (Cao et al. switch at epoch 160 of 200, together with a learning-rate drop; here Adam's learning rate stays constant) |
# | logit-adjusted loss | τ · log prior (≤ 0, lowest for the tail) added to the logits in the loss only; predictions use the raw logits (τ = 1) |
# | post-hoc logit adjustment | the CE models, with τ · log prior subtracted at prediction; τ chosen on validation |
# | oversampling | a `WeightedRandomSampler` that draws every digit equally often, no weights |

# %% [markdown] lang="zh-TW"
# ## 3. 八種做法、兩種比值、五個隨機種子，一起訓練
# 每一種做法只改動上面迴圈裡的一件事：
#
# | 做法 | 改了什麼 |
# |---|---|
# | CE（不加權） | 什麼都不改：一般的交叉熵 |
# | 平衡權重 | 從第一個訓練週期起使用 `weight = N / (K n_c)` |
# | 類別平衡權重 | 用有效樣本數（effective number of samples）算出的權重，和論文一樣取 β = 0.9999 |
# | focal | γ = 2 的 focal loss，不加權 |
# | CE-DRW | 前 20 個訓練週期用一般的 CE，最後 10 個改用類別平衡權重（Cao 等人是在 200 個訓練週期的第 160 個切換，同時調降學習率；這裡 Adam 的學習率維持不變） |
# | logit 調整損失 | 只在損失裡把 τ · log 先驗機率（prior，≤ 0，尾部最低）加到 logits 上；預測時用原始的 logits（τ = 1） |
# | 事後 logit 調整 | 沿用 CE 模型，預測時減去 τ · log 先驗機率；τ 在驗證集上選 |
# | 過抽樣 | 用 `WeightedRandomSampler` 讓每個數字被抽到的次數相同，不加權 |

# %% [markdown] lang="en"
# Seven of them need training: 7 × 5 seeds × 2 ratios = 70 networks. Trained one after another that takes
# minutes on a laptop; `cw.train_cnns` trains all the networks of one ratio together, stacking their parameters
# (`torch.func.stack_module_state`) and running every network's step in one `torch.func.vmap` call. Each
# network still draws its own batches from its own `torch.utils.data` sampler, and ends where the loop above
# would take it (the package's tests check it to 1e-8).

# %% [markdown] lang="zh-TW"
# 其中七種需要訓練：7 種 × 5 個種子 × 2 種比值 = 70 個網路。一個接一個訓練，在筆電上要花好幾分鐘；
# `cw.train_cnns` 則把同一個比值的所有網路一起訓練：把它們的參數疊在一起（`torch.func.stack_module_state`），每一步用一次 `torch.func.vmap` 同時算完所有網路。
# 每個網路仍然從自己的 `torch.utils.data` 抽樣器（sampler）抽自己的批次，最後得到的模型和上面的迴圈一樣（套件的測試檢查到 1e-8）。

# %%
RATIOS, SEEDS, EPOCHS = (10, 50), range(5), 30
STEEPEST = max(RATIOS)
TRAINED = ("no weights", "balanced", "effective number", "focal", "CE-DRW", "logit adjustment, in the loss",
           "oversampling")
lab = {}
for ratio in RATIOS:
    split = cw.long_tailed_digits(ratio, seed=0)
    (X, y), (Xv, yv), (Xt, yt) = [(a.double().to(device), b.to(device)) for a, b in split.values()]
    n = cw.class_counts(y, num_classes=10)
    cb = cw.effective_number(n, beta=0.9999)
    recipe = {
        "no weights": {}, "balanced": dict(weight=cw.balanced(n)), "effective number": dict(weight=cb),
        "focal": dict(gamma=2.0), "CE-DRW": dict(deferred_weight=cb, defer_epoch=20),
        "logit adjustment, in the loss": dict(logit_offsets=cw.logit_adjustment(n, tau=1.0)),
        "oversampling": dict(oversample=True),
    }
    runs = [cw.CNNRun(X, y, seed=s, **recipe[name]) for name in TRAINED for s in SEEDS]
    nets = cw.train_cnns(runs, epochs=EPOCHS, batch_size=64, channels=(8, 16))
    with torch.no_grad():
        keys = [(name, s) for name in TRAINED for s in SEEDS]
        logits = {key: (net(Xv), net(Xt)) for key, net in zip(keys, nets)}
    lab[ratio] = {"counts": n, "val": yv, "test": yt, "logits": logits}
    near = torch.allclose(cb / cb.sum(), cw.balanced(n) / cw.balanced(n).sum(), rtol=0.01)
    print(f"ratio {ratio}: training images per digit {n.int().tolist()}; {len(nets)} networks trained; "
          f"class-balanced weights within 1% of balanced ones (both rescaled to sum 1): {near}")

# %% [markdown] lang="en"
# ## 4. Choosing τ for post-hoc adjustment, on validation
# Post-hoc logit adjustment needs no training: it takes the CE networks and predicts
# argmax(logits − τ · log prior). τ is a knob, so it is chosen on the validation set: the τ with the best
# balanced accuracy, averaged over the five CE networks.

# %% [markdown] lang="zh-TW"
# ## 4. 在驗證集上選事後調整的 τ
# 事後 logit 調整不需要訓練：它沿用 CE 網路，預測時取 argmax(logits − τ · log 先驗機率)。τ 是一個可調整的參數，所以要在驗證集上選：
# 選出讓五個 CE 網路的平衡準確率平均最高的 τ。

# %%
taus = [round(0.1 * i, 1) for i in range(21)]
for ratio in RATIOS:
    r = lab[ratio]
    val_acc = {tau: statistics.mean(cw.tau_state(r["logits"][("no weights", s)][0], r["val"], r["counts"], tau)
                                    ["balanced_accuracy"] for s in SEEDS) for tau in taus}
    r["tau"] = max(taus, key=lambda tau: (round(val_acc[tau], 6), -tau))  # ties: the smaller tau
    print(f"ratio {ratio}: validation balanced accuracy at tau 0 {val_acc[0.0]:.3f}, "
          f"best tau {r['tau']} -> {val_acc[r['tau']]:.3f}")

# %% [markdown] lang="en"
# ## 5. The test set, read once
# Every choice is made. Balanced test accuracy, mean ± standard deviation over the five seeds (population
# formula), in percent as the papers give it:

# %% [markdown] lang="zh-TW"
# ## 5. 測試集只讀一次
# 所有選擇都已經做完。下面是測試集上的平衡準確率，五個隨機種子的平均 ± 標準差（母體公式），和論文一樣以百分比表示：

# %%
METHODS = ("no weights", "balanced", "effective number", "focal", "CE-DRW", "logit adjustment, in the loss",
           "logit adjustment, post-hoc", "oversampling")


def test_accuracy(ratio, name, seed):
    r = lab[ratio]
    if name == "logit adjustment, post-hoc":
        state = cw.tau_state(r["logits"][("no weights", seed)][1], r["test"], r["counts"], r["tau"])
        return torch.tensor(state["per_class"])
    return cw.per_class_accuracy(r["logits"][(name, seed)][1], r["test"])


per_class = {(ratio, name): torch.stack([test_accuracy(ratio, name, s) for s in SEEDS])
             for ratio in RATIOS for name in METHODS}
summary = {key: (100 * acc.mean(1).mean().item(), 100 * acc.mean(1).std(unbiased=False).item())
           for key, acc in per_class.items()}
LABEL = {"no weights": cw.tr("CE (no weights)"), "balanced": cw.tr("balanced weights"),
         "effective number": cw.tr("class-balanced (effective number)"), "focal": cw.tr("focal loss"),
         "CE-DRW": cw.tr("CE-DRW (deferred)"), "logit adjustment, in the loss": cw.tr("logit-adjusted loss"),
         "logit adjustment, post-hoc": cw.tr("post-hoc logit adjustment"), "oversampling": cw.tr("oversampling")}
print(cw.text_table([cw.tr("ratio {r}", r=ratio) for ratio in RATIOS],
                    [(LABEL[name], ["{:.1f} ± {:.1f}".format(*summary[(ratio, name)]) for ratio in RATIOS])
                     for name in METHODS],
                    min_col=16))

# %% [markdown] lang="en"
# Per digit, from head to tail, at ratio 50 (mean over the seeds):

# %% [markdown] lang="zh-TW"
# 比值 50 時，從頭部到尾部的各個數字（各種子的平均）：

# %% tags=["nbval-ignore-output"]
shown = ("no weights", "balanced", "CE-DRW", "logit adjustment, in the loss", "logit adjustment, post-hoc")
fig, ax = plt.subplots(figsize=(9, 4.2))
for name, marker in zip(shown, "osD^v"):
    ax.plot(range(10), per_class[(STEEPEST, name)].mean(0), marker=marker, lw=2, ms=7, label=LABEL[name])
ax.set_xticks(range(10))
ax.set_xlabel(cw.tr("digit (head to tail), training images per digit below"), fontsize=12)
ax.set_xticklabels([f"{d}\n{int(c)}" for d, c in enumerate(lab[STEEPEST]["counts"])], fontsize=11)
ax.set_ylabel(cw.tr("test accuracy"), fontsize=12)
ax.set_title(cw.tr("Accuracy per digit at ratio {r}, mean over {n} seeds", r=STEEPEST, n=len(SEEDS)), fontsize=13)
ax.legend(fontsize=11)
ax.grid(alpha=0.3)
plt.show()

# %%
head_tail = [(LABEL[name], [f"{per_class[(STEEPEST, name)].mean(0)[part].mean().item():.3f}"
                            for part in (slice(0, 3), slice(7, 10))])
             for name in shown]
print(cw.text_table([cw.tr("head (digits 0-2)"), cw.tr("tail (digits 7-9)")], head_tail))

# %% [markdown] lang="en"
# ## 6. Beside the papers
# The papers report top-1 accuracy on CIFAR-10-LT at ρ = 100 with a ResNet-32 trained for 200 epochs. Their
# numbers and ours cannot be compared directly (other images, another network, other ratios); what can be
# compared is each recipe's gain over plain CE.

# %% [markdown] lang="zh-TW"
# ## 6. 和論文並排比較
# 論文報告的是 CIFAR-10-LT 在 ρ = 100 時、ResNet-32 訓練 200 個訓練週期的 top-1 準確率。他們的數字和我們的不能直接比較（影像不同、網路不同、比值也不同）；
# 能比較的是每一種做法比一般 CE 多了多少。

# %%
papers = {  # CIFAR-10-LT, rho = 100, ResNet-32: Cui et al. 2019, Cao et al. 2019, Menon et al. 2021
    "no weights": 70.4, "effective number": 72.4, "focal": 70.4, "CE-DRW": 74.9,
    "logit adjustment, in the loss": 77.7, "logit adjustment, post-hoc": 77.4,
}
rows = []
for name in METHODS:
    ours, base = summary[(STEEPEST, name)][0], summary[(STEEPEST, "no weights")][0]
    theirs = [f"{papers[name]:.1f}", f"{papers[name] - papers['no weights']:+.1f}"] if name in papers else ["—", ""]
    rows.append((LABEL[name], [*theirs, f"{ours:.1f}", f"{ours - base:+.1f}"]))
heads = [cw.tr("papers"), cw.tr("gain"), cw.tr("ours, ratio {r}", r=STEEPEST), cw.tr("gain")]
print(cw.text_table(heads, rows, min_col=9))
print(cw.tr("(LDAM-DRW, {value} in the papers, is not run here.)", value=77.0))
menon_ce = 72.8  # Menon et al.'s own CE baseline on CIFAR-10-LT (balanced error 27.16)
print(cw.tr(
    "Menon et al.'s own CE baseline: {ce}; against it their gains are {loss} (in the loss) and {posthoc} (post-hoc)",
    ce=menon_ce, loss=f"{papers['logit adjustment, in the loss'] - menon_ce:+.1f}",
    posthoc=f"{papers['logit adjustment, post-hoc'] - menon_ce:+.1f}"))

# %% [markdown] lang="en"
# **What this small benchmark shows** (ratio 50, gains over CE in the last column):
# - **Where it agrees with the papers.** Deferred re-weighting gains on plain CE (+3.6; the papers: +4.5). The
#   focal loss without weights gains nothing (−0.1; the papers: +0.0). Logit adjustment, in the loss or
#   post-hoc, helps clearly (+4.8 and +4.3): less than the papers' +7.3 and +7.0 against Cao et al.'s CE, about
#   as much as against Menon et al.'s own CE baseline (+4.9 and +4.6).
# - **Where it does not.** Weights from the first epoch do better than deferring them here: balanced and
#   class-balanced weights have the best means (+5.4 and +5.5), ahead of DRW (+3.6) by about one standard
#   deviation, so not settled either. In the papers it is the other way round: DRW (+4.5) beats class-balanced
#   weights from the start (+2.0). The papers explain why early re-weighting does worse by what it does to a
#   deep network's features (and by overfitting the few tail images): a ResNet-32 trained for 200 epochs on
#   32 × 32 images. A CNN of two small layers on 8 × 8 digits, trained for 30 epochs, has little room for
#   either. Class-balanced weights are practically the balanced weights here: with β = 0.9999 the effective
#   number (1 − βⁿ) / (1 − β) is almost n for counts far below 1 / (1 − β) = 10,000, so the two sets of weights
#   agree within 1% once rescaled (section 3 checks it).
# - **Read the spreads.** Over five seeds the standard deviations at ratio 50 are 1.4 to 3.3 points, and the top
#   four (balanced, class-balanced, both logit adjustments) lie within about one standard deviation of each
#   other: this benchmark does not settle their order. At ratio 10 every recipe lies within 2 points of CE.
# - **Per digit.** The recipes buy the tail's accuracy (digits 7–9: 0.501 with CE, 0.719 with post-hoc
#   adjustment) with some of the head's (digits 0–2: 0.993 with CE, 0.959 with post-hoc adjustment, 0.983 with
#   balanced weights) and, for post-hoc adjustment, some of the middle digits' too (digits 3 and 5 in the
#   figure). Digit 6 stays accurate with 7 training images while digit 8 is the hardest with 3: a
#   digit's count is not all that matters, how easily it is confused with others does too.

# %% [markdown] lang="zh-TW"
# **這個小型基準測試告訴我們什麼**（比值 50，最後一欄是比 CE 多出的百分點）：
# - **和論文一致的地方。** 延後重新加權比一般 CE 好（+3.6；論文：+4.5）。不加權的 focal loss 完全沒有幫助（−0.1；論文：+0.0）。
#   logit 調整不論放在損失裡或是事後調整，都明顯有幫助（+4.8 和 +4.3）：比論文相對於 Cao 等人的 CE 所得到的 +7.3 和 +7.0 小，但和相對於 Menon 等人自己的 CE 基準（+4.9 和 +4.6）差不多。
# - **和論文不一致的地方。** 在這裡，從第一個訓練週期就加權反而比延後加權好：平衡權重和類別平衡權重的平均最高（+5.4 和 +5.5），高於 DRW（+3.6）大約一個標準差，所以這一點也還不能定論。
#   論文裡則相反：DRW（+4.5）勝過一開始就用類別平衡權重（+2.0）。論文解釋提早重新加權為什麼比較差，是因為它會影響深層網路學到的特徵（以及對少數幾張尾部影像過度擬合）：
#   那是 ResNet-32 在 32 × 32 影像上訓練 200 個訓練週期的情況。只有兩個小卷積層、在 8 × 8 數字上訓練 30 個訓練週期的 CNN，幾乎沒有發生這兩件事的空間。
#   類別平衡權重在這裡幾乎就等於平衡權重：β = 0.9999 時，只要筆數遠小於 1 / (1 − β) = 10,000，有效樣本數 (1 − βⁿ) / (1 − β) 就幾乎等於 n 本身，
#   所以兩組權重在重新縮放之後相差不到 1%（第 3 節有檢查）。
# - **看清楚變異有多大。** 比值 50 時，五個種子的標準差在 1.4 到 3.3 個百分點之間，而前四名（平衡權重、類別平衡權重、兩種 logit 調整）彼此的差距都在大約一個標準差以內：
#   這個基準測試無法排定它們的順序。比值 10 時，每一種做法和 CE 的差距都在 2 個百分點以內。
# - **逐個數字來看。** 這些做法是拿頭部的一些準確率（數字 0–2：CE 是 0.993，事後調整是 0.959，平衡權重是 0.983），換到尾部的準確率（數字 7–9：CE 是 0.501，事後調整是 0.719）；事後調整還犧牲了一些中段數字的準確率（圖中的數字 3 和 5）。
#   數字 6 只有 7 張訓練影像仍然很準，數字 8 有 3 張卻最難：一個數字有多少筆資料不是唯一的因素，它有多容易和其他數字混淆也有關係。

# %% [markdown] lang="en"
# ## 7. Explorer: post-hoc τ on a trained CNN
# One CE network (ratio 50, seed 0), its validation logits computed once. The slider moves τ in
# argmax(logits − τ · log prior); no retraining. Watch the tail digits gain and the head digits lose, and the
# balanced accuracy rise, peak and fall. The dashed outlines are the accuracies at τ = 0.

# %% [markdown] lang="zh-TW"
# ## 7. 探索工具：在訓練好的 CNN 上調整事後的 τ
# 一個 CE 網路（比值 50、種子 0），它在驗證集上的 logits 只算一次。滑桿（slider）調整的是 argmax(logits − τ · log 先驗機率) 裡的 τ，不需要重新訓練。
# 觀察尾部數字的準確率上升、頭部數字下降，以及平衡準確率先升後降。虛線外框是 τ = 0 時的準確率。

# %% tags=["nbval-ignore-output"]
r = lab[STEEPEST]
cw.tau_explorer(r["logits"][("no weights", SEEDS[0])][0].cpu(), r["val"].cpu(), r["counts"])

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
# **Exercise 07.2 (predict, then check).** At ratio 50, with balanced weights from the first epoch, how many
# times more does one training image of digit 9 weigh in the loss than one image of digit 0? Predict, then check
# with the counts that section 3 prints.

# %% [markdown] lang="zh-TW"
# **練習 07.2（先預測，再驗證）。** 比值 50 時，如果從第一個訓練週期起就用平衡權重，數字 9 的一張訓練影像在損失中的權重是數字 0 的一張影像的幾倍？
# 先預測，再用第 3 節印出的筆數驗證。

# %%
answer_07_2 = None  # a number: w_9 / w_0
cw.check("07.2", answer_07_2)

# %% [markdown] lang="en"
# <details><summary>Solution 07.2</summary>
#
# Balanced weights are N / (K n_c), so w_9 / w_0 = n_0 / n_9: the real counts, not the nominal 50.
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(50)["train"][1], num_classes=10)
# answer_07_2 = float(counts[0] / counts[9])
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 07.2 解答</summary>
#
# 平衡權重是 N / (K n_c)，所以 w_9 / w_0 = n_0 / n_9：要用實際的筆數，不是名目上的 50。
#
# ```python
# counts = cw.class_counts(cw.long_tailed_digits(50)["train"][1], num_classes=10)
# answer_07_2 = float(counts[0] / counts[9])
# ```
#
# </details>

# %% [markdown] lang="en"
# ## Summary
# - Real images, same loop: `CrossEntropyLoss(weight=w.to(device))`, the weights from the training counts, on
#   the model's device and in its dtype.
# - On long-tailed digits at ratio 50, every recipe but the focal loss raises the mean balanced test accuracy, by
#   3.4 to 5.5 points; logit adjustment (in the loss, or post-hoc with τ chosen on validation) is in the top
#   group, as in the papers, and here plain weights are as good.
# - In the papers' deep networks deferring the weights beats using them from the start, and an independent
#   re-run ("Bag of Tricks") even found inverse-frequency weights from epoch 0 worse than plain CE. For this
#   small CNN, weights from the first epoch do at least as well as DRW: a benchmark answers for its own data,
#   network and schedule, so run yours.
# - Many recipes, seeds and ratios: train them together (`cw.train_cnns`, `torch.func`) and report mean ± std.
# - Post-hoc logit adjustment is the cheapest recipe: one trained model and one knob, chosen on validation.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 換成真實影像，迴圈還是同一個：`CrossEntropyLoss(weight=w.to(device))`，權重來自訓練集的筆數，並且放在模型所在的裝置上、使用相同的資料型別（dtype）。
# - 在比值 50 的長尾手寫數字上，除了 focal loss 之外，每一種做法都讓測試集平衡準確率的平均提高了 3.4 到 5.5 個百分點；logit 調整（放在損失裡，或在驗證集上選 τ 的事後調整）屬於最好的那一群，和論文一致，而在這裡單純加權也一樣好。
# - 在論文的深層網路裡，延後加權勝過一開始就加權；另一份獨立的重做研究（"Bag of Tricks"）甚至發現從第 0 個訓練週期就用頻率倒數權重，比一般 CE 還差。
#   對這個小型 CNN 來說，從第一個訓練週期就加權至少和 DRW 一樣好：一個基準測試的結論只適用於它自己的資料、網路和訓練排程，所以請在你自己的問題上跑一次。
# - 很多種做法、很多隨機種子、很多比值：把它們一起訓練（`cw.train_cnns`、`torch.func`），並回報平均 ± 標準差。
# - 事後 logit 調整是成本最低的做法：只要一個訓練好的模型和一個在驗證集上選定的參數。
