"""No output shows a secret of a cited URL that its page echoes (trust, session 39).

``displayed`` hides a secret it knows by its form (``token=…``, a prefixed token); a page's
title that repeats the bare value of the URL's ``?access_token=`` (a search page's "Results for
…", a 404's "not found: …") was shown in every format.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from checker.cli import main
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Response, Web
from tests.e2e.blogger import CitedPost, article_page, blogger_page
from tests.e2e.cited_outputs import every_output

SECRET = "s3cr3tT0kenValue"
ASKED = f"https://echo.example.com/search?access_token={SECRET}&q=news"
PASSWORD = "pa55w0rd-xyz"
WITH_USER = f"https://reader:{PASSWORD}@echo.example.com/account"
ARTICLE = f"https://echo.example.com/story?access_token={SECRET}"


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    html = (("Content-Type", "text/html; charset=utf-8"),)
    web.add(ASKED, Response(404, html, f"<title>No results for {SECRET}</title>".encode()))
    page = f"<title>Signed in with {PASSWORD}</title><p>gone</p>"
    web.add("https://echo.example.com/account", Response(410, html, page.encode()))
    web.page(ARTICLE, article_page(f"Results for {SECRET}", site="Echo News", author="Jane Doe"))
    with SampleWeb(web) as running:
        yield running


def test_a_title_echoing_a_secret_of_its_url_is_shown_in_no_output(
    site: SampleWeb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cited = CitedPost("t", "Echo News", "Talks resume in Geneva", "Jane Doe", None, ARTICLE)
    blog = blogger_page("https://echoes.blogspot.com", [cited])
    links = "".join(f'<a href="{escape(url)}">source</a>' for url in (ASKED, WITH_USER))
    post = tmp_path / "post.html"
    post.write_text(blog.replace("</body>", f"<p>{links}</p></body>"), encoding="utf-8")
    code, shown = every_output(site, post, monkeypatch, capsys)
    assert code == 1
    assert "report.json" in shown and len(shown) >= 7
    for name, text in shown.items():
        assert SECRET not in text, name
        assert PASSWORD not in text, name
    assert "Results for REDACTED" in shown["report.json"]  # the title-mismatch's title


def test_the_store_keeps_no_judgement_echoing_a_secret_of_its_url(
    site: SampleWeb, tmp_path: Path
) -> None:
    cited = CitedPost("t", "Echo News", "Talks resume in Geneva", "Jane Doe", None, ARTICLE)
    post = tmp_path / "post.html"
    post.write_text(blogger_page("https://echoes.blogspot.com", [cited]), encoding="utf-8")
    store = tmp_path / "store.sqlite3"
    argv = ["check", str(post), "--store", str(store), "--retries", "0", "-q", "--archive", "off"]
    argv += ["--cacert", str(site.ca_path), "--report-dir", str(tmp_path / "r")]
    for rule in site.connect_to():
        argv += ["--connect-to", rule]
    assert main(argv) == 1  # the title-mismatch
    data = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite3*"))
    assert SECRET.encode() not in data
    assert main(argv) == 1  # a warm run judges it again: the same verdict
    report = (tmp_path / "r" / "report.json").read_text(encoding="utf-8")
    assert "title-mismatch" in report and SECRET not in report
