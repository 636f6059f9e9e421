"""Making extraction faster changes no citation of the 200 real article pages (issue 19).

Every post and citation (URL, kind, line, context, cited fields) that ``citecheck`` lists for the
real pages read as input files, with and without ``--include-verbatim``, is hashed in one
canonical JSON form and held against the digest taken before extraction was sped up.  A change
that means to change what a page cites updates :data:`DIGEST` in the same commit, after a
reviewed ``python -m bench.extraction dump`` diff (the bench also compares the lychee and
LinkChecker fixture corpus with ``--corpus``).
"""

from __future__ import annotations

import pytest

from bench.extraction import citation_dump, dump_digest, realpage_pages
from tests.verify.realpages import tarball_path

pytestmark = pytest.mark.skipif(
    not tarball_path().is_file(), reason="../shared/realpages not present"
)

DIGEST = "7a50b6a99c2663be6fdd16446b3382081af0ba4f10025fff6edc78c7c0c534f3"
"""``python -m bench.extraction digest`` (346 posts and 2,313 citations without verbatim)."""


def test_the_real_pages_cite_what_they_cited() -> None:
    dump = citation_dump(realpage_pages())
    plain = [post for post in dump if not post["verbatim"]]
    assert (len(plain), sum(len(post["citations"]) for post in plain)) == (346, 2313)
    assert dump_digest(dump) == DIGEST
