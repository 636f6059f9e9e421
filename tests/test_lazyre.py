"""checker.lazyre: a pattern compiled on first use behaves as ``re.compile``'s."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import checker
from checker.lazyre import lazy

ROOT = Path(checker.__file__).parent


def _python(script: str) -> str:
    """What ``script`` prints, run in a fresh interpreter (nothing imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT.parent)},
        timeout=60,
    )
    return done.stdout


def test_compiled_on_first_use_only() -> None:
    pattern = lazy(r"(?P<word>b\w+)", re.IGNORECASE)
    assert not pattern.is_compiled
    assert pattern.pattern == r"(?P<word>b\w+)"  # reading the text compiles nothing
    assert not pattern.is_compiled
    found = pattern.search("a Bear")
    assert found is not None and found.group("word") == "Bear"
    assert pattern.is_compiled
    assert pattern.compiled is pattern.compiled  # kept, not compiled again


def test_methods_answer_as_re_pattern() -> None:
    text = "one, two,three"
    eager = re.compile(r",\s*")
    lazy_pattern = lazy(r",\s*")
    assert lazy_pattern.split(text) == eager.split(text)
    assert lazy_pattern.sub(";", text) == eager.sub(";", text)
    assert lazy_pattern.subn(lambda m: "|", text) == eager.subn(lambda m: "|", text)
    assert lazy_pattern.findall(text) == eager.findall(text)
    assert [m.span() for m in lazy_pattern.finditer(text)] == [
        m.span() for m in eager.finditer(text)
    ]
    assert lazy(r"\d+").fullmatch("123") is not None
    assert lazy(r"\d+").match("x1") is None
    assert lazy(rb"\d").search(b"a1") is not None


def test_a_costly_pattern_text_is_built_on_first_use() -> None:
    built: list[int] = []

    def text() -> str:
        built.append(1)
        return "[ab]+"

    pattern = lazy(text)
    assert built == []
    assert pattern.sub("", "abc") == "c"
    assert pattern.sub("", "bcd") == "cd"
    assert built == [1]


_IMPORT_ALL = """
import sys
import checker.cli
from checker.lazyre import LazyPattern
compiled = [
    f"{module.__name__}.{name}"
    for module in list(sys.modules.values())
    if getattr(module, "__name__", "").startswith("checker")
    for name, value in vars(module).items()
    if isinstance(value, LazyPattern) and value.is_compiled
]
print(sorted(compiled))
"""


AT_IMPORT = ["checker.verify.soft404._WORD", "checker.verify.text._FANCY_PUNCTUATION"]
"""Compiled at import on purpose: soft404 tokenizes its "not found" lexicon then."""


def test_importing_the_command_line_compiles_no_lazy_pattern() -> None:
    """The patterns made lazy stay text until used: importing compiles none of them but the
    lexicon's (``text._MAYBE_MARKS``, ~30 ms to compile, stays text: the lexicon's words are
    short)."""
    printed = _python(_IMPORT_ALL)
    assert printed.strip() == repr(AT_IMPORT)


_COMPILED_BY_METADATA = """
import re, sys
import checker.verify.match, checker.verify.support, checker.verify.page  # its imports first
compiled = []
real = re.compile
def compile(pattern, flags=0):
    if sys._getframe(1).f_globals.get("__name__") == "checker.verify.metadata":
        compiled.append(pattern)
    return real(pattern, flags)
re.compile = compile
import checker.verify.metadata
print(len(compiled))
"""


def test_reading_a_pages_metadata_compiles_its_patterns_on_first_use() -> None:
    """``verify.metadata``, imported by every process on its first judged page, compiles
    none of its ~40 patterns at import: a title-only page uses two of them (~40 ms of CPU
    in each process, mid-run, issue 19)."""
    printed = _python(_COMPILED_BY_METADATA)
    assert printed.strip() == "0"


_COMPILED_AT_IMPORT = """
import re, sys
compiled = set()
real = re.compile
def compile(pattern, flags=0):
    compiled.add(sys._getframe(1).f_globals.get("__name__"))
    return real(pattern, flags)
re.compile = compile
import checker.cli
print(" ".join(sorted(name for name in compiled if name and name.startswith("checker"))))
"""

UNUSED_BY_A_LINK_CHECK = (
    "checker.anchors",
    "checker.extract.content",
    "checker.extract.links",
    "checker.extract.markups",
    "checker.extract.embeds._shared",
    "checker.extract.embeds.bluesky",
    "checker.extract.embeds.mastodon",
    "checker.extract.embeds.meta",
    "checker.extract.embeds.shortcodes",
    "checker.extract.embeds.telegram",
    "checker.extract.embeds.tiktok",
    "checker.extract.embeds.twitter",
    "checker.extract.embeds.youtube",
)
"""Modules whose patterns the bench's uniform 2,000 URLs (HTML label pages and Markdown posts
citing news pages) never use: ~70 patterns, ~30 ms of compiling before the first request
(issue 19).  A pattern every run uses stays compiled at import: before the fork, once for
every process."""


