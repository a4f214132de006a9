import importlib
import io
import math
import re
import warnings

import matplotlib
import numpy as np
import pytest
import torch

import classweights as cw
from classweights import i18n
from classweights.explorers import multilabel
from classweights.plotting import draw_confusion_matrix, draw_decision_regions, row_shares

palettes = importlib.import_module("classweights.plotting.style")  # the module (the package exports style())

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def plt():
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def render(fig):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn
        fig.savefig(io.BytesIO(), format="png")


# --- confusion matrix -----------------------------------------------------------------------------

MATRIX = [[170, 24, 6], [3, 12, 5], [0, 0, 0]]  # row totals 200, 20 and 0


def test_confusion_matrix_cells_show_count_and_row_percentage(plt):
    _, ax = plt.subplots()
    draw_confusion_matrix(ax, MATRIX)
    cells = [t.get_text() for t in ax.texts]
    assert cells == ["170\n85%", "24\n12%", "6\n3%", "3\n15%", "12\n60%", "5\n25%", "0\n0%", "0\n0%", "0\n0%"]


def test_confusion_matrix_colour_is_the_share_of_the_row(plt):
    _, ax = plt.subplots()
    draw_confusion_matrix(ax, MATRIX)
    (image,) = ax.images
    expected = np.array([[0.85, 0.12, 0.03], [0.15, 0.6, 0.25], [0, 0, 0]])
    np.testing.assert_allclose(np.asarray(image.get_array()), expected)
    np.testing.assert_allclose(row_shares(MATRIX), expected)
    assert image.get_clim() == (0, 1)
    assert image.get_cmap().name == "Blues"
    colours = {t.get_text(): matplotlib.colors.to_hex(t.get_color()) for t in ax.texts}
    assert colours["170\n85%"] == "#ffffff"  # a dark cell: white text
    assert colours["6\n3%"] == "#000000" and colours["0\n0%"] == "#000000"


@pytest.mark.parametrize("lang, words", [("en", ["Confusion matrix", "share of the row", "predicted class",
                                                 "true class"]),
                                         ("zh-TW", ["混淆矩陣", "在該列的占比", "預測類別", "真實類別"])])
def test_confusion_matrix_says_what_the_colour_means(plt, lang, words):
    with cw.style():  # a figure of the test's own: the package's fonts draw its Chinese words
        fig, ax = plt.subplots()
        draw_confusion_matrix(ax, MATRIX, lang=lang)
        shown = " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()])
        for word in words:
            assert word in shown
        render(fig)


# --- decision regions -----------------------------------------------------------------------------


# The filled area of matplotlib's markers at size 1, by hand: "o" a circle of diameter 1, "s" a unit square,
# "^" a triangle of base 1 and height 1, "D" the unit square turned by 45 degrees.
MARKER_AREA = {"o": math.pi / 4, "s": 1.0, "^": 0.5, "D": 1.0}


def _scatters(ax):
    return [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]


def _shape(collection):
    """The marker path a scatter or legend handle draws, as rounded vertices (comparable between artists)."""
    (path,) = collection.get_paths()
    return np.round(path.vertices, 6)


def _marker_path(marker):
    style = matplotlib.markers.MarkerStyle(marker)
    return np.round(style.get_path().transformed(style.get_transform()).vertices, 6)


