"""Probe 25 (input families): a JSON file named as the input, read as the text it holds.

A Jupyter notebook (``.ipynb``) and a Ghost export (``.json``) are JSON: every line of a
notebook's cell is a string literal ending in ``\\n"``, and an HTML body is written with its
quotes escaped (``<a href=\\"URL\\">``).  Read raw by the text extractor, each such link was cited
with the escape glued to it (``URL\\n``, ``URL\\``): a false ``broken`` finding for every link of
the file, its real URL never asked.  lychee reads the same files as ``URL/n`` and ``URL/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode
from checker.extract.markups import readable
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p25.example"
_LIVE = ("paper", "bare", "html", "report", "plain")

_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "# Findings\n",
                f"See [the paper]({SOURCE}/paper) and {SOURCE}/bare\n",
                f'<a href="{SOURCE}/html">the table</a>',
            ],
        }
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}
_GHOST_HTML = f'<p>See <a href="{SOURCE}/report">the report</a>, {SOURCE}/plain.</p>'
_GHOST = {
    "db": [
        {
            "meta": {"version": "5.75.0"},
            "data": {
                "posts": [
                    {
                        "title": "Winter",
                        "html": _GHOST_HTML,
                    }
                ]
            },
        }
    ]
}


def _web() -> Web:
    web = Web()
    for name in _LIVE:
        web.page(f"{SOURCE}/{name}", f"<title>{name}</title><p>The {name} page, still here.</p>")
    return web


def _check(tmp_path: Path, post: Path) -> tuple[int, list[dict[str, object]]]:
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    return code, [c for d in report["documents"] for c in d["citations"]]


def test_a_notebook_s_links_are_read_without_json_s_escapes(tmp_path: Path) -> None:
    post = tmp_path / "analysis.ipynb"
    post.write_text(json.dumps(_NOTEBOOK, indent=1), encoding="utf-8")  # nbformat's layout
    code, citations = _check(tmp_path, post)
    assert sorted(str(c["url"]) for c in citations) == [
        f"{SOURCE}/{name}" for name in ("bare", "html", "paper")
    ]
    assert {c["status"] for c in citations} == {"ok"}
    assert code == ExitCode.OK


def test_a_ghost_export_s_escaped_html_is_read_as_html(tmp_path: Path) -> None:
    post = tmp_path / "ghost-export.json"
    post.write_text(json.dumps(_GHOST), encoding="utf-8")  # Ghost writes one line
    code, citations = _check(tmp_path, post)
    assert sorted(str(c["url"]) for c in citations) == [f"{SOURCE}/plain", f"{SOURCE}/report"]
    assert {c["status"] for c in citations} == {"ok"}
    assert code == ExitCode.OK


@pytest.mark.timeout(60)
def test_a_minified_line_of_unclosed_quotes_is_read_in_linear_time() -> None:
    """Each string's attempt that found no closing quote used to fail and the next quote start
    one more scan to the line's end: 40 KB of ``\\"`` took 26 s, these 240 KB would take ~15
    minutes.  Every character is read once now; the unclosed string is left as written."""
    unclosed = '"' + '\\"' * 120_000
    assert readable('{"a": ' + unclosed, "minified.json") == "{ a : " + unclosed
    tail = '{"u": "https://a.example/x\\n", "v": "' + "\\" * 10_001
    assert readable(tail, "x.json").startswith('{ u :  https://a.example/x  ,  v : "\\')
