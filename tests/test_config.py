from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from checker.cli import main
from checker.config import (
    FORMAT_NAMES,
    KEYS,
    ArchiveKind,
    Config,
    ConnectTo,
    FailOn,
    HostConfig,
    ReportFormat,
    default_store_path,
    load_config,
    user_config_file,
)
from checker.errors import ConfigError
from checker.findings import Code, Severity
from checker.verify import archive


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
    assert config.fetch.timeout == 9.0
    assert config.report.formats == ("json",)
    assert config.report.severity_of(Code.BLOCKED, Severity.WARNING) is Severity.ERROR
    assert load_config(cwd=tmp_path).fetch.timeout == 7


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"timeout": -1}, "greater than 0"),
        ({"timeout": "soon"}, "must be a number"),
        ({"formats": "json,pdf"}, "unknown format"),
        ({"formats": ""}, "unknown format"),
        ({"bogus": 1}, "unknown setting --bogus"),
        ({"cacert": "/no/such/ca.pem"}, "no such file"),
        ({"severity": {"broken": "fatal"}}, "use error, warning or info"),
        ({"http2": "yes"}, "true or false"),
        ({"max_citations_per_post": -1}, "must not be negative"),
    ],
)
def test_bad_values_are_config_errors(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=Path("/nonexistent"), overrides=values)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(cwd=tmp_path, config_file=tmp_path / "nope.toml")


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    store = tmp_path / "citecheck" / "store.sqlite3"
    baseline = Path("/nonexistent/citecheck-baseline.json")
    assert load_config(cwd=Path("/nonexistent")) == Config().with_(store=store, baseline=baseline)
    assert Config().store.path is None
    assert Config().report.baseline is None


def test_store_default_follows_xdg_and_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_store_path() == tmp_path / "cache" / "citecheck" / "store.sqlite3"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store_path() == tmp_path / ".cache" / "citecheck" / "store.sqlite3"
    assert load_config(cwd=tmp_path, overrides={"store": False}).store.path is None
    custom = load_config(cwd=tmp_path, overrides={"store": "x.sqlite3"})
    assert custom.store.path == Path("x.sqlite3")


def test_memory_and_politeness_keys(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text(
        "interval = 0.5\nttl = 3600\nstrikes = 4\nstrike_days = 2.5\nallow_private = true\n"
        '[hosts."Example.com"]\nconcurrency = 1\ninterval = 2.0\n'
        '[hosts."slow.example"]\ninterval = 5\n'
    )
    config = load_config(cwd=tmp_path)
    assert (
        config.politeness.interval,
        config.store.ttl,
        config.store.strikes,
        config.store.strike_days,
    ) == (
        0.5,
        3600.0,
        4,
        2.5,
    )
    assert config.fetch.allow_private is True
    assert config.politeness.hosts == {
        "example.com": HostConfig(1, 2.0),
        "slow.example": HostConfig(None, 5.0),
    }


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"interval": -1}, "interval must not be negative"),
        ({"ttl": -5}, "ttl must not be negative"),
        ({"strikes": 0}, "strikes must be greater than 0"),
        ({"strike_days": -1.0}, "--strike-days must not be negative"),
        ({"allow_private": "yes"}, "--allow-private must be true or false"),
        ({"store": 3}, "store must be a file path or false"),
        ({"hosts": {"a.com": {"concurrency": 0}}}, "hosts.a.com.concurrency must be greater"),
        ({"hosts": {"a.com": {"interval": -1}}}, "hosts.a.com.interval must not be negative"),
        ({"hosts": {"a.com": {"rate": 1}}}, "only concurrency and interval"),
        ({"hosts": ["a.com"]}, "--hosts 'a.com': expected HOST:concurrency=N"),
        ({"hosts": 5}, "--hosts must be tables"),
    ],
)
def test_memory_and_politeness_values_are_checked(
    tmp_path: Path, values: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=tmp_path, overrides=values)


