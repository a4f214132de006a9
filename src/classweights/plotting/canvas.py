"""Figures for widgets: drawn without pyplot, and redrawn in part (matplotlib's blitting)."""

from __future__ import annotations

from matplotlib.figure import Figure


def new_figure(figsize: tuple[float, float] = (3.8, 3.0), dpi: int = 80, axes: bool = True) -> Figure:
    """A figure not managed by pyplot (no global state, no backend), for widgets.

    With ``axes``: one axes at fixed margins instead of a layout engine, because a widget
    redraws it on every slider move and constrained layout would double the cost of each
    redraw. Without: an empty figure with constrained layout, for multi-panel redraws that
    happen once per (slower) retraining.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=figsize, dpi=dpi, layout=None if axes else "constrained")
    if axes:
        fig.add_axes((0.19, 0.1, 0.78, 0.7))
    FigureCanvasAgg(fig)
    return fig


class Blit:
    """Draw a figure once, keep a picture of everything that never changes, and redraw only ``dynamic``.

    ``dynamic`` lists the artists an update changes, in drawing order (matplotlib's blitting): they are
    left out of the kept picture, and :meth:`redraw` draws just them over it. The figure's layout is frozen
    after the first draw, so later updates do not move anything. :meth:`png` encodes what is drawn now.
    """

    def __init__(self, fig, dynamic):
        self.fig, self.dynamic = fig, list(dynamic)
        for artist in self.dynamic:
            artist.set_animated(True)
        fig.canvas.draw()  # lays out the figure and draws everything else
        fig.set_layout_engine("none")  # keep these positions
        self.background = fig.canvas.copy_from_bbox(fig.bbox)
        self.redraw()

    def redraw(self) -> None:
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        renderer = canvas.get_renderer()
        for artist in self.dynamic:
            if artist.get_visible():
                artist.draw(renderer)

    def png(self) -> bytes:
        """The figure as drawn now, as PNG bytes (fast compression: the picture is sent, not stored)."""
        import io

        from PIL import Image

        canvas = self.fig.canvas
        buf = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
            buf, format="png", compress_level=1)
        return buf.getvalue()
