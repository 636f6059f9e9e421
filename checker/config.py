"""One frozen configuration for a run, built in layers.

Precedence, lowest first: the ``DEFAULT_*`` constants here < ``[tool.citecheck]`` in the working
folder's ``pyproject.toml`` < a ``citecheck.toml`` there < the ``--config FILE`` < command-line
flags.  The two files found in the working folder come with a repository, not from the user: their
``store`` is honoured only inside the user's cache folder (see :func:`_repository_layer`).
The constants are public so the CLI and the docs show the same defaults the code uses.
Every value is checked once, here, so the stages can trust it.

A :class:`Config` is made of frozen typed parts (``config.fetch.timeout``,
``config.archive.kind``…) while the keys of the files and the flags stay flat (``timeout``,
``archive``): :data:`KEYS` is the one table from a public key to its part, field and parser, read
by the loader and by :meth:`Config.with_`, the way to change settings by their public names.
"""

from __future__ import annotations

import math
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from checker.dates import parse_day
from checker.errors import ConfigError
from checker.findings import Code, Severity

__all__ = [
    "DEFAULT_ARCHIVE",
    "DEFAULT_ARCHIVE_FAILURES",
    "DEFAULT_ARCHIVE_TIMEOUT",
    "DEFAULT_BASELINE_FILE",
    "DEFAULT_CONCURRENCY",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_FAILURE_TTL",
    "DEFAULT_FORMATS",
    "DEFAULT_IGNORE_FILE",
    "DEFAULT_INTERVAL",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CITATIONS_PER_POST",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_PER_HOST_CONCURRENCY",
    "DEFAULT_REPORT_DIR",
    "DEFAULT_RETRIES",
    "DEFAULT_RETRY_BACKOFF",
    "DEFAULT_SAVE_AGE_DAYS",
    "DEFAULT_SAVE_INTERVAL",
    "DEFAULT_SAVE_LIMIT",
    "DEFAULT_STRIKES",
    "DEFAULT_STRIKE_DAYS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_TOTAL_TIMEOUT_FACTOR",
    "DEFAULT_TTL",
    "DEFAULT_USER_AGENT",
    "FORMAT_NAMES",
    "KEYS",
    "ArchiveConfig",
    "ArchiveKind",
    "ClusterConfig",
    "Config",
    "ConnectTo",
    "CrawlConfig",
    "FailOn",
    "FetchConfig",
    "HostConfig",
    "Key",
    "PolitenessConfig",
    "ReportConfig",
    "ReportFormat",
    "StoreConfig",
    "VerifyConfig",
    "cache_folder",
    "default_store_path",
    "load_config",
]

DEFAULT_REPORT_DIR = Path("reports")


class ReportFormat(StrEnum):
    """A report file's format (``--format``); the value is the name and the file's suffix."""

    JSON = "json"
    MD = "md"
    HTML = "html"
    JUNIT = "junit"
    SARIF = "sarif"
    CSV = "csv"


class ArchiveKind(StrEnum):
    """Which kind of archive service to search for dead sources (config key ``archive``)."""

    WAYBACK = "wayback"
    MEMENTO = "memento"
    OFF = "off"