def test_minority_points_are_drawn_last_larger_and_edged(plt):
    X, y = cw.imbalanced_blobs(400, (0.9, 0.05, 0.05), seed=0)
    model = torch.nn.Linear(2, 3)
    _, ax = plt.subplots()
    draw_decision_regions(ax, model, X, y, steps=20)
    scatters = _scatters(ax)
    assert [len(c.get_offsets()) for c in scatters] == [360, 20, 20]  # majority first
    majority, *minorities = scatters
    area = [c.get_sizes()[0] * MARKER_AREA[m] for c, m in zip(scatters, ("o", "s", "^"), strict=True)]
    for c, a in zip(minorities, area[1:], strict=True):
        assert a >= 2 * area[0]  # at least twice the majority's ink, whatever the shapes
        assert c.get_linewidths()[0] > 0
        assert max(matplotlib.colors.to_rgb(c.get_edgecolors()[0])) < 0.3  # a dark edge
        assert c.get_zorder() > majority.get_zorder()
    assert majority.get_alpha() < 1


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_each_class_has_its_own_marker_in_the_regions_and_the_legend(plt, lang):
    """Four classes, the majority not class 0: each class's points are drawn with its own marker shape (read from
    the drawn paths, against matplotlib's own "o", "s", "^", "D"), at one area for every minority, and the legend
    below the plot shows the same shapes, in class order, at full opacity."""
    X, y = cw.imbalanced_blobs(500, (0.1, 0.6, 0.2, 0.1), seed=0, centers=((0, 0), (2, 0), (0, 2), (2, 2)))
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 4)
    with cw.style():
        fig, ax = plt.subplots()
        draw_decision_regions(ax, model, X, y, steps=20, lang=lang)
        names = i18n.class_names(4, lang)
        scatters = _scatters(ax)
        assert [c.get_label() for c in scatters] == [names[i] for i in (1, 2, 0, 3)]  # majority first, as before
        shapes = {c.get_label(): _shape(c) for c in scatters}
        for i, marker in enumerate(("o", "s", "^", "D")):
            np.testing.assert_array_equal(shapes[names[i]], _marker_path(marker))
        for i in range(4):
            for j in range(i + 1, 4):
                a, b = shapes[names[i]], shapes[names[j]]
                assert a.shape != b.shape or not np.array_equal(a, b), f"classes {i} and {j} share a marker"
        by_name = {c.get_label(): c for c in scatters}
        inks = [by_name[names[i]].get_sizes()[0] * area for i, area in ((0, math.pi / 4), (2, 0.5), (3, 1.0))]
        assert inks == pytest.approx([inks[0]] * 3, rel=0.01)  # the minorities: one area, whatever the shape
        legend = ax.get_legend()
        assert legend is not None
        assert [t.get_text() for t in legend.get_texts()] == names  # class order
        handles = getattr(legend, "legend_handles", None) or legend.legendHandles  # matplotlib < 3.7
        for name, handle in zip(names, handles, strict=True):
            np.testing.assert_array_equal(_shape(handle), shapes[name])
            assert handle.get_alpha() == 1
        # below the axes, not over the regions
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        assert legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0 + 1
        render(fig)


def _band_model(bias_2: float = 0.0):
    """Scores -x, 1 and x + bias_2: class 0 left of x = -1, class 1 between, class 2 right of x = 1 (worked by
    hand: class 1 wins while 1 > |x|); a very negative bias_2 leaves class 2 no region."""
    model = torch.nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[-1.0, 0.0], [0.0, 0.0], [1.0, 0.0]]))
        model.bias.copy_(torch.tensor([0.0, 1.0, bias_2]))
    return model


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_each_region_carries_its_class_name_in_room_of_its_own(plt, lang):
    """Samples on a grid over [-3, 3] x [-3, 3], except an empty box at x < -2, y > 1 inside class 0's region:
    each region gets its class's name, inside it (the model itself decides the label's point), and class 0's
    name goes into the empty box rather than over samples. A class with no region gets no visible label."""
    g = torch.linspace(-3, 3, 25)
    X = torch.cartesian_prod(g, g)
    X = X[~((X[:, 0] < -2) & (X[:, 1] > 1))]
    y = torch.zeros(len(X), dtype=torch.long)
    y[X[:, 0] > -1] = 1
    y[X[:, 0] > 1] = 2
    names = i18n.class_names(3, lang)
    with cw.style():
        fig, ax = plt.subplots()
        model = _band_model()
        draw_decision_regions(ax, model, X, y, steps=60, lang=lang)
        assert [t.get_text() for t in ax.texts] == names and all(t.get_visible() for t in ax.texts)
        with torch.no_grad():
            said = model(torch.tensor([t.get_position() for t in ax.texts])).argmax(1).tolist()
        assert said == [0, 1, 2]
        x0, y0 = ax.texts[0].get_position()
        assert x0 < -2 and y0 > 1, (x0, y0)
        assert all(t.get_zorder() > c.get_zorder() for t in ax.texts for c in _scatters(ax))  # over the samples
        render(fig)

        _, ax = plt.subplots()
        draw_decision_regions(ax, _band_model(bias_2=-100.0), X, y, steps=60, lang=lang)
        assert [t.get_visible() for t in ax.texts] == [True, True, False]


