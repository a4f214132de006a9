"""classweights: the helper package of Class Weights Lab.

Class counts and weighting schemes, per-class parts of weighted cross-entropy,
bar charts and interactive explorers for the lessons.
"""

from .data import BLOB_CENTERS, imbalanced_blobs, lesson_blobs, multilabel_data, pixel_data, train_val_test_split
from .digits import CNNRun, long_tailed_digits, per_class_accuracy, small_cnn, train_cnns
from .exercises import check
from .explorers import (
    MultiLabelExplorer,
    TauExplorer,
    ThresholdExplorer,
    TrainingExplorer,
    WeightExplorer,
    explorer_state,
    multilabel_explorer,
    multilabel_state,
    preset_weights,
    tau_explorer,
    tau_state,
    threshold_explorer,
    threshold_state,
    training_explorer,
    training_state,
    weight_explorer,
)
from .i18n import detect_language, get_language, scheme_name, set_language, tr
from .losses import focal_loss, per_class_loss
from .metrics import evaluate, predict
from .plotting import (
    CORRECTED_COLOR,
    RAW_COLOR,
    describe_figure,
    plot_class_losses,
    plot_loss_panels,
    plot_tradeoff,
    plot_training_result,
    show,
    style,
    use_cjk_font,
)
from .probabilities import expected_calibration_error, pos_weight, unweight_probabilities
from .reference import batch_inverse_frequency, noise_dataset, reference_training, safe_batch_weights, toy_example
from .sampling import oversampling_sampler
from .schemes import LogitAdjusted, SchemeLab, scheme_lab
from .tables import compare_metrics, lab_table, text_table
from .training import Run, train, train_many
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


__all__ = [
    "BLOB_CENTERS",
    "CORRECTED_COLOR",
    "RAW_COLOR",
    "CNNRun",
    "LogitAdjusted",
    "MultiLabelExplorer",
    "Run",
    "SchemeLab",
    "TauExplorer",
    "ThresholdExplorer",
    "TrainingExplorer",
    "WeightExplorer",
    "balanced",
    "batch_inverse_frequency",
    "check",
    "class_counts",
    "compare_metrics",
    "describe_figure",
    "detect_language",
    "effective_number",
    "evaluate",
    "expected_calibration_error",
    "explorer_state",
    "focal_loss",
    "get_language",
    "imbalanced_blobs",
    "inverse_frequency",
    "lab_table",
    "lesson_blobs",
    "logit_adjustment",
    "long_tailed_digits",
    "multilabel_data",
    "multilabel_explorer",
    "multilabel_state",
    "noise_dataset",
    "oversampling_sampler",
    "per_class_accuracy",
    "per_class_loss",
    "pick_device",
    "pixel_data",
    "plot_class_losses",
    "plot_loss_panels",
    "plot_tradeoff",
    "plot_training_result",
    "pos_weight",
    "predict",
    "preset_weights",
    "reference_training",
    "safe_batch_weights",
    "scheme_lab",
    "scheme_name",
    "set_language",
    "show",
    "small_cnn",
    "smoothed_inverse_frequency",
    "sqrt_inverse_frequency",
    "style",
    "tau_explorer",
    "tau_state",
    "text_table",
    "threshold_explorer",
    "threshold_state",
    "toy_example",
    "tr",
    "train",
    "train_cnns",
    "train_many",
    "train_val_test_split",
    "training_explorer",
    "training_state",
    "unweight_probabilities",
    "use_cjk_font",
    "weight_explorer",
]
