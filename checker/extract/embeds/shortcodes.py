"""Embeds written as static-site-generator shortcodes: Hugo, Jekyll and WordPress.

A Hugo, Jekyll or WordPress post stores an embedded post as a shortcode that the site renders
into the embed markup: ``{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}``,
``{{< youtube w7Ft2ymGmfc >}}``, ``{% twitter URL %}``, ``{% include youtube.html id="…" %}``,
``[embed]URL[/embed]``, ``[tweet URL]``.  Read from the source file, such a post cited nothing
for its embeds (Hugo's) or a URL nobody wrote (``…watch?v=ID[/embed]``), and the run passed
with its embedded posts unchecked.  Each shortcode known here is read off the post's lines into
the :class:`Embed` the rendered markup gives, so verification (deleted post, mirror account…)
applies; one with no platform (Vimeo, a gist, a timeline) cites its URL as an ``<iframe src>``
does.  The lines are those the extractors made, so a shortcode in code is not read unless
``--include-verbatim`` put the code on the lines; Hugo's escaped form (``{{</* tweet */>}}``,
shown to readers as text) and unknown shortcodes are left as they are, never an error.

Every pattern is a run of one character class between fixed marks, and a class never holds the
mark that ends it, so each try stops at the next bracket; the runs are possessive (``*+``): a
name and its arguments overlap (``\\w`` is in both), and a greedy name gave back one character at
a time to the arguments, each time rescanned: ``{{< aaa…`` with no closing mark was quadratic
(20,000 characters, 5.4 s).  Possessive, the same matches, linear in the line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.encoding import ascii_lower
from checker.extract.embeds import bluesky, mastodon, meta, telegram, tiktok, twitter, youtube
from checker.extract.embeds._shared import Embed
from checker.extract.hexo import post_link_target
from checker.extract.lines import Anchor, Line
from checker.extract.tree import holds
from checker.lazyre import lazy
from checker.urls import EMBED_KINDS, ZOLA_ARGUMENTS

__all__ = [
    "HUGO_UNSPACED",
    "URL_READERS",
    "embed_of_url",
    "find_shortcodes",
    "hugo_calls_as_text",
]

# Hugo's call with no space after its mark, ``{{<tweet user="…" id="…">}}``, which an HTML or
# Markdown parser takes for a ``<tweet …>`` tag that no reader sees: a run of one class between
# fixed marks, so each try stops at the next brace or angle bracket.
HUGO_UNSPACED = lazy(r"\{\{<[A-Za-z][^{}<>]*+>\}\}")

# Hugo: {{< name args >}} and {{% name args %}}; a name must start the call, so the escaped
# {{</* name */>}} and a closing {{< /name >}} are not calls.
_HUGO = lazy(r"\{\{[<%]\s*+(?P<name>[A-Za-z][\w-]*+)(?P<args>[^{}<>%]*+)[>%]\}\}")
# Jekyll (Liquid): {% name args %}, with {%- -%} trimming marks; not the inside of Hugo's {{% %}}.
_JEKYLL = lazy(r"(?<!\{)\{%-?\s*+(?P<name>[A-Za-z][\w-]*+)(?P<args>[^{}%]*+)%\}")
# Logseq's macros, ``{{video URL}}``, ``{{tweet URL}}``, ``{{youtube URL}}``: the name right
# after the braces, then a blank (Liquid's ``{{ page.url }}`` and ``{{site.url}}`` are no call).
# Read as text, a Logseq page's embedded tweet was fetched as a page (probe 29).
_LOGSEQ = lazy(r"\{\{(?P<name>[A-Za-z][\w-]*+)[ \t]++(?P<args>[^{}]*+)\}\}")
# What Logseq's ``{{embed …}}`` names besides a URL: a page, ``[[Page]]``, or a block, ``((uuid))``,
# of the graph itself, no link (cited as written, they were skipped as template placeholders).
_LOGSEQ_REFS = ("[[", "((")
# Zola (Tera): {{ name(key="value", key=value) }}, its built-in ``youtube``, ``vimeo`` and ``gist``
# and a theme's ``tweet``: read as text, a Zola post's embedded videos vanished with no word
# (probe 32).  The arguments are Tera's, a comma between each (read as a space outside quotes).
_ZOLA = lazy(rf"\{{\{{-?\s*+(?P<name>[A-Za-z][\w-]*+)\((?P<args>{ZOLA_ARGUMENTS})\)\s*+-?\}}\}}")
# WordPress: [name args], [name args]body[/name], and WordPress.com's [name=URL].
_WORDPRESS = lazy(
    r"\[(?P<name>[A-Za-z][\w-]*)(?P<args>(?:[\s=][^\[\]]*+)?)\](?:(?P<body>[^\[\]]*+)\[/(?P=name)\])?"
)
_ARG = lazy(
    r"""(?:(?P<key>[A-Za-z_][\w-]*)\s*=\s*)?"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|`(?P<bq>[^`]*)`"""
    # An unquoted URL keeps its query's '=' ([youtube https://…/watch?v=ID], Jetpack's form).
    r"""|(?P<bare>(?:https?:)?//[^\s"'`]+|[^\s"'`=]+))"""
)

