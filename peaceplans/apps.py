from django.apps import AppConfig


class PeaceplansConfig(AppConfig):
    name = "peaceplans"
    verbose_name = "Peace plans"

    def ready(self) -> None:
        from . import caching  # noqa: F401  (connects the signals that version the record)
