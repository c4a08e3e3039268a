"""Static files are collected under hashed names with compressed copies and served with far-future
cache headers (WhiteNoise, as configured in the settings), and text responses (HTML pages with
their forms included) are gzip-compressed, files that are compressed already are not."""

import gzip
import importlib

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from wscb.compression import TextGZipMiddleware

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_settings_collect_hashed_compressed_files_behind_whitenoise():
    configured = importlib.import_module("wscb.settings")
    assert configured.STORAGES["staticfiles"]["BACKEND"] == PRODUCTION_STORAGE
    middleware = configured.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == 1  # right after SecurityMiddleware
    # Pages are compressed below WhiteNoise (static files are compressed once, when collected) and
    # above everything that writes the page.
    assert middleware.index("wscb.compression.TextGZipMiddleware") == 2


def test_collected_files_are_hashed_compressed_and_kept_by_browsers_for_ever(tmp_path, settings):
    configured = importlib.import_module("wscb.settings")
    with override_settings(
        STATIC_ROOT=tmp_path,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],  # the portal's own files
        STORAGES={**settings.STORAGES, "staticfiles": configured.STORAGES["staticfiles"]},
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        staticfiles_storage._setup()  # the lazy storage object was made with the test settings
        hashed = staticfiles_storage.stored_name("css/portal.css")
        assert hashed != "css/portal.css" and hashed.startswith("css/portal.") and hashed.endswith(".css")
        assert (tmp_path / f"{hashed}.gz").exists()

        served = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
        response = served(RequestFactory().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip, br"))
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
        assert response["Content-Encoding"] in {"gzip", "br"}

        plain = served(RequestFactory().get("/static/css/portal.css"))
        assert plain.status_code == 200 and "immutable" not in plain.get("Cache-Control", "")


@pytest.mark.django_db
def test_pages_are_gzipped_for_browsers_that_accept_it(board_member, as_user):
    client = as_user(board_member)
    url = reverse("dashboards:dashboard") + "?year=2016/17"
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert "</html>" in page
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding") and "</html>" in plain.content.decode()


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("text/html; charset=utf-8", True),
        ("text/csv", True),
        ("application/pdf", False),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
        ("image/png", False),
    ],
)
def test_only_text_is_compressed(content_type, compressed):
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"x" * 2000, content_type=content_type))
    response = middleware(RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert response.has_header("Content-Encoding") is compressed
