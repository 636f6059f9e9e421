"""Types of the compiled flattening (``_flatten.pyx``; see :mod:`checker.extract.native`)."""

from collections.abc import Callable
from typing import Any

BUILT_LXML: str
BUILT_LIBXML: str
BLOCK: int
HEADING: int
CITING: int
VERBATIM: int
INVISIBLE: int
LINK: int
IMAGE: int
SVG: int
QUOTE: int

def configure(
    flags: dict[str, int],
    pruned: str,
    is_embed: Callable[[Any], bool],
    cited_by_attribute: Callable[[Any, str, bool], Any],
    svg_links: Callable[[Any, bool], list[Any]],
    quote_cite: Callable[[Any], str | None],
    finished_anchor: Callable[[Any, list[str], int, bool], Any],
    made_line: Callable[..., Any],
    line: Callable[..., Any],
) -> None: ...
def flatten(
    element: Any, skip: Callable[[Any], bool] | None, embeds: dict[Any, int], include_verbatim: bool
) -> tuple[Any, ...] | None: ...
