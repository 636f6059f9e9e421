"""WordPress's embed block as the editor stores it: the embedded post's URL alone in a figure.

The block editor saves an embed as ``<figure class="wp-block-embed …"><div
class="wp-block-embed__wrapper">URL</div></figure>`` and puts the platform's markup there only
when it renders the page.  A WordPress export (WXR) holds the stored form, whose URL was cited
as a plain link: a deleted tweet's page fetched as a web page, the embed never asked of its
platform, the run passing (probe 25).  Read here as the embed that URL names, through each
platform's ``from_url`` (:data:`~checker.extract.embeds.shortcodes.URL_READERS`), as
``[embed]URL[/embed]`` is.  A rendered block (the platform's markup inside the wrapper) is no
stored block: its platform's reader reads that markup, with the text and author it shows.
"""

from __future__ import annotations

from checker.extract.embeds._shared import Embed, classes
from checker.extract.embeds.shortcodes import embed_of_url
from checker.extract.tree import Element, is_element

__all__ = ["read"]

_BLOCK = "wp-block-embed"
_WRAPPER = "wp-block-embed__wrapper"


def read(tag: Element, base: str) -> Embed | None:
    """The post a stored embed block names, when ``tag`` is one and the URL is a platform's."""
    del base  # the editor stores the URL as pasted: absolute
    if tag.tag.lower() != "figure" or _BLOCK not in classes(tag):
        return None
    wrapper = next((c for c in tag if is_element(c) and _WRAPPER in classes(c)), None)
    if wrapper is None or any(is_element(c) for c in wrapper):
        return None  # no wrapper, or a rendered one: the markup inside is read on its own
    url = (wrapper.text or "").strip()
    if not url.lower().startswith(("https://", "http://")) or any(c.isspace() for c in url):
        return None
    return embed_of_url(url)
