"""The built wheel: everything under farmguard.*, data files inside, nothing named plain features/training/serving."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MAPPED = {"features": "farmguard/features", "training": "farmguard/training", "serving": "farmguard/serving",
          "farmguard": "farmguard"}
DATA_FOLDERS = ["features/data", "training/data", "serving/models", "farmguard/examples"]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist", ".pytest_cache", ".hypothesis")


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Build the wheel from a copy of the source (the shared working tree stays clean)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        if (REPO_ROOT / name).exists():
            shutil.copy2(REPO_ROOT / name, src / name)
    for folder in MAPPED:
        shutil.copytree(REPO_ROOT / folder, src / folder, ignore=SKIP)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(src)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    (wheel,) = (work / "dist").glob("farmguard-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        names.add("entry_points.txt:" + archive.read(entry_points).decode())
    names.add("source:" + str(src))  # compare with the copy that was built, not the live tree
    return names


def _source_files(base: Path, folder: str) -> list[str]:
    root = base / folder
    if not root.is_dir():
        return []
    return sorted(
        str(p.relative_to(base)) for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    )


def _in_wheel(source_file: str) -> str:
    top, _, rest = source_file.partition("/")
    return f"{MAPPED[top]}/{rest}"


@pytest.mark.slow
def test_no_plain_top_level_packages(wheel_files: set[str]) -> None:
    tops = {name.split("/", 1)[0] for name in wheel_files if ":" not in name}
    assert not tops & {"features", "training", "serving", "tests", "experiments"}, tops
    assert {name for name in tops if not name.startswith("farmguard")} == set(), tops


@pytest.mark.slow
def test_every_module_and_data_file_is_inside(wheel_files: set[str]) -> None:
    assert "farmguard/cli/__init__.py" in wheel_files and "farmguard/cli/reporting.py" in wheel_files
    assert "farmguard/readers.py" in wheel_files
    lexicons = [n for n in wheel_files if n.startswith("farmguard/features/data/") and n.endswith(".tsv")]
    assert lexicons, "no lexicon files in the wheel"
    (base,) = [Path(n.removeprefix("source:")) for n in wheel_files if n.startswith("source:")]
    expected = [f for folder in MAPPED for f in _source_files(base, folder) if f.endswith(".py")]
    expected += [f for folder in DATA_FOLDERS for f in _source_files(base, folder)]
    missing = [f for f in expected if _in_wheel(f) not in wheel_files]
    assert not missing, f"not in the wheel (packages or package-data in pyproject.toml?): {missing[:10]}"


@pytest.mark.slow
def test_console_script_entry_point(wheel_files: set[str]) -> None:
    (text,) = [n for n in wheel_files if n.startswith("entry_points.txt:")]
    assert "farmguard = farmguard.cli:main" in text
