"""Probe of session 28's new verdict rules as a hostile page and as an honest blog (probe 28s).

Each case is a post citing one source (title, author, date, URL after ``■``), checked by the
real CLI (``python -m checker check``, a child process) against the sample web (real HTTP and
TLS servers on 127.0.0.1, the test CA, ``--connect-to``):

- Dead pages the new excuses let pass as ``ok``: an error page whose title and heading ask
  "Page not found?" (the question rule), a dead Drupal node ``?q=node/4411`` and a search URL
  whose page says "Page not found" (the search rule), a GIF placeholder served for a cited PDF
  (the file-signature rule).
- A ``blocked`` wall verdict must say that the source could not be verified.
- A live tutorial whose headline states the newly read Polish message and goes on ("Strona nie
  została znaleziona – jak naprawić błąd 404") was ``soft-404``; a long dead page whose heading
  is the message alone still is.
- A long page (forty teasers) saying only "Oops!" over a bare "404" passed as ``ok``: a status
  is a section's name only when named as a page ("404 Page").
- Japanese headlines that quote the message to write about it ("「URLは存在しません」と表示
  される原因", "「このページは存在しません」 閉鎖相次ぐ個人サイト") were ``soft-404``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import run_citecheck

TITLE = "Europe's Quiet Rearmament Gathers Pace"
SLUG = "/2025/05/europes-quiet-rearmament-gathers-pace"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _page(title: str, body: str, *, heading: str | None = None, article: bool = False) -> Response:
    meta = '<meta property="og:type" content="article">' if article else ""
    html = (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{meta}</head><body>"
        f"<nav><a href=/>Home</a></nav><main><h1>{heading or title}</h1>{body}</main>"
        "<footer>Example News</footer></body></html>"
    )
    return Response(200, _HTML, html.encode())


def _moved(to: str) -> Response:
    return Response(302, (("Location", to), ("Content-Type", "text/html")), b"moved")


_ASKED_404 = _page("Page not found?", "<p>Sorry.</p><p><a href=/>Home</a></p>")
_DRUPAL_404 = _page(
    "Page not found | Example",
    "<p>The page you requested could not be found.</p>",
    heading="Page not found",
)
_GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 40

ASKED = f"https://asked.example{SLUG}"
ASKED_EVERYWHERE = f"https://asked-everywhere.example{SLUG}"
DRUPAL_NODE = "https://drupal.example/index.php?q=node/4411"
SEARCH_GONE = "https://search-gone.example/search?q=quiet+rearmament"
GIF_FOR_PDF = "https://gif.example/reports/rearmament-2025.pdf"
SUBSCRIBE = f"https://subscribe-all.example{SLUG}"
REGION = f"https://region.example{SLUG}"
PL_TUTORIAL = "https://pl.example/2025/jak-naprawic-blad"
PL_TITLE = "Strona nie została znaleziona – jak naprawić błąd 404"
LONG_DEAD = f"https://long-dead.example{SLUG}"
LONG_OOPS = f"https://long-oops.example{SLUG}"
_JA_TEXT = "<p>" + "ブラウザでこのエラーが出る理由と、その確かめ方を説明します。" * 40 + "</p>"
JA_QUOTED = {
    "https://ja-guide.example/blog/url-error": "「URLは存在しません」と表示される原因",
    "https://ja-news.example/2025/05/closures": "「このページは存在しません」 閉鎖相次ぐ個人サイト",
}
_PL_TEXT = "<p>" + "Błąd pojawia się, gdy serwer nie znajduje strony pod adresem. " * 30 + "</p>"
_TEASERS = "".join(
    f"<p><a href=/a{n}>Story {n} of the week, read it now</a></p>" for n in range(50)
)


def _web() -> Web:
    web = Web()
    web.add(ASKED, _ASKED_404)
    web.fallback("asked-everywhere.example", _ASKED_404)
    web.add(DRUPAL_NODE, _DRUPAL_404)
    web.add(SEARCH_GONE, _DRUPAL_404)
    web.add(GIF_FOR_PDF, Response(200, (("Content-Type", "text/html"),), _GIF))
    web.fallback("subscribe-all.example", _moved("/subscribe"))
    web.add("https://subscribe-all.example/subscribe", _page("Subscribe", "<p>From $1.</p>"))
    web.add(
        REGION,
        _page("Not available in your region", "<p>This content is not available here.</p>"),
    )
    web.add(PL_TUTORIAL, _page(PL_TITLE, _PL_TEXT, article=True))
    for url, title in JA_QUOTED.items():
        web.add(url, _page(title, _JA_TEXT, article=True))
    web.add(
        LONG_DEAD,
        _page("Page not found – Example News", _TEASERS, heading="Page not found", article=True),
    )
    web.add(
        LONG_OOPS,
        _page("Example News", "<p>404</p><p>Nothing here.</p>" + _TEASERS, heading="Oops!"),
    )
    return web


CITED = [
    ASKED,
    ASKED_EVERYWHERE,
    DRUPAL_NODE,
    SEARCH_GONE,
    GIF_FOR_PDF,
    SUBSCRIBE,
    REGION,
    PL_TUTORIAL,
    LONG_DEAD,
    LONG_OOPS,
    *JA_QUOTED,
]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str]]:
    """The report.json citations by URL, and report.md, of one CLI run over every case."""
    folder = tmp_path_factory.mktemp("probe28s")
    posts = folder / "posts"
    posts.mkdir()
    for number, url in enumerate(CITED):
        title = PL_TITLE if url == PL_TUTORIAL else JA_QUOTED.get(url, TITLE)
        source = f"{title}\nBy Jane Doe\nMay 12, 2025\n{url}\n"
        (posts / f"post-{number}.md").write_text(
            f"# Post {number}\n\nText.\n\n■\n\n{source}", encoding="utf-8"
        )
    with SampleWeb(_web()) as site:
        args = ["check", "posts", "--report-dir", "r", "--format", "json,md", "--no-store"]
        args += ["--archive", "off", "--retries", "0", "--timeout", "5"]
        args += ["--cacert", str(site.ca_path)]
        for rule in site.connect_to():
            args += ["--connect-to", rule]
        done = run_citecheck(args, folder)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((folder / "r" / "report.json").read_text(encoding="utf-8"))
    yield _citations(report), (folder / "r" / "report.md").read_text(encoding="utf-8")


def _citations(report: dict[str, Any]) -> dict[str, Any]:
    return {c["url"]: c for d in report["documents"] for c in d["citations"]}


def _codes(citation: dict[str, Any]) -> set[str]:
    return {finding["code"] for finding in citation["findings"]}


_DEAD = {
    "asks-page-not-found": ASKED,
    "asks-page-not-found-for-every-url": ASKED_EVERYWHERE,
    "dead-drupal-node-q": DRUPAL_NODE,
    "search-url-says-page-not-found": SEARCH_GONE,
    "gif-placeholder-for-a-pdf": GIF_FOR_PDF,
    "long-article-page-heading-says-it": LONG_DEAD,
    "long-page-says-only-oops-404": LONG_OOPS,
}


@pytest.mark.parametrize("url", list(_DEAD.values()), ids=list(_DEAD))
def test_a_dead_page_behind_a_new_excuse_is_still_soft_404(
    run: tuple[dict[str, Any], str], url: str
) -> None:
    citation = run[0][url]
    assert citation["status"] == "broken", citation
    assert "soft-404" in _codes(citation)


@pytest.mark.parametrize("url", [SUBSCRIBE, REGION], ids=["redirect-to-wall", "wall-title"])
def test_a_wall_verdict_says_the_source_was_not_verified(
    run: tuple[dict[str, Any], str], url: str
) -> None:
    citation = run[0][url]
    assert citation["status"] == "blocked", citation
    (finding,) = [f for f in citation["findings"] if f["code"] == "blocked"]
    assert "could not be verified" in finding["message"]
    assert f"`blocked`: {finding['message']}" in run[1]


def test_a_tutorial_headlined_with_the_polish_message_is_ok(
    run: tuple[dict[str, Any], str],
) -> None:
    citation = run[0][PL_TUTORIAL]
    assert citation["status"] == "ok", citation
    assert "soft-404" not in _codes(citation)


@pytest.mark.parametrize("url", list(JA_QUOTED), ids=["guide", "news"])
def test_a_headline_quoting_the_japanese_message_is_ok(
    run: tuple[dict[str, Any], str], url: str
) -> None:
    citation = run[0][url]
    assert citation["status"] == "ok", citation
    assert "soft-404" not in _codes(citation)
