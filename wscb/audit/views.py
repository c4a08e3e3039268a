"""The audit page for administrators: filter, page through and export the audit trail."""

from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from wscb.audit.forms import AuditFilterForm
from wscb.audit.models import AuditAction, AuditEvent
from wscb.audit.services import audit_record
from wscb.data.exports import csv_response, xlsx_response
from wscb.permissions import ADMINISTRATOR, RoleRequiredMixin
from wscb.security import NoStoreMixin

EXPORT_HEADERS = ["When", "Who", "Action", "Channel", "Record type", "Record id", "Record", "Detail", "IP address"]


def _object_types():
    used = AuditEvent.objects.exclude(content_type=None).values_list("content_type", flat=True).distinct()
    types = ContentType.objects.filter(pk__in=used).order_by("app_label", "model")
    return [(str(ct.pk), f"{ct.app_label}: {ct.name}") for ct in types]


def audit_events(*, params) -> tuple[AuditFilterForm, object]:
    form = AuditFilterForm(params or None, object_types=_object_types())
    events = AuditEvent.objects.select_related("content_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            events = events.filter(user_label__icontains=data["user"])
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["object_type"]:
            events = events.filter(content_type_id=data["object_type"])
        if data["date_from"]:
            events = events.filter(created_at__gte=timezone.make_aware(datetime.combine(data["date_from"], time.min)))
        if data["date_to"]:
            events = events.filter(created_at__lte=timezone.make_aware(datetime.combine(data["date_to"], time.max)))
    elif form.is_bound:
        events = events.none()
    return form, events


class AuditListView(NoStoreMixin, RoleRequiredMixin, View):
    allowed_roles = {ADMINISTRATOR}

    def get(self, request):
        form, events = audit_events(params=request.GET)
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "audit/audit_list.html",
            {"form": form, "page_obj": page, "events": page.object_list, "query": query.urlencode()},
        )


class AuditExportView(NoStoreMixin, RoleRequiredMixin, View):
    allowed_roles = {ADMINISTRATOR}

    def get(self, request):
        _, events = audit_events(params=request.GET)
        rows = (
            [
                event.created_at,
                event.user_label,
                event.get_action_display(),
                event.get_channel_display(),
                event.content_type.name if event.content_type else "",
                event.object_id,
                event.object_label,
                event.detail,
                event.ip_address or "",
            ]
            for event in events.iterator()
        )
        file_format = request.GET.get("format", "csv")
        audit_record(request=request, action=AuditAction.EXPORTED, detail=f"Audit trail ({file_format})")
        if file_format == "xlsx":
            return xlsx_response("audit-trail.xlsx", EXPORT_HEADERS, list(rows), title="Audit trail")
        return csv_response("audit-trail.csv", EXPORT_HEADERS, rows)
