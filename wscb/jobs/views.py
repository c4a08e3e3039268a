"""A job's status page (refreshing itself with static/js/job-status.js, or by a plain link without
JavaScript), its status as JSON for that script, and retrying a failed or stopped job."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views import View

from wscb.audit.services import AuditAction, audit_record
from wscb.jobs.selectors import job_get, job_is_stalled, worker_is_alive, worker_last_seen
from wscb.jobs.services import JobNotRetryable, job_can_retry, job_retry, job_status_url
from wscb.permissions import RECORD_KEEPERS, SignedInMixin, user_has_role
from wscb.security import NoStoreMixin


def _state(job) -> dict:
    stalled = job_is_stalled(job)
    label = "Stopped: the worker running it has gone" if stalled else job.get_status_display()
    return {
        "status": job.status,
        "status_label": label,
        "step": job.step,
        "progress": job.progress_text,
        "percent": job.progress_percent,
        "finished": job.is_finished or stalled,
    }


class JobDetailView(NoStoreMixin, SignedInMixin, View):
    def get(self, request, pk):
        job = job_get(for_user=request.user, pk=pk, board=request.board or None)
        state = _state(job)
        return render(
            request,
            "jobs/job_detail.html",
            {
                "job": job,
                "state": state,
                "stalled": job_is_stalled(job),
                "can_retry": user_has_role(request.user, RECORD_KEEPERS) and job_can_retry(job),
                "worker_alive": worker_is_alive(),
                "worker_last_seen": worker_last_seen(),
            },
        )


class JobStatusView(NoStoreMixin, SignedInMixin, View):
    """What the status page's script asks for every few seconds."""

    def get(self, request, pk):
        return JsonResponse(_state(job_get(for_user=request.user, pk=pk, board=request.board or None)))


class JobRetryView(SignedInMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        job = job_get(for_user=request.user, pk=pk, board=request.board or None)
        if not user_has_role(request.user, RECORD_KEEPERS):
            raise PermissionDenied
        try:
            job = job_retry(job=job, by=request.user)
        except JobNotRetryable as refusal:
            messages.error(request, str(refusal))
        else:
            audit_record(request=request, action=AuditAction.CHANGED, obj=job, detail="Changed: status (retried)")
            messages.success(request, f"{job.label}: queued again.")
        return redirect(job_status_url(job))
