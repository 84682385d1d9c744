"""Publication of deliberations (Walloon decree of 18 May 2022 on active publicity).

A meeting manager publishes a meeting in the public section (``publications``):

- ``in_project``: the draft decisions, before the council sits;
- ``decision``: the decisions, once the meeting is decided or closed;
- ``private``: withdrawn from the public.

Only public items (``privacy == "public"``) and their publishable, non-confidential
annexes are copied. Text the agent marked for pseudonymisation
(``<span class="pm-anonymize">…</span>``) is replaced by "TEXTE MASQUÉ | RGPD"
*before* it is copied: the public objects never hold the original text.
"""

from iasolutions.delib import _
from iasolutions.delib.agenda import format_number
from iasolutions.delib.agenda import items_of
from iasolutions.delib.meetingconfigs import config_of
from iasolutions.delib.meetingconfigs import free_id
from iasolutions.delib.meetingconfigs import is_meeting_manager
import lxml.html
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
import re


MASK = "TEXTE MASQUÉ | RGPD"
MASK_CLASS = "pm-anonymize"
PUBLIC_FOLDER = "publications"
STAGES = ("private", "in_project", "decision")
STAGE_TRANSITIONS = {
    "in_project": "publish_project",
    "decision": "publish_decision",
    "private": "unpublish",
}
DISCLAIMER = (
    "Projets de délibérations publiés avant la séance, conformément au décret du "
    "18 mai 2022 : seul le texte adopté en séance fait foi."
)


