"""Sort each INPUT into a URL, a file or a folder, and turn it into :class:`Page` values.

A URL the user names is fetched whatever robots.txt says (robots governs only what a crawler
finds by itself).  A feed or sitemap URL gives its posts; with ``crawl=True`` a blog's home,
label, archive or search URL gives every post of it (:mod:`checker.discover.crawl`).  A file
holding a Blogger export, a WordPress WXR export or a saved feed gives one page per post.

An input that cannot be read at all is an :class:`InputError`: the run stops with one line saying
which input and why, before any checking starts, so nothing half-done is reported as a result.
Every input is opened first (named URLs fetched together, files read, folders walked), so that
with several inputs the one line names every input that cannot be read, not only the first, and
no input's posts are handed on while another input is dead.  A folder's files are read as its
pages are handed on (:class:`_Walked`): the first page's extraction starts while the others are
read (a file that cannot be read is one unread post, never the input's end).
"""

from __future__ import annotations

import asyncio
import codecs
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from checker.discover.exports import exported, file_address, looks_like_export, xml_page
from checker.discover.found import (
    Discovery,
    OtherFile,
    PageRoom,
    PageSink,
    Route,
    Scope,
    SoFar,
    Unread,
    open_input,
)
from checker.discover.ignore import walk
from checker.discover.kinds import PAGE_SUFFIXES, gunzipped_name, name_kind, page_kind
from checker.discover.mhtml import is_mhtml, saved_page
from checker.discover.movabletype import movable_type_pages
from checker.discover.substack import substack_titled
from checker.discover.urls import canonical_link
from checker.encoding import BINARY_BYTES, GZIP_MAGIC, decode_body, gunzip_bounded, is_textual
from checker.errors import InputError, named_path
from checker.lazyre import lazy
from checker.model import FetchResult, Page, PageKind

if TYPE_CHECKING:
    from checker.model import Fetcher

__all__ = ["PAGE_SUFFIXES", "discover", "discover_inputs", "page_kind"]

T = TypeVar("T")
_END = object()

_URL_LIKE = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HOST_LIKE = lazy(r"(?:[A-Za-z0-9-]{1,63}\.){1,10}[A-Za-z]{2,63}(?:[/?#][^\s]*)?")
"""``example.com``, ``www.example.com/blog``: a web address written without its scheme."""
_MAX_FILE_BYTES = 50 * 1024 * 1024


async def discover(
    inputs: Sequence[str],
    fetcher: Fetcher,
    *,
    crawl: bool = False,
    scope: Scope | None = None,
) -> tuple[Page, ...]:
    """Every page the inputs name, in the order given (a folder's files sorted by path)."""
    found = await discover_inputs(inputs, fetcher, crawl=crawl, scope=scope)
    return tuple(page for discovery in found for page in discovery.pages)


