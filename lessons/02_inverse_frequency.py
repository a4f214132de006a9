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
# **What you will learn:** how to compute `1 / count` weights and pass them to `CrossEntropyLoss`; why the
# reference answer's example (lesson 01, "The two reference documents") cannot show whether they help; what
# they change on learnable, held-out data (per-class recall and precision, balanced accuracy, macro-F1, the
# confusion matrix); and the rule behind it: a weighted model predicts argmax_c w_c·p(c|x).

# %% [markdown] lang="zh-TW"
# # 第 02 課 · 頻率倒數（inverse frequency）權重：對訓練好的分類器有什麼影響
#
# **你會學到：** 如何計算 `1 / count` 類別權重（class weight），並把它傳給 `CrossEntropyLoss`；
# 為什麼參考答案（見第 01 課「兩份參考資料」）的範例無法告訴我們這些權重有沒有幫助；
# 在模型學得會的資料上，這些權重真正改變了什麼：
# 也就是在沒參與訓練的資料（held-out data）上，各類別的召回率（recall）與精確率（precision）、平衡準確率（balanced accuracy）、macro-F1（各類別 F1 的平均）和混淆矩陣（confusion matrix）；
# 還有這一切背後的規則：加權訓練的模型，預測的是 argmax_c w_c·p(c|x)。

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
print(cw.tr("device: {d}", d=device))

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
weights = 1.0 / counts  # en: the same as cw.inverse_frequency(counts)  # zh-TW: 和 cw.inverse_frequency(counts) 相同

print(cw.tr("samples per class: {n}", n=counts.int().tolist()))
print(cw.tr("weights 1 / count: {w}", w=[round(w, 7) for w in weights.tolist()]))
print(cw.tr("printed by PyTorch: {t}", t=weights))

# %% [markdown] lang="en"
# The reference's comment shows weights its code does not print: those of exactly 800 / 100 / 100 (below).
# Its labels are drawn at random, so the counts land near 800 / 100 / 100, rarely on it (ours above do
# not), and each unseeded run prints other weights. (PyTorch shows four decimals: 1/800 as a float32 is a
# hair below 1/800, hence 0.0012.)

# %% [markdown] lang="zh-TW"
# 參考答案在註解中列出的權重，並不是它的程式碼實際印出的結果。
# 那是各類別筆數剛好為 800 / 100 / 100 時的權重，下面會把它算出來。
# 但程式碼裡的每個標籤都是隨機抽出的，所以各類別的筆數只會落在 800 / 100 / 100 附近，很少剛好就是這組數字（我們上面的結果就不是）；
# 而原本那份沒有設定隨機種子的程式，每次執行印出的權重也都不一樣。
# （PyTorch 只顯示到小數點後四位：1/800 存成 float32 時略小於真正的 1/800，所以顯示為 0.0012。）

# %%
print(torch.tensor([1 / 800, 1 / 100, 1 / 100]))
print(cw.tr("1 / 800 as a float32: {v}", v=torch.tensor(1 / 800).item()))

# %% [markdown] lang="en"
# The reference's training, `cw.reference_training` (source: `??cw.reference_training`): one `Linear(10, 3)`,
# Adam, batches in order; its learning rate, batch size and epochs are the `settings` of the second cell
# below. The weights go into `CrossEntropyLoss(weight=...)` once, as in the next cell. We train twice,
# without and with the weights, from the same initial parameters.

# %% [markdown] lang="zh-TW"
# 參考答案的訓練方式就是 `cw.reference_training`（用 `??cw.reference_training` 可以看它的原始碼）：只有一層 `Linear(10, 3)`，最佳化器（optimizer）用 Adam，依原本的順序把資料分成批次（batch）；
# 學習率（learning rate）、每個批次的筆數和訓練週期（epoch）數，就是下面第二個儲存格裡的 `settings`。
# 權重只傳入 `CrossEntropyLoss(weight=...)` 一次，就像下一個儲存格。
# 我們訓練兩次，一次不加權、一次加權，兩次都從相同的初始參數開始。

