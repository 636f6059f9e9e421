"""Memory across runs: TTL reuse, conditional requests, resume, strikes; over real sockets."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.errors import ConfigError
from checker.fetch import HttpFetcher, client
from checker.fetch.store import MAX_STORED_CHARS, Store, open_store, shard_parent, url_key
from checker.fetch.strikes import is_good, is_persistent, is_transient
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from checker.sharing import shard_path
from tests.fetch.support import config_for, fetch_counting, sequence

SITE = "https://memo.example.com"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HTML = (("Content-Type", "text/html; charset=utf-8"),)
CONDITIONAL: list[tuple[str | None, str | None]] = []


def _tagged(request: Request) -> Response:
    CONDITIONAL.append((request.header("If-None-Match"), request.header("If-Modified-Since")))
    if request.header("If-None-Match") == '"v1"':
        return Response(304, (("ETag", '"v1"'),))
    headers = (*HTML, ("ETag", '"v1"'), ("Last-Modified", "Sun, 01 Mar 2026 08:00:00 GMT"))
    return Response(200, headers, b"<title>Tagged</title><p>body</p>")


def _web() -> Web:
    web = Web()
    for name in ("ok", "ok2", "ttl", "scoped", "resume-a", "resume-c", "history"):
        web.page(f"{SITE}/{name}", f"<title>{name}</title><p>text</p>")
    web.page(f"{SITE}/long", "<title>long</title><p>" + "a long page " * 800 + "</p>")
    web.page(f"{SITE}/gone", "<title>Not found</title>", status=404)
    web.page(f"{SITE}/resume-b", "<title>Not found</title>", status=404)
    web.add(f"{SITE}/down", Response(503))
    web.add(f"{SITE}/down-fast", Response(503))
    web.add(f"{SITE}/gone-days", Response(404))
    ok = Response(200, HTML, b"<title>back</title>")
    web.add(f"{SITE}/flip", sequence([Response(503), Response(503), Response(503), ok]))
    web.add(f"{SITE}/tagged", _tagged)
    web.redirect(f"{SITE}/moved", f"{SITE}/ok2")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


class _Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_fresh_good_result_is_reused_without_a_request(config: Config, site: SampleWeb) -> None:
    clock = _Clock()
    [first], sent = fetch_counting(config, [f"{SITE}/ttl"], clock=clock)
    assert (first.status_code, first.from_store, sent) == (200, False, 1)
    clock.now += timedelta(hours=23)
    [again], sent = fetch_counting(config, [f"{SITE}/ttl"], clock=clock)
    assert (sent, again.from_store, again.status_code, again.text) == (0, True, 200, first.text)
    assert site.count(f"{SITE}/ttl") == 1
    clock.now += timedelta(hours=2)  # near miss: past the TTL, fetched again
    [late], sent = fetch_counting(config, [f"{SITE}/ttl"], clock=clock)
    assert (sent, late.from_store) == (1, False)


def test_redirected_result_is_reused_with_its_hops(config: Config) -> None:
    clock = _Clock()
    [first], _ = fetch_counting(config, [f"{SITE}/moved"], clock=clock)
    [again], sent = fetch_counting(config, [f"{SITE}/moved"], clock=clock)
    assert sent == 0
    assert (again.final_url, again.redirects) == (first.final_url, first.redirects)


@pytest.mark.parametrize("path", ["/gone", "/down"])
def test_a_failure_is_reused_only_within_the_failure_ttl_and_is_no_new_strike(
    config: Config, path: str
) -> None:
    clock = _Clock()
    [first], _ = fetch_counting(config, [f"{SITE}{path}"], clock=clock)
    clock.now += timedelta(seconds=config.store.failure_ttl - 1)
    [reused], sent = fetch_counting(config, [f"{SITE}{path}"], clock=clock)
    assert (sent, reused.from_store, reused.status_code) == (0, True, first.status_code)
    assert reused.failure_streak == first.failure_streak == 1
    clock.now += timedelta(seconds=2)
    [again], sent = fetch_counting(config, [f"{SITE}{path}"], clock=clock)
    assert (sent, again.from_store, again.failure_streak) == (1, False, 2)


def test_ttl_zero_always_fetches(config: Config) -> None:
    clock = _Clock()
    fetch_counting(config.with_(ttl=0.0), [f"{SITE}/ok"], clock=clock)
    clock.now += timedelta(seconds=1)
    [_], sent = fetch_counting(config.with_(ttl=0.0), [f"{SITE}/ok"], clock=clock)
    assert sent == 1


def test_validators_make_a_conditional_request_and_304_reuses_the_body(config: Config) -> None:
    CONDITIONAL.clear()
    clock = _Clock()
    [first], _ = fetch_counting(config, [f"{SITE}/tagged"], clock=clock)
    clock.now += timedelta(days=2)
    [second], sent = fetch_counting(config, [f"{SITE}/tagged"], clock=clock)
    assert CONDITIONAL == [(None, None), ('"v1"', "Sun, 01 Mar 2026 08:00:00 GMT")]
    assert (sent, second.status_code, second.from_store) == (1, 200, False)
    assert second.text == first.text and second.text is not None and "Tagged" in second.text


def test_store_is_scoped_to_the_connect_to_rules(config: Config, site: SampleWeb) -> None:
    clock = _Clock()
    fetch_counting(config, [f"{SITE}/scoped"], clock=clock)
    rules = (*config.fetch.connect_to, ConnectTo.parse("unused.example:1:127.0.0.1:1"))
    [_], sent = fetch_counting(config.with_(connect_to=rules), [f"{SITE}/scoped"], clock=clock)
    assert sent == 1


def _interrupted_run(config: Config, urls: list[str], clock: _Clock) -> None:
    """A run that dies (as Ctrl-C would) after its URLs finished, never marked finished."""

    async def go() -> None:
        async with HttpFetcher(config, version="test", clock=clock) as fetcher:
            await asyncio.gather(*(fetcher.get(u) for u in urls))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        asyncio.run(go())


def test_interrupted_run_is_resumed_including_its_errors(config: Config, site: SampleWeb) -> None:
    clock = _Clock()
    a, b, c = (f"{SITE}/resume-a", f"{SITE}/resume-b", f"{SITE}/resume-c")
    _interrupted_run(config, [a, b], clock)
    clock.now += timedelta(minutes=5)
    results, sent = fetch_counting(config, [a, b, c], clock=clock)
    assert sent == 1  # only c: the 404 finished before the interruption is not asked again
    assert [r.from_store for r in results] == [True, True, False]
    assert results[1].status_code == 404
    assert (site.count(a), site.count(b), site.count(c)) == (1, 1, 1)
    # near miss: that run finished, so once the failure TTL is over the next one re-checks the
    # error (fresh good ones stay)
    clock.now += timedelta(seconds=config.store.failure_ttl)
    results, sent = fetch_counting(config, [a, b, c], clock=clock)
    assert (sent, [r.from_store for r in results]) == (1, [True, False, True])


def test_every_finished_url_is_committed_within_the_record_wait(config: Config) -> None:
    """A finished URL is in the file for another reader (a resumed run after a kill) about
    ``_RECORD_WAIT`` later, while the run goes on: answers are written together (a commit each
    was ~0.5 ms of the loop's time a URL, issue 19), not held until the store closes."""
    from checker.fetch.store import _RECORD_WAIT  # noqa: PLC0415

    assert config.store.path is not None
    store_path = config.store.path

    def seen() -> int:
        with sqlite3.connect(store_path) as reader:
            count = reader.execute("SELECT COUNT(*) FROM urls").fetchone()[0]
        reader.close()
        return int(count)

    async def go() -> tuple[int, int]:
        async with HttpFetcher(config, version="test") as fetcher:
            await fetcher.get(f"{SITE}/history")
            waiting = seen()
            # the store's thread commits after the wait; a loaded machine may run it late, so
            # the test waits for the commit (bounded) while the fetcher stays open: what it
            # checks is a commit without a close, not the machine's speed
            for _ in range(400):
                await asyncio.sleep(_RECORD_WAIT)
                if seen():
                    break
            return waiting, seen()

    assert asyncio.run(go()) == (0, 1)


def test_history_has_one_row_per_failed_url_per_run(config: Config) -> None:
    """A failure's history row is what a run resuming this one reuses (``Store._in_history``);
    a good answer, from the network or the store, writes none: it is reused by its age alone,
    and a cold run wrote a row per good answer that no run reads (issue 19: ~2,000 inserts and
    their index's random pages, a tenth of a cold store's writes)."""
    clock = _Clock()
    for _ in range(3):
        fetch_counting(config, [f"{SITE}/gone", f"{SITE}/ok"], clock=clock)
        clock.now += timedelta(days=1)
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        rows = db.execute(
            "SELECT run_id, url, status, from_store FROM history ORDER BY run_id, url"
        ).fetchall()
    db.close()
    assert [(r[2], r[3]) for r in rows] == [(404, 0)] * 3
    assert len({r[0] for r in rows}) == 3


def test_unusable_store_path_is_a_config_error(config: Config, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="--no-store"):
        HttpFetcher(config.with_(store=blocker / "store.sqlite3"), version="test")


# --- strikes --------------------------------------------------------------------------------


def _streaks(config: Config, url: str, days: list[float]) -> list[tuple[int, bool]]:
    clock = _Clock()
    seen = []
    for day in days:
        clock.now = START + timedelta(days=day)
        [result], _ = fetch_counting(config, [url], clock=clock)
        seen.append((result.failure_streak, result.persistent_failure))
    return seen


def test_three_strikes_three_days_apart(config: Config) -> None:
    seen = _streaks(config, f"{SITE}/down", [0, 1, 2, 3])
    assert seen == [(1, False), (2, False), (3, False), (4, True)]


def test_many_strikes_in_one_day_are_not_persistent(config: Config) -> None:
    seen = _streaks(config, f"{SITE}/down-fast", [0, 0.1, 0.2, 0.3, 0.4])
    assert seen[-1] == (5, False)


def test_a_good_answer_resets_the_streak(config: Config) -> None:
    seen = _streaks(config, f"{SITE}/flip", [0, 2, 4, 6])
    assert seen == [(1, False), (2, False), (3, True), (0, False)]


def test_lasting_404_is_not_a_persistent_transient_failure(config: Config) -> None:
    seen = _streaks(config, f"{SITE}/gone-days", [0, 2, 4])
    assert seen == [(1, False), (2, False), (3, False)]


def test_failing_since_is_when_the_streak_began(config: Config) -> None:
    clock = _Clock()
    for day in (0, 1):
        clock.now = START + timedelta(days=day)
        [result], _ = fetch_counting(config, [f"{SITE}/down"], clock=clock)
    assert result.failing_since == START.isoformat(timespec="seconds")


def test_without_a_store_a_failure_is_a_first_strike(site: SampleWeb) -> None:
    [down, ok], _ = fetch_counting(config_for(site, retries=0), [f"{SITE}/down", f"{SITE}/ok"])
    assert (down.failure_streak, down.persistent_failure, down.failing_since is not None) == (
        1,
        False,
        True,
    )
    assert (ok.failure_streak, ok.failing_since) == (0, None)


def _result(outcome: Outcome = Outcome.OK, status: int | None = 200) -> FetchResult:
    return FetchResult("https://a.example/", outcome, status_code=status)


@pytest.mark.parametrize(
    ("result", "transient", "good"),
    [
        (_result(status=503), True, False),
        (_result(status=500), True, False),
        (_result(status=429), True, False),
        (_result(status=408), True, False),
        (_result(Outcome.TIMEOUT, None), True, False),
        (_result(Outcome.PROTOCOL, None), True, False),
        (_result(status=404), False, False),
        (_result(status=403), False, False),
        (_result(Outcome.DNS, None), False, False),
        (_result(Outcome.FORBIDDEN_ADDRESS, None), False, False),
        (_result(status=200), False, True),
        (_result(status=204), False, True),
        (_result(status=301), False, False),
    ],
)
def test_transient_and_good(result: FetchResult, transient: bool, good: bool) -> None:
    assert (is_transient(result), is_good(result)) == (transient, good)


@pytest.mark.parametrize(
    ("streak", "days_ago", "persistent"),
    [
        (3, 3.0, True),
        (5, 10.0, True),
        (2, 10.0, False),  # too few strikes, however long
        (3, 2.9, False),  # enough strikes, too short a span
        (0, None, False),
        (3, None, False),
    ],
)
def test_is_persistent(streak: int, days_ago: float | None, persistent: bool) -> None:
    since = None if days_ago is None else START - timedelta(days=days_ago)
    assert is_persistent(streak, since, START, strikes=3, days=3.0) is persistent


# --- settings, damage and secrets (issues 12, 13) --------------------------------------------


def test_a_good_answer_survives_a_change_of_patience_but_a_failure_does_not(
    config: Config,
) -> None:
    clock = _Clock()
    fetch_counting(config, [f"{SITE}/ok", f"{SITE}/gone"], clock=clock)
    patient = config.with_(timeout=config.fetch.timeout + 1, retries=config.fetch.retries + 1)
    [ok, gone], sent = fetch_counting(patient, [f"{SITE}/ok", f"{SITE}/gone"], clock=clock)
    assert (ok.from_store, gone.from_store, sent) == (True, False, 1)


def test_an_answer_is_not_reused_under_another_user_agent(config: Config) -> None:
    clock = _Clock()
    fetch_counting(config, [f"{SITE}/ok"], clock=clock)
    other = config.with_(user_agent="another-agent/2")
    [result], sent = fetch_counting(other, [f"{SITE}/ok"], clock=clock)
    assert (result.from_store, sent) == (False, 1)


def test_a_row_whose_body_inflates_past_any_kept_body_is_no_row(config: Config) -> None:
    clock = _Clock()
    fetch_counting(config, [f"{SITE}/ok"], clock=clock)
    assert config.store.path is not None
    bomb = zlib.compress(b"x" * (4 * MAX_STORED_CHARS + 1))
    with sqlite3.connect(config.store.path) as db:
        db.execute("UPDATE urls SET body = ? WHERE url = ?", (bomb, f"{SITE}/ok"))
    db.close()
    [result], sent = fetch_counting(config, [f"{SITE}/ok"], clock=clock)
    assert (result.from_store, sent, result.status_code) == (False, 1, 200)


def test_open_store_moves_garbage_aside_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"\x00garbage" * 1000)
    open_store(path, clock=lambda: START).close()
    open_store(path, clock=lambda: START).close()
    assert capsys.readouterr().err.count("warning") == 1
    assert (tmp_path / "store.sqlite3.broken-20260301T090000").read_bytes().startswith(b"\x00")


