# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 04 · Weights recomputed in every batch, and the infinite weight they hide
#
# **What you will learn:** what happens when the weights are recomputed from each batch's own labels, as
# in the reference's third example; why a class missing from a batch gets an infinite weight, why the
# loss still stays finite, and why it turns into inf and NaN as soon as label smoothing is on; and safe
# ways to do it.

# %% [markdown] lang="zh-TW"
# # 第 04 課 · 每個批次重新計算的權重，以及藏在裡面的無限大權重
#
# **你會學到：** 像參考答案的第三個範例那樣，用每個批次（batch）自己的標籤（label）重新計算類別權重（class weight）時，會發生什麼事；
# 為什麼批次中缺少的類別會得到無限大的權重，為什麼損失（loss）卻仍然是有限值，又為什麼一開啟標籤平滑（label smoothing），損失就會變成 inf 和 NaN；
# 以及安全的做法。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import math
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import scipy.stats
import torch

import classweights as cw

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. The reference example, reproduced
# Same data and model as lessons 02 and 03 (the reference answer and notebook: lesson 01, section "The two
# reference documents"). Inside the training loop, each batch of 32 computes its own
# weights, `1 / bincount(labels, minlength=3)`. `minlength=3` makes sure there are three counts even when
# class 2 is missing from the batch; the count of a missing class is then 0.

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考答案的範例
# 資料和模型都與第 02 課和第 03 課相同（參考答案和它的筆記本，請見第 01 課「兩份參考資料」一節）。
# 在訓練迴圈（training loop）裡，每個 32 筆資料的批次都會各自算出權重 `1 / bincount(labels, minlength=3)`。
# `minlength=3` 確保即使批次中沒有類別 2，也一定會有三個筆數；這時缺少的類別，筆數就是 0。

# %%
X_noise, y_noise = cw.noise_dataset(seed=0)

def per_batch_rule(labels):
    return 1.0 / torch.bincount(labels, minlength=3).float()  # en: = cw.batch_inverse_frequency(labels, 3)  # zh-TW: 等於 cw.batch_inverse_frequency(labels, 3)

run = cw.reference_training(X_noise, y_noise, weight=per_batch_rule, seed=0)
for epoch, loss in enumerate(run["last_batch_loss"]):
    print(cw.tr("Epoch: {e}, Loss: {l}", e=epoch, l=f"{loss:.4f}"))

missing = [i for i, w in enumerate(run["batch_weights"]) if torch.isinf(w).any()]
print(cw.tr("batches: {n}, with an infinite weight: {k}: {v}", n=len(run["batch_weights"]), k=len(missing), v=missing))
print(cw.tr("every batch loss is finite: {b}", b=all(math.isfinite(v) for v in run["batch_losses"])))

# %% [markdown] lang="en"
# The loop never shuffles, so the 10 are the same five batches in each of the two epochs. Look at the first
# batch with an infinite weight:

# %% [markdown] lang="zh-TW"
# 訓練迴圈從不打亂資料順序，所以這 10 個批次其實是同樣的 5 個，在兩個訓練週期各出現一次。
# 來看看第一個出現無限大權重的批次：

# %%
b = missing[0]
labels = y_noise[b * 32:(b + 1) * 32]  # en: batches come in order, the same 32 in every epoch  # zh-TW: 批次依序取出，每個訓練週期都是同樣的 32 個
print(cw.tr("batch {b}: samples per class {v}", b=b, v=torch.bincount(labels, minlength=3).tolist()))
print(cw.tr("its weights: {v}", v=[round(v, 4) for v in run["batch_weights"][b].tolist()]))
print(cw.tr("its loss: {l}", l=f"{run['batch_losses'][b]:.4f}"))

# %% [markdown] lang="en"
# ## 2. Why the loss stays finite
# `CrossEntropyLoss(weight=w)` with the mean reduction computes Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]. It only ever
# reads the weights of the classes that occur as targets. A class missing from the batch is never a
# target, so its weight, infinite or not, is never read. Replace it with any other number and the loss
# does not move. (A freshly initialised model, so not the loss the training run printed.)

# %% [markdown] lang="zh-TW"
# ## 2. 為什麼損失仍然是有限值
# 彙總方式（reduction）為平均（mean）時，`CrossEntropyLoss(weight=w)` 計算的是 Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]。
# 它只會讀取實際出現在目標標籤（target）中的那些類別的權重。
# 批次中缺少的類別從來不會是目標標籤，所以它的權重不論是不是無限大，都不會被讀到。
# 把它換成任何其他數字，損失都不會變。
# （這裡用的是剛初始化的模型，所以不是訓練時印出的那個損失。）

