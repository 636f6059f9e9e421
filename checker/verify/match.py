"""Compare what a post cites with what the source shows: title, author, date and publisher.

Every function here is pure and tolerant in the ways real citations differ from real pages
(site-name suffixes, subtitles, truncation, curly quotes, middle initials, time zones, CJK without
spaces) and strict where a difference is a defect: another article's title, another day, a
misspelt publication.  Each answer is a :class:`MatchResult` whose ``reason`` is short enough for
a report line.  The thresholds are calibrated on real pages (``tests/verify/realpages.py``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, product
from typing import NamedTuple

from rapidfuzz import fuzz

from checker.dates import parse_cited, parse_day
from checker.lazyre import lazy
from checker.urls import DomainParts, domain_parts
from checker.verify.text import (
    cjk_count,
    has_cjk,
    letters_only,
    normalize,
    split_title,
    strip_diacritics,
)

__all__ = [
    "CJK_NAME_JOINER",
    "TITLE_FUZZY_THRESHOLD",
    "MatchResult",
    "author_absent",
    "author_matches",
    "date_matches",
    "full_names",
    "news_agency",
    "publisher_matches",
    "split_names",
    "title_matches",
    "translation_possible",
]

TITLE_FUZZY_THRESHOLD = 90.0
"""rapidfuzz ``ratio`` at or above which two titles count as the same with small edits."""

_MIN_PREFIX_CHARS = 20
_MIN_PREFIX_WORDS = 3
_MIN_CJK_CHARS = 8
_DATE_TOLERANCE_DAYS = 1


@dataclass(frozen=True, slots=True)
class MatchResult:
    """One comparison's verdict: matched or not, a 0-100 score, the closest candidate, and why.

    ``suggestion`` is what to write instead, when the evidence says (only set on a mismatch).
    """

    matched: bool
    score: float
    best: str | None
    reason: str
    suggestion: str | None = None


# --- titles ----------------------------------------------------------------------------------

_EDGE_PUNCT = " \t\"'«»“”„‘’.,;:!?¿¡-–—|·•*#()[]{}<>…"
_PUNCT = lazy(r"[^\w\s]+")
_SPACES = lazy(r"\s+")


@lru_cache(maxsize=512)
def _loose(text: str) -> str:
    """Comparison key: normalised, punctuation to spaces, no spaces at all in CJK text.

    Remembered for the last few hundred titles: judging one citation asks for the same two
    (the cited title's, the page's) five times over (``translation_possible``,
    ``title_matches``, ``_pair_score``; issue 19: ~40 µs a source page).
    """
    key = _SPACES.sub(" ", _PUNCT.sub(" ", normalize(text))).strip()
    key = re.sub(r"(?<=\d) (?=\d)", "", key)
    return key.replace(" ", "") if has_cjk(key) else key


def _long_enough(key: str) -> bool:
    if has_cjk(key):
        return len(key) >= _MIN_CJK_CHARS
    return len(key) >= _MIN_PREFIX_CHARS and len(key.split()) >= _MIN_PREFIX_WORDS


def _starts_at_boundary(short: str, long: str) -> bool:
    if not long.startswith(short):
        return False
    return has_cjk(short) or len(long) == len(short) or long[len(short)] == " "


def _inside_at_boundary(short: str, long: str) -> bool:
    if has_cjk(short):
        return short in long
    return f" {short} " in f" {long} "


def _parts(title: str) -> set[str]:
    keys = {_loose(part) for part in split_title(normalize(title))}
    return {k for k in keys if k}


def _pair_score(cited: str, candidate: str) -> tuple[float, str]:
    """How well one cited title agrees with one candidate, and the rule that decided it."""
    a, b = _loose(cited), _loose(candidate)
    if not a or not b:
        return 0.0, "empty"
    if a == b:
        return 100.0, "same title"
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if _long_enough(short) and _starts_at_boundary(short, long):
        return 99.0, "one title is the start of the other (subtitle or truncation)"
    if _long_enough(short) and _inside_at_boundary(short, long) and len(short) >= 0.5 * len(long):
        return 98.0, "one title contains the other (site name or section around it)"
    candidate_parts = _parts(candidate)
    if a in candidate_parts:
        return 97.0, "same title once the site name or subtitle is split off"
    cited_parts = {p for p in _parts(cited) if len(p) >= 0.4 * len(a) and len(p) >= 8}
    if b in cited_parts or cited_parts & candidate_parts:
        return 96.0, "same title once the site name or subtitle is split off"
    score = float(fuzz.ratio(a, b))
    if _numbers(a) != _numbers(b):
        return min(score, TITLE_FUZZY_THRESHOLD - 1), "different title (another number)"
    if _negations(a) != _negations(b):
        return min(score, TITLE_FUZZY_THRESHOLD - 1), "different title (a negation)"
    if score >= TITLE_FUZZY_THRESHOLD:
        return score, "similar title (small edits)"
    if not has_cjk(a) and _long_enough(short) and fuzz.token_sort_ratio(a, b) >= 95:
        return 95.0, "same words in another order"
    if not has_cjk(a) and _long_enough(short) and _same_content_words(a, b):
        return 94.0, "same words, reworded (tense, possessive or word order)"
    return score, "different title"


_NUMBER = lazy(r"\d+")


def _numbers(key: str) -> list[str]:
    """The numbers a title writes, in any order: an edit that changes one (``Part 2`` for
    ``Part 1``, ``Issue 03/2022`` for ``02/2022``, a year) names another page, however small."""
    return sorted(_NUMBER.findall(key))


_NEGATION_WORD_LIST = (
    "not no never nor cannot none nothing nobody neither "  # English
    "nicht kein keine keinen keinem keiner keines nie niemals "  # German
    "ne pas jamais aucun aucune non "  # French, Italian
    "nunca ni nem nao não jamas jamás ningun ningún ninguna nessuno nessuna "  # Spanish, ...
    "niet geen nooit inte ikke ej aldrig ingen nie не нет ни"  # Dutch, Nordic, Slavic
)
_NEGATION_WORDS = frozenset(_NEGATION_WORD_LIST.split())
"""Words that turn a headline into its opposite: ``Bayern beat Dortmund`` and ``Bayern did not
beat Dortmund`` are a few letters apart, which the fuzzy ratio forgives as an edit."""
_NEGATION_MARKS: tuple[str, ...] = (
    "不",
    "没",
    "沒",
    "无",
    "無",
    "未",
    "非",
    "别",
    "別",
    "ない",
    "なかっ",
    "ません",
)
_NEGATION_MARKS += ("않", "못")
"""Negations in scripts written without spaces (Chinese, Japanese) or as endings (Korean):
counted as substrings of the comparison key."""


def _negations(key: str) -> list[str]:
    """The negations a loose title key says, in any order, each as often as it says it.

    A title that adds or drops one says the opposite, however small the edit (``did not``,
    ``didn't``, ``nicht``, ``kein``, ``ne … pas``, ``不``, ``ない``).  ``didn't`` is
    ``didn t`` in the key: a lone ``t`` after a word ending in ``n`` is a negation; ``No 5``
    (a number's label) is not one.
    """
    words = key.split()
    found = [
        "not" if word == "t" else word
        for i, word in enumerate(words)
        if (word in _NEGATION_WORDS and not (word == "no" and _next_is_number(words, i)))
        or (word == "t" and i > 0 and words[i - 1].endswith("n"))
    ]
    found += [mark for mark in _NEGATION_MARKS for _ in range(key.count(mark))]
    return sorted(found)


def _next_is_number(words: list[str], i: int) -> bool:
    return i + 1 < len(words) and words[i + 1][:1].isdigit()


_FUNCTION_WORD_LIST = (
    "a an the of for to in on at by with from and or as is are was were be its it s "
    "der die das den dem des ein eine einen einem einer und oder für fur mit von zu im am "
    "le la les un une du de et en el los las y il lo"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
"""Words a reworded headline adds or drops without changing what it says (``for``, the
possessive ``s``); negations (``not``, ``nicht``, ``kein``) are deliberately absent."""
_STEM = 5
"""Letters a word is cut to: ``plagued`` and ``plagues``, ``election`` and ``elections``
become one word (a crude stemmer, but both titles must share every word)."""
_MIN_CONTENT_WORDS = 4


def _same_content_words(a: str, b: str) -> bool:
    """Whether two loose titles say the same content words, cut to their stems, in any order.

    Headlines are reworded after publication (``Rezoning plan plagues Bronx city
    councilmember's re-election bid`` → ``Rezoning plan plagued Bronx re-election bid for city
    councilmember``), and posts cite either wording.  Every content word must have its
    counterpart: numbers count as words, so ``Issue 02/2022`` never matches ``Issue 03/2022``,
    nor a headline one with another that drops or adds a single word.
    """
    stems_a, stems_b = _content_stems(a), _content_stems(b)
    return len(stems_a) >= _MIN_CONTENT_WORDS and stems_a == stems_b


def _content_stems(key: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in key.split() if w not in _FUNCTION_WORDS)


def title_matches(cited: str, candidates: Sequence[str]) -> MatchResult:
    """Whether ``cited`` is one of the page's titles, allowing the usual harmless differences."""
    if not _loose(cited):
        return MatchResult(False, 0.0, None, "no cited title to compare")
    if not candidates:
        return MatchResult(False, 0.0, None, "the page shows no title")
    best_score, best, best_reason = -1.0, None, "different title"
    for candidate in candidates:
        score, reason = _pair_score(cited, candidate)
        if score > best_score:
            best_score, best, best_reason = score, candidate, reason
            if score >= 100.0:
                break
    matched = best_score >= TITLE_FUZZY_THRESHOLD
    if matched:
        return MatchResult(True, best_score, best, best_reason)
    shown = candidates[0]
    return MatchResult(
        False,
        max(best_score, 0.0),
        best,
        f"different title (the page shows {shown!r})",
        suggestion=f"cite the title as “{shown}” or check the URL",
    )


_CJK_WEIGHT = 3
"""Latin letters one CJK character stands for (a CJK character writes about a word)."""


def _cjk_script(title: str) -> bool:
    """Whether a title is mainly CJK: ``iPhone 16レビュー`` is, ``Tokyo 東京 guide`` is not.

    ``has_cjk`` alone would call a Latin title with one CJK character (a place name, a
    full-width bracket's neighbour) a CJK title, and so excuse a swap between two Latin titles.
    """
    if title.isascii():
        return False  # no CJK character: the count below would be 0
    cjk = cjk_count(title)
    other = sum(ch.isalpha() for ch in title) - cjk
    return cjk > 0 and cjk * _CJK_WEIGHT >= other


def translation_possible(
    cited_titles: Sequence[str], page_title: str, *, post_cjk: bool | None = None
) -> bool:
    """Whether the cited titles may translate the page's title rather than name another page.

    True only when no cited title is in the page title's script (CJK or not): a Japanese post
    may cite a Japanese translation of an English original by its English ``原題``, and two
    titles in different scripts cannot be compared.  A cited title in the page's script is
    compared, whatever else the post gives.  The caller must still ask whether anything else
    the citation says (author, date, publication) contradicts the page before excusing it.

    ``post_cjk`` is whether the citing post is written in CJK script (None: not known).  A
    translation is written in its translator's language, so a CJK title cited for a Latin page
    translates it only in a CJK post (``_translated_by_the_post``).
    """
    titles = [t for t in cited_titles if _loose(t)]
    if not titles or not _loose(page_title):
        return False
    page_cjk = _cjk_script(page_title)
    if not _translated_by_the_post(page_cjk, post_cjk):
        return False
    return all(
        _cjk_script(t) != page_cjk
        and (_translates(page_title, t) if page_cjk else _translates(t, page_title))
        and (page_cjk or _cjk_site_name(t) is None)
        for t in titles
    )


def _translated_by_the_post(page_cjk: bool, post_cjk: bool | None) -> bool:
    """Whether a title in the other script than the page's may be the citing post's own
    translation, or a title the post may quote untranslated.

    A CJK title for a Latin page is a translation into CJK, which a post writes in its own
    language: a Japanese post cites ``最大の試練を迎えたウクライナ`` for ``Ukraine's Hardest
    Winter``; a post written in Latin script (``post_cjk`` False) has no such title to give, so
    a CJK title there names another page (a swap from a neighbouring citation).  A Latin title
    for a CJK page stays excusable in any post: an English post translates the Chinese title
    into English, a Japanese post cites a translation's page by its English ``原題``.
    """
    return page_cjk or post_cjk is not False


def _translates(cjk_title: str, other: str) -> bool:
    """Whether ``other`` (not CJK) may translate ``cjk_title`` or be translated by it: it keeps
    the CJK headline's Latin names (``_keeps_names``) and its numbers (``_keeps_numbers``), and
    is long enough (``_long_enough_for``)."""
    return (
        _keeps_names(cjk_title, other)
        and _keeps_numbers(_cjk_headline(cjk_title), other)
        and _long_enough_for(cjk_title, other)
    )


_DIGIT_RUN = lazy(r"\d+(?:\.\d+)?")
_CONVERTED = lazy(
    r"[\s-]*(?:million|billion|trillion|thousand|hundred|mio|mrd|mln|bn|mn|crore|lakh|[mbk]\b"
    r"|万|萬|億|亿|兆|千|百"
    r"|degree|°|mile|km|kilo|meter|metre|feet|foot|ft\b|inch|pound|lb|kg|ton|gallon|lit"
    r"|度|キロ|マイル|メートル|ポンド|フィート|インチ|公里|英里|磅|米|公斤|吨|加仑"
    r"|second|minute|hour|day|week|month|year|decade|centur"
    r"|秒|分|時間|小时|日|天|週|周|月|年|世紀|世纪)",
    re.IGNORECASE,
)
"""What may follow a number a translator writes otherwise: a magnitude (``3 million`` is
``300万``), a unit that may be converted (``100-degree heat`` is ``38度``, ``26.2 miles``
``42キロ``), a span of time (``24 hours`` is ``1日``, ``a decade`` ``10年``)."""
_YEAR = lazy(r"(?:19|20)\d\d")


def _plain_numbers(title: str) -> set[str]:
    """The numbers a translation of ``title`` writes as it does: runs of one to four digits
    (full-width ones as ASCII, ``300,000`` as one number, too long to count), a decimal part
    allowed, not followed by ``_CONVERTED`` unless a year (``2015年``); without leading zeros,
    and a year also as its last two digits (``the 1990s`` may be ``90年代``)."""
    text = _THOUSANDS.sub("", title.translate(_FULL_WIDTH_DIGITS))
    found: set[str] = set()
    for match in _DIGIT_RUN.finditer(text):
        digits = match.group(0)
        year = _YEAR.fullmatch(digits) is not None
        if len(digits.split(".")[0]) > 4 or (not year and _CONVERTED.match(text, match.end())):
            continue
        found.add(digits.lstrip("0") or "0")
        if year:
            found.add(digits[2:])
    return found


_THOUSANDS = lazy(r"(?<=\d),(?=\d{3}(?!\d))")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _keeps_numbers(cjk_headline: str, other: str) -> bool:
    """Whether the two titles may say the same numbers: a translation keeps a title's numbers
    as digits (``2015``, ``10``, ``COVID-19``, ``1 in 5`` → ``5人に1人``), so two titles that
    both write plain numbers (``_plain_numbers``) and share none name two pages: the swap
    ``サステナブルなワードローブにシフトする10のアイデア`` cited for ``Why 2015 Was Rent the
    Runway's Biggest Year So Far``.  A title without a plain number (``Ten ideas``, ``半数``,
    ``十大``) says nothing, so no real translation is refused for a number it spells out.
    """
    ours, theirs = _plain_numbers(cjk_headline), _plain_numbers(other)
    return not ours or not theirs or bool(ours & theirs)


_CJK_SITE_NAME = lazy(r"(?:_|｜|\|| [-–—－] |\s*＜)\s*([^_｜|＜＞]{2,30}?)\s*＞?\s*$")
"""A site's name at the end of a CJK page's ``<title>``: ``蔡健雅_百度百科``, ``…_教育频道_中国
青年网``, ``…｜ITmedia``, ``欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞``."""


def _cjk_site_name(title: str) -> str | None:
    """The CJK site name a CJK title ends with (``_CJK_SITE_NAME``), if it has a headline before it.

    A title that carries a site's name in its own script is the title of that site's page
    (``海外留学生看两会…_教育频道_中国青年网``), not a writer's translation of a Latin page's title,
    which names the original publication, if at all, as the original writes it (the seed posts'
    ``…(Foreign Affairs)``).  So it is compared with the page, never excused (issue 14: swaps
    cited in another script).
    """
    head, name = _site_name_split(title)
    return name if name and cjk_count(name) >= 2 and cjk_count(head) >= 2 else None


_SITE_SCAN = 48
"""Characters at a title's end searched for a site's name: the pattern then costs the same on
any title, however long or blank (no backtracking the input controls)."""


def _site_name_split(title: str) -> tuple[str, str]:
    """``(head, name)``: ``title`` before the site name ``_CJK_SITE_NAME`` finds at its end, and
    that name; ``(title, "")`` without one."""
    tail = title[-_SITE_SCAN:]
    match = _CJK_SITE_NAME.search(tail)
    if match is None:
        return title, ""
    return title[: len(title) - len(tail) + match.start()], match.group(1)


_SITE_NAMES = 3
"""Site and section names read off a title's end (``…_教育频道_中国青年网``: two)."""


def _cjk_headline(title: str) -> str:
    """A CJK title without the site names it ends with (``_探索者 _光明网``), and of the parts a
    Latin separator splits it into (``… | ITmedia NEWS``), the longest in CJK script."""
    for _ in range(_SITE_NAMES):
        if _cjk_site_name(title) is None:
            break
        title = _site_name_split(title)[0]
    parts = [p for p in split_title(title) if _cjk_script(p)]
    return max(parts, key=len) if parts else title


_KANA = lazy(r"[\u3040-\u30ff]")
_CJK_PER_WORD = 8
"""Most CJK characters one word of a Latin title becomes in translation, counting a kana as a
quarter: four times the usual (a Chinese headline writes an English word in about two Han
characters; Japanese adds kana for grammar and for loanwords, ``ウクライナ``,
``インターナショナル``: the seed blog's ``最大の試練を迎えたウクライナを…`` (13 Han,
34 kana) is its title for ``Ukraine's Hardest Winter``, three words)."""


def _long_enough_for(cjk_title: str, other: str) -> bool:
    """Whether the Latin title ``other`` has words enough to say what the CJK headline says.

    ``SVG parsing`` (two words) cannot translate ``宇航员在太空中喝酒会怎么样?后果很严重``
    (eighteen characters): at most ``_CJK_PER_WORD`` characters a word.  Only this bound is
    checked: a translation may drop a subtitle, so a long Latin title proves nothing.
    """
    headline = _cjk_headline(cjk_title)
    kana = len(_KANA.findall(headline))
    weight = cjk_count(headline) - kana * 3 / 4
    words = sum(1 for word in other.split() if any(ch.isalpha() for ch in word))
    return weight <= _CJK_PER_WORD * max(words, 1)


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")


def _keeps_names(cjk_title: str, other: str) -> bool:
    """Whether ``other`` may be the translation of ``cjk_title`` (or it of ``other``), judged by
    the Latin words in the CJK title's headline (``DeepMind新电脑…``): a translation keeps a
    name written in Latin letters, so one at least must be in ``other``.  A headline with none
    says nothing; a site name after a separator (``… | ITmedia NEWS``) is not read.
    """
    parts = [p for p in split_title(cjk_title) if _cjk_script(p)]
    headline = max(parts, key=len) if parts else cjk_title
    names = {letters_only(w) for w in _LATIN_WORD.findall(headline)}
    key = letters_only(other)
    return not names or any(name in key for name in names)


# --- authors ---------------------------------------------------------------------------------

_HONORIFICS = {
    "dr",
    "prof",
    "professor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dame",
    "rev",
    "hon",
    "phd",
    "md",
    "jr",
    "sr",
    "ing",
    "dipl",
    "mag",
    "by",
    "von",
    "van",
    "der",
    "de",
    "la",
    "del",
}
CJK_NAME_JOINER = r"(?<=[\u4e00-\u9fff]{2})\s*[和与與]\s*(?=[\u4e00-\u9fff]{2})"
"""``和``/``与`` ("and") between two Chinese names of two characters or more (``牛镛和岳弘彬``):
a byline's conjunction.  Inside one name (``张和平``, ``欧阳和平``) it has fewer than two
characters on a side; a rare name it still cuts (``佐藤和之介``) gives parts that match the
whole, so the cut can only cost evidence, never invent a mismatch."""
_NAME_SPLIT = lazy(
    rf"\s*(?:;|&|\band\b|\bund\b|\bet\b|\by\b|\bmit\b|\bwith\b|、|，|/|\n|{CJK_NAME_JOINER})\s*",
    re.IGNORECASE,
)


_TRANSLITERATIONS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"}
)
_FOLDED_VOWELS = lazy(r"(?<=[aou])e")


def _name_tokens(name: str) -> tuple[str, ...]:
    """A name's words, lower case, without accents, honorifics or transliteration differences.

    ``Müller``, ``Mueller`` and ``Muller`` are one surname as bylines and posts write it: umlauts
    are spelled out first (``ü`` → ``ue``), then every ``ae``/``oe``/``ue`` is folded to its
    vowel, so all three spellings give ``muller`` (both sides of a comparison are folded alike).
    """
    text = normalize(name).translate(_TRANSLITERATIONS)
    text = _FOLDED_VOWELS.sub("", strip_diacritics(text))
    text = re.sub(r"[^\w\s]", " ", text)
    return tuple(t for t in text.split() if t not in _HONORIFICS)


def full_names(cited: str) -> list[str]:
    """The names of a cited byline that are a person's full name (at least two words).

    Only such a name found elsewhere on a page is evidence that the page credits it: a single
    word (``Redaktion``, ``Matthias``, a magazine's name) turns up in the text of pages its
    owner never wrote.
    """
    return [
        n
        for n in split_names(cited)
        if (len(_name_tokens(n)) >= 2 and not _HOST_NAME.fullmatch(n)) or _HANDLE.fullmatch(n)
    ]


def _several_names(cited: str) -> bool:
    """Whether a byline joins several names (``A and B``, ``A、B``): not one name with commas,
    nor a web address (one name, ``split_names``)."""
    return "://" not in cited and len([p for p in _NAME_SPLIT.split(cited) if p.strip()]) > 1


_HOST_NAME = lazy(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}")
"""A site's host cited as the author (``mbl.is``): its labels are no given and family name,
and its letters alone (``mblis``) turn up inside other words (``BreadcrumbList``); the page
writing it as an address is evidence (``account_on_page``)."""


_HANDLE = lazy(r"@\w{4,30}")
"""A social account cited as the author (``@KingBeyonceStan``, as citations of posts give it):
as particular as a full name, so the page writing it is evidence of the same kind."""


def account_on_page(cited: str, page: str) -> bool:
    """Whether a one-word name of the cited byline is an account the page credits.

    A single word in the text is no evidence (``full_names``), but an account is as particular
    as a full name: the page writes it as a handle (``@BT_India``, in its ``twitter:creator``),
    shows it as the display name of a handle (``SmartUA (@UaSmart) on X``), or links it to a
    profile by that name (``<a href="/u/EvilSpark">EvilSpark</a>``: paste sites, forums, code
    hosts).  Only the literal name is searched, and each hit's own ``<a`` tag read: time linear
    in the page, no pattern the page can make backtrack.
    """
    for name in split_names(cited):
        if _ONE_WORD_HANDLE.fullmatch(name) and _account(name.lstrip("@"), page):
            return True
        if _HOST_NAME.fullmatch(name) and _address(name, page):
            return True
    return False


def _address(host: str, page: str) -> bool:
    """Whether the page writes the host-like name as a whole address, word-bounded.

    ``mbl.is`` or ``lsariasfstandard.com`` (an e-mail address that lost its ``@``) are no full
    name, and their letters alone (``mblis``) turn up inside other words (``BreadcrumbList``);
    but the page writing the same characters as one address (``mbl.is``,
    ``lsaria@sfstandard.com``: a dot, ``@`` or hyphen may stand between any two) credits it.
    One literal pattern without nested repetition: linear in the page.
    """
    chars = [re.escape(c) for c in host.casefold() if c.isalnum()]
    spelled = "[.@-]?".join(chars)
    return re.search(rf"(?<![\w.@-]){spelled}(?![\w-]|\.\w)", page, re.IGNORECASE) is not None


def _account(name: str, page: str) -> bool:
    word = re.escape(name)
    written = rf"(?<![\w@])@{word}\b|(?<![\w@]){word}\s?\(@\w{{1,30}}\)"
    if re.search(written, page, re.IGNORECASE):
        return True
    for hit in re.finditer(rf">\s*@?{word}\s*</a\s*>", page, re.IGNORECASE):
        start = page.rfind("<a", max(0, hit.start() - _TAG_SPAN), hit.start())
        href = _HREF.search(page, start, hit.start() + 1) if start >= 0 else None
        if href and _last_segment(href.group(1)) == name.casefold():
            return True
    return _creator_meta(word, page)


def _creator_meta(word: str, page: str) -> bool:
    """Whether a ``twitter:creator`` meta tag gives the account, ``@`` or not (``<meta
    content="dmosbergen" property="twitter:creator">``): the page declares its writer's account.
    Each literal hit's own tag is read, so the search stays linear."""
    for hit in re.finditer(rf"""content\s*=\s*["']@?{word}["']""", page, re.IGNORECASE):
        start = page.rfind("<meta", max(0, hit.start() - _TAG_SPAN), hit.start())
        end = page.find(">", hit.end(), hit.end() + _TAG_SPAN)
        if start < 0 or end < 0 or ">" in page[start : hit.start()]:
            continue
        if "twitter:creator" in page[start:end].casefold():
            return True
    return False


_ONE_WORD_HANDLE = lazy(r"@?\w{3,30}")
_HREF = lazy(r"""\bhref\s*=\s*["']?([^"'\s<>]{1,500})""", re.IGNORECASE)
_TAG_SPAN = 1_000
"""Characters searched back from a link's text for its ``<a`` tag."""


def _last_segment(href: str) -> str:
    """The last part of a link's path, without ``@`` (``/u/EvilSpark/`` → ``evilspark``)."""
    path = href.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1].lstrip("@").casefold() if "/" in path else ""


