"""The malformed-file corpus of test_imports (F01-F35) against every other import path in the apps:
meetings attendance, finance expenditure and contributions, training e-learning, and the back
office's annual figures imports. No file gives a server error and none imports anything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Contribution, ExpenditureLine
from meetings.models import Attendance
from partners.models import Partner
from reports.annual.models import ComparatorValue, IndicatorValue
from tests.wscb.test_imports import ADMIN_FORMAT, MALFORMED
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


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_malformed_file_errors_or_imports_anything_on_any_import_page(page, agency_a, as_user, business_support):
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
        tried += 1
    assert tried == len(MALFORMED) >= 30