# %%
model = torch.nn.Linear(10, 3)
torch.manual_seed(0)
model.reset_parameters()
inputs = X_noise[b * 32:(b + 1) * 32]
w_inf = per_batch_rule(labels)
absent = int(torch.isinf(w_inf).nonzero()[0])
with torch.no_grad():
    logits = model(inputs)
    for value in (math.inf, 0.0, 5.0):
        w = w_inf.clone()
        w[absent] = value
        loss = torch.nn.CrossEntropyLoss(weight=w)(logits, labels)
        print(cw.tr("weight of the missing class {c} = {v}: loss = {l}", c=absent, v=value, l=f"{loss.item():.4f}"))

# %% [markdown] lang="en"
# The loss is finite because the formula happens not to read that weight, not because anything protects
# it: one more term that touches every class's weight is enough to break it.

# %% [markdown] lang="zh-TW"
# 損失之所以是有限值，只是因為公式剛好沒讀到那個權重，並不是有什麼機制在保護它：只要再多一個會用到每個類別權重的項，就足以讓它出問題。

# %% [markdown] lang="en"
# ## 3. Label smoothing turns the infinite weight into inf, then NaN
# With `label_smoothing=ε`, every sample's target is spread a little over **all** classes, and PyTorch's
# loss for a sample becomes (1 − ε) · w[y] · (−log p_y) + (ε / K) · Σ_c w_c · (−log p_c) (K classes): the second
# term includes the missing class's infinite weight. The loss of that batch is inf; its gradient holds NaN;
# the optimizer writes NaN into the parameters, and every loss after that is NaN.

# %% [markdown] lang="zh-TW"
# ## 3. 標籤平滑會把無限大的權重變成 inf，接著變成 NaN
# 設定 `label_smoothing=ε` 時，每個樣本的目標都會稍微分散到**所有**類別上，PyTorch 對一個樣本算出的損失就變成 (1 − ε) · w[y] · (−log p_y) + (ε / K) · Σ_c w_c · (−log p_c)（K 是類別數）：第二項也包括缺少的類別那個無限大的權重。
# 那個批次的損失是 inf，它的梯度（gradient）裡有 NaN；最佳化器（optimizer）會把 NaN 寫進參數（parameter）裡，之後的每一個損失都是 NaN。

# %%
model.zero_grad()
smoothed_loss = torch.nn.CrossEntropyLoss(weight=w_inf, label_smoothing=0.1)(model(inputs), labels)
smoothed_loss.backward()
print(cw.tr("the same batch with label_smoothing=0.1: loss = {l}", l=smoothed_loss.item()))
print(cw.tr("NaN in its gradient: {b}", b=torch.isnan(model.weight.grad).any().item()))

run_ls = cw.reference_training(X_noise, y_noise, weight=per_batch_rule, seed=0, label_smoothing=0.1)
first_bad = next(i for i, v in enumerate(run_ls["batch_losses"]) if not math.isfinite(v))
print(cw.tr("first non-finite batch loss: batch {b}, loss {l}", b=first_bad, l=run_ls["batch_losses"][first_bad]))
print(cw.tr("the next batch's loss: {l}", l=run_ls["batch_losses"][first_bad + 1]))
after = run_ls["batch_losses"][first_bad + 1:]
print(cw.tr("batch losses after it that are NaN: {k} of {n}", k=sum(map(math.isnan, after)), n=len(after)))
print(cw.tr("any NaN in the trained parameters: {b}",
            b=any(torch.isnan(p).any().item() for p in run_ls["model"].parameters())))

# %% [markdown] lang="en"
# Nothing stops the training: it runs to the end and returns a model with NaN in its parameters, silently.

# %% [markdown] lang="zh-TW"
# 沒有任何東西會讓訓練停下來：它會一路跑到最後，無聲無息地回傳一個參數裡有 NaN 的模型。

# %% [markdown] lang="en"
# ## 4. Safe ways
# **Best:** compute the weights once, on the whole training set, with `minlength` (or
# `cw.class_counts(labels, num_classes=K)`) so every class has a count.
#
# **If you really want per-batch weights:** use a rule that stays finite for a count of 0, such as
# `(1 + s) / (count + s)` on the batch counts (`cw.safe_batch_weights`; with s = 1 a missing class gets
# the weight 2 and a class seen once gets 1). Both train without a single non-finite loss, label smoothing included:

# %% [markdown] lang="zh-TW"
# ## 4. 安全的做法
# **最好的做法：** 只計算一次權重，用整個訓練集（training set）來算，並加上 `minlength`（或使用 `cw.class_counts(labels, num_classes=K)`），讓每個類別都有筆數。
#
# **如果你真的想在每個批次各自計算權重：** 請使用在筆數為 0 時仍保持有限的規則，例如對批次中的筆數套用 `(1 + s) / (count + s)`（`cw.safe_batch_weights`；s = 1 時，缺少的類別會得到權重 2，只出現一次的類別則得到 1）。
# 這兩種做法訓練時都不會出現任何非有限值的損失，連加上標籤平滑也一樣：

