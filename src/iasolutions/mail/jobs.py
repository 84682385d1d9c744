"""The mail module's jobs, run by the worker (``iasolutions.core.jobs``).

- ``mail.prepare_period_folders``: the week folders, every night;
- ``mail.generate_letters``: the letters of an outgoing mail, when there are too
  many for the agent's request or they are PDF (``letters.in_request``);
- ``mail.import_directory``: the scans and emails of the municipality's import
  directory (``importer.inbox``), for batch importers.

A job runs as the user who submitted it, who is checked again. Its result
names what it made by paths in the site (the worker does not know the site's
public address); its ``message`` is what the agent reads on ``@@jobs``.
"""

from iasolutions.core.i18n import site_language
from iasolutions.core.jobs import Job
from iasolutions.core.jobs import JobRefused
from iasolutions.core.jobs import in_caller_transaction
from iasolutions.mail import _
from iasolutions.mail import importer
from iasolutions.mail import letters
from iasolutions.mail.folders import prepare_period_folders
from plone import api
from zExceptions import Unauthorized
from zope.i18n import translate


IMPORT = "iasolutions.mail: Import mail"
# Who may submit the letters job (``POST @jobs``): the municipality's agents; the
# job checks that the user may add files to the mail itself.
AGENTS = "iasolutions.core: View internal data"


def _text(message):
    return translate(message, target_language=site_language())


def site_relative(site, obj):
    """The path of ``obj`` in the site: ``outgoing-mail/202648/reponse/lettre-type.odt``."""
    return "/".join(obj.getPhysicalPath()[len(site.getPhysicalPath()) :])


def prepare_folders(site, progress):
    progress(0, 1)
    made = prepare_period_folders()
    progress(1, 1)
    message = _("${count} week folders prepared", mapping={"count": len(made)})
    return {
        "folders": ["/".join(folder.getPhysicalPath()[-2:]) for folder in made],
        "message": _text(message),
    }


PREPARE_PERIOD_FOLDERS = Job(
    name="mail.prepare_period_folders",
    title=_("Prepare the week folders"),
    function=prepare_folders,
    daily=True,
    module="mail",
)


# -- letters ------------------------------------------------------------------


def _find(uid, portal_type):
    """The object of that UID and type the user may see, or None."""
    try:
        found = api.content.get(UID=uid) if isinstance(uid, str) and uid else None
    except Unauthorized:
        return None
    return found if found is not None and found.portal_type == portal_type else None


def generate_letters(site, progress, mail_uid, template_uid, output_format="odt"):
    """The letters of an outgoing mail (``letters.generate_letters``), one by one.

    All or nothing: a letter that fails leaves no file (the worker aborts the
    job's transaction, records the error and tries again); a refusal (rights, a
    format the template does not make) is recorded at once, not tried again."""
    mail = _find(mail_uid, "dmsoutgoingmail")
    template = _find(template_uid, "pod_template")
    if mail is None or template is None:
        raise JobRefused(
            _text(_("The outgoing mail or its template cannot be found, or you may not see them."))
        )
    try:
        letters.check_letters(mail, template, output_format)
    except letters.LetterError as refused:  # not worth trying again
        raise JobRefused(_text(refused.args[0])) from refused
    made = letters.generate_letters(mail, template, output_format, progress=progress)
    message = _(
        "${count} letters generated for ${title}.",
        mapping={"count": len(made), "title": mail.title},
    )
    return {
        "count": len(made),
        "mail": site_relative(site, mail),
        "files": [
            {"path": site_relative(site, obj), "title": obj.title, "filename": obj.file.filename}
            for obj in made
        ],
        "message": _text(message),
    }


GENERATE_LETTERS = Job(
    name="mail.generate_letters",
    title=_("Generate the letters of an outgoing mail"),
    function=generate_letters,
    module="mail",
    permission=AGENTS,
)


# -- import -------------------------------------------------------------------


def import_directory(site, progress):
    """The scans and emails of the site's import directory (``importer.inbox``).

    The worker commits each imported file and moves it to ``done``: a job that
    stops half-way starts again with the files left. The result is the import
    report: ``created``, ``replaced`` and ``errors`` (file and reason)."""
    try:
        if not api.user.has_permission(IMPORT, obj=site):
            raise importer.ImportError_(_("You may not import mail."))
        directory = importer.inbox(site)
    except importer.ImportError_ as error:
        raise JobRefused(_text(error.args[0])) from error
    progress(0, len(importer.importable_files(directory)))
    report = importer.import_directory(
        directory, progress=progress, commit=not in_caller_transaction()
    )
    result = report.as_dict()
    prefix = site.absolute_url() + "/"
    for entry in report.created + report.replaced:
        entry["path"] = entry.pop("@id").removeprefix(prefix)
    message = _(
        "${created} files imported, ${replaced} replaced, ${refused} refused.",
        mapping={
            "created": len(report.created),
            "replaced": len(report.replaced),
            "refused": len(report.errors),
        },
    )
    result["message"] = _text(message)
    return result


IMPORT_DIRECTORY = Job(
    name="mail.import_directory",
    title=_("Import the scans and emails of the import directory"),
    function=import_directory,
    module="mail",
    permission=IMPORT,
)
