"""One frozen configuration for a run, built in layers.

Precedence, lowest first: the ``DEFAULT_*`` constants here < the user's own
``~/.config/citecheck/config.toml`` < ``[tool.citecheck]`` in the working folder's
``pyproject.toml`` < a ``citecheck.toml`` there < the ``--config FILE`` < command-line flags.
A value replaces the one below it, except tables (``severity``, ``hosts``), which merge.
The two files found in the working folder come with a repository, not from the user: their
``store`` is honoured only inside the user's cache folder (see :func:`_repository_layer`).
The constants are public so the CLI and the docs show the same defaults the code uses.
Every value is checked once, here, so the stages can trust it.

A :class:`Config` is made of frozen typed parts (``config.fetch.timeout``,
``config.archive.kind``…) while the keys of the files and the flags stay flat (``timeout``,
``archive``): :data:`KEYS` is the one table from a public key to its part, field and parser, read
by the loader and by :meth:`Config.with_`, the way to change settings by their public names.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import math
import os
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from checker.dates import parse_day
from checker.encoding import ascii_int
from checker.errors import ConfigError
from checker.findings import Code, Severity
from checker.lazyre import lazy
from checker.url_regex import compile_url_regex
from checker.urls import is_host_name

__all__ = [
    "DEFAULT_ARCHIVE",
    "DEFAULT_ARCHIVE_BUDGET",
    "DEFAULT_ARCHIVE_FAILURES",
    "DEFAULT_ARCHIVE_TIMEOUT",
    "DEFAULT_BASELINE_FILE",
    "DEFAULT_CONCURRENCY",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_FAILURE_TTL",
    "DEFAULT_FORMATS",
    "DEFAULT_HISTORY_RUNS",
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
    "EVIDENCE_FILE",
    "FORMAT_NAMES",
    "KEYS",
    "MAX_IGNORE_FILE_BYTES",
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
    "flag_name",
    "key_default",
    "load_config",
    "process_limit",
    "read_capped",
    "usable_cores",
    "user_config_file",
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
AUTO_PROCESSES: Literal["auto"] = "auto"
"""``processes = "auto"``: one process per usable core (:func:`usable_cores`) the machine leaves
idle, started only for a run with work enough to gain (:func:`checker.processes.pool_for`)."""
DEFAULT_PROCESSES: int | Literal["auto"] = AUTO_PROCESSES
"""Processes that check (``--processes``): see bench/README.md ("session 17") for the numbers
behind it."""
DEFAULT_CONCURRENCY = 128
"""Requests in flight over all hosts, lychee's default: with per-host politeness kept
(``DEFAULT_PER_HOST_CONCURRENCY``), a run over many hosts with a few URLs each is bound by this
width (issue 19: at 32, 2,000 URLs over 40 hosts took 2-3 times as long as at 128 in the same
bench run)."""
DEFAULT_PER_HOST_CONCURRENCY = 8
"""Requests in flight to one host: Scrapy's default a domain, fewer than lychee's 10 a host (a
browser opens 6 connections to one).  A run whose URLs crowd on a few hosts is bound by this
(bench/README.md, session 31, the Zipf regime against lychee's defaults in the same runs: 4 took
1.1x lychee's wall, 6 0.82-0.85x, 8 0.68-0.72x; a 20 ms start interval on top cost 8 lanes 0.81x).
A 429 or 503 pauses the host and halves this for it (:mod:`checker.fetch.politeness`)."""
DEFAULT_ARCHIVE = ArchiveKind.WAYBACK
DEFAULT_ARCHIVE_FAILURES = 3
"""Failed archive answers in a row (5xx, no answer, too slow) after which a run stops asking."""
DEFAULT_ARCHIVE_TIMEOUT = 5.0
DEFAULT_ARCHIVE_BUDGET = 10.0
"""Seconds archive lookups may go on once every citation has its verdict (issue 19): the
archive is asked at its polite pace, so a hundred dead sources would otherwise hold a run for
minutes; what is not looked up then is said, and a later run (with a store) asks the rest."""
"""Seconds one archive request may take, its retries included, before it counts as failed."""
DEFAULT_USER_AGENT = "citecheck/{version} (+https://github.com/citecheck/citecheck)"
DEFAULT_INTERVAL = 0.0
DEFAULT_TTL = 86_400.0
DEFAULT_FAILURE_TTL = 3_600.0
DEFAULT_STRIKES = 3
DEFAULT_STRIKE_DAYS = 3.0
DEFAULT_HISTORY_RUNS = 100
"""Runs whose verdicts the store keeps for ``citecheck trends`` (0 keeps none)."""
DEFAULT_IGNORE_FILE = Path(".citecheckignore")
LYCHEE_IGNORE_FILE = Path(".lycheeignore")
"""lychee's ignore file, read in the working folder when it holds no ``.citecheckignore``: the
same lines (one exclude regex a line, ``#`` comments), so a repository coming from lychee keeps
its exclusions (its links were checked again, failing the job that passed, probe 33).  Its
regexes are Rust's: :func:`checker.url_regex.compile_url_regex` translates or refuses what
Python's ``re`` would read otherwise."""
DEFAULT_BASELINE_FILE = Path("citecheck-baseline.json")
EVIDENCE_FILE = "evidence.warc.gz"
"""The WARC evidence file's name inside the report folder (``warc = true``); report.json links
citations to it.  Named here, not by the writer (``checker.fetch.warc``), which a run without
``warc`` never imports (issue 19)."""
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
    port = ascii_int(value)
    if port is None or not 0 < port < 65536:
        raise ConfigError(f"--connect-to {text!r}: {value!r} is not a port number (1-65535)")
    return port


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

    def __str__(self) -> str:
        """As ``--fail-on`` takes it: ``error``, or the codes comma-separated."""
        return self.severity.value if self.severity else ",".join(sorted(self.codes))

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
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """Extra request headers (``-H``), often credentials: kept out of ``repr`` and every output."""
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
    history_runs: int = DEFAULT_HISTORY_RUNS
    spare: bool = False
    """Whether ``path`` is the default store nobody named: no ``--store``, no ``store =`` in a
    config file, no ``XDG_CACHE_HOME`` the environment set.  Only such a store may be done
    without when it cannot be written (``cli._store_or_none``); one the user named is exit 2."""


@dataclass(frozen=True, slots=True)
class ArchiveConfig:
    """Where archived copies are looked for (and how patiently), and ``--save``'s budget."""

    kind: ArchiveKind = DEFAULT_ARCHIVE
    failures: int = DEFAULT_ARCHIVE_FAILURES
    timeout: float = DEFAULT_ARCHIVE_TIMEOUT
    budget: float = DEFAULT_ARCHIVE_BUDGET
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
    exclude_path: tuple[str, ...] = ()  # input files (found in a folder or named) to leave out
    ignore_file: Path | None = None
    include_verbatim: bool = False  # links in code (spans, blocks) count as citations too
    ignore: bool = True  # a folder walk skips what .gitignore/.ignore exclude, node_modules, …


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    """How a fetched page is judged beyond its answer: accounts known to mirror others' posts,
    status codes the user accepts as ok."""

    mirror_accounts: frozenset[str] = frozenset()
    accept: frozenset[int] = frozenset()
    """HTTP status codes outside 2xx that count as ``ok`` (``--accept``); a 2xx answer is always
    judged by its content (soft-404, titles), whatever this says."""
    root_dir: Path | None = None
    """The folder a root-relative link (``/x``) in a local file names as ``/`` (lychee's
    ``--root-dir``); without it such a link is skipped, as only the built site resolves it."""
    include_fragments: bool = False
    """Check that a link's ``#fragment`` names a place in its document (lychee's
    ``--include-fragments``, off by default as there): a heading's slug or an ``{#id}`` in a
    local Markdown file, an ``id`` or ``<a name>`` in a local or fetched HTML page, a post's
    links within itself; a missing one is ``missing-anchor`` (:mod:`checker.anchors`)."""
    local_roots: tuple[Path, ...] | None = None
    """The folders a local file's link may lead into (``--local-root``; the command line's
    default: the working folder and each folder it names); None, the Python API's default,
    bounds nothing (:mod:`checker.fetch.local`)."""


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Where the checks run: here (no scheduler), or on a Dask cluster (checker.dask_executor)."""

    scheduler: str | None = None
    """A Dask scheduler's address (``tcp://HOST:PORT``); only a flag or ``--config FILE`` sets it
    (see :data:`_SCHEDULER_SCHEMES`)."""
    processes: int | Literal["auto"] = DEFAULT_PROCESSES
    """Processes of this machine that check (:mod:`checker.processes`); 1: this one only;
    ``"auto"``: the usable cores, when the run is large enough to gain."""


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
        An unknown key or a bad value raises ConfigError naming it by its flag (``--max-posts``),
        the name a user of the command line typed.
        """
        changes: dict[str, dict[str, Any]] = {}
        for name, typed in _parsed(values, None).items():
            key = KEYS[name]
            changes.setdefault(key.part, {})[key.field] = typed
        parts = {part: replace(getattr(self, part), **new) for part, new in changes.items()}
        return replace(self, **parts)


def load_config(
    *,
    config_file: Path | None = None,
    cwd: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    spelled: Mapping[str, str] | None = None,
) -> Config:
    """Build the run's Config from the layers; raise ConfigError naming the bad value.

    ``spelled``: the flag each override was given as, where the user typed an alias (lychee's
    ``--max-concurrency`` for ``concurrency``): its errors name what the user typed.

    Unlike a bare ``Config()``, a loaded config remembers across runs: its ``store`` defaults to
    :func:`default_store_path` (``store = false`` or the ``--no-store`` flag turns it off), its
    ``baseline`` to ``citecheck-baseline.json`` in the working folder (used when it exists;
    ``baseline = false`` turns it off), and a ``.citecheckignore`` there is its ``ignore_file``
    (else a ``.lycheeignore``: :data:`LYCHEE_IGNORE_FILE`).
    """
    folder = cwd or Path.cwd()
    values: dict[str, Any] = {
        "store": default_store_path(),
        "baseline": folder / DEFAULT_BASELINE_FILE,
    }
    ignore_file = next(
        (folder / n for n in (DEFAULT_IGNORE_FILE, LYCHEE_IGNORE_FILE) if (folder / n).is_file()),
        None,
    )
    if ignore_file is not None:
        values["ignore_file"] = ignore_file
    named = _read_toml(config_file) if config_file is not None else {}
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    layers: list[tuple[str, Mapping[str, Any]]] = []
    user = user_config_file()
    # exists(), not is_file(): a folder in a config file's place is an error, not no config.
    if user.exists():  # the user's own file: honoured like --config
        layers.append((str(user), _read_toml(user)))
    store_named = "store" in named or "store" in flags or any("store" in v for _, v in layers)
    pyproject = folder / "pyproject.toml"
    if pyproject.exists():
        found = _table(_table(_read_toml(pyproject), "tool", pyproject), "citecheck", pyproject)
        layers.append(
            (str(pyproject), _repository_layer(found, "pyproject.toml", folder, quiet=store_named))
        )
    if (folder / "citecheck.toml").exists():
        found = _read_toml(folder / "citecheck.toml")
        layers.append(
            (
                str(folder / "citecheck.toml"),
                _repository_layer(found, "citecheck.toml", folder, quiet=store_named),
            )
        )
    if config_file is not None:
        layers.append((str(config_file), named))
    for source, layer in layers:
        _merge(values, _parsed(layer, source))
    _merge(values, _parsed(flags, None, spelled or {}))
    config = _build(values)
    chosen = "store" in flags or any("store" in layer for _, layer in layers)
    if chosen or os.environ.get("XDG_CACHE_HOME"):
        return config
    return replace(config, store=replace(config.store, spare=True))


def user_config_file() -> Path:
    """The user's own settings, below every other file: ``$XDG_CONFIG_HOME/citecheck/config.toml``
    (else ``~/.config/...``).  It is the user's, not a repository's: its ``store`` and
    ``scheduler`` are honoured, as a ``--config FILE``'s are."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "citecheck" / "config.toml"


def _parsed(
    layer: Mapping[str, Any], source: str | None, spelled: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One layer's values, each checked and typed by its key's parser.

    ``source`` is the file the layer comes from: its errors name the file, the key and the
    flag; a layer of flags (``None``) speaks in flag names only.  A misspelt key gets the
    closest valid one ("timout: did you mean timeout?").
    """
    typed: dict[str, Any] = {}
    for name, value in layer.items():
        label = (spelled or {}).get(name) or flag_name(name) if source is None else name
        if name not in KEYS:
            near = _close_matches(name, list(KEYS))
            hint = ""
            if near:
                hint = f"; did you mean {near[0]} (flag {flag_name(near[0])})?"
                hint = hint if source else f"; did you mean {flag_name(near[0])}?"
            if source and _tool_table(name, value):
                hint = (
                    ": [tool.citecheck] is pyproject.toml's table; this file holds the same keys "
                    "at its top level (delete the [tool.citecheck] line)"
                )
            where = f"{source}: unknown key {name}" if source else f"unknown setting {label}"
            raise ConfigError(where + hint)
        key = KEYS[name]
        try:
            typed[name] = None if value is None and key.optional else key.parse(label, value)
        except ConfigError as exc:
            if source is None:
                raise
            raise ConfigError(f"{source}: {exc} (flag {flag_name(name)})") from exc
    return typed


def _tool_table(name: str, value: Any) -> bool:
    """Whether a config file's unknown key is pyproject.toml's ``[tool.citecheck]`` table, put
    in a file read whole (``citecheck.toml``, ``--config FILE``): "unknown key tool" said
    nothing of where the keys go (session 33's leftover)."""
    return name == "tool" and isinstance(value, Mapping) and "citecheck" in value


def _merge(values: dict[str, Any], layer: Mapping[str, Any]) -> None:
    """``layer`` over ``values``: scalars replace, tables (``severity``, ``hosts``) merge.

    A project that sets one severity keeps the user's others; a host's ``interval`` set by one
    layer keeps its ``concurrency`` from another.
    """
    for name, new in layer.items():
        old = values.get(name)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            merged = dict(old)
            for entry, setting in new.items():
                merged[entry] = _merged_entry(merged.get(entry), setting)
            values[name] = merged
        else:
            values[name] = new


def _merged_entry(old: Any, new: Any) -> Any:
    """A table's entry over the one below it: a host's unset fields keep the lower value."""
    if isinstance(old, HostConfig) and isinstance(new, HostConfig):
        return HostConfig(
            new.concurrency if new.concurrency is not None else old.concurrency,
            new.interval if new.interval is not None else old.interval,
        )
    return new


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
    if store is None or store is False or not isinstance(store, str | Path) or "\x00" in str(store):
        return values  # turning memory off is always safe; a bad value fails in _build
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


_MAX_CONFIG_BYTES = 16 * 2**20
"""A config file's bytes at most: settings, not data (see :func:`read_capped`)."""
MAX_IGNORE_FILE_BYTES = _MAX_CONFIG_BYTES
"""An ``--ignore-file``'s bytes at most: patterns are settings too."""


def read_capped(path: Path, limit: int) -> bytes:
    """``path``'s bytes, at most ``limit``; raises ``ValueError`` past it.

    A settings file (the config, the baseline) is read whole; a device that never ends given as
    one (``--config /dev/zero``) ran the process out of memory (probe 20).  A pipe stays welcome
    (``--config <(…)``), so the read is bounded rather than the kind of file refused.  It is
    read in chunks: ``read(limit + 1)`` allocated the whole 16 MiB buffer before the first byte
    came, a spike in every run started beside a ``pyproject.toml`` (issue 19: memory).
    """
    chunks: list[bytes] = []
    size = 0
    with path.open("rb") as stream:
        while size <= limit and (chunk := stream.read(min(_READ_CHUNK, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    if size > limit:
        raise ValueError(f"larger than {limit // 2**20} MiB")
    return b"".join(chunks)


_READ_CHUNK = 64 * 1024
"""Bytes :func:`read_capped` asks for at a time: a settings file is a few KB."""


def _read_toml(path: Path) -> dict[str, Any]:
    """A config file's settings.  A leading byte-order mark (Windows editors write one) is
    dropped: tomllib refuses it as an "invalid statement" at line 1, which names no cause.
    Besides its ``TOMLDecodeError`` (a ``ValueError``, as a bad UTF-8 byte's is), tomllib
    raises a plain ``ValueError`` for an integer of over 4,300 digits and ``RecursionError``
    for arrays or tables nested thousands deep: a bad file, not a crash."""
    try:
        text = read_capped(path, _MAX_CONFIG_BYTES).removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except (OSError, ValueError, RecursionError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from exc


def _build(values: Mapping[str, Any]) -> Config:
    return Config().with_(**values)


def _connect_to(key: str, value: Any) -> tuple[ConnectTo, ...]:
    rules = [value] if isinstance(value, str | ConnectTo) else _list(value)
    if not all(isinstance(rule, str | ConnectTo) for rule in rules):
        raise ConfigError(f"{key} must be HOST1:PORT1:HOST2:PORT2 rules (got {rules!r})")
    return tuple(r if isinstance(r, ConnectTo) else ConnectTo.parse(str(r)) for r in rules)


def _path(key: str, value: Any) -> Path:
    """``value`` as a path; a NUL is refused here, as the OS would refuse it later (ValueError
    out of every call that touches the path: an internal error instead of this one line).

    Only text is a path: ``report_dir = 5`` wrote the reports into a folder named ``5``,
    ``report_dir = ["out"]`` into one named ``['out']``, and ``report_dir = ""`` into the
    working folder, with no word (probe 28)."""
    if not isinstance(value, str | Path) or not str(value).strip():
        raise ConfigError(f"{key} must be a path (got {value!r})")
    text = str(value)
    if "\x00" in text:
        raise ConfigError(f"{key} must not contain a NUL character (got {text!r})")
    return Path(text)


def _cacert(key: str, value: Any) -> Path:
    cacert = _path(key, value)
    if not cacert.is_file():
        raise ConfigError(f"{key} {cacert}: no such file")
    return cacert


def _archive(key: str, value: Any) -> ArchiveKind:
    archive = str(value).strip().lower()
    if archive not in ArchiveKind.__members__.values():
        kinds = ", ".join(ArchiveKind)
        raise ConfigError(f"{key} must be one of {kinds} (got {archive!r})")
    return ArchiveKind(archive)


_SCHEDULER_SCHEMES = ("tcp://", "tls://")
"""A Dask scheduler's address.  Only the user names one (a flag or ``--config FILE``), never a
repository's config: the client trusts what a scheduler sends back as its own (Dask unpickles
it), so a repository naming one would run its code on the checking machine."""


def _scheduler(key: str, value: Any) -> str | None:
    if value is None or value is False:
        return None
    text = _scalar(key, value, str)
    if not text.startswith(_SCHEDULER_SCHEMES) or not text.partition("://")[2]:
        raise ConfigError(
            f"{key} must be a tcp://HOST:PORT or tls://HOST:PORT address (got {text!r})"
        )
    return str(text)


def _timegate(key: str, value: Any) -> str:
    timegate = str(value)
    if not timegate.startswith(("http://", "https://")):
        raise ConfigError(f"{key} must be an http(s) URL (got {timegate!r})")
    return timegate


def _fail_on(_key: str, value: Any) -> FailOn:
    """``fail_on`` as text or, in a config file, a TOML array of codes (as ``formats`` may be):
    ``["broken"]`` was read as the one code "['broken']" and refused as unknown."""
    if isinstance(value, FailOn):
        return value
    if isinstance(value, list | tuple):
        return FailOn.parse(",".join(str(item) for item in value))
    return FailOn.parse(str(value))


def _mirror_accounts(key: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list | tuple | frozenset | set) or not all(
        isinstance(a, str) for a in value
    ):
        raise ConfigError(f"{key} must be a list of account handles")
    return frozenset(a.strip().lstrip("@").lower() for a in value)


_KIND_NAMES = {int: "a whole number", float: "a number", str: "text"}
"""How a message names the kind of value a key takes (not Python's ``int``)."""


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
    wrong = ConfigError(f"{key} must be {_KIND_NAMES.get(kind, kind.__name__)} (got {value!r})")
    if kind is str:
        if not isinstance(value, str):
            raise wrong
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
            raise ConfigError(f"{key} must not contain a control character (got {value!r})")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise wrong
    if isinstance(value, str) and not value.isascii():
        raise wrong  # float() reads other scripts' digits: "٣" is no count a reader would see
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


def _formats(key: str, value: Any) -> tuple[str, ...]:
    names = value.split(",") if isinstance(value, str) else _list(value)
    cleaned = tuple(dict.fromkeys(str(n).strip().lower() for n in names if str(n).strip()))
    unknown = [n for n in cleaned if n not in FORMAT_NAMES]
    if unknown or not cleaned:
        raise ConfigError(
            f"{key}: unknown format(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(FORMAT_NAMES)}"
        )
    return cleaned


def _list(value: Any) -> list[Any]:
    """A TOML array as a list; any other type yields none, so the caller's check names the key."""
    return list(value) if isinstance(value, list | tuple) else [value]


def _severities(key: str, value: Any) -> dict[Code, Severity]:
    value = _rows(key, value, "=", "CODE=LEVEL")
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key} must be a table of finding-code = severity")
    result: dict[Code, Severity] = {}
    for code, severity in value.items():
        if code not in Code.__members__.values():
            raise ConfigError(f"{key}: unknown finding code {code!r}{_closest(code, Code)}")
        if severity not in Severity.__members__.values():
            raise ConfigError(f"{key}.{code}: use error, warning or info (got {severity!r})")
        result[Code(code)] = Severity(severity)
    return result


def _rows(key: str, value: Any, separator: str, shape: str) -> Any:
    """A table given as flags (``--severity blocked=error``, repeated) as the table a file gives.

    A mapping (a file's table) or anything else is returned as it is, for the caller to check.
    """
    rows = [value] if isinstance(value, str) else value
    if not isinstance(rows, list | tuple) or not all(isinstance(r, str) for r in rows):
        return value
    table: dict[str, str] = {}
    for row in rows:
        name, found, setting = row.partition(separator)
        if not found or not name.strip() or not setting.strip():
            raise ConfigError(f"{key} {row!r}: expected {shape}")
        table[name.strip()] = setting.strip()
    return table


def _closest(word: str, choices: Any) -> str:
    """``; did you mean X?`` for the valid name closest to a misspelt one, else nothing."""
    found = _close_matches(str(word), [str(c) for c in choices])
    return f"; did you mean {found[0]}?" if found else ""


def _close_matches(word: str, choices: list[str]) -> list[str]:
    """The one choice closest to ``word``, if any is close (:func:`difflib.get_close_matches`,
    imported here: only a misspelt setting needs it, and no run that reads its settings right
    should pay for the module)."""
    import difflib  # noqa: PLC0415

    return difflib.get_close_matches(word, choices, n=1)


def _headers(key: str, value: Any) -> tuple[tuple[str, str], ...]:
    """``-H "Name: value"`` flags, or a file's table of name = value.

    A header value is often a credential: no message here ever quotes one.
    """
    rows = [value] if isinstance(value, str) else value
    if isinstance(rows, tuple) and all(isinstance(r, tuple) and len(r) == 2 for r in rows):
        rows = [f"{name}: {setting}" for name, setting in rows]  # already parsed
    if isinstance(rows, Mapping):
        rows = [f"{name}: {setting}" for name, setting in rows.items()]
    if not isinstance(rows, list | tuple) or not all(isinstance(r, str) for r in rows):
        raise ConfigError(f'{key} must be "Name: value" headers')
    headers: list[tuple[str, str]] = []
    for row in rows:
        name, found, setting = row.partition(":")
        name = name.strip()
        if not found or not _HEADER_NAME.fullmatch(name):
            raise ConfigError(
                f'{key}: expected "Name: value" (a header name is letters, digits, -)'
            )
        if name.lower() in _CLIENT_HEADERS:
            raise ConfigError(
                f"{key} {name}: citecheck sets this header itself for each request "
                "(it names the host and frames the message); give another header"
            )
        setting = setting.strip()
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in setting):
            raise ConfigError(f"{key} {name}: the value must not contain a control character")
        headers.append((name, setting))
    return tuple(headers)


_CLIENT_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "proxy-connection",
        "upgrade",
        "te",
        "trailer",
    }
)
"""Headers the HTTP client owns: a ``-H Host:`` sent with every URL would ask each server for
another site (every citation ``unreachable``, a warning, so a silent pass), and a framing header
makes every request fail."""


def _user_agent(key: str, value: Any) -> str:
    """The User-Agent template: ASCII (a header's bytes), ``{version}`` its only placeholder.

    Checked here, because the client fills it in for every request: a stray brace or a
    non-ASCII letter would otherwise crash the run after discovery.
    """
    text: str = _scalar(key, value, str)
    if not text.isascii():
        raise ConfigError(f"{key} must be ASCII text (got {text!r})")
    try:
        text.format(version="0")
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        raise ConfigError(
            f"{key}: only {{version}} may stand in braces (write {{{{ for a brace; got {text!r})"
        ) from exc
    return text


_HEADER_NAME = lazy(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}")
"""RFC 9110's token: the characters a header name may have."""
_STATUS_RANGE = lazy(r"(\d{3})(?:(?:\.\.=?|-)(\d{3}))?")


def _accept(key: str, value: Any) -> frozenset[int]:
    """Status codes as lychee writes them (``200..=204,429``; also ``200..205``, ``200-299``).

    ``..`` excludes its end as in lychee (a Rust range), ``..=`` and ``-`` include it.
    """
    if isinstance(value, frozenset | set):
        items: list[Any] = list(value)
    elif isinstance(value, str):
        items = value.split(",")
    else:
        items = _list(value)
    codes: set[int] = set()
    for item in items:
        number = isinstance(item, int) and not isinstance(item, bool)
        text = str(item) if number else item.strip() if isinstance(item, str) else ""
        match = _STATUS_RANGE.fullmatch(text)
        if match is None:
            raise ConfigError(
                f"{key} {item!r}: expected status codes like 200..=204,429 or 400-403"
            )
        low = int(match.group(1))
        high = int(match.group(2) or low) - (1 if "..=" not in text and ".." in text else 0)
        if not 100 <= low <= high <= 999:
            raise ConfigError(f"{key} {text!r}: not a range of HTTP status codes (100-999)")
        codes.update(range(low, high + 1))
    return frozenset(codes)


def _since(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()  # TOML ``since = 2020-01-01T00:00:00``: a date is compared with dates
    if isinstance(value, date):
        return value
    day = parse_day(str(value))
    if day is None:
        raise ConfigError(f"since must be a date YYYY-MM-DD (got {value!r})")
    return day


def _root_dir(key: str, value: Any) -> Path | None:
    """An existing folder, made absolute (a worker process may start elsewhere); false: none."""
    if value is False:
        return None
    if not isinstance(value, str | Path) or not str(value).strip():
        raise ConfigError(f"{key} must be a folder or false (got {value!r})")
    folder = _path(key, value).absolute()
    if not folder.is_dir():
        raise ConfigError(f"{key} must be an existing folder (got {str(value)!r})")
    return folder


def _local_roots(key: str, value: Any) -> tuple[Path, ...]:
    """Folders, made absolute (a worker process may start elsewhere)."""
    if isinstance(value, str | Path) or not isinstance(value, list | tuple):
        raise ConfigError(f"{key} must be a list of folders (got {value!r})")
    return tuple(_path(key, item).absolute() for item in value)


def _optional_path(key: str, value: Any) -> Path | None:
    if value is False:
        return None
    if isinstance(value, str | Path) and str(value).strip():
        return _path(key, value)
    raise ConfigError(f"{key} must be a file path or false (got {value!r})")


def _patterns(key: str, value: Any) -> tuple[str, ...]:
    """URL regexes for ``include``/``exclude``, each compiled once here so a typo fails early."""
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list | tuple) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{key} must be a list of regular expressions (got {value!r})")
    for pattern in patterns:
        compile_url_regex(pattern, f"{key} pattern")
    return tuple(patterns)


def _ignore_file(key: str, value: Any) -> Path | None:
    """The ignore file's path: one that is not there or is a folder is refused now; a device or
    a pipe (``<(…)``) is read, at most :data:`MAX_IGNORE_FILE_BYTES` (``/dev/zero`` was "no such
    file", a false cause)."""
    path = _optional_path(key, value)
    if path is not None and not path.exists():
        raise ConfigError(f"{key} {path}: no such file")
    if path is not None and path.is_dir():
        raise ConfigError(f"{key} {path}: is a folder, not a file of patterns")
    return path


def _hosts(key: str, value: Any) -> dict[str, HostConfig]:
    value = _host_rows(key, value)
    if not isinstance(value, Mapping):
        raise ConfigError(f'{key} must be tables like [hosts."example.com"] concurrency = 1')
    result: dict[str, HostConfig] = {}
    for host, table in value.items():
        _check_host_name(key, str(host))
        if isinstance(table, HostConfig):
            result[str(host).lower()] = table
            continue
        if not isinstance(table, Mapping) or set(table) - {"concurrency", "interval"}:
            raise ConfigError(f"{key}.{host}: only concurrency and interval can be set per host")
        concurrency = table.get("concurrency")
        interval = table.get("interval")
        if concurrency is not None:
            concurrency = _scalar(f"{key}.{host}.concurrency", concurrency, int)
            if concurrency <= 0:
                raise ConfigError(f"{key}.{host}.concurrency must be greater than 0")
        if interval is not None:
            interval = _interval(f"{key}.{host}.interval", interval)
        result[str(host).lower()] = HostConfig(concurrency, interval)
    return result


def _check_host_name(key: str, host: str) -> None:
    """A per-host rule's key must be a host name as URLs give it: rules match exactly, so a key
    with a scheme, port, path or wildcard matched no host and the rule was silently unused
    (probe 19).  An IPv6 address (``::1``) holds colons, a host and a port one."""
    bare = host.strip()
    if not is_host_name(bare) or bare.count(":") == 1 or any(c in "/*?#@%" for c in bare):
        raise ConfigError(
            f"{key}: {host!r} is no host name; give the host as it appears in URLs, "
            "e.g. www.example.com (no scheme, port, path or wildcard)"
        )


def _host_rows(key: str, value: Any) -> Any:
    """``--hosts example.com:concurrency=1,interval=2`` flags as the table a file gives."""
    rows = [value] if isinstance(value, str) else value
    if not isinstance(rows, list | tuple) or not all(isinstance(r, str) for r in rows):
        return value
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        if "://" in row:  # a URL: its "https" would be read as the host
            _check_host_name(key, row)
        host, _, settings = row.partition(":")
        if not host.strip() or not settings.strip():
            raise ConfigError(f"{key} {row!r}: expected HOST:concurrency=N,interval=S")
        table[host.strip()] = _rows(key, settings.split(","), "=", "HOST:concurrency=N,interval=S")
    return table


@dataclass(frozen=True, slots=True)
class Key:
    """Where one public config key lives in :class:`Config`, how its value is checked, and how
    its flag reads (the CLI builds every flag it does not write by hand from these)."""

    part: str
    field: str
    parse: Callable[[str, Any], Any]
    optional: bool = False
    """``None`` is a value of its own (no limit, no file), not an error."""
    help: str = ""
    metavar: str = "VALUE"
    aliases: tuple[str, ...] = ()
    """Other flag names for the same key (lychee's: ``--max-concurrency`` for ``concurrency``)."""
    repeat: bool = False
    """The flag is given once per item (a list's entries, a table's rows)."""
    switch: bool = False
    """An on/off setting: ``--NAME/--no-NAME``."""
    flag: str | None = None
    """The flag when it is not the key's name with ``-`` (``formats`` is ``--format``)."""


def flag_name(key: str) -> str:
    """The flag of a public key: ``max_posts`` is ``--max-posts``; messages speak in these."""
    spec = KEYS.get(key)
    if spec is not None and spec.flag is not None:
        return spec.flag
    return "--" + key.replace("_", "-")


def key_default(key: str) -> Any:
    """The value a bare :class:`Config` has for ``key``: the default ``--help`` shows."""
    spec = KEYS[key]
    return getattr(getattr(_bare_config(), spec.part), spec.field)


@functools.cache
def _bare_config() -> Config:
    """One bare :class:`Config` (frozen: it can be shared) for every default asked: the
    command line asks each key's at import (~140), and building one each time was ~13 % of
    ``import checker.cli`` (issue 19)."""
    return Config()


def _number(
    kind: type, bound: str | None = None, most: float | None = None, most_is: str = "a century"
) -> Callable[[str, Any], Any]:
    """A parser of a ``kind`` number, ``"positive"`` (> 0) or ``"natural"`` (>= 0) if bounded,
    at most ``most`` (``most_is`` in words) if given."""

    def parse(key: str, value: Any) -> Any:
        number = _scalar(key, value, kind)
        if bound == "positive" and number <= 0:
            raise ConfigError(f"{key} must be greater than 0 (got {number})")
        if bound == "natural" and number < 0:
            raise ConfigError(f"{key} must not be negative (got {number})")
        if most is not None and number > most:
            raise ConfigError(f"{key} must be at most {most:.0f} ({most_is}; got {number:g})")
        return number

    return parse


_CENTURY_DAYS = 36_500
"""The longest age a setting may give (``ttl``, ``failure_ttl``, ``save_age_days``): a run
subtracts it from today, and ``--ttl 1e12`` ("keep forever") reached back past year 1, an
OverflowError that ended the run as an internal error (exit 3, probe 19).  A century is
forever to a store of link checks."""
_CENTURY_SECONDS = _CENTURY_DAYS * 86_400
_MAX_INTERVAL = 3_600.0
"""The longest pause between two requests to one host (``interval``, a host's own): ``1e308``
was accepted and the run waited forever on its second request to a host (probe 19).  An hour
a request is already a day for 24 URLs of one site; past it the setting is a typo."""
_interval = _number(float, "natural", _MAX_INTERVAL, "an hour")
_MAX_RETRIES = 100
"""The most retries of one request (``retries``): a retry waits up to 30 s, so a hundred are
most of an hour for one URL that keeps failing.  ``--retries 1000000000`` was accepted and a
lasting 503 kept the run going for good, no deadline ending the retries (probe 28); past a
hundred the setting is a typo."""


def process_limit() -> int:
    """Most processes a run forks: four per core (a run waits on the network more than it
    computes), at least eight; past it, forking is all cost (and may exhaust the machine)."""
    return max(8, 4 * (os.cpu_count() or 1))


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (a
    container or ``taskset`` limits it below the machine's count), else the machine's."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        with contextlib.suppress(OSError):
            return max(1, len(affinity(0)))
    return os.cpu_count() or 1


def _processes(key: str, value: Any) -> int | Literal["auto"]:
    """``processes``: ``"auto"``, or a positive count at most :func:`process_limit` (checked
    here, where the error can name the config file that set it).  A TOML float is refused even
    when whole (``1e3`` is no count: a typo should not fork a thousand processes)."""
    if isinstance(value, str) and value.strip().lower() == AUTO_PROCESSES:
        return AUTO_PROCESSES
    if isinstance(value, float):
        raise ConfigError(f'{key} must be a whole number or "auto" (got {value!r})')
    try:
        count: int = _scalar(key, value, int)
    except ConfigError:
        raise ConfigError(f'{key} must be a whole number or "auto" (got {value!r})') from None
    if count <= 0:
        raise ConfigError(f"{key} must be greater than 0 (got {count})")
    if count > process_limit():
        raise ConfigError(f"{key} must be at most {process_limit()} on this machine (got {count})")
    return count


def _of(kind: type) -> Callable[[str, Any], Any]:
    """A parser of a ``str`` or ``bool`` setting (see :func:`_scalar`)."""
    return lambda key, value: _scalar(key, value, kind)


KEYS: dict[str, Key] = {
    "timeout": Key(
        "fetch",
        "timeout",
        _number(float, "positive"),
        help="Seconds to wait for a connection or a read.",
        metavar="S",
    ),
    "connect_timeout": Key(
        "fetch",
        "connect_timeout",
        _number(float, "positive"),
        help="Seconds to wait for a connection.",
        metavar="S",
    ),
    "total_timeout": Key(
        "fetch",
        "total_timeout",
        _number(float, "positive"),
        optional=True,
        help="Seconds one URL may take in all (default: 3 x --timeout).",
        metavar="S",
    ),
    "retries": Key(
        "fetch",
        "retries",
        _number(int, "natural", _MAX_RETRIES, "each wait up to 30 s: most of an hour a URL"),
        help="Retries of a timeout, reset, 429 or 5xx (a plain 500: one at most).",
        metavar="N",
        aliases=("--max-retries",),
    ),
    "retry_backoff": Key(
        "fetch",
        "retry_backoff",
        _number(float, "natural"),
        help="Seconds before the first retry (doubled each time).",
        metavar="S",
    ),
    "max_bytes": Key(
        "fetch",
        "max_bytes",
        _number(int, "positive"),
        help="Bytes of a body read at most.",
        metavar="N",
    ),
    "max_redirects": Key(
        "fetch",
        "max_redirects",
        _number(int, "positive"),
        help="Redirects followed at most.",
        metavar="N",
    ),
    "user_agent": Key(
        "fetch",
        "user_agent",
        _user_agent,
        help="User-Agent header ({version} is citecheck's).",
        metavar="TEXT",
    ),
    "headers": Key(
        "fetch",
        "headers",
        _headers,
        help='Extra request header "Name: value" (repeatable; never printed).',
        metavar='"NAME: VALUE"',
        aliases=("-H",),
        flag="--header",
        repeat=True,
    ),
    "connect_to": Key(
        "fetch",
        "connect_to",
        _connect_to,
        help="Connect to HOST2:PORT2 for HOST1:PORT1, keeping URL, Host and SNI (like curl).",
        metavar="HOST1:PORT1:HOST2:PORT2",
        repeat=True,
    ),
    "cacert": Key(
        "fetch", "cacert", _cacert, optional=True, help="Trust only this CA (PEM).", metavar="PEM"
    ),
    "http2": Key("fetch", "http2", _of(bool), help="Offer HTTP/2.", switch=True),
    "allow_private": Key(
        "fetch",
        "allow_private",
        _of(bool),
        help="Fetch hosts on private/local networks too.",
        switch=True,
    ),
    "warc": Key(
        "fetch",
        "warc",
        _of(bool),
        help="Write every fetched response to REPORT_DIR/evidence.warc.gz.",
        switch=True,
    ),
    "concurrency": Key(
        "politeness",
        "concurrency",
        _number(int, "positive"),
        help="Requests in flight over all hosts.",
        metavar="N",
        aliases=("--max-concurrency",),
    ),
    "per_host_concurrency": Key(
        "politeness",
        "per_host_concurrency",
        _number(int, "positive"),
        help="Requests in flight per host (a 429 or 503 halves a host's for the rest of the run).",
        metavar="N",
        aliases=("--host-concurrency",),
    ),
    "interval": Key(
        "politeness",
        "interval",
        _interval,
        help="Seconds between two requests to one host (at most 3600).",
        metavar="S",
    ),
    "hosts": Key(
        "politeness",
        "hosts",
        _hosts,
        help="Per-host politeness, e.g. example.com:concurrency=1,interval=2 (repeatable).",
        metavar="HOST:KEY=V,...",
        repeat=True,
    ),
    "store": Key(
        "store",
        "path",
        _optional_path,
        optional=True,
        help="SQLite file remembering runs (default: in the user cache folder).",
        metavar="PATH",
    ),
    "ttl": Key(
        "store",
        "ttl",
        _number(float, "natural", _CENTURY_SECONDS),
        help="Seconds a good result is reused without a request.",
        metavar="S",
    ),
    "failure_ttl": Key(
        "store",
        "failure_ttl",
        _number(float, "natural", _CENTURY_SECONDS),
        help="Seconds a failed result is reused before the source is asked again.",
        metavar="S",
    ),
    "strikes": Key(
        "store",
        "strikes",
        _number(int, "positive"),
        help="Failed runs in a row before unreachable fails.",
        metavar="N",
    ),
    "strike_days": Key(
        "store",
        "strike_days",
        _number(float, "natural"),
        help="Days a failure must last before unreachable fails.",
        metavar="D",
    ),
    "history_runs": Key(
        "store",
        "history_runs",
        _number(int, "natural"),
        help="Runs whose verdicts the store keeps for citecheck trends (0: none).",
        metavar="N",
    ),
    "archive": Key(
        "archive",
        "kind",
        _archive,
        help="Archive searched for dead sources: wayback, memento or off.",
        metavar="KIND",
    ),
    "archive_failures": Key(
        "archive",
        "failures",
        _number(int, "positive"),
        help="Failed archive answers in a row before the run stops asking.",
        metavar="N",
    ),
    "archive_timeout": Key(
        "archive",
        "timeout",
        _number(float, "positive"),
        help="Seconds one archive lookup may take.",
        metavar="S",
    ),
    "archive_budget": Key(
        "archive",
        "budget",
        _number(float, "positive"),
        help="Seconds archive lookups may go on after the last verdict; the rest are not made.",
        metavar="S",
    ),
    "timegate": Key(
        "archive",
        "timegate",
        _timegate,
        optional=True,
        help="Memento TimeGate URL (with --archive memento).",
        metavar="URL",
    ),
    "save": Key(
        "archive",
        "save",
        _of(bool),
        help="Ask the Wayback Machine to capture live sources with no recent capture.",
        switch=True,
    ),
    "save_age_days": Key(
        "archive",
        "save_age_days",
        _number(float, "natural", _CENTURY_DAYS),
        help="--save: capture when the newest capture is older than this.",
        metavar="D",
    ),
    "save_interval": Key(
        "archive",
        "save_interval",
        _number(float, "natural"),
        help="--save: seconds between two capture requests.",
        metavar="S",
    ),
    "save_limit": Key(
        "archive",
        "save_limit",
        _number(int, "natural"),
        help="--save: captures asked for at most per run.",
        metavar="N",
    ),
    "report_dir": Key("report", "dir", _path, help="Folder for the reports.", metavar="DIR"),
    "formats": Key(
        "report",
        "formats",
        _formats,
        help=f"Report formats, comma-separated: {','.join(FORMAT_NAMES)}.",
        metavar="LIST",
        flag="--format",
    ),
    "severity": Key(
        "report",
        "severity",
        _severities,
        help="A finding code's severity, e.g. blocked=error (repeatable).",
        metavar="CODE=LEVEL",
        repeat=True,
    ),
    "fail_on": Key(
        "report",
        "fail_on",
        _fail_on,
        help="error, warning, info, or finding codes that fail the run.",
        metavar="LEVEL|CODES",
    ),
    "baseline": Key(
        "report",
        "baseline",
        _optional_path,
        optional=True,
        help="Baseline file of recorded findings (default: ./citecheck-baseline.json, if present).",
        metavar="FILE",
    ),
    "crawl": Key(
        "crawl",
        "follow",
        _of(bool),
        help="Find every post of a blog URL (feeds, sitemaps, pager) or check only that page.",
        switch=True,
    ),
    "max_posts": Key(
        "crawl",
        "max_posts",
        _number(int, "positive"),
        optional=True,
        help="Check at most this many posts.",
        metavar="N",
    ),
    "max_citations_per_post": Key(
        "crawl",
        "max_citations_per_post",
        _number(int, "natural"),
        help="Citations read from one post at most (0: no cap).",
        metavar="N",
    ),
    "since": Key(
        "crawl",
        "since",
        lambda _, v: _since(v),
        optional=True,
        help="Only posts published on or after this date.",
        metavar="YYYY-MM-DD",
    ),
    "label": Key(
        "crawl",
        "label",
        _of(str),
        optional=True,
        help="Only posts with this label (Blogger/WordPress).",
        metavar="NAME",
    ),
    "include": Key(
        "crawl",
        "include",
        _patterns,
        help="Check cited URLs matching REGEX even if excluded (repeatable).",
        metavar="REGEX",
        repeat=True,
    ),
    "exclude": Key(
        "crawl",
        "exclude",
        _patterns,
        help="Skip cited URLs matching REGEX (repeatable).",
        metavar="REGEX",
        repeat=True,
    ),
    "exclude_path": Key(
        "crawl",
        "exclude_path",
        _patterns,
        help="Skip input files whose path matches REGEX (repeatable).",
        metavar="REGEX",
        repeat=True,
    ),
    "ignore_file": Key(
        "crawl",
        "ignore_file",
        _ignore_file,
        optional=True,
        help="File of exclude regexes, one a line (default: ./.citecheckignore).",
        metavar="FILE",
    ),
    "include_verbatim": Key(
        "crawl",
        "include_verbatim",
        _of(bool),
        help="Also check links in code spans and code blocks.",
        switch=True,
    ),
    "ignore": Key(
        "crawl",
        "ignore",
        _of(bool),
        help="Walking a folder, skip what its .gitignore/.ignore exclude and node_modules, "
        "vendor/bundle (--no-ignore reads them, as lychee).",
        switch=True,
    ),
    "accept": Key(
        "verify",
        "accept",
        _accept,
        help="Status codes that count as ok, lychee's syntax: 200..=204,429 or 400-403.",
        metavar="CODES",
    ),
    "root_dir": Key(
        "verify",
        "root_dir",
        _root_dir,
        optional=True,
        help="The folder a root-relative link (/x) in a local file starts from, as lychee's: "
        "its file is then looked up on disk (default: such links are skipped).",
        metavar="DIR",
    ),
    "include_fragments": Key(
        "verify",
        "include_fragments",
        _of(bool),
        help="Also check each link's #fragment: a heading or id of the local file or fetched "
        "HTML page it names, and a post's links within itself (missing: missing-anchor), as "
        "lychee's --include-fragments.",
        switch=True,
    ),
    "local_roots": Key(
        "verify",
        "local_roots",
        _local_roots,
        optional=True,
        help="A folder a local file's link may lead into, looked up on disk (repeatable; "
        "default: the working folder and each folder named); a link out of them is skipped.",
        metavar="DIR",
        repeat=True,
        flag="--local-root",
    ),
    "mirror_accounts": Key(
        "verify",
        "mirror_accounts",
        _mirror_accounts,
        help="A known mirror/aggregator account (repeatable).",
        metavar="HANDLE",
        repeat=True,
    ),
    "processes": Key(
        "cluster",
        "processes",
        _processes,
        help="Check on N processes of this machine; auto: one per idle core, for a run "
        "large enough to gain (1: one process; no fork: one).",
        metavar="N",
    ),
    "scheduler": Key(
        "cluster",
        "scheduler",
        _scheduler,
        optional=True,
        help="Check on the workers of a running Dask scheduler.",
        metavar="tcp://HOST:PORT",
    ),
}
"""Every public config key (TOML key, and the flag's name with ``-`` for ``_``): its part and
field in :class:`Config`, its parser and its flag's help.  The one table the loader,
:meth:`Config.with_` and the command line read, so a key cannot be known to one and not the
others (tests/cli/test_flags.py fails on a key without a flag)."""
