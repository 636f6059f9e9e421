"""The store across runs is data only, survives damage, follows the settings, keeps no secret.

Issues 12 and 13, through real runs of ``citecheck check`` against the fixture web: a store row
holding a pickle runs nothing; a garbage, truncated, malformed or foreign store is moved aside
with one warning and the run is normal; a remembered answer never outlives the settings that
made it; a credential in a cited URL never reaches the store file.
"""

from __future__ import annotations

import json
import pickle
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.e2e.blogger import article_page

ARTICLES = "https://articles.example.com"
HTML = (("Content-Type", "text/html; charset=utf-8"),)
SECRETS = ("hunter2", "s3cr3t-token", "sigsecret", "cookiesecret")


def _picky(request: Request) -> Response:
    """A server that turns away agents it does not know (as bot walls do)."""
    if "friendly" in (request.header("User-Agent") or ""):
        return Response(200, HTML, article_page("Picky article", site="Articles").encode())
    return Response(403, HTML, b"<title>Forbidden</title>")


def _web() -> Web:
    web = Web()
    for n in range(3):
        web.page(f"{ARTICLES}/a{n}", article_page(f"Article number {n}", site="Articles"))
    web.add(f"{ARTICLES}/picky", _picky)
    web.redirect(f"{ARTICLES}/hop1", f"{ARTICLES}/hop2")
    web.redirect(f"{ARTICLES}/hop2", f"{ARTICLES}/hop3")
    web.redirect(f"{ARTICLES}/hop3", f"{ARTICLES}/a2")
    web.page(f"{ARTICLES}/gone", "<title>Not found</title>", status=404)
    web.page(f"{ARTICLES}/private-page?token=s3cr3t-token&page=1", article_page("Kept", site="A"))
    web.add(
        f"{ARTICLES}/signed",
        Response(
            302,
            (
                ("Location", f"{ARTICLES}/a1?sig=sigsecret"),
                ("Set-Cookie", "sid=cookiesecret; Path=/"),
            ),
        ),
    )
    web.page(
        f"{ARTICLES}/a1?sig=sigsecret",
        article_page("Article number 1", site="Articles"),
        headers=(("Set-Cookie", "session=cookiesecret"),),
    )
    web.fallback("127.0.0.1", Response(200, HTML, article_page("Internal", site="Intra").encode()))
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


@dataclass
class Run:
    """One ``citecheck check`` of a one-post folder: its exit status, statuses and stderr."""

    code: int
    statuses: dict[str, str]
    notes: dict[str, str | None]
    stderr: str


class Blog:
    """A post citing ``urls``, checked with one store across runs."""

    def __init__(self, site: SampleWeb, tmp_path: Path, urls: list[str]) -> None:
        self.site = site
        self.folder = tmp_path
        self.store = tmp_path / "store.sqlite3"
        links = "\n".join(f'<p><a href="{url}">source {n}</a></p>' for n, url in enumerate(urls))
        self.post = tmp_path / "post.html"
        self.post.write_text(f"<html><head><title>A post</title></head><body>{links}</body></html>")

    def check(self, capsys: pytest.CaptureFixture[str], *extra: str) -> Run:
        capsys.readouterr()
        out = self.folder / "out"
        args = ["check", str(self.post), "--report-dir", str(out), "--format", "json", "-q"]
        args += ["--cacert", str(self.site.ca_path), "--store", str(self.store)]
        for rule in self.site.connect_to():
            args += ["--connect-to", rule]
        (out / "report.json").unlink(missing_ok=True)
        code = main([*args, *extra])
        stderr = capsys.readouterr().err
        assert code in (0, 1), stderr
        [document] = json.loads((out / "report.json").read_text())["documents"]
        statuses = {c["url"]: c["status"] for c in document["citations"]}
        notes = {c["url"]: c.get("note") for c in document["citations"]}
        return Run(code, statuses, notes, stderr)

    def requests_to(self, url: str) -> int:
        return self.site.count(url)

    def config(self, text: str) -> str:
        path = self.folder / "settings.toml"
        path.write_text(text)
        return str(path)


