"""The platforms' public endpoints on the sample web, answering as the real services do.

A checker verifies an embedded post by asking the platform, never by scraping the embed.  The
answers that matter (status codes, JSON field names, content types, the HTML of Telegram's widget)
are reproduced here from the platforms' documented behaviour, driven by the truth tables of
:mod:`checker.sampleweb.social_web` and the generated ``data/social/tweets.json``:

- X: ``publish.twitter.com/oembed`` (200 / 404 deleted / 403 not viewable; a wrong handle in the URL
  still resolves to the real author) and ``cdn.syndication.twimg.com/tweet-result`` (200 ``Tweet``,
  200 ``TweetTombstone``, 404 with an empty body; any ``token`` is accepted);
  ``twitter.com``/``x.com`` answer every path with the app shell, as they do for clients without JS;
- ``t.co``: 301 to the destination, 404 for an unknown code;
- Bluesky: ``public.api.bsky.app`` ``getPostThread`` (200 / 400 ``NotFound``) and
  ``embed.bsky.app/oembed`` (200 / 404 / 403 not public);
- Telegram: ``t.me/CHANNEL/ID?embed=1``, always 200; a gone post shows
  ``tgme_widget_message_error``;
- YouTube ``/oembed`` (200 / 401 embedding disabled / 404 / 400), Mastodon ``/api/oembed``
  (200 / 404), TikTok ``/oembed`` (200 / 400 removed / 404 not a video URL).
"""

# Telegram's widget HTML is kept as Telegram writes it, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from checker.sampleweb.news_pages import SITES
from checker.sampleweb.server import Handler, Request, Response, Web
from checker.sampleweb.social_web import SOCIAL_POSTS, TCO_LINKS, PostState, SocialPost

__all__ = [
    "TweetTruth",
    "add_social_web",
    "bluesky_blockquote",
    "display_text",
    "load_tweets",
    "tiktok_blockquote",
    "tweet_blockquote",
    "twitter_date",
]

_JSON = "application/json; charset=utf-8"
_HTML = "text/html; charset=utf-8"
_TOKEN = re.compile(
    r"(?P<tco>https://t\.co/\w+)|(?P<pic>pic\.twitter\.com/\w+)"
    r"|(?<![\w/&])#(?P<tag>\w+)|(?<![\w/])@(?P<user>\w+)"
)
_STATUS = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w+)/status(?:es)?/(\d+)")
_WIDGETS_JS = b"/* widgets.js */ window.twttr = window.twttr || {};\n"


@dataclass(frozen=True, slots=True)
class TweetTruth:
    """One tweet as X holds it (``text`` in API form: media as their ``t.co`` URL)."""

    status_id: str
    screen_name: str
    name: str
    text: str
    created_at: str
    lang: str
    state: str
    urls: tuple[tuple[str, str], ...]
    photos: tuple[tuple[str, str], ...]


# -- markup shared with the page builder ---------------------------------------------------------


def twitter_date(created_at: str) -> str:
    """``2025-02-12T02:53:10.000Z`` → ``February 12, 2025`` as embeds print it."""
    moment = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    return f"{moment:%B} {moment.day}, {moment.year}"


def display_text(truth: TweetTruth) -> str:
    """The tweet's text as an embed shows it: media ``t.co`` URLs become ``pic.twitter.com/…``."""
    text = truth.text
    for tco, display in truth.photos:
        text = text.replace(tco, display)
    return text


def _linkify(text: str) -> str:
    out = []
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[position : match.start()], quote=False))
        if match["tco"]:
            out.append(f'<a href="{match["tco"]}">{match["tco"]}</a>')
        elif match["pic"]:
            code = match["pic"].rsplit("/", 1)[1]
            out.append(f'<a href="https://t.co/{code}">{match["pic"]}</a>')
        elif match["tag"]:
            tag = match["tag"]
            out.append(
                f'<a href="https://twitter.com/hashtag/{quote(tag)}?src=hash&amp;'
                f'ref_src=twsrc%5Etfw">#{html.escape(tag)}</a>'
            )
        else:
            user = match["user"]
            out.append(f'<a href="https://twitter.com/{user}?ref_src=twsrc%5Etfw">@{user}</a>')
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out).replace("\n", "<br>")


