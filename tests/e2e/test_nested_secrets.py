"""Probe 17: a dead source cited with credentials leaves them in no file the run writes.

The post cites ``https://reader:pw-secret@…/gone?token=tok-secret``, which answers 404.  The
archive used to be asked about it with the cited URL percent-encoded in its query
(``…/wayback/available?url=https%3A%2F%2Freader%3Apw-secret%40…``), which redaction did not look
into (the WARC's request lines and ``WARC-Target-URI`` fields held both secrets), and which handed
the secrets to a third party whose answer echoed them: such a URL is not looked up now.  And the
baseline, a file made to be committed next to the posts, keyed each finding by the cited URL as
written.  Everything goes through ``citecheck`` against the fixture web (real HTTP/TLS on
loopback, archive.org included).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fixtureweb.archive_web import add_wayback

NEWS = "https://news.fixture-nested-secrets.example"
CITED = "https://reader:pw-secret@news.fixture-nested-secrets.example/gone?token=tok-secret&p=2"
SECRETS = ("pw-secret", "tok-secret")
POST = f"# A post\n\nThe [report]({CITED}) and the [other one]({NEWS}/fine).\n"


def _web() -> Web:
    web = Web()
    html = ("Content-Type", "text/html; charset=utf-8")
    gone = Response(404, (html,), b"<title>Not found</title>")
    web.add(f"{NEWS}/gone?token=tok-secret&p=2", gone)
    web.page(f"{NEWS}/fine", "<title>A fine story</title><p>Still here, every word of it.</p>")
    add_wayback(web, {})
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _argv(site: SampleWeb, command: str, post: Path, report_dir: Path) -> list[str]:
    argv = [command, str(post), "--report-dir", str(report_dir), "--no-store", "--retries", "0"]
    argv += ["--cacert", str(site.ca_path), "--format", "json,md,html,junit,sarif,csv"]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    return argv


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def test_the_warc_and_reports_of_a_run_with_a_secret_bearing_dead_source_hold_no_secret(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    report_dir = tmp_path / "r"
    code = main([*_argv(site, "check", post, report_dir), "--warc"])
    out = capsys.readouterr()
    assert code == ExitCode.FAILED
    warc = gzip.decompress((report_dir / "evidence.warc.gz").read_bytes()).decode("latin-1")
    assert _leaks(warc) == []
    for written in sorted(report_dir.iterdir()):
        if written.suffix != ".gz":
            assert _leaks(written.read_text(encoding="utf-8")) == [], written.name
    assert _leaks(out.out + out.err) == []


def test_the_archive_is_never_sent_the_cited_urls_secrets_and_the_report_says_why(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The archive is a third party whose answers echo the URL asked about (into the WARC, where
    redaction cannot reach a JSON body): a URL with a credential or token is not looked up."""
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    asked = len(site.requests)
    assert main(_argv(site, "check", post, tmp_path / "r")) == ExitCode.FAILED
    capsys.readouterr()
    archive = [url for _m, url in site.requests[asked:] if "archive" in url.split("/")[2]]
    assert _leaks(unquote(" ".join(archive))) == []
    assert not any("gone" in unquote(url) for url in archive)
    report = (tmp_path / "r" / "report.json").read_text(encoding="utf-8")
    assert "no archive lookup: the URL carries a credential or token" in report


def test_the_baseline_file_records_the_cited_url_redacted_and_still_covers_it(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    baseline = tmp_path / "citecheck-baseline.json"
    argv = [*_argv(site, "baseline", post, tmp_path / "r"), "--baseline", str(baseline)]
    assert main(argv) == ExitCode.OK
    recorded = baseline.read_text(encoding="utf-8")
    assert _leaks(recorded) == []
    targets = [entry["target"] for entry in json.loads(recorded)["findings"]]
    assert any("REDACTED" in target for target in targets)
    # The recorded finding still covers the same citation in the next run.
    argv = [*_argv(site, "check", post, tmp_path / "r2"), "--baseline", str(baseline)]
    assert main(argv) == ExitCode.OK
    capsys.readouterr()
