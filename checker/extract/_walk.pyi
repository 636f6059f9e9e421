"""Types of the compiled measure (``_walk.pyx``; see :mod:`checker.extract.native`)."""

from collections.abc import Callable
from typing import Any

BUILT_LXML: str
BUILT_LIBXML: str
UNSEEN: int
BLOCK: int
LINK: int
PARAGRAPH: int
PARAGRAPH_WITHOUT_BLOCKS: int
NOSCRIPT: int

def configure(
    flags: dict[str, int],
    holds_blocks: Callable[[Any], bool],
    named_chrome: Callable[[Any, str], bool],
    minimum: int,
) -> None: ...
def measure_columns(
    elements: list[Any], tags: list[str], parents: list[int], own_site: Callable[[str], bool]
) -> tuple[list[int], list[int], list[int], list[int], list[int]] | None: ...
def page_columns(root: Any) -> tuple[list[Any], list[str], list[int]]: ...
def class_values(elements: list[Any]) -> list[str | None]: ...
def itemprop_values(elements: list[Any]) -> list[str | None]: ...
def chrome_attributes(element: Any) -> tuple[str | None, str | None, str | None]: ...
