"""A Ctrl-C the interpreter swallowed still stops the command (checker/interrupts.py).

SIGINT's default handler raises :class:`KeyboardInterrupt` in whatever the main thread runs;
in a weakref callback (the import lock's, seen) the interpreter prints "Exception ignored" and
goes on.  :func:`swallow_a_ctrl_c` does exactly that, without a signal (deterministic, and safe
under a test runner whose SIGINT is its own): each test below failed before the fix, the run
going on to its end.
"""

from __future__ import annotations

import signal
import sys
import weakref
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from checker import cli
from checker.config import Config
from checker.interrupts import keeping_swallowed, raise_swallowed
from checker.pipeline import check


class _Bait:
    """An object whose death runs a weakref callback."""


def swallow_a_ctrl_c() -> None:
    """What a Ctrl-C landing in a weakref callback does: the default handler raises there, and
    the interpreter swallows it (its unraisable hook)."""
    bait = _Bait()
    ref = weakref.ref(bait, lambda _: signal.default_int_handler(signal.SIGINT, None))
    del bait
    assert ref() is None


def _post(tmp_path: Path) -> str:
    post = tmp_path / "post.html"
    post.write_text("<html><head><title>No sources</title></head><body>none</body></html>")
    return str(post)


def _config(tmp_path: Path) -> Config:
    return Config().with_(report_dir=tmp_path / "out")


def test_a_ctrl_c_swallowed_during_a_check_stops_it_with_no_report(tmp_path: Path) -> None:
    with keeping_swallowed(), pytest.raises(KeyboardInterrupt):
        check([_post(tmp_path)], _config(tmp_path), on_discovered=swallow_a_ctrl_c)
    raise_swallowed()  # (it was raised once: none is left)


def test_a_ctrl_c_swallowed_before_the_run_stops_it_before_its_loop(tmp_path: Path) -> None:
    discovered: list[bool] = []
    with keeping_swallowed():
        swallow_a_ctrl_c()  # e.g. while the workers were forked
        with pytest.raises(KeyboardInterrupt):
            check(
                [_post(tmp_path)], _config(tmp_path), on_discovered=lambda: discovered.append(True)
            )
    assert discovered == []


def test_a_ctrl_c_swallowed_after_the_run_is_the_command_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Swallowed while the summary is printed (the loop is gone): one line, 130."""
    summary = cli.summary_lines

    def swallowing(*args: object, **kwargs: object) -> object:
        swallow_a_ctrl_c()
        return summary(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "summary_lines", swallowing)
    status = cli.main(["check", _post(tmp_path), "--report-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 130, err
    assert err.startswith("citecheck: interrupted") and err.count("\n") == 1, err
    assert "Exception ignored" not in err and "Traceback" not in err, err


def test_other_errors_the_interpreter_cannot_raise_go_to_the_hook_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[BaseException | None] = []

    def before(unraisable: sys.UnraisableHookArgs) -> None:
        shown.append(unraisable.exc_value)

    monkeypatch.setattr(sys, "unraisablehook", before)

    def fail(_: object) -> None:
        raise ValueError("a bug in a callback")

    with keeping_swallowed():
        bait = _Bait()
        ref = weakref.ref(bait, fail)
        del bait
        raise_swallowed()  # nothing was swallowed: nothing raised
    assert ref() is None
    assert [type(e) for e in shown] == [ValueError]
    assert sys.unraisablehook is before


def test_an_interrupt_left_when_the_command_ends_is_not_the_next_ones() -> None:
    with keeping_swallowed():
        swallow_a_ctrl_c()  # (the command ended on an error before acting on it)
    with keeping_swallowed():
        try:
            raise_swallowed()  # the next command in this process
        except KeyboardInterrupt:
            pytest.fail("an interrupt of the command before stopped this one")


def test_a_ctrl_c_while_the_loop_closes_is_raised_once_it_is_closed() -> None:
    """A Ctrl-C while the runner shuts the loop down (its async generators here) is kept until
    the loop is closed, then raised: raised inside, it could stop uvloop between marking its
    loop running and entering it, and closing the loop failed ("Cannot close a running event
    loop": exit 3 and a crash log, 1 of 30 SIGINTs sent with the loop running, session 23).
    A real SIGINT, to this process's own default handler (the runner's is gone by then)."""
    from checker.fetch.loop import run_loop  # noqa: PLC0415

    finished: list[str] = []

    async def stream() -> AsyncIterator[int]:
        try:
            yield 1
            yield 2
        finally:
            signal.raise_signal(signal.SIGINT)  # while shutdown_asyncgens closes it
            finished.append("the generator's cleanup")

    async def main() -> AsyncIterator[int]:
        left_open = stream()
        await anext(left_open)
        return left_open

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            run_loop(main())
    finally:
        signal.signal(signal.SIGINT, previous)
    assert finished == ["the generator's cleanup"]
    raise_swallowed()  # nothing left over
