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
from typing import TYPE_CHECKING, Any

from checker.folder_links import FolderLinks

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pathspec import GitIgnoreSpec
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

__all__ = [
    "DEPENDENCY_FOLDERS",
    "IGNORE_FILES",
    "MAX_IGNORE_BYTES",
    "MAX_PATTERN_CHARS",
    "MAX_STAR_RUNS",
    "SAVED_PAGE_FOLDERS",
    "TOOL_FOLDERS",
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

TOOL_FOLDERS = frozenset(
    {".git", ".hg", ".svn", ".bzr", ".github", ".gitlab", ".circleci", ".devcontainer",
     ".husky", ".changeset", ".vscode", ".idea", ".obsidian", ".trash", ".logseq", ".quarto",
     ".jekyll-cache", ".sass-cache", ".cache", ".venv", ".tox", ".nox", ".mypy_cache",
     ".pytest_cache", ".ruff_cache", ".netlify", ".vercel", ".next", ".nuxt", ".docusaurus",
     ".yarn", ".pnpm-store", ".direnv", ".well-known"}
)  # fmt: skip
"""The hidden folders that are a tool's own (version control, CI, editors, Obsidian's settings
and trash, Logseq's, caches, package managers', a site's RFC 8615 ``.well-known``), never a
blog's posts: not read and not said.  Any other hidden entry is not read either, as Jekyll,
Hugo and lychee leave a ``.name`` out, but said (:attr:`Walk.hidden`) when it may be a post."""

SAVED_PAGE_FOLDERS = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos", "_bestanden",
                      "_file", "_pliki", "_soubory", "_filer", "_файлы")  # fmt: skip
"""How a browser names the folder it writes beside a page saved "complete" (``Post.html`` and
``Post_files/``: Chrome, Edge and Internet Explorer everywhere, Firefox in English; Firefox's
translations: German, French, Spanish, Portuguese, Dutch, Italian, Polish, Czech, the
Scandinavian languages', Russian).  It holds the page's images, scripts, styles and frames: the
frames' HTML (a share button, an ad, a tag manager) is no post, and read as posts its links
were false alarms (probe 31).  Kept out with the dependency folders, only beside its page."""
_SAVED_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

MAX_IGNORE_BYTES = 1024 * 1024
MAX_PATTERN_CHARS = 1024
MAX_STAR_RUNS = 3
"""Three runs of ``*`` match a 255-character name in ~7 ms at worst; eight took seconds."""


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class Walk:
    """What a folder walk found: ``entries`` to sort into posts and other files (no folder
    among them), and ``ignored``, the files the ignore rules kept out (hidden ones are not
    counted: they are never read, as before)."""

    entries: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    unlisted: list[tuple[Path, str]] = field(default_factory=list)
    """Each folder that could not be listed (no permission, gone since) and why: its posts
    were lost without a word."""
    hidden: list[Path] = field(default_factory=list)
    """Each hidden entry (a name starting with ``.``) not read, but for a tool's own folder
    (:data:`TOOL_FOLDERS`): ``.draft.md``, ``.notes/`` were left out with no word."""
    outside: list[Path] = field(default_factory=list)
    """Each link to a folder out of the walk's bounds (``within``), not walked."""


def usable_patterns(text: str) -> list[str]:
    """The lines of an ignore file that are safe to match: short, with few ``*`` runs."""
    return [line for line in text.splitlines() if _safe(line)]


def _safe(line: str) -> bool:
    if len(line) > MAX_PATTERN_CHARS:
        return False
    runs = sum(1 for i, char in enumerate(line) if char == "*" and (i == 0 or line[i - 1] != "*"))
    return runs <= MAX_STAR_RUNS


def _read_rules(folder: Path, names: tuple[str, ...] = IGNORE_FILES) -> GitIgnoreSpec | None:
    lines: list[str] = []
    for name in names:
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


# A rule set, the folder its patterns are relative to, and where the walk's root sits under
# that folder ("" for the root's own files and those below it; "content/" for a file above).
_Rules = tuple[tuple[Path, str, "GitIgnoreSpec | _Dependencies"], ...]
_GIT_EXCLUDE = "exclude"  # in .git/info/


