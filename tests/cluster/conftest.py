import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from cluster.cluster import Cluster, running_cluster
from tests.cluster.citizens import MUNICIPALITY, TODAY
from tests.fake_line import FakeLine
from tests.servers import model_path

LINE_SECRET, LINE_TOKEN, LINE_USER_ID_KEY = "cluster-channel-secret", "cluster-access-token", "cluster-user-id-key"
API_TOKEN = secrets.token_hex(16)  # the replicas' Rasa HTTP API needs it (NHI_API_TOKEN)


@pytest.fixture(scope="module")
def fake_line() -> Iterator[FakeLine]:
    with FakeLine(LINE_SECRET, LINE_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
def cluster(fake_line: FakeLine) -> Iterator[Cluster]:
    """PostgreSQL, Redis, 2 replicas and nginx on loopback, under a fresh directory that the
    postgres user can reach (pytest's own temporary directory is private to root)."""
    root = Path(tempfile.mkdtemp(prefix="nhi-cluster-"))
    env = {
        "BOT_TODAY": TODAY.isoformat(),
        "BOT_MUNICIPALITY": MUNICIPALITY,
        "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN,
        "LINE_USER_ID_KEY": LINE_USER_ID_KEY,
        "LINE_API_BASE_URL": fake_line.url,
    }
    try:
        with running_cluster(root, 2, model_path(), api_token=API_TOKEN, env=env) as running:
            yield running
    finally:
        shutil.rmtree(root, ignore_errors=True)