def tweet_blockquote(
    text: str, *, name: str, handle: str, status_id: str, date: str, lang: str
) -> str:
    """X's embed markup for a tweet whose display text is ``text`` (without the script tag)."""
    return (
        f'<blockquote class="twitter-tweet"><p lang="{lang}" dir="ltr">{_linkify(text)}</p>'
        f"&mdash; {html.escape(name, quote=False)} (@{handle}) "
        f'<a href="https://twitter.com/{handle}/status/{status_id}?ref_src=twsrc%5Etfw">'
        f"{date}</a></blockquote>"
    )


# -- the truth -----------------------------------------------------------------------------------


def _data() -> Traversable:
    return files("checker.sampleweb").joinpath("data", "social")


def load_tweets() -> dict[str, TweetTruth]:
    """Every tweet X knows, by status ID, from the generated ``tweets.json``."""
    raw = json.loads(_data().joinpath("tweets.json").read_text(encoding="utf-8"))
    return {
        item["status_id"]: TweetTruth(
            status_id=item["status_id"],
            screen_name=item["screen_name"],
            name=item["name"],
            text=item["text"],
            created_at=item["created_at"],
            lang=item["lang"],
            state=item["state"],
            urls=tuple((url, expanded) for url, expanded in item["urls"]),
            photos=tuple((url, display) for url, display in item["photos"]),
        )
        for item in raw
    }


# -- helpers -------------------------------------------------------------------------------------


def _query(request: Request) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(request.path).query).items()}


def _path(request: Request) -> str:
    return urlsplit(request.path).path


def _json(
    data: object, status: int = 200, *, headers: tuple[tuple[str, str], ...] = ()
) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, (("Content-Type", _JSON), *headers), body)


def _empty(status: int, content_type: str = _JSON) -> Response:
    return Response(status, (("Content-Type", content_type),), b"")


def _text(status: int, text: str, content_type: str = "text/html; charset=utf-8") -> Response:
    return Response(status, (("Content-Type", content_type),), text.encode("utf-8"))


# -- X ---------------------------------------------------------------------------------------------


def _twitter_oembed(tweets: Mapping[str, TweetTruth]) -> Handler:
    def handle(request: Request) -> Response:
        if _path(request) != "/oembed":
            return _empty(404)
        query = _query(request)
        match = _STATUS.match(query.get("url", ""))
        if match is None:
            return _empty(404) if query.get("url") else _empty(400)
        tweet = tweets.get(match.group(2))
        if tweet is None or tweet.state == PostState.DELETED:
            return _empty(404)
        if tweet.state != PostState.LIVE:
            return _empty(403)
        markup = tweet_blockquote(
            display_text(tweet),
            name=tweet.name,
            handle=tweet.screen_name,
            status_id=tweet.status_id,
            date=twitter_date(tweet.created_at),
            lang=tweet.lang,
        )
        if query.get("omit_script", "").lower() not in {"1", "true", "t"}:
            markup += (
                '\n<script async src="https://platform.twitter.com/widgets.js" '
                'charset="utf-8"></script>'
            )
        return _json(
            {
                "url": match.group(0),
                "author_name": tweet.name,
                "author_url": f"https://twitter.com/{tweet.screen_name}",
                "html": markup + "\n",
                "width": 550,
                "height": None,
                "type": "rich",
                "cache_age": "3153600000",
                "provider_name": "Twitter",
                "provider_url": "https://twitter.com",
                "version": "1.0",
            },
            headers=(("Cache-Control", "must-revalidate, max-age=3153600000"),),
        )

    return handle


def _display_url(url: str) -> str:
    bare = url.split("://", 1)[1]
    return bare if len(bare) <= 26 else bare[:25] + "…"


def _entities(tweet: TweetTruth) -> dict[str, Any]:
    text = tweet.text
    urls = [
        {
            "display_url": _display_url(expanded),
            "expanded_url": expanded,
            "indices": [text.find(url), text.find(url) + len(url)],
            "url": url,
        }
        for url, expanded in tweet.urls
    ]
    media = [
        {
            "display_url": display.replace("pic.twitter.com", "pic.x.com"),
            "expanded_url": TCO_LINKS.get(url.rsplit("/", 1)[1], ""),
            "indices": [text.find(url), text.find(url) + len(url)],
            "url": url,
            "type": "photo",
        }
        for url, display in tweet.photos
    ]
    hashtags = [
        {"indices": [m.start(), m.end()], "text": m["tag"]}
        for m in _TOKEN.finditer(text)
        if m["tag"]
    ]
    mentions = [
        {"indices": [m.start(), m.end()], "screen_name": m["user"], "name": m["user"]}
        for m in _TOKEN.finditer(text)
        if m["user"]
    ]
    entities: dict[str, Any] = {
        "hashtags": hashtags,
        "urls": urls,
        "user_mentions": mentions,
        "symbols": [],
    }
    if media:
        entities["media"] = media
    return entities


