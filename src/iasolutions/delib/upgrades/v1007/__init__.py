"""1007: the configurations' ``customAdvisers`` are rows (``{"org", "delay",
"categories"}``), no longer ``service | delay | categories`` lines parsed on every
call. A line that cannot be read is logged and kept for the administrator
(``iasolutions.core.rows.unreadable_lines``)."""

from iasolutions.core.rows import migrate_lines
from iasolutions.core.rows import migrate_remembered
from iasolutions.core.rows import split_line
from iasolutions.core.validators import InvalidValue
from iasolutions.delib.content.meetingconfig import IMeetingConfigSchema
from iasolutions.delib.interfaces import IMeetingConfig
from plone import api


def parse_custom_adviser(line):
    """'finances | 10 | a, b' → {'org': 'finances', 'delay': 10, 'categories': ['a', 'b']}."""
    org, delay, categories = split_line(line, 3)
    if not org:
        raise InvalidValue("no service")
    if delay and (not delay.isdigit() or int(delay) < 1):
        raise InvalidValue(f"the delay {delay!r} is not a number of working days")
    row = {"org": org}
    if delay:
        row["delay"] = int(delay)
    categories = [c.strip() for c in categories.split(",") if c.strip()]
    if categories:
        row["categories"] = categories
    return row


def migrate_custom_advisers():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(object_provides=IMeetingConfig.__identifier__):
        cfg = brain._unrestrictedGetObject()
        lines = cfg.__dict__.get("customAdvisers") or []
        if all(isinstance(line, dict) for line in lines):
            continue
        where = f"{cfg.getId()} customAdvisers"
        field = IMeetingConfigSchema["customAdvisers"].value_type
        cfg.customAdvisers, _bad = migrate_lines(lines, parse_custom_adviser, where, field)
        migrate_remembered(f"delib/{cfg.getId()}/customAdvisers", parse_custom_adviser)


def upgrade(context):
    migrate_custom_advisers()
