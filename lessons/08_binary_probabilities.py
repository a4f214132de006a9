# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 08 · Two classes: pos_weight, probabilities and the threshold
#
# **What you will learn:**
# - `BCEWithLogitsLoss(pos_weight=...)` for one yes/no label, against `CrossEntropyLoss(weight=...)`;
# - starting the output bias at the class prior;
# - why a weighted model **overstates** the rare class's probability, and how to correct it;
# - why precision–recall tells more than ROC under imbalance;
# - moving the decision threshold instead of weighting.
#
# The running example: a screening test where one sample in ten is positive.

# %% [markdown] lang="zh-TW"
# # 第 08 課 · 兩個類別：pos_weight、機率與門檻值
#
# **你會學到：**
# - 只有一個「是／否」標籤時的 `BCEWithLogitsLoss(pos_weight=...)`，以及它和 `CrossEntropyLoss(weight=...)` 的差別；
# - 讓輸出層的偏差（bias）從類別先驗機率（prior）開始；
# - 為什麼加權模型會**高估**稀有類別的機率（probability），以及怎麼校正；
# - 為什麼在類別不平衡時，精確率–召回率（precision–recall）比 ROC 透露更多資訊；
# - 不加權，而是移動判定的門檻值（threshold）。
#
# 貫穿本課的例子是某種疾病的篩檢：每十筆資料只有一筆是陽性（positive）。

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
import numpy as np
import torch
from scipy import stats
from sklearn import metrics
from sklearn.calibration import calibration_curve

import classweights as cw

device = cw.pick_device()
print(cw.tr("device: {d}", d=device))

# %% [markdown] lang="en"
# ## 1. `pos_weight` scales only the positive term
# `BCEWithLogitsLoss` takes one logit z per sample (the score before the sigmoid) and a target t of 0 or 1.
# With `pos_weight` p, each sample's loss is
#
# $$\ell = -\big[\,p\,t\,\log \sigma(z) + (1 - t)\,\log(1 - \sigma(z))\,\big].$$
#
# Only the positives' term is multiplied. Five samples, two positive, `reduction="none"`:

# %% [markdown] lang="zh-TW"
# ## 1. `pos_weight` 只放大正類那一項
# `BCEWithLogitsLoss` 每筆樣本只接受一個 logit z（也就是還沒經過 sigmoid 的原始分數），目標標籤（target）t 是 0 或 1。
# 設定 `pos_weight` 為 p 時，每個樣本的損失（loss）是
#
# $$\ell = -\big[\,p\,t\,\log \sigma(z) + (1 - t)\,\log(1 - \sigma(z))\,\big].$$
#
# 只有正類（t = 1）那一項被乘上 p。下面是五筆樣本，其中兩筆是正類；用 `reduction="none"` 讓每筆樣本的損失都顯示出來：

# %%
z = torch.tensor([2.0, -1.0, 0.5, -2.0, 1.0], device=device)
t = torch.tensor([1.0, 1.0, 0.0, 0.0, 0.0], device=device)
for p in (1.0, 3.0):
    per_sample = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([p], device=device), reduction="none")(z, t)
    print(cw.tr("pos_weight {p}: {losses}", p=f"{p:g}", losses=[round(v, 4) for v in per_sample.tolist()]))
by_hand = -(3.0 * t * torch.nn.functional.logsigmoid(z) + (1 - t) * torch.nn.functional.logsigmoid(-z))
print(cw.tr("the formula above with p = 3 equals PyTorch: {ok}", ok=cw.tr(str(torch.allclose(by_hand, per_sample)))))

# %% [markdown] lang="en"
# The two positives' losses triple; the three negatives' do not move.
#
# ## 2. `pos_weight` is a ratio, and "mean" divides by N
# BCE has no weight for the negatives: they count 1, so `pos_weight` is the positives' weight *relative to* the
# negatives'. Its two-class counterpart is `CrossEntropyLoss(weight=[1, p])` on the logits (0, z), whose softmax
# gives σ(z). With `"mean"` CE divides by Σ w[yᵢ] (lesson 01), BCE by N; with `"sum"` the two are equal:

# %% [markdown] lang="zh-TW"
# 兩筆正類樣本的損失變成三倍，三筆負類樣本的損失完全沒動。
#
# ## 2. `pos_weight` 是比值；用 mean 彙總時，BCE 除以 N
# BCE 沒有負類的權重：負類永遠算 1，所以 `pos_weight` 是正類權重*相對於*負類權重的比值。
# 它在兩個類別時的對應寫法，是對 logits (0, z) 使用 `CrossEntropyLoss(weight=[1, p])`，softmax 之後得到的同樣是 σ(z)。
# 彙總方式（reduction）用 `"mean"` 時，CE 除以目標標籤權重的總和 Σ w[yᵢ]（第 01 課），BCE 除以 N；用 `"sum"` 時兩者相等：

# %%
logits2 = torch.stack([torch.zeros(5, device=device), z], dim=1)  # en: two-class logits [0, z]: softmax gives sigmoid(z)  # zh-TW: 兩個類別的 logits [0, z]：softmax 得到 sigmoid(z)
labels = t.long()
ce_1_3 = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=device))(logits2, labels)
ce_10_30 = torch.nn.CrossEntropyLoss(weight=torch.tensor([10.0, 30.0], device=device))(logits2, labels)
print(cw.tr("CE, weights [1, 3]: {a}   CE, weights [10, 30]: {b}", a=f"{ce_1_3.item():.4f}",
            b=f"{ce_10_30.item():.4f}"))
for p in (3.0, 30.0):
    w = torch.tensor([1.0, p], device=device)
    ce_p = torch.nn.CrossEntropyLoss(weight=w)(logits2, labels)
    bce_p = torch.nn.BCEWithLogitsLoss(pos_weight=w[1:])(z, t)
    factor = w[labels].sum() / len(labels)  # en: sum of the targets' weights / N  # zh-TW: 目標標籤權重的總和 / N
    print(cw.tr("pos_weight {p}: BCE {b}, CE [1, {p}] {c}; BCE = CE x {f} (sum of w[y] / N): {ok}", p=f"{p:g}",
                b=f"{bce_p.item():.4f}", c=f"{ce_p.item():.4f}", f=f"{factor.item():.1f}",
                ok=cw.tr(str(torch.allclose(bce_p, ce_p * factor)))))
