"""Is a passage a post presents as quoted really in the source it names?

Quoting changes the form of a text without changing what it says: a blog re-types full-width
digits, drops a particle (``領土の交換`` → ``領土交換``), changes punctuation, spaces or quote
marks, leaves out a heading or a sentence.  What a quote must not change is the content: a number, a
negation, a name.  So both texts are reduced to casefolded NFKC letters and digits (no white space,
which Japanese does not use and English quoting varies), the passage is split into sentences, and
each sentence is looked for in the source, exactly or by fuzzy alignment.  An aligned sentence is
*altered* when the edits that separate it from the source touch anything but hiragana (particles,
okurigana) or a single Latin letter, or change a digit or the number of negations; one altered
sentence fails the passage.  Sentences that are not found at all (a heading, a caption, extraction
noise) are tolerated up to :data:`MISSING_SHARE` of the passage's characters.

A passage written in another script than the source (a Japanese translation of an English
article) cannot be compared verbatim: the match says ``translated`` and yields no finding.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from checker.findings import Code
from checker.model import Finding
from checker.verify.text import clean_space

__all__ = [
    "ALIGN_THRESHOLD",
    "MISSING_SHARE",
    "SOURCE_PASSAGE_LIMIT",
    "QuoteMatch",
    "find_quote",
    "quote_finding",
]

ALIGN_THRESHOLD = 75.0
"""rapidfuzz ``partial_ratio`` at or above which a sentence is aligned with a source passage.

Calibrated on the seed's Japanese news paragraphs and English wire copy: a sentence with a
dropped particle, a changed number or a swapped name scores 85-99 against its source; sentences
of other articles score a median of 39 and rarely above 70 against it.  Whether an
aligned sentence is faithful is then decided by its edits, not by this number.
"""

MISSING_SHARE = 0.10
"""The share of a passage's characters that may be in sentences not found in the source."""

MISSING_SENTENCE = 25
"""A sentence at least this long (letters and digits) that the source lacks fails the passage.

Shorter lines (a subheading, a caption, a "related article" label) may be missing: extractors
drop them.  A whole sentence of a quoted paragraph that is nowhere in the source is what
``quote-not-found`` is for, however long the rest of the passage.
"""

SOURCE_PASSAGE_LIMIT = 1200
"""Characters of the source's closest passage a report carries for a quote that failed: enough
for a paragraph's word diff, never an article."""

_MIN_SENTENCE = 8
_SLACK = 6
_CONTEXT = 60
_SENTENCE_END = re.compile(r"[。．!?！？\n]+|(?<!\d)\.|\.(?!\d)")
_HIRAGANA = re.compile(r"^[\u3041-\u309f\u30fc]+$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LATIN = re.compile(r"[^\W\d_]", re.ASCII)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n't"
    r"|ない|なかっ|なく|ません|ず(?![つっ])|ぬ(?![ぐく])"
)
_EDITORIAL = re.compile(
    r"[\[［(（〔【]\s{0,3}(?i:sic!?|(?:emphasis|italics|bold|underlining)"
    r" (?:added|mine|in original|original)|original emphasis|citation needed"
    r"|ママ)\s{0,3}[\]］)）〕】]"
)
"""An editor's mark in a quotation, which is no part of what is quoted: ``[sic]``, ``[emphasis
added]``, the Japanese ``〔ママ〕`` (sic); marks of a cut are :data:`_CUT`.  Every curator's
``[sic]`` made the sentence around it "changed in" its source: a false ``quote-not-found``."""


_CUT = re.compile(r"[\[［(（〔【]\s{0,3}(?:中略|前略|後略|略|\.{3}|…|‥)\s{0,3}[\]］)）〕】]|…+|‥+")
"""A mark of omission: ``（中略）``, ``[…]``, ``…``.  What stands on either side of it is
looked for apart (a sentence cut in its middle is two pieces of the source, not one changed
sentence): ``…`` ended no Japanese sentence, so a cut inside one was a false change."""


def _blank(mark: re.Match[str]) -> str:
    """A mark as white space of its length: the skeleton's positions still index the text."""
    return " " * len(mark.group(0))


