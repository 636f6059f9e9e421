"""The pipeline's own promises: checking overlaps discovery; reports keep discovery order; every
input, post and citation is accounted for; one bad page or citation never loses the run."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker import executor, pipeline, run
from checker.config import Config, ConnectTo
from checker.executor import Compact, _Bodies, text_key
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    Cited,
    Document,
    Observed,
    Page,
    Report,
    Status,
)
from checker.patterns import UrlFilter
from checker.pipeline import CrashLog, check
from checker.report.accounting import accounting
from checker.sampleweb import Response, SampleWeb, Web
from tests.e2e.blogger import CitedPost, article_page, blogger_page
from tests.fixtureweb.big_blog import big_blog

HOST = "overlap.blogspot.com"
ARTICLES = "articles.example.com"


def test_sources_are_checked_while_discovery_goes_on() -> None:
    web = Web()
    blog = big_blog(
        web,
        host=HOST,
        posts=200,
        articles_host=ARTICLES,
        feeds=False,
        sitemap=False,
        disallow_search=False,
    )
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            archive="off",
        )
        report = check([blog.home], config)
        log = [url for _, url in site.requests]
    listings = [i for i, url in enumerate(log) if HOST in url and "updated-max" in url]
    sources = [i for i, url in enumerate(log) if ARTICLES in url]
    assert len(listings) >= 5  # the pager route, page after page
    assert sources[0] < listings[-1], "no source was checked before discovery ended"
    assert [d.document.url for d in report.documents] == list(blog.post_urls)


class _Dropped:
    """Stands for the fetcher: records which texts it was told to let go."""

    def __init__(self) -> None:
        self.dropped: list[str] = []

    def drop_text(self, url: str) -> None:
        self.dropped.append(url)


class _RunOf:
    """Stands for the run: only its fetcher is used."""

    def __init__(self, fetcher: _Dropped) -> None:
        self.fetcher = fetcher


def _post(url: str, *cited: tuple[str, CitationKind]) -> Document:
    citations = tuple(Citation(kind, u, Cited()) for u, kind in cited)
    return Document(url, "post", None, None, citations)


def test_a_text_is_let_go_only_when_discovery_is_over_and_its_last_reader_is_served() -> None:
    fetcher = _Dropped()
    bodies = _Bodies(_RunOf(fetcher))  # type: ignore[arg-type]
    first = _post("https://blog/1", ("https://a.com/x", CitationKind.SOURCE))
    for citation in first.citations:
        bodies.expect(text_key(citation))
    bodies.served(text_key(first.citations[0]))
    assert fetcher.dropped == []  # a post found later may still cite a.com/x
    second = _post(
        "https://blog/2",
        ("https://a.com/x#part", CitationKind.QUOTE),
        ("https://b.com/y", CitationKind.LINK),
        ("https://x.com/u/status/1", CitationKind.EMBED),
    )
    for citation in second.citations:
        bodies.expect(text_key(citation))
    bodies.served(text_key(second.citations[1]))
    bodies.discovery_done()
    assert fetcher.dropped == ["https://b.com/y"]
    bodies.served(text_key(second.citations[0]))
    bodies.served(text_key(second.citations[2]))
    assert fetcher.dropped == ["https://b.com/y", "https://a.com/x"]


# --- accounting and isolation (issue 12) ---------------------------------------------------------

BLOG = "https://acct-blog.blogspot.com"
NEWS = "https://www.acct-news.com"
TITLE = "Ministers Agree on a Plan for the Harbour"
LABEL = f"{BLOG}/search/label/x"


def _cited(slug: str, url: str | None = None) -> CitedPost:
    return CitedPost(slug, "Acct News", TITLE, None, None, url or f"{NEWS}/{slug}")


def _news_web(posts: list[CitedPost]) -> Web:
    web = Web()
    web.page(LABEL, blogger_page(BLOG, posts))
    for post in posts:
        web.page(f"{BLOG}/2025/02/{post.slug}.html", blogger_page(BLOG, [post]))
        if post.url:
            web.page(post.url, article_page(TITLE, site="Acct News"))
    return web


def _check(web: Web, inputs: list[str], **settings: Any) -> Report:
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            archive="off",
            store=None,
            **settings,
        )
        return check(inputs, config)


def _codes(report: Report) -> list[tuple[str | None, Code]]:
    return [(p.subject, p.finding.code) for p in report.problems]


def test_a_bracketed_host_in_a_sources_navigation_loses_nothing() -> None:
    # A real news page's menu holds this link; urljoin raised ValueError in metadata reading and
    # the whole run died with a traceback and no report.
    web = _news_web([_cited("a")])
    page = article_page(TITLE, site="Acct News").replace(
        "<header>", '<header><nav><a href="http://[ccpa-preferences]">Do not sell</a></nav>'
    )
    web.page(f"{NEWS}/a", page)
    report = _check(web, [LABEL])
    [checked] = report.documents[0].citations
    assert checked.status is Status.OK, checked
    assert checked.findings == ()


def test_a_crash_verifying_one_citation_is_a_finding_on_it_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = run.verify_citation

    async def flaky(citation: Citation, *args: Any, **kwargs: Any) -> CheckedCitation:
        if citation.url == f"{NEWS}/bad":
            raise ValueError("'ccpa-preferences' does not appear to be an IPv4 or IPv6 address")
        return await real(citation, *args, **kwargs)

    monkeypatch.setattr(run, "verify_citation", flaky)
    report = _check(_news_web([_cited("good"), _cited("bad")]), [LABEL])
    verdicts = {c.citation.url: c for d in report.documents for c in d.citations}
    assert verdicts[f"{NEWS}/good"].status is Status.OK
    bad = verdicts[f"{NEWS}/bad"]
    assert bad.status is Status.SKIPPED
    assert bad.note == "not checked: internal error (ValueError)"
    [finding] = bad.findings
    assert finding.code is Code.INTERNAL_ERROR
    assert "ValueError: 'ccpa-preferences' does not appear" in finding.message
    log = Path(finding.message.split("traceback in ", 1)[1].split(")", 1)[0])
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "flaky" in log.read_text(encoding="utf-8")
    assert report.problems == ()  # one citation was checked: the run accounts for itself


def test_a_crash_extracting_one_page_makes_it_unreadable_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = run.extract
    bad_page = f"{BLOG}/2025/02/bad.html"

    def flaky(page: Page, memo: Any = None, **options: bool) -> tuple[Document, ...]:
        if page.url == bad_page:
            raise RecursionError("maximum recursion depth exceeded")
        return real(page, memo, **options)

    monkeypatch.setattr(run, "extract", flaky)
    web = _news_web([_cited("good"), _cited("bad")])
    report = _check(web, [f"{BLOG}/2025/02/good.html", bad_page])
    assert [d.document.url for d in report.documents] == [f"{BLOG}/2025/02/good.html"]
    assert _codes(report) == [
        (bad_page, Code.NOTHING_CHECKED),  # that input yielded no post ...
        (bad_page, Code.POST_UNREADABLE),  # ... because its page could not be read
    ]
    unreadable = next(p for p in report.problems if p.finding.code is Code.POST_UNREADABLE)
    assert "RecursionError: maximum recursion depth exceeded (traceback in " in (
        unreadable.finding.message
    )


def test_an_input_that_yields_no_post_fails() -> None:
    web = _news_web([_cited("a")])
    empty_feed = (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Empty</title><id>tag:x</id><updated>2025-01-01T00:00:00Z</updated></feed>"
    )
    feed = f"{BLOG}/feeds/posts/default/-/nothing"
    web.add(feed, Response(200, (("Content-Type", "application/atom+xml"),), empty_feed.encode()))
    report = _check(web, [LABEL, feed])
    assert len(report.documents) == 1
    assert _codes(report) == [(feed, Code.NOTHING_CHECKED)]
    assert "yielded no post" in report.problems[0].finding.message


def test_a_run_that_checks_no_citation_fails() -> None:
    web = _news_web([_cited("a"), _cited("b")])
    report = _check(web, [LABEL], exclude=("acct-news",))
    assert [c.status for d in report.documents for c in d.citations] == [Status.SKIPPED] * 2
    assert _codes(report) == [(None, Code.NOTHING_CHECKED)]
    assert "all 2 citation(s) found were skipped" in report.problems[0].finding.message


def test_a_post_discovery_found_but_could_not_read_fails() -> None:
    posts = [_cited("a"), _cited("b")]
    web = _news_web(posts)
    sitemap = f"{BLOG}/sitemap.xml"
    urls = "".join(f"<url><loc>{BLOG}/2025/02/{p.slug}.html</loc></url>" for p in posts)
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    web.add(sitemap, Response(200, (("Content-Type", "application/xml"),), xml.encode()))
    web.add(f"{BLOG}/2025/02/b.html", Response(503))
    report = _check(web, [sitemap])
    assert [d.document.url for d in report.documents] == [f"{BLOG}/2025/02/a.html"]
    assert _codes(report) == [(f"{BLOG}/2025/02/b.html", Code.POST_UNREADABLE)]


def test_the_same_post_from_two_inputs_is_checked_and_reported_once() -> None:
    web = _news_web([_cited("a"), _cited("b")])
    own = f"{BLOG}/2025/02/a.html"
    report = _check(web, [LABEL, own])
    urls = [d.document.url for d in report.documents]
    assert urls == [own, f"{BLOG}/2025/02/b.html"]
    assert report.documents[0].document.also_from == (own,)  # the input that found it again
    assert report.documents[1].document.also_from == ()
    assert len(report.findings()) == 0
    assert report.problems == ()  # the second input did yield its post, checked once


def test_crash_log_falls_back_and_redacts(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    log = CrashLog([blocked / "sub", tmp_path / "ok"])
    try:
        raise RuntimeError("fetching https://user:secret@h.example/x?token=abc")
    except RuntimeError as exc:
        path = log.record(exc, "testing")
    assert path is not None and path.parent == tmp_path / "ok"
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "secret" not in text and "abc" not in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_post_past_the_citation_cap_is_reported_and_accounted_for(tmp_path: Path) -> None:
    urls = [f"{NEWS}/{slug}" for slug in "abcde"]
    web = Web()
    for url in urls:
        web.page(url, article_page(TITLE, site="Acct News"))
    post = tmp_path / "links.txt"
    post.write_text("Links\n" + "\n".join(urls) + "\n", encoding="utf-8")
    report = _check(web, [str(post)], max_citations_per_post=3)
    [document] = report.documents
    assert [c.citation.url for c in document.citations] == urls[:3]
    [problem] = report.problems
    assert problem.finding.code is Code.CITATIONS_CAPPED
    assert problem.subject == document.document.url
    assert "2 more links past the cap were not checked" in problem.finding.message
    counts = accounting(report)
    assert (counts["citations"], counts["checked"], counts["not_checked"]) == (5, 3, 2)
    assert counts["not_checked_reasons"] == {"cap": 2}


def test_the_cap_said_is_the_runs_setting_not_the_citations_built(tmp_path: Path) -> None:
    """Repeats of one link merge into one citation while the cap counts the links read: a post
    repeating one URL past the cap was said over "max_citations_per_post (1)" (probe 25b).
    Markdown, whose repeats past a bound take slots again (probe 26b; plain text's take none)."""
    url, last = f"{NEWS}/a", f"{NEWS}/b"
    web = Web()
    web.page(url, article_page(TITLE, site="Acct News"))
    post = tmp_path / "links.md"
    post.write_text("Links\n" + f"{url}\n" * 5_000 + f"{last}\n", encoding="utf-8")
    report = _check(web, [str(post)], max_citations_per_post=3)
    [problem] = report.problems
    assert problem.finding.code is Code.CITATIONS_CAPPED
    assert "cites more than max_citations_per_post (3):" in problem.finding.message


def test_observations_of_a_status_code_alone_are_one_value() -> None:
    compact = Compact()
    link = Citation(CitationKind.LINK, "https://example.com/a", Cited())
    first, second = (
        compact.verdict(CheckedCitation(link, Status.OK, observed=Observed(status_code=200)))
        for _ in range(2)
    )
    assert first.observed is second.observed
    titled = Observed(status_code=200, title="A title")
    kept = compact.verdict(CheckedCitation(link, Status.OK, observed=titled))
    assert kept.observed is titled  # what the page showed is its own


def test_the_report_is_never_turned_into_text_on_the_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """asyncio's exit once built the repr of the main task's result, the whole run as text
    (issue 19: the peak at 20,000 URLs); the report must leave the loop without one."""
    reprs: list[int] = []
    original = Report.__repr__

    def counted(self: Report) -> str:
        reprs.append(1)
        return original(self)

    monkeypatch.setattr(Report, "__repr__", counted)
    post = tmp_path / "links.txt"
    post.write_text("No links here.\n", encoding="utf-8")
    report = check([str(post)], Config().with_(archive="off", report_dir=tmp_path))
    assert report.problems  # the run did end with its report (nothing checked)
    assert reprs == []


def test_per_host_counts_are_kept_only_for_a_progress_display(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nobody reads them without one: a URL parse per citation, twice (issue 19, warm runs)."""
    parsed: list[str | None] = []
    real = pipeline._host

    def counted(url: str | None) -> str:
        parsed.append(url)
        return real(url)

    monkeypatch.setattr(pipeline, "_host", counted)
    post = _post("https://blog/1", ("https://a.com/x", CitationKind.LINK))
    verdict = CheckedCitation(post.citations[0], Status.OK)
    events: list[Any] = []
    for progress in (None, events.append):
        tracker = pipeline._Tracker(UrlFilter.from_config(Config()), progress)
        tracker.add(post)
        tracker.done(post, verdict)
        tracker.close()
    assert parsed == ["https://a.com/x"] * 2  # the display's tracker only
    assert len(events) == 2


def test_a_quiet_display_hears_no_event_and_costs_no_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """``citecheck -q``'s display shows nothing: the run builds no event and keeps no per-host
    count for it (issue 19, CPU per URL); a display that shows them hears every verdict."""
    from checker.report.progress import TerminalProgress  # noqa: PLC0415

    parsed: list[str | None] = []
    real = pipeline._host

    def counted(url: str | None) -> str:
        parsed.append(url)
        return real(url)

    monkeypatch.setattr(pipeline, "_host", counted)
    heard: list[Any] = []

    class Display(TerminalProgress):
        def __call__(self, event: Any) -> None:
            heard.append(event)

    web = _news_web([_cited("quiet-1"), _cited("quiet-2")])
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            archive="off",
            store=None,
        )
        quiet = check([LABEL], config, progress=Display(quiet=True))
        assert heard == [] and parsed == []
        shown = check([LABEL], config, progress=Display(quiet=False, stream=io.StringIO()))
    assert heard and parsed
    assert [d.citations for d in quiet.documents] == [d.citations for d in shown.documents]


def test_each_citations_text_key_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page a job reads is named once, when it is submitted, not again as it starts and as
    it is served (four times a citation: ~7 ms of a 2,000-URL run, issue 19)."""
    made: list[str | None] = []

    def counted(citation: Citation) -> str | None:
        made.append(citation.url)
        return text_key(citation)

    monkeypatch.setattr(executor, "text_key", counted)
    report = _check(_news_web([_cited("one"), _cited("two"), _cited("three")]), [LABEL])
    checked = [c.citation.url for d in report.documents for c in d.citations]
    assert len(checked) == 3
    assert Counter(made) == Counter(checked)
