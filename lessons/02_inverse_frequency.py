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
# per-class recall and precision, balanced accuracy, macro-F1 and the confusion matrix, on held-out data;
# and the one rule behind it all: a weighted model predicts argmax_c w_c·p(c|x).

# %% [markdown] lang="zh-TW"
# # 第 02 課 · 頻率倒數（inverse frequency）權重：對訓練好的分類器有什麼影響
#
# **你會學到：** 如何計算 `1 / count` 類別權重（class weight），並把它傳給 `CrossEntropyLoss`；
# 為什麼參考答案的範例無法告訴我們這些權重有沒有幫助（它的特徵只是雜訊，而且只印出訓練損失）；
# 在模型學得會的資料上，這些權重真正改變了什麼：
# 也就是在沒參與訓練的資料（held-out data）上，各類別的召回率（recall）與精確率（precision）、平衡準確率（balanced accuracy）、macro-F1（各類別 F1 的平均）和混淆矩陣（confusion matrix）；
# 還有這一切背後唯一的一條規則：加權訓練的模型，預測的是 argmax_c w_c·p(c|x)。

# %% [markdown] lang="en"
# ## Setup

# %% [markdown] lang="zh-TW"
# ## 環境設定

# %%
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
# The reference answer builds 1000 samples with 10 random features, draws each label as class 0, 1 or 2
# with probabilities 0.8 / 0.1 / 0.1, and computes `1 / count` weights. We do the same with a seeded
# generator, so every run gives the same data.

# %% [markdown] lang="zh-TW"
# ## 1. 重現參考答案的範例
# 參考答案建立了 1000 筆資料，每個樣本有 10 個隨機特徵（feature）；每個樣本的標籤（label）以 0.8 / 0.1 / 0.1 的機率抽成類別 0、1 或 2，再計算 `1 / count` 權重。
# 我們用設定了隨機種子（random seed）的產生器做同樣的事，所以每次執行都會得到相同的資料。

# %%
X_noise, y_noise = cw.noise_dataset(n_samples=1000, n_features=10, proportions=(0.8, 0.1, 0.1), seed=0)
counts = cw.class_counts(y_noise)
weights = 1.0 / counts  # the same as cw.inverse_frequency(counts)

print("samples per class:", counts.tolist())
print("weights 1 / count:", [round(w, 7) for w in weights.tolist()])
print("printed by PyTorch:", weights)

# %% [markdown] lang="en"
# The reference's comment shows weights that its code does not print. Those are the weights of counts of
# exactly 800 / 100 / 100, computed below. But the code draws every label at random, so the counts land
# near 800 / 100 / 100, rarely on it (ours above do not), and the printed weights differ from run to run
# of the unseeded original. (PyTorch shows four decimals: 1/800 is stored as a float32 a hair below
# 1/800, so it shows as 0.0012, while 1/788 shows as 0.0013.)

# %% [markdown] lang="zh-TW"
# 參考答案在註解中列出的權重，並不是它的程式碼實際印出的結果。
# 那是各類別筆數剛好為 800 / 100 / 100 時的權重，下面會把它算出來。
# 但程式碼裡的每個標籤都是隨機抽出的，所以各類別的筆數只會落在 800 / 100 / 100 附近，很少剛好就是這組數字（我們上面的結果就不是）；
# 而原本那份沒有設定隨機種子的程式，每次執行印出的權重也都不一樣。
# （PyTorch 只顯示到小數點後四位：1/800 存成 float32 時略小於真正的 1/800，所以顯示為 0.0012；1/788 則顯示為 0.0013。）

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
# 接著是參考答案的訓練方式：只有一層 `Linear(10, 3)`，最佳化器（optimizer）用 Adam，學習率（learning rate）為 1e-3，依原本的順序每 32 筆資料組成一個批次（batch），共訓練 2 個訓練週期（epoch）。
# `cw.reference_training` 就是這個訓練迴圈（用 `??cw.reference_training` 可以印出它的原始碼）。
# 在迴圈裡，每個批次的損失都像下面這個儲存格那樣計算：權重只在建立損失函數時，透過 `CrossEntropyLoss(weight=...)` 傳入一次。
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
# - 用不同權重算出來的損失**不能互相比較**：權重改變了拿來平均的內容。加權後的損失比較高，並不代表模型比較差。
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
# ## 2. A dataset a model can learn, split three ways
# `cw.lesson_blobs()` draws 3000 points with `cw.imbalanced_blobs`: three overlapping clouds of 2-D points,
# again 80 / 10 / 10, with exactly that many points of each class. It splits them, stratified (every class
# keeps its share), into three sets of 1000 with `cw.train_val_test_split` (scikit-learn's `train_test_split`
# twice); lessons 03, 04 and 06 use the same sets:
# - **training set:** the model learns from it;
# - **validation set:** we compare models and choose every knob on it (here: weights or no weights);
# - **test set:** read **once**, at the end, to report the chosen model. A number that helped us choose
#   is no longer an honest estimate of how the model does on new data.

