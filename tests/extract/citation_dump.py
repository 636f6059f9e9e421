"""Every citation of the 200 real article pages (and of a fixture corpus), as plain data.

What must not change when extraction is made faster (issue 19): each post's URL, title, date and
each citation's URL, kind, line, context and cited fields.  ``tests/extract/test_realpages_digest``
holds its digest; ``python -m bench.extraction dump`` writes it out for a diff.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.discover.inputs import _path_discovery
from checker.errors import InputError
from checker.extract import extract
from checker.model import PageKind
from tests.verify.realpages import _extracted, tarball_path

if TYPE_CHECKING:
    from checker.model import Page

__all__ = ["citation_dump", "corpus_pages", "dump_digest", "realpage_pages"]

_CORPUS_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".xhtml", ".txt"})


def realpage_pages() -> list[tuple[str, Page]]:
    """The 200 real pages as discover reads them from files, named by their file."""
    folder = _extracted(tarball_path())
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [
        (entry["file"], page)
        for entry in truth.values()
        for page in _path_discovery(folder / entry["file"]).pages
    ]


def corpus_pages(folder: Path) -> list[tuple[str, Page]]:
    """Every Markdown, HTML and text file under ``folder`` as pages, named by relative path."""
    found: list[tuple[str, Page]] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in _CORPUS_SUFFIXES:
            continue
        try:
            pages = _path_discovery(path).pages
        except InputError:
            continue
        found.extend((str(path.relative_to(folder)), page) for page in pages)
    return found


_FRAGMENTS = frozenset({"fragments", "own_fragments"})
_UNLESS_UNSET: dict[str, object] = {"post_cjk": None, "vault_note": None}


def _plain(value: Any) -> Any:
    """A model value as JSON-able data (dataclasses, enums, tuples); a citation's
    ``fragments`` and a post's ``own_fragments``, which only ``--include-fragments`` keeps,
    only when they hold some; a citation's ``post_cjk`` (the script of the post citing a
    title) only when known, its ``vault_note`` (a vault's wikilink to a note not seen there,
    session 31) only when set: the digests taken before these fields stand."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if (f.name not in _FRAGMENTS or getattr(value, f.name))
            and (f.name not in _UNLESS_UNSET or getattr(value, f.name) != _UNLESS_UNSET[f.name])
        }
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, (str, int, float)):
        return value.value
    return value


def _portable(post: dict[str, Any], page: Page, name: str) -> dict[str, Any]:
    """``post`` with the folder its file was read from written as ``file:///INPUT``: a file's
    relative links resolve to ``file://`` URLs under that folder, which differs from machine to
    machine (the real pages are unpacked under a temporary folder named after the checkout)."""
    if not page.origin.endswith(name):
        return post
    folder = Path(page.origin[: -len(name)]).absolute().as_uri().rstrip("/") + "/"
    text = json.dumps(post, ensure_ascii=False)
    return dict(json.loads(text.replace(json.dumps(folder)[1:-1], "file:///INPUT/")))


def citation_dump(
    pages: list[tuple[str, Page]], *, verbatim_too: bool = True
) -> list[dict[str, Any]]:
    """Every post of ``pages`` with each citation's url, kind, line, context and cited fields,
    read without and (``verbatim_too``, not for plain text) with ``--include-verbatim``; the
    input folder's own ``file://`` URLs written the same on every machine."""
    out: list[dict[str, Any]] = []
    for name, page in pages:
        both = verbatim_too and page.kind is not PageKind.TEXT
        for verbatim in (False, True) if both else (False,):
            for document in extract(page, include_verbatim=verbatim):
                post = {
                    "file": name,
                    "verbatim": verbatim,
                    "post": document.url,
                    "title": document.title,
                    "published": document.published.isoformat() if document.published else None,
                    "omitted": document.omitted,
                    "citations": [_plain(c) for c in document.citations],
                }
                out.append(_portable(post, page, name))
    return out


def dump_digest(dump: list[dict[str, Any]]) -> str:
    """The sha256 of a dump in one canonical JSON form."""
    text = json.dumps(dump, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