class PublicationRefused(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def public_title(item):
    """What the public reads as the item's title: its title for the public, if any."""
    return (getattr(item, "publicTitle", None) or "").strip() or item.title


def pseudonymise(html):
    """Replace the content of every element marked ``pm-anonymize`` by the mask."""
    if not html or not html.strip():
        return html or ""
    fragments = lxml.html.fragments_fromstring(html)
    out = []
    for fragment in fragments:
        if isinstance(fragment, str):
            out.append(fragment)
            continue
        nodes = [fragment] if MASK_CLASS in (fragment.get("class") or "").split() else []
        nodes += fragment.xpath(
            f'.//*[contains(concat(" ", normalize-space(@class), " "), " {MASK_CLASS} ")]'
        )
        for node in nodes:
            for child in list(node):
                node.remove(child)
            node.text = MASK
        out.append(lxml.html.tostring(fragment, encoding="unicode"))
    result = "".join(out)
    # Belt and braces: a marker the parser could not read is refused, never copied.
    if re.search(MASK_CLASS, result) and result.count(MASK) < result.count(MASK_CLASS):
        raise PublicationRefused(_("pseudonymisation_failed"))
    return result


def _html(value):
    if value is None:
        return ""
    return value.raw if isinstance(value, RichTextValue) else str(value)


def public_folder():
    portal = api.portal.get()
    folder = portal.get(PUBLIC_FOLDER)
    if folder is None:
        with api.env.adopt_roles(["Manager"]):
            folder = createContentInContainer(
                portal,
                "PublicationFolder",
                checkConstraints=False,
                id=PUBLIC_FOLDER,
                title="Délibérations publiées",
            )
    return folder


def public_meeting_of(meeting):
    folder = public_folder()
    uid = api.content.get_uuid(meeting)
    for obj in folder.objectValues():
        if getattr(obj, "source_uid", None) == uid:
            return obj
    return None


def offered_stages(meeting):
    """The publication buttons a meeting manager is offered on the meeting: the draft
    decisions while the meeting is frozen and not yet decided, the decisions once it is
    decided, the withdrawal when something is published."""
    state = api.content.get_state(meeting)
    stages = []
    if state in ("frozen", "published"):
        stages.append("in_project")
    if state in ("decided", "closed"):
        stages.append("decision")
    public = public_meeting_of(meeting)
    if public is not None and api.content.get_state(public) != "private":
        stages.append("private")
    return stages


def publish(meeting, stage):
    """Publish (or withdraw) a meeting at ``stage``; returns its public copy."""
    cfg = config_of(meeting)
    if stage not in STAGES:
        raise PublicationRefused(_("publication_stage_unknown"))
    if not is_meeting_manager(cfg):
        raise PublicationRefused(_("meeting_managers_only"))
    state = api.content.get_state(meeting)
    if stage == "in_project" and state == "created":
        raise PublicationRefused(_("publication_needs_frozen_meeting"))
    if stage == "decision" and state not in ("decided", "closed"):
        raise PublicationRefused(_("meeting_not_decided"))
    with api.env.adopt_roles(["Manager"]):
        public = public_meeting_of(meeting)
        if stage == "private" and public is None:
            return None
        # Compute everything first: a pseudonymisation failure writes nothing.
        rows = [
            _public_item_values(item, cfg, stage)
            for item in items_of(meeting, unrestricted=True)
            if (item.privacy or "public") == "public"
        ]
        if public is None:
            folder = public_folder()
            public = createContentInContainer(
                folder,
                "PublicMeeting",
                checkConstraints=False,
                id=free_id(folder, f"{cfg.getId()}-{meeting.getId()}"),
                title=meeting.title,
            )
            public.source_uid = api.content.get_uuid(meeting)
        public.title = f"{cfg.title} — {meeting.title}"
        public.date = meeting.date
        public.institution = api.portal.get().title
        public.disclaimer = DISCLAIMER if stage == "in_project" else ""
        if stage != "private":
            _refresh_items(public, rows)
        current = api.content.get_state(public)
        if current != stage:
            api.content.transition(obj=public, to_state=stage)
        public.reindexObject()
    return public


def _public_item_values(item, cfg, stage):
    category = cfg.get(item.category) if item.category else None
    wf_tool = api.portal.get_tool("portal_workflow")
    state = api.content.get_state(item)
    return {
        "source_uid": api.content.get_uuid(item),
        "title": public_title(item),
        "number": format_number(item.itemNumber),
        "reference": item.itemReference or "",
        "category": category.title if category is not None else "",
        "motivation": pseudonymise(_html(item.motivation)),
        "decision": pseudonymise(_html(item.decision)),
        "decision_state": _public_state_title(
            wf_tool.getTitleForStateOnType(state, item.portal_type)
        )
        if stage == "decision"
        else "",
        "annexes": [
            annex
            for annex in item.objectValues()
            if annex.portal_type in ("annex", "annexDecision")
            and getattr(annex, "publishable", False)
            and not getattr(annex, "confidential", False)
        ],
    }


def _public_state_title(title):
    """The decision as the public reads it: in the site's language ("Accepté")."""
    from iasolutions.core.i18n import site_language
    from zope.i18n import translate

    return translate(title, domain="plone", target_language=site_language())


def _refresh_items(public, rows):
    wanted = {row["source_uid"] for row in rows}
    for obj in list(public.objectValues()):
        if getattr(obj, "source_uid", None) not in wanted:
            api.content.delete(obj=obj, check_linkintegrity=False)
    existing = {getattr(obj, "source_uid", None): obj for obj in public.objectValues()}
    for row in rows:
        obj = existing.get(row["source_uid"])
        if obj is None:
            obj = createContentInContainer(
                public,
                "PublicItem",
                checkConstraints=False,
                id=free_id(public, row["title"]),
                title=row["title"],
            )
            obj.source_uid = row["source_uid"]
        obj.title = row["title"]
        obj.number = row["number"]
        obj.reference = row["reference"]
        obj.category = row["category"]
        obj.motivation = RichTextValue(row["motivation"], "text/html", "text/x-html-safe")
        obj.decision = RichTextValue(row["decision"], "text/html", "text/x-html-safe")
        obj.decision_state = row["decision_state"]
        for annex in list(obj.objectValues()):
            api.content.delete(obj=annex, check_linkintegrity=False)
        for annex in row["annexes"]:
            copy = createContentInContainer(
                obj,
                "PublicAnnex",
                checkConstraints=False,
                id=free_id(obj, annex.getId()),
                title=annex.title,
            )
            copy.file = NamedBlobFile(
                data=annex.file.data,
                filename=annex.file.filename,
                contentType=annex.file.contentType,
            )
            copy.reindexObject()
        obj.reindexObject()
