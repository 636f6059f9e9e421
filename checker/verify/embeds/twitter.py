"""X/Twitter embeds: is the post still there, and is it the post the embed shows?

Two keyless endpoints answer, and neither alone is enough:

- ``x-oembed`` (publish.twitter.com) says whether the post can be embedded: 200 with
  ``author_url``, ``author_name`` and the rendered ``html``; 404 when deleted; 403 when not
  viewable (suspended or protected — the answer does not say which).  It resolves a status URL
  with the *wrong* handle silently, so the real author is read from ``author_url``, never from the
  URL we asked about.
- ``x-syndication`` (cdn.syndication.twimg.com, the widget's own data) gives the exact ``text``,
  ``created_at`` and ``user.screen_name``; ``TweetTombstone`` or 404 when the post is gone.

Neither can tell a deleted post from one whose account was deleted, nor a suspended account from
a protected one.  A post is reported unavailable only when both say so (or oEmbed says 403);
when an endpoint fails (5xx, timeout, rate limit) we say so instead of guessing.
"""

from __future__ import annotations

import math
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
    parse_soup,
)

__all__ = ["ENDPOINTS", "syndication_token", "verify"]

ENDPOINTS: dict[str, Endpoint] = {
    "oembed": Endpoint("x-oembed", "https://publish.twitter.com/oembed?url={url}&omit_script=true"),
    "syndication": Endpoint(
        "x-syndication",
        "https://cdn.syndication.twimg.com/tweet-result?id={id}&lang=en&token={token}",
        hidden=frozenset(),
    ),
}

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_STATUS_PATH = re.compile(r"/(?:i/web/|[^/]+/)?status(?:es)?/(\d+)")
_TOKEN_JUNK = re.compile(r"(0+|\.)")


def syndication_token(tweet_id: str) -> str:
    """The syndication ``token``: ``((id / 1e15) * π).toString(36)`` without zeros and the point.

    This is the widget's own computation, so it must follow JavaScript's ``Number.toString(36)``
    digit for digit, including how many fraction digits it prints (only as many as the double
    holds) — see :func:`_js_radix_string`.
    """
    value = (float(tweet_id) / 1e15) * math.pi
    return _TOKEN_JUNK.sub("", _js_radix_string(value, 36))


def _js_radix_string(value: float, radix: int) -> str:
    """V8's ``DoubleToRadixCString``: shortest fraction digits that still identify the double."""
    negative = value < 0
    value = abs(value)
    integer = math.floor(value)
    fraction = value - integer
    delta = max(0.5 * (math.nextafter(value, math.inf) - value), math.nextafter(0.0, 1.0))
    digits: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            digits.append(digit)
            fraction -= digit
            if (fraction > 0.5 or (fraction == 0.5 and digit & 1)) and fraction + delta > 1:
                integer += _round_up(digits, radix)
                break
            if fraction < delta:
                break
    whole = _integer_digits(float(integer), radix)
    text = whole + ("." + "".join(_DIGITS[d] for d in digits) if digits else "")
    return "-" + text if negative else text


def _round_up(digits: list[int], radix: int) -> int:
    """Add one at the last fraction digit, carrying left; returns the carry into the integer."""
    while digits:
        last = digits.pop()
        if last + 1 < radix:
            digits.append(last + 1)
            return 0
    return 1


