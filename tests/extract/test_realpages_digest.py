"""Making extraction faster changes no citation of the 200 real article pages (issue 19).

Every post and citation (URL, kind, line, context, cited fields) that ``citecheck`` lists for the
real pages read as input files is hashed in one canonical JSON form and held against the digest
taken before extraction was sped up (the folder the pages are unpacked to written as
``file:///INPUT/``, so a checkout anywhere gives the same digest): without
``--include-verbatim`` in the quick suite, and with it too in the slow one.  A change that means
to change what a page cites updates the digests in the same commit, after a reviewed
``python -m bench.extraction dump`` diff (the bench also compares the lychee and LinkChecker
fixture corpus with ``--corpus``).
"""

from __future__ import annotations

import pytest

from tests.extract.citation_dump import citation_dump, dump_digest, realpage_pages
from tests.verify.realpages import tarball_path

pytestmark = pytest.mark.skipif(
    not tarball_path().is_file(), reason="../shared/realpages not present"
)

DIGEST = "53093face1b9fbaccc5a989c6b8abcad1b6d301c6e9a551a42290f2f7f3715cb"
"""``citation_dump(realpage_pages(), verbatim_too=False)``: 346 posts, 2,311 citations (probe 18:
``Webseite [ohne http://]``, a scheme named in prose, is no malformed ``http://]`` link; probe
18c: 26 pages no longer cite themselves through a fragment-only link, "Jump to Recipe", "Zum
Inhalt wechseln", a ``#comments`` counter, and one page's self-link is now first met at the
line of its plain link, "Impressum"; probe 22: a scheme-relative ``//host/…`` in a file is
``https:``, so one page's canonical ``//www.rosalux.de/…`` names it and five Amazon ad iframes
are https links, no longer skipped ``file://`` references; session 23, local links: the 455
root-relative links of pages read as files, ``/x``, are kept as ``file:/x``, which only
``--root-dir`` resolves, instead of ``file:///x``; session 23, bare ``www.``: five addresses
written without a scheme in the pages' text, ``www.jugend-forscht.de``, are cited as the
``http://`` links they name, no longer as malformed; session 24, the author's own lists: 25
more, each a bare list of the site's own pages in the text: the fandom wiki article's "See also"
(5) and "Appearances" (10) sections, elavegan's "try some of these other … treats:" list of its
own recipes (10); no other citation changed)."""
DIGEST_WITH_VERBATIM = "cc32da146031fc493bbb0621de3b3f43699e34c04eb17440c133c97f8ff295b5"
"""``python -m bench.extraction digest``: the same, then each page with ``--include-verbatim``."""


def test_the_real_pages_cite_what_they_cited() -> None:
    dump = citation_dump(realpage_pages(), verbatim_too=False)
    assert (len(dump), sum(len(post["citations"]) for post in dump)) == (346, 2311)
    assert dump_digest(dump) == DIGEST


@pytest.mark.slow
def test_with_verbatim_too_the_real_pages_cite_what_they_cited() -> None:
    assert dump_digest(citation_dump(realpage_pages())) == DIGEST_WITH_VERBATIM
