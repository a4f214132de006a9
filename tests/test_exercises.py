import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import classweights as cw
from classweights.exercises import EXERCISES, verdict

ROOT = Path(__file__).resolve().parents[1]

# Lesson 01's "unsure" logits: 8 samples of class 0 at (0.6931, -0.6931), 2 of class 1 at (-0.2, 0.2)
UNSURE_LOGITS = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.2, 0.2]] * 2)
UNSURE_TARGETS = torch.tensor([0] * 8 + [1] * 2)


def unsure_ratio():
    """w1 / w0 that makes the two classes' parts equal under "sum": (8 l0) / (2 l1), from torch's cross_entropy."""
    ce = F.cross_entropy(UNSURE_LOGITS, UNSURE_TARGETS, reduction="none")
    return float(ce[UNSURE_TARGETS == 0].sum() / ce[UNSURE_TARGETS == 1].sum())


def lesson_09_ratio():
    """Lesson 09's label 2: own n_neg / n_pos over the pooled ratio of all (sample, label) pairs, counted in NumPy."""
    gen = torch.Generator().manual_seed(0)
    features = torch.randn(4000, 3, generator=gen)
    Y = (torch.rand(4000, 3, generator=gen) < torch.sigmoid(2.0 * features + torch.tensor([-1.0, -3.0, -4.5])))
    Y = Y[:3000].numpy()
    pos = Y.sum(axis=0)
    own = (len(Y) - pos[2]) / pos[2]
    pooled = (Y.size - pos.sum()) / pos.sum()
    return float(own / pooled)


def lesson_09_pixel_factor():
    """Lesson 09's pixels: torch's CrossEntropyLoss(weight, ignore_index=255) over a hand-written mean of w x loss
    with weight 0 on the ignored pixels; the exercise's weights [1, 5, 10]."""
    gen = torch.Generator().manual_seed(1)
    logits = torch.randn(2, 3, 6, 6, generator=gen)
    y = torch.multinomial(torch.tensor([0.75, 0.2, 0.05]), 72, replacement=True, generator=gen).reshape(2, 6, 6)
    y[:, :2, :2] = 255
    kept = y != 255
    w = torch.tensor([1.0, 5.0, 10.0])
    ce = F.cross_entropy(logits, y, weight=w, ignore_index=255)
    by_hand = (w[y.clamp(max=2)] * kept * F.cross_entropy(logits, y.clamp(max=2), reduction="none")).mean()
    return float(ce / by_hand)


RIGHT = {
    # 5, 3 and 2 samples, equal losses: weights proportional to 1 / count (by hand: 30 / count = 6, 10, 15)
    "01.1": [[6.0, 10.0, 15.0], (1 / 5, 1 / 3, 1 / 2), torch.tensor([10 / 15, 10 / 9, 10 / 6])],
    "01.2": [18, 18.0],
    "01.3": [[1.0, unsure_ratio()], [0.625, 0.625 * unsure_ratio() * 1.005]],
    "02.1": [False],  # worked out in test_02_1_the_gap_between_the_minority_recalls_is_not_systematic
    "02.2": [[1000 / 2400, 1000 / 300, 1000 / 300], torch.tensor([1000 / 2400, 10 / 3, 10 / 3])],
    "02.3": [0],
    "03.1": [600, 600.0, 600.4],  # by hand: 800 + s = 2 (100 + s)
    # halving every weight halves a 'sum' loss and its gradient: plain SGD needs twice the learning rate, 0.01 x 2
    "03.2": [0.02, 0.020001],
    "03.3": [0.9, 0.88],
    # a missing class gets 0, or the largest weight present (the rarest present class's, as in lesson 03)
    "04.1": [lambda y: (1.0 / (torch.bincount(y, minlength=3).float() + 1e-12)).where(
                 torch.bincount(y, minlength=3) > 0, torch.zeros(3)),
             lambda y: (lambda w: torch.where(torch.isinf(w), w[~torch.isinf(w)].max(), w))(
                 1.0 / torch.bincount(y, minlength=3).float())],
    "04.2": [31 / 76, 0.408],
    "05.1": [[0.05, 0.1, 0.2]],
    # 0.5 * ln(prior), priors 0.9, 0.09, 0.01: -0.0527, -1.2040, -2.3026
    "05.2": [[0.5 * math.log(n / 1000) for n in (900, 90, 10)], [-0.053, -1.204, -2.303]],
    "05.3": [0.1 / (1 - 0.9**10) / (0.1 / (1 - 0.9**1000)), 1.535],
    "06.1": [lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any() else logits.sum() * 0.0,
             lambda logits, t: (logits * 0.0).sum() if (t == -100).all() else torch.nn.CrossEntropyLoss()(logits, t)],
    "06.2": ["c", " C "],
    "06.3": [8, 8.0],
    "07.1": [math.log(104 / 10), 2.342],
    "07.2": [104 / 5, 20.8],  # ratio 20: n_0 = 104, n_9 = int(104 / 20) = 5
    "07.3": [0.776, 0.78],  # worked out in test_07_3_is_the_lower_end_of_the_paired_t_interval
    "08.1": [[3, 1.4], (3.0, (8 + 2 * 3) / 10)],  # by hand: [2, 6] is [1, 3]; factor sum(w[y]) / N = 14 / 10
    "08.2": [0.25, 0.2504],
    "08.3": [1 / 6, 0.1667],  # by hand: q > 1 / 21 on the corrected odds; raw odds 4 x q / (1 - q) > 4 / 20
    "08.4": ["bc", " B, c "],
    "09.1": [lesson_09_ratio(), 4.15],  # worked out by counting in lesson_09_ratio
    "09.2": [lesson_09_pixel_factor(), 72 / 124],  # torch's losses; by hand 72 / (54 x 1 + 6 x 5 + 4 x 10)
}