def _rules_above(root: Path) -> _Rules:
    """The ignore rules git applies to ``root`` from above it in its repository, weakest first:
    ``.git/info/exclude``, then each ``.gitignore``/``.ignore`` from the repository's top down to
    the root's parent.  None when the root is no repository's, or those rules exclude the root
    itself (a folder named as an input is read, as a file named is).

    Only the walk's root and below were read, so ``citecheck content/`` in a repository whose
    top ``.gitignore`` lists ``public/`` or ``*.draft.md`` read what git leaves out: the false
    alarms the ignore files exist to prevent."""
    absolute = Path(os.path.abspath(root))
    top = next((f for f in (absolute, *absolute.parents) if (f / ".git").exists()), None)
    if top is None:
        return ()
    rules: list[tuple[Path, str, GitIgnoreSpec]] = []
    git = _git_folder(top / ".git")
    exclude = _read_rules(git / "info", (_GIT_EXCLUDE,)) if git is not None else None
    if exclude is not None:
        rules.append((root, _under(absolute, top), exclude))
    # the folders from the top down to the root's parent (the root's own files are the walk's)
    for folder in reversed(absolute.relative_to(top).parents):  # "." … the root's parent
        own = _read_rules(top / folder)
        if own is not None:
            rules.append((root, _under(absolute, top / folder), own))
    if absolute != top and _ignored(root, True, tuple(rules), below=False):
        return ()
    return tuple(rules)


_GITDIR_LINE = "gitdir:"
_MAX_GIT_LINK_BYTES = 4096  # a ``.git`` file holds one line naming a folder


def _git_folder(dot_git: Path) -> Path | None:
    """The folder holding ``info/exclude`` for the repository whose top holds ``dot_git``.

    In a linked worktree (``git worktree add``) or a submodule, ``.git`` is a file, one line
    ``gitdir: <folder>``; a worktree's folder names the shared one in its ``commondir`` file,
    and git reads ``info/exclude`` there.  Only a ``.git`` folder was read, so a user's
    excludes did not apply in a worktree: the files they keep out were checked.  A link that
    cannot be read or names no folder gives no rules (the files are read, never hidden)."""
    if dot_git.is_dir():
        return dot_git
    linked = _linked_folder(dot_git, dot_git.parent, prefix=_GITDIR_LINE)
    if linked is None:
        return None
    common = _linked_folder(linked / "commondir", linked)
    return common or linked