def test_near_miss_values_are_accepted(tmp_path: Path) -> None:
    config = load_config(
        cwd=tmp_path, overrides={"interval": 0, "ttl": 0, "strike_days": 0, "strikes": 1}
    )
    assert (
        config.politeness.interval,
        config.store.ttl,
        config.store.strike_days,
        config.store.strikes,
    ) == (0.0, 0.0, 0.0, 1)


def test_patterns_and_files_from_layers(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nexclude = ["x\\\\.com"]\ninclude = "keep"\nbaseline = "b.json"\n'
    )
    (tmp_path / ".citecheckignore").write_text("paywall\n")
    config = load_config(cwd=tmp_path)
    assert config.crawl.exclude == (r"x\.com",)
    assert config.crawl.include == ("keep",)
    assert config.report.baseline == Path("b.json")
    assert config.crawl.ignore_file == tmp_path / ".citecheckignore"
    flags = load_config(cwd=tmp_path, overrides={"exclude": ["y"], "baseline": False})
    assert flags.crawl.exclude == ("y",)
    assert flags.report.baseline is None


def test_no_ignore_file_unless_present(tmp_path: Path) -> None:
    assert load_config(cwd=tmp_path).crawl.ignore_file is None
    assert load_config(cwd=tmp_path, overrides={"ignore_file": False}).crawl.ignore_file is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"exclude": ["(unclosed"]}, "exclude pattern '(unclosed' is not a valid regular"),
        ({"include": ["a", "[z-a]"]}, "include pattern '[z-a]' is not a valid regular"),
        ({"exclude": 3}, "exclude must be a list of regular expressions"),
        ({"include": ["ok", 1]}, "include must be a list of regular expressions"),
        ({"ignore_file": "/no/such/ignore"}, "--ignore-file /no/such/ignore: no such file"),
        ({"baseline": 7}, "baseline must be a file path or false"),
        ({"baseline": ""}, "baseline must be a file path or false"),
    ],
)
def test_pattern_and_file_keys_are_validated(
    tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path, overrides=overrides)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_valid_patterns_pass(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, overrides={"exclude": r"^https?://(www\.)?x\.com/"})
    assert config.crawl.exclude == (r"^https?://(www\.)?x\.com/",)


def test_the_citation_cap_is_a_config_key(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text("max_citations_per_post = 0\n")
    assert load_config(cwd=tmp_path).crawl.max_citations_per_post == 0
    assert load_config(cwd=Path("/nonexistent")).crawl.max_citations_per_post == 5000


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"timeout": float("nan")}, "finite number"),
        ({"timeout": float("inf")}, "finite number"),
        ({"ttl": float("inf")}, "finite number"),
        ({"max_posts": float("inf")}, "must be a whole number"),
        ({"max_bytes": 1e400}, "must be a whole number"),
        ({"concurrency": 2.7}, "must be a whole number"),
        ({"concurrency": True}, "must be a whole number"),
        ({"concurrency": "٣"}, "must be a whole number"),
        ({"processes": "٣"}, "must be a whole number"),
        ({"timeout": "２"}, "must be a number"),
        ({"timeout": True}, "must be a number"),
        ({"user_agent": 5}, "must be text"),
        ({"user_agent": "citecheck\r\nX-Evil: 1"}, "control character"),
        ({"label": "a\x00b"}, "control character"),
        ({"formats": 5}, "unknown format"),
        ({"connect_to": 5}, "--connect-to must be"),
        ({"mirror_accounts": 5}, "--mirror-accounts must be a list"),
        ({"hosts": {"a.com": {"concurrency": True}}}, "must be a whole number"),
    ],
)
def test_hostile_config_values_are_one_line_errors(
    tmp_path: Path, values: dict[str, object], message: str
) -> None:
    """A config file is user input: every wrong type or non-finite number is a ConfigError."""
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=tmp_path, overrides=values)


