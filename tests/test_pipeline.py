"""The pipeline's own promises: checking overlaps discovery; reports keep discovery order."""

from __future__ import annotations

from checker.config import Config, ConnectTo
from checker.model import Citation, CitationKind, Cited, Document
from checker.pipeline import _Bodies, check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.big_blog import big_blog

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
        config = Config(
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


def _post(url: str, *cited: tuple[str, CitationKind]) -> Document:
    citations = tuple(Citation(kind, u, Cited()) for u, kind in cited)
    return Document(url, "post", None, None, citations)


def test_a_text_is_let_go_only_when_discovery_is_over_and_its_last_reader_is_served() -> None:
    fetcher = _Dropped()
    bodies = _Bodies(fetcher)  # type: ignore[arg-type]
    first = _post("https://blog/1", ("https://a.com/x", CitationKind.SOURCE))
    bodies.expect(first)
    bodies.served(first.citations[0])
    assert fetcher.dropped == []  # a post found later may still cite a.com/x
    second = _post(
        "https://blog/2",
        ("https://a.com/x#part", CitationKind.QUOTE),
        ("https://b.com/y", CitationKind.LINK),
        ("https://x.com/u/status/1", CitationKind.EMBED),
    )
    bodies.expect(second)
    bodies.served(second.citations[1])
    bodies.discovery_done()
    assert fetcher.dropped == ["https://b.com/y"]
    bodies.served(second.citations[0])
    bodies.served(second.citations[2])
    assert fetcher.dropped == ["https://b.com/y", "https://a.com/x"]
