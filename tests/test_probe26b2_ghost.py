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


def test_a_hostile_slug_stays_one_path_segment_of_the_blog(tmp_path: Path) -> None:
    post = tmp_path / "ghost-export.json"
    slugs = ["../../ghost/api/admin", "javascript:alert(1)\n::error file=x::pwned", "s" * 10_000]
    posts = [_post(s, '<p><a href="notes.html">notes</a></p>') for s in slugs]
    settings = [{"key": "url", "value": json.dumps(BLOG)}]
    post.write_text(_export(posts, settings), encoding="utf-8")
    _code, report, asked = run_on_web(_web(), str(post), tmp_path / "out")
    addresses = [d["url"] for d in report["documents"]]
    assert len(addresses) == len(slugs)
    for address in addresses:
        assert address.startswith(f"{BLOG}/") and address.endswith("/")
        assert address.count("/") == BLOG.count("/") + 2, address[:120]  # /slug/: one segment
        assert address.isprintable() and "\n" not in address
    cited = [c["url"] for d in report["documents"] for c in d["citations"]]
    assert len(cited) == len(slugs)
    assert all(u.startswith(f"{BLOG}/") and u.endswith("/notes.html") for u in cited), cited
    assert f"{BLOG}/ghost/api/notes.html" not in asked  # was: the slug's ../ climbed the blog


def test_a_scheduled_post_is_said_scheduled_not_draft(tmp_path: Path) -> None:
    post = tmp_path / "ghost-export.json"
    posts = [
        _post("later", f'<a href="{SOURCE}/live">x</a>', status="scheduled"),
        _post("draft", f'<a href="{SOURCE}/live">x</a>', status="draft"),
    ]
    post.write_text(_export(posts, []), encoding="utf-8")
    _code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    titles = sorted(d["title"] for d in report["documents"])
    assert titles == ["[draft] Draft", "[scheduled] Later"]


def test_json_shaped_like_an_export_but_not_ghosts_is_read_as_json_text(tmp_path: Path) -> None:
    post = tmp_path / "api-dump.json"
    dump = {"meta": {"count": 1}, "data": {"posts": [{"title": "T", "url": f"{SOURCE}/dead"}]}}
    post.write_text(json.dumps(dump, indent=2), encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    assert _citations(report)[f"{SOURCE}/dead"]["status"] == "broken"
    assert code == ExitCode.FAILED  # was 0: read as a Ghost post with no html, nothing cited


def test_an_export_post_with_no_html_lexical_or_mobiledoc_is_read_whole(tmp_path: Path) -> None:
    post = tmp_path / "ghost-export.json"
    old = {"id": 1, "title": "Old", "slug": "old", "status": "published"}
    old["markdown"] = f"An [old link]({SOURCE}/dead-markdown)."  # Ghost 0.x: Markdown, no html
    post.write_text(_export([old, _post("new", f'<a href="{SOURCE}/live">x</a>')], []))
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    cited = _citations(report)
    assert cited[f"{SOURCE}/dead-markdown"]["status"] == "broken", sorted(cited)
    assert [d["title"] for d in report["documents"]] == ["Old", "New"]
    assert code == ExitCode.FAILED  # was 0: the post read as empty
