"""Short Japanese labels of the FAQ intents, for "did you mean" buttons and reports."""

from __future__ import annotations

TOPIC_LABELS: dict[str, str] = {
    "lost_card": "マイナ保険証をなくした",
    "lost_certificate": "資格確認書・保険証をなくした",
    "register_card": "保険証としての登録のしかた",
    "check_registration": "登録できているかの確認",
    "cancel_registration": "登録の解除",
    "elderly_certificate": "高齢受給者証はいるか",
    "which_document": "届く書類と有効期限",
    "without_card": "マイナ保険証がなくても受診できるか",
    "old_insurance_card": "以前の保険証は使えるか",
    "what_to_bring": "受診のときに持っていくもの",
    "request_certificate": "マイナ保険証があっても資格確認書がほしい",
    "notice_usage": "資格情報のお知らせとは",
    "card_renewal": "カード・電子証明書の更新",
    "benefits": "マイナ保険証のメリット",
    "high_cost_certificate": "限度額適用認定証",
    "insurance_enrollment": "国保の加入・脱退",
    "card_safety": "カードの安全性",
    "incorrect_information": "書類の記載の誤り",
    "contact": "問い合わせ先",
    "human_handoff": "職員と話したい",
    "arrears": "国保税の滞納",
    "organ_donation": "臓器提供の意思表示欄",
}

# Intents that are not topics (no "did you mean" button for them).
CONVERSATIONAL = frozenset(
    {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope", "inform", "nlu_fallback"}
)


def topic_buttons(ranking: list[dict], limit: int = 3, min_confidence: float = 0.05) -> list[dict[str, str]]:
    """Buttons for the likeliest topics of an intent ranking, best first."""
    buttons: list[dict[str, str]] = []
    for entry in ranking:
        name = entry.get("name")
        if name in TOPIC_LABELS and (entry.get("confidence") or 0.0) >= min_confidence:
            buttons.append({"title": TOPIC_LABELS[name], "payload": f"/{name}"})
        if len(buttons) == limit:
            break
    return buttons
