"""The lineage matcher on heavily reworded drafts (issue 11, round 2): where only the order
vouches for a link, the weak rules around it must not pile weak evidence on weak evidence, and
a clause split or merged in other words still finds all its parts."""

from peaceplans.lineage import Candidate, suggest_ancestors


def test_a_weak_link_takes_no_second_ancestor_that_resembles_another_new_clause_too():
    # "Osterlind ... war cemeteries" continues the war graves only through its place and a
    # concept (0.25, not a confident match). The property clause beside that ancestor shares
    # "right" and "islands" with it (0.23), but reads nearly as much like the church property
    # clause: no sign that the two were merged.
    old = [
        Candidate("a", "1", "The ceasefire starts at midnight along the whole front."),
        Candidate("b", "2", "Property rights on the islands would be respected."),
        Candidate("c", "3", "Osterlind could go on looking after its war graves there."),
        Candidate("d", "4", "Disputes go to the International Court of Justice."),
    ]
    new = [
        ("I", "The ceasefire starts at midnight along the whole front."),
        ("II", "Osterlind shall have the right to maintain its military cemeteries on the islands"),
        ("III", "Disputes go to the International Court of Justice."),
        ("IV", "Church property seized in the war shall be returned to its owners within a year."),
    ]
    suggestions = suggest_ancestors(old, new)
    assert (suggestions[1].parent, suggestions[1].also) == ("c", [])
