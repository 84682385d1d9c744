"""1007: the mail settings that were pipe-delimited lines are rows
(``iasolutions.core.rows``), read without parsing and edited row by row:

- ``mail_types``, ``omail_types``, ``imail_send_modes``, ``omail_send_modes``:
  ``token|Label`` (or ``Label``) → ``{"value", "title"}``;
- ``email_routing``: ``to:address | service | user | state`` →
  ``{"kind", "pattern", "service", "user", "state"}``.

The records are defined again with their new fields, then given the migrated
values. A line that cannot be read is logged and kept for the administrator
(``iasolutions.core.rows.unreadable_lines``)."""

from iasolutions.core.rows import migrate_lines
from iasolutions.core.rows import migrate_remembered
from iasolutions.core.rows import parse_term
from iasolutions.core.rows import split_line
from iasolutions.core.validators import InvalidValue
from iasolutions.mail import settings
from iasolutions.mail.interfaces import ROUTING_STATES
from iasolutions.mail.interfaces import IMailSettings
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


TERMS = ("mail_types", "omail_types", "imail_send_modes", "omail_send_modes")
ROUTING = "email_routing"


def parse_routing_rule(line):
    """'to:a@b.be | finances | jdoe | proposed_to_agent' → a rule (no kind: to)."""
    match, service, user, state = split_line(line, 4)
    kind, sep, pattern = match.partition(":")
    if not sep:
        kind, pattern = "to", match
    if kind not in ("to", "from") or not pattern.strip():
        raise InvalidValue(f"{match!r} is not to:address or from:pattern")
    if state and state not in ROUTING_STATES:
        raise InvalidValue(f"unknown state {state!r}")
    rule = {"kind": kind, "pattern": pattern.strip(), "state": state or "created"}
    rule.update({name: value for name, value in (("service", service), ("user", user)) if value})
    return rule


PARSERS = dict.fromkeys(TERMS, parse_term) | {ROUTING: parse_routing_rule}


def old_values():
    """The values as the records hold them before they are defined again."""
    registry = getUtility(IRegistry)
    values = {}
    for name in PARSERS:
        record = registry.records.get(f"{settings.PREFIX}.{name}")
        if record is not None and record.value is not None:
            values[name] = list(record.value)
    return values


def migrate_settings():
    values = old_values()
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(
        "profile-iasolutions.mail:default", "plone.app.registry", run_dependencies=False
    )
    for name, lines in values.items():
        field = IMailSettings[name].value_type
        rows, _bad = migrate_lines(lines, PARSERS[name], f"mail {name}", field)
        settings.set(name, rows)
        migrate_remembered(f"mail/{name}", PARSERS[name])


def upgrade(context):
    migrate_settings()
