"""Compiled code of the source text citecheck generates at start, kept between runs (issue 19).

Python's ``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
(and a frozen class's ``__setattr__`` and ``__delattr__``) as source text and compiles it when
the class is made: 426 functions when the command line is imported, ~230 M instructions of its
~1,280 M (bench/README.md, "Session 31"), paid again by every run though the text is the same
each time.  The memo's codec writes its readers and writers the same way, in every process
(:func:`checker.memo._compiled`).

The interpreter keeps a module's compiled code in ``__pycache__`` so that the next import does
not compile it again; this module keeps the compiled code of that generated text there too,
with the same trust: a file of code objects (``marshal``, as a ``.pyc`` is) in citecheck's own
``__pycache__`` (or under ``PYTHONPYCACHEPREFIX``), written only where Python writes bytecode
(never under ``PYTHONDONTWRITEBYTECODE``), read only when it is this interpreter's (its magic
number) and no other user may write it.  Its key is the whole source text, the name it is
compiled under and the optimization level: a text that changed (a class's fields, a new
release) is compiled anew, never given another text's code.  The code is exactly what
``dataclasses``' own ``exec`` of the text gives (no ``__future__`` flag of this module's, so an
``__init__``'s annotations are the types, not strings).  The file holds a SHA-256 of its code:
a damaged file (a flipped byte ``marshal`` would load as other code, or crash on) is refused
whole, and a file refused or missing is replaced by this run's.  A cache that cannot be read or
written costs only the compiling.

The regular expressions compiled at start are kept the same way (:func:`_compile_pattern`):
importing the command line compiles ~240 patterns (citecheck's, click's, httpx's), and ``re``'s
compiler, written in Python, parses each and writes its program anew every run: ~265 M
instructions of a ~970 M start (bench/README.md, "Session 32").  The file keeps each pattern's
program, the arguments ``re``'s own compiler hands ``_sre.compile`` (recorded as it calls it,
:class:`_Recorder`), by the pattern and its flags; a start makes its patterns from those
programs, as ``re`` itself would from the ones it writes.  Only the start's patterns are kept:
:func:`started` hands ``re`` its own compiler back once the command line is imported, so no
pattern made from a run's input (a cited host, a handle, an ``--exclude``) is written to the
file, and a pattern whose compiling warned is never kept (its warning would be lost to the
next run).  After the start, the code's own patterns compiled on first use (a module's lazy
constant, a library imported when a run first needs it) are kept too, each in a window
(:func:`keeping`) that keeps only the patterns of the thread that opened it: one it finds in the
file is made from its program; one it does not is compiled by ``re``'s own compiler and only
noted, its program recorded when the process's file is written (:func:`_save`, at the exit, on
the main thread), so that no thread changes ``re``'s or ``warnings``' process-wide state to
record it while other threads compile (mend33m).

``_sre`` does not check a program it is given (a damaged one can crash the process or match
wrongly): the guard is the one a ``.pyc`` has, the file's SHA-256, its header naming
the interpreter's exact version (the program is its ``re`` compiler's) and the owner check; a
program ``_sre`` does refuse (it raises) is compiled from its text.

A leaf: it imports only the leaf :mod:`checker.atomic` (the one way a file is replaced).
"""

from __future__ import annotations

import atexit
import collections
import dataclasses
import hashlib
import importlib.util
import marshal
import os
import re
import stat
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType, FrameType, ModuleType
from typing import Any

from checker.atomic import replace_atomically

__all__ = ["IMPORTS_KEPT", "compiled", "imported", "install", "keeping", "started"]

_sre: Any = importlib.import_module("_sre")
"""``re``'s engine, which makes a pattern from its program (imported by name: no type stubs)."""

_FORMAT = (
    importlib.util.MAGIC_NUMBER
    + b"citecheck generated code 3\n"
    + f"{sys.implementation.name} {sys.version} sre {_sre.MAGIC} {_sre.CODESIZE}\n".encode()
)
"""The file's first bytes: this interpreter's bytecode version (a code object of another one
cannot run here), this file's layout, and the interpreter's exact version with its ``_sre``'s
(a pattern's program is its ``re`` compiler's); the SHA-256 of the rest (:data:`_DIGEST_SIZE`
bytes) follows, then the ``marshal`` payload: the code objects by key, and the patterns'
programs by pattern and flags (:data:`_Program`).

The exact version costs compiling, nothing else: a patch release of the interpreter drops the
cached code objects too (not only the programs), and two interpreters of one bytecode version
sharing a ``PYTHONPYCACHEPREFIX`` refuse each other's file and replace it, each run."""

