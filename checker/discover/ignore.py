"""Which files of a folder input are the repository's own: ``.gitignore``, ``.ignore`` and
dependency folders, as lychee (and ripgrep, whose walker it uses) read them.

Run in CI on a blog's repository, a folder walk read ``node_modules/``, Bundler's
``vendor/bundle/`` (thousands of gem READMEs), and a generator's output (``public/``,
``_site/``, listed in ``.gitignore``), and failed the build on links that are no post's: false
alarms at scale.  So a walk skips what the ignore files under its root exclude, with git's
semantics (negation ``!``, ``dir/``, ``**``, anchored ``/x``; a deeper file wins over a
shallower one, ``.ignore`` over ``.gitignore`` in the same folder), and the dependency folders
Jekyll itself leaves out by default (``node_modules``, ``vendor/bundle``, ``vendor/cache``,
``vendor/gems``, ``vendor/ruby``).  A bare ``vendor/`` is not skipped: a site may have a
``vendor`` section of posts; the Bundler folders inside it hold gems, never posts.

The patterns are matched by ``pathspec`` (gitwildmatch, translated to Python regexes).  A
regex built from input can backtrack: ``*a*a*a*a*a*a*a*a*b`` took seconds on a 40-character
name.  So an ignore file is read up to :data:`MAX_IGNORE_BYTES`, and a pattern longer than
:data:`MAX_PATTERN_CHARS` or with more than :data:`MAX_STAR_RUNS` runs of ``*`` is not used.
Each limit fails open: a file such a pattern would have left out is read, never hidden.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

__all__ = [
    "DEPENDENCY_FOLDERS",
    "IGNORE_FILES",
    "MAX_IGNORE_BYTES",
    "MAX_PATTERN_CHARS",
    "MAX_STAR_RUNS",
    "Walk",
    "usable_patterns",
    "walk",
]

IGNORE_FILES = (".gitignore", ".ignore")
"""Read in this order in each folder, so that ``.ignore`` wins over ``.gitignore`` (ripgrep)."""

DEPENDENCY_FOLDERS = (
    "node_modules/",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
"""Jekyll's own default ``exclude`` folders, as gitignore patterns under the walk's root (the
lowest rules: a repository's ``!node_modules/`` brings them back)."""

MAX_IGNORE_BYTES = 1024 * 1024
MAX_PATTERN_CHARS = 1024
MAX_STAR_RUNS = 3
"""Three runs of ``*`` match a 255-character name in ~7 ms at worst; eight took seconds."""


@dataclass(slots=True)
class Walk:
    """What a folder walk found: ``entries`` to sort into posts and other files (no folder
    among them), and ``ignored``, the files the ignore rules kept out (hidden ones are not
    counted: they are never read, as before)."""

    entries: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)


def usable_patterns(text: str) -> list[str]:
    """The lines of an ignore file that are safe to match: short, with few ``*`` runs."""
    return [line for line in text.splitlines() if _safe(line)]


def _safe(line: str) -> bool:
    if len(line) > MAX_PATTERN_CHARS:
        return False
    runs = sum(1 for i, char in enumerate(line) if char == "*" and (i == 0 or line[i - 1] != "*"))
    return runs <= MAX_STAR_RUNS


def _read_rules(folder: Path) -> GitIgnoreSpec | None:
    lines: list[str] = []
    for name in IGNORE_FILES:
        path = folder / name
        try:
            if not path.is_file():
                continue
            with path.open("rb") as file:
                data = file.read(MAX_IGNORE_BYTES)
        except OSError:
            continue  # an unreadable ignore file excludes nothing: its files are read
        lines += usable_patterns(data.decode("utf-8", errors="replace").replace("\0", ""))
    return _spec(lines) if lines else None


def _spec(lines: list[str]) -> GitIgnoreSpec:
    """The rules of ``lines``, each pattern alone: one git rejects (``!``, a trailing ``\\``)
    or whose class is no regex (``[z-a]``) is not used, instead of ending the run with a
    traceback; ``re``'s warnings about such classes are not printed."""
    # Imported here: a run given URLs or files never walks a folder (start-up, issue 19).
    from pathspec import GitIgnoreSpec  # noqa: PLC0415

    patterns: list[GitIgnoreSpecPattern] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            try:
                patterns += GitIgnoreSpec.from_lines([line]).patterns
            except (ValueError, re.error):
                continue
    return GitIgnoreSpec(patterns)  # the patterns built above, not compiled a second time


@cache
def _dependencies() -> GitIgnoreSpec:
    return _spec(list(DEPENDENCY_FOLDERS))


def walk(root: Path, *, respect_ignore: bool = True) -> Walk:
    """Every entry under ``root`` that is not hidden and, with ``respect_ignore``, not ignored.

    Iterative (a stack, not recursion: a folder's depth is the input's), folders not followed
    through symbolic links (as ``Path.rglob`` did).  An ignored folder is not descended for
    posts, only counted: git cannot bring back a file whose folder is excluded.
    """
    found = Walk()
    # Each folder to visit with the rules that apply in it, deepest last: (its folder, spec).
    stack: list[tuple[Path, tuple[tuple[Path, GitIgnoreSpec], ...]]] = [
        (root, ((root, _dependencies()),) if respect_ignore else ())
    ]
    while stack:
        folder, rules = stack.pop()
        if respect_ignore:
            own = _read_rules(folder)
            if own is not None:
                rules = (*rules, (folder, own))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            is_folder = entry.is_dir(follow_symlinks=False)
            if rules and _ignored(path, is_folder, rules):
                if is_folder:
                    found.ignored += _files_under(path)
                else:
                    found.ignored.append(path)
            elif is_folder:
                stack.append((path, rules))
            else:
                found.entries.append(path)
    return found


def _ignored(path: Path, is_folder: bool, rules: tuple[tuple[Path, GitIgnoreSpec], ...]) -> bool:
    """The deepest ignore file with a pattern that matches decides (git's precedence)."""
    for base, spec in reversed(rules):
        relative = path.relative_to(base).as_posix() + ("/" if is_folder else "")
        include = spec.check_file(relative).include
        if include is not None:
            return include
    return False


def _files_under(folder: Path) -> list[Path]:
    """The files an ignored folder holds, for the count: hidden ones are not counted (a walk
    never reads them), folders not followed through symbolic links."""
    files: list[Path] = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += (Path(parent, name) for name in sorted(names) if not name.startswith("."))
    return files
