"""Page templates of the Japanese news sites the second seed links to.

A checker reads an article's title from ``<title>``, Open Graph or JSON-LD and looks for quoted
text in its main text, so each site here is drawn with the metadata that site really uses and with
the chrome (navigation, related links, share buttons, footer) that main-text extraction must see
past.  :mod:`tests.fixtureweb.build_seed_live` renders the articles once (the output is committed
under ``data/social/articles/``); at run time the demo serves each site's home page, 404 page and
response headers from :data:`SITES`.
"""

# The templates are kept as the sites write them, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

__all__ = ["SITES", "NewsPage", "Site", "site_for"]


@dataclass(frozen=True, slots=True)
class NewsPage:
    """What a template needs to draw one article."""

    url: str
    headline: str
    published: str
    section: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Site:
    """A news site: how it draws an article, its home and its 404 page, and its response headers."""

    host: str
    name: str
    article: Callable[[NewsPage], str]
    home: str
    not_found: str
    headers: tuple[tuple[str, str], ...]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _jp_date(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment.hour}時{moment.minute:02d}分"


def _is_subhead(text: str) -> bool:
    """Short lines without a full stop are section headings in these articles."""
    return (
        len(text) <= 40
        and not text.endswith(("。", "では", "…"))
        and not text.startswith(("原題", "関連記事", "▽"))
    )


def _body(paragraphs: tuple[str, ...], *, heading: str = "h2", related: str = "") -> str:
    chunks = []
    for text in paragraphs:
        if text.startswith("関連記事:"):
            title = text.removeprefix("関連記事:")
            chunks.append(
                f'<p class="related-inline">関連記事:<a href="{related}">{_e(title)}</a></p>'
            )
        elif _is_subhead(text):
            chunks.append(f"<{heading}>{_e(text)}</{heading}>")
        else:
            chunks.append(f"<p>{_e(text)}</p>")
    return "\n".join(chunks)


def _json_ld(page: NewsPage, publisher: str, logo: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.headline,
        "datePublished": page.published,
        "dateModified": page.published,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "publisher": {
            "@type": "Organization",
            "name": publisher,
            "logo": {"@type": "ImageObject", "url": logo},
        },
        "inLanguage": "ja",
    }
    return (
        '<script type="application/ld+json">' + json.dumps(data, ensure_ascii=False) + "</script>"
    )


def _head(page: NewsPage, *, title: str, og_title: str, site_name: str, extra: str = "") -> str:
    return f"""<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<link rel="canonical" href="{_e(page.url)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{_e(page.url)}">
<meta property="og:title" content="{_e(og_title)}">
<meta property="og:site_name" content="{_e(site_name)}">
<meta property="og:description" content="{_e(page.paragraphs[0] if page.paragraphs else page.headline)}">
<meta property="article:published_time" content="{page.published}">
<meta name="twitter:card" content="summary_large_image">
{extra}</head>"""


# -- NHK -----------------------------------------------------------------------------------------

_NHK_NAV = """<header class="gnavi"><a class="nhk-logo" href="https://www.nhk.or.jp/">NHK</a>
<nav><ul class="gnavi-list"><li><a href="https://www3.nhk.or.jp/news/">NHK NEWS WEB</a></li><li><a href="https://www3.nhk.or.jp/news/cat01.html">社会</a></li><li><a href="https://www3.nhk.or.jp/news/cat04.html">政治</a></li><li><a href="https://www3.nhk.or.jp/news/cat05.html">ビジネス</a></li><li><a href="https://www3.nhk.or.jp/news/cat06.html">国際</a></li><li><a href="https://www3.nhk.or.jp/news/special/ukraine/">ウクライナ情勢</a></li></ul></nav></header>"""

