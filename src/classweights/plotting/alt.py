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


def _clean(text: str, line_sep: str = " ") -> str:
    """Plain text: mathtext's ``$...$`` without the dollars and backslashes, a title's lines joined by
    ``line_sep``, spaces collapsed, no full stop at the end (the sentence adds its own)."""
    text = _MATH.sub(lambda m: m.group(1).replace("\\", "").replace("{", "").replace("}", ""), text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    joined = lines[0] if lines else ""
    for line in lines[1:]:  # a line in brackets explains the one above it: no separator before it
        joined += ("" if line[0] == "（" else " " if line[0] == "(" else line_sep) + line
    return joined.rstrip(".。")


def _suptitle(fig, lang: str) -> str:
    title = getattr(fig, "_suptitle", None)  # Figure.get_suptitle() exists only from matplotlib 3.8
    return _clean(title.get_text(), i18n.text("alt_list_sep", lang)) if title is not None else ""


def _panels(fig) -> list:
    """The figure's axes that are panels: visible, not a colour bar (a picture without axes counts too)."""
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def _panel_text(ax, lang: str) -> str:
    sep = i18n.text("alt_list_sep", lang)
    title = sep.join(_clean(ax.get_title(loc), sep) for loc in ("left", "center", "right") if ax.get_title(loc))
    parts = [title] if title else []
    for key, label in (("alt_x", ax.get_xlabel()), ("alt_y", ax.get_ylabel())):
        if _clean(label):
            parts.append(i18n.text(key, lang, label=_clean(label)))
    bars = _bars_text(ax, lang)
    if bars:
        parts.append(bars)
    legend = ax.get_legend()
    entries = [_clean(t.get_text()) for t in legend.get_texts()] if legend is not None else []
    if any(entries):
        parts.append(i18n.text("alt_legend", lang, entries=i18n.text("alt_list_sep", lang).join(e for e in entries
                                                                                                 if e)))
    return i18n.text("alt_part_sep", lang).join(parts)


def _anchor(text) -> tuple[float, float]:
    """Where a text is attached, in data coordinates: an annotation's point (bar_label's), else its position."""
    return tuple(text.xy) if hasattr(text, "xy") else tuple(text.get_position())


def _bar_value(bar, texts: list, alone: bool) -> str:
    """The number written on ``bar`` (a text anchored at its top, or, for a chart of one series, the one text
    above it), else its height to three significant digits."""
    left, right = bar.get_x(), bar.get_x() + bar.get_width()
    top = bar.get_y() + bar.get_height()
    above = [t for t in texts if left <= _anchor(t)[0] <= right]
    at_top = [t for t in above if math.isclose(_anchor(t)[1], top, rel_tol=1e-9, abs_tol=1e-12)]
    chosen = at_top or (above if alone and len(above) == 1 else [])
    return _clean(chosen[0].get_text()) if chosen else f"{bar.get_height():.3g}"


def _bars_text(ax, lang: str) -> str:
    """"bars: class 0 0.2, class 1 0.4": each bar's tick label and value (:func:`_bar_value`); a chart of several
    series names each by its label ("recall: ...; precision: ..."); "" for a chart without bars."""
    from matplotlib.container import BarContainer

    sep, part_sep = i18n.text("alt_list_sep", lang), i18n.text("alt_part_sep", lang)
    series = [c for c in ax.containers if isinstance(c, BarContainer)]
    texts = [t for t in ax.texts if _clean(t.get_text())]
    ticks = [_clean(t.get_text()) for t in ax.get_xticklabels()]
    groups = []
    for container in series:
        bars = list(container.patches)
        names = ticks if len(ticks) == len(bars) and all(ticks) else [str(i) for i in range(len(bars))]
        entries = sep.join(f"{name} {_bar_value(bar, texts, len(series) == 1)}" for name, bar in zip(names, bars))
        label = container.get_label() or ""
        named = label and not label.startswith("_")
        groups.append(i18n.text("alt_series", lang, label=_clean(label), entries=entries) if named else entries)
    return i18n.text("alt_bars", lang, entries=part_sep.join(groups)) if groups else ""


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
    for figure in figures:
        data, metadata = formatter.format(figure) if formatter is not None else ({}, {})
        if "image/png" not in data:  # no inline backend here: let matplotlib show it its own way
            plt.show()
            return
        text = alt or describe_figure(figure, lang)
        data = {**data, "image/png": png_with_description(data["image/png"], text)}
        metadata = dict(metadata)
        metadata["image/png"] = {**metadata.get("image/png", {}), "alt": text}
        publish_display_data(data, metadata=metadata)
        plt.close(figure)
