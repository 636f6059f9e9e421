"""Every platform verifier through real sockets, against small fixture endpoints on 127.0.0.1.

Each platform has a live and faithful post (no finding), a gone one, the ambiguous answers
(Telegram's 200 "Post not found", YouTube's 401), a wrong handle, an altered text, a date off by
two days and its near miss (a few hours across midnight UTC), and a failing endpoint (no finding,
status unreachable).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.findings import Code
from checker.model import Citation, CitationKind, Cited, Platform, Status
from checker.sampleweb import Response, SampleWeb, Web
from checker.verify.embeds import (
    EmbedVerdict,
    bluesky,
    mastodon,
    telegram,
    tiktok,
    twitter,
    verify_embed,
    youtube,
)
from checker.verify.embeds.twitter import syndication_token

NHK_TEXT = (
    "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き) https://t.co/MZVpLKPiIb #nhk_news"
)
SHOWN_NHK = (
    "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)https://t.co/MZVpLKPiIb #nhk_news"
)


def _json(status: int, body: object) -> Response:
    return Response(status, (("Content-Type", "application/json"),), json.dumps(body).encode())


def _html(status: int, body: str) -> Response:
    return Response(status, (("Content-Type", "text/html; charset=utf-8"),), body.encode())


# -- X -----------------------------------------------------------------------------------------


def _x(web: Web, tweet_id: str, handle: str, oembed: Response, synd: Response) -> None:
    status_url = f"https://twitter.com/{handle}/status/{tweet_id}"
    web.add(twitter.ENDPOINTS["oembed"].url(url=status_url), oembed)
    token = syndication_token(tweet_id)
    web.add(twitter.ENDPOINTS["syndication"].url(id=tweet_id, token=token), synd)


def _x_oembed(handle: str, text: str = NHK_TEXT, date: str = "February 12, 2025") -> Response:
    html = (
        f'<blockquote class="twitter-tweet"><p lang="ja" dir="ltr">{text}</p>&mdash; N '
        f'(@{handle}) <a href="https://twitter.com/{handle}/status/1">{date}</a></blockquote>'
    )
    return _json(
        200,
        {"author_url": f"https://twitter.com/{handle}", "author_name": "NHKニュース", "html": html},
    )


def _x_tweet(handle: str, text: str = NHK_TEXT, when: str = "2025-02-12T10:00:00.000Z") -> Response:
    return _json(
        200,
        {
            "__typename": "Tweet",
            "id_str": "1",
            "text": text,
            "created_at": when,
            "user": {"screen_name": handle, "name": "NHKニュース"},
            "entities": {
                "urls": [
                    {
                        "url": "https://t.co/MZVpLKPiIb",
                        "expanded_url": "https://www3.nhk.or.jp/news/live/",
                        "display_url": "www3.nhk.or.jp/news/live/",
                    }
                ]
            },
        },
    )


X_CASES: dict[str, tuple[str, str, Response, Response]] = {
    "live": ("1001", "nhk_news", _x_oembed("nhk_news"), _x_tweet("nhk_news")),
    "gone": ("1002", "nhk_news", _json(404, {}), _json(404, {})),
    "tombstone": ("1003", "nhk_news", _json(404, {}), _json(200, {"__typename": "TweetTombstone"})),
    "hidden": ("1004", "nhk_news", _json(403, {}), _json(200, {"__typename": "TweetTombstone"})),
    "wrong-handle": ("1005", "nhk_news", _x_oembed("someone_else"), _x_tweet("someone_else")),
    "altered": (
        "1006",
        "nhk_news",
        _x_oembed("nhk_news"),
        _x_tweet("nhk_news", text=NHK_TEXT.replace("13日", "15日")),
    ),
    "two-days": (
        "1007",
        "nhk_news",
        _x_oembed("nhk_news"),
        _x_tweet("nhk_news", when="2025-02-14T10:00:00.000Z"),
    ),
    "midnight": (
        "1008",
        "nhk_news",
        _x_oembed("nhk_news"),
        _x_tweet("nhk_news", when="2025-02-13T00:30:00.000Z"),
    ),
    "down": ("1009", "nhk_news", Response(503), Response(503)),
    "oembed-404-synd-down": ("1010", "nhk_news", _json(404, {}), Response(502)),
    "oembed-only": ("1011", "nhk_news", _x_oembed("nhk_news"), Response(500)),
    "synd-only": ("1012", "nhk_news", Response(500), _x_tweet("nhk_news")),
    "rate-limited": ("1013", "nhk_news", Response(429), Response(429)),
    "mirror": (
        "1014",
        "TrumpDailyPosts",
        _x_oembed("TrumpDailyPosts", text="We discussed Ukraine"),
        _x_tweet("TrumpDailyPosts", text="We discussed Ukraine"),
    ),
}


# -- Bluesky -----------------------------------------------------------------------------------

BSKY_DID = "did:plc:abc123"


def _bsky_uri(rkey: str) -> str:
    return f"at://{BSKY_DID}/app.bsky.feed.post/{rkey}"


def _bsky_thread(
    handle: str,
    text: str = "Talks begin today.",
    when: str = "2025-02-12T10:00:00Z",
    did: str = BSKY_DID,
) -> Response:
    post = {
        "uri": "x",
        "author": {"did": did, "handle": handle, "displayName": "Alice"},
        "record": {"text": text, "createdAt": when},
    }
    return _json(200, {"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": post}})


def _bsky_oembed(handle: str, text: str) -> Response:
    html = (
        f'<blockquote class="bluesky-embed"><p lang="en">{text}</p>&mdash; Alice '
        f'(<a href="https://bsky.app/profile/{BSKY_DID}">@{handle}</a>) '
        f'<a href="https://bsky.app/x">February 12, 2025 at 10:00 AM</a></blockquote>'
    )
    return _json(200, {"author_name": "Alice", "html": html})


BSKY_CASES: dict[str, tuple[str, Response, Response | None]] = {
    "live": ("r1", _bsky_thread("alice.bsky.social"), None),
    "gone": ("r2", _json(400, {"error": "NotFound", "message": "Post not found"}), None),
    # Same DID, new handle: the account renamed itself; the embed still shows the right account.
    "renamed": ("r3", _bsky_thread("alice-new.bsky.social"), None),
    "other-account": ("r11", _bsky_thread("mallory.bsky.social", did="did:plc:mallory"), None),
    "altered": ("r4", _bsky_thread("alice.bsky.social", text="Talks end today."), None),
    "two-days": ("r5", _bsky_thread("alice.bsky.social", when="2025-02-14T10:00:00Z"), None),
    "midnight": ("r6", _bsky_thread("alice.bsky.social", when="2025-02-12T23:50:00-05:00"), None),
    "fallback-live": ("r7", Response(502), _bsky_oembed("alice.bsky.social", "Talks begin today.")),
    "fallback-gone": ("r8", Response(502), _json(404, {})),
    "fallback-private": ("r9", Response(502), _json(403, {})),
    "down": ("r10", Response(503), Response(503)),
}

# -- Telegram ----------------------------------------------------------------------------------


def _tg_page(channel: str, text: str, when: str = "2025-02-12T10:00:00+00:00") -> Response:
    return _html(
        200,
        f'<html><body><div class="tgme_widget_message" data-post="{channel}/5">'
        f'<a class="tgme_widget_message_owner_name" href="https://t.me/{channel}"><span>Channel'
        f'</span></a><div class="tgme_widget_message_text">{text}<br>Second line</div>'
        f'<time datetime="{when}" class="time">10:00</time></div></body></html>',
    )


TG_NOT_FOUND = _html(
    200,
    '<html><body><div class="tgme_widget_message_error">Post not found</div></body></html>',
)

TG_CASES: dict[str, tuple[str, Response]] = {
    "live": ("news/1", _tg_page("news", "Air raid alert in Kyiv")),
    "gone": ("news/2", TG_NOT_FOUND),
    "altered": ("news/3", _tg_page("news", "All clear in Kyiv")),
    "two-days": ("news/4", _tg_page("news", "Air raid alert in Kyiv", "2025-02-10T10:00:00+00:00")),
    "midnight": ("news/6", _tg_page("news", "Air raid alert in Kyiv", "2025-02-13T01:00:00+02:00")),
    "down": ("news/7", Response(500)),
    "wrong-handle": ("news/8", _tg_page("othernews", "Air raid alert in Kyiv")),
}

# -- YouTube, Mastodon, TikTok -----------------------------------------------------------------

YT_LIVE = {
    "title": "Press briefing",
    "author_name": "Reuters",
    "author_url": "https://www.youtube.com/@Reuters",
}
YT_CASES: dict[str, tuple[str, Response]] = {
    "live": ("vid_live01", _json(200, YT_LIVE)),
    "private": ("vid_priv01", Response(401, (), b"Unauthorized")),
    "gone": ("vid_gone01", Response(404, (), b"Not Found")),
    "bad-id": ("vid_bad001", Response(400, (), b"Bad Request")),
    "wrong-handle": (
        "vid_wrong1",
        _json(200, {**YT_LIVE, "author_url": "https://www.youtube.com/@Copycat"}),
    ),
    "altered": ("vid_alter1", _json(200, {**YT_LIVE, "title": "Press conference cancelled"})),
    "down": ("vid_down01", Response(503)),
}

MASTO = "https://mastodon.example"
MASTO_CASES: dict[str, tuple[str, Response, Response]] = {
    "live": (
        "111",
        _json(
            200, {"author_name": "Bob", "author_url": f"{MASTO}/@bob", "html": "<iframe></iframe>"}
        ),
        _json(
            200,
            {
                "content": "<p>Hello <b>world</b> 2025</p>",
                "created_at": "2025-02-12T10:00:00.000Z",
                "account": {"acct": "bob", "display_name": "Bob"},
            },
        ),
    ),
    "gone": ("112", _json(404, {"error": "Record not found"}), _json(404, {})),
    "down": ("113", Response(503), Response(503)),
    "two-days": (
        "114",
        _json(200, {"author_name": "Bob", "author_url": f"{MASTO}/@bob", "html": ""}),
        _json(
            200,
            {
                "content": "<p>Hello world 2025</p>",
                "created_at": "2025-02-15T10:00:00.000Z",
                "account": {"acct": "bob"},
            },
        ),
    ),
}

TT_LIVE = {
    "title": "Drone footage #news",
    "author_name": "News Team",
    "author_unique_id": "newsteam",
}
TT_CASES: dict[str, tuple[str, Response]] = {
    "live": ("7001", _json(200, TT_LIVE)),
    "gone": ("7002", _json(400, {"code": 400, "message": "Something went wrong"})),
    "wrong-handle": ("7003", _json(200, {**TT_LIVE, "author_unique_id": "reuploader"})),
    "down": ("7004", Response(500)),
}


def _web() -> Web:
    web = Web()
    for tweet_id, handle, oembed, synd in X_CASES.values():
        _x(web, tweet_id, handle, oembed, synd)
    for rkey, thread, oembed in BSKY_CASES.values():
        web.add(bluesky.ENDPOINTS["thread"].url(uri=_bsky_uri(rkey)), thread)
        web_url = f"https://bsky.app/profile/alice.bsky.social/post/{rkey}"
        web.add(bluesky.ENDPOINTS["oembed"].url(url=web_url), oembed or _json(500, {}))
    for key, page in TG_CASES.values():
        channel, post = key.split("/")
        web.add(telegram.ENDPOINTS["widget"].url(channel=channel, id=post), page)
    for video, answer in YT_CASES.values():
        web.add(
            youtube.ENDPOINTS["oembed"].url(url=f"https://www.youtube.com/watch?v={video}"), answer
        )
    for status_id, oembed, status in MASTO_CASES.values():
        url = f"{MASTO}/@bob/{status_id}"
        web.add(mastodon.ENDPOINTS["oembed"].url(instance="mastodon.example", url=url), oembed)
        web.add(mastodon.ENDPOINTS["status"].url(instance="mastodon.example", id=status_id), status)
    for video, answer in TT_CASES.values():
        web.add(
            tiktok.ENDPOINTS["oembed"].url(url=f"https://www.tiktok.com/@newsteam/video/{video}"),
            answer,
        )
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


@pytest.fixture(scope="module")
def config(site: SampleWeb) -> Config:
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        timeout=2.0,
    )


def _verify(
    config: Config, citation: Citation, mirrors: frozenset[str] = frozenset()
) -> EmbedVerdict:
    async def go() -> EmbedVerdict:
        async with HttpFetcher(config, version="test") as fetcher:
            return await verify_embed(citation, fetcher, mirror_accounts=mirrors)

    return asyncio.run(go())


def _codes(verdict: EmbedVerdict) -> list[Code]:
    return [f.code for f in verdict.findings]


def _embed(platform: Platform, url: str, post_id: str | None, **cited: Any) -> Citation:
    return Citation(CitationKind.EMBED, url, Cited(**cited), platform=platform, post_id=post_id)


# -- expectations ------------------------------------------------------------------------------

OK, BROKEN, BLOCKED, UNREACHABLE = Status.OK, Status.BROKEN, Status.BLOCKED, Status.UNREACHABLE
UNAVAILABLE = [Code.EMBED_UNAVAILABLE]


@pytest.mark.parametrize(
    ("case", "shown", "status", "codes"),
    [
        ("live", {}, OK, []),
        ("gone", {}, BROKEN, UNAVAILABLE),
        ("tombstone", {}, BROKEN, UNAVAILABLE),
        ("hidden", {}, BLOCKED, UNAVAILABLE),
        ("wrong-handle", {}, OK, [Code.EMBED_AUTHOR_MISMATCH]),
        ("altered", {}, OK, [Code.EMBED_TEXT_MISMATCH]),
        ("two-days", {}, OK, [Code.EMBED_DATE_MISMATCH]),
        ("midnight", {}, OK, []),
        ("midnight", {"date": "2025年2月13日"}, OK, []),
        ("two-days", {"date": "2025年2月12日"}, OK, [Code.EMBED_DATE_MISMATCH]),
        (
            "live",
            {
                "text": "【随時更新】ロシア　ウクライナに軍事侵攻（２月１３日の動き）"
                " www3.nhk.or.jp/news/live/"
            },
            OK,
            [],
        ),
        ("live", {"text": "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)"}, OK, []),
        ("live", {"text": "【随時更新】ロシア ウクライナに…"}, OK, []),
        ("live", {"handle": "NHK_NEWS"}, OK, []),
        ("down", {}, UNREACHABLE, []),
        ("oembed-404-synd-down", {}, UNREACHABLE, []),
        ("oembed-only", {}, OK, []),
        ("synd-only", {}, OK, []),
        ("rate-limited", {}, BLOCKED, []),
    ],
)
def test_x(
    config: Config, case: str, shown: dict[str, str], status: Status, codes: list[Code]
) -> None:
    tweet_id, handle, _, _ = X_CASES[case]
    cited = {
        "author": "NHKニュース",
        "handle": "nhk_news",
        "date": "February 12, 2025",
        "text": SHOWN_NHK,
    }
    citation = _embed(
        Platform.TWITTER,
        f"https://twitter.com/{handle}/status/{tweet_id}",
        tweet_id,
        **{**cited, **shown},
    )
    verdict = _verify(config, citation)
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict
    assert verdict.note and "x-oembed" in verdict.note


def test_x_note_names_the_endpoints_and_final_url_names_the_real_author(config: Config) -> None:
    citation = _embed(
        Platform.TWITTER, "https://twitter.com/nhk_news/status/1005", "1005", handle="nhk_news"
    )
    verdict = _verify(config, citation)
    assert verdict.final_url == "https://twitter.com/someone_else/status/1005"
    assert verdict.observed is not None and verdict.observed.handle == "someone_else"
    gone = _verify(
        config, _embed(Platform.TWITTER, "https://twitter.com/nhk_news/status/1002", "1002")
    )
    assert gone.note == "x-oembed: 404; x-syndication: 404"


def test_x_mirror_account_is_a_secondary_source(config: Config) -> None:
    citation = _embed(
        Platform.TWITTER,
        "https://twitter.com/TrumpDailyPosts/status/1014",
        "1014",
        author="Donald J. Trump Posts From His Truth Social",
        handle="TrumpDailyPosts",
        text="We discussed Ukraine",
        date="February 12, 2025",
    )
    assert _codes(_verify(config, citation)) == [Code.EMBED_SECONDARY_SOURCE]
    plain = _embed(
        Platform.TWITTER,
        "https://twitter.com/nhk_news/status/1001",
        "1001",
        author="NHKニュース",
        handle="nhk_news",
    )
    assert _codes(_verify(config, plain)) == []
    configured = _verify(config, plain, frozenset({"nhk_news"}))
    assert _codes(configured) == [Code.EMBED_SECONDARY_SOURCE]


def test_secondary_source_is_checked_when_unverifiable_but_not_when_gone(config: Config) -> None:
    down = _embed(
        Platform.TWITTER, "https://twitter.com/nhk_news/status/1009", "1009", author="Trump Mirror"
    )
    assert (_verify(config, down).status, _codes(_verify(config, down))) == (
        UNREACHABLE,
        [Code.EMBED_SECONDARY_SOURCE],
    )
    gone = _embed(
        Platform.TWITTER, "https://twitter.com/nhk_news/status/1002", "1002", author="Trump Mirror"
    )
    assert _codes(_verify(config, gone)) == UNAVAILABLE


@pytest.mark.parametrize(
    ("case", "shown", "status", "codes"),
    [
        ("live", {}, OK, []),
        ("gone", {}, BROKEN, UNAVAILABLE),
        ("renamed", {}, OK, []),
        ("other-account", {}, OK, [Code.EMBED_AUTHOR_MISMATCH]),
        ("altered", {}, OK, [Code.EMBED_TEXT_MISMATCH]),
        ("two-days", {}, OK, [Code.EMBED_DATE_MISMATCH]),
        ("midnight", {"date": "February 13, 2025"}, OK, []),
        ("fallback-live", {}, OK, []),
        ("fallback-gone", {}, BROKEN, UNAVAILABLE),
        ("fallback-private", {}, BLOCKED, UNAVAILABLE),
        ("down", {}, UNREACHABLE, []),
    ],
)
def test_bluesky(
    config: Config, case: str, shown: dict[str, str], status: Status, codes: list[Code]
) -> None:
    rkey = BSKY_CASES[case][0]
    cited = {
        "author": "Alice",
        "handle": "alice.bsky.social",
        "date": "February 12, 2025",
        "text": "Talks begin today.",
    }
    citation = _embed(
        Platform.BLUESKY,
        f"https://bsky.app/profile/alice.bsky.social/post/{rkey}",
        _bsky_uri(rkey),
        **{**cited, **shown},
    )
    verdict = _verify(config, citation)
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict


@pytest.mark.parametrize(
    ("case", "shown", "status", "codes"),
    [
        ("live", {}, OK, []),
        ("gone", {}, BROKEN, UNAVAILABLE),
        ("altered", {}, OK, [Code.EMBED_TEXT_MISMATCH]),
        ("two-days", {}, OK, [Code.EMBED_DATE_MISMATCH]),
        ("midnight", {}, OK, []),
        ("down", {}, UNREACHABLE, []),
        ("wrong-handle", {}, OK, [Code.EMBED_AUTHOR_MISMATCH]),
    ],
)
def test_telegram(
    config: Config, case: str, shown: dict[str, str], status: Status, codes: list[Code]
) -> None:
    key = TG_CASES[case][0]
    cited = {
        "handle": "news",
        "date": "12 февр. 2025",
        "text": "Air raid alert in Kyiv\nSecond line",
    }
    verdict = _verify(
        config, _embed(Platform.TELEGRAM, f"https://t.me/{key}", key, **{**cited, **shown})
    )
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict
    if case == "gone":
        assert verdict.note is not None and "Post not found" in verdict.note


@pytest.mark.parametrize(
    ("case", "status", "codes"),
    [
        ("live", OK, []),
        ("private", BLOCKED, [Code.BLOCKED]),
        ("gone", BROKEN, UNAVAILABLE),
        ("bad-id", BROKEN, UNAVAILABLE),
        ("wrong-handle", OK, [Code.EMBED_AUTHOR_MISMATCH]),
        ("altered", OK, [Code.EMBED_TEXT_MISMATCH]),
        ("down", UNREACHABLE, []),
    ],
)
def test_youtube(config: Config, case: str, status: Status, codes: list[Code]) -> None:
    video = YT_CASES[case][0]
    citation = _embed(
        Platform.YOUTUBE,
        f"https://www.youtube.com/watch?v={video}",
        video,
        author="Reuters",
        handle="Reuters",
        title="Press briefing",
    )
    verdict = _verify(config, citation)
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict
    if case == "private":
        assert verdict.note is not None and "yt-oembed: 401" in verdict.note


@pytest.mark.parametrize(
    ("case", "status", "codes"),
    [
        ("live", OK, []),
        ("gone", BROKEN, UNAVAILABLE),
        ("down", UNREACHABLE, []),
        ("two-days", OK, [Code.EMBED_DATE_MISMATCH]),
    ],
)
def test_mastodon(config: Config, case: str, status: Status, codes: list[Code]) -> None:
    status_id = MASTO_CASES[case][0]
    citation = _embed(
        Platform.MASTODON,
        f"{MASTO}/@bob/{status_id}",
        status_id,
        handle="bob@mastodon.example",
        text="Hello world 2025",
        date="Feb 12, 2025",
    )
    verdict = _verify(config, citation)
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict


@pytest.mark.parametrize(
    ("case", "status", "codes"),
    [
        ("live", OK, []),
        ("gone", BROKEN, UNAVAILABLE),
        ("wrong-handle", OK, [Code.EMBED_AUTHOR_MISMATCH]),
        ("down", UNREACHABLE, []),
    ],
)
def test_tiktok(config: Config, case: str, status: Status, codes: list[Code]) -> None:
    video = TT_CASES[case][0]
    citation = _embed(
        Platform.TIKTOK,
        f"https://www.tiktok.com/@newsteam/video/{video}",
        video,
        handle="newsteam",
        text="Drone footage",
    )
    verdict = _verify(config, citation)
    assert (verdict.status, _codes(verdict)) == (status, codes), verdict


@pytest.mark.parametrize("platform", [Platform.INSTAGRAM, Platform.FACEBOOK, Platform.THREADS])
def test_meta_is_skipped_with_a_reason(config: Config, platform: Platform) -> None:
    verdict = _verify(config, _embed(platform, "https://www.instagram.com/p/abc/", "abc"))
    assert (verdict.status, _codes(verdict)) == (Status.SKIPPED, [])
    assert verdict.note is not None and "keyless" in verdict.note
