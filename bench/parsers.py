"""The parser question (issue 19, session 26): libxml2 (lxml, as citecheck parses) against lexbor
(selectolax), on the 200 real pages, one core, CPU seconds per page and stage.

Not part of the project: selectolax is not a dependency.  Install it and its source (for
lexbor's headers) outside the project, build the C walk, then run::

    pip install --target /tmp/ext26pkgs selectolax==1.0.2
    pip download --no-binary :all: --no-deps selectolax==1.0.2 -d /tmp/ext26sdist
    tar xzf /tmp/ext26sdist/selectolax-1.0.2.tar.gz -C /tmp/ext26src
    python -m bench.parsers build          # bench/lexbor_walk.pyx into /tmp/ext26walk
    python -m bench.parsers [MODE ...]     # libxml2 libxml2-noproxy lexbor lexbor-py

Stages per page (least of three passes): the UTF-8 encode of the page's text, the parse
(``tree.parse_html`` for libxml2: its own encode included), a walk of every element with its
tag, parent, class and href (``libxml2``: citecheck's ``page_columns`` + ``class_values`` +
each ``<a>``'s ``get("href")``, a proxy per element; ``*-noproxy``/``lexbor``: one C walk,
``bench/lexbor_walk.pyx``; ``lexbor-py``: selectolax's own ``traverse()`` in Python) and the
free of the tree.  Under callgrind, ``python -m bench.parsers _count MODE`` counts one pass
over pages 3 to 63 only (``valgrind --tool=callgrind --instr-atstart=no``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_PACKAGES = Path(os.environ.get("EXT26_PACKAGES", "/tmp/ext26pkgs"))
_LEXBOR_SOURCE = Path(
    os.environ.get("EXT26_LEXBOR", "/tmp/ext26src/selectolax-1.0.2/lexbor/source")
)
_BUILT = Path("/tmp/ext26walk")
_STAGES = ("encode", "parse", "walk", "free")


def _build() -> None:
    """Compile ``bench/lexbor_walk.pyx`` against lxml's and lexbor's headers into ``_BUILT``."""
    import lxml  # noqa: PLC0415 (the build alone needs them)
    from Cython.Build import cythonize  # noqa: PLC0415
    from setuptools import Extension, setup  # noqa: PLC0415

    source = Path(__file__).resolve().with_name("lexbor_walk.pyx")
    include = [*lxml.get_include(), str(_LEXBOR_SOURCE), str(_PACKAGES)]
    module = Extension("lexbor_walk", [str(source)], include_dirs=include)
    built = cythonize(
        [module], include_path=[str(_PACKAGES)], language_level=3, build_dir=str(_BUILT)
    )
    _BUILT.mkdir(parents=True, exist_ok=True)
    os.chdir(_BUILT)  # setuptools would read the checkout's pyproject.toml (see bench/README)
    setup(
        name="lexbor-walk-bench",
        ext_modules=built,
        script_args=["build_ext", "--build-lib", str(_BUILT), "--build-temp", f"{_BUILT}/tmp"],
    )


def _texts() -> list[str]:
    from tests.extract.citation_dump import realpage_pages  # noqa: PLC0415

    return [page.body for _name, page in realpage_pages()]


def _lexbor_python_walk(parser: Any) -> int:
    """Every element's tag, class and href through selectolax's Python API."""
    seen = 0
    for node in parser.root.traverse():
        if node.is_element_node:
            values = node.attrs
            seen += (node.tag is not None) + (values.get("class") is not None)
            seen += values.get("href") is not None
    return seen


def _pass(mode: str, texts: list[str]) -> dict[str, float]:
    """CPU seconds of each stage, summed over ``texts``."""
    sys.path[:0] = [str(_BUILT), str(_PACKAGES)]
    import lexbor_walk  # type: ignore[import-not-found]  # noqa: PLC0415
    from selectolax import lexbor  # type: ignore[import-not-found]  # noqa: PLC0415

    from checker.extract import _walk  # type: ignore[attr-defined]  # noqa: PLC0415
    from checker.extract.tree import parse_html  # noqa: PLC0415

    lexbor_walk.setup(lexbor.__file__)
    spent = dict.fromkeys(_STAGES, 0.0)
    clock = time.process_time
    for text in texts:
        started = clock()
        data = text.encode("utf-8", "replace")
        spent["encode"] += clock() - started
        started = clock()
        tree: Any = lexbor.LexborHTMLParser(data) if mode.startswith("lexbor") else parse_html(text)
        spent["parse"] += clock() - started
        started = clock()
        held: list[Any] = []
        if mode == "libxml2":
            held, tags, _parents = _walk.page_columns(tree)
            _walk.class_values(held)
            [e.get("href") for e, tag in zip(held, tags, strict=True) if tag == "a"]
        elif mode == "libxml2-noproxy":
            lexbor_walk.libxml2_walk(tree)
        elif mode == "lexbor":
            lexbor_walk.lexbor_walk(tree)
        else:
            _lexbor_python_walk(tree)
        spent["walk"] += clock() - started
        started = clock()
        while held:  # as tree.held drops them: children before their parents
            held.pop()
        del tree
        spent["free"] += clock() - started
    return spent


def main(argv: list[str]) -> None:
    """``build``, ``_count MODE`` (under callgrind) or the CPU table of the modes given."""
    if argv[:1] == ["build"]:
        _build()
        return
    texts = _texts()
    if argv[:1] == ["_count"]:
        _pass(argv[1], texts[:3])
        toggle = ["callgrind_control", "-i"]
        subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
        _pass(argv[1], texts[3:63])
        subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
        return
    modes = argv or ["libxml2", "libxml2-noproxy", "lexbor", "lexbor-py"]
    _pass(modes[0], texts[:5])
    for mode in modes:
        runs = [_pass(mode, texts) for _ in range(3)]
        best = {stage: min(run[stage] for run in runs) * 1000 / len(texts) for stage in _STAGES}
        cells = "  ".join(f"{stage} {best[stage]:.3f}" for stage in _STAGES)
        print(f"{mode:16s} ms CPU a page: {cells}  (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])
