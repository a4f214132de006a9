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
# 把各課的互動元件（widget）放在同一頁、不顯示程式碼，方便投影到教室螢幕上。請用 Voila 開啟（見 README）；每個控制項的用法都和課程中相同。

# %%
import sys

if "google.colab" in sys.modules:
    # %pip install -q --no-deps "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"

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
logits = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.6931, 0.6931]] * 2, device=device)
targets = torch.tensor([0] * 8 + [1] * 2, device=device)
cw.weight_explorer(logits, targets)

# %% [markdown] lang="en"
# ## 2. A trained classifier: 80 / 10 / 10, three overlapping clouds (lessons 02 and 03)
# Each change retrains the model and redraws its decision regions, recall per class and confusion matrix on
# the validation set (the test set stays untouched while the weights are tuned).

# %% [markdown] lang="zh-TW"
# ## 2. 訓練好的分類器：80 / 10 / 10、三團互相重疊的資料點（第 02、03 課）
# 每次調整都會重新訓練模型，並在驗證集上重畫決策區域（decision regions）、各類別的召回率（recall）和混淆矩陣（confusion matrix）（調整權重時，測試集完全不碰）。

# %% tags=["nbval-ignore-output"]
X, y = cw.imbalanced_blobs(n_samples=3000, proportions=(0.8, 0.1, 0.1), seed=0)
splits = cw.train_val_test_split(X, y, val_size=1000, test_size=1000, seed=0)
cw.training_explorer(*splits["train"], *splits["val"])
