"""--warc: every response the fetcher receives is kept as valid, replayable WARC evidence."""

from __future__ import annotations

import asyncio
import base64
import gzip
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.checker import Checker

from checker.config import Config
from checker.fetch import HttpFetcher
from checker.fetch.warc import EVIDENCE_FILE
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import config_for, fetch

SITE = "https://evidence.example.com"
PAGE = "<html><head><title>Evidence</title></head><body>ウクライナの冬</body></html>".encode()
ZIPPED = b"<html><head><title>Zipped</title></head><body>" + b"z" * 2000 + b"</body></html>"
BIG = b"<html><body>" + b"x" * 5000 + b"</body></html>"


def _web() -> Web:
    web = Web()
    web.add(f"{SITE}/page", Response(200, (("Content-Type", "text/html; charset=utf-8"),), PAGE))
    web.add(
        f"{SITE}/zipped",
        Response(
            200,
            (("Content-Type", "text/html"), ("Content-Encoding", "gzip")),
            gzip.compress(ZIPPED),
        ),
    )
    web.add(f"{SITE}/big", Response(200, (("Content-Type", "text/html"),), BIG))
    web.page(f"{SITE}/gone", "<html><title>Not here</title></html>", status=404)
    web.redirect(f"{SITE}/old", "/middle", status=301)
    web.redirect(f"{SITE}/middle", f"{SITE}/page", status=302)
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


def _config(site: SampleWeb, tmp_path: Path, **changes: Any) -> Config:
    return config_for(site, report_dir=tmp_path, warc=True, retries=0, **changes)


def _records(path: Path) -> list[Any]:
    """Every record with its content read, digests checked as they are read."""
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            body = record.content_stream().read()
            records.append(SimpleNamespace(record=record, body=body))
            assert record.digest_checker.passed is not False, record.digest_checker.problems
    return records


def _responses(path: Path) -> dict[str, Any]:
    return {
        r.record.rec_headers.get_header("WARC-Target-URI"): r
        for r in _records(path)
        if r.record.rec_type == "response"
    }


