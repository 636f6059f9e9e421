"""What a run was given and what became of it: report.json's ``summary.accounting``.

A green run must mean "every citation was checked and is fine", so the run says what it checked:
inputs, posts found and read, citations checked, skipped (with the reasons) and not checked
(with why).  The counts are derived from the :class:`Report` alone (its documents, its problems
and each citation's status and note), so they cannot disagree with the rest of the report; the
one-line wording every output shares is :func:`checker.report._common.accounting_line`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from checker.findings import Code, Severity
from checker.model import INTERRUPTED_NOTE, CitationKind, Status

if TYPE_CHECKING:
    from checker.model import CheckedCitation, Report

__all__ = ["accounting", "skip_reason"]

# A skipped citation's note starts with one of these (verify and the URL filter write them).
_SKIP_REASONS: tuple[tuple[str, str], ...] = (
    ("skipped: excluded", "excluded"),
    ("skipped: matches no include", "not included"),
    ("not checked: the host is on a private", "private address"),
    ("not checked: not a valid url", "invalid URL"),
    ("not checked: not an http(s) url", "not http(s)"),
    ("no url to check", "no URL"),
    ("not checked: a template placeholder", "template placeholder"),
    ("not checked: written defanged", "defanged address"),
    ("not checked: a root-relative link", "root-relative link"),
    ("not checked: a relative link in a local file to a name without", "generator route"),
    ("not checked: a relative link in a local file leads out", "outside the tree"),
    ("not checked: a file: url with a host", "file on another host"),
    ("not checked: a relative link in a local file names a fifo", "not a file"),
    ("not checked: a relative link in a local file names a path", "unreadable path"),
    ("not checked: a relative link in a local file", "file reference"),
    ("not checked: the vault's notes were not all listed", "vault not listed whole"),
)
_INTERNAL = "internal error"
_INTERRUPTED = "interrupted"  # the run stopped before their check (``Report.interrupted``)
_CAP = "cap"  # links past a post's citation cap: counted by extract, never built or checked


def accounting(report: Report) -> dict[str, Any]:
    """The run's accounting: every count the summary line gives, for report.json's summary."""
    citations = [c for d in report.documents for c in d.citations]
    problems = Counter(p.finding.code for p in report.problems)
    empty_inputs = sum(
        1
        for p in report.problems
        if p.finding.code is Code.NOTHING_CHECKED and p.subject is not None
    )
    skipped: Counter[str] = Counter()
    not_checked: Counter[str] = Counter()
    for checked in citations:
        if checked.status is not Status.SKIPPED:
            continue
        if _crashed(checked):
            not_checked[_INTERNAL] += 1
        elif checked.note == INTERRUPTED_NOTE:
            not_checked[_INTERRUPTED] += 1
        else:
            skipped[skip_reason(checked)] += 1
    capped = sum(d.document.omitted for d in report.documents)
    if capped:
        not_checked[_CAP] += capped
    # a post read only up to the size cap is a post read (and its finding), not one more post
    read = {d.document.url for d in report.documents}
    unreadable = sum(
        1
        for p in report.problems
        if p.finding.code is Code.POST_UNREADABLE and p.subject not in read
    )
    # a listing page robots.txt kept the crawler off is a note (info), not a lost listing
    kept_off = sum(
        1
        for p in report.problems
        if p.finding.code is Code.LISTING_UNREADABLE and p.finding.severity is Severity.INFO
    )
    return {
        "inputs": len(report.inputs),
        "inputs_without_posts": empty_inputs,
        "listings_unreadable": problems[Code.LISTING_UNREADABLE] - kept_off,
        "listings_kept_off": kept_off,
        "posts_found": len(report.documents) + unreadable,
        "posts_read": len(report.documents),
        "posts_unreadable": unreadable,
        "posts_found_again": sum(len(d.document.also_from) for d in report.documents),
        "citations": len(citations) + capped,
        "checked": len(citations) + capped - skipped.total() - not_checked.total(),
        "skipped": skipped.total(),
        "skipped_reasons": dict(skipped.most_common()),
        "not_checked": not_checked.total(),
        "not_checked_reasons": dict(not_checked.most_common()),
    }


def skip_reason(checked: CheckedCitation) -> str:
    """A short name for why a citation was skipped (``excluded``, ``private address``, …)."""
    note = (checked.note or "").casefold()
    for prefix, reason in _SKIP_REASONS:
        if note.startswith(prefix):
            return reason
    if checked.citation.kind is CitationKind.EMBED:
        return "embed not verifiable"
    return "other"


def _crashed(checked: CheckedCitation) -> bool:
    """Its check raised (the pipeline made it ``skipped`` with an ``internal-error`` finding)."""
    return any(f.code is Code.INTERNAL_ERROR for f in checked.findings)
