"""What a citizen reads: document, application, expiry as 和暦（西暦）, what comes next, the desk."""

from datetime import date

import pytest

from bot.answers.document_answer import render_document_answer
from bot.answers.document_cli import main
from bot.core.documents import determine_document
from bot.core.profiles import load_profile

REF = date(2026, 11, 22)


def text_for(born: date, status: str, profile: str = "takasaki") -> str:
    p = load_profile(profile)
    return render_document_answer(determine_document(born, status, REF, p.renewal_month, p.renewal_day), p)


def test_certificate_with_70_transition() -> None:
    text = text_for(date(1957, 3, 1), "no_card")
    assert "「資格確認書」" in text and "申請は不要" in text
    assert "令和9年2月28日（2027年2月28日）" in text
    assert "令和9年3月1日（2027年3月1日）からは" in text
    assert "027-321-1235" in text


def test_notice_name_comes_from_the_profile() -> None:
    assert "「資格情報通知書」" in text_for(date(1988, 4, 2), "registered", "minato")
    assert "「資格情報のお知らせ」" in text_for(date(1988, 4, 2), "registered", "takasaki")


def test_no_expiry_and_nothing_at_renewal() -> None:
    text = text_for(date(1988, 4, 2), "registered")
    assert "有効期限はありません" in text and "毎年の更新で届くものはありません" in text


def test_late_elderly_points_to_its_desk() -> None:
    text = text_for(date(1950, 1, 1), "registered")
    assert "後期高齢者医療制度" in text and "027-321-1237" in text
    assert "令和7年1月1日（2025年1月1日）" in text


def test_application_names_the_place_and_the_freedial() -> None:
    text = text_for(date(1980, 1, 1), "lost_or_renewing")
    assert "申請が必要" in text and "各支所市民福祉課" in text and "0120-95-0178" in text


def test_unknown_expiry_says_so() -> None:
    assert "資料に書かれていません" in text_for(date(1956, 8, 2), "registered")


def test_cli_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--birthdate", "昭和32年3月1日", "--card-status", "no_card", "--today", "2026-11-22"]) == 0
    assert "令和9年2月28日（2027年2月28日）" in capsys.readouterr().out


def test_cli_municipality_and_impossible_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--birthdate",
                "1988-04-02",
                "--card-status",
                "registered",
                "--today",
                "2026-11-22",
                "--municipality",
                "minato",
            ]
        )
        == 0
    )
    assert "資格情報通知書" in capsys.readouterr().out
    assert main(["--birthdate", "昭和64年2月1日", "--card-status", "no_card", "--today", "2026-11-22"]) == 2
    assert "昭和64年は1月7日まで" in capsys.readouterr().err
