"""The second seed's web: embedded posts, the platforms that answer for them, and what is true.

The seed ``003_0d03cf4c130cef51.txt`` is a live-update post made of 21 embedded tweets, their
``t.co`` links and paragraphs quoted from the linked articles.  To check such a post offline the
sample web must play every party the checker asks: X's oEmbed and syndication endpoints, ``t.co``,
the news sites behind the links, and, for a small second fixture post, Bluesky, Telegram, YouTube,
Mastodon and TikTok.  This module is the one place that says what those parties *know*; the
endpoint handlers live in :mod:`checker.sampleweb.social_endpoints` and the generated pages under
``data/``.

The post page keeps the seed verbatim.  The deliberate defects are planted in what the platforms
answer, one of each, so a correct checker finds exactly :data:`EXPECTED` and nothing more:

- most tweets are live and faithful: no finding;
- ``…/ReutersJapan/status/1889829970890447038`` (サウジ開催) was deleted: oEmbed 404, syndication
  404 → ``embed-unavailable``;
- ``…/sputnik_jp/status/1889772114120768314`` (株式市場) is withheld: oEmbed 403, syndication
  ``TweetTombstone`` → ``embed-unavailable``;
- ``…/ReutersJapan/status/1889922146261301402`` (欧州ガス業界) was posted by ``@ReutersJPBiz``: the
  oEmbed ``author_url`` and the syndication ``user`` say so → ``embed-author-mismatch``;
- ``…/TrumpDailyPosts/status/1889740184741178498`` shows the text of the *previous* Trump post (the
  seed's own copy-paste slip; the translation under it is of the Zelenskyy call) →
  ``embed-text-mismatch`` and, being the mirror account, ``embed-secondary-source``;
- ``…/sputnik_jp/status/1887414690312988249`` (アンケート) is shown as February 13 but was posted
  on February 6 → ``embed-date-mismatch``;
- both ``@TrumpDailyPosts`` tweets come from an unofficial mirror of Truth Social →
  ``embed-secondary-source`` (the mirror's "…" truncation is *not* a text mismatch);
- ``https://t.co/fYSF0l6iJx`` still redirects, but to a BBC article that was removed (404) →
  ``broken``; every other ``t.co`` link redirects (301, a shortlink's job: no finding) to a live
  page;
- one quoted paragraph of the BBC SBU article was changed on the blog so it is not in the article →
  ``quote-not-found``; the Reuters paragraph that ends in the button label ``もっと見る`` is a near
  miss and must *not* be flagged.

On the platforms page (:data:`PLATFORMS_POST_URL`) each platform has a live post and a gone one,
and a few have an ambiguous one that must not be mistaken for gone: a Bluesky account that changed
its handle (same DID: no finding), a YouTube video whose owner disabled embedding (oEmbed 401: it
exists, so ``blocked``, not ``embed-unavailable``), and a Telegram post whose page answers 200
although it is gone ("Post not found" → ``embed-unavailable``).

:data:`EXPECTED` keys: an embed by the URL its markup carries (a tweet's status link without
``?ref_src``, a Bluesky ``at://`` URI, ``https://t.me/CHANNEL/ID``, the YouTube or Mastodon iframe
``src``, the TikTok ``cite``), a link by its URL as written, a quote by its text as shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from checker.findings import Code

__all__ = [
    "ARTICLES",
    "BLOG_ROOT",
    "EMBED_CASES",
    "EXPECTED",
    "LINK_CASES",
    "LIVE_POST_URL",
    "MIRROR_HANDLES",
    "PLATFORMS_POST_URL",
    "QUOTE_CASES",
    "SOCIAL_POSTS",
    "TCO_LINKS",
    "TWEETS",
    "Article",
    "EmbedCase",
    "PostState",
    "SocialPost",
    "TweetSpec",
    "expected_for",
]

BLOG_ROOT = "https://citecheck-sample.blogspot.com"
LIVE_POST_URL = f"{BLOG_ROOT}/2025/02/blog-post_12.html"
PLATFORMS_POST_URL = f"{BLOG_ROOT}/2025/02/blog-post_20.html"

MIRROR_HANDLES = frozenset({"TrumpDailyPosts"})
"""Accounts that repost someone else's words (here Truth Social posts) and are not the speaker."""


