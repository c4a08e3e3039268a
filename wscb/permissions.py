"""The view rules built on the roles (``wscb.roles``), in one place.

Every view uses one of the mixins or decorators here. Anonymous users are sent to sign in;
a signed-in user whose role does not allow the view gets 403; an object outside the
user's scope (another agency's record) is loaded through a scoped queryset and gives 404.
The Django admin asks ``User.has_perm``, which answers from the same rules in ``wscb.roles``.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from wscb.roles import (
    ACCOUNT_HOLDERS,
    ADMINISTRATOR,
    ALL_ROLES,
    BOARD_MEMBER,
    BUSINESS_SUPPORT,
    LEARNER,
    PARTNER_LEAD,
    PARTNERSHIP_READERS,
    RECORD_KEEPERS,
    Role,
    user_has_role,
)

__all__ = [
    "ACCOUNT_HOLDERS",
    "ADMINISTRATOR",
    "ALL_ROLES",
    "BOARD_MEMBER",
    "BUSINESS_SUPPORT",
    "LEARNER",
    "PARTNERSHIP_READERS",
    "PARTNER_LEAD",
    "RECORD_KEEPERS",
    "AccountHolderMixin",
    "LearnerMixin",
    "PartnershipReaderMixin",
    "RecordKeeperMixin",
    "Role",
    "RoleRequiredMixin",
    "SignedInMixin",
    "account_holder_required",
    "role_required",
    "signed_in_required",
    "user_has_role",
]


class RoleRequiredMixin(AccessMixin):
    """Allow signed-in users whose role is in ``allowed_roles``; others get 403."""

    allowed_roles: Iterable[str] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SignedInMixin(RoleRequiredMixin):
    allowed_roles = ALL_ROLES


class AccountHolderMixin(RoleRequiredMixin):
    """Anyone signed in, learners included: their own account pages."""

    allowed_roles = ACCOUNT_HOLDERS


class LearnerMixin(RoleRequiredMixin):
    """Learners only: their own bookings, evaluations and certificates."""

    allowed_roles = frozenset({LEARNER})


class PartnershipReaderMixin(RoleRequiredMixin):
    allowed_roles = PARTNERSHIP_READERS


class RecordKeeperMixin(RoleRequiredMixin):
    allowed_roles = RECORD_KEEPERS


def role_required(*roles: str):
    """Function-view decorator twin of ``RoleRequiredMixin``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


signed_in_required = role_required(*ALL_ROLES)
account_holder_required = role_required(*ACCOUNT_HOLDERS)
