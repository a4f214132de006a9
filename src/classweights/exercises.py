"""Self-checked exercises: ``cw.check("01.1", answer)`` says whether an answer is right and, if not, why.

Every check computes the right answer itself (nothing is stored), then compares.
A check returns True or False and prints one message in the lesson's language.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import torch

from . import i18n
from .data import lesson_blobs, multilabel_data, pixel_data
from .reference import toy_example

MESSAGES = {
    "en": {
        "unanswered": "Not answered yet: replace the None in the cell above with your answer, then run the cell again.",
        "not_numbers": "Expected {n} number(s), got {got!r}.",
        "not_callable": "Expected a function (def ... or lambda ...), got {got!r}.",
        "crashed": "Your function raised {err}: {msg}",
        "nonpositive": "Weights must be positive numbers: a weight of 0 removes a class from the loss, a negative one makes its loss a reward.",
        "ok": "Correct! {why}",
        # 01.1
        "01.1_ok": "Weight x count is {wc} for classes 0, 1 and 2: the same for all three, so with equal per-sample losses the three parts are equal.",
        "01.1_uneven": "Weight x count is {wc} for classes 0, 1 and 2, so class {hi}'s part is the largest and class {lo}'s the smallest. Every class needs the same weight x count.",
        "01.1_counts": "Your weights grow with the counts, so the largest class gains even more. Each weight must be proportional to 1 / its class's count: weight x count the same for every class.",
        # 01.2
        "01.2_ok": "'mean' divides by the sum of the targets' weights: 6 x 1 + 3 x 2 + 1 x 6 = 18, not by the 10 samples.",
        "01.2_n": "{got:g} is the number of samples: that is what 'mean' divides by without weights. With weights it divides by the sum of weight[y_i].",
        "01.2_k": "{got:g} is the number of classes. 'mean' divides by the sum over the samples of each target's weight.",
        "01.2_w": "{got:g} is the sum of the three weights, each counted once. Count each weight once per sample of its class.",
        "01.2_other": "{got:g} is not it. Add up weight[y_i] over the ten samples.",
        # 01.3
        "01.3_ok": "The ratio w1 / w0 = {ratio:.3g} makes weight x count x average loss the same for both classes.",
        "01.3_balanced": "A ratio of 4 evens out the counts, not the losses: each class-1 sample now loses more than a class-0 sample, so class 1's part is larger. A smaller ratio is needed.",
        "01.3_low": "Class 0's part is still larger: your ratio w1 / w0 = {ratio:.3g} is too small.",
        "01.3_high": "Class 1's part is larger: your ratio w1 / w0 = {ratio:.3g} is too large.",
        # 02.1
        "02.1_ok": "Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval contains 0: these splits show no systematic gap, as section 2's equal distances and spreads predict.",
        "02.1_ok_harder": "Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval lies below 0: class 1 is harder to recognise on data drawn this way.",
        "02.1_wrong": "Not what the splits show. Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval contains 0: these splits show no systematic gap, as section 2's equal distances and spreads predict.",
        "02.1_wrong_harder": "Not what the splits show. Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval lies below 0: class 1 is harder to recognise on data drawn this way.",
        "02.1_ok_easier": "Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval lies above 0: class 1 is easier, not harder, to recognise on data drawn this way.",
        "02.1_wrong_easier": "Not what the splits show. Over {n} splits (seeds 0 to {last}), class 1's recall minus class 2's: mean {mean:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]; class 1 lower on {lower}, higher on {higher}, equal on {ties}. The interval lies above 0: class 1 is easier, not harder, to recognise on data drawn this way.",
        # 02.3
        "02.3_ok": "Recall is a share of a class's points: class 0's drops {b0:.3f} -> {a0:.3f}, class 1's {b1:.3f} -> {a1:.3f}. A larger share of class {answer}'s points lies in the strip that class 2's region takes over.",
        "02.3_wrong": "Not class {got}: its recall drops less. Choose 'inverse frequency' in the explorer, double class 2's weight and compare the recall bars.",
        "02.3_range": "Give a class index, 0 or 1.",
        # 02.2
        "02.2_ok": "These are N / (K x count) = 1000 / (3 x count), the 'balanced' weights.",
        "02.2_inverse": "These are 1 / count. Balanced weights are (N / K) / count: multiply by N / K = 1000 / 3.",
        "02.2_shape": "Give three weights, one per class.",
        "02.2_ratio": "The ratios are right but the scale is not: balanced weights are N / (K x count) exactly.",
        "02.2_other": "Not the balanced weights. Compute N / (K x count) with N = 1000 and K = 3.",
        # 03.1
        "03.1_ok": "(800 + s) / (100 + s) = 2 gives s = 600: the smoothing factor has to be of the size of the counts to matter.",
        "03.1_low": "With s = {got:g} the ratio (800 + s) / (100 + s) is {ratio:.4f}, still above 2: s must be larger.",
        "03.1_high": "With s = {got:g} the ratio (800 + s) / (100 + s) is {ratio:.4f}, below 2: s must be smaller.",
        "03.1_negative": "The smoothing factor cannot be negative.",
        # 03.2
        "03.2_ok": "Right: with 'sum' nothing divides by the weights, so halving them halves the loss and its gradient; "
                   "plain SGD steps by lr times the gradient, so lr 0.02 gives every step as before.",
        "03.2_same": "That holds for 'mean', which divides by the sum of the targets' weights. With 'sum' nothing "
                     "divides: halving every weight halves the gradient, and so each SGD step.",
        "03.2_direction": "The other way round: halving the weights halves the gradient, so the learning rate must grow.",
        "03.2_other": "Not it. With 'sum', what do the loss and its gradient become when every weight is halved? "
                      "Plain SGD moves by lr times the gradient.",
        "03.2_positive": "A learning rate is a positive number.",
        "bool": "Answer True or False.",
        # 03.3
        "03.3_ok": "Close: class 0's validation recall at s = 300 is {actual:.3f}. The ratio w1 / w0 = 1100 / 400 = 2.75 "
                   "lies between those of s = 100 and s = 1000, and so does the recall.",
        "03.3_low": "Too low. At s = 300 the ratio w1 / w0 is 1100 / 400 = 2.75, smaller than at s = 100: the model is "
                    "nearer to the unweighted one, so class 0 is recalled more often than at s = 100. Add 300 to the sweep and look.",
        "03.3_high": "Too high. At s = 300 the ratio w1 / w0 is 1100 / 400 = 2.75, larger than at s = 1000: the weights "
                     "still pull towards the minorities, so class 0's recall stays below its value at s = 1000. Add 300 to the sweep and look.",
        "03.3_range": "A recall is a number between 0 and 1.",
        # 04.1
        "04.1_ok": "Your rule is finite when a class is missing and keeps the ratios of 1 / count for the classes present.",
        "04.1_inf": "On a batch without class {c} your rule gives {value}: a missing class must get a finite weight.",
        "04.1_shape": "Your rule must return one weight per class ({k} numbers), got shape {shape}.",
        "04.1_negative": "On a batch without class {c} your rule gives {value}: a negative weight turns the label-smoothing "
                         "term of that class into a reward; give a missing class 0 or a positive weight.",
        "04.1_ratio": "For the classes present, the ratios of your weights must be those of 1 / count (batch {labels}).",
        "04.1_large": "On a batch without class {c} your rule gives {value:.3g}, more than the largest weight of a class "
                      "present ({top:.3g}): label smoothing reads it and pulls every sample towards a class the batch "
                      "lacks (lesson 03). Give a missing class 0, or at most the largest weight present.",
        # 05.1
        "05.1_ok": "1 / sqrt(count): the ratio between the classes is the square root of the count ratio.",
        "05.1_inverse": "These are 1 / count. Take the square root of each count first.",
        "05.1_scaled": "Right ratios (1 : 2 : 4), but these are not the weights: give 1 / sqrt(count) itself, e.g. 1 / sqrt(400) for class 0.",
        "05.1_other": "Not 1 / sqrt(count) for counts [400, 100, 25].",
        # 05.3
        "05.3_ok": "With beta = 0.9 the effective number of every class is close to 1 / (1 - beta) = 10 once its count passes a few dozen, so the weights barely differ: w1 / w0 = {ratio:.3g}.",
        "05.3_inverse": "{got:g} is the ratio of 1 / count. The effective number (1 - beta^n) / (1 - beta) saturates at 1 / (1 - beta) = 10 for large n.",
        "05.3_sqrt": "{got:g} is the ratio of 1 / sqrt(count). Compute (1 - beta^n) / (1 - beta) for n = 1000 and n = 10 with beta = 0.9.",
        "05.3_inverted": "{got:g} is w0 / w1, the ratio turned upside down: divide class 1's weight by class 0's.",
        "05.3_other": "{got:g} is not it. The weight is (1 - beta) / (1 - beta^n); compute it for n = 1000 and n = 10 with beta = 0.9 and divide.",
        # 04.2
        "04.2_ok": "w1 = 2 / 3 and w0 = 2 / 31, so the two class-1 samples hold 2 x w1 / (2 x w1 + 30 x w0) = 31 / 76 = {share:.3f} of the batch, against one half under 1 / count: + s takes part of the rare class's share back.",
        "04.2_inverse": "{got:g} is the share under 1 / count, where every class present gets the same total weight. The safe rule weighs each sample with (1 + s) / (count + s).",
        "04.2_ratio": "{got:g} is a ratio w1 / w0, not a share. Multiply each weight by its class's count in the batch, then divide class 1's part by the sum of both.",
        "04.2_unweighted": "{got:g} is 2 / 32, the share without weights. Weigh each sample with (1 + s) / (count + s) first.",
        "04.2_range": "A share is a fraction between 0 and 1 (not a percentage).",
        "04.2_other": "{got:g} is not it. Compute w = (1 + s) / (count + s) for counts 30 and 2 with s = 1, then 2 x w1 / (2 x w1 + 30 x w0).",
        # 05.2
        "05.2_ok": "Logit adjustment subtracts tau x log(prior) from the logits: the rarest class gets a boost of {boost:.2f} over class 0.",
        "05.2_sign": "The sign is flipped: post-hoc logit adjustment predicts argmax(logits - tau x log(prior)).",
        "05.2_tau": "These are the offsets for tau = 1: multiply log(prior) by tau = 0.5.",
        "05.2_counts": "This is tau x log(count): divide each count by the total first (prior = count / total). The difference is the same for every class, so the argmax would not change, but the offsets are tau x log(prior).",
        "05.2_other": "Not tau x log(prior) for counts [900, 90, 10] and tau = 0.5 (prior = count / total, natural log).",
        # 06.1
        "06.1_ok": "Your loss is 0 when every target is ignored, and equals CrossEntropyLoss otherwise.",
        "06.1_nan": "When every target is ignore_index your loss is {value}: return 0 (or skip the batch) instead of 0 / 0.",
        "06.1_wrong": "When some targets are kept your loss is {value:.4f}, but CrossEntropyLoss gives {expected:.4f}.",
        "06.1_not_tensor": "When every target is ignored your function returns a {got}, not a tensor: loss.backward() would fail in a training loop. Return a zero tensor made from the logits, e.g. logits.sum() * 0.0.",
        "06.1_detached": "When every target is ignored your zero is not computed from the logits (no gradient flows back to them), so loss.backward() fails or trains nothing in a training loop. Build it from the logits, e.g. logits.sum() * 0.0, instead of torch.tensor(0.0).",
        # 06.2
        "06.2_ok": "Right: a class of n samples is drawn a number of times ∝ n / sqrt(n) = sqrt(n), each draw weighted 1 / sqrt(n): total 1 for every class, as with 1 / count weights alone.",
        "06.2_twice": "Not this one: n draws x (1 / n) sampler x (1 / n) weight = 1 / n per class, so the imbalance is corrected twice (section 6). Multiply draws by weight for each setup.",
        "06.2_more": "Not this one: n x (1 / n) x (1 / sqrt(n)) = 1 / sqrt(n), still larger for the rare classes: more than one correction. Multiply draws by weight for each setup.",
        # 06.3
        "06.3_ok": "The sampler draws each class about equally often, so only the weights are left: w1 / w0 = 800 / 100, and class 1's sum is {ratio:.3g} times class 0's. The 8 to 1 imbalance is back, turned the other way.",
        "06.3_once": "{got:g} is what one correction gives (the weights alone, or the sampler alone). With both, the classes are drawn about equally often and each draw is still weighted by 1 / count.",
        "06.3_square": "{got:g} is too much: the sampler evens out how often each class is drawn, it does not multiply the weights. Equal draws times w1 / w0.",
        "06.3_inverted": "{got:g} is class 0's sum divided by class 1's. The question asks for class 1's sum divided by class 0's.",
        "06.3_other": "{got:g} is not it. The sampler draws each class about equally often; multiply each class's draws by its weight 1 / count and compare.",
        # 07.1
        "07.1_ok": "The offsets differ by log(n_0 / n_9) = log({n0:g} / {n9:g}) = {expected:.3f}: N cancels.",
        "07.1_nominal": "{got:.4g} is log(10), the nominal ratio. The counts are whole numbers, int(n_max x ratio^(-i/9)): use the real n_0 / n_9.",
        "07.1_nolog": "{got:.4g} is n_0 / n_9 itself. The offsets are logarithms: take the log of that ratio.",
        "07.1_sign": "The sign is off: the question asks how much more digit 9's logit rises than digit 0's, a positive number.",
        "07.1_other": "{got:.4g} is not it. Subtract digit 9's offset log(n_9 / N) from digit 0's, log(n_0 / N).",
        # 07.2
        "07.2_ok": "w_9 / w_0 = n_0 / n_9 = {n0:g} / {n9:g} = {expected:g}: the real counts, not the nominal 20.",
        "07.2_nominal": "20 is the nominal ratio. n_i = int(n_max x 20^(-i/9)) rounds down: compute the counts, e.g. with cw.long_tailed_digits(20).",
        "07.2_other_ratio": "{got:.4g} is n_0 / n_9 at ratio {ratio}. The question asks about ratio 20: compute its counts.",
        "07.2_inverted": "{got:.4g} is w_0 / w_9: digit 9 is the rare digit, so its weight is the larger one.",
        "07.2_log": "{got:.4g} is log(n_0 / n_9), the difference of logit-adjustment offsets. Weights multiply: take the ratio itself.",
        "07.2_other": "{got:.4g} is not it. Balanced weights are N / (K n_c): divide digit 9's by digit 0's, with the counts at ratio 20.",
        # 07.3
        "07.3_ok": "The five differences R - CE have mean {mean:.2f} and sample standard deviation {sd:.2f}; with t = {t:.3f} (4 degrees of freedom) the interval runs from {low:.2f} to {high:.2f}. It lies above 0: R's gain survives. The split-to-split swings that hide it in the CE and R rows cancel in the differences.",
        "07.3_unpaired": "{got:.3g} treats the CE and R rows as unrelated runs. They share the split and the seed: subtract seed by seed first, then take the interval of the five differences.",
        "07.3_ddof": "{got:.3g} uses the population standard deviation, which divides by N. The interval uses the sample standard deviation, which divides by N - 1 (statistics.stdev, or ddof=1).",
        "07.3_z": "{got:.3g} uses 1.96, a quantile of the normal distribution. With N = 5 runs use Student's t with N - 1 = 4 degrees of freedom: scipy.stats.t.ppf(0.975, 4).",
        "07.3_df": "{got:.3g} uses t with 5 degrees of freedom. Five differences have N - 1 = 4.",
        "07.3_sqrt": "{got:.3g} does not divide by the square root of N: the interval is mean ± t x s / sqrt(N).",
        "07.3_upper": "{got:.3g} is the upper end. The question asks for the lower one: mean - t x s / sqrt(N).",
        "07.3_mean": "{got:.3g} is the mean difference itself. The lower end subtracts t x s / sqrt(N) from it.",
        "07.3_sign": "The sign is flipped: take R - CE, seed by seed.",
        "07.3_other": "{got:.3g} is not it. Subtract CE from R seed by seed, then compute mean - t x s / sqrt(N) with the sample standard deviation s and t = scipy.stats.t.ppf(0.975, 4).",
        # 08.1
        "08.1_ok": "Only the ratio of CE's weights counts and BCE's negatives count 1, so pos_weight = 6 / 2 = {pw:g}; BCE's 'mean' divides by N = 10, CE's by the sum of the targets' weights, so BCE's is (8 x 1 + 2 x 3) / 10 = {factor:g} times CE's.",
        "08.1_pw_raw": "pos_weight {got:g} is the positives' CE weight itself. BCE's negatives always count 1: pos_weight is the positives' weight relative to the negatives', here 6 / 2.",
        "08.1_pw_inverted": "pos_weight {got:.4g} is the negatives' weight over the positives'. pos_weight multiplies the positives' term: take 6 / 2.",
        "08.1_pw_other": "pos_weight {got:.4g} is not it. CE's weights [2, 6] train the same model as [1, 3] (a common factor cancels); BCE's negatives count 1.",
        "08.1_factor_scaled": "The factor {got:.4g} uses CE's own weights [2, 6]. BCE with pos_weight 3 weighs the samples [1, 3], and CE's 'mean' is the same for [2, 6] and [1, 3]: use the sum of [1, 3]'s weights over the batch.",
        "08.1_factor_one": "The factor is not 1: CE's 'mean' divides by the sum of the targets' weights, BCE's by N = 10.",
        "08.1_factor_inverted": "The factor {got:.4g} is CE's loss over BCE's. BCE = CE x (sum of the targets' weights) / N.",
        "08.1_factor_other": "The factor {got:.4g} is not it. BCE's 'mean' is sum(w[y] loss) / N, CE's is sum(w[y] loss) / sum(w[y]), with the same w = [1, 3]: their ratio is sum(w[y]) / N over the 8 negatives and 2 positives.",
        # 08.2
        "08.2_ok": "softmax(logits - log w): (0.75 / 9) / (0.75 / 9 + 0.25 / 1) = {expected:.3f}. The weight made class 1 look 9 times more frequent than it is.",
        "08.2_raw": "{got:.3g} is the weighted model's own probability. Training with weights [1, 9] made class 1 look 9 times more frequent: divide by the weights, then renormalise.",
        "08.2_times": "{got:.3g} multiplies by the weight. The weighted model already overstates class 1: divide by the weights instead.",
        "08.2_norm": "{got:.3g} divides class 1's probability by 9 but does not renormalise: the two corrected probabilities must add up to 1.",
        "08.2_range": "A probability lies between 0 and 1.",
        "08.2_other": "{got:.3g} is not it. Divide each class's probability by its weight, then make the two add up to 1.",
        # 08.3
        "08.3_ok": "On the corrected probability q, flag when 20 q > 1 - q, q > 1 / 21. The raw odds are 4 times the corrected odds, so the raw threshold has odds 4 / 20: p > {expected:.4f} (1 / 6).",
        "08.3_corrected": "{got:.3g} = 1 / 21 is the threshold on the corrected probability. The question asks for the raw P(positive), whose odds the weights [1, 4] made 4 times larger.",
        "08.3_weights_only": "{got:.3g} = 1 / 5 is the threshold the weights [1, 4] stand for on a calibrated probability: it ignores the clinic's costs.",
        "08.3_half": "0.5 is the argmax of the raw output: it uses neither the clinic's costs nor the weights.",
        "08.3_times": "{got:.3g} multiplies the odds by 4 instead of dividing: the raw output already overstates class 1, so its threshold is higher than the corrected one, not lower.",
        "08.3_flipped": "{got:.3g} is above 0.5: a missed positive costs more than a false alarm, so the threshold falls below 0.5.",
        "08.3_range": "A threshold on a probability lies between 0 and 1.",
        "08.3_other": "{got:.3g} is not it. Find the threshold 1 / 21 on the corrected probability first, then turn it into raw odds: multiply its odds by 4.",
        # 08.4
        "08.4_ok": "Model A's decisions are right and its probabilities are not: correct them, no retraining. Model B's probabilities are right and its decisions are not: move its threshold, no retraining.",
        "08.4_format": "Answer with a string of two letters from a, b, c, d: model A's fix, then model B's, e.g. \"ad\".",
        "08.4_A_a": "Model A: retraining with other weights changes the decisions you were happy with, and its probabilities stay inflated.",
        "08.4_A_c": "Model A: moving the threshold changes the decisions, which were right; its probabilities stay inflated (a mean of 0.268 where the share is 0.100).",
        "08.4_A_d": "Model A: a mean P(positive) of 0.268 where the share is 0.100 is not a probability to tell a patient.",
        "08.4_B_a": "Model B: weights would inflate its probabilities, which are right; a lower threshold gives the decisions without retraining.",
        "08.4_B_b": "Model B: cw.unweight_probabilities with the weights [1, 1] of a plain model changes nothing, and its probabilities were right already.",
        "08.4_B_d": "Model B: finding 40% of the positives is too few for the clinic: its decisions need fixing.",
        "choice": "Answer with one of the letters {choices}.",
        # 09.1
        "09.1_ok": "Label 2's own pos_weight is {own:.2f}; pooled over the three labels it would be {pooled:.2f}, {expected:.2f} times smaller. The common label's positives dominate the pooled count.",
        "09.1_inverted": "{got:.3g} is the pooled weight divided by label 2's own: the factor asked for is the other way round, and larger than 1.",
        "09.1_own": "{got:.3g} is label 2's own pos_weight (n_negative / n_positive of label 2). Divide it by the pooled weight.",
        "09.1_pooled": "{got:.3g} is the pooled weight itself. Divide label 2's own pos_weight by it.",
        "09.1_one": "Pooling the counts of the three labels does not give label 2's ratio: most positives belong to the common label.",
        "09.1_other": "{got:.3g} is not it. Count negatives and positives over all (sample, label) pairs of Y_train for the pooled weight.",
        # 09.2
        "09.2_ok": ".mean() divides by all {n} pixels, CrossEntropyLoss by the labelled pixels' summed weights {d:.2f}: CrossEntropyLoss's loss is {n} / {d:.0f} = {expected:.4f} times the colleague's.",
        "09.2_same": "The sums are the same, but the divisors are not: .mean() counts the ignored pixels in its divisor.",
        "09.2_inverted": "{got:.4g} is the colleague's loss over CrossEntropyLoss's: the factor asked for is the other way round.",
        "09.2_count": "{got:.4g} divides by the count of labelled pixels, a count, not the summed weights: CrossEntropyLoss divides by the labelled pixels' summed weights. They agree only with balanced weights.",
        "09.2_denominator": "{got:.4g} is a divisor, not the factor: divide one divisor by the other.",
        "09.2_other": "{got:.4g} is not it. Compare what .mean() divides by with what CrossEntropyLoss(weight=..., ignore_index=...) divides by.",
    },
    "zh-TW": {
        "unanswered": "還沒有作答：把上面儲存格中的 None 換成你的答案，再執行一次。",
        "not_numbers": "需要 {n} 個數字，收到的是 {got!r}。",
        "not_callable": "需要一個函式（def ... 或 lambda ...），收到的是 {got!r}。",
        "crashed": "你的函式發生錯誤 {err}：{msg}",
        "nonpositive": "權重必須是正數：權重為 0 等於把這個類別從損失中拿掉，負的權重則會讓它的損失變成獎勵。",
        "ok": "答對了！{why}",
        "01.1_ok": "類別 0、1、2 的「權重 × 筆數」是 {wc}：三個類別都一樣，所以每個樣本的損失相同時，三個部分就一樣大。",
        "01.1_uneven": "類別 0、1、2 的「權重 × 筆數」是 {wc}，所以類別 {hi} 所占的部分最大，類別 {lo} 的最小。每個類別的「權重 × 筆數」都要相同。",
        "01.1_counts": "你的權重隨著筆數變大，筆數最多的類別反而占得更多。每個權重都要和該類別的筆數成反比，讓每個類別的「權重 × 筆數」都相同。",
        "01.2_ok": "`mean` 除以的是目標標籤的權重總和：6 × 1 + 3 × 2 + 1 × 6 = 18，而不是 10 筆資料。",
        "01.2_n": "{got:g} 是資料筆數：不加權時 `mean` 才是除以它。加了權重之後，除以的是 weight[y_i] 的總和。",
        "01.2_k": "{got:g} 是類別數。`mean` 除以的是每個樣本的目標標籤所對應權重的總和。",
        "01.2_w": "{got:g} 是三個權重各算一次的總和。每個權重要按該類別的資料筆數各算一次。",
        "01.2_other": "{got:g} 不對。把 10 筆資料的 weight[y_i] 全部加起來。",
        "01.3_ok": "比值 w1 / w0 = {ratio:.3g} 讓兩個類別的「權重 × 筆數 × 平均損失」相同。",
        "01.3_balanced": "比值 4 拉平的是筆數，不是損失：類別 1 每個樣本的損失都比類別 0 的大，所以類別 1 所占的部分會比較大。需要更小的比值。",
        "01.3_low": "類別 0 所占的部分還是比較大：你的比值 w1 / w0 = {ratio:.3g} 太小了。",
        "01.3_high": "類別 1 所占的部分比較大：你的比值 w1 / w0 = {ratio:.3g} 太大了。",
        "02.1_ok": "在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間包含 0：這些切分看不出有系統性的差距，正如第 2 節印出的相同距離和相同分散程度所預期的。",
        "02.1_ok_harder": "在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間整個落在 0 以下：對用這種方式抽出的資料來說，類別 1 確實比較難辨認。",
        "02.1_wrong": "這和各種切分的結果不符。在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間包含 0：這些切分看不出有系統性的差距，正如第 2 節印出的相同距離和相同分散程度所預期的。",
        "02.1_wrong_harder": "這和各種切分的結果不符。在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間整個落在 0 以下：對用這種方式抽出的資料來說，類別 1 確實比較難辨認。",
        "02.1_ok_easier": "在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間整個落在 0 以上：對用這種方式抽出的資料來說，類別 1 反而比較容易辨認，而不是比較難。",
        "02.1_wrong_easier": "這和各種切分的結果不符。在 {n} 種切分（種子 0 到 {last}）上，類別 1 的召回率減去類別 2 的：平均 {mean:+.3f}，95% 信賴區間 [{lo:+.3f}, {hi:+.3f}]；類別 1 比較低的有 {lower} 次，比較高的有 {higher} 次，相同的有 {ties} 次。區間整個落在 0 以上：對用這種方式抽出的資料來說，類別 1 反而比較容易辨認，而不是比較難。",
        "02.3_ok": "召回率是一個類別的資料點中被判對的比例：類別 0 從 {b0:.3f} 變成 {a0:.3f}，類別 1 從 {b1:.3f} 變成 {a1:.3f}。類別 {answer} 的資料點中，有比較大的比例落在類別 2 的區域擴張後吃掉的那條帶狀區域裡。",
        "02.3_wrong": "不是類別 {got}：它的召回率下降得比較少。在探索工具中選「頻率倒數」快速設定，把類別 2 的權重加倍，再比較召回率長條圖。",
        "02.3_range": "請填類別編號 0 或 1。",
        "02.2_ok": "這就是 N / (K × count) = 1000 / (3 × count)，也就是平衡（balanced）權重。",
        "02.2_inverse": "這是 1 / count。平衡權重是 (N / K) / count：要再乘上 N / K = 1000 / 3。",
        "02.2_shape": "請給三個權重，每個類別一個。",
        "02.2_ratio": "比值對了，但大小不對：平衡權重正好是 N / (K × count)。",
        "02.2_other": "這不是平衡權重。用 N = 1000、K = 3 計算 N / (K × count)。",
        "03.1_ok": "(800 + s) / (100 + s) = 2 得到 s = 600：平滑因子要和筆數同一個量級才會有作用。",
        "03.1_low": "s = {got:g} 時，比值 (800 + s) / (100 + s) 是 {ratio:.4f}，還大於 2：s 要再大一點。",
        "03.1_high": "s = {got:g} 時，比值 (800 + s) / (100 + s) 是 {ratio:.4f}，已經小於 2：s 要小一點。",
        "03.1_negative": "平滑因子不能是負數。",
        "03.2_ok": "沒錯：用 'sum' 時沒有任何東西會除以權重，所以權重減半，損失和梯度也跟著減半；"
                   "單純的 SGD 每一步走的是學習率乘以梯度，所以學習率 0.02 會讓每一步都和原來一樣。",
        "03.2_same": "這只在 'mean' 時成立，因為它會除以目標標籤的權重總和。用 'sum' 時沒有任何除法："
                     "每個權重減半，梯度就減半，SGD 的每一步也跟著減半。",
        "03.2_direction": "方向反了：權重減半會讓梯度減半，所以學習率必須變大。",
        "03.2_other": "不對。用 'sum' 時，每個權重都減半，損失和梯度會變成多少？單純的 SGD 每一步走的是學習率乘以梯度。",
        "03.2_positive": "學習率必須是正數。",
        "bool": "請回答 True 或 False。",
        "03.3_ok": "很接近：s = 300 時，類別 0 的驗證召回率是 {actual:.3f}。這時的比值 w1 / w0 = 1100 / 400 = 2.75，"
                   "介於 s = 100 和 s = 1000 的比值之間，召回率也一樣落在兩者之間。",
        "03.3_low": "太低了。s = 300 時比值 w1 / w0 是 1100 / 400 = 2.75，比 s = 100 時小：模型更接近不加權的樣子，"
                    "所以類別 0 被召回的次數會比 s = 100 時多。把 300 加進掃描的清單裡看看。",
        "03.3_high": "太高了。s = 300 時比值 w1 / w0 是 1100 / 400 = 2.75，比 s = 1000 時大：權重還是把模型往少數類別拉，"
                     "所以類別 0 的召回率會低於 s = 1000 時的值。把 300 加進掃描的清單裡看看。",
        "03.3_range": "召回率是介於 0 和 1 之間的數。",
        "04.1_ok": "你的規則在類別缺少時仍是有限值，而且對出現的類別保持 1 / count 的比值。",
        "04.1_inf": "在沒有類別 {c} 的批次上，你的規則給出 {value}：缺少的類別必須得到有限的權重。",
        "04.1_shape": "你的規則必須為每個類別回傳一個權重（{k} 個數字），收到的形狀是 {shape}。",
        "04.1_negative": "在沒有類別 {c} 的批次上，你的規則給出 {value}：負的權重會讓那個類別的標籤平滑項變成獎勵；"
                         "請給缺少的類別 0 或正的權重。",
        "04.1_ratio": "對批次中出現的類別，權重之間的比值必須和 1 / count 相同（批次 {labels}）。",
        "04.1_large": "在沒有類別 {c} 的批次上，你的規則給出 {value:.3g}，比批次中出現的類別的最大權重（{top:.3g}）還大："
                      "標籤平滑會讀到它，把每個樣本往批次裡沒有的類別拉（第 03 課）。請給缺少的類別 0，或最多給批次中出現的最大權重。",
        "05.1_ok": "1 / sqrt(count)：類別之間的權重比值是筆數比值的平方根。",
        "05.1_inverse": "這是 1 / count。要先對每個筆數開平方根。",
        "05.1_scaled": "比值對了（1 : 2 : 4），但這不是權重本身：請給出 1 / sqrt(count) 的值，例如類別 0 是 1 / sqrt(400)。",
        "05.1_other": "這不是筆數 [400, 100, 25] 的 1 / sqrt(count)。",
        "05.3_ok": "β = 0.9 時，只要筆數超過幾十筆，每個類別的有效樣本數都接近 1 / (1 - β) = 10，所以權重幾乎沒有差別：w1 / w0 = {ratio:.3g}。",
        "05.3_inverse": "{got:g} 是 1 / count 的比值。有效樣本數 (1 - β^n) / (1 - β) 在 n 很大時會停在 1 / (1 - β) = 10。",
        "05.3_sqrt": "{got:g} 是 1 / sqrt(count) 的比值。用 β = 0.9 分別算出 n = 1000 和 n = 10 的 (1 - β^n) / (1 - β)。",
        "05.3_inverted": "{got:g} 是 w0 / w1，上下顛倒了：要用類別 1 的權重除以類別 0 的權重。",
        "05.3_other": "{got:g} 不對。權重是 (1 - β) / (1 - β^n)；用 β = 0.9 分別算出 n = 1000 和 n = 10 的權重，再相除。",
        "04.2_ok": "w1 = 2 / 3，w0 = 2 / 31，所以兩筆類別 1 的資料占這個批次的 2 × w1 / (2 × w1 + 30 × w0) = 31 / 76 = {share:.3f}，而用 1 / count 時是一半：+ s 會把少見類別的一部分占比拿回去。",
        "04.2_inverse": "{got:g} 是用 1 / count 時的占比：出現的每個類別都得到相同的總權重。安全規則則是用 (1 + s) / (count + s) 來加權每個樣本。",
        "04.2_ratio": "{got:g} 是比值 w1 / w0，不是占比。把每個權重乘上該類別在批次中的筆數，再用類別 1 的部分除以兩者的總和。",
        "04.2_unweighted": "{got:g} 是 2 / 32，也就是不加權時的占比。要先用 (1 + s) / (count + s) 加權每個樣本。",
        "04.2_range": "占比是介於 0 和 1 之間的小數（不是百分比）。",
        "04.2_other": "{got:g} 不對。用 s = 1 分別算出筆數 30 和 2 的 w = (1 + s) / (count + s)，再算 2 × w1 / (2 × w1 + 30 × w0)。",
        "05.2_ok": "logit 調整會從 logits 減去 tau × log(prior)：和類別 0 相比，最少的類別被加了 {boost:.2f}。",
        "05.2_sign": "正負號反了：事後（post-hoc）logit 調整是預測 argmax(logits - tau × log(prior))。",
        "05.2_tau": "這是 tau = 1 時的偏移量：log(prior) 還要乘上 tau = 0.5。",
        "05.2_counts": "這是 tau × log(筆數)：要先把每個筆數除以總筆數（prior = 筆數 / 總筆數）。兩者對每個類別都差同一個常數，所以 argmax 不會變，但偏移量是 tau × log(prior)。",
        "05.2_other": "這不是筆數 [900, 90, 10]、tau = 0.5 時的 tau × log(prior)（prior = 筆數 / 總筆數，用自然對數）。",
        "06.1_ok": "所有目標標籤都被忽略時，你的損失是 0；其他情況則和 CrossEntropyLoss 相同。",
        "06.1_nan": "所有目標標籤都是 ignore_index 時，你的損失是 {value}：應該回傳 0（或跳過這個批次），而不是 0 / 0。",
        "06.1_wrong": "有保留目標標籤時，你的損失是 {value:.4f}，但 CrossEntropyLoss 算出 {expected:.4f}。",
        "06.1_not_tensor": "所有目標標籤都被忽略時，你的函式回傳的是 {got}，不是張量：在訓練迴圈裡 loss.backward() 會出現錯誤。請回傳由 logits 算出來的零張量，例如 logits.sum() * 0.0。",
        "06.1_detached": "所有目標標籤都被忽略時，你回傳的零不是由 logits 算出來的（梯度傳不回 logits），在訓練迴圈裡 loss.backward() 會出現錯誤，或是什麼也沒訓練到。請用 logits 算出來，例如 logits.sum() * 0.0，而不是 torch.tensor(0.0)。",
        "06.2_ok": "沒錯：有 n 筆資料的類別被抽到的次數 ∝ n / sqrt(n) = sqrt(n)，每次的權重是 1 / sqrt(n)：每個類別的總和都是 1，和只用 1 / 筆數權重時一樣。",
        "06.2_twice": "不是這個：抽到 n 次 x 抽樣權重 (1 / n) x 損失權重 (1 / n) = 每個類別 1 / n，不平衡修正了兩次（第 6 節）。請把每種設定的抽到次數和權重相乘。",
        "06.2_more": "不是這個：n x (1 / n) x (1 / sqrt(n)) = 1 / sqrt(n)，少數類別還是比較重：修正超過一次。請把每種設定的抽到次數和權重相乘。",
        "06.3_ok": "抽樣器讓每個類別被抽到的次數大致相同，所以只剩下權重在起作用：w1 / w0 = 800 / 100，類別 1 的總和是類別 0 的 {ratio:.3g} 倍。原本 8 比 1 的不平衡又回來了，只是方向反過來。",
        "06.3_once": "{got:g} 是只做一種修正時的結果（只用權重，或只用抽樣器）。兩者一起用時，各類別被抽到的次數大致相同，而每一次抽到的樣本仍然用 1 / count 加權。",
        "06.3_square": "{got:g} 太多了：抽樣器拉平的是各類別被抽到的次數，並不會把權重再乘一次。次數相同，再乘上 w1 / w0。",
        "06.3_inverted": "{got:g} 是類別 0 的總和除以類別 1 的總和。題目問的是類別 1 的總和是類別 0 的幾倍。",
        "06.3_other": "{got:g} 不對。抽樣器讓每個類別被抽到的次數大致相同；把每個類別被抽到的次數乘上它的權重 1 / count，再比較。",
        # 07.1
        "07.1_ok": "兩個偏移量相差 log(n_0 / n_9) = log({n0:g} / {n9:g}) = {expected:.3f}：N 會互相抵消。",
        "07.1_nominal": "{got:.4g} 是 log(10)，用的是名目上的比值。實際筆數是整數 int(n_max x ratio^(-i/9))：要用實際的 n_0 / n_9。",
        "07.1_nolog": "{got:.4g} 是 n_0 / n_9 本身。偏移量是對數：要取這個比值的 log。",
        "07.1_sign": "正負號反了：題目問的是數字 9 的 logit 比數字 0 的多上升多少，答案是正數。",
        "07.1_other": "{got:.4g} 不對。用數字 0 的偏移量 log(n_0 / N) 減去數字 9 的偏移量 log(n_9 / N)。",
        # 07.2
        "07.2_ok": "w_9 / w_0 = n_0 / n_9 = {n0:g} / {n9:g} = {expected:g}：要用實際的筆數，不是名目上的 20。",
        "07.2_nominal": "20 是名目上的比值。n_i = int(n_max x 20^(-i/9)) 會無條件捨去：請算出實際的筆數，例如用 cw.long_tailed_digits(20)。",
        "07.2_other_ratio": "{got:.4g} 是比值 {ratio} 時的 n_0 / n_9。題目問的是比值 20：請算出那時的筆數。",
        "07.2_inverted": "{got:.4g} 是 w_0 / w_9：數字 9 是稀有的數字，它的權重才是比較大的那一個。",
        "07.2_log": "{got:.4g} 是 log(n_0 / n_9)，也就是 logit 調整偏移量的差。權重是乘在損失上的：要取比值本身，不取 log。",
        "07.2_other": "{got:.4g} 不對。平衡權重是 N / (K n_c)：用比值 20 時的筆數，把數字 9 的權重除以數字 0 的權重。",
        # 07.3
        "07.3_ok": "五個差異 R - CE 的平均是 {mean:.2f}，樣本標準差是 {sd:.2f}；取 t = {t:.3f}（自由度 4），信賴區間是 {low:.2f} 到 {high:.2f}。整個區間都在 0 以上：R 的增益站得住。切分之間的起伏在 CE 和 R 各自的數字裡掩蓋了這個增益，但在相減之後就互相抵消了。",
        "07.3_unpaired": "{got:.3g} 把 CE 和 R 兩組數字當成互不相關的實驗。同一個種子的兩個結果用的是同一個切分：要先逐個種子相減，再算這五個差異的信賴區間。",
        "07.3_ddof": "{got:.3g} 用的是母體標準差，除以 N。信賴區間要用樣本標準差，除以 N - 1（statistics.stdev，或 ddof=1）。",
        "07.3_z": "{got:.3g} 用的是 1.96，這是常態分布的分位數。只有 N = 5 次實驗時，要用自由度 N - 1 = 4 的 t 分布（Student t 分布）：scipy.stats.t.ppf(0.975, 4)。",
        "07.3_df": "{got:.3g} 用的是自由度 5 的 t。五個差異的自由度是 N - 1 = 4。",
        "07.3_sqrt": "{got:.3g} 沒有除以 N 的平方根：信賴區間是平均 ± t x s / sqrt(N)。",
        "07.3_upper": "{got:.3g} 是上限。題目問的是下限：平均 - t x s / sqrt(N)。",
        "07.3_mean": "{got:.3g} 是平均差異本身。下限要再減去 t x s / sqrt(N)。",
        "07.3_sign": "正負號反了：要逐個種子算 R - CE。",
        "07.3_other": "{got:.3g} 不對。逐個種子把 R 減去 CE，再用樣本標準差 s 和 t = scipy.stats.t.ppf(0.975, 4) 算出平均 - t x s / sqrt(N)。",
        # 08.1
        "08.1_ok": "CE 的權重只有比值有意義，而 BCE 的負類永遠算 1，所以 pos_weight = 6 / 2 = {pw:g}；BCE 的 mean 除以 N = 10，CE 的則除以目標標籤權重的總和，所以 BCE 的損失是 CE 的 (8 × 1 + 2 × 3) / 10 = {factor:g} 倍。",
        "08.1_pw_raw": "pos_weight {got:g} 是正類在 CE 裡的權重本身。BCE 的負類永遠算 1：pos_weight 是正類權重相對於負類權重的比值，這裡是 6 / 2。",
        "08.1_pw_inverted": "pos_weight {got:.4g} 是負類權重除以正類權重。pos_weight 乘在正類那一項上：要取 6 / 2。",
        "08.1_pw_other": "pos_weight {got:.4g} 不對。CE 的權重 [2, 6] 和 [1, 3] 訓練出同一個模型（共同的倍數會互相抵消）；BCE 的負類永遠算 1。",
        "08.1_factor_scaled": "倍數 {got:.4g} 用的是 CE 自己的權重 [2, 6]。pos_weight 為 3 的 BCE 給樣本的權重是 [1, 3]，而 CE 的 mean 在 [2, 6] 和 [1, 3] 時相同：要用 [1, 3] 在這個批次上的權重總和。",
        "08.1_factor_one": "倍數不是 1：CE 的 mean 除以目標標籤權重的總和，BCE 的則除以 N = 10。",
        "08.1_factor_inverted": "倍數 {got:.4g} 是 CE 的損失除以 BCE 的損失。BCE = CE ×（目標標籤權重的總和）/ N。",
        "08.1_factor_other": "倍數 {got:.4g} 不對。BCE 的 mean 是 sum(w[y] loss) / N，CE 的是 sum(w[y] loss) / sum(w[y])，兩者的 w 都是 [1, 3]：比值是 8 筆負類和 2 筆正類的 sum(w[y]) / N。",
        # 08.2
        "08.2_ok": "softmax(logits - log w)：(0.75 / 9) / (0.75 / 9 + 0.25 / 1) = {expected:.3f}。權重讓類別 1 看起來比實際多了 9 倍。",
        "08.2_raw": "{got:.3g} 是加權模型自己輸出的機率。用權重 [1, 9] 訓練，會讓類別 1 看起來多了 9 倍：要先除以權重，再重新正規化。",
        "08.2_times": "{got:.3g} 是乘上權重的結果。加權模型原本就高估類別 1，應該是除以權重才對。",
        "08.2_norm": "{got:.3g} 把類別 1 的機率除以 9，但沒有重新正規化：校正後兩個類別的機率加起來必須是 1。",
        "08.2_range": "機率必須介於 0 和 1 之間。",
        "08.2_other": "{got:.3g} 不對。把每個類別的機率除以它的權重，再讓兩者加起來等於 1。",
        # 08.3
        "08.3_ok": "在校正後的機率 q 上，20 q > 1 - q 時就標記，也就是 q > 1 / 21。原始輸出的勝算是校正後勝算的 4 倍，所以原始門檻值的勝算是 4 / 20：p > {expected:.4f}（1 / 6）。",
        "08.3_corrected": "{got:.3g} = 1 / 21 是校正後機率上的門檻值。題目問的是原始的 P(正類)，權重 [1, 4] 把它的勝算放大了 4 倍。",
        "08.3_weights_only": "{got:.3g} = 1 / 5 是權重 [1, 4] 在校準良好的機率上所代表的門檻值：它沒有考慮診所的代價。",
        "08.3_half": "0.5 是原始輸出的 argmax：它既沒有用到診所的代價，也沒有考慮權重。",
        "08.3_times": "{got:.3g} 把勝算乘上 4 而不是除以 4：原始輸出本來就高估類別 1，所以它的門檻值應該比校正後的高，而不是更低。",
        "08.3_flipped": "{got:.3g} 大於 0.5：漏掉一個陽性的代價比一次誤報高，所以門檻值應該低於 0.5。",
        "08.3_range": "機率的門檻值必須介於 0 和 1 之間。",
        "08.3_other": "{got:.3g} 不對。先求出校正後機率上的門檻值 1 / 21，再換成原始的勝算：把它的勝算乘上 4。",
        # 08.4
        "08.4_ok": "模型 A 的判定是對的，機率不對：校正機率就好，不必重新訓練。模型 B 的機率是對的，判定不對：移動門檻值就好，不必重新訓練。",
        "08.4_format": "請用 a、b、c、d 中的兩個字母組成的字串作答：先寫模型 A 的修正方式，再寫模型 B 的，例如 \"ad\"。",
        "08.4_A_a": "模型 A：用別的權重重新訓練，會改變你原本滿意的判定，而且它的機率仍然被高估。",
        "08.4_A_c": "模型 A：移動門檻值會改變判定，而它的判定原本就是對的；它的機率仍然被高估（正類的占比是 0.100，平均卻是 0.268）。",
        "08.4_A_d": "模型 A：正類的占比是 0.100，P(正類) 平均卻是 0.268，這不是可以告訴病人的機率。",
        "08.4_B_a": "模型 B：加權會讓它原本正確的機率被高估；降低門檻值不必重新訓練，就能得到想要的判定。",
        "08.4_B_b": "模型 B：不加權模型的權重是 [1, 1]，用 cw.unweight_probabilities 什麼都不會改變，而且它的機率本來就是對的。",
        "08.4_B_d": "模型 B：只找到 40% 的正類，對診所來說太少：它的判定需要修正。",
        "choice": "請用這些字母之一作答：{choices}。",
        # 09.1
        "09.1_ok": "標籤 2 自己的 pos_weight 是 {own:.2f}；三個標籤合併計算會得到 {pooled:.2f}，只有它的 1/{expected:.2f}。合併後的筆數主要來自常見標籤的正類。",
        "09.1_inverted": "{got:.3g} 是合併計算的權重除以標籤 2 自己的權重：題目要的是反過來，會大於 1。",
        "09.1_own": "{got:.3g} 是標籤 2 自己的 pos_weight（標籤 2 的 n_negative / n_positive）。還要再除以合併計算的權重。",
        "09.1_pooled": "{got:.3g} 是合併計算的權重本身。要用標籤 2 自己的 pos_weight 除以它。",
        "09.1_one": "把三個標籤的筆數合在一起，得到的不是標籤 2 的比值：大部分的正類都屬於常見的標籤。",
        "09.1_other": "{got:.3g} 不對。合併計算的權重，要數 Y_train 裡所有（樣本，標籤）組合中的負類和正類。",
        # 09.2
        "09.2_ok": ".mean() 除以全部 {n} 個像素，CrossEntropyLoss 除以有標註像素的權重總和 {d:.2f}：CrossEntropyLoss 的損失是同事的 {n} / {d:.0f} = {expected:.4f} 倍。",
        "09.2_same": "兩者的總和相同，分母卻不同：.mean() 的分母把被忽略的像素也算進去了。",
        "09.2_inverted": "{got:.4g} 是同事的損失除以 CrossEntropyLoss 的損失：題目要的是反過來。",
        "09.2_count": "{got:.4g} 是除以有標註像素的個數，那是個數，不是權重總和：CrossEntropyLoss 除以的是有標註像素的權重總和。只有用平衡權重時兩者才相等。",
        "09.2_denominator": "{got:.4g} 是其中一個分母，不是倍數：要把一個分母除以另一個。",
        "09.2_other": "{got:.4g} 不對。比較 .mean() 除以什麼，和 CrossEntropyLoss(weight=..., ignore_index=...) 除以什麼。",
    },
}


class _Verdict(Exception):
    def __init__(self, ok: bool, key: str, **fields):
        self.ok, self.key, self.fields = ok, key, fields


def _fail(key: str, **fields):
    raise _Verdict(False, key, **fields)


def _numbers(answer: Any, n: int) -> list[float]:
    try:
        values = [float(v) for v in torch.as_tensor(answer, dtype=torch.float64).reshape(-1)]
    except (TypeError, ValueError, RuntimeError):
        _fail("not_numbers", n=n, got=answer)
    if len(values) != n or not all(math.isfinite(v) for v in values):
        _fail("not_numbers", n=n, got=answer)
    return values


def _close(a, b, rel=1e-3) -> bool:
    return all(math.isclose(x, y, rel_tol=rel, abs_tol=1e-9) for x, y in zip(a, b))


# -- the checks: each returns the "why" message key (and fields) of a right answer, or raises _fail ------------------

def _ex_01_1(answer):
    """Three classes, 5, 3 and 2 samples, every sample the same loss (zero logits): the "sum" loss's per-class
    parts, computed from CrossEntropyLoss, must be equal (within 1%)."""
    w = _numbers(answer, 3)
    if min(w) <= 0:
        _fail("nonpositive")
    counts = (5, 3, 2)
    targets = torch.tensor([c for c, n in enumerate(counts) for _ in range(n)])
    weight = torch.tensor(w, dtype=torch.float64)
    per_sample = torch.nn.CrossEntropyLoss(weight=weight, reduction="none")(
        torch.zeros(len(targets), 3, dtype=torch.float64), targets)
    parts = torch.zeros(3, dtype=torch.float64).index_add(0, targets, per_sample)
    wc = "[" + ", ".join(f"{v * n:.3g}" for v, n in zip(w, counts)) + "]"
    if float(parts.max() / parts.min()) <= 1.01:
        return "01.1_ok", {"wc": wc}
    if all(math.isclose(v / n, w[0] / counts[0], rel_tol=0.01) for v, n in zip(w, counts)):
        _fail("01.1_counts")
    _fail("01.1_uneven", wc=wc, hi=int(parts.argmax()), lo=int(parts.argmin()))


def _ex_01_2(answer):
    (got,) = _numbers(answer, 1)
    targets = torch.tensor([0] * 6 + [1] * 3 + [2])
    w = torch.tensor([1.0, 2.0, 6.0])
    expected = float(w[targets].sum())
    if math.isclose(got, expected, rel_tol=1e-3):
        return "01.2_ok", {}
    if math.isclose(got, float(len(targets))):
        _fail("01.2_n", got=got)
    if math.isclose(got, 3.0):
        _fail("01.2_k", got=got)
    if math.isclose(got, float(w.sum()), rel_tol=1e-3):
        _fail("01.2_w", got=got)
    _fail("01.2_other", got=got)


def _unsure_ratio() -> float:
    """Lesson 01's 'unsure' logits (class 0's samples as in the toy example, class 1's at (-0.2, 0.2)): the weight
    ratio w1 / w0 that makes the two classes' parts equal."""
    loss = torch.nn.CrossEntropyLoss(reduction="none")
    logits, targets = toy_example()
    l0 = float(loss(logits[:1], targets[:1]))
    l1 = float(loss(torch.tensor([[-0.2, 0.2]]), torch.tensor([1])))
    return (8 * l0) / (2 * l1)


