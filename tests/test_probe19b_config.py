"""Probe 19b: an interval between two requests to a host is at most an hour.

``interval = 1e308`` (global, or a host's own in ``[hosts."…"]`` or ``--hosts``) was accepted and
the run waited forever before its second request to that host.  It is now a one-line error
(exit 2) naming the key or flag, as an overlong ``ttl`` is (probe 19).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import load_config
from checker.errors import ConfigError
from tests.fetch.support import run_citecheck


@pytest.mark.parametrize(
    "overrides",
    [{"interval": 1e308}, {"interval": 3601.0}, {"hosts": ["a.example:interval=1e308"]}],
    ids=["global", "just-over", "per-host"],
)
def test_an_interval_past_an_hour_is_a_config_error(
    tmp_path: Path, overrides: dict[str, object]
) -> None:
    with pytest.raises(ConfigError, match=r"interval must be at most 3600 \(an hour"):
        load_config(cwd=tmp_path, overrides=overrides)


def test_an_hour_is_still_an_interval(tmp_path: Path) -> None:
    config = load_config(
        cwd=tmp_path, overrides={"interval": 3600.0, "hosts": ["a.example:interval=3600"]}
    )
    assert config.politeness.interval == 3600.0
    assert config.politeness.hosts["a.example"].interval == 3600.0


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ("interval = 1e308\n", "interval must be at most"),
        ('[hosts."a.example"]\ninterval = 1e308\n', "hosts.a.example.interval must be at most"),
    ],
    ids=["global", "per-host"],
)
def test_a_huge_interval_in_a_config_file_is_exit_2_in_one_line(
    tmp_path: Path, table: str, named: str
) -> None:
    """``--dump`` fetches nothing: without the bound the run would end, not hang, and say 0."""
    (tmp_path / "post.md").write_text("# P\n\n[a](https://a.example/1)\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text(table, encoding="utf-8")
    done = run_citecheck(["check", "post.md", "--config", "c.toml", "--dump"], tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert named in done.stderr
