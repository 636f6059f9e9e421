"""The optional compiled passes of extraction (issue 19): ``checker/extract/_walk.pyx`` (the
content measure) and ``checker/extract/_flatten.pyx`` (the flattening to lines).

Everything else is in ``pyproject.toml``.  The extension reads libxml2's nodes through lxml's
public C API, so it is compiled against the headers of the lxml installed in the build
environment; :mod:`checker.extract.native` uses it only when that is the lxml (and libxml2)
installed at run time.  It is optional: without a compiler, Cython or lxml's headers the build
says why and citecheck installs and runs on the pure Python passes.
"""

from __future__ import annotations

from setuptools import setup
from setuptools.command.build_ext import build_ext


def _extensions() -> list[object]:
    try:
        import lxml  # noqa: PLC0415 (only the build needs them)
        from Cython.Build import cythonize  # noqa: PLC0415
        from setuptools import Extension  # noqa: PLC0415
    except ImportError as missing:
        print(f"citecheck: compiled extraction passes not built ({missing}); pure Python used")
        return []
    passes = [
        Extension(
            f"checker.extract.{name}",
            [f"checker/extract/{name}.pyx"],
            include_dirs=lxml.get_include(),
            optional=True,
        )
        for name in ("_walk", "_flatten")  # the content measure, the flattening to lines
    ]
    try:
        return list(cythonize(passes, language_level=3, quiet=True))
    except Exception as failed:  # a .pyx Cython cannot translate: the pure passes
        print(f"citecheck: compiled extraction passes not built ({failed}); pure Python used")
        return []


class _OptionalBuildExt(build_ext):
    """``optional=True`` covers a failed compile; this covers a compiler that is not there."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as failed:  # any failure leaves the pure passes
            print(f"citecheck: compiled extraction passes not built ({failed}); pure Python used")


setup(ext_modules=_extensions(), cmdclass={"build_ext": _OptionalBuildExt})