# %%
criterion = torch.nn.CrossEntropyLoss(weight=weights)  # en: the weights go into the loss, once  # zh-TW: 權重只在這裡傳入損失一次
torch.manual_seed(0)
model = torch.nn.Linear(10, 3)
first_batch_loss = criterion(model(X_noise[:32]), y_noise[:32])
print(cw.tr("weighted loss of one batch of 32 (an untrained model): {l}", l=f"{first_batch_loss.item():.4f}"))

# %%
settings = {"lr": 0.001, "batch_size": 32, "epochs": 2}  # en: the reference's settings  # zh-TW: 參考答案的設定
plain = cw.reference_training(X_noise, y_noise, weight=None, seed=0, **settings)
weighted = cw.reference_training(X_noise, y_noise, weight=weights, seed=0, **settings)
for epoch in range(settings["epochs"]):
    print(cw.tr("Epoch: {e}, loss without weights: {a}, with 1/count weights: {b}", e=epoch,
                a=f"{plain['last_batch_loss'][epoch]:.4f}", b=f"{weighted['last_batch_loss'][epoch]:.4f}"))
print(cw.tr("samples in the last batch of an epoch: {n}", n=len(X_noise) % settings["batch_size"]))

# %% [markdown] lang="en"
# Two warnings:
# - "Epoch loss" here is the loss of the **last batch** only, which holds just 8 samples.
# - Losses under different weights are **not comparable**: the weights change how much each sample counts in
#   the average.
#
# Whether the weights helped shows only in predictions on data the model has not seen.

# %% [markdown] lang="zh-TW"
# 有兩點要注意：
# - 這裡所謂的「訓練週期損失」（epoch loss）其實只是**最後一個批次**的損失，而那個批次只有 8 筆資料。
# - 用不同權重算出來的損失**不能互相比較**：權重改變了每筆資料在平均中所占的分量。
#
# 權重到底有沒有幫助，只有看模型對沒見過的資料做出的預測才知道。

# %%
X_noise_test, y_noise_test = cw.noise_dataset(seed=1)
noise_results = {
    cw.tr("no weights"): cw.evaluate(plain["model"], X_noise_test, y_noise_test, num_classes=3),
    "1 / count": cw.evaluate(weighted["model"], X_noise_test, y_noise_test, num_classes=3),
}
print(cw.compare_metrics(noise_results))

# %% [markdown] lang="en"
# The features are noise, unrelated to the labels, so no model can beat guessing: balanced accuracy (the
# mean of the per-class recalls) stays near 1/3 however we weight. The weights only change *which* wrong
# guesses are made. To see what they do, we need learnable data.

# %% [markdown] lang="zh-TW"
# 這些特徵是雜訊，和標籤毫無關係，所以任何模型都不可能比亂猜更好：
# 不管怎麼加權，平衡準確率（各類別召回率的平均）都停在 1/3 附近。
# 權重只會改變模型做出*哪些*錯誤的猜測。
# 想看出權重的作用，我們需要模型學得會的資料。

# %% [markdown] lang="en"
# ## 2. A dataset a model can learn, split three ways
# `cw.lesson_blobs()` draws 3000 points in three overlapping 2-D clouds, exactly 80 / 10 / 10, and splits
# them, stratified (every class keeps its share), into three sets of 1000 with `cw.train_val_test_split`
# (scikit-learn's `train_test_split` twice); lessons 03, 04 and 06 use the same sets:
# - **training set:** the model learns from it;
# - **validation set:** we compare models and choose every knob on it (here: weights or no weights);
# - **test set:** used **once**, at the end, to report the chosen model. Once a number has taken part in a
#   choice, it is no longer a fair estimate of how the model does on new data.

# %% [markdown] lang="zh-TW"
# ## 2. 模型學得會的資料集，切成三份
# `cw.lesson_blobs()` 產生 3000 筆資料：三團互相重疊的二維資料點，各類別的占比同樣是 80 / 10 / 10，而且每個類別的筆數剛好符合這個占比。
# 接著用 `cw.train_val_test_split`（內部呼叫兩次 scikit-learn 的 `train_test_split`）做分層切分（stratified split，每個類別在每一份裡的占比都不變），切成三份各 1000 筆；第 03、04、06 課也使用同樣的這三份資料：
# - **訓練集（training set）：** 模型從這裡學習；
# - **驗證集（validation set）：** 用來比較模型、選定每一個可調設定（這一課要選的是：加權還是不加權）；
# - **測試集（test set）：** 最後才用它評估**一次**，用來報告選定模型的表現。只要某個數字參與過選擇，它就不再是模型面對新資料時表現的公正估計。

