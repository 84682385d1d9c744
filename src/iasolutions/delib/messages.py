"""Message ids built at run time (vocabulary values, advice states), listed here so that
``make i18n`` extracts them."""

from iasolutions.delib import _


DYNAMIC_MESSAGES = (
    # inserting methods
    _("at_the_end"), _("on_proposing_groups"), _("on_list_type"), _("on_privacy"),
    _("on_categories"),
    # workflow adaptations
    _("no_publication"), _("pre_accepted"), _("accepted_but_modified"), _("refused"),
    _("delayed"), _("return_to_proposing_group"), _("only_creator_may_delete"),
    # optional fields
    _("publicTitle"), _("description"), _("motivation"), _("category"), _("groupsInCharge"),
    _("associatedGroups"), _("optionalAdvisers"), _("copyGroups"), _("privacy"), _("pollType"),
    _("toDiscuss"), _("otherMeetingConfigsClonableTo"), _("notes"), _("preferredMeeting"),
    _("listType"), _("start_date"), _("end_date"), _("convocation_date"), _("place"),
    _("attendees"), _("excused"), _("absents"), _("signatories"), _("observations"),
    _("extraordinary_session"),
    # poll types, list types, privacy
    _("freehand"), _("secret"), _("secret_separated"), _("no_vote"), _("mechanical"),
    _("normal"), _("public"),
    # vote values, attendance
    _("yes"), _("no"), _("abstain"), _("does_not_vote"), _("not_found"), _("invalid"),
    _("blank"), _("present"), _("absent"), _("excused"),
    # advices
    _("positive"), _("positive_with_remarks"), _("cautious"), _("negative"), _("nil"),
    _("read"), _("back_to_proposing_group"),
    _("not_given"), _("advice_under_edit"), _("advice_given"),
)