# Each shortcode name (a Jekyll include's file stem too) and the kind of thing it embeds: one
# table with verify's, which knows an unreadable call by it.
_KINDS = EMBED_KINDS
# Zenn's embed names (``@[name](URL or id)``) that name a kind above; its others (``card``,
# ``codepen``, ``docswell``…) are written with a URL and stay links.
_ZENN_NAMES = frozenset({"tweet", "youtube", "gist", "speakerdeck", "slideshare"})
# The slide players Zenn writes a key's iframe on (zenn-markdown-html's embed table): a key
# was a relative path, skipped as a site route, and a deck taken down passed (session 27).
_PLAYERS = {
    "speakerdeck": "https://speakerdeck.com/player/",
    "slideshare": "https://www.slideshare.net/slideshow/embed_code/key/",
}
_SLIDE_KEY = lazy(r"[A-Za-z0-9_-]{1,100}")  # Zenn's check, ``^[a-zA-Z0-9_-]+$``
# A fiddle's id, ``NmudS`` or ``user/NmudS/3`` (its owner and version): Hexo's ``{% jsfiddle ID
# %}`` frames ``//jsfiddle.net/ID/embedded/TABS/SKIN``, the fiddle's embedded page.
_FIDDLE = lazy(r"[A-Za-z0-9_-]{1,100}(?:/[A-Za-z0-9_-]{1,100}){0,2}")
# Hexo's tags that write a link to a page of the site, found by the site when it is built
# (``{% post_link slug %}`` by a post's file name or title, ``{% asset_link file %}`` in the
# post's asset folder): no address is written, so each is cited as written, a template's
# placeholder, said ``skipped`` (check the built page); read as an unknown call, each vanished
# with no word (session 32 left).
_SITE_LINK_TAGS = frozenset({"post_link", "asset_link"})
# The argument names that carry the embedded thing's URL or id.
# The keys that give the embed's URL; WordPress's own ``[video]`` names its files by format,
# ``[video mp4="…"][/video]``: unread, the call was a false malformed-url and its file was never
# checked (session 30).
_URL_KEYS = (
    "url", "src", "link", "href", "tweet", "status", "video", "v",
    "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov",
)  # fmt: skip
_ID_KEYS = ("id", "video_id", "videoid", "tweet_id", "tweetid", "status_id", "v")
_USER = lazy(r"@?(?P<user>[A-Za-z0-9_]{1,50})")
_GIST_ID = lazy(r"[0-9A-Fa-f]{1,64}")
_DIGITS = lazy(r"[0-9]{1,25}")
_HTTP = lazy(r"(?:https?:)?//", re.IGNORECASE)

# The platforms whose post a URL names, each module's ``from_url``: a new platform is a row.
URL_READERS: tuple[Callable[[str], Embed | None], ...] = (
    twitter.from_url,
    youtube.from_url,
    meta.from_url,
    bluesky.from_url,
    tiktok.from_url,
    telegram.from_url,
    mastodon.from_url,
)


