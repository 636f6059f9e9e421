"""The ``citecheck`` entry point: a Ctrl-C while the stages load is one line and 130."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INTERRUPT_WHILE_LOADING = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "checker.cli":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
from checker.entry import main
sys.exit(main(["--version"]))
"""


STARTING_LINE = (
    "citecheck: interrupted: nothing checked yet, no report written (the run had not begun)\n"
)
"""An interrupt while the command starts: one line that says nothing was checked or written."""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_an_interrupt_while_the_stages_load_is_one_line_and_130() -> None:
    done = _python(INTERRUPT_WHILE_LOADING)
    assert (done.returncode, done.stderr) == (130, STARTING_LINE), done.stderr


def test_the_entry_point_loads_no_stage_before_it_can_be_interrupted() -> None:
    done = _python(
        "import sys, checker.entry; print(sorted(m for m in sys.modules if m.startswith("
        "('checker.pipeline', 'checker.fetch', 'checker.extract', 'httpx'))))"
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_public_names_still_import_from_the_package() -> None:
    done = _python("from checker import Config, Report, check, load_config; print(check.__name__)")
    assert done.stdout.strip() == "check", done.stderr


COLLECTIONS_WHILE_LOADING = """
import gc, sys
collections = []
gc.callbacks.append(lambda phase, info: phase == "stop" and collections.append(info["generation"]))
from checker.entry import main
collections.clear()  # importing the entry module itself (compiling it, in a fresh tree) is not ours
status = main(["--version"])
print(len(collections), gc.isenabled(), gc.get_threshold()[0])
"""


def test_the_command_collects_no_garbage_while_it_loads_and_seldom_after() -> None:
    """What the command makes lives to the end of the process, nearly all of it: collecting
    while the stages load, and every 700 allocations after, freed nothing and cost 75 ms of a
    2 s warm rerun (issue 19; before: ~70 collections in loading alone)."""
    done = _python(COLLECTIONS_WHILE_LOADING)
    count, enabled, young = done.stdout.split()[-3:]
    assert int(count) <= 2, done.stdout
    assert (enabled, int(young)) == ("True", 10_000)


def test_an_interrupt_while_loading_leaves_the_collector_on() -> None:
    done = _python(
        INTERRUPT_WHILE_LOADING.replace("sys.exit(main", "print(main")
        + "\nimport gc; print(gc.isenabled())\n"
    )
    assert done.stdout.split() == ["130", "True"], done.stdout + done.stderr


SWALLOWED_WHILE_LOADING = """
import signal, sys, weakref

class Bait:
    pass

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "checker.cli":  # Ctrl-C's default handler raising in a weakref callback
            bait = Bait()
            ref = weakref.ref(bait, lambda _: signal.default_int_handler(signal.SIGINT, None))
            del bait
        return None

sys.meta_path.insert(0, Interrupt())
from checker.entry import main
sys.exit(main(["--version"]))
"""


def test_an_interrupt_python_swallows_while_the_stages_load_still_stops_the_command() -> None:
    """Seen: a Ctrl-C while the stages loaded landed in the import lock's weakref callback;
    Python printed "Exception ignored … KeyboardInterrupt" and the run went on to its end
    (checker/interrupts.py)."""
    done = _python(SWALLOWED_WHILE_LOADING)
    assert (done.returncode, done.stderr) == (130, STARTING_LINE), done.stderr
    assert not done.stdout, done.stdout  # the command (here --version) never ran


ENDS_WITHOUT_TEARDOWN = """
import atexit, os, sys, types, weakref

# The teardown frees every module: this one's going is written to stderr.
probe = sys.modules["citecheck_probe"] = types.ModuleType("citecheck_probe")
sys.citecheck_probe = weakref.ref(probe, lambda _, write=os.write: write(2, b"torn down\\n"))
del probe
atexit.register(sys.stderr.write, "exit handler\\n")
print("buffered", end=" ")  # a pipe: block-buffered, written only when flushed
sys.argv = ["citecheck", "--version"]
from checker.entry import run
run()
"""


def test_the_command_ends_without_the_interpreters_teardown_but_as_a_normal_exit_would() -> None:
    """The teardown freed every object of the run one by one after the reports were written
    (~0.08 s of each run's critical path, issue 19): it is skipped, and nothing else a normal
    exit does is: the exit handlers run, buffered output is written, the status is kept."""
    done = _python(ENDS_WITHOUT_TEARDOWN)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("buffered ") and "citecheck" in done.stdout, done.stdout
    assert done.stderr == "exit handler\n"


WAITS_FOR_A_THREAD = """
import sys, threading, time

def late():
    time.sleep(0.2)
    print("thread done", flush=True)

threading.Thread(target=late).start()
sys.argv = ["citecheck", "--version"]
from checker.entry import run
run()
"""


def test_the_command_still_waits_for_a_thread_the_interpreter_would_wait_for() -> None:
    done = _python(WAITS_FOR_A_THREAD)
    assert done.returncode == 0, done.stderr
    assert "thread done" in done.stdout, done.stdout + done.stderr


def test_python_dash_m_checker_keeps_the_exit_status_of_a_bad_input(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(tmp_path / "missing.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


FIX_INTERRUPTED_STARTING = """
import sys
import checker.cli

def interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt  # a Ctrl-C while the worker processes start

checker.cli.read_suffix_list = interrupt
from checker.entry import main
sys.exit(main(["fix", "--processes", "2", "--no-store", sys.argv[1]]))
"""


def test_an_interrupt_while_fix_starts_its_processes_says_nothing_was_checked(
    tmp_path: Path,
) -> None:
    """``fix``'s own interrupt handler caught the start-up's, and its line said "no report
    written; nothing fixed" as of a run begun (mend31b): it is the start-up's line."""
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nNo links here.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", FIX_INTERRUPTED_STARTING, str(post)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert (done.returncode, done.stderr) == (130, STARTING_LINE), done.stderr
