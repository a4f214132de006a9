# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 03 · Smoothed inverse frequency, and why only the ratios of weights matter
#
# **What you will learn:** what the smoothed weights `(1 + s) / (count + s)` really are (the reference
# claims they are lower than `1 / count`; they are higher); why multiplying every weight by the same number
# changes nothing with `reduction="mean"`; and how large the smoothing factor must be before it changes
# what the classifier learns.

# %% [markdown] lang="zh-TW"
# # 第 03 課 · 平滑化（smoothing）頻率倒數（inverse frequency），以及為什麼只有權重的比值才重要
#
# **你會學到：** 平滑化權重 `(1 + s) / (count + s)` 到底是什麼（參考答案說它比 `1 / count` 低，其實它比較高）；
# 為什麼彙總方式（reduction）為 `reduction="mean"` 時，把每個權重都乘上同一個數字，結果完全不變；
# 以及平滑因子（smoothing factor）要多大，才會改變分類器學到的東西。

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

import matplotlib.pyplot as plt
import torch

import classweights as cw

device = cw.pick_device()
print("device:", device)

# %% [markdown] lang="en"
# ## 1. The reference example, reproduced
# Same data as lesson 02 (1000 samples, 10 noise features, labels drawn at 80 / 10 / 10, seeded), and the
# reference's smoothed weights with smoothing factor s = 0.1.

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考答案的範例
# 資料和第 02 課相同（1000 筆資料、10 個雜訊特徵，標籤依 80 / 10 / 10 的占比隨機抽出，並固定了隨機種子）；
# 權重則用參考答案的平滑化權重，平滑因子 s = 0.1。

# %%
X_noise, y_noise = cw.noise_dataset(seed=0)
counts = cw.class_counts(y_noise)
s = 0.1
smoothed = (1.0 + s) / (counts + s)  # the same as cw.smoothed_inverse_frequency(counts, 0.1)
inverse = 1.0 / counts

print("samples per class:       ", counts.tolist())
print("1 / count:               ", [round(w, 6) for w in inverse.tolist()])
print("(1 + s) / (count + s):   ", [round(w, 6) for w in smoothed.tolist()])
print("smoothed / inverse:      ", [round(r, 4) for r in (smoothed / inverse).tolist()])
print("every smoothed weight is higher:", bool((smoothed > inverse).all()))

# %% [markdown] lang="en"
# The reference prints smoothed weights its code cannot produce and says smoothing makes the weights
# lower. Running it shows the opposite: each weight is 1.0989 to 1.0999 times its `1 / count`. That holds for
# every count above 1: (1 + s) / (n + s) > 1 / n  ⟺  n + sn > n + s  ⟺  n > 1. Smoothing pulls the weights
# *towards 1*, so weights below 1 go up.
#
# The comment's numbers are wrong in a second way, one that matters more: their *order*. The reference answer's
# comment gives [1.0122, 0.1099, 0.1099], and class 0 is the majority class:

# %% [markdown] lang="zh-TW"
# 參考答案印出了它的程式碼根本算不出來的平滑化權重，還說平滑化會讓權重變低。
# 實際執行的結果正好相反：每個權重都是對應 `1 / count` 的 1.0989 到 1.0999 倍。
# 只要筆數大於 1，都是如此：(1 + s) / (n + s) > 1 / n  ⟺  n + sn > n + s  ⟺  n > 1。
# 平滑化會把權重*往 1 拉近*，所以小於 1 的權重會變大。
#
# 註解裡的數字還錯在第二個地方，而且這個錯更要緊：它們的*大小順序*。參考答案的註解寫的是 [1.0122, 0.1099, 0.1099]，而類別 0 是多數類別：

# %%
claimed = torch.tensor([1.0122, 0.1099, 0.1099])  # the weights in the reference answer's comment
print("majority class:                                 ", counts.argmax().item())
print("largest weight in the comment goes to class     ", claimed.argmax().item(),
      f"({(claimed[0] / claimed[1]).item():.1f} times the others)")
print("largest weight the code computes goes to class  ", smoothed.argmax().item())

