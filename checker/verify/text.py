"""Text normalisation shared by the metadata reader and the matchers.

Posts and pages write the same words in different code points: curly or straight quotes, a dozen
dashes, full-width letters, HTML entities left in attribute values, non-breaking spaces.  Every
comparison in ``verify`` goes through these functions first, so two strings that a reader would
call equal compare equal in code.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = [
    "MONTH_NAMES",
    "MONTH_NUMBER",
    "TITLE_SEPARATORS",
    "clean_space",
    "has_cjk",
    "letters_only",
    "normalize",
    "split_title",
    "strip_diacritics",
]

MONTH_NAMES: tuple[tuple[str, ...], ...] = tuple(
    tuple(names.split())
    for names in (
        "januar january janvier gennaio enero jan jänner",
        "februar february février fevrier febbraio febrero feb",
        "märz maerz march mars marzo mar mär",
        "april avril aprile abril apr",
        "mai may maggio mayo",
        "juni june juin giugno junio jun",
        "juli july juillet luglio julio jul",
        "august août aout agosto aug",
        "september septembre settembre septiembre sep sept",
        "oktober october octobre ottobre octubre oct okt",
        "november novembre noviembre nov",
        "dezember december décembre decembre dicembre diciembre dec dez",
    )
)
"""Month names and abbreviations (lower case) as dates are written; January first."""

MONTH_NUMBER: dict[str, int] = {
    name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names
}
"""A month name or abbreviation → its number."""

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
_DASH_CHARS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63]")
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[\W_]+")


def clean_space(text: str) -> str:
    """Unescape entities, NFKC, and collapse every run of white space to one space."""
    text = html.unescape(html.unescape(text)) if "&" in text else text
    text = unicodedata.normalize("NFKC", text).replace("\u200b", "").replace("\ufeff", "")
    return _SPACE.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The comparison form: clean spaces, casefold, straight quotes, one kind of dash."""
    text = clean_space(text).translate(_QUOTES)
    text = _DASH_CHARS.sub("-", text)
    return text.casefold()


def strip_diacritics(text: str) -> str:
    """``Mejías`` → ``Mejias``; letters of scripts without diacritics pass unchanged."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", bare.replace("ß", "ss").replace("ø", "o"))


def letters_only(text: str) -> str:
    """Casefolded letters and digits alone, diacritics removed: the skeleton of a name."""
    return _NOT_WORD.sub("", strip_diacritics(normalize(text)))


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Chinese, Japanese or Korean characters (written without spaces)."""
    return _CJK.search(text) is not None


def split_title(title: str) -> tuple[str, ...]:
    """The parts of a title joined by a separator: head and tail at each separator, de-duplicated.

    ``"A | B | Site"`` gives ``"A | B"``, ``"Site"``, ``"A"``, ``"B | Site"``: whichever side is
    the site's name or a subtitle, one of the parts is the bare title.
    """
    parts: list[str] = []
    for separator in TITLE_SEPARATORS:
        if separator not in title and separator.strip() not in ("|", "»", "·"):
            continue
        pieces = [p.strip() for p in re.split(_separator_pattern(separator), title) if p.strip()]
        if len(pieces) < 2:
            continue
        parts += [
            separator.join(pieces[:-1]),
            pieces[-1],
            pieces[0],
            separator.join(pieces[1:]),
        ]
    return tuple(dict.fromkeys(parts))


def _separator_pattern(separator: str) -> str:
    core = separator.strip()
    if core in ("|", "»", "·"):
        return r"\s*" + re.escape(core) + r"\s*"
    return re.escape(separator)
