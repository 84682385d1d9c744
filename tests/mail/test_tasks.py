"""Tasks about a mail: workflow, guards, and the assigned service's rights."""

from plone import api
import pytest
from tests.helpers import as_user
from tests.mail.helpers import go
from tests.mail.helpers import incoming_mail
from tests.mail.helpers import rights
from tests.mail.helpers import transitions
from zope.lifecycleevent import modified


V, E, R = "view", "edit", "review"


@pytest.fixture
def mail(people, sender):
    return go(incoming_mail(people.a, sender), "propose_to_manager", "propose_to_agent")


def test_the_treating_agent_asks_another_service(people, mail):
    with as_user("agent_a"):
        task = api.content.create(
            container=mail, type="task", title="Avis technique", assigned_group=people.b
        )
    assert api.content.get_state(task) == "created"
    # not yet handed over: service B sees neither the task nor the mail
    assert rights("agent_b", task) == set()
    assert rights("agent_b", mail) == set()
    assert transitions("agent_a", task) == ["do_to_assign"]
    with as_user("agent_a"):
        api.content.transition(obj=task, transition="do_to_assign")
    # no service validation of tasks: it goes on to "to do" (imio.dms.mail's
    # test_task_transition), where service B's agents see it
    assert api.content.get_state(task) == "to_do"
    assert rights("agent_b", task) == {V, E, R}
    # sent back to be assigned, it waits for its agent: to_do needs an agent of service B
    with as_user("directeur"):
        api.content.transition(obj=task, transition="back_in_to_assign")
    assert api.content.get_state(task) == "to_assign"
    assert rights("agent_b", task) == set()
    assert transitions("directeur", task) == ["back_in_created"]
    task.assigned_user = "agent_b"
    modified(task)
    with as_user("directeur"):
        api.content.transition(obj=task, transition="do_to_do")
    assert rights("agent_b", task) == {V, E, R}
    assert rights("lecteur_b", task) == {V}
    assert rights("agent_b", mail) == {V}
    with as_user("agent_b"):
        assert api.content.find(UID=mail.UID())
        api.content.transition(obj=task, transition="do_in_progress")
        api.content.transition(obj=task, transition="do_realized")
    with as_user("agent_a"):
        api.content.transition(obj=task, transition="do_closed")
    assert rights("agent_b", task) == {V}
    assert rights("agent_b", mail) == {V}


@pytest.mark.parametrize("agent", [None, "agent_b"])
def test_do_to_assign_goes_on_to_do(people, mail, agent):
    """imio.dms.mail's test_task_transition, without the TaskServiceValidation
    adaptation (this suite has none): with or without an agent, "to do"."""
    with as_user("agent_a"):
        task = api.content.create(
            container=mail, type="task", title="Avis", assigned_group=people.b, assigned_user=agent
        )
        api.content.transition(obj=task, transition="do_to_assign")
    assert api.content.get_state(task) == "to_do"
    assert [entry["action"] for entry in task.workflow_history["iasolutions_mail_task_workflow"]][
        1:
    ] == ["do_to_assign", "auto_do_to_do"]
    with as_user("agent_a"):
        api.content.transition(obj=task, transition="back_in_created2")
        api.content.transition(obj=task, transition="do_to_assign")
    assert api.content.get_state(task) == "to_do"


def test_upgrade_1005_auto_to_do(people, mail):
    from iasolutions.mail.upgrades import v1005

    workflow = api.portal.get_tool("portal_workflow")["iasolutions_mail_task_workflow"]
    workflow.states["to_assign"].transitions = ("do_to_do", "back_in_created")
    workflow.transitions.manage_delObjects(["auto_do_to_do"])
    v1005.upgrade(api.portal.get_tool("portal_setup"))
    task = api.content.create(container=mail, type="task", title="Avis", assigned_group=people.b)
    go(task, "do_to_assign")
    assert api.content.get_state(task) == "to_do"


def test_removing_the_task_removes_the_reading(people, mail):
    task = api.content.create(
        container=mail, type="task", title="Avis", assigned_group=people.b, assigned_user="agent_b"
    )
    go(task, "do_to_do")
    assert rights("agent_b", mail) == {V}
    api.content.delete(task)
    assert rights("agent_b", mail) == set()


def test_the_agent_must_belong_to_the_service(people, mail):
    from iasolutions.mail.content.task import ITask
    from zope.schema.interfaces import ConstraintNotSatisfied

    task = api.content.create(container=mail, type="task", title="Avis", assigned_group=people.b)
    field = ITask["assigned_user"].bind(task)
    field.validate("agent_b")
    with pytest.raises(ConstraintNotSatisfied):
        field.validate("agent_a")
    # given to another service, the task loses its agent
    task.assigned_user = "agent_b"
    task.assigned_group = people.a
    modified(task)
    assert task.assigned_user is None


def test_tasks_are_indexed(people, mail):
    task = api.content.create(
        container=mail, type="task", title="Avis", assigned_group=people.b, assigned_user="agent_b"
    )
    brains = api.content.find(portal_type="task", assigned_group=people.b)
    assert [b.UID for b in brains] == [task.UID()]
    assert api.content.find(portal_type="task", assigned_user="agent_b")
    # a task does not pass for a mail of its parent's service
    assert not api.content.find(portal_type="task", treating_groups=people.a)
