import math

import pytest
import torch

import classweights as cw
from classweights.exercises import EXERCISES, _unsure_ratio, verdict

RIGHT = {
    "01.1": [[1.0, 4.0], [0.625, 2.5], (0.125, 0.5)],
    "01.2": [18, 18.0],
    "01.3": [[1.0, _unsure_ratio()], [0.625, 0.625 * _unsure_ratio() * 1.005]],
    "02.1": [1],
    "02.2": [[1000 / 2400, 1000 / 300, 1000 / 300], torch.tensor([1000 / 2400, 10 / 3, 10 / 3])],
    "02.3": [0],
    "03.1": [600, 600.0],
    "03.2": [False],
    "03.3": [0.9, 0.88],
    "04.1": [lambda y: 1.0 / (torch.bincount(y, minlength=3).float() + 1e-12).where(torch.bincount(y, minlength=3) > 0,
                                                                                      torch.ones(3)),
             lambda y: cw.safe_batch_weights(y, 3, smoothing=1e-9)],
    "04.2": [31 / 76, 0.408],
    "05.1": [[0.05, 0.1, 0.2]],
    "05.2": [cw.logit_adjustment([900, 90, 10], tau=0.5).tolist(), [0.5 * math.log(n / 1000) for n in (900, 90, 10)],
             [-0.053, -1.204, -2.303]],
    "05.3": [0.1 / (1 - 0.9**10) / (0.1 / (1 - 0.9**1000)), 1.535],
    "06.1": [lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any() else torch.tensor(0.0)],
    "06.2": ["b", " B "],
    "06.3": [8, 8.0],
    "07.1": [math.log(104 / 10), 2.342],
    "07.2": [52, 52.0],
    "08.1": [(8 + 2 * 40) / 10 * math.log(2), 6.1],
    "08.2": [0.25, 0.2504],
    "08.3": [0.2, 1 / (1 + 4)],
}

WRONG = {  # typical mistakes, each with a word the explanation must contain
    "01.1": [([0.6, 1.5], "taller"), ([1.0, 1.0], "taller"), ([1.0, 8.0], "class 1"), ([0.0, 1.0], "positive"),
             ([1.0], "number"), ("a", "number")],
    "01.2": [(10, "number of samples"), (3, "number of classes"), (9, "each counted once"), (5, "Add up")],
    "01.3": [([1.0, 4.0], "counts, not the losses"), ([0.625, 2.5], "counts, not the losses"), ([1.0, 1.0], "too small"),
             ([1.0, 3.0], "too large"), ([1.0, -2.0], "positive")],
    "02.1": [(0, "majority"), (2, "not the lowest"), (7, "class index"), (True, "class index")],
    "02.2": [([1 / 800, 1 / 100, 1 / 100], "1 / count"), ([1, 8, 8], "scale"), ([1, 2], "three weights"), ([1, 2, 3], "Not the balanced")],
    "02.3": [(1, "drops less"), (2, "class index"), (0.5, "class index")],
    "03.1": [(0.1, "larger"), (1000, "smaller"), (-5, "negative")],
    "03.2": [(True, "cancels"), ("no", "True or False")],
    "03.3": [(0.76, "Too low"), (0.839, "Too low"), (0.99, "Too high"), (1.5, "between 0 and 1")],
    "04.1": [(lambda y: 1.0 / torch.bincount(y, minlength=3).float(), "finite"),
             (lambda y: torch.ones(3), "ratios"),
             (lambda y: torch.ones(2), "one weight per class"),
             (lambda y: 1 / 0, "ZeroDivisionError"),
             ([1, 2, 3], "function")],
    "04.2": [(0.5, "1 / count"), (31 / 3, "ratio w1 / w0"), (15, "ratio w1 / w0"), (2 / 32, "without weights"),
             (40.8, "between 0 and 1"), (0.3, "not it")],
    "05.1": [([1 / 400, 1 / 100, 1 / 25], "1 / count"), ([1000 ** -0.5, 0.1**0.5, 0.1**0.5], "Not 1 / sqrt"), ([1, 1, 1], "Not 1 / sqrt")],
    "05.3": [(100, "1 / count"), (10, "1 / sqrt(count)"), (1.0, "not it")],
    "05.2": [((-cw.logit_adjustment([900, 90, 10], tau=0.5)).tolist(), "sign"),
             (cw.logit_adjustment([900, 90, 10], tau=1.0).tolist(), "tau = 1"),
             ([0.5 * math.log(n) for n in (900, 90, 10)], "log(count)"),
             (cw.logit_adjustment([1000, 10, 10]).tolist(), "Not tau"), ([0, 0, 0], "Not tau")],
    "06.1": [(lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t), "0 / 0"),
             (lambda logits, t: torch.tensor(0.0), "CrossEntropyLoss gives")],
    "06.2": [("a", "twice"), ("c", "twice"), ("d", "letters")],
    "06.3": [(1, "one correction"), (64, "too much"), (1 / 8, "divided by"), (4, "not it")],
    "07.1": [(math.log(10), "nominal"), (10.4, "log of that ratio"), (-math.log(10.4), "positive number"), (1.0, "not it")],
    "07.2": [(50, "nominal"), (1 / 52, "w_0 / w_9"), (math.log(52), "Weights multiply"), (26, "not it")],
    "08.1": [((8 + 2 * 4) / 10 * math.log(2), "pos_weight = 4"), (math.log(2), "sum of the weights"),
             ((8 + 2 * 40) * math.log(2), "sum over the 10"), (2.0, "not it"), ("x", "number")],
    "08.2": [(0.75, "own probability"), (6.75 / 7, "multiplies"), (0.75 / 9, "renormalise"), (1.5, "between 0 and 1"),
             (0.5, "not it")],
    "08.3": [(0.5, "own threshold"), (1 / 4, "1 / 4"), (0.8, "wrong side"), (-0.1, "between 0 and 1"), (0.1, "not it")],
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
    with pytest.raises(ValueError, match="no exercise '09.9'"):
        cw.check("09.9", 1)


