"""The signed links in learners' e-mails: verifying the address, cancelling a booking, taking up an
offered place; and the link in the manager's e-mail that approves or declines a learner's place.
Nothing is stored: each link is the record's id signed with the secret key (a salt per purpose), and
the view checks the record is still in the state the link was made for."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

VERIFY_SALT = "training.selfservice.verify"
CANCEL_SALT = "training.selfservice.cancel"
OFFER_SALT = "training.selfservice.offer"
APPROVAL_SALT = "training.selfservice.approval"
#: A verification link works for this long; the learner can ask for a new one.
VERIFY_LIFETIME = timedelta(days=3)


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def verify_token(learner) -> str:
    return signing.dumps([learner.pk, learner.user.email], salt=VERIFY_SALT)


def verify_url(learner) -> str:
    return absolute(reverse("learning:verify", kwargs={"token": verify_token(learner)}))


def verify_read(token: str) -> tuple[int, str] | None:
    """The learner id and address a verification link was made for, or None (forged or expired)."""
    try:
        pk, email = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_LIFETIME)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(pk), str(email)


def cancel_token(booking) -> str:
    return signing.dumps(booking.pk, salt=CANCEL_SALT)


def cancel_url(booking) -> str:
    return absolute(reverse("learning:cancel-link", kwargs={"token": cancel_token(booking)}))


def cancel_read(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CANCEL_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def offer_token(booking) -> str:
    return signing.dumps([booking.pk, booking.offered_at.isoformat()], salt=OFFER_SALT)


def offer_accept_url(booking) -> str:
    return absolute(reverse("learning:offer-accept", kwargs={"token": offer_token(booking)}))


def offer_read(token: str) -> tuple[int, str] | None:
    """The booking id and the moment of the offer the link was made for (a later offer of the same
    booking has a new link), or None."""
    try:
        pk, offered_at = signing.loads(token, salt=OFFER_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(pk), str(offered_at)


def approval_token(booking) -> str:
    return signing.dumps([booking.pk, booking.approval_requested_at.isoformat()], salt=APPROVAL_SALT)


def approval_url(booking) -> str:
    return absolute(reverse("learning:approval", kwargs={"token": approval_token(booking)}))


def approval_read(token: str) -> tuple[int, str] | None:
    """The booking id and the moment the approval was asked for, or None (forged). The link expires
    with the request: the page checks the booking still waits for this request and the board's hours
    for a manager to approve have not passed (``services.approval_is_open``)."""
    try:
        pk, requested_at = signing.loads(token, salt=APPROVAL_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(pk), str(requested_at)
