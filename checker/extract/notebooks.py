"""A Jupyter notebook (``.ipynb``) as the Markdown a reader sees: its Markdown cells, its code.

Read as JSON text (session 25's :func:`checker.extract.markups.readable`), every string of a
notebook was a citation: ``requests.get("http://localhost:8888/api")`` in a code cell,
``!pip install git+https://…``, a traceback's path in an output cell, each a false ``broken``
or ``unreachable`` where Markdown's code is never cited (probe 25, left (1)).  Here the
notebook is parsed, and each cell goes where a Markdown post would put it: a Markdown cell as
Markdown (its own fences and HTML blocks closed at its end, as Jupyter renders each cell
alone), a code or raw cell as a fenced code block (so it is read only with
``--include-verbatim``, as Markdown's code), outputs and metadata never (what a program
printed is no citation of the author's).

Where each cell's lines are in the file comes from one linear scan of the JSON tokens with an
explicit stack (no recursion that input controls); the key order inside a cell does not matter
(a writer may put ``source`` before ``cell_type``).  A line of the Markdown given back maps to
the file line its text came from, so a finding's FILE:LINE points at the cell's line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from checker.anchors import heading_cell_text, notebook_cell_lists
from checker.extract.citations import relined
from checker.extract.json_values import string_values
from checker.extract.markdown import extract_markdown
from checker.extract.text import extract_text
from checker.model import PageKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from checker.model import Document, Page

__all__ = [
    "Notebook",
    "extract_notebook",
    "notebook_markdown",
]

# nbformat 4 (``cells[i].source``) and 3 (``worksheets[w].cells[i].input``): the cell's text is
# at most this deep, so deeper strings (outputs, metadata) cost no path.
_MAX_DEPTH = 6
_TEXT_FIELDS = frozenset({"source", "input"})
_HEADING = "heading"  # nbformat 3's heading cell, its ``level`` beside its text
_MARKDOWN_CELLS = frozenset({"markdown", _HEADING})
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`{3,}")
# The start of a CommonMark HTML block that only its end mark ends (kinds 1-5), and those marks
_HTML_BLOCK = re.compile(
    r" {0,3}(?:<(?P<tag>script|pre|style|textarea)(?=[\s>]|$)"
    r"|(?P<mark><!--|<\?|<!\[CDATA\[|<![a-z]))",
    re.IGNORECASE,
)
_HTML_ENDS = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}  # ``<!X``: ``>``


@dataclass(frozen=True, slots=True)
class Notebook:
    """A notebook as Markdown: its text and, for each of its lines, the file line it is from."""

    markdown: str
    lines: tuple[int, ...]

    def file_line(self, line: int | None) -> int | None:
        """The notebook file's line for ``line`` of :attr:`markdown` (1-based)."""
        if line is None or not self.lines:
            return line
        return self.lines[min(max(line, 1), len(self.lines)) - 1]


def extract_notebook(
    page: Page, *, include_verbatim: bool = False, max_citations: int | None = None
) -> tuple[Document, ...] | None:
    """The one post a notebook is, read as its Markdown (:func:`notebook_markdown`), each
    citation on its line of the file; None when ``page`` is no notebook JSON can parse."""
    parsed = _parsed(page.body)
    if parsed is None:
        return None
    if _skips_text(parsed):
        text = _odd_notebook_text(page.body, parsed, include_verbatim=include_verbatim)
        if text is None:
            return None
        read = replace(page, body=text)
        return extract_text(read, max_citations=max_citations, include_verbatim=include_verbatim)
    notebook = _cell_markdown(page.body, parsed, include_verbatim=include_verbatim)
    if notebook is None:
        return None
    read = replace(page, body=notebook.markdown, kind=PageKind.MARKDOWN)
    posts = extract_markdown(read, include_verbatim=include_verbatim, max_citations=max_citations)
    return relined(posts, notebook.file_line)


def _parsed(body: str) -> dict[str, object] | None:
    """``body`` parsed as a JSON object, or None when it is none (read as JSON text then, as
    any other JSON file: nothing dropped)."""
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def notebook_markdown(body: str, *, include_verbatim: bool = False) -> Notebook | None:
    """``body`` (a notebook's JSON) as Markdown, or None when it is no notebook JSON can parse
    (read as JSON text then, as any other JSON file: nothing dropped)."""
    parsed = _parsed(body)
    if parsed is None or _skips_text(parsed):
        return None
    return _cell_markdown(body, parsed, include_verbatim=include_verbatim)


