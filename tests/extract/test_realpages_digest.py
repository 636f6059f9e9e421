"""Making extraction faster changes no citation of the 200 real article pages (issue 19).

Every post and citation (URL, kind, line, context, cited fields) that ``citecheck`` lists for the
real pages read as input files is hashed in one canonical JSON form and held against the digest
taken before extraction was sped up: without ``--include-verbatim`` in the quick suite, and with
it too in the slow one.  A change that means to change what a page cites updates the digests in
the same commit, after a reviewed ``python -m bench.extraction dump`` diff (the bench also
compares the lychee and LinkChecker fixture corpus with ``--corpus``).
"""

from __future__ import annotations

import pytest

from tests.extract.citation_dump import citation_dump, dump_digest, realpage_pages
from tests.verify.realpages import tarball_path

pytestmark = pytest.mark.skipif(
    not tarball_path().is_file(), reason="../shared/realpages not present"
)

DIGEST = "bba8b423d21957c338768290c85f3091989a948ee242d5df00499863889f3b96"
"""``citation_dump(realpage_pages(), verbatim_too=False)``: 346 posts, 2,313 citations."""
DIGEST_WITH_VERBATIM = "7a50b6a99c2663be6fdd16446b3382081af0ba4f10025fff6edc78c7c0c534f3"
"""``python -m bench.extraction digest``: the same, then each page with ``--include-verbatim``."""


def test_the_real_pages_cite_what_they_cited() -> None:
    dump = citation_dump(realpage_pages(), verbatim_too=False)
    assert (len(dump), sum(len(post["citations"]) for post in dump)) == (346, 2313)
    assert dump_digest(dump) == DIGEST


@pytest.mark.slow
def test_with_verbatim_too_the_real_pages_cite_what_they_cited() -> None:
    assert dump_digest(citation_dump(realpage_pages())) == DIGEST_WITH_VERBATIM