def split_names(cited: str) -> list[str]:
    """The names in a cited byline: ``A and B``, ``A, B``, ``A; B``, ``A & B``.

    A web address given as the author is one name: its slashes and dots separate no people, and
    a piece of it (``www.facebook.com``) is on pages that have nothing to do with it.
    """
    names = [cited]
    if "://" in cited:
        return names
    parts = [p.strip() for p in _NAME_SPLIT.split(cited) if p.strip()]
    names += parts
    for part in parts:
        commas = [p.strip() for p in part.split(",") if p.strip()]
        if len(commas) == 2 and all(len(p.split()) == 1 for p in commas):
            names.append(f"{commas[1]} {commas[0]}")
        elif len(commas) > 1:
            names += commas
    return list(dict.fromkeys(names))


_AGENCY_ALIASES = {
    "reuters": ("reuters", "thomson reuters"),
    "ap": ("ap", "associated press", "the associated press"),
    "afp": ("afp", "agence france presse", "agence france-presse"),
    "kyodo": ("kyodo", "kyodo news"),
    "jiji": ("jiji", "jiji press"),
    "dpa": ("dpa", "deutsche presse-agentur", "deutsche presse agentur"),
    "efe": ("efe", "agencia efe"),
    "ansa": ("ansa", "agenzia ansa"),
    "xinhua": ("xinhua", "xinhua news agency"),
    "yonhap": ("yonhap", "yonhap news agency"),
    "pti": ("pti", "press trust of india"),
    "ians": ("ians", "indo-asian news service"),
    "ani": ("ani", "asian news international"),
    "upi": ("upi", "united press international"),
    "aap": ("aap", "australian associated press"),
    "pa": ("pa", "pa media", "press association"),
    "apa": ("apa", "austria presse agentur"),
    "sda": ("sda", "keystone-sda", "keystone sda"),
    "kna": ("kna", "katholische nachrichten-agentur"),
    "epd": ("epd", "evangelischer pressedienst"),
    "anp": ("anp",),
    "belga": ("belga",),
    "lusa": ("lusa",),
    "tass": ("tass",),
    "ria novosti": ("ria novosti",),
    "bernama": ("bernama",),
    "antara": ("antara",),
    "cna": ("cna", "central news agency"),
    "europa press": ("europa press",),
    "ntb": ("ntb",),
    "ritzau": ("ritzau",),
}
_AGENCIES = {
    letters_only(alias): canonical
    for canonical, aliases in _AGENCY_ALIASES.items()
    for alias in aliases
}
"""The wire agencies' names and their usual spellings, keyed by their letters (a closed list:
an agency is credited in its own way, ``JIJI``, ``Kyodo``, ``AP``, not as a person's name)."""


