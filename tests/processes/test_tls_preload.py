"""The CA bundle read once before the workers are forked (issue 19, session 38).

Each forked worker read certifi's ~150 certificates again on its first handshake (~240 M
instructions, ~0.1 s of CPU a worker).  The driver now reads them before it forks
(``connect_to.preload_ssl_context``) and each process takes that context once; verification
is the same: a source whose certificate the bundle does not vouch for still fails in every
process.
"""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import certifi
import pytest

from checker.config import Config
from checker.fetch import connect_to
from checker.fetch.connect_to import make_ssl_context, preload_ssl_context
from checker.sampleweb import SampleWeb
from tests.processes.test_processes import DEAD, URLS, _env, _posts, _web


@pytest.fixture
def no_preloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connect_to, "_PRELOADED", [])
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.mark.usefixtures("no_preloaded")
def test_the_preloaded_context_is_taken_read_and_once() -> None:
    preload_ssl_context(Config())
    taken = make_ssl_context(Config())
    assert taken.cert_store_stats()["x509_ca"] > 100  # certifi's, read before any handshake
    assert taken.verify_mode is ssl.CERT_REQUIRED and taken.check_hostname
    again = make_ssl_context(Config())
    assert again is not taken and again.cert_store_stats()["x509_ca"] == 0


@pytest.mark.usefixtures("no_preloaded")
def test_a_context_made_for_other_trust_is_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preload_ssl_context(Config())
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes())
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    assert make_ssl_context(Config()).cert_store_stats()["x509_ca"] == 0


@pytest.mark.usefixtures("no_preloaded")
def test_a_cacert_is_read_when_made_and_nothing_is_preloaded(tmp_path: Path) -> None:
    with SampleWeb(_web(delay=0.0)) as site:
        preload_ssl_context(Config().with_(cacert=site.ca_path))
    assert connect_to._PRELOADED == []


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web(delay=0.0)) as served:
        yield served


def _statuses(site: SampleWeb, tmp_path: Path, bundle: Path) -> dict[str, str]:
    """Each cited URL's status in a run on two processes trusting ``bundle`` (SSL_CERT_FILE)."""
    connect = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
    reports = tmp_path / "reports"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "checker", "check", *_posts(tmp_path / "posts"), *connect),
            *("--no-baseline", "--archive", "off", "-q", "--no-store", "--processes", "2"),
            *("--max-retries", "0", "--report-dir", str(reports)),
        ],
        env={**_env(), "SSL_CERT_FILE": str(bundle)},
        capture_output=True,
        check=False,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr  # (an untrusted certificate fails no run at once)
    document = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    return {c["url"]: c["status"] for d in document["documents"] for c in d["citations"]}


def test_a_bundle_with_the_sites_ca_verifies_in_every_process(
    site: SampleWeb, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes() + site.ca_path.read_bytes())
    statuses = _statuses(site, tmp_path, bundle)
    assert {statuses[url] for url in URLS} == {"ok"}
    assert {statuses[url] for url in DEAD} == {"broken"}


def test_a_bundle_without_it_fails_every_source_in_every_process(
    site: SampleWeb, tmp_path: Path
) -> None:
    statuses = _statuses(site, tmp_path, Path(certifi.where()))
    assert len(statuses) == len(URLS + DEAD)
    assert set(statuses.values()) == {"unreachable"}, statuses
