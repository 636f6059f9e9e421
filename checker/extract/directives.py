"""Fenced blocks that a generator renders as the post's content, not as code.

CommonMark reads every fenced block as code, and code is no citation.  Two families of
generators fence content instead:

* MyST (Jupyter Book, Sphinx's MyST-Parser) writes a directive as a fence whose info string
  is ``{name}``: ````` ```{note} `````, ````` ```{admonition} Title `````, ````` ```{figure} `````.
  The body of an admonition, a tab, a card, a figure's caption is Markdown the reader sees, so
  its links are links; read as code they vanished with no word, not even counted as skipped
  (probe 29: a Jupyter Book page of five such links said "3 citations", exit 0).  Only the
  directives whose body is Markdown are read (:data:`MARKDOWN_DIRECTIVES`); ``{code-cell}``,
  ``{literalinclude}``, ``{math}``, ``{eval-rst}`` and Quarto's and R Markdown's engine chunks
  (````` ```{r} `````, ````` ```{python} `````) stay code.  A directive's options (``:class:
  tip`` lines, or a ``---`` YAML block) open its body and are settings, not text.
* Pandoc (and Quarto, R Markdown) writes raw HTML as ````` ```{=html} `````: the page shows it as
  HTML, so it is read as an HTML block is.

Both are one block rule placed before CommonMark's fence rule; a directive's body is tokenized
by the block parser in place (as markdown-it's container plugin does), so its lines keep their
numbers and its nesting counts against the parser's own limit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checker.urls import EMBED_SHORTCODES

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

__all__ = ["MARKDOWN_DIRECTIVES", "content_fence_rule"]

# Docutils', Sphinx's and the common extensions' (sphinx-design, sphinx-togglebutton,
# sphinx-proof, sphinx-exercise, Jupyter Book) directives whose body is Markdown.
MARKDOWN_DIRECTIVES = frozenset(
    {
        "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
        "tip", "warning", "seealso", "see-also", "todo", "versionadded", "versionchanged",
        "versionremoved", "deprecated", "topic", "sidebar", "margin", "epigraph", "pull-quote",
        "highlights", "compound", "container", "div", "figure", "table", "list-table", "only",
        "glossary", "aside", "card", "grid", "grid-item", "grid-item-card", "tab-set",
        "tab-item", "tabbed", "dropdown", "toggle", "exercise", "solution", "proof", "theorem",
        "lemma", "definition", "remark", "conjecture", "corollary", "algorithm", "example",
        "property", "observation", "proposition", "assumption", "axiom", "criterion", "hlist",
        "centered", "parsed-literal", "line-block", "rubric", "admonition-body",
    }
)  # fmt: skip

# A fence opening (3+ backticks or tildes) whose info string starts with a ``{name}`` (a domain
# allowed before the name, ``{prf:theorem}``) or is Pandoc's ``{=html}``.
_OPENING = re.compile(
    r"(`{3,}|~{3,})[ \t]*\{(?:(=html5?)\}[ \t]*$|(?:[A-Za-z][\w-]*:)?([A-Za-z][\w-]*)\})",
    re.IGNORECASE,
)
# The directives whose argument (the text after ``{name}`` on the opening line) is no text a
# reader sees: a figure's image path, ``{only}``'s expression, a version number, a layout's.
_UNTITLED = frozenset(
    {
        "figure", "only", "grid", "tab-set", "hlist", "container", "div", "glossary",
        "versionadded", "versionchanged", "versionremoved", "deprecated",
    }
)  # fmt: skip
_FENCES = ("```", "~~~")
_OPTION = re.compile(r"[ \t]*:[\w-]+:")
_YAML_FENCE = re.compile(r"[ \t]*---[ \t]*$")


def _opening(state: StateBlock, line: int) -> re.Match[str] | None:
    """The fence opening ``line`` if it is one of ours (not inside an indented code block), and
    CommonMark's rule holds: a backtick fence's info string holds no backtick.  Asked at every
    block's first line, so a line that opens no fence is told by one ``startswith``."""
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith(_FENCES, start) or state.is_code_block(line):
        return None
    end = state.eMarks[line]
    found = _OPENING.match(state.src, start, end)
    if found is None:
        return None
    if found.group(1)[0] == "`" and "`" in state.src[found.end(1) : end]:
        return None
    return found


def _closing(state: StateBlock, start: int, end: int, fence: str) -> tuple[int, bool]:
    """The line that closes the fence ``fence`` opened on ``start`` (before ``end``), and whether
    one was found: CommonMark's rule (the same mark, at least as long, nothing after it; a line
    indented less than the block ends it, as the end of the document does)."""
    line = start + 1
    while line < end:
        at = state.bMarks[line] + state.tShift[line]
        stop = state.eMarks[line]
        if at < stop and state.sCount[line] < state.blkIndent:
            return line, False
        if state.src.startswith(fence, at) and not state.is_code_block(line):
            rest = state.skipCharsStr(at, fence[0])
            if state.skipSpaces(rest) >= stop:
                return line, True
        line += 1
    return line, False


