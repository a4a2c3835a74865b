"""Names found by GiNZA's NER (and a dictionary name before an honorific) become ［氏名］, on top of
the dates and numbers of bot.core.masking (bot.question_log.masker)."""

from __future__ import annotations

import pytest

from bot.core.masking import DATE, NAME, PHONE
from bot.question_log import ginza
from bot.question_log.masker import mask


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("母の山田花子の保険証をなくしました", "山田花子"),
        ("鈴木一郎さんの代理です", "鈴木一郎"),
        ("佐々木です。保険証について聞きたい", "佐々木"),
        ("渡辺様の件です", "渡辺"),
        ("夫の健太が会社を辞めました", "健太"),
        ("ヤマダタロウと申します", "ヤマダタロウ"),
        ("加藤さんに聞きました", "加藤"),
        ("父 伊藤博の資格確認書", "伊藤博"),
        # no entity found: a name the dictionary knows, written in kanji, anywhere
        ("森(75さい)の件で電話しました", "森"),
        ("わたし上野博だけど、マイナ保険証ってどうやるの", "上野博"),
        ("妻渡辺の分もお願いします", "渡辺"),
        # a proper noun after a family word (上野 is a place name to the dictionary)
        ("父上野の保険証", "上野"),
        ("母の高橋の資格確認書について", "高橋"),
    ],
)
def test_names_become_placeholders(text: str, name: str) -> None:
    masked = mask(text)
    assert name not in masked and NAME in masked, masked


def test_every_kind_of_personal_data_in_one_question() -> None:
    masked = mask("私は佐藤花子と申します。昭和32年3月1日生まれ、電話は090-1234-5678です")
    assert masked == f"私は{NAME}と申します。{DATE}生まれ、電話は{PHONE}です"


@pytest.mark.parametrize(
    "text",
    [
        "マイナ保険証をなくしました",
        "資格確認書はいつ届きますか",
        "高額療養費の限度額",
        "母のマイナ保険証が登録済みか調べられますか",  # マイナ is tagged as a name
        "父の マイナ保険証が どこにも ない",
    ],
)
def test_questions_without_names_keep_their_words(text: str) -> None:
    assert mask(text) == text


def test_the_ner_uses_the_shared_tokenizer_not_a_second_sudachi_dictionary() -> None:
    assert ginza.ner_nlp().tokenizer is ginza.tokenizer_nlp().tokenizer
    assert [e.label_ for e in ginza.ner_nlp()("山田太郎さんの保険証").ents][:1] == [ginza.PERSON]
