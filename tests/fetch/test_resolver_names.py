"""The system resolver with host names the IDNA 2003 codec refuses (probe, session 18).

An ASCII name went to asyncio's ``getaddrinfo`` as a str, which Python encodes with its
``idna`` codec: an empty label (``a..example``) or one of 64 characters raised UnicodeError,
no OSError, and the fetch raised out of ``HttpFetcher.get`` instead of being a result.  The C
library refuses such a name itself, without a query, so no DNS is asked here either.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import anyio
import pytest

from checker.config import Config, ConnectTo
from checker.fetch import network
from checker.model import Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.test_network import NEWS, _fetch

BAD_NAMES = ["a..example", "a" * 64 + ".example", ".example"]


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{NEWS}/ok", "<html><head><title>Fine</title></head><body>fine</body></html>")
    with SampleWeb(web) as running:
        yield running


@pytest.mark.parametrize("host", BAD_NAMES)
def test_a_name_with_an_empty_or_overlong_label_is_a_lookup_error(host: str) -> None:
    with pytest.raises(socket.gaierror):
        asyncio.run(network.system_resolver(host, 443))


@pytest.mark.parametrize("host", BAD_NAMES)
def test_a_cited_url_with_such_a_name_is_a_result_not_an_exception(
    site: SampleWeb, host: str
) -> None:
    rule = ConnectTo.parse(f"news.example.com:443:127.0.0.1:{site.https_port}")
    config = Config().with_(connect_to=(rule,), cacert=site.ca_path, timeout=2.0)
    url = f"https://{host}/x"
    results, offline = _fetch(config, network.system_resolver, [url, f"{NEWS}/ok"])
    assert results[url].outcome is Outcome.DNS
    assert results[f"{NEWS}/ok"].status_code == 200
    assert offline is None


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "127.1", "::1", "2130706433"])
def test_ascii_names_resolve_as_anyio_resolves_them(host: str) -> None:
    async def both() -> tuple[list[str], list[str]]:
        infos = await anyio.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
        theirs = list(dict.fromkeys(str(info[4][0]) for info in infos))
        return await network.system_resolver(host, 443), theirs

    ours, theirs = asyncio.run(both())
    assert ours == theirs