def _ex_01_3(answer):
    w0, w1 = _numbers(answer, 2)
    if w0 <= 0 or w1 <= 0:
        _fail("nonpositive")
    ratio, expected = w1 / w0, _unsure_ratio()
    if math.isclose(ratio, expected, rel_tol=0.01):
        return "01.3_ok", {"ratio": ratio}
    if math.isclose(ratio, 4.0, rel_tol=0.01):
        _fail("01.3_balanced")
    _fail("01.3_low" if ratio < expected else "01.3_high", ratio=ratio)


def _blobs_recall(weight=None):
    """Each class's validation recall of lesson 02's model trained with ``weight``."""
    from .metrics import evaluate
    from .training import train

    splits = lesson_blobs(seed=0)
    (X, y), (Xv, yv) = splits["train"], splits["val"]
    return evaluate(train(X, y, weight, seed=0), Xv, yv, num_classes=3)["recall"]


def _class_index(answer, allowed, key):
    whole = isinstance(answer, int) or (isinstance(answer, float) and answer.is_integer())
    if isinstance(answer, bool) or not whole:
        _fail(key)
    if int(answer) not in allowed:
        _fail(key)
    return int(answer)


def _ex_02_3(answer):
    from .weights import class_counts, inverse_frequency

    got = _class_index(answer, (0, 1), "02.3_range")
    _, y = lesson_blobs(seed=0)["train"]
    w = inverse_frequency(class_counts(y))
    doubled = w.clone()
    doubled[2] *= 2
    before, after = _blobs_recall(w), _blobs_recall(doubled)
    drop = [before[c] - after[c] for c in (0, 1)]
    answer_c = 0 if drop[0] >= drop[1] else 1
    if got == answer_c:
        return "02.3_ok", {"answer": answer_c, "b0": before[0], "a0": after[0], "b1": before[1], "a1": after[1]}
    _fail("02.3_wrong", got=got)


