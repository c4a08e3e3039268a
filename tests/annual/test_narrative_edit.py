"""Business support writes the narrative; conflicting edits are refused; other roles cannot."""

from django.urls import reverse

from reports.annual.models import NarrativeSection
from tests.annual.factories import NarrativeFactory

URL = reverse("annual:narrative-edit", args=[2016, "executive_summary"])


def test_business_support_writes_a_new_narrative(as_user, business_support, board):
    response = as_user(business_support).post(URL, {"body": "We did well.", "version": 0})
    assert response.status_code == 302
    assert response.url.startswith(reverse("annual:draft", args=[2016]))
    section = NarrativeSection.objects.get(board=board, year_start=2016, kind="executive_summary")
    assert section.body == "We did well."
    assert section.version == 1
    assert section.updated_by == business_support


def test_saving_again_moves_the_version_on(as_user, business_support, board):
    NarrativeFactory(board=board, kind="executive_summary", body="Old", version=3)
    response = as_user(business_support).post(URL, {"body": "New", "version": 3})
    assert response.status_code == 302
    section = NarrativeSection.objects.get(board=board, kind="executive_summary")
    assert (section.body, section.version) == ("New", 4)


def test_two_people_editing_the_same_text_get_a_conflict_message(as_user, business_support, administrator, board):
    NarrativeFactory(board=board, kind="executive_summary", body="Old", version=1)
    assert as_user(administrator).post(URL, {"body": "First save", "version": 1}).status_code == 302
    response = as_user(business_support).post(URL, {"body": "Second save", "version": 1})
    assert response.status_code == 409
    assert "Someone else saved this text" in response.content.decode()
    assert NarrativeSection.objects.get(board=board, kind="executive_summary").body == "First save"


def test_two_people_creating_the_same_text_get_a_conflict_message(as_user, business_support, board):
    NarrativeFactory(board=board, kind="executive_summary", body="Created meanwhile")
    response = as_user(business_support).post(URL, {"body": "Mine", "version": 0})
    assert response.status_code == 409


def test_an_empty_text_is_refused(as_user, business_support, board):
    response = as_user(business_support).post(URL, {"body": "   ", "version": 0})
    assert response.status_code == 400
    assert "Write the text before saving" in response.content.decode()
    assert not NarrativeSection.objects.exists()


def test_the_form_shows_the_current_text(as_user, business_support, board):
    NarrativeFactory(board=board, kind="executive_summary", body="Current words", version=2)
    content = as_user(business_support).get(URL).content.decode()
    assert "Current words" in content
    assert 'name="version" value="2"' in content


def test_only_the_foreword_asks_who_signs_it(as_user, business_support, board):
    assert "signed_by" not in as_user(business_support).get(URL).content.decode()
    foreword = reverse("annual:narrative-edit", args=[2016, "foreword"])
    assert "signed_by" in as_user(business_support).get(foreword).content.decode()


def test_an_unknown_kind_is_not_found(as_user, business_support):
    assert as_user(business_support).get(reverse("annual:narrative-edit", args=[2016, "gossip"])).status_code == 404


def test_board_members_and_partner_leads_cannot_write(as_user, board_member, lead_a, board):
    for user in (board_member, lead_a):
        assert as_user(user).post(URL, {"body": "x", "version": 0}).status_code == 403
    assert not NarrativeSection.objects.exists()


def test_anonymous_is_sent_to_sign_in(as_user):
    response = as_user(None).get(URL)
    assert response.status_code == 302
    assert "sign-in" in response.url


def test_wrong_method_is_refused(as_user, business_support):
    assert as_user(business_support).put(URL).status_code == 405
