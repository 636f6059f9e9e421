"""The second seed's web over real sockets: the live post, X's endpoints, t.co and the articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from conftest import Answer, Fetch

from checker import sampleweb
from checker.findings import Code
from checker.sampleweb import DEMO_LIVE_POST_URL, SampleWeb, demo_web
from checker.sampleweb.social_web import (
    ARTICLES,
    EMBED_CASES,
    EXPECTED,
    LINK_CASES,
    MIRROR_HANDLES,
    QUOTE_CASES,
    TCO_LINKS,
    TWEETS,
    PostState,
    TweetSpec,
    expected_for,
)
from tests.fixtureweb import build_seed_live as live

SEED = live.DEFAULT_LIVE_SEED
DATA = Path(sampleweb.__file__).parent / "data" / "social"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="the seed capture is not available")


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(demo_web()) as running:
        yield running


@pytest.fixture(scope="module")
def embeds() -> tuple[live.LiveEmbed, ...]:
    if not SEED.exists():
        pytest.skip("the seed capture is not available")
    return live.read_embeds(SEED)


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def _json(answer: Answer) -> dict[str, object]:
    assert answer.headers["content-type"].startswith("application/json")
    data = json.loads(answer.body)
    assert isinstance(data, dict)
    return data


def _oembed(site: SampleWeb, fetch: Fetch, status_url: str) -> Answer:
    url = f"https://publish.twitter.com/oembed?url={quote(status_url, safe='')}&omit_script=true"
    return fetch(site, url)


def _syndication(
    site: SampleWeb, fetch: Fetch, status_id: str, token: str = "4c2mmul6mnh"
) -> Answer:
    url = f"https://cdn.syndication.twimg.com/tweet-result?id={status_id}&lang=en&token={token}"
    return fetch(site, url)


def _tweet(expected: set[Code] | frozenset[Code]) -> TweetSpec:
    return next(tweet for tweet in TWEETS if tweet.expected == expected)


# -- the live post page ------------------------------------------------------------------------


def test_live_post_holds_21_tweet_embeds_in_seed_order(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, DEMO_LIVE_POST_URL)
    assert answer.status == 200
    soup = _soup(answer.text)
    [body] = soup.select("div.post-body.entry-content")
    quotes = body.select("blockquote.twitter-tweet")
    assert len(quotes) == 21
    links = [str(q.select("a")[-1]["href"]).split("?")[0] for q in quotes]
    assert links == [tweet.shown_url for tweet in TWEETS]
    assert answer.text.count("https://platform.twitter.com/widgets.js") == 21
    assert "&mdash; NHKニュース (@nhk_news) <a href=" in answer.text


def test_live_post_keeps_the_seed_text(
    site: SampleWeb, fetch: Fetch, embeds: tuple[live.LiveEmbed, ...]
) -> None:
    text = _soup(fetch(site, DEMO_LIVE_POST_URL).text).get_text()
    for embed in embeds:
        assert embed.text in text
        for paragraph in embed.paragraphs:
            assert paragraph in text
    assert "原題:Trump and Putin Agree to Ukraine Talks in a US Policy Reversal" in text


def test_quoted_paragraphs_are_ordinary_post_paragraphs(site: SampleWeb, fetch: Fetch) -> None:
    soup = _soup(fetch(site, DEMO_LIVE_POST_URL).text)
    quoted = [p for p in soup.select("div.post-body > p") if p.get_text() in QUOTE_CASES]
    assert len(quoted) == len(QUOTE_CASES)
    assert all(p.find_parent("blockquote") is None for p in quoted)


def test_every_expected_key_is_on_its_page(site: SampleWeb, fetch: Fetch) -> None:
    pages = {case.page: fetch(site, case.page).text for case in EMBED_CASES}
    for case in EMBED_CASES:
        # Telegram's markup carries CHANNEL/ID; the key is the post's t.me URL.
        written = (
            case.key.removeprefix("https://t.me/") if case.platform == "telegram" else case.key
        )
        assert written in pages[case.page], case.key
    live_page = pages[DEMO_LIVE_POST_URL]
    for key in (*LINK_CASES, *QUOTE_CASES):
        assert key in live_page, key


def test_the_defect_table_plants_one_of_each() -> None:
    counts: dict[Code, int] = {}
    for codes in EXPECTED.values():
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    assert counts[Code.EMBED_AUTHOR_MISMATCH] == 1
    assert counts[Code.EMBED_TEXT_MISMATCH] == 1
    assert counts[Code.EMBED_DATE_MISMATCH] == 1
    assert counts[Code.QUOTE_NOT_FOUND] == 1
    assert counts[Code.BROKEN] == 1
    assert counts[Code.EMBED_SECONDARY_SOURCE] == 2
    assert sum(1 for codes in EXPECTED.values() if not codes) > len(EXPECTED) / 2
    mirrors = {t.status_id for t in TWEETS if t.shown_handle in MIRROR_HANDLES}
    flagged = {t.status_id for t in TWEETS if Code.EMBED_SECONDARY_SOURCE in t.expected}
    assert mirrors == flagged


@needs_seed
def test_committed_social_files_match_a_fresh_build(tmp_path: Path) -> None:
    live.build(SEED, tmp_path)
    for name in ("tweets.json", "articles/MANIFEST.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "articles").iterdir()}
    committed = {p.name: p.read_bytes() for p in (DATA / "articles").iterdir()}
    assert fresh == committed


# -- X oEmbed ----------------------------------------------------------------------------------


def test_oembed_of_a_faithful_tweet_matches_the_embed_on_the_page(
    site: SampleWeb, fetch: Fetch
) -> None:
    page = fetch(site, DEMO_LIVE_POST_URL).text
    faithful = [t for t in TWEETS if not t.expected]
    assert len(faithful) >= 14
    for tweet in faithful:
        answer = _oembed(site, fetch, tweet.shown_url)
        assert answer.status == 200, tweet.shown_url
        data = _json(answer)
        assert data["author_url"] == f"https://twitter.com/{tweet.shown_handle}"
        assert data["url"] == tweet.shown_url
        assert data["provider_name"] == "Twitter" and data["type"] == "rich"
        markup = str(data["html"]).strip()
        assert markup.startswith('<blockquote class="twitter-tweet">')
        assert "widgets.js" not in markup  # omit_script=true
        assert markup in page, tweet.shown_url


def test_oembed_answers_with_the_real_author_for_a_wrong_handle(
    site: SampleWeb, fetch: Fetch
) -> None:
    tweet = _tweet({Code.EMBED_AUTHOR_MISMATCH})
    data = _json(_oembed(site, fetch, tweet.shown_url))
    assert data["author_url"] == "https://twitter.com/ReutersJPBiz"
    assert "(@ReutersJPBiz)" in str(data["html"])
    # A near miss: a faithful tweet asked for under any handle still names its real author.
    faithful = TWEETS[1]
    wrong = f"https://x.com/someone_else/status/{faithful.status_id}"
    assert _json(_oembed(site, fetch, wrong))["author_url"] == "https://twitter.com/nhk_news"


def test_oembed_of_the_altered_and_the_misdated_tweets(site: SampleWeb, fetch: Fetch) -> None:
    altered = _tweet({Code.EMBED_SECONDARY_SOURCE, Code.EMBED_TEXT_MISMATCH})
    html = str(_json(_oembed(site, fetch, altered.shown_url))["html"])
    assert "I just spoke to President Volodymyr Zelenskyy" in html
    misdated = _tweet({Code.EMBED_DATE_MISMATCH})
    assert ">February 6, 2025</a>" in str(_json(_oembed(site, fetch, misdated.shown_url))["html"])


@pytest.mark.parametrize(("state", "status"), [(PostState.DELETED, 404), (PostState.WITHHELD, 403)])
def test_oembed_of_unavailable_tweets(
    site: SampleWeb, fetch: Fetch, state: PostState, status: int
) -> None:
    [tweet] = [t for t in TWEETS if t.state is state]
    assert tweet.expected == {Code.EMBED_UNAVAILABLE}
    assert _oembed(site, fetch, tweet.shown_url).status == status


def test_oembed_of_an_unknown_status_is_404_and_without_url_400(
    site: SampleWeb, fetch: Fetch
) -> None:
    assert (
        _oembed(site, fetch, "https://twitter.com/nhk_news/status/1889000000000000001").status
        == 404
    )
    assert fetch(site, "https://publish.twitter.com/oembed").status == 400


def test_oembed_includes_the_script_unless_omitted(site: SampleWeb, fetch: Fetch) -> None:
    url = f"https://publish.twitter.com/oembed?url={quote(TWEETS[0].shown_url, safe='')}"
    assert "platform.twitter.com/widgets.js" in str(_json(fetch(site, url))["html"])


# -- X syndication ------------------------------------------------------------------------------


def test_syndication_of_a_live_tweet(site: SampleWeb, fetch: Fetch) -> None:
    tweet = TWEETS[1]
    answer = _syndication(site, fetch, tweet.status_id)
    assert answer.status == 200
    data = _json(answer)
    assert data["__typename"] == "Tweet"
    assert data["id_str"] == tweet.status_id
    assert data["created_at"] == "2025-02-12T02:53:10.000Z"
    assert data["user"] == {
        **data["user"],  # type: ignore[dict-item]
        "screen_name": "nhk_news",
        "name": "NHKニュース",
    }
    assert str(data["text"]).startswith(
        "ロシア報道官 “掌握された地域の奪還目指す考えを強調”https://t.co/"
    )
    [url] = data["entities"]["urls"]  # type: ignore[index]
    assert url["url"] == "https://t.co/P1z50YHqZi"
    assert url["expanded_url"] == ARTICLES["P1z50YHqZi"].url
    assert url["display_url"].startswith("www3.nhk.or.jp/news/html/")


def test_syndication_accepts_any_token(site: SampleWeb, fetch: Fetch) -> None:
    assert _syndication(site, fetch, TWEETS[0].status_id, token="x").status == 200


def test_syndication_of_a_tweet_with_a_photo(site: SampleWeb, fetch: Fetch) -> None:
    data = _json(_syndication(site, fetch, TWEETS[11].status_id))
    [media] = data["entities"]["media"]  # type: ignore[index]
    assert media["url"] == "https://t.co/xYp6VQPg9c" and media["type"] == "photo"
    assert "pic.twitter.com" not in str(data["text"])


def test_syndication_of_unavailable_and_missing_tweets(site: SampleWeb, fetch: Fetch) -> None:
    [withheld] = [t for t in TWEETS if t.state is PostState.WITHHELD]
    data = _json(_syndication(site, fetch, withheld.status_id))
    assert data["__typename"] == "TweetTombstone" and "tombstone" in data
    [deleted] = [t for t in TWEETS if t.state is PostState.DELETED]
    for status_id in (deleted.status_id, "1889000000000000001"):
        answer = _syndication(site, fetch, status_id)
        assert (answer.status, answer.body) == (404, b"")


def test_syndication_tells_the_true_author_and_date(site: SampleWeb, fetch: Fetch) -> None:
    author = _json(_syndication(site, fetch, _tweet({Code.EMBED_AUTHOR_MISMATCH}).status_id))
    assert author["user"]["screen_name"] == "ReutersJPBiz"  # type: ignore[index]
    dated = _json(_syndication(site, fetch, _tweet({Code.EMBED_DATE_MISMATCH}).status_id))
    assert str(dated["created_at"]).startswith("2025-02-06T")


# -- t.co and the articles -----------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(TCO_LINKS))
def test_tco_redirects_permanently(site: SampleWeb, fetch: Fetch, code: str) -> None:
    answer = fetch(site, f"https://t.co/{code}")
    assert (answer.status, answer.headers["location"]) == (301, TCO_LINKS[code])
    landing = fetch(site, TCO_LINKS[code])
    broken = LINK_CASES[f"https://t.co/{code}"] == {Code.BROKEN}
    assert landing.status == (404 if broken else 200)


def test_unknown_tco_code_is_404(site: SampleWeb, fetch: Fetch) -> None:
    assert fetch(site, "https://t.co/AAAAAAAAAA").status == 404


def _main_text(page: str) -> str:
    soup = _soup(page)
    for chrome in soup.select("header, nav, footer, aside, script"):
        chrome.decompose()
    article = soup.select_one("article") or soup.select_one(".article")
    assert article is not None
    return article.get_text()


def test_articles_contain_their_quoted_paragraphs(
    site: SampleWeb, fetch: Fetch, embeds: tuple[live.LiveEmbed, ...]
) -> None:
    checked = 0
    for embed in embeds:
        code = embed.article_code
        if code is None or not embed.quoted:
            continue
        text = _main_text(fetch(site, ARTICLES[code].url).text)
        for paragraph in embed.quoted:
            if paragraph not in QUOTE_CASES:  # the two with a story are tested below
                assert paragraph in text, paragraph
                checked += 1
    assert checked > 100


def test_the_altered_quote_is_not_in_its_article_and_the_near_miss_is(
    site: SampleWeb, fetch: Fetch
) -> None:
    altered, near_miss = list(QUOTE_CASES)
    assert QUOTE_CASES[altered] == {Code.QUOTE_NOT_FOUND} and not QUOTE_CASES[near_miss]
    bbc = _main_text(fetch(site, ARTICLES["moAQt1UdIi"].url).text)
    assert altered not in bbc
    assert "コジュラ" not in bbc
    reuters = _main_text(fetch(site, ARTICLES["zou13j4Hk9"].url).text)
    assert near_miss.removesuffix(" もっと見る") in reuters


@pytest.mark.parametrize(
    ("code", "title", "og_title"),
    [
        (
            "P1z50YHqZi",
            "ロシア報道官 “掌握された地域の奪還目指す考えを強調” | NHK | ウクライナ情勢",
            "ロシア報道官 “掌握された地域の奪還目指す考えを強調” | NHK | ウクライナ情勢",
        ),
        (
            "YinKaIzU8b",
            "トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意 - Bloomberg",
            "トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意",
        ),
        (
            "O4B34UgcAK",
            "ウクライナ、クリミア併合前への国境回帰は非現実的=米国防長官 | ロイター",
            "ウクライナ、クリミア併合前への国境回帰は非現実的=米国防長官",
        ),
        (
            "rCcmrAl9MV",
            "モスクワ株式市場、露米電話会談を受けて急上昇 - 2025年2月13日, Sputnik 日本",
            "モスクワ株式市場、露米電話会談を受けて急上昇",
        ),
        (
            "moAQt1UdIi",
            "ウクライナ保安庁の高官、ロシアのスパイ容疑で逮捕 - BBCニュース",
            "ウクライナ保安庁の高官、ロシアのスパイ容疑で逮捕",
        ),
    ],
)
def test_articles_carry_their_sites_titles(
    site: SampleWeb, fetch: Fetch, code: str, title: str, og_title: str
) -> None:
    soup = _soup(fetch(site, ARTICLES[code].url).text)
    assert soup.title is not None and soup.title.get_text() == title
    og = soup.select_one("meta[property='og:title']")
    assert og is not None and og["content"] == og_title
    [ld] = [json.loads(s.get_text()) for s in soup.select("script[type='application/ld+json']")]
    assert ld["headline"] == ARTICLES[code].headline
    assert ld["datePublished"] == ARTICLES[code].published
    assert soup.select("nav a") and soup.select("footer")


def test_bloomberg_article_keeps_the_original_titles_line(site: SampleWeb, fetch: Fetch) -> None:
    text = _main_text(fetch(site, ARTICLES["YinKaIzU8b"].url).text)
    assert "原題:Trump and Putin Agree to Ukraine Talks in a US Policy Reversal、" in text


@pytest.mark.parametrize(
    "host",
    ["www3.nhk.or.jp", "jp.reuters.com", "www.bloomberg.co.jp", "sputniknews.jp", "www.bbc.com"],
)
def test_news_hosts_have_a_home_and_a_404(site: SampleWeb, fetch: Fetch, host: str) -> None:
    assert fetch(site, f"https://{host}/").status == 200
    missing = fetch(site, f"https://{host}/news/no-such-article")
    assert missing.status == 404
    assert "見つかりません" in missing.text or "Not Found" in missing.text


def test_status_pages_answer_with_the_app_shell(site: SampleWeb, fetch: Fetch) -> None:
    for url in (TWEETS[0].shown_url, TCO_LINKS["AdpfvkDcc5"]):
        answer = fetch(site, url)
        assert answer.status == 200 and "JavaScript is not available." in answer.text
    assert fetch(site, "https://platform.twitter.com/widgets.js").status == 200


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (TWEETS[9].shown_url, {Code.EMBED_UNAVAILABLE}),
        (TWEETS[9].shown_url.replace("twitter.com", "x.com"), {Code.EMBED_UNAVAILABLE}),
        (TWEETS[0].shown_url, set()),
        ("https://mastodon.social/@osint_jp/113984112093551207", {Code.EMBED_UNAVAILABLE}),
        ("https://www.youtube.com/watch?v=Xk2vB7nLq9c", {Code.BLOCKED}),
        (
            "https://bsky.app/profile/did:plc:3lxw7ejz5nybomcuzqk2vfha/post/3li2fa5wq4k2t",
            set(),
        ),
        ("https://t.co/fYSF0l6iJx", {Code.BROKEN}),
    ],
)
def test_expected_for_accepts_every_spelling(key: str, expected: set[Code]) -> None:
    assert expected_for(key) == expected


def test_expected_for_an_unknown_key_is_none() -> None:
    assert expected_for("https://example.com/") is None
