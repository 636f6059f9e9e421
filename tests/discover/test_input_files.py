"""Files and folders as inputs: what a hostile or mistaken path gives (no network involved)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

import checker.discover.inputs as inputs_module
from checker.discover.inputs import discover, discover_inputs
from checker.errors import InputError
from checker.model import Page


def _pages(path: Path) -> tuple[Page, ...]:
    return asyncio.run(discover([str(path)], None))  # type: ignore[arg-type]  # files only


@pytest.mark.parametrize(
    "canonical",
    ["http://[ccpa-preferences]", "javascript:alert(1)", "   ", "/relative/p", "ftp://h/p"],
)
def test_a_canonical_that_is_no_http_url_is_not_the_page_url(
    tmp_path: Path, canonical: str
) -> None:
    """The page URL is the base of every relative link: a malformed one lost every link of it."""
    post = tmp_path / "post.html"
    post.write_text(
        f'<html><head><link rel="canonical" href="{canonical}"></head>'
        '<body><p><a href="https://example.com/a">a</a></p></body></html>'
    )
    [page] = _pages(post)
    assert page.url == post.resolve().as_uri()


@pytest.mark.timeout(60)  # a hang guard: linear, this takes milliseconds
def test_a_file_of_unclosed_canonical_link_tags_is_read_in_linear_time(tmp_path: Path) -> None:
    """The file reader's canonical pattern (``<link[^>]+rel=…[^>]*href=…``) tried every split of
    a tag that never closes: 20 KB of ``<link rel=canonical `` took 171 s.  One reader now, for
    files and crawled twins alike, whose tag ends at ``>`` or the next ``<``."""
    post = tmp_path / "post.html"
    post.write_text("<link rel=canonical " * 1000 + '<a href="https://example.com/a">a</a>')
    [page] = _pages(post)
    assert page.url == post.resolve().as_uri()


def test_a_canonical_link_may_name_its_href_before_its_rel(tmp_path: Path) -> None:
    post = tmp_path / "post.html"
    post.write_text("<link href='https://blog.example.com/p/2.html' rel=canonical>")
    [page] = _pages(post)
    assert page.url == "https://blog.example.com/p/2.html"


def test_a_canonical_http_url_is_the_page_url(tmp_path: Path) -> None:
    post = tmp_path / "post.html"
    post.write_text('<link rel="canonical" href=" https://blog.example.com/p/1.html ">')
    [page] = _pages(post)
    assert page.url == "https://blog.example.com/p/1.html"


def test_a_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        _pages(fifo)


def test_a_symlink_loop_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    with pytest.raises(InputError, match="symbolic link"):
        _pages(tmp_path / "a.md")


def test_one_unreadable_file_in_a_folder_is_that_post_not_the_run(tmp_path: Path) -> None:
    """A binary ``.md`` among posts is post-unreadable for that file; the other posts are read."""
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\n[a](https://news.example/a)\n", encoding="utf-8")
    (folder / "bad.md").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 64)
    (discovery,) = asyncio.run(discover_inputs([str(folder)], None))  # type: ignore[arg-type]
    assert [Path(p.origin).name for p in discovery.pages] == ["good.md"]
    [unread] = discovery.failed
    assert Path(unread.url).name == "bad.md"
    assert "binary" in unread.reason


def test_a_named_binary_file_is_still_bad_input(tmp_path: Path) -> None:
    named = tmp_path / "bad.md"
    named.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 64)
    with pytest.raises(InputError, match="binary"):
        asyncio.run(discover_inputs([str(named)], None))  # type: ignore[arg-type]


def test_a_folders_first_page_is_handed_on_before_its_other_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder is walked when the inputs are opened, its files read as its pages are handed
    on: the first page's extraction starts without waiting for the last file (the bench's 112
    files took 0.09 s of CPU to read; issue 19).  An unreadable file is still an unread post."""
    folder = tmp_path / "posts"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.md").write_text(f"# {name}\n\n[x](https://{name}.example/)\n", "utf-8")
    (folder / "d.md").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 64)
    events: list[str] = []
    real = inputs_module._read_text

    def read(path: Path) -> str:
        events.append(f"read {path.name}")
        return real(path)

    monkeypatch.setattr(inputs_module, "_read_text", read)
    on_page = lambda page: events.append(f"page {Path(page.origin).name}")  # noqa: E731
    (discovery,) = asyncio.run(
        discover_inputs([str(folder)], None, on_page=on_page)  # type: ignore[arg-type]
    )
    assert events[:3] == ["read a.md", "page a.md", "read b.md"]
    assert [e for e in events if e.startswith("page ")] == ["page a.md", "page b.md", "page c.md"]
    assert discovery.pages == ()  # the sink is their only keeper (discover.found.PageSink)
    assert [Path(u.url).name for u in discovery.failed] == ["d.md"]
