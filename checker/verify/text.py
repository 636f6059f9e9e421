"""Text normalisation shared by the metadata reader and the matchers.

Posts and pages write the same words in different code points: curly or straight quotes, a dozen
dashes, full-width letters, HTML entities left in attribute values, non-breaking spaces.  Every
comparison in ``verify`` goes through these functions first, so two strings that a reader would
call equal compare equal in code.
"""

from __future__ import annotations

import re
import unicodedata

from checker.encoding import clean_space
from checker.lazyre import lazy

__all__ = [
    "TITLE_SEPARATORS",
    "clean_space",
    "has_cjk",
    "letters_only",
    "normalize",
    "split_title",
    "strip_diacritics",
]

TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " – ", " — ", ": ", " » ", " · ", " :: ", " / ")
"""Where a title joins the article's title and the site's name (or a subtitle)."""

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u300c": '"',
        "\u300d": '"',
        "\u300e": '"',
        "\u300f": '"',
    }
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63"
_PLAIN_PUNCTUATION = _QUOTES | str.maketrans(dict.fromkeys(_DASHES, "-"))
# On non-ASCII text one regex scan finds every curly quote and dash: str.translate would look up
# each character of a long page in a dict, which costs milliseconds on a real article page.
_FANCY_PUNCTUATION = lazy("[" + re.escape("".join(chr(code) for code in _PLAIN_PUNCTUATION)) + "]+")
_CJK = lazy(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NOT_WORD = lazy(r"[\W_]+")


def normalize(text: str) -> str:
    """The comparison form: clean spaces, casefold, straight quotes, one kind of dash."""
    text = clean_space(text)
    if text.isascii():
        text = text.translate(_PLAIN_PUNCTUATION)  # C's fast path for ASCII text
    else:
        text = _FANCY_PUNCTUATION.sub(_plain_punctuation, text)
    return text.casefold()


def _plain_punctuation(match: re.Match[str]) -> str:
    return match.group().translate(_PLAIN_PUNCTUATION)


def strip_diacritics(text: str) -> str:
    """``Mejías`` → ``Mejias``; letters of scripts without diacritics pass unchanged."""
    if text.isascii():
        return text  # NFKD and NFKC leave ASCII as it is, and it has no marks, ß or ø
    decomposed = unicodedata.normalize("NFKD", text)
    if len(decomposed) <= _SHORT and not _MAYBE_MARKS.is_compiled:
        # A word or a name (soft404's lexicon, at import): the same filter, one character at a
        # time, spares compiling the regex (~30 ms) in a run whose pages never need it.
        bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    else:
        bare = _MAYBE_MARKS.sub(_without_marks, decomposed)
    return unicodedata.normalize("NFKC", bare.replace("ß", "ss").replace("ø", "o"))


def _mark_ranges(codes: range) -> str:
    """The characters of ``codes`` that ``unicodedata.combining`` calls marks, as class ranges."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


# Runs of characters that may be combining marks: the marks of the Basic Multilingual Plane (a
# class the regex engine tests with one table look-up) and every character beyond it (emoji,
# rare scripts: few on a page).  _without_marks then keeps exactly what unicodedata.combining
# does not call a mark, so a long page is filtered in C instead of character by character.
# Built on first use: walking the 65,536 code points cost every run's start-up ~10 ms (issue 19).
_MAYBE_MARKS = lazy(lambda: f"[{_mark_ranges(range(0x10000))}\U00010000-\U0010ffff]+")


_SHORT = 256
"""Text up to this length has its marks dropped without :data:`_MAYBE_MARKS` (not compiled yet)."""


def _without_marks(match: re.Match[str]) -> str:
    return "".join(char for char in match.group() if not unicodedata.combining(char))


_ASCII_NOT_WORD = bytes(code for code in range(128) if not chr(code).isalnum())
"""ASCII characters that are not letters or digits: what ``[\\W_]`` matches in ASCII text."""


def letters_only(text: str) -> str:
    """Casefolded letters and digits alone, diacritics removed: the skeleton of a name."""
    folded = normalize(text)
    if folded.isascii():
        # An English page is ASCII: bytes.translate drops its punctuation and spaces in one C
        # pass, where the regex below stops at every one of thousands of gaps between words.
        return folded.encode("ascii").translate(None, _ASCII_NOT_WORD).decode("ascii")
    return _NOT_WORD.sub("", strip_diacritics(folded))


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese, Japanese or Korean characters (written without spaces)."""
    return _CJK.search(text) is not None


def cjk_count(text: str) -> int:
    """How many Chinese, Japanese or Korean characters ``text`` holds (one regex scan)."""
    return len(_CJK.findall(text))


def split_title(title: str) -> tuple[str, ...]:
    """The parts of a title joined by a separator: head and tail at each separator, de-duplicated.

    ``"A | B | Site"`` gives ``"A | B"``, ``"Site"``, ``"A"``, ``"B | Site"``: whichever side is
    the site's name or a subtitle, one of the parts is the bare title.
    """
    parts: list[str] = []
    for separator in TITLE_SEPARATORS:
        if separator not in title and separator.strip() not in ("|", "»", "·"):
            continue
        pieces = [p.strip() for p in title.split(_split_on(separator)) if p.strip()]
        if len(pieces) < 2:
            continue
        parts += [
            separator.join(pieces[:-1]),
            pieces[-1],
            pieces[0],
            separator.join(pieces[1:]),
        ]
    return tuple(dict.fromkeys(parts))


def _split_on(separator: str) -> str:
    """What ``separator`` is split on: ``|``, ``»`` and ``·`` bare (a title may set them without
    spaces; the pieces are stripped), any other separator with its spaces.  A plain split, not a
    regex with ``\\s*`` around the mark: that tried every position of a long run of blanks
    (a 20,000-blank cited title took seconds, quadratic in its length)."""
    core = separator.strip()
    return core if core in ("|", "»", "·") else separator
