"""TikTok embeds: the keyless oEmbed endpoint.

``tiktok-oembed`` answers 200 with the caption as ``title``, ``author_name`` and
``author_unique_id`` (the handle); 404 or 400 when the video is gone, private or never existed
(it does not say which).  There is no upload date, so a shown date cannot be checked.
"""

from __future__ import annotations

from typing import Any

from checker.model import Citation, Fetcher, Status
from checker.verify.embeds._common import (
    AnswerKind,
    EmbedVerdict,
    Endpoint,
    PostFacts,
    ask,
    compare_post,
    failed_verdict,
    gone_verdict,
    hidden_verdict,
    notes,
)

__all__ = ["ENDPOINTS", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "oembed": Endpoint(
        "tiktok-oembed",
        "https://www.tiktok.com/oembed?url={url}",
        gone=frozenset({400, 404, 410}),
    ),
}


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Ask oEmbed about the video URL and compare caption and account with the embed."""
    del mirror_accounts
    if not citation.url:
        return EmbedVerdict(Status.SKIPPED, note="tiktok: no video URL in the embed")
    answer = await ask(fetcher, ENDPOINTS["oembed"], url=citation.url)
    if answer.kind is AnswerKind.GONE:
        return gone_verdict(citation, answer, reason="deleted, private or not found")
    if answer.kind is AnswerKind.HIDDEN:
        return hidden_verdict(citation, answer, reason="TikTok will not show it")
    if answer.kind is AnswerKind.FAILED:
        return failed_verdict(answer)
    facts = _facts(answer.json() or {})
    return EmbedVerdict(
        Status.OK, facts.observed(200), compare_post(citation, facts), notes(answer), citation.url
    )


def _facts(data: dict[str, Any]) -> PostFacts:
    return PostFacts(
        handle=data.get("author_unique_id"),
        author=data.get("author_name"),
        text=data.get("title"),
        source="tiktok-oembed",
    )
