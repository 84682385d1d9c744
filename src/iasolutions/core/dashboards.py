"""Faceted dashboards (eea.facetednavigation) for agents.

A dashboard is a ``dashboard`` object: a collection whose query selects the
content (types, states…) and may hold per-user parts, with faceted navigation
enabled on it, filters (criteria) on the left or top, and the results shown
as a table with checkboxes for batch actions, 30 a page by default::

    create_dashboard(
        folder, "to-treat", _("To treat"),
        query=[type_is("dmsincomingmail"), state_is("proposed_to_agent"),
               user_query("mail.assigned_to_me")],
        criteria=[text_filter(), checkbox_filter("review_state", _("State"), vocabulary="…")],
        columns=["Title", "review_state", "created"],
    )

Titles are messages of the module's factory (English ids, fr and en in its
catalogues); the dashboard stores them in French (``core.i18n.content_text``).

Batch actions are rows ``{"view": "mail-batch-labels", "title": "Étiquettes"}``
(``content.dashboard.IBatchAction``): a button per row, calling the view with the
selected rows; the buttons whose view the user may not use are not shown.

Per-user parts: a module registers a named ``IDashboardQuery`` utility (say
``mail.assigned_to_me``) returning the catalog query of the current user
(``{"assigned_user": "jdoe"}``); ``user_query(name)`` puts it in a dashboard.
Columns are formatted by named ``IDashboardColumn`` utilities (core: Title,
review_state, created, modified, Creator), else shown as they are.

Per-user facets: ``user_filter(index, title, name)`` shows the choices of the
vocabulary ``name`` ("read", "followed"…) as checkboxes; the page sends only
these choices, and the ``IDashboardFilter`` utility of the same name turns
them into the current user's query, so nobody can ask for another user's
values.
"""

import csv
from DateTime import DateTime
from datetime import date
from eea.facetednavigation.criteria.handler import Criteria
from eea.facetednavigation.interfaces import ICriteria
from eea.facetednavigation.interfaces import IFacetedNavigable
from eea.facetednavigation.layout.interfaces import IFacetedLayout
from eea.facetednavigation.widgets.checkbox.interfaces import ICheckboxSchema
from eea.facetednavigation.widgets.checkbox.widget import Widget as CheckboxWidget
from iasolutions.core import _
from iasolutions.core.dates import format_date
from iasolutions.core.i18n import content_text
import io
from plone import api
from plone.app.querystring.queryparser import parseFormquery
from zope.component import getMultiAdapter
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import Interface
from zope.schema.interfaces import IVocabularyFactory


OPERATION = "iasolutions.core.operation.dashboard"
LAYOUT = "faceted-dashboard-table"
PAGE_SIZE = 30
NOTHING = {"UID": {"query": ["no-such-uid"]}}


class IDashboardQuery(Interface):
    """Named utility: ``__call__(context)`` → catalog query for the current user."""


class IDashboardColumn(Interface):
    """Named utility (the column id): ``title`` and ``__call__(brain) → text``."""


class IDashboardFilter(Interface):
    """Named utility, named as the facet's vocabulary:
    ``__call__(context, values, own) → catalog query`` of the choices ``values``
    for the current user; ``own`` is the dashboard's own query, whose part on
    the same index the result must keep (the facet's query replaces it)."""


# Collection query rows --------------------------------------------------


def type_is(*portal_types):
    return {
        "i": "portal_type",
        "o": "plone.app.querystring.operation.selection.any",
        "v": list(portal_types),
    }


def state_is(*states):
    return {
        "i": "review_state",
        "o": "plone.app.querystring.operation.selection.any",
        "v": list(states),
    }


def index_is(index, *values):
    return {"i": index, "o": "plone.app.querystring.operation.selection.any", "v": list(values)}


def user_query(name):
    """A per-user part of the query, computed by the ``IDashboardQuery`` named ``name``."""
    return {"i": "UID", "o": OPERATION, "v": name}


def dashboard_query_operation(context, row):
    """plone.app.querystring operation behind ``user_query``."""
    query = queryUtility(IDashboardQuery, name=row.values or "")
    if query is None:
        return NOTHING
    return query(context) or NOTHING


