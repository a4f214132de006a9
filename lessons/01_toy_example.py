# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 01 · Class weights on a toy example: 8 samples against 2
#
# **What you will learn:** what `weight=` in `torch.nn.CrossEntropyLoss` does to each class's share
# of the loss; why "average count / class count" weights make two classes weigh the same here, and
# when they would not; and what `reduction="mean"` divides by.
#
# We use ten made-up samples and fixed logits, so there is no training yet: every number comes from
# the loss alone.

# %% [markdown] lang="zh-TW"
# # 第 01 課 · 用玩具範例看懂類別權重（class weight）：8 筆對 2 筆
#
# **你會學到：** `torch.nn.CrossEntropyLoss` 的 `weight=` 參數如何改變每個類別在損失（loss）中所占的份量；
# 為什麼「平均筆數 / 該類別筆數」這種權重在這裡能讓兩個類別所占的部分一樣大，以及什麼時候做不到；
# 還有彙總方式（reduction）設為 `reduction="mean"`（平均）時，到底是除以什麼。
#
# 這一課用 10 筆虛構的資料和固定的 logits（未經 softmax 的原始分數），還不做任何訓練：
# 每個數字都只來自損失函數（loss function）本身。
#
# 本系列的用語：「樣本」（sample）指一筆資料本身，計算數量時則用「筆」（例如 8 筆資料）。

# %% [markdown] lang="en"
# ## Setup
# In Colab, this cell installs the lesson helpers (`classweights`) and nothing else. It then picks a
# device: a GPU if there is one, else the CPU. Everything the loss sees will live on that one device.

# %% [markdown] lang="zh-TW"
# ## 環境設定
# 在 Colab 上，這個儲存格（cell）只會安裝本課程的輔助套件（`classweights`），除此之外什麼都不裝。
# 接著它會選擇裝置（device）：有 GPU 就用 GPU，否則用 CPU。損失函數用到的所有張量（tensor）都會放在同一個裝置上。

# %%
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import numpy as np
import torch
from sklearn.utils.class_weight import compute_class_weight

import classweights as cw

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## The two reference documents
# This unit starts from two documents and checks them by running code:
# - **the reference answer**: an answer (dated 30 January 2025) to "How can class weights be implemented in
#   PyTorch for multi-class classification?", with three training examples (inverse-frequency weights, smoothed weights,
#   weights computed per batch);
# - **the reference notebook**: a Traditional-Chinese notebook with the 8 / 2 example that this lesson uses,
#   logits included.
#
# Both contain errors, and the lessons correct them with code, not with authority. This lesson shows one: the
# answer says the weights act on *correctly predicted* samples, but they act on every sample of a class
# (section "Weights ... closer, not equal"). It also shows that moving only the weights to another device, as
# the notebook does with the GPU, makes the loss raise an error (section "If something is on the wrong device").

# %% [markdown] lang="zh-TW"
# ## 兩份參考資料
# 這個單元從兩份資料出發，並用實際執行程式碼來檢驗它們：
# - **參考答案**：一則回答（2025 年 1 月 30 日），題目是「PyTorch 的多類別分類要怎麼實作類別權重？」
#   （原文標題：How can class weights be implemented in PyTorch for multi-class classification?），附了三個訓練範例
#   （頻率倒數權重、平滑化的權重、每個批次各自計算的權重）；
# - **參考筆記本**（notebook）：一本繁體中文的筆記本，這一課用的 8 / 2 範例就是它的，連 logits 都一樣。
#
# 這兩份資料都有錯誤；各課不靠權威，而是執行程式碼來更正。這一課就會看到一個：參考答案說權重作用在
# 「預測正確」的樣本上，其實權重作用在該類別的每一個樣本上（見「權重……比較接近，但還不相等」一節）。
# 這一課也會顯示：像參考筆記本那樣只把權重搬到另一個裝置（它搬到 GPU），計算損失時就會出現錯誤（見「如果有張量放錯裝置」一節）。

