"""Rebuild the seed blog capture as the Blogger HTML, feeds and sitemap under ``data/blog/``.

The seed ``000_189449dff0a142e3.txt`` is a text capture of a Blogger label page.  Tests and the demo
need the real thing: Blogger's markup (``date-outer``, ``post-outer``, ``post-body entry-content``,
``blog-pager-older-link``) wrapped in the noise of its template, with bodies written the way
Blogger's editors write them.  This script turns the capture into those files once; the output is
committed, so the package never needs the seed at run time.  The text of every post is kept
verbatim; what the capture cannot tell (permalinks, post ids, times, labels, which editor wrote
which post) is fixed in :data:`_POST_SPECS`.

The second seed's live-update post (its body drawn by :mod:`tests.fixtureweb.build_seed_live`) and
the platforms fixture post join the blog like any other post: home page, archive, label pages, feeds
and sitemap.  Neither carries the label ウクライナ, so the featured label page keeps the first seed's
five posts.

Seeds default to ``../shared/seeds/`` beside the repository.
Run: ``python -m tests.fixtureweb.build_seed_blog [SEED] [OUTPUT_DIR] [LIVE_SEED]``.
"""

# The Blogger template below is kept as Blogger writes it, long lines included.
# ruff: noqa: E501

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from checker import sampleweb
from checker.sampleweb.social_web import LIVE_POST_URL, PLATFORMS_POST_URL
from tests.fixtureweb.build_seed_live import (
    DEFAULT_LIVE_SEED,
    live_post_body,
    platforms_post_body,
    read_embeds,
)

__all__ = ["BLOG_HOST", "BLOG_ROOT", "DEFAULT_SEED", "build", "main"]

BLOG_HOST = "citecheck-sample.blogspot.com"
BLOG_ROOT = f"https://{BLOG_HOST}"
_BLOG_ID = "7391046825510377412"
_BLOG_TITLE = "安全保障ニュース翻訳ノート"
_BLOG_DESCRIPTION = "海外の安全保障・国際情勢の記事を日本語に翻訳して紹介します。"
_AUTHOR = "翻訳子"
_PROFILE = "https://www.blogger.com/profile/04781133620590412287"
_FEATURED_LABEL = "ウクライナ"
_PAGE_SIZE = 5
DEFAULT_SEED = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_189449dff0a142e3.txt"
)
_DEFAULT_OUT = Path(sampleweb.__file__).parent / "data" / "blog"
_IMAGE_BASE = "https://blogger.googleusercontent.com/img/b/R29vZ2xl"

_DATE_HEADER = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(.)曜日$")
_URL_LINE = re.compile(r"^https?://\S+$")
_END_MARK = "■"


@dataclass(frozen=True, slots=True)
class _PostSpec:
    """What the capture does not say about a post, in the order the posts appear."""

    path: str
    post_id: str
    time: str
    labels: tuple[str, ...]
    style: str
    link_title_instead_of_url: bool = False
    image_before: str | None = None
    image_name: str = ""
    caption_lines: int = 0


_POST_SPECS = (
    _PostSpec(
        "/2025/12/blog-post_8.html",
        "2214583320187465390",
        "T05:12:00-08:00",
        ("ウクライナ", "ロシア", "欧州", "Foreign Affairs"),
        style="p",
        image_before="2025年10月、ポクロフスク近郊でロシア軍を攻撃するウクライナ砲兵隊",
        image_name="AVvXsEhPokrovskArtillery/s1600/pokrovsk-artillery.jpg",
        caption_lines=2,
    ),
    _PostSpec(
        "/2025/07/blog-post_15.html",
        "5310772894061325517",
        "T03:40:00-07:00",
        ("ウクライナ", "ロシア", "トランプ", "The National Interest"),
        style="div",
    ),
    _PostSpec(
        "/2025/05/blog-post_22.html",
        "8097334415260039118",
        "T02:05:00-07:00",
        ("ウクライナ", "日本", "防衛産業"),
        style="br",
        link_title_instead_of_url=True,
    ),
    _PostSpec(
        "/2025/05/blog-post_9.html",
        "1184620547399217760",
        "T04:30:00-07:00",
        ("ウクライナ", "ロシア", "諜報", "The National Interest"),
        style="nbsp",
    ),
    _PostSpec(
        "/2025/02/blog-post_13.html",
        "6640137720917403382",
        "T01:15:00-08:00",
        ("ウクライナ", "ロシア", "トランプ", "19FortyFive"),
        style="span",
        image_before="M777 Artillery Like in Ukraine. Image: Creative Commons.",
        image_name="AVvXsEgM777Artillery/s1600/m777-ukraine.jpg",
        caption_lines=1,
    ),
)