WRONG = {  # typical mistakes, each with a word the explanation must contain
    "01.1": [([1.0, 1.0, 1.0], "class 0's part is the largest"), ([5.0, 3.0, 2.0], "grow with the counts"),
             ([1.0, 2.0, 6.0], "class 2's part is the largest"), ([6.0, 10.0, 16.0], "the largest"),
             ([0.625, 2.5], "3 number"), ([1.0, 4.0, 4.0], "class 1's part is the largest and class 0's the smallest"),
             ([3.0, 2.0, 1.0], "class 0's part is the largest"),  # shrinks with the count, not as 1 / count
             ([0.0, 1.0, 1.0], "positive"), ("a", "number")],
    "01.2": [(10, "number of samples"), (3, "number of classes"), (9, "each counted once"), (5, "Add up")],
    "01.3": [([1.0, 4.0], "counts, not the losses"), ([0.625, 2.5], "counts, not the losses"),
             ([1.0, 1.0], "too small"), ([1.0, 3.0], "too large"), ([1.0, -2.0], "positive")],
    "02.1": [(True, "Not what the splits show"), (1, "True or False"), ("no", "True or False")],
    "02.2": [([1 / 800, 1 / 100, 1 / 100], "1 / count"), ([1, 8, 8], "scale"), ([1, 2], "three weights"),
             ([1, 2, 3], "Not the balanced")],
    "02.3": [(1, "drops less"), (2, "class index"), (0.5, "class index")],
    "03.1": [(0.1, "larger"), (1000, "smaller"), (-5, "negative"), (597.5, "larger"), (603, "smaller")],
    "03.2": [(0.01, "holds for 'mean'"), (0.005, "other way round"), (0.04, "Not it"), (-0.02, "positive"),
             ("no", "number")],
    "03.3": [(0.76, "Too low"), (0.839, "Too low"), (0.99, "Too high"), (1.5, "between 0 and 1")],
    "04.1": [(lambda y: 1.0 / torch.bincount(y, minlength=3).float(), "finite"),
             (lambda y: torch.ones(3), "ratios"),
             (lambda y: torch.ones(2), "one weight per class"),
             (lambda y: torch.where(torch.bincount(y, minlength=3) > 0,
                                    1.0 / torch.bincount(y, minlength=3).clamp(min=1), -1.0), "negative weight"),
             (lambda y: 1 / 0, "ZeroDivisionError"),
             (lambda y: 1 / (torch.bincount(y, minlength=3).float() + 1e-8), "lesson 03"),  # a missing class gets 1e8
             (lambda y: cw.safe_batch_weights(y, 3, smoothing=1e-9), "lesson 03"),  # about 1e9
             (lambda y: torch.where(torch.bincount(y, minlength=3) > 0,
                                    1.0 / torch.bincount(y, minlength=3).clamp(min=1), 1e6), "lesson 03"),
             ([1, 2, 3], "function")],
    "04.2": [(0.5, "1 / count"), (31 / 3, "ratio w1 / w0"), (15, "ratio w1 / w0"), (2 / 32, "without weights"),
             (40.8, "between 0 and 1"), (0.3, "not it")],
    "05.1": [([1 / 400, 1 / 100, 1 / 25], "1 / count"), ([1000 ** -0.5, 0.1**0.5, 0.1**0.5], "Not 1 / sqrt"),
             ([1, 2, 4], "Right ratios"), ([0.5, 1.0, 2.0], "Right ratios"),
             ([1, 1, 1], "Not 1 / sqrt")],
    "05.3": [(100, "1 / count"), (10, "1 / sqrt(count)"), (1.0, "not it"),
             ((1 - 0.9**10) / (1 - 0.9**1000), "upside down")],
    "05.2": [([-0.5 * math.log(n / 1000) for n in (900, 90, 10)], "sign"),
             ([math.log(n / 1000) for n in (900, 90, 10)], "tau = 1"),
             ([0.5 * math.log(n) for n in (900, 90, 10)], "log(count)"),
             ([math.log(n / 1020) for n in (1000, 10, 10)], "Not tau"), ([0, 0, 0], "Not tau")],
    "06.1": [(lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t), "0 / 0"),
             (lambda logits, t: logits.sum() * 0.0, "CrossEntropyLoss gives"),
             (lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any() else 0.0, "not a tensor"),
             (lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any() else torch.tensor(0.0),
              "not computed from the logits"),
             (lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any()
              else torch.zeros((), requires_grad=True), "not computed from the logits")],
    "06.2": [("a", "twice"), ("b", "more than one correction"), ("d", "letters")],
    "06.3": [(1, "one correction"), (64, "too much"), (1 / 8, "divided by"), (4, "not it")],
    "07.1": [(math.log(10), "nominal"), (10.4, "log of that ratio"), (-math.log(10.4), "positive number"),
             (1.0, "not it")],
    "07.2": [(20, "nominal"), (52, "ratio 50"), (10.4, "ratio 10"), (5 / 104, "w_0 / w_9"),
             (math.log(20.8), "Weights multiply"), (26, "not it")],
    "07.3": [(-2.83, "unrelated runs"), (0.88, "population standard deviation"), (1.065, "1.96"),
             (0.849, "5 degrees of freedom"), (-0.44, "square root"), (2.744, "upper end"), (1.76, "mean difference"),
             (-2.744, "sign"), (0.5, "not it"), ("x", "number")],
    "08.1": [([6, 1.4], "CE weight itself"), ([1 / 3, 1.4], "negatives' weight over"), ([2, 1.4], "is not it"),
             ([3, 2.8], "CE's own weights"), ([3, 1.0], "not 1"), ([3, 1 / 1.4], "CE's loss over BCE's"),
             ([3, 2.0], "is not it"), (3, "number"), ("x", "number")],
    "08.2": [(0.75, "own probability"), (6.75 / 7, "multiplies"), (0.75 / 9, "renormalise"), (1.5, "between 0 and 1"),
             (0.5, "not it")],
    "08.3": [(1 / 21, "corrected probability"), (0.2, "ignores the clinic's costs"), (0.5, "argmax"),
             (1 / 81, "instead of dividing"), (20 / 21, "above 0.5"), (-0.1, "between 0 and 1"), (0.3, "not it")],
    "09.1": [(4.886 / 20.277, "other way round"), (20.277, "label 2's own"), (4.886, "pooled weight itself"),
             (1.0, "most positives"), (3.0, "not it"), ("x", "number")],
    "09.2": [(1.0, "divisors are not"), (124 / 72, "other way round"), (72 / 64, "not the summed weights"),
             (72, "a divisor"), (124, "a divisor"), (64, "a divisor"), (0.5, "not it")],
    "08.4": [("cc", "Model A: moving the threshold"), ("ac", "Model A: retraining"), ("dc", "Model A: a mean"),
             ("ba", "Model B: weights would inflate"), ("bb", "Model B: cw.unweight_probabilities"),
             ("bd", "Model B: finding 40%"), ("b", "two letters"), ("bx", "two letters"), (2, "two letters")],
}


