"""Tests for reading a page's own metadata: each source of candidates, and what must be dropped."""

from __future__ import annotations

import random
import re
import sys
from itertools import islice

import pytest

from checker.findings import Code
from checker.verify.citation import date_finding
from checker.verify.metadata import (
    _NOTE_WORDS,
    _PUBLISHED_NOTE,
    _PUBLISHED_OPENINGS,
    PageMetadata,
    _fold_as_ignorecase,
    _notes,
    _text_day,
    read_metadata,
)

URL = "https://news.example.com/2025/11/army-drones"

FULL_PAGE = """<!doctype html><html lang="en"><head>
<title>The Army Needs More Drones | Example News</title>
<meta property="og:title" content="The Army Needs More Drones">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Smith and John Doe">
<meta property="article:author" content="https://news.example.com/authors/jane">
<meta property="article:published_time" content="2025-11-11T08:00:00-05:00">
<meta property="article:modified_time" content="2025-11-20T08:00:00-05:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "NewsArticle", "headline": "The Army Needs More Drones — Now",
  "author": [{"@type": "Person", "name": "Robert E. Kelly"}, "Staff"],
  "datePublished": "2025-11-11", "dateModified": "2025-11-21",
  "publisher": {"@type": "Organization", "name": "Example Media Group"}}]}</script>
</head><body><article><h1>The Army Needs More Drones</h1>
<p class="byline">By Mary Major</p><p>Text.</p></article></body></html>"""


def test_reads_every_field_from_a_full_page() -> None:
    meta = read_metadata(FULL_PAGE, URL)
    assert meta.titles[0] == "The Army Needs More Drones"
    assert "The Army Needs More Drones — Now" in meta.titles
    assert {"Jane Smith", "John Doe", "Robert E. Kelly", "Mary Major"} <= set(meta.authors)
    assert meta.dates[0] == "2025-11-11"
    assert "2025-11-20" not in meta.dates and "2025-11-21" not in meta.dates
    assert meta.site_names[0] == "Example News"
    assert "Example Media Group" in meta.site_names


@pytest.mark.parametrize(
    "dropped", ["Staff", "https://news.example.com/authors/jane", "news.example.com/authors/jane"]
)
def test_drops_what_is_not_a_name(dropped: str) -> None:
    assert dropped not in read_metadata(FULL_PAGE, URL).authors


TITLE_PAGES = [
    # (html, a title that must be among the candidates)
    ("<title>Site Name » Why Drones Matter</title>", "Why Drones Matter"),
    ("<title>Why Drones Matter - Site Name</title>", "Why Drones Matter"),
    ("<title>Why Drones Matter · Site</title>", "Why Drones Matter"),
    ('<meta name="twitter:title" content="Twitter Title">', "Twitter Title"),
    ('<meta name="citation_title" content="A Paper">', "A Paper"),
    ('<meta name="DC.title" content="Dublin Core Title">', "Dublin Core Title"),
    ("<body><h1>Only a Heading</h1></body>", "Only a Heading"),
    ('<body><h2 class="entry-title">Entry Title</h2></body>', "Entry Title"),
    (
        '<script type="application/ld+json">[{"@type": "BlogPosting", "name": "LD Name"}]</script>',
        "LD Name",
    ),
    (f'<body><a href="{URL}" title="Listed Title">more</a></body>', "Listed Title"),
]


@pytest.mark.parametrize(("html", "title"), TITLE_PAGES)
def test_title_sources(html: str, title: str) -> None:
    assert title in read_metadata(f"<html><head></head>{html}</html>", URL).titles


def test_the_first_three_content_headings_count_after_sidebars_are_skipped() -> None:
    sidebar = '<div class="sidebar"><h2>Popular One</h2><h2>Popular Two</h2></div>'
    parts = "".join(f"<h2>Part {part}</h2>" for part in "ABCD")
    html = f"<html><body><h1>Main</h1><article>{sidebar}{parts}</article></body></html>"
    assert read_metadata(html, URL).titles == ("Main", "Part A", "Part B", "Part C")


