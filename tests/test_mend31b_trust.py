"""Mend 31b: what a reviewer found in session 31's trust merges (probe31, left31a, left31b).

A short post showing little text without JavaScript (an embed, one link) was an "application
shell" and so ``post-unreadable``, its citations never checked; a frameset of a menu beside an
empty content frame "forwarded" to the menu; a folder of many saved pages was walked in
quadratic time (every entry scanned for each ``*_files`` folder).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from checker.discover import ignore
from checker.verify.post_page import stand_in
from checker.verify.soft404 import client_redirect

POST = "https://blog.fixture-m31b.example/2025/05/a-post"


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<script src="/assets/app.js"></script></head>'
        f"<body>{body}</body></html>"
    )


@pytest.mark.parametrize(
    "body",
    [
        # a video embed: the player is an iframe, the post's text a line
        '<article><iframe src="https://www.youtube.com/embed/abc123"></iframe></article>',
        # a tweet embed, its text filled in by the widget's script
        '<article><blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1">'
        "x</a></blockquote></article>",
        # a photo with its credit link
        '<article><img src="/p.jpg" alt=""><a href="https://photos.example/by/ann">Ann</a>'
        "</article>",
        # a one-link post
        '<article><a href="https://news.example/story">Read this</a></article>',
    ],
)
def test_a_short_embed_or_one_link_post_is_the_post(body: str) -> None:
    assert stand_in(POST, POST, _page("Sunday", body)) is None


_ARTICLE = (
    "<p>" + "Bot walls answer a crawler with a page of their own, not the post. " * 40 + "</p>"
)


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("How bot walls work", "<p>Cloudflare's page sets <code>window._cf_chl_opt</code>.</p>"),
        ("How bot walls work", "<p>DataDome loads geo.captcha-delivery.com first.</p>"),
        ("Access denied", ""),
        ("Security check", ""),
        ("Captcha", ""),
        ("Please wait", ""),
    ],
)
def test_a_long_post_naming_a_challenge_is_the_post(title: str, named: str) -> None:
    """A 3 KB post that names a challenge's marker, or is titled as one, is no challenge: a
    challenge shows next to no text of its own (mend31b: each was ``post-unreadable``)."""
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
    assert stand_in(POST, POST, page + named + _ARTICLE + "</article></body></html>") is None


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Just a moment...", "<p>Checking your browser before accessing the site.</p>"),
        ("Access denied", "<script>window._cf_chl_opt={cvId:'3'}</script><p>One moment.</p>"),
    ],
)
def test_a_short_challenge_post_page_is_still_a_stand_in(title: str, body: str) -> None:
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    said = stand_in(POST, POST, page)
    assert said is not None and "bot challenge" in said


# --- framesets -------------------------------------------------------------------------------


def test_a_menu_beside_an_empty_content_frame_forwards_nowhere() -> None:
    page = (
        '<html><head><title>Menu News</title></head><frameset cols="20%,80%">'
        '<frame src="/menu.html"><frame name="content"></frameset></html>'
    )
    assert client_redirect(page, "https://menu.example/story") is None


@pytest.mark.parametrize(
    ("frameset", "target"),
    [
        ('<frameset rows="100%,*"><frame src="https://new.example/"><frame></frameset>', True),
        ('<frameset rows="*"><frame src="https://new.example/"></frameset>', True),
        ('<frameset cols="0,100%"><frame><frame src="https://new.example/"></frameset>', True),
    ],
)
def test_a_frameset_filled_by_one_frame_forwards_to_it(frameset: str, target: bool) -> None:
    page = f"<html><head><title>masked.example</title></head>{frameset}</html>"
    assert client_redirect(page, "https://masked.example/") == "https://new.example/"


# --- saved pages' folders --------------------------------------------------------------------


class _Counted:
    """A directory entry that counts how often its name is read."""

    reads = 0

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self._entry = entry
        self.path = entry.path

    @property
    def name(self) -> str:
        _Counted.reads += 1
        return self._entry.name

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_dir(follow_symlinks=follow_symlinks)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_file(follow_symlinks=follow_symlinks)

    def is_symlink(self) -> bool:  # the walk asks it of each entry (a folder linked in)
        return self._entry.is_symlink()


def test_saved_pages_folders_are_found_in_linear_name_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 300
    for n in range(count):
        (tmp_path / f"p{n}.html").write_text("<p>saved</p>")
        (tmp_path / f"p{n}_files").mkdir()
    listed = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) != tmp_path:  # a saved page's folder, counted by os.walk
            return listed(path)
        with listed(path) as entries:
            return [_Counted(e) for e in entries]

    monkeypatch.setattr(os, "scandir", scandir)
    _Counted.reads = 0
    found = ignore.walk(tmp_path)
    assert len(found.entries) == count  # the pages; their folders are ignored, not walked
    # each entry's name is read a few times, not once for each saved page's folder
    assert _Counted.reads < 20 * 2 * count


def test_a_looping_link_beside_a_saved_pages_folder_is_said_not_the_folders_end(
    tmp_path: Path,
) -> None:
    """The saved page's name a symbolic link to itself: its ``is_file`` raised (ELOOP) and the
    whole folder "cannot read"; it is a post that cannot be read, the rest walked."""
    (tmp_path / "p.html").symlink_to(tmp_path / "p.html")
    (tmp_path / "p_files").mkdir()
    (tmp_path / "post.md").write_text("# A post\n")
    found = ignore.walk(tmp_path)
    assert sorted(path.name for path in found.entries) == ["p.html", "post.md"]
    assert found.hidden == []
