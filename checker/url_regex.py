"""The one compile of a URL pattern (``include``/``exclude``, ``.citecheckignore``,
``.lycheeignore``): lychee's patterns are Rust regexes, compiled here by Python's ``re``.

Most of the two syntaxes agree; where they do not, a pattern must never match otherwise than
lychee would without a word (probe 33's reviewer: ``[[:digit:]]`` was a set of the characters
``[:digt`` followed by ``]``, so ``^https://example\\.com/[[:digit:]]+$`` skipped nothing and
warned on stderr).  So what differs is translated where Python can say it exactly (a POSIX
class ``[[:digit:]]``, the end of text ``\\z``, ``\\x{…}``, ``(?<name>…)``), and refused with a
one-line :class:`ConfigError` naming where the pattern was written and the construct where it
cannot (``\\p{L}``, flags in mid-pattern, a class's ``&&``/``--``/``~~``, a nested class);
a ``FutureWarning`` of ``re`` (a construct read otherwise in a future Python) is refused alike.

Rust's engine runs in time linear in the URL; Python's backtracks, so a pattern whose repeated
part can match one text in two ways (``(a+)+$``, ``(a|a)+$``) takes time exponential in a cited
URL's length (24 characters: 1.4 s).  Such a pattern is refused, and only such a pattern
(:mod:`checker.backtracking`): ``([a-z]+\\.)+x``, whose repeat stops at each dot, was refused
by the scan for a repeat inside a repeat (mend 33l's leftover), and ``(a|a)+$`` passed it.
A leaf: ``re``, ``warnings``, :mod:`checker.backtracking` and :mod:`checker.errors` only.
"""

from __future__ import annotations

import re
import warnings

from checker.backtracking import exponential_backtracking
from checker.errors import ConfigError

__all__ = ["compile_url_regex"]

_POSIX_CLASSES = {
    "alnum": "0-9A-Za-z",
    "alpha": "A-Za-z",
    "ascii": "\\x00-\\x7F",
    "blank": "\\t ",
    "cntrl": "\\x00-\\x1F\\x7F",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": "\\t\\n\\v\\f\\r ",
    "upper": "A-Z",
    "word": "0-9A-Za-z_",
    "xdigit": "0-9A-Fa-f",
}
"""Rust's ASCII classes (regex crate's syntax docs), as a Python class's members."""
_POSIX_CLASS = re.compile(r"\[:(\^?)([a-z]+):\]")
_HEX_BRACED = re.compile(r"\\x\{([0-9A-Fa-f]{1,8})\}")
_FLAGS = re.compile(r"\(\?([A-Za-z-]*)(\)|:)")
_SET_OPERATIONS = ("&&", "--", "~~")


class _RefusedError(Exception):
    """A construct the two engines read otherwise, named for the error."""


MAX_PATTERN_CHARS = 4096
"""The longest pattern read: the check of its backtracking grows with the pattern's size
squared (a 20 KB pattern took 25 s and 263 MB: review of left34b); lychee's patterns are a
line of a URL's length."""


def compile_url_regex(text: str, where: str) -> re.Pattern[str]:
    """``text`` (a lychee pattern) compiled to match as lychee's would, or a one-line
    :class:`ConfigError` starting with ``where`` (``exclude pattern``, ``.lycheeignore:3:``)
    and saying why."""
    if len(text) > MAX_PATTERN_CHARS:
        raise ConfigError(
            f"{where} {text[:60]!r}…: longer than {MAX_PATTERN_CHARS} characters (split it)"
        )
    try:
        translated = _translated(text)
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            compiled = re.compile(translated)
        slow = exponential_backtracking(translated)
        if slow is not None:
            raise _RefusedError(f"{slow}: Python's re takes time exponential in the URL's length")
        return compiled
    except _RefusedError as exc:
        raise ConfigError(
            f"{where} {text!r}: {exc} (a lychee pattern is a Rust regex; rewrite it)"
        ) from None
    except FutureWarning as exc:
        raise ConfigError(f"{where} {text!r}: read otherwise by lychee ({exc})") from None
    except re.error as exc:
        raise ConfigError(f"{where} {text!r} is not a valid regular expression: {exc}") from None
    except RecursionError:  # re's own parser recurses on nested groups (~500 deep)
        raise ConfigError(f"{where}: its groups are nested too deeply") from None


def _translated(text: str) -> str:
    """``text`` in Python's syntax, scanned once; raises :class:`_RefusedError`."""
    out: list[str] = []
    at = 0
    while at < len(text):
        char = text[at]
        if char == "\\":
            at = _escape(text, at, out)
        elif char == "[":
            at = _class(text, at, out)
        elif char == "(":
            at = _open_group(text, at, out)
        else:
            out.append(char)
            at += 1
    return "".join(out)


def _escape(text: str, at: int, out: list[str]) -> int:
    """Copy (or translate) the escape at ``at``; returns where the scan goes on."""
    letter = text[at + 1 : at + 2]
    if letter in ("p", "P"):
        raise _RefusedError(f"the Unicode class \\{letter} is not in Python's re")
    if letter == "z":
        out.append("\\Z")  # Rust's \z (end of text) is Python's \Z
        return at + 2
    if letter == "x" and (hexed := _HEX_BRACED.match(text, at)) is not None:
        out.append(f"\\U{int(hexed.group(1), 16):08X}")
        return hexed.end()
    out.append(text[at : at + 2])
    return at + 2


def _open_group(text: str, at: int, out: list[str]) -> int:
    """Copy (or translate) a group's opening; flags after the start are refused."""
    if text.startswith("(?<", at) and not text.startswith(("(?<=", "(?<!"), at):
        out.append("(?P<")  # Rust's named group (?<name>…) is Python's (?P<name>…)
        return at + 3
    flags = _FLAGS.match(text, at)
    if flags is not None and flags.group(2) == ")" and at > 0:
        raise _RefusedError(f"the flags {flags.group(0)} after the pattern's start")
    out.append("(")
    return at + 1


def _class(text: str, at: int, out: list[str]) -> int:
    """Copy a bracketed class from ``at``, its POSIX classes translated; returns its end."""
    out.append("[")
    at += 1
    if text.startswith("^", at):
        out.append("^")
        at += 1
    if text.startswith("]", at):  # a first ] is a member in both syntaxes
        out.append("\\]")
        at += 1
    while at < len(text) and text[at] != "]":
        if text[at] == "\\":
            at = _escape(text, at, out)
            continue
        if (posix := _POSIX_CLASS.match(text, at)) is not None:
            negated, name = posix.groups()
            if negated or name not in _POSIX_CLASSES:
                raise _RefusedError(f"the class {posix.group(0)} has no Python equivalent here")
            out.append(_POSIX_CLASSES[name])
            at = posix.end()
            continue
        if text[at] == "[":
            raise _RefusedError("a class nested in a class")
        if text.startswith(_SET_OPERATIONS, at):
            raise _RefusedError(f"the class operation {text[at : at + 2]}")
        out.append(text[at])
        at += 1
    if at < len(text):
        out.append("]")
    return at + 1
