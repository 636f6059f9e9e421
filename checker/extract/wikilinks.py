"""Wikilinks, ``[[Note]]``, ``[[Note#Heading|shown]]``, ``![[Note]]``, ``[[https://…|shown]]``,
read as the Markdown links Obsidian renders them as.

A vault's links between notes are wikilinks; read as text, a link to a note that does not
exist (a renamed or deleted note, a typo) passed with no word, and ``[[https://x/a|shown]]``
cited ``https://x/a|shown``, a URL nobody wrote (a false ``broken``; session 29's leftover).
Now each is a link: to a URL, that URL (either side of the ``|``: GitHub's wiki writes
``[[shown|https://…]]``); to a note, in a vault (a folder with ``.obsidian`` settings at or
above the note), the note's file, found by name anywhere in the vault as Obsidian finds it
(case aside, ``.md`` when no suffix is written), so that a note that is not there is a local
link to no file.  Such a note is one Obsidian shows as not yet written (its "unresolved
links": a click creates it), and vault users leave them on purpose, so its citation is marked
(:attr:`~checker.model.Citation.vault_note`) and a missing file is said at a code of its own,
``unresolved-wikilink`` (a warning), not ``broken`` (Quartz links it to a 404 by default; Obsidian
and Obsidian Publish show it as a placeholder).  A
heading or block (``#…``, ``^…``) is not looked for: Obsidian's headings are not the ids a
page's anchors are.  An embed of a file that is no note (``![[photo.png]]``) is an image, which
is no citation (as ``<img src>``); an embed of a note is a link to it.  Outside a vault a
``[[Page]]`` may be another wiki's (a GitHub wiki, Foam, Logseq): only a URL is cited there.

One pattern, runs of classes that never hold ``[``, ``]`` or a line break, so each try stops
at the next bracket: linear.  The vault's names are listed once per vault (hidden folders, a
tool's, not walked; a folder linked in from outside walked), up to :data:`MAX_VAULT_FILES`;
past it, a note not listed is not said missing (never a false alarm) but cited, and ``skipped``
as not looked up unless its file is at the path the link names (never a silent pass).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from checker.folder_links import FolderLinks
from checker.model import MARKDOWN_SUFFIXES, VaultNote
from checker.runcache import per_run

__all__ = [
    "MAX_VAULT_FILES",
    "folder_above",
    "holds_vault_settings",
    "is_note_path",
    "note_folder",
    "note_links",
    "vault_names_digest",
    "wikilinks_as_links",
]

MAX_VAULT_FILES = 200_000

_WIKILINK = re.compile(
    r"(?P<embed>!?)\[\[(?P<target>[^\[\]|\n]{1,2000})(?:\|(?P<shown>[^\[\]\n]{0,2000}))?\]\]"
)
_URL = re.compile(r"https?://\S", re.IGNORECASE | re.ASCII)
_NOT_IN_TEXT = re.compile(r"[\[\]\\`]")
# A file's suffix as a name is written with one (``photo.png``, ``notes.canvas``), not the
# dot of a version or a date (``v1.2 release``, ``2024.01.05``): a note not found is named
# with ``.md`` unless its name ends so (the first of :func:`_spellings`).
_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


@lru_cache(maxsize=1024)
def note_folder(page_url: str) -> str | None:
    """The folder of a local note (a ``file:`` page), else None (a web page has no vault)."""
    if page_url[:5].lower() != "file:":
        return None
    try:
        return str(Path(unquote(urlsplit(page_url).path)).parent)
    except ValueError:
        return None


def is_note_path(path: str) -> bool:
    """Whether ``path`` (a file's, or a URL's with its query and fragment cut) names a note, a
    Markdown file, in any letter's case: the one test of a link to a note (a vault's Markdown
    links, a post's links to source files)."""
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def folder_above(page_url: str, holds: Callable[[Path], bool]) -> Path | None:
    """The nearest folder at or above the local note at ``page_url``'s own that ``holds`` says
    is the one (an Obsidian vault's root, a Docusaurus site's folder), else None: a web page,
    or a folder the OS will not look at (a name too long)."""
    folder = note_folder(page_url)
    if folder is None:
        return None
    path = Path(folder)
    try:
        return next((above for above in (path, *path.parents) if holds(above)), None)
    except OSError:
        return None


@per_run(1024)  # a vault's notes share their folders: each looked at once
def holds_vault_settings(folder: Path) -> bool:
    """Whether ``folder`` is an Obsidian vault's root (its ``.obsidian`` settings folder)."""
    return (folder / ".obsidian").is_dir()