def test_importing_the_command_line_compiles_no_pattern_a_link_check_leaves_unused() -> None:
    printed = _python(_COMPILED_AT_IMPORT)
    assert sorted(set(printed.split()) & set(UNUSED_BY_A_LINK_CHECK)) == []


_TEXT_ONLY = """
import checker.cli
from checker.extract import lines
url = lines._URL
print(type(url).__name__, url.is_compiled, url.pattern in lines._URL_OR_NEAR.pattern)
"""


def test_a_pattern_read_only_as_text_of_a_larger_one_is_never_compiled() -> None:
    """``extract.lines._URL`` is a part of ``_URL_OR_NEAR`` and nothing else: compiled at import
    it was ~3.6 ms of every run's start for nothing (issue 19, session 27)."""
    assert _python(_TEXT_ONLY).split() == ["LazyPattern", "False", "True"]


_CJK_PATTERNS_READ = """
import checker.cli
from checker.extract import lines
patterns = (lines._CJK_SEGMENT, lines._SEGMENT_FIRST, lines._VALUE_FIRST)
def compiled():
    return " ".join(str(getattr(p, "is_compiled", True)) for p in patterns)
print(compiled())
print(lines.bare_urls(
    "see https://example.com/a/ and https://example.com/?q= then https://example.com/b/. "
    "政府の発表 https://news.example.jp/2025/ によると、https://example.jp/?id=7。"
))
print(compiled())
print(lines.bare_urls("https://ja.wikipedia.org/wiki/東京を参照。"))
print(compiled())
"""


def test_the_cjk_segment_patterns_compile_only_where_a_url_runs_on_into_cjk() -> None:
    """``extract.lines``' three CJK segment patterns (~40,000 letters of ranges each: 20 ms of
    every start when compiled at import) stay text while no URL runs on into a CJK letter,
    Japanese prose around URLs included, and read such a URL whole once one does."""
    printed = _python(_CJK_PATTERNS_READ).splitlines()
    assert printed[0] == "False False False"  # after the import
    assert printed[1] == repr(
        (
            "https://example.com/a/",
            "https://example.com/?q=",
            "https://example.com/b/",
            "https://news.example.jp/2025/",
            "https://example.jp/?id=7",
        )
    )
    assert printed[2] == "False False False"  # URLs in English and Japanese prose
    assert printed[3] == repr(("https://ja.wikipedia.org/wiki/東京",))
    assert printed[4] == "True True False"  # a path segment in kanji: read on


_MAKERS = frozenset({"lazy", "LazyPattern"})
"""What makes a lazy pattern (:mod:`checker.lazyre`)."""

_BUILDERS = {"verify/metadata.py": frozenset({"_note_pattern"})}
"""The functions allowed to make a lazy pattern, by module: builders of its constants, each
named only at its module's top level (where it is called with constant arguments)."""


def _makers(tree: ast.Module) -> set[str]:
    """The names ``tree`` gives what makes a lazy pattern: ``lazy``, ``LazyPattern``, and their
    aliases (``from checker.lazyre import lazy as L``, ``L = lazy``, ``L = lazyre.lazy``)."""
    names = set(_MAKERS)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update(
                alias.asname
                for alias in node.names
                if alias.asname and alias.name.rsplit(".", 1)[-1] in _MAKERS
            )
    grown = True
    while grown:
        grown = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _names_one(node.value, names):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id not in names:
                        names.add(target.id)
                        grown = True
    return names


def _names_one(node: ast.AST, names: set[str] | frozenset[str]) -> bool:
    """Whether ``node`` is a name of ``names`` or an attribute of one of :data:`_MAKERS`
    (``lazyre.lazy``), read (a call of it, or the function passed on: ``map(lazy, texts)``)."""
    if isinstance(node, ast.Name):
        return node.id in names and isinstance(node.ctx, ast.Load)
    return isinstance(node, ast.Attribute) and node.attr in _MAKERS


