"""What an interrupted run loses, at a known point: the URLs in flight, nothing answered.

A real child process (``python -m checker check``) checks a post citing pages on two hosts of
the sample web, one request at a time a host.  Each host answers its first pages at once and
holds the next request (the gate): once both held requests have arrived, every answer before
them was recorded (a host's next request starts only once its last answer is in), and the
test waits past the store's bound (``_RECORD_WAIT``: an answer recorded is written within it,
by the store's own thread) before the signal.  The run with the same store that follows must
ask again for the held URLs at most, never for one answered before the bound; SIGTERM and
Ctrl-C end the run with their one line and status, having written what was recorded.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from signal import SIGINT

import pytest

from checker.fetch.store import _RECORD_WAIT
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Handler, Request, Response, Web

REPO = Path(__file__).resolve().parents[2]
HOSTS = ("held-a.example.com", "held-b.example.com")
PAGES = 5
ANSWERED = 2
"""Requests each host answers at once; its next one is held until the test opens the gate."""
URLS = [f"https://{host}/story/{n}" for n in range(PAGES) for host in HOSTS]
HTML = (("Content-Type", "text/html; charset=utf-8"),)
PAST_THE_BOUND = 20 * _RECORD_WAIT
"""How long after the known point the signal is sent: far past the bound, for a loaded
machine's thread to be scheduled (what is measured is what was written, not how fast)."""


