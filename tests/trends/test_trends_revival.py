"""trends.csv on a second history computed by hand: an undated post, and sources that revive.

The posts of :mod:`tests.trends.rotting_web` (p1 2025-01-10: a1, a2, x; p2 2025-02-05: b, video
A; p3 2025-03-01: c, video B; p4 undated: u), checked three times; each run names every source
gone at that time, so a source left out of a later run is back:

- 2025-03-10: ``a1`` and ``u`` (the undated post's) answer 404;
- 2025-04-10: both are back; ``b`` answers 404;
- 2025-05-10: ``a1`` is gone again, ``b`` still gone.

Shares use each citation's latest verdict: ``u`` revived and stays alive (the undated month has
no dead), ``a1`` is dead.  The survival curve takes the first dead verdict: ``a1`` died at day
59 (Jan 10 -> Mar 10) whatever came after, ``b`` at 64 (Feb 5 -> Apr 10); a2 and x are censored
at 120, video A at 94, c and video B at 70; ``u`` is undated, left out.  Kaplan-Meier: 59: 7 at
risk, 1 died -> 6/7; 64: 6 at risk, 1 died -> 6/7 * 5/6 = 5/7; then censorings only.  One
revival (``u``: dead, then alive at its latest check; ``a1`` died again, so it is no revival).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from checker.cli import ExitCode, main
from tests.trends.rotting_web import run_history

A1, U, B = "https://news.alpha.com/a1", "https://news.alpha.com/u", "https://www.beta.org/b"
REVIVAL_RUNS = (
    (datetime(2025, 3, 10, 12, tzinfo=UTC), frozenset({A1, U})),
    (datetime(2025, 4, 10, 12, tzinfo=UTC), frozenset({B})),
    (datetime(2025, 5, 10, 12, tzinfo=UTC), frozenset({B, A1})),
)
EXPECTED_CSV = """\
table,key,measure,value
month,2025-01,cited,3
month,2025-01,dead,1
month,2025-01,dead_share,0.3333
month,2025-02,cited,2
month,2025-02,dead,1
month,2025-02,dead_share,0.5000
month,2025-03,cited,2
month,2025-03,dead,0
month,2025-03,dead_share,0.0000
month,undated,cited,1
month,undated,dead,0
month,undated,dead_share,0.0000
domain,beta.org,cited,2
domain,beta.org,dead,1
domain,beta.org,dead_share,0.5000
domain,alpha.com,cited,3
domain,alpha.com,dead,1
domain,alpha.com,dead_share,0.3333
domain,gamma.co.uk,cited,1
domain,gamma.co.uk,dead,0
domain,gamma.co.uk,dead_share,0.0000
domain,youtube.com,cited,2
domain,youtube.com,dead,0
domain,youtube.com,dead_share,0.0000
embed_platform,youtube,cited,2
embed_platform,youtube,dead,0
embed_platform,youtube,dead_share,0.0000
survival,59,at_risk,7
survival,59,died,1
survival,59,censored,0
survival,59,alive_share,0.8571
survival,64,at_risk,6
survival,64,died,1
survival,64,censored,0
survival,64,alive_share,0.7143
survival,70,at_risk,5
survival,70,died,0
survival,70,censored,2
survival,70,alive_share,0.7143
survival,94,at_risk,3
survival,94,died,0
survival,94,censored,1
survival,94,alive_share,0.7143
survival,120,at_risk,2
survival,120,died,0
survival,120,censored,2
survival,120,alive_share,0.7143
note,undated,citations,1
note,revived,citations,1
run,2025-03-10T12:00:00+00:00,citations,8
run,2025-03-10T12:00:00+00:00,dead,2
run,2025-03-10T12:00:00+00:00,broken,2
run,2025-04-10T12:00:00+00:00,citations,8
run,2025-04-10T12:00:00+00:00,dead,1
run,2025-04-10T12:00:00+00:00,broken,1
run,2025-05-10T12:00:00+00:00,citations,8
run,2025-05-10T12:00:00+00:00,dead,2
run,2025-05-10T12:00:00+00:00,broken,2
"""


def test_revivals_and_an_undated_post_count_as_computed_by_hand(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    web = run_history(tmp_path, store, REVIVAL_RUNS, cumulative=False)
    out = tmp_path / "out"
    assert main(["trends", "--store", str(store), "--output", str(out), *web]) == ExitCode.OK
    csv = (out / "trends.csv").read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert csv == EXPECTED_CSV
    html = (out / "trends.html").read_text(encoding="utf-8")
    assert "1 citation(s) from undated posts are left out." in html
    assert "1 source(s) found dead came back later" in html
    assert "8 citation(s) checked, 2 dead at their latest check." in html
