"""The ``wscb`` app's models, defined in the rooms that use them (Django looks for them here).

The audit trail is in ``wscb.audit.models``, the sign-in sessions in ``wscb.accounts.models``, the
submits already saved (``wscb.data.once``) and the data versions in ``wscb.data.models``.
"""

from wscb.accounts.models import UserSession
from wscb.audit.models import AuditAction, AuditChannel, AuditEvent, AuditEventQuerySet
from wscb.data.models import DataVersion, OnceSubmission

__all__ = [
    "AuditAction",
    "AuditChannel",
    "AuditEvent",
    "AuditEventQuerySet",
    "DataVersion",
    "OnceSubmission",
    "UserSession",
]
