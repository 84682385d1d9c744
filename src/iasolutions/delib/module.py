"""The delib module as the trunk sees it, and the functions it gives internal services.

Each internal service gets one Plone group per function, ``<service uid>_<function id>``,
as the reference's ``<org uid>_<suffix>`` groups. The prereviewers and the level 1–5
reviewers only mean something in the configurations whose validation levels use them.
"""

from iasolutions.core.modules import Function
from iasolutions.core.modules import Module
from iasolutions.delib import _


CREATORS = "creators"
REVIEWERS = "reviewers"
OBSERVERS = "observers"
ADVISERS = "advisers"
PREREVIEWERS = "prereviewers"
LEVEL_REVIEWERS = tuple(f"level{i}reviewers" for i in range(1, 6))

FUNCTIONS = (
    Function(CREATORS, _("Creators")),
    Function(REVIEWERS, _("Reviewers")),
    Function(OBSERVERS, _("Observers")),
    Function(ADVISERS, _("Advisers")),
    Function(PREREVIEWERS, _("Prereviewers")),
    Function("level1reviewers", _("Level 1 reviewers")),
    Function("level2reviewers", _("Level 2 reviewers")),
    Function("level3reviewers", _("Level 3 reviewers")),
    Function("level4reviewers", _("Level 4 reviewers")),
    Function("level5reviewers", _("Level 5 reviewers")),
)
FUNCTION_IDS = tuple(function.id for function in FUNCTIONS)

MODULE = Module(
    id="delib",
    title="Délibérations (iA.Delib)",
    profile="iasolutions.delib:default",
    demo_profile="iasolutions.delib:demo",
    functions=FUNCTIONS,
)
