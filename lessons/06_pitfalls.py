# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 06 · Pitfalls of class weights, each one run
#
# **What you will learn:** nine ways class weights surprise people in practice, each shown by running it:
# the weighted mean's normalisation, weights on the wrong device, zero counts, label smoothing with
# weights, a batch where every target is ignored, weighting plus oversampling, float64 weights from
# scikit-learn, weights in another order than the labels, and probabilities passed where logits belong.

# %% [markdown] lang="zh-TW"
# # 第 06 課 · 類別權重的陷阱，逐一實際執行
#
# **你會學到：** 實務上類別權重（class weight）讓人意外的九種情況，每一種都實際執行給你看：
# 加權平均（weighted mean）的分母（除以什麼）、權重放錯裝置（device）、筆數為零的類別、標籤平滑（label smoothing）搭配權重、
# 每個目標標籤（target）都被忽略的批次（batch）、同時使用加權與過抽樣（oversampling）、scikit-learn 算出的 float64 權重、
# 權重順序和標籤編號不一致，以及把機率傳給該接收 logits 的損失函數。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import statistics
import subprocess
import sys
import textwrap

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import numpy as np
import torch
import torch.nn.functional as F
from scipy import stats

import classweights as cw

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

gen = torch.Generator().manual_seed(0)
logits = torch.randn(5, 3, generator=gen).to(device)
targets = torch.tensor([0, 1, 2, 1, 0], device=device)
weight = torch.tensor([1.0, 2.0, 3.0], device=device)

# %% [markdown] lang="en"
# ## 1. The weighted mean divides by the weights too
# With `reduction="mean"`, PyTorch divides the weighted sum by Σᵢ w[yᵢ], not by the number of samples.
# So a batch of **one** sample gets the same loss whatever its weight: the weight is on the top and on the
# bottom. Weights only act *between* samples of different classes in the same batch.

# %% [markdown] lang="zh-TW"
# ## 1. 加權平均也會除以權重
# 彙總方式（reduction）設為 `reduction="mean"` 時，PyTorch 會把加權後的總和除以 Σᵢ w[yᵢ]，而不是除以樣本（sample）數。
# 所以只有**一個**樣本的批次，不論它的權重是多少，損失（loss）都一樣：權重同時出現在分子和分母。
# 權重只會在同一個批次裡、不同類別的樣本*之間*發揮作用。

# %%
one_logit, one_target = logits[:1], targets[:1]
for w in (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([100.0, 2.0, 3.0])):
    w = w.to(device)
    loss = torch.nn.CrossEntropyLoss(weight=w)(one_logit, one_target)
    print(cw.tr("one sample of class {c}, weights {w}: loss = {v}", c=one_target.item(), w=w.tolist(),
                v=f"{loss.item():.4f}"))
    two = torch.nn.CrossEntropyLoss(weight=w)(logits[[0, 4]], targets[[0, 4]])  # en: samples 0 and 4, both class 0  # zh-TW: 樣本 0 和 4，都是類別 0
    print("  " + cw.tr("two samples, both of class 0: loss = {v}", v=f"{two.item():.4f}"))
print(cw.tr("no weights: loss = {v}", v=f"{torch.nn.CrossEntropyLoss()(one_logit, one_target).item():.4f}"))

# %% [markdown] lang="en"
# Without label smoothing (section 4), a batch of one sample, or of one class, gets the same loss (and so the
# same gradient) whatever the weights. If each
# sample's weight must count on its own, use `reduction="sum"` and divide by a fixed number you choose,
# such as the batch size. Neither way is wrong; know which denominator you get.

# %% [markdown] lang="zh-TW"
# 不做標籤平滑時（見第 4 節），只有一個樣本、或只有單一類別的批次，不論權重是多少，損失都一樣（所以梯度也一樣）。
# 如果每個樣本的權重必須各自發揮作用，請改用 `reduction="sum"`，再除以一個你選定的固定數字，例如批次大小。兩種做法都沒有錯，重點是知道分母是什麼。

# %% [markdown] lang="en"
# ## 2. Weights on a different device than the logits
# A weight tensor made on the CPU while the model runs on a GPU stops the loss with a device error. Here
# the `meta` device stands in for the second device, so the error shows on any machine:

# %% [markdown] lang="zh-TW"
# ## 2. 權重和 logits（未經 softmax 的原始分數）不在同一個裝置上
# 在 CPU 上建立的權重張量（tensor），如果模型是在 GPU 上執行，計算損失時就會因為裝置錯誤而中斷。
# 這裡用 `meta` 裝置代替第二個裝置，所以在任何機器上都看得到這個錯誤：

# %%
def show(err):
    # en: the error's type and its whole message, in lines that fit the projector
    # zh-TW: 錯誤的類型和完整的訊息，切成放得進投影畫面的幾行
    first, *rest = textwrap.wrap(f"{type(err).__name__}: {err}", 88)
    print(first)
    for line in rest:
        print(cw.tr("… {line}", line=line))


try:
    torch.nn.CrossEntropyLoss(weight=weight.to("meta"))(logits, targets)