_DIGEST_SIZE = hashlib.sha256().digest_size

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a named pipe planted at the path opens at once, not blocks
    | getattr(os, "O_NOFOLLOW", 0)  # a symlink planted there is refused, not followed
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

_MOST_KEPT = 4_000
"""Texts kept in the file at most, and patterns apart; past it only those this process used
are written (the classes of older releases are dropped, the file does not grow without end)."""


_MOST_NEW_PROGRAMS = 1_000
"""Patterns' programs one process records at most (a start records ~240): whatever compiles
patterns before :func:`started`, the file does not grow with it."""

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``re``'s compiler hands ``_sre.compile`` after the pattern itself: the flags (the
pattern's inline ones added), the program, the number of groups less one, the group names'
numbers and each number's name."""

_PatternKey = tuple[str | bytes, int]


class _Cache:
    """The code compiled this process: read from the file, or compiled anew (``new``)."""

    def __init__(self) -> None:
        self.codes: dict[str, CodeType] = {}
        self.programs: dict[_PatternKey, _Program] = {}
        self.used: set[str | _PatternKey] = set()
        self.new = False
        self.new_programs = 0
        self.installed_by: int | None = None  # the process that writes the file at its exit
        self.starting = True  # until started(): every pattern compiled is the start's, kept
        self.windows = 0  # keeping() windows open after the start, on any thread
        self.noted: dict[_PatternKey, None] = {}  # kept in a window, recorded at the exit


_CACHE = _Cache()