# Faceted criteria -------------------------------------------------------


SEARCH = _("Search terms")


def text_filter(title=SEARCH, position="top"):
    return ("text", position, {"title": title, "index": "SearchableText", "wildcard": True})


def checkbox_filter(index, title, vocabulary="", position="left", operator="or", hidden=False):
    return (
        "checkbox",
        position,
        {
            "title": title,
            "index": index,
            "vocabulary": vocabulary,
            "operator": operator,
            "hidden": hidden,
            "maxitems": 8,
        },
    )


def select_filter(index, title, vocabulary="", position="left"):
    return ("select", position, {"title": title, "index": index, "vocabulary": vocabulary})


def search_filter(index, title, vocabulary, position="left"):
    """A drop-down list with a search box, for long vocabularies (contacts…)."""
    return (
        "multiselect",
        position,
        {
            "title": title,
            "index": index,
            "vocabulary": vocabulary,
            "operator": "or",
            "multiple": False,
        },
    )


def date_filter(index, title, position="left"):
    return ("daterange", position, {"title": title, "index": index})


def user_filter(index, title, vocabulary, position="left"):
    """Checkboxes whose choices the ``IDashboardFilter`` named ``vocabulary``
    turns into the current user's query on ``index`` (each choice must hold)."""
    return (
        UserFilterWidget.widget_type,
        position,
        {"title": title, "index": index, "vocabulary": vocabulary, "operator": "and"},
    )


class IUserFilterSchema(ICheckboxSchema):
    """The settings of a per-user facet: those of checkboxes."""


class UserFilterWidget(CheckboxWidget):
    """The checkboxes of a ``user_filter`` (eea's page and script): the query
    is made here, on the server, for the user who asks."""

    widget_type = "iasolutions_user_filter"
    widget_label = "Per-user checkboxes"

    def query(self, form):
        index = self.data.get("index", "")
        chosen = super().query(form).get(index)
        if not chosen:
            return {}
        values = chosen["query"]
        values = [values] if isinstance(values, str) else list(values)
        utility = queryUtility(IDashboardFilter, name=self.data.get("vocabulary") or "")
        if utility is None:
            return dict(NOTHING)
        # eea lays the facets' query over the dashboard's own: the utility sees
        # the latter to keep its part on the same index.
        return utility(self.context, values, own_query(self.context)) or dict(NOTHING)


def own_query(dashboard):
    """The dashboard's own catalog query, for the current user."""
    return parseFormquery(dashboard, dashboard.query or [])


def create_dashboard(
    container,
    id,
    title,
    query,
    criteria=(),
    columns=None,
    sort_on="created",
    sort_reversed=True,
    page_size=PAGE_SIZE,
    batch_actions=(),
    description="",
):
    """Create or update a dashboard (idempotent: a profile may run it again).

    Titles given as messages (``_("My items")``) are stored in French (``core.i18n``).
    """
    title, description = content_text(title), content_text(description)
    dashboard = container.get(id)
    if dashboard is None:
        dashboard = api.content.create(container=container, type="dashboard", id=id, title=title)
    dashboard.title = title
    dashboard.description = description
    dashboard.query = list(query)
    dashboard.sort_on = sort_on
    dashboard.sort_reversed = sort_reversed
    dashboard.columns = list(columns or ["Title", "review_state", "modified"])
    dashboard.batch_actions = [dict(action) for action in batch_actions]
    _configure_faceted(dashboard, criteria, page_size)
    dashboard.reindexObject()
    return dashboard


def _configure_faceted(dashboard, criteria, page_size):
    # The filters go in before faceted navigation is enabled: eea then adds none of its
    # default filters (an XML import, deleted here at once, a fifth of the time of
    # creating a municipality). Its handler of criteria, as ICriteria adapts to it.
    handler = Criteria(dashboard)
    for cid in list(handler.keys()):
        handler.delete(cid)
    for widget, position, properties in criteria:
        properties = dict(properties, title=content_text(properties.get("title", "")))
        _add_criterion(handler, widget, position, properties)
    _add_criterion(
        handler,
        "resultsperpage",
        "right",
        {
            "title": content_text(_("Per page")),
            "start": page_size,
            "end": page_size * 3,
            "step": page_size,
            "default": page_size,
            "hidden": True,
        },
    )
    if not IFacetedNavigable.providedBy(dashboard):
        getMultiAdapter((dashboard, getRequest()), name="faceted_subtyper").enable()
    IFacetedLayout(dashboard).update_layout(LAYOUT)


