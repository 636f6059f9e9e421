"""A local file's link, "fetched" from the disk: does the file or folder it names exist?

A relative link in a local file (``[b](b.md)``, ``../img/a.png``) is a ``file:`` URL from the
extractor (:func:`checker.extract.links.classify_href`).  lychee and markdown-link-check report
such a link broken when its file is missing; skipping it let every broken internal link of a
docs tree pass (a silent pass).  This module is where its existence is read, so that only the
fetch stage touches the world; the run hands :func:`look_up` to verify (a stage imports no
other), and :func:`checker.verify.availability.local_verdict` judges its answer.  Nothing is
opened: ``stat`` alone tells a file, a folder, a FIFO or a device apart, so a FIFO cannot hang
the run and a symlink loop is an answer (ELOOP), not a recursion.

Never memoised: a file appears and vanishes between runs, and a ``stat`` costs less than a
memo's lookup.  With ``--include-fragments`` a link's file is also read, for the places its
``#fragment`` may name (:mod:`checker.anchors`), and verify looks the fragment up in them.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
import unicodedata
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from checker.anchors import (
    MAX_FILE_BYTES,
    NOTEBOOK_SUFFIX,
    Anchors,
    html_anchors,
    markdown_anchors,
    notebook_anchors,
)
from checker.encoding import printable
from checker.model import MARKDOWN_SUFFIXES, LocalAnswer, LocalState, is_hugo_site

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["look_up", "root_relative"]

_SUGGESTION_WALK_LIMIT = 20_000
"""Entries a suggestion's search reads at most: a missing file's namesake elsewhere in a tree
of a docs site; past this, no suggestion (a vendored tree is no place a moved post went)."""
_SKIPPED_FOLDERS = frozenset({".git", "node_modules", ".hg", ".svn", "__pycache__", ".venv"})

# What a site generator builds from a source file of these: a missing ``x.html`` beside ``x.md``
# is the page the build makes (Jekyll, MkDocs), not a broken link.
_BUILT_SUFFIXES = (".html", ".htm")


def root_relative(url: str) -> bool:
    """Whether ``url`` is a root-relative link (``/x``) kept by the extractor as ``file:/x``.

    The extractor writes it with one slash (RFC 8089's short form), a file URL with a path
    resolved against the post's folder with three (``file:///…``); only ``--root-dir`` says
    which folder ``/`` is, as for lychee.
    """
    return url[:5].lower() == "file:" and url[5:6] == "/" and url[6:7] != "/"


def look_up(
    url: str,
    fragments: tuple[str, ...] = (),
    *,
    roots: Sequence[Path] | None = None,
    root_dir: Path | None = None,
    cwd: Path | None = None,
) -> LocalAnswer:
    """What the disk says of the file ``url`` names (query and fragment cut, percent-decoded).

    ``roots`` are the folders being checked (the command line's: the working folder and each
    folder named); a link out of all of them and of ``root_dir`` (``../../../etc/x``) is not
    judged.  None (the Python API, whose caller chose the files) bounds nothing.  Messages give
    paths relative to the working folder (``cwd``), else to the root holding them.
    ``fragments`` (``--include-fragments``): the file found is read for the places it names
    (:func:`_anchors_of`), for verify to look them up.
    """
    answer = _looked_up(url, roots=roots, root_dir=root_dir, cwd=cwd)
    if not fragments or answer.state is not LocalState.FOUND:
        return answer
    return _with_anchors(answer, _target(url, root_dir))


def _target(url: str, root_dir: Path | None) -> Path:
    """The path ``url`` names (a root-relative one under ``root_dir``, as its site publishes
    it: :func:`_published`), dot segments gone."""
    decoded = unquote(urlsplit(url).path)
    if root_relative(url) and root_dir is not None:
        return _published(root_dir.absolute(), decoded.lstrip("/"))
    return Path(os.path.normpath(decoded))


_PUBLISHED_FOLDERS = ("static", "content")
"""Where a Hugo (or Zola) site's files published at its root are: ``static/x.pdf`` is served
at ``/x.pdf``, a page bundle's ``content/posts/a/img.png`` at ``/posts/a/img.png``."""


def _published(root: Path, path: str) -> Path:
    """The file of ``root`` a site serves at ``/path``: in a Hugo or Zola site's folder, the
    first of its published folders holding it (else where ``static/`` would), never the file
    at ``root/path``, which the site does not publish: ``/static/x.pdf`` was ``ok`` and 404s
    on the site, ``/x.pdf`` was ``broken`` and works (session 33 left); elsewhere (a built
    site's folder, ``--root-dir public``) ``root/path``."""
    if not _is_hugo_site(root):
        return Path(os.path.normpath(root / path))
    places = [Path(os.path.normpath(root / folder / path)) for folder in _PUBLISHED_FOLDERS]
    return next((place for place in places if _exists(place)), places[0])


def _is_hugo_site(root: Path) -> bool:
    try:
        return (root / "static").is_dir() and is_hugo_site(root)
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _looked_up(
    url: str,
    *,
    roots: Sequence[Path] | None,
    root_dir: Path | None,
    cwd: Path | None,
) -> LocalAnswer:
    """:func:`look_up` without the fragments."""
    here = (cwd or Path.cwd()).absolute()
    parts = urlsplit(url)
    written = parts.path.rsplit("/", 1)[-1] or parts.path
    decoded = unquote(parts.path)
    if root_relative(url) and root_dir is None:
        return LocalAnswer(LocalState.ROOT_RELATIVE, parts.path, parts.path)
    if not root_relative(url) and parts.netloc not in ("", "localhost"):
        return LocalAnswer(LocalState.OTHER_HOST, written, f"//{parts.netloc}{decoded}")
    target = _target(url, root_dir)
    bounds = [here] if roots is None else [r.absolute() for r in roots]
    if root_dir is not None:
        bounds.append(root_dir.absolute())
    holder = next((b for b in bounds if _shown(target, b) is not None), None)
    if holder is None and roots is not None:
        return LocalAnswer(LocalState.OUTSIDE, written, printable(target.as_posix()))
    shown = _shown(target, holder) if holder is not None else None
    shown = shown or printable(target.as_posix())
    found, mode_or_error = _stat_any_form(target)
    if found is not None:
        mode = mode_or_error
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return LocalAnswer(LocalState.SPECIAL, written, shown)
        misspelt = _case_differs(found)
        if misspelt is None:
            return LocalAnswer(LocalState.FOUND, written, shown)
        return LocalAnswer(LocalState.MISSING, written, shown, case=misspelt)
    if mode_or_error in (errno.ELOOP, errno.ENAMETOOLONG, errno.EACCES):
        return LocalAnswer(LocalState.LOOP, written, shown, detail=os.strerror(mode_or_error))
    if _built_from_source(target):
        return LocalAnswer(LocalState.FOUND, written, shown)
    case = _case_twin(target)
    if case is None and not _has_suffix(target, decoded):
        return LocalAnswer(LocalState.ROUTE, written, shown)
    moved = None
    if root_relative(url) and root_dir is not None:
        moved = _unpublished(root_dir.absolute(), decoded.lstrip("/"))
    if moved is None and case is None and holder is not None:
        moved = _namesake(target, holder)
    return LocalAnswer(LocalState.MISSING, written, shown, case=case, suggestion=moved)


def _unpublished(root: Path, path: str) -> str | None:
    """Where a Hugo site serves the file a root-relative link names by its source path
    (``/static/x.pdf``: ``/x.pdf``), else None: a path stepping back (``static/../../x``)
    names no file of the folder, so no address of the site (mend 34q: ``/../../x`` suggested)."""
    folder, _, rest = path.partition("/")
    if folder not in _PUBLISHED_FOLDERS or not rest or not _is_hugo_site(root):
        return None
    if ".." in PurePosixPath(rest).parts:
        return None
    if not _exists(Path(os.path.normpath(root / path))):
        return None
    return f"/{rest} (the site serves {path} there)"


_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def _places_reader(suffix: str) -> Callable[[str], Anchors | None] | None:
    """What reads the places of a file by its suffix: HTML's, Markdown's, or a notebook's
    Markdown cells' (a link to ``x.ipynb#Results`` was left unchecked, session 26); None:
    a file of no kind whose places are known."""
    if suffix in _HTML_SUFFIXES:
        return html_anchors
    if suffix in MARKDOWN_SUFFIXES:
        return markdown_anchors
    return notebook_anchors if suffix == NOTEBOOK_SUFFIX else None


_ANCHORS_KEPT = 64
"""Files whose places are kept, by path, size and change time: a docs tree's links name the
same few files over and over, each read once while it is unchanged."""
_anchors_kept: dict[tuple[str, int, int], Anchors] = {}
_anchors_lock = threading.Lock()


def _with_anchors(answer: LocalAnswer, target: Path) -> LocalAnswer:
    """``answer`` with the places its file names, or why they were not read (``unread``)."""
    found, _mode = _stat_any_form(target)
    path = found if found is not None else _source_of(target)
    if path is not None and path.is_dir():
        return _folder_with_anchors(answer, path)
    if path is None:  # found a moment ago, gone now: never "a folder" (session 25 said so)
        return replace(answer, unread="no longer there when its places were read (removed?)")
    suffix = path.suffix.lower()
    read = _places_reader(suffix)
    if read is None:
        return replace(
            answer, unread=f"a {suffix or 'suffix-less'} file, neither Markdown nor HTML"
        )
    anchors = _anchors_of(path, read)
    if isinstance(anchors, str):
        return replace(answer, unread=anchors)
    return replace(answer, anchors=anchors)


# The pages a folder is shown as, by the names that show it: a web server's index, a static
# generator's index source (Hugo's section page ``_index.md``), a code host's README.
_FOLDER_PAGES = ("index.html", "index.htm", "index.md", "_index.md", "README.md", "readme.md")


def _folder_with_anchors(answer: LocalAnswer, folder: Path) -> LocalAnswer:
    """``answer`` for a link into ``folder`` (``guide/#setup``) with the places of the pages it
    is shown as; a fragment any of them names is found, since which one a site shows is the
    generator's choice (session 24 left such fragments unchecked: ``guide/#removed`` passed).
    A folder with none of them, or one of them unreadable, is not checked, as before."""
    pages = list(
        dict.fromkeys(p.resolve() for p in map(folder.joinpath, _FOLDER_PAGES) if p.is_file())
    )
    if not pages:
        return replace(answer, unread="a folder with no index or README page, the site's to make")
    # each page read as the file it resolves to is; not dead: a symlink ``index.html ->
    # page.php`` resolves to a file of no known kind, shown as the HTML its name says
    read = [_anchors_of(p, _places_reader(p.suffix.lower()) or html_anchors) for p in pages]
    unread = next((why for why in read if isinstance(why, str)), None)
    if unread is not None:
        return replace(answer, unread=unread)
    each = [anchors for anchors in read if not isinstance(anchors, str)]
    return replace(
        answer,
        anchors=Anchors(
            frozenset().union(*(a.names for a in each)),
            frozenset().union(*(a.folded for a in each)),
            any(a.scripted for a in each),
        ),
    )


def _source_of(target: Path) -> Path | None:
    """The source ``x.md`` of a missing built ``x.html`` (:func:`_built_from_source`)."""
    return next(
        (target.with_suffix(s) for s in MARKDOWN_SUFFIXES if target.with_suffix(s).is_file()), None
    )


def _anchors_of(path: Path, places: Callable[[str], Anchors | None]) -> Anchors | str:
    """The places the file at ``path`` names, else why they could not be read: at most
    :data:`~checker.anchors.MAX_FILE_BYTES` are read, as UTF-8 (a wrong byte replaced)."""
    try:
        status = os.stat(path)
        if status.st_size > MAX_FILE_BYTES:
            return f"larger than {MAX_FILE_BYTES >> 20} MiB"
        key = (str(path), status.st_size, status.st_mtime_ns)
        with _anchors_lock:
            kept = _anchors_kept.get(key)
        if kept is not None:
            return kept
        with open(path, "rb") as file:
            text = file.read(MAX_FILE_BYTES + 1).decode("utf-8", "replace")
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    anchors = places(text)
    if anchors is None:
        return f"a {path.suffix.lower()} file its reader cannot parse"
    with _anchors_lock:
        if len(_anchors_kept) >= _ANCHORS_KEPT:
            _anchors_kept.pop(next(iter(_anchors_kept)))
        _anchors_kept[key] = anchors
    return anchors


def _shown(target: Path, root: Path) -> str | None:
    """``target`` relative to ``root`` (``.`` for the root itself), None when it is outside;
    a control character (``%00``, ``%1b`` decoded) is shown escaped, never written raw."""
    try:
        relative = target.relative_to(root)
    except ValueError:
        return None
    return printable(relative.as_posix()) or "."


def _stat_any_form(target: Path) -> tuple[Path | None, int]:
    """The form of ``target`` that exists (as written, NFC, NFD: a macOS tree writes names in
    NFD, an editor links them in NFC) and its mode, else None and the first error number."""
    first_error = 0
    for form in dict.fromkeys(
        (
            str(target),
            unicodedata.normalize("NFC", str(target)),
            unicodedata.normalize("NFD", str(target)),
        )
    ):
        try:
            return Path(form), os.stat(form).st_mode
        except OSError as exc:
            first_error = first_error or (exc.errno or errno.ENOENT)
        except ValueError:  # a NUL in the path: no such file can exist
            first_error = first_error or errno.ENOENT
    return None, first_error


def _case_differs(found: Path) -> str | None:
    """The name on disk when ``found`` exists only because the file system ignores case
    (macOS, Windows): the web server that serves the site does not, so the link is broken.

    The folder is listed only where the name in the other case is the same file (a file system
    that ignores case): a ``stat``, not a listing of the folder, per link found elsewhere.
    """
    other = found.name.swapcase()
    if other == found.name:
        return None
    try:
        if not os.path.samefile(found, found.with_name(other)):
            return None
        names = os.listdir(found.parent)
    except (OSError, ValueError):
        return None
    if found.name in names or found.name in ("", ".", ".."):
        return None
    return _differing_in_case(found.name, names)


def _case_twin(target: Path) -> str | None:
    """A name in ``target``'s folder that differs from its own only in case, else None."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return None
    return _differing_in_case(target.name, names)


def _differing_in_case(name: str, names: list[str]) -> str | None:
    """The first of ``names`` equal to ``name`` but for case, else None."""
    folded = name.casefold()
    return next((n for n in names if n.casefold() == folded), None)


def _has_suffix(target: Path, decoded: str) -> bool:
    """Whether the link names a file (``a.png``) or a folder by dots (``./``, ``../``), not a
    route a generator serves (``posts/x/``, ``../about``)."""
    last = decoded.rstrip("/").rsplit("/", 1)[-1]
    return bool(target.suffix) or last in ("", ".", "..")


def _built_from_source(target: Path) -> bool:
    """Whether ``target`` is ``x.html`` beside a source file ``x.md`` the site's build turns
    into it."""
    if target.suffix.lower() not in _BUILT_SUFFIXES:
        return False
    return any(target.with_suffix(s).exists() for s in MARKDOWN_SUFFIXES)


def _namesake(target: Path, root: Path) -> str | None:
    """The one existing file named as ``target`` under ``root`` (a moved file), else None.

    From :func:`_names_under`'s index of the tree; the file is looked at again before it is
    named, so an index a few seconds old can miss a suggestion but never name a gone file.
    """
    name = target.name
    found = _names_under(root).get(name, ()) if name else ()
    if len(found) != 1 or not (root / found[0]).is_file():
        return None
    return found[0]


_INDEX_SECONDS = 30.0
"""How long one walk of a tree serves the suggestions of a run: a tree of 2,000 posts with a
missing link each was walked 2,000 times (4 M entries, 10 CPU s); an index older than this is
walked again, so a long-lived process (the Python API) does not suggest from an old tree."""
_indexes: dict[Path, tuple[float, dict[str, tuple[str, ...]]]] = {}
_indexes_lock = threading.Lock()


def _names_under(root: Path) -> dict[str, tuple[str, ...]]:
    """Each file name under ``root`` with (at most two of) its paths, relative to ``root``.

    A bounded walk (:data:`_SUGGESTION_WALK_LIMIT` entries; past it, an empty index: no
    suggestion) that follows no symlink, so a link loop or a huge vendored tree cannot hold the
    run.  Only a suggestion is read from it; every verdict is a ``stat`` of its own.
    """
    now = time.monotonic()
    with _indexes_lock:
        kept = _indexes.get(root)
        if kept is not None and now - kept[0] < _INDEX_SECONDS:
            return kept[1]
        names: dict[str, tuple[str, ...]] = {}
        seen = 0
        for folder, folders, files in os.walk(root):
            folders[:] = [f for f in folders if f not in _SKIPPED_FOLDERS]
            seen += len(folders) + len(files)
            if seen > _SUGGESTION_WALK_LIMIT:
                names = {}
                break
            for file in files:
                paths = names.get(file, ())
                if len(paths) < 2:
                    names[file] = (*paths, Path(folder, file).relative_to(root).as_posix())
        if len(_indexes) >= 8:  # a run checks a few trees; the oldest index goes
            _indexes.pop(next(iter(_indexes)))
        _indexes[root] = (now, names)
        return names
