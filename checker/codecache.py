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
number) and no other user may write it.  Its key is the whole source text and the name it is
compiled under: a text that changed (a class's fields, a new release) is compiled anew, never
given another text's code.  A cache that cannot be read or written costs only the compiling.

A leaf: it imports nothing of citecheck.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import importlib.util
import marshal
import os
import stat
import sys
from pathlib import Path
from types import CodeType
from typing import Any

__all__ = ["compiled", "install"]

_FORMAT = importlib.util.MAGIC_NUMBER + b"citecheck generated code 1\n"
"""The file's first bytes: this interpreter's bytecode version (a code object of another one
cannot run here) and this file's layout."""

_MOST_KEPT = 4_000
"""Texts kept in the file at most; past it only those this process used are written (the
classes of older releases are dropped, the file does not grow without end)."""


class _Cache:
    """The code compiled this process: read from the file, or compiled anew (``new``)."""

    def __init__(self) -> None:
        self.codes: dict[str, CodeType] = {}
        self.used: set[str] = set()
        self.new = False
        self.installed_by: int | None = None  # the process that writes the file at its exit


_CACHE = _Cache()


def compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, from the cache when this text was compiled before."""
    key = f"{filename}\0{source}"
    code = _CACHE.codes.get(key)
    if code is None:
        code = _CACHE.codes[key] = compile(source, filename, "exec")
        _CACHE.new = True
    _CACHE.used.add(key)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` as ``dataclasses`` calls it, a text compiled through :func:`compiled` (its
    ``exec`` of a string compiles it under the name ``<string>``)."""
    if isinstance(source, str):
        source = compiled(source, "<string>")
    exec(source, globals, locals)


def install() -> None:
    """Read the cache file and have ``dataclasses`` compile through it from now on; at the
    process's exit, write what was compiled anew (this process only, not a forked worker).

    ``dataclasses`` calls the built-in ``exec`` by name from its own module (CPython 3.11 to
    3.13), so a module global of that name is what it calls."""
    if _CACHE.installed_by is not None:
        return
    path = _cache_file()
    if path is not None:
        _CACHE.codes.update(_read(path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    _CACHE.installed_by = os.getpid()
    atexit.register(_save)


def _cache_file() -> Path | None:
    """Where the interpreter would keep this module's bytecode, renamed; None where it keeps
    none (no cache tag: an interpreter without bytecode files)."""
    try:
        pyc = importlib.util.cache_from_source(__file__)
    except NotImplementedError:
        return None
    return Path(pyc).with_name(f"generated.{sys.implementation.cache_tag}.marshal")


def _read(path: Path) -> dict[str, CodeType]:
    """The cache file's code objects; none if it is missing, damaged, another interpreter's,
    or writable by another user (whoever can write it chooses code this process runs)."""
    try:
        with path.open("rb") as file:
            info = os.fstat(file.fileno())
            if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or info.st_uid not in (0, os.getuid()):
                return {}
            raw = file.read()
    except OSError:
        return {}
    if not raw.startswith(_FORMAT):
        return {}
    try:
        data = marshal.loads(raw[len(_FORMAT) :])
    except (ValueError, EOFError, TypeError):
        return {}
    if type(data) is not dict or not all(
        type(key) is str and type(code) is CodeType for key, code in data.items()
    ):
        return {}
    return data


def _save() -> None:
    """Write the cache file if this process compiled a text it did not hold (atomically: a
    file of another run writing at once is replaced whole, never mixed)."""
    if not _CACHE.new or _CACHE.installed_by != os.getpid() or sys.dont_write_bytecode:
        return
    path = _cache_file()
    if path is None:
        return
    codes = _CACHE.codes
    kept = codes if len(codes) <= _MOST_KEPT else {key: codes[key] for key in _CACHE.used}
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as file:
            os.fchmod(file.fileno(), 0o644)
            file.write(_FORMAT + marshal.dumps(kept))
        os.replace(temporary, path)
    except (OSError, ValueError):  # a read-only install: the next run compiles again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
