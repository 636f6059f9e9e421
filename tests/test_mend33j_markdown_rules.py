"""Two Markdown reading rules of left32a's change, mended after session 33's review.

- A Liquid comment mark inside ``{% raw %}`` … ``{% endraw %}`` is text Jekyll shows: read as
  a comment, it hid the paragraphs up to a later raw ``{% endcomment %}``, their links never
  cited (a silent pass).
- Docusaurus's ``@site/docs/intro.md`` in a post whose front matter names a web address was
  joined to the post's folder (``blog/@site/docs/intro.md``) as a relative source link: a false
  ``broken``.
Local files only: nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind


def _cited(text: str) -> list[tuple[str | None, int | None]]:
    page = Page(
        "file:///site/_posts/p.md", "/site/_posts/p.md", "# P\n\n" + text, PageKind.MARKDOWN
    )
    (document,) = extract(page)
    return [(c.url, c.line) for c in document.citations]


def test_a_liquid_comment_mark_in_raw_text_opens_no_comment() -> None:
    text = (
        "Write {% raw %}{% comment %}{% endraw %} to hide a draft.\n\n"
        "See [a](https://a.example/1).\n\n"
        "Close it with {% raw %}{% endcomment %}{% endraw %}.\n"
    )
    assert _cited(text) == [("https://a.example/1", 5)]


def test_a_liquid_comment_after_raw_text_is_still_no_text() -> None:
    text = (
        "{%- raw -%}{% comment %}{%- endraw -%}\n\n"
        "{% comment %}[gone](https://gone.example/)\n\n{% endcomment %}\n\n"
        "[b](https://b.example/2)\n"
    )
    assert _cited(text) == [("https://b.example/2", 9)]


def test_an_unclosed_raw_region_hides_no_link() -> None:
    text = "{% raw %} {% comment %}\n\n[a](https://a.example/1)\n\n{% endcomment %}\n"
    assert _cited(text) == [("https://a.example/1", 5)]


def test_the_site_alias_of_a_post_with_a_web_address_leads_from_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "blog").mkdir(parents=True)
    (site / "docs").mkdir()
    (site / "docs" / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (site / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")
    (site / "blog" / "post.md").write_text(
        "---\ntitle: Notes\npermalink: https://site.example/blog/notes\n---\n\n"
        "Read [the intro](@site/docs/intro.md) and [the other](@site/docs/gone.md).\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    argv = ["check", str(site / "blog"), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out), "--local-root", str(site)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (document,) = report["documents"]
    assert [(c["url"], c["status"]) for c in document["citations"]] == [
        ((site / "docs" / "intro.md").as_uri(), "ok"),
        ((site / "docs" / "gone.md").as_uri(), "broken"),
    ]
    assert code == ExitCode.FAILED  # by the missing file alone