ce_sum = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=device), reduction="sum")(logits2, labels)
bce_sum = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0], device=device), reduction="sum")(z, t)
print(cw.tr("reduction sum: CE {a}, BCE {b}, equal: {ok}", a=f"{ce_sum.item():.4f}", b=f"{bce_sum.item():.4f}",
            ok=cw.tr(str(torch.allclose(ce_sum, bce_sum)))))

# %% [markdown] lang="en"
# CE's weights [10, 30] give the same loss as [1, 3]: a common factor cancels. BCE's `pos_weight` 30 is CE's
# [1, 30], a ten times stronger pull towards the positives. And BCE's loss is CE's times Σ w[yᵢ] / N, so a larger
# `pos_weight` also scales up the gradient: plain SGD may need a smaller learning rate (Adam, used below, divides
# the scale away). Choose the ratio you want, usually n_negative / n_positive.
#
# ## 3. The same task two ways: BCE with `pos_weight`, and two-class CE with weights
# With full batches the factor Σ w[yᵢ] / N is one constant, so the same parameters minimise both losses; with
# mini-batches it changes per batch, so the two runs need not match. The data: 5,000 points of two
# overlapping 2-D clouds, one in ten positive, split (stratified) into training, validation and test.
# `cw.pos_weight` uses the **training** labels:

# %% [markdown] lang="zh-TW"
# CE 的權重 [10, 30] 和 [1, 3] 得到相同的損失：共同的倍數會互相抵消。BCE 的 `pos_weight` 30 則是 CE 的 [1, 30]，把模型往正類拉的力道加重了十倍。
# 而且 BCE 的損失等於 CE 的損失乘上 Σ w[yᵢ] / N，所以 `pos_weight` 越大，梯度（gradient）也越大：用一般的 SGD 時，可能需要調低學習率（下面用的 Adam 會把這個尺度抵消掉）。
# `pos_weight` 直接設成你想要的比值，通常是 n_negative / n_positive。
#
# ## 3. 同一個任務的兩種寫法：BCE 搭配 `pos_weight`，以及兩個類別的 CE 搭配權重
# 整批（full batch）訓練時，倍數 Σ w[yᵢ] / N 是固定的常數，所以使兩者達到最小值的是同一組參數；用小批次（mini-batch）時，這個倍數每個批次都不一樣，兩者不一定相同。
# 資料是兩團互相重疊的二維點雲，共 5,000 筆，每十筆有一筆是正類，依類別分層（stratified）切成訓練集、驗證集和測試集。`cw.pos_weight` 用的是**訓練集**的標籤：

# %%
X, y = cw.imbalanced_blobs(5000, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
split = cw.train_val_test_split(X, y, val_size=1500, test_size=1500, seed=0)
(X_train, y_train), (X_val, y_val), (X_test, y_test) = [(a.to(device), b.to(device)) for a, b in split.values()]
for name, labels_ in (("train", y_train), ("validation", y_val), ("test", y_test)):
    print(cw.tr("{name}: {counts} (negatives, positives)", name=cw.tr(name),
                counts=cw.class_counts(labels_, num_classes=2).int().tolist()))
pw = cw.pos_weight(y_train)
print(cw.tr("pos_weight = n_negative / n_positive = {pw}", pw=round(float(pw), 4)))

# %% [markdown] lang="en"
# One seeded training loop (linear model, full batch, Adam) serves the whole lesson. The BCE model has one
# output, the CE models two; an unweighted CE model is the baseline. Scores of the positive class on validation:

# %% [markdown] lang="zh-TW"
# 整課都用同一個固定隨機種子的訓練迴圈（線性模型、整批訓練、Adam）。BCE 模型有一個輸出，CE 模型有兩個；不加權的 CE 模型當作對照。驗證集上正類的各項指標：

# %%
def fit(loss_fn, outputs, X=None, steps=300, bias=None, losses=None):
    torch.manual_seed(0)
    X = X_train if X is None else X
    model = torch.nn.Linear(X.shape[1], outputs).to(device)
    if bias is not None:  # en: start the output bias here instead of nn.Linear's random start  # zh-TW: 輸出偏差從這裡開始，而不是 nn.Linear 的隨機初始值
        with torch.no_grad():
            model.bias.fill_(bias)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(model(X))
        if losses is not None:
            losses.append(loss.item())
        loss.backward()
        opt.step()
    return model.eval()


def scores(pred, target):
    p, r, f, _ = metrics.precision_recall_fscore_support(target.cpu(), pred.cpu(), labels=[1], zero_division=0)
    balanced = metrics.balanced_accuracy_score(target.cpu(), pred.cpu())
    return [f"{r[0]:.3f}", f"{p[0]:.3f}", f"{f[0]:.3f}", f"{balanced:.3f}"]


HEADS = [cw.tr("recall"), cw.tr("precision"), "F1", cw.tr("balanced accuracy")]
bce = torch.nn.BCEWithLogitsLoss(pos_weight=pw.to(device))
ce = torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, float(pw)], device=device))
model_bce = fit(lambda out: bce(out.squeeze(1), y_train.float()), outputs=1)
model_ce = fit(lambda out: ce(out, y_train), outputs=2)
model_plain = fit(lambda out: torch.nn.functional.cross_entropy(out, y_train), outputs=2)
with torch.no_grad():
    p_bce = torch.sigmoid(model_bce(X_val).squeeze(1))
    P_plain, P_weighted = torch.softmax(model_plain(X_val), 1), torch.softmax(model_ce(X_val), 1)
gap = (p_bce - P_weighted[:, 1]).abs().max()
print(cw.tr("BCE and CE models: largest gap in P(positive) on validation below 0.001: {ok}",
            ok=cw.tr(str(bool(gap < 1e-3)))))
print(cw.tr("validation samples where the two models decide differently: {n}",
            n=int(((p_bce > 0.5) != (P_weighted[:, 1] > 0.5)).sum())))
