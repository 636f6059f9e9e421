"""Prose in brackets that names a platform is no embed call, and a theme's include of nothing
is its own (session 30's review of left30a: "the talk from [youtube 2019]" and "my [tweet
2/3]" failed the run as malformed-url errors, "[video 2]" was a local link to a file ``2``, and
``{% include twitter.html %}`` a malformed-url).  A bare argument is an id only in the shape of
the platform's ids.  Through the real CLI on a local post: nothing is fetched."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.cli import main
from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path


def test_prose_naming_a_platform_and_a_bare_include_are_no_calls(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: Notes\n---\n\nThe talk from [youtube 2019], my [tweet 2/3] and [video 2].\n"
        "Also [tweet 123abc], [tweet status_x], [youtube Recommended] and [vimeo 12].\n\n"
        "{% include twitter.html %}\n\n[A note](./a.txt).\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("A note.\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    cited = [c["url"].rsplit("/", 1)[-1] for d in report["documents"] for c in d["citations"]]
    assert cited == ["a.txt"]
    assert "malformed-url" not in report["summary"]["findings"]


def test_a_bare_argument_in_the_platform_s_id_shape_is_its_embed() -> None:
    body = (
        "# Post\n\n[youtube dQw4w9WgXcQ] and [tweet 1234567890123456789] and "
        "[youtube https://www.youtube.com/watch?v=w7Ft2ymGmfc]\n"
    )
    page = Page("file:///blog/post.md", "/blog/post.md", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.kind.value, c.url.split("/")[2]) for c in document.citations] == [
        ("embed", "www.youtube.com"),
        ("embed", "twitter.com"),
        ("embed", "www.youtube.com"),
    ]


def test_old_and_owned_gists_are_embeds_and_a_hyphenated_word_is_no_video() -> None:
    """reviewC: ``[gist 1234567]`` (an old numeric gist) and ``[gist octocat/6cad…]`` were cited
    before the id shapes and then vanished; ``[youtube hello-world]`` was read as a video id."""
    body = (
        "# P\n\n[gist 1234567] and [gist octocat/6cad326836d38bd3a7ae] and [youtube hello-world].\n"
    )
    page = Page("file:///blog/post.md", "/blog/post.md", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [c.url for c in document.citations] == [
        "https://gist.github.com/1234567",
        "https://gist.github.com/octocat/6cad326836d38bd3a7ae",
    ]