async def discover_inputs(
    inputs: Sequence[str],
    fetcher: Fetcher,
    *,
    crawl: bool = False,
    scope: Scope | None = None,
    on_page: PageSink | None = None,
    on_input: Callable[[int, str], None] | None = None,
    room: PageRoom | None = None,
    so_far: SoFar | None = None,
) -> tuple[Discovery, ...]:
    """One :class:`Discovery` per input: its pages, the route that found them, the requests made.

    ``crawl`` turns a blog's home, label, archive or search URL into all of its posts, limited by
    ``scope`` (``max_posts``, ``since``, ``label``); without it such a URL is one page.
    ``on_page`` is told of each page as soon as it is found, in the order of the result, and
    is then its only keeper (:data:`~checker.discover.found.PageSink`: the discoveries keep no
    page it took), and ``room``, when given, holds discovery back until it has room for
    another (:data:`~checker.discover.found.PageRoom`).  ``on_input`` is told
    ``(index, input)`` before the pages of each input, so a caller can account for what each
    input yielded.  ``so_far`` is kept up to date with what is found, for a caller stopped
    before the result (:class:`~checker.discover.found.SoFar`).
    """
    if not inputs:
        raise InputError("no INPUT given: name a URL, a file or a folder")
    opened = await _open_all(inputs, fetcher, scope)
    told = so_far or SoFar()
    for index, (item, first) in enumerate(zip(inputs, opened, strict=True)):
        if on_input is not None:
            on_input(index, item)
        if isinstance(first, FetchResult):
            # The crawler (feeds, sitemaps, robots.txt: lxml's XML side, protego) is imported
            # only for a URL input: files and folders never need it (issue 19, start-up).
            from checker.discover.crawl import discover_blog  # noqa: PLC0415

            told.unread, told.skipped = [], []
            discovery = await discover_blog(
                item,
                fetcher,
                scope,
                crawl=crawl,
                on_page=on_page,
                room=room,
                opened=first,
                unread=told.unread,
                skipped=told.skipped,
            )
        elif isinstance(first, _Walked):
            told.unread = first.failed
            if on_page is not None:
                await hand_over(first.read(keep=False), on_page, room=room)
            else:
                for _ in first.read():
                    pass
            discovery = first.discovery()
        else:
            discovery = first
            told.unread = list(discovery.failed)
            if on_page is not None:
                await hand_over(discovery.pages, on_page, room=room)
                discovery = replace(discovery, pages=())
        told.done.append(discovery)
        told.unread, told.skipped = [], []
    return tuple(told.done)


# Turns of the event loop between two stretches of extraction: a request needs about four to go
# from its answer's bytes to the next request on its host (data in, task woken, slot handed on,
# next request written).
_TURNS = 4


async def hand_over(
    pages: Iterable[T],
    on_page: Callable[[T], None],
    clock: Callable[[], float] = time.perf_counter,
    *,
    room: PageRoom | None = None,
) -> None:
    """Give each page to ``on_page`` (the pipeline's intake, which starts its checks), sharing
    the event loop half and half with the checks already under way.  (The pipeline extracts
    pages on a thread of their own, :meth:`checker.run.Run.posts_soon`, since session 22; what
    ``on_page`` still does on the loop, a warm page's recall from the memo, is paced here.)

    Extraction ran on the loop.  A thousand files in one stretch kept the network idle for
    seconds; one page per loop turn starved discovery instead: with a hundred requests in flight
    a turn is long, so 112 files took 13 s where their extraction costs 0.5 s, and the busiest
    host's later URLs, not yet found, left its lanes idle (issue 19, Zipf regime).  So extraction
    gets as long as the loop's last few turns took, then the loop gets its turns.

    ``room``: the next page is taken from ``pages`` (a folder's file read) only once the sink
    has room for it (:data:`~checker.discover.found.PageRoom`).
    """
    share = 0.0
    began = clock()
    each = iter(pages)
    while True:
        if room is not None:
            await room()
        page = next(each, _END)
        if page is _END:
            return
        on_page(cast("T", page))
        if clock() - began < share:
            continue
        paused = clock()
        for _ in range(_TURNS):
            await asyncio.sleep(0)
        began = clock()
        share = began - paused


async def _open_all(
    inputs: Sequence[str], fetcher: Fetcher, scope: Scope | None
) -> list[FetchResult | Discovery | _Walked]:
    """Each input opened: a URL's answer, a file's or folder's pages; or one InputError for all.

    One dead input among several stops the run (exit 2, as for one input): the user named it, so
    a report without it would look complete when it is not.  The message names each input that
    cannot be read and why (``2 of 3 inputs cannot be read: A: HTTP 404; B: timeout: …``).
    """

    async def one(item: str) -> FetchResult | Discovery | _Walked | InputError:
        try:
            if _URL_LIKE.match(item):
                return await open_input(item, fetcher)
            scope_ = scope or Scope()
            path = Path(item)
            if path.is_dir():  # walked now, its files read as its pages are handed on
                return _walked(
                    path,
                    scope_.exclude_path,
                    respect_ignore=scope_.respect_ignore,
                    own_files=scope_.own_files,
                    within=scope_.local_roots,
                )
            return _path_discovery(path)
        except InputError as exc:
            return exc
        except OSError as exc:  # the OS refuses to look (a name too long, a path it forbids)
            return InputError(f"{named_path(item)}: cannot read ({exc.strerror or exc})")

    opened = await asyncio.gather(*(one(item) for item in inputs))
    errors = [_cut(str(x)) for x in opened if isinstance(x, InputError)]
    if len(errors) == 1 and len(inputs) == 1:
        raise InputError(errors[0])
    if errors:
        more = len(errors) - _NAMED_ERRORS
        raise InputError(
            f"{len(errors)} of {len(inputs)} inputs cannot be read: "
            + "; ".join(errors[:_NAMED_ERRORS])
            + (f"; and {more} more" if more > 0 else "")
        )
    return [x for x in opened if not isinstance(x, InputError)]


