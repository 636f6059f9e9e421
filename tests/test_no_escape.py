"""No exception escapes a stage: extraction and verification over real and hostile pages.

The pipeline isolates each page and citation (an escape becomes an ``internal-error`` or
``post-unreadable`` finding, tests/test_pipeline.py), but an isolated crash is still a citation
not checked.  So the pure stage functions themselves must take anything the web hands them:
every page of ``../shared/realpages`` and generated hostile HTML and URLs (bracketed hosts, bad
ports, control characters, lone surrogates, deep nesting, broken entities).  Generated examples
are bounded so the quick part stays well under a minute; the sweep over the 200 real pages is
marked slow (CI runs it with the rest of the suite).

Known escapes owned elsewhere are left out of the generated inputs, not caught here (reported to
the lead with a reproducer): HTML extraction of a page nested 400+ levels deep raises
``RecursionError`` in ``extract/lines.py`` (being made iterative), and ``classify`` raises
``ValueError`` (``UnicodeEncodeError`` for a lone surrogate) on an *answered* fetch whose cited
or final URL does not parse (the fetcher never answers such a URL: it ends as ``invalid-url``).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.extract import extract
from checker.model import FetchResult, Outcome, Page, PageKind
from checker.verify.availability import classify
from checker.verify.metadata import read_metadata
from tests.verify.realpages import Truth, load_pages, tarball_path

PAGE_URL = "https://blog.example.com/2025/02/post.html"
_HOSTILE_HOSTS = (
    "[ccpa-preferences]",
    "[::1",
    "[::ffff:1.2.3.4]",
    "[v1.x]",
    "h:99999",
    "h:-1",
    "h:abc",
    "h:",
    "\x00h",
    "h\ud800",
    "xn--",
    "例え.テスト",
    "user:pass@h",
    "",
)
_SCHEMES = ("http://", "https://", "htps://", "http//", "https:/", "//", "javascript:", "")
_ENTITIES = ("&#xD800;", "&#99999999;", "&am", "&#;", "&#x;", "&nbsp", "&#0;", "&lt", "&#x110000;")
_TAGS = ("div", "p", "a", "article", "main", "blockquote", "span", "table", "td", "li", "b")

_urls = st.builds(
    lambda scheme, host, path: f"{scheme}{host}{path}",
    st.sampled_from(_SCHEMES),
    st.sampled_from(_HOSTILE_HOSTS) | st.text(max_size=12),
    st.sampled_from(("/", "/a?b=1#c", "/\u202eevil", "/%zz", "")) | st.text(max_size=8),
)


@st.composite
def _html(draw: st.DrawFn) -> str:
    """A page of hostile pieces: links and embeds to hostile URLs, broken entities, odd nesting."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        url = draw(_urls).replace('"', "%22")
        kind = draw(st.integers(0, 6))
        if kind == 0:
            parts.append(f'<a href="{url}">{draw(st.sampled_from(_ENTITIES))}</a>')
        elif kind == 1:
            parts.append(f'<blockquote class="twitter-tweet"><p>t</p><a href="{url}">d</a>')
        elif kind == 2:
            parts.append(f'<iframe src="{url}"></iframe><meta property="og:url" content="{url}">')
        elif kind == 3:
            parts.append(f'<link rel="canonical" href="{url}"><base href="{url}">')
        elif kind == 4:
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>" * draw(st.integers(1, 60)))
        elif kind == 5:
            parts.append(draw(st.text(max_size=40)))
        else:
            parts.append(f"■\nTitle {draw(st.sampled_from(_ENTITIES))}\nBy X\n{url}\n")
    return "<html><head><title>T</title></head><body>" + "".join(parts) + "</body></html>"


def _fetchable(url: str) -> bool:
    """Whether the fetcher could answer ``url`` at all (else it ends as ``invalid-url``)."""
    try:
        url.encode("utf-8")
        urlsplit(url).port  # noqa: B018  (the port is checked lazily)
    except ValueError:  # UnicodeEncodeError included: a lone surrogate
        return False
    return True


def _answered(
    url: str, html: str, *, status: int = 200, location: str | None = None
) -> FetchResult:
    headers = {"content-type": "text/html"} if location is None else {"location": location}
    return FetchResult(
        url, Outcome.OK, final_url=url, status_code=status, headers=headers, text=html,
        content_type="text/html",
    )  # fmt: skip


def _every_stage(html: str, url: str) -> None:
    """Extraction in every format, metadata reading and the availability verdict of ``html``."""
    for kind in PageKind:
        extract(Page(url, "hostile", html, kind))
    read_metadata(html, url)
    classify(_answered(url, html), cited_url=url)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=_html())
def test_hostile_html_never_escapes(html: str) -> None:
    _every_stage(html, PAGE_URL)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=_urls, html=_html())
def test_hostile_urls_never_escape(url: str, html: str) -> None:
    for kind in PageKind:  # a page URL that is itself hostile (a feed entry's link)
        extract(Page(url, url, html, kind))
    read_metadata(html, url)
    for outcome in (Outcome.INVALID_URL, Outcome.UNSUPPORTED_SCHEME, Outcome.DNS):
        classify(FetchResult(url, outcome, error="x"), cited_url=url)
    # A source that redirects to a hostile Location, or (parseable) hostile URLs answered.
    classify(_answered(PAGE_URL, html, status=301, location=url), cited_url=PAGE_URL)
    if _fetchable(url):
        classify(_answered(url, html), cited_url=url)


@pytest.mark.parametrize("depth", [10_000])
def test_deep_nesting_never_escapes_metadata_availability_and_text_extraction(depth: int) -> None:
    html = "<div>" * depth + f'<a href="{PAGE_URL}">x</a>' + "</div>" * depth
    for kind in (PageKind.MARKDOWN, PageKind.TEXT):
        extract(Page(PAGE_URL, "deep", html, kind))
    read_metadata(html, PAGE_URL)
    classify(_answered(PAGE_URL, html), cited_url=PAGE_URL)


def _real_pages() -> Iterator[Truth]:
    if not tarball_path().is_file():
        pytest.skip(f"no real pages at {tarball_path()}")
    yield from load_pages()


@pytest.mark.slow  # 200 real pages through every stage: ~45 s of CPU, like the calibration
def test_every_real_page_passes_every_stage() -> None:
    pages = list(_real_pages())
    assert len(pages) >= 100
    for page in pages:
        _every_stage(page.html, page.url)
