"""The dataclasses' generated methods and the patterns compiled once, not at every start (issue
19, sessions 31 and 32).

Importing the command line made 426 methods from source text (``dataclasses``' ``exec``), ~230 M
instructions of every run's start; :mod:`checker.codecache` keeps their compiled code beside
citecheck's bytecode.  Each test runs fresh interpreters with their own bytecode folder
(``PYTHONPYCACHEPREFIX``), as a user's second run finds the first one's files.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import checker
from checker import codecache

ROOT = Path(checker.__file__).parent.parent


def _counting(builtin: str, start: str) -> str:
    """A script's opening that counts the texts starting with ``start`` that ``builtin`` (or
    ``compile``) is given from then on (in ``texts``)."""
    return f"""
import builtins, collections, dataclasses, json, sys
import checker.codecache  # what it imports is made before any cache is read
texts = []
for name in ({builtin!r}, "compile"):
    real = getattr(builtins, name)
    def counted(source, *args, _real=real, **kwargs):
        if isinstance(source, str) and source.startswith({start!r}):
            texts.append(source)
        return _real(source, *args, **kwargs)
    setattr(builtins, name, counted)
"""


_COUNTED_START = (
    _counting("exec", "def __create_fn__(")
    + """
from checker.entry import main
status = main(["--version"])
from checker.model import Citation, CitationKind
one = Citation(CitationKind.LINK, "https://example.org/a")
try:
    one.url = "https://example.org/b"
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
same = one == Citation(CitationKind.LINK, "https://example.org/a") and hash(one) == hash(
    Citation(CitationKind.LINK, "https://example.org/a"))
print(json.dumps({"status": status, "compiled": len(texts), "frozen": frozen, "same": same}))
"""
)


def _start(prefix: Path, *, write_bytecode: bool = True) -> dict[str, object]:
    """A fresh interpreter's ``citecheck --version``: how many dataclass methods it compiled
    from source, and whether a dataclass made then still behaves as one."""
    return _fresh(_COUNTED_START, prefix, write_bytecode=write_bytecode)


def _fresh(script: str, prefix: Path, *, write_bytecode: bool = True) -> dict[str, Any]:
    """What ``script`` prints last (JSON), run by a fresh interpreter whose bytecode (and code
    cache) is kept under ``prefix``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(prefix))
    if not write_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _cache_files(prefix: Path) -> list[Path]:
    return sorted(prefix.rglob("generated.*.marshal"))


def test_a_second_start_compiles_no_dataclass_method_from_source(tmp_path: Path) -> None:
    first = _start(tmp_path)
    assert first["status"] == 0
    assert isinstance(first["compiled"], int) and first["compiled"] > 100
    assert len(_cache_files(tmp_path)) == 1
    second = _start(tmp_path)
    assert second == {"status": 0, "compiled": 0, "frozen": True, "same": True}


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path: Path) -> None:
    assert _start(tmp_path, write_bytecode=False)["status"] == 0
    assert _cache_files(tmp_path) == []


def _framed(payload: bytes) -> bytes:
    """A cache file's bytes as :func:`codecache._save` frames a payload: header, SHA-256."""
    return codecache._FORMAT + hashlib.sha256(payload).digest() + payload


def _file(codes: object, programs: object = None) -> bytes:
    """A cache file's bytes as :func:`codecache._save` writes ``codes`` (and ``programs``)."""
    return _framed(marshal.dumps((codes, {} if programs is None else programs)))


_GOOD_SOURCE = "def f():\n return 1\n"
_GOOD = {f"0\0<string>\0{_GOOD_SOURCE}": compile(_GOOD_SOURCE, "<string>", "exec")}


def test_a_damaged_foreign_or_shared_cache_file_is_not_read(tmp_path: Path) -> None:
    header = codecache._FORMAT
    path = tmp_path / "generated.marshal"
    path.write_bytes(_file(_GOOD))
    path.chmod(0o644)
    assert codecache._read_all(path)[0] == _GOOD
    good = _file(_GOOD)
    for damaged in (
        b"",
        header[:-1],
        b"\0\0\r\n" + good[4:],  # another interpreter's magic number
        good[:-3],  # cut short
        _file({"key": "not code"}),
        _file([1, 2]),
        header + marshal.dumps(_GOOD),  # no digest (the first layout)
        _framed(marshal.dumps(_GOOD)),  # no patterns' programs (the second layout)
        _file(_GOOD, [1, 2]),
        _file(_GOOD, {("a", 0): (0, [1], 0)}),  # a program of another shape
    ):
        path.write_bytes(damaged)
        assert codecache._read_all(path) == ({}, {}), damaged
    path.write_bytes(good)
    path.chmod(0o666)  # another user could choose the code this process runs
    assert codecache._read_all(path) == ({}, {})
    assert codecache._read_all(tmp_path / "missing") == ({}, {})


