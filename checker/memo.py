"""The memo: results of pure work kept across runs in the store's SQLite file.

A warm run within the TTL gets every source from the store without a request; what was left was
pure work: extracting the posts of every input page and judging every source's answer (metadata,
quotes, availability), about a millisecond a page each, which dominated warm runs.  Both depend
only on their inputs, so ``extract`` and ``verify`` fingerprint those inputs, together with their
own code, and keep the result here (:func:`remembered`); the next run with the same inputs takes
it back.  A changed page, citation or code computes afresh and replaces the row: one row per
subject (an input page, a citation), not one per version of it.

A leaf: stages receive a :class:`~checker.model.Memo` and use :func:`remembered`; the pipeline
opens :class:`SqliteMemo` next to the fetch stage's store.  It never reaches the network, and a
memo that cannot be read is no error, only a slower run.

Values are kept as data, never as code: whoever can write the store file (a shared cache, a
restored CI cache) must not be able to run anything.  So no pickle: :func:`encode` writes the
model's frozen dataclasses, enums, tuples, days (ISO) and scalars as JSON, and :func:`decode`
rebuilds them by walking the *declared* field types (never a type named in the data), checking
every value on the way.  A row that is not valid JSON, holds an unknown enum value or has the
wrong shape is no value at all: it is computed afresh, never a crash.  A value holding a
credential in a URL is not kept (the store file must not hold secrets; see :mod:`checker.redact`).
"""

from __future__ import annotations

import hashlib
import json
import keyword
import sqlite3
import sys
import types
import unicodedata
from _json import make_encoder as c_make_encoder
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from importlib.util import source_hash
from json.encoder import encode_basestring_ascii
from pathlib import Path
from types import TracebackType
from typing import (
    Any,
    NoReturn,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
    get_type_hints,
)

from checker.bounded import kept_bounded
from checker.codecache import compiled
from checker.dates import parse_day
from checker.encoding import printable
from checker.file_identity import changed_from, file_identity
from checker.model import Memo
from checker.redact import redact_text

__all__ = [
    "ColdRows",
    "SqliteMemo",
    "body_digest",
    "code_digest",
    "code_fingerprint",
    "decode",
    "encode",
    "expect",
    "json_writer",
    "keep",
    "read_rows",
    "recall",
    "remembered",
    "say_unwritten",
    "transaction",
    "written_lately",
]

T = TypeVar("T")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One explicit transaction on ``db`` (opened with ``isolation_level=None``): committed if
    the block ends, rolled back if it raises.  The memo's and the store's batches both write
    through it."""
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


_READ_BATCH = 500
"""Subjects read with one statement: far below SQLite's limit of host parameters (32,766)."""