MINORITY_GAP_SPLITS = 20


@functools.lru_cache(maxsize=1)
def minority_gap(n_splits: int = MINORITY_GAP_SPLITS) -> tuple[float, ...]:
    """Exercise 02.1's evidence: on ``n_splits`` draws of lesson 02's data (``lesson_blobs(seed)``, seeds 0 to
    n_splits - 1), class 1's validation recall minus class 2's, for lesson 02's model trained without weights."""
    from .metrics import evaluate
    from .training import train

    gaps = []
    for seed in range(n_splits):
        splits = lesson_blobs(seed=seed)
        (X, y), (Xv, yv) = splits["train"], splits["val"]
        recall = evaluate(train(X, y, None, seed=0), Xv, yv, num_classes=3)["recall"]
        gaps.append(round(float(recall[1]) - float(recall[2]), 6))
    return tuple(gaps)


def _ex_02_1(answer):
    import statistics

    from scipy import stats

    if not isinstance(answer, bool):
        _fail("bool")
    d = minority_gap()
    n, mean = len(d), statistics.mean(d)
    half = float(stats.t.ppf(0.975, n - 1)) * statistics.stdev(d) / math.sqrt(n)
    lo, hi = mean - half, mean + half
    # class 1 is harder only if the whole interval lies below 0; above 0 it is easier; containing 0, no claim
    suffix = "_harder" if hi < 0 else "_easier" if lo > 0 else ""
    harder = suffix == "_harder"
    fields = {"n": n, "last": n - 1, "mean": mean, "lo": lo, "hi": hi, "lower": sum(g < 0 for g in d),
              "higher": sum(g > 0 for g in d), "ties": sum(g == 0 for g in d)}
    if answer == harder:
        return "02.1_ok" + suffix, fields
    _fail("02.1_wrong" + suffix, **fields)


