"""One command that races citecheck, lychee and LinkChecker over the same synthetic web.

``python -m bench.run --small`` (under two minutes: the uniform regime) or ``python -m bench.run``
(both regimes at the issues' sizes).  It writes the seeded corpus, starts ``bench.web`` (virtual
hosts plus forward proxy on loopback, and a TLS Wayback Machine), then runs the tools, each under
``/usr/bin/time -v``, and records wall time, CPU, peak RSS and the requests the server saw
(duplicates: the same URL asked for twice).  Per regime it prints two tables:

- equal settings: every tool with the same global and per-host concurrency, timeout and retries
  where it allows them, archive lookups off;
- defaults: every tool as a user would run it (citecheck with its archive lookups on, the
  archive down or slow, and once with ``archive = "off"``);

and for the uniform regime a concurrency sweep of citecheck through the proxy and with
``--connect-to`` (same work at 32/64/128/256).  ``--policies 4,6,8,6@0.02`` adds a table of
citecheck on its defaults but for the per-host policy named (requests a host, ``@`` a start
interval in seconds) beside lychee's defaults: the numbers a per-host default is chosen by.
Ratios against lychee are printed under each table.  The politeness bound is, for each host, the
latency of the requests it must serve divided by the allowed per-host concurrency (or its
requests times citecheck's start interval, if longer), largest over hosts: no polite checker can
finish sooner.  Each row's ``vs bound`` is against the bound of its own per-host settings (the
equal-settings table's ``--per-host``, citecheck's default in the defaults table, lychee's 10 on
its defaults); the table's ``politeness bound`` line is citecheck's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import BLOG_HOST, write_corpus
from bench.site import REGIMES, Site, build_site
from bench.web import HEADER_SETS
from checker.config import DEFAULT_INTERVAL, DEFAULT_PER_HOST_CONCURRENCY

__all__ = ["Run", "main", "politeness_bound"]

_OUT = Path(__file__).resolve().parent / "out"
_ROOT = Path(__file__).resolve().parent.parent
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")
_ARCHIVE_HOSTS = ("archive.org", "web.archive.org")
_SIZES = {"zipf": (20000, 400), "uniform": (2000, 40)}
_SMALL_SIZES = {"zipf": (2000, 40), "uniform": (2000, 40)}
_LYCHEE_PER_HOST = 10
"""lychee 0.24.2's ``--host-concurrency`` default (its ``--host-request-interval`` is 50 ms, not
counted in its bound: measured, it finishes sooner than 50 ms x the busiest host's requests)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One tool run: what it cost and what the server saw."""

    tool: str
    round: int
    wall: float
    requests: int
    duplicates: int
    retry_duplicates: int
    rss_mb: float
    cpu_s: float
    exit_code: int
    table: str = "equal"
    archive_requests: int = 0
    bound: float = 0.0
    """The politeness bound of the run's own per-host settings (:func:`politeness_bound`)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One row to measure: which table, the command, and how the server must be set up."""

    table: str
    tool: str
    command: list[str]
    env: dict[str, str]
    archive: str = "down"
    fresh_store: Path | None = None
    """A store file removed before each run of the row (a cold store every round)."""
    per_host: int = DEFAULT_PER_HOST_CONCURRENCY
    interval: float = DEFAULT_INTERVAL
    """The row's per-host settings, for its politeness bound."""


def politeness_bound(site: Site, per_host: int, interval: float = 0.0) -> float:
    """Seconds the busiest host needs at ``per_host`` concurrency, request starts ``interval``
    apart: its requests' latency / c, or its requests after the first x the interval."""
    return max(
        max(sum(lat) / per_host, (len(lat) - 1) * interval)
        for lat in site.required_requests().values()
    )


class _Server:
    def __init__(
        self,
        seed: int,
        hosts: int,
        urls: int,
        regime: str,
        ca_file: Path,
        headers: str = "realistic",
    ) -> None:
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.web",
                "--seed",
                str(seed),
                "--hosts",
                str(hosts),
                "--urls",
                str(urls),
                "--regime",
                regime,
                "--ca-file",
                str(ca_file),
                "--port",
                "0",
                "--headers",
                headers,
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=_ROOT,
        )
        assert self._proc.stdout is not None
        self.port = int(self._proc.stdout.readline().split()[1])
        self.tls_port = int(self._proc.stdout.readline().split()[1])
        self.ca_file = ca_file

    def control(self, what: str) -> dict[str, object]:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{self.port}/__{what}", timeout=30) as response:
            data: dict[str, object] = json.loads(response.read())
        return data

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=10)


