"""deploy/: the compose file and the Kubernetes manifests cannot run here (no Docker engine, no
kubectl), so they are checked as files: they parse, what they name exists, and they give the
replicas every variable deploy/endpoints.yml needs, as `make cluster` does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cluster.cluster import Cluster
from cluster.nginx import Nginx
from cluster.postgres import Postgres
from cluster.redis_server import RedisServer
from cluster.replicas import Replica

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ROOT = DEPLOY.parent
MANIFESTS = sorted((DEPLOY / "kubernetes").glob("*.yaml"))


def load_all(path: Path) -> list[Any]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]


def endpoint_variables() -> set[str]:
    return set(re.findall(r"\$\{([A-Z_]+)\}", (DEPLOY / "endpoints.yml").read_text(encoding="utf-8")))


def secret_keys() -> set[str]:
    lines = (DEPLOY / "secrets.example.env").read_text(encoding="utf-8").splitlines()
    return {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}


def k8s_objects() -> list[dict[str, Any]]:
    return [doc for path in MANIFESTS for doc in load_all(path)]


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_each_manifest_is_a_named_kubernetes_object(path: Path) -> None:
    for doc in load_all(path):
        assert {"apiVersion", "kind", "metadata"} <= doc.keys() and doc["metadata"].get("name"), doc


def test_the_kustomization_names_files_that_exist() -> None:
    kustomization = load_all(DEPLOY / "kustomization.yaml")[0]
    files = list(kustomization["resources"])
    files += [f for generator in kustomization["configMapGenerator"] for f in generator["files"]]
    assert sorted(DEPLOY / f for f in kustomization["resources"]) == MANIFESTS
    for name in files:
        assert (DEPLOY / name).is_file(), name
    assert kustomization["secretGenerator"][0]["envs"] == ["secrets.env"]  # made from secrets.example.env


def test_kubernetes_replicas_get_every_endpoint_variable_and_the_api_token() -> None:
    rasa = next(o for o in k8s_objects() if o["kind"] == "Deployment" and o["metadata"]["name"] == "rasa")
    container = next(c for c in rasa["spec"]["template"]["spec"]["containers"] if c["name"] == "rasa")
    given = {e["name"] for e in container["env"]} | secret_keys()
    assert endpoint_variables() <= given
    assert container["args"][container["args"].index("--auth-token") + 1] == "$(NHI_API_TOKEN)"
    mounted = {v["name"]: v for v in rasa["spec"]["template"]["spec"]["volumes"]}
    assert mounted["endpoints"]["configMap"]["name"] == "nhi-endpoints"


def test_compose_publishes_only_nginx_and_gives_the_replicas_every_endpoint_variable() -> None:
    compose = load_all(DEPLOY / "compose.yaml")[0]
    services = compose["services"]
    assert {"postgres", "redis", "actions", "rasa", "nginx"} <= services.keys()
    assert [name for name, s in services.items() if s.get("ports")] == ["nginx"]
    assert endpoint_variables() <= set(services["rasa"]["environment"]) | secret_keys()
    for volume in services["nginx"]["volumes"]:
        assert (DEPLOY / volume.split(":")[0]).is_file(), volume
    assert services["rasa"]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_make_cluster_gives_the_replicas_every_endpoint_variable(tmp_path: Path) -> None:
    cluster = Cluster(
        tmp_path,
        Postgres(tmp_path, 1, "pw"),
        RedisServer(tmp_path, 2, "pw"),
        Nginx(tmp_path, 3, [4]),
        [Replica(1, 4, 5)],
    )
    given = set(cluster.replica_env()) | {"NHI_ACTION_URL"}  # set per replica (cluster/replicas.py)
    assert endpoint_variables() <= given


def test_the_cluster_endpoints_differ_from_the_single_machine_ones_only_in_the_stores_and_the_action_url() -> None:
    single = load_all(ROOT / "endpoints.yml")[0]
    scaled = load_all(DEPLOY / "endpoints.yml")[0]
    assert scaled["nlg"] == single["nlg"]
    assert set(scaled) == set(single) | {"lock_store"}
    assert scaled["tracker_store"]["dialect"] == "postgresql" and scaled["lock_store"]["type"] == "redis"


def test_every_door_nginx_publishes_is_a_channel_of_credentials_yml() -> None:
    doors = re.findall(r"location = /webhooks/(\w+)/", (DEPLOY / "nginx" / "nhi-doors.conf").read_text())
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    names = {"SafeRestInput": "rest", "WidgetInput": "widget", "LineInput": "line"}
    published = {names[key.rsplit(".", 1)[-1]] for key in channels if key.rsplit(".", 1)[-1] in names}
    assert set(doors) == published
