"""Table-driven tests of the secondary-source detector: mirrors trigger, newsrooms do not."""

from __future__ import annotations

import pytest

from checker.verify.secondary import secondary_reason


@pytest.mark.parametrize(
    ("author", "handle", "text"),
    [
        ("Donald J. Trump Posts From His Truth Social", "TrumpDailyPosts", None),
        ("Trump Daily Posts", "someone", None),
        ("Elon Musk (Unofficial)", "elonfan1", None),
        ("Zelensky Mirror", "zmirror", None),
        ("Trump Archive", "ta", None),
        ("Taylor Swift Fan Account", "ts", None),
        ("Not Putin (Parody)", "np", None),
        ("Kremlin Quotes Bot", "kq", None),
        ("Trump Updates", "tu", None),
        ("トランプ非公式bot", "trump_jp", None),
        (None, "news_bot", None),
        ("Jane", "jane", "We will win. (Truth Social)"),
        ("Jane", "jane", "Big news today via Truth Social"),
        ("Jane", "jane", "Reposted from Instagram: hello"),
    ],
)
def test_mirror_accounts_trigger(author: str | None, handle: str, text: str | None) -> None:
    assert secondary_reason(author=author, handle=handle, text=text) is not None


@pytest.mark.parametrize(
    ("author", "handle", "text"),
    [
        ("NHKニュース", "nhk_news", "ロシア報道官 “掌握された地域の奪還目指す考えを強調”"),
        ("Reuters", "Reuters", "Trump says he spoke to Putin"),
        ("Sputnik 日本", "sputnik_jp", "プーチン大統領は述べた"),
        ("Donald J. Trump", "realDonaldTrump", "Great call with Putin"),
        ("BBC News (World)", "BBCWorld", "Russia-Ukraine war: live updates"),
        ("CNN Live Updates", "cnnlive", None),
        ("The National Archives", "UkNatArchives", None),
        ("ロイター", "ReutersJapan", "ゼレンスキー氏はテレグラムで述べた"),
        ("Kyiv Independent", "KyivIndependent", "Zelensky said on Telegram that talks continue"),
        ("Abbott", "abbott", None),
    ],
)
def test_news_accounts_do_not_trigger(author: str, handle: str, text: str | None) -> None:
    assert secondary_reason(author=author, handle=handle, text=text) is None


def test_configured_mirror_accounts() -> None:
    reason = secondary_reason(
        author="Ordinary Name", handle="@Copier", text=None, mirror_accounts=frozenset({"copier"})
    )
    assert reason is not None and "configured" in reason
    assert (
        secondary_reason(
            author="Ordinary Name", handle="other", text=None, mirror_accounts=frozenset({"copier"})
        )
        is None
    )
