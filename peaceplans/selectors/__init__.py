"""Reads: one function per page. Each loads everything its page shows in a fixed number of
queries, whatever the number of drafts, clauses or positions, and returns evaluated data
(dataclasses, not model instances with attributes stuck on). One module per kind of page."""

from .clauses import (
    ClauseColumn,
    ClausePage,
    ClauseVersionPage,
    Revision,
    RevisionPage,
    clause_page,
    clause_version_page,
    find_clause_version,
    revision_page,
    revisions_of,
)
from .common import (
    Pager,
    latest_stance_by_party,
    pager,
)
from .compare import (
    ComparedRow,
    ComparePage,
    KindCount,
    StanceChange,
    compare_page,
    parse_compare_kinds,
    parse_compare_spec,
)
from .drafts import ContentsEntry, DraftPage, draft_page
from .history import DraftHistoryPage, HistoryEntry, draft_history_page
from .parties import (
    PartyPage,
    PartySummary,
    parties_page,
    party_colours,
    party_page,
)
from .plans import (
    DraftColumn,
    HomePage,
    HomePlan,
    MatrixCell,
    MatrixFilter,
    MatrixRow,
    PlanPage,
    home_page,
    parse_matrix_filter,
    plan_page,
)

__all__ = [
    "ClauseColumn",
    "ClausePage",
    "ClauseVersionPage",
    "ComparePage",
    "ComparedRow",
    "ContentsEntry",
    "DraftColumn",
    "DraftHistoryPage",
    "DraftPage",
    "HistoryEntry",
    "HomePage",
    "HomePlan",
    "KindCount",
    "MatrixCell",
    "MatrixFilter",
    "MatrixRow",
    "Pager",
    "PartyPage",
    "PartySummary",
    "PlanPage",
    "Revision",
    "RevisionPage",
    "StanceChange",
    "clause_page",
    "clause_version_page",
    "compare_page",
    "draft_history_page",
    "draft_page",
    "find_clause_version",
    "home_page",
    "latest_stance_by_party",
    "pager",
    "parse_compare_kinds",
    "parse_compare_spec",
    "parse_matrix_filter",
    "parties_page",
    "party_colours",
    "party_page",
    "plan_page",
    "revision_page",
    "revisions_of",
]
