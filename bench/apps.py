from django.apps import AppConfig


class BenchConfig(AppConfig):
    """``manage.py benchmark`` and ``manage.py generate_scale_data`` (see the README)."""

    name = "bench"
    verbose_name = "Benchmark"
