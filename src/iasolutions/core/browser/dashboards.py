"""Dashboard results as a table, and their export."""

from AccessControl import Unauthorized
from iasolutions.core import _
from iasolutions.core import dashboards
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate


class DashboardTable(BrowserView):
    """Faceted layout ``faceted-dashboard-table``: the results as a table."""

    def columns(self):
        return [(column, dashboards.column_title(column)) for column in self.context.columns or []]

    def cell(self, brain, column):
        return dashboards.cell(brain, column)

    def select_label(self, brain):
        """The name a screen reader gives a row's checkbox: 'Sélectionner <title>'."""
        return translate(_("Select ${title}", mapping={"title": brain.Title or brain.getId}),
                         context=self.request)

    def batch_actions(self):
        """The buttons of the dashboard, but those whose view the user may not use
        (a view that does not exist is a mistake of the setup, and shows)."""
        actions = []
        for line in self.context.batch_actions or []:
            name, _sep, title = line.partition("|")
            if not self.may_use(name.strip()):
                continue
            actions.append({"url": f"{self.context.absolute_url()}/@@{name.strip()}",
                            "title": title.strip() or name.strip()})
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
        content_type = ("text/csv; charset=utf-8" if as_csv else
                        "application/vnd.oasis.opendocument.spreadsheet")
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition",
                           f'attachment; filename="{self.context.getId()}.{extension}"')
        return data
