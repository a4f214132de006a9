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
# 為什麼彙總方式（reduction）設為平均（`reduction="mean"`）時，把每個權重都乘上同一個數字，結果完全不變；
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
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. The reference example, reproduced
# Same data as lesson 02 (1000 samples, 10 noise features, labels drawn at 80 / 10 / 10, seeded), and the
# reference's smoothed weights with smoothing factor s = 0.1. (The reference answer and its notebook are
# described in lesson 01, section "The two reference documents".)

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考答案的範例
# 資料和第 02 課相同（1000 筆資料、10 個雜訊特徵，標籤依 80 / 10 / 10 的占比隨機抽出，並固定了隨機種子）；
# 權重則用參考答案的平滑化權重，平滑因子 s = 0.1。（參考答案和它的筆記本，請見第 01 課「兩份參考資料」一節。）

# %%
X_noise, y_noise = cw.noise_dataset(seed=0)
counts = cw.class_counts(y_noise)
s = 0.1
smoothed = (1.0 + s) / (counts + s)  # en: = cw.smoothed_inverse_frequency(counts, 0.1)  # zh-TW: 等於 cw.smoothed_inverse_frequency(counts, 0.1)
inverse = 1.0 / counts

print(cw.tr("noise data: {n} samples, {f} features", n=X_noise.shape[0], f=X_noise.shape[1]))
print(cw.tr("samples per class: {v}", v=counts.int().tolist()))
print(cw.tr("1 / count: {v}", v=[round(w, 6) for w in inverse.tolist()]))
print(cw.tr("(1 + s) / (count + s): {v}", v=[round(w, 6) for w in smoothed.tolist()]))
print(cw.tr("smoothed / inverse: {v}", v=[round(r, 4) for r in (smoothed / inverse).tolist()]))
print(cw.tr("every smoothed weight is higher: {b}", b=bool((smoothed > inverse).all())))

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
claimed = torch.tensor([1.0122, 0.1099, 0.1099])  # en: the weights in the reference answer's comment  # zh-TW: 參考答案註解裡的權重
print(cw.tr("majority class: {c}", c=counts.argmax().item()))
print(cw.tr("largest weight in the comment goes to class {c} ({r} times the others)",
            c=claimed.argmax().item(), r=f"{(claimed[0] / claimed[1]).item():.1f}"))
print(cw.tr("largest weight the code computes goes to class {c}", c=smoothed.argmax().item()))

# %% [markdown] lang="en"
# The comment ranks the classes upside down: it gives the **majority** class the largest weight, about nine
# times the minorities', which, as lesson 02 showed for weights that favour a class, pulls the model further
# towards class 0. Any inverse-frequency
# scheme, smoothed or not, gives the largest weight to the *rarest* class, as the code does.
#
# But does the size of the weights matter? Look at the weights relative to class 0's:

# %% [markdown] lang="zh-TW"
# 註解把類別的排序整個弄反了：它給**多數類別**最大的權重，大約是少數類別的九倍；依第 02 課的道理，這會把模型更往類別 0 推。
# 任何頻率倒數的方案，不論有沒有平滑化，都會把最大的權重給*最少見*的類別，程式碼算出來的也正是如此。
#
# 不過，權重的大小真的重要嗎？來看看各個權重相對於類別 0 權重的比值：

# %%
print(cw.tr("1 / count, relative to class 0: {v}", v=[round(r, 4) for r in (inverse / inverse[0]).tolist()]))
print(cw.tr("smoothed, relative to class 0: {v}", v=[round(r, 4) for r in (smoothed / smoothed[0]).tolist()]))

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
        shown = cw.tr("(the run compared with)")
    elif difference < 1e-6:
        shown = cw.tr("below 1e-6 (float rounding)")
    else:
        shown = cw.tr("between 1e{a} and 1e{b}", a=decade, b=decade + 1)
    print(cw.tr("{name}: last-batch loss per epoch {v}", name=cw.tr(name),
                v=[round(v, 4) for v in run["last_batch_loss"]]))
    print("    " + cw.tr("largest parameter difference from '1 / count': {d}", d=shown))

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
    print(cw.tr("{r}: loss with weights x 1: {a}, x 1000: {b}", r=reduction, a=f"{loss_1:.5g}", b=f"{loss_1000:.5g}"))
    print("    " + cw.tr("ratio x1000 / x1: loss {l}, gradient norm {g}",
                         l=f"{loss_1000 / loss_1:.3f}", g=f"{grad_1000 / grad_1:.3f}"))

