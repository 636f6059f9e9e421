"""Write the rendered reports into the report folder, all or nothing.

This is the only module of ``report`` that touches files, and it also holds the table of
formats, so adding a format is one renderer module plus one entry in :data:`FORMATS`.  Each
format is written to a temporary name in the same folder, flushed and fsynced, and only when
every format is staged are they moved into place with ``os.replace``.  A reader (a CI step, a
browser) therefore sees either the previous report or the complete new one, and a failure (full
disk, read-only folder, a renderer's bug) leaves no half-written ``report.*`` or stray temp file.

The formats are written one at a time, and those that can produce their text in pieces
(:data:`STREAMS`: JSON, Markdown, HTML) go into the file a batch of pieces at a time: a
20,000-citation run's report.json is ~16 MB of text, and holding it whole (plus the encoder's
list of pieces, the scrubbed copy and the UTF-8 bytes) made writing the reports the peak of the
run's memory (issue 19).  The bytes are the same as the whole text's.

The temporary file is created with the usual mode (0666 less the umask, so 0644 as a rule), not
``tempfile``'s 0600: a report is for reading by a CI step, a web server or a colleague, and the
rename keeps the mode it was created with.  The text is scrubbed to valid UTF-8
(``encoding.scrub``) at this boundary, whatever the renderer produced; a batch never ends inside
a run of lone surrogates, so scrubbing batches gives what scrubbing the whole text gives.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from pathlib import Path
from typing import IO, Any

from checker import atomic
from checker.encoding import scrub
from checker.errors import ReportError

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "STREAMS",
    "Renderer",
    "check_evidence",
    "report_name",
    "write_report",
    "write_reports",
]

Renderer = Callable[[dict[str, Any]], str]
Streamer = Callable[[dict[str, Any]], Iterable[str]]


def _loaded(module: str, name: str) -> Callable[[dict[str, Any]], Any]:
    """``checker.report.<module>.<name>``, the module imported on the first report in it.

    A run writes two formats by default; the others' imports (the HTML report's templates and
    diff, junit's ElementTree) are start-up a run should not pay for (issue 19)."""

    def call(document: dict[str, Any]) -> Any:
        return getattr(import_module(f"checker.report.{module}"), name)(document)

    return call


FORMATS: dict[str, Renderer] = {
    "json": _loaded("json", "render"),
    "md": _loaded("markdown", "render"),
    "html": _loaded("html", "render"),
    "junit": _loaded("junit", "render"),
    "sarif": _loaded("sarif", "render"),
    "csv": _loaded("csv", "render"),
}
# The file extension of each format where it differs from the format's name.
EXTENSIONS: dict[str, str] = {"junit": "xml", "sarif": "sarif"}

STREAMS: dict[str, Streamer] = {
    "json": _loaded("json", "stream"),
    "md": _loaded("markdown", "stream"),
    "html": _loaded("html", "stream"),
}
"""Formats whose text comes in pieces (the same text as their entry in :data:`FORMATS`)."""
_BATCH = 1 << 16
"""Characters gathered before a write: few system calls, little held."""


def report_name(format_name: str) -> str:
    """The file name a format is written to, e.g. ``report.json`` or ``report.xml`` (junit)."""
    return f"report.{EXTENSIONS.get(format_name, format_name)}"


def write_reports(
    document: dict[str, Any],
    *,
    report_dir: Path,
    formats: Sequence[str],
    fork: bool = False,
    meanwhile: Callable[[tuple[Path, ...]], object] | None = None,
) -> tuple[Path, ...]:
    """Render ``document`` in each of ``formats`` and write them atomically into ``report_dir``.

    Returns the written paths in the order of ``formats``; raises ReportError (one line, naming
    the path) if a format is unknown or anything cannot be written.  ``fork``: the caller says
    this process may fork (no other thread runs) and the report is large (:data:`APART`), so
    the heaviest format is rendered beside the others (:class:`_Beside`, :func:`_split`).
    ``meanwhile(paths)``: the caller's own work that needs the reports' paths but not their
    files (the summary it prints), done in this process after its formats and before the files
    are moved into place: while the forked process still renders, off the end's critical path.
    """
    streams = [(report_dir / report_name(name), _streamer(name)) for name in formats]
    targets = tuple(target for target, _ in streams)
    _make_folder(report_dir)
    atomic.remove_stale(report_dir, (target.name for target in targets))
    staged: dict[Path, Path] = {}  # target -> its staged temporary file
    apart = streams[_split(formats)] if fork and len(set(targets)) > 1 else None
    beside = _Beside.start(document, [apart]) if apart is not None else None
    aside = apart[0] if apart is not None and beside is not None else None  # rendered there
    try:
        for target, streamer in streams:  # a format named twice is written once
            if target not in staged and target != aside:
                staged[target] = _stage(target, streamer(document))
        if meanwhile is not None:
            meanwhile(targets)
        if beside is not None:
            staged.update((target, temporary) for temporary, target in beside.staged())
            beside = None
            for target, streamer in streams:  # the fork failed: here, then
                if target not in staged:
                    staged[target] = _stage(target, streamer(document))
        for target in dict.fromkeys(targets):
            _replace(staged[target], target)
    finally:
        if beside is not None:  # this process failed first: the other's files go too
            staged.update((target, temporary) for temporary, target in beside.staged())
        for temporary in staged.values():
            atomic.discard(temporary)
    atomic.sync_folder(report_dir)
    return targets


