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
# loss still stays finite, and why it turns into inf and NaN as soon as label smoothing is on; and a safe
# way to do it.

# %% [markdown] lang="zh-TW"
# # 第 04 課 · 每個批次重新計算的權重，以及藏在裡面的無限大權重
#
# **你會學到：** 像參考答案的第三個範例那樣，用每個批次（batch）自己的標籤（label）重新計算類別權重（class weight）時，會發生什麼事；
# 為什麼批次中缺少的類別會得到無限大的權重，為什麼損失（loss）卻仍然是有限值，又為什麼一開啟標籤平滑（label smoothing），損失就會變成 inf 和 NaN；
# 以及一種安全的做法。

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

import torch

import classweights as cw

device = cw.pick_device()
print("device:", device)

# %% [markdown] lang="en"
# ## 1. The reference example, reproduced
# Same data and model as lessons 02 and 03. Inside the training loop, each batch of 32 computes its own
# weights, `1 / bincount(labels, minlength=3)`. `minlength=3` makes sure there are three counts even when
# class 2 is missing from the batch; the count of a missing class is then 0.

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考答案的範例
# 資料和模型都與第 02 課和第 03 課相同。
# 在訓練迴圈（training loop）裡，每個 32 筆資料的批次都會各自算出權重 `1 / bincount(labels, minlength=3)`。
# `minlength=3` 確保即使批次中沒有類別 2，也一定會有三個筆數；這時缺少的類別，筆數就是 0。

# %%
X_noise, y_noise = cw.noise_dataset(seed=0)

def per_batch_rule(labels):
    return 1.0 / torch.bincount(labels, minlength=3).float()  # = cw.batch_inverse_frequency(labels, 3)

run = cw.reference_training(X_noise, y_noise, weight=per_batch_rule, seed=0)
for epoch, loss in enumerate(run["last_batch_loss"]):
    print(f"Epoch: {epoch}, Loss: {loss:.4f}")

missing = [i for i, w in enumerate(run["batch_weights"]) if torch.isinf(w).any()]
print(f"batches: {len(run['batch_weights'])}, with an infinite weight: {len(missing)}: {missing}")
print("every batch loss is finite:", all(math.isfinite(v) for v in run["batch_losses"]))

# %% [markdown] lang="en"
# The loop never shuffles, so the 10 are the same five batches in each of the two epochs (batch 17 of
# epoch 0 is batch 49 overall in epoch 1). Look at the first batch with an infinite weight:

# %% [markdown] lang="zh-TW"
# 訓練迴圈從不打亂資料順序，所以這 10 個批次其實是同樣的 5 個，在兩個訓練週期各出現一次（第 0 個訓練週期的批次 17，到了第 1 個訓練週期就是整體編號 49 的批次）。
# 來看看第一個出現無限大權重的批次：

# %%
b = missing[0]
labels = y_noise[b * 32:(b + 1) * 32]  # batches come in order, the same 32 batches in every epoch
print(f"batch {b}: samples per class {torch.bincount(labels, minlength=3).tolist()}")
print(f"its weights: {[round(v, 4) for v in run['batch_weights'][b].tolist()]}")
print(f"its loss:    {run['batch_losses'][b]:.4f}")

# %% [markdown] lang="en"
# ## 2. Why the loss stays finite
# `CrossEntropyLoss(weight=w)` with the mean reduction computes Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]. It only ever
# reads the weights of the classes that occur as targets. A class missing from the batch is never a
# target, so its weight, infinite or not, is never read. Replace it with any other number and the loss
# does not move. (We use a freshly initialised model here, so this loss is not the one the training run
# printed for the same batch.)

