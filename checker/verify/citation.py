"""Verify one citation: is the source there, and is it what the post says it is?

The order of questions is fixed and each answer narrows the next: no URL → ``missing-url`` and
stop; fetch it; availability (``availability.classify``) decides the status; only a page that is
really the source (``page_ok``) has its metadata compared, because the title of a bot wall or a
"not found" page says nothing about the article.  The publisher check needs no page: the
publication a post names is compared with the URL's registered domain even when the page is
blocked, and with the page's own site name when we have it.
"""

from __future__ import annotations

import asyncio

from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Fetcher,
    FetchResult,
    Finding,
    Observed,
    Status,
)
from checker.verify.availability import classify
from checker.verify.match import (
    author_matches,
    date_matches,
    parse_date,
    publisher_matches,
    split_names,
    title_matches,
)
from checker.verify.metadata import PageMetadata, read_metadata
from checker.verify.support import date_on_page, name_on_page

__all__ = ["verify_citation", "verify_document"]


async def verify_document(document: Document, fetcher: Fetcher) -> CheckedDocument:
    """Every citation of one post, verified concurrently (the fetcher keeps hosts polite)."""
    checked = await asyncio.gather(*(verify_citation(c, fetcher) for c in document.citations))
    return CheckedDocument(document, tuple(checked))


async def verify_citation(citation: Citation, fetcher: Fetcher) -> CheckedCitation:
    """The verdict on one citation, with every finding it earns."""
    if citation.url is None:
        return _missing_url(citation)
    result = await fetcher.get(citation.url)
    verdict = classify(result, cited_url=citation.url)
    findings = list(verdict.findings)
    metadata = None
    if verdict.page_ok and result.text is not None:
        metadata = read_metadata(result.text, result.final_url or citation.url)
    if citation.kind is CitationKind.SOURCE:
        findings.extend(_source_findings(citation, result, metadata))
    observed = (
        metadata.observed(result.status_code)
        if metadata is not None
        else Observed(status_code=result.status_code)
    )
    return CheckedCitation(
        citation,
        verdict.status,
        final_url=result.final_url,
        observed=observed,
        findings=tuple(findings),
        note=verdict.note or result.error,
    )


def _missing_url(citation: Citation) -> CheckedCitation:
    if citation.kind is not CitationKind.SOURCE:
        return CheckedCitation(citation, Status.SKIPPED, note="no URL to check")
    title = citation.cited.title or "the original"
    finding = Finding.of(
        Code.MISSING_URL,
        f"the attribution names “{title}” but gives no URL",
        suggestion="add the original article's URL to the attribution block",
    )
    return CheckedCitation(citation, Status.MISSING, findings=(finding,))


def _source_findings(
    citation: Citation, result: FetchResult, metadata: PageMetadata | None
) -> list[Finding]:
    cited = citation.cited
    url = result.final_url or citation.url or ""
    findings: list[Finding] = []
    if cited.publisher:
        site_names = metadata.site_names if metadata is not None else ()
        publisher = publisher_matches(cited.publisher, url, site_names)
        if not publisher.matched:
            findings.append(
                Finding.of(
                    Code.PUBLISHER_MISMATCH,
                    f"the post names “{cited.publisher}” but {publisher.reason}",
                    suggestion=publisher.suggestion,
                )
            )
    if metadata is None:
        return findings
    if cited.title and metadata.titles:
        title = title_matches(cited.title, metadata.titles)
        if not title.matched:
            findings.append(
                Finding.of(
                    Code.TITLE_MISMATCH,
                    f"cited title “{cited.title}” is not the source's title “{title.best}”",
                    suggestion=f"cite the title as “{title.best}” or check the URL",
                )
            )
    page = result.text or ""
    if cited.author and metadata.authors:
        author = author_matches(cited.author, metadata.authors)
        supported = any(name_on_page(name, page) for name in split_names(cited.author))
        if author is not None and not author.matched and not supported:
            findings.append(
                Finding.of(
                    Code.AUTHOR_MISMATCH,
                    f"cited author “{cited.author}” is not among the source's authors "
                    f"({'; '.join(metadata.authors)})",
                    suggestion="check the byline of the original",
                )
            )
    if cited.date and metadata.dates:
        date = date_matches(cited.date, metadata.dates)
        day = parse_date(cited.date)
        supported = day is not None and date_on_page(day, page)
        if date is not None and not date.matched and not supported:
            findings.append(
                Finding.of(
                    Code.DATE_MISMATCH,
                    f"cited date “{cited.date}” is not the source's publication date "
                    f"({metadata.dates[0]})",
                    suggestion=f"cite the date as {metadata.dates[0]}",
                )
            )
    return findings
