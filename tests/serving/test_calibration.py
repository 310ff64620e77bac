"""Temperature scaling: fitted by NLL, rows sum to 1, arg-max unchanged, bad input refused."""

from __future__ import annotations

import numpy as np
import pytest

from farmguard.serving.calibration import apply_calibration, fit_temperature, validate_calibration


def _synthetic(scale: float, n: int = 3000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Raw scores whose true probabilities are softmax(logits); the model reports logits * scale."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 1.5, size=(n, 3))
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y = np.array([rng.choice(3, p=row) for row in p])
    return logits * scale, y


@pytest.mark.parametrize("scale", [0.5, 1.0, 3.0])
def test_fit_recovers_the_temperature_of_a_miscalibrated_model(scale: float) -> None:
    raw, y = _synthetic(scale)
    cal = fit_temperature(raw, y)
    assert cal["method"] == "temperature"
    assert cal["temperature"] == pytest.approx(scale, rel=0.15)
    assert cal["nll_after"] <= cal["nll_before"] + 1e-12


def test_apply_gives_probabilities_and_keeps_the_argmax() -> None:
    raw, y = _synthetic(3.0, n=200)
    cal = fit_temperature(raw, y)
    probs = apply_calibration(raw, cal)
    assert probs.shape == raw.shape
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-12)
    assert (probs >= 0).all()
    np.testing.assert_array_equal(probs.argmax(axis=1), raw.argmax(axis=1))


def test_apply_is_stable_on_huge_scores() -> None:
    probs = apply_calibration(np.array([[1e6, -1e6, 0.0]]), {"method": "temperature", "temperature": 0.5})
    assert np.isfinite(probs).all()
    assert probs[0, 0] == pytest.approx(1.0)


@pytest.mark.parametrize(
    "cal",
    [{"method": "isotonic"}, {"method": "temperature", "temperature": 0.0},
     {"method": "temperature", "temperature": float("nan")}, {"method": "temperature", "temperature": True}, []],
)
def test_invalid_calibrations_are_refused(cal: object) -> None:
    with pytest.raises(ValueError):
        validate_calibration(cal)


def test_fit_refuses_mismatched_or_nonfinite_input() -> None:
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((3, 3)), np.array([0, 1]))
    with pytest.raises(ValueError):
        fit_temperature(np.array([[np.nan, 0.0, 0.0]]), np.array([0]))
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((2, 3)), np.array([0, 3]))
