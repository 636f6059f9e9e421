"""Movable Type's import/export format, read into posts: Hatena Blog's, livedoor Blog's and
Movable Type's own exports (``NAME.hatenablog.com.export.txt``) and what tools write to import
into them.

The format is text, one entry after another, each ended by a line of eight dashes::

    AUTHOR: a-yamada
    TITLE: 最初の記事
    BASENAME: 2017/06/08/140500
    STATUS: Publish
    CONVERT BREAKS: 0
    DATE: 06/08/2017 14:05:00
    CATEGORY: gRPC
    IMAGE: https://cdn-ak.f.st-hatena.com/…/eyecatch.png
    -----
    BODY:
    <p>The post's HTML …</p>
    -----
    EXTENDED BODY:
    <p>… its part after "read more"</p>
    -----
    COMMENT:
    AUTHOR: a reader
    URL: https://the-readers-site/
    …
    -----
    --------

Read as one text file, the export was one post with every entry's links in it, and the
export's own fields were cited as if the author had: a reader's home page from a ``COMMENT``'s
``URL:``, the links of their comment, a trackback's ``PING`` address and the ``IMAGE:`` eye
catch; a reader's old dead site failed the author's run (probe 27).  Here each entry is a post
of its own (``BODY`` and ``EXTENDED BODY``), with its title, date, categories and state (a draft
is checked and said, as a WordPress or Blogger export's is); comments, pings, the excerpt, the
keywords and the header fields are not the author's citations and are not read.  An entry
written in Markdown (``CONVERT BREAKS: markdown``) is read as Markdown.

The export names no address for a post (Hatena's ``BASENAME`` is a path on a host the file does
not give), so each is named by the file's address and its basename or number
(:func:`~checker.discover.feeds.made_up_address`).  Its citations are at their lines of the
file (:attr:`~checker.model.Page.line_offset`; they were the entry's own).  The file is read
line by line once: no pattern sees more than one line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from checker.discover.exports import file_address
from checker.encoding import ascii_lower
from checker.model import Page, PageKind

__all__ = ["movable_type_pages"]

_HEADER_KEYS = frozenset(
    {"AUTHOR", "TITLE", "BASENAME", "STATUS", "ALLOW COMMENTS", "CONVERT BREAKS", "ALLOW PINGS",
     "PRIMARY CATEGORY", "CATEGORY", "DATE", "TAGS", "NO ENTRY", "IMAGE", "UNIQUE URL"}
)  # fmt: skip
"""The fields an entry opens with (movabletype.org's "import/export format", and Hatena's
``IMAGE``)."""
_POST_SECTIONS = frozenset({"BODY", "EXTENDED BODY"})
"""The sections that hold the author's post; ``EXCERPT``, ``KEYWORDS``, ``COMMENT`` and
``PING`` do not."""
_SECTIONS = _POST_SECTIONS | {"EXCERPT", "KEYWORDS", "COMMENT", "PING"}
_FIELD = re.compile(r"([A-Z][A-Z ]{1,20}):[ \t]?(.*)")
_SECTION_END = "-----"
_ENTRY_END = "--------"
_LINE_END = re.compile(r"\r\n|\r|\n")
"""Where the file's lines end as an editor counts them: ``\n``, ``\r\n`` and ``\r`` alone, in
one file alike (an entry pasted from an old Mac file into an export; not U+2028 nor a form
feed).  Split at ``\n`` alone when the file had one, an entry of ``\r`` ends was one line,
its header unread and the entry dropped with no word (probe 28l)."""
_DATE_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S")
_MARKDOWN_BREAKS = ("markdown", "markdown_with_smartypants")


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Entry:
    """One entry as it is read: its header fields and its post sections' lines.

    ``lines`` run from the entry's first post line (``start``, a 0-based line of the file) to
    its last, each file line between two post lines that is no post's (``-----`` and
    ``EXTENDED BODY:``, an ``EXCERPT`` between) a blank line: line ``k`` of the post is line
    ``start + k`` of the file, and the padding is bounded by the entry's own lines (an offset
    the page carries, not blank lines before it: those cost the sum of the entries' start
    lines, quadratic in a large export)."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    has_body: bool = False
    start: int | None = None

    def first(self, key: str) -> str | None:
        values = self.fields.get(key)
        return values[0].strip() or None if values else None

    def add(self, number: int, line: str) -> None:
        """Take the file's line ``number`` (0-based) as the post's next line."""
        if self.start is None:
            self.start = number
        else:
            self.lines.extend([""] * (number - self.start - len(self.lines)))
        self.lines.append(line)


def _field(line: str) -> tuple[str, str] | None:
    found = _FIELD.fullmatch(line.rstrip())
    return (found.group(1), found.group(2)) if found else None


