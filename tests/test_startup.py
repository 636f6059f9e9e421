"""A run's fixed cost (issue 19): what a run does not need is not built or imported.

- certifi's CA bundle is read on the first TLS handshake, not for every run (~240 M
  instructions, 15 % of a one-URL check): a run of ``http://`` URLs never reads it;
- :mod:`checker.processes` is imported only when processes are started or an interrupted run's
  store shards merged (the subprocess test of :mod:`tests.test_layering` covers the import);
- anyio's asyncio backend (~95 M instructions) is imported only by a run that needs it:
  closing the lean route's transport leaves httpcore's pool alone when it holds no connection
  (:mod:`tests.test_layering`), and an ASCII host name is looked up by asyncio's resolver;
- the dates' and the settings' patterns are compiled on first use (:mod:`checker.lazyre`), and
  ``--help``'s ~140 defaults are read from one bare :class:`~checker.config.Config`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import certifi
import pytest

from checker import cli, sharing
from checker.config import Config
from checker.errors import ConfigError, ReportError
from checker.fetch import connect_to, network
from checker.fetch.connect_to import make_ssl_context
from checker.model import Status
from checker.pipeline import check
from checker.sampleweb import Response, SampleWeb, Web

_HTML = ("Content-Type", "text/html; charset=utf-8")
_PAGE = b"<html><head><title>A story</title></head><body>Hello there.</body></html>"


@pytest.fixture(autouse=True)
def _no_user_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default route: no SSL_CERT_FILE/DIR (those are read at once, the user's input)."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def _settings(context: ssl.SSLContext) -> dict[str, object]:
    return {
        "protocol": context.protocol,
        "verify_mode": context.verify_mode,
        "check_hostname": context.check_hostname,
        "verify_flags": context.verify_flags,
        "options": context.options,
        "minimum_version": context.minimum_version,
        "maximum_version": context.maximum_version,
        "post_handshake_auth": context.post_handshake_auth,
    }


def test_the_default_context_reads_certifi_on_its_first_handshake_only() -> None:
    reference = ssl.create_default_context(cafile=certifi.where())  # httpx's own default
    context = make_ssl_context(Config())
    assert _settings(context) == _settings(reference)
    assert context.cert_store_stats()["x509_ca"] == 0  # nothing read yet
    context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="news.example")
    assert context.cert_store_stats() == reference.cert_store_stats()
    assert context.get_ca_certs() == reference.get_ca_certs()


def test_a_bundle_that_cannot_be_read_fails_the_handshake_as_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never an ``ssl.SSLError``: that would read as the source's TLS failing (a false alarm)."""
    garbage = tmp_path / "cacert.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n")
    monkeypatch.setattr(certifi, "where", lambda: str(garbage))
    context = make_ssl_context(Config())
    with pytest.raises(ConfigError, match="certifi"):
        context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="news.example")


@contextmanager
def _site() -> Iterator[SampleWeb]:
    web = Web()
    web.add("http://plain.example/story", Response(200, (_HTML,), _PAGE))
    web.add("https://secure.example/story", Response(200, (_HTML,), _PAGE))
    with SampleWeb(web) as site:
        yield site


def _config(site: SampleWeb, tmp_path: Path) -> Config:
    """No ``--cacert``: the default trust, certifi's (which does not know the fixture's CA)."""
    return Config().with_(
        connect_to=list(site.connect_to()),
        store=None,
        archive="off",
        report_dir=tmp_path,
        retries=0,
        processes=1,
    )


def _listed(tmp_path: Path, url: str) -> list[str]:
    """A list of URLs to check, as a file (a URL given as input is a page to read)."""
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{url}\n", encoding="utf-8")
    return [str(listing)]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    load = connect_to._LazyContext.load

    def counted(self: connect_to._LazyContext) -> None:
        reads.append(1)
        load(self)

    monkeypatch.setattr(connect_to._LazyContext, "load", counted)
    return reads


def test_a_run_of_http_urls_never_reads_the_ca_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _reads(monkeypatch)
    with _site() as site:
        report = check(_listed(tmp_path, "http://plain.example/story"), _config(site, tmp_path))
    [checked] = [c for d in report.documents for c in d.citations]
    assert checked.status is Status.OK
    assert reads == []


