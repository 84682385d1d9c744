"""The agents' dashboards of each configuration (faceted, from ``iasolutions.core.dashboards``).

In the folder of each configuration: my items, items to validate (only the
levels the user validates), items in copy, items to advise, all items,
meetings, last decisions; filters on service, category, state, meeting, dates
and privacy. The per-user parts are ``IDashboardQuery`` utilities named
``delib.*``; they read the configuration from the dashboard's place.
"""

from iasolutions.core import dashboards as core
from iasolutions.core.i18n import content_text
from iasolutions.core.services import services_of_user
from iasolutions.delib import _
from iasolutions.delib.meetingconfigs import DECIDED_STATES
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import enabled_levels
from iasolutions.delib.meetingconfigs import folder_of
from plone import api


def _user():
    return api.user.get_current()


class MyItems:
    def __call__(self, context):
        return {"Creator": _user().getId()}


class ItemsToValidate:
    """Items waiting in a validation state whose level the user holds for the item's service."""

    def __call__(self, context):
        cfg = config_of(context)
        if cfg is None:
            return None
        user = _user()
        values = []
        for state, _leading, _back, suffix in enabled_levels(cfg)[1:]:
            for uid in services_of_user(user, suffix):
                values.append(f"{uid}__reviewprocess__{state}")
        return {"reviewProcessInfo": values} if values else None


class ItemsInCopy:
    def __call__(self, context):
        groups = [g for g in _user().getGroups() if g != "AuthenticatedUsers"]
        return {"getCopyGroups": groups} if groups else None


class ItemsToAdvise:
    def __call__(self, context):
        uids = services_of_user(_user(), "advisers")
        return {"indexAdvisers": [f"{uid}__not_given" for uid in uids]} if uids else None


QUERIES = {
    "delib.my_items": MyItems(),
    "delib.items_to_validate": ItemsToValidate(),
    "delib.items_in_copy": ItemsInCopy(),
    "delib.items_to_advise": ItemsToAdvise(),
}


class ServiceColumn:
    title = _("Proposing group")

    def __call__(self, brain):
        from iasolutions.core.services import service_title

        return service_title(brain.getProposingGroup)


class NumberColumn:
    title = _("No.")

    def __call__(self, brain):
        from iasolutions.delib.agenda import format_number

        return format_number(brain.getItemNumber) if brain.getItemNumber else ""


class MeetingDateColumn:
    title = _("Meeting")

    def __call__(self, brain):
        value = brain.meeting_date
        return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


# Buttons of the item dashboards (views of iasolutions.delib.browser.batch).
BATCH_ACTIONS = [
    {"view": "delib-batch-transition", "title": "Changer l'état"},
    {"view": "delib-batch-copy-groups", "title": "Groupes en copie"},
]
ITEM_DASHBOARDS = (
    "mes-points",
    "points-a-valider",
    "points-en-copie",
    "points-a-aviser",
    "tous-les-points",
    "dernieres-decisions",
)

ITEM_COLUMNS = [
    "Title",
    "getProposingGroup",
    "review_state",
    "meeting_date",
    "getItemNumber",
    "modified",
]


def item_filters():
    return [
        core.text_filter(),
        core.checkbox_filter(
            "getProposingGroup", _("Service"), vocabulary="iasolutions.core.services"
        ),
        core.checkbox_filter(
            "getCategory", _("Category"), vocabulary="iasolutions.delib.categories"
        ),
        core.checkbox_filter(
            "review_state", _("State"), vocabulary="iasolutions.delib.item_states"
        ),
        core.select_filter(
            "meeting_uid", _("Meeting"), vocabulary="iasolutions.delib.meetings_accepting_items"
        ),
        core.checkbox_filter("privacy", _("Privacy"), vocabulary="iasolutions.delib.privacies"),
        core.date_filter("created", _("Created on")),
        core.date_filter("meeting_date", _("Meeting date")),
    ]


def create_dashboards(cfg, wanted=lambda id: True):
    """Create (or update) the dashboards of a configuration in its folder; ``wanted(id)``
    says whether to make (or update) that one: an organisation profile applied again
    neither brings back a dashboard the administrator deleted nor undoes their changes."""
    from zope.globalrequest import getRequest
    from zope.globalrequest import setRequest

    if getRequest() is None:  # profiles run from a script or a test layer
        request = getattr(api.portal.get(), "REQUEST", None)
        if request is not None and not isinstance(request, str):
            setRequest(request)
    folder = folder_of(cfg)
    items = core.type_is(cfg.getItemTypeName())
    made = []
    with api.env.adopt_roles(["Manager"]):
        for id, title, query, sort_on in (
            ("mes-points", _("My items"), [items, core.user_query("delib.my_items")], "modified"),
            (
                "points-a-valider",
                _("Items to validate"),
                [items, core.user_query("delib.items_to_validate")],
                "modified",
            ),
            (
                "points-en-copie",
                _("Items in copy"),
                [items, core.user_query("delib.items_in_copy")],
                "modified",
            ),
            (
                "points-a-aviser",
                _("Items to advise"),
                [items, core.user_query("delib.items_to_advise")],
                "modified",
            ),
            ("tous-les-points", _("All items"), [items], "modified"),
            (
                "dernieres-decisions",
                _("Latest decisions"),
                [items, core.state_is(*DECIDED_STATES)],
                "meeting_date",
            ),
        ):
            if not wanted(id):
                continue
            made.append(
                core.create_dashboard(
                    folder,
                    id,
                    f"{content_text(title)} ({cfg.title})",
                    query=query,
                    criteria=item_filters(),
                    columns=ITEM_COLUMNS,
                    sort_on=sort_on,
                    batch_actions=BATCH_ACTIONS,
                )
            )
        if not wanted("seances"):
            return made
        made.append(
            core.create_dashboard(
                folder,
                "seances",
                f"{content_text(_('Meetings'))} ({cfg.title})",
                query=[core.type_is(cfg.getMeetingTypeName())],
                criteria=[
                    core.text_filter(),
                    core.checkbox_filter(
                        "review_state", _("State"), vocabulary="iasolutions.delib.meeting_states"
                    ),
                    core.date_filter("meeting_date", _("Meeting date")),
                ],
                columns=["Title", "review_state", "meeting_date"],
                sort_on="meeting_date",
            )
        )
    return made


def add_batch_actions(cfg):
    """Give the item dashboards of a configuration their batch buttons (upgrade 1001)."""
    folder = folder_of(cfg)
    for dashboard_id in ITEM_DASHBOARDS:
        dashboard = folder.get(dashboard_id) if folder is not None else None
        if dashboard is not None and not dashboard.batch_actions:
            dashboard.batch_actions = list(BATCH_ACTIONS)