@dataclass(frozen=True, slots=True)
class _Call:
    """One shortcode as written: its name and arguments, and where it sits on its line."""

    name: str
    positional: tuple[str, ...]
    keywords: dict[str, str]
    start: int
    end: int
    href: str | None = None
    """The href of the link the call is written as (Zenn's ``@[name](href)``), else None."""
    marked: bool = True
    """Written between a generator's call marks (Hugo's ``{{< >}}``, Jekyll's ``{% %}``), which
    nothing but a call is: a WordPress ``[name …]`` may be prose in brackets (``[video of the
    talk]``, a task list's ``[x]``)."""
    wordpress: bool = False
    """Written as WordPress's ``[name …]``, whose ``[embed]`` takes a URL only (oEmbed's)."""


def _arguments(args: str) -> tuple[tuple[str, ...], dict[str, str]]:
    positional: list[str] = []
    keywords: dict[str, str] = {}
    for found in _ARG.finditer(args):
        value = next(v for v in found.group("dq", "sq", "bq", "bare") if v is not None).strip()
        key = found.group("key")
        if key is None:
            positional.append(value)
        else:
            keywords.setdefault(ascii_lower(key), value)
    return tuple(positional), keywords


def _calls(text: str) -> list[_Call]:
    """The shortcodes of a known name on a line, in order (Jekyll's ``include`` by its file)."""
    calls: list[_Call] = []
    for pattern in (_HUGO, _JEKYLL, _LOGSEQ, _ZOLA, _WORDPRESS):
        for found in pattern.finditer(text):
            if pattern is _LOGSEQ and found.group("args").lstrip().startswith(_LOGSEQ_REFS):
                continue  # Logseq's page or block embed, {{embed [[Page]]}}: no link
            args = found.group("args")
            positional, keywords = _arguments(_spaced(args) if pattern is _ZOLA else args)
            name = ascii_lower(found.group("name"))
            if name == "include" and positional:
                name = ascii_lower(positional[0].rsplit("/", 1)[-1].removesuffix(".html"))
                positional = positional[1:]
                if not positional and not keywords:
                    continue  # a theme's include of nothing ({% include twitter.html %}): its own
            body = found.groupdict().get("body")
            if body and body.strip():
                positional = (body.strip(), *positional)
            if pattern is _JEKYLL and name in _SITE_LINK_TAGS:
                calls.append(_Call(name, positional, keywords, found.start(), found.end()))
            elif name in _KINDS:
                marked = pattern is not _WORDPRESS or _clearly_wordpress(
                    found, name, positional, keywords
                )
                if not marked and len(positional) == 1:
                    continue  # one word in brackets that is no id: prose, read as no call
                end = found.end()
                if pattern is _HUGO and not positional and not keywords:
                    positional, end = _paired_body(text, name, end)
                calls.append(
                    _Call(
                        name,
                        positional,
                        keywords,
                        found.start(),
                        end,
                        marked=marked,
                        wordpress=pattern is _WORDPRESS,
                    )
                )
    calls.sort(key=lambda call: call.start)
    kept: list[_Call] = []
    for call in calls:  # one call read by two syntaxes is one call
        if not kept or call.start >= kept[-1].end:
            kept.append(call)
    return kept


def _spaced(args: str) -> str:
    """Tera's arguments (``id="x", autoplay=true``) with each comma outside quotes a space, as
    :data:`_ARG` reads arguments: one pass."""
    out: list[str] = []
    quote: str | None = None
    for char in args:
        if quote is not None:
            quote = None if char == quote else quote
        elif char in "\"'`":
            quote = char
        out.append(" " if char == "," and quote is None else char)
    return "".join(out)


def _clearly_wordpress(
    found: re.Match[str], name: str, positional: tuple[str, ...], keywords: dict[str, str]
) -> bool:
    """Whether a WordPress ``[name …]`` of an embed's name is a call as surely as Hugo's marks
    make one: closed by its ``[/name]`` (``[embed]…[/embed]``, empty too), written with a
    ``key=value``, or with one positional argument that is a URL or has the shape of the
    platform's ids (:data:`_BARE_IDS`).  Its id unread, it vanished with no word (session 29);
    prose in brackets (``[tweet from yesterday]``, ``[youtube x y]``, a task's ``[x]``, a bare
    ``[youtube]`` that may be a reference link, ``[youtube 2019]``, ``[tweet 2/3]``, ``[video
    2]``: a number is no id, each failed the run as a ``malformed-url``) is not."""
    if found.group("body") is not None or keywords:
        return True
    if len(positional) != 1:
        return False
    shape = _BARE_IDS.get(_KINDS[name])
    return bool(_HTTP.match(positional[0])) or (
        shape is not None and shape.fullmatch(positional[0]) is not None
    )


