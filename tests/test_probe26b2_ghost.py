"""Probe 26b2: a Ghost export as Ghost 4 and 5 write it, read through the real CLI.

Ghost writes its own address into an export as the placeholder ``__GHOST_URL__``
(``<a href="__GHOST_URL__/other-post/">``, ``__GHOST_URL__/content/files/…``), and its
settings name no ``url`` (the address is the server's config).  Read as a relative path, each
such link was looked up on disk beside the export: a false ``broken`` ("no such file") for a
file the blog serves, a misleading "route" note for a post.  The blog's address fills the
placeholder when the export gives it; else the link is ``skipped``, saying why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26g2.example"
BLOG = "https://blog.fixture-p26g2.example"
_GHOST = "__GHOST_URL__"


def _export(posts: list[dict[str, Any]], settings: list[dict[str, str]]) -> str:
    data = {"posts": posts, "settings": settings}
    meta = {"exported_on": 1736500000000, "version": "5.80.0"}
    return json.dumps({"db": [{"meta": meta, "data": data}]}, indent=2)


def _post(slug: str, html: str, status: str = "published") -> dict[str, Any]:
    return {"id": slug, "title": slug.title(), "slug": slug, "status": status, "html": html}


_LINKS = (
    f'<p>See <a href="{_GHOST}/second/">the second post</a>, '
    f'<a href="{_GHOST}/content/files/2025/01/report.html">the report</a> and '
    f'<a href="{SOURCE}/live">a source</a>.</p>'
)


def _web() -> Web:
    web = Web()
    web.page(f"{SOURCE}/live", "<title>live</title><p>A live page.</p>")
    web.page(f"{BLOG}/second/", "<title>Second</title><p>The second post.</p>")
    web.page(f"{BLOG}/content/files/2025/01/report.html", "<title>r</title><p>Report.</p>")
    return web


def _citations(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["url"]: c for d in report["documents"] for c in d["citations"]}


def test_ghost_url_placeholder_without_the_blogs_address_is_skipped_not_looked_up_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the export in the folder checked: its relative links are files
    Path("ghost-export.json").write_text(
        _export([_post("first", _LINKS), _post("second", "<p>Hi.</p>")], []), encoding="utf-8"
    )
    code, report, asked = run_on_web(_web(), "ghost-export.json", tmp_path / "out")
    cited = _citations(report)
    placeholders = {u: c for u, c in cited.items() if _GHOST in u}
    assert len(placeholders) == 2, sorted(cited)
    for citation in placeholders.values():
        assert citation["status"] == "skipped", citation
        assert "Ghost" in citation["note"] and "__GHOST_URL__" in citation["note"]
    assert cited[f"{SOURCE}/live"]["status"] == "ok"
    assert not any(_GHOST in u for u in asked)
    assert code == ExitCode.OK  # was 1: "no such file: __GHOST_URL__/content/files/…"


def test_ghost_url_placeholder_is_the_blogs_address_when_the_export_names_it(
    tmp_path: Path,
) -> None:
    post = tmp_path / "ghost-export.json"
    settings = [{"key": "url", "value": json.dumps(BLOG)}]
    post.write_text(_export([_post("first", _LINKS)], settings), encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    cited = _citations(report)
    assert cited[f"{BLOG}/second/"]["status"] == "ok", sorted(cited)
    assert cited[f"{BLOG}/content/files/2025/01/report.html"]["status"] == "ok"
    assert not any(_GHOST in u for u in cited)
    assert code == ExitCode.OK