def test_an_https_url_reads_the_bundle_and_is_verified_against_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixture's CA is not certifi's: loaded late, the bundle still decides (no pass)."""
    reads = _reads(monkeypatch)
    with _site() as site:
        report = check(_listed(tmp_path, "https://secure.example/story"), _config(site, tmp_path))
    [checked] = [c for d in report.documents for c in d.citations]
    assert checked.status is not Status.OK
    said = " ".join([checked.note or "", *(f.message for f in checked.findings)])
    assert "certificate" in said.lower(), checked
    assert reads


def test_a_one_process_run_with_nothing_to_merge_never_imports_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``auto`` on a busy machine, ``1``, no store, a store without shards: no pool asked."""
    import checker.processes  # noqa: PLC0415

    asked: list[object] = []

    @contextmanager
    def pool_for(config: Config, processes: object, count: int | None = None) -> Iterator[None]:
        asked.append((processes, count))
        yield None

    monkeypatch.setattr(checker.processes, "pool_for", pool_for)
    monkeypatch.setattr(sharing, "auto_processes", lambda: 1)
    store = tmp_path / "store.sqlite"
    for config in (
        Config().with_(store=None),
        Config().with_(store=str(store)),
        Config().with_(store=str(store), processes=1),
    ):
        with cli._on_processes(config, ()) as (same, executor):
            assert same is config and executor is None
    assert asked == []
    sharing.shard_path(store, "p1", os.getpid()).write_bytes(b"")  # an interrupted run's shard
    with cli._on_processes(Config().with_(store=str(store)), ()) as (_, executor):
        assert executor is None
    monkeypatch.setattr(sharing, "auto_processes", lambda: 2)
    with cli._on_processes(Config().with_(store=None), ()) as (_, executor):
        assert executor is None
    assert asked == [("auto", 1), ("auto", 2)]


_COMPILED_AT_IMPORT = """
import re, sys
import checker.cli
from checker import config, dates
print(sorted(
    f"{module.__name__}.{name}"
    for module in (config, dates)
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern)
))
print(config._bare_config.cache_info().misses)
"""


def test_importing_the_command_line_compiles_no_date_or_setting_pattern() -> None:
    """checker.dates' 15 patterns and checker.config's 2 were compiled at import (~10 ms of
    CPU of every run's start); a run whose posts and sources carry no date needs none."""
    compiled, configs = _python(_COMPILED_AT_IMPORT).split("\n")[:2]
    assert compiled == "[]"
    assert configs == "1"  # one bare Config for every default --help shows, not one per key


def test_the_defaults_help_shows_are_a_bare_configs() -> None:
    from checker.config import KEYS, key_default  # noqa: PLC0415

    bare = Config()
    for key, spec in KEYS.items():
        assert key_default(key) == getattr(getattr(bare, spec.part), spec.field), key


def test_an_ascii_name_is_looked_up_by_asyncio_and_an_idn_by_anyio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """anyio's lookup is asyncio's after encoding the name (IDNA 2008): an ASCII name needs
    none of it; a name that is not ASCII still gets anyio's encoding."""
    asked: list[str] = []

    async def anyio_lookup(host: str, port: int, **_: object) -> list[object]:
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.7", port))]

    monkeypatch.setattr(network.anyio, "getaddrinfo", anyio_lookup)
    assert "127.0.0.1" in asyncio.run(network.system_resolver("localhost", 80))
    assert asked == []
    assert asyncio.run(network.system_resolver("bücher.example", 80)) == ["192.0.2.7"]
    assert asked == ["bücher.example"]


def test_ssl_cert_file_is_looked_at_now_and_parsed_on_the_first_handshake_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SSL_CERT_FILE (set on many CI images) was parsed by every run, 75-100 ms of a warm
    rerun that fetches nothing (issue 19); the settings and the store after the handshake are
    those of ``ssl.create_default_context(cafile=…)``, httpx's reading of it."""
    bundle = certifi.where()
    monkeypatch.setenv("SSL_CERT_FILE", bundle)
    reference = ssl.create_default_context(cafile=bundle)
    context = make_ssl_context(Config())
    assert _settings(context) == _settings(reference)
    assert context.cert_store_stats()["x509_ca"] == 0  # nothing parsed yet
    context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="news.example")
    assert context.cert_store_stats() == reference.cert_store_stats()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "No such file"),
        (b"", "no certificate found"),
        (b"just some text\n", "no certificate found"),
        (b"-----BEGIN CERTIFICATE-----\nMIIB\n", "not closed"),
        (b"-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n", "base64"),
    ],
)
def test_an_ssl_cert_file_that_is_no_bundle_is_one_line_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None, why: str
) -> None:
    bundle = tmp_path / "bundle.pem"
    if content is not None:
        bundle.write_bytes(content)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    with pytest.raises(ConfigError, match=f"SSL_CERT_FILE.*{why}"):
        make_ssl_context(Config())


