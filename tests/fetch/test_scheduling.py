"""The order in which one host's requests go out: work under way before work not yet started.

Through the fixture web, with one slot for the host, so the order the server sees requests in is
the scheduler's order: no timing is asserted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import config_for, fetch, sequence

HOST = "https://queue.example.com"
_OK = Response(200, (("Content-Type", "text/html"),), b"<title>ok</title>")
_FAILING = Response(500, (("Content-Type", "text/html"),), b"<title>oops</title>")


def _logged(
    seen: list[str], answer: Callable[[Request], Response]
) -> Callable[[Request], Response]:
    """``answer``, noting each request's path in ``seen`` first."""

    def handler(request: Request) -> Response:
        seen.append(request.path)
        return answer(request)

    return handler


@pytest.fixture
def served() -> Iterator[tuple[SampleWeb, list[str]]]:
    seen: list[str] = []
    web = Web()
    web.add(f"{HOST}/flaky", _logged(seen, sequence([_FAILING, _OK])))
    web.add(f"{HOST}/moved", _logged(seen, lambda _: Response(301, (("Location", "/new"),), b"")))
    for path in ("/new", "/a", "/b", "/c"):
        web.add(f"{HOST}{path}", _logged(seen, lambda _: _OK))
    with SampleWeb(web) as site:
        yield site, seen


def test_a_retry_goes_ahead_of_the_hosts_urls_not_yet_started(
    served: tuple[SampleWeb, list[str]],
) -> None:
    site, seen = served
    config = config_for(site, per_host_concurrency=1, retry_backoff=0.0)
    urls = [f"{HOST}{path}" for path in ("/flaky", "/a", "/b", "/c")]
    results = fetch(config, *urls)
    assert [r.status_code for r in results] == [200, 200, 200, 200]
    # /a had the slot when /flaky's retry came back; the retry is next, before /b and /c (at
    # the back of the queue, its backoff ran last, with the host's lanes idle)
    assert seen == ["/flaky", "/a", "/flaky", "/b", "/c"]


def test_a_redirects_next_hop_goes_ahead_of_the_hosts_urls_not_yet_started(
    served: tuple[SampleWeb, list[str]],
) -> None:
    site, seen = served
    config = config_for(site, per_host_concurrency=1)
    urls = [f"{HOST}{path}" for path in ("/moved", "/a", "/b", "/c")]
    results = fetch(config, *urls)
    assert [r.final_url for r in results] == [f"{HOST}/new", *urls[1:]]
    assert seen == ["/moved", "/a", "/new", "/b", "/c"]
