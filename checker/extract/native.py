"""Which per-element passes extraction runs: the compiled ones or the pure Python ones (issue 19).

:mod:`checker.extract._walk` (Cython, built by ``pip install`` when a compiler is there) reads
libxml2's nodes through lxml's C API, so it is used only when it was compiled against the lxml
and the libxml2 loaded now: another version's structs differ, and reading them would be
undefined.  ``CITECHECK_PURE_EXTRACT=1`` forces the pure passes (the reference).  This module is
the one place that decides; the two paths give byte-identical results.
"""

from __future__ import annotations

import functools
import importlib
import os
import warnings
from types import ModuleType

from lxml import etree

__all__ = ["PURE_VARIABLE", "compiled", "why_pure"]

PURE_VARIABLE = "CITECHECK_PURE_EXTRACT"
"""Set to a non-empty value other than ``0``: the pure Python passes run."""


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


@functools.cache
def _choice() -> tuple[ModuleType | None, str | None]:
    if os.environ.get(PURE_VARIABLE, "") not in ("", "0"):
        return None, f"{PURE_VARIABLE} is set"
    try:
        with warnings.catch_warnings():  # Cython's struct size checks warn: a mismatch
            warnings.simplefilter("error")
            module = importlib.import_module("checker.extract._walk")
    except Exception as failed:  # not built, or unloadable: the pure passes
        return None, f"checker.extract._walk not loadable ({type(failed).__name__}: {failed})"
    running = (etree.__version__, _dotted(etree.LIBXML_VERSION))
    built = (module.BUILT_LXML, module.BUILT_LIBXML)
    if running != built or _dotted(etree.LIBXML_COMPILED_VERSION) != module.BUILT_LIBXML:
        return None, f"checker.extract._walk was built for lxml/libxml2 {built}, not {running}"
    return module, None


def compiled() -> ModuleType | None:
    """The compiled passes, or None when the pure ones must run (see :func:`why_pure`)."""
    return _choice()[0]


def why_pure() -> str | None:
    """Why the pure passes run (None: the compiled ones do)."""
    return _choice()[1]
