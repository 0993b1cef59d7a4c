"""Nothing changes without a trace: the latest history row of every tracked record must equal
the record, fields and tracked many-to-many links alike. Run it after every editor journey."""

from django.apps import apps
from simple_history import utils


def tracked_models():
    return [
        model
        for model in apps.get_app_config("peaceplans").get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    ]


def history_mismatches() -> list[str]:
    problems = []
    for model in tracked_models():
        m2m_fields = [model._meta.get_field(name) for name in _m2m_names(model)]
        latest = {}
        for record in model.history.order_by("history_date", "history_id"):
            latest[record.id] = record
        for row in model.objects.prefetch_related(*[f.name for f in m2m_fields]):
            record = latest.get(row.pk)
            if record is None:
                problems.append(f"{model.__name__} {row.pk}: no history at all")
                continue
            for field in model._meta.concrete_fields:
                if getattr(row, field.attname) != getattr(record, field.attname):
                    problems.append(f"{model.__name__} {row.pk}: {field.name} differs from history")
            for field in m2m_fields:
                reverse = utils.get_m2m_reverse_field_name(field)
                now = {obj.pk for obj in getattr(row, field.name).all()}
                recorded = set(getattr(record, field.name).values_list(f"{reverse}_id", flat=True))
                if now != recorded:
                    problems.append(
                        f"{model.__name__} {row.pk}: {field.name} is {sorted(now)} but its "
                        f"latest history says {sorted(recorded)}"
                    )
    return problems


def _m2m_names(model) -> list[str]:
    # simple-history keeps the tracked links on the historical model, not on the model itself
    # (read from the model, this list was always empty and no link was ever checked).
    fields = getattr(model.history.model, "_history_m2m_fields", [])
    return [f.name if hasattr(f, "name") else f for f in fields]


def assert_history_matches_records() -> None:
    problems = history_mismatches()
    assert not problems, "\n".join(problems[:20])
