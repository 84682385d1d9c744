"""Policy of iA.Solutions: installs the trunk, registers the organisation
profiles (``profiles/`` at the top of the repository) and the command line."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("iasolutions.policy")