def test_every_exercise_has_right_and_wrong_answers_tested():
    assert set(RIGHT) == set(EXERCISES) == set(WRONG)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_right_answers_are_accepted(exercise):
    for answer in RIGHT[exercise]:
        ok, message = verdict(exercise, answer, "en")
        assert ok, message
        assert message.startswith("Correct!")


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_typical_wrong_answers_are_rejected_with_a_reason(exercise):
    for answer, reason in WRONG[exercise]:
        ok, message = verdict(exercise, answer, "en")
        assert not ok, (answer, message)
        assert reason in message, (answer, message)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_unanswered_and_chinese_messages(exercise, capsys):
    assert cw.check(exercise, None) is None
    assert "Not answered yet" in capsys.readouterr().out
    cw.check(exercise, RIGHT[exercise][0])
    assert capsys.readouterr().out.startswith("✅ Correct!")
    ok, message = verdict(exercise, RIGHT[exercise][0], "zh-TW")
    assert ok and message.startswith("答對了")
    ok, message = verdict(exercise, WRONG[exercise][0][0], "zh-TW")
    assert not ok and any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_both_languages_have_every_message():
    from classweights.exercises import MESSAGES

    assert MESSAGES["en"].keys() == MESSAGES["zh-TW"].keys()


def test_unknown_exercise():
    with pytest.raises(ValueError, match=r"no exercise '09\.9'"):
        cw.check("09.9", 1)


