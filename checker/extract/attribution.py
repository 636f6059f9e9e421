"""The attribution block: what a translated post says about the original it translates.

A translation post ends with the original's metadata — English title, optional subtitle,
author(s), date and URL, in no fixed order — usually after the end mark ``■`` and often followed
by author bios that are not metadata.  This module reads that block from :class:`Line` values, so
the one parser serves HTML, Markdown and plain text.

Where the block is:
1. after the last line ending with ``■``: the first run of Latin-script lines that holds a title
   or a URL (Japanese bios before or after it are skipped);
2. with no mark: the last run of Latin-script lines, after CJK text and near the end of the post,
   that holds a byline, or a title with a URL;
3. with no block: labelled lines — ``Source: URL``, ``出典:``/``元記事:`` and ``原題:`` (titles
   separated by ``、``, often ending in ``(抜粋)``: one source whose first title is ``title`` and
   the others ``alt_titles``; a ``原題:`` line without a URL of its own takes the link of the
   embed above it, which ``citations`` supplies because only it knows the embeds).

Inside a block the first English line is the title; a short line right after it without a final
period is the subtitle; prose (long lines ending with a period) is a standfirst or a bio and is
skipped.  Once a title and a URL line are read, only dates and bylines may follow.  The publisher is
the post title's trailing parenthesis: ``…(Foreign Affairs)`` or ``…（The National Interest）``.
Dates stay as the post writes them; the verifier parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.dates import is_date_line
from checker.extract.content import same_site
from checker.extract.lines import Line, bare_urls
from checker.extract.links import resolve
from checker.model import Cited

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Attribution",
    "find_attributions",
    "holds_cjk",
    "is_original_title",
    "publisher_from_title",
    "writes_cjk",
]

_END_MARKS = ("■", "□")
_MAX_CJK_AFTER_TRAILING_BLOCK = 3
_CONTEXT_CHARS = 200
# A ``原題:`` line takes the URL of a ``出典:`` line only when the two stand together.
_MAX_LABEL_GAP = 2
# A Japanese line with English names in it is still Japanese; one stray "ー" in English is not.
_MIN_CJK_CHARS = 3
# No attribution line is this long: a longer line (a whole file on one line, say) is prose.  Only
# its head is read for its script, so that a line of megabytes costs no more than this.
_MAX_BLOCK_LINE_CHARS = 4096

_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9f]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters of scripts an original may be written in besides Latin: Greek, Cyrillic, Armenian,
# Hebrew, Arabic, Devanagari, Thai, Georgian, Hangul.  Like Latin they mark the original's lines
# in a Japanese translation post.
_OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u097f"
    r"\u0e00-\u0e7f\u10a0-\u10ff\uac00-\ud7af]"
)
# Every date grammar of :func:`checker.dates.is_date_line` has a decimal digit (``\d``): a line
# without one (a title, a byline, a bio: most block lines) is no date line, told by one search.
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w")  # a letter or digit of any script: what a title has at least one of
_BYLINE = re.compile(r"^by\b\s*[:：]?\s*(?P<names>.*)$", re.IGNORECASE)
_SOURCE_LABEL = re.compile(
    r"^(?:source|original|original article|via|出典|元記事|原文|原典|ソース|引用元|参照元|参照)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)
_ORIGINAL_TITLE = re.compile(r"^原題\s*[:：]\s*(?P<titles>.+)$")
# The heading of a list of links ("References", "Further reading:"), which an English section at
# the end of a Japanese post often is: it names the list, it is no original's title.
_SECTION_NAMES = frozenset(
    {"references", "reference", "sources", "links", "related links", "further reading",
     "see also", "notes", "bibliography", "resources", "citations", "external links",
     "footnotes", "read more", "related", "related articles", "related posts", "reading list",
     "works cited", "credits", "more"}
)  # fmt: skip
_CONTAINER_FENCES = (":::", "!!!", "???")
# Patterns that start at a fixed character, never at a blank: one starting with ``\s*`` is tried
# at every blank of a long run and scans the rest of the run each time (issue 13: quadratic).
_EXCERPT_NOTE = re.compile(r"[(（](?:抜粋|一部抜粋|要約|抄訳|部分訳)[)）]$")
_TRAILING_PAREN = re.compile(r"[(（]\s*(?P<inner>[^()（）]{1,80}?)\s*[)）]\s*$")
_NOT_PUBLISHER = re.compile(
    r"^(?:抜粋|一部抜粋|要約|続報|続き|更新|追記|前編|中編|後編|完|再掲|翻訳|動画|写真|速報|"
    r"上|中|下|その\d+|\d+|part\s*\d+|updated?|video|photos?|opinion|analysis)$",
    re.IGNORECASE,
)
# "(2月12日〜13日)", "(12/8)": a date range in a title's parenthesis is no publication.
_DATE_PAREN = re.compile(r"\d{1,2}\s*[月日]|^[\d\s/.〜~-]+$")
_NAME_SEPARATORS = re.compile(r",|;|\band\b|&|、|・", re.IGNORECASE)
_SEPARATOR_MARKS = (",", ";", "&", "、", "・")  # the separators besides "and"
_PARENTHETICAL = re.compile(r"[(（][^()（）]*[)）]")
_EMPTIED_BRACKETS = re.compile(r"[(（\[<【]\s*[)）\]>】]")
"""A pair of brackets with nothing but space inside: what a URL written in them leaves."""
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "bin", "al", "ibn",
     "du", "dos", "das", "y", "ter", "mc", "jr.", "sr.", "jr", "sr"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attribution:
    """One cited original: its metadata, its URL (None when the post gives none), where it is."""

    cited: Cited
    url: str | None
    line: int
    context: str


class _Script(Enum):
    LATIN = auto()
    CJK = auto()
    LONG = auto()  # a line too long to be metadata: it ends a run, like a CJK line
    NEUTRAL = auto()  # URL-only, date-only or symbol lines: they join any run
    BLANK = auto()


class _Role(Enum):
    LABEL = auto()  # a list's heading ("References", "Further reading:"): no part of a block
    URL = auto()
    TITLE_LINK = auto()
    DATE = auto()
    BYLINE = auto()
    BY_ALONE = auto()
    NAME = auto()
    SENTENCE = auto()
    OTHER = auto()


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Draft:
    """The block being read; frozen into an :class:`Attribution` at the end."""

    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    first_line: int | None = None
    url_line_seen: bool = False
    expecting_author: bool = False
    previous: _Role | None = None

    @property
    def complete(self) -> bool:
        """A title and a URL line: the block's metadata ends, bar a date or byline after it.

        A URL given as the title's link does not end it: a subtitle may follow such a title.
        """
        return self.title is not None and self.url_line_seen


def publisher_from_title(title: str | None) -> str | None:
    """The publication a post title names in its trailing parenthesis, if any."""
    if not title:
        return None
    found = _TRAILING_PAREN.search(title.strip())
    if found is None:
        return None
    inner = found.group("inner").strip()
    if not inner or _NOT_PUBLISHER.fullmatch(inner) or _DATE_PAREN.search(inner):
        return None
    return inner


def is_original_title(text: str) -> bool:
    """True for a ``原題:`` line naming a translated post's original title(s)."""
    return _ORIGINAL_TITLE.match(text.strip()) is not None


