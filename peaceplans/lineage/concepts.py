"""Words a negotiated text uses for the same thing: a small domain lexicon for the lineage
matcher. Pure: no ORM.

Drafters and the outlets that retell them say the same thing in different words ("troops" and
"armed forces", "war graves" and "military cemeteries", "ratify" and "subject to
ratification"). Bag-of-words cosine sees nothing shared there. Each group below is one concept:
a clause using any of its words or phrases also counts a shared concept term (scores.py gives
it a fraction of a word's weight), so two paraphrases share something without their words
having to match.

Built from general diplomatic and legal vocabulary and from the demo record's own drafts
(peaceplans/demo/), never from the evaluation set's held-out pairs. Keep the groups narrow: a
word with two everyday senses ("force" as in "enters into force", "arms" as in "armed",
"line" as in "power lines") goes in only through a phrase that fixes its sense. Adding a group
changes the evaluation table: run `manage.py evalmatcher` before and after.
"""

import re

# One concept a line: its name, then the words (each in every form a text may use: they are
# stemmed with the matcher's own light stemmer, so "graves" and "grave" are one entry).
_GROUPS = """
military: troops troop soldiers soldier army armies military servicemen contingent contingents
weapons: weapons weapon weaponry armaments armament artillery guns missiles missile rockets
    launchers tanks armoured armored
border: border borders boundary boundaries frontier frontiers demarcation
sea: sea seas maritime marine offshore seabed
coast: coast coasts coastline coastal shore shores shoreline littoral
navy: navy navies naval fleet fleets warships warship minesweepers minesweeper
middle: middle median halfway equidistant equidistance midpoint midline
equal: equal equally evenly halves parity
graves: cemetery cemeteries burial burials buried tombs tomb gravesite gravesites
money: revenue revenues money proceeds income profits earnings royalties
oil: oil petroleum crude hydrocarbons hydrocarbon fuel fuels diesel petrol gasoline
gas: gas gases
dispute: dispute disputes disagreement disagreements controversy controversies
ratify: ratify ratifies ratified ratifying ratification
transfer: transfer transfers transferred handover cede cedes ceded cession
body: council councils board boards commission commissions committee committees panel
sanctions: sanctions sanction embargo embargoes
ceasefire: ceasefire ceasefires cease-fire truce truces armistice
fighting: fighting fight hostilities combat shooting warfare clashes
prisoners: prisoners prisoner detainees detainee captives captive captured hostages internees
withdraw: withdraw withdraws withdrawn withdrawal withdrawals retreat pullback redeploy
refugees: refugees refugee displaced evacuees returnees fled flee flees
repatriate: repatriate repatriated repatriation
monitors: monitor monitors monitoring observer observers inspectors inspector
elections: election elections vote votes ballot ballots polls
amnesty: amnesty amnesties pardon pardons
compensation: compensation compensate compensated reparations reparation indemnity
nuclear: nuclear atomic reactor reactors
signature: sign signs signed signing signature
fish: fish fishing fisheries fishery fishermen
ship: boats boat vessels vessel ships ship
port: port ports harbour harbours harbor harbors
guarantee: guarantee guarantees guaranteed assurance assurances
children: children child minors
mines: landmines landmine minefield minefields demining ordnance explosives
family: families family relatives kin
trade: trade commerce commercial merchant merchants
crossing: crossing crossings checkpoint checkpoints
alliance: alliance alliances bloc blocs
talks: talks negotiations negotiation negotiate negotiated
aid: aid assistance relief humanitarian
assets: assets asset reserves
worship: worship church churches religious mosque mosques
nationality: nationality nationalities citizenship citizen citizens passport passports
violation: violation violations breach breaches infringement infringements contravention
charge: toll tolls fee fees levy levies tariff tariffs
crew: crew crews sailors sailor seafarers seafarer mariners mariner seamen seaman
release: release releases released releasing liberate liberated
education: education educational schools school schooling curriculum teaching
culture: culture cultural museums museum theatres theatre
tax: tax taxes taxation taxing
electricity: electricity electric electrical
dam: dam dams reservoir reservoirs hydroelectric hydropower barrage
farming: farmland farms farming farmers agricultural agriculture cultivation crops harvest sowing
notify: notify notifies notified notification notifications warn warns warned
pollution: pollution pollutants pollutant polluted contamination effluent effluents sewage
women: women woman female females
illicit: illicit illegal illegally unlawful unlawfully
digital: digital digitised digitized digitisation digitization
prosecute: prosecute prosecuted prosecution prosecutions
health: health healthcare hospitals hospital medical clinics clinic
"""

