"""A notebook holding a cell of a shape the cell reader skips keeps the cell reader's rules for
its other cells (session 27 left: the whole file was read as JSON text, so its code cells'
strings and its outputs were cited as the author's: ``requests.get("…/api")``, a traceback's
URL, each a false ``broken``).  The odd cell's strings are still read (nothing dropped); code
is read with ``--include-verbatim`` as Markdown's; outputs and metadata never.  Through the
real CLI, the cited URLs served by the fixture web."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from tests.test_probe24_sitemap_listings import run_on_web
from tests.test_probe26b2_notebooks import SOURCE
from tests.test_probe26b2_notebooks import _web as _notebook_web

ODD = f"The [old paper]({SOURCE}/dead-in-odd-cell)."
CODE = {
    "cell_type": "code",
    "execution_count": 1,
    "metadata": {"url": f"{SOURCE}/dead-in-metadata"},
    "source": ["import requests\n", f"requests.get('{SOURCE}/dead-in-code')\n"],
    "outputs": [
        {
            "output_type": "error",
            "ename": "HTTPError",
            "traceback": [f"HTTPError: 404 for url: {SOURCE}/dead-in-output"],
        }
    ],
}


def _markdown(source: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def _write(path: Path, odd: Any, *, one_line: bool = False) -> None:
    cells = [_markdown(["# Results\n", f"See [the data]({SOURCE}/live).\n"]), CODE, odd]
    notebook = {"cells": cells, "metadata": {"homepage": f"{SOURCE}/dead-meta"}, "nbformat": 4}
    path.write_text(json.dumps(notebook, indent=None if one_line else 1), encoding="utf-8")


def _cited(report: dict[str, Any]) -> dict[str, str]:
    return {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}


ODD_CELLS = [
    _markdown({"text": ODD}),
    _markdown([[ODD]]),
    ODD,
    {"cell_type": 3, "source": ODD},
]
IDS = ["source-object", "nested-list", "bare-string-cell", "odd-cell-type"]


@pytest.mark.parametrize("one_line", [False, True], ids=["indented", "one-line"])
@pytest.mark.parametrize("odd", ODD_CELLS, ids=IDS)
def test_an_odd_cell_does_not_make_code_and_outputs_citations(
    tmp_path: Path, odd: Any, one_line: bool
) -> None:
    post = tmp_path / "analysis.ipynb"
    _write(post, odd, one_line=one_line)
    code, report, _asked = run_on_web(_notebook_web(), str(post), tmp_path / "out")
    assert _cited(report) == {f"{SOURCE}/live": "ok", f"{SOURCE}/dead-in-odd-cell": "broken"}
    assert code == ExitCode.FAILED


def test_with_include_verbatim_the_code_is_read_too(tmp_path: Path) -> None:
    post = tmp_path / "analysis.ipynb"
    _write(post, _markdown({"text": ODD}))
    code, report, _asked = run_on_web(
        _notebook_web(), str(post), tmp_path / "out", ("--include-verbatim",)
    )
    cited = _cited(report)
    assert cited.get(f"{SOURCE}/dead-in-code") == "broken"
    assert f"{SOURCE}/dead-in-output" not in cited and f"{SOURCE}/dead-meta" not in cited
    assert code == ExitCode.FAILED


def test_the_lines_are_the_file_s(tmp_path: Path) -> None:
    post = tmp_path / "analysis.ipynb"
    _write(post, _markdown({"text": ODD}))
    _code, report, _asked = run_on_web(_notebook_web(), str(post), tmp_path / "out")
    lines = post.read_text(encoding="utf-8").split("\n")
    for cited in (c for d in report["documents"] for c in d["citations"]):
        assert cited["url"] in lines[cited["line"] - 1]
