"""Gzip sitemaps (``sitemap.xml.gz`` served as a gzip file) are read, with a decompression cap.

Before, a sitemap served as ``application/gzip``/``application/x-gzip`` was "not a text page":
a blog whose only sitemap it was yielded no post (said since probe 17, but still not read).  A
gzip bomb is read only up to ``max_bytes`` and is a ``listing-unreadable`` note, not a crash,
not a hang and not a silent pass; a plain sitemap cut by the cap is said too.
"""

from __future__ import annotations

import functools
import gzip
import resource
import struct
import time
import zlib
from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.fetch.body import Body, gunzip_file
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.discover.conftest import run_discovery
from tests.fetch.support import config_for

_PAGE = "<html><head><title>A post</title></head><body><p>Text.</p></body></html>"
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_CAP = 200_000


def _urlset(host: str, posts: range) -> bytes:
    locs = "".join(f"<url><loc>https://{host}/2025/01/p{n}.html</loc></url>" for n in posts)
    return f"<urlset {_NS}>{locs}</urlset>".encode()


def _index(children: list[str]) -> bytes:
    locs = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    return f"<sitemapindex {_NS}>{locs}</sitemapindex>".encode()


def _gz(kind: str, data: bytes) -> Response:
    return Response(200, (("Content-Type", kind),), gzip.compress(data))


@functools.cache
def _bomb() -> bytes:
    """1 GiB of zeros in ~1 MB of gzip, built when a test first asks (not at collection, in
    every worker) and in ~0.5 s, not 7: each MiB is deflated after a full flush (the
    compressor's state reset, its output byte-aligned), so every MiB after the first deflates
    to the same bytes, written 1,023 times; the trailer's CRC and size are the real ones."""
    zeros = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9, zlib.Z_RLE)
    first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = functools.reduce(lambda crc, _: zlib.crc32(zeros, crc), range(1024), 0)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no name, Unix
    trailer = struct.pack("<II", crc, (1 << 30) & 0xFFFFFFFF)
    return header + first + again * 1023 + deflate.flush() + trailer


def _blog(web: Web, host: str, sitemaps: dict[str, Response], posts: range = range(3)) -> None:
    web.page(f"https://{host}/", "<html><head><title>A blog</title></head><body></body></html>")
    for n in posts:
        web.page(f"https://{host}/2025/01/p{n}.html", _PAGE)
    lines = "".join(f"Sitemap: https://{host}{path}\n" for path in sitemaps if "robots" not in path)
    robots = f"User-agent: *\n{lines}".encode()
    web.add(f"https://{host}/robots.txt", Response(200, (("Content-Type", "text/plain"),), robots))
    for path, answer in sitemaps.items():
        web.add(f"https://{host}{path.removeprefix('unlisted:')}", answer)


def _web() -> Web:
    web = Web()
    for kind, host in (("application/gzip", "gz.x"), ("application/x-gzip", "xgz.x")):
        _blog(web, host, {"/sitemap.xml.gz": _gz(kind, _urlset(host, range(3)))})
    child = "https://index.x/sitemap-1.xml.gz"
    _blog(
        web,
        "index.x",
        {
            "/sitemap.xml": Response(200, (("Content-Type", "application/xml"),), _index([child])),
            "unlisted:/sitemap-1.xml.gz": _gz("application/gzip", _urlset("index.x", range(3))),
        },
    )
    bomb = Response(200, (("Content-Type", "application/gzip"),), _bomb())
    _blog(web, "bomb.x", {"/sitemap.xml.gz": bomb})
    # an index listing a good sitemap and a bomb: the good one's posts, the bomb said
    _blog(
        web,
        "mixed.x",
        {
            "/sitemap.xml": Response(
                200,
                (("Content-Type", "application/xml"),),
                _index(["https://mixed.x/good.xml.gz", "https://mixed.x/bomb.xml.gz"]),
            ),
            "unlisted:/good.xml.gz": _gz("application/gzip", _urlset("mixed.x", range(2))),
            "unlisted:/bomb.xml.gz": bomb,
        },
        posts=range(2),
    )
    # a plain sitemap larger than the cap: what it lists before the cap is read, the cut said
    elsewhere = "".join(f"<url><loc>https://else.x/{n}.html</loc></url>" for n in range(9000))
    big = _urlset("big.x", range(3)).replace(b"</urlset>", elsewhere.encode() + b"</urlset>")
    assert len(big) > _CAP
    _blog(web, "big.x", {"/sitemap.xml": Response(200, (("Content-Type", "text/xml"),), big)})
    return web


