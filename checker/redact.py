"""Secrets out of everything a person or an artifact upload can see.

A cited URL may carry credentials: ``https://user:pass@host/…`` or a token in its query
(``access_token``, ``sig``, ``X-Amz-Signature``, …).  The request needs them, so the fetcher
keeps the URL as written in memory; every report, annotation, log line, store row and WARC
record shows the redacted form instead.  Redaction is a pure function of the string, so the same
URL always redacts the same way and reports stay comparable across runs.

The scans here are linear (no backtracking pattern runs on input-controlled text).
"""

from __future__ import annotations

import re
from typing import Any, AnyStr
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from checker.bounded import kept_bounded

__all__ = [
    "REDACTED",
    "carries_secret",
    "is_secret_parameter",
    "redact_echoes",
    "redact_text",
    "redact_url",
]

REDACTED = "REDACTED"
"""What a secret's value is replaced with (URL-safe, so a redacted URL still parses)."""

_SECRET_NAMES = frozenset(
    {
        "access_token",
        "accesstoken",
        "api_key",
        "apikey",
        "api-key",
        "auth",
        "authorization",
        "client_secret",
        "code",
        "id_token",
        "jsessionid",
        "jwt",
        "key",
        "pass",
        "passwd",
        "password",
        "phpsessid",
        "private_token",
        "pwd",
        "refresh_token",
        "secret",
        "session",
        "sessionid",
        "sid",
        "sig",
        "signature",
        "token",
        "x-amz-credential",
        "x-amz-security-token",
        "x-amz-signature",
        "x-goog-credential",
        "x-goog-signature",
    }
)
_SECRET_SUFFIXES = (
    "_token",
    "-token",
    "_secret",
    "-secret",
    "_key",
    "-key",
    "signature",
    # the access key of a signed URL of S3's v2 (``AWSAccessKeyId``), Alibaba OSS's
    # (``OSSAccessKeyId``) or GCS's v2 (``GoogleAccessId``): the credential's half that
    # ``Signature`` is made with, as ``X-Amz-Credential`` is in the v4 URLs (probe 28)
    "accesskeyid",
    "accessid",
)

# The separators of query fields (``&``, and ``;`` that servers also accept) and of path parameters
_QUERY_SEPARATORS = re.compile(r"([&;])")
_PATH_SEPARATORS = re.compile(r"([/;])")

# Services whose credential is a segment of the path, not a query value: a webhook's URL is its
# secret (whoever holds it may post as the hook), and a Telegram bot's token opens the bot.  Each
# maps a host to the path's leading segments that name the service, after which every segment
# (Slack: after its two ids, Discord: after the hook's id) is the token.
_PATH_TOKEN_HOSTS: dict[str, tuple[tuple[str, ...], int]] = {
    "hooks.slack.com": (("services",), 2),
    "hooks.slack-gov.com": (("services",), 2),
    "discord.com": (("api", "webhooks"), 1),
    "discordapp.com": (("api", "webhooks"), 1),
    "canary.discord.com": (("api", "webhooks"), 1),
    "ptb.discord.com": (("api", "webhooks"), 1),
}
_PATH_TOKEN_MARKS = ("/services/", "/webhooks/", "/bot")
"""Cheap marks of a URL whose path may hold a token (:func:`redact_url`'s fast path, which
writes them out: a test holds the two together)."""
_TELEGRAM_HOST = "api.telegram.org"
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_JWT_HEAD = "eyJ"
"""Every JWT starts so: its header is base64url of ``{"``."""
_JWT_PARTS = (3, 5)
"""A signed JWT (JWS compact: header.payload.signature) or an encrypted one (JWE: five)."""