def test_region_label_spots_worked_by_hand():
    """A 5 x 9 grid, class 0 in columns 0-5 and class 1 in columns 6-8, no samples. Room is the half-width of the
    widest box centred on a cell that stays inside the region and the grid, a row counting as three columns.
    Class 0: column 2 or 3 leaves 3 columns to one side; row 0 leaves one row above (3 columns' worth, and the
    box's own middle third of that row: 2), rows 1-3 leave 3 or more; the tie between rows 1-3 and columns 2-3
    goes to the cell furthest from any edge in plain distance, row 2 (2 rows to each side), then to column 2.
    Class 1: column 7 leaves 1 column each side plus its own (2) in rows 0-4; its plain distance to the nearest
    edge is 2 in rows 1-3, and the tie goes to row 1. A sample on class 0's spot moves it off, to another cell of
    class 0."""
    from classweights.plotting.results import region_label_spots

    zz = np.zeros((5, 9), dtype=int)
    zz[:, 6:] = 1
    free = np.zeros_like(zz, dtype=bool)
    assert region_label_spots(zz, free) == {0: (2, 2), 1: (1, 7)}
    taken = free.copy()
    taken[2, 2] = True
    spot = region_label_spots(zz, taken)[0]
    assert spot != (2, 2) and zz[spot] == 0
    # a region of two cells gets no label
    zz[0, 0:2] = 2
    assert 2 not in region_label_spots(zz, free)


def test_the_class_markers_are_filled_and_distinct():
    """The majority is drawn without an edge, so an unfilled marker ("+", "x") would be invisible; one marker per
    colour of the palette, none twice."""
    markers = palettes.MARKERS
    assert len(markers) >= len(palettes.BAR_COLORS)
    assert len(set(markers)) == len(markers)
    for m in markers:
        assert matplotlib.markers.MarkerStyle(m).is_filled(), m


# --- loss panels ----------------------------------------------------------------------------------

LOGITS = torch.tensor([[2.0, 0.5], [1.5, 0.2], [0.3, 1.2], [1.0, 0.9], [2.2, -0.3]])
TARGETS = torch.tensor([0, 0, 1, 1, 0])
WEIGHTS = ([1.0, 1.0], [0.6, 1.5], [1 / 3, 2000.0])


def panels():
    return [(w, cw.per_class_loss(LOGITS, TARGETS, torch.tensor(w))) for w in WEIGHTS]


def test_loss_panels_share_one_y_axis_and_show_weights_and_totals(plt):
    fig = cw.plot_loss_panels(panels())
    assert len(fig.axes) == 3
    assert len({ax.get_ylim() for ax in fig.axes}) == 1
    top = fig.axes[0].get_ylim()[1]
    assert top >= max(float(p.max()) for _, p in panels())
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0].startswith("w = [1, 1]\n") and titles[1].startswith("w = [0.6, 1.5]\n")
    assert titles[2].startswith("w = [0.333, 2000]\n")
    for title, (_, parts) in zip(titles, panels(), strict=True):
        assert title.endswith(f"total = {float(parts.sum()):.3f}")
    for ax, (_, parts) in zip(fig.axes, panels(), strict=True):
        np.testing.assert_allclose([b.get_height() for b in ax.patches], parts.tolist(), rtol=1e-6)
        assert [t.get_text() for t in ax.texts] == [f"{v:.3f}" for v in parts.tolist()]
        assert all(t.get_fontsize() >= 11 for t in ax.texts)
        assert all(t.get_fontsize() >= 11 for t in ax.get_xticklabels() + ax.get_yticklabels())
        assert ax.title.get_fontsize() >= 12
    assert fig.axes[0].get_ylabel() == "loss" and fig.axes[1].get_ylabel() == "" == fig.axes[2].get_ylabel()
    render(fig)


def test_loss_panels_in_chinese(plt):
    fig = cw.plot_loss_panels(panels()[:2], reduction="mean", lang="zh-TW")
    assert "總損失 = " in fig.axes[0].get_title()
    assert "平均" in fig._suptitle.get_text()  # Figure.get_suptitle() is matplotlib 3.8+; Colab has 3.7
    assert fig.axes[0].get_ylabel() == "損失"
    render(fig)


