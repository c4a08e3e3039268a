"""The audit trail: who did what to which record, when and from where; unchangeable; an
administrator-only page with filters and safe exports."""

import csv
import io
from datetime import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from tests.partners.factories import TEST_PASSWORD
from wscb.audit.models import AuditAction, AuditEvent
from wscb.audit.services import audit_record

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=TEST_PASSWORD, **meta):
    return client.post(reverse("login"), {"username": email, "password": password}, **meta)


class TestSignInEvents:
    def test_a_successful_sign_in_is_recorded_with_the_address(self, lead_a):
        sign_in(Client(), lead_a.email, REMOTE_ADDR="203.0.113.9")
        event = AuditEvent.objects.get(action=AuditAction.SIGNED_IN)
        assert (event.user, event.user_label, event.ip_address, event.channel) == (
            lead_a,
            "lead.a@example.org",
            "203.0.113.9",
            "web",
        )
        assert timezone.is_aware(event.created_at)

    def test_a_failed_sign_in_is_recorded_with_the_address_typed_but_no_password(self, lead_a):
        sign_in(Client(), "Lead.A@example.org", "the wrong secret words")
        sign_in(Client(), "nobody@example.org", "the wrong secret words")
        events = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).order_by("pk")
        assert [event.user_label for event in events] == ["lead.a@example.org", "nobody@example.org"]
        assert all(event.user is None for event in events)
        assert not AuditEvent.objects.filter(detail__contains="wrong secret").exists()

    def test_signing_out_is_recorded(self, as_user, board_member):
        as_user(board_member).post(reverse("logout"))
        assert AuditEvent.objects.filter(user=board_member, action=AuditAction.SIGNED_OUT).count() == 1

    def test_a_forwarded_address_is_ignored_unless_behind_a_proxy(self, lead_a, settings):
        sign_in(Client(), lead_a.email, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
        assert AuditEvent.objects.get(action=AuditAction.SIGNED_IN).ip_address == "10.0.0.1"
        settings.BEHIND_PROXY = True
        sign_in(Client(), lead_a.email, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
        assert AuditEvent.objects.filter(action=AuditAction.SIGNED_IN).first().ip_address == "198.51.100.7"


class TestRecording:
    def test_an_object_is_recorded_by_type_id_and_a_short_label(self, agency_a, business_support):
        event = audit_record(user=business_support, action=AuditAction.VIEWED, obj=agency_a)
        assert event.content_type == ContentType.objects.get_for_model(agency_a)
        assert (event.object_id, event.object_label, event.channel) == (str(agency_a.pk), "Agency A Trust", "command")

    def test_a_model_can_give_a_label_so_that_sensitive_text_is_never_copied(self, agency_a, monkeypatch):
        secret_story = "A child at Oak School, born 01/02/2010, told her teacher " * 20
        monkeypatch.setattr(type(agency_a), "__str__", lambda self: secret_story)
        agency_a.audit_label = lambda: "Case study 7"
        event = audit_record(action=AuditAction.CHANGED, obj=agency_a)
        assert event.object_label == "Case study 7"
        assert AuditEvent.objects.filter(object_label__contains="Oak School").count() == 0

    def test_labels_are_cut_short(self, agency_a):
        agency_a.name = "x" * 400
        assert len(audit_record(action=AuditAction.CHANGED, obj=agency_a).object_label) == 200

    def test_control_characters_cannot_forge_a_second_line(self):
        event = audit_record(action=AuditAction.SIGN_IN_FAILED, label="bob\r\nINFO admin logged in\x1b[31m")
        assert "\n" not in event.user_label and "\r" not in event.user_label and "\x1b" not in event.user_label
        assert event.user_label == "bob\\r\\nINFO admin logged in\\x1b[31m"


class TestImmutability:
    def test_the_application_cannot_change_or_delete_an_event(self, lead_a):
        event = audit_record(user=lead_a, action=AuditAction.VIEWED)
        event.detail = "tampered"
        with pytest.raises(PermissionError):
            event.save()
        with pytest.raises(PermissionError):
            event.delete()
        with pytest.raises(PermissionError):
            AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
        with pytest.raises(PermissionError):
            AuditEvent.objects.all().delete()
        assert AuditEvent.objects.get(pk=event.pk).detail == ""

    def test_the_back_office_shows_events_read_only_to_administrators(self, as_user, administrator, lead_a):
        event = audit_record(user=lead_a, action=AuditAction.VIEWED)
        client = as_user(administrator)
        change_url = reverse("admin:wscb_auditevent_change", args=[event.pk])
        page = client.get(change_url)
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert client.post(change_url, {"detail": "tampered"}).status_code == 403
        assert client.post(reverse("admin:wscb_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
        assert AuditEvent.objects.get(pk=event.pk).detail == ""


class TestRoleChanges:
    def test_changing_a_role_in_the_back_office_is_recorded(self, as_user, administrator, lead_b, board):
        data = {
            "email": lead_b.email,
            "full_name": lead_b.full_name,
            "job_title": "",
            "telephone": "",
            "role": "board_member",
            "partner": "",
            "boards": [board.pk],
            "is_active": "on",
        }
        response = as_user(administrator).post(reverse("admin:partners_user_change", args=[lead_b.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
        assert (event.user, event.object_id, event.channel) == (administrator, str(lead_b.pk), "admin")
        assert "role" in event.detail and "partner" in event.detail and "board_member" in event.detail

    def test_saving_without_changing_the_role_records_no_role_change(self, as_user, administrator, lead_b, board):
        data = {
            "email": lead_b.email,
            "full_name": "Ben Renamed",
            "job_title": "",
            "telephone": "",
            "role": "partner_lead",
            "partner": lead_b.partner_id,
            "boards": [board.pk],
            "is_active": "on",
        }
        assert (
            as_user(administrator).post(reverse("admin:partners_user_change", args=[lead_b.pk]), data).status_code
            == 302
        )
        assert not AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGED).exists()


@pytest.fixture
def events(lead_a, lead_b, agency_a, agency_b):
    with freeze_time("2017-03-01 10:00"):
        audit_record(user=lead_a, action=AuditAction.VIEWED, obj=agency_a)
    with freeze_time("2017-03-15 10:00"):
        audit_record(user=lead_b, action=AuditAction.CHANGED, obj=agency_b, detail='=HYPERLINK("http://x")')
    with freeze_time("2017-04-02 10:00"):
        audit_record(user=lead_b, action=AuditAction.SIGNED_IN)


class TestAuditPage:
    def list_of(self, client, **params):
        response = client.get(reverse("audit-list"), params)
        assert response.status_code == 200
        return [(event.user_label, event.action) for event in response.context["events"]]

    def test_filters_by_person_action_record_type_and_dates(self, as_user, administrator, events):
        client = as_user(administrator)
        partner_type = ContentType.objects.get(app_label="partners", model="partner").pk
        assert self.list_of(client, user="lead.b") == [
            ("lead.b@example.org", "signed_in"),
            ("lead.b@example.org", "changed"),
        ]
        assert self.list_of(client, action="viewed") == [("lead.a@example.org", "viewed")]
        assert len(self.list_of(client, object_type=partner_type)) == 2
        assert self.list_of(client, date_from="10/03/2017", date_to="31/03/2017") == [("lead.b@example.org", "changed")]

    def test_a_from_date_after_the_to_date_is_explained(self, as_user, administrator, events):
        response = as_user(administrator).get(
            reverse("audit-list"), {"date_from": "02/04/2017", "date_to": "01/03/2017"}
        )
        assert "must not be after" in response.content.decode()
        assert list(response.context["events"]) == []

    def test_pages_of_fifty(self, as_user, administrator):
        AuditEvent.objects.bulk_create(AuditEvent(action=AuditAction.VIEWED, user_label=f"p{n}") for n in range(120))
        client = as_user(administrator)
        first = client.get(reverse("audit-list"))
        assert len(first.context["events"]) == 50
        assert first.context["page_obj"].paginator.count >= 120
        assert len(client.get(reverse("audit-list"), {"page": 3}).context["events"]) >= 20

    def test_an_empty_result_says_so(self, as_user, administrator):
        response = as_user(administrator).get(reverse("audit-list"), {"action": "retention_applied"})
        assert "No audit events match" in response.content.decode()

    def test_only_administrators_see_it(self, as_user, business_support, board_member, lead_a):
        for user in (business_support, board_member, lead_a):
            assert as_user(user).get(reverse("audit-list")).status_code == 403
            assert as_user(user).get(reverse("audit-export")).status_code == 403
        assert as_user(None).get(reverse("audit-list")).status_code == 302

    def test_the_csv_export_escapes_formulae_and_is_itself_audited(self, as_user, administrator, events):
        response = as_user(administrator).get(reverse("audit-export"), {"user": "lead.b", "format": "csv"})
        assert response["Content-Disposition"] == 'attachment; filename="audit-trail.csv"'
        assert "no-store" in response["Cache-Control"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "When"
        details = [row[7] for row in rows[1:]]
        assert '\'=HYPERLINK("http://x")' in details
        assert len(rows) == 3
        assert AuditEvent.objects.filter(user=administrator, action=AuditAction.EXPORTED).count() == 1

    def test_the_xlsx_export_escapes_formulae(self, as_user, administrator, events):
        response = as_user(administrator).get(reverse("audit-export"), {"format": "xlsx", "action": "changed"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][7] == '\'=HYPERLINK("http://x")'
        assert rows[1][0] == datetime(2017, 3, 15, 10, 0).strftime("%d/%m/%Y %H:%M")


class TestDatabaseGuard:
    @pytest.fixture(autouse=True)
    def _postgres_only(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("the trigger exists on PostgreSQL only")

    def test_raw_sql_cannot_change_or_delete_an_event(self, lead_a):
        from django.db import DatabaseError, connection, transaction

        event = audit_record(user=lead_a, action=AuditAction.VIEWED)
        for statement in (
            "UPDATE wscb_auditevent SET detail = 'tampered' WHERE id = %s",
            "DELETE FROM wscb_auditevent WHERE id = %s",
        ):
            with (
                pytest.raises(DatabaseError, match="cannot be changed or deleted"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(statement, [event.pk])
        assert AuditEvent.objects.get(pk=event.pk).detail == ""

    def test_deleting_a_person_keeps_their_events_with_their_address(self, lead_a):
        event = audit_record(user=lead_a, action=AuditAction.VIEWED)
        lead_a.delete()
        event = AuditEvent.objects.get(pk=event.pk)
        assert (event.user, event.user_label) == (None, "lead.a@example.org")


class TestBackOfficeChanges:
    def test_adding_changing_and_deleting_an_agency_are_recorded(self, as_user, business_support):
        from partners.models import BoardMembership, Partner
        from tests.partners.factories import membership_inline

        client = as_user(business_support)
        data = {"name": "New Trust", "short_name": "NT", "sector": "health", "is_active": "on"}
        assert client.post(reverse("admin:partners_partner_add"), {**data, **membership_inline()}).status_code == 302
        agency = Partner.objects.get(short_name="NT")
        membership = BoardMembership.objects.get(partner=agency)
        client.post(
            reverse("admin:partners_partner_change", args=[agency.pk]),
            {**data, "sector": "police", **membership_inline(membership)},
        )
        client.post(reverse("admin:partners_partner_delete", args=[agency.pk]), {"post": "yes"})
        events = list(AuditEvent.objects.filter(object_id=str(agency.pk)).order_by("pk"))
        assert [(e.action, e.channel, e.user) for e in events] == [
            ("created", "admin", business_support),
            ("changed", "admin", business_support),
            ("deleted", "admin", business_support),
        ]
        assert events[1].detail == "Changed: sector"
        assert events[2].object_label == "New Trust"

    def test_deleting_several_at_once_records_each(self, as_user, administrator, agency_a, agency_b):
        url = reverse("admin:partners_partner_changelist")
        response = as_user(administrator).post(
            url, {"action": "delete_selected", "_selected_action": [agency_a.pk, agency_b.pk], "post": "yes"}
        )
        assert response.status_code == 302
        labels = set(AuditEvent.objects.filter(action=AuditAction.DELETED).values_list("object_label", flat=True))
        assert labels == {"Agency A Trust", "Agency B Police"}


def test_a_refused_page_is_recorded_as_a_failed_authorisation(as_user, lead_a):
    response = as_user(lead_a).get(reverse("partners:partner-list"))
    assert response.status_code == 403
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_REFUSED)
    assert (event.user, event.detail) == (lead_a, "GET /partners/")
