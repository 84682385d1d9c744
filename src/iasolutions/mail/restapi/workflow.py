"""``POST <mail or task>/@workflow/<transition>``: the core service
(``iasolutions.core.restapi.workflow``) with the reason of a refusal (missing sender,
wrong service…) in the 400 answer, told to those who review the mail only."""

from iasolutions.core.restapi.workflow import WorkflowTransition
from iasolutions.mail import _
from plone import api


class MailWorkflowTransition(WorkflowTransition):
    def tells_reasons(self):
        # the others may not do it anyway: plone.restapi's answer, no reason shown
        return api.user.has_permission("Review portal content", obj=self.context)

    def hidden_reason(self):
        return _(
            "The transition ${transition} is not used for this mail.",
            mapping={"transition": self.transition},
        )
