"""Cited URLs built to mislead a reader: hidden bidirectional controls and look-alike hosts.

A URL can read as something it is not.  A right-to-left override (U+202E) makes
``invoice<U+202E>gpj.exe`` display as ``invoiceexe.jpg``; a host label that mixes scripts
(``pаypal.com`` with a Cyrillic ``а``), or that is all Cyrillic or Greek letters shaped like
Latin ones under a Latin top-level domain (``аррӏе.com``), passes for another site, in Unicode
or hidden in punycode (``xn--…``).  Browsers show such hosts as punycode; citecheck warns
(``deceptive-url``) and shows the URL with the hidden characters percent-encoded.

The rules follow browsers' IDN display policy in small: letters only (digits and hyphens belong
to every script), Japanese, Chinese and Korean labels may mix their scripts with Latin, and
nothing here is a regex over the URL.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from checker.encoding import BIDI_CONTROLS, reveal_url
from checker.findings import Code
from checker.model import Finding

__all__ = ["deceptive_url", "label_scripts", "lookalike_label"]

# Script sets a single label may combine, as browsers allow (Japanese, Chinese, Korean).
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
# Cyrillic and Greek letters that look like Latin ones: a label made only of these, under a
# Latin top-level domain, is a whole-script look-alike (``аррӏе.com``).
_LATIN_LOOKALIKES = frozenset(
    "авсdеһіјкӏмнорԛѕтԁսхуԝзьгпшъ"  # Cyrillic
    "αβεικνορτυχγ"  # Greek
)
_CONFUSABLE_SCRIPTS = frozenset({"CYRILLIC", "GREEK"})
# Country domains where that script is the local one: a Cyrillic name under .ru is just Russian.
_LOCAL_TLDS = {
    "CYRILLIC": frozenset({"ru", "su", "ua", "by", "kz", "kg", "bg", "mk", "rs", "me", "mn", "tj"}),
    "GREEK": frozenset({"gr", "cy"}),
}


def deceptive_url(url: str) -> list[Finding]:
    """A ``deceptive-url`` warning for ``url``, or none: hidden bidi controls, look-alike host."""
    if url.isascii() and "xn--" not in url.lower():
        return []  # no control character, no letter of another script (issue 19: CPU per URL)
    reasons: list[str] = []
    controls = sorted({f"U+{ord(c):04X}" for c in url if c in BIDI_CONTROLS})
    if controls:
        reasons.append(
            f"it hides bidirectional control characters ({', '.join(controls)}) "
            "that change the order it reads in"
        )
    host = _hostname(url)
    labels = host.split(".") if host else []
    tld = _unicode_label(labels[-1]) if labels else ""
    for label in labels:
        why = lookalike_label(_unicode_label(label), tld=tld)
        if why:
            reasons.append(f"its host {_ascii_host(labels)} {why}")
            break
    if not reasons:
        return []
    return [
        Finding.of(
            Code.DECEPTIVE_URL,
            f"the cited URL {reveal_url(url)} can pass for another: {'; '.join(reasons)}",
            suggestion="check where the link really goes and write it in plain characters",
        )
    ]


def lookalike_label(label: str, *, tld: str) -> str | None:
    """Why a host label (in Unicode) under top-level domain ``tld`` can pass for another."""
    scripts = label_scripts(label)
    if len(scripts) > 1 and not any(scripts <= mix for mix in _ALLOWED_MIXES):
        return f"mixes {' and '.join(s.title() for s in sorted(scripts))} letters in “{label}”"
    if len(scripts) != 1 or not tld.isascii():
        return None
    [script] = scripts
    if script not in _CONFUSABLE_SCRIPTS or tld in _LOCAL_TLDS[script]:
        return None
    if all(c in _LATIN_LOOKALIKES for c in label.lower() if c.isalpha()):
        return f"is written in {script.title()} letters that look Latin: “{label}”"
    return None


def label_scripts(label: str) -> frozenset[str]:
    """The scripts of the letters of ``label`` (``LATIN``, ``CYRILLIC``, ``HAN``, …)."""
    return frozenset(s for c in label if c.isalpha() and (s := _script(c)))


def _script(char: str) -> str:
    words = unicodedata.name(char, "").split()
    if words and words[0] in {"HALFWIDTH", "FULLWIDTH"}:
        words = words[1:]
    if not words:
        return ""
    first = words[0]
    if first == "CJK":
        return "HAN"
    if first.startswith("KATAKANA"):
        return "KATAKANA"
    return first


def _hostname(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _unicode_label(label: str) -> str:
    """A punycode label (``xn--…``) decoded, so a look-alike cannot hide in ASCII."""
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label


def _ascii_host(labels: list[str]) -> str:
    """The host as browsers show a suspicious one: punycode (``xn--pypal-4ve.com``)."""
    shown = []
    for label in labels:
        try:
            shown.append(label if label.isascii() else "xn--" + label.encode("punycode").decode())
        except UnicodeError:
            shown.append(label)
    return ".".join(shown)
