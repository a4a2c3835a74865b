"""A citizen's text with every piece of personal data we can find replaced by a placeholder:
dates, numbers, postal codes and e-mail addresses (bot.core.masking), then personal names: GiNZA's
Person entities; a word the dictionary knows as a name, when it is written in kanji (森, 上野博) or is
followed by an honorific (山田さん); and a proper noun after a family word (父上野, 母の高橋).
It errs on the side of masking: on 751 made-up questions with a name, the names left fell from 42
to 12, while 3 of 3,776 training and held-out questions lost a word that was no name (a typo or 金)
(bench/analysis.md, session 9).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from bot.core.masking import NAME, mask_personal_data
from bot.question_log import ginza

if TYPE_CHECKING:
    from spacy.tokens import Doc

HONORIFICS = frozenset({"さん", "様", "さま", "氏", "ちゃん", "くん", "君", "殿"})
NAME_TAG = "名詞-固有名詞-人名"
PROPER_NOUN_TAG = "名詞-固有名詞"
# Words for a family member, after which a proper noun is taken for a name (父上野, 母の高橋).
KIN = frozenset("妻 夫 父 母 祖父 祖母 息子 娘 兄 弟 姉 妹 孫 嫁 主人 家内 義母 義父".split())
# Written in kanji, a word the dictionary knows as a name is masked wherever it stands. These are
# never names: the マイナ of マイナ保険証 is tagged as one.
NOT_NAMES = frozenset({"マイナ", "まいな"})
_KANJI = re.compile("[\u3005\u4e00-\u9fff]")


def _after_kin(doc: Doc, i: int) -> bool:
    """Whether token `i` follows a family word, directly or after の."""
    if i >= 1 and doc[i - 1].text in KIN:
        return True
    return i >= 2 and doc[i - 1].text == "の" and doc[i - 2].text in KIN


def _name_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == ginza.PERSON]
    for token in doc:
        if token.text in NOT_NAMES:
            continue
        named = token.tag_.startswith(NAME_TAG) and _KANJI.search(token.text)
        if named or (token.tag_.startswith(PROPER_NOUN_TAG) and _after_kin(doc, token.i)):
            spans.append((token.idx, token.idx + len(token.text)))
    for token in doc[:-1]:
        if token.tag_.startswith(NAME_TAG) and doc[token.i + 1].text in HONORIFICS:
            first = token
            while first.i > 0 and doc[first.i - 1].tag_.startswith(NAME_TAG):
                first = doc[first.i - 1]
            spans.append((first.idx, token.idx + len(token.text)))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _replace_names(texts: list[str], docs: list[Doc]) -> list[str]:
    out = []
    for text, doc in zip(texts, docs, strict=True):
        for start, end in reversed(_merged(_name_spans(doc))):
            text = text[:start] + NAME + text[end:]
        out.append(text)
    return out


def names_masked(texts: list[str]) -> list[str]:
    """`texts` (dates and numbers masked already) with the names GiNZA's entities and tags show
    replaced by ［氏名］, in this thread (the Rasa server has bot.question_log.masking_process do it)."""
    return _replace_names(texts, ginza.with_entities(texts))


def mask_all(texts: Sequence[object]) -> list[str]:
    """Each text with personal data replaced by placeholders such as ［日付］ and ［氏名］, in this thread."""
    return names_masked([mask_personal_data(text) for text in texts])


def mask(text: object) -> str:
    """One text with personal data replaced by placeholders."""
    return mask_all([text])[0]