def _strip_label(text: str) -> str:
    return _SOURCE_LABEL.sub("", text.strip(), count=1)


_READINGS_KEPT = 64
"""Lines' readings kept (:func:`_words_without_urls`, :func:`_is_date_line`), one post's at a
time (:func:`find_attributions` starts each post with none): a block line is read for its
script (:func:`_script`) and then for its role (:func:`_role`), each of which asks both; the
few lines of the block being read are all a post needs kept (issue 19)."""


def _without_urls(line: Line) -> str:
    """The line's words without its label and URLs; brackets that held only a URL go with it
    (``Original: TITLE (URL)`` gives ``TITLE``, not ``TITLE ( )``)."""
    return _words_without_urls(line.text, line.urls)


@lru_cache(maxsize=_READINGS_KEPT)
def _words_without_urls(text: str, urls: tuple[str, ...]) -> str:
    """:func:`_without_urls` of a line's ``text`` and ``urls``: a function of those alone, so
    the second reading of a line (its role after its script) is the first one's answer."""
    text = _strip_label(text)
    for url in (*urls, *bare_urls(text)):
        text = text.replace(url, " ")
    return " ".join(_EMPTIED_BRACKETS.sub(" ", text).split())


@lru_cache(maxsize=_READINGS_KEPT)
def _is_date_line(text: str) -> bool:
    """:func:`checker.dates.is_date_line`, asked only of a line with a digit: its six grammars'
    full matches cost more than the rest of a line's classification (issue 19), and a block's
    date line is asked twice (its script, then its role), answered once."""
    return _DIGIT.search(text) is not None and is_date_line(text)


