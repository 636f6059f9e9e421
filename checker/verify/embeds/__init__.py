"""Verify embedded social posts: one module per platform, chosen from one table.

Every platform answers the same question — does the post still exist, and is it the post the
embed shows (same account, text and date)? — through its own public, keyless endpoints.  Each
module names its endpoint rules in an ``ENDPOINTS`` table and says in its docstring what their
answers can and cannot tell; :data:`VERIFIERS` picks the module by :class:`Platform`.  The
secondary-source check (a mirror account standing in for the speaker) is a property of the
account shown, not of any endpoint, so it is applied here once for every platform.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from checker.findings import Code
from checker.model import Citation, Fetcher, Finding, Platform, Status
from checker.verify.embeds import bluesky, mastodon, meta, telegram, tiktok, twitter, youtube
from checker.verify.embeds._common import EmbedVerdict
from checker.verify.secondary import secondary_reason

__all__ = ["VERIFIERS", "EmbedVerdict", "EmbedVerifier", "verify_embed"]

EmbedVerifier = Callable[..., Awaitable[EmbedVerdict]]
"""``async (citation, fetcher, *, mirror_accounts) -> EmbedVerdict``."""

VERIFIERS: dict[Platform, EmbedVerifier] = {
    Platform.TWITTER: twitter.verify,
    Platform.BLUESKY: bluesky.verify,
    Platform.TELEGRAM: telegram.verify,
    Platform.YOUTUBE: youtube.verify,
    Platform.MASTODON: mastodon.verify,
    Platform.TIKTOK: tiktok.verify,
    Platform.INSTAGRAM: meta.verify,
    Platform.FACEBOOK: meta.verify,
    Platform.THREADS: meta.verify,
}


async def verify_embed(
    citation: Citation, fetcher: Fetcher, *, mirror_accounts: frozenset[str] = frozenset()
) -> EmbedVerdict:
    """The verdict on one embedded post, including the secondary-source check."""
    verifier = VERIFIERS.get(citation.platform) if citation.platform else None
    if verifier is None:
        verdict = EmbedVerdict(
            Status.SKIPPED, note=f"no verifier for platform {citation.platform or 'unknown'}"
        )
    else:
        verdict = await verifier(citation, fetcher, mirror_accounts=mirror_accounts)
    return _with_secondary(citation, verdict, mirror_accounts)


def _with_secondary(
    citation: Citation, verdict: EmbedVerdict, mirror_accounts: frozenset[str]
) -> EmbedVerdict:
    """Add ``embed-secondary-source`` unless the post is already reported unavailable."""
    if any(f.code is Code.EMBED_UNAVAILABLE for f in verdict.findings):
        return verdict
    cited = citation.cited
    reason = secondary_reason(
        author=cited.author, handle=cited.handle, text=cited.text, mirror_accounts=mirror_accounts
    )
    observed = verdict.observed
    if reason is None and observed is not None and observed.handle != cited.handle:
        reason = secondary_reason(
            author=observed.author,
            handle=observed.handle,
            text=None,
            mirror_accounts=mirror_accounts,
        )
    if reason is None:
        return verdict
    finding = Finding.of(
        Code.EMBED_SECONDARY_SOURCE,
        f"the embed comes from a mirror or aggregator, not the speaker: {reason}",
        suggestion="embed or link the speaker's own post instead",
    )
    return replace(verdict, findings=(*verdict.findings, finding))