# %% [markdown] lang="zh-TW"
# ## 2. 為什麼損失仍然是有限值
# 彙總方式（reduction）為平均（mean）時，`CrossEntropyLoss(weight=w)` 計算的是 Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]。
# 它只會讀取實際出現在目標標籤（target）中的那些類別的權重。
# 批次中缺少的類別從來不會是目標標籤，所以它的權重不論是不是無限大，都不會被讀到。
# 把它換成任何其他數字，損失都不會變。
# （這裡用的是剛初始化的模型，所以這個損失和訓練過程中同一個批次印出的損失不同。）

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
        print(f"weight of the missing class {absent} = {value:>4}: loss = {loss.item():.4f}")

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
print(f"the same batch with label_smoothing=0.1: loss = {smoothed_loss.item()}")
print("NaN in its gradient:", torch.isnan(model.weight.grad).any().item())

run_ls = cw.reference_training(X_noise, y_noise, weight=per_batch_rule, seed=0, label_smoothing=0.1)
first_bad = next(i for i, v in enumerate(run_ls["batch_losses"]) if not math.isfinite(v))
print(f"first non-finite batch loss: batch {first_bad}, loss {run_ls['batch_losses'][first_bad]}")
print(f"the next batch's loss: {run_ls['batch_losses'][first_bad + 1]}")
print("any NaN in the trained parameters:", any(torch.isnan(p).any().item() for p in run_ls["model"].parameters()))

# %% [markdown] lang="en"
# Nothing stops the training: it runs to the end and returns a model made of NaN. That is the worst kind
# of failure, a silent one. (`cw.train` and `cw.per_class_loss` refuse infinite weights and non-finite
# losses with an error for this reason.)

# %% [markdown] lang="zh-TW"
# 沒有任何東西會讓訓練停下來：它會一路跑到最後，回傳一個全是 NaN 的模型。
# 這是最糟糕的一種失敗：無聲無息的失敗。
# （正因為如此，`cw.train` 和 `cw.per_class_loss` 遇到無限大的權重或非有限值的損失時，會直接拒絕並丟出錯誤。）

# %% [markdown] lang="en"
# ## 4. Safe ways
# **Best:** compute the weights once, on the whole training set, with `minlength` (or
# `cw.class_counts(labels, num_classes=K)`) so every class has a count. If a class has no sample at all
# in the training set, `1 / count` is infinite there too, and `cw.inverse_frequency` says so.
#
# **If you really want per-batch weights:** use a rule that stays finite for a count of 0, such as
# `(1 + s) / (count + s)` on the batch counts (`cw.safe_batch_weights`; with s = 1 a missing class gets
# the weight 2 and a class seen once gets 1). Both train without a single non-finite loss, label smoothing included:

# %% [markdown] lang="zh-TW"
# ## 4. 安全的做法
# **最好的做法：** 只計算一次權重，用整個訓練集（training set）來算，並加上 `minlength`（或使用 `cw.class_counts(labels, num_classes=K)`），讓每個類別都有筆數。
# 如果某個類別在訓練集中完全沒有任何樣本，`1 / count` 在那裡一樣是無限大，而 `cw.inverse_frequency` 會明確告訴你這一點。
#
# **如果你真的想在每個批次各自計算權重：** 請使用在筆數為 0 時仍保持有限的規則，例如對批次中的筆數套用 `(1 + s) / (count + s)`（`cw.safe_batch_weights`；s = 1 時，缺少的類別會得到權重 2，只出現一次的類別則得到 1）。
# 這兩種做法訓練時都不會出現任何非有限值的損失，連加上標籤平滑也一樣：

# %%
global_weights = cw.inverse_frequency(cw.class_counts(y_noise, num_classes=3))
safe_rule = lambda labels: cw.safe_batch_weights(labels, num_classes=3, smoothing=1.0)  # noqa: E731
print("safe weights for the batch above:", [round(v, 4) for v in safe_rule(labels).tolist()],
      "| all finite:", torch.isfinite(safe_rule(labels)).all().item())