DEFAULT_FORMATS: tuple[ReportFormat, ...] = (ReportFormat.JSON, ReportFormat.MD)
FORMAT_NAMES: tuple[str, ...] = tuple(ReportFormat)
"""The format names, for help texts and docs."""
DEFAULT_TIMEOUT = 20.0
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_TOTAL_TIMEOUT_FACTOR = 3.0
"""Unless ``total_timeout`` is set, a URL's deadline is this many times ``timeout`` (curl's
``--max-time``): a server that trickles a byte at a time never trips the read timeout."""
DEFAULT_RETRIES = 2
DEFAULT_RETRY_BACKOFF = 0.5
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_CITATIONS_PER_POST = 5000
"""A post citing more is a generated page or an attack, not a blog post: the citations past it are
counted and reported (``citations-capped``), not built or fetched; 0 lifts the cap."""
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_CONCURRENCY = 128
"""Requests in flight over all hosts, lychee's default: with per-host politeness unchanged (4), a
run over many hosts with a few URLs each is bound by this width (issue 19: at 32, 2,000 URLs over
40 hosts took 2-3 times as long as at 128 in the same bench run)."""
DEFAULT_PER_HOST_CONCURRENCY = 4
DEFAULT_ARCHIVE = ArchiveKind.WAYBACK
DEFAULT_ARCHIVE_FAILURES = 3
"""Failed archive answers in a row (5xx, no answer, too slow) after which a run stops asking."""
DEFAULT_ARCHIVE_TIMEOUT = 5.0
"""Seconds one archive request may take, its retries included, before it counts as failed."""
DEFAULT_USER_AGENT = "citecheck/{version} (+https://github.com/citecheck/citecheck)"
DEFAULT_INTERVAL = 0.0
DEFAULT_TTL = 86_400.0
DEFAULT_FAILURE_TTL = 3_600.0
DEFAULT_STRIKES = 3
DEFAULT_STRIKE_DAYS = 3.0
DEFAULT_IGNORE_FILE = Path(".citecheckignore")
DEFAULT_BASELINE_FILE = Path("citecheck-baseline.json")
DEFAULT_SAVE_AGE_DAYS = 30.0
DEFAULT_SAVE_INTERVAL = 5.0
DEFAULT_SAVE_LIMIT = 20


def default_store_path() -> Path:
    """Where the fetch store lives unless configured: the user's cache folder (XDG)."""
    return cache_folder() / "citecheck" / "store.sqlite3"


def cache_folder() -> Path:
    """The user's cache folder: ``$XDG_CACHE_HOME``, else ``~/.cache``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache"))


@dataclass(frozen=True, slots=True)
class HostConfig:
    """Per-host politeness overrides (``[hosts."example.com"]``); ``None`` keeps the default."""

    concurrency: int | None = None
    interval: float | None = None


@dataclass(frozen=True, slots=True)
class ConnectTo:
    """One curl-style ``HOST1:PORT1:HOST2:PORT2`` rule.

    Empty ``host``/``port`` (``None``) match any; an empty target keeps the original.  Only where
    the TCP connection goes changes: the URL, Host header and TLS SNI stay the original's.
    """

    host: str | None
    port: int | None
    target_host: str | None
    target_port: int | None

    @classmethod
    def parse(cls, text: str) -> ConnectTo:
        """Parse ``HOST1:PORT1:HOST2:PORT2`` (IPv6 hosts in brackets), or raise ConfigError."""
        parts = _split_connect_to(text)
        if len(parts) != 4:
            raise ConfigError(
                f"--connect-to {text!r}: expected HOST1:PORT1:HOST2:PORT2 (parts may be empty)"
            )
        host, port, target_host, target_port = parts
        return cls(
            host.strip("[]").lower() or None,
            _port(port, text),
            target_host.strip("[]") or None,
            _port(target_port, text),
        )

    def matches(self, host: str, port: int) -> bool:
        """Whether a connection to ``host:port`` is redirected by this rule."""
        return (self.host is None or self.host == host.lower()) and (
            self.port is None or self.port == port
        )


def _split_connect_to(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    bracket = False
    for char in text:
        if char == "[":
            bracket = True
        elif char == "]":
            bracket = False
        if char == ":" and not bracket:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _port(value: str, text: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"--connect-to {text!r}: {value!r} is not a port number (1-65535)")
    return int(value)


@dataclass(frozen=True, slots=True)
class FailOn:
    """Which findings fail the run: any at or above ``severity``, or any whose code is listed."""

    severity: Severity | None = Severity.ERROR
    codes: frozenset[Code] = frozenset()

    @classmethod
    def parse(cls, text: str) -> FailOn:
        """``error``, ``warning``, ``info`` or a comma-separated list of finding codes."""
        value = text.strip().lower()
        if value in Severity.__members__.values():
            return cls(Severity(value))
        codes = [c.strip() for c in value.split(",") if c.strip()]
        unknown = [c for c in codes if c not in Code.__members__.values()]
        if unknown or not codes:
            raise ConfigError(
                f"--fail-on {text!r}: use error, warning, info or finding codes "
                f"(unknown: {', '.join(unknown) or 'none given'})"
            )
        return cls(None, frozenset(Code(c) for c in codes))

    def fails(self, code: Code, severity: Severity) -> bool:
        """Whether a finding with this code and (effective) severity fails the run."""
        if code in self.codes:
            return True
        return self.severity is not None and severity.rank >= self.severity.rank


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How one URL is asked for: patience, caps, identity, where connections go, what is trusted."""

    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    total_timeout: float | None = None
    retries: int = DEFAULT_RETRIES
    retry_backoff: float = DEFAULT_RETRY_BACKOFF
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = DEFAULT_USER_AGENT
    connect_to: tuple[ConnectTo, ...] = ()
    cacert: Path | None = None
    http2: bool = True
    allow_private: bool = False
    warc: bool = False

    @property
    def deadline(self) -> float:
        """Seconds of request time one URL may take in all: ``total_timeout``, else a multiple
        of ``timeout``, so lowering ``--timeout`` lowers the whole deadline with it."""
        if self.total_timeout is not None:
            return self.total_timeout
        return DEFAULT_TOTAL_TIMEOUT_FACTOR * self.timeout