def test_an_ssl_cert_file_of_base64_that_is_no_certificate_fails_the_handshake_as_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the cheap look cannot see is a ConfigError at the handshake, never an SSLError
    (which would read as the source's TLS failing: a false alarm)."""
    bundle = tmp_path / "bundle.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    context = make_ssl_context(Config())
    with pytest.raises(ConfigError, match="SSL_CERT_FILE"):
        context.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="news.example")


def test_the_driver_takes_fewer_of_equal_sites_than_the_worker() -> None:
    """The driver starts the run, discovers, takes every verdict and writes the reports (its
    fixed costs): of 40 equal sites it checks 13-16, the worker the rest.  A weight that leaves
    the driver 8 or fewer (4.0) made the idle-machine wall ~0.4 s longer: the worker's loop
    became the run's end (bench/README.md, session 20)."""
    from checker.processes import DRIVER, ProcessExecutor, _Remote  # noqa: PLC0415

    executor = object.__new__(ProcessExecutor)  # the choice of worker alone: no pool, no run
    executor._site_worker = {}
    executor._remotes = {"p1": _Remote(child=SimpleNamespace(name="p1"))}  # type: ignore[arg-type]
    executor._load = Counter({DRIVER: 0, "p1": 0})
    executor._started = True
    for n in range(40):
        executor._load[executor._worker_for(f"site{n}.example")] += 50
    assert 13 <= executor._load[DRIVER] // 50 <= 16


def _renderers(monkeypatch: pytest.MonkeyPatch, seen: Path, *fail_in: str) -> None:
    """Two formats whose renderers note the process they ran in (and fail where told)."""
    from checker.report import write  # noqa: PLC0415

    parent = os.getpid()

    def rendering(name: str) -> Callable[[dict[str, object]], Iterator[str]]:
        def stream(document: dict[str, object]) -> Iterator[str]:
            with seen.open("a", encoding="utf-8") as handle:
                handle.write(f"{name} {'parent' if os.getpid() == parent else 'forked'}\n")
            if f"{'parent' if os.getpid() == parent else 'forked'} {name}" in fail_in:
                raise OSError(28, "No space left on device")
            yield f"{name}: {document['summary']}\n"

        return stream

    monkeypatch.setattr(write, "STREAMS", {"json": rendering("json"), "md": rendering("md")})


_LARGE = {"summary": {"citations": 2000}}


def test_a_large_reports_heaviest_format_is_rendered_beside_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.report.write import write_reports  # noqa: PLC0415

    seen = tmp_path / "seen.txt"
    _renderers(monkeypatch, seen)
    paths = write_reports(_LARGE, report_dir=tmp_path / "r", formats=("json", "md"), fork=True)
    assert sorted(seen.read_text().splitlines()) == ["json forked", "md parent"]
    assert [p.read_text() for p in paths] == [f"{f}: {_LARGE['summary']}\n" for f in ("json", "md")]
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["report.json", "report.md"]
    write_reports(_LARGE, report_dir=tmp_path / "s", formats=("json", "md"))
    assert seen.read_text().splitlines()[-2:] == ["json parent", "md parent"]  # not asked to fork
    assert write_reports(_LARGE, report_dir=tmp_path / "one", formats=["md"], fork=True) == (
        tmp_path / "one" / "report.md",
    )
    assert seen.read_text().splitlines()[-1] == "md parent"  # one format: nothing beside it


def test_the_command_line_forks_a_report_writer_for_a_large_report_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import checker.processes  # noqa: PLC0415

    assert not cli._may_fork({"summary": {"citations": 999}})
    monkeypatch.setattr(checker.processes, "available", lambda: True)
    assert cli._may_fork({"summary": {"citations": 1000}})
    monkeypatch.setattr(checker.processes, "available", lambda: False)  # a thread runs
    assert not cli._may_fork({"summary": {"citations": 1000}})


