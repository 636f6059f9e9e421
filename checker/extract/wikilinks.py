"""Wikilinks, ``[[Note]]``, ``[[Note#Heading|shown]]``, ``![[Note]]``, ``[[https://…|shown]]``,
read as the Markdown links Obsidian renders them as.

A vault's links between notes are wikilinks; read as text, a link to a note that does not
exist (a renamed or deleted note, a typo) passed with no word, and ``[[https://x/a|shown]]``
cited ``https://x/a|shown``, a URL nobody wrote (a false ``broken``; session 29's leftover).
Now each is a link: to a URL, that URL (either side of the ``|``: GitHub's wiki writes
``[[shown|https://…]]``); to a note, in a vault (a folder with ``.obsidian`` settings at or
above the note), the note's file, found by name anywhere in the vault as Obsidian finds it
(case aside, ``.md`` when no suffix is written), so that a note that is not there is a local
link to no file: ``broken``, "no such file", as a Markdown link to a missing file is.  A
heading or block (``#…``, ``^…``) is not looked for: Obsidian's headings are not the ids a
page's anchors are.  An embed of a file that is no note (``![[photo.png]]``) is an image, which
is no citation (as ``<img src>``); an embed of a note is a link to it.  Outside a vault a
``[[Page]]`` may be another wiki's (a GitHub wiki, Foam, Logseq): only a URL is cited there.

One pattern, runs of classes that never hold ``[``, ``]`` or a line break, so each try stops
at the next bracket: linear.  The vault's names are listed once per vault (hidden folders, a
tool's, not walked), up to :data:`MAX_VAULT_FILES`; past it, a note not listed is not said
missing (never a false alarm).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from checker.model import MARKDOWN_SUFFIXES

__all__ = [
    "MAX_VAULT_FILES",
    "note_folder",
    "vault_names_digest",
    "vault_root",
    "wikilinks_as_links",
]

MAX_VAULT_FILES = 200_000

_WIKILINK = re.compile(
    r"(?P<embed>!?)\[\[(?P<target>[^\[\]|\n]{1,2000})(?:\|(?P<shown>[^\[\]\n]{0,2000}))?\]\]"
)
_URL = re.compile(r"https?://\S", re.IGNORECASE | re.ASCII)
# A file's suffix as a name is written with one (``photo.png``, ``notes.canvas``), not the
# dot of a version or a date (``v1.2 release``, ``2024.01.05``): a note not found is named
# with ``.md`` unless its name ends so.
_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


@lru_cache(maxsize=1024)
def vault_root(folder: str) -> Path | None:
    """The Obsidian vault ``folder`` is in (the nearest folder at or above it holding
    ``.obsidian`` settings), else None."""
    path = Path(folder)
    return next((above for above in (path, *path.parents) if (above / ".obsidian").is_dir()), None)


def note_folder(page_url: str) -> str | None:
    """The folder of a local note (a ``file:`` page), else None (a web page has no vault)."""
    if page_url[:5].lower() != "file:":
        return None
    try:
        return str(Path(unquote(urlsplit(page_url).path)).parent)
    except ValueError:
        return None


def _folded(name: str) -> str:
    """``name`` as Obsidian compares note names: composed (NFC: macOS writes ``Über`` decomposed)
    and case folded in full (``Über`` is ``über``; an ASCII lower missed it, a false ``broken``)."""
    return unicodedata.normalize("NFC", name).casefold()


@lru_cache(maxsize=8)
def _vault_names(root: Path) -> tuple[dict[str, Path], bool]:
    """Each file of the vault by its folded name and by its folded path from the root
    (:func:`_folded`), and whether every file was listed (False past :data:`MAX_VAULT_FILES`)."""
    names: dict[str, Path] = {}
    count = 0
    for parent, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            path = Path(parent, name)
            names.setdefault(_folded(name), path)
            names.setdefault(_folded(path.relative_to(root).as_posix()), path)
            count += 1
            if count >= MAX_VAULT_FILES:
                return names, False
    return names, True


def _note_link(target: str, root: Path | None) -> str | None:
    """What a wikilink to ``target`` (a note, or a file of the vault) links: the file's URL when
    it is in the vault, the file's name when it is not (a relative link to no file), None
    outside a vault or when the vault was too large to list."""
    if root is None:
        return None
    # a table's cell writes [[Note\|shown]]: the \ keeps the | from ending the cell, and
    # a note's name holds no \ (Obsidian forbids it), so it is no part of the name
    name = target.split("#", 1)[0].split("^", 1)[0].strip().removesuffix("\\").strip()
    if not name:
        return None  # [[#Heading]]: a heading of the note itself
    names, complete = _vault_names(root)
    key = _folded(name.lstrip("/"))
    # the name as written (a file, a note named with its .md), else the note it names
    found = names.get(key) or names.get(key + ".md")
    if found is not None:
        return found.as_uri()
    if not complete:
        return None
    return quote(name if _FILE_SUFFIX.search(name) else name + ".md")


def vault_names_digest(page_url: str, body: str) -> str:
    """A fingerprint of the names in the vault of the note at ``page_url`` when ``body`` holds a
    wikilink, else "": where a wikilink points depends on the rest of the vault, so what the
    memo keeps for the note must be taken again when a note was added, moved or removed (a
    moved note was said ``broken`` by a warm run, ``ok`` by a cold one)."""
    if "[[" not in body:
        return ""
    folder = note_folder(page_url)
    try:
        root = vault_root(folder) if folder is not None else None
    except OSError:
        return ""
    return _names_digest(root) if root is not None else ""


@lru_cache(maxsize=8)
def _names_digest(root: Path) -> str:
    """The fingerprint :func:`vault_names_digest` gives, once per vault and run."""
    names, complete = _vault_names(root)
    digest = hashlib.sha256(str(complete).encode())
    for name in sorted(names):
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _is_note(target: str) -> bool:
    """Whether an embed's target is a note (no suffix, or a Markdown one), not an attachment."""
    suffix = PurePosixPath(target.split("#", 1)[0].strip()).suffix.lower()
    return not suffix or suffix in MARKDOWN_SUFFIXES


def wikilinks_as_links(body: str, page_url: str) -> str:
    """``body`` with each wikilink written as the Markdown link it renders as (see the module's
    docstring); one that links nothing citecheck reads (an image, another wiki's page) is left
    as written.  Each stays on its line, so lines keep their numbers."""
    if "[[" not in body:
        return body
    folder = note_folder(page_url)
    try:
        root = vault_root(folder) if folder is not None else None
    except OSError:
        root = None

    def link(found: re.Match[str]) -> str:
        target, shown = found.group("target"), found.group("shown")
        if _URL.match(target.strip()):
            destination: str | None = target.strip()
        elif shown is not None and _URL.match(shown.strip()):
            destination, shown = shown.strip(), target
        elif found.group("embed") and not _is_note(target):
            return found.group(0)  # an image or attachment: no citation, as <img src>
        else:
            destination = _note_link(target, root)
        if destination is None or "<" in destination or ">" in destination:
            return found.group(0)
        text = (shown if shown else target).strip().replace("[", "").replace("]", "")
        return f"[{text}](<{destination}>)"

    return _WIKILINK.sub(link, body)