def test_sidebar_headings_are_not_titles() -> None:
    html = '<html><body><h1>Main</h1><div class="sidebar"><h2>Popular Now</h2></div></body></html>'
    assert "Popular Now" not in read_metadata(html, URL).titles


AUTHOR_PAGES = [
    ('<meta name="citation_author" content="Kelly, Robert">', "Robert Kelly"),
    ('<meta name="dc.creator" content="Ana Ruiz">', "Ana Ruiz"),
    ('<body><a rel="author" href="/a/x">Lee Chan</a></body>', "Lee Chan"),
    ("<body><p>Von Max Muster</p></body>", "Max Muster"),
    ('<body><span class="author-name">Ola Nordmann</span></body>', "Ola Nordmann"),
    ('<body><div id="post-author">Kari Nordmann</div></body>', "Kari Nordmann"),
    # a JSON-LD author given only as a reference to a Person node elsewhere in the graph
    (
        '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": '
        '{"@id": "#p1"}}, {"@type": "Person", "@id": "#p1", "name": "Uta Beispiel"}]}</script>',
        "Uta Beispiel",
    ),
    # "By" in one element, the name a link to the writer's profile, generated class names
    (
        '<body><div class="QHbl"><span class="tChG">By</span><span><a class="zZyg"'
        ' href="/about/newsteam/alex-bozarjian">Alex Bozarjian</a></span></div></body>',
        "Alex Bozarjian",
    ),
    ('<body><a href="https://news.example.com/fr/staff/uriel-g/">Uriel G</a></body>', "Uriel G"),
    # a profile URL is the only evidence: the name its slug spells
    (
        '<meta property="article:author" content="https://news.example.com/author/jane-doe/">',
        "jane doe",
    ),
    (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type":'
        ' "Person", "url": "https://news.example.com/autor/max-muster"}}</script>',
        "max muster",
    ),
    ('<body><a href="/authors/ola-nordmann"><img src="ola.jpg"></a></body>', "ola nordmann"),
    # bylines followed by a date or by another role
    ('<body><p class="date-author">Janic Cathomen, 01.12.2021</p></body>', "Janic Cathomen"),
    (
        '<body><p class="postmetadata">Von R. R. am <a href="/x">7. August 2013</a></p></body>',
        "R. R",
    ),
    (
        "<body><p><em>Text von Christian Seiler &nbsp; Illustration von Markus Roost</em></p>"
        "</body>",
        "Christian Seiler",
    ),
]


@pytest.mark.parametrize(("html", "author"), AUTHOR_PAGES)
def test_author_sources(html: str, author: str) -> None:
    assert author in read_metadata(f"<html><head></head>{html}</html>", URL).authors


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://teams.microsoft.com/l/team/19/x" title="Team Chat">Team Chat</a>',
        '<a href="/people/zveiconnects">ZVEIconnects</a>',
        '<nav><a href="/authors/all">Our Writers</a></nav>',
    ],
)
def test_links_that_are_not_bylines(html: str) -> None:
    page = f'<html><head><meta property="og:site_name" content="Site"></head><body>{html}</body>'
    assert read_metadata(page + "</html>", URL).authors == ("Site",)


def test_a_desk_or_the_publisher_is_the_author_when_no_person_is_named() -> None:
    head = '<head><meta property="og:site_name" content="GITARRE &amp; BASS"></head>'
    desk = f'<html>{head}<body><span class="byline author">von Redaktion, </span></body></html>'
    assert read_metadata(desk, URL).authors == ("Redaktion", "GITARRE & BASS")
    person = desk.replace("von Redaktion", "von Ola Nordmann")
    assert read_metadata(person, URL).authors == ("Ola Nordmann",)