@dataclass(frozen=True, slots=True)
class PolitenessConfig:
    """How hard the run presses: requests in flight overall and per host, pauses per host."""

    concurrency: int = DEFAULT_CONCURRENCY
    per_host_concurrency: int = DEFAULT_PER_HOST_CONCURRENCY
    interval: float = DEFAULT_INTERVAL
    hosts: Mapping[str, HostConfig] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoreConfig:
    """What the run remembers across runs: the store file, how long answers stay good, and when
    failures in a row count as persistent."""

    path: Path | None = None
    ttl: float = DEFAULT_TTL
    failure_ttl: float = DEFAULT_FAILURE_TTL
    strikes: int = DEFAULT_STRIKES
    strike_days: float = DEFAULT_STRIKE_DAYS


@dataclass(frozen=True, slots=True)
class ArchiveConfig:
    """Where archived copies are looked for (and how patiently), and ``--save``'s budget."""

    kind: ArchiveKind = DEFAULT_ARCHIVE
    failures: int = DEFAULT_ARCHIVE_FAILURES
    timeout: float = DEFAULT_ARCHIVE_TIMEOUT
    timegate: str | None = None
    save: bool = False
    save_age_days: float = DEFAULT_SAVE_AGE_DAYS
    save_interval: float = DEFAULT_SAVE_INTERVAL
    save_limit: int = DEFAULT_SAVE_LIMIT


