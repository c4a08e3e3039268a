"""Every CSV and XLSX export in the portal escapes cells beginning with = + - @ tab or CR.

The export URLs are found by walking the URL resolver (any URL named ``*export*`` or ending in
.csv/.xlsx, the back office's import-export pages included), so a new export that is not listed
in ``HOW_TO_FETCH`` fails ``test_every_export_url_is_covered`` until it is added here. Each export
is fetched in each of its formats after seeding every dangerous value into the records it lists;
no cell of any file may begin with a dangerous character, and each file must contain at least
one of the seeded values in its escaped form (so the check cannot pass on an empty file)."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, FinanceYear
from partners.models import Partner
from reports.annual.models import Indicator, IndicatorValue
from tests.reports.factories import open_round
from training.models import ELearningEnrolment, ELearningModule
from wscb.audit.models import AuditAction
from wscb.audit.services import audit_record

pytestmark = pytest.mark.django_db

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = [f'{prefix}HYPERLINK("http://evil.example","x{index}")' for index, prefix in enumerate(DANGEROUS)]
SLUG_PAYLOADS = [f"{prefix}cmd{index}" for index, prefix in enumerate(("-", "-", "-"))]  # slugs allow only "-"


def _walk(patterns, namespace="", prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def export_url_names() -> set[str]:
    return {
        name
        for name, route in _walk(get_resolver().url_patterns)
        if "export" in name.split(":")[-1] or route.rstrip("$").endswith((".csv", ".xlsx"))
    }


@pytest.fixture
def seeded(board, business_support):
    """Every dangerous value in every kind of record an export lists."""
    from tests.partners.factories import PartnerFactory

    partners = [
        PartnerFactory(name=payload, short_name=f"EVIL{index}", sector=Partner.Sector.OTHER, boards=[board])
        for index, payload in enumerate(PAYLOADS)
    ]
    year = FinanceYear.objects.create(board=board, start_year=2016)
    category = ExpenditureCategory.objects.create(board=board, name=PAYLOADS[0], order=1)
    for index, partner in enumerate(partners):
        Contribution.objects.create(finance_year=year, partner=partner, amount_agreed=Decimal("100.00"))
        ExpenditureLine.objects.create(
            finance_year=year,
            category=category,
            amount=Decimal("-12.50") if index == 0 else Decimal("10.00"),
            description=PAYLOADS[index],
            supplier_reference=PAYLOADS[-1 - index][:30],
        )
    module = ELearningModule.objects.create(board=board, title=PAYLOADS[1])
    for payload in PAYLOADS:
        ELearningEnrolment.objects.create(
            module=module, learner_name=payload, organisation_name=payload, allocated_on=date(2016, 6, 1)
        )
    round_ = open_round(board=board, agencies=partners, by=business_support)
    for index, payload in enumerate(SLUG_PAYLOADS):
        indicator = Indicator.objects.create(
            board=board, code=payload, name=PAYLOADS[index], unit="count", numerator_label=PAYLOADS[index]
        )
        IndicatorValue.objects.create(indicator=indicator, year_start=2016, numerator=3)
        indicator.comparators.create(year_start=2016, comparator="england", value=Decimal("1.0"))
    for payload in PAYLOADS:
        audit_record(user=business_support, action=AuditAction.CHANGED, detail=payload)
    return {"round": round_, "board": board, "partners": partners}


def _admin_export(client, url):
    page = client.get(url).content.decode()
    fields = set(re.findall(r'type="checkbox" name="([\w-]+)"', page)) | set(
        re.findall(r'name="([\w-]+)"[^>]*type="checkbox"', page)
    )
    for index in (0, 1):  # CSV, XLSX (SafeImportExportMixin offers exactly these)
        yield client.post(url, {"format": str(index), "resource": "0", **dict.fromkeys(fields, "on")})


HOW_TO_FETCH = {
    "audit-export": lambda client, seed: [client.get(reverse("audit-export"), {"format": f}) for f in ("csv", "xlsx")],
    "training:charges-export": lambda client, seed: [
        client.get(reverse("training:charges-export"), {"year": "2016/17"})
    ],
    "finance:export": lambda client, seed: [
        client.get(reverse("finance:export", args=[dataset]), {"format": f, "year": "2016"})
        for dataset in ("expenditure", "contributions", "outstanding")
        for f in ("csv", "xlsx")
    ],
    # The dashboard's panels: the indicators panel lists the seeded indicator names (every file must
    # hold a seeded value, and the other panels hold only figures and agency names).
    "dashboards:panel-export": lambda client, seed: [
        client.get(reverse("dashboards:panel-export", args=[panel, f]), {"year": "2016/17"})
        for panel in ("indicators",)
        for f in ("csv", "xlsx")
    ],
    "reports:round-export": lambda client, seed: [client.get(reverse("reports:round-export", args=[seed["round"].pk]))],
    # The ratings across agencies list every agency whose return was received (the seeded names).
    "reports:ratings-picture-export": lambda client, seed: _ratings_export(client, seed),
    # The action log lists the board's actions (seeded descriptions and owner agencies).
    "meetings:action-export": lambda client, seed: _action_export(client, seed),
    # One agency's bookings in a year (seeded course titles, delegate names and job titles).
    "training:agency-export": lambda client, seed: _agency_export(client, seed),
}


def _action_export(client, seed):
    from tests.meetings.factories import ActionFactory, GroupFactory, MeetingFactory

    meeting = MeetingFactory(group=GroupFactory(board=seed["board"], name=PAYLOADS[2]))
    for index, payload in enumerate(PAYLOADS):
        ActionFactory(meeting=meeting, description=payload, owner=seed["partners"][index], progress=payload)
    return [client.get(reverse("meetings:action-export"), {"format": f}) for f in ("csv", "xlsx")]


def _agency_export(client, seed):
    from tests.training.factories import BookingFactory, CourseFactory, SessionFactory

    partner = seed["partners"][0]
    session = SessionFactory(course=CourseFactory(board=seed["board"], title=PAYLOADS[3]), starts_on=date(2016, 6, 15))
    for payload in PAYLOADS:
        BookingFactory(
            session=session, partner=partner, organisation_name="", delegate_name=payload, job_title=payload[:100]
        )
    return [client.get(reverse("training:agency-export", args=[partner.pk]), {"year": "2016/17"})]


def _ratings_export(client, seed):
    seed["round"].reports.update(status="submitted")  # received: business support sees their rows
    return [client.get(reverse("reports:ratings-picture-export", args=[2016, f])) for f in ("csv", "xlsx")]


def cells(response) -> list:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def is_number(text: str) -> bool:
    """A negative amount in a CSV is a number, not a formula (wscb.data.exports keeps numbers as numbers)."""
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def test_every_export_url_is_covered():
    admin_exports = {name for name in export_url_names() if name.startswith("admin:")}
    assert export_url_names() - admin_exports == set(HOW_TO_FETCH), "add the new export to HOW_TO_FETCH"
    assert {"admin:partners_partner_export", "admin:annual_indicatorvalue_export"} <= admin_exports


def responses_for(name, client, seed):
    if name.startswith("admin:"):
        return list(_admin_export(client, reverse(name)))
    return HOW_TO_FETCH[name](client, seed)


@pytest.mark.parametrize("name", sorted(export_url_names()))
def test_no_cell_of_any_export_starts_a_formula(name, seeded, as_user, administrator):
    client = as_user(administrator)
    files = responses_for(name, client, seeded)
    assert files
    escaped = {"'" + payload for payload in [*PAYLOADS, *SLUG_PAYLOADS]}
    for response in files:
        assert response.status_code == 200, name
        assert "no-store" in response.get("Cache-Control", ""), name
        values = cells(response)
        texts = [value for value in values if isinstance(value, str)]
        unsafe = [value for value in texts if value.startswith(DANGEROUS) and not is_number(value)]
        assert unsafe == [], f"{name}: {unsafe[:3]}"
        assert escaped & set(texts), f"{name}: no seeded value reached the file"
