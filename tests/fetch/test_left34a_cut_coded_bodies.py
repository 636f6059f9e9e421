"""Left 34a: a gzip or deflate body whose server closes the connection cleanly mid-stream.

With no ``Content-Length`` the body runs until the connection closes, so a server cut off
mid-answer sends no transport error, and zlib never complains of a stream that just stops:
the decoded head was read as the whole page (a link ``ok``, a post's links past the cut lost,
no word).  The coded stream's own end mark says whether it is whole; a cut one is judged as a
body cut before its announced end (session 33): on what came, said, when its document's end
came, else the protocol error it is (``unreachable``).
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from checker.model import Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on
from tests.test_probe24_sitemap_listings import run_on_web

_HOST = "https://coded.fixture-l34a.example"
_SOURCE = "https://src.fixture-l34a.example"
_PAGE = (
    "<!DOCTYPE html><html><head><title>Council approves the budget</title></head><body>"
    "<article><h1>Council approves the budget</h1>"
    + "".join(
        f"<p>The council voted on item {n} after a long debate about roads and schools. "
        f'See <a href="{_SOURCE}/minutes-{n}">the minutes</a>.</p>'
        for n in range(60)
    )
    + "</article></body></html>"
).encode()


def _deflated(data: bytes) -> bytes:
    coder = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    return coder.compress(data) + coder.flush()


_CODED = {"gzip": gzip.compress(_PAGE, mtime=0), "deflate": _deflated(_PAGE)}


def _until_close(coding: str, body: bytes) -> Response:
    """``body`` under ``Content-Encoding: coding``, no ``Content-Length``: its end is the
    connection's (closed cleanly, a FIN)."""
    headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", coding))
    return Response(200, headers, stream=(body,))


def _web() -> Web:
    web = Web()
    for coding, coded in _CODED.items():
        web.add(f"{_HOST}/{coding}/whole.html", _until_close(coding, coded))
        web.add(f"{_HOST}/{coding}/half.html", _until_close(coding, coded[: len(coded) // 2]))
        # the document whole, the stream's end (deflate's last bytes, gzip's trailer) not come
        web.add(f"{_HOST}/{coding}/ended.html", _until_close(coding, coded[:-3]))
    return web


def test_a_coded_page_cut_mid_stream_is_not_read_as_whole(tmp_path: Path) -> None:
    urls = [f"{_HOST}/{c}/{name}.html" for c in _CODED for name in ("whole", "half", "ended")]
    checked = check_links_on(_web(), urls, tmp_path)
    for coding in _CODED:
        whole = checked[f"{_HOST}/{coding}/whole.html"]
        assert (whole.status, whole.note) == (Status.OK, None), whole.findings
        half = checked[f"{_HOST}/{coding}/half.html"]
        assert half.status is Status.UNREACHABLE, (coding, half.status, half.findings)
        ended = checked[f"{_HOST}/{coding}/ended.html"]
        assert ended.status is Status.OK, (coding, ended.findings)
        assert "closed the connection before the end" in (ended.note or ""), ended.note


def test_a_post_cut_mid_stream_is_said_not_read_in_part(tmp_path: Path) -> None:
    web = _web()
    for n in range(60):
        web.add(f"{_SOURCE}/minutes-{n}", Response(200, (("Content-Type", "text/plain"),), b"ok"))
    posts = "".join(
        f"<url><loc>{_HOST}/{p}.html</loc></url>" for p in ("gzip/half", "deflate/whole")
    )
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{posts}</urlset>'
    web.add(
        f"{_HOST}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), sitemap.encode()),
    )
    _code, report, _asked = run_on_web(web, f"{_HOST}/sitemap.xml", tmp_path)
    read = {d["url"]: len(d["citations"]) for d in report["documents"]}
    assert read == {f"{_HOST}/deflate/whole.html": 60}, read
    unread = [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert len(unread) == 1 and "gzip/half.html" in str(unread[0]), report["problems"]
    assert "compressed stream stops before its end" in unread[0]["message"]


def test_a_coded_body_that_came_whole_is_not_said_closed_early(tmp_path: Path) -> None:
    """Mend 34q: with a ``Content-Length`` every byte of which came, a gzip stream cut inside
    was said "peer closed connection … closed cleanly" (no document end) or "closed the
    connection before the end of the body it announced" (with one): the server sent all it
    announced.  The stream is said incomplete though the body came whole."""
    headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"))
    coded = _CODED["gzip"]
    web = Web()
    web.add(f"{_HOST}/framed/half.html", Response(200, headers, coded[: len(coded) // 2]))
    web.add(f"{_HOST}/framed/ended.html", Response(200, headers, coded[:-3]))
    urls = [f"{_HOST}/framed/half.html", f"{_HOST}/framed/ended.html"]
    checked = check_links_on(web, urls, tmp_path)
    half, ended = (checked[url] for url in urls)
    assert half.status is Status.UNREACHABLE, half.findings
    said = " ".join(f.message for f in half.findings)
    assert "incomplete though the body came whole" in said and "closed" not in said, said
    assert ended.status is Status.OK, ended.findings
    assert "incomplete though the body came whole" in (ended.note or ""), ended.note
    assert "closed" not in (ended.note or ""), ended.note