@pytest.fixture(scope="module")
def sklearn_recall():
    """Validation recalls of lessons 02, 03 and 06's classifier, trained independently of the checker:
    scikit-learn's multinomial logistic regression without a penalty (C = inf) and with the class weights, on
    the lessons' training split. Weighted cross-entropy of a linear model is convex, so this is the model the
    lessons' training converges to."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import recall_score

    splits = cw.lesson_blobs(seed=0)  # the lessons' split (tests/test_lessons.py checks it against scikit-learn)
    (X, y), (Xv, yv) = splits["train"], splits["val"]
    X, y, Xv, yv = X.numpy(), y.numpy(), Xv.numpy(), yv.numpy()

    def recall(weight=None):
        class_weight = None if weight is None else dict(enumerate(float(w) for w in weight))
        lr = LogisticRegression(C=np.inf, class_weight=class_weight, max_iter=2000, tol=1e-8).fit(X, y)
        return recall_score(yv, lr.predict(Xv), labels=[0, 1, 2], average=None)

    recall.counts = np.bincount(y, minlength=3)
    return recall


def test_02_1_the_gap_between_the_minority_recalls_is_not_systematic():
    """Over the check's 20 splits, scikit-learn's unweighted logistic regression (the optimum the lesson's
    training converges to): class 1's validation recall minus class 2's has a 95% t-interval that contains 0,
    so 'class 1 is harder' (True) is wrong; lesson 02's own split shows a gap (0.42 against 0.49)."""
    from scipy import stats
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import recall_score

    from classweights.exercises import MINORITY_GAP_SPLITS, minority_gap

    gaps = []
    for seed in range(MINORITY_GAP_SPLITS):
        splits = cw.lesson_blobs(seed=seed)
        (X, y), (Xv, yv) = splits["train"], splits["val"]
        lr = LogisticRegression(C=np.inf, max_iter=2000, tol=1e-8).fit(X.numpy(), y.numpy())
        recall = recall_score(yv.numpy(), lr.predict(Xv.numpy()), labels=[0, 1, 2], average=None)
        gaps.append(recall[1] - recall[2])
    interval = stats.ttest_1samp(gaps, 0.0).confidence_interval(0.95)
    assert interval.low < 0 < interval.high
    assert gaps[0] < 0  # the lesson's split does show class 1 below class 2
    assert max(abs(a - b) for a, b in zip(gaps, minority_gap(), strict=True)) <= 0.05  # the check's gaps agree
    assert RIGHT["02.1"] == [False]
    assert verdict("02.1", False, "en")[0] and not verdict("02.1", True, "en")[0]