# %% [markdown] lang="en"
# ## The data: 10 samples, 80% of them in class 0
# Eight samples belong to class 0 and two to class 1. Our pretend model is equally sure of every
# sample: each row of logits gives the true class a probability of about 0.8, because 0.6931 ≈ ln 2
# (the cell below prints it).

# %% [markdown] lang="zh-TW"
# ## 資料：10 筆，其中 80% 屬於類別 0
# 類別 0 有 8 筆、類別 1 有 2 筆。我們假想的模型對每個樣本都一樣有把握：
# 因為 0.6931 ≈ ln 2，每一列 logits 都給正確類別大約 0.8 的機率（probability）（下面的儲存格會印出來）。

# %%
logits = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.6931, 0.6931]] * 2, device=device)
targets = torch.tensor([0] * 8 + [1] * 2, device=device)

counts = cw.class_counts(targets)
p_true = torch.softmax(logits, dim=1)[torch.arange(len(targets), device=device), targets]
print(cw.tr("shape of logits {a}, of targets {b}", a=tuple(logits.shape), b=tuple(targets.shape)))
print(cw.tr("samples per class: {n}", n=counts.tolist()))
print(cw.tr("probability of the true class: {p}", p=[round(p, 4) for p in p_true.tolist()]))
print(cw.tr("loss of one sample, -ln(p) = {x}, with p = {p}", x=f"{-torch.log(p_true[0]).item():.4f}",
            p=f"{p_true[0].item():.6f}"))

# %% [markdown] lang="en"
# ## No weights: the majority class owns 80% of the loss
# With `reduction="sum"` the loss is the sum of the ten per-sample losses. `cw.per_class_loss` splits
# that sum by class; its parts add up to what `CrossEntropyLoss` returns.

# %% [markdown] lang="zh-TW"
# ## 不加權：多數類別（majority class）占了 80% 的損失
# 用 `reduction="sum"`（加總）時，損失就是 10 筆資料各自損失的總和。
# `cw.per_class_loss` 把這個總和依類別拆開，各部分加起來正好等於 `CrossEntropyLoss` 回傳的值。

# %%
loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")
parts = cw.per_class_loss(logits, targets, reduction="sum")

print(cw.tr("CrossEntropyLoss (sum): {x}", x=f"{loss_fn(logits, targets).item():.4f}"))
print(cw.tr("per-class parts: {p}", p=[round(v, 4) for v in parts.tolist()]))
print(cw.tr("sum of the parts: {x}", x=f"{parts.sum().item():.4f}"))
print(cw.tr("share of class 0: {x}", x=f"{(parts[0] / parts.sum()).item():.0%}"))

# %% [markdown] lang="en"
# Every sample costs the same 0.2232 here (−ln p, with p = 0.799985, just under 0.8 because 0.6931 is just
# under ln 2), so class 0's part is four times class 1's for one reason only: it has four times as many
# samples. Most of this loss comes from class 0.
#
# The reference notebook computed the loss of each class's samples separately. Does that give each class's
# part? The cell below compares both, under `"sum"` and under `"mean"`.

# %% [markdown] lang="zh-TW"
# 在這裡每個樣本的損失都是 0.2232（也就是 −ln p；p = 0.799985，因為 0.6931 略小於 ln 2，p 略小於 0.8）。
# 所以類別 0 所占的部分是類別 1 的四倍，原因只有一個：它的筆數是類別 1 的四倍。
# 這個損失大部分來自類別 0。
#
# 參考筆記本把每個類別的樣本分開，各算一次損失。這樣算出來的，是不是各類別所占的部分？
# 下面的儲存格在 `"sum"` 和 `"mean"` 之下各比較一次。

# %%
mean_fn = torch.nn.CrossEntropyLoss(reduction="mean")
for c in range(2):
    own = loss_fn(logits[targets == c], targets[targets == c])
    print(cw.tr("class {c}, 'sum': loss of its own samples {own}, part of the total {part}",
                c=c, own=f"{own.item():.4f}", part=f"{parts[c].item():.4f}"))
