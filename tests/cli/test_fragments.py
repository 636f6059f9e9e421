"""Session 24, ``--include-fragments``: a link's ``#fragment`` must name a place in its document.

Before, ``[sec](b.md#gone)``, ``[top](#no-such-heading)`` and ``https://site/page#removed``
checked only that the file or page existed: a moved section passed silently.  Each test here
failed on the base (2e59147), which had no such flag.  Local trees through the command line
(``python -m checker check DIR --no-store``); fetched pages from a real server on 127.0.0.1
(``--connect-to``).  Without the flag the reports are as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import Response, SampleWeb, Web
from tests.cli.test_local_links import _check

NEWS = "https://docs.example-news.com"
GUIDE = """# Guide

- [Usage](#usage) and [again](#usage-1), [gone](#no-such-heading), [top](#top), [empty](#)
- [Install](b.md#installation) [removed](b.md#removed-section) [renamed](b.md#instalation)
- [html](c.html#intro) [html gone](c.html#outro) [pdf](d.pdf#page=2) [folder](sub/#x)
- [line](b.md#L10) [text](b.md#:~:text=moved) [route](b.md#/settings) [bang](b.md#!/x)
- [encoded](b.md#%E6%97%A5%E6%9C%AC%E8%AA%9E) [explicit](b.md#kept-id) [case](b.md#Installation)

## Usage

## Usage
"""


def _tree(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    (posts / "sub").mkdir(parents=True)
    (posts / "a.md").write_text(GUIDE, encoding="utf-8")
    (posts / "b.md").write_text(
        "# B\n\n## Installation\n\n## 日本語\n\n### Old name {#kept-id}\n", encoding="utf-8"
    )
    (posts / "c.html").write_text('<html><body><h1 id="intro">Intro</h1></body></html>')
    (posts / "d.pdf").write_bytes(b"%PDF-1.4\n")


def _anchor_findings(report: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (f["message"], f.get("suggestion"))
        for d in report["documents"]
        for c in d["citations"]
        for f in c["findings"]
        if f["code"] == "missing-anchor"
    ]


def test_a_missing_anchor_in_a_local_file_is_a_warning_and_nothing_else_is(
    tmp_path: Path,
) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path, "--include-fragments")
    assert done.returncode == 0, done.stderr  # a warning: the run does not fail by default
    assert sorted(_anchor_findings(report)) == [
        ("#instalation names no heading or id in posts/b.md", "did you mean #installation?"),
        ("#no-such-heading names no heading or id in posts/a.md", None),
        ("#outro names no heading or id in posts/c.html", None),
        ("#removed-section names no heading or id in posts/b.md", None),
    ]
    statuses = {c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses == {"ok"}  # the files are there; the anchors are the findings


def test_without_the_flag_the_report_is_as_before(tmp_path: Path) -> None:
    _tree(tmp_path)
    done, report = _check(tmp_path)
    assert done.returncode == 0, done.stderr
    assert _anchor_findings(report) == []
    cited = [
        c["url"].rstrip("/").rsplit("/", 1)[-1] for d in report["documents"] for c in d["citations"]
    ]
    assert sorted(cited) == ["b.md", "c.html", "d.pdf", "sub"]  # no citation of the post itself


def test_a_post_links_within_itself_checked_once_as_a_link_to_its_file(tmp_path: Path) -> None:
    _tree(tmp_path)
    _done, report = _check(tmp_path, "--include-fragments")
    (own,) = [c for d in report["documents"] for c in d["citations"] if c["url"].endswith("a.md")]
    assert (own["status"], [f["code"] for f in own["findings"]]) == ("ok", ["missing-anchor"])


def test_a_draft_with_a_canonical_url_checks_its_own_fragments_in_its_file(
    tmp_path: Path,
) -> None:
    """Its future URL is not fetched (probe 18c): the file the links were read in is."""
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "draft.md").write_text(
        "---\ncanonical: https://blog.invalid/draft/\n---\n\n[a](#intro) [b](#gone)\n\n## Intro\n"
    )
    _done, report = _check(tmp_path, "--include-fragments")
    (own,) = [c for d in report["documents"] for c in d["citations"]]
    assert own["url"].startswith("file://") and own["url"].endswith("/posts/draft.md")
    assert [f["message"] for f in own["findings"]] == [
        "#gone names no heading or id in posts/draft.md"
    ]


def test_a_local_html_post_names_its_ids(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "p.html").write_text(
        '<html><body><article><h1>P</h1><p><a href="#here">here</a> <a href="#away">away</a>'
        ' <a href="#top">top</a></p><h2 id="here">Here</h2><a name="x"></a></article>'
        "</body></html>"
    )
    _done, report = _check(tmp_path, "--include-fragments")
    assert [m for m, _ in _anchor_findings(report)] == [
        "#away names no heading or id in posts/p.html"
    ]


# --- fetched pages ----------------------------------------------------------------------------

_HTML = (("Content-Type", "text/html; charset=utf-8"),)
PAGE = (
    "<html><head><title>Docs</title></head><body><main><h1 id='top-title'>Docs</h1>"
    "<h2 id='present'>Present</h2><p>Text of the page, enough words to read as a page.</p>"
    "<h2>Made by script</h2><a name='old-name'></a></main></body></html>"
)
SCRIPTED = (
    "<html><head><title>App docs</title></head><body><main><h1>App</h1><p>Words of the page, "
    "read as a page.</p></main><script src='/app.js'></script></body></html>"
)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{NEWS}/", PAGE)
    web.page(f"{NEWS}/guide", PAGE)
    web.page(f"{NEWS}/app", SCRIPTED)
    web.add(f"{NEWS}/paper.pdf", Response(200, (("Content-Type", "application/pdf"),), b"%PDF"))
    web.add(f"{NEWS}/gone", Response(404, _HTML, b"<html><body>not here</body></html>"))
    with SampleWeb(web) as served:
        yield served


def _web_check(site: SampleWeb, tmp_path: Path, *flags: str) -> dict[str, Any]:
    post = tmp_path / "post.md"
    post.write_text(
        "# A post\n\n"
        f"[a]({NEWS}/guide#present) [b]({NEWS}/guide#removed-section) [c]({NEWS}/guide#old-name)"
        f" [d]({NEWS}/guide#made-by-script) [e]({NEWS}/guide#:~:text=Text) [f]({NEWS}/guide#top)"
        f" [g]({NEWS}/paper.pdf#page=2) [h]({NEWS}/app#section) [i]({NEWS}/guide#/route)"
        f" [j]({NEWS}/gone#x) [k]({NEWS}/guide#Present) [l]({NEWS}/guide#Old-Name)\n",
        encoding="utf-8",
    )
    args = ["check", str(post), "--cacert", str(site.ca_path), "--no-store", "--no-baseline"]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    report_dir = tmp_path / "r"
    args += ["--max-retries", "0", "--archive", "off", "--report-dir", str(report_dir)]
    code = main([*args, "--format", "json", *flags])
    assert code in (ExitCode.OK, ExitCode.FAILED)
    return dict(json.loads((report_dir / "report.json").read_text(encoding="utf-8")))


def test_a_fetched_pages_missing_anchor_is_a_warning(site: SampleWeb, tmp_path: Path) -> None:
    report = _web_check(site, tmp_path, "--include-fragments")
    assert sorted(m for m, _ in _anchor_findings(report)) == [
        f"#Old-Name names no heading or id in {NEWS}/guide",  # an id is case-exact...
        f"#removed-section names no heading or id in {NEWS}/guide",
    ]  # ...a heading's slug is not (#Present): scripts that make heading ids match any case
    citations = {c["url"]: c for d in report["documents"] for c in d["citations"]}
    assert citations[f"{NEWS}/guide"]["status"] == "ok"
    assert citations[f"{NEWS}/gone"]["status"] == "broken"  # the page's 404, no anchor finding
    assert (citations[f"{NEWS}/app"]["note"] or "").startswith("fragment #section not checked")
    assert citations[f"{NEWS}/paper.pdf"]["note"] is None  # #page=2 is the viewer's, no anchor


def test_without_the_flag_a_fetched_pages_fragments_are_not_read(
    site: SampleWeb, tmp_path: Path
) -> None:
    report = _web_check(site, tmp_path)
    assert _anchor_findings(report) == []
    assert all(
        "fragment" not in (c["note"] or "") for d in report["documents"] for c in d["citations"]
    )
