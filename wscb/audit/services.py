"""The audit trail: ``audit_record`` is what every app calls.

    from wscb.audit.services import audit_record
    from wscb.audit.models import AuditAction

    audit_record(request=request, action=AuditAction.VIEWED, obj=case_study)

Only a short label is kept for the object (``audit_label`` on the model if it has one,
otherwise its ``str`` cut to 200 characters); never pass case-study text in ``detail``.
Control characters are escaped so that one event is always one line (log injection).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wscb.audit.models import AuditAction, AuditChannel, AuditEvent

__all__ = ["AuditAction", "audit_download", "audit_record", "audit_record_many", "client_ip"]


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the proxy appended to X-Forwarded-For when DJANGO_BEHIND_PROXY."""
    if request is None:
        return None
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            candidate = forwarded[-1]  # the one our proxy added; earlier ones are the client's word
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def one_line(value: str, limit: int) -> str:
    """Escape control characters (CR, LF, ESC...) so a value cannot forge another line."""
    text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(value))
    return text[:limit]


def _object_label(obj) -> str:
    label = getattr(obj, "audit_label", None)
    if callable(label):
        label = label()
    return one_line(label if label is not None else str(obj), 200)


def _channel(request) -> str:
    if request is None:
        return AuditChannel.COMMAND
    if request.path.startswith("/admin/"):
        return AuditChannel.ADMIN
    return AuditChannel.WEB


def _build(
    *, request=None, user=None, action: str, obj=None, detail: str = "", label: str = "", channel: str = ""
) -> AuditEvent:
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    event = AuditEvent(
        user=user if user is not None and user.pk else None,
        user_label=one_line(user.email if user is not None else label, 254),
        action=action,
        channel=channel or _channel(request),
        detail=one_line(detail, 500),
        ip_address=client_ip(request),
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)
        event.object_label = _object_label(obj)
    return event


def audit_record(
    *, request=None, user=None, action: str, obj=None, detail: str = "", label: str = "", channel: str = ""
) -> AuditEvent:
    """Write one audit event. ``user`` defaults to the request's signed-in user; ``channel`` to where the
    request came from (``AuditChannel.JOB`` for work a background job does for ``user``)."""
    event = _build(request=request, user=user, action=action, obj=obj, detail=detail, label=label, channel=channel)
    event.save()
    return event


def audit_download(*, request, what: str, file_format: str, obj=None, action: str = AuditAction.EXPORTED) -> AuditEvent:
    """One row for a download, an export or a page built from sensitive records: who (the signed-in
    user), what (``obj`` if there is one record, and ``what`` in words, e.g. "Finance contributions
    2016/17"), which format ("csv", "pdf", "page"...) and from where (address and channel).

    Every URL that answers with a file writes one (``tests/wscb/test_every_download_is_audited.py``)."""
    return audit_record(request=request, action=action, obj=obj, detail=f"{what} ({file_format})")


def audit_record_many(*, request=None, user=None, action: str, objects, detail: str = "") -> list[AuditEvent]:
    """One event per object (e.g. every return shown on one page), written in one query."""
    template = _build(request=request, user=user, action=action, detail=detail)
    events = []
    for obj in objects:
        event = AuditEvent(
            user=template.user,
            user_label=template.user_label,
            action=template.action,
            channel=template.channel,
            detail=template.detail,
            ip_address=template.ip_address,
            created_at=template.created_at,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_label=_object_label(obj),
        )
        events.append(event)
    return AuditEvent.objects.bulk_create(events)


# --- signal handlers, connected in WscbConfig.ready ----------------------------------------
def on_signed_in(sender, request, user, **kwargs):
    audit_record(request=request, user=user, action=AuditAction.SIGNED_IN)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    attempted = (credentials or {}).get("username") or ""
    audit_record(request=request, action=AuditAction.SIGN_IN_FAILED, label=str(attempted).strip().lower())


def on_signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(request=request, user=user, action=AuditAction.SIGNED_OUT)


#: User fields whose change is a change of role or permission.
ROLE_FIELDS = ("role", "partner", "is_active", "boards")


def audit_user_changes(*, request, user, changed_fields) -> None:
    """Called by the back office when a user is saved: role, agency, boards or status changed."""
    changed = [name for name in ROLE_FIELDS if name in changed_fields]
    if changed:
        audit_record(
            request=request,
            action=AuditAction.ROLE_CHANGED,
            obj=user,
            detail=f"Changed: {', '.join(changed)}. Now: role {user.role}, active {user.is_active}",
        )


class audit_deleted:
    """Record deletions: labels are taken before the rows go, events written after they went."""

    def __init__(self, *, request=None, objects):
        self.request = request
        self.snapshots = [(obj, obj.pk) for obj in objects]

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        for obj, pk in self.snapshots:
            if obj.pk is None:
                obj.pk = pk  # Django clears it on delete; the event names the record that went
            audit_record(request=self.request, action=AuditAction.DELETED, obj=obj)
            obj.pk = None
        return False
