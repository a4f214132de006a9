import warnings

import matplotlib
import pytest
from fontTools.ttLib import TTFont

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
