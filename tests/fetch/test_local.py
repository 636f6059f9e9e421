"""A local file's link looked up on disk (:mod:`checker.fetch.local`) and judged
(:func:`checker.verify.availability.local_verdict`).

Before, every relative link of a local file was ``skipped`` as a file reference: a missing
file passed (lychee says "Cannot find file").  Each test here failed on that base.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from checker.fetch.local import look_up, root_relative
from checker.model import LocalAnswer, LocalState, Status
from checker.verify.availability import local_verdict


def _tree(root: Path) -> Path:
    posts = root / "posts"
    posts.mkdir()
    (posts / "b.md").write_text("# B\n")
    (posts / "my post.md").write_text("# M\n")
    (root / "img").mkdir()
    (root / "img" / "a.png").write_bytes(b"\x89PNG")
    (root / "other").mkdir()
    (root / "other" / "moved.md").write_text("# moved\n")
    return posts


def test_an_existing_file_or_folder_is_found_whatever_its_query_fragment_or_escapes(
    tmp_path: Path,
) -> None:
    posts = _tree(tmp_path)
    for url in (
        (posts / "b.md").as_uri(),
        (posts / "b.md").as_uri() + "?x=1",
        posts.as_uri() + "/my%20post.md",
        (tmp_path / "img" / "a.png").as_uri(),
        posts.as_uri() + "/",
    ):
        answer = look_up(url, roots=[tmp_path], cwd=tmp_path)
        assert answer.state is LocalState.FOUND, url
        assert local_verdict(answer).status is Status.OK


def test_a_missing_file_is_broken_with_its_name_and_where_it_resolved(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    verdict = local_verdict(look_up(posts.as_uri() + "/gone.md", roots=[tmp_path], cwd=tmp_path))
    assert verdict.status is Status.BROKEN
    (finding,) = verdict.findings
    assert finding.code.value == "broken"
    assert finding.message == "no such file: gone.md (resolved to posts/gone.md)"


def test_a_moved_file_is_suggested_when_exactly_one_namesake_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.fetch.local._INDEX_SECONDS", 0.0)  # each look-up a new run
    posts = _tree(tmp_path)
    (finding,) = local_verdict(
        look_up(posts.as_uri() + "/moved.md", roots=[tmp_path], cwd=tmp_path)
    ).findings
    assert finding.suggestion is not None
    assert "other/moved.md" in finding.suggestion
    (tmp_path / "img" / "moved.md").write_text("# twin\n")  # two namesakes: no guess
    (finding,) = local_verdict(
        look_up(posts.as_uri() + "/moved.md", roots=[tmp_path], cwd=tmp_path)
    ).findings
    assert "other/moved.md" not in (finding.suggestion or "")


def test_case_is_exact_and_the_message_says_so(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    answer = look_up(posts.as_uri() + "/B.md", roots=[tmp_path], cwd=tmp_path)
    assert answer.state is LocalState.MISSING
    (finding,) = local_verdict(answer).findings
    assert "case-exact" in (finding.suggestion or "")
    assert "b.md" in (finding.suggestion or "")


def test_a_name_in_nfd_on_disk_is_found_through_a_link_in_nfc(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "café.md")
    (tmp_path / name).write_text("# c\n")
    linked = unicodedata.normalize("NFC", "café.md")
    assert linked != name
    url = tmp_path.as_uri() + "/" + linked
    assert look_up(url, roots=[tmp_path], cwd=tmp_path).state is LocalState.FOUND


def test_an_extensionless_missing_path_is_a_generator_route_not_broken(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    for url in (posts.as_uri() + "/x/", tmp_path.as_uri() + "/about"):
        verdict = local_verdict(look_up(url, roots=[tmp_path], cwd=tmp_path))
        assert verdict.status is Status.SKIPPED, url
        assert "route" in (verdict.note or "")


def test_an_html_page_built_from_a_markdown_source_beside_it_is_found(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    assert (
        look_up(posts.as_uri() + "/b.html", roots=[tmp_path], cwd=tmp_path).state
        is LocalState.FOUND
    )
    assert (
        look_up(posts.as_uri() + "/c.html", roots=[tmp_path], cwd=tmp_path).state
        is LocalState.MISSING
    )


def test_a_root_relative_link_needs_root_dir(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert root_relative("file:/img/a.png")
    assert not root_relative("file:///img/a.png")
    verdict = local_verdict(look_up("file:/img/a.png", roots=[tmp_path], cwd=tmp_path))
    assert verdict.status is Status.SKIPPED
    assert "--root-dir" in (verdict.note or "")
    assert look_up("file:/img/a.png", root_dir=tmp_path).state is LocalState.FOUND
    missing = local_verdict(look_up("file:/img/none.png", root_dir=tmp_path))
    assert missing.status is Status.BROKEN


def test_a_link_out_of_the_tree_is_a_note_not_a_verdict(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    verdict = local_verdict(
        look_up(tmp_path.parent.as_uri() + "/elsewhere.md", roots=[posts], cwd=posts)
    )
    assert verdict.status is Status.SKIPPED
    assert "out of the folder" in (verdict.note or "")


def test_a_symlink_loop_and_a_fifo_are_notes_and_never_hang(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    loop = local_verdict(look_up((tmp_path / "loop").as_uri(), roots=[tmp_path], cwd=tmp_path))
    assert loop.status is Status.SKIPPED
    assert "cannot look up" in (loop.note or "")
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    fifo = local_verdict(look_up((tmp_path / "pipe.txt").as_uri(), roots=[tmp_path], cwd=tmp_path))
    assert fifo.status is Status.SKIPPED
    assert "FIFO" in (fifo.note or "")


def test_a_file_url_with_a_host_is_not_looked_up_here(tmp_path: Path) -> None:
    verdict = local_verdict(look_up("file://server/share/x.md", roots=[tmp_path], cwd=tmp_path))
    assert verdict.status is Status.SKIPPED
    assert "another machine" in (verdict.note or "")


def test_without_roots_nothing_is_out_of_bounds(tmp_path: Path) -> None:
    """The Python API's caller chose the files: a tree beside the working folder is looked up."""
    posts = _tree(tmp_path)
    answer = look_up(posts.as_uri() + "/gone.md")
    assert answer.state is LocalState.MISSING


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (LocalState.ROOT_RELATIVE, "root-relative link"),
        (LocalState.ROUTE, "generator route"),
        (LocalState.OUTSIDE, "outside the tree"),
        (LocalState.OTHER_HOST, "file on another host"),
        (LocalState.SPECIAL, "not a file"),
        (LocalState.LOOP, "unreadable path"),
    ],
)
def test_each_local_skip_is_counted_under_its_own_name(state: LocalState, reason: str) -> None:
    from checker.model import CheckedCitation, Citation, CitationKind  # noqa: PLC0415
    from checker.report.accounting import skip_reason  # noqa: PLC0415

    verdict = local_verdict(LocalAnswer(state, "x", "x"))
    assert verdict.status is Status.SKIPPED
    url = "file:///x"
    checked = CheckedCitation(Citation(CitationKind.LINK, url), Status.SKIPPED, note=verdict.note)
    assert skip_reason(checked) == reason


def test_a_control_character_in_a_link_is_shown_escaped(tmp_path: Path) -> None:
    (finding,) = local_verdict(
        look_up(tmp_path.as_uri() + "/a%00%1b.md", roots=[tmp_path])
    ).findings
    assert "\x00" not in finding.message and "\x1b" not in finding.message
    assert "a\\x00\\x1b.md" in finding.message


def test_a_folder_page_linked_to_a_file_of_another_suffix_is_read_as_html(tmp_path: Path) -> None:
    """``site/index.html -> page.php``: the folder page resolves to a file of no known kind and
    is read as the HTML its name says (a reviewer took that fallback for dead code)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.php").write_text('<html><body><h2 id="kept">K</h2></body></html>')
    (site / "index.html").symlink_to("page.php")
    answer = look_up(site.as_uri() + "/", ("kept",))
    assert answer.unread is None
    assert answer.anchors is not None
    assert "kept" in answer.anchors.names