# %%
global_weights = cw.inverse_frequency(cw.class_counts(y_noise, num_classes=3))
safe_rule = lambda labels: cw.safe_batch_weights(labels, num_classes=3, smoothing=1.0)  # noqa: E731
print(cw.tr("safe weights for the batch above: {v}, all finite: {b}",
            v=[round(v, 4) for v in safe_rule(labels).tolist()], b=torch.isfinite(safe_rule(labels)).all().item()))
for name, weight in [("global 1/count", global_weights), ("safe per-batch", safe_rule)]:
    r = cw.reference_training(X_noise, y_noise, weight=weight, seed=0, label_smoothing=0.1)
    print(cw.tr("{name} with label smoothing: all batch losses finite = {b}", name=cw.tr(name),
                b=all(map(math.isfinite, r["batch_losses"]))))

# %% [markdown] lang="en"
# Safe means finite, nothing more: here the missing class gets 2.0, 29 times class 0's weight, and label
# smoothing reads it (lesson 03). With label smoothing, give a missing class 0 (exercise 04.1).

# %% [markdown] lang="zh-TW"
# 安全只代表有限：這裡缺少的類別拿到 2.0，是類別 0 的 29 倍，而標籤平滑會讀到它（第 03 課）。開啟標籤平滑時，請給缺少的類別 0（練習 04.1）。

# %% [markdown] lang="en"
# ## 5. What per-batch weights do to training
# With `1 / count` computed in a batch, every class present in that batch gets the same total weight,
# 1, however many samples it has there: in the batch above, the few class-1 samples together weigh as much
# as all the class-0 samples. Check it:

# %% [markdown] lang="zh-TW"
# ## 5. 每個批次各自計算的權重對訓練有什麼影響
# 在批次內計算 `1 / count` 時，批次中出現的每個類別都會得到相同的總權重 1，不論它在該批次裡有幾筆資料。
# 在上面那個批次裡，寥寥幾筆類別 1 的資料加起來，份量就和所有類別 0 的資料一樣重。
# 驗證看看：

# %%
w_batch = per_batch_rule(labels)
for c in range(3):
    n_c = int((labels == c).sum())
    total = (w_batch[c] * n_c).item() if n_c else 0.0
    print(cw.tr("class {c}: {n} samples in the batch, total weight {t}", c=c, n=f"{n_c:>2}", t=f"{total:.4f}"))

# %% [markdown] lang="en"
# On noise there is nothing to learn, so we compare the rules on lesson 02's learnable dataset, with the
# reference's loop trained longer (20 epochs, learning rate 0.01), on the **validation** set.

# %% [markdown] lang="zh-TW"
# 雜訊資料裡沒有東西可學，所以我們改在第 02 課那個學得會的資料集上比較這幾種規則：用參考答案的訓練迴圈，但訓練得更久：20 個訓練週期（epoch），學習率（learning rate）0.01，並在**驗證集**上比較。

# %%
splits = cw.lesson_blobs(seed=0)
(X_train, y_train), (X_val, y_val), (X_test, y_test) = splits["train"], splits["val"], splits["test"]
train_weights = cw.inverse_frequency(cw.class_counts(y_train, num_classes=3))
rules = {
    cw.tr("no weights"): None,
    cw.tr("global 1/count"): train_weights,
    cw.tr("per-batch 1/count"): per_batch_rule,
    cw.tr("safe per-batch"): safe_rule,
}
results, models = {}, {}
for name, weight in rules.items():
    models[name] = cw.reference_training(X_train, y_train, weight=weight, epochs=20, lr=0.01, seed=0)["model"]
    results[name] = cw.evaluate(models[name], X_val, y_val, num_classes=3)
val_counts = cw.class_counts(y_val, num_classes=3)
print(cw.tr("validation samples per class: {v}", v=val_counts.int().tolist()))
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# On this split, per-batch `1 / count` ends close to global `1 / count` in balanced accuracy, and corrects a
# little less: class 1's recall is lower (0.710 against 0.730) and class 0's higher (0.775 against 0.761). The
# safe per-batch rule corrects less still (class 1: 0.690, class 0: 0.812). Why would the rules differ at all?
# Not because of the missing classes: section 2 showed that a missing class's weight is never read.
#
# A first guess is the ratio w1 / w0 that each rule gives inside a batch. The next cell prints it, averaged
# over the batches that hold class 1, next to a better measure. With the mean reduction, each batch's loss is
# divided by that batch's own Σᵢ w[yᵢ] (section 2), so a sample of class c in batch b pulls on the model with
# the weight w_b[c] / Σᵢ w_b[yᵢ]. Add these up over one epoch for each class and divide by the class's count:
# that is the **effective weight** of one sample of the class, printed relative to class 0.