print(cw.text_table(HEADS, [(cw.tr("no weights"), scores(P_plain.argmax(1), y_val)),
                            (cw.tr("BCE, pos_weight"), scores((p_bce > 0.5).long(), y_val)),
                            (cw.tr("CE, weights [1, p]"), scores(P_weighted.argmax(1), y_val))]))

# %% [markdown] lang="en"
# The two weighted models are one model. The weight trades precision for recall. **Why (lesson 02, section 3):**
# weighted cross-entropy learns argmax_c w_c·p(c|x); with weights [1, p] that is "positive when
# P(1|x) > 1 / (1 + p)". So it should decide almost as the plain model at the threshold 1 / (1 + p):

# %% [markdown] lang="zh-TW"
# 兩個加權模型其實是同一個模型。權重是拿精確率換召回率。**為什麼（第 02 課第 3 節）：** 加權交叉熵學到的是 argmax_c w_c·p(c|x)；
# 權重為 [1, p] 時，就是「P(1|x) > 1 / (1 + p) 時預測正類」。所以它的判定應該幾乎等於不加權模型在門檻值 1 / (1 + p) 的判定：

# %%
moved = 1 / (1 + float(pw))
print(cw.tr("threshold 1 / (1 + p) = {t}", t=f"{moved:.2f}"))
same = ((P_plain[:, 1] > moved) == (P_weighted[:, 1] > 0.5)).sum()
print(cw.tr("plain model at that threshold, weighted model at 0.5: the same decision on {k} of {n} samples",
            k=int(same), n=len(y_val)))

# %% [markdown] lang="en"
# ## 4. Start from the prior: the output bias
# TensorFlow's tutorial on imbalanced data starts the output bias at b₀ = log(n_positive / n_negative): σ(b₀) is the share of positives, and the first
# loss is that of a constant prediction at the share. With `pos_weight` = n_negative / n_positive the weighted
# share is one half, so the matching start is b₀ = 0. The loss of four starts:

# %% [markdown] lang="zh-TW"
# ## 4. 從先驗機率開始：輸出層的偏差
# TensorFlow 處理不平衡資料的教學讓輸出偏差從 b₀ = log(n_positive / n_negative) 開始：
# σ(b₀) 正好是正類的占比，第一個損失就是「永遠預測這個占比」的損失。如果 `pos_weight` = n_negative / n_positive，加權後的占比是一半，對應的起點就是 b₀ = 0。四種起點的損失：

# %%
n_pos, n_neg = int((y_train == 1).sum()), int((y_train == 0).sum())
prior_bias = math.log(n_pos / n_neg)
share = n_pos / (n_pos + n_neg)
constant_loss = -(share * math.log(share) + (1 - share) * math.log(1 - share))
print(cw.tr("b0 = log({a} / {b}) = {b0}; loss of the constant prediction {s}: {h}", a=n_pos, b=n_neg,
            b0=f"{prior_bias:.3f}", s=f"{share:.2f}", h=f"{constant_loss:.3f}"))
start = fit(None, outputs=1, steps=0)  # en: nn.Linear as initialised, before any step  # zh-TW: nn.Linear 剛初始化、還沒走任何一步
with torch.no_grad():
    print(cw.tr("bias of nn.Linear at the start: {b}; first mean P(positive): {p}", b=f"{start.bias.item():.2f}",
                p=f"{torch.sigmoid(start(X_train)).mean().item():.3f}"))
bce_plain = torch.nn.BCEWithLogitsLoss()
STEPS = (0, 10, 25, 50, 300)
rows = []
for name, loss_fn, bias in ((cw.tr("no pos_weight, bias of nn.Linear"), bce_plain, None),
                            (cw.tr("no pos_weight, b0 = log(pos / neg)"), bce_plain, prior_bias),
                            (cw.tr("pos_weight p, b0 = log(pos / neg)"), bce, prior_bias),
                            (cw.tr("pos_weight p, b0 = 0"), bce, 0.0)):
    losses = []
    fit(lambda out, f=loss_fn: f(out.squeeze(1), y_train.float()), outputs=1, steps=301, bias=bias, losses=losses)
    rows.append((name, [f"{losses[s]:.3f}" for s in STEPS]))
print(cw.tr("training loss after this many steps:"))
print(cw.text_table([str(s) for s in STEPS], rows, min_col=8))

# %% [markdown] lang="en"
# nn.Linear's random bias (here -0.58) starts P(positive) at 0.364 on average, not at the share. Started at the
# prior, the plain model begins near the constant prediction's loss and leads for dozens of steps; both reach
# 0.169 at 300. With `pos_weight` the prior bias starts worse than b₀ = 0
# (2.220 against 1.308) and is behind at steps 10 and 50. The bias changes the start, not where this small convex
# problem ends.
#
# ## 5. A weighted model's probabilities overstate the rare class
# The weighted model's softmax tends to w_c·p(c|x), renormalised: its P(positive) is inflated. On validation:
# the mean P(positive) against the share of positives, the top-label expected calibration error (ECE: the
# confidence–accuracy gap over equal-width bins; 0 is perfect), and how many of the 10 bins overstate (mean
# predicted P(positive) above the fraction of positives: below the diagonal):

# %% [markdown] lang="zh-TW"
# nn.Linear 的偏差從隨機值開始（這裡是 -0.58），所以最初的 P(正類)（平均 0.364）並不是正類的占比。
# 從先驗機率開始時，不加權模型的起始損失就在常數預測的損失附近，而且在前幾十步都領先；300 步之後兩者都是 0.169。
# 用 `pos_weight` 時，先驗偏差的起點比 b₀ = 0 差（2.220 對 1.308），第 10 步和第 50 步也落後。偏差改變的是訓練從哪裡開始，不會改變這個小小的凸問題最後停在哪裡。
#
# ## 5. 加權模型的機率會高估稀有類別
# 加權模型的 softmax 會趨近重新正規化後的 w_c·p(c|x)：它的 P(正類) 被高估（膨脹）了。在驗證集上比較：P(正類) 的平均和正類實際的占比、
# 只看機率最高類別（top-label）的期望校準誤差（expected calibration error, ECE：在等寬的區間裡比較信心值和準確率的差距；0 代表完美），
# 以及 P(正類) 的 10 個區間裡有幾個高估（預測機率的平均高於實際正類比例，在圖上落在對角線下方）：

