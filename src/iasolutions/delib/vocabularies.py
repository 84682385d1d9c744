"""Vocabularies of the module (named utilities)."""

from iasolutions.core.services import get_services
from iasolutions.core.services import group_id
from iasolutions.core.services import service_title
from iasolutions.core.services import services_of_user
from iasolutions.core.vocabularies import LazyVocabulary
from iasolutions.core.vocabularies import protect_vocabularies
from iasolutions.delib import PMF
from iasolutions.delib import _
from iasolutions.delib.advices import ADVICE_TYPES
from iasolutions.delib.advices import addable_advice_groups
from iasolutions.delib.agenda import INSERTING_METHODS
from iasolutions.delib.agenda import meeting_brains_accepting_items
from iasolutions.delib.interfaces import IAdvice
from iasolutions.delib.interfaces import IMeetingItem
from iasolutions.delib.meetingconfigs import ITEM_STATES_AFTER_VALIDATION
from iasolutions.delib.meetingconfigs import MEETING_STATES
from iasolutions.delib.meetingconfigs import VALIDATION_LEVELS
from iasolutions.delib.meetingconfigs import config_categories
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import get_configs
from iasolutions.delib.module import FUNCTIONS
from iasolutions.delib.workflows import ADAPTATIONS
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


# Lists of the meetings' internals, services and people: for agents only. Public
# ones: states, poll and list types, privacies, advice types (the public pages show them).
protect_vocabularies(
    "iasolutions.delib.item_attributes",
    "iasolutions.delib.meeting_attributes",
    "iasolutions.delib.inserting_methods",
    "iasolutions.delib.validation_levels",
    "iasolutions.delib.workflow_adaptations",
    "iasolutions.delib.config_advice_types",
    "iasolutions.delib.service_groups",
    "iasolutions.delib.configs",
    "iasolutions.delib.configs_to_clone_to",
    "iasolutions.delib.held_positions",
    "iasolutions.delib.proposing_groups",
    "iasolutions.delib.categories",
    "iasolutions.delib.copy_groups",
    "iasolutions.delib.optional_advisers",
    "iasolutions.delib.meetings_accepting_items",
    "iasolutions.delib.config_poll_types",
    "iasolutions.delib.annex_types",
    "iasolutions.delib.advice_groups",
)


ITEM_ATTRIBUTES = (
    "publicTitle",
    "description",
    "motivation",
    "category",
    "groupsInCharge",
    "associatedGroups",
    "optionalAdvisers",
    "copyGroups",
    "privacy",
    "pollType",
    "toDiscuss",
    "otherMeetingConfigsClonableTo",
    "notes",
    "preferredMeeting",
    "listType",
)
MEETING_ATTRIBUTES = (
    "start_date",
    "end_date",
    "convocation_date",
    "place",
    "attendees",
    "excused",
    "absents",
    "signatories",
    "observations",
    "extraordinary_session",
)
POLL_TYPES = ("freehand", "secret", "secret_separated", "no_vote", "mechanical")
ITEM_STATES = tuple(level[0] for level in VALIDATION_LEVELS) + ITEM_STATES_AFTER_VALIDATION


def _simple(values, domain_factory=_):
    return SimpleVocabulary([SimpleTerm(v, v, domain_factory(v)) for v in values])


BASE_WORKFLOWS = ("iasolutions_meetingitem_workflow", "iasolutions_meeting_workflow")


def _state_title(state):
    """The state's title in the base workflows ("Item in creation"), translated in the plone
    domain like the workflow menus; the id only for a state no workflow has."""
    wf_tool = api.portal.get_tool("portal_workflow")
    for wf_id in BASE_WORKFLOWS:
        workflow = wf_tool.get(wf_id)
        found = workflow.states.get(state) if workflow is not None else None
        if found is not None and found.title:
            return PMF(found.title)
    return PMF(state)


@provider(IVocabularyFactory)
def item_attributes(context):
    return _simple(ITEM_ATTRIBUTES)


@provider(IVocabularyFactory)
def meeting_attributes(context):
    return _simple(MEETING_ATTRIBUTES)


@provider(IVocabularyFactory)
def inserting_methods(context):
    return _simple(INSERTING_METHODS)


@provider(IVocabularyFactory)
def validation_levels(context):
    return SimpleVocabulary(
        [SimpleTerm(level[0], level[0], _state_title(level[0])) for level in VALIDATION_LEVELS]
    )


@provider(IVocabularyFactory)
def workflow_adaptations(context):
    return _simple(ADAPTATIONS)


@provider(IVocabularyFactory)
def item_states(context):
    return SimpleVocabulary([SimpleTerm(s, s, _state_title(s)) for s in ITEM_STATES])


@provider(IVocabularyFactory)
def meeting_states(context):
    return SimpleVocabulary([SimpleTerm(s, s, _state_title(s)) for s in MEETING_STATES])


@provider(IVocabularyFactory)
def poll_types(context):
    return _simple(POLL_TYPES)


@provider(IVocabularyFactory)
def list_types(context):
    return _simple(("normal", "late"))


@provider(IVocabularyFactory)
def privacies(context):
    # not _("secret"): that is the secret poll type
    return SimpleVocabulary(
        [
            SimpleTerm("public", "public", _("privacy_public")),
            SimpleTerm("secret", "secret", _("privacy_secret")),
        ]
    )


@provider(IVocabularyFactory)
def advice_types(context):
    """Every advice type (a configuration chooses among them)."""
    return _simple(ADVICE_TYPES)


@provider(IVocabularyFactory)
def config_advice_types(context):
    """The advice types the configuration of the item (or advice) uses, plus the advice's
    own type, so that an advice whose type is no longer offered keeps it when edited."""
    cfg = config_of(context) if context is not None else None
    used = list(cfg.usedAdviceTypes or ADVICE_TYPES) if cfg is not None else list(ADVICE_TYPES)
    current = getattr(context, "advice_type", None) if IAdvice.providedBy(context) else None
    if current and current not in used:
        used.append(current)
    return _simple(used)