except RuntimeError as err:
    show(err)
try:
    cw.per_class_loss(logits, targets, weight.to("meta"))
except ValueError as err:
    show(err)

# %% [markdown] lang="en"
# PyTorch's own message names the two devices; the package's says what to do: put the weights on the logits'
# device. The device-agnostic pattern: `CrossEntropyLoss` keeps `weight` as a buffer, so moving the loss module
# moves its weights, exactly like a model's parameters. Create the weights from the training labels, then
# move the model *and* the loss to the device once. (On an accelerator the second line below says the
# weights moved from cpu to it, for example cuda:0; here both are the CPU.)

# %% [markdown] lang="zh-TW"
# PyTorch 自己的訊息只說出兩個裝置；套件的訊息則說明該怎麼做：把權重放到 logits 所在的裝置上。
# 與裝置無關的寫法：`CrossEntropyLoss` 把 `weight` 存成緩衝區（buffer），所以搬移損失模組時，權重也會跟著搬過去，就跟模型的參數（parameter）一樣。
# 先用訓練資料的標籤（label）建立權重，再把模型*和*損失模組一起搬到裝置上，只要搬一次。（在有加速器的機器上，下面第二行會顯示權重從 cpu 搬到了加速器，例如 cuda:0；這裡兩者都是 CPU。）

# %%
train_labels = [0, 0, 0, 1, 2]  # en: a tiny training set's labels  # zh-TW: 一個很小的訓練集的標籤
criterion = torch.nn.CrossEntropyLoss(weight=cw.balanced(cw.class_counts(train_labels)))
print(cw.tr("buffers of the loss module: {b}", b=[name for name, _ in criterion.named_buffers()]))
before = criterion.weight.device
criterion = criterion.to(device)
print(cw.tr("weights moved from {a} to {b} | logits on: {c}", a=before, b=criterion.weight.device, c=logits.device))
print(cw.tr("loss: {v}", v=f"{criterion(logits, targets).item():.4f}"))

# %% [markdown] lang="en"
# ## 3. A class with no samples gives an infinite weight
# `1 / bincount(labels, minlength=K)` is `inf` for a class that does not occur, which is common with small
# datasets, splits, or batches (lesson 04).

# %% [markdown] lang="zh-TW"
# ## 3. 沒有樣本的類別會得到無限大的權重
# 對於沒有出現的類別，`1 / bincount(labels, minlength=K)` 的值是 `inf`；
# 這在小型資料集（dataset）、資料切分或批次中都很常見（第 04 課）。

# %%
labels = torch.tensor([0, 0, 0, 1, 1])
inverse = 1.0 / torch.bincount(labels, minlength=3).float()
print("1 / bincount(minlength=3):", [round(v, 4) for v in inverse.tolist()])
try:
    cw.inverse_frequency(cw.class_counts(labels, num_classes=3))
except ValueError as err:
    show(err)

# %% [markdown] lang="en"
# The message names the fixes: count every class on the whole training set; leave a class with no training
# samples out, or give it a weight taken from the counted classes. Smoothing is no fix (lesson 03).

# %% [markdown] lang="zh-TW"
# 錯誤訊息裡寫了修正方法：在整個訓練集上計算每個類別的筆數；整個訓練集都沒有樣本的類別，就把它拿掉，
# 或給它一個取自有筆數類別的權重。平滑化不是解決辦法（第 03 課）。

# %% [markdown] lang="en"
# ## 4. Label smoothing together with weights
# With `label_smoothing=ε`, each sample's target is spread over all classes, and PyTorch weights that
# spread with **every** class's weight. So a sample's loss now depends on the weights of classes it does
# not belong to. Change only class 2's weight on a batch with no class-2 sample:

# %% [markdown] lang="zh-TW"
# ## 4. 標籤平滑搭配權重
# 設定 `label_smoothing=ε` 時，每個樣本的目標會分散到所有類別上，而 PyTorch 會用**每一個**類別的權重來加權這些分散出去的部分。
# 因此，一個樣本的損失現在也取決於它不屬於的那些類別的權重。
# 在一個沒有類別 2 樣本的批次上，只改變類別 2 的權重：

# %%
batch_logits, batch_targets = logits[[0, 1, 3, 4]], targets[[0, 1, 3, 4]]  # en: classes 0 and 1 only  # zh-TW: 只有類別 0 和 1
for w2 in (3.0, 30.0):
    w = torch.tensor([1.0, 2.0, w2], device=device)
    plain = torch.nn.CrossEntropyLoss(weight=w)(batch_logits, batch_targets).item()
    smoothed = torch.nn.CrossEntropyLoss(weight=w, label_smoothing=0.1)(batch_logits, batch_targets).item()
    print(cw.tr("weight of class 2 = {w}: without label smoothing {a}, with label smoothing 0.1 {b}", w=f"{w2:>4}",
                a=f"{plain:.4f}", b=f"{smoothed:.4f}"))

