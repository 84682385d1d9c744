"""The agents' dashboards of the mail module, built on the core's faceted
dashboards (``iasolutions.core.dashboards``).

Per-user parts of the queries are named ``IDashboardQuery`` utilities
(``mail.assigned_to_me``, ``mail.my_services``…); columns are
``IDashboardColumn`` utilities named after the catalog metadata they show.
``setup_dashboards`` creates (or updates) the dashboards of incoming mail,
outgoing mail and tasks; the install and the organisation profiles run it.
"""

from DateTime import DateTime
from datetime import date
from iasolutions.core import dashboards as core
from iasolutions.core.dashboards import display
from iasolutions.core.services import fullname
from iasolutions.core.services import service_title
from iasolutions.core.services import services_of_user
from iasolutions.mail import _
from iasolutions.mail import settings
from iasolutions.mail.folders import INCOMING
from iasolutions.mail.folders import OUTGOING
from iasolutions.mail.folders import TASKS
from iasolutions.mail.module import DIR_GENERAL
from iasolutions.mail.module import PRE_MANAGER
from iasolutions.mail.validation import user_levels
from plone import api
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest


INCOMING_TYPES = ("dmsincomingmail", "dmsincoming_email")
READING_FUNCTIONS = (
    "editeur",
    "lecteur",
    "n_plus_1",
    "n_plus_2",
    "n_plus_3",
    "n_plus_4",
    "n_plus_5",
    "encodeur",
)


def _userid():
    user = api.user.get_current()
    return user.getId() if user is not None else None


def my_service_uids(user=None):
    """Services where the user holds a function of the mail module."""
    functions = set(READING_FUNCTIONS)
    uids = []
    user = user or api.user.get_current()
    from iasolutions.core.services import split_group_id

    for gid in user.getGroups():
        parts = split_group_id(gid)
        if parts and parts[1] in functions and parts[0] not in uids:
            uids.append(parts[0])
    return uids


# Per-user queries (IDashboardQuery) -------------------------------------------


class AssignedToMe:
    def __call__(self, context):
        return {"assigned_user": _userid()}


class MyServices:
    def __call__(self, context):
        uids = my_service_uids()
        return {"treating_groups": uids} if uids else None


class MyServicesInCopy:
    def __call__(self, context):
        uids = my_service_uids()
        return {"recipient_groups": uids} if uids else None


class MyTaskServices:
    def __call__(self, context):
        uids = services_of_user(function_id="editeur")
        return {"assigned_group": uids} if uids else None


class Unread:
    def __call__(self, context):
        return {"labels": {"not": f"{_userid()}:lu"}}


class Followed:
    def __call__(self, context):
        return {"labels": f"{_userid()}:suivi"}


class ToValidate:
    """Mails waiting on one of my validation levels (N+1 … N+5 of my services;
    the general management's and the pre-validation's step), and the outgoing
    mails of the services I am N+1 of waiting on my approval."""

    def __call__(self, context):
        user = api.user.get_current()
        keys = [
            validation_key(uid, f"proposed_to_n_plus_{level}")
            for uid, levels in user_levels(user).items()
            for level in levels
        ]
        if settings.get("omail_approval"):  # on whether or not N+1 validation is
            keys += [
                validation_key(uid, "to_approve")
                for uid in services_of_user(function_id="n_plus_1")
            ]
        groups = user.getGroups()
        if DIR_GENERAL in groups:
            keys.append("proposed_to_manager")
        if PRE_MANAGER in groups and settings.get("imail_pre_manager_validation"):
            keys.append("proposed_to_pre_manager")
        return {"validation_level": keys} if keys else None


LABEL_CHOICES = ("lu", "non_lu", "suivi")


class MyLabels:
    """The labels facet (``IDashboardFilter``): "lu", "non_lu", "suivi" are
    the current user's labels, on top of the dashboard's own label part (the
    followed mails I have not read…)."""

    def __call__(self, context, values, own):
        if not set(values) <= set(LABEL_CHOICES):
            return None
        userid = _userid()
        wanted, excluded = _label_parts(own.get("labels"))
        for value in values:
            if value == "non_lu":
                excluded.add(f"{userid}:lu")
            else:
                wanted.add(f"{userid}:{value}")
        query = {"operator": "and"}
        if wanted:
            query["query"] = sorted(wanted)
        if excluded:
            query["not"] = sorted(excluded)
        return {"labels": query}


def _label_parts(part):
    """(required, excluded) labels of a dashboard's own ``labels`` query; its
    per-user parts (``Unread``, ``Followed``) ask for one label each."""
    if isinstance(part, dict):
        return set(_listed(part.get("query"))), set(_listed(part.get("not")))
    return set(_listed(part)), set()