def _ex_02_2(answer):
    try:
        got = _numbers(answer, 3)
    except _Verdict:
        _fail("02.2_shape")
    counts = [800.0, 100.0, 100.0]
    expected = [1000 / (3 * c) for c in counts]
    if _close(got, expected):
        return "02.2_ok", {}
    if _close(got, [1 / c for c in counts]):
        _fail("02.2_inverse")
    if got[0] > 0 and _close([g / got[0] for g in got], [e / expected[0] for e in expected]):
        _fail("02.2_ratio")
    _fail("02.2_other")


def _ex_03_1(answer):
    (s,) = _numbers(answer, 1)
    if s < 0:
        _fail("03.1_negative")
    ratio = (800 + s) / (100 + s)
    if abs(s - 600) <= 0.5:
        return "03.1_ok", {}
    _fail("03.1_low" if ratio > 2 else "03.1_high", got=s, ratio=ratio)


def _sgd_sum_run(weight: list[float], lr: float) -> torch.Tensor:
    """Three plain SGD steps with ``reduction="sum"`` on fixed random data; the parameters after them."""
    gen = torch.Generator().manual_seed(0)
    X, y = torch.randn(24, 4, generator=gen, dtype=torch.float64), torch.randint(0, 3, (24,), generator=gen)
    model = torch.nn.Linear(4, 3).double()
    with torch.no_grad():
        model.weight.copy_(torch.randn(3, 4, generator=gen, dtype=torch.float64))
        model.bias.zero_()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weight, dtype=torch.float64), reduction="sum")
    for _ in range(3):
        optimizer.zero_grad()
        loss_fn(model(X), y).backward()
        optimizer.step()
    return torch.cat([p.detach().flatten() for p in model.parameters()])


