"""Editors work in the admin; every page opens for them and none for anonymous visitors."""

import pytest
from django.urls import reverse

from peaceplans.models import Clause, ClauseVersion, Draft, Party, Plan, Position, Source

MODELS = [Party, Plan, Draft, Clause, ClauseVersion, Position, Source]


def admin_url(model, view, *args):
    return reverse(f"admin:peaceplans_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_page_opens_for_an_editor(demo, editor_client, model):
    obj = model.objects.order_by("pk").first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        assert editor_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_anonymous_visitors_are_sent_to_the_login_page(demo, client, model):
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_changelist_filters_and_search_work(demo, editor_client):
    url = admin_url(ClauseVersion, "changelist")
    response = editor_client.get(url, {"q": "600,000"})
    assert response.status_code == 200
    assert "US 28-point plan §6:" in response.text
    assert "§25:" not in response.text
    response = editor_client.get(admin_url(Position, "changelist"), {"stance__exact": "objects"})
    assert response.status_code == 200


def test_a_draft_page_lists_its_clauses_in_order_with_links_to_edit_each(demo, editor_client):
    draft = Draft.objects.get(slug="28-point")
    response = editor_client.get(admin_url(Draft, "change", draft.pk))
    first = ClauseVersion.objects.get(draft=draft, label="1")
    last = ClauseVersion.objects.get(draft=draft, label="25")
    text = response.text
    assert text.index(admin_url(ClauseVersion, "change", first.pk)) < text.index(
        admin_url(ClauseVersion, "change", last.pk)
    )


def test_deleting_a_published_draft_is_refused_with_a_message(demo, admin_client):
    draft = Draft.objects.get(slug="28-point")
    response = admin_client.post(admin_url(Draft, "delete", draft.pk), {"post": "yes"}, follow=True)
    assert "This draft is published: readers may cite it." in response.text
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_editors_cannot_delete_drafts_at_all(demo, editor_client):
    draft = Draft.objects.create(plan=demo, slug="scratch", title="Scratch", sequence=50)
    response = editor_client.post(admin_url(Draft, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()
