import warnings

import matplotlib
import pytest
import torch
from fontTools.ttLib import TTFont
from test_widgetbox import EXPLORERS, multilabel_task

import classweights as cw
from classweights import i18n
from classweights.plotting import CJK_FAMILY, FONT_DIR


def font_chars():
    (path,) = FONT_DIR.glob("*.ttf")
    return set(chr(c) for c in TTFont(path).getBestCmap())


def test_every_chinese_word_the_package_draws_has_a_glyph():
    chars = font_chars()
    needed = set("".join(i18n.TEXT["zh-TW"].values())) | set("0123456789.=%（）")
    missing = sorted(c for c in needed if ord(c) > 0x2E7F and c not in chars)
    assert not missing, f"add these to the font (tools/make_cjk_font.py --extra-text): {missing}"


def test_cjk_font_is_the_fallback_after_dejavu():
    with cw.style():
        assert matplotlib.rcParams["font.family"][:2] == ["DejaVu Sans", CJK_FAMILY]
    with matplotlib.rc_context():  # use_cjk_font changes the global settings: undone after this block
        families = cw.use_cjk_font()
        assert families[:2] == ["DejaVu Sans", CJK_FAMILY]
        assert matplotlib.rcParams["font.family"][:2] == ["DejaVu Sans", CJK_FAMILY]


def test_importing_the_package_and_its_style_leave_matplotlibs_settings_alone():
    """Importing classweights changes no rcParams; cw.style() changes them inside its block only."""
    import subprocess
    import sys

    code = ("import matplotlib; before = dict(matplotlib.rcParams); import classweights as cw; "
            "assert dict(matplotlib.rcParams) == before; "
            "with_style = cw.style(); with_style.__enter__(); "
            "assert matplotlib.rcParams['font.family'][1] == 'Class Weights Lab CJK TC'; "
            "with_style.__exit__(None, None, None); assert dict(matplotlib.rcParams) == before")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_chinese_figure_draws_without_missing_glyph_warnings():
    """The package's figures carry their font with them, whatever the global settings say."""
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(), matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        warnings.simplefilter("error")
        fig = cw.plot_class_losses([1.2, 0.3], reduction="mean", lang="zh-TW")
        fig.savefig(__import__("io").BytesIO(), format="png")
        plt.close(fig)


def test_without_the_fallback_matplotlib_would_warn():
    """Proof that the test above can fail: DejaVu Sans alone has no CJK glyphs."""
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        fig.suptitle(i18n.text("title", "zh-TW", reduction=i18n.text("mean", "zh-TW")))
        with pytest.warns(UserWarning, match="missing from (current )?font"):
            fig.savefig(__import__("io").BytesIO(), format="png")


@pytest.mark.parametrize("kind", EXPLORERS)  # every explorer (test_widgetbox.py checks that the list is complete)
def test_every_explorer_draws_chinese_in_its_own_style(kind):
    """Each explorer draws its Chinese words in the shipped font, at first and after a slider move, whatever the
    global settings say (they say DejaVu Sans only here, as in a fresh session); the settings stay as they were."""
    logits, targets = cw.toy_example()
    X, y = cw.imbalanced_blobs(600, (0.8, 0.1, 0.1), seed=0)
    s = cw.train_val_test_split(X, y, val_size=150, test_size=150, seed=0)
    X2, y2 = cw.imbalanced_blobs(600, (0.9, 0.1), seed=0, centers=((0.0, 0.0), (2.0, 0.0)))
    s2 = cw.train_val_test_split(X2, y2, val_size=150, test_size=150, seed=0)
    make = {
        "weight": lambda: cw.weight_explorer(logits, targets, lang="zh-TW"),
        "training": lambda: cw.training_explorer(*s["train"], *s["val"], lang="zh-TW"),
        "threshold": lambda: cw.threshold_explorer(*s2["train"], *s2["val"], lang="zh-TW"),
        "tau": lambda: cw.tau_explorer(torch.tensor([[2.0, 1.5], [3.0, 0.0], [0.0, 3.0], [1.0, 0.2]]),
                                       torch.tensor([1, 0, 1, 1]), torch.tensor([90.0, 10.0]), lang="zh-TW"),
        "multilabel": lambda: cw.multilabel_explorer(*multilabel_task(), lang="zh-TW"),
    }[kind]
    with warnings.catch_warnings(), matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        # matplotlib's "Glyph ... missing from font(s)" is the failure; other libraries' warnings are not (ipywidgets
        # 7 with Colab's ipykernel warns about its Comm class)
        warnings.filterwarnings("error", message=r"Glyph \d+ .* missing from")
        ex = make().explorer
        ex.sliders[0].value = ex.sliders[0].value / 2 + 0.05
        assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
