"""The deliberations' jobs, run by the worker (``iasolutions.core.jobs``)."""

from iasolutions.core.i18n import site_language
from iasolutions.core.jobs import Job
from iasolutions.delib import _
from iasolutions.delib.advices import reindex_timed_out_advices
from iasolutions.delib.stored_documents import JOB_NAME
from iasolutions.delib.stored_documents import generate_documents
from zope.i18n import translate


def update_advice_delays(site, progress):
    progress(0, 1)
    count = reindex_timed_out_advices()
    progress(1, 1)
    message = _("${count} items whose advice delay ran out", mapping={"count": count})
    return {
        "items_reindexed": count,
        "message": translate(message, target_language=site_language()),
    }


UPDATE_ADVICE_DELAYS = Job(
    name="delib.update_advice_delays",
    title=_("Update the advice delays"),
    function=update_advice_delays,
    daily=True,
    module="delib",
)


# Submitted by meeting managers on a meeting (``stored_documents.submit``); over
# ``@jobs``, site administrators only (the permission below).
GENERATE_DOCUMENTS = Job(
    name=JOB_NAME,
    title=_("Generate and store documents"),
    function=generate_documents,
    module="delib",
)