def _cell_markdown(
    body: str, parsed: dict[str, object], *, include_verbatim: bool
) -> Notebook | None:
    """The notebook ``body`` (``parsed``, no cell :func:`_skips_text`) as Markdown, or None
    when it has no cells.

    Code and raw cells are given only with ``include_verbatim`` (fenced): without it they
    would be skipped by the Markdown reader anyway, and a 10 MB cell costs nothing.
    """
    cells: dict[tuple[object, ...], tuple[str, list[tuple[int, str]], dict[str, object]]] = {}
    order: list[tuple[object, ...]] = []
    for number, path, text in string_values(body, _MAX_DEPTH):
        cell = _cell_of(parsed, path)
        if cell is None:
            continue
        key, kind, node = cell
        if kind not in _MARKDOWN_CELLS and not include_verbatim:
            continue
        if key not in cells:
            cells[key] = (kind, [], node)
            order.append(key)
        cells[key][1].append((number, text))
    if not order and not notebook_cell_lists(parsed):
        return None
    # a first blank line: a cell opening with ``---`` is a rule, never front matter
    out: list[str] = [""]
    lines: list[int] = [1]
    for key in order:
        kind, items, node = cells[key]
        cell_text, cell_lines = _joined(items)
        if kind == _HEADING:
            cell_text[0] = heading_cell_text(cell_text[0], node.get("level"))
        if kind in _MARKDOWN_CELLS:
            _closed_blocks(cell_text, cell_lines)
        else:
            runs = _BACKTICKS.findall("\n".join(cell_text))
            fence = "`" * max([3, *(len(run) + 1 for run in runs)])
            cell_text = [fence, *cell_text, fence]
            cell_lines = [cell_lines[0], *cell_lines, cell_lines[-1]]
        out.extend((*cell_text, ""))
        lines.extend((*cell_lines, cell_lines[-1]))
    return Notebook("\n".join(out), tuple(lines))


def _odd_notebook_text(
    body: str, parsed: dict[str, object], *, include_verbatim: bool
) -> str | None:
    """The notebook ``body`` (``parsed``) holding a cell the cell reader skips
    (:func:`_skips_text`) as the text of the strings the cell reader would read, each on its
    line of the file; None when it holds a string too deep to place (read as JSON text then:
    nothing lost).

    Read as JSON text, every string of it was cited: its code cells' ``requests.get(URL)``, a
    traceback's URL in an output, its metadata (session 27's leftover), where the cell reader
    cites none of them.  Here the cells keep the cell reader's rules: a Markdown or heading
    cell's text read, a code or raw cell's only with ``include_verbatim``, outputs, attachments
    and metadata never; a cell of no kind the reader knows (a bare string, a ``cell_type``
    that is no string) is read whole, as nothing tells its code from its prose.  Read as plain
    text, as JSON text is: the odd cell's Markdown links are found, its headings are no places.
    """
    found = string_values(body, _ODD_DEPTH)
    if len(found) != sum(1 for _ in _strings(parsed)):
        return None  # a string deeper than the reach: placed nowhere, so the file read whole
    read: dict[int, list[str]] = {}  # a line's strings, joined once: a one-line notebook's
    # strings added one by one to its line copied the line each time, quadratic (probe 28l)
    for number, path, text in found:
        if _read_as_cell_text(parsed, path, include_verbatim=include_verbatim):
            read.setdefault(number - 1, []).append(f" {text.translate(_BLANKS)} ")
    lines = [""] * (body.count("\n") + 1)
    for index, texts in read.items():
        lines[index] = "".join(texts)
    return "\n".join(lines)


_ODD_DEPTH = 32
"""How deep :func:`_odd_notebook_text` places strings: an odd cell's text nested past this is
no notebook's; the file is read as JSON text then."""
_BLANKS = str.maketrans("\n\r\t", "   ")


def _read_as_cell_text(
    parsed: dict[str, object], path: tuple[object, ...], *, include_verbatim: bool
) -> bool:
    """Whether the string at ``path`` of the notebook ``parsed`` is one the cell reader reads
    (:func:`_odd_notebook_text`): in a cell's ``source``/``input`` (a Markdown cell's, a code
    cell's with ``include_verbatim``), or anywhere in a cell of no kind it knows."""
    start = 1 if path[:1] == ("cells",) else 3 if path[:1] == ("worksheets",) else None
    if start is None or len(path) <= start or path[start - 1] != "cells":
        return False  # the notebook's metadata, its format's numbers: never a citation
    node = _node_at(parsed, path[: start + 1])
    if node is _NOWHERE:
        return False
    if not isinstance(node, dict):
        return True  # a bare string cell, a list for a cell: its kind unknown, read whole
    kind = node.get("cell_type")
    if not isinstance(kind, str):
        return True
    if len(path) == start + 1 or path[start + 1] not in _TEXT_FIELDS:
        return False  # outputs, attachments, metadata: no citation of the author's
    return kind in _MARKDOWN_CELLS or include_verbatim


_NOWHERE = object()


def _node_at(parsed: object, path: tuple[object, ...]) -> object:
    """The value at ``path`` (object keys, array indexes) of ``parsed``, or :data:`_NOWHERE`
    when a step leads nowhere."""
    node = parsed
    for step in path:
        if isinstance(node, dict) and isinstance(step, str):
            node = node.get(step, _NOWHERE)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return _NOWHERE
    return node