class Gate:
    """Counts each host's requests for cited pages; holds those past :data:`ANSWERED`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: Counter[str] = Counter()
        self.held: list[str] = []
        self.opened = threading.Event()

    def route(self, url: str, host: str) -> Handler:
        body = f"<html><head><title>{url}</title></head><body><p>{url}</p></body></html>"

        def answer(_: Request) -> Response:
            with self._lock:
                self._seen[host] += 1
                hold = self._seen[host] > ANSWERED and not self.opened.is_set()
                if hold:
                    self.held.append(url)
            if hold:
                self.opened.wait(60)
            return Response(200, HTML, body.encode())

        return answer

    def every_host_held(self) -> bool:
        with self._lock:
            return all(self._seen[host] > ANSWERED for host in HOSTS)


@pytest.fixture
def gated() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web()


def _gated_web(
    free: Sequence[str] = (),
    gone: Sequence[str] = (),
    more: Callable[[Web, Gate], None] | None = None,
) -> Iterator[tuple[SampleWeb, Gate]]:
    """The sample web of :data:`URLS` behind a gate, ``free`` pages answered at once,
    ``gone`` ones answered 404 at once, and what ``more`` adds."""
    gate = Gate()
    web = Web()
    for url in URLS:
        web.add(url, gate.route(url, url.split("/")[2]))
    for url in free:
        web.add(url, Gate().route(url, "free"))  # a gate of its own, never reached
    for url in gone:
        web.add(url, Response(404, HTML, b"<html><title>Not found</title></html>"))
    if more is not None:
        more(web, gate)
    with SampleWeb(web) as site:
        try:
            yield site, gate
        finally:
            gate.opened.set()


def _signalled_once(
    args: list[str],
    cwd: Path,
    ready: Callable[[], bool],
    sent: signal.Signals,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``args`` (in ``env``, by default :func:`_env`), send ``sent`` :data:`PAST_THE_BOUND`
    after ``ready()`` holds; the run."""
    child = subprocess.Popen(
        args, cwd=cwd, env=env or _env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120  # a loaded machine's start-up
        while not ready():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "no request held in 120 s"
            time.sleep(0.01)
        time.sleep(PAST_THE_BOUND)
        child.send_signal(sent)
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return subprocess.CompletedProcess(args, child.returncode, out, err)


def _command(
    site: SampleWeb, tmp_path: Path, processes: int, extra: Sequence[str] = ()
) -> list[str]:
    cited = [*URLS, *extra]
    links = "\n".join(f'<p><a href="{url}">source {n}</a></p>' for n, url in enumerate(cited))
    post = tmp_path / "post.html"
    post.write_text(f"<html><head><title>Held post</title></head><body>{links}</body></html>")
    (tmp_path / "citecheck.toml").write_text(
        "".join(f'[hosts."{host}"]\nconcurrency = 1\n' for host in HOSTS)
    )
    args = [sys.executable, "-m", "checker", "check", str(post), "--format", "json"]
    args += ["--report-dir", str(tmp_path / "out"), "--store", str(tmp_path / "s.sqlite3")]
    args += ["--cacert", str(site.ca_path), "--processes", str(processes)]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    return args


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _stopped_at_the_known_point(
    site: SampleWeb, gate: Gate, tmp_path: Path, sent: signal.Signals, processes: int
) -> tuple[subprocess.CompletedProcess[str], set[str], set[str], set[str]]:
    """Run the check, send ``sent`` once every host holds a request and the bound has passed,
    open the gate, run the same command again: the stopped run, the URLs answered before the
    signal, those in flight at it, and those the second run asked again."""
    args = _command(site, tmp_path, processes)
    stopped = _signalled_once(args, tmp_path, gate.every_host_held, sent)
    in_flight = set(gate.held)  # the gate stays shut: nothing more was answered since
    answered = {url for url in URLS if site.count(url)} - in_flight
    gate.opened.set()
    before = {url: site.count(url) for url in URLS}
    resumed = subprocess.run(
        args, cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    statuses = {c["url"]: c["status"] for c in report["documents"][0]["citations"]}
    assert statuses == dict.fromkeys(URLS, "ok")
    again = {url for url in URLS if site.count(url) > before[url]}
    return stopped, answered, in_flight, again


@pytest.mark.parametrize("processes", [1, 2])
def test_a_killed_run_loses_only_the_urls_in_flight(
    gated: tuple[SampleWeb, Gate], tmp_path: Path, processes: int
) -> None:
    site, gate = gated
    killed, answered, in_flight, again = _stopped_at_the_known_point(
        site, gate, tmp_path, signal.SIGKILL, processes
    )
    assert killed.returncode == -signal.SIGKILL
    assert len(in_flight) == len(HOSTS)  # one request a host, held
    assert len(answered) == len(HOSTS) * ANSWERED
    assert not again & answered, f"answered before the bound, asked again: {again & answered}"
    assert in_flight <= again  # never answered: asked again


@pytest.mark.parametrize(
    ("sent", "status", "line"),
    [
        (signal.SIGTERM, 143, "citecheck: interrupted by SIGTERM"),
        (signal.SIGINT, 130, "citecheck: interrupted"),
    ],
)
def test_a_stopped_run_says_so_and_keeps_every_answer(
    gated: tuple[SampleWeb, Gate],
    tmp_path: Path,
    sent: signal.Signals,
    status: int,
    line: str,
) -> None:
    site, gate = gated
    stopped, answered, in_flight, again = _stopped_at_the_known_point(
        site, gate, tmp_path, sent, processes=1
    )
    assert stopped.returncode == status, stopped.stderr
    lines = stopped.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), stopped.stderr
    assert "resume" in lines[0]
    assert len(answered) == len(HOSTS) * ANSWERED
    assert not again & answered, f"answered before the signal, asked again: {again & answered}"
    assert in_flight <= again


# --- the report of an interrupted run (session 30) -------------------------------------------

FREE = [f"https://free.example.org/story/{n}" for n in range(3)]
"""Pages of a host that holds nothing: judged before the signal (a held host's pages wait for
their site's sibling, asked behind the held request)."""


@pytest.fixture
def half_held() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web(FREE)


@pytest.mark.parametrize(
    ("sent", "status", "processes"),
    [(signal.SIGTERM, 143, 1), (signal.SIGINT, 130, 1), (signal.SIGTERM, 143, 2)],
)
def test_a_stopped_run_writes_what_it_checked_marked_interrupted(
    half_held: tuple[SampleWeb, Gate],
    tmp_path: Path,
    sent: signal.Signals,
    status: int,
    processes: int,
) -> None:
    """A CI job cancelled or timed out (SIGTERM) or a Ctrl-C got no report at all.  It gets one
    of what was checked: each judged citation with its verdict, every other one accounted for
    as not checked, the run marked interrupted; the status is the signal's, and the same
    command then resumes and writes the whole report."""
    site, gate = half_held
    args = _command(site, tmp_path, processes, extra=FREE)
    args[args.index("json")] = "json,md"
    stopped = _signalled_once(
        args,
        tmp_path,
        lambda: gate.every_host_held() and all(site.count(url) for url in FREE),
        sent,
    )
    err = stopped.stderr
    assert stopped.returncode == status, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "marked interrupted" in lines[0] and "resume" in lines[0], err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    assert report["summary"]["failed"] is True  # no pass, though nothing checked failed
    citations = report["documents"][0]["citations"]
    assert [c["url"] for c in citations] == URLS + FREE  # every citation found, in order
    statuses = {c["url"]: (c["status"], c.get("note")) for c in citations}
    assert {url for url, (s, _) in statuses.items() if s == "ok"} == set(FREE), statuses
    unchecked = {url: s for url, s in statuses.items() if url not in FREE}
    assert set(unchecked.values()) == {("skipped", "not checked: the run was interrupted")}
    accounting = report["summary"]["accounting"]
    assert accounting["checked"] == len(FREE)
    assert accounting["not_checked_reasons"] == {"interrupted": len(URLS)}
    assert "interrupted before its end" in (tmp_path / "out" / "report.md").read_text()
    gate.opened.set()
    resumed = subprocess.run(
        args, cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    whole = json.loads((tmp_path / "out" / "report.json").read_text())
    assert "interrupted" not in whole
    assert {c["status"] for c in whole["documents"][0]["citations"]} == {"ok"}
    assert all(site.count(url) == 1 for url in FREE)  # resumed from the store, not asked again


GONE = "https://free.example.org/gone"


@pytest.fixture
def half_held_one_gone() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web(FREE, gone=(GONE,))


def test_an_interrupted_resume_marks_the_baseline_and_asks_nothing_again(
    half_held_one_gone: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    """Interrupted, the findings recorded, resumed, interrupted again: the second report marks
    the baseline's finding ``baselined`` as a whole run's does (probe 30i: an interrupted
    run's report marked none, its known dead link failing), and the resume asked again for no
    URL the first run answered."""
    site, gate = half_held_one_gone
    args = _command(site, tmp_path, 1, extra=[*FREE, GONE])
    answered = [*FREE, GONE]
    first = _signalled_once(
        args, tmp_path, lambda: gate.every_host_held() and all(map(site.count, answered)), SIGINT
    )
    assert first.returncode == 130, first.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    (post,) = report["documents"]
    (gone,) = [c for c in post["citations"] if c["url"] == GONE]
    assert gone["status"] == "broken" and not gone["findings"][0].get("baselined"), gone
    baseline = tmp_path / "baseline.json"
    entry = {"post": post["url"], "kind": gone["kind"], "target": GONE, "code": "broken"}
    baseline.write_text(json.dumps({"baseline_version": 1, "findings": [entry]}))
    held = len(gate.held)
    second = _signalled_once(
        [*args, "--baseline", str(baseline)], tmp_path, lambda: len(gate.held) > held, SIGINT
    )
    assert second.returncode == 130, second.stderr
    assert all(site.count(url) == 1 for url in answered)  # resumed from the store
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    statuses = {c["url"]: c for c in report["documents"][0]["citations"]}
    assert [statuses[url]["status"] for url in FREE] == ["ok"] * len(FREE)
    (finding,) = statuses[GONE]["findings"]
    assert finding["baselined"] is True and not finding["failing"], finding


MISREAD = "https://free.example.org/misread"


@pytest.fixture
def half_held_misread() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web((*FREE, MISREAD))


def test_an_interrupted_report_keeps_the_posts_problems_found_before_the_signal(
    half_held_misread: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    """A post read only in part (front matter that is no YAML: ``post-unreadable``) found
    before the signal was in no report of the interrupted run (its problems were dropped):
    it is a problem there as in a whole run's."""
    site, gate = half_held_misread
    args = _command(site, tmp_path, 1, extra=FREE)
    misread = tmp_path / "misread.md"
    misread.write_text(f"---\nlayout: post\nno yaml here\n---\n\n[it]({MISREAD})\n", "utf-8")
    args.insert(args.index("--format"), str(misread))
    stopped = _signalled_once(
        args,
        tmp_path,
        lambda: gate.every_host_held() and site.count(MISREAD) > 0,
        signal.SIGTERM,
    )
    assert stopped.returncode == 143, stopped.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    said = [(p["subject"], p["code"]) for p in report["problems"]]
    assert any(
        code == "post-unreadable" and subject.endswith("misread.md") for subject, code in said
    ), said


# --- what discovery had found, in an interrupted run's report (session 31) --------------------

MAPS = "https://maps.example.org"
SITEMAP_INDEX = f"{MAPS}/sitemap.xml"
MAP_GONE = f"{MAPS}/gone-sitemap.xml"
MAP_HELD = f"{MAPS}/held-sitemap.xml"
XML = (("Content-Type", "application/xml"),)


def _sitemap_index(*locs: str) -> bytes:
    entries = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    return f'<?xml version="1.0"?><sitemapindex {ns}>{entries}</sitemapindex>'.encode()


@pytest.fixture
def half_held_crawl() -> Iterator[tuple[SampleWeb, Gate]]:
    """The half-held web, and a sitemap index whose first child is gone and second held."""
    yield from _gated_web(FREE, gone=(MAP_GONE,), more=_sitemaps)


def _sitemaps(web: Web, gate: Gate) -> None:
    web.add(SITEMAP_INDEX, Response(200, XML, _sitemap_index(MAP_GONE, MAP_HELD)))
    web.add(MAP_HELD, _held_until(gate.opened, Response(200, XML, _sitemap_index())))


def _held_until(opened: threading.Event, response: Response) -> Handler:
    """A handler that answers ``response`` once ``opened`` is set."""

    def answer(_: Request) -> Response:
        opened.wait(60)
        return response

    return answer


def test_an_interrupted_report_says_what_discovery_had_found_unreadable(
    half_held_crawl: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    """A run stopped while checking and crawling dropped every input's own problems (they were
    said from discovery's result, which a stopped run never got): a finished folder's files
    not read, and a listing already found unreadable by the input still being crawled, were in
    no report (probe 30i).  Both are there, as a whole run says them."""
    site, gate = half_held_crawl
    args = _command(site, tmp_path, 1, extra=FREE)
    folder = tmp_path / "blog"
    folder.mkdir()
    (folder / "note.md").write_text("# A note\n\nNo link.\n", "utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    args[args.index("--format") : args.index("--format")] = [str(folder), SITEMAP_INDEX]
    stopped = _signalled_once(
        args,
        tmp_path,
        lambda: gate.every_host_held() and all(map(site.count, [*FREE, MAP_GONE, MAP_HELD])),
        signal.SIGTERM,
    )
    assert stopped.returncode == 143, stopped.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    said = {(p["subject"], p["code"]) for p in report["problems"]}
    assert (str(folder), "files-not-read") in said, said  # the folder, finished
    assert (MAP_GONE, "listing-unreadable") in said, said  # the crawl under way
    assert report["summary"]["accounting"]["listings_unreadable"] == 1


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("processes", [1, 2])
def test_an_interrupted_report_says_the_network_was_unavailable(
    half_held: tuple[SampleWeb, Gate], tmp_path: Path, processes: int
) -> None:
    """Behind a proxy that cannot be reached (its hosts in NO_PROXY answered), the run-level
    "network unavailable" was said only at a run's end: an interrupted run's report had its
    proxied citations' failures without the reason (probe 30i).  On two processes a worker
    said it only in its end, which a stopped run never gets (left 32b): four proxied sites,
    so that a worker has some."""
    site, gate = half_held
    proxied = [f"https://proxied{n}.example.net/story" for n in range(4)]
    args = _command(site, tmp_path, processes, extra=[*proxied, *FREE])
    direct = ",".join((*HOSTS, "free.example.org"))
    env = {**_env(), "HTTPS_PROXY": f"http://127.0.0.1:{_closed_port()}", "NO_PROXY": direct}
    stopped = _signalled_once(
        args,
        tmp_path,
        lambda: gate.every_host_held() and all(map(site.count, FREE)),
        signal.SIGTERM,
        env=env,
    )
    assert stopped.returncode == 143, stopped.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    (offline,) = [p for p in report["problems"] if p["message"].startswith("network unavailable")]
    assert (offline["subject"], offline["code"], offline["severity"]) == (
        None,
        "unreachable",
        "error",
    )


def test_an_interrupted_fix_writes_what_it_checked_and_changes_nothing(
    half_held: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    """``citecheck fix`` interrupted wrote no report and said only "no report written": it
    writes what it checked, marked interrupted, as ``check`` does, changes no file, and its
    one line says so."""
    site, gate = half_held
    args = _command(site, tmp_path, 1, extra=FREE)
    args[args.index("check")] = "fix"
    args.append("--write")
    post = tmp_path / "post.html"
    before = post.read_bytes()
    stopped = _signalled_once(
        args, tmp_path, lambda: gate.every_host_held() and all(map(site.count, FREE)), SIGINT
    )
    assert stopped.returncode == 130, stopped.stderr
    lines = stopped.stderr.strip().splitlines()
    assert len(lines) == 1, stopped.stderr
    assert "marked interrupted; nothing fixed: no file changed" in lines[0], lines
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True and report["summary"]["failed"] is True
    assert post.read_bytes() == before


def test_an_interrupt_while_starting_says_nothing_was_checked(tmp_path: Path) -> None:
    """SIGTERM while the command reads its settings (a config file that is a pipe, its writer
    slow): the line said "interrupted by SIGTERM" alone, nothing of a report or the store."""
    settings = tmp_path / "settings.toml"
    os.mkfifo(settings)
    post = tmp_path / "post.html"
    post.write_text("<html><body><p>No link.</p></body></html>", "utf-8")
    args = [sys.executable, "-m", "checker", "check", str(post), "--config", str(settings)]
    args += ["--report-dir", str(tmp_path / "out"), "--no-store"]
    writer: list[int] = []

    def reading() -> bool:
        try:  # opens once the child has the pipe open to read: it then waits in its read
            writer.append(os.open(settings, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            return False
        return True

    try:
        stopped = _signalled_once(args, tmp_path, reading, signal.SIGTERM)
    finally:
        for fd in writer:
            os.close(fd)
    assert stopped.returncode == 143, stopped.stderr
    assert stopped.stderr.strip().splitlines() == [
        "citecheck: interrupted by SIGTERM: nothing checked yet, no report written "
        "(the run had not begun)"
    ]
    assert not (tmp_path / "out").exists()
