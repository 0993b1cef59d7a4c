"""Every edit an editor makes is kept: who, when, what, and why."""

from django.urls import reverse

from peaceplans.models import ClauseVersion, Position, Source
from peaceplans.services import tracked_save, tracked_set_related


def change_form_data(client, url) -> dict:
    """The admin change form's current values, as the browser would post them back."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list | tuple | set):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is None:
            data[name] = ""
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    return data


def inline_management(client, url) -> dict:
    data = {}
    for formset in client.get(url).context["inline_admin_formsets"]:
        fs = formset.formset
        data.update(
            {
                f"{fs.prefix}-TOTAL_FORMS": "0",
                f"{fs.prefix}-INITIAL_FORMS": "0",
            }
        )
    return data


def test_admin_edit_of_a_clause_text_is_recorded_with_the_editor(demo, editor, editor_client):
    version = ClauseVersion.objects.get(draft__slug="28-point", label="6")
    url = reverse("admin:peaceplans_clauseversion_change", args=[version.pk])
    data = {**change_form_data(editor_client, url), **inline_management(editor_client, url)}
    data["text"] = "Ukraine's armed forces are capped at 600,000 personnel."
    data["change_reason"] = "Removed the unsourced comparison"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = version.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Removed the unsourced comparison"
    assert latest.history_type == "~"
    assert latest.text == data["text"]
    previous = latest.prev_record
    assert "800–850 thousand" in previous.text
    assert [c.field for c in latest.diff_against(previous).changes] == ["text"]


def test_adding_a_source_to_a_position_is_in_its_history(demo, editor, make):
    position = Position.objects.filter(clause_version__isnull=False).first()
    before = position.history.count()
    new_source = make.source()
    tracked_set_related(
        position,
        "sources",
        [*position.sources.all(), new_source],
        user=editor,
        reason="Added the agency report",
    )
    latest = position.history.latest()
    assert position.history.count() == before + 1
    assert latest.history_user == editor
    assert latest.history_change_reason == "Added the agency report"
    assert new_source.pk in latest.sources.values_list("source_id", flat=True)
    assert new_source.pk not in latest.prev_record.sources.values_list("source_id", flat=True)


def test_a_service_write_records_user_and_reason(demo, editor):
    source = Source.objects.first()
    source.quote = "a short quotation"
    tracked_save(source, user=editor, reason="Quote added")
    latest = source.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Quote added")


def test_deleted_rows_stay_in_history(demo, editor):
    position = Position.objects.first()
    pk = position.pk
    position._history_user = editor
    position.delete()
    record = Position.history.filter(id=pk).latest()
    assert record.history_type == "-" and record.history_user == editor
    assert record.summary


def test_loading_the_demo_again_writes_no_history(demo):
    from peaceplans.demo.loader import load_plan_file

    counts = ClauseVersion.history.count(), Position.history.count(), Source.history.count()
    load_plan_file()
    assert (
        ClauseVersion.history.count(),
        Position.history.count(),
        Source.history.count(),
    ) == counts
