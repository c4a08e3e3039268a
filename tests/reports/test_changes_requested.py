"""A section business support commented on when returning says "Changes requested" until the lead edits it."""

from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.selectors import task_list
from tests.reports.factories import full_values, section, submitted


def _row(report, section_):
    return next(row for row in task_list(report=report) if row.section == section_)


def test_a_returned_section_with_a_comment_says_changes_requested_until_it_is_edited(
    report_a, lead_a, business_support, as_user
):
    submitted(report_a, lead_a)
    core, other = section(report_a), section(report_a, index=1)
    services.comment_add(report=report_a, section=core, text="Add impact", by=business_support)
    services.report_return(report=report_a, by=business_support)
    assert _row(report_a, core).status_label == "Changes requested"
    assert _row(report_a, other).status_label == "Completed"
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk])).content.decode()
    assert "Changes requested" in html

    entry = report_a.entries.get(section=core)
    services.section_save(
        report=report_a, section=core, values=full_values(report_a, core), version=entry.version, by=lead_a
    )
    assert _row(report_a, core).status_label == "Completed"