def test_loss_panels_labels_open_each_title(plt):
    """Lesson 01 names each panel's logits: the label is the title's first line, above the weights."""
    fig = cw.plot_loss_panels(panels()[:2], labels=["toy logits", "unsure logits"])
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0].startswith("toy logits\nw = [1, 1]\n") and titles[1].startswith("unsure logits\nw = [0.6, 1.5]\n")
    with pytest.raises(ValueError, match="labels has 1 entries but there are 2 panels"):
        cw.plot_loss_panels(panels()[:2], labels=["toy logits"])
    render(fig)


def test_loss_panels_reject_mismatched_pairs(plt):
    with pytest.raises(ValueError, match="panel 1 has 2 weights but 3"):
        cw.plot_loss_panels([([1, 1], [0.1, 0.2]), ([1, 1], [0.1, 0.2, 0.3])])
    with pytest.raises(ValueError, match="panels is empty"):
        cw.plot_loss_panels([])


# --- trade-off plot -------------------------------------------------------------------------------


def result(recall, precision):
    return {"recall": recall, "precision": precision, "balanced_accuracy": sum(recall) / len(recall),
            "macro_f1": 0.5, "accuracy": 0.9}


def as_lab(results):
    """A scheme lab holding these test results ({ratio: {scheme: [result per seed]}})."""
    return cw.SchemeLab(results=results, counts={}, chosen={}, knobs={})


LAB = as_lab({
    10: {
        "no weights": [result([0.80, 0.60, 0.64], [0.7, 0.9, 0.8]), result([0.78, 0.62, 0.66], [0.7, 0.8, 0.8])],
        "balanced": [result([0.70, 0.76, 0.80], [0.9, 0.6, 0.6]), result([0.66, 0.72, 0.78], [0.9, 0.6, 0.5])],
    },
})


def expected(runs, name):
    """The plotted point, from the raw per-seed results with numpy: class 0 is the majority, classes 1.. the
    minorities (averaged); the mean over seeds, and the population std (ddof=0) as the error bar."""
    field, group = {"majority_recall": ("recall", "majority"), "minority_recall": ("recall", "minority"),
                    "majority_precision": ("precision", "majority"),
                    "minority_precision": ("precision", "minority")}[name]
    per_seed = np.array([r[field] for r in runs], dtype=float)  # seeds x classes
    values = per_seed[:, 0] if group == "majority" else per_seed[:, 1:].mean(axis=1)
    return float(values.mean()), float(values.std(ddof=0))


def test_tradeoff_points_are_means_over_seeds_with_pstdev_error_bars(plt):
    fig = cw.plot_tradeoff(LAB)
    (ax,) = fig.axes
    assert ax.get_title() == "imbalance 1:10"
    assert len(ax.containers) == 2
    for container, key in zip(ax.containers, ["no weights", "balanced"], strict=True):
        mx, sx = expected(LAB.results[10][key], "majority_recall")
        my, sy = expected(LAB.results[10][key], "minority_recall")
        line, _, (xbars, ybars) = container.lines
        np.testing.assert_allclose(line.get_xydata(), [[mx, my]])
        ((x0, _), (x1, _)), = xbars.get_segments()
        ((_, y0), (_, y1)), = ybars.get_segments()
        assert (x1 - x0) / 2 == pytest.approx(sx) and (y1 - y0) / 2 == pytest.approx(sy)
    # by hand: majority recalls 0.80, 0.78 -> 0.79 +- 0.01; minority recalls (0.76 + 0.80) / 2 = 0.78 and
    # (0.72 + 0.78) / 2 = 0.75 -> 0.765 +- 0.015
    assert expected(LAB.results[10]["no weights"], "majority_recall") == pytest.approx((0.79, 0.01))
    assert expected(LAB.results[10]["balanced"], "minority_recall") == pytest.approx((0.765, 0.015))
    ((no_weights,), (balanced,)) = [c.lines[0].get_xydata() for c in ax.containers]
    # no weights: minority recalls (0.60 + 0.64) / 2 = 0.62 and (0.62 + 0.66) / 2 = 0.64; balanced: majority 0.70, 0.66
    np.testing.assert_allclose(no_weights, [0.79, (0.62 + 0.64) / 2])
    np.testing.assert_allclose(balanced, [0.68, 0.765])
    lo, hi = ax.get_xlim()
    assert 0.55 < lo < 0.66 and 0.8 < hi < 0.9
    lo, hi = ax.get_ylim()
    assert 0.5 < lo < 0.61 and 0.79 < hi < 0.9
    assert ax.get_xlabel() == "majority recall" and ax.get_ylabel() == "mean minority recall"
    assert sorted(t.get_text() for t in ax.texts) == ["balanced", "no weights"]


