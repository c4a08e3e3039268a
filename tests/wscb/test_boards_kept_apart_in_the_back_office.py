"""Every registered ModelAdmin keeps boards apart: the second board's business support sees none of the
first board's records in a change list, gets 404 for one's change, history or delete page, and is
offered none of the first board's records (nor the first board) in any choice field or autocomplete.

The first board's records are the permission matrix's objects for each back-office model
(tests/<app>/matrix.py ``ADMIN_MODELS``), so a new model admin is walked as soon as it is registered.
"""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from partners.models import Board, User
from tests import permission_matrix as matrix
from tests.conftest import client_for
from tests.partners.second_board import board_markers, board_rows, leaks
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin
from wscb.scoping import is_board_scoped

pytestmark = pytest.mark.django_db

SCOPED_ADMINS = sorted(
    (
        (model._meta.label_lower, model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if is_board_scoped(model)
    ),
    key=lambda item: item[0],
)


def test_every_admin_of_a_board_owned_model_is_board_scoped_with_its_inlines():
    wrong = [
        label for label, _model, model_admin in SCOPED_ADMINS if not isinstance(model_admin, BoardScopedModelAdmin)
    ]
    wrong += [
        f"{label} inline {inline.__name__}"
        for label, _model, model_admin in SCOPED_ADMINS
        for inline in model_admin.inlines
        if is_board_scoped(inline.model) and not issubclass(inline, BoardScopedInline)
    ]
    assert not wrong, f"Use wscb.board_admin.BoardScopedModelAdmin / BoardScopedInline for: {wrong}"
    assert len(SCOPED_ADMINS) >= 30  # the walk below really covers the back office


def _first_board_record(label, cast):
    policy = matrix.admin_policies()[label]
    return policy.obj(cast)


def _url(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _choice_leaks(form, first_rows, first_board) -> list[str]:
    """Options of the form's choice fields that belong to the first board (or are the first board)."""
    found = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        for option in queryset:
            model = type(option)
            if option.pk in first_rows.get(model, {}):
                found.append(f"{name}: {model._meta.label} #{option.pk}")
            elif model is Board and option.pk == first_board.pk:
                found.append(f"{name}: the first board")
            elif model is User and option.boards.filter(pk=first_board.pk).exists():
                found.append(f"{name}: first board user {option.email}")
    return found


@pytest.mark.parametrize(("label", "model", "model_admin"), SCOPED_ADMINS, ids=[item[0] for item in SCOPED_ADMINS])
def test_the_second_boards_business_support_gets_none_of_the_first_boards_records(
    label, model, model_admin, cast, second_board_records
):
    second = second_board_records
    record = _first_board_record(label, cast)
    first_rows = board_rows(cast.board)
    markers = board_markers(cast.board, first_rows, except_in=board_rows(second.board))
    client = client_for(second.business_support)

    changelist = client.get(_url(model, "changelist"))
    assert changelist.status_code == 200, label
    assert not leaks(changelist, first_rows, markers), leaks(changelist, first_rows, markers)
    assert all(row.pk not in first_rows[model] for row in changelist.context["cl"].result_list)

    for view in ("change", "history", "delete"):
        url = _url(model, view, record.pk)
        if url is not None:
            assert client.get(url).status_code == 404, f"{label} {view} of the first board's record"
    assert client.post(_url(model, "change", record.pk), {}).status_code in (403, 404)

    # Choice fields on the add form (and its inlines), and on the change form of a second-board record.
    pages = [client.get(_url(model, "add"))]
    own = model._default_manager.model._base_manager.exclude(pk__in=first_rows[model]).order_by("pk").first()
    if own is not None:
        pages.append(client.get(_url(model, "change", own.pk)))
    for page in pages:
        if page.status_code != 200 or not page.context or "adminform" not in page.context:
            continue
        found = _choice_leaks(page.context["adminform"].form, first_rows, cast.board)
        for inline in page.context["inline_admin_formsets"]:
            for inline_form in inline.formset.forms:
                found += _choice_leaks(inline_form, first_rows, cast.board)
        assert not found, f"{label}: the first board's records are offered: {found}"
        assert not leaks(page, first_rows, markers), f"{label}: {leaks(page, first_rows, markers)}"


def test_no_autocomplete_offers_the_first_boards_records(cast, second_board_records):
    """Every autocomplete field of every admin and inline, asked by the second board's business support."""
    client = client_for(second_board_records.business_support)
    first_rows = board_rows(cast.board)
    asked = 0
    for model, model_admin in admin.site._registry.items():
        sources = [(model, model_admin.autocomplete_fields)] + [
            (inline.model, inline.autocomplete_fields) for inline in model_admin.inlines
        ]
        for source, fields in sources:
            for field_name in fields:
                response = client.get(
                    reverse("admin:autocomplete"),
                    {
                        "app_label": source._meta.app_label,
                        "model_name": source._meta.model_name,
                        "field_name": field_name,
                        "term": "",
                    },
                )
                if response.status_code == 403:
                    continue  # a field on a model business support may not change (users)
                assert response.status_code == 200, (source, field_name, response.status_code)
                target = source._meta.get_field(field_name).related_model
                ids = {int(item["id"]) for item in response.json()["results"]}
                assert not ids & set(first_rows.get(target, {})), (source._meta.label, field_name)
                assert response.json()["results"] or target in (User,), (source._meta.label, field_name)
                asked += 1
    assert asked >= 8


def test_a_group_added_by_the_second_board_belongs_to_it_whatever_is_posted(cast, second_board):
    """The board field is fixed to the board the user works in: posting the first board's id changes nothing."""
    client = client_for(second_board.business_support)
    response = client.post(
        reverse("admin:meetings_group_add"),
        {
            "board": cast.board.pk,
            "name": "Midshire Audit Group",
            "kind": "sub_group",
            "is_active": "on",
            "quorum_minimum_members": "3",
            "attendance_threshold_percent": "50",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from meetings.models import Group

    assert Group.objects.get(name="Midshire Audit Group").board == second_board.board


def test_the_administrators_user_list_is_the_current_boards(cast, second_board):
    client = client_for(second_board.administrator)
    listed = set(client.get(reverse("admin:partners_user_changelist")).context["cl"].result_list)
    assert second_board.business_support in listed and second_board.administrator in listed
    assert cast.lead_a not in listed and cast.business_support not in listed
    assert client.get(reverse("admin:partners_user_change", args=[cast.lead_a.pk])).status_code == 404
