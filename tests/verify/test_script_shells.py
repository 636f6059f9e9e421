"""Pages the checker cannot read as the source: script shells and script-only challenges.

A page that shows nothing without JavaScript (an application's empty ``<div id="root">``) or
that is a challenge's script alone is ``blocked`` (SPEC: exists but cannot be verified): read as
the source, its only title is the app's name (a false ``title-mismatch`` on a right citation)
and it states no date (a wrong one passed silently).  The markers protected sites also put into
every real article (Imperva's ``/_Incapsula_Resource`` script) must leave those articles alone:
peer test pages of five US newspapers were all falsely ``blocked`` (issue 14, session 19).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import FetchResult, Outcome, Report, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.verify.availability import classify
from tests.e2e.blogger import CitedPost, article_page, blogger_page, connect_rules, source_of

URL = "https://www.example-news.com/article/2020.vehicle.technology.report"
BLOG = "https://shell-test.blogspot.com"
TITLE = "The 2020 Vehicle Technology Report"

REACT_SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="title" content="Knowledge for engineers | Example"/>'
    '<link href="/static/css/main.css" rel="stylesheet"></head><body>'
    "<noscript>You need to enable JavaScript to run this app.</noscript>"
    '<div id="root"></div><div id="modal-root"></div>'
    '<script src="/static/js/main.6e30f8c8.js"></script></body></html>'
)
VUE_SHELL = (
    "<!DOCTYPE html><html><head><title>blog-frontend</title>"
    "<script>window.dataLayer=[];</script></head><body><noscript><strong>We're sorry but "
    "blog-frontend doesn't work properly without JavaScript enabled.</strong></noscript>"
    '<div id="app"></div><script src="/js/app.js"></script></body></html>'
)
REBLAZE = (
    "<html><head><meta charset='utf-8'><script>function i700(){}"
    + "i700.F20=function(){return 1;};" * 200
    + ';window.rbzns={bereshit: "1", seed: "iGk28c", storage:"3"};winsocks();'
    "</script></head><body></body></html>"
)
INCAPSULA_WALL = (
    '<html>\n<head>\n<META NAME="robots" CONTENT="noindex,nofollow">\n'
    '<script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891">\n</script>\n'
    "<body>\n</body></html>"
)
PARAGRAPH = "<p>The council voted on Monday to close the old bridge to lorries for good.</p>"
INCAPSULA_ARTICLE = (
    f"<html><head><title>{TITLE} - News</title></head><body><article><h1>{TITLE}</h1>"
    + PARAGRAPH * 40
    + '</article><script async src="/_Incapsula_Resource?SWJIYLWA=719d&ns=1&cb=1"></script>'
    "</body></html>"
)
SHELL_WITH_HEAD = REACT_SHELL.replace(
    "<head>", f'<head><meta property="og:title" content="{TITLE}">'
)
NO_SCRIPT_STUB = "<!DOCTYPE html><html><head></head><body>Test</body></html>"


def _classify(text: str) -> tuple[Status, bool]:
    result = FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=text)
    verdict = classify(result, cited_url=URL)
    return verdict.status, verdict.page_ok


@pytest.mark.parametrize(
    "text",
    [REACT_SHELL, VUE_SHELL, REBLAZE, INCAPSULA_WALL],
    ids=["react-shell", "vue-shell", "reblaze", "incapsula-wall"],
)
def test_pages_that_show_nothing_without_scripts_are_blocked(text: str) -> None:
    assert _classify(text) == (Status.BLOCKED, False)


@pytest.mark.parametrize(
    "text",
    [INCAPSULA_ARTICLE, SHELL_WITH_HEAD, NO_SCRIPT_STUB],
    ids=["incapsula-article", "shell-with-og-title", "stub-without-scripts"],
)
def test_pages_with_something_to_read_are_read(text: str) -> None:
    assert _classify(text) == (Status.OK, True)


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = Web()
    base = "https://www.example-news.com"
    posts = [
        CitedPost("shell", "Example News", TITLE, None, "February 20, 2020", f"{base}/a/shell"),
        CitedPost("wrong", "Example News", "Another Title", None, "May 1, 2011", f"{base}/a/wrong"),
        CitedPost("kept", "Example News", TITLE, None, None, f"{base}/a/kept"),
    ]
    web.page(f"{BLOG}/search/label/test", blogger_page(BLOG, posts))
    web.page(f"{base}/", article_page("Example News — Home", site="Example News"))
    web.page(f"{base}/a/shell", REACT_SHELL)
    web.page(f"{base}/a/wrong", REACT_SHELL)
    web.page(f"{base}/a/kept", INCAPSULA_ARTICLE)
    with SampleWeb(web) as site:
        config = Config().with_(connect_to=connect_rules(web, site), cacert=site.ca_path, retries=0)
        yield check([f"{BLOG}/search/label/test"], config)


def test_a_shell_is_blocked_not_a_title_mismatch(report: Report) -> None:
    """A right citation of a shell: a warning that it cannot be verified, not an error."""
    source = source_of(report, "shell")
    assert source.status is Status.BLOCKED
    assert {f.code for f in source.findings} == {Code.BLOCKED}


def test_a_wrong_citation_of_a_shell_does_not_pass(report: Report) -> None:
    source = source_of(report, "wrong")
    assert source.status is Status.BLOCKED
    assert Code.BLOCKED in {f.code for f in source.findings}


def test_an_article_with_a_protection_script_is_checked(report: Report) -> None:
    source = source_of(report, "kept")
    assert source.status is Status.OK
    assert not source.findings
