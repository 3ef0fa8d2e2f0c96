"""The Python snippets of README.md and the docs' front page run as written.

Training length is cut (``max_iter``) so that the suite stays fast; everything else
runs exactly as a reader would type it.
"""

import functools
import re
from pathlib import Path

import pytest

import skgan

ROOT = Path(__file__).resolve().parents[1]


def python_blocks(path: Path, marker: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if marker == "md":
        return re.findall(r"```python\n(.*?)```", text, flags=re.S)
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    return ["\n".join(line[3:] for line in b.splitlines()) for b in blocks]


@pytest.fixture
def short_training(monkeypatch):
    original = skgan.GANSampler

    @functools.wraps(original)
    def short(*args, **kwargs):
        return original(*args, **{**kwargs, "max_iter": 10})

    monkeypatch.setattr(skgan, "GANSampler", short)


@pytest.mark.parametrize(
    "path, marker", [(ROOT / "README.md", "md"), (ROOT / "docs" / "index.rst", "rst")]
)
def test_snippets_run(path, marker, short_training):
    blocks = python_blocks(path, marker)
    assert blocks, f"no python snippet found in {path.name}"
    for code in blocks:
        namespace: dict = {}
        exec(compile(code, str(path), "exec"), namespace)  # noqa: S102
