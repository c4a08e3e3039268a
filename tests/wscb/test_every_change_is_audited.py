"""T66 audit coverage: every create, update, delete, import and state transition in the portal, on
its pages and in the back office, writes an audit row naming who (the user), when (an aware time),
what (the model, the record's key and the NAMES of the fields changed) and the channel.

``CASES`` lists every portal URL that accepts POST, with a valid payload. The URL list is read from
the resolver, so ``test_every_post_url_is_listed`` fails when a new POST view appears that is not in
``CASES`` or ``NOT_MUTATING`` (with the reason it changes no record). In the back office every
registered model admin must be an ``AuditedModelAdmin`` (additions, changes, deletions, inline rows)
and every spreadsheet import a ``SafeImportExportMixin`` (one row per import); the change and delete
of every model the administrator may edit are then performed through the real admin pages.

``test_every_mutating_endpoint_writes_an_audit_row`` performs each action in a savepoint that is
rolled back afterwards, then prints ``audit coverage: X of Y mutating endpoints`` and fails below
100 %. T68: the case-study text never reaches the audit rows nor the application's log output.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib import admin as django_admin
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from finance import services as finance_services
from finance.models import Contribution, ExpenditureLine, FinanceYear, IncomeLine
from meetings.models import Action, AgendaItem, Decision, Declaration, Meeting, Minutes, Paper
from partners.models import Board, Partner, User
from reports.annual.models import NarrativeSection, PriorityActivity, ReportConfiguration
from reports.selfreports import services as report_services
from reports.selfreports.models import (
    AssessmentAction,
    CaseStudy,
    ChallengeEvent,
    Evidence,
    FormTemplate,
    Round,
    SelfReport,
)
from tests import permission_matrix
from tests.conftest import client_for, verified_device
from tests.finance.factories import (
    ContributionFactory,
    ExpenditureCategoryFactory,
    FinanceYearFactory,
    IncomeLineFactory,
)
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.meetings.test_attendance_record import form_data as attendance_form_data
from tests.partners.factories import TEST_PASSWORD
from tests.reports.factories import (
    accepted,
    fill_all,
    full_values,
    make_form,
    make_priorities,
    open_round,
    report_for,
    section,
    submitted,
)
from tests.training.factories import BookingFactory, CourseFactory, ModuleFactory, SessionFactory
from tests.wscb.test_two_factor import code_for
from training.models import Booking, Evaluation, ImpactResponse, Learner, Session
from wscb.accounts.models import UserSession
from wscb.audit.admin import AuditedModelAdmin
from wscb.audit.models import AuditAction, AuditEvent
from wscb.data.imports import SafeImportExportMixin
from wscb.jobs.models import Job
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db

SECRET_CASE_TEXT = "Kayden, aged 6, of 22 Larch Close, disclosed to his teacher"

# POST views that change no record, and why (they are still signed-in only and CSRF-protected).
NOT_MUTATING = {
    "imports:import": "uploads and previews a file: nothing is written until imports:confirm (a case)",
    "partners:partner-import": "the agencies import's upload and preview (imports:import): nothing is written",
    "finance:import": "the finance imports' upload and preview (imports:import): nothing is written",
    "meetings:attendance-import": "the attendance import's upload and preview (imports:import): nothing is written",
    "training:elearning-import": "the e-learning import's upload and preview (imports:import): nothing is written",
    "imports:cancel": "drops a previewed file; no record changes",
    "board-switch": "chooses which board the session works in; no record changes",
    "password_reset": "sends a reset e-mail; the password change itself is audited (password_reset_confirm)",
    "health": "GET and HEAD only (a POST is 405); it changes no record",
    "learning:verify-again": "sends the learner a new verification link; no record changes",
}


#: In a case's POST data: a file to upload to the kind's import page first; the POST then confirms its preview.
PREVIEW_FIRST = "_preview_first"


@dataclass(frozen=True)
class Case:
    name: str  # URL name
    actor: str  # who acts: a cast member
    prepare: Callable  # (cast) -> (url kwargs, POST data)
    action: str
    model: type | None  # None: an event about no single record (signing in, a spreadsheet import)
    fields: tuple = ()  # field names the event's detail must name
    detail: str = ""  # text the event's detail must contain (imports: what and how many)
    client: str = "verified"  # "verified", "password_only" or "anonymous"
    ok: tuple = (302,)
    #: For an actor without an account (actor ``NO_ACCOUNT``: a learner's manager answering by a signed
    #: link), the label the event must carry instead of a user.
    label: str = ""


NO_ACCOUNT = "no account"


# --- what each case needs -------------------------------------------------------------------------------
def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def _meeting(cast, *, members=True):
    group = GroupFactory(board=cast.board, name="Test Board")
    if members:
        MembershipFactory(group=group, person=PersonFactory(full_name="Alice A", partner=cast.agency_a))
        MembershipFactory(group=group, person=PersonFactory(full_name="Bob B", partner=cast.agency_b))
    return MeetingFactory(group=group, held_on=date(2016, 9, 5))


def meeting_create(cast):
    group = GroupFactory(board=cast.board)
    return {}, {"group": group.pk, "held_on": "2017-03-31", "starts_at": "10:00", "venue": "Hall", "status": "held"}


def meeting_update(cast):
    meeting = _meeting(cast, members=False)
    data = {"group": meeting.group_id, "held_on": "2016-09-05", "status": meeting.status, "venue": "Leigh"}
    return {"pk": meeting.pk}, {**data, "version": meeting.version}


def attendance_record(cast):
    meeting = _meeting(cast)
    return {"pk": meeting.pk}, attendance_form_data(meeting, list(meeting.group.memberships.all()))


def attendance_import(cast):
    _meeting(cast)
    content = "Group,Meeting date,Name,Status,Role\r\nTest Board,05/09/2016,Gus Guest,present,observer\r\n"
    return {"kind": "attendance"}, {PREVIEW_FIRST: _csv("attendance.csv", content)}


def _session(cast, **kwargs):
    course = CourseFactory(board=cast.board, title="Safe Sleep Training")
    return SessionFactory(course=course, starts_on=date(2030, 6, 14), places_available=2, **kwargs)


def session_create(cast):
    course = CourseFactory(board=cast.board)
    data = {
        "course": course.pk,
        "starts_on": "2030-06-14",
        "start_time": "09:30",
        "end_time": "12:30",
        "venue": "Wigan Life Centre",
        "places_available": "20",
        "trainer_names": "Jo Trainer",
    }
    return {}, data


def booking_create(cast):
    data = {
        "delegate_name": "Ann Ashton",
        "email": "ann@example.org",
        "job_title": "Nurse",
        "partner": cast.agency_a.pk,
    }
    return {"pk": _session(cast).pk}, data


def team_booking(cast):
    return {"pk": _session(cast).pk}, {"organisation_name": "Sports club", "delegates": "Ann Ashton\nBob Bolton"}


def training_attendance(cast):
    session = _session(cast)
    booking = BookingFactory(session=session, delegate_name="Ann")
    return {"pk": session.pk}, {"version": session.version, f"booking_{booking.pk}": "attended"}


def session_cancel(cast):
    session = _session(cast)
    return {"pk": session.pk}, {
        "reason": "trainer_unavailable",
        "cancelled_on": "2030-06-01",
        "version": session.version,
    }


def booking_cancel(cast):
    return {"pk": BookingFactory(session=_session(cast), delegate_name="Ann").pk}, {}


def booking_accept(cast):
    return {"pk": BookingFactory(session=_session(cast), delegate_name="Cat", status="offered").pk}, {}


def _upcoming_booking(cast, **fields):
    session = SessionFactory(
        course=CourseFactory(board=cast.board), starts_on=timezone.localdate() + timedelta(days=40)
    )
    learner = cast.learner.learner
    return BookingFactory(session=session, learner=learner, partner=learner.partner, organisation_name="", **fields)


def learner_sign_up(cast):
    from wscb.boards import board_public_slug

    return {"board_slug": board_public_slug(cast.board)}, {
        "full_name": "New Learner",
        "job_title": "Youth worker",
        "organisation": str(cast.agency_a.pk),
        "email": "new.learner@example.org",
        "password": TEST_PASSWORD,
        "password_again": TEST_PASSWORD,
        "privacy": "on",
    }


def learner_book(cast):
    from wscb.boards import board_public_slug

    session = SessionFactory(
        course=CourseFactory(board=cast.board), starts_on=timezone.localdate() + timedelta(days=40)
    )
    return {"board_slug": board_public_slug(cast.board), "pk": session.pk}, {}


def learner_booking(cast):
    return {"pk": _upcoming_booking(cast).pk}, {}


def learner_cancel_link(cast):
    from training.selfservice.links import cancel_token

    return {"token": cancel_token(_upcoming_booking(cast))}, {}


def learner_offer(cast):
    from training.selfservice.links import offer_token

    booking = _upcoming_booking(cast, status=Booking.Status.OFFERED, offered_at=timezone.now())
    return {"token": offer_token(booking)}, {}


def manager_approval(cast):
    from training.selfservice.links import approval_token

    booking = _upcoming_booking(
        cast,
        status=Booking.Status.AWAITING_APPROVAL,
        approval_requested_at=timezone.now(),
        manager_email="manager@example.org",
    )
    return {"token": approval_token(booking)}, {"decision": "approve"}


def learner_evaluation(cast):
    booking = _upcoming_booking(cast, status=Booking.Status.ATTENDED)
    course = booking.session.course
    course.learning_outcomes = "Recognise neglect"
    course.save()
    return {"pk": booking.pk}, {"before_0": "2", "after_0": "4", "comments": ""}


def learner_impact(cast):
    booking = _upcoming_booking(cast, status=Booking.Status.ATTENDED, impact_invited_at=timezone.now())
    return {"pk": booking.pk}, {"practice_change": "4", "example": "I ask about fathers."}


def invoice_request(cast):
    from training.models import ChargeRate

    ChargeRate.objects.create(board=cast.board, sector="health", reason="did_not_attend", amount=Decimal("25.00"))
    BookingFactory(session=_session(cast), partner=cast.agency_a, organisation_name="", status="did_not_attend")
    return {"pk": cast.agency_a.pk}, {"year": "2030/31"}


def elearning_import(cast):
    ModuleFactory(board=cast.board, title="Hidden Harm")
    content = "Learner,Agency,Module,Allocated date,Completed date\r\nLearner 1,Agency A,hidden harm,01/05/2016,\r\n"
    return {"kind": "elearning"}, {PREVIEW_FIRST: _csv("export.csv", content)}


def _year_2016(cast):
    return FinanceYearFactory(board=cast.board, start_year=2016, opening_reserves=Decimal("1000.00"))


def _expenditure(cast):
    year = _year_2016(cast)
    fees = ExpenditureCategoryFactory(board=cast.board, name="Professional Fees", order=2)
    line = finance_services.expenditure_line_create(
        finance_year=year, by=cast.business_support, category=fees, amount=Decimal("250.00"), description="Audit"
    )
    return line, fees


def expenditure_create(cast):
    _year_2016(cast)
    fees = ExpenditureCategoryFactory(board=cast.board, name="Professional Fees", order=2)
    return {"start_year": 2016}, {"category": fees.pk, "kind": "actual", "amount": "100.00", "description": "Venue"}


def expenditure_update(cast):
    line, fees = _expenditure(cast)
    data = {"category": fees.pk, "kind": "actual", "amount": "120.00", "description": "Audit", "version": line.version}
    return {"pk": line.pk}, data


def expenditure_delete(cast):
    return {"pk": _expenditure(cast)[0].pk}, {}


def contribution_create(cast):
    _year_2016(cast)
    return {"start_year": 2016}, {
        "partner": cast.agency_a.pk,
        "amount_agreed": "5000.00",
        "amount_invoiced": "0",
        "amount_received": "0",
    }


def _contribution(cast):
    return ContributionFactory(finance_year=_year_2016(cast), partner=cast.agency_a, amount_agreed=Decimal("5000.00"))


def contribution_update(cast):
    contribution = _contribution(cast)
    data = {
        "partner": cast.agency_a.pk,
        "amount_agreed": "5000.00",
        "amount_invoiced": "5000.00",
        "invoiced_on": "01/05/2016",
        "amount_received": "0",
    }
    return {"pk": contribution.pk}, {**data, "version": contribution.version}


def contribution_delete(cast):
    return {"pk": _contribution(cast).pk}, {}


def income_create(cast):
    _year_2016(cast)
    return {"start_year": 2016}, {"kind": "other", "description": "Grant", "amount": "50.00"}


def income_update(cast):
    line = IncomeLineFactory(finance_year=_year_2016(cast), description="Grant")
    return {"pk": line.pk}, {"kind": "other", "description": "Grant", "amount": "60.00", "version": line.version}


def income_delete(cast):
    return {"pk": IncomeLineFactory(finance_year=_year_2016(cast)).pk}, {}


def finance_import(cast):
    _year_2016(cast)
    ExpenditureCategoryFactory(board=cast.board, name="Professional Fees", order=2)
    content = (
        "Year,Category,Actual or budget,Amount,Description,Date,Supplier reference\r\n"
        "2016/17,Professional Fees,Actual,12.00,Audit,31/03/2017,SUP-1\r\n"
    )
    return {"kind": "expenditure"}, {PREVIEW_FIRST: _csv("lines.csv", content)}


def _report_a(cast):
    return report_for(
        open_round(board=cast.board, agencies=[cast.agency_a, cast.agency_b], by=cast.business_support), cast.agency_a
    )


def selfreport_section(cast):
    report = _report_a(cast)
    core = section(report)
    return {"pk": report.pk, "section_pk": core.pk}, {"version": 0, **full_values(report, core)}


def selfreport_submit(cast):
    report = _report_a(cast)
    fill_all(report, cast.lead_a)
    return {"pk": report.pk}, {"declared_name": "Lena", "declared_role": "Lead", "confirm": "on"}


def selfreport_copy(cast):
    last = report_for(
        open_round(board=cast.board, agencies=[cast.agency_a], by=cast.business_support, year=ReportingYear(2015)),
        cast.agency_a,
    )
    accepted(last, cast.lead_a, cast.business_support)
    this_year = report_for(
        open_round(board=cast.board, agencies=[cast.agency_a], by=cast.business_support), cast.agency_a
    )
    return {"pk": this_year.pk}, {}


def selfreport_comment(cast):
    report = submitted(_report_a(cast), cast.lead_a)
    core = section(report)
    return {"pk": report.pk, "section_pk": core.pk}, {f"comment-{core.pk}": "Please add evidence of impact"}


def selfreport_review_save(cast):
    return {"pk": submitted(_report_a(cast), cast.lead_a).pk}, {"message": "Draft message"}


def selfreport_return(cast):
    return {"pk": submitted(_report_a(cast), cast.lead_a).pk}, {"message": "More please"}


def selfreport_accept(cast):
    return {"pk": submitted(_report_a(cast), cast.lead_a).pk}, {}


CASE_STUDY = {"title": "Early help worked", "text": SECRET_CASE_TEXT, "declaration": "anonymised", "confirm": "on"}


def _case_study(report, by):
    data = {key: value for key, value in CASE_STUDY.items() if key != "confirm"}
    return report_services.case_study_save(report=report, data=data, by=by)


def action_create(cast):
    from tests.reports.factories import person_of

    owner = person_of(cast.agency_a)
    return {"pk": _report_a(cast).pk}, {"what": "Train every lead", "owner": owner.pk, "due_on": "31/03/2031"}


def action_update(cast):
    from tests.reports.factories import raise_action

    action = raise_action(_report_a(cast), cast.lead_a)
    prefix = f"action-{action.pk}"
    return {"pk": action.pk}, {
        f"{prefix}-version": action.version,
        f"{prefix}-status": "in_progress",
        f"{prefix}-due_on": action.due_on.strftime("%d/%m/%Y"),
        f"{prefix}-owner": action.owner_id,
        f"{prefix}-note": "Half done",
    }


def evidence_attach(cast):
    from tests.reports.factories import EVIDENCE_PDF

    upload = SimpleUploadedFile("evidence.pdf", EVIDENCE_PDF, content_type="application/pdf")
    return {"pk": _report_a(cast).pk}, {"key": "policies", "file": upload}


def evidence_remove(cast):
    from tests.reports.factories import attach_evidence

    item = attach_evidence(_report_a(cast), cast.lead_a)
    return {"pk": item.report_id, "evidence_pk": item.pk}, {}


def challenge_create(cast):
    return {}, {
        "partner": cast.agency_a.pk,
        "year": "2016/17",
        "held_on": "20/06/2017",
        "panel": "Independent Chair",
        "questions": "How do you know?",
        "response": "Audits.",
        "outcome": "assured",
    }


def challenge_update(cast):
    from tests.reports.factories import challenge_for

    event = challenge_for(cast.board, cast.agency_a, cast.business_support)
    return {"pk": event.pk}, {**challenge_create(cast)[1], "outcome": "not_assured", "version": event.version}


def challenge_action(cast):
    from tests.reports.factories import challenge_for, person_of

    event = challenge_for(cast.board, cast.agency_a, cast.business_support)
    owner = person_of(cast.agency_a)
    return {"pk": event.pk}, {"what": "Audit supervision", "owner": owner.pk, "due_on": "30/09/2031"}


def case_study_create(cast):
    return {"pk": _report_a(cast).pk}, dict(CASE_STUDY)


def case_study_update(cast):
    report = _report_a(cast)
    study = _case_study(report, cast.lead_a)
    data = {**CASE_STUDY, "text": SECRET_CASE_TEXT + " (changed)", "version": study.version}
    return {"pk": report.pk, "case_study_pk": study.pk}, data


def case_study_delete(cast):
    report = _report_a(cast)
    return {"pk": report.pk, "case_study_pk": _case_study(report, cast.lead_a).pk}, {}


def case_study_publish(cast):
    report = _report_a(cast)
    study = _case_study(report, cast.lead_a)
    submitted(report, cast.lead_a)
    return {"pk": report.pk, "case_study_pk": study.pk}, {"publish": "yes"}


def contact_publish(cast):
    return {"pk": submitted(_report_a(cast), cast.lead_a).pk}, {"publish": "yes"}


def template_create_default(cast):
    make_priorities(cast.board)
    return {}, {"start_year": "2018"}


def template_copy(cast):
    return {"pk": make_form(cast.board).pk}, {}


def round_create(cast):
    template = make_form(cast.board)
    deadline = (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")
    return {}, {
        "template": template.pk,
        "deadline": deadline,
        "agencies": [cast.agency_a.pk, cast.agency_b.pk],
        "confirmed": "yes",
    }


def publish(cast):
    NarrativeSection.objects.create(board=cast.board, year_start=2016, kind="foreword", body="Words", version=1)
    return {"start_year": 2016}, {"confirm": "on"}


def job_retry(cast):
    job = Job.objects.create(
        kind="annual.publish",
        label="Publish the 2016/17 annual report",
        task_path="reports.annual.tasks.report_publish_task",
        arguments={"start_year": 2016},
        board=cast.board,
        started_by=cast.business_support,
        status=Job.Status.FAILED,
        error="The PDF could not be laid out.",
    )
    return {"pk": job.pk}, {}


def narrative_edit(cast):
    NarrativeSection.objects.create(board=cast.board, year_start=2016, kind="executive_summary", body="Old", version=3)
    return {"start_year": 2016, "kind": "executive_summary"}, {"body": "New", "version": 3}


def activity_edit(cast):
    priority = make_priorities(cast.board, count=1)[0]
    PriorityActivity.objects.create(priority=priority, year_start=2016, text="Old", version=1)
    return {"start_year": 2016, "priority_pk": priority.pk}, {"text": "- Reviewed sub-groups", "version": 1}


def training_income(cast):
    return {"start_year": 2016}, {"confirm": "on"}


def report_settings(cast):
    from reports.annual import reconciliation

    return {"start_year": 2016}, {
        "version": 0,
        "include_analysis": "on",
        "numbering": "automatic",
        "shown_checks": reconciliation.CHECK_NAMES,
    }


def sign_in(cast):
    return {}, {"username": cast.lead_a.email, "password": TEST_PASSWORD}


def nothing(cast):
    return {}, {}


NEW_PASSWORD = "a long new passphrase for the audit sweep"


def password_change(cast):
    return {}, {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def password_reset_confirm(cast):
    user = User.objects.get(pk=cast.lead_a.pk)  # as stored: earlier sign-ins changed the cast's copy
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return {"uidb64": uid, "token": default_token_generator.make_token(user)}, {
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }


def second_factor_code(cast):
    return {}, {"code": code_for(verified_device(cast.administrator))}


def second_factor_set_up(cast):
    return {}, {}  # the code is read from the device the set-up page creates (see ``perform``)


def second_factor_turn_off(cast):
    return {}, {"code": code_for(verified_device(cast.lead_a))}


def session_end(cast):
    record = UserSession.objects.create(user=cast.lead_a, key_hash="f" * 64)
    return {"pk": record.pk}, {}


def sessions_end_others(cast):
    UserSession.objects.create(user=cast.lead_a, key_hash="e" * 64)
    return {}, {}


# --- agenda, papers, minutes, actions, calendar (issue 24) ---------------------------------------------
def _item(cast, position=1):
    from tests.meetings.factories import AgendaItemFactory

    meeting = Meeting.objects.filter(group__board=cast.board).first() or _meeting(cast)
    return AgendaItemFactory(meeting=meeting, position=position, title=f"Item {position}")


def agenda_item_create(cast):
    return {"pk": _meeting(cast).pk}, {"title": "Budget", "purpose": "decision"}


def agenda_item_update(cast):
    item = _item(cast)
    return {"pk": item.pk}, {"title": "Budget 2017/18", "purpose": "decision", "version": item.version}


def agenda_item_move(cast):
    _item(cast, 1)
    item = _item(cast, 2)
    return {"pk": item.pk}, {"direction": "up", "from": 2}


def agenda_item_delete(cast):
    return {"pk": _item(cast).pk}, {}


def paper_create(cast):
    from tests.meetings.factories import pdf_bytes

    upload = SimpleUploadedFile("budget.pdf", pdf_bytes("Budget"), content_type="application/pdf")
    return {"pk": _item(cast).pk}, {"title": "Budget paper", "file": upload}


def _paper(cast):
    from tests.meetings.factories import PaperFactory

    return PaperFactory(agenda_item=_item(cast))


def paper_delete(cast):
    return {"pk": _paper(cast).pk}, {}


def pack_compile(cast):
    return {"pk": _item(cast).meeting_id}, {}


def papers_publish(cast):
    from django.core.files.base import ContentFile

    from meetings.models import BoardPack
    from meetings.packs import pack_state_key

    meeting = _paper(cast).agenda_item.meeting
    pack = BoardPack(meeting=meeting, state_key=pack_state_key(meeting), pages=1, compiled_at=timezone.now())
    pack.file.save("pack.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": meeting.pk}, {}


def minutes_edit(cast):
    item = _item(cast)
    return {"pk": item.meeting_id}, {"opening": "Welcome.", f"item_{item.pk}": "Discussed."}


def _draft_minutes(cast):
    from meetings.models import Minutes

    return Minutes.objects.create(meeting=_item(cast).meeting, number=1, opening="Welcome.")


def minutes_approve(cast):
    return {"pk": _draft_minutes(cast).pk}, {"approved_on": "2016-12-05"}


def minutes_correct(cast):
    from meetings.models import Minutes

    minutes = _draft_minutes(cast)
    Minutes.objects.filter(pk=minutes.pk).update(status="approved", approved_on=date(2016, 12, 5))
    return {"pk": minutes.pk}, {"reason": "Item 1 misnamed the auditor."}


def decision_create(cast):
    return {"pk": _item(cast).pk}, {"text": "Agreed.", "decided_on": "2016-09-05", "votes_for": "5"}


def decision_delete(cast):
    from meetings.models import Decision

    item = _item(cast)
    return {"pk": Decision.objects.create(agenda_item=item, text="Agreed", decided_on=date(2016, 9, 5)).pk}, {}


def _attendance(cast, item):
    from tests.meetings.factories import AttendanceFactory

    return AttendanceFactory(meeting=item.meeting, name="Alice A")


def declaration_create(cast):
    item = _item(cast)
    return {"pk": item.pk}, {"attendance": _attendance(cast, item).pk, "interest": "A relative works there."}


def declaration_delete(cast):
    from meetings.models import Declaration

    item = _item(cast)
    declaration = Declaration.objects.create(agenda_item=item, attendance=_attendance(cast, item), interest="Family")
    return {"pk": declaration.pk}, {}


def meeting_action_update(cast):
    from tests.meetings.factories import ActionFactory

    action = ActionFactory(meeting=_meeting(cast), owner=cast.agency_a)
    return {"pk": action.pk}, {"status": "done", "progress": "Sent.", "version": action.version}


def invitations_send(cast):
    return {"pk": _meeting(cast).pk}, {}


def calendar_feed_create(cast):
    return {}, {"action": "create"}


CASES = [
    # meetings
    Case("meetings:meeting-create", "business_support", meeting_create, AuditAction.CREATED, Meeting),
    Case("meetings:meeting-update", "business_support", meeting_update, AuditAction.CHANGED, Meeting, ("venue",)),
    Case(
        "meetings:attendance-record",
        "business_support",
        attendance_record,
        AuditAction.CHANGED,
        Meeting,
        ("attendances",),
    ),
    Case(
        "imports:confirm",
        "business_support",
        attendance_import,
        AuditAction.IMPORTED,
        None,
        detail="attendances: 1 new",
    ),
    # training
    Case("meetings:agenda-item-create", "business_support", agenda_item_create, AuditAction.CREATED, AgendaItem),
    Case(
        "meetings:agenda-item-update",
        "business_support",
        agenda_item_update,
        AuditAction.CHANGED,
        AgendaItem,
        ("title",),
    ),
    Case("meetings:agenda-item-move", "business_support", agenda_item_move, AuditAction.CHANGED, AgendaItem),
    Case("meetings:agenda-item-delete", "business_support", agenda_item_delete, AuditAction.DELETED, AgendaItem),
    Case("meetings:paper-create", "business_support", paper_create, AuditAction.CREATED, Paper),
    Case("meetings:paper-delete", "business_support", paper_delete, AuditAction.DELETED, Paper),
    Case("meetings:pack-compile", "business_support", pack_compile, AuditAction.CHANGED, Meeting),
    Case(
        "meetings:papers-publish",
        "business_support",
        papers_publish,
        AuditAction.CHANGED,
        Meeting,
        ("papers_published_at",),
    ),
    Case("meetings:minutes-edit", "business_support", minutes_edit, AuditAction.CREATED, Minutes),
    Case("meetings:minutes-approve", "business_support", minutes_approve, AuditAction.CHANGED, Minutes),
    Case("meetings:minutes-correct", "business_support", minutes_correct, AuditAction.CREATED, Minutes),
    Case("meetings:decision-create", "business_support", decision_create, AuditAction.CREATED, Decision),
    Case("meetings:decision-delete", "business_support", decision_delete, AuditAction.DELETED, Decision),
    Case("meetings:declaration-create", "business_support", declaration_create, AuditAction.CREATED, Declaration),
    Case("meetings:declaration-delete", "business_support", declaration_delete, AuditAction.DELETED, Declaration),
    Case(
        "meetings:action-update", "lead_a", meeting_action_update, AuditAction.CHANGED, Action, ("status", "progress")
    ),
    Case("meetings:invitations-send", "business_support", invitations_send, AuditAction.CHANGED, Meeting),
    Case("meetings:calendar-feed", "board_member", calendar_feed_create, AuditAction.CHANGED, User),
    Case("training:session-create", "business_support", session_create, AuditAction.CREATED, Session),
    Case("training:booking-create", "business_support", booking_create, AuditAction.CREATED, Booking),
    Case("training:team-booking", "business_support", team_booking, AuditAction.CREATED, Booking),
    Case("training:attendance", "business_support", training_attendance, AuditAction.CHANGED, Session, ("status",)),
    Case(
        "training:session-cancel",
        "business_support",
        session_cancel,
        AuditAction.CHANGED,
        Session,
        ("status", "cancellation_reason", "cancelled_on"),
    ),
    Case("training:booking-cancel", "business_support", booking_cancel, AuditAction.CHANGED, Booking, ("status",)),
    Case("training:booking-accept", "business_support", booking_accept, AuditAction.CHANGED, Booking, ("status",)),
    Case(
        "imports:confirm",
        "business_support",
        elearning_import,
        AuditAction.IMPORTED,
        None,
        detail="e-learning enrolments: 1 new",
    ),
    # finance
    Case("finance:expenditure-create", "business_support", expenditure_create, AuditAction.CREATED, ExpenditureLine),
    Case(
        "finance:expenditure-update",
        "business_support",
        expenditure_update,
        AuditAction.CHANGED,
        ExpenditureLine,
        ("amount",),
    ),
    Case("finance:expenditure-delete", "business_support", expenditure_delete, AuditAction.DELETED, ExpenditureLine),
    Case("finance:contribution-create", "business_support", contribution_create, AuditAction.CREATED, Contribution),
    Case(
        "finance:contribution-update",
        "business_support",
        contribution_update,
        AuditAction.CHANGED,
        Contribution,
        ("amount_invoiced",),
    ),
    Case("finance:contribution-delete", "business_support", contribution_delete, AuditAction.DELETED, Contribution),
    Case("finance:income-create", "business_support", income_create, AuditAction.CREATED, IncomeLine),
    Case("finance:income-update", "business_support", income_update, AuditAction.CHANGED, IncomeLine, ("amount",)),
    Case("finance:income-delete", "business_support", income_delete, AuditAction.DELETED, IncomeLine),
    # partners: the board's current reporting year (empty: automatic)
    Case(
        "partners:current-year",
        "business_support",
        lambda cast: ({}, {"current_reporting_year": ""}),
        AuditAction.CHANGED,
        Board,
        detail="Current reporting year",
    ),
    # imports: the upload previews and writes nothing; the confirm writes, audited with the counts
    Case(
        "imports:confirm",
        "business_support",
        finance_import,
        AuditAction.IMPORTED,
        None,
        detail="expenditure lines: 1 new",
    ),
    # partner updates and case studies
    Case("reports:selfreport-section", "lead_a", selfreport_section, AuditAction.CHANGED, SelfReport, ("answers",)),
    Case("reports:selfreport-submit", "lead_a", selfreport_submit, AuditAction.CHANGED, SelfReport, ("status",)),
    Case("reports:selfreport-copy", "lead_a", selfreport_copy, AuditAction.CHANGED, SelfReport, ("answers",)),
    Case(
        "reports:selfreport-comment",
        "business_support",
        selfreport_comment,
        AuditAction.CHANGED,
        SelfReport,
        ("comments",),
    ),
    Case(
        "reports:selfreport-review-save",
        "business_support",
        selfreport_review_save,
        AuditAction.CHANGED,
        SelfReport,
        ("review_message",),
    ),
    Case(
        "reports:selfreport-return", "business_support", selfreport_return, AuditAction.CHANGED, SelfReport, ("status",)
    ),
    Case(
        "reports:selfreport-accept", "business_support", selfreport_accept, AuditAction.CHANGED, SelfReport, ("status",)
    ),
    Case("reports:action-create", "lead_a", action_create, AuditAction.CREATED, AssessmentAction),
    Case("reports:action-detail", "lead_a", action_update, AuditAction.CHANGED, AssessmentAction, ("status",)),
    Case("reports:challenge-create", "business_support", challenge_create, AuditAction.CREATED, ChallengeEvent),
    Case(
        "reports:challenge-update",
        "business_support",
        challenge_update,
        AuditAction.CHANGED,
        ChallengeEvent,
        ("outcome",),
    ),
    Case(
        "reports:challenge-action-create",
        "business_support",
        challenge_action,
        AuditAction.CREATED,
        AssessmentAction,
    ),
    Case("reports:evidence-list", "lead_a", evidence_attach, AuditAction.CREATED, Evidence),
    Case("reports:evidence-delete", "lead_a", evidence_remove, AuditAction.DELETED, Evidence),
    Case("reports:case-study-create", "lead_a", case_study_create, AuditAction.CREATED, CaseStudy),
    Case("reports:case-study-update", "lead_a", case_study_update, AuditAction.CHANGED, CaseStudy, ("text",)),
    Case("reports:case-study-delete", "lead_a", case_study_delete, AuditAction.DELETED, CaseStudy),
    Case(
        "reports:case-study-publish",
        "business_support",
        case_study_publish,
        AuditAction.CHANGED,
        CaseStudy,
        ("is_for_publication",),
    ),
    Case(
        "reports:contact-publish",
        "business_support",
        contact_publish,
        AuditAction.CHANGED,
        SelfReport,
        ("contact_is_for_publication",),
    ),
    Case(
        "reports:template-create-default",
        "business_support",
        template_create_default,
        AuditAction.CREATED,
        FormTemplate,
    ),
    Case("reports:template-copy", "business_support", template_copy, AuditAction.CREATED, FormTemplate),
    Case("reports:round-create", "business_support", round_create, AuditAction.CREATED, Round),
    # the annual report
    # Publishing records the intent as a job (the job audits the version it stores: test_publish_job.py).
    Case("annual:publish", "business_support", publish, AuditAction.CREATED, Job),
    Case("jobs:retry", "business_support", job_retry, AuditAction.CHANGED, Job, ("status",)),
    Case("annual:narrative-edit", "business_support", narrative_edit, AuditAction.CHANGED, NarrativeSection, ("body",)),
    Case("annual:activity-edit", "business_support", activity_edit, AuditAction.CHANGED, PriorityActivity, ("text",)),
    Case(
        "annual:settings",
        "business_support",
        report_settings,
        AuditAction.CHANGED,
        ReportConfiguration,
        ("include_analysis",),
    ),
    Case(
        "annual:training-income",
        "business_support",
        training_income,
        AuditAction.CHANGED,
        FinanceYear,
        ("income_lines",),
    ),
    # training self-service (learners)
    Case(
        "learning:sign-up",
        "new.learner@example.org",
        learner_sign_up,
        AuditAction.CREATED,
        Learner,
        client="anonymous",
    ),
    Case("learning:book", "learner", learner_book, AuditAction.CREATED, Booking),
    Case("learning:booking-cancel", "learner", learner_booking, AuditAction.CHANGED, Booking, ("status",)),
    Case(
        "learning:cancel-link",
        "learner",
        learner_cancel_link,
        AuditAction.CHANGED,
        Booking,
        ("status",),
        client="anonymous",
    ),
    Case(
        "learning:offer-accept", "learner", learner_offer, AuditAction.CHANGED, Booking, ("status",), client="anonymous"
    ),
    Case(
        "learning:approval",
        NO_ACCOUNT,
        manager_approval,
        AuditAction.CHANGED,
        Booking,
        ("status",),
        client="anonymous",
        label="manager manager@example.org",
    ),
    Case("learning:evaluation", "learner", learner_evaluation, AuditAction.CREATED, Evaluation),
    Case("learning:impact", "learner", learner_impact, AuditAction.CREATED, ImpactResponse),
    Case("training:invoice-request", "business_support", invoice_request, AuditAction.EXPORTED, Partner),
    # accounts and security
    Case("login", "lead_a", sign_in, AuditAction.SIGNED_IN, None, client="anonymous"),
    Case("logout", "lead_a", nothing, AuditAction.SIGNED_OUT, None),
    Case("password_change", "lead_a", password_change, AuditAction.CHANGED, User, ("password",)),
    Case(
        "password_reset_confirm",
        "lead_a",
        password_reset_confirm,
        AuditAction.CHANGED,
        User,
        ("password",),
        client="anonymous",
    ),
    Case(
        "two-factor-verify",
        "administrator",
        second_factor_code,
        AuditAction.SIGNED_IN,
        None,
        detail="Second factor verified",
        client="password_only",
    ),
    Case(
        "two-factor-setup",
        "business_support",
        second_factor_set_up,
        AuditAction.SECOND_FACTOR_SET_UP,
        User,
        client="password_only",
        ok=(200,),
    ),
    Case("two-factor-turn-off", "lead_a", second_factor_turn_off, AuditAction.SECOND_FACTOR_RESET, User),
    Case(
        "two-factor-backup-codes",
        "administrator",
        nothing,
        AuditAction.SECOND_FACTOR_SET_UP,
        User,
        detail="New backup codes",
        ok=(200,),
    ),
    Case("session-end", "lead_a", session_end, AuditAction.SESSIONS_ENDED, User),
    Case("sessions-end-others", "lead_a", sessions_end_others, AuditAction.SESSIONS_ENDED, User),
]

# The back office: the change and delete pages of every model the administrator may edit, and its imports.
ADMIN_NOT_AUDITED = {
    "wscb.auditevent": "the audit trail itself: read-only, nobody may add, change or delete",
}
ADMIN_FOREIGN = ("axes.", "otp_totp.", "otp_static.")  # third-party admins: sign-in records and devices


def _walk(patterns, namespace="", prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), prefix + str(pattern.pattern), pattern.callback


def post_url_names() -> set[str]:
    """Every portal URL whose view accepts POST (function views count unless they are GET-only)."""
    names = set()
    for name, route, callback in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        view_class = getattr(callback, "view_class", None)
        if view_class is None:
            if name != "home":  # the one function view that is GET-only
                names.add(name)
        elif hasattr(view_class, "post") and "post" in view_class.http_method_names:
            names.add(name)
    return names


def test_every_post_url_is_listed():
    listed = {case.name for case in CASES}
    assert not listed & set(NOT_MUTATING)
    assert post_url_names() - listed - set(NOT_MUTATING) == set(), "add these POST views to CASES"
    assert listed - post_url_names() == set(), "CASES names URLs that no longer accept POST"


def registered_admins():
    return {
        f"{model._meta.app_label}.{model._meta.model_name}": admin
        for model, admin in django_admin.site._registry.items()
    }


def test_every_back_office_model_admin_is_audited():
    unaudited = sorted(
        label
        for label, model_admin in registered_admins().items()
        if not isinstance(model_admin, AuditedModelAdmin)
        and label not in ADMIN_NOT_AUDITED
        and not label.startswith(ADMIN_FOREIGN)
    )
    assert unaudited == [], "make these admins AuditedModelAdmin subclasses"


def test_every_back_office_spreadsheet_import_is_audited():
    from import_export.admin import ImportMixin

    importers = [admin for admin in registered_admins().values() if isinstance(admin, ImportMixin)]
    assert len(importers) >= 3
    assert all(isinstance(admin, SafeImportExportMixin) for admin in importers)


# --- performing the actions ------------------------------------------------------------------------------
def _actor(case: Case, cast):
    """The cast member who acts, or (an address) the account the action itself creates: a sign-up."""
    if "@" in case.actor:
        return User.objects.get(email=case.actor)
    return getattr(cast, case.actor)


def _client(case: Case, cast) -> Client:
    if case.client == "anonymous":
        return Client()
    actor = _actor(case, cast)
    if case.client == "password_only":
        client = Client()
        client.post(reverse("login"), {"username": actor.email, "password": TEST_PASSWORD})
        return client
    return client_for(actor)


def perform(case: Case, cast):
    kwargs, data = case.prepare(cast)
    client = _client(case, cast)
    url = reverse(case.name, kwargs=kwargs)
    if case.name == "password_reset_confirm":
        url = client.get(url).url  # Django moves the token into the session, then asks for the password
    if case.name == "two-factor-setup":
        client.get(url)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user=cast.business_support, confirmed=False)
        data = {"code": code_for(device), "password": TEST_PASSWORD}
    if PREVIEW_FIRST in data:
        preview = client.post(reverse("imports:import", kwargs=kwargs), {"file": data.pop(PREVIEW_FIRST)})
        assert preview.status_code == 200, preview.content.decode()[:2000]
        data = {"token": preview.context["token"], **data}
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(url, data)
    return response, list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def problems_with(case: Case, response, events, cast) -> list[str]:
    if response.status_code not in case.ok:
        return [f"status {response.status_code}"]
    wanted = [event for event in events if event.action == case.action]
    if case.model is not None:
        content_type = ContentType.objects.get_for_model(case.model)
        wanted = [event for event in wanted if event.content_type_id == content_type.pk and event.object_id]
    if not wanted:
        return [f"no {case.action} row{f' about a {case.model.__name__}' if case.model else ''}: {events}"]
    event = wanted[0]
    found = []
    if case.actor == NO_ACCOUNT:
        who = (None, case.label)
    else:
        actor = _actor(case, cast)
        who = (actor.pk, actor.email)
    if (event.user_id, event.user_label) != who:
        found.append(f"who: {event.user_id} {event.user_label!r}")
    if not timezone.is_aware(event.created_at) or abs(timezone.now() - event.created_at) > timedelta(minutes=5):
        found.append(f"when: {event.created_at}")
    if event.ip_address != "127.0.0.1" or event.channel != "web":
        found.append(f"from where: {event.ip_address} {event.channel}")
    named = event.detail.split("Changed: ", 1)[-1] if case.fields else ""
    found += [f"field {name!r} not named in {event.detail!r}" for name in case.fields if name not in named]
    if case.detail and case.detail not in event.detail:
        found.append(f"detail {event.detail!r} lacks {case.detail!r}")
    alive = case.model is not None and case.action != AuditAction.DELETED
    if alive and not case.model.objects.filter(pk=event.object_id).exists():
        found.append(f"the row names {case.model.__name__} {event.object_id}, which does not exist")
    return found


class _RollBack(Exception):
    pass


def admin_form_data(response) -> dict:
    """The POST a browser would send from an admin change page, built from the page's forms."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif isinstance(value, models.Model):
                data[key] = str(value.pk)
            else:
                data[key] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
                if data[key] is None:
                    data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            add(form)
    return data


