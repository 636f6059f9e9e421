"""Blocks a site generator writes with its own tags, not Markdown's: code and comments.

Jekyll (Liquid) and Hugo expand their tags before the Markdown is read, and two of them hold
what is no citation:

* a code block: Jekyll's ``{% highlight ruby %}`` … ``{% endhighlight %}`` (Octopress's
  ``{% codeblock %}`` … ``{% endcodeblock %}``), Hugo's ``{{< highlight go >}}`` …
  ``{{< /highlight >}}``.  Rendered as ``<pre><code>``, it is code like a fenced block: its URLs
  are cited only with ``--include-verbatim``.  Read as a paragraph, a code sample's
  ``http://localhost:4000/`` or an API's example address was cited, a false ``broken``
  (probe 31);
  Octopress's ``codeblock`` may name a URL on its opening line: its caption's link, cited;
* a Liquid comment, ``{% comment %}`` … ``{% endcomment %}``: Jekyll renders nothing of it, as
  a browser shows nothing of ``<!-- -->``; a draft link kept in one was cited (probe 31).
  Liquid removes it wherever it stands, before Markdown is read: on a line of its own, within a
  paragraph, across blank lines.  So it is blanked from the post's source as MDX's and
  Obsidian's comments are (``markdown._comments_blanked``, its line breaks kept, code spans and
  fences stepped over), with :data:`LIQUID_COMMENT_OPENING` and :data:`LIQUID_COMMENT_CLOSING`:
  a block and an inline rule read it within one paragraph or one container only, and a comment
  across a blank line was shown, its URLs cited (session 31 left).

Only a generator that runs Liquid (Jekyll, Eleventy) removes a Liquid comment: Hugo, Zola and
Obsidian show ``{% comment %}`` as the text it is, and a link in it is a link their readers
see.  Blanked everywhere, such a post's links between the tags were never cited (session 33
left); :func:`runs_liquid` tells, from the files of the site the post is in.

One block rule for the code blocks, before CommonMark's fence rule: a tag alone on a line opens
the block, the line that starts with its closing tag ends it, the lines between are the code.
A tag never closed opens nothing (its lines stay the post's text: what is not known to be code
errs towards being cited), and is remembered, so that later openings of the same tag do not
each search to the end again (linear in the post).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from checker.extract.wikilinks import folder_above, holds_vault_settings
from checker.model import is_hugo_site
from checker.runcache import per_run

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

__all__ = [
    "LIQUID_COMMENT_CLOSING",
    "LIQUID_COMMENT_OPENING",
    "generator_block_rule",
    "runs_liquid",
]

_LIQUID_SETTINGS = (
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
)
"""A site's settings file of a generator that runs Liquid on its posts: Jekyll's, Eleventy's."""


def runs_liquid(page_url: str) -> bool:
    """Whether the post at ``page_url`` is read by a generator that runs Liquid, so that its
    ``{% comment %}`` is removed: no, in a folder of a Hugo or Zola site, or in an Obsidian
    vault with none of Jekyll's or Eleventy's settings at or above it; yes everywhere else (a
    web page, a file of no site known: what a post writing Liquid's tags most likely is).  The
    nearest site's settings decide (a vault inside a Jekyll site is that site's); the folders
    above are walked in a loop, never by recursion (400 nested vaults raised RecursionError,
    the post lost: mend 34q)."""
    site = folder_above(page_url, _holds_site_settings)
    if site is not None:
        return _kind_of(site) == "liquid"
    return folder_above(page_url, holds_vault_settings) is None


@per_run(1024)  # a site's posts share their folders: each looked at once
def _kind_of(folder: Path) -> str | None:
    """``liquid`` (Jekyll's or Eleventy's settings), ``other`` (Hugo's or Zola's), or None (no
    site's settings here)."""
    if any((folder / name).is_file() for name in _LIQUID_SETTINGS):
        return "liquid"
    if is_hugo_site(folder):
        return "other"
    return None


def _holds_site_settings(folder: Path) -> bool:
    return _kind_of(folder) is not None