def _ex_03_2(answer):
    (lr,) = _numbers(answer, 1)
    if lr <= 0:
        _fail("03.2_positive")
    before = _sgd_sum_run([2.0, 16.0, 16.0], 0.01)
    if torch.allclose(_sgd_sum_run([1.0, 8.0, 8.0], lr), before, rtol=1e-3, atol=1e-6):
        return "03.2_ok", {}
    if math.isclose(lr, 0.01, rel_tol=1e-3):
        _fail("03.2_same")
    _fail("03.2_direction" if lr < 0.01 else "03.2_other")


def lesson_03_recall_0(s: float) -> float:
    """Class 0's validation recall in lesson 03's sweep for smoothing factor ``s`` (same data, split and seed)."""
    from .metrics import evaluate
    from .training import train
    from .weights import class_counts, smoothed_inverse_frequency

    splits = lesson_blobs(seed=0)
    (X_train, y_train), (X_val, y_val) = splits["train"], splits["val"]
    weight = smoothed_inverse_frequency(class_counts(y_train), s)
    return evaluate(train(X_train, y_train, weight=weight, seed=0), X_val, y_val)["recall"][0]


def _ex_03_3(answer):
    (guess,) = _numbers(answer, 1)
    if not 0.0 <= guess <= 1.0:
        _fail("03.3_range")
    actual = lesson_03_recall_0(300.0)
    if abs(guess - actual) <= 0.03:
        return "03.3_ok", {"actual": actual}
    _fail("03.3_low" if guess < actual else "03.3_high")