_KEEP_BATCH = 64
"""Rows kept in memory before they are written, in one transaction (:meth:`SqliteMemo.keep`)."""
_CHECKER = Path(__file__).resolve().parent

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memo (
    subject TEXT PRIMARY KEY, inputs TEXT NOT NULL, value BLOB NOT NULL
)
"""


def say_unwritten(path: Path, rows: str, why: str, then: str) -> None:
    """One warning line on stderr for rows of this run a store file refused (a full disk, a
    read-only or locked file), never silence: a cache that keeps nothing looks like one that
    works.  ``why`` is the file's text (SQLite's message, or a forged trigger's): shown inert
    (``encoding.printable``), never raw on a terminal."""
    print(
        f"citecheck: warning: store {path}: {rows} could not be written ({printable(why)}); {then}",
        file=sys.stderr,
    )


class ColdRows:
    """Which keys a table may hold a row of, known without reading it when the table held no
    row when opened (a cold store): then only the keys this run wrote there can have one.

    The memo and the fetch stage's store both open their table so, and on a cold run looked up
    every key's absent row (issue 19).  A row another run writes meanwhile into the same file
    is not seen: a cache miss, its work done again, the same result.  Hashes are kept, not the
    keys (~70 characters), which bounds the memory of a 20,000-URL run: two keys of one hash
    cost a read, never a wrong row."""

    __slots__ = ("_cold", "_wrote")

    def __init__(self, db: sqlite3.Connection | None = None, table: str = "") -> None:
        """``db``'s ``table`` (a name of the code's, never of the input) as it is now; no
        ``db``: nothing known, any key may have a row.  A table that cannot be read is read
        as ever (not cold)."""
        self._cold = False
        if db is not None:
            with suppress(sqlite3.Error):
                self._cold = db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        self._wrote: set[int] = set()

    def may_hold(self, key: str) -> bool:
        """Whether the table may hold a row of ``key``."""
        return not self._cold or hash(key) in self._wrote

    def held(self, keys: list[str]) -> list[str]:
        """Those of ``keys`` the table may hold a row of (all of them unless it was cold)."""
        return [key for key in keys if hash(key) in self._wrote] if self._cold else keys

    def wrote(self, keys: Iterable[str]) -> None:
        """Note rows of ``keys`` written to the table (remembered only while it is cold)."""
        if self._cold:
            self._wrote.update(map(hash, keys))


def read_rows(db: sqlite3.Connection, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
    """The rows ``sql`` reads, each text that is not UTF-8 as its bytes, which no reader's
    text check passes, so only that row is no row.

    ``sqlite3`` decoding a text itself raises for the whole statement: one flipped bit (a
    damaged page whose structure ``quick_check`` still finds sound, a forged row) was a whole
    batch of 500 URLs asked again or judgements made afresh, or the whole history of
    ``trends`` refused (session 33).  Only a read that failed is read again so, each text
    checked (:func:`_text_or_bytes`; a Python call a value); any other failure (a damaged
    page) fails again, ``sqlite3.Error`` for the caller."""
    try:
        return db.execute(sql, parameters).fetchall()
    except sqlite3.Error:
        pass
    db.text_factory = _text_or_bytes
    try:
        return db.execute(sql, parameters).fetchall()
    finally:
        db.text_factory = str


def _text_or_bytes(raw: bytes) -> str | bytes:
    """A text column's value as read: its text, or its bytes when they are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


