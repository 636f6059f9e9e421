"""The progress display (checker/report/progress.py): plain lines in logs, rich on a terminal,
and a busiest-host queue count that moves as requests finish (issue 17)."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.model import ProgressEvent, ProgressKind
from checker.pipeline import check
from checker.report.progress import TerminalProgress
from checker.sampleweb import Response, SampleWeb, Web

REPO = Path(__file__).resolve().parents[2]
HTML = (("Content-Type", "text/html; charset=utf-8"),)


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _event(kind: ProgressKind, checked: int, total: int, **more: object) -> ProgressEvent:
    return ProgressEvent(kind, 3, checked, total, **more)  # type: ignore[arg-type]


def _plain(clock: _Clock, **options: bool) -> tuple[TerminalProgress, io.StringIO]:
    stream = io.StringIO()
    return TerminalProgress(stream=stream, clock=clock, **options), stream


def test_plain_lines_in_a_log_every_ten_seconds_and_at_phase_changes() -> None:
    clock = _Clock()
    display, stream = _plain(clock)
    display(_event(ProgressKind.DISCOVERED, 0, 10))
    clock.now += 2
    display(_event(ProgressKind.CHECKED, 2, 10, busiest_host="slow.example", busiest_queue=5))
    assert stream.getvalue() == ""  # a quick run prints no progress
    clock.now += 10  # 12 s in
    display(_event(ProgressKind.CHECKED, 3, 10, busiest_host="slow.example", busiest_queue=4))
    clock.now += 1
    display(_event(ProgressKind.FETCHED, 3, 10, busiest_host="slow.example", busiest_queue=3))
    display(_event(ProgressKind.DISCOVERY_ENDED, 3, 12, discovery_ended=True))  # a phase change
    clock.now += 3  # not 10 s since the last line: nothing
    display(_event(ProgressKind.CHECKED, 4, 12, discovery_ended=True))
    clock.now += 9  # 25 s in
    display(
        _event(
            ProgressKind.CHECKED,
            6,
            12,
            discovery_ended=True,
            busiest_host="slow.example",
            busiest_queue=2,
        )
    )
    display.close()
    assert stream.getvalue().splitlines() == [
        "citecheck: 3 posts, 3/10 citations checked (discovery goes on), 0.2/s; busiest host "
        "slow.example (4 queued)",
        "citecheck: 3 posts, 3/12 citations checked, 0.2/s, about 39 s left",
        "citecheck: 3 posts, 6/12 citations checked, 0.2/s, about 25 s left; busiest host "
        "slow.example (2 queued)",
        "citecheck: 6/12 citations checked in 25 s (0.2/s)",
    ]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()  # never a redraw


def test_verbose_prints_progress_lines_at_once_and_quiet_prints_nothing() -> None:
    clock = _Clock()
    display, stream = _plain(clock, verbose=True)
    display(_event(ProgressKind.DISCOVERY_ENDED, 0, 2, discovery_ended=True))
    assert stream.getvalue() == "citecheck: 3 posts, 0/2 citations checked\n"
    quiet, silent = _plain(clock, verbose=True, quiet=True)
    clock.now += 60
    for kind in ProgressKind:
        quiet(_event(kind, 1, 2, discovery_ended=True))
    quiet.close()
    assert silent.getvalue() == ""


def test_the_busiest_hosts_queue_count_moves_as_requests_finish(tmp_path: Path) -> None:
    """A slow host's queue count is live: it moves with each request the host answers, not
    only when a citation's verdict comes in.

    Before, the count was the citations still waiting, searched only when a citation finished:
    after the fast host's burst the display kept its last count, untouched, for as long as the
    slow host took to finish its next citation (here two slow requests, a redirect and its
    target).
    """
    web = Web()
    for n in range(6):
        web.add(f"https://fast.example/{n}", Response(200, HTML, b"<title>f</title><p>x</p>"))
    for n in range(3):
        moved = (("Location", f"https://slow.example/moved/{n}"),)
        web.add(f"https://slow.example/{n}", Response(301, moved, b"", delay=0.4))
        page = Response(200, HTML, b"<title>s</title><p>y</p>", delay=0.4)
        web.add(f"https://slow.example/moved/{n}", page)
    links = [f"[f{n}](https://fast.example/{n})" for n in range(6)]
    links += [f"[s{n}](https://slow.example/{n})" for n in range(3)]
    post = tmp_path / "post.md"
    post.write_text("# Post\n\n" + "\n\n".join(links) + "\n", encoding="utf-8")
    seen: list[ProgressEvent] = []
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            archive="off",
            per_host_concurrency=1,
            interval=0.0,
        )
        check([str(post)], config, progress=seen.append)
    assert any(e.kind is ProgressKind.FETCHED for e in seen), "no event as requests finished"
    slow = [e.busiest_queue for e in seen if e.busiest_host == "slow.example"]
    assert slow[0] == 3 and slow[-1] == 1  # counted down
    # With the fast host's 6 citations in and none of the slow host's yet, the count moved.
    waiting = {e.busiest_queue for e in seen if e.checked == 6 and e.busiest_host == "slow.example"}
    assert len(waiting) >= 2, waiting


def _host_of(event: ProgressEvent) -> str | None:
    if event.citation is None or event.citation.citation.url is None:
        return None
    return event.citation.citation.url.split("/")[2]


def test_rich_draws_on_a_terminal_without_tracebacks(tmp_path: Path) -> None:
    """``citecheck check`` on a pseudo-terminal: the live panel is drawn, then taken away."""
    post = tmp_path / "post.md"
    post.write_text(
        "# Post\n\n[a](https://a.example/x)\n\n[b](https://b.example/y)\n", encoding="utf-8"
    )
    args = ["check", str(post), "--report-dir", str(tmp_path / "r"), "--no-store"]
    output, code = _on_a_pty([*args, "--exclude", "."], tmp_path)
    assert code == 1  # everything skipped: nothing checked, a failing run
    assert "Traceback" not in output
    assert "citations checked" in output and "posts found" in output  # the panel
    assert "\x1b[2K" in output  # redrawn in place / taken away
    assert "nothing-checked" in output  # the summary after it
    quiet, code = _on_a_pty([*args, "--exclude", ".", "-q"], tmp_path)
    assert code == 1
    assert "citations checked" not in quiet and "\x1b[2K" not in quiet
    assert "nothing-checked" in quiet  # -q: the failures and nothing else


def _on_a_pty(args: list[str], cwd: Path, ci: str | None = None) -> tuple[str, int]:
    """Run ``citecheck ARGS`` with stdout and stderr on a pseudo-terminal; its output and code.

    ``ci``: the ``CI`` variable the run sees (none: a person's terminal, whatever runs this)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("CI", None)
    if ci is not None:
        env["CI"] = ci
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal (EIO on Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    code = process.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", "replace"), code


def test_a_ci_job_s_terminal_gets_plain_lines(tmp_path: Path) -> None:
    """A CI job on a pseudo-terminal (Buildkite, ``docker run -t``): its log kept every redraw
    of the panel, ~1 KB of escape codes a second.  ``CI=true``: no panel; ``CI=false``: the
    panel, as on a person's terminal (probe 33)."""
    post = tmp_path / "post.md"
    post.write_text("# Post\n\n[a](https://a.example/x)\n", encoding="utf-8")
    args = ["check", str(post), "--report-dir", str(tmp_path / "r"), "--no-store", "-v"]
    output, code = _on_a_pty([*args, "--exclude", "."], tmp_path, ci="true")
    assert code == 1 and "Traceback" not in output
    assert "\x1b[" not in output and "posts found" not in output  # no panel, no escape code
    assert "nothing-checked" in output  # the closing summary
    assert re.search(r"citecheck: 1 posts, 1/1 citations checked", output), output  # plain_line
    drawn, _ = _on_a_pty([*args, "--exclude", "."], tmp_path, ci="false")
    assert "\x1b[2K" in drawn and "posts found" in drawn


if sys.platform == "win32":  # pragma: no cover - pty is POSIX
    pytestmark = pytest.mark.skip("pseudo-terminals are POSIX")


def test_a_log_says_how_the_run_ended_once_when_closed_twice() -> None:
    """An interrupted run closes its display in its handler and again on the way out: the
    log's last line came twice (reviewC)."""
    clock = _Clock()
    display, stream = _plain(clock)
    display(_event(ProgressKind.DISCOVERED, 0, 10))
    clock.now += 12
    display(_event(ProgressKind.CHECKED, 3, 10))
    display.close()
    display.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2, lines