def compiled(source: str, filename: str, mode: str = "exec") -> CodeType:
    """The code ``exec(source)`` (or, ``mode`` ``"eval"``, ``eval``) runs in a module without
    ``__future__`` imports (as ``dataclasses``, ``collections``), from the cache when this text
    was compiled before.

    ``dont_inherit``: ``compile`` would otherwise take this module's own ``from __future__
    import annotations``, and a cached ``__init__`` would get strings for annotations.  The
    optimization level (``-O``: no ``assert``) is part of the key, and an expression's mode
    (no text compiled for ``exec`` holds the NUL that separates it)."""
    shown = source if mode == "exec" else f"{mode}\0{source}"
    key = f"{sys.flags.optimize}\0{filename}\0{shown}"
    code = _CACHE.codes.get(key)
    if code is None:
        code = _CACHE.codes[key] = compile(source, filename, mode, dont_inherit=True)
        _CACHE.new = True
    _CACHE.used.add(key)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` as ``dataclasses`` calls it, a text compiled through :func:`compiled` (its
    ``exec`` of a string compiles it under the name ``<string>``)."""
    if isinstance(source, str):
        source = compiled(source, "<string>")
    exec(source, globals, locals)


def _eval(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """``eval`` as ``collections.namedtuple`` calls it (its ``__new__``, a ``lambda`` made from
    text: 27 at start), a text compiled through :func:`compiled` as ``eval`` compiles it (under
    the name ``<string>``, its leading spaces and tabs dropped)."""
    if isinstance(source, str):
        source = compiled(source.lstrip(" \t"), "<string>", "eval")
    return eval(source, globals, locals)


def install() -> None:
    """Read the cache file and have ``dataclasses``, ``namedtuple`` and (until :func:`started`)
    ``re`` compile through it from now on; at the process's exit, write what was compiled anew
    (this process only, not a forked worker).

    ``dataclasses`` calls the built-in ``exec`` by name from its own module (CPython 3.11 to
    3.13), so a module global of that name is what it calls; ``collections`` its ``eval``
    likewise."""
    if _CACHE.installed_by is not None:
        return
    path = _cache_file()
    if path is not None:
        codes, programs = _read_all(path)
        _CACHE.codes.update(codes)
        _CACHE.programs.update(programs)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    if _RE_RECORDABLE:
        re._compiler.compile = _compile_pattern  # type: ignore[attr-defined]
    _CACHE.installed_by = os.getpid()
    atexit.register(_save)


def started() -> None:
    """The start is over (the command line imported): ``re`` compiles with its own compiler
    again, and no pattern compiled from now on is kept.

    The patterns a run compiles after its start are made from its input (a cited host or
    handle, a code fence's length, ``--exclude``, the ignore file): kept, they grew the file
    without end (3,000 citations: 12,239 programs, 9.6 MB that every later start read) and
    wrote the user's data beside citecheck's bytecode."""
    with _SWAPPING:
        _CACHE.starting = False
        _swap_compiler()


_SWAPPING = threading.Lock()
"""Held while ``re``'s compiler is chosen (:func:`_swap_compiler`), and only then: never across
an import or a pattern's compile (a thread waiting for it while holding a module's import lock
would deadlock unseen by the import system's detection)."""

_WINDOW = threading.local()
"""``depth``: the :func:`keeping` windows this thread has open (the one thing that says whose
patterns are kept after the start: a shared "keeper" read by every thread was set and cleared
apart from swapping the compiler, and another thread's input patterns were kept between)."""


def _swap_compiler() -> None:
    """Have ``re`` compile through :func:`_compile_pattern` while the start lasts or a window is
    open on some thread, through its own compiler otherwise (so that, no window open, an input
    pattern's warning is blamed on the line that compiled it, as ``re`` blames it).  Which one
    another thread reaches decides nothing: :func:`_compile_pattern` keeps only the start's
    patterns and those of a thread inside its own window.  A compiler not one of these two
    (another's replacement) is left as it is."""
    compiler = re._compiler  # type: ignore[attr-defined]
    if getattr(compiler, "compile", None) in (_compile_pattern, _SRE_COMPILE):
        wanted = _CACHE.starting or _CACHE.windows > 0
        compiler.compile = _compile_pattern if wanted else _SRE_COMPILE


@contextmanager
def keeping() -> Iterator[None]:
    """Inside, the patterns this thread compiles are the code's own and kept as the start's are:
    a module's constant compiled on its first use (:mod:`checker.lazyre`), a library's patterns
    compiled as it is imported (:func:`imported`).  Never around anything that reads input.

    Compiled anew in every run, and in every forked worker, they were ~60 patterns of a Markdown
    run left to ``re``'s compiler once :func:`started` handed it back (bench/README.md, "Session
    32, mending start32's pattern cache"; "Session 33, a run's fixed and closing CPU").  Other
    threads compiling meanwhile (a run's patterns made from its input) go to ``re``'s own
    compiler, unkept (:func:`_compile_pattern`).  Nothing is kept before :func:`install`, nor
    where patterns are never kept (:data:`_RE_RECORDABLE`).  No lock is held inside: a window
    may import a module or build a pattern's text while other threads do the same."""
    if not _RE_RECORDABLE or _CACHE.installed_by is None:
        yield
        return
    depth = getattr(_WINDOW, "depth", 0)
    opened = False
    try:
        with _SWAPPING:
            _CACHE.windows += 1
            opened = True
            _swap_compiler()
        _WINDOW.depth = depth + 1
        yield
    finally:
        _WINDOW.depth = depth
        if opened:
            with _SWAPPING:
                _CACHE.windows -= 1
                _swap_compiler()


IMPORTS_KEPT = frozenset({"markdown_it"})
"""The libraries whose import compiles the same patterns' texts in every process: their
programs are kept between runs (:func:`imported`).  Not the metadata reader
(``checker.verify.metadata``): ``htmldate`` writes a pattern from a set of strings, another
text in each process (kept, each run would add one to the cache file)."""


def imported(name: str) -> ModuleType:
    """``importlib.import_module(name)``, the patterns its import compiles kept
    (:func:`keeping`) when it is one of :data:`IMPORTS_KEPT`: a library imported on first use
    (the Markdown parser) compiled its patterns again every run, in every process that
    imported it."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    if name not in IMPORTS_KEPT:
        return importlib.import_module(name)
    with keeping():
        return importlib.import_module(name)


_SRE_COMPILE = re._compiler.compile  # type: ignore[attr-defined]
"""``re``'s own compiler of a pattern (``re.compile`` calls it by this module attribute on each
pattern its own cache does not hold)."""

_RE_RECORDABLE = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info < (3, 14)
"""Where ``re._compiler.compile`` hands ``_sre.compile`` a :data:`_Program` (CPython 3.11 to
3.13, read in each); elsewhere patterns are compiled as ``re`` compiles them."""


class _Recorder:
    """``_sre`` as ``re._compiler`` sees it while a pattern is compiled to be kept
    (:func:`_recorded`): the module's own names, but a ``compile`` that also keeps the last
    arguments it was given (:attr:`last`).

    ``re``'s compiler runs as it is, no line of it repeated here: an interpreter whose compiler
    hands ``_sre.compile`` other arguments (CPython's main branch changed them) gives no
    :data:`_Program`, and its patterns are compiled, not kept."""

    def __init__(self) -> None:
        self.__dict__.update(
            (name, value) for name, value in vars(_sre).items() if name != "compile"
        )
        self.last: tuple[Any, ...] | None = None
        self.owner: int | None = None
        """The thread whose compile is recorded: another thread's ``re.compile`` meanwhile
        (after the start, :func:`keeping`) reaches this object too, and is not recorded."""

    def compile(self, *arguments: Any) -> Any:
        made = _sre.compile(*arguments)
        if threading.get_ident() == self.owner:
            self.last = arguments
        return made


_RECORDER = _Recorder()


def _compile_pattern(pattern: Any, flags: Any = 0) -> Any:
    """``re._compiler.compile``, a text pattern's program from the cache when it was compiled
    before (``_sre`` makes the pattern from it exactly as from the program ``re`` writes).

    A parsed pattern (``re.Scanner``'s), flags that are not a plain number, or ``re.DEBUG``
    (which prints the program) go to ``re``'s compiler as they are, and are not kept; so does,
    after the start, every pattern of a thread with no :func:`keeping` window open (a run's
    input's).  Inside a window after the start, a pattern the file does not hold is compiled
    by ``re``'s own compiler and noted, recorded only at the exit (:func:`_record_noted`)."""
    starting = _CACHE.starting
    if (
        type(pattern) not in (str, bytes)
        or type(flags) is not int
        or flags & re.DEBUG
        or not (starting or getattr(_WINDOW, "depth", 0) > 0)  # another thread's: its input's
    ):
        return _SRE_COMPILE(pattern, flags)
    key = (pattern, flags)
    program = _CACHE.programs.get(key)
    if program is not None:
        try:
            compiled_pattern = _sre.compile(pattern, *program)
        except Exception:  # a program _sre refuses (it checks some): compiled from the text
            pass
        else:
            _CACHE.used.add(key)
            return compiled_pattern
    if not starting:
        compiled_pattern = _SRE_COMPILE(pattern, flags)
        if (
            _CACHE.installed_by == os.getpid()  # a forked worker writes no file
            and len(_CACHE.noted) + _CACHE.new_programs < _MOST_NEW_PROGRAMS
        ):
            _CACHE.noted[key] = None
        return compiled_pattern
    compiled_pattern, program, warned = _recorded(pattern, flags)
    if warned:  # not kept: the next run would make the pattern without its warnings
        _warn_as_re(warned)
    else:
        _keep_program(key, program)
    return compiled_pattern


def _keep_program(key: _PatternKey, program: _Program | None) -> None:
    """Keep ``key``'s recorded program (None: not one to keep), up to
    :data:`_MOST_NEW_PROGRAMS` a process."""
    if program is not None and _CACHE.new_programs < _MOST_NEW_PROGRAMS:
        _CACHE.programs[key] = program
        _CACHE.new_programs += 1
        _CACHE.new = True
        _CACHE.used.add(key)


def _record_noted() -> None:
    """Record the programs of the patterns noted in windows after the start
    (:func:`_compile_pattern`), at the exit: compiled again by ``re``'s own compiler, recorded
    as the start's are (:func:`_recorded`, whose swap of ``re``'s engine and catching of
    warnings are process-wide, so done only here and at the start); one that warns is not
    kept (its warnings were given when the run compiled it)."""
    noted, _CACHE.noted = _CACHE.noted, {}
    for key in noted:
        if key not in _CACHE.programs:
            _, program, warned = _recorded(*key)
            if not warned:
                _keep_program(key, program)


def _recorded(
    pattern: str | bytes, flags: int
) -> tuple[Any, _Program | None, list[warnings.WarningMessage]]:
    """``re``'s own compile of ``pattern``, the program it gave ``_sre`` (None: not one to
    keep), recorded once ``_sre`` made the pattern (a program it refuses raises, unkept), and
    the warnings the compile gave (every one, whatever the filters: :func:`_warn_as_re`)."""
    compiler = re._compiler  # type: ignore[attr-defined]
    engine, compiler._sre, _RECORDER.last = compiler._sre, _RECORDER, None
    _RECORDER.owner = threading.get_ident()
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            compiled_pattern = _SRE_COMPILE(pattern, flags)
    finally:
        compiler._sre = engine
    arguments, _RECORDER.last = _RECORDER.last, None
    return compiled_pattern, _plain(pattern, arguments), warned


def _warn_as_re(warned: list[warnings.WarningMessage]) -> None:
    """Give the warnings ``re``'s compiler gave (:func:`_recorded`) as it gives them, under the
    filters in force, blamed on the line that compiled the pattern.

    ``re`` blames the frame a fixed number of calls out from its parser; the calls of
    :func:`_compile_pattern` and :func:`_recorded` stand between ``re.compile`` and its
    compiler, so the frame it blamed is that many short of the user's
    (:data:`_FRAMES_ADDED`): the warning is given again, blamed on the frame as far out of
    that one."""
    for each in warned:
        frame: FrameType | None = sys._getframe(1)  # _compile_pattern's: warn's stacklevel 2
        level = 2
        while frame is not None and (frame.f_code.co_filename, frame.f_lineno) != (
            each.filename,
            each.lineno,
        ):
            frame, level = frame.f_back, level + 1
        if frame is None:  # not one of this call's frames: as it was given
            warnings.warn_explicit(each.message, each.category, each.filename, each.lineno)
        else:
            warnings.warn(each.message, each.category, stacklevel=level + _FRAMES_ADDED)


_FRAMES_ADDED = 2
"""The calls between ``re``'s ``_compile`` and its compiler when a pattern is compiled to be
kept: :func:`_compile_pattern`'s and :func:`_recorded`'s."""


def _plain(pattern: str | bytes, arguments: tuple[Any, ...] | None) -> _Program | None:
    """The arguments ``_sre.compile`` was given for ``pattern``, as plain values ``marshal``
    keeps (the program's opcodes are ``int`` subclasses); None if they are not a
    :data:`_Program`'s."""
    if arguments is None or len(arguments) != _PROGRAM_PARTS + 1 or arguments[0] is not pattern:
        return None
    flags, code, groups, groupindex, indexgroup = arguments[1:]
    return (
        int(flags),
        [int(each) for each in code],
        int(groups),
        dict(groupindex),
        tuple(indexgroup),
    )


def _cache_file() -> Path | None:
    """Where the interpreter would keep this module's bytecode, renamed; None where it keeps
    none (no cache tag: an interpreter without bytecode files)."""
    try:
        pyc = importlib.util.cache_from_source(__file__)
    except NotImplementedError:
        return None
    return Path(pyc).with_name(f"generated.{sys.implementation.cache_tag}.marshal")


def _read_all(path: Path) -> tuple[dict[str, CodeType], dict[_PatternKey, _Program]]:
    """The cache file's code objects and patterns' programs; none if it is missing, not a
    regular file (a named pipe would block the start, a symlink point anywhere), damaged (its
    SHA-256 differs), another interpreter's, or writable by another user (whoever can write it
    chooses code this process runs)."""
    nothing: tuple[dict[str, CodeType], dict[_PatternKey, _Program]] = ({}, {})
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError:
        return nothing
    try:
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
                or info.st_uid not in (0, os.getuid())
            ):
                return nothing
            raw = file.read()
    except OSError:
        return nothing
    start = len(_FORMAT) + _DIGEST_SIZE
    if not raw.startswith(_FORMAT) or raw[len(_FORMAT) : start] != _digest(raw, start):
        return nothing
    try:
        data = marshal.loads(memoryview(raw)[start:])
    except Exception:  # whatever marshal raises on bytes it refuses (SystemError too)
        return nothing
    if type(data) is not tuple or len(data) != 2:
        return nothing
    codes, programs = data
    if type(codes) is not dict or not all(
        type(key) is str and type(code) is CodeType for key, code in codes.items()
    ):
        return nothing
    if type(programs) is not dict or not all(
        type(key) is tuple and type(program) is tuple and len(program) == _PROGRAM_PARTS
        for key, program in programs.items()
    ):
        return nothing
    return codes, programs


_PROGRAM_PARTS = 5
"""A :data:`_Program`'s values (their types are ``_sre.compile``'s to check)."""


def _digest(raw: bytes, start: int) -> bytes:
    """The SHA-256 of ``raw`` from ``start`` on (the payload), without copying it: what the
    file's header holds, checked before ``marshal`` reads a byte of the code."""
    return hashlib.sha256(memoryview(raw)[start:]).digest()


def _save() -> None:
    """Write the cache file if this process compiled a text it did not hold (atomically, the
    one way: :mod:`checker.atomic`'s temporary file of a random name made with ``O_EXCL``, so a
    symlink planted beside it is not followed, and a file of another run writing at once is
    replaced whole, never mixed)."""
    if _CACHE.installed_by != os.getpid() or sys.dont_write_bytecode:
        return
    _record_noted()
    if not _CACHE.new:
        return
    path = _cache_file()
    if path is None:
        return
    try:
        payload = marshal.dumps((_kept(_CACHE.codes), _kept(_CACHE.programs)))
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, _FORMAT + _digest(payload, 0) + payload, mode=0o644)
    except (OSError, ValueError):  # a read-only install: the next run compiles again
        return


def _kept(entries: dict[Any, Any]) -> dict[Any, Any]:
    """The entries written to the file: all of them, or past :data:`_MOST_KEPT` those this
    process used."""
    if len(entries) <= _MOST_KEPT:
        return entries
    return {key: value for key, value in entries.items() if key in _CACHE.used}