# %% [markdown] lang="en"
# The comment ranks the classes upside down: it gives the **majority** class the largest weight, about nine
# times the minorities', which would push the model even further towards class 0. Any inverse-frequency
# scheme, smoothed or not, gives the largest weight to the *rarest* class, as the code does.
#
# But does the size of the weights matter? Look at the weights relative to class 0's:

# %% [markdown] lang="zh-TW"
# 註解把類別的排序整個弄反了：它給**多數類別**最大的權重，大約是少數類別的九倍，這只會把模型更往類別 0 推。
# 任何頻率倒數的方案，不論有沒有平滑化，都會把最大的權重給*最少見*的類別，程式碼算出來的也正是如此。
#
# 不過，權重的大小真的重要嗎？來看看各個權重相對於類別 0 權重的比值：

# %%
print("1 / count, relative to class 0:", [round(r, 4) for r in (inverse / inverse[0]).tolist()])
print("smoothed,  relative to class 0:", [round(r, 4) for r in (smoothed / smoothed[0]).tolist()])

# %% [markdown] lang="en"
# The ratios are almost the same. Train the reference loop with both, and with `1 / count` multiplied by
# 1000, all from the same starting point:

# %% [markdown] lang="zh-TW"
# 兩組比值幾乎一樣。
# 我們用參考答案的訓練迴圈訓練三次：分別用這兩組權重，以及乘上 1000 的 `1 / count`，三次都從相同的起點開始：

# %%
runs = {
    "1 / count": cw.reference_training(X_noise, y_noise, weight=inverse, seed=0),
    "smoothed, s = 0.1": cw.reference_training(X_noise, y_noise, weight=smoothed, seed=0),
    "1000 x (1 / count)": cw.reference_training(X_noise, y_noise, weight=1000 * inverse, seed=0),
}
reference_params = torch.cat([p.detach().flatten() for p in runs["1 / count"]["model"].parameters()])
for name, run in runs.items():
    params = torch.cat([p.detach().flatten() for p in run["model"].parameters()])
    difference = (params - reference_params).abs().max().item()
    decade = math.floor(math.log10(difference)) if difference > 0 else None
    if name == "1 / count":
        shown = "(this is the run compared with)"
    elif difference < 1e-6:
        shown = "below 1e-6 (float rounding)"
    else:
        shown = f"between 1e{decade} and 1e{decade + 1}"
    print(f"{name:>20}: last-batch loss per epoch {[round(v, 4) for v in run['last_batch_loss']]}, "
          f"largest parameter difference from '1 / count': {shown}")

# %% [markdown] lang="en"
# Multiplying by 1000 changes nothing beyond float rounding (a difference below 10⁻⁶, the last digits of a
# float32), and s = 0.1 changes the parameters only in the fifth decimal (a difference between 10⁻⁵ and
# 10⁻⁴). Why?

# %% [markdown] lang="zh-TW"
# 乘上 1000 之後，除了浮點數的捨入誤差，什麼都沒變（差異小於 10⁻⁶，只是 float32 最後幾位數的誤差）；s = 0.1 也只讓參數在小數點後第五位出現差別（差異介於 10⁻⁵ 和 10⁻⁴ 之間）。為什麼會這樣？

# %% [markdown] lang="en"
# ## 2. What `reduction="mean"` does with the weights
# With weights, PyTorch's mean is Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]: a **weighted average**. Multiplying every
# weight by c multiplies the top and the bottom by c, so the loss, and its gradient, do not change. Only
# the ratios between the weights matter. With `reduction="sum"` there is no denominator: the loss and its
# gradient are multiplied by c. One batch shows it:

# %% [markdown] lang="zh-TW"
# ## 2. `reduction="mean"` 怎麼處理權重
# 加了權重之後，PyTorch 算的平均是 Σᵢ w[yᵢ]·lossᵢ / Σᵢ w[yᵢ]，也就是**加權平均**（weighted average）。
# 每個權重都乘上 c 時，分子和分母會一起乘上 c，所以損失和梯度（gradient）都不變。
# 真正有影響的，只有權重之間的比值。
# 用 `reduction="sum"` 時沒有分母，損失和梯度都會變成 c 倍。
# 拿一個批次（batch）來算就看得出來：