def _integer_digits(integer: float, radix: int) -> str:
    out: list[str] = []
    while math.frexp(integer / radix)[1] > 53:  # beyond 2**53 the low digits are not represented
        integer /= radix
        out.append("0")
    while True:
        remainder = math.fmod(integer, radix)
        out.append(_DIGITS[int(remainder)])
        integer = (integer - remainder) / radix
        if integer <= 0:
            break
    return "".join(reversed(out))


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Ask oEmbed, then syndication, and compare what they say with what the embed shows."""
    del mirror_accounts  # secondary sources are judged by the caller, from the account shown
    tweet_id = citation.post_id or _tweet_id(citation.url)
    if not tweet_id or not tweet_id.isdigit():
        return EmbedVerdict(Status.SKIPPED, note="x: no status id in the embed", final_url=None)
    status_url = citation.url or f"https://twitter.com/i/web/status/{tweet_id}"
    oembed = await ask(fetcher, ENDPOINTS["oembed"], url=status_url)
    syndication = await ask(
        fetcher, ENDPOINTS["syndication"], id=tweet_id, token=syndication_token(tweet_id)
    )
    syndication = _read_syndication(syndication)
    tweet = syndication.json() if syndication.kind is AnswerKind.FOUND else None
    if oembed.kind is AnswerKind.HIDDEN and tweet is None:
        return hidden_verdict(
            citation, oembed, syndication, reason="suspended or protected (which one is unknown)"
        )
    if oembed.kind is AnswerKind.GONE and syndication.kind is AnswerKind.GONE:
        return gone_verdict(citation, oembed, syndication, reason="deleted or not found")
    if oembed.kind is not AnswerKind.FOUND and tweet is None:
        reason = "the endpoints disagree or failed; post not verified"
        return failed_verdict(oembed, syndication, reason=reason)
    facts = _facts(oembed.json() if oembed.kind is AnswerKind.FOUND else None, tweet)
    primary = oembed if oembed.kind is AnswerKind.FOUND else syndication
    return EmbedVerdict(
        Status.OK,
        facts.observed(primary.result.status_code),
        compare_post(citation, facts),
        notes(oembed, syndication),
        _post_url(facts.handle, tweet_id) or citation.url,
    )


def _tweet_id(url: str | None) -> str | None:
    match = _STATUS_PATH.search(urlsplit(url or "").path)
    return match[1] if match else None


def _read_syndication(answer: Answer) -> Answer:
    """A 200 is only a post when it says ``Tweet``; a tombstone is a gone post."""
    if answer.kind is not AnswerKind.FOUND:
        return answer
    data = answer.json() or {}
    typename = data.get("__typename")
    if typename == "TweetTombstone":
        return Answer(answer.endpoint, AnswerKind.GONE, answer.result, "200 TweetTombstone")
    if typename == "Tweet" or (typename is None and "id_str" in data and "text" in data):
        return answer
    return Answer(answer.endpoint, AnswerKind.FAILED, answer.result, "200 without a tweet")


def _facts(oembed: dict[str, Any] | None, tweet: dict[str, Any] | None) -> PostFacts:
    html = str((oembed or {}).get("html") or "")
    handle = _handle_from_url(str((oembed or {}).get("author_url") or ""))
    user = (tweet or {}).get("user") or {}
    if tweet is not None:
        return PostFacts(
            handle=handle or user.get("screen_name"),
            author=(oembed or {}).get("author_name") or user.get("name"),
            text=str(tweet.get("text") or ""),
            posted=parse_instant(tweet.get("created_at")),
            links=_links(tweet),
            source="x-oembed + x-syndication" if oembed else "x-syndication",
        )
    return PostFacts(
        handle=handle,
        author=(oembed or {}).get("author_name"),
        text=fragment_text(html, "p") if html else None,
        shown_date=_oembed_date(html),
        source="x-oembed",
    )


def _handle_from_url(url: str) -> str | None:
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return parts[0] if parts else None


def _oembed_date(html: str) -> str | None:
    """The date the oEmbed snippet prints: the text of its last link (the status permalink)."""
    if not html:
        return None
    links = parse_soup(html).select("blockquote > a")
    return str(links[-1].get_text()).strip() if links else None


def _links(tweet: dict[str, Any]) -> tuple[str, ...]:
    entities = tweet.get("entities") or {}
    found: list[str] = []
    for item in [*(entities.get("urls") or []), *(entities.get("media") or [])]:
        if isinstance(item, dict):
            for key in ("url", "expanded_url", "display_url"):
                if isinstance(item.get(key), str):
                    found.append(item[key])
    return tuple(found)


def _post_url(handle: str | None, tweet_id: str) -> str | None:
    return f"https://twitter.com/{handle}/status/{tweet_id}" if handle else None