_NAMED_ERRORS = 10
"""Inputs that cannot be read named in the one-line error at most (200,000 missing paths of a
``--files-from`` list made a 7.7 MB "line")."""
_ERROR_CHARS = 240
"""One input's error at most: its start (the path) and end (why) kept, the middle cut."""


def _cut(error: str) -> str:
    """``error`` cut short in the middle (a path of a megabyte was echoed whole)."""
    if len(error) <= _ERROR_CHARS:
        return error
    half = _ERROR_CHARS // 2
    return f"{error[:half]}…{error[-half:]}"


def _path_discovery(path: Path) -> Discovery:
    """The posts of the file ``path`` (a folder is :func:`_walked`), or one clear line."""
    if path.is_file():
        inner = gunzipped_name(path)
        if inner is not None:
            text, cut = _read_gunzipped(path)
            read = _file_discovery(inner, text, str(path))
            if not cut:
                return read
            return replace(read, failed=(*read.failed, Unread(str(path), _GZIP_CUT, "gzip file")))
        return _file_discovery(path, _read_text(path), str(path))
    raise InputError(f"{named_path(path)}: {_why_unreadable(path)}")


def _file_discovery(path: Path, text: str, origin: str) -> Discovery:
    """The posts of the file ``path`` holding ``text`` (``origin``: where it was read, a
    ``sitemap.xml.gz`` for its ``sitemap.xml``): an export's, feed's or sitemap's, an XML
    file's, a Movable Type export's, or the file as one post (a saved MHTML page's headers are
    no export's: :func:`_file_page` reads it)."""
    if is_mhtml(text):
        return Discovery((_file_page(path, text, Path(origin)),), Route.PAGE)
    if looks_like_export(path, text[:1024]):
        found = exported(text, origin)
        if found is not None:
            return Discovery(found[0], Route.EXPORT, failed=found[1])
        # any other XML is read as XML: read as text, its namespace names were cited
        page = xml_page(text, origin)
        if page is not None:
            return Discovery((page,), Route.PAGE)
    entries = movable_type_pages(text, origin)  # Hatena's, livedoor's, MT's: text
    if entries is not None:
        return Discovery(entries, Route.EXPORT)
    return Discovery((_file_page(path, text, Path(origin)),), Route.PAGE)


def _is_post_name(path: Path) -> bool:
    """Whether a file found in a folder is a post by its name: a post's suffix, or a post's
    name gzipped (``post.md.gz``: it was an "other file", not read; session 28's leftover)."""
    return name_kind(path) is not None


_GZIP_CUT = (
    "its gzip stream ends before its end mark (a file cut short), or its content is past "
    f"the {_MAX_FILE_BYTES // (1024 * 1024)} MB a post file may hold: read up to there, the "
    "entries past it not read"
)


_GZIP_POST_CUT = (
    "read in part only: its gzip stream ends before its end mark (a file cut short), or its "
    f"content is past the {_MAX_FILE_BYTES // (1024 * 1024)} MB a post file may hold; what is "
    "before the cut was checked"
)
_GZIP_POST_CUT_FIX = "gzip the post again from its source (or check the file it holds)"


