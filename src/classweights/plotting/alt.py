"""Figures with a text alternative: :func:`describe_figure` says what a figure shows in words, :func:`show` displays it
with that text as the picture's ``alt``.

A figure shown by ``plt.show()`` reaches the notebook as a PNG with no text: a screen reader says "image" and
nothing else. :func:`show` puts the text in two places: the output's metadata (``{"image/png": {"alt": ...}}``), where
nbconvert's classic HTML template and the community's proposal for Jupyter read it, and the PNG itself (an iTXt
"Description" chunk, :func:`png_with_description`). JupyterLab's image renderer and Voila's templates ignore
both; the lessons' extension (classroom/labextension, installed by requirements.txt) reads the PNG's and sets
the picture's alt, in JupyterLab and in Voila's slides alike.

The text comes from the figure itself: its title, each panel's title, axis labels, bars (with their values)
and legend entries, in the lesson's language. A lesson can pass its own text instead (``alt=``).
"""

from __future__ import annotations

import base64
import math
import re
import struct
import zlib

from .. import i18n

_MATH = re.compile(r"\$([^$]*)\$")
_RANGE = re.compile(r"(?<![\w.])(\d+)-(\d+)(?![\w.])")  # "digits 0-2": a screen reader says "0 minus 2"
_GAP = re.compile(r" {2,}")  # a title's run of spaces is a visual gap between two items


def _clean(text: str, lang: str, line_sep: str | None = None) -> str:
    """Plain text for the ear: mathtext's ``$...$`` without the dollars and backslashes, "0-2" as "0 to 2", a
    title's lines and wide gaps joined by ``line_sep`` (default: the language's list separator), spaces
    collapsed, no full stop at the end (the sentence adds its own). A line in brackets explains the one
    above it and follows it without a separator."""
    sep = i18n.text("alt_list_sep", lang) if line_sep is None else line_sep
    text = _MATH.sub(lambda m: m.group(1).replace("\\", "").replace("{", "").replace("}", ""), text)
    text = _RANGE.sub(lambda m: i18n.text("alt_range", lang, a=m.group(1), b=m.group(2)), text)
    lines = [" ".join(part.split()) for line in text.splitlines() for part in _GAP.split(line)]
    lines = [line for line in lines if line]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        joined += ("" if line[0] == "（" else " " if line[0] == "(" else sep) + line
    return joined.rstrip(".。")


def _title(text: str, lang: str) -> str:
    """A title's text: its lines joined as clauses (en ", ", zh "，")."""
    return _clean(text, lang, i18n.text("alt_line_sep", lang))


def _suptitle(fig, lang: str) -> str:
    title = getattr(fig, "_suptitle", None)  # Figure.get_suptitle() exists only from matplotlib 3.8
    return _title(title.get_text(), lang) if title is not None else ""


def _panels(fig) -> list:
    """The figure's axes that are panels: visible, not a colour bar (a picture without axes counts too)."""
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def _panel_text(ax, lang: str) -> str:
    titles = [_title(ax.get_title(loc), lang) for loc in ("left", "center", "right") if ax.get_title(loc)]
    parts = [i18n.text("alt_line_sep", lang).join(titles)] if titles else []
    for key, label in (("alt_x", ax.get_xlabel()), ("alt_y", ax.get_ylabel())):
        if _clean(label, lang):
            parts.append(i18n.text(key, lang, label=_clean(label, lang)))
    parts += [text for text in (_bars_text(ax, lang), _grid_text(ax, lang)) if text]
    legend = ax.get_legend()
    entries = [_clean(t.get_text(), lang) for t in legend.get_texts()] if legend is not None else []
    if any(entries):
        parts.append(i18n.text("alt_legend", lang, entries=i18n.text("alt_list_sep", lang).join(e for e in entries
                                                                                                 if e)))
    return i18n.text("alt_part_sep", lang).join(parts)


def _anchor(text) -> tuple[float, float]:
    """Where a text is attached, in data coordinates: an annotation's point (bar_label's), else its position."""
    return tuple(text.xy) if hasattr(text, "xy") else tuple(text.get_position())