# The shape of each platform's id, written bare in brackets: a tweet's and a Vimeo video's long
# number (no year, no "2/3"), YouTube's 11 characters with a capital or a digit as a generated
# id has (no 11-letter word, hyphenated or not: ``hello-world``), a gist's hex or an old gist's
# number, after its owner or not (``octocat/6cad…``, ``1234567``), a slide deck's key with a
# digit.  A generic ``[embed x]``, ``[video x]`` is a call only with a URL.
_BARE_IDS = {
    "twitter": lazy(r"[0-9]{6,25}"),
    "vimeo": lazy(r"[0-9]{6,12}"),
    "youtube": lazy(r"(?=.[a-z_-]*+[A-Z0-9])[A-Za-z0-9_-]{11}"),
    "instagram": lazy(r"(?=.[a-z_-]*+[A-Z0-9])[A-Za-z0-9_-]{11,40}"),
    "gist": lazy(r"(?:[A-Za-z0-9_-]{1,39}/)?(?:[0-9a-f]{20,32}|[0-9]{5,10})"),
    "speakerdeck": lazy(r"(?=[a-z]*+[0-9])[0-9a-z]{20,40}"),
    "slideshare": lazy(r"(?=[A-Za-z]*+[0-9])[A-Za-z0-9]{8,40}"),
}


def _paired_body(text: str, name: str, end: int) -> tuple[tuple[str, ...], int]:
    """A bare Hugo call's body up to its closing call right after (``{{< tweet >}}ID{{< /tweet
    >}}``), as its one argument, and where the pair ends; ``((), end)`` when none follows (a
    bare call).  The body holds no brace, so each try stops at the next call: linear."""
    closing = _HUGO_PAIRED.match(text, end)
    if closing is None or ascii_lower(closing.group("name")) != name:
        return (), end
    body = closing.group("body").strip()
    return ((body,) if body else ()), closing.end()


_HUGO_PAIRED = lazy(r"(?P<body>[^{}]*+)\{\{[<%]\s*+/\s*+(?P<name>[A-Za-z][\w-]*+)\s*+[>%]\}\}")


def _zenn_calls(line: Line) -> list[_Call]:
    """Zenn's embeds, ``@[tweet](URL)``, ``@[youtube](ID)``, ``@[gist](URL)``,
    ``@[speakerdeck](KEY)``, ``@[slideshare](KEY)``, as Markdown
    renders them: an ``@`` before a link whose text is the embed's name.  Read as links, a
    Zenn article's tweet was fetched as a page (a deleted one passed) and its video's id was a
    relative path, skipped as a site route: neither checked as the embed it is (probe 27)."""
    calls: list[_Call] = []
    marks: dict[str, int] = {}  # each name's ``@name`` found once: a search a call was quadratic
    for anchor in line.anchors:
        name = ascii_lower(anchor.text)
        if name in _ZENN_NAMES and anchor.text not in marks:
            marks[anchor.text] = line.text.find(f"@{anchor.text}")
        at = marks.get(anchor.text, -1) if name in _ZENN_NAMES else -1
        if at >= 0 and not anchor.in_embed:
            calls.append(
                _Call(name, (anchor.href,), {}, at, at + 1 + len(anchor.text), anchor.href)
            )
    return calls


def _by_url(url: str) -> Embed | str:
    """The post a URL names, else the URL itself (a player or page with no platform of ours)."""
    if url.startswith("//"):
        url = "https:" + url
    return embed_of_url(url) or url


def embed_of_url(url: str) -> Embed | None:
    """The post an absolute URL names on one of our platforms (the first reader that knows it)."""
    for from_url in URL_READERS:
        embed = from_url(url)
        if embed is not None:
            return embed
    return None


