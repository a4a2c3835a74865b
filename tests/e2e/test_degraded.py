"""The Rasa server alone (action server down) with another municipality: never silent."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.servers import Servers, running_servers


@pytest.fixture(scope="module")
def rasa_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    with running_servers(
        tmp_path_factory.mktemp("rasa_only"), env={"BOT_MUNICIPALITY": "minato"}, with_actions=False
    ) as s:
        yield s


def test_answers_come_from_the_active_profile(rasa_only: Servers) -> None:
    text = "\n".join(r.get("text", "") for r in rasa_only.say("m1", "資格情報通知書って何に使うの"))
    assert "資格情報通知書" in text and "資格情報のお知らせ" not in text


def test_action_server_down_apologises_with_the_desk_phone(rasa_only: Servers) -> None:
    text = "\n".join(r.get("text", "") for r in rasa_only.say("m2", "届く書類と有効期限を調べたい"))
    assert "申し訳ありません" in text and "03-3578-2574" in text
