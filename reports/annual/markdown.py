"""Markdown written in the portal, rendered to HTML that cannot run script.

Markdown is converted first, then the HTML is cleaned with nh3 against an allow-list: raw
``<script>``, event handlers such as ``onerror``, images, ``style`` and ``javascript:`` links
are all removed, whether typed as HTML or produced by Markdown.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h3", "h4", "h5",
    "a", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> SafeString:
    """Markdown to safe HTML. Headings start at level 3 so they sit under the report's sections."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    html = re.sub(r"<(/?)h[12]>", r"<\1h3>", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned against the allow-list above
