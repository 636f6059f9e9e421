"""YouTube embeds: the keyless oEmbed endpoint.

``yt-oembed`` answers 200 with the video's ``title``, the channel's ``author_name`` and
``author_url`` (``/@handle`` for channels that have one); 404 or 400 when the video is gone (or the
id never existed).  401 is *not* gone: the owner disabled embedding or made the video private, and
the endpoint will not say which, so the verdict is ``blocked`` with a ``blocked`` warning (readers
see "video unavailable" in the embed), never ``embed-unavailable``.  There
is no upload date in the answer, so a shown date cannot be checked.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from checker.findings import Code
from checker.model import Citation, Fetcher, Finding, Observed, Status
from checker.verify.embeds._common import (
    AnswerKind,
    EmbedVerdict,
    Endpoint,
    PostFacts,
    ask,
    compare_post,
    failed_verdict,
    gone_verdict,
    notes,
)

__all__ = ["ENDPOINTS", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "oembed": Endpoint(
        "yt-oembed",
        "https://www.youtube.com/oembed?url={url}&format=json",
        gone=frozenset({400, 404, 410}),
        hidden=frozenset({401, 403}),
    ),
}

_VIDEO_ID = re.compile(r"^[\w-]{6,}$")


def _video_id(citation: Citation) -> str | None:
    if citation.post_id and _VIDEO_ID.match(citation.post_id):
        return citation.post_id
    parts = urlsplit(citation.url or "")
    if "v" in parse_qs(parts.query):
        return parse_qs(parts.query)["v"][0]
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return tail if _VIDEO_ID.match(tail) else None


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Ask oEmbed about the watch URL and compare title and channel with the embed."""
    del mirror_accounts
    video = _video_id(citation)
    if video is None:
        return EmbedVerdict(Status.SKIPPED, note="youtube: no video id in the embed")
    watch = f"https://www.youtube.com/watch?v={video}"
    answer = await ask(fetcher, ENDPOINTS["oembed"], url=watch)
    if answer.kind is AnswerKind.GONE:
        return gone_verdict(citation, answer, reason="removed or never existed")
    if answer.kind is AnswerKind.HIDDEN:
        note = notes(answer, extra="embedding disabled or video private; not proof it is gone")
        finding = Finding.of(
            Code.BLOCKED,
            "YouTube will not show this video in an embed (embedding disabled or video private)",
            suggestion="link the video instead of embedding it, or check it is still public",
        )
        return EmbedVerdict(
            Status.BLOCKED,
            Observed(status_code=answer.result.status_code),
            (finding,),
            note=note,
            final_url=watch,
        )
    if answer.kind is AnswerKind.FAILED:
        return failed_verdict(answer)
    facts = _facts(answer.json() or {})
    return EmbedVerdict(
        Status.OK, facts.observed(200), compare_post(citation, facts), notes(answer), watch
    )


def _facts(data: dict[str, Any]) -> PostFacts:
    author_url = urlsplit(str(data.get("author_url") or "")).path.strip("/")
    handle = author_url[1:] if author_url.startswith("@") else None
    return PostFacts(
        handle=handle,
        author=data.get("author_name"),
        title=data.get("title"),
        source="yt-oembed",
    )