# %%
splits = cw.lesson_blobs(seed=0)
X_train, y_train = (t.to(device) for t in splits["train"])
X_val, y_val = (t.to(device) for t in splits["val"])
X_test, y_test = (t.to(device) for t in splits["test"])

print(cw.tr("samples per class:"))
print(cw.text_table([cw.tr("class {c}", c=c) for c in range(3)],
                    [(cw.tr(name), [str(n) for n in cw.class_counts(labels).int().tolist()])
                     for name, labels in (("train", y_train), ("val", y_val), ("test", y_test))]))
d01, d02, d12 = torch.pdist(torch.tensor(cw.BLOB_CENTERS)).tolist()
print(cw.tr("distance between class centres: 0-1 {a}, 0-2 {b}, 1-2 {c}", a=round(d01, 2), b=round(d02, 2),
            c=round(d12, 2)))
spread = torch.stack([X_train[y_train == c].std(dim=0).mean() for c in range(3)])
print(cw.tr("spread (standard deviation) of each class, training set: {s}", s=[round(s, 1) for s in spread.tolist()]))

train_counts = cw.class_counts(y_train)
inv_weights = cw.inverse_frequency(train_counts)
print(cw.tr("weights 1 / count: {w}", w=[round(w, 5) for w in inv_weights.tolist()]))

# %% [markdown] lang="en"
# `cw.train` trains a linear classifier (the reference's kind of model) on the whole training set at once,
# with Adam, seeded: both models start from the same parameters. We compare them on the **validation** set.
#
# **The metric, fixed before looking.** We choose by balanced accuracy, the mean of the three recalls: here a
# missed minority point matters as much as a missed majority point, while accuracy is 80% about class 0.
# We fix it before the table because metrics need not agree, and one picked after seeing whom it favours is
# not a choice.

# %% [markdown] lang="zh-TW"
# `cw.train` 會把整個訓練集一次全部拿來，用 Adam 訓練一個線性分類器（和參考答案是同一種模型）；
# 它也固定了隨機種子：兩個模型都從相同的參數開始。我們在**驗證集**上比較這兩個模型。
#
# **先定好指標，再看結果。** 我們依平衡準確率（三個類別召回率的平均）做選擇：在這裡，漏掉一個少數類別（minority class）的資料點，
# 和漏掉一個多數類別（majority class）的資料點一樣嚴重；而準確率（accuracy）有八成是由類別 0 決定的。
# 我們在看表格之前就先定好指標，因為不同的指標不一定會選出同一個模型：看過哪個模型占上風才挑的指標，根本不算選擇。

# %%
metric = "balanced_accuracy"  # en: fixed before the table  # zh-TW: 在看表格之前就定好
model_plain = cw.train(X_train, y_train, weight=None, seed=0)
model_inv = cw.train(X_train, y_train, weight=inv_weights, seed=0)

results = {
    cw.tr("no weights"): cw.evaluate(model_plain, X_val, y_val),
    "1 / count": cw.evaluate(model_inv, X_val, y_val),
}
print(cw.compare_metrics(results))

# %% [markdown] lang="en"
# Read the table class by class:
# - Without weights, the model favours class 0: its recall is high, the minority classes' recall low.
# - With `1 / count` weights, the recall of classes 1 and 2 rises a lot, and so does balanced accuracy.
# - The price: many class-0 points are now labelled 1 or 2, so class 0's **recall** and the minority
#   classes' **precision** fall. Class 0's precision *rises* (0.880 → 0.962).
# - Accuracy and macro-F1 fall. On the metric fixed above, `1 / count` wins; picked after the table, a
#   metric could have crowned either model.
#
# In one line: weights trade **majority recall and minority precision** for **minority recall**, moving the
# decision boundary towards the majority class (section 3 shows why). This table is one split; lesson 05
# repeats the comparison over several. Whether the trade is right depends on which mistakes cost more.

