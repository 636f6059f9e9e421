"""Probe 22b: a folder's files read as its pages are handed on (session 22's ``_Walked``).

The folder is walked when the inputs are opened, its files read later, one by one, while the
run checks: a file that vanishes in between is one unread post (said as such), and one replaced
by a named pipe was opened and read until a writer came, which none does: the run hung with no
word.  A path that is no regular file when it is read is an unread post, as at the walk.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from checker.discover.inputs import _walked
from checker.model import Page


def _folder(tmp_path: Path) -> Path:
    for n in range(3):
        (tmp_path / f"post-{n}.md").write_text(f"# Post {n}\n\n- <https://a.example/{n}>\n")
    return tmp_path


def test_a_file_gone_between_the_walk_and_its_reading_is_an_unread_post(tmp_path: Path) -> None:
    walked = _walked(_folder(tmp_path))
    (tmp_path / "post-1.md").unlink()
    read = [page.origin for page in walked.read()]
    assert read == [str(tmp_path / "post-0.md"), str(tmp_path / "post-2.md")]
    assert [u.url for u in walked.discovery().failed] == [str(tmp_path / "post-1.md")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_file_turned_into_a_pipe_before_its_reading_is_an_unread_post(tmp_path: Path) -> None:
    walked = _walked(_folder(tmp_path))
    pipe = tmp_path / "post-1.md"
    pipe.unlink()
    os.mkfifo(pipe)
    pages: list[Page] = []
    reading = threading.Thread(target=lambda: pages.extend(walked.read()), daemon=True)
    reading.start()
    reading.join(timeout=10)  # (a hang guard, not a speed test: the pipe never gets a writer)
    if reading.is_alive():
        with pipe.open("wb"):  # let the stuck reader go, so the test ends
            pass
        reading.join()
    assert [page.origin for page in pages] == [str(tmp_path / f"post-{n}.md") for n in (0, 2)]
    failed = walked.discovery().failed
    assert [u.url for u in failed] == [str(pipe)]
    assert "not a regular file" in failed[0].reason
