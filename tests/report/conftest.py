"""Fixtures of the report tests: the hand-built sample report."""

from __future__ import annotations

import pytest
from report_sample import sample_report

from checker.model import Report


@pytest.fixture
def report() -> Report:
    return sample_report()
