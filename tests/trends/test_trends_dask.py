"""A distributed run keeps its history like a local one: the driver writes it, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.fetch.store import read_verdicts
from checker.pipeline import check
from checker.sampleweb import SampleWeb
from tests.trends.rotting_web import RottingWeb, write_posts

pytest.importorskip("distributed", reason="dask[distributed] is not installed")


@pytest.mark.slow
def test_a_cluster_run_writes_one_history_row_per_citation(tmp_path: Path) -> None:
    from checker.dask_executor import local_cluster, on  # noqa: PLC0415

    posts = tmp_path / "posts"
    write_posts(posts)
    store = tmp_path / "store.sqlite3"
    rotting = RottingWeb(dead={"https://www.beta.org/b"})
    with SampleWeb(rotting.web()) as site, local_cluster("local:2") as client:
        config = Config().with_(
            connect_to=[ConnectTo.parse(rule) for rule in site.connect_to()],
            cacert=site.ca_path,
            retries=0,
            archive="off",
            store=store,
        )
        report = check([str(posts)], config, executor=on(client, batch_size=2))
    rows = read_verdicts(store)
    checked = [c for d in report.documents for c in d.citations]
    assert len(rows) == len(checked) == 8
    assert {r.run_id for r in rows} == {1}
    assert [r.url for r in rows if r.status.value == "broken"] == ["https://www.beta.org/b"]
    assert not list(tmp_path.glob("store.sqlite3.worker-*"))  # merged into the store first
