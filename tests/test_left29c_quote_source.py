"""Session 29 (left29c): which URL a blockquote quotes.

A quote names its source inside it (``cite=``, a ``— Source`` line, its one link set apart) or
on the line right after it.  A quote holding two links of its own names none, but it asked the
next line, so an Obsidian callout or a quote in a GFM list item followed by "see <URL>" became
a quote of that other page: a false ``quote-not-found`` (probe 29).  Through the real CLI on the
fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode
from tests.probe29_web import article_web
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://quotes.fixture-l29c.example"
_WORDS = "The committee found that the budget was spent twice over on the same work"

_POST = f"""\
# Notes

> [!quote] From [the minutes]({HOST}/minutes) and [the audit]({HOST}/audit)
> {_WORDS}.

See {HOST}/other for the rest.

- A list item quoting:

  > {_WORDS}, said [the panel]({HOST}/panel) and [the audit]({HOST}/audit).

- Read {HOST}/list-next next.

> {_WORDS}, as the panel said.

[Reuters]({HOST}/named-after)
"""


def _quotes(report: dict[str, Any]) -> dict[str, list[str]]:
    return {
        c["url"]: [f["code"] for f in c.get("findings", [])]
        for d in report["documents"]
        for c in d["citations"]
        if c["kind"] == "quote"
    }


def test_a_quote_with_links_of_its_own_is_not_a_quote_of_the_next_line(tmp_path: Path) -> None:
    post = tmp_path / "vault" / "Notes.md"
    post.parent.mkdir()
    post.write_text(_POST, encoding="utf-8")
    pages = ("minutes", "audit", "other", "panel", "list-next", "named-after")
    web = article_web(f"{HOST}/{path}" for path in pages)
    code, report, _asked = run_on_web(web, str(post), tmp_path / "out")
    quotes = _quotes(report)
    assert f"{HOST}/other" not in quotes
    assert f"{HOST}/list-next" not in quotes
    assert list(quotes) == [f"{HOST}/named-after"]  # a quote with no link: the line after names it
    assert code == ExitCode.OK
