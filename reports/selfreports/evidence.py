"""Evidence files attached to the answers of a return: reads (scoped to the user asking) and changes.

Files are checked as every upload is (``wscb.data.uploads.validate_upload``: size, the content against
the claimed kind, macros, PDFs that can run something, renamed programs refused) and stored under
generated names. Who: the agency's own partner leads attach and remove them while the return is
editable; they and business support read them (the download is audited); nobody else, so another
agency's lead, board members and administrators get a 404. Retention deletes them, with their
stored files, with the return's case studies (reports/retention.py).
"""

from __future__ import annotations

import os

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from partners.models import User
from reports.selfreports.models import EVIDENCE_KINDS, Evidence, SelfReport
from wscb.data.uploads import validate_upload
from wscb.permissions import BUSINESS_SUPPORT

#: The one statement of who can read evidence (shown on the pages).
EVIDENCE_POLICY = (
    "Evidence files can be read by {agency}'s partner leads and business support only. Every download is "
    "recorded in the audit trail. Files are deleted with the return's case studies when the return's "
    "retention period ends."
)


class EvidenceError(Exception):
    """A file cannot be attached or removed (the message says why)."""


def reads_evidence(user) -> bool:
    return bool(user.is_authenticated and (user.is_partner_lead or user.role == BUSINESS_SUPPORT))


def evidence_list(*, for_user, report: SelfReport) -> QuerySet[Evidence]:
    """The return's files for someone who may read them (``report`` already loaded through the user's
    scope, so a lead only ever has their own agency's); nobody else sees any."""
    if not reads_evidence(for_user):
        return Evidence.objects.none()
    if for_user.is_partner_lead and for_user.partner_id != report.partner_id:
        return Evidence.objects.none()
    return Evidence.objects.filter(report=report).select_related("uploaded_by").order_by("key", "pk")


def evidence_get(*, for_user, report: SelfReport, pk: int) -> Evidence:
    return get_object_or_404(evidence_list(for_user=for_user, report=report), pk=pk)


def evidence_by_key(*, for_user, report: SelfReport) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for item in evidence_list(for_user=for_user, report=report):
        grouped.setdefault(item.key, []).append(item)
    return grouped


def attach_to_lines(document, grouped: dict[str, list[Evidence]]) -> None:
    """Put each answer's files on its line of a ``ReportDocument`` (for the check and review pages)."""
    for block in document.sections:
        for line in block.answers:
            line.evidence = grouped.get(line.key, [])


def _is_lead_of(user: User, report: SelfReport) -> bool:
    return bool(user.is_partner_lead and user.partner_id == report.partner_id)


def evidence_add(*, report: SelfReport, key: str, upload, by: User, keys) -> Evidence:
    """Attach ``upload`` to the answer ``key`` (one of ``keys``, the return's questions)."""
    if not _is_lead_of(by, report):
        raise EvidenceError("Only the agency's partner leads can attach evidence to its update.")
    if not report.is_editable:
        raise EvidenceError("This update has been submitted: evidence can be attached again if it is returned.")
    if key not in keys:
        raise EvidenceError("Choose the question the file is evidence for.")
    validate_upload(upload, kinds=EVIDENCE_KINDS)
    name = os.path.basename(upload.name or "evidence")[:255]
    return Evidence.objects.create(
        report=report, key=key, file=upload, original_name=name, size=upload.size, uploaded_by=by
    )


def evidence_delete(*, evidence: Evidence, by: User) -> None:
    if not _is_lead_of(by, evidence.report):
        raise EvidenceError("Only the agency's partner leads can remove its evidence.")
    if not evidence.report.is_editable:
        raise EvidenceError("This update has been submitted: its evidence can no longer be removed.")
    evidence.delete()