def _linked_folder(file: Path, base: Path, *, prefix: str = "") -> Path | None:
    """The folder the first line of ``file`` names after ``prefix`` (relative to ``base``)."""
    try:
        with file.open("rb") as link:
            line = link.read(_MAX_GIT_LINK_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None
    first = line.splitlines()[0] if line else ""
    if not first.startswith(prefix):
        return None
    named = first[len(prefix) :].strip()
    if not named or "\0" in named:
        return None
    folder = base / named
    return folder if folder.is_dir() else None


def _under(path: Path, folder: Path) -> str:
    """Where ``path`` sits under ``folder``, as a prefix of the paths below it ("" for itself)."""
    inside = path.relative_to(folder).as_posix()
    return "" if inside == "." else inside + "/"


_BACKEND = "simple"
"""pathspec's own matcher (Python's ``re``, one pattern at a time): pathspec switches to
``google-re2`` whenever it is importable (a URL pattern dependency), and then a rule re2
cannot read (``[[:alpha:]/``) raises while the set is built, ending the walk; the same rules
must match the same paths whatever else is installed."""


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
                patterns += GitIgnoreSpec.from_lines([line], backend=_BACKEND).patterns
            except (ValueError, re.error):
                continue
    return GitIgnoreSpec(patterns, backend=_BACKEND)  # the patterns built above, not compiled again


@cache
def _dependencies() -> GitIgnoreSpec:
    return _spec(list(DEPENDENCY_FOLDERS))


class _Undecided:
    """A rule set's answer for a path none of its patterns matches (pathspec's ``include``)."""

    include = None


_UNDECIDED = _Undecided()


class _Dependencies:
    """:data:`DEPENDENCY_FOLDERS` as a rule set that imports pathspec (~25 ms, before a run's
    first request: issue 19) only for a path that names one of their folders: each of their
    patterns matches only a path with its last folder's name as one of its parts."""

    _NAMES = frozenset(folder.rstrip("/").rsplit("/", 1)[-1] for folder in DEPENDENCY_FOLDERS)

    def check_file(self, relative: str) -> _Undecided | Any:
        if self._NAMES.isdisjoint(relative.split("/")):
            return _UNDECIDED
        return _dependencies().check_file(relative)


def walk(root: Path, *, respect_ignore: bool = True, within: Sequence[Path] | None = None) -> Walk:
    """Every entry under ``root`` that is not hidden and, with ``respect_ignore``, not ignored.

    A hidden one is listed in :attr:`Walk.hidden` (a tool's folder, :data:`TOOL_FOLDERS`, is
    not), or with the ignored files when the ignore rules exclude it.  Iterative (a stack, not
    recursion: a folder's depth is the input's).  A folder linked in from outside ``root`` is
    walked as a folder of it, a link to ``root``, into it or above it is an entry (said, not
    followed), each folder entered once (:class:`~checker.folder_links.FolderLinks`, the
    vault's rule: a folder input left the posts behind such a link unread, session 31); one
    leading out of ``within`` (the folders being checked) is in :attr:`Walk.outside`.  An
    ignored folder is not descended for posts, only counted: git cannot bring back a file whose
    folder is excluded.
    """
    found = Walk()
    # Each folder to visit with the rules that apply in it, deepest last.
    start: _Rules = ()
    if respect_ignore:
        start = ((root, "", _Dependencies()), *_rules_above(root))
    stack: list[tuple[Path, _Rules]] = [(root, start)]
    links = FolderLinks(root, within)
    while stack:
        folder, rules = stack.pop()
        if respect_ignore:
            own = _read_rules(folder)
            if own is not None:
                rules = (*rules, (folder, "", own))
        try:
            if not links.enter(folder):
                continue  # a second link to a folder walked already, or a loop
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.unlisted.append((folder, exc.strerror or type(exc).__name__))
            continue
        files: frozenset[str] | None = None  # the folder's file names, listed once (mend31b)
        for entry in entries:
            hidden = entry.name.startswith(".")
            if hidden and entry.name in TOOL_FOLDERS:
                continue
            path = Path(entry.path)
            is_folder = entry.is_dir(follow_symlinks=False)
            is_folder = is_folder or (not hidden and _linked(entry, links))
            if respect_ignore and is_folder and files is None:
                files = _saved_page_names(entries)
            if (rules and _ignored(path, is_folder, rules)) or (
                respect_ignore
                and is_folder
                and _saved_page_folder(entry.name, files or frozenset())
            ):
                # a hidden folder (.pnpm-store, .yarn/cache) is one entry, never walked: a walk
                # reads nothing hidden, and its thousands of files were listed for the count
                if is_folder and not hidden:
                    found.ignored += _files_under(path)
                else:
                    found.ignored.append(path)
            elif hidden:
                found.hidden.append(path)
            elif is_folder:
                stack.append((path, rules))
            else:
                found.entries.append(path)
    if links.outside:  # said as links out of the tree, not as entries of no post's kind
        outside = {Path(link) for link in links.outside}
        found.outside = [p for p in found.entries if p in outside]
        found.entries = [p for p in found.entries if p not in outside]
    return found


def _linked(entry: os.DirEntry[str], links: FolderLinks) -> bool:
    """Whether ``entry`` is a link to a folder the walk goes into (a link that loops or leads
    nowhere is none: it is an entry, said as what it is)."""
    try:
        return links.follows(entry)
    except OSError:
        return False


def _saved_page_names(entries: list[os.DirEntry[str]]) -> frozenset[str]:
    """The names of the ``entries`` that are files a saved page may be (by their suffix): a
    link that loops or leads nowhere is none (``is_file`` raises on a loop)."""
    names = set()
    for entry in entries:
        if entry.name.endswith(_SAVED_PAGE_SUFFIXES):
            try:
                if entry.is_file():
                    names.add(entry.name)
            except OSError:
                continue
    return frozenset(names)


def _saved_page_folder(name: str, files: frozenset[str]) -> bool:
    """Whether the folder ``name`` is the one a browser wrote beside a page it saved, among
    the names of the folder's ``files`` (listed once a folder: each ``*_files`` folder scanned
    every entry, 10,000 of them took 73 s; mend31b): its name a page's stem and a
    :data:`SAVED_PAGE_FOLDERS` ending, that page a file beside it."""
    for ending in SAVED_PAGE_FOLDERS:
        if name.endswith(ending) and len(name) > len(ending):
            stem = name[: -len(ending)]
            return any(stem + suffix in files for suffix in _SAVED_PAGE_SUFFIXES)
    return False


def _ignored(path: Path, is_folder: bool, rules: _Rules, *, below: bool = True) -> bool:
    """The deepest ignore file with a pattern that matches decides (git's precedence).

    ``below`` is False only for the walk's root itself, matched as its own name under the
    folders above it."""
    for base, prefix, spec in reversed(rules):
        inside = path.relative_to(base).as_posix() if below else ""
        relative = (prefix + inside if inside else prefix.rstrip("/")) + ("/" if is_folder else "")
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