# %%
w2 = torch.tensor([1.0, float(pw)], device=device)
with torch.no_grad():
    P_corrected = cw.unweight_probabilities(model_ce(X_val), w2)
print(cw.tr("share of positives in validation: {s}", s=f"{(y_val == 1).float().mean().item():.3f}"))
rows = []
for name, P in ((cw.tr("no weights"), P_plain), (cw.tr("weights [1, p]"), P_weighted),
                (cw.tr("weights + correction"), P_corrected)):
    frac, mean = calibration_curve(y_val.cpu(), P[:, 1].cpu(), n_bins=10)
    rows.append((name, [f"{P[:, 1].mean().item():.3f}", f"{cw.expected_calibration_error(P, y_val):.3f}",
                        f"{int((mean > frac).sum())} / {len(frac)}"]))
print(cw.text_table([cw.tr("mean P(positive)"), "ECE", cw.tr("bins overstating")], rows, min_col=18))
agree_plain = (P_corrected.argmax(1) == P_plain.argmax(1)).sum()
agree_weighted = (P_corrected.argmax(1) == P_weighted.argmax(1)).sum()
print(cw.tr("argmax of the corrected probabilities: as the plain model on {a} of {n}, as the weighted on {b}",
            a=int(agree_plain), n=len(y_val), b=int(agree_weighted)))

# %% [markdown] lang="en"
# The mean P(positive) shows the inflation (0.268 against 0.100), and all 10 bins overstate. Top-label ECE moves
# less (0.011 to 0.019): it scores the most likely class, mostly "negative". `cw.unweight_probabilities(logits,
# weight)`, softmax(logits − log w), divides each class's probability by its weight and renormalises: mean 0.095
# against the plain model's 0.096, and its argmax is the plain model's decision (1499 of 1500). The reliability
# diagram (`calibration_curve`) plots, per bin, the fraction of positives against the mean predicted
# probability; calibrated is the diagonal:

# %% [markdown] lang="zh-TW"
# P(正類) 的平均把高估看得很清楚（0.268，而實際占比是 0.100），10 個區間全都高估。ECE 的變化比較小（0.011 變成 0.019）：它看的是機率最高的類別，大多是「負類」。
# `cw.unweight_probabilities(logits, weight)` 就是 softmax(logits − log w)：把每個類別的機率除以它的權重，再重新正規化。校正後的平均是 0.095，不加權模型是 0.096，
# 而且校正後機率的 argmax 就是不加權模型的判定（1500 筆中有 1499 筆相同）。可靠度圖（reliability diagram；`calibration_curve`）在每個區間畫出實際是正類的比例對上預測機率的平均；校準良好就是落在對角線上：

# %% tags=["nbval-ignore-output"]
with cw.style():  # en: the package's fonts, so that Chinese labels are drawn  # zh-TW: 套件附的字型，中文標籤才畫得出來
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    ax.plot([0, 1], [0, 1], "--", color="0.6", label=cw.tr("perfectly calibrated"))
    # en: the colours and markers of the explorer in section 9: weighted (raw) orange circles, corrected blue squares
    # zh-TW: 和第 9 節探索工具相同的顏色和標記：加權（原始）是橘色圓點，校正後是藍色方塊
    for name, P, style, colour in ((cw.tr("no weights"), P_plain, "^-", "0.45"),
                                   (cw.tr("weights [1, p]"), P_weighted, "o-", cw.RAW_COLOR),
                                   (cw.tr("weights + correction"), P_corrected, "s-", cw.CORRECTED_COLOR)):
        frac, mean = calibration_curve(y_val.cpu(), P[:, 1].cpu(), n_bins=10)
        ax.plot(mean, frac, style, color=colour, lw=2, ms=6, label=name)
    ax.set_xlabel(cw.tr("mean predicted P(positive)"), fontsize=12)
    ax.set_ylabel(cw.tr("fraction of positives"), fontsize=12)
    ax.set_title(cw.tr("Reliability diagram (validation)"), fontsize=13)
    ax.legend(fontsize=11)
    ax.grid(alpha=0.3)
    cw.show()

# %% [markdown] lang="en"
# **Exact only when the model can fit the truth.** The correction assumes the weighted model reached
# w_c·p(c|x). Two round clouds of equal spread have a linear true log-odds, and training converged,
# so here it holds. A misspecified model, or a network that memorises its training set, breaks it (not shown
# here). Our data are synthetic, so the true P(positive | x) is known. A second data set spreads its positives
# 2.5 times wider: a circular boundary no line can follow.

# %% [markdown] lang="zh-TW"
# **只有模型能擬合真實情況時，校正才是精確的。** 這個校正假設加權模型學到的正是 w_c·p(c|x)。兩團分散程度相同的圓形點雲，真正的對數勝算（log-odds）是線性的，訓練也已收斂，所以這裡成立。
# 模型設定錯誤（misspecified），或把訓練集背起來的網路，都會破壞這個假設（這裡沒有示範）。我們的資料是合成的，所以知道真正的 P(正類 | x)。第二份資料的正類分散程度是 2.5 倍：邊界是圓形，沒有任何直線能貼合。

# %%
def true_p(X_, center, spread):  # en: P(positive | x) of the two Gaussian clouds, prior 0.1  # zh-TW: 兩團高斯點雲的 P(正類 | x)，先驗機率 0.1
    negatives = torch.distributions.MultivariateNormal(torch.zeros(2), torch.eye(2))
    positives = torch.distributions.MultivariateNormal(torch.tensor(center), spread ** 2 * torch.eye(2))
    return torch.sigmoid(math.log(0.1 / 0.9) + positives.log_prob(X_) - negatives.log_prob(X_))