def test_the_warc_passes_warcios_checker(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fetch(_config(site, tmp_path), f"{SITE}/page", f"{SITE}/zipped", f"{SITE}/old")
    checker = Checker(SimpleNamespace(inputs=[str(tmp_path / EVIDENCE_FILE)], verbose=True))
    assert checker.process_all() == 0
    out = capsys.readouterr().out
    assert "digest pass" in out
    assert "problem" not in out.lower()


def test_every_request_has_a_response_and_a_request_record(site: SampleWeb, tmp_path: Path) -> None:
    urls = (f"{SITE}/page", f"{SITE}/gone", f"{SITE}/old")
    fetch(_config(site, tmp_path), *urls)
    records = _records(tmp_path / EVIDENCE_FILE)
    kinds = [r.record.rec_type for r in records]
    assert kinds[0] == "warcinfo"
    # the redirect hops too, and /page twice: asked for, and again at the end of the chain
    sent = [f"{SITE}/page", f"{SITE}/gone", f"{SITE}/old", f"{SITE}/middle", f"{SITE}/page"]
    responses = [r.record for r in records if r.record.rec_type == "response"]
    uris = [r.rec_headers.get_header("WARC-Target-URI") for r in responses]
    assert sorted(uris) == sorted(sent)
    requests = [r.record for r in records if r.record.rec_type == "request"]
    assert len(requests) == len(sent)
    ids = {r.rec_headers.get_header("WARC-Record-ID") for r in responses}
    assert len(ids) == len(sent)
    assert {q.rec_headers.get_header("WARC-Concurrent-To") for q in requests} == ids
    request = next(q for q in requests if q.rec_headers.get_header("WARC-Target-URI").endswith("e"))
    assert request.http_headers.protocol == "GET"
    assert request.http_headers.get_header("Host") == "evidence.example.com"


def test_the_warc_replays_what_the_web_served(site: SampleWeb, tmp_path: Path) -> None:
    results = fetch(_config(site, tmp_path), f"{SITE}/page", f"{SITE}/zipped", f"{SITE}/gone")
    responses = _responses(tmp_path / EVIDENCE_FILE)
    page, zipped, gone = (responses[r.url] for r in results)
    assert page.record.http_headers.get_statuscode() == "200"
    assert page.body == PAGE
    assert zipped.body == ZIPPED  # stored decoded, so the headers no longer claim gzip
    assert zipped.record.http_headers.get_header("Content-Encoding") is None
    assert zipped.record.http_headers.get_header("Content-Length") == str(len(ZIPPED))
    assert gone.record.http_headers.get_statuscode() == "404"
    assert b"Not here" in gone.body
    for result in results:
        record_id = responses[result.url].record.rec_headers.get_header("WARC-Record-ID")
        assert result.warc_record_id == record_id
        assert responses[result.url].record.rec_headers.get_header("WARC-Truncated") is None


def test_a_redirected_fetch_points_at_the_final_response(site: SampleWeb, tmp_path: Path) -> None:
    (result,) = fetch(_config(site, tmp_path), f"{SITE}/old")
    responses = _responses(tmp_path / EVIDENCE_FILE)
    final = responses[f"{SITE}/page"].record
    assert result.warc_record_id == final.rec_headers.get_header("WARC-Record-ID")
    hop = responses[f"{SITE}/old"].record
    assert hop.http_headers.get_statuscode() == "301"
    assert hop.http_headers.get_header("Location") == "/middle"
    assert hop.rec_headers.get_header("WARC-Truncated") == "length"  # its body was not read


def test_a_capped_body_is_marked_truncated(site: SampleWeb, tmp_path: Path) -> None:
    (result,) = fetch(_config(site, tmp_path, max_bytes=1000), f"{SITE}/big")
    assert result.truncated
    record = _responses(tmp_path / EVIDENCE_FILE)[f"{SITE}/big"]
    assert record.record.rec_headers.get_header("WARC-Truncated") == "length"
    assert record.body == BIG[:1000]


def test_the_file_is_complete_while_the_run_is_still_going(site: SampleWeb, tmp_path: Path) -> None:
    async def go() -> FetchResult:
        async with HttpFetcher(_config(site, tmp_path), version="test") as fetcher:
            result = await fetcher.get(f"{SITE}/page")
            assert f"{SITE}/page" in _responses(tmp_path / EVIDENCE_FILE)  # not closed yet
            return result

    assert asyncio.run(go()).warc_record_id is not None


def test_nothing_is_written_without_warc(site: SampleWeb, tmp_path: Path) -> None:
    (result,) = fetch(_config(site, tmp_path).with_(warc=False), f"{SITE}/page")
    assert result.outcome is Outcome.OK
    assert result.warc_record_id is None
    assert not (tmp_path / EVIDENCE_FILE).exists()


def test_a_failed_connection_leaves_no_response_record(tmp_path: Path) -> None:
    config = Config().with_(report_dir=tmp_path, warc=True, retries=0, timeout=1.0, store=None)
    (result,) = fetch(config, "https://nowhere.invalid/page")
    assert result.outcome is not Outcome.OK
    assert result.warc_record_id is None
    assert [r.record.rec_type for r in _records(tmp_path / EVIDENCE_FILE)] == ["warcinfo"]


def test_the_warc_keeps_no_credentials_while_the_request_carries_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[str | None] = []

    def echo(request: Request) -> Response:  # the body echoes the URL and its password too
        seen.append(request.header("Authorization"))
        headers = (("Set-Cookie", "sid=cookie-secret; Path=/"), ("Content-Type", "text/html"))
        page = f'<title>private</title><link rel="canonical" href="{request.url}">'
        return Response(200, headers, f"{page}<p>Signed in: pass-secret</p>".encode())

    web = Web()
    web.add(f"{SITE}/private?token=token-secret&page=2", echo)
    url = "https://reader:pass-secret@evidence.example.com/private?token=token-secret&page=2"
    with SampleWeb(web) as running:
        [result] = fetch(_config(running, tmp_path), url)
    assert result.status_code == 200
    sent = base64.b64encode(b"reader:pass-secret").decode()
    assert seen == [f"Basic {sent}"]  # the request itself still carries the credentials
    raw = gzip.decompress((tmp_path / EVIDENCE_FILE).read_bytes()).decode("utf-8", "replace")
    for secret in ("pass-secret", sent, "token-secret", "cookie-secret"):
        assert secret not in raw
    assert "page=2" in raw and "token=REDACTED" in raw
    assert "authorization: redacted" in raw.lower() and "set-cookie: redacted" in raw.lower()
    assert "Signed in: REDACTED" in raw  # the echoes replaced in the body kept
    checker = Checker(SimpleNamespace(inputs=[str(tmp_path / EVIDENCE_FILE)], verbose=True))
    assert checker.process_all() == 0  # its digests are of the body kept
    assert "digest pass" in capsys.readouterr().out