# %% [markdown] lang="zh-TW"
# 請逐一比較各類別的數字：
# - 不加權時，模型偏向類別 0：類別 0 的召回率很高，少數類別的召回率則很低。
# - 使用 `1 / count` 權重後，類別 1 和類別 2 的召回率大幅上升，平衡準確率也跟著提高。
# - 代價是：模型現在會把許多類別 0 的點判成類別 1 或 2，所以類別 0 的**召回率**和少數類別的**精確率**都下降了。
#   類別 0 的精確率反而*上升*了（0.880 → 0.962）。
# - 準確率和 macro-F1 都變低了。依照上面先定好的指標，勝出的是 `1 / count`；如果看過表格才挑指標，兩個模型都可能被選為贏家。
#
# 一句話總結：權重是拿**多數類別的召回率和少數類別的精確率**，去換**少數類別的召回率**；
# 它們會把決策邊界（decision boundary）往多數類別那一側推（第 3 節會說明原因）。
# 這張表格只是一次切分的結果；第 05 課會在多種切分上重複這個比較。這樣的取捨對不對，取決於哪一種錯誤的代價比較高。

# %%
cw.plot_training_result(model_plain, X_val, y_val, results[cw.tr("no weights")], title=cw.tr("no weights"))
cw.show()

# %% slide="subslide"
cw.plot_training_result(model_inv, X_val, y_val, results["1 / count"], title="1 / count")
cw.show()

# %% [markdown] lang="en"
# In the confusion matrix, rows are the true class, columns the predicted class; each cell shows the count
# and its share of the row, which sets the colour, so small minority rows read as easily as the majority
# row. Compare the first column (predicted class 0): with weights, far fewer minority points are swallowed
# by class 0, and the first row spreads to other columns.

# %% [markdown] lang="zh-TW"
# 在混淆矩陣中，每一列（row）是真實類別，每一欄（column）是預測類別；每一格寫著筆數和它在該列的占比，顏色深淺也依照這個占比，
# 所以筆數很少的少數類別那幾列，和筆數很多的多數類別那一列一樣容易看。
# 比較兩張圖的第一欄（被預測為類別 0 的點）：加權之後，被類別 0「吞掉」的少數類別資料點少了很多，而第一列也分散到了其他欄。

# %% [markdown] lang="en"
# ## 3. Why the boundary moves: the rule weighted cross-entropy learns
# One idea explains what the weights do here, and what lessons 05 and 06 show.
#
# **The gradient.** A sample of true class y, with logits z and p = softmax(z), has the weighted loss
# w_y · (−log p_y). Its gradient with respect to the logits is
#
# $$\frac{\partial}{\partial z}\big(-w_y \log p_y\big) = w_y\,(p - e_y),$$
#
# where e_y is the one-hot vector of y: the usual gradient, scaled by the true class's weight. A class with
# weight 10 pulls on the logits ten times as hard as a class with weight 1.
#
# **The rule.** Average that loss over the data. At a point x, class c appears with probability p(c|x),
# so the expected loss there is Σ_c p(c|x) · w_c · (−log q_c), where q are the model's probabilities,
# minimised by q_c ∝ w_c · p(c|x). So a flexible enough model trained with weights predicts
#
# $$\hat y(x) = \arg\max_c\; w_c\, p(c\,|\,x),$$
#
# the unweighted model's rule with every class's probability multiplied by its weight. In logits:
# z_weighted ≈ z_plain + log w (plus a constant).

# %% [markdown] lang="zh-TW"
# ## 3. 決策邊界為什麼會移動：加權交叉熵學到的規則
# 有一個想法可以解釋權重在這裡做了什麼，也能解釋第 05 課和第 06 課看到的現象。
#
# **梯度。** 一個真實類別為 y 的樣本，logits（未經 softmax 的原始分數）是 z、機率是 p = softmax(z)，它的加權損失是 w_y · (−log p_y)。
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
# 也就是不加權模型的規則，只是每個類別的機率都乘上了它的權重。換成 logits 來說：z_加權 ≈ z_不加權 + log w（再加上一個常數）。