def _read_gunzipped(path: Path) -> tuple[str, bool]:
    """The text in the gzip file ``path`` and whether it was cut (a stream cut short, or more
    than a post file may hold): what is before the cut is read, the cut said
    (:func:`~checker.encoding.gunzip_bounded`, the same reading as a fetched sitemap's).
    Refused as binary, it was exit 2 and a sitemap search engines read went unchecked.

    A file so named that is no gzip but text (a browser's download, unzipped on the way, keeps
    its name) is read as the text it is, as before names were read (exit 2 made it unchecked,
    probe 28l), as a fetched one that is no gzip is."""
    data = _read_bytes(path)
    inner = gunzip_bounded(data, _MAX_FILE_BYTES)
    if inner is None and not data.startswith(GZIP_MAGIC) and not _binary(data):
        return _text_of(path, data), False
    if inner is None:
        raise InputError(f"{named_path(path)}: named .gz but not a gzip file its reader can open")
    content, cut = inner
    return _text_of(path, content, ", once gunzipped"), cut


def _binary(data: bytes) -> bool:
    """Whether ``data`` is no text file's: not textual and a NUL early on (git's sign), unless
    it is UTF-16 without a byte order mark (:func:`_utf16_without_bom`) or text with a stray
    control byte or two (:func:`_stray_controls`)."""
    if is_textual(None, data) or b"\0" not in data[:_NUL_SNIFF_BYTES]:
        return False
    return _utf16_without_bom(data) is None and not _stray_controls(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of ``data`` when it is UTF-16 text without a byte order mark, else None.

    Windows tools and PowerShell's ``Out-File`` write UTF-16 with no mark as often as with one;
    such a post was "binary content", said but never read (probe 31).  Its sign is sound for
    text of Latin letters, digits and markup: over the sniffed prefix every NUL stands in the
    high byte of its pair (odd offsets little-endian, even big-endian), none in the other, a
    quarter of the pairs at least hold one, and the whole decodes strictly to text with no
    control character.  A binary file has NULs in both places; UTF-16 of only CJK text has
    no NUL at all and is left to the sniffing it had."""
    sample = data[: _NUL_SNIFF_BYTES & ~1]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    low, high = sample[0::2].count(0), sample[1::2].count(0)
    if low and high:
        return None
    zeros, codec = (high, "utf-16-le") if high else (low, "utf-16-be")
    if zeros * 4 < pairs:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    head = text[: _NUL_SNIFF_BYTES // 2]
    return None if any(ord(c) < 0x20 and c not in "\t\n\r\f" for c in head) else codec


_STRAY_CONTROLS = 1_000
"""Sniffed bytes a text file may hold one control byte in (a NUL pasted by an editor or a bad
copy) and still be the text its name says: a binary file holds far more."""


def _stray_controls(data: bytes) -> bool:
    """Whether the sniffed prefix of ``data`` is UTF-8 text but for a few control bytes (at
    most one in :data:`_STRAY_CONTROLS`): a Markdown post with one stray NUL was "binary
    content", exit 2 when named (probe 31).  The NUL is read as U+FFFD, as CommonMark and
    HTML's parser read it (:func:`_text_of`)."""
    sample = data[:_NUL_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, BINARY_BYTES))
    if controls > max(1, len(sample) // _STRAY_CONTROLS):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(slots=True)
class _Walked:
    """A folder input walked, its post files not read yet: :meth:`read` reads them one by one
    as discovery hands each page on, so the first page's extraction need not wait for the
    last file (the 112 files of the bench's corpus took 0.09 s of CPU to read and decode
    before the first page could be extracted; issue 19, bench/README.md, "Session 22")."""

    files: list[Path]
    failed: list[Unread]
    other_files: tuple[OtherFile, ...]
    ignored: tuple[str, ...]
    pages: list[Page] = field(default_factory=list)

    def read(self, *, keep: bool = True) -> Iterator[Page]:
        """Each post file's page, read now; one that cannot be read is an unread post.
        ``keep``: also kept for :meth:`discovery` (not when a sink takes them: see
        :data:`~checker.discover.found.PageSink`)."""
        for file in self.files:
            if not file.is_file():  # made a pipe since the walk: opened, it is read forever
                self.failed.append(Unread(str(file), _why_unreadable(file)))
                continue
            try:
                page = self._page(file)
            except InputError as exc:
                self.failed.append(Unread(str(file), str(exc).removeprefix(f"{file}: ")))
                continue
            if keep:
                self.pages.append(page)
            yield page

    def _page(self, file: Path) -> Page:
        """The post file ``file`` as its page; a gzipped one (``post.md.gz``) as the file it
        holds, a cut in its stream said (what is before the cut is read)."""
        inner = gunzipped_name(file)
        if inner is None:
            return _file_page(file, _read_text(file))
        text, cut = _read_gunzipped(file)
        if cut:
            self.failed.append(Unread(str(file), _GZIP_POST_CUT, fix=_GZIP_POST_CUT_FIX))
        return _file_page(inner, text, file)

    def discovery(self) -> Discovery:
        """The folder's :class:`Discovery`, once :meth:`read` went through its files."""
        return Discovery(
            tuple(self.pages),
            Route.PAGE,
            failed=tuple(self.failed),
            other_files=self.other_files,
            ignored=self.ignored,
        )


def _walked(
    path: Path,
    exclude_path: Sequence[str] = (),
    *,
    respect_ignore: bool = True,
    own_files: frozenset[Path] = frozenset(),
    within: Sequence[Path] | None = None,
) -> _Walked:
    """Every post file of a folder, to read; one that cannot be read is an unread post, not
    the run's end.

    A file the user named is the input itself (unreadable: exit 2); a file found in a folder is
    one post among many, so a binary ``.md`` or an unreadable file becomes ``post-unreadable``
    for that file while the others are checked.  A file of no post's kind (by its suffix) is
    not read, as lychee walking a folder reads only its list of extensions; it is listed in
    :attr:`Discovery.other_files` (a ``files-not-read`` note), not left out with no word.
    What the folder's ignore files and dependency folders exclude
    (:mod:`checker.discover.ignore`) is not read either, and listed in
    :attr:`Discovery.ignored`; a file named as an input is read whatever they say.  The run's
    own files (``own_files``: its reports) are no post and no file of the folder's.  A link to
    a folder out of ``within`` (the folders being checked) is said, not walked.
    """
    walked = walk(path, respect_ignore=respect_ignore, within=within)
    found = _not_own(walked.entries, own_files)
    excluded = [re.compile(pattern) for pattern in exclude_path]
    if walked.unlisted and walked.unlisted[0][0] == path:
        raise InputError(f"{named_path(path)}: cannot read the folder ({walked.unlisted[0][1]})")
    named = sorted(p for p in found if _is_post_name(p) and not p.is_dir())
    kept = [p for p in named if not any(x.search(p.as_posix()) for x in excluded)]
    others = sorted(
        p
        for p in found
        if not _is_post_name(p) and not any(x.search(p.as_posix()) for x in excluded)
    )
    if named and not kept:
        raise InputError(f"{named_path(path)}: every page in the folder matches --exclude-path")
    if not kept:
        suffixes = ", ".join(PAGE_SUFFIXES)
        also = f"; its {len(others)} other file(s) are of no post kind" if others else ""
        if walked.ignored:
            also += (
                f"; {len(walked.ignored)} file(s) kept out by its ignore files or dependency "
                "folders (--no-ignore reads them)"
            )
        unread = sum(1 for p in walked.hidden if _may_hold_posts(p))
        if unread:
            entries = f"{unread} hidden entr{'ies' if unread != 1 else 'y'}"
            also += f"; {entries} (a name starting with “.”) not read"
        raise InputError(f"{named_path(path)}: folder holds no pages ({suffixes}){also}")
    # A post's name on something that is no file (a broken symbolic link, a pipe, a device) is
    # a post that cannot be read, said as such: it was left out with no word.
    failed = [Unread(str(p), _why_unreadable(p)) for p in kept if not p.is_file()]
    # A subfolder that could not be listed is said under its path, as an entry not read: what
    # it holds is unknown (a ``lost+found``, a private folder holding no post), so it does not
    # fail the run as a post unread would (session 29's review: it did, with no post in it).
    unlisted = tuple(
        OtherFile(str(f), False, f"folder(s) that cannot be listed, {why}")
        for f, why in walked.unlisted
        if not any(x.search(f.as_posix()) for x in excluded)
    )
    hidden = tuple(
        OtherFile(str(p), False, _HIDDEN)
        for p in walked.hidden
        if _may_hold_posts(p) and not any(x.search(p.as_posix()) for x in excluded)
    )
    outside = tuple(
        OtherFile(str(p), False, _OUTSIDE_LINK)
        for p in walked.outside
        if not any(x.search(p.as_posix()) for x in excluded)
    )
    return _Walked(
        [p for p in kept if p.is_file()],
        failed,
        (*(_other_file(p) for p in others), *unlisted, *hidden, *outside),
        tuple(str(p) for p in sorted(walked.ignored)),
    )


_HIDDEN = (
    "hidden file(s) of a post's kind or hidden folder(s) (a name starting with “.”), left out "
    "as Jekyll, Hugo and lychee leave them"
)


def _may_hold_posts(hidden: Path) -> bool:
    """Whether a hidden entry is said: a file of a post's kind (``.draft.md``) or a folder that
    holds one (a tool's own, ``.git``, was never listed:
    :data:`checker.discover.ignore.TOOL_FOLDERS`).  A dotfile of no post's kind
    (``.editorconfig``, ``.DS_Store``) is a tool's setting, and a folder of none (``.well-known``,
    ``.yarn``) a tool's files: not said (each folder was said as maybe holding posts)."""
    if hidden.is_file():
        return _is_post_name(hidden)
    return hidden.is_dir() and not hidden.is_symlink() and _holds_post_file(hidden)


_HIDDEN_SCAN_ENTRIES = 10_000
"""How many entries of a hidden folder are looked at for a file of a post's kind: a bound on
the look (a package store holds hundreds of thousands); past it, the folder is not said."""


_OUTSIDE_LINK = (
    "symbolic link(s) to a folder outside the tree (the working folder, the folders named, "
    "--local-root), not followed"
)
"""A link a folder walk does not follow out of the folders being checked, worded as a file's
link out of them is said (``outside the tree``): give ``--local-root`` to walk it."""


def _holds_post_file(folder: Path) -> bool:
    """Whether ``folder`` holds a file of a post's kind within its first
    :data:`_HIDDEN_SCAN_ENTRIES` entries (folders not followed through symbolic links)."""
    seen = 0
    for parent, folders, names in os.walk(folder):
        seen += len(folders) + len(names)
        if any(_is_post_name(Path(parent, name)) for name in names):
            return True
        if seen >= _HIDDEN_SCAN_ENTRIES:
            return False
    return False


def _other_file(path: Path) -> OtherFile:
    """An entry of a folder that is not read as a post: a file of no post's kind, or what is
    no regular file, said as what it is (a link to the folder walked, into it or above it is
    not followed: the folder's files are read where they are; one from outside is walked,
    :class:`~checker.folder_links.FolderLinks`).  Each was left out with no word (session 28's
    leftover)."""
    if path.is_file():
        return OtherFile(str(path), _is_binary(path))
    if path.is_symlink() and path.is_dir():
        unlike = "symbolic link(s) to this folder, a folder in it or above it, not followed"
    elif path.is_symlink() and not path.exists():
        unlike = "symbolic link(s) to nothing (broken, or a loop)"
    else:
        unlike = "pipe(s), socket(s) or device(s)"
    return OtherFile(str(path), False, unlike)


def _not_own(paths: list[Path], own_files: frozenset[Path]) -> list[Path]:
    """``paths`` less the run's own files; only a path of one of their names is resolved."""
    names = {own.name for own in own_files}
    return [p for p in paths if p.name not in names or p.resolve() not in own_files]


# A blog folder's assets, known by suffix so that they are not opened to be sniffed.
_BINARY_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tif", ".tiff", ".heic",
     ".psd", ".pdf", ".epub", ".zip", ".gz", ".tgz", ".7z", ".mp3", ".m4a", ".wav", ".ogg", ".mp4",
     ".mov", ".webm", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".docx", ".xlsx", ".pptx"}
)  # fmt: skip
_SNIFF_BYTES = 2048