class SqliteMemo:
    """A :class:`~checker.model.Memo` in a table of an SQLite file (the store's own file)."""

    def __init__(self, path: Path) -> None:
        self._db: sqlite3.Connection | None = None
        self._expected: dict[str, None] = {}  # subjects to read with the next batch, in order
        self._read: dict[str, tuple[object, object]] = {}  # a batch's rows not yet recalled
        self._kept: dict[str, tuple[str, bytes]] = {}  # rows kept and not yet written
        self.reads = 0
        """Statements that read rows (tests count them: a warm run reads a batch at a time)."""
        self._cold = ColdRows()
        """Which subjects may have a row: only those this memo wrote if the table was empty
        when opened (a cold store: a user's first run).  Recalling any other reads nothing and
        lets no loop turn (:meth:`expect`): a cold run read ~290 batches of rows that were not
        there, and each citation waited a turn for its batch (issue 19)."""
        self._path = path
        self._unkept = 0
        """Rows kept that could not be written, said in one line at :meth:`close`; ``_unkept_why``:
        the first failure's reason."""
        self._unkept_why = ""
        self._written = 0
        """Rows written to the file: lost with it, should it be removed or replaced while the
        run holds it (said at :meth:`close`, as the store's own answers are)."""
        self._file: tuple[int, int] | None = None
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
            self._cold = ColdRows(self._db, "memo")
            self._file = file_identity(path)
        except sqlite3.Error:
            self.close()

    def expect(self, subject: str) -> bool:
        """Note that ``subject`` will be recalled soon; False if its row is read already.

        A warm run recalled each citation's judgement with a statement of its own (~7 % of its
        CPU, issue 19).  A caller that lets the loop turn between this and :meth:`recall` lets
        the citations started with it say theirs, and the first recall reads the rows of all
        the subjects expected by then, :data:`_READ_BATCH` at a time."""
        if self._db is None or subject in self._read or subject in self._kept:
            return False
        if not self._cold.may_hold(subject):
            return False  # no row to read: recall answers at once
        self._expected[subject] = None
        return True

    def recall(self, subject: str, inputs: str) -> bytes | None:
        """The value kept for ``subject`` if it was computed from ``inputs``, else None."""
        if self._db is None:
            return None
        kept = self._kept.get(subject)
        if kept is not None:  # kept by this run, not written yet: what a read would give
            self._read.pop(subject, None)
            return kept[1] if kept[0] == inputs else None
        if not self._cold.may_hold(subject):
            return None  # the table had no row when opened, and this memo wrote none for it
        if subject not in self._read:
            self._read_batch(subject)
        kept_inputs, value = self._read.pop(subject, (None, None))
        if kept_inputs != inputs:  # no row, or one computed from other inputs
            return None
        # the file is anyone's: a row may hold text, a number, anything
        if isinstance(value, str):
            return value.encode("utf-8", "surrogatepass")
        return bytes(value) if isinstance(value, bytes) else None

    def _read_batch(self, subject: str) -> None:
        """Read the rows of ``subject`` and of up to a batch of the subjects expected with it.

        A batch that cannot be read is no rows: those subjects are judged afresh; a row whose
        text is not UTF-8 is no row (:func:`read_rows`): its subject is judged afresh."""
        self._expected.pop(subject, None)
        batch = [subject]
        for each in self._expected:  # the earliest expected first: recalled first, mostly
            if len(batch) == _READ_BATCH:
                break
            batch.append(each)
        for each in batch[1:]:
            del self._expected[each]
        marks = ", ".join("?" * len(batch))
        assert self._db is not None  # recall's caller checked
        self.reads += 1
        try:
            rows = read_rows(
                self._db,
                f"SELECT subject, inputs, value FROM memo WHERE subject IN ({marks})",
                batch,
            )
        except sqlite3.Error:
            return
        for kept_subject, kept_inputs, value in rows:
            # a forged table need not keep its primary key: the first row of a subject counts
            if (
                isinstance(kept_subject, str)
                and kept_subject not in self._read
                and kept_subject not in self._kept  # its row is older than what is kept
            ):
                self._read[kept_subject] = (kept_inputs, value)
        for each in batch:  # known to have no row: recalling it reads nothing more
            self._read.setdefault(each, (None, None))

    def keep(self, subject: str, inputs: str, value: bytes) -> None:
        """Remember ``value`` for ``subject`` (replacing what an older input gave).

        Rows are written :data:`_KEEP_BATCH` at a time, in one transaction, and the rest when
        the memo is closed: a row a statement was a commit of its own for every judged citation
        and extracted page, ~30 µs of CPU and ~45 µs of the loop's thread waiting on the WAL's
        writes each (issue 19).  A run killed outright loses the rows not yet written: the next
        run judges those citations again (a memo is a cache), never a different verdict.
        """
        if self._db is None:
            return
        self._read.pop(subject, None)  # a row read before this one replaced it is stale
        self._kept[subject] = (inputs, value)
        if len(self._kept) >= _KEEP_BATCH:
            self._write_kept()

    def _write_kept(self) -> None:
        """Write the rows kept so far in one transaction (none of them if it fails)."""
        rows, self._kept = self._kept, {}
        if self._db is None or not rows:
            return
        for subject in rows:  # read while kept (with others expected): older than what is kept
            self._read.pop(subject, None)
        try:
            with transaction(self._db):
                self._db.executemany(  # each value a bytearray: the same BLOB, bound with
                    # no adapter's lookups (``bytes`` are adapted first: ~3,300 instructions a
                    # row, issue 19, bench/README.md "Session 32")
                    "INSERT OR REPLACE INTO memo VALUES (?, ?, ?)",
                    [
                        (subject, inputs, bytearray(value))
                        for subject, (inputs, value) in rows.items()
                    ],
                )
        except sqlite3.Error as exc:  # a full disk or a locked file costs speed next time,
            self._unkept += len(rows)  # not this run; said at the close
            self._unkept_why = self._unkept_why or str(exc)
            return
        self._written += len(rows)
        self._cold.wrote(rows)

    def close(self) -> None:
        """Write the rows still kept in memory, close the file; say the rows not written."""
        self._write_kept()
        self._expected.clear()
        self._read.clear()
        if self._db is not None:
            self._db.close()
            self._db = None
        gone = changed_from(self._path, self._file) if self._written else None
        if gone is not None:
            written, self._written = self._written, 0
            say_unwritten(
                self._path,
                f"{written} judgement{'s' if written > 1 else ''} of this run",
                f"the file was {gone} while the run held it",
                "the next run judges them again",
            )
        if self._unkept:
            unkept, self._unkept = self._unkept, 0
            say_unwritten(
                self._path,
                f"{unkept} judgement{'s' if unkept > 1 else ''} of this run",
                self._unkept_why,
                "the next run judges them again",
            )

    def __enter__(self) -> SqliteMemo:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def remembered(
    memo: Memo | None, subject: str, inputs: str, kind: type[T], compute: Callable[[], T]
) -> T:
    """``compute()``, or the ``kind`` value ``memo`` kept for ``subject`` computed from ``inputs``.

    ``inputs`` must fingerprint everything ``compute`` reads, its code included
    (:func:`code_fingerprint`).
    """
    value = recall(memo, subject, inputs, kind)
    if value is None:
        value = compute()
        keep(memo, subject, inputs, value)
    return value


