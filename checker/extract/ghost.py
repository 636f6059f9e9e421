"""A Ghost export (``.json``, Ghost's Labs → Export) read as the posts it holds.

Read as JSON text (probe 25), an export was one page: every post's links in one document
titled ``{`` (its first line), each finding on line 1 of a one-line file with nothing saying
which post it is in, and the strings no post shows cited too: the blog's own address in
``settings`` (``http://localhost:2368`` on a copy of a local blog: a false ``unreachable``),
the authors' profile links.  Here each post (``db[].data.posts[]``; ``pages[]`` of older
Ghost) is a post of its own, as a WordPress export's are: its title (``[draft]`` when it is not
published, ``[scheduled]`` when it is to be), its date, its address (the blog's ``url``
setting and its ``slug`` as one path segment), and what its ``html`` cites (the HTML Ghost
renders and serves), each on the file line of that string; its ``__GHOST_URL__`` placeholder
is the blog's address when the export names it, else a link left unchecked and said
(:func:`checker.urls.is_template_placeholder`, probe 26b2).  A post with no ``html`` (an
export of the editor's documents only) is read from its ``lexical``
or ``mobiledoc`` document as text.  Any other JSON is read as JSON text, as before.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import quote

from checker.dates import parse_post_date
from checker.extract.json_values import string_values
from checker.extract.markups import readable
from checker.extract.posts import extract_html
from checker.extract.text import extract_text
from checker.model import Document, Page, PageKind, titled_state
from checker.urls import GHOST_URL_PLACEHOLDER

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["extract_ghost"]

# ``db[k].data.posts[i].html``: 6 containers deep at most (an export without ``db``: 4).
_MAX_DEPTH = 6
_POST_LISTS = ("posts", "pages")
_BODIES = ("html", "lexical", "mobiledoc")
_PUBLISHED = "published"
_EXPORTED = "exported_on"  # what every Ghost export's ``meta`` holds
# What a post not on the blog is said to be, by its ``status`` (Ghost 5's ``sent``: a newsletter
# sent by email only); any other status: a draft
_UNPUBLISHED = {"scheduled": "scheduled", "sent": "sent by email"}


def extract_ghost(
    page: Page, *, include_verbatim: bool = False, max_citations: int | None = None
) -> tuple[Document, ...] | None:
    """The posts of the Ghost export ``page`` holds, or None when it is no Ghost export."""
    if '"posts"' not in page.body and '"pages"' not in page.body:
        return None  # most JSON is no export: no parse
    try:
        parsed = json.loads(page.body)
    except (ValueError, RecursionError):
        return None
    datas = list(_datas(parsed))
    if not datas:
        return None
    site = next((s for s in map(_site_url, datas) if s), None)
    bodies: dict[tuple[object, ...], dict[str, tuple[int, str]]] = {}
    for number, path, text in string_values(page.body, _MAX_DEPTH):
        if len(path) >= 3 and path[-3] in _POST_LISTS:
            found = bodies.setdefault(path[:-1], {})
            found.setdefault("", (number, ""))  # the post's first string: its line
            if path[-1] in _BODIES:
                found[str(path[-1])] = (number, text)
    documents: list[Document] = []
    for path, post in _posts(parsed):
        found = bodies.get(path, {})
        documents.append(
            _post(page, post, found, site, include_verbatim=include_verbatim, limit=max_citations)
        )
    return tuple(documents)


def _datas(parsed: object) -> Iterator[dict[str, object]]:
    """The ``data`` objects of an export, each once."""
    seen: set[int] = set()
    for _prefix, data in _holders(parsed):
        if id(data) not in seen:
            seen.add(id(data))
            yield data


def _holders(parsed: object) -> Iterator[tuple[tuple[object, ...], dict[str, object]]]:
    """The ``data`` objects of an export and their paths: under ``db[k]`` (Ghost 1-5) or at the
    top, each beside the ``meta`` Ghost writes (``exported_on``: a JSON API's ``{"meta": …,
    "data": {"posts": …}}`` is no export, and read as one its URLs went uncited, probe 26b2)."""
    holders = parsed.get("db") if isinstance(parsed, dict) else None
    roots: list[tuple[tuple[object, ...], object]] = (
        [(("db", k), h) for k, h in enumerate(holders)]
        if isinstance(holders, list)
        else [((), parsed)]
    )
    for prefix, holder in roots:
        if not isinstance(holder, dict):
            continue
        meta, data = holder.get("meta"), holder.get("data")
        if not isinstance(meta, dict) or _EXPORTED not in meta or not isinstance(data, dict):
            continue
        if any(isinstance(data.get(k), list) for k in _POST_LISTS):
            yield prefix, data


def _posts(parsed: object) -> Iterator[tuple[tuple[object, ...], dict[str, object]]]:
    """Each post object and its path, in the file's order."""
    for prefix, data in _holders(parsed):
        for name in _POST_LISTS:
            items = data.get(name)
            if not isinstance(items, list):
                continue
            for index, post in enumerate(items):
                if isinstance(post, dict):
                    yield (*prefix, "data", name, index), post


