"""``GET @search``: plone.restapi's, with its query string checked first: a value it
takes once (``sort_on``, ``b_size``…) given twice, or a batch size that is not a
number, is a 400, not a catalog error."""

from iasolutions.core.restapi.input import query_integer
from iasolutions.core.restapi.input import query_text
from iasolutions.core.restapi.input import refuses_bad_input
from plone.restapi.services.search.get import SearchGet as Base


SINGLE_VALUES = (
    "b_size",
    "b_start",
    "fullobjects",
    "sort_on",
    "sort_order",
    "sort_limit",
    "SearchableText",
    "use_site_search_settings",
)
NUMBERS = ("b_size", "b_start", "sort_limit")


def check_query(form, single_values=SINGLE_VALUES):
    for name in single_values:
        query_text(form, name)
    for name in NUMBERS:
        query_integer(form, name)


class SearchGet(Base):
    @refuses_bad_input
    def reply(self):
        check_query(self.request.form)
        return super().reply()
