"""The answer a citizen reads about their document (polite Japanese, dates as 和暦（西暦）).

Each sentence cites the seed it rests on (../shared/seeds/, see shared/domain-rules.md).
"""

from __future__ import annotations

from bot.answers.profile_phrases import contact_phrase, elderly_care_phrase, place_phrase
from bot.core.card_status import CardStatus
from bot.core.documents import Document, DocumentAnswer, ExpiryRule, NextStep
from bot.core.profiles import Profile
from bot.core.wareki import format_wareki as jp

CERTIFICATE = "資格確認書"
FREEDIAL = "0120-95-0178"  # マイナンバー総合フリーダイヤル (seeds 002, 004)


def _expiry_lines(answer: DocumentAnswer, profile: Profile) -> list[str]:
    rule, expiry = answer.expiry_rule, answer.expiry
    if rule is ExpiryRule.NONE:
        return ["有効期限はありません。"]  # seed 002 (上記以外の方: 有効期限なし)
    if rule is ExpiryRule.UNKNOWN:
        return [  # seed 000: re-issued when the ratio changes; its expiry is in no seed
            f"70歳になり負担割合が変わったため、新しい{profile.notice_name}が交付されています。",
            "その有効期限は、この案内の元になった資料に書かれていません。書類の「有効期限」の欄をご確認いただくか、窓口にお問い合わせください。",
        ]
    assert expiry is not None
    reason = {
        ExpiryRule.BEFORE_75: "75歳の誕生日の前日までです。",  # seed 002
        ExpiryRule.AGE_70_MONTH_END: "70歳になる月の末日までです（1日生まれの方は前の月の末日）。",  # seed 002
        ExpiryRule.RESIDENCE: "在留期間の満了日の翌日までです。",  # seed 002
        ExpiryRule.PERIOD_END: "毎年の更新までの期間です。",  # seed 002
    }[rule]
    return [f"有効期限は{jp(expiry)}です。{reason}"]


def _step_lines(answer: DocumentAnswer, profile: Profile) -> list[str]:
    lines: list[str] = []
    for step in answer.next_steps:
        if step.kind is NextStep.NO_RENEWAL:  # seed 002
            lines.append(
                "70歳未満でマイナ保険証をお持ちの方には、毎年の更新で届くものはありません。"
                "記載内容に変更がない限り、そのままお使いください。"
            )
            continue
        on = step.on
        assert on is not None, f"{step.kind} has a date"
        if step.kind is NextStep.RATIO_CERTIFICATE:  # seeds 001, 002 (資格確認書 70歳から74歳の方)
            lines.append(
                f"{jp(on)}からは、負担割合が書かれた70歳から74歳の方用の{CERTIFICATE}に切り替わります。"
                f"その有効期限は{jp(answer.period.end)}です。"
            )
        elif step.kind is NextStep.RATIO_NOTICE:  # seed 000 (負担割合に変更が生じた際に交付)
            lines.append(f"{jp(on)}から負担割合が変わるため、新しい{profile.notice_name}が届きます。")
        elif step.kind is NextStep.LATE_ELDERLY:  # seed 000 (75歳到達で後期高齢者医療制度)
            lines.append(f"75歳の誕生日の{jp(on)}からは、後期高齢者医療制度に移ります。")
        elif step.kind is NextStep.RENEWAL:  # seed 002 (毎年8月に更新; the date comes from the profile)
            lines.append(f"{jp(on)}からの分は、毎年の更新で新しいものが届きます。")
    return lines


def _status_lines(answer: DocumentAnswer, profile: Profile) -> list[str]:
    status = answer.card_status
    if status is CardStatus.CANCELLED:  # seed 000
        return [
            "解除の申請から反映まで、1～2か月ほどかかります。",
            "今お持ちの有効な保険証や資格確認書は、有効期限まで使えます。",
        ]
    if status is CardStatus.CERT_EXPIRED:  # seed 002; grace period: shared/domain-rules.md
        return [
            "電子証明書の期限が切れても、期限の月から3か月後の月末までは、マイナ保険証として使えます。",
            "更新しなかった場合、資格確認書が送られます。",
        ]
    if status is CardStatus.LOST_OR_RENEWING:  # seed 002
        return [
            f"カードをなくした場合は、まずマイナンバー総合フリーダイヤル（{FREEDIAL}）で一時利用停止を申請してください。24時間365日受け付けています。"
        ]
    note = profile.notes.get("request_certificate")
    if status is CardStatus.NEEDS_ASSISTANCE and note:
        return [note]  # the profile names its seed
    return []


def _document_lines(answer: DocumentAnswer, profile: Profile) -> list[str]:
    if answer.document is Document.NOTICE:  # seeds 001, 002, 004
        return [
            f"マイナ保険証をお持ちの方には「{profile.notice_name}」が交付されます。",
            f"受診はマイナ保険証で行います。{profile.notice_name}だけでは受診できません。",
        ]
    if answer.application_needed:  # seeds 000, 002, 004
        return [
            f"お届けする書類は「{CERTIFICATE}」です。申請が必要です。",
            f"申請は{place_phrase(profile, 'request_certificate')}で受け付けています。",
        ]
    return [f"お届けする書類は「{CERTIFICATE}」です。申請は不要です。自動で送られます。"]  # seeds 001, 003


def render_document_answer(answer: DocumentAnswer, profile: Profile) -> str:
    """The full answer, one sentence or two per line."""
    desk = contact_phrase(profile.main_desk)
    if answer.document is Document.LATE_ELDERLY:  # seed 000
        since = answer.late_elderly_since
        assert since is not None
        lines = [
            f"75歳の誕生日の{jp(since)}から、国民健康保険ではなく後期高齢者医療制度に加入されています。",
            "そのため、国民健康保険の資格確認書やお知らせは届きません。",
        ]
        elderly = elderly_care_phrase(profile)
        lines.append(f"後期高齢者医療の書類については、{elderly or desk}にお問い合わせください。")
        return "\n".join(lines)
    lines = _document_lines(answer, profile) + _expiry_lines(answer, profile)
    lines += _step_lines(answer, profile) + _status_lines(answer, profile)
    lines.append(f"ご不明な点は、{desk}にお問い合わせください。")
    return "\n".join(lines)
