"""Retention of learners' accounts: an account not used for ``LEARNER_RETENTION_YEARS`` (no sign-in, or
none since it was made) is anonymised by the daily retention job (``wscb.ops.retention``). Its
bookings are kept, without the name, e-mail address or job title, so the attendance counts, charges
and evaluations' averages stay as they were."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from training.models import Booking, Evaluation, ImpactResponse, Learner

ANONYMOUS_NAME = "Anonymised learner"


def learner_retain_until(learner: Learner) -> date:
    """The day after which an unused account is anonymised: its last sign-in (or, never signed in,
    its creation) plus the retention period."""
    user = learner.user
    last_used = timezone.localtime(user.last_login or user.date_joined).date()
    try:
        return last_used.replace(year=last_used.year + settings.LEARNER_RETENTION_YEARS)
    except ValueError:  # 29 February
        return last_used.replace(year=last_used.year + settings.LEARNER_RETENTION_YEARS, day=28)


def learner_anonymise(learner: Learner) -> None:
    """Remove the person from the account and their bookings; keep the bookings (agency, status) as counts."""
    with transaction.atomic():
        user = learner.user
        user.email = f"anonymised-learner-{learner.pk}@invalid"
        user.full_name = ANONYMOUS_NAME
        user.job_title = ""
        user.telephone = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        Booking._base_manager.filter(learner=learner).update(
            delegate_name=ANONYMOUS_NAME, email="", job_title="", manager_email=""
        )
        Evaluation._base_manager.filter(booking__learner=learner).update(comments="")
        ImpactResponse._base_manager.filter(booking__learner=learner).update(example="")
        Learner._base_manager.filter(pk=learner.pk).update(
            manager_name="", manager_email="", anonymised_at=timezone.now()
        )


def register() -> None:
    from wscb.ops.retention import retention_register

    retention_register(
        model=Learner,
        description="Learners' accounts not used for the retention period (anonymised; bookings kept as counts)",
        retain_until=learner_retain_until,
        action="anonymise",
        anonymise=learner_anonymise,
        done=Q(anonymised_at__isnull=False),
    )