def news_agency(name: str) -> str | None:
    """The wire agency ``name`` spells (``The Associated Press`` → ``ap``), or ``None``.

    Agencies are credited as a story's author (``<p class="credit">JIJI</p>``) and posts cite
    them so; the closed list keeps a person's name from ever being taken for one.
    """
    return _AGENCIES.get(letters_only(name))


def _same_person(a: str, b: str) -> tuple[float, str]:
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return 0.0, "empty"
    if sorted(ta) == sorted(tb) or letters_only(a) == letters_only(b):
        return 100.0, "same name"
    agency = news_agency(a)
    if agency is not None and agency == news_agency(b):
        return 100.0, "same news agency"
    if _handle(ta) and _handle(ta) == _handle(tb):
        return 95.0, "same user name apart from its digits"
    full_a = {t for t in ta if len(t) > 1}
    full_b = {t for t in tb if len(t) > 1}
    short, long = (full_a, full_b) if len(full_a) <= len(full_b) else (full_b, full_a)
    if short and short <= long and (len(short) >= 2 or max(len(t) for t in short) >= 3):
        initials_a = {t[0] for t in ta}
        initials_b = {t[0] for t in tb}
        if {t for t in ta if len(t) == 1} <= initials_b and {
            t for t in tb if len(t) == 1
        } <= initials_a:
            return 95.0, "same name apart from initials or a missing part"
    score = float(fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)))
    return score, "similar name" if score >= 90 else "different name"


