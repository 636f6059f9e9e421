"""Embedded posts: every platform's markup, read into one ``embed`` citation and its links."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.embeds import READERS, find_captured, find_embeds, is_author_line
from checker.extract.lines import text_lines
from checker.extract.links import headline
from checker.extract.tree import Element, parse_html
from checker.model import Citation, CitationKind, Cited, Page, PageKind, Platform

BASE = "https://blog.example.com/2025/02/post.html"

TWEET = """<blockquote class="twitter-tweet"><p lang="ja" dir="ltr">【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)<a href="https://t.co/MZVpLKPiIb">https://t.co/MZVpLKPiIb</a> <a href="https://twitter.com/hashtag/nhk_news?src=hash&amp;ref_src=twsrc%5Etfw">#nhk_news</a></p>&mdash; NHKニュース (@nhk_news) <a href="https://twitter.com/nhk_news/status/1889568402542063989?ref_src=twsrc%5Etfw">February 12, 2025</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>"""  # noqa: E501

X_TWEET = """<blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">I just had a lengthy and highly productive phone call with <a href="https://x.com/POTUS?ref_src=twsrc%5Etfw">@POTUS</a>…<br><br>Read it all <a href="https://t.co/abcDEF123">https://t.co/abcDEF123</a> <a href="https://t.co/PicPic">pic.x.com/PicPic</a></p>&mdash; Donald J. Trump Posts From His Truth Social (Mirror) 🇺🇸 (@TrumpDailyPosts) <a href="https://x.com/TrumpDailyPosts/status/1889712345678901234?ref_src=twsrc%5Etfw">February 12, 2025</a></blockquote>"""  # noqa: E501

BLUESKY = """<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbf4nqhnxc2n" data-bluesky-cid="bafyreihmqfgkfsnvoc4ltdsoi3fvbr2mblcixxuw5ftfrgedrtabr2uqaq" data-bluesky-embed-color-mode="system"><p lang="en">Our new report is out: <a href="https://example.org/report">example.org/report</a><br><br><a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbf4nqhnxc2n?ref_src=embed">[image or embed]</a></p>&mdash; Bluesky (<a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur?ref_src=embed">@bsky.app</a>) <a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbf4nqhnxc2n?ref_src=embed">November 21, 2024 at 2:03 AM</a></blockquote><script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>"""  # noqa: E501