@dataclass(frozen=True, slots=True)
class _Post:
    date_header: str
    iso_date: str
    title: str
    body: tuple[str, ...]
    block: tuple[str, ...]
    spec: _PostSpec
    body_html: str | None = None

    @property
    def url(self) -> str:
        return BLOG_ROOT + self.spec.path

    @property
    def published(self) -> str:
        return self.iso_date + self.spec.time

    @property
    def month_path(self) -> str:
        return self.spec.path.rsplit("/", 1)[0] + "/"


# -- reading the capture ---------------------------------------------------------------------


def _read_posts(seed: Path) -> tuple[_Post, ...]:
    lines = seed.read_text(encoding="utf-8").split("\n")
    starts = [i for i, line in enumerate(lines) if _DATE_HEADER.match(line.strip())]
    posts = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        posts.append(_read_post(lines[start:end], _POST_SPECS[number]))
    return tuple(posts)


def _read_post(lines: list[str], spec: _PostSpec) -> _Post:
    header = lines[0].strip()
    match = _DATE_HEADER.match(header)
    assert match is not None
    year, month, day = (int(part) for part in match.group(1, 2, 3))
    rest = lines[1:]
    title_index = next(i for i, line in enumerate(rest) if line.strip())
    title = rest[title_index].strip()
    text = _trim_blank(rest[title_index + 1 :])
    end = max(i for i, line in enumerate(text) if _END_MARK in line)
    return _Post(
        date_header=header,
        iso_date=f"{year:04d}-{month:02d}-{day:02d}",
        title=title,
        body=tuple(text[: end + 1]),
        block=tuple(_trim_blank(text[end + 1 :])),
        spec=spec,
    )


def _extra_posts(live_seed: Path) -> tuple[_Post, ...]:
    """The second seed's live post and the platforms fixture post, drawn by build_seed_live."""
    live = _Post(
        date_header="2025年2月12日水曜日",
        iso_date="2025-02-12",
        title="【随時更新】ロシア・ウクライナ情勢 米ロ首脳が電話会談、停戦交渉へ(2月12日〜13日)",
        body=(),
        block=(),
        spec=_PostSpec(
            LIVE_POST_URL.removeprefix(BLOG_ROOT),
            "3905521846710238854",
            "T08:30:00-08:00",
            ("ロシア", "トランプ", "NATO"),
            style="p",
        ),
        body_html=live_post_body(read_embeds(live_seed)),
    )
    platforms = _Post(
        date_header="2025年2月20日木曜日",
        iso_date="2025-02-20",
        title="米ロ電話会談をめぐるSNSの反応(Bluesky・Telegram・YouTube・Mastodon・TikTok)",
        body=(),
        block=(),
        spec=_PostSpec(
            PLATFORMS_POST_URL.removeprefix(BLOG_ROOT),
            "7012698453318870261",
            "T03:00:00-08:00",
            ("SNS", "トランプ"),
            style="p",
        ),
        body_html=platforms_post_body(),
    )
    return (live, platforms)