def _listed(value):
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def validation_key(service_uid, state):
    """Index value of a mail waiting on a validation step (``validation_level``)."""
    if state in ("proposed_to_manager", "proposed_to_pre_manager"):
        return state
    return f"{service_uid}|{state}"


# registered in configure.zcml as mail.<name>
assigned_to_me = AssignedToMe()
my_services = MyServices()
my_services_in_copy = MyServicesInCopy()
my_task_services = MyTaskServices()
unread = Unread()
followed = Followed()
to_validate = ToValidate()
my_labels = MyLabels()


# Columns (IDashboardColumn) ---------------------------------------------------


def _service_title(uid):
    return service_title(uid, acronym=True)


def _date(value):
    # a catalog metadata never set is Missing.Value, which pretends to have strftime
    if isinstance(value, (date, DateTime)):
        return value.strftime("%d/%m/%Y")
    return display(value)


def _mail_type(value):
    labels = {
        row["value"]: row["title"]
        for row in [*settings.get("omail_types"), *settings.get("mail_types")]
    }
    return labels.get(value, display(value))


class Column:
    """A column showing the catalog metadata of the same name (the utility's name)."""

    def __init__(self, name, title, format=display):
        self.name = name
        self.title = title
        self.format = format

    def __call__(self, brain):
        return self.format(getattr(brain, self.name, None))


# registered in configure.zcml under their metadata name
treating_groups_column = Column("treating_groups", _("Treating service"), _service_title)
assigned_user_column = Column("assigned_user", _("Assigned agent"), fullname)
reception_date_column = Column("reception_date", _("Reception date"), _date)
due_date_column = Column("due_date", _("Due date"), _date)
mail_date_column = Column("mail_date", _("Date of the mail"), _date)
outgoing_date_column = Column("outgoing_date", _("Sending date"), _date)
mail_type_column = Column("mail_type", _("Mail type"), _mail_type)
correspondents_column = Column("correspondents", _("Senders / recipients"))


# The dashboards ---------------------------------------------------------------

BATCH_ACTIONS = [
    {"view": "mail-batch-transition", "title": "Changer l'état"},
    {"view": "mail-batch-treating-group", "title": "Service traitant"},
    {"view": "mail-batch-recipient-groups", "title": "Services en copie"},
    {"view": "mail-batch-assign", "title": "Agent traitant"},
    {"view": "mail-batch-labels", "title": "Étiquettes"},
    # shown to administrators only (the view's permission)
    {"view": "mail-batch-delete", "title": "Supprimer"},
]
IM_COLUMNS = [
    "Title",
    "review_state",
    "correspondents",
    "treating_groups",
    "assigned_user",
    "reception_date",
    "due_date",
]
OM_COLUMNS = [
    "Title",
    "review_state",
    "correspondents",
    "treating_groups",
    "mail_date",
    "outgoing_date",
]
TASK_COLUMNS = ["Title", "review_state", "assigned_user", "due_date"]

IM_STATES = [
    ("created", _("In creation")),
    ("proposed_to_manager", _("To validate by the general management")),
    ("proposed_to_agent", _("To treat")),
    ("in_treatment", _("In treatment")),
    ("closed", _("Closed")),
]
OM_STATES = [
    ("created", _("In creation")),
    ("to_be_signed", _("To sign")),
    ("signed", _("Signed")),
    ("sent", _("Sent")),
    ("scanned", _("Scanned")),
]
SENDERS = ("sender_index", _("Sender"), "iasolutions.mail.senders")


def criteria(
    dates=("reception_date", "due_date"),
    mail_types="iasolutions.mail.mail_types",
    send_modes="iasolutions.mail.imail_send_modes",
    correspondents=SENDERS,
    states="iasolutions.mail.im_states",
):
    result = [
        core.text_filter(_("Search (reference, title, sender…)")),
        core.checkbox_filter("review_state", _("State"), vocabulary=states),
        core.checkbox_filter(
            "treating_groups", _("Treating service"), vocabulary="iasolutions.mail.treating_groups"
        ),
        core.checkbox_filter(
            "recipient_groups", _("Services in copy"), vocabulary="iasolutions.mail.treating_groups"
        ),
        core.select_filter(
            "assigned_user", _("Assigned agent"), vocabulary="iasolutions.mail.assigned_users"
        ),
        core.checkbox_filter("mail_type", _("Type"), vocabulary=mail_types),
        core.checkbox_filter("send_modes", _("Sending mode"), vocabulary=send_modes),
    ]
    titles = {
        "reception_date": _("Reception date"),
        "due_date": _("Due date"),
        "original_mail_date": _("Date of the mail"),
        "mail_date": _("Date of the mail"),
        "outgoing_date": _("Sending date"),
        "modified": _("Modified"),
    }
    result += [core.date_filter(name, titles[name]) for name in dates + ("modified",)]
    # after the others, so that the ids (c0, c1…) of the older facets do not change
    index, title, vocabulary = correspondents
    result += [
        core.search_filter(index, title, vocabulary),
        core.user_filter("labels", _("Labels"), "iasolutions.mail.my_labels"),
    ]
    return result


