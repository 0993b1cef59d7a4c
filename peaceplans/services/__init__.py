"""Writes to the record. Views, the admin, the importer and the demo loader write only through
these functions, so every change is in history with who and why, under one set of rules
(`editorial`)."""

from .bulk import bulk_create_tracked
from .drafts import draft_clone, draft_import, positions_record
from .editorial import (
    can_publish,
    check_clause_version,
    check_derivation,
    check_draft,
    check_draft_parents,
    check_new_clause_versions,
    clause_version_correct,
    clause_version_save,
    delete,
    delete_blockers,
    derivations_changed,
    derivations_set,
    draft_publish,
    draft_save,
    drafts_publish,
    would_read_as_dropped,
)
from .records import (
    ConflictError,
    UnknownRevisionError,
    assert_unchanged_since,
    latest_revision_id,
    record_snapshot,
    tracked_delete,
    tracked_save,
    tracked_set_related,
    upsert,
)

__all__ = [
    "ConflictError",
    "UnknownRevisionError",
    "assert_unchanged_since",
    "bulk_create_tracked",
    "can_publish",
    "check_clause_version",
    "check_derivation",
    "check_draft",
    "check_draft_parents",
    "check_new_clause_versions",
    "clause_version_correct",
    "clause_version_save",
    "delete",
    "delete_blockers",
    "derivations_changed",
    "derivations_set",
    "draft_clone",
    "draft_import",
    "draft_publish",
    "draft_save",
    "drafts_publish",
    "latest_revision_id",
    "positions_record",
    "record_snapshot",
    "tracked_delete",
    "tracked_save",
    "tracked_set_related",
    "upsert",
    "would_read_as_dropped",
]
