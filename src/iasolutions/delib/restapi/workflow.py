"""``POST <item or meeting>/@workflow/<transition>`` with the guard's reason on refusal.

The standard plone.restapi service answers "No workflow provides the … action";
for items and meetings the reason is said (``decision_is_empty`` …, translated).
"""

from iasolutions.core.restapi.errors import bad_request
from iasolutions.core.restapi.workflow import WorkflowTransition
from iasolutions.delib.guards import why_not
import transaction
from zope.i18n import translate


class DelibWorkflowTransition(WorkflowTransition):
    def reply(self):
        if self.transition:
            reason = why_not(self.context, self.transition)
            if reason is not None:
                transaction.doom()
                return bad_request(
                    self.request, translate(reason, context=self.request), reason=str(reason)
                )
        result = super().reply()
        if self.request.response.getStatus() >= 400:
            transaction.doom()
        return result
