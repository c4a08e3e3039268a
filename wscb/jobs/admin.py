"""Back office: the list of jobs (what ran, for whom, how it ended) with "retry" for failed or
stopped ones, and the workers that are running. Nothing here can be added, changed or deleted."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from wscb.audit.admin import AuditedModelAdmin
from wscb.audit.services import AuditAction, audit_record
from wscb.jobs.models import Job, WorkerHeartbeat
from wscb.jobs.selectors import job_is_stalled, jobs_visible_to
from wscb.jobs.services import JobNotRetryable, job_can_retry, job_retry
from wscb.roles import RECORD_KEEPERS, user_has_role


class ReadOnlyAdmin(AuditedModelAdmin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return user_has_role(request.user, RECORD_KEEPERS)


@admin.action(description="Run the selected failed or stopped jobs again", permissions=["retry"])
def retry_jobs(modeladmin, request, queryset):
    jobs = list(queryset)
    if request.POST.get("confirmed") != "yes":
        return TemplateResponse(
            request,
            "admin/jobs/confirm_retry.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Run these jobs again?",
                "jobs": [(job, job_can_retry(job)) for job in jobs],
                "opts": modeladmin.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
    retried = 0
    for job in jobs:
        try:
            job_retry(job=job, by=request.user)
        except JobNotRetryable as refusal:
            messages.warning(request, str(refusal))
            continue
        audit_record(request=request, action=AuditAction.CHANGED, obj=job, detail="Changed: status (retried)")
        retried += 1
    if retried:
        messages.success(request, f"{retried} job(s) queued again.")
    return None


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("label", "status_shown", "progress_shown", "started_by", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("label", "kind", "error")
    date_hierarchy = "created_at"
    list_select_related = ("board", "started_by")
    actions = [retry_jobs]
    fields = (
        "label",
        "kind",
        "status_shown",
        "step",
        "progress_shown",
        "error",
        "result_link",
        "board",
        "started_by",
        "created_at",
        "started_at",
        "finished_at",
        "attempt",
        "worker_id",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return jobs_visible_to(user=request.user, board=request.board or None)

    def get_fields(self, request, obj=None):
        # The traceback is for the people who run the installation.
        return (*self.fields, "traceback") if request.user.is_administrator else self.fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_retry_permission(self, request):
        return user_has_role(request.user, RECORD_KEEPERS)

    @admin.display(description="status", ordering="status")
    def status_shown(self, job):
        if job_is_stalled(job):
            return "Stopped (its worker has gone)"
        return job.get_status_display()

    @admin.display(description="progress")
    def progress_shown(self, job):
        return " · ".join(part for part in (job.step, job.progress_text) if part) or self.get_empty_value_display()

    @admin.display(description="result")
    def result_link(self, job):
        if not job.result_url:
            return self.get_empty_value_display()
        return format_html('<a href="{}">{}</a>', job.result_url, job.result_label or "Open")

    def view_on_site(self, job):
        return reverse("jobs:detail", args=[job.pk])


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("host", "pid", "worker_id", "started_at", "seen_at")
    fields = list_display
    readonly_fields = fields
    actions = None
