"""Wikilinks are links (session 29 left: in an Obsidian vault ``[[Missing note]]`` passed with no
word, and ``[[https://x/a|shown]]`` cited ``https://x/a|shown``, a URL nobody wrote), and in a
vault ``%%`` inside ``$$ … $$`` math opens no comment (it hid the links after it).  A note is
found by name anywhere in the vault, as Obsidian finds it; an image embed is no citation (as
``<img src>``); outside a vault only a URL is cited.  Local files only: nothing is fetched."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path

NOTE = """# Note

See [[Existing]], [[existing#Heading|the heading]] and [[Missing note]].

Sources: [[https://src.example/a|the article]] and [[the wiki page|https://src.example/b]].

![[photo.png]] and ![[Gone]] embedded.

$$ a %% b $$ then [after the math](https://src.example/c) and $$ c %% d $$.

%% a comment [hidden](https://src.example/hidden) %%
"""


def _vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "deep" / "er").mkdir(parents=True)
    (vault / "deep" / "er" / "Existing.md").write_text("# Existing\n\n## Heading\n", "utf-8")
    (vault / "note.md").write_text(NOTE, encoding="utf-8")
    return vault


def _cited(note: Path) -> list[tuple[str | None, int | None]]:
    page = Page(note.as_uri(), str(note), note.read_text("utf-8"), PageKind.MARKDOWN)
    (document,) = extract(page)
    return [(c.url, c.line) for c in document.citations]


def test_wikilinks_in_a_vault_are_links_to_notes_and_urls(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    assert _cited(vault / "note.md") == [
        ((vault / "deep" / "er" / "Existing.md").as_uri(), 3),
        ((vault / "Missing note.md").as_uri(), 3),
        ("https://src.example/a", 5),
        # in a vault [[name|URL]] links the note "name", the URL its text (GitHub wiki's
        # order is read outside a vault only): the missing note is said, not the URL cited
        ((vault / "the wiki page.md").as_uri(), 5),
        ((vault / "Gone.md").as_uri(), 7),
        ("https://src.example/c", 9),
    ]


def test_outside_a_vault_only_urls_are_cited(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    (vault / ".obsidian").rmdir()
    assert [url for url, _line in _cited(vault / "note.md")] == [
        "https://src.example/a",
        "https://src.example/b",
        "https://src.example/c",
        "https://src.example/hidden",  # outside a vault, "%% a … %%" is no comment
    ]


def test_a_missing_note_is_a_broken_local_link(tmp_path: Path) -> None:
    """Said ``unresolved-wikilink`` (a warning) since session 31: a note not yet written."""
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "a.md").write_text("# A\n\nSee [[B]] and [[Nowhere]].\n", encoding="utf-8")
    (vault / "B.md").write_text("# B\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(vault), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {
        c["url"].rsplit("/", 1)[-1]: c["status"]
        for d in report["documents"]
        for c in d["citations"]
    }
    assert statuses == {"B.md": "ok", "Nowhere.md": "broken"}
    assert report["summary"]["findings"] == {"unresolved-wikilink": 1}
    assert code == ExitCode.OK


def test_in_a_vault_percent_marks_in_display_math_open_no_comment(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    note = vault / "math.md"
    note.write_text(
        "# Math\n\n$$ a %% b $$ then [after](https://src.example/c) and $$ c %% d $$.\n",
        encoding="utf-8",
    )
    assert _cited(note) == [("https://src.example/c", 3)]


def test_a_links_text_cannot_end_it_early(tmp_path: Path) -> None:
    """A wikilink's text ending in ``\\`` escaped the rendered link's ``]``, and a backtick in
    it opened a code span that swallowed the link: the note was cited nowhere (reviewC)."""
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    note = vault / "a.md"
    note.write_text(
        "# A\n\n[[One\\]] and [[Two|dir\\]] and [[Three|use `x]] and `y` here.\n", "utf-8"
    )
    assert [url for url, _line in _cited(note)] == [
        (vault / "One.md").as_uri(),
        (vault / "Two.md").as_uri(),
        (vault / "Three.md").as_uri(),
    ]


def test_a_vaults_folders_count_toward_its_listing_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing stopped at MAX_VAULT_FILES files but walked folders without bound: a tree of
    empty folders is capped the same, the listing then incomplete (no note said missing)."""
    from checker.extract import wikilinks  # noqa: PLC0415

    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    for n in range(30):
        (vault / f"empty{n:02d}").mkdir()
    monkeypatch.setattr(wikilinks, "MAX_VAULT_FILES", 10)
    wikilinks._vault.cache_clear()
    try:
        assert wikilinks._vault(vault).complete is False
    finally:
        wikilinks._vault.cache_clear()
