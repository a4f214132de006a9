# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Class Weights Lab · Teacher's view
# The explorers of the lessons on one page, without code, for a projector. Serve it with Voila (see the
# README); every control works as in the lessons.

# %% [markdown] lang="zh-TW"
# # 類別權重實驗室 · 教師檢視
# 把各課的探索工具放在同一頁、不顯示程式碼，方便投影到教室螢幕上。請用 Voila 開啟（見 README）；每個控制項的用法都和課程中相同。

# %%
import subprocess
import sys

if "google.colab" in sys.modules:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"], check=True)

import torch

import classweights as cw

device = cw.pick_device()

# %% [markdown] lang="en"
# ## 1. Per-class loss: 8 samples of class 0, 2 of class 1 (lesson 01)
# Every sample's true class gets the same probability (odds of 4 to 1). Find the weights that make the two bars equal, then switch
# to **mean** and move one slider.

# %% [markdown] lang="zh-TW"
# ## 1. 每個類別的損失：類別 0 有 8 筆、類別 1 有 2 筆（第 01 課）
# 每個樣本的正確類別機率都一樣（勝算是 4 比 1）。先找出讓兩個長條一樣高的權重，再切換到**平均 mean**，只移動其中一個滑桿（slider）看看。

# %% tags=["nbval-ignore-output"]
logits, targets = cw.toy_example(device=device)
cw.weight_explorer(logits, targets)

# %% [markdown] lang="en"
# ## 2. A trained classifier: 80 / 10 / 10, three overlapping clouds (lessons 02 and 03)
# Each change retrains the model and redraws its decision regions, recall per class and confusion matrix on
# the validation set (the test set stays untouched while the weights are tuned).

# %% [markdown] lang="zh-TW"
# ## 2. 訓練好的分類器：80 / 10 / 10、三團互相重疊的資料點（第 02、03 課）
# 每次調整都會重新訓練模型，並在驗證集上重畫決策區域（decision regions）、各類別的召回率（recall）和混淆矩陣（confusion matrix）（調整權重時，測試集完全不碰）。

# %% tags=["nbval-ignore-output"]
splits = cw.lesson_blobs(seed=0)
cw.training_explorer(*splits["train"], *splits["val"])

# %% [markdown] lang="en"
# ## 3. Post-hoc logit adjustment on a CNN: long-tailed digits, ratio 50 (lesson 07)
# One small CNN trained with plain cross-entropy (its own run, not lesson 07's network, so its numbers differ a
# little from lesson 07's explorer). The slider moves τ in argmax(logits − τ · log prior), with no retraining: at
# τ = 1 the rarest digits 8 and 9 gain, digit 6 too, and digit 5 loses; drag τ towards 2 and watch the head digits.
# It opens at τ = 1.0, the value at which Menon et al. report post-hoc adjustment; the dashed outlines are τ = 0,
# the model as trained. Lesson 07 uses τ = 1 only in the logit-adjusted loss; for post-hoc adjustment it chooses τ
# on validation, and its explorer opens at that τ.

# %% [markdown] lang="zh-TW"
# ## 3. 在 CNN 上做事後 logit 調整：長尾手寫數字，比值 50（第 07 課）
# 一個用一般交叉熵訓練的小型 CNN（這裡另外訓練，不是第 07 課的那個網路，所以數字和第 07 課的探索工具略有不同）。滑桿調整 argmax(logits − τ · log 先驗機率) 裡的 τ，不需要重新訓練：τ = 1 時最稀有的數字 8 和 9 準確率上升，數字 6 也上升，數字 5 則下降；把 τ 往 2 拉，看看頭部的數字怎麼變。
# 一開始是 τ = 1.0，也就是 Menon 等人報告事後調整結果時用的值；虛線外框是 τ = 0，也就是訓練好、還沒調整的模型。第 07 課只在 logit 調整損失裡用 τ = 1；事後調整的 τ 則是在驗證集上選的，第 07 課的探索工具就從那個值開始。

# %% tags=["nbval-ignore-output"]
digits = cw.long_tailed_digits(ratio=50, seed=0)
(X_digits, y_digits), (X_dval, y_dval) = digits["train"], digits["val"]
cnn = cw.train_cnns([cw.CNNRun(X_digits.double(), y_digits, seed=0)], epochs=30, batch_size=64, channels=(8, 16))[0]
with torch.no_grad():
    dval_logits = cnn(X_dval.double())
cw.tau_explorer(dval_logits, y_dval, cw.class_counts(y_digits, num_classes=10), tau=1.0)

# %% [markdown] lang="en"
# ## 4. Two classes: pos_weight and the decision threshold (lesson 08)
# A screening task with one positive in ten. `pos_weight` retrains the model; the threshold only moves the
# decision. The reliability diagram shows the weighted model's probabilities (orange, circles) overstating the
# positives, and the corrected ones (blue, squares).

# %% [markdown] lang="zh-TW"
# ## 4. 兩個類別：pos_weight 和判定門檻值（第 08 課）
# 每十筆只有一筆陽性的篩檢任務。調整 `pos_weight` 會重新訓練模型；調整門檻值不必重新訓練，只會改變判定結果。可靠度圖顯示加權模型的機率（橘色，圓點）高估了正類，以及校正後的機率（藍色，方塊）。

# %% tags=["nbval-ignore-output"]
X2, y2 = cw.imbalanced_blobs(5000, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
split2 = cw.train_val_test_split(X2, y2, val_size=1500, test_size=1500, seed=0)
cw.threshold_explorer(*split2["train"], *split2["val"], pos_weight=float(cw.pos_weight(split2["train"][1])))

# %% [markdown] lang="en"
# ## 5. Many labels: one pos_weight per label (lesson 09)
# Three labels, from common to rare, each with its own `pos_weight` slider, starting at n_negative / n_positive.
# A slider retrains its own label only: the other labels' recall and precision stay where they are. The dashed
# outlines are the values without weights (pos_weight 1).

# %% [markdown] lang="zh-TW"
# ## 5. 多標籤：每個標籤一個 pos_weight（第 09 課）
# 三個標籤，從常見到稀有，每個標籤都有自己的 `pos_weight` 滑桿，起始值是 n_negative / n_positive。一個滑桿只重新訓練它自己的標籤：其他標籤的召回率和精確率都不會變。虛線外框是不加權（pos_weight 為 1）時的值。

# %% tags=["nbval-ignore-output"]
ml = cw.multilabel_data()  # en: lesson 09's data  # zh-TW: 第 09 課的資料
cw.multilabel_explorer(*ml["train"], *ml["val"], pos_weight=cw.pos_weight(ml["train"][1]).tolist())