gen = torch.Generator().manual_seed(0)
X_wide = torch.cat([torch.randn(4500, 2, generator=gen), 2.5 * torch.randn(500, 2, generator=gen) + 1.0])
y_wide = torch.cat([torch.zeros(4500, dtype=torch.long), torch.ones(500, dtype=torch.long)])
order = torch.randperm(5000, generator=gen)
X_wide, y_wide = X_wide[order].to(device), y_wide[order].to(device)
cases = {cw.tr("equal spread (a line fits)"): (X_train, y_train, X_val, (2.0, 0.0), 1.0),
         cw.tr("positives 2.5 times wider"): (X_wide[:3500], y_wide[:3500], X_wide[3500:], (1.0, 1.0), 2.5)}
rows = []
for name, (Xt, yt, Xv, center, spread) in cases.items():
    wt = torch.tensor([1.0, float(cw.pos_weight(yt))], device=device)
    plain = fit(lambda out, yt=yt: torch.nn.functional.cross_entropy(out, yt), outputs=2, X=Xt)
    weighted = fit(lambda out, yt=yt, wt=wt: torch.nn.functional.cross_entropy(out, yt, weight=wt), outputs=2, X=Xt)
    with torch.no_grad():
        p_plain = torch.softmax(plain(Xv), 1)[:, 1].cpu()
        p_corr = cw.unweight_probabilities(weighted(Xv), wt)[:, 1].cpu()
    truth = true_p(Xv.cpu(), center, spread)
    rows.append((name, [f"{(p_corr - p_plain).abs().mean():.3f}", f"{(p_plain - truth).abs().mean():.3f}",
                        f"{(p_corr - truth).abs().mean():.3f}"]))
print(cw.tr("mean gap on validation between two values of P(positive):"))
print(cw.text_table([cw.tr("corrected-plain"), cw.tr("plain-true"), cw.tr("corrected-true")], rows, min_col=17))

# %% [markdown] lang="en"
# With equal spread the corrected probabilities sit on the plain model's (mean gap 0.001). With the wider
# positives both linear models miss the truth (0.087 and 0.096), and the corrected probabilities no longer match
# the plain model's (0.025): the correction is only approximate; check it on validation.
#
# **Which to use when:** the weighted model's argmax for **decisions**; the corrected (or a plain model's)
# probabilities where a **probability** is needed.
#
# ## 6. ROC or precision–recall?
# The ROC curve (`roc_curve`) plots recall against the false-positive rate, FP / all negatives; its area is
# ROC-AUC. The precision–recall curve plots precision against recall; average precision
# (`average_precision_score`, AP) sums it up. Score the plain model also on 50,000 new samples from the same
# clouds, only 1% of them positive:

# %% [markdown] lang="zh-TW"
# 分散程度相同時，校正後的機率幾乎和不加權模型的機率重疊（平均差距 0.001）。正類比較分散時，兩個線性模型都和真正的機率有落差（0.087 和 0.096），
# 校正後的機率也不再等於不加權模型的機率（0.025）：這時校正只是近似，要在驗證集上檢查。
#
# **什麼時候用哪一個：** 要做**判定**時，用加權模型的 argmax；需要**機率**的地方，用校正後的機率（或不加權模型的機率）。
#
# ## 6. ROC 還是精確率–召回率？
# ROC 曲線（`roc_curve`）畫的是召回率對偽陽性率（false-positive rate, FP / 所有負類），曲線下面積是 ROC-AUC。
# 精確率–召回率曲線畫的是精確率對召回率，平均精確率（`average_precision_score`, AP）把它總結成一個數字。
# 再用同樣兩團點雲產生 50,000 筆新樣本，其中只有 1% 是正類，也拿不加權模型來評分：

# %%
X_rare, y_rare = cw.imbalanced_blobs(50000, (0.99, 0.01), seed=1, centers=((0.0, 0.0), (2.0, 0.0)))
with torch.no_grad():
    p_rare = torch.softmax(model_plain(X_rare.to(device)), 1)[:, 1]
rows = []
for name, target, prob in ((cw.tr("no weights, validation (10%)"), y_val, P_plain[:, 1]),
                           (cw.tr("weights [1, p], validation (10%)"), y_val, P_weighted[:, 1]),
                           (cw.tr("no weights, new samples (1%)"), y_rare, p_rare)):
    target, prob = target.cpu().numpy(), prob.cpu().numpy()
    fpr, tpr, _ = metrics.roc_curve(target, prob)
    i = int(np.argmax(tpr >= 0.8))  # en: the first point with recall 0.80  # zh-TW: 召回率達到 0.80 的第一個點
    n1, n0 = int(target.sum()), int((target == 0).sum())
    precision_80 = tpr[i] * n1 / (tpr[i] * n1 + fpr[i] * n0)  # en: precision = TP / (TP + FP)  # zh-TW: 精確率 = TP / (TP + FP)
    rows.append((name, [f"{metrics.roc_auc_score(target, prob):.3f}",
                        f"{metrics.average_precision_score(target, prob):.3f}", f"{fpr[i]:.3f}",
                        f"{precision_80:.3f}"]))
print(cw.tr("at recall 0.80: the false-positive rate and the precision"))
print(cw.text_table(["ROC-AUC", "AP", cw.tr("FP rate"), cw.tr("precision")], rows, min_col=10))
print(cw.tr("new samples at recall 0.80: {tp} of {n1} positives found, {fp} of {n0} negatives flagged",
            tp=round(tpr[i] * n1), n1=n1, fp=round(fpr[i] * n0), n0=n0))

# %% [markdown] lang="en"
# Both areas stay the same to three decimals (0.913 and 0.623): for this linear model the weights move the
# cut, not the ranking. On the rarer samples ROC-AUC does not fall (0.927 against 0.913, on another sample): each
# of its rates is computed within one class. AP falls from 0.623 to 0.283: at recall 0.80 the false-positive rate is only
# 0.113, but that is 5583 false alarms against 400 positives found, a precision of 0.067. Under imbalance,
# report AP and its share of positives.
#
# ## 7. Threshold moving: the alternative to weights
# A weight p acts like the threshold 1 / (1 + p) on a calibrated model. So train the plain model and choose its
# threshold on **validation**, here the best F1 on the precision–recall curve:

# %% [markdown] lang="zh-TW"
# 兩個面積到小數第三位都沒變（0.913 和 0.623）：對這個線性模型，權重移動的是切點，不是排序。
# 在正類更稀有的新樣本上，ROC-AUC 沒有下降（0.927 對 0.913，來自另一批樣本）：它的兩個比率都只在一個類別內部計算。AP 卻從 0.623 掉到 0.283：召回率 0.80 時偽陽性率只有 0.113，
# 但那是 5583 次誤報對上找到的 400 筆正類，精確率只有 0.067。類別不平衡時，要報告 AP（以及計算它時正類的占比）。
#
# ## 7. 移動門檻值：權重以外的另一種做法
# 權重 p 的效果就像在校準良好的模型上使用門檻值 1 / (1 + p)。所以可以訓練不加權的模型，再在**驗證集**上選它的門檻值；這裡選精確率–召回率曲線上 F1 最高的門檻值：

# %%
precision, recall, thresholds = metrics.precision_recall_curve(y_val.cpu(), P_plain[:, 1].cpu())
f1 = 2 * precision * recall / (precision + recall).clip(min=1e-12)
threshold = round(float(thresholds[int(f1[:-1].argmax())]), 2)
print(cw.tr("threshold with the best validation F1, rounded to 0.01: {t}", t=threshold))
RULES = [cw.tr("no weights, at {t}", t=0.5), cw.tr("weights [1, p], argmax"),
         cw.tr("no weights, at {t}", t=threshold)]
print(cw.text_table(HEADS, [(RULES[0], scores(P_plain.argmax(1), y_val)),
                            (RULES[1], scores(P_weighted.argmax(1), y_val)),
                            (RULES[2], scores((P_plain[:, 1] >= threshold).long(), y_val))]))

# %% [markdown] lang="en"
# The weight has the best balanced accuracy, the F1-best threshold (between 1 / (1 + p) and 0.5) the best F1 (it
# was chosen for that). Keep two choices apart: the costs are the domain's, the threshold a knob set on validation.
#
# ## 8. The test set, used once at the end
# The weights came from the training counts, the threshold from validation. Now the three rules on this split's
# test set, then the whole recipe on 10 splits:

# %% [markdown] lang="zh-TW"
# 權重的平衡準確率最高；F1 最高的門檻值（落在 1 / (1 + p) 和 0.5 之間）F1 最高（它本來就是照這個挑的）。這裡有兩種選擇，要分開來看：代價由領域決定，門檻值則是可調設定，要在驗證集上調。
#
# ## 8. 最後才用測試集評估一次
# 權重來自訓練集的筆數，門檻值來自驗證集。現在才把三種規則用在這個切分的測試集上，再把整個流程在 10 個切分上各跑一次：

# %%
with torch.no_grad():
    T_plain, T_weighted = torch.softmax(model_plain(X_test), 1), torch.softmax(model_ce(X_test), 1)
decide = {RULES[0]: T_plain.argmax(1), RULES[1]: T_weighted.argmax(1), RULES[2]: (T_plain[:, 1] >= threshold).long()}
print(cw.text_table(HEADS, [(name, scores(pred, y_test)) for name, pred in decide.items()]))



def recipe(seed):  # en: the whole recipe on one split: train, threshold on validation, scores on test  # zh-TW: 在一個切分上跑完整個流程：訓練、在驗證集上選門檻值、在測試集上評分
    parts = cw.train_val_test_split(X, y, val_size=1500, test_size=1500, seed=seed)
    (Xt, yt), (Xv, yv), (Xs, ys) = [(a.to(device), b.to(device)) for a, b in parts.values()]
    wt = torch.tensor([1.0, float(cw.pos_weight(yt))], device=device)
    plain = fit(lambda out: torch.nn.functional.cross_entropy(out, yt), outputs=2, X=Xt)
    weighted = fit(lambda out: torch.nn.functional.cross_entropy(out, yt, weight=wt), outputs=2, X=Xt)
    with torch.no_grad():
        pv, ps = [torch.softmax(plain(A), 1)[:, 1].cpu() for A in (Xv, Xs)]
        ws = weighted(Xs).argmax(1).cpu()
    prec, rec, thr = metrics.precision_recall_curve(yv.cpu(), pv)
    t_ = round(float(thr[int((2 * prec * rec / (prec + rec).clip(min=1e-12))[:-1].argmax())]), 2)
    preds, ys = [(ps >= 0.5).long(), ws, (ps >= t_).long()], ys.cpu()
    return [[metrics.f1_score(ys, q) for q in preds], [metrics.balanced_accuracy_score(ys, q) for q in preds]]


SEEDS = list(range(10))
runs = np.array([recipe(s) for s in SEEDS])  # en: split, metric (F1, balanced accuracy), rule  # zh-TW: 切分、指標（F1、平衡準確率）、規則
rows, lows = [], []
for label, m, a, b in ((cw.tr("F1: threshold minus weights"), 0, 2, 1), (cw.tr("F1: threshold minus 0.5"), 0, 2, 0),
                       (cw.tr("balanced accuracy: weights minus threshold"), 1, 1, 2)):
    d = runs[:, m, a] - runs[:, m, b]
    lo, hi = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    rows.append((label, [f"{d.mean():+.3f}", f"[{lo:+.3f}, {hi:+.3f}]", f"{int((d > 0).sum())} / {len(d)}"]))
    lows.append(f"{lo:+.4f}")
print(cw.tr("the whole recipe on {n} splits (seeds 0 to {m}), paired differences on test:", n=len(SEEDS), m=SEEDS[-1]))
print(cw.text_table([cw.tr("mean difference"), cw.tr("95% t-interval"), cw.tr("wins")], rows, min_col=18))
print(cw.tr("the intervals' lower ends, to 4 decimals: {a}, {b}, {c}", a=lows[0], b=lows[1], c=lows[2]))