def _env(port: int | None) -> dict[str, str]:
    """The environment of a tool run: through the proxy at ``port``, or with no proxy at all."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k.lower() not in ("no_proxy", "all_proxy", "http_proxy", "https_proxy")
    }
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_ROOT), env.get("PYTHONPATH")) if p)
    # citecheck as an installed package runs it: with its modules' bytecode compiled (pip
    # compiles at install, as it did the libraries').  A checkout run with
    # PYTHONDONTWRITEBYTECODE=1 (this machine's environment) compiles ~150 modules from source
    # on every run (by instruction count, three quarters of importing the command line) where
    # no user does; :func:`_compile` writes their bytecode once before any run is timed.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if port is not None:
        proxy = f"http://127.0.0.1:{port}"
        for name in ("HTTP_PROXY", "http_proxy"):
            env[name] = proxy
        env["NO_PROXY"] = env["no_proxy"] = ""
    return env


def _compile() -> None:
    """Compile the tree's ``checker`` package to ``__pycache__``, as ``pip install`` would."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(_ROOT / "checker")],
        env=_env(None),
        check=True,
    )


def _citecheck_config(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


def _equal_settings(args: argparse.Namespace, concurrency: int | None = None) -> list[str]:
    return [
        f"concurrency = {concurrency or args.concurrency}",
        f"per_host_concurrency = {args.per_host}",
        f"timeout = {args.timeout}",
        f"retries = {args.retries}",
        'archive = "off"',
    ]


def _lychee(args: argparse.Namespace, corpus: Path, *, defaults: bool) -> list[str]:
    settings = [
        "--max-concurrency",
        str(args.concurrency),
        "--host-concurrency",
        str(args.per_host),
        "--timeout",
        str(int(args.timeout)),
        "--max-retries",
        str(args.retries),
    ]
    return [
        "lychee",
        "--no-progress",
        *([] if defaults else settings),
        "--exclude",
        re.escape(BLOG_HOST),
        "--format",
        "compact",
        str(corpus),
    ]


def _linkchecker(args: argparse.Namespace, corpus: Path, *, defaults: bool) -> list[str]:
    settings = ["--threads", str(args.concurrency), "--timeout", str(int(args.timeout))]
    return [
        "linkchecker",
        *([] if defaults else settings),
        "--check-extern",
        "--ignore-url",
        re.escape(BLOG_HOST),
        "--no-warnings",
        "-o",
        "none",
        *sorted(str(p) for p in corpus.iterdir()),
    ]


def _jobs(
    args: argparse.Namespace, regime: str, corpus: Path, work: Path, server: _Server
) -> list[Job]:
    """Every row of the regime's tables, in the order they run."""
    proxied, direct = _env(server.port), _env(None)
    archive = [
        "--cacert",
        str(server.ca_file),
        *(
            arg
            for host in _ARCHIVE_HOSTS
            for arg in ("--connect-to", f"{host}:443:127.0.0.1:{server.tls_port}")
        ),
    ]
    catch_all = ["--connect-to", f"::127.0.0.1:{server.port}"]

    def citecheck(name: str, lines: list[str] | None, *, route: str = "proxy") -> list[str]:
        config = ["--config", str(_citecheck_config(work / f"{name}.toml", lines))] if lines else []
        return [
            *args.citecheck_cmd.split(),
            "check",
            str(corpus),
            *config,
            "-q",
            *archive,
            *(catch_all if route == "connect-to" else []),
            "--report-dir",
            str(work / name),
        ]

    tools = args.tools.split(",") if args.tools else ["citecheck", "lychee", "linkchecker"]
    if not args.tools and (args.small or regime == "zipf"):
        # LinkChecker needs 75-90 s for the uniform 2,000 URLs, ~30 min for 20,000 Zipf URLs
        tools = ["citecheck", "lychee"]
    equal = _equal_settings(args)
    jobs: list[Job] = []

    def same(table: str, tool: str, command: list[str], env: dict[str, str]) -> Job:
        """A row at the equal settings' per-host concurrency."""
        return Job(table, tool, command, env, per_host=args.per_host, interval=0.0)

    if "citecheck" in tools:
        jobs.append(same("equal", "citecheck", [*citecheck("eq", equal), "--no-store"], proxied))
        jobs.append(
            same(
                "equal",
                "citecheck --connect-to",
                [*citecheck("eqct", equal, route="connect-to"), "--no-store"],
                direct,
            )
        )
        if regime == "zipf":
            store = ["--store", str(work / "s.sqlite3")]
            first = [*citecheck("sc", equal), *store]
            jobs.append(same("equal", "citecheck-store-cold", first, proxied))
            jobs.append(same("equal", "citecheck-warm", [*citecheck("sw", equal), *store], proxied))
    if "lychee" in tools:
        jobs.append(same("equal", "lychee", _lychee(args, corpus, defaults=False), proxied))
    if "linkchecker" in tools:
        linkchecker = _linkchecker(args, corpus, defaults=False)
        jobs.append(same("equal", "linkchecker", linkchecker, proxied))
    if "citecheck" in tools:
        off = [*citecheck("d0", ['archive = "off"']), "--no-store"]
        jobs.append(Job("defaults", "citecheck, archive off", off, proxied))
        # a user's defaults keep a store (the cache folder's): the same row with a cold one
        cold = work / "d-store.sqlite3"
        stored = [*citecheck("ds", ['archive = "off"']), "--store", str(cold)]
        name = "citecheck, archive off, cold store"
        jobs.append(Job("defaults", name, stored, proxied, fresh_store=cold))
        for count in filter(None, args.processes.split(",")):  # issue 19: both cores
            command = [*citecheck(f"dp{count}", ['archive = "off"']), "--no-store"]
            name = f"citecheck --processes {count} (archive off)"
            jobs.append(Job("defaults", name, [*command, "--processes", count], proxied))
        for mode in filter(None, args.archive.split(",")):
            jobs.append(
                Job(
                    "defaults",
                    f"citecheck, archive {mode}",
                    [*citecheck(f"d{mode}", None), "--no-store"],
                    proxied,
                    archive=mode,
                )
            )
    lychee = _lychee(args, corpus, defaults=True)
    if "lychee" in tools:
        jobs.append(
            Job("defaults", "lychee", lychee, proxied, per_host=_LYCHEE_PER_HOST, interval=0.0)
        )
    if "linkchecker" in tools:
        jobs.append(
            Job("defaults", "linkchecker", _linkchecker(args, corpus, defaults=True), proxied)
        )
    if regime == "uniform" and "citecheck" in tools and args.sweep:
        for width in (int(w) for w in args.sweep.split(",")):
            lines = _equal_settings(args, width)
            jobs.append(
                same(
                    "sweep",
                    f"citecheck proxy c={width}",
                    [*citecheck(f"sp{width}", lines), "--no-store"],
                    proxied,
                )
            )
            jobs.append(
                same(
                    "sweep",
                    f"citecheck --connect-to c={width}",
                    [*citecheck(f"sc{width}", lines, route="connect-to"), "--no-store"],
                    direct,
                )
            )
    if "citecheck" in tools and args.policies:
        for per_host, interval in map(_policy, args.policies.split(",")):
            lines = [
                'archive = "off"',
                f"per_host_concurrency = {per_host}",
                f"interval = {interval}",
            ]
            name = f"citecheck {per_host}/host {1000 * interval:g}ms"
            command = [*citecheck(f"p{per_host}-{interval}", lines), "--no-store"]
            jobs.append(
                Job("policies", name, command, proxied, per_host=per_host, interval=interval)
            )
        if "lychee" in tools:
            row = Job(
                "policies", "lychee", lychee, proxied, per_host=_LYCHEE_PER_HOST, interval=0.0
            )
            jobs.append(row)
    return jobs


def _policy(text: str) -> tuple[int, float]:
    """``--policies``' one entry, ``6`` or ``6@0.02``: requests a host and the start interval."""
    per_host, _, interval = text.partition("@")
    return int(per_host), float(interval or 0)


def _run_one(
    job: Job, server: _Server, cwd: Path, rnd: int, failing: frozenset[str], site: Site
) -> Run:
    server.control("reset")
    server.control(f"archive/{job.archive}")
    if job.fresh_store is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{job.fresh_store}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", *job.command],
        env=job.env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    stats = server.control("stats")
    counts = stats.get("counts", {})
    assert isinstance(counts, dict)
    rss = _RSS.search(done.stderr)
    cited = {k: v for k, v in counts.items() if BLOG_HOST not in k}
    repeated = {k: v - 1 for k, v in cited.items() if v > 1 and "/robots.txt" not in k}
    retried = sum(v for k, v in repeated.items() if k.split(" ", 1)[1] in failing)
    archived = stats.get("archive", 0)
    run = Run(
        job.tool,
        rnd,
        round(wall, 2),
        sum(cited.values()),
        sum(repeated.values()) - retried,
        retried,
        round(int(rss.group(1)) / 1024, 1) if rss else float("nan"),
        round(sum(float(t) for t in _CPU.findall(done.stderr)), 2),
        done.returncode,
        job.table,
        archived if isinstance(archived, int) else 0,
        politeness_bound(site, job.per_host, job.interval),
    )
    print(
        f"  {job.table:8} {job.tool:30} round {rnd}: {run.wall:7.2f} s  {run.requests:6} req  "
        f"{run.duplicates:4} dup  {run.retry_duplicates:4} retries  {run.archive_requests:4} arch  "
        f"{run.rss_mb:6.1f} MB  {run.cpu_s:6.2f} s CPU  exit {run.exit_code}",
        flush=True,
    )
    if run.requests == 0 and "warm" not in job.tool:
        print(done.stdout[-1500:], done.stderr[-1500:], file=sys.stderr)
    return run


_TITLES = {
    "equal": "equal settings (concurrency {c}, {p}/host, timeout {t:g} s, {r} retries, no archive)",
    "defaults": "every tool on its defaults (citecheck --no-store but its cold-store row)",
    "sweep": "citecheck concurrency sweep, same work (equal settings otherwise)",
    "policies": "citecheck on its defaults but the per-host policy, beside lychee's defaults",
}


def _table(runs: list[Run], bound: float, urls: int, title: str) -> str:
    """One table: each row's median wall against its own bound and lychee's row; ``bound``:
    the table's line (citecheck's per-host settings in it)."""
    by_tool: dict[str, list[Run]] = {}
    for run in runs:
        by_tool.setdefault(run.tool, []).append(run)
    med = {tool: statistics.median(r.wall for r in rs) for tool, rs in by_tool.items()}
    bounds = {tool: rs[0].bound for tool, rs in by_tool.items()}
    cpu = {tool: statistics.median(r.cpu_s for r in rs) for tool, rs in by_tool.items()}
    rss = {tool: max(r.rss_mb for r in rs) for tool, rs in by_tool.items()}
    lychee = "lychee" in med
    rows = [
        f"**{title}**",
        "",
        "| tool | runs | wall s | CPU s | CPU ms/URL | peak RSS MB | requests | duplicates | "
        "retries of 5xx | archive requests | vs bound |"
        + (" wall / lychee | CPU / lychee | RSS / lychee |" if lychee else ""),
        "|---|---|---|---|---|---|---|---|---|---|---|" + ("---|---|---|" if lychee else ""),
    ]
    for tool, rs in by_tool.items():
        ratios = (
            f" {med[tool] / med['lychee']:.2f} | {cpu[tool] / max(cpu['lychee'], 0.01):.1f} | "
            f"{rss[tool] / rss['lychee']:.1f} |"
            if lychee
            else ""
        )
        rows.append(
            f"| {tool} | {len(rs)} | {med[tool]:.2f} | {cpu[tool]:.2f} | "
            f"{1000 * cpu[tool] / urls:.2f} | {rss[tool]:.1f} | {max(r.requests for r in rs)} | "
            f"{max(r.duplicates for r in rs)} | {max(r.retry_duplicates for r in rs)} | "
            f"{max(r.archive_requests for r in rs)} | {med[tool] / bounds[tool]:.2f} |" + ratios
        )
    rows.append(f"| politeness bound | | {bound:.2f} | | | | | | | | 1.00 |")
    if "citecheck-warm" in med and "citecheck-store-cold" in med:
        rows += [
            "",
            f"warm / cold (store) = {med['citecheck-warm'] / med['citecheck-store-cold']:.3f}",
        ]
    return "\n".join(rows)


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} CPUs, load average {load:.2f} at the start (the machine is shared: "
        "compare ratios within one run, not seconds across runs)"
    )


