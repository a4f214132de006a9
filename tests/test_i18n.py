import pytest

import classweights as cw
from classweights import i18n


def test_language_follows_the_notebook_folder(monkeypatch, tmp_path):
    cw.set_language(None)
    monkeypatch.delenv("CLASSWEIGHTS_LANG", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    (tmp_path / "notebooks" / "zh-TW").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "notebooks" / "zh-TW")
    assert cw.get_language() == "zh-TW"
    monkeypatch.chdir(tmp_path)
    assert cw.get_language() == "en"
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "notebooks" / "zh-TW" / "01_toy_example.ipynb"))
    assert cw.get_language() == "zh-TW"
    monkeypatch.setenv("CLASSWEIGHTS_LANG", "en")
    assert cw.get_language() == "en"
    cw.set_language("zh-TW")
    assert cw.get_language() == "zh-TW"
    assert cw.get_language("en") == "en"


def test_bad_language():
    with pytest.raises(ValueError, match="lang is 'zh'"):
        cw.set_language("zh")


def test_notebook_metadata_or_prose_tells_the_language():
    assert i18n._from_notebook_json({"metadata": {"classweights": {"lang": "zh-TW"}}}) == "zh-TW"
    md = {"cell_type": "markdown", "source": "# 第 01 課"}
    assert i18n._from_notebook_json({"metadata": {}, "cells": [md]}) == "zh-TW"
    md = {"cell_type": "markdown", "source": "# Lesson 01"}
    assert i18n._from_notebook_json({"metadata": {}, "cells": [md]}) == "en"


def test_both_languages_have_the_same_keys_and_fields():
    import string

    en, zh = i18n.TEXT["en"], i18n.TEXT["zh-TW"]
    assert en.keys() == zh.keys()
    for k in en:
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(en[k]) == fields(zh[k]), k


def test_every_phrase_the_lessons_translate_has_a_translation():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    used = set()
    for src in (root / "lessons").glob("*.py"):
        used |= set(re.findall(r'cw\.tr\(\s*"([^"]+)"', src.read_text(encoding="utf-8")))
    assert used, "no lesson uses cw.tr"
    assert used <= set(i18n.PHRASES), sorted(used - set(i18n.PHRASES))
    assert cw.tr("class {c}", "zh-TW", c=2) == "類別 2" and cw.tr("class {c}", "en", c=2) == "class 2"
    with pytest.raises(ValueError, match=r"add it to classweights\.i18n\.PHRASES"):
        cw.tr("not a phrase")


def test_no_phrase_is_translated_twice():
    """A dict literal keeps the last of two equal keys silently: two lessons' blocks must not both define one."""
    import ast
    from pathlib import Path

    import classweights.i18n as i18n_module

    tree = ast.parse(Path(i18n_module.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) in ("PHRASES", "SCHEMES"):
            keys = [k.value for k in node.value.keys]
            assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
