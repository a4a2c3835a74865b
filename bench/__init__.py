"""`make bench`: accuracy, latency under load, memory and training time (writes docs/benchmarks.md)."""
