# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] role="note"
# The graded assignment's one source, in nbgrader's format: tools write it into
# source/cw_assignment_en/assignment.ipynb and source/cw_assignment_zh-TW/assignment.ipynb
# (python assignments/build_assignment.py). Markdown cells carry lang="en" or lang="zh-TW"; code cells are
# shared. A cell's role="..." becomes its nbgrader metadata: "locked" (read-only), "answer" (an autograded
# answer, BEGIN / END SOLUTION), "tests" (autograder tests with points, some hidden), "manual" (a written
# answer graded by hand, with points). This first cell is not written into the notebooks.

# %% [markdown] lang="en"
# # Assignment · A screening test where one missed tumour costs ten false alarms
#
# **What you hand in:** this notebook, with five short pieces of code and one written answer. It uses
# what lessons 01–08 teach (`pos_weight`, choosing a knob on validation, reading the test set once at
# the end) on data that no lesson uses.
#
# **The task.** scikit-learn's breast-cancer data (the Wisconsin diagnostic data set, which ships with
# scikit-learn) describes 569 tumours by 30 measurements each. Here *malignant* is the positive class
# (label 1). To model a screening population, where the disease is rare, the setup cell keeps all 357
# benign tumours and 40 malignant ones, drawn with a fixed seed: about one sample in ten is positive.
#
# A missed malignant tumour (a false negative) costs **10**; a false alarm (a false positive) costs
# **1**. A decision rule is scored by its **mean cost per sample**: lower is better.
#
# **The protocol**, as in the lessons: the data are split, stratified, into a training set (50 %), a
# validation set (25 %) and a test set (25 %). Everything is chosen on the training and validation
# sets. The test set is read **once, at the end**: question 5 calls `open_test_set()`, and no other
# cell does.
#
# **Grading.**
# - Questions 1 to 5 are graded automatically, 2 points each. Below each answer cell, a cell of tests
#   checks it. Some tests are hidden: they run only when your teacher grades, so passing the visible
#   tests does not guarantee the points. Read each question's requirements.
# - Question 6 is a written answer, graded by your teacher (4 points).
# - Write your code in place of `raise NotImplementedError()`. Keep the names of the functions and
#   variables that the questions ask for, and do not change the locked cells.
# - Before you hand in, run *Kernel → Restart Kernel and Run All Cells…*: every cell must run without
#   an error. (nbgrader's *Validate* button runs the visible tests the same way.)
# - The whole notebook runs on a CPU in well under a minute.

# %% [markdown] lang="zh-TW"
# # 作業 · 漏掉一顆惡性腫瘤的代價等於十次誤報的篩檢
#
# **要繳交的內容：** 這本筆記本，裡面有五小段程式碼和一題文字回答。作業用到第 01 到 08 課教過的內容
# （`pos_weight`、在驗證集上選可調設定、最後才用測試集評估一次），但資料是任何一課都沒有用過的。
#
# **題目。** scikit-learn 內建的乳癌資料集（威斯康辛乳癌診斷資料，隨 scikit-learn 一起安裝）
# 用 30 項測量值描述 569 顆腫瘤。這裡把**惡性**當作正類（positive class，標籤 1）。為了模擬疾病
# 很少見的篩檢族群，環境設定的儲存格保留全部 357 顆良性腫瘤，再用固定的隨機種子抽出 40 顆惡性腫瘤：
# 大約每十筆資料只有一筆是陽性。
#
# 漏掉一顆惡性腫瘤（偽陰性，false negative）的成本是 **10**；一次誤報（偽陽性，false positive）的成本是
# **1**。一條判定規則的分數是它的**每筆樣本平均成本**：越低越好。
#
# **流程**和課程中一樣：資料依類別比例分層（stratified）切分成訓練集（50 %）、驗證集（25 %）和測試集
# （25 %）。所有選擇都只用訓練集和驗證集來做；**最後才用測試集評估一次**：只有第 5 題呼叫
# `open_test_set()`，其他儲存格都不呼叫它。
#
# **評分方式。**
# - 第 1 到 5 題自動評分，每題 2 分。每個回答儲存格的下方，都有一個檢查它的測試儲存格。有些測試是隱藏的：
#   只有老師評分時才會執行，所以通過看得到的測試，不代表一定拿到分數。請仔細讀每一題的要求。
# - 第 6 題是文字回答，由老師人工評分（4 分）。
# - 把你的程式碼寫在 `raise NotImplementedError()` 的位置（並刪掉這一行）。題目指定的函式和變數名稱不要改，
#   鎖定的儲存格也不要修改。
# - 繳交之前，先執行「核心」選單的「重啟核心並執行所有區塊...」：每個儲存格都必須執行完而沒有出現錯誤。
#   （nbgrader 的 *Validate* 按鈕也會用同樣的方式執行看得到的測試。）
# - 整本筆記本在 CPU 上執行不到一分鐘。

