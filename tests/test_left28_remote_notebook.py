"""A link to a fetched notebook's heading (``https://…/analysis.ipynb#results``) is checked with
``--include-fragments``, as a local notebook's is since session 27 (it said "the answer is
application/json, not HTML": a heading renamed or removed passed).  Through the real CLI on the
fixture web: the notebook served as JSON, as text (raw.githubusercontent.com) and untyped."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://nb.fixture-left28.example"
NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "markdown", "source": ["# Results\n", "\n", "## Tide gauges\n"]},
            {"cell_type": "code", "source": ["# not a heading\n"], "outputs": []},
        ],
        "metadata": {},
        "nbformat": 4,
    }
).encode()
POST = f"""<!DOCTYPE html><html><head><title>Post</title></head><body><article><h1>Post</h1>
<p>See <a href="{HOST}/analysis.ipynb#results">the results</a> and
<a href="{HOST}/analysis.ipynb#Tide-gauges">the gauges</a>, and
<a href="{HOST}/analysis.ipynb#old-results">the old ones</a> and
<a href="{HOST}/analysis.ipynb#not-a-heading">a code comment</a>.</p></article></body></html>"""


def _web(served_as: str) -> Web:
    web = Web()
    web.page(f"{HOST}/post/", POST)
    web.add(f"{HOST}/analysis.ipynb", Response(200, (("Content-Type", served_as),), NOTEBOOK))
    return web


def _said(report: dict[str, Any]) -> tuple[list[str], str]:
    """The notebook's citation (its fragments are one citation's): its findings and its note."""
    (cited,) = [c for d in report["documents"] for c in d["citations"]]
    return [f["message"] for f in cited["findings"]], cited.get("note") or ""


@pytest.mark.parametrize(
    "served_as",
    [
        "application/x-ipynb+json",
        "application/json",
        "text/plain; charset=utf-8",
        "application/octet-stream",
    ],
)
def test_a_fetched_notebook_s_headings_are_its_anchors(tmp_path: Path, served_as: str) -> None:
    code, report, _asked = run_on_web(
        _web(served_as), f"{HOST}/post/", tmp_path, ("--include-fragments",)
    )
    findings, note = _said(report)
    assert len(findings) == 2, findings  # #results and #Tide-gauges found
    assert "#old-results" in findings[0]
    assert "#not-a-heading" in findings[1]
    assert "not checked" not in note
    assert code == ExitCode.OK  # missing anchors are warnings


def test_a_fetched_ipynb_that_is_no_notebook_stays_unchecked_and_said(tmp_path: Path) -> None:
    """The near miss: a ``.ipynb`` URL answering JSON that is no notebook is not read as one."""
    web = Web()
    web.page(f"{HOST}/post/", POST)
    web.add(
        f"{HOST}/analysis.ipynb",
        Response(200, (("Content-Type", "application/json"),), b"[1, 2"),
    )
    code, report, _asked = run_on_web(web, f"{HOST}/post/", tmp_path, ("--include-fragments",))
    findings, note = _said(report)
    assert not findings and "not checked" in note
    assert code == ExitCode.OK