def test_tradeoff_other_metrics_and_chinese_labels(plt):
    lab = as_lab({10: dict(LAB.results[10], **{"my new scheme": LAB.results[10]["balanced"]}), 100: LAB.results[10]})
    fig = cw.plot_tradeoff(lab, x="majority_precision", y="minority_precision", lang="zh-TW")
    assert len(fig.axes) == 2
    ax = fig.axes[0]
    assert ax.get_title() == "不平衡比值 1:10"
    assert ax.get_xlabel() == "多數類別的精確率" and ax.get_ylabel() == "少數類別的平均精確率"
    # "my new scheme" has balanced's results: one marker and one label for both
    assert [t.get_text() for t in ax.texts] == ["不加權", "平衡（balanced） = my new scheme"]
    assert [c.get_label() for c in ax.containers] == ["不加權", "平衡（balanced） = my new scheme"]
    assert fig.legends == []  # no crowd: every point labelled beside it
    # by hand, "no weights": majority precision 0.7 and 0.7; minority precision (0.9 + 0.8) / 2, (0.8 + 0.8) / 2
    line = ax.containers[0].lines[0]
    np.testing.assert_allclose(line.get_xydata(), [[0.7, (0.85 + 0.8) / 2]])
    for container, key in zip(ax.containers, ["no weights", "balanced"], strict=True):
        np.testing.assert_allclose(container.lines[0].get_xydata(),
                                   [[expected(lab.results[10][key], "majority_precision")[0],
                                     expected(lab.results[10][key], "minority_precision")[0]]])
    render(fig)
    with pytest.raises(ValueError, match="metric is 'recall'"):
        cw.plot_tradeoff(LAB, x="recall")
    with pytest.raises(ValueError, match="no imbalance ratio"):
        cw.plot_tradeoff(as_lab({}))
    with pytest.raises(TypeError, match=r"pass what cw\.scheme_lab returns"):
        cw.plot_tradeoff(LAB.results)


def test_tradeoff_crowd_goes_to_the_legend_and_labels_do_not_overlap(plt):
    """Points within a marker or two of each other are named in a legend below the panel, never beside a point
    (no label could be tied to one of them); the others are labelled beside their point. Every scheme is named
    exactly once, and no two labels touch."""
    rng = np.random.default_rng(0)
    centre = {key: (0.72 + 0.01 * rng.standard_normal(), 0.78 + 0.01 * rng.standard_normal()) for key in i18n.SCHEMES}
    centre["no weights"] = (0.97, 0.44)
    lab = as_lab({10: {key: [result([mx + d, my + d, my - d], [0.5, 0.5, 0.5]) for d in (-0.01, 0.01)]
                       for key, (mx, my) in centre.items()}})
    for lang in ("en", "zh-TW"):
        fig = cw.plot_tradeoff(lab, lang=lang)
        fig.canvas.draw()
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        (legend,) = fig.legends
        named = [t.get_text() for t in ax.texts] + [t.get_text() for t in legend.get_texts()]
        assert sorted(named) == sorted(i18n.scheme_name(k, lang) for k in i18n.SCHEMES)
        assert [t.get_text() for t in ax.texts] == [i18n.scheme_name("no weights", lang)]
        points = {c.get_label(): ax.transData.transform(c.lines[0].get_xydata()[0]) for c in ax.containers}
        near = cw.plotting.tradeoff.CROWD * fig.dpi / 72
        for t in legend.get_texts():  # by hand: each legend entry has another point within CROWD points
            assert min(math.dist(points[t.get_text()], q) for k, q in points.items() if k != t.get_text()) < near
            assert t.get_fontsize() >= 11
        assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))
        boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in ax.texts]  # without leader lines
        frame = ax.get_window_extent(renderer)
        for i, a in enumerate(boxes):
            assert frame.x0 - 1 <= a.x0 and a.x1 <= frame.x1 + 1 and frame.y0 - 1 <= a.y0 and a.y1 <= frame.y1 + 1
            for b in boxes[i + 1:]:
                assert not a.expanded(1.02, 1.05).overlaps(b), (ax.texts[i].get_text(), a, b)
        assert all(t.get_fontsize() >= 11 for t in ax.texts)


