"""Questions that only ask what a document is go to the entry that defines it (bot.core.definition_questions)."""

from __future__ import annotations

import pytest

from bot.core.definition_questions import DEFINING_ENTRIES, definition_entry
from bot.core.knowledge import load_knowledge


@pytest.mark.parametrize(
    "text, entry",
    [
        ("マイナ保険証とは", "register_card/what_is"),
        ("「マイナ保険証」って何ですか？", "register_card/what_is"),
        ("まいなほけんしょう って なに", "register_card/what_is"),
        ("もしもし あのー しかくかくにんしょって なんですか", "which_document/what_is_certificate"),
        ("資格確認書とはどういうものですか。", "which_document/what_is_certificate"),
        ("しかくかくにんしょうってなん？", "which_document/what_is_certificate"),
        ("資格情報通知書とは", "notice_usage/general"),
        ("顔認証マイナンバーカードとは何ですか", "card_safety/face_only_card"),
    ],
)
def test_a_bare_definition_question_gets_the_defining_entry(text: str, entry: str) -> None:
    assert definition_entry(text) == entry


@pytest.mark.parametrize(
    "text",
    [
        "マイナ保険証",  # a name alone asks nothing
        "もしもし マイナ保険証",
        "マイナ保険証のメリットとは",  # another topic
        "資格確認書とはいつ届くの",  # asks something else too
        "マイナ保険証とは何ですか。マイナンバーカードとは別のものですか?",  # two questions
        "「資格情報のお知らせ」・「資格確認書」とは?",  # two documents
        "高齢受給者証とは",  # no defining entry
        "",
        None,
        "\x00\ud800",
    ],
)
def test_anything_else_is_left_to_the_classifier(text: object) -> None:
    assert definition_entry(text) is None


def test_every_defining_entry_is_in_the_knowledge_base() -> None:
    names = {entry.name for entry in load_knowledge().entries}
    assert set(DEFINING_ENTRIES) <= names