def _options_end(state: StateBlock, first: int, end: int) -> int:
    """The first line of a directive's body after its options (``:key: value`` lines, or a YAML
    block between ``---`` lines); a YAML block left open has no body after it."""

    def text(line: int) -> str:
        return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]

    line = first
    if line < end and _YAML_FENCE.match(text(line)):
        line += 1
        while line < end and not _YAML_FENCE.match(text(line)):
            line += 1
        return min(line + 1, end)
    while line < end and _OPTION.match(text(line)):
        line += 1
    return line


def content_fence_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A fence a generator renders as content (see the module docstring): a MyST directive whose
    body is Markdown, read as the post's blocks inside a ``<div>``; Pandoc's ``{=html}``, an HTML
    block.  One rule for both: it is asked at every block's first line."""
    found = _opening(state, start)
    if found is None:
        return False
    raw = found.group(2) is not None
    name = "" if raw else found.group(3).lower()
    if not raw and name not in MARKDOWN_DIRECTIVES and name not in EMBED_SHORTCODES:
        return False
    if silent:
        return True
    closing, closed = _closing(state, start, end, found.group(1))
    if name in EMBED_SHORTCODES:
        _embed(state, start, name, state.src[found.end() : state.eMarks[start]].strip())
        _verbatim_body(state, start, closing, found.group(1))
    elif raw:
        token = state.push("html_block", "", 0)
        token.map = [start + 1, closing]
        token.content = state.getLines(start + 1, closing, state.sCount[start], True)
    else:
        title = state.src[found.end() : state.eMarks[start]].strip()
        titled = found.group(3).lower() not in _UNTITLED
        _directive(state, start, closing, title if titled else "")
    state.line = closing + (1 if closed else 0)
    return True


def _embed(state: StateBlock, start: int, name: str, argument: str) -> None:
    """An embed's directive (sphinxcontrib-youtube's ````` ```{youtube} ID `````, ``{vimeo}``),
    read on its opening line as the shortcode call of its name (:data:`EMBED_SHORTCODES`), as
    reST's ``.. youtube:: ID`` is: its options are the player's settings.  Read as code, the
    video vanished with no word (session 32 left); one naming no id of its platform's is said
    as ``{{< youtube >}}`` is (``malformed-url``).

    Its argument is one word (the directive takes one argument, an id or a URL): one of more
    words, or holding a shortcode's marks, is no id, and the call is the one without an id.
    Pasted into the call as it was, ``{youtube} ID >}} [x](https://…)`` closed the call and
    cited the link after it, which no reader sees."""
    one_word = argument and not _NOT_AN_ARGUMENT.search(argument)
    state.push("paragraph_open", "p", 1).map = [start, start + 1]
    inline = state.push("inline", "", 0)
    inline.content = f"{{{{< {name} {argument} >}}}}" if one_word else f"{{{{< {name} >}}}}"
    inline.map, inline.children = [start, start + 1], []
    state.push("paragraph_close", "p", -1)


# What no embed's argument holds: a space (a second word) or a shortcode call's marks.
_NOT_AN_ARGUMENT = re.compile(r"[\s<>{}]")


def _verbatim_body(state: StateBlock, start: int, closing: int, marker: str) -> None:
    """An embed directive's body (its options, anything under them) as the code fence it was
    before it was read as an embed: a link there is read with ``--include-verbatim``, as any
    code's is, and was lost with no word when the body was dropped."""
    if closing <= start + 1:
        return
    token = state.push("fence", "code", 0)
    token.map = [start, closing + 1]
    token.markup = marker
    token.content = state.getLines(start + 1, closing, state.sCount[start], True)


def _directive(state: StateBlock, start: int, closing: int, title: str) -> None:
    """The body of the directive opened on ``start``, tokenized in place up to ``closing``,
    after its ``title`` (the opening line's text after ``{name}``: ``{admonition} See [the
    spec](…)``), read as a paragraph of its own: a reader sees it, and its link was lost."""
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "directive"
    state.lineMax = closing  # no lazy continuation runs past the closing fence
    opened = state.push("directive_open", "div", 1)
    opened.map = [start, closing]
    opened.block = True
    if title:
        state.push("paragraph_open", "p", 1).map = [start, start + 1]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = title, [start, start + 1], []
        state.push("paragraph_close", "p", -1)
    state.md.block.tokenize(state, _options_end(state, start + 1, closing), closing)
    state.push("directive_close", "div", -1).block = True
    state.parentType, state.lineMax = old_parent, old_max