for c in range(2):
    own_mean = mean_fn(logits[targets == c], targets[targets == c])
    print(cw.tr("class {c}, 'mean': mean of its own samples {own}, part of the overall mean {part}",
                c=c, own=f"{own_mean.item():.4f}", part=f"{(parts[c] / len(targets)).item():.4f}"))

# %% [markdown] lang="en"
# Under `"sum"` the two agree. Under `"mean"` they do not: class 0's own mean is 0.2232, but its part of the
# overall mean is 1.7853 / 10 = 0.1785, because the overall mean divides by all 10 samples, not by class 0's 8.

# %% [markdown] lang="zh-TW"
# 用 `"sum"` 時兩者相同。用 `"mean"` 時就不成立：類別 0 自己的平均是 0.2232，但它在整體平均中所占的部分是
# 1.7853 / 10 = 0.1785，因為整體平均是除以全部 10 筆資料，而不是類別 0 的 8 筆。

# %% [markdown] lang="en"
# ## Weights [0.6, 1.5]: closer, not equal
# `weight=` multiplies each sample's loss by the weight of its true class. The reference notebook tried
# `[0.6, 1.5]`:

# %% [markdown] lang="zh-TW"
# ## 權重 [0.6, 1.5]：比較接近，但還不相等
# `weight=` 會把每個樣本的損失乘上它正確類別的權重。參考筆記本試的是 `[0.6, 1.5]`：

# %%
weight = torch.tensor([0.6, 1.5], device=device)
weighted_fn = torch.nn.CrossEntropyLoss(weight=weight, reduction="sum")
parts_06_15 = cw.per_class_loss(logits, targets, weight=weight, reduction="sum")

print(cw.tr("CrossEntropyLoss (sum, weighted): {x}", x=f"{weighted_fn(logits, targets).item():.4f}"))
print(cw.tr("per-class parts: {p}", p=[round(v, 4) for v in parts_06_15.tolist()]))
print(cw.tr("weight ratio class 1 / class 0: {x}", x=f"{(weight[1] / weight[0]).item():.2f}"))
print(cw.tr("count ratio class 0 / class 1: {x}", x=f"{(counts[0] / counts[1]).item():.2f}"))

# %% [markdown] lang="en"
# Class 1's weight is 2.5 times class 0's, but class 0 has 4 times the samples, so class 0 still weighs
# more. Here, where every sample has the same loss, the weight ratio has to match the count ratio to even the
# parts.

# %% [markdown] lang="zh-TW"
# 類別 1 的權重是類別 0 的 2.5 倍，可是類別 0 的筆數是類別 1 的 4 倍，所以類別 0 的份量還是比較重。
# 在每個樣本損失都相同的這裡，權重比要等於筆數比，兩個部分才會一樣大。

# %% [markdown] lang="en"
# The reference answer says that with weights "the loss function for a **correctly predicted** sample will
# now have an extra weighting term". That is not what `weight=` does: it multiplies the loss of **every**
# sample of a class, predicted right or wrong. Two class-1 samples, one predicted right and one wrong,
# with `reduction="none"` (one loss per sample):

# %% [markdown] lang="zh-TW"
# 參考答案說，加了權重之後，「**預測正確**的樣本」的損失函數會多出一個加權項。但 `weight=` 做的並不是這件事：
# 同一個類別的**每一個**樣本，不管預測對還是錯，損失都會乘上權重。
# 下面拿兩筆類別 1 的資料來看，一筆預測正確、一筆預測錯誤，並用 `reduction="none"`（每個樣本各自得到一個損失）：

# %%
two_logits = torch.tensor([[-0.6931, 0.6931], [0.6931, -0.6931]], device=device)
two_targets = torch.tensor([1, 1], device=device)
plain_each = torch.nn.CrossEntropyLoss(reduction="none")(two_logits, two_targets)
weighted_each = torch.nn.CrossEntropyLoss(weight=weight, reduction="none")(two_logits, two_targets)
for i in range(2):
    print(cw.tr("class-1 sample predicted as class {k}: loss {a}, weighted {b}, ratio {r}",
                k=two_logits[i].argmax().item(), a=f"{plain_each[i].item():.4f}",
                b=f"{weighted_each[i].item():.4f}", r=f"{(weighted_each[i] / plain_each[i]).item():.2f}"))

