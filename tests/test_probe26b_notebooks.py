"""Probe 26b (session 25's leftovers): a Jupyter notebook read as a reader sees it.

Read as JSON text, a notebook's code cells and outputs were cited: ``requests.get(URL)`` in a
code cell, ``!pip install git+URL``, a traceback's URL in an output, each a false ``broken``
where Markdown's code is never cited (lychee reads them all, as ``URL/n``).  A Markdown cell is
Markdown (its fences and code spans are code), a code cell is code (read with
``--include-verbatim``), an output never; each finding on the file line its text is on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.extract.notebooks import notebook_markdown
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26b.example"
_LIVE = ("paper", "data", "table", "after-fence", "as-string")


def _notebook(cells: list[dict[str, Any]]) -> dict[str, Any]:
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _markdown(*source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": list(source)}


def _code(*source: str, outputs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": outputs or [],
        "source": list(source),
    }


_CELLS = [
    _markdown(
        "# Findings\n",
        f"See [the paper]({SOURCE}/paper) and {SOURCE}/data.\n",
        "\n",
        f"Run `curl {SOURCE}/dead-span` first:\n",
        "```bash\n",
        f"curl {SOURCE}/dead-fence\n",
        "```",
    ),
    _code(
        "import requests\n",
        f'requests.get("{SOURCE}/dead-code")\n',
        f"!pip install git+{SOURCE}/dead-pip",
        outputs=[
            {
                "name": "stderr",
                "output_type": "stream",
                "text": [f"HTTPError: 404 for url: {SOURCE}/dead-output\n"],
            }
        ],
    ),
    # a writer that puts ``source`` before ``cell_type``, and a source given as one string
    {"source": f'A table:\n<a href="{SOURCE}/table">here</a>', "cell_type": "markdown"},
    _markdown("```python\n", f"print('{SOURCE}/dead-unclosed')\n"),
    _markdown(f"Read on: {SOURCE}/after-fence\n"),
    {"cell_type": "raw", "metadata": {}, "source": [f"{SOURCE}/dead-raw"]},
    _markdown(f"Also {SOURCE}/as-string"),
]


def _web() -> Web:
    web = Web()
    for name in _LIVE:
        web.page(f"{SOURCE}/{name}", f"<title>{name}</title><p>The {name} page, still here.</p>")
    return web


def _run(tmp_path: Path, extra: tuple[str, ...] = ()) -> tuple[int, list[dict[str, Any]], str]:
    post = tmp_path / "analysis.ipynb"
    text = json.dumps(_notebook(_CELLS), indent=1)  # nbformat's layout: a line per string
    post.write_text(text, encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out", extra)
    return code, [c for d in report["documents"] for c in d["citations"]], text


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_a_notebook_s_code_and_outputs_are_not_cited(tmp_path: Path) -> None:
    code, citations, text = _run(tmp_path)
    assert sorted(str(c["url"]) for c in citations) == sorted(f"{SOURCE}/{n}" for n in _LIVE)
    assert {c["status"] for c in citations} == {"ok"}
    assert code == ExitCode.OK
    lines = {str(c["url"]).rsplit("/", 1)[1]: c["line"] for c in citations}
    for name in ("paper", "table", "after-fence", "as-string"):
        assert lines[name] == _line_of(text, f"{SOURCE}/{name}"), name


def test_with_include_verbatim_code_cells_are_read_and_outputs_still_not(tmp_path: Path) -> None:
    code, citations, _text = _run(tmp_path, ("--include-verbatim",))
    urls = {str(c["url"]) for c in citations}
    for name in ("dead-code", "dead-pip", "dead-span", "dead-fence", "dead-unclosed", "dead-raw"):
        assert f"{SOURCE}/{name}" in urls, name
    assert f"{SOURCE}/dead-output" not in urls
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '["a list", "of strings"]',
        '{"metadata": {}, "nbformat": 4}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_what_is_no_notebook_is_left_to_the_json_text_reader(body: str) -> None:
    assert notebook_markdown(body) is None


def test_a_notebook_whose_source_is_one_string_keeps_its_lines() -> None:
    body = json.dumps(_notebook([_markdown("a\nb\n", "c")]), indent=1)
    notebook = notebook_markdown(body)
    assert notebook is not None
    read = notebook.markdown.split("\n")
    at = read.index("c")
    assert notebook.file_line(at + 1) == _line_of(body, '"c"')
    assert notebook.file_line(read.index("b") + 1) == _line_of(body, "a\\nb\\n")
