"""The roles and what each may do in the back office: plain data and rules, no views.

``partners.models.User`` stores a ``Role`` and asks ``role_has_model_permission`` for the admin's
permission checks; ``wscb.permissions`` builds the view mixins and decorators on the same rules.
Nothing here imports a model or Django's auth views, so the user model can import it.
"""

from collections.abc import Iterable

from django.db import models

from wscb.words import termed


class Role(models.TextChoices):
    """A user's one role. ``partners.models.User.role`` stores it; the rules below answer for it."""

    PARTNER_LEAD = "partner_lead", "Partner lead"
    BUSINESS_SUPPORT = "business_support", "Business support"
    BOARD_MEMBER = "board_member", termed("Board member")  # "Partnership member" for a partnership
    ADMINISTRATOR = "administrator", "Administrator"
    LEARNER = "learner", "Learner"  # a practitioner booking the board's training (training/selfservice)


PARTNER_LEAD = Role.PARTNER_LEAD
BUSINESS_SUPPORT = Role.BUSINESS_SUPPORT
BOARD_MEMBER = Role.BOARD_MEMBER
ADMINISTRATOR = Role.ADMINISTRATOR
LEARNER = Role.LEARNER

#: Every role that works in the partnership's portal. Learners are not among them: they reach only
#: their own training pages (``training.selfservice``) and their account pages (``ACCOUNT_HOLDERS``).
ALL_ROLES = frozenset(Role.values) - {LEARNER}
#: Everyone with an account: the account pages (password, second factor, sessions).
ACCOUNT_HOLDERS = frozenset(Role.values)
#: Roles that may read partnership-wide information (every agency's records).
PARTNERSHIP_READERS = frozenset({BUSINESS_SUPPORT, BOARD_MEMBER, ADMINISTRATOR})
#: Roles that keep the records (the back office).
RECORD_KEEPERS = frozenset({BUSINESS_SUPPORT, ADMINISTRATOR})

#: Admin models that only administrators manage (users, roles, settings, sign-in records).
ADMINISTRATOR_ONLY_MODELS = frozenset({"partners.user", "partners.board"})
ADMINISTRATOR_ONLY_APPS = frozenset({"axes", "auth", "contenttypes", "sessions", "admin"})
#: Apps whose records business support keeps in the back office.
BUSINESS_SUPPORT_APPS = frozenset({"partners", "meetings", "training", "finance", "reports", "annual", "jobs", "mail"})


def role_has_model_permission(role: str, perm: str) -> bool:
    """Answer a Django permission string such as ``"partners.change_partner"`` for a role."""
    if role == ADMINISTRATOR:
        return True
    if role != BUSINESS_SUPPORT:
        return False
    app_label, _, codename = perm.partition(".")
    model_name = codename.split("_", 1)[1] if "_" in codename else ""
    if f"{app_label}.{model_name}" in ADMINISTRATOR_ONLY_MODELS:
        # Business support may look up people and boards (for choosing them) but not edit them.
        return codename.startswith("view_")
    return app_label in BUSINESS_SUPPORT_APPS


def role_has_module_permission(role: str, app_label: str) -> bool:
    if role == ADMINISTRATOR:
        return True
    return role == BUSINESS_SUPPORT and app_label in BUSINESS_SUPPORT_APPS


def user_has_role(user, roles: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in set(roles))