# %% [markdown] lang="en"
# Both losses are multiplied by class 1's weight, 1.5. The right prediction has the smaller loss to begin
# with, so it contributes less, but its weight is the same.

# %% [markdown] lang="zh-TW"
# 兩個損失都乘上了類別 1 的權重 1.5。預測正確的那個樣本損失本來就比較小，所以貢獻也比較小，但權重是一樣的。

# %% [markdown] lang="en"
# ## "Average count / class count" weights
# If the classes were balanced, each would have N / K samples (here 10 / 2 = 5, printed below). Dividing that average
# by each class's count gives weights above 1 for rare classes and below 1 for common ones. This is
# `cw.balanced(counts)`, the same formula as scikit-learn's `compute_class_weight("balanced")` (the cell checks).
#
# Note the device-agnostic pattern: the weights are computed from `targets`, so they are born on the
# same device; `weight.to(logits.device)` would do the same for weights made elsewhere. (Moving only the
# weights to the GPU, as the reference notebook did, fails there: its logits and targets stay on the CPU;
# the section "If something is on the wrong device" shows the error.)

# %% [markdown] lang="zh-TW"
# ## 「平均筆數 / 該類別筆數」權重
# 如果類別是平衡的，每個類別會有 N / K 筆資料（這裡是 10 / 2 = 5 筆，下面會印出來）。把這個平均筆數除以各類別的筆數，
# 少數類別（minority class）會得到大於 1 的權重，多數類別則小於 1。這就是 `cw.balanced(counts)`，
# 和 scikit-learn 的 `compute_class_weight("balanced")` 是同一個公式（儲存格會驗證）。
#
# 注意這個與裝置無關的寫法：權重是由 `targets` 算出來的，所以一開始就和 `targets` 在同一個裝置上；
# 如果權重是在別處建立的，用 `weight.to(logits.device)` 也能達到同樣的效果。
# （參考筆記本只把權重搬到 GPU，在有 GPU 的機器上會出現錯誤，因為它的 logits 和目標標籤（target）還留在 CPU 上；
# 「如果有張量放錯裝置」一節會顯示這個錯誤。）

# %%
average = counts.sum() / len(counts)
weight_bal = average / counts
print(cw.tr("average count per class: {x}", x=average.item()))
print(cw.tr("average / count: {w}", w=weight_bal.tolist()))
print(cw.tr("cw.balanced(counts): {w}", w=cw.balanced(counts).tolist()))
sk = compute_class_weight("balanced", classes=np.array([0, 1]), y=targets.cpu().numpy())
print(cw.tr("the same as scikit-learn's compute_class_weight('balanced'): {same}",
            same=bool(np.allclose(sk, weight_bal.cpu().numpy()))))
print(cw.tr("for comparison, 1 / count (inverse frequency): {w}", w=cw.inverse_frequency(counts).tolist()))

parts_bal = cw.per_class_loss(logits, targets, weight=weight_bal, reduction="sum")
print(cw.tr("per-class parts: {p}", p=[round(v, 4) for v in parts_bal.tolist()]))

# %% [markdown] lang="en"
# ## Why the parts are equal here, and when they are not
# A class's part is *weight × count × the average loss of its samples*. With balanced weights,
# weight × count = N / K for every class, so each part is (N / K) × the class's average loss.
# The parts are equal here **because every sample has the same loss** (0.2232). Balanced weights even out
# the *counts*, not the *losses*: if the model is less sure about class 1, class 1's part is larger.
# Let us make class 1's logits (−0.2, 0.2), a true-class probability of about 0.6:

