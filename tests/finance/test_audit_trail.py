"""Every finance line's creation, change and deletion writes exactly one audit row naming the line and
the person; refused attempts (wrong role 403, another board's line 404) change nothing and write no
row about the line."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from finance.models import Contribution, ExpenditureLine, IncomeLine
from tests.finance.factories import ContributionFactory, ExpenditureLineFactory, FinanceYearFactory, IncomeLineFactory
from wscb.audit.models import AuditAction, AuditEvent


def rows(model):
    content_type = ContentType.objects.get_for_model(model)
    return list(
        AuditEvent.objects.filter(content_type=content_type)
        .order_by("pk")
        .values_list("user__email", "action", "object_id", "detail")
    )


def test_an_expenditure_line_added_changed_and_deleted_writes_three_rows(as_user, business_support, year_2016, fees):
    client = as_user(business_support)
    data = {"category": fees.pk, "kind": "actual", "amount": "100.00", "description": "Venue"}
    assert client.post("/finance/2016/expenditure/add/", data).status_code == 302
    line = ExpenditureLine.objects.get()
    client.post(f"/finance/expenditure/{line.pk}/edit/", {**data, "amount": "120.00", "version": line.version})
    client.post(f"/finance/expenditure/{line.pk}/delete/")
    assert not ExpenditureLine.objects.exists()
    pk, email = str(line.pk), business_support.email
    assert rows(ExpenditureLine) == [
        (email, AuditAction.CREATED, pk, ""),
        (email, AuditAction.CHANGED, pk, "Changed: amount"),
        (email, AuditAction.DELETED, pk, ""),
    ]


def test_a_contribution_change_is_audited_with_the_fields_changed(as_user, business_support, year_2016, agency_a):
    contribution = ContributionFactory(finance_year=year_2016, partner=agency_a, amount_agreed=Decimal("5000.00"))
    data = {
        "partner": agency_a.pk,
        "amount_agreed": "5000.00",
        "amount_invoiced": "5000.00",
        "amount_received": "5000.00",
        "invoice_reference": "INV-1",
        "invoiced_on": "01/05/2016",
        "received_on": "02/06/2016",
        "version": contribution.version,
    }
    response = as_user(business_support).post(f"/finance/contributions/{contribution.pk}/edit/", data)
    assert response.status_code == 302
    [(email, action, pk, detail)] = rows(Contribution)
    assert (email, action, pk) == (business_support.email, AuditAction.CHANGED, str(contribution.pk))
    assert set(detail.removeprefix("Changed: ").split(", ")) == {
        "amount_invoiced",
        "amount_received",
        "invoice_reference",
        "invoiced_on",
        "received_on",
    }


def test_an_income_line_added_and_deleted_writes_two_rows(as_user, business_support, year_2016):
    client = as_user(business_support)
    data = {"kind": "other", "description": "Grant", "amount": "50.00"}
    assert client.post("/finance/2016/income/add/", data).status_code == 302
    line = IncomeLine.objects.get()
    client.post(f"/finance/income/{line.pk}/delete/")
    assert rows(IncomeLine) == [
        (business_support.email, AuditAction.CREATED, str(line.pk), ""),
        (business_support.email, AuditAction.DELETED, str(line.pk), ""),
    ]


def test_a_conflicting_edit_writes_no_changed_row(as_user, business_support, fees_line):
    data = {"category": fees_line.category_id, "kind": "actual", "amount": "1.00", "description": "x", "version": 99}
    assert as_user(business_support).post(f"/finance/expenditure/{fees_line.pk}/edit/", data).status_code == 409
    assert rows(ExpenditureLine) == []


@pytest.mark.parametrize("role", ["lead_a", "board_member"])
def test_a_refused_role_changes_nothing_and_writes_no_row_about_the_line(role, request, as_user, fees_line):
    client = as_user(request.getfixturevalue(role))
    assert client.post(f"/finance/expenditure/{fees_line.pk}/delete/").status_code == 403
    assert ExpenditureLine.objects.filter(pk=fees_line.pk).exists()
    assert rows(ExpenditureLine) == []


def test_another_boards_line_is_404_and_leaves_no_row(as_user, business_support):
    from tests.partners.factories import BoardFactory

    other = FinanceYearFactory(board=BoardFactory(name="Adults board", short_name="WSAB"), start_year=2016)
    line = ExpenditureLineFactory(finance_year=other, description="Secret supplier")
    income = IncomeLineFactory(finance_year=other)
    client = as_user(business_support)
    response = client.post(f"/finance/expenditure/{line.pk}/delete/")
    assert response.status_code == 404 and "Secret supplier" not in response.content.decode()
    assert client.post(f"/finance/income/{income.pk}/delete/").status_code == 404
    assert rows(ExpenditureLine) == [] and rows(IncomeLine) == []


def test_an_import_writes_one_imported_row_with_the_count(as_user, business_support, year_2016, fees):
    import tablib
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.finance.test_import import EXPENDITURE_HEADERS

    dataset = tablib.Dataset(
        ("2016/17", "Professional Fees", "Actual", "12.00", "Lunch", "", ""), headers=EXPENDITURE_HEADERS
    )
    upload = SimpleUploadedFile("lines.csv", dataset.export("csv").encode())
    from tests.finance.test_import import imported

    assert imported(as_user(business_support), "expenditure", upload).status_code == 302
    assert list(AuditEvent.objects.filter(action=AuditAction.IMPORTED).values_list("user", "detail")) == [
        (business_support.pk, "expenditure lines: 1 new, 0 updated, 0 unchanged")
    ]
