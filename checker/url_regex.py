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

Polynomial ones passed and held a run on one hostile URL (``.*/a/.*/b/.*``: 13 s on a
2,000-character URL; ``a.*`` eight times then ``x``: 7.5 s on 40), and refusing them refused
lychee's everyday patterns (``^https://github\\.com/.*/.*/pull/.*``: session 37).  So a pattern
of two or more unbounded repeats, and any pattern on a URL longer than :data:`_RE_URL_CHARS`,
is matched by RE2 (``google-re2``), linear in the URL as Rust's engine: RE2 reads lychee's syntax
as written (its family), the constructs where the two differ are refused above before it sees
them, and it is used only where its answer is ``re``'s (:meth:`UrlRegex.search`).  The rest stay
with ``re``: one RE2 search costs ~3.7 µs through its binding, ``re``'s ~0.3 µs (issue 19), and
one repeat backtracks at most quadratically in a URL of bounded length.
A leaf: ``re``, ``warnings``, the leaves :mod:`checker.backtracking`, :mod:`checker.errors` and
:mod:`checker.lazyre` only (and ``re2`` when installed and a pattern needs it).
"""

from __future__ import annotations

import re
import sys
import warnings
from array import array
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from checker.backtracking import exponential_backtracking
from checker.errors import ConfigError
from checker.lazyre import lazy

__all__ = ["UrlRegex", "compile_url_regex"]

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


_RE_URL_CHARS = 2048
"""URLs at most this long are searched by ``re`` with a pattern of one unbounded repeat (its
worst case quadratic: ~0.01 s at this length); a longer one (a ``data:`` URI, a hostile page's
100 KB link: ``.*\\.pdf$`` took 0.3 s at 10 KB) always by RE2."""
_UNICODE_CLASSES = lazy(r"\\[dDwWsSbB]")
"""The escapes Rust and ``re`` read by Unicode and RE2 by ASCII: where a pattern has one, a
URL not all printable ASCII is searched by the pattern with these escapes spelled out as ``re``
reads them (:func:`_spelled`; ``re``'s ``\\s`` holds ``\\x0b`` and ``\\x1c``-``\\x1f`` too), or by
``re`` where they cannot be (a ``\\b``: RE2 has no lookaround to say a Unicode word's edge)."""


class _Linear(Protocol):
    def search(self, text: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class UrlRegex:
    """A URL pattern compiled: ``pattern`` as written, ``python`` as ``re`` reads it (translated),
    ``linear`` as RE2 reads it, when it is to be used (module docstring)."""

    pattern: str
    python: re.Pattern[str]
    linear: _Linear | None
    always_linear: bool
    """Two or more unbounded repeats: time polynomial in the URL under ``re``."""
    ascii_only: bool
    """RE2 answers as ``re`` only on a URL of printable ASCII (:data:`_UNICODE_CLASSES`)."""

    def search(self, url: str) -> bool:
        """Whether the pattern is found anywhere in ``url``, in time linear in its length when
        ``re`` could take longer."""
        linear = self.linear
        if linear is not None and (self.always_linear or len(url) > _RE_URL_CHARS):
            if self.ascii_only and not (url.isascii() and url.isprintable()):
                linear = _spelled_linear(self.pattern)
            if linear is not None:
                try:
                    return linear.search(url) is not None
                except UnicodeEncodeError:  # a lone surrogate (a file name's byte): no UTF-8
                    if _SURROGATE_BLIND.fullmatch(self.pattern) is not None:
                        return linear.search(_LONE_SURROGATE.sub("\ufffd", url)) is not None
        return self.python.search(url) is not None


def compile_url_regex(text: str, where: str) -> UrlRegex:
    """``text`` (a lychee pattern) compiled to match as lychee's would, or a one-line
    :class:`ConfigError` starting with ``where`` (``exclude pattern``, ``.lycheeignore:3:``)
    and saying why."""
    if len(text) > MAX_PATTERN_CHARS:
        raise ConfigError(
            f"{where} {text[:60]!r}…: longer than {MAX_PATTERN_CHARS} characters (split it)"
        )
    try:
        repeats: list[int] = [0]
        translated = _translated(text, repeats)
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            compiled = re.compile(translated)
        slow = exponential_backtracking(translated)
        if slow is not None:
            raise _RefusedError(f"{slow}: Python's re takes time exponential in the URL's length")
        linear = _re2(text)
        if linear is None and repeats[0] and _re2_options() is not None:
            raise _RefusedError(
                f"RE2, the linear engine of Rust's family, does not read it ({_re2_refusal(text)}"
                "; lychee refuses a lookaround and a backreference too), and with an unbounded "
                "repeat Python's re takes time growing with a hostile URL's length squared"
            )
        return UrlRegex(
            text,
            compiled,
            linear,
            always_linear=repeats[0] >= 2,
            ascii_only=_UNICODE_CLASSES.search(text) is not None,
        )
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


def _re2(text: str) -> _Linear | None:
    """``text`` compiled by RE2, or None when RE2 is not installed or does not read it (a
    lookaround or a backreference, which Rust refuses too, and ``re`` reads: ``re`` keeps
    reading such a pattern with no unbounded repeat; one with a repeat is refused, since
    ``(?<!k)a.*z`` took 0.19 s on a 20 KB URL, minutes on a hostile page's megabyte).
    Quiet: RE2 logs a pattern it refuses to stderr unless told not to."""
    options = _re2_options()
    if options is None:
        return None
    import re2  # noqa: PLC0415  (only for a run given patterns: ~5 ms of import)

    try:
        return re2.compile(text, options)  # type: ignore[no-any-return]
    except re2.error:
        return None


def _re2_refusal(text: str) -> str:
    """What RE2 says of ``text``, which it does not read (``invalid perl operator: (?<!``)."""
    import re2  # noqa: PLC0415

    try:
        re2.compile(text, _re2_options())
    except re2.error as exc:
        said = exc.args[0] if exc.args else exc
        return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return "it compiled this time"  # (never: the caller saw it refused)


@cache
def _spelled_linear(text: str) -> _Linear | None:
    """``text`` compiled by RE2 with its Unicode escapes spelled out (:func:`_spelled`), or
    None where they cannot be; made on a pattern's first URL not all printable ASCII."""
    spelled = _spelled(text)
    return None if spelled is None else _re2(spelled)


_SURROGATE_BLIND = lazy(r"(?:[^\\\x80-\U0010ffff]|\\[^xuU\x80-\U0010ffff])*")
"""A pattern that cannot tell a lone surrogate from U+FFFD: ASCII, no code point escapes (its
classes name no code point past ``\\x7f``; ``.``, ``\\w`` and a negated class take both or
neither).  RE2 reads only UTF-8, which a surrogate has none of: such a pattern reads a URL with
U+FFFD in its place, linear as any other, rather than go back to ``re``."""
_LONE_SURROGATE = lazy("[\ud800-\udfff]")


def _spelled(text: str) -> str | None:
    """``text`` with ``\\d``, ``\\w``, ``\\s`` and their negations written as classes of the
    code points ``re`` matches them on (:func:`_members`): RE2 then answers as ``re`` on any URL.
    None where one cannot be written so: a ``\\b``/``\\B`` (a Unicode word's edge needs a
    lookaround), a negated escape inside a class (RE2 has no class difference), or ``\\w``
    inside a class of a case-insensitive pattern (RE2 folds the class's members, and U+0345
    folds to ``ι``: ``re`` tests the category, unfolded, as the ``(?-i:…)`` around the others)."""
    out: list[str] = []
    folds = any("i" in flags.group(1).split("-")[0] for flags in _FLAGS.finditer(text))
    at, opened = 0, -1  # opened: where the open class's members start, or -1 outside one
    while at < len(text):
        char = text[at]
        if char == "\\":
            escape = text[at : at + 2]
            letter = escape[1:]
            if letter in ("b", "B") or (opened >= 0 and letter in ("D", "W", "S")):
                return None
            if opened >= 0 and letter in ("d", "w", "s"):
                if folds and letter == "w":  # RE2 folds the class: U+0345 joins it (ι's)
                    return None
                out.append(_members(escape))
            elif letter in ("d", "w", "s"):  # a class of its own, never case-folded, as re's
                out.append(f"(?-i:[{_members(escape)}])")
            elif letter in ("D", "W", "S"):
                out.append(f"(?-i:[^{_members(escape.lower())}])")
            else:
                out.append(escape)
            at += 2
            continue
        if opened < 0 and char == "[":
            opened = at + 2 if text.startswith("[^", at) else at + 1
            out.append(text[at:opened])
            at = opened
            continue
        if opened >= 0 and (posix := _POSIX_CLASS.match(text, at)) is not None:
            out.append(posix.group(0))  # RE2 reads Rust's ASCII classes as Rust does
            at = posix.end()
            continue
        if opened >= 0 and char == "]" and at > opened:
            opened = -1
        out.append(char)
        at += 1
    return "".join(out)


@cache
def _members(escape: str) -> str:
    """The code points ``re`` matches ``escape`` (``\\d``, ``\\w``, ``\\s``) on, as a class's
    ranges: found by ``re`` itself over every code point, so by this Python's Unicode tables
    (RE2's are of another Unicode version: ``\\p{Nd}`` differs from ``re``'s ``\\d`` on 20).
    ~50 ms, once a process, on its first URL that needs it."""
    every = (
        array("I", range(sys.maxunicode + 1))
        .tobytes()
        .decode(f"utf-32-{sys.byteorder[0]}e", "surrogatepass")
    )
    return "".join(
        f"\\x{{{run.start():X}}}-\\x{{{run.end() - 1:X}}}"
        for run in re.finditer(escape + "+", every)
    )


@cache
def _re2_options() -> Any:
    try:
        import re2  # noqa: PLC0415
    except ImportError:  # a platform with no wheel of google-re2: re alone, as before
        return None
    options = re2.Options()
    options.log_errors = False
    return options


def _translated(text: str, repeats: list[int]) -> str:
    """``text`` in Python's syntax, scanned once; raises :class:`_RefusedError`.  ``repeats[0]``
    counts the unbounded repeats (``*``, ``+``, ``{n,}``) outside classes."""
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
            if char in "*+" or (char == "}" and text[at - 1] == ","):
                repeats[0] += 1
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
