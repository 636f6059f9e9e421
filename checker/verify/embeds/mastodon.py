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

from checker.model import Citation, Fetcher, Outcome, Status
from checker.verify.availability import classify
from checker.verify.embeds._common import (
    Answer,
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
        gone_with = _instance_gone(oembed)
        if gone_with is not None:
            return gone_verdict(citation, oembed, reason=f"gone with its instance: {gone_with}")
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


_GONE_OUTCOMES = frozenset({Outcome.DNS, Outcome.CONNECT})
"""The failures of an instance that is gone: its name does not resolve, its server refuses."""


def _instance_gone(answer: Answer) -> str | None:
    """Why the instance is gone, when its failed answer says so as a link's to it would.

    A Mastodon post lives on its instance, which answers for it; an instance that shut down
    (its name no longer resolves, its server refuses connections) took its posts along, and a
    link to one of them is ``broken`` (:func:`checker.verify.availability.classify`, the one
    rule).  As an embed it was ``unreachable`` with no finding, run after run: a dead embed
    that never failed a run (probe 32).  A network that is down is no such answer: the fetcher
    says so first (``network unavailable``), and it stays ``unreachable``.  Only those two
    failures say the instance is gone: one that answers (a redirect to no http(s) URL, a TLS
    failure) is there, whatever a link's rule makes of the answer."""
    if answer.result.outcome not in _GONE_OUTCOMES:
        return None
    verdict = classify(answer.result, cited_url=answer.result.url, reads_page=False)
    if verdict.status is not Status.BROKEN or not verdict.findings:
        return None
    return verdict.findings[0].message.partition(" (")[0]  # its detail is in the note


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