# %%
model = torch.nn.Linear(10, 3)
torch.manual_seed(0)
model.reset_parameters()
inputs, labels = X_noise[:32], y_noise[:32]

def loss_and_grad_norm(weight, reduction):
    model.zero_grad()
    loss = torch.nn.CrossEntropyLoss(weight=weight, reduction=reduction)(model(inputs), labels)
    loss.backward()
    return loss.item(), model.weight.grad.norm().item()

for reduction in ("mean", "sum"):
    loss_1, grad_1 = loss_and_grad_norm(inverse, reduction)
    loss_1000, grad_1000 = loss_and_grad_norm(1000 * inverse, reduction)
    print(f"{reduction:>4}: loss with weights x 1: {loss_1:.5g}, x 1000: {loss_1000:.5g};  "
          f"ratio x1000 / x1: loss {loss_1000 / loss_1:.3f}, gradient norm {grad_1000 / grad_1:.3f}")

# %% [markdown] lang="en"
# So with `"sum"` the scale of the weights does matter: it scales the loss and the gradient, which with
# plain SGD acts like a larger learning rate. Adam, used in these lessons, divides each step by a running
# estimate of the gradient's size, so it cancels most of a constant scale. We check both on the learnable
# dataset of lesson 02:

# %% [markdown] lang="zh-TW"
# 所以用 `"sum"` 時，權重的大小確實有影響：損失和梯度會跟著等比例放大；如果用單純的 SGD，效果就像把學習率（learning rate）調大。
# 這幾課用的 Adam 會把每一步除以梯度大小的移動估計值（running estimate），因此常數倍率的影響大多會被抵消。
# 我們在第 02 課那個學得會的資料集上，把兩種彙總方式都檢查一遍：

# %%
splits = cw.lesson_blobs(seed=0)
X_train, y_train = (t.to(device) for t in splits["train"])
X_val, y_val = (t.to(device) for t in splits["val"])
X_test, y_test = (t.to(device) for t in splits["test"])
train_counts = cw.class_counts(y_train)
w = cw.balanced(train_counts)

def largest_difference(model_a, model_b):
    return max((a - b).abs().max().item() for a, b in zip(model_a.parameters(), model_b.parameters()))

for reduction in ("mean", "sum"):
    a = cw.train(X_train, y_train, weight=w, reduction=reduction, seed=0, steps=300)  # 300 full-batch steps
    b = cw.train(X_train, y_train, weight=1000 * w, reduction=reduction, seed=0, steps=300)
    print(f"{reduction}: parameters with weights w and 1000 w differ by less than 1e-5: "
          f"{largest_difference(a, b) < 1e-5}")

# %% [markdown] lang="en"
# Both differences stay below 10⁻⁵, the level of float rounding over 300 steps: with Adam, even `"sum"` barely
# notices the scale. (These are the train, validation and test sets of lesson 02; only the training set is
# used in this section.)
# With another optimizer, or when weights are combined with other loss terms, the scale can matter; the
# ratios always do.

# %% [markdown] lang="zh-TW"
# 兩個差異都小於 10⁻⁵，也就是訓練 300 步累積下來的浮點數捨入誤差的程度：用 Adam 時，連 `"sum"` 都幾乎感覺不到權重的大小。
# （這裡的訓練集、驗證集和測試集都和第 02 課相同；這一節只用到訓練集。）
# 換成別的最佳化器（optimizer），或是把權重和其他損失項搭配使用時，權重的大小就可能有影響；權重之間的比值則永遠有影響。

# %% [markdown] lang="en"
# ## 3. When does smoothing change anything?
# The smoothed weight's ratio between a minority class (count m) and the majority (count M) is
# (M + s) / (m + s). It stays close to M / m while s is much smaller than the counts, and goes to 1 as s
# grows past them. Let us sweep s on the learnable dataset. s is a knob, so we compare its values on the
# **validation** set and keep the test set for the end.