# %% [markdown] lang="en"
# So with `"sum"` the scale of the weights does matter: it scales the loss and the gradient, which with
# plain SGD acts like a larger learning rate. Adam, used in these lessons, divides each step by a running
# estimate of the gradient's size, so it cancels most of a constant scale. We check both on the learnable
# dataset of lesson 02:

# %% [markdown] lang="zh-TW"
# 所以用 `"sum"` 時，權重的大小確實有影響：損失和梯度會跟著等比例放大；如果用單純的 SGD，效果就像把學習率（learning rate）調大。
# 這幾課用的 Adam 會把每一步除以梯度大小的移動平均估計（running estimate），因此常數倍率的影響大多會被抵消。
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
    a = cw.train(X_train, y_train, weight=w, reduction=reduction, seed=0, steps=300)  # en: 300 full-batch steps  # zh-TW: 300 步全批次訓練
    b = cw.train(X_train, y_train, weight=1000 * w, reduction=reduction, seed=0, steps=300)
    print(cw.tr("{r}: parameters with weights w and 1000 w differ by less than 1e-5: {b}",
                r=reduction, b=largest_difference(a, b) < 1e-5))

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
# 我們在這個學得會的資料集上試一系列的 s 值。s 是一個可調設定，所以不同的 s 要在**驗證集**上比較，測試集則留到最後。

# %%
print(cw.tr("training samples per class: {v}", v=train_counts.int().tolist()))
print(cw.tr("validation samples per class: {v}", v=cw.class_counts(y_val).int().tolist()))
sweep = {}
for s in (0.0, 0.1, 10.0, 100.0, 1000.0, 100000.0):  # en: s = 0 is plain 1 / count  # zh-TW: s = 0 就是單純的 1 / count
    weight = cw.smoothed_inverse_frequency(train_counts, s)
    metrics = cw.evaluate(cw.train(X_train, y_train, weight=weight, seed=0), X_val, y_val)
    sweep[s] = (weight[1] / weight[0]).item(), metrics
plain = cw.evaluate(cw.train(X_train, y_train, seed=0), X_val, y_val)

heads = ["w1 / w0"] + [cw.tr("recall {c}", c=c) for c in range(3)] + [cw.tr("bal. acc.")]
rows = [(f"s = {s:g}", [f"{ratio:.3f}"] + [f"{v:.3f}" for v in m["recall"]] + [f"{m['balanced_accuracy']:.3f}"])
        for s, (ratio, m) in sweep.items()]
rows.append((cw.tr("no weights"), ["1.000"] + [f"{v:.3f}" for v in plain["recall"]]
             + [f"{plain['balanced_accuracy']:.3f}"]))
print(cw.text_table(heads, rows, min_col=10))

# %%
with cw.style():  # en: the package's fonts, so that Chinese labels are drawn  # zh-TW: 套件的字型，中文標籤才畫得出來
    fig, ax = plt.subplots(figsize=(5, 3), dpi=80, layout="constrained")
    xs = [s for s in sweep if s > 0]  # en: a log axis has no room for s = 0  # zh-TW: 對數軸放不下 s = 0
    for c, marker in zip(range(3), "os^"):
        ax.plot(xs, [sweep[s][1]["recall"][c] for s in xs], marker=marker, label=cw.tr("class {c}", c=c))
    ax.set_xscale("log")
    ax.set_xlabel(cw.tr("smoothing factor s"))
    ax.set_ylabel(cw.tr("validation recall"))
    ax.legend()
    cw.show()

# %% [markdown] lang="en"
# With 800 / 100 / 100 samples, s = 0.1 gives almost the same recalls as `1 / count` (s = 0). At s = 10 the recalls move by
# a few validation samples (class 1: 0.740 → 0.710, three of its 100), no more than noise on one split; once s reaches the size of the counts (hundreds) the ratio
# shrinks a lot, and the model moves back towards the unweighted one: class 0's recall climbs back up,
# the minorities' recall falls.
# So smoothing is a knob between "no weights" (s → ∞) and "inverse frequency" (s → 0), and it acts on
# the scale of the counts.
#
# Is smoothing also the fix for a class with **no** training samples? `(1 + s) / s` is finite, but look at
# its size next to the others. The cell also asks PyTorch which probabilities minimise its loss for one
# class-0 sample under label smoothing (ε = 0.1), a term that reads every class's weight (lesson 04):

