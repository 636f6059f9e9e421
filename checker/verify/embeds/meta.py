"""Instagram, Facebook and Threads embeds: not verified, and the verdict says why.

Meta's oEmbed endpoints (``instagram_oembed``, ``oembed_post``) require an app access token, and
the public post pages answer a robot with a login wall whatever the post's state, so no keyless
answer can tell a live post from a deleted one.  Guessing would be worse than saying so: the
verdict is ``skipped`` with a note, and no finding.
"""

from __future__ import annotations

from checker.model import Citation, Fetcher, Status
from checker.verify.embeds._common import EmbedVerdict

__all__ = ["verify"]

_REASON = (
    "meta: no keyless endpoint (oEmbed needs an app token; post pages show a login wall),"
    " so the post was not verified"
)


async def verify(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """Always ``skipped``: there is nothing public to ask."""
    del fetcher, mirror_accounts
    return EmbedVerdict(Status.SKIPPED, note=_REASON, final_url=citation.url)