def _editable_text_field(form, model) -> str | None:
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # a form-only field
            continue
        if (
            isinstance(model_field, models.CharField | models.TextField)
            and not model_field.choices
            and not model_field.unique
            and not getattr(field.widget, "is_hidden", False)
            and isinstance(form[name].value(), str)
            and name not in ("email", "code", "slug", "short_name", "plan_period", "key", "password")
        ):
            return name
    return None


def admin_models_to_change(cast) -> list[tuple[str, object]]:
    policies = permission_matrix.admin_policies()
    return [
        (label, policy)
        for label, policy in sorted(policies.items())
        if "administrator" in policy.roles_for("change")
        and label not in ADMIN_NOT_AUDITED
        and not label.startswith(ADMIN_FOREIGN)
        and policy.obj is not None
    ]


def admin_change_problems(label, policy, cast) -> list[str]:
    instance = policy.obj(cast)
    model = type(instance)
    client = client_for(cast.administrator)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[instance.pk])
    page = client.get(url)
    if page.status_code != 200:
        return [f"change page {page.status_code}"]
    form = page.context["adminform"].form
    data = admin_form_data(page)
    changed = _editable_text_field(form, model)
    if changed:
        data[form.add_prefix(changed)] = (form[changed].value() or "") + " edited"
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(url, data)
    if response.status_code != 302:
        errors = response.context["adminform"].form.errors if response.context else ""
        return [f"change status {response.status_code} {errors}"]
    events = AuditEvent.objects.filter(
        pk__gt=before,
        action=AuditAction.CHANGED,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(instance.pk),
    )
    if not events:
        return ["no changed row"]
    event = events.first()
    found = []
    if (event.user, event.channel) != (cast.administrator, "admin") or not timezone.is_aware(event.created_at):
        found.append(f"who/channel/when: {event.user} {event.channel}")
    if changed and changed not in event.detail:
        found.append(f"field {changed!r} not named in {event.detail!r}")
    return found


