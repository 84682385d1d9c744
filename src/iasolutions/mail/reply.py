"""Replying to an incoming mail: an outgoing mail pre-filled from it.

The reply is addressed to the senders of the incoming mail, refers to it
(``reply_to``), is treated by the same service, and its title is the incoming
title with the configured prefix ("Réponse: "). An email is answered by email.
"""

from iasolutions.core.contacts import relation_to
from iasolutions.mail import settings
from iasolutions.mail.folders import container_for
from plone import api


def reply_values(incoming):
    """The fields of the outgoing mail answering ``incoming``."""
    prefix = settings.get("response_prefix") or ""
    title = incoming.title or ""
    values = {
        "title": title if title.startswith(prefix) else f"{prefix}{title}",
        "recipients": [
            relation_to(r.to_object)
            for r in incoming.sender or ()
            if r is not None and not r.isBroken() and r.to_object is not None
        ],
        "reply_to": [relation_to(incoming)],
        "treating_groups": incoming.treating_groups,
        "send_modes": ["post"],
    }
    if incoming.portal_type == "dmsincoming_email" or incoming.orig_sender_email:
        values["send_modes"] = ["email"]
        values["email_recipient"] = incoming.orig_sender_email or ""
        values["email_subject"] = values["title"]
    return values


def create_reply(incoming, **overrides):
    """Create the reply (state ``created``) in the period folder of outgoing mail."""
    values = reply_values(incoming)
    values.update(overrides)
    container = container_for("dmsoutgoingmail")
    return api.content.create(container=container, type="dmsoutgoingmail", **values)


def replies(incoming):
    """The outgoing mails that answer ``incoming`` and the user may see."""
    from zc.relation.interfaces import ICatalog
    from zope.component import queryUtility
    from zope.intid.interfaces import IIntIds

    intids, relations = queryUtility(IIntIds), queryUtility(ICatalog)
    if intids is None or relations is None:
        return []
    target = intids.queryId(incoming)
    if target is None:
        return []
    found = []
    for relation in relations.findRelations({"to_id": target, "from_attribute": "reply_to"}):
        source = relation.from_object
        if source is not None and api.user.has_permission("View", obj=source):
            found.append(source)
    return found