# %% [markdown] lang="zh-TW"
# 各類別有 800 / 100 / 100 筆資料時，s = 0.1 得到的召回率（recall）和 `1 / count`（s = 0）幾乎一樣；
# s = 10 時，召回率只差幾筆驗證資料（類別 1：0.740 → 0.710，是 100 筆中的 3 筆），在單一切分上和雜訊差不多；等 s 到了筆數的量級（幾百），比值才大幅縮小，模型也退回到接近不加權的樣子：
# 類別 0 的召回率回升，少數類別的召回率下降。
# 所以平滑化是一個介於「不加權」（s → ∞）和「頻率倒數」（s → 0）之間的可調設定，而它起作用的尺度，就是筆數的大小。
#
# 那麼，訓練集裡**完全沒有**樣本的類別，也能靠平滑化解決嗎？`(1 + s) / s` 確實是有限值，但請拿它的大小和其他權重比一比。
# 這個儲存格也請 PyTorch 找出：開啟標籤平滑（label smoothing，ε = 0.1）時，哪一組機率能讓一個類別 0 樣本的損失最小；標籤平滑這一項會讀到每個類別的權重（第 04 課）：

# %%
# en: the probabilities that minimise PyTorch's loss for one sample of class `target`
# zh-TW: 讓 PyTorch 對一個類別 target 樣本算出的損失最小的那組機率
def best_probabilities(weight, target=0, eps=0.1):
    logits = torch.zeros(1, len(weight), dtype=torch.float64, requires_grad=True)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight.double(), label_smoothing=eps)
    optimizer = torch.optim.LBFGS([logits], max_iter=500, tolerance_grad=1e-12, tolerance_change=1e-15)

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(logits, torch.tensor([target]))
        loss.backward()
        return loss
    optimizer.step(closure)
    return [round(v, 3) for v in logits.detach().softmax(1)[0].tolist()]


zero = torch.tensor([800.0, 100.0, 0.0])  # en: class 2 has no training sample  # zh-TW: 類別 2 沒有任何訓練樣本
fills = {
    "smoothed, s = 0.1": (1.1) / (zero + 0.1),
    "rarest counted class's weight": cw.smoothed_inverse_frequency(zero, 0.1, zero_count="rarest"),
}
for name, weight in fills.items():
    print(cw.tr("{name}: weights {w}, class 2 / class 0 = {r}", name=cw.tr(name),
                w=[round(v, 6) for v in weight.tolist()], r=f"{(weight[2] / weight[0]).item():.0f}"))
    print("    " + cw.tr("probabilities that minimise the loss of a class-0 sample, ε = 0.1: {p}",
                         p=best_probabilities(weight)))
print(cw.tr("three classes, no weights: best probabilities {p}", p=best_probabilities(torch.ones(3))))
print(cw.tr("class 2 left out (two classes), smoothed weights: best probabilities {p}",
            p=best_probabilities(cw.smoothed_inverse_frequency(zero[:2], 0.1))))
print(cw.tr("class 2 left out (two classes), no weights: best probabilities {p}",
            p=best_probabilities(torch.ones(2))))
try:
    cw.smoothed_inverse_frequency(zero, 0.1)  # en: zero_count="raise", the default  # zh-TW: 預設的 zero_count="raise"
    refused = False
except ValueError:
    refused = True
print(cw.tr("cw.smoothed_inverse_frequency refuses a zero count: {b}", b=refused))

# %% [markdown] lang="en"
# `(1 + s) / s = 11` is 8001 times the majority's weight: smoothing keeps a zero count finite, but not
# sensible. In plain cross-entropy that weight is never read, since no sample has the class as its target
# (lesson 04 shows why). Any term that reads every class's weight does read it: under label smoothing, the
# loss of a class-0 sample is lowest when the model gives the class that has **no data** 0.996 of the
# probability. That is why `cw.smoothed_inverse_frequency` now refuses a zero count unless told what to do.
# The fixes, best first:
# - A class with no training samples gives the model nothing to learn: leave it out of the model's classes.
#   With two classes, the class-0 sample's best probabilities are 0.704 / 0.296 (0.95 / 0.05 without weights):
#   label smoothing with weights
#   still pulls towards the rare class (lesson 04 shows what that does), but towards a class with data.
# - If the class must stay (a fixed label set), give it a weight taken from the counted classes:
#   `zero_count="rarest"` gives it the rarest counted class's weight, and the empty class then draws 0.182,
#   as much as class 1. Or choose its weight on the validation set, like any other knob.
# - A larger s is no fix either: `(1 + s) / s` stays the largest weight, and by the time its ratio to class 0,
#   (800 + s) / s, nears 1, s has removed the weighting of every class (row s = 100000).

