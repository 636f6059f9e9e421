"""Probe 26b (session 25's leftovers): wrong words and two values for one meaning."""

from __future__ import annotations

from pathlib import Path

from checker.extract.content import _page_host
from checker.fetch.local import _with_anchors
from checker.model import LocalAnswer, LocalState


def test_a_file_that_vanished_before_its_places_were_read_is_not_called_a_folder(
    tmp_path: Path,
) -> None:
    """A file found, then removed before ``--include-fragments`` read it, was said to be "a
    folder, whose page is the site's to make": a wrong reason, and a wrong fix to look for."""
    answer = LocalAnswer(LocalState.FOUND, "gone.md", "gone.md")
    read = _with_anchors(answer, tmp_path / "gone.md")
    assert read.unread is not None
    assert "folder" not in read.unread
    assert "no longer there" in read.unread


def test_a_page_with_no_readable_host_has_one_answer() -> None:
    """No site was both None and "": one value now, the empty host."""
    assert _page_host("http://[x/a") == ""
    assert _page_host("file:///tmp/a.html") == ""
    assert _page_host("https://Blog.Example/a") == "blog.example"