def test_integral_float_and_numeric_string_are_accepted(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, overrides={"concurrency": 4.0, "timeout": "2.5"})
    assert (config.politeness.concurrency, config.fetch.timeout) == (4, 2.5)


@pytest.mark.parametrize("value", ["2020-02-30", "Feb 1, 2020", "yesterday", "2020-01-01" * 50])
def test_since_is_an_iso_day_or_a_config_error(tmp_path: Path, value: str) -> None:
    assert load_config(cwd=tmp_path, overrides={"since": "2020-01-31"}).crawl.since == date(
        2020, 1, 31
    )
    with pytest.raises(ConfigError, match="since must be a date YYYY-MM-DD"):
        load_config(cwd=tmp_path, overrides={"since": value})


def test_since_datetime_is_a_date(tmp_path: Path) -> None:
    """TOML's ``since = 2020-01-01T00:00:00`` is a datetime; comparing it with dates would raise."""
    config = load_config(cwd=tmp_path, overrides={"since": datetime(2020, 1, 1, 5)})
    assert type(config.crawl.since) is date and config.crawl.since == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("named.toml", b"\xff\xfe = 1\n"),
        ("pyproject.toml", b'tool = "x"\n'),
        ("pyproject.toml", b"[tool]\ncitecheck = 5\n"),
        ("citecheck.toml", b"\xc3\x28 = 1\n"),
    ],
)
def test_garbage_config_files_are_config_errors(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    named = tmp_path / name if name == "named.toml" else None
    with pytest.raises(ConfigError):
        load_config(cwd=tmp_path, config_file=named)


def test_default_width_is_lychees_and_per_host_politeness_stays() -> None:
    """Defaults compete (issue 19): 128 in flight like lychee, and per host Scrapy's 8 a domain,
    fewer than lychee's 10 (bench/README.md, session 31: 4 and 6 did not reach 0.8x lychee's wall
    where a few hosts hold most URLs)."""
    config = Config()
    assert (config.politeness.concurrency, config.politeness.per_host_concurrency) == (128, 8)


def test_config_is_typed_parts_reached_by_the_flat_public_keys() -> None:
    """Each TOML key/flag sets one field of one part; ``with_`` reads the loader's own table."""
    config = Config().with_(timeout=3, per_host_concurrency="2", archive="OFF", report_dir="r")
    assert config.fetch.timeout == 3.0 and type(config.fetch.timeout) is float
    assert config.politeness.per_host_concurrency == 2
    assert config.archive.kind is ArchiveKind.OFF
    assert config.report.dir == Path("r")
    assert Config().fetch.deadline == 3 * Config().fetch.timeout
    fields_of_parts = {
        (part.name, f.name)
        for part in dataclasses.fields(Config)
        for f in dataclasses.fields(getattr(Config(), part.name))
    } - {("store", "spare")}  # the loader's mark, no setting: whether anybody named the store
    assert {(key.part, key.field) for key in KEYS.values()} == fields_of_parts
    assert len(KEYS) == len(fields_of_parts)  # no field set by two keys


def test_with_checks_values_like_a_config_file() -> None:
    with pytest.raises(ConfigError, match="unknown setting --time-out; did you mean --timeout"):
        Config().with_(time_out=1)
    with pytest.raises(ConfigError, match="timeout must be greater than 0"):
        Config().with_(timeout=0)
    with pytest.raises(ConfigError, match="archive must be one of wayback, memento, off"):
        Config().with_(archive="archive.today")
    limited = Config().with_(max_posts=3, total_timeout=9)
    assert limited.with_(max_posts=None, total_timeout=None) == Config()
    with pytest.raises(ConfigError, match="timeout must be a number"):
        Config().with_(timeout=None)  # not optional: None is no value


def test_with_keeps_parsed_values_as_they_are() -> None:
    rule = ConnectTo.parse("a.com:443:127.0.0.1:8443")
    config = Config().with_(connect_to=(rule, "b.com:443:127.0.0.1:9443"), fail_on=FailOn())
    assert config.fetch.connect_to == (rule, ConnectTo("b.com", 443, "127.0.0.1", 9443))
    assert config.report.fail_on == FailOn()


def test_closed_sets_are_enums_shared_across_stages() -> None:
    config = load_config(cwd=Path("/nonexistent"), overrides={"formats": "sarif,JSON"})
    assert config.report.formats == (ReportFormat.SARIF, ReportFormat.JSON)
    assert FORMAT_NAMES == ("json", "md", "html", "junit", "sarif", "csv")
    assert archive.ArchiveKind is ArchiveKind  # verify/archive.py has no enum of its own
    assert archive.ArchiveSettings().archive is ArchiveKind.WAYBACK


def _user_config(text: str) -> Path:
    """The user's own ``~/.config/citecheck/config.toml`` (conftest points it at a temp folder)."""
    path = user_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_tables_merge_across_layers_and_scalars_replace(tmp_path: Path) -> None:
    """user config < pyproject.toml < citecheck.toml < --config < flags: a table set in one
    layer keeps the entries of the layers below it."""
    _user_config('timeout = 5\n[severity]\nblocked = "error"\n[hosts."a.com"]\nconcurrency = 1\n')
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\ntimeout = 7\n[tool.citecheck.severity]\nredirected = "warning"\n'
        '[tool.citecheck.hosts."a.com"]\ninterval = 2\n'
    )
    named = tmp_path / "ci.toml"
    named.write_text('[severity]\nbroken = "warning"\n')
    config = load_config(
        cwd=tmp_path,
        config_file=named,
        overrides={"severity": ["soft-404=warning"], "hosts": ["b.com:concurrency=3"]},
    )
    assert config.fetch.timeout == 7.0
    assert {c.value: s.value for c, s in config.report.severity.items()} == {
        "blocked": "error",
        "redirected": "warning",
        "broken": "warning",
        "soft-404": "warning",
    }
    assert config.politeness.hosts == {"a.com": HostConfig(1, 2.0), "b.com": HostConfig(3, None)}
    flagged = load_config(cwd=tmp_path, overrides={"severity": ["blocked=info"]})
    assert flagged.report.severity[Code.BLOCKED] is Severity.INFO  # the higher layer wins


