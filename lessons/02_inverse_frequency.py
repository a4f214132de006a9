# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] lang="en"
# # Lesson 02 · Inverse-frequency weights: what they do to a trained classifier
#
# **What you will learn:** how to compute `1 / count` weights and pass them to
# `CrossEntropyLoss`; why the reference example cannot show whether they help (its features are noise
# and it only prints a training loss); and what the weights really change on data a model can learn:
# per-class recall and precision, balanced accuracy, macro-F1 and the confusion matrix, on held-out data.

# %% [markdown] lang="zh-TW"
# # 第 02 課 · 頻率倒數（inverse frequency）權重：它們對訓練好的分類器有什麼影響
#
# **你會學到：** 如何計算 `1 / count` 類別權重（class weight），並把它傳給 `CrossEntropyLoss`；
# 為什麼參考範例無法告訴我們這些權重有沒有幫助（因為它的特徵只是雜訊，而且只印出訓練損失）；
# 以及在模型學得會的資料上，這些權重真正改變的是什麼：
# 也就是在測試資料（held-out data）上，各類別的召回率（recall）與精確率（precision）、平衡準確率（balanced accuracy）、macro-F1（各類別 F1 的平均）和混淆矩陣（confusion matrix）。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
import sys

if "google.colab" in sys.modules:
    # %pip install -q --no-deps "classweights @ git+https://github.com/{{REPO}}@{{BRANCH}}"

import torch
import matplotlib.pyplot as plt
import classweights as cw

device = cw.pick_device()
print("device:", device)

# %% [markdown] lang="en"
# ## 1. The reference example, reproduced
# The reference answer builds 1000 samples with 10 random features, draws each label as class 0, 1 or 2
# with probabilities 0.8 / 0.1 / 0.1, and computes `1 / count` weights. We do the same with a seeded
# generator, so every run gives the same data.

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考範例
# 參考文章建立了 1000 筆資料，每筆有 10 個隨機特徵（feature），並以 0.8 / 0.1 / 0.1 的機率把每筆資料的標籤（label）抽成類別 0、1 或 2，再計算 `1 / count` 權重。
# 我們用設定了隨機種子（random seed）的產生器做同樣的事，所以每次執行都會得到相同的資料。

# %%
X_noise, y_noise = cw.noise_dataset(n_samples=1000, n_features=10, proportions=(0.8, 0.1, 0.1), seed=0)
counts = cw.class_counts(y_noise)
weights = 1.0 / counts  # the same as cw.inverse_frequency(counts)

print("samples per class:", counts.tolist())
print("weights 1 / count:", weights.tolist())
print("printed by PyTorch:", weights)

# %% [markdown] lang="en"
# The reference's comment shows weights that its code does not print. Those are the weights of counts of
# exactly 800 / 100 / 100, computed below. But the code draws every label at random, so the counts land
# near 800 / 100 / 100, rarely on it (ours above do not), and the printed weights differ from run to run
# of the unseeded original. (PyTorch shows four decimals: 1/800 is stored as a float32 a hair below
# 0.00125, so it shows as 0.0012, while 1/788 shows as 0.0013.)

# %% [markdown] lang="zh-TW"
# 參考文章在註解中列出的權重，並不是它的程式碼實際印出的結果。
# 那是各類別筆數剛好為 800 / 100 / 100 時的權重，下面會把它算出來。
# 但程式碼的每個標籤都是隨機抽出的，所以各類別的筆數只會落在 800 / 100 / 100 附近，很少剛好相等（我們上面的結果就不相等）；
# 而原本那份沒有設定隨機種子的程式，每次執行印出的權重也都不一樣。
# （PyTorch 只顯示到小數點後四位：1/800 存成 float32 時略小於 0.00125，所以顯示為 0.0012；1/788 則顯示為 0.0013。）

# %%
print(torch.tensor([1 / 800, 1 / 100, 1 / 100]))
print("1 / 800 as a float32:", torch.tensor(1 / 800).item())

# %% [markdown] lang="en"
# Now the reference's training: a single `Linear(10, 3)`, Adam with learning rate 1e-3, batches of 32 in
# order, 2 epochs. `cw.reference_training` is that loop (print its source with `??cw.reference_training`).
# Inside, each batch's loss is computed as in the cell below: the weights are passed to
# `CrossEntropyLoss(weight=...)` once, when the loss is made. We then train twice, without and with the
# weights, from the same initial parameters.

