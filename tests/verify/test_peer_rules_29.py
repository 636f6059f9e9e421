"""Where on a page a date is the page's own (issue 14, session 29).

Some themes mark the article's own metadata box up as an ``<aside>`` beside the lead
(alpin.de: ``<aside class="meta" role="complementary">`` holding the one visible date,
``<time datetime="2022-01-21">21.01.2022 - 13:30</time>``, its source, its topic and share
buttons).  Every ``<aside>`` was taken for a list of other pages, so the article's date was
read nowhere: a right citation got a false ``date-mismatch`` against the page's hidden
``<meta name="Date">``.  A box whose class names the article's metadata is the article's; an
aside of other articles (a teaser, a sidebar) still is not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.verify.metadata import PageMetadata
from checker.verify.page import ParsedPage
from checker.verify.support import own_metadata_box
from tests.e2e.blogger import CitedPost, blogger_page, connect_rules, source_of
from tests.verify import realpages

BLOG = "https://hon-yaku29.blogspot.com"
MAG = "https://www.bergsport-magazin.de"
TITLE = "Leichter Tourenschuh im Test: das Beste aus zwei Welten"
TEXT = (
    "Der neue Tourenschuh verbindet Passform und Kontrolle in der Abfahrt mit einem "
    "geschmeidigen Gehen bergauf. Wir haben ihn auf drei Touren getragen. "
)
SHARE = "".join(
    f'<li><a target="_blank" href="{target}{MAG}/skitouren/51490/tourenschuh.html">{name}</a></li>'
    for target, name in (
        ("https://www.facebook.com/sharer.php?u=", "Facebook"),
        ("https://twitter.com/intent/tweet?url=", "Twitter"),
        ("whatsapp://send?text=", "WhatsApp"),
    )
)


def _article(box: str) -> str:
    """An article of the real page's shape: a hidden ``<meta name="Date">`` of a later day (the
    CMS's last change), the headline, the lead, then ``box`` beside the text."""
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{TITLE} - BERGSPORT</title>
<meta name="Date" content="2022-1-26T14:32:06+02:00">
<meta property="og:title" content="{TITLE}"><meta property="og:site_name" content="BERGSPORT">
</head><body><div class="page-wrap"><main class="page-main"><article class="article">
<div class="banner"><header class="article__header"><h1 class="article__headline">{TITLE}</h1>
</header></div><div class="article__wrap"><div class="article__intro"><p>{TEXT}</p></div>
{box}
<div class="article__body"><p>{TEXT * 6}</p><p>{TEXT * 5}</p></div></div></article></main>
</div></body></html>"""


OWN_BOX = f"""<aside class="meta" role="complementary">
<div class="meta__row meta__row--posted"><p class="meta__content">
<time datetime="2022-01-21" class="meta__label">21.01.2022 - 13:30</time></p></div>
<div class="meta__row meta__row--source"><p class="meta__content"><strong>Quelle:</strong>
Hersteller</p></div>
<div class="meta__row meta__row--topic"><p class="meta__content"><strong>Skitouren</strong> |
<a href="/421/themenarchiv_skitouren.html">300 Artikel</a></p></div>
<div class="meta__row meta__row--social"><ul class="social__share">{SHARE}</ul></div>
</aside>"""

TEASER_BOX = f"""<aside class="teaser" role="complementary"><p>TOP NEWS</p>
<a href="{MAG}/skitouren/51377/lawinenlage.html">Lawinenlage in den Alpen angespannt</a>
<time datetime="2022-01-21">21.01.2022</time></aside>"""

PAGES = {
    "own-box": f"{MAG}/skitouren/51490/tourenschuh.html",
    "teaser-box": f"{MAG}/skitouren/51491/tourenschuh-zwei.html",
}
POSTS = [
    # the day the page's own box shows: a right citation
    CitedPost("own-day", "BERGSPORT", TITLE, None, "January 21, 2022", PAGES["own-box"]),
    # another page's day cited for the same page: still a swap
    CitedPost("other-day", "BERGSPORT", TITLE, None, "March 3, 2022", PAGES["own-box"]),
    # the day only a teaser of another article shows: not the page's
    CitedPost("teaser-day", "BERGSPORT", TITLE, None, "January 21, 2022", PAGES["teaser-box"]),
]


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = Web()
    web.page(PAGES["own-box"], _article(OWN_BOX))
    web.page(PAGES["teaser-box"], _article(TEASER_BOX))
    web.page(f"{BLOG}/search/label/x", blogger_page(BLOG, POSTS))
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=connect_rules(web, site), cacert=site.ca_path, archive="off"
        )
        yield check([f"{BLOG}/search/label/x"], config)


def _codes(report: Report, slug: str) -> set[Code]:
    return {f.code for f in source_of(report, slug).findings}


def test_the_day_an_aside_of_the_articles_own_metadata_shows_is_no_mismatch(
    report: Report,
) -> None:
    checked = source_of(report, "own-day")
    assert checked.citation.cited.date == "January 21, 2022", checked.citation
    assert Code.DATE_MISMATCH not in _codes(report, "own-day"), checked.findings


def test_another_day_cited_for_that_page_is_still_a_mismatch(report: Report) -> None:
    assert Code.DATE_MISMATCH in _codes(report, "other-day"), source_of(report, "other-day")


def test_a_day_only_a_teaser_aside_shows_is_not_the_pages(report: Report) -> None:
    assert Code.DATE_MISMATCH in _codes(report, "teaser-day"), source_of(report, "teaser-day")


@pytest.mark.parametrize(
    ("box", "own"),
    [
        ('<aside class="meta">', True),
        ('<aside class="entry-meta post-info">', True),
        ('<aside id="byline">', True),
        ('<nav class="meta-navigation">', False),  # a site's service menu
        ('<aside class="widget widget_meta">', False),  # WordPress's sidebar of links
        ('<aside class="sidebar meta">', False),
        ('<aside class="metabox">', False),
        ('<aside class="teaser">', False),
        ("<aside>", False),
        ('<footer class="entry-meta">', False),  # not asked: a footer lists no other pages
    ],
)
def test_only_a_box_named_the_articles_metadata_is_its_own(box: str, own: bool) -> None:
    tag = box[1 : box.index(" ")] if " " in box else box[1:-1]
    tree = ParsedPage(f"<html><body>{box}x</{tag}></body></html>").tree
    element = next(tree.iter(tag))
    assert own_metadata_box(element) is own


# --- the calibration's labels (tests/verify/realpages.py) -----------------------------------


def test_a_truth_the_page_writes_in_a_sidebar_is_not_labelled_written_nowhere() -> None:
    """``[debatable]`` says the truth is written nowhere on the page: it is looked for in the
    whole markup, as titles and authors are, not in the checker's pruned copy of the page."""
    html = (
        f"<html><body><article><h1>{TITLE}</h1><p>{TEXT}</p></article>"
        '<aside class="sidebar"><time datetime="2022-01-21">21.01.2022</time></aside>'
        "</body></html>"
    )
    assert realpages.date_on_page("2022-01-21", html)
    assert not realpages.date_on_page("2022-02-21", html)


def test_a_swap_accepted_as_the_pages_modification_day_says_so() -> None:
    shown = "<p>Aktualisiert am 1. Februar 2022</p>"
    html = f"<html><body><article><h1>{TITLE}</h1>{shown}<p>{TEXT}</p></article></body></html>"
    meta = PageMetadata(titles=(TITLE,), dates=("2022-01-24",), modified=("2022-02-01",))
    flagged, reason = realpages.date_flagged("February 1, 2022", meta, html)
    assert not flagged
    assert "modified" in reason, reason
    # the modification stated only in markup no reader sees is no excuse (session 31: the
    # tuning half's gitarrebass.de swap, cited as its hidden article:modified_time)
    hidden = html.replace(shown, "")
    assert realpages.date_flagged("February 1, 2022", meta, hidden)[0]
