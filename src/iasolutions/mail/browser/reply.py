"""``@@reply`` on an incoming mail: the add form of an outgoing mail, pre-filled
from the incoming mail (recipients, reply_to, treating service, title).

The form works on ``outgoing-mail`` (where the user writes outgoing mail, and
where their rights on the fields are checked); the view stays on the incoming
mail it answers.
"""

from AccessControl import Unauthorized
from iasolutions.mail.browser.add import MailAddForm
from iasolutions.mail.folders import OUTGOING
from iasolutions.mail.reply import reply_values
from plone import api
from plone.z3cform.layout import FormWrapper
from z3c.form.interfaces import IDataConverter


class ReplyForm(MailAddForm):
    portal_type = "dmsoutgoingmail"

    def __init__(self, context, request, incoming=None):
        ti = api.portal.get_tool("portal_types")["dmsoutgoingmail"]
        super().__init__(context, request, ti)
        self.incoming = incoming

    def update(self):
        if not api.user.has_permission("iasolutions.mail: Add outgoing mail", obj=self.context):
            raise Unauthorized("You may not write outgoing mail")
        super().update()
        if not (
            self.request.form.get("form.buttons.save")
            or self.request.form.get("form.buttons.cancel")
        ):
            self.prefill()

    def prefill(self):
        """Show the values of the reply in the widgets (the user may change them)."""
        forms = [self] + [group for group in self.groups or () if hasattr(group, "widgets")]
        for name, value in reply_values(self.incoming).items():
            for form in forms:
                widget = form.widgets.get(name)
                if widget is not None:
                    widget.value = IDataConverter(widget).toWidgetValue(value)
                    break

    def nextURL(self):
        return getattr(self, "immediate_view", None) or self.incoming.absolute_url()


class ReplyView(FormWrapper):
    form = ReplyForm

    def __init__(self, context, request):
        super().__init__(context, request)
        folder = api.portal.get()[OUTGOING]
        self.form_instance = ReplyForm(folder, request, incoming=context)
        self.form_instance.__name__ = self.__name__