_TOMBSTONE = {
    "__typename": "TweetTombstone",
    "tombstone": {
        "text": {
            "text": "This Post is unavailable. Learn more",
            "entities": [
                {
                    "from_index": 27,
                    "to_index": 37,
                    "ref": {
                        "__typename": "TimelineUrl",
                        "url": "https://help.x.com/rules-and-policies/notices-on-x",
                        "url_type": "ExternalUrl",
                    },
                }
            ],
            "rtl": False,
        }
    },
}


def _syndication(tweets: Mapping[str, TweetTruth]) -> Handler:
    def handle(request: Request) -> Response:
        if _path(request) != "/tweet-result":
            return _empty(404)
        status_id = _query(request).get("id", "")
        if not status_id.isdigit():
            return _empty(400)
        tweet = tweets.get(status_id)
        if tweet is None or tweet.state == PostState.DELETED:
            return _empty(404)
        if tweet.state != PostState.LIVE:
            return _json(_TOMBSTONE)
        return _json(
            {
                "__typename": "Tweet",
                "lang": tweet.lang,
                "favorite_count": 120 + int(status_id[-3:]),
                "possibly_sensitive": False,
                "created_at": tweet.created_at,
                "display_text_range": [0, len(tweet.text)],
                "entities": _entities(tweet),
                "id_str": tweet.status_id,
                "text": tweet.text,
                "user": {
                    "id_str": str(zlib.crc32(tweet.screen_name.encode())),
                    "name": tweet.name,
                    "screen_name": tweet.screen_name,
                    "is_blue_verified": False,
                    "verified": True,
                    "profile_image_shape": "Square",
                },
                "edit_control": {
                    "edit_tweet_ids": [tweet.status_id],
                    "editable_until_msecs": "0",
                    "is_edit_eligible": False,
                    "edits_remaining": "5",
                },
                "conversation_count": 3,
                "news_action_type": "conversation",
                "isEdited": False,
                "isStaleEdit": False,
            }
        )

    return handle


_X_SHELL = """<!DOCTYPE html>
<html dir="ltr" lang="en"><head><meta charset="utf-8"><title>X</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body><noscript><div><h1>JavaScript is not available.</h1>
<p>We’ve detected that JavaScript is disabled in this browser. Please enable JavaScript or switch to a supported browser to continue using x.com.</p></div></noscript>
<div id="react-root"></div></body></html>
"""


def _tco(request: Request) -> Response:
    code = _path(request).strip("/")
    target = TCO_LINKS.get(code)
    if target is None:
        return _text(404, "<html><head><title>t.co / 404</title></head><body>404</body></html>")
    body = (
        f'<head><noscript><META http-equiv="refresh" content="0;URL={html.escape(target)}">'
        f"</noscript><title>{html.escape(target)}</title></head>"
        f'<script>window.opener = null; location.replace("{target}")</script>'
    )
    headers = (
        ("Location", target),
        ("Content-Type", _HTML),
        ("Cache-Control", "private,max-age=300"),
    )
    return Response(301, headers, body.encode("utf-8"))


# -- Bluesky -------------------------------------------------------------------------------------


def _bluesky_posts() -> tuple[SocialPost, ...]:
    return tuple(post for post in SOCIAL_POSTS if post.platform == "bluesky")


def _bluesky_find(handle_or_did: str, rkey: str) -> SocialPost | None:
    for post in _bluesky_posts():
        if post.embed_key.endswith(f"/{rkey}") and handle_or_did in {
            post.get("did"),
            post.author_handle,
        }:
            return post
    return None