@dataclass(frozen=True, slots=True)
class ReportConfig:
    """What is written and what fails the run: formats, folder, severities, baseline."""

    dir: Path = DEFAULT_REPORT_DIR
    formats: tuple[ReportFormat, ...] = DEFAULT_FORMATS
    severity: Mapping[Code, Severity] = field(default_factory=dict)
    fail_on: FailOn = field(default_factory=FailOn)
    baseline: Path | None = None

    def severity_of(self, code: Code, default: Severity) -> Severity:
        """The effective severity of ``code``: the configured override, else ``default``."""
        return self.severity.get(code, default)


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """Which posts are read and which of their links count: discovery bounds and URL filters."""

    follow: bool = True
    max_posts: int | None = None
    max_citations_per_post: int = DEFAULT_MAX_CITATIONS_PER_POST  # 0: no cap
    since: date | None = None
    label: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore_file: Path | None = None
    include_verbatim: bool = False  # links in code (spans, blocks) count as citations too


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    """How a fetched page is judged beyond its answer: accounts known to mirror others' posts."""

    mirror_accounts: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Where the checks run: here (no scheduler), or on a Dask cluster (checker.dask_executor)."""

    scheduler: str | None = None
    """A Dask scheduler's address (``tcp://HOST:PORT``); only a flag or ``--config FILE`` sets it
    (see :data:`_SCHEDULER_SCHEMES`)."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs to know, in typed parts; built by :func:`load_config`, never mutated.

    The TOML keys and flags stay flat (``timeout``, ``archive``…): :data:`KEYS` says which part
    and field each one sets, and :meth:`with_` is the one way to change settings by those names.
    """

    fetch: FetchConfig = field(default_factory=FetchConfig)
    politeness: PolitenessConfig = field(default_factory=PolitenessConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    archive: ArchiveConfig = field(default_factory=ArchiveConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    crawl: CrawlConfig = field(default_factory=CrawlConfig)
    verify: VerifyConfig = field(default_factory=VerifyConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)

    def with_(self, **values: Any) -> Config:
        """This config with settings named by their public (TOML/flag) keys changed.

        Each value is checked and converted by the same parser the config files go through
        (``archive="off"`` becomes :attr:`ArchiveKind.OFF`); ``None`` unsets an optional key.
        An unknown key or a bad value raises ConfigError naming it.
        """
        unknown = sorted(set(values) - set(KEYS))
        if unknown:
            raise ConfigError(f"unknown configuration key(s): {', '.join(unknown)}")
        changes: dict[str, dict[str, Any]] = {}
        for name, value in values.items():
            key = KEYS[name]
            typed = None if value is None and key.optional else key.parse(name, value)
            changes.setdefault(key.part, {})[key.field] = typed
        parts = {part: replace(getattr(self, part), **new) for part, new in changes.items()}
        return replace(self, **parts)


def load_config(
    *,
    config_file: Path | None = None,
    cwd: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Build the run's Config from the layers; raise ConfigError naming the bad value.

    Unlike a bare ``Config()``, a loaded config remembers across runs: its ``store`` defaults to
    :func:`default_store_path` (``store = false`` or the ``--no-store`` flag turns it off), its
    ``baseline`` to ``citecheck-baseline.json`` in the working folder (used when it exists;
    ``baseline = false`` turns it off), and a ``.citecheckignore`` there is its ``ignore_file``.
    """
    folder = cwd or Path.cwd()
    values: dict[str, Any] = {
        "store": default_store_path(),
        "baseline": folder / DEFAULT_BASELINE_FILE,
    }
    if (folder / DEFAULT_IGNORE_FILE).is_file():
        values["ignore_file"] = folder / DEFAULT_IGNORE_FILE
    named = _read_toml(config_file) if config_file is not None else {}
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    store_named = "store" in named or "store" in flags
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        found = _table(_table(_read_toml(pyproject), "tool", pyproject), "citecheck", pyproject)
        values.update(_repository_layer(found, "pyproject.toml", folder, quiet=store_named))
    if (folder / "citecheck.toml").is_file():
        found = _read_toml(folder / "citecheck.toml")
        values.update(_repository_layer(found, "citecheck.toml", folder, quiet=store_named))
    values.update(named)
    values.update(flags)
    return _build(values)


def _repository_layer(
    found: Mapping[str, Any], name: str, folder: Path, *, quiet: bool
) -> dict[str, Any]:
    """A config file found in the working folder, with its ``store`` only where it is safe.

    Such a file comes with the repository, not from the user: its ``store`` is honoured only
    inside the user's cache folder.  Elsewhere (``store = "committed.sqlite3"``) a repository
    would choose a file the run writes to, moves aside when it is broken, and trusts answers
    from: answers seeded to pass, or a file of the user's renamed.  That store is ignored with a
    one-line warning and the default one is used; a ``--store`` flag or a ``--config FILE``
    the user names is honoured wherever it points (and then, ``quiet``, no warning is due).
    """
    values = dict(found)
    if values.pop("scheduler", None) is not None:  # see _SCHEDULER_SCHEMES
        print(
            f"citecheck: warning: ignoring scheduler in {name}: a repository's config may not "
            "send the run to a cluster; give --scheduler or --config FILE",
            file=sys.stderr,
        )
    store = values.get("store")
    if store is None or store is False or not isinstance(store, str | Path):
        return values  # turning memory off is always safe; a bad type fails in _build
    path = Path(store).expanduser()
    path = path if path.is_absolute() else folder / path
    cache = cache_folder().expanduser()
    try:
        inside = path.resolve().is_relative_to(cache.resolve())
    except (OSError, RuntimeError):  # a symlink loop: not provably inside
        inside = False
    if inside:
        values["store"] = path
        return values
    del values["store"]
    if quiet:
        return values
    print(
        f"citecheck: warning: ignoring store = {str(store)!r} in {name}: a repository's "
        f"config may name a store only inside the cache folder {cache}; "
        f"give --store {store} to use it",
        file=sys.stderr,
    )
    return values