def _site_url(data: dict[str, object]) -> str | None:
    """The blog's address, from the ``url`` setting (a JSON string in newer exports)."""
    settings = data.get("settings")
    for setting in settings if isinstance(settings, list) else ():
        if isinstance(setting, dict) and setting.get("key") == "url":
            value = setting.get("value")
            if isinstance(value, str):
                value = value.strip().strip('"')
                if value.lower().startswith(("http://", "https://")):
                    return value.rstrip("/")
    return None


def _post(
    page: Page,
    post: dict[str, object],
    bodies: dict[str, tuple[int, str]],
    site: str | None,
    *,
    include_verbatim: bool,
    limit: int | None,
) -> Document:
    """One post of the export, its citations on the line of the string they were read from."""
    slug = post.get("slug")
    slug = slug if isinstance(slug, str) and slug else str(post.get("id") or "")
    # one path segment whatever the export says: a slug's ``../``, ``?``, ``#`` or newline
    # would climb out of the blog, or write a line of its own into a report (probe 26b2)
    segment = quote(slug, safe="")
    url = f"{site}/{segment}/" if site else f"{page.url}#{segment}"
    title = post.get("title")
    shown = title if isinstance(title, str) and title.strip() else None
    status = post.get("status")
    if status not in (None, _PUBLISHED):
        shown = titled_state(shown or segment, _UNPUBLISHED.get(str(status), "draft"))
    date = post.get("published_at") or post.get("created_at")
    published = parse_post_date(date) if isinstance(date, str) else None
    name = next((k for k in _BODIES if k in bodies), None)
    # no html, lexical or mobiledoc (Ghost 0.x's ``markdown``, an export written by hand): the
    # post's own JSON is read as text, so what it cites is never dropped (probe 26b2)
    line, text = bodies[name] if name is not None else bodies.get("", (None, ""))
    if name is None:
        text = json.dumps(post, ensure_ascii=False)
    if site is not None:  # Ghost's own links: the blog's address, when the export names it
        text = text.replace(GHOST_URL_PLACEHOLDER, site)
    if name == "html":
        read = Page(url, page.origin, text, PageKind.HTML)
        found = extract_html(read, include_verbatim=include_verbatim, max_citations=limit)
    else:  # the editor's own document, or the post's: JSON again, its strings read as text
        body = readable(text, "post.json", include_verbatim=include_verbatim)
        read = Page(url, page.origin, body, PageKind.TEXT)
        found = extract_text(read, include_verbatim=include_verbatim, max_citations=limit)
    citations = tuple(replace(c, line=line) for d in found for c in d.citations)
    omitted = sum(d.omitted for d in found)
    return Document(url, page.origin, shown, published, citations, omitted=omitted)
