"""Left 34a: Hexo's ``{% post_link slug %}`` in a Hexo site's folder is the post it names.

Hexo finds the post by its slug (its file's path under ``source/_posts/``, no suffix), else by
its title, and fails the build when there is none.  Cited as a template's placeholder it was
``skipped`` wherever it stood, so a link to a renamed or unwritten post passed (session 33
left).  In a Hexo site (``_config.yml`` beside ``source/_posts/``) a found post is ``ok`` and a
missing one ``broken``, as a missing local file is; outside one it stays ``skipped`` (guard).
Through the CLI on local folders (nothing is fetched).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.cli import main

if TYPE_CHECKING:
    from pathlib import Path

CITING = (
    "---\ntitle: Citing\n---\n\n"
    "First {% post_link hello-world %}.\n\n"
    "Then {% post_link 2020/nested 'the nested one' %}.\n\n"
    'By title {% post_link "A Renamed Post" %}.\n\n'
    "Gone {% post_link gone-post %}.\n"
)


def _check(folder: Path) -> dict[str, Any]:
    out = folder.parent / "out"
    argv = ["check", str(folder), "--no-store", "--archive", "off", "--format", "json"]
    main([*argv, "--report-dir", str(out)])
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _statuses(report: dict[str, Any]) -> dict[tuple[str, int], str]:
    (doc,) = [d for d in report["documents"] if d["title"] == "Citing"]
    return {(c["url"].rsplit("/_posts/", 1)[-1], c["line"]): c["status"] for c in doc["citations"]}


def test_a_post_link_in_a_hexo_site_is_the_post_it_names(tmp_path: Path) -> None:
    site = tmp_path / "blog"
    posts = site / "source" / "_posts"
    (posts / "2020").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    (posts / "hello-world.md").write_text("---\ntitle: Hello\n---\n\nHi.\n", encoding="utf-8")
    (posts / "2020" / "nested.markdown").write_text(
        "---\ntitle: Nested Post\n---\n\nNested.\n", encoding="utf-8"
    )
    (posts / "renamed-2021.md").write_text(
        "---\ntitle: A Renamed Post\n---\n\nOld.\n", encoding="utf-8"
    )
    (posts / "citing.md").write_text(CITING, encoding="utf-8")
    assert _statuses(_check(site)) == {
        ("hello-world.md", 5): "ok",
        ("2020/nested.markdown", 7): "ok",
        ("renamed-2021.md", 9): "ok",  # found by its title, as Hexo's second way
        ("gone-post.md", 11): "broken",
    }


def test_outside_a_hexo_site_it_stays_a_placeholder(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "citing.md").write_text(CITING, encoding="utf-8")
    statuses = _statuses(_check(folder))
    assert set(statuses.values()) == {"skipped"} and len(statuses) == 4


def test_the_sites_post_file_names_and_a_heading_after_the_slug(tmp_path: Path) -> None:
    """Mend 34q: a site whose ``new_post_name`` is ``:year-:month-:day-:title.md`` gives
    ``2024-01-02-hello.md`` the slug ``hello``, and ``intro#part-2`` is the post ``intro`` at a
    heading: both were said ``broken``.  A slug no post has is ``broken`` still."""
    site = tmp_path / "blog"
    posts = site / "source" / "_posts"
    posts.mkdir(parents=True)
    (site / "_config.yml").write_text(
        "title: Blog\nnew_post_name: ':year-:month-:day-:title.md' # dated\n", encoding="utf-8"
    )
    (posts / "2024-01-02-hello.md").write_text("---\ntitle: Hi\n---\n\nHi.\n", encoding="utf-8")
    (posts / "2024-01-03-intro.md").write_text("---\ntitle: In\n---\n\nIn.\n", encoding="utf-8")
    (posts / "2024-01-05-csharp.md").write_text(
        "---\ntitle: C# tips\n---\n\nC.\n", encoding="utf-8"
    )
    (posts / "2024-01-04-citing.md").write_text(
        "---\ntitle: Citing\n---\n\n{% post_link hello %}\n\n{% post_link intro#part-2 %}\n\n"
        '{% post_link gone %}\n\n{% post_link "C# tips" %}\n',
        encoding="utf-8",
    )
    assert _statuses(_check(site)) == {
        ("2024-01-02-hello.md", 5): "ok",
        ("2024-01-03-intro.md", 7): "ok",
        ("gone.md", 9): "broken",
        ("2024-01-05-csharp.md", 11): "ok",  # a title holding "#" is found whole
    }


def test_a_post_file_name_rule_not_read_leaves_the_placeholder(tmp_path: Path) -> None:
    """A ``new_post_name`` of a part not read here (``:lang``): the slug's file is not known,
    so the link stays ``skipped``, never a ``broken`` guessed."""
    site = tmp_path / "blog"
    posts = site / "source" / "_posts"
    posts.mkdir(parents=True)
    (site / "_config.yml").write_text("new_post_name: :lang/:title.md\n", encoding="utf-8")
    (posts / "citing.md").write_text(
        "---\ntitle: Citing\n---\n\n{% post_link hello %}\n", encoding="utf-8"
    )
    assert set(_statuses(_check(site)).values()) == {"skipped"}
