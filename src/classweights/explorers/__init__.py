"""The explorers: sliders that change a lesson's numbers and redraw its chart, on one base class.

- :func:`weight_explorer` (lessons 01, 03): class weights on fixed logits, per-class loss bars;
- :func:`training_explorer` (lessons 02, 03): class weights that retrain a classifier, its decision regions,
  recall and confusion matrix on validation data;
- :func:`threshold_explorer` (lesson 08): a two-class model's pos_weight and decision threshold, confusion matrix
  and reliability diagram;
- :func:`tau_explorer` (lesson 07): post-hoc logit adjustment's tau, per-class accuracy;
- :func:`multilabel_explorer` (lesson 09): a pos_weight per label, recall and precision per label.

Each returns the displayed widget; its ``.explorer`` is the :class:`~classweights.explorers.base.Explorer`.
"""

from .base import ClassWeightExplorer, Explorer, WeightSliders, preset_weights
from .multilabel import MultiLabelExplorer, multilabel_explorer, multilabel_state
from .tau import TauExplorer, tau_explorer, tau_state
from .threshold import ThresholdExplorer, threshold_explorer, threshold_state
from .training import TrainingExplorer, training_explorer, training_state
from .weight import WeightExplorer, explorer_state, state_table_html, weight_explorer

__all__ = [
    "ClassWeightExplorer",
    "Explorer",
    "MultiLabelExplorer",
    "TauExplorer",
    "ThresholdExplorer",
    "TrainingExplorer",
    "WeightExplorer",
    "WeightSliders",
    "explorer_state",
    "multilabel_explorer",
    "multilabel_state",
    "preset_weights",
    "state_table_html",
    "tau_explorer",
    "tau_state",
    "threshold_explorer",
    "threshold_state",
    "training_explorer",
    "training_state",
    "weight_explorer",
]
