"""The trends tests share one history: three runs over the rotting fixture web."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trends.rotting_web import run_history


@pytest.fixture(scope="module")
def history_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...]]:
    """A store holding the three runs of :data:`tests.trends.rotting_web.RUNS`, and the
    ``--connect-to`` arguments those runs were made with."""
    folder = tmp_path_factory.mktemp("history")
    store = folder / "store.sqlite3"
    return store, run_history(folder, store)


@pytest.fixture(scope="module")
def history(history_run: tuple[Path, tuple[str, ...]]) -> Path:
    """The store of :func:`history_run`."""
    return history_run[0]


@pytest.fixture(scope="module")
def web_args(history_run: tuple[Path, tuple[str, ...]]) -> tuple[str, ...]:
    """The ``--connect-to`` arguments that make ``trends`` read the fixture web's runs."""
    return history_run[1]
