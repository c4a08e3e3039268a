"""The GOV.UK error pattern's page title: a page that shows an error summary says "Error: " first.

Screen-reader users hear the title before anything else, so it must say that the form they sent
came back with problems. Every form with errors shows the error summary (``data-error-summary``:
``templates/includes/form_errors.html``, the attendance and import pages, the back office's change
form), so the rule is written once, here, rather than in every template's title block.
"""

import re

MARKER = b"data-error-summary"
PREFIX = b"Error: "
_TITLE = re.compile(rb"(<title>)\s*(?!Error:)", re.IGNORECASE)


def error_title(content: bytes) -> bytes:
    """``content`` with "Error: " at the start of its title if it shows an error summary."""
    if MARKER not in content:
        return content
    return _TITLE.sub(rb"\1" + PREFIX, content, count=1)


class ErrorTitleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and MARKER in response.content
        ):
            response.content = error_title(response.content)
        return response
