"""One command that races citecheck, lychee and LinkChecker over the same synthetic web.

``python -m bench.run --small`` (about two minutes) or ``python -m bench.run`` (the issue's full
size: 20,000 URLs over 400 hosts).  It writes the seeded corpus, starts ``bench.web`` (virtual
hosts plus forward proxy on loopback), then runs the tools in rounds, rotating their order, each
with the same global and per-host concurrency, timeout and retries where the tool allows it.  For
every run it records wall time, the requests the server saw (and duplicates: the same URL asked
for twice), and peak RSS from ``/usr/bin/time -v``.  The politeness bound is, for each host, the
latency of the requests it must serve divided by the allowed per-host concurrency, largest over
hosts: no polite checker can finish sooner.
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
from bench.site import Site, build_site

__all__ = ["Run", "main", "politeness_bound"]

_OUT = Path(__file__).resolve().parent / "out"
_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


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


def politeness_bound(site: Site, per_host: int) -> float:
    """Seconds the busiest host needs at ``per_host`` concurrency: requests x mean latency / c."""
    return max(sum(lat) / per_host for lat in site.required_requests().values())


class _Server:
    def __init__(self, seed: int, hosts: int, urls: int) -> None:
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
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        self.port = int(line.split()[1])

    def control(self, what: str) -> dict[str, int]:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{self.port}/__{what}", timeout=30) as response:
            data: dict[str, dict[str, int]] = json.loads(response.read())
        return data.get("counts", {})

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=10)


def _env(port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "all_proxy")}
    proxy = f"http://127.0.0.1:{port}"
    for name in ("HTTP_PROXY", "http_proxy"):
        env[name] = proxy
    env["NO_PROXY"] = env["no_proxy"] = ""
    return env


def _citecheck_config(folder: Path, args: argparse.Namespace) -> Path:
    path = folder / "bench-citecheck.toml"
    path.write_text(
        f"concurrency = {args.concurrency}\nper_host_concurrency = {args.per_host}\n"
        f'timeout = {args.timeout}\nretries = {args.retries}\narchive = "off"\n'
    )
    return path


def _commands(
    args: argparse.Namespace, corpus: Path, work: Path, port: int
) -> dict[str, list[str]]:
    config = _citecheck_config(work, args)
    route = ["--connect-to", f"::127.0.0.1:{port}"] if args.citecheck_route == "connect-to" else []
    citecheck = [
        *args.citecheck_cmd.split(),
        "check",
        str(corpus),
        "--config",
        str(config),
        "-q",
        *route,
    ]
    files = sorted(str(p) for p in corpus.iterdir())
    return {
        "citecheck": [*citecheck, "--report-dir", str(work / "cold"), "--no-store"],
        "citecheck-store-cold": [
            *citecheck,
            "--report-dir",
            str(work / "sc"),
            "--store",
            str(work / "s.sqlite3"),
        ],
        "citecheck-warm": [
            *citecheck,
            "--report-dir",
            str(work / "warm"),
            "--store",
            str(work / "s.sqlite3"),
        ],
        "lychee": [
            "lychee",
            "--no-progress",
            "--max-concurrency",
            str(args.concurrency),
            "--host-concurrency",
            str(args.per_host),
            "--timeout",
            str(int(args.timeout)),
            "--max-retries",
            str(args.retries),
            "--exclude",
            re.escape(BLOG_HOST),
            "--format",
            "compact",
            str(corpus),
        ],
        "linkchecker": [
            "linkchecker",
            "--threads",
            str(args.concurrency),
            "--timeout",
            str(int(args.timeout)),
            "--check-extern",
            "--ignore-url",
            re.escape(BLOG_HOST),
            "--no-warnings",
            "-o",
            "none",
            *files,
        ],
    }


def _run_one(
    name: str,
    command: list[str],
    server: _Server,
    env: dict[str, str],
    cwd: Path,
    rnd: int,
    failing: frozenset[str],
) -> Run:
    server.control("reset")
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    counts = server.control("stats")
    rss = _RSS.search(done.stderr)
    cited = {k: v for k, v in counts.items() if BLOG_HOST not in k}
    repeated = {k: v - 1 for k, v in cited.items() if v > 1 and "/robots.txt" not in k}
    retried = sum(v for k, v in repeated.items() if k.split(" ", 1)[1] in failing)
    run = Run(
        name,
        rnd,
        round(wall, 2),
        sum(cited.values()),
        sum(repeated.values()) - retried,
        retried,
        round(int(rss.group(1)) / 1024, 1) if rss else float("nan"),
        round(sum(float(t) for t in _CPU.findall(done.stderr)), 1),
        done.returncode,
    )
    print(
        f"  {name:22} round {rnd}: {run.wall:8.2f} s  {run.requests:6} req  "
        f"{run.duplicates:5} dup  {run.retry_duplicates:4} retries  "
        f"{run.rss_mb:7.1f} MB  {run.cpu_s:6.1f} s CPU  exit {run.exit_code}",
        flush=True,
    )
    if run.requests == 0:
        print(done.stdout[-1500:], done.stderr[-1500:], file=sys.stderr)
    return run


def _table(runs: list[Run], bound: float, lychee_ok: bool) -> str:
    by_tool: dict[str, list[Run]] = {}
    for run in runs:
        by_tool.setdefault(run.tool, []).append(run)
    med = {tool: statistics.median(r.wall for r in rs) for tool, rs in by_tool.items()}
    rows = [
        "| tool | runs | wall s (median) | requests | duplicates | retries of 5xx | "
        "peak RSS MB | CPU s | vs bound |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for tool, rs in by_tool.items():
        rows.append(
            f"| {tool} | {len(rs)} | {med[tool]:.2f} | {max(r.requests for r in rs)} | "
            f"{max(r.duplicates for r in rs)} | {max(r.retry_duplicates for r in rs)} | "
            f"{max(r.rss_mb for r in rs):.1f} | "
            f"{statistics.median(r.cpu_s for r in rs):.1f} | "
            f"{med[tool] / bound:.2f} |"
        )
    rows.append(f"| politeness bound | | {bound:.2f} | | | | | | 1.00 |")
    lines = ["\n".join(rows), ""]
    if "citecheck" in med and lychee_ok and "lychee" in med:
        lines.append(f"citecheck / lychee = {med['citecheck'] / med['lychee']:.2f}")
    if "citecheck" in med:
        lines.append(f"citecheck / bound = {med['citecheck'] / bound:.2f}")
    if "citecheck-warm" in med and "citecheck-store-cold" in med:
        lines.append(
            f"warm / cold (store) = {med['citecheck-warm'] / med['citecheck-store-cold']:.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Generate, serve, race, print the table (and save it under bench/out/)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 URLs over 40 hosts")
    parser.add_argument("--hosts", type=int)
    parser.add_argument("--urls", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument(
        "--tools",
        help="default: all three with --small; citecheck,lychee at full size "
        "(LinkChecker needs ~30 min for 20,000 URLs)",
    )
    parser.add_argument(
        "--citecheck-route",
        choices=("proxy", "connect-to"),
        default="proxy",
        help="proxy: HTTP_PROXY like the other tools; connect-to reaches "
        "the same server and latency without the proxy hop",
    )
    parser.add_argument(
        "--citecheck-cmd",
        default="citecheck",
        help='e.g. "python -m checker" with PYTHONPATH=<a patched copy>',
    )
    args = parser.parse_args(argv)
    hosts = args.hosts or (40 if args.small else 400)
    urls = args.urls or (2000 if args.small else 20000)
    rounds = args.rounds or (2 if args.small else 1)
    site = build_site(args.seed, hosts, urls)
    bound = politeness_bound(site, args.per_host)
    work = Path(tempfile.mkdtemp(prefix="citecheck-bench-"))
    corpus = work / "corpus"
    files = write_corpus(site, corpus)
    for path in (work, corpus, *corpus.iterdir()):
        path.chmod(0o755)  # LinkChecker drops root privileges to nobody before reading inputs
    failing = frozenset(r.url for r in site.cited if r.status >= 500)
    print(
        f"{urls} URLs over {hosts} hosts, {len(site.targets)} redirect targets, {files} files; "
        f"bound {bound:.2f} s at {args.per_host}/host",
        flush=True,
    )
    server = _Server(args.seed, hosts, urls)
    env = _env(server.port)
    commands = _commands(args, corpus, work, server.port)
    tools = (
        args.tools or ("citecheck,lychee,linkchecker" if args.small else "citecheck,lychee")
    ).split(",")
    runs: list[Run] = []
    try:
        for rnd in range(1, rounds + 1):
            order = tools[rnd - 1 :] + tools[: rnd - 1]
            for tool in order:
                runs.append(_run_one(tool, commands[tool], server, env, work, rnd, failing))
            if "citecheck" in tools:
                (work / "s.sqlite3").unlink(missing_ok=True)
                for name in ("citecheck-store-cold", "citecheck-warm"):
                    runs.append(_run_one(name, commands[name], server, env, work, rnd, failing))
    finally:
        server.stop()
    table = _table(runs, bound, lychee_ok=True)
    print("\n" + table)
    _OUT.mkdir(exist_ok=True)
    label = f"{urls}-{hosts}"
    (_OUT / f"results-{label}.json").write_text(
        json.dumps(
            {
                "urls": urls,
                "hosts": hosts,
                "bound": bound,
                "args": vars(args),
                "runs": [asdict(r) for r in runs],
            },
            indent=1,
        )
    )
    (_OUT / f"table-{label}.md").write_text(table + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