_NHK_FOOTER = """<footer class="footer"><ul><li><a href="https://www.nhk.or.jp/toppage/nhk_info/">NHKについて</a></li><li><a href="https://www.nhk.or.jp/privacy/">NHKのインターネットサービスにおける個人情報保護方針</a></li><li><a href="https://www.nhk.or.jp/rules/">利用規約</a></li></ul>
<p class="copyright">Copyright NHK (Japan Broadcasting Corporation) All rights reserved. 許可なく転載することを禁じます。</p></footer>"""


def _nhk_article(page: NewsPage) -> str:
    title = f"{page.headline} | NHK | {page.section}"
    head = _head(
        page,
        title=title,
        og_title=title,
        site_name="NHKニュース",
        extra=_json_ld(
            page, "NHK", "https://www3.nhk.or.jp/news/parts16/images/common/nhk-logo.png"
        )
        + "\n",
    )
    return f"""<!DOCTYPE html>
<html lang="ja">
{head}
<body class="news-article">
{_NHK_NAV}
<main id="main">
<article class="module module--detail">
<section class="content--detail-main">
<header class="content--header">
<p class="content--category"><a href="https://www3.nhk.or.jp/news/special/ukraine/">{_e(page.section)}</a></p>
<h1 class="content--title"><span>{_e(page.headline)}</span></h1>
<p class="content--date"><time datetime="{page.published}">{_jp_date(page.published)}</time></p>
<ul class="content--sns"><li><a class="sns-x" href="https://twitter.com/intent/tweet">ポスト</a></li><li><a class="sns-line" href="https://social-plugins.line.me/lineit/share">LINE</a></li></ul>
</header>
<div class="content--detail-body">
<section class="content--body">
{_body(page.paragraphs, heading="h2")}
</section>
</div>
</article>
<aside class="module module--related">
<h2 class="module--title">関連ニュース</h2>
<ul class="content--list">
<li><a href="https://www3.nhk.or.jp/news/special/ukraine/">特集 ウクライナ情勢</a></li>
<li><a href="https://www3.nhk.or.jp/news/cat06.html">国際のニュース一覧へ</a></li>
</ul>
<h2 class="module--title">アクセスランキング</h2>
<ol class="ranking"><li><a href="https://www3.nhk.or.jp/news/">天気 週末は全国的に冬型の気圧配置</a></li><li><a href="https://www3.nhk.or.jp/news/">衆院予算委 新年度予算案の審議続く</a></li></ol>
</aside>
</main>
{_NHK_FOOTER}
</body>
</html>
"""


_NHK_HOME = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>NHK NEWS WEB</title>
<meta property="og:title" content="NHK NEWS WEB"><meta property="og:site_name" content="NHKニュース"></head>
<body>{_NHK_NAV}<main><h1>NHK NEWS WEB</h1><section><h2>ニュース</h2><p>最新のニュースをお伝えします。</p></section></main>{_NHK_FOOTER}</body></html>
"""

_NHK_404 = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません | NHK</title></head>
<body>{_NHK_NAV}<main><h1>ページが見つかりません</h1>
<p>お探しのページは削除されたか、URLが変更された可能性があります。NHKニュースの記事は一定期間を過ぎると削除されます。</p>
<p><a href="https://www3.nhk.or.jp/news/">NHK NEWS WEB トップへ</a></p></main>{_NHK_FOOTER}</body></html>
"""


# -- Reuters ---------------------------------------------------------------------------------------

_REUTERS_NAV = """<header class="site-header"><a class="logo" href="https://jp.reuters.com/" aria-label="ロイター">ロイター</a>
<nav class="nav"><ul><li><a href="https://jp.reuters.com/world/">ワールド</a></li><li><a href="https://jp.reuters.com/business/">ビジネス</a></li><li><a href="https://jp.reuters.com/markets/">マーケット</a></li><li><a href="https://jp.reuters.com/world/ukraine/">ウクライナ</a></li><li><a href="https://jp.reuters.com/opinion/">コラム</a></li></ul></nav></header>"""

