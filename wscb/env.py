"""Strict readers for settings taken from environment variables: a bad value stops start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


#: The database cache's table (created by the ``wscb`` migrations: ``createcachetable``).
CACHE_TABLE = "portal_cache"


def cache_from_url(url: str) -> dict:
    """Django's ``CACHES["default"]`` for ``DJANGO_CACHE_URL``.

    Empty (the default) or ``db://``: the database cache, shared by every app server and worker
    that uses the database. ``redis://...`` / ``rediss://...``: Redis (Django's own backend; needs
    the ``redis`` package, which the portal does not install). ``locmem://``: one process's memory
    (development only: app servers would not share it). ``dummy://``: no cache at all.
    """
    url = url.strip()
    scheme = url.partition("://")[0].lower() if "://" in url else url.lower()
    if scheme in ("", "db"):
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    if scheme in ("redis", "rediss"):
        import importlib.util

        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured(
                "DJANGO_CACHE_URL is a Redis URL, but the redis package is not installed: pip install redis."
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL must be empty (the database), db://, redis://..., rediss://..., locmem:// or dummy://; "
        f"got {url!r}."
    )