def _regime(
    args: argparse.Namespace, regime: str, work: Path
) -> tuple[list[Run], str, dict[str, object]]:
    urls, hosts = (_SMALL_SIZES if args.small else _SIZES)[regime]
    urls, hosts = args.urls or urls, args.hosts or hosts
    site = build_site(args.seed, hosts, urls, regime=regime)
    bound = politeness_bound(site, args.per_host)
    defaults = politeness_bound(site, DEFAULT_PER_HOST_CONCURRENCY, DEFAULT_INTERVAL)
    folder = work / regime
    corpus = folder / "corpus"
    files = write_corpus(site, corpus)
    for path in (work, folder, corpus, *corpus.iterdir()):
        path.chmod(0o755)  # LinkChecker drops root privileges to nobody before reading inputs
    failing = frozenset(r.url for r in site.cited if r.status >= 500)
    print(
        f"{regime}: {urls} URLs over {hosts} hosts, {len(site.targets)} redirect targets, "
        f"{files} files; bound {bound:.2f} s at {args.per_host}/host, {defaults:.2f} s at "
        f"citecheck's default {DEFAULT_PER_HOST_CONCURRENCY}/host",
        flush=True,
    )
    server = _Server(args.seed, hosts, urls, regime, folder / "ca.pem", args.headers)
    _compile()
    runs: list[Run] = []
    try:
        jobs = _jobs(args, regime, corpus, folder, server)
        if args.only:
            wanted = set(args.only.split(","))
            jobs = [job for job in jobs if job.tool in wanted]
        for rnd in range(1, args.rounds + 1):
            (folder / "s.sqlite3").unlink(missing_ok=True)
            for job in jobs:
                runs.append(_run_one(job, server, folder, rnd, failing, site))
    finally:
        server.stop()
    settings = {
        "c": args.concurrency,
        "p": args.per_host,
        "t": args.timeout,
        "r": args.retries,
    }
    table_bound = {"equal": bound, "sweep": bound, "defaults": defaults, "policies": defaults}
    tables = [
        _table(
            [r for r in runs if r.table == table],
            table_bound[table],
            urls,
            f"{regime}, {urls} URLs / {hosts} hosts: " + _TITLES[table].format(**settings),
        )
        for table in ("equal", "defaults", "sweep", "policies")
        if any(r.table == table for r in runs)
    ]
    summary = {
        "regime": regime,
        "urls": urls,
        "hosts": hosts,
        "bound": bound,
        "defaults_bound": defaults,
    }
    return runs, "\n\n".join(tables), summary