def test_the_user_config_may_name_a_store_anywhere(tmp_path: Path) -> None:
    _user_config(f'store = "{tmp_path / "mine.sqlite3"}"\n')
    assert load_config(cwd=tmp_path).store.path == tmp_path / "mine.sqlite3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("timout = 3\n", "unknown key timout; did you mean timeout (flag --timeout)?"),
        ("max_posts = 0\n", "max_posts must be greater than 0 (got 0) (flag --max-posts)"),
        ('[severity]\nbrokn = "error"\n',
         "severity: unknown finding code 'brokn'; did you mean broken? (flag --severity)"),
        ("zzz = 1\n", "unknown key zzz"),
    ],
)  # fmt: skip
def test_a_file_error_names_the_file_the_key_the_flag_and_the_closest_key(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "citecheck.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert str(info.value) == f"{tmp_path / 'citecheck.toml'}: {message}"


def test_a_flag_error_speaks_in_flag_names() -> None:
    with pytest.raises(ConfigError) as info:
        load_config(cwd=Path("/nonexistent"), overrides={"max_posts": "0"})
    assert str(info.value) == "--max-posts must be greater than 0 (got 0)"


def test_a_config_error_on_the_command_line_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text("timout = 3\n")
    (tmp_path / "post.md").write_text("[a](https://example.com/)\n")
    assert main(["check", "post.md"]) == 2
    _, err = capsys.readouterr()
    assert err == (
        f"citecheck: error: {tmp_path / 'citecheck.toml'}: unknown key timout; "
        "did you mean timeout (flag --timeout)?\n"
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"user_agent": "bot {"}, r"only \{version\} may stand in braces"),
        ({"user_agent": "bot/{x}"}, r"only \{version\} may stand in braces"),
        ({"user_agent": "bot/{0}"}, r"only \{version\} may stand in braces"),
        ({"user_agent": "bötchen"}, "must be ASCII"),
        ({"headers": ["Host: other.example"]}, "--header Host: citecheck sets this header"),
        ({"headers": ["content-length: 5"]}, "citecheck sets this header"),
        ({"headers": {"Transfer-Encoding": "chunked"}}, "citecheck sets this header"),
    ],
)
def test_request_settings_the_client_cannot_send_are_refused(
    tmp_path: Path, values: dict[str, object], message: str
) -> None:
    """A User-Agent that cannot be filled in or encoded crashed the run after discovery (exit
    3); ``-H Host:`` made every citation ``unreachable`` (a warning: a silent pass) and a framing
    header made every request an internal error.  All are usage errors now."""
    with pytest.raises(ConfigError, match=message):
        load_config(cwd=tmp_path, overrides=values)


