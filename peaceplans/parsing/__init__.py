"""Pasted draft text -> numbered clauses, notes and warnings. Pure: no ORM.

A clause starts at a line that begins with its label, in the forms publishers use: `1.` `1)`
`12a.` `(3)` `1 –` `10 [There …` `1.º` `**1.**` `Point 7:` `Paragraph 3.` `Item 5:` `No. 4`
`N.º 4` `§ 3` `Article 3` `Art. 3` `Пункт 7.` `Стаття 3`, Roman numerals when the draft is
numbered that way (`I.` and `II.` both present), any Unicode digits read as ASCII (NFKC). A
worded label followed by a lower-case word is prose ("Point 3 of the US plan, which …").
Lettered, bulleted and Roman sub-points stay inside their clause, and so does a numbered list
that restarts at 1, or is indented, under a line ending in `:` (or indented and restarting at
1 under any line). A line in capitals, in bold or starting with `#` between clauses is a
section heading. An unnumbered note between clauses ("(Point 3 … is deleted.)", "Note: …", a
paragraph that reports what someone said, commentary on the text: "The plan would …",
"According to …") is kept apart; other unnumbered paragraphs stay in the clause above, named
in a warning so the editor can check them. Text before the first
clause is the preamble. Hard-wrapped lines are joined. Every warning names its line and quotes
it.
"""

from .draft import clean, parse_draft, render_draft
from .labels import recognise
from .notes import COMMENTARY_VERBS, REPORTING_WORDS
from .result import ParsedClause, ParsedNote, ParseResult, ParseWarning
from .text import FUNCTION_WORDS

__all__ = [
    "COMMENTARY_VERBS",
    "FUNCTION_WORDS",
    "REPORTING_WORDS",
    "ParseResult",
    "ParseWarning",
    "ParsedClause",
    "ParsedNote",
    "clean",
    "parse_draft",
    "recognise",
    "render_draft",
]
