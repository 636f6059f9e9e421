"""The same run on a Dask LocalCluster (issue 15): the report is the local run's."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.config import load_config
from checker.dask_executor import local_cluster, shard_of
from checker.errors import ConfigError
from checker.pipeline import check
from checker.sampleweb import SampleWeb
from checker.sampleweb.demo_web import (
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    demo_web,
)

INPUTS = [DEMO_BLOG_URL, DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL]


def test_a_site_is_one_shard_whatever_its_host() -> None:
    shards = 7
    assert shard_of("https://news.bbc.co.uk/a", shards) == shard_of("https://www.bbc.co.uk/b", 7)
    assert {shard_of(f"https://site{n}.example/", shards) for n in range(100)} == set(range(7))
    assert 0 <= shard_of(None, shards) < shards
    assert 0 <= shard_of("http://[bad", shards) < shards


def test_a_cluster_spec_other_than_local_n_is_bad_input() -> None:
    for spec in ("local", "local:0", "remote:2", "local:x"):
        with pytest.raises(ConfigError), local_cluster(spec):
            pass


@pytest.mark.slow
def test_a_local_cluster_of_two_workers_reports_what_a_local_run_does(tmp_path: Path) -> None:
    with SampleWeb(demo_web()) as web:
        config = load_config(
            overrides={
                "report_dir": tmp_path,
                "connect_to": list(web.connect_to()),
                "cacert": web.ca_path,
                "store": False,
                "baseline": False,
                "ignore_file": False,
            }
        )
        local = check(INPUTS, config)
        with local_cluster("local:2") as executor:
            distributed = check(INPUTS, config, executor=executor)
    assert sum(len(d.citations) for d in local.documents) > 20
    assert distributed.documents == local.documents
    assert distributed.problems == local.problems
    assert distributed.inputs == local.inputs


@pytest.mark.parametrize("extra", [["--cluster", "remote:2"], ["--cluster", "local:2", "--warc"]])
def test_the_cli_refuses_a_bad_cluster_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("[a](https://example.com/a)\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--report-dir", str(tmp_path / "out"), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1