def main(argv: list[str] | None = None) -> None:
    """Generate, serve, race, print the tables (and save them under bench/out/)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--small",
        action="store_true",
        help="under two minutes: the uniform regime only (2,000 URLs / 40 hosts), "
        "citecheck and lychee",
    )
    parser.add_argument("--regime", choices=(*REGIMES, "both"))
    parser.add_argument("--hosts", type=int)
    parser.add_argument("--urls", type=int)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument(
        "--tools",
        help="default: citecheck,lychee,linkchecker in the full uniform regime; LinkChecker is "
        "left out of --small (75-90 s alone) and of the Zipf regime (~30 min for 20,000 URLs)",
    )
    parser.add_argument(
        "--archive",
        default="down,slow",
        help="archive variants of the defaults table: down (502), slow (1 s), healthy",
    )
    parser.add_argument(
        "--sweep",
        help="citecheck concurrency sweep in the uniform regime (default 32,64,128,256; "
        "--small: 32,128; empty: none)",
    )
    parser.add_argument(
        "--processes",
        default="1,2",
        help="rows of the defaults table with citecheck --processes N (archive off); empty: none",
    )
    parser.add_argument(
        "--policies",
        default="",
        help="a table of citecheck's defaults at these per-host policies beside lychee's "
        "defaults: requests a host, @ a start interval in seconds (e.g. 4,6,8,6@0.02); "
        "empty: none",
    )
    parser.add_argument(
        "--only",
        help="run only the rows so named, e.g. 'citecheck,citecheck-store-cold,citecheck-warm'",
    )
    parser.add_argument(
        "--headers",
        choices=HEADER_SETS,
        default="realistic",
        help="the bench web's header set (bench/web.py): minimal is the one before session 34",
    )
    parser.add_argument(
        "--citecheck-cmd",
        default=f"{sys.executable} -m checker",
        help="run with this tree on PYTHONPATH (so the bench measures the code next to it)",
    )
    args = parser.parse_args(argv)
    if args.sweep is None:
        args.sweep = "32,128" if args.small else "32,64,128,256"
    regime = args.regime or ("uniform" if args.small else "both")
    regimes = REGIMES[::-1] if regime == "both" else (regime,)
    work = Path(tempfile.mkdtemp(prefix="citecheck-bench-"))
    machine = _machine()
    print(machine, flush=True)
    texts, results = [], []
    try:
        for name in regimes:
            runs, text, summary = _regime(args, name, work)
            texts.append(text)
            results.append({**summary, "runs": [asdict(r) for r in runs]})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = "\n\n".join([machine, *texts])
    print("\n" + table)
    _OUT.mkdir(exist_ok=True)
    label = "small" if args.small else "full"
    (_OUT / f"results-{label}.json").write_text(
        json.dumps({"args": vars(args), "machine": machine, "regimes": results}, indent=1)
    )
    (_OUT / f"table-{label}.md").write_text(table + "\n")


if __name__ == "__main__":
    main()