class PostState(StrEnum):
    """What a platform knows about a post."""

    LIVE = "live"
    DELETED = "deleted"
    WITHHELD = "withheld"  # suspended, protected or withheld: exists but is not viewable
    EMBED_DISABLED = "embed-disabled"  # YouTube: the owner turned embedding off
    NOT_PUBLIC = "not-public"  # Bluesky: the author hides posts from logged-out viewers


_NONE: frozenset[Code] = frozenset()
_GONE = frozenset({Code.EMBED_UNAVAILABLE})
_SECONDARY = frozenset({Code.EMBED_SECONDARY_SOURCE})


@dataclass(frozen=True, slots=True)
class TweetSpec:
    """One embedded tweet of the seed, in seed order: what the platform really holds.

    ``author_handle``/``author_name``/``text`` are set only where the truth differs from what the
    embed shows; otherwise the shown value is the truth.  ``created_at`` is always the truth.
    """

    status_id: str
    shown_handle: str
    created_at: str
    state: PostState = PostState.LIVE
    expected: frozenset[Code] = _NONE
    author_handle: str | None = None
    author_name: str | None = None
    text: str | None = None

    @property
    def shown_url(self) -> str:
        """The status link as the embed markup writes it, without ``?ref_src``."""
        return f"https://twitter.com/{self.shown_handle}/status/{self.status_id}"


_ZELENSKYY_POST = (
    "I just spoke to President Volodymyr Zelenskyy of Ukraine. The conversation went very well. "
    "He, like President Putin, wants to make PEACE. We discussed a variety of topics relating to "
    "the War, but mostly the meeting being organized in Munich on Friday, where Vice President JD "
    "Vance, and Secretary of State Marco Rubio, will lead the Delegation. I am hopeful…"
)

TWEETS: tuple[TweetSpec, ...] = (
    TweetSpec("1889698527094767617", "nhk_news", "2025-02-12T15:30:12.000Z"),
    TweetSpec("1889508013363310143", "nhk_news", "2025-02-12T02:53:10.000Z"),
    TweetSpec(
        "1889721967620918388", "TrumpDailyPosts", "2025-02-12T17:03:21.000Z", expected=_SECONDARY
    ),
    TweetSpec(
        "1889740184741178498",
        "TrumpDailyPosts",
        "2025-02-12T18:15:44.000Z",
        expected=_SECONDARY | {Code.EMBED_TEXT_MISMATCH},
        text=_ZELENSKYY_POST,
    ),
    TweetSpec(
        "1889772114120768314",
        "sputnik_jp",
        "2025-02-12T20:22:36.000Z",
        state=PostState.WITHHELD,
        expected=_GONE,
    ),
    TweetSpec("1889791051851038801", "BloombergJapan", "2025-02-12T21:37:52.000Z"),
    TweetSpec("1889672828709865130", "ReutersJapan", "2025-02-12T13:48:05.000Z"),
    TweetSpec("1889622025733852683", "nhk_news", "2025-02-12T10:26:13.000Z"),
    TweetSpec("1889813185422579365", "ReutersJapan", "2025-02-12T23:05:49.000Z"),
    TweetSpec(
        "1889829970890447038",
        "ReutersJapan",
        "2025-02-13T00:12:31.000Z",
        state=PostState.DELETED,
        expected=_GONE,
    ),
    TweetSpec("1889853072740225816", "ReutersJapan", "2025-02-13T01:44:18.000Z"),
    TweetSpec("1889865062890859288", "bbcnewsjapan", "2025-02-13T02:31:57.000Z"),
    TweetSpec("1889720791188293229", "ReutersJapan", "2025-02-12T16:58:40.000Z"),
    TweetSpec("1889575208824360040", "ReutersJapan", "2025-02-12T07:20:11.000Z"),
    TweetSpec("1889763763747359711", "ReutersJapan", "2025-02-12T19:49:26.000Z"),
    TweetSpec(
        "1887414690312988249",
        "sputnik_jp",
        "2025-02-06T08:15:03.000Z",
        expected=frozenset({Code.EMBED_DATE_MISMATCH}),
    ),
    TweetSpec("1889609115983877072", "nhk_news", "2025-02-12T09:34:55.000Z"),
    TweetSpec(
        "1889922146261301402",
        "ReutersJapan",
        "2025-02-13T06:18:47.000Z",
        expected=frozenset({Code.EMBED_AUTHOR_MISMATCH}),
        author_handle="ReutersJPBiz",
        author_name="ロイター経済ニュース",
    ),
    TweetSpec("1889894179448234506", "ReutersJapan", "2025-02-13T04:27:39.000Z"),
    TweetSpec("1889973126869552168", "nhk_news", "2025-02-13T09:41:22.000Z"),
    TweetSpec("1889875175104019541", "bbcnewsjapan", "2025-02-13T03:12:08.000Z"),
)
"""The 21 embeds of the seed, in order.  IDs are snowflakes that encode ``created_at``."""


