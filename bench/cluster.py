"""The same check on one process and on a Dask LocalCluster of 1 and 2 workers (issue 15).

``python -m bench.cluster`` (20,000 URLs over 400 hosts, the uniform regime) or ``--small``
(2,000 over 40).  It writes the seeded corpus, starts ``bench.web``, then runs
``citecheck check CORPUS`` three ways, each under ``/usr/bin/time -v`` (the worker processes
are the run's children, so their CPU is counted): ``local``, ``--cluster local:1``,
``--cluster local:2``; every run goes to the web with ``--connect-to`` (no proxy), archive
lookups off, no store.  It prints wall seconds, CPU seconds (user+sys), CPU ms per URL, peak RSS
of the biggest process, requests the server saw, and each row's ratios to the local run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import BLOG_HOST, write_corpus
from bench.run import _CPU, _ROOT, _RSS, _env, _Server, politeness_bound
from bench.site import REGIMES, build_site

__all__ = ["main"]

_OUT = Path(__file__).resolve().parent / "out"


def _run(name: str, command: list[str], server: _Server, cwd: Path) -> dict[str, object]:
    server.control("reset")
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        env=_env(None),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    counts = server.control("stats").get("counts", {})
    assert isinstance(counts, dict)
    rss = _RSS.search(done.stderr)
    said = [line for line in done.stdout.splitlines() if line.startswith('{"driver_rss_mb"')]
    row: dict[str, object] = {
        "run": name,
        "wall_s": round(wall, 2),
        "cpu_s": round(sum(float(t) for t in _CPU.findall(done.stderr)), 2),
        "rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None,
        "requests": sum(v for k, v in counts.items() if BLOG_HOST not in k),
        "exit": done.returncode,
        "driver": json.loads(said[-1]) if said else None,
    }
    print(f"  {name:10} {json.dumps(row)}", flush=True)
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:], file=sys.stderr)
    return row


def driver(corpus: Path, config_file: Path, port: int, workers: int, report_dir: Path) -> None:
    """``--driver``: the cluster run in this process; print this process's peak RSS.

    The process is the driver and the LocalCluster's scheduler (the workers are other
    processes), so its peak is an upper bound of the driver's memory.
    """
    from checker.config import load_config  # noqa: PLC0415
    from checker.dask_executor import local_cluster, on  # noqa: PLC0415
    from checker.pipeline import check  # noqa: PLC0415

    overrides = {
        "connect_to": [f"::127.0.0.1:{port}"],
        "store": False,
        "report_dir": report_dir,
        "baseline": False,
    }
    config = load_config(config_file=config_file, overrides=overrides)
    with local_cluster(f"local:{workers}") as client:
        report = check([str(corpus)], config, executor=on(client))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cited = sum(len(d.citations) for d in report.documents)
    print(json.dumps({"driver_rss_mb": round(rss, 1), "citations": cited}), flush=True)


def main(argv: list[str] | None = None) -> None:
    """Run the three ways and print the table (and bench/out/cluster-URLS-HOSTS.json)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 URLs over 40 hosts")
    parser.add_argument("--regime", choices=REGIMES, default="uniform")
    parser.add_argument("--urls", type=int)
    parser.add_argument("--hosts", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--ways", default="local,1,2", help="local and/or worker counts")
    parser.add_argument("--no-driver", action="store_true", help="skip the driver:2 memory row")
    parser.add_argument("--driver", nargs=5, metavar=("CORPUS", "CONFIG", "PORT", "N", "DIR"))
    args = parser.parse_args(argv)
    if args.driver:
        corpus, config_file, port, workers, folder = args.driver
        driver(Path(corpus), Path(config_file), int(port), int(workers), Path(folder))
        return
    urls = args.urls or (2000 if args.small else 20000)
    hosts = args.hosts or (40 if args.small else 400)
    site = build_site(args.seed, hosts, urls, regime=args.regime)
    bound = politeness_bound(site, args.per_host)
    with tempfile.TemporaryDirectory(prefix="citecheck-cluster-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        write_corpus(site, corpus)
        config = work / "bench.toml"
        config.write_text(
            f"concurrency = {args.concurrency}\nper_host_concurrency = {args.per_host}\n"
            'archive = "off"\nformats = ["json"]\n'
        )
        server = _Server(args.seed, hosts, urls, args.regime, work / "ca.pem")
        try:
            base = [sys.executable, "-m", "checker", "check", str(corpus), "-q", "--no-store"]
            base += ["--config", str(config), "--connect-to", f"::127.0.0.1:{server.port}"]
            rows = []
            # The driver's own peak (with the scheduler, in one process), cluster of 2.
            command = [sys.executable, "-m", "bench.cluster", "--driver", str(corpus)]
            command += [str(config), str(server.port), "2", str(work / "driver")]
            if not args.no_driver:
                rows.append(_run("driver:2", command, server, _ROOT))
            for way in filter(None, args.ways.split(",")):
                name = "local" if way == "local" else f"cluster:{way}"
                extra = [] if way == "local" else ["--cluster", f"local:{way}"]
                command = [*base, *extra, "--report-dir", str(work / name.replace(":", "-"))]
                rows.append(_run(name, command, server, _ROOT))
        finally:
            server.stop()
    print(f"\n{urls} URLs over {hosts} hosts ({args.regime}), politeness bound {bound:.2f} s")
    table = [r for r in rows if r["run"] != "driver:2"]
    if not args.no_driver:
        print(f"driver + scheduler process, cluster of 2: {rows[0]['driver']}")
    print("| run | wall s | CPU s | CPU ms/URL | peak RSS MB | requests | wall/local | CPU/local |")
    print("|---|---|---|---|---|---|---|---|")
    local = next((r for r in table if r["run"] == "local"), table[0])
    for row in table:
        wall, cpu = float(str(row["wall_s"])), float(str(row["cpu_s"]))
        print(
            f"| {row['run']} | {wall:.1f} | {cpu:.1f} | {1000 * cpu / urls:.2f} | {row['rss_mb']} "
            f"| {row['requests']} | {wall / float(str(local['wall_s'])):.2f} "
            f"| {cpu / float(str(local['cpu_s'])):.2f} |"
        )
    _OUT.mkdir(exist_ok=True)
    (_OUT / f"cluster-{urls}-{hosts}.json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
