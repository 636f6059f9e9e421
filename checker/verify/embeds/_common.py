"""What every platform verifier shares: endpoint rules, their answers and the post comparisons.

Each platform module only knows which public endpoints to ask and how to read their answers; how
an answer is classified (found, gone, hidden, failed) and how a shown handle, text and date are
compared with the real ones is the same everywhere, so it lives here once.  The comparisons are
deliberately tolerant of what embeds change by themselves (shortened links, entities, width forms,
trailing hashtags, a text cut with ``…``, time zones) and strict about what a person changes
(a word, a number, a day).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from rapidfuzz import fuzz

from checker.findings import Code
from checker.model import Citation, Fetcher, FetchResult, Finding, Observed, Outcome, Status
from checker.verify.text import clean_space, letters_only

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

__all__ = [
    "DATE_TOLERANCE",
    "TEXT_THRESHOLD",
    "Answer",
    "AnswerKind",
    "EmbedVerdict",
    "Endpoint",
    "PostFacts",
    "ask",
    "compare_post",
    "failed_verdict",
    "fragment_text",
    "gone_verdict",
    "handle_key",
    "hidden_verdict",
    "notes",
    "parse_instant",
    "parse_shown_date",
    "parse_soup",
    "post_skeleton",
    "texts_agree",
]

TEXT_THRESHOLD = 95.0
"""rapidfuzz ``ratio`` on the letter-and-digit skeletons at or above which two post texts agree.