def test_answer_of_02_1_is_computed_not_stored():
    from classweights.exercises import _blobs_plain_recall

    recall = _blobs_plain_recall()
    assert verdict("02.1", min(range(3), key=lambda c: recall[c]), "en")[0]
    X, y = cw.imbalanced_blobs(n_samples=3000, seed=0)
    splits = cw.train_val_test_split(X, y, val_size=1000, test_size=1000, seed=0)
    assert math.isclose(sum(recall) / 3, cw.evaluate(cw.train(*splits["train"]), *splits["val"])["balanced_accuracy"])


def test_01_3_ratio_equalises_the_parts_of_the_unsure_logits():
    logits = torch.tensor([[0.6931, -0.6931]] * 8 + [[-0.2, 0.2]] * 2)
    targets = torch.tensor([0] * 8 + [1] * 2)
    parts = cw.per_class_loss(logits, targets, weight=torch.tensor([1.0, _unsure_ratio()]), reduction="sum")
    assert torch.allclose(parts[0], parts[1], rtol=1e-5)
    assert 1.5 < _unsure_ratio() < 2.0  # below the count ratio 4: class 1's samples each lose more


def test_the_solutions_written_in_the_lessons_pass_their_checks():
    import re
    from pathlib import Path

    import jupytext

    root = Path(__file__).resolve().parents[1]
    found = 0
    for src in sorted((root / "lessons").glob("*.py")):
        for cell in jupytext.read(src, fmt="py:percent").cells:
            if cell.cell_type != "markdown" or "<details>" not in cell.source:
                continue
            exercise = re.search(r"(?:Solution|解答)\s*(\d\d\.\d)|練習 (\d\d\.\d) 解答", cell.source)
            for block in re.findall(r"```python\n(.*?)```", cell.source, re.S):
                namespace = {"torch": torch, "cw": cw, "np": __import__("numpy"), "math": math}
                exec(block, namespace)
                answer = namespace.get("answer_" + (exercise.group(1) or exercise.group(2)).replace(".", "_"),
                                       namespace.get("my_rule", namespace.get("safe_mean_loss")))
                ok, message = verdict((exercise.group(1) or exercise.group(2)), answer, "en")
                assert ok, (src.name, message)
                found += 1
    assert found >= 4