def _is_binary(path: Path) -> bool:
    """Whether a file is binary: by its suffix, else by its first bytes (as a post is judged)."""
    if path.suffix.lower() in _BINARY_SUFFIXES:
        return True
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return False  # unreadable: said as a text file not read, which names it
    return not is_textual(None, head)


def _why_unreadable(path: Path) -> str:
    """Why a path that is neither a file nor a folder is no input, in the user's words.

    A FIFO or a device (``/dev/zero``) exists but is no post; a symbolic link may point nowhere
    or at itself: "no such file" would send the user looking for a typo.
    """
    if path.is_symlink() and not path.exists():
        return "a symbolic link to nothing (broken, or a loop)"
    if path.exists():
        return "not a regular file or folder (a pipe, socket or device)"
    written = str(path)
    looks_like_a_file = path.suffix.lower() in PAGE_SUFFIXES or looks_like_export(path, "")
    if len(written) <= 2048 and _HOST_LIKE.fullmatch(written) and not looks_like_a_file:
        return f"no such file or folder; for the web page, give its URL: https://{written}"
    return "no such file or folder"


def _file_page(path: Path, text: str, origin: Path | None = None) -> Page:
    """The file ``path`` as one post, its kind by its name (``origin``: the file read, when
    that is another, a ``post.xml.gz`` for its ``post.xml``); a page saved as MHTML as the HTML
    it holds, at the address it was saved from."""
    read = path if origin is None else origin
    if is_mhtml(text):
        saved = saved_page(text)
        if saved is None:
            raise InputError(f"{named_path(read)}: {_NO_SAVED_PAGE}")
        url = saved.address or canonical_link(saved.html[:20_000], "")
        file_url = file_address(str(read))
        return Page(url or file_url, str(read), saved.html, PageKind.HTML, saved.line_offset)
    # Only an absolute http(s) URL may stand for the file: the page URL is the base of every
    # relative link, and ``href="http://[x"`` or ``javascript:`` there lost all of its links.
    url = canonical_link(text[:20_000], "")
    kind = page_kind(path.name, text)
    if kind is PageKind.HTML:
        text = substack_titled(path, text)
    return Page(url or file_address(str(read)), str(read), text, kind)