_WEIGHTS = {"html": 7.0, "junit": 1.3, "csv": 1.2, "sarif": 1.2, "json": 1.0, "md": 0.7}
"""Each format's CPU relative to report.json's (``bench/profile_report.py``, the uniform 2,000
URLs: html 777 ms, junit 145, csv 140, sarif 132, json 115, md 81)."""


def _split(formats: Sequence[str]) -> int:
    """The index of the format rendered beside the others: the heaviest (report.json of the
    default two), so this process renders the lighter rest and its caller's ``meanwhile``
    (the printed summary, ~20 ms of a 2,000-URL run) while the forked one still works: the end
    is the longer of the two sides, not the first format then the summary (issue 19)."""
    return max(range(len(formats)), key=lambda index: _WEIGHTS.get(formats[index], 1.0))


APART = 1000
"""Citations from which a caller that may fork asks for the heaviest format to be rendered by
a forked process while this one renders the others (report.json beside report.md):
~0.1 s of the ~0.25 s a 2,000-URL run spends on its reports after its last verdict, on the
driver that is the run's critical path (issue 19).  Below it, the fork costs more than it
saves."""


class _Beside:
    """A forked process staging some formats while this one stages the others.

    It writes the staged files' paths to a pipe and exits at once (``os._exit``: none of this
    process's exit handlers, buffers or files are its to close).  Whatever goes wrong with it (an
    error, a signal) is no error here: the formats it did not stage are staged by this process,
    so a failure says what it says in one process (its one line, no stray file).  Each side
    removes the staged files it holds when it fails: the forked one those it staged before a
    later format failed (a full disk left them as litter), this one those it was told of
    before it was interrupted waiting.
    """

    def __init__(self, pid: int, reading: int, targets: list[Path]) -> None:
        self._pid = pid
        self._reading: int | None = reading
        self._targets = targets

    @classmethod
    def start(
        cls, document: dict[str, Any], streams: Sequence[tuple[Path, Streamer]]
    ) -> _Beside | None:
        """The forked process staging ``streams``; None if it could not be forked."""
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # pragma: no cover (the forked process: measured by its parent's test)
            os.close(reading)
            status = 1
            paths: list[Path] = []
            try:
                for target, streamer in streams:
                    paths.append(_stage(target, streamer(document)))
                with os.fdopen(writing, "w", encoding="utf-8") as pipe:
                    pipe.write("\n".join(map(str, paths)))
                status = 0
            finally:
                for path in paths if status else ():
                    atomic.discard(path)
                os._exit(status)
        os.close(writing)
        return cls(pid, reading, [target for target, _ in streams])

    def staged(self) -> list[tuple[Path, Path]]:
        """Wait for the process; the files it staged and their targets (none if it failed).

        Once only: asked again (this process interrupted while waiting), nothing."""
        reading, self._reading = self._reading, None
        if reading is None:
            return []
        said = ""
        try:
            with os.fdopen(reading, encoding="utf-8") as pipe:
                said = pipe.read()
            _, status = os.waitpid(self._pid, 0)
        except BaseException:  # interrupted: what it staged goes (it removes what it had not said)
            for line in said.split("\n"):
                if line:
                    atomic.discard(Path(line))
            raise
        paths = [Path(line) for line in said.split("\n") if line]
        if status != 0 or len(paths) != len(self._targets):
            for path in paths:
                atomic.discard(path)
            return []
        return list(zip(paths, self._targets, strict=True))


