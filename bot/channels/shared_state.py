"""Where the channels keep what they remember between requests: in this process, or in Redis when
the replicas of a cluster share one (docs/deployment.md).

Rasa's lock store decides. With `lock_store: type: redis` in the endpoints (deploy/endpoints.yml),
the same Redis also holds the LINE webhook events already handled (bot.channels.line) and the
widget's replies to a message id (bot.channels.message_replay), so that any replica recognises a
redelivered event or a retried message. Without it (the single-machine default) both stay in
memory. Keys start with `nhi:` and all expire.
"""

from __future__ import annotations

from typing import Any

from rasa.core.lock_store import RedisLockStore

KEY_PREFIX = "nhi:"


def shared_redis(agent: Any) -> Any | None:
    """The lock store's Redis client when the replicas share one, else None (single process)."""
    store = getattr(agent, "lock_store", None)
    return store.red if isinstance(store, RedisLockStore) else None