def _post_view(post: SocialPost) -> dict[str, Any]:
    return {
        "uri": post.embed_key,
        "cid": post.get("cid"),
        "author": {
            "did": post.get("did"),
            "handle": post.author_handle,
            "displayName": post.author_name,
            "avatar": f"https://cdn.bsky.app/img/avatar/plain/{post.get('did')}/bafkrei@jpeg",
            "labels": [],
            "createdAt": "2023-05-02T10:11:12.000Z",
        },
        "record": {
            "$type": "app.bsky.feed.post",
            "createdAt": post.created_at,
            "langs": ["en"],
            "text": post.text,
        },
        "replyCount": 4,
        "repostCount": 31,
        "likeCount": 112,
        "quoteCount": 2,
        "indexedAt": post.created_at,
        "labels": [],
    }


def _bluesky_api(request: Request) -> Response:
    if _path(request) != "/xrpc/app.bsky.feed.getPostThread":
        return _json({"error": "MethodNotImplemented", "message": "Method Not Implemented"}, 501)
    uri = _query(request).get("uri", "")
    match = re.match(r"^at://([^/]+)/app\.bsky\.feed\.post/(\w+)$", uri)
    if match is None:
        message = 'Params must have the property "uri"' if not uri else f"Invalid AT-URI: {uri}"
        return _json({"error": "InvalidRequest", "message": message}, 400)
    post = _bluesky_find(match.group(1), match.group(2))
    if post is None or post.state is PostState.DELETED:
        return _json({"error": "NotFound", "message": f"Post not found: {uri}"}, 400)
    thread = {"$type": "app.bsky.feed.defs#threadViewPost", "post": _post_view(post)}
    return _json({"thread": thread})


def _bluesky_oembed(request: Request) -> Response:
    if _path(request) != "/oembed":
        return _text(404, "not found", "text/plain; charset=utf-8")
    url = _query(request).get("url", "")
    match = re.match(r"^https://bsky\.app/profile/([^/]+)/post/(\w+)$", url) or re.match(
        r"^at://([^/]+)/app\.bsky\.feed\.post/(\w+)$", url
    )
    if match is None:
        return _text(400, "Invalid URL", "text/plain; charset=utf-8")
    post = _bluesky_find(match.group(1), match.group(2))
    if post is None or post.state is PostState.DELETED:
        return _text(404, "post not found", "text/plain; charset=utf-8")
    if post.state is PostState.NOT_PUBLIC:
        return _text(403, "post is not public", "text/plain; charset=utf-8")
    return _json(
        {
            "type": "rich",
            "version": "1.0",
            "author_name": f"{post.author_name} (@{post.author_handle})",
            "author_url": f"https://bsky.app/profile/{post.author_handle}",
            "provider_name": "Bluesky Social",
            "provider_url": "https://bsky.app",
            "cache_age": 86400,
            "width": 600,
            "height": None,
            "html": bluesky_blockquote(post, handle=post.author_handle),
        }
    )


def bluesky_blockquote(post: SocialPost, *, handle: str) -> str:
    """Bluesky's embed markup for ``post``, showing ``handle``."""
    did, rkey = post.get("did"), post.embed_key.rsplit("/", 1)[1]
    moment = datetime.fromisoformat(post.created_at.replace("Z", "+00:00"))
    shown_date = f"{moment:%B} {moment.day}, {moment.year} at {moment:%I:%M %p}".replace(" 0", " ")
    return (
        f'<blockquote class="bluesky-embed" data-bluesky-uri="{post.embed_key}" '
        f'data-bluesky-cid="{post.get("cid")}"><p lang="en">{html.escape(post.text)}</p>'
        f"&mdash; {html.escape(post.author_name)} "
        f'(<a href="https://bsky.app/profile/{did}?ref_src=embed">@{handle}</a>) '
        f'<a href="https://bsky.app/profile/{did}/post/{rkey}?ref_src=embed">{shown_date}</a>'
        f"</blockquote>"
    )


# -- Telegram --------------------------------------------------------------------------------------