# %% [markdown] lang="en"
# The weights and the F1-best threshold each win their own metric: the threshold on F1 (+0.084, 10 of 10), the
# weights on balanced accuracy (+0.056, 10 of 10). All three intervals are too narrow: the t-interval assumes
# independent differences, but the 10 splits re-divide one dataset, so their training sets share samples, as do
# their test sets. The threshold's F1 lead over 0.5 (+0.016, 9 of 10) is not settled: its lower end is +0.0005.
# No rule wins on every metric; the choice follows from the domain's costs of a missed positive and a false alarm,
# fixed before the test set is used. This lesson fixes none.

# %% [markdown] lang="zh-TW"
# 權重和 F1 最高的門檻值各自贏在自己的指標：門檻值贏在 F1（+0.084，10 次中勝出 10 次），權重贏在平衡準確率（+0.056，10 次中勝出 10 次）。
# 三個區間都偏窄：t 信賴區間假設各個差異彼此獨立，但這 10 個切分是把同一份資料重新分割，所以各個切分的訓練集彼此共用樣本，測試集也是。
# 門檻值在 F1 上領先「不加權，門檻值 0.5」（+0.016，10 次中勝出 9 次）還不能下結論：它的區間下限是 +0.0005。
# 沒有一種規則在每個指標上都贏；要用哪一種，取決於領域對漏掉一個陽性和一次誤報的代價，而且要在用測試集之前就訂好。這一課沒有訂任何代價。

# %% [markdown] lang="en"
# ## 9. Explorer: weight and threshold together
# `pos_weight` retrains the linear model; the threshold moves only the decision on the model's P(positive) (the explorer's
# "class 1"). The reliability diagram follows only `pos_weight`: as it rises, the orange curve (circles) sinks, the
# corrected blue one (squares) stays near the diagonal. All on validation.

# %% [markdown] lang="zh-TW"
# ## 9. 探索工具：同時調整權重和門檻值
# `pos_weight` 會重新訓練線性模型；調整門檻值不必重新訓練，只會改變判定結果，它作用在模型自己輸出的 P(正類) 上（探索工具把正類標成「類別 1」）。
# 可靠度圖只跟著 `pos_weight` 改變：`pos_weight` 調高時，橘色曲線（圓點）往下沉，校正後的藍色曲線（方塊）留在對角線附近。所有數字都是在驗證集上算的。

# %% tags=["nbval-ignore-output"]
cw.threshold_explorer(X_train.cpu(), y_train.cpu(), X_val.cpu(), y_val.cpu(), pos_weight=float(pw))

# %% [markdown] lang="en"
# ## Exercises
#
# **Exercise 08.1.** A colleague trains with `CrossEntropyLoss(weight=torch.tensor([2.0, 6.0]))` on the logits
# (0, z), full batch, and switches to `BCEWithLogitsLoss` on z. Which `pos_weight` trains the same model? On a
# batch of 8 negatives and 2 positives, BCE's "mean" loss is how many times CE's? Answer `[pos_weight, factor]`.

# %% [markdown] lang="zh-TW"
# ## 練習
#
# **練習 08.1。** 一位同事對 logits (0, z) 用 `CrossEntropyLoss(weight=torch.tensor([2.0, 6.0]))` 整批訓練，現在改成對 z 使用 `BCEWithLogitsLoss`。
# 哪個 `pos_weight` 會訓練出同一個模型？在 8 筆負類、2 筆正類的批次上，BCE 用 mean 彙總的損失是 CE 的幾倍？請回答 `[pos_weight, 倍數]`。

# %%
answer_08_1 = None  # en: [pos_weight, factor] for weight=torch.tensor([2.0, 6.0])  # zh-TW: weight=torch.tensor([2.0, 6.0]) 時的 [pos_weight, 倍數]
cw.check("08.1", answer_08_1)

# %% [markdown] lang="en"
# <details><summary>Solution 08.1</summary>
#
# [2, 6] is [1, 3], and BCE's negatives count 1: `pos_weight` = 3. CE's "mean" is the same for [2, 6] and [1, 3];
# BCE divides the same weighted sum by N instead of Σ w[yᵢ]: the factor is (8 · 1 + 2 · 3) / 10 = 1.4.
#
# ```python
# answer_08_1 = [6 / 2, (8 * 1 + 2 * 3) / 10]
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.1 解答</summary>
#
# [2, 6] 等於 [1, 3]，而 BCE 的負類永遠算 1：`pos_weight` = 3。CE 的 mean 在 [2, 6] 和 [1, 3] 時相同；
# BCE 把同樣的加權總和除以 N，而不是除以 Σ w[yᵢ]：倍數是 (8 · 1 + 2 · 3) / 10 = 1.4。
#
# ```python
# answer_08_1 = [6 / 2, (8 * 1 + 2 * 3) / 10]
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 08.2.** A model trained with `CrossEntropyLoss(weight=[1, 9])` says P(positive) = 0.75 for a
# patient from the training population (the same share of positives). What probability should you tell the
# patient? (Another share of positives, a prior shift, needs a further correction.)

# %% [markdown] lang="zh-TW"
# **練習 08.2。** 一個用 `CrossEntropyLoss(weight=[1, 9])` 訓練的模型，對一位來自訓練資料族群（正類占比相同）的病人輸出 P(正類) = 0.75。
# 你應該告訴病人，他是陽性的機率是多少？如果陽性的比例比訓練資料低或高，就是先驗機率改變了（prior shift），還需要再校正一次。

# %%
answer_08_2 = None  # en: the probability behind the weighted model's 0.75  # zh-TW: 加權模型輸出 0.75 背後的機率
cw.check("08.2", answer_08_2)

# %% [markdown] lang="en"
# <details><summary>Solution 08.2</summary>
#
# Divide each class's probability by its weight and renormalise (`cw.unweight_probabilities`):
# (0.75 / 9) / (0.75 / 9 + 0.25 / 1) = 1 / 4.
#
# ```python
# answer_08_2 = (0.75 / 9) / (0.75 / 9 + 0.25 / 1)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.2 解答</summary>
#
# 把每個類別的機率除以它的權重，再重新正規化（`cw.unweight_probabilities`）：(0.75 / 9) / (0.75 / 9 + 0.25 / 1) = 1 / 4。
#
# ```python
# answer_08_2 = (0.75 / 9) / (0.75 / 9 + 0.25 / 1)
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 08.3.** A clinic decides that a missed positive costs 20 times as much as a false alarm. Your model
# was trained with weights [1, 4]; its corrected probabilities are calibrated. Flagging pays when
# 20 · P(positive) > 1 · P(negative). Which threshold on the model's **raw** P(positive), its own softmax output,
# does that? Check it in the explorer with `pos_weight` 4.