# %% [markdown] lang="en"
# Three consequences of that rule:
# 1. **Section 2's boundary shift:** a rare class c now wins wherever the top class's probability is less
#    than w_c / w_(top class) times c's.
# 2. **Inverse frequency equals post-hoc logit adjustment:** with w_c ∝ 1 / n_c, log w = −log π + constant
#    (π_c = n_c / N), so argmax(z + log w) is argmax(z − log π), lesson 05's post-hoc logit adjustment with
#    τ = 1. This assumes a model that reaches the best q at every x, which holds less well for a rare class
#    with few samples: lesson 05 finds no difference it can claim at 1:10, and clear differences in recall
#    and macro-F1 at 1:100.
# 3. **Weighted probabilities overstate the rare classes:** q_c ∝ w_c p(c|x) is not p(c|x). Dividing by
#    the weights again, softmax(z − log w), brings the mean probabilities back to the class shares (next
#    cell).
#
# The next cell checks all of this numerically.

# %% [markdown] lang="zh-TW"
# 由這條規則可以得到三個結果：
# 1. **第 2 節的邊界移動：** 在某些點上，少數類別 c 的機率比最可能的那個類別低；只要最可能類別的機率不到 c 的 w_c / w_(最可能的類別) 倍，c 現在就會勝出。
# 2. **頻率倒數等於事後 logit 調整：** 當 w_c ∝ 1 / n_c，log w = −log π + 常數（π_c = n_c / N），
#    所以 argmax(z + log w) 就是 argmax(z − log π)，也就是第 05 課 τ = 1 的事後 logit 調整（logit adjustment）。
#    不過這個推導假設模型在每個 x 都能學到最好的 q；少數類別的訓練樣本很少時，這個假設就不太成立：
#    第 05 課在 1:10 時看不出能下結論的差異，在 1:100 時則在召回率和 macro-F1 上有明顯差異。
# 3. **加權模型的機率會高估少數類別：** q_c ∝ w_c p(c|x) 並不是 p(c|x)。再除以一次權重，也就是 softmax(z − log w)，就能把平均機率拉回各類別的占比（下一個儲存格）。
#
# 下一個儲存格用數值把這些全部檢查一遍。

# %%
# en: 1. the gradient on the logits is w_y (p - e_y)
# zh-TW: 1. 對 logits 的梯度是 w_y (p - e_y)
logits = torch.randn(6, 3, generator=torch.Generator().manual_seed(0)).to(device).requires_grad_()
labels = torch.tensor([0, 0, 0, 0, 1, 2], device=device)
torch.nn.CrossEntropyLoss(weight=inv_weights, reduction="sum")(logits, labels).backward()
formula = inv_weights[labels, None] * (torch.softmax(logits, 1) - torch.nn.functional.one_hot(labels, 3))
print(cw.tr("autograd gradient equals w_y (p - e_y): {ok}",
            ok=torch.allclose(logits.grad, formula.detach(), rtol=1e-5, atol=1e-7)))

# en: 2. the weighted model predicts argmax w_c p(c|x) of the unweighted model
# zh-TW: 2. 加權模型預測的是不加權模型的 argmax w_c p(c|x)
with torch.no_grad():
    z_plain, z_inv = model_plain(X_val), model_inv(X_val)
rule = (z_plain + torch.log(inv_weights)).argmax(1)
agree = (z_inv.argmax(1) == rule).sum().item()
print(cw.tr("weighted model and the rule argmax w_c p(c|x) agree on {k} of {n} validation points", k=agree,
            n=len(y_val)))
logit_adjusted = (z_plain - cw.logit_adjustment(train_counts, tau=1.0)).argmax(1)
print(cw.tr("post-hoc logit adjustment (tau = 1) predicts exactly the rule: {ok}",
            ok=torch.equal(logit_adjusted, rule)))

# en: 3. weighted probabilities overstate the rare classes; dividing by the weights corrects them
# zh-TW: 3. 加權模型的機率高估少數類別；再除以一次權重就能修正
rows = {"share of each class in the validation set": cw.class_counts(y_val) / len(y_val),
        "mean predicted probability, no weights": torch.softmax(z_plain, 1).mean(0),
        "mean predicted probability, 1 / count weights": torch.softmax(z_inv, 1).mean(0),
        "the same, corrected with softmax(z - log w)": torch.softmax(z_inv - torch.log(inv_weights), 1).mean(0)}
