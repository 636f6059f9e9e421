"""Parked and placeholder pages that still passed, and the pages like them that are alive
(trust, session 31; ``checker/verify/parked.py``).

A shared host's suffix (``github.io``, ``blogspot.com``: the Public Suffix List's private
section) is no name of its users' sites: "github.io is for sale" on a short page of
``alice.github.io`` counted as the cited domain's statement, since only the list's ICANN
section was read.
"""

from __future__ import annotations

import pytest

from checker.verify.parked import parked_statement
from checker.verify.soft404 import lead_shape

SLUG = "/2021/03/city-council-approves-new-budget"


@pytest.mark.parametrize(
    ("host", "above"), [("alice.github.io", "github.io"), ("news.blogspot.com", "blogspot.com")]
)
def test_a_shared_host_s_suffix_is_no_name_of_a_user_s_site(host: str, above: str) -> None:
    url = f"https://{host}{SLUG}"
    assert parked_statement(lead_shape(f"<title>{above} is for sale</title>"), url, url) is None
    said = f"<title>{host} is for sale</title>"
    assert parked_statement(lead_shape(said), url, url) == f"{host} is for sale"
