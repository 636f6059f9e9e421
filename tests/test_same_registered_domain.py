"""``urls.same_registered_domain``: the same answer as comparing ``registered_domain``s, without
loading the Public Suffix List for hosts whose last two labels differ."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.urls import registered_domain, same_registered_domain

PAIRS = [
    ("news.bbc.co.uk", "www.bbc.co.uk"),
    ("bbc.co.uk", "itv.co.uk"),
    ("a.example.com", "example.com"),
    ("example.com", "example.org"),
    ("example.com.", "www.example.com"),
    ("example\u3002com", "www.example.com"),
    ("www.example\uff0ecom", "example.com"),
    ("localhost", "a.localhost"),
    ("localhost", "localhost"),
    ("co.uk", "bbc.co.uk"),
    ("com", "example.com"),
    ("1.2.3.4", "5.6.3.4"),
    ("1.2.3.4", "1.2.3.4"),
    ("::1", "example.com"),
    ("user.github.io", "other.github.io"),
    ("blog.benchweb", "news.benchweb"),
    ("xn--ls8h.la", "www.xn--ls8h.la"),
    ("", "example.com"),
]


@pytest.mark.parametrize(("host", "other"), PAIRS)
def test_it_agrees_with_comparing_registered_domains(host: str, other: str) -> None:
    expected = registered_domain(host) == registered_domain(other)
    assert same_registered_domain(host, other) is expected
    assert same_registered_domain(other, host) is expected


def test_links_to_other_sites_do_not_load_the_suffix_list() -> None:
    code = (
        "import sys\n"
        "from checker.extract.content import same_site\n"
        "assert not same_site('https://news.example.org/a', 'https://blog.example.com/p')\n"
        "assert same_site('https://blog.example.com/b', 'https://blog.example.com/p')\n"
        "assert 'tldextract' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
