"""Probe 19c: pages a script-shell rule must not call ``blocked`` (false alarms).

The rule (``availability._is_script_shell``) is right for a source whose title, author or date
the post cites: an empty ``<div id="root">`` has nothing to compare them with.  It cried wolf on:

- a plain link to a web application (a tool, a dashboard, a game): nothing is compared, the app
  answers 200 and a person can open it, which is all a link checker (lychee, a Wikipedia bot)
  asks; it was a ``blocked`` warning, failing ``--fail-on warning`` on every post linking an app;
- a page whose article is in ``<noscript>`` (what a reader without JavaScript, and citecheck,
  sees): readable, so it is read, not ``blocked``.
"""

from __future__ import annotations

from pathlib import Path

from checker.findings import Code
from checker.model import CheckedCitation, FetchResult, Outcome, Status
from checker.verify.availability import classify
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer, one_answer_sites

URL = "http://src.example/story"
TITLE = "Ukraine's Hardest Winter"

APP_SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Excalidraw</title>'
    '<link href="/static/css/main.css" rel="stylesheet"></head><body>'
    "<noscript>You need to enable JavaScript to run this app.</noscript>"
    '<div id="root"></div><script src="/static/js/main.6e30f8c8.js"></script></body></html>'
)
NOSCRIPT_ARTICLE = (
    f'<html><head><title>{TITLE} | Gazette</title></head><body><div id="root"></div>'
    f"<noscript><article><h1>{TITLE}</h1><p>By John Smith, November 11, 2025.</p>"
    "<p>The council voted on Monday to close the old bridge to lorries for good, after the "
    "engineers found cracks in two of its piers.</p></article></noscript>"
    '<script src="/static/js/main.js"></script></body></html>'
)

_SOURCE_POST = f"""# 冬の記事

本文です。

■

{TITLE}
By John Smith
November 11, 2025
{URL}
"""
_LINK_POST = f"# Post\n\nI drew the diagram with [this app]({URL}).\n"


def _answer(body: str) -> bytes:
    return http_answer("200 OK", "text/html; charset=utf-8", body.encode())


serve = one_answer_sites


def _check(tmp_path: Path, sites: list[OneAnswerServer], body: str, post: str) -> CheckedCitation:
    site = OneAnswerServer(_answer(body))
    sites.append(site)
    (checked,) = check_post_on(site, tmp_path, post).documents[0].citations
    return checked


def test_a_plain_link_to_a_web_app_is_ok(tmp_path: Path, serve: list[OneAnswerServer]) -> None:
    checked = _check(tmp_path, serve, APP_SHELL, _LINK_POST)
    assert checked.status is Status.OK, checked
    assert checked.findings == (), checked.findings


def test_a_source_cited_on_a_shell_is_still_blocked(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    """What held up: a cited title/author/date on an empty shell is not passed silently."""
    checked = _check(tmp_path, serve, APP_SHELL, _SOURCE_POST)
    assert checked.status is Status.BLOCKED, checked
    assert {f.code for f in checked.findings} == {Code.BLOCKED}


def test_an_article_in_noscript_is_read(tmp_path: Path, serve: list[OneAnswerServer]) -> None:
    checked = _check(tmp_path, serve, NOSCRIPT_ARTICLE, _SOURCE_POST)
    assert checked.status is Status.OK, checked
    assert Code.BLOCKED not in {f.code for f in checked.findings}, checked.findings
    assert Code.TITLE_MISMATCH not in {f.code for f in checked.findings}, checked.findings


def test_classify_reads_a_noscript_article() -> None:
    result = FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=NOSCRIPT_ARTICLE)
    assert classify(result, cited_url=URL).status is Status.OK