# %% [markdown] lang="en"
# A second trap sits next to it: label smoothing is often done by hand with *probability* targets. For those,
# PyTorch's weighted mean divides by the number of samples, not by the sum of the targets' weights, so the
# same weights give a different loss for the same labels: hard = Σ w ℓ / Σᵢ w[yᵢ] and soft = Σ w ℓ / N, so
# their ratio is Σᵢ w[yᵢ] / N. Neither is wrong; know which one you get. The cell below uses one-hot
# probability targets (smoothing 0): the same labels, only the denominator differs.

# %% [markdown] lang="zh-TW"
# 另外還有一個相關的陷阱：標籤平滑常常是用*機率*（probability）形式的目標標籤手動實作的。
# 對這種目標標籤，PyTorch 的加權平均是除以樣本數，而不是除以各目標標籤權重的總和，所以同樣的標籤、同樣的權重，會得到不同的損失：類別索引形式的目標標籤是 Σ w ℓ / Σᵢ w[yᵢ]，機率形式的目標標籤是 Σ w ℓ / N，兩者的比值就是 Σᵢ w[yᵢ] / N。兩種都沒有錯，重點是知道自己用的是哪一種。
# 下面的儲存格用的是 one-hot 的機率目標標籤（平滑程度為 0）：標籤相同，只有分母不同。

# %%
hard = torch.nn.CrossEntropyLoss(weight=weight)(logits, targets).item()
soft = torch.nn.CrossEntropyLoss(weight=weight)(logits, F.one_hot(targets, 3).float()).item()
print(cw.tr("class-index targets: {a}   one-hot probability targets: {b}", a=f"{hard:.4f}", b=f"{soft:.4f}"))
print(cw.tr("their ratio: {a}   sum of the targets' weights / N: {b}", a=f"{soft / hard:.4f}",
            b=f"{(weight[targets].sum() / len(targets)).item():.4f}"))

# %% [markdown] lang="en"
# ## 5. Every target equal to `ignore_index` gives NaN
# Targets equal to `ignore_index` (-100 by default) are left out of the loss, top and bottom. If a batch has
# nothing else (padding only, or a fully masked sequence), the mean is 0 / 0:

# %% [markdown] lang="zh-TW"
# ## 5. 所有目標標籤都等於 `ignore_index` 時會得到 NaN
# 等於 `ignore_index`（預設為 -100）的目標標籤不會計入損失，分子和分母都不算。
# 如果批次中沒有其他目標標籤（只有填補（padding）用的標籤，或整個序列都被遮罩掉），平均就是 0 / 0：

# %%
all_ignored = torch.full((5,), -100, device=device)
all_ignored_loss = torch.nn.CrossEntropyLoss(weight=weight)(logits, all_ignored)
print(cw.tr("loss with every target ignored: {v}", v=all_ignored_loss.item()))

# %% [markdown] lang="en"
# This NaN does not spoil the model by itself. Every target is ignored, so no sample sends a gradient back: the
# gradient is exactly 0, and an optimizer step leaves the parameters finite. (The model of lesson 04 turned
# into NaN for another reason: there the loss was inf and its gradient held NaN.) Check it on a small model,
# one SGD step and one Adam step:

# %% [markdown] lang="zh-TW"
# 這個 NaN 本身並不會弄壞模型。每個目標標籤都被忽略了，沒有任何樣本會把梯度（gradient）傳回去：梯度全部是 0，最佳化器（optimizer）更新一步之後，參數仍然是有限值。
# （第 04 課的模型會變成 NaN，是另一個原因造成的：那裡的損失是 inf，而它的梯度裡有 NaN。）
# 在一個小模型上驗證看看，SGD 和 Adam 各更新一步：

# %%
torch.manual_seed(0)
model = torch.nn.Linear(3, 3).to(device)
for optimizer in (torch.optim.SGD(model.parameters(), lr=0.1), torch.optim.Adam(model.parameters(), lr=0.1)):
    optimizer.zero_grad()
    loss = torch.nn.CrossEntropyLoss(weight=weight)(model(logits), all_ignored)
    loss.backward()
    optimizer.step()
    print(cw.tr("{opt}: loss {v}, gradient all zero: {zero}, parameters finite after the step: {finite}",
                opt=f"{type(optimizer).__name__:>4}", v=loss.item(),
                zero=all(bool((p.grad == 0).all()) for p in model.parameters()),
                finite=all(bool(torch.isfinite(p).all()) for p in model.parameters())))
print(cw.tr("mean of the batch losses [0.9, nan, 0.8]: {v}", v=torch.tensor([0.9, loss.item(), 0.8]).mean().item()))

# %% [markdown] lang="en"
# The NaN does its harm elsewhere: in what you log (one such batch makes the mean loss of the epoch NaN, as the
# last line shows) and in any check that stops training on a non-finite loss. Skip such batches, or return 0
# for them (exercise 06.1 below).

# %% [markdown] lang="zh-TW"
# NaN 造成的傷害在別的地方：你記錄下來的數字（只要有一個這樣的批次，整個訓練週期的平均損失就會是 NaN，如最後一行所示），以及任何遇到非有限值損失就停止訓練的檢查。
# 請跳過這種批次，或是對它們回傳 0（見下方的練習 06.1）。