def _twitter(user: str | None, status: str) -> Embed | None:
    handle = _USER.fullmatch(user) if user else None
    if handle is not None:
        return twitter.from_url(f"https://twitter.com/{handle.group('user')}/status/{status}")
    return twitter.from_url(f"https://twitter.com/i/web/status/{status}")


def _by_id(kind: str, ident: str, user: str | None) -> Embed | str | None:
    """What a shortcode of ``kind`` embeds, given the id (and user) it names."""
    if kind == "twitter":
        return _twitter(user, ident) if _DIGITS.fullmatch(ident) else None
    if kind == "youtube":
        return youtube.from_id(ident)
    if kind == "instagram":
        return meta.instagram_post(ident)
    if kind == "vimeo":
        return f"https://vimeo.com/{ident}" if _DIGITS.fullmatch(ident) else None
    if kind in _PLAYERS:
        return _PLAYERS[kind] + ident if _SLIDE_KEY.fullmatch(ident) else None
    if kind == "jsfiddle":
        return f"https://jsfiddle.net/{ident}/embedded/" if _FIDDLE.fullmatch(ident) else None
    if kind == "gist":
        owner, _, gist = ident.rpartition("/")
        owner = owner or user or ""
        if not _GIST_ID.fullmatch(gist) or (owner and not _USER.fullmatch(owner)):
            return None
        return f"https://gist.github.com/{owner + '/' if owner else ''}{gist}"
    return None


def _target(call: _Call) -> Embed | str | None:
    """The post a shortcode embeds, the URL it cites when no platform of ours is named, or
    None when it names neither (an id of the wrong shape, no argument at all)."""
    values = [call.keywords[key] for key in _URL_KEYS if key in call.keywords]
    values += list(call.positional)
    for value in values:
        if _HTTP.match(value):
            return _by_url(value)
    kind = _KINDS[call.name]
    if kind == "video":
        kind = ascii_lower(call.keywords.get("provider", ""))
    ident = next((call.keywords[key] for key in _ID_KEYS if call.keywords.get(key)), None)
    user = call.keywords.get("user") or call.keywords.get("username")
    rest = [value for value in call.positional if ascii_lower(value) != "oembed"]
    if ident is None and rest:
        # Positional: {{< tweet ID >}}, {{< youtube ID >}}, {{< gist USER ID [FILE] >}}.
        if kind == "gist" and len(rest) >= 2 and "/" not in rest[0]:
            user, ident = rest[0], rest[1]
        else:
            ident = rest[0]
    return _by_id(kind, ident, user) if ident else None


# The names that embed no platform of their own: what they name may be a file of the site.
_GENERIC = frozenset({"embed", "video"})


def _local_file(call: _Call) -> str | None:
    """The file or site path a generic embed call names when it names no web URL and no
    provider (Quarto's ``{{< video demo.mp4 >}}``, ``{% embed url="/docs/page" %}``, Logseq's
    ``{{video ../assets/x.mp4}}``): a local link, checked as one; it was a false
    ``malformed-url``.  A platform's call with an id of the wrong shape stays malformed, and so
    does WordPress's ``[embed]…[/embed]`` around words: WordPress takes its body as a URL (to
    oEmbed, else a link to it, its blanks dropped), which holds no blank, and ``[embed]not a
    url[/embed]`` was checked as a file ``not a url`` (session 30 left)."""
    if call.name not in _GENERIC or "provider" in call.keywords:
        return None
    values = [call.keywords[key] for key in _URL_KEYS if call.keywords.get(key)]
    values += [value for value in call.positional if value]
    if values and call.wordpress and call.name == "embed" and _BLANK.search(values[0]):
        return None
    return values[0] if values else None


_BLANK = lazy(r"\s")


def _owned(line: Line, owned: set[tuple[str, str]]) -> tuple[Anchor, ...]:
    """The line's anchors with the links Zenn's calls are written as (``@[tweet](href)``: each
    ``(href, name)`` of ``owned``) marked as the calls': one pass for every call of the line
    (a pass a call, each re-marking every anchor, was quadratic: probe 27b)."""
    return tuple(
        dataclasses.replace(anchor, in_embed=True)
        if not anchor.in_embed and (anchor.href, anchor.text) in owned
        else anchor
        for anchor in line.anchors
    )


