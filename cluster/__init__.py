"""The assistant scaled out on one machine: PostgreSQL, Redis, N Rasa replicas with their action
servers, and nginx in front, all from Debian packages and on loopback (`make cluster N=2`,
docs/deployment.md). Used by the command, the cluster tests and the benchmark."""
