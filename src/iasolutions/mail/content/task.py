from iasolutions.mail import _
from iasolutions.mail.content.base import MailBase
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class ITask(model.Schema):
    """A task asked of a service about a mail (collective.task's task)."""

    title = schema.TextLine(title=_("Title"))
    assigned_group = schema.Choice(
        title=_("Assigned service"), vocabulary="iasolutions.mail.treating_groups",
        required=True,
    )
    assigned_user = schema.Choice(
        title=_("Assigned agent"), vocabulary="iasolutions.mail.task_assigned_users",
        required=False,
    )
    due_date = schema.Date(title=_("Due date"), required=False)
    task_description = schema.Text(title=_("Description"), required=False)

    @invariant
    def assigned_user_in_service(data):
        from iasolutions.mail.assignment import can_be_assigned

        try:
            user, service = data.assigned_user, data.assigned_group
        except Exception:
            return
        if user and service and not can_be_assigned(user, service):
            raise Invalid(_("${user} is not an agent of the assigned service.",
                            mapping={"user": user}))


@implementer(ITask)
class Task(MailBase):
    """A task (a container: a task may hold sub-tasks)."""

    def Title(self):
        return self.title or ""
