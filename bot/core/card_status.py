"""The citizen's card status: stable values the dialogue, the triage and the rules share."""

from __future__ import annotations

from enum import Enum


class CardStatus(str, Enum):
    """What the citizen holds; the values are a contract with the dialogue and the triage."""

    REGISTERED = "registered"  # マイナ保険証 (card registered for insurance use)
    NO_CARD = "no_card"  # no My Number card
    NOT_REGISTERED = "not_registered"  # card, not registered
    CANCELLED = "cancelled"  # registration cancelled (解除)
    CERT_EXPIRED = "cert_expired"  # electronic certificate expired
    RETURNED = "returned"  # card returned (返納)
    DV_RESTRICTED = "dv_restricted"  # DV victims with the restriction set
    LOST_OR_RENEWING = "lost_or_renewing"  # card lost or being renewed
    NEEDS_ASSISTANCE = "needs_assistance"  # cannot use the card alone

    @property
    def label_ja(self) -> str:
        """Short Japanese label, as on the status buttons."""
        return LABELS_JA[self]


LABELS_JA: dict[CardStatus, str] = {
    CardStatus.REGISTERED: "マイナ保険証を持っている",
    CardStatus.NO_CARD: "マイナンバーカードを持っていない",
    CardStatus.NOT_REGISTERED: "カードはあるが保険証の登録はしていない",
    CardStatus.CANCELLED: "保険証の登録を解除した",
    CardStatus.CERT_EXPIRED: "電子証明書の期限が切れた",
    CardStatus.RETURNED: "カードを返納した",
    CardStatus.DV_RESTRICTED: "DV等の支援措置で閲覧制限をしている",
    CardStatus.LOST_OR_RENEWING: "カードをなくした・更新中",
    CardStatus.NEEDS_ASSISTANCE: "介助が必要で1人ではカードを使えない",
}

# Statuses with which NHI sends a 資格確認書 without application (seeds 001, 002, 004).
AUTOMATIC_CERTIFICATE = frozenset(
    {
        CardStatus.NO_CARD,
        CardStatus.NOT_REGISTERED,
        CardStatus.CANCELLED,
        CardStatus.CERT_EXPIRED,
        CardStatus.RETURNED,
        CardStatus.DV_RESTRICTED,
    }
)
# Statuses with which a 資格確認書 is issued on application (seeds 000, 001, 002, 004).
CERTIFICATE_ON_APPLICATION = frozenset({CardStatus.LOST_OR_RENEWING, CardStatus.NEEDS_ASSISTANCE})
