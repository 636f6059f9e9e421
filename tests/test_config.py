from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config, ConnectTo, FailOn, load_config
from checker.errors import ConfigError
from checker.findings import Code, Severity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a.com:443:127.0.0.1:8443", ConnectTo("a.com", 443, "127.0.0.1", 8443)),
        ("::127.0.0.1:8080", ConnectTo(None, None, "127.0.0.1", 8080)),
        (":443:[::1]:9443", ConnectTo(None, 443, "::1", 9443)),
        ("A.COM:80::", ConnectTo("a.com", 80, None, None)),
    ],
)
def test_connect_to_parses_curl_syntax(text: str, expected: ConnectTo) -> None:
    assert ConnectTo.parse(text) == expected


@pytest.mark.parametrize("text", ["a.com:443:127.0.0.1", "a:b:c:d", "a:99999:b:1", "x"])
def test_connect_to_rejects_malformed(text: str) -> None:
    with pytest.raises(ConfigError, match="--connect-to"):
        ConnectTo.parse(text)


def test_connect_to_matching() -> None:
    rule = ConnectTo.parse(":443:127.0.0.1:1")
    assert rule.matches("example.org", 443)
    assert not rule.matches("example.org", 80)
    named = ConnectTo.parse("a.com::127.0.0.1:1")
    assert named.matches("A.com", 80)
    assert not named.matches("b.com", 80)


def test_fail_on_forms() -> None:
    assert FailOn.parse("warning").fails(Code.BLOCKED, Severity.WARNING)
    assert not FailOn.parse("error").fails(Code.BLOCKED, Severity.WARNING)
    codes = FailOn.parse("broken,soft-404")
    assert codes.fails(Code.BROKEN, Severity.INFO)
    assert not codes.fails(Code.TITLE_MISMATCH, Severity.ERROR)
    with pytest.raises(ConfigError, match="unknown: nope"):
        FailOn.parse("nope")


def test_layers_flags_beat_files(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\ntimeout = 5\nformats = ["json"]\n[tool.citecheck.severity]\n'
        'blocked = "error"\n'
    )
    (tmp_path / "citecheck.toml").write_text("timeout = 7\n")
    config = load_config(cwd=tmp_path, overrides={"timeout": 9.0, "formats": None})
    assert config.timeout == 9.0
    assert config.formats == ("json",)
    assert config.severity_of(Code.BLOCKED, Severity.WARNING) is Severity.ERROR
    assert load_config(cwd=tmp_path).timeout == 7


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"timeout": -1}, "greater than 0"),
        ({"timeout": "soon"}, "must be a float"),
        ({"formats": "json,pdf"}, "unknown format"),
        ({"formats": ""}, "unknown format"),
        ({"bogus": 1}, "unknown configuration key"),
        ({"cacert": "/no/such/ca.pem"}, "no such file"),
        ({"severity": {"broken": "fatal"}}, "use error, warning or info"),
        ({"http2": "yes"}, "true or false"),
    ],
)
def test_bad_values_are_config_errors(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=Path("/nonexistent"), overrides=values)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(cwd=tmp_path, config_file=tmp_path / "nope.toml")


def test_defaults() -> None:
    assert load_config(cwd=Path("/nonexistent")) == Config()
