"""The pipeline's shape, enforced: stages import only leaves, only fetch touches the network."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import checker
from checker import run
from checker.sampleweb import Response, SampleWeb, Web

ROOT = Path(checker.__file__).parent
LEAVES = {
    "atomic",
    "model",
    "findings",
    "errors",
    "config",
    "dates",
    "encoding",
    "memo",
    "bounded",  # a process's bounded table (memo's, redact's, the store's)
    "redact",
    "urls",
    "lazyre",
    "codecache",  # generated code compiled once (the dataclasses' methods, memo's codec)
    "interrupts",
    "anchors",
    "heap",  # the C heap's rule for big buffers (extract's pruning parse)
    "slots",  # the slot descriptors of frozen dataclasses (lines, the fetcher's copies)
    "folder_links",  # which folder links a walk follows (a folder input's, a vault's)
    "url_regex",  # a URL pattern compiled as lychee reads it (config, patterns)
    "backtracking",  # whether re can backtrack exponentially on a pattern (url_regex)
    "file_identity",  # which file a path names (the store and its memo, probe 34)
    "runcache",  # caches on paths kept for one run, cleared as a run opens (left36)
    "retry_after",  # what a Retry-After asks, past the fetch cap or not (discover, fetch)
}
STAGES = {"discover", "extract", "fetch", "verify", "report", "fix"}
NETWORK = {"httpx", "httpcore", "socket", "urllib.request", "http.client", "requests", "aiohttp"}


def _imports(path: Path, *, members: bool = False) -> set[str]:
    """The modules ``path`` imports; with ``members``, also ``module.name`` for ``from … import``
    (a submodule imported by name)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if members:
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules() -> list[tuple[str, Path]]:
    return [(p.relative_to(ROOT).parts[0], p) for p in sorted(ROOT.rglob("*.py"))]


def test_stages_import_only_leaves_and_themselves() -> None:
    broken = []
    for part, path in _modules():
        if part not in STAGES:
            continue
        for name in _imports(path):
            segments = name.split(".")
            if segments[0] != "checker" or len(segments) < 2:
                continue
            if segments[1] not in LEAVES | {part}:
                broken.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not broken


TRENDS_MAY_IMPORT = {"fetch.store", "report.csv"}
"""Besides the leaves and itself, ``citecheck trends`` reads the history the pipeline wrote
(``fetch.store``) and renders it (``report.csv``'s cell guard); data flows one way, so nothing
of the run (pipeline, run, discover, extract, verify, fix) is imported by it."""


def test_trends_reads_the_store_and_only_the_cli_imports_it() -> None:
    broken = []
    for part, path in _modules():
        for name in _imports(path):
            segments = name.split(".")
            if segments[0] != "checker" or len(segments) < 2:
                continue
            inner = ".".join(segments[1:3])
            own = segments[1] in LEAVES | {"trends"}
            if part == "trends" and not own and inner not in TRENDS_MAY_IMPORT:
                broken.append(f"{path.relative_to(ROOT)} imports {name}")
            if segments[1] == "trends" and part not in {"trends", "cli.py"}:
                broken.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not broken


def test_leaves_import_no_stage() -> None:
    for name in LEAVES:
        for imported in _imports(ROOT / f"{name}.py"):
            segments = imported.split(".")
            assert segments[0] != "checker" or segments[1] in LEAVES, (name, imported)


def test_only_fetch_talks_to_the_network() -> None:
    offenders = []
    for part, path in _modules():
        if part in {"fetch", "sampleweb"}:
            continue  # sampleweb is the local server side, never a client of the real web
        offenders += [f"{path.name}: {n}" for n in _imports(path) & NETWORK]
    assert not offenders


def _sampleweb_imports(path: Path) -> set[str]:
    """The ``checker.sampleweb`` modules ``path`` imports, submodules named in ``from … import``."""
    names = _imports(path, members=True)
    return {n for n in names if n == "checker.sampleweb" or n.startswith("checker.sampleweb.")}


def test_sampleweb_holds_only_what_the_demo_serves() -> None:
    """Every module of ``checker/sampleweb`` is reached from ``citecheck demo``'s imports.

    Test-only sites and the generators of ``data/`` live in ``tests/fixtureweb`` and never ship.
    """
    folder = ROOT / "sampleweb"
    modules = {
        "checker.sampleweb" + ("" if p.stem == "__init__" else f".{p.stem}"): p
        for p in folder.glob("*.py")
    }
    reached: set[str] = set()
    todo = _sampleweb_imports(ROOT / "cli.py") & modules.keys()
    while todo:
        name = todo.pop()
        reached.add(name)
        todo |= (_sampleweb_imports(modules[name]) & modules.keys()) - reached
    assert sorted(modules.keys() - reached) == []


def test_the_package_imports_no_test_code() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for _, path in _modules()
        for name in _imports(path)
        if name.split(".")[0] in {"tests", "bench", "conftest"}
    ]
    assert not offenders


def test_public_api_is_pinned() -> None:
    assert sorted(checker.__all__) == [
        "Citation",
        "CitecheckError",
        "Code",
        "Config",
        "Finding",
        "Report",
        "Severity",
        "Status",
        "check",
        "load_config",
    ]
    for name in checker.__all__:
        assert getattr(checker, name) is not None


def test_the_version_is_written_once_in_the_package() -> None:
    """pyproject.toml's version is ``checker.__version__`` (read by setuptools), so a run knows
    its version without :mod:`importlib.metadata` and the two cannot disagree."""
    project = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", checker.__version__)
    assert checker.__version__ == run.VERSION


def test_every_module_declares_all() -> None:
    missing = [
        str(p.relative_to(ROOT))
        for _, p in _modules()
        if p.name not in {"__main__.py"} and "__all__" not in p.read_text(encoding="utf-8")
    ]
    assert not missing