# Credentials whose own prefix says what they are (GitHub's ``ghp_``/``github_pat_``, GitLab's
# ``glpat-``, Slack's ``xoxb-``, Stripe's secret keys, npm's and PyPI's upload tokens): a secret
# wherever it stands, a path's segment or a query value of any name, since no parameter's name
# tells (``/gone/ghp_…`` was shown whole in every format: session 33's probe).  Looked for as
# substrings first (:func:`_has_token_prefix`): a pattern of these alternatives searched over
# every text of a bench run's report took 71 M instructions to 113 M (session 34).  Session 37
# added the kinds none of these caught, each shown whole in every output before: OpenAI's
# project, service-account and admin keys, Anthropic's, Slack's app-level and rotating
# (``xoxe-``) tokens, AWS access key ids (long-lived ``AKIA``, temporary ``ASIA``), Google API
# keys and Hugging Face's tokens.
_TOKEN_PREFIXES = (
    *("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-"),
    *("xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "sk_live_", "rk_live_", "npm_", "pypi-"),
    *("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-", "xapp-", "xoxe-", "hf_"),
    *("AKIA", "ASIA", "AIza"),
    "sk-",  # OpenAI's legacy keys (after the longer ``sk-…-`` prefixes: tried in this order)
)
# Where such a token may start: at a prefix after anything but a letter or a digit (a ``_``
# or ``-`` too: ``/backup-ghp_…``, ``?t=Bearer_ghp_…`` were shown whole, session 34's review),
# or after a ``%XX`` escape, a doubly encoded one (``%2520ghp_…``) or a JSON string's escape
# (``\n``, ``\u00a0``: the memo tests the JSON it writes, session 34's review).  The token
# is the run of base64url characters from there (:data:`_RUN`).
_TOKEN_START = re.compile(
    r"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2})|(?<=%25[0-9A-Fa-f]{2})"
    r"|(?<=\\[nrtbf])|(?<=\\u[0-9A-Fa-f]{4}))"
    rf"(?:{'|'.join(map(re.escape, _TOKEN_PREFIXES))})"
)
_RUN = re.compile(r"[A-Za-z0-9_-]*")
_MIN_BODY = 16
"""Base64url characters a token has after its prefix, at least."""
_GITHUB_BODY = re.compile(r"[A-Za-z0-9]{36}")
_OPENAI_LEGACY_MARK = "T3BlbkFJ"
"""The middle of every legacy OpenAI key (``sk-`` and 48 base62: 20, this, 20; base64 of
``OpenAI``): ``sk-`` alone starts many slugs (``/task-sk-…``), the mark none."""
PREFIX_NEEDS = {"sk-": _OPENAI_LEGACY_MARK}
"""A prefix the fast path (:func:`_has_plain_token_prefix`) looks for only with a piece every
credential of its kind holds besides it: a text with the prefix and not the piece holds none."""
_TOKEN_BODIES: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"), _GITHUB_BODY),
    "github_pat_": re.compile(r"[A-Za-z0-9_]{22}"),
    "glpat-": re.compile(r"[A-Za-z0-9_-]{20}"),
    **dict.fromkeys(("sk_live_", "rk_live_"), re.compile(r"[A-Za-z0-9]{24}")),
    "pypi-": re.compile(r"AgE[A-Za-z0-9_-]{13}"),
    **dict.fromkeys(("sk-proj-", "sk-svcacct-", "sk-admin-"), re.compile(r"[A-Za-z0-9_-]{40}")),
    "sk-ant-": re.compile(r"(?:api|admin|oat)[0-9]{2}-[A-Za-z0-9_-]{40}"),
    "hf_": re.compile(r"[A-Za-z0-9]{30}"),
    "AIza": re.compile(r"[A-Za-z0-9_-]{35}"),
    **dict.fromkeys(("AKIA", "ASIA"), re.compile(r"[A-Z0-9]{16}(?![A-Za-z0-9])")),
    "xapp-": re.compile(r"[0-9]-[A-Z0-9]{8,16}-[0-9]{8,16}-[A-Za-z0-9]{10}"),
    "sk-": re.compile(rf"[A-Za-z0-9]{{20}}{_OPENAI_LEGACY_MARK}[A-Za-z0-9]{{20}}"),
}
"""What follows each prefix in the real credential, at least (GitHub's 36 characters of
base62, npm's the same, a fine-grained PAT's 22 before its ``_``, GitLab's 20, Stripe's 24, a
PyPI macaroon's ``AgE``: its version byte and location field, base64url; OpenAI's 40 of the
~150 base64url its project, service-account and admin keys hold, Anthropic's key kind and
version (``api03-``) and 40 of its 95; Hugging Face's 30 of 34 letters, Google's 35; an AWS key
id's 16 upper-case letters and digits, exactly; a Slack app token's version, app id and
number; a legacy OpenAI key's mark between its 20s).  A slug is none:
``/pypi-trusted-publishing-explained``, ``/npm_package_lock_explained_simply`` and
``/ghs_installation_access_tokens`` were redacted, and their archive copies withheld (review of
session 33); what it matched must also hold an upper-case letter and a lower-case one or a
digit (see :func:`_is_token`)."""
_SHAPED = frozenset(("AKIA", "ASIA", "xapp-"))
"""Prefixes whose body's shape alone says it is the credential, no letter case asked: an AWS key
id is upper-case by definition (16 of base32's letters and digits: one in ~30 has no digit),
and a Slack app token's numbered ids no slug has, as the numbered Slack tokens' (
:data:`_SLACK_BODY`)."""
_DIGITS = frozenset("0123456789")
_SLACK_BODY = re.compile(r"[0-9]+-[0-9]+-[A-Za-z0-9-]{10}")
"""Slack's ``xoxb-<team>-<bot>-<secret>``, ``xoxp-<team>-<user>-<id>-<hex>``: two numbers and
their dashes first, which no slug has (``xoxb-2024-guide-to-slack-bot-tokens``,
``xoxp-101-things-about-user-tokens`` were redacted: session 34's review); a legacy token's
hex is lower-case, so no letter case is asked."""
_SLACK_ROTATING = re.compile(r"1-[A-Za-z0-9_-]{20}")
"""A rotating Slack token's body (``xoxe.xoxp-1-Mi0y…``): base64 after ``1-``, asked for
mixed case as the other prefixes' bodies are."""
# A URL inside free text: a scheme and everything up to white space or a closing delimiter.
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,20}://[^\s<>\"'`]+")
# How deep a URL inside a URL is looked into (an archive lookup's ``?url=``, a replay URL's path,
# a redirector's ``?u=``): a fixed bound, so input cannot make the redaction recurse further.
_MAX_NESTED = 3


