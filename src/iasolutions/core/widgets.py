"""Form widgets shared by the modules."""

from plone.app.z3cform.widgets.relateditems import RelatedItemsWidget
from z3c.form.interfaces import IFieldWidget
from z3c.form.widget import FieldWidget
from zope.interface import implementer


class SiteRelatedItemsWidget(RelatedItemsWidget):
    """Related items searched and browsed under a folder of the site.

    The pattern's ``basePath`` is a physical path (``/commune/contacts``): it
    strips the site's path from it, so a path relative to the site
    (``/contacts``) made the search run in a folder that does not exist and
    find nothing. ``base_path`` is relative to the site, made absolute here.
    """

    base_path = "/"

    @property
    def attributes(self):
        # The input is hidden and filled by the pattern's script, which the
        # browser's form validation (pat-validation) does not hear: once the
        # empty field was refused, Save stayed disabled after the choice. The
        # server checks the field (its label keeps the required mark).
        attributes = super().attributes
        attributes.pop("required", None)
        return attributes

    def get_pattern_options(self):
        options = super().get_pattern_options()
        options["basePath"] = options["rootPath"].rstrip("/") + self.base_path.rstrip("/")
        options["basePath"] = options["basePath"] or "/"
        return options


@implementer(IFieldWidget)
def SiteRelatedItemsFieldWidget(field, request):  # noqa: N802 (z3c.form's naming)
    """``directives.widget("sender", SiteRelatedItemsFieldWidget, base_path="/contacts",
    pattern_options={"selectableTypes": ["person"]})``"""
    return FieldWidget(field, SiteRelatedItemsWidget(request))
