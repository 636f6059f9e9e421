"""Extraction and the checks share the event loop (``discover.inputs.hand_over``): neither starves.

A stand-in clock makes the costs exact: each page "costs" what ``on_page`` adds to it, each loop
turn what a busy background task adds.
"""

from __future__ import annotations

import asyncio

from checker.discover.inputs import hand_over
from checker.model import Page, PageKind


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _pages(n: int) -> list[Page]:
    return [
        Page(f"https://blog.example/p{i}", f"p{i}.html", "<p>x</p>", PageKind.HTML)
        for i in range(n)
    ]


def test_a_busy_loop_does_not_hold_discovery_to_one_page_a_turn() -> None:
    """Turns that take long (many requests in flight) earn extraction as long a stretch."""
    clock = _Clock()
    turns = 0
    handed: list[int] = []

    async def busy_checks(stop: asyncio.Event) -> None:
        nonlocal turns
        while not stop.is_set():
            turns += 1
            clock.now += 10.0  # a turn of the loop takes ten pages' time
            await asyncio.sleep(0)

    def on_page(page: Page) -> None:
        handed.append(turns)
        clock.now += 1.0

    async def main() -> None:
        stop = asyncio.Event()
        checks = asyncio.create_task(busy_checks(stop))
        await hand_over(_pages(400), on_page, clock)
        stop.set()
        await checks

    asyncio.run(main())
    assert len(handed) == 400
    # Half and half: ~40 pages for every 4 turns, not one page per turn.
    assert turns < 400 / 5, turns


def test_the_checks_get_enough_turns_between_two_pages_to_hand_a_slot_on() -> None:
    """A request needs about four turns from its answer to its host's next request."""
    clock = _Clock()
    progress: list[int] = []

    async def request_chain(steps: list[str]) -> None:
        for step in ("data in", "task woken", "slot handed on", "next request written"):
            steps.append(step)
            await asyncio.sleep(0)

    async def main() -> None:
        steps: list[str] = []
        chain = asyncio.create_task(request_chain(steps))
        await asyncio.sleep(0)  # the chain is under way when extraction starts

        def on_page(page: Page) -> None:
            progress.append(len(steps))
            clock.now += 1.0

        await hand_over(_pages(3), on_page, clock)
        await chain

    asyncio.run(main())
    assert progress[1] == 4, progress  # the whole chain ran between the first page and the next
