"""The words the package puts in figures and widgets, in English and Traditional Chinese (Taiwan).

The lessons' code is the same in both languages; the language of figure text is
found from where the notebook runs (see :func:`get_language`) or set with
:func:`set_language`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

LANGUAGES = ("en", "zh-TW")

TEXT = {
    "en": {
        "class": "class {c}",
        "loss": "loss",
        "weight": "weight",
        "count": "samples",
        "share": "share of total",
        "total": "total",
        "title": "Loss per class ({reduction})",
        "sum": "sum",
        "mean": "mean",
        "preset": "Preset",
        "reduction": "Reduction",
        "none": "no weights",
        "inverse_frequency": "inverse frequency",
        "smoothed": "smoothed inverse frequency",
        "balanced": "balanced",
        "custom": "custom",
        "mean_undefined": "Every class in the targets has weight 0: with 'mean' the loss is 0 / 0, undefined. Give some class a positive weight.",
        "per_sample": "divided by the targets' total weight {denom}",
        "recall": "recall",
        "precision": "precision",
        "regions": "Decision regions (validation data)",
        "recall_title": "Recall per class",
        "confusion": "Confusion matrix",
        "true_class": "true class",
        "predicted_class": "predicted class",
        "balanced_accuracy": "balanced accuracy",
        "macro_f1": "macro-F1",
        "accuracy": "accuracy",
        "training": "training…",
        "train_weights": "Class weights",
        "confusion_row_share": "(colour: share of the row)",
        "majority_recall": "majority recall",
        "majority_precision": "majority precision",
        "minority_recall": "mean minority recall",
        "minority_precision": "mean minority precision",
        "threshold": "threshold",
        "mean_p_pos": "mean P(class 1), raw / corrected",
        "positive_share": "share of class 1 in the data",
        "raw_corrected_note": "raw: the weighted model's softmax; corrected: cw.unweight_probabilities. Decisions: raw P(class 1) ≥ threshold.",
        "reliability": "Reliability diagram of P(class 1)",
        "mean_predicted": "mean predicted P(class 1)",
        "fraction_positive": "fraction that is class 1",
        "perfect_calibration": "perfectly calibrated",
        "raw_probabilities": "raw (weighted model)",
        "corrected_probabilities": "corrected",
        "at_tau_0": "at τ = 0:",
        "head_digits": "head (digits 0-2)",
        "tail_digits": "tail (digits 7-9)",
        "middle_digits": "digits 3-6",
        "tau_0_outline": "τ = 0",
        "tau_title": "Accuracy per digit, post-hoc τ = {tau}: balanced accuracy {ba} (τ = 0, dashed: {ba0})",
        "digit_head_to_tail": "digit (head → tail)",
        "chart_alt": "Chart of the explorer's current results.",
        "alt_figure": "Figure: {title}.",
        "alt_figure_untitled": "Figure.",
        "alt_sentence": "{text}.",
        "alt_panel": "Panel {i}: {text}.",
        "alt_join": " ",
        "alt_x": "x axis: {label}",
        "alt_y": "y axis: {label}",
        "alt_legend": "legend: {entries}",
        "alt_bars": "bars: {entries}",
        "alt_series_bars": "{label} bars: {entries}",
        "alt_bar": "{name} = {value}",
        "alt_grid": "cells by row: {rows}",
        "alt_row": "{row}: {cells}",
        "alt_line_sep": ", ",
        "alt_range": "{a} to {b}",
        "alt_no_weights_series": "{metric} (no weights)",
        "alt_list_sep": ", ",
        "alt_part_sep": "; ",
        "label": "label {j}",
        "multilabel_title": "Recall and precision per label, validation",
        "no_weights_outline": "dashed: no weights",
        "predicted_positive": "predicted positive / positives",
        "predicted_note": "Each slider retrains its own label only: the other labels do not move.",
    },
    "zh-TW": {
        "class": "類別 {c}",
        "loss": "損失",
        "weight": "權重",
        "count": "筆數",
        "share": "總損失占比",
        "total": "總損失",
        "title": "每個類別的損失（{reduction}）",
        "sum": "加總 sum",
        "mean": "平均 mean",
        "preset": "快速設定",
        "reduction": "彙總方式",
        "none": "不加權",
        "inverse_frequency": "頻率倒數",
        "smoothed": "平滑化頻率倒數",
        "balanced": "平衡（balanced）",
        "custom": "自訂",
        "mean_undefined": "目標標籤中所有類別的權重都是 0：用平均（mean）彙總時損失是 0 / 0，沒有定義。請至少給一個類別正的權重。",
        "per_sample": "除以目標標籤的權重總和 {denom}",
        "recall": "召回率",
        "precision": "精確率",
        "regions": "決策區域（驗證集）",
        "recall_title": "各類別的召回率",
        "confusion": "混淆矩陣",
        "true_class": "真實類別",
        "predicted_class": "預測類別",
        "balanced_accuracy": "平衡準確率",
        "macro_f1": "macro-F1",
        "accuracy": "準確率",
        "training": "訓練中…",
        "train_weights": "類別權重",
        "confusion_row_share": "（顏色：在該列的占比）",
        "majority_recall": "多數類別的召回率",
        "majority_precision": "多數類別的精確率",
        "minority_recall": "少數類別的平均召回率",
        "minority_precision": "少數類別的平均精確率",
        "threshold": "門檻值",
        "mean_p_pos": "P(類別 1) 的平均，原始 / 校正後",
        "positive_share": "資料中類別 1 的占比",
        "raw_corrected_note": "原始：加權模型的 softmax；校正後：cw.unweight_probabilities。判定：原始 P(類別 1) ≥ 門檻值。",
        "reliability": "P(類別 1) 的可靠度圖",
        "mean_predicted": "預測的 P(類別 1) 平均",
        "fraction_positive": "實際是類別 1 的比例",
        "perfect_calibration": "完美校準",
        "raw_probabilities": "原始（加權模型）",
        "corrected_probabilities": "校正後",
        "at_tau_0": "τ = 0 時：",
        "head_digits": "頭部（數字 0-2）",
        "tail_digits": "尾部（數字 7-9）",
        "middle_digits": "數字 3-6",
        "tau_0_outline": "τ = 0",
        "tau_title": "各數字的準確率，事後調整 τ = {tau}：平衡準確率 {ba}（τ = 0，虛線：{ba0}）",
        "digit_head_to_tail": "數字（頭部 → 尾部）",
        "chart_alt": "探索工具目前結果的圖表。",
        "alt_figure": "圖：{title}。",
        "alt_figure_untitled": "圖。",
        "alt_sentence": "{text}。",
        "alt_panel": "第 {i} 張子圖：{text}。",
        "alt_join": "",
        "alt_x": "橫軸：{label}",
        "alt_y": "縱軸：{label}",
        "alt_legend": "圖例：{entries}",
        "alt_bars": "長條：{entries}",
        "alt_series_bars": "{label}長條：{entries}",
        "alt_bar": "{name} = {value}",
        "alt_grid": "各格數值（逐列）：{rows}",
        "alt_row": "{row}：{cells}",
        "alt_line_sep": "，",
        "alt_range": "{a} 到 {b}",
        "alt_no_weights_series": "{metric}（不加權）",
        "alt_list_sep": "、",
        "alt_part_sep": "；",
        "label": "標籤 {j}",
        "multilabel_title": "各標籤在驗證集上的召回率和精確率",
        "no_weights_outline": "虛線：不加權",
        "predicted_positive": "預測為正類 / 實際正類",
        "predicted_note": "每個滑桿只重新訓練它自己的標籤：其他標籤不會變。",
    },
}

# Words the lessons' own code puts in figures and tables: the English phrase is the key,
# so the shared code reads naturally (cw.tr("training loss")) and shows Chinese in zh-TW lessons.
PHRASES = {
    "no weights": "不加權",
    "step": "訓練步數",
    "training loss": "訓練損失",
    "smoothing factor s": "平滑因子 s",
    "held-out recall": "測試資料的召回率",
    "validation recall": "驗證集的召回率",
    "class {c}": "類別 {c}",
    "global 1/count": "全域 1/count",
    "per-batch 1/count": "每批次 1/count",
    "safe per-batch": "安全的每批次權重",
    "weakest minority recall": "最弱少數類別的召回率",
    "weights": "加權",
    "oversampling": "過抽樣",
    "both": "兩者並用",
    "imbalance 1:{r}": "不平衡比值 1:{r}",
    "majority recall": "多數類別的召回率",
    "majority precision": "多數類別的精確率",
    "mean minority recall": "少數類別的平均召回率",
    "mean minority precision": "少數類別的平均精確率",
    "weights [1, p]": "權重 [1, p]",
    "weights + correction": "加權後再校正",
    "perfectly calibrated": "完美校準",
    "mean predicted P(positive)": "預測的 P(正類) 平均",
    "fraction of positives": "實際是正類的比例",
    "Reliability diagram (validation)": "可靠度圖（驗證集）",
    # lesson 07
    "One test image of each digit, 0 to 9.": "每個數字（0 到 9）各一張測試影像。",
    "digit (head to tail), training images per digit below": "數字（由頭部到尾部），下方是各數字的訓練影像張數",
    "test accuracy": "測試集準確率",
    "CE (no weights)": "CE（不加權）",
    "balanced weights": "平衡權重",
    "class-balanced (effective number)": "類別平衡權重（有效樣本數）",
    "focal loss": "focal loss（焦點損失）",
    "CE-DRW (deferred)": "CE-DRW（延後重新加權）",
    "logit-adjusted loss": "logit 調整損失",
    "post-hoc logit adjustment": "事後 logit 調整",
    "ratio {r}": "比值 {r}",
    "head (digits 0-2)": "頭部（數字 0-2）",
    "tail (digits 7-9)": "尾部（數字 7-9）",
    "Accuracy per digit at ratio {r}, mean over {n} seeds": "比值 {r} 時各數字的準確率，{n} 個種子的平均",
    "device: {d}": "裝置：{d}",
    "scikit-learn's handwritten digits: {n} images": "scikit-learn 的手寫數字：{n} 張影像",
    "True": "是",
    "False": "否",
    "train": "訓練集",
    "val": "驗證集",
    "test": "測試集",
    "{name}: {shape}, images per digit {counts}": "{name}：{shape}，每個數字的影像張數 {counts}",
    "seed {a}: the same counts per digit as seed {b}: {same}; training images in both: {k} of {n}":
        "種子 {a}：每個數字的張數和種子 {b} 相同：{same}；兩者共有的訓練影像：{n} 張中有 {k} 張",
    "ratio {r}, seed {s}: training images per digit {counts}": "比值 {r}、種子 {s}：每個數字的訓練影像張數 {counts}",
    "CE-DRW, ratio {r}, seed {s}: validation accuracy per digit": "CE-DRW，比值 {r}、種子 {s}：各數字在驗證集上的準確率",
    "balanced accuracy {ba}": "平衡準確率 {ba}",
    "{n} networks trained: {k} recipes x {r} ratios x {s} seeds": "訓練了 {n} 個網路：{k} 種做法 × {r} 種比值 × {s} 個種子",
    "the batched CE-DRW network of ratio {r}, seed {s} is section 2's (logits within 1e-8): {same}":
        "比值 {r}、種子 {s} 批次訓練的 CE-DRW 網路和第 2 節的相同（logits 相差 1e-8 以內）：{same}",
    "ratio {r}: {n} training images, {b} batches per epoch; class-balanced within 1% of balanced: {near}":
        "比值 {r}：{n} 張訓練影像，每個訓練週期 {b} 個批次；類別平衡權重和平衡權重相差 1% 以內：{near}",
    "epoch {e}": "第 {e} 週期",
    "ratio {r}: tau chosen on each seed's validation set {taus}": "比值 {r}：在每個種子自己的驗證集上選出的 τ {taus}",
    "validation balanced accuracy, mean over the seeds: {a} at tau 0, {b} at the chosen tau":
        "驗證集平衡準確率（各種子的平均）：τ = 0 時 {a}，用選出的 τ 時 {b}",
    "ratio {r}: test accuracy minus CE's on the same split, in points":
        "比值 {r}：測試集準確率減去 CE 在同一個切分上的準確率（百分點）",
    "seed {s}": "種子 {s}",
    "Difference from CE: mean [95% interval] wins out of {n}, in points (t = {t})":
        "和 CE 的差異：平均 [95% 信賴區間] {n} 次中的勝場數，單位是百分點（t = {t}）",
    "Two recipes paired directly, ratio {r}:": "兩種做法直接配對，比值 {r}：",
    "{a} minus {b}: {s}": "「{a}」減去「{b}」：{s}",
    "all {n} pairs of the {k} recipes above 0: {m} intervals exclude 0":
        "區間在 0 以上的 {k} 種做法，兩兩配對共 {n} 組：其中 {m} 組的區間不含 0",
    "ours, ratio {r}, {n} seeds: {gain}": "本課，比值 {r}、{n} 個種子：{gain}",
    "{paper}, {where}, row {row}, ρ = {rho}: {gain} (CE accuracy {ce})":
        "{paper}，{where}，「{row}」列，ρ = {rho}：{gain}（CE 準確率 {ce}）",
    "Zhang et al. 2021": "Zhang 等人 2021",
    "Cao et al. 2019": "Cao 等人 2019",
    "Cui et al. 2019": "Cui 等人 2019",
    "Menon et al. 2021": "Menon 等人 2021",
    "repository table": "儲存庫的結果表",
    "Table 2": "表 2",
    "Table 3": "表 3",
    "Table 5": "表 5",
    "Fig. 8": "圖 8",
    # teacher's view (add its phrases above this line)
    "shape of logits {a}, of targets {b}": "logits 的形狀 {a}，targets 的形狀 {b}",
    "samples per class: {n}": "每個類別的筆數：{n}",
    "probability of the true class: {p}": "正確類別的機率：{p}",
    "loss of one sample, -ln(p) = {x}, with p = {p}": "一個樣本的損失 −ln(p) = {x}，其中 p = {p}",
    "CrossEntropyLoss (sum): {x}": "CrossEntropyLoss（加總 sum）：{x}",
    "per-class parts: {p}": "各類別所占的部分：{p}",
    "sum of the parts: {x}": "各部分的總和：{x}",
    "share of class 0: {x}": "類別 0 的占比：{x}",
    "class {c}, 'sum': loss of its own samples {own}, part of the total {part}":
        "類別 {c}，加總 sum：只用自己的樣本算出的損失 {own}，在總損失中所占的部分 {part}",
    "class {c}, 'mean': mean of its own samples {own}, part of the overall mean {part}":
        "類別 {c}，平均 mean：只用自己的樣本算出的平均 {own}，在整體平均中所占的部分 {part}",
    "CrossEntropyLoss (sum, weighted): {x}": "CrossEntropyLoss（加總 sum，加權）：{x}",
    "weight ratio class 1 / class 0: {x}": "權重比（類別 1 / 類別 0）：{x}",
    "count ratio class 0 / class 1: {x}": "筆數比（類別 0 / 類別 1）：{x}",
    "class-1 sample predicted as class {k}: loss {a}, weighted {b}, ratio {r}":
        "被預測成類別 {k} 的類別 1 樣本：損失 {a}，加權後 {b}，比值 {r}",
    "average count per class: {x}": "每個類別的平均筆數：{x}",
    "average / count: {w}": "平均筆數 / 各類別筆數：{w}",
    "cw.balanced(counts): {w}": "cw.balanced(counts)：{w}",
    "for comparison, 1 / count (inverse frequency): {w}": "對照用的 1 / 筆數（頻率倒數）：{w}",
    "probability of the true class for class 1: {p}": "類別 1 的樣本，正確類別的機率：{p}",
    "per-class parts with balanced weights: {p}": "用平衡權重時各類別所占的部分：{p}",
    "toy logits": "玩具範例的 logits",
    "unsure logits": "「沒把握」的 logits",
    "10 x balanced weights": "10 × 平衡權重",
    "sum": "加總 sum",
    "mean": "平均 mean",
    "sum / Σᵢ w[yᵢ]": "加總 / Σᵢ w[yᵢ]",
    "the rest of the message names the fix: {fix}": "訊息的後半段指出修正方法：{fix}",
    "the same as scikit-learn's compute_class_weight('balanced'): {same}":
        "和 scikit-learn 的 compute_class_weight('balanced') 相同：{same}",
    "torch.nn.CrossEntropyLoss with only the weights moved: {e}": "torch.nn.CrossEntropyLoss 只搬了權重時：{e}",
    # lesson 01 (add this lesson's phrases above this line)
    "weights 1 / count: {w}": "1 / count 權重：{w}",
    "printed by PyTorch: {t}": "PyTorch 印出的：{t}",
    "1 / 800 as a float32: {v}": "1 / 800 存成 float32：{v}",
    "weighted loss of one batch of 32 (an untrained model): {l}": "一個 32 筆資料批次的加權損失（模型尚未訓練）：{l}",
    "Epoch: {e}, loss without weights: {a}, with 1/count weights: {b}":
        "第 {e} 個訓練週期：不加權的損失 {a}，用 1/count 權重的損失 {b}",
    "samples in the last batch of an epoch: {n}": "每個訓練週期最後一個批次的筆數：{n}",
    "samples per class:": "每個類別的筆數：",
    "distance between class centres: 0-1 {a}, 0-2 {b}, 1-2 {c}": "類別中心之間的距離：0-1 {a}、0-2 {b}、1-2 {c}",
    "spread (standard deviation) of each class, training set: {s}": "訓練集中各類別的分散程度（標準差）：{s}",
    "autograd gradient equals w_y (p - e_y): {ok}": "autograd 算出的梯度等於 w_y (p - e_y)：{ok}",
    "weighted model and the rule argmax w_c p(c|x) agree on {k} of {n} validation points":
        "在 {n} 個驗證集資料點中，加權模型和規則 argmax w_c p(c|x) 有 {k} 個一致",
    "post-hoc logit adjustment (tau = 1) predicts exactly the rule: {ok}": "事後 logit 調整（τ = 1）的預測和規則完全相同：{ok}",
    "share of each class in the validation set": "驗證集中各類別的占比",
    "mean predicted probability, no weights": "平均預測機率，不加權",
    "mean predicted probability, 1 / count weights": "平均預測機率，1 / count 權重",
    "the same, corrected with softmax(z - log w)": "同上，以 softmax(z - log w) 修正",
    "final training loss, no weights: {a}; 1 / count: {b}": "最後的訓練損失：不加權 {a}；1 / count {b}",
    "chosen on the validation set: {m}": "在驗證集上選出的模型：{m}",
    "{m} (test set)": "{m}（測試集）",
    # lesson 02 (add this lesson's phrases above this line)
    "samples per class: {v}": "各類別的筆數：{v}",
    "1 / count: {v}": "1 / count：{v}",
    "(1 + s) / (count + s): {v}": "(1 + s) / (count + s)：{v}",
    "smoothed / inverse: {v}": "平滑化權重 / 頻率倒數：{v}",
    "every smoothed weight is higher: {b}": "每個平滑化權重都比較高：{b}",
    "majority class: {c}": "多數類別：{c}",
    "largest weight in the comment goes to class {c} ({r} times the others)":
        "註解裡最大的權重給了類別 {c}（是其他類別的 {r} 倍）",
    "largest weight the code computes goes to class {c}": "程式碼算出的最大權重給了類別 {c}",
    "1 / count, relative to class 0: {v}": "1 / count，相對於類別 0：{v}",
    "smoothed, relative to class 0: {v}": "平滑化權重，相對於類別 0：{v}",
    "1 / count": "1 / count",
    "smoothed, s = 0.1": "平滑化，s = 0.1",
    "1000 x (1 / count)": "1000 x (1 / count)",
    "(the run compared with)": "（比較的基準就是這一次）",
    "below 1e-6 (float rounding)": "小於 1e-6（浮點數捨入誤差）",
    "between 1e{a} and 1e{b}": "介於 1e{a} 和 1e{b} 之間",
    "{name}: last-batch loss per epoch {v}": "{name}：每個訓練週期最後一個批次的損失 {v}",
    "largest parameter difference from '1 / count': {d}": "和「1 / count」相比，參數的最大差異：{d}",
    "{r}: loss with weights x 1: {a}, x 1000: {b}": "{r}：權重 x 1 的損失 {a}，x 1000 的損失 {b}",
    "ratio x1000 / x1: loss {l}, gradient norm {g}": "x1000 / x1 的比值：損失 {l}，梯度範數 {g}",
    "{r}: parameters with weights w and 1000 w differ by less than 1e-5: {b}":
        "{r}：權重 w 和 1000 w 訓練出的參數相差小於 1e-5：{b}",
    "training samples per class: {v}": "各類別的訓練筆數：{v}",
    "recall {c}": "召回率 {c}",
    "bal. acc.": "平衡準確率",
    "rarest counted class's weight": "有樣本的類別中最少見那一類的權重",
    "{name}: weights {w}, class 2 / class 0 = {r}": "{name}：權重 {w}，類別 2 / 類別 0 = {r}",
    "probabilities that minimise the loss of a class-0 sample, ε = 0.1: {p}":
        "讓類別 0 樣本損失最小的機率，ε = 0.1：{p}",
    "three classes, no weights: best probabilities {p}": "不加權（三個類別）時的這組機率：{p}",
    "class 2 left out (two classes), smoothed weights: best probabilities {p}":
        "拿掉類別 2（剩兩個類別），平滑化權重下讓類別 0 樣本損失最小的機率：{p}",
    "class 2 left out (two classes), no weights: best probabilities {p}": "拿掉類別 2（剩兩個類別），不加權時的這組機率：{p}",
    "cw.smoothed_inverse_frequency refuses a zero count: {b}": "cw.smoothed_inverse_frequency 拒絕筆數為零的類別：{b}",
    "values of s within one rare-class validation sample ({d}) of the best: {v}":
        "和最高分相差不到驗證集裡少數類別一筆資料（{d}）的 s：{v}",
    "s chosen on the validation set: {s} (validation balanced accuracy {ba})": "在驗證集上選出的 s：{s}（驗證集平衡準確率 {ba}）",
    "test set, evaluated once: balanced accuracy {ba}, recall per class {r}":
        "測試集（只評估這一次）：平衡準確率 {ba}，各類別的召回率 {r}",
    "noise data: {n} samples, {f} features": "雜訊資料：{n} 筆資料、{f} 個特徵",
    "its standard error on this validation set: {se}": "它在這個驗證集上的標準誤：{se}",
    # lesson 03 (add this lesson's phrases above this line)
    "Epoch: {e}, Loss: {l}": "訓練週期：{e}，損失：{l}",
    "batches: {n}, with an infinite weight: {k}: {v}": "批次數：{n}，含無限大權重的批次：{k} 個：{v}",
    "every batch loss is finite: {b}": "每個批次的損失都是有限值：{b}",
    "batch {b}: samples per class {v}": "批次 {b}：各類別的筆數 {v}",
    "its weights: {v}": "它的權重：{v}",
    "its loss: {l}": "它的損失：{l}",
    "weight of the missing class {c} = {v}: loss = {l}": "缺少的類別 {c} 的權重 = {v}：損失 = {l}",
    "the same batch with label_smoothing=0.1: loss = {l}": "同一個批次加上 label_smoothing=0.1：損失 = {l}",
    "NaN in its gradient: {b}": "梯度裡有 NaN：{b}",
    "first non-finite batch loss: batch {b}, loss {l}": "第一個非有限值的批次損失：批次 {b}，損失 {l}",
    "the next batch's loss: {l}": "下一個批次的損失：{l}",
    "any NaN in the trained parameters: {b}": "訓練好的參數裡有 NaN：{b}",
    "safe weights for the batch above: {v}, all finite: {b}": "上面那個批次的安全權重：{v}，全都是有限值：{b}",
    "{name} with label smoothing: all batch losses finite = {b}": "{name}，加上標籤平滑：每個批次的損失都是有限值 = {b}",
    "class {c}: {n} samples in the batch, total weight {t}": "類別 {c}：批次中有 {n} 筆，總權重 {t}",
    "average w1 / w0": "平均 w1 / w0",
    "effective, class {c}": "類別 {c} 有效權重",
    "batch of 28 and 4, {name}: w1 / w0 = {r}, total weights of classes 0 and 1: {a}, {b}":
        "28 筆和 4 筆的批次，{name}：w1 / w0 = {r}，類別 0 和類別 1 的總權重：{a}、{b}",
    "recall 0: global": "召回率 0：全域",
    "per-batch": "每批次",
    "difference": "差異",
    "eff.: global": "有效權重：全域",
    "per-batch minus global, recall 0: mean {m}, 95% interval [{lo}, {hi}], sample std {sd}":
        "每批次減去全域，類別 0 的召回率：平均 {m}，95% 信賴區間 [{lo}, {hi}]，樣本標準差 {sd}",
    "per-batch 1/count corrected less (higher recall 0) on {k} of {n} splits":
        "每批次 1/count 補償得較少（類別 0 召回率較高）：{n} 個切分中有 {k} 個",
    "the rule with more minority effective weight had the lower recall 0 on {k} of {n} splits":
        "給少數類別較多有效權重的規則，類別 0 召回率較低：{n} 個切分中有 {k} 個",
    "PyTorch's loss equals the formula: {b}": "PyTorch 的損失等於公式算出的值：{b}",
    "{name}, ε = 0.1: probabilities minimising a class-0 sample's loss {p}":
        "{name}，ε = 0.1：讓類別 0 樣本損失最小的機率 {p}",
    "validation samples per class: {v}": "驗證集各類別的筆數：{v}",
    "{name}, ε = {e}": "{name}，ε = {e}",
    "one class-1 sample moves balanced accuracy by 1 / (3 x {n}) = {d}": "一筆類別 1 的資料讓平衡準確率變動 1 / (3 x {n}) = {d}",
    "batch losses after it that are NaN: {k} of {n}": "之後的批次損失是 NaN 的：{n} 個中有 {k} 個",
    "validation samples per class, every split: {v}": "每個切分的驗證集各類別筆數：{v}",
    "two-sided sign test of {k} of {n}: p = {p}": "{n} 個中有 {k} 個的雙尾符號檢定：p = {p}",
    # lesson 04 (add this lesson's phrases above this line)
    "weights per class": "各類別的權重",
    "relative to class 0": "相對於類別 0",
    "equal to float32 precision: {same}": "在 float32 精度內相等：{same}",
    "{name}, β = {b}": "{name}，β = {b}",
    "{name}, s = {s}": "{name}，s = {s}",
    "focal loss, γ = {g}: {v}": "focal loss，γ = {g}：{v}",
    "CrossEntropyLoss(α): {v}, equal: {same}": "CrossEntropyLoss(α)：{v}，相等：{same}",
    "fixed: {focal} γ = {g}; {loss} τ = {t}": "固定不調：{focal} γ = {g}；{loss} τ = {t}",
    "{metric}: lower on {k} of {n} splits": "{metric}：{n} 個切分中有 {k} 個比較低",
    "training counts: {c}": "訓練筆數：{c}",
    "one pass of draws: {c}": "抽完一輪的筆數：{c}",
    "boost of a rare class over class 0: {b}": "少數類別相對於類別 0 被推高：{b}",
    "samples per class in each set, seed {s}:": "每一組資料各類別的筆數，種子 {s}：",
    "1:{r}: training {a}, validation {b}, test {c}": "1:{r}：訓練集 {a}，驗證集 {b}，測試集 {c}",
    "the test set of every seed: {n} samples": "每個種子的測試集：{n} 筆",
    "{scheme}: {knob} tried {grid}": "{scheme}：{knob} 試過 {grid}",
    "1:{r}, chosen per seed: {values}": "1:{r}，每個種子選出的值：{values}",
    "balanced acc.": "平衡準確率",
    "macro-F1": "macro-F1",
    "minority prec.": "少數類別的精確率",
    "majority prec.": "多數類別的精確率",
    "{metric} minus inverse frequency on the same split, points: mean [95% interval] wins out of {n}":
        "「{metric}」減去頻率倒數在同一個切分上的值（百分點）：平均 [95% 信賴區間] {n} 次中的勝場數",
    "1:{r}, {scheme} minus inverse frequency:": "1:{r}，「{scheme}」減去頻率倒數：",
    "{metric}: {s}": "{metric}：{s}",
    "1:{r}, {scheme} minus no weights, {metric}: {s}": "1:{r}，「{scheme}」減去不加權，{metric}：{s}",
    "1:{r}: inverse frequency and balanced give identical test results: {same}":
        "1:{r}：頻率倒數和平衡權重在測試集上的結果完全相同：{same}",
    # lesson 05 (add this lesson's phrases above this line)
    "one sample of class {c}, weights {w}: loss = {v}": "一個類別 {c} 的樣本，權重 {w}：損失 = {v}",
    "no weights: loss = {v}": "不加權：損失 = {v}",
    "buffers of the loss module: {b}": "損失模組的緩衝區：{b}",
    "weights moved from {a} to {b} | logits on: {c}": "權重從 {a} 搬到 {b} | logits 在：{c}",
    "loss: {v}": "損失：{v}",
    "weight of class 2 = {w}: without label smoothing {a}, with label smoothing 0.1 {b}":
        "類別 2 的權重 = {w}：不做標籤平滑時 {a}，標籤平滑 0.1 時 {b}",
    "class-index targets: {a}   one-hot probability targets: {b}": "類別索引目標標籤：{a}   one-hot 機率目標標籤：{b}",
    "their ratio: {a}   sum of the targets' weights / N: {b}": "兩者的比值：{a}   目標標籤權重的總和 / N：{b}",
    "loss with every target ignored: {v}": "所有目標標籤都被忽略時的損失：{v}",
    "{opt}: loss {v}, gradient all zero: {zero}, parameters finite after the step: {finite}":
        "{opt}：損失 {v}，梯度全部為零：{zero}，更新一步後參數仍是有限值：{finite}",
    "mean of the batch losses [0.9, nan, 0.8]: {v}": "批次損失 [0.9, nan, 0.8] 的平均：{v}",
    "scikit-learn's weights: {w} | dtype: {t}": "scikit-learn 的權重：{w} | 型別：{t}",
    "RuntimeError (float64 weights, {t} logits); the message names Double: {d}":
        "RuntimeError（float64 權重、{t} 的 logits）；錯誤訊息提到 Double：{d}",
    "with dtype=logits.dtype: loss {v}": "用 dtype=logits.dtype：損失 {v}",
    "the same weights as cw.balanced: {same}": "和 cw.balanced 的權重相同：{same}",
    "classes in the encoder's order (labels 0, 1, 2): {c}": "編碼器裡類別的順序（標籤 0、1、2）：{c}",
    "weights in the written order": "照寫下的順序排列的權重",
    "weights by encoded label": "依編碼後標籤排列的權重",
    "predicted classes {p}, true classes {t}": "預測的類別 {p}，真正的類別 {t}",
    "loss, logits": "損失，logits",
    "loss, probs": "損失，機率",
    "grad, logits": "梯度，logits",
    "grad, probs": "梯度，機率",
    "each sample's loss on probabilities lies between {a} and {b}": "用機率時，每個樣本的損失都落在 {a} 和 {b} 之間",
    "logits x 16, weight of each sample's class: {w}": "logits x 16，每個樣本所屬類別的權重：{w}",
    "gradient per sample, logits: {g}": "每個樣本的梯度，logits：{g}",
    "gradient per sample, probabilities: {g}": "每個樣本的梯度，機率：{g}",
    "two samples, both of class 0: loss = {v}": "兩個樣本，都是類別 0：損失 = {v}",
    "both minus one correction on the same split, points: mean [95% interval] wins out of {n}":
        "兩者並用減去單一修正（同一個切分），單位是百分點：平均 [95% 信賴區間] {n} 次中的勝場數",
    "class-0 recall": "類別 0 的召回率",
    "both minus {b}": "兩者並用減去{b}",
    "class {i}: {c}": "類別 {i}：{c}",
    "loss with the written-order weights: {a} | with the weights by encoded label: {b}":
        "照寫下的順序排列的權重，損失：{a} | 依編碼後標籤排列的權重，損失：{b}",
    "logits x 1: the gradient on logits is {r} times the gradient on probabilities":
        "logits x 1：用 logits 時的梯度是用機率時的 {r} 倍",
    # lesson 06 (add this lesson's phrases above this line)
    "recall": "召回率",
    "precision": "精確率",
    "balanced accuracy": "平衡準確率",
    "validation": "驗證集",
    "pos_weight {p}: {losses}": "pos_weight {p}：{losses}",
    "the formula above with p = 3 equals PyTorch: {ok}": "上面的公式（p = 3）和 PyTorch 的結果相同：{ok}",
    "CE, weights [1, 3]: {a}   CE, weights [10, 30]: {b}": "CE，權重 [1, 3]：{a}   CE，權重 [10, 30]：{b}",
    "pos_weight {p}: BCE {b}, CE [1, {p}] {c}; BCE = CE x {f} (sum of w[y] / N): {ok}": "pos_weight {p}：BCE {b}，CE [1, {p}] {c}；BCE = CE × {f}（w[y] 的總和 / N）：{ok}",
    "reduction sum: CE {a}, BCE {b}, equal: {ok}": "彙總方式 sum：CE {a}，BCE {b}，相等：{ok}",
    "{name}: {counts} (negatives, positives)": "{name}：{counts}（負類、正類）",
    "pos_weight = n_negative / n_positive = {pw}": "pos_weight = n_negative / n_positive = {pw}",
    "BCE and CE models: largest gap in P(positive) on validation below 0.001: {ok}": "BCE 和 CE 模型：驗證集上 P(正類) 的最大差距小於 0.001：{ok}",
    "validation samples where the two models decide differently: {n}": "兩個模型判定不同的驗證集樣本數：{n}",
    "BCE, pos_weight": "BCE，pos_weight",
    "CE, weights [1, p]": "CE，權重 [1, p]",
    "threshold 1 / (1 + p) = {t}": "門檻值 1 / (1 + p) = {t}",
    "plain model at that threshold, weighted model at 0.5: the same decision on {k} of {n} samples":
        "不加權模型用這個門檻值、加權模型用 0.5：{n} 筆樣本中有 {k} 筆判定相同",
    "b0 = log({a} / {b}) = {b0}; loss of the constant prediction {s}: {h}": "b0 = log({a} / {b}) = {b0}；永遠預測 {s} 的損失：{h}",
    "no pos_weight, bias of nn.Linear": "無 pos_weight，nn.Linear 的偏差",
    "no pos_weight, b0 = log(pos / neg)": "無 pos_weight，b0 = log(正類數 / 負類數)",
    "pos_weight p, b0 = log(pos / neg)": "pos_weight p，b0 = log(正類數 / 負類數)",
    "pos_weight p, b0 = 0": "pos_weight p，b0 = 0",
    "training loss after this many steps:": "訓練這麼多步之後的訓練損失：",
    "share of positives in validation: {s}": "驗證集裡正類的占比：{s}",
    "mean P(positive)": "P(正類) 平均",
    "bins overstating": "高估的區間",
    "argmax of the corrected probabilities: as the plain model on {a} of {n}, as the weighted on {b}":
        "校正後機率的 argmax：{n} 筆中有 {a} 筆和不加權模型相同，{b} 筆和加權模型相同",
    "equal spread (a line fits)": "分散程度相同（直線貼得上）",
    "positives 2.5 times wider": "正類分散 2.5 倍",
    "mean gap on validation between two values of P(positive):": "驗證集上兩種 P(正類) 之間的平均差距：",
    "corrected-plain": "校正後-不加權",
    "plain-true": "不加權-真實",
    "corrected-true": "校正後-真實",
    "no weights, validation (10%)": "不加權，驗證集（10%）",
    "weights [1, p], validation (10%)": "權重 [1, p]，驗證集（10%）",
    "no weights, new samples (1%)": "不加權，新樣本（1%）",
    "at recall 0.80: the false-positive rate and the precision": "召回率 0.80 時的偽陽性率和精確率",
    "FP rate": "偽陽性率",
    "new samples at recall 0.80: {tp} of {n1} positives found, {fp} of {n0} negatives flagged": "新樣本，召回率 0.80 時：{n1} 筆正類中找到 {tp} 筆，{n0} 筆負類中有 {fp} 筆被標記",
    "threshold with the best validation F1, rounded to 0.01: {t}": "驗證集 F1 最高的門檻值（四捨五入到 0.01）：{t}",
    "no weights, at {t}": "不加權，門檻值 {t}",
    "weights [1, p], argmax": "權重 [1, p]，argmax",
    "bias of nn.Linear at the start: {b}; first mean P(positive): {p}": "nn.Linear 一開始的偏差：{b}；最初的 P(正類) 平均：{p}",
    "F1: threshold minus weights": "F1：門檻值減去權重",
    "F1: threshold minus 0.5": "F1：門檻值減去 0.5",
    "balanced accuracy: weights minus threshold": "平衡準確率：權重減去門檻值",
    "the whole recipe on {n} splits (seeds 0 to {m}), paired differences on test:": "整個流程在 {n} 個切分上（種子 0 到 {m}），測試集上的成對差異：",
    "mean difference": "平均差異",
    "95% t-interval": "95% t 信賴區間",
    "wins": "勝出次數",
    "the intervals' lower ends, to 4 decimals: {a}, {b}, {c}": "三個區間的下限（取到小數點後 4 位）：{a}、{b}、{c}",
    # lesson 08 (add this lesson's phrases above this line)
    "positives per label (training): {p} of {n}": "每個標籤的正類筆數（訓練集）：{n} 筆中有 {p}",
    "pos_weight per label: {w}": "每個標籤的 pos_weight：{w}",
    "label {j}": "標籤 {j}",
    "positives per label in the first 8 samples: {p}": "前 8 筆樣本中每個標籤的正類筆數：{p}",
    "pixels: {n} in all, {k} labelled, {i} ignored; labelled per class {c}":
        "像素：共 {n} 個，有標註 {k} 個，被忽略 {i} 個；每個類別有標註的像素 {c}",
    "balanced weights per class: {w}": "每個類別的平衡權重：{w}",
    "denominator: sum of w[y] over the labelled pixels = {d}": "分母：有標註像素的 w[y] 總和 = {d}",
    "CrossEntropyLoss {a}; sum of w[y] x loss / denominator {b}; equal: {e}":
        "CrossEntropyLoss {a}；w[y] × 損失的總和 / 分母 {b}；相等：{e}",
    "loss unchanged after rewriting the ignored pixels' logits: {same}": "改寫被忽略像素的 logits 之後，損失不變：{same}",
    "sum(w x l) / sum(w) = {a}, CrossEntropyLoss(weight=w) = {b}, equal: {e}":
        "sum(w x l) / sum(w) = {a}，CrossEntropyLoss(weight=w) = {b}，相等：{e}",
    "mean(w x l) = sum(w x l) / N = {m}: sum(w) / N = {f} times sum(w x l) / sum(w)":
        "mean(w x l) = sum(w x l) / N = {m}：是 sum(w x l) / sum(w) 的 sum(w) / N = {f} 倍",
    "weights x {k}: sum(w x l) / sum(w) = {a}, mean(w x l) = {b}": "權重 × {k}：sum(w x l) / sum(w) = {a}，mean(w x l) = {b}",
    "sample weights: {w}": "每個樣本的權重：{w}",
    "sum(w) {s} (was {s0}); sum(w x l) / sum(w) = {a} (was {a0})":
        "sum(w) {s}（原本是 {s0}）；sum(w x l) / sum(w) = {a}（原本是 {a0}）",
    "losses: {l}": "每個樣本的損失：{l}",
    "validation, no weights -> pos_weight per label:": "驗證集，不加權 -> 每個標籤的 pos_weight：",
    "recall per label": "各標籤的召回率",
    "precision per label": "各標籤的精確率",
    "positives per label (validation): {p} of {n}": "每個標籤的正類筆數（驗證集）：{n} 筆中有 {p}",
    "label 2, validation positives found: {a} -> {b} of {n}": "標籤 2 在驗證集找到的正類：{n} 筆中從 {a} 筆 -> {b} 筆",
    "… {line}": "（接上行）{line}",
    "training positives over all labels: {n} of {m} pairs; pooled pos_weight {p}":
        "所有標籤的訓練集正類：{m} 個組合中有 {n} 個；合併計算的 pos_weight {p}",
    "validation recall, own pos_weights -> label 2 pooled: {r}":
        "驗證集召回率，各自的權重 -> 標籤 2 用合併值：{r}",
    # lesson 09 (add this lesson's phrases above this line)
}

# The weighting schemes' names, in the lessons' language: the English name is the key
# (as in the schemes lab); cw.scheme_name(key) gives the name to show.
SCHEMES = {
    "no weights": "不加權",
    "inverse frequency": "頻率倒數",
    "smoothed": "平滑化頻率倒數",
    "balanced": "平衡（balanced）",
    "1 / sqrt(count)": "1 / sqrt(筆數)",
    "effective number": "有效樣本數",
    "focal": "focal loss（焦點損失）",
    "oversampling": "過抽樣",
    "logit adjustment, post-hoc": "事後 logit 調整",
    "logit adjustment, in the loss": "損失中的 logit 調整",
}

_chosen: str | None = None


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"lang is {lang!r}: use one of {', '.join(map(repr, LANGUAGES))}.")
    return lang


def set_language(lang: str | None) -> None:
    """Fix the language of figure and widget text ("en" or "zh-TW"); None goes back to detection."""
    global _chosen
    _chosen = None if lang is None else check_language(lang)


def _from_path(path: str | os.PathLike | None) -> str | None:
    if not path:
        return None
    parts = Path(str(path)).parts
    for lang in LANGUAGES:
        if lang in parts:
            return lang
    return None


def _from_notebook_json(nb: dict) -> str | None:
    lang = nb.get("metadata", {}).get("classweights", {}).get("lang")
    if lang in LANGUAGES:
        return lang
    for cell in nb.get("cells", [])[:3]:
        if cell.get("cell_type") == "markdown":
            src = "".join(cell.get("source", ""))
            return "zh-TW" if re.search(r"[\u4e00-\u9fff]", src) else "en"
    return None


def _from_colab() -> str | None:  # pragma: no cover - only inside Colab
    try:
        from google.colab import _message  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        reply = _message.blocking_request("get_ipynb", request="", timeout_sec=10)
        return _from_notebook_json(reply["ipynb"])
    except Exception:
        return None


def detect_language() -> str:
    """Where the lesson runs tells its language.

    In order: the CLASSWEIGHTS_LANG environment variable; the notebook's path
    (JupyterLab and Voila give the kernel the notebook's name and start it in the
    notebook's folder, ``notebooks/zh-TW/...``); in Colab, the notebook's own
    metadata; otherwise English.
    """
    env = os.environ.get("CLASSWEIGHTS_LANG")
    if env:
        return check_language(env)
    for candidate in (os.environ.get("JPY_SESSION_NAME"), os.getcwd()):
        lang = _from_path(candidate)
        if lang:
            return lang
    return _from_colab() or "en"


def get_language(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else the one set, else the detected one."""
    if lang is not None:
        return check_language(lang)
    return _chosen or detect_language()


def text(key: str, lang: str | None = None, **fields) -> str:
    return TEXT[get_language(lang)][key].format(**fields)


def tr(phrase: str, lang: str | None = None, **fields) -> str:
    """A lesson's figure or table text in the lesson's language: ``cw.tr("training loss")``."""
    if phrase not in PHRASES:
        raise ValueError(f"no translation for {phrase!r}: add it to classweights.i18n.PHRASES, in the block of its lesson.")
    out = PHRASES[phrase] if get_language(lang) == "zh-TW" else phrase
    return out.format(**fields)


def scheme_name(key: str, lang: str | None = None) -> str:
    """A weighting scheme's name in the lesson's language: the key itself in English, its translation in zh-TW."""
    if key not in SCHEMES:
        raise ValueError(
            f"no name for the scheme {key!r}: add it to classweights.i18n.SCHEMES "
            f"(English key -> zh-TW name); known schemes: {', '.join(map(repr, SCHEMES))}."
        )
    return SCHEMES[key] if get_language(lang) == "zh-TW" else key


def class_names(k: int, lang: str | None = None) -> list[str]:
    return [text("class", lang, c=c) for c in range(k)]