# %% [markdown] lang="zh-TW"
# 在這個切分上，每個批次各自計算的 `1 / count`，平衡準確率和全域的 `1 / count` 很接近，但補償得稍微少一點：類別 1 的召回率比較低（0.710 對 0.730），類別 0 的比較高（0.775 對 0.761）。
# 安全的每批次規則補償得更少（類別 1：0.690，類別 0：0.812）。
# 這些規則為什麼會有差別？原因不在缺少的類別：第 2 節已經看到，缺少的類別的權重根本不會被讀到。
#
# 第一個想到的，可能是每種規則在批次裡給出的比值 w1 / w0。下一個儲存格會印出這個比值在含有類別 1 的批次上的平均，旁邊再印出一個更好的衡量方式。
# 彙總方式為平均時，每個批次的損失都會除以該批次自己的 Σᵢ w[yᵢ]（第 2 節），所以批次 b 裡一個類別 c 的樣本，拉動模型的權重是 w_b[c] / Σᵢ w_b[yᵢ]。
# 把一個訓練週期裡每個類別的這些權重加總，再除以該類別的筆數，就得到該類別一個樣本的**有效權重**（effective weight）；印出的是相對於類別 0 的值。

# %%
def average_ratio(weight):
    # en: w1 / w0 inside a batch, averaged over the batches that hold class 1
    # zh-TW: 批次裡的 w1 / w0，在含有類別 1 的批次上取平均
    values = []
    for start in range(0, len(y_train), 32):
        batch = y_train[start:start + 32]
        if (batch == 1).any():
            w = weight(batch) if callable(weight) else weight
            values.append((w[1] / w[0]).item())
    return sum(values) / len(values)


# en: one sample's weight over an epoch, as the mean reduction applies it, relative to class 0
# zh-TW: 一個樣本在一個訓練週期裡、依平均彙總方式實際得到的權重，以類別 0 為基準
def effective_weight(weight, labels=y_train):
    total = torch.zeros(3, dtype=torch.float64)
    for start in range(0, len(labels), 32):
        batch = labels[start:start + 32]
        n = torch.bincount(batch, minlength=3).double()
        w = (weight(batch) if callable(weight) else weight).double()
        w = torch.where(n > 0, w, 0.0)  # en: a missing class is never read (section 2)  # zh-TW: 缺少的類別不會被讀到（第 2 節）
        total += w * n / (w * n).sum()  # en: each class's share: w[c]·n_c / Σᵢ w[yᵢ]  # zh-TW: 每個類別的占比：w[c]·n_c / Σᵢ w[yᵢ]
    per_sample = total / torch.bincount(labels, minlength=3).double()
    return per_sample / per_sample[0]


heads = [cw.tr("average w1 / w0")] + [cw.tr("effective, class {c}", c=c) for c in range(3)]
rows = [(name, [f"{average_ratio(rules[name]):.2f}"] + [f"{v:.2f}" for v in effective_weight(rules[name]).tolist()])
        for name in list(rules)[1:]]
print(cw.text_table(heads, rows))
example = torch.tensor([0] * 28 + [1] * 4)  # en: a batch of 28 class-0 and 4 class-1 samples  # zh-TW: 28 筆類別 0、4 筆類別 1 的批次
for name, rule in (("per-batch 1/count", per_batch_rule), ("safe per-batch", safe_rule)):
    w = rule(example)
    print(cw.tr("batch of 28 and 4, {name}: w1 / w0 = {r}, total weights of classes 0 and 1: {a}, {b}",
                name=cw.tr(name), r=f"{(w[1] / w[0]).item():.1f}", a=f"{28 * w[0].item():.2f}",
                b=f"{4 * w[1].item():.2f}"))

# %% [markdown] lang="en"
# On this split the average ratio misleads: per-batch `1 / count` gives class 1 a *larger* average ratio than
# the global weights (9.31 against 8.00), yet here it corrects less. A batch with a single class-1 sample has a huge
# ratio, but it cannot give that sample more than its share of one batch. The effective weight puts the three
# rules in the order of the table: class 1 gets 7.14 under global `1 / count`, 6.65 under per-batch `1 / count`
# and 5.27 under the safe rule; class 1's recall falls in the same order (0.730, 0.710, 0.690) and class 0's
# rises (0.761, 0.775, 0.812). For class 1 those gaps are two and four of its 100 validation samples, close
# to noise, and all of this is one split: section 6 checks it on eight.
#
# - Per-batch `1 / count` gives every class present the same share of a batch (section 5's check), so a batch
#   rich in class 1 gives it no larger share than a batch with one class-1 sample.
# - The safe rule's `+ 1` gives n samples of a batch the total weight 2n / (n + 1): 1.93 for 28 class-0
#   samples, 1.60 for 4 class-1 samples (`1 / count`: 1.00 each).