def is_secret_parameter(name: str) -> bool:
    """Whether a query parameter of this name carries a credential (case-insensitive)."""
    lowered = unquote(name).strip().lower()
    return lowered in _SECRET_NAMES or lowered.endswith(_SECRET_SUFFIXES)


def carries_secret(url: str) -> bool:
    """Whether ``url`` holds something :func:`redact_url` would hide (credentials, a token, a URL
    inside it that does): such a URL is never handed to a third party such as an archive."""
    return redact_url(url) != url


def redact_echoes(text: AnyStr, *urls: str | None) -> AnyStr:
    """``text`` (a response to ``urls``: the URL asked for, the one answered after redirects;
    decoded, or its bytes as a WARC record keeps them) with each secret those URLs hold
    (:func:`secret_pieces`) replaced wherever it echoes them: a page's canonical link,
    ``og:url`` or "page not found: …" repeats the URL asked for, its ``?access_token=…`` with
    it, and the store and the WARC kept that body whole (session 38's note).  A URL with no
    secret costs one look into :func:`redact_url`'s table."""
    marker: Any = REDACTED if isinstance(text, str) else REDACTED.encode()
    for url in urls:
        if url is None or redact_url(url) == url:
            continue
        for piece in secret_pieces(url):
            written: Any = piece if isinstance(text, str) else piece.encode("utf-8", "replace")
            if written in text:
                text = text.replace(written, marker)
    return text


_ECHO_MIN_CHARS = 8
"""The shortest secret looked for in a text: a shorter one (``?pin=1``) is no secret worth the
words of a page it would cut (``Welcome, admin`` for a user name)."""


def _looks_drawn(piece: str) -> bool:
    """Whether ``piece`` reads as a drawn secret, not a word: :data:`_ECHO_MIN_CHARS` long and of
    two kinds of character at least (lower and upper case, digits, the rest).  A password
    ``password`` replaced in a stored body would make a warm run miss a quote holding the word
    (a false ``quote-not-found``); a token, a key, a generated password has two kinds."""
    if len(piece) < _ECHO_MIN_CHARS:
        return False
    kinds = (
        any(c.islower() for c in piece),
        any(c.isupper() for c in piece),
        any(c.isdigit() for c in piece),
        not piece.isalnum(),
    )
    return sum(kinds) >= 2


