"""Left 32b: a page wrapped whole in one ``<form>`` (ASP.NET WebForms, SharePoint, DotNetNuke,
JSF) has the main text it shows.

The main text's walk skips forms (a search box, a comment or newsletter form says nothing of
the page), and so skipped a server form holding the whole page: a long article read as one of
no text at all, and the length that tells an article from a placeholder, parked or error page
said "short".  A long article whose headline said "Our new website is launching soon" was a
placeholder domain (``broken``), as a cited source and as a crawled post (``post-unreadable``);
the same article outside a form was ``ok``.  A short placeholder in such a form is still one.
"""

from __future__ import annotations

from pathlib import Path

from checker.model import Status
from checker.sampleweb import Web
from checker.verify.post_page import stand_in
from tests.fetch.support import check_links_on

_SENTENCE = "The firm said the new portal will serve customers from spring, with a new design. "


def _webforms(main: str, title: str = "Acme Gazette") -> str:
    """A page as ASP.NET WebForms serves it: the body's one server form around everything."""
    return (
        f"<html><head><title>{title}</title></head><body>"
        '<form method="post" action="./Default.aspx" id="form1">'
        '<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4MTQ=">'
        "<div id=nav><a href=/>Home</a> <a href=/news>News</a></div>"
        f"<div id=content>{main}</div></form></body></html>"
    )


def _article(headline: str) -> str:
    return f"<h1>{headline}</h1>" + f"<p>{_SENTENCE * 4}</p>" * 8


_LONG = {
    "launch": _article("Our new website is launching soon"),
    "construction": _article("This site is under construction"),
}


def test_a_long_article_in_a_page_wide_form_is_no_placeholder(tmp_path: Path) -> None:
    web = Web()
    urls = {name: f"https://gazette-{name}.test/news/new-portal" for name in _LONG}
    for name, main in _LONG.items():
        web.page(urls[name], _webforms(main))
    placeholder = "https://soon.test/"
    web.page(
        placeholder,
        _webforms(
            "<h1>Website coming soon</h1><p>Stay tuned.</p>"
            "<label>Email</label><input name=email><button>Notify me</button>",
            title="Coming soon",
        ),
    )
    checked = check_links_on(web, [*urls.values(), placeholder], tmp_path)
    for url in urls.values():
        assert checked[url].status is Status.OK, checked[url].findings
    assert checked[placeholder].status is Status.BROKEN  # short: still the placeholder


def test_a_long_post_in_a_page_wide_form_is_the_post() -> None:
    url = "https://gazette.test/news/new-portal"
    assert stand_in(url, url, _webforms(_LONG["launch"])) is None
    placeholder = _webforms("<h1>This site is under construction</h1><p>Back soon.</p>")
    assert stand_in(url, url, placeholder) is not None
