from pathlib import Path
from typing import Iterator

import pytest

from tests.servers import Servers, running_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """The real action server and Rasa server, Takasaki profile, reference date 2026-11-22."""
    workdir: Path = tmp_path_factory.mktemp("servers")
    with running_servers(workdir, env={"BOT_TODAY": "2026-11-22", "BOT_MUNICIPALITY": "takasaki"}) as s:
        yield s
