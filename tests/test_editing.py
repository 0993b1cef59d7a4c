"""An editor records a newly reported draft in one pass, and nobody's edit is silently lost."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from peaceplans import services
from peaceplans.models import ClauseVersion, Draft, Party, Position, Source
from tests.test_history import change_form_data, inline_management

PASTE = reverse("admin:peaceplans_draft_paste")
NEW_DRAFT = """Leaked text, reported on 1 December.

1. Sovereignty
Ukraine's sovereignty is reaffirmed by all signatories.

2. Army size
Ukraine's armed forces are capped at 700,000 personnel in peacetime.

3. A development package for Ukraine with a Ukraine Development Fund.
4. A reconstruction package for Ukraine's reconstruction.
5. A brand-new clause on a joint commission for missing persons.
"""


def paste_form(demo, **overrides):
    parent = Draft.objects.get(slug="28-point")
    data = {
        "plan": demo.pk,
        "parent": parent.pk,
        "title": "December leak",
        "slug": "december-leak",
        "date": "2025-12-01",
        "standing": "leaked",
        "text_coverage": "partial",
        "basis": "reported",
        "text": NEW_DRAFT,
    }
    return {**data, **overrides}


def test_preview_shows_parsed_clauses_suggestions_and_warnings_without_saving(demo, editor_client):
    before = Draft.objects.count()
    response = editor_client.post(PASTE, {**paste_form(demo), "preview": "1"})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [row["clause"].label for row in preview["rows"]] == ["1", "2", "3", "4", "5"]
    chosen = {row["clause"].label: row["chosen"] for row in preview["rows"]}
    versions = {v.label: v.pk for v in ClauseVersion.objects.filter(draft__slug="28-point")}
    assert chosen["1"] == versions["1"] and chosen["2"] == versions["6"]
    assert chosen["5"] is None
    assert "text before the first numbered clause" in response.text
    assert Draft.objects.count() == before


def test_a_text_with_no_clauses_comes_back_with_the_text_kept(demo, editor_client):
    pasted = "Just some prose with no numbers <b>at all</b>."
    response = editor_client.post(PASTE, {**paste_form(demo, text=pasted), "preview": "1"})
    assert "No numbered clauses were found" in response.text
    assert "Just some prose with no numbers &lt;b&gt;at all&lt;/b&gt;." in response.text
    assert not Draft.objects.filter(slug="december-leak").exists()


def confirm(client, data):
    """Preview, then post the preview's choices back as the browser would, to save it."""
    preview = client.post(PASTE, {**data, "preview": "1"}).context["preview"]
    return preview, {**data, **as_posted(preview), "confirm": "1"}


def as_posted(preview) -> dict:
    choices = {f"ancestor-{row['index']}": row["chosen"] or "" for row in preview["rows"]}
    merges = {f"also-{row['index']}": row["also_chosen"] for row in preview["rows"]}
    return {**choices, **merges, "previewed": preview["digest"]}


def test_confirming_saves_a_linked_draft_in_preparation_with_history(demo, editor, editor_client):
    preview, data = confirm(editor_client, paste_form(demo))
    old = {v.label: v for v in ClauseVersion.objects.filter(draft__slug="28-point")}
    data["ancestor-2"] = old["12"].pk  # the editor corrects: both 3 and 4 come from point 12
    data["ancestor-3"] = old["12"].pk
    response = editor_client.post(PASTE, data)
    assert response.status_code == 302
    draft = Draft.objects.get(slug="december-leak")
    assert not draft.is_published and draft.derived_from.get().slug == "28-point"
    versions = {v.label: v for v in draft.clause_versions.select_related("clause")}
    assert versions["2"].clause.slug == "army-size"
    assert versions["3"].clause.slug == "reconstruction"
    assert versions["4"].clause.slug != "reconstruction"  # the split gets its own identity
    assert list(versions["4"].derived_from.all()) == [old["12"]]
    record = versions["2"].history.earliest()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Imported from pasted text",
    )
    assert draft.history.earliest().history_user == editor


