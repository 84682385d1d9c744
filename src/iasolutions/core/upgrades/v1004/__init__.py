"""1004: the dashboards' batch actions are rows (``{"view": …, "title": …}``), no
longer ``view|Label`` lines parsed on every display."""

from iasolutions.core.rows import migrate_lines
from iasolutions.core.rows import split_line
from iasolutions.core.validators import InvalidValue
from plone import api


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


def upgrade(context):
    migrate_batch_actions()
