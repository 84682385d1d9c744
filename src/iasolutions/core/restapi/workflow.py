"""``POST <content>/@workflow/<transition>``: plone.restapi's, with typed input, the
reason of a refusal, and nothing written when refused.

- A content whose workflow has transition rules (``iasolutions.core.guards``) is asked
  them first: a rule's refusal of a transition leaving the current state is a 400
  ``{"error": {"type": "WorkflowException", "message": <translated reason>,
  "reason": <its message id>, "transition": <id>}}``.
- Any other refusal is plone.restapi's, with its message filled in ("No workflow
  provides the 'publish' action.", not "'${action_id}'": plone.restapi turns the
  message into a string before translating it, which loses its values).

A module registers this service for its content as it is, or a subclass saying who is
told the reasons (``tells_reasons``) and what a hidden transition answers
(``hidden_reason``).
"""

from iasolutions.core import _
from iasolutions.core.guards import HIDDEN
from iasolutions.core.guards import exits
from iasolutions.core.guards import why_not
from iasolutions.core.restapi.errors import bad_request
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
        answer = self.refusal() or super().reply()
        if self.request.response.getStatus() >= 400:
            transaction.doom()  # a refusal writes nothing
        return answer

    def check_input(self):
        data = json_object(self.request) or {}
        for name in ("comment", *DATES):
            text(data, name)
        if not isinstance(data.get("include_children", False), bool):
            raise BadInput(
                _("${name} must be true or false.", mapping={"name": "include_children"})
            )

    def tells_reasons(self):
        """Whether the user is told why the rules refuse (all who may see the content)."""
        return True

    def hidden_reason(self):
        """What a transition the rules hide answers (None: plone.restapi's refusal)."""
        return None

    def refusal(self):
        """The 400 answer when a rule refuses the transition, or None."""
        if self.transition is None or self.transition not in exits(self.context):
            return None
        if not self.tells_reasons():
            return None
        reason = why_not(self.context, self.transition)
        if reason is HIDDEN:
            reason = self.hidden_reason()
        if reason is None:
            return None
        return bad_request(
            self.request,
            translate(reason, context=self.request),
            type_="WorkflowException",
            reason=str(reason),
            transition=self.transition,
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
