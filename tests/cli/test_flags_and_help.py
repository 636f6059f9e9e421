"""Every configuration key has a flag; ``--help`` shows defaults, examples and exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pytest

from checker.cli import ExitCode, _config, check_command, command, main
from checker.config import KEYS, Config, flag_name

_COMMAND_ONLY = ("inputs", "no_baseline", "dump", "cluster", "write_files", "patch_file")


def _flags(command: click.Command) -> dict[str, list[str]]:
    return {p.name: p.opts for p in command.params if p.name is not None}


@pytest.mark.parametrize(
    ("name", "without"), [("check", ()), ("baseline", ("scheduler",)), ("fix", ("scheduler",))]
)
def test_every_configuration_key_has_a_flag(name: str, without: tuple[str]) -> None:
    """A key added to config.KEYS is a flag at once; this fails for a key with none."""
    flags = _flags(command(name))
    for key in KEYS:
        if key in without:
            assert key not in flags
            continue
        assert key in flags, f"configuration key {key} has no flag on {name}"
        assert flag_name(key) in flags[key]


def _parsed(*argv: str) -> Config:
    context = check_command.make_context("check", ["x.md", *argv])
    options: dict[str, Any] = {k: v for k, v in context.params.items() if k not in _COMMAND_ONLY}
    return _config(options)[0]


def test_lychees_names_are_aliases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = _parsed(
        "--max-concurrency", "7", "--host-concurrency", "2", "--max-retries", "0",
        "--severity", "blocked=error", "--severity", "redirected=warning",
        "--hosts", "slow.example:interval=2,concurrency=1", "--no-http2",
        "--mirror-accounts", "@Mirror", "--archive", "off",
    )  # fmt: skip
    assert (config.politeness.concurrency, config.politeness.per_host_concurrency) == (7, 2)
    assert config.fetch.retries == 0 and config.fetch.http2 is False
    assert {c.value: s.value for c, s in config.report.severity.items()} == {
        "blocked": "error",
        "redirected": "warning",
    }
    assert config.politeness.hosts["slow.example"].interval == 2.0
    assert config.verify.mirror_accounts == frozenset({"mirror"})


def test_accept_reads_lychees_ranges() -> None:
    accept = Config().with_(accept="200..=204, 429,500..502,300-301").verify.accept
    assert accept == frozenset({200, 201, 202, 203, 204, 429, 500, 501, 300, 301})
    with pytest.raises(Exception, match="--accept 'ok': expected status codes"):
        Config().with_(accept="ok")


def test_check_help_shows_defaults_examples_and_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--help"]) == ExitCode.OK
    out = " ".join(capsys.readouterr().out.split())
    for default in ("[default: 20.0]", "[default: 128]", "[default: json,md]", "[default: error]"):
        assert default in out
    assert out.count("$ citecheck ") == 0 and out.count(" citecheck check ") >= 3
    assert "Exit status: 0 no failing finding; 1 failing findings; 2 bad usage" in out
    params = [p for p in check_command.params if isinstance(p, click.Option)]
    for param in params:
        if param.name in KEYS:
            assert "default" in (param.help or ""), param.name


def test_bare_citecheck_shows_the_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """As lychee does (clap: arguments missing is exit 2); the help, not a one-line error."""
    assert main([]) == ExitCode.ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Usage: citecheck [OPTIONS] COMMAND [ARGS]...")
    assert "Examples:" in err and "Exit status:" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--baseline", "b.json"], "citecheck fix takes no --baseline"),
        (["--annotations"], "citecheck fix takes no --annotations/--no-annotations"),
        (["--no-annotations"], "citecheck fix takes no --annotations/--no-annotations"),
        (["-o", "-"], "citecheck fix -o -: standard output holds the diff"),
        (["--scheduler", "tcp://h:1"], "No such option '--scheduler'"),
    ],
)
def test_fix_refuses_what_it_cannot_honour(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code = main(["fix", "x.md", *argv])
    _, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1 and message in err


@pytest.mark.parametrize(
    ("argv", "named", "not_named"),
    [
        (["--max-concurrency", "abc"], "--max-concurrency must be", "--concurrency"),
        (["--max-concurrency=0"], "--max-concurrency must be", "--concurrency"),
        (["--host-concurrency", "0"], "--host-concurrency must be", "--per-host-concurrency"),
        (["--max-retries", "-1"], "--max-retries must", "--retries "),
        (["--concurrency", "abc"], "--concurrency must be", "--max-concurrency"),
    ],
)
def test_errors_name_the_flag_as_the_user_typed_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    named: str,
    not_named: str,
) -> None:
    """A lychee user who typed --max-concurrency must not be told about --concurrency."""
    monkeypatch.chdir(tmp_path)
    assert main(["check", "x.md", *argv]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert named in err and not_named not in err, err
