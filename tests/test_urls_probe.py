"""The Public Suffix List reader (``urls.domain_parts``) on hostile hosts (session 17 probe)."""

from __future__ import annotations

import time

from checker import urls


def _cpu(host: str) -> float:
    urls._host_parts.cache_clear()
    started = time.process_time()
    for _ in range(3):
        urls._host_parts.cache_clear()
        urls.domain_parts(host)
    return time.process_time() - started


def test_an_overlong_punycode_label_costs_what_any_long_label_costs() -> None:
    """A label of more than 63 characters is no DNS label, so no A-label of a suffix: it is
    not decoded.  Punycode's decoding is quadratic in the label's length (~2.5 s of CPU for a
    200,000-character host, where any other label of that length costs ~0.5 ms): a ratio
    against a plain label of the same length, generous."""
    length = 200_000
    punycode = _cpu("a.xn--" + "ab" * (length // 2))
    plain = _cpu("a.ab" + "ab" * (length // 2)) + 1e-3
    assert punycode / plain < 50


def test_long_labels_split_as_before() -> None:
    """The labels skipped are none the list could hold: the split is unchanged."""
    label = "xn--" + "a" * 60
    assert urls.domain_parts(f"www.{label}.co.uk") == ("www", label, "co.uk")
    assert urls.domain_parts("a.xn--p1ai") == ("", "a", "xn--p1ai")
    assert urls.domain_parts("A.XN--P1AI.") == ("", "A", "XN--P1AI")
