"""Short Japanese labels of the FAQ intents, for "did you mean" buttons and reports."""

from __future__ import annotations

from bot.core.names import Intent, payload

TOPIC_LABELS: dict[str, str] = {
    Intent.LOST_CARD: "マイナ保険証をなくした",
    Intent.LOST_CERTIFICATE: "資格確認書・保険証をなくした",
    Intent.REGISTER_CARD: "保険証としての登録のしかた",
    Intent.CHECK_REGISTRATION: "登録できているかの確認",
    Intent.CANCEL_REGISTRATION: "登録の解除",
    Intent.ELDERLY_CERTIFICATE: "高齢受給者証はいるか",
    Intent.WHICH_DOCUMENT: "届く書類と有効期限",
    Intent.WITHOUT_CARD: "マイナ保険証がなくても受診できるか",
    Intent.OLD_INSURANCE_CARD: "以前の保険証は使えるか",
    Intent.WHAT_TO_BRING: "受診のときに持っていくもの",
    Intent.REQUEST_CERTIFICATE: "マイナ保険証があっても資格確認書がほしい",
    Intent.NOTICE_USAGE: "資格情報のお知らせとは",
    Intent.CARD_RENEWAL: "カード・電子証明書の更新",
    Intent.BENEFITS: "マイナ保険証のメリット",
    Intent.HIGH_COST_CERTIFICATE: "限度額適用認定証",
    Intent.INSURANCE_ENROLLMENT: "国保の加入・脱退",
    Intent.CARD_SAFETY: "カードの安全性",
    Intent.INCORRECT_INFORMATION: "書類の記載の誤り",
    Intent.CONTACT: "問い合わせ先",
    Intent.HUMAN_HANDOFF: "職員と話したい",
    Intent.ARREARS: "国保税の滞納",
    Intent.ORGAN_DONATION: "臓器提供の意思表示欄",
}

# Intents that are not topics (no "did you mean" button for them).
CONVERSATIONAL = frozenset(
    {
        Intent.GREET,
        Intent.GOODBYE,
        Intent.THANK,
        Intent.AFFIRM,
        Intent.DENY,
        Intent.BOT_CHALLENGE,
        Intent.OUT_OF_SCOPE,
        Intent.INFORM,
        Intent.NLU_FALLBACK,
    }
)


def topic_buttons(ranking: list[dict], limit: int = 3, min_confidence: float = 0.05) -> list[dict[str, str]]:
    """Buttons for the likeliest topics of an intent ranking, best first."""
    buttons: list[dict[str, str]] = []
    for entry in ranking:
        name = entry.get("name")
        if name in TOPIC_LABELS and (entry.get("confidence") or 0.0) >= min_confidence:
            buttons.append({"title": TOPIC_LABELS[name], "payload": payload(name)})
        if len(buttons) == limit:
            break
    return buttons