def test_every_flipped_byte_of_a_real_cache_file_is_refused(tmp_path: Path) -> None:
    """A byte flipped anywhere in the code (a bad disk, a killed copy) made ``marshal.loads``
    raise ``SystemError`` (uncaught: every run crashed) or load other code silently; the digest
    refuses the file whole, before ``marshal`` reads it."""
    _start(tmp_path)
    (path,) = _cache_files(tmp_path)
    real = path.read_bytes()
    assert len(codecache._read_all(path)[0]) > 100
    start = len(codecache._FORMAT)
    step = max(1, (len(real) - start) // 400)
    for offset in range(start, len(real), step):
        flipped = bytearray(real)
        flipped[offset] ^= 0x5A
        path.write_bytes(bytes(flipped))
        assert codecache._read_all(path) == ({}, {}), offset


def _crashing_payload() -> bytes:
    """A ``marshal`` payload, one byte of a real one flipped, that ``marshal.loads`` refuses with
    ``SystemError`` (not ``ValueError``): a code object's field of the wrong type."""
    real = marshal.dumps({"k": compile("x = 1", "<s>", "exec")})
    for offset in range(len(real)):
        flipped = real[:offset] + b"\xff" + real[offset + 1 :]
        try:
            marshal.loads(flipped)
        except SystemError:
            return flipped
        except (ValueError, EOFError, TypeError):
            continue
    raise AssertionError("no flipped byte made marshal raise SystemError")


def test_a_damaged_cache_file_neither_crashes_a_start_nor_stays(tmp_path: Path) -> None:
    """Its digest right (as a file damaged before it was hashed), the payload makes ``marshal``
    raise ``SystemError``: the start goes on without it, and writes a good one."""
    _start(tmp_path)
    (path,) = _cache_files(tmp_path)
    path.write_bytes(_framed(_crashing_payload()))
    assert codecache._read_all(path) == ({}, {})
    assert _start(tmp_path)["status"] == 0  # no traceback: the file is refused
    assert codecache._read_all(path)[0] != {}  # and replaced by that run's
    assert _start(tmp_path)["compiled"] == 0


def test_a_symlink_at_the_cache_path_is_refused_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.marshal"
    target.write_bytes(_file(_GOOD))
    target.chmod(0o644)
    link = tmp_path / "link.marshal"
    link.symlink_to(target)
    assert codecache._read_all(target)[0] == _GOOD
    assert codecache._read_all(link)[0] == {}


def test_a_named_pipe_at_the_cache_path_does_not_block_the_read(tmp_path: Path) -> None:
    """``open`` of a named pipe waits for a writer: a pipe planted at the path hung every start."""
    pipe = tmp_path / "pipe.marshal"
    os.mkfifo(pipe)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pathlib import Path; from checker import codecache; "
            f"print(codecache._read_all(Path({str(pipe)!r})))",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "({}, {})\n")


def test_the_save_follows_no_symlink_planted_beside_the_cache_file(tmp_path: Path) -> None:
    """The first save wrote ``<name>.<pid>.tmp`` opened by ``open("wb")``: a symlink planted
    there (a shared ``PYTHONPYCACHEPREFIX``) had it overwrite the file it points to."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    folder = tmp_path / "prefix"
    code = (
        "import os, sys\n"
        "from checker import codecache\n"
        "path = codecache._cache_file()\n"
        "path.parent.mkdir(parents=True, exist_ok=True)\n"
        f"os.symlink({str(victim)!r}, path.with_name(f'{{path.name}}.{{os.getpid()}}.tmp'))\n"
        "codecache.install()\n"
        "codecache.compiled('x = 1\\n', '<planted>')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(folder))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert victim.read_text() == "mine\n"
    (path,) = _cache_files(folder)
    assert not path.is_symlink() and oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert any(key.endswith("<planted>\0x = 1\n") for key in codecache._read_all(path)[0])


_ANNOTATED = """
import dataclasses, json, sys, typing
from checker import codecache
if sys.argv[1] == "cached":
    codecache.install()
