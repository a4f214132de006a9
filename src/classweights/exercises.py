"""Self-checked exercises: ``cw.check("01.1", answer)`` says whether an answer is right and, if not, why.

Every check computes the right answer itself (nothing is stored), then compares.
A check returns True or False and prints one message in the lesson's language.
"""

from __future__ import annotations

import math
from typing import Any, Callable

import torch

from . import i18n

MESSAGES = {
    "en": {
        "unanswered": "Not answered yet: replace the None in the cell above with your answer, then run the cell again.",
        "not_numbers": "Expected {n} number(s), got {got!r}.",
        "not_callable": "Expected a function (def ... or lambda ...), got {got!r}.",
        "crashed": "Your function raised {err}: {msg}",
        "nonpositive": "Weights must be positive numbers: a weight of 0 removes a class from the loss, a negative one makes its loss a reward.",
        "ok": "Correct! {why}",
        # 01.1
        "01.1_ok": "The weight ratio class 1 / class 0 is {ratio:.3g}, the count ratio 8 / 2, so weight x count is the same for both classes.",
        "01.1_low": "Class 0's bar is still taller: your ratio w1 / w0 is {ratio:.3g}; it must equal the count ratio 8 / 2.",
        "01.1_high": "Now class 1's bar is taller: your ratio w1 / w0 is {ratio:.3g}, more than the count ratio 8 / 2.",
        # 01.2
        "01.2_ok": "With balanced weights, the sum of the targets' weights is 8 x 0.625 + 2 x 2.5 = N.",
        "01.2_k": "{got:g} is the number of classes. 'mean' divides by the sum over the samples of each target's weight.",
        "01.2_w": "{got:g} is the sum of the two weights, each counted once. Count each weight once per sample of its class.",
        "01.2_other": "{got:g} is not it. Add up weight[y_i] over the ten samples.",
        # 02.1
        "02.1_ok": "Class {answer} has the lowest held-out recall without weights: the model swallows it into class 0 most often.",
        "02.1_zero": "Class 0 is the majority class: without weights its recall is the highest, not the lowest.",
        "02.1_other": "Class {got} is not the lowest. Look at the 'recall' rows of the 'no weights' column.",
        "02.1_range": "Give a class index, 0, 1 or 2.",
        # 02.2
        "02.2_ok": "These are N / (K x count) = 1000 / (3 x count), the 'balanced' weights.",
        "02.2_inverse": "These are 1 / count. Balanced weights are (N / K) / count: multiply by N / K = 1000 / 3.",
        "02.2_shape": "Give three weights, one per class.",
        "02.2_ratio": "The ratios are right but the scale is not: balanced weights are N / (K x count) exactly.",
        "02.2_other": "Not the balanced weights. Compute N / (K x count) with N = 1000 and K = 3.",
        # 03.1
        "03.1_ok": "(800 + s) / (100 + s) = 2 gives s = 600: the smoothing factor has to be of the size of the counts to matter.",
        "03.1_low": "With s = {got:g} the ratio (800 + s) / (100 + s) is {ratio:.3g}, still above 2: s must be larger.",
        "03.1_high": "With s = {got:g} the ratio (800 + s) / (100 + s) is {ratio:.3g}, below 2: s must be smaller.",
        "03.1_negative": "The smoothing factor cannot be negative.",
        # 03.2
        "03.2_ok": "Right: 'mean' divides by the sum of the targets' weights, so a common factor cancels.",
        "03.2_wrong": "Try it: the common factor multiplies both the weighted sum and the sum of the targets' weights, so it cancels.",
        "bool": "Answer True or False.",
        # 04.1
        "04.1_ok": "Your rule is finite when a class is missing and keeps the ratios of 1 / count for the classes present.",
        "04.1_inf": "On a batch without class {c} your rule gives {value}: a missing class must get a finite weight.",
        "04.1_shape": "Your rule must return one weight per class ({k} numbers), got shape {shape}.",
        "04.1_ratio": "For the classes present, the ratios of your weights must be those of 1 / count (batch {labels}).",
        # 05.1
        "05.1_ok": "1 / sqrt(count): the ratio between the classes is the square root of the count ratio.",
        "05.1_inverse": "These are 1 / count. Take the square root of each count first.",
        "05.1_other": "Not 1 / sqrt(count) for counts [1000, 10, 10].",
        # 05.2
        "05.2_ok": "Logit adjustment subtracts tau x log(prior) from the logits: rare classes get a boost of about {boost:.2f}.",
        "05.2_sign": "The sign is flipped: post-hoc logit adjustment predicts argmax(logits - tau x log(prior)).",
        "05.2_other": "Not tau x log(prior) for counts [1000, 10, 10] and tau = 1 (prior = count / total).",
        # 06.1
        "06.1_ok": "Your loss is 0 when every target is ignored, and equals CrossEntropyLoss otherwise.",
        "06.1_nan": "When every target is ignore_index your loss is {value}: return 0 (or skip the batch) instead of 0 / 0.",
        "06.1_wrong": "When some targets are kept your loss is {value:.4f}, but CrossEntropyLoss gives {expected:.4f}.",
        # 06.2
        "06.2_ok": "Right: the oversampler already balances the classes; class weights on top count the imbalance twice.",
        "06.2_wrong": "Not this one. Weighting the loss and oversampling each make up for the imbalance once; doing both makes up for it twice.",
        "choice": "Answer with one of the letters {choices}.",
    },
    "zh-TW": {
        "unanswered": "還沒有作答：把上面儲存格中的 None 換成你的答案，再執行一次。",
        "not_numbers": "需要 {n} 個數字，收到的是 {got!r}。",
        "not_callable": "需要一個函式（def ... 或 lambda ...），收到的是 {got!r}。",
        "crashed": "你的函式發生錯誤 {err}：{msg}",
        "nonpositive": "權重必須是正數：權重為 0 等於把這個類別從損失中拿掉，負的權重則會讓它的損失變成獎勵。",
        "ok": "答對了！{why}",
        "01.1_ok": "類別 1 / 類別 0 的權重比例是 {ratio:.3g}，等於筆數的比例 8 / 2，所以兩個類別的「權重 × 筆數」相同。",
        "01.1_low": "類別 0 的長條還是比較高：你的權重比例 w1 / w0 是 {ratio:.3g}，必須等於筆數的比例 8 / 2。",
        "01.1_high": "現在換成類別 1 的長條比較高：你的權重比例 w1 / w0 是 {ratio:.3g}，比筆數的比例 8 / 2 還大。",
        "01.2_ok": "用平衡權重時，目標標籤的權重總和是 8 × 0.625 + 2 × 2.5 = N。",
        "01.2_k": "{got:g} 是類別數。`mean` 除以的是每筆資料目標標籤所對應權重的總和。",
        "01.2_w": "{got:g} 是兩個權重各算一次的總和。每個權重要按該類別的資料筆數各算一次。",
        "01.2_other": "{got:g} 不對。把 10 筆資料的 weight[y_i] 全部加起來。",
        "02.1_ok": "不加權時，類別 {answer} 在測試資料上的召回率最低：模型最常把它誤判成類別 0。",
        "02.1_zero": "類別 0 是多數類別：不加權時它的召回率是最高的，不是最低的。",
        "02.1_other": "類別 {got} 不是最低的。看看「不加權」那一欄的召回率。",
        "02.1_range": "請填類別編號 0、1 或 2。",
        "02.2_ok": "這就是 N / (K × count) = 1000 / (3 × count)，也就是平衡（balanced）權重。",
        "02.2_inverse": "這是 1 / count。平衡權重是 (N / K) / count：要再乘上 N / K = 1000 / 3。",
        "02.2_shape": "請給三個權重，每個類別一個。",
        "02.2_ratio": "比例對了，但大小不對：平衡權重正好是 N / (K × count)。",
        "02.2_other": "這不是平衡權重。用 N = 1000、K = 3 計算 N / (K × count)。",
        "03.1_ok": "(800 + s) / (100 + s) = 2 得到 s = 600：平滑因子要和筆數同一個量級才會有作用。",
        "03.1_low": "s = {got:g} 時，比例 (800 + s) / (100 + s) 是 {ratio:.3g}，還大於 2：s 要再大一點。",
        "03.1_high": "s = {got:g} 時，比例 (800 + s) / (100 + s) 是 {ratio:.3g}，已經小於 2：s 要小一點。",
        "03.1_negative": "平滑因子不能是負數。",
        "03.2_ok": "沒錯：`mean` 會除以目標標籤的權重總和，共同的倍數會被約掉。",
        "03.2_wrong": "實際試試看：共同的倍數同時乘在加權總和和目標標籤的權重總和上，所以會被約掉。",
        "bool": "請回答 True 或 False。",
        "04.1_ok": "你的規則在類別缺少時仍是有限值，而且對出現的類別保持 1 / count 的比例。",
        "04.1_inf": "在沒有類別 {c} 的批次上，你的規則給出 {value}：缺少的類別必須得到有限的權重。",
        "04.1_shape": "你的規則必須為每個類別回傳一個權重（{k} 個數字），收到的形狀是 {shape}。",
        "04.1_ratio": "對批次中出現的類別，權重之間的比例必須和 1 / count 相同（批次 {labels}）。",
        "05.1_ok": "1 / sqrt(count)：類別之間的權重比例是筆數比例的平方根。",
        "05.1_inverse": "這是 1 / count。要先對每個筆數開平方根。",
        "05.1_other": "這不是筆數 [1000, 10, 10] 的 1 / sqrt(count)。",
        "05.2_ok": "logit 調整會從 logits 減去 tau × log(prior)：少數類別大約被加了 {boost:.2f}。",
        "05.2_sign": "正負號反了：事後（post-hoc）logit 調整是預測 argmax(logits - tau × log(prior))。",
        "05.2_other": "這不是筆數 [1000, 10, 10]、tau = 1 時的 tau × log(prior)（prior = 筆數 / 總數）。",
        "06.1_ok": "所有目標標籤都被忽略時，你的損失是 0；其他情況則和 CrossEntropyLoss 相同。",
        "06.1_nan": "所有目標標籤都是 ignore_index 時，你的損失是 {value}：應該回傳 0（或跳過這個批次），而不是 0 / 0。",
        "06.1_wrong": "有保留目標標籤時，你的損失是 {value:.4f}，但 CrossEntropyLoss 算出 {expected:.4f}。",
        "06.2_ok": "沒錯：過抽樣器已經讓各類別出現的次數平衡了，再加上類別權重就把不平衡補償了兩次。",
        "06.2_wrong": "不是這個。加權損失和過抽樣各自都會補償一次不平衡；兩者一起用就補償了兩次。",
        "choice": "請用這些字母之一作答：{choices}。",
    },
}