print(cw.text_table([cw.tr("class {c}", c=c) for c in range(3)],
                    [(cw.tr(name), [f"{v:.2f}" for v in row.tolist()]) for name, row in rows.items()], min_col=9))

# %% [markdown] lang="en"
# The weighted model agrees with the rule on almost every validation point, not all: the rule holds for the
# best q, which these fitted models only approximate. Post-hoc logit adjustment predicts the rule exactly,
# by construction. And the weighted model gives class 1 a probability of 0.22 on average, while only 0.10
# of the points are in class 1; corrected, the mean probabilities are 0.81 / 0.09 / 0.09 against shares of
# 0.80 / 0.10 / 0.10. Use its argmax for decisions, the corrected probabilities where a probability is
# needed.

# %% [markdown] lang="zh-TW"
# 加權模型在驗證集的每一個資料點上幾乎都和這條規則一致，但不是全部：這條規則對最好的 q 才成立，而這裡訓練出來的模型只能近似它。
# 事後 logit 調整本來就是照這條規則算的，所以預測完全相同。
# 另外，加權模型平均給類別 1 的機率是 0.22，但實際上只有 0.10 的資料點屬於類別 1；
# 修正之後，平均機率是 0.81 / 0.09 / 0.09，各類別的實際占比則是 0.80 / 0.10 / 0.10。
# 做決策時用它的 argmax，需要機率的地方則改用修正後的機率。

# %% [markdown] lang="en"
# ## 4. Training losses are not comparable across weights
# The weighted curve ends higher, but that says nothing about which model is better: each loss measures
# something different.

# %% [markdown] lang="zh-TW"
# ## 4. 不同權重下的訓練損失無法互相比較
# 加權的那條訓練曲線最後停在比較高的位置，但這完全無法說明哪個模型比較好：兩個損失衡量的是不同的東西。

# %%
with cw.style():  # en: the package's fonts, so that Chinese labels are drawn  # zh-TW: 套件的字型，中文標籤才畫得出來
    fig, ax = plt.subplots(figsize=(5, 2.8), dpi=80, layout="constrained")
    ax.plot(model_plain.loss_history, label=cw.tr("no weights"))
    ax.plot(model_inv.loss_history, label="1 / count", linestyle="--")
    ax.set_xlabel(cw.tr("step"))
    ax.set_ylabel(cw.tr("training loss"))
    ax.legend()
    cw.show()
print(cw.tr("final training loss, no weights: {a}; 1 / count: {b}", a=f"{model_plain.loss_history[-1]:.4f}",
            b=f"{model_inv.loss_history[-1]:.4f}"))

# %% [markdown] lang="en"
# ## 5. Explore: retrain with your own weights
# Drag a slider or pick a preset: the explorer retrains on the training set and redraws the decision
# regions, recall and confusion matrix on the **validation** set (weights are a knob; the test set stays
# out). Try: raise only class 1's weight and watch its region grow; from the 1 / count preset, look for
# weights that raise the smallest recall further; compare "inverse frequency" with "balanced".

# %% [markdown] lang="zh-TW"
# ## 5. 動手探索：用你自己的權重重新訓練
# 拖動滑桿（slider）或選擇一個快速設定時，探索工具會立刻在訓練集上重新訓練分類器，並在**驗證集**上重新畫出決策區域（decision regions）、召回率和混淆矩陣：調整權重就是在選擇可調設定，所以測試集不能參與。
# 可以試試：只調高類別 1 的權重，看看它的區域如何變大；從 1 / count 快速設定出發，找找看有沒有哪組權重能讓三個召回率中最小的那個再高一點；
# 比較「頻率倒數」和「平衡（balanced）」這兩個快速設定。

# %% tags=["nbval-ignore-output"]
cw.training_explorer(X_train, y_train, X_val, y_val)

# %% [markdown] lang="en"
# ## 6. The test set, used once, at the end
# On the metric fixed in section 2, balanced accuracy, `1 / count` won on the validation set, so it is the
# model we keep. Only now do we evaluate on the test set, once, for that model:

# %% [markdown] lang="zh-TW"
# ## 6. 最後才用測試集評估一次
# 依照第 2 節先定好的指標（平衡準確率），`1 / count` 在驗證集上勝出，所以留下的是這個模型。
# 直到現在，我們才第一次、也是唯一一次，用測試集來評估這個模型：