for name, weight in [("global 1 / count", global_weights), ("safe per-batch", safe_rule)]:
    r = cw.reference_training(X_noise, y_noise, weight=weight, seed=0, label_smoothing=0.1)
    print(f"{name:>16} with label smoothing: all batch losses finite = {all(map(math.isfinite, r['batch_losses']))}")

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
    print(f"class {c}: {n_c:>2} samples in the batch, total weight {total:.4f}")

# %% [markdown] lang="en"
# On noise there is nothing to learn, so we compare the rules on the learnable dataset of lesson 02 (the
# same training, validation and test sets), with the reference's loop (batches of 32), trained longer
# (20 epochs, learning rate 0.01) so the models settle. We compare them on the **validation** set.

# %% [markdown] lang="zh-TW"
# 雜訊資料裡沒有東西可學，所以我們改在第 02 課那個學得會的資料集上比較這幾種規則。
# 我們使用同樣的訓練集、驗證集和測試集，以及參考答案的訓練迴圈（每個批次 32 筆），但訓練得更久：20 個訓練週期（epoch）、學習率（learning rate）0.01，好讓模型穩定下來，並在**驗證集**上比較。

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
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# Per-batch `1 / count` ends close to global `1 / count` in balanced accuracy, but it corrects a little less:
# class 1's recall is lower (0.710 against 0.730) and class 0's higher (0.775 against 0.761). The safe
# per-batch rule corrects less still (class 1: 0.690, class 0: 0.812). Why? Not because of the missing
# classes: section 2 showed that a missing class's weight is never read.
#
# A first guess is the ratio w1 / w0 that each rule gives inside a batch. The next cell prints it, averaged
# over the batches that hold class 1, next to a better measure. With the mean reduction, each batch's loss is
# divided by that batch's own Σᵢ w[yᵢ] (section 2), so a sample of class c in batch b pulls on the model with
# the weight w_b[c] / Σᵢ w_b[yᵢ]. Add these up over one epoch for each class and divide by the class's count:
# that is the **effective weight** of one sample of the class, printed relative to class 0.

# %% [markdown] lang="zh-TW"
# 每個批次各自計算的 `1 / count`，平衡準確率和全域的 `1 / count` 很接近，但補償得稍微少一點：類別 1 的召回率比較低（0.710 對 0.730），類別 0 的比較高（0.775 對 0.761）。
# 安全的每批次規則補償得更少（類別 1：0.690，類別 0：0.812）。
# 為什麼？原因不在缺少的類別：第 2 節已經看到，缺少的類別的權重根本不會被讀到。
#
# 第一個想到的，可能是每種規則在批次裡給出的比值 w1 / w0。下一個儲存格會印出這個比值在含有類別 1 的批次上的平均，旁邊再印出一個更好的衡量方式。
# 彙總方式為平均時，每個批次的損失都會除以該批次自己的 Σᵢ w[yᵢ]（第 2 節），所以批次 b 裡一個類別 c 的樣本，拉動模型的權重是 w_b[c] / Σᵢ w_b[yᵢ]。
# 把一個訓練週期裡每個類別的這些權重加總，再除以該類別的筆數，就得到該類別一個樣本的**有效權重**（effective weight）；印出的是相對於類別 0 的值。

# %%
def average_ratio(weight):
    """w1 / w0 inside a batch, averaged over the batches that hold class 1."""
    values = []
    for start in range(0, len(y_train), 32):
        batch = y_train[start:start + 32]
        if (batch == 1).any():
            w = weight(batch) if callable(weight) else weight
            values.append((w[1] / w[0]).item())
    return sum(values) / len(values)


def effective_weight(weight):
    """One sample's weight over an epoch, as the mean reduction applies it, relative to class 0."""
    total = torch.zeros(3, dtype=torch.float64)
    for start in range(0, len(y_train), 32):
        batch = y_train[start:start + 32]
        n = torch.bincount(batch, minlength=3).double()
        w = (weight(batch) if callable(weight) else weight).double()
        w = torch.where(n > 0, w, 0.0)  # a missing class is never read (section 2)
        total += w * n / (w * n).sum()  # each class's share of this batch: w[c]·n_c / Σᵢ w[yᵢ]
    per_sample = total / torch.bincount(y_train, minlength=3).double()
    return per_sample / per_sample[0]