def secret_pieces(url: str) -> tuple[str, ...]:
    """What :func:`redact_url` hides of ``url`` that reads as a drawn secret (:func:`_looks_drawn`),
    each piece as written and decoded, the longest first; a userinfo's password alone too (a page
    greets its user, not ``user:pw``).  Found by laying the redacted form over ``url``: where the
    two do not align (a form the redaction changed otherwise), none, and the text keeps what it
    has."""
    kept = redact_url(url).split(REDACTED)
    if len(kept) == 1 or not url.startswith(kept[0]):
        return ()
    pieces: set[str] = set()
    at = len(kept[0])
    for index, after in enumerate(kept[1:], start=1):
        end = url.find(after, at + 1) if after else len(url)
        if end <= at or (not after and index < len(kept) - 1):
            return ()
        piece = url[at:end]
        pieces.update((piece, unquote(piece)))
        if "@" in after[:1] and ":" in piece:  # userinfo: the password alone
            password = piece.split(":", 1)[1]
            pieces.update((password, unquote(password)))
        at = end + len(after)
    if at != len(url):
        return ()
    return tuple(sorted(filter(_looks_drawn, pieces), key=len, reverse=True))


_REDACTED_URLS: dict[str, str] = {}
"""Each URL :func:`redact_url` was given, and its redacted form: a run redacts one cited URL 4-6
times (its store row, the verdict's rows, each report's writer), ~5 K instructions each for a
plain one (session 36).  Bounded (:func:`~checker.bounded.kept_bounded`): at most
:data:`_REDACTED_URLS_MOST` URLs of at most :data:`_KEPT_URL_CHARS` characters each."""
_REDACTED_URLS_MOST = 4096
_KEPT_URL_CHARS = 2048
"""Longer URLs (a ``data:`` URI, a 49 MB line's) are redacted each time, not kept: the table's
memory stays at a few MB whatever the input."""


def redact_url(url: str) -> str:
    """``url`` with its password (and user name) and secret query values replaced
    (:func:`_redacted_url`), from :data:`_REDACTED_URLS` when it was redacted before: a pure
    function of the string, so the table changes no answer."""
    known = _REDACTED_URLS.get(url)
    if known is not None:
        return known
    redacted = _redacted_url(url, _MAX_NESTED)
    if len(url) > _KEPT_URL_CHARS:
        return redacted
    return kept_bounded(_REDACTED_URLS, url, redacted, _REDACTED_URLS_MOST)


def _redacted_url(url: str, depth: int) -> str:
    """``url`` with its password (and user name) and secret query values replaced.

    ``https://user:pw@host/p?token=abc&page=2`` becomes
    ``https://REDACTED@host/p?token=REDACTED&page=2``.  A URL carried inside it is redacted
    too, percent-encoded or not: the archive is asked about a cited URL by
    ``…/wayback/available?url=https%3A%2F%2Fuser%3Apw%40host…`` and replays it at
    ``…/web/2025/https://user:pw@host/…``, and those URLs reach the WARC and the reports.
    Anything that does not parse as a URL is returned with a coarse cut of what looks like
    userinfo, never raised over.
    """
    if not _may_hold_secret(url):
        return url  # the common case: nothing that could be a secret
    try:
        parts = urlsplit(url)
    except ValueError:
        return _coarse(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}@{netloc.rsplit('@', 1)[1]}"
    path = _redact_fields(parts.path, _PATH_SEPARATORS) if ";" in parts.path else parts.path
    # a fully qualified host (``hooks.slack.com.``) is the same host
    path = _redact_path_token((parts.hostname or "").lower().rstrip("."), path)
    if depth and "://" in path:
        path = _redact_nested(path, depth - 1)
    query = _redact_query(parts.query, depth)
    fragment = _redact_query(parts.fragment, depth) if "=" in parts.fragment else parts.fragment
    path, query, fragment = _redact_tokens(path), _redact_tokens(query), _redact_tokens(fragment)
    changed = (netloc, path, query, fragment) != (
        parts.netloc,
        parts.path,
        parts.query,
        parts.fragment,
    )
    if not changed:
        return url
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def redact_text(text: str) -> str:
    """Every URL inside ``text`` (a message, a log line) redacted with :func:`redact_url`.

    A text with no mark of a secret anywhere has no URL that :func:`redact_url` would change:
    it is returned without looking for its URLs (the search was ~0.6 ms of a page's posts
    kept in the memo, 15 KB of JSON, a cold store's largest row; issue 19)."""
    if "://" not in text:
        return _redact_tokens(text)  # ``Bad credentials ghp_…``: a token needs no URL
    if not _may_hold_secret(text):
        return text
    return _redact_tokens(_redact_loose(_URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)))