def admin_delete_problems(label, policy, cast) -> list[str] | None:
    """None when the record cannot be deleted (protected by other records): not a delete endpoint here."""
    instance = policy.obj(cast)
    model = type(instance)
    client = client_for(cast.administrator)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete", args=[instance.pk])
    page = client.get(url)
    if page.status_code != 200 or page.context.get("protected") or page.context.get("perms_lacking"):
        return None
    response = client.post(url, {"post": "yes"})
    if response.status_code != 302:
        return [f"delete status {response.status_code}"]
    exists = AuditEvent.objects.filter(
        action=AuditAction.DELETED,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(instance.pk),
        user=cast.administrator,
        channel="admin",
    ).exists()
    return [] if exists else ["no deleted row"]


def admin_import_problems(cast) -> list[str]:
    from tests.wscb.test_imports import admin_confirm, admin_import

    client = client_for(cast.business_support)
    preview = admin_import(client, "a.csv", b"name,short_name,sector\r\nNew Trust,NT,health\r\n")
    if preview.context is None or preview.context.get("confirm_form") is None:
        return ["no preview"]
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if admin_confirm(client, preview).status_code != 302:
        return ["import not confirmed"]
    events = AuditEvent.objects.filter(pk__gt=before, action=AuditAction.IMPORTED, user=cast.business_support)
    if not events or "1 new" not in events.first().detail or events.first().channel != "admin":
        return [f"no imported row with the count: {list(events.values_list('detail', flat=True))}"]
    return []


