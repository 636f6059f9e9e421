"""The trends tests share one history: three runs over the rotting fixture web."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.trends.rotting_web import run_history


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the three runs of :data:`tests.trends.rotting_web.RUNS`."""
    folder = tmp_path_factory.mktemp("history")
    store = folder / "store.sqlite3"
    run_history(folder, store)
    return store