@dataclass(frozen=True, slots=True)
class Article:
    """A news page a ``t.co`` link leads to, as the site serves it.

    The main text is the paragraphs the post quotes under the tweet (generated from the seed), with
    ``replaced`` swapping a quoted paragraph for the article's real wording, or ``lede`` when the
    post quotes nothing.  ``removed`` pages answer the site's 404.
    """

    url: str
    headline: str
    published: str
    section: str = ""
    lede: tuple[str, ...] = ()
    replaced: tuple[tuple[str, str], ...] = ()
    removed: bool = False

    @property
    def host(self) -> str:
        """The article's hostname."""
        return self.url.split("/", 3)[2]


_NHK = "https://www3.nhk.or.jp/news/html"
_REUTERS = "https://jp.reuters.com"
_SBU_SHOWN = (
    "SBUはこの人物の名前を公表していないが、ウクライナ・メディアはSBU関係筋の話として、"
    "逮捕されたのはドミトロ・コジュラ大佐だと伝えている。"
)
_SBU_REAL = (
    "SBUはこの人物の名前や階級を公表しておらず、現地メディアの報道についてもコメントを控えている。"
)
_MORE_SHOWN = (
    "トランプ氏はこの日、ロシアのプーチン大統領と電話会談し、ウクライナでの戦争終結に向けた交渉を"
    "直ちに開始することで合意したと明らかにした。 もっと見る"
)

