"""The organisation profile applied on a site, and how modules read their part of it.

An organisation profile (``profiles/commune`` …) carries a file per module
(``iasolutions-delib.json`` …). A module's import step reads its file when
the profile is applied; a module installed later reads it from the profile
applied last (and the profiles it extends) through ``apply_module_part``.

Re-applying a profile never undoes an administrator's change. Every import
step (and the demo data) goes through two functions that remember, in the
site, what profiles set:

- ``profile_value(key, value, current)``: the value a setting should hold.
  The profile's value when the profile never set that setting, or when the
  setting still holds what the profile set last; otherwise the
  administrator changed it, and their value stays.
- ``should_create(key, exists)``: something a profile (or the demo) provides,
  a service, a holiday, a group membership, is created once; once an
  administrator removed it, it is not created again.

Keys name the setting: ``counters/incoming_mail/format``,
``mail/due_date_extension``, ``calendar/holiday/11-02``…
"""

from contextlib import contextmanager
from contextvars import ContextVar
from copy import deepcopy
from iasolutions.core import counters
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


REGISTRY_PROFILE = "iasolutions.core.organisation.profile"


def organisation_profile():
    """Id of the organisation profile applied last, e.g. 'iasolutions.policy:commune', or ''."""
    return api.portal.get_registry_record(REGISTRY_PROFILE, default="") or ""


def profile_chain(profile_id):
    """The profile and the profiles it extends, the most basic first."""
    setup = api.portal.get_tool("portal_setup")
    chain = []

    def visit(pid):
        pid = pid[len("profile-") :] if pid.startswith("profile-") else pid
        if pid in chain:
            return
        for dependency in setup.getDependenciesForProfile(pid) or ():
            visit(dependency)
        chain.append(pid)

    visit(profile_id)
    return chain


def apply_module_part(step_id):
    """Run one import step from the organisation profile applied on the site."""
    profile = organisation_profile()
    if not profile:
        return
    setup = api.portal.get_tool("portal_setup")
    for pid in profile_chain(profile):
        setup.runImportStepFromProfile("profile-" + pid, step_id, run_dependencies=False)


MEMORY_KEY = "iasolutions.core.organisation.applied"
MISSING = object()
_remembering_only = ContextVar("remembering_only", default=False)


def _memory():
    annotations = IAnnotations(api.portal.get())
    memory = annotations.get(MEMORY_KEY)
    if memory is None:
        memory = annotations[MEMORY_KEY] = PersistentMapping()
    return memory


def _plain(value):
    """A copy that compares as the registry and the content give values back."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    return deepcopy(value)


def profile_value(key, value, current=MISSING):
    """The value setting ``key`` should hold when a profile sets it to ``value``.

    ``current`` is what the site holds now (``MISSING`` when the setting does
    not exist yet). The profile's value wins when the profile never set the
    setting, or when the setting still holds what the profile set last; else
    an administrator changed it and ``current`` is kept. The caller writes the
    result when it differs from ``current``.
    """
    memory = _memory()
    previous = memory.get(key, MISSING)
    if previous != _plain(value):
        memory[key] = _plain(value)
    if current is MISSING:
        return value
    if _remembering_only.get():
        return current
    if previous is MISSING or _plain(current) == previous:
        return value
    return current


def should_create(key, exists):
    """Whether to create what a profile (or the demo) provides under ``key``:
    once only, so that what an administrator removed stays removed."""
    memory = _memory()
    created_before = memory.get(key, False)
    if not created_before:
        memory[key] = True
    return not exists and not created_before and not _remembering_only.get()


@contextmanager
def remembering_only():
    """Record what the profiles set without writing anything: for sites made
    before the profiles' values were remembered (upgrade step)."""
    token = _remembering_only.set(True)
    try:
        yield
    finally:
        _remembering_only.reset(token)


def define_counter(name, definition):
    """Define a counter of a profile ({format, title, reset_yearly}), keeping the
    fields an administrator changed; its value is never touched."""
    current = counters.get_definition(name) if name in counters.counter_names() else None
    wanted = {
        "format": definition.get("format", ""),
        "title": definition.get("title", ""),
        "reset_yearly": bool(definition.get("reset_yearly", False)),
    }
    values = {
        field: profile_value(
            f"counters/{name}/{field}",
            value,
            MISSING if current is None else getattr(current, field),
        )
        for field, value in wanted.items()
    }
    if current is None or any(getattr(current, f) != v for f, v in values.items()):
        counters.define(
            name, values["format"], title=values["title"], reset_yearly=values["reset_yearly"]
        )
