"""Bluesky embeds: the AppView's ``getPostThread`` first, the oEmbed service as a fallback.

- ``bsky-thread`` (public.api.bsky.app ``app.bsky.feed.getPostThread``, ``depth=0``) gives the
  author's current ``handle`` and ``displayName``, the record's ``text`` and ``createdAt``.  400
  ``NotFound`` (or a ``notFoundPost`` thread) means the post is gone; a ``blockedPost`` means the
  author hides it.  Any other 400 (an ``at://`` URI naming a handle that no longer resolves, say)
  is not proof of anything, so the oEmbed rule is asked.
- ``bsky-oembed`` (embed.bsky.app) answers 404 for a post that does not exist and 403 for one
  that is not public; its 200 only carries the rendered snippet, from which the handle and text
  are read.

A ``did:`` in the URI identifies the account for good while its handle may change: when the
thread's author is that DID, the embed shows the right account whatever handle it printed (a
renamed account is not a stand-in).  With a handle in the URI, the shown handle is compared with
the author's current one.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from checker.model import Citation, Fetcher, Status
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

__all__ = ["ENDPOINTS", "at_uri", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "thread": Endpoint(
        "bsky-thread",
        "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri={uri}&depth=0",
        gone=frozenset(),
        hidden=frozenset(),
    ),
    "oembed": Endpoint("bsky-oembed", "https://embed.bsky.app/oembed?url={url}"),
}

_WEB_POST = re.compile(r"^/profile/([^/]+)/post/([^/?#]+)")
_SHOWN_HANDLE = re.compile(r"\(@([^)\s]+)\)")


def at_uri(citation: Citation) -> str | None:
    """The post's ``at://`` URI: the citation's ``post_id``, else built from its bsky.app URL."""
    if citation.post_id and citation.post_id.startswith("at://"):
        return citation.post_id
    match = _WEB_POST.match(urlsplit(citation.url or "").path)
    return f"at://{match[1]}/app.bsky.feed.post/{match[2]}" if match else None


def _web_url(uri: str) -> str:
    authority, _, rkey = uri.removeprefix("at://").partition("/app.bsky.feed.post/")
    return f"https://bsky.app/profile/{authority}/post/{rkey}"


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Ask getPostThread, fall back to oEmbed, compare with what the embed shows."""
    del mirror_accounts
    uri = at_uri(citation)
    if uri is None:
        return EmbedVerdict(Status.SKIPPED, note="bluesky: no at:// URI or post URL in the embed")
    web_url = citation.url or _web_url(uri)
    thread = _read_thread(await ask(fetcher, ENDPOINTS["thread"], uri=uri))
    if thread.kind is AnswerKind.GONE:
        return gone_verdict(citation, thread)
    if thread.kind is AnswerKind.HIDDEN:
        return hidden_verdict(citation, thread, reason="the author blocks or hides it")
    if thread.kind is AnswerKind.FOUND:
        post = ((thread.json() or {}).get("thread") or {}).get("post") or {}
        facts = _thread_facts(post, uri)
        return EmbedVerdict(
            Status.OK,
            facts.observed(200),
            compare_post(citation, facts),
            notes(thread),
            web_url,
        )
    oembed = await ask(fetcher, ENDPOINTS["oembed"], url=web_url)
    if oembed.kind is AnswerKind.GONE:
        return gone_verdict(citation, thread, oembed)
    if oembed.kind is AnswerKind.HIDDEN:
        return hidden_verdict(citation, thread, oembed, reason="the post is not public")
    if oembed.kind is AnswerKind.FAILED:
        return failed_verdict(thread, oembed)
    facts = _oembed_facts(oembed.json() or {})
    return EmbedVerdict(
        Status.OK,
        facts.observed(200),
        compare_post(citation, facts),
        notes(thread, oembed),
        web_url,
    )


def _read_thread(answer: Answer) -> Answer:
    """getPostThread says "gone" in a 400 body or in the thread's ``$type``."""
    data = answer.json() or {}
    if answer.result.status_code == 400 and data.get("error") == "NotFound":
        return Answer(answer.endpoint, AnswerKind.GONE, answer.result, "400 NotFound")
    if answer.result.status_code == 400:
        error = data.get("error") or "400"
        return Answer(answer.endpoint, AnswerKind.FAILED, answer.result, f"400 {error}")
    if answer.kind is not AnswerKind.FOUND:
        return answer
    thread = data.get("thread") or {}
    kind = str(thread.get("$type") or "")
    if kind.endswith("#notFoundPost"):
        return Answer(answer.endpoint, AnswerKind.GONE, answer.result, "200 notFoundPost")
    if kind.endswith("#blockedPost"):
        return Answer(answer.endpoint, AnswerKind.HIDDEN, answer.result, "200 blockedPost")
    if not isinstance(thread.get("post"), dict):
        return Answer(answer.endpoint, AnswerKind.FAILED, answer.result, "200 without a post")
    return answer


def _thread_facts(post: dict[str, Any], uri: str) -> PostFacts:
    author = post.get("author") or {}
    record = post.get("record") or {}
    authority = uri.removeprefix("at://").split("/", 1)[0]
    return PostFacts(
        handle=author.get("handle"),
        author=author.get("displayName") or None,
        text=record.get("text"),
        posted=parse_instant(record.get("createdAt")),
        source="bsky-thread",
        same_account=authority.startswith("did:") and authority == author.get("did"),
    )


def _oembed_facts(data: dict[str, Any]) -> PostFacts:
    html = str(data.get("html") or "")
    shown = _SHOWN_HANDLE.search(fragment_text(html)) if html else None
    return PostFacts(
        handle=shown[1] if shown else None,
        author=data.get("author_name"),
        text=fragment_text(html, "p") if html else None,
        source="bsky-oembed",
    )
