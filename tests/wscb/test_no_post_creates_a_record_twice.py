"""Finding (Medium): double submission created duplicates (the same "add expenditure line" request
sent twice made two lines, also on the production settings; Back then Save in Chromium the same; two
identical "add case study" requests made two case studies; comments too).

The rule: no POST creates a record twice. Every portal URL that accepts POST is in the audit sweep's
``CASES`` (its own guard fails when a new POST URL is missing there), with a valid payload. Each is
posted once; a POST that added rows to any table is a create, and it is then sent again exactly as
before, with the same one-time token (``wscb.data.once``) and again with none (a replayed script).
Neither resend may add a row anywhere, and each must answer with the first submit's result page and
a clear "already saved" message. Edits (versioned) naturally pass: the second save is a conflict.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from tests.conftest import client_for
from tests.savepoints import in_savepoint
from tests.wscb.test_every_change_is_audited import CASES
from wscb.audit.models import AuditAction
from wscb.data import once

pytestmark = pytest.mark.django_db

#: Tables a resend may write to: the record of the request itself, not a record of the portal.
BOOKKEEPING = {
    "sessions.session",
    "wscb.usersession",
    "wscb.auditevent",
    "wscb.oncesubmission",
    "admin.logentry",
}
BOOKKEEPING_APPS = {"axes", "otp_totp", "otp_static"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in BOOKKEEPING
        and model._meta.app_label not in BOOKKEEPING_APPS
        and model._meta.managed
        and not model._meta.proxy
    }


def grown(before, after) -> dict[str, int]:
    return {label: after[label] - before[label] for label in after if after[label] > before[label]}


def frozen(data: dict) -> dict:
    """The payload with each upload kept as bytes, so the identical file can be sent again."""
    kept = {}
    for key, value in data.items():
        if isinstance(value, SimpleUploadedFile):
            value.seek(0)
            kept[key] = ("file", value.name, value.read(), value.content_type)
        else:
            kept[key] = value
    return kept


def thawed(data: dict) -> dict:
    return {
        key: SimpleUploadedFile(value[1], value[2], content_type=value[3])
        if isinstance(value, tuple) and value[:1] == ("file",)
        else value
        for key, value in data.items()
    }


def resend_problems(case, cast, *, with_token: bool):
    kwargs, data = case.prepare(cast)
    actor = getattr(cast, case.actor)
    client = client_for(actor)
    url = reverse(case.name, kwargs=kwargs)
    payload = frozen({**data, **({once.FIELD: once.new_token(actor)} if with_token else {})})
    before = row_counts()
    first = client.post(url, thawed(payload))
    after_first = row_counts()
    if not grown(before, after_first):
        return None  # not a create: nothing to send twice
    if first.status_code != 302:
        return [f"the first submit answered {first.status_code}"]
    list(get_messages(first.wsgi_request))
    second = client.post(url, thawed(payload))
    problems = []
    extra = grown(after_first, row_counts())
    if extra:
        problems.append(f"the resend added rows: {extra}")
    if not is_submitted_once(url):
        if problems or case.action in (AuditAction.CREATED, AuditAction.IMPORTED):
            problems.append("a create view without SubmitOnceMixin")
        return problems  # an edit: a resend is a version conflict, which adds nothing
    if second.status_code != 302 or second["Location"] != first["Location"]:
        problems.append(f"the resend answered {second.status_code} {second.get('Location')}, not {first['Location']}")
    shown = [str(message) for message in get_messages(second.wsgi_request)]
    if (with_token or resolve(url).func.view_class.once_by_content) and once.ALREADY_SAVED not in shown:
        problems.append(f"no 'already saved' message: {shown}")
    return problems


def is_submitted_once(url: str) -> bool:
    view_class = getattr(resolve(url).func, "view_class", None)
    return view_class is not None and issubclass(view_class, once.SubmitOnceMixin)


VERIFIED_CASES = [case for case in CASES if case.client == "verified"]


@pytest.mark.parametrize("with_token", [True, False], ids=["same token", "no token"])
def test_no_post_creates_a_record_twice(with_token, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    results = {
        case.name: in_savepoint(lambda case=case: resend_problems(case, cast, with_token=with_token))
        for case in VERIFIED_CASES
    }
    creates = {name: problems for name, problems in results.items() if problems is not None}
    print(f"\nsent twice: {len(creates)} create endpoints of {len(results)} POST endpoints")
    assert len(creates) >= 15, sorted(creates)
    assert {name: problems for name, problems in creates.items() if problems} == {}


def test_a_second_line_from_a_fresh_form_is_added_unless_it_is_the_same_a_moment_later(
    as_user, business_support, board
):
    from datetime import timedelta

    from freezegun import freeze_time

    from finance.models import ExpenditureLine
    from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory

    FinanceYearFactory(board=board, start_year=2016)
    fees = ExpenditureCategoryFactory(board=board, name="Professional Fees")
    client = as_user(business_support)
    url = reverse("finance:expenditure-create", args=[2016])

    def save(description):
        page = client.get(url).content.decode()  # a fresh showing of the form: a new token
        token = page.split(f'name="{once.FIELD}" value="', 1)[1].split('"', 1)[0]
        line = {"category": fees.pk, "kind": "actual", "amount": "50.00", "description": description}
        return client.post(url, {**line, once.FIELD: token}, follow=True)

    with freeze_time() as clock:
        save("Venue hire")
        save("Venue hire, second session")
        assert once.ALREADY_SAVED in save("Venue hire").content.decode()  # Back then Save puts it back
        assert ExpenditureLine.objects.count() == 2
        clock.tick(once.CONTENT_WINDOW + timedelta(minutes=1))
        save("Venue hire")  # the same again later is a new line
        assert ExpenditureLine.objects.filter(description="Venue hire").count() == 2


def test_a_form_with_errors_keeps_its_token_usable(as_user, business_support, board):
    from finance.models import ExpenditureLine
    from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory

    FinanceYearFactory(board=board, start_year=2016)
    fees = ExpenditureCategoryFactory(board=board, name="Professional Fees")
    client = as_user(business_support)
    url = reverse("finance:expenditure-create", args=[2016])
    token = once.new_token(business_support)
    refused = client.post(url, {"category": fees.pk, "kind": "actual", "amount": "", once.FIELD: token})
    assert refused.status_code == 200
    fixed = client.post(url, {"category": fees.pk, "kind": "actual", "amount": "5.00", once.FIELD: token})
    assert fixed.status_code == 302
    assert ExpenditureLine.objects.count() == 1


def test_another_persons_token_is_no_key_at_all(as_user, business_support, administrator):
    from django.test import RequestFactory

    request = RequestFactory().post("/", {once.FIELD: once.new_token(administrator)})
    request.user = business_support
    assert once._token_key(request) is None


def test_a_back_office_add_form_sent_twice_adds_one_record(as_user, business_support, agency_a):
    from partners.models import Person

    client = as_user(business_support)
    url = reverse("admin:partners_person_add")
    page = client.get(url).content.decode()
    token = page.split(f'name="{once.FIELD}" value="', 1)[1].split('"', 1)[0]
    data = {"full_name": "Pat Person", "job_title": "Lead", "partner": agency_a.pk, "_save": "Save", once.FIELD: token}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Person.objects.filter(full_name="Pat Person").count() == 1
    assert once.ALREADY_SAVED in [str(message) for message in get_messages(second.wsgi_request)]