ARTICLES: dict[str, Article] = {
    "MZVpLKPiIb": Article(
        f"{_NHK}/20250213/k10014720381000.html",
        "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)",
        "2025-02-13T00:05:00+09:00",
        section="ウクライナ情勢",
        lede=(
            "ロシアによるウクライナへの軍事侵攻が続く中、13日の動きを随時更新でお伝えします。",
            "アメリカのトランプ大統領は12日、ロシアのプーチン大統領、ウクライナのゼレンスキー大統領と"
            "それぞれ電話で会談し、戦闘の終結に向けた交渉を始めることで合意したと明らかにしました。",
        ),
    ),
    "P1z50YHqZi": Article(
        f"{_NHK}/20250212/k10014719951000.html",
        "ロシア報道官 “掌握された地域の奪還目指す考えを強調”",
        "2025-02-12T11:41:00+09:00",
        section="ウクライナ情勢",
    ),
    "rCcmrAl9MV": Article(
        "https://sputniknews.jp/20250213/19570812.html",
        "モスクワ株式市場、露米電話会談を受けて急上昇",
        "2025-02-13T05:18:00+09:00",
        section="経済",
    ),
    "YinKaIzU8b": Article(
        "https://www.bloomberg.co.jp/news/articles/2025-02-12/SRL0JNT0AFB400",
        "トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意",
        "2025-02-13T06:12:00+09:00",
        section="米国",
    ),
    "O4B34UgcAK": Article(
        f"{_REUTERS}/world/ukraine/MZ4N2UWK4FJRXGZL3NS5XNZ3NY-2025-02-12/",
        "ウクライナ、クリミア併合前への国境回帰は非現実的=米国防長官",
        "2025-02-12T22:31:00+09:00",
        section="ウクライナ",
    ),
    "cU2UBn3IuH": Article(
        f"{_NHK}/20250212/k10014720041000.html",
        "米国防長官 ウクライナのNATO加盟“現実的ではない”",
        "2025-02-12T19:15:00+09:00",
        section="ウクライナ情勢",
    ),
    "47hVLogMGv": Article(
        f"{_REUTERS}/world/us/7KQZ3WJ5RBJ4ZHT6VU2MOL5DHE-2025-02-12/",
        "トランプ氏、プーチン氏と電話会談 ゼレンスキー氏とも協議",
        "2025-02-13T07:48:00+09:00",
        section="米国",
    ),
    "oH4xg4gori": Article(
        f"{_REUTERS}/world/us/CX5L7RJ2MNJD3PXW4IUQ6Y2TKA-2025-02-13/",
        "米ロ首脳会談、サウジ開催の可能性 トランプ氏が表明",
        "2025-02-13T08:58:00+09:00",
        section="米国",
    ),
    "zou13j4Hk9": Article(
        f"{_REUTERS}/world/ukraine/H3F6D2MWSBNYLGQ7CJ5V4EOZRA-2025-02-13/",
        "ウクライナNATO加盟は非現実的と米大統領、領土奪還も否定的見解",
        "2025-02-13T10:22:00+09:00",
        section="ウクライナ",
        replaced=(
            (
                _MORE_SHOWN,
                "トランプ氏はこの日、ロシアのプーチン大統領と電話会談し、ウクライナでの戦争終結に"
                "向けた交渉を直ちに開始することで合意したと明らかにした。",
            ),
        ),
    ),
    "fYSF0l6iJx": Article(
        "https://www.bbc.com/japanese/articles/c0rz3d5m1k9o",
        "ウクライナ国境、クリミア併合以前に戻る可能性は「低い」とトランプ氏 BBC記者の質問に",
        "2025-02-13T10:40:00+09:00",
        removed=True,
    ),
    "wNE2drFxP8": Article(
        f"{_REUTERS}/world/russia/2QJ7WZQG5FLDVNYB4RMXKTC6HU-2025-02-12/",
        "米拘束のロシア人解放 米国人教師措置の見返り=大統領府報道官",
        "2025-02-13T01:55:00+09:00",
        section="ロシア",
    ),
    "IDGaZQdPV3": Article(
        f"{_REUTERS}/world/ukraine/ZP4B6KXJ3FPS7C2EVGHUQW5L2M-2025-02-12/",
        "NATO加盟できなければ軍増強へ、米の支援必要=ゼレンスキー氏",
        "2025-02-12T16:17:00+09:00",
        section="ウクライナ",
    ),
    "HL4UQGGfZ9": Article(
        f"{_REUTERS}/world/ukraine/BMX2WQ4S6VOLJEF3YTA5DNK7RI-2025-02-12/",
        "NATO事務局長、ウクライナ軍事支援のより平等な分担で米と合意",
        "2025-02-13T04:40:00+09:00",
        section="ウクライナ",
    ),
    "IEFgIg0Wwo": Article(
        f"{_NHK}/20250212/k10014719841000.html",
        "去年の世界全体の防衛費 約380兆円で過去最高 英シンクタンク",
        "2025-02-12T18:06:00+09:00",
        section="国際",
    ),
    "0OcAFE9Ced": Article(
        f"{_REUTERS}/markets/commodities/OH6M3RU4XNJ2TBL7ZQ5CKVW3EA-2025-02-13/",
        "欧州ガス業界、価格上限設定に反対 26日の政策公表前にEUに訴え",
        "2025-02-13T11:52:00+09:00",
        section="コモディティ",
    ),
    "Es6jr07syd": Article(
        f"{_REUTERS}/world/ukraine/Q2R5XT7NMVJBPLH4GKC6EZ3WDU-2025-02-13/",
        "米国との鉱物資源協定は「安保の盾」、財務長官がウクライナ訪問",
        "2025-02-13T13:05:00+09:00",
        section="ウクライナ",
    ),
    "FgTaMfJHsO": Article(
        f"{_NHK}/20250213/k10014720871000.html",
        "NATO国防相会合 開幕 国防費増額やウクライナ支援めぐり議論へ",
        "2025-02-13T18:20:00+09:00",
        section="ウクライナ情勢",
    ),
    "moAQt1UdIi": Article(
        "https://www.bbc.com/japanese/articles/c4g2xk3ylm9o",
        "ウクライナ保安庁の高官、ロシアのスパイ容疑で逮捕",
        "2025-02-13T11:35:00+09:00",
        replaced=((_SBU_SHOWN, _SBU_REAL),),
    ),
}
"""Every article a ``t.co`` link of the seed leads to, by ``t.co`` code."""

