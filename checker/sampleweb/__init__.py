"""The sample web: a local, offline copy of the pages citecheck's tests and demo check.

Nothing here is part of the checking pipeline.  It exists so that tests and ``citecheck demo`` can
check cited URLs exactly as written without touching the internet: :class:`SampleWeb` serves a
:class:`Web` routing table on 127.0.0.1 over HTTP and HTTPS, and the fetch engine reaches it through
``--connect-to`` and ``--cacert``.  :func:`demo_web` builds the bundled sample blog and the sources
it cites, the second seed's live post of embedded tweets, and the platforms that answer for them.
"""

from __future__ import annotations

from checker.sampleweb.ca import CertificateAuthority
from checker.sampleweb.demo_web import (
    DEMO_BLOG_HOME,
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    DEMO_POST_URLS,
    DEMO_SOURCE_URLS,
    demo_web,
)
from checker.sampleweb.server import Handler, Request, Response, SampleWeb, Web, canonical_target

__all__ = [
    "DEMO_BLOG_HOME",
    "DEMO_BLOG_URL",
    "DEMO_LIVE_POST_URL",
    "DEMO_PLATFORMS_POST_URL",
    "DEMO_POST_URLS",
    "DEMO_SOURCE_URLS",
    "CertificateAuthority",
    "Handler",
    "Request",
    "Response",
    "SampleWeb",
    "Web",
    "canonical_target",
    "demo_web",
]