@pytest.mark.parametrize(("gaps", "right", "says"), [
    ((-0.10, -0.08, -0.12, -0.09), True, "lies below 0"),
    ((0.10, 0.08, 0.12, 0.09), False, "lies above 0: class 1 is easier"),
    ((-0.10, 0.10, -0.05, 0.06), False, "contains 0"),
])
def test_02_1_reads_the_three_sides_of_the_interval(monkeypatch, gaps, right, says):
    """Made-up gaps whose 95% t-interval (scipy) lies below 0, above 0 or around 0: only 'below' makes class 1
    harder (True); the message names the side, right answer or wrong."""
    from scipy import stats

    import classweights.exercises as ex

    interval = stats.ttest_1samp(gaps, 0.0).confidence_interval(0.95)
    assert (interval.high < 0) == right and (interval.low > 0) == (says.startswith("lies above"))
    monkeypatch.setattr(ex, "minority_gap", lambda: gaps)
    ok, text = verdict("02.1", right, "en")
    assert ok and says in text
    ok, text = verdict("02.1", not right, "en")
    assert not ok and says in text and "Not what the splits show" in text


def test_answer_of_02_3_is_the_class_whose_recall_drops_more(sklearn_recall):
    w = 1.0 / sklearn_recall.counts
    doubled = w * [1.0, 1.0, 2.0]
    drop = sklearn_recall(w) - sklearn_recall(doubled)
    answer = 0 if drop[0] >= drop[1] else 1
    assert RIGHT["02.3"] == [answer]
    assert verdict("02.3", answer, "en")[0] and not verdict("02.3", 1 - answer, "en")[0]


def test_answer_of_03_3_is_class_0s_recall_at_s_300(sklearn_recall):
    n = sklearn_recall.counts
    actual = float(sklearn_recall((1 + 300) / (n + 300))[0])  # smoothed weights (1 + s) / (n + s)
    assert verdict("03.3", actual, "en")[0]
    assert all(verdict("03.3", guess, "en")[0] for guess in RIGHT["03.3"])
    assert not verdict("03.3", actual - 0.05, "en")[0] and not verdict("03.3", actual + 0.05, "en")[0]


def test_01_1_accepts_scikit_learns_balanced_weights_for_5_3_2():
    """scikit-learn's compute_class_weight("balanced") on 5, 3 and 2 samples gives n / (k * count); the check
    accepts them, and their weight x count is the same for the three classes (10 / 3)."""
    from sklearn.utils.class_weight import compute_class_weight

    y = np.array([0] * 5 + [1] * 3 + [2] * 2)
    w = compute_class_weight("balanced", classes=np.arange(3), y=y)
    assert np.allclose(w * np.bincount(y), 10 / 3)
    assert verdict("01.1", w.tolist(), "en")[0]
    assert not verdict("01.1", (w * [1.0, 1.0, 1.05]).tolist(), "en")[0]  # 5 % off for class 2: rejected


def test_01_3_ratio_equalises_the_parts_of_the_unsure_logits():
    # by hand: l0 = -ln softmax(0.6931, -0.6931)_0 = ln(1 + e^-1.3862) ~ ln 1.25,
    # l1 = -ln softmax(-0.2, 0.2)_1 = ln(1 + e^-0.4); ratio (8 l0) / (2 l1) = 4 ln(1.25) / ln(1 + e^-0.4) ~ 1.74
    by_hand = 4 * math.log(1 + math.exp(-1.3862)) / math.log(1 + math.exp(-0.4))
    assert unsure_ratio() == pytest.approx(by_hand, rel=1e-5)
    assert 1.5 < unsure_ratio() < 2.0  # below the count ratio 4: class 1's samples each lose more
    w = torch.tensor([1.0, unsure_ratio()])
    per_sample = w[UNSURE_TARGETS] * F.cross_entropy(UNSURE_LOGITS, UNSURE_TARGETS, reduction="none")
    torch.testing.assert_close(per_sample[UNSURE_TARGETS == 0].sum(), per_sample[UNSURE_TARGETS == 1].sum())
    # the checker accepts this ratio and refuses one 3 % off either way (it allows 1 %)
    assert verdict("01.3", [1.0, by_hand], "en")[0]
    assert not verdict("01.3", [1.0, by_hand * 1.03], "en")[0] and not verdict("01.3", [1.0, by_hand / 1.03], "en")[0]