def test_a_wire_agency_credited_for_the_story_is_its_author() -> None:
    head = '<head><meta property="og:site_name" content="The Japan Times"></head>'
    credit = f'<html>{head}<body><h1>Masks stolen</h1><p class="credit">JIJI</p></body></html>'
    assert read_metadata(credit, URL).authors == ("JIJI", "The Japan Times")
    joint = credit.replace(">JIJI<", ">AFP-JIJI<")
    assert read_metadata(joint, URL).authors[:2] == ("AFP", "JIJI")
    beside = credit.replace("<h1>", '<p class="byline">By Ana Ruiz</p><h1>')
    beside = beside.replace('class="credit"', 'class="article-source"')
    assert read_metadata(beside, URL).authors == ("Ana Ruiz", "JIJI")


@pytest.mark.parametrize(
    "credit",
    [
        '<figure><img src="a.jpg"><figcaption><span class="credit">REUTERS</span>'
        "</figcaption></figure>",
        '<p class="credit">Photo: AFP</p>',
        '<p class="image-credit">AP</p>',
        '<p class="credit">Jane Doe</p>',  # a person: bylines are read elsewhere
        '<div class="related"><p class="credit">Reuters</p></div>',
    ],
)
def test_credits_that_do_not_name_the_story_s_agency(credit: str) -> None:
    head = '<head><meta property="og:site_name" content="Site"></head>'
    page = f"<html>{head}<body><h1>Story</h1>{credit}</body></html>"
    assert read_metadata(page, URL).authors == ("Site",)


# Issue 14: every place a citation bot or Zotero's translators read a byline from.
MORE_AUTHOR_PAGES = [
    # JSON-LD: an @graph whose article lists its authors as an array of nested Person objects
    (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "x"},'
        ' {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Ana Ruiz"},'
        ' {"@type": "Person", "name": "Lee Chan"}]}]}</script>',
        ("Ana Ruiz", "Lee Chan"),
    ),
    # JSON-LD: a Person given by its parts only, and a creator
    (
        '<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type":'
        ' "Person", "givenName": "Uta", "familyName": "Beispiel"}}</script>',
        ("Uta Beispiel",),
    ),
    (
        '<script type="application/ld+json">{"@type": "Article", "creator": ["Ola Nordmann"]}'
        "</script>",
        ("Ola Nordmann",),
    ),
    # rel is a list of tokens; a <link rel=author> gives a profile URL only
    ('<body><a rel="author external" href="/x">Kari Nordmann</a></body>', ("Kari Nordmann",)),
    ('<link rel="author" href="/author/jane-doe/">', ("jane doe",)),
    # itemprop=author whose name is an attribute
    ('<body><span itemprop="author" content="Max Muster"></span></body>', ("Max Muster",)),
    ('<body><link itemprop="author" href="/autor/max-muster"></body>', ("max muster",)),
    ('<body><span itemprop="creator">Lee Chan</span></body>', ("Lee Chan",)),
    # meta names beyond "author"
    ('<meta name="citation_authors" content="Ruiz, Ana; Chan, Lee">', ("Ana Ruiz", "Lee Chan")),
    ('<meta name="DC:creator" content="Ana Ruiz">', ("Ana Ruiz",)),
    ('<meta name="sailthru.author" content="Ana Ruiz">', ("Ana Ruiz",)),
    ('<meta name="parsely-author" content="Ana Ruiz">', ("Ana Ruiz",)),
    # Yoast's "Written by" label and data pair
    (
        '<meta name="twitter:label1" content="Verfasst von">'
        '<meta name="twitter:data1" content="Ola Nordmann">'
        '<meta name="twitter:label2" content="Geschätzte Lesezeit">'
        '<meta name="twitter:data2" content="3 Minuten">',
        ("Ola Nordmann",),
    ),
    # byline classes and ids
    ('<body><div class="article-by-line">Ana Ruiz</div></body>', ("Ana Ruiz",)),
    ('<body><span class="reporter">Lee Chan</span></body>', ("Lee Chan",)),
    ('<body><p id="byline">Max Muster</p></body>', ("Max Muster",)),
]


