"""The links a handover leaves, shown on both sides, and the handover form.

The viewlet shows, above the body of any object, the objects made from it (with
their state and, once decided, their decision), the objects it was made from, and
a button per handover the user may make from it (``iasolutions.core.links``).
"""

from iasolutions.core import _
from iasolutions.core import links
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.z3cform.layout import wrap_form
import transaction
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zExceptions import NotFound
from zope.i18n import translate


class LinksViewlet(ViewletBase):
    def update(self):
        super().update()
        content = hasattr(self.context, "portal_type")
        self.links = links.links_of(self.context) if content else {}
        self.offered = links.offered(self.context) if content else []

    def available(self):
        return bool(self.offered or any(self.links.values()))

    def handovers(self):
        base = self.context.absolute_url() + "/@@handover?target="
        return [
            {"title": translate(target.title, context=self.request), "url": base + name}
            for name, target in self.offered
        ]


class HandoverForm(form.Form):
    """The choices of one handover (``?target=<name>``), then the handover itself."""

    ignoreContext = True

    def update(self):
        name = self.request.form.get("target", "")
        offered = dict(links.offered(self.context))
        if name not in offered:
            raise NotFound(name)
        self.handover, self.target = name, offered[name]
        self.fields = field.Fields(self.target.schema)
        self.label = translate(self.target.title, context=self.request)
        super().update()

    @property
    def action(self):
        return f"{self.context.absolute_url()}/@@handover?target={self.handover}"

    @button.buttonAndHandler(_("Confirm"), name="confirm")
    def confirm(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            created = links.hand_over(self.context, self.handover, **data)
        except links.HandoverRefused as refused:
            transaction.doom()
            self.status = translate(refused.message, context=self.request)
            return
        api.portal.show_message(_("Done."), request=self.request)
        self.request.response.redirect(created.absolute_url())

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


HandoverView = wrap_form(HandoverForm)
