"""The permission matrix: every URL in the resolver, and what each role gets from it.

Each app adds its own views in ``tests/<app>/matrix.py`` as ``ENTRIES`` (a list of
``Entry``) and its back-office models as ``ADMIN_MODELS`` (model label -> ``AdminPolicy``).
``tests/wscb/test_permission_matrix.py`` fails when a URL has no entry, and checks every
entry for the anonymous visitor and each role.

Expected outcomes: an HTTP status, or ``LOGIN`` for a redirect to the sign-in page.
Object URLs are built from the cast so that ``lead_a`` asks for agency B's object: a 404.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

import tests

LOGIN = "login"
ROLES = ("anonymous", "lead_a", "business_support", "board_member", "administrator", "learner")
#: Users of a second board (tests/partners/second_board.py) asking for the first board's URLs:
#: its business support, and an administrator working in it. None may get the first board's records.
OTHER_BOARD_ROLES = ("other_board_support", "other_board_admin")
KEEPERS = frozenset({"business_support", "administrator"})
READERS = frozenset({"business_support", "board_member", "administrator"})
#: The partnership's signed-in roles. Learners (training self-service) are not among them: a page
#: open to SIGNED_IN is refused to a learner unless the entry says otherwise.
SIGNED_IN = frozenset(ROLES) - {"anonymous", "learner"}
#: Everyone with an account, learners included: the account pages.
ACCOUNT_HOLDERS = SIGNED_IN | {"learner"}
LEARNER = frozenset({"learner"})
ADMINISTRATOR = frozenset({"administrator"})


@dataclass(frozen=True)
class Entry:
    name: str
    expect: dict
    kwargs: Callable | None = None  # cast -> URL kwargs
    path: Callable | None = None  # cast -> literal URL, for the admin's unnamed patterns
    query: str = ""
    method: str = "get"
    note: str = ""
    variant: str = ""  # tells apart two entries for one URL name, e.g. "other agency"

    @property
    def id(self) -> str:
        variant = f" ({self.variant})" if self.variant else ""
        return f"{self.name}{'?' + self.query if self.query else ''}{variant} [{self.method.upper()}]"


def expect(allowed, *, ok=200, refused=403, anonymous=LOGIN, **overrides) -> dict:
    """Build an expectation: ``allowed`` roles get ``ok``, other signed-in roles ``refused``."""
    result = {"anonymous": anonymous}
    for role in ACCOUNT_HOLDERS:
        result[role] = ok if role in allowed else refused
    result.update(overrides)
    return result


@dataclass(frozen=True)
class AdminPolicy:
    """Who may look at (view) and who may change (add/change/delete) a model in the back office."""

    view: frozenset = KEEPERS
    edit: frozenset = KEEPERS
    obj: Callable | None = None  # cast -> an instance to use for object URLs
    add: frozenset | None = None  # defaults to edit
    delete: frozenset | None = None  # defaults to edit

    def roles_for(self, kind: str) -> frozenset:
        if kind == "view":
            return self.view
        if kind == "add" and self.add is not None:
            return self.add
        if kind == "delete" and self.delete is not None:
            return self.delete
        return self.edit


# --- the project's own entries --------------------------------------------------------------
CORE_ENTRIES = [
    Entry("home", expect(SIGNED_IN, learner=302), note="a learner is sent to their training page"),
    Entry("board-switch", expect(SIGNED_IN, ok=405), note="POST only"),
    Entry("board-switch", expect(SIGNED_IN, ok=302), method="post", kwargs=None, query=""),
    Entry("login", expect(set(), anonymous=200, refused=302), note="signed-in users are sent on"),
    Entry("logout", expect(ACCOUNT_HOLDERS, ok=405, anonymous=405), note="sign out is POST only"),
    Entry("logout", expect(ACCOUNT_HOLDERS, ok=302, anonymous=302), method="post"),
    Entry("password_change", expect(ACCOUNT_HOLDERS)),
    Entry("password_change_done", expect(ACCOUNT_HOLDERS)),
    Entry("password_reset", expect(ACCOUNT_HOLDERS, anonymous=200)),
    Entry("password_reset_done", expect(ACCOUNT_HOLDERS, anonymous=200)),
    Entry(
        "password_reset_confirm",
        expect(ACCOUNT_HOLDERS, anonymous=200),
        kwargs=lambda cast: {"uidb64": "MQ", "token": "invalid-token"},
        note="an invalid link shows the 'not valid' page",
    ),
    Entry("password_reset_complete", expect(ACCOUNT_HOLDERS, anonymous=200)),
    # Back office, site level.
    Entry("admin:index", expect(KEEPERS)),
    Entry("admin:login", expect(KEEPERS, ok=302)),
    Entry("admin:logout", expect(KEEPERS, ok=405)),
    Entry("admin:password_change", expect(KEEPERS)),
    Entry("admin:password_change_done", expect(KEEPERS)),
    Entry("admin:jsi18n", expect(KEEPERS)),
    Entry("admin:app_list", expect(KEEPERS), kwargs=lambda cast: {"app_label": "partners"}, variant="partners"),
    Entry(
        "admin:app_list",
        expect(ADMINISTRATOR, business_support=404),
        kwargs=lambda cast: {"app_label": "axes"},
        variant="axes",
        note="the admin hides apps the role has no access to",
    ),
    Entry(
        "admin:view_on_site",
        expect(KEEPERS, ok=302),
        kwargs=lambda cast: {"content_type_id": _content_type_id(cast.agency_b), "object_id": cast.agency_b.pk},
    ),
    # Django's UserAdmin names its password view after auth.User whatever the user model.
    Entry("admin:auth_user_password_change", expect(ADMINISTRATOR), kwargs=lambda cast: {"id": cast.lead_b.pk}),
    # The admin's unnamed patterns: the old-style object URL redirect and the catch-all.
    Entry(
        "<unnamed <path:object_id>/>",
        expect(KEEPERS, ok=302),
        path=lambda cast: f"/admin/partners/partner/{cast.agency_b.pk}/",
    ),
    Entry("<unnamed (?P<url>.*)$>", expect(KEEPERS, ok=404), path=lambda cast: "/admin/no-such-page/"),
    Entry(
        "admin:autocomplete",
        expect(KEEPERS),
        query="app_label=partners&model_name=user&field_name=partner&term=Agency",
    ),
]

CORE_ADMIN_MODELS = {
    "partners.board": AdminPolicy(view=KEEPERS, edit=ADMINISTRATOR, obj=lambda cast: cast.board),
    "partners.partner": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: cast.agency_b),
    "partners.user": AdminPolicy(view=KEEPERS, edit=ADMINISTRATOR, obj=lambda cast: cast.lead_b),
    # Sign-in records are written by django-axes; administrators read them and delete a
    # record to lift a lockout early.
    "axes.accessattempt": AdminPolicy(
        view=ADMINISTRATOR, edit=frozenset(), delete=ADMINISTRATOR, obj=lambda cast: _access_attempt()
    ),
    "axes.accesslog": AdminPolicy(
        view=ADMINISTRATOR, edit=frozenset(), delete=ADMINISTRATOR, obj=lambda cast: _access_log()
    ),
    "axes.accessfailurelog": AdminPolicy(
        view=ADMINISTRATOR, edit=frozenset(), delete=ADMINISTRATOR, obj=lambda cast: _failure_log()
    ),
}

# Per-model admin URL suffix -> (which policy set applies, needs an object, status when allowed).
ADMIN_MODEL_VIEWS = {
    "changelist": ("view", False, 200),
    "add": ("add", False, 200),
    "change": ("view", True, 200),
    "history": ("view", True, 200),
    "delete": ("delete", True, 200),
    "import": ("add", False, 200),
    "process_import": ("add", False, 405),
    "export": ("view", False, 200),
}


def _content_type_id(instance) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance).pk


def _access_attempt():
    from axes.models import AccessAttempt

    return AccessAttempt.objects.create(
        username="someone@example.org", ip_address="127.0.0.1", user_agent="test", failures_since_start=1
    )


def _access_log():
    from axes.models import AccessLog

    return AccessLog.objects.create(username="someone@example.org", ip_address="127.0.0.1", user_agent="test")


def _failure_log():
    from axes.models import AccessFailureLog

    return AccessFailureLog.objects.create(
        username="someone@example.org", ip_address="127.0.0.1", user_agent="test", locked_out=False
    )


def _app_modules():
    for module_info in pkgutil.iter_modules(tests.__path__):
        if module_info.ispkg:
            try:
                yield importlib.import_module(f"tests.{module_info.name}.matrix")
            except ModuleNotFoundError as error:
                if error.name != f"tests.{module_info.name}.matrix":
                    raise


def admin_policies() -> dict:
    policies = dict(CORE_ADMIN_MODELS)
    for module in _app_modules():
        policies.update(getattr(module, "ADMIN_MODELS", {}))
    return policies


def _admin_model_entries(policies) -> list[Entry]:
    existing = resolver_names()
    entries = []
    for model in admin.site._registry:
        label = model._meta.label_lower
        policy = policies.get(label)
        if policy is None:
            continue  # reported as missing by the inventory test
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        for suffix, (kind, needs_object, ok_status) in ADMIN_MODEL_VIEWS.items():
            if prefix + suffix not in existing:
                continue
            allowed = policy.roles_for(kind)
            obj = policy.obj
            entries.append(
                Entry(
                    prefix + suffix,
                    expect(allowed, ok=ok_status),
                    kwargs=(lambda cast, obj=obj: {"object_id": obj(cast).pk}) if needs_object else None,
                    note=f"back office: {kind}",
                )
            )
    return entries


def all_entries() -> list[Entry]:
    entries = list(CORE_ENTRIES)
    for module in _app_modules():
        entries.extend(getattr(module, "ENTRIES", []))
    entries.extend(_admin_model_entries(admin_policies()))
    return entries


def resolver_names() -> set[str]:
    """Every named URL in the project, namespaced ("partners:partner-detail"), plus unnamed ones."""
    names: set[str] = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                names.add(f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>")

    walk(get_resolver().url_patterns, "")
    return names


# --- reporting ---------------------------------------------------------------------------------
RESULTS: dict[str, dict[str, object]] = {}


def record(entry: Entry, role: str, outcome) -> None:
    RESULTS.setdefault(entry.id, {})[role] = outcome


def report(terminalreporter) -> None:
    if not RESULTS:
        return
    pairs = sum(len(roles) for roles in RESULTS.values())
    terminalreporter.write_sep("-", f"permission matrix: {pairs} role x URL pairs checked on {len(RESULTS)} URLs")
    width = max(len(key) for key in RESULTS)
    columns = (*ROLES, *OTHER_BOARD_ROLES)
    terminalreporter.write_line(f"{'URL':<{width}}  " + "  ".join(f"{role:>19}" for role in columns))
    for key in sorted(RESULTS):
        row = RESULTS[key]
        terminalreporter.write_line(f"{key:<{width}}  " + "  ".join(f"{row.get(role, '-')!s:>19}" for role in columns))


__all__ = [
    "ACCOUNT_HOLDERS",
    "LEARNER",
    "LOGIN",
    "OTHER_BOARD_ROLES",
    "ROLES",
    "AdminPolicy",
    "Entry",
    "all_entries",
    "expect",
    "field",
    "resolver_names",
]
