"""1003: the dashboards' batch actions (``view|Label`` lines), the municipal
holidays (``MM-DD | name`` lines) and the contacts directory's position and
organisation types (``token|Label`` lines) are rows (``{"view", "title"}``,
``{"day", "name"}``, ``{"value", "title"}``), no longer parsed on every use. A line that cannot be read is logged
and kept for the administrator (``iasolutions.core.rows.unreadable_lines``)."""

from iasolutions.core import workingdays
from iasolutions.core.content.directory import IDirectory
from iasolutions.core.rows import migrate_lines
from iasolutions.core.rows import parse_term
from iasolutions.core.rows import split_line
from iasolutions.core.validators import InvalidValue
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def parse_batch_action(line):
    """'mail-batch-labels|Étiquettes' → {'view': 'mail-batch-labels', 'title': 'Étiquettes'}."""
    view, title = split_line(line, 2)
    if not view or not view.isascii() or " " in view:
        raise InvalidValue(f"{view!r} is not a view name")
    return {"view": view, "title": title} if title else {"view": view}


def migrate_batch_actions():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="dashboard"):
        dashboard = brain._unrestrictedGetObject()
        lines = getattr(dashboard, "batch_actions", None) or []
        if all(isinstance(line, dict) for line in lines):
            continue
        where = "/".join(dashboard.getPhysicalPath()[2:]) + " batch_actions"
        dashboard.batch_actions, _bad = migrate_lines(lines, parse_batch_action, where)


def parse_holiday(line):
    """'11-02 | Toussaint' → {'day': '11-02', 'name': 'Toussaint'}."""
    day, name = split_line(line, 2)
    return {"day": day, "name": name} if name else {"day": day}


def migrate_holidays():
    registry = getUtility(IRegistry)
    name = f"{workingdays.REGISTRY_PREFIX}.municipal_holidays"
    record = registry.records.get(name)
    lines = list(record.value or []) if record is not None else []
    registry.registerInterface(workingdays.ICalendarSettings, prefix=workingdays.REGISTRY_PREFIX)
    field = workingdays.ICalendarSettings["municipal_holidays"].value_type
    registry[name], _bad = migrate_lines(lines, parse_holiday, "calendar municipal_holidays", field)


DIRECTORY_TERMS = ("position_types", "organization_types", "organization_levels")


def migrate_directory_terms():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="directory"):
        directory = brain._unrestrictedGetObject()
        for name in DIRECTORY_TERMS:
            lines = getattr(directory, name, None) or []
            if all(isinstance(line, dict) for line in lines):
                continue
            where = f"{directory.getId()} {name}"
            field = IDirectory[name].value_type
            rows, _bad = migrate_lines(lines, parse_term, where, field)
            setattr(directory, name, rows)


def upgrade(context):
    migrate_batch_actions()
    migrate_holidays()
    migrate_directory_terms()
