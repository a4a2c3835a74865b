"""How well the question log's masker hides names: python -m bench.name_masking

- made-up questions with a name (common surnames and given names in kanji, kana or both, in the
  frames a citizen might use): how many keep the name after masking;
- the training examples and the held-out questions (which hold no names): how many get a name
  placeholder, and what it replaced.
Prints the counts and the cases (bench/analysis.md quotes them). The made-up questions are for this
measure only; nothing is trained on them.
"""

from __future__ import annotations

import random

from bench.eval_sets import load_set
from bench.nlu_data import training_examples
from bot.core.masking import NAME
from bot.question_log.masker import mask_all

SURNAMES = (
    "山田 鈴木 佐藤 高橋 田中 渡辺 伊藤 中村 小林 加藤 吉田 山本 佐々木 松本 井上 木村 林 斎藤 清水 山口 森 池田 "
    "橋本 阿部 石川 前田 藤田 小川 岡田 後藤 長谷川 村上 近藤 石井 遠藤 青木 坂本 福田 太田 西村 藤井 金子 岡本 "
    "藤原 中島 三浦 原田 松田 竹内 中野 小野 田村 和田 上田 森田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 "
    "島田 谷口 大野 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 "
    "木下 野口 松尾 菊地 野村 新井 渡部 やまだ すずき ヤマダ スズキ さとう サトウ たなか タナカ"
).split()
GIVEN = (
    "太郎 花子 一郎 健太 翔太 陽菜 結衣 大翔 蓮 さくら ひなた ゆい はると ハナコ タロウ 博 清 茂 勇 和子 幸子 節子 "
    "美智子 裕子 翔 葵 湊 悠真 陽翔 凛 芽依 優子 直樹 誠 大輔 拓也 美咲 彩 愛 恵子 洋子 京子 明美 久美子 由美子 正 "
    "実 進 隆 豊"
).split()
FRAMES = (
    "{n}です。保険証をなくしました",
    "母の{n}の資格確認書について",
    "{n}と申します",
    "{n}さんの代理です",
    "夫の{n}が会社を辞めました",
    "父{n}の保険証",
    "{n}の高齢受給者証がとどかない",
    "わたし{n}だけど、マイナ保険証ってどうやるの",
    "{n}（75さい）の件で電話しました",
    "妻{n}の分もお願いします",
)
FULL_NAMES = 600  # surname + given name pairs drawn, besides every surname and given name alone


def named_questions(seed: int = 1) -> list[tuple[str, str]]:
    """(question, the name in it): full names, then every surname and given name on its own."""
    names = [surname + given for surname in SURNAMES for given in GIVEN]
    random.Random(seed).shuffle(names)
    frames = random.Random(seed + 1)
    chosen = names[:FULL_NAMES] + SURNAMES + GIVEN
    return [(frames.choice(FRAMES).format(n=name), name) for name in chosen]


def names_left() -> tuple[int, list[str]]:
    """(how many made-up named questions were masked, those of them that still hold their name)."""
    named = named_questions()
    masked = mask_all([question for question, _ in named])
    return len(named), [out for (_, name), out in zip(named, masked, strict=True) if name in out]


def nameless_masked() -> tuple[int, list[tuple[str, str]]]:
    """(how many training and held-out questions were masked, those given a name placeholder, as
    (text, masked))."""
    plain = [text for text, _ in training_examples()] + [q["text"] for q in load_set("real") + load_set("casual")]
    return len(plain), [(text, out) for text, out in zip(plain, mask_all(plain), strict=True) if NAME in out]


def main() -> None:
    named, left = names_left()
    print(f"made-up questions with a name: {named}; the name left in {len(left)}")
    for out in left:
        print(f"  {out}")
    plain, placed = nameless_masked()
    print(f"training and held-out questions: {plain}; with a name placeholder {len(placed)}")
    for text, out in placed:
        print(f"  {text} -> {out}")


if __name__ == "__main__":
    main()