def _freed(line: Line, start: int, end: int) -> tuple[Anchor, ...]:
    """The line's anchors with those written inside ``line.text[start:end]`` marked as the
    shortcode's: its URL is the embed's (or is cited once as the shortcode's), and a bare URL
    read there may run into the closing mark (``…?v=ID[/embed]``).  A link elsewhere on the line
    whose href only happens to be part of the shortcode (``<a href="/">``) shows other text.
    A bare URL that starts inside the shortcode is its own even when it runs on past it: a
    wrapping shortcode's mark (``[embed]URL[/embed][/caption]``) is no part of any URL.  A call
    written as a link (Zenn's) owns that link (:func:`_owned`)."""
    inside = line.text[start:end]
    return tuple(
        dataclasses.replace(anchor, in_embed=True)
        if (anchor.href in inside and anchor.text in inside)  # a bare URL's text is the URL
        or (anchor.text == anchor.href and start <= line.text.find(anchor.text, start) < end)
        else anchor
        for anchor in line.anchors
    )


def _site_link(call: _Call, text: str, base: str) -> str:
    """What a Hexo site-link tag cites: the post file a ``post_link`` finds in the post's Hexo
    site, else the tag as written (a template's placeholder, ``skipped``)."""
    if call.name == "post_link" and call.positional and base[:5].lower() == "file:":
        found = post_link_target(call.positional[0], base)
        if found is not None:
            return found
    return text[call.start : call.end]


def find_shortcodes(
    lines: Sequence[Line], embeds: Sequence[Embed], base: str = ""
) -> tuple[list[Line], list[Embed]]:
    """``lines`` and ``embeds`` with each shortcode's embed added after ``embeds``; ``base``,
    the post's address, finds the post a Hexo ``{% post_link %}`` names (:mod:`~checker.extract
    .hexo`).

    A shortcode's line carries its embed; a second embed on the same line gets a line of its
    own with the same number, so every embed has the line a citation needs.  A line inside an
    embed already found is the embed's and is not read.
    """
    found = list(embeds)
    out: list[Line] = []
    for line in _calls_joined(lines):
        if line.embed is None and "figure" in line.text and "{{" in line.text:
            line = _figures_read(line)  # noqa: PLW2901
        calls = _calls(line.text) if line.embed is None and _may_hold(line.text) else []
        if line.embed is None and line.anchors and "@" in line.text:
            calls = sorted([*calls, *_zenn_calls(line)], key=lambda call: call.start)
        if not calls:
            out.append(line)
            continue
        marked: list[int] = []
        cited = list(line.cited)
        read = line
        owned: set[tuple[str, str]] = set()  # Zenn's calls' links, marked in one pass below
        for call in calls:
            site_link = call.name in _SITE_LINK_TAGS
            target = _site_link(call, line.text, base) if site_link else _target(call)
            if target is None and call.marked and call.href is None:
                # a generic embed of a local file is a local link; any other embed call whose
                # id cannot be read, or that names none (``{{< youtube >}}``), is cited as
                # written, a malformed-url or, for a provider not read, skipped
                # (:func:`checker.urls.is_unreadable_embed`); it vanished without a word
                target = _local_file(call) or line.text[call.start : call.end]
            if target is None:
                continue
            if call.href is not None:
                owned.add((call.href, line.text[call.start + 1 : call.end]))
            else:
                read = dataclasses.replace(read, anchors=_freed(read, call.start, call.end))
            if isinstance(target, str):
                cited.append(Anchor(target, target, False, line.number))
            else:
                marked.append(len(found))
                found.append(target)
        if owned:
            read = dataclasses.replace(read, anchors=_owned(read, owned))
        first = marked[0] if marked else None
        out.append(dataclasses.replace(read, cited=tuple(cited), embed=first))
        out.extend(Line("", line.number, embed=index) for index in marked[1:])
    return out, found


