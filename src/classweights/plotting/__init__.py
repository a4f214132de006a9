"""Figures: the package's style (fonts, colours), bar charts, a trained classifier's panels, the scheme lab's
trade-off chart, the label placer it uses, and the widgets' pyplot-free canvas with blitting.

- :mod:`.style`: :func:`style` (the ``with`` block every figure is drawn in: the shipped CJK font as fallback),
  :func:`use_cjk_font`, the colours and markers;
- :mod:`.bars`: per-class bar charts (:func:`plot_class_losses`, :func:`plot_loss_panels`);
- :mod:`.results`: decision regions, recall, confusion matrix (:func:`plot_training_result`);
- :mod:`.tradeoff`: :func:`plot_tradeoff`; :mod:`.labels`: labels placed beside its points;
- :mod:`.canvas`: :func:`new_figure` and :class:`Blit`, for the explorers;
- :mod:`.alt`: :func:`show` (``plt.show()`` with a text alternative from :func:`describe_figure`).
"""

from .alt import describe_figure, show
from .bars import draw_class_bars, plot_class_losses, plot_loss_panels, update_class_bars
from .canvas import Blit, new_figure
from .results import draw_confusion_matrix, draw_decision_regions, plot_training_result, row_shares
from .style import CJK_FAMILY, CORRECTED_COLOR, FONT_DIR, RAW_COLOR, style, use_cjk_font
from .tradeoff import plot_tradeoff

__all__ = [
    "CJK_FAMILY",
    "CORRECTED_COLOR",
    "FONT_DIR",
    "RAW_COLOR",
    "Blit",
    "describe_figure",
    "draw_class_bars",
    "draw_confusion_matrix",
    "draw_decision_regions",
    "new_figure",
    "plot_class_losses",
    "plot_loss_panels",
    "plot_tradeoff",
    "plot_training_result",
    "row_shares",
    "show",
    "style",
    "update_class_bars",
    "use_cjk_font",
]
