"""Rewrite a post's dead links in place, touching nothing but the link targets.

A fix the writer can trust changes only what it says it changes, so nothing is parsed and
re-serialised (which would re-quote attributes, re-indent, re-escape the whole file): each repair
is a span edit on the exact text of the link as written.  For a file, the link is looked for on
the citation's line (an attribution's URL may sit a few lines under its first line, so the lines
below it are tried next), and the same link written again further on is rewritten too (a post
cites a URL once, at its first link; a Markdown reference may be defined above its use); for an
export, in the post's own content, where the post HTML is escaped inside the XML.

What counts as the link target, per syntax (every other occurrence of the URL stays as it is):

- Markdown: a link destination (``[text](URL)``, ``<URL>``, ``[ref]: URL``) or a bare URL; the
  link text is kept, so ``[https://x/a](https://x/a)`` keeps showing the original.
- HTML, and HTML inside Markdown or an export: the ``href`` of an ``<a>`` element, or a URL
  written as plain text.  An archived copy goes into ``href`` and the original stays in Robust
  Links attributes (``data-originalurl``, ``data-versionurl``, ``data-versiondate``;
  https://robustlinks.mementoweb.org/spec/), so readers and link-rot tools keep both.  Anchor
  text and other attributes are left alone.

An occurrence counts only as a whole URL: not inside a longer URL (an archived copy's replay URL
holds the original, which is why a second ``fix`` finds nothing to do) nor as its prefix.
Searches look at most a fixed distance back from an occurrence and use no backtracking pattern,
so the cost is linear in the file.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from html import escape

from checker.encoding import ASCII_IGNORECASE
from checker.fix.plan import Repair

__all__ = ["Missed", "Rewritten", "Syntax", "rewrite"]


class Syntax(StrEnum):
    """How a file writes its links."""

    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"
    EXPORT = "export"
    """A Blogger (Atom) or WordPress (WXR) export: post HTML escaped in XML text or CDATA."""


@dataclass(frozen=True, slots=True)
class Missed:
    """A repair that could not be made, and why (said to the user, never silently dropped)."""

    repair: Repair
    reason: str


@dataclass(frozen=True, slots=True)
class Rewritten:
    """A file's new text, and which repairs were made and which were not."""

    text: str
    applied: tuple[Repair, ...]
    missed: tuple[Missed, ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    """One occurrence of a URL as written: its span and how ``&`` is spelt in it."""

    start: int
    end: int
    amp: str


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


_LINE_BREAK = re.compile(r"\r\n?|\n")  # the extractors' own line breaks, so numbers agree
_BELOW = 12
"""Lines under a citation's line searched when its URL is not on it: an attribution block's
line is its first (the title), its URL a few lines down."""
_REACH = 4096
"""How far back from an occurrence the enclosing tag is looked for."""
_MAX_HITS = 1000
"""Occurrences of one URL looked at in one region: a post cites a URL a few times, and a line
of a million copies must not cost a million backward looks."""
_AMPERSANDS = ("&", "&amp;", "&amp;amp;")
"""``&`` in a URL as written: raw, HTML-escaped, and HTML-escaped inside escaped XML text."""
_URL_BEFORE = frozenset(string.ascii_letters + string.digits + "/:.%-_~?&=#+@$")
_URL_AFTER = frozenset(string.ascii_letters + string.digits + "/%-_~?=+@$:")
_SENTENCE_END = frozenset(".,;:!")
_CLOSERS = frozenset(")]>}\"'")
_ENTITY_AFTER = ("&quot;", "&#34;", "&#x22;", "&apos;", "&#39;", "&#x27;", "&gt;", "&lt;")
_HREF_BEFORE = re.compile(
    r"""\bhref[ \t\r\n]*=[ \t\r\n]*(&quot;|&#34;|&#x22;|&apos;|&#39;|&#x27;|"|')?\Z""",
    ASCII_IGNORECASE,
)
_A_TAG = re.compile(r"(?:<|&lt;)(/?)a(?=[\s>/]|&gt;)", ASCII_IGNORECASE)
_ROBUST = ("data-originalurl", "data-versionurl")


def rewrite(text: str, syntax: Syntax, repairs: Sequence[Repair]) -> Rewritten:
    """``text`` with ``repairs`` made; every byte outside the edited spans is unchanged."""
    edits: list[_Edit] = []
    taken: set[int] = set()
    applied: list[Repair] = []
    missed: list[Missed] = []
    starts = _line_starts(text) if syntax is not Syntax.EXPORT else []
    spans = _owned_spans(starts, len(text), syntax, repairs) if starts else {}
    for index, repair in enumerate(repairs):
        if syntax is Syntax.EXPORT:
            regions = _export_regions(text, repair.post_url)
            if not regions:
                missed.append(Missed(repair, "the post was not found in the export"))
                continue
        elif repair.line is None:
            missed.append(Missed(repair, "the citation has no line number"))
            continue
        else:
            regions = _line_regions(starts, len(text), repair.line)
        found, reason = _repair_edits(text, syntax, repair, regions)
        if index in spans:
            found += _further_edits(text, syntax, repair, spans[index], found)
        fresh = [e for e in found if e.start not in taken]
        if not found:
            missed.append(Missed(repair, reason))
            continue
        taken.update(e.start for e in fresh)
        edits += fresh
        applied.append(repair)
    return Rewritten(_apply(text, edits), tuple(applied), tuple(missed))


def _owned_spans(
    starts: Sequence[int], size: int, syntax: Syntax, repairs: Sequence[Repair]
) -> dict[int, tuple[int, int]]:
    """For each repair of a file (by index), the span where its URL's other links are its own.

    The extractors report a URL once per post, at its first occurrence, so a post that links a
    dead source twice has one citation and one repair: its later links are found here.  A span
    runs from the citation's line to the next citation of the same URL (another post of the same
    file, with a repair of its own) or the end of the file.  A Markdown file is one post whose
    citation line is where the link is used, while ``[label]: URL`` may be defined anywhere, above
    it too: the first repair of a URL there owns the file from its start.
    """
    by_url: dict[str, list[int]] = {}
    for index, repair in enumerate(repairs):
        if repair.line is not None and 1 <= repair.line <= len(starts):
            by_url.setdefault(repair.old_url, []).append(index)
    spans: dict[int, tuple[int, int]] = {}
    for indexes in by_url.values():
        ordered = sorted(indexes, key=lambda i: repairs[i].line or 0)
        for position, index in enumerate(ordered):
            line = repairs[index].line or 1
            low = 0 if position == 0 and syntax is Syntax.MARKDOWN else starts[line - 1]
            following = ordered[position + 1] if position + 1 < len(ordered) else None
            high = starts[(repairs[following].line or 1) - 1] if following is not None else size
            spans[index] = (low, max(low, high))
    return spans


def _further_edits(
    text: str, syntax: Syntax, repair: Repair, span: tuple[int, int], found: Sequence[_Edit]
) -> list[_Edit]:
    """The edits of the repair's URL's other link targets in ``span``: the same link, written
    again.  An occurrence that is no link target (code, link text) stays, as at the first."""
    done = {edit.start for edit in found}
    edits: list[_Edit] = []
    for hit in _hits(text, repair.old_url, *span):
        if hit.start in done:
            continue
        made = _edit_hit(text, syntax, repair, hit, 0)
        if not isinstance(made, str):
            edits += made
    return edits


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def _line_regions(starts: Sequence[int], size: int, line: int) -> list[tuple[int, int]]:
    """The citation's line first, then the lines under it, one region each, in that order."""
    regions = []
    for number in range(line, line + _BELOW + 1):
        if not 1 <= number <= len(starts):
            break
        end = starts[number] if number < len(starts) else size
        regions.append((starts[number - 1], end))
    return regions


def _repair_edits(
    text: str, syntax: Syntax, repair: Repair, regions: Sequence[tuple[int, int]]
) -> tuple[list[_Edit], str]:
    """The edits for ``repair`` in the first region holding its link (exports: in all of them).

    Returns no edit and the reason when there is nothing to edit.
    """
    reason = f"{repair.old_url} is not written as a link target on line {repair.line} or below"
    if syntax is Syntax.EXPORT:
        reason = f"{repair.old_url} is not written as a link in the post's content"
    edits: list[_Edit] = []
    for low, high in regions:
        for hit in _hits(text, repair.old_url, low, high):
            made = _edit_hit(text, syntax, repair, hit, low if syntax is Syntax.EXPORT else 0)
            if isinstance(made, str):
                reason = made
            else:
                edits += made
        if edits and syntax is not Syntax.EXPORT:
            break
    return edits, reason


def _hits(text: str, url: str, low: int, high: int) -> list[_Hit]:
    """Whole-URL occurrences of ``url`` starting in ``[low, high)``, ``&`` spelt any usual way."""
    forms: dict[str, str] = {}
    for amp in _AMPERSANDS:
        forms.setdefault(url.replace("&", amp), amp)
    if url.endswith("/") and url.count("/") == 3:  # https://host/ is often written https://host
        forms.setdefault(url[:-1], "&")
    hits: dict[int, _Hit] = {}
    for written, amp in forms.items():
        at = text.find(written, low, high + len(written))
        while at != -1 and at < high and len(hits) < _MAX_HITS:
            end = at + len(written)
            if _whole(text, at, end) and at not in hits:
                hits[at] = _Hit(at, end, amp)
            at = text.find(written, at + 1, high + len(written))
    return [hits[k] for k in sorted(hits)]


def _whole(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole URL, not part of a longer one."""
    # an unquoted href=URL is whole; the URL in another URL's query (?u=URL) is not
    unquoted_href = text[max(0, start - 5) : start].lower() == "href="
    if start > 0 and text[start - 1] in _URL_BEFORE and not unquoted_href:
        return False
    if end >= len(text):
        return True
    after = text[end]
    if after == "&":
        return text.startswith(_ENTITY_AFTER, end)
    if after in _SENTENCE_END:  # "see https://x/a." ends a sentence; "https://x/a.html" does not
        following = text[end + 1 : end + 2]
        return not following or following.isspace() or following in _CLOSERS or following == "<"
    return after not in _URL_AFTER


def _edit_hit(
    text: str, syntax: Syntax, repair: Repair, hit: _Hit, floor: int
) -> list[_Edit] | str:
    """The edits one occurrence needs, or why it is not a link target to rewrite."""
    escaped = syntax is Syntax.EXPORT and not _in_cdata(text, floor, hit.start)
    back = max(floor, hit.start - _REACH)
    href = _HREF_BEFORE.search(text, max(back, hit.start - 64), hit.start)
    if href is not None:
        return _edit_href(text, repair, hit, back, href.group(1), escaped=escaped)
    if syntax is not Syntax.MARKDOWN and _inside_tag(text, back, hit.start, escaped=escaped):
        return "the URL is in an attribute other than href"
    if _in_anchor_text(text, back, hit.start):
        return "the URL is the text of a link, which is kept"
    if syntax is Syntax.MARKDOWN and _in_code_span(text, hit.start):
        return "the URL is in a code span, which is not a citation"
    if syntax is Syntax.MARKDOWN and text.startswith("](", hit.end):
        return "the URL is the text of a link, which is kept"
    if syntax is Syntax.MARKDOWN and _in_reference_label(text, hit.start):
        return "the URL is a link reference label"
    return [_Edit(hit.start, hit.end, repair.new_url.replace("&", hit.amp))]


def _edit_href(
    text: str, repair: Repair, hit: _Hit, back: int, quote: str | None, *, escaped: bool
) -> list[_Edit] | str:
    """Rewrite an ``href``; for an archived copy, add the Robust Links attributes after it."""
    opened = _last_a_tag(text, back, hit.start)
    if opened is None or opened[1] or not _in_start_tag(text, opened[0], hit.start, escaped):
        return "the href is not on an <a> element"
    tag_start = opened[0]
    value = _Edit(hit.start, hit.end, repair.new_url.replace("&", hit.amp))
    if not repair.archived:
        return [value]
    closer = quote or ""
    value_end = (
        text.find(quote, hit.end, hit.end + _REACH) if quote else _unquoted_end(text, hit.end)
    )
    if value_end == -1:
        return "the href's closing quote was not found"
    insert_at = value_end + len(closer)
    tag_end = _tag_end(text, insert_at, escaped=escaped)
    if any(name in text[tag_start:tag_end].lower() for name in _ROBUST):
        return "the link already carries Robust Links attributes"
    mark = quote or ("&quot;" if escaped else '"')
    attributes = [("data-originalurl", repair.old_url), ("data-versionurl", repair.new_url)]
    if repair.version_date:
        attributes.append(("data-versiondate", repair.version_date))
    added = "".join(
        f" {name}={mark}{_attribute(v, escaped=escaped)}{mark}" for name, v in attributes
    )
    return [value, _Edit(insert_at, insert_at, added)]


def _attribute(value: str, *, escaped: bool) -> str:
    """An attribute value escaped for HTML, and once more when the HTML is XML-escaped text."""
    html_value = escape(value, quote=True)
    return escape(html_value, quote=False) if escaped else html_value


def _unquoted_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] != ">":
        if text.startswith("&gt;", end):
            break
        end += 1
    return end


def _tag_end(text: str, start: int, *, escaped: bool) -> int:
    limit = min(len(text), start + _REACH)
    ends = [text.find(">", start, limit)]
    if escaped:
        ends.append(text.find("&gt;", start, limit))
    found = [e for e in ends if e != -1]
    return min(found) if found else limit


def _last_a_tag(text: str, low: int, high: int) -> tuple[int, bool] | None:
    """The start of the last ``<a`` or ``</a`` tag in ``[low, high)``, and whether it closes."""
    last = None
    for match in _A_TAG.finditer(text, low, high):
        last = match
    return None if last is None else (last.start(), bool(last.group(1)))


def _inside_tag(text: str, low: int, high: int, *, escaped: bool) -> bool:
    """Whether ``high`` is inside a tag: a ``<`` (``&lt;`` when escaped) after the last ``>``."""
    opening = text.rfind("<", low, high)
    closing = text.rfind(">", low, high)
    if escaped:
        opening = max(opening, text.rfind("&lt;", low, high))
        closing = max(closing, text.rfind("&gt;", low, high))
    return opening > closing


def _in_start_tag(text: str, tag_start: int, at: int, escaped: bool) -> bool:
    """Whether ``at`` is still inside the start tag that begins at ``tag_start``."""
    marks = ("<", ">", "&lt;", "&gt;") if escaped else ("<", ">")
    return all(text.find(mark, tag_start + 1, at) == -1 for mark in marks)


def _in_anchor_text(text: str, low: int, high: int) -> bool:
    opened = _last_a_tag(text, low, high)
    return (
        opened is not None
        and not opened[1]
        and not _inside_tag(text, opened[0], high, escaped=True)
    )


def _in_code_span(text: str, start: int) -> bool:
    """Whether an odd number of backticks precede ``start`` on its line (an open code span)."""
    low = max(0, start - _REACH)
    line_start = max(text.rfind("\n", low, start), text.rfind("\r", low, start), low - 1) + 1
    return text.count("`", line_start, start) % 2 == 1


def _in_reference_label(text: str, start: int) -> bool:
    """``[https://x/a]: …`` names a reference; its definition is the destination after it."""
    line_start = text.rfind("\n", max(0, start - 1000), start) + 1
    return text[line_start:start].lstrip(" ").startswith("[") and text.startswith("]:", start)


def _in_cdata(text: str, low: int, at: int) -> bool:
    return text.rfind("<![CDATA[", low, at) > text.rfind("]]>", low, at)


def _apply(text: str, edits: Iterable[_Edit]) -> str:
    """``text`` with non-overlapping span edits made, everything between them copied as is."""
    out: list[str] = []
    copied = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < copied:
            continue  # overlapping: the first edit of a span wins
        out += (text[copied : edit.start], edit.text)
        copied = edit.end
    out.append(text[copied:])
    return "".join(out)


# --- exports ---------------------------------------------------------------------------------

_ENTRY = re.compile(r"<(entry|item)(?=[\s>])")
_CONTENT = re.compile(r"<(content:encoded|content|description)(?=[\s>/])")


def _export_regions(text: str, post_url: str) -> list[tuple[int, int]]:
    """The spans of the post's content in an export: inside the entry whose permalink it is."""
    regions: list[tuple[int, int]] = []
    at = 0
    while (entry := _ENTRY.search(text, at)) is not None:
        closing = f"</{entry.group(1)}>"
        end = text.find(closing, entry.end())
        if end == -1:
            break
        content = _content_span(text, entry.end(), end)
        outside = text[entry.start() : end]
        if content is not None:
            outside = text[entry.start() : content[0]] + text[content[1] : end]
        if content is not None and _names_post(outside, post_url):
            regions.append(content)
        at = end + len(closing)
    return regions


def _content_span(text: str, low: int, high: int) -> tuple[int, int] | None:
    found = {m.group(1): m for m in _CONTENT.finditer(text, low, high)}
    for name in ("content:encoded", "content", "description"):
        match = found.get(name)
        if match is None:
            continue
        start = text.find(">", match.end(), high)
        if start == -1 or text[start - 1] == "/":
            return None
        end = text.find(f"</{name}>", start, high)
        return None if end == -1 else (start + 1, end)
    return None


def _names_post(entry: str, post_url: str) -> bool:
    """Whether an entry (its content cut out) gives ``post_url`` as its permalink."""
    written = post_url.replace("&", "&amp;")
    return any(
        form in entry
        for form in (
            f"href='{written}'",
            f'href="{written}"',
            f">{written}<",
            f"<![CDATA[{post_url}]]>",
        )
    )