# --- scheme names ---------------------------------------------------------------------------------

KEYS = ["no weights", "inverse frequency", "smoothed", "balanced", "1 / sqrt(count)", "effective number", "focal",
        "oversampling", "logit adjustment, post-hoc", "logit adjustment, in the loss"]


def test_every_scheme_has_a_chinese_name():
    assert list(i18n.SCHEMES) == KEYS
    for key in KEYS:
        assert cw.scheme_name(key, "en") == key
        zh = cw.scheme_name(key, "zh-TW")
        assert zh != key and CJK.search(zh), key
    assert cw.scheme_name("no weights", "zh-TW") == i18n.tr("no weights", "zh-TW") == "不加權"
    assert cw.scheme_name("oversampling", "zh-TW") == i18n.tr("oversampling", "zh-TW")
    cw.set_language("zh-TW")
    assert cw.scheme_name("inverse frequency") == "頻率倒數"


def test_unknown_scheme_name_says_where_to_add_it():
    with pytest.raises(ValueError, match=r"'label smoothing'.*classweights\.i18n\.SCHEMES"):
        cw.scheme_name("label smoothing")


def test_every_new_chinese_word_has_a_glyph():
    from test_fonts import font_chars

    chars = font_chars()
    needed = set("".join(i18n.SCHEMES.values()) + "".join(i18n.PHRASES.values()))
    missing = sorted(c for c in needed if ord(c) > 0x2E7F and c not in chars)
    assert not missing, missing


# -- the palettes can be told apart by colour-blind readers ---------------------------------------------------
# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", IEEE TVCG 15(6); severity 1.0, applied to linear RGB, as published in the authors' table
# (www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html).
MACHADO_2009 = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISIONS = {"normal": np.eye(3), **{k: np.array(v) for k, v in MACHADO_2009.items()}}
# CIE 1976 ΔE*ab: about 2.3 is just noticeable; 15 reads as clearly another colour at a glance.
MIN_DELTA_E = 15.0
MIN_DELTA_E_REGIONS = 5.0  # large pale areas side by side, with the points' full colours on top


