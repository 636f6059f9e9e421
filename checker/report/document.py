"""Turn a run's :class:`Report` into the one report.json dictionary every formatter reads.

Formatters never look at the model: they all render this dictionary, so the JSON, the Markdown
summary and any later format cannot disagree about a status, a count or a severity.  Severities
here are the *effective* ones (the configured override, else the catalogue default), and each
finding says whether it fails the run, because a formatter has no Config to ask.  The contract is
SPEC.md's report.json; ``docs/report-schema.md`` describes it field by field.  Keys may be added
freely; removing or changing one means bumping :data:`SCHEMA_VERSION`.

A baseline (recorded findings, see ``checker/baseline.py``) reaches this module only as a
predicate, :data:`Baselined`: a finding it covers is still reported, marked ``baselined: true``,
and never fails the run.

Every string of the dictionary passes :func:`displayed`, so no format, the annotations
included, can show what this module did not clean: a credential in a cited URL (``user:pass@``,
``?token=``) is redacted, a lone surrogate (a non-UTF-8 file name) that no UTF-8 writer accepts
is replaced, and the invisible characters that can make a URL read as another are shown
(``%E2%80%AE`` in a URL, ``<U+202E>`` in text).  The head of the document is cleaned once it is
built (:func:`_cleaned`, a walk over every string).  A post's strings are cleaned as its
dictionary is built (:func:`_shown`, :func:`_shown_url`): the walk over a 20,000-citation run's
posts was ~3 % of a warm rerun's CPU for nothing a field-by-field build does not know already
(issue 19).  tests/report/test_posts.py holds the two equal on a post whose every string field
is hostile, found by reflection over the model, so a field added later and not cleaned fails it.

The posts (``"documents"``) are a :class:`Posts` sequence that builds each post's dictionary when
it is read and lets it go after: at 20,000 citations the dictionaries of every post took 24.6 MB
on top of the model they come from (issue 19), and the formats read them one post at a time
anyway.  A format that needs only the posts with findings (Markdown, the terminal, annotations)
reads :meth:`Posts.with_findings`, which builds no other post, and of those posts only the
citations with a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from checker.config import EVIDENCE_FILE
from checker.encoding import reveal_text, reveal_url, scrub
from checker.findings import CATALOGUE, Code, Severity
from checker.model import Status
from checker.redact import carries_secret, redact_echoes, redact_text, redact_url
from checker.report.accounting import accounting

if TYPE_CHECKING:
    from checker.config import Config
    from checker.model import (
        CheckedCitation,
        CheckedDocument,
        Citation,
        Cited,
        Document,
        Finding,
        Observed,
        Problem,
        Report,
    )

__all__ = [
    "SCHEMA_VERSION",
    "TOOL_NAME",
    "Baselined",
    "FindingMark",
    "Posts",
    "build_document",
    "displayed",
    "failing",
    "fails_run",
]

Baselined = Callable[["Document", "Citation", "Finding"], bool]
"""Whether a finding (of a citation, of a post) is in the baseline."""


def _never(document: Document, citation: Citation, finding: Finding) -> bool:
    return False


SCHEMA_VERSION = 1
TOOL_NAME = "citecheck"


def build_document(
    report: Report, *, config: Config, baselined: Baselined | None = None
) -> dict[str, Any]:
    """The report.json dictionary for ``report``, with severities as ``config`` sets them."""
    known = baselined or _never
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.version},
        "inputs": list(report.inputs),
        "started": report.started,
        "finished": report.finished,
        **({"interrupted": True} if report.interrupted else {}),
        "summary": _summary(report, config, known),
        "problems": [],
        "warc_files": list(report.warc_files),
        "documents": [],
    }
    _cleaned(document)
    # built clean, as the posts are (:func:`_shown`), each in its place in report.json's order
    document["problems"] = [_problem(p, config) for p in report.problems]
    document["documents"] = Posts(report.documents, config, known)
    return document


class Posts(Sequence[dict[str, Any]]):
    """report.json's ``"documents"``: each post's dictionary, built (and cleaned) as it is read.

    Nothing is kept: reading the posts twice builds them twice, so a format reads them once
    (or only :meth:`with_findings`).  Not a list, so a program that needs one says so
    (``list(posts)``) and an encoder that would read a list's storage fails rather than
    writing no posts.
    """

    __slots__ = ("_baselined", "_checked", "_config")

    def __init__(
        self, checked: Sequence[CheckedDocument], config: Config, baselined: Baselined
    ) -> None:
        self._checked = checked
        self._config = config
        self._baselined = baselined

    def __len__(self) -> int:
        return len(self._checked)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._built(d) for d in self._checked[index]]
        return self._built(self._checked[index])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self._built, self._checked)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def with_findings(self) -> Iterator[dict[str, Any]]:
        """The posts with at least one finding, in report order, each with only its citations
        that have a finding; the other posts and citations are not built.

        What the formats that show findings read (Markdown, the terminal, annotations): a post's
        citations without a finding were ~90 % of the cost of building it for them, twice a run
        (issue 19, CPU per URL)."""
        config, baselined = self._config, self._baselined
        for checked in self._checked:
            flagged = [c for c in checked.citations if c.findings]
            if flagged:
                yield _document(checked, config, baselined, flagged)

    def finding_marks(self) -> Iterator[FindingMark]:
        """Each finding's code, effective severity, ``failing`` and ``baselined``, in report
        order, as the posts' dictionaries say them, without building any post.

        What a count of findings reads (the Markdown table, the terminal's "do not fail" line):
        building every post with a finding to count them cost as much as writing report.json
        (issue 19, CPU per URL)."""
        config, baselined = self._config, self._baselined
        for checked in self._checked:
            document = checked.document
            for citation in checked.citations:
                for finding in citation.findings:
                    known = baselined(document, citation.citation, finding)
                    severity, fails = _judged(finding, config)
                    code = finding.code.value
                    yield FindingMark(code, severity.value, fails and not known, known)

    def _built(self, checked: CheckedDocument) -> dict[str, Any]:
        return _document(checked, self._config, self._baselined)


class FindingMark(NamedTuple):
    """What counting a finding reads of it: the same values as its dictionary's keys."""

    code: str
    severity: str
    failing: bool
    baselined: bool


# Keys whose string value is one whole URL (the rest are text that may contain URLs).
_URL_KEYS = frozenset({"url", "final_url", "archive_url", "saved"})
# Keys whose string value is one of the code's own names (an enum's value), never input: cleaning
# them changes nothing, and they were a third of the strings a post's cleaning looked at.
_NAME_KEYS = frozenset({"kind", "platform", "status", "code", "severity"})


_MAX_TEXT = 5_000
"""Characters of one text value (a title, an author, a quote, a message) a report shows at most.

A page's ``<title>`` of 1 MB was written whole into report.json, report.md, report.html and
twice a row into report.csv (probe 28): every format grew by the page's size, the step summary
reached GitHub's limit with one post.  A title or a quote is a few hundred characters; past
this the value is cut and the cut said (``… (995,000 more characters not shown)``).  URLs are
never cut: a cut URL points elsewhere."""


def displayed(value: str, *, url: bool = False) -> str:
    """``value`` as every report and output shows it: valid, secrets redacted, controls shown,
    a text cut at :data:`_MAX_TEXT` characters.

    ``url`` says that ``value`` is one whole URL (redacted and revealed as a URL) rather than
    text that may contain URLs.  A text is cut once redacted: cut first, a credential cut from
    its ``user:pass@`` mark would show its first characters.
    """
    shown = redact_url(value) if url else redact_text(value)
    if len(shown) > _MAX_TEXT and not url:
        shown = f"{shown[:_MAX_TEXT]}… ({len(shown) - _MAX_TEXT:,} more characters not shown)"
    if shown.isascii():  # most strings: nothing to scrub or reveal
        return shown
    shown = scrub(shown)
    return reveal_url(shown) if url else reveal_text(shown)


def _shown(value: str | None) -> str | None:
    """A text field of a post as :func:`_cleaned` leaves it (None stays None)."""
    return None if value is None else displayed(value)


def _shown_url(value: str | None) -> str | None:
    """A URL field of a post (a key of :data:`_URL_KEYS`) as :func:`_cleaned` leaves it."""
    return None if value is None else displayed(value, url=True)


def _cleaned(document: dict[str, Any]) -> dict[str, Any]:
    """Every string in ``document`` passed through :func:`displayed`, in place."""
    _each_text(document, _NAME_KEYS, lambda value, key: displayed(value, url=key in _URL_KEYS))
    return document


def _each_text(
    document: dict[str, Any], kept: frozenset[str], change: Callable[[str, Any], str]
) -> None:
    """Every string in ``document`` but those under the keys ``kept`` replaced by
    ``change(value, key)``, in place.  Walks with a stack rather than recursion: the shape is
    ours, but depth costs nothing here."""
    stack: list[dict[str, Any] | list[Any]] = [document]
    while stack:
        node = stack.pop()
        # Replacing the value of an existing key (or index) while iterating is safe.
        pairs: Iterable[tuple[Any, Any]] = (
            node.items() if isinstance(node, dict) else enumerate(node)
        )
        target: Any = node
        for key, value in pairs:
            if type(value) is str:
                if key not in kept:
                    target[key] = change(value, key)
            elif type(value) is dict or type(value) is list:
                stack.append(value)


def _without_echoes(row: dict[str, Any], url: str | None, final_url: str | None) -> dict[str, Any]:
    """A citation's ``row`` with each secret of its URLs replaced where a text repeats it (a
    page's title or text that echoes the URL asked for, a message quoting them): ``displayed``
    hides a secret it knows by its form (``name=value``, a prefixed token), not a bare value
    (``Results for s3cr3t``).  A URL with no secret costs a look into the redaction's table."""
    if any(u is not None and carries_secret(u) for u in (url, final_url)):
        _each_text(row, _URL_KEYS, lambda value, _key: redact_echoes(value, url, final_url))
    return row


def failing(report: Report, config: Config, *, baselined: Baselined | None = None) -> bool:
    """Whether any finding not in the baseline fails the run under ``config.fail_on`` (exit 1)."""
    known = baselined or _never
    return any(fails_run(p.finding, config) for p in report.problems) or any(
        fails_run(f, config) and not known(d.document, c.citation, f)
        for d in report.documents
        for c in d.citations
        for f in c.findings
    )


def fails_run(finding: Finding, config: Config) -> bool:
    """Whether ``finding`` fails a check under the run's ``fail_on`` and severities."""
    return _judged(finding, config)[1]


def _judged(finding: Finding, config: Config) -> tuple[Severity, bool]:
    """The finding's effective severity (:func:`_severity`) and whether it fails the run: the
    severity found once for both (each finding of a report asked for it twice, issue 19)."""
    severity = _severity(finding, config)
    return severity, config.report.fail_on.fails(finding.code, severity)


def _severity(finding: Finding, config: Config) -> Severity:
    """The finding's severity under the config's ``[severity]`` overrides.

    A finding the checker issued at ``info`` below its code's default is a note that fails
    nothing by design (a cited PDF whose title could not be compared, an archive's outage, a
    dead link whose archived copy the post already links): an override such as docs'
    ``blocked = "error"`` sets the severity of the code's defects, and raising these notes
    with them failed every run citing a PDF (probe 19c).
    """
    if finding.severity is Severity.INFO and CATALOGUE[finding.code].severity is not Severity.INFO:
        return Severity.INFO
    return config.report.severity_of(finding.code, finding.severity)


def _summary(report: Report, config: Config, baselined: Baselined) -> dict[str, Any]:
    citations = [c for d in report.documents for c in d.citations]
    findings = report.findings()
    codes = Counter(f.code for f in findings)
    judged = [_judged(f, config) for f in findings]
    severities = Counter(severity for severity, _ in judged)
    statuses = Counter(c.status for c in citations)
    known = [False] * len(report.problems)  # a run's accounting is never baselined
    known += [
        baselined(d.document, c.citation, f)
        for d in report.documents
        for c in d.citations
        for f in c.findings
    ]
    failing_count = sum(fails and not b for (_, fails), b in zip(judged, known, strict=True))
    return {
        "documents": len(report.documents),
        "citations": len(citations),
        "findings": {code.value: codes[code] for code in Code if codes[code]},
        "severities": {s.value: severities[s] for s in Severity},
        "statuses": {s.value: statuses[s] for s in Status},
        "failing": failing_count,
        # an interrupted run did not pass: what it left unchecked is no pass (a CI consumer
        # reading ``failed`` alone saw one), whatever its count of what it did check
        "failed": failing_count > 0 or report.interrupted,
        "baselined": sum(known),
        "accounting": accounting(report),
    }


def _document(
    checked: CheckedDocument,
    config: Config,
    baselined: Baselined,
    citations: Iterable[CheckedCitation] | None = None,
) -> dict[str, Any]:
    """A post's dictionary, with ``citations`` (by default all of the post's) in it, every
    string cleaned (:func:`displayed`) as :func:`_cleaned` would clean it."""
    document = checked.document
    return {
        "url": displayed(document.url, url=True),
        "origin": displayed(document.origin),
        "title": _shown(document.title),
        "published": document.published.isoformat() if document.published else None,
        "also_from": [displayed(value) for value in document.also_from],
        "citations": [
            _citation(document, c, config, baselined)
            for c in (checked.citations if citations is None else citations)
        ],
    }


def _citation(
    document: Document, checked: CheckedCitation, config: Config, baselined: Baselined
) -> dict[str, Any]:
    citation = checked.citation
    row = {
        "kind": citation.kind.value,
        "url": _shown_url(citation.url),
        "final_url": _shown_url(checked.final_url),
        "platform": citation.platform.value if citation.platform else None,
        "line": citation.line,
        "cited": _cited(citation.cited),
        "observed": _observed(checked.observed) if checked.observed else None,
        "status": checked.status.value,
        "note": _shown(checked.note),
        "evidence": _evidence(checked),
        "archive": _saved(checked),
        "findings": [
            _finding(f, config, baselined=baselined(document, citation, f))
            for f in checked.findings
        ],
    }
    return _without_echoes(row, citation.url, checked.final_url)


def _evidence(checked: CheckedCitation) -> dict[str, str] | None:
    """Where the fetched response is kept (``--warc``): the file and the response record."""
    if checked.warc_record_id is None:
        return None
    return {
        "warc": displayed(checked.warc_file or EVIDENCE_FILE),
        "record_id": displayed(checked.warc_record_id),
    }


def _saved(checked: CheckedCitation) -> dict[str, str | None] | None:
    """The Wayback capture ``--save`` asked for this run."""
    if checked.saved_url is None:
        return None
    return {"saved": displayed(checked.saved_url, url=True), "captured": _shown(checked.saved_at)}


def _cited(cited: Cited) -> dict[str, str | None]:
    return {
        "title": _shown(cited.title),
        "subtitle": _shown(cited.subtitle),
        "author": _shown(cited.author),
        "date": _shown(cited.date),
        "publisher": _shown(cited.publisher),
        "handle": _shown(cited.handle),
        "text": _shown(cited.text),
    }


def _observed(observed: Observed) -> dict[str, Any]:
    return {
        "status_code": observed.status_code,
        "title": _shown(observed.title),
        "author": _shown(observed.author),
        "date": _shown(observed.date),
        "site_name": _shown(observed.site_name),
        "handle": _shown(observed.handle),
        "text": _shown(observed.text),
    }


def _problem(problem: Problem, config: Config) -> dict[str, Any]:
    """A finding about an input, a post or the run (``subject`` null), never baselined."""
    return {
        "subject": _shown(problem.subject),
        **_finding(problem.finding, config, baselined=False),
    }


def _finding(finding: Finding, config: Config, *, baselined: bool) -> dict[str, Any]:
    severity, fails = _judged(finding, config)
    return {
        "code": finding.code.value,
        "severity": severity.value,
        "message": displayed(finding.message),
        "suggestion": _shown(finding.suggestion),
        "archive_url": _shown_url(finding.archive_url),
        "failing": fails and not baselined,
        "baselined": baselined,
    }