@pytest.mark.parametrize(("html", "authors"), MORE_AUTHOR_PAGES)
def test_more_author_sources(html: str, authors: tuple[str, ...]) -> None:
    found = read_metadata(f"<html><head></head>{html}</html>", URL).authors
    assert set(authors) <= set(found), found


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="author" href="humans.txt">',
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="3 minutes">',
        '<meta name="twitter:label1" content="Written by"><meta name="twitter:data2" content="X">',
    ],
)
def test_author_attributes_that_name_nobody(head: str) -> None:
    page = f'<html><head><meta property="og:site_name" content="Site">{head}</head></html>'
    assert read_metadata(page, URL).authors == ("Site",)


def test_bylines_of_comments_and_other_articles_count_only_without_the_articles_own() -> None:
    others = (
        '<ol class="comment-list"><li><span class="comment-author">Jamie Reader</span></li></ol>'
        '<div class="related-posts"><span class="author">Peter Other</span></div>'
    )
    own = '<article><span class="byline">By Ana Ruiz</span></article>'
    page = f"<html><head></head><body>{own}{others}</body></html>"
    assert read_metadata(page, URL).authors == ("Ana Ruiz",)
    # an "about the author" box in a sidebar is the byline of a page that has no other
    box = '<div class="sidebar"><div class="teaser-box author">Johanna Kropfitsch</div></div>'
    alone = f"<html><head></head><body><article><p>Text.</p></article>{box}</body></html>"
    assert read_metadata(alone, URL).authors == ("Johanna Kropfitsch",)


@pytest.mark.parametrize(
    ("script", "author"),
    [
        ("dataLayer.push({'author' : 'Alexander Karper ', 'pageId': '21'});", "Alexander Karper"),
        (
            'window._page = {"cat": "news", "author": "Hinrich Neumann", "id": 7};',
            "Hinrich Neumann",
        ),
        ("window._nymGtmPage.authors = 'Eric Levitz';", "Eric Levitz"),
        ('var s = "{\\"authorName\\":\\"Nicolas C.\\"}";', "Nicolas C."),
    ],
)
def test_an_analytics_data_layer_names_the_author_of_a_page_without_byline(
    script: str, author: str
) -> None:
    head = f'<meta property="og:site_name" content="Site"><script>{script}</script>'
    assert read_metadata(f"<html><head>{head}</head></html>", URL).authors == (author, "Site")


@pytest.mark.parametrize(
    "script",
    [
        "var l10n = {author: 'Please provide your name to comment.'};",
        "var l10n = {author: 'bitte namen angeben'};",
        "var cfg = {author: 'https://e.com/u/1'};",
    ],
)
def test_data_layer_values_that_are_no_names(script: str) -> None:
    head = f'<meta property="og:site_name" content="Site"><script>{script}</script>'
    assert read_metadata(f"<html><head>{head}</head></html>", URL).authors == ("Site",)


def test_a_data_layer_does_not_outvote_a_byline() -> None:
    page = (
        "<html><head><script>dataLayer.push({'author': 'Web Desk User'});</script></head>"
        '<body><p class="byline">By Ana Ruiz</p></body></html>'
    )
    assert read_metadata(page, URL).authors == ("Ana Ruiz",)


def test_a_lone_by_word_is_no_name() -> None:
    page = '<html><body><span class="author">Von</span><span class="author">Lee Chan</span></body>'
    assert read_metadata(page + "</html>", URL).authors == ("Lee Chan",)


@pytest.mark.parametrize(
    ("html", "iso"),
    [
        (
            '<meta property="article:modified_time" content="2024-03-06T23:30:00+01:00">',
            "2024-03-06",
        ),
        ('<meta property="og:updated_time" content="2024-03-06">', "2024-03-06"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2024-03-01", "dateModified": "2024-03-06T10:00Z"}</script>',
            "2024-03-06",
        ),
        (
            '<body><time itemprop="dateModified" datetime="2024-03-06">6 March</time></body>',
            "2024-03-06",
        ),
    ],
)
def test_modified_dates_are_read_apart_from_publication_dates(html: str, iso: str) -> None:
    meta = read_metadata(f"<html><head></head>{html}</html>", URL)
    assert meta.modified == (iso,)