# %% [markdown] lang="zh-TW"
# ## 為什麼這裡兩個類別所占的部分一樣大？什麼時候不會？
# 一個類別所占的部分 = *權重 × 筆數 × 該類別樣本的平均損失*。
# 用平衡權重時，每個類別的「權重 × 筆數」都等於 N / K，所以每個類別所占的部分就是 (N / K) × 該類別的平均損失。
# 這裡兩個類別所占的部分一樣大，**是因為每個樣本的損失都相同**（0.2232）。平衡權重拉平的是*筆數*，不是*損失*：
# 如果模型對類別 1 比較沒把握，類別 1 所占的部分就會比較大。
# 我們把類別 1 的 logits 改成 (−0.2, 0.2)，也就是正確類別的機率約為 0.6：

# %%
logits_unsure = logits.clone()
logits_unsure[targets == 1] = torch.tensor([-0.2, 0.2], device=device)
p1 = torch.softmax(logits_unsure[-1], dim=0)[1].item()
parts_unsure = cw.per_class_loss(logits_unsure, targets, weight=weight_bal, reduction="sum")
print(cw.tr("probability of the true class for class 1: {p}", p=f"{p1:.4f}"))
print(cw.tr("per-class parts with balanced weights: {p}", p=[round(v, 4) for v in parts_unsure.tolist()]))

# %% [markdown] lang="en"
# The four cases so far, side by side on one scale. Each panel's title names its logits (the toy ones or the
# unsure ones) and its weights; the bars are the per-class parts of the `"sum"` loss.

# %% [markdown] lang="zh-TW"
# 到目前為止的四種情況，用同一個尺度並排比較。每張圖的標題寫出它用的 logits（玩具範例的，或「沒把握」的）和權重；
# 長條則是 `"sum"` 損失中各類別所占的部分。

# %%
toy, unsure = cw.tr("toy logits"), cw.tr("unsure logits")
cw.plot_loss_panels([([1.0, 1.0], parts), (weight, parts_06_15), (weight_bal, parts_bal), (weight_bal, parts_unsure)],
                    reduction="sum", labels=[toy, toy, toy, unsure], figsize=(12, 4.2))
cw.show()

# %% [markdown] lang="en"
# ## What `reduction="mean"` divides by
# With weights, PyTorch's `"mean"` is **not** the sum divided by N. It is the weighted sum divided by
# the sum of the targets' weights, Σᵢ w[yᵢ]. With balanced weights that sum happens to be N
# (8 × 0.625 + 2 × 2.5 = 10, in the table below); with other weights it is not. One consequence: multiplying every weight by
# the same number changes the `"sum"` loss but not the `"mean"` loss. (We use the "unsure" logits from
# above: with ten equal per-sample losses, every weighted mean would be that same loss.)

# %% [markdown] lang="zh-TW"
# ## `reduction="mean"` 到底除以什麼？
# 加了權重之後，PyTorch 的 `"mean"` **不是**把總和除以 N，
# 而是把加權總和除以每個樣本的目標標籤所對應的權重總和 Σᵢ w[yᵢ]。
# 用平衡權重時，這個總和剛好等於 N（8 × 0.625 + 2 × 2.5 = 10，見下表）；換成其他權重就不是了。
# 因此，把所有權重乘上同一個數字，`"sum"` 的損失會跟著變，`"mean"` 的損失卻不會變。
# （這裡用上面那組「沒把握」的 logits：如果 10 筆資料的損失都一樣，不管怎麼加權，加權平均都還是同一個數。）

# %%
rows = []
for name, w in [("[0.6, 1.5]", weight), (cw.tr("balanced weights"), weight_bal),
                (cw.tr("10 x balanced weights"), 10 * weight_bal)]:
    s = torch.nn.CrossEntropyLoss(weight=w, reduction="sum")(logits_unsure, targets).item()
    m = torch.nn.CrossEntropyLoss(weight=w, reduction="mean")(logits_unsure, targets).item()
    denom = w[targets].sum().item()  # en: the sum of the targets' weights  # zh-TW: 目標標籤的權重總和
    rows.append((name, [f"{s:.4f}", f"{denom:.2f}", f"{m:.4f}", f"{s / denom:.4f}"]))
