"""Sort each INPUT into a URL, a file or a folder, and turn it into :class:`Page` values.

A URL the user names is fetched whatever robots.txt says (robots governs only what a crawler
finds by itself).  An input that cannot be read at all is an :class:`InputError`: the run stops
with one line saying which input and why, before any checking starts, so nothing half-done is
reported as a result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from checker.encoding import decode_body, is_textual
from checker.errors import InputError
from checker.model import Fetcher, Outcome, Page, PageKind

__all__ = ["PAGE_SUFFIXES", "discover", "page_kind"]

PAGE_SUFFIXES: dict[str, PageKind] = {
    ".html": PageKind.HTML,
    ".htm": PageKind.HTML,
    ".xhtml": PageKind.HTML,
    ".md": PageKind.MARKDOWN,
    ".markdown": PageKind.MARKDOWN,
    ".txt": PageKind.TEXT,
}
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']""", re.IGNORECASE
)
_MAX_FILE_BYTES = 50 * 1024 * 1024


async def discover(inputs: Sequence[str], fetcher: Fetcher) -> tuple[Page, ...]:
    """Every page the inputs name, in the order given (a folder's files sorted by path)."""
    if not inputs:
        raise InputError("no INPUT given: name a URL, a file or a folder")
    pages: list[Page] = []
    for item in inputs:
        if _URL_LIKE.match(item):
            pages.append(await _url_page(item, fetcher))
        else:
            pages.extend(_path_pages(Path(item)))
    return tuple(pages)


def page_kind(name: str, head: str) -> PageKind:
    """The page kind by file suffix, else by sniffing the start of the body."""
    suffix = Path(urlsplit(name).path).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return PAGE_SUFFIXES[suffix]
    return (
        PageKind.HTML
        if re.search(r"<(!doctype html|html|body)\b", head[:2048], re.I)
        else (PageKind.TEXT)
    )


async def _url_page(url: str, fetcher: Fetcher) -> Page:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputError(f"{url}: malformed URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: not an http(s) URL; give a page URL, a file or a folder")
    result = await fetcher.get(url)
    if result.outcome is not Outcome.OK:
        raise InputError(f"{url}: cannot fetch input ({result.error or result.outcome})")
    if result.status_code is None or result.status_code >= 400:
        raise InputError(f"{url}: cannot fetch input (HTTP {result.status_code})")
    if result.text is None:
        raise InputError(f"{url}: input is not a text page ({result.content_type})")
    final = result.final_url or url
    return Page(final, url, result.text, page_kind(final, result.text))


def _path_pages(path: Path) -> list[Page]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
        files = [p for p in files if p.is_file() and not _hidden(p.relative_to(path).parts)]
        if not files:
            suffixes = ", ".join(PAGE_SUFFIXES)
            raise InputError(f"{path}: folder holds no pages ({suffixes})")
        return [_file_page(p) for p in files]
    if path.is_file():
        return [_file_page(path)]
    raise InputError(f"{path}: no such file or folder")


def _hidden(parts: Iterable[str]) -> bool:
    return any(part.startswith(".") for part in parts)


def _file_page(path: Path) -> Page:
    try:
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise InputError(f"{path}: file too large ({size} bytes) to be a post")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not is_textual(None, data):
        raise InputError(f"{path}: not a text file (binary content)")
    text, _ = decode_body(data, None)
    canonical = _CANONICAL.search(text[:20_000])
    url = canonical.group(1) if canonical else path.resolve().as_uri()
    return Page(url, str(path), text, page_kind(path.name, text))