def _script(line: Line) -> _Script:
    if len(line.text) > _MAX_BLOCK_LINE_CHARS:
        head = Line(line.text[:_MAX_BLOCK_LINE_CHARS], line.number)
        return _Script.CJK if _script(head) is _Script.CJK else _Script.LONG
    if _ORIGINAL_TITLE.match(line.text.strip()):
        return _Script.CJK  # a Japanese-labelled line, read by _labelled, never part of a block
    rest = _without_urls(line)
    if not rest:
        return _Script.NEUTRAL if line.urls else _Script.BLANK
    if _is_date_line(rest):
        return _Script.NEUTRAL
    # Each count stops where the answer is known (issue 19): the tests below only compare
    # them with 2 or 3, or the Latin count with the CJK count (at most 2 by then), so a line's
    # letters are not all listed.
    cjk = _count(_CJK, rest, _MIN_CJK_CHARS)
    if cjk >= _MIN_CJK_CHARS:
        return _Script.CJK
    latin = _count(_LATIN, rest, max(cjk + 1, 2))
    if cjk and cjk >= latin:
        return _Script.CJK
    if latin + _count(_OTHER_SCRIPT, rest, 2) >= 2:
        return _Script.LATIN
    return _Script.BLANK


_POST_LINES = 80
"""Lines read to tell the script a post is written in, spread evenly over it (a translator's
post may open with the original's paragraphs): the share is the same, and the cost bounded."""
_LATIN_POST_LINES = 3
"""Fewest lines in Latin script (or another non-CJK one) that say a post is written in it."""
_CJK_LINE_SHARE = 10
"""A post with more than one CJK line in this many Latin ones may be a CJK writer's."""


def holds_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return _CJK.search(text) is not None


