"""Template filters for the annual report: safe Markdown and 'any value present'."""

from django import template

from reports.annual.markdown import render_markdown

register = template.Library()


@register.filter
def annual_markdown(text):
    return render_markdown(text)


@register.filter
def annual_any(values):
    return any(value is not None for value in values)


@register.filter
def annual_short_answers(block) -> bool:
    """True when a partner-update section has several answers that are all short (contact details,
    dates): the report shows them as a two-column table instead of one paragraph each."""
    answers = block.answers
    return len(answers) > 1 and all(len(line.value) <= 120 and "\n" not in line.value for line in answers)
