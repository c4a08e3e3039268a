"""Permission-matrix entries for jobs, the e-mail outbox and /health/ (see tests/permission_matrix.py).

A job's status page is for the person who started it and for business support of the job's board
(administrators: every board); anyone else gets 404, as for any record outside their scope.
"""

from tests.permission_matrix import ACCOUNT_HOLDERS, KEEPERS, SIGNED_IN, AdminPolicy, Entry, expect

STATUS_READERS = {"business_support", "administrator"}
NOT_FOUND = {"lead_a": 404, "board_member": 404}


def _job(cast, *, board=None, status="failed", by=None):
    from wscb.jobs.models import Job

    return Job.objects.create(
        kind="annual.publish",
        label="Publish the 2016/17 annual report",
        task_path="reports.annual.tasks.report_publish_task",
        arguments={"start_year": 2016},
        board=board or cast.board,
        started_by=by or cast.business_support,
        status=status,
        error="Something went wrong" if status == "failed" else "",
    )


def _other_board_job(cast):
    from tests.partners.factories import BoardFactory

    other = BoardFactory(name="Zeta Safeguarding Partnership", short_name="ZSP")
    return _job(cast, board=other, by=cast.administrator)


def _heartbeat(cast):
    from wscb.jobs.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.create(worker_id="matrix-worker", host="portal-1", pid=4242)


def _email(cast):
    from wscb.mail.models import Email

    return Email.objects.create(
        kind="invitation", board=cast.board, to=["lead.b@example.org"], subject="Invitation", body="Please fill it in."
    )


ENTRIES = [
    Entry(
        "health",
        expect(ACCOUNT_HOLDERS, ok=503, anonymous=503),
        note="no sign-in; 503 here because no worker has been seen (tests/jobs/test_health.py)",
    ),
    Entry(
        "jobs:detail",
        expect(STATUS_READERS, **NOT_FOUND),
        kwargs=lambda cast: {"pk": _job(cast).pk},
        variant="own board",
    ),
    Entry(
        "jobs:detail",
        expect(STATUS_READERS, business_support=404, administrator=404, **NOT_FOUND),
        kwargs=lambda cast: {"pk": _other_board_job(cast).pk},
        variant="another board",
        note="administrators too work in one board at a time",
    ),
    Entry("jobs:status", expect(STATUS_READERS, **NOT_FOUND), kwargs=lambda cast: {"pk": _job(cast).pk}),
    Entry(
        "jobs:retry",
        expect(SIGNED_IN, ok=405),
        kwargs=lambda cast: {"pk": _job(cast).pk},
        note="POST only",
    ),
    Entry(
        "jobs:retry",
        expect(STATUS_READERS, ok=302, **NOT_FOUND),
        kwargs=lambda cast: {"pk": _job(cast).pk},
        method="post",
        note="a failed job is queued again",
    ),
]

ADMIN_MODELS = {
    "jobs.job": AdminPolicy(view=KEEPERS, edit=frozenset(), obj=lambda cast: _job(cast)),
    "jobs.workerheartbeat": AdminPolicy(view=KEEPERS, edit=frozenset(), obj=_heartbeat),
    "mail.email": AdminPolicy(view=KEEPERS, edit=frozenset(), obj=_email),
}