# --- no code from the store -------------------------------------------------------------------


def test_a_pickled_memo_row_runs_nothing_and_the_run_is_normal(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone"])
    first = blog.check(capsys)
    marker = tmp_path / "marker"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (str(marker), "w"))

    with sqlite3.connect(blog.store) as db:
        rows = db.execute("UPDATE memo SET value = ?", (pickle.dumps(Payload()),)).rowcount
    db.close()
    assert rows >= 3  # the page's posts and both judgements
    second = blog.check(capsys)
    assert not marker.exists()
    assert (second.code, second.statuses) == (first.code, first.statuses) == (1, second.statuses)
    assert second.statuses == {f"{ARTICLES}/a0": "ok", f"{ARTICLES}/gone": "broken"}
    assert second.stderr == ""


# --- a broken store is moved aside --------------------------------------------------------------


def _garbage(store: Path) -> None:
    store.write_bytes(b"this is no SQLite file, just bytes\n" * 200)


def _truncated(store: Path) -> None:
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2 + 100])


def _malformed(store: Path) -> None:
    """Scribble over a b-tree page in the middle: ``database disk image is malformed``."""
    with sqlite3.connect(store) as db:
        page = int(db.execute("PRAGMA page_size").fetchone()[0])
        pages = int(db.execute("PRAGMA page_count").fetchone()[0])
    db.close()
    assert pages >= 4
    data = bytearray(store.read_bytes())
    for n in range(1, pages):
        data[n * page : n * page + 64] = b"\xff" * 64
    store.write_bytes(bytes(data))


def _another_version(store: Path) -> None:
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA user_version = 1")
    db.close()


def _old_layout(store: Path) -> None:
    """A store as citecheck wrote it before versions: its own ``urls`` table, no version."""
    store.unlink()
    with sqlite3.connect(store) as db:
        db.execute(
            "CREATE TABLE urls (scope TEXT, url TEXT, outcome TEXT, PRIMARY KEY (scope, url))"
        )
        db.execute("INSERT INTO urls VALUES ('', 'https://articles.example.com/a0', 'ok')")
    db.close()


@pytest.mark.parametrize(
    "damage", [_garbage, _truncated, _malformed, _another_version, _old_layout]
)
def test_a_broken_store_is_moved_aside_with_one_warning(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: object
) -> None:
    assert callable(damage)
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone"])
    first = blog.check(capsys)
    for companion in tmp_path.glob("store.sqlite3-*"):
        companion.unlink()  # closed cleanly: nothing is left in the WAL
    damage(blog.store)
    second = blog.check(capsys)
    assert (second.code, second.statuses) == (first.code, first.statuses)
    [warning] = second.stderr.splitlines()
    assert warning.startswith("citecheck: warning: store ") and "moved aside" in warning
    assert "Traceback" not in second.stderr
    [aside] = tmp_path.glob("store.sqlite3.broken-*")
    assert aside.name in warning
    before = blog.requests_to(f"{ARTICLES}/a0")
    third = blog.check(capsys)  # the fresh store works: the good source comes from it
    assert (third.stderr, third.statuses) == ("", first.statuses)
    assert blog.requests_to(f"{ARTICLES}/a0") == before