def test_a_user_agent_may_escape_braces(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path, overrides={"user_agent": "bot {{x}} {version}"})
    assert config.fetch.user_agent.format(version="1") == "bot {x} 1"


def test_a_config_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Windows editors start a UTF-8 file with a BOM; tomllib called it an invalid statement."""
    (tmp_path / "citecheck.toml").write_bytes(b"\xef\xbb\xbfmax_posts = 3\n")
    assert load_config(cwd=tmp_path).crawl.max_posts == 3


@pytest.mark.parametrize(
    "text",
    [
        "processes = " + "9" * 5000,  # past Python's int conversion limit: a ValueError
        "processes = " + "[" * 100_000 + "]" * 100_000,  # tomllib recurses per bracket
        "x = " + "{a=" * 5000 + "1" + "}" * 5000,
    ],
    ids=["long-integer", "deep-array", "deep-table"],
)
def test_a_config_file_tomllib_cannot_hold_is_a_config_error(tmp_path: Path, text: str) -> None:
    """tomllib raised ValueError (not its TOMLDecodeError) or RecursionError: exit 3 with a
    crash log for a bad config file, which is bad input (one line, exit 2)."""
    (tmp_path / "citecheck.toml").write_text(text + "\n")
    with pytest.raises(ConfigError, match=r"citecheck\.toml cannot be read"):
        load_config(cwd=tmp_path)


def test_a_folder_in_a_config_files_place_is_an_error_not_no_config(tmp_path: Path) -> None:
    """``mkdir -p ~/.config/citecheck/config.toml`` left every setting silently unread."""
    (tmp_path / "citecheck.toml").mkdir()
    with pytest.raises(ConfigError, match=r"citecheck\.toml cannot be read"):
        load_config(cwd=tmp_path)
    (tmp_path / "citecheck.toml").rmdir()
    user_config_file().mkdir(parents=True)
    try:
        with pytest.raises(ConfigError, match=r"config\.toml cannot be read"):
            load_config(cwd=tmp_path)
    finally:
        user_config_file().rmdir()


@pytest.mark.parametrize("key", ["report_dir", "store", "baseline", "cacert", "ignore_file"])
@pytest.mark.parametrize("where", ["--config", "citecheck.toml"])
def test_a_nul_in_a_path_is_a_config_error_not_a_crash(
    tmp_path: Path, key: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """TOML allows ``\\u0000`` in a string, the OS refuses it in a path (ValueError: exit 3)."""
    (tmp_path / "post.md").write_text("[a](https://example.com/a)\n", encoding="utf-8")
    name = "odd.toml" if where == "--config" else "citecheck.toml"
    (tmp_path / name).write_text(f'{key} = "reports\\u0000x"\n', encoding="utf-8")
    argv = ["check", str(tmp_path / "post.md"), "--dump"]
    argv += ["--config", str(tmp_path / name)] if where == "--config" else []
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert main(argv) == 2
    err = capsys.readouterr().err
    assert "NUL" in err and key in err
    assert len(err.strip().splitlines()) == 1
