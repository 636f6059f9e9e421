"""Markdown posts: front matter, links in every Markdown spelling, and the attribution block.

A Markdown file is one post.  Its title and date come from YAML-style front matter (``title:``,
``date:``), else from the first ``#`` heading.  Links are inline ``[text](url "title")``,
reference ``[text][ref]`` with ``[ref]: url``, autolinks ``<url>``, inline ``<a href>`` and bare
URLs; images are not citations.  Each line is reduced to the text a reader sees, its links kept
as anchors, so the attribution parser reads it exactly as it reads HTML or plain text.
"""

from __future__ import annotations

import re

from checker.extract.citations import post_citations
from checker.extract.dates import to_iso
from checker.extract.embeds import find_captured
from checker.extract.lines import Anchor, Line, bare_urls
from checker.extract.links import resolve
from checker.model import Document, Page

__all__ = ["extract_markdown"]

_FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")
_CODE_FENCE = re.compile(r"^\s*(?:```|~~~)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_INLINE = re.compile(
    r"\[(?P<text>[^\]]*)\]\(\s*<?(?P<url>[^)\s>]+)>?(?:\s+[\"'(][^)]*[\"')])?\s*\)"
)
_REFERENCE = re.compile(r"\[(?P<text>[^\]]+)\]\[(?P<ref>[^\]]*)\]")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>", re.IGNORECASE)
_HTML_ANCHOR = re.compile(
    r"<a\s[^>]*?href\s*=\s*[\"'](?P<url>[^\"']+)[\"'][^>]*>(?P<text>.*?)</a>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_LINE_PREFIX = re.compile(r"^\s*(?:>\s*)+|^\s*(?:[-*+]|\d+[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_(?!\s)|`)")


def _strip_quotes(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _front_matter(raw: list[str]) -> tuple[dict[str, str], int]:
    """Fields of a leading front-matter block and the number of lines it takes."""
    if not raw or not _FRONT_MATTER_FENCE.match(raw[0]):
        return {}, 0
    fields: dict[str, str] = {}
    for index in range(1, len(raw)):
        if _FRONT_MATTER_FENCE.match(raw[index]):
            return fields, index + 1
        found = _FRONT_MATTER_FIELD.match(raw[index])
        if found is not None:
            fields.setdefault(found.group("key").lower(), _strip_quotes(found.group("value")))
    return {}, 0


def _references(raw: list[str]) -> dict[str, str]:
    refs: dict[str, str] = {}
    for line in raw:
        found = _REFERENCE_DEFINITION.match(line)
        if found is not None:
            refs.setdefault(found.group("ref").strip().lower(), found.group("url"))
    return refs


def _markdown_line(raw: str, number: int, refs: dict[str, str]) -> Line:
    """One Markdown line as visible text plus its anchors, in the order they appear."""
    found: list[tuple[int, Anchor]] = []

    def inline(match: re.Match[str]) -> str:
        found.append((match.start(), Anchor(match.group("text").strip(), match.group("url"))))
        return match.group("text")

    def reference(match: re.Match[str]) -> str:
        ref = (match.group("ref") or match.group("text")).strip().lower()
        if ref in refs:
            found.append((match.start(), Anchor(match.group("text").strip(), refs[ref])))
        return match.group("text")

    def autolink(match: re.Match[str]) -> str:
        found.append((match.start(), Anchor(match.group("url"), match.group("url"))))
        return match.group("url")

    def html_anchor(match: re.Match[str]) -> str:
        text = _TAG.sub("", match.group("text")).strip()
        found.append((match.start(), Anchor(text, match.group("url"))))
        return text

    text = _IMAGE.sub("", raw)
    text = _HTML_ANCHOR.sub(html_anchor, text)
    text = _INLINE.sub(inline, text)
    text = _REFERENCE.sub(reference, text)
    text = _AUTOLINK.sub(autolink, text)
    linked = {a.href for _, a in found}
    offset = len(text) + 1
    for url in bare_urls(text):
        if url not in linked:
            found.append((offset, Anchor(url, url)))
            offset += 1
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", _LINE_PREFIX.sub("", _HEADING.sub("", text)))
    anchors = tuple(
        Anchor(_EMPHASIS.sub("", a.text), a.href) for _, a in sorted(found, key=lambda i: i[0])
    )
    return Line(" ".join(text.split()), number, anchors)


def _body_lines(raw: list[str], start: int, refs: dict[str, str]) -> list[tuple[Line, bool]]:
    """Visible lines after the front matter, each with whether it is a heading."""
    lines: list[tuple[Line, bool]] = []
    in_code = False
    for index in range(start, len(raw)):
        text = raw[index]
        if _CODE_FENCE.match(text):
            in_code = not in_code
            continue
        if in_code or _REFERENCE_DEFINITION.match(text):
            continue
        lines.append((_markdown_line(text, index + 1, refs), bool(_HEADING.match(text))))
    return lines


def extract_markdown(page: Page) -> tuple[Document, ...]:
    """The one :class:`Document` a Markdown page holds."""
    raw = page.body.splitlines()
    fields, start = _front_matter(raw)
    refs = _references(raw)
    lines = _body_lines(raw, start, refs)
    title = fields.get("title") or None
    if title is None:
        heading = next((i for i, (line, is_h) in enumerate(lines) if is_h and line.text), None)
        if heading is not None:
            title = lines[heading][0].text
            lines = lines[heading + 1 :]
    permalink = next(
        (fields[k] for k in ("canonical_url", "canonical", "permalink", "url") if fields.get(k)),
        None,
    )
    url = (resolve(permalink, page.url) if permalink else None) or page.url
    published = to_iso(fields.get("date") or fields.get("published"))
    body, embeds = find_captured([line for line, _ in lines])
    return (Document(url, page.origin, title, published, post_citations(body, title, url, embeds)),)