def recall(memo: Memo | None, subject: str, inputs: str, kind: type[T]) -> T | None:
    """The ``kind`` value kept for ``subject`` computed from ``inputs``; None if there is none.

    A row that does not decode to a ``kind`` counts as none: it is computed afresh.
    """
    kept = memo.recall(subject, inputs) if memo is not None else None
    if kept is None:
        return None
    if len(kept) > _SHARED_BYTES or not _shareable(cast("Any", kind)):
        return decode(kept, kind)
    key = (kind, kept)
    if key in _decoded:
        return cast("T | None", _decoded[key])
    return cast("T | None", kept_bounded(_decoded, key, decode(kept, kind), _SHARED_VALUES))


def expect(memo: Memo | None, subject: str) -> bool:
    """Tell ``memo`` that ``subject`` will be recalled soon; True if letting the loop turn
    before recalling it would have its row read with others' (see :meth:`SqliteMemo.expect`)."""
    return isinstance(memo, SqliteMemo) and memo.expect(subject)


_SHARED_BYTES = 2048
_SHARED_VALUES = 4096
_decoded: dict[tuple[object, bytes], object] = {}
"""Values decoded this process, by their bytes: a warm run's judgements are mostly the same few
("ok", 200, nothing observed: 402 distinct among 2,097 in the bench), and each was decoded
field by field again (~5 % of a warm run's CPU, issue 19).  Only small values of immutable
types are shared (:func:`_shareable`), so no caller can change another's."""


@cache
def _shareable(form: Any) -> bool:
    """Whether values of the type form ``form`` are immutable all the way down (frozen
    dataclasses, tuples, scalars, enums, days): one decoded value may then serve every caller."""
    if form in (str, int, float, bool, type(None), date) or (
        isinstance(form, type) and issubclass(form, Enum)
    ):
        return True
    if isinstance(form, type) and is_dataclass(form):
        frozen = getattr(form, "__dataclass_params__", None)
        hints = get_type_hints(form)
        return bool(frozen and frozen.frozen) and all(
            _shareable(hints[f.name]) for f in fields(form)
        )
    origin, args = get_origin(form), get_args(form)
    if origin in (Union, types.UnionType) or (origin is tuple and args[-1:] == (Ellipsis,)):
        return all(_shareable(arg) for arg in args if arg is not Ellipsis)
    return False


def keep(memo: Memo | None, subject: str, inputs: str, value: object) -> None:
    """Keep ``value`` for ``subject`` as computed from ``inputs`` (nothing without a memo).

    A value that names a URL with a credential in it is not kept: it is computed again next time.
    """
    if memo is None:
        return
    data = encode(value)
    if data is not None:
        memo.keep(subject, inputs, data)


# -- the codec: model values <-> JSON ---------------------------------------------------------