def test_a_format_the_forked_process_fails_is_rendered_here_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One process's failure, said once, as one process says it; no stray file either way."""
    from checker.report.write import write_reports  # noqa: PLC0415

    seen = tmp_path / "seen.txt"
    _renderers(monkeypatch, seen, "forked json")
    write_reports(_LARGE, report_dir=tmp_path / "r", formats=("json", "md"), fork=True)
    assert sorted(seen.read_text().splitlines()) == ["json forked", "json parent", "md parent"]
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["report.json", "report.md"]
    for n, failing in enumerate((("forked json", "parent json"), ("parent md",))):
        _renderers(monkeypatch, seen, *failing)
        folder = tmp_path / f"failed-{n}"
        with pytest.raises(ReportError, match="No space left on device"):
            write_reports(_LARGE, report_dir=folder, formats=("json", "md"), fork=True)
        assert list(folder.iterdir()) == []  # the forked one's staged file went too


_HEAVY = ("matplotlib", "numpy", "warcio", "dask", "distributed", "checker.trends", "checker.fix")
"""What a plain ``check`` never needs, beside :data:`tests.test_layering.LOADED_ON_DEMAND`
(which a whole run guards): trends' charts, the WARC writer's library (``--warc``), a cluster's
client, the fixer."""


def test_importing_the_command_line_loads_none_of_the_heavy_paths() -> None:
    """A guard (these were lazy before session 20): each is ~0.1-1 s of a run's start."""
    loaded = "import sys, checker.cli; print(sorted({m for m in sys.modules} & set(sys.argv[1:])))"
    assert _python(loaded, *_HEAVY).strip() == "[]"


def test_a_run_start_imports_no_codec_of_the_allow_list() -> None:
    """The allow list of text codecs was built at import by looking up each (~40 codec modules,
    ~25 ms of every run's start); a page labelled with a WHATWG name needs none of them."""
    script = (
        "import sys, checker.cli, checker.encoding as e; "
        "assert e.text_codec(' UTF-8') == 'utf-8' and e.text_codec('windows-31j') == 'cp932'; "
        "print(sorted(m for m in sys.modules if m.startswith('encodings.') "
        "and m not in ('encodings.aliases', 'encodings.utf_8')))"
    )
    assert _python(script).strip() == "[]"


def test_importing_the_command_line_makes_only_the_check_command() -> None:
    """``baseline`` and ``fix`` have an option for every setting (~130 options, ~8 M
    instructions of every start, session 37): made when asked for, and then the same."""
    script = (
        "import checker.cli as c; made = sorted(c.cli.commands); "
        "listed = c.cli.list_commands(None); "
        "print(made, listed, sorted(c.cli.commands), len(c.command('fix').params))"
    )
    assert _python(script).strip() == (
        "['check'] ['baseline', 'check', 'demo', 'fix', 'trends'] ['check'] 66"
    )


_PATHS_MADE = """
import click
made = []
init = click.Path.__init__
def counted(self, *args, **kwargs):
    made.append(self)
    init(self, *args, **kwargs)
click.Path.__init__ = counted
import checker.cli as c
checks = sum(isinstance(p.type, click.Path) for p in c.command("check").params)
print(len(made), checks)
"""


def test_importing_the_command_line_makes_no_option_type_of_another_command() -> None:
    """The other commands' options are made when asked for, their types too: a ``click.Path``
    asks ``gettext`` for its name (~60 µs of file lookups under ``LANG=C.UTF-8``)."""
    made, checks = _python(_PATHS_MADE).split()
    assert made == checks


def test_importing_the_command_line_reads_no_store_schema() -> None:
    """The store's row statement was made at import from the schema read by SQLite (~1.9 M
    instructions of every start, ``--no-store`` runs' too, session 37): made on first write."""
    script = (
        "import checker.cli; from checker.fetch import store; "
        "print(store.insert_url.cache_info().currsize)"
    )
    assert _python(script).strip() == "0"


def test_a_misspelt_command_is_offered_one_not_made_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fi"]) == cli.ExitCode.ERROR
    assert "No such command 'fi'. Did you mean 'fix'?" in capsys.readouterr().err


def _python(script: str, *args: str) -> str:
    """What a new interpreter running ``script`` (with ``args``) from the project's folder
    prints: a start's imports and patterns, seen from a process that made none before."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=120,
    )
    return done.stdout