TELEGRAM = """<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="durov/43" data-width="100%"></script>"""  # noqa: E501
TELEGRAM_BLOCK = """<blockquote class="telegram-post"><p>速報です</p><a href="https://t.me/rian_ru/245912">t.me/rian_ru/245912</a></blockquote>"""
YOUTUBE = """<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc" title="YouTube video player" frameborder="0" allowfullscreen></iframe>"""  # noqa: E501
YOUTUBE_NOCOOKIE = """<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"></iframe>"""
YOUTUBE_WP = """<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=jNQXAC9IVRw
</div></figure>"""  # noqa: E501
MASTODON_IFRAME = """<iframe src="https://mastodon.social/@Gargron/113483203406026286/embed" class="mastodon-embed" style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen"></iframe><script src="https://mastodon.social/embed.js" async="async"></script>"""  # noqa: E501
MASTODON_QUOTE = """<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@Gargron/113483203406026286/embed" style="background: #FCF8FF;"> <a href="https://mastodon.social/@Gargron/113483203406026286" target="_blank"> <div>Post by @Gargron@mastodon.social</div> <div>View on Mastodon</div> </a> </blockquote> <script data-allowed-prefixes="https://mastodon.social/" async src="https://mastodon.social/embed.js"></script>"""  # noqa: E501
TIKTOK = """<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@scout2015/video/6718335390845095173" data-video-id="6718335390845095173" style="max-width: 605px;min-width: 325px;"> <section> <a target="_blank" title="@scout2015" href="https://www.tiktok.com/@scout2015?refer=embed">@scout2015</a> Scramble up ur name &amp; I’ll try to guess it <a title="foryoupage" target="_blank" href="https://www.tiktok.com/tag/foryoupage?refer=embed">#foryoupage</a> <a target="_blank" title="♬ original sound - tiff" href="https://www.tiktok.com/music/original-sound-6689804660171082501?refer=embed">♬ original sound - tiff</a> </section> </blockquote> <script async src="https://www.tiktok.com/embed.js"></script>"""  # noqa: E501
INSTAGRAM = """<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/C1a2B3c4D5e/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14"><div style="padding:16px;"><a href="https://www.instagram.com/p/C1a2B3c4D5e/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank"><div>View this post on Instagram</div></a><p style="margin:8px 0 0 0;"><a href="https://www.instagram.com/p/C1a2B3c4D5e/?utm_source=ig_embed&amp;utm_campaign=loading" target="_blank">A post shared by NASA (@nasa)</a></p> <p>on <time datetime="2024-01-05T17:00:00+00:00">Jan 5, 2024 at 9:00am PST</time></p></div></blockquote> <script async src="//www.instagram.com/embed.js"></script>"""  # noqa: E501
FACEBOOK = """<div class="fb-post" data-href="https://www.facebook.com/20531316728/posts/10154009990506729/" data-width="500" data-show-text="true"><blockquote cite="https://developers.facebook.com/20531316728/posts/10154009990506729/" class="fb-xfbml-parse-ignore"><p>Big news today.</p>Posted by <a href="https://www.facebook.com/facebook/">Facebook</a> on&nbsp;<a href="https://developers.facebook.com/20531316728/posts/10154009990506729/">Thursday, August 27, 2015</a></blockquote></div>"""  # noqa: E501
FACEBOOK_IFRAME = """<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fnasa%2Fposts%2Fpfbid02abcXYZ&amp;show_text=true&amp;width=500" width="500" height="600"></iframe>"""  # noqa: E501
THREADS = """<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@zuck/post/C8ed0UgPzm5" data-text-post-version="0" id="ig-tp-C8ed0UgPzm5"> <a href="https://www.threads.net/@zuck/post/C8ed0UgPzm5" target="_blank"> <div><span>Post by @zuck</span></div> <div>View on Threads</div> </a></blockquote> <script async src="https://www.threads.net/embed.js"></script>"""  # noqa: E501

