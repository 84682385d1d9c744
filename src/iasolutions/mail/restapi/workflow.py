"""``POST <mail>/@workflow/<transition>``: plone.restapi's, with the reason of
a refusal (missing sender, wrong service…) in the 400 answer."""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.workflow import WorkflowTransition
from iasolutions.mail import _
from iasolutions.mail.guards import HIDDEN
from iasolutions.mail.guards import refusal
from plone import api
from zope.i18n import translate


class MailWorkflowTransition(WorkflowTransition):
    def reply(self):
        if self.transition is not None:
            message = self.refusal()
            if message is not None:
                return bad_request(
                    self.request, message, type_="WorkflowException", transition=self.transition
                )
        return super().reply()

    def refusal(self):
        if not api.user.has_permission("Review portal content", obj=self.context):
            return None  # not theirs to do anyway: the standard answer
        workflow_tool = api.portal.get_tool("portal_workflow")
        for workflow in workflow_tool.getWorkflowsFor(self.context):
            state = workflow._getWorkflowStateOf(self.context)
            if state is None or self.transition not in state.transitions:
                continue
            message = refusal(self.context, self.transition)
            if message is HIDDEN:
                return translate(
                    _(
                        "The transition ${transition} is not used for this mail.",
                        mapping={"transition": self.transition},
                    ),
                    context=self.request,
                )
            if message is not None:
                return translate(message, context=self.request)
        return None