def test_a_text_edited_after_the_preview_is_previewed_again_not_saved(demo, editor_client):
    _, data = confirm(editor_client, paste_form(demo))
    data["text"] = NEW_DRAFT + "6. A sixth clause added after the preview.\n"
    response = editor_client.post(PASTE, data)
    assert response.status_code == 200 and len(response.context["preview"]["rows"]) == 6
    assert not Draft.objects.filter(slug="december-leak").exists()


def test_readers_do_not_see_an_imported_draft_until_it_is_published(demo, editor_client):
    client = Client()  # a reader: not the editor's logged-in client
    _, data = confirm(editor_client, paste_form(demo))
    editor_client.post(PASTE, data)
    url = "/plans/ukraine-2025/drafts/december-leak/"
    assert client.get(url).status_code == 404
    draft = Draft.objects.get(slug="december-leak")
    changelist = reverse("admin:peaceplans_draft_changelist")
    editor_client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"}
    )
    assert client.get(url).status_code == 200
    assert draft.history.latest().history_change_reason == "Published"


def change_clause(client, version, **changes):
    url = reverse("admin:peaceplans_clauseversion_change", args=[version.pk])
    data = {**change_form_data(client, url), **inline_management(client, url)}
    return url, data, {**data, **changes}


def test_a_published_clause_changes_only_with_a_reason(demo, editor_client):
    client = Client()
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    url, _, data = change_clause(editor_client, version, text="Elections within 90 days.")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "This draft is published: say why it is corrected" in response.text
    version.refresh_from_db()
    assert version.text == "Ukraine holds elections within 100 days."

    response = editor_client.post(url, {**data, "change_reason": "Axios text says 90 days"})
    assert response.status_code == 302
    first = client.get("/plans/ukraine-2025/drafts/28-point/clauses/25/rev/1/")
    assert "Ukraine holds elections within 100 days." in first.text
    assert "This is an earlier text" in first.text


def test_a_draft_in_preparation_is_edited_freely(demo, editor, editor_client):
    draft = Draft.objects.get(slug="geneva-revision")
    draft.editorial_state = Draft.EditorialState.IN_PREPARATION
    services.tracked_save(draft, user=editor, reason="unpublish for the test")
    version = draft.clause_versions.get(label="was-6")
    url, _, data = change_clause(editor_client, version, text="The cap is dropped.")
    assert editor_client.post(url, data).status_code == 302


def test_the_second_of_two_editors_gets_a_conflict_not_an_overwrite(
    demo, editor, django_user_model
):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    other = django_user_model.objects.create_superuser("mykola", password="another-long-password")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    url, _, mine = change_clause(
        first, version, text="Elections within 90 days.", change_reason="a"
    )
    _, _, theirs = change_clause(
        second, version, text="Elections within 120 days.", change_reason="b"
    )

    assert first.post(url, mine).status_code == 302
    response = second.post(url, theirs)
    assert response.status_code == 200
    assert "olena saved this clause" in response.text
    assert "Elections within 90 days." in response.text  # their text, shown
    assert "<ins>120</ins>" in response.text  # my text against theirs
    assert "Elections within 120 days.</textarea>" in response.text  # my text, kept
    version.refresh_from_db()
    assert version.text == "Elections within 90 days."

    # Having read the conflict, saving again replaces the text on purpose.
    resubmit = {**theirs, "seen_revision": response.context["adminform"].form.data["seen_revision"]}
    assert second.post(url, resubmit).status_code == 302
    version.refresh_from_db()
    assert version.text == "Elections within 120 days."


