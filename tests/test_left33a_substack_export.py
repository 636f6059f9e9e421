"""A Substack export read as a folder (``posts.csv`` beside ``posts/ID.slug.html``, each post's
body a fragment with no title) names each post by the title its CSV gives, a draft's marked
``[draft]`` as an export's drafts are: each was named by its file and a draft not marked
(session 32 left).  Its citations keep their lines.  An HTML file in a ``posts/`` folder with
no Substack CSV beside it is read as before (guard).  Local files only."""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.discover.inputs import discover_inputs
from checker.extract import extract

CSV = (
    "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,"
    "podcast_url\n"
    "123456.first-post,2024-03-01T10:00:00.000Z,true,2024-03-01T10:00:00.000Z,,newsletter,"
    'everyone,"Rates, again",A subtitle,\n'
    "123457.unsent,,false,,,newsletter,everyone,Notes in progress,,\n"
)


def _read(folder: Path) -> list[tuple[str, str | None, list[tuple[str, int | None]]]]:
    (found,) = asyncio.run(discover_inputs([str(folder)], None))  # type: ignore[arg-type]
    return [
        (Path(page.origin).name, doc.title, [(c.url or "", c.line) for c in doc.citations])
        for page in found.pages
        for doc in extract(page)
    ]


def _export(folder: Path, csv: str | None) -> Path:
    posts = folder / "posts"
    posts.mkdir(parents=True)
    if csv is not None:
        (folder / "posts.csv").write_text(csv, encoding="utf-8")
    (posts / "123456.first-post.html").write_text(
        '<p>Intro.</p>\n<p>As <a href="https://src.example/a">the report</a> says.</p>\n',
        encoding="utf-8",
    )
    (posts / "123457.unsent.html").write_text(
        '<p>See <a href="https://src.example/b">b</a>.</p>\n', encoding="utf-8"
    )
    return folder


def test_a_substack_export_s_posts_are_titled_from_its_csv(tmp_path: Path) -> None:
    assert _read(_export(tmp_path / "export", CSV)) == [
        ("123456.first-post.html", "Rates, again", [("https://src.example/a", 2)]),
        ("123457.unsent.html", "[draft] Notes in progress", [("https://src.example/b", 1)]),
    ]


def test_a_posts_folder_without_substack_s_csv_is_read_as_before(tmp_path: Path) -> None:
    read = _read(_export(tmp_path / "site", None))
    assert [(name, cited) for name, _title, cited in read] == [
        ("123456.first-post.html", [("https://src.example/a", 2)]),
        ("123457.unsent.html", [("https://src.example/b", 1)]),
    ]
    assert not any(title and ("Rates" in title or "draft" in title) for _n, title, _c in read)