def test_a_modified_date_of_another_node_is_not_the_pages() -> None:
    html = (
        '<script type="application/ld+json">{"@type": "Person", "name": "Ana Ruiz",'
        ' "dateModified": "2024-03-06"}</script>'
    )
    assert read_metadata(f"<html><head>{html}</head></html>", URL).modified == ()


DATE_PAGES = [
    ('<meta name="citation_publication_date" content="2024/03/05">', "2024-03-05"),
    ('<meta name="dc.date" content="2024-03-05">', "2024-03-05"),
    ('<body><time datetime="2024-03-05T10:00">March 5</time></body>', "2024-03-05"),
    ('<body><p class="date">Veröffentlicht am 05.03.2024</p></body>', "2024-03-05"),
    ('<body><span class="post-date">5. März 2024</span></body>', "2024-03-05"),
]


@pytest.mark.parametrize(("html", "iso"), DATE_PAGES)
def test_date_sources(html: str, iso: str) -> None:
    assert iso in read_metadata(f"<html><head></head>{html}</html>", URL).dates


@pytest.mark.parametrize("html", ["", "   ", "<?xml version='1.0' encoding='utf-8'?>"])
def test_empty_pages_give_empty_metadata(html: str) -> None:
    assert read_metadata(html, URL) == PageMetadata()


def test_observed_picks_the_best_of_each() -> None:
    observed = read_metadata(FULL_PAGE, URL).observed(200)
    assert observed.status_code == 200
    assert observed.title == "The Army Needs More Drones"
    assert observed.date == "2025-11-11"
    assert observed.site_name == "Example News"
    assert observed.author is not None and "; " in observed.author


def test_broken_json_ld_is_ignored() -> None:
    html = '<html><head><script type="application/ld+json">{"headline": </script>'
    html += "<title>Fine</title></head></html>"
    assert read_metadata(html, URL).titles == ("Fine",)


# --- "Published …" notes in the body text ----------------------------------------------------

DATED_URL = "https://news.example.com/2019/07/01/talks"
"""htmldate reads 2019-07-01 from this URL: a date found in the page comes before it."""
FILLER = "<p>" + "The talks went on for hours without a result. " * 40 + "</p>"  # ~1,850 chars


def _noted_page(note: str, fillers_before: int) -> str:
    body = f"{FILLER * fillers_before}<p>{note}</p>{FILLER}"
    return f"<html><head><title>Talks</title></head><body>{body}</body></html>"


def test_a_date_element_named_by_its_id_is_read() -> None:
    html = '<html><body><span id="post-date">5. März 2024</span></body></html>'
    assert read_metadata(html, DATED_URL).dates[0] == "2024-03-05"


@pytest.mark.parametrize(
    "note",
    [
        "Published on 5 March 2021",
        "PUBLISHED: 05.03.2021",
        "Veröffentlicht am 5. März 2021",
        "VERÖFFENTLICHT AM 05.03.2021",
        "Publié le 5 mars 2021",
        "Posted 2021-03-05",
        "PUBLİSHED 5 March 2021",  # re.IGNORECASE takes the dotted capital I as "i"
        "publiſhed 5 March 2021",  # and the long s as "s"
    ],
)
def test_a_published_note_deep_in_the_body_is_found(note: str) -> None:
    dates = read_metadata(_noted_page(note, fillers_before=8), DATED_URL).dates
    assert dates[0] == "2021-03-05"


def test_a_note_past_the_scanned_prefix_is_not_read() -> None:
    """Only the first 20,000 characters of body text are searched for a note."""
    dates = read_metadata(_noted_page("Published on 5 March 2021", 11), DATED_URL).dates
    assert "2021-03-05" not in dates