def in_savepoint(check):
    """Run ``check`` and undo everything it wrote, whatever happens."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome["value"] = check()
            raise _RollBack
    except _RollBack:
        pass
    except Exception as error:
        outcome["value"] = [f"{type(error).__name__}: {error}"]
    return outcome["value"]


def test_every_mutating_endpoint_writes_an_audit_row(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    results: dict[str, list[str]] = {}
    for case in CASES:
        results[case.name] = in_savepoint(lambda case=case: problems_with(case, *perform(case, cast), cast))
    for label, policy in admin_models_to_change(cast):
        results[f"admin {label} change"] = in_savepoint(
            lambda label=label, policy=policy: admin_change_problems(label, policy, cast)
        )
        deleted = in_savepoint(lambda label=label, policy=policy: admin_delete_problems(label, policy, cast))
        if deleted is not None:
            results[f"admin {label} delete"] = deleted
    results["admin partners.partner import"] = in_savepoint(lambda: admin_import_problems(cast))

    audited = [name for name, problems in results.items() if not problems]
    print(f"\naudit coverage: {len(audited)} of {len(results)} mutating endpoints")
    failures = {name: problems for name, problems in results.items() if problems}
    assert failures == {}
    assert len(CASES) >= 50 and len(results) >= 80


# --- T68: no case text in the audit rows or the logs -----------------------------------------------------
def test_case_study_text_never_reaches_the_audit_rows_or_the_log(cast, caplog):
    caplog.set_level(logging.DEBUG)
    events_before = AuditEvent.objects.count()
    report = _report_a(cast)
    client = client_for(cast.lead_a)
    create = reverse("reports:case-study-create", args=[report.pk])
    assert client.post(create, CASE_STUDY).status_code == 302
    study = CaseStudy.objects.get()
    assert client.get(reverse("reports:case-study-detail", args=[report.pk, study.pk])).status_code == 200
    edit = reverse("reports:case-study-update", args=[report.pk, study.pk])
    changed = {**CASE_STUDY, "text": SECRET_CASE_TEXT + ", again", "version": study.version}
    assert client.post(edit, changed).status_code == 302
    assert client.post(reverse("reports:case-study-delete", args=[report.pk, study.pk])).status_code == 302

    rows = AuditEvent.objects.all()[: AuditEvent.objects.count()]
    assert AuditEvent.objects.count() - events_before >= 4
    fragments = ("Kayden", "Larch Close", "disclosed to his teacher", "Early help worked")
    containing = [
        row.pk
        for row in rows
        if any(fragment in f"{row.user_label} {row.object_label} {row.detail}" for fragment in fragments)
    ]
    log_text = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    in_logs = sum(log_text.count(fragment) for fragment in fragments)
    print(f"\naudit rows containing seeded case text: {len(containing)}; log lines: {in_logs}")
    assert containing == []
    assert in_logs == 0
    changed_row = AuditEvent.objects.get(action=AuditAction.CHANGED, object_id=str(study.pk))
    assert changed_row.detail == "Changed: text"  # the field's name, not its words


# --- T70: a probe for another agency's record is a security event ----------------------------------------
def test_a_signed_in_probe_for_another_agencys_record_is_recorded_but_an_anonymous_404_is_not(cast):
    report = _report_a(cast)
    lead_b = client_for(cast.lead_b)
    assert lead_b.get(reverse("reports:selfreport-tasks", args=[report.pk])).status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_REFUSED)
    assert (event.user, event.detail, event.ip_address) == (
        cast.lead_b,
        f"GET /reports/updates/{report.pk}/ (not found)",
        "127.0.0.1",
    )
    assert Client().get("/no-such-page/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).count() == 1


def test_rows_added_changed_and_deleted_in_a_back_office_inline_are_each_recorded(cast):
    from partners.models import KeyObjective

    priority = make_priorities(cast.board, count=1)[0]
    kept = KeyObjective.objects.create(priority=priority, order=1, text="Keep children safe")
    going = KeyObjective.objects.create(priority=priority, order=2, text="Old objective")
    client = client_for(cast.administrator)
    url = reverse("admin:partners_strategicpriority_change", args=[priority.pk])
    page = client.get(url)
    data = admin_form_data(page)
    inline = page.context["inline_admin_formsets"][0].formset
    forms = {form.instance.pk: form for form in inline.forms if form.instance.pk}
    data[forms[kept.pk].add_prefix("text")] = "Keep children safer"
    data[forms[going.pk].add_prefix("DELETE")] = "on"
    extra = next(form for form in inline.forms if not form.instance.pk)
    data[extra.add_prefix("order")] = "3"
    data[extra.add_prefix("text")] = "A new objective"
    assert client.post(url, data).status_code == 302
    added = KeyObjective.objects.get(text="A new objective")
    rows = set(
        AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(KeyObjective)).values_list(
            "action", "object_id", "detail", "channel"
        )
    )
    assert rows == {
        (AuditAction.CHANGED, str(kept.pk), "Changed: text", "admin"),
        (AuditAction.DELETED, str(going.pk), "", "admin"),
        (AuditAction.CREATED, str(added.pk), "", "admin"),
    }
