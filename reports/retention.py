"""Retention of partner returns and case studies (registered with ``wscb.ops.retention`` in ReportsConfig.ready).

Both are kept until ``RETENTION_YEARS`` (setting ``DJANGO_RETENTION_YEARS``, default 6) after the
end of the return's reporting year, e.g. a 2016/17 return until 31/03/2023; on that day it is still kept.

- Case studies (stories about real children) are **deleted**, and so are evidence files attached to the
  answers, with their stored files.
- Returns are **anonymised**, not deleted: the return row, its agency, year and status stay (so the
  board can still say which agencies returned in that year), but every answer, the answer history,
  review comments and messages, case studies, the declaration's names and the notes on status
  changes are removed, and reminder recipients are blanked. An anonymised return has no section
  entries, comments or case studies, which is how ``apply_retention`` knows it has been dealt with
  already.

Nothing is done to a return or case study of a round that is not closed (its deadline is today or
later), whatever the date: the agency may be writing it. Before either is removed, every published
version of that year's annual report that printed it is re-issued without it (the version number
stays; a note says so): ``reports.annual.redaction``.

Run ``python manage.py apply_retention`` to list what is due and ``--apply`` to act (it asks first;
``--no-input`` for cron); each rule writes one audit row with the count.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from wscb.ops.retention import retention_copies_register, retention_register


def _return_retain_until(report):
    return report.retain_until


def return_anonymise(report) -> None:
    """Remove everything an agency wrote in the return; keep that it existed and its status."""
    with transaction.atomic():
        for item in report.evidence.all():
            item.delete()  # one by one: each stored file goes too
        report.case_studies.all().delete()
        report.entries.all().delete()  # answers and answer history go with them
        report.comments.all().delete()
        report.transitions.update(note="")
        report.reminders.update(recipients="")
        # the declaration names a person; the review messages are text about the return
        type(report).objects.filter(pk=report.pk).update(
            declared_name="", declared_role="", declared_endorsed_by="", review_message="", return_message=""
        )


def published_copies(rule, records, today) -> list[str]:
    """Before case studies are deleted or returns anonymised: the published reports that printed
    them are re-issued without that text (``reports.annual.redaction``)."""
    from reports.annual.redaction import Removal, published_reports_redact

    if rule.key not in ("reports.casestudy", "reports.selfreport"):
        return []
    by_year = defaultdict(list)
    for record in records:
        report = record.report if rule.key == "reports.casestudy" else record
        removal = Removal(key=rule.key, pk=record.pk, agency_name=report.partner.name)
        if rule.key == "reports.casestudy":
            removal.texts = [record.title, *(paragraph.strip() for paragraph in record.text.split("\n\n"))]
        else:
            removal.whole_update = True
        by_year[(report.round.board, report.round.start_year)].append(removal)
    lines = []
    for (board, year_start), removals in by_year.items():
        lines += published_reports_redact(board=board, year_start=year_start, removals=removals, today=today)
    return lines


def register() -> None:
    from reports.selfreports.models import CaseStudy, Evidence, ReviewComment, SectionEntry, SelfReport

    retention_register(
        model=CaseStudy,
        description="Case studies in partner returns (deleted)",
        retain_until=lambda case_study: case_study.retain_until,
        # never while its round is open: the agency may be writing it now
        still_open=lambda day: Q(report__round__deadline__gte=day),
    )
    retention_register(
        model=Evidence,
        description="Evidence files attached to partner returns (deleted, with the stored files)",
        retain_until=lambda item: item.retain_until,
        still_open=lambda day: Q(report__round__deadline__gte=day),
    )
    retention_register(
        model=SelfReport,
        description="Partner returns (anonymised: answers, comments and case studies removed)",
        retain_until=_return_retain_until,
        action="anonymise",
        anonymise=return_anonymise,
        done=~Q(pk__in=SectionEntry.objects.values("report"))
        & ~Q(pk__in=CaseStudy.objects.values("report"))
        & ~Q(pk__in=Evidence.objects.values("report"))
        & ~Q(pk__in=ReviewComment.objects.values("report")),
        still_open=lambda day: Q(round__deadline__gte=day),
    )
    retention_copies_register(published_copies)
