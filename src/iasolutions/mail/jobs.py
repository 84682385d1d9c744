"""The mail module's jobs, run by the worker (``iasolutions.core.jobs``)."""

from iasolutions.core.i18n import site_language
from iasolutions.core.jobs import Job
from iasolutions.mail import _
from iasolutions.mail.folders import prepare_period_folders
from zope.i18n import translate


def prepare_folders(site, progress):
    progress(0, 1)
    made = prepare_period_folders()
    progress(1, 1)
    message = _("${count} week folders prepared", mapping={"count": len(made)})
    return {
        "folders": ["/".join(folder.getPhysicalPath()[-2:]) for folder in made],
        "message": translate(message, target_language=site_language()),
    }


PREPARE_PERIOD_FOLDERS = Job(
    name="mail.prepare_period_folders",
    title=_("Prepare the week folders"),
    function=prepare_folders,
    daily=True,
    module="mail",
)
