"""Probe 29: an AsciiDoc page's links written through its attributes are its links.

Asciidoctor's documentation, and every project that follows it, names its URLs once in
attribute entries (``:url-docs: https://…``) and links through references:
``{url-repo}[the repository]``, ``link:{url-docs}/install[install docs]``, ``{url-repo}/issues``.
Read as text, each such link vanished with no word (exit 0 with a dead one among them), while the
entry's bare base URL, a setting no reader sees, was cited on its own line (a base that answers
404 failed the run).  Each test runs the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

    from checker.sampleweb import Web

HOST = "https://docs.fixture-p29.example"

_GUIDE = f"""\
= The Guide
:url-org: {HOST}
:url-docs: {{url-org}}/docs
:url-repo: {HOST}/repo

Read {{url-repo}}[the repository] and {{url-docs}}/install[install docs].
The macro form link:{{url-docs}}/config[config], and the bare {{url-repo}}/issues.
An escaped \\{{url-repo}} and an undefined {{url-nowhere}}/x stay text.

:url-repo!:
After the unset, {{url-repo}}/gone is no link.
"""


def _web() -> Web:
    live = (f"{HOST}/{path}" for path in ("repo", "docs/install", "docs/config"))
    return article_web(live, [f"{HOST}/repo/issues", f"{HOST}/docs"])


def test_links_through_attribute_references_are_cited_where_written(tmp_path: Path) -> None:
    page = tmp_path / "guide.adoc"
    page.write_text(_GUIDE, encoding="utf-8")
    code, report, asked = run_on_web(_web(), str(page), tmp_path / "out")
    assert lines_and_statuses(report) == {
        f"{HOST}/repo": (6, "ok"),
        f"{HOST}/docs/install": (6, "ok"),  # through an attribute defined by another
        f"{HOST}/docs/config": (7, "ok"),
        f"{HOST}/repo/issues": (7, "broken"),
    }
    assert f"{HOST}/docs" not in asked  # an entry's value is a setting, not a link
    assert code == ExitCode.FAILED


def test_a_page_with_no_attribute_reads_braces_as_written(tmp_path: Path) -> None:
    """The near miss: braces in a URL of a page that defines nothing stay as they are."""
    page = tmp_path / "plain.adoc"
    page.write_text(f"= Plain\n\nSee {HOST}/repo and {{not-an-attribute}}.\n", encoding="utf-8")
    code, report, _asked = run_on_web(_web(), str(page), tmp_path / "out")
    assert lines_and_statuses(report) == {f"{HOST}/repo": (3, "ok")}
    assert code == ExitCode.OK
