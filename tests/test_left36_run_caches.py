"""What a run sees of a site's folders is looked at once a run, not once a process: a run in a
process that ran before (an API caller, a watch loop, a test) saw a site's settings file made
since the first look as missing.  Each cache on paths is registered with ``checker.runcache``
and all are cleared as a ``Run`` opens (session 34's leftover: only the vaults' were)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import Config
from checker.extract import generator_blocks, hexo, markdown
from checker.run import Run


def _open_a_run(tmp_path: Path) -> None:
    async def go() -> None:
        async with Run(Config().with_(store=None, report_dir=tmp_path / "reports")):
            pass

    asyncio.run(go())


def _hexo(folder: Path) -> None:
    (folder / "_config.yml").write_text("title: x\n", encoding="utf-8")
    folder.joinpath("source", "_posts").mkdir(parents=True)


def _docusaurus(folder: Path) -> None:
    (folder / "docusaurus.config.js").write_text("module.exports = {};\n", encoding="utf-8")


def _jekyll(folder: Path) -> None:
    (folder / "_config.yml").write_text("title: x\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("looks", "made"),
    [
        (hexo._is_hexo_site, _hexo),
        (markdown._holds_docusaurus_config, _docusaurus),
        (lambda folder: generator_blocks._kind_of(folder) is not None, _jekyll),
    ],
)
def test_a_run_sees_a_site_made_since_an_earlier_run(
    tmp_path: Path, looks: Callable[[Path], bool], made: Callable[[Path], None]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    assert not looks(site)  # an earlier run's look: no site here
    made(site)
    _open_a_run(tmp_path)
    assert looks(site)