@per_run(8)
def _markdown_links_by_name(root: Path) -> bool:
    """Whether the vault at ``root`` writes its links as Obsidian's Markdown links, resolved as
    Obsidian resolves them (by name, anywhere in the vault): its ``.obsidian/app.json`` sets
    ``useMarkdownLinks`` and a ``newLinkFormat`` other than ``relative``.

    Obsidian looks a Markdown link's path up vault-wide as it does a wikilink's, whatever the
    settings (observed on Obsidian 1.13.7: ``[y](My%20Note.md)`` from the root finds
    ``Sub/My Note.md``); the settings say how it *writes* a new link.  Every other reader of
    the folder (GitHub, MkDocs, Docusaurus; Quartz's default ``absolute`` resolution) takes
    the path as written.  A vault whose links are wikilinks (the default) or relative Markdown
    links wrote its Markdown links for those readers (a docs repository that commits
    ``.obsidian/``): a link found only elsewhere by name 404s on its site, so it is looked up
    at its path, as any file link (session 33's review: such links passed ``ok``)."""
    try:
        with (root / ".obsidian" / "app.json").open("rb") as file:
            raw = file.read(_MAX_SETTINGS_BYTES + 1)
        settings = json.loads(raw) if len(raw) <= _MAX_SETTINGS_BYTES else None
    except (OSError, ValueError, RecursionError):
        return False
    return (
        isinstance(settings, dict)
        and settings.get("useMarkdownLinks") is True
        and settings.get("newLinkFormat", "shortest") != "relative"
    )


_MAX_SETTINGS_BYTES = 1 << 16
"""An ``app.json`` larger than this is not read (Obsidian's is a few hundred bytes)."""


def vault_of(page_url: str) -> Path | None:
    """The Obsidian vault of the note at ``page_url`` (the nearest folder holding ``.obsidian``
    settings, :func:`folder_above`), else None."""
    return folder_above(page_url, holds_vault_settings)


@dataclass(frozen=True, slots=True)
class _Vault:
    """A vault's files as Obsidian finds them: each by its folded path from the root
    (:func:`_folded`), and each folded name with the folded paths that end in it, in walk
    order.  ``complete``: every file was listed (no folder unreadable, nor past
    :data:`MAX_VAULT_FILES`), so that a name not listed is a note that is not there."""

    root: Path
    by_path: dict[str, Path]
    by_name: dict[str, list[str]]
    complete: bool


def _folded(name: str) -> str:
    """A name as Obsidian compares names: in any letter's case (JavaScript's ``toLowerCase``,
    not ASCII's only: ``[[über]]`` is ``Über.md``) and in one Unicode form (macOS stores
    ``é`` decomposed, an editor writes it composed)."""
    return unicodedata.normalize("NFC", name).lower()


@per_run(8)
def _vault(root: Path) -> _Vault:
    """The vault's files, listed once: hidden folders (a tool's, Obsidian's ``.trash`` of
    deleted notes) not walked; a folder outside the vault linked into it (a symbolic link) walked
    as Obsidian's desktop app walks it (its notes were not found, and no missing note was said:
    session 30 left), a link to the vault, into it or above it (a loop) not, each folder once
    (:class:`~checker.folder_links.FolderLinks`, a folder input's rule too).  A stack, not
    recursion: a folder's depth is the input's (``os.walk`` recursed, and a vault 1,000 folders
    deep raised RecursionError)."""
    by_path: dict[str, Path] = {}
    by_name: dict[str, list[str]] = {}
    complete = True
    stack = [root]
    folders = 0
    links = FolderLinks(root)
    while stack:
        folder = stack.pop()
        try:
            if not links.enter(folder):
                continue  # a loop, or a second link to a folder: its notes are listed already
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            complete = False  # unreadable, a name too long: its notes are unknown
            continue
        below: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False) or links.follows(entry):
                    below.append(Path(entry.path))  # a folder, or one linked in: walked
                    continue
                if entry.is_symlink() and entry.is_dir():
                    continue  # the vault, a folder of it (listed where it is) or above it
            except OSError:
                complete = False
                continue
            path = Path(entry.path)
            relative = _folded(path.relative_to(root).as_posix())
            by_path.setdefault(relative, path)
            by_name.setdefault(_folded(entry.name), []).append(relative)
            if len(by_path) >= MAX_VAULT_FILES:
                return _Vault(root, by_path, by_name, complete=False)
        stack += reversed(below)  # the first name is walked first
        folders += len(below)
        if folders + len(by_path) >= MAX_VAULT_FILES:  # a tree of empty folders: the same cap
            return _Vault(root, by_path, by_name, complete=False)
    return _Vault(root, by_path, by_name, complete)


_MAX_NAMESAKES = 1000
"""How many files of one name a path's link is compared with (``[[a/Note]]`` among a vault's
many ``Note.md``): past it, the note is not said missing."""


class _CannotTellError(Exception):
    """The vault could not tell whether a note is there (too many namesakes): the link is not
    said broken (never a false alarm)."""