@provider(IVocabularyFactory)
def service_groups(context):
    """Plone groups of the services for the module's functions ('Finances (Réviseurs)')."""
    request = getRequest()
    functions = [
        (function.id, translate(function.title, context=request) if request else function.title)
        for function in FUNCTIONS
    ]

    def terms():
        for brain in get_services(active_only=True):
            for function_id, title in functions:
                gid = group_id(brain.UID, function_id)
                yield SimpleTerm(gid, gid, f"{brain.Title} ({title})")

    return LazyVocabulary(terms)


@provider(IVocabularyFactory)
def configs(context):
    return SimpleVocabulary([SimpleTerm(c.getId(), c.getId(), c.title) for c in get_configs()])


@provider(IVocabularyFactory)
def configs_to_clone_to(context):
    cfg = config_of(context) if context is not None else None
    wanted = (cfg.meetingConfigsToCloneTo or ()) if cfg is not None else ()
    return SimpleVocabulary(
        [
            SimpleTerm(c.getId(), c.getId(), c.title)
            for c in get_configs()
            if cfg is None or c.getId() in wanted
        ]
    )


@provider(IVocabularyFactory)
def held_positions(context):
    """Held positions of the contacts (attendees, signatories, assembly members)."""

    def terms():
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(
            portal_type="held_position", sort_on="sortable_title"
        ):
            yield SimpleTerm(brain.UID, brain.UID, brain.Title)

    return LazyVocabulary(terms)


def _services_terms(uids=None):
    terms = []
    for brain in get_services(active_only=True):
        if uids is None or brain.UID in uids:
            terms.append(SimpleTerm(brain.UID, brain.UID, service_title(brain.UID, acronym=True)))
    return terms


@provider(IVocabularyFactory)
def proposing_groups(context):
    """Services the user creates items for (every service for Managers); on an existing
    item its current proposing group stays in the list."""
    user = api.user.get_current()
    roles = user.getRoles() if user is not None else ()
    if "Manager" in roles or "Site Administrator" in roles:
        return LazyVocabulary(_services_terms)
    uids = set(services_of_user(user, "creators"))
    if IMeetingItem.providedBy(context) and context.proposingGroup:
        uids.add(context.proposingGroup)
    return LazyVocabulary(lambda: _services_terms(uids))


@provider(IVocabularyFactory)
def categories(context):
    cfg = config_of(context) if context is not None else None
    if cfg is None:
        return SimpleVocabulary([])
    return LazyVocabulary(
        lambda: [
            SimpleTerm(c.getId(), c.getId(), c.title)
            for c in config_categories(cfg, enabled_only=False)
        ]
    )


@provider(IVocabularyFactory)
def copy_groups(context):
    cfg = config_of(context) if context is not None else None
    if cfg is None:
        return SimpleVocabulary([])
    selectable = cfg.selectableCopyGroups or ()

    def terms():
        all_groups = {term.value: term for term in service_groups(context)}
        return [all_groups[g] for g in selectable if g in all_groups]

    return LazyVocabulary(terms)


@provider(IVocabularyFactory)
def optional_advisers(context):
    cfg = config_of(context) if context is not None else None
    if cfg is None:
        return SimpleVocabulary([])
    from iasolutions.delib.advices import custom_advisers

    uids = set(cfg.selectableAdvisers or ()) | {
        row["uid"] for row in custom_advisers(cfg) if not row["categories"]
    }
    return LazyVocabulary(lambda: _services_terms(uids))


@provider(IVocabularyFactory)
def meetings_accepting(context):
    cfg = config_of(context) if context is not None else None
    if cfg is None:
        return SimpleVocabulary([])
    preferred = context.preferredMeeting if IMeetingItem.providedBy(context) else None

    def terms():
        terms = [
            SimpleTerm(brain.UID, brain.UID, brain.Title or brain.getId)
            for brain in meeting_brains_accepting_items(cfg)
        ]
        if preferred and preferred not in [t.value for t in terms]:
            terms.append(SimpleTerm(preferred, preferred, preferred))
        return terms

    return LazyVocabulary(terms)


@provider(IVocabularyFactory)
def config_poll_types(context):
    cfg = config_of(context) if context is not None else None
    used = (cfg.usedPollTypes or POLL_TYPES) if cfg is not None else POLL_TYPES
    return _simple(used)


@provider(IVocabularyFactory)
def annex_types(context):
    cfg = config_of(context) if context is not None else None
    if cfg is None:
        return SimpleVocabulary([])
    return SimpleVocabulary(
        [
            SimpleTerm(obj.getId(), obj.getId(), obj.title)
            for obj in cfg.objectValues()
            if obj.portal_type == "ItemAnnexContentCategory"
        ]
    )


@provider(IVocabularyFactory)
def advice_groups(context):
    """On an item: the services the user may add an advice for; on an advice: its service."""
    if IAdvice.providedBy(context):
        # An advice keeps its service; one being created over REST (bound to the new
        # object) offers what its item offers.
        from Acquisition import aq_inner
        from Acquisition import aq_parent

        uids = [context.advice_group] if context.advice_group else []
        item = aq_parent(aq_inner(context))
        if not uids and IMeetingItem.providedBy(item):
            uids = addable_advice_groups(item)
    elif IMeetingItem.providedBy(context):
        uids = addable_advice_groups(context)
    else:
        uids = []
    return SimpleVocabulary(
        [t for t in _services_terms() if t.value in uids]
        or [SimpleTerm(u, u, u) for u in uids if u]
    )
