"""The one helper every screen uses for a state's title."""

from iasolutions.core.workflows import state_title


def test_a_state_title_comes_from_the_type_s_workflow(portal):
    assert state_title("organization", "deactivated") in ("Deactivated", "Désactivé")
    assert state_title("organization", "no_such_state") == "no_such_state"
    assert state_title("organization", None) == ""
    assert state_title("NoSuchType", "active") == "active"
