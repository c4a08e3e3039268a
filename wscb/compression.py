"""Compressed responses: Django's ``GZipMiddleware`` for text, never for files that are compressed already.

The portal compresses every HTML page, pages with forms and CSRF tokens included. BREACH (guessing a
secret in a compressed response from its length, over many requests that reflect attacker input) is
answered by three things together: Django masks the CSRF token afresh in every response, so the token
is never the same string twice; ``GZipMiddleware`` adds a random number of bytes to every compressed
response ("Heal the Breach", Django 4.2+), so lengths do not add up; and the session cookie is
``SameSite=Lax``, so another site cannot make a signed-in browser fetch pages for it to measure. The
static files are compressed once, when they are collected (WhiteNoise), and served with far-future
cache headers under hashed names.
"""

from django.middleware.gzip import GZipMiddleware

#: Content types worth compressing (PDF, Word, spreadsheets and images are compressed formats).
COMPRESSIBLE = {
    "text/html",
    "text/plain",
    "text/csv",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
}


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in COMPRESSIBLE:
            return response
        return super().process_response(request, response)
