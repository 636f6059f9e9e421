"""Session 24's leftover: ``--include-fragments`` and the fragments of an attribution block's
URL and of an embed's links.

A body link's ``#fragment`` was checked against the page it names; the same fragment on the URL
of the attribution block (``■ … https://site/guide#removed-section``), the post's main citation,
or on a link inside an embedded tweet was cut at extraction and never looked for: the section
could be gone and the run passed.  Both are now the citation's fragments, checked the same way;
without the flag the reports are as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import main
from checker.extract import extract
from checker.model import CitationKind, Page, PageKind
from checker.sampleweb import SampleWeb, Web

DOCS = "https://docs.fixture-p25.example"
PAGE = (
    "<html><head><title>Present and future</title></head><body><main><h1>Present and future</h1>"
    "<h2 id='present'>Present</h2><p>Text of the page, enough words to read as a page.</p>"
    "</main></body></html>"
)
TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Read the guide '
    f'<a href="{DOCS}/other#gone-in-embed">{DOCS}/other</a></p>&mdash; Docs (@docs) '
    '<a href="https://twitter.com/docs/status/1889568402542063989">February 12, 2025</a>'
    "</blockquote>"
)
POST = f"""# 翻訳記事（Docs Weekly）

ガイドの翻訳です。

{TWEET}

■

Present and future

By Jane Doe

November 11, 2025

{DOCS}/guide#removed-section
"""


def _check(tmp_path: Path, *flags: str) -> dict[str, Any]:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    web = Web()
    web.page(f"{DOCS}/guide", PAGE)
    web.page(f"{DOCS}/other", PAGE)
    with SampleWeb(web) as site:
        args = ["check", str(post), "--cacert", str(site.ca_path), "--no-store", "--no-baseline"]
        for rule in site.connect_to():
            args += ["--connect-to", rule]
        args += ["--max-retries", "0", "--archive", "off", "--processes", "1"]
        main([*args, "--report-dir", str(tmp_path / "r"), "--format", "json", *flags])
    return dict(json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8")))


def _missing(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (c["kind"], f["message"])
        for d in report["documents"]
        for c in d["citations"]
        for f in c["findings"]
        if f["code"] == "missing-anchor"
    )


def test_the_sources_and_the_embeds_fragments_are_checked(tmp_path: Path) -> None:
    assert _missing(_check(tmp_path, "--include-fragments")) == [
        ("link", f"#gone-in-embed names no heading or id in {DOCS}/other"),
        ("source", f"#removed-section names no heading or id in {DOCS}/guide"),
    ]


def test_without_the_flag_nothing_is_looked_for(tmp_path: Path) -> None:
    assert _missing(_check(tmp_path)) == []


def test_the_source_keeps_one_citation_by_its_url_without_the_fragment() -> None:
    page = Page("file:///blog/post.md", "/blog/post.md", POST, PageKind.MARKDOWN)
    (document,) = extract(page, include_fragments=True)
    (source,) = [c for c in document.citations if c.kind is CitationKind.SOURCE]
    assert (source.url, source.fragments) == (f"{DOCS}/guide", ("removed-section",))
