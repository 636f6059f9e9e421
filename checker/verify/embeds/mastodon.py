"""Mastodon embeds: the instance's oEmbed endpoint, then its public status API for the details.

``masto-oembed`` (``https://INSTANCE/api/oembed?url=…``) answers 404 (or 410) for a status that is
gone; its 200 carries ``author_name`` and ``author_url`` but only an ``<iframe>``, not the text.
``masto-status`` (``/api/v1/statuses/ID``, public statuses need no key) gives ``content``,
``created_at`` and the account's ``acct``; instances that require sign-in for the API answer
401, which leaves text and date unverified but the post's existence still proved.  A status
copied to another instance is not verified there: only the instance in the URL is asked.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from checker.model import Citation, Fetcher, Status
from checker.verify.embeds._common import (
    AnswerKind,
    EmbedVerdict,
    Endpoint,
    PostFacts,
    ask,
    compare_post,
    failed_verdict,
    fragment_text,
    gone_verdict,
    hidden_verdict,
    notes,
    parse_instant,
)

__all__ = ["ENDPOINTS", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "oembed": Endpoint("masto-oembed", "https://{instance}/api/oembed?url={url}"),
    "status": Endpoint("masto-status", "https://{instance}/api/v1/statuses/{id}"),
}

_STATUS_PATH = re.compile(r"^/(?:@([^/]+)|users/([^/]+)/statuses)/(\d+)")


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Ask the instance's oEmbed, then its status API, and compare."""
    del mirror_accounts
    parts = urlsplit(citation.url or "")
    match = _STATUS_PATH.match(parts.path)
    if not parts.hostname or match is None:
        return EmbedVerdict(Status.SKIPPED, note="mastodon: no https://INSTANCE/@user/ID URL")
    instance, status_id = parts.hostname, citation.post_id or match[3]
    oembed = await ask(fetcher, ENDPOINTS["oembed"], instance=instance, url=citation.url or "")
    if oembed.kind is AnswerKind.GONE:
        return gone_verdict(citation, oembed)
    if oembed.kind is AnswerKind.HIDDEN:
        return hidden_verdict(citation, oembed, reason="the instance will not show it")
    if oembed.kind is AnswerKind.FAILED:
        return failed_verdict(oembed)
    status = await ask(fetcher, ENDPOINTS["status"], instance=instance, id=status_id)
    details = status.json() if status.kind is AnswerKind.FOUND else None
    facts = _facts(oembed.json() or {}, details, instance)
    return EmbedVerdict(
        Status.OK,
        facts.observed(200),
        compare_post(citation, facts),
        notes(oembed, status),
        citation.url,
    )


def _facts(oembed: dict[str, Any], status: dict[str, Any] | None, instance: str) -> PostFacts:
    author_path = urlsplit(str(oembed.get("author_url") or "")).path.strip("/")
    handle = author_path[1:] if author_path.startswith("@") else None
    if status is None:
        return PostFacts(
            handle=f"{handle}@{instance}" if handle else None,
            author=oembed.get("author_name"),
            source="masto-oembed",
        )
    account = status.get("account") or {}
    acct = str(account.get("acct") or handle or "")
    return PostFacts(
        handle=(acct if "@" in acct else f"{acct}@{instance}") if acct else None,
        author=account.get("display_name") or oembed.get("author_name"),
        text=fragment_text(str(status.get("content") or "")),
        posted=parse_instant(status.get("created_at")),
        source="masto-oembed + masto-status",
    )
