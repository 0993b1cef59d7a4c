"""The editorial rule has no way around it: a published text changes only by a correction with a
reason, nothing is lost or changed without a trace, and lineage always runs forward in time."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from peaceplans import services
from peaceplans.models import ClauseDerivation, ClauseVersion, Draft, Position, Source
from tests.history_check import assert_history_matches_records
from tests.test_editing import PASTE, confirm, paste_form
from tests.test_history import change_form_data, inline_management


def admin_url(obj, view="change"):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def form_post(client, obj, **changes):
    url = admin_url(obj)
    data = {**change_form_data(client, url), **inline_management(client, url), **changes}
    return url, data


# ------------------------------------------------------------------ publishing


def test_the_draft_form_cannot_set_a_published_draft_back_to_preparation(demo, editor_client):
    draft = Draft.objects.get(slug="28-point")
    url, data = form_post(editor_client, draft, editorial_state="preparation")
    editor_client.post(url, data)
    draft.refresh_from_db()
    assert draft.is_published


def test_the_service_never_unpublishes(demo, editor):
    draft = Draft.objects.get(slug="28-point")
    draft.editorial_state = Draft.EditorialState.IN_PREPARATION
    with pytest.raises(ValidationError):
        services.draft_save(draft, user=editor, reason="Hide it for a while")
    assert Draft.objects.get(pk=draft.pk).is_published


def test_publishing_needs_the_publish_permission(demo, make, client, django_user_model):
    staff = django_user_model.objects.create_user("intern", password="x-long-pass", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_draft", "view_draft"])
    )
    client.force_login(staff)
    draft = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=90)
    changelist = reverse("admin:peaceplans_draft_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"})
    draft.refresh_from_db()
    assert not draft.is_published


def test_publish_counts_only_the_drafts_it_published(demo, make, editor_client):
    fresh = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=90)
    old = Draft.objects.get(slug="28-point")
    revisions_before = old.history.count()
    response = editor_client.post(
        reverse("admin:peaceplans_draft_changelist"),
        {"action": "publish", "_selected_action": [fresh.pk, old.pk], "post": "yes"},
        follow=True,
    )
    assert "Published 1 draft(s). 1 already published" in response.text
    assert old.history.count() == revisions_before
    assert_history_matches_records()


# ------------------------------------------------------------------ corrections and moves


def test_moving_a_clause_version_out_of_a_published_draft_needs_a_reason(demo, editor_client):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    elsewhere = Draft.objects.get(slug="geneva-revision")
    url, data = form_post(editor_client, version, draft=elsewhere.pk, label="99")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "say why it is corrected" in response.text
    version.refresh_from_db()
    assert version.draft.slug == "28-point"


def test_a_clause_version_cannot_take_a_clause_of_another_plan(demo, make, editor_client):
    other_plan = make.plan()
    foreign = make.clause(other_plan)
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    url, data = form_post(editor_client, version, clause=foreign.pk, change_reason="Relinked")
    response = editor_client.post(url, data)
    assert "This clause belongs to another plan" in response.text
    version.refresh_from_db()
    assert version.clause.plan_id == demo.pk


def test_a_change_form_without_its_seen_revision_is_refused_with_the_input_kept(
    demo, editor_client
):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    url, data = form_post(editor_client, version, text="Elections in 30 days.", change_reason="x")
    for missing in (
        {k: v for k, v in data.items() if k != "seen_revision"},
        {**data, "seen_revision": ""},
    ):
        response = editor_client.post(url, missing)
        assert response.status_code == 200
        assert "does not say which revision" in response.text
        assert "Elections in 30 days." in response.text
    version.refresh_from_db()
    assert version.text == "Ukraine holds elections within 100 days."


# ------------------------------------------------------------------ revert is switched off


def test_reverting_from_the_history_page_changes_nothing(demo, editor, editor_client):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    services.clause_version_correct(version, user=editor, reason="Checked", text="Ninety days.")
    first = version.history.earliest()
    url = reverse(
        "admin:peaceplans_clauseversion_simple_history", args=[version.pk, first.history_id]
    )
    assert editor_client.get(url).status_code == 200  # reading an old revision is fine
    response = editor_client.post(url, change_form_data(editor_client, url))
    assert response.status_code == 405
    version.refresh_from_db()
    assert version.text == "Ninety days."


def test_restoring_an_earlier_text_is_a_correction_with_a_reason(demo, editor, editor_client):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    services.clause_version_correct(version, user=editor, reason="Checked", text="Ninety days.")
    first = version.history.earliest()
    url = admin_url(version) + f"?restore={first.history_id}"
    form = editor_client.get(url).context["adminform"].form
    assert form.initial["text"] == "Ukraine holds elections within 100 days."
    assert form.initial["change_reason"].startswith("Restored the text of")
    data = {**change_form_data(editor_client, url), **inline_management(editor_client, url)}
    assert editor_client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.text == "Ukraine holds elections within 100 days."
    assert version.history.latest().history_change_reason.startswith("Restored the text of")
    assert_history_matches_records()


# ------------------------------------------------------------------ lineage rules


@pytest.mark.parametrize(
    ("child_draft", "parent_draft", "message"),
    [
        ("28-point", "december-20-point", "does not come before"),
        ("28-point", "28-point", "same draft"),
    ],
)
def test_lineage_links_run_forward_within_one_plan(
    demo, editor_client, child_draft, parent_draft, message
):
    child = ClauseVersion.objects.get(draft__slug=child_draft, label="25")
    parent = ClauseVersion.objects.filter(draft__slug=parent_draft).exclude(pk=child.pk).first()
    url, data = form_post(editor_client, child)
    data.update(
        {
            "parent_links-TOTAL_FORMS": "1",
            "parent_links-INITIAL_FORMS": "0",
            "parent_links-0-parent": parent.pk,
            "parent_links-0-child": child.pk,
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert message in response.text
    assert not ClauseDerivation.objects.filter(child=child, parent=parent).exists()


def test_lineage_never_crosses_plans(demo, make):
    other = make.plan()
    foreign = make.version(make.draft(other, sequence=1), make.clause(other))
    child = ClauseVersion.objects.get(draft__slug="december-20-point", label="4")
    with pytest.raises(ValidationError, match="within one plan"):
        services.check_derivation(child, foreign)


def test_a_draft_revises_only_earlier_drafts_of_its_plan(demo, editor_client):
    early = Draft.objects.get(slug="28-point")
    late = Draft.objects.get(slug="december-20-point")
    url, data = form_post(editor_client, early, derived_from=[late.pk])
    response = editor_client.post(url, data)
    assert "does not come before this draft" in response.text
    assert not early.derived_from.filter(pk=late.pk).exists()


def test_a_link_edited_in_the_inline_is_in_the_versions_history(demo, editor_client):
    child = ClauseVersion.objects.get(draft__slug="december-20-point", label="4")
    parent = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    url, data = form_post(editor_client, child)
    prefix = "parent_links"
    total = 0
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-{total}-parent": parent.pk,
            f"{prefix}-{total}-child": child.pk,
            f"{prefix}-{total}-basis": "editorial",  # the form's select starts on this value
        }
    )
    assert editor_client.post(url, data).status_code == 302
    latest = child.history.latest()
    assert parent.pk in set(latest.derived_from.values_list("parent_id", flat=True))
    assert_history_matches_records()


# ------------------------------------------------------------------ deletion


def test_a_cited_source_cannot_be_deleted(demo, editor_client):
    source = Source.objects.filter(positions__isnull=False).first()
    response = editor_client.post(admin_url(source, "delete"), {"post": "yes"})
    assert response.status_code == 200
    assert "This source is cited by" in response.text
    assert Source.objects.filter(pk=source.pk).exists()
    with pytest.raises(ValidationError):
        services.delete(source, user=None, reason="Tidy up")


def test_a_draft_that_another_draft_revises_cannot_be_deleted(demo, make, admin_client):
    parent = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=90)
    child = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=91)
    services.tracked_set_related(child, "derived_from", [parent], reason="Revises it")
    response = admin_client.post(admin_url(parent, "delete"), {"post": "yes"})
    assert "revises this draft" in response.text
    assert Draft.objects.filter(pk=parent.pk).exists()


def test_deleting_a_draft_in_preparation_records_every_row_it_takes(demo, make, admin_client):
    draft = make.draft(demo, editorial_state=Draft.EditorialState.IN_PREPARATION, sequence=90)
    version = make.version(draft, make.clause(demo))
    position = make.position(
        demo.drafts.first().authors.first() or make.party(), clause_version=version
    )
    response = admin_client.post(admin_url(draft, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not ClauseVersion.objects.filter(pk=version.pk).exists()
    assert version.history.latest().history_type == "-"
    assert Position.history.filter(id=position.pk).latest().history_type == "-"
    assert_history_matches_records()


# ------------------------------------------------------------------ the paste importer


def test_changing_the_revised_draft_after_the_preview_gives_a_fresh_preview(demo, editor_client):
    _, data = confirm(editor_client, paste_form(demo))
    data["parent"] = Draft.objects.get(slug="european-counter-edit").pk
    response = editor_client.post(PASTE, data)
    assert response.status_code == 200
    assert "changed since the preview" in response.text
    assert not Draft.objects.filter(slug="december-leak").exists()


def test_changing_an_ancestor_after_the_preview_gives_a_fresh_preview(demo, editor_client):
    _, data = confirm(editor_client, paste_form(demo))
    data["ancestor-0"] = ""
    response = editor_client.post(PASTE, data)
    assert "changed since the preview" in response.text
    assert not Draft.objects.filter(slug="december-leak").exists()
    # Saving the new preview as shown keeps the editor's choice.
    again = {**data, "previewed": response.context["preview"]["digest"]}
    assert editor_client.post(PASTE, again).status_code == 302
    first = ClauseVersion.objects.get(draft__slug="december-leak", label="1")
    assert first.clause.versions.count() == 1  # a new clause, as chosen
    assert_history_matches_records()


def test_a_slug_taken_at_the_same_moment_is_a_form_error(demo, editor_client, monkeypatch):
    _, data = confirm(editor_client, paste_form(demo))

    def collide(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(services, "draft_import", collide)
    response = editor_client.post(PASTE, data)
    assert response.status_code == 200
    assert "Another draft with this slug was saved a moment ago" in response.text


# ------------------------------------------------------------------ history stays whole


def test_history_equals_the_record_after_an_editors_day(demo, editor, editor_client):
    """Paste, edit positions inline, publish, clone, correct and delete: nothing untracked."""
    _, data = confirm(editor_client, paste_form(demo))
    editor_client.post(PASTE, data)
    draft = Draft.objects.get(slug="december-leak")
    editor_client.post(
        reverse("admin:peaceplans_draft_changelist"),
        {"action": "publish", "_selected_action": [draft.pk], "post": "yes"},
    )
    editor_client.post(
        reverse("admin:peaceplans_draft_changelist"),
        {"action": "clone", "_selected_action": [draft.pk]},
    )
    version = ClauseVersion.objects.get(draft=draft, label="2")
    url, form = form_post(editor_client, version, change_reason="Sourced")
    source = Source.objects.first()
    form["sources"] = [source.pk]
    assert editor_client.post(url, form).status_code == 302
    position = Position.objects.filter(clause_version__isnull=False).first()
    assert editor_client.post(admin_url(position, "delete"), {"post": "yes"}).status_code == 302
    assert_history_matches_records()