print(f"{'':>18}  average w1 / w0 | effective weight: class 0, class 1, class 2")
for name in list(rules)[1:]:
    eff = effective_weight(rules[name])
    print(f"{name:>18}  {average_ratio(rules[name]):>15.2f} | {eff[0]:>22.2f} {eff[1]:>8.2f} {eff[2]:>8.2f}")
example = torch.tensor([0] * 28 + [1] * 4)  # a batch of 28 class-0 and 4 class-1 samples
for name, rule in (("1 / count", per_batch_rule), ("the safe rule", safe_rule)):
    w = rule(example)
    print(f"batch of 28 and 4, {name:>13}: w1 / w0 = {(w[1] / w[0]).item():.1f}, "
          f"total weight of class 0 and class 1: {28 * w[0].item():.2f} and {4 * w[1].item():.2f}")

# %% [markdown] lang="en"
# The average ratio points the wrong way: per-batch `1 / count` gives class 1 a *larger* average ratio than the
# global weights (9.31 against 8.00), yet it corrects less. A batch with a single class-1 sample has a huge
# ratio, but it cannot give that sample more than its share of one batch. The effective weight puts the three
# rules in the order of the table: class 1 gets 7.14 under global `1 / count`, 6.65 under per-batch `1 / count`
# and 5.27 under the safe rule; class 1's recall falls in the same order (0.730, 0.710, 0.690) and class 0's
# rises (0.761, 0.775, 0.812). For class 1 those gaps are two and four of its 100 validation samples, close to
# noise; class 0's, over 800 samples, are the clearer sign. For class 2 the two `1 / count` rules give almost the same effective weight
# (7.05 and 6.99), and the same recall (0.790).
#
# - Per-batch `1 / count` gives every class present the same share of a batch, however many samples it has
#   there (section 5's check), so a batch rich in class 1 gives it no larger share than a batch with a single
#   class-1 sample. Under the global weights a class's share of a batch grows with its count there.
# - The safe rule's `+ 1` pulls every batch's ratio towards 1 (7.0 becomes 5.8 in a batch of 28 and 4). A class
#   with n samples in a batch gets the total weight n · 2 / (n + 1), which grows with n towards 2: 1.93 for
#   the 28 class-0 samples, 1.60 for the 4 class-1 samples, where `1 / count` gives both 1.00. So the class
#   with the most samples in a batch (most often class 0, which holds 80 % of the data) takes a larger share
#   of the batch than under per-batch `1 / count`, and the other classes together a smaller one.
# - Even global `1 / count` gives class 1 less than its 8.00: a batch with many minority samples has a large
#   Σᵢ w[yᵢ], and that sum divides the weight of each of its samples.