# %% [markdown] lang="zh-TW"
# 接著是參考文章的訓練方式：只有一層 `Linear(10, 3)`，最佳化器（optimizer）用 Adam，學習率（learning rate）為 1e-3，依原本的順序每 32 筆資料組成一個批次（batch），共訓練 2 個訓練週期（epoch）。
# `cw.reference_training` 就是這個訓練迴圈（用 `??cw.reference_training` 可以印出它的原始碼）。
# 在迴圈裡，每個批次的損失就像下面這個儲存格那樣計算：權重在建立損失函數時，透過 `CrossEntropyLoss(weight=...)` 傳入一次。
# 接著我們訓練兩次，一次不加權、一次加權，兩次都從相同的初始參數開始。

# %%
criterion = torch.nn.CrossEntropyLoss(weight=weights)  # the weights go into the loss, once
torch.manual_seed(0)
model = torch.nn.Linear(10, 3)
first_batch_loss = criterion(model(X_noise[:32]), y_noise[:32])
print(f"weighted loss of one batch of 32 (an untrained model): {first_batch_loss.item():.4f}")

# %%
plain = cw.reference_training(X_noise, y_noise, weight=None, seed=0)
weighted = cw.reference_training(X_noise, y_noise, weight=weights, seed=0)
for epoch in range(2):
    print(f"Epoch: {epoch}, loss without weights: {plain['last_batch_loss'][epoch]:.4f}, "
          f"with 1/count weights: {weighted['last_batch_loss'][epoch]:.4f}")
print("samples in the last batch of an epoch:", len(X_noise) % 32)

# %% [markdown] lang="en"
# Two warnings about these numbers:
# - "Epoch loss" here is the loss of the **last batch** only, and that batch holds just 8 samples.
# - Losses computed with different weights are **not comparable**: the weights change what is being
#   averaged. A higher weighted loss does not mean a worse model.
#
# To know whether the weights helped, we must look at predictions on data the model has not seen.

# %% [markdown] lang="zh-TW"
# 關於這些數字，有兩點要注意：
# - 這裡所謂的「訓練週期損失」（epoch loss）其實只是**最後一個批次**的損失，而那個批次只有 8 筆資料。
# - 用不同權重算出來的損失**不能互相比較**：權重改變了被平均的東西。加權後的損失比較高，並不代表模型比較差。
#
# 想知道權重到底有沒有幫助，就必須看模型對沒見過的資料做出的預測。

