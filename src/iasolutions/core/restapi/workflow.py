"""``POST <content>/@workflow/<transition>``: plone.restapi's, with typed input and the
refusal's message filled in ("No workflow provides the 'publish' action.", not
"'${action_id}'": plone.restapi turns the message into a string before translating it,
which loses its values). The modules' transition services build on this one."""

from iasolutions.core import _
from iasolutions.core.restapi.errors import json_object
from iasolutions.core.restapi.input import BadInput
from iasolutions.core.restapi.input import refuses_bad_input
from iasolutions.core.restapi.input import text
from plone.restapi.services.workflow.transition import WorkflowTransition as Base
from Products.CMFCore.WorkflowCore import WorkflowException
import transaction
from zope.i18n import translate


DATES = ("effective", "expires", "effectiveDate", "expirationDate")


class WorkflowTransition(Base):
    @refuses_bad_input
    def reply(self):
        self.check_input()
        return super().reply()

    def check_input(self):
        data = json_object(self.request) or {}
        for name in ("comment", *DATES):
            text(data, name)
        if not isinstance(data.get("include_children", False), bool):
            raise BadInput(
                _("${name} must be true or false.", mapping={"name": "include_children"})
            )

    def recurse_transition(self, objs, comment, publication_dates, include_children=False):
        try:
            return super().recurse_transition(objs, comment, publication_dates, include_children)
        except WorkflowException as refused:
            # plone.restapi sets the effective date before trying: a refusal writes nothing
            transaction.doom()
            raise WorkflowException(workflow_message(refused, self.request))


def workflow_message(refused, request):
    """The message of a WorkflowException, translated with its values filled in."""
    message = refused.args[0] if refused.args else ""
    return translate(message, context=request)