# Phrases that name a concept in several words, or fix the sense of an ambiguous word.
_PHRASES = {
    "military": r"armed forces|military forces|(?:foreign|russian|ukrainian|allied) forces"
    r"|\bforces\b",
    "weapons": r"\barms\b|heavy weapons",
    "border": r"line of (?:contact|control|separation)|contact line|median line|dividing line",
    "ceasefire": r"cessation of hostilities|hostilities (?:shall |will )?(?:cease|end|stop)"
    r"|(?:stop|end) (?:the )?(?:fighting|shooting)|(?:cease|ceases|stop|stops) (?:fire|firing)"
    r"|guns (?:shall |will )?(?:fall|go|be|remain) (?:silent|quiet)|\bcease-fire",
    "sanctions": r"restrictive (?:economic |trade )?measures|economic penalties"
    r"|counter-?measures against",
    "equal": r"fifty-fifty|\b50[-:/]50\b|equal shares|down the middle",
    "withdraw": r"(?:pull|move|fall)(?:s|ed|ing)? (?:back|out)|\bdr[ae]w (?:back|out)\b(?! the)",
    "repatriate": r"(?:go|return|sent|send) home",
    "effect": r"(?:takes?|taking) effect|(?:enters?|entering|comes?|coming) into force",
    "transfer": r"hand(?:s|ed|ing)? over",
    # "Graves", not "grave concern".
    "graves": r"\bgraves\b|(?:war|mass|military) graves?\b|\bgrave ?sites?\b",
    "charge": r"(?:customs|import|export) duties|(?:navigation|transit|port|harbour|user|toll)"
    r" charges?",
    # Not "remains" alone: "the agreement remains in force".
    "remains": r"(?:mortal )?remains of (?:the |those )(?:dead|deceased|fallen|victims|killed)\b"
    r"|remains of those killed\b"
    r"|\b(?:body|bodies) of (?:the )?(?:dead|deceased|fallen|victims|those killed)\b",
    # One name for "mine" and "mines" (the same word); not the coal mines of a mining clause.
    "mines": r"(?<!coal )(?<!gold )(?<!salt )(?<!copper )\bmine(?=s?\b)",
    "prisoners": r"(?:persons|people) (?:being )?(?:held|detained)\b"
    r"|(?:persons|people) (?:it is|they are|each side is) holding|held (?:captive|prisoner)",
    "prosecute": r"criminal proceedings",
    "release": r"\bfreed\b|(?:set|sets|setting) free|\bfrees?\s+(?:the|all)\b",
}

PREFIX = "~"  # a concept's term: no word of a text starts with it


def build(stem, function_words) -> tuple[dict[str, str], list[tuple[str, frozenset, re.Pattern]]]:
    """{stem: concept term} for the words; for the phrases, (concept term, the stems of the
    words one of its phrases must contain, pattern). A phrase is searched for only in a text
    with one of those stems: most texts name no phrase, and a search costs more than a lookup."""
    words = {}
    for line in re.sub(r"\n\s+", " ", _GROUPS).strip().splitlines():
        name, _, members = line.partition(":")
        for word in members.split():
            words.setdefault(stem(word), PREFIX + name.strip())
    phrases = []
    for name, pattern in _PHRASES.items():
        # Every alternative of these patterns holds a literal word that is not a function word.
        words_in = re.findall(r"[a-z0-9]{2,}", re.sub(r"\\b", " ", pattern))
        literal = {stem(w) for w in words_in} - function_words
        phrases.append((PREFIX + name, frozenset(literal), re.compile(pattern)))
    return words, phrases
