"""Code in the plain-text markups read as text (reST, AsciiDoc, Org), blanked before reading.

A folder's ``.rst``, ``.adoc`` and ``.org`` files are read by the text extractor, which has no
markup telling it what is code: ``curl https://api.example/v1`` in a code block, an example's
``http://localhost:8000/`` and Org's ``=https://x.example/a=`` (cited as ``…/a=``) were checked as
citations, false ``broken`` findings that Markdown's code, skipped unless ``--include-verbatim``,
never gives (probe 19c).  Each markup's literal blocks and inline literals are blanked here, line
for line (a citation's FILE:LINE stays right), in one pass over the lines: no regex over a whole
block, no input-controlled backtracking.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

__all__ = ["without_verbatim"]

_RST = frozenset({".rst", ".rest"})
_ADOC = frozenset({".adoc", ".asciidoc"})
_ORG = frozenset({".org"})
_RST_CODE_DIRECTIVE = re.compile(
    r"\s*\.\.\s+(?:code-block|code|sourcecode|highlight|literalinclude|parsed-literal|doctest)::",
    re.IGNORECASE,
)
_ADOC_DELIMITER = re.compile(r"(?:-{4,}|\.{4,})[ \t]*")
_ORG_BEGIN = re.compile(r"\s*#\+begin_(src|example)\b", re.IGNORECASE)
# Org's =verbatim= and ~code~: the marker after a space (or the line's start), a non-space
# first character, and the same marker before a space, punctuation or the line's end.  The
# body holds neither marker, so each try stops at the next one: linear in the line.
_ORG_INLINE = re.compile(r"(?:(?<=[\s(])|^)([=~])([^\s=~][^=~]*?)\1(?=$|[\s.,;:!?)\]'\"-])")


def without_verbatim(body: str, name: str) -> str:
    """``body`` with the literal blocks and inline literals of its markup blanked.

    ``name`` (a path or URL) gives the markup by its suffix; a body of any other kind is
    returned as it is.
    """
    # Not urlsplit: a hostile page URL (``http://[x]/``) makes it raise, and only the suffix
    # of the path counts.
    suffix = PurePosixPath(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix in _RST:
        lines = _rst(body.split("\n"))
    elif suffix in _ADOC:
        lines = _adoc(body.split("\n"))
    elif suffix in _ORG:
        lines = _org(body.split("\n"))
    else:
        return body
    return "\n".join(lines)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rst(lines: list[str]) -> list[str]:
    """reST: ``::`` literal blocks, code directives' bodies and ````inline literals````."""
    out: list[str] = []
    block_indent: int | None = None  # the indent a block's lines must exceed
    for line in lines:
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                out.append("")
                continue
            block_indent = None
        stripped = line.rstrip()
        if _RST_CODE_DIRECTIVE.match(line) or (
            stripped.endswith("::") and not stripped.lstrip().startswith("..")
        ):
            block_indent = _indent(line)
        out.append(_between(line, "``") if "``" in line else line)
    return out


def _adoc(lines: list[str]) -> list[str]:
    """AsciiDoc: ``----`` listing and ``....`` literal blocks, and ```monospace```."""
    out: list[str] = []
    closing: str | None = None
    for line in lines:
        if closing is not None:
            if line.strip() == closing:
                closing = None
            out.append("")
            continue
        if _ADOC_DELIMITER.fullmatch(line):
            closing = line.strip()
            out.append("")
            continue
        out.append(_between(line, "`") if "`" in line else line)
    return out


def _org(lines: list[str]) -> list[str]:
    """Org: ``#+BEGIN_SRC``/``#+BEGIN_EXAMPLE`` blocks, ``: `` fixed-width lines, =verbatim=."""
    out: list[str] = []
    closing: str | None = None
    for line in lines:
        if closing is not None:
            if line.strip().lower().startswith(closing):
                closing = None
            out.append("")
            continue
        begin = _ORG_BEGIN.match(line)
        if begin is not None:
            closing = f"#+end_{begin.group(1).lower()}"
            out.append("")
            continue
        stripped = line.lstrip()
        if stripped == ":" or stripped.startswith(": "):
            out.append("")
            continue
        out.append(_ORG_INLINE.sub("", line) if ("=" in line or "~" in line) else line)
    return out


def _between(line: str, marker: str) -> str:
    """``line`` without what paired ``marker``s enclose (an unpaired last one is left)."""
    parts = line.split(marker)
    if len(parts) % 2 == 0:  # an odd count of markers: the last opens nothing
        parts[-2:] = [parts[-2] + marker + parts[-1]]
    return "".join(part for index, part in enumerate(parts) if index % 2 == 0)