# %% [markdown] lang="zh-TW"
# 在這個切分上，平均比值會誤導我們：每批次的 `1 / count` 給類別 1 的平均比值比全域權重還*大*（9.31 對 8.00），在這裡補償得卻比較少。
# 一個只有 1 筆類別 1 資料的批次，比值雖然很大，但它能給那個樣本的，頂多就是一個批次裡的那一份。
# 有效權重排出的順序則和表格一致：類別 1 的有效權重在全域 `1 / count` 下是 7.14，每批次 `1 / count` 下是 6.65，安全規則下是 5.27；
# 類別 1 的召回率也依同樣的順序下降（0.730、0.710、0.690），類別 0 的則依序上升（0.761、0.775、0.812）。
# 對類別 1 來說，這些差距只是它在驗證集裡 100 筆資料中的 2 筆和 4 筆，和雜訊差不多；而且這全都只是一種切分，第 6 節會在八個切分上檢查。
#
# - 每批次的 `1 / count` 給批次中出現的每個類別相同的占比（第 5 節的驗證），所以類別 1 資料很多的批次，給它的占比並不比只有 1 筆類別 1 資料的批次大。
# - 安全規則的 `+ 1` 讓批次中的 n 筆資料得到總權重 2n / (n + 1)：28 筆類別 0 的資料得到 1.93，4 筆類別 1 的資料得到 1.60（`1 / count` 各給 1.00）。

# %% [markdown] lang="en"
# ## 6. The same comparison on eight data splits
# The next cell trains global and per-batch `1 / count` on eight splits
# (data seeds 0 to 7; the model's seed stays 0) and pairs them on each: class 0's validation recall
# (higher means less correction) and the mean effective weight of classes 1 and 2.

# %% [markdown] lang="zh-TW"
# ## 6. 在八個資料切分上做同樣的比較
# 下一個儲存格在八個切分上（資料種子 0 到 7，模型的種子固定為 0）分別訓練全域和每批次的 `1 / count`，並在每個切分上配對比較：
# 類別 0 的驗證集召回率（越高代表補償得越少），以及類別 1 和類別 2 有效權重的平均。

# %%
rows, differences, agree, val_seen = [], [], 0, set()
for seed in range(8):
    split = cw.lesson_blobs(seed=seed)
    (X_s, y_s), (X_v, y_v) = split["train"], split["val"]
    val_seen.add(tuple(cw.class_counts(y_v, num_classes=3).int().tolist()))
    pair = {"global 1/count": cw.inverse_frequency(cw.class_counts(y_s, num_classes=3)),
            "per-batch 1/count": per_batch_rule}
    recall_0, minority = {}, {}
    for name, weight in pair.items():
        trained = cw.reference_training(X_s, y_s, weight=weight, epochs=20, lr=0.01, seed=0)["model"]
        recall_0[name] = round(cw.evaluate(trained, X_v, y_v, num_classes=3)["recall"][0], 3)
        minority[name] = effective_weight(weight, y_s)[1:].mean().item()
    difference = round(recall_0["per-batch 1/count"] - recall_0["global 1/count"], 3)
    more_weight = minority["per-batch 1/count"] > minority["global 1/count"]
    agree += int(difference != 0 and (difference < 0) == more_weight)  # en: more weight, lower recall 0  # zh-TW: 權重較多、類別 0 召回率較低
    differences.append(difference)
    rows.append((cw.tr("seed {s}", s=seed), [f"{v:.3f}" for v in recall_0.values()] + [f"{difference:+.3f}"]
                 + [f"{v:.3f}" for v in minority.values()]))
heads = [cw.tr("recall 0: global"), cw.tr("per-batch"), cw.tr("difference"), cw.tr("eff.: global"), cw.tr("per-batch")]
print(cw.tr("validation samples per class, every split: {v}", v=sorted(val_seen)))
print(cw.text_table(heads, rows, min_col=10))
d = torch.tensor(differences, dtype=torch.float64)
half = scipy.stats.t.ppf(0.975, len(d) - 1) * d.std().item() / len(d) ** 0.5
print(cw.tr("per-batch minus global, recall 0: mean {m}, 95% interval [{lo}, {hi}], sample std {sd}",
            m=f"{d.mean().item():+.4f}", lo=f"{d.mean().item() - half:+.4f}", hi=f"{d.mean().item() + half:+.4f}",
            sd=f"{d.std().item():.4f}"))
print(cw.tr("per-batch 1/count corrected less (higher recall 0) on {k} of {n} splits", k=int((d > 0).sum()), n=len(d)))
print(cw.tr("the rule with more minority effective weight had the lower recall 0 on {k} of {n} splits",
            k=int(agree), n=len(d)))
print(cw.tr("two-sided sign test of {k} of {n}: p = {p}", k=int(agree), n=len(d),
            p=f"{scipy.stats.binomtest(int(agree), len(d)).pvalue:.3f}"))

# %% [markdown] lang="en"
# On seed 0 per-batch `1 / count` recalled class 0 more often (+0.014), but over the eight splits it does so
# on only 3; the mean difference is +0.0008, and its 95% interval, −0.0066 to +0.0081, holds 0. So neither
# "per-batch `1 / count` corrects less" nor its opposite holds: the differences are at most 0.014, eleven of
# class 0's 800 validation samples. What the splits suggest is the effective weight's role: on 7 of the 8, the
# rule with more minority effective weight has the lower class-0 recall (seed 7 is the exception, by 0.004).
# Seven of eight happens by chance 7% of the time (p = 0.070), and most gaps are a few samples.