# %% [markdown] lang="en"
# ## Setup (locked)
# The cell below loads the data and gives you:
# - `X_train`, `X_val`: `torch.float32` tensors of 30 measurements per tumour, standardised with the
#   training set's mean and standard deviation;
# - `y_train`, `y_val`: NumPy arrays of labels, 1 = malignant, 0 = benign;
# - `COST_FN`, `COST_FP`: the cost of a false negative (10) and of a false positive (1);
# - `THRESHOLDS`: the candidate thresholds of question 4, 0.01, 0.02, …, 0.99;
# - `open_test_set()`: the test set, for question 5 only.
#
# It prints how many benign and malignant tumours each set holds: `[benign, malignant]`.

# %% [markdown] lang="zh-TW"
# ## 環境設定（鎖定）
# 下面的儲存格載入資料，並提供：
# - `X_train`、`X_val`：`torch.float32` 張量，每顆腫瘤 30 項測量值，已用訓練集的平均值和標準差標準化；
# - `y_train`、`y_val`：標籤的 NumPy 陣列，1 = 惡性，0 = 良性；
# - `COST_FN`、`COST_FP`：一次偽陰性的成本（10）和一次偽陽性的成本（1）；
# - `THRESHOLDS`：第 4 題的候選門檻值（threshold），0.01、0.02、…、0.99；
# - `open_test_set()`：測試集，只有第 5 題可以用。
#
# 它會印出每個資料集有幾顆良性、幾顆惡性腫瘤：`[良性, 惡性]`。

# %% role="locked" grade_id="setup"
import numpy as np
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch import nn

torch.set_num_threads(1)  # a model this small trains fastest on one thread, and the same way every run
COST_FN = 10.0  # a missed malignant tumour (false negative)
COST_FP = 1.0  # a false alarm (false positive)
THRESHOLDS = np.round(np.linspace(0.01, 0.99, 99), 2)


def load_splits(n_malignant=40, seed=0):
    """Breast-cancer data with malignant (label 1) made rare; training, validation and test sets, stratified."""
    X, target = load_breast_cancer(return_X_y=True)
    y = (target == 0).astype(np.int64)  # scikit-learn codes malignant as 0; here it is the positive class, 1
    rng = np.random.default_rng(seed)
    malignant = rng.choice(np.flatnonzero(y == 1), size=n_malignant, replace=False)
    keep = np.sort(np.concatenate([np.flatnonzero(y == 0), malignant]))
    X, y = X[keep], y[keep]
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=1 / 3, stratify=y_rest,
                                                      random_state=seed)
    scaler = StandardScaler().fit(X_train)  # fitted on the training set only
    X_train, X_val, X_test = (torch.tensor(scaler.transform(a), dtype=torch.float32) for a in (X_train, X_val, X_test))
    return (X_train, y_train), (X_val, y_val), (X_test, y_test)


(X_train, y_train), (X_val, y_val), _test_set = load_splits()


def open_test_set():
    """The test set, (X_test, y_test): call it once, in question 5, when everything else is chosen."""
    open_test_set.calls += 1
    return _test_set


open_test_set.calls = 0
print("np.bincount(y_train) =", np.bincount(y_train))
print("np.bincount(y_val)   =", np.bincount(y_val))

