"""Regular expressions compiled on first use, not when their module is imported.

Compiling is most of what importing citecheck costs (issue 19: ~300 patterns, a third of the
start-up CPU), and a run of plain links uses few of them: a module it needs for one function
still compiled every pattern of every other function at import.  A :class:`LazyPattern` is
written where the ``re.compile`` was and used the same way (``_TITLE.search(text)``); the
pattern is compiled the first time one of its methods is called, then kept.

A pattern written here is a constant of the code, never made from input (a test holds every
``lazy`` at a module's top level): its program is kept between runs as the start's patterns are
(:func:`checker.codecache.keeping`), not compiled again by every run and every forked worker.

A leaf: it imports only the leaf :mod:`checker.codecache`, so every stage may use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic

from checker.codecache import keeping

__all__ = ["LazyPattern", "lazy"]


class LazyPattern(Generic[AnyStr]):
    """``re.compile(source, flags)``, done on the first call of a method.

    ``source`` may be a function returning the pattern's text when building the text is itself
    costly (a character class computed from the Unicode tables).  Two threads compiling at once
    both get an equal pattern: compiling is pure, and the last one kept is as good as the first.
    """

    __slots__ = ("_build", "_compiled", "_flags", "_text")

    # Each method reads the slot before the property: on a hot path (a judged page calls some
    # patterns hundreds of times) the property's call was a third of the regex's cost.

    def __init__(self, source: AnyStr | Callable[[], AnyStr], flags: int = 0) -> None:
        self._text: AnyStr | None = None
        self._build: Callable[[], AnyStr] | None = None
        if isinstance(source, (str, bytes)):
            self._text = source
        else:
            self._build = source
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now if this is its first use)."""
        compiled = self._compiled
        if compiled is None:
            with keeping():
                compiled = self._compiled = re.compile(self.pattern, self._flags)
        return compiled

    @property
    def is_compiled(self) -> bool:
        """Whether the pattern has been used yet (tests: what a run never needs stays text)."""
        return self._compiled is not None

    @property
    def pattern(self) -> AnyStr:
        """The pattern's text, as ``re.Pattern.pattern``, without compiling it: a module composes
        a larger pattern from it (``extract.lines`` from ``urls.NEAR_URL_TEXT``)."""
        if self._text is None:
            assert self._build is not None  # one of the two is set by __init__
            self._text = self._build()
        return self._text

    def search(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.search``."""
        return (self._compiled or self.compiled).search(string, pos, endpos)

    def match(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.match``."""
        return (self._compiled or self.compiled).match(string, pos, endpos)

    def fullmatch(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.fullmatch``."""
        return (self._compiled or self.compiled).fullmatch(string, pos, endpos)

    def finditer(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> Iterator[re.Match[AnyStr]]:
        """``re.Pattern.finditer``."""
        return (self._compiled or self.compiled).finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1) -> list[Any]:
        """``re.Pattern.findall``."""
        return (self._compiled or self.compiled).findall(string, pos, endpos)

    def sub(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> AnyStr:
        """``re.Pattern.sub``."""
        return (self._compiled or self.compiled).sub(repl, string, count)

    def subn(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        """``re.Pattern.subn``."""
        return (self._compiled or self.compiled).subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """``re.Pattern.split``."""
        return (self._compiled or self.compiled).split(string, maxsplit)


def lazy(source: AnyStr | Callable[[], AnyStr], flags: int = 0) -> LazyPattern[AnyStr]:
    """A pattern compiled on first use: write ``lazy(r"…", re.I)`` where ``re.compile`` was."""
    return LazyPattern(source, flags)