# %% [markdown] lang="zh-TW"
# 在種子 0 上，每批次的 `1 / count` 讓類別 0 的召回率比較高（+0.014），但在八個切分中只有 3 個是這樣；
# 平均差異是 +0.0008，95% 信賴區間是 −0.0066 到 +0.0081，包含 0。
# 所以「每批次的 `1 / count` 補償得比較少」不成立，反過來的說法也不成立：差異最多 0.014，是類別 0 800 筆驗證資料中的 11 筆。
# 八個切分透露的是有效權重的作用：8 個切分中有 7 個，給少數類別較多有效權重的規則，類別 0 的召回率比較低（例外是種子 7，差 0.004）；純屬巧合也有約 7% 的機會出現 8 中 7（p = 0.070），而且多數差距只有幾筆資料。

# %% [markdown] lang="en"
# ## 7. Label smoothing with finite weights
# The next cell retrains two models of the table
# with `label_smoothing=0.1`, checks PyTorch's loss against section 3's formula divided by Σᵢ w[yᵢ], and asks
# PyTorch which probabilities minimise one class-0 sample's loss.

# %% [markdown] lang="zh-TW"
# ## 7. 有限的權重加上標籤平滑
# 下一個儲存格用 `label_smoothing=0.1` 把表格裡的兩個模型重新訓練一次，
# 拿第 3 節的公式（再除以 Σᵢ w[yᵢ]）和 PyTorch 的損失對照，並請 PyTorch 找出：哪一組機率能讓一個類別 0 樣本的損失最小。

# %%
smoothing_rows = []
for name in (cw.tr("no weights"), cw.tr("global 1/count")):
    for eps in (0.0, 0.1):
        m = results[name] if eps == 0 else cw.evaluate(cw.reference_training(
            X_train, y_train, weight=rules[name], epochs=20, lr=0.01, seed=0, label_smoothing=eps)["model"],
            X_val, y_val, num_classes=3)
        smoothing_rows.append((cw.tr("{name}, ε = {e}", name=name, e=eps), [f"{v:.3f}" for v in m["recall"]]
                               + [f"{m['balanced_accuracy']:.3f}"]))
print(cw.text_table([cw.tr("recall {c}", c=c) for c in range(3)] + [cw.tr("bal. acc.")], smoothing_rows))

torch.manual_seed(0)
z, y = torch.randn(32, 3, dtype=torch.float64), torch.randint(0, 3, (32,))
w, eps = train_weights.double(), 0.1
nll = -z.log_softmax(1)
by_hand = ((1 - eps) * w[y] * nll[torch.arange(32), y] + eps / 3 * (nll * w).sum(1)).sum() / w[y].sum()
torch_loss = torch.nn.functional.cross_entropy(z, y, weight=w, label_smoothing=eps)
print(cw.tr("PyTorch's loss equals the formula: {b}", b=torch.isclose(by_hand, torch_loss).item()))


# en: the probabilities that minimise PyTorch's loss for one sample of class 0
# zh-TW: 讓 PyTorch 對一個類別 0 樣本算出的損失最小的那組機率
def best_probabilities(weight, eps=0.1):
    logits = torch.zeros(1, 3, dtype=torch.float64, requires_grad=True)
    loss_fn = torch.nn.CrossEntropyLoss(weight=None if weight is None else weight.double(), label_smoothing=eps)
    optimizer = torch.optim.LBFGS([logits], max_iter=500, tolerance_grad=1e-12, tolerance_change=1e-15)

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(logits, torch.tensor([0]))
        loss.backward()
        return loss
    optimizer.step(closure)
    return [round(v, 3) for v in logits.detach().softmax(1)[0].tolist()]


for name in (cw.tr("no weights"), cw.tr("global 1/count")):
    print(cw.tr("{name}, ε = 0.1: probabilities minimising a class-0 sample's loss {p}",
                name=name, p=best_probabilities(rules[name])))

# %% [markdown] lang="en"
# Without weights, ε = 0.1 lowers the minorities' recalls (class 1: 0.380 to 0.310). With global `1 / count`,
# class 0's recall drops from 0.761 to 0.552 while the minorities' rise (class 2: 0.790 to 0.870). The check shows
# why: in the smoothing term of PyTorch's loss, each class c carries its own weight w_c. For a class-0 sample
# that term leans towards the minorities, whose weights are 8 times class 0's: its loss is smallest with 0.636
# on class 0, where without weights it is 0.933. Balanced accuracy fell in both rows (0.605 → 0.573 without
# weights, 0.760 → 0.737 with them, one split); what the weighted smoothing term changes is where the errors go:
# class 0's recall loses 167 of its 800 validation samples. Choose ε and the weights together, on the validation set.

