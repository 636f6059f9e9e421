"""Bluesky, Telegram, YouTube, Mastodon and TikTok on the sample web, answering as documented."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from conftest import Answer, Fetch

from checker.findings import Code
from checker.sampleweb import DEMO_PLATFORMS_POST_URL, SampleWeb, demo_web
from checker.sampleweb.social_web import SOCIAL_POSTS, PostState, SocialPost


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(demo_web()) as running:
        yield running


def _post(platform: str, state: PostState, *, renamed: bool = False) -> SocialPost:
    return next(
        post
        for post in SOCIAL_POSTS
        if post.platform == platform
        and post.state is state
        and (post.shown_handle is not None) == renamed
    )


def _json(answer: Answer) -> dict[str, object]:
    assert answer.headers["content-type"].startswith("application/json")
    data = json.loads(answer.body)
    assert isinstance(data, dict)
    return data


def _q(url: str) -> str:
    return quote(url, safe="")


# -- the fixture page ----------------------------------------------------------------------------


def test_platforms_page_uses_each_platforms_embed_markup(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, DEMO_PLATFORMS_POST_URL)
    assert answer.status == 200
    soup = BeautifulSoup(answer.text, "html.parser")
    [body] = soup.select("div.post-body.entry-content")
    bluesky = body.select("blockquote.bluesky-embed[data-bluesky-uri][data-bluesky-cid]")
    assert len(bluesky) == 3
    assert all(str(q["data-bluesky-uri"]).startswith("at://did:plc:") for q in bluesky)
    telegram = body.select("script[data-telegram-post]")
    assert {str(s["data-telegram-post"]) for s in telegram} == {
        "ukrinform_jp/4821",
        "ukrinform_jp/4817",
    }
    assert all(
        str(s["src"]).startswith("https://telegram.org/js/telegram-widget.js") for s in telegram
    )
    youtube = [str(f["src"]) for f in body.select("iframe[src^='https://www.youtube.com/embed/']")]
    assert len(youtube) == 3
    assert len(body.select("iframe.mastodon-embed[src$='/embed']")) == 2
    tiktok = body.select("blockquote.tiktok-embed[cite][data-video-id]")
    assert [str(t["cite"]).rsplit("/", 1)[1] for t in tiktok] == [
        str(t["data-video-id"]) for t in tiktok
    ]


def test_renamed_bluesky_account_shows_its_old_handle(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("bluesky", PostState.LIVE, renamed=True)
    assert post.expected == frozenset()  # same DID: not an author mismatch
    assert f"@{post.shown_handle}</a>" in fetch(site, DEMO_PLATFORMS_POST_URL).text


# -- Bluesky ---------------------------------------------------------------------------------------

_THREAD = "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri={}&depth=0"


def test_bluesky_thread_of_a_live_post(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("bluesky", PostState.LIVE)
    answer = fetch(site, _THREAD.format(_q(post.embed_key)))
    assert answer.status == 200
    view = _json(answer)["thread"]["post"]  # type: ignore[index]
    assert view["uri"] == post.embed_key and view["cid"] == post.get("cid")
    assert view["author"]["handle"] == "kyivindependent.com"
    assert view["record"]["text"] == post.text
    assert view["record"]["createdAt"] == post.created_at


def test_bluesky_thread_by_handle_and_of_a_renamed_account(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("bluesky", PostState.LIVE, renamed=True)
    view = _json(fetch(site, _THREAD.format(_q(post.embed_key))))["thread"]["post"]  # type: ignore[index]
    assert view["author"]["handle"] == "asia.nikkei.com" != post.shown_handle
    assert view["author"]["did"] == post.get("did")
    by_handle = post.embed_key.replace(post.get("did"), post.author_handle)
    assert fetch(site, _THREAD.format(_q(by_handle))).status == 200


def test_bluesky_thread_of_a_deleted_post_and_a_bad_request(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("bluesky", PostState.DELETED)
    answer = fetch(site, _THREAD.format(_q(post.embed_key)))
    assert answer.status == 400
    assert _json(answer)["error"] == "NotFound"
    bad = fetch(site, "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread")
    assert (bad.status, _json(bad)["error"]) == (400, "InvalidRequest")


@pytest.mark.parametrize(
    ("state", "status"),
    [(PostState.LIVE, 200), (PostState.DELETED, 404), (PostState.NOT_PUBLIC, 403)],
)
def test_bluesky_oembed(site: SampleWeb, fetch: Fetch, state: PostState, status: int) -> None:
    post = _post("bluesky", state)
    answer = fetch(site, f"https://embed.bsky.app/oembed?url={_q(post.page_url)}")
    assert answer.status == status
    if status == 200:
        data = _json(answer)
        assert data["author_url"] == f"https://bsky.app/profile/{post.author_handle}"
        assert 'class="bluesky-embed"' in str(data["html"])


# -- Telegram --------------------------------------------------------------------------------------


def test_telegram_embed_of_a_live_post(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("telegram", PostState.LIVE)
    answer = fetch(site, f"{post.page_url}?embed=1&mode=tme")
    assert answer.status == 200
    soup = BeautifulSoup(answer.text, "html.parser")
    text = soup.select_one(".tgme_widget_message_text")
    assert text is not None and text.get_text() == post.text
    author = soup.select_one(".tgme_widget_message_owner_name")
    assert author is not None and author.get_text() == post.author_name
    time = soup.select_one("time[datetime]")
    assert time is not None and time["datetime"] == post.created_at
    assert "tgme_widget_message_error" not in answer.text


def test_telegram_embed_of_a_gone_post_is_200_post_not_found(site: SampleWeb, fetch: Fetch) -> None:
    post = _post("telegram", PostState.DELETED)
    assert post.expected == {Code.EMBED_UNAVAILABLE}
    answer = fetch(site, f"{post.page_url}?embed=1")
    assert answer.status == 200
    assert '<div class="tgme_widget_message_error">Post not found</div>' in answer.text


# -- YouTube, Mastodon, TikTok -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "status"),
    [(PostState.LIVE, 200), (PostState.EMBED_DISABLED, 401), (PostState.DELETED, 404)],
)
def test_youtube_oembed(site: SampleWeb, fetch: Fetch, state: PostState, status: int) -> None:
    post = _post("youtube", state)
    url = f"https://www.youtube.com/oembed?url={_q(post.page_url)}&format=json"
    answer = fetch(site, url)
    assert answer.status == status
    if status == 200:
        data = _json(answer)
        assert (data["title"], data["author_name"]) == (post.text, post.author_name)
        assert data["author_url"] == f"https://www.youtube.com/{post.author_handle}"
        assert data["provider_name"] == "YouTube"


def test_youtube_oembed_accepts_the_embed_url_and_rejects_garbage(
    site: SampleWeb, fetch: Fetch
) -> None:
    post = _post("youtube", PostState.LIVE)
    embed = f"https://www.youtube.com/oembed?url={_q(post.embed_key)}&format=json"
    assert fetch(site, embed).status == 200
    assert fetch(site, "https://www.youtube.com/oembed?url=nonsense&format=json").status == 400


def test_youtube_embedding_disabled_is_blocked_not_gone() -> None:
    assert _post("youtube", PostState.EMBED_DISABLED).expected == {Code.BLOCKED}
    assert _post("youtube", PostState.DELETED).expected == {Code.EMBED_UNAVAILABLE}


@pytest.mark.parametrize(("state", "status"), [(PostState.LIVE, 200), (PostState.DELETED, 404)])
def test_mastodon_oembed(site: SampleWeb, fetch: Fetch, state: PostState, status: int) -> None:
    post = _post("mastodon", state)
    answer = fetch(site, f"https://mastodon.social/api/oembed?url={_q(post.page_url)}")
    assert answer.status == status
    data = _json(answer)
    if status == 200:
        assert data["author_url"] == "https://mastodon.social/@osint_jp"
        assert post.text in str(data["html"])
    else:
        assert data == {"error": "Record not found"}


@pytest.mark.parametrize(("state", "status"), [(PostState.LIVE, 200), (PostState.DELETED, 400)])
def test_tiktok_oembed(site: SampleWeb, fetch: Fetch, state: PostState, status: int) -> None:
    post = _post("tiktok", state)
    answer = fetch(site, f"https://www.tiktok.com/oembed?url={_q(post.page_url)}")
    assert answer.status == status
    data = _json(answer)
    if status == 200:
        assert data["author_unique_id"] == post.author_handle
        assert data["author_url"] == f"https://www.tiktok.com/@{post.author_handle}"
        assert data["title"] == post.text
    else:
        assert data["status_msg"] == "Something went wrong"


def test_tiktok_oembed_of_a_non_video_url_is_404(site: SampleWeb, fetch: Fetch) -> None:
    url = f"https://www.tiktok.com/oembed?url={_q('https://www.tiktok.com/@nhk_news')}"
    assert fetch(site, url).status == 404


@pytest.mark.parametrize(
    "url",
    [
        "https://embed.bsky.app/static/embed.js",
        "https://telegram.org/js/telegram-widget.js?22",
        "https://mastodon.social/embed.js",
        "https://www.tiktok.com/embed.js",
    ],
)
def test_embed_scripts_are_served(site: SampleWeb, fetch: Fetch, url: str) -> None:
    answer = fetch(site, url)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/javascript")