CASES: dict[str, tuple[str, Platform, str | None, str | None, Cited]] = {
    "twitter.com": (
        TWEET,
        Platform.TWITTER,
        "1889568402542063989",
        "https://twitter.com/nhk_news/status/1889568402542063989",
        Cited(
            author="NHKニュース",
            handle="nhk_news",
            date="February 12, 2025",
            text="【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)"
            "https://t.co/MZVpLKPiIb #nhk_news",
        ),
    ),
    "x.com, emoji and brackets in the name": (
        X_TWEET,
        Platform.TWITTER,
        "1889712345678901234",
        "https://twitter.com/TrumpDailyPosts/status/1889712345678901234",
        Cited(
            author="Donald J. Trump Posts From His Truth Social (Mirror) 🇺🇸",
            handle="TrumpDailyPosts",
            date="February 12, 2025",
            text="I just had a lengthy and highly productive phone call with @POTUS…\n"
            "Read it all https://t.co/abcDEF123 pic.x.com/PicPic",
        ),
    ),
    "bluesky": (
        BLUESKY,
        Platform.BLUESKY,
        "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3lbf4nqhnxc2n",
        "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3lbf4nqhnxc2n",
        Cited(
            author="Bluesky",
            handle="bsky.app",
            date="November 21, 2024 at 2:03 AM",
            text="Our new report is out: example.org/report\n[image or embed]",
        ),
    ),
    "telegram script": (TELEGRAM, Platform.TELEGRAM, "durov/43", "https://t.me/durov/43", Cited()),
    "telegram container": (
        TELEGRAM_BLOCK,
        Platform.TELEGRAM,
        "rian_ru/245912",
        "https://t.me/rian_ru/245912",
        Cited(text="速報です\nt.me/rian_ru/245912"),
    ),
    "youtube": (
        YOUTUBE,
        Platform.YOUTUBE,
        "dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        Cited(),
    ),
    "youtube-nocookie": (
        YOUTUBE_NOCOOKIE,
        Platform.YOUTUBE,
        "aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        Cited(),
    ),
    "youtube in a wordpress embed block": (
        YOUTUBE_WP,
        Platform.YOUTUBE,
        "jNQXAC9IVRw",
        "https://www.youtube.com/watch?v=jNQXAC9IVRw",
        Cited(),
    ),
    "mastodon iframe": (
        MASTODON_IFRAME,
        Platform.MASTODON,
        "113483203406026286",
        "https://mastodon.social/@Gargron/113483203406026286",
        Cited(),
    ),
    "mastodon blockquote": (
        MASTODON_QUOTE,
        Platform.MASTODON,
        "113483203406026286",
        "https://mastodon.social/@Gargron/113483203406026286",
        Cited(handle="Gargron@mastodon.social"),
    ),
    "tiktok": (
        TIKTOK,
        Platform.TIKTOK,
        "6718335390845095173",
        "https://www.tiktok.com/@scout2015/video/6718335390845095173",
        Cited(handle="scout2015", text="Scramble up ur name & I’ll try to guess it #foryoupage"),
    ),
    "instagram": (
        INSTAGRAM,
        Platform.INSTAGRAM,
        "C1a2B3c4D5e",
        "https://www.instagram.com/p/C1a2B3c4D5e/?utm_source=ig_embed&utm_campaign=loading",
        Cited(author="NASA", handle="nasa", date="Jan 5, 2024 at 9:00am PST"),
    ),
    "facebook div": (
        FACEBOOK,
        Platform.FACEBOOK,
        "10154009990506729",
        "https://www.facebook.com/20531316728/posts/10154009990506729/",
        Cited(author="Facebook", date="Thursday, August 27, 2015", text="Big news today."),
    ),
    "facebook iframe": (
        FACEBOOK_IFRAME,
        Platform.FACEBOOK,
        "pfbid02abcXYZ",
        "https://www.facebook.com/nasa/posts/pfbid02abcXYZ",
        Cited(),
    ),
    "threads": (
        THREADS,
        Platform.THREADS,
        "C8ed0UgPzm5",
        "https://www.threads.net/@zuck/post/C8ed0UgPzm5",
        Cited(handle="zuck"),
    ),
}


def _body(markup: str) -> Element:
    return parse_html(f"<div class='post-body'>{markup}</div>")


@pytest.mark.parametrize(
    ("markup", "platform", "post_id", "url", "cited"), CASES.values(), ids=CASES.keys()
)
def test_each_platform(
    markup: str, platform: Platform, post_id: str | None, url: str | None, cited: Cited
) -> None:
    ((_tag, embed),) = find_embeds(_body(markup), BASE)
    assert (embed.platform, embed.post_id, embed.url) == (platform, post_id, url)
    assert embed.cited == cited


def test_every_platform_module_is_in_the_table() -> None:
    assert set(READERS) == {
        "twitter",
        "bluesky",
        "telegram",
        "youtube",
        "mastodon",
        "tiktok",
        "meta",
    }


NOT_EMBEDS = {
    "plain youtube link": '<p>動画は<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">こちら</a></p>',
    "plain t.me link": '<p>チャンネル <a href="https://t.me/durov/43">t.me/durov/43</a></p>',
    "plain tweet link": '<p><a href="https://x.com/nhk_news/status/1889568402542063989">投稿</a></p>',
    "ordinary blockquote": "<blockquote><p>引用文です。</p></blockquote>",
    "other iframe": '<iframe src="https://maps.example/embed?x=1"></iframe>',
    "telegram login widget": '<script data-telegram-login="bot" src="x.js"></script>',
}


@pytest.mark.parametrize("markup", NOT_EMBEDS.values(), ids=NOT_EMBEDS.keys())
def test_near_misses_are_not_embeds(markup: str) -> None:
    assert find_embeds(_body(markup), BASE) == []