def test_clone_copies_clauses_into_a_new_draft_in_preparation(demo, editor, editor_client):
    draft = Draft.objects.get(slug="european-counter-edit")
    changelist = reverse("admin:peaceplans_draft_changelist")
    response = editor_client.post(changelist, {"action": "clone", "_selected_action": [draft.pk]})
    copy = Draft.objects.get(slug="european-counter-edit-copy")
    assert response.status_code == 302 and not copy.is_published
    assert copy.derived_from.get() == draft

    def pairs(d):
        return [(v.label, v.clause_id, v.text) for v in d.clause_versions.order_by("position")]

    assert pairs(copy) == pairs(draft)
    assert copy.history.earliest().history_user == editor


def test_one_stance_on_many_clauses_with_one_source(demo, editor, editor_client):
    draft = Draft.objects.get(slug="european-counter-edit")
    versions = list(draft.clause_versions.filter(label__in=["6", "7", "21"]))
    russia, source = Party.objects.get(slug="russia"), Source.objects.get(url__contains="5-tv.ru")
    url = reverse("admin:peaceplans_draft_positions", args=[draft.pk])
    assert editor_client.get(url).status_code == 200
    before = Position.objects.count()
    response = editor_client.post(
        url,
        {
            "party": russia.pk,
            "stance": "objects",
            "summary": "Ushakov rejected these points.",
            "stated_on": "2025-11-24",
            "sources": [source.pk],
            "clause_versions": [v.pk for v in versions],
        },
    )
    assert response.status_code == 302
    created = Position.objects.filter(summary="Ushakov rejected these points.")
    assert Position.objects.count() == before + 3 and created.count() == 3
    assert all(list(p.sources.all()) == [source] for p in created)
    for position in created:  # one history row each, holding its sources
        (record,) = position.history.all()
        assert record.history_user == editor
        assert [s.source_id for s in record.sources.all()] == [source.pk]


def test_admin_history_of_a_clause_shows_word_diffs(demo, editor, editor_client):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    services.clause_version_correct(
        version, user=editor, reason="Checked", text="Ukraine holds elections within 90 days."
    )
    url = reverse("admin:peaceplans_clauseversion_history", args=[version.pk])
    page = editor_client.get(url).text
    assert "<del>100</del>" in page and "<ins>90</ins>" in page and "Checked" in page


def test_a_correction_without_reason_is_refused_by_the_service(demo, editor):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="25")
    with pytest.raises(ValidationError) as refused:
        services.clause_version_correct(version, user=editor, reason=" ", text="x")
    assert "change_reason" in refused.value.message_dict
    version.refresh_from_db()
    assert version.text == "Ukraine holds elections within 100 days."


def test_two_editors_on_one_draft_page_conflict_too(demo, editor, django_user_model):
    draft = Draft.objects.get(slug="geneva-revision")
    other = django_user_model.objects.create_superuser("mykola", password="another-long-password")
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    url = reverse("admin:peaceplans_draft_change", args=[draft.pk])
    mine = {**change_form_data(first, url), **inline_management(first, url)}
    theirs = {**change_form_data(second, url), **inline_management(second, url)}
    assert first.post(url, {**mine, "summary": "First summary."}).status_code == 302
    response = second.post(url, {**theirs, "summary": "Second summary."})
    assert response.status_code == 200 and "saved this record" in response.text
    draft.refresh_from_db()
    assert draft.summary == "First summary."


def test_deleting_in_the_admin_records_a_reason(demo, editor_client):
    position = Position.objects.filter(clause_version__isnull=False).first()
    url = reverse("admin:peaceplans_position_delete", args=[position.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    record = Position.history.filter(id=position.pk).latest()
    assert record.history_type == "-" and record.history_change_reason == "Deleted in the admin"


def test_a_draft_with_a_label_used_twice_is_not_saved_and_the_text_is_kept(demo, editor_client):
    text = "1. First clause.\n1. Second clause with the same number.\n"
    _, data = confirm(editor_client, paste_form(demo, text=text))
    response = editor_client.post(PASTE, data)
    assert response.status_code == 200
    assert (
        "used twice: 1" in response.text and "Second clause with the same number." in response.text
    )
    assert not Draft.objects.filter(slug="december-leak").exists()