def test_the_note_scan_finds_what_the_regex_finds() -> None:
    """The str.find pre-scan finds the same first two notes as the regex's own scan."""
    rng = random.Random(8)
    odd = ["İ", "ı", "ſ", "K", "Ö", "É", "<", "\n", " ", ": ", " on ", "12", "5.3.2021"]
    odd += ["2021-03-05", "March", "update", "dated", "x", "é"]

    def piece() -> str:
        if rng.random() < 0.4:
            word = rng.choice(_PUBLISHED_OPENINGS)
            return "".join(c.upper() if rng.random() < 0.5 else c for c in word)
        return rng.choice(odd)

    for _ in range(3000):
        text = "".join(piece() for _ in range(rng.randrange(1, 30)))
        expected = [m.group(1) for m in islice(_PUBLISHED_NOTE.finditer(text), 2)]
        assert _notes(text, _PUBLISHED_NOTE, _PUBLISHED_OPENINGS, 2) == expected, text


def test_folding_keeps_indices_and_agrees_with_ignorecase_on_note_letters() -> None:
    letters = sorted(set("".join(_NOTE_WORDS)))
    any_letter = re.compile("[" + re.escape("".join(letters)) + "]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = _fold_as_ignorecase(char)
        assert len(folded) == 1, hex(code)
        if any_letter.fullmatch(char) or folded in letters:
            for letter in letters:
                by_regex = re.fullmatch(re.escape(letter), char, re.IGNORECASE) is not None
                assert by_regex == (folded == letter), (hex(code), letter)


@pytest.mark.parametrize(
    ("body", "published", "modified"),
    [
        # A dateline with both: the date after the update word is the modification.
        (
            '<p class="date">Published 1 March 2024, updated 5 March 2024</p>',
            "2024-03-01",
            "2024-03-05",
        ),
        ('<span class="meta">Aktualisiert am 05.03.2024</span>', None, "2024-03-05"),
        # WordPress prints both <time> elements; the "updated" one is the modification.
        (
            '<time class="entry-date published" datetime="2024-03-01T10:00">1 March</time>'
            '<time class="updated" datetime="2024-03-05T10:00">5 March</time>',
            "2024-03-01",
            "2024-03-05",
        ),
        # wikidot: the label stands before the date element, outside it.
        (
            '<div id="page-info">page revision: 8, last edited: <span class="odate time_1">'
            "17 Jun 2018 15:15</span></div>",
            None,
            "2018-06-17",
        ),
        # MediaWiki's footer line.
        (
            '<footer><li id="footer-info-lastmod"> This page was last edited on 5 March 2024,'
            " at 10:00.</li></footer>",
            None,
            "2024-03-05",
        ),
    ],
)
def test_dates_labelled_as_updates_are_modifications(
    body: str, published: str | None, modified: str
) -> None:
    meta = read_metadata(f"<html><head></head><body>{body}</body></html>", URL)
    assert modified in meta.modified
    if published is not None:
        assert meta.dates[0] == published


def test_a_time_marked_pubdate_is_the_publication_whatever_its_class() -> None:
    body = '<time class="updated" datetime="2022-01-24T17:00" pubdate>24. Januar 2022</time>'
    meta = read_metadata(f"<html><head></head><body>{body}</body></html>", URL)
    assert meta.dates[0] == "2022-01-24"
    assert meta.modified == ()


WIKI_PAGE = (
    "<html><head><title>Penny - Wiki</title></head><body><h1>Penny</h1>"
    "<p>Penny is a villager who lives in a trailer.</p>"
    '<footer><li id="footer-info-lastmod"> This page was last edited on 4 November 2020,'
    " at 19:23.</li></footer></body></html>"
)


def test_a_page_that_states_no_publication_date_says_so() -> None:
    """htmldate offers the last edit as the publication: a guess, not a statement."""
    meta = read_metadata(WIKI_PAGE, "https://wiki.example/Penny")
    assert meta.modified == ("2020-11-04",)
    assert not meta.states_publication
    assert set(meta.dates) <= set(meta.inferred)


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<meta property="article:published_time" content="2020-10-25">', "https://a.example/p"),
        ("", "https://a.example/2020/10/25/penny"),  # a publisher's dated path states it too
    ],
)
def test_a_publication_stated_in_markup_or_the_url_is_not_inferred(head: str, url: str) -> None:
    meta = read_metadata(WIKI_PAGE.replace("</head>", f"{head}</head>"), url)
    assert meta.dates[0] == "2020-10-25"
    assert meta.states_publication
    assert meta.inferred == ()


