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

DIGEST = "7b6ac4614e294be16ef248bab1fd3c8627361d4a8a0a96f0e74869500b35d5d8"
"""``citation_dump(realpage_pages(), verbatim_too=False)``: 346 posts, 2,286 citations (probe 18:
``Webseite [ohne http://]``, a scheme named in prose, is no malformed ``http://]`` link; probe
18c: 26 pages no longer cite themselves through a fragment-only link, "Jump to Recipe", "Zum
Inhalt wechseln", a ``#comments`` counter, and one page's self-link is now first met at the
line of its plain link, "Impressum"; probe 22: a scheme-relative ``//host/…`` in a file is
``https:``, so one page's canonical ``//www.rosalux.de/…`` names it and five Amazon ad iframes
are https links, no longer skipped ``file://`` references; session 23, local links: the 455
root-relative links of pages read as files, ``/x``, are kept as ``file:/x``, which only
``--root-dir`` resolves, instead of ``file:///x``; session 23, bare ``www.``: five addresses
written without a scheme in the pages' text, ``www.jugend-forscht.de``, are cited as the
``http://`` links they name, no longer as malformed; no other citation changed)."""
DIGEST_WITH_VERBATIM = "d99f9b8c293f5f0b9f8ffea359d78cd73290ea80261525d15328b7be92d2552b"
"""``python -m bench.extraction digest``: the same, then each page with ``--include-verbatim``."""


def test_the_real_pages_cite_what_they_cited() -> None:
    dump = citation_dump(realpage_pages(), verbatim_too=False)
    assert (len(dump), sum(len(post["citations"]) for post in dump)) == (346, 2286)
    assert dump_digest(dump) == DIGEST


@pytest.mark.slow
def test_with_verbatim_too_the_real_pages_cite_what_they_cited() -> None:
    assert dump_digest(citation_dump(realpage_pages())) == DIGEST_WITH_VERBATIM