def _decimals(texts: list) -> int | None:
    """The number of decimals the chart writes its numbers with ("0.82": 2), or None if it writes none."""
    for t in texts:
        match = re.fullmatch(r"[-+]?\d+\.(\d+)%?", t.get_text().strip())
        if match:
            return len(match.group(1))
    return None


def _bar_value(bar, texts: list, alone: bool) -> str:
    """The number written on ``bar`` (a text anchored at its top, or, for a chart of one series, the one text
    above it); else its height, with as many decimals as the chart's other numbers (three significant digits
    if it writes none)."""
    left, right = bar.get_x(), bar.get_x() + bar.get_width()
    top = bar.get_y() + bar.get_height()
    above = [t for t in texts if left <= _anchor(t)[0] <= right]
    at_top = [t for t in above if math.isclose(_anchor(t)[1], top, rel_tol=1e-9, abs_tol=1e-12)]
    chosen = at_top or (above if alone and len(above) == 1 else [])
    if chosen:
        return " ".join(chosen[0].get_text().split())
    decimals = _decimals(texts)
    return f"{bar.get_height():.{decimals}f}" if decimals is not None else f"{bar.get_height():.3g}"


def _bars_text(ax, lang: str) -> str:
    """"bars: class 0 = 0.2, class 1 = 0.4": each bar's tick label and value (:func:`_bar_value`); a chart of
    several series names each as its bars ("recall bars: ...; precision bars: ..."); "" without bars."""
    from matplotlib.container import BarContainer

    sep, part_sep = i18n.text("alt_list_sep", lang), i18n.text("alt_part_sep", lang)
    series = [c for c in ax.containers if isinstance(c, BarContainer)]
    texts = [t for t in ax.texts if t.get_text().strip()]
    ticks = [_clean(t.get_text(), lang) for t in ax.get_xticklabels()]
    groups = []
    for container in series:
        bars = list(container.patches)
        names = ticks if len(ticks) == len(bars) and all(ticks) else [str(i) for i in range(len(bars))]
        entries = sep.join(i18n.text("alt_bar", lang, name=name, value=_bar_value(bar, texts, len(series) == 1))
                           for name, bar in zip(names, bars))
        label = container.get_label() or ""
        named = label and not label.startswith("_")
        groups.append(i18n.text("alt_series_bars" if named else "alt_bars", lang, label=_clean(label, lang),
                                entries=entries))
    return part_sep.join(groups)


def _grid_text(ax, lang: str) -> str:
    """A picture with a number in every cell (a confusion matrix), read row by row: "cells by row: true class 0:
    predicted class 0 = 769 96%, predicted class 1 = 21 3%; true class 1: ..." with the rows and columns named
    by their tick labels (a bare number also by its axis' label); "" for any other axes."""
    if not ax.images:
        return ""
    def names(ticks, labels, axis_label):  # a bare number is named by its axis: "true class 0"
        axis_label = _clean(axis_label, lang)
        return {round(float(at)): (f"{axis_label} {name}" if axis_label and name.isdigit() else name)
                for at, name in zip(ticks, (_clean(t.get_text(), lang) for t in labels))}

    rows = names(ax.get_yticks(), ax.get_yticklabels(), ax.get_ylabel())
    cols = names(ax.get_xticks(), ax.get_xticklabels(), ax.get_xlabel())
    cells = {}
    for t in ax.texts:
        x, y = _anchor(t)
        key = (round(float(y)), round(float(x)))
        if key[0] in rows and key[1] in cols and t.get_text().strip():
            cells[key] = _clean(t.get_text(), lang, " ")
    if not rows or not cols or len(cells) != len(rows) * len(cols):
        return ""
    sep, part_sep = i18n.text("alt_list_sep", lang), i18n.text("alt_part_sep", lang)
    lines = [i18n.text("alt_row", lang, row=rows[r], cells=sep.join(
        i18n.text("alt_bar", lang, name=cols[c], value=cells[r, c]) for c in sorted(cols))) for r in sorted(rows)]
    return i18n.text("alt_grid", lang, rows=part_sep.join(lines))


