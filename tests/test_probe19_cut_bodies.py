"""Probe 19: a 404 or 410 whose body breaks off is a broken link, not an unreachable one.

A server (a proxy, a CDN's error page with a wrong length) answers ``404 Not Found`` with
``Content-Length: 1000`` and closes after a few bytes.  The head said the URL is gone; the fetch
failed reading the body and the run reported ``unreachable`` ("a failure only once it persists"),
a warning: the dead link passed the run.  An answer that needs its body (a 200) stays
unreachable when the body breaks off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.findings import Code
from checker.model import Status
from checker.pipeline import check
from tests.fetch.support import OneAnswerServer

_CUT_404 = (
    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
    b"<title>Not Found</title>"
)
_CUT_410_CHUNKED = b"HTTP/1.1 410 Gone\r\nTransfer-Encoding: chunked\r\n\r\n5\r\ngone\n\r\n"
_CUT_200 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<title>Half"


@pytest.fixture(params=[_CUT_404, _CUT_410_CHUNKED, _CUT_200], ids=["404", "410", "200"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[bytes, OneAnswerServer]]:
    site = OneAnswerServer(request.param)
    try:
        yield request.param, site
    finally:
        site.close()


def test_a_gone_answer_with_a_cut_body_is_broken(
    tmp_path: Path, server: tuple[bytes, OneAnswerServer]
) -> None:
    answer, site = server
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nAs [reported](http://cut.example/story).\n", encoding="utf-8")
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"cut.example:80:127.0.0.1:{site.port}"),),
        retries=0,
        timeout=5.0,
        archive="off",  # no archive lookup: the test touches nothing past loopback
    )
    report = check([str(post)], config)
    (citation,) = report.documents[0].citations
    codes = {f.code for f in citation.findings}
    if answer is _CUT_200:  # a page that needs its body and lost it: unreachable, as before
        assert citation.status is Status.UNREACHABLE, citation
    else:
        assert citation.status is Status.BROKEN, citation
        assert Code.BROKEN in codes
        assert citation.observed is not None
        assert citation.observed.status_code == (404 if answer is _CUT_404 else 410)