# %%
X_noise_test, y_noise_test = cw.noise_dataset(seed=1)
results = {
    cw.tr("no weights"): cw.evaluate(plain["model"], X_noise_test, y_noise_test, num_classes=3),
    "1 / count": cw.evaluate(weighted["model"], X_noise_test, y_noise_test, num_classes=3),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# The features are uniform noise, unrelated to the labels, so no model can do better than guessing:
# balanced accuracy (the average of the per-class recalls) stays near 1/3 however we weight. The weights
# only change *which* wrong guesses the model makes. To see what weights really do, we need data that
# can be learned.

# %% [markdown] lang="zh-TW"
# 這些特徵是均勻分布的雜訊，和標籤毫無關係，所以任何模型都不可能比亂猜更好：
# 不管怎麼加權，平衡準確率（各類別召回率的平均）都停在 1/3 附近。
# 權重只會改變模型做出*哪些*錯誤的猜測。
# 想看出權重真正的作用，我們需要模型學得會的資料。

# %% [markdown] lang="en"
# ## 2. A dataset a model can learn
# `cw.imbalanced_blobs` draws three overlapping clouds of 2-D points, again 80 / 10 / 10. We make a
# training set and a separate held-out set (another seed) to measure on.

# %% [markdown] lang="zh-TW"
# ## 2. 模型學得會的資料集
# `cw.imbalanced_blobs` 會產生三團互相重疊的二維資料點，比例同樣是 80 / 10 / 10；
# 和上面的雜訊資料不同，它直接給每個類別剛好該有的筆數，所以這裡的筆數是整數比例。
# 我們建立一個訓練集，再用另一個隨機種子建立一個獨立的測試集（held-out set），用來評估模型。

# %%
X_train, y_train = cw.imbalanced_blobs(n_samples=1000, proportions=(0.8, 0.1, 0.1), seed=0)
X_test, y_test = cw.imbalanced_blobs(n_samples=1000, proportions=(0.8, 0.1, 0.1), seed=1)
X_train, y_train, X_test, y_test = (t.to(device) for t in (X_train, y_train, X_test, y_test))

train_counts = cw.class_counts(y_train)
inv_weights = cw.inverse_frequency(train_counts)
print("training samples per class:", train_counts.tolist())
print("held-out samples per class:", cw.class_counts(y_test).tolist())
print("1 / count weights:", [round(w, 5) for w in inv_weights.tolist()])

# %% [markdown] lang="en"
# `cw.train` trains a linear classifier (the same kind of model as the reference) on the whole training
# set at once, with Adam, and is seeded: both models start from the same parameters.

# %% [markdown] lang="zh-TW"
# `cw.train` 會把整個訓練集一次全部拿來，用 Adam 訓練一個線性分類器（和參考範例是同一種模型）；
# 它也固定了隨機種子：兩個模型都從相同的參數開始。

# %%
model_plain = cw.train(X_train, y_train, weight=None, seed=0)
model_inv = cw.train(X_train, y_train, weight=inv_weights, seed=0)

results = {
    cw.tr("no weights"): cw.evaluate(model_plain, X_test, y_test),
    "1 / count": cw.evaluate(model_inv, X_test, y_test),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# Read the table class by class:
# - Without weights, the model favours class 0: its recall is high and the minority classes' recall is low.
# - With `1 / count` weights, recall of classes 1 and 2 rises a lot and balanced accuracy goes up.
# - The price: class 0's recall falls, and the minority classes' **precision** falls, because the model
#   now labels many class-0 points as 1 or 2. Plain accuracy and even macro-F1 go down here.
#
# Weights do not make a model better at everything; they move the decision boundary towards the
# majority class. Whether that is right depends on which mistakes cost more in your problem.

# %% [markdown] lang="zh-TW"
# 請逐一比較各類別的數字：
# - 不加權時，模型偏向類別 0：類別 0 的召回率很高，少數類別（minority class）的召回率則很低。
# - 使用 `1 / count` 權重後，類別 1 和類別 2 的召回率大幅上升，平衡準確率也跟著提高。
# - 代價是：類別 0 的召回率下降，少數類別的**精確率**也下降，因為模型現在會把許多類別 0 的點標成類別 1 或 2。
#   在這裡，單純的準確率（accuracy），甚至 macro-F1 都變低了。
#
# 權重並不會讓模型在每一方面都變好；它們會把決策邊界（decision boundary）往多數類別（majority class）那一側推。
# 這樣做對不對，取決於在你的問題中，哪一種錯誤的代價比較高。

# %%
cw.plot_training_result(model_plain, X_test, y_test, results[cw.tr("no weights")])
plt.show()

# %%
cw.plot_training_result(model_inv, X_test, y_test, results["1 / count"])
plt.show()

# %% [markdown] lang="en"
# In the confusion matrix, rows are the true class and columns the predicted class. Compare the first
# column (points predicted as class 0) in the two figures: with weights, far fewer minority points are
# swallowed by class 0, and the first row spreads out to the other columns.

# %% [markdown] lang="zh-TW"
# 在混淆矩陣中，每一列（row）是真實類別，每一行（column）是預測類別。
# 比較兩張圖的第一行（column，被預測為類別 0 的點）：加權之後，被類別 0「吞掉」的少數類別資料點少了很多，而第一列也分散到了其他行。

# %% [markdown] lang="en"
# ## 3. Training losses are not comparable across weights
# Here are the two training curves. The weighted curve ends higher, but that says nothing about which
# model is better: each loss measures something different.

# %% [markdown] lang="zh-TW"
# ## 3. 不同權重下的訓練損失無法互相比較
# 下面是兩條訓練曲線。加權的那條最後停在比較高的位置，但這完全無法說明哪個模型比較好：兩個損失衡量的是不同的東西。

# %%
fig, ax = plt.subplots(figsize=(5, 2.8), dpi=80, layout="constrained")
ax.plot(model_plain.loss_history, label=cw.tr("no weights"))
ax.plot(model_inv.loss_history, label="1 / count")
ax.set_xlabel(cw.tr("step"))
ax.set_ylabel(cw.tr("training loss"))
ax.legend()
plt.show()
print(f"final training loss, no weights: {model_plain.loss_history[-1]:.4f}; "
      f"1 / count: {model_inv.loss_history[-1]:.4f}")

# %% [markdown] lang="en"
# ## 4. Explore: retrain with your own weights
# Each time you release a slider (or pick a preset), the explorer retrains the classifier on the
# training set and redraws the decision regions, recall and confusion matrix on the held-out set.
# Try: raise only class 1's weight and watch its region grow; find weights where no class's recall is
# below 0.7; compare "inverse frequency" with "balanced" (their ratios are the same).

# %% [markdown] lang="zh-TW"
# ## 4. 動手探索：用你自己的權重重新訓練
# 每次放開滑桿（slider）或選擇一個快速設定時，探索工具都會在訓練集上重新訓練分類器，並在測試集上重新畫出決策區域（decision regions）、召回率和混淆矩陣。
# 可以試試：只調高類別 1 的權重，看看它的區域如何變大；找出一組權重，讓每個類別的召回率都不低於 0.7；
# 比較「頻率倒數」和「平衡（balanced）」這兩個快速設定（它們的比例相同）。

# %% tags=["nbval-ignore-output"]
cw.training_explorer(X_train, y_train, X_test, y_test)

# %% [markdown] lang="en"
# ## Summary
# - `1 / count` weights are computed from the training labels and passed as `CrossEntropyLoss(weight=...)`,
#   on the same device as the logits (lessons 01 and 06 show what happens otherwise).
# - On noise, no weighting helps: balanced accuracy stays at chance. Check that your features carry signal
#   before tuning weights.
# - On learnable data, inverse-frequency weights raise minority recall and balanced accuracy, and lower
#   majority recall and minority precision. Judge them by held-out per-class metrics, never by the
#   training loss: losses under different weights are not comparable.


# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `1 / count` 權重是從訓練資料的標籤算出來的，透過 `CrossEntropyLoss(weight=...)` 傳入，而且要和 logits（未經 softmax 的原始分數）放在同一個裝置（device）上（第 01 課和第 06 課示範了沒放在一起會怎樣）。
# - 在雜訊上，怎麼加權都沒有用：平衡準確率始終停在亂猜的水準。調整權重之前，先確認你的特徵真的帶有訊號（signal）。
# - 在學得會的資料上，頻率倒數權重會提高少數類別的召回率和平衡準確率，同時降低多數類別的召回率和少數類別的精確率。
#   評估權重要看測試資料上各類別的指標，絕對不要看訓練損失：不同權重下的損失無法互相比較。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 02.1.** Without weights, which class has the lowest recall on the held-out blobs (section 2)?

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 02.1。** 不加權時，哪一個類別在第 2 節 `imbalanced_blobs` 的測試資料上的召回率最低？

# %%
answer_02_1 = None  # a class index: 0, 1 or 2
cw.check("02.1", answer_02_1)

# %% [markdown] lang="en"
# <details><summary>Solution 02.1</summary>
#
# Read the "recall" rows of the "no weights" column in section 2: class 1 has the lowest recall. Its
# cloud overlaps class 0's the most, and without weights the model gives the overlap to class 0.
#
# </details>
#
# **Exercise 02.2.** Compute the balanced weights N / (K × count) (N: number of samples, K: number of
# classes; the "balanced" preset of the explorer) for counts `[800, 100, 100]` yourself, without
# `cw.balanced`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.1 解答</summary>
#
# 看第 2 節表格中「不加權」那一欄的召回率：類別 1 的召回率最低。
# 它的資料點和類別 0 重疊得最多，不加權時模型會把重疊的區域判給類別 0。
#
# </details>
#
# **練習 02.2。** 不用 `cw.balanced`，自己算出筆數 `[800, 100, 100]` 的平衡權重 N / (K × count)（N 是總筆數、K 是類別數；也就是互動元件中的「平衡」快速設定），寫成三個數字的串列。

# %%
answer_02_2 = None  # [w0, w1, w2]
cw.check("02.2", answer_02_2)

# %% [markdown] lang="en"
# <details><summary>Solution 02.2</summary>
#
# N = 1000 and K = 3, so the weights are 1000 / (3 × 800), 1000 / (3 × 100), 1000 / (3 × 100):
# ```python
# answer_02_2 = [1000 / (3 * n) for n in (800, 100, 100)]
# ```
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.2 解答</summary>
#
# N = 1000、K = 3，所以權重是 1000 / (3 × 800)、1000 / (3 × 100)、1000 / (3 × 100)：
# ```python
# answer_02_2 = [1000 / (3 * n) for n in (800, 100, 100)]
# ```
#
# </details>