# %% [markdown] lang="zh-TW"
# 平均比值指錯了方向：每批次的 `1 / count` 給類別 1 的平均比值比全域權重還*大*（9.31 對 8.00），補償得卻比較少。
# 一個只有 1 筆類別 1 資料的批次，比值雖然很大，但它能給那個樣本的，頂多就是一個批次裡的那一份。
# 有效權重排出的順序則和表格一致：類別 1 的有效權重在全域 `1 / count` 下是 7.14，每批次 `1 / count` 下是 6.65，安全規則下是 5.27；
# 類別 1 的召回率也依同樣的順序下降（0.730、0.710、0.690），類別 0 的則依序上升（0.761、0.775、0.812）。
# 對類別 1 來說，這些差距只是它 100 筆驗證資料中的 2 筆和 4 筆，和雜訊差不多；類別 0 有 800 筆資料，它的變化才是比較明確的訊號。
# 至於類別 2，兩種 `1 / count` 規則給的有效權重幾乎相同（7.05 和 6.99），召回率也相同（0.790）。
#
# - 每批次的 `1 / count` 給批次中出現的每個類別相同的占比，不論它在該批次裡有幾筆資料（第 5 節的驗證），
#   所以類別 1 資料很多的批次，給它的占比並不比只有 1 筆類別 1 資料的批次大。用全域權重時，一個類別在批次中的占比會隨它在該批次的筆數增加。
# - 安全規則的 `+ 1` 會把每個批次的比值往 1 拉近（在 28 筆和 4 筆的批次裡，7.0 變成 5.8）。
#   一個類別在批次中有 n 筆資料時，得到的總權重是 n · 2 / (n + 1)，n 越大就越接近 2：28 筆類別 0 的資料得到 1.93，4 筆類別 1 的資料得到 1.60，而 `1 / count` 給兩者的都是 1.00。
#   所以批次中筆數最多的類別（資料有 80 % 是類別 0，通常就是它）在批次裡的占比，會比用每批次 `1 / count` 時大，其他類別合起來的占比則比較小。
# - 連全域的 `1 / count` 給類別 1 的有效權重都不到它的 8.00：少數類別資料很多的批次，Σᵢ w[yᵢ] 也很大，每個樣本的權重都要除以這個總和，份量因此被稀釋。

# %% [markdown] lang="en"
# ## 6. Choose on validation, then read the test set once
# As in lesson 03 (and again in lesson 05), we choose by **balanced accuracy on the validation set**. The next cell prints it
# for the three weighted rules, with macro-F1, and how much one validation sample of class 1 moves it.

# %% [markdown] lang="zh-TW"
# ## 6. 在驗證集上選擇，再讀一次測試集
# 和第 03 課一樣（第 05 課也會這樣做），我們依**驗證集上的平衡準確率**來選。下一個儲存格會印出三種加權規則的平衡準確率和 macro-F1（各類別 F1 的平均），以及驗證集裡一筆類別 1 的資料能讓平衡準確率變動多少。

# %%
val_counts = cw.class_counts(y_val, num_classes=3)
print("validation samples per class:", val_counts.int().tolist())
print(f"one class-1 sample moves balanced accuracy by 1 / (3 x {int(val_counts[1])}) = "
      f"{1 / (3 * val_counts[1].item()):.3f}")
for name in list(rules)[1:]:
    print(f"{name:>18}: balanced accuracy {results[name]['balanced_accuracy']:.3f}, "
          f"macro-F1 {results[name]['macro_f1']:.3f}")

# %% [markdown] lang="en"
# Global `1 / count` is highest (0.760), but per-batch `1 / count` (0.758) and the safe rule (0.757) are within
# 0.003 of it, about what one class-1 validation sample changes: on this validation set the three tie. Between
# tied rules we keep the simplest, global `1 / count`: it is computed once, it is the same in every batch, and
# it never divides by a batch's count, so no batch can make it infinite, while per-batch `1 / count` costs a `bincount` per batch and hides an
# infinite weight that any added loss term can expose. (The safe rule has the best macro-F1, 0.670: had
# macro-F1 been the metric, fixed before looking, we would keep that one.) The kept rule's test-set numbers, read once:

# %% [markdown] lang="zh-TW"
# 全域的 `1 / count` 最高（0.760），但每批次的 `1 / count`（0.758）和安全規則（0.757）與它的差距都在 0.003 以內，大約就是驗證集裡一筆類別 1 的資料造成的變動：在這個驗證集上，三者不分高下。
# 在不分高下的規則之間，我們留下最簡單的全域 `1 / count`：它只計算一次，每個批次都一樣，也從不除以批次中的筆數，所以沒有哪個批次能讓它變成無限大；每批次的 `1 / count` 則每個批次都要多做一次 `bincount`，還藏著一個無限大的權重，任何額外加上的損失項都可能讓它現形。
# （安全規則的 macro-F1 最好，是 0.670：如果事先定好的指標是 macro-F1，我們就會留下它。）留下的全域 `1 / count` 在測試集上的數字如下，只讀這一次：

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
#   epoch (its effective weight), not the ratio w1 / w0 inside a batch.
# - Compute the weights once from the whole training set (every class counted); if you recompute per
#   batch, use a rule that is finite for a count of 0. Check `torch.isfinite` on your weights.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 在每個批次各自計算 `1 / bincount(labels, minlength=K)`，會讓批次中缺少的類別得到無限大的權重。
# - 單純的加權交叉熵（weighted cross-entropy）從來不會讀取缺少類別的權重，所以損失能保持有限值，只是公式剛好沒讀到它。
# - 當 `label_smoothing > 0` 時，每個類別的權重都會進入損失：先出現 inf，接著參數裡出現 NaN，而且完全無聲無息。
# - 彙總方式為平均時，一個規則真正給某個類別的，是它在每個批次 Σᵢ w[yᵢ] 中的占比，在整個訓練週期加總起來的結果（有效權重），而不是批次裡的比值 w1 / w0。
# - 只用整個訓練集計算一次權重（每個類別都要計入）；如果要在每個批次重新計算，請使用在筆數為 0 時仍保持有限的規則。
#   記得用 `torch.isfinite` 檢查你的權重。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 04.1.** Write a per-batch rule `my_rule(labels)` for 3 classes that returns a tensor of 3
# weights: `1 / count` for the classes present in the batch (the same ratios, so `cw.safe_batch_weights`
# does not qualify) and a finite weight for a missing class.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 04.1。** 為 3 個類別寫一個每批次的權重規則 `my_rule(labels)`，回傳由 3 個權重組成的張量：批次中出現的類別用 `1 / count`（比值要完全相同，所以 `cw.safe_batch_weights` 不算），缺少的類別則給有限的權重。

# %%
my_rule = None  # def my_rule(labels): ...  return one weight per class
cw.check("04.1", my_rule)

# %% [markdown] lang="en"
# <details><summary>Solution 04.1</summary>
#
# Count with `minlength`, then give the missing classes any finite weight. They are never read without
# label smoothing; with it, 0 keeps them out of the smoothing term, while `cw.safe_batch_weights` gives them
# a positive weight: both are finite, which one you want is a modelling choice. (`clamp(min=1)` only avoids
# computing 1 / 0 for the classes `torch.where` then replaces.)
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
# 用 `minlength` 計數，再給缺少的類別任何有限的權重。沒有標籤平滑時這些權重根本不會被讀到；有標籤平滑時，設成 0 會讓它們不進入平滑的那一項，而 `cw.safe_batch_weights` 則給它們正的權重：兩者都是有限值，要用哪一種是建模上的選擇。
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
answer_04_2 = None  # a number
cw.check("04.2", answer_04_2)

# %% [markdown] lang="en"
# <details><summary>Solution 04.2</summary>
#
# About 0.41. With s = 1, w0 = 2 / 31 and w1 = 2 / 3. The two class-1 samples hold 2 · 2/3 = 4/3, the thirty
# class-0 samples 30 · 2/31 = 60/31, so the share is (4/3) / (4/3 + 60/31) = 31 / 76. Under `1 / count` it
# would be one half (each class present gets the same total weight): adding 1 to a count of 2 changes it by
# half, adding 1 to 30 hardly changes it, so the rare class loses part of its share in every batch like this.
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
# 在筆數 2 上加 1，等於變動了一半；在 30 上加 1 則幾乎沒有差別，所以在每個像這樣的批次裡，少見的類別都會失去一部分占比。
# ```python
# w0, w1 = (1 + 1) / (30 + 1), (1 + 1) / (2 + 1)
# answer_04_2 = 2 * w1 / (2 * w1 + 30 * w0)
# ```
#
# </details>
