"""Probe 29: a Logseq graph's pages (and an Obsidian note's Dataview fields).

A Logseq page names its source in a property, ``source:: URL`` (Dataview writes inline fields
the same way): the source-label reader took the second colon for the title the post claims,
and the page's real title made a false ``title-mismatch`` that failed the run on every such
page.  A line left with no letter or digit beside the URL claims no title.  And Logseq embeds
with macros, ``{{tweet URL}}``, ``{{video URL}}``: read as text, a deleted tweet's page was
fetched as a link and passed; each is now its platform's embed, as Hugo's ``{{< tweet >}}`` is.

Through the real CLI on the sample web, whose platforms answer (the deleted tweet: none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from checker.sampleweb import DEMO_SOURCE_URLS, demo_web
from tests.probe29_web import kinds_and_codes
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

DELETED_TWEET = "https://twitter.com/ReutersJapan/status/1889829970890447038"
SOURCE = DEMO_SOURCE_URLS[0]


def _page(tmp_path: Path, body: str) -> str:
    page = tmp_path / "graph" / "pages" / "Reading.md"
    page.parent.mkdir(parents=True)
    page.write_text(body, encoding="utf-8")
    return str(page)


def test_a_source_property_claims_no_title(tmp_path: Path) -> None:
    body = f"title:: Reading notes\nsource:: {SOURCE}\n\n- A first block of my notes.\n"
    code, report, _asked = run_on_web(demo_web(), _page(tmp_path, body), tmp_path / "out")
    assert kinds_and_codes(report)[SOURCE] == ("source", [])
    assert code == ExitCode.OK


def test_a_source_line_with_a_wrong_title_still_claims_it(tmp_path: Path) -> None:
    """The near miss: a label, a title and the URL still name the title to compare."""
    body = f"- My notes.\n\nSource: A Title Nobody Wrote {SOURCE}\n"
    code, report, _asked = run_on_web(demo_web(), _page(tmp_path, body), tmp_path / "out")
    assert kinds_and_codes(report)[SOURCE] == ("source", ["title-mismatch"])
    assert code == ExitCode.FAILED


def test_a_logseq_tweet_macro_is_checked_as_a_tweet(tmp_path: Path) -> None:
    body = f"- Saw this today\n\t- {{{{tweet {DELETED_TWEET}}}}}\n"
    code, report, _asked = run_on_web(demo_web(), _page(tmp_path, body), tmp_path / "out")
    kind, codes = kinds_and_codes(report)[DELETED_TWEET]
    assert kind == "embed"
    assert "embed-unavailable" in codes
    assert code == ExitCode.FAILED


def test_a_logseq_video_macro_is_the_video(tmp_path: Path) -> None:
    body = "- {{video https://www.youtube.com/watch?v=dQw4w9WgXcQ}}\n"
    _code, report, _asked = run_on_web(demo_web(), _page(tmp_path, body), tmp_path / "out")
    citations = kinds_and_codes(report)
    assert list(citations) == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
    assert citations["https://www.youtube.com/watch?v=dQw4w9WgXcQ"][0] == "embed"


def test_liquid_output_is_no_macro(tmp_path: Path) -> None:
    """The near miss: ``{{ page.url }}``, ``{{site.url}}`` are a template's, never an embed."""
    body = f"# Post\n\nSee [x]({{{{ site.url }}}}/x) and {{{{site.tweet}}}} and [s]({SOURCE}).\n"
    _code, report, _asked = run_on_web(demo_web(), _page(tmp_path, body), tmp_path / "out")
    assert all(kind != "embed" for kind, _codes in kinds_and_codes(report).values())