def test_a_broken_store_named_through_a_link_is_moved_aside_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--store link.sqlite3`` to a CI cache's file: the link stays and names the new store;
    the base moved the link aside and made a file in its place, the cache never written again
    (session 34's probe)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "real.sqlite3").write_bytes(b"\x00garbage" * 1000)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(cache / "real.sqlite3")
    open_store(link, clock=lambda: START).close()
    assert "moved aside" in capsys.readouterr().err
    assert link.is_symlink() and link.resolve() == cache / "real.sqlite3"
    assert (cache / "real.sqlite3.broken-20260301T090000").read_bytes().startswith(b"\x00")
    assert (cache / "real.sqlite3").read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "link.sqlite3"]
    open_store(link, clock=lambda: START).close()
    assert "warning" not in capsys.readouterr().err  # the store made through the link is good


def test_the_store_keeps_no_credential(config: Config) -> None:
    url = "https://user:pa55word@memo.example.com/ok?access_token=t0ken"
    fetch_counting(config, [url], clock=_Clock())
    assert config.store.path is not None
    data = b"".join(p.read_bytes() for p in config.store.path.parent.glob("store.sqlite3*"))
    assert b"pa55word" not in data and b"t0ken" not in data
    assert url_key(url).encode() in data


def test_a_folder_named_as_the_store_is_refused_not_moved(tmp_path: Path) -> None:
    """``--store ~`` by mistake: a folder is no broken store; renaming it hides the files."""
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.txt").write_text("mine")
    with pytest.raises(ConfigError, match="is a folder"):
        open_store(folder, clock=lambda: START)
    assert (folder / "chapter1.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["thesis"]


def test_reused_answers_history_is_written_in_batches_not_a_commit_each(config: Config) -> None:
    """A warm run reuses every URL: their history rows go in a transaction per batch.

    Only failures' rows (a resumed run reads them: ``_in_history``); a good answer reused
    writes none (``test_a_reused_good_answer_writes_no_history``)."""
    assert config.store.path is not None
    urls = [f"{SITE}/page-{n}" for n in range(600)]
    first = Store(config.store.path, config)
    for url in urls:
        first.record(FetchResult(url, Outcome.OK, status_code=404, text="<title>gone</title>"))
    first.finish()
    first.close()
    second = Store(config.store.path, config)
    statements: list[str] = []
    second._db.set_trace_callback(statements.append)
    assert all(second.reuse(url) is not None for url in urls)
    second.finish()
    second.close()
    inside, commits, outside = False, 0, 0
    for statement in statements:
        verb = statement.split(None, 1)[0].upper()
        inside = verb == "BEGIN" or (inside and verb not in ("COMMIT", "ROLLBACK"))
        commits += verb == "COMMIT"
        outside += "INTO history" in statement and not inside
    assert outside == 0  # no history row is a transaction of its own
    assert commits <= 2  # 600 rows: a batch of 500, then the rest as the run finishes
    with sqlite3.connect(config.store.path) as db:
        rows = db.execute(
            "SELECT COUNT(*) FROM history WHERE run_id = ? AND from_store = 1", (second.run_id,)
        ).fetchone()[0]
    db.close()
    assert rows == len(urls)  # none lost: the last batch is written as the run closes


def test_a_reused_good_answer_writes_no_history(config: Config) -> None:
    """Nothing changed, nothing written: a good answer is reused by its age alone, so its history
    row was never read, and a warm run added a row a URL to the file each run (issue 19)."""
    assert config.store.path is not None
    good = [f"{SITE}/good-{n}" for n in range(50)]
    gone = [f"{SITE}/gone-{n}" for n in range(3)]
    first = Store(config.store.path, config)
    for url in good:
        first.record(FetchResult(url, Outcome.OK, status_code=200, text="<title>t</title>"))
    for url in gone:
        first.record(FetchResult(url, Outcome.OK, status_code=404, text="<title>gone</title>"))
    first.finish()
    first.close()
    second = Store(config.store.path, config)
    reused = second.reuse_many([*good, *gone])
    second.finish()
    second.close()
    assert set(reused) == {*good, *gone}
    with sqlite3.connect(config.store.path) as db:
        rows = db.execute(
            "SELECT url FROM history WHERE run_id = ? ORDER BY url", (second.run_id,)
        ).fetchall()
    db.close()
    assert [row[0] for row in rows] == sorted(gone)  # the failures' rows, for a resumed run


def test_a_reused_text_waits_as_the_stores_own_bytes_not_compressed_again(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run's long text enters the in-run cache as the row's blob (issue 19: zlib was
    ~11 % of a warm run, a text decompressed, compressed again, decompressed once more)."""
    url = f"{SITE}/long"
    clock = _Clock()
    [first], _ = fetch_counting(config, [url], clock=clock)
    compressed: list[int] = []
    real = zlib.compress

    def counting(data: bytes, /, level: int = -1, wbits: int = 15) -> bytes:
        compressed.append(len(data))
        return real(data, level, wbits)

    monkeypatch.setattr(zlib, "compress", counting)

    async def go() -> tuple[FetchResult, FetchResult, bool, int]:
        async with HttpFetcher(config, version="test", clock=clock) as fetcher:
            again = await fetcher.get(url)
            await asyncio.sleep(0)  # the in-run cache takes the text once its callers have it
            shelved = url in fetcher._shelved
            return again, await fetcher.get(url), shelved, fetcher.requests

    again, later, shelved, sent = asyncio.run(go())
    assert (sent, again.from_store, shelved) == (0, True, True)
    assert first.text is not None and len(first.text) > 4096
    assert again.text == later.text == first.text
    assert compressed == []


def test_a_stored_answer_needs_no_parse_for_a_request(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx's parse of each URL was ~10 % of a warm run's CPU, for requests never sent."""
    url = f"{SITE}/long"
    clock = _Clock()
    fetch_counting(config, [url], clock=clock)
    parsed: list[str] = []
    real = client._parse

    def counting(target: str) -> FetchResult | httpx.URL:
        parsed.append(target)
        return real(target)

    monkeypatch.setattr(client, "_parse", counting)

    async def go() -> tuple[FetchResult, int]:
        async with HttpFetcher(config, version="test", clock=clock) as fetcher:
            return await fetcher.get(url), fetcher.requests

    again, sent = asyncio.run(go())
    assert (sent, again.from_store, parsed) == (0, True, [])


# --- a worker's shard reads the run's store -------------------------------------------------


def test_a_workers_shard_reads_the_runs_store_and_writes_only_its_own(config: Config) -> None:
    """A worker of a run on several processes keeps its answers in a shard of its own
    (``<store>.worker-<name>``, merged at the end) but reads the run's store too: a fresh answer
    stored by an earlier run is reused without a request, and a failure's streak goes on
    (three strikes need the history: without it a persistent failure never persists)."""
    assert config.store.path is not None
    clock = _Clock()
    fetch_counting(config, [f"{SITE}/ok", f"{SITE}/down"], clock=clock)  # the earlier run
    shard = config.with_(store=shard_path(config.store.path, "p1", os.getpid()))
    assert shard.store.path is not None and shard_parent(shard.store.path) == config.store.path
    clock.now += timedelta(hours=23)  # the good answer still fresh, the failure not
    [ok, down], sent = fetch_counting(shard, [f"{SITE}/ok", f"{SITE}/down"], clock=clock)
    assert (sent, ok.from_store, ok.status_code) == (1, True, 200)
    assert (down.from_store, down.failure_streak) == (False, 2)
    with sqlite3.connect(config.store.path) as db:  # the run's store is only read
        assert db.execute("SELECT count(*) FROM history").fetchone()[0] == 1  # the failure's


def test_a_shard_without_its_runs_store_reads_itself_alone(tmp_path: Path) -> None:
    """A remote worker's shard (the run's store not on its machine), and any store whose name
    only looks like a shard's, have no store to read through to."""
    assert shard_parent(tmp_path / "s.sqlite3.worker-p1") is None  # no run's store beside it
    (tmp_path / "s.sqlite3").write_bytes(b"")
    assert shard_parent(tmp_path / "s.sqlite3.worker-p1") == tmp_path / "s.sqlite3"
    assert shard_parent(tmp_path / "s.sqlite3") is None
    assert shard_parent(tmp_path / ".worker-p1") is None
    assert shard_parent(tmp_path / "s.sqlite3.worker-") is None


def test_a_recheck_after_a_failure_inflates_no_stored_body(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The streak and the validators are columns: a failing URL asked again reads them without
    parsing its row or inflating its body (before: twice, in ``validators`` and ``record``)."""
    clock = _Clock()
    [first], _ = fetch_counting(config, [f"{SITE}/gone"], clock=clock)
    inflated: list[int] = []
    decompressobj = zlib.decompressobj

    def counting(*args: object) -> object:
        inflated.append(1)
        return decompressobj(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(zlib, "decompressobj", counting)
    clock.now = START + timedelta(days=2)
    [again], requests = fetch_counting(config, [f"{SITE}/gone"], clock=clock)
    assert requests == 1
    assert (first.failure_streak, again.failure_streak) == (1, 2)
    assert again.failing_since == START.isoformat(timespec="seconds")
    assert inflated == []


def test_a_ctrl_c_in_the_clients_close_still_writes_the_waiting_answers(
    config: Config, site: SampleWeb, tmp_path: Path
) -> None:
    """Answers recorded on the loop wait up to ``_RECORD_WAIT`` to be written together: a
    second Ctrl-C while the HTTP client closed skipped ``Store.close`` and lost them (store26)."""
    store = tmp_path / "interrupted.sqlite3"

    async def go() -> None:
        async with HttpFetcher(config.with_(store=store), version="test") as fetcher:
            await fetcher.get(f"{SITE}/history")

            close = fetcher._client.aclose

            async def interrupted() -> None:
                await close()  # the sockets go; the second Ctrl-C lands as the close ends
                raise KeyboardInterrupt

            fetcher._client.aclose = interrupted  # type: ignore[method-assign]

    with pytest.raises(KeyboardInterrupt):
        asyncio.run(go())
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM urls").fetchone()[0] == 1