def _handle(tokens: tuple[str, ...]) -> str | None:
    """A one-word user name without the digits sites add to it (``freeman1984`` → ``freeman``).

    Blogs and forums show an account name where a newspaper shows a byline, and the same
    account is written with or without its number; four letters at least, so that ``ap1``
    and ``ap2`` stay two names.
    """
    if len(tokens) != 1:
        return None
    stem = tokens[0].rstrip("0123456789_")
    return stem if len(stem) >= 4 and stem.isalpha() else None


def author_matches(cited: str, authors: Sequence[str]) -> MatchResult | None:
    """Whether any name the post cites is among the source's authors; ``None`` without evidence."""
    sources = [a for a in authors if _name_tokens(a)]
    cited_names = [n for n in split_names(cited) if _name_tokens(n)]
    if not sources or not cited_names:
        return None
    expanded = list(dict.fromkeys(n for s in sources for n in split_names(s)))
    best_score, best, best_reason = -1.0, None, "different name"
    for name, source in product(cited_names, expanded):
        score, reason = _same_person(name, source)
        if score > best_score:
            best_score, best, best_reason = score, source, reason
    matched = best_score >= 90
    reason = best_reason if matched else f"not among the source's authors ({'; '.join(sources)})"
    return MatchResult(matched, max(best_score, 0.0), best, reason)