# %% [markdown] lang="en"
# ## The model and its training (given, locked)
# `train(X, y, loss_fn)` builds a small network (30 inputs, 8 hidden units, one logit), sets the seed,
# and trains it on all of `(X, y)` at once for 300 steps of Adam with the loss `loss_fn`; it returns the
# model. `probabilities(model, X)` returns P(malignant) for each row of `X`, as a NumPy array.

# %% [markdown] lang="zh-TW"
# ## 模型和它的訓練方式（已提供，鎖定）
# `train(X, y, loss_fn)` 建立一個小型網路（30 個輸入、8 個隱藏單元、一個 logit），設定隨機種子，
# 然後用損失函數 `loss_fn` 和 Adam 最佳化器，一次用上全部的 `(X, y)` 訓練 300 步，最後傳回模型。
# `probabilities(model, X)` 傳回 `X` 每一列是惡性的機率 P(惡性)，型別是 NumPy 陣列。

# %% role="locked" grade_id="given_model"
def train(X, y, loss_fn, seed=0, steps=300):
    """A small network (30 inputs, 8 hidden units, one logit) trained full-batch with Adam on loss_fn."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(X.shape[1], 8), nn.ReLU(), nn.Linear(8, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3)
    targets = torch.as_tensor(y, dtype=torch.float32)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(X).squeeze(1), targets)
        loss.backward()
        optimizer.step()
    return model


def probabilities(model, X):
    """P(malignant) for each row of X, as a NumPy array."""
    with torch.no_grad():
        return torch.sigmoid(model(X).squeeze(1)).numpy()

# %% [markdown] lang="en"
# ## Question 1 · `pos_weight` from the training labels (2 points)
# Write `pos_weight_for(y)`. For labels `y` (a NumPy array of 0s and 1s) it returns the `pos_weight`
# of `BCEWithLogitsLoss` that balances the two classes, n_negative / n_positive, as a `torch.float32`
# tensor of shape `(1,)`. It is the ratio w₁ / w₀ of the two weights that scikit-learn's
# `compute_class_weight("balanced", ...)` gives.
#
# If `y` holds no positive or no negative, the ratio has no meaning: raise a `ValueError` whose message
# says what is wrong and how to fix it.

# %% [markdown] lang="zh-TW"
# ## 第 1 題 · 從訓練集的標籤算出 `pos_weight`（2 分）
# 寫出函式 `pos_weight_for(y)`。輸入是標籤 `y`（由 0 和 1 組成的 NumPy 陣列），傳回讓兩個類別平衡的
# `BCEWithLogitsLoss` 參數 `pos_weight`，也就是 負類數量 / 正類數量，型別是形狀為 `(1,)` 的
# `torch.float32` 張量。它等於 scikit-learn 的 `compute_class_weight("balanced", ...)` 給出的兩個類別權重
# （class weight）的比值 w₁ / w₀。
#
# 如果 `y` 裡面沒有任何正類，或沒有任何負類，這個比值就沒有意義：這時要丟出 `ValueError`，
# 錯誤訊息要說明哪裡有問題、該怎麼修正。

# %% role="answer" grade_id="q1"
def pos_weight_for(y):
    ### BEGIN SOLUTION
    y = np.asarray(y)
    n_positive, n_negative = int((y == 1).sum()), int((y == 0).sum())
    if n_positive == 0 or n_negative == 0:
        raise ValueError(f"pos_weight needs both classes, but y has {n_negative} negatives and {n_positive} "
                         "positives: pass labels that hold both, such as the whole training set's.")
    return torch.tensor([n_negative / n_positive], dtype=torch.float32)
    ### END SOLUTION

# %% role="tests" grade_id="q1_tests" points=2
toy = np.array([0] * 8 + [1] * 2)  # lesson 01's example: 8 against 2
pw = pos_weight_for(toy)
assert isinstance(pw, torch.Tensor) and pw.dtype == torch.float32, type(pw)
assert pw.shape == (1,), pw.shape
assert torch.allclose(pw, torch.tensor([4.0])), pw
### BEGIN HIDDEN TESTS
from sklearn.utils.class_weight import compute_class_weight  # noqa: E402 (the hidden tests' own import)

rng = np.random.default_rng(1)
for n_negative, n_positive in [(9, 1), (50, 7), (357, 40), (3, 5)]:
    labels = rng.permutation(np.array([0] * n_negative + [1] * n_positive))
    w = compute_class_weight("balanced", classes=np.array([0, 1]), y=labels)
    assert torch.allclose(pos_weight_for(labels), torch.tensor([w[1] / w[0]], dtype=torch.float32))
for one_class in (np.zeros(6, dtype=np.int64), np.ones(6, dtype=np.int64)):
    try:
        pos_weight_for(one_class)
    except ValueError:
        pass
    else:
        raise AssertionError(f"pos_weight_for({one_class}): no ValueError / 沒有丟出 ValueError")
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Question 2 · The cost of a decision rule (2 points)
# Write `mean_cost(y_true, y_pred)`. Its inputs are the labels and the decisions (NumPy arrays of the
# same length, of 0s and 1s or of `False` and `True`); it returns the mean cost per sample as a Python
# float:
#
# $$\frac{\texttt{COST\_FN} \cdot \text{false negatives} + \texttt{COST\_FP} \cdot \text{false positives}}
# {\text{number of samples}}.$$

# %% [markdown] lang="zh-TW"
# ## 第 2 題 · 一條判定規則的成本（2 分）
# 寫出函式 `mean_cost(y_true, y_pred)`。輸入是標籤和判定結果（長度相同的 NumPy 陣列，元素是 0 和 1，
# 或 `False` 和 `True`），傳回每筆樣本的平均成本，型別是 Python 的 float：
#
# $$\frac{\texttt{COST\_FN} \cdot \text{偽陰性的數量} + \texttt{COST\_FP} \cdot \text{偽陽性的數量}}
# {\text{樣本數}}$$

# %% role="answer" grade_id="q2"
def mean_cost(y_true, y_pred):
    ### BEGIN SOLUTION
    y_true, y_pred = np.asarray(y_true).astype(bool), np.asarray(y_pred).astype(bool)
    false_negatives = int((y_true & ~y_pred).sum())
    false_positives = int((~y_true & y_pred).sum())
    return (COST_FN * false_negatives + COST_FP * false_positives) / len(y_true)
    ### END SOLUTION

# %% role="tests" grade_id="q2_tests" points=2
assert np.isclose(mean_cost(np.array([1, 1, 0, 0]), np.array([0, 1, 1, 0])), (10 + 1) / 4)
assert mean_cost(np.array([0, 1]), np.array([0, 1])) == 0
### BEGIN HIDDEN TESTS
from sklearn.metrics import confusion_matrix  # noqa: E402 (the hidden tests' own import)

rng = np.random.default_rng(2)
for n in (5, 40, 333):
    truth, decided = rng.integers(0, 2, n), rng.integers(0, 2, n)
    _tn, fp, fn, _tp = confusion_matrix(truth, decided, labels=[0, 1]).ravel()
    assert np.isclose(mean_cost(truth, decided), (10 * fn + 1 * fp) / n)
    assert np.isclose(mean_cost(truth, decided.astype(bool)), (10 * fn + 1 * fp) / n)
assert isinstance(mean_cost(truth, decided), float), type(mean_cost(truth, decided))
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Question 3 · Train with `pos_weight` (2 points)
# Make `loss_fn`, a `torch.nn.BCEWithLogitsLoss` whose `pos_weight` is `pos_weight_for(y_train)`
# (and whose reduction is the default, the mean). Then train `model = train(X_train, y_train, loss_fn)`
# with the default seed, and compute `p_val = probabilities(model, X_val)`.

# %% [markdown] lang="zh-TW"
# ## 第 3 題 · 用 `pos_weight` 訓練（2 分）
# 建立 `loss_fn`：一個 `torch.nn.BCEWithLogitsLoss`，它的 `pos_weight` 是 `pos_weight_for(y_train)`
# （彙總方式（reduction）用預設的平均 mean）。接著用預設的隨機種子訓練
# `model = train(X_train, y_train, loss_fn)`，再算出 `p_val = probabilities(model, X_val)`。

# %% role="answer" grade_id="q3"
### BEGIN SOLUTION
loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight_for(y_train))
model = train(X_train, y_train, loss_fn)
p_val = probabilities(model, X_val)
### END SOLUTION

# %% role="tests" grade_id="q3_tests" points=2
assert isinstance(loss_fn, nn.BCEWithLogitsLoss), type(loss_fn)
assert isinstance(p_val, np.ndarray) and p_val.shape == y_val.shape, p_val.shape
assert ((p_val >= 0) & (p_val <= 1)).all()
### BEGIN HIDDEN TESTS
from sklearn.utils.class_weight import compute_class_weight  # noqa: E402 (the hidden tests' own import)

w = compute_class_weight("balanced", classes=np.array([0, 1]), y=y_train)
expected_pw = torch.tensor([w[1] / w[0]], dtype=torch.float32)
assert loss_fn.pos_weight is not None and torch.allclose(loss_fn.pos_weight, expected_pw), loss_fn.pos_weight
assert loss_fn.reduction == "mean", loss_fn.reduction
reference = train(X_train, y_train, nn.BCEWithLogitsLoss(pos_weight=expected_pw))
assert np.allclose(p_val, probabilities(reference, X_val), atol=1e-5)
assert np.allclose(probabilities(model, X_val), probabilities(reference, X_val), atol=1e-5)
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Question 4 · Choose the threshold on validation (2 points)
# A threshold t turns probabilities into decisions: malignant when p ≥ t. Write `choose_threshold(p, y)`:
# of the candidates in `THRESHOLDS`, it returns the one with the lowest `mean_cost(y, p >= t)`, as a
# float; where several tie, the smallest of them. Then set `threshold` to the threshold it chooses on
# the validation set.

# %% [markdown] lang="zh-TW"
# ## 第 4 題 · 在驗證集上選門檻值（2 分）
# 門檻值 t 把機率變成判定：p ≥ t 就判為惡性。寫出函式 `choose_threshold(p, y)`：在 `THRESHOLDS`
# 的候選值中，傳回讓 `mean_cost(y, p >= t)` 最低的那一個，型別是 float；如果有好幾個一樣低，傳回其中最小的。
# 接著把 `threshold` 設為它在驗證集上選出的門檻值。

# %% role="answer" grade_id="q4"
def choose_threshold(p, y):
    ### BEGIN SOLUTION
    costs = [mean_cost(y, p >= t) for t in THRESHOLDS]
    return float(THRESHOLDS[int(np.argmin(costs))])  # argmin returns the first of equal costs
    ### END SOLUTION


### BEGIN SOLUTION
threshold = choose_threshold(p_val, y_val)
### END SOLUTION
print(f"threshold = {threshold:.2f}")

# %% role="tests" grade_id="q4_tests" points=2
assert np.isclose(choose_threshold(np.array([0.2, 0.6, 0.9]), np.array([0, 1, 1])), 0.21)
assert isinstance(threshold, float) and np.isclose(THRESHOLDS, threshold).any(), threshold
### BEGIN HIDDEN TESTS
from sklearn.metrics import confusion_matrix  # noqa: E402 (the hidden tests' own import)


def lowest_cost_threshold(p, y):
    costs = []
    for t in THRESHOLDS:
        _tn, fp, fn, _tp = confusion_matrix(y, (p >= t).astype(int), labels=[0, 1]).ravel()
        costs.append(10 * fn + 1 * fp)
    return THRESHOLDS[int(np.argmin(costs))]


rng = np.random.default_rng(3)
for n in (30, 200):
    labels = (rng.random(n) < 0.2).astype(int)
    scores = np.clip(0.35 * labels + 0.65 * rng.random(n), 0, 1)
    assert np.isclose(choose_threshold(scores, labels), lowest_cost_threshold(scores, labels))
assert open_test_set.calls == 0, "the test set was opened before question 5 / 第 5 題之前就打開了測試集"
assert np.isclose(threshold, lowest_cost_threshold(p_val, y_val)), "not chosen on validation / 不是在驗證集上選的"
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Question 5 · The test set, once (2 points)
# Now, and only now, open the test set: call `open_test_set()` once; it returns `(X_test, y_test)`.
# Compute `test_cost`, the mean cost on the test set of `model` with your `threshold`. This cell must
# not change `model` or `threshold`.

# %% [markdown] lang="zh-TW"
# ## 第 5 題 · 測試集，只用一次（2 分）
# 現在，也只有現在，才打開測試集：呼叫一次 `open_test_set()`，它會傳回 `(X_test, y_test)`。
# 算出 `test_cost`：`model` 搭配你的 `threshold`，在測試集上的平均成本。這個儲存格不可以改動 `model`
# 或 `threshold`。

# %% role="answer" grade_id="q5"
### BEGIN SOLUTION
X_test, y_test = open_test_set()
test_cost = mean_cost(y_test, probabilities(model, X_test) >= threshold)
### END SOLUTION
print(f"threshold = {threshold:.2f}   test_cost = {test_cost:.3f}")

# %% role="tests" grade_id="q5_tests" points=2
assert 0 <= test_cost <= COST_FN, test_cost
### BEGIN HIDDEN TESTS
from sklearn.metrics import confusion_matrix  # noqa: E402 (the hidden tests' own import)

assert open_test_set.calls == 1, f"open_test_set() × {open_test_set.calls}, not once / 不是只呼叫一次"
X_check, y_check = _test_set
_tn, fp, fn, _tp = confusion_matrix(y_check, (probabilities(model, X_check) >= threshold).astype(int),
                                  labels=[0, 1]).ravel()
assert np.isclose(test_cost, (10 * fn + 1 * fp) / len(y_check)), test_cost
### END HIDDEN TESTS

# %% [markdown] lang="en"
# ## Question 6 · Written answer (4 points, graded by your teacher)
# Answer in the cell below, in a few sentences for each part (150 to 250 words in all).
#
# a. For a model whose probabilities are calibrated, which threshold gives the lowest expected cost
#    with these two costs? Show why.
# b. Your model was trained with `pos_weight` = 178 / 20 = 8.9. Compare the `threshold` you chose with
#    your answer to (a), and explain the difference: what does `pos_weight` do to the predicted
#    probabilities?
# c. Why is the threshold chosen on the validation set and not on the test set? What would `test_cost`
#    mean if the threshold had been chosen on the test set?
# d. The validation set and the test set hold 10 malignant tumours each. By how much does one more
#    missed tumour change `test_cost`? What does that say about how precisely `test_cost` measures the
#    model?

# %% [markdown] lang="zh-TW"
# ## 第 6 題 · 文字回答（4 分，由老師評分）
# 請在下面的儲存格回答，每個小題寫幾句話（全部加起來大約 200 到 400 字）。
#
# a. 如果模型的機率已經校準（calibration），在這兩個成本之下，哪個門檻值的期望成本最低？請說明理由。
# b. 你的模型是用 `pos_weight` = 178 / 20 = 8.9 訓練的。把你選出的 `threshold` 和 (a) 的答案比較，
#    並解釋兩者為什麼不同：`pos_weight` 對模型預測的機率有什麼影響？
# c. 為什麼門檻值要在驗證集上選，而不是在測試集上選？如果門檻值是在測試集上選的，`test_cost` 代表的是什麼？
# d. 驗證集和測試集各有 10 顆惡性腫瘤。多漏掉一顆腫瘤，`test_cost` 會改變多少？
#    這說明 `test_cost` 衡量模型的精確程度如何？

# %% [markdown] role="manual" grade_id="q6" points=4 lang="en"
# *Model answer and rubric (the students' version replaces this cell with an empty answer).*
#
# a. Calling a sample benign costs 10 · p in expectation (a missed tumour, with probability p); calling it
#    malignant costs 1 · (1 − p). Malignant is cheaper when 10 p > 1 − p, that is p > 1 / 11 ≈ 0.09.
# b. `pos_weight` w multiplies the positives' term of the loss, so the fitted model's odds p / (1 − p) are
#    about w times the true odds: its probabilities of malignant are inflated. The calibrated threshold's
#    odds, 1 / 10, become w / 10 = 0.89, a threshold of w / (w + 10) ≈ 0.47. The threshold chosen on
#    validation lies near that value, not near 0.09; what remains is the noise of a validation set with 10
#    positives and a model that is not fitted exactly.
# c. The threshold is a knob. Chosen on the test set, it is fitted to those 100 samples, so `test_cost`
#    is optimistic and no longer estimates the cost on new patients. The validation set chooses; the test
#    set measures, once.
# d. The test set has 100 samples: one more missed tumour adds 10 / 100 = 0.1 to `test_cost`, and the
#    recall moves in steps of 0.1. The measurement is coarse: report it with that uncertainty (for
#    example a bootstrap interval, or several splits) and do not read much into small differences.
#
# **Rubric, 1 point per part:** (a) 1 / 11 with the expected-cost argument (the number alone: ½);
# (b) `pos_weight` inflates the positive class's probabilities (odds × w), so the best threshold on this
# model is higher than 1 / 11, related to the student's own value (w / (w + 10) is not required);
# (c) choosing on the test set makes its estimate optimistic, biased: choices on validation, the test set
# read once; (d) 0.1 per missed tumour, so the estimate is coarse or uncertain, with a remedy or a
# caution (the number alone: ½).

# %% [markdown] role="manual" grade_id="q6" points=4 lang="zh-TW"
# *參考答案和評分標準（學生版會把這個儲存格換成空白的作答區）。*
#
# a. 把一筆樣本判為良性，期望成本是 10 · p（有 p 的機率漏掉一顆惡性腫瘤）；判為惡性，期望成本是 1 · (1 − p)。
#    當 10 p > 1 − p，也就是 p > 1 / 11 ≈ 0.09 時，判為惡性比較便宜。
# b. `pos_weight` w 把正類那一項損失乘上 w，所以訓練出來的模型，勝算（odds）p / (1 − p) 大約是真實勝算的
#    w 倍：它給惡性的機率被放大了。校準後的門檻值對應的勝算 1 / 10，變成 w / 10 = 0.89，也就是門檻值
#    w / (w + 10) ≈ 0.47。在驗證集上選出的門檻值就落在這個值附近，而不是 0.09 附近；剩下的差距，來自只有
#    10 筆陽性的驗證集的雜訊，以及模型沒有完全擬合。
# c. 門檻值是一個可調設定。在測試集上選，它就是針對那 100 筆樣本調出來的，`test_cost` 會過度樂觀，
#    不再能估計模型用在新病人身上的成本。驗證集負責做選擇；測試集負責衡量，而且最後才用測試集評估一次。
# d. 測試集有 100 筆樣本：多漏掉一顆腫瘤，`test_cost` 就增加 10 / 100 = 0.1，召回率也是以 0.1 為單位在變。
#    這個衡量很粗略：報告時要附上這個不確定性（例如 bootstrap 信賴區間，或多做幾次資料切分），
#    也不要過度解讀小小的差異。
#
# **評分標準，每小題 1 分：** (a) 答出 1 / 11 並用期望成本說明理由（只有數字：½ 分）；
# (b) `pos_weight` 放大了正類的機率（勝算 × w），所以這個模型的最佳門檻值比 1 / 11 高，並和學生自己選出的值
# 對照（不要求寫出 w / (w + 10)）；(c) 在測試集上選會讓測試集的估計過度樂觀、有偏差：在驗證集上做選擇，
# 最後才用測試集評估一次；(d) 每漏掉一顆是 0.1，所以估計很粗略、不確定，並提出補救方法或提醒
# （只有數字：½ 分）。