_PHOTOS = {
    "AdpfvkDcc5": "https://x.com/sputnik_jp/status/1889772114120768314/photo/1",
    "xYp6VQPg9c": "https://x.com/bbcnewsjapan/status/1889865062890859288/photo/1",
}

TCO_LINKS: dict[str, str] = {code: article.url for code, article in ARTICLES.items()} | _PHOTOS
"""``t.co`` code → where its 301 leads (articles, and the photo pages of ``pic.twitter.com``)."""


@dataclass(frozen=True, slots=True)
class SocialPost:
    """A post on the platforms fixture page and what its platform knows about it.

    ``embed_key`` is the URL the embed markup carries (see the module docstring); ``page_url`` the
    post's public web address; ``shown_handle`` the handle the embed shows when it differs from the
    current one.  ``extra`` holds per-platform identifiers (Bluesky's DID and CID).
    """

    platform: str
    embed_key: str
    page_url: str
    state: PostState
    author_handle: str
    author_name: str
    text: str
    created_at: str
    expected: frozenset[Code] = _NONE
    shown_handle: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())

    def get(self, name: str) -> str:
        """One of ``extra``'s values."""
        return dict(self.extra)[name]


_DID_KYIV = "did:plc:q6gjnaw2blty4crticxkmujt"
_DID_NIKKEI = "did:plc:3lxw7ejz5nybomcuzqk2vfha"
_DID_GONE = "did:plc:ye2ubkp4r6k3xg4cxqv7fhwd"