def _add_criterion(handler, widget, position, properties):
    """Add a filter as eea's ``Criteria.add(widget, position, **properties)`` stores it
    (only the properties of the widget's schema), checking its index and vocabulary
    here: eea checks each text against its field's vocabulary, and the vocabulary of
    catalog indexes reads the whole querystring registry each time, two thirds of the
    time of creating a municipality."""
    index, vocabulary = properties.get("index"), properties.get("vocabulary")
    if index and index not in api.portal.get_tool("portal_catalog").indexes():
        raise ValueError(f"Dashboard filter on {index!r}: no such catalog index")
    if vocabulary and queryUtility(IVocabularyFactory, name=vocabulary) is None:
        raise ValueError(f"Dashboard filter on {index!r}: no vocabulary {vocabulary!r}")
    cid = handler.add(widget, position, "default")
    schema = handler.schema(wid=widget, cid=cid)
    handler.get(cid).update(**{key: value for key, value in properties.items() if key in schema})
    handler.criteria._p_changed = True


# Results ----------------------------------------------------------------


def results(dashboard, batch=False, **filters):
    """The dashboard's results for the current user, filtered as in the page.

    Filters are given by criterion id (``c1=…``, as the page sends them) or by
    the index of a criterion (``SearchableText="dupont"``).
    """
    by_index = {
        criterion.index: cid
        for cid, criterion in ICriteria(dashboard).items()
        if getattr(criterion, "index", None)
    }
    filters = {by_index.get(key, key): value for key, value in filters.items()}
    query_view = getMultiAdapter((dashboard, getRequest()), name="faceted_query")
    return query_view.query(batch=batch, **filters)


def count(dashboard):
    """How many results the dashboard shows the current user (its filters as the page
    opens), counted without sorting them: the home page counts every dashboard, and
    sorting was most of its time in a catalog of 100,000 documents. The query is the
    one eea.facetednavigation runs: the collection's own, overlaid by the filters'."""
    query_view = getMultiAdapter((dashboard, getRequest()), name="faceted_query")
    query = own_query(dashboard)
    query.update(query_view.criteria())
    for key in ("sort_on", "sort_order", "sort_limit", "b_start", "b_size"):
        query.pop(key, None)
    return len(api.portal.get_tool("portal_catalog").searchResults(**query))


def column_title(column):
    utility = queryUtility(IDashboardColumn, name=column)
    return getattr(utility, "title", column)


def cell(brain, column):
    """The text of a column for a result (formatted by its IDashboardColumn if any)."""
    return column_cell(column)(brain)


def column_cell(column):
    """The function giving a result's text in ``column`` (looked up once for all rows)."""
    utility = queryUtility(IDashboardColumn, name=column)
    if utility is not None:
        return utility
    return lambda brain: display(getattr(brain, column, ""))


def display(value):
    if value is None or value == "Missing.Value" or repr(value) == "Missing.Value":
        return ""
    if isinstance(value, (DateTime, date)):
        return format_date(value, with_time=True)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(display(item) for item in value)
    return str(value)


def rows(dashboard, brains):
    columns = list(dashboard.columns or [])
    yield [column_title(column) for column in columns]
    cells = [column_cell(column) for column in columns]
    for brain in brains:
        yield [format_cell(brain) for format_cell in cells]


def to_csv(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in table:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


def to_ods(table):
    """A spreadsheet (ODS) of the rows, the first one as header."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table
    from odf.table import TableCell
    from odf.table import TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Export")
    for row in table:
        table_row = TableRow()
        for value in row:
            table_cell = TableCell(valuetype="string")
            table_cell.addElement(P(text=str(value)))
            table_row.addElement(table_cell)
        sheet.addElement(table_row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
