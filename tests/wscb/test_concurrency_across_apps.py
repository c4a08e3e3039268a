"""Reliability plan H (T59-T64) across the apps, with real threads on PostgreSQL and on SQLite (T61,
T62): two people saving the same version at the same moment, one wins and the other gets a conflict
(0 lost updates); a return submitted twice at once is submitted once; accept and return racing give
one transition. Every scenario runs ITERATIONS races.

The optimistic lock is the conditional ``UPDATE ... WHERE version = n`` in each service, which holds on
both databases; ``select_for_update`` is a no-op on SQLite, where BEGIN IMMEDIATE (settings) serialises
writers instead. SQLite needs a file database for this (the settings give tests one): an in-memory
database shared between threads is not a real race, so the module skips itself there.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse

from finance import services as finance_services
from finance.models import ExpenditureLine
from meetings import services as meetings_services
from meetings.models import Meeting
from reports.selfreports import services as report_services
from reports.selfreports.models import CaseStudy, SectionEntry, SelfReport, Transition
from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory
from tests.meetings.factories import GroupFactory, MeetingFactory
from tests.reports.factories import DECLARATION, fill_all, open_round, report_for, section
from tests.training.factories import CourseFactory, SessionFactory
from training import services as training_services
from training.models import Session
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)
ITERATIONS = 100
#: Races through the real pages (two browser tabs posting at once) cost more per iteration.
PAGE_ITERATIONS = 20


class Racers:
    """Two worker threads kept for a whole test, so each opens its database connection once rather
    than once per race; ``run`` starts the callables at the same moment (a barrier), one per thread."""

    def __init__(self):
        self.pool = None

    def run(self, *targets):
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=len(targets))
        barrier = threading.Barrier(len(targets))

        def at_once(target):
            barrier.wait(timeout=10)
            return target()

        results, errors = [], []
        for future in [self.pool.submit(at_once, target) for target in targets]:
            try:
                results.append(future.result(timeout=60))
            except Exception as error:  # collected and asserted on by the caller
                errors.append(error)
        return results, errors

    def close(self):
        if self.pool is not None:
            workers = self.pool._max_workers
            self.run(*[connections.close_all] * workers)  # each worker closes its own connection
            self.pool.shutdown()
            self.pool = None


RACERS = Racers()


def together(*targets):
    """Run the callables at the same moment, each in its own thread; return (results, errors)."""
    return RACERS.run(*targets)


@pytest.fixture(autouse=True)
def _racers_with_connections_of_their_own():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("races on SQLite need a file database (each thread its own connection)")
    yield
    RACERS.close()


@pytest.fixture
def report(board, agency_a, agency_b, lead_a, business_support):
    return report_for(open_round(board=board, agencies=[agency_a], by=business_support), agency_a)


@pytest.fixture
def colleague_a(agency_a, board):
    from tests.partners.factories import PartnerLeadFactory

    return PartnerLeadFactory(partner=agency_a, full_name="Colin Colleague", boards=[board])


def test_two_leads_saving_one_section_at_once_never_lose_an_update(report, lead_a, colleague_a):
    core = section(report)
    for iteration in range(ITERATIONS):
        entry = SectionEntry.objects.filter(report=report, section=core).first()
        version = entry.version if entry else 0

        def save(user, text, version=version):
            return report_services.section_save(
                report=report, section=core, values={"policies": text}, version=version, by=user
            )

        mine, theirs = f"A{iteration}", f"B{iteration}"
        results, errors = together(lambda m=mine: save(lead_a, m), lambda t=theirs: save(colleague_a, t))
        assert len(results) == 1, iteration
        assert [type(error) for error in errors] == [report_services.SectionConflict]
        entry = SectionEntry.objects.get(report=report, section=core)
        assert entry.version == version + 1
        # the stored text is the winner's, in full: nothing of the loser's got in
        assert entry.answers.get(key="policies").value in (f"A{iteration}", f"B{iteration}")
        assert entry.updated_by in (lead_a, colleague_a)


def test_two_leads_changing_one_case_study_at_once_one_gets_a_conflict(report, lead_a, colleague_a):
    study = report_services.case_study_save(
        report=report, data={"title": "T", "text": "Start", "declaration": "anonymised"}, by=lead_a
    )
    for iteration in range(ITERATIONS):
        version = CaseStudy.objects.get(pk=study.pk).version

        def change(user, text, version=version):
            return report_services.case_study_save(
                report=report,
                data={"title": "T", "text": text, "declaration": "anonymised"},
                by=user,
                case_study=CaseStudy.objects.get(pk=study.pk),
                version=version,
            )

        results, errors = together(lambda: change(lead_a, "A"), lambda: change(colleague_a, "B"))
        assert len(results) == 1 and len(errors) == 1, iteration
        assert "Someone else changed this case study" in str(errors[0])
        assert CaseStudy.objects.get(pk=study.pk).version == version + 1


def test_a_return_submitted_twice_at_once_is_submitted_once(report, lead_a):
    fill_all(report, lead_a)
    for iteration in range(ITERATIONS):
        if iteration:  # sent back, so it can be submitted again
            SelfReport.objects.filter(pk=report.pk).update(status=SelfReport.Status.RETURNED)
        before = Transition.objects.filter(report=report, to_status="submitted").count()
        results, errors = together(
            lambda: report_services.report_submit(
                report=SelfReport.objects.get(pk=report.pk), by=lead_a, declaration=DECLARATION
            ),
            lambda: report_services.report_submit(
                report=SelfReport.objects.get(pk=report.pk), by=lead_a, declaration=DECLARATION
            ),
        )
        assert len(results) == 1, iteration
        assert [type(error) for error in errors] == [report_services.SelfReportError]
        assert Transition.objects.filter(report=report, to_status="submitted").count() == before + 1
        assert SelfReport.objects.get(pk=report.pk).status == SelfReport.Status.SUBMITTED


def test_accept_and_return_at_the_same_moment_give_exactly_one_transition(report, lead_a, business_support):
    fill_all(report, lead_a)
    report_services.report_submit(report=report, by=lead_a, declaration=DECLARATION)
    for iteration in range(ITERATIONS):
        if iteration:  # submitted again, so it can be reviewed again
            SelfReport.objects.filter(pk=report.pk).update(status=SelfReport.Status.SUBMITTED)
        before = Transition.objects.filter(report=report, from_status="submitted").count()
        results, errors = together(
            lambda: report_services.report_accept(report=SelfReport.objects.get(pk=report.pk), by=business_support),
            lambda: report_services.report_return(
                report=SelfReport.objects.get(pk=report.pk), by=business_support, note="More"
            ),
        )
        assert len(results) == 1 and len(errors) == 1, iteration
        assert "it cannot be" in str(errors[0])
        after = list(
            Transition.objects.filter(report=report, from_status="submitted")
            .order_by("pk")
            .values_list("to_status", flat=True)
        )
        assert len(after) == before + 1
        assert SelfReport.objects.get(pk=report.pk).status == after[-1]


def _audited(report, detail):
    return AuditEvent.objects.filter(action=AuditAction.CHANGED, object_id=str(report.pk), detail=detail).count()


def test_a_double_click_on_submit_makes_one_submission_and_one_audit_row(report, lead_a, as_user):
    """T64 through the page: two POSTs of "Submit" at the same moment (a double click, or two tabs)."""
    fill_all(report, lead_a)
    url = reverse("reports:selfreport-submit", args=[report.pk])
    declare = {"declared_name": "Lena", "declared_role": "Lead", "confirm": "on"}
    first_tab, second_tab = as_user(lead_a), as_user(lead_a)
    for iteration in range(PAGE_ITERATIONS):
        if iteration:
            SelfReport.objects.filter(pk=report.pk).update(status=SelfReport.Status.RETURNED)
        transitions = Transition.objects.filter(report=report, to_status="submitted").count()
        audited = _audited(report, "Submitted. Changed: status")
        results, errors = together(lambda: first_tab.post(url, declare), lambda: second_tab.post(url, declare))
        assert errors == [] and [response.status_code for response in results] == [302, 302], iteration
        assert Transition.objects.filter(report=report, to_status="submitted").count() == transitions + 1
        assert _audited(report, "Submitted. Changed: status") == audited + 1


def test_accept_and_return_clicked_at_once_give_one_transition_one_audit_row_and_the_right_emails(
    report, lead_a, business_support, administrator, as_user, run_jobs
):
    """T63 through the pages: one reviewer accepts while another returns the same update."""
    fill_all(report, lead_a)
    report_services.report_submit(report=report, by=lead_a, declaration=DECLARATION)
    accept = reverse("reports:selfreport-accept", args=[report.pk])
    send_back = reverse("reports:selfreport-return", args=[report.pk])
    accepter, returner = as_user(business_support), as_user(administrator)
    for iteration in range(PAGE_ITERATIONS):
        if iteration:
            SelfReport.objects.filter(pk=report.pk).update(status=SelfReport.Status.SUBMITTED)
        transitions = Transition.objects.filter(report=report, from_status="submitted").count()
        audited = _audited(report, "Accepted. Changed: status") + _audited(
            report, "Returned for changes. Changed: status"
        )
        run_jobs()  # e-mails queued before this iteration (the round's invitations) are not counted
        emails = len(mail.outbox)
        results, errors = together(
            lambda: accepter.post(accept), lambda: returner.post(send_back, {"message": "More detail, please"})
        )
        assert errors == [] and len(results) == 2, iteration
        won = list(Transition.objects.filter(report=report, from_status="submitted").order_by("pk"))[transitions:]
        assert len(won) == 1
        assert SelfReport.objects.get(pk=report.pk).status == won[0].to_status
        assert (
            _audited(report, "Accepted. Changed: status") + _audited(report, "Returned for changes. Changed: status")
            == audited + 1
        )
        run_jobs()  # the e-mail queued with the winning change is sent by a worker
        assert len(mail.outbox) == emails + (1 if won[0].to_status == "returned" else 0)


def test_two_people_changing_one_finance_line_at_once_one_gets_a_conflict(board, business_support, administrator):
    year = FinanceYearFactory(board=board, start_year=2016)
    line = finance_services.expenditure_line_create(
        finance_year=year,
        by=business_support,
        category=ExpenditureCategoryFactory(board=board),
        amount=Decimal("1.00"),
        description="Venue",
    )
    for iteration in range(ITERATIONS):
        version = ExpenditureLine.objects.get(pk=line.pk).version

        def change(user, amount, version=version):
            return finance_services.expenditure_line_update(
                line=ExpenditureLine.objects.get(pk=line.pk), version=version, by=user, amount=Decimal(amount)
            )

        results, errors = together(lambda: change(business_support, "10.00"), lambda: change(administrator, "20.00"))
        assert len(results) == 1, iteration
        assert [type(error) for error in errors] == [finance_services.EditConflict]
        stored = ExpenditureLine.objects.get(pk=line.pk)
        assert stored.version == version + 1
        assert stored.amount == results[0].amount


def test_two_people_recording_one_meetings_attendance_at_once_one_gets_a_conflict(board, business_support):
    meeting = MeetingFactory(group=GroupFactory(board=board))
    for iteration in range(ITERATIONS):
        version = Meeting.objects.get(pk=meeting.pk).version
        other = meetings_services.OtherAttendee(
            name=f"Guest {iteration}", job_title="", partner=None, represents="", attendee_role="observer"
        )

        def record(version=version, other=other):
            return meetings_services.attendance_record(
                meeting=Meeting.objects.get(pk=meeting.pk), entries=[], others=[other], version=version, by=None
            )

        results, errors = together(record, record)
        assert len(results) == 1, iteration
        assert [type(error) for error in errors] == [meetings_services.AttendanceConflict]
        assert Meeting.objects.get(pk=meeting.pk).version == version + 1
        assert Meeting.objects.get(pk=meeting.pk).attendances.count() == 1


def test_two_people_marking_one_training_session_at_once_one_gets_a_conflict(board):
    session = SessionFactory(course=CourseFactory(board=board))
    for iteration in range(ITERATIONS):
        version = Session.objects.get(pk=session.pk).version

        def record(version=version):
            return training_services.attendance_record(
                session=Session.objects.get(pk=session.pk), outcomes={}, version=version
            )

        results, errors = together(record, record)
        assert len(results) == 1, iteration
        assert [type(error) for error in errors] == [training_services.SessionConflict]
        assert Session.objects.get(pk=session.pk).version == version + 1


def test_a_double_click_on_add_expenditure_line_adds_one_line(board, business_support, as_user):
    """Finding (Medium): the same "add expenditure line" submit twice made two lines. Two tabs of one
    person send the form with the same one-time token at the same moment (wscb.data.once)."""
    from wscb.data import once

    FinanceYearFactory(board=board, start_year=2016)
    fees = ExpenditureCategoryFactory(board=board, name="Professional Fees")
    url = reverse("finance:expenditure-create", args=[2016])
    first_tab, second_tab = as_user(business_support), as_user(business_support)
    for iteration in range(PAGE_ITERATIONS):
        data = {
            "category": fees.pk,
            "kind": "actual",
            "amount": "10.00",
            "description": f"Venue {iteration}",
            once.FIELD: once.new_token(business_support),
        }
        results, errors = together(
            lambda data=data: first_tab.post(url, data), lambda data=data: second_tab.post(url, data)
        )
        assert errors == [] and [response.status_code for response in results] == [302, 302], iteration
        assert results[0]["Location"] == results[1]["Location"]
        assert ExpenditureLine.objects.filter(description=f"Venue {iteration}").count() == 1, iteration


def test_four_people_adding_the_same_agencys_contribution_at_once_get_one_contribution_and_form_errors(
    board, agency_a, business_support, administrator, as_user
):
    """Finding (Low): four people adding the same agency's contribution at once gave a 500."""
    from finance.models import Contribution
    from tests.partners.factories import UserFactory
    from wscb.roles import Role

    others = [UserFactory(role=Role.BUSINESS_SUPPORT, boards=[board]) for _ in range(2)]
    clients = [as_user(user) for user in (business_support, administrator, *others)]
    url = reverse("finance:contribution-create", args=[2016])
    year = FinanceYearFactory(board=board, start_year=2016)
    for iteration in range(PAGE_ITERATIONS // 2):
        Contribution.objects.filter(finance_year=year).delete()
        data = {"partner": agency_a.pk, "amount_agreed": f"{100 + iteration}.00", "amount_invoiced": "0"}
        results, errors = together(
            *[lambda client=client, data=data: client.post(url, {**data, "amount_received": "0"}) for client in clients]
        )
        assert errors == [], (iteration, errors)
        assert sorted(response.status_code for response in results) == [200, 200, 200, 302], iteration
        for refused in (response for response in results if response.status_code == 200):
            assert "already has a contribution for 2016/17" in refused.content.decode()
        assert Contribution.objects.filter(finance_year=year, partner=agency_a).count() == 1
