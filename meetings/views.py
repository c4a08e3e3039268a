"""Meeting pages: list, detail, create and edit, documents, the attendance record and import,
the year's attendance summary, an agency's attendance record, membership and actions."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from meetings import reporting, selectors, services
from meetings.charts import attendance_chart_svg
from meetings.forms import AttendanceSheet, MeetingForm, agency_choices
from meetings.models import Group
from wscb import charts
from wscb.audit.services import AuditAction, audit_download, audit_record
from wscb.data.import_views import ImportPageView
from wscb.data.once import SubmitOnceMixin
from wscb.data.page_cache import cached_fragment
from wscb.data.uploads import serve_upload, upload_format
from wscb.permissions import PartnershipReaderMixin, RecordKeeperMixin, SignedInMixin
from wscb.years import chosen_year, year_choices


def chosen_group(request) -> Group | None:
    groups = selectors.group_list(board=request.board)
    chosen = request.GET.get("group", "")
    if chosen.isdigit():
        group = groups.filter(pk=int(chosen)).first()
        if group is not None:
            return group
    return groups.filter(kind=Group.Kind.BOARD).first() or groups.first()


class MeetingListView(SignedInMixin, ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        return selectors.meeting_list(for_user=self.request.user, board=self.request.board)


class MeetingDetailView(SignedInMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return selectors.meeting_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user, meeting = self.request.user, self.object
        audit_record(request=self.request, action=AuditAction.VIEWED, obj=meeting, detail="Meeting and attendance")
        return super().get_context_data(
            attendances=selectors.meeting_attendances(meeting=meeting, for_user=user),
            actions=selectors.action_list(for_user=user, board=self.request.board).filter(meeting=meeting),
            quorum=reporting.meeting_quorum(meeting),
            today=timezone.localdate(),
            **kwargs,
        )


class MeetingCreateView(SubmitOnceMixin, RecordKeeperMixin, CreateView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.request.board}

    def form_valid(self, form):
        try:
            self.object = services.meeting_save(meeting=form.save(commit=False), by=self.request.user)
        except ValidationError as error:  # the same meeting added by someone else a moment ago
            form.add_error(None, error)
            return self.form_invalid(form)
        audit_record(request=self.request, action=AuditAction.CREATED, obj=self.object)
        messages.success(self.request, f"The meeting on {self.object.held_on:%d/%m/%Y} has been added.")
        return redirect(self.object)


class MeetingUpdateView(RecordKeeperMixin, UpdateView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm

    def get_object(self, queryset=None):
        return selectors.meeting_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board": self.request.board}

    def form_valid(self, form):
        try:
            self.object = services.meeting_save(
                meeting=form.save(commit=False), by=self.request.user, version=form.cleaned_data["version"]
            )
        except services.MeetingConflict as conflict:
            messages.error(self.request, str(conflict))
            return redirect("meetings:meeting-update", pk=self.object.pk)
        changed = [name for name in form.changed_data if name != "version"]
        audit_record(
            request=self.request, action=AuditAction.CHANGED, obj=self.object, detail=f"Changed: {', '.join(changed)}"
        )
        messages.success(self.request, "The meeting has been saved.")
        return redirect(self.object)


class MeetingDocumentView(SignedInMixin, View):
    """The agenda or minutes file, only to someone who may see the meeting."""

    def get(self, request, pk: int, kind: str):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        document = getattr(meeting, kind) if kind in ("agenda", "minutes") else None
        if not document:
            raise Http404("No such document.")
        try:
            response = serve_upload(document, download_name=f"{meeting.group.name}-{meeting.held_on:%Y-%m-%d}-{kind}")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error
        audit_download(request=request, obj=meeting, what=f"Meeting {kind}", file_format=upload_format(document))
        return response


class AttendanceRecordView(RecordKeeperMixin, View):
    """One page, one submit: every expected member's status, plus other attendees."""

    template_name = "meetings/attendance_form.html"

    def sheet(self, request, pk: int, data=None, everyone_present=False) -> AttendanceSheet:
        self.meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        return AttendanceSheet(
            meeting=self.meeting,
            expected=list(selectors.expected_memberships(meeting=self.meeting)),
            saved=list(self.meeting.attendances.all()),
            agency_choices=agency_choices(),
            data=data,
            everyone_present=everyone_present,
        )

    def get(self, request, pk: int):
        # ?everyone=present: "Mark everyone present" without JavaScript (nothing is saved until Save).
        self.everyone_present = request.GET.get("everyone") == "present"
        sheet = self.sheet(request, pk, everyone_present=self.everyone_present)
        audit_record(request=request, action=AuditAction.VIEWED, obj=self.meeting, detail="Attendance record")
        return self.render(sheet)

    def post(self, request, pk: int):
        sheet = self.sheet(request, pk, data=request.POST)
        if not sheet.is_valid():
            return self.render(sheet, status=400)
        try:
            services.attendance_record(
                meeting=self.meeting,
                entries=sheet.member_entries(),
                others=sheet.other_attendees(),
                version=sheet.version.cleaned_data["version"],
                by=request.user,
            )
        except services.AttendanceConflict as conflict:
            messages.error(request, str(conflict))
            return redirect("meetings:attendance-record", pk=self.meeting.pk)
        # the one place a change to a meeting's attendance record is audited
        audit_record(
            request=request,
            action=AuditAction.CHANGED,
            obj=self.meeting,
            detail="Attendance recorded. Changed: attendances",
        )
        messages.success(request, "The attendance has been saved.")
        return redirect(self.meeting)

    def render(self, sheet, status=200):
        context = {
            "meeting": self.meeting,
            "members": sheet.members,
            "rows": sheet.rows,
            "others": sheet.others,
            "version": sheet.version,
            "everyone_present": getattr(self, "everyone_present", False),
        }
        return render(self.request, self.template_name, context, status=status)