def test_a_guess_the_page_writes_outside_its_edit_label_is_stated() -> None:
    """A bare dateline above the headline states the publication though no markup marks it."""
    html = WIKI_PAGE.replace(
        "<h1>Penny</h1>", "<small>04.11.2020 | 13:10 Uhr | Uta Beispiel</small><h1>Penny</h1>"
    )
    meta = read_metadata(html, "https://news.example/penny")
    assert "2020-11-04" in meta.dates
    assert meta.states_publication


@pytest.mark.parametrize(("opening", "closing"), [("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")])
def test_json_ld_wrapped_in_cdata_is_read(opening: str, closing: str) -> None:
    """MediaWiki (Wikipedia) wraps its JSON-LD, which states ``datePublished``, in CDATA."""
    block = '{"@type": "Article", "datePublished": "2001-10-29T01:59:14Z"}'
    html = (
        f'<html><head><script type="application/ld+json">\n{opening}\n{block}\n{closing}\n'
        "</script></head><body><p>x</p></body></html>"
    )
    meta = read_metadata(html, URL)
    assert meta.dates[0] == "2001-10-29"
    assert meta.states_publication


# --- htmldate's guesses ------------------------------------------------------------------------

UNDATED_URL = "https://example.org/news/prize"
"""No date in the path: htmldate has only the page to go by."""


def _undated_page(footer: str) -> str:
    text = "<p>" + "The prize is open to young researchers. " * 30 + "</p>"
    body = f"<h1>Prize</h1>{text}{footer}"
    return f"<html><head><title>Prize</title></head><body>{body}</body></html>"


def test_a_copyright_year_is_no_publication_date() -> None:
    """htmldate turns ``Copyright © 2022`` into 2022-01-01: the page states no date at all."""
    html = _undated_page("<footer><p>Copyright © 2022 Example e.V.</p></footer>")
    assert read_metadata(html, UNDATED_URL).dates == ()


def test_a_january_first_the_page_writes_is_kept() -> None:
    html = _undated_page("<footer><p>Copyright © 2022 Example e.V.</p><p>01.01.2022</p></footer>")
    assert read_metadata(html, UNDATED_URL).dates == ("2022-01-01",)


# --- dates under Japanese, Chinese and Korean labels (issue 14) -------------------------------

CJK_URL = "https://news.example.jp/articles/talks"
"""A URL that states no date: what the page writes under its labels is all there is."""
CJK_FILLER = "<p>" + "会談は結論が出ないまま数時間続いた。" * 60 + "</p>"


def _cjk_page(body: str, lang: str = "ja") -> str:
    return (
        f'<html lang="{lang}"><head><title>会談</title></head><body><h1>会談</h1>'
        f"{CJK_FILLER}{body}{CJK_FILLER}</body></html>"
    )