def describe_figure(fig, lang: str | None = None) -> str:
    """A text alternative for ``fig`` in the lesson's language, from what the figure says of itself.

    >>> fig, ax = plt.subplots(); ax.set_title("Loss per class"); ax.set_ylabel("loss")
    >>> describe_figure(fig, "en")
    'Figure. Loss per class; y axis: loss.'

    A figure of several panels names each in turn ("Panel 1: ..."). A figure with no title, label or legend
    at all still gets a sentence that says so, rather than nothing.
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"describe_figure() takes a matplotlib Figure, got {type(fig).__name__}: pass plt.gcf() or the "
                        "figure a cw.plot_* function returned")
    lang = i18n.get_language(lang)
    title = _suptitle(fig, lang)
    sentences = [i18n.text("alt_figure", lang, title=title) if title else i18n.text("alt_figure_untitled", lang)]
    panels = [(i, _panel_text(ax, lang)) for i, ax in enumerate(_panels(fig), start=1)]
    panels = [(i, text) for i, text in panels if text]
    if len(panels) == 1 and len(_panels(fig)) == 1:
        sentences.append(i18n.text("alt_sentence", lang, text=panels[0][1]))
    else:
        sentences += [i18n.text("alt_panel", lang, i=i, text=text) for i, text in panels]
    return i18n.text("alt_join", lang).join(sentences)


def png_with_description(png, text: str):
    """``png`` (bytes, or base64 text as IPython's formatter gives it) with ``text`` in an iTXt chunk under the
    standard keyword "Description" (UTF-8, so Chinese survives), inserted before IEND; same type back.

    The picture then carries its own text alternative wherever it goes: a page that shows it without the
    output's metadata (Voila's slides) reads it from there (classroom/labextension), and so does any PNG reader
    (Pillow: ``Image.open(...).text["Description"]``)."""
    as_text = isinstance(png, str)
    raw = base64.b64decode(png) if as_text else bytes(png)
    if not raw.startswith(b"\x89PNG\r\n\x1a\n") or raw[-12:-8] != b"\x00\x00\x00\x00" or raw[-8:-4] != b"IEND":
        raise ValueError("not a complete PNG (it must start with the PNG signature and end with IEND)")
    data = b"Description\x00\x00\x00\x00\x00" + text.encode("utf-8")
    chunk = struct.pack(">I", len(data)) + b"iTXt" + data + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    out = raw[:-12] + chunk + raw[-12:]
    return base64.b64encode(out).decode("ascii") if as_text else out


def show(fig=None, *, alt: str | None = None, lang: str | None = None) -> None:
    """``plt.show()`` with a text alternative: display ``fig`` (default: every open figure) in the notebook with
    ``alt`` (default: :func:`describe_figure`) in the output's metadata, then close it.

    Outside a notebook, or where the figure would not be shown as a picture (a window backend), this is
    ``plt.show()``.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    if alt is not None and (not isinstance(alt, str) or not alt.strip()):
        raise ValueError("alt must be a non-empty sentence that says what the figure shows, or None for the "
                         "text cw.describe_figure(fig) makes from its titles and labels")
    figures = [fig] if fig is not None else [plt.figure(n) for n in plt.get_fignums()]
    try:
        from IPython import get_ipython
        from IPython.display import publish_display_data
    except ImportError:  # pragma: no cover - IPython comes with every Jupyter kernel
        get_ipython = None
    shell = get_ipython() if get_ipython is not None else None
    formatter = getattr(shell, "display_formatter", None)
    inline = "inline" in matplotlib.get_backend()
    for figure in figures:
        data, metadata = formatter.format(figure) if formatter is not None else ({}, {})
        if "image/png" not in data and formatter is not None and inline:
            # older IPython and matplotlib (Colab's) register the PNG formatter only at the first plt.show()
            from IPython.core.pylabtools import print_figure

            data = {**data, "image/png": base64.b64encode(print_figure(figure, "png")).decode("ascii")}
        if "image/png" not in data:  # no inline backend here: let matplotlib show it its own way
            plt.show()
            return
        text = alt or describe_figure(figure, lang)
        data = {**data, "image/png": png_with_description(data["image/png"], text)}
        metadata = dict(metadata)
        metadata["image/png"] = {**metadata.get("image/png", {}), "alt": text}
        publish_display_data(data, metadata=metadata)
        plt.close(figure)