def test_rows_that_do_not_parse_are_asked_again(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone"])
    first = blog.check(capsys)
    with sqlite3.connect(blog.store) as db:
        db.execute("UPDATE urls SET outcome = 'no-such-outcome' WHERE url LIKE '%/a0'")
        db.execute("UPDATE urls SET redirects = '{not json' WHERE url LIKE '%/gone'")
        db.execute('UPDATE memo SET value = \'{"status": "no-such-status"}\'')
    db.close()
    before = blog.requests_to(f"{ARTICLES}/a0"), blog.requests_to(f"{ARTICLES}/gone")
    second = blog.check(capsys)
    assert (second.code, second.statuses, second.stderr) == (first.code, first.statuses, "")
    after = blog.requests_to(f"{ARTICLES}/a0"), blog.requests_to(f"{ARTICLES}/gone")
    assert after == (before[0] + 1, before[1] + 1)


# --- a verdict never outlives its settings --------------------------------------------------


def test_allow_private_is_not_answered_by_a_stored_refusal(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = f"http://127.0.0.1:{site.http_port}/intranet"
    blog = Blog(site, tmp_path, [private])
    refused = blog.check(capsys)
    assert refused.statuses == {private: "skipped"}
    assert "--allow-private" in (refused.notes[private] or "")
    allowed = blog.check(capsys, "--allow-private")
    assert allowed.statuses == {private: "ok"}
    again = blog.check(capsys)  # and back: the answer got with --allow-private is not reused
    assert again.statuses == {private: "skipped"}


@pytest.mark.parametrize(
    ("url", "first", "setting", "then"),
    [
        (f"{ARTICLES}/picky", "blocked", 'user_agent = "friendly-checker/1.0"', "ok"),
        (f"{ARTICLES}/hop1", "unreachable", "max_redirects = 5", "redirected"),
    ],
)
def test_the_verdict_follows_a_changed_setting(
    site: SampleWeb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    url: str,
    first: str,
    setting: str,
    then: str,
) -> None:
    blog = Blog(site, tmp_path, [url])
    start_text = "max_redirects = 2\n"
    start = blog.config(start_text)
    assert blog.check(capsys, "--config", start).statuses == {url: first}
    changed = blog.config(setting if "max_redirects" in setting else f"{start_text}{setting}\n")
    assert blog.check(capsys, "--config", changed).statuses == {url: then}


def test_include_exclude_and_ignore_file_take_effect_with_a_store(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{ARTICLES}/gone"
    blog = Blog(site, tmp_path, [url])
    assert blog.check(capsys).statuses == {url: "broken"}
    assert blog.check(capsys, "--exclude", "/gone").statuses == {url: "skipped"}
    ignore = tmp_path / "ignore"
    ignore.write_text("articles\\.example\\.com\n")
    assert blog.check(capsys, "--ignore-file", str(ignore)).statuses == {url: "skipped"}
    assert blog.check(capsys, "--ignore-file", str(ignore), "--include", "gone").statuses == {
        url: "broken"
    }


def test_a_severity_change_applies_to_remembered_judgements(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blog = Blog(site, tmp_path, [f"{ARTICLES}/gone"])
    assert blog.check(capsys).code == 1
    softer = blog.config('[severity]\nbroken = "warning"\n')
    assert blog.check(capsys, "--config", softer).code == 0


# --- no secret in the store file ------------------------------------------------------------


def test_credentials_in_cited_urls_never_reach_the_store_file(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = [
        "https://reader:hunter2@articles.example.com/a0",
        f"{ARTICLES}/private-page?token=s3cr3t-token&page=1",
        f"{ARTICLES}/signed",
    ]
    blog = Blog(site, tmp_path, urls)
    first = blog.check(capsys)
    assert set(first.statuses.values()) <= {"ok", "redirected"}, first.statuses
    files = [blog.store, *tmp_path.glob("store.sqlite3-*")]
    stored = b"".join(path.read_bytes() for path in files)
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
    with sqlite3.connect(blog.store) as db:
        shown = {row[0] for row in db.execute("SELECT url FROM urls")}
    db.close()
    assert "https://REDACTED@articles.example.com/a0" in shown
    assert f"{ARTICLES}/private-page?token=REDACTED&page=1" in shown
    before = [blog.requests_to(u) for u in (f"{ARTICLES}/a0", f"{ARTICLES}/signed")]
    again = blog.check(capsys)  # rows keyed by a hash of the exact URL: still found
    assert again.statuses == first.statuses
    assert [blog.requests_to(u) for u in (f"{ARTICLES}/a0", f"{ARTICLES}/signed")] == before