@pytest.fixture(scope="module")
def config() -> Iterator[Config]:
    with SampleWeb(_web()) as site:
        yield config_for(site, retries=0, timeout=10.0, max_bytes=_CAP)


@pytest.mark.parametrize("host", ["gz.x", "xgz.x", "index.x"])
def test_a_gzip_sitemap_gives_its_posts(config: Config, host: str) -> None:
    found, _requests = run_discovery(config, f"https://{host}/")
    assert sorted(page.url for page in found.pages) == [
        f"https://{host}/2025/01/p{n}.html" for n in range(3)
    ]
    assert found.failed == ()


def test_a_gzip_sitemap_named_as_the_input_gives_its_posts(config: Config) -> None:
    found, _requests = run_discovery(config, "https://gz.x/sitemap.xml.gz")
    assert len(found.pages) == 3 and found.failed == ()


def test_a_gzip_bomb_is_a_listing_cut_at_the_cap(config: Config) -> None:
    found, _requests = run_discovery(config, "https://bomb.x/")
    assert found.pages == ()
    assert [(u.url, u.listing) for u in found.failed] == [
        ("https://bomb.x/sitemap.xml.gz", "sitemap")
    ]
    assert "max-bytes" in found.failed[0].reason


def test_a_bomb_beside_a_good_sitemap_is_said_and_the_posts_found(config: Config) -> None:
    found, _requests = run_discovery(config, "https://mixed.x/")
    assert sorted(page.url for page in found.pages) == [
        f"https://mixed.x/2025/01/p{n}.html" for n in range(2)
    ]
    bomb = ("https://mixed.x/bomb.xml.gz", "sitemap")
    assert [(u.url, u.listing) for u in found.failed] == [bomb]


def test_a_sitemap_cut_by_the_cap_is_read_up_to_it_and_said(config: Config) -> None:
    found, _requests = run_discovery(config, "https://big.x/")
    assert len(found.pages) == 3  # the posts before the cap (the rest of it names another host)
    assert [(u.url, u.listing) for u in found.failed] == [("https://big.x/sitemap.xml", "sitemap")]
    assert "max-bytes" in found.failed[0].reason


def test_gunzip_is_bounded_in_memory_and_time() -> None:
    """The bomb inflates to 1 GiB; reading it costs the cap: CPU against a 1 MB sitemap's."""
    normal = gzip.compress(_urlset("n.x", range(20_000)))
    assert len(gzip.decompress(normal)) > _CAP
    bomb = _bomb()  # built (and cached) before the clock starts: its making is no reading
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.process_time()
    normal_out = gunzip_file(Body(normal, False), "application/gzip", _CAP)
    normal_cost = time.process_time() - start
    start = time.process_time()
    bomb_out = gunzip_file(Body(bomb, False), "application/x-gzip; charset=binary", _CAP)
    bomb_cost = time.process_time() - start
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert normal_out is not None and normal_out.truncated and len(normal_out.data) == _CAP
    assert bomb_out is not None and bomb_out.truncated and len(bomb_out.data) == _CAP
    assert bomb_cost < 20 * max(normal_cost, 1e-3)
    assert grown_kib < 50_000  # far below the 1 GiB it would inflate to


def test_only_a_gzip_file_is_gunzipped() -> None:
    data = gzip.compress(b"<urlset/>")
    assert gunzip_file(Body(data, False), "application/octet-stream", _CAP) is None
    assert gunzip_file(Body(b"<urlset/>", False), "application/gzip", _CAP) is None
    assert gunzip_file(Body(b"\x1f\x8bnot gzip", False), "application/gzip", _CAP) is None
    small = gunzip_file(Body(data, False), "application/gzip", _CAP)
    assert small == Body(b"<urlset/>", False)