# %% [markdown] lang="zh-TW"
# 不加權時，ε = 0.1 讓少數類別的召回率下降（類別 1：0.380 變成 0.310）。
# 用全域的 `1 / count` 時，類別 0 的召回率從 0.761 掉到 0.552，少數類別的召回率則上升（類別 2：0.790 變成 0.870）。
# 對照的結果說明了原因：在 PyTorch 損失的平滑那一項裡，每個類別 c 帶著自己的權重 w_c。
# 對類別 0 的樣本來說，這一項偏向權重是類別 0 八倍的少數類別：它的損失要在類別 0 分到 0.636 時才最小，不加權時則是 0.933。
# 兩列的平衡準確率都下降了（不加權 0.605 → 0.573，加權 0.760 → 0.737，單一切分）；加權的平滑項改變的是錯誤落在哪裡：類別 0 的召回率少了 800 筆驗證資料中的 167 筆。
# ε 和權重要一起在驗證集上選。

# %% [markdown] lang="en"
# ## 8. Choose on validation, then evaluate on the test set once, at the end
# We choose by **balanced accuracy on the validation set**. The next cell prints it
# for the three weighted rules, with macro-F1, and how much one validation sample of class 1 moves it.

# %% [markdown] lang="zh-TW"
# ## 8. 在驗證集上選擇，最後才用測試集評估一次
# 我們依**驗證集上的平衡準確率**來選。下一個儲存格會印出三種加權規則的平衡準確率和 macro-F1（各類別 F1 的平均），以及驗證集裡一筆類別 1 的資料能讓平衡準確率變動多少。

# %%
print(cw.tr("one class-1 sample moves balanced accuracy by 1 / (3 x {n}) = {d}",
            n=int(val_counts[1]), d=f"{1 / (3 * val_counts[1].item()):.3f}"))
rows = [(name, [f"{results[name]['balanced_accuracy']:.3f}", f"{results[name]['macro_f1']:.3f}"])
        for name in list(rules)[1:]]
print(cw.text_table([cw.tr("bal. acc."), "macro-F1"], rows))

# %% [markdown] lang="en"
# Global `1 / count` is highest (0.760), but per-batch `1 / count` (0.758) and the safe rule (0.757) are within
# 0.003 of it, about what one class-1 validation sample changes: on this validation set the three tie. Between
# tied rules we keep the simplest, global `1 / count`: it is computed once, and no batch can make it
# infinite. (The safe rule has the best macro-F1, 0.670: had
# macro-F1 been the metric, fixed before looking, we would keep that one.) The kept rule on the test set,
# evaluated once, at the end:

# %% [markdown] lang="zh-TW"
# 全域的 `1 / count` 最高（0.760），但每批次的 `1 / count`（0.758）和安全規則（0.757）與它的差距都在 0.003 以內，大約就是驗證集裡一筆類別 1 的資料造成的變動：在這個驗證集上，三者不分高下。
# 在不分高下的規則之間，我們留下最簡單的全域 `1 / count`：它只計算一次，也沒有哪個批次能讓它變成無限大。
# （安全規則的 macro-F1 最好，是 0.670：如果事先定好的指標是 macro-F1，我們就會留下它。）最後才用測試集評估一次，留下的全域 `1 / count` 在測試集上的數字如下：

# %%
kept = cw.tr("global 1/count")
print(cw.compare_metrics({kept: cw.evaluate(models[kept], X_test, y_test, num_classes=3)}))

# %% [markdown] lang="en"
# ## Summary
# - Per-batch `1 / bincount(labels, minlength=K)` gives a class missing from the batch an infinite weight.
# - Plain weighted cross-entropy never reads a missing class's weight, so the loss stays finite, by accident
#   of the formula.
# - With `label_smoothing > 0` every class's weight enters the loss: inf, then NaN in the parameters,
#   silently.
# - With the mean reduction, what a rule gives a class is its share of each batch's Σᵢ w[yᵢ], added up over the
#   epoch (its effective weight), not the ratio w1 / w0 inside a batch. Over eight splits, per-batch and global
#   `1 / count` differ in class 0's recall in no consistent direction.
# - With label smoothing, each class's weight enters the smoothing term: majority samples are pulled towards
#   the rare classes too.
# - Compute the weights once from the whole training set (every class counted); if you recompute per
#   batch, use a rule that is finite for a count of 0. Check `torch.isfinite` on your weights.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 在每個批次各自計算 `1 / bincount(labels, minlength=K)`，會讓批次中缺少的類別得到無限大的權重。
# - 單純的加權交叉熵（weighted cross-entropy）從來不會讀取缺少類別的權重，所以損失能保持有限值，只是公式剛好沒讀到它。
# - 當 `label_smoothing > 0` 時，每個類別的權重都會進入損失：先出現 inf，接著參數裡出現 NaN，而且完全無聲無息。
# - 彙總方式為平均時，一個規則真正給某個類別的，是它在每個批次 Σᵢ w[yᵢ] 中的占比，在整個訓練週期加總起來的結果（有效權重），而不是批次裡的比值 w1 / w0。
#   在八個切分上，每批次和全域的 `1 / count` 在類別 0 的召回率上沒有一致的差別方向。
# - 開啟標籤平滑時，每個類別的權重都會進入平滑的那一項：連多數類別的樣本也會被往少見的類別拉。
# - 只用整個訓練集計算一次權重（每個類別都要計入）；如果要在每個批次重新計算，請使用在筆數為 0 時仍保持有限的規則。
#   記得用 `torch.isfinite` 檢查你的權重。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 04.1.** Write a per-batch rule `my_rule(labels)` for 3 classes that returns a tensor of 3
# weights: `1 / count` for the classes present in the batch (the same ratios, so `cw.safe_batch_weights`
# does not qualify) and for a missing class a weight from 0 to the largest weight present.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 04.1。** 為 3 個類別寫一個每批次的權重規則 `my_rule(labels)`，回傳由 3 個權重組成的張量：批次中出現的類別用 `1 / count`（比值要完全相同，所以 `cw.safe_batch_weights` 不算），缺少的類別則給一個介於 0 和批次中出現的最大權重之間的權重。