def _telegram_widget(inner: str, data_post: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title>
<link href="//telegram.org/css/widget-frame.css?72" rel="stylesheet"></head>
<body class="body_widget_post emoji_image nodesktop">
<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{data_post}" data-view="eyJjIjotMTAwMTg" data-peer="c1001873452_-1" data-before="" data-after="">
{inner}
</div></div>
<script src="//telegram.org/js/widget-frame.js?63"></script>
</body></html>
"""


def _telegram(request: Request) -> Response:
    match = re.match(r"^/(?:s/)?(\w+)/(\d+)$", _path(request))
    if match is None:
        return _text(200, "<html><head><title>Telegram: Contact</title></head><body></body></html>")
    channel, number = match.groups()
    key = f"https://t.me/{channel}/{number}"
    post = next((p for p in SOCIAL_POSTS if p.platform == "telegram" and p.embed_key == key), None)
    if "embed=1" not in request.path:
        title = f"Telegram: View @{channel}"
        return _text(
            200,
            f'<html><head><meta property="og:title" content="{title}">'
            f"<title>{title}</title></head><body></body></html>",
        )
    if post is None or post.state is not PostState.LIVE:
        inner = '<div class="tgme_widget_message_error">Post not found</div>'
        return _text(200, _telegram_widget(inner, f"{channel}/{number}"))
    moment = datetime.fromisoformat(post.created_at)
    inner = f"""<div class="tgme_widget_message_user"><a href="https://t.me/{channel}"><i class="tgme_widget_message_user_photo bgcolor0" data-content="ウ"></i></a></div>
<div class="tgme_widget_message_bubble">
<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/{channel}"><span dir="auto">{html.escape(post.author_name)}</span></a></div>
<div class="tgme_widget_message_text js-message_text" dir="auto">{html.escape(post.text)}</div>
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">2.1K</span><span class="copyonclick">views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="{key}"><time datetime="{post.created_at}" class="time">{moment:%H:%M}</time></a></span></div></div>
</div>"""
    return _text(200, _telegram_widget(inner, f"{channel}/{number}"))


# -- YouTube, Mastodon, TikTok -------------------------------------------------------------------


def _by_page_url(platform: str, url: str) -> SocialPost | None:
    return next(
        (p for p in SOCIAL_POSTS if p.platform == platform and url in {p.page_url, p.embed_key}),
        None,
    )


_YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/)"
    r"([\w-]{11})(?:[?&#].*)?$"
)


def _youtube(request: Request) -> Response:
    path = _path(request)
    if path != "/oembed":
        title = "YouTube"
        return _text(200, f"<html><head><title>{title}</title></head><body></body></html>")
    match = _YOUTUBE_ID.match(_query(request).get("url", ""))
    if match is None:
        return _text(400, "Bad Request", "text/html; charset=utf-8")
    post = _by_page_url("youtube", f"https://www.youtube.com/watch?v={match.group(1)}")
    if post is None or post.state is PostState.DELETED:
        return _text(404, "Not Found")
    if post.state is PostState.EMBED_DISABLED:
        return _text(401, "Unauthorized")
    video = match.group(1)
    return _json(
        {
            "title": post.text,
            "author_name": post.author_name,
            "author_url": f"https://www.youtube.com/{post.author_handle}",
            "type": "video",
            "height": 113,
            "width": 200,
            "version": "1.0",
            "provider_name": "YouTube",
            "provider_url": "https://www.youtube.com/",
            "thumbnail_height": 360,
            "thumbnail_width": 480,
            "thumbnail_url": f"https://i.ytimg.com/vi/{video}/hqdefault.jpg",
            "html": (
                f'<iframe width="200" height="113" src="https://www.youtube.com/embed/{video}'
                f'?feature=oembed" frameborder="0" allowfullscreen title="{html.escape(post.text)}">'
                "</iframe>"
            ),
        }
    )


def _mastodon(request: Request) -> Response:
    if _path(request) == "/embed.js":
        return _script(b"/* mastodon embed */\n")
    if _path(request) != "/api/oembed":
        return _text(200, "<html><head><title>Mastodon</title></head><body></body></html>")
    url = _query(request).get("url", "")
    post = _by_page_url("mastodon", url.removesuffix("/embed"))
    if post is None or post.state is not PostState.LIVE:
        return _json({"error": "Record not found"}, 404)
    return _json(
        {
            "type": "rich",
            "version": "1.0",
            "title": f"New status by {post.author_handle}",
            "author_name": post.author_name,
            "author_url": f"https://mastodon.social/@{post.author_handle}",
            "provider_name": "mastodon.social",
            "provider_url": "https://mastodon.social/",
            "cache_age": 86400,
            "html": (
                f'<blockquote class="mastodon-embed" data-embed-url="{post.embed_key}" '
                f'style="max-width: 540px;"><a href="{post.page_url}" target="_blank">'
                f"{html.escape(post.text)}</a></blockquote>"
            ),
            "width": 400,
            "height": None,
        }
    )


_TIKTOK_VIDEO = re.compile(r"^https://(?:www\.|m\.)?tiktok\.com/@([\w.]+)/video/(\d+)")


def _tiktok(request: Request) -> Response:
    if _path(request) != "/oembed":
        return _text(200, "<html><head><title>TikTok - Make Your Day</title></head></html>")
    match = _TIKTOK_VIDEO.match(_query(request).get("url", ""))
    if match is None:
        return _json({"code": 404, "message": "Not Found", "status_msg": "Not Found"}, 404)
    post = _by_page_url("tiktok", match.group(0))
    if post is None or post.state is not PostState.LIVE:
        message = "Something went wrong"
        return _json({"code": 400, "message": message, "status_msg": message}, 400)
    video = match.group(2)
    return _json(
        {
            "version": "1.0",
            "type": "video",
            "title": post.text,
            "author_url": f"https://www.tiktok.com/@{post.author_handle}",
            "author_name": post.author_name,
            "width": "100%",
            "height": "100%",
            "html": tiktok_blockquote(post),
            "thumbnail_width": 576,
            "thumbnail_height": 1024,
            "thumbnail_url": f"https://p16-sign-va.tiktokcdn.com/obj/{video}~tplv-noop.jpeg",
            "provider_url": "https://www.tiktok.com",
            "provider_name": "TikTok",
            "author_unique_id": post.author_handle,
            "embed_product_id": video,
            "embed_type": "video",
        }
    )


def tiktok_blockquote(post: SocialPost) -> str:
    """TikTok's embed markup for ``post``."""
    video = post.embed_key.rsplit("/", 1)[1]
    user = post.author_handle
    return (
        f'<blockquote class="tiktok-embed" cite="{post.embed_key}" data-video-id="{video}" '
        f'style="max-width: 605px;min-width: 325px;"><section>'
        f'<a target="_blank" title="@{user}" href="https://www.tiktok.com/@{user}?refer=embed">'
        f"@{user}</a> {html.escape(post.text)}</section></blockquote>"
    )


# -- wiring --------------------------------------------------------------------------------------


def _script(body: bytes) -> Response:
    return Response(200, (("Content-Type", "application/javascript; charset=utf-8"),), body)


def _add_articles(web: Web) -> None:
    folder = _data().joinpath("articles")
    manifest = folder.joinpath("MANIFEST.tsv").read_text(encoding="utf-8")
    for site in SITES:
        headers = (("Content-Type", _HTML), *site.headers)
        web.add(f"https://{site.host}/", Response(200, headers, site.home.encode("utf-8")))
        web.fallback(site.host, Response(404, headers, site.not_found.encode("utf-8")))
    for line in manifest.splitlines():
        if not line.strip():
            continue
        url, name = line.split("\t")
        host = urlsplit(url).hostname or ""
        site_headers = next(site.headers for site in SITES if site.host == host)
        body = folder.joinpath(name).read_bytes()
        web.add(url, Response(200, (("Content-Type", _HTML), *site_headers), body))


def add_social_web(web: Web) -> None:
    """Add the platforms, ``t.co`` and the linked articles to ``web``."""
    tweets = load_tweets()
    web.fallback("publish.twitter.com", _twitter_oembed(tweets))
    web.fallback("cdn.syndication.twimg.com", _syndication(tweets))
    web.fallback("t.co", _tco)
    for host in ("twitter.com", "x.com", "mobile.twitter.com"):
        web.fallback(host, Response(200, (("Content-Type", _HTML),), _X_SHELL.encode("utf-8")))
    web.add("https://platform.twitter.com/widgets.js", _script(_WIDGETS_JS))
    web.fallback("public.api.bsky.app", _bluesky_api)
    web.fallback("embed.bsky.app", _bluesky_oembed)
    web.add("https://embed.bsky.app/static/embed.js", _script(b"/* bluesky embed */\n"))
    web.fallback("bsky.app", _text(200, "<html><head><title>Bluesky</title></head></html>"))
    web.fallback("t.me", _telegram)
    web.fallback("telegram.org", _script(b"/* telegram widget */\n"))
    web.fallback("www.youtube.com", _youtube)
    web.fallback("mastodon.social", _mastodon)
    web.fallback("www.tiktok.com", _tiktok)
    web.add("https://www.tiktok.com/embed.js", _script(b"/* tiktok embed */\n"))
    _add_articles(web)
