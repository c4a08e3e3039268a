"""One record per submit: a replayed or double-clicked create form gives the first submit's result.

Every form that creates something carries a one-time token, and its view is wrapped::

    {% load once %}
    <form method="post">{% csrf_token %}{% once_token %} ... </form>

    class ExpenditureCreateView(SubmitOnceMixin, RecordKeeperMixin, View): ...

The back office's add forms are covered too (``SubmitOnceAdminMixin``, part of ``AuditedModelAdmin``).

The token (a random value signed for the signed-in user) is new each time the form is shown. The
view runs inside one transaction; when it answers with a redirect (it saved something), the submit
is recorded in ``wscb.data.models.OnceSubmission`` under two keys, in the same transaction: the
token (kept ``TOKEN_LIFETIME``) and the content (the person, the address and every field and file
sent, kept ``CONTENT_WINDOW``). A later submit with either key runs nothing: it is a redirect to the
first one's result with "This was already saved". The token catches a double click and a replayed
request; the content catches Back then Save (Chromium fetches the form again, with a new token, and
puts back what was typed) and a script that sends no token. Two submits at the same moment both
run, but the second cannot record its keys (they are unique) and is rolled back whole, so one
record is made on PostgreSQL and on SQLite alike.

Edits do not need this: they carry the record's version (``wscb.data.versions``), so a second save
of the same form is a conflict, not a second record.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone

from wscb.data.models import OnceSubmission

FIELD = "once_token"
SALT = "wscb.data.once"
#: Tokens are refused (and their records deleted) after this long.
TOKEN_LIFETIME = timedelta(days=30)
#: How long a submit without a token is remembered by its content.
CONTENT_WINDOW = timedelta(minutes=10)
ALREADY_SAVED = (
    "This was already saved (the same form was sent twice), so nothing was added again: here it is. "
    "To add a second one that is the same, change something in it to tell the two apart."
)
#: POST fields that differ between two sends of the same form without changing what it says.
IGNORED_FIELDS = ("csrfmiddlewaretoken", FIELD)


def new_token(user) -> str:
    """A fresh token for one showing of a form to ``user``."""
    return signing.TimestampSigner(salt=SALT).sign(f"{user.pk}:{secrets.token_urlsafe(18)}")


def _token_key(request) -> str | None:
    token = request.POST.get(FIELD, "")
    if not token:
        return None
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=TOKEN_LIFETIME)
    except signing.BadSignature:
        return None
    if value.split(":", 1)[0] != str(request.user.pk):
        return None
    return "t:" + hashlib.sha256(token.encode()).hexdigest()


def _content_key(request) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.user.pk}\n{request.path}\n".encode())
    for name in sorted(request.POST):
        if name not in IGNORED_FIELDS:
            digest.update(f"{name}={request.POST.getlist(name)!r}\n".encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            file_digest = hashlib.sha256()
            for chunk in upload.chunks():
                file_digest.update(chunk)
            upload.seek(0)
            digest.update(f"{name}:{upload.name}:{file_digest.hexdigest()}\n".encode())
    return "c:" + digest.hexdigest()


def _earlier(keys: dict):
    """The first submit with any of ``keys`` (key -> since when it counts), or None."""
    condition = Q()
    for key, since in keys.items():
        condition |= Q(key=key, created_at__gte=since)
    return OnceSubmission.objects.filter(condition).order_by("created_at").first()


def _replay(request, earlier):
    # What the rolled-back run queued ("The line was added") must not be shown as well.
    storage = messages.get_messages(request)
    for _ in storage:
        pass
    storage.used = True
    messages.info(request, ALREADY_SAVED)
    return redirect(earlier.result_url)


def submit_once(request, run, *, by_content: bool = True):
    """Run ``run()`` (the view) at most once per token and per content; see the module's docstring.

    ``by_content=False`` for a form whose content is the same every time it is meant to be sent again
    (publishing the report once more after a correction is only "confirm"): the token alone counts."""
    now = timezone.now()
    keys = {_content_key(request): now - CONTENT_WINDOW} if by_content else {}
    token_key = _token_key(request)
    if token_key:
        keys[token_key] = now - TOKEN_LIFETIME
    if not keys:
        return run()
    earlier = _earlier(keys)
    if earlier is not None:
        return _replay(request, earlier)
    with transaction.atomic():
        response = run()
        if not 300 <= response.status_code < 400 or not response.get("Location"):
            return response  # not saved (a form with errors): the token stays unused
        try:
            with transaction.atomic():
                for key, since in keys.items():
                    OnceSubmission.objects.filter(key=key, created_at__lt=since).delete()
                OnceSubmission.objects.bulk_create(
                    OnceSubmission(
                        key=key, user=request.user, path=request.path[:300], result_url=response["Location"][:500]
                    )
                    for key in keys
                )
        except IntegrityError:
            # The same submit finished first in another request: undo this one entirely.
            transaction.set_rollback(True)
            lost = True
        else:
            lost = False
    if lost:
        return _replay(request, _earlier(keys))
    OnceSubmission.objects.filter(created_at__lt=now - TOKEN_LIFETIME).delete()
    return response


class SubmitOnceMixin:
    """For a view whose POST creates something (put it first): see ``submit_once``. Set
    ``once_by_content = False`` where sending the same content again later is meant to act again."""

    once_by_content = True

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            return submit_once(
                request,
                lambda: super(SubmitOnceMixin, self).dispatch(request, *args, **kwargs),
                by_content=self.once_by_content,
            )
        return super().dispatch(request, *args, **kwargs)


class SubmitOnceAdminMixin:
    """For a ModelAdmin (``AuditedModelAdmin`` includes it): the back office's add form is submitted
    once too (the token is in ``templates/admin/change_form.html``)."""

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "POST" and request.user.is_authenticated:
            return submit_once(
                request, lambda: super(SubmitOnceAdminMixin, self).add_view(request, form_url, extra_context)
            )
        return super().add_view(request, form_url, extra_context)