_REUTERS_FOOTER = """<footer class="site-footer"><ul><li><a href="https://jp.reuters.com/info/">ロイターについて</a></li><li><a href="https://www.thomsonreuters.com/ja/privacy-statement.html">プライバシー</a></li><li><a href="https://jp.reuters.com/info/disclaimer/">免責事項</a></li></ul>
<p>All quotes delayed a minimum of 15 minutes. © 2025 Reuters. All rights reserved</p></footer>"""


def _reuters_article(page: NewsPage) -> str:
    head = _head(
        page,
        title=f"{page.headline} | ロイター",
        og_title=page.headline,
        site_name="Reuters",
        extra=_json_ld(
            page, "Reuters", "https://jp.reuters.com/pf/resources/images/reuters/logo.png"
        )
        + "\n",
    )
    return f"""<!DOCTYPE html>
<html lang="ja">
{head}
<body>
{_REUTERS_NAV}
<main id="main-content">
<article class="article">
<header class="article-header">
<nav class="breadcrumbs"><a href="https://jp.reuters.com/world/">ワールド</a> / <a href="https://jp.reuters.com/world/ukraine/">{_e(page.section)}</a></nav>
<h1 data-testid="Heading">{_e(page.headline)}</h1>
<div class="article-info"><time datetime="{page.published}">{_jp_date(page.published)}</time> 更新</div>
</header>
<div class="article-body" data-testid="ArticleBody">
{_body(page.paragraphs, heading="h2")}
</div>
<p class="trust-principles"><a href="https://jp.reuters.com/info/trust-principles/">私たちの行動規範:トムソン・ロイター「信頼の原則」</a></p>
</article>
<aside class="more-stories"><h2>関連記事</h2><ul>
<li><a href="https://jp.reuters.com/world/ukraine/">ウクライナ関連ニュース</a></li>
<li><a href="https://jp.reuters.com/markets/">マーケット</a> もっと見る</li>
</ul></aside>
</main>
{_REUTERS_FOOTER}
</body>
</html>
"""


_REUTERS_HOME = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ロイター | 経済、株価、ビジネス、国際、政治ニュース</title></head>
<body>{_REUTERS_NAV}<main><h1>トップニュース</h1></main>{_REUTERS_FOOTER}</body></html>
"""

_REUTERS_404 = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません | ロイター</title></head>
<body>{_REUTERS_NAV}<main><h1>404</h1><p>お探しのページが見つかりませんでした。</p></main>{_REUTERS_FOOTER}</body></html>
"""


# -- Bloomberg ---------------------------------------------------------------------------------------


def _bloomberg_article(page: NewsPage) -> str:
    head = _head(
        page,
        title=f"{page.headline} - Bloomberg",
        og_title=page.headline,
        site_name="Bloomberg.com",
        extra=(
            '<meta name="parsely-title" content="'
            + _e(page.headline)
            + '">\n'
            + _json_ld(
                page,
                "Bloomberg",
                "https://assets.bwbx.io/s3/javelin/public/javelin/images/bloomberg-logo.png",
            )
            + "\n"
        ),
    )
    related = "https://www.bloomberg.co.jp/news/articles/2025-02-12/SRKZ8MT0G1KW00"
    return f"""<!DOCTYPE html>
<html lang="ja">
{head}
<body>
<header class="navi"><a href="https://www.bloomberg.co.jp/" class="bb-logo">Bloomberg</a>
<nav><a href="https://www.bloomberg.co.jp/markets">マーケット</a> <a href="https://www.bloomberg.co.jp/economics">経済</a> <a href="https://www.bloomberg.co.jp/politics">政治</a> <a href="https://www.bloomberg.co.jp/technology">テクノロジー</a></nav></header>
<main>
<article class="article-story">
<div class="lede-text-v2"><h1 class="lede-text-v2__hed">{_e(page.headline)}</h1>
<div class="lede-text-v2__byline">Hadriana Lowenkron、Stephanie Lai</div>
<time class="article-timestamp" datetime="{page.published}">{_jp_date(page.published)} JST</time></div>
<div class="body-copy-v2 fence-body">
{_body(page.paragraphs, heading="h2", related=related)}
</div>
<div class="paywall-inline-tout">ブルームバーグ・ターミナルでさらに詳しく</div>
</article>
<aside class="right-rail"><h3>最も読まれた記事</h3><ol><li><a href="https://www.bloomberg.co.jp/markets">円相場、米物価指標を控えて小動き</a></li><li><a href="https://www.bloomberg.co.jp/economics">日銀、追加利上げのタイミング探る</a></li></ol></aside>
</main>
<footer class="bb-global-footer"><a href="https://www.bloomberg.co.jp/company/">会社概要</a> <a href="https://www.bloomberg.co.jp/notices/tos/">利用規約</a> <span>©2025 Bloomberg L.P. All Rights Reserved.</span></footer>
</body>
</html>
"""


