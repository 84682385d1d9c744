"""Plone's workflow menu, without the entry that would refuse its user."""

from plone import api
from plone.app.contentmenu.menu import WorkflowMenu as PloneWorkflowMenu


ADVANCED = "workflow-transition-advanced"


class WorkflowMenu(PloneWorkflowMenu):
    """Plone offers *Avancé…* (``content_status_history``) to whoever may make a
    transition, but the page asks for the right to modify the content: an agent who
    may only validate or close a mail met "Privilèges insuffisants" behind it."""

    def getMenuItems(self, context, request):
        items = super().getMenuItems(context, request)
        if api.user.has_permission("Modify portal content", obj=context):
            return items
        return [item for item in items if item["extra"].get("id") != ADVANCED]
