"""An embed the post clearly wrote is cited or said, never gone (session 29 left: a WordPress
``[tweet 123abc]``, ``[embed][/embed]`` and a bare Hugo ``{{< youtube >}}`` vanished with no
word).  Through the real CLI on a local post: nothing is fetched (every case is malformed or
text).  Prose in brackets stays prose."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path

CLEAR_CALLS = (
    "[tweet id=123abc]",  # an id of the wrong shape (bare, it is prose: test_mend30_shortcodes)
    "[embed][/embed]",  # closed by its mark, with nothing in it
    '[youtube id=""]',
    "{{< youtube >}}",  # Hugo's own, with no id: the build shows no video
    "{{< tweet >}}",
    "{{% x %}}",
    "{% youtube %}",
    "{{< tweet >}}abc{{< /tweet >}}",  # a paired call's body is its id
)


def _run(tmp_path: Path, body: str) -> tuple[int, dict[str, Any]]:
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: Embeds\n---\n\nWatch:\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("call", CLEAR_CALLS)
def test_an_embed_call_with_no_readable_id_is_a_malformed_url(tmp_path: Path, call: str) -> None:
    code, report = _run(tmp_path, call)
    (citation,) = report["documents"][0]["citations"]
    assert citation["url"] == call
    assert [f["code"] for f in citation["findings"]] == ["malformed-url"]
    assert "shortcode naming an embed" in citation["findings"][0]["message"]
    assert code == ExitCode.FAILED


def test_prose_in_brackets_stays_prose(tmp_path: Path) -> None:
    body = (
        "- [x] done\n- [tweet from yesterday], [youtube x y], [video of the talk]\n"
        "- [tweet yesterday.] and [youtube @home]\n"
        "- [youtube] and [tweet] alone\n\n{{< notice >}} a theme's own\n"
    )
    code, report = _run(tmp_path, body)
    assert report["documents"][0]["citations"] == []
    assert code == ExitCode.FAILED  # a run that checked nothing fails as nothing-checked
    assert "malformed-url" not in report["summary"]["findings"]


def test_a_paired_hugo_call_with_an_id_is_its_embed() -> None:
    body = "# Post\n\n{{< youtube >}}w7Ft2ymGmfc{{< /youtube >}}\n"
    page = Page("file:///blog/post.md", "/blog/post.md", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.kind.value, c.url) for c in document.citations] == [
        ("embed", "https://www.youtube.com/watch?v=w7Ft2ymGmfc")
    ]