_BLOOMBERG_HOME = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>Bloomberg.co.jp</title></head>
<body><header><a href="https://www.bloomberg.co.jp/">Bloomberg</a></header><main><h1>トップニュース</h1></main></body></html>
"""

_BLOOMBERG_404 = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>Page Not Found - Bloomberg</title></head>
<body><main><h1>Page Not Found</h1><p>お探しのページは見つかりませんでした。</p></main></body></html>
"""


# -- Sputnik -----------------------------------------------------------------------------------------


def _sputnik_article(page: NewsPage) -> str:
    moment = datetime.fromisoformat(page.published)
    stamp = f"{moment.year}年{moment.month}月{moment.day}日"
    head = _head(
        page,
        title=f"{page.headline} - {stamp}, Sputnik 日本",
        og_title=page.headline,
        site_name="Sputnik 日本",
        extra=_json_ld(page, "Sputnik 日本", "https://cdn.sputniknews.jp/i/logo/logo-social.png")
        + "\n",
    )
    return f"""<!DOCTYPE html>
<html lang="ja">
{head}
<body class="body m-article">
<header class="header"><a class="header__logo" href="https://sputniknews.jp/">Sputnik 日本</a>
<nav class="header__menu"><a href="https://sputniknews.jp/politics/">政治</a> <a href="https://sputniknews.jp/economy/">経済</a> <a href="https://sputniknews.jp/russia/">ロシア</a> <a href="https://sputniknews.jp/japan/">日本</a></nav></header>
<div class="layout-article">
<div class="article" data-id="19570812">
<div class="article__header"><h1 class="article__title">{_e(page.headline)}</h1>
<div class="article__info-date"><a href="https://sputniknews.jp/20250213/">{moment:%H:%M} {moment.day:02d}.{moment.month:02d}.{moment.year}</a></div></div>
<div class="article__body">
{"".join(f'<div class="article__block" data-type="text"><div class="article__text">{_e(text)}</div></div>' + chr(10) for text in page.paragraphs)}</div>
<div class="article__footer"><a class="article__tag" href="https://sputniknews.jp/economy/">経済</a> <a class="article__tag" href="https://sputniknews.jp/russia/">ロシア</a></div>
</div>
<div class="article__social">Telegram、X(旧ツイッター)でもSputnik日本をフォロー</div>
</div>
<footer class="footer"><p>© 2025 Sputnik All rights reserved. 18+</p></footer>
</body>
</html>
"""


_SPUTNIK_HOME = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>Sputnik 日本 - 最新ニュース</title></head>
<body><header><a href="https://sputniknews.jp/">Sputnik 日本</a></header><main><h1>最新ニュース</h1></main></body></html>
"""

_SPUTNIK_404 = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません - Sputnik 日本</title></head>
<body><main><h1>404</h1><p>ページが見つかりません。</p></main></body></html>
"""


# -- BBC ---------------------------------------------------------------------------------------------