# What a URL written with a space in it (``https://u:p w@host/``, ``…/a b?token=x``) leaves
# after the URL found in the text ends at the space: its userinfo with a password and its
# ``name=value`` fields, wherever they stand.  The password is what userinfo can be: no
# quote, comma or ``;`` and at most one space (two pieces), so a text's later ``@`` is not
# taken for its end (``https://host:8080 is down; mail admin@example.org`` was shown as
# ``https://REDACTED@example.org``); each piece possessive, so each ``://`` is scanned once.
# A field stands after a URL's separator or a space, a fragment's ``#`` too.
_USERINFO_PIECE = r"[^/?#@\s\"'`,;<>]*+"
_LOOSE_USERINFO = re.compile(
    rf"(?<=://)[^/?#@\s:\"'`,;<>]*+:{_USERINFO_PIECE}(?: {_USERINFO_PIECE})?(?=@)"
)
_LOOSE_FIELD = re.compile(r"(?<=[?&;#\s])([\w.\[\]%-]{1,64})=([^&;#\s<>\"'`]++)")


def _redact_loose(text: str) -> str:
    """``text`` (its URLs redacted) with what a URL cut at a space left unredacted hidden: a
    password before an ``@`` after ``://`` and a secret field (``token=…``, a JWT) anywhere
    in the text.  A message quoting ``https://u:pw@bad host/?token=x`` showed ``?token=x``,
    the URL found in it ending at the space (session 28's leftover).  A field is the same
    secret in a URL or beside one: a message is never shown one."""
    if "=" in text:
        text = _LOOSE_FIELD.sub(_loose_field, text)
    if "@" in text:
        text = _LOOSE_USERINFO.sub(REDACTED, text)
    return text


