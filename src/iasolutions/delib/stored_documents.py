"""Documents generated for every item of a meeting and stored in the items, as the
reference's *generate and store* (its templates' "store as annex"): after the
session, a meeting manager stores each item's deliberation as a decision annex.

``submit(meeting, template, output_format, items=None)`` checks the request and
hands it to the job ``delib.generate_documents`` (``iasolutions.core.jobs``)::

    job_id = submit(meeting, "deliberation", "pdf")   # every item of the meeting
    job_id = submit(meeting, "deliberation", "odt", items=[item_uid])

Where it runs is one rule (``runs_in_request``): at most ``IN_REQUEST_DOCUMENTS``
document in a format of ``IN_REQUEST_FORMATS`` (one ODT: no LibreOffice, well
under a second) is made at once, in the request; PDF (LibreOffice, a second or
more a document) or several items go to the worker. Either way the job is
recorded: its progress per item, its result (count, titles, URLs), its error.

The job runs as the user who submitted it: only the configuration's meeting
managers submit it, and an item on which the user may not add a decision annex
is left as it is and listed as refused. A generation that fails stores nothing
(the worker aborts the job's transaction) and is tried again. Generating again
replaces the document a template stored in that format (one annex, new file).
"""

from AccessControl import Unauthorized
from iasolutions.core import documents
from iasolutions.core import jobs
from iasolutions.core.i18n import site_language
from iasolutions.delib import _
from iasolutions.delib.agenda import items_of
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import is_meeting_manager
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent


JOB_NAME = "delib.generate_documents"

# The rule: what is made in the request (at most one ODT); the rest goes to the worker.
IN_REQUEST_FORMATS = ("odt",)
IN_REQUEST_DOCUMENTS = 1

ANNEX_TYPE = "annexDecision"
ADD_ANNEX = "iasolutions.delib: Add annexDecision"


class GenerationRefused(ValueError):
    """A request that cannot be done at all (a 400); ``message`` is a message id."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def runs_in_request(output_format, count):
    """True when ``count`` documents in ``output_format`` are made in the request."""
    return output_format in IN_REQUEST_FORMATS and count <= IN_REQUEST_DOCUMENTS


def templates_for_items(meeting):
    """The configuration's enabled templates for its items (deliberation …)."""
    cfg = config_of(meeting)
    if cfg is None:
        return []
    return [
        obj
        for obj in cfg.objectValues()
        if obj.portal_type == "pod_template"
        and obj.enabled
        and cfg.getItemTypeName() in (obj.pod_portal_types or ())
    ]


def find_template(meeting, reference):
    """An item template of the meeting's configuration, by id or UID."""
    if not isinstance(reference, str) or not reference:
        raise GenerationRefused(_("Give the template (its id or UID)."))
    for template in templates_for_items(meeting):
        if reference in (template.getId(), template.UID()):
            return template
    raise GenerationRefused(
        _(
            "Unknown template ${template}: give one of the items' templates.",
            mapping={"template": reference},
        )
    )


def check(meeting, template, output_format, items=None):
    """Who asks and what: return ``(template, items)``, or raise ``Unauthorized``
    (not a meeting manager of the meeting's configuration) or ``GenerationRefused``."""
    cfg = config_of(meeting)
    if cfg is None or not is_meeting_manager(cfg):
        raise Unauthorized("Only meeting managers generate the documents of a meeting")
    found = find_template(meeting, template)
    if output_format not in (found.output_formats or ()):
        raise GenerationRefused(
            _(
                "The template ${template} does not produce ${format}.",
                mapping={"template": found.title, "format": str(output_format)},
            )
        )
    in_meeting = items_of(meeting)
    if items is not None:
        if not isinstance(items, list) or not all(isinstance(uid, str) for uid in items):
            raise GenerationRefused(_("items must be a list of item UIDs."))
        by_uid = {item.UID(): item for item in in_meeting}
        unknown = [uid for uid in items if uid not in by_uid]
        if unknown:
            raise GenerationRefused(
                _(
                    "Not an item of this meeting: ${uids}",
                    mapping={"uids": ", ".join(unknown)},
                )
            )
        in_meeting = [by_uid[uid] for uid in dict.fromkeys(items)]
    if not in_meeting:
        raise GenerationRefused(_("The meeting has no item to generate documents for."))
    return found, in_meeting


