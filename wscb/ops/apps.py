from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Backup, restore and retention commands (``manage.py backup``, ``restore``, ``apply_retention``)."""

    name = "wscb.ops"
    label = "ops"
    verbose_name = "Operations"
