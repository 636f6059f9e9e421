"""Probe 32: a Mastodon post embedded from an instance that is gone is an unavailable embed.

A Mastodon post lives on its instance, and the instance is what answers for it.  Small instances
shut down; once one refuses connections (or its name no longer resolves), a link to one of its
posts is ``broken``, but the same post embedded was ``unreachable`` with no finding, run after
run: a dead embed that never failed a run.  It is now ``embed-unavailable``, judged by the rule a
link to it is.  An instance that answers with a server error stays ``unreachable``, as before.
Through real sockets: the instance's address refuses (a port nothing listens on, by
``--connect-to``), the live instance is the sample web.
"""

from __future__ import annotations

import asyncio
import json
import socket
from contextlib import contextmanager
from typing import TYPE_CHECKING

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.findings import Code
from checker.model import Citation, CitationKind, Cited, Platform, Status
from checker.sampleweb import Response, SampleWeb, Web
from checker.verify.embeds import mastodon, verify_embed

if TYPE_CHECKING:
    from collections.abc import Iterator

    from checker.verify.embeds import EmbedVerdict

LIVE = "live.fixture-p32.example"
GONE = "gone.fixture-p32.example"
DOWN = "down.fixture-p32.example"
ASTRAY = "astray.fixture-p32.example"


@contextmanager
def _closed_port() -> Iterator[int]:
    """A loopback port nothing listens on, kept bound (not listening) while it is used: let go
    before the run, another process on the machine could take it and answer."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])


def _web() -> Web:
    web = Web()
    oembed = {"author_name": "Bob", "author_url": f"https://{LIVE}/@bob", "html": ""}
    status = {
        "content": "<p>Hello</p>",
        "created_at": "2025-02-12T10:00:00Z",
        "account": {"acct": "bob"},
    }
    url = f"https://{LIVE}/@bob/111"
    kind = (("Content-Type", "application/json"),)
    web.add(
        mastodon.ENDPOINTS["oembed"].url(instance=LIVE, url=url),
        Response(200, kind, json.dumps(oembed).encode()),
    )
    web.add(
        mastodon.ENDPOINTS["status"].url(instance=LIVE, id="111"),
        Response(200, kind, json.dumps(status).encode()),
    )
    web.fallback(DOWN, Response(503))
    # an instance that answers, sending its API on to no http(s) URL: no sign it is gone
    web.fallback(ASTRAY, Response(302, (("Location", "ftp://files.fixture-p32.example/x"),)))
    return web


def _verdicts() -> dict[str, EmbedVerdict]:
    with SampleWeb(_web()) as site, _closed_port() as refusing:
        rules = (f"{GONE}:443:127.0.0.1:{refusing}", *site.connect_to())
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in rules),
            cacert=site.ca_path,
            retries=0,
            timeout=2.0,
        )

        async def go() -> dict[str, EmbedVerdict]:
            async with HttpFetcher(config, version="test") as fetcher:
                found = {}
                for host in (LIVE, GONE, DOWN, ASTRAY):
                    citation = Citation(
                        CitationKind.EMBED,
                        f"https://{host}/@bob/111",
                        Cited(handle=f"bob@{host}"),
                        platform=Platform.MASTODON,
                        post_id="111",
                    )
                    found[host] = await verify_embed(citation, fetcher)
                return found

        return asyncio.run(go())


def test_an_embed_from_an_instance_that_is_gone_is_unavailable() -> None:
    verdicts = _verdicts()
    assert verdicts[LIVE].status is Status.OK  # the instances that answer are asked as before
    gone = verdicts[GONE]
    assert gone.status is Status.BROKEN
    (finding,) = gone.findings
    assert finding.code is Code.EMBED_UNAVAILABLE
    assert "gone with its instance: the server refused the connection" in finding.message
    down = verdicts[DOWN]  # a server error says nothing of the post
    assert (down.status, down.findings) == (Status.UNREACHABLE, ())


def test_only_a_name_that_does_not_resolve_or_a_refusal_means_the_instance_is_gone() -> None:
    """A link redirected to no http(s) URL is ``broken`` by the link rule, but an instance that
    answers is there: its embed's failure is no sign the post went with it."""
    astray = _verdicts()[ASTRAY]
    assert astray.status is not Status.BROKEN
    assert not any("gone with its instance" in f.message for f in astray.findings)
