"""Session 28's probe of the output side: a cited page's bytes and a cited URL's secrets, through
the real CLI on the fixture web (loopback, test CA, ``--connect-to``), in every output.

Earlier probes held the reports themselves safe (tests/report/test_outputs_are_safe.py,
test_terminal_safe.py); what they did not reach: the access-key fields of signed S3 v2 and GCS v2
URLs (``AWSAccessKeyId``, ``GoogleAccessId``), the WARC request line of a webhook or bot URL
(its token is in the path, not the query), and the lines printed to a terminal or a CI log
outside the report renderers (``-v`` lines, ``--dump`` lines, GitHub annotations), where an
ESC from a page acted on the viewer.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.config import FORMAT_NAMES
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.test_probe28_settings import web_argv

NEWS = "https://news.example.com"
BLOG = "https://blog.example.com/post.html"
SIGNED = (
    f"{NEWS}/s3?AWSAccessKeyId=AKIA-SECRET-1&Signature=s3sig&Expires=1",
    f"{NEWS}/gcs?GoogleAccessId=svc-SECRET-2%40p.iam.gserviceaccount.com&Signature=g&Expires=1",
)
HOOKS = (
    "https://hooks.slack.com/services/T000/B000/slack-SECRET-3",
    "https://discord.com/api/webhooks/123/discord-SECRET-4",
    "https://api.telegram.org/bot123:tg-SECRET-5/getMe",
)
SECRETS = ("AKIA-SECRET-1", "svc-SECRET-2", "slack-SECRET-3", "discord-SECRET-4", "tg-SECRET-5")
# A link whose text ends up in a URL: ESC sequences (recolour, retitle, an OSC 8 hyperlink).
ESCAPED = "http://evil.example/\x1b]0;pwned\x07\x1b[2J"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _web() -> Web:
    web = Web()
    for url in (*SIGNED, *HOOKS):
        web.page(url, f"<title>Fine</title><p>{'Text. ' * 40}</p>")
    links = "".join(f'<p>See <a href="{url}">this</a>.</p>' for url in (*SIGNED, *HOOKS))
    links += f"<p>Also {ESCAPED}</p>"
    web.page(BLOG, f"<html><head><title>A post</title></head><body>{links}</body></html>")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _check(site: SampleWeb, tmp_path: Path, *flags: str) -> list[str]:
    return web_argv(site, BLOG, "--no-crawl", "--report-dir", str(tmp_path / "r"), *flags)


@pytest.fixture
def summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The step summary's file, the run made to think it runs on GitHub Actions."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return tmp_path / "summary.md"


def test_signed_url_access_keys_reach_no_output(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], summary: Path
) -> None:
    store = tmp_path / "store.db"
    argv = _check(site, tmp_path, "-v", "--warc", "--format", ",".join(FORMAT_NAMES))
    argv = [a for a in argv if a != "--no-store"] + ["--store", str(store)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED, out + err  # the malformed ESC link
    shown = {"stdout": out, "stderr": err, "summary": summary.read_text(encoding="utf-8")}
    for path in (tmp_path / "r").iterdir():
        data = path.read_bytes()
        shown[path.name] = (gzip.decompress(data) if path.suffix == ".gz" else data).decode(
            "utf-8", "replace"
        )
    shown["store"] = store.read_bytes().decode("utf-8", "replace")
    assert len(shown) == 3 + len(FORMAT_NAMES) + 2  # the WARC and the store too
    warc = shown.pop("evidence.warc.gz")
    # the WARC keeps the fetched pages as they came (the post's page lists the links), but
    # no header or request line of its own shows a secret
    heads = [line for line in warc.split("\r\n") if line.startswith(("GET ", "WARC-Target-URI"))]
    assert heads, "the WARC recorded no request"
    leaks = [(name, s) for name, text in {**shown, "warc heads": "\n".join(heads)}.items()
             for s in SECRETS if s in text]  # fmt: skip
    assert not leaks
    assert "AWSAccessKeyId=REDACTED&Signature=REDACTED" in shown["report.json"]
    assert "GET /services/T000/B000/REDACTED HTTP/1.1" in heads
    assert "GET /botREDACTED/getMe HTTP/1.1" in heads


def test_verbose_and_annotation_lines_show_control_characters(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(_check(site, tmp_path, "-v", "--annotations"))
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED, out + err
    assert "malformed-url" in err and "::error" in out  # the lines were printed
    assert not _CONTROL.findall(out + err), [
        line for line in (out + err).splitlines() if _CONTROL.search(line)
    ]
    assert "<U+001B>]0;pwned<U+0007>" in err  # shown, not dropped


def test_dump_lines_show_control_characters(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(_check(site, tmp_path, "--dump"))
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, out + err
    assert "evil.example" in out
    assert not _CONTROL.findall(out + err)


@pytest.mark.parametrize(
    ("argument", "shown", "hidden"),
    [
        ("ftp://reader:pw-SECRET-6@files.example/a", "ftp://REDACTED@files.example/a", "pw-SECRET"),
        ("posts\x1b]0;pwned\x07/none.md", "posts<U+001B>]0;pwned<U+0007>/none.md", "\x1b"),
    ],
)
def test_error_line_redacts_and_shows_controls(
    argument: str, shown: str, hidden: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad input is one line, exit 2, saying what it was given as a report would show it."""
    code = main(["check", argument, "--no-store", "--report-dir", str(tmp_path / "r")])
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1 and err.startswith("citecheck: error: ")
    assert shown in err and hidden not in out + err


BIG = "Big title " * 100_000  # 1 MB


def test_a_one_megabyte_title_is_cut_in_every_report_and_the_cut_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], summary: Path
) -> None:
    """A post whose title, heading and link texts are 1 MB each: no report grows by them."""
    web = Web()
    web.page(f"{NEWS}/gone", "<title>Not found</title>", status=404)
    web.page(
        BLOG,
        f"<html><head><title>{BIG}</title></head><body><h1>{BIG}</h1>"
        f'<p>See <a href="{NEWS}/gone">{BIG}</a>.</p></body></html>',
    )
    with SampleWeb(web) as site:
        code = main(_check(site, tmp_path, "-v", "--format", ",".join(FORMAT_NAMES)))
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED, out[-2000:] + err[-2000:]
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "r").iterdir()}
    sizes["summary"] = summary.stat().st_size
    assert len(sizes) == len(FORMAT_NAMES) + 1
    assert max(sizes.values()) < 100_000, sizes
    report = (tmp_path / "r" / "report.json").read_text(encoding="utf-8")
    assert "994,999 more characters not shown" in report  # the title, stripped


def test_html_report_shows_a_pages_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The post's title with ESC, BEL and a C1 control: shown as report.md shows them."""
    web = Web()
    title = "Title \x1b]0;pwned\x07 and \x1b[2J and \x85 end"
    web.page(f"{NEWS}/gone", "<title>Not found</title>", status=404)
    web.page(BLOG, f'<title>{title}</title><p>See <a href="{NEWS}/gone">this</a>.</p>')
    with SampleWeb(web) as site:
        code = main(_check(site, tmp_path, "--format", "html,md"))
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED, out + err
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert not _CONTROL.findall(html)
    assert "Title &lt;U+001B&gt;]0;pwned&lt;U+0007&gt; and" in html
