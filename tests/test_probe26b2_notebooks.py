"""Probe 26b2: notebooks as real projects write them, read through the real CLI.

Jupyter renders each Markdown cell alone, so what a cell leaves open ends with it.  Read as one
Markdown document, a cell's unclosed HTML comment (``<!-- TODO``), ``<pre>``, ``<script>`` or
``<?`` ran on through the next cells: their links were read as HTML and never cited, a dead
link passing silently (exit 0).  Fences were closed per cell (session 26); HTML blocks now are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26n2.example"


def _notebook(*cells: dict[str, Any]) -> str:
    notebook = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1)


def _markdown(*source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": list(source)}


def _web() -> Web:
    web = Web()
    web.page(f"{SOURCE}/live", "<title>live</title><p>A live page.</p>")
    return web


@pytest.mark.parametrize(
    "opener",
    [
        "<!-- TODO: finish this section\n",
        "<pre>\n",
        '<script type="text/javascript">\n',
        "<?php echo 1\n",
        "<!DOCTYPE html\n",
        "<![CDATA[ raw\n",
    ],
)
def test_a_cells_unclosed_html_block_ends_with_its_cell(tmp_path: Path, opener: str) -> None:
    post = tmp_path / "analysis.ipynb"
    post.write_text(
        _notebook(
            _markdown("# Results\n", f"See [the data]({SOURCE}/live).\n", "\n", opener, "draft"),
            _markdown("## Sources\n", f"The [old paper]({SOURCE}/dead-after-html).\n"),
        ),
        encoding="utf-8",
    )
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    cited = {c["url"]: c for d in report["documents"] for c in d["citations"]}
    assert cited[f"{SOURCE}/dead-after-html"]["status"] == "broken", sorted(cited)
    assert cited[f"{SOURCE}/live"]["status"] == "ok"
    assert code == ExitCode.FAILED  # was 0: the next cell's dead link read as the comment's


def test_a_closed_html_block_and_code_in_a_cell_stay_as_they_are(tmp_path: Path) -> None:
    post = tmp_path / "analysis.ipynb"
    post.write_text(
        _notebook(
            _markdown("<!-- a note -->\n", "```html\n", "<!-- in a fence\n", "```\n"),
            _markdown(f"<pre>\n{SOURCE}/dead-in-pre\n</pre>\n", f"[the data]({SOURCE}/live)\n"),
        ),
        encoding="utf-8",
    )
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    cited = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert cited == {f"{SOURCE}/live": "ok"}
    assert code == ExitCode.OK


def test_an_nbformat_3_heading_cell_is_a_heading_its_title(tmp_path: Path) -> None:
    post = tmp_path / "old.ipynb"
    cells = [
        {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Tide gauges"]},
        {"cell_type": "heading", "level": 10**9, "metadata": {}, "source": "Methods"},
        _markdown(f"From [the survey]({SOURCE}/live).\n"),
    ]
    sheet = {"cells": cells, "metadata": {}}
    notebook = {"metadata": {"name": ""}, "nbformat": 3, "worksheets": [sheet]}
    post.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    (document,) = report["documents"]
    assert document["title"] == "Tide gauges"  # was None: the title cell read as a paragraph
    assert [c["status"] for c in document["citations"]] == ["ok"]
    assert code == ExitCode.OK