_JSON_ESCAPE = lazy(r"\\u([0-9a-fA-F]{4})")


def author_absent(cited: str, page: str) -> bool:
    """Whether a page that names no author says nothing of any person the post cites.

    Used only when the reader finds no author at all: then a cited full name whose words appear
    nowhere in the page (text, attributes, meta tags, JSON-LD, scripts), no two of them side by
    side in either order, is credited by nothing on it.  A name the page writes anywhere, a
    single word (``Redaktion``, an agency) or initials (``R. R.``) may be a byline the page
    hides, and is no evidence either way.  Adjacent pairs rather than the whole name, so that a
    byline with a stray word (``Amber Guetebier Shares``) is still found.
    """
    pairs = _name_pairs(cited)
    if pairs is None:
        return False
    text = html.unescape(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), page))
    skeleton = letters_only(text.translate(_TRANSLITERATIONS))
    folded = _FOLDED_VOWELS.sub("", skeleton)
    return not any(pair in folded for pair in pairs)


@lru_cache(maxsize=1024)
def _name_pairs(cited: str) -> tuple[str, ...] | None:
    """What :func:`author_absent` looks for on a page for byline ``cited``: each adjacent pair
    of a full name's words joined in either order and folded as the page is; ``None`` when the
    byline holds no full name of words of two letters or more (no evidence either way).

    Remembered per byline: a run cites few people over many pages (issue 19: ~30 µs a source
    page for the same answer).
    """
    # a byline of several people is its names, not one more name: ``牛镛 and 岳弘彬``, whose
    # one-word Chinese names are each no evidence, is no three-word name whose adjacent words
    # (``牛镛and``) a page naming both could never hold
    several = _several_names(cited)
    names = [_name_tokens(n) for n in full_names(cited) if not (several and n == cited)]
    names = [n for n in names if len(n) >= 2 and all(len(t) >= 2 for t in n)]
    if not names:
        return None
    return tuple(
        _FOLDED_VOWELS.sub("", joined)
        for tokens in names
        for a, b in pairwise(tokens)
        for joined in (a + b, b + a)
    )


