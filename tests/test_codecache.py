"""The dataclasses' generated methods compiled once, not at every start (issue 19, session 31).

Importing the command line made 426 methods from source text (``dataclasses``' ``exec``), ~230 M
instructions of every run's start; :mod:`checker.codecache` keeps their compiled code beside
citecheck's bytecode.  Each test runs fresh interpreters with their own bytecode folder
(``PYTHONPYCACHEPREFIX``), as a user's second run finds the first one's files.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import checker
from checker import codecache

ROOT = Path(checker.__file__).parent.parent

_COUNTED_START = """
import builtins, dataclasses, json, sys
texts = []
for name in ("exec", "compile"):
    real = getattr(builtins, name)
    def counted(source, *args, _real=real, **kwargs):
        if isinstance(source, str) and source.startswith("def __create_fn__("):
            texts.append(source)
        return _real(source, *args, **kwargs)
    setattr(builtins, name, counted)
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


def _start(prefix: Path, *, write_bytecode: bool = True) -> dict[str, object]:
    """A fresh interpreter's ``citecheck --version``: how many dataclass methods it compiled
    from source, and whether a dataclass made then still behaves as one."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(prefix))
    if not write_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _COUNTED_START],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
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


def test_a_damaged_foreign_or_shared_cache_file_is_not_read(tmp_path: Path) -> None:
    good = {"<string>\0def f():\n return 1\n": compile("def f():\n return 1\n", "<string>", "exec")}
    header = codecache._FORMAT
    path = tmp_path / "generated.marshal"
    path.write_bytes(header + marshal.dumps(good))
    path.chmod(0o644)
    assert codecache._read(path) == good
    for damaged in (
        b"",
        header[:-1],
        b"\0\0\r\n" + header[4:] + marshal.dumps(good),  # another interpreter's magic number
        header + marshal.dumps(good)[:-3],  # cut short
        header + marshal.dumps({"key": "not code"}),
        header + marshal.dumps([1, 2]),
    ):
        path.write_bytes(damaged)
        assert codecache._read(path) == {}, damaged
    path.write_bytes(header + marshal.dumps(good))
    path.chmod(0o666)  # another user could choose the code this process runs
    assert codecache._read(path) == {}
    assert codecache._read(tmp_path / "missing") == {}


def test_a_text_is_compiled_once_and_its_code_is_the_compilers(tmp_path: Path) -> None:
    source = "def g(x):\n    return x * 2\n"
    code = codecache.compiled(source, "<test>")
    assert codecache.compiled(source, "<test>") is code
    assert code == compile(source, "<test>", "exec")
    assert codecache.compiled(source, "<other>") is not code  # its name is part of the key