def _trim_blank(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    stop = max((i + 1 for i, line in enumerate(lines) if line.strip()), default=start)
    return lines[start:stop]


# -- writing a post body the way Blogger's editors do ------------------------------------------


def _text(line: str, *, nbsp: bool) -> str:
    """Escape a line; with ``nbsp`` the capture's edge spaces become ``&nbsp;`` as Blogger writes."""
    escaped = html.escape(line.strip(), quote=False)
    if not nbsp:
        return escaped
    lead = "&nbsp;" if line.startswith(" ") else ""
    trail = "&nbsp;" if line.endswith(" ") and line.strip() else ""
    return f"{lead}{escaped}{trail}" or "&nbsp;"


def _is_subhead(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 24 and not stripped.endswith(("。", "」", ")", "■"))


def _image_html(spec: _PostSpec, post: _Post, caption: tuple[str, ...]) -> str:
    src = f"{_IMAGE_BASE}/{spec.image_name}"
    thumb = src.replace("/s1600/", "/w640-h360/")
    img = (
        f'<a href="{src}" style="margin-left: 1em; margin-right: 1em;">'
        f'<img border="0" data-original-height="900" data-original-width="1600" height="360" '
        f'src="{thumb}" width="640" /></a>'
    )
    if spec.style == "span":
        cap = "<br />".join(_text(line, nbsp=False) for line in caption)
        return (
            '<table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container" '
            'style="margin-left: auto; margin-right: auto;"><tbody>\n'
            f'<tr><td style="text-align: center;">{img}</td></tr>\n'
            f'<tr><td class="tr-caption" style="text-align: center;">{cap}</td></tr>\n'
            "</tbody></table>"
        )
    cap = "".join(
        f'<div style="text-align: center;"><span style="font-size: x-small;">'
        f"{_text(line, nbsp=False)}</span></div>\n"
        for line in caption
    )
    return f'<div class="separator" style="clear: both; text-align: center;">{img}</div>\n{cap}'


def _body_lines_html(post: _Post) -> list[str]:
    """One HTML chunk per capture line (blank lines included), images and captions folded in."""
    spec = post.spec
    chunks: list[str] = []
    lines = list(post.body)
    index = 0
    seen_paragraph = False
    while index < len(lines):
        line = lines[index]
        if spec.image_before is not None and line.strip() == spec.image_before:
            caption = tuple(
                candidate.strip()
                for candidate in lines[index : index + spec.caption_lines * 2]
                if candidate.strip()
            )[: spec.caption_lines]
            chunks.append(_image_html(spec, post, caption))
            consumed = 0
            while consumed < spec.caption_lines:
                if lines[index].strip():
                    consumed += 1
                index += 1
            continue
        # Short lines before the first real paragraph are a byline, not section headings.
        chunks.append(_paragraph(line, spec.style, headings=seen_paragraph))
        seen_paragraph = seen_paragraph or len(line.strip()) > 60
        index += 1
    return chunks


def _paragraph(line: str, style: str, *, headings: bool) -> str:
    blank = not line.strip()
    if style == "p":
        if blank:
            return ""
        if headings and _is_subhead(line):
            return f"<h3>{_text(line, nbsp=False)}</h3>"
        return f"<p>{_text(line, nbsp=False)}</p>"
    if style == "div":
        return "<div><br /></div>" if blank else f"<div>{_text(line, nbsp=True)}</div>"
    if style == "br":
        return "" if blank else _text(line, nbsp=True)
    if style == "nbsp":
        if blank:
            return ""
        if headings and _is_subhead(line) and not line.startswith(" "):
            return f"<h2>{_text(line, nbsp=False)}</h2>"
        return f"<p>{_text(line, nbsp=True)}</p>"
    if blank:
        return "<div><br /></div>"
    return f'<div><span style="font-family: inherit;">{_text(line, nbsp=True)}</span></div>'


def _block_html(post: _Post) -> str:
    """The attribution block: every line kept, URLs as links whose text is the URL.

    With ``link_title_instead_of_url`` the English title (the block's first line) links to the
    source and the bare URL line is left out, as when the translator pasted a titled link.
    """
    spec = post.spec
    block = list(post.block)
    urls = [line.strip() for line in block if _URL_LINE.match(line.strip())]
    chunks = []
    for position, line in enumerate(block):
        stripped = line.strip()
        if not stripped:
            chunks.append("<div><br /></div>")
        elif _URL_LINE.match(stripped):
            if spec.link_title_instead_of_url:
                continue
            url = html.escape(stripped)
            chunks.append(f'<div><a href="{url}">{url}</a></div>')
        elif spec.link_title_instead_of_url and position == 0 and urls:
            href = html.escape(urls[0])
            chunks.append(f'<div><a href="{href}">{_text(line, nbsp=False)}</a></div>')
        else:
            chunks.append(f"<div>{_text(line, nbsp=False)}</div>")
    while chunks and chunks[-1] == "<div><br /></div>":
        chunks.pop()
    return "\n".join(chunks)


def _body_html(post: _Post) -> str:
    if post.body_html is not None:
        return post.body_html
    chunks = _body_lines_html(post)
    if post.spec.style == "br":
        body = '<div style="text-align: left;">' + "<br />\n".join(chunks) + "</div>"
    else:
        body = "\n".join(chunk for chunk in chunks if chunk)
    return f"{body}\n<div><br /></div>\n{_block_html(post)}"


# -- Blogger's template ----------------------------------------------------------------------


def _label_url(label: str) -> str:
    return f"{BLOG_ROOT}/search/label/{quote(label)}"


def _share_buttons(post: _Post) -> str:
    base = f"https://www.blogger.com/share-post.g?blogID={_BLOG_ID}&amp;postID={post.spec.post_id}"
    targets = (
        ("email", "メールで送信"),
        ("blog", "BlogThis!"),
        ("twitter", "X で共有"),
        ("facebook", "Facebook で共有する"),
        ("pinterest", "Pinterest に共有"),
    )
    return "".join(
        f"<a class='goog-inline-block share-button sb-{target}' href='{base}&amp;target={target}'"
        f" target='_blank' title='{text}'><span class='share-button-link-text'>{text}</span></a>"
        for target, text in targets
    )


def _post_html(post: _Post, *, item: bool) -> str:
    spec = post.spec
    labels = ",\n".join(
        f"<a href='{_label_url(label)}' rel='tag'>{html.escape(label)}</a>" for label in spec.labels
    )
    month, day = post.iso_date[5:7], post.iso_date[8:10]
    stamp = f"{month}月 {day}, {post.iso_date[:4]}"
    image_meta = (
        f"<meta content='{_IMAGE_BASE}/{spec.image_name}' itemprop='image_url'/>\n"
        if spec.image_name
        else ""
    )
    title = html.escape(post.title, quote=False)
    heading = title if item else f'<a href="{post.url}">{title}</a>'
    comments = (
        "<div class='comments' id='comments'>\n<a name='comments'></a>\n<h4>0 件のコメント:</h4>\n"
        "<div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-indent' "
        "id='comments-block'></dl></div>\n<p class='comment-footer'>\n"
        f"<a href='https://www.blogger.com/comment/fullpage/post/{_BLOG_ID}/{spec.post_id}' "
        "onclick=''>コメントを投稿</a>\n</p>\n</div>\n"
        if item
        else ""
    )
    return f"""<div class="post-outer">
<div class="post hentry" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
{image_meta}<meta content='{_BLOG_ID}' itemprop='blogId'/>
<meta content='{spec.post_id}' itemprop='postId'/>
<a name='{spec.post_id}'></a>
<h3 class="post-title entry-title" itemprop="name">
{heading}
</h3>
<div class='post-header'>
<div class='post-header-line-1'></div>
</div>
<div class="post-body entry-content" id="post-body-{spec.post_id}" itemprop="description articleBody">
{_body_html(post)}
<div style='clear: both;'></div>
</div>
<div class="post-footer">
<div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>
投稿者
<span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'>
<meta content='{_PROFILE}' itemprop='url'/>
<a class='g-profile' href='{_PROFILE}' rel='author' title='author profile'>
<span itemprop='name'>{_AUTHOR}</span>
</a>
</span>
</span>
<span class='post-timestamp'>
時刻:
<meta content='{post.url}' itemprop='url'/>
<a class='timestamp-link' href='{post.url}' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='{post.published}'>{stamp}</abbr></a>
</span>
<span class='post-comment-link'>
<a class='comment-link' href='https://www.blogger.com/comment/fullpage/post/{_BLOG_ID}/{spec.post_id}' onclick=''>0 件のコメント:</a>
</span>
<span class='post-icons'>
<span class='item-control blog-admin pid-1907345861'>
<a href='https://www.blogger.com/post-edit.g?blogID={_BLOG_ID}&amp;postID={spec.post_id}&amp;from=pencil' title='投稿を編集'>
<img alt='' class='icon-action' height='18' src='https://resources.blogblog.com/img/icon18_edit_allbkg.gif' width='18'/>
</a>
</span>
</span>
<div class='post-share-buttons goog-inline-block'>
{_share_buttons(post)}
</div>
</div>
<div class='post-footer-line post-footer-line-2'>
<span class="post-labels">
ラベル:
{labels}
</span>
</div>
<div class='post-footer-line post-footer-line-3'>
<span class='post-location'>
</span>
</div>
</div>
</div>
{comments}</div>"""


def _dated_posts_html(posts: tuple[_Post, ...], *, item: bool) -> str:
    """Posts grouped under their date header as Blogger does (one ``date-outer`` per day)."""
    groups: list[tuple[str, list[_Post]]] = []
    for post in posts:
        if groups and groups[-1][0] == post.date_header:
            groups[-1][1].append(post)
        else:
            groups.append((post.date_header, [post]))
    return "\n".join(
        f'<div class="date-outer">\n<h2 class="date-header"><span>{header}</span></h2>\n'
        f'<div class="date-posts">\n'
        + "\n".join(_post_html(post, item=item) for post in group)
        + "\n</div></div>"
        for header, group in groups
    )


def _sidebar(posts: tuple[_Post, ...]) -> str:
    counts: dict[str, int] = {}
    for post in posts:
        for label in post.spec.labels:
            counts[label] = counts.get(label, 0) + 1
    label_items = "\n".join(
        f"<li>\n<a dir='ltr' href='{_label_url(label)}'>{html.escape(label)}</a>\n"
        f"<span dir='ltr'>({count})</span>\n</li>"
        for label, count in sorted(counts.items())
    )
    months: dict[str, list[_Post]] = {}
    for post in posts:
        months.setdefault(post.month_path, []).append(post)
    archive_items = "\n".join(
        f"<li class='archivedate'>\n<a class='post-count-link' href='{BLOG_ROOT}{path}'>"
        f"{path[1:5]}/{path[6:8]}</a>\n<span class='post-count' dir='ltr'>({len(items)})</span>\n"
        "<ul class='posts'>\n"
        + "\n".join(
            f"<li><a href='{post.url}'>{html.escape(post.title, quote=False)}</a></li>"
            for post in items
        )
        + "\n</ul>\n</li>"
        for path, items in months.items()
    )
    return f"""<div class='column-right-inner'>
<aside>
<div class='sidebar section' id='sidebar-right-1'>
<div class='widget Profile' data-version='1' id='Profile1'>
<h2>自己紹介</h2>
<div class='widget-content'>
<dl class='profile-datablock'>
<dt class='profile-data'><a class='profile-name-link g-profile' href='{_PROFILE}' rel='author'>{_AUTHOR}</a></dt>
<dd class='profile-textblock'>防衛・安全保障の英語記事を翻訳しています。誤訳のご指摘歓迎。</dd>
</dl>
<a class='profile-link' href='{_PROFILE}' rel='author'>詳細プロフィールを表示</a>
</div>
</div>
<div class='widget BlogSearch' data-version='1' id='BlogSearch1'>
<h2 class='title'>このブログを検索</h2>
<div class='widget-content'>
<form action='{BLOG_ROOT}/search' class='gsc-search-box' target='_top'>
<input autocomplete='off' class='gsc-input' name='q' size='10' title='search' type='text' value=''/>
<input class='gsc-search-button' title='search' type='submit' value='検索'/>
</form>
</div>
</div>
<div class='widget Label' data-version='1' id='Label1'>
<h2>ラベル</h2>
<div class='widget-content list-label-widget-content'>
<ul>
{label_items}
</ul>
</div>
</div>
<div class='widget BlogArchive' data-version='1' id='BlogArchive1'>
<h2>ブログ アーカイブ</h2>
<div class='widget-content'>
<div id='ArchiveList'>
<ul class='hierarchy'>
{archive_items}
</ul>
</div>
</div>
</div>
<div class='widget PopularPosts' data-version='1' id='PopularPosts1'>
<h2>人気の投稿</h2>
<div class='widget-content popular-posts'>
<ul>
<li><div class='item-title'><a href='{posts[0].url}'>{html.escape(posts[0].title, quote=False)}</a></div></li>
</ul>
</div>
</div>
</div>
</aside>
</div>"""


_SCRIPTS_HEAD = """<script type="text/javascript">(function() { var a=window,c="jstiming",d="tick";var e=function(b){this.t={};this.tick=function(h,i,f){f=void 0!=f?f:(new Date).getTime();this.t[h]=[f,i]};this.tick("start",null,b)},g=new e;a.jstiming={Timer:e,load:g};if(a.performance&&a.performance.timing){var a=a.performance.timing,j=a.navigationStart;0<j&&g.tick("_wtsrt",void 0,j)}})();</script>
<script async="async" src="https://www.googletagmanager.com/gtag/js?id=G-4B7Q2N1XS8"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-4B7Q2N1XS8');</script>"""

_SCRIPTS_TAIL = f"""<script type="text/javascript" src="https://www.blogger.com/static/v1/widgets/2975350028-widgets.js"></script>
<script type='text/javascript'>
window['__wavt'] = 'AOuZoY5Xq2m1H8oQk0lJr6u9c2X8nW4pJg:1733640000000';_WidgetManager._Init('//www.blogger.com/rearrange?blogID\\x3d{_BLOG_ID}','//{BLOG_HOST}/','{_BLOG_ID}');
_WidgetManager._SetDataContext([{{'name': 'blog', 'data': {{'blogId': '{_BLOG_ID}', 'title': '{_BLOG_TITLE}', 'url': '{BLOG_ROOT}/', 'homepageUrl': '{BLOG_ROOT}/', 'languageDirection': 'ltr', 'locale': 'ja'}}}}]);
_WidgetManager._RegisterWidget('_BlogView', new _WidgetInfo('Blog1', 'main', document.getElementById('Blog1'), {{}}, 'displayModeFull'));
_WidgetManager._RegisterWidget('_LabelView', new _WidgetInfo('Label1', 'sidebar-right-1', document.getElementById('Label1'), {{}}, 'displayModeFull'));
</script>"""


def _page(
    *,
    title: str,
    canonical: str,
    main: str,
    posts: tuple[_Post, ...],
    description: str = _BLOG_DESCRIPTION,
    robots_noindex: bool = False,
) -> str:
    robots = "<meta content='noindex' name='robots'/>\n" if robots_noindex else ""
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='ja' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<link href='https://www.blogger.com/static/v1/widgets/3566091532-css_bundle_v2.css' rel='stylesheet' type='text/css'/>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
{robots}<link href='{BLOG_ROOT}/favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{canonical}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{_BLOG_TITLE} - Atom" href="{BLOG_ROOT}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{_BLOG_TITLE} - RSS" href="{BLOG_ROOT}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="{_BLOG_TITLE} - Atom" href="https://www.blogger.com/feeds/{_BLOG_ID}/posts/default" />
<link rel="me" href="{_PROFILE}" />
<meta content='{canonical}' property='og:url'/>
<meta content='{html.escape(title)}' property='og:title'/>
<meta content='{html.escape(description)}' property='og:description'/>
<title>{html.escape(title, quote=False)}</title>
<style id='page-skin-1' type='text/css'><!--
body {{ font: normal normal 14px Arial, Tahoma, Helvetica, FreeSans, sans-serif; color: #222222; background: #eeeeee; }}
.date-header span {{ background-color: transparent; color: #222222; letter-spacing: inherit; }}
.post-body {{ font-size: 110%; line-height: 1.4; position: relative; }}
--></style>
{_SCRIPTS_HEAD}
</head>
<body class='loading variant-simplysimple'>
<div class='navbar no-items section' id='navbar' name='Navbar'>
</div>
<div class='body-fauxcolumns'><div class='fauxcolumn-outer body-fauxcolumn-outer'></div></div>
<div class='content'>
<div class='content-outer'>
<header>
<div class='header-outer'>
<div class='header-inner'>
<div class='Header widget' data-version='1' id='Header1'>
<div id='header-inner'>
<div class='titlewrapper'>
<h1 class='title'>
<a href='{BLOG_ROOT}/'>{_BLOG_TITLE}</a>
</h1>
</div>
<div class='descriptionwrapper'>
<p class='description'><span>{_BLOG_DESCRIPTION}</span></p>
</div>
</div>
</div>
</div>
</div>
</header>
<div class='tabs-outer'>
<div class='tabs section' id='crosscol'><div class='widget PageList' data-version='1' id='PageList1'>
<div class='widget-content'>
<ul>
<li class='selected'><a href='{BLOG_ROOT}/'>ホーム</a></li>
<li><a href='{_label_url(_FEATURED_LABEL)}'>{_FEATURED_LABEL}</a></li>
</ul>
</div>
</div></div>
</div>
<div class='main-outer'>
<div class='main-inner columns-fancy'>
<div class='columns fauxcolumns'>
<div class='columns-inner'>
<div class='column-center-outer'>
<div class='column-center-inner'>
<div class='main section' id='main' name='メイン'>
<div class='widget Blog' data-version='1' id='Blog1'>
{main}
</div>
</div>
</div>
</div>
{_sidebar(posts)}
</div>
</div>
</div>
</div>
<footer>
<div class='footer-outer'>
<div class='footer-inner'>
<div class='foot section' id='footer-1'></div>
<div class='widget Attribution' data-version='1' id='Attribution1'>
<div class='widget-content' style='text-align: center;'>
テーマ画像の作成者: <a href='https://www.istockphoto.com/portfolio/compassandcamera' target='_blank'>compassandcamera</a>. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.
</div>
</div>
</div>
</div>
</footer>
</div>
</div>
{_SCRIPTS_TAIL}
</body>
</html>
"""


def _status_message(label: str, *, empty: bool) -> str:
    verb = "の投稿はありません" if empty else "の投稿を表示しています"
    return (
        "<div class='status-msg-wrap'>\n<div class='status-msg-body'>\n"
        f"ラベル <b>{html.escape(label)}</b> {verb}。 "
        f'<a href="{BLOG_ROOT}/">すべての投稿を表示</a>\n'
        "</div>\n<div class='status-msg-border'>\n<div class='status-msg-bg'>\n"
        "<div class='status-msg-hidden'>"
        f"ラベル <b>{html.escape(label)}</b> {verb}。 "
        f'<a href="{BLOG_ROOT}/">すべての投稿を表示</a></div>\n'
        "</div>\n</div>\n</div>\n<div style='clear: both;'></div>\n"
    )


def _feed_links() -> str:
    return (
        "<div class='blog-feeds'>\n<div class='feed-links'>\n登録:\n"
        f"<a class='feed-link' href='{BLOG_ROOT}/feeds/posts/default' target='_blank' "
        "type='application/atom+xml'>投稿 (Atom)</a>\n</div>\n</div>\n"
    )


def _pager(*, older: str | None, newer: str | None) -> str:
    pager = "<div class='blog-pager' id='blog-pager'>\n"
    if newer is not None:
        pager += (
            "<span id='blog-pager-newer-link'>\n"
            f"<a class='blog-pager-newer-link' href='{newer}' id='Blog1_blog-pager-newer-link' "
            "title='次の投稿'>次の投稿</a>\n</span>\n"
        )
    if older is not None:
        pager += (
            "<span id='blog-pager-older-link'>\n"
            f'<a class="blog-pager-older-link" href="{older}" '
            "id='Blog1_blog-pager-older-link' title='前の投稿'>前の投稿</a>\n</span>\n"
        )
    home = f"<a class='home-link' href='{BLOG_ROOT}/'>ホーム</a>\n"
    return pager + home + "</div>\n<div class='clear'></div>\n" + _feed_links()


def _listing(
    posts: tuple[_Post, ...], *, older: str | None, newer: str | None, status: str = ""
) -> str:
    listing = _dated_posts_html(posts, item=False) if posts else ""
    pager = _pager(older=older, newer=newer)
    return f"{status}<div class='blog-posts hfeed'>\n{listing}\n</div>\n{pager}"


def _older_query(posts: tuple[_Post, ...]) -> str:
    oldest = posts[-1].published
    return (
        f"updated-max={oldest}&amp;max-results={_PAGE_SIZE * 4}"
        f"&amp;start={len(posts)}&amp;by-date=false"
    )


def _label_pages(posts: tuple[_Post, ...]) -> dict[str, str]:
    pages: dict[str, str] = {}
    labels = sorted({label for post in posts for label in post.spec.labels})
    for label in labels:
        tagged = tuple(post for post in posts if label in post.spec.labels)
        url = _label_url(label)
        older = f"{url}?{_older_query(tagged)}" if len(tagged) >= _PAGE_SIZE else None
        main = _listing(tagged, older=older, newer=None, status=_status_message(label, empty=False))
        pages[url] = _page(title=f"{_BLOG_TITLE}: {label}", canonical=url, main=main, posts=posts)
        if older is not None:
            empty = _listing((), older=None, newer=url, status=_status_message(label, empty=True))
            pages[html.unescape(older)] = _page(
                title=f"{_BLOG_TITLE}: {label}", canonical=url, main=empty, posts=posts
            )
    return pages


def _home_pages(posts: tuple[_Post, ...]) -> dict[str, str]:
    older = f"{BLOG_ROOT}/search?updated-max={posts[-1].published}&amp;max-results={_PAGE_SIZE}"
    home = _page(
        title=_BLOG_TITLE,
        canonical=f"{BLOG_ROOT}/",
        main=_listing(posts, older=older, newer=None),
        posts=posts,
    )
    empty = _page(
        title=_BLOG_TITLE,
        canonical=f"{BLOG_ROOT}/",
        main=_listing((), older=None, newer=f"{BLOG_ROOT}/"),
        posts=posts,
    )
    return {f"{BLOG_ROOT}/": home, html.unescape(older): empty}


def _archive_pages(posts: tuple[_Post, ...]) -> dict[str, str]:
    months: dict[str, list[_Post]] = {}
    for post in posts:
        months.setdefault(post.month_path, []).append(post)
    pages = {}
    for path, items in months.items():
        url = BLOG_ROOT + path
        main = _listing(tuple(items), older=None, newer=None)
        title = f"{_BLOG_TITLE}: {path[1:5]}/{path[6:8]}"
        pages[url] = _page(title=title, canonical=url, main=main, posts=posts)
    return pages


def _item_pages(posts: tuple[_Post, ...]) -> dict[str, str]:
    pages = {}
    for index, post in enumerate(posts):
        newer = posts[index - 1].url if index > 0 else None
        older = posts[index + 1].url if index + 1 < len(posts) else None
        main = "<div class='blog-posts hfeed'>\n" + _dated_posts_html((post,), item=True)
        main += "\n</div>\n" + _pager(older=older, newer=newer)
        pages[post.url] = _page(
            title=f"{_BLOG_TITLE}: {post.title}",
            canonical=post.url,
            main=main,
            posts=posts,
            description=post.title,
        )
    return pages


def _not_found_page(posts: tuple[_Post, ...]) -> str:
    main = (
        "<div class='status-msg-wrap'>\n<div class='status-msg-body'>\n"
        "申し訳ございません。お探しのページはこのブログ内に存在しません。\n"
        "</div>\n</div>\n<div style='clear: both;'></div>\n"
        "<div class='blog-posts hfeed'>\n</div>\n"
        f"<div class='blog-pager' id='blog-pager'>\n<a class='home-link' href='{BLOG_ROOT}/'>ホーム</a>\n</div>\n"
    )
    return _page(
        title=_BLOG_TITLE, canonical=f"{BLOG_ROOT}/", main=main, posts=posts, robots_noindex=True
    )


# -- feeds, sitemap, robots ------------------------------------------------------------------


def _atom(posts: tuple[_Post, ...], *, feed_url: str) -> str:
    updated = posts[0].published
    categories = "".join(
        f'<category term="{html.escape(label)}"/>'
        for label in sorted({label for post in posts for label in post.spec.labels})
    )
    entries = "".join(_atom_entry(post) for post in posts)
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
        "xmlns:blogger='http://schemas.google.com/blogger/2008' "
        "xmlns:georss='http://www.georss.org/georss' "
        'xmlns:gd="http://schemas.google.com/g/2005" '
        "xmlns:thr='http://purl.org/syndication/thread/1.0'>"
        f"<id>tag:blogger.com,1999:blog-{_BLOG_ID}</id><updated>{updated}</updated>"
        f"{categories}<title type='text'>{_BLOG_TITLE}</title>"
        f"<subtitle type='html'>{_BLOG_DESCRIPTION}</subtitle>"
        f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{feed_url}'/>"
        f"<link rel='self' type='application/atom+xml' href='{feed_url}'/>"
        f"<link rel='alternate' type='text/html' href='{BLOG_ROOT}/'/>"
        "<link rel='hub' href='http://pubsubhubbub.appspot.com/'/>"
        f"<author><name>{_AUTHOR}</name><uri>{_PROFILE}</uri><email>noreply@blogger.com</email></author>"
        "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
        f"<openSearch:totalResults>{len(posts)}</openSearch:totalResults>"
        "<openSearch:startIndex>1</openSearch:startIndex>"
        "<openSearch:itemsPerPage>25</openSearch:itemsPerPage>"
        f"{entries}</feed>"
    )


def _atom_entry(post: _Post) -> str:
    spec = post.spec
    published = post.published.replace(":00-", ":00.001-", 1)
    categories = "".join(
        f'<category scheme="http://www.blogger.com/atom/ns#" term="{html.escape(label)}"/>'
        for label in spec.labels
    )
    content = html.escape(_body_html(post), quote=False)
    title = html.escape(post.title, quote=False)
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{_BLOG_ID}.post-{spec.post_id}</id>"
        f"<published>{published}</published><updated>{published}</updated>{categories}"
        f"<title type='text'>{title}</title><content type='html'>{content}</content>"
        f"<link rel='replies' type='text/html' href='{post.url}#comment-form' title='0 件のコメント'/>"
        f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{_BLOG_ID}/posts/default/{spec.post_id}'/>"
        f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{_BLOG_ID}/posts/default/{spec.post_id}'/>"
        f"<link rel='alternate' type='text/html' href='{post.url}' title='{html.escape(post.title)}'/>"
        f"<author><name>{_AUTHOR}</name><uri>{_PROFILE}</uri><email>noreply@blogger.com</email></author>"
        "<thr:total>0</thr:total></entry>"
    )


def _sitemaps(posts: tuple[_Post, ...]) -> dict[str, str]:
    index = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"<sitemap><loc>{BLOG_ROOT}/sitemap.xml?page=1</loc></sitemap></sitemapindex>"
    )
    urls = "".join(
        f"<url><loc>{post.url}</loc><lastmod>{post.published}</lastmod></url>" for post in posts
    )
    page = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    )
    return {f"{BLOG_ROOT}/sitemap.xml": index, f"{BLOG_ROOT}/sitemap.xml?page=1": page}


_ROBOTS = f"""User-agent: Mediapartners-Google
Disallow:

User-agent: *
Disallow: /search
Allow: /

Sitemap: {BLOG_ROOT}/sitemap.xml
"""


# -- output ----------------------------------------------------------------------------------


def _file_name(url: str) -> str:
    """A stable file name for a blog URL: the path (and query), made file-system safe."""
    rest = url.removeprefix(BLOG_ROOT).lstrip("/") or "index"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", rest.replace("%", "")).strip("_")
    return safe


def _content_type(url: str, name: str) -> str:
    if "/feeds/" in url:
        return "application/atom+xml; charset=UTF-8"
    if name.endswith(".xml"):
        return "text/xml; charset=UTF-8"
    if name.endswith(".txt"):
        return "text/plain"
    return "text/html; charset=UTF-8"


def build(
    seed: Path = DEFAULT_SEED, out: Path = _DEFAULT_OUT, live_seed: Path = DEFAULT_LIVE_SEED
) -> dict[str, str]:
    """Write every blog file under ``out`` and return the manifest ``{url: file name}``."""
    everything = _read_posts(seed) + _extra_posts(live_seed)
    posts = tuple(sorted(everything, key=lambda post: post.iso_date, reverse=True))
    documents: dict[str, str] = {}
    documents.update(_home_pages(posts))
    documents.update(_label_pages(posts))
    documents.update(_archive_pages(posts))
    documents.update(_item_pages(posts))
    documents.update(_sitemaps(posts))
    documents[f"{BLOG_ROOT}/feeds/posts/default"] = _atom(
        posts, feed_url=f"{BLOG_ROOT}/feeds/posts/default"
    )
    label_feed = f"{BLOG_ROOT}/feeds/posts/default/-/{quote(_FEATURED_LABEL)}"
    tagged = tuple(post for post in posts if _FEATURED_LABEL in post.spec.labels)
    documents[label_feed] = _atom(tagged, feed_url=label_feed)
    documents[f"{BLOG_ROOT}/robots.txt"] = _ROBOTS
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    manifest: dict[str, str] = {}
    for url, text in documents.items():
        name = _file_name(url)
        if not name.endswith((".html", ".xml", ".txt")):
            name += ".xml" if text.startswith("<?xml") else ".html"
        (out / name).write_text(text, encoding="utf-8")
        manifest[url] = name
    (out / "404.html").write_text(_not_found_page(posts), encoding="utf-8")
    lines = "".join(
        f"{url}\t{name}\t{_content_type(url, name)}\n" for url, name in sorted(manifest.items())
    )
    (out / "MANIFEST.tsv").write_text(lines, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``[SEED] [OUTPUT_DIR] [LIVE_SEED]``."""
    args = sys.argv[1:] if argv is None else argv
    seed = Path(args[0]) if args else DEFAULT_SEED
    out = Path(args[1]) if len(args) > 1 else _DEFAULT_OUT
    live_seed = Path(args[2]) if len(args) > 2 else DEFAULT_LIVE_SEED
    manifest = build(seed, out, live_seed)
    print(f"wrote {len(manifest) + 1} files to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
