"""Calibration on 200 real pages: the rates must stay at the level the matchers reached."""

from __future__ import annotations

import pytest

from tests.verify.realpages import Calibration, calibrate, load_pages, tarball_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not tarball_path().is_file(), reason="real pages tarball absent"),
]


@pytest.fixture(scope="module")
def calibration() -> Calibration:
    return calibrate(load_pages())


def test_true_titles_are_not_flagged(calibration: Calibration) -> None:
    rate = calibration.title_false_mismatch
    assert rate.checked == 200
    assert rate.wrong - rate.debatable_wrong == 0, rate.failures
    assert rate.rate <= 0.01, rate.failures


def test_swapped_titles_are_caught(calibration: Calibration) -> None:
    rate = calibration.title_missed_swap
    assert rate.checked >= 590
    assert rate.rate < 0.01, rate.failures


def test_true_authors_are_rarely_flagged(calibration: Calibration) -> None:
    rate = calibration.author_false_mismatch
    assert rate.rate <= 0.065, rate.failures


def test_true_dates_are_rarely_flagged(calibration: Calibration) -> None:
    rate = calibration.date_false_mismatch
    assert rate.rate <= 0.09, rate.failures
    assert rate.wrong - rate.debatable_wrong <= 8, rate.failures