# %% [markdown] lang="zh-TW"
# **練習 08.3。** 一家診所決定：漏掉一個陽性的代價是一次誤報的 20 倍。你的模型用權重 [1, 4] 訓練，校正後的機率校準良好。
# 當 20 · P(正類) > 1 · P(負類) 時，標記才划算。在模型**原始**的 P(正類)（它自己的 softmax 輸出）上，哪個門檻值能做到這一點？在探索工具裡把 `pos_weight` 設為 4 來驗證。

# %%
answer_08_3 = None  # en: a threshold on the raw P(positive)  # zh-TW: 原始 P(正類) 上的門檻值
cw.check("08.3", answer_08_3)

# %% [markdown] lang="en"
# <details><summary>Solution 08.3</summary>
#
# On the corrected probability q: 20 q > 1 − q, so q > 1 / 21. The raw odds are 4 times the corrected odds:
# p / (1 − p) > 4 / 20, so p > 0.2 / 1.2 = 1 / 6.
#
# ```python
# answer_08_3 = (4 / 20) / (1 + 4 / 20)
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.3 解答</summary>
#
# 在校正後的機率 q 上：20 q > 1 − q，所以 q > 1 / 21。原始勝算是校正後勝算的 4 倍：p / (1 − p) > 4 / 20，所以 p > 0.2 / 1.2 = 1 / 6。
#
# ```python
# answer_08_3 = (4 / 20) / (1 + 4 / 20)
# ```
#
# </details>

# %% [markdown] lang="en"
# **Exercise 08.4 (calibration or decision?).** Model A, trained with weights [1, 9], flags the patients the
# clinic wants flagged, but its mean P(positive) is 0.268 where the share is 0.100. Model B, plain, lies on the
# diagonal of its reliability diagram, but at 0.5 finds only 40% of the positives, too few for the clinic. Pick
# each one's fix, as two letters (A's, then B's): (a) retrain with other class weights; (b) keep the decisions,
# correct the probabilities with `cw.unweight_probabilities`; (c) keep the probabilities, move the threshold;
# (d) nothing needs fixing.

# %% [markdown] lang="zh-TW"
# **練習 08.4（校準還是判定？）。** 模型 A 用權重 [1, 9] 訓練，它標記的正是診所想標記的病人，但正類的占比是 0.100，它的 P(正類) 平均卻是 0.268。
# 模型 B 不加權，在可靠度圖上落在對角線上，但用 0.5 當門檻值時只找到 40% 的正類，對診所來說太少。請為兩個模型各選一種修正方式，用兩個字母回答（先 A 再 B）：
# (a) 用別的類別權重重新訓練；(b) 保留判定，用 `cw.unweight_probabilities` 校正機率；(c) 保留機率，移動門檻值；(d) 不需要修正。

# %%
answer_08_4 = None  # en: two letters, e.g. "ad"  # zh-TW: 兩個字母，例如 "ad"
cw.check("08.4", answer_08_4)

# %% [markdown] lang="en"
# <details><summary>Solution 08.4</summary>
#
# "bc". A's decisions are right, its probabilities are not: correct them, no retraining. B's probabilities are right, its decisions are not: move the threshold (weights would inflate them).
#
# ```python
# answer_08_4 = "bc"
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 08.4 解答</summary>
#
# "bc"。A 的判定是對的，機率不對：校正機率就好，不必重新訓練。B 的機率是對的，判定不對：移動門檻值就好（加權會讓它的機率被高估）。
#
# ```python
# answer_08_4 = "bc"
# ```
#
# </details>

# %% [markdown] lang="en"
# ## Summary
# - `BCEWithLogitsLoss(pos_weight=p)` multiplies only the positives' term; p, relative to the negatives, is usually
#   n_negative / n_positive (`cw.pos_weight`) on the whole training set. Its "mean" divides by N.
# - With full batches, BCE with `pos_weight` p and two-class CE with weights [1, p] train the same model; with
#   mini-batches they need not match.
# - Start the output bias at log(n_positive / n_negative) without weights, at 0 with `pos_weight` =
#   n_negative / n_positive.
# - A weighted model decides by argmax w_c·p(c|x) and inflates its probabilities by w_c. Use its argmax for
#   decisions, and `cw.unweight_probabilities` where a probability is needed (exact only for a well-specified,
#   converged model).
# - Under imbalance report average precision, not ROC-AUC alone.
# - Moving a plain model's threshold does nearly what the weight does. The domain sets the costs, validation the
#   threshold; the test set is used once, at the end.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `BCEWithLogitsLoss(pos_weight=p)` 只放大正類那一項；p 是相對於負類的比值，通常用 n_negative / n_positive（`cw.pos_weight`），用整個訓練集計算。它的 mean 除以 N。
# - 整批訓練時，BCE 搭配 `pos_weight` p，和兩個類別的 CE 搭配權重 [1, p]，訓練出同一個模型；用小批次時兩者不一定相同。
# - 不加權時，輸出偏差從 log(n_positive / n_negative) 開始；`pos_weight` = n_negative / n_positive 時從 0 開始。
# - 加權模型用 argmax w_c·p(c|x) 做判定，它的機率也被同樣的 w_c 高估（膨脹）。判定時用它的 argmax，需要機率時用 `cw.unweight_probabilities`（只有模型設定正確且已收斂時才精確）。
# - 類別不平衡時要報告平均精確率（AP），不要只報告 ROC-AUC。
# - 移動不加權模型的門檻值，效果幾乎和權重一樣。代價由領域決定，門檻值在驗證集上選，最後才用測試集評估一次。
