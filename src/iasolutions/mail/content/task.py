from iasolutions.mail import _
from iasolutions.mail.content.base import MailBase
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class ITask(model.Schema):
    """A task asked of a service about a mail (collective.task's task)."""

    title = schema.TextLine(title=_("Title"))
    assigned_group = schema.Choice(
        title=_("Assigned service"),
        vocabulary="iasolutions.mail.treating_groups",
        required=True,
    )
    assigned_user = schema.Choice(
        title=_("Assigned agent"),
        vocabulary="iasolutions.mail.task_assigned_users",
        required=False,
    )
    due_date = schema.Date(title=_("Due date"), required=False)
    task_description = schema.Text(title=_("Description"), required=False)


@implementer(ITask)
class Task(MailBase):
    """A task (a container: a task may hold sub-tasks)."""

    def Title(self):
        return self.title or ""