# %%
my_rule = None  # en: def my_rule(labels): ... return one weight per class  # zh-TW: def my_rule(labels): ... 每個類別回傳一個權重
cw.check("04.1", my_rule)

# %% [markdown] lang="en"
# <details><summary>Solution 04.1</summary>
#
# Count with `minlength`, then give the missing classes any finite weight. They are never read without
# label smoothing; with it, 0 keeps them out of the smoothing term, while a positive weight pulls every sample
# towards a class the batch lacks (lesson 03): the check rejects one above the largest weight present.
# (`clamp(min=1)` only avoids computing 1 / 0 for the classes `torch.where` then replaces.)
# ```python
# def my_rule(labels):
#     counts = torch.bincount(labels, minlength=3).float()
#     return torch.where(counts > 0, 1.0 / counts.clamp(min=1), torch.zeros_like(counts))
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 04.1 解答</summary>
#
# 用 `minlength` 計數，再給缺少的類別任何有限的權重。沒有標籤平滑時這些權重根本不會被讀到；有標籤平滑時，設成 0 會讓它們不進入平滑的那一項，正的權重則會把每個樣本往批次裡沒有的類別拉（第 03 課）：權重比批次中出現的最大權重還大時，檢查不會通過。
# （`clamp(min=1)` 只是為了避免對那些之後會被 `torch.where` 換掉的類別計算 1 / 0。）
# ```python
# def my_rule(labels):
#     counts = torch.bincount(labels, minlength=3).float()
#     return torch.where(counts > 0, 1.0 / counts.clamp(min=1), torch.zeros_like(counts))
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 04.2 (predict, then check).** A batch of 32 holds 30 samples of class 0, 2 of class 1 and none of
# class 2. Under the safe rule with s = 1, what share of the batch's Σᵢ w[yᵢ] do the two class-1 samples hold
# together (a fraction between 0 and 1)? Guess it first, then compute it.

# %% [markdown] lang="zh-TW"
# **練習 04.2（先預測，再驗證）。** 一個 32 筆的批次裡，類別 0 有 30 筆、類別 1 有 2 筆、類別 2 沒有。
# 在 s = 1 的安全規則下，兩筆類別 1 的資料合起來，占這個批次 Σᵢ w[yᵢ] 的多少（介於 0 和 1 之間的小數）？先猜一個數字，再算出來。

# %%
answer_04_2 = None  # en: a number  # zh-TW: 一個數字
cw.check("04.2", answer_04_2)

# %% [markdown] lang="en"
# <details><summary>Solution 04.2</summary>
#
# About 0.41. With s = 1, w0 = 2 / 31 and w1 = 2 / 3. The two class-1 samples hold 2 · 2/3 = 4/3, the thirty
# class-0 samples 30 · 2/31 = 60/31, so the share is (4/3) / (4/3 + 60/31) = 31 / 76. Under `1 / count` it
# would be one half (each class present gets the same total weight): the `+ 1` matters far more for a count
# of 2 than for 30.
# ```python
# w0, w1 = (1 + 1) / (30 + 1), (1 + 1) / (2 + 1)
# answer_04_2 = 2 * w1 / (2 * w1 + 30 * w0)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 04.2 解答</summary>
#
# 大約 0.41。s = 1 時，w0 = 2 / 31，w1 = 2 / 3。兩筆類別 1 的資料合起來是 2 · 2/3 = 4/3，三十筆類別 0 的資料是 30 · 2/31 = 60/31，
# 所以占比是 (4/3) / (4/3 + 60/31) = 31 / 76。如果用 `1 / count`，占比會是一半（出現的每個類別得到相同的總權重）：
# 對筆數 2 來說，`+ 1` 的影響比對 30 大得多。
# ```python
# w0, w1 = (1 + 1) / (30 + 1), (1 + 1) / (2 + 1)
# answer_04_2 = 2 * w1 / (2 * w1 + 30 * w0)
# ```
#
# </details>