class _Verdict(Exception):
    def __init__(self, ok: bool, key: str, **fields):
        self.ok, self.key, self.fields = ok, key, fields


def _fail(key: str, **fields):
    raise _Verdict(False, key, **fields)


def _numbers(answer: Any, n: int) -> list[float]:
    try:
        values = [float(v) for v in torch.as_tensor(answer, dtype=torch.float64).reshape(-1)]
    except (TypeError, ValueError, RuntimeError):
        _fail("not_numbers", n=n, got=answer)
    if len(values) != n or not all(math.isfinite(v) for v in values):
        _fail("not_numbers", n=n, got=answer)
    return values


def _close(a, b, rel=1e-3) -> bool:
    return all(math.isclose(x, y, rel_tol=rel, abs_tol=1e-9) for x, y in zip(a, b))


# -- the checks: each returns the "why" message key (and fields) of a right answer, or raises _fail ------------------

def _ex_01_1(answer):
    w0, w1 = _numbers(answer, 2)
    if w0 <= 0 or w1 <= 0:
        _fail("nonpositive")
    ratio = w1 / w0
    if math.isclose(ratio, 4.0, rel_tol=0.01):
        return "01.1_ok", {"ratio": ratio}
    _fail("01.1_low" if ratio < 4 else "01.1_high", ratio=ratio)