# %% [markdown] lang="zh-TW"
# ## 3. 平滑化什麼時候才會帶來改變？
# 設少數類別（minority class）的筆數為 m、多數類別（majority class）的筆數為 M，兩者平滑化權重的比值就是 (M + s) / (m + s)。
# s 遠小於這些筆數時，這個比值很接近 M / m；s 一旦大過這些筆數，比值就會趨近於 1。
# 我們在這個學得會的資料集上試一系列的 s 值。s 是要調整的設定，所以不同的 s 要在**驗證集**上比較，測試集則留到最後。

# %%
print("training samples per class:", train_counts.tolist())
sweep = {}
for s in (0.0, 0.1, 10.0, 100.0, 1000.0, 100000.0):  # s = 0 is plain 1 / count
    weight = cw.smoothed_inverse_frequency(train_counts, s)
    metrics = cw.evaluate(cw.train(X_train, y_train, weight=weight, seed=0), X_val, y_val)
    sweep[s] = (weight[1] / weight[0]).item(), metrics
plain = cw.evaluate(cw.train(X_train, y_train, seed=0), X_val, y_val)

print(f"{'s':>9} {'w1 / w0':>8} {'recall 0':>9} {'recall 1':>9} {'recall 2':>9} {'bal. acc.':>10}")
for s, (ratio, m) in sweep.items():
    r = m["recall"]
    print(f"{s:>9g} {ratio:>8.3f} {r[0]:>9.3f} {r[1]:>9.3f} {r[2]:>9.3f} {m['balanced_accuracy']:>10.3f}")
r = plain["recall"]
print(f"{'no weights':>9} {1.0:>8.3f} {r[0]:>9.3f} {r[1]:>9.3f} {r[2]:>9.3f} {plain['balanced_accuracy']:>10.3f}")

# %%
with cw.style():  # the package's fonts, so that Chinese labels are drawn
    fig, ax = plt.subplots(figsize=(5, 3), dpi=80, layout="constrained")
    xs = [s for s in sweep if s > 0]  # a log axis has no room for s = 0
    for c in range(3):
        ax.plot(xs, [sweep[s][1]["recall"][c] for s in xs], marker="o", label=cw.tr("class {c}", c=c))
    ax.set_xscale("log")
    ax.set_xlabel(cw.tr("smoothing factor s"))
    ax.set_ylabel(cw.tr("validation recall"))
    ax.legend()
    plt.show()

# %% [markdown] lang="en"
# With 800 / 100 / 100 samples, s = 0.1 gives almost the same recalls as `1 / count` (s = 0). At s = 10 the ratio
# shrinks a little and class 1's recall drops a little, the others hardly move; once s reaches the size of the counts (hundreds) the ratio
# shrinks a lot, and the model moves back towards the unweighted one: class 0's recall climbs back up,
# the minorities' recall falls.
# So smoothing is a knob between "no weights" (s → ∞) and "inverse frequency" (s → 0), and it acts on
# the scale of the counts. It is also what keeps a zero count finite: `1 / 0` is infinite, `(1 + s) / s` is not.

# %% [markdown] lang="zh-TW"
# 各類別有 800 / 100 / 100 筆資料時，s = 0.1 得到的召回率（recall）和 `1 / count`（s = 0）幾乎一樣；
# s = 10 時比值只小了一點，類別 1 的召回率稍微下降，其他類別幾乎沒動；等 s 到了筆數的量級（幾百），比值才大幅縮小，模型也退回到接近不加權的樣子：
# 類別 0 的召回率回升，少數類別的召回率下降。
# 所以平滑化是一個介於「不加權」（s → ∞）和「頻率倒數」（s → 0）之間的旋鈕，而它起作用的尺度，就是筆數的大小。
# 平滑化也能讓筆數為零的類別，權重仍然是有限值：`1 / 0` 是無限大，`(1 + s) / s` 則不是。

# %%
print("1 / count with a zero count ->", end=" ")
try:
    cw.inverse_frequency([800.0, 0.0])
except ValueError as err:
    print("ValueError:", err)