def _ex_04_1(rule):
    if not callable(rule):
        _fail("not_callable", got=rule)
    batches = [torch.tensor(b) for b in ([0, 0, 0, 1, 1, 2], [0, 0, 0, 0, 1], [0, 2, 2], [1, 1])]
    for labels in batches:
        try:
            w = torch.as_tensor(rule(labels), dtype=torch.float64)
        except Exception as err:  # the learner's code: report whatever it raised
            _fail("crashed", err=type(err).__name__, msg=str(err))
        if w.shape != (3,):
            _fail("04.1_shape", k=3, shape=tuple(w.shape))
        counts = torch.bincount(labels, minlength=3).double()
        for c in range(3):
            if not math.isfinite(float(w[c])):
                _fail("04.1_inf", c=c, value=float(w[c]))
        present = counts > 0
        expected = 1 / counts[present]
        got = w[present]
        if (got <= 0).any():
            _fail("nonpositive")
        if not _close((got / got[0]).tolist(), (expected / expected[0]).tolist()):
            _fail("04.1_ratio", labels=labels.tolist())
        for c in (~present).nonzero().flatten().tolist():
            if float(w[c]) < 0:
                _fail("04.1_negative", c=c, value=float(w[c]))
            top = float(got.max())
            if float(w[c]) > top * (1 + 1e-6):
                _fail("04.1_large", c=c, value=float(w[c]), top=top)
    return "04.1_ok", {}