# %%
chosen = max(results, key=lambda name: results[name][metric])
print(cw.tr("chosen on the validation set: {m}", m=chosen))
final = cw.evaluate({cw.tr("no weights"): model_plain, "1 / count": model_inv}[chosen], X_test, y_test)
print(cw.compare_metrics({cw.tr("{m} (test set)", m=chosen): final}))

# %% [markdown] lang="en"
# The test numbers are close to the validation numbers, not equal: another 1000 points. This is the
# estimate to report. Changing the weights because of it would make the test set a second validation set.

# %% [markdown] lang="zh-TW"
# 測試集上的數字和驗證集的很接近，但不完全相同：因為它是另一批 1000 筆資料。要對外報告的，就是這個估計值。
# 如果看了它之後又回頭修改權重，測試集就變成了第二個驗證集。

# %% [markdown] lang="en"
# ## Summary
# - `1 / count` weights come from the training labels and go into `CrossEntropyLoss(weight=...)`, on the
#   logits' device (lessons 01 and 06 show what happens otherwise).
# - On noise, no weighting helps: check that features carry signal first.
# - On this split of learnable data, inverse-frequency weights raised minority recall and balanced accuracy,
#   and lowered majority recall and minority precision; lesson 05 repeats the comparison over several splits.
# - Weighted cross-entropy's gradient is w_y (p − e_y); the model it trains predicts argmax_c w_c·p(c|x).
#   Its probabilities overstate the weighted classes; softmax(z − log w) corrects them (here it brings the
#   mean probabilities back to the class shares).
# - Split train / validation / test. Fix the metric before looking; choose on validation, never by the
#   training loss (losses under different weights are not comparable); use the test set once, at the end.

# %% [markdown] lang="zh-TW"
# ## 重點整理
# - `1 / count` 權重是從訓練資料的標籤算出來的，透過 `CrossEntropyLoss(weight=...)` 傳入，而且要和 logits 放在同一個裝置（device）上（第 01 課和第 06 課示範了沒放在一起會怎樣）。
# - 在雜訊上，怎麼加權都沒有用：先確認你的特徵真的帶有訊號（signal）。
# - 在學得會的資料上，就這一次切分來看，頻率倒數權重提高了少數類別的召回率和平衡準確率，也降低了多數類別的召回率和少數類別的精確率；第 05 課會在多種切分上重複這個比較。
# - 加權交叉熵的梯度是 w_y (p − e_y)，用它訓練出來的模型預測的是 argmax_c w_c·p(c|x)。
#   它給的機率會高估加了權重的類別；用 softmax(z − log w) 就能修正回來（在這裡，它把平均機率拉回各類別的占比）。
# - 把資料切成訓練集、驗證集和測試集。先定好指標再看結果；在驗證集上做選擇，絕對不要依訓練損失來選（不同權重下的損失無法互相比較）；最後才用測試集評估一次。

# %% [markdown] lang="en"
# ## Exercises
# Replace `None`, run the cell, read the verdict. Open the folded solutions after trying.
#
# **Exercise 02.1 (judge the evidence).** Without weights, class 1's validation recall (section 2) is below
# class 2's. Is class 1 harder to recognise on data drawn this way (`True`), or not (`False`)?
# Judge from what section 2 prints about the classes; the check then prints the evidence of 20 splits.

# %% [markdown] lang="zh-TW"
# ## 練習
# 把 `None` 換成你的答案，執行儲存格，看看檢查結果。解答收起來了，請先自己試過再打開。
#
# **練習 02.1（判斷證據）。** 不加權時，第 2 節中類別 1 在驗證集上的召回率低於類別 2。
# 對用這種方式抽出的資料來說，類別 1 真的比較難辨認（`True`），還是並非如此（`False`）？
# 請根據第 2 節印出的類別資訊判斷；檢查接著會印出 20 種切分的證據。

# %%
answer_02_1 = None  # en: True or False  # zh-TW: True 或 False
cw.check("02.1", answer_02_1)