_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quoted passage stands against its source.

    ``score`` is the share (0-100) of the passage's characters in sentences found faithfully.
    ``best_passage`` is the closest source text: around the first missing or altered sentence when
    there is one, else the stretch the passage was found in.  ``missing`` is that first sentence,
    ``altered`` says it was found changed rather than absent.  ``source_passage`` is the closest
    passage of the source to the whole quote (from its first to its last sentence found or
    aligned; else ``best_passage``), at most :data:`SOURCE_PASSAGE_LIMIT` characters: what a
    report diffs the quote against.  ``unread`` says the source gave no text to compare with (an
    empty page, a script's shell): the quote was not looked for at all.
    """

    found: bool
    score: float
    best_passage: str
    missing: str | None = None
    altered: bool = False
    translated: bool = False
    source_passage: str = ""
    unread: bool = False


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """A text's comparable letters and digits, each with its index in the original text."""

    original: str
    chars: str
    positions: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Skeleton:
        """The skeleton of ``text``, an editor's marks (:data:`_EDITORIAL`) left out."""
        chars: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(_EDITORIAL.sub(_blank, text)):
            for folded in unicodedata.normalize("NFKC", char).casefold():
                if folded.isalnum():
                    chars.append(folded)
                    positions.append(index)
        return cls(text, "".join(chars), tuple(positions))

    def original_span(self, start: int, end: int, *, context: int = 0) -> str:
        """The original text behind skeleton chars ``start:end``, widened by ``context``."""
        if not self.positions or start >= end:
            return ""
        left = max(0, self.positions[start] - context)
        right = min(len(self.original), self.positions[min(end, len(self.positions)) - 1] + 1)
        return clean_space(self.original[left : right + context])


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    skeleton: str
    found: bool
    altered: bool
    span: tuple[int, int] | None


def find_quote(passage: str, html: str, url: str) -> QuoteMatch:
    """Look for ``passage`` in the main text of the page ``html`` (fetched from ``url``)."""
    texts = [text for text in _source_texts(html, url) if _has_letters(text)]
    if not texts:
        # before the script test: a page without text has no script, and a Japanese quote
        # against it was "translated", a silent pass
        return QuoteMatch(False, 0.0, "", unread=True)
    # before sentences are cut: ``[sic!]`` ends none, and each side of a cut is a piece
    passage = _EDITORIAL.sub(_blank, _CUT.sub("\n", passage))
    if not passage.strip():
        return QuoteMatch(False, 0.0, "")
    if _script_differs(passage, texts[-1]):
        return QuoteMatch(False, 0.0, "", translated=True)
    best: QuoteMatch | None = None
    for text in texts:
        match = _match(passage, _Skeleton.of(text))
        if match.found:
            return match
        if best is None or match.score > best.score:
            best = match
    assert best is not None
    return best


def quote_finding(match: QuoteMatch, url: str) -> Finding | None:
    """The ``quote-not-found`` finding for a match, or ``None`` when found or translated.

    A source without text gives ``blocked`` at info, the catalogue's "could not be compared"
    note (docs/findings.md, ``blocked``): ``quote-not-found`` claimed the quote was missing,
    with an empty sentence “”, when nothing had been compared (probe 21).
    """
    if match.unread:
        from checker.verify.citation import not_compared  # noqa: PLC0415 (it imports this module)

        return not_compared("quote", f"{url} gives no text to read")
    if match.found or match.translated:
        return None
    first = _clip(match.missing or "", 100)
    how = "is changed in" if match.altered else "is not in"
    closest = (
        f"; closest source text: “{_clip(match.best_passage, 160)}”" if match.best_passage else ""
    )
    return Finding.of(
        Code.QUOTE_NOT_FOUND,
        f"the quoted sentence “{first}” {how} {url} ({match.score:.0f}% of the passage found)"
        f"{closest}",
        suggestion="quote the source verbatim, or mark the passage as a summary or translation",
    )


# -- source text -------------------------------------------------------------------------------


def _source_texts(html: str, url: str) -> list[str]:
    """The article text (trafilatura), then the page's visible text as a wider net.

    trafilatura and bs4 are imported on the first quote looked for: a run that checks no quote
    does not pay their import (~0.4 s of CPU; issue 19, start-up).
    """
    import trafilatura  # noqa: PLC0415 (lazy: see above)

    texts: list[str] = []
    extracted = trafilatura.extract(html, url=url, include_comments=False, favor_recall=True)
    if extracted:
        texts.append(extracted)
    visible = _visible_text(html)
    if visible and visible not in texts:
        texts.append(visible)
    return texts


def _has_letters(text: str) -> bool:
    """Whether ``text`` holds a letter or digit: what a quote is compared by (``_Skeleton``)."""
    return any(char.isalnum() for char in text)


def _visible_text(html: str) -> str:
    from bs4 import BeautifulSoup  # noqa: PLC0415 (lazy: see _source_texts)

    soup = BeautifulSoup(html, "lxml")
    for node in soup(["script", "style", "noscript", "template", "head"]):
        node.decompose()
    return str(soup.get_text("\n"))


def _script_differs(passage: str, source: str) -> bool:
    """A passage in CJK quoting a Latin-script source (or the other way round) is a translation."""
    return abs(_cjk_share(passage) - _cjk_share(source)) > 0.5


def _cjk_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    return len(_CJK.findall(text)) / letters if letters else 0.0


# -- matching ----------------------------------------------------------------------------------


def _match(passage: str, source: _Skeleton) -> QuoteMatch:
    texts = _sentences(passage)
    needles = [_Skeleton.of(text).chars for text in texts]
    windows: list[list[tuple[int, int]] | None] = [None] * len(texts)
    if not _small(needles, source.chars):
        texts = [piece for text in texts for piece in _split_long(text)]
        needles = [_Skeleton.of(text).chars for text in texts]
        windows = list(_candidate_windows(needles, source.chars))
        spent = 0  # a short sentence may have too few k-grams left to anchor a changed number
        for index, needle in enumerate(needles):
            if len(needle) <= _SHORT and spent + len(needle) * len(source.chars) <= _SHORT_BUDGET:
                spent += len(needle) * len(source.chars)
                windows[index] = None  # aligned over the whole source, as below the budget
    sentences = [
        _find_sentence(text, needle, source, where)
        for text, needle, where in zip(texts, needles, windows, strict=True)
    ]
    total = sum(len(s.skeleton) for s in sentences)
    if total == 0:
        return QuoteMatch(False, 0.0, "")
    found = sum(len(s.skeleton) for s in sentences if s.found)
    score = 100.0 * found / total
    problem = next((s for s in sentences if s.altered), None) or next(
        (s for s in sentences if not s.found and len(s.skeleton) >= MISSING_SENTENCE),
        next((s for s in sentences if not s.found), None),
    )
    lost = any(not s.found and len(s.skeleton) >= MISSING_SENTENCE for s in sentences)
    ok = not lost and not any(s.altered for s in sentences)
    ok = ok and found >= (1 - MISSING_SHARE) * total
    if ok or problem is None:
        return QuoteMatch(ok, score, _found_stretch(sentences, source))
    closest = _closest(problem, source, windows[sentences.index(problem)])
    return QuoteMatch(
        False,
        score,
        closest,
        missing=clean_space(problem.text),
        altered=problem.altered,
        source_passage=_source_passage(sentences, source, total)
        or _clip(closest, SOURCE_PASSAGE_LIMIT),
    )


def _sentences(passage: str) -> list[str]:
    """Sentences of the passage; a fragment too short to locate rides with the next one.

    Lines are never joined: a short line (a heading, a caption) stands alone, so that it can be
    tolerated as missing instead of spoiling the sentence it would be glued to.
    """
    merged: list[str] = []
    for line in passage.splitlines():
        carry: list[str] = []
        size = 0  # skeleton characters in ``carry``, counted piece by piece: re-reading the
        # carried text at each piece was quadratic (40,000 dots: minutes; session 18)
        for piece in _pieces(line):
            carry.append(piece)
            size += len(_Skeleton.of(piece).chars)
            if size >= _MIN_SENTENCE:
                merged.append("".join(carry))
                carry, size = [], 0
        if size:
            merged.append("".join(carry))
    return merged


def _pieces(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for end_mark in _SENTENCE_END.finditer(line):
        pieces.append(line[start : end_mark.end()])
        start = end_mark.end()
    pieces.append(line[start:])
    return pieces


def _find_sentence(
    text: str, needle: str, source: _Skeleton, windows: list[tuple[int, int]] | None
) -> _Sentence:
    """Where sentence ``text`` (skeleton ``needle``) stands in ``source``: exactly, else aligned
    over the whole source (``windows`` ``None``) or over the candidate ``windows`` alone."""
    where = source.chars.find(needle)
    if where >= 0:
        return _Sentence(text, needle, True, False, (where, where + len(needle)))
    aligned = _align(needle, source.chars, windows, ALIGN_THRESHOLD)
    if aligned is None:
        return _Sentence(text, needle, False, False, None)
    start = max(0, aligned.start - _SLACK)
    end = min(len(source.chars), aligned.end + _SLACK)
    span, altered = _compare(needle, source, start, end, _normal(text))
    return _Sentence(text, needle, not altered, altered, span)


def _compare(
    needle: str, source: _Skeleton, start: int, end: int, needle_text: str
) -> tuple[tuple[int, int], bool]:
    """The tight source span of an aligned sentence and whether its edits change content."""
    window = source.chars[start:end]
    ops = [op for op in Indel.opcodes(needle, window) if op.tag != "equal"]
    if ops and ops[0].src_end == 0 and ops[0].tag == "insert":
        ops = ops[1:]
    if ops and ops[-1].src_start == len(needle) and ops[-1].tag == "insert":
        ops = ops[:-1]
    blocks = Indel.opcodes(needle, window)
    equal = [b for b in blocks if b.tag == "equal"]
    tight = (start + equal[0].dest_start, start + equal[-1].dest_end) if equal else (start, end)
    region = _normal(source.original_span(*tight))
    altered = any(
        _substantive(needle[o.src_start : o.src_end] + window[o.dest_start : o.dest_end])
        for o in ops
    )
    altered = altered or len(_NEGATION.findall(needle_text)) != len(_NEGATION.findall(region))
    return tight, altered


def _substantive(changed: str) -> bool:
    """Edits that change content: any digit, any non-hiragana CJK, more than one Latin letter."""
    if any(c.isdigit() for c in changed):
        return True
    if _HIRAGANA.match(changed):
        return False
    return len(changed) > 1 or bool(_CJK.search(changed)) or not _LATIN.search(changed)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().translate(_QUOTE_MARKS)


def _found_stretch(sentences: list[_Sentence], source: _Skeleton) -> str:
    spans = [s.span for s in sentences if s.found and s.span is not None]
    if not spans:
        return ""
    return _clip(source.original_span(min(a for a, _ in spans), max(b for _, b in spans)), 600)


def _source_passage(sentences: list[_Sentence], source: _Skeleton, total: int) -> str:
    """The source from the quote's first located sentence to its last, if that reads as the
    quoted passage (not sentences found far apart) and fits :data:`SOURCE_PASSAGE_LIMIT`."""
    spans = [s.span for s in sentences if s.span is not None]
    if not spans:
        return ""
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    if end - start > 2 * total + 2 * _SLACK:
        return ""  # the sentences stand apart in the source: no one passage to compare with
    passage = source.original_span(start, end) + _closing_marks(source, end)
    return passage if len(passage) <= SOURCE_PASSAGE_LIMIT else ""


def _closing_marks(source: _Skeleton, end: int) -> str:
    """The punctuation right after skeleton char ``end - 1`` (a full stop, a closing quote)."""
    after = source.positions[end - 1] + 1
    marks = ""
    for char in source.original[after : after + 3]:
        if char.isspace() or char.isalnum():
            break
        marks += char
    return marks


def _closest(sentence: _Sentence, source: _Skeleton, windows: list[tuple[int, int]] | None) -> str:
    if sentence.span is not None:
        return source.original_span(*sentence.span, context=10)
    aligned = _align(sentence.skeleton, source.chars, windows, None)
    if aligned is None or aligned.score < 40:
        return ""
    return source.original_span(aligned.start, aligned.end, context=10)


# -- the search's cost ------------------------------------------------------------------------
#
# rapidfuzz's alignment of a sentence over the whole source costs the product of their lengths
# (and more than that for a sentence of thousands of characters): a 1,000-word quote absent from
# a 50,000-word page cost 17 s of CPU, on the run's one judging thread (session 18).  Quotes
# against ordinary pages keep that exact search; above :data:`_EXACT_BUDGET` the source is
# searched only in windows that share short runs of characters with the sentence.

_EXACT_BUDGET = 50_000_000
"""Sentence characters x source characters up to which every sentence is aligned over the whole
source: ~0.1-0.2 s of CPU on this machine (bench/README.md, session 18)."""

_EXACT_SENTENCE = 1000
"""The longest sentence (skeleton characters) aligned over the whole source: rapidfuzz's cost
grows faster than its length beyond it (4,000 against 12,500 characters: 2.7 s)."""

_PIECE = 500
"""Above the budget, a longer sentence is looked for in pieces of at most this many characters
(cut at white space), so that each window's alignment costs a bounded amount."""

_SHORT = 64
"""A sentence this short is aligned over the whole source while :data:`_SHORT_BUDGET` lasts:
rapidfuzz aligns it a machine word at a time (~0.25 ms a million pairs), and "Etwa 40 % aller."
with the number changed keeps no run of characters sure to anchor it in a window."""

_SHORT_BUDGET = 200_000_000
"""Short sentences' characters x source characters aligned over the whole source: ~50 ms."""

_GRAM = 6
_STRIDE = 3
"""Source k-grams read every :data:`_STRIDE` characters: a stretch of ``_GRAM + _STRIDE - 1``
characters the sentence shares with the source (about two words) is sure to anchor it."""

_PER_GRAM = 4
"""Positions of one k-gram in the sentences that vote: a repeated k-gram ("aaaaaa") adds no
more votes per source position than this, so voting stays linear in the source."""

_BUCKET = 32
_WINDOWS = 3


@dataclass(frozen=True, slots=True)
class _Aligned:
    """A sentence's alignment: its score and the source skeleton span it covers."""

    score: float
    start: int
    end: int


def _small(needles: list[str], source: str) -> bool:
    """Whether aligning every sentence over the whole source is cheap (today's exact search)."""
    longest = max((len(n) for n in needles), default=0)
    return longest <= _EXACT_SENTENCE and sum(map(len, needles)) * len(source) <= _EXACT_BUDGET


def _split_long(text: str) -> list[str]:
    """``text`` in pieces whose skeletons have at most :data:`_PIECE` characters, cut at white
    space (a run of text without any is cut every ``_PIECE // 2`` characters)."""
    if len(_Skeleton.of(text).chars) <= _PIECE:
        return [text]
    pieces: list[str] = []
    current, size = "", 0
    for token in re.split(r"(\s+)", text):
        length = len(_Skeleton.of(token).chars)
        if length > _PIECE:
            chunks = [token[i : i + _PIECE // 2] for i in range(0, len(token), _PIECE // 2)]
        else:
            chunks = [token]
        for chunk in chunks:
            length = len(_Skeleton.of(chunk).chars) if len(chunks) > 1 else length
            if size + length > _PIECE and size:
                pieces.append(current)
                current, size = "", 0
            current += chunk
            size += length
    if current.strip():
        pieces.append(current)
    return pieces


def _candidate_windows(needles: list[str], source: str) -> list[list[tuple[int, int]]]:
    """For each sentence, the source windows where it may stand: its k-grams vote for the
    offsets at which they meet the source's (read at a stride); the best-voted offsets, widened
    by a quarter of the sentence for what quoting inserts or drops, are the windows.  A sentence
    sharing no k-gram with the source gets none: it is not in it.  Linear in both lengths."""
    grams: dict[str, list[tuple[int, int]]] = {}
    for index, needle in enumerate(needles):
        if source.find(needle) >= 0:
            continue  # found exactly: no window needed
        for at in range(len(needle) - _GRAM + 1):
            hits = grams.setdefault(needle[at : at + _GRAM], [])
            if len(hits) < _PER_GRAM:
                hits.append((index, at))
    # a vote's key is one int, (sentence, offset bucket) in mixed radix: no tuple per vote; the
    # bucket is ``position // _BUCKET - at // _BUCKET``, the offset's bucket or the one after it
    shift = max(map(len, needles), default=0) // _BUCKET + 1
    radix = len(source) // _BUCKET + shift + 1
    keyed = {
        gram: [i * radix + shift - at // _BUCKET for i, at in hits] for gram, hits in grams.items()
    }
    votes: dict[int, int] = {}
    for position in range(0, len(source) - _GRAM + 1, _STRIDE):
        keys = keyed.get(source[position : position + _GRAM])
        if keys:
            column = position // _BUCKET
            for key in keys:
                votes[key + column] = votes.get(key + column, 0) + 1
    ranked: list[list[tuple[int, int]]] = [[] for _ in needles]
    for vote, count in votes.items():
        index, bucket = divmod(vote, radix)
        ranked[index].append((-count, bucket - shift))
    windows: list[list[tuple[int, int]]] = []
    for needle, offers in zip(needles, ranked, strict=True):
        slack = _SLACK + len(needle) // 4
        best = heapq.nsmallest(_WINDOWS, offers)
        windows.append(
            [
                (
                    max(0, (b - 1) * _BUCKET - slack),  # b may be one bucket past the offset
                    min(len(source), (b + 1) * _BUCKET + len(needle) + slack),
                )
                for _, b in best
            ]
        )
    return windows


def _align(
    needle: str, source: str, windows: list[tuple[int, int]] | None, cutoff: float | None
) -> _Aligned | None:
    """The best alignment of ``needle`` scoring at least ``cutoff``: over the whole ``source``
    when ``windows`` is ``None`` (the exact search), else over each window."""
    if windows is None:
        found = fuzz.partial_ratio_alignment(needle, source, score_cutoff=cutoff)
        return None if found is None else _Aligned(found.score, found.dest_start, found.dest_end)
    best: _Aligned | None = None
    for low, high in windows:
        found = fuzz.partial_ratio_alignment(needle, source[low:high], score_cutoff=cutoff)
        if found is not None and (best is None or found.score > best.score):
            best = _Aligned(found.score, low + found.dest_start, low + found.dest_end)
    return best


def _clip(text: str, limit: int) -> str:
    value = clean_space(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"