def _ex_05_1(answer):
    got = _numbers(answer, 3)
    counts = [400.0, 100.0, 25.0]
    if _close(got, [c ** -0.5 for c in counts]):
        return "05.1_ok", {}
    if _close(got, [1 / c for c in counts]):
        _fail("05.1_inverse")
    if got[0] > 0 and _close([g / got[0] for g in got], [(counts[0] / c) ** 0.5 for c in counts]):
        _fail("05.1_scaled")
    _fail("05.1_other")


def _ex_05_2(answer):
    from .weights import logit_adjustment

    got = _numbers(answer, 3)
    counts = [900.0, 90.0, 10.0]
    expected = logit_adjustment(counts, tau=0.5).tolist()
    near = lambda a, b: all(math.isclose(x, y, rel_tol=1e-3, abs_tol=5e-4) for x, y in zip(a, b))  # noqa: E731
    if near(got, expected):
        return "05.2_ok", {"boost": expected[0] - expected[2]}
    if near([-g for g in got], expected):
        _fail("05.2_sign")
    if near(got, logit_adjustment(counts, tau=1.0).tolist()):
        _fail("05.2_tau")
    if near(got, [0.5 * math.log(c) for c in counts]):
        _fail("05.2_counts")
    _fail("05.2_other")


def _ex_05_3(answer):
    from .weights import effective_number

    (got,) = _numbers(answer, 1)
    w = effective_number([1000.0, 10.0], beta=0.9)
    ratio = float(w[1] / w[0])
    if math.isclose(got, ratio, rel_tol=2e-3):
        return "05.3_ok", {"ratio": ratio}
    if math.isclose(got, 100.0, rel_tol=1e-3):
        _fail("05.3_inverse", got=got)
    if math.isclose(got, 10.0, rel_tol=1e-3):
        _fail("05.3_sqrt", got=got)
    if math.isclose(got, 1 / ratio, rel_tol=2e-3):
        _fail("05.3_inverted", got=got)
    _fail("05.3_other", got=got)


def _ex_04_2(answer):
    from .reference import safe_batch_weights

    (got,) = _numbers(answer, 1)
    labels = torch.tensor([0] * 30 + [1] * 2)
    w = safe_batch_weights(labels, num_classes=3, smoothing=1.0).double()
    share = float(w[1] * 2 / w[labels].sum())  # class 1's part of the batch's sum of the targets' weights
    if math.isclose(got, share, abs_tol=3e-3):
        return "04.2_ok", {"share": share}
    if math.isclose(got, float(w[1] / w[0]), rel_tol=2e-3) or math.isclose(got, 15.0, rel_tol=1e-3):
        _fail("04.2_ratio", got=got)
    if not 0.0 <= got <= 1.0:
        _fail("04.2_range")
    if math.isclose(got, 0.5, abs_tol=2e-3):
        _fail("04.2_inverse", got=got)
    if math.isclose(got, 2 / 32, rel_tol=2e-2):
        _fail("04.2_unweighted", got=got)
    _fail("04.2_other", got=got)


def _ex_06_1(fn):
    if not callable(fn):
        _fail("not_callable", got=fn)
    gen = torch.Generator().manual_seed(0)
    logits = torch.randn(6, 3, generator=gen).requires_grad_()  # as a model's output: attached to a graph
    cases = [torch.tensor([-100] * 6), torch.tensor([0, -100, 2, 1, -100, 0])]
    for targets in cases:
        try:
            out = fn(logits, targets)
            value = float(out.detach() if isinstance(out, torch.Tensor) else out)
        except Exception as err:  # the learner's code
            _fail("crashed", err=type(err).__name__, msg=str(err))
        kept = targets != -100
        if not kept.any():
            if not math.isfinite(value) or value != 0:
                _fail("06.1_nan", value=value)
            if not isinstance(out, torch.Tensor):
                _fail("06.1_not_tensor", got=type(out).__name__)
            if out.grad_fn is None:  # a fresh leaf (even with requires_grad=True) is not the logits' graph
                _fail("06.1_detached")
        else:
            expected = float(torch.nn.CrossEntropyLoss()(logits, targets).detach())
            if not math.isclose(value, expected, rel_tol=1e-4):
                _fail("06.1_wrong", value=value, expected=expected)
    return "06.1_ok", {}


def _ex_06_2(answer):
    choices = ("a", "b", "c")
    if not isinstance(answer, str) or answer.strip().lower() not in choices:
        _fail("choice", choices=", ".join(choices))
    answer = answer.strip().lower()
    if answer == "c":
        return "06.2_ok", {}
    _fail("06.2_twice" if answer == "a" else "06.2_more")


def _ex_06_3(answer):
    from .sampling import oversampling_sampler
    from .weights import class_counts, inverse_frequency

    (got,) = _numbers(answer, 1)
    _, y = lesson_blobs(seed=0)["train"]
    w = inverse_frequency(class_counts(y)).double()
    p = oversampling_sampler(y).weights.double()
    p = p / p.sum()  # each training sample's chance at every draw
    expected = [float(p[y == c].sum() * w[c]) for c in (0, 1)]  # expected sum of w[y] per draw, class by class
    ratio = expected[1] / expected[0]
    if math.isclose(got, ratio, rel_tol=1e-2):
        return "06.3_ok", {"ratio": ratio}
    if math.isclose(got, 1.0, rel_tol=1e-2):
        _fail("06.3_once", got=got)
    if math.isclose(got, ratio ** 2, rel_tol=1e-2):
        _fail("06.3_square", got=got)
    if math.isclose(got, 1 / ratio, rel_tol=1e-2):
        _fail("06.3_inverted", got=got)
    _fail("06.3_other", got=got)


def _digit_counts(ratio: float) -> torch.Tensor:
    from .digits import long_tailed_digits

    return torch.bincount(long_tailed_digits(ratio)["train"][1], minlength=10).double()


def _ex_07_1(answer):
    (got,) = _numbers(answer, 1)
    n = _digit_counts(10)
    expected = float(torch.log(n[0] / n[9]))
    fields = {"n0": float(n[0]), "n9": float(n[9]), "expected": expected}
    if math.isclose(got, expected, rel_tol=2e-3):
        return "07.1_ok", fields
    if math.isclose(got, -expected, rel_tol=2e-3):
        _fail("07.1_sign")
    if math.isclose(got, math.log(10), rel_tol=2e-3):
        _fail("07.1_nominal", got=got)
    if math.isclose(got, float(n[0] / n[9]), rel_tol=2e-3):
        _fail("07.1_nolog", got=got)
    _fail("07.1_other", got=got)


def _ex_07_2(answer):
    (got,) = _numbers(answer, 1)
    n = _digit_counts(20)
    expected = float(n[0] / n[9])
    if math.isclose(got, expected, rel_tol=2e-3):
        return "07.2_ok", {"n0": float(n[0]), "n9": float(n[9]), "expected": expected}
    if math.isclose(got, 20.0, rel_tol=2e-3):
        _fail("07.2_nominal")
    for ratio in (10, 50):
        other = _digit_counts(ratio)
        if math.isclose(got, float(other[0] / other[9]), rel_tol=2e-3):
            _fail("07.2_other_ratio", got=got, ratio=ratio)
    if math.isclose(got, 1 / expected, rel_tol=2e-3):
        _fail("07.2_inverted", got=got)
    if math.isclose(got, math.log(expected), rel_tol=2e-3):
        _fail("07.2_log", got=got)
    _fail("07.2_other", got=got)


# Exercise 07.3's data: a colleague's balanced test accuracies (%) of CE and a recipe R on the same five splits.
COLLEAGUE_CE = (78.0, 83.4, 74.2, 80.6, 79.8)
COLLEAGUE_R = (80.2, 84.6, 77.0, 82.4, 80.6)


def _ex_07_3(answer):
    import statistics

    from scipy import stats

    (got,) = _numbers(answer, 1)
    d = [r - c for c, r in zip(COLLEAGUE_CE, COLLEAGUE_R, strict=True)]
    n, mean, sd = len(d), statistics.mean(d), statistics.stdev(d)
    t = float(stats.t.ppf(0.975, n - 1))
    low, high = mean - t * sd / math.sqrt(n), mean + t * sd / math.sqrt(n)
    if math.isclose(got, low, abs_tol=5e-3):
        return "07.3_ok", {"mean": mean, "sd": sd, "t": t, "low": low, "high": high}
    welch = stats.ttest_ind(COLLEAGUE_R, COLLEAGUE_CE, equal_var=False).confidence_interval(0.95)
    pooled = stats.ttest_ind(COLLEAGUE_R, COLLEAGUE_CE, equal_var=True).confidence_interval(0.95)
    sd0 = statistics.pstdev(d)
    z = float(stats.norm.ppf(0.975))
    mistakes = [
        ("07.3_sign", [-high]),
        ("07.3_unpaired", [float(welch.low), float(pooled.low)]),
        ("07.3_ddof", [mean - t * sd0 / math.sqrt(n)]),
        ("07.3_z", [mean - z * sd / math.sqrt(n), mean - z * sd0 / math.sqrt(n)]),
        ("07.3_df", [mean - float(stats.t.ppf(0.975, n)) * sd / math.sqrt(n)]),
        ("07.3_sqrt", [mean - t * sd, mean - t * sd0]),
        ("07.3_upper", [high]),
        ("07.3_mean", [mean]),
    ]
    for key, values in mistakes:
        if any(math.isclose(got, v, abs_tol=5e-3) for v in values):
            _fail(key, got=got)
    _fail("07.3_other", got=got)


