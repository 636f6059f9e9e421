"""Markdown posts: parsed by a CommonMark parser, then read exactly as an HTML post is read.

A Markdown file is one post.  Its title and date come from front matter (YAML ``---`` or TOML
``+++``: ``title``, ``date``, a permalink), else from the first heading.  The body is parsed
with markdown-it-py (CommonMark plus GFM tables and strikethrough; no regular expression sees
the Markdown itself, so no input can make the parse backtrack) and rendered to HTML that keeps
every source line on the same line number: each block is placed at the line its token's
``map`` gives, a soft break ends the line as it does in the file (an attribution block is read
line by line, as in a text capture), and HTML blocks are copied verbatim.  That HTML goes
through the same parse and readers as an HTML post (:func:`checker.extract.tree.parse_html`,
:func:`find_embeds`, :func:`html_lines`), so inline
``<a href>``, ``<blockquote cite>`` and a pasted ``<blockquote class="twitter-tweet">`` are
found in Markdown exactly as in a web page, and links keep the href as written (backslash
escapes and entities decoded, nothing percent-encoded) for :func:`resolve` to judge.

What a reader cannot click is not a citation: images, reference definitions and, unless
``include_verbatim`` is set (lychee's ``--include-verbatim``), code spans and code blocks.
What a reader might have meant to be a link is never dropped here: a destination with a broken
scheme and a relative one become anchors with their href as written, so the link stage can
resolve or report them.  A bare ``www.example.com`` in text is a link to
``http://www.example.com``, as GFM's extended autolinks (GitHub, GitLab) and Hugo's goldmark
(linkify, on by default) render it, in every markup alike (:func:`checker.urls.www_address`);
a domain with ``_`` in its last segments stays a near-miss as written.
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from checker.codecache import imported
from checker.dates import parse_post_date
from checker.encoding import printable
from checker.extract.citations import post_citations
from checker.extract.directives import content_fence_rule
from checker.extract.embeds import captured_after, find_embeds
from checker.extract.embeds.shortcodes import HUGO_UNSPACED
from checker.extract.generator_blocks import (
    LIQUID_COMMENT_CLOSING,
    LIQUID_COMMENT_OPENING,
    generator_block_rule,
    runs_liquid,
)
from checker.extract.lines import (
    TRAILING_PUNCT,
    Line,
    html_lines,
    link_budget,
    may_write_url,
    text_lines,
    trim_url,
)
from checker.extract.link_destination import helpers as link_destination_helpers
from checker.extract.links import SCHEME, resolve
from checker.extract.tree import Element, PageIndex, held, parse_html
from checker.extract.wikilinks import (
    folder_above,
    is_note_path,
    note_links,
    vault_of,
    wikilinks_as_links,
)
from checker.model import Citation, CitationKind, Document, Page, VaultNote
from checker.runcache import per_run
from checker.urls import NEAR_URL_TEXT, URL_CHAR, www_address

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from checker.extract.embeds import Embed

__all__ = ["SITE_ALIAS", "extract_markdown", "markdown_lines", "site_of"]

# CommonMark's preset value.  It bounds the parser's recursion and, for every ``[``, how deep it
# tries nested link labels, so the cost per character grows with it (100 made a 100 KB line of
# ``[`` take 40x longer).  Blocks nested deeper (about 9 list levels) are dropped by the parser
# and read back as plain text by _uncovered.
_MAX_NESTING = 20

_NEWLINE = re.compile(r"\r\n?|\n")  # markdown-it's own line breaks, so line numbers agree
_NON_BREAK = re.compile(r"[^\r\n]")
_FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_JSON_OPENING = re.compile(r"\{[ \t]*(?:\r\n?|\n)")
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")

_PROPER_URL = re.compile(r"https?://(?!/)", re.IGNORECASE)
# Where a link starts in Markdown source, about once per link: an inline link's ``](`` (``][``
# for a reference link), an autolink, an HTML ``href=``, a bare URL or ``www.`` not inside one
# of those.  Counted (never parsed) to find how much of a long post its cap needs; each
# alternative is a fixed string or one bounded class, so the scan is linear.
_LINK_MARK = re.compile(r"\][(\[]|<https?://|href\s*=|(?<![(<\"'=/\w.])(?:https?://|www\.)", re.I)
# What a link mark points at (a destination, a reference label, an href or the rest of a bare
# URL), as far as a repeat of the same link is told from another: bounded, one class.  Its
# ``#fragment`` is left out: a page's sections are one citation (probe 26b2).
_LINK_TARGET = re.compile(r"""[ \t]*["']?([^\s)"'<>\]#]{0,2048})""")
# A reference definition (``[label]: URL``): kept from the part of a post past its budget, since
# the links it defines may be before the cut.
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,999}\]:[^\n]*", re.MULTILINE)


def _escape(text: str) -> str:
    """``&``, ``<``, ``>`` and ``"`` as HTML entities, as markdown-it escapes text (not ``'``).

    Written here so that a run with no Markdown input never imports markdown-it (issue 19,
    start-up)."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def _strip_quotes(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _json_front_matter(body: str) -> tuple[dict[str, str], int, int]:
    """Hugo's JSON front matter: an object from a first line ``{`` to a line ``}``, or nothing.

    Read as text, its ``"source"`` URL was cited and its title lost (probe 23).  The object is
    looked for in the file's first ``_JSON_FRONT_MATTER_BYTES`` only, and nesting too deep for
    the parser is no front matter: the text is read as a post's text, as before.
    """
    found = _JSON_FRONT_MATTER_END.search(body, 0, _JSON_FRONT_MATTER_BYTES)
    if found is None:
        return {}, 0, 0
    try:
        value = json.loads(body[: found.start() + 1])
    except (ValueError, RecursionError):
        return {}, 0, 0
    if not isinstance(value, dict):
        return {}, 0, 0
    fields = {
        str(key).lower(): str(item)
        for key, item in value.items()
        if isinstance(item, str | int | float) and not isinstance(item, bool)
    }
    return fields, body.count("\n", 0, found.start()) + 1, found.end()


_JSON_FRONT_MATTER_BYTES = 65_536
_JSON_FRONT_MATTER_END = re.compile(r"^\}[ \t]*(?:\r\n?|\n|$)", re.MULTILINE)


def front_matter_title(body: str) -> str | None:
    """The ``title`` field of ``body``'s front matter (:func:`_front_matter`), else None."""
    return _front_matter(body)[0].get("title") or None


