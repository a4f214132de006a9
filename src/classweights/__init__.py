"""classweights: the helper package of Class Weights Lab.

Class counts and weighting schemes, per-class parts of weighted cross-entropy,
bar charts and interactive explorers for the lessons.
"""

from .exercises import check
from .explorer import (
    TrainingExplorer,
    WeightExplorer,
    explorer_state,
    preset_weights,
    training_explorer,
    training_state,
    weight_explorer,
)
from .i18n import detect_language, get_language, scheme_name, set_language, tr
from .losses import focal_loss, per_class_loss
from .sampling import oversampling_sampler
from .probabilities import expected_calibration_error, pos_weight, unweight_probabilities
from .batched import Run, train_many
from .binary import threshold_explorer, threshold_state
from .digits import CNNRun, long_tailed_digits, per_class_accuracy, small_cnn, tau_explorer, tau_state, train_cnns
from .schemes import LogitAdjusted, lab_table, plot_lab, scheme_lab
from .plotting import plot_class_losses, plot_loss_panels, plot_tradeoff, plot_training_result, use_cjk_font
from .reference import batch_inverse_frequency, noise_dataset, reference_training, safe_batch_weights
from .training import compare_metrics, evaluate, imbalanced_blobs, predict, text_table, train, train_val_test_split
from .weights import (
    balanced,
    class_counts,
    effective_number,
    inverse_frequency,
    logit_adjustment,
    smoothed_inverse_frequency,
    sqrt_inverse_frequency,
)

__version__ = "0.1.0"


def pick_device() -> "torch.device":  # noqa: F821
    """The accelerator if there is one (CUDA, then Apple's MPS), else the CPU."""
    import torch

    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


use_cjk_font()

__all__ = [
    "LogitAdjusted",
    "TrainingExplorer",
    "WeightExplorer",
    "batch_inverse_frequency",
    "check",
    "compare_metrics",
    "evaluate",
    "focal_loss",
    "logit_adjustment",
    "oversampling_sampler",
    "sqrt_inverse_frequency",
    "imbalanced_blobs",
    "noise_dataset",
    "plot_loss_panels",
    "plot_tradeoff",
    "plot_training_result",
    "predict",
    "reference_training",
    "safe_batch_weights",
    "train",
    "train_many",
    "Run",
    "train_val_test_split",
    "training_explorer",
    "training_state",
    "tr",
    "balanced",
    "class_counts",
    "detect_language",
    "effective_number",
    "explorer_state",
    "get_language",
    "inverse_frequency",
    "lab_table",
    "plot_lab",
    "scheme_lab",
    "per_class_loss",
    "pick_device",
    "plot_class_losses",
    "preset_weights",
    "scheme_name",
    "set_language",
    "smoothed_inverse_frequency",
    "use_cjk_font",
    "weight_explorer",
    "pos_weight",
    "unweight_probabilities",
    "expected_calibration_error",
    "threshold_explorer",
    "threshold_state",
    "CNNRun",
    "long_tailed_digits",
    "per_class_accuracy",
    "small_cnn",
    "train_cnns",
    "tau_explorer",
    "tau_state",
    "text_table",
]
