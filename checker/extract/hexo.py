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
import re
from pathlib import Path, PurePosixPath

from checker.extract.wikilinks import folder_above
from checker.lazyre import lazy
from checker.runcache import per_run

__all__ = ["post_link_target"]

_POSTS = ("source", "_posts")
_MAX_POSTS = 100_000
"""A site listing past this many files is not looked through (the link stays a placeholder)."""
_HEAD_BYTES = 1 << 14
"""The bytes of a post read for its front matter's title."""


def post_link_target(slug: str, page_url: str) -> str | None:
    """The ``file:`` URL ``{% post_link slug %}`` in the post at ``page_url`` links to, or None
    when the post is in no Hexo site's folder, the slug is no path under ``_posts``, or the
    site names its posts' files in a way not read here (its ``new_post_name``).  A ``#part``
    after the slug is the post's heading, not its name (``{% post_link intro#part-2 %}``)."""
    site = folder_above(page_url, _is_hexo_site)
    whole = slug.strip()
    written = whole.split("#", 1)[0]
    parts = PurePosixPath(written).parts
    if site is None or not parts or parts[0] == "/" or ".." in parts:
        return None
    file_name = _file_name_rule(site / "_config.yml")
    if file_name is None:
        return None
    posts = site.joinpath(*_POSTS)
    listed = _listed(posts, file_name)
    if listed is None:
        return None
    titled = _titled(posts, file_name)  # a title may hold a "#" ("C# tips"): tried whole first
    found = listed.get("/".join(parts)) or titled.get(whole) or titled.get(written)
    return (found or posts.joinpath(*parts).with_name(f"{parts[-1]}.md")).as_uri()


_NEW_POST_NAME = lazy(r"^new_post_name:(.*)$", re.MULTILINE)
_TOKEN = lazy(r":([a-z_]+)")
_TOKEN_FORMS = {
    "title": "(?P<title>.+)",
    "year": "[0-9]{4}",
    "month": "[0-9]{2}",
    "day": "[0-9]{2}",
    "i_month": "[0-9]{1,2}",
    "i_day": "[0-9]{1,2}",
}
"""The parts of Hexo's ``new_post_name`` (its filename pattern, ``:title.md`` by default)
that a post's slug is read from: the ``:title`` part of its file's path, the dates around it
(Hexo's own segments).  A pattern of any other part, or of ``:title`` not once, is not read."""


@per_run(8)
def _file_name_rule(settings: Path) -> re.Pattern[str] | None:
    """What a post's path under ``_posts`` (no suffix) must match, its slug the ``title``
    group: Hexo's ``new_post_name`` (``:year-:month-:day-:title.md`` makes ``hello`` the slug
    of ``2024-01-02-hello.md``, which was keyed by its whole name, so a link to ``hello`` was
    said ``broken``).  None when the pattern holds a part not read here: the link stays the
    placeholder it was.  Made from the site's settings, its literal text escaped: one ``.+``
    group and parts of fixed digits, so a path (a file's name, short) is matched without
    backtracking past its length."""
    try:
        with settings.open("rb") as file:
            text = file.read(_HEAD_BYTES * 4).decode("utf-8", "replace")
    except OSError:
        return None
    written = _NEW_POST_NAME.search(text)
    value = written.group(1).split("#", 1)[0].strip().strip("'\"") if written else ""
    rule = PurePosixPath(value or ":title.md").with_suffix("")
    pattern, end = "", 0
    for token in _TOKEN.finditer(rule.as_posix()):
        form = _TOKEN_FORMS.get(token.group(1))
        if form is None:
            return None
        pattern += re.escape(rule.as_posix()[end : token.start()]) + form
        end = token.end()
    pattern += re.escape(rule.as_posix()[end:])
    if pattern.count("(?P<title>") != 1:
        return None
    return re.compile(pattern)


@per_run(64)
def _is_hexo_site(folder: Path) -> bool:
    return (folder / "_config.yml").is_file() and folder.joinpath(*_POSTS).is_dir()


@per_run(8)
def _listed(posts: Path, file_name: re.Pattern[str]) -> dict[str, Path] | None:
    """Each post file under ``posts`` by its slug (the ``title`` part of its path there, suffix
    dropped, that ``file_name`` reads; its whole path besides), None past :data:`_MAX_POSTS`
    files or on a folder that cannot be read.  Hidden entries are none (Hexo ignores them); a
    stack, not recursion; folders linked in are not walked."""
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
                        key = path.relative_to(posts).with_suffix("").as_posix()
                        found.setdefault(key, path)
                        read = file_name.fullmatch(key)
                        if read is not None:
                            found.setdefault(read.group("title"), path)
                    if len(found) > _MAX_POSTS:
                        return None
    except OSError:
        return None
    return found


@per_run(8)
def _titled(posts: Path, file_name: re.Pattern[str]) -> dict[str, Path]:
    """Each post of :func:`_listed` by its front matter's ``title``, read only when a slug
    names no file: Hexo's second way to find the post."""
    from checker.extract.markdown import front_matter_title  # noqa: PLC0415 (a cycle)

    titles: dict[str, Path] = {}
    for path in sorted(set((_listed(posts, file_name) or {}).values())):
        try:
            with path.open("rb") as file:
                head = file.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        title = front_matter_title(head)
        if title:
            titles.setdefault(title, path)
    return titles
