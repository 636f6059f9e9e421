"""Telegram embeds: the channel's public widget page, ``https://t.me/CHANNEL/ID?embed=1``.

``tg-widget`` always answers 200: a gone post (deleted, or a channel that went private or away)
is a page holding ``tgme_widget_message_error`` ("Post not found").  A live post's widget names
the channel (``data-post`` and the owner name), its text (``tgme_widget_message_text``) and an
exact ``<time datetime>``.  It cannot tell a deleted post from a channel made private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.encoding import ascii_digits
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
    gone_verdict,
    notes,
    parse_instant,
    parse_soup,
)

if TYPE_CHECKING:
    from bs4 import Tag

__all__ = ["ENDPOINTS", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "widget": Endpoint("tg-widget", "https://t.me/{channel}/{id}?embed=1"),
}


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Read the widget page and compare it with what the embed shows."""
    del mirror_accounts
    key = _post_key(citation)
    if key is None:
        return EmbedVerdict(Status.SKIPPED, note="telegram: no CHANNEL/ID in the embed")
    channel, post = key
    answer = await ask(fetcher, ENDPOINTS["widget"], channel=channel, id=post)
    if answer.kind is AnswerKind.GONE:
        return gone_verdict(citation, answer)
    if answer.kind is not AnswerKind.FOUND:
        return failed_verdict(answer)
    soup = parse_soup(answer.result.text or "")
    if soup.select_one(".tgme_widget_message_error") is not None:
        error = soup.select_one(".tgme_widget_message_error")
        detail = " ".join(str(error.get_text()).split()) if error else "error"
        said = Answer(answer.endpoint, AnswerKind.GONE, answer.result, f"200 “{detail}”")
        return gone_verdict(citation, said)
    message = soup.select_one(".tgme_widget_message[data-post]")
    if message is None:
        said = Answer(answer.endpoint, AnswerKind.FAILED, answer.result, "200 without a message")
        return failed_verdict(said)
    facts = _facts(message)
    return EmbedVerdict(
        Status.OK,
        facts.observed(200),
        compare_post(citation, facts),
        notes(answer),
        f"https://t.me/{channel}/{post}",
    )


def _post_key(citation: Citation) -> tuple[str, str] | None:
    raw = citation.post_id or (citation.url or "").split("t.me/", 1)[-1]
    parts = [p for p in raw.split("?", 1)[0].split("/") if p and p != "s"]
    if len(parts) < 2 or not ascii_digits(parts[-1]):  # a post number: ASCII digits only
        return None
    return parts[-2], parts[-1]


def _facts(message: Tag) -> PostFacts:
    channel = str(message.get("data-post") or "").split("/", 1)[0]
    owner = message.select_one(".tgme_widget_message_owner_name")
    text_node = message.select_one(".tgme_widget_message_text")
    if text_node is not None:
        for br in text_node.find_all("br"):
            br.replace_with("\n")
    stamp = message.select_one("time[datetime]")
    return PostFacts(
        handle=channel or None,
        author=" ".join(str(owner.get_text()).split()) if owner else None,
        text=str(text_node.get_text()).strip() if text_node is not None else None,
        posted=parse_instant(str(stamp.get("datetime"))) if stamp is not None else None,
        source="tg-widget",
    )
