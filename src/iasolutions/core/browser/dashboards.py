"""Dashboard results as a table, and their export."""

from AccessControl import Unauthorized
from DateTime import DateTime
import eea.facetednavigation.browser
from eea.facetednavigation.browser.app.query import FacetedQueryHandler
from html import escape
from iasolutions.core import _
from iasolutions.core import dashboards
import logging
import os
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from ZODB.POSException import ConflictError
from zope.i18n import translate
from zope.i18nmessageid import Message


logger = logging.getLogger("iasolutions.core.dashboards")
QUERY_TEMPLATE = os.path.join(
    os.path.dirname(eea.facetednavigation.browser.__file__), "template", "query.pt"
)

QUERY_FAILED = _(
    "dashboard_query_failed",
    default="This list could not be shown: an error occurred on the server. Try another "
    "filter, or report it to your administrator (${time}).",
)


class DashboardQuery(FacetedQueryHandler):
    """``@@faceted_query`` of the dashboards: eea's page script shows the
    results only when the query succeeds (an error left an empty list, as if
    nothing matched), so a failure answers a message saying so instead."""

    index = ViewPageTemplateFile(QUERY_TEMPLATE)

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except (ConflictError, Unauthorized):
            raise  # Zope retries the former, the latter asks to log in
        except Exception:
            logger.exception("Dashboard query failed: %s", self.request.get("URL"))
            return self.failed()

    def failed(self):
        message = translate(
            Message(QUERY_FAILED, mapping={"time": DateTime().strftime("%d/%m/%Y %H:%M")}),
            context=self.request,
        )
        self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
        return (
            f'<div class="portalMessage statusmessage statusmessage-error alert alert-danger '
            f'dashboard-query-failed" role="alert">{escape(message, quote=False)}</div>'
        )


class DashboardTable(BrowserView):
    """Faceted layout ``faceted-dashboard-table``: the results as a table."""

    def columns(self):
        return [(column, dashboards.column_title(column)) for column in self.context.columns or []]

    def rows(self, brains, with_checkbox=True):
        """The table's rows as HTML, one string a result. Made here rather than cell by
        cell in the template: thirty rows of eight cells were some seven hundred TALES
        expressions, most of the time of a dashboard's query. Every text is escaped."""
        columns = [
            (column, dashboards.column_cell(column)) for column in self.context.columns or []
        ]
        for brain in brains:
            cells = []
            if with_checkbox:
                cells.append(
                    '<td><input type="checkbox" name="uids:list" value="{}" aria-label="{}" '
                    "/></td>".format(escape(brain.UID or ""), escape(self.select_label(brain)))
                )
            for column, format_cell in columns:
                if column == "Title":
                    cells.append(
                        '<td><a href="{}">{}</a></td>'.format(
                            escape(brain.getURL()), escape(brain.Title or "", quote=False)
                        )
                    )
                else:
                    cells.append(f"<td><span>{escape(format_cell(brain), quote=False)}</span></td>")
            yield "<tr>" + "".join(cells) + "</tr>"

    def select_label(self, brain):
        """The name a screen reader gives a row's checkbox: 'Sélectionner <title>'."""
        return translate(
            _("Select ${title}", mapping={"title": brain.Title or brain.getId}),
            context=self.request,
        )

    def batch_actions(self):
        """The buttons of the dashboard, but those whose view the user may not use
        (a view that does not exist is a mistake of the setup, and shows)."""
        actions = []
        for action in self.context.batch_actions or []:
            if not self.may_use(action["view"]):
                continue
            actions.append(
                {
                    "url": f"{self.context.absolute_url()}/@@{action['view']}",
                    "title": action.get("title") or action["view"],
                }
            )
        return actions

    def may_use(self, view_name):
        try:
            self.context.restrictedTraverse(f"@@{view_name}")
        except Unauthorized:
            return False
        except (AttributeError, KeyError, NotFound):
            pass
        return True


class DashboardExport(BrowserView):
    """``@@dashboard-export?format=ods|csv&<faceted filters>``: the whole listing."""

    def __call__(self):
        filters = {key: value for key, value in self.request.form.items() if key != "format"}
        brains = dashboards.results(self.context, batch=False, **filters)
        table = list(dashboards.rows(self.context, brains))
        as_csv = self.request.form.get("format") == "csv"
        data = dashboards.to_csv(table) if as_csv else dashboards.to_ods(table)
        extension = "csv" if as_csv else "ods"
        content_type = (
            "text/csv; charset=utf-8"
            if as_csv
            else "application/vnd.oasis.opendocument.spreadsheet"
        )
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}.{extension}"'
        )
        return data
