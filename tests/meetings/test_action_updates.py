"""Actions updated by their owners: a partner lead updates the status and progress of their own
agency's actions and gets 404 on another agency's; board members read only; business support update
any; two people updating one action get a conflict; the action log exports as CSV and XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import Action
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def update(client, action, **data):
    return client.post(
        reverse("meetings:action-update", args=[action.pk]),
        {"status": "open", "progress": "Half the audit is done.", "version": action.version, **data},
    )


def test_a_partner_lead_updates_their_own_agencys_action(as_user, lead_a, action_a):
    client = as_user(lead_a)
    assert client.get(reverse("meetings:action-update", args=[action_a.pk])).status_code == 200
    assert update(client, action_a, status="done", progress="Sent on 01/10/2016.").status_code == 302
    action_a.refresh_from_db()
    assert (action_a.status, action_a.progress, action_a.progress_updated_by) == ("done", "Sent on 01/10/2016.", lead_a)
    assert action_a.version == 1
    page = client.get(reverse("meetings:action-detail", args=[action_a.pk])).content.decode()
    assert "Sent on 01/10/2016." in page and "by Lena Lead-A" in page
    assert AuditEvent.objects.filter(action=AuditAction.CHANGED, user=lead_a).exists()


def test_a_partner_lead_gets_404_on_another_agencys_action(as_user, lead_a, action_b):
    client = as_user(lead_a)
    assert client.get(reverse("meetings:action-update", args=[action_b.pk])).status_code == 404
    assert update(client, action_b, status="done").status_code == 404
    action_b.refresh_from_db()
    assert (action_b.status, action_b.progress) == ("open", "")


def test_a_board_member_cannot_update_an_action(as_user, board_member, action_a):
    assert update(as_user(board_member), action_a, status="done").status_code == 403
    assert Action.objects.get(pk=action_a.pk).status == "open"


def test_business_support_update_any_action(as_user, business_support, action_b):
    assert update(as_user(business_support), action_b, status="done").status_code == 302
    assert Action.objects.get(pk=action_b.pk).status == "done"


def test_dropping_an_action_needs_the_reason(as_user, lead_a, action_a):
    response = update(as_user(lead_a), action_a, status="dropped", progress="")
    assert response.status_code == 400
    assert "Say why the action is no longer needed." in response.content.decode()


def test_two_people_updating_one_action_get_a_conflict(as_user, lead_a, business_support, action_a):
    opened = action_a.version
    update(as_user(business_support), action_a, progress="Business support's note")
    response = as_user(lead_a).post(
        reverse("meetings:action-update", args=[action_a.pk]),
        {"status": "done", "progress": "Mine", "version": opened},
        follow=True,
    )
    assert "Someone else updated this action while you were editing" in response.content.decode()
    assert Action.objects.get(pk=action_a.pk).progress == "Business support's note"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_action_log_exports_with_a_leads_own_actions_only(file_format, as_user, lead_a, action_a, action_b):
    update(as_user(lead_a), action_a, progress="=HYPERLINK(1)")
    response = as_user(lead_a).get(reverse("meetings:action-export") + f"?format={file_format}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    if file_format == "csv":
        rows = [line.split(",") for line in response.content.decode("utf-8-sig").splitlines()]
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
        text = repr(rows)
    assert rows[0][:3] == ["Meeting", "Date", "Action"]
    assert len(rows) == 2
    assert "Agency A to send its audit" in text and "Agency B" not in text
    assert "'=HYPERLINK(1)" in text  # formulas escaped
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED, user=lead_a).count() == 1


def test_the_board_member_exports_every_action(as_user, board_member, action_a, action_b):
    response = as_user(board_member).get(reverse("meetings:action-export") + "?format=csv")
    assert len(response.content.decode("utf-8-sig").splitlines()) == 3
