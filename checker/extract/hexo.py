"""Hexo's ``{% post_link slug %}`` resolved as Hexo resolves it, in a Hexo site's folder.

Hexo writes the link when the site is built, finding the post by its slug (its file's path
under ``source/_posts/``, the suffix dropped), else by its title, and fails the build on a
post it cannot find.  Cited as written it was a template's placeholder, ``skipped``: a link to
a post renamed or never written passed (session 33 left).  Where the post is a file of a Hexo
site (``_config.yml`` beside ``source/_posts/``), the link is the post's file, or, when no post
has that slug or title, the file the slug names, missing: ``broken``, as a missing local file
is.  Elsewhere (a web page, a post outside such a folder) it stays the placeholder it was.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path, PurePosixPath

from checker.extract.wikilinks import folder_above

__all__ = ["post_link_target"]

_POSTS = ("source", "_posts")
_MAX_POSTS = 100_000
"""A site listing past this many files is not looked through (the link stays a placeholder)."""
_HEAD_BYTES = 1 << 14
"""The bytes of a post read for its front matter's title."""


def post_link_target(slug: str, page_url: str) -> str | None:
    """The ``file:`` URL ``{% post_link slug %}`` in the post at ``page_url`` links to, or None
    when the post is in no Hexo site's folder, or the slug is no path under ``_posts``."""
    site = folder_above(page_url, _is_hexo_site)
    parts = PurePosixPath(slug.strip()).parts
    if site is None or not parts or parts[0] == "/" or ".." in parts:
        return None
    posts = site.joinpath(*_POSTS)
    listed = _listed(posts)
    if listed is None:
        return None
    key = "/".join(parts)
    found = listed.get(key) or _titled(posts).get(slug.strip())
    return (found or posts.joinpath(*parts).with_name(f"{parts[-1]}.md")).as_uri()


@lru_cache(maxsize=64)
def _is_hexo_site(folder: Path) -> bool:
    return (folder / "_config.yml").is_file() and folder.joinpath(*_POSTS).is_dir()


@lru_cache(maxsize=8)
def _listed(posts: Path) -> dict[str, Path] | None:
    """Each post file under ``posts`` by its slug (its path there, suffix dropped), None past
    :data:`_MAX_POSTS` files or on a folder that cannot be read.  Hidden entries are none
    (Hexo ignores them); a stack, not recursion; folders linked in are not walked."""
    found: dict[str, Path] = {}
    stack = [posts]
    try:
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith((".", "_")):
                        continue
                    path = Path(entry.path)
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(path)
                    elif entry.is_file():
                        found.setdefault(path.relative_to(posts).with_suffix("").as_posix(), path)
                    if len(found) > _MAX_POSTS:
                        return None
    except OSError:
        return None
    return found


@lru_cache(maxsize=8)
def _titled(posts: Path) -> dict[str, Path]:
    """Each post of :func:`_listed` by its front matter's ``title``, read only when a slug
    names no file: Hexo's second way to find the post."""
    from checker.extract.markdown import front_matter_title  # noqa: PLC0415 (a cycle)

    titles: dict[str, Path] = {}
    for path in sorted((_listed(posts) or {}).values()):
        try:
            with path.open("rb") as file:
                head = file.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        title = front_matter_title(head)
        if title:
            titles.setdefault(title, path)
    return titles
