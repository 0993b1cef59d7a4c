from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, [])


@register.filter
def public_editor(record) -> str:
    """Who saved a revision, as readers see it: login names never leave the admin."""
    return "an editor" if record.history_user_id else "the system"


@register.filter
def change_label(value: str) -> str:
    """The reader's word for a change status (see peaceplans.vocabulary)."""
    from peaceplans.vocabulary import label

    return label(value)


@register.filter
def stance_verb(position) -> str:
    """'objects' after a state's name, 'object' after a bloc's ("European allies object")."""
    from peaceplans.models import Party
    from peaceplans.vocabulary import stance_verb as verb

    return verb(position.stance, plural=position.party.kind == Party.Kind.BLOC)


@register.filter
def sub(value: int, amount: int) -> int:
    """value - amount, for SVG coordinates."""
    return int(value) - int(amount)
