"""A Medium export's post (``posts/*.html``): its footer's links ("By [author] on [date]",
"Canonical link", "Exported from Medium") are the post's own information, not sources, and its
``p-canonical`` link is the post's address.  A short post's footer held a large share of its
paragraphs, so it was read as text and its four links cited; the post was named by its file
(probe 31).  Extraction of a local page only: nothing is fetched."""

from __future__ import annotations

from pathlib import Path

from checker.extract import extract
from checker.model import Page, PageKind

CANONICAL = "https://medium.com/@someone/my-post-3c7869fdae53"


def _medium(footer: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=utf-8"><title>My post</title></head><body><article class="h-entry">\n'
        '<header><h1 class="p-name">My post</h1></header>\n'
        '<section data-field="body" class="e-content"><section class="section section--body">'
        '<div class="section-content"><div class="section-inner">\n'
        '<p class="graf graf--p">As <a href="https://src.example/report" '
        'class="markup--anchor markup--p-anchor">the report</a> says.</p>\n'
        "</div></div></section></section>\n"
        f"{footer}</article></body></html>\n"
    )


MEDIUM_FOOTER = (
    '<footer><p>By <a href="https://medium.com/@someone" class="p-author h-card">Some One</a> '
    'on <a href="https://medium.com/p/3c7869fdae53"><time class="dt-published" '
    'datetime="2021-08-24T16:03:26.115Z">August 24, 2021</time></a>.</p>'
    f'<p><a href="{CANONICAL}" class="p-canonical">Canonical link</a></p>'
    '<p>Exported from <a href="https://medium.com">Medium</a> on August 31, 2021.</p></footer>'
)


def _read(tmp_path: Path, html: str) -> tuple[str, list[tuple[str | None, int | None]]]:
    path = tmp_path / "2021-08-24_My-post-3c7869fdae53.html"
    path.write_text(html, encoding="utf-8")
    (document,) = extract(Page(path.as_uri(), str(path), html, PageKind.HTML))
    return document.url, [(c.url, c.line) for c in document.citations]


def test_a_medium_export_s_footer_is_no_source_and_names_the_post(tmp_path: Path) -> None:
    url, cited = _read(tmp_path, _medium(MEDIUM_FOOTER))
    assert url == CANONICAL
    assert cited == [("https://src.example/report", 4)]


def test_a_footer_stating_no_post_property_is_still_read(tmp_path: Path) -> None:
    """The same footer without its microformats: links of the post's text, as before."""
    footer = MEDIUM_FOOTER.replace(' class="p-author h-card"', "").replace(
        ' class="p-canonical"', ""
    )
    footer = footer.replace(' class="dt-published"', "")
    url, cited = _read(tmp_path, _medium(footer))
    assert url.startswith("file://")
    assert [u for u, _line in cited] == [
        "https://src.example/report",
        "https://medium.com/@someone",
        "https://medium.com/p/3c7869fdae53",
        CANONICAL,
        "https://medium.com",
    ]