print("smoothed, s = 0.1, with a zero count ->",
      [round(v, 6) for v in cw.smoothed_inverse_frequency([800.0, 0.0], 0.1).tolist()])

# %% [markdown] lang="en"
# ## 4. Explore
# The "smoothed" preset below uses s = 100, so that it differs visibly from inverse frequency. Compare the
# presets, then move the sliders yourself.

# %% [markdown] lang="zh-TW"
# ## 4. 動手探索
# 下面的「平滑化頻率倒數」快速設定用的是 s = 100，這樣它和頻率倒數的差別才看得出來。
# 先比較各個快速設定，再自己移動滑桿（slider）試試看。

# %% tags=["nbval-ignore-output"]
cw.training_explorer(X_train, y_train, X_val, y_val, smoothing=100.0)

# %% [markdown] lang="en"
# ## 5. Choose s on validation, then read the test set once
# We want balanced accuracy. The sweep of section 3 scored every s on the validation set. One validation
# sample of a rare class moves balanced accuracy by 1 / (3 × 100), so smaller gaps are ties: we keep the
# smallest s whose balanced accuracy is within that of the highest, and only then evaluate that one model
# on the test set.

# %% [markdown] lang="zh-TW"
# ## 5. 在驗證集上選定 s，再讀一次測試集
# 我們的目標是平衡準確率（balanced accuracy）。第 3 節已經在驗證集上替每個 s 算好了分數。
# 少數類別的一筆驗證資料就會讓平衡準確率變動 1 / (3 × 100)，差距比這更小的都算平手：
# 我們留下平衡準確率和最高值相差不到這個量的 s 之中最小的那個，接著才拿測試集來評估這一個模型。

# %%
one_sample = 1 / (3 * int(cw.class_counts(y_val).min()))  # one rare-class validation sample
top = max(m["balanced_accuracy"] for _, m in sweep.values())
tied = [s for s, (_, m) in sweep.items() if m["balanced_accuracy"] >= top - one_sample]
best_s = min(tied)
print(f"values of s within one rare-class validation sample ({one_sample:.4f}) of the best: {tied}")
print(f"s chosen on the validation set: {best_s:g} "
      f"(validation balanced accuracy {sweep[best_s][1]['balanced_accuracy']:.3f})")
model_best = cw.train(X_train, y_train, weight=cw.smoothed_inverse_frequency(train_counts, best_s), seed=0)
test_metrics = cw.evaluate(model_best, X_test, y_test)
print(f"test set, read once: balanced accuracy {test_metrics['balanced_accuracy']:.3f}, "
      f"recall per class {[round(r, 3) for r in test_metrics['recall']]}")

# %% [markdown] lang="en"
# On 1000 validation points, balanced accuracies a few thousandths apart are not really different: several
# values of s are about equally good here, and a new sample could rank them differently. The test number is
# the one to report; tuning s again after seeing it would turn the test set into a second validation set.

# %% [markdown] lang="zh-TW"
# 在 1000 筆驗證資料上，只差千分之幾的平衡準確率其實分不出高下：這裡有好幾個 s 差不多一樣好，換一批資料，排名可能就不同了。
# 要報告的是測試集上的數字；如果看了它之後又回頭調整 s，測試集就變成了第二個驗證集。