SOCIAL_POSTS: tuple[SocialPost, ...] = (
    SocialPost(
        "bluesky",
        f"at://{_DID_KYIV}/app.bsky.feed.post/3lhzbq7xkdc2y",
        "https://bsky.app/profile/kyivindependent.com/post/3lhzbq7xkdc2y",
        PostState.LIVE,
        "kyivindependent.com",
        "The Kyiv Independent",
        "Trump says he and Putin agreed to begin negotiations on ending Russia's war against "
        "Ukraine, after a phone call on Feb. 12.",
        "2025-02-12T17:41:09.512Z",
        extra=(
            ("did", _DID_KYIV),
            ("cid", "bafyreif3kx7pyx2ycfrkd4l4tcnxkgwzq2o5x2ms7hw3ccpzdhvwy2g4ee"),
        ),
    ),
    SocialPost(
        "bluesky",
        f"at://{_DID_GONE}/app.bsky.feed.post/3lhzdk2mfns2k",
        "https://bsky.app/profile/warnewsdesk.bsky.social/post/3lhzdk2mfns2k",
        PostState.DELETED,
        "warnewsdesk.bsky.social",
        "War News Desk",
        "BREAKING: Hegseth tells allies a return to Ukraine's pre-2014 borders is unrealistic.",
        "2025-02-12T19:02:44.106Z",
        expected=_GONE,
        extra=(
            ("did", _DID_GONE),
            ("cid", "bafyreicw5m4v2xqhrkd7n3ypbaz6lqtfo2dm3jke7xuwg4sv5ahyvnr2mi"),
        ),
    ),
    SocialPost(
        "bluesky",
        f"at://{_DID_NIKKEI}/app.bsky.feed.post/3li2fa5wq4k2t",
        "https://bsky.app/profile/asia.nikkei.com/post/3li2fa5wq4k2t",
        PostState.LIVE,
        "asia.nikkei.com",
        "Nikkei Asia",
        "Japan's support for Ukraine totals 15.5 billion euros, Ukraine's finance ministry says.",
        "2025-02-13T04:55:31.870Z",
        shown_handle="nikkeiasia.bsky.social",
        extra=(
            ("did", _DID_NIKKEI),
            ("cid", "bafyreih6ogl3tfrxbwk2c5qvzmjd4ynea7xkq3hpl2vz6usoi5jt4mbcqu"),
        ),
    ),
    SocialPost(
        "bluesky",
        f"at://{_DID_NIKKEI}/app.bsky.feed.post/3li2gq7nvzs2c",
        "https://bsky.app/profile/asia.nikkei.com/post/3li2gq7nvzs2c",
        PostState.NOT_PUBLIC,
        "asia.nikkei.com",
        "Nikkei Asia",
        "Members-only: our Moscow correspondent on what Putin wants from Trump.",
        "2025-02-13T06:10:02.004Z",
        extra=(
            ("did", _DID_NIKKEI),
            ("cid", "bafyreidq2wfz6pxj3kbm4rtv7e5lhc2yaunog6sxki3dzqf7vbmw4tpjle"),
        ),
    ),
    SocialPost(
        "telegram",
        "https://t.me/ukrinform_jp/4821",
        "https://t.me/ukrinform_jp/4821",
        PostState.LIVE,
        "ukrinform_jp",
        "ウクルインフォルム日本語版",
        "ゼレンスキー大統領は、トランプ米大統領と約1時間電話で会談し、和平を実現する機会について"
        "話し合ったと発表した。",
        "2025-02-12T20:14:37+00:00",
    ),
    SocialPost(
        "telegram",
        "https://t.me/ukrinform_jp/4817",
        "https://t.me/ukrinform_jp/4817",
        PostState.DELETED,
        "ukrinform_jp",
        "ウクルインフォルム日本語版",
        "ベッセント米財務長官がキーウに到着した。",
        "2025-02-12T08:02:11+00:00",
        expected=_GONE,
    ),
    SocialPost(
        "youtube",
        "https://www.youtube.com/embed/Jq4rT8mZx2E",
        "https://www.youtube.com/watch?v=Jq4rT8mZx2E",
        PostState.LIVE,
        "@ANNnewsCH",
        "ANNnewsCH",
        "トランプ大統領とプーチン大統領が電話会談 ウクライナ停戦交渉開始で合意(2025年2月13日)",
        "2025-02-13T00:30:00Z",
    ),
    SocialPost(
        "youtube",
        "https://www.youtube.com/embed/Xk2vB7nLq9c",
        "https://www.youtube.com/watch?v=Xk2vB7nLq9c",
        PostState.EMBED_DISABLED,
        "@tbsnewsdig",
        "TBS NEWS DIG Powered by JNN",
        "【速報】米ロ首脳が電話会談 ウクライナ停戦に向け交渉開始で合意",
        "2025-02-13T01:05:00Z",
        expected=frozenset({Code.BLOCKED}),
    ),
    SocialPost(
        "youtube",
        "https://www.youtube.com/embed/bW9cQe3rT1o",
        "https://www.youtube.com/watch?v=bW9cQe3rT1o",
        PostState.DELETED,
        "@warclips2025",
        "War Clips",
        "前線の最新映像 2025年2月",
        "2025-02-10T12:00:00Z",
        expected=_GONE,
    ),
    SocialPost(
        "mastodon",
        "https://mastodon.social/@osint_jp/113989406417732510/embed",
        "https://mastodon.social/@osint_jp/113989406417732510",
        PostState.LIVE,
        "osint_jp",
        "OSINT Japan",
        "ミュンヘン安全保障会議は14日開幕。バンス副大統領とゼレンスキー大統領の会談が予定されている。",
        "2025-02-13T02:20:14.000Z",
    ),
    SocialPost(
        "mastodon",
        "https://mastodon.social/@osint_jp/113984112093551207/embed",
        "https://mastodon.social/@osint_jp/113984112093551207",
        PostState.DELETED,
        "osint_jp",
        "OSINT Japan",
        "未確認情報: クルスク州で新たな越境攻撃。",
        "2025-02-12T03:54:03.000Z",
        expected=_GONE,
    ),
    SocialPost(
        "tiktok",
        "https://www.tiktok.com/@nhk_news/video/7470861522318544146",
        "https://www.tiktok.com/@nhk_news/video/7470861522318544146",
        PostState.LIVE,
        "nhk_news",
        "NHKニュース",
        "米ロ首脳が電話会談 ウクライナ情勢めぐり #NHK #ニュース #ウクライナ",
        "2025-02-13T01:30:00Z",
    ),
    SocialPost(
        "tiktok",
        "https://www.tiktok.com/@frontline_clips/video/7470123987654321234",
        "https://www.tiktok.com/@frontline_clips/video/7470123987654321234",
        PostState.DELETED,
        "frontline_clips",
        "frontline clips",
        "ウクライナ前線の映像 #ウクライナ #ロシア",
        "2025-02-11T05:00:00Z",
        expected=_GONE,
    ),
)
"""The posts of the platforms fixture page, in page order (the not-public one is not embedded)."""


