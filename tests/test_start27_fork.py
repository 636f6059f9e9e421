"""What the forked workers would each pay again is paid once, before the fork (issue 19,
session 27): every process routes each URL by its site (``sharing.site_of``), so each read the
Public Suffix List (~15 ms of CPU) after the fork; the driver reads it before its first job
either way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import checker.processes
from checker import cli, urls
from checker.config import Config, load_config


def test_the_public_suffix_list_is_read_before_the_workers_are_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_at_fork: list[int] = []

    @contextmanager
    def pool_for(config: Config, processes: object, count: int) -> Iterator[None]:
        read_at_fork.append(urls._suffix_list.cache_info().currsize)
        yield None

    monkeypatch.setattr(checker.processes, "pool_for", pool_for)
    urls._suffix_list.cache_clear()  # as a fresh process has it (another test may have read it)
    config = load_config(cwd=tmp_path, overrides={"processes": 2})
    with cli._on_processes(config, ()) as (kept, executor):
        assert (kept, executor) == (config, None)
    assert read_at_fork == [1]
    assert urls.registered_domain("news.bbc.co.uk") == "bbc.co.uk"  # the list as it was read