@dataclasses.dataclass
class A:
    x: int
print(json.dumps([A.__init__.__annotations__ == {"x": int, "return": None},
                  repr(typing.get_type_hints(A.__init__))]))
"""


def test_a_cached_init_has_the_annotations_dataclasses_gives(tmp_path: Path) -> None:
    """``compile`` inherited codecache's ``from __future__ import annotations``: a cached
    ``__init__`` had strings for annotations, and ``get_type_hints`` raised ``NameError``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp_path))
    seen = []
    for mode in ("plain", "cached", "cached"):  # compiled, then read from the file
        done = subprocess.run(
            [sys.executable, "-c", _ANNOTATED, mode],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        seen.append(json.loads(done.stdout))
    assert seen == [[True, "{'x': <class 'int'>, 'return': <class 'NoneType'>}"]] * 3


def test_a_text_is_compiled_once_and_its_code_is_the_compilers(tmp_path: Path) -> None:
    source = "def g(x):\n    return x * 2\n"
    code = codecache.compiled(source, "<test>")
    assert codecache.compiled(source, "<test>") is code
    assert code == compile(source, "<test>", "exec", dont_inherit=True)
    assert codecache.compiled(source, "<other>") is not code  # its name is part of the key


_COUNTED_PATTERNS = """
import json, re, sys
from re import _compiler, _parser
parsed = []
real_parse = _parser.parse
def counted(source, *args, **kwargs):
    parsed.append(source)
    return real_parse(source, *args, **kwargs)
_parser.parse = counted
from checker.entry import main
status = main(["--version"])
at_start = list(parsed)
from checker import codecache
programs = codecache._CACHE.programs
kept = {pattern for pattern, _ in programs}
# each cached program against the one re's own compiler hands _sre from the text
unequal = [
    pattern for (pattern, flags), program in programs.items()
    if program != codecache._recorded(pattern, flags)[1]
]
print(json.dumps({"status": status, "parsed": len(at_start), "programs": len(programs),
                  "parsed kept": sum(text in kept for text in at_start),
                  "unequal": [repr(p) for p in unequal]}))
"""


def test_a_second_start_parses_no_pattern_and_makes_res_own(tmp_path: Path) -> None:
    """Importing the command line compiled ~240 patterns from their text every run (~265 M
    instructions, a quarter of the start, session 32): a second start makes each from the
    program the first one kept, and each program is the very one ``re`` writes (its flags,
    code, groups and their names: comparing the patterns made compares only the first two)."""
    first = _fresh(_COUNTED_PATTERNS, tmp_path)
    assert first["status"] == 0 and first["unequal"] == []
    assert isinstance(first["parsed"], int) and first["parsed"] > 100
    second = _fresh(_COUNTED_PATTERNS, tmp_path)
    assert second["status"] == 0 and second["unequal"] == []
    assert isinstance(second["programs"], int) and second["programs"] > 100
    # the texts parsed again: only those compiled before the cache is installed (while
    # ``codecache`` itself is imported: dataclasses' own pattern), none the file holds
    assert second["parsed kept"] == 0
    assert isinstance(second["parsed"], int) and second["parsed"] < first["parsed"] // 20


def test_a_pattern_from_a_cached_program_matches_as_res_own() -> None:
    """Named groups, inline flags, bytes, and the flags of ``re.compile`` all survive the
    program kept and read back."""
    for pattern, flags, text in (
        (r"(?P<year>\d{4})-(?P<month>\d\d)", 0, "2026-12"),
        (r"(?ix)caf\u00e9 | a b", 0, "CAFÉ"),
        (rb"[\x00-\x1f]+(?P<tail>.)", 0, b"\x01\x02z"),
        (r"^\s*#", re.MULTILINE, "a\n  # b"),
        (r"\w+(?P<end>!)?", re.ASCII, "caf\u00e9!"),
    ):
        _, kept, _ = codecache._recorded(pattern, int(flags))
        assert kept is not None
        program = marshal.loads(marshal.dumps(kept))
        mine = codecache._sre.compile(pattern, *program)
        theirs = codecache._SRE_COMPILE(pattern, int(flags))
        assert mine == theirs and mine.groupindex == theirs.groupindex
        assert mine.flags == theirs.flags and mine.groups == theirs.groups
        found, expected = mine.search(text), theirs.search(text)
        assert found is not None and expected is not None
        assert (found.span(), found.lastgroup, found.groupdict()) == (
            expected.span(),
            expected.lastgroup,
            expected.groupdict(),
        )


def test_a_program_sre_raises_on_is_compiled_from_the_text(monkeypatch: Any) -> None:
    """``_sre`` checks a program it is given only in part (a damaged one can crash the process
    or match wrongly: the file's SHA-256, exact-version header and owner check are the guard,
    as for a ``.pyc``); one it does refuse, raising, is compiled from its text, and the
    program replaced by ``re``'s."""
    key = (r"a+b", 0)
    programs: dict[object, object] = {key: (0, [99, 99, 99], 0, {}, ())}
    monkeypatch.setattr(codecache._CACHE, "programs", programs)
    monkeypatch.setattr(codecache._CACHE, "starting", True)  # main() in this process ended it
    made = codecache._compile_pattern(*key)
    assert made == codecache._SRE_COMPILE(*key) and made.match("aab")
    assert programs[key] == codecache._recorded(*key)[1]


def test_a_pattern_sre_refuses_to_make_is_not_kept(monkeypatch: Any) -> None:
    """Its program was kept before ``_sre`` made the pattern: a pattern ``_sre`` refuses
    (flags past its C ``int``) was written to the file, and refused again each run."""
    programs: dict[object, object] = {}
    monkeypatch.setattr(codecache._CACHE, "programs", programs)
    monkeypatch.setattr(codecache._CACHE, "starting", True)
    with pytest.raises(OverflowError):
        codecache._compile_pattern("a", 1 << 40)
    assert programs == {}


def test_a_pattern_whose_compiling_warns_is_not_kept(monkeypatch: Any) -> None:
    """Kept, a questionable pattern (``re``'s ``FutureWarning``) warned on a cold start only,
    and the warning was blamed on ``re``'s own frame: it is not kept, and its warning is the one
    ``re`` gives, blamed on the line that compiled it."""
    programs: dict[object, object] = {}
    monkeypatch.setattr(codecache._CACHE, "programs", programs)
    monkeypatch.setattr(codecache._CACHE, "starting", True)
    for compile_ in (codecache._SRE_COMPILE, codecache._compile_pattern):
        monkeypatch.setattr(re._compiler, "compile", compile_)  # type: ignore[attr-defined]
        re.purge()
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            assert re.compile("[[a]").match("[")
        assert [(w.category, w.filename) for w in warned] == [(FutureWarning, __file__)]
    assert programs == {}


def test_a_process_records_so_many_programs_at_most(monkeypatch: Any) -> None:
    monkeypatch.setattr(codecache, "_CACHE", codecache._Cache())
    monkeypatch.setattr(codecache, "_MOST_NEW_PROGRAMS", 2)
    made = [codecache._compile_pattern(f"kept{number}+", 0) for number in range(4)]
    assert [bool(each.match(f"kept{n}")) for n, each in enumerate(made)] == [True] * 4
    assert list(codecache._CACHE.programs) == [("kept0+", 0), ("kept1+", 0)]


_USER_PATTERN = "user-handle-[0-9]+"


def test_a_run_keeps_none_of_the_patterns_made_from_its_input(tmp_path: Path) -> None:
    """``re`` compiled through the cache for the whole run: every pattern made from the input
    (cited hosts and handles, ``--exclude``, the ignore file) was written to the file, a user's
    data beside citecheck's bytecode, without end (3,000 citations: 12,239 programs, 9.6 MB
    read by every later start).  Only the start's patterns are kept."""
    (tmp_path / "post.md").write_text("# Nothing cited\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp_path / "prefix"))
    kept = []
    for argv in (
        ["--version"],
        # one process each: ``auto`` reads the load, and a run that forks reads the suffix
        # list in its start (its pattern then kept), one that does not after (a CI flake)
        ["check", "--no-store", "--processes", "1", "--exclude", _USER_PATTERN, "post.md"],
        ["check", "--no-store", "--processes", "1", "--exclude", _USER_PATTERN + "!", "post.md"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "checker", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr  # 1: the run checked no citation
        (path,) = _cache_files(tmp_path / "prefix")
        kept.append(set(codecache._read_all(path)[1]))
    assert len(kept[0]) > 100
    # what the start compiles, and the code's own patterns a check compiles on first use
    # (session 33: a lazy constant, the Markdown parser's), none of the input's: each run's
    # input being the same, "the second run kept nothing more" could not tell them apart
    assert kept[0] <= kept[1] and kept[2] == kept[1]
    assert not any(_USER_PATTERN in str(pattern) for pattern, _ in kept[2])
    added = {repr(pattern) for pattern, _ in kept[1] - kept[0]}
    code = _code_pattern_texts()
    assert added and added <= code, sorted(added - code)


def _code_pattern_texts() -> set[str]:
    """The ``repr`` of every pattern text a check may compile after its start and keep: the
    lazy constants of citecheck's modules and the patterns of the imports kept
    (``codecache.IMPORTS_KEPT``)."""
    from tests.test_lazyre import _LAZY_TEXTS  # noqa: PLC0415 (one way to list the lazies)

    done = subprocess.run(
        [sys.executable, "-c", _LAZY_TEXTS],
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    texts: set[str] = set(json.loads(done.stdout))
    for name in codecache.IMPORTS_KEPT:
        texts.update(_import_patterns(name, "0"))
    return texts


_COUNTED_NAMEDTUPLES = (
    _counting("eval", "lambda _cls")
    + """
from checker.entry import main
status = main(["--version"])
Point = collections.namedtuple("Point", "x y", defaults=(0,))
made = Point(1)
works = [repr(made), made == (1, 0), Point._make((2, 3)).y, Point.__new__.__name__]
print(json.dumps({"status": status, "compiled": len(texts), "works": works}))
"""
)


def test_a_second_start_evaluates_no_namedtuple_text(tmp_path: Path) -> None:
    """``namedtuple`` makes each class's ``__new__`` by ``eval`` of a text (27 at start): a
    second start takes its code from the cache, and the class made is the same."""
    seen = [_fresh(_COUNTED_NAMEDTUPLES, tmp_path) for _ in range(2)]
    works = ["Point(x=1, y=0)", True, 3, "__new__"]
    assert seen[0]["status"] == 0 and seen[0]["compiled"] > 10 and seen[0]["works"] == works
    assert seen[1] == {"status": 0, "compiled": 0, "works": works}


def test_an_expression_is_kept_apart_from_a_statement_of_the_same_text() -> None:
    statement = codecache.compiled("f(1)", "<string>")
    expression = codecache.compiled("f(1)", "<string>", "eval")
    assert statement is not expression
    assert expression == compile("f(1)", "<string>", "eval", dont_inherit=True)
    assert codecache._eval("  1 + 2") == 3  # eval's own leading spaces dropped


_PARSED = """
import json, re, sys
from re import _parser
parsed = []
real_parse = _parser.parse
def counted(source, *args, **kwargs):
    parsed.append(repr(source))
    return real_parse(source, *args, **kwargs)
_parser.parse = counted
"""
"""A script's opening that records the text of each pattern ``re`` parses (in ``parsed``)."""

_COUNTED_CHECK = (
    _PARSED
    + """
from checker.entry import main
status = main(["check", "--no-store", "-q", "--processes", "1", "post.md"])
print(json.dumps({"status": status, "parsed": parsed}))
"""
)


def test_a_second_check_parses_none_of_the_codes_patterns_compiled_after_the_start(
    tmp_path: Path,
) -> None:
    """The patterns compiled after the start were all left to ``re``'s compiler (mend32b): a
    Markdown check compiled ~60 of them from their text every run and in every worker (its
    lazy constants, markdown-it's): those of the code are kept, the second run parses none."""
    (tmp_path / "post.md").write_text(
        "# A post\n\nA [link](#here), www words and `code`.\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp_path / "prefix"))
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", _COUNTED_CHECK],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    first, second = runs
    assert first["status"] == second["status"] == 1  # no citation checked
    assert len(first["parsed"]) > 200
    # what is still parsed: the few patterns compiled before the cache is installed
    assert len(second["parsed"]) < 10, second["parsed"]


def test_another_threads_pattern_is_not_kept_while_one_thread_keeps(monkeypatch: Any) -> None:
    """A window that keeps the code's patterns (:func:`codecache.keeping`) is one thread's: a
    pattern made from input by another thread meanwhile goes to ``re``'s own compiler, and
    neither its program nor its arguments are recorded as the keeping thread's."""
    import threading  # noqa: PLC0415

    _after_the_start(monkeypatch)
    made: list[re.Pattern[str]] = []
    inside = threading.Event()
    done = threading.Event()

    def other() -> None:
        inside.wait(10)
        made.append(re.compile("input-[0-9]+ from another thread"))
        done.set()

    helper = threading.Thread(target=other)
    helper.start()
    with codecache.keeping():
        inside.set()
        done.wait(10)
        mine = re.compile("code-[a-z]+ of this thread")
    helper.join()
    assert made[0].match("input-12 from another thread") and mine.match("code-ab of this thread")
    assert not codecache._CACHE.programs  # recorded at the exit, not in the window
    assert list(codecache._CACHE.noted) == [("code-[a-z]+ of this thread", 0)]
    assert re._compiler.compile is codecache._SRE_COMPILE  # type: ignore[attr-defined]
    codecache._record_noted()
    assert list(codecache._CACHE.programs) == [("code-[a-z]+ of this thread", 0)]


def _after_the_start(monkeypatch: Any, *, installed_by: int | None = None) -> None:
    """A fresh cache installed by this process (or ``installed_by``) and its start over, with
    ``re``'s compiler restored when the test ends."""
    monkeypatch.setattr(codecache, "_CACHE", codecache._Cache())
    monkeypatch.setattr(codecache._CACHE, "installed_by", installed_by or os.getpid())
    monkeypatch.setattr(re._compiler, "compile", codecache._SRE_COMPILE)  # type: ignore[attr-defined]
    codecache.started()


def test_no_input_pattern_is_kept_while_windows_open_and_close_on_another_thread(
    monkeypatch: Any,
) -> None:
    """The window's keeper was set after ``re``'s compiler was swapped and cleared before it
    was swapped back, and "no keeper" meant "keep": a thread compiling a run's input patterns
    while another opened and closed windows had them kept (reviewer: 752 of 1,000, 1.0 MB in
    the file).  Only the window's own thread's patterns are kept, at any interleaving."""
    import threading  # noqa: PLC0415

    _after_the_start(monkeypatch)
    interval = sys.getswitchinterval()
    stop = threading.Event()
    inputs: list[re.Pattern[str]] = []

    def windows() -> None:
        number = 0
        while not stop.is_set():
            with codecache.keeping():
                re.compile(rf"CODE-{number}\.constant")
            number += 1

    opener = threading.Thread(target=windows)
    sys.setswitchinterval(1e-6)
    try:
        opener.start()
        inputs.extend(re.compile(rf"INPUT-host-{n}\.example") for n in range(3_000))
    finally:
        stop.set()
        opener.join()
        sys.setswitchinterval(interval)
    assert all(each.match(f"INPUT-host-{n}.example") for n, each in enumerate(inputs))
    # kept now or noted to be recorded at the exit (the base kept them at once)
    noted = getattr(codecache._CACHE, "noted", {})
    kept = [str(pattern) for pattern, _ in [*codecache._CACHE.programs, *noted]]
    assert kept and all(each.startswith("CODE-") for each in kept), [
        each for each in kept if not each.startswith("CODE-")
    ][:3]
    assert re._compiler.compile is codecache._SRE_COMPILE  # type: ignore[attr-defined]


def test_a_window_after_the_start_changes_no_process_wide_state_to_record(
    monkeypatch: Any,
) -> None:
    """Recording a pattern's program swaps ``re``'s engine and catches warnings, both for the
    whole process (``catch_warnings`` is not thread-safe): done in a window on the extraction
    thread, it left another thread's ``simplefilter("error")`` in force for good and raised
    that thread's warning in the window's compile.  A window only notes the pattern; it is
    recorded when the file is written, at the exit."""
    _after_the_start(monkeypatch)
    recorded: list[object] = []
    real = codecache._recorded
    monkeypatch.setattr(codecache, "_recorded", lambda *key: recorded.append(key) or real(*key))
    filters = warnings.filters
    with codecache.keeping():
        made = re.compile("code-window-[0-9]+ once")
        assert warnings.filters is filters
    assert made.match("code-window-7 once") and recorded == []
    codecache._record_noted()
    assert recorded == [("code-window-[0-9]+ once", 0)]
    assert list(codecache._CACHE.programs) == [("code-window-[0-9]+ once", 0)]


def test_a_forked_worker_records_no_program_it_would_never_write(monkeypatch: Any) -> None:
    """A worker forked after the start writes no file (only the process that installed the
    cache does): the programs it recorded in its windows were work thrown away."""
    _after_the_start(monkeypatch, installed_by=os.getpid() + 1)
    with codecache.keeping():
        assert re.compile("code-in-a-worker-[0-9]+").match("code-in-a-worker-3")
    assert not codecache._CACHE.programs and not codecache._CACHE.new
    assert not getattr(codecache._CACHE, "noted", None)


def test_a_window_holds_no_lock_another_threads_window_waits_for(monkeypatch: Any) -> None:
    """A window held one lock across a whole import or a pattern's text builder: another
    thread waiting for it while holding a module's import lock could deadlock, unseen by the
    import system.  Two threads' windows are open at once, each keeping its own patterns."""
    import threading  # noqa: PLC0415

    _after_the_start(monkeypatch)
    inside = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with codecache.keeping():
            inside.set()
            release.wait(10)

    first = threading.Thread(target=holder)
    first.start()
    try:
        assert inside.wait(10)
        other_done = threading.Event()

        def other() -> None:
            with codecache.keeping():
                re.compile("code-second-window-[a-z]+")
            other_done.set()

        second = threading.Thread(target=other)
        second.start()
        finished = other_done.wait(5)
    finally:
        release.set()
        first.join()
    second.join()
    assert finished
    assert list(getattr(codecache._CACHE, "noted", codecache._CACHE.programs)) == [
        ("code-second-window-[a-z]+", 0)
    ]
    assert re._compiler.compile is codecache._SRE_COMPILE  # type: ignore[attr-defined]


_IMPORT_PATTERNS = (
    _PARSED
    + """
import importlib
importlib.import_module(sys.argv[1])
print(json.dumps(parsed))
"""
)


def _import_patterns(name: str, seed: str) -> list[str]:
    """The patterns' texts importing ``name`` parses in a fresh interpreter of hash ``seed``."""
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_PATTERNS, name],
        env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    parsed: list[str] = json.loads(done.stdout)
    return parsed


def test_the_modules_whose_import_patterns_are_kept_write_the_same_texts_each_process() -> None:
    """A module whose import patterns are kept (``codecache.IMPORTS_KEPT``) must compile the
    same texts in every process: one written from a set of strings (``htmldate``'s, another
    order each ``PYTHONHASHSEED``) would add a program to the file each run."""
    for name in sorted(codecache.IMPORTS_KEPT):
        seen = [_import_patterns(name, seed) for seed in ("1", "2")]
        assert seen[0] and seen[0] == seen[1], name
    # what the test tells apart: the metadata reader's import, which is not kept
    assert _import_patterns("checker.verify.metadata", "1") != _import_patterns(
        "checker.verify.metadata", "2"
    )


def test_only_the_listed_imports_have_their_patterns_kept(monkeypatch: Any, tmp_path: Path) -> None:
    """The modules whose import patterns are kept were listed twice (``processes`` and the
    Markdown reader's own ``imported("markdown_it")``), and ``imported`` kept any module's: one
    list, :data:`codecache.IMPORTS_KEPT`, decides."""
    _after_the_start(monkeypatch)
    for name in ("listed_import_33m", "unlisted_import_33m"):
        (tmp_path / f"{name}.py").write_text(
            f"import re\nPATTERN = re.compile(r'{name}-[0-9]+')\n", encoding="utf-8"
        )
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(codecache, "IMPORTS_KEPT", frozenset({"listed_import_33m"}))
    for name in ("listed_import_33m", "unlisted_import_33m"):
        assert codecache.imported(name).PATTERN.match(f"{name}-1")
    noted = getattr(codecache._CACHE, "noted", {})
    kept = [pattern for pattern, _ in [*codecache._CACHE.programs, *noted]]
    assert kept == ["listed_import_33m-[0-9]+"]