def _ex_01_2(answer):
    (got,) = _numbers(answer, 1)
    from .weights import balanced

    targets = torch.tensor([0] * 8 + [1] * 2)
    w = balanced(torch.bincount(targets).float())
    expected = float(w[targets].sum())
    if math.isclose(got, expected, rel_tol=1e-3):
        return "01.2_ok", {}
    if math.isclose(got, 2.0):
        _fail("01.2_k", got=got)
    if math.isclose(got, float(w.sum()), rel_tol=1e-3):
        _fail("01.2_w", got=got)
    _fail("01.2_other", got=got)


def _blobs_plain_recall():
    from .training import evaluate, imbalanced_blobs, train

    X, y = imbalanced_blobs(seed=0)
    Xt, yt = imbalanced_blobs(seed=1)
    return evaluate(train(X, y, seed=0), Xt, yt)["recall"]


def _ex_02_1(answer):
    if isinstance(answer, bool) or not isinstance(answer, int) and not (isinstance(answer, float) and answer.is_integer()):
        _fail("02.1_range")
    got = int(answer)
    if got not in (0, 1, 2):
        _fail("02.1_range")
    recall = _blobs_plain_recall()
    lowest = min(range(3), key=lambda c: recall[c])
    if got == lowest:
        return "02.1_ok", {"answer": lowest}
    _fail("02.1_zero" if got == 0 else "02.1_other", got=got)


