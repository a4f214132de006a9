"""train_many: models trained together equal the same models trained one at a time by train()."""

from functools import partial

import pytest
import torch

import classweights as cw
from classweights import Run, train_many


@pytest.fixture(scope="module")
def data():
    X, y = cw.imbalanced_blobs(600, (0.8, 0.1, 0.1), seed=0)
    X2, y2 = cw.imbalanced_blobs(600, (0.7, 0.2, 0.1), seed=1)
    return X, y, X2, y2


def _close(a: torch.nn.Module, b: torch.nn.Module, X: torch.Tensor) -> None:
    for (name, pa), pb in zip(a.named_parameters(), b.parameters()):
        torch.testing.assert_close(pa, pb, atol=1e-4, rtol=1e-4, msg=name)
    torch.testing.assert_close(torch.tensor(a.loss_history), torch.tensor(b.loss_history), atol=1e-5, rtol=1e-5)
    assert torch.equal(a(X).argmax(1), b(X).argmax(1))


def test_each_model_equals_training_it_alone(data):
    X, y, X2, y2 = data
    n, n2 = cw.class_counts(y), cw.class_counts(y2)
    steps = 120
    runs = [
        (Run(X, y), dict()),
        (Run(X, y, cw.balanced(n), seed=3), dict(weight=cw.balanced(n), seed=3)),
        (Run(X2, y2, [1.0, 5.0, 2.0]), dict(X=X2, y=y2, weight=[1.0, 5.0, 2.0])),
        (Run(X, y, cw.balanced(n), gamma=2.0), dict(loss_fn=partial(cw.focal_loss, gamma=2.0, weight=cw.balanced(n)))),
        (Run(X, y, logit_offsets=cw.logit_adjustment(n)), dict(logit_offsets=cw.logit_adjustment(n))),
        (Run(X, y, sampler=cw.oversampling_sampler(y, seed=0)), dict(sampler=cw.oversampling_sampler(y, seed=0))),
        (Run(X2, y2, cw.inverse_frequency(n2), seed=1), dict(X=X2, y=y2, weight=cw.inverse_frequency(n2), seed=1)),
    ]
    many = train_many([r for r, _ in runs], steps=steps)
    assert len(many) == len(runs)
    for model, (run, kwargs) in zip(many, runs):
        args = {"X": X, "y": y, **kwargs}
        alone = cw.train(args.pop("X"), args.pop("y"), steps=steps, **args)
        _close(model, alone, run.X)


def test_hidden_layer_models_too(data):
    X, y, _, _ = data
    w = cw.balanced(cw.class_counts(y))
    many = train_many([Run(X, y, w, seed=s) for s in (0, 1)], steps=60, hidden=8)
    for s, model in enumerate(many):
        _close(model, cw.train(X, y, w, seed=s, steps=60, hidden=8), X)


def test_models_do_not_leak_into_each_other(data):
    """A model trained beside very different ones ends where it ends when trained beside none."""
    X, y, X2, y2 = data
    alone = train_many([Run(X, y, [1.0, 8.0, 8.0])], steps=50)[0]
    crowd = train_many([Run(X2, y2, [9.0, 1.0, 1.0], seed=5), Run(X, y, [1.0, 8.0, 8.0]), Run(X, y, gamma=0.0)],
                       steps=50)[1]
    _close(crowd, alone, X)


def test_bad_input_is_a_clear_error(data):
    X, y, _, _ = data
    with pytest.raises(TypeError, match="Run"):
        train_many([])
    with pytest.raises(TypeError, match="Run"):
        train_many([(X, y)])
    with pytest.raises(ValueError, match=r"outside 0\.\.1 for 2 classes"):
        train_many([Run(X, y, [1.0, 2.0])])
    with pytest.raises(ValueError, match="weight 0"):
        train_many([Run(X, y, [0.0, 0.0, 0.0])])
    with pytest.raises(ValueError, match="gamma"):
        train_many([Run(X, y, gamma=-1.0)])
    with pytest.raises(ValueError, match="steps"):
        train_many([Run(X, y)], steps=0)
    with pytest.raises(ValueError, match="finite"):
        train_many([Run(X, y, [1.0, float("inf"), 1.0])])
    with pytest.raises(ValueError, match=r"runs \[0, 1\] became inf or NaN"):
        train_many([Run(X * 1e37, y), Run(X * 1e37, y, seed=1)], steps=3)
