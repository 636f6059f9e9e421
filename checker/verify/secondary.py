"""Is an embed from the speaker, or from an account that reposts someone else?

Mirror and aggregator accounts ("… Posts From His Truth Social", "Trump Daily Posts", fan and
parody accounts, bots) repost a speaker's words from another platform.  Embedding them instead of
the original makes the post depend on a third party's copy, which may be edited, truncated or
fabricated.  This module only reads what the embed shows — the display name, the handle and the
text — plus the configured list of known mirror accounts; it is pure and never fetches.

The patterns are whole words so that news accounts are not caught: "NHKニュース", "Reuters",
"Sputnik 日本", a newsroom's "live updates", "National Archives" all pass.
"""

from __future__ import annotations

import re

from checker.verify.text import clean_space

__all__ = ["secondary_reason"]

_PLATFORMS = (
    r"truth\s*social|instagram|facebook|threads|telegram|tiktok|bluesky|weibo|gettr|parler"
    r"|rumble|youtube|vk|x|twitter"
)
_NAME_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:posts?|tweets?|quotes?|truths?)\s+from\b", re.I), "reposts someone's posts"),
    (
        re.compile(r"\bfrom\s+(?:his|her|their)\s+(?:" + _PLATFORMS + r")\b", re.I),
        "reposts another platform",
    ),
    (re.compile(r"\bun-?official\b|非公式", re.I), "calls itself unofficial"),
    (re.compile(r"\bmirror\b|ミラー", re.I), "calls itself a mirror"),
    (re.compile(r"\barchive\b|アーカイブ", re.I), "calls itself an archive"),
    (
        re.compile(r"\bfan\s*(?:account|page|club)\b|\bfans?\b(?=\s*$)|ファン", re.I),
        "calls itself a fan account",
    ),
    (re.compile(r"\bparody\b|\bsatire\b|パロディ", re.I), "calls itself a parody"),
    (re.compile(r"(?<![a-z])bot(?![a-z])|ボット", re.I), "calls itself a bot"),
    (re.compile(r"(?<!\blive\s)(?<!\bnews\s)\bupdates\b", re.I), "is an updates aggregator"),
    (
        re.compile(r"\bdaily\s+(?:posts?|tweets?|truths?|quotes?)\b", re.I),
        "is a daily-posts aggregator",
    ),
    (re.compile(r"転載|まとめ", re.I), "is a repost aggregator"),
)
_HANDLE_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"daily_?(?:posts?|tweets?|truths?)|posts?from", re.I), "handle of an aggregator"),
    (re.compile(r"mirror|unofficial|parody|fan_?account", re.I), "handle of a mirror account"),
    (re.compile(r"_bot$|^bot_", re.I), "handle of a bot"),
)
_TEXT_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bvia\s+(?:" + _PLATFORMS + r")\b", re.I),
        "says it reposts via another platform",
    ),
    (
        re.compile(
            r"[(\[（【]\s*(?:truth\s*social|instagram|facebook|telegram|tiktok)\s*[)\]）】]", re.I
        ),
        "labels its text as another platform's post",
    ),
    (
        re.compile(r"\b(?:re-?posted|cross-?posted|repost|crosspost)\s+from\b", re.I),
        "says it is reposted",
    ),
    (re.compile(r"\btruth\s*social\s+post\b", re.I), "says it copies a Truth Social post"),
)


def secondary_reason(
    *,
    author: str | None,
    handle: str | None,
    text: str | None,
    mirror_accounts: frozenset[str] = frozenset(),
) -> str | None:
    """Why the account shown looks like a mirror or aggregator, or ``None`` when it does not.

    ``mirror_accounts`` are known mirrors from the configuration: handles, lower-case, no ``@``.
    """
    key = (handle or "").strip().lstrip("@").lower()
    shown = f"@{key}" if key else (author or "the account")
    if key and key in mirror_accounts:
        return f"{shown} is a configured mirror account"
    name = clean_space(author or "")
    for pattern, reason in _NAME_MARKERS:
        if name and pattern.search(name):
            return f"the display name “{name}” {reason}"
    for pattern, reason in _HANDLE_MARKERS:
        if key and pattern.search(key):
            return f"{shown} has the {reason}"
    body = clean_space(text or "")
    for pattern, reason in _TEXT_MARKERS:
        if body and pattern.search(body):
            return f"the post {reason}"
    return None
