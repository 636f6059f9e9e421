"""Session 37's credential kinds reach no output and no archive request (trust37a).

A post cites dead pages whose URLs hold an OpenAI, Anthropic, Slack app, rotating Slack, AWS,
Google and Hugging Face credential (a path's segment, a query value of any name, a fragment
``--include-fragments`` looks for).  Each was shown whole in the terminal, the GitHub
annotations and step summary and every report format, and each dead page was looked up in the
archive with its credential in the request.  Through ``citecheck check`` against the fixture
web (real HTTP/TLS on loopback, archive.org included).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker.cli import ExitCode
from checker.sampleweb import SampleWeb, Web
from tests.e2e.cited_outputs import FORMATS, cited_post, every_output
from tests.fixtureweb.archive_web import add_wayback

HOST = "https://news.fixture-trust37a-tokens.example"
TOKENS = {
    "openai": "sk-proj-" + "aB3" * 20,
    "anthropic": "sk-ant-api03-" + "Jd8Kf2_Lq9Wm-Xz4" * 6 + "AA",
    "slack app": "xapp-1-A0123ABCD45-1234567890123-" + "0f1e2d3c4b5a6978" * 4,
    "slack rotating": "xoxe-1-" + "My0yLTEyMzQ1Njc4OTAt" * 5,
    "aws": "AKIAIOSFODNN7EXAMPLE",
    "google": "AIzaSyD-" + "9tSrke72PouQMnMX7" * 2 + "a0",
    "hugging face": "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",
}
CITED = [
    f"{HOST}/gone/{TOKENS['openai']}/x",
    f"{HOST}/x?q={TOKENS['anthropic']}",
    f"{HOST}/hooks/{TOKENS['slack app']}",
    f"{HOST}/x?a=1&t={TOKENS['slack rotating']}",
    f"{HOST}/s3/{TOKENS['aws']}.csv",
    f"{HOST}/maps?q=Bearer+{TOKENS['google']}",
]
ANCHORED = f"{HOST}/page"
FRAGMENT = f"notes-{TOKENS['hugging face']}"


def _web() -> Web:
    web = Web()
    add_wayback(web, {})
    web.page(f"{HOST}/", "<title>News</title><p>The front page.</p>")
    web.page(ANCHORED, '<title>A page</title><h2 id="intro">Intro</h2><p>The page.</p>')
    return web  # every other page of HOST answers 404


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def _leaks(text: str) -> list[str]:
    return [kind for kind, token in TOKENS.items() if token[-16:] in text]


def test_no_output_and_no_archive_request_holds_a_credential(
    site: SampleWeb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    post = cited_post(
        tmp_path / "post.html",
        CITED,
        f'<p>See <a href="{ANCHORED}#{FRAGMENT}">its notes</a>.</p>',
    )
    asked = len(site.requests)
    code, shown = every_output(site, post, monkeypatch, capsys)
    assert code == ExitCode.FAILED
    archive = [url for _m, url in site.requests[asked:] if "archive" in url.split("/")[2]]
    shown["archive requests"] = unquote(" ".join(archive))
    assert len(shown) == 3 + len(FORMATS.split(","))
    assert any(line.startswith("::") for line in shown["terminal"].splitlines())  # annotations
    for name, text in shown.items():
        assert _leaks(text) == [], name
    report = json.loads(shown["report.json"])
    citations = [c for post in report["documents"] for c in post["citations"]]
    assert len(citations) == len(CITED) + 1  # every cited URL reached the report, none dropped
    assert sum(c["status"] == "broken" for c in citations) == len(CITED)
    assert "no archive lookup: the URL carries a credential or token" in shown["report.json"]
    (anchored,) = [c for c in citations if c["url"] == ANCHORED]
    assert "notes-REDACTED" in json.dumps(anchored["findings"])
