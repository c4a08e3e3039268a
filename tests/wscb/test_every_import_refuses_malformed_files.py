"""The malformed-file corpus of test_imports (F01-F35) against every import path in the apps:
partner agencies, meetings attendance, finance expenditure and contributions, training e-learning,
and the back office's partner and annual figures imports. No file gives a server error, none imports
anything, and (finding, Low: the back-office partner import with a repeated heading showed server
paths and line numbers) every answer is a message, never a traceback, with DEBUG off."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Contribution, ExpenditureLine
from meetings.models import Attendance
from partners.models import Partner
from reports.annual.models import ComparatorValue, IndicatorValue
from tests.wscb.test_imports import ADMIN_FORMAT, MALFORMED, TRACEBACK
from training.models import ELearningEnrolment

pytestmark = pytest.mark.django_db

PAGES = {
    "meetings attendance": (reverse("meetings:attendance-import"), "file"),
    "finance expenditure": (reverse("finance:import", args=["expenditure"]), "file"),
    "finance contributions": (reverse("finance:import", args=["contributions"]), "file"),
    "training e-learning": (reverse("training:elearning-import"), "file"),
    "admin indicator values": (reverse("admin:annual_indicatorvalue_import"), "import_file"),
    "admin comparator values": (reverse("admin:annual_comparatorvalue_import"), "import_file"),
}


def counts():
    return [
        model.objects.count()
        for model in (Attendance, ExpenditureLine, Contribution, ELearningEnrolment, IndicatorValue, ComparatorValue)
    ] + [sorted(Partner.objects.values_list("pk", "name"))]


#: The partner import's corpus runs are in test_imports (page and back office), with its own fixtures.
RUN_IN_TEST_IMPORTS = {reverse("partners:partner-import"), reverse("admin:partners_partner_import")}


def test_every_import_page_is_in_the_corpus_run():
    from django.contrib import admin
    from import_export.admin import ImportMixin

    admin_imports = {
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_import")
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ImportMixin)
    }
    portal_imports = {
        reverse(name, args=args)
        for name, args in (
            ("partners:partner-import", []),
            ("meetings:attendance-import", []),
            ("training:elearning-import", []),
            ("finance:import", ["expenditure"]),
            ("finance:import", ["contributions"]),
        )
    }
    assert admin_imports | portal_imports <= {url for url, _field in PAGES.values()} | RUN_IN_TEST_IMPORTS


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_malformed_file_errors_or_imports_anything_on_any_import_page(
    page, agency_a, as_user, business_support, settings
):
    settings.DEBUG = False  # what people see in production
    url, field = PAGES[page]
    client = as_user(business_support)
    before = counts()
    tried = 0
    for case, filename, make, _expected in MALFORMED:
        data = {field: SimpleUploadedFile(filename, make())}
        if field == "import_file":
            data["format"] = ADMIN_FORMAT[filename.rsplit(".", 1)[-1]]
        response = client.post(url, data)
        assert response.status_code in (200, 400), (page, case, response.status_code)
        assert counts() == before, (page, case)
        shown = response.content.decode(errors="replace")
        assert not TRACEBACK.search(shown), (page, case, TRACEBACK.search(shown).group(0))
        tried += 1
    assert tried == len(MALFORMED) >= 30