# --- dates -----------------------------------------------------------------------------------


def date_matches(cited: str, candidates: Sequence[str]) -> MatchResult | None:
    """Whether the cited date is the page's publication date within a day; ``None`` if unknown."""
    wanted = parse_cited(cited)
    shown = [(c, d) for c in candidates if (d := parse_day(c)) is not None]
    if wanted is None or not shown:
        return None
    best, gap = min(((c, abs((d - wanted).days)) for c, d in shown), key=lambda item: item[1])
    if gap == 0:
        return MatchResult(True, 100.0, best, "same date")
    if gap <= _DATE_TOLERANCE_DAYS:
        return MatchResult(True, 90.0, best, "one day apart (time zones)")
    return MatchResult(False, 0.0, shown[0][0], f"the source is dated {shown[0][0]}")


# --- publishers ------------------------------------------------------------------------------

_ARTICLES = {"the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "il", "lo"}
_GENERIC = {"magazine", "news", "online", "newspaper", "journal", "daily", "com", "www", "media"}
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
_TEENS += ["eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORD = lazy(
    "|".join([f"(?:{t})(?:{u})?" for t in _TENS for u in ["|".join(_UNITS)]] + [*_TEENS, *_UNITS])
)


def _number_value(word: str) -> str:
    for tens_index, tens in enumerate(_TENS, start=2):
        if word.startswith(tens):
            rest = word[len(tens) :]
            return f"{tens_index}{_UNITS.index(rest) + 1 if rest else 0}"
    if word in _TEENS:
        return str(10 + _TEENS.index(word))
    return str(_UNITS.index(word) + 1)


def _digits(key: str) -> str:
    """``19fortyfive`` → ``1945``: spelled-out numbers as digits (only next to other digits)."""
    if not any(ch.isdigit() for ch in key):
        return key
    return _NUMBER_WORD.sub(lambda m: _number_value(m.group(0)), key)


def _words(name: str) -> list[str]:
    text = strip_diacritics(normalize(name)).replace("&", " and ")
    text = re.sub(r"\.(?=[a-z]{2,}\b)", " ", text)
    words = [w for w in re.split(r"[^\w]+", text) if w]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return words


def _spellings(words: list[str]) -> set[str]:
    """Ways a domain may spell a name: each word whole or as its initial, any leading run."""
    spellings: set[str] = set()
    words = words[:8]
    for end in range(1, len(words) + 1):
        run = words[:end]
        for mask in product((True, False), repeat=len(run)):
            spellings.add("".join(w if whole else w[0] for w, whole in zip(run, mask, strict=True)))
    return {s for s in spellings if len(s) >= 2}


class _Publication(NamedTuple):
    """A publication's name as :func:`publisher_matches` compares it, worked out once a name."""

    words: tuple[str, ...]
    spellings: frozenset[str]
    """Ways a domain may spell it, spelled-out numbers as digits too (``_digits``)."""
    acronym: str | None
    """The name in lower case when it is written as an acronym (``NYT``), else None."""


@lru_cache(maxsize=1024)
def _publication(publisher: str) -> _Publication | None:
    """``publisher`` read for :func:`publisher_matches` (None: it holds no word); remembered, as
    a run names few publications over many citations (issue 19: ~60 µs a source page)."""
    words = _words(publisher)
    if not words:
        return None
    compact = "".join(words)
    spellings = _spellings(words) | {compact, letters_only(publisher)}
    spellings |= {_digits(s) for s in spellings}
    stripped = publisher.strip()
    acronym = stripped.lower() if re.fullmatch(r"[A-Z]{2,6}", stripped) else None
    return _Publication(tuple(words), frozenset(spellings), acronym)


@lru_cache(maxsize=4096)
def _site_words(name: str) -> tuple[str, ...]:
    """:func:`_words` of a site name a page states, remembered: a site states the same one on
    every page."""
    return tuple(_words(name))


@lru_cache(maxsize=4096)
def _domain_labels(parts: DomainParts) -> tuple[tuple[str, str], ...]:
    """The labels of a host a publication's name may spell (its domain, then its subdomains
    but ``www``, ``m``, ``amp``), hyphens out, lower case, each with its :func:`_digits`."""
    labels = [parts.domain] if parts.domain else []
    labels += [s for s in parts.subdomain.split(".") if s and s not in ("www", "m", "amp")]
    lowered = [label.replace("-", "").lower() for label in labels]
    return tuple((label, _digits(label)) for label in lowered)


def publisher_matches(publisher: str, url: str, site_names: Sequence[str]) -> MatchResult:
    """Whether the publication a post names is the site ``url`` belongs to.

    The domain test is exact after normalisation (``The National Interest`` ↔
    ``nationalinterest.org``, ``1945`` ↔ ``19fortyfive.com``, ``NYT`` ↔ ``nytimes.com``), so a
    misspelt publication never passes it.  Site names the page states are compared word by word:
    words must be equal, though generic ones (``Magazine``) and leading articles may be missing.
    """
    publication = _publication(publisher)
    if publication is None:
        return MatchResult(False, 0.0, None, "no publication named")
    spellings, acronym = publication.spellings, publication.acronym
    parts = domain_parts(url)
    for label, digits in _domain_labels(parts):
        if label in spellings or digits in spellings:
            return MatchResult(True, 100.0, label, "the publication is the site's domain")
        if acronym and label.startswith(acronym):
            return MatchResult(True, 95.0, label, "the publication's acronym starts the domain")
    for name in site_names:
        if _same_site_name(publication.words, _site_words(name)):
            return MatchResult(True, 95.0, name, "the publication is the site's name")
    domain = ".".join(filter(None, [parts.domain, parts.suffix]))
    shown = f"; the page calls itself {site_names[0]!r}" if site_names else ""
    better = site_names[0] if site_names else domain
    return MatchResult(
        False,
        0.0,
        domain or None,
        f"the URL is on {domain or url}{shown}",
        suggestion=f"name the publication as “{better}” or check the URL" if better else None,
    )


def _same_site_name(cited: Sequence[str], shown: Sequence[str]) -> bool:
    if not shown:
        return False
    if "".join(cited) == "".join(shown) or _digits("".join(cited)) == _digits("".join(shown)):
        return True
    core_cited = {w for w in cited if w not in _GENERIC and w not in _ARTICLES}
    core_shown = {w for w in shown if w not in _GENERIC and w not in _ARTICLES}
    if not core_cited or not core_shown:
        return False
    return core_cited == core_shown
