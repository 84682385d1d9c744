"""Named vocabularies of the mail module."""

from iasolutions.core import rows
from iasolutions.core.caching import request_cached
from iasolutions.core.contacts import CONTACT_TYPES
from iasolutions.core.services import fullname
from iasolutions.core.services import get_services
from iasolutions.core.services import service_record
from iasolutions.core.services import service_title
from iasolutions.core.services import services_of_user
from iasolutions.core.vocabularies import LazyVocabulary
from iasolutions.core.vocabularies import protect_vocabularies
from iasolutions.mail import _
from iasolutions.mail import settings
from iasolutions.mail.assignment import agents_of
from iasolutions.mail.module import DIR_GENERAL
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Services, agents, contacts and labels: for agents only. Public ones: the mail types
# and send modes.
protect_vocabularies(
    "iasolutions.mail.treating_groups",
    "iasolutions.mail.om_treating_groups",
    "iasolutions.mail.assigned_users",
    "iasolutions.mail.task_assigned_users",
    "iasolutions.mail.senders",
    "iasolutions.mail.recipients",
    "iasolutions.mail.my_labels",
)


def _terms(name):
    @provider(IVocabularyFactory)
    def factory(context):
        return rows.vocabulary(settings.get(name))

    return factory


def _states(workflow_id):
    """The states of a workflow, titled as the users read them (the dashboards'
    state facet showed nothing, or raw ids, without it)."""

    @provider(IVocabularyFactory)
    def factory(context):
        workflow = api.portal.get_tool("portal_workflow").get(workflow_id)
        request = getRequest()
        return SimpleVocabulary(
            [
                SimpleTerm(
                    state.id, state.id, translate(state.title, domain="plone", context=request)
                )
                for state in (workflow.states.objectValues() if workflow is not None else ())
            ]
        )

    return factory


im_states = _states("iasolutions_incomingmail_workflow")
om_states = _states("iasolutions_outgoingmail_workflow")
task_states = _states("iasolutions_mail_task_workflow")

mail_types = _terms("mail_types")
omail_types = _terms("omail_types")
imail_send_modes = _terms("imail_send_modes")
omail_send_modes = _terms("omail_send_modes")


def _service_term(brain):
    return SimpleTerm(brain.UID, brain.UID, service_title(brain.UID, acronym=True))


def _current_values(context, *names):
    values = []
    for name in names:
        value = (
            getattr(context, name, None)
            if getattr(context, "portal_type", "").startswith(("dms", "task"))
            else None
        )
        if isinstance(value, str):
            values.append(value)
        elif value:
            values.extend(value)
    return values


def services():
    """The internal services (brains), once per request (``get_services`` is cached)."""
    return get_services()


def _services_vocabulary(keep=lambda brain: True, current=()):
    """Active services (and deactivated ones a mail already uses)."""

    def offered(record):
        return (record.review_state == "active" and keep(record)) or record.UID in current

    def term_of(uid):
        record = service_record(uid)
        return _service_term(record) if record is not None and offered(record) else None

    return LazyVocabulary(lambda: [_service_term(b) for b in services() if offered(b)], term_of)


@provider(IVocabularyFactory)
def treating_groups(context):
    """Internal services a mail can be given to (or copied to)."""
    current = _current_values(context, "treating_groups", "recipient_groups", "assigned_group")
    return _services_vocabulary(current=current)


def can_choose_any_service(user=None):
    from iasolutions.mail.guards import is_admin

    user = user or api.user.get_current()
    if user is None:
        return False
    return is_admin(user) or DIR_GENERAL in user.getGroups()


@provider(IVocabularyFactory)
def om_treating_groups(context):
    """Services for which the user writes outgoing mail (their ``encodeur`` function);
    the general management and administrators choose any."""
    current = _current_values(context, "treating_groups")
    if can_choose_any_service():
        return _services_vocabulary(current=current)
    mine = set(services_of_user(function_id="encodeur"))
    return _services_vocabulary(keep=lambda b: b.UID in mine, current=current)


def _users_vocabulary(service, current=None):
    """The agents of ``service`` (of every service without one), and ``current``, by
    name; looked up only when a term is read."""

    def userids():
        found = set(agents_of(service)) if service else _all_agents()
        return found | {current} if current else found

    def terms():
        terms = [SimpleTerm(uid, uid, fullname(uid)) for uid in userids()]
        return sorted(terms, key=lambda t: t.title.lower())

    def term_of(userid):
        return SimpleTerm(userid, userid, fullname(userid)) if userid in userids() else None

    return LazyVocabulary(terms, term_of)


def _all_agents():
    users = set()
    for brain in services():
        users.update(agents_of(brain.UID))
    return users


@provider(IVocabularyFactory)
def assigned_users(context):
    """The agents of the mail's treating service (of every service in an add form)."""
    service = (
        getattr(context, "treating_groups", None)
        if getattr(context, "portal_type", "").startswith("dms")
        else None
    )
    current = getattr(context, "assigned_user", None) if service else None
    return _users_vocabulary(service, current)


@provider(IVocabularyFactory)
def task_assigned_users(context):
    service = (
        getattr(context, "assigned_group", None)
        if getattr(context, "portal_type", "") == "task"
        else None
    )
    return _users_vocabulary(service)


@request_cached()
def _correspondent_terms(index):
    catalog = api.portal.get_tool("portal_catalog")
    uids = list(catalog.uniqueValuesFor(index))
    if not uids:
        return []
    brains = catalog(UID=uids, portal_type=list(CONTACT_TYPES), sort_on="sortable_title")
    return [SimpleTerm(b.UID, b.UID, b.Title or b.getId) for b in brains]


def _correspondents(index):
    """The contacts found in ``index`` of the mails, by name: only those that
    are correspondents of some mail, not the whole directory."""

    @provider(IVocabularyFactory)
    def factory(context):
        return SimpleVocabulary(_correspondent_terms(index))

    return factory


# the choices of the dashboards' sender (incoming) and recipient (outgoing) facets
senders = _correspondents("sender_index")
recipients = _correspondents("recipients_index")


@provider(IVocabularyFactory)
def my_labels(context):
    """The choices of the dashboards' labels facet, for the current user
    (``dashboards.MyLabels`` makes their query)."""
    return SimpleVocabulary(
        [
            SimpleTerm("lu", "lu", _("Read")),
            SimpleTerm("non_lu", "non_lu", _("Unread")),
            SimpleTerm("suivi", "suivi", _("Followed")),
        ]
    )