def _spellings(name: str, *, embed: bool) -> tuple[str, ...]:
    """The file names a link's path may name, in Obsidian's order: as written when it has a
    suffix, then with ``.md`` added (``[[v1.2 release]]``, ``[[Node.js]]``,
    ``[[x.excalidraw]]`` are notes whose names hold a dot).  An embed with a suffix that is
    not a note's (``![[photo.png]]``) names a note only when one has that name plus ``.md``."""
    suffix = PurePosixPath(name).suffix.lower()
    if not suffix:
        return (name + ".md",)
    if suffix in MARKDOWN_SUFFIXES:
        return (name,)
    if embed:
        return (name + ".md",)
    return (name, name + ".md") if _FILE_SUFFIX.search(name) else (name + ".md", name)


def _in_vault(vault: _Vault, spelling: str, folder: Path) -> Path | None:
    """The file a path names as Obsidian resolves it: relative to the note when it starts with
    ``./`` or ``../``; else from the vault's root; else a file whose path ends with it
    (``[[Sub/Note]]`` for ``Notes/Sub/Note.md``, the shortest path Obsidian writes)."""
    key = _folded(spelling)
    if key.startswith(("./", "../")):
        try:
            here = folder.relative_to(vault.root).as_posix()
        except ValueError:
            return None
        return vault.by_path.get(posixpath.normpath(posixpath.join(_folded(here), key)))
    key = key.lstrip("/")
    found = vault.by_path.get(key)
    if found is not None:
        return found
    folders, _, name = key.rpartition("/")
    namesakes = vault.by_name.get(name, [])
    if not folders:  # a name alone: the first file of that name, anywhere
        return vault.by_path[namesakes[0]] if namesakes else None
    if len(namesakes) > _MAX_NAMESAKES:
        raise _CannotTellError
    tail = "/" + key
    return next((vault.by_path[p] for p in namesakes if p.endswith(tail)), None)


@dataclass(frozen=True, slots=True)
class _NoteLink:
    """Where a wikilink to a note leads: the file's ``file:`` URL, and, when the vault was not
    seen to hold it, why (``unseen``): the vault lacks it (the note Obsidian would create, in
    the folder the link names), or the vault could not tell."""

    url: str
    unseen: VaultNote | None = None


def _note_link(
    target: str, root: Path | None, folder: Path, *, embed: bool = False
) -> _NoteLink | None:
    """What a wikilink to ``target`` (a note, or a file of the vault) links: the file's URL when
    it is in the vault, the URL of the file it names when it is not seen there (``unseen``: not
    there, or the vault could not tell: an incomplete listing, :class:`_CannotTellError`), None
    outside a vault or for an embed of what is no note (an image: no citation).  A link the
    vault could not tell of was left as text, cited nowhere and said nowhere (session 30 left
    a vault past :data:`MAX_VAULT_FILES`): it is cited, and verify says it was not judged."""
    if root is None:
        return None
    # a table's cell writes [[Note\|shown]]: the \ keeps the | from ending the cell, and
    # a note's name holds no \ (Obsidian forbids it), so it is no part of the name
    name = target.split("#", 1)[0].split("^", 1)[0].strip().removesuffix("\\").strip()
    if not name:
        return None  # [[#Heading]]: a heading of the note itself
    vault = _vault(root)
    spellings = _spellings(name, embed=embed)
    told = vault.complete
    try:
        found = next(filter(None, (_in_vault(vault, s, folder) for s in spellings)), None)
    except _CannotTellError:
        found, told = None, False
    if found is not None:
        return _NoteLink(found.as_uri())
    if embed and not _is_note(name):
        return None  # an attachment, no note: an image is no citation
    # the path the link names, from the note's folder (``/…``: from the vault's root), as a
    # relative link to it resolves; written whole, so the citation is known by its URL
    written = spellings[0]
    start = root if written.startswith("/") else folder
    url = Path(os.path.normpath(start / written.lstrip("/"))).as_uri()
    return _NoteLink(url, VaultNote.UNWRITTEN if told else VaultNote.UNLISTED)