def _linear_rgb(colour):
    c = np.array(matplotlib.colors.to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear):
    """CIELAB (D65 white) of a linear sRGB colour (IEC 61966-2-1 matrix, CIE 15 formulas)."""
    to_xyz = np.array([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
                       [0.0193339, 0.1191920, 0.9503041]])
    xyz = to_xyz @ np.clip(linear, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _closest_pairs(colours, minimum):
    """(vision, ΔE, colour, colour) for every pair closer than ``minimum`` in any of the four visions."""
    close = []
    for vision, m in VISIONS.items():
        labs = [_lab(m @ _linear_rgb(c)) for c in colours]
        for i in range(len(colours)):
            for j in range(i + 1, len(colours)):
                d = float(np.linalg.norm(labs[i] - labs[j]))
                if d < minimum:
                    close.append((vision, round(d, 1), colours[i], colours[j]))
    return close


def test_the_colour_science_of_the_palette_check():
    # CIELAB of sRGB red and of a mid grey, as tabulated (e.g. Lindbloom's calculator): (53.24, 80.09, 67.20)
    assert np.allclose(_lab(_linear_rgb("#FF0000")), [53.24, 80.09, 67.20], atol=0.05)
    assert np.allclose(_lab(_linear_rgb("#808080")), [53.59, 0.0, 0.0], atol=0.05)
    for m in MACHADO_2009.values():  # the published matrices keep white and grey as they are
        assert np.allclose(np.sum(m, axis=1), 1.0, atol=1e-3)
    # matplotlib's old default red and green, apart for most readers, nearly one colour with deuteranopia
    close = _closest_pairs(["#d62728", "#2ca02c"], MIN_DELTA_E)
    assert [v for v, *_ in close] == ["deuteranopia"], close


@pytest.mark.parametrize("name, colours, minimum", [
    ("BAR_COLORS", palettes.BAR_COLORS, MIN_DELTA_E),
    ("SCHEME_COLORS", palettes.SCHEME_COLORS, MIN_DELTA_E),
    ("REGION_COLORS", palettes.REGION_COLORS, MIN_DELTA_E_REGIONS),
    # lesson 08's reliability diagram draws them beside a grey curve ("0.45"; its diagonal is dashed)
    ("RAW_COLOR, CORRECTED_COLOR", (cw.RAW_COLOR, cw.CORRECTED_COLOR, "0.45"), MIN_DELTA_E),
    # lesson 09's explorer: recall and precision side by side, with near-black dashed outlines ("0.1")
    ("multilabel RECALL_COLOR, PRECISION_COLOR", (multilabel.RECALL_COLOR, multilabel.PRECISION_COLOR, "0.1"),
     MIN_DELTA_E),
])
def test_colours_drawn_together_stay_apart_for_colour_blind_readers(name, colours, minimum):
    assert _closest_pairs(list(colours), minimum) == [], f"{name}: pairs too close (vision, ΔE, colours)"


def test_series_told_apart_also_have_markers():
    style = palettes
    assert len(style.SCHEME_MARKERS) >= len(style.SCHEME_COLORS)
    assert len(set(style.SCHEME_MARKERS)) == len(style.SCHEME_MARKERS), "two schemes share a marker"
    assert len(set(style.BAR_COLORS)) == len(style.BAR_COLORS) and len(style.REGION_COLORS) == len(style.BAR_COLORS)


def _segments_cross(a1, a2, b1, b2):
    """Whether two segments cross at a point inside both (cross products of opposite signs)."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a1, a2, b1) * side(a1, a2, b2) < 0 and side(b1, b2, a1) * side(b1, b2, a2) < 0


def test_tradeoff_labels_sit_by_their_own_point_and_leaders_do_not_cross(plt):
    """From the drawn artists: each leader line runs from its point to its label, no two leaders cross, and no
    label sits nearer to another point than to its own (within 40 points, where a reader would pair them)."""
    rng = np.random.default_rng(1)
    centre = {key: (0.72 + 0.03 * rng.standard_normal(), 0.78 + 0.03 * rng.standard_normal()) for key in i18n.SCHEMES}
    centre["no weights"], centre["1 / sqrt(count)"] = (0.97, 0.44), (0.9, 0.6)
    lab = as_lab({r: {key: [result([mx + d, my + d, my - d], [0.5, 0.5, 0.5]) for d in (-0.01, 0.01)]
                      for key, (mx, my) in centre.items()} for r in (10, 100)})
    for lang in ("en", "zh-TW"):
        fig = cw.plot_tradeoff(lab, lang=lang)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        near = 40 * fig.dpi / 72
        for ax in fig.axes:
            points = {c.get_label(): ax.transData.transform(c.lines[0].get_xydata()[0]) for c in ax.containers}
            assert ax.texts
            leaders = []
            for text in ax.texts:
                box = matplotlib.text.Text.get_window_extent(text, renderer)

                def gap(q, box=box):
                    return math.hypot(max(box.x0 - q[0], 0, q[0] - box.x1), max(box.y0 - q[1], 0, q[1] - box.y1))
                mine = points[text.get_text()]
                own = gap(mine)
                for other, q in points.items():
                    if math.dist(q, mine) > 12:  # points further apart than a marker
                        assert gap(q) >= min(own, near) - 1, (lang, text.get_text(), other)
                if text.arrow_patch is not None:
                    path = text.arrow_patch.get_path().vertices
                    assert min(math.dist(path[0], mine), math.dist(path[-1], mine)) < 8, text.get_text()
                    leaders.append((text.get_text(), path[0], path[-1]))
            for k, (a, a1, a2) in enumerate(leaders):
                for b, b1, b2 in leaders[k + 1:]:
                    assert not _segments_cross(a1, a2, b1, b2), (lang, a, b)
