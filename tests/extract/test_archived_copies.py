"""One link, one citation, end to end (issue 16): the archived copy a post gives is the one offered.

A Markdown post links a dead source's Wayback capture under the source's own URL.  On the fixture
web the source answers 404 and the fixture Wayback Machine holds two captures, the writer's and a
later one.  The report has one citation, of the source, ``broken``, with the writer's copy as its
archived copy: found without asking the availability API (``archive.org``), which would have
offered the latest capture.
"""

from __future__ import annotations

from pathlib import Path

from checker.config import Config, ConnectTo
from checker.findings import Severity
from checker.model import Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fixtureweb.archive_web import Capture, add_wayback

DEAD = "https://news.example.org/2024/budget-defeat.html"
GIVEN = f"https://web.archive.org/web/20240101000000/{DEAD}"
TITLE = "Cabinet resigns after budget defeat"
_HTML = ("Content-Type", "text/html; charset=utf-8")


def _page(title: str) -> str:
    body = "A long article body. " * 40
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></html>"


def test_the_copy_the_post_gives_is_the_archived_copy_offered(tmp_path: Path) -> None:
    web = Web()
    web.add(DEAD, Response(404, (_HTML,), b"<html><title>Not found</title>Gone.</html>"))
    captures = (Capture("20240101000000", _page(TITLE)), Capture("20250601000000", _page(TITLE)))
    add_wayback(web, {DEAD: captures})
    post = tmp_path / "post.md"
    post.write_text(f"# Sources\n\nThe cabinet fell: [{DEAD}]({GIVEN}).\n", encoding="utf-8")
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            store=None,
            report_dir=tmp_path / "reports",
            retries=0,
        )
        report = check([str(post)], config)
        hosts = [
            url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0] for _, url in site.requests
        ]
    (document,) = report.documents
    (checked,) = document.citations
    assert checked.citation.url == DEAD
    assert checked.citation.cited.archived == (GIVEN,)
    assert checked.status is Status.BROKEN
    assert {f.archive_url for f in checked.findings if f.archive_url} == {GIVEN}
    # the reader is served by the copy the post gives: reported, failing nothing
    (broken,) = [f for f in checked.findings if f.archive_url]
    assert broken.severity is Severity.INFO
    assert "already links a verified archived copy" in broken.message
    assert "archive.org" not in hosts  # no availability question: the given copy was judged first