# %% [markdown] lang="zh-TW"
# ## 2. 模型學得會的資料集，切成三份
# `cw.lesson_blobs()` 用 `cw.imbalanced_blobs` 產生 3000 筆資料：三團互相重疊的二維資料點，各類別的占比同樣是 80 / 10 / 10，而且每個類別的筆數剛好符合這個占比。
# 接著用 `cw.train_val_test_split`（內部呼叫兩次 scikit-learn 的 `train_test_split`）做分層切分（stratified split，每個類別在每一份裡的占比都不變），切成三份各 1000 筆；第 03、04、06 課也使用同樣的這三份資料：
# - **訓練集（training set）：** 模型從這裡學習；
# - **驗證集（validation set）：** 用來比較模型、選定每一個可調的設定（這一課要選的是：加權還是不加權）；
# - **測試集（test set）：** 只在最後讀**一次**，用來報告選定模型的表現。曾經被拿來幫忙做選擇的數字，就不再是模型面對新資料時表現的誠實估計。

# %%
splits = cw.lesson_blobs(seed=0)
X_train, y_train = (t.to(device) for t in splits["train"])
X_val, y_val = (t.to(device) for t in splits["val"])
X_test, y_test = (t.to(device) for t in splits["test"])

for name, labels in (("training", y_train), ("validation", y_val), ("test", y_test)):
    print(f"{name:>10} samples per class: {cw.class_counts(labels).int().tolist()}")
centers = torch.tensor(cw.BLOB_CENTERS)
distances = (centers - centers[0]).norm(dim=1)
print("distance of each class centre from class 0's:", [round(d, 2) for d in distances.tolist()])
spread = torch.stack([X_train[y_train == c].std(dim=0).mean() for c in range(3)])
print("spread (standard deviation) of each class, training set:", [round(s, 1) for s in spread.tolist()])

train_counts = cw.class_counts(y_train)
inv_weights = cw.inverse_frequency(train_counts)
print("1 / count weights:", [round(w, 5) for w in inv_weights.tolist()])

# %% [markdown] lang="en"
# `cw.train` trains a linear classifier (the same kind of model as the reference) on the whole training
# set at once, with Adam, and is seeded: both models start from the same parameters. We compare them on
# the **validation** set.

# %% [markdown] lang="zh-TW"
# `cw.train` 會把整個訓練集一次全部拿來，用 Adam 訓練一個線性分類器（和參考答案是同一種模型）；
# 它也固定了隨機種子：兩個模型都從相同的參數開始。我們在**驗證集**上比較這兩個模型。

# %%
model_plain = cw.train(X_train, y_train, weight=None, seed=0)
model_inv = cw.train(X_train, y_train, weight=inv_weights, seed=0)