def incoming_dashboards():
    types = core.type_is(*INCOMING_TYPES)
    user = core.user_query
    return [
        ("all_mails", _("All incoming mails"), [types]),
        ("to_validate", _("To validate"), [types, user("mail.to_validate")]),
        (
            "to_treat",
            _("To treat (assigned to me)"),
            [types, core.state_is("proposed_to_agent"), user("mail.assigned_to_me")],
        ),
        (
            "im_treating",
            _("In treatment (by me)"),
            [types, core.state_is("in_treatment"), user("mail.assigned_to_me")],
        ),
        (
            "have_treated",
            _("Treated (by me)"),
            [types, core.state_is("closed"), user("mail.assigned_to_me")],
        ),
        (
            "to_treat_in_my_group",
            _("To treat in my services"),
            [types, core.state_is("proposed_to_agent"), user("mail.my_services")],
        ),
        ("in_my_group", _("In my services"), [types, user("mail.my_services")]),
        (
            "in_copy_unread",
            _("In copy, unread"),
            [types, user("mail.my_services_in_copy"), user("mail.unread")],
        ),
        ("in_copy", _("In copy"), [types, user("mail.my_services_in_copy")]),
        ("followed", _("Followed mails"), [types, user("mail.followed")]),
    ] + [
        (
            f"searchfor_{state}",
            _("State: ${state}", mapping={"state": title}),
            [types, core.state_is(state)],
        )
        for state, title in IM_STATES
    ]


def outgoing_dashboards():
    types = core.type_is("dmsoutgoingmail")
    user = core.user_query
    return [
        ("all_mails", _("All outgoing mails"), [types]),
        ("in_my_group", _("In my services"), [types, user("mail.my_services")]),
        ("to_validate", _("To validate or approve"), [types, user("mail.to_validate")]),
        ("to_print", _("To print"), [types, core.state_is("to_print")]),
        ("to_send", _("To send"), [types, core.state_is("signed", "to_be_signed")]),
        ("followed", _("Followed mails"), [types, user("mail.followed")]),
    ] + [
        (
            f"searchfor_{state}",
            _("State: ${state}", mapping={"state": title}),
            [types, core.state_is(state)],
        )
        for state, title in OM_STATES
    ]


def task_dashboards():
    types = core.type_is("task")
    user = core.user_query
    return [
        ("assigned_to_me", _("My tasks"), [types, user("mail.assigned_to_me")]),
        ("in_my_group", _("Tasks of my services"), [types, user("mail.my_task_services")]),
    ]


def setup_dashboards():
    """Create or update every dashboard (safe to run again)."""
    portal = api.portal.get()
    borrowed = getRequest() is None
    if borrowed:
        # The core's create_dashboard needs a request (faceted subtyper), which
        # profiles applied from scripts and test layers do not always set.
        setRequest(portal.REQUEST)
    try:
        return _setup_dashboards(portal)
    finally:
        if borrowed:
            setRequest(None)


def _setup_dashboards(portal):
    made = []
    plans = [
        (
            portal[INCOMING],
            incoming_dashboards(),
            IM_COLUMNS,
            criteria(("reception_date", "due_date", "original_mail_date")),
        ),
        (
            portal[OUTGOING],
            outgoing_dashboards(),
            OM_COLUMNS,
            criteria(
                ("mail_date", "outgoing_date"),
                "iasolutions.mail.omail_types",
                "iasolutions.mail.omail_send_modes",
                ("recipients_index", _("Recipient"), "iasolutions.mail.recipients"),
                "iasolutions.mail.om_states",
            ),
        ),
        (
            portal[TASKS],
            task_dashboards(),
            TASK_COLUMNS,
            [
                core.text_filter(),
                core.checkbox_filter(
                    "review_state", _("State"), vocabulary="iasolutions.mail.task_states"
                ),
                core.date_filter("due_date", _("Due date")),
            ],
        ),
    ]
    for folder, dashboards, columns, filters in plans:
        for position, (dashboard_id, title, query) in enumerate(dashboards):
            dashboard = core.create_dashboard(
                folder,
                dashboard_id,
                title,
                query=query,
                criteria=filters,
                columns=columns,
                sort_on="created",
                sort_reversed=True,
                batch_actions=BATCH_ACTIONS,
            )
            folder.moveObjectToPosition(dashboard_id, position)
            made.append(dashboard)
        default = dashboards[0][0]
        if getattr(folder, "default_page", None) != default:
            folder.setDefaultPage(default)
    return made
