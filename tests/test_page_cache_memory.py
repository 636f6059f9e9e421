"""The in-run cache lets a crawl's post pages go once their posts are taken (issue 19: memory).

A crawl kept every post page it read packed in the fetcher's cache to the end of discovery, in
case a later post cited it: ~23 KB a post on a real blog, 38 MB at 1,247 posts.  Released texts
(``HttpFetcher.release_text``) now stay only while they are the latest ``_SPARE_BYTES``; an
older one is asked again by the rare later citation of it, and that request is counted.  What
is measured is the heap a fetcher retains and the requests a server saw, never a time.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import string
import tracemalloc
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, client
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response

HOST = "blog.fixture-mem25b.example"
_PAGES = 48


def _page(number: int) -> str:
    """~40 KB of random letters: a page zlib packs to ~25 KB, not to nothing."""
    draw = random.Random(number)
    words = " ".join("".join(draw.choices(string.ascii_lowercase, k=7)) for _ in range(5_000))
    return f"<title>Post {number}</title><article><h1>Post {number}</h1><p>{words}</p></article>"


def _web(pages: int) -> Web:
    web = Web()
    for i in range(pages):
        web.page(f"https://{HOST}/post/{i}/", _page(i))
    return web


def _config(site: SampleWeb) -> Config:
    rules = tuple(ConnectTo.parse(rule) for rule in site.connect_to())
    return Config().with_(connect_to=rules, cacert=site.ca_path, retries=0, timeout=5.0)


def test_released_texts_are_kept_only_up_to_the_spare_bound_and_asked_again_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bound = 64 * 1024
    monkeypatch.setattr(client, "_SPARE_BYTES", bound)
    urls = [f"https://{HOST}/post/{i}/" for i in range(_PAGES)]
    with SampleWeb(_web(_PAGES)) as site:

        async def read_all() -> tuple[int, int, str, str]:
            async with HttpFetcher(_config(site), version="test") as fetcher:
                await fetcher.get(urls[0])  # what a first request loads is not counted below
                fetcher.release_text(urls[0])
                gc.collect()
                tracemalloc.start()
                try:
                    before = tracemalloc.get_traced_memory()[0]
                    for url in urls[1:]:
                        await fetcher.get(url)
                        fetcher.release_text(url)
                    gc.collect()
                    retained = tracemalloc.get_traced_memory()[0] - before
                finally:
                    tracemalloc.stop()
                first = (await fetcher.get(urls[0])).text or ""  # let go: asked again
                last = (await fetcher.get(urls[-1])).text or ""  # still kept: not asked
                return retained, fetcher.refetched, first, last

        retained, refetched, first, last = asyncio.run(read_all())
        packed = sum(len(client.zlib.compress(_page(i).encode(), 1)) for i in range(_PAGES))
        # every page kept packed would be ``packed`` (~1.2 MB); the bound keeps ~64 KB of them
        assert retained < packed // 3, f"{retained} bytes retained; all packed: {packed}"
        assert (site.count(urls[0]), site.count(urls[-1])) == (2, 1)
    assert refetched == 1
    assert _page(0) in first and _page(_PAGES - 1) in last


def test_a_crawl_whose_later_post_cites_a_page_let_go_still_checks_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last post cites the first, whose text the cache let go long before: the citation
    is checked all the same (one request more for it), and every post is in the report."""
    monkeypatch.setattr(client, "_SPARE_BYTES", 16 * 1024)
    monkeypatch.chdir(tmp_path)
    web = _web(_PAGES - 1)
    first = f"https://{HOST}/post/0/"
    last = f"https://{HOST}/post/{_PAGES - 1}/"
    web.page(last, f"<title>Last</title><article><p>As <a href='{first}'>the first</a>.</p>")
    urls = "".join(f"<url><loc>https://{HOST}/post/{i}/</loc></url>" for i in range(_PAGES))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    xml = (("Content-Type", "application/xml"),)
    web.add(f"https://{HOST}/sitemap.xml", Response(200, xml, sitemap.encode()))
    reports = tmp_path / "reports"
    with SampleWeb(web) as site:
        argv = ["check", f"https://{HOST}/sitemap.xml", "--no-store", "--processes", "1"]
        argv += ["--report-dir", str(reports), "--format", "json", "--archive", "off", "-q"]
        argv += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        assert main(argv) == ExitCode.OK
        asked = site.count(first)
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert len(report["documents"]) == _PAGES
    (cited,) = [c for d in report["documents"] for c in d["citations"] if c["url"] == first]
    assert cited["status"] == "ok"
    assert asked == 2  # read for its posts, then asked again for the citation


class _Released:
    """Stands for the fetcher: records the texts released to it."""

    def __init__(self) -> None:
        self.released: list[str] = []

    def release_text(self, url: str) -> None:
        self.released.append(url)


class _RunOf:
    def __init__(self, fetcher: _Released) -> None:
        self.fetcher = fetcher


def test_a_page_a_citation_waits_for_is_not_released() -> None:
    """A post page some citation already submitted will read stays (that citation's reader
    lets it go, ``drop_text``); one no citation named is released once its posts are taken."""
    from checker.executor import _Bodies, text_key  # noqa: PLC0415
    from checker.model import Citation, CitationKind, Cited  # noqa: PLC0415

    fetcher = _Released()
    bodies = _Bodies(_RunOf(fetcher))  # type: ignore[arg-type]
    cited = f"https://{HOST}/post/2/"
    bodies.expect(text_key(Citation(CitationKind.LINK, cited + "#part", Cited())))
    bodies.page_taken(f"https://{HOST}/post/1/")
    bodies.page_taken(cited)
    assert fetcher.released == [f"https://{HOST}/post/1/"]


def test_the_executors_that_read_the_drivers_fetcher_release_its_pages() -> None:
    """The driver's checks read the fetcher that read the pages, with one process or several
    (``--processes auto`` is a ProcessExecutor over the driver's LocalExecutor): both must
    release, or a default run keeps every post page to the end of discovery again."""
    from checker.executor import LocalExecutor  # noqa: PLC0415
    from checker.pipeline import ReleasesPages  # noqa: PLC0415
    from checker.processes import ProcessExecutor  # noqa: PLC0415

    assert issubclass(LocalExecutor, ReleasesPages)
    assert issubclass(ProcessExecutor, ReleasesPages)