class AttendanceImportView(ImportPageView):
    """Attendance rows: the shared upload -> preview -> confirm (``wscb.data.import_kinds``; the kind is in
    ``meetings.resources``)."""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, kind="attendance", **kwargs)


class AttendanceSummaryView(PartnershipReaderMixin, TemplateView):
    """The year's agency x meeting table and chart, rates with flags, and quorum per meeting."""

    template_name = "meetings/attendance_summary.html"

    def get_context_data(self, **kwargs):
        request = self.request
        year, group = chosen_year(request), chosen_group(request)
        context = {"year": year, "group": group, "groups": selectors.group_list(board=request.board)}
        context["years"] = year_choices(request, year)

        def figures():
            shown = {"year": year, "group": group}
            if group is not None:
                table = reporting.attendance_table(year, group)
                shown.update(
                    table=table,
                    chart=charts.for_page(attendance_chart_svg(table)),
                    rates=reporting.attendance_rates(year, group),
                    quorums=reporting.year_quorum(year, group),
                )
            return render_to_string("meetings/_attendance_summary_body.html", shown, request=request)

        parts = (year.start_year, group.pk if group else "")
        context["body"] = cached_fragment(request, name="meetings.attendance", parts=parts, render=figures)
        return super().get_context_data(**context, **kwargs)


class AgencyAttendanceView(SignedInMixin, TemplateView):
    """One agency's memberships and attendance rate (a partner lead: their own agency only)."""

    template_name = "meetings/agency_attendance.html"

    def get_context_data(self, **kwargs):
        agency = selectors.agency_get(for_user=self.request.user, pk=self.kwargs["pk"])
        year, group = chosen_year(self.request), chosen_group(self.request)
        context = {"agency": agency, "year": year, "group": group, "years": year_choices(self.request, year)}
        context["groups"] = selectors.group_list(board=self.request.board)
        if self.request.board:
            context["memberships"] = selectors.memberships_on(
                board=self.request.board, day=timezone.localdate(), partner=agency
            )
        if group is not None:
            context["rates"] = reporting.attendance_rates(year, group, partner=agency)
        return super().get_context_data(**context, **kwargs)


class MembershipListView(PartnershipReaderMixin, TemplateView):
    """Section 12's membership list and section 3's key roles, for any date."""

    template_name = "meetings/membership_list.html"

    def get_context_data(self, **kwargs):
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("on", ""))
        except ValueError:
            day = timezone.localdate()
        board = self.request.board
        context = {"day": day}
        if board:
            context.update(listing=reporting.membership_list(board, day), key_roles=reporting.key_roles(board, day))
        return super().get_context_data(**context, **kwargs)


class ActionListView(SignedInMixin, ListView):
    template_name = "meetings/action_list.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        actions = selectors.action_list(for_user=self.request.user, board=self.request.board)
        if self.request.GET.get("show") == "overdue":
            actions = actions.filter(status="open", due_on__lt=timezone.localdate())
        return actions

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=timezone.localdate(), overdue_only=self.request.GET.get("show") == "overdue", **kwargs
        )


class ActionDetailView(SignedInMixin, DetailView):
    template_name = "meetings/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return selectors.action_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class GroupListView(SignedInMixin, ListView):
    template_name = "meetings/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return selectors.group_list_for(for_user=self.request.user, board=self.request.board)


class GroupDetailView(SignedInMixin, DetailView):
    """A group's chair, terms of reference, members today and recent meetings."""

    template_name = "meetings/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return selectors.group_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user, group = self.request.user, self.object
        meetings = selectors.meeting_list(for_user=user, board=self.request.board).filter(group=group)
        return super().get_context_data(
            members=selectors.group_members(group=group, for_user=user, day=timezone.localdate()),
            meetings=meetings[:12],
            **kwargs,
        )
