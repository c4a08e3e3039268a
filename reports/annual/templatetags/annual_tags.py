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