def _table(parent: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    """``parent[key]`` as a TOML table (empty when absent): ``tool = "x"`` is a bad file."""
    found = parent.get(key, {})
    if not isinstance(found, Mapping):
        raise ConfigError(f"config file {path}: {key} must be a table (got {found!r})")
    return found


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from exc


def _build(values: Mapping[str, Any]) -> Config:
    return Config().with_(**values)


def _connect_to(value: Any) -> tuple[ConnectTo, ...]:
    rules = [value] if isinstance(value, str | ConnectTo) else _list(value)
    if not all(isinstance(rule, str | ConnectTo) for rule in rules):
        raise ConfigError(f"connect_to must be HOST1:PORT1:HOST2:PORT2 rules (got {rules!r})")
    return tuple(r if isinstance(r, ConnectTo) else ConnectTo.parse(str(r)) for r in rules)


def _cacert(value: Any) -> Path:
    cacert = Path(str(value))
    if not cacert.is_file():
        raise ConfigError(f"--cacert {cacert}: no such file")
    return cacert


def _archive(value: Any) -> ArchiveKind:
    archive = str(value).strip().lower()
    if archive not in ArchiveKind.__members__.values():
        kinds = ", ".join(ArchiveKind)
        raise ConfigError(f"archive must be one of {kinds} (got {archive!r})")
    return ArchiveKind(archive)


_SCHEDULER_SCHEMES = ("tcp://", "tls://")
"""A Dask scheduler's address.  Only the user names one (a flag or ``--config FILE``), never a
repository's config: the client trusts what a scheduler sends back as its own (Dask unpickles
it), so a repository naming one would run its code on the checking machine."""


def _scheduler(value: Any) -> str | None:
    if value is None or value is False:
        return None
    text = _scalar("scheduler", value, str)
    if not text.startswith(_SCHEDULER_SCHEMES) or not text.partition("://")[2]:
        raise ConfigError(
            f"scheduler must be a tcp://HOST:PORT or tls://HOST:PORT address (got {text!r})"
        )
    return str(text)


def _timegate(value: Any) -> str:
    timegate = str(value)
    if not timegate.startswith(("http://", "https://")):
        raise ConfigError(f"timegate must be an http(s) URL (got {timegate!r})")
    return timegate


def _fail_on(value: Any) -> FailOn:
    return value if isinstance(value, FailOn) else FailOn.parse(str(value))


def _mirror_accounts(value: Any) -> frozenset[str]:
    if not isinstance(value, list | tuple | frozenset | set) or not all(
        isinstance(a, str) for a in value
    ):
        raise ConfigError("mirror_accounts must be a list of account handles")
    return frozenset(a.strip().lstrip("@").lower() for a in value)


def _scalar(key: str, value: Any, kind: type) -> Any:
    """``value`` as ``kind``, or a ConfigError: a config file is user input of any TOML type.

    Only a number (or its text) is a number: ``true`` is no count, ``2.7`` no whole number, and
    ``nan``/``inf`` (valid TOML) no timeout; a string setting holds no control character, since
    ``user_agent``/``label`` end up in request headers and URLs.
    """
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key} must be true or false (got {value!r})")
    wrong = ConfigError(f"{key} must be a {kind.__name__} (got {value!r})")
    if kind is str:
        if not isinstance(value, str):
            raise wrong
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
            raise ConfigError(f"{key} must not contain a control character (got {value!r})")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise wrong
    try:
        number = float(value)
    except ValueError as exc:
        raise wrong from exc
    if not math.isfinite(number):
        raise (
            ConfigError(f"{key} must be a finite number (got {value!r})")
            if kind is float
            else wrong
        )
    if kind is float:
        return number
    if isinstance(value, int):
        return value
    if not number.is_integer():
        raise wrong
    try:
        return int(value) if isinstance(value, str) else int(number)
    except ValueError as exc:
        raise wrong from exc


