"""The mail module as the trunk sees it: its functions for internal services
and the global groups it creates."""

from iasolutions.core.modules import Function
from iasolutions.core.modules import Module
from iasolutions.mail import _


EDITOR_FUNCTIONS = ("editeur", "n_plus_1", "n_plus_2", "n_plus_3", "n_plus_4", "n_plus_5")
LEVELS = (1, 2, 3, 4, 5)

MODULE = Module(
    id="mail",
    title="Courrier",
    profile="iasolutions.mail:default",
    demo_profile="iasolutions.mail:demo",
    functions=(
        Function("encodeur", _("Outgoing mail creator")),
        Function("lecteur", _("Reader")),
        Function("editeur", _("Editor")),
        Function("n_plus_1", _("N+1")),
        Function("n_plus_2", _("N+2")),
        Function("n_plus_3", _("N+3")),
        Function("n_plus_4", _("N+4")),
        Function("n_plus_5", _("N+5")),
    ),
)

# Global groups of iA.Docs (ids kept from the reference).
ENCODEURS = "encodeurs"
DIR_GENERAL = "dir_general"
EXPEDITION = "expedition"
LECTEURS_GLOBAUX_CE = "lecteurs_globaux_ce"
LECTEURS_GLOBAUX_CS = "lecteurs_globaux_cs"
PRE_MANAGER = "pre_manager"

GLOBAL_GROUPS = (
    (ENCODEURS, "Encodeurs courrier"),
    (DIR_GENERAL, "Direction générale"),
    (EXPEDITION, "Expédition courrier"),
    (LECTEURS_GLOBAUX_CE, "Lecteurs globaux CE"),
    (LECTEURS_GLOBAUX_CS, "Lecteurs globaux CS"),
    (PRE_MANAGER, "Pré-validation DG"),
)

# Role of the user who imports scans (the reference's "Batch importer").
BATCH_IMPORTER = "Batch importer"
