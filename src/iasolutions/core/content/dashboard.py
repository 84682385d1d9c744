from iasolutions.core import _
from iasolutions.core.rows import Row
from plone.app.contenttypes.content import Collection
from plone.supermodel import model
from zope import schema
from zope.interface import Interface
from zope.interface import implementer


class IBatchAction(Interface):
    """A button of a dashboard acting on the selected rows."""

    view = schema.ASCIILine(
        title=_("View"),
        description=_("The view called with the selected rows, e.g. mail-batch-labels."),
    )
    title = schema.TextLine(title=_("Button label"), required=False)


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
        description=_("Buttons acting on the selected rows: a view and its label."),
        value_type=Row(schema=IBatchAction),
        required=False,
        default=[],
    )


@implementer(IDashboard)
class Dashboard(Collection):
    """Dashboard."""
