"""Reading and writing the mail settings (registry records ``iasolutions.mail.*``).

The lists of choices (``mail_types``…) are ``ITerm`` rows and the routing rules
``IRoutingRule`` rows (``iasolutions.core.rows``): plain dicts, read as they are."""

from iasolutions.mail.interfaces import IMailSettings
from plone import api
from zope.schema import getFieldNames


PREFIX = "iasolutions.mail"
NAMES = frozenset(getFieldNames(IMailSettings))


def get(name):
    """The value of a setting, or its default when the record is missing."""
    default = IMailSettings[name].default
    value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=default)
    return default if value is None else value


def set(name, value):  # noqa: A001 (shadows the builtin on purpose: settings.set)
    if name not in NAMES:
        raise KeyError(f"Unknown mail setting: {name}")
    field = IMailSettings[name]
    if isinstance(value, list) and getattr(field, "value_type", None) is not None:
        value = [v if isinstance(v, dict) else str(v) for v in value]
    field.validate(value)
    api.portal.set_registry_record(f"{PREFIX}.{name}", value)


def validation_levels():
    """The service validation levels switched on, highest first: (2, 1) for N+2 and N+1."""
    return tuple(range(int(get("imail_validation_levels") or 0), 0, -1))