def submit(meeting, template, output_format, items=None):
    """Check, then make the documents in the request or queue them (the rule);
    return the job's id. Raises ``Unauthorized`` or ``GenerationRefused``."""
    found, targets = check(meeting, template, output_format, items)
    arguments = {
        "meeting": meeting.UID(),
        "template": found.UID(),
        "output_format": output_format,
    }
    if items is not None:
        arguments["items"] = [item.UID() for item in targets]
    if runs_in_request(output_format, len(targets)):
        site = api.portal.get()
        job_id = jobs.new_record(
            JOB_NAME,
            "/".join(site.getPhysicalPath()),
            api.user.get_current().getId(),
            **arguments,
        )
        jobs.perform(job_id, site, commit=False)
        return job_id
    from iasolutions.core import worker  # its queue opens the jobs' file when imported

    return worker.submit_here(JOB_NAME, **arguments)


def generate_documents(site, progress, meeting, template, output_format="pdf", items=None):
    """The job: generate ``template`` for the meeting's items (or ``items``) and store
    each document as a decision annex of its item."""
    found_meeting = api.content.get(UID=meeting) if isinstance(meeting, str) else None
    if found_meeting is None:
        raise jobs.JobRefused(f"No meeting {meeting!r} that this user may see")
    try:
        found, targets = check(found_meeting, template, output_format, items)
    except GenerationRefused as refused:  # since submitted: recorded as the job's error
        raise jobs.JobRefused(translate(refused.message, target_language=site_language())) from None
    total = len(targets)
    progress(0, total)
    stored, refused = [], []
    for done, item in enumerate(targets, start=1):
        if api.user.has_permission(ADD_ANNEX, obj=item):
            annex = store(item, found, documents.generate(found, item, output_format))
            stored.append(_row(annex, item))
        else:
            refused.append({"item": item.title, "item_url": item.absolute_url()})
        progress(done, total, item.title)
    message = _(
        "${count} documents stored, ${refused} items refused",
        mapping={"count": len(stored), "refused": len(refused)},
    )
    return {
        "count": len(stored),
        "documents": stored,
        "refused": refused,
        "message": translate(message, target_language=site_language()),
    }


def _row(annex, item):
    site_path = len(api.portal.get().getPhysicalPath())
    return {
        "title": annex.title,
        "filename": annex.file.filename,
        "url": annex.absolute_url(),
        "path": "/".join(annex.getPhysicalPath()[site_path:]),
        "item": item.title,
        "item_url": item.absolute_url(),
    }


def stored_by(item, template, output_format):
    """The annex in which ``template`` stored its ``output_format`` document, or None."""
    key = _key(template, output_format)
    for annex in item.objectValues():
        if annex.portal_type == ANNEX_TYPE and getattr(annex, "generated_from", None) == key:
            return annex
    return None


def store(item, template, document):
    """Store a generated document in ``item``: a new decision annex, or the one the
    template stored before in that format, with the new file."""
    output_format = document.filename.rsplit(".", 1)[-1]
    blob = NamedBlobFile(
        data=document.data, filename=document.filename, contentType=document.content_type
    )
    annex = stored_by(item, template, output_format)
    if annex is not None:
        annex.file = blob
        notify(ObjectModifiedEvent(annex))
        annex.reindexObject()
        return annex
    annex = api.content.create(
        container=item,
        type=ANNEX_TYPE,
        id=free_id(item, f"{template.title} {output_format}"),
        title=template.title,
        file=blob,
        content_category=decision_annex_type(item),
    )
    annex.generated_from = _key(template, output_format)
    return annex


def decision_annex_type(item):
    """The configuration's first annex type for decisions (``item_decision``), or None."""
    cfg = config_of(item)
    for obj in cfg.objectValues() if cfg is not None else ():
        if (
            obj.portal_type == "ItemAnnexContentCategory"
            and getattr(obj, "relatedTo", "") == "item_decision"
        ):
            return obj.getId()
    return None


def _key(template, output_format):
    return f"{template.UID()}:{output_format}"
