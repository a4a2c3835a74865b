"""The domain synonym table (bot.core.synonyms, knowledge/synonyms.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.synonyms import canonical, synonym_table


def test_each_word_is_read_as_its_groups_first_word() -> None:
    assert canonical("失くす") == canonical("なくす") == canonical("紛失") == "紛失"
    assert canonical("パスワード") == "暗証番号"
    assert canonical("はみがき") == "はみがき"  # not in any group
    assert canonical("わすれる", "忘れる") == "忘れる"


def test_a_word_in_two_groups_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "synonyms.yml"
    table.write_text("groups:\n  - [紛失, なくす]\n  - [忘れる, なくす]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="なくす"):
        synonym_table(table)
    assert len(synonym_table()) > 50