_NO_SAVED_PAGE = (
    "a page saved as MHTML whose parts cannot be found (no boundary, or no part between its "
    "delimiters): no page in it read"
)


def _read_text(path: Path) -> str:
    """The text of the file ``path`` (:func:`_text_of`), or one clear line."""
    return _text_of(path, _read_bytes(path))


def _text_of(path: Path, data: bytes, note: str = "") -> str:
    """``data``, read from the file ``path``, decoded as text; refused as binary when it holds a
    NUL near its start and no text marks (``note``: how it was read, said in the refusal)."""
    if _binary(data):
        raise InputError(f"{named_path(path)}: not a text file (binary content{note})")
    codec = _utf16_without_bom(data) if b"\0" in data[:_NUL_SNIFF_BYTES] else None
    text = data.decode(codec) if codec is not None else decode_body(data, None)[0]
    return text.replace("\0", "\ufffd")


def _read_bytes(path: Path) -> bytes:
    """The bytes of the file ``path``, at most :data:`_MAX_FILE_BYTES`, or one clear line."""
    try:
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            raise InputError(f"{named_path(path)}: file too large ({size} bytes) to be a post")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{named_path(path)}: cannot read ({exc.strerror or exc})") from exc


# How far a post file is searched for a NUL, git's sign of a binary file (its own reach).  A
# file named as a post is the text its name says unless it holds one: WHATWG's sniffing rule,
# meant for an untyped response, refused a Markdown post over one backspace pasted into a code
# sample (probe 23), a false ``post-unreadable`` error.
_NUL_SNIFF_BYTES = 8000
