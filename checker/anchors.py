"""The places a document's ``#fragment`` can name, and whether a link's fragment names one.

``--include-fragments`` (lychee's flag) checks that ``b.md#usage``, ``#intro`` and
``https://site/page#removed-section`` still lead to a place in their document: a moved
section is a rotted citation.  This module is shared by the stages that read documents, the
fetch stage for a local file (:mod:`checker.fetch.local`) and verify for a fetched page
(:func:`checker.verify.availability.fragment_findings`), so that a file and the same page on
the web give the same answer.  It is pure: text in, names out.

What names a place:

- HTML (a local ``.html`` file, a fetched ``text/html`` page): any element's ``id`` and an
  ``<a name>``, as browsers scroll to them.  A heading's slug counts as well
  (:func:`heading_slugs`): scripts such as anchor.js, tocbot and GitHub's make heading ids in
  the browser, so a page that has such a heading holds the place a reader reaches.
- Markdown: each heading's slug as GitHub (GFM, github-slugger; Hugo's and GitLab's default
  too) makes it, with ``-1``, ``-2`` for repeated headings; the variants python-Markdown
  (MkDocs), kramdown (Jekyll) and Pandoc make (runs of hyphens joined, leading non-letters
  cut); an explicit ``{#id}`` attribute (``## Usage {#use}``, kramdown's ``{: #use}``, a
  block ``{#use}``); and the ``id``/``name`` of raw HTML in the file.  Names in fenced code
  are no headings.

Every scan is one pass of regular expressions with no nested quantifier over input the page
controls, and no recursion: a page of a million ids costs linear time, and the names kept are
bounded by the page, whose size the fetch (or :data:`MAX_FILE_BYTES`) caps.

Fragments that are no anchor are never reported (:func:`unchecked_reason`): empty ``#`` and
``#top`` (the top of every page, by the HTML standard), a text fragment ``#:~:text=``, an
application's route ``#/x`` or ``#!x``, a code host's line ``#L10-L20``, and a parameter such
as a PDF's ``#page=2`` or a video's ``#t=30``.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from checker.encoding import ASCII_IGNORECASE
from checker.lazyre import lazy

__all__ = [
    "MAX_FILE_BYTES",
    "NOTEBOOK_SUFFIX",
    "Anchors",
    "fetched_notebook_anchors",
    "gfm_slug",
    "heading_cell_text",
    "heading_slugs",
    "html_anchors",
    "markdown_anchors",
    "missing",
    "notebook_anchors",
    "notebook_cell_lists",
    "unchecked_reason",
]

MAX_FILE_BYTES = 16 << 20
"""The largest local file whose places are read (16 MiB); a larger one's fragments are left
unchecked, said in a note, as a fetched page's past the fetch's size cap are."""


@dataclass(frozen=True, slots=True)
class Anchors:
    """The places one document names.

    ``names``: the ids as written (exact, as a browser matches them); ``folded``: the names a
    reader's case does not matter for (Markdown heading slugs: GitHub's page finds
    ``#Usage`` for ``## usage``), case-folded; ``scripted``: the page makes content with
    scripts and has no id at all, so a name missing here may be one a script makes.
    """

    names: frozenset[str]
    folded: frozenset[str] = frozenset()
    scripted: bool = False


# --- which fragments are anchors ---------------------------------------------------------------

_LINE_ANCHOR = lazy(r"L\d+(?:C\d+)?(?:-L?\d+(?:C\d+)?)?")


def unchecked_reason(fragment: str) -> str | None:
    """Why ``fragment`` (as written in the link, without ``#``) names no place to look for,
    else None (it is an anchor to find)."""
    text = unquote(fragment).strip()
    if not text or text.casefold() == "top":
        return "the top of the page, which every page has"
    if text.startswith(":~:"):
        return "a text fragment (#:~:text=), which a browser highlights, not an anchor"
    if text[0] in "/!":
        return "an application's route (#/…, #!…), which its scripts read"
    if _LINE_ANCHOR.fullmatch(text):
        return "a code host's line number (#L10), which its page marks by script"
    if "=" in text:
        return "a parameter (#page=2, #t=30), which the viewer reads, not an anchor"
    return None


def missing(fragments: tuple[str, ...], anchors: Anchors) -> tuple[str, ...]:
    """The ``fragments`` (as written) that are anchors ``anchors`` does not hold.

    A fragment is looked for as written and percent-decoded (``#caf%C3%A9`` is ``#café``,
    as browsers decode it), in NFC; a name a script may make (``anchors.scripted``) is not
    missing.  GitHub's ``user-content-`` prefix of a rendered README's ids is the name the
    page's script answers to without it.
    """
    if anchors.scripted:
        return ()
    gone: list[str] = []
    for fragment in fragments:
        if unchecked_reason(fragment) is not None:
            continue
        forms = {fragment, unquote(fragment)}
        forms |= {unicodedata.normalize("NFC", f) for f in forms}
        if any(_found(form, anchors) for form in forms):
            continue
        gone.append(fragment)
    return tuple(gone)


def _found(name: str, anchors: Anchors) -> bool:
    if name in anchors.names or f"user-content-{name}" in anchors.names:
        return True
    folded = name.casefold()
    return folded in anchors.folded or f"user-content-{folded}" in anchors.folded


# --- HTML ------------------------------------------------------------------------------------

_TAG = lazy(r"<([A-Za-z][A-Za-z0-9:-]*)(?![A-Za-z0-9:-])([^<>]*)>")
_ID_OR_NAME = lazy(
    r"""(?:^|[\s"'/])(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))""", ASCII_IGNORECASE
)
_HEADING_EDGE = lazy(r"<(/?)[hH]([1-6])(?![A-Za-z0-9:-])[^<>]*>")
_ANY_TAG = lazy(r"<[^<>]*>")
_SCRIPT = lazy(r"<script\b", ASCII_IGNORECASE)
_ENTITY = lazy(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_anchors(text: str) -> Anchors:
    """The places an HTML document names: each element's ``id``, each ``<a name>``, and its
    headings' slugs (which scripts turn into ids in the browser)."""
    names = _html_ids(text)
    folded = {s for words in _heading_texts(text) for s in heading_slugs(words)}
    scripted = not names and _SCRIPT.search(text) is not None
    return Anchors(frozenset(names), frozenset(folded), scripted)


def _html_ids(text: str) -> set[str]:
    """Each element's ``id`` and each ``<a name>`` written in ``text`` (HTML, or the raw HTML
    of a Markdown document)."""
    names: set[str] = set()
    for tag in _TAG.finditer(text):
        attributes = tag.group(2)
        if "=" not in attributes:
            continue
        anchor_tag = tag.group(1).lower() == "a"
        for found in _ID_OR_NAME.finditer(attributes):
            if found.group(1).lower() == "name" and not anchor_tag:
                continue  # a form field's name is no place in the page
            value = next(v for v in found.group(2, 3, 4) if v is not None)
            names.add(_unescaped(value))
    return names


def _heading_texts(text: str) -> list[str]:
    """The words of each ``<h1>``..``<h6>`` of an HTML document, tags dropped: one pass over
    the headings' tags (a regex spanning open to close would rescan the page for each heading
    left open)."""
    texts: list[str] = []
    opened: tuple[str, int] | None = None
    for edge in _HEADING_EDGE.finditer(text):
        if not edge.group(1):
            opened = (edge.group(2), edge.end())
        elif opened is not None and opened[0] == edge.group(2):
            texts.append(_unescaped(_ANY_TAG.sub("", text[opened[1] : edge.start()])))
            opened = None
    return texts


def _unescaped(value: str) -> str:
    """``value`` with its character references read (``&amp;`` is ``&``); the common ones
    only, by the standard library's table, as an id is matched after the parser reads it."""
    if "&" not in value:
        return value
    import html  # noqa: PLC0415 (only for the rare value with a reference)

    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)


# --- Markdown ---------------------------------------------------------------------------------

_FENCE = lazy(r" {0,3}(`{3,}|~{3,})")
_ATX = lazy(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = lazy(r" {0,3}(?:=+|-+)[ \t]*")
_EXPLICIT_ID = lazy(r"\{[^{}\n#]{0,100}#([^\s{}#]{1,200})")
_LINK = lazy(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_CODE_TICKS = lazy(r"`+")


def markdown_anchors(text: str) -> Anchors:
    """The places a Markdown document names (see the module's docstring)."""
    return _markdown_places((text,))


def notebook_anchors(text: str) -> Anchors | None:
    """The places a Jupyter notebook names: its Markdown cells' (nbformat 4 ``cells``, 3
    ``worksheets[w].cells``, 3's ``heading`` cells as headings), as a ``.md`` file's, and the
    ids Jupyter itself gives a heading (its text, each space a hyphen, case kept:
    ``#Tide-gauges``); None when ``text`` is no notebook JSON can parse.

    GitHub shows a notebook with its Markdown slugs, Jupyter with its own ids; a link to
    ``analysis.ipynb#results`` was "not checked: a .ipynb file" (session 26's leftover).  Each
    cell is read alone (a fence it leaves open ends with it, as Jupyter renders it), the
    repeated headings numbered across the notebook as GitHub numbers them."""
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(parsed, dict):
        return None
    cells = [c for cells in notebook_cell_lists(parsed) for c in cells if isinstance(c, dict)]
    texts = [_cell_markdown(cell) for cell in cells]
    headings: list[str] = []
    places = _markdown_places([t for t in texts if t], headings)
    jupyter = {words.replace(" ", "-") for words in headings}
    return Anchors(places.names | jupyter, places.folded)


NOTEBOOK_SUFFIX = ".ipynb"
"""A Jupyter notebook's suffix: the file whose places :func:`notebook_anchors` reads and whose
cells :mod:`checker.extract.notebooks` reads as Markdown."""


def fetched_notebook_anchors(url: str, text: str | None) -> Anchors | None:
    """The places of a fetched answer that is a notebook: its URL's path names a ``.ipynb`` and
    its text parses as one (:func:`notebook_anchors`); None otherwise (a GitHub page showing
    the notebook is HTML, read as HTML).

    A local notebook's headings were its anchors since session 27, the same notebook on the
    web (served as JSON, ``text/plain`` by raw.githubusercontent.com, untyped) was "not HTML",
    its fragments unchecked: a heading renamed or removed passed.
    """
    if text is None:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    return _fetched_notebook(text) if path.lower().endswith(NOTEBOOK_SUFFIX) else None


_fetched_notebook = functools.lru_cache(maxsize=4)(notebook_anchors)
""":func:`notebook_anchors` of a fetched text, kept for the next citations of its URL (the
posts linking it: one parse a text, as a fetched page's HTML is scanned once by
:mod:`checker.verify.availability`'s ``_page_anchors``)."""


_DEEPEST = 6  # Markdown's deepest heading


def notebook_cell_lists(parsed: dict[str, object]) -> list[list[object]]:
    """The lists of cells of nbformat 4 (``cells``) and 3 (``worksheets[w].cells``)."""
    found: list[list[object]] = []
    cells = parsed.get("cells")
    if isinstance(cells, list):
        found.append(cells)
    sheets = parsed.get("worksheets")
    for sheet in sheets if isinstance(sheets, list) else ():
        if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
            found.append(sheet["cells"])
    return found


def heading_cell_text(text: str, level: object) -> str:
    """An nbformat 3 heading cell's text as the Markdown heading Jupyter shows: its first line
    after ``level`` hashes (1-6, any other a 6); read as a paragraph, a notebook's title cell
    gave it no title.  A cell whose first line is blank or already a heading is as written."""
    first, newline, rest = text.partition("\n")
    if not first.strip() or first.lstrip().startswith("#"):
        return text
    depth = level if isinstance(level, int) and 1 <= level <= _DEEPEST else _DEEPEST
    return f"{'#' * depth} {first.strip()}{newline}{rest}"


def _cell_markdown(cell: dict[str, object]) -> str:
    """A Markdown (or nbformat 3 heading) cell's text, else "" (code is no place)."""
    kind, source = cell.get("cell_type"), cell.get("source")
    if kind not in ("markdown", "heading"):
        return ""
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        source = "".join(source)
    if not isinstance(source, str):
        return ""
    return heading_cell_text(source, cell.get("level")) if kind == "heading" else source


def _markdown_places(texts: Iterable[str], headings: list[str] | None = None) -> Anchors:
    """The places of Markdown ``texts`` read one after another, each alone (a fence one leaves
    open ends with it), the repeated headings numbered across them all; each heading's plain
    words (:func:`_plain_heading`) added to ``headings`` when given (a notebook's Jupyter ids
    are made of them: read here, a heading in a fence is none and a setext heading is one)."""
    slugs: dict[str, int] = {}
    folded: set[str] = set()
    names: set[str] = set()
    for text in texts:
        names |= _html_ids(text)
        names.update(m.group(1) for m in _EXPLICIT_ID.finditer(text))
        fence: str | None = None
        previous = ""
        for written in text.splitlines():
            line = _out_of_quotes(written)
            if fence is not None:
                if line.strip().startswith(fence):
                    fence = None
                previous = ""
                continue
            opened = _FENCE.match(line)
            if opened is not None:
                fence = opened.group(1)
                previous = ""
                continue
            heading: str | None = None
            atx = _ATX.match(line)
            if atx is not None:
                heading = _without_closing_hashes(line[atx.end() :])
            elif previous.strip() and _SETEXT.fullmatch(line):
                heading = previous  # the paragraph line above an === or --- underline
            if heading is not None:
                plain = _plain_heading(heading)
                if headings is not None:
                    headings += plain
                found = [s for words in plain for s in heading_slugs(words)]
                folded.update(_numbered(list(dict.fromkeys(found)), slugs))
                previous = ""
            else:
                previous = line
    return Anchors(frozenset(names), frozenset(folded))


def _out_of_quotes(line: str) -> str:
    """``line`` without its block quote markers (``> ## Quoted``, ``>> x``): a heading inside a
    quote is a heading (GitHub gives it its id).  One pass over the line's opening."""
    at = 0
    while True:
        start = at
        while at < len(line) and at - start < 3 and line[at] == " ":
            at += 1
        if at >= len(line) or line[at] != ">":
            return line[start:]
        at += 1
        if at < len(line) and line[at] == " ":
            at += 1


def _without_closing_hashes(rest: str) -> str:
    """An ATX heading's text without its optional closing ``#`` run (``## Usage ##``)."""
    rest = rest.strip(" \t")
    bare = rest.rstrip("#")
    if bare != rest and (not bare or bare[-1] in " \t"):
        return bare.rstrip(" \t")
    return rest


def _numbered(found: list[str], taken: dict[str, int]) -> list[str]:
    """``found`` with GitHub's suffix for a slug seen before (``usage``, ``usage-1``, …)."""
    numbered: list[str] = []
    for slug in found:
        count = taken.get(slug, 0)
        taken[slug] = count + 1
        numbered.append(slug if count == 0 else f"{slug}-{count}")
        if count:
            numbered.append(slug)  # another generator's numbering may differ: never a false alarm
    return numbered


def _plain_heading(heading: str) -> list[str]:
    """A Markdown heading's words as a renderer shows them: a link's or an image's text kept,
    code ticks and tags dropped; with an ``{#id}`` attribute, the words before it too (a
    renderer that reads the attribute), beside the whole (GitHub's, which shows it)."""
    text = _CODE_TICKS.sub("", _ANY_TAG.sub("", _LINK.sub(r"\1", heading))).strip()
    explicit = _EXPLICIT_ID.search(text)
    return [text, text[: explicit.start()].strip()] if explicit is not None else [text]


# --- slugs ------------------------------------------------------------------------------------

_HYPHEN_RUNS = lazy(r"-{2,}")


def gfm_slug(words: str) -> str:
    """GitHub's heading id (github-slugger): lower case; letters, marks, numbers, ``_``,
    spaces and hyphens kept, each space a hyphen."""
    kept = []
    for char in words.lower():
        if char in " -":
            kept.append("-")
        elif unicodedata.category(char)[0] in "LMN" or unicodedata.category(char) == "Pc":
            kept.append(char)
    return "".join(kept)


def heading_slugs(words: str) -> list[str]:
    """The ids the common generators make of a heading's ``words``, case-folded: GitHub's
    (:func:`gfm_slug`), without emphasis underscores, with runs of hyphens joined and the
    ends trimmed (python-Markdown, MkDocs), and from the first letter on (kramdown, Pandoc)."""
    words = unicodedata.normalize("NFC", words.strip())
    gfm = gfm_slug(words)
    unemphasised = gfm_slug(" ".join(word.strip("_") for word in words.split(" ")))
    joined = _HYPHEN_RUNS.sub("-", gfm).strip("-")
    variants = [gfm, unemphasised, joined, _from_first_letter(gfm), _from_first_letter(joined)]
    return list(dict.fromkeys(v.casefold() for v in variants if v))


def _from_first_letter(slug: str) -> str:
    """``slug`` from its first letter on, as kramdown and Pandoc cut ``1-intro`` to ``intro``."""
    first = next((i for i, c in enumerate(slug) if c.isalpha()), len(slug))
    return slug[first:]