def _front_matter(body: str) -> tuple[dict[str, str], int, int]:
    """Fields of a leading front-matter block, the number of lines it takes and where the rest
    of ``body`` begins.  Lines are read one at a time, so a long post is not split to read it.

    A ``---`` block is YAML, as Jekyll, Hugo and Pandoc read it: a mapping, closed by ``---`` or
    ``...``.  A line in it that no YAML mapping can hold (prose, a bare URL) makes it no front
    matter: a post that opens with a thematic break and a paragraph (``---``, a blank line,
    text, ``---``) lost that paragraph's links as fields nobody reads (probe 29).  Its text is
    then read as the post's own, as CommonMark renders it, so nothing in it passes unread.
    A ``+++`` block is TOML, closed by ``+++`` only.
    """
    if body.startswith("{") and _JSON_OPENING.match(body):
        return _json_front_matter(body)
    if _MMD_FIELD.match(body):
        return _mmd_metadata(body)
    fields: dict[str, str] = {}
    start = index = 0
    closing: re.Pattern[str] = _FRONT_MATTER_FENCE
    still_open = ""  # a quoted scalar or flow collection a YAML line left open
    quoted: list[str] = []  # a field's key and the lines of its value quoted over lines
    for index, found in enumerate(_NEWLINE.finditer(body)):
        line = body[start : found.start()]
        start = found.end()
        was_open = still_open
        if index == 0:
            if not _FRONT_MATTER_FENCE.match(line):
                return {}, 0, 0
            closing = _YAML_CLOSING if line.startswith("-") else _TOML_CLOSING
        elif closing.match(line):
            return fields, index + 1, found.end()
        elif closing is _YAML_CLOSING:
            if not still_open and not _YAML_LINE.match(line):
                return {}, 0, 0
            still_open = _open_after(line, still_open)
        if was_open:  # a line of a value: no field of its own
            if quoted:
                quoted.append(line.strip())
            if quoted and not still_open:  # a quoted scalar's lines are folded with a space
                fields.setdefault(quoted[0], _strip_quotes(" ".join(quoted[1:])))
                quoted = []
            continue
        field = _FRONT_MATTER_FIELD.match(line) if index else None
        if field is None:
            continue
        key, value = field.group("key").lower(), field.group("value")
        if still_open[:1] in ("'", '"') and value[:1] == still_open[:1]:
            quoted = [key, value]
        else:
            fields.setdefault(key, _strip_quotes(value))
    last = body[start:]  # the last line has no line break after it
    if start and closing.match(last):
        return fields, index + 2, len(body)
    return {}, 0, 0


def _unread_front_matter(body: str) -> str | None:
    """What to say of a ``---`` block that opens the post as front matter does, with a field
    (``title: …``) on its first line, and closes, but holds a line no YAML mapping can hold:
    :func:`_front_matter` reads it as the post's text (a thematic break and a paragraph are
    that), where Jekyll and Hugo fail on it, and its title and date were lost with no word
    (session 29).  None for any other post: a thematic break's ``---``, a blank line, text."""
    lines = _NEWLINE.split(body, 2)
    if len(lines) < 3 or not _YAML_OPENING.match(lines[0]):
        return None
    field = _FRONT_MATTER_FIELD.match(lines[1])
    if field is None or _FRONT_MATTER_FENCE.match(lines[1]):
        return None
    closing = _YAML_CLOSING_LINE.search(lines[2])
    if closing is None:
        return None
    last = 3 + len(_NEWLINE.findall(lines[2], 0, closing.start()))
    # only the field's name, capped: its value may be a secret (``password=…``), and the line
    # is as long as the file makes it
    key = printable(field.group("key")[:_SHOWN_KEY_CHARS])
    return (
        f"lines 1-{last} open the post as front matter (---, then {key}:) but "
        "are no YAML a generator reads: its title and date were not read"
    )


_SHOWN_KEY_CHARS = 64


_YAML_OPENING = re.compile(r"---[ \t]*$")
_YAML_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_YAML_CLOSING = re.compile(r"^(?:---|\.\.\.)\s*$")
_TOML_CLOSING = re.compile(r"^\+\+\+\s*$")
# A line a YAML mapping can hold: blank, indented (a nested value, a continued scalar), a
# comment, a list item, or a key and its colon.  Each branch reads its line once.
# A key may hold a colon with no blank after it (``a:b: 1``) and may be quoted (``"odd:key": 1``).
_YAML_LINE = re.compile(
    r"\s*$|[ \t#]|-(?:[ \t]|$)"
    r"|(?:\"(?:[^\"\\\r\n]|\\.)*+\"|'[^'\r\n]*+')[ \t]*+:(?:[ \t]|$)"
    r"|[^:\s](?:[^:\r\n]|:(?=[^\s]))*+:(?:[ \t]|$)"
)
_SCALAR_OPENERS = frozenset("[{,:-")


def _open_after(line: str, still_open: str) -> str:
    """What a YAML value leaves open after ``line``, given what was open before it: a quoted
    scalar (its quote) or flow collections (one ``[``/``{`` a level); "" when nothing is.

    A title quoted over two lines, a flow list ``tags: [a,`` continued on a line at column 0,
    are YAML a generator reads: their next line, no field, made the block "no YAML" (session
    30's review of left30a).  One pass over the line's characters; a quote opens a scalar
    only where one starts (after ``[``, ``{``, ``,``, ``:``, ``-`` or the line's start), so an
    apostrophe in ``it's`` opens nothing; a ``#`` after a blank outside quotes is a comment.
    """
    stack = list(still_open)
    before = ""  # the last character that was no blank, outside a quoted scalar
    previous = " "  # the character right before, a blank at the line's start
    escaped = False
    for char in line:
        quote = stack[-1] if stack and stack[-1] in "\"'" else ""
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                stack.pop()
                before = char
        elif char == "#" and previous.isspace():
            break
        elif char in "[{" or (char in "\"'" and (not before or before in _SCALAR_OPENERS)):
            stack.append(char)
        elif char in "]}" and stack:
            stack.pop()
        if not quote and not char.isspace():
            before = char
        previous = char
    return "".join(stack[-_MAX_OPEN:])  # no front matter nests deeper: a line's copy is short


_MAX_OPEN = 64


def _mmd_metadata(body: str) -> tuple[dict[str, str], int, int]:
    """MultiMarkdown's (and Pelican's, Python-Markdown's ``meta``) metadata: ``Key: value`` lines
    with no fence at the top of the file, indented lines continuing a value, up to the first
    blank line.  Read as text, its ``Source: URL`` was cited as the post's source and its
    ``Title:`` was not read (probe 29).

    Only a header naming a ``Title`` is metadata (Pelican requires one): a post that opens with
    ``Note: see URL`` and a blank line, as GitHub renders it, keeps that line as its text.
    A line that is neither a field nor a continuation before the blank line makes it text too.
    """
    fields: dict[str, str] = {}
    start = taken = 0
    for found in _NEWLINE.finditer(body):
        line = body[start : found.start()]
        if not line.strip():
            break
        field = _MMD_FIELD.match(line)
        if field is not None:
            fields.setdefault(field.group("key").lower(), _strip_quotes(field.group("value") or ""))
        elif not line[:1].isspace():
            return {}, 0, 0
        start = found.end()
        taken += 1
    else:
        return {}, 0, 0  # no blank line ends it: a one-paragraph post is its own text
    return (fields, taken, start) if fields.get("title") else ({}, 0, 0)


# Python-Markdown's ``META_RE`` with a blank after the colon, so a first line ``https://…`` is
# no field ``https``.
_MMD_FIELD = re.compile(r"[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):(?:[ \t]+(?P<value>.*)|$)")


def _trim(url: str, trailing: str = TRAILING_PUNCT) -> str:
    """Drop sentence punctuation after a written-out link, and a ``)`` it did not open.

    The parentheses are counted once (a URL followed by 100,000 ``)`` is one scan, not one per
    ``)``)."""
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end and (url[end - 1] in trailing or (url[end - 1] == ")" and opened < closed)):
        closed -= url[end - 1] == ")"
        end -= 1
    return url[:end]


