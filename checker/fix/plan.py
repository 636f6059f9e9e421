"""Which citations a run's verdicts say can be repaired, and with what URL.

Only a verdict that names its own remedy is repaired: a dead source (``broken``, ``soft-404``, or
an ``unreachable`` that has lasted long enough to fail, see ``verify.persistence``) with a
*verified* archived copy (the finding's ``archive_url``, set only once the copy itself passed the
soft-404 and title checks), and a permanent move (``redirected``, whose suggestion names the new
address).  A dead source without a verified copy, a blocked one or a mismatch is for a person to
judge, so it is left alone: a wrong automatic edit is worse than none.  A post that already links
the verified copy needs nothing (its finding is ``info``, Wikipedia's ``url-status=dead``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.encoding import ascii_digits
from checker.findings import Code, Severity
from checker.model import CheckedCitation, CheckedDocument, CitationKind, Finding, Report
from checker.urls import archived_original

__all__ = ["Repair", "beyond_repair", "plan_repairs", "version_date"]

_DEAD = frozenset({Code.BROKEN, Code.SOFT_404})
_REPAIRED_KINDS = frozenset({CitationKind.SOURCE, CitationKind.LINK})
"""Embeds are the platform's markup (a tweet's blockquote), not a link the writer typed, and a
quote's URL is the link it sits under, repaired as that link."""
_MOVED_PREFIX = "cite "


@dataclass(frozen=True, slots=True)
class Repair:
    """One citation to rewrite: where it is, the URL written, the URL to write, and why.

    ``origin`` is the input the post came from as discovery named it (a file path, or a URL for a
    remote blog); ``line`` is the citation's line in that post's page.  ``archived`` says
    ``new_url`` is an archived copy of ``old_url`` captured on ``version_date`` (HTML keeps the
    original beside it as Robust Links), not the source's new address.
    """

    origin: str
    post_url: str
    line: int | None
    old_url: str
    new_url: str
    why: str
    archived: bool
    version_date: str | None = None


def plan_repairs(report: Report) -> tuple[Repair, ...]:
    """Every repair the run's verdicts allow, in report order, each citation once."""
    found: dict[tuple[str, str, int | None, str], Repair] = {}
    for document in report.documents:
        for checked in document.citations:
            repair = _repair(document, checked)
            if repair is not None:
                key = (repair.origin, repair.post_url, repair.line, repair.old_url)
                found.setdefault(key, repair)
    return tuple(found.values())


def beyond_repair(report: Report, counts: Callable[[Finding], bool] = lambda _: True) -> int:
    """How many dead sources and links have no verified archived copy to point them at.

    ``fix`` says so, so that "nothing to fix" never reads as "nothing dead", and fails on them.
    ``counts``: which dead findings count (``fix`` passes the run's ``fail_on``, so a dead link
    the check would not fail on does not fail the fix either).
    """
    return sum(
        1
        for document in report.documents
        for checked in document.citations
        if checked.citation.kind in _REPAIRED_KINDS
        and any(_dead(f) and counts(f) for f in checked.findings)
        and not any(f.archive_url for f in checked.findings if _dead(f))
    )


def _dead(finding: Finding) -> bool:
    return finding.code in _DEAD or (
        finding.code is Code.UNREACHABLE and finding.severity is Severity.ERROR
    )


def _repair(document: CheckedDocument, checked: CheckedCitation) -> Repair | None:
    citation = checked.citation
    if citation.kind not in _REPAIRED_KINDS or not citation.url:
        return None
    for finding in checked.findings:
        new_url = _archived_copy(finding, checked) or _moved_to(finding)
        if new_url is None or new_url == citation.url:
            continue
        archived = finding.code is not Code.REDIRECTED
        return Repair(
            origin=document.document.origin,
            post_url=document.document.url,
            line=citation.line,
            old_url=citation.url,
            new_url=new_url,
            why=finding.code.value,
            archived=archived,
            version_date=version_date(new_url) if archived else None,
        )
    return None


def _archived_copy(finding: Finding, checked: CheckedCitation) -> str | None:
    """The verified copy to cite instead of a dead source, if the finding gives one."""
    if finding.archive_url is None or finding.archive_url in checked.citation.cited.archived:
        return None
    # unreachable fails only once it has persisted (verify.persistence raises it to error);
    # before that the source may be back tomorrow, and the citation must stay as written
    return finding.archive_url if _dead(finding) else None


def _moved_to(finding: Finding) -> str | None:
    """The new address a ``redirected`` finding suggests (``cite URL``, one token)."""
    if finding.code is not Code.REDIRECTED or not finding.suggestion:
        return None
    target = finding.suggestion.removeprefix(_MOVED_PREFIX).strip()
    if target == finding.suggestion or not target.startswith(("http://", "https://")):
        return None
    return None if any(c.isspace() for c in target) else target


def version_date(archive_url: str) -> str | None:
    """``YYYY-MM-DD`` of a replay URL's capture (its 14-digit timestamp), for data-versiondate."""
    replay = archived_original(archive_url)
    stamp = replay[1] if replay is not None else ""
    if len(stamp) < 8 or not ascii_digits(stamp[:8]):  # ``٢٠٢٤…`` wrote no date
        return None
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
