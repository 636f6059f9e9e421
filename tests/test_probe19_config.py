"""Probe 19: settings a hostile or careless user gives, each a one-line error or honoured.

A duration long enough to overflow a date (``--ttl 1e12``: "keep forever") ended the run with an
internal error (exit 3) once the store was opened; ``fail_on`` written as a TOML array, as
``formats`` and ``exclude`` may be, was refused with a message calling a known code unknown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import load_config
from checker.errors import ConfigError
from checker.findings import Code
from tests.fetch.support import run_citecheck


@pytest.mark.parametrize(
    ("key", "value"),
    [("ttl", 1e12), ("failure_ttl", 1e308), ("save_age_days", 1e12)],
)
def test_a_duration_past_any_date_is_a_config_error(tmp_path: Path, key: str, value: float) -> None:
    """An override is named as its flag (``--failure-ttl``), a file's key as written."""
    with pytest.raises(ConfigError, match=rf"{key.replace('_', '[_-]')} must be at most"):
        load_config(cwd=tmp_path, overrides={key: value})


def test_a_century_is_still_a_duration(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, overrides={"ttl": 3.15e9, "save_age_days": 36_000})
    assert (config.store.ttl, config.archive.save_age_days) == (3.15e9, 36_000)


@pytest.mark.parametrize("where", ["flag", "file"])
def test_a_huge_ttl_is_exit_2_not_an_internal_error(tmp_path: Path, where: str) -> None:
    """``--ttl 1e12`` with a store: ``now - ttl`` is before year 1 (OverflowError, exit 3)."""
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nNo links at all.\n", encoding="utf-8")
    (tmp_path / "c.toml").write_text("ttl = 1e308\n", encoding="utf-8")
    setting = ["--ttl", "1e12"] if where == "flag" else ["--config", "c.toml"]
    done = run_citecheck(
        ["check", "post.md", "--store", "s.db", "--archive", "off", *setting], tmp_path
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "ttl must be at most" in done.stderr


def test_fail_on_as_a_toml_array(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text('fail_on = ["broken", "soft-404"]\n', encoding="utf-8")
    config = load_config(cwd=tmp_path, config_file=tmp_path / "c.toml")
    assert config.report.fail_on.codes == {Code.BROKEN, Code.SOFT_404}


def test_fail_on_array_names_only_the_unknown_code(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text('fail_on = ["broken", "nope"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown: nope\)") as caught:
        load_config(cwd=tmp_path, config_file=tmp_path / "c.toml")
    assert "broken" not in str(caught.value).split("unknown:")[1]


@pytest.mark.parametrize(
    "host",
    ["https://www.example.com", "www.example.com:443", "*.example.com", "example.com/", "", "a b"],
)
def test_a_per_host_rule_that_can_match_no_host_is_a_config_error(
    tmp_path: Path, host: str
) -> None:
    """Rules are keyed by a URL's host name exactly: a URL, a port, a wildcard or a path as the
    key was accepted and matched nothing, so the host the user meant to slow down was not."""
    (tmp_path / "c.toml").write_text(f'[hosts."{host}"]\nconcurrency = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="host name"):
        load_config(cwd=tmp_path, config_file=tmp_path / "c.toml")


def test_a_url_given_to_the_hosts_flag_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="host name"):
        load_config(cwd=tmp_path, overrides={"hosts": ["https://x.com:concurrency=1"]})


@pytest.mark.parametrize(
    "host", ["www.example.com", "WWW.Example.COM", "例え.jp", "::1", "10.0.0.1"]
)
def test_host_names_stay_accepted(tmp_path: Path, host: str) -> None:
    config = load_config(cwd=tmp_path, overrides={"hosts": {host: {"concurrency": 1}}})
    assert config.politeness.hosts[host.lower()].concurrency == 1