# %% [markdown] lang="en"
# ## Summary
# - `(1 + s) / (count + s)` is **higher** than `1 / count` for every count above 1: smoothing pulls weights
#   towards 1. The reference's claim that it lowers them is wrong.
# - With `reduction="mean"` only the ratios of the weights matter; multiplying all weights by a constant
#   changes nothing. With `"sum"` the loss and gradient scale with the weights (Adam hides most of it).
# - The reference answer's comment gets the order of the weights upside down: inverse-frequency weights,
#   smoothed or not, give the largest weight to the rarest class.
# - A small s (0.1) against counts in the hundreds changes nothing; s of the size of the counts moves the
#   model from inverse-frequency weighting back towards no weighting. Choose s on that scale by per-class
#   metrics on the **validation** set, then read the test set once.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 只要筆數大於 1，`(1 + s) / (count + s)` 就**高於** `1 / count`：平滑化會把權重往 1 拉近。
#   參考答案說平滑化會讓權重變低，這是錯的。
# - 用 `reduction="mean"` 時，只有權重之間的比值才重要；把所有權重乘上同一個常數，結果完全不變。
#   用 `"sum"` 時，損失和梯度會跟著權重等比例縮放（Adam 會把大部分的影響抵消掉）。
# - 參考答案的註解把權重的大小順序弄反了：頻率倒數權重不論有沒有平滑化，都會把最大的權重給最少見的類別。
# - 筆數有幾百筆時，很小的 s（0.1）不會改變任何結果；s 和筆數同一個量級時，模型才會從頻率倒數加權退回到接近不加權。
#   請在這個量級裡挑選 s，依據**驗證集**上各類別的指標來選，最後再讀一次測試集。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 03.1.** For two classes with 800 and 100 samples, which smoothing factor s makes the smoothed
# weights' ratio w1 / w0 = (800 + s) / (100 + s) exactly 2?

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 03.1。** 兩個類別分別有 800 筆和 100 筆資料。平滑因子 s 要是多少，平滑化權重的比值 w1 / w0 = (800 + s) / (100 + s) 才會剛好等於 2？

# %%
answer_03_1 = None  # a number
cw.check("03.1", answer_03_1)

# %% [markdown] lang="en"
# <details><summary>Solution 03.1</summary>
#
# (800 + s) = 2 (100 + s) gives s = 600: the smoothing factor must be of the size of the counts to change
# the ratio much.
#
# </details>
#
# **Exercise 03.2.** True or False: with `reduction="mean"`, multiplying every class weight by 10 changes
# the loss.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.1 解答</summary>
#
# 由 (800 + s) = 2 (100 + s) 得到 s = 600：平滑因子要和筆數同一個量級，才能明顯改變比值。
#
# </details>
#
# **練習 03.2。** 是非題：在 `reduction="mean"` 之下，把每個類別權重都乘以 10，損失會改變。（回答 True 或 False）

# %%
answer_03_2 = None  # True or False
cw.check("03.2", answer_03_2)

# %% [markdown] lang="en"
# <details><summary>Solution 03.2</summary>
#
# False. The mean divides by the sum of the targets' weights, which is multiplied by 10 too.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.2 解答</summary>
#
# False（不會改變）。平均會除以目標標籤的權重總和，而這個總和也同樣乘了 10。
#
# </details>

# %% [markdown] lang="en"
# **Exercise 03.3 (predict, then check).** The sweep above skipped s = 300. Predict class 0's validation
# recall at s = 300, to within 0.03, before running anything: where does its ratio w1 / w0 fall among the
# rows of the table? Then add 300 to the sweep and see.

# %% [markdown] lang="zh-TW"
# **練習 03.3（先預測，再驗證）。** 上面的掃描跳過了 s = 300。先不要執行任何程式，預測 s = 300 時類別 0 的驗證召回率
# （誤差在 0.03 以內就算對）：它的比值 w1 / w0 會落在表格裡哪兩列之間？預測完再把 300 加進掃描的清單裡看看。

# %%
answer_03_3 = None  # class 0's recall at s = 300 (a guess within 0.03 counts as right)
cw.check("03.3", answer_03_3)

# %% [markdown] lang="en"
# <details><summary>Solution 03.3</summary>
#
# With counts 800 / 100 / 100, s = 300 gives w1 / w0 = 1100 / 400 = 2.75, between the ratios of s = 100 and
# s = 1000. The recalls move steadily with the ratio, so class 0's recall lands between those two rows:
# about 0.9. Smoothing is one knob, and along it the recalls change smoothly.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.3 解答</summary>
#
# 各類別筆數是 800 / 100 / 100 時，s = 300 讓 w1 / w0 = 1100 / 400 = 2.75，介於 s = 100 和 s = 1000 的比值之間。
# 召回率會隨著比值平穩地變化，所以類別 0 的召回率會落在這兩列之間：大約 0.9。
# 平滑化就是一個旋鈕，轉動這個旋鈕時，召回率也跟著平穩地變化。
#
# </details>
