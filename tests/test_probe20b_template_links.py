"""A site's templates hold links the build fills in: ``https://twitter.com/{{ site.twitter }}``.

Checking a Hugo or Jekyll site's folder reads its layouts (``layouts/*.html``,
``_layouts/*.html``) as posts, as lychee does.  Their ``href="https://github.com/{{ .Site.Params.
github }}"`` was fetched as written and reported ``broken`` (a 404), and one in the host
(``https://{{ site.domain }}/``) was a ``malformed-url``: false alarms about a URL nobody cites.
A template's placeholder is no URL (no URL holds a brace); it is skipped, saying why, and counted
as such, with no request.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.model import Status
from checker.report.accounting import skip_reason
from checker.verify.availability import unfetched_verdict
from tests.fetch.support import OneAnswerServer, check_post_on, http_answer, one_answer_sites

serve = one_answer_sites


@pytest.mark.parametrize(
    "url",
    [
        "https://twitter.com/{{ site.twitter_username }}",
        "https://github.com/{{ .Site.Params.github }}/repo",
        "https://{{ site.domain }}/feed.xml",
        "https://example.org/{% link about.md %}",
        "https://example.org/{{- .Params.slug -}}",
    ],
)
def test_a_template_placeholder_is_skipped_saying_why(url: str) -> None:
    verdict = unfetched_verdict(url)
    assert verdict is not None
    assert verdict.status is Status.SKIPPED
    assert verdict.findings == ()
    assert verdict.note is not None and "template" in verdict.note


@pytest.mark.parametrize(
    "url", ["https://ok.example/a{b}", "https://ok.example/{{", "https://ok.example/%7B%7Bx%7D%7D"]
)
def test_a_lone_brace_is_no_placeholder(url: str) -> None:
    verdict = unfetched_verdict(url)
    assert verdict is None or verdict.status is not Status.SKIPPED


def test_a_layouts_placeholder_link_is_not_requested(
    tmp_path: Path, serve: list[OneAnswerServer]
) -> None:
    site = OneAnswerServer(http_answer("404 Not Found", "text/html", b"<p>Not found</p>"))
    serve.append(site)
    post = '# Layout\n\n<a href="http://src.example/{{ site.github_username }}">GitHub</a>\n'
    report = check_post_on(site, tmp_path, post)
    (document,) = report.documents
    (checked,) = document.citations
    assert checked.status is Status.SKIPPED
    assert skip_reason(checked) == "template placeholder"
    assert site.requests == 0, site.lines
