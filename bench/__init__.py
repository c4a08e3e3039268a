"""Developer tooling that may depend on every app: the benchmark and the scale-data generator."""
