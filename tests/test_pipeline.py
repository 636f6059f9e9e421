"""The pipeline's own promises: checking overlaps discovery; reports keep discovery order."""

from __future__ import annotations

from checker.config import Config, ConnectTo
from checker.pipeline import check
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