# %% [markdown] lang="en"
# ## 6. Weighting and oversampling at once
# Oversampling already makes each class appear about equally often. Adding inverse-frequency weights on top
# corrects the imbalance a second time, and the model now leans towards the rare classes. On the learnable
# dataset of lesson 02 (the same training and validation sets), compared on the validation set.
# Nothing is being chosen for use here, so the test set stays unread.

# %% [markdown] lang="zh-TW"
# ## 6. 同時使用加權和過抽樣
# 過抽樣本身就已經讓每個類別出現的次數大致相同。
# 如果再加上頻率倒數（inverse frequency）權重，就等於把不平衡又修正了一次，模型現在反而會偏向少數類別（minority class）。
# 在第 02 課那個學得會的資料集上（同樣的訓練集和驗證集），用驗證集來比較。
# 這裡並不是在挑選要實際使用的模型，所以測試集一次也不讀。

# %%
splits = cw.lesson_blobs(seed=0)
(X_train, y_train), (X_val, y_val) = splits["train"], splits["val"]
print(cw.tr("training samples per class: {v}", v=cw.class_counts(y_train).int().tolist()))
w_inv = cw.inverse_frequency(cw.class_counts(y_train))
results = {
    cw.tr("no weights"): cw.evaluate(cw.train(X_train, y_train, seed=0), X_val, y_val),
    cw.tr("weights"): cw.evaluate(cw.train(X_train, y_train, w_inv, seed=0), X_val, y_val),
    cw.tr("oversampling"): cw.evaluate(cw.train(X_train, y_train, seed=0, sampler=cw.oversampling_sampler(y_train)),
                                       X_val, y_val),
    cw.tr("both"): cw.evaluate(cw.train(X_train, y_train, w_inv, seed=0, sampler=cw.oversampling_sampler(y_train)),
                               X_val, y_val),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# On this split, weights alone and oversampling alone give similar numbers. Both together push further: class
# 0's recall drops well below either, and balanced accuracy, accuracy and macro-F1 all fall below either too.
# Is that luck? The next cell repeats the runs on five splits (seeds 0 to 4), paired as in lesson 05.

# %% [markdown] lang="zh-TW"
# 在這個切分上，只用權重和只用過抽樣，得到的數字差不多。
# 兩者一起用則會推得更遠：類別 0 的召回率（recall）遠低於任一種單獨使用時的結果，平衡準確率（balanced accuracy）、準確率（accuracy）和 macro-F1（各類別 F1 的平均）也都低於任一種單獨使用時。
# 這會不會只是這個切分剛好如此？下一個儲存格在五個切分（種子 0 到 4）上重做這幾種訓練，和第 05 課一樣做成對比較。

# %%
runs = {name: [results[cw.tr(name)]] for name in ("weights", "oversampling", "both")}  # en: seed 0: the table above  # zh-TW: 種子 0：上面的表格
for seed in range(1, 5):
    (X_s, y_s), (X_v, y_v) = cw.lesson_blobs(seed=seed)["train"], cw.lesson_blobs(seed=seed)["val"]
    w_s = cw.inverse_frequency(cw.class_counts(y_s))
    runs["weights"].append(cw.evaluate(cw.train(X_s, y_s, w_s, seed=0), X_v, y_v))
    runs["oversampling"].append(cw.evaluate(cw.train(X_s, y_s, seed=0, sampler=cw.oversampling_sampler(y_s)), X_v, y_v))
    runs["both"].append(cw.evaluate(cw.train(X_s, y_s, w_s, seed=0, sampler=cw.oversampling_sampler(y_s)), X_v, y_v))


def paired(base, get):
    # en: both minus one correction, split by split, in points: mean [95% t-interval] wins out of N
    # zh-TW: 兩者並用減去單一修正，逐一切分相減，單位是百分點：平均 [95% t 信賴區間] 勝場數 / N
    d = [round(100 * (get(a) - get(b)), 4) for a, b in zip(runs["both"], runs[base])]
    mean, half = statistics.mean(d), stats.t.ppf(0.975, len(d) - 1) * statistics.stdev(d) / len(d) ** 0.5
    return f"{mean:+.1f} [{mean - half:+.1f}, {mean + half:+.1f}] {sum(x > 0 for x in d)}/{len(d)}"


metrics = {"balanced accuracy": lambda r: r["balanced_accuracy"], "class-0 recall": lambda r: r["recall"][0],
           "macro-F1": lambda r: r["macro_f1"]}
print(cw.tr("both minus one correction on the same split, points: mean [95% interval] wins out of {n}", n=5))
print(cw.text_table([cw.tr("both minus {b}", b=cw.tr(base)) for base in ("weights", "oversampling")],
                    [(cw.tr(m), [paired(base, get) for base in ("weights", "oversampling")])
                     for m, get in metrics.items()], min_col=28))

# %% [markdown] lang="en"
# On all five splits, both together score below weights alone and below oversampling alone, in balanced
# accuracy, class-0 recall and macro-F1 (0 wins out of 5, every interval below 0). Use one correction, not two.

# %% [markdown] lang="zh-TW"
# 五個切分上都是如此：兩者並用的平衡準確率、類別 0 的召回率和 macro-F1，都低於只用權重、也低於只用過抽樣
# （5 次中勝 0 次，每個信賴區間都在 0 以下）。只用一種修正方式，不要兩種都用。

# %% [markdown] lang="en"
# ## 7. Weights from scikit-learn are float64
# `sklearn.utils.class_weight.compute_class_weight("balanced", ...)` returns a NumPy array of float64.
# `torch.tensor` keeps that type, while a model's logits are float32, and `CrossEntropyLoss` refuses to mix
# them. The fix is to give the weights the logits' type (and device) when you make the tensor.

# %% [markdown] lang="zh-TW"
# ## 7. scikit-learn 算出來的權重是 float64
# `sklearn.utils.class_weight.compute_class_weight("balanced", ...)` 回傳的是 float64 的 NumPy 陣列。
# `torch.tensor` 會沿用這個型別，但模型輸出的 logits 是 float32，`CrossEntropyLoss` 不接受兩種型別混用。
# 解決方法是在建立張量時，就讓權重採用 logits 的型別（以及裝置）。

# %%
from sklearn.utils.class_weight import compute_class_weight

w_sklearn = compute_class_weight("balanced", classes=np.arange(3), y=targets.cpu().numpy())
print(cw.tr("scikit-learn's weights: {w} | dtype: {t}", w=[round(v, 4) for v in w_sklearn.tolist()], t=w_sklearn.dtype))
try:
    torch.nn.CrossEntropyLoss(weight=torch.tensor(w_sklearn, device=device))(logits, targets)
except RuntimeError as err:
    print(cw.tr("RuntimeError (float64 weights, {t} logits); the message names Double: {d}", t=logits.dtype,
                d="Double" in str(err)))
w_fixed = torch.tensor(w_sklearn, dtype=logits.dtype, device=logits.device)
fixed_loss = torch.nn.CrossEntropyLoss(weight=w_fixed)(logits, targets)
print(cw.tr("with dtype=logits.dtype: loss {v}", v=f"{fixed_loss.item():.4f}"))
print(cw.tr("the same weights as cw.balanced: {same}",
            same=torch.allclose(w_fixed, cw.balanced(cw.class_counts(targets)).to(w_fixed))))

# %% [markdown] lang="en"
# ## 8. Weights in another order than the labels
# `weight[c]` belongs to the class whose **encoded** label is c. With text labels, scikit-learn's
# `LabelEncoder` numbers the classes in sorted order, which need not be the order in which you wrote them
# down. Weights listed in your own order then go to the wrong classes, and nothing raises an error:

# %% [markdown] lang="zh-TW"
# ## 8. 權重的順序和標籤的編號不一致
# `weight[c]` 屬於**編碼後**標籤為 c 的那個類別。標籤是文字時，scikit-learn 的 `LabelEncoder` 會依照排序後的順序替類別編號，
# 這不一定是你自己寫下類別的順序。這時照自己的順序列出來的權重就會給錯類別，而且不會出現任何錯誤訊息：

# %%
from sklearn.preprocessing import LabelEncoder

names = np.array(["cat"] * 80 + ["dog"] * 15 + ["bird"] * 5)
encoder = LabelEncoder().fit(names)
y_encoded = torch.tensor(encoder.transform(names))
print(cw.tr("classes in the encoder's order (labels 0, 1, 2): {c}", c=[str(c) for c in encoder.classes_]))

written = {"cat": 80, "dog": 15, "bird": 5}  # en: the order we wrote the classes in  # zh-TW: 我們寫下類別的順序
w_written = torch.tensor([len(names) / (3 * n) for n in written.values()])  # en: cat, dog, bird  # zh-TW: 依序是 cat、dog、bird
w_encoded = cw.balanced(cw.class_counts(y_encoded))  # en: indexed by the encoded labels  # zh-TW: 依編碼後的標籤排列
print(cw.text_table([cw.tr("class {i}: {c}", i=i, c=c) for i, c in enumerate(encoder.classes_)],
                    [(cw.tr(title), [f"{w[i].item():.3f}" for i in range(3)])
                     for title, w in (("weights in the written order", w_written),
                                      ("weights by encoded label", w_encoded))], min_col=8))
z = torch.randn(len(names), 3, generator=torch.Generator().manual_seed(0))  # en: a model's logits for the 100 samples  # zh-TW: 模型對這 100 筆資料的 logits
print(cw.tr("loss with the written-order weights: {a} | with the weights by encoded label: {b}",
            a=f"{torch.nn.CrossEntropyLoss(weight=w_written)(z, y_encoded).item():.4f}",
            b=f"{torch.nn.CrossEntropyLoss(weight=w_encoded)(z, y_encoded).item():.4f}"))

# %% [markdown] lang="en"
# In the written order the rarest class, bird, gets the smallest weight, 0.417, instead of 6.667, and the
# loss computes a number with either vector, without any error (last line). Compute the weights from the encoded labels (as `cw.balanced(cw.class_counts(y))`
# does), or build the vector in the encoder's order: `[weight_by_name[c] for c in encoder.classes_]`.

# %% [markdown] lang="zh-TW"
# 照自己寫下的順序時，最少見的類別 bird 反而得到最小的權重 0.417，而不是 6.667；不論用哪一組權重，損失函數都照樣算出一個數字，不會丟出錯誤（最後一行）。
# 請用編碼後的標籤來計算權重（就像 `cw.balanced(cw.class_counts(y))` 那樣），或是依照編碼器的順序組出權重向量：`[weight_by_name[c] for c in encoder.classes_]`。

# %% [markdown] lang="en"
# ## 9. Probabilities passed to `CrossEntropyLoss`
# `CrossEntropyLoss` expects logits and applies log-softmax itself. The reference answer (lesson 01, section
# "The two reference documents") says "`y_pred` represents the predicted probabilities for each class". Take that literally and
# feed it `softmax(logits)`, and softmax runs twice. Nothing raises an error. Below, the same batch and
# weights as before, the logits multiplied by a factor to play a model that grows more confident (here
# mostly wrongly: four of the five samples are misclassified). Gradients (grad: the gradient's size) are
# taken with respect to the logits, so both kinds of input (logits, probs = probabilities) measure the push
# the model gets:

# %% [markdown] lang="zh-TW"
# ## 9. 把機率傳給 `CrossEntropyLoss`
# `CrossEntropyLoss` 要的是 logits，它自己會先做 log-softmax。參考答案（見第 01 課「兩份參考資料」一節）寫道 "`y_pred` represents the predicted probabilities for each class"，也就是把損失函數的輸入稱為「預測的機率」。
# 如果照字面把 `softmax(logits)` 傳進去，softmax 就做了兩次，而且不會出現任何錯誤。
# 下面用和前面相同的批次和權重，把 logits 乘上一個倍數，模擬一個越來越有把握的模型（這裡大多是錯的：五個樣本中有四個分錯）。
# 表中的梯度是梯度向量的長度，都是對 logits 計算，所以「梯度，logits」和「梯度，機率」這兩欄量到的都是模型實際受到的推力：

# %%
print(cw.tr("predicted classes {p}, true classes {t}", p=logits.argmax(1).tolist(), t=targets.tolist()))
rows, per_sample, grads = [], {}, {}
for factor in (1, 4, 16):
    cells = []
    for as_probs in (False, True):
        z = (factor * logits).detach().requires_grad_()
        loss = torch.nn.CrossEntropyLoss(weight=weight)(z.softmax(dim=1) if as_probs else z, targets)
        loss.backward()
        cells += [f"{loss.item():.3f}", f"{z.grad.norm().item():.4f}"]
        grads[factor, as_probs] = z.grad.norm().item()
        per_sample[factor, as_probs] = z.grad.norm(dim=1)  # en: each sample's push  # zh-TW: 每個樣本受到的推力
    rows.append((f"logits x {factor}", [cells[0], cells[2], cells[1], cells[3]]))
print(cw.text_table([cw.tr("loss, logits"), cw.tr("loss, probs"), cw.tr("grad, logits"), cw.tr("grad, probs")],
                    rows, min_col=14))
print(cw.tr("logits x 1: the gradient on logits is {r} times the gradient on probabilities",
            r=f"{grads[1, False] / grads[1, True]:.1f}"))
print(cw.tr("each sample's loss on probabilities lies between {a} and {b}", a=f"{np.log(np.e + 2) - 1:.3f}",
            b=f"{np.log(np.e + 2):.3f}"))
print(cw.tr("logits x 16, weight of each sample's class: {w}", w=weight[targets].tolist()))
for as_probs, title in ((False, "gradient per sample, logits: {g}"), (True, "gradient per sample, probabilities: {g}")):
    print("  " + cw.tr(title, g=[round(v, 4) for v in per_sample[16, as_probs].tolist()]))

# %% [markdown] lang="en"
# Three things change. **The loss is squashed**: on probabilities each sample's loss can only lie between
# log(e + 2) − 1 = 0.551 and log(e + 2) = 1.551 (three classes), so even a perfect model keeps a loss of
# 0.551, and a confidently wrong one cannot score worse than 1.551. **The gradient shrinks and then
# vanishes**: it is already 5.8 times smaller at factor 1 and nearly 0 at factor 16, exactly where the
# model is wrong and most needs correcting. **The class weights have little left to act on**: with logits the
# misclassified samples' gradients follow their weights 1 : 2 : 3 (0.1571, 0.3143, 0.4712); with
# probabilities the weights still multiply each gradient, but 3 times close to 0 is still close to 0. Pass the logits;
# apply softmax only to read the probabilities out.

# %% [markdown] lang="zh-TW"
# 有三件事變了。**損失被壓扁了**：用機率時，每個樣本的損失只能落在 log(e + 2) − 1 = 0.551 和 log(e + 2) = 1.551 之間（三個類別），
# 所以即使模型完全正確，損失仍有 0.551；很有把握地分錯，損失也不會超過 1.551。
# **梯度變小，最後消失**：倍數為 1 時梯度就小了 5.8 倍，倍數為 16 時幾乎是 0，偏偏就是模型分錯、最需要修正的時候。
# **類別權重幾乎沒有東西可以作用**：用 logits 時，分錯的樣本的梯度依照它們的權重 1 : 2 : 3 排列（0.1571、0.3143、0.4712）；
# 用機率時，權重仍然會乘上每個梯度，但接近 0 的數乘上 3 還是接近 0。請把 logits 傳給損失函數；只有要讀出機率時才做 softmax。

# %% [markdown] lang="en"
# ## Summary
# - The weighted mean divides by the targets' weights: weights act between classes within a batch, and
#   (without label smoothing) do nothing for a batch of one sample.
# - Keep the weights where the logits are: make them a buffer of the loss module and move it with the model.
# - A zero count gives an infinite weight: count every class on the whole training set; a class with no
#   training samples at all, leave out or give a weight taken from the counted classes. Smoothing is no fix
#   (lesson 03).
# - Label smoothing mixes every class's weight into every sample's loss (lesson 04, section 7, trains with
#   it); probability targets change how the mean is normalised.
# - A batch where every target is ignored gives 0 / 0 = NaN as its loss; its gradient is 0, so the parameters
#   stay finite, but the NaN spoils what you log.
# - Weighting plus oversampling counts the imbalance twice: on five splits, both scored below either alone.
# - Weights from scikit-learn are float64: make the tensor with the logits' dtype and device.
# - `weight[c]` is for encoded label c: compute weights from the encoded labels, not in the order you wrote
#   them, unless it is the encoder's order.
# - `CrossEntropyLoss` takes logits: probabilities squash the loss, shrink the gradients and leave the weights
#   little to act on.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 加權平均會除以目標標籤的權重：權重在批次內的不同類別之間發揮作用，（不做標籤平滑時）對只有一筆資料的批次則毫無作用。
# - 權重要放在 logits 所在的裝置上：把它們設為損失模組的緩衝區，並和模型一起搬移。
# - 筆數為零會得到無限大的權重：請在整個訓練集上計算每個類別的筆數；整個訓練集都沒有樣本的類別，就把它拿掉，或給它一個取自有筆數類別的權重。
#   平滑化不是解決辦法（第 03 課）。
# - 標籤平滑會把每個類別的權重混進每個樣本的損失（第 04 課第 7 節用它搭配權重來訓練）；機率形式的目標標籤則會改變平均的分母。
# - 所有目標標籤都被忽略的批次，損失會是 0 / 0 = NaN；它的梯度是 0，所以參數仍是有限值，但這個 NaN 會汙染你記錄下來的數字。
# - 加權再加上過抽樣，會把不平衡算兩次：在五個切分上，兩者並用的分數都低於任一種單獨使用。
# - scikit-learn 算出的權重是 float64：建立張量時要採用 logits 的型別和裝置。
# - `weight[c]` 對應的是編碼後的標籤 c：請用編碼後的標籤計算權重；除非剛好和編碼器的順序相同，否則不要照自己寫下的順序排列。
# - `CrossEntropyLoss` 接收的是 logits：傳入機率會壓扁損失、縮小梯度，讓權重幾乎沒有東西可以作用。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 06.1.** Write `safe_mean_loss(logits, targets)`: the same as `torch.nn.CrossEntropyLoss()` (no
# weights, default `ignore_index=-100`), returning a tensor, but 0 instead of NaN when every target is ignored.
# That 0 must still be a tensor attached to the logits' graph, so that `loss.backward()` runs in a training loop.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 06.1。** 寫一個 `safe_mean_loss(logits, targets)`：和 `torch.nn.CrossEntropyLoss()`（不加權、預設 `ignore_index=-100`）相同，回傳一個張量，但在所有目標標籤都被忽略時回傳 0，而不是 NaN。
# 這個 0 仍然必須是連在 logits 計算圖上的張量，這樣在訓練迴圈裡 `loss.backward()` 才能執行。

# %%
safe_mean_loss = None  # en: a function: def safe_mean_loss(logits, targets): ...  # zh-TW: 一個函式：def safe_mean_loss(logits, targets): ...
cw.check("06.1", safe_mean_loss)

# %% [markdown] lang="en"
# <details><summary>Solution 06.1</summary>
#
# ```python
# def safe_mean_loss(logits, targets):
#     if (targets != -100).any():
#         return torch.nn.CrossEntropyLoss()(logits, targets)
#     return logits.sum() * 0.0  # zero, still attached to the graph
# ```
#
# `logits.sum() * 0.0` rather than `torch.tensor(0.0)`: it stays connected to the model, so
# `loss.backward()` still runs (giving zero gradients) in a training loop.
#
# </details>
#
# **Exercise 06.2.** Each setup below draws the batches with a `WeightedRandomSampler` and weights the loss.
# Which one, on average over an epoch, gives every class the same total weight as inverse-frequency loss
# weights alone with plain shuffling, so that the imbalance is corrected exactly once?
# (a) the sampler draws each sample with probability ∝ 1 / count of its class; loss weights 1 / count;
# (b) the sampler draws with probability ∝ 1 / count; loss weights 1 / sqrt(count);
# (c) the sampler draws with probability ∝ 1 / sqrt(count); loss weights 1 / sqrt(count).

# %% [markdown] lang="zh-TW"
# <details><summary>練習 06.1 解答</summary>
#
# ```python
# def safe_mean_loss(logits, targets):
#     if (targets != -100).any():
#         return torch.nn.CrossEntropyLoss()(logits, targets)
#     return logits.sum() * 0.0  # 零，但仍然連在計算圖上
# ```
#
# 用 `logits.sum() * 0.0` 而不是 `torch.tensor(0.0)`：它仍然和模型連在一起，所以在訓練迴圈裡 `loss.backward()` 照樣可以執行（得到全為零的梯度）。
#
# </details>
#
# **練習 06.2。** 下面每一種設定都用 `WeightedRandomSampler` 抽取批次，同時也對損失加權。
# 哪一種設定在一個訓練週期裡平均起來，給每個類別的總權重和「只用頻率倒數損失權重、一般隨機打亂」相同，也就是不平衡剛好只修正一次？
# (a) 抽樣器（sampler）抽中每個樣本的機率 ∝ 它所屬類別的 1 / 筆數；損失權重 1 / 筆數；
# (b) 抽樣器抽中的機率 ∝ 1 / 筆數；損失權重 1 / sqrt(筆數)；
# (c) 抽樣器抽中的機率 ∝ 1 / sqrt(筆數)；損失權重 1 / sqrt(筆數)。

# %%
answer_06_2 = None  # en: "a", "b" or "c"  # zh-TW: "a"、"b" 或 "c"
cw.check("06.2", answer_06_2)

# %% [markdown] lang="en"
# <details><summary>Solution 06.2</summary>
#
# (c). A class with n samples is drawn about n · (sampler weight) times, and each draw counts with its loss
# weight: (a) n · (1 / n) · (1 / n) = 1 / n, the imbalance corrected twice (section 6); (b) 1 / sqrt(n), one and
# a half times; (c) n · (1 / sqrt(n)) · (1 / sqrt(n)) = 1, the same for every class, like inverse-frequency
# weights alone (n · 1 / n = 1).
#
# ```python
# answer_06_2 = "c"
# ```
#
# </details>
# %% [markdown] lang="zh-TW"
# <details><summary>練習 06.2 解答</summary>
#
# (c)。有 n 筆資料的類別大約被抽到 n ·（抽樣權重）次，每抽到一次就以它的損失權重計入：
# (a) n · (1 / n) · (1 / n) = 1 / n，不平衡修正了兩次（第 6 節）；(b) 1 / sqrt(n)，修正了一次半；
# (c) n · (1 / sqrt(n)) · (1 / sqrt(n)) = 1，每個類別都一樣，和只用頻率倒數權重時相同（n · 1 / n = 1）。
#
# ```python
# answer_06_2 = "c"
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 06.3 (predict, then check).** Section 6's training set holds 800, 100 and 100 samples of
# classes 0, 1 and 2. You train with `cw.oversampling_sampler(y_train)` *and* the weights `w_inv` (1 / count).
# Over one epoch, add up w[y] over the samples the sampler draws, class by class. On average, what is class 1's
# sum divided by class 0's? (With the weights alone, without the sampler, the two sums are equal.) Predict it,
# then check.

# %% [markdown] lang="zh-TW"
# **練習 06.3（先預測，再驗證）。** 第 6 節的訓練集中，類別 0、1、2 分別有 800、100、100 筆資料。
# 你同時使用 `cw.oversampling_sampler(y_train)` *和*權重 `w_inv`（1 / 筆數）來訓練。
# 在一個訓練週期裡，把抽樣器抽到的樣本的 w[y] 按類別分別加總。平均來說，類別 1 的總和是類別 0 的幾倍？
# （只用權重、不用抽樣器時，這兩個總和相等。）先預測，再驗證。

# %%
answer_06_3 = None  # en: a number: class 1's sum / class 0's sum  # zh-TW: 一個數字：類別 1 的總和 / 類別 0 的總和
cw.check("06.3", answer_06_3)

# %% [markdown] lang="en"
# <details><summary>Solution 06.3</summary>
#
# 8. The sampler draws each class about equally often, a third of the draws each, so only the ratio of the
# weights is left: w1 / w0 = (1 / 100) / (1 / 800) = 8. The 800 to 100 imbalance is back, turned the other way:
# now the rare classes weigh more. That is section 6's "both" column.
#
# ```python
# answer_06_3 = (1 / 100) / (1 / 800)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 06.3 解答</summary>
#
# 8。抽樣器讓每個類別被抽到的次數大致相同，各占三分之一左右，所以只剩下權重的比值：w1 / w0 = (1 / 100) / (1 / 800) = 8。
# 原本 800 比 100 的不平衡又回來了，只是方向反過來：現在是少數類別比較重。這就是第 6 節「兩者並用」那一欄。
#
# ```python
# answer_06_3 = (1 / 100) / (1 / 800)
# ```
#
# </details>
