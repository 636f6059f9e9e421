"""The plain-text markups read as text (reST, AsciiDoc, Org, LaTeX, Textile, wikitext, and JSON
named as an input: a notebook, a Ghost export), made readable.

A folder's ``.rst``, ``.adoc``, ``.org``, ``.tex``, ``.textile`` and ``.wiki`` files are read by
the text extractor, which has no markup telling it what is code: ``curl https://api.example/v1``
in a code block, an example's ``http://localhost:8000/`` and Org's ``=https://x.example/a=``
(cited as ``…/a=``) were checked as citations, false ``broken`` findings that Markdown's code,
skipped unless ``--include-verbatim``, never gives (probe 19c).  Each markup's literal blocks and
inline literals are blanked here; with ``--include-verbatim`` they are read, as Markdown's are,
but their marks are still taken away, so ``=https://x.example/a=`` is ``https://x.example/a``
either way (the raw body was read, ``…/a=`` again) and a block's delimiter line is never text.
The marks that would run into a URL are taken away too (LaTeX's ``\\url{URL}`` and
``\\href{URL}{text}``, read as ``URL}{text}``; a wiki template's ``|url=URL|title=…}}``), and
comments, which no reader sees, are blanked even with ``--include-verbatim`` (an HTML comment is
never read either).  All of it line for line (a citation's FILE:LINE stays right), in one pass
over the lines: no regex over a whole block, no input-controlled backtracking.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote

from checker.encoding import ASCII_IGNORECASE, ascii_lower
from checker.lazyre import lazy
from checker.urls import DOI_RESOLVER, EMBED_SHORTCODES, doi_url

__all__ = ["read_markup", "readable"]

_RST = frozenset({".rst", ".rest"})
_ADOC = frozenset({".adoc", ".asciidoc"})
_ORG = frozenset({".org"})
_TEX = frozenset({".tex", ".latex", ".ltx"})
_TEXTILE = frozenset({".textile"})
_WIKI = frozenset({".wiki"})
_JSON = frozenset({".json", ".ipynb", ".jsonl", ".ndjson"})
# An image's directive (``.. image:: URL``, ``.. figure:: URL``, a substitution's ``.. |logo|
# image:: URL``): its argument is the picture, no citation, as an ``<img src>`` is none (its
# ``:target:`` option, a line of its own, is the link a reader clicks, and stays).
_RST_IMAGE = lazy(r"\s*\.\.\s+(?:\|[^|\n]{1,200}\|\s+)?(?:image|figure)::", re.IGNORECASE)
_RST_CODE_DIRECTIVE = lazy(
    r"\s*\.\.\s+(?:code-block|code|sourcecode|highlight|literalinclude|parsed-literal|doctest)::",
    re.IGNORECASE,
)
# Explicit markup (``.. `` at a block's start) that is shown: a footnote or citation
# (``[label]``), a hyperlink target (``_name:``, ``__:``), a substitution (``|name|``) or a
# directive (``name::``, docutils' simple name).  Any other explicit markup is a comment.
_RST_EXPLICIT = lazy(r"\.\.(?:[ \t]+|$)")
# A hyperlink target (``.. _name:``, ``.. _`a: b`:``, anonymous ``.. __:`` and ``__``) and the
# rest of its line; its link block, once joined, is a URI when it is an absolute URL that is no
# indirect reference (``name_``).
_RST_TARGET = lazy(
    r"(?P<lead>[ \t]*+(?:\.\.[ \t]++_(?:_|`[^`\n]*+`|(?:[^:`\\\n]++|\\.)++):|__)(?:[ \t]++|$))"
    r"(?P<rest>.*)"
)
# A directive with an argument, ``.. youtube:: dQw4w9WgXcQ``: one whose name is an embed
# shortcode's (:data:`checker.urls.EMBED_SHORTCODES`) embeds what its argument names.
_RST_EMBED = lazy(
    r"(?P<indent>[ \t]*+)\.\.[ \t]++(?P<name>[A-Za-z][\w-]*+)::[ \t]++(?P<arg>[^{}\s][^{}]*+)"
)
# A DOI written as a URI (``doi:10.1038/x``, ``info:doi/10.1038/x``) as a reference's embedded
# URI (```text <doi:…>`_``, ``__`` when anonymous) or a target's (``.. _name: doi:…``): docutils
# writes it as the link's ``href``, which no browser opens.  Only a reference embeds a URI:
# ```title <doi:…>``` without the ``_`` is interpreted text (``<cite>``, no link), and docutils
# takes no URI with a space inside its brackets (``< doi:… >``): neither is a link to say.
_RST_DOI_URI = lazy(r"(?:doi:|info:doi/)[^\s<>`]++", re.IGNORECASE)
_RST_EMBEDDED_DOI = lazy(r"<((?:doi:|info:doi/)[^\s<>`]++)>`__?+(?!\w)", re.IGNORECASE)
_RST_RAW_HTML = lazy(r"[ \t]*\.\.[ \t]+raw::[ \t]+html[ \t]*$", re.IGNORECASE)
_RST_JOINED_URI = lazy(r"[A-Za-z][A-Za-z0-9+.-]*+://\S*+(?<![^\\]_)")
# A backslash escape in a target's URI (``a\_b``): docutils' ``unescape`` keeps the character.
_RST_ESCAPED = lazy(r"\\(.)")
_RST_SHOWN = lazy(r"\[[^\]\s]+\](?:[ \t]|$)|_|\||[^\W_]+(?:[-._+:][^\W_]+)*[ \t]*::(?:[ \t]|$)")
# A section title's under- or overline: the line before a comment need not be blank.
_RST_ADORNMENT = lazy(r"([!-/:-@\[-`{-~])\1+[ \t]*")
_ADOC_DELIMITER = lazy(r"(?:-{4,}|\.{4,}|`{3}[\w+-]*)[ \t]*")
# A block style on its own line: the paragraph under it is a listing (no delimiters needed).
_ADOC_COMMENTS = "////"
_ADOC_OPEN = "--"  # an open block: a comment one only under ``[comment]``
_ADOC_COMMENT_STYLE = lazy(r"\[comment\b[^\]]*\][ \t]*", re.IGNORECASE)
_ADOC_PASSTHROUGH = "++++"
_ADOC_LIST = lazy(r"\s*(?:[*.-]+|\d+\.)\s")
# A run of URL characters, tried only where a run starts (the lookbehind), that a ``[`` ends:
# each run is read once, so linear (tried at each ``://`` of ``[ ://://…``, a 24 KB line took
# 4.7 s); whether it holds ``://`` is :func:`_macro_text_apart`'s test.
_ADOC_URL_TEXT = lazy(r"(?<![^\s\[\]<>])([^\s\[\]<>]++)\[")
# Text Asciidoctor shows as written, never a link: an escaped URL (``\\https://…``) and a
# constrained passthrough (``+https://…+``, its marks after a space or the line's start and
# before a space or punctuation).  Each body holds no ``+`` or blank, so each try is bounded by
# the next one: linear in the line.
_ADOC_NO_LINK = lazy(
    r"\\((?i:https?|ftp|mailto|irc|file):[^\s\[\]<>]*)"
    r"|(?:(?<=[\s(])|^)\+([^\s+][^+]*?)\+(?=$|[\s.,;:!?)\]'\"-])"
)
# An image macro, ``image::TARGET[attributes]`` (a block) or ``image:TARGET[…]`` (inline): the
# picture is no citation, as an ``<img src>`` is none (it was cited as a link, a false ``broken``
# for a moved picture: session 29); its ``link=URL`` attribute is what a reader clicks, and
# stays.  Each part a run of one class up to the next bracket: linear.
# A markup declaration's external identifier (``<!DOCTYPE wml PUBLIC "…" "http://…dtd">``, an
# ``<!ENTITY … SYSTEM "…">``) names the grammar a parser may load, no page a reader is sent to:
# read as text (a ``.wml``, a ``.plist``, XML pasted into prose), the DTD's address was cited, a
# false ``broken`` for a dead host (probe30).  Up to the declaration's ``>``, or the ``[`` of an
# internal subset, whose own declarations are matched in turn; runs that never hold ``<``:
# linear.  Only a declaration that closes so: prose naming one ("use <!DOCTYPE at the top")
# blanked all that followed, its URLs with it, 0 citations and nothing said (mend31b).
_DECLARATION = lazy(r"<!(?:DOCTYPE|ENTITY|NOTATION)\b[^<>\[]*+(?=[>\[])", ASCII_IGNORECASE)
_ADOC_IMAGE = lazy(r"(?<![\w\\])image::?+([^\s\[\]]++)\[([^\[\]\n]*+)\]")
_ADOC_IMAGE_LINK = lazy(r"""(?:^|,)\s*+link\s*+=\s*+["']?+([^\s"',\]]++)""")
_ADOC_STYLE = lazy(r"\[(?:source|listing|literal)\b[^\]]*\][ \t]*", re.IGNORECASE)
_ORG_BEGIN = lazy(r"\s*#\+begin_(src|example|comment)\b", re.IGNORECASE)
_ORG_COMMENT_END = "#+end_comment"
# Raw HTML Org's HTML export writes as it is: a ``#+HTML:`` line, a ``#+BEGIN_EXPORT html`` block
# (Org 8 and older: ``#+BEGIN_HTML``); group 1 says which block it is.
_ORG_HTML_LINE = lazy(r"[ \t]*#\+html:[ \t]?", re.IGNORECASE)
_ORG_HTML_BLOCK = lazy(r"[ \t]*#\+begin_(?:(export)[ \t]+html|html)(?:[ \t]|$)", re.IGNORECASE)
# A link abbreviation's definition (its word and its URL template), and a link through one,
# ``[[word:tag]`` (its description, if any, follows as written): a bounded run each.
_ORG_LINK_WORD = lazy(r"[ \t]*#\+link:[ \t]+([\w-]{1,64})[ \t]+(\S{1,2048})[ \t]*$", re.IGNORECASE)
# The ``#+TITLE:`` keyword: its value is the title Org's export shows, the keyword no text of it.
_ORG_TITLE = lazy(r"[ \t]*#\+title:[ \t]*(.*)", re.IGNORECASE)
# Org's plain ``doi:10.1038/x`` in text, a link of Org's own ``doi`` type (``org-link-plain-re``):
# one run of what a plain link holds, its trailing punctuation given back after (no backtracking).
_ORG_PLAIN_DOI = lazy(r"(?<![\w/\[:])doi:(10\.[0-9]{4,9}(?:\.[0-9]++)*+/[^\s\[\]<>()\"]++)")
_PLAIN_LINK_TRAIL = ".,;:!?'"
_ORG_ABBREVIATED = lazy(r"\[\[([\w-]{1,64}):([^\[\]]{0,2048})\]")
# A heading: its level (the stars), and whether it is a ``COMMENT`` one (its subtree is no
# part of what a reader sees).  A line starting with ``* `` is a heading even in a block
# (Org escapes such a line there with a comma).
_ORG_HEADING = lazy(r"(\*+)[ \t]+(COMMENT(?:[ \t]|$))?")
_TEX_COMMENT_ENDS = ("\\end{comment}", "\\fi")  # the comment environment, ``\iffalse``
# ``\iffalse`` alone on its line (a ``%`` comment may follow) opens a block; one with more on
# its line (``\iffalse x \fi``) is read as it stands, never hiding what follows.
_TEX_IFFALSE_LINE = lazy(r"\s*\\iffalse\s*(?:%.*)?")
# Org's =verbatim= and ~code~: the marker after a space (or the line's start), a non-space
# first character, and the same marker before a space, punctuation or the line's end.  The
# body holds neither marker, so each try stops at the next one: linear in the line.
_ORG_INLINE = lazy(r"(?:(?<=[\s(])|^)([=~])([^\s=~][^=~]*?)\1(?=$|[\s.,;:!?)\]'\"-])")


_TEX_VERBATIM = lazy(
    r"\s*\\begin\{(verbatim\*?|Verbatim|lstlisting|minted|comment|alltt)\}", re.IGNORECASE
)
# \verb|…| (any delimiter but a letter, a space or *): the delimiter closes it on the same line.
_TEX_VERB = lazy(r"\\verb\*?([^A-Za-z\s*])([^\n]{0,500}?)\1")
_TEX_ESCAPE = lazy(r"\\([%#&_~$])")
_TEX_COMMENT = lazy(r"(?<!\\)%.*")
# A block signature (``p.``, ``h2(class).``, ``bc..``): an extended block (``..``) runs to the
# next one.  Attributes (``(class)``, ``{style}``, ``[lang]``, ``<>=`` alignment) hold no mark of
# another kind, so each is read once.
_TEXTILE_SIGNATURE = lazy(
    r"(?P<name>p|h[1-6]|bq|bc|pre|notextile|fn[0-9]+|###)"
    r"(?:\([^()\s]*+\)|\{[^{}]*+\}|\[[^\[\]\s]*+\]|[<>=]++)*+"
    r"\.(?P<extended>\.)?(?:[ \t]|$)",
    re.IGNORECASE,
)
_TEXTILE_HIDDEN = frozenset({"bc", "pre", "###"})  # code, and ``###.`` comments
_TEXTILE_INLINE = lazy(r"(?:(?<=\s)|^)@([^@\s][^@]*?)@")
# An image, ``!src!`` or ``!src(alt text)!``, and the ``:`` of a linked one (``!src!:URL``): the
# source runs to the next ``!`` or space, so each try stops there.
_TEXTILE_IMAGE = lazy(r"!([^\s!]+)(?:\([^()!]*\))?!:?")


def suffix_of(name: str) -> str:
    """The suffix of ``name`` (a path or URL), lower case, its query and fragment cut.

    Not urlsplit: a hostile page URL (``http://[x]/``) makes it raise, and only the suffix
    is wanted."""
    return PurePosixPath(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()


def readable(body: str, name: str, *, include_verbatim: bool = False) -> str:
    """``body`` as the text extractor should read it: its markup's code blanked (read, without
    its marks, with ``include_verbatim``), comments blanked, the marks around URLs taken away.

    ``name`` (a path or URL) gives the markup by its suffix; a body of any other kind is
    returned as it is.  The text of :func:`read_markup`, for a reader that wants no HTML.
    """
    return read_markup(body, name, include_verbatim=include_verbatim)[0]


def read_markup(
    body: str, name: str, *, include_verbatim: bool = False
) -> tuple[str, tuple[tuple[int, str], ...]]:
    """``body`` as the text extractor should read it (:func:`readable`) and the HTML the page
    passes through as it is (AsciiDoc's ``++++`` blocks, Org's ``#+BEGIN_EXPORT html`` blocks
    and ``#+HTML:`` lines, reST's ``.. raw:: html``): each passage's first line's number and its
    markup, for the HTML reader, its lines blanked in the text.  Read as text, an embedded
    tweet's blockquote was a plain link, an HTML comment's URL was cited and a ``<script src>``
    too (Org's and reST's until probe 32).  Any other markup has none.

    One reading of the markup gives both (without ``include_verbatim``, the text is also how
    the passages are found: with code and comments blanked, so a passage shown in a code block
    or a comment is none).  Each was its own reading, and the text's found the passages again
    to blank them: an Org file was read three times (a 1.8 MB one 0.28 -> 0.91 s, session 32).
    """
    as_written = body
    if "<!" in body:
        body = _DECLARATION.sub(_blanked, body)
    suffix = suffix_of(name)
    read = next((read for suffixes, read in _READERS if suffix in suffixes), None)
    if read is None:
        return body, ()
    written = body.split("\n")
    # A passage's markup is taken as written: the declarations are blanked for the text reader
    # only (the HTML reader reads ``<!DOCTYPE>``; blanked, it got spaces and a stray ``>``).
    markup_lines = written if as_written is body else as_written.split("\n")
    if suffix in _ADOC:
        found: list[tuple[int, str]] = []
        text = _adoc(written, include_verbatim, found)
        return "\n".join(text), tuple(_as_written(markup_lines, *each) for each in found)
    text = read(written, include_verbatim)
    shown = read(written, False) if include_verbatim else text
    raw = _raw_html(body, suffix, markup_lines, shown)
    for first, end, _markup in raw:  # read as HTML, not text
        text[first:end] = [""] * (end - first)
    passed = [(first + 1, markup) for first, _end, markup in raw]
    if suffix in _RST and "doi" in body.lower():
        passed.extend(_rst_doi_links(shown))
    return "\n".join(text), tuple(sorted(passed))


def _as_written(lines: list[str], first: int, markup: str) -> tuple[int, str]:
    """A passage of whole lines (``first`` 1-based, then ``markup``) taken from ``lines``."""
    count = markup.count("\n") + 1
    return first, "\n".join(lines[first - 1 : first - 1 + count]) if markup else markup


def _blanked(found: re.Match[str]) -> str:
    """The text ``found`` as spaces, its line breaks kept (lines keep their numbers)."""
    return "\n".join(" " * len(part) for part in found.group(0).split("\n"))


def _raw_html(
    body: str, suffix: str, lines: list[str], shown: list[str]
) -> list[tuple[int, int, str]]:
    """Org's and reST's raw HTML passages in ``body`` (its ``lines``, and ``shown``: them as
    its reader shows them with code and comments blanked): each one's lines (the 0-based first
    and the end, its marks included, blanked for the text reader) and its markup, whose first
    line is the passage's first (a ``#+HTML:`` line's markup is the rest of its line; a
    block's marker line is an empty line of it); the markup is taken as written."""
    if suffix in _ORG and "#+" in body:
        return _org_raw_html(lines, shown)
    if suffix in _RST and "raw::" in body:
        return _rst_raw_html(lines, shown)
    return []


def _org_raw_html(lines: list[str], shown: list[str]) -> list[tuple[int, int, str]]:
    """Org's ``#+HTML:`` lines and ``#+BEGIN_EXPORT html`` (Org 8's ``#+BEGIN_HTML``) blocks,
    which its HTML export writes out as they are; a block not closed is no block (Org's
    reading: its lines are text).  One pass: a closing found missing after one opening is
    missing after every later one too, so it is not looked for again (each unclosed opening
    scanned to the end of the file: 8,000 lines took 37.8 s)."""
    found: list[tuple[int, int, str]] = []
    missing: set[str] = set()
    index, count = 0, len(shown)
    while index < count:
        line = shown[index]
        keyword = _ORG_HTML_LINE.match(line) if "#+" in line else None
        if keyword is not None:
            found.append((index, index + 1, lines[index][keyword.end() :]))
        block = _ORG_HTML_BLOCK.match(line) if keyword is None and "#+" in line else None
        closing = "" if block is None else "#+end_export" if block[1] else "#+end_html"
        if closing and closing not in missing:
            end = next(
                (
                    at
                    for at in range(index + 1, count)
                    if _closes(shown[at].strip().lower(), closing)
                ),
                None,
            )
            if end is None:
                missing.add(closing)
            else:
                found.append((index, end + 1, "\n".join(["", *lines[index + 1 : end]])))
                index = end
        index += 1
    return found


def _rst_raw_html(lines: list[str], shown: list[str]) -> list[tuple[int, int, str]]:
    """reST's ``.. raw:: html`` directives: the block indented under each (after its options),
    which docutils' HTML writer passes through as it is.  One naming a ``:file:`` or ``:url:``
    holds no markup of its own and is left as it is.  One pass."""
    found: list[tuple[int, int, str]] = []
    index, count = 0, len(shown)
    while index < count:
        directive = _RST_RAW_HTML.match(shown[index]) if "raw::" in shown[index] else None
        if directive is None:
            index += 1
            continue
        indent = _indent(shown[index])
        start = index + 1
        options: list[str] = []
        while (
            start < count
            and shown[start].strip().startswith(":")
            and (_indent(shown[start]) > indent)
        ):
            options.append(shown[start].strip().lower())
            start += 1
        end = start
        while end < count and (not shown[end].strip() or _indent(shown[end]) > indent):
            end += 1
        while end > start and not shown[end - 1].strip():
            end -= 1
        external = any(option.startswith((":file:", ":url:")) for option in options)
        if end > start and not external:  # padded to its true start, past the options
            found.append((index, end, "\n" * (start - index) + "\n".join(lines[start:end])))
        index = max(end, index + 1)
    return found


def _rst_doi_links(shown: list[str]) -> list[tuple[int, str]]:
    """reST's links to a DOI written as a URI (`` `paper <doi:10.1038/x>`_ ``, ``.. _paper:
    doi:10.1038/x``), each an anchor on its line for the HTML reader: docutils writes the
    URI as the link's ``href`` as it is, a link no browser opens, which the link stage says as
    it says Markdown's ``[paper](doi:…)`` (``malformed-url``, the resolver's URL its fix).  The
    text reader reads only http(s) URLs, so they were no citation and said nothing (session 32
    left).  A DOI in prose is no link in reST (docutils knows no ``doi`` scheme) and stays
    none."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(shown, 1):
        if "doi" not in line.lower():
            continue
        uris = [match[1] for match in _RST_EMBEDDED_DOI.finditer(line)]
        target = _RST_TARGET.match(line)
        if target is not None and _RST_DOI_URI.fullmatch(target["rest"].strip()):
            uris.append(target["rest"].strip())
        found.extend((number, f'<a href="{escape(uri)}">{escape(uri)}</a>') for uri in uris)
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rst(lines: list[str], keep: bool) -> list[str]:
    """reST: ``::`` literal blocks, code directives' bodies, ``>>>`` doctest blocks and
    ````inline literals````; and comments, blanked even with ``keep``: explicit markup that is no
    directive, target, footnote, citation or substitution (:func:`_rst_comment`), with the
    indented block under it (a bare ``..`` followed by a blank line is an empty comment: the
    block quote after it is shown)."""
    out: list[str] = []
    block_indent: int | None = None  # the indent a block's lines must exceed
    comment_indent: int | None = None  # the same, for a comment's block
    empty = False  # after a bare ``..``: a blank line next makes it an empty comment
    doctest = False  # inside a doctest block: up to the next blank line
    paragraph_indent: int | None = None  # the last line's indent, if it was a paragraph's
    for line in lines:
        if comment_indent is not None:
            if not line.strip() and empty:
                comment_indent = None
            elif not line.strip() or _indent(line) > comment_indent:
                empty = False
                out.append("")
                continue
            comment_indent = None
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                paragraph_indent = None
                out.append(line if keep else "")
                continue
            block_indent = None
        if doctest or line.lstrip().startswith(">>> "):
            doctest, paragraph_indent = bool(line.strip()), None
            out.append(line if keep else "")
            continue
        indent = _indent(line)
        if _rst_comment(line, paragraph_indent):
            comment_indent, empty = indent, not line.strip()[2:]
            paragraph_indent = None
            out.append("")
            continue
        stripped = line.rstrip()
        is_markup = stripped.lstrip().startswith("..")
        if _RST_CODE_DIRECTIVE.match(line) or (stripped.endswith("::") and not is_markup):
            block_indent = indent
        plain = stripped and not is_markup and not _RST_ADORNMENT.fullmatch(stripped.lstrip())
        paragraph_indent = indent if plain else None
        if is_markup and _RST_IMAGE.match(line):
            out.append("")  # the picture's address: no citation
            continue
        embed = _RST_EMBED.match(line) if is_markup else None
        if embed is not None and ascii_lower(embed["name"]) in EMBED_SHORTCODES:
            # an embed's directive (``.. youtube:: ID``, Pelican's and sphinxcontrib's): its id
            # was no URL, and the video vanished with no word (probe 32); the shortcode reader
            # reads it as the call it is
            out.append(f"{embed['indent']}{{{{{embed['name']} {embed['arg'].strip()}}}}}")
            continue
        out.append(_between(line, "``", keep) if "``" in line else line)
    return _rst_targets_joined(out)


def _rst_targets_joined(lines: list[str]) -> list[str]:
    """reST's hyperlink targets whose URI runs over several lines, each read as its one URI.

    Docutils joins a target's link block (the rest of its line and the lines indented under
    it) with all white space removed, so ``.. _report: https://example.org/a/very/`` over
    ``   long/path`` links ``https://example.org/a/very/long/path``, the form its spec shows
    for a URI too long for a line; read line by line, the first half was cited (a false
    ``broken``) and the rest lost (probe 32).  The joined URI stands on the line its first
    part is on; the lines it took are blanked (lines keep their numbers).  Only a block that
    joins into an absolute URL is joined: an indirect target (``other_``) or words stay as
    they are.  A target opens a block: after a blank line or another explicit markup line,
    never inside a paragraph.  Each line is read once.  A URI's backslash escapes are undone
    as docutils undoes them (``b\\_`` links ``b_``), on one line or several."""
    out = list(lines)
    index, count = 0, len(lines)
    while index < count:
        target = _RST_TARGET.match(lines[index])
        opens = index == 0 or not lines[index - 1].strip() or _opens_markup(lines[index - 1])
        if target is None or not opens:
            index += 1
            continue
        indent = _indent(lines[index])
        end = index + 1
        while end < count and lines[end].strip() and _indent(lines[end]) > indent:
            end += 1
        parts = [(index, target["rest"])] + [(at, lines[at]) for at in range(index + 1, end)]
        written = [(at, part) for at, part in parts if part.strip()]
        joined = "".join("".join(part.split()) for _at, part in written)
        if (len(written) > 1 or "\\" in joined) and _RST_JOINED_URI.fullmatch(joined):
            first = written[0][0]
            lead = target["lead"] if first == index else lines[first][: _indent(lines[first])]
            out[first] = lead + _RST_ESCAPED.sub(r"\1", joined)
            for at, _part in written[1:]:
                out[at] = ""
        index = end
    return out


def _opens_markup(line: str) -> bool:
    """Whether ``line`` is explicit markup (``..``), after which a target opens a block too."""
    return line.lstrip().startswith("..")


def _rst_comment(line: str, paragraph_indent: int | None) -> bool:
    """Whether ``line`` opens a reST comment: explicit markup (``..`` and a space, or alone)
    that starts a block (not a paragraph's next line, which is text) and is nothing shown."""
    indent = _indent(line)
    start = _RST_EXPLICIT.match(line, indent)
    if start is None or (paragraph_indent is not None and paragraph_indent <= indent):
        return False
    return _RST_SHOWN.match(line, start.end()) is None


def _adoc(
    lines: list[str], keep: bool, passthroughs: list[tuple[int, str]] | None = None
) -> list[str]:
    """AsciiDoc: ``----`` listing, ``....`` literal and ```````` fenced blocks, a ``[source]``
    paragraph, an indented literal paragraph, ```monospace```, and comments (``//`` lines,
    ``////`` blocks and a ``[comment]`` paragraph or block, blanked even with ``keep``: no
    reader sees them).  A ``++++`` passthrough block is HTML the page shows as it is: blanked
    here, and given to ``passthroughs`` (its first line's number and its markup) to be read as
    HTML (:func:`read_markup`)."""
    out: list[str] = []
    closing: str | None = None  # the delimiter that ends the block we are in
    paragraph = False  # in a styled or indented literal paragraph: up to the next blank line
    comment = False  # the block or paragraph we are in (or the next one) is a comment
    after_blank = True
    # Asciidoctor reads an attribute entry only in the header (up to its first blank line) or
    # where a block may start (after a blank line, a section title or another entry); inside
    # a paragraph ``:word: …`` is its text, and blanked as an entry, its link was lost.
    header, entry_may_start = True, True
    passed: list[str] = []
    attributes = _AdocAttributes(_Room(lines))
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if closing is not None:
            if stripped == closing:
                if closing == _ADOC_PASSTHROUGH and passthroughs is not None:
                    passthroughs.append((number - len(passed), "\n".join(passed)))
                closing, comment = None, False
                passed = []
                entry_may_start = True  # a block may start after a delimited one
                out.append("")
            elif closing == _ADOC_PASSTHROUGH:
                passed.append(line)
                out.append("")
            else:
                out.append(line if keep and not comment else "")
            continue
        if stripped == _ADOC_PASSTHROUGH:
            closing = _ADOC_PASSTHROUGH
            paragraph = False
            out.append("")
        elif (
            _ADOC_DELIMITER.fullmatch(line)
            or stripped == _ADOC_COMMENTS
            or (comment and stripped == _ADOC_OPEN)
        ):
            closing = "```" if stripped.startswith("```") else stripped
            comment = comment or stripped == _ADOC_COMMENTS
            paragraph = False
            out.append("")
        elif paragraph and stripped:
            out.append(line if keep and not comment else "")
        elif _ADOC_STYLE.fullmatch(line) or _ADOC_COMMENT_STYLE.fullmatch(line):
            paragraph = True
            comment = _ADOC_COMMENT_STYLE.fullmatch(line) is not None
            out.append("")
        elif after_blank and line[:1] in (" ", "\t") and not _ADOC_LIST.match(line):
            paragraph = bool(stripped)
            out.append(line if keep else "")
        elif line.startswith("//") and not line.startswith("///"):
            out.append("")
        elif line.startswith(":") and (entry_may_start or header) and attributes.define(line):
            paragraph = comment = False
            out.append("")
            after_blank, entry_may_start = False, True
            continue
        else:
            paragraph = comment = False
            text = attributes.expand(line) if "{" in line else line
            if line.startswith("=") and _ADOC_TITLE.match(line):  # a title as it is shown:
                text = _adoc_title_text(text)  # "= Title" was the post's title
            text = _ADOC_IMAGE.sub(_adoc_image_link, text) if "image:" in text else text
            text = _adoc_url_text_apart(text) if "[" in text else text
            if "+" in text or "\\" in text:  # text shown as written: no link (probe 29)
                text = _ADOC_NO_LINK.sub(_shown_as_written if keep else "", text)
            out.append(_between(text, "`", keep) if "`" in text else text)
        after_blank = not stripped
        header = header and bool(stripped)
        entry_may_start = after_blank or _ADOC_TITLE.match(line) is not None
    if closing == _ADOC_PASSTHROUGH and passthroughs is not None and passed:
        # unclosed, it runs to the end of the page (Asciidoctor's reading): never lost
        passthroughs.append((len(lines) - len(passed) + 1, "\n".join(passed)))
    return out


def _adoc_image_link(image: re.Match[str]) -> str:
    """An image macro as what a reader can click in it: its ``link=`` URL, else nothing."""
    link = _ADOC_IMAGE_LINK.search(image.group(2))
    return f" {link.group(1)} " if link is not None else " "


class _Room:
    """How much a page's text may still grow by expanding what it defines (AsciiDoc's
    attributes, Org's link abbreviations): the page's own size, at least a MiB.  A page of
    references to long values (or to values made of references) cannot make its text
    outgrow that; past it, a reference stays as written."""

    def __init__(self, lines: list[str]) -> None:
        self._left = max(sum(map(len, lines)), 1 << 20)

    def take(self, size: int) -> bool:
        """Whether ``size`` more characters fit, taken if so."""
        if size > self._left:
            return False
        self._left -= size
        return True


class _AdocAttributes:
    """An AsciiDoc page's attributes, as its entries define them, and their references expanded.

    Asciidoctor's documentation and every project following it name their URLs once
    (``:url-repo: https://…``) and link through a reference: ``{url-repo}[the repository]``,
    ``link:{url-docs}/install[install docs]``, ``{url-repo}/issues``.  Read as text, each such
    link was lost with no word while the entry's bare base URL, which no reader sees, was cited
    (a base such as ``…/api/v2`` may answer 404: a false ``broken``) (probe 29).  An entry's line
    is a setting, blanked; a reference (``{name}``, not ``\\{name}``) to a defined attribute is
    its value, the value expanded when defined, as Asciidoctor does; an undefined one stays as
    written.  What expansion may add is bounded (:class:`_Room`).
    """

    def __init__(self, room: _Room) -> None:
        self._values: dict[str, str] = {}
        self._room = room

    def define(self, line: str) -> bool:
        """Whether ``line`` is an attribute entry (``:name: value``, ``:name!:``), kept if so."""
        entry = _ADOC_ENTRY.fullmatch(line)
        if entry is None:
            return False
        name = (entry["name"] or entry["unset"] or "").lower()
        if entry["unset"] or entry["bang"]:
            self._values.pop(name, None)
        else:
            self._values[name] = self.expand((entry["value"] or "").strip())
        return True

    def expand(self, text: str) -> str:
        """``text`` with each reference to a defined attribute replaced by its value."""
        if not self._values:
            return text

        def value(found: re.Match[str]) -> str:
            known = self._values.get(found[1].lower())
            return known if known is not None and self._room.take(len(known)) else found[0]

        return _ADOC_REFERENCE.sub(value, text)


# An attribute entry (``:name: value``, ``:name!:`` or ``:!name:`` unsetting it) and a
# reference (``{name}``, not escaped): names are a word character then word characters and
# hyphens, so each try reads one bounded run.
_ADOC_ENTRY = lazy(
    r":(?:!(?P<unset>\w[\w-]*)|(?P<name>\w[\w-]*)(?P<bang>!)?):(?:[ \t](?P<value>.*))?"
)
_ADOC_REFERENCE = lazy(r"(?<!\\)\{(\w[\w-]*)\}")
_ADOC_TITLE = lazy(r"={1,6}[ \t]+\S")  # a section (or the document's) title


def _adoc_title_text(line: str) -> str:
    """A section title's text without its marks, ``= Title`` and ``== Title ==`` alike."""
    text = line.lstrip("=").strip(" \t")
    closed = text.rstrip("=")
    return closed.rstrip(" \t") if closed != text and closed[-1:] in (" ", "\t") else text


def _shown_as_written(found: re.Match[str]) -> str:
    """What :data:`_ADOC_NO_LINK` found, without its marks (read under ``--include-verbatim``)."""
    return f" {found[1] or found[2]} "


def _adoc_url_text_apart(line: str) -> str:
    """``line`` with a space between each URL and the ``[text]`` of its macro.

    In AsciiDoc a URL ends where its ``[`` starts (Asciidoctor's URL holds no bracket):
    ``https://x.example/a[Docs^]`` and ``https://x.example/a[Docs,window=_blank]`` link
    ``https://x.example/a``.  Read as text, a bracket pair with no space inside stayed in the URL
    (a footnote-like ``[Docs]`` alone was cut), a false ``broken`` (probe 27)."""
    return _ADOC_URL_TEXT.sub(_macro_text_apart, line)


def _macro_text_apart(match: re.Match[str]) -> str:
    """A run holding ``://`` with something after it is a URL: its ``[`` set apart."""
    run = match[1]
    return f"{run} [" if run.find("://", 0, len(run) - 1) >= 0 else match[0]


def _delimited(
    lines: list[str],
    keep: bool,
    opening: Callable[[str], str | None],
    other: Callable[[str], str],
    comments: tuple[str, ...],
) -> list[str]:
    """A markup whose code blocks open on a line ``opening`` knows (it gives how the closing
    line starts, lower-cased) and close on such a line: both lines blanked, the code between
    read only with ``keep``, and a comment block's (one a closing in ``comments`` ends) never;
    ``other`` reads every line outside the blocks."""
    out: list[str] = []
    closing: str | None = None
    for line in lines:
        if closing is not None:
            if _closes(line.strip().lower(), closing):
                closing = None
                out.append("")
            else:
                out.append(line if keep and closing not in comments else "")
            continue
        closing = opening(line)
        out.append("" if closing is not None else other(line))
    return out


def _closes(line: str, closing: str) -> bool:
    """Whether ``line`` starts with ``closing`` as a whole word (``\\fi``, not ``\\fill``)."""
    if not line.startswith(closing):
        return False
    after = line[len(closing) : len(closing) + 1]
    return not (after.isalpha() and closing[-1].isalpha())


def _org(lines: list[str], keep: bool) -> list[str]:
    """Org: ``#+BEGIN_SRC``/``#+BEGIN_EXAMPLE`` blocks, ``: `` fixed-width lines, =verbatim=;
    comments (``# `` lines, ``#+BEGIN_COMMENT`` blocks and ``COMMENT`` headings' subtrees),
    blanked even with ``keep``."""

    def opening(line: str) -> str | None:
        begin = _ORG_BEGIN.match(line)
        return f"#+end_{begin.group(1).lower()}" if begin is not None else None

    def other(line: str) -> str:
        stripped = line.lstrip()
        if stripped == "#" or stripped.startswith(("# ", "#\t")):
            return ""
        if stripped == ":" or stripped.startswith(": "):
            return stripped[2:] if keep else ""
        if _ORG_LINK_WORD.match(line):
            return ""  # a link abbreviation's definition: a setting, no link (read below)
        title = _ORG_TITLE.match(line) if "#+" in line else None
        if title is not None:  # the document's title, as Org's export shows it (probe 29)
            return title[1]
        if "[[" in line and abbreviations:
            line = _ORG_ABBREVIATED.sub(expand, line)
        if "doi:" in line and abbreviations.get("doi") == DOI_RESOLVER:
            line = _ORG_PLAIN_DOI.sub(plain_doi, line)
        if "=" in line or "~" in line:
            return _ORG_INLINE.sub(r" \2 " if keep else "", line)
        return line

    abbreviations = _org_abbreviations(lines)
    # Org's own ``doi:`` link type, read as an abbreviation of the resolver's URL (Org's export
    # writes ``[[doi:10.1038/x][paper]]`` as a link to it); a ``#+LINK: doi …`` of the file wins
    abbreviations.setdefault("doi", DOI_RESOLVER)
    room = _Room(lines)

    def expand(found: re.Match[str]) -> str:
        template = abbreviations.get(found[1].lower())
        if template is None or not room.take(len(template)):
            return found[0]
        if template == DOI_RESOLVER:  # Org's own doi: type, by the one DOI rule (escaped)
            return f"[[{doi_url(found[2])}]"
        return f"[[{_org_expanded(template, found[2])}]"

    def plain_doi(found: re.Match[str]) -> str:
        doi = found[1].rstrip(_PLAIN_LINK_TRAIL)
        if not room.take(len(DOI_RESOLVER)):
            return found[0]
        return doi_url(doi) + found[1][len(doi) :]

    return _delimited(
        _org_without_drawers(_org_uncommented(lines)), keep, opening, other, (_ORG_COMMENT_END,)
    )


# The drawers Org's export leaves out by default (``org-export-with-properties`` nil, and
# ``org-export-with-drawers`` all but LOGBOOK): a heading's metadata, never the post's text.
_ORG_HIDDEN_DRAWERS = frozenset({":properties:", ":logbook:"})


def _org_without_drawers(lines: list[str]) -> list[str]:
    """``lines`` with each ``:PROPERTIES:`` and ``:LOGBOOK:`` drawer, to its ``:END:``, blanked:
    read as text, a property's URL (``:URL: https://…``, org-capture's ``:SOURCE:``) was cited
    as the post's link (session 29).  A drawer not closed before the next heading or the file's
    end is no drawer (as Org reads it): its lines are read, never hidden.  A drawer's marks in a
    block (``#+BEGIN_SRC`` … ``#+END_SRC``, a post about Org) are the block's text: read as
    marks, a ``:PROPERTIES:`` shown in a block and an ``:END:`` after it blanked the block's
    end and every link between (probe 30m).  One pass."""
    if not any(line.lstrip().startswith(":") for line in lines):
        return lines
    out = list(lines)
    opened: int | None = None  # the drawer's first line, while in one
    block_end: str | None = None  # the end mark of the block the line is in, if it is
    for number, line in enumerate(lines):
        mark = line.strip().lower()
        if block_end is not None:
            block_end = None if mark == block_end else block_end
        elif mark.startswith("#+begin_"):
            block_end = "#+end_" + mark[8:].split(None, 1)[0] if mark[8:].strip() else None
        elif opened is not None and mark == ":end:":
            out[opened : number + 1] = [""] * (number + 1 - opened)
            opened = None
        elif mark in _ORG_HIDDEN_DRAWERS:
            opened = number
        elif line.startswith("*") and _ORG_HEADING.match(line):
            opened = None
    return out


def _org_expanded(template: str, tag: str) -> str:
    """The URL a link abbreviation's ``template`` makes of ``tag``, as Org's
    ``org-link-expand-abbrev`` does: the tag where ``%s`` stands, URL-quoted where ``%h``
    stands (``…/wiki/%h`` and ``Café``: ``…/wiki/Caf%C3%A9``; it was ``…/wiki/%hCafé``, a
    false ``broken``), else after the template."""
    if "%s" in template:
        return template.replace("%s", tag, 1)
    if "%h" in template:
        return template.replace("%h", quote(tag, safe=""), 1)
    return template + tag


def _org_abbreviations(lines: list[str]) -> dict[str, str]:
    """An Org file's link abbreviations, ``#+LINK: gh https://github.com/%s``, by their word.

    Org reads them from anywhere in the file and expands ``[[gh:user/repo][repo]]`` to the URL
    the template makes (the tag where ``%s`` stands, else after the URL).  Read as text, the
    template line was cited (``https://github.com/%s``: a false ``broken``) and every link
    written through it was lost with no word (probe 29).  A ``#+LINK`` line shown in a
    ``#+BEGIN_SRC``/``EXAMPLE`` block (a post about Org) is code, no setting: read as one, a
    ``[[gh:x]]`` outside was cited as the example's URL, one nobody linked (probe 29m)."""
    found: dict[str, str] = {}
    closing: str | None = None  # a block's end mark, while in the block
    for line in lines:
        if "#+" not in line:
            continue
        if closing is not None:
            if _closes(line.strip().lower(), closing):
                closing = None
            continue
        begin = _ORG_BEGIN.match(line)
        if begin is not None:
            closing = f"#+end_{begin.group(1).lower()}"
            continue
        word = _ORG_LINK_WORD.match(line)
        if word is not None:
            found.setdefault(word[1].lower(), word[2])
    return found


def _org_uncommented(lines: list[str]) -> list[str]:
    """``lines`` with each ``COMMENT`` heading's subtree (to the next heading of its level or
    above) blanked."""
    if "COMMENT" not in "".join(lines):
        return lines
    out: list[str] = []
    level: int | None = None  # the commented heading's, while in its subtree
    for line in lines:
        heading = _ORG_HEADING.match(line) if line.startswith("*") else None
        if heading is not None and (level is None or len(heading.group(1)) <= level):
            level = len(heading.group(1)) if heading.group(2) else None
        out.append("" if level is not None else line)
    return out


def _tex(lines: list[str], keep: bool) -> list[str]:
    """LaTeX: verbatim-like environments, ``\\verb|…|``, comments (``%``, the ``comment``
    environment and an ``\\iffalse … \\fi`` block, the common way to comment out paragraphs,
    blanked even with ``keep``); ``\\url{URL}`` and ``\\href{URL}{text}`` read as the URL and
    its text, escapes (``\\%``, ``\\#``) undone.  A conditional nested in an ``\\iffalse``
    block ends it at its own ``\\fi``: what follows is read (cited, never hidden)."""

    def opening(line: str) -> str | None:
        if _TEX_IFFALSE_LINE.fullmatch(line):
            return _TEX_COMMENT_ENDS[1]
        begin = _TEX_VERBATIM.match(line)
        return f"\\end{{{begin.group(1).lower()}}}" if begin is not None else None

    def other(line: str) -> str:
        text = _TEX_VERB.sub(r" \2 " if keep else " ", line) if "\\verb" in line else line
        text = _TEX_COMMENT.sub("", text) if "%" in text else text
        text = text.replace("{", " ").replace("}", " ")
        return _TEX_ESCAPE.sub(r"\1", text) if "\\" in text else text

    return _delimited(lines, keep, opening, other, _TEX_COMMENT_ENDS)


def _textile(lines: list[str], keep: bool) -> list[str]:
    """Textile: ``bc.`` and ``pre.`` blocks (to the next blank line; ``bc..`` and ``pre..``, the
    extended ones, to the next block signature: read to the blank line only, the rest of the
    code was cited), ``###.`` comments (blanked even with ``keep``) and ``@code@``; an image
    (``!src!``), which no reader follows, blanked, and the link of a linked one kept: read raw,
    ``!src!:URL`` was cited as ``src!:URL``, a URL nobody wrote."""
    out: list[str] = []
    hidden: str | None = None  # the kind of block we are in: "bc", "pre" or "###"
    extended = False
    after_blank = True  # a signature opens a block only after a blank line
    for line in lines:
        signature = _TEXTILE_SIGNATURE.match(line) if after_blank else None
        after_blank = not line.strip()
        if hidden is not None and (signature is None if extended else not after_blank):
            out.append(line if keep and hidden != "###" else "")
            continue
        hidden = None
        name = signature.group("name").lower() if signature is not None else ""
        if signature is not None and name in _TEXTILE_HIDDEN:
            hidden, extended = name, signature.group("extended") is not None
            rest = line[signature.end() :]
            out.append(" " * signature.end() + rest if keep and name != "###" else "")
            continue
        text = _TEXTILE_IMAGE.sub(" ", line) if "!" in line else line
        out.append(_TEXTILE_INLINE.sub(r" \1 " if keep else "", text) if "@" in text else text)
    return out


# What hides wikitext from its reader or shows it as code: a comment, the code tags, and
# ``<nowiki>``, whose URLs are shown as text and are no link (``<nowiki/>`` opens nothing).
_WIKI_OPEN = lazy(r"<!--|<(syntaxhighlight|source|pre|code|nowiki)\b[^<>]*>", ASCII_IGNORECASE)
# A template's and a table's separators and braces: a URL ends at them (``|url=URL|title=…}}``).
_WIKI_MARKS = str.maketrans("|{}", "   ")
# An embedded tweet: ``{{Tweet|user=…|number=…}}`` and ``{{cite tweet|user=…|number=…|…}}``.
_WIKI_TWEET = lazy(r"\{\{\s*+(?:cite[ _]++)?tweet\s*+\|(?P<args>[^{}]*+)\}\}", re.IGNORECASE)
_WIKI_HANDLE = lazy(r"@?([A-Za-z0-9_]{1,50})")
_WIKI_STATUS = lazy(r"[0-9]{1,25}")


def _wiki(lines: list[str], keep: bool) -> list[str]:
    """MediaWiki wikitext: comments (even with ``keep``) and ``<syntaxhighlight>``, ``<source>``,
    ``<pre>``, ``<code>`` blanked, over lines or within one; a template's ``|`` and braces made
    spaces, so that ``{{cite web|url=URL|title=…}}`` cites URL, not ``URL|title=…}}``."""
    out: list[str] = []
    closing: str | None = None  # what ends the comment or code the last line left open
    for line in lines:
        parts: list[str] = []
        lowered = line.lower() if closing is not None or "<" in line else line
        at = 0
        while at <= len(line):
            if closing is not None:
                end = lowered.find(closing, at)
                shown = keep and closing != "-->"
                stop = len(line) if end < 0 else end
                if shown:
                    parts.append(" " + line[at:stop].translate(_WIKI_MARKS) + " ")
                if end < 0:
                    break
                at, closing = end + len(closing), None
                continue
            found = _WIKI_OPEN.search(line, at)
            if found is None:
                parts.append(_wiki_text(line[at:]))
                break
            parts.append(_wiki_text(line[at : found.start()]))
            tag = found.group(1)
            if not found.group(0).endswith("/>"):
                closing = "-->" if tag is None else f"</{tag.lower()}>"
            at = found.end()
        out.append("".join(parts))
    return out


def _wiki_text(text: str) -> str:
    """Wikitext outside comments and code, its template marks made spaces, and each tweet
    template written as the shortcode the shortcode reader reads (``{{< tweet user="…"
    id="…" >}}``): read as text, ``{{cite tweet|user=jack|number=20}}`` cited nothing, and the
    tweet a Wikipedia article quotes went unchecked."""
    if "{{" not in text:
        return text.translate(_WIKI_MARKS)
    parts: list[str] = []
    at = 0
    for found in _WIKI_TWEET.finditer(text):
        fields = dict(
            (key.strip().lower(), value.strip())
            for key, _, value in (arg.partition("=") for arg in found.group("args").split("|"))
        )
        handle = _WIKI_HANDLE.fullmatch(fields.get("user", ""))
        status = _WIKI_STATUS.fullmatch(fields.get("number", "") or fields.get("id", ""))
        if handle is None or status is None:
            continue
        parts.append(text[at : found.start()].translate(_WIKI_MARKS))
        parts.append(f' {{{{< tweet user="{handle.group(1)}" id="{status.group(0)}" >}}}} ')
        at = found.end()
    parts.append(text[at:].translate(_WIKI_MARKS))
    return "".join(parts)


def _between(line: str, marker: str, keep: bool) -> str:
    """``line`` without what paired ``marker``s enclose (an unpaired last one is left); with
    ``keep``, without the markers only."""
    parts = line.split(marker)
    if len(parts) % 2 == 0:  # an odd count of markers: the last opens nothing
        parts[-2:] = [parts[-2] + marker + parts[-1]]
    if keep:
        return " ".join(parts)
    return "".join(part for index, part in enumerate(parts) if index % 2 == 0)


# A JSON string literal on one line (JSON has no raw line break inside a string): possessive,
# and an unclosed quote's attempt ends at the line's end (group 2 empty) instead of failing, so
# every character is read once: failing, each later quote started one more scan to the end, a
# 40 KB minified line of ``\\"`` took 26 s (quadratic; review of session 25).
_JSON_STRING = lazy(r'"((?:[^"\\\n]++|\\.?+)*+)(?:(")|$)')
_JSON_BLANKS = str.maketrans("\n\r\t", "   ")


def _json(lines: list[str], keep: bool) -> list[str]:
    """A JSON file (a Jupyter notebook, a Ghost export, a saved API answer) with each string
    literal read as the text it holds, on its own line: read raw, ``<a href=\\"URL\\">`` cited
    ``URL\\`` and a notebook's ``"… URL\\n",`` cited ``URL\\n`` (lychee: ``URL/n``), false
    ``broken`` findings of every link in the file (probe 25).  An escape that does not decode
    leaves its literal as written; a decoded line break is a space, so FILE:LINE stays right."""
    del keep  # JSON has no code of its own: a notebook's code cells are its strings too
    return [_JSON_STRING.sub(_json_text, line) if "\\" in line else line for line in lines]


def _json_text(found: re.Match[str]) -> str:
    if found.group(2) is None:  # no closing quote on the line: left as written
        return found.group(0)
    try:
        text = json.loads(found.group(0))
    except ValueError:  # an escape JSON does not know, a lone surrogate's neighbour: as written
        return found.group(0)
    return f" {text.translate(_JSON_BLANKS)} "


_READERS = (
    (_RST, _rst),
    (_ADOC, _adoc),
    (_ORG, _org),
    (_TEX, _tex),
    (_TEXTILE, _textile),
    (_WIKI, _wiki),
    (_JSON, _json),
)
