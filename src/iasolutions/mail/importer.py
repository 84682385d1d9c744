"""Importing scanned mail and emails.

A scan is a PDF with a JSON metadata file beside it (``0001.pdf`` and
``0001.json``)::

    {"scan_id": "050000000012345", "type": "dmsincomingmail",
     "treating_groups": "finances", "title": "Demande de subside",
     "scan_date": "2026-02-03T09:30:00", "original_mail_date": "2026-01-30",
     "pages_number": 2, "scanner": "Canon DR-C240", "scan_user": "jdoe"}

It becomes a new mail in ``created`` (reception date = scan date) with the
PDF as main file, unless a file with that ``scan_id`` exists: then the PDF
replaces that file (a new version) and no mail is created; a signed letter
scanned back (an outgoing main file) also marks its mail as sent.

An email (``.eml``) becomes a ``dmsincoming_email``: the subject as title
("(VIDE)" when empty), the sender found by the From address among the
contacts, the ``.eml`` as main file, its attachments as appendixes, and the
routing rules of the settings applied (treating service, agent, state).

Each file is checked before anything is written and imported in a savepoint:
a bad file is reported and left where it is; nothing is half-imported. The
importing user (the reference's ``scanner``, with the role "Batch importer")
owns what is created.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses
from email.utils import parsedate_to_datetime
import fnmatch
from iasolutions.core.contacts import find_by_email
from iasolutions.core.contacts import relation_to
from iasolutions.core.services import get_service
from iasolutions.mail import _
from iasolutions.mail import files
from iasolutions.mail import mails
from iasolutions.mail import settings
from iasolutions.mail import validation
from iasolutions.mail.assignment import can_be_assigned
from iasolutions.mail.interfaces import ROUTING_STATES
from iasolutions.mail.restapi.deserializers import service_uid
import json
import logging
import os
from pathlib import Path
from plone import api
import transaction
from zope.i18n import translate


logger = logging.getLogger("iasolutions.mail.import")

SCAN_TYPES = ("dmsincomingmail", "dmsincoming_email", "dmsoutgoingmail")
TARGET_STATES = ROUTING_STATES
EMPTY_SUBJECT = "(VIDE)"


class ImportError_(ValueError):
    """A file that cannot be imported; the message says why."""


@dataclass
class Report:
    created: list = field(default_factory=list)
    replaced: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def as_dict(self):
        return {"created": self.created, "replaced": self.replaced, "errors": self.errors}


# --- checking ----------------------------------------------------------------


def _date(value, name, kind=date):
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise ImportError_(
            _(
                "${field}: ${value} is not a date (YYYY-MM-DD).",
                mapping={"field": name, "value": str(value)},
            )
        )
    return parsed if kind is datetime else parsed.date()


def check_scan(filename, data, metadata):
    """The values of a scan, checked: raises ImportError_ with the reason."""
    if not isinstance(metadata, dict):
        raise ImportError_(_("The metadata must be a JSON object."))
    if not files.looks_like_pdf(data):
        raise ImportError_(_("${filename} is not a PDF.", mapping={"filename": filename}))
    scan_id = str(metadata.get("scan_id") or "").strip()
    if not scan_id:
        raise ImportError_(_("The metadata has no scan_id."))
    portal_type = metadata.get("type") or "dmsincomingmail"
    if portal_type not in SCAN_TYPES:
        raise ImportError_(_("Unknown type ${type}.", mapping={"type": str(portal_type)}))
    service = metadata.get("treating_groups") or metadata.get("treating_group")
    if service:
        uid = service_uid(service)
        if get_service(uid) is None:
            raise ImportError_(_("Unknown service: ${service}.", mapping={"service": str(service)}))
        service = uid
    try:
        scan = files.scan_values(dict(metadata, scan_id=scan_id))
    except files.BadFile as error:
        raise ImportError_(error.args[0])
    return {
        "scan_id": scan_id,
        "type": portal_type,
        "treating_groups": service or None,
        "title": str(metadata.get("title") or "").strip() or Path(filename).stem,
        "original_mail_date": _date(metadata.get("original_mail_date"), "original_mail_date"),
        "mail_type": metadata.get("mail_type") or None,
        "external_reference_no": metadata.get("external_reference_no") or None,
        "scan": scan,
        "file": files.blob(data, filename),
    }


def existing_file(scan_id):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        scan_id=scan_id, portal_type=["dmsmainfile", "dmsommainfile"]
    )
    return brains[0]._unrestrictedGetObject() if brains else None


# --- importing ---------------------------------------------------------------


def import_scan(filename, data, metadata, report):
    """Import one scan; its errors go to the report, its changes are all or nothing."""
    savepoint = transaction.savepoint()
    try:
        values = check_scan(filename, data, metadata)
        target = existing_file(values["scan_id"])
        if target is not None:
            _replace(target, values)
            report.replaced.append(
                {"filename": filename, "scan_id": values["scan_id"], "@id": target.absolute_url()}
            )
        else:
            mail = _create_from_scan(values)
            report.created.append(
                {
                    "filename": filename,
                    "scan_id": values["scan_id"],
                    "@id": mail.absolute_url(),
                    "internal_reference_no": mail.internal_reference_no,
                }
            )
        return True
    except ImportError_ as error:
        savepoint.rollback()
        report.errors.append({"filename": filename, "message": translate(error.args[0])})
    except Exception as error:  # anything else: reported, rolled back, import goes on
        savepoint.rollback()
        logger.exception("Import of %s failed", filename)
        report.errors.append({"filename": filename, "message": str(error)})
    return False


def _replace(target, values):
    """A new version of a scanned file (the mail is not duplicated)."""
    target.file = values["file"]
    for name, value in values["scan"].items():
        if name != "version":
            setattr(target, name, value)
    target.version = (target.version or 0) + 1
    target.reindexObject()
    mail = target.aq_parent
    if target.portal_type == "dmsommainfile":
        target.signed = True
        _mark_sent(mail)


def _mark_sent(mail):
    """A signed letter scanned back: the outgoing mail is sent."""
    if api.content.get_state(mail) == "sent":
        return
    with api.env.adopt_roles(["Manager"]):
        workflow = api.portal.get_tool("portal_workflow")
        if "mark_as_sent" in [t["id"] for t in workflow.getTransitionsFor(mail)]:
            api.content.transition(
                obj=mail, transition="mark_as_sent", comment="Lettre signée scannée"
            )


def _create_from_scan(values):
    scan_date = values["scan"].get("scan_date")
    fields = {"title": values["title"], "treating_groups": values["treating_groups"]}
    if values["type"] != "dmsoutgoingmail":
        fields.update(
            reception_date=scan_date or datetime.now().replace(microsecond=0),
            original_mail_date=values["original_mail_date"],
            mail_type=values["mail_type"],
        )
    fields["external_reference_no"] = values["external_reference_no"]
    with api.env.adopt_roles(["Manager"]):
        mail = mails.create(values["type"], when=scan_date, **fields)
        api.content.create(
            container=mail,
            type=("dmsommainfile" if values["type"] == "dmsoutgoingmail" else "dmsmainfile"),
            title=values["file"].filename,
            file=values["file"],
            **values["scan"],
        )
        if values["type"] == "dmsoutgoingmail":
            api.content.transition(obj=mail, transition="set_scanned")
    return mail


# --- emails ------------------------------------------------------------------


def parse_email(data):
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not message.keys():
        raise ImportError_(_("This is not an email."))
    return message


def _addresses(message, *headers):
    values = []
    for header in headers:
        values.extend(str(v) for v in message.get_all(header, []))
    return [address.lower() for _name, address in getaddresses(values) if address]


def routing_rule(message):
    """The first routing rule of the settings matching the email, or None.

    Rules are ``IRoutingRule`` rows: ``{"kind": "to", "pattern":
    "urbanisme@commune.be", "service": "urbanisme", "user": "", "state":
    "proposed_to_agent"}``; ``kind`` "from" matches the sender (patterns as in
    ``*@spw.be``).
    """
    recipients = _addresses(message, "To", "Cc", "Delivered-To")
    senders = _addresses(message, "From")
    for rule in settings.get("email_routing") or ():
        candidates = senders if rule.get("kind") == "from" else recipients
        pattern = rule["pattern"].lower()
        if any(fnmatch.fnmatch(address, pattern) for address in candidates):
            return {
                "service": rule.get("service") or "",
                "user": rule.get("user") or "",
                "state": rule.get("state") or "created",
            }
    return None


def check_email(filename, data):
    message = parse_email(data)
    subject = (message.get("Subject") or "").strip() or EMPTY_SUBJECT
    senders = _addresses(message, "From")
    sender_email = senders[0] if senders else ""
    contacts = find_by_email(sender_email) if sender_email else []
    received = None
    if message.get("Date"):
        try:
            received = parsedate_to_datetime(message["Date"]).replace(tzinfo=None)
        except (TypeError, ValueError):
            received = None
    rule = routing_rule(message)
    route = {}
    if rule is not None:
        uid = service_uid(rule["service"]) if rule["service"] else None
        if rule["service"] and get_service(uid) is None:
            raise ImportError_(
                _(
                    "The routing rule names an unknown service: ${service}.",
                    mapping={"service": rule["service"]},
                )
            )
        if rule["state"] not in TARGET_STATES:
            raise ImportError_(
                _(
                    "The routing rule names an unknown state: ${state}.",
                    mapping={"state": rule["state"]},
                )
            )
        route = {"service": uid, "user": rule["user"] or None, "state": rule["state"]}
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    attachments = []
    for part in message.iter_attachments():
        name = part.get_filename() or "piece-jointe"
        content = part.get_payload(decode=True) or b""
        if content:
            attachments.append(
                files.blob(content, name, part.get_content_type() or "application/octet-stream")
            )
    return {
        "title": subject,
        "sender_email": sender_email,
        "sender": [relation_to(b.getObject()) for b in contacts[:1]],
        "received": received,
        "text": text.strip(),
        "attachments": attachments,
        "route": route,
        "file": files.blob(data, filename, "message/rfc822"),
    }


def import_email(filename, data, report):
    savepoint = transaction.savepoint()
    try:
        values = check_email(filename, data)
        mail = _create_from_email(values)
        report.created.append(
            {
                "filename": filename,
                "@id": mail.absolute_url(),
                "internal_reference_no": mail.internal_reference_no,
                "state": api.content.get_state(mail),
            }
        )
        return True
    except ImportError_ as error:
        savepoint.rollback()
        report.errors.append({"filename": filename, "message": translate(error.args[0])})
    except Exception as error:
        savepoint.rollback()
        logger.exception("Import of %s failed", filename)
        report.errors.append({"filename": filename, "message": str(error)})
    return False


def _create_from_email(values):
    route = values["route"]
    fields = {
        "title": values["title"],
        "description": values["text"][:5000] or None,
        "orig_sender_email": values["sender_email"] or None,
        "sender": values["sender"],
        "reception_date": values["received"] or datetime.now().replace(microsecond=0),
        "original_mail_date": (values["received"] or datetime.now()).date(),
        "send_modes": ["email"],
        "treating_groups": route.get("service"),
    }
    if "email" in [row["value"] for row in settings.get("mail_types") or ()]:
        fields["mail_type"] = "email"
    user = route.get("user")
    if user and route.get("service") and can_be_assigned(user, route["service"]):
        fields["assigned_user"] = user
    with api.env.adopt_roles(["Manager"]):
        mail = mails.create("dmsincoming_email", **fields)
        api.content.create(
            container=mail, type="dmsmainfile", title=values["file"].filename, file=values["file"]
        )
        for attachment in values["attachments"]:
            api.content.create(
                container=mail, type="dmsappendixfile", title=attachment.filename, file=attachment
            )
        _route(mail, route.get("state"))
    return mail


def _route(mail, state):
    """Move an imported email to the state its routing rule asks, as far as the guards allow."""
    if not state or state == "created" or not mail.treating_groups:
        return
    steps = (
        ["propose_to_manager"]
        if state == "proposed_to_manager"
        else [validation.next_transition(mail)]
    )
    for step in steps:
        workflow = api.portal.get_tool("portal_workflow")
        if step in [t["id"] for t in workflow.getTransitionsFor(mail)]:
            api.content.transition(obj=mail, transition=step, comment="Routage automatique")


# --- directories -------------------------------------------------------------

# Where the import job reads a municipality's scans and emails: a folder named
# after the site under this directory, set by whoever runs the server
# (``zope.conf``'s ``<environment>``), never by a web user.
INBOX_VARIABLE = "IASOLUTIONS_MAIL_IMPORT_DIR"


def inbox(site):
    """The import directory of ``site``: ``$IASOLUTIONS_MAIL_IMPORT_DIR/<site id>``.

    Raises ImportError_ when the server sets no import directory or the site's
    folder does not exist (several sites of an instance never share one)."""
    root = os.environ.get(INBOX_VARIABLE)
    if not root:
        raise ImportError_(
            _(
                "The server has no import directory (${variable} in zope.conf).",
                mapping={"variable": INBOX_VARIABLE},
            )
        )
    directory = Path(root) / site.getId()
    if not directory.is_dir():
        raise ImportError_(
            _("The import directory ${path} does not exist.", mapping={"path": str(directory)})
        )
    return directory


def importable_files(directory):
    """The scans (``*.pdf``) and emails (``*.eml``) of a directory, in name order."""
    return [
        path
        for path in sorted(Path(directory).iterdir())
        if path.is_file() and path.suffix.lower() in (".pdf", ".eml")
    ]


def _refused(report, filename, message):
    report.errors.append({"filename": filename, "message": translate(message)})


def import_path(path, report):
    """Import one file of a directory (a scan with its ``.json``, or an email);
    return the files to move once imported, or None when it was refused."""
    if path.suffix.lower() == ".eml":
        return [path] if import_email(path.name, path.read_bytes(), report) else None
    meta_path = path.with_suffix(".json")
    if not meta_path.exists():
        _refused(
            report, path.name, _("No metadata file ${name}.", mapping={"name": meta_path.name})
        )
        return None
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except ValueError as error:
        _refused(
            report,
            meta_path.name,
            _("The metadata is not valid JSON: ${error}.", mapping={"error": str(error)}),
        )
        return None
    return (
        [path, meta_path] if import_scan(path.name, path.read_bytes(), metadata, report) else None
    )


def _move(paths, done):
    done.mkdir(exist_ok=True)
    for source in paths:
        source.rename(done / source.name)


def _move_after_commit(paths, done):
    """Move the imported files once the caller's transaction is committed (never
    when it is aborted: the files are then imported again next time)."""

    def move(committed):
        if committed:
            _move(paths, done)

    transaction.get().addAfterCommitHook(move)


def import_directory(directory, done=None, progress=None, commit=True):
    """Import the scans (``*.pdf`` + ``*.json``) and emails (``*.eml``) of a directory.

    Each imported file is committed, then moved to ``done`` (default
    ``<directory>/done``); bad files stay where they are and are reported.
    ``commit=False`` leaves the transaction to the caller (a job run in its
    caller's): the imported files are moved when it is committed.
    ``progress(done, total, filename)`` is told after each file (a job's).
    """
    directory = Path(directory)
    done = Path(done) if done else directory / "done"
    report = Report()
    paths = importable_files(directory)
    for number, path in enumerate(paths, 1):
        moved = import_path(path, report)
        if moved and commit:
            transaction.commit()
            _move(moved, done)
        elif moved:
            _move_after_commit(moved, done)
        if progress is not None:
            progress(number, len(paths), path.name)
    return report