def note_links(urls: Iterable[str | None], page_url: str) -> dict[str, VaultNote | str]:
    """For each ``file:`` URL of a note (a Markdown file) that a Markdown link of a vault's note
    names (``[x](Note.md)``) and the vault does not hold at that path: the note's URL where
    Obsidian finds it (by name, or by the end of its path, anywhere in the vault, as for a
    wikilink: its "shortest path" links are written so), else why it is not seen
    (:class:`~checker.model.VaultNote`: not yet written, or a vault not listed whole).

    One rule for a vault's links to notes: ``[[Missing]]`` was ``unresolved-wikilink`` (a
    warning: Obsidian shows a note not yet written) while ``[x](Missing.md)``, which Obsidian
    shows the same way, was ``broken`` at error (session 31 left).  A link written from the
    note's folder up (``../x.md``) is looked up at that path only; a link out of the vault, and
    every link outside a vault, is a file link as any; so is every Markdown link of a vault that
    does not write its links so (:func:`_markdown_links_by_name`)."""
    root = vault_of(page_url)
    folder = note_folder(page_url)
    if root is None or folder is None or not _markdown_links_by_name(root):
        return {}
    vault = _vault(root)
    found: dict[str, VaultNote | str] = {}
    for url in urls:
        if not url or url[:5].lower() != "file:" or url in found:
            continue
        path = Path(unquote(urlsplit(url).path))
        if not is_note_path(path.name):
            continue
        try:
            written = posixpath.relpath(path.as_posix(), Path(folder).as_posix())
            inside = _folded(path.relative_to(root).as_posix())
        except ValueError:
            continue  # out of the vault: a file link as any
        there = vault.by_path.get(inside)
        if there is not None:  # there, where the link names it (in any letter's case, as
            if there != path:  # Obsidian compares: ``note.md`` is ``Note.md``, found there)
                found[url] = there.as_uri()
            continue
        told = vault.complete
        note = None
        if not written.startswith("../"):
            try:
                note = _in_vault(vault, written, Path(folder))
            except _CannotTellError:
                told = False
        if note is not None:
            found[url] = note.as_uri()
        else:
            found[url] = VaultNote.UNWRITTEN if told else VaultNote.UNLISTED
    return found


_NOTE_LINK = re.compile(
    "(?:" + "|".join(re.escape(suffix) for suffix in MARKDOWN_SUFFIXES) + r")\b", re.IGNORECASE
)
"""A Markdown link to a note (``.md``, ``.mdx``, ``.markdown``) a note's body may hold."""


def vault_names_digest(page_url: str, body: str) -> str:
    """A fingerprint of the names in the vault of the note at ``page_url`` when ``body`` holds a
    wikilink or a link to a note, else "": where such a link points depends on the rest of the
    vault, so what the memo keeps for the note must be taken again when a note was added, moved
    or removed (a moved note was said ``broken`` by a warm run, ``ok`` by a cold one)."""
    if "[[" not in body and _NOTE_LINK.search(body) is None:
        return ""
    root = vault_of(page_url)
    return _names_digest(root) if root is not None else ""


@per_run(8)
def _names_digest(root: Path) -> str:
    """The fingerprint :func:`vault_names_digest` gives, once per vault and run."""
    vault = _vault(root)
    digest = hashlib.sha256(f"{vault.complete} {_markdown_links_by_name(root)}".encode())
    for name in sorted(vault.by_path):
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _is_note(name: str) -> bool:
    """Whether an embed's target is a note (no suffix, or a Markdown one), not an attachment."""
    suffix = PurePosixPath(name).suffix.lower()
    return not suffix or suffix in MARKDOWN_SUFFIXES


def wikilinks_as_links(body: str, page_url: str) -> tuple[str, dict[str, VaultNote]]:
    """``body`` with each wikilink written as the Markdown link it renders as (see the module's
    docstring), and the ``file:`` URLs of the notes it links that the vault was not seen to hold,
    each with why (not yet written, or a vault not listed whole: :class:`~checker.model.VaultNote`).
    A wikilink that links nothing citecheck reads (an image, another wiki's page) is
    left as written.  Each stays on its line, so lines keep their numbers."""
    if "[[" not in body:
        return body, {}
    root = vault_of(page_url)
    folder = note_folder(page_url)
    here = Path(folder) if folder is not None else Path()
    unseen: dict[str, VaultNote] = {}

    def link(found: re.Match[str]) -> str:
        target, shown = found.group("target"), found.group("shown")
        if shown is not None and target.endswith("\\"):
            target = target[:-1]  # [[Note\|shown]]: a table's cell escapes its pipe
        if _URL.match(target.strip()):
            destination: str | None = target.strip()
        elif root is None and shown is not None and _URL.match(shown.strip()):
            # GitHub wiki's [[shown|URL]]; in a vault it links the note, the URL its text
            destination, shown = shown.strip(), target
        else:
            note = _note_link(target, root, here, embed=bool(found.group("embed")))
            destination = note.url if note is not None else None
            if note is not None and note.unseen is not None:
                unseen[note.url] = note.unseen
        if destination is None or "<" in destination or ">" in destination:
            return found.group(0)
        # the link's text unable to end it early: a bracket, a trailing ``\`` (escaping the
        # ``]``) or a backtick (opening a code span that swallowed the link) cited nothing
        text = _NOT_IN_TEXT.sub("", shown if shown else target).strip()
        return f"[{text}](<{destination}>)"

    return _WIKILINK.sub(link, body), unseen