def _ex_02_2(answer):
    try:
        got = _numbers(answer, 3)
    except _Verdict:
        _fail("02.2_shape")
    counts = [800.0, 100.0, 100.0]
    expected = [1000 / (3 * c) for c in counts]
    if _close(got, expected):
        return "02.2_ok", {}
    if _close(got, [1 / c for c in counts]):
        _fail("02.2_inverse")
    if got[0] > 0 and _close([g / got[0] for g in got], [e / expected[0] for e in expected]):
        _fail("02.2_ratio")
    _fail("02.2_other")


def _ex_03_1(answer):
    (s,) = _numbers(answer, 1)
    if s < 0:
        _fail("03.1_negative")
    ratio = (800 + s) / (100 + s)
    if math.isclose(ratio, 2.0, rel_tol=2e-3):
        return "03.1_ok", {}
    _fail("03.1_low" if ratio > 2 else "03.1_high", got=s, ratio=ratio)


def _ex_03_2(answer):
    if not isinstance(answer, bool):
        _fail("bool")
    gen = torch.Generator().manual_seed(0)
    logits, targets, w = torch.randn(20, 3, generator=gen), torch.randint(0, 3, (20,), generator=gen), torch.rand(3, generator=gen) + 0.1
    changes = not torch.allclose(torch.nn.CrossEntropyLoss(weight=w)(logits, targets),
                                 torch.nn.CrossEntropyLoss(weight=10 * w)(logits, targets))
    if answer == changes:
        return "03.2_ok", {}
    _fail("03.2_wrong")


def _ex_04_1(rule):
    if not callable(rule):
        _fail("not_callable", got=rule)
    batches = [torch.tensor([0, 0, 0, 1, 1, 2]), torch.tensor([0, 0, 0, 0, 1]), torch.tensor([0, 2, 2]), torch.tensor([1, 1])]
    for labels in batches:
        try:
            w = torch.as_tensor(rule(labels), dtype=torch.float64)
        except Exception as err:  # the learner's code: report whatever it raised
            _fail("crashed", err=type(err).__name__, msg=str(err))
        if w.shape != (3,):
            _fail("04.1_shape", k=3, shape=tuple(w.shape))
        counts = torch.bincount(labels, minlength=3).double()
        for c in range(3):
            if not math.isfinite(float(w[c])):
                _fail("04.1_inf", c=c, value=float(w[c]))
        present = counts > 0
        expected = 1 / counts[present]
        got = w[present]
        if (got <= 0).any():
            _fail("nonpositive")
        if not _close((got / got[0]).tolist(), (expected / expected[0]).tolist()):
            _fail("04.1_ratio", labels=labels.tolist())
    return "04.1_ok", {}


