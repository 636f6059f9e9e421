"""Caches of what a run looks at on disk (a site's folders, its settings files), kept for one
run: each is registered here and all are cleared as a run opens (``Run``).

A look at a folder holds for the run that made it; kept for the process, a run in a process
that ran before (an API caller, a test, a watch loop) saw a ``_config.yml``, a Docusaurus
config or a post made since the first look as missing, and a removed one as present (mend 34p
for the vaults; session 34's leftover for Hexo, Docusaurus and the generators' blocks).  One
registry, so a new cache on paths cannot be forgotten by the run's list of what to clear.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

__all__ = ["forget_run_caches", "per_run"]

_T = TypeVar("_T")

_CLEARS: list[Callable[[], None]] = []
"""Each registered cache's ``cache_clear``."""


def per_run(maxsize: int) -> Callable[[Callable[..., _T]], _lru_cache_wrapper[_T]]:
    """``functools.lru_cache(maxsize)``, cleared as each run opens (:func:`forget_run_caches`)."""

    def cached(function: Callable[..., _T]) -> _lru_cache_wrapper[_T]:
        wrapper = lru_cache(maxsize=maxsize)(function)
        _CLEARS.append(wrapper.cache_clear)
        return wrapper

    return cached


def forget_run_caches() -> None:
    """Forget every look a run made at the disk: the next run sees its folders as they are."""
    for clear in _CLEARS:
        clear()
