from iasolutions.core import _
from plone.app.contenttypes.content import Collection
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IDashboard(model.Schema):
    """A faceted dashboard: a collection whose query may hold per-user parts
    (``iasolutions.core.operation.dashboard``), shown as a table."""

    columns = schema.List(
        title=_("Columns"),
        description=_("Catalog metadata shown as columns, e.g. Title, review_state, created."),
        value_type=schema.ASCIILine(),
        required=False,
        default=["Title", "review_state", "modified"],
    )
    batch_actions = schema.List(
        title=_("Batch actions"),
        description=_("'view-name|Title' lines: buttons acting on the selected rows."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )


@implementer(IDashboard)
class Dashboard(Collection):
    """Dashboard."""
