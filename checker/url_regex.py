"""The one compile of a URL pattern (``include``/``exclude``, ``.citecheckignore``,
``.lycheeignore``): lychee's patterns are Rust regexes, compiled here by RE2 (``google-re2``).

Python's ``re`` backtracks: a group repeated around a repeat (``(a+)+$``) or around branches
that overlap (``^(a|a)*$``: 14 s on a 27-character URL) takes time exponential in a cited URL's
length, and ``.*\\.pdf$`` or ``(\\w+/)*private``, unanchored, time quadratic in it (2.7 s on a
10 KB URL).  The cited URLs are a post's, untrusted.  A refusal of nested repeats (mend 33l)
refused safe and common patterns (``([a-z0-9-]+\\.)*example\\.com``) with exit 2 and passed the
exponential ones.  RE2 runs in time linear in the URL, as Rust's engine does, and reads Rust's
syntax where Python's did not (``[[:digit:]]``, ``\\z``, ``\\x{E9}``, ``(?<name>…)``, ``\\p{L}``,
flags anywhere): nothing to translate or refuse for time (mend 34p).

Where RE2 would read a pattern otherwise than lychee and say nothing, it is refused with a
one-line :class:`ConfigError` naming where the pattern was written and the construct: a class
nested in a class and a class's ``&&``/``--``/``~~`` (RE2 reads ``[0-9[^5]]`` as a class then a
``]``).  Rust's ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are Unicode's, RE2's ASCII's: lychee matches a
URL as its ``Url`` writes it (percent-encoded, the host in punycode), ASCII, where the two agree.
What RE2 cannot read (a look-around, a back-reference: Rust cannot either) is "not a valid
regular expression".  A leaf: ``re2`` and :mod:`checker.errors` only.
"""

from __future__ import annotations

from typing import Protocol

import re2

from checker.errors import ConfigError

__all__ = ["UrlRegex", "compile_url_regex"]

_SET_OPERATIONS = ("&&", "--", "~~")


class UrlRegex(Protocol):
    """A compiled URL pattern: what its users call of it."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> object | None: ...


class _RefusedError(Exception):
    """A construct the two engines read otherwise, named for the error."""


def _options() -> re2.Options:
    """Leftmost-first as Rust's engine; no capture kept (a search is asked found or not); a
    parse error is the exception's only (RE2 logs it on stderr by default: a second line)."""
    options = re2.Options()
    options.log_errors = False
    options.never_capture = True
    return options


def compile_url_regex(text: str, where: str) -> UrlRegex:
    """``text`` (a lychee pattern) compiled to match as lychee's would, in time linear in the
    URL, or a one-line :class:`ConfigError` starting with ``where`` (``exclude pattern``,
    ``.lycheeignore:3:``) and saying why."""
    try:
        _scan_classes(text)
        return re2.compile(text, _options())  # type: ignore[no-any-return]
    except _RefusedError as exc:
        raise ConfigError(
            f"{where} {text!r}: {exc} (a lychee pattern is a Rust regex; rewrite it)"
        ) from None
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args else "unreadable"
        raise ConfigError(f"{where} {text!r} is not a valid regular expression: {reason}") from None


def _scan_classes(text: str) -> None:
    """Scan ``text`` once for what RE2 reads otherwise in a bracketed class; raises
    :class:`_RefusedError`."""
    at = 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
        elif text[at] == "[":
            at = _class(text, at)
        else:
            at += 1


def _class(text: str, at: int) -> int:
    """Scan a bracketed class from ``at`` (its POSIX classes, ``[:digit:]``, are RE2's too);
    returns its end."""
    at += 1
    if text.startswith("^", at):
        at += 1
    if text.startswith("]", at):  # a first ] is a member in both syntaxes
        at += 1
    while at < len(text) and text[at] != "]":
        if text[at] == "\\":
            at += 2
            continue
        if text.startswith("[:", at) and (close := text.find(":]", at + 2)) >= 0:
            at = close + 2
            continue
        if text[at] == "[":
            raise _RefusedError("a class nested in a class")
        if text.startswith(_SET_OPERATIONS, at):
            raise _RefusedError(f"the class operation {text[at : at + 2]}")
        at += 1
    return at + 1
