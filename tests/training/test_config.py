"""The TOML training config: documented defaults, strict keys, the experiment configs parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from farmguard.errors import InputError
from farmguard.training.config import TrainConfig, config_from_mapping, load_config
from farmguard.training.trainer import lightgbm_params

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"


def test_defaults_without_a_file() -> None:
    cfg = load_config(None)
    assert cfg == TrainConfig()
    params = lightgbm_params(cfg)
    assert params["num_threads"] == 1 and params["objective"] == "multiclass" and params["num_class"] == 3


def test_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[model]\nnum_leaves = 7\nlearning_rate = 0.05\n\n[split]\nvalid_fraction = 0.3\n",
                    encoding="utf-8")
    cfg = load_config(path)
    assert cfg.model.num_leaves == 7 and cfg.model.learning_rate == 0.05 and cfg.split.valid_fraction == 0.3
    assert cfg.model.num_threads == TrainConfig().model.num_threads
    assert cfg.flat()["model.num_leaves"] == 7


@pytest.mark.parametrize(
    "text, message",
    [
        ("[model]\nnum_leafs = 3\n", "unknown key 'num_leafs' in [model]"),
        ("[modle]\n", "unknown section [modle]"),
        ("[model]\nnum_leaves = 'many'\n", "[model] num_leaves: expected an integer"),
        ("[model]\nnum_threads = 0\n", "num_threads must be >= 1"),
        ("[weights]\nclass_weight = 'heavy'\n", "class_weight must be one of balanced, none"),
        ("[split]\nvalid_fraction = 1.5\n", "valid_fraction must be in (0, 1)"),
        ("[model\n", "not a valid TOML config"),
    ],
)
def test_bad_configs_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_config(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)


def test_missing_config_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read config"):
        load_config(tmp_path / "nope.toml")


def test_every_experiment_config_parses() -> None:
    configs = sorted(EXPERIMENTS.glob("*.toml"))
    assert configs, f"no experiment configs in {EXPERIMENTS}"
    for path in configs:
        cfg = load_config(path)
        assert cfg.model.num_threads >= 1, path


def test_documented_defaults_match_the_default_config_file() -> None:
    assert load_config(EXPERIMENTS / "default.toml") == TrainConfig()


def test_shipped_model_is_under_5_mb_and_loads() -> None:
    from farmguard.serving.bundle import load_bundle

    shipped = EXPERIMENTS.parent / "serving" / "models" / "default.joblib"
    assert shipped.stat().st_size < 5_000_000
    payload = load_bundle(shipped)
    assert payload["training"]["config"]["model"]["num_threads"] >= 1


def test_int_accepted_where_a_float_is_expected() -> None:
    assert config_from_mapping({"model": {"learning_rate": 1}}).model.learning_rate == 1.0