results = {
    cw.tr("no weights"): cw.evaluate(model_plain, X_val, y_val),
    "1 / count": cw.evaluate(model_inv, X_val, y_val),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# Read the table class by class:
# - Without weights, the model favours class 0: its recall is high and the minority classes' recall is low.
# - With `1 / count` weights, the recall of classes 1 and 2 rises a lot, and balanced accuracy goes up.
# - The price is paid in two places. Class 0's **recall** falls, because the model now labels many
#   class-0 points as 1 or 2. For the same reason the minority classes' **precision** falls: more of what
#   is called "class 1" is really class 0. Class 0's precision, on the other hand, *rises* (0.880 → 0.962):
#   what is still called class 0 is now almost always class 0.
# - Plain accuracy and even macro-F1 go down here.
#
# In one line: weights trade **majority recall and minority precision** for **minority recall**. They move
# the decision boundary towards the majority class. Whether that is right depends on which mistakes cost
# more in your problem.

# %% [markdown] lang="zh-TW"
# 請逐一比較各類別的數字：
# - 不加權時，模型偏向類別 0：類別 0 的召回率很高，少數類別（minority class）的召回率則很低。
# - 使用 `1 / count` 權重後，類別 1 和類別 2 的召回率大幅上升，平衡準確率也跟著提高。
# - 代價出現在兩個地方。類別 0 的**召回率**下降，因為模型現在會把許多類別 0 的點判成類別 1 或 2；
#   同樣的原因也讓少數類別的**精確率**下降：被判成「類別 1」的點，有更多其實是類別 0。
#   反過來，類別 0 的精確率*上升*了（0.880 → 0.962）：還被判成類別 0 的點，現在幾乎都真的是類別 0。
# - 在這裡，單純的準確率（accuracy），甚至 macro-F1 都變低了。
#
# 一句話總結：權重是拿**多數類別的召回率和少數類別的精確率**，去換**少數類別的召回率**。
# 它們會把決策邊界（decision boundary）往多數類別（majority class）那一側推。
# 這樣做對不對，取決於在你的問題中，哪一種錯誤的代價比較高。

# %%
cw.plot_training_result(model_plain, X_val, y_val, results[cw.tr("no weights")], title=cw.tr("no weights"))
plt.show()

# %% slide="subslide"
cw.plot_training_result(model_inv, X_val, y_val, results["1 / count"], title="1 / count")
plt.show()

# %% [markdown] lang="en"
# In the confusion matrix, rows are the true class and columns the predicted class; each cell shows the
# count and its share of the row, and the colour follows that share, so the small minority rows are as
# easy to read as the large majority row. Compare the first column (points predicted as class 0) in the
# two figures: with weights, far fewer minority points are swallowed by class 0, and the first row spreads
# out to the other columns.

# %% [markdown] lang="zh-TW"
# 在混淆矩陣中，每一列（row）是真實類別，每一行（column）是預測類別；每一格寫著筆數和它在該列的占比，顏色深淺也依照這個占比，
# 所以筆數很少的少數類別那幾列，和筆數很多的多數類別那一列一樣容易看。
# 比較兩張圖的第一行（被預測為類別 0 的點）：加權之後，被類別 0「吞掉」的少數類別資料點少了很多，而第一列也分散到了其他行。

# %% [markdown] lang="en"
# ## 3. Why the boundary moves: the rule weighted cross-entropy learns
# One idea explains what the weights do here, and what lessons 05 and 06 show.
#
# **The gradient.** For one sample with true class y, logits z and probabilities p = softmax(z), the weighted
# loss is w_y · (−log p_y). Its gradient with respect to the logits is
#
# $$\frac{\partial}{\partial z}\big(-w_y \log p_y\big) = w_y\,(p - e_y),$$
#
# where e_y is the one-hot vector of y: the usual cross-entropy gradient, scaled by the weight of the true
# class. A class with weight 10 pulls on the logits ten times as hard as a class with weight 1.
#
# **The rule.** Average that loss over the data. At a point x, class c appears with probability p(c|x),
# so the expected loss there is Σ_c p(c|x) · w_c · (−log q_c), where q are the model's probabilities. The
# q that minimises it is q_c ∝ w_c · p(c|x). So a flexible enough model trained with weights predicts
#
# $$\hat y(x) = \arg\max_c\; w_c\, p(c\,|\,x),$$
#
# the unweighted model's rule with every class's probability multiplied by its weight. In logits:
# z_weighted ≈ z_plain + log w (plus the same constant for every class).

# %% [markdown] lang="zh-TW"
# ## 3. 決策邊界為什麼會移動：加權交叉熵學到的規則
# 有一個想法可以解釋權重在這裡做了什麼，也能解釋第 05 課和第 06 課看到的現象。
#
# **梯度。** 一個真實類別為 y 的樣本，logits 是 z、機率是 p = softmax(z)，它的加權損失是 w_y · (−log p_y)。
# 對 logits 的梯度（gradient）是
#
# $$\frac{\partial}{\partial z}\big(-w_y \log p_y\big) = w_y\,(p - e_y),$$
#
# 其中 e_y 是 y 的 one-hot 向量：也就是一般交叉熵的梯度，再乘上真實類別的權重。權重為 10 的類別拉動 logits 的力道，是權重為 1 的類別的 10 倍。
#
# **規則。** 把這個損失對整份資料取平均。在某個點 x，類別 c 出現的機率是 p(c|x)，
# 所以那裡的期望損失是 Σ_c p(c|x) · w_c · (−log q_c)，其中 q 是模型給的機率。讓它最小的 q 是 q_c ∝ w_c · p(c|x)。
# 所以一個夠有彈性的模型，用權重訓練之後會這樣預測：
#
# $$\hat y(x) = \arg\max_c\; w_c\, p(c\,|\,x),$$
#
# 也就是不加權模型的規則，只是每個類別的機率都乘上了它的權重。換成 logits 來說：z_加權 ≈ z_不加權 + log w（再加上一個對每個類別都相同的常數）。

# %% [markdown] lang="en"
# Three consequences of that rule:
# 1. **The boundary shift of section 2:** a rare class c now wins at points where its probability is below
#    the most likely class's, as long as it is below by less than the factor w_c / w_(that class).
# 2. **Inverse frequency equals post-hoc logit adjustment:** with w_c ∝ 1 / n_c, log w = −log π + constant
#    (π_c = n_c / N), so argmax(z + log w) is argmax(z − log π), the post-hoc logit adjustment with τ = 1
#    of lesson 05. This is why the two can tie. The derivation assumes a model that reaches the best q at
#    every x; with few training samples in a rare class that holds less well, and lesson 05 shows where the
#    two stay together (1:10) and where they part (1:100).
# 3. **Weighted probabilities overstate the rare classes:** q_c ∝ w_c p(c|x) is not p(c|x). Dividing by
#    the weights again, softmax(z − log w), gives back probabilities on the data's own scale.
#
# The next cell checks all of this numerically.

# %% [markdown] lang="zh-TW"
# 由這條規則可以得到三個結果：
# 1. **第 2 節的邊界移動：** 在某些點上，少數類別 c 的機率比最可能的那個類別低；只要兩者的機率比小於 w_c / w_(那個類別)，c 現在就會勝出。
# 2. **頻率倒數等於事後 logit 調整：** 當 w_c ∝ 1 / n_c，log w = −log π + 常數（π_c = n_c / N），
#    所以 argmax(z + log w) 就是 argmax(z − log π)，也就是第 05 課 τ = 1 的事後 logit 調整（logit adjustment）。這就是兩者能打成平手的原因。
#    不過這個推導假設模型在每個 x 都能學到最好的 q；少數類別的訓練樣本很少時，這個假設就不太成立，
#    第 05 課會看到兩者在哪裡表現一致（1:10），又在哪裡分道揚鑣（1:100）。
# 3. **加權模型的機率會高估少數類別：** q_c ∝ w_c p(c|x) 並不是 p(c|x)。再除以一次權重，也就是 softmax(z − log w)，就能把機率還原到資料本身的尺度。
#
# 下一個儲存格用數值把這些全部檢查一遍。

# %%
# 1. the gradient on the logits is w_y (p - e_y)
logits = torch.randn(6, 3, generator=torch.Generator().manual_seed(0)).to(device).requires_grad_()
labels = torch.tensor([0, 0, 0, 0, 1, 2], device=device)
torch.nn.CrossEntropyLoss(weight=inv_weights, reduction="sum")(logits, labels).backward()
formula = inv_weights[labels, None] * (torch.softmax(logits, 1) - torch.nn.functional.one_hot(labels, 3))
print("autograd gradient equals w_y (p - e_y):", torch.allclose(logits.grad, formula.detach(), rtol=1e-5, atol=1e-7))

# 2. the weighted model predicts argmax w_c p(c|x) of the unweighted model
with torch.no_grad():
    z_plain, z_inv = model_plain(X_val), model_inv(X_val)
rule = (z_plain + torch.log(inv_weights)).argmax(1)
agree = (z_inv.argmax(1) == rule).sum().item()
print(f"weighted model and the rule argmax w_c p(c|x) agree on {agree} of {len(y_val)} validation points")
logit_adjusted = (z_plain - cw.logit_adjustment(train_counts, tau=1.0)).argmax(1)
print("post-hoc logit adjustment (tau = 1) predicts exactly the rule:", torch.equal(logit_adjusted, rule))

# 3. weighted probabilities overstate the rare classes; dividing by the weights corrects them
share = cw.class_counts(y_val) / len(y_val)
print("share of each class in the validation set:   ", [round(v, 2) for v in share.tolist()])
print("mean predicted probability, no weights:       ",
      [round(v, 2) for v in torch.softmax(z_plain, 1).mean(0).tolist()])
print("mean predicted probability, 1 / count weights:", [round(v, 2) for v in torch.softmax(z_inv, 1).mean(0).tolist()])
print("the same, corrected with softmax(z - log w):  ",
      [round(v, 2) for v in torch.softmax(z_inv - torch.log(inv_weights), 1).mean(0).tolist()])

# %% [markdown] lang="en"
# The weighted model agrees with the rule on almost every validation point: it is not exact, because a
# model trained on 1000 samples only approximates the best q. Post-hoc logit adjustment predicts the rule
# exactly, by construction. And the weighted model says a point is in class 1 with probability 0.22 on
# average, while only 0.1 of the points are: use its argmax for decisions, and the corrected probabilities
# wherever a probability is needed.

# %% [markdown] lang="zh-TW"
# 加權模型在幾乎每一個驗證資料點上都和這條規則一致；沒有完全一致，是因為只用 1000 筆資料訓練的模型，只能近似最好的 q。
# 事後 logit 調整則依照定義，預測結果和規則完全相同。
# 另外，加權模型平均給類別 1 的機率是 0.22，但實際上只有 0.1 的資料點屬於類別 1：
# 做決策時用它的 argmax，需要機率的地方則改用修正後的機率。

# %% [markdown] lang="en"
# ## 4. Training losses are not comparable across weights
# Here are the two training curves. The weighted curve ends higher, but that says nothing about which
# model is better: each loss measures something different.

# %% [markdown] lang="zh-TW"
# ## 4. 不同權重下的訓練損失無法互相比較
# 下面是兩條訓練曲線。加權的那條最後停在比較高的位置，但這完全無法說明哪個模型比較好：兩個損失衡量的是不同的東西。

# %%
with cw.style():  # the package's fonts, so that Chinese labels are drawn
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
# ## 5. Explore: retrain with your own weights
# While you drag a slider (or when you pick a preset), the explorer retrains the classifier on the
# training set and redraws the decision regions, recall and confusion matrix on the **validation** set:
# tuning the weights is choosing a knob, so the test set stays out of it.
# Try: raise only class 1's weight and watch its region grow; starting from the 1 / count preset, look for
# weights that make the smallest of the three recalls larger still; compare "inverse frequency" with
# "balanced" (their ratios are the same).

# %% [markdown] lang="zh-TW"
# ## 5. 動手探索：用你自己的權重重新訓練
# 拖動滑桿（slider）或選擇一個快速設定時，探索工具會隨時在訓練集上重新訓練分類器，並在**驗證集**上重新畫出決策區域（decision regions）、召回率和混淆矩陣：調整權重就是在選擇設定，所以測試集不能參與。
# 可以試試：只調高類別 1 的權重，看看它的區域如何變大；從 1 / count 快速設定出發，找找看有沒有哪組權重能讓三個召回率中最小的那個再高一點；
# 比較「頻率倒數」和「平衡（balanced）」這兩個快速設定（它們的比值相同）。

# %% tags=["nbval-ignore-output"]
cw.training_explorer(X_train, y_train, X_val, y_val)

# %% [markdown] lang="en"
# ## 6. The test set, read once
# Our goal here is balanced accuracy: every class's recall counts the same. On the validation set `1 / count`
# won (section 2), so it is the model we keep. Only now do we look at the test set, once, for that model:

# %% [markdown] lang="zh-TW"
# ## 6. 測試集，只讀一次
# 這裡的目標是平衡準確率：每個類別的召回率都一樣重要。在驗證集上，`1 / count` 勝出（第 2 節），所以留下的是這個模型。
# 直到現在，我們才第一次、也是唯一一次，用測試集來評估這個模型：

# %%
chosen = max(results, key=lambda name: results[name]["balanced_accuracy"])
print("chosen on the validation set:", chosen)
final = cw.evaluate({cw.tr("no weights"): model_plain, "1 / count": model_inv}[chosen], X_test, y_test)
print(cw.compare_metrics({chosen + " (test)": final}))

# %% [markdown] lang="en"
# The test numbers are close to the validation numbers but not equal: a different sample of 1000 points.
# This is the estimate to report. If we now went back and changed the weights because of it, the test set
# would become a second validation set, and we would need a new one.

# %% [markdown] lang="zh-TW"
# 測試集上的數字和驗證集的很接近，但不完全相同：因為它是另一批 1000 筆資料。要對外報告的，就是這個估計值。
# 如果我們看了它之後又回頭修改權重，測試集就變成了第二個驗證集，我們就需要一份新的測試集。

# %% [markdown] lang="en"
# ## Summary
# - `1 / count` weights are computed from the training labels and passed as `CrossEntropyLoss(weight=...)`,
#   on the same device as the logits (lessons 01 and 06 show what happens otherwise).
# - On noise, no weighting helps: balanced accuracy stays at chance. Check that your features carry signal
#   before tuning weights.
# - On learnable data, inverse-frequency weights raise minority recall and balanced accuracy, and lower
#   majority recall and minority precision (majority precision rises).
# - The reason: weighted cross-entropy's gradient is w_y (p − e_y), and the model it trains predicts
#   argmax_c w_c·p(c|x). Its probabilities overstate the weighted classes; softmax(z − log w) corrects them.
# - Split train / validation / test. Choose on validation, by per-class metrics, never by the training
#   loss (losses under different weights are not comparable); read the test set once, at the end.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `1 / count` 權重是從訓練資料的標籤算出來的，透過 `CrossEntropyLoss(weight=...)` 傳入，而且要和 logits（未經 softmax 的原始分數）放在同一個裝置（device）上（第 01 課和第 06 課示範了沒放在一起會怎樣）。
# - 在雜訊上，怎麼加權都沒有用：平衡準確率始終停在亂猜的水準。調整權重之前，先確認你的特徵真的帶有訊號（signal）。
# - 在學得會的資料上，頻率倒數權重會提高少數類別的召回率和平衡準確率，同時降低多數類別的召回率和少數類別的精確率（多數類別的精確率則會上升）。
# - 原因是：加權交叉熵的梯度是 w_y (p − e_y)，用它訓練出來的模型預測的是 argmax_c w_c·p(c|x)。
#   它給的機率會高估加了權重的類別；用 softmax(z − log w) 就能修正回來。
# - 把資料切成訓練集、驗證集和測試集。在驗證集上依各類別的指標做選擇，絕對不要看訓練損失（不同權重下的損失無法互相比較）；測試集只在最後讀一次。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Solutions are folded away; open them after trying.
#
# **Exercise 02.1.** Without weights, which class has the lowest recall on the validation set (section 2)?

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 02.1。** 不加權時，哪一個類別在第 2 節驗證集上的召回率最低？

# %%
answer_02_1 = None  # a class index: 0, 1 or 2
cw.check("02.1", answer_02_1)

# %% [markdown] lang="en"
# <details><summary>Solution 02.1</summary>
#
# Read the "recall" rows of the "no weights" column in section 2: class 1 has the lowest recall. Do not
# read too much into it: section 2 prints that the centres of classes 1 and 2 are at the same distance from
# class 0's, with the same spread, so neither overlaps class 0 more. The gap between them comes from which
# 100 points happened to be drawn; another seed can shrink or reverse it. What is systematic is that both
# minority classes have a much lower recall than class 0.
#
# </details>
#
# **Exercise 02.2.** Compute the balanced weights N / (K × count) (N: number of samples, K: number of
# classes; the "balanced" preset of the explorer) for counts `[800, 100, 100]` yourself, without
# `cw.balanced`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.1 解答</summary>
#
# 看第 2 節表格中「不加權」那一欄的召回率：類別 1 的召回率最低。但不要過度解讀：
# 第 2 節印出了類別 1 和類別 2 的中心到類別 0 中心的距離相同，分散程度也相同，所以兩者和類別 0 重疊的程度並沒有差別。
# 兩者之間的差距，來自剛好抽到的是哪 100 筆資料；換一個隨機種子，差距可能縮小，甚至反過來。
# 真正有系統性的現象是：兩個少數類別的召回率都遠低於類別 0。
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
#
# **Exercise 02.3 (predict, then check).** Start from the `1 / count` weights and **double class 2's
# weight**, keeping the others. Retrained, which class's validation recall drops the most: 0 or 1? Write
# down your prediction and why, using the rule argmax_c w_c·p(c|x). Then check it in the explorer of
# section 5 (choose "inverse frequency", then drag class 2's slider to twice its value), and enter the class.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.2 解答</summary>
#
# N = 1000、K = 3，所以權重是 1000 / (3 × 800)、1000 / (3 × 100)、1000 / (3 × 100)：
# ```python
# answer_02_2 = [1000 / (3 * n) for n in (800, 100, 100)]
# ```
#
# </details>
#
# **練習 02.3（先預測，再驗證）。** 從 `1 / count` 權重出發，把**類別 2 的權重加倍**，其他權重不變。
# 重新訓練之後，哪一個類別在驗證集上的召回率下降最多：0 還是 1？先用規則 argmax_c w_c·p(c|x) 寫下你的預測和理由，
# 再到第 5 節的互動元件驗證（先選「頻率倒數」，再把類別 2 的滑桿拉到原本的兩倍），最後填入那個類別。

# %%
answer_02_3 = None  # a class index: 0 or 1
cw.check("02.3", answer_02_3)

# %% [markdown] lang="en"
# <details><summary>Solution 02.3</summary>
#
# Class 0. Doubling w_2 multiplies class 2's score w_2·p(2|x) by 2 everywhere, so class 2's region grows into
# every region that borders it. Class 0 borders class 2 along a long front and has by far the most points
# there, so it loses the most recall; the boundary between classes 1 and 2 moves too, but few class-1 points
# lie close enough to it to change sides.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.3 解答</summary>
#
# 類別 0。把 w_2 加倍，等於在每個地方都把類別 2 的分數 w_2·p(2|x) 乘以 2，所以類別 2 的區域會往每一個和它相鄰的區域擴張。
# 類別 0 和類別 2 之間的邊界很長，邊界附近的類別 0 資料點也最多，所以類別 0 的召回率掉得最多；
# 類別 1 和類別 2 之間的邊界也會移動，但離它近到會被劃到另一邊的類別 1 資料點很少。
#
# </details>
