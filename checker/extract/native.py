"""Which per-element passes extraction runs: the compiled ones or the pure Python ones (issue 19).

:mod:`checker.extract._walk` (the content measure) and :mod:`checker.extract._flatten` (the
flattening to lines), Cython built by ``pip install`` when a compiler is there, read libxml2's
nodes through lxml's C API, so each is used only when it was compiled against the lxml and the
libxml2 loaded now: another version's structs differ, and reading them would be undefined.
``CITECHECK_PURE_EXTRACT=1`` forces the pure passes (the reference).  This module is the one
place that decides; the two paths give byte-identical results.
"""

from __future__ import annotations

import functools
import importlib
import os
import warnings
from types import ModuleType

from lxml import etree

__all__ = ["FLATTEN", "MEASURE", "PURE_VARIABLE", "compiled", "why_pure"]

PURE_VARIABLE = "CITECHECK_PURE_EXTRACT"
"""Set to a non-empty value other than ``0``: the pure Python passes run."""


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


MEASURE = "checker.extract._walk"
"""The compiled content measure (``content._measure_columns``)."""
FLATTEN = "checker.extract._flatten"
"""The compiled flattening (``lines.html_lines``)."""


@functools.cache
def _choice(name: str = MEASURE) -> tuple[ModuleType | None, str | None]:
    if os.environ.get(PURE_VARIABLE, "") not in ("", "0"):
        return None, f"{PURE_VARIABLE} is set"
    try:
        with warnings.catch_warnings():  # Cython's struct size checks warn: a mismatch
            warnings.simplefilter("error")
            module = importlib.import_module(name)
    except Exception as failed:  # not built, or unloadable: the pure passes
        return None, f"{name} not loadable ({type(failed).__name__}: {failed})"
    running = (etree.__version__, _dotted(etree.LIBXML_VERSION))
    built = (module.BUILT_LXML, module.BUILT_LIBXML)
    if running != built or _dotted(etree.LIBXML_COMPILED_VERSION) != module.BUILT_LIBXML:
        return None, f"{name} was built for lxml/libxml2 {built}, not {running}"
    return module, None


def compiled(name: str = MEASURE) -> ModuleType | None:
    """The compiled pass ``name`` (:data:`MEASURE`, :data:`FLATTEN`), or None when the pure one
    must run (see :func:`why_pure`)."""
    return _choice(name)[0]


def why_pure(name: str = MEASURE) -> str | None:
    """Why the pure pass ``name`` runs (None: the compiled one does)."""
    return _choice(name)[1]
