"""Template tags for start pages: what partner updates are waiting for the person signed in."""

from django import template

from reports.selfreports.selectors import open_reports_for_lead

register = template.Library()


@register.simple_tag
def open_updates_for(user):
    """The lead's agency's updates not yet submitted (or returned to them), soonest deadline first."""
    return list(open_reports_for_lead(user=user))