def lesson_names(exercise: str) -> dict:
    """The names of its lesson that a solution reads, beyond `device`: lesson 09's labels and pixels."""
    if exercise == "09.1":
        from classweights.exercises import lesson_09_labels

        y_train = lesson_09_labels()
        return {"Y_train": y_train, "pw_labels": cw.pos_weight(y_train)}
    if exercise == "09.2":
        from classweights.exercises import lesson_09_pixels

        pixel_targets, _ = lesson_09_pixels()
        return {"pixel_targets": pixel_targets, "kept": pixel_targets != 255}
    return {}


def test_the_solutions_written_in_the_lessons_pass_their_checks():
    """Every solution's code in the lessons runs and passes the check of its exercise, in both languages. What
    must be run is counted from the raw sources: each ```python block inside a <details> block."""
    import jupytext

    expected = 0
    checked = {}  # exercise -> the variable the lesson's cw.check cell checks
    details = Counter()  # (exercise, lang) -> <details> blocks
    ran = Counter()  # (exercise, lang) -> solution code blocks run and accepted
    for src in sorted((ROOT / "lessons").glob("*.py")):
        text = src.read_text(encoding="utf-8")
        expected += sum(block.count("```python") for block in re.findall(r"<details>(.*?)</details>", text, re.S))
        checked |= dict(re.findall(r'cw\.check\("(\d\d\.\d)", (\w+)\)', text))
        for cell in jupytext.read(src, fmt="py:percent").cells:
            if cell.cell_type != "markdown":
                continue
            lang = cell.metadata["lang"]
            for block in re.findall(r"<details>(.*?)</details>", cell.source, re.S):
                summary = re.search(r"<summary>(?:Solution (\d\d\.\d)|練習 (\d\d\.\d) 解答)</summary>", block)
                assert summary, (src.name, block[:80])
                exercise = summary.group(1) or summary.group(2)
                details[exercise, lang] += 1
                for code in re.findall(r"```python\n(.*?)```", block, re.S):
                    namespace = {"torch": torch, "cw": cw, "np": np, "math": math, "device": torch.device("cpu"),
                                 **lesson_names(exercise)}
                    exec(code, namespace)
                    ok, message = verdict(exercise, namespace.get(checked[exercise]), "en")
                    assert ok, (src.name, lang, exercise, message)
                    ran[exercise, lang] += 1
    assert set(checked) == set(EXERCISES)  # every exercise has its check cell in a lesson
    # one solution per exercise and language, and the same code in both languages
    assert details == Counter({(e, lang): 1 for e in EXERCISES for lang in ("en", "zh-TW")})
    assert all(ran[e, "en"] == ran[e, "zh-TW"] for e in EXERCISES)
    assert sum(ran.values()) == expected > 0


def test_07_3_is_the_lower_end_of_the_paired_t_interval():
    """The right answer from scipy's paired t-test (ttest_rel's confidence interval) and by hand: the differences
    R - CE are 2.2, 1.2, 2.8, 1.8, 0.8 (mean 1.76, sum of squared deviations 2.512, s = sqrt(2.512 / 4)), and
    t(0.975, 4) = 2.7764 from a t table."""
    from scipy import stats

    from classweights.exercises import COLLEAGUE_CE, COLLEAGUE_R

    ci = stats.ttest_rel(COLLEAGUE_R, COLLEAGUE_CE).confidence_interval(0.95)
    by_hand = 1.76 - 2.7764 * math.sqrt(2.512 / 4) / math.sqrt(5)
    assert float(ci.low) == pytest.approx(by_hand, abs=1e-4)
    assert verdict("07.3", float(ci.low), "en")[0] and verdict("07.3", round(by_hand, 2), "en")[0]
    assert not verdict("07.3", float(ci.low) + 0.02, "en")[0] and not verdict("07.3", float(ci.low) - 0.02, "en")[0]
    # the unpaired (Welch) interval of the same numbers crosses 0: the pairing is what makes the gain visible
    assert stats.ttest_ind(COLLEAGUE_R, COLLEAGUE_CE, equal_var=False).confidence_interval(0.95).low < 0 < by_hand
    ok, message = verdict("07.3", float(ci.low), "en")
    assert ok and f"{float(ci.low):.2f}" in message