_OPENING = re.compile(
    r"(?:\{%-?[ \t]*(?P<liquid>highlight|codeblock)\b[^\n%]*-?%\}"
    r"|\{\{(?P<mark>[<%])[ \t]*(?P<hugo>highlight)\b[^\n]*?[>%]\}\})[ \t]*$"
)
_CLOSINGS = {
    "highlight": re.compile(r"\{%-?[ \t]*endhighlight[ \t]*-?%\}"),
    "codeblock": re.compile(r"\{%-?[ \t]*endcodeblock[ \t]*-?%\}"),
    "hugo": re.compile(r"\{\{[<%][ \t]*/[ \t]*highlight[ \t]*[>%]\}\}"),
}
LIQUID_COMMENT_OPENING = r"\{%-?[ \t]*comment[ \t]*-?%\}"
"""Where a Liquid comment opens (a pattern's source, for the comment scan)."""
LIQUID_COMMENT_CLOSING = re.compile(r"\{%-?[ \t]*endcomment[ \t]*-?%\}")
"""Where a Liquid comment closes."""
_UNCLOSED = "generator_blocks_unclosed"
"""The ``env`` key of, for each tag, the lines searched in vain for its closing (from the line
it opened on to the end of its container: a block quote's, or the post's)."""
_LANGUAGE = re.compile(r"[\w+#.-]+")


def generator_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A generator's code block (a ``fence`` token) opened on ``start``: see the module
    docstring.  Asked at every block's first line, so a line that
    opens no tag is told by one look at its first character."""
    at = state.bMarks[start] + state.tShift[start]
    if state.src[at : at + 1] != "{" or state.is_code_block(start):
        return False
    found = _OPENING.match(state.src, at, state.eMarks[start])
    if found is None:
        return False
    kind = found.group("liquid") or "hugo"
    unclosed: dict[str, tuple[int, int]] = state.env.setdefault(_UNCLOSED, {})
    searched_from, searched_to = unclosed.get(kind, (end + 1, 0))
    if searched_from <= start and end <= searched_to:  # within lines already searched in vain
        return False
    closing = _closing(state, start, end, _CLOSINGS[kind])
    if closing is None:
        unclosed[kind] = (start, end)
        return False
    if silent:
        return True
    if kind == "codeblock":
        _caption_links(state, start, found.group(0))
    token = state.push("fence", "code", 0)
    token.info = _language(found)
    token.content = state.getLines(start + 1, closing, state.sCount[start], True)
    token.markup = "```"
    token.map = [start, closing + 1]
    state.line = closing + 1
    return True


_CAPTION_URL = re.compile(r"https?://[^\s%]+")


def _caption_links(state: StateBlock, line: int, opening: str) -> None:
    """Octopress's ``{% codeblock Title lang:ruby https://… file.rb %}`` renders its URL as
    the caption's link (``[file.rb](https://…)``): a link of the post, on the opening's line,
    read as a paragraph of it (reviewD: it was swallowed with the code)."""
    urls = _CAPTION_URL.findall(opening)
    if not urls:
        return
    state.push("paragraph_open", "p", 1).map = [line, line + 1]
    inline = state.push("inline", "", 0)
    inline.content = " ".join(urls)
    inline.map = [line, line + 1]
    inline.children = []
    state.push("paragraph_close", "p", -1)


def _closing(state: StateBlock, start: int, end: int, tag: re.Pattern[str]) -> int | None:
    """The first line after ``start`` (before ``end``) that starts with the closing ``tag``."""
    for line in range(start + 1, end):
        if tag.match(state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line]):
            return line
    return None


def _language(found: re.Match[str]) -> str:
    """The code's language, the tag's first argument (``ruby`` in ``{% highlight ruby %}``)."""
    opening = found.group(0)
    inner = opening.split(found.group("liquid") or found.group("hugo"), 1)[1]
    language = _LANGUAGE.search(inner.strip(" \t-%}>"))
    return language.group(0) if language is not None else ""