# %% [markdown] lang="zh-TW"
# `(1 + s) / s = 11` 是多數類別權重的 8001 倍：平滑化讓筆數為零的類別得到有限的權重，但這個權重並不合理。
# 單純的交叉熵從不讀取這個權重，因為沒有任何樣本的目標標籤是這個類別（第 04 課會說明原因）。
# 但只要某一項會讀到每個類別的權重，它就會被讀到：開啟標籤平滑時，一個類別 0 樣本的損失，要在模型把 0.996 的機率給那個**完全沒有資料**的類別時才最小。
# 所以 `cw.smoothed_inverse_frequency` 現在遇到筆數為零的類別會丟出錯誤，除非你指定處理方式。
# 修正的方法，由好到差：
# - 沒有任何訓練樣本的類別，模型根本沒有東西可學：把它從模型的類別中拿掉。
#   剩兩個類別時，類別 0 樣本的最佳機率是 0.704 / 0.296（不加權時是 0.95 / 0.05）：加了權重的標籤平滑仍然會把機率往少見的類別拉（第 04 課會看到它造成的影響），但拉向的是有資料的類別。
# - 如果這個類別非留不可（類別清單是固定的），就從有樣本的類別裡取一個權重給它：
#   `zero_count="rarest"` 會給它有樣本的類別中最少見那一類的權重，這時空類別分到 0.182，和類別 1 一樣多。
#   也可以像其他可調設定一樣，在驗證集上選它的權重。
# - 把 s 調大也不是解法：`(1 + s) / s` 仍是最大的權重；等到它和類別 0 的比值 (800 + s) / s 接近 1 時，s 也已經把所有類別的加權都抹平了（表中 s = 100000 那一列）。

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
# ## 5. Choose s on validation, then evaluate on the test set once, at the end
# We want balanced accuracy. The sweep of section 3 scored every s on the validation set. One validation
# sample of a rare class moves balanced accuracy by 1 / (3 × 100), the metric's resolution (not its noise: the
# cell also prints a standard error), so smaller gaps are ties: we keep the smallest s whose balanced accuracy
# is within that of the highest, and only then evaluate that one model on the test set.

# %% [markdown] lang="zh-TW"
# ## 5. 在驗證集上選定 s，最後才用測試集評估一次
# 我們的目標是平衡準確率（balanced accuracy）。第 3 節已經在驗證集上替每個 s 算好了分數。
# 驗證集裡少數類別的一筆資料，就會讓平衡準確率變動 1 / (3 × 100)，這是這個指標的解析度（還不是它的雜訊：儲存格也會印出標準誤（standard error）），差距小於這個量就視為平手；
# 在與最高分相差不到這個量的 s 中，選最小的一個，接著才拿測試集來評估這一個模型。

# %%
one_sample = 1 / (3 * int(cw.class_counts(y_val).min()))  # en: one rare-class validation sample  # zh-TW: 驗證集裡少數類別的一筆資料
top = max(m["balanced_accuracy"] for _, m in sweep.values())
tied = [s for s, (_, m) in sweep.items() if m["balanced_accuracy"] >= top - one_sample]
best_s = min(tied)
print(cw.tr("values of s within one rare-class validation sample ({d}) of the best: {v}",
            d=f"{one_sample:.4f}", v=tied))
print(cw.tr("s chosen on the validation set: {s} (validation balanced accuracy {ba})",
            s=f"{best_s:g}", ba=f"{sweep[best_s][1]['balanced_accuracy']:.3f}"))
val_n = cw.class_counts(y_val).tolist()
variance = sum(r * (1 - r) / n for r, n in zip(sweep[best_s][1]["recall"], val_n))  # en: binomial, per class  # zh-TW: 每個類別以二項分布估計
print(cw.tr("its standard error on this validation set: {se}", se=f"{math.sqrt(variance) / 3:.3f}"))
model_best = cw.train(X_train, y_train, weight=cw.smoothed_inverse_frequency(train_counts, best_s), seed=0)
test_metrics = cw.evaluate(model_best, X_test, y_test)
print(cw.tr("test set, evaluated once: balanced accuracy {ba}, recall per class {r}",
            ba=f"{test_metrics['balanced_accuracy']:.3f}", r=[round(r, 3) for r in test_metrics["recall"]]))

# %% [markdown] lang="en"
# By this rule s = 0 and s = 0.1 tie; s = 10 (0.756 against 0.763 for s = 0) is well inside that standard error
# (0.021) on one split and one seed, and a new sample could rank all three differently. The test number is
# the one to report; tuning s again after seeing it would turn the test set into a second validation set.