def writes_cjk(lines: Sequence[Line]) -> bool | None:
    """Whether a post is written in CJK script, by its lines' scripts (``_script``); None when
    too few of its lines are in a script to say.

    Only a post with almost no CJK line is said to be in Latin script (False): an English post
    citing one Japanese title.  A translator's Japanese post that quotes much of the English
    original still writes its own lines in Japanese, so any real share of CJK lines makes it
    CJK: the verdict that excuses, never flags, a title in CJK (``verify.match``).
    """
    cjk = latin = 0
    for line in lines[:: max(1, len(lines) // _POST_LINES)]:
        script = _script(line)
        cjk += script is _Script.CJK
        latin += script in (_Script.LATIN, _Script.LONG)  # a long line not CJK: prose
    if cjk * _CJK_LINE_SHARE > latin:
        return True if cjk else None
    return False if latin >= _LATIN_POST_LINES else None


def _count(pattern: re.Pattern[str], text: str, limit: int) -> int:
    """How many matches of ``pattern`` (one character each) ``text`` holds, counted no further
    than ``limit``: a search from each match's end, as ``finditer`` walks, without its
    iterator and generator (a line with none, most lines for a script, is one search)."""
    count = pos = 0
    while count < limit:
        found = pattern.search(text, pos)
        if found is None:
            break
        count += 1
        pos = found.end()
    return count


def _is_name(text: str, *, max_tokens: int = 4) -> bool:
    """True when ``text`` reads as one or more personal names (``Jack Watling``, ``A and B``)."""
    cleaned = " ".join(_PARENTHETICAL.sub(" ", text).split()).rstrip(",;")
    separated = _may_separate(cleaned)
    if not separated and _one_long_name(cleaned, max_tokens):
        return False
    if not cleaned or len(cleaned) > 100 or any(map(str.isdigit, cleaned)):
        return False
    if cleaned.endswith((".", "?", "!", ":")) and not re.search(r"\b[A-Z]\.$", cleaned):
        return False
    # a text with no separator is one name: the split (~1-2 µs, its \band\b tried at every
    # character under IGNORECASE) would give it back whole (issue 19, session 36)
    parts = _NAME_SEPARATORS.split(cleaned) if separated else (cleaned,)
    names = [n for n in (part.strip() for part in parts) if n]
    if not names:
        return False
    for name in names:
        tokens = name.split()
        if not 1 <= len(tokens) <= max_tokens:
            return False
        for token in tokens:
            if token.lower() in _NAME_PARTICLES:
                continue
            if not (token[0].isupper() and _LATIN.match(token[0])):
                return False
    return any(len(n.split()) >= 2 for n in names)


def _one_long_name(cleaned: str, max_tokens: int) -> bool:
    """Whether ``cleaned``, which holds nothing that could separate names
    (:func:`_may_separate`), has more than ``max_tokens`` words: then it is one name too long to
    be one, and :func:`_is_name` is False without the digit scan, its costliest step left, on
    every title and prose line of a block (issue 19)."""
    return len(cleaned.split(None, max_tokens)) > max_tokens


def _may_separate(cleaned: str) -> bool:
    """Whether ``_NAME_SEPARATORS`` may match in ``cleaned``: it holds a separator's mark or
    ``"and"`` in lower case (the separator's ``\band\b`` under IGNORECASE matches nothing
    else); False means its split gives ``cleaned`` back whole."""
    return "and" in cleaned.lower() or any(mark in cleaned for mark in _SEPARATOR_MARKS)


def _is_sentence(text: str) -> bool:
    """Prose rather than a title: a standfirst, a first paragraph or a bio.

    A final period alone does not make prose: headlines end in abbreviations ("… Alert Tues.").
    A line whose longer words are nearly all capitalised is headline case, so a title.
    """
    words = text.split()
    if len(words) > 30:
        return True
    if _headline_case(words):
        return False
    return text.rstrip().endswith((".", "。")) and len(words) >= 6 and not text.endswith("...")


def _headline_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 3 and capitalised >= 0.8 * len(long_words)


def _title_link(line: Line, text: str | None = None) -> str | None:
    """The href when the whole line is the text of one link (``<a href=URL>Title</a>``).
    ``text``: the line's text without its label, when the caller has it already."""
    if text is None:
        text = _strip_label(line.text)
    for anchor in line.anchors:
        if (
            not anchor.in_embed
            and anchor.text
            and anchor.text != anchor.href
            and anchor.text.strip() == text
        ):
            return anchor.href
    return None


def _role(line: Line) -> tuple[_Role, str]:
    """What a block line is, and its text without a source label."""
    text = _strip_label(line.text)
    if line.urls and not _without_urls(line):
        return _Role.URL, line.urls[0]
    if _title_link(line, text) is not None:
        return _Role.TITLE_LINK, text
    if _is_date_line(text):
        return _Role.DATE, text
    byline = _BYLINE.match(text)
    if byline is not None:
        names = byline.group("names").strip()
        if not names:
            return _Role.BY_ALONE, text
        if _is_name(names, max_tokens=5):
            return _Role.BYLINE, names
    if _is_section_label(text):
        return _Role.LABEL, text
    if _is_name(text):
        return _Role.NAME, text
    if _is_sentence(text):
        return _Role.SENTENCE, text
    return _Role.OTHER, text


def _is_section_label(text: str) -> bool:
    """A line that introduces what follows (``Further reading:``) or names a list of links
    (``References``): a title never ends with a colon, and these words title no article.  A
    container's fence (Zenn's ``:::message``, Qiita's ``:::note info``, MkDocs' ``!!! note``),
    which Markdown leaves as text, is markup: it was read as the title of the link card above
    it (probe 27)."""
    text = text.strip()
    return (
        text.endswith((":", "："))
        or text.lower() in _SECTION_NAMES
        or text.startswith(_CONTAINER_FENCES)
    )


def _read_block(run: Sequence[Line]) -> _Draft:
    """Assign title, subtitle, author, date and URL from a run of Latin-script lines."""
    draft = _Draft()
    roles = [_role(line) for line in run]
    for index, (line, (role, text)) in enumerate(zip(run, roles, strict=True)):
        if (
            draft.complete
            and role not in (_Role.DATE, _Role.BYLINE, _Role.BY_ALONE)
            and not (draft.expecting_author and role in (_Role.NAME, _Role.OTHER))
        ):
            break
        following = next((r for r, _ in roles[index + 1 :] if r is not _Role.SENTENCE), None)
        _take(draft, line, role, text, following)
        draft.previous = role
    return draft


def _take(draft: _Draft, line: Line, role: _Role, text: str, following: _Role | None) -> None:
    if draft.expecting_author and role in (_Role.NAME, _Role.OTHER):
        draft.author = draft.author or text
        draft.expecting_author = False
        return
    draft.expecting_author = False
    if role is _Role.LABEL:
        return
    if role is _Role.URL:
        draft.url_line_seen = True
        if draft.url is None:
            draft.url = text
            draft.first_line = draft.first_line or line.number
    elif role is _Role.TITLE_LINK:
        if draft.title is None:
            draft.title = text
            draft.first_line = line.number
        if draft.url is None:
            draft.url = _title_link(line)
    elif role is _Role.DATE:
        draft.date = draft.date or text
    elif role is _Role.BYLINE:
        draft.author = draft.author or text
    elif role is _Role.BY_ALONE:
        draft.expecting_author = draft.author is None
    elif role is _Role.NAME:
        _take_name(draft, line, text, following)
    elif role is _Role.OTHER:
        _take_other(draft, line, text)


def _take_name(draft: _Draft, line: Line, text: str, following: _Role | None) -> None:
    """A name-like line: the title if it comes first, else the author when a date/URL follows."""
    if (
        draft.title is not None
        and draft.author is None
        and following in (None, _Role.DATE, _Role.URL, _Role.TITLE_LINK)
    ):
        draft.author = text
    else:
        _take_other(draft, line, text)


def _take_other(draft: _Draft, line: Line, text: str) -> None:
    """Any other text line: the title if it comes first, else a subtitle right after it.

    A line holding a link of its own names that link, not the page of the URL line after it:
    a Zenn or Qiita post's embed line (``@[tweet](URL)``, read ``@tweet``) or labelled link
    (``GitHub: [repo](URL)``) above a link card (a URL alone on its line) was taken for the
    title the post claims for the card's page, a false ``title-mismatch`` (probe 27).  A line
    with words of its own besides its link (a translation's title linking its publisher's home
    or ``([PDF](URL))``) is still the title it claims (probe 27b)."""
    if _names_its_link(line, text):
        return
    if draft.title is None:
        draft.title = text
        draft.first_line = line.number
    elif (
        draft.subtitle is None
        and draft.author is None
        and draft.date is None
        and draft.previous in (_Role.NAME, _Role.OTHER, _Role.TITLE_LINK)
    ):
        draft.subtitle = text


def _names_its_link(line: Line, text: str) -> bool:
    """Whether ``text`` (``line``'s) is its links' text and at most a mark or a label besides:
    ``@tweet`` (Zenn's ``@[tweet](URL)``), ``GitHub: repo``, ``[repo](URL)``."""
    rest, linked = text, False
    for anchor in line.anchors:
        if anchor.href:
            linked = True
            rest = rest.replace(anchor.text, "", 1) if anchor.text else rest
    if not linked:
        return False
    rest = rest.strip().strip(_LINK_MARKS).strip()
    return not rest or rest.endswith((":", "："))


_LINK_MARKS = "@#-–—|•·>*"
"""What a line may hold around its link and still be the link: an embed's ``@``, a list's or a
separator's mark."""


def _runs(scripts: Sequence[_Script]) -> list[list[int]]:
    """Indexes of maximal runs of Latin-script (or neutral) lines; CJK lines separate runs."""
    runs: list[list[int]] = []
    current: list[int] = []
    for index, script in enumerate(scripts):
        if script in (_Script.CJK, _Script.LONG):
            if current:
                runs.append(current)
            current = []
        elif script is not _Script.BLANK:
            current.append(index)
    if current:
        runs.append(current)
    return runs


def _to_attribution(draft: _Draft, run: Sequence[Line], publisher: str | None) -> Attribution:
    cited = Cited(
        title=draft.title,
        subtitle=draft.subtitle,
        author=draft.author,
        date=draft.date,
        publisher=publisher,
    )
    context = " / ".join(line.text for line in run if line.text)
    first = draft.first_line if draft.first_line is not None else run[0].number
    return Attribution(cited, draft.url, first, _shorten(context))


def _shorten(text: str) -> str:
    return text if len(text) <= _CONTEXT_CHARS else text[: _CONTEXT_CHARS - 1].rstrip() + "…"


def _after_end_mark(lines: Sequence[Line], publisher: str | None) -> Attribution | None:
    # the last end mark, looked for from the end: the lines before it are not read
    last = next(
        (i for i in range(len(lines) - 1, -1, -1) if lines[i].text.rstrip().endswith(_END_MARKS)),
        None,
    )
    if last is None or _Scripts(lines).first_cjk(last + 1) is None:
        return None
    region = lines[last + 1 :]
    for indexes in _runs([_script(line) for line in region]):
        run = [region[i] for i in indexes]
        draft = _read_block(run)
        if draft.title is not None or draft.url is not None:
            return _to_attribution(draft, run, publisher)
    return None


def _has_anchor_role(run: Sequence[Line]) -> bool:
    roles = {_role(line)[0] for line in run}
    return bool(roles & {_Role.URL, _Role.TITLE_LINK, _Role.BYLINE, _Role.BY_ALONE})


class _Scripts:
    """The lines' scripts, each classified when first asked for (issue 19).

    Classifying a line (its URLs taken out, date and script tests) cost more than anything else
    the attribution does, and a post has hundreds of lines of which only the few near its end
    can hold the block.  A line with no CJK character is never :attr:`_Script.CJK` (the
    ``原題`` label is CJK too), so the search for a post's first CJK line classifies only lines
    where one such character shows, found by one regex search each.
    """

    __slots__ = ("_known", "_lines")

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._known: dict[int, _Script] = {}

    def __getitem__(self, index: int) -> _Script:
        known = self._known.get(index)
        if known is None:
            known = self._known[index] = _script(self._lines[index])
        return known

    def may_be_cjk(self, index: int) -> bool:
        """False when line ``index`` cannot be CJK: no CJK character in what ``_script`` reads."""
        if index in self._known:
            return self._known[index] is _Script.CJK
        return _CJK.search(self._lines[index].text, 0, _MAX_BLOCK_LINE_CHARS) is not None

    def first_cjk(self, stop: int) -> int | None:
        """The index of the first CJK line before ``stop``, or None."""
        return next((i for i in range(stop) if self.may_be_cjk(i) and self[i] is _Script.CJK), None)


def _own_link_alone(run: Sequence[Line], page_url: str) -> bool:
    """Whether ``run`` is one line that is only a link (its text or its URL) to the post's own
    site: a paragraph the author gives to a link to another of their posts (probe 26: a Hugo
    blog's "做法同" / ``<p><a href=/2016/09hit-oj-2687-candy/>hitoj2687题解</a></p>`` mid-post).
    An attribution names an original elsewhere, with a label, an author or a date."""
    if len(run) != 1:
        return False
    role, text = _role(run[0])
    href = _title_link(run[0]) if role is _Role.TITLE_LINK else text if role is _Role.URL else None
    url = resolve(href, page_url) if href is not None else None
    return url is not None and same_site(url, page_url)


def _trailing_block(
    lines: Sequence[Line], publisher: str | None, page_url: str | None = None
) -> Attribution | None:
    """With no end mark: the last Latin run near the end of a CJK post with a URL or a byline.

    The runs are read from the end, each line classified as the walk reaches it: the walk ends
    at the fourth CJK line from the end (a run before it has too much CJK text after it) or at
    the post's first CJK line (a run before it has none before it), so the lines of a post
    before its block are not classified.  A run that is one link alone to the post's own site
    (``page_url``'s), with CJK text after it, is a link in the post's prose, not its block.
    """
    scripts = _Scripts(lines)
    first_cjk = scripts.first_cjk(len(lines))
    if first_cjk is None:
        return None
    cjk_after = 0
    index = len(lines) - 1
    while index > first_cjk:
        script = scripts[index]
        if script in (_Script.CJK, _Script.LONG):
            cjk_after += script is _Script.CJK
            if cjk_after > _MAX_CJK_AFTER_TRAILING_BLOCK:
                return None  # every run from here back has too much CJK text after it
            index -= 1
            continue
        indexes: list[int] = []  # the run that ends here, from its end back to its start
        while index >= 0 and scripts[index] not in (_Script.CJK, _Script.LONG):
            if scripts[index] is not _Script.BLANK:
                indexes.append(index)
            index -= 1
        run = [lines[i] for i in reversed(indexes)]  # after first_cjk: CJK text before it
        if not run or not _has_anchor_role(run):
            continue
        if cjk_after and page_url is not None and _own_link_alone(run, page_url):
            continue  # a link in the post's prose, to the author's own page: no original named
        draft = _read_block(run)
        if (draft.url is not None and draft.title is not None) or draft.author is not None:
            return _to_attribution(draft, run, publisher)
    return None


def _labelled(lines: Sequence[Line], publisher: str | None) -> tuple[Attribution, ...]:
    """``原題:`` titles and ``Source:``/``出典:`` lines, for posts without a block."""
    originals: list[Attribution] = []
    sources: list[Attribution] = []
    for index, line in enumerate(lines):
        if len(line.text) > _MAX_BLOCK_LINE_CHARS:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        found = _ORIGINAL_TITLE.match(line.text.strip())
        if found is not None:
            originals.extend(_original_titles(line, found.group("titles"), publisher))
        elif _SOURCE_LABEL.match(line.text.strip()):
            source = _source_line(line, following, publisher)
            if source is not None:
                sources.append(source)
    if (
        len(originals) == 1
        and len(sources) == 1
        and originals[0].url is None
        and abs(originals[0].line - sources[0].line) <= _MAX_LABEL_GAP
    ):
        source, original = sources[0], originals[0]
        merged = Cited(
            title=original.cited.title, alt_titles=original.cited.alt_titles, publisher=publisher
        )
        first = min(original.line, source.line)
        return (Attribution(merged, source.url, first, original.context),)
    return tuple(sorted((*originals, *sources), key=lambda a: a.line))


def _original_titles(line: Line, titles: str, publisher: str | None) -> list[Attribution]:
    """One source for a ``原題:`` line: the first title, the others as alternatives."""
    urls = line.urls
    for href in urls:
        titles = titles.replace(href, " ")
    names = [t.strip() for t in _EXCERPT_NOTE.sub("", titles.strip()).split("、")]
    names = [n for n in names if n]
    if not names:
        return []
    url: str | None = urls[0] if len(set(urls)) == 1 else None
    cited = Cited(title=names[0], alt_titles=tuple(names[1:]), publisher=publisher)
    return [Attribution(cited, url, line.number, _shorten(line.text))]


def _source_line(line: Line, following: Line | None, publisher: str | None) -> Attribution | None:
    """A ``Source: URL`` line; without a URL it is a credit ("Source: Reuters"), not a citation.

    A URL on the line after the label is cited at its own line: in a Markdown table the label
    may end one row and the URL open the next, and the citation pointed at the label's row,
    where ``citecheck fix`` and an annotation would look for a URL in vain.
    """
    rest = _without_urls(line)
    url: str | None = line.urls[0] if line.urls else None
    at = line.number
    if url is None and following is not None and following.urls and not _without_urls(following):
        url, at = following.urls[0], following.number
    # What is left may be no title at all: the second colon of a Logseq or Dataview property
    # (``source:: URL``), a dash or a bar before the URL.  Claimed as the page's title, ``:`` made
    # a false ``title-mismatch`` on every Logseq page naming its source (probe 29).
    title = rest if _WORD.search(rest) else None
    if url is None:
        return None
    cited = Cited(title=title, publisher=publisher)
    return Attribution(cited, url, at, _shorten(line.text))


def find_attributions(
    lines: Sequence[Line], post_title: str | None, page_url: str | None = None
) -> tuple[Attribution, ...]:
    """The originals a post names: its attribution block, else its labelled source lines.

    ``page_url`` (the post's address, None when unknown) tells a link to the author's own site
    from an original's."""
    _words_without_urls.cache_clear()  # one post's readings kept (_READINGS_KEPT)
    _is_date_line.cache_clear()
    publisher = publisher_from_title(post_title)
    block = _after_end_mark(lines, publisher) or _trailing_block(lines, publisher, page_url)
    if block is not None:
        return (block,)
    return _labelled(lines, publisher)