def _opens_export(text: str) -> bool:
    """Whether the text starts as an export: its first two lines are header fields."""
    head = text.lstrip("\ufeff\r\n")[:400].splitlines()[:2]
    fields = [_field(line) for line in head]
    return len(fields) == 2 and all(f is not None and f[0] in _HEADER_KEYS for f in fields)


def _entries(text: str) -> list[_Entry]:
    """The entries of an export, read line by line: a header, then sections, each after a line
    of five dashes and opened by its name alone on a line, until a line of eight dashes.

    In a post's section a dash line is the format's only where the format goes on after it (a
    section's name or the entry's end after ``-----``, a header field after ``--------``, or
    the file's end): a Markdown post's rule is written alike, and taken for the format's, the
    post's lines after it were dropped, their links never cited (probe 27b)."""
    entries: list[_Entry] = []
    entry = _Entry()
    section: str | None = "header"
    lines = _LINE_END.split(text)
    after = _next_written(lines)
    for number, line in enumerate(lines):
        mark = line.rstrip()
        in_post = section in _POST_SECTIONS and mark in (_SECTION_END, _ENTRY_END)
        if in_post and not _goes_on(mark, after[number]):
            entry.add(number, line)
            continue
        if mark == _ENTRY_END:
            if entry.has_body:
                entries.append(entry)
            entry, section = _Entry(), "header"
        elif mark == _SECTION_END:
            section = None  # the next section's name follows
        elif section is None:
            name = mark.removesuffix(":")
            if name in _SECTIONS and mark.endswith(":"):
                section = name
                entry.has_body = entry.has_body or name in _POST_SECTIONS
        elif section == "header":
            found = _field(line)
            if found is not None and found[0] in _HEADER_KEYS:
                entry.fields.setdefault(found[0], []).append(found[1])
        elif section in _POST_SECTIONS:
            entry.add(number, line)
    if entry.has_body:  # the last entry, its closing line missing
        entries.append(entry)
    return entries


def _next_written(lines: list[str]) -> list[str | None]:
    """For each line, the next line after it that is not blank (None at the file's end): one
    pass from the end, so a run of blank lines is read once, not once per dash line above it."""
    after: list[str | None] = [None] * len(lines)
    written: str | None = None
    for number in range(len(lines) - 1, -1, -1):
        after[number] = written
        if lines[number].strip():
            written = lines[number].rstrip()
    return after


def _goes_on(mark: str, written: str | None) -> bool:
    """Whether the format goes on after the dash line ``mark`` when ``written`` follows it."""
    if written is None:
        return True
    if mark == _SECTION_END:
        return written == _ENTRY_END or (
            written.endswith(":") and written.removesuffix(":") in _SECTIONS
        )
    found = _field(written)
    return found is not None and found[0] in _HEADER_KEYS


def _published(written: str | None) -> datetime | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime((written or "").strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _page(entry: _Entry, number: int, file_url: str, origin: str) -> Page:
    # lxml, which the feed reader imports, only once a file is an export (as exports.py does)
    from checker.discover.feeds import (  # noqa: PLC0415
        ENTRY_HEAD_LINES,
        FeedEntry,
        entry_label,
        entry_page_html,
        entry_status,
        made_up_address,
    )

    labels = tuple(
        dict.fromkeys(
            value.strip()
            for key in ("PRIMARY CATEGORY", "CATEGORY")
            for value in entry.fields.get(key, ())
            if value.strip()
        )
    )
    post = FeedEntry(
        made_up_address(file_url, "entry", entry.first("BASENAME") or str(number)),
        entry.first("TITLE"),
        _published(entry.first("DATE")),
        None,
        "\n".join(entry.lines),
        labels,
        status=entry_status(entry.first("STATUS") or ""),
        permalink=False,
    )
    breaks = ascii_lower(entry.first("CONVERT BREAKS") or "")
    if breaks not in _MARKDOWN_BREAKS:
        body, kind = entry_page_html(post), PageKind.HTML
        head = ENTRY_HEAD_LINES  # (its title and address are one-line fields)
    else:
        day = post.published.isoformat() if post.published else ""
        front = json.dumps({"title": entry_label(post), "date": day}, ensure_ascii=False, indent=1)
        body, kind = f"{front}\n{post.content}\n", PageKind.MARKDOWN
        head = front.count("\n") + 1
    # the post's first line, the body's line ``head + 1``, is the file's line ``start + 1``
    return Page(post.url, origin, body, kind, (entry.start or 0) - head)


def movable_type_pages(text: str, origin: str) -> tuple[Page, ...] | None:
    """One page per entry of a Movable Type export, or None when ``text`` is not one (its first
    two lines are not header fields, or no entry has a body)."""
    if not _opens_export(text):
        return None
    entries = _entries(text)
    if not entries:
        return None
    file_url = file_address(origin)
    return tuple(_page(entry, number, file_url, origin) for number, entry in enumerate(entries, 1))