def _ex_08_1(answer):
    pw, factor = _numbers(answer, 2)
    gen = torch.Generator().manual_seed(0)
    z = torch.randn(10, generator=gen, dtype=torch.float64)
    t = torch.tensor([0.0] * 8 + [1.0] * 2, dtype=torch.float64)
    logits2 = torch.stack([torch.zeros_like(z), z], dim=1)  # softmax of (0, z) gives sigmoid(z)
    ce = float(torch.nn.CrossEntropyLoss(weight=torch.tensor([2.0, 6.0], dtype=torch.float64))(logits2, t.long()))
    bce = lambda p: float(torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([p], dtype=torch.float64))(z, t))  # noqa: E731
    # the pos_weight whose loss is CE's up to a constant factor: the ratio of CE's weights
    grads = {}
    for p in (2.0, 3.0, 6.0):
        zz = z.clone().requires_grad_(True)
        torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([p], dtype=torch.float64))(zz, t).backward()
        grads[p] = zz.grad
    zz = z.clone().requires_grad_(True)
    torch.nn.CrossEntropyLoss(weight=torch.tensor([2.0, 6.0], dtype=torch.float64))(
        torch.stack([torch.zeros_like(zz), zz], dim=1), t.long()).backward()
    proportional = [p for p, g in grads.items() if torch.allclose(g / g.norm(), zz.grad / zz.grad.norm())]
    (expected_pw,) = proportional
    expected_factor = bce(expected_pw) / ce
    if not math.isclose(pw, expected_pw, rel_tol=2e-3):
        if math.isclose(pw, 6.0, rel_tol=2e-3):
            _fail("08.1_pw_raw", got=pw)
        if math.isclose(pw, 1 / expected_pw, rel_tol=2e-3):
            _fail("08.1_pw_inverted", got=pw)
        _fail("08.1_pw_other", got=pw)
    if math.isclose(factor, expected_factor, rel_tol=2e-3):
        return "08.1_ok", {"pw": expected_pw, "factor": round(expected_factor, 6)}
    if math.isclose(factor, (8 * 2 + 2 * 6) / 10, rel_tol=2e-3):
        _fail("08.1_factor_scaled", got=factor)
    if math.isclose(factor, 1.0, rel_tol=2e-3):
        _fail("08.1_factor_one")
    if math.isclose(factor, 1 / expected_factor, rel_tol=2e-3):
        _fail("08.1_factor_inverted", got=factor)
    _fail("08.1_factor_other", got=factor)


def _ex_08_2(answer):
    from .probabilities import unweight_probabilities

    (got,) = _numbers(answer, 1)
    logits = torch.log(torch.tensor([[0.25, 0.75]], dtype=torch.float64))
    expected = float(unweight_probabilities(logits, [1.0, 9.0])[0, 1])
    if math.isclose(got, expected, abs_tol=2e-3):
        return "08.2_ok", {"expected": expected}
    if not 0.0 <= got <= 1.0:
        _fail("08.2_range")
    if math.isclose(got, 0.75, abs_tol=2e-3):
        _fail("08.2_raw", got=got)
    if math.isclose(got, 0.75 * 9 / (0.75 * 9 + 0.25), abs_tol=2e-3):
        _fail("08.2_times", got=got)
    if math.isclose(got, 0.75 / 9, abs_tol=2e-3):
        _fail("08.2_norm", got=got)
    _fail("08.2_other", got=got)


def _ex_08_3(answer):
    (got,) = _numbers(answer, 1)
    w, cost_miss, cost_alarm = (1.0, 4.0), 20.0, 1.0
    # scan raw P(positive): correct it (cw.unweight_probabilities), flag where the expected cost of flagging is lower
    from .probabilities import unweight_probabilities

    raw = torch.linspace(1e-4, 1 - 1e-4, 200001, dtype=torch.float64)
    corrected = unweight_probabilities(torch.stack([torch.log1p(-raw), torch.log(raw)], dim=1), list(w))[:, 1]
    flag = cost_miss * corrected > cost_alarm * (1 - corrected)
    expected = float(raw[flag.nonzero()[0, 0]])
    if math.isclose(got, expected, abs_tol=2e-3):
        return "08.3_ok", {"expected": expected}
    if not 0.0 <= got <= 1.0:
        _fail("08.3_range")
    if math.isclose(got, 0.5, abs_tol=2e-3):
        _fail("08.3_half")
    if got > 0.5:
        _fail("08.3_flipped", got=got)
    if math.isclose(got, cost_alarm / (cost_alarm + cost_miss), abs_tol=2e-3):
        _fail("08.3_corrected", got=got)
    if math.isclose(got, w[0] / (w[0] + w[1]), abs_tol=2e-3):
        _fail("08.3_weights_only", got=got)
    odds = cost_alarm / cost_miss / w[1]  # the odds multiplied by the weight instead of divided
    if math.isclose(got, odds / (1 + odds), abs_tol=2e-3):
        _fail("08.3_times", got=got)
    _fail("08.3_other", got=got)


def _ex_08_4(answer):
    letters = "".join(ch for ch in answer.lower() if ch.isalpha()) if isinstance(answer, str) else ""
    if len(letters) != 2 or any(ch not in "abcd" for ch in letters):
        _fail("08.4_format")
    a, b = letters
    if a != "b":
        _fail(f"08.4_A_{a}")
    if b != "c":
        _fail(f"08.4_B_{b}")
    return "08.4_ok", {}


def lesson_09_labels() -> torch.Tensor:
    """Lesson 09's multi-label training targets (3000, 3): ``multilabel_data()["train"][1]``, as the lesson."""
    return multilabel_data()["train"][1]


def lesson_09_pixels() -> tuple[torch.Tensor, torch.Tensor]:
    """Lesson 09's pixel targets (2, 6, 6) from ``pixel_data()``, 255 on an unlabelled corner, and their balanced
    class weights."""
    from .weights import balanced

    _, targets = pixel_data()
    return targets, balanced(torch.bincount(targets[targets != 255], minlength=3).float())


def _ex_09_1(answer):
    from .probabilities import pos_weight

    (got,) = _numbers(answer, 1)
    Y = lesson_09_labels()
    own = float(pos_weight(Y)[2])
    n_pos = float(Y.sum())
    pooled = (Y.numel() - n_pos) / n_pos
    expected = own / pooled
    if math.isclose(got, expected, rel_tol=2e-3):
        return "09.1_ok", {"own": own, "pooled": pooled, "expected": expected}
    for key, value in (("09.1_inverted", 1 / expected), ("09.1_own", own), ("09.1_pooled", pooled)):
        if math.isclose(got, value, rel_tol=2e-3):
            _fail(key, got=got)
    if math.isclose(got, 1.0, rel_tol=2e-3):
        _fail("09.1_one")
    _fail("09.1_other", got=got)


EX_09_2_WEIGHTS = (1.0, 5.0, 10.0)  # the exercise's own weights: with balanced ones sum(w) equals the count


def _ex_09_2(answer):
    (got,) = _numbers(answer, 1)
    targets, _ = lesson_09_pixels()
    kept = targets != 255
    d = float(torch.tensor(EX_09_2_WEIGHTS)[targets[kept]].sum())
    n, n_kept = targets.numel(), float(kept.sum())
    expected = n / d
    if math.isclose(got, expected, rel_tol=1e-3):
        return "09.2_ok", {"n": n, "d": d, "expected": expected}
    if math.isclose(got, 1.0, rel_tol=1e-3):
        _fail("09.2_same")
    if math.isclose(got, 1 / expected, rel_tol=1e-3):
        _fail("09.2_inverted", got=got)
    if math.isclose(got, n / n_kept, rel_tol=1e-3) or math.isclose(got, n_kept / n, rel_tol=1e-3):
        _fail("09.2_count", got=got)
    if any(math.isclose(got, v, rel_tol=1e-3) for v in (n, d, n_kept)):
        _fail("09.2_denominator", got=got)
    _fail("09.2_other", got=got)


EXERCISES: dict[str, Callable[[Any], tuple[str, dict]]] = {
    "01.1": _ex_01_1, "01.2": _ex_01_2, "01.3": _ex_01_3, "02.1": _ex_02_1, "02.2": _ex_02_2, "02.3": _ex_02_3,
    "03.1": _ex_03_1, "03.2": _ex_03_2, "03.3": _ex_03_3, "04.1": _ex_04_1, "04.2": _ex_04_2, "05.1": _ex_05_1,
    "05.2": _ex_05_2, "05.3": _ex_05_3, "06.1": _ex_06_1, "06.2": _ex_06_2, "06.3": _ex_06_3, "07.1": _ex_07_1,
    "07.2": _ex_07_2, "07.3": _ex_07_3, "08.1": _ex_08_1, "08.2": _ex_08_2, "08.3": _ex_08_3, "08.4": _ex_08_4,
    "09.1": _ex_09_1, "09.2": _ex_09_2,
}


def verdict(exercise: str, answer: Any, lang: str | None = None) -> tuple[bool, str]:
    """Check an answer without printing: ``(is_right, message)``."""
    if exercise not in EXERCISES:
        raise ValueError(f"no exercise {exercise!r}; there are {', '.join(EXERCISES)}.")
    text = MESSAGES[i18n.get_language(lang)]
    if answer is None:
        return False, text["unanswered"]
    try:
        key, fields = EXERCISES[exercise](answer)
    except _Verdict as v:
        return v.ok, text[v.key].format(**v.fields)
    return True, text["ok"].format(why=text[key].format(**fields))


def check(exercise: str, answer: Any, lang: str | None = None) -> None:
    """Print whether ``answer`` to exercise ``exercise`` (e.g. "01.1") is right, and why not.

    Returns nothing, so a notebook cell shows only the message (use :func:`verdict` in code).
    """
    ok, message = verdict(exercise, answer, lang)
    print(("✏️ " if answer is None else "✅ " if ok else "❌ ") + message)
