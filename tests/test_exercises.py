import math

import pytest
import torch

import classweights as cw
from classweights.exercises import EXERCISES, verdict

RIGHT = {
    "01.1": [[1.0, 4.0], [0.625, 2.5], (0.125, 0.5)],
    "01.2": [10, 10.0],
    "02.1": [1],
    "02.2": [[1000 / 2400, 1000 / 300, 1000 / 300], torch.tensor([1000 / 2400, 10 / 3, 10 / 3])],
    "03.1": [600, 600.0],
    "03.2": [False],
    "04.1": [lambda y: 1.0 / (torch.bincount(y, minlength=3).float() + 1e-12).where(torch.bincount(y, minlength=3) > 0,
                                                                                      torch.ones(3)),
             lambda y: cw.safe_batch_weights(y, 3, smoothing=1e-9)],
    "05.1": [[1000 ** -0.5, 0.1**0.5, 0.1**0.5]],
    "05.2": [cw.logit_adjustment([1000, 10, 10]).tolist()],
    "06.1": [lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t) if (t != -100).any() else torch.tensor(0.0)],
    "06.2": ["b", " B "],
}

WRONG = {  # typical mistakes, each with a word the explanation must contain
    "01.1": [([0.6, 1.5], "taller"), ([1.0, 1.0], "taller"), ([1.0, 8.0], "class 1"), ([0.0, 1.0], "positive"),
             ([1.0], "number"), ("a", "number")],
    "01.2": [(2, "number of classes"), (3.125, "each counted once"), (5, "Add up")],
    "02.1": [(0, "majority"), (2, "not the lowest"), (7, "class index"), (True, "class index")],
    "02.2": [([1 / 800, 1 / 100, 1 / 100], "1 / count"), ([1, 8, 8], "scale"), ([1, 2], "three weights"), ([1, 2, 3], "Not the balanced")],
    "03.1": [(0.1, "larger"), (1000, "smaller"), (-5, "negative")],
    "03.2": [(True, "cancels"), ("no", "True or False")],
    "04.1": [(lambda y: 1.0 / torch.bincount(y, minlength=3).float(), "finite"),
             (lambda y: torch.ones(3), "ratios"),
             (lambda y: torch.ones(2), "one weight per class"),
             (lambda y: 1 / 0, "ZeroDivisionError"),
             ([1, 2, 3], "function")],
    "05.1": [([1 / 1000, 0.1, 0.1], "1 / count"), ([1, 1, 1], "Not 1 / sqrt")],
    "05.2": [((-cw.logit_adjustment([1000, 10, 10])).tolist(), "sign"), ([0, 0, 0], "Not tau")],
    "06.1": [(lambda logits, t: torch.nn.CrossEntropyLoss()(logits, t), "0 / 0"),
             (lambda logits, t: torch.tensor(0.0), "CrossEntropyLoss gives")],
    "06.2": [("a", "twice"), ("c", "twice"), ("d", "letters")],
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
    assert math.isclose(sum(recall) / 3, cw.evaluate(cw.train(*cw.imbalanced_blobs(seed=0)), *cw.imbalanced_blobs(seed=1))["balanced_accuracy"])


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
                namespace = {"torch": torch, "cw": cw, "np": __import__("numpy")}
                exec(block, namespace)
                answer = namespace.get("answer_" + (exercise.group(1) or exercise.group(2)).replace(".", "_"),
                                       namespace.get("my_rule", namespace.get("safe_mean_loss")))
                ok, message = verdict((exercise.group(1) or exercise.group(2)), answer, "en")
                assert ok, (src.name, message)
                found += 1
    assert found >= 4
