"""Sign-in sessions: a small record per session so people can see and end their other sessions,
ending every session of a user who is disabled or whose second factor is reset, and the
absolute session lifetime (12 hours after sign-in however active the session has been).

Sessions live in the database (Django's default session engine); a record keeps only a
SHA-256 hash of the session key.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from wscb.accounts.models import UserSession
from wscb.audit.services import client_ip

RECORD_ID = "wscb_session_record"
RECORD_HASH = "wscb_session_hash"
LAST_SEEN = "wscb_session_seen"
#: How often (seconds) "last seen" is written, so most requests cost no query.
LAST_SEEN_EVERY = 60


def key_hash(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()


def session_record_start(*, request, user) -> UserSession | None:
    """Called at sign-in (the session key has just been rotated)."""
    session = request.session
    if session.session_key is None:
        session.save()
    digest = key_hash(session.session_key)
    record, _ = UserSession.objects.update_or_create(
        key_hash=digest,
        defaults={
            "user": user,
            "ip_address": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "last_seen_at": timezone.now(),
        },
    )
    session[RECORD_ID] = record.pk
    session[RECORD_HASH] = digest
    session[LAST_SEEN] = time.time()
    return record


def on_signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_record_start(request=request, user=user)


def _end_session_keys(predicate) -> int:
    ended = 0
    for session_key in Session.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", flat=True):
        if predicate(session_key):
            Session.objects.filter(session_key=session_key).delete()
            ended += 1
    return ended


def session_end(*, record: UserSession) -> None:
    """End one session (found by its key hash) and forget its record."""
    _end_session_keys(lambda key: key_hash(key) == record.key_hash)
    UserSession.objects.filter(pk=record.pk).delete()


def sessions_end_others(*, user, current_key: str | None) -> int:
    current = key_hash(current_key) if current_key else None
    records = list(UserSession.objects.filter(user=user).exclude(key_hash=current or ""))
    hashes = {record.key_hash for record in records}
    _end_session_keys(lambda key: key_hash(key) in hashes)
    UserSession.objects.filter(pk__in=[record.pk for record in records]).delete()
    return len(records)


def sessions_end_all(*, user, keep=None) -> int:
    """End every session of ``user`` at once, including any started before records were kept.

    ``keep``: a ``request.session`` to leave signed in (and its record), for example the one
    that has just confirmed a new second factor. Returns how many sessions were ended.
    """
    user_id = str(user.pk)
    kept_key = keep.session_key if keep is not None else None
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=kept_key or ""):
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            session.delete()
            ended += 1
    records = UserSession.objects.filter(user=user)
    if keep is not None:
        records = records.exclude(pk=keep.get(RECORD_ID)).exclude(key_hash=key_hash(kept_key or ""))
    records.delete()
    return ended


def user_sessions(*, user):
    """The user's live sessions; records of sessions that have timed out are removed first."""
    now = timezone.now()
    idle_limit = now - timedelta(seconds=settings.SESSION_COOKIE_AGE + LAST_SEEN_EVERY)
    absolute_limit = now - settings.SESSION_ABSOLUTE_LIFETIME
    UserSession.objects.filter(user=user).filter(
        models.Q(last_seen_at__lt=idle_limit) | models.Q(created_at__lt=absolute_limit)
    ).delete()
    return UserSession.objects.filter(user=user)


def sessions_clear_expired(*, now=None) -> dict[str, int]:
    """Daily: delete expired sessions (Django's ``clearsessions``) and the records of sessions that
    have ended by time (idle or absolute limit), for everyone at once."""
    from django.contrib.sessions.backends.db import SessionStore

    now = now or timezone.now()
    expired = Session.objects.filter(expire_date__lt=now).count()
    SessionStore.clear_expired()
    idle_limit = now - timedelta(seconds=settings.SESSION_COOKIE_AGE + LAST_SEEN_EVERY)
    absolute_limit = now - settings.SESSION_ABSOLUTE_LIFETIME
    records, _ = UserSession.objects.filter(
        models.Q(last_seen_at__lt=idle_limit) | models.Q(created_at__lt=absolute_limit)
    ).delete()
    return {"sessions": expired, "records": records}


def on_user_saved(sender, instance, created, **kwargs):
    """Disabling a user ends all their sessions, whichever way they were disabled."""
    if not created and not instance.is_active:
        sessions_end_all(user=instance)


class SessionRecordMiddleware:
    """Keeps "last seen" of the current session's record fresh (at most once a minute) and
    follows the session key when it is rotated (for example by a password change)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or RECORD_ID not in session or session.session_key is None:
            return response
        digest = key_hash(session.session_key)
        now = time.time()
        if session.get(RECORD_HASH) != digest or now - session.get(LAST_SEEN, 0) > LAST_SEEN_EVERY:
            UserSession.objects.filter(pk=session[RECORD_ID]).update(
                key_hash=digest, last_seen_at=timezone.now(), ip_address=client_ip(request)
            )
            session[RECORD_HASH] = digest
            session[LAST_SEEN] = now
        return response


def on_signed_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(key_hash=key_hash(session.session_key)).delete()


SIGNED_IN_AT = "signed_in_at"


def stamp_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class AbsoluteSessionLifetimeMiddleware:
    """Ends a session SESSION_ABSOLUTE_LIFETIME after sign-in however active it has been.

    The idle limit is Django's own (SESSION_COOKIE_AGE renewed on every request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, "Your session has ended after 12 hours. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
