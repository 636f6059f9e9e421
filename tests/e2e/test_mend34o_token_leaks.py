"""A prefixed credential inside a part of a cited URL is shown in no output; a slug that only
starts like one is shown as written and its archive copy found (session 34's review of
lead33's redaction).

A token was caught only as a whole path segment, a whole fragment or a whole ``name=value``
value: ``?ghp_…``, ``/ghp_….txt``, ``?q=Bearer+ghp_…``, ``#/settings/ghp_…`` and an unparsable
``https://[bad/ghp_…`` were printed whole in every format.  And any slug made of a prefix and 16
base64url characters (``/pypi-trusted-publishing-explained``) counted as a token: shown
``…/REDACTED``, its dead page given no archive lookup.  Through ``citecheck check`` against the
fixture web (real HTTP/TLS on loopback, archive.org included), every format and the GitHub
annotations and step summary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.cli import ExitCode
from checker.redact import REDACTED
from checker.sampleweb import SampleWeb, Web
from tests.e2e.cited_outputs import FORMATS, cited_post, every_output
from tests.fixtureweb.archive_web import Capture, add_wayback

HOST = "https://news.fixture-mend34o-tokens.example"
TOKEN = "ghp_" + "Qw3rTy7uIo" * 3 + "Pa5sDf"
CITED = [
    f"{HOST}/x?{TOKEN}",
    f"{HOST}/x?a=1&{TOKEN}",
    f"{HOST}/x#/settings/{TOKEN}",
    f"{HOST}/{TOKEN}.txt",
    f"{HOST}/p;{TOKEN}",
    f"{HOST}/token:{TOKEN}",
    f"{HOST}/x?q=Bearer+{TOKEN}",
    f"{HOST}/x?a=%20{TOKEN}",
    f"{HOST}/x?q=x,{TOKEN}",
    f"{HOST}/x?url=https%3A%2F%2Fx.example%2Fp%3F{TOKEN}",
    f"https://[bad/{TOKEN}",
]
# a fragment is cut from the cited URL, kept as the citation's fragment to look for: its
# missing-anchor finding names it (``#/settings/…`` above is an application's route, not looked
# for: no output showed it, so that case proved nothing; session 34's review)
ANCHORED = f"{HOST}/page"
FRAGMENT = f"notes-{TOKEN}"
SLUG = f"{HOST}/2024/pypi-trusted-publishing-explained"


def _web() -> Web:
    web = Web()
    capture = Capture("20240301000000", "<title>Trusted publishing, explained</title><p>Kept.</p>")
    add_wayback(web, {SLUG: [capture]})
    web.page(f"{HOST}/", "<title>News</title><p>The front page.</p>")
    web.page(ANCHORED, '<title>A page</title><h2 id="intro">Intro</h2><p>The page.</p>')
    return web  # every cited page of HOST answers 404


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


def test_no_output_shows_a_token_inside_a_cited_url_and_a_slug_is_kept(
    site: SampleWeb,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    post = cited_post(
        tmp_path / "post.html",
        CITED,
        f'<p>And <a href="{SLUG}">the explainer</a>.</p>'
        f'<p>See <a href="{ANCHORED}#{FRAGMENT}">its notes</a>.</p>',
    )
    code, shown = every_output(site, post, monkeypatch, capsys)
    assert code == ExitCode.FAILED
    assert len(shown) == 2 + len(FORMATS.split(","))
    assert any(line.startswith("::") for line in shown["terminal"].splitlines())  # annotations
    for name, text in shown.items():
        assert TOKEN[4:20] not in text, name
    report = json.loads(shown["report.json"])
    citations = [c for post in report["documents"] for c in post["citations"]]
    urls = [c["url"] for c in citations]
    assert len(urls) == len(CITED) + 2  # every cited URL reached the report, none dropped
    assert f"{HOST}/x?a=1&REDACTED" in urls
    assert f"{HOST}/x?q=Bearer+REDACTED" in urls
    assert SLUG in urls
    (anchored,) = [c for c in citations if c["url"] == ANCHORED]
    assert f"notes-{REDACTED}" in json.dumps(anchored["findings"])
    (slug,) = [c for c in citations if c["url"] == SLUG]
    assert slug["status"] == "broken"
    assert "web.archive.org/web/20240301000000" in json.dumps(slug)