print(cw.text_table([cw.tr("sum"), "Σᵢ w[yᵢ]", cw.tr("mean"), cw.tr("sum / Σᵢ w[yᵢ]")], rows))

# %% [markdown] lang="en"
# ## If something is on the wrong device
# `cw.per_class_loss` checks that logits, targets and weights share one device and says which is where.
# (Here we fake a second device with PyTorch's `meta` device, so the error shows on any machine. The message
# is printed in two lines, the problem and then the fix it names, to fit the screen.) PyTorch's own loss fails
# too when only the weights are moved, as in the reference notebook; the last line shows its error type.

# %% [markdown] lang="zh-TW"
# ## 如果有張量放錯裝置
# `cw.per_class_loss` 會檢查 logits、目標標籤和權重是否在同一個裝置上，並指出哪一個在哪裡。
# （這裡用 PyTorch 的 `meta` 裝置假裝成第二個裝置，所以在任何機器上都看得到這個錯誤訊息。
# 為了放得進畫面，訊息分成兩行印出：先是問題，再是它指出的修正方法。）套件的錯誤訊息是英文，
# 第一行的意思是「logits 在 cpu 裝置上（有 GPU 時是 cuda:0），weight 卻在 meta 裝置上」。
# 像參考筆記本那樣只搬權重時，PyTorch 自己的損失函數也會出現錯誤；最後一行印出它的錯誤類型。

# %%
try:
    cw.per_class_loss(logits, targets, weight=weight_bal.to("meta"))
except ValueError as err:
    problem, fix = str(err).split("; ")  # en: two lines, to fit the screen  # zh-TW: 分成兩行，才放得進畫面
    print("ValueError:", problem)
    print(cw.tr("the rest of the message names the fix: {fix}", fix=fix.split("e.g. ")[-1]))
try:  # en: PyTorch's own loss, with only the weights moved  # zh-TW: PyTorch 自己的損失函數，只搬了權重
    torch.nn.CrossEntropyLoss(weight=weight_bal.to("meta"))(logits, targets)
except RuntimeError as err:
    print(cw.tr("torch.nn.CrossEntropyLoss with only the weights moved: {e}", e=type(err).__name__))

# %% [markdown] lang="en"
# ## Explore the weights yourself
# Move a slider and the bars follow. Things to try:
# 1. Under **sum**, find the weights that make the two bars equal. What is the ratio of the two weights?
# 2. Pick the presets one by one. Inverse frequency (1 / count) and balanced give the same *ratio*
#    (1 : 4), so the same shares, at a different scale.
# 3. Switch to **mean**, then move only class 1's slider: class 0's bar moves too, because the
#    denominator (the sum of the targets' weights) changes. The shares are the same as under sum.

# %% [markdown] lang="zh-TW"
# ## 自己動手調整權重
# 拖曳滑桿（slider），長條就會跟著變。可以試試：
# 1. 在 **加總 sum** 模式下，找出讓兩個長條一樣高的權重。兩個權重的比值是多少？
# 2. 依序選擇各個快速設定。頻率倒數（inverse frequency，1 / 筆數）和平衡權重的*比值*相同（1 : 4），
#    所以各類別的占比一樣，只是整體大小不同。
# 3. 切換到 **平均 mean**，然後只移動類別 1 的滑桿：類別 0 的長條也會跟著動，
#    因為分母（目標標籤的權重總和）改變了。各類別的占比則和加總時一樣。

# %% tags=["nbval-ignore-output"]
cw.weight_explorer(logits, targets)