def _loose_field(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    if value != REDACTED and (is_secret_parameter(name) or _is_jwt(value)):
        return f"{name}={REDACTED}"
    return match.group(0)


def _may_hold_secret(text: str) -> bool:
    """Whether ``text`` holds anything :func:`redact_url` could hide (userinfo, a field's value,
    a token in a path); False: any URL in it is its own redacted form.  The path's marks in any
    case, as :func:`_redact_path_token` reads the service's names: ``/SERVICES/`` was left
    unread, its webhook token shown (session 27's probe)."""
    if "@" in text or "=" in text or _has_token_prefix(text) or _has_path_mark(text.lower()):
        return True
    # a mark written with escapes (``/%73ervices/``: the server reads ``/services/``), looked
    # for only in a text escaping a letter, which a page's URLs do not (:data:`_PREFIX_ESCAPE`)
    return (
        "%" in text
        and _PREFIX_ESCAPE.search(text) is not None
        and _has_path_mark(unquote(text).lower())
    )


def _has_path_mark(lowered: str) -> bool:
    """Whether ``lowered`` holds a mark of :func:`_redact_path_token`'s paths (each mark an
    ``in``: a ``map`` of ``__contains__`` was 4.4 K instructions a bench URL, these 2.0 K;
    issue 19, session 36)."""
    return "/services/" in lowered or "/webhooks/" in lowered or "/bot" in lowered


def _redact_query(query: str, depth: int = 0) -> str:
    return _redact_fields(query, _QUERY_SEPARATORS, depth) if "=" in query else query


def _redact_fields(text: str, separators: re.Pattern[str], depth: int = 0) -> str:
    """Each ``name=value`` field of ``text`` (split at ``separators``, kept) with secrets replaced.

    A path is split at ``/`` and ``;`` so that a path parameter (``/cart;jsessionid=…``) is a
    field; a plain segment holds no ``=`` worth a look and is kept as it is.  With ``depth``
    left, a value that holds a URL has that URL redacted (see :func:`_redact_value`).
    """
    fields = []
    for field in separators.split(text):
        name, sep, value = field.partition("=")
        if sep and value and (is_secret_parameter(name) or _is_jwt(value)):
            fields.append(f"{name}={REDACTED}")
        elif sep and depth and ("://" in value or "%3a%2f%2f" in value.lower()):
            fields.append(f"{name}={_redact_value(value, depth - 1)}")
        else:
            fields.append(field)
    return "".join(fields)


def _is_jwt(value: str) -> bool:
    """Whether a query value is a JSON Web Token, whatever the parameter's name (``?t=eyJ…``):
    a bearer credential by its shape alone.  A split and a character-set test, linear."""
    parts = unquote(value).split(".")
    return (
        len(parts) in _JWT_PARTS
        and parts[0].startswith(_JWT_HEAD)
        and bool(parts[1])
        and all(set(part) <= _BASE64URL for part in parts)
    )


def _is_token(prefix: str, text: str, start: int) -> bool:
    """Whether ``prefix`` (one of :data:`_TOKEN_PREFIXES`) and what follows it in ``text`` from
    ``start`` (a base64url run) are a credential: the body starts as the real ones do
    (:data:`_TOKEN_BODIES`, :data:`_SLACK_BODY`, :data:`_SLACK_ROTATING`) and, but for Slack's
    numbered ones, what matched holds an upper-case letter and a lower-case one or a digit, as a
    random string of that length does but a slug (``pypi-trusted-publishing``,
    ``glpat-token-rotation-guide``) does not: a token drawn from 62 characters lacks an
    upper-case letter in 36 characters once in ~3e8 (GitLab's 20: once in ~3e4).  Each test
    reads a bounded length, so a long run with many prefixes in it costs its length."""
    if prefix[:3] == "xox":
        if _SLACK_BODY.match(text, start) is not None:
            return True
        body = _SLACK_ROTATING.match(text, start)
    else:
        body = _TOKEN_BODIES[prefix].match(text, start)
    if body is None or prefix in _SHAPED:
        return body is not None
    head = body.group()
    return head.lower() != head and (head.upper() != head or not _DIGITS.isdisjoint(head))


def _redact_tokens(text: str) -> str:
    """``text`` (a URL's path, query or fragment, a message) with every prefixed credential in
    it replaced, from its prefix (:data:`_TOKEN_START`) to the end of its run, wherever it
    stands: a whole segment or value, or a part of one (``/ghp_….txt``, ``?q=Bearer+ghp_…``,
    ``#/settings/ghp_…``, ``?a=1&ghp_…``, ``/backup-ghp_…``), written plain or with escapes in
    it (``ghp%5F…``, ``%67hp_…``: what the server reads is the token; :func:`_escaped_spans`)."""
    if not _has_token_prefix(text):
        return text
    spans = _token_spans(text)
    if "%" in text:
        spans = sorted(spans + _escaped_spans(text))
    pieces: list[str] = []
    kept = 0
    for begin, end in spans:
        if end > kept:  # (an escaped run's span may hold a plain one's)
            pieces += (text[kept : max(begin, kept)], REDACTED)
            kept = end
    return "".join(pieces) + text[kept:] if pieces else text


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Where each prefixed credential of ``text`` stands, written plain: from its prefix to the
    end of its base64url run.  A prefix that starts no token (a slug's ``pypi-``) is passed over
    and the search goes on inside its run: ``/npm_ghp_…`` is found.  The search only moves
    forward and each run's end is found once: linear."""
    spans: list[tuple[int, int]] = []
    run_end = pos = 0
    while (found := _TOKEN_START.search(text, pos)) is not None:
        begin, pos = found.span()
        if begin >= run_end:
            run_end = _RUN.match(text, begin).end()  # type: ignore[union-attr]  # matches ""
        if run_end - pos >= _MIN_BODY and _is_token(found.group(), text, pos):
            spans.append((begin, run_end))
            pos = run_end
    return spans


_ESCAPED_RUN = re.compile(r"(?:[A-Za-z0-9_-]++|%[0-9A-Fa-f]{2})++")
"""A run of base64url characters and ``%XX`` escapes (each alternative starts with its own
characters: no backtracking)."""


def _escaped_spans(text: str) -> list[tuple[int, int]]:
    """:func:`_token_spans` of each run of ``text`` written with escapes (:data:`_ESCAPED_RUN`),
    read as the server decodes it, mapped back to where the token's characters stand as written:
    ``?t=ghp%5F…`` and ``/sk%5Flive%5F…`` were shown whole (session 34's note).  Each run is
    decoded once, a character at a time: linear."""
    spans: list[tuple[int, int]] = []
    for run in _ESCAPED_RUN.finditer(text):
        written = run.group()
        if "%" not in written:
            continue
        skips = [0]
        if (
            run.start()
            and text[run.start() - 1] == "\\"
            and (json_escape := _JSON_ESCAPE.match(written))
        ):
            skips.append(json_escape.end())
        for skip in skips:
            decoded, origins = _unescaped(written[skip:])
            for begin, end in _token_spans(decoded):
                last = skip + origins[end - 1]
                width = 3 if written[last] == "%" else 1
                spans.append((run.start() + skip + origins[begin], run.start() + last + width))
    return spans


_JSON_ESCAPE = re.compile(r"[nrtbf]|u[0-9A-Fa-f]{4}")
"""What follows a JSON string's ``\\`` at a run's start: the run's token starts after it (the
memo's JSON writes each non-ASCII character so, ``\\u306fghp%5F…`` for ``はghp%5F…``, and
its run ``u306fghp…`` hid the token: session 38's note), or at the run's start if a ``\\``
is a path's (``C:\\npm%5F…``): both are read."""


def _unescaped(written: str) -> tuple[str, list[int]]:
    """``written`` (a run of :data:`_ESCAPED_RUN`) with each ``%XX`` read as the character of
    that byte, and where each character of the result stands in ``written``."""
    chars: list[str] = []
    origins: list[int] = []
    at = 0
    while at < len(written):
        origins.append(at)
        if written[at] == "%":
            chars.append(chr(int(written[at + 1 : at + 3], 16)))
            at += 3
        else:
            chars.append(written[at])
            at += 1
    return "".join(chars), origins


def _has_token_prefix(text: str) -> bool:
    """Whether ``text`` holds one of :data:`_TOKEN_PREFIXES`, written plain
    (:func:`_has_plain_token_prefix`) or with escapes: one with escapes holds a ``%`` and an
    escape of a letter, ``-`` or ``_`` (:data:`_PREFIX_ESCAPE`), which a page's URLs do not."""
    if _has_plain_token_prefix(text):
        return True
    if "%" not in text or _PREFIX_ESCAPE.search(text) is None:
        return False
    return _has_plain_token_prefix(unquote(text))


_PREFIX_ESCAPE = re.compile(r"%(?:2[dD]|4[1-9A-Fa-f]|5[0-9AaFf]|6[1-9A-Fa-f]|7[0-9Aa])")
"""An escape of a character a token's prefix is written with (an ASCII letter, ``-``, ``_``),
which a browser never escapes: a page's URLs escape other bytes (``%E3%81%82``, ``%20``,
``%2F``), so a text of them is not decoded whole to look for a prefix (~10x the cost of the
redaction of a text with none)."""


def _has_plain_token_prefix(text: str) -> bool:
    """Whether ``text`` holds one of :data:`_TOKEN_PREFIXES` as written: each holds a ``_`` or
    a ``-``, which most of a report's texts (a title, a name, a message) do not: two searches
    say so.  A text with a ``_`` is searched for the prefixes that hold one; a text with a ``-``
    (a slug's URL: every bench URL, most real ones) for three pieces of the others first.  Each
    search an ``in``, no ``map`` of ``str.__contains__``: its call a prefix made this 13.2 K
    instructions a bench URL, fifteen prefixes searched (issue 19, session 36).  The three held
    in neither (AWS's and Google's) start with an upper-case ``A``, which a slug's URL has not:
        one search more says so.  Slack's are looked for behind an ``x``, OpenAI's and
    Anthropic's behind a ``k``.  The prefixes are written out here as in
    :data:`_TOKEN_PREFIXES`: a test finds each of those by this."""
    if "_" in text and (
        "ghp_" in text
        or "gho_" in text
        or "ghu_" in text
        or "ghs_" in text
        or "ghr_" in text
        or "github_pat_" in text
        or "sk_live_" in text
        or "rk_live_" in text
        or "npm_" in text
        or "hf_" in text
    ):
        return True
    if "-" in text:
        # each group behind a letter of its own first (one ``memchr``, a third of a search
        # for a piece ending in ``-``, which a slug is full of)
        if "x" in text and (
            "xapp-" in text
            or (
                "xox" in text
                and (
                    "xoxa-" in text
                    or "xoxb-" in text
                    or "xoxp-" in text
                    or "xoxr-" in text
                    or "xoxs-" in text
                    or "xoxe-" in text
                )
            )
        ):
            return True
        if (
            "k" in text
            and "sk-" in text
            and (
                "sk-proj-" in text
                or "sk-svcacct-" in text
                or "sk-admin-" in text
                or "sk-ant-" in text
                or _OPENAI_LEGACY_MARK in text
            )
        ):
            return True
        if "glpat-" in text or "pypi-" in text:
            return True
    return "A" in text and ("AKIA" in text or "ASIA" in text or "AIza" in text)


def _redact_path_token(host: str, path: str) -> str:
    """``path`` with the token of a webhook or bot URL replaced (:data:`_PATH_TOKEN_HOSTS`):
    ``hooks.slack.com/services/T0/B0/XXXX`` becomes ``…/services/T0/B0/REDACTED``,
    ``discord.com/api/webhooks/123/XXXX`` ``…/webhooks/123/REDACTED`` (also under a versioned
    ``/api/v10/``), ``api.telegram.org/bot123:XXXX/getMe`` ``…/botREDACTED/getMe``.  The
    service's names are read as its server reads them: in any case, escapes decoded
    (``/%73ervices/``, ``/BOT…`` showed the token: session 37's review)."""
    if host == _TELEGRAM_HOST:
        segments = path.split("/")
        for index, segment in enumerate(segments[:3]):  # /bot<token>/…, /file/bot<token>/…
            read = unquote(segment)
            if read[:3].lower() == "bot" and len(read) > len("bot"):
                segments[index] = f"{read[:3]}{REDACTED}"
        return "/".join(segments)
    rule = _PATH_TOKEN_HOSTS.get(host)
    if rule is None:
        return path
    lead, ids = rule
    segments = path.split("/")
    named = [s for s in segments[1:] if not (s[:1] == "v" and s[1:].isdigit())]  # /api/v10/
    if (
        tuple(unquote(s).lower() for s in named[: len(lead)]) != lead
        or len(named) <= len(lead) + ids
    ):
        return path
    token = len(segments) - (len(named) - len(lead) - ids)  # the segment after the ids
    if segments[token]:
        segments[token] = REDACTED
    return "/".join(segments)


def _redact_value(value: str, depth: int) -> str:
    """A query value holding a URL (``url=https%3A%2F%2Fu%3Apw%40h…``), that URL redacted.

    The value keeps its spelling unless a secret was in it; then the redacted URL is written
    percent-encoded when the value was.
    """
    decoded = unquote(value)
    redacted = _redact_nested(decoded, depth)
    if redacted == decoded:
        return value
    return redacted if decoded == value else quote(redacted, safe="")


def _redact_nested(text: str, depth: int) -> str:
    """Every URL inside ``text`` (a path, a decoded query value) redacted, ``depth`` levels on."""
    return _URL_IN_TEXT.sub(lambda m: _redacted_url(m.group(0), depth), text)


def _coarse(url: str) -> str:
    """For a string urlsplit refuses: drop whatever stands between ``//`` and the last ``@``, and
    the secret fields and prefixed tokens after it (``https://[bad/ghp_…`` showed its token)."""
    head, sep, rest = url.partition("//")
    if not sep:
        return url
    authority_end = len(rest)
    for stop in "/?#":
        index = rest.find(stop)
        if index != -1:
            authority_end = min(authority_end, index)
    authority = rest[:authority_end]
    if "@" in authority:
        authority = f"{REDACTED}@{authority.rsplit('@', 1)[1]}"
    return f"{head}//{authority}{_redact_tokens(_redact_query_in(rest[authority_end:]))}"


def _redact_query_in(tail: str) -> str:
    path, sep, query = tail.partition("?")
    return f"{path}?{_redact_query(query)}" if sep else tail