def _strings(value: object) -> Iterator[str]:
    """The string values ``value`` holds at any depth (keys not counted), by a walk with a
    stack: no recursion that input controls."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _skips_text(parsed: dict[str, object]) -> bool:
    """Whether a cell holds text the cell reader would pass over: a cell that is no object, a
    ``cell_type`` that is no string, a ``source``/``input`` that is neither a string nor a list
    of strings (an object, a list holding an object or a list), any of them holding a string.

    No nbformat writes such a cell and Jupyter refuses the file, but its links were dropped
    without a word (session 26's leftover); such a notebook is read as JSON text, every string
    of it, as any other JSON file is.  A number or a null holds no text: nothing is lost."""
    for cell in (cell for cells in notebook_cell_lists(parsed) for cell in cells):
        if isinstance(cell, dict):
            typed = isinstance(cell.get("cell_type"), str)
            texts = [cell[field] for field in _TEXT_FIELDS if field in cell]
        else:
            typed, texts = False, [cell]
        if any(
            next(_strings(text), None) is not None
            for text in texts
            if not (typed and _is_text(text))
        ):
            return True
    return False


def _is_text(value: object) -> bool:
    """Whether ``value`` is a cell's text as the cell reader takes it: a string or a list of
    strings."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(line, str) for line in value)
    )


def _cell_of(
    parsed: object, path: tuple[object, ...]
) -> tuple[tuple[object, ...], str, dict[str, object]] | None:
    """The cell whose text the string at ``path`` is (its path, its ``cell_type``, the cell),
    or None.

    A cell's text is ``…cells[i].source`` (a string) or ``…cells[i].source[j]`` (a line);
    ``input`` in nbformat 3's code cells."""
    for end in (len(path) - 1, len(path) - 2):
        if end < 2 or path[end] not in _TEXT_FIELDS or path[end - 2] != "cells":
            continue
        if end == len(path) - 2 and not isinstance(path[-1], int):
            continue
        node = _node_at(parsed, path[:end])
        if not isinstance(node, dict):
            return None
        kind = node.get("cell_type")
        if not isinstance(kind, str):
            return None
        if (path[end] == "input") != (kind == "code" and "input" in node):
            continue  # nbformat 3's code text is its ``input``; 4 has only ``source``
        return path[:end], kind, node
    return None


def _joined(items: list[tuple[int, str]]) -> tuple[list[str], list[int]]:
    """A cell's strings as its lines, each with the file line it starts on (a ``source`` given
    as one string is all on one file line)."""
    texts: list[str] = []
    numbers: list[int] = []
    parts: list[str] = []
    start: int | None = None
    for number, text in items:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            if start is None and (piece or not last):  # not the "" after a string's last \n
                start = number
            parts.append(piece)
            if not last:
                texts.append("".join(parts))
                numbers.append(number if start is None else start)
                parts, start = [], None
    if parts and start is not None:
        texts.append("".join(parts))
        numbers.append(start)
    if not texts:
        texts, numbers = [""], [items[0][0]]
    return texts, numbers


def _closed_blocks(texts: list[str], numbers: list[int]) -> None:
    """Close a fence or an HTML block a Markdown cell leaves open: Jupyter renders each cell
    alone, so what a cell opens ends with it, not with the notebook (the next cells' links read
    as code, or as an unclosed ``<!--``'s comment, would pass unchecked: probe 26b2).

    The blocks are CommonMark's that only their end mark ends (kinds 1-5: ``<pre>``,
    ``<script>``, ``<style>``, ``<textarea>``, ``<!--``, ``<?``, ``<!X``, ``<![CDATA[``); the
    others end at the blank line between cells.  One pass, one bounded match per line."""
    fence: str | None = None
    html_end: str | None = None
    for text in texts:
        if html_end is not None:
            if html_end in text.lower():
                html_end = None
            continue
        mark = _FENCE.match(text)
        if fence is not None:
            if (
                mark is not None
                and mark.group(1)[0] == fence[0]
                and len(mark.group(1)) >= len(fence)
                and not text[mark.end() :].strip()
            ):
                fence = None
            continue
        if mark is not None:
            fence = mark.group(1)
            continue
        html_end = _html_block_end(text)
    if fence is not None:
        texts.append(fence)
        numbers.append(numbers[-1])
    elif html_end is not None:
        texts.append(html_end)
        numbers.append(numbers[-1])


def _html_block_end(text: str) -> str | None:
    """The end mark of the HTML block ``text`` opens and leaves open, else None."""
    start = _HTML_BLOCK.match(text)
    if start is None:
        return None
    tag = start.group("tag")
    end = f"</{tag.lower()}>" if tag else _HTML_ENDS.get(start.group("mark").upper(), ">")
    return None if end in text[start.end() :].lower() else end
