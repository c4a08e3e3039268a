"""Records of every kind the search finds, for agency A and agency B, each saying ``WORD``."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from meetings import services as meeting_services
from meetings.models import Decision
from reports.selfreports import services as report_services
from reports.selfreports.models import CaseStudy, FormSection
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
    PersonFactory,
)
from tests.reports.factories import open_round, report_for, section
from tests.training.factories import CourseFactory, CoursePlanFactory

WORD = "Kestrel"


def agency_records(cast, agency, lead, round_, *, n: int = 0, published: bool = True, approved: bool = True):
    """One of each kind for ``agency``: its person, a group it sits on with a meeting, an agenda item,
    a paper, a decision, an action it owns, and its partner update (a draft saying ``WORD``) with a
    case study."""
    suffix = f"{agency.short_name} {n}"
    agency.notes = f"{WORD} notes of {agency.short_name}"
    agency.save()
    person = PersonFactory(full_name=f"{WORD} Person {suffix}", partner=agency)
    group = GroupFactory(board=cast.board, name=f"{WORD} group of {suffix}")
    MembershipFactory(group=group, person=person)
    meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 9, 5) + datetime.timedelta(days=n))
    item = AgendaItemFactory(meeting=meeting, position=1, title=f"{WORD} item of {suffix}")
    paper = PaperFactory(agenda_item=item, title=f"{WORD} paper of {suffix}")
    decision = Decision.objects.create(
        agenda_item=item, text=f"{WORD} decision of {suffix}", decided_on=meeting.held_on
    )
    if published:
        meeting.papers_published_at = timezone.now()
        meeting.save(update_fields=["papers_published_at"])
    if approved:
        minutes = meeting_services.minutes_draft_save(
            meeting=meeting, opening="", item_texts={}, by=cast.business_support
        )
        meeting_services.minutes_approve(
            minutes=minutes, approved_on=meeting.held_on, at_meeting=None, by=cast.business_support
        )
    action = ActionFactory(meeting=meeting, owner=agency, description=f"{WORD} action of {suffix}")
    report = report_for(round_, agency)
    questions = section(report, FormSection.Kind.QUESTIONS)
    first = questions.questions.filter(kind="long_text").first()
    report_services.section_save(
        report=report, section=questions, values={first.key: f"Our {WORD} work, {suffix}"}, version=0, by=lead
    )
    case_study = report_services.case_study_save(
        report=report,
        data={
            "title": f"{WORD} case study of {suffix}",
            "text": "A family helped early.",
            "priority": None,
            "declaration": CaseStudy.Declaration.ANONYMISED,
            "consent_recorded_on": None,
        },
        by=lead,
    )
    return SimpleNamespace(
        agency=agency,
        person=person,
        meeting=meeting,
        item=item,
        paper=paper,
        decision=decision,
        action=action,
        report=report,
        case_study=case_study,
    )


def build(cast, **options):
    """Agency A's and agency B's records, and a course, all saying ``WORD``."""
    round_ = open_round(board=cast.board, agencies=[cast.agency_a, cast.agency_b], by=cast.business_support)
    course = CourseFactory(board=cast.board, title=f"{WORD} course", level="Level 3")
    CoursePlanFactory(course=course, start_year=2016)
    return SimpleNamespace(
        a=agency_records(cast, cast.agency_a, cast.lead_a, round_, **options),
        b=agency_records(cast, cast.agency_b, cast.lead_b, round_, **options),
        course=course,
        round=round_,
    )