@dataclass(frozen=True, slots=True)
class EmbedCase:
    """One embed of a fixture page and the findings a correct checker reports for it.

    ``aliases`` are the other spellings a checker may report the post under (its web address,
    ``x.com`` for ``twitter.com``, a Bluesky post by DID or by handle).
    """

    page: str
    platform: str
    key: str
    expected: frozenset[Code]
    aliases: tuple[str, ...] = ()


def _tweet_case(tweet: TweetSpec) -> EmbedCase:
    x_url = tweet.shown_url.replace("https://twitter.com/", "https://x.com/")
    return EmbedCase(LIVE_POST_URL, "twitter", tweet.shown_url, tweet.expected, (x_url,))


def _post_case(post: SocialPost) -> EmbedCase:
    aliases = [post.page_url]
    if post.platform == "bluesky":
        rkey = post.embed_key.rsplit("/", 1)[1]
        aliases.append(f"https://bsky.app/profile/{post.get('did')}/post/{rkey}")
    if post.platform == "telegram":
        aliases.append(post.page_url.replace("https://t.me/", "https://t.me/s/"))
    return EmbedCase(
        PLATFORMS_POST_URL,
        post.platform,
        post.embed_key,
        post.expected,
        tuple(alias for alias in aliases if alias != post.embed_key),
    )


EMBED_CASES: tuple[EmbedCase, ...] = tuple(_tweet_case(tweet) for tweet in TWEETS) + tuple(
    _post_case(post) for post in SOCIAL_POSTS if post.state is not PostState.NOT_PUBLIC
)
"""Every embed on the two fixture pages, in page order."""

LINK_CASES: dict[str, frozenset[Code]] = {
    f"https://t.co/{code}": frozenset({Code.BROKEN}) if code == "fYSF0l6iJx" else _NONE
    for code in TCO_LINKS
}
"""Every ``t.co`` link of the live post (tweet text and quoted paragraphs)."""

QUOTE_CASES: dict[str, frozenset[Code]] = {
    _SBU_SHOWN: frozenset({Code.QUOTE_NOT_FOUND}),
    _MORE_SHOWN: _NONE,
}
"""The quoted paragraphs with a story; every other quoted paragraph is in its article verbatim."""

EXPECTED: dict[str, frozenset[Code]] = (
    {case.key: case.expected for case in EMBED_CASES} | LINK_CASES | QUOTE_CASES
)
"""Key (embed URL, link URL or quoted text) → the exact findings a correct checker reports."""


def expected_for(key: str) -> frozenset[Code] | None:
    """The findings expected for ``key`` (any spelling of an embed, a link or a quote), or None."""
    if key in EXPECTED:
        return EXPECTED[key]
    return next((case.expected for case in EMBED_CASES if key in case.aliases), None)