def _figures_read(line: Line) -> Line:
    """``line`` with each Hugo ``{{< figure src=… link=… >}}`` read as the figure it renders:
    its ``src`` an image, no citation (as ``<img src>``, ``![alt](…)`` and AsciiDoc's
    ``image::`` are), its ``link`` the link around the image, cited.  Read as text, the image's
    absolute address was cited as a bare URL and a relative one not at all, and a relative
    ``link`` was never cited (session 31 left)."""
    images: set[str] = set()
    cited = list(line.cited)
    for call in _HUGO.finditer(line.text):
        if ascii_lower(call.group("name")) != "figure":
            continue
        _positional, keywords = _arguments(call.group("args"))
        if keywords.get("src"):
            images.add(keywords["src"])
        link = keywords.get("link")
        if link and not _HTTP.match(link):  # an absolute one is read on the line already
            cited.append(Anchor(link, link, False, line.number))
    if not images and len(cited) == len(line.cited):
        return line
    anchors = tuple(
        anchor for anchor in line.anchors if not (anchor.href in images and anchor.text in images)
    )
    return dataclasses.replace(line, anchors=anchors, cited=tuple(cited))


# A call's opening mark, and the mark that closes each: a call may span lines (one argument a
# line), which a reader of one line at a time never saw.
_OPENING = lazy(r"\{\{[<%]|\{%")
_CLOSING = {"{{<": ">}}", "{{%": "%}}", "{%": "%}"}
_MAX_CALL_LINES = 20


def _unclosed(text: str) -> str | None:
    """The closing mark the last call opened on ``text`` still waits for, if any."""
    if "{" not in text:
        return None
    last = max(_OPENING.finditer(text), key=lambda found: found.start(), default=None)
    if last is None:
        return None
    closing = _CLOSING[last.group(0)]
    return closing if text.find(closing, last.end()) < 0 else None


def _calls_joined(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with each shortcode call written over several lines (``{{< tweet`` ⏎
    ``user="x"`` ⏎ ``id="1"`` ⏎ ``>}}``) read as one line, the first's, and the lines it took
    left blank with their numbers: Hugo and Jekyll read such a call, and its embed was lost.
    A call still open after :data:`_MAX_CALL_LINES` lines is no call; each line is looked at a
    bounded number of times."""
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index]
        closing = _unclosed(line.text) if line.embed is None else None
        end = index + 1
        while closing is not None and end < min(len(out), index + _MAX_CALL_LINES):
            if out[end].embed is not None:
                break
            if closing in out[end].text:
                span = out[index : end + 1]
                joined = _joined(span)
                if _calls(joined.text):
                    out[index : end + 1] = [joined] + [Line("", part.number) for part in span[1:]]
                    index = end
                break
            end += 1
        index += 1
    return out


def _joined(span: Sequence[Line]) -> Line:
    """The lines of one call as one line numbered as the first; each anchor keeps its line."""
    first = span[0]
    return dataclasses.replace(
        first,
        text=" ".join(part.text for part in span),
        anchors=first.anchors + _own_lines(span[1:], lambda part: part.anchors),
        cited=first.cited + _own_lines(span[1:], lambda part: part.cited),
        omitted=sum(part.omitted for part in span),
    )


def _own_lines(
    parts: Sequence[Line], of: Callable[[Line], tuple[Anchor, ...]]
) -> tuple[Anchor, ...]:
    """The anchors ``of`` each of ``parts``, each numbered with its part's line if it has none."""
    return tuple(
        anchor if anchor.line is not None else dataclasses.replace(anchor, line=part.number)
        for part in parts
        for anchor in of(part)
    )


def hugo_calls_as_text(html: str) -> str:
    """``html`` with each unspaced Hugo call's angle brackets escaped, so that an HTML parser
    keeps ``{{<tweet …>}}`` on the line's text for :func:`find_shortcodes`: a Hugo ``.html``
    post's embedded tweet was parsed as an unknown ``<tweet>`` element and cited nowhere.
    Line breaks are kept, so every line keeps its number."""
    if not holds(html, "{{<"):  # the whole page, scanned in C when it is built
        return html
    return HUGO_UNSPACED.sub(
        lambda found: found.group(0).replace("<", "&lt;").replace(">", "&gt;"), html
    )


def _may_hold(text: str) -> bool:
    return "{{" in text or "{%" in text or "[" in text