_BARE_URL_REST = re.compile("//" + URL_CHAR + "+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SCHEME_BEFORE = re.compile(r"(?:^|(?<=[^A-Za-z0-9.+-]))(?i:https?)$")


def _add_pending(state: StateInline, text: str) -> None:
    """``text`` added to the inline state's pending text: by markdown-it-py's
    ``append_pending`` (4.x: a buffer, joined when read) where it has one, since ``pending +=``
    copies the whole pending text each time (a paragraph of 100,000 URLs: quadratic)."""
    append = getattr(state, "append_pending", None)
    if append is not None:
        append(text)
    else:
        state.pending += text


def _bare_url_rule(state: StateInline, silent: bool) -> bool:
    """A bare ``http(s)://`` URL in text is text as written, up to where it ends.

    GFM's extended autolinks are read before emphasis: ``https://x.example/a*b*c`` is one URL.
    Left to the inline rules, its ``*b*`` became emphasis and the line's text, where bare URLs
    are found, read ``https://x.example/abc``: a URL nobody wrote was checked.  Run at the ``:``
    after a scheme already in the pending text, this takes the rest of the URL as plain text;
    what may end it (``*``, ``_``, ``~``, sentence punctuation, an unopened ``)``) is left to
    the other rules, so ``**https://x.example/**`` is still bold around the URL, and so is a
    backslash escape and what follows it (``snake\\_case`` is read ``snake_case``).
    """
    pos = state.pos
    scheme = _SCHEME_BEFORE.search(state.pending[-6:]) if state.src[pos] == ":" else None
    found = _BARE_URL_REST.match(state.src, pos + 1, state.posMax) if scheme else None
    if scheme is None or found is None:
        return False
    written = found.group(0).partition("\\")[0]  # a backslash escape is the escape rule's
    entity = _ENTITY.search(written)  # and an entity (``&amp;``) the entity rule's: it is
    if entity is not None:  # the character a reader sees in the URL (``…?a=1&b=2``)
        written = written[: entity.start()]
    rest = _trim(scheme.group(0) + ":" + written, TRAILING_PUNCT + "_")[len(scheme.group(0)) :]
    if len(rest) <= 3:  # "://" and nothing after it
        return False
    rest = rest[1:]
    if not silent:
        _add_pending(state, ":" + rest)
    state.pos = pos + 1 + len(rest)
    return True


# An entity-like ``&name;`` ending a bare URL (then only sentence punctuation or closing
# brackets before the URL's end): GFM's autolinks leave it out of the link (its ``&hl;`` rule),
# but CommonMark's entity rule decoded it first, so ``…/a&copy;`` was cited ``…/a©`` and
# ``…?y=2&amp;`` ``…?y=2&``, URLs nobody linked (session 30 left).
_ENTITY_TAIL = re.compile(
    r"&[A-Za-z0-9]{1,32};(?=[" + re.escape(TRAILING_PUNCT) + r")\]]*(?:[\s<]|$))"
)
_URL_START = re.compile(r"(?i:https?://|www\.)")
_URL_LOOKBACK = 2048  # a URL longer than this before its tail: the tail is decoded as before


def _url_entity_tail_rule(state: StateInline, silent: bool) -> bool:
    """An entity-like tail right after a bare URL (``https://x/a&copy;``, ``www.x/p?y=2&amp;``)
    is kept as written, undecoded, so that the URL reader leaves it out as GFM does
    (:func:`checker.extract.lines._without_entity_tail`); the line's text shows it as written.
    Run before the entity rule, only at an ``&`` whose entity ends the word it is in, and only
    when that word (the source since its last blank, at most :data:`_URL_LOOKBACK` characters
    back) holds a URL's start: the look back is as long as the word, once.  The source, not the
    pending text: an entity earlier in the URL (``?a=1&amp;b=2&amp;``) is a token of its own,
    which empties the pending text, and the tail was decoded (session 31 left)."""
    if state.src[state.pos] != "&":
        return False
    found = _ENTITY_TAIL.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    word = state.src[max(0, state.pos - _URL_LOOKBACK) : state.pos]
    if not word or word[-1].isspace() or _URL_START.search(word.rsplit(None, 1)[-1]) is None:
        return False
    if not silent:
        _add_pending(state, found.group(0))
    state.pos = found.end()
    return True


# A line that closes a Hugo call written over several lines, ``>}}``: CommonMark opens a block
# quote there and drops the ``>``, so the call's closing mark was lost and its embed with it.
# Escaped (``\>}}``), it stays the paragraph's text, as Hugo, which reads calls first, sees it.
_HUGO_CLOSING_LINE = re.compile(r"^( {0,3})>(?=\}\})", re.MULTILINE)


def _hugo_call_rule(state: StateInline, silent: bool) -> bool:
    """A Hugo shortcode call is text as written, for the shortcode reader to read.

    Hugo reads ``{{<tweet …>}}`` as ``{{< tweet … >}}``, but CommonMark took its ``<tweet …>``
    for an inline HTML tag, which no reader sees: the embedded post was cited nowhere.  Run
    before the HTML rule, this keeps the whole call on the line's text.
    """
    found = HUGO_UNSPACED.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    if not silent:
        _add_pending(state, found.group(0))
    state.pos = found.end()
    return True


# A site generator's expression in a link's destination: Liquid's ``{{ site.url }}`` and
# ``{% link x.md %}``, Hugo's ``{{< ref "x.md" >}}``.  Each must close within this many characters
# on its line, so a try at a ``[`` reads a bounded stretch whatever follows it.
_TEMPLATE_MARKS = {"{{": "}}", "{%": "%}"}
_TEMPLATE_REACH = 300
_LABEL_REACH = 1000
# What ends a destination outside an expression (CommonMark's blanks, and brackets that would
# open another link), so a try stops at the first one.
_TEMPLATE_STOP = re.compile(r"[\s()\[\]<>{]")


def _template_destination(src: str, start: int, end: int) -> int:
    """Where the destination that starts at ``start`` ends (at its ``)``), or -1.

    It holds at least one template expression and, outside its expressions, no blank.
    """
    pos, seen = start, False
    while pos < end:
        close = _TEMPLATE_MARKS.get(src[pos : pos + 2])
        if close is not None:
            stop = src.find(close, pos + 2, min(end, pos + _TEMPLATE_REACH))
            if stop < 0 or "\n" in src[pos:stop]:
                return -1
            pos, seen = stop + 2, True
            continue
        found = _TEMPLATE_STOP.search(src, pos, end)
        if found is None:
            return -1
        if found.start() > pos:
            pos = found.start()
            continue
        return pos if seen and src[pos] == ")" else -1
    return -1


def _template_link_rule(state: StateInline, silent: bool) -> bool:
    """``[text]({{ site.url }}/about/)``: a link whose destination the site's build fills in.

    Jekyll (Liquid) and Hugo (shortcodes) expand these before the Markdown is read, so the
    reader of the built site gets a link; CommonMark allows no blank in a destination, so here
    it was no link and vanished with no word (probe 23).  Its destination is kept as written,
    for the link stage to skip as a template placeholder.
    """
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "[":
        return False
    opened: dict[str, bool] = state.env.setdefault("template_destinations", {})
    has = opened.get(src)
    if has is None:  # looked for once per inline block, not at each ``[``
        has = opened[src] = "]({" in src
    if not has:
        return False
    first = src.find("]", pos + 1, min(end, pos + _LABEL_REACH))  # CommonMark's label limit
    if first < 0 or not src.startswith("({", first + 1):
        return False
    # The label ends at its first ``]`` unless that is escaped or closes a nested bracket; those
    # rare labels are left as CommonMark leaves them (an exact parse of each costs a pass of
    # every inline rule over the label, once per ``[``).
    if src[first - 1] == "\\" or src.find("[", pos + 1, first) >= 0:
        return False
    label_end = first
    close = _template_destination(src, label_end + 2, end)
    if close < 0:
        return False
    if not silent:
        state.pos, state.posMax = pos + 1, label_end
        state.push("link_open", "a", 1).attrs = {"href": src[label_end + 2 : close]}
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
    state.pos, state.posMax = close + 1, end
    return True


_MATH = "$"
_DISPLAY_MATH = "$$"


def _math_closer(src: str, start: int, end: int, display: bool) -> int:
    """Where the math opened before ``start`` closes in ``src[:end]``, or -1.

    Pandoc's rule (the one GitHub, GitLab, Hugo's and Jekyll's math extensions follow): ``$$``
    closes at the next ``$$``; ``$`` at the next ``$`` that follows no blank or backslash and
    precedes no digit, so "$5 and $10" holds no math.  Which ``$`` may close does not depend on
    the opener, so a search that fails from ``start`` fails from every later opener too.
    """
    if display:
        found = src.find(_DISPLAY_MATH, start, end)
        return found if found > start else -1
    at = src.find(_MATH, start, end)
    while at >= 0:
        after = src[at + 1 : at + 2]
        if not src[at - 1].isspace() and src[at - 1] != "\\" and not after.isdigit():
            return at
        at = src.find(_MATH, at + 1, end)
    return -1


def _math_rule(state: StateInline, silent: bool) -> bool:
    """``$…$`` and ``$$…$$`` are math, as the common renderers with math on read them.

    Their text is TeX, not Markdown: ``$[a](b)$`` or ``$$[\\psi](\\mathbf{L})$$`` showed a formula
    to the reader and was cited as a relative link (``…/posts/b``), a false ``broken``.  An
    opening ``$`` must be followed by a non-blank.  The first search from an opener that finds
    no closer is remembered per inline block, so a line of 100,000 prices is scanned once.
    """
    pos, end, src = state.pos, state.posMax, state.src
    if src[pos] != _MATH:
        return False
    display = src.startswith(_DISPLAY_MATH, pos)
    mark = _DISPLAY_MATH if display else _MATH
    opened = pos + len(mark)
    if opened >= end or (not display and (src[opened].isspace() or src[opened] == _MATH)):
        return False
    closerless: dict[tuple[bool, int, str], int] = state.env.setdefault("math_closerless", {})
    key = (display, end, src)
    if closerless.get(key, end) <= pos:
        return False
    closer = _math_closer(src, opened, end, display)
    if closer < 0:
        closerless[key] = pos
        return False
    if not silent:
        token = state.push("math_inline", "", 0)
        token.content = src[opened:closer]
        token.markup = mark
    state.pos = closer + len(mark)
    return True


def _math_render_rule(
    _renderer: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any
) -> str:
    """Math as its TeX source: text, never links; each source line stays a line."""
    token = tokens[idx]
    return _escape(token.markup + token.content + token.markup).replace("\n", "<br>\n")


def _near_urls_linked(text: str) -> str:
    """``text`` as HTML, each near-miss URL in it (``urls.NEAR_URL_TEXT``, the one pattern the
    text reader finds them by too) an ``<a>`` whose href is the URL as written, or the link a
    bare ``www.`` address names (:func:`checker.urls.www_address`).  Correct ``http(s)://`` URLs
    are left to the line reader's bare URLs."""
    if not may_write_url(text):  # most of a post's text runs (issue 19, session 36)
        return _escape(text)
    parts: list[str] = []
    end = 0
    for found in NEAR_URL_TEXT.finditer(text):
        # trimmed as the text reader trims it: an entity-like tail (``www.x/p?y=2&amp;``) too
        written = trim_url(found.group(0))
        if _PROPER_URL.match(written) or not written:
            continue
        parts.append(_escape(text[end : found.start()]))
        href = www_address(written) or written
        parts.append(f'<a href="{_escape(href)}">{_escape(written)}</a>')
        end = found.start() + len(written)
    parts.append(_escape(text[end:]))
    return "".join(parts)


def _text_rule(
    _renderer: Any, tokens: Sequence[Token], idx: int, _options: Any, env: dict[str, Any]
) -> str:
    """Text, with its near-miss URLs as links (:func:`_near_urls_linked`), but in a link's own
    text: GFM makes no autolink inside a link, and an ``<a>`` there was a second citation of
    what the reader sees as the one link (``[www.example.com](https://example.com/)`` cited
    ``http://www.example.com`` too, a false alarm where only the https page answers, probe
    23b)."""
    if env.get("link_depth"):
        return _escape(tokens[idx].content)
    return _near_urls_linked(tokens[idx].content)


def _link_depth_rule(step: int) -> Any:
    """A ``link_open`` (``step`` 1) or ``link_close`` (-1) render rule that keeps in ``env`` how
    many links the text rendered next is inside (:func:`_text_rule`)."""

    def rule(
        renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
    ) -> str:
        env["link_depth"] = max(0, env.get("link_depth", 0) + step)
        return str(renderer.renderToken(tokens, idx, options, env))

    return rule


def _code_inline_rule(
    _renderer: Any, tokens: Sequence[Token], idx: int, _options: Any, env: dict[str, Any]
) -> str:
    """A code span is read only with ``include_verbatim``; left out, it is an empty ``<code>``.
    Either way a ``<code>``, a run of text of its own, as HTML's code is: a URL written up to it
    ends there (probe 22: ``https://x/foo`bar`baz`` cited ``…/foobaz`` or ``…/foobarbaz``)."""
    text = _escape(tokens[idx].content) if env.get("include_verbatim") else ""
    return f"<code>{text}</code>"


def _keep(url: str) -> bool:
    """Every destination is a link (``javascript:`` too): the link stage decides what it is."""
    del url
    return True


def _as_written(link: str) -> str:
    """A destination as the author wrote it (escapes decoded), not percent-encoded."""
    return link


def _reference_unless_footnote(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """CommonMark's reference definition, except a footnote's (``[^1]: Ibid.``).

    Footnotes are not CommonMark, so ``[^1]: Ibid.`` read as the definition of a link labelled
    ``^1`` to ``Ibid.``, and the ``[^1]`` in the text as that link: a footnote of one word or
    one URL-less phrase was cited as ``https://blog/posts/Ibid.``, a false ``broken``.  The
    definition is left to the paragraph rule, so its text (and any link in it) is read as the
    reader sees it under the post (lychee does the same).
    """
    from markdown_it.rules_block import reference  # noqa: PLC0415 (loaded by _parser already)

    at = state.bMarks[start] + state.tShift[start]
    if state.src.startswith("[^", at):
        return False
    return bool(reference(state, start, end, silent))


@cache
def _parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough, inline HTML on, links kept as written.

    markdown-it is imported here, on the first Markdown post: a run of URLs or HTML pages
    never needs it.  The patterns its import compiles are its code's constants: kept between
    runs (:func:`checker.codecache.imported`, :data:`~checker.codecache.IMPORTS_KEPT`).  Not
    those of making the parser: its inline parser's pattern is written from a set of strings,
    another text each process."""
    imported("markdown_it")
    from markdown_it import MarkdownIt  # noqa: PLC0415 (start-up: see the docstring)

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING})
    md.enable(["table", "strikethrough"])
    # Every destination goes to the link stage as written: it resolves, skips or reports it.
    md.validateLink = _keep  # type: ignore[method-assign]
    md.normalizeLink = _as_written  # type: ignore[method-assign,assignment]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign]
    # A destination read by one match, not a Python call a character (issue 19, session 36).
    md.helpers = link_destination_helpers()  # type: ignore[assignment]
    md.block.ruler.at("reference", _reference_unless_footnote)
    # Fences a generator renders as content (MyST directives, Pandoc's raw HTML), not as code.
    md.block.ruler.before(
        "fence",
        "content_fence",
        content_fence_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    # A generator's code blocks and comments in its own tags (Jekyll's, Hugo's), not as text.
    md.block.ruler.before(
        "fence",
        "generator_block",
        generator_block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.inline.ruler.before("linkify", "bare_url", _bare_url_rule)
    md.inline.ruler.before("entity", "url_entity_tail", _url_entity_tail_rule)
    md.inline.ruler.after("escape", "math", _math_rule)
    md.inline.ruler.before("html_inline", "hugo_call", _hugo_call_rule)
    # After CommonMark's link rule: tried only where that found no link.
    md.inline.ruler.after("link", "template_link", _template_link_rule)
    md.add_render_rule("text", _text_rule)
    md.add_render_rule("link_open", _link_depth_rule(1))
    md.add_render_rule("link_close", _link_depth_rule(-1))
    # A soft break ends a line as it does in the source: an attribution block is one paragraph
    # of several lines, and the attribution reader (like a plain-text capture) reads it by line.
    md.add_render_rule("softbreak", lambda *_args: "<br>\n")
    md.add_render_rule("code_inline", _code_inline_rule)
    md.add_render_rule("math_inline", _math_render_rule)
    return md


def _verbatim(token: Token, include: bool) -> tuple[int, str]:
    """A code block's first content line (0-based) and its lines as HTML, or nothing."""
    assert token.map is not None  # block tokens always carry their lines
    first = token.map[0] + (1 if token.type == "fence" else 0)
    if not include:
        return first, ""
    rows = token.content.splitlines()
    return first, "".join(f"<div>{_escape(row)}</div>\n" for row in rows)


def _render(tokens: Sequence[Token], include_verbatim: bool) -> str:
    """The tokens as HTML in which source line N of the Markdown is line N of the HTML.

    Before a token that carries a ``map`` the output is padded with newlines to that line;
    nothing else emits a newline but soft/hard breaks and verbatim HTML, each standing for a
    newline of the source, so the HTML never runs ahead of the source.
    """
    from markdown_it.renderer import RendererHTML  # noqa: PLC0415 (loaded by _parser already)

    md = _parser()
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    env = {"include_verbatim": include_verbatim}
    out: list[str] = []
    at = 0

    def emit(line: int, html: str) -> None:
        nonlocal at
        if line > at:
            out.append("\n" * (line - at))
            at = line
        out.append(html)
        at += html.count("\n")

    for index, token in enumerate(tokens):
        line = token.map[0] if token.map is not None else at
        if token.type == "inline":
            emit(line, renderer.renderInline(token.children or [], md.options, env))
        elif token.type in ("fence", "code_block"):
            emit(*_verbatim(token, include_verbatim))
        elif token.type == "html_block":
            emit(line, token.content)
        elif token.nesting and not token.attrs and not token.hidden:
            # an opening or closing tag with no attribute (``<p>``, ``</li>``): what
            # ``renderToken`` writes for it, its line breaks taken out, without its checks of
            # the tokens around it (a post's paragraphs are most of its tokens; session 36)
            emit(line, ("</" if token.nesting < 0 else "<") + token.tag + ">")
        else:
            emit(line, renderer.renderToken(tokens, index, md.options, env).replace("\n", ""))
    return "".join(out)


def _uncovered(tokens: Sequence[Token], body: str) -> tuple[Line, ...]:
    """Lines of ``body`` the parser dropped for nesting deeper than ``_MAX_NESTING``, as plain
    text.

    markdown-it silently stops reading a block nested past its limit; such a file is hostile or
    broken, and its links must still be seen, so the lines no token covers are read as text.
    """
    if not tokens or max(t.level for t in tokens) < _MAX_NESTING - 1:
        return ()
    raw = _NEWLINE.split(body)
    covered = bytearray(len(raw))
    for token in tokens:
        if token.map is not None and token.type in ("inline", "html_block", "fence", "code_block"):
            covered[token.map[0] : token.map[1]] = b"\1" * (token.map[1] - token.map[0])
    return tuple(
        line
        for number, text in enumerate(raw)
        if not covered[number] and text.strip()
        for line in text_lines(text, first_number=number + 1)
    )


def _within_budget(body: str, max_links: int | None) -> tuple[str, int, int]:
    """What of ``body`` is parsed under a budget of ``max_links`` links, the links left out and
    the line they start on.

    markdown-it's tokens and the HTML rendered from them cost ~100 times a post's size, so a
    post with more links than its budget (:func:`link_budget`) is cut after the line holding
    the budget's last link; the links past the cut are counted (not parsed), and its reference
    definitions are kept, since the links before the cut may use them.  A link repeating one
    read before (its mark and target, whatever its ``#fragment``) takes no slot, up to
    ``max_links`` repeats: a post repeating one link 20,000 times (or linking 1,500 sections
    of one page) had a later dead link cut unchecked, while each repeat parsed costs tokens
    like any link, so repeats past that bound take slots again.
    """
    if max_links is None:
        return body, 0, 0
    marks = _LINK_MARK.finditer(body)
    seen: set[str] = set()  # each link's mark and target: at most max_links of them
    repeats = count = 0
    for mark in marks:
        target = _LINK_TARGET.match(body, mark.end())
        key = mark.group(0).lower() + (target.group(1) if target is not None else "")
        if key not in seen:
            seen.add(key)
        elif repeats < max_links:  # a repeat merges into its citation: no slot, to a bound
            repeats += 1
            continue
        count += 1
        if count < max_links:
            continue
        found = _NEWLINE.search(body, mark.end())
        if found is None:
            break
        cut = found.end()
        rest = sum(1 for _mark in marks if _mark.start() >= cut)
        definitions: list[str] = []
        for definition in _DEFINITION.finditer(body, cut):
            rest -= sum(1 for _mark in _LINK_MARK.finditer(body, *definition.span()))
            if len(definitions) < max_links:
                definitions.append(definition.group(0))
        if rest <= 0 and not definitions:
            break
        kept = body[:cut] + "\n" + "\n".join(definitions)
        return kept, max(0, rest), sum(1 for _break in _NEWLINE.finditer(body, 0, cut)) + 1
    return body, 0, 0


def markdown_lines(
    body: str,
    base: str,
    *,
    include_verbatim: bool = False,
    max_links: int | None = None,
    jsx: bool = False,
    source: str | None = None,
    site: str | None = None,
) -> tuple[list[Line], list[Embed]]:
    """The post's lines (numbered as in the file) and its embeds, in page order.

    With ``max_links``, a post with more links is read only as far as that many (see
    :func:`_within_budget`); the links left out are counted on an empty line where the cut is.
    With ``jsx`` (an MDX file), a component with an ``href`` is a link
    (:func:`_components_as_links`).  With ``source`` (the post's own file, when ``base`` is a
    web address its front matter gives), links to source files are file references
    (:func:`_source_links_local`).  ``site``: where Docusaurus's ``@site/`` alias leads
    (:func:`_site_alias_links`), when the post holds one.
    """
    body, rest, cut_line = _within_budget(body, max_links)
    body = _footnote_paragraphs(body)
    tokens = _parser().parse(body)
    uncovered = _uncovered(tokens, body)
    rendered = _render(tokens, include_verbatim)
    # The tokens cost ~70 bytes a byte of post, the tree and lines made next ~40: freed first,
    # they are not both held (a post of 10,000 links peaked 30 MB higher, test_memory.py).
    del tokens
    # An explicit <body> keeps a leading <script> or <meta> block in the post, not in a <head>.
    if jsx:  # a component's name is capitalised; HTML's parser would take <Link> for <link>
        rendered = _COMPONENT_TAG.sub(r"<\1mdx-", rendered)
    if "\n" in rendered:
        rendered = _MULTILINE_TAG.sub(_link_tag_on_its_line, rendered)
    root = parse_html("<body>" + rendered)
    if jsx:
        _components_as_links(root)
    if source is not None:
        _source_links_local(root, source)
    if site is not None:
        _site_alias_links(root, site)
    with held(root) as page_index:  # (a deep post's proxies are otherwise freed in quadratic time)
        lines, embeds = _rendered_lines(root, base, include_verbatim, page_index)
    lines.extend(uncovered)
    if rest:
        lines.append(Line("", cut_line, (), omitted=rest))
    lines.sort(key=lambda line: line.number)  # stable: a line's own order is kept
    marked, captured = captured_after(lines, len(embeds))
    return marked, embeds + captured


_FOOTNOTE_START = re.compile(r" {0,3}\[\^[^\]\s]{1,999}\]:")
_FENCE_START = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENT = ("    ", "\t")


def _footnote_paragraphs(body: str) -> str:
    """``body`` with a footnote's indented paragraphs moved left, each on its own line.

    GFM, Pandoc and PHP Markdown Extra continue a footnote (``[^1]: …``) with blocks indented by
    four spaces, after blank lines too; CommonMark has no footnotes and read them as a code
    block, so their links were skipped as code with no word while lychee checked them (probe
    21).  One pass over the lines, each looked at once; a fenced block is left as it is, and a
    block indented further stays the note's code.
    """
    if "[^" not in body:
        return body
    lines = _NEWLINE.split(body)
    fence = ""  # the open fence's marks, while inside a fenced block
    in_note = after_blank = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            if len(stripped) >= len(fence) and stripped == fence[0] * len(stripped):
                fence = ""
            continue
        blank = not stripped
        if in_note and not blank and line.startswith(_INDENT):
            lines[number] = line[1:] if line[0] == "\t" else line[4:]
            after_blank = False
            continue
        opened = _FENCE_START.match(line)
        if opened is not None:
            fence, in_note = opened.group(1), False
        elif _FOOTNOTE_START.match(line):
            in_note = True
        elif after_blank and not blank:
            in_note = False
        after_blank = blank
    return "\n".join(lines)


# A JSX component's tag in an MDX post's HTML (``<Link``, ``</Card``): JSX names components with
# a capital, HTML's elements never need one.  Docusaurus's ``<Link href>`` was parsed as HTML's
# empty ``<link>`` and its link vanished (probe 23); prefixed, it is a tag HTML does not define.
_COMPONENT_TAG = re.compile(r"<(/?)(?=[A-Z])")


def _components_as_links(root: Element) -> None:
    """Make each JSX component of an MDX post that carries an ``href`` (``<Card href="…">``) an
    ``<a>``: MDX renders such components as links, so their targets are cited as lychee reads
    them.  A component is a tag HTML does not define (the parser lowercased ``Card`` to
    ``card``); an HTML element with an ``href`` (``<link>``, ``<base>``) keeps its own meaning."""
    from lxml.html.defs import tags as html_tags  # noqa: PLC0415 (only for MDX posts)

    for element in root.iter():
        tag = element.tag
        if isinstance(tag, str) and tag not in html_tags and element.get("href"):
            element.tag = "a"


def _source_links_local(root: Element, source: str) -> None:
    """Make each relative link to a source file (``second.md#intro``, ``../docs/README.md``) a
    link from ``source``, the post's own file, whatever web address its front matter names.

    Docusaurus, MkDocs, GitHub and Jekyll's relative-links plugin turn such a link into the
    other page's address; joined to the post's web address instead, it named a page no site
    serves (``https://site/posts/first/second.md``): a false ``broken`` (probe 23).  It is a
    file reference, as every relative link of a local file without front matter is.
    """
    for element in root.iter("a"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("//", "#", SITE_ALIAS)) or SCHEME.match(href):
            continue  # (``@site/…`` is no relative link: :func:`_site_alias_links` reads it)
        if is_note_path(href.split("#", 1)[0].split("?", 1)[0]):  # written for the generator
            element.set("href", urljoin(source, href))


# A start tag written over several lines whose link attribute is followed by more lines of it
# (``<Card\n  href="…"\n  icon="x"\n/>``): libxml2 gives an element the line its start tag
# ends on, so the link was cited on the ``>``'s line, not its own (session 31 left).  A tag is
# a run of one class from its ``<``, so each try stops at the next ``<`` or ``>``: linear.
_MULTILINE_TAG = re.compile(r"<[A-Za-z][^<>\n]*+\n[^<>]*+>")
_LINK_ATTRIBUTE = re.compile(
    r"(?<=\s)(?:href|src)\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'>]++)", re.IGNORECASE
)


def _link_tag_on_its_line(found: re.Match[str]) -> str:
    """The start tag ``found`` ending on its link attribute's line: the line breaks after its
    last ``href``/``src`` moved past its ``>`` (as many, so later lines keep their numbers)."""
    tag = found.group(0)
    last = None
    for last in _LINK_ATTRIBUTE.finditer(tag):  # noqa: B007 (the last one is wanted)
        pass
    if last is None:
        return tag
    rest = tag[last.end() : -1]
    breaks = rest.count("\n")
    if not breaks:
        return tag
    return tag[: last.end()] + rest.replace("\n", " ") + ">" + "\n" * breaks


SITE_ALIAS = "@site/"
"""Docusaurus's alias of the site's folder (the one holding ``docusaurus.config.js``), which
its Markdown links and images may start with (``[paper](@site/static/paper.pdf)``)."""
_DOCUSAURUS_CONFIGS = tuple(
    f"docusaurus.config.{suffix}" for suffix in ("js", "ts", "mjs", "cjs", "mts", "cts")
)


def _site_alias_links(root: Element, site: str) -> None:
    """Make each link starting with Docusaurus's ``@site/`` a link into ``site``: the site's
    folder as a ``file:`` URL, or ``/`` (root-relative: looked up under ``--root-dir``, else
    skipped as such) when no folder above the post holds Docusaurus's configuration.

    Docusaurus resolves ``@site/…`` from the site's folder (a webpack alias, as ``require``
    does); joined to the post's folder as a relative path, ``blog/@site/static/x.pdf`` was
    looked up and a false ``broken`` (session 31 left)."""
    for element in root.iter("a"):
        href = (element.get("href") or "").strip()
        if href.startswith(SITE_ALIAS):
            element.set("href", site.rstrip("/") + "/" + href[len(SITE_ALIAS) :])


@per_run(1024)  # a site's posts share their folders: each looked at once
def _holds_docusaurus_config(folder: Path) -> bool:
    return any((folder / name).is_file() for name in _DOCUSAURUS_CONFIGS)


def site_of(page_url: str) -> str:
    """Where ``@site/`` leads from the post at ``page_url``: its Docusaurus site's folder (the
    nearest at or above it holding ``docusaurus.config.*``) as a ``file:`` URL, else ``/`` (a
    web page's, or a file's outside any such site)."""
    site = folder_above(page_url, _holds_docusaurus_config)
    return site.as_uri() if site is not None else "/"


@dataclass(frozen=True, slots=True)
class _Comments:
    """A Markdown dialect's comment: its opening and closing marks, the pattern that finds an
    opening outside code, and what between the marks is no comment (None: nothing).  ``forms``:
    only the unmistakable forms open one (:data:`_OBSIDIAN_FORMS`)."""

    opening: str
    closing: re.Pattern[str]
    scan: re.Pattern[str]
    not_comment: re.Pattern[str] | None = None
    forms: bool = False


def _scan(opening: str, code: str = "") -> re.Pattern[str]:
    """What :func:`_comments_blanked` steps over: a fence opening a line, a run of backticks (a
    code span's), the dialect's own ``code`` (alternatives, none by default), or the comment's
    opening (a pattern)."""
    return re.compile(rf"{code}^ {{0,3}}(?P<fence>`{{3,}}|~{{3,}})|`+|{opening}", re.M)


# Where a ``%%`` is code or a URL's, not Obsidian's comment mark (probe 29m): a line indented as
# code (an indented code block, or a fenced one nested in a list item), and an HTML ``<pre>``
# block (to its ``</pre>``).  ``%%`` opens a comment only after a blank or at a line's start:
# ``?f=%%Y`` in a URL opened one.  Read as openings, a batch file's ``for %%f in …`` or a C
# ``printf("100%%")`` hid every link up to the next ``%%`` with no word, and ``<…?f=%%Y> … %%m``
# cited ``…?f=m``, a URL nobody wrote.  What is stepped over errs towards citing (never hidden).
# Display math, ``$$ a %% b $$``, is stepped over to its closing ``$$``: Obsidian opens no comment
# in it, and in a vault the links after it were hidden up to the next ``%%`` (session 29).
_OBSIDIAN_CODE = r"^(?P<indented>(?: {4}| {0,3}\t)[^\n]*)|(?P<pre>(?ai:<pre\b))|(?P<math>\$\$)|"


# MDX's ``{/* … */}``, and Obsidian's ``%% … %%``, which its reading view and the sites published
# from a vault (Obsidian Publish, Quartz) hide: read as text, a link kept in a note's comment was
# cited, a false ``broken`` when it was dead (probe 29).  A newsletter's merge tag
# (``%%share_url%%``, a name alone between the marks) is no comment: it is a link's destination.
_MDX_COMMENTS = _Comments("{/*", re.compile(re.escape("*/}")), _scan(re.escape("{/*")))
_MERGE_TAG = re.compile(r"[A-Za-z_]{1,64}")
# Liquid's ``{% comment %}`` … ``{% endcomment %}`` (Jekyll), removed before Markdown is read
# wherever it stands (:mod:`checker.extract.generator_blocks`).
# A ``{% raw %}`` … ``{% endraw %}`` region is text Liquid shows as written: a ``{% comment %}``
# in it opens none, and read as one it hid the paragraphs up to a later raw ``{% endcomment %}``,
# their links never cited (session 33's review).  Stepped over as a fence is.
_LIQUID_RAW = r"(?P<raw>\{%-?[ \t]*raw[ \t]*-?%\})|"
_LIQUID_RAW_END = re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}")
_LIQUID_COMMENTS = _Comments(
    "{% comment %}", LIQUID_COMMENT_CLOSING, _scan(LIQUID_COMMENT_OPENING, _LIQUID_RAW)
)
_OBSIDIAN_CLOSING = re.compile("%%")
_OBSIDIAN_COMMENTS = _Comments("%%", _OBSIDIAN_CLOSING, _scan("%%", _OBSIDIAN_CODE), _MERGE_TAG)
# Outside a vault (no ``.obsidian`` folder above the note) ``%%`` is also printf's escaped
# percent, a table's ``100%%``, math's ``x %% y``: there only Obsidian's unmistakable forms open a
# comment, a ``%%`` line alone to the next (a ``block``), or ``%%`` hugging non-space inside one
# line (``%%aside [x](…)%%``); blanked everywhere, prose and links between two ``%%`` of a post
# were lost, across paragraphs, with no word (session 29's review).
_OBSIDIAN_FORMS = _Comments(
    "%%",
    _OBSIDIAN_CLOSING,
    _scan(r"^[ \t]*(?P<block>%%)[ \t]*$|(?<!\S)%%(?=\S)", _OBSIDIAN_CODE),
    _MERGE_TAG,
    forms=True,
)
_BLOCK_CLOSING = re.compile(r"^[ \t]*%%[ \t]*$", re.M)
_INLINE_CLOSING = re.compile(r"(?<=\S)%%")


def _forms_closing(body: str, found: re.Match[str]) -> int:
    """Where the comment an Obsidian form (:data:`_OBSIDIAN_FORMS`) opened at ``found`` closes,
    or -1: a block at the next ``%%`` line alone, an inline one on its own line only."""
    if found.group("block"):
        closed = _BLOCK_CLOSING.search(body, found.end())
        return closed.start() + closed.group(0).index("%%") if closed is not None else -1
    line_end = body.find("\n", found.end())
    closed = _INLINE_CLOSING.search(body, found.end(), line_end if line_end >= 0 else len(body))
    return closed.start() if closed is not None else -1


def _obsidian_comments(page_url: str) -> _Comments:
    """How a note's ``%%`` comments are read: every ``%% … %%`` in a vault, only Obsidian's
    unmistakable forms elsewhere (a web page, a file outside a vault)."""
    return _OBSIDIAN_FORMS if vault_of(page_url) is None else _OBSIDIAN_COMMENTS


def _comments_blanked(body: str, comments: _Comments) -> str:
    """``body`` with each comment (MDX's ``{/* … */}``, Obsidian's ``%% … %%``, Liquid's
    ``{% comment %}`` … ``{% endcomment %}``) and the blanks after it taken out (its line breaks
    kept, so lines keep their numbers).  Blanked to spaces, a comment opening a line made the
    rest of the line an indented code block (4 spaces or more, which MDX does not have):
    ``{/* note */} [a link](…)`` lost its link (probe 23b).

    A comment shows nothing to a reader, as HTML's ``<!-- -->`` (never a citation); read as
    text, the URLs in it were cited (probe 23).  Only outside code: in a code span or a fenced
    block ``{/*`` is text MDX shows, and a post about MDX comments (``open one with `{/*`, see
    [the docs](…), close it with `*/}```) lost the link between them, with no word (probe 23b).
    One pass: each search starts where the last ended, and an unclosed comment or fence ends
    the search (no later one can close).
    """
    parts: list[str] = []
    end = pos = 0
    runs: dict[int, list[int]] = {}  # where each run of backticks starts, by its length
    for run in _BACKTICKS.finditer(body):
        runs.setdefault(len(run.group(0)), []).append(run.start())
    while (found := comments.scan.search(body, pos)) is not None:
        mark = found.group(0)
        groups = found.groupdict()
        if groups.get("indented"):  # a line of code: no comment opens on it
            pos = found.end()
        elif groups.get("math"):  # display math runs to the next $$ (none: no math, text)
            closed_math = body.find("$$", found.end())
            pos = closed_math + 2 if closed_math >= 0 else found.end()
        elif groups.get("raw"):  # Liquid's raw text runs to its endraw (none: no more Liquid)
            closed_raw = _LIQUID_RAW_END.search(body, found.end())
            if closed_raw is None:
                break
            pos = closed_raw.end()
        elif groups.get("pre"):  # an HTML <pre> block: its text runs to </pre>
            closed_pre = _PRE_END.search(body, found.end())
            if closed_pre is None:
                break
            pos = closed_pre.end()
        elif found.group("fence"):  # a fenced block: its code runs to its closing fence
            fence = found.group("fence")
            closing_fence = rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
            closed = re.compile(closing_fence, re.M).search(body, found.end())
            if closed is None:
                break
            pos = closed.end()
        elif mark.startswith("`"):  # a code span runs to the next run of as many backticks
            starts = runs.get(len(mark), [])
            after = bisect.bisect_right(starts, found.start())
            pos = starts[after] + len(mark) if after < len(starts) else found.end()
        else:
            if comments.forms:
                close = _forms_closing(body, found)
                if close < 0:  # no later opening of its form closes either: past its line
                    if found.group("block"):
                        break
                    line_end = body.find("\n", found.end())
                    pos = line_end if line_end >= 0 else len(body)
                    continue
                after = close + len(comments.opening)
            else:
                closed = comments.closing.search(body, found.end())
                if closed is None:
                    break
                close, after = closed.start(), closed.end()
            inside = body[found.end() : close]
            if comments.not_comment is not None and comments.not_comment.fullmatch(inside):
                pos = after
                continue
            parts.append(body[end : found.start()])
            parts.append(_NON_BREAK.sub("", body[found.start() : after]))
            blanks = _BLANKS.match(body, after)
            assert blanks is not None  # (an empty match at worst)
            end = pos = blanks.end()
    parts.append(body[end:])
    return "".join(parts)


_BLANKS = re.compile(r"[ \t]*")
_PRE_END = re.compile(r"</pre\s*>", re.I | re.A)
_BACKTICKS = re.compile(r"`+")


def _is_mdx(page: Page) -> bool:
    """Whether the post is MDX (Markdown with JSX components), by its file or URL name."""
    return any(name.lower().split("?", 1)[0].endswith(".mdx") for name in (page.origin, page.url))


def _rendered_lines(
    root: Element, base: str, include_verbatim: bool, page_index: PageIndex
) -> tuple[list[Line], list[Embed]]:
    """The lines and embeds of the post's rendered HTML (its elements are dropped on return)."""
    found = find_embeds(root, base, page_index)
    roots = {tag: index for index, (tag, _embed) in enumerate(found)}
    lines = list(html_lines(root, embeds=roots, include_verbatim=include_verbatim))
    return lines, [embed for _tag, embed in found]


def extract_markdown(
    page: Page, *, include_verbatim: bool = False, max_citations: int | None = None
) -> tuple[Document, ...]:
    """The one :class:`Document` a Markdown page holds.

    ``include_verbatim`` also reads links in code spans and code blocks (off: code is not a
    citation); ``max_citations`` caps its citations (see ``citations.post_citations``).
    """
    fields, start, offset = _front_matter(page.body)
    unread = _unread_front_matter(page.body) if not start and page.body[:3] == "---" else None
    # The front matter is blanked, not cut, so that every line keeps its number.
    body = "\n" * start + page.body[offset:] if start else page.body
    permalink = next(
        (fields[k] for k in ("canonical_url", "canonical", "permalink", "url") if fields.get(k)),
        None,
    )
    url = (resolve(permalink, page.url) if permalink else None) or page.url
    budget = link_budget(max_citations)
    jsx = _is_mdx(page)
    if jsx and "{/*" in body:
        body = _comments_blanked(body, _MDX_COMMENTS)
    if "%%" in body:
        body = _comments_blanked(body, _obsidian_comments(page.url))
    if "{%" in body and runs_liquid(page.url):
        body = _comments_blanked(body, _LIQUID_COMMENTS)
    unseen: dict[str, VaultNote] = {}
    if "[[" in body:
        body, unseen = wikilinks_as_links(body, page.url)
    if "{{<" in body:
        body = _HUGO_CLOSING_LINE.sub(r"\1\\>", body)
    local = page.url[:5].lower() == "file:" and url != page.url
    lines, embeds = markdown_lines(
        body,
        url,
        include_verbatim=include_verbatim,
        max_links=budget,
        jsx=jsx,
        source=page.url if local else None,
        site=site_of(page.url) if SITE_ALIAS in body else None,
    )
    title = fields.get("title") or None
    if title is None:
        heading = next((i for i, line in enumerate(lines) if _is_title(line)), None)
        if heading is not None:
            title = lines[heading].text
            lines = _without_title_line(lines, heading)
    published = parse_post_date(fields.get("date") or fields.get("published"))
    found = post_citations(lines, title, url, embeds, limit=max_citations)
    document = found.document(url, page.origin, title, published)
    if page.url[:5].lower() == "file:" and any(_links_a_note(c.url) for c in document.citations):
        document = _note_links_resolved(document, page.url)
    if unseen:
        document = _vault_notes_marked(document, unseen)
    return (dataclasses.replace(document, unread_part=unread) if unread else document,)


def _links_a_note(url: str | None) -> bool:
    """Whether ``url`` is a local file of a note's kind (a Markdown file)."""
    if not url or url[:5].lower() != "file:":
        return False
    return is_note_path(url.split("#", 1)[0].split("?", 1)[0])


def _note_links_resolved(document: Document, page_url: str) -> Document:
    """``document`` with each Markdown link of a vault's note to a note the vault does not hold
    at that path taken as Obsidian takes it (:func:`~checker.extract.wikilinks.note_links`):
    the note found elsewhere in the vault, or marked as a note not seen, as a wikilink is."""
    resolved = note_links((c.url for c in document.citations), page_url)
    if not resolved:
        return document
    citations: list[Citation] = []
    at: dict[tuple[CitationKind, str | None], int] = {}  # one note, one citation
    for citation in document.citations:
        told = resolved.get(citation.url or "")
        if isinstance(told, VaultNote):
            citation = dataclasses.replace(citation, vault_note=told)  # noqa: PLW2901
        elif told is not None:
            citation = dataclasses.replace(citation, url=told)  # noqa: PLW2901
        key = (citation.kind, citation.url)
        if key in at:  # [x](Note.md) and [y](Sub/Note.md): the note's one citation
            first = citations[at[key]]
            fragments = tuple(dict.fromkeys((*first.fragments, *citation.fragments)))
            citations[at[key]] = dataclasses.replace(first, fragments=fragments)
            continue
        at[key] = len(citations)
        citations.append(citation)
    return dataclasses.replace(document, citations=tuple(citations))


def _vault_notes_marked(document: Document, unseen: dict[str, VaultNote]) -> Document:
    """``document`` with each citation of a note its vault was not seen to hold (``unseen``:
    the wikilinks' targets not found, :func:`~checker.extract.wikilinks.wikilinks_as_links`)
    marked with why, for verify to say."""
    citations = tuple(
        dataclasses.replace(c, vault_note=unseen[c.url]) if c.url in unseen else c
        for c in document.citations
    )
    return dataclasses.replace(document, citations=citations)


def _without_title_line(lines: list[Line], heading: int) -> list[Line]:
    """``lines`` without the heading that became the title, unless it holds a link.

    Only that line goes: the lines before it stay.  All of them went, so a post that opens with
    a paragraph (an intro, a badge line, a list of URLs read from standard input) before its first
    heading lost that paragraph's links with no word, and a run of them said "0 citations".
    """
    if lines[heading].anchors or lines[heading].cited:
        return lines
    return lines[:heading] + lines[heading + 1 :]


def _is_title(line: Line) -> bool:
    """A heading of the post's own (not of a pasted embed) that shows some text."""
    return line.heading and bool(line.text) and line.embed is None
