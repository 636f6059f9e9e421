"""What is said of a ``---`` block that is no YAML names only its first field's key, capped
(session 30's review of left30a: the whole second line, ``password=hunter2 token=ghp_…``,
reached report.json unredacted and as long as the file made it), and YAML a generator reads
is not said (a quoted key with a colon, a flow list continued at column 0, a title quoted over
two lines were "no YAML", their title lost).  Local files only."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import main
from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path

SECRET = "ghp_" + "a1B2" * 9


def test_the_message_names_the_field_key_only(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "secret.md").write_text(
        f"---\npassword=hunter2 token={SECRET}\nno yaml here\n---\n\nText.\n", encoding="utf-8"
    )
    long_key = "k" * 5000
    (posts / "long.md").write_text(f"---\n{long_key}: 1\nno yaml\n---\n\nText.\n", "utf-8")
    out = tmp_path / "out"
    argv = ["check", str(posts), "--no-store", "--archive", "off", "--format", "json"]
    main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    said = {
        p["subject"].rsplit("/", 1)[-1]: p["message"]
        for p in report["problems"]
        if p["code"] == "post-unreadable"
    }
    assert set(said) == {"secret.md", "long.md"}
    assert "(---, then password:)" in said["secret.md"]
    assert "hunter2" not in said["secret.md"]
    assert SECRET not in said["secret.md"]
    assert f"(---, then {'k' * 64}:)" in said["long.md"]
    assert len(said["long.md"]) < 300


VALID_YAML = {
    "quoted key": '---\n"odd:key": 1\ntitle: Quoted key\n---\n\nText.\n',
    "flow list": "---\ntitle: Flow list\ntags: [a,\nb]\n---\n\nText.\n",
    "two lines": '---\ntitle: "A title quoted\n  over two lines"\ndate: 2024-05-01\n---\n\nText.\n',
}


@pytest.mark.parametrize("name", VALID_YAML)
def test_valid_yaml_front_matter_is_read_not_said(name: str) -> None:
    page = Page("file:///blog/post.md", "/blog/post.md", VALID_YAML[name], PageKind.MARKDOWN)
    (document,) = extract(page)
    assert document.unread_part is None
    expected = "A title quoted over two lines" if name == "two lines" else name.capitalize()
    assert document.title == expected