def _not_json(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def json_writer(
    item_separator: str, key_separator: str, *, allow_nan: bool
) -> Callable[[Any], str]:
    """``json.dumps(value, separators=(item_separator, key_separator), allow_nan=allow_nan)``,
    byte for byte (ASCII escapes), by ``json``'s own C encoder made once: ``dumps`` makes it
    again at every call with arguments of its own (~10 µs; the store's rows and the memo's each
    paid it per answer and per judgement, issue 19).  No check for cycles: every value written
    is a tree its caller just made (a row's columns, :func:`_plain`'s lists and dictionaries)."""
    encoder = c_make_encoder(
        None,
        _not_json,
        encode_basestring_ascii,
        None,
        key_separator,
        item_separator,
        False,
        False,
        allow_nan,
    )

    def write(value: Any) -> str:
        return "".join(encoder(value, 0))

    return write


_write_json = json_writer(",", ":", allow_nan=False)


def encode(value: object, *, secrets: bool = False) -> bytes | None:
    """``value`` (model dataclasses, enums, tuples, scalars) as JSON bytes.

    None when it cannot be kept: it holds a credential in a URL (redacting its text would change
    it) and ``secrets`` is False, or something the codec does not know (a bug, which costs a
    slower run, not the run).  ``secrets=True`` is for data that is sent, not kept: a job handed
    to a worker of the same run must keep the cited URL as written.

    A value kept (``secrets`` False) of a type immutable all the way down (:func:`_shareable`)
    is encoded once a process for all the values equal to it: a cold run keeps a judgement a
    citation, most of them equal ("ok", 200, nothing observed: 402 distinct among 2,097 in the
    bench), each walked, written and searched for credentials again (~35 µs, issue 19).  Equal
    values of a declared type decode to equal values, whichever of them was written.
    """
    kind: Any = type(value)  # a type form, as recall's (hashable)
    key = (kind, value)
    shared = not secrets and _shareable(kind)
    if shared:
        try:
            known = _encoded.get(key, _UNKNOWN)
        except TypeError:  # a field holding a list, against its declared type: not hashable
            shared = False
        else:
            if known is not _UNKNOWN:
                return cast("bytes | None", known)
    try:
        text = _write_json(_plain(value))
    except (TypeError, ValueError, AttributeError):  # AttributeError: not its declared type
        return None
    data = None if not secrets and redact_text(text) != text else text.encode("ascii")
    if shared:
        kept_bounded(_encoded, key, data, _SHARED_VALUES)
    elif data is not None and not secrets and len(data) >= _LATELY_FROM:
        _lately[_identity(value)] = (value, data)
        if len(_lately) > _LATELY:
            with suppress(KeyError, RuntimeError, StopIteration):  # another thread's write
                del _lately[next(iter(_lately))]
    return data


def written_lately(value: object) -> bytes | None:
    """The bytes :func:`encode` wrote for the memo of this very object (not an equal one), or
    of a tuple of these very items (extraction hands on a new tuple of the posts it kept), if
    it is one of the last few large values it wrote this process; else None.

    A worker extracts a page, keeps its posts in its memo, then sends the same posts to the
    driver in a frame (:mod:`checker.processes`): the frame takes these bytes instead of
    walking and writing the posts again (~0.5 ms a page of the bench's, issue 19).  The bytes
    are what ``encode(value, secrets=True)`` writes too: kept only when they hold no secret,
    and written by the same writers.  Taken, not copied: the few kept are those not sent yet
    (none in a process that sends no frame, past the last :data:`_LATELY`)."""
    entry = _lately.pop(_identity(value), None)  # taken once: a frame sends a page once
    if entry is None:
        return None
    held, data = entry
    if held is value:
        return data
    if not (isinstance(held, tuple) and isinstance(value, tuple) and len(held) == len(value)):
        return None
    return data if all(a is b for a, b in zip(held, value, strict=True)) else None


def _identity(value: object) -> tuple[int, ...]:
    """Who ``value`` is for :func:`written_lately`: its items' ids for a tuple, else its id.
    Ids are held with their objects (:data:`_lately`), so none is another object's."""
    return tuple(map(id, value)) if isinstance(value, tuple) else (id(value),)


_UNKNOWN = object()
_encoded: dict[tuple[type, object], bytes | None] = {}
"""Values :func:`encode` wrote for the memo this process, by type and value (see there)."""
_lately: dict[tuple[int, ...], tuple[object, bytes]] = {}
"""The last large values :func:`encode` wrote for the memo, by identity, each held with its
bytes (:func:`written_lately`); the object is held so that its id stays its own."""
_LATELY = 8
_LATELY_FROM = 1024


def decode(data: bytes, kind: type[T]) -> T | None:
    """The ``kind`` value ``data`` holds, checked field by field; None if it holds none.

    ``kind`` is a type form: a model dataclass, or ``tuple[Document, ...]``.  Only the declared
    types are ever built, so the data chooses values, never code.
    """
    form: Any = kind  # a type form: hashable, whatever mypy makes of type[T]
    parse = _parser(form)  # a form with no codec is a bug, raised here, not a memo miss
    try:
        value: T = parse(json.loads(data))
    except (ValueError, TypeError, RecursionError):  # bad JSON, unknown enum, wrong shape
        return None
    return value


class _UnreadableError(ValueError):
    """A kept value whose shape is not the one its declared type says."""


_Parser = Callable[[object], Any]


def _plain(value: object) -> object:
    """``value`` as JSON-ready lists, dicts and scalars (enums as their string values)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()  # a post's day (``Document.published``)
    if is_dataclass(value) and not isinstance(value, type):
        return _writer(type(value))(value)
    if isinstance(value, tuple | list | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    raise TypeError(f"the memo cannot keep a {type(value).__name__}")


_Writer = Callable[[Any], object]


def _same(value: object) -> object:
    return value


@cache
def _writer(form: Any) -> _Writer:
    """A writer of values of the declared type form ``form`` as :func:`_plain` writes them,
    chosen once per type rather than asked of every value (the frames between processes and
    the memo's rows: ``_plain`` walking each field with ``fields()`` and ``isinstance`` was
    most of their encoding's CPU, issue 19).  A form it has no shortcut for is :func:`_plain`'s.
    """
    if form in (str, int, float, bool, type(None)) or (
        isinstance(form, type) and issubclass(form, Enum) and issubclass(form, str)
    ):
        return _same  # json writes a str enum as its value, as _plain leaves it
    if isinstance(form, type) and is_dataclass(form):
        return _dataclass_writer(form)
    origin, args = get_origin(form), get_args(form)
    if origin in (Union, types.UnionType):
        others = tuple(arg for arg in args if arg is not type(None))
        if len(others) == 1 < len(args):
            item = _writer(others[0])
            if item is _same:
                return _same
            return lambda value: None if value is None else item(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        entry = _writer(args[0])
        if entry is _same:
            return list
        return lambda value: [entry(each) for each in value]
    return _plain


def _dataclass_writer(kind: type) -> _Writer:
    """The writer of ``kind``'s values: one dictionary display of its fields, in order, each
    read as an attribute and written by its type's writer unless it is written as it is
    (:func:`_compiled`).  A comprehension over the fields (a frame, a tuple unpacked and a
    ``getattr`` a field) was the largest own cost of a cold store's keeping (issue 19)."""
    hints = get_type_hints(kind)
    names: dict[str, object] = {}
    entries = []
    for index, each in enumerate(fields(kind)):
        item = _writer(hints[each.name])
        read = f"value.{each.name}"
        if item is not _same:
            names[f"_w{index}"] = item
            read = f"_w{index}({read})"
        entries.append(f"{each.name!r}: {read}")
    return cast("_Writer", _compiled(kind, "write", "value", f"{{{', '.join(entries)}}}", names))


def _compiled(kind: type, verb: str, argument: str, body: str, names: dict[str, object]) -> Any:
    """A function of ``argument`` returning ``body``, made from source, with ``names`` in scope.

    The codec's writer and reader of each dataclass are made this way once a process, as
    ``dataclasses`` makes ``__init__``: straight-line code with the field names written in it,
    not a loop over a plan of the fields (half of a dataclass's decoding, issue 19).  The
    source holds only the model's own field names (identifiers, checked) and names of this
    module's helpers: never a byte of the data read or written.
    """
    if not all(_is_plain_name(each.name) for each in fields(kind)):
        raise TypeError(f"the memo cannot write the fields of {kind.__name__}")
    source = f"def {verb}({argument}):\n    return {body}\n"
    scope = dict(names)
    exec(compiled(source, f"<memo {verb} of {kind.__qualname__}>"), scope)
    return scope[verb]


def _is_plain_name(name: str) -> bool:
    """Whether ``name`` can stand in generated source as itself: an identifier, not a keyword
    (``class``, ``None``: a syntax error or another value), and its own NFKC form (Python reads
    ``ﬁeld`` as ``field``: the source would name another field than the one it writes)."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and unicodedata.normalize("NFKC", name) == name
    )


@cache
def _parser(form: Any) -> _Parser:
    """A checking builder for the type form ``form``; its depth is the type's, not the data's."""
    if form is type(None):
        return _none
    if form in (str, int, float, bool):
        return _scalar(form)
    if form is date:
        return _day
    if isinstance(form, type) and issubclass(form, Enum):
        return _enum(form)
    if isinstance(form, type) and is_dataclass(form):
        return _dataclass(form)
    origin, args = get_origin(form), get_args(form)
    if origin in (Union, types.UnionType):
        others = tuple(arg for arg in args if arg is not type(None))
        if len(others) == 1 < len(args):  # ``X | None``, the common case: no trial and error
            return _optional(_parser(others[0]))
        return _union(tuple(_parser(arg) for arg in args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(_parser(args[0]))
    if origin in (Mapping, dict) and args and args[0] is str:
        return _mapping(_parser(args[1]))
    raise TypeError(f"the memo has no codec for {form!r}")


def _none(raw: object) -> None:
    if raw is not None:
        raise _UnreadableError("expected null")


def _optional(item: _Parser) -> _Parser:
    def parse(raw: object) -> object:
        return None if raw is None else item(raw)

    return parse


def _text(raw: object) -> str:
    if type(raw) is not str:
        raise _UnreadableError("expected str")
    return raw


def _day(raw: object) -> date:
    day = parse_day(raw) if type(raw) is str else None
    if day is None:
        raise _UnreadableError("expected an ISO day")
    return day


def _scalar(kind: type) -> _Parser:
    if kind is str:
        return _text

    def parse(raw: object) -> object:
        if isinstance(raw, bool) != (kind is bool):
            raise _UnreadableError(f"expected {kind.__name__}")
        if kind is float and isinstance(raw, int):
            return float(raw)
        if not isinstance(raw, kind):
            raise _UnreadableError(f"expected {kind.__name__}")
        return raw

    return parse


def _enum(kind: type[Enum]) -> _Parser:
    members = {member.value: member for member in kind}  # a lookup, not ``kind(raw)``'s call

    def parse(raw: object) -> Enum:
        if type(raw) is not str or raw not in members:
            raise _UnreadableError(f"expected a {kind.__name__} value")
        return members[raw]

    return parse


def _dataclass(kind: type) -> _Parser:
    if not all(f.init for f in fields(kind)):
        raise TypeError(f"the memo builds {kind.__name__} from every field: none may be init=False")
    hints = get_type_hints(kind)
    names: dict[str, object] = {
        "_kind": kind,
        "_names": {f.name: None for f in fields(kind)}.keys(),
        "_unfit": _unfit(f"expected the fields of {kind.__name__}"),
    }
    # fields in declared order; a null or a text checked here, not by a call
    values = []
    for index, each in enumerate(fields(kind)):
        name, item, nullable, text = _field_plan(each.name, hints[each.name])
        names[f"_p{index}"] = item
        read, parse = f"(v := raw[{name!r}])", f"_p{index}(v)"
        if nullable and text:
            values.append(f"v if {read} is None or type(v) is str else {parse}")
        elif nullable:
            values.append(f"None if {read} is None else {parse}")
        elif text:
            values.append(f"v if type{read} is str else {parse}")
        else:
            values.append(f"_p{index}(raw[{name!r}])")
    checked = "_unfit() if type(raw) is not dict or raw.keys() != _names else "
    return cast(
        "_Parser", _compiled(kind, "parse", "raw", f"{checked}_kind({', '.join(values)})", names)
    )


def _unfit(message: str) -> Callable[[], NoReturn]:
    """A function raising :class:`_UnreadableError` with ``message`` (a generated parser's)."""

    def unfit() -> NoReturn:
        raise _UnreadableError(message)

    return unfit


def _field_plan(name: str, form: Any) -> tuple[str, _Parser, bool, bool]:
    """How :func:`_dataclass` reads one field: its name, the parser of its value when it is not
    null, whether null is allowed, and whether the value is text (checked inline).  Most fields
    of the model are ``X | None`` and mostly null, and a call per field to a parser that says
    "null" or "text" was most of a decode (issue 19: a warm run decodes every post's
    documents and every distinct judgement)."""
    nullable = False
    if get_origin(form) in (Union, types.UnionType):
        args = get_args(form)
        others = tuple(arg for arg in args if arg is not type(None))
        if len(others) == 1 < len(args):
            nullable, form = True, others[0]
    return name, _parser(form), nullable, form is str


def _union(options: tuple[_Parser, ...]) -> _Parser:
    def parse(raw: object) -> object:
        for option in options:
            try:
                return option(raw)
            except _UnreadableError:
                continue
        raise _UnreadableError("no alternative of the union fits")

    return parse


def _sequence(item: _Parser) -> _Parser:
    def parse(raw: object) -> tuple[object, ...]:
        if not isinstance(raw, list):
            raise _UnreadableError("expected a list")
        return tuple(map(item, raw))

    return parse


def _mapping(item: _Parser) -> _Parser:
    def parse(raw: object) -> dict[str, object]:
        if not isinstance(raw, dict):
            raise _UnreadableError("expected an object")
        return {str(key): item(value) for key, value in raw.items()}

    return parse


def body_digest(body: bytes | bytearray | memoryview) -> str:
    """The fingerprint of a page's body (its text's UTF-8 bytes) in the memo's keys.

    One definition for its two makers: ``verify`` hashes a text it holds
    (``verify.citation.memo_keys``), and the store writes the digest of each body beside it
    (``fetch.store``), so a warm run whose answers and judgements are all kept keys each
    judgement by the stored digest, neither inflating nor hashing ~22,000 pages (issue 19).

    Not remembered by body: session 32's table of the last digests saved nothing measured
    natively (SHA-NI hashes a page in microseconds; its gain was counted under callgrind,
    which does not run SHA-NI) and refused a ``bytearray`` (bench/README.md, "Session 33")."""
    return hashlib.sha256(body).hexdigest()


@cache
def code_fingerprint(*parts: str) -> str:
    """A hash of the source of ``parts`` of checker (packages or modules) and of the data model.

    Part of every memo key, so a changed extractor, verifier or codec never reuses an old result.
    It hashes each file's digest (:func:`_source_digest`), its path with it, in order: a run
    with a store makes extract's (``extract``, ``urls``; and with ``verify`` for a crawled
    page) and verify's, and hashed their 2.1 MB of source whole each time, the shared files
    twice or three times (47 M instructions a run, issue 19, bench/README.md "Session 32").
    Only the short list of paths and file digests goes through SHA-256 here.
    """
    paths = [_CHECKER / "model.py", _CHECKER / "findings.py", _CHECKER / "memo.py"]
    for part in parts:
        root = _CHECKER / part
        paths += sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.relative_to(_CHECKER).as_posix()}\0".encode())
        digest.update(_source_digest(path))
    return digest.hexdigest()


@cache
def _source_digest(path: Path) -> bytes:
    """The digest of the file at ``path`` (checker's source), read and hashed once a process:
    Python's own hash of a source file (``importlib.util.source_hash``, SipHash-1-3 keyed with
    the interpreter's bytecode version), the one a checked hash-based ``.pyc`` is validated by.

    It says whether the text changed, which is all a fingerprint asks of it (no one hostile
    writes checker's own source: whoever can runs anything anyway).  SHA-256 of the 1.07 MB
    of source that extract's and verify's fingerprints read was 30 M instructions of every
    run with a store (issue 19, bench/README.md "Session 33"): ~28 instructions a byte under
    callgrind, which hides the CPU's SHA extensions from OpenSSL, ~2 ns a byte with them;
    this hash is ~3 instructions a byte, ~1.4 ns with or without.  A new bytecode version (a
    new minor Python) changes its key, so every fingerprint: the memo's rows are computed
    again once, never misread.
    """
    return source_hash(path.read_bytes())


@cache
def code_digest(*parts: str) -> Any:
    """A SHA-256 begun with :func:`code_fingerprint` of ``parts``, made once a process (a run
    makes extract's and verify's before it forks its workers: ~3 ms each), copied for each memo
    key that depends on that code."""
    return hashlib.sha256(code_fingerprint(*parts).encode())