def _html_page(body: str) -> tuple[Citation, ...]:
    html = f"<html><body><main>{body}</main></body></html>"
    (doc,) = extract(Page(BASE, "post.html", html, PageKind.HTML))
    return doc.citations


def test_tweet_gives_embed_then_its_headline_link() -> None:
    embed, link = _html_page(TWEET)
    assert (embed.kind, embed.platform, embed.line) == (CitationKind.EMBED, Platform.TWITTER, 1)
    assert "ref_src" not in (embed.url or "")
    assert (link.kind, link.url) == (CitationKind.LINK, "https://t.co/MZVpLKPiIb")
    assert link.cited.title == "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)"
    assert link.context == embed.cited.text


def test_link_inside_prose_gets_no_headline_and_media_links_are_not_citations() -> None:
    citations = _html_page(X_TWEET)
    assert [(c.kind, c.url, c.cited.title) for c in citations] == [
        (
            CitationKind.EMBED,
            "https://twitter.com/TrumpDailyPosts/status/1889712345678901234",
            None,
        ),
        (CitationKind.LINK, "https://t.co/abcDEF123", None),
    ]


def test_bluesky_link_and_own_links() -> None:
    citations = _html_page(BLUESKY)
    assert [(c.kind, c.url, c.cited.title) for c in citations] == [
        (CitationKind.EMBED, CASES["bluesky"][3], None),
        (CitationKind.LINK, "https://example.org/report", None),  # "…is out:" is a lead-in
    ]


def test_embeds_without_text_still_take_their_place() -> None:
    citations = _html_page(f"<p>動画です。</p>{YOUTUBE}<p>以上。</p>{TELEGRAM}")
    assert [(c.kind, c.platform) for c in citations] == [
        (CitationKind.EMBED, Platform.YOUTUBE),
        (CitationKind.EMBED, Platform.TELEGRAM),
    ]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)",
            " #nhk_news",
            "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)",
        ),
        ("⚡️BREAKING: Talks to start in Riyadh ", "", "BREAKING: Talks to start in Riyadh"),
        ("速報\n米ロ首脳会談、サウジ開催の可能性 ", "", "米ロ首脳会談、サウジ開催の可能性"),
        # near misses
        ("Read the full story: ", "", None),
        ("I spoke to Putin. It went well. ", "", None),
        ("🔔@sputnik_jpで世界を知ろう ", " pic.twitter.com/AdpfvkDcc5", None),
        ("See ", " for the whole of the report on the war", None),
        ("", "", None),
    ],
)
def test_headline(before: str, after: str, expected: str | None) -> None:
    assert headline(before, after) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("— NHKニュース (@nhk_news) February 12, 2025", True),
        (
            "— Donald J. Trump Posts From His Truth Social (@TrumpDailyPosts) February 12, 2025",
            True,
        ),
        ("— Bluesky (@bsky.app) November 21, 2024 at 2:03 AM", True),
        ("— NHKニュース (@nhk_news)", False),
        ("NHKニュース (@nhk_news) February 12, 2025", False),
        ("— 記者 (@なし) February 12, 2025", False),
    ],
)
def test_is_author_line(text: str, expected: bool) -> None:
    assert is_author_line(text) is expected


def test_captured_embed_keeps_text_links_and_platform() -> None:
    lines = text_lines(
        "本文の段落。\nNew post https://t.co/abc pic.twitter.com/x\n— Name (@handle) Feb 1, 2025\n"
        "Skeet text\n— Someone (@someone.bsky.social) February 2, 2025 at 9:00 PM\n"
    )
    marked, embeds = find_captured(lines)
    assert [e.platform for e in embeds] == [Platform.TWITTER, Platform.BLUESKY]
    assert embeds[0].cited == Cited(
        author="Name",
        handle="handle",
        date="Feb 1, 2025",
        text="New post https://t.co/abc pic.twitter.com/x",
    )
    assert [a.href for a in embeds[0].links] == ["https://t.co/abc"]
    assert [line.embed for line in marked] == [None, 0, 0, 1, 1]
    assert all(a.in_embed for line in marked[1:] for a in line.anchors)
