"""The site folders of the mail module and the period folders mails live in.

``incoming-mail`` and ``outgoing-mail`` hold one folder per week (``202614``,
``%Y%U`` as in the reference); when a week folder holds
``period_folder_max_items`` mails, the next ones go to ``202614-2`` and so on,
so that no folder ever holds more than that.
"""

from datetime import datetime
from datetime import timedelta
from iasolutions.mail import settings
from plone import api
from plone.dexterity.utils import createContentInContainer


INCOMING = "incoming-mail"
OUTGOING = "outgoing-mail"
TASKS = "tasks"
TEMPLATES = "templates"

SITE_FOLDERS = (
    # id, portal type, title, shown in the navigation
    (INCOMING, "incoming_mail_folder", "Courrier entrant", True),
    (OUTGOING, "outgoing_mail_folder", "Courrier sortant", True),
    (TASKS, "mail_folder", "Tâches", True),
    (TEMPLATES, "mail_folder", "Modèles", False),
)

ROOT_OF_TYPE = {
    "dmsincomingmail": INCOMING,
    "dmsincoming_email": INCOMING,
    "dmsoutgoingmail": OUTGOING,
}


def ensure_site_folders():
    """Create the site folders that are missing; return them by id."""
    portal = api.portal.get()
    folders = {}
    for folder_id, portal_type, title, in_navigation in SITE_FOLDERS:
        folder = portal.get(folder_id)
        if folder is None:
            folder = createContentInContainer(
                portal,
                portal_type,
                checkConstraints=False,
                id=folder_id,
                title=title,
                exclude_from_nav=not in_navigation,
            )
        folders[folder_id] = folder
    return folders


def root_folder(portal_type):
    """``incoming-mail`` or ``outgoing-mail`` for a mail type."""
    return api.portal.get()[ROOT_OF_TYPE[portal_type]]


def period_id(when=None):
    return (when or datetime.now()).strftime("%Y%U")


def period_folder(root, when=None):
    """The folder of the period of ``when`` (default now) in ``root``, created
    when missing, and never fuller than the configured maximum."""
    base = period_id(when)
    limit = settings.get("period_folder_max_items")
    number = 1
    while True:
        folder_id = base if number == 1 else f"{base}-{number}"
        folder = root.get(folder_id)
        if folder is None:
            return createContentInContainer(
                root,
                root.portal_type,
                checkConstraints=False,
                id=folder_id,
                title=folder_id,
                exclude_from_nav=True,
            )
        if folder.objectCount() < limit:
            return folder
        number += 1


def container_for(portal_type, when=None):
    """Where a new mail of this type goes."""
    return period_folder(root_folder(portal_type), when)


def prepare_period_folders(days_ahead=7, when=None):
    """The period folders of today and of ``days_ahead`` days later, made before the
    mails come (the install and the nightly job ``mail.prepare_period_folders``):
    the first mails of a week, saved at once by several agents, would each create
    the same folder, a conflict for all but one. Returns the folders made."""
    today = when or datetime.now()
    made = []
    for root_id in (INCOMING, OUTGOING):
        root = api.portal.get()[root_id]
        for day in (today, today + timedelta(days=days_ahead)):
            if period_id(day) not in root:
                made.append(period_folder(root, day))
    return made