# %% [markdown] lang="en"
# ## Summary
# - `weight=` multiplies each sample's loss by the weight of its true class; a class's part of the loss is
#   weight × count × its average per-sample loss.
# - Without weights, a class's part grows with its count: here class 0 had 80% of the loss.
# - "Average count / class count" (balanced) weights make weight × count the same for every class; the
#   parts are then equal only if the classes' average losses are equal.
# - With `"mean"`, PyTorch divides by the sum of the targets' weights, so only the ratios of the weights
#   matter; with `"sum"`, their scale matters too.
# - Keep logits, targets and weights on one device: compute the weights from the targets, or move them
#   with `.to(logits.device)`.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `weight=` 會把每個樣本的損失乘上它正確類別的權重；一個類別所占的部分 = 權重 × 筆數 × 該類別樣本的平均損失。
# - 不加權時，一個類別的筆數越多，所占的部分就越大：這裡類別 0 占了 80% 的損失。
# - 「平均筆數 / 該類別筆數」（平衡）權重讓每個類別的「權重 × 筆數」都相同；只有各類別的平均損失也相同時，
#   各類別所占的部分才會一樣大。
# - 用 `"mean"` 時，PyTorch 除以目標標籤的權重總和，所以只有權重之間的比值有影響；用 `"sum"` 時，權重的整體大小也有影響。
# - logits、目標標籤和權重要放在同一個裝置上：從目標標籤算出權重，或用 `.to(logits.device)` 搬過去。

# %% [markdown] lang="en"
# ## Exercises
# Each exercise has a cell that checks your answer: replace `None`, run the cell, read the verdict.
# The solutions are folded away below each exercise; open them after you have tried.
#
# **Exercise 01.1.** A new batch with three classes: 5 samples of class 0, 3 of class 1 and 2 of class 2, and a
# model equally sure of every sample, so every sample has the same loss. Under `reduction="sum"`, which weights
# `[w0, w1, w2]` make the three classes' parts equal? Any weights that work are right. (The explorer shows two
# classes only: find the rule there, then carry it over.)

# %% [markdown] lang="zh-TW"
# ## 練習
# 每個練習都有一個檢查答案的儲存格：把 `None` 換成你的答案，執行儲存格，看看檢查結果。
# 解答收在每個練習下方，請先自己試過再打開。
#
# **練習 01.1。** 換一個有三個類別的批次：類別 0 有 5 筆、類別 1 有 3 筆、類別 2 有 2 筆，
# 而且模型對每個樣本都一樣有把握，所以每個樣本的損失都相同。在 `reduction="sum"` 之下，
# 哪一組權重 `[w0, w1, w2]` 能讓三個類別所占的部分一樣大？只要能做到的組合都算對。
# （探索工具只有兩個類別：先在那裡找出規則，再套用到三個類別上。）

# %%
answer_01_1 = None  # en: your weights [w0, w1, w2]  # zh-TW: 你的權重 [w0, w1, w2]
cw.check("01.1", answer_01_1)

# %% [markdown] lang="en"
# <details><summary>Solution 01.1</summary>
#
# Any weights proportional to 1 / count, so that weight × count is the same for every class: for example
# `[1/5, 1/3, 1/2]`, thirty times those, `[6, 10, 15]`, or the balanced weights (10 / 3) / count. With two classes
# the rule was one ratio (w1 / w0 = 8 / 2); with three, each weight must be proportional to 1 / its count.
# ```python
# answer_01_1 = (1 / torch.tensor([5.0, 3.0, 2.0])).tolist()
# ```
#
# </details>
#
# **Exercise 01.2 (predict, then check).** Another batch: 6 samples of class 0, 3 of class 1 and 1 of
# class 2, with weights `[1, 2, 6]` and `reduction="mean"`. What number does PyTorch divide the weighted sum
# of the ten losses by? Work it out on paper first.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 01.1 解答</summary>
#
# 只要權重和 1 / 筆數成正比，讓每個類別的「權重 × 筆數」都相同就可以，例如 `[1/5, 1/3, 1/2]`、
# 它的三十倍 `[6, 10, 15]`，或平衡權重 (10 / 3) / 筆數。兩個類別時，規則是一個比值（w1 / w0 = 8 / 2）；
# 三個類別時，每個權重都要和它的筆數成反比。
# ```python
# answer_01_1 = (1 / torch.tensor([5.0, 3.0, 2.0])).tolist()
# ```
#
# </details>
#
# **練習 01.2（先預測，再驗證）。** 換一個批次：類別 0 有 6 筆、類別 1 有 3 筆、類別 2 有 1 筆，權重是 `[1, 2, 6]`，`reduction="mean"`。
# PyTorch 會把這 10 筆資料損失的加權總和除以哪個數字？請先在紙上算出來。