LOADED_ON_DEMAND = (
    "bs4",  # embedded posts' answers, quotes' visible text (verify.embeds, verify.quotes)
    "soupsieve",
    "trafilatura",  # a quote's article text (verify.quotes)
    "htmldate",  # metadata compared with a source's (verify.metadata)
    "dateutil",
    "tldextract",  # never: checker.urls reads its bundled Public Suffix List as a file
    "requests",
    "jinja2",  # --format html (report.html)
    "rich",  # the live panel, on a terminal only (report.progress)
    "pygments",  # httpx's command-line client, never used (hidden by checker.fetch)
    "httpx._main",
    "h2.connection",  # HTTP/2, once a server chooses it (hidden from httpcore by checker.fetch)
    "hpack",
    "markdown_it",  # a Markdown post (extract.markdown)
    "charset_normalizer",  # a body whose charset is neither declared nor UTF-8 (encoding)
    "checker.report.html",  # the formats not asked for (report.write)
    "checker.report.junit",
    "checker.report.sarif",
    "checker.report.csv",
    "xml.etree",
    "rapidfuzz",  # titles, names and quotes compared, a page compared with its sibling (verify)
    "protego",  # robots.txt, read by the crawler only (discover.robots)
    "checker.fix",  # citecheck fix
    "checker.discover.crawl",  # a URL input: feeds, sitemaps, pagers (discover.inputs)
    "checker.discover.feeds",  # ... and an export file (discover.exports)
    "checker.discover.sitemap",
    "checker.discover.robots",
    "checker.discover.blogger",
    "checker.verify.embeds",  # an embedded post (verify.citation)
    "checker.verify.quotes",  # a quote
    "checker.verify.secondary",
    "checker.verify.match",  # something cited to compare (a title, author, date, publisher)
    "checker.verify.support",
    "checker.verify.robust_links",  # a dead source's archived copy found
    "importlib.metadata",  # the version is checker.__version__, not the installed metadata's
    "checker.processes",  # processes to start, or an interrupted run's shards to merge (cli)
    "checker.dask_executor",  # --cluster, --scheduler
    "difflib",  # a misspelt setting's "did you mean" (config), citecheck fix's diffs
    "anyio._backends",  # httpcore's pool (HTTP/2, proxies), an IDN's lookup (fetch.h1, .network)
    "checker.extract.notebooks",  # a Jupyter notebook (extract, session 27)
    "checker.fetch.warc",  # warc = true (fetch.client)
    "checker.verify.archive",  # a dead source's archive lookup, --save (verify.citation)
    "decimal",  # a number in a date read (dates._number, session 37)
)
"""Modules a run loads only when it needs them (issue 19: start-up was ~0.8 ms of the CPU a
checked URL cost; these were ~0.6 s of a small run's ~1.9 s; the second group, made lazy in
session 16, ~0.2 s more; ``checker.processes``, session 17, ~21 M instructions; anyio's
asyncio backend, session 18, ~95 M: it was imported to close httpcore's empty pool)."""

_LIST_MODULES = """
import json, sys
from checker.entry import main
status = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(sorted(sys.modules), out)
sys.exit(status)
"""


def _modules_of_a_check(tmp_path: Path, processes: int) -> set[str]:
    """The modules a fresh interpreter has loaded after ``citecheck check`` of plain links (a
    page, a 404) with ``archive = "off"`` on ``processes`` processes, its verdicts checked."""
    web = Web()
    site_url = "https://news.example"
    web.page(f"{site_url}/story", "<html><head><title>A story</title></head><body>Hi</body></html>")
    web.add(f"{site_url}/gone", Response(404, (("Content-Type", "text/plain"),), b"gone"))
    (tmp_path / "urls.txt").write_text(f"{site_url}/story\n{site_url}/gone\n", encoding="utf-8")
    with SampleWeb(web) as site:
        flags = ["--cacert", str(site.ca_path), "--no-store", "--archive", "off"]
        for rule in site.connect_to():
            flags += ["--connect-to", rule]
        command = ["check", "urls.txt", *flags, "--max-retries", "0", "--report-dir", "r"]
        command += ["--processes", str(processes)]  # "auto" starts a second one when idle
        done = subprocess.run(
            [sys.executable, "-c", _LIST_MODULES, str(tmp_path / "modules.json"), *command],
            check=False,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT.parent)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr  # the 404 is a finding
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    assert statuses == {f"{site_url}/story": "ok", f"{site_url}/gone": "broken"}
    return set(json.loads((tmp_path / "modules.json").read_text(encoding="utf-8")))


def test_checking_a_list_of_urls_loads_no_module_it_does_not_need(tmp_path: Path) -> None:
    """``citecheck check`` of plain links (a page, a 404), reports as JSON and Markdown, in a
    fresh interpreter: none of :data:`LOADED_ON_DEMAND` is imported."""
    loaded = _modules_of_a_check(tmp_path, processes=1)
    tops = {name.split(".")[0] for name in loaded} | loaded
    assert sorted(tops & set(LOADED_ON_DEMAND)) == []
    assert "checker.report.json" in loaded  # the formats asked for are loaded


def test_a_run_with_archive_off_on_two_processes_never_loads_the_archive_lookups(
    tmp_path: Path,
) -> None:
    """``archive = "off"``: a run needs the archive's breaker and pace (every run makes a
    breaker; a worker's is shared, ``sharing``), never its lookups' module (``verify.archive``,
    ~10 ms of every start, issue 19 session 28), in the driver of a run forking its workers
    too."""
    loaded = _modules_of_a_check(tmp_path, processes=2)
    assert "checker.processes" in loaded  # the workers were forked
    assert "checker.verify.archive" not in loaded