Once links, entities, hashtags, widths and punctuation are normalised away, a faithful copy scores
100; one replaced word in a 60-character post scores about 90, so 95 leaves room for a stray
character (an emoji's alt text, a ligature) and none for an edit.  Numbers are compared exactly on
top of this, because one changed digit barely moves a ratio.
"""

DATE_TOLERANCE = timedelta(days=1)
"""An embed prints the date in the time zone of whoever rendered it, so ±1 day is the same post."""


@dataclass(frozen=True, slots=True)
class EmbedVerdict:
    """What the platform's public endpoints say about one embedded post."""

    status: Status
    observed: Observed | None = None
    findings: tuple[Finding, ...] = ()
    note: str | None = None
    final_url: str | None = None


class AnswerKind(StrEnum):
    """How one endpoint answered: the post is there, gone, hidden from the public, or no answer."""

    FOUND = "found"
    GONE = "gone"
    HIDDEN = "hidden"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One named endpoint rule: the URL template and what its status codes mean.

    ``template`` fields are percent-encoded in full when the URL is built, so a post URL can be
    passed as a query value.  A code that is neither 200, ``gone`` nor ``hidden`` is a failure:
    it tells nothing about the post.
    """

    name: str
    template: str
    gone: frozenset[int] = frozenset({404, 410})
    hidden: frozenset[int] = frozenset({403})

    def url(self, **params: str) -> str:
        """The endpoint URL for these parameters."""
        return self.template.format(**{k: quote(v, safe="") for k, v in params.items()})


@dataclass(frozen=True, slots=True)
class Answer:
    """One endpoint's answer, classified; ``detail`` explains it in the verdict's note."""

    endpoint: str
    kind: AnswerKind
    result: FetchResult
    detail: str

    @property
    def label(self) -> str:
        """``x-oembed: 404`` — the rule's name and what it said."""
        return f"{self.endpoint}: {self.detail}"

    @property
    def rate_limited(self) -> bool:
        """Whether the failure was the platform refusing a robot rather than being down."""
        return self.result.status_code == 429

    def json(self) -> dict[str, Any] | None:
        """The body as a JSON object, or ``None`` when it is not one."""
        try:
            value = json.loads(self.result.text or "")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


async def ask(fetcher: Fetcher, endpoint: Endpoint, **params: str) -> Answer:
    """Fetch one endpoint and classify its answer by status code alone."""
    result = await fetcher.get(endpoint.url(**params))
    code = result.status_code
    if result.outcome is not Outcome.OK or code is None:
        detail = result.error or str(result.outcome)
        return Answer(endpoint.name, AnswerKind.FAILED, result, f"no answer ({detail})")
    if code == 200:
        return Answer(endpoint.name, AnswerKind.FOUND, result, "200")
    if code in endpoint.gone:
        return Answer(endpoint.name, AnswerKind.GONE, result, str(code))
    if code in endpoint.hidden:
        return Answer(endpoint.name, AnswerKind.HIDDEN, result, str(code))
    return Answer(endpoint.name, AnswerKind.FAILED, result, str(code))


def notes(*answers: Answer | None, extra: str | None = None) -> str:
    """The verdict's note: which endpoint answered what, in the order they were asked."""
    parts = [a.label for a in answers if a is not None]
    if extra:
        parts.append(extra)
    return "; ".join(parts)


def failed_verdict(*answers: Answer | None, reason: str | None = None) -> EmbedVerdict:
    """No endpoint could say: ``blocked`` when rate-limited, else ``unreachable``; no finding."""
    asked = [a for a in answers if a is not None]
    status = Status.BLOCKED if any(a.rate_limited for a in asked) else Status.UNREACHABLE
    return EmbedVerdict(status, note=notes(*asked, extra=reason or "post not verified"))


def gone_verdict(
    citation: Citation, *answers: Answer | None, reason: str = "deleted or not found"
) -> EmbedVerdict:
    """The endpoints agree the post no longer exists."""
    return _unavailable(
        citation,
        answers,
        Status.BROKEN,
        f"the embedded post is {reason}",
        "replace the embed with an archived copy or quote the post as text",
    )


def hidden_verdict(citation: Citation, *answers: Answer | None, reason: str) -> EmbedVerdict:
    """The post exists or existed but the public cannot see it (suspended, protected)."""
    return _unavailable(
        citation,
        answers,
        Status.BLOCKED,
        f"the embedded post is not viewable: {reason}",
        "readers see an empty embed; quote the post as text or cite an archived copy",
    )


def _unavailable(
    citation: Citation,
    answers: tuple[Answer | None, ...],
    status: Status,
    message: str,
    suggestion: str,
) -> EmbedVerdict:
    finding = Finding.of(
        Code.EMBED_UNAVAILABLE, f"{message} ({notes(*answers)})", suggestion=suggestion
    )
    status_code = next((a.result.status_code for a in answers if a is not None), None)
    return EmbedVerdict(
        status, Observed(status_code=status_code), (finding,), notes(*answers), citation.url
    )


# -- reading answers ---------------------------------------------------------------------------


def parse_soup(html: str) -> BeautifulSoup:
    """``html`` parsed by BeautifulSoup on lxml, for the CSS selectors the platforms' markup is
    read with.  bs4 and soupsieve are imported here, on the first embed answer read: a run that
    checks no embedded post does not pay their import (~0.25 s of CPU; issue 19, start-up)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415 (lazy: see above)

    return BeautifulSoup(html, "lxml")


def fragment_text(html_fragment: str, selector: str | None = None) -> str:
    """The visible text of an HTML fragment (or of its first ``selector`` match), br as \\n."""
    soup = parse_soup(html_fragment)
    node = soup.select_one(selector) if selector else soup
    if node is None:
        return ""
    for br in node.find_all("br"):
        br.replace_with("\n")
    return str(node.get_text()).strip()


def parse_instant(text: str | None) -> datetime | None:
    """An ISO 8601 or RFC 2822 timestamp as an aware datetime (naive ones are taken as UTC).

    dateutil is imported on first use, like bs4 in :func:`parse_soup`: only embeds need it.
    """
    if not text:
        return None
    from dateutil import parser as date_parser  # noqa: PLC0415 (lazy: see above)

    try:
        value = date_parser.parse(text)
    except (ValueError, OverflowError):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# -- shown dates -------------------------------------------------------------------------------

_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan janv januar enero gennaio januari janeiro янв",
        "feb févr fevr februar febrero febbraio februari fevereiro фев",
        "mar mars märz marzo maart março мар",
        "apr avr avril abril aprile апр",
        "may mai mayo maggio mei maio мая май",
        "jun juin juni junio giugno junho июн",
        "jul juil juli julio luglio julho июл",
        "aug août aout agosto augustus авг",
        "sep sept septembre september septiembre settembre setembro сен",
        "oct okt octobre oktober octubre ottobre outubro окт",
        "nov novembre november noviembre novembro ноя",
        "dec déc dez dezember diciembre dicembre december dezembro дек",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")


def parse_shown_date(text: str | None) -> date | None:
    """The calendar date an embed shows, in English, CJK, ISO or common European forms.

    Returns ``None`` when the text is not recognisably one date: no comparison is better than
    a guess (``3/4/2025`` is left alone, as is anything with two candidate years).
    """
    if not text:
        return None
    value = unicodedata.normalize("NFKC", text).strip()
    match = _CJK_DATE.search(value) or _ISO_DATE.search(value)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    month = next((_month_of(w) for w in _WORD.findall(value.casefold()) if _month_of(w)), None)
    numbers = [int(n) for n in _NUMBER.findall(value)]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if month is None or len(years) != 1 or len(days) != 1:
        return None
    return _safe_date(years[0], month, days[0])


def _month_of(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    for length in (4, 3):
        if len(word) >= length and word[:length] in _MONTHS:
            return _MONTHS[word[:length]]
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- post texts --------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.|pic\.(?:twitter|x)\.com/)\S*", re.IGNORECASE)
# A display URL starts where a word does (not after ``-`` or ``.`` either): started inside a run of
# ``a.a.a…`` or ``---…`` it would rescan the run from every position, O(n²) (issue 13).
_DISPLAY_URL = re.compile(
    r"(?<![\w@#.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?[a-z]{2,}/\S*", re.IGNORECASE
)
_TAG_MARKS = "#＃"
_ELLIPSIS = ("…", "...", "⋯")


def _without_trailing_tags(value: str) -> str:
    """``value`` without the hashtags that end it (``… #Ukraine #news``).

    Scanned from the end, once: the pattern ``(?:\\s*#\\S+)+\\s*$`` retried from every hashtag of
    a long run that is not at the end, O(n²) on hostile text (issue 13).
    """
    cut = len(value.rstrip())
    while True:
        start = cut
        while start > 0 and not value[start - 1].isspace() and value[start - 1] not in _TAG_MARKS:
            start -= 1
        if start in (cut, 0) or value[start - 1] not in _TAG_MARKS:
            return value[:cut]
        cut = len(value[: start - 1].rstrip())


def post_skeleton(text: str, links: tuple[str, ...] = ()) -> tuple[str, bool]:
    """The comparable core of a post's text and whether it was cut short with an ellipsis.

    Links are dropped in every form an embed shows them (``t.co``, expanded, display URL,
    ``pic.twitter.com``), then trailing hashtags; what remains is reduced to casefolded letters
    and digits, so entities, widths, punctuation and white space cannot make a difference.
    """
    value = clean_space(text)
    for link in sorted((clean_space(x) for x in links if x), key=len, reverse=True):
        value = value.replace(link, " ")
    value = _DISPLAY_URL.sub(" ", _URL.sub(" ", value)).strip()
    value = _without_trailing_tags(value).strip()
    truncated = value.endswith(_ELLIPSIS)
    return letters_only(value), truncated


def texts_agree(shown: str, real: str, links: tuple[str, ...] = ()) -> tuple[bool, float]:
    """Whether the shown text is the post's text, and the similarity score (0-100)."""
    a, a_cut = post_skeleton(shown, links)
    b, b_cut = post_skeleton(real, links)
    if a_cut and len(a) < len(b):
        b = b[: len(a)]
    elif b_cut and len(b) < len(a):
        a = a[: len(b)]
    if a == b:
        return True, 100.0
    score = float(fuzz.ratio(a, b))
    cut = a_cut or b_cut
    return score >= TEXT_THRESHOLD and _same_numbers(a, b, cut=cut), score


def _same_numbers(a: str, b: str, *, cut: bool) -> bool:
    left, right = _NUMBER.findall(a), _NUMBER.findall(b)
    if cut:  # the last number may be split by the cut
        left, right = left[:-1], right[:-1]
    return left == right


# -- comparisons -------------------------------------------------------------------------------


def handle_key(handle: str | None) -> str:
    """A handle in comparable form: no ``@``, no surrounding space, casefolded."""
    return (handle or "").strip().lstrip("@＠").casefold()


@dataclass(frozen=True, slots=True)
class PostFacts:
    """What the platform says the post is, ready to compare with what the embed shows.

    ``shown_date`` is the platform's own rendering of the date (an oEmbed snippet) when no
    timestamp is known; ``links`` are the URL forms the text may show for its links.
    ``same_account`` says the embed's own markup names the posting account by a permanent id (a
    Bluesky DID), so a shown handle that differs is a later rename, not another account.
    """

    handle: str | None = None
    author: str | None = None
    text: str | None = None
    posted: datetime | None = None
    shown_date: str | None = None
    title: str | None = None
    links: tuple[str, ...] = ()
    source: str = ""
    same_account: bool = False

    def observed(self, status_code: int | None) -> Observed:
        """The facts as report.json's ``observed``."""
        when = self.posted.isoformat() if self.posted else self.shown_date
        return Observed(
            status_code=status_code,
            title=self.title,
            author=self.author,
            date=when,
            handle=self.handle,
            text=self.text,
        )


def compare_post(citation: Citation, facts: PostFacts) -> tuple[Finding, ...]:
    """Author, text and date findings for an available post; silent where either side is unknown."""
    found = [
        _handle_finding(citation, facts),
        _text_finding(citation, facts),
        _date_finding(citation, facts),
    ]
    return tuple(f for f in found if f is not None)


def _handle_finding(citation: Citation, facts: PostFacts) -> Finding | None:
    if facts.same_account:
        return None
    shown, real = handle_key(citation.cited.handle), handle_key(facts.handle)
    if shown and real:
        if _same_handle(shown, real):
            return None
        return Finding.of(
            Code.EMBED_AUTHOR_MISMATCH,
            f"the embed shows @{citation.cited.handle} but the post is by @{facts.handle}"
            f" ({facts.source})",
            suggestion=f"show the account that posted it: @{facts.handle}",
        )
    if shown or not (citation.cited.author and facts.author):
        return None
    if fuzz.token_set_ratio(letters_only(citation.cited.author), letters_only(facts.author)) >= 60:
        return None
    return Finding.of(
        Code.EMBED_AUTHOR_MISMATCH,
        f"the embed names “{citation.cited.author}” but the post is by “{facts.author}”"
        f" ({facts.source})",
    )


def _same_handle(shown: str, real: str) -> bool:
    """``user`` matches ``user@instance``; two full addresses must be equal."""
    if shown == real:
        return True
    if "@" in shown and "@" in real:
        return False
    return shown.split("@", 1)[0] == real.split("@", 1)[0]


def _text_finding(citation: Citation, facts: PostFacts) -> Finding | None:
    shown = citation.cited.text or (citation.cited.title if facts.title else None)
    real = facts.text if facts.text is not None else facts.title
    if not shown or real is None:
        return None
    agree, score = texts_agree(shown, real, facts.links)
    if agree:
        return None
    return Finding.of(
        Code.EMBED_TEXT_MISMATCH,
        f"the embed's text differs from the post ({score:.0f}% similar, {facts.source}):"
        f" shown “{_clip(shown)}”, posted “{_clip(real)}”",
        suggestion="copy the post's text exactly, or re-embed it",
    )


def _date_finding(citation: Citation, facts: PostFacts) -> Finding | None:
    shown = parse_shown_date(citation.cited.date)
    if shown is None:
        return None
    if facts.posted is not None:
        real_day = facts.posted.astimezone(UTC).date()
        real_text = facts.posted.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    else:
        parsed = parse_shown_date(facts.shown_date)
        if parsed is None:
            return None
        real_day, real_text = parsed, str(facts.shown_date)
    if abs(shown - real_day) <= DATE_TOLERANCE:
        return None
    return Finding.of(
        Code.EMBED_DATE_MISMATCH,
        f"the embed shows {citation.cited.date} but the post was made {real_text} ({facts.source})",
        suggestion=f"show the post's date: {real_day.isoformat()}",
    )


def _clip(text: str, limit: int = 120) -> str:
    value = clean_space(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"
