"""Which clause stands beside which, when two drafts are compared."""

from peaceplans.alignment import Item, align


def item(key, clause, label, position, text="Text.", known=True):
    return Item(key, clause, label, position, text, known)


def by_clause(rows):
    return {(r.left or r.right)[0].clause: r for r in rows}


def test_same_clause_with_a_new_number_is_renumbered_not_changed():
    rows = by_clause(align([item(1, 10, "6", 6, "Cap.")], [item(2, 10, "4", 4, "Cap.")]))
    assert rows[10].status == "unchanged" and rows[10].renumbered


def test_added_removed_and_changed():
    left = [item(1, 10, "1", 1, "A."), item(2, 11, "2", 2, "B.")]
    right = [item(3, 10, "1", 1, "A, amended."), item(4, 12, "2", 2, "C.")]
    rows = by_clause(align(left, right))
    assert (rows[10].status, rows[11].status, rows[12].status) == ("changed", "removed", "added")


def test_a_clause_missing_from_a_partly_known_draft_is_not_reported_unless_dropped():
    left = [item(1, 10, "1", 1), item(2, 11, "2", 2)]
    right = [item(3, 10, "1", 1)]
    rows = by_clause(align(left, right, right_partial=True, right_dropped=frozenset({11})))
    assert rows[11].status == "removed"
    rows = by_clause(align(left, right, right_partial=True))
    assert rows[11].status == "not-reported"


def test_a_split_shows_the_old_clause_beside_both_successors():
    left = [item(1, 10, "12", 12, "Reconstruction and development.")]
    right = [item(2, 10, "9", 9, "Reconstruction."), item(3, 20, "8", 8, "Development.")]
    rows = align(left, right, links=[(20, 10)])
    assert len(rows) == 1
    assert rows[0].status == "split"
    assert [i.key for i in rows[0].right] == [3, 2]


def test_a_merge_is_the_mirror_of_a_split():
    left = [item(1, 10, "1", 1), item(2, 20, "2", 2)]
    right = [item(3, 10, "1", 1)]
    rows = align(left, right, links=[(20, 10)])
    assert [r.status for r in rows] == ["merged"]


def test_clauses_whose_order_changed_are_marked_moved():
    left = [item(1, 10, "1", 1), item(2, 11, "2", 2), item(3, 12, "3", 3)]
    right = [item(4, 12, "1", 1), item(5, 10, "2", 2), item(6, 11, "3", 3)]
    rows = by_clause(align(left, right))
    assert [rows[c].moved for c in (10, 11, 12)] == [False, False, True]


def test_text_not_known_is_its_own_status():
    rows = align([item(1, 10, "1", 1)], [item(2, 10, "1", 1, "", known=False)])
    assert rows[0].status == "unknown"


def test_rows_follow_the_right_draft_with_removed_clauses_after_their_neighbour():
    left = [item(1, 10, "1", 1), item(2, 11, "2", 2), item(3, 12, "3", 3)]
    right = [item(4, 12, "1", 1), item(5, 10, "2", 2)]
    order = [(r.left or r.right)[0].clause for r in align(left, right)]
    assert order == [12, 10, 11]