def _ex_05_1(answer):
    got = _numbers(answer, 3)
    counts = [1000.0, 10.0, 10.0]
    if _close(got, [c ** -0.5 for c in counts]):
        return "05.1_ok", {}
    if _close(got, [1 / c for c in counts]):
        _fail("05.1_inverse")
    _fail("05.1_other")


def _ex_05_2(answer):
    from .weights import logit_adjustment

    got = _numbers(answer, 3)
    expected = logit_adjustment([1000.0, 10.0, 10.0], tau=1.0).tolist()
    if _close(got, expected):
        return "05.2_ok", {"boost": expected[0] - expected[1]}
    if _close([-g for g in got], expected):
        _fail("05.2_sign")
    _fail("05.2_other")


def _ex_06_1(fn):
    if not callable(fn):
        _fail("not_callable", got=fn)
    gen = torch.Generator().manual_seed(0)
    logits = torch.randn(6, 3, generator=gen)
    cases = [torch.tensor([-100] * 6), torch.tensor([0, -100, 2, 1, -100, 0])]
    for targets in cases:
        try:
            value = float(fn(logits, targets))
        except Exception as err:  # the learner's code
            _fail("crashed", err=type(err).__name__, msg=str(err))
        kept = targets != -100
        if not kept.any():
            if not math.isfinite(value) or value != 0:
                _fail("06.1_nan", value=value)
        else:
            expected = float(torch.nn.CrossEntropyLoss()(logits, targets))
            if not math.isclose(value, expected, rel_tol=1e-4):
                _fail("06.1_wrong", value=value, expected=expected)
    return "06.1_ok", {}


def _ex_06_2(answer):
    choices = ("a", "b", "c")
    if not isinstance(answer, str) or answer.strip().lower() not in choices:
        _fail("choice", choices=", ".join(choices))
    if answer.strip().lower() == "b":
        return "06.2_ok", {}
    _fail("06.2_wrong")


EXERCISES: dict[str, Callable[[Any], tuple[str, dict]]] = {
    "01.1": _ex_01_1, "01.2": _ex_01_2, "02.1": _ex_02_1, "02.2": _ex_02_2, "03.1": _ex_03_1, "03.2": _ex_03_2,
    "04.1": _ex_04_1, "05.1": _ex_05_1, "05.2": _ex_05_2, "06.1": _ex_06_1, "06.2": _ex_06_2,
}


def verdict(exercise: str, answer: Any, lang: str | None = None) -> tuple[bool, str]:
    """Check an answer without printing: ``(is_right, message)``."""
    if exercise not in EXERCISES:
        raise ValueError(f"no exercise {exercise!r}; there are {', '.join(EXERCISES)}.")
    text = MESSAGES[i18n.get_language(lang)]
    if answer is None:
        return False, text["unanswered"]
    try:
        key, fields = EXERCISES[exercise](answer)
    except _Verdict as v:
        return v.ok, text[v.key].format(**v.fields)
    return True, text["ok"].format(why=text[key].format(**fields))


def check(exercise: str, answer: Any, lang: str | None = None) -> None:
    """Print whether ``answer`` to exercise ``exercise`` (e.g. "01.1") is right, and why not.

    Returns nothing, so a notebook cell shows only the message (use :func:`verdict` in code).
    """
    ok, message = verdict(exercise, answer, lang)
    print(("✏️ " if answer is None else "✅ " if ok else "❌ ") + message)