# %%
answer_01_2 = None  # en: a number  # zh-TW: 一個數字
cw.check("01.2", answer_01_2)

# %% [markdown] lang="en"
# <details><summary>Solution 01.2</summary>
#
# The sum of the targets' weights, Σᵢ w[yᵢ] = 6 × 1 + 3 × 2 + 1 × 6 = 18, not the 10 samples and not the
# sum of the three weights (9). Balanced weights always make that sum equal to N; these weights do not.
# ```python
# answer_01_2 = 6 * 1 + 3 * 2 + 1 * 6
# ```
#
# </details>
#
# **Exercise 01.3 (predict, then check).** Back to the *unsure* logits (class 1's samples at (−0.2, 0.2)).
# Under `reduction="sum"`, which weights `[w0, w1]` make the two classes' parts equal? Write down your guess
# for the ratio w1 / w0 before computing anything; then compute it from the per-sample losses.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 01.2 解答</summary>
#
# 除以目標標籤的權重總和 Σᵢ w[yᵢ] = 6 × 1 + 3 × 2 + 1 × 6 = 18，既不是 10 筆資料，也不是三個權重的總和（9）。
# 平衡權重一定會讓這個總和剛好等於 N；這裡的權重就不會。
# ```python
# answer_01_2 = 6 * 1 + 3 * 2 + 1 * 6
# ```
#
# </details>
#
# **練習 01.3（先預測，再驗證）。** 回到「沒把握」的 logits（類別 1 的樣本是 (−0.2, 0.2)）。
# 在 `reduction="sum"` 之下，哪一組權重 `[w0, w1]` 能讓兩個類別所占的部分一樣大？
# 動手算之前，先寫下你猜的比值 w1 / w0；再用每個樣本的損失把它算出來。

# %%
answer_01_3 = None  # en: your weights [w0, w1]  # zh-TW: 你的權重 [w0, w1]
cw.check("01.3", answer_01_3)

# %% [markdown] lang="en"
# <details><summary>Solution 01.3</summary>
#
# About 1.74, well below the count ratio 4. A part is weight × count × average loss. Class 0 has 8 samples of loss −ln p₀, class 1 has 2 of
# the larger loss −ln p₁, so w1 / w0 = (8 × −ln p₀) / (2 × −ln p₁), about 1.74: balanced weights (ratio 4)
# even out the counts, and class 1's larger losses then make its part the larger one.
# ```python
# loss = torch.nn.CrossEntropyLoss(reduction="none")
# l0 = loss(torch.tensor([[0.6931, -0.6931]]), torch.tensor([0])).item()
# l1 = loss(torch.tensor([[-0.2, 0.2]]), torch.tensor([1])).item()
# answer_01_3 = [1.0, (8 * l0) / (2 * l1)]
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 01.3 解答</summary>
#
# 大約 1.74，比筆數的比值 4 小得多。一個類別所占的部分 = 權重 × 筆數 × 平均損失。類別 0 有 8 筆、每個樣本的損失是 −ln p₀；類別 1 有 2 筆、每個樣本的損失是比較大的 −ln p₁，
# 所以 w1 / w0 = (8 × −ln p₀) / (2 × −ln p₁)，大約是 1.74：平衡權重（比值 4）拉平的是筆數，類別 1 比較大的損失會讓它所占的部分比較大。
# ```python
# loss = torch.nn.CrossEntropyLoss(reduction="none")
# l0 = loss(torch.tensor([[0.6931, -0.6931]]), torch.tensor([0])).item()
# l1 = loss(torch.tensor([[-0.2, 0.2]]), torch.tensor([1])).item()
# answer_01_3 = [1.0, (8 * l0) / (2 * l1)]
# ```
#
# </details>
