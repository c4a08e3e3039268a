"""Template filters for the annual report: safe Markdown and 'any value present'."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

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
    return len(answers) > 1 and all(len(line.value) <= 200 and "\n" not in line.value for line in answers)


@register.filter
def annual_recorded(value):
    """A figure, or "not recorded" when it is not (None)."""
    return "not recorded" if value is None else value


@register.filter
def annual_any_attr(rows, name):
    """True when any of ``rows`` has a value (not None, not blank) for the attribute ``name``."""
    return any(getattr(row, name, None) not in (None, "") for row in rows)


_BULLET = re.compile(r"^\s*(?:[-•·*]|\d+[.)])\s+")


def _answer_block(kind: str, lines: list[str]) -> str:
    if kind == "text":
        return "<p>" + "<br>".join(escape(line.strip()) for line in lines) + "</p>"
    tag = "ol" if kind == "number" else "ul"
    items = "".join(f"<li>{escape(_BULLET.sub('', line).strip())}</li>" for line in lines)
    return f"<{tag}>{items}</{tag}>"


@register.filter
def annual_answer(text):
    """A partner's answer as HTML: paragraphs at blank lines, lines starting "- " (or "•", "·") as a
    bulleted list and "1. " as a numbered list (one list across blank lines between its items);
    everything else escaped, no Markdown or HTML."""
    groups: list[tuple[str, list[str]]] = []
    for paragraph in re.split(r"\n\s*\n", (text or "").strip()):
        new_paragraph = True
        for line in (line for line in paragraph.splitlines() if line.strip()):
            match = _BULLET.match(line)
            kind = ("number" if match.group(0).strip()[0].isdigit() else "bullet") if match else "text"
            if kind == "text" and groups and groups[-1][0] != "text" and line.startswith(("  ", "\t")):
                groups[-1][1][-1] = f"{groups[-1][1][-1]} {line.strip()}"  # an indented line continues the item
            elif groups and groups[-1][0] == kind and (kind != "text" or not new_paragraph):
                groups[-1][1].append(line)
            else:
                groups.append((kind, [line]))
            new_paragraph = False
    return mark_safe("".join(_answer_block(kind, lines) for kind, lines in groups))  # noqa: S308 - escaped


@register.filter
def annual_question_shown(line, heading) -> bool:
    """Whether an answer's question is printed: not when the section heading already says it."""

    def plain(text):
        return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()

    question = plain(line.question)
    return bool(question) and question not in plain(re.sub(r"^\s*[a-z0-9]{1,3}[.)]\s+", "", heading or ""))
