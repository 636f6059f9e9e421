"""A ``>`` in a quoted attribute value is the value's, after a page's ``</html>`` too.

What a host appends after ``</html>`` is read tag by tag to tell a whole appended element from
a cut one (mend 34p).  A tag ended at its first ``>``: one inside a quoted value
(``<div title="a> <p">``) ended it early, what followed was read as tags, and a whole element
made its page a cut (``unreachable``); a value still open at the body's end is a cut.
"""

from __future__ import annotations

import pytest

from checker.fetch.body import _holds_its_end

_PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Text.</p></body></html>"


@pytest.mark.parametrize(
    "tail",
    [
        b'<div title="a> <p"></div>',
        b"<div data-x='1 > 0 <b'></div>",
        b'<div a=b c = "d> <i" e=f></div>',
        b'<script src="/x.js?a=1>2 <b"></script>',
    ],
)
def test_an_appended_element_with_a_quoted_gt_is_whole(tail: bytes) -> None:
    assert _holds_its_end(_PAGE + tail)


@pytest.mark.parametrize(
    "tail",
    [
        b'<div title="a> <p">',  # the div is open
        b'<div title="a> </div>',  # cut inside the value: its quote never closes
        b"<div title='x",
    ],
)
def test_an_element_left_open_or_cut_in_a_value_is_no_end(tail: bytes) -> None:
    assert not _holds_its_end(_PAGE + tail)


@pytest.mark.parametrize(
    "tail",
    [
        b'<img alt=x=">',  # the value is x=" (HTML's unquoted value): the tag is whole
        b"<div a=b=c d='e'></div>",
        b'<div a=x"y b="> <i"></div>',
        b"<div a= b=c></div>",
    ],
)
def test_an_unquoted_value_holding_a_quote_or_an_equals_sign_is_whole(tail: bytes) -> None:
    assert _holds_its_end(_PAGE + tail)  # session 37's review: read as a cut


@pytest.mark.parametrize("tail", [b"<img alt=x", b"<img alt=x=", b"<div a=b></div><p c=d"])
def test_a_tag_cut_in_an_unquoted_value_is_no_end(tail: bytes) -> None:
    assert not _holds_its_end(_PAGE + tail)
