"""Session 29 (left29c): a ``---`` block is front matter only when YAML can read it.

Jekyll, Hugo and Pandoc read a post's front matter as a YAML mapping between an opening ``---``
and a closing ``---`` or ``...``.  The checker took any text between two ``---`` lines for one,
so a post opening with a thematic break and a paragraph lost that paragraph's links with no
word (probe 29), and a block closed by ``...`` was no front matter at all (its title lost).
Through the real CLI on the fixture web, the posts in one folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://fm.fixture-l29c.example"

_POSTS = {
    # a thematic break, a paragraph, another break: prose, as CommonMark renders it
    "break.md": f"---\n\nOpening words and [the first source]({HOST}/in-break).\n\n---\n\n"
    f"Body text citing [the second source]({HOST}/after-break).\n",
    # a paragraph right after the break, with no blank line: still no YAML mapping
    "tight.md": f"---\nRead {HOST}/in-tight first.\n---\n\nBody [link]({HOST}/after-tight).\n",
    # YAML closed by ``...`` (Pandoc): its title is read, its body is the post
    "dots.md": f"---\ntitle: Closed by dots\nsource: {HOST}/field\n...\n\n"
    f"Body [link]({HOST}/after-dots).\n",
    # real front matter, nested values and a blank line in it: fields, never citations
    "yaml.md": f'---\n\ntitle: Plain front matter\ntags:\n  - a\n# a comment\nsummary: "a: b"\n'
    f"---\n\nBody [link]({HOST}/after-yaml).\n",
}


def _run(tmp_path: Path) -> tuple[int, dict[str, tuple[int, str]], dict[str, str | None]]:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, text in _POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    live = [f"{HOST}/{path}" for path in ("in-break", "after-break", "in-tight", "after-tight")]
    live += [f"{HOST}/after-dots", f"{HOST}/after-yaml"]
    code, report, _asked = run_on_web(article_web(live), str(folder), tmp_path / "out")
    titles = {d["origin"].rsplit("/", 1)[-1]: d["title"] for d in report["documents"]}
    return code, lines_and_statuses(report), titles


def test_a_thematic_break_and_prose_at_the_top_are_read(tmp_path: Path) -> None:
    code, cited, _titles = _run(tmp_path)
    assert cited[f"{HOST}/in-break"] == (3, "ok")
    assert cited[f"{HOST}/after-break"] == (7, "ok")
    assert cited[f"{HOST}/in-tight"] == (2, "ok")
    assert cited[f"{HOST}/after-tight"] == (5, "ok")
    assert code == ExitCode.OK


def test_yaml_front_matter_closed_by_dots_or_holding_nested_values(tmp_path: Path) -> None:
    code, cited, titles = _run(tmp_path)
    assert titles["dots.md"] == "Closed by dots"
    assert titles["yaml.md"] == "Plain front matter"
    assert cited[f"{HOST}/after-dots"] == (6, "ok")
    assert f"{HOST}/field" not in cited  # a field is no citation
    assert code == ExitCode.OK
