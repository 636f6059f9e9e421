"""Probe 26b (session 25's leftovers): a Ghost export read as the posts it holds.

Read as JSON text, an export was one page titled ``{``: every finding on line 1 with nothing
saying which post it was in, and the strings no post shows cited too (the blog's own ``url``
setting, a false alarm on a copy of a local blog).  Each post is a post now: its title, its
address, what its ``html`` cites, each on the line of that string.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

SOURCE = "https://src.fixture-p26g.example"
BLOG = "https://blog.fixture-p26g.example"  # not served: cited, it would be a false alarm

_POSTS = [
    {
        "id": "1",
        "title": "Winter notes",
        "slug": "winter",
        "status": "published",
        "published_at": "2025-01-10T09:00:00.000Z",
        "html": f'<p>Intro.</p>\n<p>See <a href="{SOURCE}/report">the report</a>.</p>',
        "lexical": json.dumps(
            {"root": {"children": [{"type": "link", "url": f"{SOURCE}/report"}]}}
        ),
    },
    {
        "id": "2",
        "title": "Spring notes",
        "slug": "spring",
        "status": "draft",
        "html": f'<p>A gone <a href="{SOURCE}/gone">paper</a> and {SOURCE}/plain.</p>',
    },
    {
        "id": "3",
        "title": "Summer notes",
        "slug": "summer",
        "status": "published",
        "lexical": json.dumps(
            {"root": {"children": [{"type": "link", "url": f"{SOURCE}/lexical"}]}}
        ),
    },
]
_EXPORT = {
    "db": [
        {
            "meta": {"exported_on": 1736500000000, "version": "5.75.0"},
            "data": {
                "posts": _POSTS,
                "settings": [{"key": "url", "value": BLOG}],
                "users": [{"name": "A", "website": f"{BLOG}/about"}],
            },
        }
    ]
}


def _web() -> Web:
    web = Web()
    for name in ("report", "plain", "lexical"):
        web.page(f"{SOURCE}/{name}", f"<title>{name}</title><p>The {name} page.</p>")
    return web


def _run(tmp_path: Path, indent: int | None) -> tuple[int, dict[str, Any], str]:
    post = tmp_path / "ghost-export.json"
    text = json.dumps(_EXPORT, indent=indent)
    post.write_text(text, encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(post), tmp_path / "out")
    return code, report, text


@pytest.mark.parametrize("indent", [None, 1])
def test_each_post_of_a_ghost_export_is_a_post(tmp_path: Path, indent: int | None) -> None:
    code, report, _text = _run(tmp_path, indent)
    documents = {d["title"]: d for d in report["documents"]}
    assert sorted(documents) == ["Summer notes", "Winter notes", "[draft] Spring notes"]
    assert documents["Winter notes"]["url"] == f"{BLOG}/winter/"
    cited = {t: sorted(str(c["url"]) for c in d["citations"]) for t, d in documents.items()}
    assert cited == {
        "Winter notes": [f"{SOURCE}/report"],
        "[draft] Spring notes": [f"{SOURCE}/gone", f"{SOURCE}/plain"],
        "Summer notes": [f"{SOURCE}/lexical"],
    }
    assert code == ExitCode.FAILED  # the draft's dead paper, and nothing else


def test_a_ghost_post_s_findings_are_on_its_html_s_line(tmp_path: Path) -> None:
    _code, report, text = _run(tmp_path, 1)
    lines = text.split("\n")
    (gone,) = [c for d in report["documents"] for c in d["citations"] if c["url"].endswith("/gone")]
    assert f"{SOURCE}/gone" in lines[gone["line"] - 1]
    assert '"html"' in lines[gone["line"] - 1]