# %% [markdown] lang="en"
# <details><summary>Solution 02.1</summary>
#
# `False`. Section 2 prints that classes 1 and 2 lie at the same distance from class 0, with the same
# spread: nothing in how the data are drawn makes one harder. The check's 20 splits agree: class 1 is lower
# on some and higher on others, and the 95% interval of the paired difference contains 0: no systematic
# gap. In section 2's split, both minority classes also sit far below class 0.
#
# </details>
#
# **Exercise 02.2.** Compute the balanced weights N / (K × count) (N: number of samples, K: number of
# classes; the "balanced" preset of the explorer) for counts `[800, 100, 100]` yourself, without
# `cw.balanced`, as a list of three numbers.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.1 解答</summary>
#
# `False`。第 2 節印出了類別 1 和類別 2 的中心到類別 0 中心的距離相同，分散程度也相同：資料的產生方式並沒有讓其中哪一個比較難。
# 檢查的 20 種切分也這麼說：類別 1 在有些切分上比較低、有些比較高，成對差異的 95% 信賴區間包含 0：看不出有系統性的差距。
# 在第 2 節這次切分中，兩個少數類別的召回率也都遠低於類別 0。
#
# </details>
#
# **練習 02.2。** 不用 `cw.balanced`，自己算出筆數 `[800, 100, 100]` 的平衡權重 N / (K × count)（N 是總筆數、K 是類別數；也就是探索工具中的「平衡」快速設定），寫成三個數字的串列。

# %%
answer_02_2 = None  # en: three weights [w0, w1, w2]  # zh-TW: 三個權重 [w0, w1, w2]
cw.check("02.2", answer_02_2)

# %% [markdown] lang="en"
# <details><summary>Solution 02.2</summary>
#
# N = 1000 and K = 3:
# ```python
# answer_02_2 = [1000 / (3 * n) for n in (800, 100, 100)]
# ```
#
# </details>
#
# **Exercise 02.3 (predict, then check).** From the `1 / count` weights, **double class 2's weight**. Retrained,
# whose validation recall drops more: class 0's or class 1's? Write down a prediction and why, with the rule
# argmax_c w_c·p(c|x); check it in section 5's explorer ("inverse frequency", then type twice class 2's
# weight in its box, or click its slider and press → twice), and enter the class.

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.2 解答</summary>
#
# N = 1000、K = 3：
# ```python
# answer_02_2 = [1000 / (3 * n) for n in (800, 100, 100)]
# ```
#
# </details>
#
# **練習 02.3（先預測，再驗證）。** 從 `1 / count` 權重出發，把**類別 2 的權重加倍**。
# 重新訓練之後，驗證集上哪一個類別的召回率下降得比較多：類別 0 還是類別 1？先用規則 argmax_c w_c·p(c|x) 寫下你的預測和理由，
# 再到第 5 節的探索工具驗證（先選「頻率倒數」，再在類別 2 的數值框輸入原本權重的兩倍，或點一下它的滑桿、按兩次 →），最後填入那個類別。

# %%
answer_02_3 = None  # en: a class index, 0 or 1  # zh-TW: 類別編號 0 或 1
cw.check("02.3", answer_02_3)

# %% [markdown] lang="en"
# <details><summary>Solution 02.3</summary>
#
# Class 0. Doubling w_2 doubles class 2's score w_2·p(2|x) everywhere, so its region grows into both
# neighbours. Recall is a share: what counts is not how many points a class has near the border but what
# *share* of its points lies in the strip class 2 takes over. Section 2 prints that class 0's centre is
# closer to class 2's (2.0) than class 1's is (2.4), so that border runs nearer the middle of class 0. The
# check prints both recalls before and after.
#
# </details>

# %% [markdown] lang="zh-TW"
# <details><summary>練習 02.3 解答</summary>
#
# 類別 0。把 w_2 加倍，等於在每個地方都把類別 2 的分數 w_2·p(2|x) 乘以 2，所以類別 2 的區域會往兩個鄰居擴張。
# 召回率是一個比例：重點不是哪個類別在邊界附近的點比較多，而是哪個類別有比較大的*比例*落在類別 2 擴張後吃掉的那條帶狀區域裡。
# 第 2 節印出類別 0 的中心離類別 2 的中心（2.0）比類別 1 的（2.4）近，所以那條邊界比較靠近類別 0 的中央。
# 檢查會印出兩個類別加倍前後的召回率。
#
# </details>
