"""A credential whose prefix says what it is is redacted wherever it stands in a URL.

GitHub's, GitLab's, Slack's, Stripe's, npm's and PyPI's tokens carry their kind in their first
characters; in a path's segment (``/gone/ghp_…``), a query value of any name or a fragment no
parameter's name tells, and session 33's probe saw one printed whole in every format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.memo import SqliteMemo, encode, keep, recall
from checker.redact import REDACTED, carries_secret, redact_text, redact_url

_GH = "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8"
_PAT = "github_pat_11ABCDEFG0" + "123456789abcdefghij_xyz"
# Shaped as the real ones are (a GitLab token is random: upper-case letters in it; a Slack one
# starts with its team's digits and a dash; a Stripe key is random base62): session 34's review
# made the shape a token's mark, and a slug with a prefix none
_GLPAT = "glpat-" + "xY3zQ9wR" * 2 + "kL7m"
_SLACK = "xoxb-17653672481-19874698323-" + "pdFZKVeTuE8s" * 2
_STRIPE = "sk_live_" + "51HdQ2eLkdIwHu7" * 2


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://a.example/gone/{_GH}/x", f"https://a.example/gone/{REDACTED}/x"),
        (f"https://a.example/{_PAT}", f"https://a.example/{REDACTED}"),
        (f"https://a.example/p?t={_GLPAT}", f"https://a.example/p?t={REDACTED}"),
        (f"https://hooks.example/x?a=1&k={_SLACK}", f"https://hooks.example/x?a=1&k={REDACTED}"),
        (f"https://a.example/x#{_GH}", f"https://a.example/x#{REDACTED}"),
        (f"https://a.example/{_STRIPE}/pay", f"https://a.example/{REDACTED}/pay"),
    ],
)
def test_a_prefixed_token_is_redacted_wherever_it_stands(url: str, expected: str) -> None:
    assert redact_url(url) == expected
    assert carries_secret(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.npmjs.com/cli/npm_install",  # a word, not a token
        "https://a.example/ghp_short",
        "https://a.example/blog/ghp_notes-about-tokens-and-things.html",  # not base64url only
        "https://pypi.org/project/pypi-simple/",
        # slugs: a prefix and 16 base64url characters, but no token's shape (session 34's review:
        # each was shown ``…/REDACTED`` and its archive copy withheld)
        "https://blog.example.com/pypi-trusted-publishing-explained",
        "https://blog.example.com/2024/npm_package_lock_explained_simply",
        "https://docs.example.com/ghs_installation_access_tokens",
        "https://docs.example.com/github_pat_fine_grained_permissions",
        "https://docs.example.com/glpat-token-rotation-guide/",
        "https://a.example/p?topic=npm_install_without_the_lockfile#ghs_installation_tokens_101",
        "https://a.example/xoxb-tokens-and-their-scopes-explained",
        "https://a.example/rk_live_versus_test_keys_explained",
        # a slug with one number after Slack's prefix (session 34's review of mend34o: each
        # was redacted, its archive copy withheld): Slack's numbered tokens have two
        "https://blog.example.com/2024/xoxb-2024-guide-to-slack-bot-tokens",
        "https://blog.example.com/xoxp-101-things-about-user-tokens",
        "https://blog.example.com/xoxp-1-things-about-rotating-user-tokens",
    ],
)
def test_a_word_with_a_prefix_is_no_token(url: str) -> None:
    assert redact_url(url) == url
    assert not carries_secret(url)
    assert redact_text(f"gone: {url} (404)") == f"gone: {url} (404)"


@pytest.mark.parametrize(
    "token",
    [
        "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8",
        "gho_" + "Zz9" * 12,
        "npm_" + "Ab1" * 12,
        _PAT,
        _GLPAT,
        _SLACK,
        "xoxp-4956863578-4956863580-7088478148-ab8bd1" + "0f9e8d7c6b5a4" * 2,
        _STRIPE,
        "pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAw",
        "xoxp-1-Mi0yLTEyMzQ1Njc4OTAtMTIzNDU2Nzg5MDEyMy0xMjM0NTY3ODkwMTIzNC1hYmNkZWY",  # rotating
    ],
)
def test_each_kind_of_real_token_is_one(token: str) -> None:
    assert redact_url(f"https://a.example/{token}") == f"https://a.example/{REDACTED}"


_LEAKS = [
    # a token inside a segment, a value or a fragment, not the whole of it (session 34's review)
    ("https://a.example/x?{t}", "https://a.example/x?{r}"),
    ("https://a.example/x?a=1&{t}", "https://a.example/x?a=1&{r}"),
    ("https://a.example/x#/settings/{t}", "https://a.example/x#/settings/{r}"),
    ("https://a.example/{t}.txt", "https://a.example/{r}.txt"),
    ("https://a.example/p;{t}", "https://a.example/p;{r}"),
    ("https://a.example/token:{t}", "https://a.example/token:{r}"),
    ("https://a.example/x?q=Bearer+{t}", "https://a.example/x?q=Bearer+{r}"),
    ("https://a.example/x?a=%20{t}", "https://a.example/x?a=%20{r}"),
    ("https://a.example/x?q=x,{t}", "https://a.example/x?q=x,{r}"),
    (
        "https://a.example/x?url=https%3A%2F%2Fx%2Fp%3F{t}",
        "https://a.example/x?url=https%3A%2F%2Fx%2Fp%3F{r}",
    ),
    ("https://[bad/{t}", "https://[bad/{r}"),  # urlsplit refuses it
    # after a ``_`` or ``-``, a doubled escape, or a prefix that started no token (session 34's
    # review of mend34o: each shown whole)
    ("https://a.example/backup-{t}.txt", "https://a.example/backup-{r}.txt"),
    ("https://a.example/x?t=Bearer_{t}", "https://a.example/x?t=Bearer_{r}"),
    ("https://a.example/x?t=token-{t}", "https://a.example/x?t=token-{r}"),
    ("https://a.example/x?a=%2520{t}", "https://a.example/x?a=%2520{r}"),
    ("https://a.example/x?a=%253F{t}", "https://a.example/x?a=%253F{r}"),
    ("https://a.example/npm_{t}", "https://a.example/npm_{r}"),
    ("https://a.example/pypi-notes-{t}", "https://a.example/pypi-notes-{r}"),
]


@pytest.mark.parametrize(("url", "expected"), _LEAKS)
def test_a_token_within_a_part_of_a_url_is_redacted(url: str, expected: str) -> None:
    cited = url.format(t=_GH)
    assert redact_url(cited) == expected.format(r=REDACTED)
    assert carries_secret(cited)
    assert redact_text(f"gone: {cited} (404)") == f"gone: {expected.format(r=REDACTED)} (404)"


def test_a_token_in_a_message_without_a_url_is_redacted() -> None:
    assert redact_text(f"Bad credentials {_GH}") == f"Bad credentials {REDACTED}"
    assert redact_text(f"token={_GH}; retry") == f"token={REDACTED}; retry"


def test_a_message_quoting_such_a_url_is_redacted_too() -> None:
    text = f"unreachable: https://a.example/gone/{_GH} (timed out)"
    assert redact_text(text) == f"unreachable: https://a.example/gone/{REDACTED} (timed out)"


@pytest.mark.parametrize("before", ["line\n", "a\u00a0", "tab\t", "https://a.example/x\u00e9"])
def test_a_token_after_a_json_escape_is_kept_out_of_the_memo(tmp_path: Path, before: str) -> None:
    """The memo keeps a value only if redacting its JSON changes nothing; JSON writes ``\\n``
    and ``\\u00a0``, a letter or digit before the token, and the token was kept in the store's
    file (session 34's review of mend34o)."""
    assert encode(f"{before}{_GH}") is None
    assert encode(f"{before}no token") is not None  # near miss: the same value without one
    with SqliteMemo(tmp_path / "memo.sqlite3") as memo:
        keep(memo, "s", "i", (f"{before}{_GH}",))
        assert recall(memo, "s", "i", tuple[str, ...]) is None
