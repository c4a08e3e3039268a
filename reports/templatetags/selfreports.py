"""Template tags for start pages: what partner updates are waiting for the person signed in."""

from django import template

from reports.selfreports.models import SelfReport
from reports.selfreports.selectors import open_reports_for_lead, self_report_list

register = template.Library()


@register.simple_tag
def open_updates_for(user):
    """The lead's agency's updates not yet submitted (or returned to them), soonest deadline first."""
    return list(open_reports_for_lead(user=user))


@register.simple_tag
def updates_to_review(user):
    """Submitted updates waiting for business support's review."""
    return self_report_list(for_user=user).filter(status=SelfReport.Status.SUBMITTED).count()
