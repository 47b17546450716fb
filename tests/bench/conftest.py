import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("attribution_eval", ROOT / "bench" / "attribution_eval.py")
attribution_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(attribution_eval)


@pytest.fixture
def corpus_slice(tmp_path) -> Path:
    """Three PolNeAR articles of each half with their annotations, copied into a folder of the corpus's shape
    (skipped, saying why, when ../shared/data is not there)."""
    corpus = attribution_eval.DEFAULT_FOLDER
    if not corpus.is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}.")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    texts = sorted((corpus / "text").glob("*.txt"))
    for half in attribution_eval.HALVES:
        for path in [path for path in texts if attribution_eval.half_of(path.stem) == half][:3]:
            shutil.copy(path, tmp_path / "text")
            for annotation in (corpus / "attributions").glob(f"{path.stem}_*.ann"):
                shutil.copy(annotation, tmp_path / "attributions")
    return tmp_path