def write_report(document: dict[str, Any], *, format_name: str, target: Path) -> Path:
    """Render ``document`` in one format and write it atomically to ``target`` (``-o FILE``).

    The same staging as :func:`write_reports` (streamed, scrubbed, synced, renamed into place,
    the usual mode), for a file the user named instead of the report folder.
    """
    streamer = _streamer(format_name)
    atomic.remove_stale(target.parent, (target.name,))
    temporary = _stage(target, streamer(document), flag="-o")
    try:
        _replace(temporary, target, flag="-o")
    finally:
        atomic.discard(temporary)
    atomic.sync_folder(target.parent)
    return target


def _streamer(name: str) -> Streamer:
    """The format's text in pieces; checked for every format before any file is made."""
    streamer = STREAMS.get(name)
    if streamer is not None:
        return streamer
    renderer = FORMATS.get(name)
    if renderer is None:
        raise ReportError(
            f"report format {name!r} is not available; choose from {', '.join(FORMATS)}"
        )
    return lambda document: (renderer(document),)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc, "create the report folder") from exc


def _stage(target: Path, pieces: Iterable[str], *, flag: str = "--report-dir") -> Path:
    """Write ``pieces`` to a synced temporary file beside ``target``; return its path.

    The temporary file goes if anything fails, the renderer included, so no stray file stays.
    """
    try:
        return atomic.stage(target, lambda stream: _write_pieces(stream, pieces))
    except OSError as exc:
        raise write_error(target, exc, "write", flag) from exc


def _write_pieces(stream: IO[bytes], pieces: Iterable[str]) -> None:
    """Scrubbed UTF-8 of the pieces, written ~64 K characters at a time.

    A batch is cut before any lone surrogates it ends with (they go with the next batch), so a
    run of escaped bytes is scrubbed as one, as it would be in the whole text.
    """
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= _BATCH:
            text = "".join(held)
            cut = _surrogate_tail(text)
            stream.write(_utf8(text[:cut]))
            held, size = [text[cut:]], len(text) - cut
    stream.write(_utf8("".join(held)))


def _utf8(text: str) -> bytes:
    """``scrub(text)`` as UTF-8: encoded first, scrubbed only when that fails (a lone
    surrogate).  A report's text has none as a rule (``document.displayed`` scrubbed every
    string), and looking for them before encoding was a second pass over each report's text
    (a warm 20,000-URL run's report.json is ~23 MB, issue 19)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return scrub(text).encode("utf-8")


def _surrogate_tail(text: str) -> int:
    """Where the run of lone surrogates that ``text`` ends with begins (``len(text)``: none)."""
    cut = len(text)
    while cut and "\ud800" <= text[cut - 1] <= "\udfff":
        cut -= 1
    return cut


def _replace(temporary: Path, target: Path, *, flag: str = "--report-dir") -> None:
    try:
        atomic.commit(temporary, target)
    except OSError as exc:
        raise write_error(target, exc, "write", flag) from exc


def check_evidence(document: dict[str, Any], report_dir: Path) -> None:
    """Raise :class:`ReportError` if a WARC file the report lists (``warc_files``, relative to
    ``report_dir``) is no longer there.

    A recorder writes to the file it opened: a report folder removed during the run (a CI
    step cleaning its outputs, ``rm -rf reports``) took the evidence with it, the reports were
    written into the folder made anew, and report.json listed an ``evidence.warc.gz`` that did
    not exist (probe 34).  Evidence that is incomplete gets no report, as a WARC file that could
    not be written gets none (:meth:`checker.fetch.warc.WarcRecorder.raise_failure`)."""
    for name in document.get("warc_files", ()):
        path = report_dir / name
        if not path.is_file():
            raise ReportError(
                f"cannot write the evidence file {path}: it was removed during the run (or its "
                "folder was); the evidence is incomplete, so no report was written: keep the "
                "report folder while the run lasts, then run again"
            )


def write_error(path: Path, exc: OSError, action: str, flag: str = "--report-dir") -> ReportError:
    """The one line for a file citecheck could not write: what, why, and what to do (a device
    or a pipe as the target is no folder permission problem: ``-o -`` is standard output)."""
    reason = exc.strerror or exc.__class__.__name__
    if isinstance(exc, atomic.NotRegularFileError):
        advice = f"name a regular file with {flag}" + (
            " (-o - writes to standard output)" if flag in {"-o", "--output"} else ""
        )
    else:
        advice = f"check that the folder is writable or choose another with {flag}"
    return ReportError(f"cannot {action} {path}: {reason}; {advice}")