@pytest.mark.parametrize(
    ("body", "lang", "published"),
    [
        ("<dl><dt>配信開始日</dt><dd>2019/3/5</dd></dl>", "ja", "2019-03-05"),
        ("<p>公開日：2019年3月5日</p>", "ja", "2019-03-05"),
        ("<p>掲載日 2019年3月5日(火)</p>", "ja", "2019-03-05"),
        ("<p>投稿日2019.03.05</p>", "ja", "2019-03-05"),
        ("<p>发布时间：2019-03-05 10:00</p>", "zh", "2019-03-05"),
        ("<dl><dt>发布日期</dt><dd>2019年3月5日</dd></dl>", "zh", "2019-03-05"),
        ("<p>게시일: 2019.03.05.</p>", "ko", "2019-03-05"),
        ("<p>작성일 2019. 3. 5.</p>", "ko", "2019-03-05"),
        ("<p>작성일 2019년 3월 5일</p>", "ko", "2019-03-05"),
    ],
)
def test_a_cjk_publication_label_states_the_date(body: str, lang: str, published: str) -> None:
    meta = read_metadata(_cjk_page(body, lang), CJK_URL)
    assert meta.dates[:1] == (published,)
    assert meta.states_publication
    assert published not in meta.modified


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("<p>公開日：2018年5月6日</p><p>最終更新日：2020年1月2日</p>", "ja"),
        ("<dl><dt>公開日</dt><dd>2018/5/6</dd><dt>更新日</dt><dd>2020/1/2</dd></dl>", "ja"),
        ("<p>发布时间：2018-05-06</p><p>更新时间：2020-01-02</p>", "zh"),
        ("<p>작성일: 2018.05.06.</p><p>수정일: 2020.01.02.</p>", "ko"),
    ],
)
def test_a_cjk_update_label_is_a_modification_not_the_publication(body: str, lang: str) -> None:
    meta = read_metadata(_cjk_page(body, lang), CJK_URL)
    assert meta.dates[:1] == ("2018-05-06",)
    assert "2020-01-02" in meta.modified
    assert "2020-01-02" not in meta.dates


@pytest.mark.parametrize(
    "body",
    [
        "<p>最終更新日：2020年1月2日</p>",
        # in a date class, the label inside the element or just before it
        '<p class="date">最終更新日：2020年1月2日</p>',
        '<div>更新日：<span class="date">2020/1/2</span></div>',
        '<div class="post-date">수정일 2020.01.02</div>',
    ],
)
def test_a_page_with_only_a_cjk_update_label_states_no_publication(body: str) -> None:
    """As a wiki's "last edited": the update day is no publication, htmldate's guess of it
    neither (``date-not-stated``, not ``date-mismatch``, for an earlier cited date)."""
    meta = read_metadata(_cjk_page(body), CJK_URL)
    assert meta.modified == ("2020-01-02",)
    assert not meta.states_publication


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2019. 3. 5.", "2019-03-05"),
        ("2019.03.05. 10:00", "2019-03-05"),
        ("2019년 3월 5일", "2019-03-05"),
        ("2019.04.04.1", None),  # a version number, not a day
    ],
)
def test_korean_days_are_read(text: str, day: str | None) -> None:
    assert _text_day(text, day_first=True) == day


CJK_UPDATED = "<p>公開日：2018年5月6日</p><p>最終更新日：2020年1月2日</p>"


@pytest.mark.parametrize(
    ("body", "cited", "code"),
    [
        # a swap: another page's date against a page that states its own only under a label
        ("<dl><dt>配信開始日</dt><dd>2019/3/5</dd></dl>", "2017-08-09", Code.DATE_MISMATCH),
        ("<p>게시일: 2019. 3. 5.</p>", "2017-08-09", Code.DATE_MISMATCH),
        ("<dl><dt>配信開始日</dt><dd>2019/3/5</dd></dl>", "2019-03-05", None),
        # the update day a page shows may be cited, as an English "Updated:" (issue 14)
        (CJK_UPDATED, "2020-01-02", None),
        (CJK_UPDATED, "2017-08-09", Code.DATE_MISMATCH),
        # a page that states only its update cannot contradict an earlier cited date
        ("<p>更新时间：2020-01-02</p>", "2017-08-09", Code.DATE_NOT_STATED),
        ("<p>更新时间：2020-01-02</p>", "2021-08-09", Code.DATE_MISMATCH),
    ],
)
def test_a_date_under_a_cjk_label_is_compared(body: str, cited: str, code: Code | None) -> None:
    html = _cjk_page(body)
    finding = date_finding(cited, read_metadata(html, CJK_URL), html)
    assert (finding.code if finding else None) is code