def _formats(value: Any) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else _list(value)
    cleaned = tuple(dict.fromkeys(str(n).strip().lower() for n in names if str(n).strip()))
    unknown = [n for n in cleaned if n not in FORMAT_NAMES]
    if unknown or not cleaned:
        raise ConfigError(
            f"--format: unknown format(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(FORMAT_NAMES)}"
        )
    return cleaned


def _list(value: Any) -> list[Any]:
    """A TOML array as a list; any other type yields none, so the caller's check names the key."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _severities(value: Any) -> dict[Code, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError("severity must be a table of finding-code = severity")
    result: dict[Code, Severity] = {}
    for code, severity in value.items():
        if code not in Code.__members__.values():
            raise ConfigError(f"severity: unknown finding code {code!r}")
        if severity not in Severity.__members__.values():
            raise ConfigError(f"severity.{code}: use error, warning or info (got {severity!r})")
        result[Code(code)] = Severity(severity)
    return result


def _since(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()  # TOML ``since = 2020-01-01T00:00:00``: a date is compared with dates
    if isinstance(value, date):
        return value
    day = parse_day(str(value))
    if day is None:
        raise ConfigError(f"since must be a date YYYY-MM-DD (got {value!r})")
    return day


def _optional_path(key: str, value: Any) -> Path | None:
    if value is False:
        return None
    if isinstance(value, str | Path) and str(value).strip():
        return Path(value)
    raise ConfigError(f"{key} must be a file path or false (got {value!r})")


def _patterns(key: str, value: Any) -> tuple[str, ...]:
    """URL regexes for ``include``/``exclude``, each compiled once here so a typo fails early."""
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list | tuple) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{key} must be a list of regular expressions (got {value!r})")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"{key} pattern {pattern!r} is not a valid regular expression: {exc}"
            ) from exc
    return tuple(patterns)


def _ignore_file(value: Any) -> Path | None:
    path = _optional_path("ignore_file", value)
    if path is not None and not path.is_file():
        raise ConfigError(f"ignore_file {path}: no such file")
    return path


def _hosts(value: Any) -> dict[str, HostConfig]:
    if not isinstance(value, Mapping):
        raise ConfigError('hosts must be tables like [hosts."example.com"] concurrency = 1')
    result: dict[str, HostConfig] = {}
    for host, table in value.items():
        if isinstance(table, HostConfig):
            result[str(host).lower()] = table
            continue
        if not isinstance(table, Mapping) or set(table) - {"concurrency", "interval"}:
            raise ConfigError(f"hosts.{host}: only concurrency and interval can be set per host")
        concurrency = table.get("concurrency")
        interval = table.get("interval")
        if concurrency is not None:
            concurrency = _scalar(f"hosts.{host}.concurrency", concurrency, int)
            if concurrency <= 0:
                raise ConfigError(f"hosts.{host}.concurrency must be greater than 0")
        if interval is not None:
            interval = _scalar(f"hosts.{host}.interval", interval, float)
            if interval < 0:
                raise ConfigError(f"hosts.{host}.interval must not be negative")
        result[str(host).lower()] = HostConfig(concurrency, interval)
    return result


@dataclass(frozen=True, slots=True)
class Key:
    """Where one public config key lives in :class:`Config`, and how its value is checked."""

    part: str
    field: str
    parse: Callable[[str, Any], Any]
    optional: bool = False
    """``None`` is a value of its own (no limit, no file), not an error."""


def _number(kind: type, bound: str | None = None) -> Callable[[str, Any], Any]:
    """A parser of a ``kind`` number, ``"positive"`` (> 0) or ``"natural"`` (>= 0) if bounded."""

    def parse(key: str, value: Any) -> Any:
        number = _scalar(key, value, kind)
        if bound == "positive" and number <= 0:
            raise ConfigError(f"{key} must be greater than 0 (got {number})")
        if bound == "natural" and number < 0:
            raise ConfigError(f"{key} must not be negative (got {number})")
        return number

    return parse


def _of(kind: type) -> Callable[[str, Any], Any]:
    """A parser of a ``str`` or ``bool`` setting (see :func:`_scalar`)."""
    return lambda key, value: _scalar(key, value, kind)


KEYS: dict[str, Key] = {
    "timeout": Key("fetch", "timeout", _number(float, "positive")),
    "connect_timeout": Key("fetch", "connect_timeout", _number(float, "positive")),
    "total_timeout": Key("fetch", "total_timeout", _number(float, "positive"), optional=True),
    "retries": Key("fetch", "retries", _number(int, "natural")),
    "retry_backoff": Key("fetch", "retry_backoff", _number(float, "natural")),
    "max_bytes": Key("fetch", "max_bytes", _number(int, "positive")),
    "max_redirects": Key("fetch", "max_redirects", _number(int, "positive")),
    "user_agent": Key("fetch", "user_agent", _of(str)),
    "connect_to": Key("fetch", "connect_to", lambda _, v: _connect_to(v)),
    "cacert": Key("fetch", "cacert", lambda _, v: _cacert(v), optional=True),
    "http2": Key("fetch", "http2", _of(bool)),
    "allow_private": Key("fetch", "allow_private", _of(bool)),
    "warc": Key("fetch", "warc", _of(bool)),
    "concurrency": Key("politeness", "concurrency", _number(int, "positive")),
    "per_host_concurrency": Key("politeness", "per_host_concurrency", _number(int, "positive")),
    "interval": Key("politeness", "interval", _number(float, "natural")),
    "hosts": Key("politeness", "hosts", lambda _, v: _hosts(v)),
    "store": Key("store", "path", _optional_path, optional=True),
    "ttl": Key("store", "ttl", _number(float, "natural")),
    "failure_ttl": Key("store", "failure_ttl", _number(float, "natural")),
    "strikes": Key("store", "strikes", _number(int, "positive")),
    "strike_days": Key("store", "strike_days", _number(float, "natural")),
    "archive": Key("archive", "kind", lambda _, v: _archive(v)),
    "archive_failures": Key("archive", "failures", _number(int, "positive")),
    "archive_timeout": Key("archive", "timeout", _number(float, "positive")),
    "timegate": Key("archive", "timegate", lambda _, v: _timegate(v), optional=True),
    "save": Key("archive", "save", _of(bool)),
    "save_age_days": Key("archive", "save_age_days", _number(float, "natural")),
    "save_interval": Key("archive", "save_interval", _number(float, "natural")),
    "save_limit": Key("archive", "save_limit", _number(int, "natural")),
    "report_dir": Key("report", "dir", lambda _, v: Path(str(v))),
    "formats": Key("report", "formats", lambda _, v: _formats(v)),
    "severity": Key("report", "severity", lambda _, v: _severities(v)),
    "fail_on": Key("report", "fail_on", lambda _, v: _fail_on(v)),
    "baseline": Key("report", "baseline", _optional_path, optional=True),
    "crawl": Key("crawl", "follow", _of(bool)),
    "max_posts": Key("crawl", "max_posts", _number(int, "positive"), optional=True),
    "max_citations_per_post": Key("crawl", "max_citations_per_post", _number(int, "natural")),
    "since": Key("crawl", "since", lambda _, v: _since(v), optional=True),
    "label": Key("crawl", "label", _of(str), optional=True),
    "include": Key("crawl", "include", _patterns),
    "exclude": Key("crawl", "exclude", _patterns),
    "ignore_file": Key("crawl", "ignore_file", lambda _, v: _ignore_file(v), optional=True),
    "include_verbatim": Key("crawl", "include_verbatim", _of(bool)),
    "mirror_accounts": Key("verify", "mirror_accounts", lambda _, v: _mirror_accounts(v)),
    "scheduler": Key("cluster", "scheduler", lambda _, v: _scheduler(v), optional=True),
}
"""Every public config key (TOML key, and the flag's name with ``-`` for ``_``): its part and
field in :class:`Config` and its parser.  The one table both the loader and :meth:`Config.with_`
read, so a key cannot be known to one and not the other."""