def _lazies_below_top_level(tree: ast.Module, builders: frozenset[str] = frozenset()) -> list[int]:
    """The lines where ``tree`` names what makes a lazy pattern inside a function, a class or
    a lambda (annotations aside: never run), but in one of ``builders``; and where it names one
    of ``builders`` below its top level (a builder called, or passed to ``map``, from a
    function could be given a run's input)."""
    annotations: set[int] = set()
    for node in ast.walk(tree):
        written = [getattr(node, "returns", None), getattr(node, "annotation", None)]
        for annotation in written:
            if annotation is not None:
                annotations.update(id(each) for each in ast.walk(annotation))
    outermost: dict[int, ast.AST] = {}  # a node's id -> the outermost scope it is in
    for scope in ast.walk(tree):  # breadth first: an outer scope comes before its inner ones
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            for node in ast.walk(scope):
                if node is not scope:
                    outermost.setdefault(id(node), scope)
    makers = _makers(tree)
    lines = set()
    for node in ast.walk(tree):
        scope = outermost.get(id(node))
        if scope is None or id(node) in annotations:
            continue
        made = _names_one(node, makers) and getattr(scope, "name", None) not in builders
        if made or (isinstance(node, ast.Name) and _names_one(node, builders)):
            lines.add(node.lineno)
    return sorted(lines)


def test_every_lazy_pattern_is_a_constant_of_its_module() -> None:
    """A lazy pattern's program is kept beside the bytecode (checker.codecache.keeping): one
    made in a function could be made from a run's input, a user's data written there.  Every
    ``lazy(...)`` of citecheck is written at its module's top level, or in a builder of
    :data:`_BUILDERS` named only there.  The check saw no alias (``L = lazy``), no attribute
    (``lazyre.lazy(y)``) and no builder passed on (``map(f, inputs)``): it does now."""
    made_inside = {
        f"{relative}:{line}"
        for path in ROOT.rglob("*.py")
        if path.name != "lazyre.py"
        for relative in [path.relative_to(ROOT).as_posix()]
        for line in _lazies_below_top_level(
            ast.parse(path.read_text(encoding="utf-8")), _BUILDERS.get(relative, frozenset())
        )
    }
    assert made_inside == set()
    cached = "from functools import lru_cache\n@lru_cache\ndef f(x):\n    return lazy(x)\n"
    for text, builders, lines in (
        ("def f(x):\n    return lazy(x)\n\ndef g(y):\n    return f(y)\n", set(), [2]),
        ("def f(x):\n    return lazy(x)\n\nA = f('a')\n", set(), [2]),
        ("def f(x):\n    return lazy(x)\n\nA = f('a')\n", {"f"}, []),
        ("def f(x):\n    return lazy(x)\n\ndef g(y):\n    return f(y)\n", {"f"}, [5]),
        ("class C:\n    def m(self, x):\n        return lazy(x)\n", set(), [3]),
        (cached + "\ndef g(xs):\n    return list(map(f, xs))\n", set(), [4]),
        (cached + "\ndef g(xs):\n    return list(map(f, xs))\n", {"f"}, [7]),
        ("from checker import lazyre\ndef f(y):\n    return lazyre.lazy(y)\n", set(), [3]),
        ("L = lazy\ndef f(y):\n    return L(y)\n", set(), [3]),
        ("from checker.lazyre import lazy as L\nf = lambda y: L(y)\n", set(), [2]),
        ("def f(xs):\n    return list(map(lazy, xs))\n", set(), [2]),
        ("def f(p: LazyPattern[str]) -> LazyPattern[str]:\n    return p\n", set(), []),
    ):
        assert _lazies_below_top_level(ast.parse(text), frozenset(builders)) == lines, text


_LAZY_TEXTS = """
import gc, importlib, json, pkgutil
import checker
from checker.lazyre import LazyPattern
for info in pkgutil.walk_packages(checker.__path__, "checker."):
    if ".sampleweb" in info.name or info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
texts = [repr(each.pattern) for each in gc.get_objects() if isinstance(each, LazyPattern)]
print(json.dumps(sorted(texts)))
"""
"""Every lazy pattern's text: found by the collector, those in a module's tuples, lists and
dicts too (a module's own names held only ~9 in 10 of them)."""


def test_every_lazy_patterns_text_is_the_same_in_every_process() -> None:
    """Its program is kept in the code cache by its text: a text written from a set of strings
    (another order each process, ``PYTHONHASHSEED``) would add a program to the file each run."""
    seen = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _LAZY_TEXTS],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT.parent), "PYTHONHASHSEED": seed},
            timeout=120,
        )
        seen.append(json.loads(done.stdout))
    assert len(seen[0]) > 200 and seen[0] == seen[1]
    from checker.verify.soft404 import _JS_REDIRECT  # noqa: PLC0415 (a tuple of lazies)

    assert {repr(each.pattern) for each in _JS_REDIRECT} <= set(seen[0])
