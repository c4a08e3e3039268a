"""Meeting pages: list, detail, create and edit, documents, the attendance record and import,
the year's attendance summary, an agency's attendance record, membership and actions."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from meetings import packs, reporting, selectors, services
from meetings.charts import attendance_chart_svg
from meetings.forms import (
    ActionProgressForm,
    AgendaItemForm,
    AttendanceSheet,
    DecisionForm,
    DeclarationForm,
    MeetingForm,
    MinutesApprovalForm,
    MinutesCorrectionForm,
    MinutesForm,
    PaperForm,
    agency_choices,
)
from meetings.models import BoardPack, Group, MinutesFrozen
from wscb import charts
from wscb.audit.services import AuditAction, audit_deleted, audit_download, audit_record
from wscb.data.import_views import ImportPageView
from wscb.data.once import SubmitOnceMixin
from wscb.data.page_cache import cached_fragment
from wscb.data.uploads import serve_upload, upload_format
from wscb.permissions import (
    PARTNER_LEAD,
    RECORD_KEEPERS,
    PartnershipReaderMixin,
    RecordKeeperMixin,
    RoleRequiredMixin,
    SignedInMixin,
)
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
            **self.papers_context(meeting),
            **kwargs,
        )

    def papers_context(self, meeting) -> dict:
        visible = selectors.papers_visible(meeting=meeting, for_user=self.request.user)
        items = list(selectors.agenda_items(meeting=meeting))
        pack = BoardPack.objects.filter(meeting=meeting).first()
        return {
            "agenda_items": items,
            "papers_visible": visible,
            "pack": pack if visible else None,
            "pack_current": bool(pack) and pack.state_key == packs.pack_state_key(meeting) if visible else False,
            "keeps_records": selectors.may_keep_records(self.request.user),
        }


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


# --- agenda items, papers, the board pack and its publication ------------------------------------------
class AgendaItemCreateView(SubmitOnceMixin, RecordKeeperMixin, CreateView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "meetings/agenda_item_form.html"
    form_class = AgendaItemForm

    @cached_property
    def meeting(self):
        return selectors.meeting_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.meeting  # noqa: B018 - 404 before the form for a meeting out of reach
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.meeting  # noqa: B018
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def form_valid(self, form):
        item = form.save(commit=False)
        item.meeting = self.meeting
        item = services.agenda_item_save(item=item, by=self.request.user)
        audit_record(request=self.request, action=AuditAction.CREATED, obj=item)
        messages.success(self.request, f"Item {item.position}, “{item.title}”, has been added to the agenda.")
        return redirect(f"{self.meeting.get_absolute_url()}#agenda")


class AgendaItemUpdateView(RecordKeeperMixin, UpdateView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "meetings/agenda_item_form.html"
    form_class = AgendaItemForm

    def get_object(self, queryset=None):
        item = selectors.agenda_item_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])
        self.meeting = item.meeting
        return item

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def form_valid(self, form):
        try:
            item = services.agenda_item_save(
                item=form.save(commit=False), by=self.request.user, version=form.cleaned_data["version"]
            )
        except services.AgendaItemConflict as conflict:
            messages.error(self.request, str(conflict))
            return redirect("meetings:agenda-item-update", pk=self.object.pk)
        audit_record(
            request=self.request,
            action=AuditAction.CHANGED,
            obj=item,
            detail=f"Changed: {', '.join(form.changed_data)}",
        )
        messages.success(self.request, f"Item {item.position} has been saved.")
        return redirect(f"{self.meeting.get_absolute_url()}#agenda")


class AgendaItemMoveView(SubmitOnceMixin, RecordKeeperMixin, View):
    """Move an item one place up or down (a button per direction: no dragging, keyboard usable)."""

    http_method_names = ["post", "options"]

    def post(self, request, pk: int):
        item = selectors.agenda_item_get(for_user=request.user, board=request.board, pk=pk)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            raise Http404("No such direction.")
        start = request.POST.get("from", "")
        moved = services.agenda_item_move(
            item=item, direction=direction, by=request.user, from_position=int(start) if start.isdigit() else None
        )
        if moved:
            item.refresh_from_db(fields=["position"])
            audit_record(request=request, action=AuditAction.CHANGED, obj=item, detail=f"Moved {direction}")
            messages.success(request, f"“{item.title}” is now item {item.position}.")
        elif start.isdigit() and int(start) != item.position:
            messages.info(request, f"“{item.title}” had already moved: it is item {item.position}.")
        else:
            messages.info(request, f"“{item.title}” is already the {'first' if direction == 'up' else 'last'} item.")
        return redirect(f"{item.meeting.get_absolute_url()}#agenda-item-{item.pk}")


class AgendaItemDeleteView(RecordKeeperMixin, View):
    """A confirmation page, then the item and its papers are removed."""

    template_name = "meetings/confirm_delete.html"

    def get(self, request, pk: int):
        item = selectors.agenda_item_get(for_user=request.user, board=request.board, pk=pk)
        return render(
            request,
            self.template_name,
            {
                "meeting": item.meeting,
                "title": f"Remove item {item.position} from the agenda",
                "question": f"Remove “{item.title}” and its {item.papers.count()} paper(s) from the agenda?",
                "submit_label": "Remove the item",
                "consequence": "The board pack will be compiled again.",
            },
        )

    def post(self, request, pk: int):
        item = selectors.agenda_item_get(for_user=request.user, board=request.board, pk=pk)
        meeting, title = item.meeting, item.title
        audit_record(request=request, action=AuditAction.DELETED, obj=item)
        services.agenda_item_delete(item=item, by=request.user)
        messages.success(request, f"“{title}” has been removed from the agenda.")
        return redirect(f"{meeting.get_absolute_url()}#agenda")


class PaperCreateView(SubmitOnceMixin, RecordKeeperMixin, CreateView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "meetings/paper_form.html"
    form_class = PaperForm

    @cached_property
    def item(self):
        return selectors.agenda_item_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.item  # noqa: B018 - 404 before the form for an item out of reach
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.item  # noqa: B018
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, meeting=self.item.meeting, **kwargs)

    def form_valid(self, form):
        paper = form.save(commit=False)
        paper.agenda_item = self.item
        paper.title = form.cleaned_data["title"]
        paper.original_name = form.cleaned_data["file"].name[:255]
        paper = services.paper_save(paper=paper, by=self.request.user)
        audit_record(request=self.request, action=AuditAction.CREATED, obj=paper)
        messages.success(self.request, f"“{paper.title}” has been added to item {self.item.position}.")
        return redirect(f"{self.item.meeting.get_absolute_url()}#agenda-item-{self.item.pk}")


class PaperDeleteView(RecordKeeperMixin, View):
    template_name = "meetings/confirm_delete.html"

    def get(self, request, pk: int):
        paper = selectors.paper_get(for_user=request.user, board=request.board, pk=pk)
        return render(
            request,
            self.template_name,
            {
                "meeting": paper.agenda_item.meeting,
                "title": "Remove a paper",
                "question": f"Remove “{paper.title}” from item {paper.agenda_item.position}?",
                "submit_label": "Remove the paper",
                "consequence": "The board pack will be compiled again.",
            },
        )

    def post(self, request, pk: int):
        paper = selectors.paper_get(for_user=request.user, board=request.board, pk=pk)
        meeting, title = paper.agenda_item.meeting, paper.title
        audit_record(request=request, action=AuditAction.DELETED, obj=paper)
        services.paper_delete(paper=paper, by=request.user)
        messages.success(request, f"“{title}” has been removed.")
        return redirect(f"{meeting.get_absolute_url()}#agenda")


class PaperDownloadView(SignedInMixin, View):
    """A paper, to members of the meeting once published (business support: always); audited."""

    def get(self, request, pk: int):
        paper = selectors.paper_get(for_user=request.user, board=request.board, pk=pk)
        audit_download(request=request, obj=paper, what="Meeting paper", file_format=upload_format(paper.file))
        try:
            return serve_upload(paper.file, download_name=paper.original_name or paper.title)
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error


class PackCompileView(RecordKeeperMixin, View):
    http_method_names = ["post", "options"]

    def post(self, request, pk: int):
        from meetings.tasks import pack_compile_start
        from wscb.jobs.services import job_status_url

        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        if not meeting.agenda_items.exists():
            messages.error(request, "Add the agenda items first: the pack is made from them.")
            return redirect(f"{meeting.get_absolute_url()}#agenda")
        job, _ = pack_compile_start(meeting=meeting, by=request.user)
        audit_record(request=request, action=AuditAction.CHANGED, obj=meeting, detail="Board pack compilation queued")
        return redirect(job_status_url(job))


class PackDownloadView(SignedInMixin, View):
    """The stored pack (no layout here), to members once published (business support: always); audited."""

    def get(self, request, pk: int):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        pack = BoardPack.objects.filter(meeting=meeting).first()
        if pack is None or not selectors.papers_visible(meeting=meeting, for_user=request.user):
            raise Http404("No board pack.")
        audit_download(request=request, obj=meeting, what="Board pack", file_format="pdf")
        try:
            return serve_upload(pack.file, download_name=f"{meeting.group.name}-{meeting.held_on:%Y-%m-%d}-board-pack")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error


class PapersPublishView(RecordKeeperMixin, View):
    """A confirmation page naming who will be e-mailed, then the papers are published."""

    template_name = "meetings/papers_publish.html"

    def get(self, request, pk: int):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        return render(
            request,
            self.template_name,
            {
                "meeting": meeting,
                "recipients": services.pack_members(meeting=meeting),
                "pack_current": packs.pack_is_current(meeting),
            },
        )

    def post(self, request, pk: int):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        try:
            sent = services.papers_publish(meeting=meeting, by=request.user)
        except services.AgendaProblem as problem:
            messages.error(request, str(problem))
            return redirect(f"{meeting.get_absolute_url()}#papers")
        audit_record(
            request=request,
            action=AuditAction.CHANGED,
            obj=meeting,
            detail="Papers published. Changed: papers_published_at",
        )
        messages.success(
            request, f"The papers are published; {sent} member{'s' if sent != 1 else ''} will be e-mailed."
        )
        return redirect(f"{meeting.get_absolute_url()}#papers")


# --- minutes, decisions and declarations -----------------------------------------------------------
class MinutesView(SignedInMixin, TemplateView):
    """The minutes as drafted or approved, with each item's decisions and declarations of interest.
    Members read approved versions; business support every version, drafts included."""

    template_name = "meetings/minutes.html"

    def get_context_data(self, **kwargs):
        meeting = selectors.meeting_get(for_user=self.request.user, board=self.request.board, pk=self.kwargs["pk"])
        versions = list(selectors.minutes_versions(meeting=meeting, for_user=self.request.user))
        chosen = self.request.GET.get("version", "")
        shown = next((v for v in versions if str(v.number) == chosen), versions[0] if versions else None)
        record = None
        if shown is not None:
            record = shown.record if shown.is_approved else services.minutes_record(meeting, shown)
            audit_record(request=self.request, action=AuditAction.VIEWED, obj=shown, detail="Minutes")
        latest = versions[0] if versions else None
        return super().get_context_data(
            meeting=meeting,
            versions=versions,
            shown=shown,
            record=record,
            latest=latest,
            agenda=selectors.agenda_items(meeting=meeting).prefetch_related("decisions", "declarations__attendance"),
            keeps_records=selectors.may_keep_records(self.request.user),
            **kwargs,
        )


class MinutesEditView(SubmitOnceMixin, RecordKeeperMixin, View):
    """Draft the minutes in the portal (a text per agenda item) and/or upload them."""

    template_name = "meetings/minutes_form.html"

    def setup_form(self, request, pk, data=None, files=None):
        self.meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        self.current = services.latest_minutes(self.meeting)
        draft = self.current if self.current is not None and not self.current.is_approved else None
        return MinutesForm(data, files, items=selectors.agenda_items(meeting=self.meeting), minutes=draft)

    def render_form(self, form, status=200):
        context = {"meeting": self.meeting, "form": form, "current": self.current}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        form = self.setup_form(request, pk)
        if self.current is not None and self.current.is_approved:
            messages.info(request, "These minutes are approved and cannot change; record a correction instead.")
            return redirect("meetings:minutes", pk=self.meeting.pk)
        return self.render_form(form)

    def post(self, request, pk: int):
        form = self.setup_form(request, pk, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            minutes = services.minutes_draft_save(
                meeting=self.meeting,
                opening=form.cleaned_data["opening"],
                item_texts=form.item_texts(),
                upload=form.cleaned_data.get("file"),
                by=request.user,
                version=form.cleaned_data.get("version"),
            )
        except MinutesFrozen as frozen:
            messages.error(request, str(frozen))
            return redirect("meetings:minutes", pk=self.meeting.pk)
        except services.MinutesConflict as conflict:
            messages.error(request, str(conflict))
            return redirect("meetings:minutes-edit", pk=self.meeting.pk)
        created = self.current is None or self.current.is_approved
        audit_record(
            request=request,
            action=AuditAction.CREATED if created else AuditAction.CHANGED,
            obj=minutes,
            detail="Draft minutes started" if created else "Draft minutes saved. Changed: opening, item_texts",
        )
        messages.success(request, f"Draft minutes (version {minutes.number}) saved.")
        return redirect("meetings:minutes", pk=self.meeting.pk)


class MinutesApproveView(RecordKeeperMixin, View):
    template_name = "meetings/minutes_approve.html"

    def get_minutes(self, request, pk):
        minutes = selectors.minutes_get(for_user=request.user, board=request.board, pk=pk)
        if minutes.is_approved:
            raise Http404("Already approved.")
        return minutes

    def get(self, request, pk: int):
        minutes = self.get_minutes(request, pk)
        form = MinutesApprovalForm(meeting=minutes.meeting, initial={"approved_on": timezone.localdate()})
        return render(request, self.template_name, {"minutes": minutes, "meeting": minutes.meeting, "form": form})

    def post(self, request, pk: int):
        minutes = self.get_minutes(request, pk)
        form = MinutesApprovalForm(request.POST, meeting=minutes.meeting)
        if not form.is_valid():
            context = {"minutes": minutes, "meeting": minutes.meeting, "form": form}
            return render(request, self.template_name, context, status=400)
        try:
            services.minutes_approve(
                minutes=minutes,
                approved_on=form.cleaned_data["approved_on"],
                at_meeting=form.cleaned_data["approved_at_meeting"],
                by=request.user,
            )
        except (services.AgendaProblem, MinutesFrozen) as problem:
            messages.error(request, str(problem))
            return redirect("meetings:minutes", pk=minutes.meeting_id)
        audit_record(request=request, action=AuditAction.CHANGED, obj=minutes, detail="Minutes approved")
        messages.success(request, f"Version {minutes.number} of the minutes is approved and can no longer change.")
        return redirect("meetings:minutes", pk=minutes.meeting_id)


class MinutesCorrectView(SubmitOnceMixin, RecordKeeperMixin, View):
    template_name = "meetings/minutes_correct.html"

    def get_minutes(self, request, pk):
        minutes = selectors.minutes_get(for_user=request.user, board=request.board, pk=pk)
        if not minutes.is_approved:
            raise Http404("Only approved minutes are corrected.")
        return minutes

    def get(self, request, pk: int):
        minutes = self.get_minutes(request, pk)
        context = {"minutes": minutes, "meeting": minutes.meeting, "form": MinutesCorrectionForm()}
        return render(request, self.template_name, context)

    def post(self, request, pk: int):
        minutes = self.get_minutes(request, pk)
        form = MinutesCorrectionForm(request.POST)
        if not form.is_valid():
            context = {"minutes": minutes, "meeting": minutes.meeting, "form": form}
            return render(request, self.template_name, context, status=400)
        try:
            correction = services.minutes_correct(minutes=minutes, reason=form.cleaned_data["reason"], by=request.user)
        except services.AgendaProblem as problem:
            messages.error(request, str(problem))
            return redirect("meetings:minutes", pk=minutes.meeting_id)
        audit_record(request=request, action=AuditAction.CREATED, obj=correction, detail="Correction of the minutes")
        messages.success(request, f"Version {correction.number} is a draft correction: edit it, then approve it.")
        return redirect("meetings:minutes-edit", pk=minutes.meeting_id)


class MinutesFileView(SignedInMixin, View):
    """The uploaded file of a minutes version the user may read; audited."""

    def get(self, request, pk: int):
        minutes = selectors.minutes_get(for_user=request.user, board=request.board, pk=pk)
        if not minutes.file:
            raise Http404("No file uploaded.")
        audit_download(request=request, obj=minutes, what="Minutes", file_format=upload_format(minutes.file))
        try:
            return serve_upload(minutes.file, download_name=minutes.original_name or f"minutes-v{minutes.number}")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error


class _ItemRecordCreateView(SubmitOnceMixin, RecordKeeperMixin, View):
    """Record a decision or a declaration against an agenda item (until the minutes are approved)."""

    template_name = "meetings/item_record_form.html"
    form_class = None
    noun = ""

    def get_item(self, request, pk):
        return selectors.agenda_item_get(for_user=request.user, board=request.board, pk=pk)

    def make_form(self, item, data=None):
        return self.form_class(data)

    def render_form(self, item, form, status=200):
        context = {"item": item, "meeting": item.meeting, "form": form, "noun": self.noun}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        item = self.get_item(request, pk)
        return self.render_form(item, self.make_form(item))

    def post(self, request, pk: int):
        item = self.get_item(request, pk)
        form = self.make_form(item, request.POST)
        if not form.is_valid():
            return self.render_form(item, form, status=400)
        record = form.save(commit=False)
        record.agenda_item = item
        try:
            record = self.save(record)
        except (MinutesFrozen, services.AgendaProblem) as problem:
            messages.error(request, str(problem))
            return redirect("meetings:minutes", pk=item.meeting_id)
        audit_record(request=request, action=AuditAction.CREATED, obj=record)
        messages.success(request, f"The {self.noun} has been recorded against item {item.position}.")
        return redirect("meetings:minutes", pk=item.meeting_id)


class DecisionCreateView(_ItemRecordCreateView):
    form_class = DecisionForm
    noun = "decision"

    def make_form(self, item, data=None):
        return DecisionForm(data, initial={"decided_on": item.meeting.held_on})

    def save(self, record):
        return services.decision_save(decision=record, by=self.request.user)


class DeclarationCreateView(_ItemRecordCreateView):
    form_class = DeclarationForm
    noun = "declaration of interest"

    def make_form(self, item, data=None):
        return DeclarationForm(data, meeting=item.meeting)

    def save(self, record):
        return services.declaration_save(declaration=record, by=self.request.user)


class _ItemRecordDeleteView(RecordKeeperMixin, View):
    def get(self, request, pk: int):
        record = self.get_record(request, pk)
        return render(
            request,
            "meetings/confirm_delete.html",
            {
                "meeting": record.agenda_item.meeting,
                "title": f"Remove a {self.noun}",
                "question": f"Remove this {self.noun} from item {record.agenda_item.position}: “{record}”?",
                "submit_label": f"Remove the {self.noun}",
                "back_url": reverse("meetings:minutes", args=[record.agenda_item.meeting_id]),
            },
        )

    def post(self, request, pk: int):
        record = self.get_record(request, pk)
        meeting_id = record.agenda_item.meeting_id
        try:
            with audit_deleted(request=request, objects=[record]):
                self.delete(record)
        except MinutesFrozen as frozen:
            messages.error(request, str(frozen))
        else:
            messages.success(request, f"The {self.noun} has been removed.")
        return redirect("meetings:minutes", pk=meeting_id)


class DecisionDeleteView(_ItemRecordDeleteView):
    noun = "decision"

    def get_record(self, request, pk):
        return selectors.decision_get(for_user=request.user, board=request.board, pk=pk)

    def delete(self, record):
        services.decision_delete(decision=record, by=self.request.user)


class DeclarationDeleteView(_ItemRecordDeleteView):
    noun = "declaration of interest"

    def get_record(self, request, pk):
        return selectors.declaration_get(for_user=request.user, board=request.board, pk=pk)

    def delete(self, record):
        services.declaration_delete(declaration=record, by=self.request.user)


# --- actions updated by their owners, the action log export --------------------------------------------
class ActionUpdateView(RoleRequiredMixin, View):
    """The status and progress of an action: a partner lead for their own agency's actions (another
    agency's is a 404), business support for any; board members read only."""

    allowed_roles = RECORD_KEEPERS | {PARTNER_LEAD}
    template_name = "meetings/action_form.html"

    def get_action(self, request, pk):
        return selectors.action_get(for_user=request.user, board=request.board, pk=pk)

    def get(self, request, pk: int):
        action = self.get_action(request, pk)
        return render(request, self.template_name, {"action": action, "form": ActionProgressForm(instance=action)})

    def post(self, request, pk: int):
        action = self.get_action(request, pk)
        form = ActionProgressForm(request.POST, instance=action)
        if not form.is_valid():
            return render(request, self.template_name, {"action": action, "form": form}, status=400)
        try:
            services.action_progress_update(
                action=action,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.ActionConflict as conflict:
            messages.error(request, str(conflict))
            return redirect("meetings:action-update", pk=pk)
        audit_record(
            request=request,
            action=AuditAction.CHANGED,
            obj=action,
            detail=f"Changed: {', '.join(name for name in form.changed_data if name != 'version') or 'nothing'}",
        )
        messages.success(request, "The action has been updated.")
        return redirect("meetings:action-detail", pk=pk)


class ActionExportView(SignedInMixin, View):
    """The action log the user may see (a partner lead: their agency's) as CSV or XLSX; audited."""

    HEADERS = ["Meeting", "Date", "Action", "Owner agency", "Due", "Status", "Overdue", "Progress", "Updated"]

    def get(self, request):
        from wscb.data.exports import csv_response, xlsx_response

        file_format = request.GET.get("format", "csv")
        if file_format not in ("csv", "xlsx"):
            raise Http404("Choose CSV or XLSX.")
        today = timezone.localdate()
        actions = list(selectors.action_list(for_user=request.user, board=request.board))
        rows = [
            [
                action.meeting.group.name,
                action.meeting.held_on.strftime("%d/%m/%Y"),
                action.description,
                action.owner.name,
                action.due_on.strftime("%d/%m/%Y"),
                action.get_status_display(),
                "Yes" if action.is_overdue(today) else "No",
                action.progress,
                timezone.localtime(action.progress_updated_at).strftime("%d/%m/%Y %H:%M")
                if action.progress_updated_at
                else "",
            ]
            for action in actions
        ]
        audit_download(request=request, what=f"Action log, {len(rows)} rows", file_format=file_format)
        name = f"action-log-{today:%Y-%m-%d}.{file_format}"
        if file_format == "xlsx":
            return xlsx_response(name, self.HEADERS, rows, title="Action log")
        return csv_response(name, self.HEADERS, rows)


# --- calendar invitations and personal feeds -----------------------------------------------------------
class InvitationsSendView(RecordKeeperMixin, View):
    """A confirmation page naming who will be invited, then the invitations with the .ics attached."""

    template_name = "meetings/invitations_send.html"

    def get(self, request, pk: int):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        context = {"meeting": meeting, "recipients": services.pack_members(meeting=meeting)}
        return render(request, self.template_name, context)

    def post(self, request, pk: int):
        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        try:
            sent = services.invitations_send(meeting=meeting, by=request.user)
        except services.AgendaProblem as problem:
            messages.error(request, str(problem))
            return redirect(meeting)
        audit_record(request=request, action=AuditAction.CHANGED, obj=meeting, detail="Calendar invitations sent")
        messages.success(request, f"{sent} member{'s' if sent != 1 else ''} will be e-mailed the invitation.")
        return redirect(meeting)


class MeetingCalendarView(SignedInMixin, View):
    """The meeting's event as an .ics file, for anyone who may see the meeting."""

    def get(self, request, pk: int):
        from meetings.calendar import feed_ics
        from wscb.data.exports import file_response

        meeting = selectors.meeting_get(for_user=request.user, board=request.board, pk=pk)
        audit_download(request=request, obj=meeting, what="Meeting calendar file", file_format="ics")
        return file_response(
            feed_ics([meeting], name=meeting.group.name).encode(),
            filename=f"meeting-{meeting.held_on:%Y-%m-%d}.ics",
            content_type="text/calendar; charset=utf-8",
        )


class CalendarFeedPageView(SubmitOnceMixin, SignedInMixin, View):
    """Your calendar feed: make a secret address (shown once), make a new one, or revoke it."""

    template_name = "meetings/calendar_feed.html"
    SESSION_KEY = "meetings.calendar_feed_address"
    once_by_content = False  # "make a new address" is the same form every time

    def get(self, request):
        from meetings.models import CalendarFeed

        feed = CalendarFeed.objects.filter(user=request.user, board=request.board).first() if request.board else None
        address = request.session.pop(self.SESSION_KEY, None)
        return render(request, self.template_name, {"feed": feed, "new_address": address if feed else None})

    def post(self, request):
        from meetings import calendar

        if not request.board:
            raise Http404("No board.")
        if request.POST.get("action") == "revoke":
            calendar.feed_revoke(user=request.user, board=request.board)
            audit_record(request=request, action=AuditAction.CHANGED, obj=request.user, detail="Calendar feed revoked")
            messages.success(request, "Your calendar feed is revoked: its address no longer works.")
            return redirect("meetings:calendar-feed")
        token = calendar.feed_create(user=request.user, board=request.board)
        audit_record(request=request, action=AuditAction.CHANGED, obj=request.user, detail="Calendar feed created")
        # shown once, on the page this redirects to, then forgotten (only its hash is kept)
        request.session[self.SESSION_KEY] = request.build_absolute_uri(
            reverse("meetings:calendar-feed-ics", args=[token])
        )
        return redirect("meetings:calendar-feed")


class CalendarFeedIcsView(View):
    """The personal feed itself: no sign-in (calendar programs cannot), the secret token instead; the
    meetings the feed's owner may see, in the feed's board. An unknown or revoked token is a 404."""

    def get(self, request, token: str):
        from meetings.calendar import feed_for_token, feed_ics
        from meetings.models import CalendarFeed
        from wscb.scoping import board_scope, scopes_disabled

        with scopes_disabled():
            feed = feed_for_token(token)
            if feed is None:
                raise Http404("No such calendar.")
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
            audit_download(request=request, obj=feed.user, what="Calendar feed", file_format="ics")
        with board_scope(feed.board):
            meetings = selectors.meeting_list(for_user=feed.user, board=feed.board).order_by("-held_on")[:500]
            content = feed_ics(list(meetings), name=f"{feed.board.short_name or feed.board.name} meetings")
        from wscb.data.exports import file_response

        return file_response(content.encode(), filename="meetings.ics", content_type="text/calendar; charset=utf-8")
