"""Session 29 (left29c): MultiMarkdown/Pelican metadata with no fences is the post's metadata.

Pelican's Markdown reader (Python-Markdown's ``meta``) and MultiMarkdown read ``Key: value``
lines at the top of a file, up to a blank line, as metadata.  Read as text, a ``Source: URL``
field was cited as the post's source (a dead one failed the run) and the ``Title:`` was not the
post's title (probe 29).  A post opening with a ``Note: …`` line and no ``Title`` keeps that
line as text.  Org's ``#+TITLE:`` keyword was the post's title as written, ``#+TITLE: …``.
Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode
from tests.probe29_web import article_web, lines_and_statuses
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://mmd.fixture-l29c.example"

_POSTS = {
    "second.md": f"Title: Second post\nDate: 2024-01-06\nTags: pelican,\n    python\n"
    f"Source: {HOST}/metadata-source\n\nBody [live]({HOST}/live).\n",
    "note.md": f"Note: this moved, see {HOST}/note-link\n\nBody [again]({HOST}/note-body).\n",
}


def test_mmd_metadata_is_read_as_metadata_not_text(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    for name, text in _POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    web = article_web(
        (f"{HOST}/{path}" for path in ("live", "note-link", "note-body")),
        [f"{HOST}/metadata-source"],
    )
    code, report, asked = run_on_web(web, str(folder), tmp_path / "out")
    titles = {d["origin"].rsplit("/", 1)[-1]: d["title"] for d in report["documents"]}
    assert titles["second.md"] == "Second post"
    cited = lines_and_statuses(report)
    assert cited[f"{HOST}/live"] == (7, "ok")
    assert f"{HOST}/metadata-source" not in asked  # a field, as in YAML front matter
    assert cited[f"{HOST}/note-link"] == (1, "ok")  # no Title: the line is the post's text
    assert cited[f"{HOST}/note-body"] == (3, "ok")
    assert code == ExitCode.OK


def test_org_title_keyword_gives_the_title(tmp_path: Path) -> None:
    note = tmp_path / "notes.org"
    note.write_text(f"#+TITLE: Org notes\n\n* Reading\nSee [[{HOST}/org-link][it]].\n", "utf-8")
    code, report, _asked = run_on_web(article_web([f"{HOST}/org-link"]), str(note), tmp_path / "o")
    (document,) = report["documents"]
    assert document["title"] == "Org notes"
    assert lines_and_statuses(report) == {f"{HOST}/org-link": (4, "ok")}
    assert code == ExitCode.OK