# %% [markdown] lang="zh-TW"
# 依這個規則，s = 0 和 s = 0.1 平手；s = 10（0.756，s = 0 是 0.763）的差距遠小於單一切分、單一種子下的標準誤（0.021），換一批資料，三者的排名都可能不同。
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
#   metrics on the **validation** set, then evaluate on the test set once, at the end.
# - Smoothing keeps a zero count finite, not sensible: `(1 + s) / s` is the largest weight of all. Leave a class
#   with no training samples out, or give it a weight taken from the counted classes.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - 只要筆數大於 1，`(1 + s) / (count + s)` 就**高於** `1 / count`：平滑化會把權重往 1 拉近。
#   參考答案說平滑化會讓權重變低，這是錯的。
# - 用 `reduction="mean"` 時，只有權重之間的比值才重要；把所有權重乘上同一個常數，結果完全不變。
#   用 `"sum"` 時，損失和梯度會跟著權重等比例縮放（Adam 會把大部分的影響抵消掉）。
# - 參考答案的註解把權重的大小順序弄反了：頻率倒數權重不論有沒有平滑化，都會把最大的權重給最少見的類別。
# - 筆數有幾百筆時，很小的 s（0.1）不會改變任何結果；s 和筆數同一個量級時，模型才會從頻率倒數加權退回到接近不加權。
#   請在這個量級裡挑選 s，依據**驗證集**上各類別的指標來選，最後才用測試集評估一次。
# - 平滑化只讓筆數為零的類別得到有限的權重，並沒有讓它變合理：`(1 + s) / s` 是所有權重中最大的。
#   沒有訓練樣本的類別就把它拿掉，或是從有樣本的類別裡取一個權重給它。

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
answer_03_1 = None  # en: a number  # zh-TW: 一個數字
cw.check("03.1", answer_03_1)

# %% [markdown] lang="en"
# <details><summary>Solution 03.1</summary>
#
# (800 + s) = 2 (100 + s) gives s = 600: the smoothing factor must be of the size of the counts to change
# the ratio much.
#
# </details>
#
# **Exercise 03.2.** A colleague trains with `reduction="sum"` and plain SGD (`torch.optim.SGD`, no
# momentum) at learning rate 0.01, with class weights [2, 16, 16]. To make them "nicer" they halve them to
# [1, 8, 8]. Which learning rate makes every training step the same as before?

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.1 解答</summary>
#
# 由 (800 + s) = 2 (100 + s) 得到 s = 600：平滑因子要和筆數同一個量級，才能明顯改變比值。
#
# </details>
#
# **練習 03.2。** 一位同事用 `reduction="sum"` 和單純的 SGD（`torch.optim.SGD`，不加動量）訓練，學習率 0.01，類別權重是 [2, 16, 16]。
# 為了讓數字「好看一點」，他把權重減半成 [1, 8, 8]。學習率要改成多少，每一步訓練才會和原來完全一樣？

# %%
answer_03_2 = None  # en: a learning rate  # zh-TW: 一個學習率
cw.check("03.2", answer_03_2)

# %% [markdown] lang="en"
# <details><summary>Solution 03.2</summary>
#
# 0.02. With `"sum"` nothing divides by the weights (section 2), so halving them halves the loss and its
# gradient; plain SGD moves by learning rate × gradient, so doubling the learning rate restores every step.
# With `"mean"` the halving would change nothing; with Adam, almost nothing.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.2 解答</summary>
#
# 0.02。用 `"sum"` 時沒有任何東西會除以權重（第 2 節），所以權重減半，損失和梯度也跟著減半；
# 單純的 SGD 每一步走的是學習率 × 梯度，所以把學習率加倍，每一步就和原來一樣。
# 如果用的是 `"mean"`，權重減半什麼都不會改變；用 Adam 的話，也幾乎沒有影響。
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
answer_03_3 = None  # en: class 0's recall at s = 300 (within 0.03 counts)  # zh-TW: s = 300 時類別 0 的召回率（誤差 0.03 以內算對）
cw.check("03.3", answer_03_3)

# %% [markdown] lang="en"
# <details><summary>Solution 03.3</summary>
#
# With counts 800 / 100 / 100, s = 300 gives w1 / w0 = 1100 / 400 = 2.75, between the ratios of s = 100 and
# s = 1000. The recalls move steadily with the ratio, so class 0's recall lands between those two rows:
# about 0.9. Smoothing is one knob, and here the recalls change smoothly along it.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 03.3 解答</summary>
#
# 各類別筆數是 800 / 100 / 100 時，s = 300 讓 w1 / w0 = 1100 / 400 = 2.75，介於 s = 100 和 s = 1000 的比值之間。
# 召回率會隨著比值平穩地變化，所以類別 0 的召回率會落在這兩列之間：大約 0.9。
# 平滑化就是一個可調設定，在這裡，調整它的時候，召回率也跟著平穩地變化。
#
# </details>