_BBC_NAV = """<header role="banner"><a href="https://www.bbc.com/japanese" aria-label="BBC News, ニュース">BBCニュース</a>
<nav><ul><li><a href="https://www.bbc.com/japanese">ホーム</a></li><li><a href="https://www.bbc.com/japanese/topics/c0w7w3wz0z8t">国際</a></li><li><a href="https://www.bbc.com/japanese/topics/cdr56v7rdkzt">ビデオ</a></li></ul></nav></header>"""

_BBC_FOOTER = """<footer role="contentinfo"><p>© 2025 BBC. 外部サイトの内容に関してBBCは責任を負いません。 <a href="https://www.bbc.co.uk/editorialguidelines/guidance/feeds-and-links">外部リンクに関する方針はこちら</a></p></footer>"""


def _bbc_article(page: NewsPage) -> str:
    head = _head(
        page,
        title=f"{page.headline} - BBCニュース",
        og_title=page.headline,
        site_name="BBC News 日本語",
        extra=_json_ld(
            page,
            "BBC News 日本語",
            "https://www.bbc.com/news/special/2015/newsspec_10857/bbc_news_logo.png",
        )
        + "\n",
    )
    return f"""<!DOCTYPE html>
<html lang="ja">
{head}
<body>
{_BBC_NAV}
<main role="main">
<article>
<h1 id="content" tabindex="-1">{_e(page.headline)}</h1>
<time datetime="{page.published[:10]}">{datetime.fromisoformat(page.published):%Y年%m月%d日}</time>
{_body(page.paragraphs, heading="h2")}
</article>
<section aria-labelledby="related-content-heading"><h2 id="related-content-heading">関連トピックス</h2>
<ul><li><a href="https://www.bbc.com/japanese/topics/cz4pr2gd85qt">ロシア・ウクライナ戦争</a></li></ul></section>
<section><h2>トップ記事</h2><ul><li><a href="https://www.bbc.com/japanese">BBCニュース日本語版トップへ</a></li></ul></section>
</main>
{_BBC_FOOTER}
</body>
</html>
"""


_BBC_HOME = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ホーム - BBCニュース</title></head>
<body>{_BBC_NAV}<main><h1>BBCニュース 日本語</h1></main>{_BBC_FOOTER}</body></html>
"""

_BBC_404 = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません - BBCニュース</title></head>
<body>{_BBC_NAV}<main><h1>404 - ページが見つかりません</h1><p>申し訳ありません。お探しのページは見つかりませんでした。</p></main>{_BBC_FOOTER}</body></html>
"""


SITES: tuple[Site, ...] = (
    Site(
        "www3.nhk.or.jp",
        "NHK",
        _nhk_article,
        _NHK_HOME,
        _NHK_404,
        (("Server", "Apache"), ("Cache-Control", "max-age=60")),
    ),
    Site(
        "jp.reuters.com",
        "Reuters",
        _reuters_article,
        _REUTERS_HOME,
        _REUTERS_404,
        (("Server", "envoy"), ("Cache-Control", "public, max-age=300")),
    ),
    Site(
        "www.bloomberg.co.jp",
        "Bloomberg",
        _bloomberg_article,
        _BLOOMBERG_HOME,
        _BLOOMBERG_404,
        (("Server", "nginx"), ("Cache-Control", "no-cache")),
    ),
    Site(
        "sputniknews.jp",
        "Sputnik",
        _sputnik_article,
        _SPUTNIK_HOME,
        _SPUTNIK_404,
        (("Server", "nginx"),),
    ),
    Site(
        "www.bbc.com",
        "BBC",
        _bbc_article,
        _BBC_HOME,
        _BBC_404,
        (("Server", "BBC-GTM"), ("Cache-Control", "private, max-age=60")),
    ),
)


def site_for(host: str) -> Site:
    """The site serving ``host``."""
    return next(site for site in SITES if site.host == host)
