"""An untyped 200 with no byte, cited as a source, is ``unreachable`` (a reader sees a blank
page), on a cold run and on a warm one alike; cited as a plain link it stays ``ok`` (an API's
answer says nothing by design, mend 33n).

It was ``ok``: with no type and no text it could not be told from an untyped file, and only its
``Content-Length``, which the store does not keep, would have told them apart cold, not warm
(session 33's leftover).  Now the fetch reads no byte as the empty text it is, and the store
keeps that text.  Through the pipeline on the sample web (loopback TLS, ``--connect-to``).
"""

from __future__ import annotations

from pathlib import Path

from checker.model import CitationKind, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, config_for

_EMPTY = "https://untyped.test/2025/05/budget.html"
_PDF = "https://untyped.test/budget.pdf"


def _web() -> Web:
    web = Web()
    web.add(_EMPTY, Response(200, (), b""))
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    web.add(_PDF, Response(200, (), pdf))
    return web


def test_an_untyped_empty_answer_cited_as_a_source_is_unreachable_cold_and_warm(
    tmp_path: Path,
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "post.md").write_text(
        "# 欧州の再軍備\n\n本文です。\n\n■\n\nCouncil approves the budget\nBy Jane Doe\n"
        f"May 12, 2025\n{_EMPTY}\n",
        encoding="utf-8",
    )
    statuses = []
    with SampleWeb(_web()) as site:
        config = config_for(
            site, archive="off", retries=0, timeout=5.0, store=tmp_path / "store.sqlite3"
        )
        for run in ("cold", "warm"):
            report = check([str(posts)], config.with_(report_dir=tmp_path / run))
            (checked,) = [c for d in report.documents for c in d.citations]
            assert checked.citation.kind is CitationKind.SOURCE
            statuses.append((checked.status, [f.message for f in checked.findings]))
        assert len(site.requests) == 1  # the warm run's answer came from the store
    assert statuses[0][0] is Status.UNREACHABLE, statuses
    assert statuses[1] == statuses[0]
    assert "empty page" in statuses[0][1][0]


def test_an_untyped_empty_link_and_an_untyped_file_stay_ok(tmp_path: Path) -> None:
    checked = check_links_on(_web(), [_EMPTY, _PDF], tmp_path)
    for url in (_EMPTY, _PDF):
        assert checked[url].status is Status.OK, (url, checked[url].findings)
