"""A small record for the reuse tests (API, exports, feeds, citations, search leaks): two
published drafts with a changed clause, a split and positions, and one draft in preparation
whose every word is unusual enough to be searched for in any response."""

import datetime

from peaceplans.models import ClauseDerivation, Draft, Event

# Words that appear only in the draft in preparation.
SECRET_WORDS = ("Zanzibar", "Quokka", "Wombat", "Narwhal", "Platypus")


def build_reuse_record(make) -> dict:
    plan = make.plan(slug="peace", title="Peace plan")
    us = make.party(slug="us", name="United States", short_name="US")
    ru = make.party(slug="ru", name="Russia", short_name="RU")
    report = make.source(title="Agency report on the plan", publisher="Wire")
    first = make.draft(plan, slug="first", title="First draft", date=datetime.date(2025, 10, 1))
    first.authors.add(us)
    first.sources.add(report)
    second = make.draft(plan, slug="second", title="Second draft", date=datetime.date(2025, 11, 1))
    second.derived_from.add(first)
    army = make.clause(plan, slug="army", title="Army size", topic="military")
    nato = make.clause(plan, slug="nato", title="NATO", topic="alliances")
    bases = make.clause(plan, slug="bases", title="Foreign bases", topic="alliances")
    army_1 = make.version(first, army, label="6", heading="Army cap",
                          text="Troops are capped at 600,000.")  # fmt: skip
    army_2 = make.version(second, army, label="4", heading="Army cap",
                          text="Troops are capped at 800,000 in peacetime.")  # fmt: skip
    nato_1 = make.version(first, nato, label="7", text="No NATO membership and no bases.")
    nato_2 = make.version(second, nato, label="8", text="No NATO membership.")
    bases_2 = make.version(second, bases, label="9", text="No foreign bases.")
    ClauseDerivation.objects.create(child=nato_2, parent=nato_1)
    ClauseDerivation.objects.create(child=bases_2, parent=nato_1)
    army_1.sources.add(report)
    objection = make.position(ru, clause_version=army_2, stance="objects",
                              summary="Wants a smaller army.")  # fmt: skip
    objection.sources.add(make.source(title="Kremlin readout", publisher="TASS"))
    make.position(us, draft=first, stance="proposed", summary="Put the plan forward.")
    talks = Event.objects.create(
        plan=plan,
        slug="geneva-round",
        kind=Event.Kind.ROUND,
        title="Geneva round",
        date=datetime.date(2025, 10, 20),
        place="Geneva",
        summary="Delegations met over the first draft.",
    )
    talks.drafts.add(first)
    talks.parties.add(us, ru)
    talks.sources.add(report)

    secret = make.draft(
        plan,
        slug="zanzibar",
        title="Zanzibar draft",
        summary="Zanzibar summary.",
        editorial_state=Draft.EditorialState.IN_PREPARATION,
    )
    second.derived_from.add(secret)  # a published draft may name one in preparation
    hidden = make.clause(plan, slug="platypus", title="Platypus clause", topic="territory")
    hidden_version = make.version(secret, hidden, label="1", heading="Platypus",
                                  text="Quokka corridor is demilitarised.")  # fmt: skip
    hidden_version.sources.add(make.source(title="Narwhal memo", publisher="Narwhal"))
    leaked_army = make.version(secret, army, label="2", text="Quokka army of 700,000.")
    make.position(ru, clause_version=leaked_army, stance="supports", summary="Wombat agrees.")
    handover = Event.objects.create(
        plan=plan,
        slug="wombat-handover",
        kind=Event.Kind.HANDOVER,
        title="Wombat handover",
        date=datetime.date(2025, 12, 5),
        summary="The Zanzibar text changed hands.",
    )
    handover.drafts.add(secret)
    handover.sources.add(make.source(title="Narwhal cable", publisher="Narwhal"))
    return {
        "plan": plan,
        "first": first,
        "second": second,
        "secret": secret,
        "army_1": army_1,
        "army_2": army_2,
        "nato_1": nato_1,
        "bases_2": bases_2,
    }
